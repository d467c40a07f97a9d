"""The heir's text must be recognisable, not read like a scam (issue 22)."""

import pytest
from django.conf import settings

from cases.services.heirs import DECLARATION_VERSION, declare_heirs
from tests.factories import applicant_data, heir_data, submitted_case


def declare(case, *heirs):
    return declare_heirs(
        case,
        heirs=list(heirs),
        payee_name=case.applicant.name,
        payee_account="6222020200112733445",
        consent_version=DECLARATION_VERSION,
        actor=None,
    )


pytestmark = pytest.mark.django_db


def test_the_heir_is_told_who_asks_for_whom_on_which_platform(empty_sms_outbox):
    case = submitted_case(flags={"pension": True}, applicant=applicant_data(phone="13912345678"))
    declare(case, heir_data(1))
    [text] = [m["text"] for m in empty_sms_outbox if m["to"] == heir_data(1).phone]
    assert case.applicant.name in text and case.deceased.name in text
    assert "**" not in text
    assert "“身后一件事”平台" in text and "12345" in text


def test_the_only_link_in_the_heirs_text_is_the_platforms_own(empty_sms_outbox):
    import re

    case = submitted_case(flags={"pension": True}, applicant=applicant_data(phone="13912345678"))
    declare(case, heir_data(1))
    [text] = [m["text"] for m in empty_sms_outbox if m["to"] == heir_data(1).phone]
    links = re.findall(r"https?://\S+", text)
    assert links and all(link.startswith(settings.PUBLIC_BASE_URL) for link in links)
