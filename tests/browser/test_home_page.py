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


@pytest.mark.parametrize("path", ["/", "/apply/", "/verify/", "/account/login/"])
def test_the_hotline_is_a_full_size_button_on_every_page(site, phone, path):
    # It was a 50×21 px link: too small for an elderly thumb.
    phone.goto(site.url + path)
    call = phone.get_by_role("link", name="需要帮助？拨打12345")
    assert call.is_visible()
    box = call.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 300, box


def test_no_page_asks_in_vain_for_a_favicon(site, phone):
    failed = []
    phone.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    phone.goto(site.url + "/")
    phone.wait_for_load_state("networkidle")
    assert failed == []


def test_the_admin_sign_in_page_is_in_chinese(site, phone):
    phone.goto(site.url + "/admin/login/")
    assert phone.locator("button[type=submit]").first.is_visible()
    assert "登录" in phone.content()
