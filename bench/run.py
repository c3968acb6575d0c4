"""The benchmark: the timeline at 100,000 events, served as a user serves it, beside Datasette.

    python -m bench.run            (or `make bench`; `--help` for the knobs)

1. Builds (or reuses, keyed by its arguments and the schema revision) a SQLite database with
   `timeline synth`, in bench/out/.
2. Serves it with `timeline serve --workers N` and, on another port, with `datasette serve -i`.
3. Drives both over loopback HTTP from a separate process (bench/load.py, raw asyncio sockets):
   for each route, one client alone (p50/p99 latency), then 32 clients at once (requests per
   second, p99, errors). Each route cycles through many parameter values (years, topics, actors,
   words, ids), so that no figure is the same request repeated; each row says which share of its
   responses the server's response cache answered (``X-Cache: hit``). The "cold" row (every year ×
   topic and year × type fragment) raises the data version before each phase, which empties every
   worker's cache, and its clients share one cursor over the URLs: its figures are of rendering.
4. Times `timeline ingest` on generated article files (Indonesian and English) in a temporary
   folder, after a run of one article that pays the start-up: wall time, and the CPU time of every
   process the ingest used (per core), and the extractor's share of that CPU time.
5. Prints one table, the ratios to Datasette and which targets are met; writes the raw figures
   to bench/out/results.json.

Not part of the test suite: speed is measured here, never asserted in unit tests.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
BIN = Path(sys.executable).parent

TARGETS = {  # from the performance issues, at 100k events on a 2-core machine
    "fragment_p50_ms": 10, "fragment_p99_ms": 25, "fragment_rps": 400, "fragment_p99_32_ms": 150,
    "landing_rps": 400, "landing_p99_32_ms": 150, "distinct_rps": 250, "distinct_p99_32_ms": 300,
    "search_p50_ms": 20, "search_rps": 200, "first_page_bytes": 100_000, "ingest_per_core": 200,
}
DISTINCT = "fragments, every year × topic and year × type (cold cache)"


@dataclass
class Route:
    name: str
    urls: list[str]
    headers: dict[str, str] = field(default_factory=dict)
    server: str = "timeline"  # or "datasette"
    cold: bool = False  # every phase starts with empty caches, its clients share one cursor


@dataclass
class Figures:
    route: Route
    single: dict
    many: dict

    def p(self, which: str, q: float) -> float:
        return percentile((self.single if which == "single" else self.many)["latencies_ms"], q)

    @property
    def rps(self) -> float:
        return len(self.many["latencies_ms"]) / self.many["elapsed_s"] if self.many["elapsed_s"] else 0.0

    @property
    def errors(self) -> int:
        return self.single["error_count"] + self.many["error_count"]

    def hit_rate(self, which: str) -> float:
        """The share of the phase's answers that came from the server's response cache."""
        phase = self.single if which == "single" else self.many
        return phase.get("hits", 0) / max(len(phase["latencies_ms"]), 1)


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100); NaN when there are no values."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- the database ------------------------------------------------------------------------------


def schema_revision() -> str:
    return sorted(p.name.split("_")[1] for p in (ROOT / "migrations" / "versions").glob("*_*.py"))[-1]


def build_database(events: int, articles: int, seed: int) -> Path:
    """A synthetic database for these arguments, built once and reused while the schema stands."""
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"synth-e{events}-a{articles}-s{seed}-r{schema_revision()}.db"
    if path.exists():
        say(f"reusing {path.name}")
        subprocess.run([BIN / "timeline", "migrate", "--db", f"sqlite:///{path}"], check=True,
                       stdout=subprocess.DEVNULL)
        return path
    for stale in OUT.glob(f"synth-e{events}-a{articles}-s{seed}-r*.db*"):
        stale.unlink()
    partial = path.with_suffix(".building")
    for leftover in OUT.glob(partial.name + "*"):
        leftover.unlink()
    say(f"building {path.name} with timeline synth (about a minute) ...")
    subprocess.run([BIN / "timeline", "synth", "--events", str(events), "--articles", str(articles),
                    "--seed", str(seed), "--db", f"sqlite:///{partial}"], check=True)
    with sqlite3.connect(partial) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    partial.rename(path)
    return path


def sample_values(path: Path, seed: int) -> dict[str, list]:
    """Real values from the database to vary the requests with."""
    rng = random.Random(seed)
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        years = [y for (y,) in db.execute("SELECT DISTINCT year FROM events WHERE year >= 1996 ORDER BY year")]
        topics = [s for (s,) in db.execute("SELECT slug FROM topics ORDER BY slug")]
        actors = [n for (n,) in db.execute(
            "SELECT a.name FROM actors a JOIN event_actors ea ON ea.actor_id = a.id GROUP BY a.id "
            "ORDER BY count(*) DESC LIMIT 24")]
        places = [n for (n,) in db.execute(
            "SELECT p.name FROM places p JOIN events e ON e.place_id = p.id GROUP BY p.id "
            "HAVING count(*) < 2000 ORDER BY p.name")]
        max_event = db.execute("SELECT max(id) FROM events").fetchone()[0]
        max_article = db.execute("SELECT max(id) FROM articles").fetchone()[0]
    surnames = sorted({name.split()[-1] for name in actors})
    words = [*surnames, *places[:24]]
    rng.shuffle(words)
    other_words = [*FORMS, *_other_spellings(actors, places)]
    rng.shuffle(other_words)
    return {"years": years, "topics": topics, "actors": actors, "words": words, "other_words": other_words,
            "events": [rng.randint(1, max_event) for _ in range(500)],
            "articles": [rng.randint(1, max_article) for _ in range(500)]}


# Searches only stems, spellings or the other language find (app/search): inflected words and
# what events are called in both languages.
FORMS = ["visited", "visiting", "berkunjung", "mengunjungi", "kunjungan kenegaraan", "state visit",
         "joint statement", "pernyataan bersama", "nota kesepahaman", "memorandum of understanding", "phone call",
         "percakapan telepon", "pembicaraan", "negotiations", "menandatangani", "signed", "energi", "keamanan"]


def _other_spellings(actors: list[str], places: list[str]) -> list[str]:
    """A spelling other than the stored one of each person and place sampled (the lexicons' aliases)."""
    sys.path.insert(0, str(ROOT))
    from app.search import vocabulary

    found = []
    for group in [*map(vocabulary.person, actors), *map(vocabulary.place, places[:24])]:
        others = [phrase.text for phrase in group[1:] if phrase.text.lower() not in group[0].text.lower()]
        found += others[:1]
    return found


def routes(values: dict[str, list], database_name: str, seed: int) -> list[Route]:
    rng = random.Random(seed)
    hx = {"HX-Request": "true"}
    years, topics, actors = values["years"], values["topics"], values["actors"]
    year_topic = [f"year={y}&topic={t}" for y in years for t in topics]
    rng.shuffle(year_topic)
    type_actor = [f"type={t}&actor={quote(a)}" for t in ("visit", "meeting", "agreement") for a in actors]
    rng.shuffle(type_actor)
    year_type = [f"year={y}&type={t}" for y in years for t in ("visit", "meeting", "agreement")]
    distinct = year_topic + year_type
    rng.shuffle(distinct)
    deep = [f"type={t}&page=50" for t in ("visit", "meeting", "agreement")]
    deep += [f"year={y}&page=50" for y in years if y >= 2004]
    rng.shuffle(deep)
    return [
        Route("timeline page /", ["/"]),
        Route("timeline page, one year", [f"/?year={y}" for y in years]),
        Route("fragment year+topic", [f"/?{qs}" for qs in year_topic], hx),
        Route(DISTINCT, [f"/?{qs}" for qs in distinct], hx, cold=True),
        Route("fragment type+actor", [f"/?{qs}" for qs in type_actor], hx),
        Route("fragment search q=", [f"/?q={quote(w)}" for w in values["words"]], hx),
        Route("fragment search, stems and spellings", [f"/?q={quote(w)}" for w in values["other_words"]], hx),
        Route("fragment search, best match", [f"/?q={quote(w)}&sort=relevance"
                                              for w in [*values["words"], *values["other_words"]]], hx),
        Route("fragment page 50", [f"/?{qs}" for qs in deep], hx),
        Route("/api/facets", ["/api/facets"]),
        Route("/api/facets year+topic", [f"/api/facets?{qs}" for qs in year_topic]),
        Route("event page", [f"/events/{i}" for i in values["events"]]),
        Route("article page", [f"/articles/{i}" for i in values["articles"]]),
        Route("/api/events", [f"/api/events?year={y}" for y in years]),
        Route("Datasette events?year=", [f"/{database_name}/events?year={y}&_size=50" for y in years],
              server="datasette"),
    ]


# --- servers -----------------------------------------------------------------------------------


def wait_for(url: str, process: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server exited with status {process.returncode} before answering {url}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"no answer from {url} in {timeout:.0f} s")


def start_timeline(path: Path, port: int, workers: int, cache_bytes: int | None = None) -> subprocess.Popen:
    command = [BIN / "timeline", "serve", "--db", f"sqlite:///{path}", "--port", str(port),
               "--workers", str(workers)]
    env = dict(os.environ)
    if cache_bytes is not None:
        env["TIMELINE_RESPONSE_CACHE_BYTES"] = str(cache_bytes)
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True, env=env)
    wait_for(f"http://127.0.0.1:{port}/api/events?page_size=1", process)
    return process


