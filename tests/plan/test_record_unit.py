"""kehoach/plan/record.py on its own: a very long block (a hostile page can hold a
2 MB paragraph) is diagnosed in a window around where it leaves the record, so
the message names the right words without difflib's cost growing with the
square of the block."""
from __future__ import annotations

from kehoach.plan import record
from siteutil import ROOT

RECORD = record.read(ROOT / "record" / "ke-hoach-2022-ban-ky.txt", "record/ke-hoach-2022-ban-ky.txt")


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
