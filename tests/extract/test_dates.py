"""Date finding and resolution: one case per form of the issue, both languages where they apply.

Expected values come from the calendar (e.g. 14 September 2022 was a Wednesday, 10 July 2024 a
Wednesday), not from the code.
"""

from __future__ import annotations

import datetime as dt

import pytest

from app.extract.dates import DateResolver, find_dates, resolve_phrase
from app.extract.types import PartialDate, Span

P = PartialDate.from_iso


def iso(phrase: str, lang: str, published: str | None, *, planned: bool = False) -> str | None:
    """``start`` or ``start..end`` of the date the phrase states, ``None`` when there is none."""
    found = resolve_phrase(phrase, language=lang, published=P(published) if published else None,
                           planned=planned)
    if found is None:
        return None
    return found.start.iso() + (f"..{found.end.iso()}" if found.end else "")


def test_calendar_facts_the_cases_rely_on():
    assert dt.date(2022, 9, 14).isoweekday() == 3  # Wednesday
    assert dt.date(2024, 7, 10).isoweekday() == 3
    assert dt.date(2022, 1, 12).isoweekday() == 3
    assert dt.date(2024, 1, 14).isoweekday() == 7
    assert dt.date(2023, 1, 14).isoweekday() == 6


# --------------------------------------------------------------------------- absolute forms

ABSOLUTE = [
    ("14 September 2022", "id", "2022-09-14"),
    ("on 14 September 2022", "en", "2022-09-14"),
    ("14/9/2022", "id", "2022-09-14"),
    ("on 14/9/2022", "en", "2022-09-14"),
    ("2024-07-03", "id", "2024-07-03"),
    ("released 2024-07-03", "en", "2024-07-03"),
    ("Juli 2024", "id", "2024-07"),
    ("July 2024", "en", "2024-07"),
    ("pada 2013", "id", "2013"),
    ("in 2013", "en", "2013"),
    ("Sept. 14, 2022", "en", "2022-09-14"),
    ("Sept 7, 2013", "en", "2013-09-07"),
    ("14 Sep 2022", "en", "2022-09-14"),
    ("14 Sep 2022", "id", "2022-09-14"),
    ("September 14, 2022", "en", "2022-09-14"),
    ("17 Agt 2021", "id", "2021-08-17"),
    ("17 Agu 2021", "id", "2021-08-17"),
    ("3 Des 2020", "id", "2020-12-03"),
    ("5 Okt 2019", "id", "2019-10-05"),
    ("1 Peb 2018", "id", "2018-02-01"),
    ("1 Feb 2018", "en", "2018-02-01"),
    ("Dec 15,2014", "en", "2014-12-15"),
    ("02 декабря 2021", "en", "2021-12-02"),
    ("Sabtu (14/06/25)", "id", "2025-06-14"),
]


@pytest.mark.parametrize("phrase, lang, expected", ABSOLUTE, ids=[c[0] for c in ABSOLUTE])
def test_absolute_dates_need_no_publication_date(phrase, lang, expected):
    assert iso(phrase, lang, None) == expected


def test_precision_is_kept_honestly():
    month = resolve_phrase("Juli 2024", language="id", published=None)
    year = resolve_phrase("pada 2013", language="id", published=None)
    assert month.start.precision == "month"
    assert year.start.precision == "year"


@pytest.mark.parametrize("phrase, lang", [("March 24", "en"), ("24 Maret", "id")])
def test_day_and_month_take_the_publication_year(phrase, lang):
    assert iso(phrase, lang, "2020-03-24") == "2020-03-24"


# --------------------------------------------------------------------------- ranges

