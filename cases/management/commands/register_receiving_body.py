from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from oauth2_provider.generators import generate_client_secret
from oauth2_provider.models import Application

from cases.models import BodyKind, ReceivingBody, SharingScope


class Command(BaseCommand):
    help = (
        "Register a body that reads shared cases (property registration, a notary office, a "
        "bank) with the purposes it may ask for, and make its OAuth2 client (client "
        "credentials). Prints the client id and secret once: the secret is kept hashed. "
        "Again with the same code: updates the body and, with --new-secret, replaces the secret."
    )

    def add_arguments(self, parser):
        parser.add_argument("code")
        parser.add_argument("--name-zh", required=True)
        parser.add_argument("--name-en", default="")
        parser.add_argument("--kind", choices=BodyKind.values, required=True)
        parser.add_argument(
            "--scopes",
            required=True,
            help=f"comma-separated, of: {', '.join(SharingScope.values)}",
        )
        parser.add_argument("--new-secret", action="store_true")

    def handle(self, *args, code, name_zh, name_en, kind, scopes, new_secret, **options):
        chosen = [scope.strip() for scope in scopes.split(",") if scope.strip()]
        unknown = set(chosen) - set(SharingScope.values)
        if unknown or not chosen:
            raise CommandError(f"unknown or no scopes: {', '.join(sorted(unknown)) or '—'}")
        with transaction.atomic():
            body = ReceivingBody.objects.filter(code=code).select_related("application").first()
            secret = None
            if body is None:
                secret = generate_client_secret()
                application = Application.objects.create(
                    name=name_en or code,
                    client_type=Application.CLIENT_CONFIDENTIAL,
                    authorization_grant_type=Application.GRANT_CLIENT_CREDENTIALS,
                    client_secret=secret,
                )
                body = ReceivingBody(code=code, application=application)
            elif new_secret:
                secret = generate_client_secret()
                body.application.client_secret = secret
                body.application.save()
            body.name_zh, body.name_en, body.kind, body.scopes = name_zh, name_en, kind, chosen
            body.save()
        self.stdout.write(f"{body.code}: client id {body.application.client_id}")
        if secret:
            self.stdout.write(f"client secret (shown once): {secret}")
