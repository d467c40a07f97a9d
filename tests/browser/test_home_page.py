import pytest

from .conftest import screenshot

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_the_home_page_reads_well_on_a_phone(site, phone):
    phone.goto(site.url + "/")
    assert phone.locator("html").get_attribute("lang") == "zh-Hans"
    assert phone.locator("h1").inner_text() == "身后一件事"
    for guide in ("在医院去世", "在家中或养老机构去世", "非正常死亡"):
        assert phone.get_by_role("link", name=guide, exact=True).is_visible()
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, "the page scrolls sideways on a 360 px phone"
    font_size = phone.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert font_size >= 18
    screenshot(phone, "home-360")


def test_the_hotline_number_can_be_tapped_to_call(site, phone):
    phone.goto(site.url + "/")
    assert phone.locator("a[href='tel:12345']").first.is_visible()


def test_the_admin_sign_in_page_is_in_chinese(site, phone):
    phone.goto(site.url + "/admin/login/")
    assert phone.locator("button[type=submit]").first.is_visible()
    assert "登录" in phone.content()
