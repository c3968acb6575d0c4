"""Reading a scraped article: header date, title, outlet, language, dateline, boilerplate, captions.

The text is read line by line on its normalised form (``normalize``); every span in the result
points into the original text. What counts as boilerplate, a caption, a date-line prefix or an
outlet comes from ``lexicons/boilerplate.yaml``, ``outlets.yaml`` and ``languages.yaml``; dates are
read by ``dates.find_dates``.

Layout assumed (and only assumed — every part is optional): a header block (date line, title,
bylines, menus, captions) followed by the body, whose first paragraph may open with a dateline
("NUR SULTAN, KOMPAS.TV - ...", "BEIJING, Sept. 14 (Xinhua) -- ..."), and a foot of credits and
related-article lists. The header ends at the first body line: a dateline, a sentence-like line
(ending in . ! or ?, possibly inside closing quotes, at least ``BODY_MIN_WORDS`` words) or any line of
``BODY_LONG_WORDS`` words or more.

The publication date is a header line that is a date and little else; failing that, a header row
with a full date (day, month and year as written, in any form the date resolver reads) that a time,
a byline or a field separator marks as a row of metadata ("Dewi, Reporter · Senin 4 Maret 2019
08:40 WIB"); failing that, a labelled date anywhere ("Published: ...", "Diterbitkan ..."). The title
skips menu rows ("China | World | Business"), two-field section labels and the site's masthead.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

import yaml

from app.extract.dates import find_dates, month_abbreviations, timezone_names, weekday_names
from app.extract.lexicon import LexiconError, lexicon_path, load_lexicon, register_schema, validate
from app.extract.normalize import NormalizedText, normalize
from app.extract.types import ParsedArticle, PartialDate, Span

register_schema("boilerplate", "kind", "value")
register_schema("outlets", "name", "country", "aliases")
register_schema("languages", "lang", "stopwords")

TITLE_MAX = 120
TITLE_MIN_WORDS = 3
"""A header line needs this many words to be the headline; shorter ones are labels or bylines."""
BODY_MIN_WORDS = 8
BODY_LONG_WORDS = 40
DATE_LINE_MAX_CHARS = 90
DATE_LINE_MAX_LEFTOVER_WORDS = 2
STATE_SITE_MAX_WORDS = 16
"""Words a header line naming a state body may have (an embassy's full name and seat)."""
"""Words a date line may carry besides the date, times, prefixes and outlet names."""
LOOSE_DATE_LINE_LEFTOVER_WORDS = 6
"""Words a header line with a full date may carry when a time, a byline or a field separator marks it
as a date line ("Dewi Lestari, Reporter · Senin 4 Maret 2019 08:40 WIB")."""
FIELD_SEPARATORS = "|·•—"
"""Characters that separate the fields of a header row (date, byline, section) or the items of a menu."""
SITE_NAME_MAX_WORDS = 4
"""A header line this short that names an outlet (or is the page's first line) is the site's name."""
DATELINE_SEARCH_LINES = 4
"""How many content lines from the start of the body may carry the dateline."""
DATELINE_MAX_CHARS = 160
LANGUAGE_SAMPLE_CHARS = 2500
SHORT_LINE_CHARS = 200
"""Menus, button rows and fixed labels are short; longer lines are only checked for prefixes."""
ROW_MAX_WORDS = 30
MENU_ITEM_MAX_WORDS = 5
LABEL_ITEM_MAX_WORDS = 3
"""Two fields this short around a separator are a section label or a credit, not a headline."""
CAPTION_TAIL_CHARS = 120
HEADLINE_REPEAT_LINES = 2
"""Lines after a headline within which the same headline printed again marks both as header."""
FLAT_HEADER_CHARS = 260
"""How far into a one-line page a flattened header ("Headline (BYLINE) 6/4/2003 CITY: ...") may reach."""
BYLINE_LOOKAHEAD = 4
"""Lines after the body start in which a byline ("By Jane Doe") may still be followed by the date line."""


# --------------------------------------------------------------------------- lexicons


@dataclass(frozen=True)
class _Outlet:
    name: str
    country: str
    agency: bool
    numeric_order: str | None = None  # "dmy" | "mdy": how the outlet writes 6/4/2003


@dataclass(frozen=True)
class _Layout:
    line_start: re.Pattern[str]
    line_exact: frozenset[str]
    tail_markers: frozenset[str]
    line_pattern: re.Pattern[str]
    floating_pattern: re.Pattern[str]
    share_words: re.Pattern[str]
    menu_words: re.Pattern[str]
    caption: re.Pattern[str]
    date_prefix: re.Pattern[str]
    date_noise: re.Pattern[str]
    banner: re.Pattern[str]
    byline: re.Pattern[str]
    byline_tail: re.Pattern[str]
    state_body: re.Pattern[str]
    state_names: dict[str, re.Pattern[str]]
    iso_date_prefix: re.Pattern[str]
    source_prefix: re.Pattern[str]
    copyright: re.Pattern[str]
    copyright_anywhere: re.Pattern[str]
    outlet_of: dict[str, _Outlet]
    outlet_alias: re.Pattern[str]
    agency_credit: re.Pattern[str]
    header_credit: re.Pattern[str]
    dateline: re.Pattern[str]
    outlet_dash: re.Pattern[str]
    timezone_prefix: re.Pattern[str]
    time: re.Pattern[str]
    stopwords: dict[str, frozenset[str]]
    numeric_order: dict[str, str]
    cities: frozenset[str]
    place_names: re.Pattern[str]


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


def _key(text: str) -> str:
    return " ".join(text.lower().rstrip(":").split())


@cache
def _layout() -> _Layout:
    """Compile the layout lexicons (once per process)."""
    values: dict[str, list[str]] = {}
    for entry in load_lexicon("boilerplate"):
        values.setdefault(entry["kind"], []).append(str(entry["value"]))

    outlet_of: dict[str, _Outlet] = {}
    for entry in load_lexicon("outlets"):
        outlet = _Outlet(entry["name"], entry["country"], bool(entry.get("agency")), entry.get("numeric_order"))
        for alias in entry["aliases"]:
            outlet_of[str(alias)] = outlet
            outlet_of.setdefault(str(alias).upper(), outlet)
    aliases = _alternation(list(outlet_of))
    agencies = _alternation([a for a, o in outlet_of.items() if o.agency])

    domain = r"[A-Za-z][\w-]*\.(?:[A-Za-z]{2,4}\.)?[A-Za-z]{2,4}"
    outlet_token = rf"(?:{aliases}|{domain})"
    place_word = r"[A-Z][\w'-]*"
    place = rf"{place_word}(?:[ -]{place_word}){{0,3}}"
    caps_place = r"[A-Z][A-Z'-]+(?:[ -][A-Z][A-Z'-]+){0,3}"
    dash = r"(?:--|[-–—])"
    dateline = (
        # BEIJING, Sept. 14 (Xinhua) -- / Nur-Sultan (ANTARA) - / NUR SULTAN, KOMPAS.TV - /
        # Xi'an, China (Reuters) – / BRUSSELS, November 23, 2018 – / NUR-SULTAN – / ASTANA: /
        # BEIJING. KAZINFORM – / Bisnis.com, JAKARTA - / Suara.com -
        rf"^(?:(?P<lead_outlet>{outlet_token})(?:,\s*(?P<place_b>{caps_place}|{place}))?\s*{dash}\s"
        rf"|(?P<place>{place})(?:,\s*(?P<place2>{place}))??"
        rf"(?:,\s*(?P<date>[A-Z][a-z]{{2,9}}\.?\s+\d{{1,2}}(?:,\s*\d{{4}})?|\d{{1,2}}\s+[A-Z][a-z]{{2,9}}\.?(?:\s+\d{{4}})?))?"
        rf"(?:\s*\((?P<paren>[^()\n]{{2,40}})\)|,\s*(?P<outlet>{outlet_token})|\.\s+(?P<dot_outlet>{aliases}|[A-Z]{{3,}})\b)?"
        rf"\s*(?P<sep>{dash}|:)?\s)"
    )
    timezones = _alternation(timezone_names())
    return _Layout(
        line_start=re.compile(rf"^(?:{_alternation(values.get('line_start', []))})", re.I),
        line_exact=frozenset(_key(v) for v in values.get("line_exact", [])),
        tail_markers=frozenset(_key(v) for v in values.get("tail_marker", [])),
        line_pattern=re.compile("|".join(f"(?:{p})" for p in values.get("line_pattern", [])
                                         if p.startswith("^")), re.I),
        floating_pattern=re.compile("|".join(f"(?:{p})" for p in values.get("line_pattern", [])
                                             if not p.startswith("^")) or "(?!)"),
        share_words=re.compile(rf"(?:{_alternation(values.get('share_word', []))})(?!\w)"),
        menu_words=re.compile(rf"(?:{_alternation(values.get('menu_word', []))})(?!\w)"),
        caption=re.compile("|".join(f"(?:{p})" for p in values.get("caption_pattern", []))),
        date_prefix=re.compile(rf"(?<!\w)(?:{_alternation(values.get('date_prefix', []))})(?!\w)", re.I),
        date_noise=re.compile("|".join(f"(?:{p})" for p in values.get("date_noise", [])) or "(?!)"),
        banner=re.compile("|".join(f"(?:{p})" for p in values.get("banner_pattern", [])) or "(?!)"),
        byline=re.compile(rf"^(?i:{_alternation(values.get('byline_prefix', []))})\s+[A-Z]"),
        byline_tail=re.compile(rf"(?<!\w)(?i:{_alternation(values.get('byline_prefix', []))})\s+"
                               r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|and|dan|&)){0,5}\s*$"),
        state_body=re.compile(rf"^\s*(?:the\s+)?(?:{_alternation(values.get('state_body', []))})(?!\w)", re.I),
        state_names={entry["name"]: re.compile(rf"(?<!\w)(?:{_alternation(entry.get('names') or [])})(?!\w)", re.I)
                     for entry in load_lexicon("countries") if entry["name"] in ("China", "Kazakhstan")},
        iso_date_prefix=re.compile(
            rf"^\s*(?:{_alternation(values.get('date_prefix', []))})\s+(?P<y>\d{{4}})(?:-(?P<m>\d{{1,2}}))?"
            rf"(?:-(?P<d>\d{{1,2}}))?(?![\d-])", re.I),
        source_prefix=re.compile(rf"^(?:{_alternation(values.get('source_prefix', []))})", re.I),
        copyright=re.compile(rf"^(?:{_alternation(values.get('copyright', []))})", re.I),
        copyright_anywhere=re.compile(rf"(?<!\w)(?:{_alternation(values.get('copyright', []))})", re.I),
        outlet_of=outlet_of,
        outlet_alias=re.compile(rf"(?<![\w.])(?:{aliases})(?![\w])"),
        agency_credit=re.compile(rf"\((?:{agencies})\)\s*\.?\s*$"),
        header_credit=re.compile(rf"(?:^|\()\s*(?P<alias>{aliases})\s*\)"),
        dateline=re.compile(dateline),
        outlet_dash=re.compile(rf"(?P<place>[A-Z][A-Z'. -]{{2,30}}?),\s*(?P<outlet>{aliases})\s*{dash}\s"),
        timezone_prefix=re.compile(rf"(?:{timezones})(?=[A-Z]{{3}})"),
        time=re.compile(r"\b\d{1,2}[:.]\d{1,2}(?:[:.]\d{1,2})?\s*(?:AM|PM|am|pm)?(?:\s*(?:" + timezones + r"))?"
                        r"(?![\w])|(?<!\w)(?:" + timezones + r")(?!\w)"),
        stopwords={entry["lang"]: frozenset(str(w).lower() for w in entry["stopwords"])
                   for entry in load_lexicon("languages")},
        numeric_order={entry["lang"]: entry.get("numeric_order", "dmy") for entry in load_lexicon("languages")},
        cities=_city_names(),
        place_names=re.compile(rf"(?<!\w)(?:the\s+)?(?:{_alternation(sorted(_place_names()))})(?!\w)", re.I),
    )


