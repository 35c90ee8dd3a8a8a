"""deploy/gunicorn.conf.py: the access log line of the lean logger is gunicorn's own line."""

from __future__ import annotations

import datetime
import runpy
from pathlib import Path
from types import SimpleNamespace

from gunicorn import glogging
from gunicorn.config import Config

CONF = runpy.run_path(str(Path(__file__).resolve().parents[1] / "deploy" / "gunicorn.conf.py"))


def _config(access_log_format: str) -> Config:
    config = Config()
    config.set("accesslog", "-")
    config.set("access_log_format", access_log_format)
    return config


def _line(logger: glogging.Logger, config: Config) -> str:
    resp = SimpleNamespace(
        status="201 Created",
        sent=538,
        headers=[("Content-Type", "application/json"), ("X-Request-ID", "rid-42")],
    )
    req = SimpleNamespace(headers=[("HOST", "127.0.0.1"), ("USER-AGENT", "weblys-front")])
    environ = {
        "REMOTE_ADDR": "10.0.0.7",
        "REQUEST_METHOD": "POST",
        "RAW_URI": "/api/v1/orders/carts/c1/confirm/?x=1",
        "PATH_INFO": "/api/v1/orders/carts/c1/confirm/",
        "QUERY_STRING": "x=1",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_USER_AGENT": "weblys-front",
    }
    atoms = logger.atoms(resp, req, environ, datetime.timedelta(milliseconds=12, microseconds=400))
    return config.access_log_format % glogging.SafeAtoms(atoms)


def test_the_lean_access_line_is_the_one_gunicorn_writes() -> None:
    config = _config(CONF["access_log_format"])
    lean, full = CONF["AccessLogger"](config), glogging.Logger(config)

    line = _line(lean, config)

    assert line == _line(full, config)
    assert line == (
        '10.0.0.7 "POST /api/v1/orders/carts/c1/confirm/?x=1 HTTP/1.1" 201 538 12ms '
        'rid=rid-42 ua="weblys-front"'
    )


def test_a_format_naming_other_atoms_gets_gunicorns_full_set() -> None:
    config = _config('%(h)s %(U)s "%(r)s" %(s)s %({host}i)s')

    assert _line(CONF["AccessLogger"](config), config) == _line(glogging.Logger(config), config)
    assert CONF["logger_class"] is CONF["AccessLogger"]
