"""Keyboard use: the skip link is the first stop and takes focus to the content.

(Not on /inloggen/: Django's login form puts `autofocus` on the username field,
so there the first Tab leaves that field, as intended.)
"""

import pytest

from tests import factories


def assert_skip_link_first_and_working(page):
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => [document.activeElement.tagName, document.activeElement.textContent.trim()]"
    )
    assert focused == ["A", "Naar de inhoud"]
    box = page.evaluate("() => document.activeElement.getBoundingClientRect().height")
    assert box > 0, "de link 'Naar de inhoud' heeft focus maar is niet zichtbaar"

    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'inhoud'")
    assert page.evaluate("() => document.activeElement.tagName") == "MAIN"


def test_skip_link_on_the_public_landing_page(page):
    page.goto("/")
    assert_skip_link_first_and_working(page)


@pytest.mark.parametrize("path", ["/werkplek/", "/gezinnen/"])
def test_skip_link_for_a_logged_in_professional(page, login_as, path):
    login_as(factories.make_professional("okt").user)
    page.goto(path)
    assert_skip_link_first_and_working(page)
