"""Small texts on the case screens read right."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ketenzorg.coordination import services
from ketenzorg.coordination.models import Agreement
from tests import factories

pytestmark = pytest.mark.django_db


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def test_an_overdue_agreement_on_the_dashboard_reads_te_laat_without_a_stray_space(
    client, case, okt
):
    today = timezone.localdate()
    agreement = services.agreement_add(
        actor=okt.user, case=case, what="Bellen", due_on=today, responsible_professional=okt
    )
    Agreement.objects.filter(pk=agreement.pk).update(due_on=today - timedelta(days=2))
    factories.verified_login(client, okt.user)
    text = _text(client.get(reverse("coordination:dashboard")).content.decode())
    assert "(te laat)" in text
    assert "(te laat )" not in text
