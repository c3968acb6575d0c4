"""Tables (SQLModel, ``table=True``) and the public shapes the API and export return.

The schema changes only through Alembic revisions in ``migrations/``.

An *article* is one ingested file. A *report* is one article's account of one event, as the
extractor found it; an *event* is the cluster of reports about the same real event, with its
attributes derived from them. *Evidence* rows are the passages (character spans into the
article's stored text) that state the event.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

EVENT_TYPES = ("visit", "meeting", "agreement")
PRECISIONS = ("day", "month", "year")
REVIEW_STATUSES = ("unreviewed", "verified", "rejected")
ROLES = ("reader", "editor", "admin")


# --- tables -----------------------------------------------------------------------------------


class Article(SQLModel, table=True):
    __tablename__ = "articles"
    __table_args__ = (Index("ix_articles_published_date", "published_date"),)

    id: int | None = Field(default=None, primary_key=True)
    file_name: str = Field(index=True)
    source_path: str = Field(index=True)
    content_hash: str = Field(unique=True)
    title: str | None = None
    outlet: str | None = Field(default=None, index=True)
    published: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD
    published_date: dt.date | None = None  # first day of `published`, for sorting
    published_precision: str | None = None
    published_phrase: str | None = None
    language: str = Field(index=True)
    text: str = Field(sa_column=Column(Text, nullable=False))
    stems: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))  # app/search/index.py
    boilerplate: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    captions: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    ingested_at: dt.datetime = Field(default_factory=lambda: dt.datetime.now(dt.UTC))


class Place(SQLModel, table=True):
    __tablename__ = "places"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    country: str


class Actor(SQLModel, table=True):
    __tablename__ = "actors"
    __table_args__ = (UniqueConstraint("name", "country"),)

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True)
    country: str
    office: str | None = None  # the office the actor is best known by


class Topic(SQLModel, table=True):
    __tablename__ = "topics"

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(unique=True)
    name: str
    name_id: str | None = None  # Indonesian display name


class Event(SQLModel, table=True):
    __tablename__ = "events"
    # Each index leads with what a filter fixes and goes on in timeline order (date_start, id), so
    # that a page is a walk down one index that stops after the page, and carries the columns the
    # other filters, counts, facets and the axis read, so that none of them visits the table
    # (revision 0004). ``year`` is always ``date_start``'s year: a year filter is a date range.
    __table_args__ = (
        Index("ix_events_timeline", "date_start", "id", "type", "year", "date_precision", "date_last",
              "place_id", "review_status"),
        Index("ix_events_type_timeline", "type", "date_start", "id", "year", "date_precision", "date_last",
              "place_id", "review_status"),
        Index("ix_events_place_timeline", "place_id", "date_start", "id", "type", "year", "date_precision",
              "date_last", "review_status"),
        # looked up by id from a link table's rows, for the place and date filters and the place facet
        Index("ix_events_facets", "id", "year", "type", "date_start", "date_precision", "place_id",
              "date_last", "review_status"),
        # the review queue: unreviewed events, lowest confidence first (revision 0006)
        Index("ix_events_review_queue", "review_status", "confidence", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    type: str
    subtype: str
    title: str
    status: str = "reported"  # reported | planned
    date_start: dt.date | None = None  # first day of the start date
    date_end: dt.date | None = None  # first day of the end date, for ranges
    date_last: dt.date | None = None  # last day the event may cover, for range filters
    date_precision: str | None = None
    date_phrase: str | None = None
    # where the date comes from (see Report.date_source, or "editor": set by an editor, no article), in
    # which article and where in its text
    date_source: str | None = None
    date_article_id: int | None = None  # kept in step by ingest: the article of one of the event's reports
    date_span_start: int | None = None
    date_span_end: int | None = None
    year: int | None = None
    place_id: int | None = Field(default=None, foreign_key="places.id")
    confidence: float = 0.5
    source_count: int = 0
    trip_id: int | None = Field(default=None, foreign_key="events.id", index=True, ondelete="SET NULL")
    # what editors decided (revision 0006): kept apart from what extraction derives, see app/curation/
    review_status: str = "unreviewed"  # unreviewed | verified | rejected
    reviewed_at: dt.datetime | None = None
    review_note: str | None = None  # the reason given with the last review
    version: int = 1  # raised by every change, so that a stale save is recognised
    created_by: int | None = Field(default=None, index=True)  # the correction (split, add) that made it


class EventCopy(SQLModel):
    """The event's own filter columns, copied into each of its link rows (revision 0004).

    A filter on a topic, an actor, an outlet or a language then reads one index of the link table
    in timeline order, and checks the type, year and dates there, without visiting the events; the
    copies are written with the link rows whenever the event is refreshed (app/ingest/store.py).
    """

    type: str
    year: int | None = None
    date_start: dt.date | None = None
    date_last: dt.date | None = None
    date_precision: str | None = None
    review_status: str = "unreviewed"


def _timeline_index(name: str, *keys: str) -> Index:
    return Index(name, *keys, "date_start", "event_id", "type", "year", "date_precision", "date_last",
                 "review_status")


class EventActor(EventCopy, table=True):
    __tablename__ = "event_actors"
    __table_args__ = (_timeline_index("ix_event_actors_timeline", "actor_id"),)

    event_id: int = Field(foreign_key="events.id", primary_key=True, ondelete="CASCADE")
    actor_id: int = Field(foreign_key="actors.id", primary_key=True)
    role: str | None = None  # office held on the event's date
    side: str = "participant"  # guest | host | participant


class EventTopic(EventCopy, table=True):
    __tablename__ = "event_topics"
    __table_args__ = (_timeline_index("ix_event_topics_timeline", "topic_id"),)

    event_id: int = Field(foreign_key="events.id", primary_key=True, ondelete="CASCADE")
    topic_id: int = Field(foreign_key="topics.id", primary_key=True)


class Report(SQLModel, table=True):
    """One article's account of one event: what the extractor found, kept for re-clustering.

    A report whose date could not be resolved has no event (``event_id`` NULL, as have its
    passages): it is listed apart, never counted or exported with the events (revision 0008).
    """

    __tablename__ = "reports"

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="articles.id", index=True, ondelete="CASCADE")
    event_id: int | None = Field(default=None, foreign_key="events.id", index=True, ondelete="SET NULL")
    ordinal: int  # position among the article's reports
    type: str
    subtype: str
    status: str = "reported"
    date_start: dt.date | None = None
    date_end: dt.date | None = None
    date_precision: str | None = None
    date_phrase: str | None = None
    # how the extractor dated it: sentence | caption (its own passage), lead (the article's main story),
    # sequel (the event told before it), shared (another event of its sentence), derived (the meeting a
    # visit was derived from), anchored ("the same day": the last event told), publication (the header)
    date_source: str | None = None
    date_span_start: int | None = None  # the date's phrase in the article's text, when it has one
    date_span_end: int | None = None
    place_name: str | None = None
    place_country: str | None = None
    participants: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    topics: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    signals: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    confidence: float = 0.5


class Evidence(SQLModel, table=True):
    __tablename__ = "evidence"
    __table_args__ = (
        Index("ix_evidence_article", "article_id", "start"),
        Index("ix_evidence_event_article", "event_id", "article_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    # the report the extractor found it for; None for a passage an editor chose (``correction_id``)
    report_id: int | None = Field(default=None, foreign_key="reports.id", index=True, ondelete="CASCADE")
    event_id: int | None = Field(default=None, foreign_key="events.id", ondelete="SET NULL")
    article_id: int = Field(foreign_key="articles.id", ondelete="CASCADE")
    start: int
    end: int
    kind: str = "statement"  # statement | support
    rule: str = ""
    correction_id: int | None = Field(default=None, foreign_key="corrections.id", index=True, ondelete="CASCADE")


class EventSourceFacet(EventCopy, table=True):
    """The outlets and languages of the articles that report an event, one row per value.

    Derived from the event's evidence whenever the event is refreshed (app/ingest/store.py), so
    that the outlet and language facets and filters count events from one narrow index instead
    of joining every passage to its article.
    """

    __tablename__ = "event_source_facets"
    __table_args__ = (_timeline_index("ix_event_source_facets_timeline", "facet", "value"),)

    event_id: int = Field(foreign_key="events.id", primary_key=True, ondelete="CASCADE")
    facet: str = Field(primary_key=True)  # outlet | language
    value: str = Field(primary_key=True)


class EventMonthCount(SQLModel, table=True):
    """Events per type, year, month and date precision (0, 0 and '' for undated events).

    Kept by triggers on ``events`` in the same transaction as every change (revision 0005), so it
    is always the grouped count of the table: the axis, the total and the year and type facets read
    it when no filter but years and types is chosen, instead of grouping 100,000 events.
    """

    __tablename__ = "event_month_counts"

    type: str = Field(primary_key=True)
    year: int = Field(primary_key=True)
    month: int = Field(primary_key=True)
    date_precision: str = Field(primary_key=True)
    n: int = 0


class FacetValueCount(SQLModel, table=True):
    """Events per facet value, year and type: topics, actors and outlets, languages (from their link
    tables), places (from the events). Kept by triggers like ``EventMonthCount`` (revision 0005);
    the facets read it when no filter but years and types is chosen."""

    __tablename__ = "facet_value_counts"

    facet: str = Field(primary_key=True)  # topic | actor | place | outlet | language
    value: str = Field(primary_key=True)  # the topic's, actor's or place's id; the outlet; the language
    year: int = Field(primary_key=True)  # 0: undated
    type: str = Field(primary_key=True)
    n: int = 0


class EventSearch(SQLModel, table=True):
    """The text full-text search sees for each event: the words as written (title, names, place,
    passages) and their stems with what the event is called in both languages (app/search/index.py)."""

    __tablename__ = "event_search"

    event_id: int = Field(foreign_key="events.id", primary_key=True, ondelete="CASCADE")
    body: str = Field(sa_column=Column(Text, nullable=False))
    stems: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))


# --- accounts and corrections (revision 0006) ------------------------------------------------


class User(SQLModel, table=True):
    __tablename__ = "users"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    role: str = "editor"  # reader | editor | admin
    password_hash: str
    disabled: bool = False
    created_at: dt.datetime = Field(default_factory=lambda: dt.datetime.now(dt.UTC))


class ApiToken(SQLModel, table=True):
    """A user's token for scripts (``Authorization: Bearer``); only its SHA-256 is stored."""

    __tablename__ = "api_tokens"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", index=True, ondelete="CASCADE")
    token_hash: str = Field(unique=True)
    label: str = ""
    created_at: dt.datetime = Field(default_factory=lambda: dt.datetime.now(dt.UTC))


