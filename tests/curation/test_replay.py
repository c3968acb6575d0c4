"""Corrections survive re-ingest: changed extraction, changed articles, more articles about the same events."""

from __future__ import annotations

import dataclasses
import json
import re

import pytest
from sqlalchemy import text
from sqlmodel import Session

from app import auth
from app.curation import data_version, operations as ops
from app.curation.state import automatic_title, fields_of, read_state
from app.db import make_engine
from app.export import event_dict, export_json, iter_events
from app.ingest import pipeline
from app.ingest.pipeline import ingest_paths
from app.queries import EventFilters
from tests.curation.helpers import assert_counts_are_public, copy_seeds

INVENTED_PARAGRAPH = "An invented paragraph, added by the test, that states no event at all."


def all_events(engine) -> list[dict]:
    with Session(engine) as session:
        return [event_dict(e) for e in iter_events(session, EventFilters(with_rejected=True))]


def find(events: list[dict], **wanted) -> dict:
    found = [e for e in events if all(e[k] == v for k, v in wanted.items())]
    assert len(found) == 1, (wanted, [(e["id"], e["type"], e["subtype"], e["date_start"]) for e in found])
    return found[0]


def passages(event: dict) -> list[tuple[str, str]]:
    return [(s["article"]["file"], s["text"]) for s in event["sources"]]


def holder(events: list[dict], passage: tuple[str, str]) -> dict:
    """The one event citing ``passage`` (file, text)."""
    found = [e for e in events if passage in passages(e)]
    assert len(found) == 1, (passage[0], [e["id"] for e in found])
    return found[0]


def free_paragraph(engine, file_name: str) -> tuple[int, int, int, str]:
    """(article id, start, end, text) of a paragraph of ``file_name`` that no passage overlaps."""
    with engine.connect() as conn:
        article_id, body = conn.execute(text("SELECT id, text FROM articles WHERE file_name = :f"),
                                        {"f": file_name}).one()
        spans = conn.execute(text('SELECT start, "end" FROM evidence WHERE article_id = :a'), {"a": article_id}).all()
    for match in re.finditer(r"[^\n]{80,}", body):
        if not any(start < match.end() and match.start() < end for start, end in spans):
            return article_id, match.start(), match.end(), match.group()
    raise AssertionError(f"no free paragraph in {file_name}")


def perturbed(extract):
    """The extractor's output changed as a new version might change it: other order, other confidences."""
    def changed(name: str, body: str):
        result = extract(name, body)
        if isinstance(result, str):
            return result
        parsed, events = result
        return parsed, [dataclasses.replace(e, confidence=round(0.3 + 0.1 * (i % 5), 2))
                        for i, e in enumerate(reversed(events))]
    return changed


