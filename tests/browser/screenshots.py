"""Screenshots of the pages at desktop and phone width, for the README.

    .venv/bin/python -m tests.browser.screenshots            # writes docs/screenshots/*.png

Builds the web tests' timeline in a temporary database, serves it, and photographs it with
Debian's Chromium. Look at the pictures after a change to the templates or the CSS.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from sqlalchemy import select
from sqlmodel import Session

from app.db import make_engine
from app.migrate import upgrade_database
from app.models import Actor, Article, Event, Evidence, Place
from tests.browser.conftest import CHROMIUM_ARGS, chromium_path
from tests.conftest import LiveServer
from tests.factories import build_timeline

ROOT = Path(__file__).resolve().parents[2]
WIDTHS = {"desktop": 1440, "phone": 375}


def pages(session: Session) -> dict[str, str]:
    talks = session.scalar(select(Event).where(Event.type == "meeting", Event.trip_id.is_not(None)))
    visit = session.get(Event, talks.trip_id)
    article = session.scalar(select(Article).where(Article.file_name == "trip-2024-en.txt"))
    evidence = session.scalar(select(Evidence.id).where(Evidence.event_id == talks.id,
                                                        Evidence.article_id == article.id))
    xi = session.scalar(select(Actor.id).where(Actor.name == "Xi Jinping"))
    astana = session.scalar(select(Place.id).where(Place.name == "Astana"))
    return {
        "timeline": "/?year=2023&year=2024&year=2025&sort=newest",
        "event": f"/events/{visit.id}?back=year%3D2024",
        "article": f"/articles/{article.id}?evidence={evidence}&back=year%3D2024#ev-{evidence}",
        "actor": f"/actors/{xi}",
        "place": f"/places/{astana}",
        "topic": "/topics/energy?lang=id",
        "network": "/network",
        "undated": "/undated",
    }


def take(out_dir: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'timeline.db'}"
        upgrade_database(url)
        engine = make_engine(url)
        build_timeline(engine)
        with Session(engine) as session:
            targets = pages(session)
        engine.dispose()
        with LiveServer(url) as server, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            for name, path in targets.items():
                for device, width in WIDTHS.items():
                    page = browser.new_page(viewport={"width": width, "height": 900 if width > 500 else 812},
                                            device_scale_factor=1)
                    page.goto(server.url + path)
                    page.wait_for_load_state("networkidle")
                    page.wait_for_timeout(150)
                    target = out_dir / f"{name}-{device}.png"
                    page.screenshot(path=str(target), full_page=False)
                    written.append(target)
                    page.close()
            browser.close()
    return written


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    for path in take(out):
        print(path)


if __name__ == "__main__":
    main()
