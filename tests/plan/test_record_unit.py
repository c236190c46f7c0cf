"""kehoach/plan/record.py and record_errors.py on their own, without a build: a
very long block (a hostile page can hold a 2 MB paragraph) is diagnosed in a
window around where it leaves the record, so the message names the right words
without difflib's cost growing with the square of the block; and every message
the comparison gives (page, line, the record's line, both words, the data file
the words came from). tests/plan/test_record_errors.py builds one broken copy
end to end."""
from __future__ import annotations

from html import escape

from kehoach.core import htmltree
from kehoach.plan import record, record_errors
from siteutil import PLAN, ROOT, line_of

RECORD = record.read(PLAN / "record" / "ke-hoach-2022-ban-ky.txt", "record/ke-hoach-2022-ban-ky.txt")


def test_a_word_added_deep_inside_a_long_block_is_named():
    block = RECORD.words[100:3000] + ["chữ-lạ"] + RECORD.words[3000:6000]
    assert len(block) > record.MAX_DIAGNOSED
    record_words, page_words, line, context = record._first_change(RECORD, block)
    assert (record_words, page_words) == ([], ["chữ-lạ"])
    assert line == RECORD.lines[3000]
    assert context[-1] == "chữ-lạ"


def test_a_short_block_is_diagnosed_as_before():
    block = RECORD.words[100:200] + ["chữ-lạ"] + RECORD.words[200:260]
    assert record._first_change(RECORD, block)[:3] == ([], ["chữ-lạ"], RECORD.lines[200])


def test_the_matching_prefix_is_where_the_block_leaves_the_record():
    block = RECORD.words[500:4000] + ["chữ-lạ"] + RECORD.words[4000:4100]
    assert record._matching_prefix(RECORD, block) == 3500
    assert record._matching_prefix(RECORD, ["chữ-lạ"]) == 0


def test_a_page_of_one_word_repeated_is_refused_with_a_bounded_window():
    block = ["và"] * 300_000  # about 2 MB of page; difflib on all of it would take many minutes
    record_words, page_words, line, _ = record._first_change(RECORD, block)
    assert line is not None and (record_words or page_words)


# --- the message a contributor reads (kehoach/plan/record_errors.py) ---------
# The plan's pages are made here from the record itself: every block of the
# record a paragraph of one page, footnotes last, as record.Record reads them.
# A page's source is the repository's own Markdown file, edited as the test
# edits the page.

REL = "record/ke-hoach-2022-ban-ky.txt"
RECORD_FILE = PLAN / REL
PAGE = "phan-1/ket-qua/ton-giao.md"
PARAGRAPH = "Triển khai nghiên cứu Đề tài khoa học cấp tỉnh về lĩnh vực tín ngưỡng;"


def record_page() -> str:
    """The record's words as one rendered page: each block a paragraph, footnotes last."""
    blocks = record.record_blocks(RECORD_FILE.read_text(encoding="utf-8"))
    ordered = [b for b in blocks if b[0] == "body"] + [b for b in blocks if b[0] == "footnote"]
    return "".join(f"<p>{escape(text)}</p>\n" for _, text, _ in ordered)


def edited(text: str, old: str, new: str) -> str:
    assert old in text, f"{old!r} not found: the test no longer matches the file"
    return text.replace(old, new, 1)


def data_files(*edits: tuple[str, str, str]) -> list[record_errors.Source]:
    """data/*.yml of the repository (sorted, as the build lists them), with `edits` (file, old, new)."""
    files = []
    for path in sorted((PLAN / "data").glob("*.yml")):
        rel = f"data/{path.name}"
        text = path.read_text(encoding="utf-8")
        for file, old, new in edits:
            if file == rel:
                text = edited(text, old, new)
        files.append((rel, lambda t=text: t))
    return files