RANGES = [
    ("2-3 Juli", "id", "2024-07-10", "2024-07-02..2024-07-03"),
    ("July 2-3", "en", "2024-07-10", "2024-07-02..2024-07-03"),
    ("18-19/5", "id", "2023-05-20", "2023-05-18..2023-05-19"),
    ("from 17 to 19 May", "en", "2023-05-20", "2023-05-17..2023-05-19"),
    ("dari 17 hingga 19 Mei", "id", "2023-05-20", "2023-05-17..2023-05-19"),
    ("June 7-10, 2017", "en", None, "2017-06-07..2017-06-10"),
    ("from June 7 to 10, 2017", "en", None, "2017-06-07..2017-06-10"),
    ("Sept. 21-25, 2019", "en", None, "2019-09-21..2019-09-25"),
    ("dari Senin (8/4) hingga Rabu (10/4)", "id", "2024-04-12", "2024-04-08..2024-04-10"),
    ("16-18 Juni", "id", "2025-06-16", "2025-06-16..2025-06-18"),
    ("19–22 November", "id", "2025-11-17", "2025-11-19..2025-11-22"),
    ("dari 31 Agustus hingga 1 September 2025", "id", None, "2025-08-31..2025-09-01"),
    ("pada 15 dan 16 September", "id", "2022-09-12", "2022-09-15..2022-09-16"),
    ("Kamis (18/5) dan Jumat (19/5)", "id", "2023-05-17", "2023-05-18..2023-05-19"),
    ("in 2014-2016", "en", None, "2014..2016"),
]


@pytest.mark.parametrize("phrase, lang, published, expected", RANGES, ids=[c[0] for c in RANGES])
def test_ranges(phrase, lang, published, expected):
    assert iso(phrase, lang, published) == expected


def test_range_start_borrows_the_year_of_its_end_across_new_year():
    assert iso("28 Desember hingga 2 Januari 2024", "id", None) == "2023-12-28..2024-01-02"


def test_weekday_range_ending_at_the_last_such_day():
    # published Thursday 26 Sep 2019: "from Saturday to Wednesday" = 21-25 Sep
    assert iso("from Saturday to Wednesday", "en", "2019-09-26") == "2019-09-21..2019-09-25"
    assert iso("dari Sabtu hingga Rabu", "id", "2019-09-26") == "2019-09-21..2019-09-25"


def test_weekday_range_in_apposition_checks_the_explicit_range():
    found = resolve_phrase("dari Selasa hingga Kamis, 16-18 Mei 2023", language="id",
                           published=P("2023-05-14"))
    assert (found.start.iso(), found.end.iso()) == ("2023-05-16", "2023-05-18")
    assert "weekday_checked" in found.rule


def test_two_dates_far_apart_joined_by_dan_stay_two_dates():
    dates = find_dates("pada 3 Januari dan 20 Maret 2022", language="id")
    assert [d.start.iso() for d in dates] == ["2022-01-03", "2022-03-20"]


# --------------------------------------------------------------------------- partial and relative

RELATIVE = [
    ("Rabu (14/9)", "id", "2022-09-14", "2022-09-14"),
    ("Senin (20/5)", "id", "2024-05-21", "2024-05-20"),
    ("pada pagi hari ini (03/07)", "id", "2024-07-03", "2024-07-03"),
    ("hari Senin", "id", "2022-01-12", "2022-01-10"),
    ("on Monday", "en", "2022-01-12", "2022-01-10"),
    ("pada hari Rabu", "id", "2023-05-18", "2023-05-17"),
    ("on Wednesday", "en", "2023-05-18", "2023-05-17"),
    ("Rabu lalu", "id", "2024-07-10", "2024-07-03"),
    ("last Wednesday", "en", "2024-07-10", "2024-07-03"),
    ("kemarin", "id", "2024-07-10", "2024-07-09"),
    ("yesterday", "en", "2024-07-10", "2024-07-09"),
    ("hari ini", "id", "2024-07-10", "2024-07-10"),
    ("today", "en", "2024-07-10", "2024-07-10"),
    ("pekan lalu", "id", "2024-07-10", "2024-07"),
    ("minggu lalu", "id", "2024-07-10", "2024-07"),
    ("last week", "en", "2024-07-10", "2024-07"),
    ("bulan lalu", "id", "2024-07-10", "2024-06"),
    ("last month", "en", "2024-07-10", "2024-06"),
    ("bulan lalu", "id", "2024-01-15", "2023-12"),
    ("tahun lalu", "id", "2024-07-10", "2023"),
    ("last year", "en", "2024-07-10", "2023"),
    ("November lalu", "id", "2024-05-21", "2023-11"),
    ("last November", "en", "2024-05-21", "2023-11"),
    ("November lalu", "id", "2024-12-05", "2024-11"),
    ("tahun depan", "id", "2024-07-03", "2025"),
    ("next year", "en", "2024-07-03", "2025"),
    ("tahun ini", "id", "2024-05-21", "2024"),
    ("this year", "en", "2024-05-21", "2024"),
    ("on Wednesday (Sep 14)", "en", "2022-09-14", "2022-09-14"),
    ("on Wednesday (Sept. 14, 2022)", "en", None, "2022-09-14"),
    ("Rabu (14/9/2022)", "id", None, "2022-09-14"),
    ("earlier this month", "en", "2022-01-12", "2022-01"),
    ("awal bulan ini", "id", "2022-01-12", "2022-01"),
    ("in June", "en", "2022-09-12", "2022-06"),
    ("pada bulan Juni", "id", "2022-09-12", "2022-06"),
    ("in June", "en", "2022-03-01", "2021-06"),
    ("five years ago", "en", "2022-09-14", "2017"),
    ("5 tahun lalu", "id", "2022-09-14", "2017"),
    ("lima tahun lalu", "id", "2022-09-14", "2017"),
    ("11 tahun yang lalu", "id", "2024-07-03", "2013"),
    ("30 years ago", "en", "2022-02-05", "1992"),
    ("Juni tahun lalu", "id", "2024-07-10", "2023-06"),
    ("June last year", "en", "2024-07-10", "2023-06"),
    ("pada hari Minggu (1/12)", "id", "2024-12-02", "2024-12-01"),
]


