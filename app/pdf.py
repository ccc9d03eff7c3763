"""PDF documents with Chinese text (reportlab): the recordal packet, the valuation report.

reportlab's built-in CID font STSong-Light renders the Chinese text without shipping a font file (the PDF
viewer supplies the glyphs).
"""

from __future__ import annotations

from io import BytesIO
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

FONT = "STSong-Light"


def font() -> str:
    """Register the CID font once (reportlab keeps a process-wide registry)."""
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return FONT


def styles() -> dict[str, ParagraphStyle]:
    name = font()
    return {
        "title": ParagraphStyle("title", fontName=name, fontSize=16, leading=22, spaceAfter=6),
        "h2": ParagraphStyle("h2", fontName=name, fontSize=12, leading=18, spaceBefore=8, spaceAfter=4),
        "body": ParagraphStyle("body", fontName=name, fontSize=9.5, leading=14, wordWrap="CJK"),
        "small": ParagraphStyle("small", fontName=name, fontSize=8, leading=11, wordWrap="CJK"),
    }


def para(text: Any, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text (escaped; line breaks kept)."""
    return Paragraph(escape(str(text)).replace("\n", "<br/>"), style)


def table(rows: list[list[Any]], style: ParagraphStyle, widths: list[float]) -> Table:
    cells = [[para(c, style) for c in row] for row in rows]
    t = Table(cells, colWidths=widths)
    t.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (0, -1), colors.whitesmoke),
            ]
        )
    )
    return t


def render(title: str, sections: list[tuple[str, list[list[Any]] | str]], footer: str) -> bytes:
    """A PDF: a title, sections (a two-column table, a wide table whose first row is a header, or text)."""
    st = styles()
    story: list[Any] = [para(title, st["title"])]
    for heading, content in sections:
        story.append(para(heading, st["h2"]))
        if isinstance(content, str):
            story.append(para(content, st["body"]))
        elif content and len(content[0]) == 2:
            story.append(table(content, st["body"], [40 * mm, 130 * mm]))
        elif content:
            width = 170 * mm / len(content[0])
            story.append(table(content, st["small"], [width] * len(content[0])))
    story += [Spacer(1, 6 * mm), para(footer, st["small"])]
    buffer = BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, title=title, leftMargin=20 * mm, rightMargin=20 * mm)
    doc.build(story)
    return buffer.getvalue()
