"""The one door holds by construction: a refusal is logged in `access.door` and nowhere else.

These read the product's source, so a new module that logs its own refusal, or raises
`AccessDenied` without logging it, fails here before it can ship.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import ketenzorg
from ketenzorg.access import door
from ketenzorg.audit.models import AuditEntry

SRC = Path(ketenzorg.__file__).parent
DOOR = SRC / "access" / "door.py"
GUARD_MODULES = sorted(SRC.glob("*/guards.py"))


def _modules():
    for path in sorted(SRC.rglob("*.py")):
        if "migrations" not in path.parts:
            yield path, ast.parse(path.read_text(), filename=str(path))


def _refusals_outside_the_door(modules=None):
    found = []
    for path, tree in modules if modules is not None else _modules():
        if path == DOOR:
            continue
        name = path.relative_to(SRC) if path.is_relative_to(SRC) else path.name
        for node in ast.walk(tree):
            # `Outcome.DENIED` written anywhere but the door is a refusal logged by hand.
            if isinstance(node, ast.Attribute) and node.attr == "DENIED":
                if isinstance(node.value, ast.Name) and node.value.id == "Outcome":
                    found.append(f"{name}:{node.lineno} Outcome.DENIED")
            # Raising AccessDenied outside the door skips the log.
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "AccessDenied":
                found.append(f"{name}:{node.lineno} AccessDenied(...)")
    return found


def test_only_the_door_logs_a_refusal_or_raises_access_denied():
    # audit (the log itself) and privacy (its screens) read the log and filter on the outcome.
    readers = ("audit/", "privacy/")
    offenders = [f for f in _refusals_outside_the_door() if not f.startswith(readers)]
    assert offenders == []


def test_every_app_with_personal_data_has_a_guards_module_that_uses_the_door():
    apps = {path.parent.name for path in GUARD_MODULES}
    assert {"families", "coordination", "frontdoor", "network"} <= apps
    for path in GUARD_MODULES:
        source = path.read_text()
        assert "door." in source, f"{path.relative_to(SRC)} does not go through access.door"


def test_the_walk_finds_a_hand_written_refusal(tmp_path):
    # The check above must be able to fail: the same walk over a module that logs its own refusal.
    bad = tmp_path / "views.py"
    bad.write_text(
        "from ketenzorg.core.errors import AccessDenied\n"
        "def f(actor):\n"
        "    audit_record(actor=actor, outcome=Outcome.DENIED)\n"
        "    raise AccessDenied('nee')\n"
    )
    found = _refusals_outside_the_door([(bad, ast.parse(bad.read_text()))])
    assert sorted(found) == ["views.py:3 Outcome.DENIED", "views.py:4 AccessDenied(...)"]


@pytest.mark.django_db
def test_a_refused_write_is_logged_as_that_write(professional):
    from ketenzorg.access.policy import Decision
    from ketenzorg.core.errors import AccessDenied

    with pytest.raises(AccessDenied):
        door.require(
            professional.user,
            Decision(False, reason="niet betrokken"),
            action="update",
            object_type="coordination.Case",
            message="nee",
        )
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.outcome, entry.reason) == ("update", "denied", "niet betrokken")


PERSONAL_DATA_MODELS = {
    "Family",
    "Person",
    "Involvement",
    "EmergencyAccess",
    "EmergencyAccessReview",
    "Case",
    "Meeting",
    "Agreement",
    "AgreementCheckIn",
    "PlanVersion",
    "StagnationSignal",
    "CaseEvent",
    "Question",
    "ContactMoment",
    "Werkproces",
    "StepEvaluation",
    "Transition",
    "Consultation",
    "Finding",
    "ConsultationEvaluation",
    "Consent",
}
THIN_MODULES = ("views", "api", "forms", "serializers")


def test_views_and_api_modules_never_query_personal_data_themselves():
    """Reads go through a selector (and so through a guard); a view has no other way in."""
    offenders = []
    for path, tree in _modules():
        stem = path.stem
        if not (stem in THIN_MODULES or stem.startswith("views") or path.parent.name == "views"):
            continue
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and node.attr == "objects"
                and isinstance(node.value, ast.Name)
                and node.value.id in PERSONAL_DATA_MODELS
            ):
                offenders.append(f"{path.relative_to(SRC)}:{node.lineno} {node.value.id}.objects")
    assert offenders == []
