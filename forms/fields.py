"""Django form fields for each question type, validated with the project's
validators and readable on a phone (right keyboard, large targets)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.constants import Relationship
from cases.services.documents import UNKNOWN_CONTENT_TYPE, content_type_of
from cases.services.network import villages_by_town
from cases.validators import (
    normalise_bank_account,
    normalise_id_number,
    normalise_phone,
    validate_bank_account,
    validate_mobile,
    validate_resident_id,
)

YES, NO = "yes", "no"


class ResidentIdField(forms.CharField):
    default_validators = [validate_resident_id]

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 22)
        super().__init__(**kwargs)
        self.widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})

    def to_python(self, value):
        value = super().to_python(value)
        return normalise_id_number(value) if value else value


class MobileField(forms.CharField):
    default_validators = [validate_mobile]

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)
        self.widget.input_type = "tel"
        self.widget.attrs.update({"inputmode": "tel", "autocomplete": "tel"})

    def to_python(self, value):
        value = super().to_python(value)
        return normalise_phone(value) if value else value


class BankAccountField(forms.CharField):
    default_validators = [validate_bank_account]

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 40)
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})

    def to_python(self, value):
        value = super().to_python(value)
        return normalise_bank_account(value) if value else value


class DateInput(forms.DateInput):
    """A date typed as people write it, not the browser's own picker: on a
    phone set to English that shows 12/01/2026, month first."""

    input_type = "text"

    def __init__(self, **kwargs):
        attrs = {
            "inputmode": "numeric",
            "autocomplete": "off",
            "placeholder": _("e.g. 1950-06-15"),
            **kwargs.pop("attrs", {}),
        }
        super().__init__(format="%Y-%m-%d", attrs=attrs, **kwargs)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class PastDateField(forms.DateField):
    widget = DateInput
    # 1950-06-15, 1950年6月15日, 1950/6/15, 1950.6.15, 19500615
    input_formats = ["%Y-%m-%d", "%Y年%m月%d日", "%Y/%m/%d", "%Y.%m.%d", "%Y%m%d"]
    default_error_messages = {"invalid": _("Enter a date such as 2026-03-01 or 2026年3月1日.")}

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(" ", "")
        return super().to_python(value)

    def validate(self, value):
        super().validate(value)
        if value and value > timezone.localdate():
            raise ValidationError(_("This date cannot lie in the future."), code="future")


class PastDateTimeField(forms.DateTimeField):
    widget = DateTimeInput
    input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]
    default_error_messages = {"invalid": _("Enter a date and time such as 2026-03-01 14:30.")}

    def validate(self, value):
        super().validate(value)
        if value and value > timezone.now():
            raise ValidationError(_("This time cannot lie in the future."), code="future")


class YesNoField(forms.ChoiceField):
    widget = forms.RadioSelect

    def __init__(self, **kwargs):
        super().__init__(choices=[(YES, _("Yes")), (NO, _("No"))], **kwargs)


class RelationshipField(forms.ChoiceField):
    widget = forms.RadioSelect

    def __init__(self, **kwargs):
        super().__init__(choices=Relationship.choices, **kwargs)


class VillageField(forms.ChoiceField):
    """The village or community of the deceased's household registration,
    under its county and town; it decides the family's funeral assistant."""

    def __init__(self, **kwargs):
        super().__init__(choices=[("", _("Choose…")), *villages_by_town()], **kwargs)


class UploadField(forms.FileField):
    def __init__(self, *, max_size_mb=10, **kwargs):
        self.question_max_mb = max_size_mb
        super().__init__(**kwargs)
        self.widget.attrs["accept"] = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"

    @property
    def max_size_mb(self):
        """The question's limit, within the one limit of the web and the app
        alike (UPLOAD_MAX_MB)."""
        from django.conf import settings

        return min(self.question_max_mb, settings.UPLOAD_MAX_MB)

    def validate(self, value):
        super().validate(value)
        if not value:
            return
        if value.size > self.max_size_mb * 1024 * 1024:
            raise ValidationError(
                _("The file is larger than %(size)s MB; please send a smaller photo or scan.")
                % {"size": self.max_size_mb},
                code="file_size",
            )
        value.seek(0)
        head = value.read(16)
        value.seek(0)
        if content_type_of(head) == UNKNOWN_CONTENT_TYPE:
            raise ValidationError(
                _("Only PDF files and JPEG or PNG photos can be sent."), code="file_type"
            )


class ConsentField(forms.BooleanField):
    def __init__(self, *, consent_version="", **kwargs):
        self.consent_version = consent_version
        kwargs["required"] = True
        super().__init__(**kwargs)
        self.error_messages["required"] = _("Please read the text and tick the box to agree.")