def _place_names() -> frozenset[str]:
    """Every alias of the gazetteer: a date line may name where it was filed ("3 April 2019, The
    Kremlin, Moscow") without ceasing to be a date line."""
    return frozenset(str(alias) for entry in _gazetteer_entries() for alias in entry.get("aliases") or [])


def _gazetteer_entries() -> list[dict]:
    """The gazetteer's entries, read directly rather than through the cached loader, so that the
    gazetteer's own module still validates the file against its schema when it loads it."""
    path = lexicon_path("places")
    if not path.is_file():
        return []
    try:
        return validate("places", yaml.safe_load(path.read_text(encoding="utf-8")))
    except (LexiconError, yaml.YAMLError):
        return []


def _city_names() -> frozenset[str]:
    """City names of the gazetteer (places.yaml, kept by the place resolver): a known city alone
    before a dash ("Jakarta - ...") is a dateline even without an outlet."""
    return frozenset(str(alias) for entry in _gazetteer_entries() if entry.get("kind") in ("city", "capital")
                     for alias in entry.get("aliases") or [])


# --------------------------------------------------------------------------- lines


@dataclass
class _Line:
    start: int  # normalised offsets of the stripped line
    end: int
    text: str
    kind: str = "content"  # content | boilerplate | tail (foot after a tail marker) | caption | date
    words: int = 0


