"""The result feedback list of a completed case, as a page and as a PDF."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from cases import pdf

from .access import family_required
from .cases import _case_for


def _lines(case):
    english = get_language() == "en"
    return [
        {
            "matter": (line["matter_en"] or line["matter_zh"]) if english else line["matter_zh"],
            "department": line["department_en"] if english else line["department_zh"],
            "done": line["done"],
            "text": _sentence(line, english),
        }
        for line in case.result_list
    ]


def _sentence(line, english):
    if not line["done"]:
        reason = f" ({line['reason']})" if line["reason"] else ""
        return _("Not applicable") + reason
    text = line["outcome_en"] if english else line["outcome_zh"]
    if line["date"]:
        text = _("%(outcome)s on %(date)s") % {"outcome": text, "date": line["date"]}
    if line["amount"]:
        text += _("; ¥%(amount)s paid to account %(account)s") % {
            "amount": line["amount"],
            "account": line["account"] or "—",
        }
    return text


@family_required
def result_list(request, reference):
    case = _case_for(request, reference)
    return render(
        request,
        "portal/cases/results.html",
        {"case": case, "lines": _lines(case) if case.result_list_issued_at else []},
    )


@family_required
def result_list_pdf(request, reference):
    case = _case_for(request, reference)
    if case.result_list_issued_at is None:
        return render(request, "portal/cases/results.html", {"case": case, "lines": []}, status=404)
    lines = _lines(case)

    def story(styles):
        issued = timezone.localtime(case.result_list_issued_at).strftime("%Y-%m-%d %H:%M")
        return [
            pdf.Paragraph(_("Result feedback list"), styles["title"]),
            pdf.Paragraph(
                _("Case %(reference)s · issued %(issued)s")
                % {"reference": case.display_reference, "issued": issued},
                styles["body"],
            ),
            pdf.Spacer(1, 6 * pdf.mm),
            pdf.table(
                [[_("Matter"), _("Department"), _("Outcome")]]
                + [[line["matter"], line["department"], line["text"]] for line in lines],
                [55 * pdf.mm, 40 * pdf.mm, 79 * pdf.mm],
                styles["small"],
            ),
            pdf.Spacer(1, 6 * pdf.mm),
            pdf.Paragraph(_("With our condolences. Questions: call 12345."), styles["body"]),
        ]

    body = pdf.build(story, title=_("Result feedback list"))
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="results-{case.reference}.pdf"'
    return response
