"""The publication date, which every relative date of an article is read against (issue 10, pattern 1).

Invented pages in the forms real sites print: a header flattened into the first line, all-number dates
whose order the page's own evidence decides, a dateline with its date and no dash, a date line that
names where it was filed, a headline printed twice above the date row.
"""

from __future__ import annotations

from app.extract.article import parse_article
from app.extract.pipeline import extract_events
from app.extract.types import PartialDate


def published(text: str) -> PartialDate | None:
    return parse_article(text).published


def test_a_flattened_header_gives_headline_date_and_body():
    text = ("Premiers sign rail accord (LI MEI) 03/05/2011 ALMATY: Chinese Premier Wen Jiabao and Kazakh Prime "
            "Minister Karim Massimov yesterday signed an agreement on a new railway line, officials said. "
            "The two premiers also discussed energy supplies over dinner in the city.")
    article = parse_article(text)
    assert article.published == PartialDate(2011, 3, 5)  # an English page writes the month first
    assert article.title == "Premiers sign rail accord"
    signing = [e for e in extract_events(article) if e.type == "agreement"]
    assert signing and signing[0].date.start == PartialDate(2011, 3, 4)


def test_a_flattened_header_needs_a_dateline_after_its_date():
    text = ("The report of 03/05/2011 on railways was discussed again by the two premiers in a long meeting "
            "that covered energy, trade and transport between the two neighbours.")
    assert published(text) is None


def test_a_weekday_on_the_date_line_decides_the_order():
    # 4 March 2010 was a Thursday; 3 April 2010 a Saturday
    text = ("Thursday, 04/03/2010\n\nMinisters meet in Beijing\n\n"
            "BEIJING - Chinese Foreign Minister Yang Jiechi met Kazakh Foreign Minister Kanat Saudabayev on "
            "Wednesday to discuss transit trade.\n")
    assert published(text) == PartialDate(2010, 3, 4)


def test_the_body_dates_decide_the_order_when_no_weekday_does():
    # 12 May 2016 or 5 December 2016: the body's "May 10" sits just before the first reading
    text = ("12/05/2016\n\nTalks on grain exports\n\n"
            "ASTANA - Officials of both countries met on May 10 to prepare the deputy premiers' talks on grain "
            "exports, the ministry said in a statement on its website.\n")
    assert published(text) == PartialDate(2016, 5, 12)


def test_an_indonesian_page_writes_the_day_first():
    text = ("03/07/2024\n\nPertemuan menteri luar negeri\n\n"
            "JAKARTA - Diplomat senior China dan Kazakhstan berkumpul di Beijing pada pekan ini guna menyusun "
            "rencana kerja sama transportasi kedua negara.\n")
    assert published(text) == PartialDate(2024, 7, 3)


def test_a_day_over_twelve_needs_no_evidence():
    text = ("Monday, 21/03/2022\n\nMinisters talk by phone\n\n"
            "BEIJING - Wang Yi held a phone call with Mukhtar Tileuberdi on Monday about transit corridors.\n")
    assert published(text) == PartialDate(2022, 3, 21)


def test_a_dateline_with_its_date_opens_the_body_without_a_dash():
    text = ("Ministers agree on new border crossing\n"
            "BEIJING, March 3, 2021 Chinese State Councilor Wang Yi met Kazakh Foreign Minister Mukhtar "
            "Tileuberdi on Wednesday and agreed to open a new crossing.\n")
    article = parse_article(text)
    assert article.published == PartialDate(2021, 3, 3)
    meeting, = [e for e in extract_events(article) if e.type == "meeting"]
    assert meeting.date.start == PartialDate(2021, 3, 3)


def test_a_date_line_may_name_where_it_was_filed():
    text = ("Site menu\n\nStart of talks with the Chinese Premier\n\nMay 4, 2018, The Kremlin, Moscow\n\n"
            "President of Russia: Mr Premier, welcome to Moscow. Our talks today will cover many matters.\n")
    assert published(text) == PartialDate(2018, 5, 4)


