import datetime
import json

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from cases.constants import Scenario
from cases.models import SmsMessage, SmsStatus, SmsTemplate
from cases.notifications import notify
from cases.services.tasks import accept_task, materials_supplied, request_materials
from cases.sms.contrib.memory import plugin as memory
from tests.connectors.conftest import run_jobs
from tests.factories import NO_FLAGS, DemoRegistryPersonFactory, resident_id, submitted_case
from tests.staff import staff_login

from ..cases.helpers import complete, task

pytestmark = pytest.mark.django_db

PHONE = "13912345678"


def send(key, phone=PHONE):
    return notify(
        "case_completed", phone=phone, context={"reference": "7K3Q-X9M2-P"}, dedupe_key=key
    )


def test_submitting_a_case_texts_the_applicant_its_reference(empty_sms_outbox):
    case = submitted_case()
    assert len(empty_sms_outbox) == 1
    message = empty_sms_outbox[0]
    assert message["to"] == PHONE
    assert case.display_reference in message["text"]
    assert SmsMessage.objects.get().status == SmsStatus.SENT


def test_the_same_event_sends_one_message(empty_sms_outbox):
    assert send("case:1:completed") is not None
    assert send("case:1:completed") is None
    assert len(empty_sms_outbox) == 1


def test_a_number_gets_no_more_than_the_daily_limit(settings, empty_sms_outbox):
    settings.SMS_DAILY_CAP_PER_PHONE = 2
    for n in range(3):
        send(f"key-{n}")
    statuses = list(SmsMessage.objects.order_by("id").values_list("status", flat=True))
    assert statuses == [SmsStatus.SENT, SmsStatus.SENT, SmsStatus.SUPPRESSED]
    assert len(empty_sms_outbox) == 2
    send("other-number", phone="13800000000")
    assert len(empty_sms_outbox) == 3


def test_a_failed_send_is_retried_later(settings, time_machine):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    memory.failures.append("down")
    message = send("retry-me")
    run_jobs()
    message.refresh_from_db()
    assert (message.status, message.attempts) == (SmsStatus.RETRYING, 1)
    assert message.last_error == "provider unavailable (test)"
    time_machine.move_to(datetime.datetime.now(datetime.UTC) + datetime.timedelta(hours=1))
    run_jobs()
    message.refresh_from_db()
    assert (message.status, message.attempts) == (SmsStatus.SENT, 2)


def test_after_the_last_attempt_a_message_is_marked_failed(settings):
    settings.SMS_MAX_ATTEMPTS = 1
    memory.failures.append("down")
    message = send("give-up")
    message.refresh_from_db()
    assert message.status == SmsStatus.FAILED


def test_templates_refuse_variables_they_do_not_have():
    template = SmsTemplate.objects.get(code="case_completed")
    template.text = "【身后一件事】{reference} {id_number}"
    with pytest.raises(ValidationError) as excinfo:
        template.full_clean()
    assert "{id_number}" in str(excinfo.value)


def test_a_text_with_a_full_id_number_is_never_sent(empty_sms_outbox):
    message = notify("case_completed", phone=PHONE, context={"reference": resident_id(3)})
    assert message.status == SmsStatus.FAILED
    assert message.text == ""
    assert empty_sms_outbox == []


def test_templates_refuse_long_numbers():
    template = SmsTemplate.objects.get(code="case_completed")
    template.text = "【身后一件事】{reference}，咨询057212345678"
    with pytest.raises(ValidationError, match=r"11 digits|11位"):
        template.full_clean()


def test_numbers_and_texts_are_stored_encrypted():
    send("stored")
    with connection.cursor() as cursor:
        cursor.execute("SELECT phone, text FROM cases_smsmessage")
        phone, text = cursor.fetchone()
    assert PHONE not in phone + text
    assert "身后一件事" not in text


def test_the_development_backend_writes_one_json_line_per_message(settings, tmp_path):
    settings.SMS_BACKEND = "file"
    settings.VAR_DIR = tmp_path
    send("to-file")
    line = json.loads((tmp_path / "sms" / "outbox.jsonl").read_text(encoding="utf-8"))
    assert line["to"] == PHONE
    assert "7K3Q-X9M2-P" in line["text"]


def test_the_family_is_told_once_a_day_when_materials_are_needed(empty_sms_outbox):
    DemoRegistryPersonFactory(id_number=resident_id(1), name="王五")
    case = submitted_case(Scenario.HOSPITAL, NO_FLAGS)
    h01 = accept_task(task(case, "H01"), actor=None)
    h01 = request_materials(h01, actor=None, message="请上传病历")
    request_materials(materials_supplied(h01), actor=None, message="还需要身份证照片")
    texts = [m["text"] for m in empty_sms_outbox]
    assert sum("补充材料" in text for text in texts) == 1


def test_the_family_is_told_when_everything_is_done(empty_sms_outbox):
    DemoRegistryPersonFactory(id_number=resident_id(1), name="王五")
    case = submitted_case(Scenario.HOSPITAL, NO_FLAGS)
    complete(case, "H01", "C01", "C02", "P02")
    assert sum("所有事项已办结" in m["text"] for m in empty_sms_outbox) == 1


def test_administrators_see_messages_with_the_number_masked(client):
    from django.urls import reverse

    from tests.factories import UserFactory

    send("shown")
    staff_login(client, UserFactory(superuser=True))
    page = client.get(reverse("cases_sms:index")).content.decode()
    assert "139****5678" in page
    assert PHONE not in page


def test_an_administrator_edits_a_template_and_is_told_about_unknown_variables(client):
    from django.urls import reverse

    from tests.factories import UserFactory

    template = SmsTemplate.objects.get(code="case_submitted")
    staff_login(client, UserFactory(superuser=True))
    url = reverse("wagtailsnippets_cases_smstemplate:edit", args=[template.pk])
    response = client.post(
        url, {"name": template.name, "text": "编号{reference}，{name}", "is_active": "on"}
    )
    assert response.status_code == 200
    assert "{name}" in response.content.decode()
    response = client.post(
        url, {"name": template.name, "text": "编号{reference}，{due_date}前办结", "is_active": "on"}
    )
    assert response.status_code == 302
    template.refresh_from_db()
    assert template.text == "编号{reference}，{due_date}前办结"


def test_a_value_that_ends_its_own_sentence_does_not_double_the_full_stop():
    template = SmsTemplate.objects.get(code="matter_done")
    context = {"reference": "ABCD-EFGH-J", "matter": "丧葬补助金", "outcome": "已支付5000元。"}
    text = template.render(context)
    assert "已支付5000元。" in text
    assert "。。" not in text
    english = template.render({**context, "outcome": "paid ¥5000."}, "en")
    assert "paid ¥5000." in english
    assert ".." not in english


def test_dates_in_a_text_are_written_as_its_language_writes_them():
    template = SmsTemplate.objects.get(code="case_submitted")
    context = {"reference": "ABCD-EFGH-J", "due_date": datetime.date(2026, 12, 9)}
    assert "12月9日" in template.render(context)
    english = template.render(context, "en")
    assert "9 December" in english
    assert "月" not in english


def test_a_time_in_a_text_is_beijing_time_in_its_language():
    template = SmsTemplate.objects.get(code="delegation_reminder")
    expires = datetime.datetime(2026, 12, 13, 9, 24, tzinfo=datetime.UTC)  # 17:24 in Beijing
    context = {"deceased": "王*", "expires": expires, "link": "https://example.gov.cn/d/x/"}
    assert "12月13日17:24" in template.render(context)
    assert "13 December 17:24" in template.render(context, "en")
