"""`core.inserts.insert_one` writes the row `save()` would have written."""

from __future__ import annotations

import pytest
from django.db.models import signals

from ketenzorg.core.inserts import insert_one
from ketenzorg.families.models import Person
from ketenzorg.network.models import Organisation, OrganisationKind
from tests import factories

pytestmark = pytest.mark.django_db


def _columns(instance) -> dict:
    fields = [f for f in type(instance)._meta.concrete_fields if not f.primary_key]
    row = type(instance).objects.values(*(f.attname for f in fields)).get(pk=instance.pk)
    return {k: v for k, v in row.items() if k not in ("uuid", "name", "created_at", "updated_at")}


def test_the_row_is_the_one_save_writes(django_assert_num_queries):
    """Every column as `save()` writes it: defaults, foreign keys by id, auto_now filled in;
    the instance gets its id and counts as saved; one statement."""
    kwargs = {"kind": OrganisationKind.OKT, "domains": ["zorg", "onderwijs"]}
    saved = Organisation(name="Proeforganisatie Bewaard", **kwargs)
    saved.save()
    with django_assert_num_queries(1):
        inserted = insert_one(Organisation(name="Proeforganisatie Invoer", **kwargs))
    assert inserted.pk and inserted.pk != saved.pk
    assert not inserted._state.adding and inserted._state.db == "default"
    assert _columns(inserted) == _columns(saved)
    fresh = Organisation.objects.get(pk=inserted.pk)
    assert fresh.uuid == inserted.uuid
    assert fresh.created_at is not None and fresh.created_at == inserted.created_at


def test_a_foreign_key_and_a_date_are_written_as_save_writes_them():
    family = factories.register_family(factories.make_professional("okt"))
    member = family.members.first()
    fields = ("family", "given_name", "family_name", "birthdate", "role", "has_parental_authority")
    kwargs = {name: getattr(member, name) for name in fields}
    copy = insert_one(Person(**kwargs))
    assert _columns(copy) == _columns(member)


def test_an_unsaved_related_object_is_refused_as_save_refuses_it():
    organisation = Organisation(name="Nog niet opgeslagen", kind=OrganisationKind.OKT)
    professional = factories.make_professional("okt")
    professional.pk = None
    professional.organisation = organisation
    with pytest.raises(ValueError, match="unsaved related object"):
        insert_one(professional)


def test_save_signals_are_sent_as_save_sends_them():
    sent = []

    def before(sender, instance, raw, using, update_fields, **kwargs):
        sent.append(("pre", instance.pk, raw, using, update_fields))

    def after(sender, instance, created, raw, using, update_fields, **kwargs):
        sent.append(("post", instance.pk is not None, created, raw, using, update_fields))

    signals.pre_save.connect(before, sender=Organisation)
    signals.post_save.connect(after, sender=Organisation)
    try:
        insert_one(Organisation(name="Met signaal", kind=OrganisationKind.OKT))
    finally:
        signals.pre_save.disconnect(before, sender=Organisation)
        signals.post_save.disconnect(after, sender=Organisation)
    assert sent == [
        ("pre", None, False, "default", None),
        ("post", True, True, False, "default", None),
    ]


def test_a_taken_unique_value_writes_nothing_and_the_transaction_goes_on():
    """`unless_taken`: the unique index answers in the insert itself; a taken value gives None
    and no error, so the caller's transaction (PostgreSQL aborts one on an error) goes on."""
    from django.db import transaction

    first = insert_one(Organisation(name="Proef Uniek"), unless_taken="uuid")
    assert first is not None
    with transaction.atomic():
        again = insert_one(Organisation(name="Proef Dubbel", uuid=first.uuid), unless_taken="uuid")
        assert again is None
        other = insert_one(Organisation(name="Proef Daarna"), unless_taken="uuid")
        assert other is not None and other.pk
    assert set(
        Organisation.objects.filter(name__startswith="Proef ").values_list("name", flat=True)
    ) == {
        "Proef Uniek",
        "Proef Daarna",
    }
    with pytest.raises(TypeError):
        insert_one(Organisation(name="Proef Geen"), unless_taken="kind")
