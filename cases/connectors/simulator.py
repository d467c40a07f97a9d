"""A department's system on loopback, for tests and demos.

It accepts tasks signed by the platform, recognises a repeated idempotency
key, and after ``delay`` seconds reports the task completed to the callback
URL it was given. It can be told (``POST /control``) to fail every request,
to time out, or to send every callback twice. ``GET /stats`` says what it
received. Run it with ``manage.py run_department_simulator``.
"""

import json
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from . import signing

MODES = ("ok", "fail", "timeout", "duplicate", "refuse")


class DepartmentSimulator(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(
        self, port=0, *, secret, delay=0.0, mode="ok", accept_delay=0.0, people=None, accounts=None
    ):
        super().__init__(("127.0.0.1", port), _Handler)
        # The shared registry's answers (POST /registry): ID number -> person.
        self.people = dict(people or {})
        # The cross-bank search's answers (POST /bank-search): ID number -> banks.
        self.accounts = dict(accounts or {})
        self.secret = secret
        self.delay = delay
        self.mode = mode
        self.accept_delay = accept_delay
        self.lock = threading.Lock()
        self.received = {}  # idempotency key -> requests received
        self.accepted = {}  # idempotency key -> times it was taken as a new task
        self.callbacks_sent = 0
        self.bad_signatures = 0
        # idempotency key -> [{"url", "status", "bytes"}] of the files it fetched
        self.fetched = {}
        self.events = {}  # idempotency key -> the payload's event

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_address[1]}"

    def start(self):
        thread = threading.Thread(target=self.serve_forever, daemon=True)
        thread.start()
        return self

    def stop(self):
        self.shutdown()
        self.server_close()

    def stats(self):
        with self.lock:
            return {
                "mode": self.mode,
                "received": dict(self.received),
                "accepted": dict(self.accepted),
                "callbacks_sent": self.callbacks_sent,
                "bad_signatures": self.bad_signatures,
                "fetched": {key: list(files) for key, files in self.fetched.items()},
                "events": dict(self.events),
            }

    def fetch_files(self, task):
        """What a department's system does first: fetch every file the
        payload links to (documents, certificates, replies)."""
        entries = [
            *task.get("documents", []),
            *task.get("certificates", []),
            *task.get("replies", {}).get("documents", []),
        ]
        results = []
        for entry in entries:
            try:
                with urllib.request.urlopen(entry["url"], timeout=10) as response:  # noqa: S310
                    results.append(
                        {
                            "url": entry["url"],
                            "status": response.status,
                            "bytes": len(response.read()),
                        }
                    )
            except urllib.error.HTTPError as exc:
                results.append({"url": entry["url"], "status": exc.code, "bytes": 0})
            except OSError:
                results.append({"url": entry["url"], "status": 0, "bytes": 0})
        with self.lock:
            self.fetched[task["key"]] = results

    def report(self, task, outcome="completed"):
        """Fetch the task's files, then send the callback for ``task`` (the
        JSON the platform posted)."""
        self.fetch_files(task)
        body = json.dumps(
            {
                "key": task["key"],
                "outcome": outcome,
                "result": {"outcome": "done", "date": time.strftime("%Y-%m-%d")},
            }
        ).encode()
        times = 2 if self.mode == "duplicate" else 1
        for _ in range(times):
            request = urllib.request.Request(  # noqa: S310 - loopback test server
                task["callback_url"],
                data=body,
                headers=signing.signed_headers(self.secret, body),
                method="POST",
            )
            try:
                urllib.request.urlopen(request, timeout=10).close()  # noqa: S310
            except OSError:
                pass  # the platform refused (409 for a duplicate) or is down
            with self.lock:
                self.callbacks_sent += 1


class _Handler(BaseHTTPRequestHandler):
    server: DepartmentSimulator

    def log_message(self, format, *args):
        pass

    def _registry(self, body):
        try:
            signing.verify(self.server.secret, self.headers, body)
        except signing.SignatureError as exc:
            return self._answer(401, {"error": str(exc)})
        if self.server.mode == "fail":
            return self._answer(503, {"error": "down for maintenance"})
        person = self.server.people.get(json.loads(body).get("id_number"))
        answer = {"found": True, "person": person} if person else {"found": False}
        return self._answer(200, answer, signed=True)

    def _bank_search(self, body):
        try:
            signing.verify(self.server.secret, self.headers, body)
        except signing.SignatureError as exc:
            return self._answer(401, {"error": str(exc)})
        if self.server.mode == "fail":
            return self._answer(503, {"error": "down for maintenance"})
        banks = self.server.accounts.get(json.loads(body).get("id_number"), [])
        return self._answer(200, {"banks": banks}, signed=True)

    def _answer(self, status, payload, signed=False):
        body = json.dumps(payload, ensure_ascii=False).encode()
        self.send_response(status)
        if signed:
            for name, value in signing.signed_headers(self.server.secret, body).items():
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path == "/stats":
            return self._answer(200, self.server.stats())
        return self._answer(404, {"error": "not found"})

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        server = self.server
        if self.path == "/control":
            settings = json.loads(body or b"{}")
            if settings.get("mode", server.mode) not in MODES:
                return self._answer(400, {"error": f"mode must be one of {MODES}"})
            server.mode = settings.get("mode", server.mode)
            server.delay = float(settings.get("delay", server.delay))
            return self._answer(200, server.stats())
        if self.path == "/registry":
            return self._registry(body)
        if self.path == "/bank-search":
            return self._bank_search(body)
        if self.path != "/tasks":
            return self._answer(404, {"error": "not found"})
        try:
            signing.verify(server.secret, self.headers, body)
        except signing.SignatureError as exc:
            with server.lock:
                server.bad_signatures += 1
            return self._answer(401, {"error": str(exc)})
        key = self.headers.get(signing.IDEMPOTENCY_HEADER, "")
        with server.lock:
            server.received[key] = server.received.get(key, 0) + 1
        if server.mode == "fail":
            return self._answer(503, {"error": "down for maintenance"})
        if server.mode == "refuse":
            return self._answer(422, {"error": "cannot take this task"})
        if server.mode == "timeout":
            time.sleep(60)
            return self._answer(504, {"error": "too slow"})
        time.sleep(server.accept_delay)
        with server.lock:
            seen = key in server.accepted
            if not seen:
                server.accepted[key] = 1
        if seen:
            return self._answer(200, {"status": "duplicate", "reference": f"SIM-{key[:8]}"})
        task = json.loads(body)
        with server.lock:
            server.events[key] = task.get("event", "task")
        # A withdrawn case, or a death reported in error for a task still
        # open: stop, and send nothing. A compensating task ("-R") is done
        # like any other.
        undoing = task.get("matter", {}).get("code", "").endswith("-R")
        if task.get("event") == "withdrawn" or (task.get("event") == "reversal" and not undoing):
            return self._answer(200, {"status": "stopped", "reference": f"SIM-{key[:8]}"})
        timer = threading.Timer(server.delay, server.report, args=[task])
        timer.daemon = True
        timer.start()
        return self._answer(202, {"status": "accepted", "reference": f"SIM-{key[:8]}"})
