"""The pyramid and the Poisson rise test, with p-values worked out by hand."""

from __future__ import annotations

import math

import pytest

from ketenzorg.signaal import rules


def test_the_pyramid_adds_up_to_everyone():
    shares = rules.expected_shares()
    assert shares == {1: 0.85, 2: 0.10, 3: 0.035, 4: 0.0147, 5: 0.0003}
    assert sum(shares.values()) == pytest.approx(1.0)
    assert rules.expected_counts(10000)[3] == pytest.approx(350)


def test_poisson_tail_known_values():
    # P(X >= 1 | 1) = 1 - e^-1
    assert rules.poisson_upper_tail(1, 1.0) == pytest.approx(1 - math.exp(-1))
    # P(X >= 3 | 1) = 1 - e^-1 (1 + 1 + 1/2) = 0.0803013970713942
    assert rules.poisson_upper_tail(3, 1.0) == pytest.approx(0.0803013970713942)
    # P(X >= 20 | 10) = 0.00345434197585...
    assert rules.poisson_upper_tail(20, 10.0) == pytest.approx(0.0034543419758567, rel=1e-9)
    assert rules.poisson_upper_tail(0, 5.0) == 1.0
    assert rules.poisson_upper_tail(1, 0.0) == 0.0
    # far in the tail the sum stays exact instead of 1 - (nearly 1)
    assert 0 < rules.poisson_upper_tail(300, 200.0) < 1e-10


def test_a_topic_that_doubles_against_a_steady_baseline_rises():
    result = rules.rises_unusually(20, [10, 10, 10, 10, 10, 10])
    assert result.tested and result.rises and result.baseline == 10
    assert result.p_value == pytest.approx(0.0034543419758567, rel=1e-9)


def test_an_ordinary_month_does_not_rise():
    result = rules.rises_unusually(15, [10, 12, 9, 11, 10, 8])
    assert result.tested and not result.rises and result.p_value > 0.01


def test_no_test_without_history_a_baseline_or_a_published_month():
    assert not rules.rises_unusually(20, [10, 10, 10]).tested
    assert not rules.rises_unusually(None, [10] * 6).tested
    assert not rules.rises_unusually(20, [10, 10, None, 10, 10, 10]).tested
    low = rules.rises_unusually(3, [0, 0, 1, 0, 0, 0])
    assert not low.tested and low.baseline == pytest.approx(1 / 6)


def test_only_the_last_months_are_the_baseline():
    # an old busy period does not hide a rise now
    result = rules.rises_unusually(25, [40, 40, 10, 10, 10, 10, 10, 10])
    assert result.baseline == 10 and result.rises
