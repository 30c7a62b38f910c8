"""`api.input.validated` keeps an input serializer's fields between requests instead of DRF's
deep copy per serializer: the answers must be DRF's own, one request's input and errors must
never reach another's, and a serializer that makes its fields its own keeps DRF's copy."""

from __future__ import annotations

import datetime
import threading
import time
import uuid

import pytest
from rest_framework import serializers

from ketenzorg.api import input as api_input
from ketenzorg.api.input import validated
from ketenzorg.coordination.serializers import AgreementCreateSerializer
from ketenzorg.werkproces.api.serializers_gkp import ItemCreateSerializer
from tests import factories

TOMORROW = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()


def drf_answer(serializer_class, data):
    """What DRF itself answers, with its own copy of the fields."""
    serializer = serializer_class(data=data)
    if serializer.is_valid():
        return "valid", dict(serializer.validated_data)
    return "invalid", serializer.errors


def our_answer(serializer_class, data):
    try:
        return "valid", dict(validated(serializer_class, data))
    except serializers.ValidationError as exc:
        return "invalid", exc.detail


@pytest.fixture
def professional(db):
    return factories.make_professional()


def agreement_inputs(professional):
    return [
        {"what": "Gesprek met school", "due_on": TOMORROW,
         "responsible_professional": str(professional.uuid)},
        {"what": "", "due_on": "gisteren"},
        {"what": "Huisbezoek", "due_on": TOMORROW, "responsible_professional": str(uuid.uuid4())},
        {"what": "Huisbezoek", "due_on": TOMORROW, "responsible_professional": "geen-uuid"},
        {"what": "x" * 501, "due_on": TOMORROW, "meeting": "ook-geen-uuid"},
        {},
    ]  # fmt: skip


def gkp_inputs():
    return [
        {"meeting": str(uuid.uuid4()), "question": "Wat past?", "summary": "Een gezin",
         "shared_parts": ["bogus"]},
        {"question": "", "summary": "", "shared_parts": "geen lijst"},
        {"meeting": "geen-uuid", "question": "Wat past?", "summary": "Een gezin"},
    ]  # fmt: skip


@pytest.mark.django_db
def test_the_answers_are_drfs_own_request_after_request(professional):
    # Twice over every input, in turns: the second round uses the kept fields.
    cases = [(AgreementCreateSerializer, data) for data in agreement_inputs(professional)]
    cases += [(ItemCreateSerializer, data) for data in gkp_inputs()]
    for _ in range(2):
        for serializer_class, data in cases:
            assert our_answer(serializer_class, data) == drf_answer(serializer_class, data)
    assert api_input._SPARE_FIELDS[AgreementCreateSerializer]  # the fields were kept


@pytest.mark.django_db
def test_the_kept_fields_are_bound_to_the_serializer_that_uses_them(professional, monkeypatch):
    validated(AgreementCreateSerializer, agreement_inputs(professional)[0])
    fields = api_input._SPARE_FIELDS[AgreementCreateSerializer][-1]
    seen = []
    original = AgreementCreateSerializer.validate

    def validate(self, attrs):
        seen.append(all(self.fields[name] is field and field.parent is self
                        for name, field in fields.items()))  # fmt: skip
        return original(self, attrs)

    monkeypatch.setattr(AgreementCreateSerializer, "validate", validate)
    validated(AgreementCreateSerializer, agreement_inputs(professional)[0])
    assert seen == [True]
    assert {f.field_name for f in fields.values()} == set(fields)


class FieldsOfItsOwn(serializers.Serializer):
    """A serializer that changes its own field while it is made: an optional note when asked."""

    note = serializers.CharField()

    def __init__(self, *args, optional=False, **kwargs):
        super().__init__(*args, **kwargs)
        if optional:
            self.fields["note"].required = False


def test_a_serializer_that_changes_its_fields_keeps_drfs_copy():
    assert validated(FieldsOfItsOwn, {}, optional=True) == {}
    assert FieldsOfItsOwn not in api_input._SPARE_FIELDS  # its changed fields were not kept
    for optional in (False, True, False):
        if optional:
            assert validated(FieldsOfItsOwn, {}, optional=True) == {}
        else:
            with pytest.raises(serializers.ValidationError) as refused:
                validated(FieldsOfItsOwn, {})
            assert "note" in refused.value.detail
    kept = api_input._SPARE_FIELDS[FieldsOfItsOwn]  # only the unchanged ones
    assert kept and all(fields["note"].required for fields in kept)


class WhoAsks(serializers.CharField):
    """A field that reads its serializer's context twice, a moment apart, as a field that
    depends on the request does: a set of fields shared by two threads would read the other's."""

    def to_internal_value(self, data):
        first = self.context["who"]
        time.sleep(0.0002)
        return f"{first}/{self.context['who']}/{super().to_internal_value(data)}"


def test_threads_never_share_a_set_of_fields():
    """Eight threads at once, each with its own context and text: each gets its own back."""
    errors, barrier = [], threading.Barrier(8)

    class Note(serializers.Serializer):
        text = WhoAsks(max_length=40)
        count = serializers.IntegerField(min_value=0)

    def work(n):
        barrier.wait()
        for i in range(100):
            try:
                data = validated(Note, {"text": f"keer {i}", "count": str(i)}, context={"who": n})
                if data != {"text": f"{n}/{n}/keer {i}", "count": i}:
                    errors.append((n, i, data))
                validated(Note, {"text": "x" * 41, "count": -1}, context={"who": n})
                errors.append((n, i, "bad input passed"))
            except serializers.ValidationError as exc:
                if set(exc.detail) != {"text", "count"}:
                    errors.append((n, i, exc.detail))

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert 1 <= len(api_input._SPARE_FIELDS[Note]) <= 8