_NOT_CONTENT = ("boilerplate", "tail")


def _lines(text: str) -> list[_Line]:
    out = []
    for match in re.finditer(r"[^\n]+", text):
        raw = match.group()
        stripped = raw.strip()
        if not stripped:
            continue
        start = match.start() + (len(raw) - len(raw.lstrip()))
        out.append(_Line(start, start + len(stripped), stripped, words=len(stripped.split())))
    return out


def _is_boilerplate(line: _Line, original: Callable[[], str], layout: _Layout) -> bool:
    text = line.text
    if layout.line_start.match(text) or layout.line_pattern.match(text) or layout.floating_pattern.search(text):
        return True
    if layout.copyright.match(text) or layout.source_prefix.match(text):
        return True
    if len(text) > SHORT_LINE_CHARS:
        return False
    if _key(text) in layout.line_exact:
        return True
    if line.words > ROW_MAX_WORDS:
        return False
    return _is_button_row(text, layout.share_words) or _is_menu(text, original, layout)


def _covered(text: str, pattern: re.Pattern[str]) -> tuple[int, int]:
    """(number of whole-word matches, characters covered) of ``pattern`` in ``text``."""
    count = chars = 0
    for match in pattern.finditer(text):
        start = match.start()
        if start == 0 or not text[start - 1].isalnum():
            count += 1
            chars += match.end() - start
    return count, chars


def _is_button_row(text: str, words: re.Pattern[str]) -> bool:
    count, chars = _covered(text, words)
    return count >= 3 and chars >= 0.5 * len(text.replace(" ", ""))


def _is_menu(text: str, original: Callable[[], str], layout: _Layout) -> bool:
    """A language switcher / menu: menu words, short items between field separators ("China | World |
    Business"), or short items spaced wide apart in the original."""
    count, chars = _covered(text, layout.menu_words)
    if count >= 2 and chars >= 0.5 * len(text.replace(" ", "")):
        return True
    fields = [len(item.split()) for item in re.split(rf"[{FIELD_SEPARATORS}]", text)] \
        if any(ch in text for ch in FIELD_SEPARATORS) else [len(text.split())]
    if len(fields) >= 3 and max(fields) <= MENU_ITEM_MAX_WORDS and sum(1 for n in fields if n) >= 3:
        return True
    if len(fields) == 2 and min(fields) >= 1 and max(fields) <= LABEL_ITEM_MAX_WORDS:
        return True  # "Politics | International relations", "REUTERS | XINHUA"
    original_line = original()
    if "  " not in original_line and "\t" not in original_line:
        return False
    items = [len(item.split()) for item in re.split(r" {2,}|\t+", original_line.strip()) if item]
    return len(items) >= 3 and max(items) <= MENU_ITEM_MAX_WORDS and sum(items) <= 3 * len(items)


def _is_caption(line: _Line, is_last_content: bool, layout: _Layout) -> bool:
    tail = line.text[-CAPTION_TAIL_CHARS:]
    if layout.caption.search(tail):
        return True
    # "(Xinhua)" closing a line is a photo credit, except at the end of the article, where a
    # wire's name in brackets attributes the whole text.
    return not is_last_content and layout.agency_credit.search(tail) is not None


_SENTENCE_CLOSE = re.compile(r"[.!?][\"'\u201d\u2019)\]]*$")
"""A line ending a sentence: a full stop, question or exclamation mark, possibly inside closing quotes
("... kata dia."" ends a sentence; a headline ending in a quoted word "... 'Sovereignty'" does not)."""


def _is_body(line: _Line, layout: _Layout) -> bool:
    if line.words >= BODY_LONG_WORDS:
        return True
    sentence_end = _SENTENCE_CLOSE.search(line.text) is not None
    if sentence_end and line.words >= BODY_MIN_WORDS:
        return True
    dateline = _dateline(line.text, layout)
    # "People's Daily Online -- English", "NEWS - Tim Redaksi, CNBC Indonesia": a header label shaped
    # like a dateline opens no body
    if dateline is None:
        return False
    rest = line.text[dateline.body_from:].split()
    return len(rest) >= BODY_MIN_WORDS or len(rest) >= TITLE_MIN_WORDS and sentence_end


