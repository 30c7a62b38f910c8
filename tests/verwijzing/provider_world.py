"""The provider's side of the referral world: the referral forwarded to the provider (from
tests/verwijzing/conftest.py), Kim with a test BSN, and the referral taken further through the
real services — accepted, contacted, in care, ended."""

from __future__ import annotations

import pytest
from django.utils import timezone

from ketenzorg.verwijzing import ijw_export
from ketenzorg.verwijzing.services import referral as services

TEST_BSN = "999990019"  # passes the elfproef, belongs to nobody


@pytest.fixture
def kim_bsn(kim):
    kim.set_bsn(TEST_BSN)
    kim.save(update_fields=["bsn_encrypted", "bsn_lookup", "bsn_last4"])
    return kim


@pytest.fixture
def accepted(aanbieder, forwarded):
    return services.referral_accept(actor=aanbieder.user, referral_uuid=forwarded.uuid)


@pytest.fixture
def contacted(aanbieder, accepted):
    return services.referral_first_contact(
        actor=aanbieder.user,
        referral_uuid=accepted.uuid,
        contacted_at=timezone.now(),
        note="Gebeld met Sam, afspraak gemaakt",
    )


@pytest.fixture
def in_care(aanbieder, contacted):
    return services.referral_start_care(
        actor=aanbieder.user, referral_uuid=contacted.uuid, on=timezone.localdate()
    )


@pytest.fixture
def ended(aanbieder, in_care):
    return services.referral_end_care(
        actor=aanbieder.user,
        referral_uuid=in_care.uuid,
        on=timezone.localdate(),
        reason=ijw_export.stop_reason_text("02", "Samen afgerond"),
    )
