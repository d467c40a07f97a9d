"""Agents who work in the browser look cases up in the admin, through the
same service, log and lock-out as the GraphQL hotlineLookup."""

import pytest

from cases.models import HotlineAccess
from tests.api.conftest import hotline_agent
from tests.factories import UserFactory, applicant_data, deceased_data, submitted_case
from tests.staff import staff_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def case():
    return submitted_case(
        deceased=deceased_data(name="王五一"), applicant=applicant_data(phone="13912345678")
    )


def test_the_caller_on_the_case_gets_a_masked_answer(client, case):
    staff_login(client, hotline_agent())
    response = client.post(
        "/admin/hotline/", {"caller_phone": "13912345678", "reference": case.display_reference}
    )
    page = response.content.decode()
    assert case.display_reference in page
    assert "王**" in page and "王五一" not in page
    entry = HotlineAccess.objects.get()
    assert entry.via == "console" and entry.answered


def test_another_caller_is_refused_and_logged(client, case):
    staff_login(client, hotline_agent())
    response = client.post(
        "/admin/hotline/", {"caller_phone": "13800000000", "reference": case.display_reference}
    )
    assert response.context["refused"]
    assert response.context["case"] is None
    assert HotlineAccess.objects.get().reason == "wrong_caller"


def test_staff_who_are_not_agents_cannot_use_it(client, case):
    from cases.models import Department

    clerk = UserFactory(is_staff=True)
    clerk.groups.add(Department.objects.get(code="health").clerk_group)
    staff_login(client, clerk)
    response = client.get("/admin/hotline/")
    assert (response.status_code, response.url) == (302, "/admin/")  # Wagtail's "no permission"
    assert not HotlineAccess.objects.exists()


def test_the_console_shows_the_callers_number_masked_and_never_in_clear(client, case):
    staff_login(client, hotline_agent())
    response = client.post(
        "/admin/hotline/", {"caller_phone": "13912345678", "reference": case.display_reference}
    )
    page = response.content.decode()
    assert "139****5678" in page
    assert "13912345678" not in page


def test_the_console_and_the_api_render_the_same_masked_answer(client, case):
    from cases.services.hotline import look_up

    answer = look_up(
        hotline_agent(), caller_phone="13912345678", reference=case.reference, via="console"
    )
    assert (answer.deceased_name, answer.applicant_phone, answer.caller_phone) == (
        "王**",
        "139****5678",
        "139****5678",
    )
    assert answer.open_matters == len([t for t in answer.tasks if t.status != "completed"])


def test_a_wrong_caller_and_an_unknown_case_get_the_same_page(client, case):
    """Whether a case exists is not the agent's to learn from a refusal."""
    import re

    from cases.references import generate_reference

    staff_login(client, hotline_agent())
    wrong = client.post(
        "/admin/hotline/", {"caller_phone": "13800000000", "reference": case.reference}
    )
    unknown = client.post(
        "/admin/hotline/", {"caller_phone": "13800000000", "reference": generate_reference()}
    )

    def shown(response):
        page = response.content.decode()
        page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)
        page = re.sub(r'"CSRF_TOKEN": "[^"]+"', "", page)
        return re.sub(r'value="[0-9A-Z-]{9,11}"', "", page)  # the reference typed

    assert wrong.context["refused"] == unknown.context["refused"]
    assert shown(wrong) == shown(unknown)