# --------------------------------------------------------------------------- dateline


@dataclass(frozen=True)
class _Dateline:
    place: tuple[int, int] | None  # offsets within the line
    outlet: str | None
    date: tuple[int, int] | None  # offsets within the line of "Sept. 14" / "November 23, 2018"
    body_from: int  # offset within the line where the body text starts


def _dateline(text: str, layout: _Layout) -> _Dateline | None:
    match = layout.dateline.match(text)
    if match is not None:
        found = _dateline_from_match(match, layout)
        if found is not None:
            return found
    glued = layout.outlet_dash.search(text, 0, DATELINE_MAX_CHARS)
    if glued is not None:
        start, end = glued.span("place")
        zone = layout.timezone_prefix.match(text, start)
        return _Dateline((zone.end() if zone else start, end), glued.group("outlet"), None, glued.end())
    return None


def _dateline_from_match(match: re.Match[str], layout: _Layout) -> _Dateline | None:
    groups = match.groupdict()
    if groups["lead_outlet"]:
        place = match.span("place_b") if groups["place_b"] else None
        return _Dateline(place, groups["lead_outlet"], None, match.end())
    glued = _glued_prefix(groups["place"])
    place_text = groups["place"][glued:]
    outlet = groups["outlet"] or groups["dot_outlet"]
    paren = groups["paren"]
    if paren is not None and not (_is_outlet_name(paren, layout) or _is_caps(paren)):
        return None
    if paren is not None:
        outlet = paren
    sep = groups["sep"]
    caps = _is_caps(place_text)
    dated = groups["date"] is not None and re.search(r"\d{4}$", groups["date"]) is not None
    if sep is None and not (groups["dot_outlet"] and caps) and not (caps and dated):
        return None  # "BEIJING, June 16, 2025 Chinese President ..." opens a body without a dash
    if sep == ":" and not caps:
        return None
    if not caps and outlet is None and groups["date"] is None and not (
            sep not in (None, ":") and groups["place2"] is None and place_text in layout.cities):
        return None
    if outlet is not None and outlet not in layout.outlet_of and not caps and paren is None:
        return None
    start, end = match.span("place")
    date = match.span("date") if groups["date"] else None
    return _Dateline((start + glued, end), outlet, date, match.end())


def _is_caps(text: str) -> bool:
    return text.upper() == text and sum(ch.isalpha() for ch in text) >= 3


def _is_outlet_name(text: str, layout: _Layout) -> bool:
    return text in layout.outlet_of or text.upper() in layout.outlet_of


def _glued_prefix(place: str) -> int:
    """ "ChinaSHANGHAI" (a section label glued to the dateline): skip the label."""
    glued = re.match(r"[A-Z][a-z]+(?=[A-Z]{3,}$)", place)
    return glued.end() if glued else 0


# --------------------------------------------------------------------------- header date


def _iso_prefixed_date(text: str, layout: _Layout) -> tuple[PartialDate, int] | None:
    """ "date 2022-09" / " date 2021-07-16 ..." at the start: the date and where it ends."""
    match = layout.iso_date_prefix.match(text)
    if match is None:
        return None
    try:
        date = PartialDate(int(match["y"]), _opt(match["m"]), _opt(match["d"]))
    except ValueError:
        return None
    return date, match.end()


def _opt(value: str | None) -> int | None:
    return int(value) if value else None


def _date_line(line: _Line, layout: _Layout, *, loose: bool = False,
               marked: bool = False) -> tuple[PartialDate, Span] | None:
    """A header line that is a date and little else ("Senin, 4 Maret 2019 08:40:12 WIB",
    "(Xinhua) 09:15, September 26, 2019", "Updated: Feb 2,2015 09:20 AM example.cn").

    ``loose``: a line with a full date (day, month and year as written) that a time, a byline or a
    field separator marks as a header row may carry a few more words (a reporter's name, a section:
    "Dewi Lestari, Reporter · Senin 4 Maret 2019 08:40 WIB", "BY STAFF in NATION on 16 DECEMBER
    2020"); a headline that merely names a date has none of these marks."""
    if len(line.text) > DATE_LINE_MAX_CHARS or layout.banner.search(line.text):
        return None
    dates = [d for d in find_dates(line.text) if d.span is not None and d.start.month is not None
             and "year_from_context" not in d.rule]
    if loose:
        dates = [d for d in dates if d.start.precision == "day" and d.end is None]
    if not dates:
        return None
    if layout.byline.match(line.text):  # "By Jane Doe in Culture on 15 October 2021"
        return dates[0].start, Span(line.start, line.end)
    rest = line.text
    for date in sorted(dates, key=lambda d: d.span.start, reverse=True):
        rest = rest[:date.span.start] + " " + rest[date.span.end:]
    marked = marked or layout.time.search(rest) is not None or any(ch in rest for ch in FIELD_SEPARATORS)
    for pattern in (layout.byline_tail, layout.time, layout.date_prefix, layout.outlet_alias, layout.date_noise,
                    layout.place_names):
        rest = pattern.sub(" ", rest)
    rest = layout.source_prefix.sub(" ", rest.strip())
    leftover = len(re.findall(r"\w+", rest))
    if leftover > DATE_LINE_MAX_LEFTOVER_WORDS and not (
            loose and marked and leftover <= LOOSE_DATE_LINE_LEFTOVER_WORDS):
        return None
    return dates[0].start, Span(line.start, line.end)


def _outlet_in(text: str, layout: _Layout) -> str | None:
    match = layout.outlet_alias.search(text)
    return match.group() if match else None


# --------------------------------------------------------------------------- title


_SENTENCE_END = re.compile(r"[.!?][\"')\]]*(?=\s+[\"'(\[]?[A-Z0-9])")


