"""The health (H01) or police (P01) clerk records on completion what the
national 居民死亡医学证明 carries beyond the case: the cause chain 甲–丁 with
ICD-10 codes, the issuing institution and the doctor; the sealed
certificate prints them."""

import pytest
from django.core.exceptions import ValidationError

from cases.services.certificates import certificate_rows
from cases.services.results import structured_result
from tests.cases.helpers import complete, task
from tests.factories import submitted_case
from tests.staff import department_member, staff_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def case():
    case = submitted_case()
    complete(case, "BD01")
    return case


def post(client, t, action, **data):
    payload = {"action": action, **{f"{action}-{k}": v for k, v in data.items()}}
    return client.post(f"/admin/workbench/{t.pk}/", payload)


def test_the_health_clerk_is_offered_the_four_cause_lines_the_doctor_and_institution(client, case):
    staff_login(client, department_member("health"))
    page = client.get(f"/admin/workbench/{task(case, 'H01').pk}/").content.decode()
    for label in (
        "（甲）直接死亡原因",
        "（丁）根本死亡原因",
        "ICD-10编码",
        "出具证明的医师",
        "出具机构",
    ):
        assert label in page


def test_other_matters_are_not_offered_them(client, case):
    staff_login(client, department_member("civil_affairs"))
    page = client.get(f"/admin/workbench/{task(case, 'C01').pk}/").content.decode()
    assert "直接死亡原因" not in page and "出具证明的医师" not in page


def test_the_completed_certificate_prints_what_the_clerk_entered(client, case):
    staff_login(client, department_member("health"))
    h01 = task(case, "H01")
    post(client, h01, "accept")
    response = post(
        client,
        h01,
        "complete",
        cause_1="心源性休克",
        icd10_1="r57.0",
        cause_2="急性心肌梗死",
        icd10_2="I21.9",
        institution="湖州市第一人民医院",
        doctor="李明",
    )
    assert response.status_code == 302
    h01.refresh_from_db()
    assert h01.result["cause_chain"] == [
        {"cause": "心源性休克", "icd10": "R57.0"},
        {"cause": "急性心肌梗死", "icd10": "I21.9"},
    ]
    rows = dict(certificate_rows(h01, "S-1", h01.completed_at))
    assert rows["（甲）直接死亡原因"] == "心源性休克（ICD-10 R57.0）"
    assert rows["出具机构"] == "湖州市第一人民医院"
    assert rows["医师（经办人）"] == "李明"


def test_a_malformed_icd10_code_is_explained_at_its_line_and_nothing_is_completed(client, case):
    staff_login(client, department_member("health"))
    h01 = task(case, "H01")
    post(client, h01, "accept")
    response = post(client, h01, "complete", cause_1="心源性休克", icd10_1="心梗")
    assert response.status_code == 200
    assert "ICD-10编码是一个字母加两位数字" in response.content.decode()
    h01.refresh_from_db()
    assert h01.status != "completed"


def test_a_code_without_its_cause_is_refused(case):
    with pytest.raises(ValidationError) as refused:
        structured_result(task(case, "H01"), cause_chain=[("", "I21.9")])
    assert "cause_1" in refused.value.message_dict


def test_another_matter_cannot_carry_a_cause_chain(case):
    with pytest.raises(ValidationError):
        structured_result(task(case, "C01"), cause_chain=[("心源性休克", "R57.0")], doctor="李明")