@pytest.mark.parametrize("phrase, lang, published, expected", RELATIVE,
                         ids=[f"{c[0]}@{c[2]}" for c in RELATIVE])
def test_partial_and_relative_forms(phrase, lang, published, expected):
    assert iso(phrase, lang, published) == expected


@pytest.mark.parametrize("phrase", ["tahun lalu", "bulan lalu", "November lalu", "five years ago"])
def test_relative_precision_is_never_a_day(phrase):
    found = resolve_phrase(phrase, language="id", published=P("2024-05-21"))
    assert found.start.day is None


def test_week_spanning_two_months_is_the_month_of_its_thursday():
    # published Wednesday 7 Aug 2024: last week is 29 July - 4 August, four of its days in August
    assert iso("pekan lalu", "id", "2024-08-07") == "2024-08"
    assert iso("last week", "en", "2024-08-07") == "2024-08"
    # published Friday 5 July 2024: last week is 24 - 30 June, all in June
    assert iso("minggu lalu", "id", "2024-07-05") == "2024-06"
    # published Thursday 5 Sep 2024: last week is 26 August - 1 September, mostly August
    assert iso("last week", "en", "2024-09-05") == "2024-08"


def test_weekday_alone_is_the_last_such_day_unless_planned():
    # published Monday 12 Sep 2022
    assert iso("Rabu", "id", "2022-09-12") == "2022-09-07"
    assert iso("Rabu", "id", "2022-09-12", planned=True) == "2022-09-14"
    assert iso("on Wednesday", "en", "2022-09-12", planned=True) == "2022-09-14"


def test_weekday_on_the_publication_day_is_that_day():
    assert iso("on Wednesday", "en", "2022-09-14") == "2022-09-14"
    assert iso("on Wednesday", "en", "2022-09-14", planned=True) == "2022-09-14"


def test_month_alone_looks_forward_when_planned():
    assert iso("in June", "en", "2022-03-01", planned=True) == "2022-06"
    assert iso("pada bulan Juni", "id", "2022-03-01", planned=True) == "2022-06"


def test_day_month_far_after_publication_moves_to_the_previous_year():
    assert iso("(20/12)", "id", "2024-01-05") == "2023-12-20"
    assert iso("20 Desember", "id", "2024-01-05") == "2023-12-20"
    assert iso("December 20", "en", "2024-01-05") == "2023-12-20"


def test_day_month_soon_after_publication_keeps_its_year():
    assert iso("(2/7)", "id", "2024-07-10") == "2024-07-02"
    assert iso("(20/7)", "id", "2024-07-10") == "2024-07-20"


def test_planned_day_month_early_in_the_year_moves_forward():
    assert iso("(5/1)", "id", "2024-12-20", planned=True) == "2025-01-05"


def test_weekday_with_day_month_picks_the_agreeing_year():
    # 14 January 2024 was a Sunday, 14 January 2023 a Saturday
    found = resolve_phrase("Sabtu (14/1)", language="id", published=P("2024-03-01"))
    assert found.start.iso() == "2023-01-14"
    assert "year_by_weekday" in found.rule