def _first_sentence(text: str) -> str:
    """The first sentence; a period after a month abbreviation, an initial or a short
    capitalised abbreviation ("Sept.", "M.", "Dr.") does not end it."""
    abbreviations = month_abbreviations()
    for match in _SENTENCE_END.finditer(text):
        word = re.search(r"(\w+)\W*$", text[:match.start() + 1])
        token = word.group(1) if word else ""
        if token.lower() in abbreviations or (token[:1].isupper() and len(token) <= 2):
            continue
        return text[:match.end()]
    return text


def _shorten(text: str, limit: int = TITLE_MAX) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit + 1].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:-–—")


# --------------------------------------------------------------------------- language


def detect_language(text: str) -> str:
    """'id' or 'en': the language whose stopwords are more frequent ('id' on a tie)."""
    words = Counter(re.findall(r"[a-z]+", text[:LANGUAGE_SAMPLE_CHARS].lower()))
    counts = {lang: sum(words[w] for w in stopwords) for lang, stopwords in _layout().stopwords.items()}
    return "en" if counts.get("en", 0) > counts.get("id", 0) else "id"


# --------------------------------------------------------------------------- parse


@dataclass
class _State:
    norm: NormalizedText
    lines: list[_Line]
    boilerplate: list[tuple[int, int]] = field(default_factory=list)
    published: PartialDate | None = None
    published_span: tuple[int, int] | None = None
    outlet_mentions: dict[str, str] = field(default_factory=dict)  # source -> alias text
    header_title: tuple[str, tuple[int, int]] | None = None  # a headline read off a flattened header


def parse_article(text: str, file_name: str | None = None) -> ParsedArticle:
    """Header date, title, outlet, language, dateline, boilerplate and captions of one article.

    ``boilerplate`` also covers the header date line (or "date ..." prefix) and the foot opened by
    a tail marker, so that their dates never reach extraction. ``extra`` may carry:
    ``year_hint`` (year of a copyright notice — a weak hint, never the publication date),
    ``published_span`` / ``title_span`` (original offsets as ``(start, end)``), ``body_start``
    (original offset of the first body line), ``outlet_source`` (``dateline`` | ``copyright`` |
    ``date_line`` | ``header`` | ``source`` | ``caption``), ``outlet_country`` and ``file_name``
    (recorded only: nothing is inferred from it).
    """
    layout = _layout()
    norm = normalize(text)
    state = _State(norm, _lines(norm.text))
    _classify(state, layout)
    body_index = _body_start(state.lines, layout)
    _header_date(state, body_index, layout)
    _mark_header_labels(state, body_index)
    _mark_repeats(state)
    dateline_line, dateline = _find_dateline(state.lines, body_index, layout)
    if state.published is None and dateline is not None and dateline_line is not None:
        _dateline_date(state, dateline_line, dateline)
    title, title_span = state.header_title or _title(state.lines, body_index, dateline_line, dateline, layout)
    extra: dict = {"file_name": file_name} if file_name else {}
    year_hint = _copyright_year(state.lines, layout)
    if year_hint is not None:
        extra["year_hint"] = year_hint
    outlet = _outlet(state, body_index, dateline, layout, extra)
    if "outlet_country" not in extra and (site := _state_site(state.lines[:body_index], layout)):
        extra["outlet_country"] = site
    content = "\n".join(line.text for line in state.lines if line.kind == "content")
    language = detect_language(content or norm.text)
    order = _numeric_order(state, outlet, language, layout)
    if order != "dmy":
        extra["numeric_order"] = order
    if title_span is not None:
        extra["title_span"] = tuple(norm.span_to_original(*title_span))
    if body_index < len(state.lines):
        extra["body_start"] = norm.to_original(state.lines[body_index].start)
    if state.published_span is not None:
        extra["published_span"] = tuple(norm.span_to_original(*state.published_span))
    place = None
    if dateline is not None and dateline.place is not None and dateline_line is not None:
        place = _span(norm, dateline_line.start + dateline.place[0], dateline_line.start + dateline.place[1])
    published_phrase = None
    if state.published_span is not None:
        span = _span(norm, *state.published_span)
        published_phrase = text[span.start:span.end]
    return ParsedArticle(
        text=text,
        title=title,
        outlet=outlet,
        published=state.published,
        language=language,  # type: ignore[arg-type]
        boilerplate=tuple(_span(norm, s, e) for s, e in _merge(state.boilerplate, norm.text)),
        captions=tuple(_span(norm, line.start, line.end) for line in state.lines if line.kind == "caption"),
        dateline=place,
        published_phrase=published_phrase,
        extra=extra,
    )


def _span(norm: NormalizedText, start: int, end: int) -> Span:
    return Span(*norm.span_to_original(start, end))


