"""A text at every step (全程提醒、步步反馈), in the family's language."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from cases.constants import Scenario
from cases.models import Department, SmsMessage, SmsTemplate
from tests.factories import (
    ALL_FLAGS,
    DemoRegistryPersonFactory,
    applicant_data,
    resident_id,
    submitted_case,
)

from ..cases.helpers import complete

pytestmark = pytest.mark.django_db

PHONE = "13912345678"


@pytest.fixture
def case():
    DemoRegistryPersonFactory(id_number=resident_id(1), name="王五")
    return submitted_case(Scenario.HOSPITAL, ALL_FLAGS, applicant=applicant_data(phone=PHONE))


def texts(case, code):
    return list(
        SmsMessage.objects.filter(case=case, template_code=code).values_list("text", flat=True)
    )


def test_a_matter_done_is_texted_with_what_it_means(case):
    complete(case, "H01", "M01")
    [text] = texts(case, "matter_done")
    assert "基本医疗保险参保终止" in text and "医疗保险参保已终止" in text


def test_an_amount_paid_is_in_the_text(case):
    complete(case, "H01")
    complete(case, "V01", result={"outcome_text": "抚恤已停发，丧葬补助费已支付", "amount": "5000"})
    [text] = texts(case, "matter_done")
    assert "¥5000" in text


def test_the_funeral_booking_says_when_where_and_the_funeral_homes_phone(case):
    Department.objects.filter(code="civil_affairs").update(public_phone="0572-2123456")
    complete(case, "C01", result={"outcome_text": "12月3日8:00接运至湖州市殡仪馆"})
    [text] = texts(case, "funeral_booked")
    assert "12月3日8:00接运至湖州市殡仪馆" in text and "0572-2123456" in text


def test_without_the_funeral_homes_phone_the_text_never_calls_12345_its_number(case):
    Department.objects.filter(code="civil_affairs").update(public_phone="")
    complete(case, "C01", result={"outcome_text": "12月3日8:00接运至湖州市殡仪馆"})
    assert texts(case, "funeral_booked") == []
    [text] = texts(case, "funeral_booked_call")
    assert "殡仪馆会打电话" in text
    assert "殡仪馆电话12345" not in text


def test_the_police_releasing_the_body_is_texted_once():
    from cases.services.events import release_body

    case = submitted_case(Scenario.ABNORMAL, applicant=applicant_data(phone=PHONE))
    release_body(case, actor=None)
    complete(case, "BD01", "P01")  # the certificate releases it too: no second text
    [text] = texts(case, "body_released")
    assert case.display_reference in text and "同意接运遗体" in text


def test_a_matter_with_a_certificate_is_told_by_the_certificates_text_only(case):
    complete(case, "H01")
    assert texts(case, "matter_done") == []


def test_a_family_that_applied_in_english_is_texted_in_english():
    DemoRegistryPersonFactory(id_number=resident_id(1), name="王五")
    with translation.override("en"):
        case = submitted_case(Scenario.HOSPITAL, applicant=applicant_data(phone=PHONE))
    assert case.language == "en"
    [text] = texts(case, "case_submitted")
    assert text.startswith("[After-death affairs] Your application is in")
    complete(case, "H01", "P02")
    assert texts(case, "materials_needed") == []  # nothing asked; and no Chinese sneaks in
    assert all(
        "【" not in t for t in SmsMessage.objects.filter(case=case).values_list("text", flat=True)
    )


def test_an_english_text_may_use_only_the_templates_variables():
    template = SmsTemplate.objects.get(code="matter_done")
    template.text_en = "Case {reference}: {secret}"
    with pytest.raises(ValidationError) as refused:
        template.full_clean()
    assert "text_en" in refused.value.message_dict
