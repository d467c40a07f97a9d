"""Private files as downloads, for views that have already checked who asks."""

from django.http import FileResponse


def certificate_download(certificate):
    return private_pdf_download(certificate.file, f"{certificate.serial}.pdf")


def private_pdf_download(file, filename):
    return FileResponse(
        file.open("rb"), as_attachment=True, filename=filename, content_type="application/pdf"
    )
