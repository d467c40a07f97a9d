"""The liaison's screens in the admin: certify a death on one page (ICD-10
codes picked from the shipped list), read and download the sealed
certificate (each an access event), and, for a health supervisor, correct it."""

import datetime

import pytest
from django.utils import timezone

from cases.models import AuditEvent, AuditEventKind, MedicalDeathCertificate
from tests.factories import (
    MedicalInstitutionFactory,
    certified_death,
    liaison_of,
    resident_id,
)
from tests.staff import department_member, staff_login

pytestmark = pytest.mark.django_db

URL = "/admin/death-certificates/"


def form_data(**overrides):
    died = timezone.localtime() - datetime.timedelta(hours=1)
    data = {
        "id_number": resident_id(3),
        "name": "李四",
        "gender": "female",
        "birth_date": "1942-03-08",
        "died_at": died.strftime("%Y-%m-%dT%H:%M"),
        "place_of_death": "湖州市第一人民医院呼吸科",
        "cause_1": "呼吸衰竭",
        "icd10_1": "J96.0",
        "interval_1": "1天",
        "cause_2": "慢性阻塞性肺病",
        "icd10_2": "J44.9",
        "interval_2": "15年",
        "doctor": "张医生",
        "contact_name": "李小红",
        "contact_phone": "13700001111",
    }
    data.update(overrides)
    return data


@pytest.fixture
def hospital():
    return MedicalInstitutionFactory()


@pytest.fixture
def liaison(client, hospital):
    return staff_login(client, liaison_of(hospital))


def test_a_liaison_certifies_a_death_on_one_page(liaison, hospital, empty_sms_outbox):
    page = liaison.get(f"{URL}new/").content.decode()
    assert 'list="icd10-causes"' in page and "I21 急性心肌梗死" in page
    response = liaison.post(f"{URL}new/", form_data(institution=hospital.pk))
    medical = MedicalDeathCertificate.objects.get()
    assert response["Location"] == f"{URL}{medical.pk}/"
    assert medical.cause_chain[1] == {
        "cause": "慢性阻塞性肺病",
        "icd10": "J44.9",
        "interval": "15年",
    }
    assert empty_sms_outbox[0]["to"] == "13700001111"


def test_a_code_not_in_the_list_is_refused_at_its_line_and_nothing_is_lost(liaison, hospital):
    page = liaison.post(f"{URL}new/", form_data(institution=hospital.pk, icd10_2="Z99")).content
    page = page.decode()
    assert "This code is not in the list" in page or "不在死因编码表中" in page
    assert "慢性阻塞性肺病" in page and "张医生" in page  # what was typed stays
    assert not MedicalDeathCertificate.objects.exists()


def test_the_list_masks_the_id_number_and_shows_only_the_institutions_deaths(liaison, hospital):
    others = certified_death(4, institution=MedicalInstitutionFactory())
    own = certified_death(3, institution=hospital)
    page = liaison.get(URL).content.decode()
    assert own.certificate.serial in page and others.certificate.serial not in page
    assert resident_id(3) not in page and resident_id(3)[:6] in page
    assert liaison.get(f"{URL}{others.pk}/").status_code == 404


def test_opening_and_downloading_are_access_events(liaison, hospital):
    medical = certified_death(institution=hospital)
    liaison.get(f"{URL}{medical.pk}/")
    download = liaison.get(f"{URL}{medical.pk}/certificate.pdf")
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    kinds = list(AuditEvent.objects.order_by("pk").values_list("kind", flat=True))
    assert kinds[-2:] == [
        AuditEventKind.DEATH_CERTIFICATE_OPENED,
        AuditEventKind.CERTIFICATE_DOWNLOADED,
    ]


def test_the_menu_shows_the_screen_to_liaisons_and_health_supervisors_only(client, liaison):
    assert URL in liaison.get("/admin/").content.decode()
    clerk = staff_login(client, department_member("health"))
    assert URL not in clerk.get("/admin/").content.decode()
    assert clerk.get(URL)["Location"] == "/admin/"


def test_a_health_supervisor_corrects_with_a_reason(client, hospital):
    medical = certified_death(institution=hospital)
    supervisor = staff_login(client, department_member("health", supervisor=True))
    page = supervisor.get(f"{URL}{medical.pk}/correct/").content.decode()
    assert "急性心肌梗死" in page  # starts from what was certified
    data = form_data(id_number=resident_id(1), icd10_1="I21.0", reason="部位编码有误")
    response = supervisor.post(f"{URL}{medical.pk}/correct/", data)
    new = MedicalDeathCertificate.objects.current().get()
    assert response["Location"] == f"{URL}{new.pk}/"
    assert new.replaces == medical and new.cause_chain[0]["icd10"] == "I21.0"
    assert new.id_number == resident_id(1)  # the ID number cannot be changed here


def test_a_liaison_cannot_open_the_correction(liaison, hospital):
    medical = certified_death(institution=hospital)
    assert liaison.get(f"{URL}{medical.pk}/correct/").status_code == 404
