"""Editors build scenario forms in the Wagtail admin; the admin refuses an
incomplete one and says why."""

import copy

import pytest
from wagtail.test.utils.form_data import nested_form_data, streamfield

from cases.constants import Scenario
from demo.forms import FORMS
from forms.models import ApplicationFormPage
from tests.factories import UserFactory, home_page
from tests.staff import staff_login

pytestmark = pytest.mark.django_db


def admin_data(title, scenario, steps):
    def block_value(value):
        data = {}
        for key, item in value.items():
            if key == "fields":
                data[key] = streamfield([(f["type"], block_value(f["value"])) for f in item])
            elif isinstance(item, bool):
                if item:
                    data[key] = "on"
            else:
                data[key] = item if item is not None else ""
        return data

    flat = nested_form_data(
        {
            "title": title,
            "slug": f"form-{scenario}",
            "scenario": scenario,
            "intro": "",
            "steps": streamfield([(s["type"], block_value(s["value"])) for s in steps]),
        }
    )
    # nested_form_data spreads a list over numbered keys; a multiple choice
    # (the matters that need an answer) is one key with several values.
    data = {}
    for key, value in flat.items():
        base, _sep, index = key.rpartition("-")
        if base.endswith("needed_by") and index.isdigit():
            data.setdefault(base, []).append(value)
        else:
            data[key] = value
    return data


@pytest.fixture
def superuser_client(client):
    staff_login(client, UserFactory(is_superuser=True, is_staff=True))
    return client


def add_url():
    return f"/admin/pages/add/forms/applicationformpage/{home_page().pk}/"


def test_the_admin_saves_a_complete_form(superuser_client):
    title, steps = FORMS[Scenario.HOSPITAL]
    response = superuser_client.post(add_url(), admin_data(title, Scenario.HOSPITAL, steps))
    assert response.status_code == 302, response.content.decode()[:2000]
    page = ApplicationFormPage.objects.get()
    assert [s.value["title"] for s in page.steps] == [s["value"]["title"] for s in steps]
    saved = {
        f["value"].get("name"): f["value"]
        for s in page.steps.get_prep_value()
        for f in s["value"]["fields"]
    }
    assert saved["pickup_notes"]["needed_by"] == ["C01"]


def test_the_admin_refuses_a_form_without_the_applicants_phone_and_says_so(superuser_client):
    title, steps = FORMS[Scenario.HOSPITAL]
    steps = copy.deepcopy(steps)
    steps[1]["value"]["fields"] = [
        f for f in steps[1]["value"]["fields"] if f["value"].get("domain_key") != "applicant.phone"
    ]
    response = superuser_client.post(add_url(), admin_data(title, Scenario.HOSPITAL, steps))
    assert response.status_code == 200
    assert not ApplicationFormPage.objects.exists()
    # The stream field's errors reach the page as JSON for its widget.
    error = response.context["form"].errors.as_data()["steps"][0]
    assert [str(e.message) for e in error.non_block_errors.as_data()] == [
        "表单没有问“申请人：手机号”，这是每份申请都必需的。"
    ]
    assert "\\u8868\\u5355\\u6ca1\\u6709\\u95ee" in response.content.decode()  # 表单没有问


def test_the_preview_shows_every_step_and_its_condition():
    from tests.factories import application_form_page

    page = application_form_page(Scenario.ABNORMAL)
    response = page.make_preview_request()
    assert response.status_code == 200
    html = response.rendered_content
    for title in ("逝者信息", "公安是否到场", "公安案件信息", "确认和同意"):
        assert title in html
    assert "police_attended" in html
