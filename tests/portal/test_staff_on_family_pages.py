"""Staff on the family's pages: the second factor is asked for everywhere, and
a staff account is not a family (issue 15, item 2)."""

import pytest
from django.contrib.auth.models import Group

from cases.constants import Scenario, StaffRole
from tests.factories import UserFactory, application_form_page, citizen
from tests.staff import department_member, staff_login

pytestmark = pytest.mark.django_db

FAMILY_PAGES = ["/apply/hospital/", "/cases/", "/delegations/"]


@pytest.fixture
def forms():
    return application_form_page(Scenario.HOSPITAL)


def funeral_assistant():
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=StaffRole.FUNERAL_ASSISTANT))
    return user


@pytest.mark.parametrize("url", [*FAMILY_PAGES, "/apply/", "/"])
def test_an_assistant_with_a_password_alone_is_sent_to_the_second_factor(client, forms, url):
    client.force_login(funeral_assistant())
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith("/admin/2fa/setup/?next=")


def test_an_assistant_with_an_authenticator_is_asked_for_its_code(client, forms):
    user = funeral_assistant()
    staff_login(client, user)
    client.logout()
    client.force_login(user)  # the password again, without the code
    response = client.get("/apply/")
    assert response.url == "/admin/2fa/verify/?next=%2Fapply%2F"


def test_an_assistant_with_the_second_factor_files_for_a_family(client, forms):
    staff_login(client, funeral_assistant())
    assert client.get("/apply/").status_code == 200


def test_a_staff_session_without_the_second_factor_gets_no_api_answer(client):
    client.force_login(funeral_assistant())
    response = client.post("/graphql/", {"query": "{ myCases { reference } }"})
    assert response.status_code == 403


@pytest.mark.parametrize("url", FAMILY_PAGES)
def test_a_clerk_is_not_a_family_even_with_the_second_factor(client, forms, url):
    staff_login(client, department_member("health"))
    response = client.get(url)
    assert response.status_code == 403
    assert "工作人员账号" in response.content.decode()


def test_a_citizens_sms_session_is_not_asked_for_an_authenticator(client, forms):
    client.force_login(citizen("13912345678"))
    assert client.get("/apply/").status_code == 200


def test_a_staff_account_cannot_be_verified_by_an_sms_device(client, forms):
    # A phone device attached to a staff account does not stand in for the
    # authenticator: the staff's factor is the TOTP device or a backup code.
    from django_otp import DEVICE_ID_SESSION_KEY

    from cases.models import PhoneDevice

    user = funeral_assistant()
    device = PhoneDevice.objects.create(user=user, phone="13912345678", name="SMS")
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    assert client.get("/apply/").status_code == 302
