"""Hotline agents look a case up for a caller: answered only when the caller's
number is on the case, masked, every lookup logged, too many refusals lock."""

import datetime

import pytest
from django.contrib.auth.models import Group

from api.models import ApiToken
from cases.constants import StaffRole
from cases.models import HotlineAccess, HotlineLock
from cases.references import generate_reference
from tests.api.operations import operation
from tests.factories import UserFactory, applicant_data, deceased_data, resident_id, submitted_case

from .conftest import app_token, hotline_agent, hotline_token

pytestmark = pytest.mark.django_db

LOOKUP = operation("HotlineLookup")
CALLER = "13912345678"


@pytest.fixture
def case():
    return submitted_case(
        deceased=deceased_data(name="王五一", id_number=resident_id(9)),
        applicant=applicant_data(phone=CALLER),
    )


def test_the_applicant_calling_gets_the_case_masked(api, case):
    agent = hotline_agent()
    data = api(
        LOOKUP, {"callerPhone": CALLER, "reference": case.reference}, token=hotline_token(agent)
    )
    found = data["data"]["hotlineLookup"]
    assert found["reference"] == case.display_reference
    assert found["deceasedName"] == "王**"
    assert found["applicantPhone"] == "139****5678"
    assert found["openMatters"] == case.tasks.exclude(status="completed").count()
    entry = HotlineAccess.objects.get()
    assert (entry.agent, entry.answered, entry.reason, entry.case) == (
        agent,
        True,
        "answered",
        case,
    )


def test_the_case_can_be_found_by_the_deceaseds_id_number(api, case):
    data = api(
        LOOKUP, {"callerPhone": CALLER, "deceasedIdNumber": resident_id(9)}, token=hotline_token()
    )
    assert data["data"]["hotlineLookup"]["reference"] == case.display_reference


def test_a_caller_not_on_the_case_is_refused_like_an_unknown_case_and_logged(api, case):
    token = hotline_token()
    wrong = api(LOOKUP, {"callerPhone": "13800000000", "reference": case.reference}, token=token)
    unknown = api(LOOKUP, {"callerPhone": CALLER, "reference": generate_reference()}, token=token)
    assert wrong["data"]["hotlineLookup"] is None
    assert wrong["errors"][0]["message"] == unknown["errors"][0]["message"]
    # Nor does the code tell them apart: the reason is in the access log only.
    assert (
        wrong["errors"][0]["extensions"]
        == unknown["errors"][0]["extensions"]
        == {"code": "not_found"}
    )
    reasons = list(HotlineAccess.objects.order_by("at").values_list("reason", "answered"))
    assert reasons == [("wrong_caller", False), ("not_found", False)]


def test_the_log_holds_no_clear_personal_data(api, case):
    api(LOOKUP, {"callerPhone": CALLER, "deceasedIdNumber": resident_id(9)}, token=hotline_token())
    entry = HotlineAccess.objects.get()
    assert CALLER not in entry.caller_phone
    assert resident_id(9) not in entry.asked_for


def test_staff_without_the_hotline_role_are_refused(api, case):
    clerk = UserFactory(is_staff=True)
    _token, key = ApiToken.issue(clerk, ApiToken.Kind.HOTLINE, datetime.timedelta(hours=1))
    body = api(LOOKUP, {"callerPhone": CALLER, "reference": case.reference}, token=key)
    assert body["errors"][0]["extensions"]["code"] == "forbidden"


def test_a_citizens_app_token_cannot_look_up(api, case):
    from tests.factories import citizen

    body = api(
        LOOKUP, {"callerPhone": CALLER, "reference": case.reference}, token=app_token(citizen())
    )
    assert body["errors"][0]["extensions"]["code"] == "forbidden"


def test_too_many_refusals_lock_the_agent_and_the_token_and_alert_supervisors(api, case, settings):
    settings.HOTLINE_MAX_REFUSALS_PER_HOUR = 3
    agent = hotline_agent()
    key = hotline_token(agent)
    for _ in range(4):
        api(LOOKUP, {"callerPhone": "13800000000", "reference": case.reference}, token=key)
    lock = HotlineLock.objects.get(agent=agent)
    assert lock.refused_lookups == 4
    locked = api(LOOKUP, {"callerPhone": CALLER, "reference": case.reference}, token=key)
    assert locked["errors"][0]["extensions"]["code"] == "locked"
    assert ApiToken.objects.get().revoked_at is not None
    api(LOOKUP, {"callerPhone": CALLER, "reference": case.reference}, token=key, status=401)
    supervisor = UserFactory(is_staff=True)
    supervisor.groups.add(Group.objects.get(name=StaffRole.HOTLINE_SUPERVISOR))
    from office.wagtail_hooks import HotlineLocksPanel

    assert HotlineLocksPanel.open_locks_for(supervisor) == [lock]
    assert HotlineLocksPanel.open_locks_for(agent) == []
    from tests.staff import staff_login

    staff_login(api.client, supervisor)
    assert agent.get_username() in api.client.get("/admin/").content.decode()


def test_a_released_agent_can_look_up_again(api, case, settings):
    from cases.services.hotline import release

    settings.HOTLINE_MAX_REFUSALS_PER_HOUR = 0
    agent = hotline_agent()
    api(
        LOOKUP,
        {"callerPhone": "13800000000", "reference": case.reference},
        token=hotline_token(agent),
    )
    release(HotlineLock.objects.get(), by=UserFactory(superuser=True), reason="误操作，已核实")
    body = api(
        LOOKUP, {"callerPhone": CALLER, "reference": case.reference}, token=hotline_token(agent)
    )
    assert body["data"]["hotlineLookup"]["reference"] == case.display_reference


def test_releasing_a_lock_starts_the_refusal_count_again(api, case, settings):
    from cases.services.hotline import release

    settings.HOTLINE_MAX_REFUSALS_PER_HOUR = 2
    agent = hotline_agent()
    token = hotline_token(agent)
    for _ in range(3):
        api(LOOKUP, {"callerPhone": "13800000000", "reference": case.reference}, token=token)
    release(HotlineLock.objects.get(), by=UserFactory(superuser=True), reason="误操作，已核实")
    again = hotline_token(agent)  # the lock revoked the old token
    api(LOOKUP, {"callerPhone": "13800000000", "reference": case.reference}, token=again)
    assert not HotlineLock.objects.filter(released_at__isnull=True).exists()
    body = api(LOOKUP, {"callerPhone": CALLER, "reference": case.reference}, token=again)
    assert body["data"]["hotlineLookup"]["reference"] == case.display_reference


@pytest.mark.parametrize(
    "asked",
    [
        {"callerPhone": CALLER, "deceasedIdNumber": "3" * 1000},
        {"callerPhone": CALLER, "reference": "A" * 1000},
        {"callerPhone": "1" * 1000, "reference": "ABCD-EFGH-J"},
    ],
)
def test_an_over_long_input_is_refused_as_malformed_and_still_logged(api, case, asked):
    data = api(LOOKUP, asked, token=hotline_token())
    assert data["data"]["hotlineLookup"] is None
    assert data["errors"][0]["extensions"] == {"code": "bad_input"}
    entry = HotlineAccess.objects.get()
    assert (entry.reason, entry.answered) == ("bad_input", False)
    assert len(entry.asked_for) <= 40 and len(entry.caller_phone) <= 20
