"""Time to build the application wizard for the demo hospital form and one
more step, and to render a scenario guide page with and without Wagtail's
page-fragment cache (SQLite).

    .venv/bin/python bench/forms_and_guides.py [--repeat 200]
"""

import copy
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import run_with_repeat, timed


def main():
    run_with_repeat(__doc__, measure, repeat=200, name="forms_and_guides")


def measure(repeat):
    from django.core.cache import cache
    from django.test import Client, override_settings

    from cases.constants import Scenario
    from demo.forms import FORMS, field, step
    from demo.pages import seed_pages
    from forms import engine
    from forms.models import ApplicationFormPage
    from tests.factories import citizen

    seed_pages()
    # The demo hospital form and one more step (whatever the demo form holds
    # today: the figure names its own count).
    steps = copy.deepcopy(FORMS[Scenario.HOSPITAL][1])
    steps.insert(1, step("补充", [field("text", "备注", name="remark", required=False)]))
    definition = ApplicationFormPage(scenario=Scenario.HOSPITAL, steps=steps).definition()

    def build():
        for parsed in engine.parse(definition):
            parsed.form_class()

    label = f"build the wizard's forms, {len(steps)} steps:"
    print(f"{label:<40}{timed(build, repeat) * 1000:7.2f} ms")

    from tests.factories import application_form_page

    application_form_page(Scenario.HOSPITAL, steps=steps)
    client = Client()
    client.force_login(citizen())
    base = client.post("/apply/hospital/").url

    def first_screen():
        assert client.get(f"{base}1/").status_code == 200

    print(f"GET a wizard screen (build + render):   {timed(first_screen, repeat) * 1000:7.2f} ms")

    guide = Client()

    def render_guide():
        assert guide.get("/hospital/").status_code == 200

    with override_settings(
        CACHES={"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    ):
        without = timed(render_guide, repeat)
    cache.clear()
    render_guide()  # fills the cache
    with_cache = timed(render_guide, repeat)
    print(f"scenario guide page, no cache:          {without * 1000:7.2f} ms")
    print(f"scenario guide page, Wagtail page cache:{with_cache * 1000:7.2f} ms")


if __name__ == "__main__":
    main()