def record_message(html: str, src_uri: str = PAGE, source: str | None = None, data=()) -> tuple[str, str]:
    """What the build says of a plan made of the one page `html` (file docs/`src_uri`,
    Markdown `source`), and that page's source."""
    if source is None:
        source = (PLAN / "docs" / src_uri).read_text(encoding="utf-8")
    error = record_errors.check(RECORD, [(src_uri, html)], lambda uri: (f"docs/{uri}", lambda: source), data)
    assert error is not None, "the page was taken for the record"
    text = str(error)
    # The build hands the page's kept tree (kehoach/core/htmltree.py Trees) instead of its HTML: the same message.
    tree = htmltree.parse(html)
    assert str(record_errors.check(RECORD, [(src_uri, tree)], lambda uri: (f"docs/{uri}", lambda: source),
                                   data)) == text
    assert "Cách sửa:" in text and "[EN] Fix:" in text, text
    assert "không sửa tệp đó" in text and "never edit that file" in text, text
    return text, source


def _where(out: str, rel: str, line: int) -> None:
    assert f"{rel}, dòng {line} (line {line}):" in out, out


def test_the_record_read_back_as_a_page_is_the_record():
    assert record_errors.check(RECORD, [(PAGE, record_page())], lambda uri: (uri, str)) is None
    assert record_errors.check(RECORD, [(PAGE, htmltree.parse(record_page()))], lambda uri: (uri, str)) is None


def test_each_word_of_the_record_is_found_where_its_offset_says():
    assert len(RECORD.words) == len(RECORD.lines) == len(RECORD.starts) > 5000
    assert RECORD.joined.startswith(" ") and RECORD.joined.endswith("| ")
    for word, start in zip(RECORD.words, RECORD.starts):
        assert RECORD.joined[start - 1:start + len(word) + 1] == f" {word} "
    assert RECORD.joined.replace("| ", "").split() == RECORD.words


def test_a_changed_word_names_the_page_the_line_and_both_words():
    out, source = record_message(edited(record_page(), "Triển khai nghiên cứu", "Triển khai tìm hiểu"),
                                 source=edited((PLAN / "docs" / PAGE).read_text(encoding="utf-8"),
                                               "Triển khai nghiên cứu", "Triển khai tìm hiểu"))
    _where(out, f"docs/{PAGE}", line_of(source, "Triển khai tìm hiểu"))
    line = line_of(RECORD_FILE, PARAGRAPH)
    assert (f"Chữ của Kế hoạch khác văn bản đã ký ({REL}, dòng {line}): "
            "văn bản gốc viết «nghiên cứu», trang này viết «tìm hiểu».") in out
    assert (f"The plan's words differ from the signed text ({REL}, line {line}): "
            "the record says «nghiên cứu», this page says «tìm hiểu».") in out


def test_an_added_word():
    out, source = record_message(edited(record_page(), "lĩnh vực tín ngưỡng;", "lĩnh vực tín ngưỡng mới;"),
                                 source=edited((PLAN / "docs" / PAGE).read_text(encoding="utf-8"),
                                               "lĩnh vực tín ngưỡng;", "lĩnh vực tín ngưỡng mới;"))
    _where(out, f"docs/{PAGE}", line_of(source, "tín ngưỡng mới"))
    assert f"Trang có thêm «mới» mà văn bản đã ký không có ({REL}, dòng " in out
    assert f"The page adds «mới», which the signed text does not have ({REL}, line " in out


def test_a_left_out_word():
    out, source = record_message(edited(record_page(), "Đề tài khoa học cấp tỉnh", "Đề tài cấp tỉnh"),
                                 source=edited((PLAN / "docs" / PAGE).read_text(encoding="utf-8"),
                                               "Đề tài khoa học cấp tỉnh", "Đề tài cấp tỉnh"))
    _where(out, f"docs/{PAGE}", line_of(source, "Đề tài cấp tỉnh"))
    line = line_of(RECORD_FILE, PARAGRAPH)
    assert f"Trang thiếu «khoa học» của văn bản đã ký ({REL}, dòng {line})." in out
    assert f"The page leaves out «khoa học» of the signed text ({REL}, line {line})." in out


