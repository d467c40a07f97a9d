"""A close relative's request in the app: the same proof (a code for this
purpose, the end of their own ID number) and the same services as the web
pages; the copy's links work for 15 minutes and for that request only."""

import datetime

import pytest
from django.utils import timezone

from cases.models import DataRequest, RequestStatus
from cases.services import rights_answers
from cases.sms.contrib.memory import plugin as memory
from tests.api.operations import operation
from tests.delegations.helpers import last_code
from tests.factories import (
    APPLICANT_ID,
    DataRequestFactory,
    applicant_data,
    data_protection_officer,
    submitted_case,
)

pytestmark = pytest.mark.django_db

PHONE = "13912345678"
ASK = operation("AskDataRightsCode")
SUBMIT = operation("SubmitDataRequest")
ASK_AGAIN = operation("AskDataRequestCode")
OPEN = operation("OpenDataRequest")


@pytest.fixture
def case():
    return submitted_case(applicant=applicant_data(id_number=APPLICANT_ID))


def test_the_app_asks_for_a_code_and_sends_a_correction(api, case):
    body = api(ASK, {"reference": case.display_reference, "phone": PHONE})
    assert body["data"]["askDataRightsCode"]["accepted"] is True
    body = api(
        SUBMIT,
        {
            "reference": case.display_reference,
            "phone": PHONE,
            "code": last_code(PHONE),
            "idNumberSuffix": APPLICANT_ID[-6:],
            "kind": "CORRECTION",
            "fact": "place_of_death",
            "details": "湖州市中心医院",
        },
    )
    made = body["data"]["submitDataRequest"]["request"]
    assert (made["kind"], made["status"]) == ("correction", "received")
    assert DataRequest.objects.get(reference=made["reference"]).channel == "mobile"


def test_an_unlisted_number_is_accepted_alike_and_gets_no_code(api, case):
    body = api(ASK, {"reference": case.display_reference, "phone": "13700009999"})
    assert body["data"]["askDataRightsCode"]["accepted"] is True
    assert not [m for m in memory.outbox if m["to"] == "13700009999"]


def test_a_wrong_id_number_end_is_refused_in_words(api, case):
    api(ASK, {"reference": case.display_reference, "phone": PHONE})
    body = api(
        SUBMIT,
        {
            "reference": case.display_reference,
            "phone": PHONE,
            "code": last_code(PHONE),
            "idNumberSuffix": "000000",
            "kind": "COPY",
        },
    )
    assert body["errors"][0]["extensions"]["code"] == "refused"
    assert "身份证号后六位不符" in body["errors"][0]["message"]


def test_the_relative_opens_the_answer_and_downloads_within_15_minutes(
    api, client, case, time_machine
):
    made = DataRequestFactory(case=case)
    rights_answers.prepare_copy(made, by=data_protection_officer())
    api(ASK_AGAIN, {"requestReference": made.reference})
    body = api(
        OPEN,
        {
            "requestReference": made.reference,
            "code": last_code(PHONE),
            "idNumberSuffix": APPLICANT_ID[-6:],
        },
    )
    opened = body["data"]["openDataRequest"]["request"]
    assert opened["status"] == RequestStatus.ANSWERED
    path = opened["copyPdfUrl"][opened["copyPdfUrl"].index("/rights/") :]
    response = client.get(path)
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    # The JSON's link does not open the PDF, and no link outlives 15 minutes.
    json_path = opened["copyJsonUrl"][opened["copyJsonUrl"].index("/rights/") :]
    assert client.get(json_path.replace("copy.json", "copy.pdf")).status_code == 404
    time_machine.move_to(timezone.now() + datetime.timedelta(minutes=16))
    assert client.get(path).status_code == 404
