"""File names printed safely: one line, nothing a terminal would act on, odd bytes shown as bytes."""

import pytest

from app.ingest.names import is_undecodable, shown


@pytest.mark.parametrize("name, printed", [
    ("plain name é 北京.txt", "plain name é 北京.txt"),
    ("a.txt\nfailed: forged.txt: too large", "a.txt\\nfailed: forged.txt: too large"),
    ("x\r\t.txt", "x\\r\\t.txt"),
    ("\x1b[31mred\x1b[0m.txt", "\\x1b[31mred\\x1b[0m.txt"),
    ("invoice\u202etxt.exe", "invoice\\u202etxt.exe"),
    ("caf\udce9.txt", "caf\\xe9.txt"),
    ("back\\slash.txt", "back\\\\slash.txt"),
    ("line\u2028sep.txt", "line\\u2028sep.txt"),
])
def test_names_are_shown_escaped_on_one_line(name, printed):
    assert shown(name) == printed
    assert shown(name).isprintable()


def test_undecodable_names_are_recognised():
    assert is_undecodable("caf\udce9.txt")
    assert not is_undecodable("café.txt")
