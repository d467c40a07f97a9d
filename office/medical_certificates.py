"""Deaths certified by medical institutions (医疗卫生机构专人管理): a liaison
records a death and issues the 《居民死亡医学证明》 for their institution; a
supervisor of the health department corrects one with a reason
(``cases.services.medical_certificates``)."""

import datetime

from django import forms
from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases import icd10
from cases.constants import Gender
from cases.masking import mask_id_number, mask_phone
from cases.roles import liaison_institutions
from cases.services import medical_certificates as service
from cases.services.certificates import CAUSE_LINES
from cases.services.death_certificate_form import DeathRecord
from web.downloads import certificate_download
from web.network import client_ip

from .viewsets import StaffViewSet

SHOWN = 100
LINES = range(1, len(CAUSE_LINES) + 1)


def allowed(user):
    return liaison_institutions(user).exists() or service.may_correct(user)


class DeathRecordForm(forms.Form):
    """One page, in the order of the national form."""

    id_number = forms.CharField(
        label=gettext_lazy("Resident ID number"),
        help_text=gettext_lazy("It is the certificate's number."),
        max_length=18,
    )
    name = forms.CharField(label=gettext_lazy("Name of the deceased"), max_length=100)
    gender = forms.ChoiceField(label=gettext_lazy("Gender"), choices=Gender.choices)
    birth_date = forms.DateField(
        label=gettext_lazy("Date of birth"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    died_at = forms.DateTimeField(
        label=gettext_lazy("Time of death"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    place_of_death = forms.CharField(label=gettext_lazy("Place of death"), max_length=200)
    doctor = forms.CharField(label=gettext_lazy("Certifying doctor"), max_length=50)
    contact_name = forms.CharField(
        label=gettext_lazy("Family member to contact"),
        help_text=gettext_lazy("They are texted a link to go on with the after-death affairs."),
        max_length=100,
    )
    contact_phone = forms.CharField(label=gettext_lazy("Their mobile number"), max_length=20)

    def __init__(self, *args, institutions=None, **kwargs):
        super().__init__(*args, **kwargs)
        if institutions is not None:
            self.fields["institution"] = forms.ModelChoiceField(
                label=gettext_lazy("Issuing institution"),
                queryset=institutions,
                initial=institutions.first() if institutions.count() == 1 else None,
            )
        for number, label in zip(LINES, CAUSE_LINES, strict=True):
            self.fields[f"cause_{number}"] = forms.CharField(
                label=label, required=False, max_length=200
            )
            self.fields[f"icd10_{number}"] = forms.CharField(
                label=_("ICD-10 code of line %(line)s") % {"line": label[:3]},
                required=False,
                max_length=8,
                widget=forms.TextInput(attrs={"list": "icd10-causes", "autocomplete": "off"}),
            )
            self.fields[f"interval_{number}"] = forms.CharField(
                label=_("From onset to death, line %(line)s") % {"line": label[:3]},
                required=False,
                max_length=30,
            )
        # As the national form: who, when and where, the causes, who certifies.
        self.order_fields(
            [
                "institution",
                "id_number",
                "name",
                "gender",
                "birth_date",
                "died_at",
                "place_of_death",
                *(f"{part}_{n}" for n in LINES for part in ("cause", "icd10", "interval")),
            ]
        )

    def clean_died_at(self):
        return self.cleaned_data["died_at"].astimezone(datetime.UTC)

    def record(self):
        data = self.cleaned_data
        return DeathRecord(
            id_number=data["id_number"],
            name=data["name"],
            gender=data["gender"],
            birth_date=data.get("birth_date"),
            died_at=data["died_at"],
            place_of_death=data["place_of_death"],
            causes=[(data[f"cause_{n}"], data[f"icd10_{n}"], data[f"interval_{n}"]) for n in LINES],
            doctor=data["doctor"],
            contact_name=data["contact_name"],
            contact_phone=data["contact_phone"],
        )


class CorrectionForm(DeathRecordForm):
    reason = forms.CharField(
        label=gettext_lazy("What was wrong"),
        help_text=gettext_lazy("Kept with the revoked certificate; the family is texted."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["id_number"].disabled = True


def initial_of(medical):
    initial = {
        "id_number": medical.id_number,
        "name": medical.name,
        "gender": medical.gender,
        "birth_date": medical.birth_date,
        "died_at": timezone.localtime(medical.died_at),
        "place_of_death": medical.place_of_death,
        "doctor": medical.doctor,
        "contact_name": medical.contact_name,
        "contact_phone": medical.contact_phone,
    }
    for number, line in zip(LINES, medical.cause_chain, strict=False):
        initial[f"cause_{number}"] = line["cause"]
        initial[f"icd10_{number}"] = line["icd10"]
        initial[f"interval_{number}"] = line.get("interval", "")
    return initial


class DeathCertificateViewSet(StaffViewSet):
    name = "death_certificates"
    url_prefix = "death-certificates"
    icon = "doc-full"
    menu_label = gettext_lazy("Medical certificates of death")
    menu_order = 65
    allowed = staticmethod(allowed)

    def index_view(self, request):
        self.require_allowed(request)
        found = service.certificates_for(request.user)
        return TemplateResponse(
            request,
            "office/death_certificates.html",
            {
                "certificates": [
                    (medical, mask_id_number(medical.id_number))
                    for medical in found.order_by("-issued_at")[:SHOWN]
                ],
                "may_record": liaison_institutions(request.user).exists(),
            },
        )

    def new_view(self, request):
        institutions = liaison_institutions(request.user)
        if not institutions.exists():
            raise Http404
        form = DeathRecordForm(
            request.POST if request.method == "POST" else None, institutions=institutions
        )
        if request.method == "POST" and form.is_valid():
            try:
                medical = service.record_death(
                    form.cleaned_data["institution"], form.record(), by=request.user
                )
            except ValidationError as refused:
                form.add_error(None, refused)
            else:
                messages.success(
                    request,
                    _("Certificate %(serial)s issued; the family is texted where to go on.")
                    % {"serial": medical.certificate.serial},
                )
                return redirect(f"{self.name}:detail", pk=medical.pk)
        return self._form_page(request, form, _("Certify a death"))

    def detail_view(self, request, pk):
        self.require_allowed(request)
        medical = self._get(request, pk)
        return TemplateResponse(
            request,
            "office/death_certificate.html",
            {
                "medical": medical,
                "id_number": mask_id_number(medical.id_number),
                "contact_phone": mask_phone(medical.contact_phone),
                "may_correct": service.may_correct(request.user) and medical.revoked_at is None,
            },
        )

    def download_view(self, request, pk):
        self.require_allowed(request)
        medical = self._get(request, pk, download=True)
        return certificate_download(medical.certificate)

    def correct_view(self, request, pk):
        if not service.may_correct(request.user):
            raise Http404
        medical = self._get(request, pk)
        form = CorrectionForm(
            request.POST if request.method == "POST" else None, initial=initial_of(medical)
        )
        if request.method == "POST" and form.is_valid():
            try:
                new = service.correct(
                    medical, form.record(), by=request.user, reason=form.cleaned_data["reason"]
                )
            except ValidationError as refused:
                form.add_error(None, refused)
            else:
                messages.success(
                    request,
                    _("Corrected: certificate %(serial)s replaces the old one, which is revoked.")
                    % {"serial": new.certificate.serial},
                )
                return redirect(f"{self.name}:detail", pk=new.pk)
        return self._form_page(request, form, _("Correct a medical certificate of death"))

    def _get(self, request, pk, download=False):
        try:
            return service.certificate_of(
                request.user, pk, remote_addr=client_ip(request), download=download
            )
        except ObjectDoesNotExist:
            raise Http404 from None

    def _form_page(self, request, form, title):
        return TemplateResponse(
            request,
            "office/death_certificate_form.html",
            {"form": form, "title": title, "causes": icd10.categories().items()},
        )

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("new/", self.new_view, name="new"),
            path("<int:pk>/", self.detail_view, name="detail"),
            path("<int:pk>/certificate.pdf", self.download_view, name="download"),
            path("<int:pk>/correct/", self.correct_view, name="correct"),
        ]


death_certificate_viewset = DeathCertificateViewSet()
