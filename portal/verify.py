"""Public check of a sealed certificate: by its serial (the QR code) or by
uploading the PDF, whose signature and hash are verified."""

from django import forms
from django.core.validators import RegexValidator
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from cases.masking import mask_name
from cases.services.certificates import deceased_name, status_of_serial, verify_document


class VerifyForm(forms.Form):
    serial = forms.CharField(
        label=_("Certificate number"),
        max_length=20,
        required=False,
        # Serials are letters and digits (SH2026…); anything else, a "/"
        # above all, could not even be put in the address to look it up.
        validators=[
            RegexValidator(
                r"^\s*[A-Za-z0-9]+\s*$",
                _("A certificate number has only letters and digits, like SH2026ABCDE12345."),
            )
        ],
    )
    document = forms.FileField(label=_("Or choose the PDF file"), required=False)

    def clean(self):
        data = super().clean()
        if "serial" in self.errors:
            return data  # a malformed number is told as such, not as missing
        if not data.get("serial") and not data.get("document"):
            raise forms.ValidationError(_("Enter the certificate number or choose the PDF."))
        document = data.get("document")
        if document is not None and document.size > 10 * 1024 * 1024:
            self.add_error("document", _("A certificate is smaller than 10 MB."))
        return data


def verify(request, serial=None):
    result = None
    form = VerifyForm(request.POST, request.FILES) if request.method == "POST" else VerifyForm()
    if request.method == "POST" and form.is_valid():
        document = form.cleaned_data.get("document")
        if document is None:
            return redirect(
                "portal:verify_serial", serial=form.cleaned_data["serial"].strip().upper()
            )
        result = verify_document(document.read())
    elif serial:
        result = status_of_serial(serial)
    certificate = result.certificate if result else None
    return render(
        request,
        "portal/verify.html",
        {
            "form": form,
            "result": result,
            "certificate": certificate,
            "deceased": mask_name(deceased_name(certificate)) if certificate else "",
        },
    )
