"""Footnote checks: what a contributor is told when a footnote is wrong."""
import pytest

from kehoach.core.errors import SiteError
from kehoach.plan.footnotes import check_page


def _check(md: str, seen=None):
    check_page("docs/x.md", md, md, {} if seen is None else seen)


def test_a_good_page_passes_and_records_its_labels():
    seen = {}
    check_page("docs/x.md", "Chữ[^4] và[^5].\n\n[^4]: Một.\n\n[^5]: Hai.\n", "Chữ[^4] và[^5].\n\n[^4]: Một.\n\n[^5]: Hai.\n", seen)
    assert seen == {"4": "docs/x.md", "5": "docs/x.md"}


@pytest.mark.parametrize("md,line,words", [
    ("Dòng một.\n\nChữ[^9] ở đây.\n", 3, ["[^9]", "không có nội dung chú thích", "has no footnote text"]),
    ("Chữ.\n\n[^3]: Nội dung.\n", 3, ["[^3]", "không được dẫn", "never referenced"]),
    ("Chữ[^a].\n\n[^a]: Nội dung.\n", 3, ["số thứ tự gốc", "original number"]),
    ("Chữ[^2].\n\n[^2]:\n", 3, ["không có nội dung", "has no text"]),
])
def test_bad_footnotes_name_file_line_and_fix(md, line, words):
    with pytest.raises(SiteError) as err:
        _check(md)
    message = str(err.value)
    assert message.startswith(f"docs/x.md, dòng {line} (line {line}):")
    for w in words:
        assert w in message
    assert "Cách sửa:" in message and "Fix:" in message


def test_a_number_used_on_two_pages_is_refused():
    with pytest.raises(SiteError) as err:
        _check("Chữ[^1].\n\n[^1]: Nội dung.\n", seen={"1": "docs/y.md"})
    assert "docs/y.md" in str(err.value)


@pytest.mark.parametrize("label", ["a" * 5000, "9" * 5000])
def test_a_label_thousands_of_characters_long_is_quoted_one_line_at_most(label):
    """The label as the page wrote it, cut as any quoted value (core.errors.excerpt);
    the line is still found by the whole label."""
    with pytest.raises(SiteError) as err:
        _check(f"Dòng một.\n\nChữ[^{label}] ở đây.\n")
    message = str(err.value)
    assert message.startswith("docs/x.md, dòng 3 (line 3):")
    assert f"[^{label[:120]}…]" in message
    assert len(message) < 2000
