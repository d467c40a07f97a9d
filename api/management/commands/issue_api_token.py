import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from api.models import ApiToken
from cases.roles import is_hotline_agent


class Command(BaseCommand):
    help = (
        "Issue a bearer token for a hotline agent's console or client and print it once "
        "(only its hash is stored). Citizens get theirs from the verifyLoginCode mutation."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--hours", type=int, default=settings.API_HOTLINE_TOKEN_HOURS, help="Lifetime."
        )

    def handle(self, username, hours, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"There is no user called {username}.")
        if not is_hotline_agent(user):
            raise CommandError(
                f"{username} is not in the hotline agents' group; only agents get hotline tokens."
            )
        token, key = ApiToken.issue(user, ApiToken.Kind.HOTLINE, datetime.timedelta(hours=hours))
        self.stdout.write(
            f"Token #{token.pk} for {username}, valid until {token.expires_at:%Y-%m-%d %H:%M}:"
        )
        self.stdout.write(key)
