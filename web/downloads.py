"""Private files as downloads, for views that have already checked who asks."""

from django.http import FileResponse


def certificate_download(certificate):
    return private_pdf_download(certificate.file, f"{certificate.serial}.pdf")


def private_pdf_download(file, filename):
    return FileResponse(
        file.open("rb"), as_attachment=True, filename=filename, content_type="application/pdf"
    )


def document_download(document, *, inline=False):
    """A family's document: shown in the page (images, PDFs) or saved. The
    type is the one its own bytes showed on upload, never what is asked."""
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=not inline,
        filename=f"{document.label}-{document.pk}{EXTENSIONS.get(document.content_type, '')}",
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response


EXTENSIONS = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}
