"""The dashboard's charts as SVG, drawn on the server: no JavaScript, readable without colour.

Pure: numbers in, an SVG string out. Every chart is `role="img"` with a <title> and <desc>, every
bar and point carries its number as text and as `data-value` (so a test, or a screen reader
reading the table beside it, finds the same number), and series differ by pattern, dash and
marker shape as well as by colour. A hidden (suppressed) cell is drawn as no bar or a gap in the
line, labelled with the `hidden` text ("<10"): a chart never shows what the table hides.
"""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape, quoteattr

Value = float | int | None

# Colours with enough contrast on white; each series also has its own pattern/dash/marker.
COLOURS = ("#1f4e79", "#8a3b12", "#2e6b30", "#5b2c83", "#7a5c00", "#005f6b", "#6b1f3a")
# Cycles of 7, 4 and 5: no two of the first 140 series share colour, dash and marker.
DASHES = ("", "6 3", "2 3", "8 3 2 3")
MARKERS = ("circle", "square", "triangle", "diamond", "cross")

WIDTH = 800
LEFT, RIGHT, TOP, BOTTOM = 56, 210, 24, 64


def number_label(value: float) -> str:
    """A label: whole numbers as such, shares with one decimal (Dutch comma)."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.1f}".replace(".", ",")


def _scale_max(values: Sequence[Value]) -> float:
    # At least 4, so the four grid steps of a near-empty chart are whole numbers.
    top = max([v for v in values if v is not None] or [0], default=0)
    if top <= 4:
        return 4.0
    step = 10 ** (len(str(int(top))) - 1)
    return float(((int(top) // step) + 1) * step)


def _open(title: str, desc: str, height: int, extra: str = "") -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="signaal-chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" aria-labelledby="chart-title" aria-describedby="chart-desc"'
        f"{extra}>",
        f'<title id="chart-title">{escape(title)}</title>',
        f'<desc id="chart-desc">{escape(desc)}</desc>',
    ]


def _patterns(count: int) -> list[str]:
    """Hatched fills: series 0 solid, the others with lines at their own angles."""
    out = ["<defs>"]
    for i in range(count):
        colour = COLOURS[i % len(COLOURS)]
        angle = (i * 45) % 180
        out.append(
            f'<pattern id="p{i}" patternUnits="userSpaceOnUse" width="6" height="6" '
            f'patternTransform="rotate({angle})">'
            f'<rect width="6" height="6" fill="{colour}" opacity="{1 if i == 0 else 0.35}"/>'
            + (
                ""
                if i == 0
                else f'<line x1="0" y1="0" x2="0" y2="6" stroke="{colour}" stroke-width="3"/>'
            )
            + "</pattern>"
        )
    out.append("</defs>")
    return out


def _axis(plot_h: float, top_value: float, unit: str) -> list[str]:
    out = []
    for k in range(5):
        value = top_value * k / 4
        y = TOP + plot_h - plot_h * k / 4
        out.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" '
            'stroke="#c8c8c8" stroke-width="1"/>'
        )
        out.append(
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="12" '
            f'fill="#333">{escape(number_label(value) + unit)}</text>'
        )
    return out


def _legend(names: Sequence[str], *, lines: bool) -> list[str]:
    out = []
    for i, name in enumerate(names):
        y = TOP + 8 + i * 22
        x = WIDTH - RIGHT + 12
        if lines:
            out.append(_line_swatch(i, x, y))
        else:
            out.append(
                f'<rect x="{x}" y="{y - 8}" width="16" height="12" fill="url(#p{i})" '
                f'stroke="{COLOURS[i % len(COLOURS)]}"/>'
            )
        out.append(
            f'<text x="{x + 30}" y="{y + 3}" font-size="12" fill="#222">{escape(name)}</text>'
        )
    return out


def grouped_bars(
    *,
    title: str,
    desc: str,
    groups: Sequence[str],
    series: Sequence[str],
    values: Sequence[Sequence[Value]],
    hidden: str,
    unit: str = "",
    height: int = 320,
) -> str:
    """Bars per group, one per series (`values[group][series]`); None draws no bar."""
    # Long or many group names (organisations) are slanted and get room below the axis.
    slanted = len(groups) > 5 or max((len(g) for g in groups), default=0) > 12
    if slanted:
        height += 70
    flat = [v for row in values for v in row]
    top_value = _scale_max(flat)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, height - TOP - BOTTOM - (70 if slanted else 0)
    group_w = plot_w / max(len(groups), 1)
    bar_w = group_w * 0.8 / max(len(series), 1)
    out = _open(title, desc, height) + _patterns(len(series)) + _axis(plot_h, top_value, unit)
    for g, group in enumerate(groups):
        x0 = LEFT + g * group_w + group_w * 0.1
        for s, name in enumerate(series):
            value = values[g][s]
            x = x0 + s * bar_w
            cx = x + bar_w / 2
            data = (
                f"data-row={quoteattr(group)} data-column={quoteattr(name)} "
                f"data-value={quoteattr(hidden if value is None else number_label(value))}"
            )
            if value is None:
                out.append(
                    f'<text class="value hidden" {data} x="{cx:.1f}" y="{TOP + plot_h - 4}" '
                    f'text-anchor="middle" font-size="11" fill="#333">{escape(hidden)}</text>'
                )
                continue
            h = plot_h * value / top_value
            y = TOP + plot_h - h
            out.append(
                f'<rect class="bar" {data} x="{x:.1f}" y="{y:.1f}" width="{bar_w - 2:.1f}" '
                f'height="{h:.1f}" fill="url(#p{s})" stroke="{COLOURS[s % len(COLOURS)]}">'
                f"<title>{escape(f'{group}, {name}: {number_label(value)}{unit}')}</title></rect>"
            )
            out.append(
                f'<text class="value" {data} x="{cx:.1f}" y="{y - 4:.1f}" text-anchor="middle" '
                f'font-size="11" fill="#222">{escape(number_label(value))}</text>'
            )
        x = LEFT + g * group_w + group_w / 2
        y = TOP + plot_h + 18
        turn = f' transform="rotate(25 {x:.1f} {y})"' if slanted else ""
        out.append(
            f'<text x="{x:.1f}" y="{y}" text-anchor="{"start" if slanted else "middle"}" '
            f'font-size="12" fill="#222"{turn}>{escape(group)}</text>'
        )
    out += _legend(series, lines=False)
    out.append("</svg>")
    return "\n".join(out)


def bar_chart(
    *, title: str, desc: str, labels: Sequence[str], values: Sequence[Value], hidden: str,
    name: str = "", unit: str = "",
) -> str:  # fmt: skip
    """One bar per label: the period's totals per category."""
    return grouped_bars(
        title=title,
        desc=desc,
        groups=labels,
        series=[name or title],
        values=[[v] for v in values],
        hidden=hidden,
        unit=unit,
    )


