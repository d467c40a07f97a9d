"""Files the family hands in: with the application, or when a department asks."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..fields import EncryptedTextField
from ..needs import DocumentKind
from ..storage import document_storage


def _document_path(instance, filename):
    # The name the family gave the file can hold personal data: it stays in
    # the database row, and the file on disk gets a random name.
    return f"{instance.case_id}/{uuid.uuid4().hex}"


class CaseDocument(models.Model):
    wagtail_reference_index_ignore = True

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="documents")
    task = models.ForeignKey(
        "cases.DepartmentTask",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("for task"),
    )
    label = models.CharField(_("what it is"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=40, choices=DocumentKind.choices, default=DocumentKind.OTHER
    )
    # Matter codes the form's editor named as needing this file: they get it
    # whatever its kind (a letter of authorization for household cancellation).
    needed_by = models.JSONField(_("needed by"), default=list, blank=True)
    file = models.FileField(_("file"), storage=document_storage, upload_to=_document_path)
    original_name = EncryptedTextField(_("file name"))
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self):
        return f"document {self.pk}"
