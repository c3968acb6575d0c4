"""An exchange of documents is a signing (issue 10, pattern 4); an exchange of anything else is not.
Invented articles in both languages."""

from __future__ import annotations

import pytest

from app.extract.article import parse_article
from app.extract.pipeline import extract_events


def agreements(text: str) -> list:
    return [e for e in extract_events(parse_article(text, "signing.txt")) if e.type == "agreement"]


@pytest.mark.parametrize("text", [
    ("Tuesday, 9 May 2028\n\nLeaders confer\n\nASTANA - Xi Jinping, the Chinese President, conferred with Kazakh "
     "President Kassym-Jomart Tokayev in Astana on Tuesday. Afterwards both presidents were present at a "
     "ceremony of exchanging cooperation documents on railways and grain.\n"),
    ("Selasa, 9 Mei 2028\n\nPara pemimpin bertemu\n\nASTANA - Presiden China Xi Jinping mengadakan "
     "pembicaraan bersama Kassym-Jomart Tokayev, Presiden Kazakhstan, di Astana pada Selasa. Sesudahnya kedua "
     "presiden hadir dalam upacara pertukaran dokumen kerja sama di bidang kereta api dan gandum.\n"),
])
def test_a_ceremony_exchanging_documents_is_a_signing(text):
    found = agreements(text)
    assert len(found) == 1 and {"Xi Jinping", "Kassym-Jomart Tokayev"} <= {p.name for p in found[0].participants}


@pytest.mark.parametrize("text", [
    ("Tuesday, 9 May 2028\n\nLeaders confer\n\nASTANA - Xi Jinping, the Chinese President, conferred with Kazakh "
     "President Kassym-Jomart Tokayev in Astana on Tuesday. Both called for more student exchanges and an "
     "exchange of experience between their border guards.\n"),
    ("Selasa, 9 Mei 2028\n\nPara pemimpin bertemu\n\nASTANA - Presiden China Xi Jinping mengadakan "
     "pembicaraan bersama Kassym-Jomart Tokayev, Presiden Kazakhstan, di Astana pada Selasa. Keduanya "
     "mendorong pertukaran pelajar dan pertukaran pengalaman antara penjaga perbatasan.\n"),
])
def test_an_exchange_of_students_or_experience_is_no_signing(text):
    assert agreements(text) == []


@pytest.mark.parametrize("text", [
    ("Tuesday, 9 May 2028\n\nLeaders confer\n\nASTANA - Xi Jinping arrived in Astana on Monday for a state "
     "visit. On Tuesday he and Kazakh President Kassym-Jomart Tokayev signed a treaty on water sharing. "
     "They also signed a joint declaration on the partnership.\n"),
    ("Selasa, 9 Mei 2028\n\nPara pemimpin bertemu\n\nASTANA - Xi Jinping tiba di Astana pada Senin untuk "
     "kunjungan kenegaraan. Pada Selasa ia dan Presiden Kazakhstan Kassym-Jomart Tokayev menandatangani "
     "perjanjian pembagian air. Mereka juga menandatangani deklarasi bersama tentang kemitraan.\n"),
])
def test_a_document_of_another_kind_also_signed_is_an_agreement_of_its_own(text):
    found = agreements(text)
    assert sorted(e.subtype for e in found) == ["joint_statement", "treaty"]
    assert all(e.place is not None and e.place.name == "Astana" for e in found)


def test_the_same_document_told_twice_is_one_agreement():
    text = ("Tuesday, 9 May 2028\n\nLeaders confer\n\nASTANA - Kazakh President Kassym-Jomart Tokayev and "
            "Xi Jinping signed a treaty on water sharing on Tuesday. They also signed the treaty's annex "
            "on river gauges.\n")
    assert len(agreements(text)) == 1