@pytest.mark.slow
def test_every_kind_of_correction_holds_after_reingest(db_url, tmp_path, monkeypatch):
    engine = make_engine(db_url)
    folder = tmp_path / "articles"
    first = ["000_7506275ba9ad6fc8.txt", "001_2a54ab0cdfdf7b75.txt", "002_13f10bd7a51f9bbb.txt",
             "004_61b6c9b6678a8116.txt"]
    copy_seeds(folder, first)
    assert ingest_paths(engine, [folder], workers=0).ok
    with Session(engine) as session:
        editor = auth.create_user(session, "editor1", "editor", "a long enough password")
        session.commit()
    events = all_events(engine)
    visit_2024 = find(events, type="visit", date_start="2024-07-02")
    summit = find(events, type="meeting", subtype="summit", date_start="2024-07-02")
    talks_2024 = find(events, type="meeting", date_start="2024-07-03")
    xian = find(events, type="meeting", date_start="2023")
    visa = find(events, type="agreement", subtype="visa_exemption")
    talks_2022 = find(events, type="meeting", date_start="2022-09-14")
    visit_2022 = find(events, type="visit", date_start="2022-09")
    wang = find(events, type="meeting", date_start="2024-05-20")
    assert len(wang["sources"]) >= 3 and len(talks_2022["sources"]) >= 2
    version_before = _version(engine)

    with Session(engine) as s:
        ops.review_event(s, visit_2024["id"], status="verified", user=editor)
        ops.review_event(s, visit_2022["id"], status="verified", user=editor, note="checked both reports")
        ops.review_event(s, visa["id"], status="rejected", user=editor, note="a <b>statistic</b>, not an agreement")
        xian_changes = {"date_start": "2023-05-19", "date_precision": "day", "subtype": "talks",
                        "topics": ["trade-investment"],
                        "participants": [*xian["participants"][:1],
                                         {"name": "Invented Person", "country": "Kazakhstan",
                                          "office": "Invented Office", "side": "host"}]}
        for p in xian_changes["participants"]:
            p.setdefault("office", p.pop("role", None))
        ops.edit_event(s, xian["id"], xian_changes, user=editor, note="dated by the ministry's release")
        removed = talks_2022["sources"][-1]
        removed_id = _evidence_id(s, talks_2022["id"], removed)
        extra = free_paragraph(engine, "002_13f10bd7a51f9bbb.txt")
        ops.change_passages(s, talks_2022["id"], user=editor, remove=[removed_id], add=[extra[:3]])
        ops.merge_events(s, talks_2024["id"], summit["id"], user=editor, note="one meeting")
        moved = wang["sources"][-2:]
        split = ops.split_event(s, wang["id"], [_evidence_id(s, wang["id"], m) for m in moved], user=editor)
        ops.edit_event(s, split.event_id, {"title": "Invented split title", "date_start": "2024-05-21",
                                           "date_precision": "day"}, user=editor)
        free = free_paragraph(engine, "004_61b6c9b6678a8116.txt")
        added = ops.add_event(s, free[0], free[1], free[2], ops.clean_fields({
            "type": "agreement", "subtype": "memorandum", "title": "Invented memorandum", "date": "2024-05",
            "participants": [{"name": "Wang Yi", "country": "China", "office": "", "side": "guest"},
                             {"name": "Murat Nurtleu", "country": "Kazakhstan", "office": "", "side": "host"}],
            "topics": ["energy"]}), user=editor)
        temporary = ops.edit_event(s, visit_2024["id"], {"title": "A temporary title"}, user=editor)
        ops.revert_correction(s, temporary.correction_id, user=editor, note="wrong event")

    def check(events: list[dict]) -> None:
        assert holder(events, passages(visit_2024)[0])["status"] == "verified"
        assert holder(events, passages(visit_2024)[0])["title"] == visit_2024["title"]  # the revert holds
        assert holder(events, passages(visit_2022)[0])["status"] == "verified"
        assert holder(events, passages(visa)[0])["status"] == "rejected"
        edited = holder(events, passages(xian)[0])
        assert (edited["date_start"], edited["date_precision"], edited["subtype"]) == ("2023-05-19", "day", "talks")
        assert edited["topics"] == ["Trade and investment"]
        assert {p["name"] for p in edited["participants"]} == {xian["participants"][0]["name"], "Invented Person"}
        corrected = holder(events, passages(talks_2022)[0])
        assert ("002_13f10bd7a51f9bbb.txt", extra[3]) in passages(corrected)
        assert ("002_13f10bd7a51f9bbb.txt", removed["text"]) not in passages(corrected)
        merged = holder(events, passages(talks_2024)[0])
        assert set(passages(summit)) <= set(passages(merged))
        remaining, new = holder(events, passages(wang)[0]), holder(events, (moved[0]["article"]["file"], moved[0]["text"]))
        assert remaining["id"] != new["id"]
        assert (new["title"], new["date_start"]) == ("Invented split title", "2024-05-21")
        assert (moved[1]["article"]["file"], moved[1]["text"]) in passages(new)
        made = holder(events, ("004_61b6c9b6678a8116.txt", free[3]))
        assert (made["title"], made["type"], made["date_start"]) == ("Invented memorandum", "agreement", "2024-05")

    check(all_events(engine))
    assert _version(engine) == version_before + 11  # one for every correction

    # a new extractor version, changed articles (one with a paragraph put in before its passages) and
    # one more article reporting events already there
    copy_seeds(folder, ["003_37cd1a225b0a7012.txt"])
    for name in first:
        path = folder / name
        body = path.read_text(encoding="utf-8")
        if name.startswith("001"):  # before the passage of the edited event: every later span moves
            at = body.index(passages(xian)[0][1])
            path.write_text(f"{body[:at]}{INVENTED_PARAGRAPH}\n\n{body[at:]}", encoding="utf-8")
        else:
            path.write_text(f"{body}\n\n{INVENTED_PARAGRAPH}\n", encoding="utf-8")
    monkeypatch.setattr(pipeline, "extract_article", perturbed(pipeline.extract_article))
    summary = ingest_paths(engine, [folder], workers=0)
    assert (len(summary.new), len(summary.updated), summary.failed) == (1, 4, [])

    events = all_events(engine)
    check(events)
    grown = holder(events, passages(visit_2022)[0])
    assert any(f == "003_37cd1a225b0a7012.txt" for f, _ in passages(grown))  # the new article joined it
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM corrections WHERE NOT applies")).scalar() == 0
    assert_counts_are_public(engine)
    with Session(engine) as session:
        public = json.loads(export_json(session))["events"]
    assert passages(visa)[0] not in {p for e in public for p in passages(e)}
    assert {e["status"] for e in public} <= {"verified", "unreviewed"}
    engine.dispose()


