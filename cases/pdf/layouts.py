"""The layouts of the documents the platform seals: a certificate, an heir's
letter of authorization and the result feedback list. Services gather what
a document states; these lay it out on an A4 page (``cases.pdf``)."""

from django.utils.translation import gettext as _

from . import Paragraph, Seal, Spacer, build, mm, table


def qr_code(url, size=32 * mm):
    """The verification address as a QR code drawing, ``size`` square."""
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing

    qr = QrCodeWidget(url)
    x0, y0, x1, y1 = qr.getBounds()
    code = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    code.add(qr)
    return code


def certificate(name, rows, *, url, seal):
    """A certificate: its name, what it states as (label, value) rows, and
    the seal of department ``seal`` with the verification code."""

    def story(styles):
        return [
            Paragraph(name, styles["title"]),
            Spacer(1, 4 * mm),
            table(rows, [40 * mm, 120 * mm], styles["body"], header=False),
            Spacer(1, 8 * mm),
            Paragraph(
                "本证明由出具部门加盖电子印章（数字签名）。扫描二维码或访问以下地址核验真伪：",
                styles["small"],
            ),
            Paragraph(url, styles["small"]),
            Spacer(1, 3 * mm),
            Seal(seal, qr_code(url)),
        ]

    return build(story, title=name)


def authorization(facts, matters, text):
    """An heir's letter of authorization: the facts of the consent, the
    matters whose money it lets the payee receive, and the text agreed to."""

    def story(styles):
        return [
            Paragraph("委托授权书", styles["title"]),
            table(facts, [45 * mm, 115 * mm], styles["body"], header=False),
            Spacer(1, 5 * mm),
            Paragraph("授权领取以下事项的款项：", styles["body"]),
            table(
                [["事项", "部门", "金额"], *matters], [80 * mm, 50 * mm, 30 * mm], styles["body"]
            ),
            Spacer(1, 5 * mm),
            Paragraph(text, styles["body"]),
            Spacer(1, 5 * mm),
            Paragraph(
                "本授权书由“身后一件事”平台根据委托人在线确认生成，并加盖电子印章（数字签名）。",
                styles["small"],
            ),
        ]

    return build(story, title="委托授权书")


def result_list(facts, lines, *, url, seal):
    """The result feedback list, in the active language: the case's facts,
    one line per matter (matter, department, outcome) and the seal."""

    def story(styles):
        return [
            Paragraph(_("Result feedback list"), styles["title"]),
            table(facts, [40 * mm, 134 * mm], styles["body"], header=False),
            Spacer(1, 6 * mm),
            table(
                [[_("Matter"), _("Department"), _("Outcome")], *lines],
                [55 * mm, 40 * mm, 79 * mm],
                styles["small"],
            ),
            Spacer(1, 6 * mm),
            Paragraph(_("With our condolences. Questions: call 12345."), styles["body"]),
            Paragraph(
                _("Sealed electronically. Scan the code or open this address to check it:"),
                styles["small"],
            ),
            Paragraph(url, styles["small"]),
            Spacer(1, 3 * mm),
            Seal(seal, qr_code(url)),
        ]

    return build(story, title=_("Result feedback list"))


def personal_information_copy(
    *, request, generated, facts, people, matters, results, certificates, reads
):
    """A relative's copy of what the platform holds about the deceased and
    the case (PIPL Art. 49); other living people are masked by the caller."""

    def section(title, styles):
        return [Spacer(1, 5 * mm), Paragraph(title, styles["body"])]

    def story(styles):
        parts = [
            Paragraph("个人信息副本", styles["title"]),
            Paragraph(f"申请编号 {request} · 生成于 {generated}", styles["small"]),
            Spacer(1, 4 * mm),
            table(facts, [45 * mm, 115 * mm], styles["body"], header=False),
        ]
        parts += section("申请人和继承人（他人信息已遮盖）", styles)
        parts.append(
            table(
                [["身份", "姓名", "关系", "手机号"], *people],
                [30 * mm, 40 * mm, 40 * mm, 50 * mm],
                styles["body"],
            )
        )
        parts += section("办理事项", styles)
        parts.append(
            table([["事项", "部门", "状态"], *matters], [80 * mm, 50 * mm, 30 * mm], styles["body"])
        )
        if results:
            parts += section("办理结果", styles)
            parts.append(
                table(
                    [["事项", "部门", "结果"], *results],
                    [50 * mm, 40 * mm, 70 * mm],
                    styles["body"],
                )
            )
        if certificates:
            parts += section("证明文书", styles)
            parts.append(
                table(
                    [["编号", "证明", "出具时间"], *certificates],
                    [50 * mm, 70 * mm, 40 * mm],
                    styles["body"],
                )
            )
        parts += section("谁查阅过这些信息", styles)
        parts.append(
            table([["时间", "查阅"], *(reads or [["—", "—"]])], [45 * mm, 115 * mm], styles["body"])
        )
        parts += [
            Spacer(1, 5 * mm),
            Paragraph(
                "本副本依据《个人信息保护法》第四十九条，应逝者近亲属申请生成。"
                "各部门依法自行保存的记录不在此列，可向各部门申请。",
                styles["small"],
            ),
        ]
        return parts

    return build(story, title="个人信息副本")
