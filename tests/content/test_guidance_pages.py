"""The guidance tree: what seed_demo publishes and what each page shows."""

import pytest
from wagtail.models import Page

from cases.models import Matter
from content.models import HomePage, MatterPage, PolicyPage, ScenarioGuidePage
from content.search import bigrams
from demo.pages import seed_pages

pytestmark = pytest.mark.django_db


@pytest.fixture
def guidance(demo_pages):
    """The demo pages (built once for the module)."""


def test_seeding_publishes_a_guide_per_scenario_and_a_page_per_matter(guidance):
    assert set(
        ScenarioGuidePage.objects.live()
        .filter(locale__language_code="zh-hans")
        .values_list("scenario", flat=True)
    ) == {"hospital", "home", "abnormal"}
    chinese = MatterPage.objects.live().filter(locale__language_code="zh-hans")
    assert chinese.count() == Matter.objects.active().count() == 23
    assert PolicyPage.objects.live().filter(locale__language_code="zh-hans").count() >= 5


def test_the_home_page_and_guides_are_in_english_too(guidance, client):
    assert HomePage.objects.filter(locale__language_code="en").exists()
    assert ScenarioGuidePage.objects.filter(locale__language_code="en").count() == 3
    page = client.get("/en/hospital/").content.decode()
    assert "Death in hospital" in page
    assert '<html lang="en">' in page


def test_every_matter_guide_and_policy_is_in_english_under_en(guidance):
    for model in (MatterPage, PolicyPage):
        chinese = model.objects.live().filter(locale__language_code="zh-hans")
        english = model.objects.live().filter(locale__language_code="en")
        assert english.count() == chinese.count()
        assert all(page.get_translation_or_none(english.first().locale) for page in chinese)


def test_an_english_matter_guide_reads_in_english_and_cites_english_policies(guidance, client):
    response = client.get("/en/matters/f01/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Housing provident fund" in page or "housing provident fund" in page
    assert "heirs withdraw the balance" in page
    assert 'href="/en/policies/housing-fund-regulation/"' in page
    assert "住房公积金管理条例" not in page


def test_an_english_policy_page_answers_under_en(guidance, client):
    response = client.get("/en/policies/civil-code-succession/")
    assert response.status_code == 200
    assert "first-order heirs" in response.content.decode()


def test_seeding_twice_adds_nothing(guidance):
    before = Page.objects.count()
    assert seed_pages() == 0
    assert Page.objects.count() == before


def test_a_scenario_guide_lists_steps_materials_next_steps_and_faq(guidance, client):
    page = client.get("/hospital/").content.decode()
    for text in (
        "请医院出具死亡医学证明",
        "逝者的身份证号",
        "各部门同时办理",
        "需要去部门窗口吗？",
    ):
        assert text in page
    assert 'href="/apply/hospital/"' in page


def test_a_matter_page_shows_the_catalogues_department_and_time_limit(guidance, client):
    page = client.get("/matters/f01/").content.decode()
    assert "住房公积金管理中心" in page
    assert "2 个工作日" in page


def test_changing_the_catalogue_changes_the_matter_page_without_editing_it(guidance, client):
    Matter.objects.filter(code="F01").update(time_limit=5)
    page = client.get("/matters/f01/").content.decode()
    assert "5 个工作日" in page


def test_a_matter_page_links_the_policies_it_cites(guidance, client):
    page = client.get("/matters/f01/").content.decode()
    assert "住房公积金管理条例" in page
    assert 'href="/policies/housing-fund-regulation/"' in page


def test_the_search_finds_part_of_a_chinese_word(guidance, client):
    response = client.get("/search/", {"q": "公积金"})
    titles = [page.title for page in response.context["results"]]
    assert "住房公积金提取(死亡)及销户" in titles


def test_the_search_needs_every_part_of_the_query(guidance, client):
    response = client.get("/search/", {"q": "公积金 火化"})
    assert all("公积" in bigrams(p.specific.search_bigrams) for p in response.context["results"])


def test_the_search_says_so_when_nothing_is_found(guidance, client):
    response = client.get("/search/", {"q": "外星人"})
    assert response.context["results"] == []
    assert "12345" in response.content.decode()


def test_the_search_does_not_show_unpublished_pages(guidance, client):
    MatterPage.objects.get(matter__code="F01", locale__language_code="zh-hans").unpublish()
    response = client.get("/search/", {"q": "公积金提取"})
    assert "住房公积金提取(死亡)及销户" not in [p.title for p in response.context["results"]]


def test_bigrams_cut_chinese_and_keep_other_words():
    assert bigrams("住房公积金 Fund 12") == "住房 房公 公积 积金 fund 12"


def test_a_second_guide_for_a_matter_in_the_same_language_is_refused(guidance):
    from django.core.exceptions import ValidationError

    existing = MatterPage.objects.get(matter__code="F01", locale__language_code="zh-hans")
    twin = MatterPage(
        title="重复",
        slug="f01-twin",
        matter=existing.matter,
        locale=existing.locale,
        who_qualifies="x",
    )
    with pytest.raises(ValidationError) as refused:
        twin.clean()
    assert refused.value.message_dict["matter"] == ["这个事项在这种语言下已有办事指南。"]
