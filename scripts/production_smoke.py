"""The production stack, started as deploy/ runs it, and one family's journey
over HTTP against it (issue 22). CI runs it after the tests (`make smoke`).

    gunicorn -c deploy/gunicorn.conf.py (production settings, 2 workers)
    manage.py db_worker --no-reload        manage.py run_scheduled --loop 5
    PostgreSQL (127.0.0.1, a fresh database)   Redis (127.0.0.1, database 5)
    a department system on loopback (run_department_simulator) for every department,
    which also answers as the shared registry (SHARED_REGISTRY_SOURCE=http)

The data a city would have entered (pages and forms, the registry, the
departments' signing certificates) is prepared first with the development
settings against the same database and keys; then only production runs.

The journey: sign in with an SMS code (read from the file outbox), fill the
hospital form through the app's allow-listed GraphQL operations, submit;
the case is dispatched to the department systems, which report back; the
death certificate comes back sealed and /verify/ says it is valid. Then
/healthz/ must be green (worker and scheduler heartbeats included) and
/metrics must count the requests of both workers and the service's gauges.
"""

import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = str(ROOT / ".venv" / "bin" / "python")
SECRET = "smoke-department-secret-" + "x" * 20
PHONE = "13912345678"
POSTGRES = os.environ.get("SMOKE_POSTGRES", "postgres://postgres@127.0.0.1:5432")
DATABASE = "shenhou_smoke"
REDIS_URL = "redis://127.0.0.1:6379/5"
# The deceased as the shared registry knows them.
DECEASED = {
    "name": "王五",
    "gender": "male",
    "birth_date": "1950-06-15",
    "flags": {"pension": True, "local_hukou": True},
}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def say(message):
    print(f"[smoke] {message}", flush=True)


def environment(workdir, port):
    from cryptography.fernet import Fernet

    base = f"http://127.0.0.1:{port}"
    return {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
        "DATABASE_URL": f"{POSTGRES}/{DATABASE}",
        "REDIS_URL": REDIS_URL,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "BLIND_INDEX_KEY": secrets.token_urlsafe(32),
        "AUDIT_TRAIL_KEY": secrets.token_urlsafe(32),
        "ALLOWED_HOSTS": "127.0.0.1",
        "WAGTAILADMIN_BASE_URL": base,
        "PUBLIC_BASE_URL": base,
        # No TLS on loopback; everything else as in production.
        "SECURE_SSL_REDIRECT": "false",
        # The shared registry is the simulator's /registry, over signed HTTP
        # as in production: production settings have no demo registry.
        "SHARED_REGISTRY_SOURCE": "http",
        "SHARED_REGISTRY_SECRET": SECRET,
        "SMS_BACKEND": "file",
        "VAR_DIR": str(workdir / "var"),
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        "PRIVATE_MEDIA_ROOT": str(workdir / "private"),
        "PKI_DIR": str(workdir / "pki"),
        "METRICS_TOKEN": secrets.token_urlsafe(24),
        "PROMETHEUS_MULTIPROC_DIR": str(workdir / "metrics"),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "2",
        "GUNICORN_LOG_LEVEL": "warning",
        "LOG_LEVEL": "WARNING",
    }


def fresh_database():
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        server.execute(f'CREATE DATABASE "{DATABASE}"')


def drop_what_it_made():
    """The smoke's database and Redis database go with it."""
    import psycopg
    import redis

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True, connect_timeout=10) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
    redis.Redis.from_url(REDIS_URL, socket_timeout=5).flushdb()


def stop_on_signal(signum, _frame):
    raise SystemExit(128 + signum)  # unwinds: every finally runs