def test_a_correction_whose_passage_is_gone_is_kept_and_listed(db_url, tmp_path):
    engine = make_engine(db_url)
    folder = tmp_path / "articles"
    [path] = copy_seeds(folder, ["001_2a54ab0cdfdf7b75.txt"])
    ingest_paths(engine, [folder], workers=0)
    with Session(engine) as session:
        editor = auth.create_user(session, "editor1", "editor", "a long enough password")
        session.commit()
    event = all_events(engine)[0]
    article_id, start, end, _ = free_paragraph(engine, path.name)
    with Session(engine) as s:
        ops.review_event(s, event["id"], status="verified", user=editor)
        added = ops.add_event(s, article_id, start, end, ops.clean_fields({"type": "meeting", "date": "2024"}),
                              user=editor)
    body = path.read_text(encoding="utf-8")
    made = next(e for e in all_events(engine) if e["id"] == added.event_id)
    for source in [*event["sources"], *made["sources"]]:
        body = body.replace(source["text"], INVENTED_PARAGRAPH)
    path.write_text(body, encoding="utf-8")
    assert ingest_paths(engine, [folder], workers=0).updated == [path]
    from app.curation.history import stale_corrections

    with Session(engine) as session:
        stale = stale_corrections(session)
    assert [(c.kind, c.applies) for c in stale] == [("review", False), ("add", False)]
    assert "no longer contains the passage" in stale[0].stale_reason
    assert added.event_id not in [e["id"] for e in all_events(engine)]  # no event without a source
    path.unlink()  # the file is gone for good: the correction stays listed
    engine.dispose()


def _version(engine) -> int:
    with Session(engine) as session:
        return data_version(session)


def _evidence_id(session: Session, event_id: int, source: dict) -> int:
    return session.connection().execute(text(
        'SELECT id FROM evidence WHERE event_id = :e AND article_id = :a AND start = :s AND "end" = :n'),
        {"e": event_id, "a": source["article"]["id"], "s": source["start"], "n": source["end"]}).scalars().first()


def test_fields_round_trip(db_url):
    """An edit that gives back every current value changes nothing (the form's own values)."""
    engine = make_engine(db_url)
    from tests.factories import Mention, add_article

    add_article(engine, file_name="a.txt", published="2024-07-03",
                text="Astana. Xi Jinping held talks with Tokayev today.",
                mentions=[Mention("meeting", "talks", "2024-07-03", "Xi Jinping held talks with Tokayev")])
    with Session(engine) as session:
        editor = auth.create_user(session, "ed", "editor", "a long enough password")
        state = read_state(session.connection(), 1)
        fields = fields_of(state)
        assert automatic_title(fields) == fields["title"]
        with pytest.raises(ops.Invalid):
            ops.edit_event(session, 1, fields, user=editor)
    engine.dispose()



