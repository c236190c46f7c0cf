"""One YAML reader (core/data.parse) for every data file and every page's front
matter, and one rule for what it may build (issue 26, point 1):

- every number is finite, decimal and at most data.MAX_NUMBER in size (.nan and
  .inf made the search index invalid JSON and showed "nan" on /chi-so/);
- every string, value or key, escapes included, meets textfile.value_problem
  (a right-to-left override written as "\\u202e" in a register subject built);
- a key written twice is refused naming both lines; tags are refused;
- an unclosed [ or { is reported where it opens, as an unclosed quote is;
- a date that does not exist in front matter, and a folder in place of a data
  file, are messages, not tracebacks.

Each refusal names the file and line, in Vietnamese then English.
"""
from __future__ import annotations

import pytest

from errorunit import assert_where, data_copy, data_message, message
from kehoach.checks.files import check_front_matter
from kehoach.core import data
from siteutil import PLAN, in_copy, line_of

REGISTER = "data/register.yml"
FIGURES = "data/figures.yml"
SUBJECT = "subject: về chương trình tổng thể CCHC nhà nước giai đoạn 2021-2030\n"
PAGE = "---\ndescription: Thử\n{line}\n---\n\nChữ.\n"


def _front_matter(line: str) -> str:
    return message(check_front_matter, "docs/thu.md", PAGE.format(line=line))


# --- numbers ----------------------------------------------------------------

@pytest.mark.parametrize("literal,read", [
    (".nan", "không phải số"), (".inf", "vô cực"), ("-.inf", "vô cực"), (".NaN", "không phải số"),
    ("1.0e+400", "quá lớn"),            # finite as written, infinite once read
    ("9" * 5000, ""),                   # Python refuses to read it: was a ValueError traceback
    ("010", "YAML đọc nó là 8"),        # YAML 1.1 octal
    ("0x1F", "YAML đọc nó là 31"), ("1_3", "YAML đọc nó là 13"), ("1:30", "YAML đọc nó là 90"),
])
def test_a_number_that_is_not_a_finite_decimal_is_refused_in_a_data_file(tmp_path, literal, read):
    project = data_copy(tmp_path, (FIGURES, "{year: 2020, score: 92.54, rank: 3}",
                                    f"{{year: 2020, score: {literal}, rank: 3}}"))
    out = data_message(project, "figures")
    assert_where(out, FIGURES, line_of(project / FIGURES, f"score: {literal}"))
    assert "không phải là một số hữu hạn viết ở dạng thập phân" in out and read in out
    assert "[EN] The number" in out and "9" * 200 not in out  # the literal is quoted short


@pytest.mark.parametrize("boost", [".nan", ".inf", "-.inf", "1.0e+999"])
def test_a_search_boost_that_is_not_a_number_is_refused_in_front_matter(boost):
    out = _front_matter(f"search: {{boost: {boost}}}")
    assert_where(out, "docs/thu.md", 3)
    assert "không phải là một số hữu hạn" in out


def test_ordinary_numbers_pass():
    check_front_matter("docs/thu.md", PAGE.format(line="search: {boost: 0.5}"))
    check_front_matter("docs/thu.md", PAGE.format(line="search: {boost: -2}"))


# --- strings: one rule for every value and key ---------------------------------

@pytest.mark.parametrize("escape,name", [
    ("\\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE"), ("\\u2066", "U+2066 LEFT-TO-RIGHT ISOLATE"),
    ("\\u200b", "U+200B ZERO WIDTH SPACE"), ("\\u00ad", "U+00AD SOFT HYPHEN"),
    ("\\u00a0", "U+00A0 NO-BREAK SPACE"), ("\\t", "U+0009 CONTROL CHARACTER"),
    ("\\ue000", "U+E000 PRIVATE USE CHARACTER"), ("\\u2028", "U+2028 LINE SEPARATOR"),
    ("\\ufe0f", "U+FE0F VARIATION SELECTOR-16"),
])
def test_an_escaped_hidden_character_in_a_register_subject_is_refused(tmp_path, escape, name):
    project = data_copy(tmp_path, (REGISTER, SUBJECT, f'subject: "về chương trình{escape} tổng thể CCHC"\n'))
    out = data_message(project, "register")
    assert_where(out, REGISTER, line_of(project / REGISTER, "về chương trình" + escape))
    assert name in out and "ký tự thứ 16 của giá trị" in out and "character 16 of the value" in out


