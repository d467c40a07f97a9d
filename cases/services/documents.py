"""Documents the family sends (with the application, or in answer to a
department's request) become encrypted ``CaseDocument`` rows of the case.

What a file is, is decided by its first bytes: the browser's content type and
the extension are only what the sender claims."""

import dataclasses

from django.core.files.base import ContentFile

from ..models import CaseDocument
from ..needs import DocumentKind

FILE_SIGNATURES = {
    "application/pdf": (b"%PDF-",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
}
UNKNOWN_CONTENT_TYPE = "application/octet-stream"


def content_type_of(head):
    """The content type the first bytes ``head`` show, or UNKNOWN_CONTENT_TYPE."""
    for content_type, signatures in FILE_SIGNATURES.items():
        if any(head.startswith(signature) for signature in signatures):
            return content_type
    return UNKNOWN_CONTENT_TYPE


@dataclasses.dataclass
class Document:
    label: str
    content: bytes
    name: str
    content_type: str
    kind: str = DocumentKind.OTHER
    # The matters the form's editor named as needing the file, whatever its kind.
    needed_by: tuple = ()

    @classmethod
    def from_upload(cls, label, uploaded, kind=DocumentKind.OTHER, needed_by=()):
        """From an uploaded file (anything with ``read``, ``seek`` and ``name``)."""
        uploaded.seek(0)
        content = uploaded.read()
        return cls(
            label=label,
            content=content,
            name=uploaded.name,
            content_type=content_type_of(content[:16]),
            kind=kind,
            needed_by=tuple(needed_by),
        )


def attach(case, documents, *, actor, task=None):
    """Store ``documents`` on ``case`` (and ``task``, for a reply); call inside
    the transaction of the change they belong to."""
    return [
        CaseDocument.objects.create(
            case=case,
            task=task,
            label=document.label,
            kind=document.kind,
            needed_by=list(document.needed_by),
            file=ContentFile(document.content, name="upload"),
            original_name=document.name,
            content_type=document.content_type,
            size=len(document.content),
            uploaded_by=actor,
        )
        for document in documents
    ]
