"""Cross-article clustering as a pure function."""

import datetime as dt
import itertools
from dataclasses import replace

from app.extract.types import PartialDate
from app.ingest.merge import (
    ReportKey,
    cluster_reports,
    combined_confidence,
    compatible,
    date_last,
    pick_subtype,
    visit_span,
)


def key(id, article, start, precision="day", names=("Xi Jinping", "Kassym-Jomart Tokayev"), type="meeting",
        end=None):
    start_date = PartialDate.from_iso(start).first_day() if start else None
    end_date = PartialDate.from_iso(end).first_day() if end else None
    return ReportKey(id=id, type=type, article_key=article, ordinal=0, date_start=start_date,
                     date_last=date_last(start_date, end_date, precision), precision=precision,
                     names=frozenset(names))


def groups(clusters):
    return sorted(sorted(r.id for r in c) for c in clusters)


def test_same_event_in_two_articles_is_one():
    assert groups(cluster_reports([key(1, "a", "2024-07-03"), key(2, "b", "2024-07-03")])) == [[1, 2]]


def test_different_days_stay_apart():
    assert groups(cluster_reports([key(1, "a", "2024-07-03"), key(2, "b", "2024-07-04")])) == [[1], [2]]


def test_no_shared_participant_stays_apart():
    other = key(2, "b", "2024-07-03", names=("Wang Yi", "Murat Nurtleu"))
    assert groups(cluster_reports([key(1, "a", "2024-07-03"), other])) == [[1], [2]]


def test_reports_of_one_article_never_merge():
    assert groups(cluster_reports([key(1, "a", "2024-07-03"), key(2, "a", "2024-07-03")])) == [[1], [2]]


def test_type_must_agree():
    visit = key(2, "b", "2024-07-03", type="visit")
    assert groups(cluster_reports([key(1, "a", "2024-07-03"), visit])) == [[1], [2]]


def test_month_report_joins_day_event_but_cannot_bridge_two_days():
    reports = [key(1, "a", "2023-05-17"), key(2, "b", "2023-10-17"), key(3, "c", "2023", "year")]
    result = groups(cluster_reports(reports))
    assert [1] in result or [1, 3] in result
    assert [2] in result or [2, 3] in result
    assert sum(len(g) for g in result) == 3 and len(result) == 2


def test_range_overlaps_single_day():
    visit_range = key(1, "a", "2024-07-02", type="visit", end="2024-07-03")
    arrival = key(2, "b", "2024-07-02", type="visit")
    assert groups(cluster_reports([visit_range, arrival])) == [[1, 2]]


def test_undated_reports_never_merge():
    assert not compatible(key(1, "a", None, None), key(2, "b", None, None))


def test_result_does_not_depend_on_order():
    reports = [key(1, "a", "2022-09-14"), key(2, "b", "2022-09", "month"), key(3, "c", "2022-09-14"),
               key(4, "d", "2022", "year"), key(5, "e", "2022-09-15"), key(6, "f", "2022-09", "month")]
    outcomes = {tuple(map(tuple, groups(cluster_reports(p)))) for p in itertools.permutations(reports)}
    assert len(outcomes) == 1


def test_pick_subtype_prefers_specific():
    assert pick_subtype(["visit", "state_visit", "visit"]) == "state_visit"
    assert pick_subtype(["talks", "phone_call", "phone_call"]) == "phone_call"
    assert pick_subtype(["meeting"]) == "meeting"


def test_confidence_grows_with_reports_and_stays_below_one():
    one = combined_confidence([0.6])
    two = combined_confidence([0.6, 0.6])
    assert one == 0.6 and one < two < 1
    assert combined_confidence([1.0, 1.0]) == 0.99


def test_date_last_by_precision():
    assert date_last(dt.date(2024, 2, 1), None, "month") == dt.date(2024, 2, 29)
    assert date_last(dt.date(2023, 1, 1), None, "year") == dt.date(2023, 12, 31)
    assert date_last(dt.date(2024, 7, 2), dt.date(2024, 7, 3), "day") == dt.date(2024, 7, 3)


