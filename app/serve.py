"""Serving: gunicorn's arbiter over uvicorn workers, each worker with its own listening socket.

The handlers do their work (SQLite in-process, templates) on the worker's event loop, so a worker
busy with a request does not accept connections meanwhile; on one shared socket the idle worker
then accepts nearly every new connection and keeps it (keep-alive): 32 clients ended up on one of
two workers while the other idled. With ``reuse_port`` gunicorn has each worker bind the port with
``SO_REUSEPORT``, and the kernel spreads the connections evenly over them.

Gunicorn also does what a supervisor must: it replaces a worker that dies (killed, out of memory)
or hangs past ``timeout`` (no heartbeat from its event loop), stops the whole server rather than
restart forever a worker that cannot boot, and stops gracefully on SIGTERM (workers finish the
requests they hold, for up to ``graceful_timeout``); SIGINT (Ctrl-C) stops it at once.
"""

from __future__ import annotations

import sys

from gunicorn.app.base import BaseApplication
from uvicorn_worker import UvicornWorker


class TimelineWorker(UvicornWorker):
    """uvicorn with its fast loop and parser, and without trusting ``X-Forwarded-For``: the sign-in
    limits count the address the connection comes from."""

    CONFIG_KWARGS = {"loop": "auto", "http": "auto", "proxy_headers": False}


class TimelineServer(BaseApplication):
    def __init__(self, options: dict) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for name, value in self.options.items():
            self.cfg.set(name, value)

    def load(self):
        from app.main import create_app

        return create_app()  # in each worker, after the fork: its own engine and connections


def options(*, host: str, port: int, workers: int, reload: bool = False) -> dict:
    return {
        "bind": f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
        "workers": max(1, workers),
        "worker_class": f"{TimelineWorker.__module__}.{TimelineWorker.__qualname__}",
        "reuse_port": True,
        "backlog": 2048,
        "keepalive": 5,  # seconds an idle keep-alive connection stays open (uvicorn's default)
        "timeout": 60,  # a worker whose event loop is stuck this long is replaced
        "graceful_timeout": 30,
        "reload": reload,
        "accesslog": "-",
        "errorlog": "-",
        "loglevel": "info",
        "control_socket_disable": True,  # no gunicornc socket in $HOME, shared by every instance
    }


def serve(*, host: str, port: int, workers: int, reload: bool = False) -> None:
    settings = options(host=host, port=port, workers=workers, reload=reload)
    # each worker binds the port itself, so gunicorn's own line names no address
    print(f"serving on http://{settings['bind']} with {settings['workers']} worker(s)", file=sys.stderr, flush=True)
    TimelineServer(settings).run()
