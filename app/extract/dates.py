"""Finding dates in Indonesian and English news text and resolving them to calendar dates.

Every word the patterns know (month and weekday names, relative expressions, connectors,
triggers) comes from ``lexicons/calendar.yaml``; this module holds the structure of the
expressions and the resolution rules only.

How a text is read:

1. The text is normalised (``normalize``); every pattern runs on the normalised text and every
   span is mapped back, so offsets and phrases returned point into the string the caller gave.
2. Candidates from all patterns compete: the longest wins, ties go to the more specific pattern.
3. Neighbouring candidates are joined: a weekday or "hari ini" in front of "(14/9)" checks it,
   "X hingga Y" / "X to Y" makes a range, "15 dan 16 September" a two-day span, "Juni tahun lalu"
   a month of last year.
4. Each candidate is resolved against the publication date (relative and partial forms) or, in an
   article without one, against the dates that state their year; what cannot be resolved is
   dropped, never guessed.

Resolution rules (see the tests for one case per form):

- A weekday alone is the most recent such day on or before publication; with ``planned=True`` the
  next one on or after it. "Rabu lalu" / "last Wednesday" is strictly before, "Rabu depan" /
  "next Wednesday" strictly after.
- A day and month without year take the publication year, unless that lands more than
  ``PAST_WINDOW_DAYS`` after publication in a past-tense reading (then the year before) or, when
  planned, more than that before publication (then the year after). A weekday stated with it
  picks, among the publication year and its neighbours, the year where the weekday agrees; when none
  agrees the date is kept and the rule carries ``weekday_mismatch``.
- A month alone ("in June", "pada bulan Juni") is the most recent such month on or before the
  publication month (planned: on or after); "November lalu" / "last November" is strictly before.
- Week expressions ("pekan lalu", "last week") are never given a day: they resolve to the month
  that holds most of the Monday–Sunday week (the month of its Thursday).
- "N tahun lalu" / "N years ago" is a year, "N bulan lalu" a month, "N hari lalu" a day.
- Numeric forms: ISO "2024-07-03", year first "2017/9/21", day first "14/9/2022" or "(14/9)", and
  dotted day first "20.12.2006" (as date lines of Kazakh and Russian outlets print it).
- Without a publication date only dates that state their year resolve directly; partial dates
  take the year of a date stating year and month right next to them, else the first year that puts
  them on or after the latest month the article states with its year; relative
  expressions stay unresolved.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache

from app.extract.lexicon import load_lexicon, register_schema
from app.extract.normalize import NormalizedText, normalize
from app.extract.types import PartialDate, ResolvedDate, Span

register_schema("calendar", "kind")

PAST_WINDOW_DAYS = 62
"""How far after publication a yearless past-tense date may fall before it moves a year back."""
SHARED_YEAR_CHARS = 40
"""In an undated article, a date stated with its year this close (in characters) lends its year to a
yearless one ("3 Januari dan 20 Maret 2022")."""
MAX_RANGE_DAYS = 62
"""Longest day range joined from two separate dates ("31 Agustus hingga 1 September")."""
PAIR_MAX_DAYS = 3
"""Two days joined by "dan"/"and" form one span only when at most this far apart."""
MIN_YEAR, MAX_YEAR = 1800, 2100
YEARS_TO_GUESS = 2
"""Distinct years an undated page must tell of for its yearless dates to take the latest: one year
alone ("proposed the initiative in 2013") is as likely background as the time of the news."""


# --------------------------------------------------------------------------- lexicon → patterns


def _words(entry: dict, key: str = "names", langs: Sequence[str] | None = None) -> list[str]:
    value = entry.get(key) or {}
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(w) for lang, words in value.items() if langs is None or lang in langs for w in words]


def _alt(words: Sequence[str], *, ignore_case: bool = False) -> str:
    """A non-capturing alternation of ``words`` compiled as a character trie.

    Spaces inside a phrase match any blank run. The trie shape (``t(?:ahun\\s+(?:lalu|ini)|oday)``)
    lets the regex engine reject a position after a character or two instead of trying every
    word, and longer words are still preferred over their prefixes.
    """
    trie: dict = {}
    for word in {w for w in words if w}:
        node = trie
        for token in re.findall(r"\s+|.", word, flags=re.S):
            node = node.setdefault(" " if token.isspace() else token, {})
        node[""] = {}
    body = _emit(trie) or "(?!)"
    return f"(?i:{body})" if ignore_case else f"(?:{body})"


def _emit(node: dict) -> str:
    branches = [(r"\s+" if token == " " else re.escape(token)) + _emit(child)
                for token, child in sorted(node.items()) if token]
    if not branches:
        return ""
    optional = "" in node
    if len(branches) == 1 and not optional:
        return branches[0]
    group = "(?:" + "|".join(branches) + ")"
    return group + "?" if optional else group


def _cased(words: Sequence[str]) -> list[str]:
    """Proper-name spellings: as listed, Capitalised and UPPER CASE (not lower case)."""
    out: list[str] = []
    for word in words:
        out += [word, word[:1].upper() + word[1:], word.upper()]
    return out


def _any_case(words: Sequence[str]) -> list[str]:
    """Ordinary words: lower case, Capitalised (sentence start) and UPPER CASE.

    Spelled out instead of ``(?i:...)`` so that the regex engine can skip ahead on the first
    character, which keeps a scan of a whole article well under a millisecond.
    """
    return _cased([w.lower() for w in words])


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def _year(name: str) -> str:
    return rf"(?P<{name}>(?:1[89]|20)\d\d)(?!\d)"


_SEPARATOR = "[ \\n\"'(]"
"""Word patterns that would otherwise be tried at almost every letter start with the character
before the word instead (the scanned text is padded with a newline so the first word has one)."""
_WINDOW = 40
"""How far back (characters) lead words and the first half of a range are looked for."""


def _lead(words: Sequence[str], group: str = "lead") -> re.Pattern[str]:
    """Words that must (or may) stand right before a match; searched in a short window."""
    return re.compile(rf"(?<![\w-])(?P<{group}>{_alt(words, ignore_case=True)})(?:\s+|(?<=-))$")


@dataclass(frozen=True)
class _Calendar:
    month_of: dict[str, int]
    month_abbr: frozenset[str]
    month_alone: frozenset[str]
    weekday_of: dict[str, int]
    ambiguous_weekdays: frozenset[str]
    relative: dict[str, tuple[str, int, str]]
    unit_of: dict[str, str]
    number_of: dict[str, int]
    month_direction: dict[str, str]
    weekday_direction: dict[str, str]
    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    leads: dict[str, re.Pattern[str]]
    lookback: re.Pattern[str]
    range_gap: re.Pattern[str]
    pair_gap: re.Pattern[str]
    year_list_tail: re.Pattern[str]
    year_month_gap: re.Pattern[str]


@cache
def _calendar() -> _Calendar:
    """Compile the calendar lexicon into the scanning patterns (once per process)."""
    by_kind: dict[str, list[dict]] = {}
    for entry in load_lexicon("calendar"):
        by_kind.setdefault(entry["kind"], []).append(entry)

    def all_words(kind: str) -> list[str]:
        return [w for e in by_kind.get(kind, []) for w in _words(e)]

    months = by_kind["month"]
    full = [w for e in months for w in _words(e)]
    abbr = [w for e in months for w in _words(e, "abbr")]
    month_of = {w.lower(): e["value"] for e in months for w in _words(e) + _words(e, "abbr")}

    weekdays = by_kind["weekday"]
    ambiguous = [w for e in weekdays for w in e.get("ambiguous") or []]
    weekday_names = [w for e in weekdays for w in _words(e)]
    weekday_abbr = [w for e in weekdays for w in _words(e, "abbr")]
    weekday_of = {w.lower(): e["value"] for e in weekdays for w in _words(e) + _words(e, "abbr")}

    relatives = by_kind["relative"]
    relative = {_key(e["phrase"]): (e["unit"], int(e["offset"]), e.get("anchor", "publication"))
                for e in relatives}
    day_relatives = [e["phrase"] for e in relatives
                     if e["unit"] == "day" and e.get("anchor", "publication") == "publication"]
    year_relatives = [e["phrase"] for e in relatives if e["unit"] == "year"]
    unit_of = {w.lower(): e["unit"] for e in by_kind["unit"] for w in _words(e)}
    number_of = {_key(w): e["value"] for e in by_kind["number"] for w in _words(e)}

    def modifiers(kind: str, position: str) -> dict[str, str]:
        return {_key(e["word"]): e["direction"] for e in by_kind[kind] if e["position"] == position}

    month_before, month_after = modifiers("month_modifier", "before"), modifiers("month_modifier", "after")
    weekday_before = modifiers("weekday_modifier", "before")
    weekday_after = modifiers("weekday_modifier", "after")

    connectors = all_words("range_connector")
    symbols = [c for c in connectors if not any(ch.isalpha() for ch in c)]
    words = [c for c in connectors if any(ch.isalpha() for ch in c)]
    conn = rf"(?:\s*{_alt(symbols)}\s*|\s+{_alt(words, ignore_case=True)}\s+)"
    pair = rf"\s+{_alt(all_words('pair_connector'), ignore_case=True)}\s+"
    conn_or_pair = rf"(?:{conn}|{pair})"
    month_any = rf"{_alt(_cased(full + abbr))}\b\.?"
    ordinal = r"(?:st|nd|rd|th)?"
    ago_tail = rf"(?P<unit>{_alt(_any_case(list(unit_of)))})\s+{_alt(_any_case(all_words('ago')))}\b"

    # Five passes over the text. Each pattern starts with a digit, a month or weekday name or a
    # separator character, never with an optional part, so the engine jumps straight to
    # candidate positions. What the patterns leave open (left boundaries, lead words such as
    # "pada 2013" / "in June", the first half of "16 hingga 18 Juni") is checked on the match.
    number = (
        rf"(?P<n>\d+)(?:"
        rf"{ordinal}\s+(?P<m>{month_any})(?:,?\s+{_year('y')})?"  # 14 September 2022
        rf"|-(?P<hm_m>{month_any})-{_year('hm_y')}"  # 11-Sep-2019
        rf"|(?<=\d\d\d\d)年(?P<cj_m>\d\d?)月(?P<cj_d>\d\d?)日"  # 2019年9月11日
        rf"|-(?P<iso_m>\d\d?)-(?P<iso_d>\d\d?)(?![\d-])"  # 2024-07-03
        rf"|(?<=\d\d\d\d)/(?P<ys_m>\d\d?)/(?P<ys_d>\d\d?)(?![\w/])"  # 2017/9/21
        rf"|/(?P<sl_m>\d\d?)(?:/(?P<sl_y>(?:1[89]|20)?\d\d))?(?![\w/])"  # 14/9/2022, (14/9)
        rf"|\.(?P<dot_m>\d\d?)\.(?P<dot_y>(?:1[89]|20)\d\d)(?!\w|\.\d)"  # 20.12.2006, 3.7.2024
        rf"|\s+{ago_tail}"  # 5 tahun lalu
        rf"|(?<=\d\d\d\d)(?:{conn}{_year('y2')})?(?!\s*[-–/.,]\d)"  # (pada) 2013, 2014-2016
        rf")"
    )
    month_first = (
        rf"(?P<m>{month_any})(?:"
        rf"\s+(?P<d>\d\d?){ordinal}(?:{conn_or_pair}(?:(?P<m2>{month_any})\s+)?(?P<d2>\d\d?))?(?![\d:/])"
        rf"(?:(?:\s*,\s*|\s+){_year('y')})?"  # Sept. 14, 2022 / June 7-10, 2017
        rf"|,?\s+{_year('my')}"  # Juli 2024
        rf"|(?!\.?\s*\d)(?:(?<!\.)[^\S\n]+(?P<mod_post>{_alt(_any_case(list(month_after)))})\b"
        rf"|(?P<yr>(?<!\.)(?=[^\S\n]+{_alt(_any_case(year_relatives))}\b)))?"  # (in) June, November lalu
        rf")"
    )
    patterns = (
        ("number", number),
        ("month_first", month_first),
        ("weekday", rf"(?P<wd>{_alt(_cased(weekday_names))})\b"
                    rf"(?:\s+(?P<mod_post>{_alt(_any_case(list(weekday_after)))})\b)?"),
        ("ago", rf"{_SEPARATOR}(?P<nw>{_alt(_any_case(list(number_of) + all_words('vague_quantity')))})"
                rf"\s+{ago_tail}"),
        ("relative", rf"{_SEPARATOR}(?P<rel>{_alt(_any_case(list(relative)))})(?![\w-])"),
    )
    leads = {
        "year": _lead(all_words("year_trigger")),
        "year_target": _lead(all_words("year_target")),
        "ddmm": _lead(all_words("ddmm_trigger")),
        "month": _lead(all_words("month_trigger")),
        "month_mod": _lead(list(month_before), "mod"),
        "weekday_mod": _lead(list(weekday_before), "mod"),
        "weekday_lead": _lead(all_words("weekday_lead")),
        "part": _lead(all_words("part_of_period")),
        "day_range": re.compile(rf"(?<![\w/.,-])(?P<d1>\d\d?){ordinal}(?:\s+(?P<m1>{month_any}))?"
                                rf"(?P<gap>{conn_or_pair})$"),
        "slash_range": re.compile(r"(?<![\w/.,-])(?P<d1>\d\d?)\s*[-–]\s*$"),
    }
    lookback = re.compile(
        rf"(?:(?<!\w)(?P<wd>{_alt(_cased(weekday_names + weekday_abbr))}\b\.?)"
        rf"|(?<!\w)(?P<rel>{_alt(day_relatives, ignore_case=True)}))"
        r"\s*,?\s*(?P<paren>\()?\s*$"
    )
    year_list_tail = re.compile(
        rf"\s*(?:,|&|{_alt(all_words('pair_connector'), ignore_case=True)})\s+"
        rf"(?:{_alt(all_words('year_trigger'), ignore_case=True)}\s+)?{_year('y')}(?!\s*[-–/.,]\d)"
    )
    return _Calendar(
        month_of=month_of,
        month_abbr=frozenset(w.lower() for w in abbr),
        month_alone=frozenset(w.lower() for e in months for w in _words(e, langs=("id", "en"))),
        weekday_of=weekday_of,
        ambiguous_weekdays=frozenset(w.lower() for w in ambiguous),
        relative=relative,
        unit_of=unit_of,
        number_of=number_of,
        month_direction={**month_before, **month_after},
        weekday_direction={**weekday_before, **weekday_after},
        patterns=tuple((rule, re.compile(source)) for rule, source in patterns),
        leads=leads,
        lookback=lookback,
        range_gap=re.compile(rf"{conn}"),
        pair_gap=re.compile(rf"{pair}"),
        year_list_tail=year_list_tail,
        year_month_gap=re.compile(rf"\s*,?\s*(?:{_alt(all_words('month_trigger'), ignore_case=True)})?\s*"),
    )


# --------------------------------------------------------------------------- raw candidates

_PRIORITY = {rule: rank for rank, rule in enumerate((
    "dmy_range", "mdy_range", "slash_range", "iso", "dotted", "slash", "paren_ddmm", "ddmm", "dmy", "mdy",
    "month_year", "year_range", "year", "month", "weekday", "ago", "relative",
))}
"""Tie-break between candidates of equal length: the more specific form wins."""


@dataclass(slots=True)
class _Raw:
    """One date expression as written, before resolution (offsets into the scanned string)."""

    start: int
    end: int
    rule: str
    kind: str = "cal"  # cal | rel | ago | vague
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    end_year: int | None = None
    end_month: int | None = None
    end_day: int | None = None
    end_weekday: int | None = None
    is_range: bool = False
    direction: str | None = None
    unit: str | None = None
    offset: int = 0
    anchor: str = "publication"
    year_rel: tuple[int, str] | None = None
    join: str | None = None  # "range" | "pair" when built from two dates
    parts: tuple[_Raw, ...] = ()
    notes: list[str] = field(default_factory=list)


def _int(value: str | None) -> int | None:
    return int(value) if value else None


def _full_year(value: str | None) -> int | None:
    if not value:
        return None
    year = int(value)
    return 2000 + year if year < 100 else year


def _valid_day_month(day: int | None, month: int | None) -> bool:
    return (day is None or 1 <= day <= 31) and (month is None or 1 <= month <= 12)


def _left_ok(text: str, start: int) -> bool:
    """The match does not continue a longer token (``ke-24``, ``1.000``, ``x2024``, ``Xinhua``)."""
    before = text[start - 1]
    if before.isalnum() or before == "_":
        return False
    return not (text[start].isdigit() and before in "/.,-")


def _lead_match(cal: _Calendar, name: str, text: str, start: int) -> re.Match[str] | None:
    return cal.leads[name].search(text, max(0, start - _WINDOW), start)


def _month(cal: _Calendar, token: str | None) -> int | None:
    return cal.month_of.get(token.rstrip(".").lower()) if token else None


def _drop_sentence_period(raw: _Raw, text: str, cal: _Calendar) -> None:
    """ "18-19 Mei." — a period after a full month name ends the sentence, not the date."""
    if text[raw.end - 1] != ".":
        return
    start = raw.end - 1
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    if text[start:raw.end - 1].lower() not in cal.month_abbr:
        raw.end -= 1


def _from_number(match: re.Match[str], cal: _Calendar) -> _Raw | None:
    text, groups = match.string, match.groupdict()
    start, end = match.span()
    left_ok = _left_ok(text, start)
    digits = groups["n"]
    if groups["m"]:
        raw = _Raw(start, end, "dmy", day=int(digits), month=_month(cal, groups["m"]),
                   year=_int(groups["y"]))
        if not _valid_day_month(raw.day, raw.month):
            return None
        _drop_sentence_period(raw, text, cal)
        ranged = _day_range(raw, text, cal)
        return ranged if ranged is not raw or left_ok else None
    if groups["hm_m"]:
        raw = _Raw(start, end, "dmy", day=int(digits), month=_month(cal, groups["hm_m"]), year=int(groups["hm_y"]))
        return raw if left_ok and len(digits) <= 2 and _valid_day_month(raw.day, raw.month) else None
    if groups["cj_m"]:
        raw = _Raw(start, end, "iso", year=int(digits), month=int(groups["cj_m"]), day=int(groups["cj_d"]))
        return raw if left_ok and _valid_day_month(raw.day, raw.month) else None
    if groups["ys_m"] or groups["dot_m"]:
        if not left_ok:
            return None
        if groups["ys_m"]:
            raw = _Raw(start, end, "iso", year=int(digits), month=int(groups["ys_m"]), day=int(groups["ys_d"]))
        else:
            raw = _Raw(start, end, "dotted", year=int(groups["dot_y"]), month=int(groups["dot_m"]), day=int(digits))
        return raw if len(digits) <= 4 and _valid_day_month(raw.day, raw.month) else None
    if groups["sl_m"]:
        raw = _from_slash(start, end, int(digits), int(groups["sl_m"]), groups["sl_y"], text, cal)
        return raw if raw is not None and (raw.is_range or left_ok) else None
    if not left_ok:
        return None
    if groups["iso_m"]:
        if len(digits) != 4:
            return None
        raw = _Raw(start, end, "iso", year=int(digits), month=int(groups["iso_m"]),
                   day=int(groups["iso_d"]))
        return raw if _valid_day_month(raw.day, raw.month) else None
    if groups["unit"]:
        count = int(digits)
        return _Raw(start, end, "ago", kind="ago", unit=cal.unit_of[groups["unit"].lower()], offset=-count)
    if len(digits) != 4 or _lead_match(cal, "year", text, start) is None:
        return None
    raw = _Raw(start, end, "year", year=int(digits))
    if groups["y2"]:
        raw.rule, raw.end_year, raw.is_range = "year_range", int(groups["y2"]), True
    return raw


def _from_slash(start: int, end: int, day: int, month: int, year: str | None, text: str,
                cal: _Calendar) -> _Raw | None:
    """14/9/2022, (14/9), pada 14/9, 18-19/5; month first only where day first is impossible."""
    notes = []
    if month > 12 and day <= 12:
        day, month = month, day
        notes.append("month_first")
    if not _valid_day_month(day, month):
        return None
    raw = _Raw(start, end, "slash", day=day, month=month, year=_full_year(year), notes=notes)
    before = _lead_match(cal, "slash_range", text, start)
    if before is not None:
        first = int(before.group("d1"))
        if 1 <= first <= 31:
            raw.start, raw.rule, raw.is_range = before.start(), "slash_range", True
            raw.day, raw.end_day, raw.end_month, raw.end_year, raw.year = first, day, month, raw.year, None
            return raw
    if year:
        return raw
    if text[start - 1:start] == "(" and text[end:end + 1] == ")":
        raw.rule = "paren_ddmm"
        return raw
    if _lead_match(cal, "ddmm", text, start) is not None:
        raw.rule = "ddmm"
        return raw
    return None


def _day_range(raw: _Raw, text: str, cal: _Calendar) -> _Raw:
    """Extend "18 Juni" back over "16 hingga " / "31 Agustus - " to a range when present."""
    before = _lead_match(cal, "day_range", text, raw.start)
    if before is None:
        return raw
    first_month = _month(cal, before.group("m1")) or raw.month
    first_day = int(before.group("d1"))
    if not _valid_day_month(first_day, first_month):
        return raw
    pair = cal.pair_gap.fullmatch(before.group("gap")) is not None
    first = _Raw(before.start(), before.start("gap"), "dmy", day=first_day, month=first_month)
    return _Raw(before.start(), raw.end, "dmy_range", day=first_day, month=first_month,
                end_day=raw.day, end_month=raw.month, end_year=raw.year,
                is_range=True, join="pair" if pair else None, parts=(first, raw))


def _from_month_first(match: re.Match[str], cal: _Calendar) -> _Raw | None:
    text, groups = match.string, match.groupdict()
    start, end = match.span()
    if not _left_ok(text, start):
        return None
    month = _month(cal, groups["m"])
    if groups["d"]:
        raw = _Raw(start, end, "mdy", day=int(groups["d"]), month=month, year=_int(groups["y"]))
        if groups["d2"]:
            raw.rule, raw.is_range = "mdy_range", True
            raw.end_day, raw.end_month = int(groups["d2"]), _month(cal, groups["m2"]) or month
            raw.year, raw.end_year = None, raw.year
            if not _valid_day_month(raw.end_day, raw.end_month):
                return None
        return raw if _valid_day_month(raw.day, raw.month) else None
    if groups["my"]:
        return _Raw(start, end, "month_year", month=month, year=int(groups["my"]))
    if groups["m"].rstrip(".").lower() not in cal.month_alone:
        return None
    raw = _Raw(start, end, "month", month=month)
    _drop_sentence_period(raw, text, cal)
    modifier = groups["mod_post"]
    before = _lead_match(cal, "month_mod", text, start)
    if before is not None:
        modifier = before.group("mod")
        raw.start = before.start("mod")
    elif modifier is None and groups["yr"] is None and _lead_match(cal, "month", text, start) is None:
        return None
    raw.direction = cal.month_direction.get(_key(modifier)) if modifier else None
    return raw


def _from_weekday(match: re.Match[str], cal: _Calendar) -> _Raw | None:
    text, name = match.string, match.group("wd")
    start, end = match.span()
    if not _left_ok(text, start):
        return None
    if name.lower() in cal.ambiguous_weekdays and _lead_match(cal, "weekday_lead", text, start) is None:
        return None
    raw = _Raw(start, end, "weekday", weekday=cal.weekday_of[name.lower()])
    modifier = match.group("mod_post")
    before = _lead_match(cal, "weekday_mod", text, start)
    if before is not None:
        modifier = before.group("mod")
        raw.start = before.start("mod")
    raw.direction = cal.weekday_direction.get(_key(modifier)) if modifier else None
    return raw


def _from_ago_words(match: re.Match[str], cal: _Calendar) -> _Raw:
    count = cal.number_of.get(_key(match.group("nw")))
    return _Raw(match.start("nw"), match.end(), "ago", kind="ago" if count else "vague",
                unit=cal.unit_of[match.group("unit").lower()], offset=-(count or 0))


def _from_relative(match: re.Match[str], cal: _Calendar) -> _Raw | None:
    if _reads_as_name(match):
        return None
    phrase = _key(match.group("rel"))
    unit, offset, anchor = cal.relative[phrase]
    raw = _Raw(match.start("rel"), match.end(), f"relative:{phrase}", kind="rel", unit=unit,
               offset=offset, anchor=anchor)
    part = _lead_match(cal, "part", match.string, raw.start)
    if part is not None:
        raw.start = part.start("lead")
    return raw


def _reads_as_name(match: re.Match[str]) -> bool:
    """ "Kazakhstan Today", "China Today": a capitalised relative word inside a sentence."""
    if not match.group("rel")[:1].isupper():
        return False
    start = match.start("rel")
    line = match.string[max(0, start - 3):start].rsplit("\n", 1)[-1]  # a line start is a sentence start
    before = line.rstrip()
    return bool(before) and (before[-1].isalnum() or before[-1] == ",")


_BUILDERS = {
    "number": _from_number,
    "month_first": _from_month_first,
    "weekday": _from_weekday,
    "ago": _from_ago_words,
    "relative": _from_relative,
}


def _candidates(text: str, cal: _Calendar) -> list[_Raw]:
    found: list[_Raw] = []
    for rule, pattern in cal.patterns:
        build = _BUILDERS[rule]
        for match in pattern.finditer(text):
            raw = build(match, cal)
            if raw is None:
                continue
            if raw.kind == "cal" and text[raw.start - 1] == "(" and text[raw.end:raw.end + 1] == ")":
                raw.start, raw.end = raw.start - 1, raw.end + 1
            found.append(raw)
            if raw.rule == "year":
                found += _year_list(text, raw, cal)
    return found


def _year_list(text: str, first: _Raw, cal: _Calendar) -> list[_Raw]:
    """Years continuing a triggered year: "tahun 2013 dan 2015", "in 2013, 2015 and 2017"."""
    out: list[_Raw] = []
    position = first.end
    while match := cal.year_list_tail.match(text, position):
        out.append(_Raw(match.start("y"), match.end("y"), "year", year=int(match["y"])))
        position = match.end()
    return out


def _select(candidates: list[_Raw]) -> list[_Raw]:
    """Non-overlapping candidates, longest first, ties to the more specific form."""
    kept: list[_Raw] = []
    taken = bytearray(max((r.end for r in candidates), default=0))
    for raw in sorted(candidates, key=lambda r: (r.start - r.end, _PRIORITY.get(r.rule.split("+")[-1].split(":")[0], 99), r.start)):
        if not any(taken[raw.start:raw.end]):
            kept.append(raw)
            taken[raw.start:raw.end] = b"\x01" * (raw.end - raw.start)
    kept.sort(key=lambda r: r.start)
    return kept


def _attach_lookback(text: str, raws: list[_Raw], cal: _Calendar) -> None:
    """A weekday or "hari ini" right before a day-precision date joins it as a check."""
    for raw in raws:
        if raw.kind != "cal" or raw.day is None or raw.is_range:
            continue
        match = cal.lookback.search(text, max(0, raw.start - _WINDOW), raw.start)
        if match is None:
            continue
        if match.group("paren"):
            after = re.match(r"\s*\)", text[raw.end:raw.end + 4])
            if after is None:
                continue
            raw.end += after.end()
        raw.start = match.start()
        if match.group("wd"):
            raw.weekday = cal.weekday_of[match.group("wd").rstrip(".").lower()]
            raw.rule = f"weekday+{raw.rule}"
        else:
            raw.rule = f"relative+{raw.rule}"


def _is_weekday_only(raw: _Raw) -> bool:
    return raw.kind == "cal" and raw.weekday is not None and raw.month is None and raw.year is None


_APPOSITION_GAP = re.compile(r"\s*,\s*")


def _join(text: str, raws: list[_Raw], cal: _Calendar) -> list[_Raw]:
    """Join neighbours: month + "tahun lalu", ranges "X hingga Y", pairs "X dan Y", appositions."""
    out: list[_Raw] = []
    for raw in raws:
        joined = _join_two(out[-1], raw, text[out[-1].end:raw.start], cal) if out else None
        if joined is None:
            out.append(raw)
        else:
            out[-1] = joined
    return out


def _join_two(a: _Raw, b: _Raw, gap: str, cal: _Calendar) -> _Raw | None:
    if (a.kind == "rel" and a.unit == "year" and b.kind == "cal" and b.year is None and b.end_year is None
            and (b.month is not None or b.end_month is not None) and cal.year_month_gap.fullmatch(gap)):
        # "last year in October", "tahun lalu pada bulan Juni", "last year, in June"
        return replace(b, start=a.start, year_rel=(a.offset, a.anchor), rule=f"{b.rule}+{a.rule}")
    if (a.kind == "cal" and (a.month is not None or a.end_month is not None) and a.year is None
            and a.end_year is None and b.kind == "rel" and b.unit == "year" and gap.isspace()):
        # "Juni tahun lalu", "2 Juli tahun lalu", "from 17 to 19 May last year"
        return replace(a, end=b.end, year_rel=(b.offset, b.anchor), rule=f"{a.rule}+{b.rule}")
    if a.kind != "cal" or b.kind != "cal":
        return None
    if _is_weekday_only(a) and b.day is not None and _APPOSITION_GAP.fullmatch(gap):
        return _apposition(a, b)
    if a.is_range or b.is_range or _is_weekday_only(a) != _is_weekday_only(b):
        return None
    if (a.day is None) != (b.day is None) or (a.month is None) != (b.month is None):
        return None
    if cal.range_gap.fullmatch(gap):
        kind = "range"
    elif cal.pair_gap.fullmatch(gap) and (a.day is not None or a.weekday is not None):
        kind = "pair"
    else:
        return None
    return _Raw(
        a.start, b.end, f"{a.rule}~{b.rule}",
        year=a.year, month=a.month, day=a.day, weekday=a.weekday,
        end_year=b.year, end_month=b.month, end_day=b.day, end_weekday=b.weekday,
        is_range=True, direction=a.direction or b.direction, join=kind, parts=(a, b),
    )


def _apposition(weekdays: _Raw, date: _Raw) -> _Raw:
    """ "dari Rabu hingga Jumat, 14-16 September" — the weekdays check the explicit date."""
    joined = replace(date, start=weekdays.start, rule=f"weekday+{date.rule}")
    if weekdays.is_range and date.is_range:
        joined.weekday, joined.end_weekday = weekdays.weekday, weekdays.end_weekday
    elif not weekdays.is_range and not date.is_range:
        joined.weekday = weekdays.weekday
    return joined


def _scan(text: str) -> list[_Raw]:
    """Date expressions of ``text`` (offsets into ``text``).

    The scan runs on ``text`` with one leading newline so that every word has a character before
    it; offsets are shifted back at the end.
    """
    cal = _calendar()
    padded = "\n" + text
    candidates = _candidates(padded, cal)
    _attach_lookback(padded, candidates, cal)
    raws = _join(padded, _select(candidates), cal)
    for raw in raws:
        _shift(raw, -1)
    return raws


def _shift(raw: _Raw, by: int) -> None:
    raw.start += by
    raw.end += by
    for part in raw.parts:
        _shift(part, by)


# --------------------------------------------------------------------------- resolution


@dataclass
class _Context:
    published: PartialDate | None
    planned: bool
    anchors: list[tuple[int, int, int]]  # (offset, year, month) of dates stating year and month
    years: list[tuple[int, int]] = field(default_factory=list)  # (offset, year) of years told alone, not ahead
    previous: PartialDate | None = None
    previous_day: PartialDate | None = None  # the last date known to the day

    def context_year(self, month: int, position: int) -> int | None:
        """The year of a date stated with its year right next to it ("3 Januari dan 20 Maret 2022");
        else, since an article is written after the months it states with their year, the year of
        the latest of them, or the next year when the month comes before it; with no month stated
        with a year, the latest of the years told alone and not as targets ("trade grew in 2022 and
        again in early 2023", not "by 2030"), when there are ``YEARS_TO_GUESS`` of them."""
        if not self.anchors:
            told = {year for _, year in self.years}
            return max(told) if len(told) >= YEARS_TO_GUESS else None
        offset, year, _ = min(self.anchors, key=lambda item: abs(item[0] - position))
        if abs(offset - position) <= SHARED_YEAR_CHARS:
            return year
        _, year, latest = max(self.anchors, key=lambda item: (item[1], item[2]))
        return year if month >= latest else year + 1


def _safe(year: int | None, month: int | None = None, day: int | None = None) -> PartialDate | None:
    if year is None or not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return PartialDate(year, month, day)
    except ValueError:
        return None


def _add_months(year: int, month: int, offset: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + offset
    return index // 12, index % 12 + 1


def _pub_day(ctx: _Context) -> dt.date | None:
    pub = ctx.published
    return pub.first_day() if pub is not None and pub.day is not None else None


def _default_year(month: int, day: int | None, ctx: _Context, notes: list[str]) -> int:
    """Publication year, moved one back (past) or forward (planned) when it lands too far away."""
    pub = ctx.published
    assert pub is not None
    year = pub.year
    window = dt.timedelta(days=PAST_WINDOW_DAYS)
    probe = _safe(year, month, day) or _safe(year, month)
    if probe is None:
        return year
    if not ctx.planned and probe.first_day() > pub.last_day() + window:
        notes.append("previous_year")
        return year - 1
    if ctx.planned and probe.last_day() < pub.first_day() - window:
        notes.append("next_year")
        return year + 1
    return year


def _weekday_year(month: int, day: int, weekday: int, base: int, notes: list[str]) -> int:
    """Among base and its neighbours, the year where day/month falls on the stated weekday."""
    for year in (base, base - 1, base + 1):
        probe = _safe(year, month, day)
        if probe is not None and probe.first_day().isoweekday() == weekday:
            if year != base:
                notes.append("year_by_weekday")
            else:
                notes.append("weekday_checked")
            return year
    notes.append("weekday_mismatch")
    return base


def _infer_year(month: int, day: int | None, weekday: int | None, raw: _Raw, ctx: _Context,
                notes: list[str]) -> int | None:
    if raw.year_rel is not None:
        offset, anchor = raw.year_rel
        base = ctx.previous if anchor == "previous" else ctx.published
        return base.year + offset if base is not None else None
    if ctx.published is not None:
        base = _default_year(month, day, ctx, notes)
    else:
        base = ctx.context_year(month, raw.start)
        if base is None:
            return None
        notes.append("year_from_context")
    if weekday is not None and day is not None:
        return _weekday_year(month, day, weekday, base, notes)
    return base


def _check_weekday(date: PartialDate, weekday: int | None, notes: list[str]) -> None:
    if weekday is None or date.day is None:
        return
    notes.append("weekday_checked" if date.first_day().isoweekday() == weekday else "weekday_mismatch")


def _point(year: int | None, month: int | None, day: int | None, weekday: int | None, raw: _Raw,
           ctx: _Context, notes: list[str]) -> PartialDate | None:
    """One end of a calendar expression (absolute or partial)."""
    if year is not None:
        date = _safe(year, month, day)
        if date is not None:
            _check_weekday(date, weekday, notes)
        return date
    if month is None:
        return _weekday_alone(weekday, raw.direction, ctx) if weekday is not None else None
    if day is None:
        return _month_alone(month, raw, ctx, notes)
    inferred = _infer_year(month, day, weekday, raw, ctx, notes)
    return _safe(inferred, month, day)


def _month_alone(month: int, raw: _Raw, ctx: _Context, notes: list[str]) -> PartialDate | None:
    if raw.year_rel is not None or ctx.published is None:
        return _safe(_infer_year(month, None, None, raw, ctx, notes), month)
    pub = ctx.published
    direction = raw.direction
    if direction == "this" or (pub.month is None and direction is None):
        return _safe(pub.year, month)
    if pub.month is None:
        return None
    if direction == "past":
        return _safe(pub.year if month < pub.month else pub.year - 1, month)
    if direction == "future":
        return _safe(pub.year if month > pub.month else pub.year + 1, month)
    if ctx.planned:
        return _safe(pub.year if month >= pub.month else pub.year + 1, month)
    return _safe(pub.year if month <= pub.month else pub.year - 1, month)


def _weekday_alone(weekday: int, direction: str | None, ctx: _Context) -> PartialDate | None:
    pub = _pub_day(ctx)
    if pub is None:
        return None
    back = (pub.isoweekday() - weekday) % 7
    ahead = (weekday - pub.isoweekday()) % 7
    if direction == "past":
        date = pub - dt.timedelta(days=back or 7)
    elif direction == "future":
        date = pub + dt.timedelta(days=ahead or 7)
    elif ctx.planned:
        date = pub + dt.timedelta(days=ahead)
    else:
        date = pub - dt.timedelta(days=back)
    return PartialDate.from_date(date)


def _weekday_range(raw: _Raw, ctx: _Context) -> tuple[PartialDate, PartialDate] | None:
    """ "Kamis dan Jumat": the first day resolves like a weekday alone (it has begun by publication,
    or lies ahead when planned); the range may run on past the publication day."""
    assert raw.weekday is not None and raw.end_weekday is not None
    length = dt.timedelta(days=(raw.end_weekday - raw.weekday) % 7)
    first = _weekday_alone(raw.weekday, raw.direction, ctx)
    if first is None:
        return None
    return first, PartialDate.from_date(first.first_day() + length)


def _resolve_cal(raw: _Raw, ctx: _Context, notes: list[str]) -> tuple[PartialDate, PartialDate | None] | None:
    if not raw.is_range:
        date = _point(raw.year, raw.month, raw.day, raw.weekday, raw, ctx, notes)
        return (date, None) if date is not None else None
    if raw.month is None and raw.end_month is None and raw.weekday is not None and raw.year is None:
        return _weekday_range(raw, ctx)
    end = _point(raw.end_year, raw.end_month, raw.end_day, raw.end_weekday, raw, ctx, notes)
    if end is None:
        return None
    year = raw.year if raw.year is not None else end.year
    month = raw.month if raw.month is not None else end.month
    start = _point(year, month, raw.day, raw.weekday, raw, ctx, notes)
    if start is not None and raw.year is None and start.first_day() > end.first_day():
        start = _safe(year - 1, month, raw.day)
    if start is None or start.first_day() > end.first_day():
        return None
    return start, end


def _resolve_relative(raw: _Raw, ctx: _Context) -> PartialDate | None:
    if raw.anchor == "previous":  # "the same day" leans on the last date known to the day
        base = ctx.previous_day if raw.unit in ("day", "week") else ctx.previous
    else:
        base = ctx.published
    return _shift_relative(raw, base)


def _shift_relative(raw: _Raw, base: PartialDate | None) -> PartialDate | None:
    if base is None or raw.unit is None:
        return None
    if raw.unit == "year":
        return _safe(base.year + raw.offset)
    if raw.unit == "month":
        if base.month is None:
            return None
        return _safe(*_add_months(base.year, base.month, raw.offset))
    if base.day is None:
        return None
    day = base.first_day()
    if raw.unit == "day":
        return PartialDate.from_date(day + dt.timedelta(days=raw.offset))
    monday = day - dt.timedelta(days=day.isoweekday() - 1) + dt.timedelta(weeks=raw.offset)
    thursday = monday + dt.timedelta(days=3)  # the month holding most of the week's days
    return PartialDate(thursday.year, thursday.month)


def _resolve_ago(raw: _Raw, ctx: _Context) -> PartialDate | None:
    pub = ctx.published
    if pub is None or raw.unit is None or raw.offset == 0:
        return None
    if raw.unit == "year":
        return _safe(pub.year + raw.offset)
    if raw.unit == "month":
        return _safe(*_add_months(pub.year, pub.month, raw.offset)) if pub.month else None
    if pub.day is None:
        return None
    if raw.unit == "day":
        return PartialDate.from_date(pub.first_day() + dt.timedelta(days=raw.offset))
    middle = pub.first_day() + dt.timedelta(weeks=raw.offset)
    return PartialDate(middle.year, middle.month)


def _within_join_limits(raw: _Raw, start: PartialDate, end: PartialDate | None) -> bool:
    if raw.join is None or end is None:
        return True
    gap = (end.first_day() - start.last_day()).days
    if raw.join == "pair":
        return start.precision == "day" and 0 < gap <= PAIR_MAX_DAYS
    if start.precision == "day":
        return gap <= MAX_RANGE_DAYS
    return True


def _resolve(raw: _Raw, ctx: _Context, text: str) -> list[ResolvedDate]:
    notes = list(raw.notes)
    if raw.kind == "vague":
        return []
    if raw.kind == "rel":
        start, end = _resolve_relative(raw, ctx), None
    elif raw.kind == "ago":
        start, end = _resolve_ago(raw, ctx), None
    else:
        found = _resolve_cal(raw, ctx, notes)
        start, end = found if found is not None else (None, None)
        if start is not None and not _within_join_limits(raw, start, end):
            start = None
    if start is None:
        if raw.parts:
            return [d for part in raw.parts for d in _resolve(part, ctx, text)]
        return []
    rule = raw.rule + "".join(f";{note}" for note in dict.fromkeys(notes))
    return [ResolvedDate(start, end, text[raw.start:raw.end], Span(raw.start, raw.end), rule)]


# --------------------------------------------------------------------------- public API


class DateResolver:
    """All dates of one article, found in one pass and resolved on demand.

    ``text`` may be the original article (the usual case) or any string: matching runs on its
    normalised form, and every span, phrase and offset this class returns or accepts (``skip``,
    ``dates_in``) is in the coordinates of ``text`` exactly as given.
    ``language`` is recorded for callers; the patterns accept both languages everywhere because
    Indonesian articles quote English dates and the reverse.
    """

    def __init__(self, text: str, *, language: str, published: PartialDate | None,
                 skip: Sequence[Span] = (), numeric_order: str = "dmy") -> None:
        self.text = text
        self.language = language
        self.published = published
        norm = normalize(text)
        raws = [_to_original(raw, norm) for raw in _scan(norm.text)]
        if numeric_order == "mdy":
            raws = [_month_first(raw) for raw in raws]
        self._raws = [raw for raw in raws if not _overlaps_any(raw, skip)]
        self._resolved: dict[bool, list[ResolvedDate]] = {}
        self._by_start: dict[bool, tuple[list[ResolvedDate], list[int]]] = {}

    def _all(self, planned: bool) -> list[ResolvedDate]:
        if planned not in self._resolved:
            self._resolved[planned] = self._resolve_all(planned)
        return self._resolved[planned]

    def _resolve_all(self, planned: bool) -> list[ResolvedDate]:
        ctx = _Context(self.published, planned, self._anchors(), self._years_alone())
        out: list[ResolvedDate] = []
        for raw in self._raws:
            dates = _resolve(raw, ctx, self.text)
            out += dates
            if dates:
                ctx.previous = dates[-1].end or dates[-1].start
                if ctx.previous.precision == "day":
                    ctx.previous_day = ctx.previous
        return out

    def _anchors(self) -> list[tuple[int, int, int]]:
        """(offset, year, month) of every date that states its year together with a month."""
        anchors = []
        for raw in self._raws:
            if raw.kind != "cal":
                continue
            if raw.year is not None and raw.month is not None:
                anchors.append((raw.start, raw.year, raw.month))
            elif raw.end_year is not None and raw.end_month is not None:
                anchors.append((raw.end, raw.end_year, raw.end_month))
        return anchors

    def dates_in(self, start: int, end: int, *, planned: bool = False) -> list[ResolvedDate]:
        """Resolved dates whose span lies within ``[start, end)``, in text order.

        ``planned=True`` reads yearless and weekday forms forward in time (an announcement).
        """
        if planned not in self._by_start:
            spanned = sorted((d for d in self._all(planned) if d.span is not None), key=lambda d: d.span.start)
            self._by_start[planned] = spanned, [d.span.start for d in spanned]
        spanned, starts = self._by_start[planned]
        return [d for d in spanned[bisect_left(starts, start):bisect_left(starts, end)] if d.span.end <= end]

    def _years_alone(self) -> list[tuple[int, int]]:
        """(offset, year) of every four-digit year of the text ("in 2022", "the first quarter of 2023"),
        unless a target word stands before it ("by 2030")."""
        cal = _calendar()
        return [(m.start(), int(m.group())) for m in _YEAR_ALONE.finditer(self.text)
                if MIN_YEAR <= int(m.group()) <= MAX_YEAR and not _lead_match(cal, "year_target", self.text, m.start())]

    def year_anchor(self) -> int | None:
        """The year partial dates lean on: the publication year, else the year most often stated
        with a month in the article (earliest on a tie), else ``None``."""
        if self.published is not None:
            return self.published.year
        anchors = self._anchors()
        if not anchors:
            return None
        counts = Counter(year for _, year, _ in anchors)
        best = max(counts.values())
        return next(year for _, year, _ in anchors if counts[year] == best)


_YEAR_ALONE = re.compile(r"(?<![\w$.,/-])(?:19|20)\d\d(?![\w/-]|[.,]\d)")


def _month_first(raw: _Raw) -> _Raw:
    """A numeric date read month first ("6/4/2003" is June 4 where the article writes dates that way),
    unless only day first is possible (it already says so)."""
    if raw.rule == "slash" and "month_first" not in raw.notes and raw.month is not None \
            and raw.day is not None and raw.day <= 12 and raw.day != raw.month:
        raw.day, raw.month = raw.month, raw.day
        raw.notes.append("month_first")
    return raw


def _overlaps_any(raw: _Raw, spans: Sequence[Span]) -> bool:
    return any(raw.start < span.end and span.start < raw.end for span in spans)


def _to_original(raw: _Raw, norm: NormalizedText) -> _Raw:
    raw.start, raw.end = norm.span_to_original(raw.start, raw.end)
    for part in raw.parts:
        _to_original(part, norm)
    return raw


def resolve_phrase(phrase: str, *, language: str, published: PartialDate | None,
                   planned: bool = False) -> ResolvedDate | None:
    """The date a short phrase states (its longest date expression), or ``None``."""
    dates = DateResolver(phrase, language=language, published=published).dates_in(
        0, len(phrase), planned=planned)
    if not dates:
        return None
    return max(dates, key=lambda d: (d.span.end - d.span.start) if d.span else 0)


def find_dates(text: str, *, language: str = "id", published: PartialDate | None = None,
               planned: bool = False, numeric_order: str = "dmy") -> list[ResolvedDate]:
    """Every date in ``text`` (convenience for tools and for article headers)."""
    return DateResolver(text, language=language, published=published, numeric_order=numeric_order).dates_in(
        0, len(text), planned=planned)


def weekday_names() -> dict[str, int]:
    """Weekday names and abbreviations of both languages (lower case) → ISO weekday number (Monday 1)."""
    return dict(_calendar().weekday_of)


def reanchored(date: ResolvedDate, base: PartialDate) -> ResolvedDate | None:
    """A date told relative to the one mentioned before ("the same day", "keesokan harinya") resolved
    against ``base`` instead (the day of the event told before); ``None`` for any other date."""
    phrase = date.rule.split(";")[0]
    if not phrase.startswith("relative:"):
        return None
    found = _calendar().relative.get(phrase[len("relative:"):])
    if found is None or found[2] != "previous":
        return None
    unit, offset, anchor = found
    start = _shift_relative(_Raw(0, 0, phrase, kind="rel", unit=unit, offset=offset, anchor=anchor), base)
    if start is None:
        return None
    return ResolvedDate(start, None, date.phrase, date.span, f"{phrase};anchored_on_event")


def points_ahead(date: ResolvedDate) -> bool:
    """The phrase itself looks forward from publication ("pekan depan", "next week", "besok")."""
    phrase = date.rule.split(";")[0].split("+")[-1]
    if not phrase.startswith("relative:"):
        return False
    found = _calendar().relative.get(phrase[len("relative:"):])
    return found is not None and found[1] > 0 and found[2] == "publication"


def month_abbreviations() -> frozenset[str]:
    """Lower-cased month abbreviations of the calendar lexicon ("sept", "agt", ...)."""
    return _calendar().month_abbr


@cache
def timezone_names() -> tuple[str, ...]:
    """Time-zone abbreviations that may follow a time in a date line ("WIB", "GMT")."""
    return tuple(w for e in load_lexicon("calendar") if e["kind"] == "timezone" for w in _words(e))
