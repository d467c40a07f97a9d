"""The coverage screen for civil affairs' supervisors: per county, villages
with a trained assistant; the villages without; handing a case over."""

import pytest

from cases.models import AuditEvent, AuditEventKind
from tests.factories import AreaFactory, FuneralAssistantFactory, submitted_case
from tests.staff import department_member, staff_login

pytestmark = pytest.mark.django_db

URL = "/admin/assistant-coverage/"


@pytest.fixture
def supervisor(client):
    return staff_login(client, department_member("civil_affairs", supervisor=True))


def test_the_figures_and_the_uncovered_villages_are_shown(supervisor):
    covered, bare = AreaFactory(name="月河社区"), AreaFactory(name="南街社区")
    FuneralAssistantFactory(villages=[covered])
    page = supervisor.get(URL).content.decode()
    assert "吴兴区" in page and "50.0%" in page
    assert "南街社区" in page and bare.code in page


def test_the_screen_is_for_civil_affairs_supervisors_only(client, supervisor):
    assert URL in supervisor.get("/admin/").content.decode()
    clerk = staff_login(client, department_member("civil_affairs"))
    assert clerk.get(URL)["Location"] == "/admin/"


def test_a_case_is_handed_to_another_assistant_from_the_screen(supervisor):
    case = submitted_case()
    other = FuneralAssistantFactory()
    response = supervisor.post(
        URL, {"reference": case.display_reference, "assistant": other.pk, "reason": "休假"}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.assistant == other
    assert AuditEvent.objects.filter(kind=AuditEventKind.ASSISTANT_ASSIGNED, case=case).exists()


def test_an_unknown_reference_is_refused_at_its_field(supervisor):
    other = FuneralAssistantFactory()
    page = supervisor.post(URL, {"reference": "AAAA-AAAA-A", "assistant": other.pk, "reason": "x"})
    assert "No case has this reference" in page.content.decode() or "没有这个编号" in (
        page.content.decode()
    )


def test_the_screen_warns_of_trainings_falling_due(supervisor):
    from datetime import timedelta

    from django.utils import timezone

    from tests.factories import AssistantTrainingFactory

    due = timezone.localdate() + timedelta(days=7)
    assistant = FuneralAssistantFactory(name="吴协理", trained=False)
    AssistantTrainingFactory(assistant=assistant, refresher_due=due)
    page = supervisor.get(URL).content.decode()
    assert f"吴协理 · {due:%Y-%m-%d}" in page
