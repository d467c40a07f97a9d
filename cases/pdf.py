"""PDF documents with an embedded Chinese font (ReportLab)."""

import io
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

FONT_NAME = "CJK"


@lru_cache(maxsize=1)
def register_chinese_font():
    """Register the CJK font (embedded, subset) once; name it clearly if missing."""
    path = Path(settings.CJK_FONT_PATH)
    if not path.exists():
        raise ImproperlyConfigured(
            f"The Chinese font for PDF documents is not at {path}. Install it with "
            "`sudo apt-get install fonts-wqy-microhei` (`make browser` does), or set "
            "CJK_FONT_PATH to a TrueType font with Chinese characters."
        )
    kwargs = {"subfontIndex": 0} if path.suffix.lower() == ".ttc" else {}
    pdfmetrics.registerFont(TTFont(FONT_NAME, str(path), **kwargs))
    return FONT_NAME


def styles():
    font = register_chinese_font()
    return {
        "title": ParagraphStyle("title", fontName=font, fontSize=18, leading=26, spaceAfter=6),
        "body": ParagraphStyle("body", fontName=font, fontSize=11, leading=17),
        "small": ParagraphStyle("small", fontName=font, fontSize=9, leading=13),
    }


def build(story_of, *, title):
    """Render the flowables ``story_of(styles)`` returns into PDF bytes."""
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=title,
        author="身后一件事",
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
    )
    document.build(story_of(styles()))
    return buffer.getvalue()


def table(rows, widths, style):
    grid = Table(
        [[Paragraph(str(cell), style) for cell in row] for row in rows],
        colWidths=widths,
        repeatRows=1,
    )
    grid.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8f1fb")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return grid


__all__ = ["Paragraph", "Spacer", "build", "mm", "table"]