def _marker(i: int, x: float, y: float) -> str:
    colour = COLOURS[i % len(COLOURS)]
    shape = MARKERS[i % len(MARKERS)]
    if shape == "square":
        return f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="{colour}"/>'
    if shape == "triangle":
        return (
            f'<polygon points="{x:.1f},{y - 5:.1f} {x - 5:.1f},{y + 4:.1f} {x + 5:.1f},{y + 4:.1f}" '
            f'fill="{colour}"/>'
        )
    if shape == "diamond":
        return (
            f'<polygon points="{x:.1f},{y - 5:.1f} {x + 5:.1f},{y:.1f} {x:.1f},{y + 5:.1f} '
            f'{x - 5:.1f},{y:.1f}" fill="{colour}"/>'
        )
    if shape == "cross":
        return (
            f'<path d="M{x - 4:.1f},{y - 4:.1f}L{x + 4:.1f},{y + 4:.1f}M{x - 4:.1f},{y + 4:.1f}'
            f'L{x + 4:.1f},{y - 4:.1f}" stroke="{colour}" stroke-width="2"/>'
        )
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}"/>'


def _line_swatch(i: int, x: float, y: float) -> str:
    colour = COLOURS[i % len(COLOURS)]
    dash = f' stroke-dasharray="{DASHES[i % len(DASHES)]}"' if DASHES[i % len(DASHES)] else ""
    return (
        f'<line x1="{x - 2}" x2="{x + 22}" y1="{y - 2}" y2="{y - 2}" stroke="{colour}" '
        f'stroke-width="2"{dash}/>' + _marker(i, x + 10, y - 2)
    )


