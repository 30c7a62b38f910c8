"""The referral's queued work: documents rendered and sealed through the task code, retried when
the store is unwritable, marked failed after the last attempt; notifications that say only that
something waits, sent once."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from ketenzorg.core.queue import run_queued
from ketenzorg.documents import vault
from ketenzorg.verwijzing import tasks
from ketenzorg.verwijzing.models import DocumentKind, DocumentState
from ketenzorg.verwijzing.services import referral as services
from tests.verwijzing.conftest import COMPLETION


def _time_passes():
    """Every waiting retry is due now (the clock is not ours to turn: move the rows)."""
    DBTaskResult.objects.filter(status="READY").update(
        run_after=timezone.now() - timedelta(seconds=1)
    )


def test_the_verwijsformat_is_sealed_and_the_file_is_not_readable_as_text(sent):
    document = sent.documents.get(kind=DocumentKind.FORM)
    assert document.state == DocumentState.READY
    on_disk = vault.document_path(document.sealed.uuid).read_bytes()
    pdf = vault.unseal(document.sealed)
    assert pdf.startswith(b"%PDF")
    # No 16-byte piece of the PDF lies on disk. (The PDF's text is compressed, so a name is not
    # in it to look for; and three letters such as "Kim" turn up in random ciphertext by chance.)
    pieces = [pdf[at : at + 16] for at in range(0, len(pdf) - 16, 16)]
    assert pieces and not any(piece in on_disk for piece in pieces)


def test_rendering_is_retried_while_the_store_cannot_be_written_then_fails(
    okt, draft, gkp_consent, settings, tmp_path
):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the document folder should be")
    settings.KETENZORG_DOCUMENT_DIR = blocked
    services.referral_form_save(actor=okt.user, referral_uuid=draft.uuid, form=COMPLETION)
    services.referral_send(actor=okt.user, referral_uuid=draft.uuid)
    document = draft.documents.get(kind=DocumentKind.FORM)
    for _attempt in range(tasks.MAX_ATTEMPTS):
        run_queued()
        _time_passes()
        document.refresh_from_db()
        if document.state != DocumentState.QUEUED:
            break
    assert document.state == DocumentState.FAILED and document.sealed is None
    # the step itself stands: the referral was sent
    draft.refresh_from_db()
    assert draft.status == "verzonden"


def test_a_retry_after_the_store_is_back_finishes_the_job(
    okt, draft, gkp_consent, settings, tmp_path
):
    blocked = tmp_path / "later-a-folder"
    blocked.write_text("")
    settings.KETENZORG_DOCUMENT_DIR = blocked
    services.referral_form_save(actor=okt.user, referral_uuid=draft.uuid, form=COMPLETION)
    services.referral_send(actor=okt.user, referral_uuid=draft.uuid)
    run_queued()
    document = draft.documents.get(kind=DocumentKind.FORM)
    assert document.state == DocumentState.QUEUED
    blocked.unlink()
    _time_passes()
    run_queued()
    document.refresh_from_db()
    assert document.state == DocumentState.READY
