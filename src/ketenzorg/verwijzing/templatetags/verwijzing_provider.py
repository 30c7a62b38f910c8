"""What the provider's part of the referral page asks of a referral it already has in hand."""

from django import template
from django.utils import timezone

from ketenzorg.verwijzing import ijw_export

register = template.Library()


@register.filter
def ijw_kinds(referral) -> list[tuple[str, str]]:
    """The iJw messages this referral has by now: (kind, Dutch name)."""
    return [(k.value, str(ijw_export.KIND_NAMES[k])) for k in ijw_export.available_kinds(referral)]


@register.simple_tag
def today_iso() -> str:
    return timezone.localdate().isoformat()
