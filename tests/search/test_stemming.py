"""Stemming: the same words for the index and the query, one family per stem in each language."""

from __future__ import annotations

import sqlite3

import pytest

from app.search import stemming
from app.search.query import search_terms
from app.search.stemming import query_stems, stem, stems, words


@pytest.mark.parametrize("family", [
    ("kunjungan", "berkunjung", "mengunjungi", "dikunjungi", "kunjungannya"),
    ("menandatangani", "ditandatangani", "penandatanganan"),
    ("sepakat", "kesepakatan", "menyepakati", "disepakati"),
    ("pembicaraan", "membicarakan", "berbicara"),
    ("kerja", "bekerja", "pekerjaan"),
])
def test_an_indonesian_family_has_one_stem(family):
    assert len({stem(word, "id") for word in family}) == 1, {word: stem(word, "id") for word in family}


@pytest.mark.parametrize("family", [
    ("visit", "visits", "visited", "visiting"),
    ("sign", "signed", "signing", "signs"),
    ("pipeline", "pipelines"),
    ("negotiation", "negotiations"),
])
def test_an_english_family_has_one_stem(family):
    assert len({stem(word, "en") for word in family}) == 1, {word: stem(word, "en") for word in family}


def test_the_indonesian_stemmer_leaves_words_it_has_no_root_for():
    for name in ("tokayev", "nazarbayev", "kazakhstan", "astana", "jinping", "2024"):
        assert stem(name, "id") == name


def test_the_project_changes_to_the_root_list_are_applied():
    changes = {entry["root"]: entry["change"] for entry in stemming.root_changes()}
    assert changes == {"unjung": "remove", "pakat": "remove", "tandatangan": "add"}
    assert stem("mengunjungi", "id") == "kunjung"  # "unjung" removed
    assert stem("penandatanganan", "id") == "tandatangan"  # the compound added


def test_a_query_word_carries_both_stems():
    assert set(query_stems("visited")) == {"visit", "visited"}
    assert set(query_stems("kunjungan")) == {"kunjung", "kunjungan"}
    assert query_stems("astana") == ("astana",)


def test_words_are_folded_and_split_as_the_fts5_tokenizer_splits_them():
    sample = "Ürümqi's Kassym-Jomart TOKAYEV_visit, 2024/07 «Nur-Sultan»"
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='unicode61 remove_diacritics 2')")
    db.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')")
    db.execute("INSERT INTO t(x) VALUES (?)", (sample,))
    fts_tokens = [term for (term,) in db.execute("SELECT term FROM v ORDER BY offset")]
    assert words(sample) == fts_tokens
    assert search_terms(sample) == fts_tokens


def test_stems_of_a_text_keep_its_order():
    assert stems("Kunjungan ke Astana", "id") == ["kunjung", "ke", "astana"]
    assert stems(None, "en") == []
