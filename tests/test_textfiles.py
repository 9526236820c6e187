"""Where a text file stops decoding, and its UTF-8 copy (tamyr.textfiles)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tamyr import textfiles

LINES = st.lists(st.text(alphabet="abcЖжҚқӘә ,;\t\"'", max_size=12), min_size=1, max_size=8)


@settings(max_examples=150, deadline=None)
@given(lines=LINES, line_pick=st.integers(min_value=0), col_pick=st.integers(min_value=0),
       chunk=st.sampled_from([1, 2, 3, 7, 1 << 22]))
def test_the_first_bad_byte_is_found_at_its_line_and_character(tmp_path_factory, lines, line_pick, col_pick, chunk):
    i = line_pick % len(lines)
    j = col_pick % (len(lines[i]) + 1)
    broken = list(lines)
    broken[i] = lines[i][:j] + "\udcff" + lines[i][j:]          # a lone 0xff byte there
    data = "\n".join(broken).encode("utf-8", errors="surrogateescape")
    path = tmp_path_factory.mktemp("t") / "x.csv"
    path.write_bytes(data)
    old = textfiles.CHUNK
    textfiles.CHUNK = chunk            # chunk edges inside multi-byte letters
    try:
        where = textfiles.find_undecodable(path, "utf-8")
    finally:
        textfiles.CHUNK = old
    assert (where.line, where.column, where.byte) == (i + 1, j + 1, 0xFF)


@settings(max_examples=60, deadline=None)
@given(lines=LINES)
def test_valid_text_has_no_bad_byte_and_copies_unchanged(tmp_path_factory, lines):
    text = "\n".join(lines)
    path = tmp_path_factory.mktemp("t") / "x.csv"
    path.write_bytes(text.encode("utf-8"))
    assert textfiles.find_undecodable(path, "utf-8") is None
    with textfiles.utf8_copy(path, "utf-8") as copy:
        assert copy.read_text(encoding="utf-8") == text


def test_a_utf8_text_cut_inside_a_letter_is_found_at_the_end(tmp_path):
    path = tmp_path / "x.csv"
    path.write_bytes("id,name\n1,Жан".encode()[:-1])
    where = textfiles.find_undecodable(path, "utf-8")
    assert (where.line, where.column) == (2, 5)


def test_cp1251_is_recognised_and_copied_to_utf8(tmp_path):
    path = tmp_path / "x.csv"
    path.write_bytes("id,name\n1,Иманалиев Бахытбек\n".encode("cp1251"))
    where = textfiles.find_undecodable(path, "utf-8")
    assert where.guess == "cp1251" and where.line == 2
    with textfiles.utf8_copy(path, "cp1251") as copy:
        assert copy.read_text(encoding="utf-8") == "id,name\n1,Иманалиев Бахытбек\n"
    assert not copy.exists()


def test_a_byte_cp1251_does_not_define_is_an_error_with_its_place(tmp_path):
    path = tmp_path / "x.csv"
    path.write_bytes(b"id,name\n1,\xc8\x98\n")       # 0x98 is undefined in cp1251
    with pytest.raises(UnicodeError) as info, textfiles.utf8_copy(path, "cp1251"):
        pass
    where = info.value.args[0]
    assert (where.line, where.column, where.byte) == (2, 4, 0x98)


def test_utf16_is_told_apart(tmp_path):
    path = tmp_path / "x.csv"
    path.write_bytes("id,name\n".encode("utf-16"))
    assert textfiles.find_undecodable(path, "utf-8").guess == "utf-16"


def test_delimiters_and_encoding_names():
    assert textfiles.sniff_delimiter("id;name;birth_date") == ";"
    assert textfiles.sniff_delimiter("id\tname") == "\t"
    assert textfiles.sniff_delimiter("name") == ","
    assert textfiles.encoding_name("CP1251") == "cp1251"
    assert textfiles.encoding_name("utf8") == "utf-8"
    with pytest.raises(ValueError, match="unknown encoding"):
        textfiles.encoding_name("no-such-codec")


def test_reading_turns_errors_met_while_reading_into_one_located_error(tmp_path):
    path = tmp_path / "x.txt"
    path.write_bytes("Иманалиев\nБахытбек\n".encode("cp1251"))
    with pytest.raises(textfiles.TextFileError, match=r"x.txt line 1: not valid utf-8 text .*--encoding cp1251"):
        with textfiles.reading(path) as handle:
            handle.read()
    with textfiles.reading(path, "cp1251") as handle:
        assert handle.read() == "Иманалиев\nБахытбек\n"
    with pytest.raises(textfiles.TextFileError, match="unknown encoding"):
        with textfiles.reading(path, "no-such-codec"):
            pass
    with pytest.raises(textfiles.TextFileError, match="cannot read"):
        with textfiles.reading(tmp_path / "missing.txt"):
            pass
