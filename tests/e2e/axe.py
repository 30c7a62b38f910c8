"""One accessibility check for every browser test: axe's WCAG 2.1 AA rules and no id used twice.

It waits for the page to have loaded first. A click on a link returns once the navigation has
started, and axe run on a document that is being replaced fails with "Cannot read properties of
null (reading 'documentElement')" — a flaky test rather than a finding about the page.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

WCAG_21_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
_axe = Axe()

# Ids used twice on a page: axe 4 no longer reports them under WCAG 2.1, but a label's `for`
# then names the first field only, and a screen reader reads the wrong label.
_DUPLICATE_IDS = """() => {
  const seen = {};
  for (const el of document.querySelectorAll("[id]")) seen[el.id] = (seen[el.id] || 0) + 1;
  return Object.keys(seen).filter((id) => seen[id] > 1);
}"""


def assert_accessible(page, what: str) -> None:
    page.wait_for_load_state("load")
    results = _axe.run(page, options=WCAG_21_AA)
    if results.violations_count:
        pytest.fail(f"{what} ({page.url}):\n{results.generate_report()}", pytrace=False)
    duplicates = page.evaluate(_DUPLICATE_IDS)
    if duplicates:
        pytest.fail(f"{what} ({page.url}): ids used twice: {duplicates}", pytrace=False)
