"""Submitting an application, whichever channel brings it: the family's proof
that they agreed, and the documents that come with it, are the service's
rules, so the hotline and the app get them as the web does."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError

from cases.constants import Channel, Scenario, StaffRole
from cases.models import Case, CaseDocument
from cases.services.applications import FamilyNotConfirmed, channel_for, submit_application
from cases.services.documents import Document
from tests.factories import NO_FLAGS, UserFactory, applicant_data, deceased_data

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4 care-home death report"


def submit(**overrides):
    values = {
        "scenario": Scenario.HOME,
        "channel": Channel.WEB,
        "deceased": deceased_data(),
        "applicant": applicant_data(phone="13912345678"),
        "profile": NO_FLAGS,
        "submitted_by": None,
    }
    values.update(overrides)
    return submit_application(**values)


def assistant():
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=StaffRole.FUNERAL_ASSISTANT))
    return user


def test_a_funeral_assistant_always_files_on_the_assisted_channel():
    assert channel_for(assistant(), Channel.WEB) == Channel.ASSISTED
    assert channel_for(UserFactory(), Channel.MOBILE) == Channel.MOBILE


@pytest.mark.parametrize("channel", [Channel.ASSISTED, Channel.HOTLINE])
def test_filing_for_a_family_without_their_confirmation_is_refused_and_writes_nothing(channel):
    with pytest.raises(FamilyNotConfirmed):
        submit(channel=channel, submitted_by=assistant())
    assert not Case.objects.exists()


def test_a_confirmation_from_another_number_does_not_count():
    with pytest.raises(FamilyNotConfirmed):
        submit(channel=Channel.ASSISTED, confirmed_phone="13800000000")
    assert not Case.objects.exists()


def test_the_familys_confirmation_for_the_applicants_number_submits():
    case = submit(channel=Channel.ASSISTED, confirmed_phone="139 1234 5678")
    assert case.channel == Channel.ASSISTED


def test_documents_arrive_on_the_case_typed_by_their_own_bytes():
    upload = io.BytesIO(PDF)
    upload.name = "report.jpg"  # what the sender claims is not what it is
    case = submit(documents=[Document.from_upload("养老机构死亡报告", upload)])
    document = CaseDocument.objects.get(case=case)
    assert document.label == "养老机构死亡报告"
    assert document.content_type == "application/pdf"
    assert document.size == len(PDF)
    with document.file.open("rb") as stored:
        assert stored.read() == PDF


def test_a_refused_submission_stores_none_of_its_documents():
    upload = io.BytesIO(PDF)
    upload.name = "report.pdf"
    with pytest.raises(ValidationError):
        submit(
            applicant=applicant_data(phone="12345"),
            documents=[Document.from_upload("养老机构死亡报告", upload)],
        )
    assert not CaseDocument.objects.exists()