def test_weekday_disagreeing_in_every_candidate_year_keeps_the_date_and_says_so():
    found = resolve_phrase("Senin (14/1)", language="id", published=P("2024-03-01"))
    assert found.start.iso() == "2024-01-14"
    assert "weekday_mismatch" in found.rule


def test_weekday_with_full_date_that_disagrees_is_noted():
    found = resolve_phrase("Kamis (14/9/2022)", language="id", published=None)
    assert found.start.iso() == "2022-09-14"
    assert "weekday_mismatch" in found.rule


def test_relative_forms_need_a_publication_date():
    for phrase in ("kemarin", "tahun lalu", "Rabu", "pekan lalu", "in June", "Rabu (17/5)"):
        assert iso(phrase, "id", None) is None, phrase


def test_relative_day_needs_a_publication_day():
    assert iso("kemarin", "id", "2022-09") is None
    assert iso("Rabu", "id", "2022-09") is None
    assert iso("tahun lalu", "id", "2022-09") == "2021"


# --------------------------------------------------------------------------- articles without a date


def test_partial_date_takes_the_year_of_the_nearest_full_date_after_it():
    text = "Forum dibuka pada Selasa (10/10). Gambar ini diambil pada 9 Oktober 2023 di lokasi."
    dates = DateResolver(text, language="id", published=None).dates_in(0, len(text))
    assert [d.start.iso() for d in dates] == ["2023-10-10", "2023-10-09"]
    assert "year_from_context" in dates[0].rule


def test_partial_date_takes_the_year_of_the_nearest_full_date_before_it():
    text = "Pada 6 Januari 2022 kerusuhan pecah. Xi mengirim pesan pada Jumat (7/1)."
    dates = DateResolver(text, language="id", published=None).dates_in(0, len(text))
    assert [d.start.iso() for d in dates] == ["2022-01-06", "2022-01-07"]


def test_nearest_full_date_wins_over_a_distant_one():
    text = "Pada 1 Maret 2015 ia datang. " + "Kalimat lain. " * 30 + "Lalu pada 3 Mei 2023 dan Rabu (17/5)."
    dates = DateResolver(text, language="id", published=None).dates_in(0, len(text))
    assert dates[-1].start.iso() == "2023-05-17"


def test_year_only_mentions_do_not_anchor_partial_dates():
    text = "Xi mengusulkan BRI pada 2013. Ia tiba pada Rabu (17/5)."
    dates = DateResolver(text, language="id", published=None).dates_in(0, len(text))
    assert [d.start.iso() for d in dates] == ["2013"]


def test_year_anchor():
    assert DateResolver("x", language="id", published=P("2024-07-10")).year_anchor() == 2024
    text = "Pada 16 Mei 2023, 18 Mei 2023 dan 3 Januari 1992."
    assert DateResolver(text, language="id", published=None).year_anchor() == 2023
    assert DateResolver("tanpa tanggal", language="id", published=None).year_anchor() is None


# --------------------------------------------------------------------------- not dates

NOT_DATES = [
    ("perdagangan bilateral mencapai 41 miliar dolar AS", "id"),
    ("kerja sama selama 30 tahun", "id"),
    ("selama 32 tahun sejak hubungan diplomatik", "id"),
    ("lebih dari 1.000 pelajar", "id"),
    ("trains in Q1 2024 rose", "en"),
    ("Rabu 12:15:40 WIB", "id"),
    ('dalam "30 tahun emas"', "id"),
    ("Pertemuan ke-24 Dewan", "id"),
    ("pandemi COVID-19 melanda", "id"),
    ("upacara pembukaan Expo 2017 di Astana", "id"),
    ("the Beijing 2022 Winter Olympics", "en"),
    ("KTT G20 di Roma", "id"),
    ("sejak berpuluh tahun lalu", "id"),
    ("beberapa tahun lalu", "id"),
    ("a reference to Kazakhstan Today", "en"),
    ("masa jabatan 2024-2025", "id"),
    ("26 dari 45 proyek", "id"),
    ("Kepala negara Minggu ini", "id"),
]


@pytest.mark.parametrize("text, lang", NOT_DATES, ids=[c[0] for c in NOT_DATES])
def test_numbers_that_are_not_dates(text, lang):
    # "Rabu" in the clock-time case is a weekday without a publication date: unresolvable too
    assert DateResolver(text, language=lang, published=P("2024-07-10") if "Rabu" not in text else None
                        ).dates_in(0, len(text)) == []


