"""Production settings refuse to start without their secrets, and pass
Django's deployment checklist when they have them."""

import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from tests.workers import child_env

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "cms.settings.production",
    "SECRET_KEY": "test-" + "k" * 60,
    "ALLOWED_HOSTS": "shenhou.example.gov.cn",
    "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
    "BLIND_INDEX_KEY": "test-blind-index-key",
    "AUDIT_TRAIL_KEY": "test-audit-trail-key",
    "REDIS_URL": "redis://127.0.0.1:6379/1",
    "SHARED_REGISTRY_SOURCE": "http",
}


def manage(*args, env):
    return subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=child_env(*PRODUCTION_ENV, **env),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_reports_no_issues_under_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize(
    "missing",
    [
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "FIELD_ENCRYPTION_KEYS",
        "BLIND_INDEX_KEY",
        "AUDIT_TRAIL_KEY",
        "REDIS_URL",
        "SHARED_REGISTRY_SOURCE",
    ],
)
def test_production_refuses_to_start_without_each_secret(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert f"The environment variable {missing} is not set" in result.stderr


def test_production_settings_install_and_import_nothing_of_the_demo():
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        "import sys; from django.apps import apps; "
        "print([a.name for a in apps.get_app_configs() if a.name.split('.')[0] == 'demo']); "
        "print([m for m in sys.modules if m.split('.')[0] == 'demo'])",
        env=PRODUCTION_ENV,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["[]", "[]"]


def test_production_refuses_to_start_with_the_demo_registry():
    result = manage("check", env=PRODUCTION_ENV | {"SHARED_REGISTRY_SOURCE": "demo"})
    assert result.returncode != 0
    assert "(cases.E001) SHARED_REGISTRY_SOURCE is 'demo', which no installed app" in result.stderr
    assert "registered: http" in result.stderr


def test_production_does_not_fall_back_to_the_development_keys():
    from cms.settings import dev

    result = manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.SECRET_KEY)",
        env=PRODUCTION_ENV,
    )
    assert dev.SECRET_KEY not in result.stdout
    assert PRODUCTION_ENV["SECRET_KEY"] in result.stdout


def test_a_malformed_encryption_key_is_named_without_being_shown():
    env = PRODUCTION_ENV | {"FIELD_ENCRYPTION_KEYS": "not-a-fernet-key"}
    result = manage("shell", "-c", "from cases.crypto import encrypt; encrypt('x')", env=env)
    assert result.returncode != 0
    assert "FIELD_ENCRYPTION_KEYS holds a value that is not a Fernet key" in result.stderr
    assert "not-a-fernet-key" not in result.stderr


def test_the_in_memory_sms_outbox_cannot_be_chosen_outside_the_tests():
    env = PRODUCTION_ENV | {"SMS_BACKEND": "memory"}
    result = manage(
        "shell",
        "-c",
        "from cases.sms.registry import get_backend; get_backend()",
        env=env,
    )
    assert result.returncode != 0
    assert "SMS_BACKEND is 'memory', which is not a registered SMS back end" in result.stderr


def test_development_logs_leave_out_each_background_job_run():
    from cms.settings import dev

    assert dev.LOGGING["loggers"]["django_tasks"]["level"] == "WARNING"


def test_tests_write_nothing_under_the_checkouts_var(settings):
    """`make run` keeps its database, keys and files in the checkout's var/;
    the tests' own go elsewhere, so a test run never touches them."""
    from pathlib import Path

    checkout_var = Path(settings.BASE_DIR) / "var"
    written = [
        Path(settings.VAR_DIR),
        Path(settings.PKI_DIR),
        Path(settings.MEDIA_ROOT),
        Path(settings.DATABASES["default"].get("TEST", {}).get("NAME") or settings.VAR_DIR),
    ]
    assert not [path for path in written if path.is_relative_to(checkout_var)]