class SignInAttempt(SQLModel, table=True):
    """Failed sign-ins, counted per account and per address for rate limiting (across workers)."""

    __tablename__ = "sign_in_attempts"
    __table_args__ = (Index("ix_sign_in_attempts_name", "username", "at"),
                      Index("ix_sign_in_attempts_address", "address", "at"))

    id: int | None = Field(default=None, primary_key=True)
    username: str
    address: str
    at: dt.datetime


class InstanceSecret(SQLModel, table=True):
    """Secrets generated on first use and shared by every worker (the session signing key)."""

    __tablename__ = "instance_secrets"

    name: str = Field(primary_key=True)
    value: str


class DataVersion(SQLModel, table=True):
    """One row: raised in the same transaction as every write (an article stored, a correction)."""

    __tablename__ = "data_version"

    id: int = Field(default=1, primary_key=True)
    version: int = 0


class Correction(SQLModel, table=True):
    """One editor's change, replayed after every ingest (app/curation/replay.py).

    Keyed to what ingest does not move: ``anchors`` holds passages as (article content hash, file,
    start, end, text), by role (``target``: the event's passages when it was changed; ``other``: the
    event merged into it; ``moved``: passages split off; ``added``/``removed``: evidence changes;
    ``passage``: a new event's passage). ``before``/``after`` are the values shown in the history.
    """

    __tablename__ = "corrections"

    id: int | None = Field(default=None, primary_key=True)
    kind: str  # review | edit | passages | merge | split | add | revert
    anchors: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    before: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    after: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    note: str | None = None
    user_id: int | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    created_at: dt.datetime = Field(default_factory=lambda: dt.datetime.now(dt.UTC))
    reverts_id: int | None = Field(default=None, foreign_key="corrections.id")
    reverted_by: int | None = Field(default=None, foreign_key="corrections.id")
    applies: bool = True  # false: it no longer applies (the article changed or was removed)
    stale_reason: str | None = None
    event_id: int | None = Field(default=None, index=True)  # the event it applied to last
    other_event_id: int | None = Field(default=None, index=True)  # a split's source, a merge's absorbed event