def test_reports_of_one_visit_on_neighbouring_days_merge():
    arrival = key(1, "a", "2013-09-07", type="visit")
    next_day = key(2, "b", "2013-09-08", type="visit")
    assert groups(cluster_reports([arrival, next_day])) == [[1, 2]]


def test_visits_a_week_apart_stay_apart():
    assert groups(cluster_reports([key(1, "a", "2013-09-01", type="visit"),
                                   key(2, "b", "2013-09-09", type="visit")])) == [[1], [2]]


def test_visit_span_covers_every_reported_day():
    days = [(dt.date(2013, 9, 8), None), (dt.date(2013, 9, 7), None), (dt.date(2013, 9, 9), dt.date(2013, 9, 10))]
    assert visit_span(days) == (dt.date(2013, 9, 7), dt.date(2013, 9, 10))
    assert visit_span([(dt.date(2013, 9, 7), None)]) == (dt.date(2013, 9, 7), None)


def test_a_summit_and_talks_on_the_same_day_stay_apart():
    summit = ReportKey(id=1, type="meeting", article_key="a", ordinal=0, date_start=dt.date(2024, 7, 3),
                       date_last=dt.date(2024, 7, 3), precision="day", names=frozenset({"Xi Jinping"}),
                       mode="multilateral")
    talks = ReportKey(id=2, type="meeting", article_key="b", ordinal=0, date_start=dt.date(2024, 7, 3),
                      date_last=dt.date(2024, 7, 3), precision="day", names=frozenset({"Xi Jinping"}),
                      mode="in_person")
    assert groups(cluster_reports([summit, talks])) == [[1], [2]]


def sided(id, article, people, type="meeting"):
    day = dt.date(2006, 12, 20)
    return ReportKey(id=id, type=type, article_key=article, ordinal=0, date_start=day, date_last=day,
                     precision="day", names=frozenset(name for _, name in people), sides=frozenset(people))


def test_meetings_of_one_person_with_different_counterparts_stay_apart():
    with_president = sided(1, "a", [("China", "Hu Jintao"), ("Kazakhstan", "Nursultan Nazarbayev")])
    with_speaker = sided(2, "b", [("China", "Hu Jintao"), ("Kazakhstan", "Marat Tazhin")])
    assert groups(cluster_reports([with_president, with_speaker])) == [[1], [2]]


def test_a_meeting_report_naming_more_people_of_a_side_still_joins():
    short = sided(1, "a", [("China", "Hu Jintao"), ("Kazakhstan", "Nursultan Nazarbayev")])
    longer = sided(2, "b", [("China", "Hu Jintao"), ("China", "Wang Yi"), ("Kazakhstan", "Nursultan Nazarbayev")])
    one_side = sided(3, "c", [("China", "Hu Jintao")])
    assert groups(cluster_reports([short, longer, one_side])) == [[1, 2, 3]]


def test_visits_of_one_visitor_join_whoever_each_report_names_as_host():
    first = sided(1, "a", [("China", "Hu Jintao"), ("Kazakhstan", "Nursultan Nazarbayev")], type="visit")
    second = sided(2, "b", [("China", "Hu Jintao"), ("Kazakhstan", "Marat Tazhin")], type="visit")
    assert groups(cluster_reports([first, second])) == [[1, 2]]


def test_meetings_in_two_cities_stay_apart():
    people = [("China", "Xi Jinping"), ("Kazakhstan", "Kassym-Jomart Tokayev")]
    in_astana = replace(sided(1, "a", people), city="Astana")
    in_samarkand = replace(sided(2, "b", people), city="Samarkand", precision="month",
                           date_start=dt.date(2006, 12, 1), date_last=dt.date(2006, 12, 31))
    somewhere = sided(3, "c", people)
    assert groups(cluster_reports([in_astana, in_samarkand])) == [[1], [2]]
    assert [1, 3] in groups(cluster_reports([in_astana, somewhere]))
