"""The family's plan as a PDF they can take home (fpdf2, pure Python).

fpdf2's built-in fonts cover only latin-1. A Unicode TrueType font is used when
the machine has one (DejaVu or Liberation, as Debian ships them); otherwise the
text is transliterated to latin-1, which keeps Dutch intact (é, ë, ï are
latin-1) and turns the rest into the nearest plain letters, never into an error.

fpdf2 is imported when the first PDF is made, not with this module: with the fontTools and
Pillow it brings (and segno, the enrolment's QR code, imported the same way) it held 21 MB of
every server process, for a download a few people ask for a day.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from pathlib import Path

FONT_CANDIDATES: list[tuple[Path, Path]] = [
    (
        Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
        Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ),
    (
        Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"),
        Path("/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"),
    ),
]

_PLAIN = {"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "...", "•": "-", "€": "EUR", "\u00a0": " ",
          "Ł": "L", "ł": "l", "Đ": "D", "đ": "d", "ı": "i", "Œ": "OE", "œ": "oe"}  # fmt: skip


def to_latin1(text: str) -> str:
    """The nearest latin-1 text: typographic marks made plain, accents kept where latin-1 has them."""
    out = []
    for char in text:
        if char in _PLAIN:
            out.append(_PLAIN[char])
            continue
        try:
            char.encode("latin-1")
            out.append(char)
        except UnicodeEncodeError:
            # A letter with a mark keeps its letter (ş -> s); a symbol becomes "?" (≠ must not become =).
            base = "".join(
                c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
            )
            out.append(base if base.isalpha() and base.isascii() else "?")
    return "".join(out)


def unicode_font() -> tuple[Path, Path] | None:
    for regular, bold in FONT_CANDIDATES:
        if regular.exists() and bold.exists():
            return regular, bold
    return None


@dataclass(frozen=True)
class Section:
    title: str
    lines: list[str]


@functools.cache
def _plan_pdf_class():
    from fpdf import FPDF

    class PlanPDF(FPDF):
        footer_text = ""

        def footer(self):
            self.set_y(-15)
            self.set_font(self.kz_family, "", 8)
            self.cell(0, 10, self.clean(f"{self.footer_text} · {self.page_no()}/{{nb}}"), align="C")

        def clean(self, text: str) -> str:
            return text if self.kz_unicode else to_latin1(text)

    return PlanPDF


def render(*, title: str, subtitle: str, sections: list[Section], footer: str) -> bytes:
    pdf = _plan_pdf_class()(format="A4")
    font = unicode_font()
    if font:
        pdf.add_font("Plan", "", str(font[0]))
        pdf.add_font("Plan", "B", str(font[1]))
        pdf.kz_family, pdf.kz_unicode = "Plan", True
    else:
        pdf.kz_family, pdf.kz_unicode = "helvetica", False
    pdf.footer_text = footer
    pdf.set_title(pdf.clean(title))
    pdf.set_creator("ketenzorg")
    pdf.alias_nb_pages()
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_page()
    pdf.set_font(pdf.kz_family, "B", 18)
    pdf.multi_cell(0, 9, pdf.clean(title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(pdf.kz_family, "", 10)
    pdf.multi_cell(0, 6, pdf.clean(subtitle), new_x="LMARGIN", new_y="NEXT")
    for section in sections:
        pdf.ln(4)
        pdf.set_font(pdf.kz_family, "B", 13)
        pdf.multi_cell(0, 7, pdf.clean(section.title), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(pdf.kz_family, "", 11)
        for line in section.lines or ["—"]:
            pdf.multi_cell(0, 6, pdf.clean(line), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
