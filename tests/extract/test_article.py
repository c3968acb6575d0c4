"""Article parsing: header date, title, outlet, language, dateline, boilerplate and captions."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.extract.article import TITLE_MAX, detect_language, parse_article
from app.extract.types import PartialDate
from tests.shared_corpus import HELD_BACK, SHARED_CORPUS, manifest, requires_corpus

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"


def _manifest() -> list[tuple[Path, str | None]]:
    """The development articles of the shared corpus with their publication dates (held-back ones left out)."""
    return [(SHARED_CORPUS / lang / row["file"], row["published"])
            for lang in ("id", "en") for row in manifest(lang) if row["file"] not in HELD_BACK]


MANIFEST = _manifest()


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def covered(spans, start: int, end: int) -> bool:
    return any(span.start <= start and end <= span.end for span in spans)


# --------------------------------------------------------------------------- corpus-wide


DATE_IN_HEADER_CHARS = 800
"""The manifest gives each page's publication date as its address did; a page whose first characters do
not even name that year prints no date the parser could find."""


@requires_corpus
@pytest.mark.parametrize("path, published", MANIFEST, ids=[p.name for p, _ in MANIFEST])
def test_publication_date_of_every_corpus_article(path, published):
    text = read(path)
    article = parse_article(text, path.name)
    if published is None:  # a page without a known date: at most a line that is a date and nothing else
        assert article.published is None or any(
            line.strip() == article.published_phrase for line in text.splitlines())
    elif published[:4] in text[:DATE_IN_HEADER_CHARS]:
        assert article.published == PartialDate.from_iso(published)
        assert article.published_phrase
    else:
        assert article.published in (None, PartialDate.from_iso(published))


@requires_corpus
@pytest.mark.parametrize("path, published", MANIFEST, ids=[p.name for p, _ in MANIFEST])
def test_language_of_every_corpus_article(path, published):
    assert parse_article(read(path)).language == path.parent.name


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")) + [p for p, _ in MANIFEST],
                         ids=lambda p: p.name)
def test_spans_lie_inside_the_text_and_do_not_overlap_captions(path):
    text = read(path)
    article = parse_article(text)
    for span in (*article.boilerplate, *article.captions, *([article.dateline] if article.dateline else [])):
        assert 0 <= span.start < span.end <= len(text)
        assert text[span.start:span.end].strip()
    for caption in article.captions:
        assert not any(b.start < caption.end and caption.start < b.end for b in article.boilerplate)
    assert article.title and len(article.title) <= TITLE_MAX


# --------------------------------------------------------------------------- page layouts of the seed sites
# Invented pages laid out like the seed articles' sites (the seeds themselves stay in seeds/ and are
# ingested whole by the evaluation; these tests do not quote them).

BHARATA_RELATED = ("Berita Lainnya\n\n"
                   "Pameran kopi internasional dibuka di Addis Ababa International\n\n"
                   "Jumat, 9 Februari 2024 20:3:7 WIB\n\n"
                   "banner\n"
                   "Festival layang-layang di Bali International\n\n"
                   "Sabtu, 10 Februari 2024 8:41:56 WIB\n")


def bharata_page(date_line: str, title: str, caption: str, dateline_sentence: str) -> str:
    """A page of a broadcaster's Indonesian site: date line, title, section, author, banner, photo
    caption, body opened by "City, Outlet - ", a comments label and a dated related list."""
    return (f"{date_line}\n\n{title}\nInternational\n\nDewi Lestari\n\nbanner\n\n{caption}\n\n"
            f"{dateline_sentence}\n\n"
            "Atas undangan Menteri Luar Negeri Kazakhstan, Murat Nurtleu, Wang melakukan kunjungan resmi ke "
            "Kazakhstan dari Senin (11/3) hingga Selasa (12/3).\n\n"
            "Kedua menteri membahas jalur kereta barang, pasokan gandum dan pembukaan pos perbatasan baru.\n\n"
            f"Komentar\n\n{BHARATA_RELATED}")


BHARATA_TITLE = "Tiongkok dan Kazakhstan sepakat menambah jadwal kereta barang lintas perbatasan tahun ini"
BHARATA = bharata_page(
    "Kamis, 14 Maret 2024 09:05:12 WIB", BHARATA_TITLE, "Menteri Luar Negeri Tiongkok Wang Yi (CMG)",
    "Astana, Radio Bharata Online - Kunjungan Menteri Luar Negeri Tiongkok, Wang Yi, ke Kazakhstan "
    "ditutup dengan kesepakatan baru tentang angkutan barang.")

TITLE_FIRST = ("Li Qiang Adakan Pembicaraan Dengan Perdana Menteri Kazakhstan\n\n"
               "2023-11-02 18:40:05\u00a0\u00a0\n\n"
               "Pada sore hari ini (02/11) waktu setempat, Perdana Menteri Li Qiang mengadakan pembicaraan dengan "
               "Perdana Menteri Kazakhstan Smailov di Beijing.\n")

KOMPAS_TV = ("ASTANA, KOMPAS.TV - Wakil Presiden China Han Zheng bertemu dengan Presiden Kazakhstan, "
             "Kassym-Jomart Tokayev, Kamis (7/3/2024) waktu setempat di Istana Akorda, Astana, Kazakhstan.\n"
             "Keduanya membahas pembangunan jalur kereta ketiga dan pasokan air lintas batas.\n"
             "Baca Juga: Waduh! Harga Cabai Rawit di Pasar Induk Naik Dua Kali Lipat Pekan Ini\n"
             "Han juga dijadwalkan mengunjungi pusat logistik di kota Almaty.\n"
             "Baca Juga: Putin Dijadwalkan Hadir di Forum Ekonomi Timur, Bahas Energi\n"
             "Tokayev menyebut hubungan kedua negara berada pada titik terbaiknya.\n"
             "Sumber : Xinhua\n"
             "Ikuti kanal WhatsApp KompasTV untuk mendapatkan kabar terkini setiap hari.")

ANTARA_CAPTIONS = (
    " date 2021-06 Menteri Luar Negeri China Wang Yi mengakhiri kunjungan resminya ke Kazakhstan dan "
    "meninggalkan Nur-Sultan menuju Bishkek pada 3 Juni 2021. Wakil menteri luar negeri Kazakhstan melepas "
    "keberangkatan Wang di bandara. (Xinhua/Li Ming\n\n"
    "Wang Yi dan Mukhtar Tileuberdi, menteri luar negeri kedua negara, menandatangani "
    "rencana kerja sama kementerian untuk tahun 2021 hingga 2023 di Nur-Sultan, pada 2 Juni 2021. "
    "(Xinhua/Zhao Ge\n\n"
    "Menteri Luar Negeri China Wang Yi disambut di Kementerian Luar Negeri Kazakhstan di Nur-Sultan, pada "
    "2 Juni 2021. (Xinhua/Zhao Ge)\n\n"
    "Nur-Sultan (ANTARA) - Wang menegaskan bahwa kedua negara perlu memperluas angkutan kereta barang dan "
    "perdagangan hasil pertanian, serta memperkuat koordinasi di Organisasi Kerja Sama Shanghai.\n\n"
    "Penerjemah: Xinhua\n\nEditor: Rina Astuti\n\nCOPYRIGHT \u00a9 ANTARA 2021")


def test_broadcaster_page_with_date_line_title_dateline_and_related_list():
    text = BHARATA
    article = parse_article(text, "bharata.txt")
    assert article.published == PartialDate(2024, 3, 14)
    assert article.published_phrase == "Kamis, 14 Maret 2024 09:05:12 WIB"
    assert article.title == BHARATA_TITLE
    assert article.outlet == "Radio Bharata Online"
    assert text[article.dateline.start:article.dateline.end] == "Astana"
    assert article.language == "id"
    related = text.index("Jumat, 9 Februari 2024")
    assert covered(article.boilerplate, related, related + 10)
    assert covered(article.boilerplate, text.index("Berita Lainnya"), text.index("Berita Lainnya") + 5)
    caption = text.index("Menteri Luar Negeri Tiongkok Wang Yi (CMG)")
    assert covered(article.captions, caption, caption + 30)
    body = text.index("Atas undangan")
    assert not covered(article.boilerplate, body, body + 10)
    assert not covered(article.captions, body, body + 10)


def test_title_before_an_iso_date_line():
    article = parse_article(TITLE_FIRST)
    assert article.published == PartialDate(2023, 11, 2)
    assert article.title == "Li Qiang Adakan Pembicaraan Dengan Perdana Menteri Kazakhstan"
    assert article.language == "id"


def test_page_without_date_line_has_no_publication_date():
    text = KOMPAS_TV
    article = parse_article(text)
    assert article.published is None
    assert article.outlet == "Kompas TV"
    assert text[article.dateline.start:article.dateline.end] == "ASTANA"
    assert article.title.startswith("Wakil Presiden China Han Zheng bertemu dengan Presiden Kazakhstan")
    assert "KOMPAS.TV" not in article.title
    for marker in ("Baca Juga: Waduh!", "Baca Juga: Putin", "Sumber : Xinhua", "Ikuti kanal WhatsApp"):
        at = text.index(marker)
        assert covered(article.boilerplate, at, at + len(marker))


def test_date_prefix_glued_to_a_caption():
    text = ANTARA_CAPTIONS
    article = parse_article(text)
    assert article.published == PartialDate(2021, 6)
    assert article.published.precision == "month"
    assert article.outlet == "ANTARA"
    assert text[article.dateline.start:article.dateline.end] == "Nur-Sultan"
    assert article.extra["year_hint"] == 2021
    assert len(article.captions) == 3
    first = article.captions[0]
    assert text[first.start:first.end].startswith("Menteri Luar Negeri China Wang Yi mengakhiri")
    assert covered(article.boilerplate, text.index("date 2021-06"), text.index("date 2021-06") + 12)


def test_photo_caption_before_the_dateline():
    caption = ("Menlu Tiongkok Wang Yi (Kiri) dan mitranya dari Kazakhstan, Murat Nurtleu (Kanan), bersulang "
               "dalam jamuan makan malam (CMG)")
    text = bharata_page("Kamis, 14 Maret 2024 09:05:12 WIB", BHARATA_TITLE, caption,
                        "Astana, Radio Bharata Online - Wang dan Nurtleu menutup pembicaraan dengan jamuan.")
    article = parse_article(text)
    assert article.published == PartialDate(2024, 3, 14)
    assert article.outlet == "Radio Bharata Online"
    start = text.index(caption)
    assert covered(article.captions, start, start + 20)


# --------------------------------------------------------------------------- header forms

DATE_LINES = [
    ("Jumat, 23 Agustus 2024 16:45:09 WIB\nJudul berita tentang kunjungan", "2024-08-23"),
    ("Judul berita tentang kunjungan\n2024-07-03 20:17:40\nIsi berita dimulai di sini dengan kalimat panjang.",
     "2024-07-03"),
    (" date 2022-09 Presiden China Xi Jinping tiba di Astana pada hari ini.", "2022-09"),
    ("date 2021-07-16\nWang Yi meets Kazakh foreign minister", "2021-07-16"),
    ("Selasa, 21 Mei 2024\nJudul berita tentang kunjungan", "2024-05-21"),
    ("Some headline about the visit\n03 Jun 2023 11:20AM (Updated: 03 Jun 2023 11:48AM)", "2023-06-03"),
    ("Sabtu, 08 Januari 2022, 07:26 WIB\nJudul", "2022-01-08"),
    ("Rabu, 27 Juli 2022 | 16:37 WIB\nJudul berita", "2022-07-27"),
    ("Headline of the story\n(Xinhua) 09:15, September 26, 2019\nBody text starts here with a sentence.",
     "2019-09-26"),
    ("Headline of the story\nUpdated: November 30, 2022 Source: Xinhua News Agency\nBody text.", "2022-11-30"),
    ("Kazakhstan and the EU\n02 декабря 2021\nViews: 343\nOn November 26, the president met.", "2021-12-02"),
    ("Kazakh-EU talks\nBRUSSELS, November 23, 2018 – Foreign Minister held a meeting in Brussels.",
     "2018-11-23"),
]


@pytest.mark.parametrize("text, expected", DATE_LINES, ids=[t.splitlines()[0][:30] for t, _ in DATE_LINES])
def test_date_line_forms(text, expected):
    article = parse_article(text)
    assert article.published == PartialDate.from_iso(expected)


def test_no_date_line_no_publication_date():
    text = "NUR SULTAN, KOMPAS.TV - Presiden Xi bertemu Tokayev, Rabu (14/9/2022) waktu setempat."
    assert parse_article(text).published is None


def test_dated_related_list_at_the_bottom_is_not_the_publication_date():
    body = "Presiden Xi tiba di Astana dan bertemu Presiden Tokayev untuk pembicaraan resmi. " * 6
    text = f"Judul berita kunjungan\n\n{body}\n\nBerita Lainnya\n\nForum lain\n\nSelasa, 18 Oktober 2022 23:8:41 WIB\n"
    article = parse_article(text)
    assert article.published is None
    related = text.index("Selasa, 18 Oktober")
    assert covered(article.boilerplate, related, related + 20)


def test_date_in_the_body_is_not_a_date_line():
    text = ("Xi Jinping, Speech in Astana on the Silk Road\n"
            "Xi Jinping announced the initiative in a speech to students at the university in the capital.\n"
            "September 7, 2013\nXi spoke at the university.")
    assert parse_article(text).published is None


def test_copyright_year_is_a_hint_not_a_publication_date():
    text = ("Jakarta (ANTARA) - Menteri Luar Negeri China Wang Yi pada Kamis (13/4) menelepon mitranya dari "
            "Kazakhstan.\nPewarta: Seseorang\nEditor: Orang Lain\nCopyright © ANTARA 2023")
    article = parse_article(text)
    assert article.published is None
    assert article.extra["year_hint"] == 2023
    assert article.outlet == "ANTARA"


# --------------------------------------------------------------------------- title

def test_title_falls_back_to_the_first_sentence_cut_at_a_word_boundary():
    sentence = ("Wakil Perdana Menteri China Ding Xuexiang menerima Perdana Menteri Kazakhstan Alikhan Smailov di "
                "Zhongnanhai untuk membahas kerja sama energi, pertanian, perbankan dan pendidikan kedua negara.")
    text = f"NUR SULTAN, KOMPAS.TV - {sentence} Kalimat kedua di sini."
    title = parse_article(text).title
    assert len(title) <= TITLE_MAX
    assert sentence.startswith(title)
    assert sentence[len(title)] == " "


def test_first_sentence_does_not_stop_at_a_month_abbreviation():
    text = "NUR-SULTAN, Sept. 14 (Xinhua) -- Xi arrived on Sept. 14 for a visit. He met Tokayev."
    assert parse_article(text).title == "Xi arrived on Sept. 14 for a visit."


def test_headline_is_taken_before_menus_and_labels():
    text = ("Logo\nHamburger Menu\nAsia\nKazakh leader lands in Beijing for talks on rail links\n"
            "WhatsApp Telegram Facebook Twitter Email LinkedIn\n"
            "BEIJING: Kazakhstan's President Kassym-Jomart Tokayev landed in Beijing for talks on Thursday.")
    article = parse_article(text)
    assert article.title == "Kazakh leader lands in Beijing for talks on rail links"
    share = text.index("WhatsApp")
    assert covered(article.boilerplate, share, share + 20)
    assert text[article.dateline.start:article.dateline.end] == "BEIJING"


# --------------------------------------------------------------------------- outlet and dateline

DATELINES = [
    ("Astana, Radio Bharata Online - Kunjungan kelima Presiden Xi ke Kazakhstan membuahkan hasil.",
     "Astana", "Radio Bharata Online"),
    ("NUR SULTAN, KOMPAS.TV - Menlu China Wang Yi bertemu Menlu Kazakhstan di gedung kementerian.",
     "NUR SULTAN", "Kompas TV"),
    ("Nur-Sultan (ANTARA) - Perdana Menteri Kazakhstan menyebut jalur kereta ke China makin sibuk.",
     "Nur-Sultan", "ANTARA"),
    ("BEIJING, May 17 (Xinhua) -- Kazakh President Kassym-Jomart Tokayev arrived here Tuesday for talks.",
     "BEIJING", "Xinhua"),
    ("Xi'an, China (Reuters) – Menteri perdagangan lima negara Asia Tengah berkumpul di kota kuno itu.",
     "Xi'an", "Reuters"),
    ("NUR-SULTAN. KAZINFORM – President Tokayev held a telephone conversation with President Xi.",
     "NUR-SULTAN", "Kazinform"),
    ("Bisnis.com, JAKARTA - Harga batu bara acuan naik setelah China menambah impor dari Kazakhstan.",
     "JAKARTA", "Bisnis.com"),
    ("SAMARKAND, Uzbekistan — Leaders of the regional bloc gathered in the old Silk Road city today.",
     "SAMARKAND", None),
    ("ASTANA: More than 3,650 trains passed through the checkpoints on the border this quarter.",
     "ASTANA", None),
]


@pytest.mark.parametrize("text, place, outlet", DATELINES, ids=[d[0][:24] for d in DATELINES])
def test_dateline_place_and_outlet(text, place, outlet):
    article = parse_article(text)
    assert text[article.dateline.start:article.dateline.end] == place
    assert article.outlet == outlet


def test_known_city_alone_before_a_dash_is_a_dateline():
    text = "Jakarta - Presiden Joko Widodo menerima kunjungan Menteri Luar Negeri Kazakhstan di Istana."
    article = parse_article(text)
    assert text[article.dateline.start:article.dateline.end] == "Jakarta"
    assert article.title.startswith("Presiden Joko Widodo")


def test_sentence_with_a_dash_is_not_a_dateline():
    text = "Kazakhstan – tetangga terluas China di kawasan itu – membuka konsulat baru di Urumqi."
    assert parse_article(text).dateline is None


def test_outlet_from_a_source_line():
    text = ("Kazakh premier heads to China for trade talks\n"
            "The prime minister flew to Beijing on Monday for two days of talks, his office said.\n"
            "Source: Reuters/vc")
    article = parse_article(text)
    assert article.outlet == "Reuters"
    assert article.extra["outlet_country"] == "United Kingdom"


def test_outlet_from_a_photo_credit_only_when_nothing_better():
    text = ("Judul berita tentang pertemuan kedua menteri\nMenlu Tiongkok berjabat tangan (CMG)\n"
            "Kedua menteri bertemu di Astana pada hari Senin untuk membahas kerja sama.")
    assert parse_article(text).outlet == "China Media Group"


def test_unknown_text_has_no_outlet():
    text = "Judul berita\nKedua menteri bertemu di Astana pada hari Senin untuk membahas kerja sama."
    assert parse_article(text).outlet is None


# --------------------------------------------------------------------------- captions and boilerplate

CAPTIONS = [
    "Presiden Xi menghadiri upacara penyambutan di Nur-Sultan, 14 September 2022. (Xinhua/Yin Bogu)",
    "Presiden Tokayev meninggalkan Beijing menuju Astana pada 18 Oktober 2023. (Xinhua/Zhang Wei",
    "Chinese President Xi Jinping is welcomed by Tokayev. Press service/Handout via REUTERS",
    "Menteri Luar Negeri Kazakhstan di Jenewa, 12 Maret 2022. (ANTARA/Reuters/Marco Bellini/as)",
    "Commuters wait for a bus in Almaty, Feb. 11, 2021. (Photo by Arman Seitkali/Xinhua)",
    "Li Qiang meets Smailov at the Great Hall of the People, Oct. 17, 2023. [Xinhua/Wang Ye]",
    "Presiden Uzbekistan Shavkat Mirziyoyev (kanan) tiba di Beijing, China. (Xinhua)",
]


@pytest.mark.parametrize("caption", CAPTIONS, ids=[c[-24:] for c in CAPTIONS])
def test_photo_captions(caption):
    text = f"Judul berita tentang kunjungan\n{caption}\nIsi berita: Presiden Xi bertemu Tokayev di Astana hari ini."
    article = parse_article(text)
    start = text.index(caption)
    assert covered(article.captions, start, start + len(caption))


def test_wire_attribution_closing_the_article_is_not_a_caption():
    last = "Kedua menteri belum bertemu secara langsung sejak pandemi. (VOA)"
    text = f"Judul berita\nPresiden Xi akan berkunjung ke Kazakhstan pekan ini, kata Beijing.\n{last}\nIklan Atas Artikel"
    article = parse_article(text)
    start = text.index(last)
    assert not covered(article.captions, start, start + len(last))


BOILERPLATE_LINES = [
    "Baca Juga: Harga Gandum Dunia Turun Tajam Pekan Ini",
    "Baca juga: Menlu Kazakhstan dijadwalkan singgah di Jakarta",
    "Pewarta: Rina Astuti",
    "Editor: Budi Hartono",
    "Penerjemah: Xinhua",
    "Copyright © ANTARA 2022",
    "Sumber : Astana Times",
    "Ikuti saluran WhatsApp kami untuk kabar terbaru setiap pagi.",
    "Follow our channel on Telegram for the latest news",
    "Stay up to date with our daily newsletter",
    "By signing up, you agree to our terms of use and privacy policy.",
    "Contact the reporter at desk@example.com",
    "These materials may not be reproduced without a link to the site.",
    "When quoting our content, a link to the site is required.",
    "Print Email Small Medium Large",
    "fontSize fontSmaller",
    "World>>",
    "Home | News | Sport |",
    "Kuis: Seberapa kenal kamu dengan ibu kota Asia Tengah?",
    "WhatsApp Telegram Facebook Twitter Email LinkedIn",
    "Advertisement",
    "banner",
    "Read also: Xi meets Tokayev",
    "Home > China News",
    "عربي Español Русский Français 简体中文",
    "SCROLL TO CONTINUE WITH CONTENT",
]


@pytest.mark.parametrize("line", BOILERPLATE_LINES)
def test_boilerplate_lines(line):
    text = (f"Judul berita tentang kunjungan\nPresiden Xi bertemu Presiden Tokayev di Astana pada hari Senin.\n"
            f"{line}\nKedua pemimpin menandatangani pernyataan bersama di Istana Akorda.")
    article = parse_article(text)
    start = text.index(line)
    assert covered(article.boilerplate, start, start + len(line))
    body = text.index("Kedua pemimpin")
    assert not covered(article.boilerplate, body, body + 10)


@pytest.mark.parametrize("line", [
    "Terkait kerusuhan yang menelan banyak korban, Xi menyampaikan rasa simpati kepada Tokayev.",
    "Menurut buletin kementerian, kedua menteri juga membahas jadwal penerbangan langsung.",
    "The ministry's newsletter said the two ministers also discussed direct flights.",
])
def test_ordinary_sentence_starting_like_a_label_is_kept(line):
    text = f"Judul berita\nPresiden Xi mengirim pesan lisan kepada Tokayev pada Jumat (7/1).\n{line}"
    article = parse_article(text)
    start = text.index(line)
    assert not covered(article.boilerplate, start, start + 10)


def test_menu_with_wide_gaps_is_boilerplate():
    menu = "Home   Embassy Info   About China   Economy & Trade   Consular Affairs"
    text = f"{menu}\nWang Yi Meets Kazakh Foreign Minister\nOn July 15, 2021 Wang Yi met Tileuberdi in Tashkent."
    article = parse_article(text)
    assert covered(article.boilerplate, 0, len(menu))
    assert article.title == "Wang Yi Meets Kazakh Foreign Minister"


def test_offsets_survive_normalisation():
    text = ("Rabu,\u00a010 Juli 2024 12:15:40 WIB\n\u201cJudul\u201d  berita tentang kunjungan\n"
            "Astana,\u00a0Radio Bharata Online - Kunjungan Presiden Xi ke Kazakhstan membuahkan hasil.\n")
    article = parse_article(text)
    assert article.published == PartialDate(2024, 7, 10)
    assert article.published_phrase == "Rabu,\u00a010 Juli 2024 12:15:40 WIB"
    assert text[article.dateline.start:article.dateline.end] == "Astana"
    assert article.title == '"Judul" berita tentang kunjungan'


def test_empty_and_blank_texts():
    for text in ("", "  \n\n "):
        article = parse_article(text)
        assert article.published is None and article.title is None and article.outlet is None
        assert article.boilerplate == () and article.captions == ()


def test_extra_spans_point_at_the_header():
    text = BHARATA
    article = parse_article(text)
    start, end = article.extra["title_span"]
    assert text[start:end] == article.title
    start, end = article.extra["published_span"]
    assert text[start:end] == article.published_phrase
    assert text[article.extra["body_start"]:].startswith("Astana, Radio Bharata Online")


# --------------------------------------------------------------------------- language


def test_language_from_stopwords():
    assert detect_language("Presiden Xi bertemu dengan Presiden Tokayev di Astana pada hari Rabu.") == "id"
    assert detect_language("President Xi met with President Tokayev in Astana on Wednesday.") == "en"


def test_indonesian_article_quoting_english_stays_indonesian():
    text = ("Presiden Xi mengatakan bahwa hubungan kedua negara sangat erat dan akan terus diperkuat. "
            "Ia menyebut inisiatif itu sebagai \"the Belt and Road\" yang dibangun bersama.")
    assert parse_article(text).language == "id"


@pytest.mark.parametrize("label", ["Baca Juga:", "Baca juga", "BACA JUGA:"])
def test_read_also_box_inside_the_body_does_not_end_the_article(label):
    """An Indonesian "Baca Juga" box stands between paragraphs: its links are navigation, the
    paragraphs after it are still the article."""
    intro = "Presiden China bertemu Presiden Kazakhstan di Astana pada Senin (3/7/2023). " * 3
    after = "Pada April 2009, Presiden Kazakhstan berkunjung ke Beijing dan bertemu Presiden China."
    text = (f"Judul berita tentang kunjungan\nSenin, 3 Juli 2023 10:00 WIB\n\n{intro}\n\n{label}\n"
            f"Kazakhstan Siap Pasok Uranium untuk China\nSCO Bahas Afghanistan di Astana\n\n{after}\n")
    article = parse_article(text)
    link = text.index("Kazakhstan Siap")
    assert covered(article.boilerplate, link, link + 20)
    start = text.index(after)
    assert not covered(article.boilerplate, start, start + len(after))


@pytest.mark.parametrize("label", ["Related", "Berita Terkait"])
def test_a_related_box_with_paragraphs_after_it_is_not_the_foot(label):
    """A tail marker only opens the foot when no article paragraph follows it; a box of links
    between paragraphs is navigation and the paragraphs after it are the article."""
    para = ("The two sides also agreed to expand cooperation in trade, transport, energy and agriculture, and to"
            " open new border crossings for freight trains, according to the statement released by the"
            " government press service after the meeting of the committee on Tuesday.")
    head = "Kazakh President Tokayev met the Chinese vice president in Astana on Wednesday. " * 4
    text = (f"Headline\nOctober 13, 2022\n\n{head}\n\n{label}\nXi pays state visit – September 14, 2022\n"
            f"Capital renamed – September 17, 2022\n\n{para}\n\nTags: China\n\n{label}\nOther headline\n")
    article = parse_article(text)
    link = text.index("Xi pays")
    assert covered(article.boilerplate, link, link + 10)
    start = text.index(para)
    assert not covered(article.boilerplate, start, start + len(para))
    foot = text.rindex("Other headline")
    assert covered(article.boilerplate, foot, foot + 10)
