"""The site publishes the signed plan word for word, and nothing else.

Held to record/ke-hoach-2022-ban-ky.txt: every word of the record is on the
plan's pages (headings, body, footnotes, table cells, recipients) and the plan's
pages say nothing the record does not (chrome marked data-kh-chrome aside).
"""
from collections import Counter

from bs4 import BeautifulSoup

from plantext import article_text, plan_pages, record_blocks, record_words, words


def _site_words_by_page(site):
    pages = {}
    for path in plan_pages(site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        pages[path.relative_to(site).as_posix()] = words(article_text(soup))
    return pages


def _contains(haystack: list[str], needle: list[str]) -> bool:
    n = len(needle)
    first = needle[0]
    return any(haystack[i] == first and haystack[i:i + n] == needle for i in range(len(haystack) - n + 1))


def test_plan_pages_are_all_there(built):
    pages = [p.relative_to(built.site).as_posix() for p in plan_pages(built.site)]
    assert len(pages) == 30, pages


def test_every_word_of_the_record_is_on_the_site_and_nothing_more(built):
    record = Counter(record_words())
    site = Counter(w for ws in _site_words_by_page(built.site).values() for w in ws)
    missing = record - site
    extra = site - record
    total = sum(record.values())
    coverage = 100 * (total - sum(missing.values())) / total
    print(f"fidelity: {coverage:.2f}% of {total} words of the record are on the site")
    assert not missing, f"words of the record missing from the site: {dict(missing)}"
    assert not extra, f"words on the plan pages that the record does not have: {dict(extra)}"


def test_every_block_of_the_record_reads_in_order_on_one_page(built):
    pages = _site_words_by_page(built.site)
    not_found = []
    for kind, text in record_blocks():
        ws = words(text)
        if len(ws) < 2 or kind == "body" and "\t" in text:
            continue  # table rows are checked cell by cell below
        if not any(_contains(page, ws) for page in pages.values()):
            not_found.append(text[:80])
    assert not_found == []


# Line numbers in the record where a page break cuts a sentence in two:
# (last line before the break, first line after it, footnotes in between).
PAGE_BREAK_SPLITS = [(25, 27), (79, 85), (97, 103), (159, 161), (179, 181), (261, 263), (289, 291), (309, 311)]


def test_sentences_split_by_page_breaks_are_joined(built):
    from plantext import RECORD, SUPERSCRIPTS

    lines = RECORD.read_text(encoding="utf-8").splitlines()
    pages = _site_words_by_page(built.site)
    broken = []
    for before, after in PAGE_BREAK_SPLITS:
        first = lines[before - 1].translate(str.maketrans({k: " " + v for k, v in SUPERSCRIPTS.items()}))
        joined = words(first)[-4:] + words(lines[after - 1])[:4]
        if not any(_contains(p, joined) for p in pages.values()):
            broken.append(" ".join(joined))
    assert broken == []


def test_table_cells_are_in_the_table(built):
    from plantext import RECORD

    soup = built.page("bieu-mau-06/")
    table_text = words(soup.select_one("article table").get_text(" "))
    lines = RECORD.read_text(encoding="utf-8").splitlines()
    for line in lines:
        if "\t" in line:
            for cell in line.split("\t"):
                if cell.strip():
                    assert _contains(table_text, words(cell)), cell
