"""`make run` on another port: the links the site sends point at that port."""

import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


# Run under `make test`, the environment carries the outer make's exports
# and flags: the inner make must start from a clean one.
OUTER_MAKE = {"PUBLIC_BASE_URL", "MAKEFLAGS", "MFLAGS", "MAKELEVEL"}


def clean_environment(**extra):
    import os

    return {k: v for k, v in os.environ.items() if k not in OUTER_MAKE} | extra


def base_url(*args, env=None):
    result = subprocess.run(  # noqa: S603 - our own Makefile, fixed arguments
        [
            shutil.which("make") or "make",
            "--no-print-directory",
            "-s",
            "--eval=show-base-url: ; @echo $$PUBLIC_BASE_URL",
            "show-base-url",
            *args,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env=env or clean_environment(),
    )
    return result.stdout.strip()


def test_sms_links_follow_the_port_of_make_run():
    assert base_url("PORT=8123") == "http://127.0.0.1:8123"


def test_an_operators_public_address_wins():
    env = clean_environment(PUBLIC_BASE_URL="https://shenhou.example.gov.cn")
    assert base_url("PORT=8123", env=env) == "https://shenhou.example.gov.cn"
