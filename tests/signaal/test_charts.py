"""The SVG charts: valid XML, accessible by construction, and the same numbers as the table."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from defusedxml.ElementTree import fromstring

from ketenzorg.signaal import charts

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    root = fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text
    assert root.find(f"{SVG}desc").text
    return root


def numbers(root) -> dict[tuple[str, str], str]:
    """(row, column) -> the value a chart shows: its label, or a hidden point's mark."""
    found = {}
    for element in root.iter():
        if "value" in (element.get("class") or "").split():
            key = (element.get("data-row"), element.get("data-column"))
            if element.tag == f"{SVG}text":
                assert element.text == element.get("data-value")
            assert key not in found
            found[key] = element.get("data-value")
    return found


def test_grouped_bars_label_every_cell_and_draw_no_bar_for_a_hidden_one():
    root = parse(
        charts.grouped_bars(
            title="Zorgniveaus",
            desc="Werkelijk tegen verwacht",
            groups=["1", "2"],
            series=["werkelijk", "verwacht"],
            values=[[80.5, 85], [None, 10]],
            hidden="<10",
            unit="%",
        )
    )
    assert numbers(root) == {
        ("1", "werkelijk"): "80,5",
        ("1", "verwacht"): "85",
        ("2", "werkelijk"): "<10",
        ("2", "verwacht"): "10",
    }
    bars = [r for r in root.iter(f"{SVG}rect") if r.get("class") == "bar"]
    assert [(b.get("data-row"), b.get("data-column")) for b in bars] == [
        ("1", "werkelijk"),
        ("1", "verwacht"),
        ("2", "verwacht"),
    ]
    # The taller value has the taller bar: the scale is one for the whole chart.
    heights = {b.get("data-column") + b.get("data-row"): float(b.get("height")) for b in bars}
    assert heights["verwacht1"] > heights["werkelijk1"] > heights["verwacht2"] > 0
    # Series differ by pattern, not by colour alone.
    assert len({b.get("fill") for b in bars}) == 2


def test_line_chart_breaks_at_a_hidden_month_and_marks_a_rise():
    svg = charts.line_chart(
        title="Contactmomenten",
        desc="Per maand",
        x_labels=["2026-01", "2026-02", "2026-03", "2026-04"],
        series=[("slapen", [12, None, 14, 30]), ("eten", [0, 11, 12, 13])],
        hidden="<10",
        marks=[("slapen", "2026-04")],
    )
    root = parse(svg)
    found = numbers(root)
    assert found[("2026-02", "slapen")] == "<10"
    assert found[("2026-04", "slapen")] == "30"
    assert found[("2026-01", "eten")] == "0"
    assert len(found) == 8
    groups = {g.get("data-series"): g for g in root.iter(f"{SVG}g")}
    slapen = groups["slapen"].findall(f"{SVG}polyline")
    assert len(slapen) == 1  # the lone January point is no segment; March-April is one
    assert len(groups["eten"].findall(f"{SVG}polyline")) == 1
    assert len([c for c in root.iter(f"{SVG}circle") if c.get("class") == "rise"]) == 1


def test_text_is_escaped_so_a_name_cannot_break_the_svg():
    root = parse(
        charts.bar_chart(
            title='A & B <"c">',
            desc="x",
            labels=["<script>", "Zorg & Co"],
            values=[12, None],
            hidden="<10",
        )
    )
    assert root.find(f"{SVG}title").text == 'A & B <"c">'
    assert numbers(root)[("Zorg & Co", 'A & B <"c">')] == "<10"


def test_an_empty_chart_is_still_a_valid_image():
    parse(
        charts.line_chart(title="Leeg", desc="Geen gegevens", x_labels=[], series=[], hidden="<10")
    )
