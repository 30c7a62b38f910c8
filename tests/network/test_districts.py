"""The district tree: stadsdeel under a stad, gebied under a stadsdeel, never a cycle."""

import pytest
from django.urls import reverse

from ketenzorg.audit.models import Action
from ketenzorg.core.errors import AccessDenied, ValidationFailed
from ketenzorg.network import rules, selectors, services
from ketenzorg.network.models import District, DistrictKind
from ketenzorg.network.services import DistrictInput
from tests import factories
from tests.network.helpers import audited, city_tree

pytestmark = pytest.mark.django_db


def _errors(excinfo) -> str:
    return " ".join(m for messages in excinfo.value.field_errors.values() for m in messages)


@pytest.mark.parametrize(
    "kind,parent_kind,ok",
    [
        ("stad", None, True),
        ("stad", "stad", False),
        ("stadsdeel", "stad", True),
        ("stadsdeel", None, False),
        ("stadsdeel", "gebied", False),
        ("gebied", "stadsdeel", True),
        ("gebied", "stad", False),
        ("gebied", None, False),
    ],
)
def test_parent_kind_rule(kind, parent_kind, ok):
    assert (rules.district_parent_error(kind, parent_kind) == "") is ok


def test_cycle_rule():
    parents = {1: None, 2: 1, 3: 2}
    assert rules.creates_cycle(1, 3, parents)
    assert rules.creates_cycle(2, 2, parents)
    assert not rules.creates_cycle(3, 1, parents)


def test_create_tree_and_audit(beheerder):
    actor = beheerder.user
    city = services.district_create(actor=actor, data=DistrictInput(name="Almere", kind="stad"))
    deel = services.district_create(
        actor=actor, data=DistrictInput(name="Haven", kind="stadsdeel", parent=city)
    )
    services.district_create(
        actor=actor,
        data=DistrictInput(
            name="Centrum", kind="gebied", parent=deel, postcode_prefixes="1315, 1316"
        ),
    )
    tree = selectors.district_tree()
    assert tree[0].district == city
    assert tree[0].children[0].children[0].district.postcode_prefixes == "1315,1316"
    assert audited(Action.CREATE, "network.District", deel.uuid)


def test_wrong_parent_kind_is_refused_in_dutch(beheerder):
    city, _, gebied = city_tree()
    with pytest.raises(ValidationFailed) as excinfo:
        services.district_create(
            actor=beheerder.user, data=DistrictInput(name="X", kind="gebied", parent=city)
        )
    assert "Een gebied valt onder een stadsdeel, niet onder een stad." in _errors(excinfo)
    with pytest.raises(ValidationFailed) as excinfo:
        services.district_create(
            actor=beheerder.user, data=DistrictInput(name="Y", kind="stadsdeel", parent=gebied)
        )
    assert "niet onder een gebied" in _errors(excinfo)


def test_no_cycle_and_no_orphaned_children(beheerder):
    city, stadsdeel, gebied = city_tree()
    other_city = factories.make_district("Lelystad", kind=DistrictKind.CITY)
    with pytest.raises(ValidationFailed) as excinfo:
        # a city cannot hang below its own grandchild, whatever kind it pretends to be
        services.district_update(
            actor=beheerder.user,
            district=stadsdeel,
            data=DistrictInput(name="Haven", kind="gebied", parent=stadsdeel),
        )
    assert "onder zichzelf" in _errors(excinfo)
    with pytest.raises(ValidationFailed) as excinfo:
        services.district_update(
            actor=beheerder.user,
            district=stadsdeel,
            data=DistrictInput(name="Haven", kind="gebied", parent=other_city),
        )
    assert "onderliggende gebieden" in _errors(excinfo)
    moved = services.district_update(
        actor=beheerder.user,
        district=stadsdeel,
        data=DistrictInput(name="Haven", kind="stadsdeel", parent=other_city),
    )
    assert moved.parent == other_city
    assert audited(Action.UPDATE, "network.District", stadsdeel.uuid)


def test_duplicate_name_under_same_parent(beheerder):
    city, _, _ = city_tree()
    with pytest.raises(ValidationFailed) as excinfo:
        services.district_create(
            actor=beheerder.user, data=DistrictInput(name="haven", kind="stadsdeel", parent=city)
        )
    assert "Er is al een gebied 'haven' onder Almere." in _errors(excinfo)


def test_bad_postcode_prefix(beheerder):
    with pytest.raises(ValidationFailed) as excinfo:
        services.district_create(
            actor=beheerder.user,
            data=DistrictInput(name="A", kind="stad", postcode_prefixes="13,1315"),
        )
    assert "niet goed: 13" in _errors(excinfo)


def test_only_beheerder_may_write(professional):
    with pytest.raises(AccessDenied):
        services.district_create(
            actor=professional.user, data=DistrictInput(name="Almere", kind="stad")
        )


def test_screen_create_and_errors(admin_client):
    city, stadsdeel, _ = city_tree()
    form = admin_client.get(
        reverse("network:district_create"), {"onder": stadsdeel.uuid}
    ).content.decode()
    assert 'value="gebied" selected' in form
    bad = admin_client.post(
        reverse("network:district_create"),
        {"name": "Noord", "kind": "gebied", "parent": str(city.uuid)},
    )
    assert bad.status_code == 400
    assert "Een gebied valt onder een stadsdeel, niet onder een stad." in bad.content.decode()
    ok = admin_client.post(
        reverse("network:district_create"),
        {"name": "Noord", "kind": "gebied", "parent": str(stadsdeel.uuid)},
    )
    assert ok.status_code == 302
    assert District.objects.get(name="Noord").parent == stadsdeel


def test_screen_edit_excludes_itself_as_parent(admin_client):
    _, stadsdeel, _ = city_tree()
    page = admin_client.get(
        reverse("network:district_edit", args=[stadsdeel.uuid])
    ).content.decode()
    assert f'<option value="{stadsdeel.uuid}"' not in page
    response = admin_client.post(
        reverse("network:district_edit", args=[stadsdeel.uuid]),
        {"name": "Haven-Oost", "kind": "stadsdeel", "parent": str(stadsdeel.parent.uuid)},
    )
    assert response.status_code == 302
    stadsdeel.refresh_from_db()
    assert stadsdeel.name == "Haven-Oost"


def test_tree_is_nested_on_the_page(admin_client):
    city_tree()
    body = admin_client.get(reverse("network:district_list")).content.decode()
    main = body[body.index("<main") :]
    assert (
        main.index("<strong>Almere") < main.index("<strong>Haven") < main.index("<strong>Centrum")
    )
    assert main.count("<ul>") == 3


def test_bad_parent_uuid_in_query_is_404(admin_client):
    assert (
        admin_client.get(reverse("network:district_create"), {"onder": "niet-een-uuid"}).status_code
        == 404
    )
