"""PDF documents with an embedded Chinese font (ReportLab)."""

import io
import threading
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
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

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


# ReportLab subsets an embedded TrueType font through state the font object
# shares: two documents built at once in one process (threads of a server,
# two liaisons certifying together) can break each other's subset
# (IndexError in makeSubset). One build at a time per process.
_BUILDING = threading.Lock()


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
    with _BUILDING:
        document.build(story_of(styles()))
    return buffer.getvalue()


def table(rows, widths, style, *, header=True):
    grid = Table(
        [[Paragraph(str(cell), style) for cell in row] for row in rows],
        colWidths=widths,
        repeatRows=1 if header else 0,
    )
    commands = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8f1fb")))
    grid.setStyle(TableStyle(commands))
    return grid


class Seal(Flowable):
    """The QR code on the left and the department's round red seal on the
    right (drawn, so no image file has to be kept per department)."""

    def __init__(self, department, qr_drawing, diameter=42 * mm):
        super().__init__()
        self.department = department
        self.qr = qr_drawing
        self.diameter = diameter
        self.width = 174 * mm
        self.height = max(diameter, qr_drawing.height)

    def draw(self):
        from reportlab.graphics import renderPDF

        canvas = self.canv
        renderPDF.draw(self.qr, canvas, 0, (self.height - self.qr.height) / 2)
        radius = self.diameter / 2
        cx, cy = self.width - radius - 4 * mm, self.height / 2
        canvas.saveState()
        canvas.setStrokeColor(colors.HexColor("#c8102e"))
        canvas.setFillColor(colors.HexColor("#c8102e"))
        canvas.setLineWidth(2.2)
        canvas.circle(cx, cy, radius - 1, stroke=1, fill=0)
        _star(canvas, cx, cy + radius * 0.12, radius * 0.3)
        font = register_chinese_font()
        size = min(11, (self.diameter * 0.8) / max(1, len(self.department)))
        canvas.setFont(font, size)
        canvas.drawCentredString(cx, cy - radius * 0.45, self.department)
        canvas.setFont(font, 7)
        canvas.drawCentredString(cx, cy - radius * 0.68, "电子印章")
        canvas.restoreState()


def _star(canvas, cx, cy, r):
    import math

    points = []
    for i in range(10):
        angle = math.pi / 2 + i * math.pi / 5
        radius = r if i % 2 == 0 else r * 0.4
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    path = canvas.beginPath()
    path.moveTo(*points[0])
    for point in points[1:]:
        path.lineTo(*point)
    path.close()
    canvas.drawPath(path, stroke=0, fill=1)


__all__ = ["Paragraph", "Spacer", "build", "mm", "table"]
