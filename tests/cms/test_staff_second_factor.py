"""Every admin page needs a password and a TOTP code; first sign-in enrols."""

import re

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from office.two_factor import hash_backup_code
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ADMIN_URLS = ["/admin/", "/admin/pages/", "/admin/snippets/cases/matter/", "/admin/users/"]


@pytest.fixture
def staff(client):
    user = UserFactory(is_superuser=True, is_staff=True, username="clerk1")
    user.set_password("a-long-password-1")
    user.save()
    response = client.post("/admin/login/", {"username": "clerk1", "password": "a-long-password-1"})
    assert response.status_code == 302
    return user


def code_for(device, offset=0):
    return (
        f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift + offset):06d}"
    )


@pytest.mark.parametrize("url", ADMIN_URLS)
def test_a_password_alone_opens_no_admin_page(client, staff, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith("/admin/2fa/setup/?next=")


def test_first_sign_in_enrols_an_authenticator_and_gives_backup_codes(client, staff):
    page = client.get("/admin/2fa/setup/?next=/admin/pages/")
    assert "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=staff, confirmed=False)
    response = client.post("/admin/2fa/setup/?next=/admin/pages/", {"code": code_for(device)})
    assert response.status_code == 200
    codes = re.findall(r"<code>(\d{10})</code>", response.content.decode())
    assert len(codes) == 10
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/admin/pages/").status_code == 200
    stored = set(StaticToken.objects.values_list("token", flat=True))
    assert not stored & set(codes)  # kept only as keyed hashes
    assert hash_backup_code(codes[0]) in stored


def test_a_wrong_first_code_does_not_enrol(client, staff):
    client.get("/admin/2fa/setup/")
    response = client.post("/admin/2fa/setup/", {"code": "000000"})
    assert response.status_code == 200
    assert not TOTPDevice.objects.filter(confirmed=True).exists()
    assert client.get("/admin/").status_code == 302


def enrolled(client, staff):
    device = TOTPDevice.objects.create(user=staff, name="TOTP", confirmed=True)
    return device


def test_an_enrolled_user_is_asked_for_the_code(client, staff):
    enrolled(client, staff)
    response = client.get("/admin/pages/")
    assert response.url == "/admin/2fa/verify/?next=%2Fadmin%2Fpages%2F"


def test_the_right_code_opens_the_admin(client, staff):
    device = enrolled(client, staff)
    response = client.post("/admin/2fa/verify/?next=/admin/pages/", {"code": code_for(device)})
    assert response.url == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200


def test_wrong_codes_are_throttled(client, staff):
    device = enrolled(client, staff)
    client.post("/admin/2fa/verify/", {"code": "000000" if code_for(device) != "000000" else "1"})
    response = client.post("/admin/2fa/verify/", {"code": code_for(device)})
    assert response.status_code == 200  # django-otp's delay refuses even the right code at once
    assert response.context["form"].errors["code"]
    assert client.get("/admin/").status_code == 302


def test_a_backup_code_works_once(client, staff):
    from office.two_factor import _new_backup_codes

    enrolled(client, staff)
    codes = _new_backup_codes(staff)
    response = client.post("/admin/2fa/verify/", {"code": codes[0]})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
    client.logout()
    client.force_login(staff)
    response = client.post("/admin/2fa/verify/", {"code": codes[0]})
    assert response.status_code == 200


def test_the_next_address_must_stay_on_the_site(client, staff):
    device = enrolled(client, staff)
    response = client.post(
        "/admin/2fa/verify/?next=https://evil.example/", {"code": code_for(device)}
    )
    assert response.url == "/admin/"


def test_citizens_pages_do_not_ask_for_it(client):
    from tests.factories import citizen

    client.force_login(citizen())
    assert client.get("/cases/").status_code == 200


def test_a_citizen_is_not_offered_an_authenticator(client):
    from tests.factories import citizen

    client.force_login(citizen())
    assert client.get("/admin/2fa/setup/").status_code == 404
    assert not TOTPDevice.objects.exists()


def test_administrators_see_who_signed_in_last(client, staff):
    from tests.staff import staff_login

    staff_login(client, staff)
    page = client.get("/admin/").content.decode()
    assert "最近登录的工作人员" in page
    assert "clerk1" in page


def test_after_too_many_wrong_codes_the_account_stays_locked_until_reset(
    client, staff, settings, time_machine
):
    import datetime
    import io

    from django.core.management import call_command
    from django.utils import timezone

    settings.OTP_TOTP_LOCKOUT_FAILURES = 3
    device = enrolled(client, staff)
    wrong = "000000" if code_for(device) != "000000" else "111111"
    now = timezone.now()
    for attempt in range(3):
        time_machine.move_to(now + datetime.timedelta(minutes=attempt + 1))
        client.post("/admin/2fa/verify/", {"code": wrong})
    time_machine.move_to(now + datetime.timedelta(hours=2))
    device.refresh_from_db()
    response = client.post("/admin/2fa/verify/", {"code": code_for(device)})
    assert "reset_staff_2fa" in response.content.decode()
    assert client.get("/admin/").status_code == 302
    call_command("reset_staff_2fa", staff.username, stdout=io.StringIO())
    assert not TOTPDevice.objects.filter(user=staff).exists()


def test_the_second_factor_pages_wear_the_admins_layout_not_the_families(client):
    from tests.factories import UserFactory

    user = UserFactory(is_staff=True, superuser=True)
    client.force_login(user)
    page = client.get("/admin/2fa/setup/").content.decode()
    assert 'class="login' in page  # the admin's sign-in layout
    assert "tel:12345" not in page  # the families' footer