def test_a_decomposed_letter_written_as_an_escape_is_refused(tmp_path):
    project = data_copy(tmp_path, (REGISTER, SUBJECT, 'subject: "ve\\u0302 chương trình"\n'))
    out = data_message(project, "register")
    assert_where(out, REGISTER, line_of(project / REGISTER, 'subject: "ve\\u0302'))
    assert "NFD" in out and "U+0302" in out


@pytest.mark.parametrize("word,script", [("Сhương", "Kirin"), ("trình\u03bf", "Hy Lạp")])
def test_a_word_mixing_latin_with_look_alike_letters_is_refused(tmp_path, word, script):
    project = data_copy(tmp_path, (REGISTER, SUBJECT, f"subject: về {word} tổng thể CCHC\n"))
    out = data_message(project, "register")
    assert_where(out, REGISTER, line_of(project / REGISTER, f"subject: về {word}"))
    assert f"trộn chữ Latinh với chữ {script}" in out


def test_a_hidden_character_in_a_key_is_refused(tmp_path):
    project = data_copy(tmp_path, (REGISTER, "  subject: về chương trình tổng thể",
                                   '  "subj\\u200bect": về chương trình tổng thể'))
    out = data_message(project, "register")
    assert_where(out, REGISTER, line_of(project / REGISTER, '"subj\\u200bect"'))
    assert "U+200B ZERO WIDTH SPACE" in out


def test_a_hidden_character_in_front_matter_is_refused_at_its_line():
    out = _front_matter('title: "Trang\\u202e chủ"')
    assert_where(out, "docs/thu.md", 3)
    assert "U+202E RIGHT-TO-LEFT OVERRIDE" in out


def test_a_block_value_names_the_line_of_the_character(tmp_path):
    project = data_copy(tmp_path, (REGISTER, SUBJECT, "subject: |\n    dòng một\n    dòng\u00a0hai\n"))
    out = data_message(project, "register")
    assert_where(out, REGISTER, line_of(project / REGISTER, "dòng\u00a0hai"))


# --- keys, tags, brackets ------------------------------------------------------

def test_a_key_written_twice_is_refused_naming_both_lines(tmp_path):
    project = data_copy(tmp_path, ("data/plan.yml", 'kind: "KẾ HOẠCH"', 'kind: "KẾ HOẠCH"\n\nkind: "KẾ HOẠCH"'))
    first = line_of(project / "data/plan.yml", 'kind: "KẾ HOẠCH"')
    out = data_message(project, "plan")
    assert_where(out, "data/plan.yml", first + 2)
    assert f"ở dòng {first} và ở dòng {first + 2}" in out and f"on line {first} and on line {first + 2}" in out


def test_a_key_written_twice_in_front_matter_names_both_lines():
    out = message(check_front_matter, "docs/thu.md", "---\ntitle: A\ndescription: x\ntitle: B\n---\n")
    assert_where(out, "docs/thu.md", 4)
    assert "ở dòng 2 và ở dòng 4" in out


def test_a_list_as_a_key_is_refused(tmp_path):
    out = _front_matter("? [a, b]\n: x")
    assert_where(out, "docs/thu.md", 3)
    assert "tên trường phải là một chữ" in out


@pytest.mark.parametrize("value", ["!!float .nan", "!!binary aGk=", "!!timestamp 2021-02-30", "!x 1"])
def test_a_tag_is_refused(tmp_path, value):
    project = data_copy(tmp_path, (FIGURES, "{year: 2020, score: 92.54, rank: 3}",
                                    f"{{year: 2020, score: {value}, rank: 3}}"))
    out = data_message(project, "figures")
    assert_where(out, FIGURES, line_of(project / FIGURES, value))
    assert "thẻ kiểu YAML" in out


