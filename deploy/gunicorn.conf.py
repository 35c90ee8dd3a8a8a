"""gunicorn settings shared by both tiers: `gunicorn -c deploy/gunicorn.conf.py back.wsgi:application`
(or `weblys.wsgi:application`). systemd, compose, Kubernetes and `make cluster` all use this file;
only environment variables change between them.

    WEBLYS_GUNICORN_BIND          address to listen on (default 127.0.0.1:8000; 0.0.0.0:8000 in a container)
    WEBLYS_GUNICORN_WORKERS       worker processes (default 2 x cores + 1, capped by ..._MAX_WORKERS)
    WEBLYS_GUNICORN_MAX_WORKERS   cap of the computed default (default 8: a container often sees the
                                  host's cores, not its CPU limit)
    WEBLYS_GUNICORN_THREADS       threads per worker (default 4: requests mostly wait on I/O)
    WEBLYS_GUNICORN_TIMEOUT       seconds a request may take before its worker is killed (default 30)
    WEBLYS_GUNICORN_GRACEFUL_TIMEOUT  seconds workers get to finish on SIGTERM/HUP (default 30)
    WEBLYS_GUNICORN_MAX_REQUESTS  recycle a worker after this many requests (default 1000, 0 = never)
    WEBLYS_GUNICORN_NAME          process title suffix, e.g. front-8101 (shows in ps/top)
    WEBLYS_FORWARDED_ALLOW_IPS    addresses whose X-Forwarded-* headers are trusted (default 127.0.0.1)
"""

from __future__ import annotations

import os
import re

from gunicorn import glogging


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    return int(value) if value.strip() else default


def _cores() -> int:
    """Cores this process may run on (respects taskset/cpusets, unlike os.cpu_count())."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def default_workers(cores: int, cap: int) -> int:
    """2 x cores + 1 (gunicorn's rule of thumb), at least 1 and at most `cap`."""
    return max(1, min(2 * cores + 1, cap))


bind = [os.environ.get("WEBLYS_GUNICORN_BIND", "127.0.0.1:8000")]
workers = _int("WEBLYS_GUNICORN_WORKERS", default_workers(_cores(), _int("WEBLYS_GUNICORN_MAX_WORKERS", 8)))
# gthread: each worker serves `threads` requests at once; a page waiting on the back does not block the
# worker's other requests. Django is thread-safe; database connections are per thread.
worker_class = "gthread"
threads = _int("WEBLYS_GUNICORN_THREADS", 4)
timeout = _int("WEBLYS_GUNICORN_TIMEOUT", 30)
# SIGTERM (systemd stop, Kubernetes pod deletion, `make cluster` Ctrl-C) and HUP (reload): workers stop
# accepting, finish their requests within this time, then exit. Kubernetes' terminationGracePeriodSeconds
# and systemd's TimeoutStopSec are set above it.
graceful_timeout = _int("WEBLYS_GUNICORN_GRACEFUL_TIMEOUT", 30)
# Keep-alive towards nginx: nginx's upstream keepalive_timeout (4 s) is shorter, so nginx never reuses a
# connection gunicorn is closing (which would turn a POST into a 502 that nginx must not retry).
keepalive = 5
# Recycle workers to bound slow memory growth; the jitter keeps them from restarting all at once.
max_requests = _int("WEBLYS_GUNICORN_MAX_REQUESTS", 1000)
max_requests_jitter = max(0, max_requests // 10)
# preload_app off: each worker imports Django itself. `kill -HUP` (systemctl reload) then loads new code
# without dropping the listening socket, and no database, Redis or HTTP connection opened at import time
# is ever shared between forked workers. The memory preloading would save is small for Django.
preload_app = False
# Heartbeat files in memory, not on a possibly slow or read-only disk (containers).
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
proc_name = "weblys-" + os.environ.get("WEBLYS_GUNICORN_NAME", "app")
# Only the load balancer may say which client and scheme a request came from.
forwarded_allow_ips = os.environ.get("WEBLYS_FORWARDED_ALLOW_IPS", "127.0.0.1")

# Access log on stdout (journald, docker, kubectl logs), one line per request with the request id the
# application answered with (nginx's $request_id, or the one the tier made).
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("WEBLYS_GUNICORN_LOG_LEVEL", "info")
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms rid=%({x-request-id}o)s ua="%(a)s"'


class AccessLogger(glogging.Logger):
    """gunicorn's logger, building only the atoms the access log format names.

    gunicorn makes an atom of every request header, response header and environ variable for each
    line (5 % of the back's CPU under load); a format naming others gets gunicorn's full set.
    """

    LEAN = frozenset({"h", "r", "s", "b", "M", "a", "{x-request-id}o"})

    def setup(self, cfg):  # run again when gunicorn reloads its configuration
        super().setup(cfg)
        self.lean = set(re.findall(r"%\(([^)]+)\)", cfg.access_log_format)) <= self.LEAN

    def atoms(self, resp, req, environ, request_time):
        if not self.lean:
            return super().atoms(resp, req, environ, request_time)
        status = resp.status
        if isinstance(status, str):
            status = status.split(None, 1)[0]
        sent = getattr(resp, "sent", None)
        request_id = next((value for name, value in resp.headers if name.lower() == "x-request-id"), "-")
        return {
            "h": environ.get("REMOTE_ADDR", "-"),
            "r": f"{environ['REQUEST_METHOD']} {environ['RAW_URI']} {environ['SERVER_PROTOCOL']}",
            "s": status,
            "b": str(sent) if sent is not None else "-",
            "M": request_time.seconds * 1000 + request_time.microseconds // 1000,
            "a": environ.get("HTTP_USER_AGENT", "-"),
            "{x-request-id}o": request_id,
        }


logger_class = AccessLogger