def start_datasette(path: Path, port: int) -> subprocess.Popen | None:
    datasette = BIN / "datasette"
    if not datasette.exists():
        say("datasette is not installed (pip install -e '.[bench]'): skipping the comparison")
        return None
    command = [datasette, "serve", "-i", str(path), "--port", str(port), "--host", "127.0.0.1",
               "--setting", "sql_time_limit_ms", "5000", "--setting", "facet_time_limit_ms", "500"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    wait_for(f"http://127.0.0.1:{port}/-/versions.json", process)
    return process


def stop(process: subprocess.Popen | None) -> None:
    if process is None or process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def drive(port: int, phases: list[dict]) -> list[dict]:
    """Run load phases from a separate process (bench/load.py) and return its figures."""
    spec = json.dumps({"host": "127.0.0.1", "port": port, "phases": phases})
    result = subprocess.run([sys.executable, "-m", "bench.load"], input=spec, capture_output=True, text=True,
                            cwd=ROOT, check=True)
    return json.loads(result.stdout)


def measure(route: Route, port: int, database: Path, *, single_s: float, many_s: float, clients: int) -> Figures:
    common = {"urls": route.urls, "headers": route.headers}
    single = {"name": "single", "clients": 1, "seconds": single_s, "max_requests": 400, **common}
    many = {"name": "many", "clients": clients, "seconds": many_s, **common}
    if route.cold:
        figures = []
        for phase in (single, many):
            empty_caches(database)
            figures += drive(port, [{**phase, "shared": True}])
        return Figures(route, *figures)
    _, single_figures, many_figures = drive(port, [
        {"name": "warm", "clients": 4, "seconds": 0.6, **common}, single, many])
    return Figures(route, single_figures, many_figures)


def empty_caches(database: Path) -> None:
    """Raise the data version (as a write does): every worker's response cache starts empty."""
    sys.path.insert(0, str(ROOT))
    from app.curation.version import bump_data_version
    from app.db import make_engine

    engine = make_engine(f"sqlite:///{database}")
    with engine.begin() as conn:
        bump_data_version(conn)
    engine.dispose()


# --- ingest ------------------------------------------------------------------------------------


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)  # every finished child, with its own children
    return usage.ru_utime + usage.ru_stime


