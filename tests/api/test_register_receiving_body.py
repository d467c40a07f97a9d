"""An administrator registers a receiving body from the command line; its
secret is printed once and works for a token."""

import base64
import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from cases.models import ReceivingBody

pytestmark = pytest.mark.django_db


def register(*args):
    out = StringIO()
    call_command("register_receiving_body", *args, stdout=out)
    return out.getvalue()


def test_a_registered_body_gets_a_token_with_the_secret_printed_once(client):
    printed = register(
        "huzhou-notary",
        "--name-zh",
        "湖州市公证处",
        "--kind",
        "notary",
        "--scopes",
        "death-facts,heirs-and-consents",
    )
    client_id = re.search(r"client id (\S+)", printed).group(1)
    secret = re.search(r"shown once\): (\S+)", printed).group(1)
    body = ReceivingBody.objects.get(code="huzhou-notary")
    assert body.application.client_secret != secret  # kept hashed
    credentials = base64.b64encode(f"{client_id}:{secret}".encode()).decode()
    answer = client.post(
        "/share/oauth/token/",
        {"grant_type": "client_credentials", "scope": "heirs-and-consents"},
        HTTP_AUTHORIZATION=f"Basic {credentials}",
    )
    assert answer.status_code == 200


def test_an_unknown_purpose_is_refused():
    with pytest.raises(CommandError, match="everything"):
        register("bank", "--name-zh", "银行", "--kind", "bank", "--scopes", "everything")
