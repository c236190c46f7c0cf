"""kehoach/core/htmltree.py: the one way HTML is read, and the trees kept between events."""
from __future__ import annotations

from kehoach.core import htmltree


def test_a_fragment_is_written_back_as_it_was_read():
    html = '\n<p class="a">Ủy ban &amp; <abbr title="Ủy ban nhân dân">UBND</abbr></p>\n<table><tr><td>1</td></tr></table>'
    assert htmltree.serialize(htmltree.parse(html)) == html


def test_a_kept_tree_is_given_back_while_the_page_is_the_string_written_from_it():
    trees = htmltree.Trees()
    root = htmltree.parse("<p>a</p>")
    html = htmltree.serialize(root)
    trees.keep("phan-1/", html, root)
    assert trees.of("phan-1/", html) is root


def test_a_changed_page_is_parsed_again():
    trees = htmltree.Trees()
    root = htmltree.parse("<p>a</p>")
    html = htmltree.serialize(root)
    trees.keep("phan-1/", html, root)
    equal_but_new = "".join(["<p>", "a</p>"])  # the same text, another string: written by someone else
    again = trees.of("phan-1/", equal_but_new)
    assert again is not root and htmltree.serialize(again) == "<p>a</p>"
    changed = trees.of("phan-1/", "<p>b</p>")
    assert htmltree.serialize(changed) == "<p>b</p>"
    assert htmltree.serialize(trees.of("phan-2/", html)) == "<p>a</p>"  # another page: nothing kept
