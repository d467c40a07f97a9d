"""Private files as downloads, for views that have already checked who asks."""

from django.http import FileResponse


def certificate_download(certificate):
    return FileResponse(
        certificate.file.open("rb"),
        as_attachment=True,
        filename=f"{certificate.serial}.pdf",
        content_type="application/pdf",
    )
