"""Small builders shared by the network tests."""

from ketenzorg.audit.models import AuditEntry
from ketenzorg.network.models import DistrictKind
from tests import factories


def city_tree():
    """Almere › Haven › Centrum, the smallest tree with all three kinds."""
    city = factories.make_district("Almere", kind=DistrictKind.CITY)
    stadsdeel = factories.make_district("Haven", kind=DistrictKind.STADSDEEL, parent=city)
    gebied = factories.make_district("Centrum", kind=DistrictKind.GEBIED, parent=stadsdeel)
    return city, stadsdeel, gebied


def audited(action: str, object_type: str, object_uuid=None):
    entries = AuditEntry.objects.filter(action=action, object_type=object_type, outcome="success")
    if object_uuid is not None:
        entries = entries.filter(object_uuid=str(object_uuid))
    return entries.exists()