def _merge(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Sorted spans with those separated only by blanks merged into one."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and (start <= out[-1][1] or not text[out[-1][1]:start].strip()):
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out


def _classify(state: _State, layout: _Layout) -> None:
    """Mark boilerplate lines (incl. the foot after a tail marker) and photo captions."""
    lines, norm = state.lines, state.norm
    tail_from = _tail_start(lines, len(norm.text) // 2, layout)
    if tail_from is not None:
        state.boilerplate.append((lines[tail_from].start, len(norm.text.rstrip())))
        for line in lines[tail_from:]:
            line.kind = "tail"
    for line in lines[:tail_from]:
        def original(line: _Line = line) -> str:
            return norm.original[slice(*norm.span_to_original(line.start, line.end))]

        if _is_boilerplate(line, original, layout) or _key(line.text) in layout.tail_markers:
            line.kind = "boilerplate"
            state.boilerplate.append((line.start, line.end))
    _mark_link_lists(state, layout)
    content = [line for line in lines if line.kind == "content"]
    for line in content:
        if _is_caption(line, line is content[-1], layout):
            line.kind = "caption"


def _tail_start(lines: list[_Line], half: int, layout: _Layout) -> int | None:
    """The first tail marker in the second half of the text that no article paragraph follows. A
    marker with body paragraphs after it ("Related" or "Baca Juga" boxes between paragraphs) only
    heads its own list of links."""
    markers = [i for i, line in enumerate(lines) if line.start >= half and _key(line.text) in layout.tail_markers]
    return next((i for i in markers if not any(_reads_as_body(line) for line in lines[i + 1:])), None)


def _reads_as_body(line: _Line) -> bool:
    return line.words >= BODY_LONG_WORDS and _SENTENCE_CLOSE.search(line.text) is not None


def _opens_link_list(line: _Line, layout: _Layout) -> bool:
    """A boilerplate line that heads a list of links: a line-start label with nothing after it ("Baca
    juga:", "Also read"), or a row whose last words are a tail marker ("Print  Email  Related Stories")."""
    match = layout.line_start.match(line.text)
    if match is not None and not line.text[match.end():].strip(" :\u2013\u2014-"):
        return True
    key = _key(line.text)
    return any(key == marker or key.endswith(" " + marker) for marker in layout.tail_markers)


def _mark_link_lists(state: _State, layout: _Layout) -> None:
    """The headlines listed right under a link-list heading (the lines that follow it without a blank
    line and read as headlines, not sentences) are navigation, wherever in the body the list stands."""
    lines, text = state.lines, state.norm.text
    body_from = _body_start(lines, layout)
    for index, line in enumerate(lines):
        if index < body_from:
            continue  # above the body, a bare label ("Hamburger Menu") sits among the title and menus
        if line.kind != "boilerplate" or not _opens_link_list(line, layout):
            continue
        previous = line
        for item in lines[index + 1:]:
            if "\n\n" in text[previous.end:item.start].replace(" ", "").replace("\t", ""):
                break  # a blank line closes the list
            if item.kind != "content" or _SENTENCE_CLOSE.search(item.text) or item.words >= BODY_LONG_WORDS:
                break
            item.kind = "boilerplate"
            state.boilerplate.append((item.start, item.end))
            previous = item


def _body_start(lines: list[_Line], layout: _Layout) -> int:
    """The first body line; a headline printed twice (the page's title, then the article's) is header."""
    for index, line in enumerate(lines):
        if line.kind == "content" and _is_body(line, layout) and not _repeated_near(lines, index):
            return index
    return len(lines)


def _repeated_near(lines: list[_Line], index: int) -> bool:
    near = lines[max(0, index - HEADLINE_REPEAT_LINES):index] + lines[index + 1:index + 1 + HEADLINE_REPEAT_LINES]
    return any(line.text == lines[index].text for line in near)


def _take_date_line(state: _State, line: _Line, found) -> None:
    """The publication date is ``found`` on ``line``, which is set apart from the text."""
    state.published, span = found
    state.published_span = (span.start, span.end)
    if line.kind == "content":
        state.boilerplate.append((line.start, line.end))
    line.kind = "date"


def _header_date(state: _State, body_index: int, layout: _Layout) -> None:
    """Publication date from the header block: a "date YYYY-MM(-DD)" prefix or a date line; a
    date line right after a byline even when a standfirst already opened the body; else a footer
    line that labels its date ("Source: Agency Published: 2016/3/8 10:05:12").

    A prefix known only to the month gives way to a date line of the same month that names the day.
    """
    lines = state.lines
    scan = list(lines[:body_index + 1])
    for index in range(body_index, min(len(lines) - 1, body_index + BYLINE_LOOKAHEAD)):
        if layout.byline.match(lines[index].text) and lines[index + 1] not in scan:
            scan.append(lines[index + 1])
    banner = None
    for line in scan:
        prefixed = _iso_prefixed_date(line.text, layout)
        if prefixed is not None and state.published is None:
            date, length = prefixed
            state.published, state.published_span = date, (line.start, line.start + length)
            state.boilerplate.append(state.published_span)
            if length >= len(line.text.rstrip()):
                line.kind = "date"
            else:
                _trim_line(line, length)
            if date.precision == "day":
                return
            continue
        if line.kind not in ("content", "boilerplate"):
            continue
        found = _date_line(line, layout)
        if found is None:
            continue
        date, span = found
        if state.published is not None:  # a month-only prefix: a date line of that month refines it
            if (date.year, date.month) != (state.published.year, state.published.month) \
                    or date.precision != "day":
                continue
        elif line.kind == "boilerplate":  # a menu or widget row: the site's "today", unless nothing else
            banner = banner or (line, found)
            continue
        state.published = date
        state.published_span = (span.start, span.end)
        if line.kind == "content":
            state.boilerplate.append((line.start, line.end))
        line.kind = "date"
        alias = _outlet_in(line.text, layout)
        if alias:
            state.outlet_mentions.setdefault("date_line", alias)
        return
    if state.published is not None:
        return
    if banner is not None:
        _take_date_line(state, *banner)
        return
    for line in scan:  # a full date on a header row that also carries a byline or section
        if line is lines[min(body_index, len(lines) - 1)] or line.kind not in ("content", "boilerplate"):
            continue
        found = _date_line(line, layout, loose=True)
        if found is not None:
            _take_date_line(state, line, found)
            return
    if _flat_header(state, body_index, layout):
        return
    for line in lines:  # a labelled date anywhere ("Published: ...", "(Daily Post 3/14/2006 page 2)")
        if line.kind == "date" or len(line.text) > DATE_LINE_MAX_CHARS:
            continue
        note = _EDITION_NOTE.search(line.text)
        if note is not None and (note.group() == line.text or _ISSUE_OF.search(note.group())):
            # "(6/4/2003 issue of The Daily Post)", alone or at the end of a "Source:" line
            found = _date_line(_Line(line.start + note.start(), line.start + note.end(), note.group(),
                                     line.kind, len(note.group().split())), layout, loose=True, marked=True)
        elif _labelled(line.text, layout):
            found = _date_line(line, layout)
        else:
            continue
        if found is not None:
            _take_date_line(state, line, found)
            return


_FLAT_DATELINE = re.compile(r"\s*(?P<place>[A-Z][A-Z'.]+(?:[ -][A-Z][A-Z'.]+){0,3})\s*(?::|--|[-–—])\s")
_FLAT_BYLINE = re.compile(r"\s*\((?P<byline>[^()\n]{2,60})\)\s*$")


def _flat_header(state: _State, body_index: int, layout: _Layout) -> bool:
    """A page whose header was flattened into its first line: "Headline (BYLINE) 6/4/2003 CITY: body".

    A full date (day, month and year) within the first ``FLAT_HEADER_CHARS`` characters, right before
    a dateline in capitals, with a headline (and maybe a byline in brackets) before it: the date is the
    publication date, the words before it the headline, and the line is read from the dateline on.
    """
    line = state.lines[body_index] if body_index < len(state.lines) else None
    if line is None or line.kind != "content":
        return False
    head = line.text[:FLAT_HEADER_CHARS]
    for date in find_dates(head):
        if date.span is None or date.start.precision != "day" or "year_from_context" in date.rule \
                or not re.search(r"\b\d{4}\b", date.phrase):
            continue
        if _FLAT_DATELINE.match(head, date.span.end) is None:
            continue
        before = head[:date.span.start]
        byline = _FLAT_BYLINE.search(before)
        title = before[:byline.start()] if byline else before
        if len(title.split()) < TITLE_MIN_WORDS:
            continue
        state.published = date.start
        state.published_span = (line.start + date.span.start, line.start + date.span.end)
        state.header_title = (_shorten(title.strip()), (line.start, line.start + len(title.rstrip())))
        state.boilerplate.append((line.start, line.start + date.span.end))
        _trim_line(line, date.span.end)
        return True
    return False


def _numeric_order(state: _State, outlet: str | None, language: str, layout: _Layout) -> str:
    """How the article writes all-number dates: "dmy" (6/4/2003 is 6 April) or "mdy" (4 June).

    Only a publication date read from such a form can be in doubt (both parts 12 or less). The
    evidence, strongest first: a weekday on the date line that only one reading matches; the body's
    dates, which cluster in the month before publication under one reading only; the outlet's own
    convention (outlets.yaml); the convention of the article's language (languages.yaml). When the
    order changes, the publication date is read again.
    """
    published, span = state.published, state.published_span
    if published is None or span is None or published.day is None or published.day > 12 \
            or published.day == published.month:
        return "dmy"
    phrase = state.norm.text[span[0]:span[1]]
    if not re.fullmatch(r"\(?\d{1,2}/\d{1,2}/\d{2,4}\)?", phrase.strip()):
        return "dmy"
    readings = {"dmy": published, "mdy": PartialDate(published.year, published.day, published.month)}
    order = (_order_by_weekday(state, span, readings) or _order_by_body(state, readings)
             or _order_by_convention(outlet, language, layout))
    state.published = readings[order]
    return order


def _order_by_weekday(state: _State, span: tuple[int, int], readings: dict[str, PartialDate]) -> str | None:
    line = next((line for line in state.lines if line.start <= span[0] < line.end + 1), None)
    if line is None:
        return None
    names = weekday_names()
    said = {names[w.lower()] for w in re.findall(r"[^\W\d_]+", line.text) if w.lower() in names}
    fits = [order for order, date in readings.items() if date.first_day().isoweekday() in said]
    return fits[0] if len(fits) == 1 else None


ORDER_EVIDENCE_DAYS = 45
"""Body dates this close before a reading of the publication date support that reading."""


def _order_by_body(state: _State, readings: dict[str, PartialDate]) -> str | None:
    """The reading that the body's own dates (read against it) place just before publication."""
    body = "\n".join(line.text for line in state.lines if line.kind in ("content", "caption"))
    support = {}
    for order, reading in readings.items():
        day = reading.first_day()
        dates = [d.start for d in find_dates(body, published=reading)
                 if d.start.month is not None and "slash" not in d.rule]
        support[order] = sum(1 for d in dates if 0 <= (day - d.first_day()).days <= ORDER_EVIDENCE_DAYS)
    if support["dmy"] == support["mdy"]:
        return None
    return max(support, key=support.get)


def _order_by_convention(outlet: str | None, language: str, layout: _Layout) -> str:
    known = next((o for o in layout.outlet_of.values() if o.name == outlet), None) if outlet else None
    if known is not None and known.numeric_order:
        return known.numeric_order
    return layout.numeric_order.get(language, "dmy")


_EDITION_NOTE = re.compile(r"\((?=[^()]*\d{4})[^()\n]{6,80}\)")
"""A bracketed line naming the print edition and its date ("(6/4/2003 issue of The Daily Post)")."""


_ISSUE_OF = re.compile(r"(?i)\b(?:issue|edition|edisi)\b")
"""Words that make a bracketed date inside a longer line the print edition's ("Source: X (9/25/1997
issue of Y)")."""


def _labelled(text: str, layout: _Layout) -> bool:
    """A date prefix stands right before a date ("Published: 2017/9/21", "Updated: Dec 15")."""
    for match in layout.date_prefix.finditer(text):
        after = text[match.end():].lstrip(" :")
        dates = find_dates(after[:40]) if after else []
        if dates and dates[0].span is not None and dates[0].span.start == 0:
            return True
    return False


def _dateline_date(state: _State, line: _Line, dateline: _Dateline) -> None:
    """ "BRUSSELS, November 23, 2018 – ...": a dateline date with its year is the publication date."""
    if dateline.date is None:
        return
    start, end = dateline.date
    dates = [d for d in find_dates(line.text[start:end]) if d.start.month is not None
             and "year_from_context" not in d.rule]
    if dates:
        state.published = dates[0].start
        state.published_span = (line.start + start, line.start + end)


def _mark_header_labels(state: _State, body_index: int) -> None:
    """Section labels and bylines of one or two words in the header ("International", "Asia")."""
    for line in state.lines[:body_index]:
        if line.kind == "content" and line.words < TITLE_MIN_WORDS:
            line.kind = "boilerplate"
            state.boilerplate.append((line.start, line.end))


def _mark_repeats(state: _State) -> None:
    """A line repeating an earlier one word for word (a headline or caption printed twice)."""
    seen: set[str] = set()
    for line in state.lines:
        if line.kind in ("content", "caption") and line.words >= TITLE_MIN_WORDS:
            if line.text in seen:
                line.kind = "boilerplate"
                state.boilerplate.append((line.start, line.end))
            seen.add(line.text)


def _trim_line(line: _Line, length: int) -> None:
    """Drop the first ``length`` characters of a line (a date prefix glued to body text)."""
    rest = line.text[length:]
    skipped = length + len(rest) - len(rest.lstrip())
    line.start += skipped
    line.text = line.text[skipped:]
    line.words = len(line.text.split())


def _find_dateline(lines: list[_Line], body_index: int, layout: _Layout) -> tuple[_Line | None, _Dateline | None]:
    checked = 0
    for line in lines[body_index:]:
        if line.kind != "content":
            continue
        found = _dateline(line.text, layout)
        if found is not None:
            return line, found
        checked += 1
        if checked >= DATELINE_SEARCH_LINES:
            break
    return None, None


def _is_site_name(line: _Line, first: bool, layout: _Layout) -> bool:
    """A short header line naming the outlet ("The Astana Times", "Arsip Kompas", "EurasiaNet.org"),
    or a short first line of the page set in capitals or title case (a masthead)."""
    if line.words > SITE_NAME_MAX_WORDS or line.text[-1:] in ".!?\"'":
        return False
    if layout.outlet_alias.search(line.text) or layout.date_noise.search(line.text):
        return True
    words = [w for w in re.findall(r"[^\W\d_][\w'&.-]*", line.text)]
    return first and bool(words) and all(w[:1].isupper() for w in words)


def _title(lines: list[_Line], body_index: int, dateline_line: _Line | None,
           dateline: _Dateline | None, layout: _Layout) -> tuple[str | None, tuple[int, int] | None]:
    """The headline (first header line of a few words that is not the site's name), else the first
    sentence of the body."""
    header = [line for line in lines[:body_index] if line.kind == "content" and line.words >= TITLE_MIN_WORDS]
    named = [line for line in header if not _is_site_name(line, line is lines[0], layout)]
    for line in named or header:
        return _shorten(line.text), (line.start, line.end)
    for line in lines[body_index:]:
        if line.kind != "content":
            continue
        offset = dateline.body_from if line is dateline_line and dateline is not None else 0
        sentence = _first_sentence(line.text[offset:].strip())
        if sentence:
            return _shorten(sentence), None
    for line in lines:
        if line.kind == "caption":
            return _shorten(_first_sentence(line.text)), None
    return None, None


def _copyright_year(lines: list[_Line], layout: _Layout) -> int | None:
    for line in lines:
        notice = layout.copyright_anywhere.search(line.text) if line.kind in _NOT_CONTENT else None
        if notice:
            # "© 1997-2006 Kazinform": a range's last year is the year of the page
            year = re.search(r"\b(?:19|20)\d\d(?:\s*[-–]\s*((?:19|20)\d\d))?\b", line.text[notice.start():])
            if year:
                return int(year.group(1) or year.group()[:4])
    return None


def _state_site(header: list[_Line], layout: _Layout) -> str | None:
    """The state whose own body publishes the page: a short header line naming a ministry, embassy or
    office of one of the two states ("MINISTRY OF TRADE, KAZAKHSTAN", "Kedutaan Besar China di ..."): its
    titles standing alone ("the Head of State") are that state's."""
    for line in header:
        if line.kind == "caption" or line.words > STATE_SITE_MAX_WORDS or not layout.state_body.match(line.text):
            continue
        named = [(m.start(), country) for country, pattern in layout.state_names.items()
                 for m in [pattern.search(line.text)] if m]
        if named:
            return min(named)[1]
    return None


def _outlet(state: _State, body_index: int, dateline: _Dateline | None, layout: _Layout,
            extra: dict) -> str | None:
    """Canonical outlet: dateline > copyright line > date line > credit in the header >
    "Source:" line > the site's name atop the page > photo credit."""
    mentions: list[tuple[str, str]] = []
    if dateline is not None and dateline.outlet:
        mentions.append(("dateline", dateline.outlet))
    for line in state.lines:
        notice = layout.copyright_anywhere.search(line.text) if line.kind in _NOT_CONTENT else None
        if notice and (alias := _outlet_in(line.text[notice.start():], layout)):
            mentions.append(("copyright", alias))
            break
    if "date_line" in state.outlet_mentions:
        mentions.append(("date_line", state.outlet_mentions["date_line"]))
    for line in state.lines[:body_index]:
        if line.kind != "caption" and (credit := layout.header_credit.search(line.text)):
            mentions.append(("header", credit.group("alias")))
            break
    for line in state.lines:
        if layout.source_prefix.match(line.text) and (alias := _outlet_in(line.text, layout)):
            mentions.append(("source", alias))
            break
    for line in state.lines[:body_index]:
        if line.kind != "caption" and line.words <= SITE_NAME_MAX_WORDS and layout.outlet_of.get(line.text.strip()):
            mentions.append(("masthead", line.text.strip()))  # "akorda.kz", "The Astana Times" atop the page
            break
    for line in state.lines:
        if line.kind == "caption" and (credit := layout.agency_credit.search(line.text[-60:])):
            mentions.append(("caption", credit.group().strip(" ().")))
            break
    for source, alias in mentions:
        known = layout.outlet_of.get(alias) or layout.outlet_of.get(alias.upper())
        if known is not None:
            extra["outlet_source"], extra["outlet_country"] = source, known.country
            return known.name
        if source == "dateline":
            extra["outlet_source"] = source
            return alias
    return None