def measure_ingest(files: int, seed: int, workers: int | None) -> dict:
    """`timeline ingest` of ``files`` generated articles, after a run of one article that pays the
    start-up (imports, migrations, the extractor loading its lexicons): wall time and the CPU time of
    every process it used (the writer and its extraction workers), so that "per core" is honest."""
    sys.path.insert(0, str(ROOT))
    from app.extract.article import parse_article
    from app.extract.pipeline import extract_events
    from app.synth import write_article_files

    with tempfile.TemporaryDirectory(prefix="timeline-bench-") as tmp:
        folder, first = Path(tmp) / "articles", Path(tmp) / "first"
        paths = write_article_files(folder, files + 1, seed=seed)
        first.mkdir()
        paths[0].rename(first / paths[0].name)
        paths = paths[1:]
        size = sum(p.stat().st_size for p in paths)
        url = f"sqlite:///{tmp}/ingest.db"
        command = [BIN / "timeline", "ingest", "--db", url, "-q"]
        if workers is not None:
            command += ["--workers", str(workers)]
        subprocess.run([BIN / "timeline", "migrate", "--db", url], check=True, stdout=subprocess.DEVNULL)
        cpu, began = _children_cpu(), time.perf_counter()
        subprocess.run([*command, str(first)], check=True, stdout=subprocess.DEVNULL)
        startup, startup_cpu = time.perf_counter() - began, _children_cpu() - cpu
        cpu, began = _children_cpu(), time.perf_counter()
        done = subprocess.run([*command, str(folder)], capture_output=True, text=True)
        wall, wall_cpu = time.perf_counter() - began, _children_cpu() - cpu
        texts = [(p.name, p.read_text(encoding="utf-8")) for p in paths]
        extract_events(parse_article(texts[0][1], texts[0][0]))  # load the lexicons first
        began = time.perf_counter()
        for name, text in texts:
            extract_events(parse_article(text, name))
        extracting = time.perf_counter() - began
    working, working_cpu = max(wall - startup, 1e-9), max(wall_cpu - startup_cpu, 1e-9)
    return {"files": files, "bytes": size, "wall_s": wall, "startup_s": startup, "summary": done.stdout.strip(),
            "exit": done.returncode, "per_s": files / wall, "per_s_after_startup": files / working,
            "cpu_s": wall_cpu, "startup_cpu_s": startup_cpu, "per_cpu_s": files / working_cpu,
            "extract_s": extracting, "extract_share_cpu": extracting / working_cpu,
            "workers": workers if workers is not None else "default"}


