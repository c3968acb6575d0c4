"""Serving with uvicorn, in one process or several, each worker with its own listening socket.

The handlers do their work (SQLite in-process, templates) on the worker's event loop, so a worker
busy with a request does not accept connections meanwhile; on one shared socket (uvicorn's own
``--workers``) the idle worker then accepts nearly every new connection, and keeps it (keep-alive):
32 clients ended up on one of two workers while the other idled. Here each worker binds the port
with ``SO_REUSEPORT`` and the kernel spreads the connections evenly over them.
"""

from __future__ import annotations

import multiprocessing
import signal
import socket
import time

import uvicorn

APP = "app.main:create_app"
BACKLOG = 2048


def serve(*, host: str, port: int, workers: int, reload: bool = False) -> None:
    options = {"factory": True, "host": host, "port": port, "log_level": "info", "proxy_headers": False}
    if workers <= 1 or reload or not hasattr(socket, "SO_REUSEPORT"):
        uvicorn.run(APP, workers=workers, reload=reload, **options)
        return
    context = multiprocessing.get_context("spawn")  # each worker imports the app afresh
    processes = [_start(context, options) for _ in range(workers)]
    stopping = False

    def stop(signum, _frame) -> None:
        nonlocal stopping
        stopping = True
        for process in processes:
            if process.is_alive():
                process.terminate()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    while not stopping:
        for index, process in enumerate(processes):
            if not process.is_alive() and not stopping:  # a worker died: start another in its place
                processes[index] = _start(context, options)
        time.sleep(0.5)
    for process in processes:
        process.join(timeout=30)


def _start(context, options: dict):
    process = context.Process(target=_worker, args=(options,), daemon=False)
    process.start()
    return process


def _worker(options: dict) -> None:
    sock = socket.socket(socket.AF_INET6 if ":" in options["host"] else socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((options["host"], options["port"]))
    sock.listen(BACKLOG)
    sock.set_inheritable(True)
    uvicorn.Server(uvicorn.Config(APP, **options)).run(sockets=[sock])
