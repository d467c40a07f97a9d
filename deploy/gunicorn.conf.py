"""gunicorn for 身后一件事 (``gunicorn -c deploy/gunicorn.conf.py cms.wsgi``).

Every value can be overridden from the environment (``deploy/shenhou.env``)."""

import os
import shutil
from pathlib import Path

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
# Sealing a certificate or building an export may take seconds; nothing more.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
# nginx in front speaks to us over loopback only; it sets X-Forwarded-For.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
# No query strings in the access log: a search or a link may carry personal data.
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms'
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")

# Each worker counts its own requests; Prometheus' multiprocess mode adds them
# up in this directory (cms/metrics.py), emptied at start as its docs require.
_metrics_dir = os.environ.get("PROMETHEUS_MULTIPROC_DIR")


def on_starting(server):
    if _metrics_dir:
        shutil.rmtree(_metrics_dir, ignore_errors=True)
        Path(_metrics_dir).mkdir(parents=True, exist_ok=True)


def child_exit(server, worker):
    if _metrics_dir:
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
