"""Titles generated from parts in English and Indonesian."""

from __future__ import annotations

from app.extract.titles import event_title, short_name
from app.extract.types import Participant, Place

XI = Participant("Xi Jinping", "China", "President of China", "guest")
TOKAYEV = Participant("Kassym-Jomart Tokayev", "Kazakhstan", "President of Kazakhstan", "host")
ASTANA = Place("Astana", "Kazakhstan")
BEIJING = Place("Beijing", "China")


def test_state_visit_title():
    assert event_title("visit", "state_visit", (XI, TOKAYEV), ASTANA) == "Xi Jinping's state visit to Kazakhstan"
    assert event_title("visit", "state_visit", (XI, TOKAYEV), ASTANA, "id") == \
        "Kunjungan kenegaraan Xi Jinping ke Kazakhstan"


def test_visit_title_takes_the_guest_not_the_first_named():
    guest = Participant("Kassym-Jomart Tokayev", "Kazakhstan", None, "guest")
    host = Participant("Xi Jinping", "China", None, "host")
    assert event_title("visit", "official_visit", (host, guest), BEIJING) == \
        "Kassym-Jomart Tokayev's official visit to China"
    assert event_title("visit", "visit", (host, guest), BEIJING, "id") == "Kunjungan Kassym-Jomart Tokayev ke Tiongkok"


def test_talks_title_names_china_first_and_the_place():
    assert event_title("meeting", "talks", (TOKAYEV, XI), ASTANA) == "Xi Jinping – Tokayev talks in Astana"
    assert event_title("meeting", "talks", (TOKAYEV, XI), ASTANA, "id") == "Pembicaraan Xi Jinping – Tokayev di Astana"
    assert event_title("meeting", "talks", (TOKAYEV, XI), None) == "Xi Jinping – Tokayev talks"


def test_phone_call_title():
    assert event_title("meeting", "phone_call", (XI, TOKAYEV), None) == \
        "Phone call between Xi Jinping and Kassym-Jomart Tokayev"


def test_agreement_title_names_the_states():
    assert event_title("agreement", "joint_statement", (XI, TOKAYEV), ASTANA) == \
        "China–Kazakhstan joint statement signed in Astana"
    assert event_title("agreement", "joint_statement", (XI, TOKAYEV), ASTANA, "id") == \
        "Pernyataan Bersama Tiongkok–Kazakhstan ditandatangani di Astana"
    assert event_title("agreement", "no_such_subtype", (), None) == "China–Kazakhstan agreements signed"


def test_unknown_subtype_falls_back_to_the_generic_wording():
    assert event_title("meeting", "courtesy_call", (XI, TOKAYEV), None) == "Xi Jinping – Tokayev meeting"


def test_short_names():
    assert short_name(XI) == "Xi Jinping"
    assert short_name(TOKAYEV) == "Tokayev"
    assert short_name(Participant("China", "China")) == "China"