def test_a_headline_printed_twice_stays_above_the_date_row():
    text = ("Kazakhstan dan China Bahas Jalur Kereta Baru, Apa Untungnya bagi Kawasan?\n\n"
            "Kazakhstan dan China Bahas Jalur Kereta Baru, Apa Untungnya bagi Kawasan?\n\n"
            "Internasional | kabarsatu | Kamis, 11 Januari 2024 - 09:15\n\n"
            "Menteri Perhubungan Kazakhstan bertemu dengan mitranya dari China di Beijing pada Rabu untuk "
            "membahas jalur kereta baru yang menghubungkan kedua negara melalui perbatasan Khorgos.\n")
    article = parse_article(text)
    assert article.published == PartialDate(2024, 1, 11)
    assert article.title.startswith("Kazakhstan dan China Bahas Jalur Kereta Baru")


def test_a_menu_rows_today_gives_way_to_the_articles_date():
    text = ("Home | World | Business | Sport | Tuesday, 7 December 2021\n\n"
            "Ministers discuss grain corridor\n\n"
            "Friday, 26 November 2021\n\n"
            "Kazakh Deputy Prime Minister Roman Sklyar met the Chinese ambassador on Thursday to discuss the "
            "grain corridor, the government said.\n")
    assert published(text) == PartialDate(2021, 11, 26)


def test_a_weather_widget_is_no_date_line():
    text = ("Almaty 21°C Senin, 6 Desember 2021\n\nMenteri bahas koridor gandum\n\n"
            "Wakil Perdana Menteri Kazakhstan bertemu dengan duta besar China pada Kamis untuk membahas "
            "koridor gandum, kata pemerintah dalam pernyataan resminya.\n\nKamis, 25 November 2021\n")
    assert published(text) != PartialDate(2021, 12, 6)


def test_a_print_edition_note_dates_the_page():
    text = ("Pipeline talks move ahead\n\n"
            "ASTANA - Energy ministers of both countries met yesterday to move talks on a new gas pipeline "
            "ahead, officials said after the meeting in the capital.\n\n(3/14/2006 issue of The Daily Post)\n")
    assert published(text) == PartialDate(2006, 3, 14)


def test_a_date_line_that_ends_in_a_byline_is_the_publication_date():
    for line, language in (("Posted on 14 March 2008 by Central Asia Desk", "en"),
                           ("Diterbitkan 14 Maret 2008 oleh Redaksi Luar Negeri", "id"),
                           ("14 March 2008 by Aigerim Sadykova and Li Na", "en")):
        text = (f"Home | News | Analysis\nRail talks in Beijing\n{line}\n"
                "Kazakh Prime Minister Karim Massimov met Chinese Premier Wen Jiabao in Beijing on Tuesday to "
                "discuss a new railway line and grain exports.\n")
        assert published(text) == PartialDate(2008, 3, 14), (line, language)


def test_a_byline_tail_does_not_make_a_sentence_a_date_line():
    text = ("Rail talks in Beijing\n\nKazakh Prime Minister Karim Massimov met Chinese Premier Wen Jiabao on "
            "14 March 2008, a meeting first reported by Xinhua News Agency\n")
    assert published(text) is None


def test_a_print_edition_note_at_the_end_of_a_source_line_is_the_publication_date():
    text = ("Record 3 of 9\nSource: Steppe Trade Journal (3/14/2006 issue of the Karaganda business weekly)\n"
            "Section: Trade\n\nRAIL LINK AGREED\n\nKazakh Prime Minister Daniyal Akhmetov and Chinese Premier "
            "Wen Jiabao agreed on Monday to build a second rail link across the border.\n")
    article = parse_article(text)
    assert article.published == PartialDate(2006, 3, 14)
    assert article.title == "RAIL LINK AGREED"


def test_a_digest_header_with_dashes_or_a_republished_field_gives_the_date():
    digest = ("STEPPE POLICY BRIEF — No. 41 — Friday 4 June 2010\nFor members only.\n\n"
              "Kazakh Foreign Minister Kanat Saudabayev met Chinese Foreign Minister Yang Jiechi in Beijing on "
              "Thursday to discuss transit trade and water.\n")
    assert published(digest) == PartialDate(2010, 6, 4)
    aggregator = ("Talks in Beijing\n\nSource: wire reports | Republished: Friday, June 4, 2010 | 2 min read\n\n"
                  "Kazakh Foreign Minister Kanat Saudabayev met Chinese Foreign Minister Yang Jiechi in Beijing on "
                  "Thursday to discuss transit trade and water.\n")
    assert published(aggregator) == PartialDate(2010, 6, 4)
