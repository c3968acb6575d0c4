"""A small HTTP/1.1 load generator on raw asyncio sockets (keep-alive, one connection per client).

Run as its own process so that it does not share a core's time slices with the server it drives:

    python -m bench.load < spec.json > result.json

The spec is ``{"host": ..., "port": ..., "phases": [{"name", "urls", "headers", "clients", "seconds",
"max_requests", "shared"}]}``; each phase's clients take the URLs in turn (each client from a
different start, or with ``shared`` all from one cursor, so that no URL is asked twice before every
other was asked once) until the time or request budget is spent. The result gives, per phase,
every latency in milliseconds, the number of requests, errors (non-2xx or broken connections),
the responses the server answered from its cache (``X-Cache: hit``) and the elapsed time.
Loopback only: the host must be 127.0.0.1 or localhost.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


class Connection:
    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def open(self) -> None:
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port)

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            try:
                await self.writer.wait_closed()
            except OSError:
                pass
        self.reader = self.writer = None

    async def get(self, target: str, headers: dict[str, str]) -> tuple[int, int, bool]:
        """GET ``target``; return (status, body bytes, whether the server's cache answered).
        Reconnects once if the server closed."""
        for attempt in (1, 2):
            if self.writer is None:
                await self.open()
            try:
                return await self._get(target, headers)
            except (ConnectionError, asyncio.IncompleteReadError):
                await self.close()
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    async def _get(self, target: str, headers: dict[str, str]) -> tuple[int, int, bool]:
        lines = [f"GET {target} HTTP/1.1", f"Host: {self.host}:{self.port}", "Connection: keep-alive"]
        lines += [f"{name}: {value}" for name, value in headers.items()]
        self.writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
        await self.writer.drain()
        status_line = await self.reader.readuntil(b"\r\n")
        status = int(status_line.split()[1])
        length, chunked, close, hit = None, False, False, False
        while True:
            line = await self.reader.readuntil(b"\r\n")
            if line == b"\r\n":
                break
            name, _, value = line.decode("latin-1").partition(":")
            name, value = name.strip().lower(), value.strip().lower()
            if name == "content-length":
                length = int(value)
            elif name == "transfer-encoding" and "chunked" in value:
                chunked = True
            elif name == "connection" and value == "close":
                close = True
            elif name == "x-cache":
                hit = value == "hit"
        size = 0
        if chunked:
            while True:
                chunk_size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                if chunk_size == 0:
                    await self.reader.readuntil(b"\r\n")
                    break
                size += len(await self.reader.readexactly(chunk_size))
                await self.reader.readexactly(2)
        elif length is not None:
            size = len(await self.reader.readexactly(length))
        else:
            size = len(await self.reader.read())
            close = True
        if close:
            await self.close()
        return status, size, hit


async def run_phase(host: str, port: int, phase: dict) -> dict:
    urls: list[str] = phase["urls"]
    headers: dict[str, str] = phase.get("headers") or {}
    clients: int = phase["clients"]
    deadline = time.perf_counter() + phase["seconds"]
    budget = phase.get("max_requests") or 10**9
    shared = phase.get("shared", False)
    latencies: list[float] = []
    errors: list[str] = []
    sizes: list[int] = []
    issued = hits = 0

    async def client(index: int) -> None:
        nonlocal issued, hits
        connection = Connection(host, port)
        position = index * 7
        try:
            while time.perf_counter() < deadline and issued < budget:
                issued += 1
                url = urls[(issued - 1 if shared else position) % len(urls)]
                position += 1
                began = time.perf_counter()
                try:
                    status, size, hit = await connection.get(url, headers)
                except (OSError, asyncio.IncompleteReadError, ValueError) as error:
                    errors.append(f"{url}: {type(error).__name__}")
                    await connection.close()
                    continue
                latencies.append((time.perf_counter() - began) * 1000)
                sizes.append(size)
                hits += hit
                if not 200 <= status < 300:
                    errors.append(f"{url}: HTTP {status}")
        finally:
            await connection.close()

    began = time.perf_counter()
    await asyncio.gather(*(client(i) for i in range(clients)))
    elapsed = time.perf_counter() - began
    return {"name": phase["name"], "clients": clients, "latencies_ms": latencies, "errors": errors[:20],
            "error_count": len(errors), "elapsed_s": elapsed, "hits": hits,
            "mean_bytes": sum(sizes) / len(sizes) if sizes else 0}


async def main_async(spec: dict) -> list[dict]:
    if spec["host"] not in LOOPBACK:
        raise SystemExit("the load generator only drives servers on this machine (loopback)")
    return [await run_phase(spec["host"], spec["port"], phase) for phase in spec["phases"]]


def main() -> None:
    spec = json.load(sys.stdin)
    try:
        import uvloop

        uvloop.install()
    except ImportError:
        pass
    json.dump(asyncio.run(main_async(spec)), sys.stdout)


if __name__ == "__main__":
    main()
