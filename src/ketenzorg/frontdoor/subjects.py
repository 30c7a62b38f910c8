"""Whose data a question or contact moment is: the subjects of its access-log entries.

Apart from the services so that selectors and guards can name them without
importing the writes.
"""

from __future__ import annotations

from ketenzorg.audit.services import Subject


def question_subjects(question) -> list[Subject]:
    """The family once linked, otherwise the question itself (an unknown asker)."""
    subjects = [Subject("question", question.uuid)]
    if question.family_id:
        subjects.append(Subject("family", question.family.uuid))
    return subjects


def contact_subjects(moment) -> list[Subject]:
    subjects = [Subject("contactmoment", moment.uuid)]
    if moment.family_id:
        subjects.append(Subject("family", moment.family.uuid))
    return subjects