class CorrectionArticle(SQLModel, table=True):
    """The articles a correction's passages come from: which corrections an ingest must replay."""

    __tablename__ = "correction_articles"
    __table_args__ = (Index("ix_correction_articles_hash", "content_hash"),
                      Index("ix_correction_articles_file", "file_name"))

    correction_id: int = Field(foreign_key="corrections.id", primary_key=True, ondelete="CASCADE")
    content_hash: str = Field(primary_key=True)
    file_name: str = ""


# --- public shapes ----------------------------------------------------------------------------


class ArticleRef(SQLModel):
    id: int
    file: str
    title: str | None
    outlet: str | None
    published: str | None


class SourceOut(SQLModel):
    article: ArticleRef
    start: int
    end: int
    text: str
    kind: str = "statement"


class ParticipantOut(SQLModel):
    name: str
    country: str
    role: str | None = None
    side: str = "participant"


class PlaceOut(SQLModel):
    name: str
    country: str


class EventOut(SQLModel):
    id: int
    type: str
    subtype: str
    title: str
    date_start: str | None
    date_end: str | None
    date_precision: str | None
    date_phrase: str | None = None
    planned: bool = False  # announced before it happened, not reported as done
    status: str = "unreviewed"  # unreviewed | verified | rejected (by an editor)
    reviewed_at: str | None = None  # when an editor last reviewed it (ISO 8601, UTC)
    confidence: float
    participants: list[ParticipantOut]
    place: PlaceOut | None
    topics: list[str]
    sources: list[SourceOut]
    trip_id: int | None = None


class EventList(SQLModel):
    events: list[EventOut]
    total: int  # exact, unless total_exact is false: then at least this many
    page: int
    page_size: int
    next_page: int | None = None
    total_exact: bool = True  # false for search words matching more than 1,000 events (counted to 1,001)
    did_you_mean: str | None = None  # when the search words find nothing: the nearest that find events


class ArticleOut(SQLModel):
    id: int
    file: str
    title: str | None
    outlet: str | None
    published: str | None
    published_precision: str | None
    language: str
    text: str
    boilerplate: list[list[int]]
    captions: list[list[int]]
    event_ids: list[int]


class FacetValue(SQLModel):
    value: str
    label: str
    count: int


class Facets(SQLModel):
    total: int
    year: list[FacetValue]
    type: list[FacetValue]
    topic: list[FacetValue]
    actor: list[FacetValue]
    place: list[FacetValue]
    outlet: list[FacetValue]
    language: list[FacetValue]
    status: list[FacetValue] = []  # review status: verified and unreviewed (rejected for editors)
