"""The Marker on a page's tree (kehoach/abbreviations/html.py): which text it
marks, what it counts, and the one keyboard stop per abbreviation and page."""
from __future__ import annotations

import pytest

from kehoach.abbreviations import html as abbreviation_html
from kehoach.abbreviations import model as abbreviations
from kehoach.core import htmltree
from kehoach.core.data import Project
from siteutil import PLAN, ROOT


@pytest.fixture
def marker():
    return abbreviation_html.Marker(abbreviations.load(Project.at(PLAN)))


def _abbrs(root):
    return [(a.text, a.get("tabindex")) for a in root.iter("abbr") if a.get("class") == "kh-abbr"]


@pytest.mark.parametrize("tag", ["abbr", "code", "pre", "script", "style", "kbd", "samp", "textarea", "svg", "math"])
def test_text_inside_these_elements_is_not_marked(marker, tag):
    root = htmltree.parse(f"<div><{tag}>UBND tỉnh</{tag}> và UBND huyện</div>")
    marker.mark(root)
    assert _abbrs(root) == [("UBND", "0")]
    assert root.find("div")[0].text == "UBND tỉnh"
    assert root.find("div")[1].tail == " huyện"  # the text after the new <abbr>
    assert marker.counts["UBND"] == 1  # not counted inside code, scripts, an <abbr> or a picture


def test_nothing_inside_an_svg_is_marked(marker):
    """SVG renders no HTML element: an <abbr> in a chart's <text> hides the label."""
    svg = ('<svg xmlns="http://www.w3.org/2000/svg"><title>UBND</title><desc>UBND tỉnh</desc>'
           '<g><text x="0" y="10">UBND</text><foreignObject><p>UBND</p></foreignObject></g></svg>')
    root = htmltree.parse(f"<div>{svg}</div><p>UBND</p>")
    marker.mark(root)
    assert [a.getparent().tag for a in root.iter("abbr")] == ["p"]
    assert htmltree.serialize(root).startswith(f"<div>{svg}</div>")


@pytest.mark.parametrize("tag", ["a", "button"])
def test_inside_a_link_marked_but_never_focusable(marker, tag):
    """HTML allows no descendant with a tabindex in <a> or <button>: the link is
    the keyboard stop; the page's first UBND outside it gets the abbreviation's."""
    attrs = ' href="#"' if tag == "a" else ""
    root = htmltree.parse(f"<p><{tag}{attrs}>I. KẾT QUẢ <em>KT-XH</em> của UBND</{tag}> và UBND huyện</p>")
    text = root.text_content()
    marker.mark(root)
    assert _abbrs(root) == [("KT-XH", None), ("UBND", None), ("UBND", "0")]
    assert root.text_content() == text
    assert marker.counts["UBND"] == 2 and marker.marked["UBND"] == 2


def test_first_occurrence_per_page_is_the_keyboard_stop_in_document_order(marker):
    root = htmltree.parse("<p>Ý kiến <em>HĐND</em> và UBND</p><ul><li>UBND, HĐND, UBND</li></ul>")
    text = root.text_content()
    marker.mark(root)
    assert _abbrs(root) == [("HĐND", "0"), ("UBND", "0"), ("UBND", "-1"), ("HĐND", "-1"), ("UBND", "-1")]
    assert root.text_content() == text
    assert htmltree.serialize(root).startswith(
        '<p>Ý kiến <em><abbr class="kh-abbr" title="Hội đồng nhân dân" tabindex="0">HĐND</abbr></em> và ')


def test_text_after_an_element_is_marked_in_place(marker):
    root = htmltree.parse("<p><strong>x</strong> UBND tỉnh <br>UBND huyện</p>")
    marker.mark(root)
    assert htmltree.serialize(root) == (
        '<p><strong>x</strong> <abbr class="kh-abbr" title="Ủy ban nhân dân" tabindex="0">UBND</abbr> tỉnh <br>'
        '<abbr class="kh-abbr" title="Ủy ban nhân dân" tabindex="-1">UBND</abbr> huyện</p>')


def test_counts_only_the_plans_words(marker):
    root = htmltree.parse('<div data-kh-chrome><p>UBND <a href="#">UBND</a></p></div><p>UBND</p>')
    marker.mark(root)
    assert marker.counts["UBND"] == 1 and marker.marked["UBND"] == 3
    other = htmltree.parse("<p>UBND</p>")
    assert marker.mark(other, count=False) is True
    assert marker.counts["UBND"] == 1 and marker.marked["UBND"] == 4


def test_marking_again_marks_only_new_text(marker):
    root = htmltree.parse("<p>UBND tỉnh</p>")
    marker.mark(root, count=False)
    root.append(htmltree.parse("<p>UBND huyện</p>")[0])
    assert marker.mark(root, count=False) is True
    assert _abbrs(root) == [("UBND", "0"), ("UBND", "-1")]
    assert marker.mark(root, count=False) is False  # nothing new
    assert marker.marked["UBND"] == 2


def test_comments_and_document_numbers_are_left_alone(marker):
    root = htmltree.parse("<p><!-- UBND -->Quyết định số 16/2021/QĐ-UBND</p>")
    assert marker.mark(root) is False
    assert htmltree.serialize(root) == "<p><!-- UBND -->Quyết định số 16/2021/QĐ-UBND</p>"
    assert marker.counts["UBND"] == 0


_MIXED = [
    "UBND tỉnh<p>HĐND <em>UBND</em> và <a href='#'>UBND <em>KT-XH</em></a> UBND</p>UBND",
    "<div data-kh-chrome><p>UBND <a href='#'>UBND</a></p><code>UBND</code> UBND</div><p>HĐND</p>",
    "<p><!-- UBND -->UBND<!-- x --> HĐND <?pi UBND?>UBND</p><ul><li>UBND<ul><li>HĐND</li></ul> UBND</li></ul>",
    "<table><tr><td>UBND</td><td><button>UBND <span>HĐND</span></button> UBND</td></tr></table>",
    "<p><svg><text>UBND</text></svg> UBND <pre>UBND <b>UBND</b></pre> UBND</p>",
    "<p>Quyết định số 16/2021/QĐ-UBND của UBND</p><p>không có gì</p>",
]


@pytest.mark.parametrize("fragment", _MIXED)
def test_marking_only_the_runs_that_hold_one_is_the_walk(fragment):
    """`mark` visits only the runs of text that hold an abbreviation (found by
    XPath); `_walk`, which it falls back on, visits every run: the same tree,
    the same counts, the same keyboard stops."""
    entries = abbreviations.load(Project.at(PLAN))
    fast, walked = abbreviation_html.Marker(entries), abbreviation_html.Marker(entries)
    walked.apart = False  # as when a run cannot be told apart: the whole tree walked
    roots = [htmltree.parse(fragment), htmltree.parse(fragment)]
    assert fast.mark(roots[0]) == walked.mark(roots[1])
    assert htmltree.serialize(roots[0]) == htmltree.serialize(roots[1])
    assert (fast.counts, fast.marked) == (walked.counts, walked.marked)
