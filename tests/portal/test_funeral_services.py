"""The family picks the funeral services from the home's published list on
a phone, sees the bill — price, what is waived, what they pay — before
confirming, and finds it on the case page and the result list."""

import pytest

from cases.models import Case, FuneralBill
from tests.cases.helpers import complete
from tests.factories import AreaFactory, FeeListFactory, FeeWaiverFactory, submitted_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def fee_list():
    FeeWaiverFactory(service="cremation")
    return FeeListFactory()


@pytest.fixture
def case():
    case = submitted_case()
    Case.objects.filter(pk=case.pk).update(village=AreaFactory())
    case.refresh_from_db()
    return case


def fields(fee_list, **quantities):
    items = {item.name_zh: item.pk for item in fee_list.items.all()}
    return {f"item_{items[name]}": str(n) for name, n in quantities.items()}


def test_the_page_lists_the_published_services_with_prices_and_the_waiver(family, case, fee_list):
    page = family.get(f"/cases/{case.reference}/funeral/").content.decode()
    assert "遗体火化：¥480.00 每次（基本服务：免费）" in page
    assert "小型告别厅：¥600.00 每次" in page
    assert "第 1 步，共 2 步" in page


def test_the_bill_is_shown_before_anything_is_kept(family, case, fee_list):
    data = {**fields(fee_list, 遗体火化=1, 小型告别厅=1), "action": "preview"}
    page = family.post(f"/cases/{case.reference}/funeral/", data).content.decode()
    assert "¥1080.00" in page and "¥480.00" in page and "¥600.00" in page
    assert 'value="confirm"' in page
    assert not FuneralBill.objects.exists()


def test_confirming_keeps_the_bill_and_the_case_page_shows_it(family, case, fee_list):
    data = {**fields(fee_list, 遗体火化=1, 小型告别厅=1), "action": "confirm"}
    response = family.post(f"/cases/{case.reference}/funeral/", data)
    assert response.status_code == 302
    bill = FuneralBill.objects.get(case=case)
    assert (bill.total, bill.waived, bill.family_pays) == (1080, 480, 600)
    page = family.get(f"/cases/{case.reference}/").content.decode()
    assert "小型告别厅 × 1" in page and "<strong>¥600.00</strong>" in page


def test_nothing_chosen_is_said_in_words_and_nothing_is_kept(family, case, fee_list):
    page = family.post(f"/cases/{case.reference}/funeral/", {"action": "preview"}).content.decode()
    assert "请至少选择一项服务" in page
    assert not FuneralBill.objects.exists()


def test_after_the_funeral_home_completed_the_booking_the_page_sends_back(family, case, fee_list):
    complete(case, "BD01", "C01")
    response = family.get(f"/cases/{case.reference}/funeral/")
    assert response.status_code == 302


def test_another_family_cannot_see_the_page(client, case, fee_list):
    from tests.factories import citizen

    client.force_login(citizen("13800000000"))
    assert client.get(f"/cases/{case.reference}/funeral/").status_code == 404


def test_the_published_lists_are_public_in_chinese_and_english(client, fee_list):
    page = client.get("/funeral-fees/").content.decode()
    assert fee_list.home.name_zh in page and "遗体火化：¥480.00 每次（基本服务：免费）" in page
    page = client.get("/en/funeral-fees/").content.decode()
    assert "Cremation: ¥480.00 each time (basic service: free)" in page


def test_a_draft_list_is_not_published(client):
    draft = FeeListFactory(live=False)
    assert draft.home.name_zh not in client.get("/funeral-fees/").content.decode()
