"""The import layers of docs/decisions/0009-layers.md hold, and one wrong import breaks them.

`make test` runs `lint-imports`; this runs the same contracts from pyproject.toml inside
pytest, so a plain `pytest` catches a broken layer too. The second test adds one import to
the real graph at a time, so a contract that stopped checking anything (a layer renamed, an
ignore line too wide) fails here.
"""

import re
from copy import deepcopy
from pathlib import Path

import grimp
import pytest
from importlinter import api
from importlinter.contracts.forbidden import ForbiddenContract
from importlinter.contracts.layers import LayersContract

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"
CONTRACT_TYPES = {"layers": LayersContract, "forbidden": ForbiddenContract}


@pytest.fixture(scope="module")
def config():
    return api.read_configuration(str(PYPROJECT))


@pytest.fixture(scope="module")
def real_graph():
    return grimp.build_graph("ketenzorg", cache_dir=None)


def broken_contracts(config, graph) -> list[str]:
    broken = []
    for options in config["contracts_options"]:
        contract = CONTRACT_TYPES[options["type"]](
            name=options["name"],
            session_options=config["session_options"],
            contract_options=options,
        )
        # A contract removes its ignored imports from the graph it checks: give each its own.
        if not contract.check(deepcopy(graph), verbose=False).kept:
            broken.append(options["id"])
    return broken


def test_the_contracts_hold(config, real_graph):
    assert broken_contracts(config, real_graph) == []


@pytest.mark.parametrize(
    ("importer", "imported", "contract"),
    [
        # Infrastructure reaching up into the domain.
        ("ketenzorg.core.workdays", "ketenzorg.coordination.models", "layers"),
        # The cycle this layering removed: the log's writer reading families.
        ("ketenzorg.audit.services", "ketenzorg.families.selectors", "layers"),
        # A domain app reaching up to the site level (the menu).
        ("ketenzorg.families.views", "ketenzorg.site.navigation", "layers"),
        # Side-by-side apps stay apart.
        ("ketenzorg.network.services", "ketenzorg.glossary.models", "layers"),
        ("ketenzorg.privacy.views", "ketenzorg.frontdoor.models", "layers"),
        # access reads the domain's models, nothing else of it.
        ("ketenzorg.access.policy", "ketenzorg.families.selectors", "access-models-only"),
        ("ketenzorg.glossary.selectors", "ketenzorg.glossary.services", "selectors-no-services"),
        (
            "ketenzorg.families.selectors",
            "ketenzorg.coordination.services",
            "selectors-no-services",
        ),
    ],
)
def test_one_wrong_import_breaks_its_contract(config, real_graph, importer, imported, contract):
    graph = deepcopy(real_graph)
    graph.add_import(importer=importer, imported=imported)
    assert contract in broken_contracts(config, graph)


def test_every_top_level_module_has_a_layer(config, real_graph):
    """A new app or module of ketenzorg is placed in a layer, or the layers say nothing of it."""
    (layers,) = [c for c in config["contracts_options"] if c["type"] == "layers"]
    named = {name.strip() for layer in layers["layers"] for name in re.split(r"[|:]", layer)}
    assert real_graph.find_children("ketenzorg") - named == set()