# --- the report --------------------------------------------------------------------------------


def table(figures: list[Figures], clients: int) -> str:
    head = (f"| route | 1 client p50 ms | 1 client p99 ms | 1 client cache hits | {clients} clients req/s "
            f"| {clients} clients p99 ms | {clients} clients cache hits | errors | bytes |")
    lines = [head, "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for f in figures:
        hits = [f"{f.hit_rate(which):.0%}" if f.route.server == "timeline" else "—" for which in ("single", "many")]
        lines.append(f"| {f.route.name} | {f.p('single', 50):.1f} | {f.p('single', 99):.1f} | {hits[0]} | "
                     f"{f.rps:.0f} | {f.p('many', 99):.0f} | {hits[1]} | {f.errors} | {f.single['mean_bytes']:,.0f} |")
    return "\n".join(lines)


def verdicts(by_name: dict[str, Figures], ingest: dict, first_page: int) -> list[str]:
    fragment, search = by_name["fragment year+topic"], by_name["fragment search q="]
    landing, distinct = by_name["timeline page /"], by_name[DISTINCT]
    checks = [
        ("filtered fragment p50 (1 client)", fragment.p("single", 50), "<=", TARGETS["fragment_p50_ms"], "ms"),
        ("filtered fragment p99 (1 client)", fragment.p("single", 99), "<=", TARGETS["fragment_p99_ms"], "ms"),
        ("filtered fragment req/s (32 clients)", fragment.rps, ">=", TARGETS["fragment_rps"], "req/s"),
        ("filtered fragment p99 (32 clients)", fragment.p("many", 99), "<=", TARGETS["fragment_p99_32_ms"], "ms"),
        ("landing page / req/s (32 clients)", landing.rps, ">=", TARGETS["landing_rps"], "req/s"),
        ("landing page / p99 (32 clients)", landing.p("many", 99), "<=", TARGETS["landing_p99_32_ms"], "ms"),
        ("distinct fragments, cold cache, req/s (32 clients)", distinct.rps, ">=", TARGETS["distinct_rps"], "req/s"),
        ("distinct fragments, cold cache, p99 (32 clients)", distinct.p("many", 99), "<=",
         TARGETS["distinct_p99_32_ms"], "ms"),
        ("errors, every route", sum(f.errors for f in by_name.values()), "<=", 0, ""),
        ("full-text search p50 (1 client)", search.p("single", 50), "<=", TARGETS["search_p50_ms"], "ms"),
        ("full-text search req/s (32 clients)", search.rps, ">=", TARGETS["search_rps"], "req/s"),
        ("first page size", first_page, "<=", TARGETS["first_page_bytes"], "bytes"),
        ("ingest articles per CPU-second (all its processes, after start-up)", ingest["per_cpu_s"], ">=",
         TARGETS["ingest_per_core"], "/s"),
    ]
    lines = []
    for label, value, op, target, unit in checks:
        met = value <= target if op == "<=" else value >= target
        lines.append(f"- {'met' if met else 'NOT met'}: {label} = {value:,.1f} {unit} (target {op} {target:,} {unit})")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes (default 2: two cores)")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--single-seconds", type=float, default=2.5)
    parser.add_argument("--many-seconds", type=float, default=4.0)
    parser.add_argument("--ingest-files", type=int, default=1000)
    parser.add_argument("--ingest-workers", type=int, default=None,
                        help="extraction processes for timeline ingest (default: its own choice)")
    parser.add_argument("--no-datasette", action="store_true")
    parser.add_argument("--cache-bytes", type=int, default=None,
                        help="the server's response cache per worker (TIMELINE_RESPONSE_CACHE_BYTES; 0: none)")
    parser.add_argument("--only", help="measure only the routes whose name contains this text (no ingest, "
                                       "no Datasette, no targets)")
    args = parser.parse_args()

    started = time.perf_counter()
    load_before = os.getloadavg()
    path = build_database(args.events, args.articles, args.seed)
    values = sample_values(path, args.seed)
    all_routes = routes(values, path.stem, args.seed)
    port, datasette_port = free_port(), free_port()
    server = datasette = None
    figures: list[Figures] = []
    try:
        say(f"serving with timeline serve --workers {args.workers} ...")
        server = start_timeline(path, port, args.workers, args.cache_bytes)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30) as response:
            first_page = len(response.read())
        for route in all_routes:
            if route.server != "timeline" or (args.only and args.only not in route.name):
                continue
            say(f"  {route.name}")
            figures.append(measure(route, port, path, single_s=args.single_seconds, many_s=args.many_seconds,
                                   clients=args.clients))
        stop(server)
        server = None
        if not (args.no_datasette or args.only):
            say("serving with datasette serve -i ...")
            datasette = start_datasette(path, datasette_port)
            if datasette is not None:
                for route in all_routes:
                    if route.server == "datasette":
                        say(f"  {route.name}")
                        figures.append(measure(route, datasette_port, path, single_s=args.single_seconds,
                                               many_s=args.many_seconds, clients=args.clients))
    finally:
        stop(server)
        stop(datasette)
    by_name = {f.route.name: f for f in figures}
    if args.only:
        print(table(figures, args.clients))
        load_after = os.getloadavg()
        print(f"\n(load average before {load_before[0]:.1f}, after {load_after[0]:.1f})")
        return
    say(f"timing ingest of {args.ingest_files} generated articles ...")
    ingest = measure_ingest(args.ingest_files, args.seed, args.ingest_workers)

    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        counts = db.execute("SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM articles), "
                            "(SELECT count(*) FROM evidence)").fetchone()
    print(f"\n{counts[0]:,} events, {counts[1]:,} articles, {counts[2]:,} passages (SQLite, "
          f"{path.stat().st_size / 2**20:,.0f} MiB); timeline serve --workers {args.workers}; response cache "
          f"{'default' if args.cache_bytes is None else f'{args.cache_bytes:,} bytes'} per worker; "
          f"{os.cpu_count()} cores; load from a separate process over loopback\n")
    print(table(figures, args.clients))
    print(f"\nfirst page (/): {first_page:,} bytes")
    print(f"ingest: {ingest['files']} generated articles ({ingest['bytes'] / 1024:,.0f} KiB) in "
          f"{ingest['wall_s']:.1f} s = {ingest['per_s']:.0f} articles/s wall "
          f"({ingest['per_s_after_startup']:.0f}/s after {ingest['startup_s']:.1f} s start-up, which a run of one "
          f"article takes); {ingest['cpu_s']:.1f} CPU-s in all its processes = {ingest['per_cpu_s']:.0f} articles "
          f"per CPU-second after start-up (workers: {ingest['workers']}); extraction "
          f"{ingest['extract_share_cpu']:.0%} of that CPU time, storing and merging the rest [{ingest['summary']}]")
    ours, theirs = by_name.get("timeline page, one year"), by_name.get("Datasette events?year=")
    if ours and theirs:
        print("\nours (/?year=Y, the whole page) over Datasette (/db/events?year=Y&_size=50):")
        print(f"- 1 client p50: {ours.p('single', 50):.1f} / {theirs.p('single', 50):.1f} ms = "
              f"{ours.p('single', 50) / theirs.p('single', 50):.2f}")
        print(f"- 1 client p99: {ours.p('single', 99):.1f} / {theirs.p('single', 99):.1f} ms = "
              f"{ours.p('single', 99) / theirs.p('single', 99):.2f}")
        print(f"- {args.clients} clients throughput: {ours.rps:.0f} / {theirs.rps:.0f} req/s = "
              f"{ours.rps / max(theirs.rps, 1e-9):.1f}")
        print(f"- {args.clients} clients p99: {ours.p('many', 99):.0f} / {theirs.p('many', 99):.0f} ms = "
              f"{ours.p('many', 99) / theirs.p('many', 99):.2f}")
    print("\ntargets:")
    print("\n".join(verdicts(by_name, ingest, first_page)))
    load_after = os.getloadavg()
    print(f"\n(run took {time.perf_counter() - started:.0f} s; load average before {load_before[0]:.1f}, "
          f"after {load_after[0]:.1f}: other work on the machine inflates the figures)")
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "results.json").write_text(json.dumps({
        "database": path.name, "workers": args.workers, "first_page_bytes": first_page, "ingest": ingest,
        "routes": [{"name": f.route.name, "p50_1": f.p("single", 50), "p99_1": f.p("single", 99),
                    "rps_many": f.rps, "p99_many": f.p("many", 99), "errors": f.errors,
                    "hits_1": f.hit_rate("single"), "hits_many": f.hit_rate("many"),
                    "error_samples": f.single["errors"] + f.many["errors"]} for f in figures],
    }, indent=2))


if __name__ == "__main__":
    main()