def test_ambiguous_minggu_is_sunday_only_with_hari_or_a_date():
    assert iso("minggu lalu", "id", "2024-07-10") == "2024-07"
    assert iso("pada hari Minggu", "id", "2024-07-10") == "2024-07-07"
    assert iso("Minggu (2/1)", "id", "2022-01-08") == "2022-01-02"


# --------------------------------------------------------------------------- spans, rules, anaphora


def test_spans_point_into_the_original_text():
    text = "Xi\u00a0tiba pada\u00a0Rabu\u00a0\u00a0(14/9) dan \u201cbertemu\u201d pada 15\u00a0September 2022."
    dates = DateResolver(text, language="id", published=P("2022-09-14")).dates_in(0, len(text))
    assert [d.phrase for d in dates] == ["Rabu\u00a0\u00a0(14/9)", "15\u00a0September 2022"]
    for date in dates:
        assert text[date.span.start:date.span.end] == date.phrase


def test_rule_names_the_pattern():
    assert resolve_phrase("Rabu (14/9)", language="id", published=P("2022-09-14")).rule.startswith(
        "weekday+paren_ddmm")
    assert resolve_phrase("tahun lalu", language="id", published=P("2022-09-14")).rule == "relative:tahun lalu"
    assert resolve_phrase("14 September 2022", language="id", published=None).rule == "dmy"


def test_dates_in_returns_only_dates_inside_the_window_in_text_order():
    text = "Pada 2 Juli 2024 ia tiba. Pada 3 Juli 2024 ia bicara."
    resolver = DateResolver(text, language="id", published=None)
    second = text.index("Pada 3")
    assert [d.start.iso() for d in resolver.dates_in(0, len(text))] == ["2024-07-02", "2024-07-03"]
    assert [d.start.iso() for d in resolver.dates_in(second, len(text))] == ["2024-07-03"]
    assert resolver.dates_in(0, text.index("Juli")) == []


def test_skip_spans_hide_dates():
    text = "Jumat, 23 Agustus 2024 16:45:09 WIB\nWang tiba pada Rabu (21/8)."
    skip = [Span(0, text.index("\n"))]
    dates = DateResolver(text, language="id", published=P("2024-08-23"), skip=skip).dates_in(0, len(text))
    assert [d.start.iso() for d in dates] == ["2024-08-21"]


def test_same_year_refers_to_the_date_before():
    text = "berkunjung pada April 1995, dibalas pada Juni tahun yang sama. Tahun 2012 ia datang, lalu tahun berikutnya."
    dates = find_dates(text, language="id", published=P("2022-07-05"))
    assert [d.start.iso() for d in dates] == ["1995-04", "1995-06", "2012", "2013"]


def test_years_listed_after_a_trigger():
    dates = find_dates("mengunjungi Kazakhstan pada tahun 2013 dan 2015", language="id")
    assert [d.start.iso() for d in dates] == ["2013", "2015"]


def test_sentence_period_after_a_month_is_not_part_of_the_phrase():
    found = resolve_phrase("pada 18-19 Mei.", language="id", published=P("2023-05-16"))
    assert found.phrase == "18-19 Mei"
    assert resolve_phrase("on Sept. 14", language="en", published=P("2022-09-14")).phrase == "Sept. 14"


def test_capitalised_relative_word_inside_a_name_is_not_a_date():
    assert find_dates("Copyright of News Agency Kazakhstan Today.", language="en",
                      published=P("2020-09-13")) == []
    assert [d.start.iso() for d in find_dates("Today, he said.", language="en", published=P("2020-09-13"))] == [
        "2020-09-13"]


@pytest.mark.parametrize("text, expected", [
    ("Tokayev held talks with Xi on July 3. " + "Other words here. " * 10
     + "He had travelled to Beijing in March 2023 and again in November 2023.", "2024-07-03"),
    ("Tokayev dan Xi berunding pada 3 Juli. " + "Kalimat lain di sini. " * 10
     + "Ia terbang ke Beijing pada Maret 2023 dan sekali lagi pada November 2023.", "2024-07-03"),
])
def test_undated_article_is_written_after_the_months_it_states(text, expected):
    dates = DateResolver(text, language="en", published=None).dates_in(0, len(text))
    assert dates[0].start.iso() == expected
