"""一支团队跟到底: the family sees their funeral assistant, with a number to
call, on the case page and in the app; the assistant finds the families of
their cases among their own, whoever filed them."""

import pytest

from tests.factories import (
    AreaFactory,
    DemoRegistryPersonFactory,
    FuneralAssistantFactory,
    applicant_data,
    citizen,
    deceased_data,
    resident_id,
    submitted_case,
)
from tests.staff import staff_login

pytestmark = pytest.mark.django_db

PHONE = "13912345678"


@pytest.fixture
def assigned():
    village = AreaFactory()
    assistant = FuneralAssistantFactory(villages=[village], name="周协理", phone="13600001234")
    DemoRegistryPersonFactory(id_number=resident_id(1), hukou_area_code=village.code)
    case = submitted_case(deceased=deceased_data(1), applicant=applicant_data(phone=PHONE))
    assert case.assistant == assistant
    return case


def test_the_case_page_names_the_assistant_with_a_number_to_call(client, assigned):
    client.force_login(citizen(PHONE))
    page = client.get(f"/cases/{assigned.reference}/").content.decode()
    assert "您的殡葬协理员" in page
    assert "周协理" in page and 'href="tel:13600001234"' in page


def test_the_assistant_finds_the_case_among_their_own(client, assigned):
    staff_login(client, assigned.assistant.user)
    page = client.get("/cases/").content.decode()
    assert assigned.display_reference in page


def test_another_assistant_does_not(client, assigned):
    staff_login(client, FuneralAssistantFactory().user)
    page = client.get("/cases/").content.decode()
    assert assigned.display_reference not in page
    assert client.get(f"/cases/{assigned.reference}/").status_code == 404
