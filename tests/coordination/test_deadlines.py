"""The procescoördinator convenes within 5 Dutch working days: weekends and national holidays skipped."""

from datetime import date

import pytest

from ketenzorg.coordination import rules


@pytest.mark.parametrize(
    "reached,deadline,why",
    [
        (
            date(2026, 11, 23),
            date(2026, 11, 30),
            "maandag: vijf werkdagen later is de volgende maandag",
        ),
        (date(2026, 11, 27), date(2026, 12, 4), "vrijdag: het weekend telt niet"),
        (date(2026, 11, 28), date(2026, 12, 4), "zaterdag: tellen begint maandag"),
        (
            date(2026, 12, 22),
            date(2026, 12, 30),
            "kerst: 25 en 26 december (en het weekend) tellen niet",
        ),
        (date(2026, 12, 24), date(2027, 1, 4), "kerst en nieuwjaar overbrugd"),
        (
            date(2027, 3, 24),
            date(2027, 4, 1),
            "Goede Vrijdag 26 maart telt mee (niet in de termijnenwet), Tweede paasdag niet",
        ),
        (date(2027, 3, 25), date(2027, 4, 2), "Tweede paasdag 29 maart 2027 telt niet"),
        (date(2026, 4, 23), date(2026, 5, 1), "Koningsdag 27 april 2026 telt niet"),
        (
            date(2025, 4, 24),
            date(2025, 5, 1),
            "Koningsdag 26 april 2025 valt op zaterdag: geen extra dag",
        ),
        (
            date(2026, 5, 1),
            date(2026, 5, 11),
            "5 mei Bevrijdingsdag telt niet (ook buiten lustrumjaren)",
        ),
    ],
)
def test_convene_deadline(reached, deadline, why):
    assert rules.convene_deadline(reached) == deadline, why
