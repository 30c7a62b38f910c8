"""The iJw export of a referral: each message exists from its moment in the chain, carries the
child, the provider and the voorziening as recorded, and validates against the shipped XSD."""

from __future__ import annotations

import pytest
from django.utils import timezone

from ketenzorg import ijw
from ketenzorg.audit.models import AuditEntry, Outcome
from ketenzorg.core.errors import Conflict, NotFound, ValidationFailed
from ketenzorg.verwijzing import ijw_export, selectors_ijw
from ketenzorg.verwijzing.models import Frequency, VolumeUnit
from tests.verwijzing.provider_world import *  # noqa: F403
from tests.verwijzing.provider_world import TEST_BSN


def test_every_unit_and_frequency_of_a_voorziening_has_its_ijw_code():
    assert set(ijw_export.UNITS) == set(VolumeUnit)
    assert set(ijw_export.FREQUENCIES) == set(Frequency)
    assert set(ijw_export.UNITS.values()) <= set(ijw.Unit)
    # No two of ours on one of theirs: the message says what the voorziening says.
    assert len(set(ijw_export.UNITS.values())) == len(VolumeUnit)
    assert len(set(ijw_export.FREQUENCIES.values())) == len(Frequency)


def test_initials_and_the_stop_reason_text():
    assert ijw_export.initials("Kim") == "K"
    assert ijw_export.initials("anna maria 'T") == "AMT"
    assert ijw_export.initials("A B C D E F G") == "ABCDEF"
    text = ijw_export.stop_reason_text("03", "Gezin verhuisd")
    assert text == "03 eenzijdig beëindigd door de cliënt: Gezin verhuisd"
    assert ijw_export.stop_reason_of(text) == ijw.StopReason.BY_CLIENT
    assert ijw_export.stop_reason_of("hand geschreven") == ijw.StopReason.OTHER


def test_the_organisation_code_is_eight_digits_from_the_key(provider):
    code = ijw_export.organisation_code(provider)
    assert len(code) == 8 and code.isdigit() and int(code) == provider.pk


def _xml_roundtrip(message):
    data = ijw.to_xml(message)
    ijw.validate_xml(data)  # the XSD
    assert ijw.from_xml(data) == message  # and the builders' own checks
    return data


def test_all_four_messages_validate_against_the_xsd(kim_bsn, ended, provider, settings):
    settings.KETENZORG_GEMEENTE_CODE = "0363"
    ended.refresh_from_db()
    request = ijw_export.build(ended, "JW315")
    assignment = ijw_export.build(ended, "jw301")
    start = ijw_export.build(ended, ijw.MessageKind.START)
    stop = ijw_export.build(ended, "JW307")
    for message in (request, assignment, start, stop):
        _xml_roundtrip(message)
        assert message.client.bsn == TEST_BSN
        assert message.client.initials == "K" and message.client.family_name == "Proefmans"
        assert message.header.gemeente == "0363"
    assert request.header.sender.code == ijw_export.organisation_code(provider)
    assert assignment.header.receiver.name == provider.name
    assert assignment.header.sender.code == "99990363"
    assert assignment.assignment_number == ended.assignment_number
    assert assignment.request_reference == request.reference == f"VZ-{ended.pk}"
    assert request.scope == ijw.Scope(volume=3, unit=ijw.Unit.HOUR, frequency=ijw.Frequency.WEEK)
    assert request.product == ijw.Product(category=ijw.Category.AMBULANT, code="45A01")
    assert start.start == ended.care_started_on
    assert stop.end == ended.care_ended_on and stop.reason == ijw.StopReason.AGREED


def test_the_same_message_keeps_its_id(kim_bsn, accepted):
    first = ijw_export.build(accepted, "JW301")
    again = ijw_export.build(accepted, "JW301", now=timezone.now())
    assert first.header.message_id == again.header.message_id
    assert ijw_export.build(accepted, "JW315").header.message_id != first.header.message_id


def test_a_message_exists_only_from_its_moment(kim_bsn, forwarded):
    assert [k.value for k in ijw_export.available_kinds(forwarded)] == ["JW315", "JW301"]
    for kind in ("JW305", "JW307"):
        with pytest.raises(Conflict, match="bestaat pas"):
            ijw_export.build(forwarded, kind)
    with pytest.raises(ValidationFailed):
        ijw_export.build(forwarded, "JW999")


def test_without_a_bsn_no_message(forwarded):
    with pytest.raises(Conflict, match="Zonder BSN geen iJw-bericht"):
        ijw_export.build(forwarded, "JW301")


def test_each_fetch_is_a_logged_look_and_others_are_refused(
    forwarded, kim_bsn, aanbieder, okt, verbinder, other_aanbieder
):
    for actor in (aanbieder, okt, verbinder):
        before = AuditEntry.objects.filter(object_type="verwijzing.IjwMessage").count()
        message = selectors_ijw.ijw_message(
            actor=actor.user, referral_uuid=forwarded.uuid, kind="JW301"
        )
        assert message.client.bsn == TEST_BSN
        after = AuditEntry.objects.filter(
            object_type="verwijzing.IjwMessage", user_id_snapshot=actor.user.pk
        )
        assert (
            after.count() == 1
            and before + 1 == AuditEntry.objects.filter(object_type="verwijzing.IjwMessage").count()
        )
    with pytest.raises(NotFound):
        selectors_ijw.ijw_message(
            actor=other_aanbieder.user, referral_uuid=forwarded.uuid, kind="JW301"
        )
    assert AuditEntry.objects.filter(
        user_id_snapshot=other_aanbieder.user.pk, outcome=Outcome.DENIED
    ).exists()


def test_a_withdrawn_consent_stops_the_providers_ijw_fetch_too(
    forwarded, kim_bsn, aanbieder, okt, provider_consent, sam
):
    from ketenzorg.consent import services as consent_services
    from ketenzorg.core.errors import AccessDenied

    consent_services.consent_withdraw(
        actor=okt.user, consent_uuid=provider_consent.uuid, withdrawn_by=sam, note="Ingetrokken"
    )
    with pytest.raises(AccessDenied):
        selectors_ijw.ijw_message(actor=aanbieder.user, referral_uuid=forwarded.uuid, kind="JW301")
    assert AuditEntry.objects.filter(
        user_id_snapshot=aanbieder.user.pk,
        outcome=Outcome.DENIED,
        object_type="verwijzing.IjwMessage",
    ).exists()
    # the case's professional still has it
    selectors_ijw.ijw_message(actor=okt.user, referral_uuid=forwarded.uuid, kind="JW301")