def manage(env, *args, settings="cms.settings.production"):
    done = subprocess.run(  # noqa: S603 - our own manage.py
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": settings},
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise SystemExit(f"manage.py {args[0]} failed:\n{done.stdout}\n{done.stderr}")


PREPARE = """
import datetime
from cases.models import Department, HolidayNotice
Department.objects.update(connector="http_json", endpoint_url="{url}", shared_secret="{secret}")
# The calendar must know next year before due dates reach it (the health check).
for year in (datetime.date.today().year, datetime.date.today().year + 1):
    HolidayNotice.objects.get_or_create(year=year, defaults=dict(title=f"{{year}}年节假日安排"))
"""


def prepare(env, simulator_url):
    say("preparing the data a city would have entered (development settings)")
    dev = "cms.settings.dev"
    # The demo's own cases are filed against the demo registry, which only
    # the development settings install.
    dev_env = {**env, "SHARED_REGISTRY_SOURCE": "demo"}
    manage(dev_env, "migrate", "--noinput", "-v", "0", settings=dev)
    manage(dev_env, "seed_demo", settings=dev)
    manage(dev_env, "create_dev_pki", settings=dev)
    script = PREPARE.format(url=simulator_url, secret=SECRET)
    manage(dev_env, "shell", "-c", script, settings=dev)
    manage(env, "collectstatic", "--noinput", "-v", "0")
    # --deploy runs in .ci/run with TLS settings; here TLS is off on loopback.
    manage(env, "check", "--fail-level", "WARNING")


def start(env, workdir):
    logs = workdir / "logs"
    logs.mkdir()
    prod = {**env, "DJANGO_SETTINGS_MODULE": "cms.settings.production"}

    def spawn(name, *command):
        log = open(logs / f"{name}.log", "w")
        return subprocess.Popen(  # noqa: S603 - our own commands
            command, cwd=ROOT, env=prod, stdout=log, stderr=subprocess.STDOUT
        )

    return {
        "gunicorn": spawn(
            "gunicorn", PYTHON, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "cms.wsgi"
        ),
        "worker": spawn("worker", PYTHON, "manage.py", "db_worker", "--no-reload"),
        "scheduler": spawn("scheduler", PYTHON, "manage.py", "run_scheduled", "--loop", "5"),
    }


class Site:
    def __init__(self, base):
        self.base = base
        self.token = None
        self.graphql_requests = 0
        from api.allowlist import operations

        self.operations = {name: sha for sha, (name, _text) in operations().items()}

    def request(self, path, body=None, headers=None):
        request = urllib.request.Request(  # noqa: S310 - our own server on loopback
            self.base + path,
            data=body,
            headers={"Accept-Language": "zh-hans", **(headers or {})},
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def answers(self, path):
        """Whether the server answers 200 yet: until it has bound its port,
        connecting is refused."""
        try:
            return self.request(path)[0] == 200
        except urllib.error.URLError:
            return False

    def graphql(self, name, **variables):
        headers = {"Content-Type": "application/json"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        body = json.dumps({"documentId": self.operations[name], "variables": variables})
        self.graphql_requests += 1
        status, text = self.request("/graphql/", body.encode(), headers)
        answer = json.loads(text)
        if status != 200 or answer.get("errors"):
            raise SystemExit(f"{name} failed ({status}): {text[:500]}")
        return answer["data"]


def wait_for(what, check, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.5)
    raise SystemExit(f"timed out waiting for {what}")


def sign_in_code(outbox):
    if not outbox.exists():
        return None
    for line in reversed(outbox.read_text(encoding="utf-8").splitlines()):
        sms = json.loads(line)
        if sms["to"].endswith(PHONE) and "登录" in sms["text"]:
            return re.search(r"\d{6}", sms["text"]).group()
    return None


def journey(site, workdir, deceased):
    from tests.api.test_app_filing import as_answers
    from tests.portal.apply_helpers import deceased_step, hospital_steps

    wait_for("gunicorn", lambda: site.answers("/healthz/web/"), 60)
    say("signing in with an SMS code")
    site.graphql("RequestLoginCode", phone=PHONE)
    outbox = workdir / "var" / "sms" / "outbox.jsonl"
    code = wait_for("the sign-in SMS", lambda: sign_in_code(outbox), 30)
    site.token = site.graphql("VerifyLoginCode", phone=PHONE, code=code)["verifyLoginCode"]["token"]
    say("filing the hospital form through the app's operations")
    draft = site.graphql("StartDraft", scenario="hospital")["startDraft"]["draft"]
    steps = hospital_steps()
    steps[0] = ("1", deceased_step(id_number=deceased))
    for step, data in steps:
        site.graphql(
            "SaveDraftStep", draftId=draft["id"], step=step, answers=as_answers(data), files=[]
        )
    submitted = site.graphql("SubmitApplication", draftId=draft["id"])["submitApplication"]
    if submitted["errors"]:
        raise SystemExit(f"submission refused: {submitted['errors']}")
    reference = submitted["case"]["reference"]
    say(f"case {reference} submitted; waiting for the death certificate")

    def certificate():
        certificates = site.graphql("CaseStatus", reference=reference)["case"]["certificates"]
        return certificates[0] if certificates else None

    issued = wait_for("a sealed certificate", certificate, 180)
    status, page = site.request(f"/verify/{issued['serial']}/")
    if status != 200 or "<h2>有效</h2>" not in page:
        raise SystemExit(f"/verify/ did not say valid ({status})")
    say(f"certificate {issued['serial']} ({issued['name']}) verified valid")
    return reference


def check_operations(site, env):
    status, text = wait_for(
        "the worker's and scheduler's heartbeats",
        lambda: (lambda r: r if r[0] == 200 else None)(
            site.request("/healthz/", headers={"Accept": "application/json"})
        ),
        60,
    )
    say(f"/healthz/ {status}: {text}")
    status, text = site.request("/metrics", headers={"Authorization": "Bearer wrong"})
    if status != 403:
        raise SystemExit(f"/metrics answered {status} to a wrong token")
    status, text = site.request(
        "/metrics", headers={"Authorization": f"Bearer {env['METRICS_TOKEN']}"}
    )
    needed = [
        "django_http_requests_total_by_view_transport_method_total",
        "shenhou_department_tasks_open",
        "shenhou_department_tasks_overdue",
        "shenhou_background_jobs_waiting",
        "shenhou_sms_failed",
        "shenhou_dispatch_dead_letters",
    ]
    missing = [name for name in needed if name not in text]
    if status != 200 or missing:
        raise SystemExit(f"/metrics ({status}) lacks {missing}")
    graphql_requests = sum(
        float(line.split()[-1])
        for line in text.splitlines()
        if line.startswith("django_http_requests_total_by_view_transport_method_total{")
        and 'view="graphql"' in line
    )
    # Each worker counts its own: only the multiprocess sum equals what was sent.
    if graphql_requests != site.graphql_requests:
        raise SystemExit(
            f"/metrics counted {graphql_requests:.0f} GraphQL requests, "
            f"{site.graphql_requests} were sent"
        )
    say(f"/metrics 200: all {site.graphql_requests} GraphQL requests counted across the workers")


NGINX_MAIN = """
pid {tmp}/nginx.pid;
error_log {tmp}/error.log;
events {{}}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    {site}
}}
"""


def check_nginx_site(workdir):
    """nginx -t on deploy/nginx/, with this machine's paths and a throw-away
    certificate: the directives must be ones Debian's nginx knows."""
    import shutil

    if shutil.which("nginx") is None:
        if os.geteuid() != 0:
            raise SystemExit("nginx is needed to check deploy/nginx/: apt install nginx")
        say("installing nginx (apt) to check deploy/nginx/")
        subprocess.run(  # noqa: S603 - Debian's package manager
            [
                shutil.which("apt-get") or "/usr/bin/apt-get",
                "install",
                "-y",
                "-q",
                "--no-install-recommends",
                "nginx",
            ],
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
            check=True,
            capture_output=True,
        )
    tmp = workdir / "nginx"
    tmp.mkdir()
    subprocess.run(  # noqa: S603 - a self-signed certificate for the check only
        [
            shutil.which("openssl") or "/usr/bin/openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=localhost",
            "-keyout",
            str(tmp / "key.pem"),
            "-out",
            str(tmp / "cert.pem"),
        ],
        check=True,
        capture_output=True,
    )
    site = (ROOT / "deploy" / "nginx" / "shenhou.conf").read_text()
    for old, new in {
        "/etc/ssl/shenhou/fullchain.pem": str(tmp / "cert.pem"),
        "/etc/ssl/shenhou/privkey.pem": str(tmp / "key.pem"),
        "/etc/nginx/shenhou-proxy.conf": str(ROOT / "deploy" / "nginx" / "shenhou-proxy.conf"),
        "/var/log/nginx/": f"{tmp}/",
        "/var/cache/nginx/": f"{tmp}/cache/",
    }.items():
        site = site.replace(old, new)
    # Debian's nginx package makes /var/cache/nginx; the site's cache is under it.
    (tmp / "cache").mkdir(exist_ok=True)
    config = tmp / "nginx.conf"
    config.write_text(NGINX_MAIN.format(tmp=tmp, site=site))
    done = subprocess.run(  # noqa: S603
        [shutil.which("nginx"), "-t", "-c", str(config)], capture_output=True, text=True
    )
    if done.returncode:
        raise SystemExit(f"deploy/nginx/ does not pass nginx -t:\n{done.stderr}")
    say("deploy/nginx/ passes nginx -t")


def main():
    sys.path.insert(0, str(ROOT))
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, stop_on_signal)
    try:
        run()
    finally:
        drop_what_it_made()
    say("passed")


def run():
    with tempfile.TemporaryDirectory(prefix="shenhou-smoke-") as tmp:
        workdir = Path(tmp)
        port = free_port()
        env = environment(workdir, port)
        os.environ.update(
            {
                k: env[k]
                for k in (
                    "DATABASE_URL",
                    "FIELD_ENCRYPTION_KEYS",
                    "BLIND_INDEX_KEY",
                    "AUDIT_TRAIL_KEY",
                    "VAR_DIR",
                )
            }
        )
        os.environ["DJANGO_SETTINGS_MODULE"] = "cms.settings.dev"
        import django

        django.setup()
        from cases.connectors.simulator import DepartmentSimulator
        from tests.factories import resident_id

        check_nginx_site(workdir)
        fresh_database()
        deceased = resident_id(777)
        simulator = DepartmentSimulator(secret=SECRET, delay=0.5, people={deceased: DECEASED})
        simulator.start()
        env["SHARED_REGISTRY_URL"] = simulator.url + "/registry"
        prepare(env, simulator.url + "/tasks")
        processes = start(env, workdir)
        failed = True
        try:
            site = Site(f"http://127.0.0.1:{port}")
            journey(site, workdir, deceased)
            check_operations(site, env)
            failed = False
        finally:
            for process in processes.values():
                process.send_signal(signal.SIGTERM)
            for process in processes.values():
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
            simulator.stop()
            errors = [
                f"{log.name}: {line}"
                for log in sorted((workdir / "logs").glob("*.log"))
                for line in log.read_text().splitlines()
                if "Traceback" in line or " ERROR " in line
            ]
            if failed or errors:
                for log in sorted((workdir / "logs").glob("*.log")):
                    print(f"--- {log.name}\n{log.read_text()[-4000:]}")
            if errors:
                raise SystemExit(f"errors logged: {errors[:5]}")


if __name__ == "__main__":
    main()
