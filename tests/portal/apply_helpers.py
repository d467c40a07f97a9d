"""Walking the application wizard with Django's test client."""

import datetime
import re

from django.utils import timezone

from tests.factories import resident_id

DECEASED_ID = resident_id(41)


def start(client, scenario="hospital"):
    """Start a draft; return the wizard's base URL (/apply/<scenario>/<uuid>/)."""
    response = client.post(f"/apply/{scenario}/")
    assert response.status_code == 302, response
    return response.url


def answer(client, base, step, data, files=None):
    payload = {"apply-current_step": step}
    payload.update({f"{step}-{key}": value for key, value in data.items()})
    payload.update({f"{step}-{key}": value for key, value in (files or {}).items()})
    return client.post(f"{base}{step}/", payload)


def died_at(hours_ago=5):
    return (timezone.localtime() - datetime.timedelta(hours=hours_ago)).strftime("%Y-%m-%dT%H:%M")


def deceased_step(id_number=DECEASED_ID, **extra):
    return {
        "deceased__id_number": id_number,
        "death__datetime": died_at(),
        "death__place": "湖州市第一人民医院",
        **extra,
    }


PROFILE = {
    "name": "王五",
    "gender": "male",
    "birth_date": "1950-06-15",
    "flags": ["pension", "local_hukou"],
}
APPLICANT = {
    "applicant__name": "王小明",
    "applicant__phone": "13912345678",
    "applicant__id_number": resident_id(3, datetime.date(1975, 3, 3)),
    "applicant__relationship": "child",
}
ACCOUNT = {"applicant__bank_account": "6222021234767890"}
FUNERAL = {
    "funeral__pickup_address": "湖州市吴兴区某路1号",
    "funeral__pickup_time": "越快越好",
    "funeral__farewell": "还没决定",
}
CONSENT = {"consent_sharing": "on"}


def hospital_steps():
    """(step, answers) of every question step of the demo hospital form."""
    return [
        ("1", deceased_step()),
        ("profile", PROFILE),
        ("2", APPLICANT),
        ("4", ACCOUNT),
        ("5", FUNERAL),
        ("6", CONSENT),
    ]


def walk_hospital(client, base=None):
    """Answer every step of the demo hospital form; return the last response."""
    base = base or start(client)
    response = None
    for step, data in [*hospital_steps(), ("review", {})]:
        response = answer(client, base, step, data)
        assert response.status_code == 302, (step, _errors(response))
    return client.get(response.url, follow=True)


def _errors(response):
    return re.findall(r'class="error"[^>]*>([^<]*)<', response.content.decode())