def line_chart(
    *,
    title: str,
    desc: str,
    x_labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[Value]]],
    hidden: str,
    marks: Sequence[tuple[str, str]] = (),
    height: int = 340,
) -> str:
    """One line per series over the months; a hidden month is a gap, labelled with `hidden`.

    `marks`: (series name, x label) points to flag (a topic that rises unusually) with a ring
    and "!" — shape and text, not colour alone.
    """
    flat = [v for _, values in series for v in values]
    top_value = _scale_max(flat)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, height - TOP - BOTTOM
    step = plot_w / max(len(x_labels), 1)
    flagged = set(marks)

    def xy(j, value):
        return LEFT + step * j + step / 2, TOP + plot_h - plot_h * value / top_value

    out = _open(title, desc, height) + _axis(plot_h, top_value, "")
    for j, label in enumerate(x_labels):
        out.append(
            f'<text x="{LEFT + step * j + step / 2:.1f}" y="{TOP + plot_h + 18}" '
            f'text-anchor="middle" font-size="10" fill="#222">{escape(label)}</text>'
        )
    for i, (name, values) in enumerate(series):
        colour = COLOURS[i % len(COLOURS)]
        dash = f' stroke-dasharray="{DASHES[i % len(DASHES)]}"' if DASHES[i % len(DASHES)] else ""
        segment: list[str] = []
        segments = []
        for j, value in enumerate(values):
            if value is None:
                if segment:
                    segments.append(segment)
                segment = []
                continue
            x, y = xy(j, value)
            segment.append(f"{x:.1f},{y:.1f}")
        if segment:
            segments.append(segment)
        out.append(f'<g class="series" data-series={quoteattr(name)}>')
        for points in segments:
            if len(points) > 1:
                out.append(
                    f'<polyline points="{" ".join(points)}" fill="none" stroke="{colour}" '
                    f'stroke-width="2"{dash}/>'
                )
        for j, value in enumerate(values):
            data = (
                f"data-row={quoteattr(x_labels[j])} data-column={quoteattr(name)} "
                f"data-value={quoteattr(hidden if value is None else number_label(value))}"
            )
            if value is None:
                # A gap in the line; the number ("<10") is in the table and on the element.
                out.append(f'<g class="value hidden" {data}><title>{escape(hidden)}</title></g>')
                continue
            x, y = xy(j, value)
            out.append(_marker(i, x, y))
            out.append(
                f'<text class="value" {data} x="{x:.1f}" y="{y - 7:.1f}" text-anchor="middle" '
                f'font-size="10" fill="#222">{escape(number_label(value))}</text>'
            )
            if (name, x_labels[j]) in flagged:
                out.append(
                    f'<circle class="rise" cx="{x:.1f}" cy="{y:.1f}" r="9" fill="none" '
                    f'stroke="#b00020" stroke-width="2"/>'
                    f'<text x="{x + 11:.1f}" y="{y - 8:.1f}" font-size="13" font-weight="bold" '
                    f'fill="#b00020">!</text>'
                )
        out.append("</g>")
    out += _legend([name for name, _ in series], lines=True)
    out.append("</svg>")
    return "\n".join(out)
