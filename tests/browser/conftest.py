"""Playwright driving Debian's Chromium. Missing Chromium fails the run with
the command that installs it: browser tests are never skipped silently."""

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM calls
# from the test body are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if Path(str(item.fspath)).parent == Path(__file__).parent:
            item.add_marker(pytest.mark.browser)


@pytest.fixture
def browser():
    """One Chromium per test. Playwright's sync API keeps an event loop running
    while it is open, and inside it Django hands out another database
    connection: a browser kept open across tests made the next test's
    serialized-rollback restore go to that connection and silently do nothing."""
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(
            f"Chromium is not at {CHROMIUM}. Run `make browser` (or "
            "`sudo apt-get install chromium fonts-wqy-microhei`), or set CHROMIUM_PATH.",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        violations = _refuse_policy_violations(browser)
        yield browser
        assert not violations, "Content-Security-Policy violations:\n" + "\n".join(violations)
        # ORM calls the test made while the loop ran went through a
        # connection local to that context; close it here, in the same
        # context, or PostgreSQL cannot drop the test database at the end.
        from django.db import connections

        connections.close_all()
        browser.close()


def _refuse_policy_violations(browser):
    """Every page of every browser test runs under the real
    Content-Security-Policy; what it blocks (an inline script or style, a
    foreign source) would break the page for users, so it fails the test."""
    violations = []
    new_context = browser.new_context

    def watched_context(*args, **kwargs):
        context = new_context(*args, **kwargs)
        context.on(
            "console",
            lambda message: (
                violations.append(f"{message.page.url if message.page else ''}: {message.text}")
                if "Content Security Policy" in message.text
                else None
            ),
        )
        return context

    def watched_page(*args, **kwargs):
        # browser.new_page makes a context of its own; the browser closes it.
        return watched_context(*args, **kwargs).new_page()

    browser.new_context = watched_context
    browser.new_page = watched_page
    return violations


@pytest.fixture
def phone(browser):
    """A page in a phone-sized window, Chinese first, as most families use it."""
    context = browser.new_context(
        viewport={"width": 360, "height": 740},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        locale="zh-CN",
    )
    page = context.new_page()
    yield page
    context.close()


def screenshot(page, name):
    """A picture of the page, kept beside the tests' other files (VAR_DIR)."""
    from django.conf import settings

    folder = Path(settings.VAR_DIR) / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=folder / f"{name}.png", full_page=True)


@pytest.fixture
def site(live_server):
    """The live server with the demo pages. Request it before ``phone``: the
    database must be touched before Playwright's event loop starts, or Django
    opens a second, context-local connection that is never closed."""
    from demo.pages import seed_pages

    seed_pages()
    return live_server


def sign_in_staff(page, url, username, password, then):
    """Sign in to the admin at ``then`` with a password and, first time, an
    authenticator set up on the spot (every staff view needs the second
    factor)."""
    import base64

    from django_otp.oath import totp

    page.goto(url + then)
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/2fa/setup/**")
    key = base64.b32decode(page.locator("code").first.inner_text())
    page.get_by_label("身份验证器中的验证码，或备用验证码").fill(f"{totp(key):06d}")
    page.get_by_role("button", name="确认").click()
    page.get_by_role("link", name="进入管理后台").click()
    page.wait_for_url("**/admin/**")


def in_a_worker(job, case):
    """Run ``job(case)`` where a worker would, in a thread of its own, on a
    fresh copy of the case. Certificates are signed by pyHanko, which runs its
    own event loop: that cannot happen inside Playwright's."""
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connections

    from cases.models import Case

    def work():
        try:
            job(Case.objects.get(pk=case.pk))
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(work).result()


def assert_accessible(page, name=""):
    """axe-core (WCAG 2.1 A and AA rules) finds nothing serious or critical."""
    from axe_playwright_python.sync_playwright import Axe

    options = {
        "resultTypes": ["violations"],
        "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    }
    violations = Axe().run(page, options=options).response["violations"]
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]
    assert not serious, f"{name or page.url}: " + "; ".join(serious)


def sign_in(page, base_url, outbox, phone_number="13912345678"):
    """Sign in on the login page the browser is on (or is sent to)."""
    import re

    if "/account/login/" not in page.url:
        page.goto(base_url + "/account/login/")
    page.get_by_label("您的手机号码").fill(phone_number)
    page.get_by_role("button", name="获取验证码").click()
    code = re.search(r"\d{6}", outbox[-1]["text"]).group(0)
    page.get_by_label("短信里的6位验证码").fill(code)
    page.get_by_role("button", name="登录", exact=True).click()


@pytest.fixture
def application_site(site):
    """The live site with the demo forms, and a registry entry for DECEASED
    (the ID number the application journeys type)."""
    from demo.forms import seed_forms
    from tests.factories import NO_FLAGS, DemoRegistryPersonFactory, resident_id

    seed_forms()
    DemoRegistryPersonFactory(
        id_number=resident_id(77),
        name="王五",
        flags=NO_FLAGS | {"pension": True, "local_hukou": True},
    )
    return site
