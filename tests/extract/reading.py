"""Invented texts read pass by pass, for the tests of one pass alone (see app/extract/pipeline.py)."""

from __future__ import annotations

from app.extract.dating import date_frames, event_day
from app.extract.document import Document, read_document
from app.extract.frames import Frame, read_frames
from app.extract.people import Context, SentencePeople
from app.extract.places import place_for_label
from app.extract.references import read_references
from app.extract.types import ParsedArticle, PartialDate

PUBLISHED = PartialDate(2023, 10, 20)  # a Friday


def document(text: str, language: str = "en", published: PartialDate | None = PUBLISHED) -> Document:
    return read_document(ParsedArticle(text=text, title=None, outlet=None, published=published, language=language))


def context(doc: Document) -> Context:
    """A fresh context, as ``analyse`` starts one."""
    dateline = place_for_label(doc.dateline) if doc.dateline else None
    return Context(day=event_day(None, doc.article.reference_date), dateline=dateline)


def people_of(text: str, language: str = "en", sentence: int = 0) -> tuple[Document, SentencePeople]:
    """The people of one sentence, the sentences before it read into the context."""
    doc = document(text, language)
    ctx = context(doc)
    for earlier in doc.sentences[:sentence]:
        ctx.remember(read_references(doc, earlier, ctx))
    return doc, read_references(doc, doc.sentences[sentence], ctx)


def frames_of(text: str, language: str = "en", published: PartialDate | None = PUBLISHED) -> list[Frame]:
    """The frames of a text, undated."""
    doc = document(text, language, published)
    return read_frames(doc, context(doc))


def dated_frames(text: str, language: str = "en", published: PartialDate | None = PUBLISHED) -> list[Frame]:
    """The frames of a text with their dates (before judging)."""
    doc = document(text, language, published)
    ctx = context(doc)
    frames = read_frames(doc, ctx)
    date_frames(doc, frames, ctx.sentence_people)
    return frames