@pytest.mark.parametrize("opening,closing", [("[", "]"), ("{", "}")])
def test_an_unclosed_bracket_is_reported_where_it_opens(tmp_path, opening, closing):
    old = "{year: 2019, score: 89.18, rank: 9}"
    project = data_copy(tmp_path, (FIGURES, old, old[:-1] if opening == "{" else old))
    if opening == "[":  # an unclosed list of recipients, the file going on below it
        project = data_copy(tmp_path / "b", ("data/plan.yml", 'recipients:\n  - "Bộ Nội vụ;"',
                                             'recipients: ["Bộ Nội vụ;",\n  "UBND tỉnh;"\nsigner: x'))
        rel, needle, name = "data/plan.yml", 'recipients: ["Bộ', "plan"
    else:
        rel, needle, name = FIGURES, old[:-1] + "\n", "figures"
    out = data_message(project, name)
    assert_where(out, rel, line_of(project / rel, needle))
    assert f"dấu {opening} mở ở dòng này chưa được đóng bằng {closing}" in out


def test_an_unclosed_bracket_in_front_matter_is_reported_where_it_opens():
    out = message(check_front_matter, "docs/thu.md", "---\ntitle: Thử\nhide: [toc,\n  navigation\ndescription: x\n---\n")
    assert_where(out, "docs/thu.md", 3)
    assert "dấu [ mở ở dòng này chưa được đóng" in out


# --- tracebacks that are now messages ------------------------------------------

@pytest.mark.parametrize("value", ["2021-02-30", "2021-13-01", "2021-02-03 25:00:00"])
def test_a_date_that_does_not_exist_in_front_matter_is_a_message(value):
    out = _front_matter(f"title: {value}")
    assert_where(out, "docs/thu.md", 3)
    assert f"Ngày '{value}' không có thật trên lịch" in out


def test_a_real_date_in_front_matter_is_still_not_text():
    out = _front_matter("title: 2021-02-03")  # MkDocs reads it as a date, not a title
    assert "Giá trị của khóa 'title' trong phần đầu trang không đúng dạng." in out


@pytest.mark.parametrize("which", ["data/register.yml", "schemas/register.schema.json"])
def test_a_data_file_or_schema_replaced_by_a_folder_is_a_message(tmp_path, which):
    project = data_copy(tmp_path)
    (in_copy(project, which)).unlink()
    (in_copy(project, which)).mkdir()
    out = message(data.load, "register", data.Project.at(project))  # as the build loads it
    assert_where(out, which, None)
    assert "là một thư mục" in out and "is a folder" in out
    assert list(data.sources(data.Project.at(project)))  # the other files are still there to quote
    if which.startswith("data/"):
        assert "là một thư mục" in message(data.check_all, data.Project.at(project))


def test_the_real_data_passes():
    assert "register" in data.check_all(data.Project.at(PLAN))


def test_text_passed_over_by_the_look_alike_rule_holds_no_greek_or_cyrillic_character():
    """core/textfile.py reads the words of a value for look-alike letters only
    when it holds a character outside the ranges of `_NO_LOOKALIKE`: none of
    those is named GREEK or CYRILLIC, and Greek and Cyrillic letters are outside."""
    import sys
    import unicodedata

    from kehoach.core import textfile

    outside = []
    for code in range(sys.maxunicode + 1):
        ch = chr(code)
        if textfile._NO_LOOKALIKE.match(ch) and textfile._script(ch) in textfile._LOOKALIKE_SCRIPTS:
            outside.append(f"U+{code:04X} {unicodedata.name(ch, '')}")
    assert outside == []
    assert textfile._NO_LOOKALIKE.match("Chương trình tổng thể CCHC – “2021–2030”, 5 000 000 ₫")
    assert not textfile._NO_LOOKALIKE.match("Сhương") and not textfile._NO_LOOKALIKE.match("trình\u03bf")


def test_the_special_characters_pattern_matches_exactly_the_special_characters():
    import sys

    from kehoach.core import textfile

    special = set(textfile._BLANK + textfile._BIDI + textfile._INVISIBLE)
    found = {chr(code) for code in range(sys.maxunicode + 1) if textfile._SPECIAL.match(chr(code))}
    assert found == special