def test_a_removed_paragraph_is_named_after_the_one_before_it():
    source = edited((PLAN / "docs" / PAGE).read_text(encoding="utf-8"), PARAGRAPH + "\n", "")
    out, _ = record_message(edited(record_page(), f"<p>{PARAGRAPH}</p>\n", ""), source=source)
    _where(out, f"docs/{PAGE}", line_of(source, "Tổ chức triển khai thực hiện Kế hoạch khảo sát"))
    line = line_of(RECORD_FILE, PARAGRAPH)
    assert (f"Thiếu chữ của văn bản đã ký ({REL}, dòng {line}): «Triển khai nghiên cứu Đề tài khoa học cấp tỉnh "
            "về lĩnh» không có trên trang nào; chỗ của nó là sau dòng này.") in out
    assert f"Words of the signed text ({REL}, line {line}) are on no page: «Triển khai nghiên cứu" in out


def test_a_paragraph_copied_twice():
    source = edited((PLAN / "docs" / PAGE).read_text(encoding="utf-8"), PARAGRAPH, PARAGRAPH + "\n\n" + PARAGRAPH)
    out, _ = record_message(edited(record_page(), f"<p>{PARAGRAPH}</p>\n", f"<p>{PARAGRAPH}</p>\n" * 2),
                            source=source)
    _where(out, f"docs/{PAGE}", line_of(source, PARAGRAPH))
    assert (f"Chữ «Triển khai nghiên cứu Đề tài khoa học cấp tỉnh về lĩnh» có trên các trang "
            f"Kế hoạch nhiều lần hơn trong văn bản đã ký ({REL}): đoạn bị chép hai lần?") in out
    assert "«Triển khai nghiên cứu Đề tài khoa học cấp tỉnh về lĩnh» are on the plan's pages more often" in out
    assert "a paragraph copied twice?" in out


def test_a_word_drawn_from_data_is_blamed_on_the_data_file():
    data = data_files(("data/plan.yml", 'signer_title: "GIÁM ĐỐC"', 'signer_title: "PHÓ GIÁM ĐỐC"'))
    html = edited(record_page(), "<p>GIÁM ĐỐC</p>", "<p>PHÓ GIÁM ĐỐC</p>")
    out, _ = record_message(html, "phan-2/to-chuc-thuc-hien.md", data=data)
    plan_yml = dict(data)["data/plan.yml"]()
    _where(out, "data/plan.yml", line_of(plan_yml, "PHÓ GIÁM ĐỐC"))
    assert f"Trang có thêm «PHÓ» mà văn bản đã ký không có ({REL}, dòng {line_of(RECORD_FILE, 'GIÁM ĐỐC')})." in out


def test_words_found_nowhere_are_blamed_on_the_page_s_first_line():
    out, _ = record_message(edited(record_page(), "<p>GIÁM ĐỐC</p>", "<p>XYZ GIÁM ĐỐC</p>"),
                            "phan-2/to-chuc-thuc-hien.md", data=data_files())
    _where(out, "docs/phan-2/to-chuc-thuc-hien.md", 1)
    assert "Trang có thêm «XYZ»" in out


def test_a_word_added_deep_inside_a_long_block_is_named_in_the_message():
    body = " ".join(RECORD.words[100:3000] + ["XYZ"] + RECORD.words[3000:6000])
    out, _ = record_message(f"<p>{body}</p>", source=f"# Trang\n\n{body}\n")
    assert f"Trang có thêm «XYZ» mà văn bản đã ký không có ({REL}, dòng {RECORD.lines[3000]})." in out
    _where(out, f"docs/{PAGE}", 3)


def test_a_word_thousands_of_characters_long_is_quoted_one_line_at_most():
    """Each quote holds at most 12 words, each as long as the page wrote it: a
    word of 5,000 letters is cut as any quoted value (core.errors.excerpt)."""
    long_word = "mới" + "a" * 5000
    out, _ = record_message(edited(record_page(), "lĩnh vực tín ngưỡng;", f"lĩnh vực tín ngưỡng {long_word};"),
                            source=edited((PLAN / "docs" / PAGE).read_text(encoding="utf-8"),
                                          "lĩnh vực tín ngưỡng;", f"lĩnh vực tín ngưỡng {long_word};"))
    assert "Trang có thêm «mớiaaa" in out and "…»" in out
    assert len(out) < 2000
