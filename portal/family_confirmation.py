"""The last step of staff who file for a family (the funeral assistant, the
hotline agent): instead of submitting, the family confirms the application
with a code sent to the applicant's own phone.
The rule that a confirmation counts only for the number it was sent to is
the service's (``cases.services.applications``); this step asks and checks."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cases.masking import mask_phone
from cases.roles import files_for_families
from cases.services.applications import channel_for
from cases.services.assisted import confirm_family, send_family_confirmation
from cases.services.codes import CodeRefused
from cases.validators import normalise_phone
from web.network import client_ip

from .forms import CodeForm as ConfirmationCodeForm

CONFIRM = "confirm"


class FamilyConfirmationStep:
    """For ``ApplicationWizard``: the extra step at ``CONFIRM``."""

    def get(self, *args, **kwargs):
        if kwargs.get("step") == CONFIRM:
            return self._family_confirmation(None)
        return super().get(*args, **kwargs)

    def post(self, *args, **kwargs):
        if kwargs.get("step") == CONFIRM:
            return self._family_confirmation(self.request.POST)
        return super().post(*args, **kwargs)

    def _family_phone(self):
        step = self.filing.step_of("applicant.phone")
        data = self.storage.get_step_data(step) or {}
        return (data.get(f"{step}-applicant__phone") or "").strip()

    def _family_confirmation(self, data):
        """The funeral assistant's last step: the family's code, from their phone."""
        if not files_for_families(self.request.user):
            raise Http404
        phone = normalise_phone(self._family_phone())
        profile = self.storage.get_step_data(self.profile_step) or {}
        form = ConfirmationCodeForm(data if data and data.get("action") == "verify" else None)
        if data and data.get("action") == "send":
            try:
                result = send_family_confirmation(
                    phone,
                    application=self.draft.pk,
                    deceased_name=profile.get(f"{self.profile_step}-name", ""),
                    channel=channel_for(self.request.user, None),
                    client_ip=client_ip(self.request),
                )
            except CodeRefused as refused:
                messages.error(self.request, str(refused))
            else:
                if result.sent:
                    messages.success(
                        self.request,
                        _("A confirmation code was sent to %(phone)s.")
                        % {"phone": mask_phone(phone)},
                    )
                else:
                    messages.info(self.request, _("A code was sent a moment ago; use that one."))
            return redirect(self.get_step_url(CONFIRM))
        if form.is_bound and form.is_valid():
            try:
                confirm_family(
                    phone,
                    form.cleaned_data["code"].strip(),
                    application=self.draft.pk,
                    client_ip=client_ip(self.request),
                )
            except CodeRefused as refused:
                form.add_error("code", str(refused))
            else:
                self.storage.extra_data = {**self.storage.extra_data, "family_confirmed": phone}
                return redirect(self.get_step_url(self.done_step_name))
        return render(
            self.request,
            "portal/apply/confirm.html",
            {"draft": self.draft, "form": form, "masked_phone": mask_phone(phone)},
        )
