"""The site's own chrome on a page, told apart from what the page wrote.

Text the site adds to a plan page (section link lists, notes, captions,
download links) is marked `data-kh-chrome`: the record check
(kehoach/plan/record.py), the print page and the PDF (kehoach/exports/) leave
it out of the plan's words. A page can type that attribute too, in raw HTML
or attr_list, so the attribute alone proves nothing. Our own code marks its
chrome with `MARK`: the attribute plus a second one whose name holds a nonce
drawn when this module is first imported, which no page can know (it never
reaches a written page: `own` removes it). At on_page_content, before any
pass reads the tree, `own` keeps the marks our code wrote and drops every
reserved attribute (`RESERVED`) a page wrote itself.

A cell's `data-label` is shown on phones before its value (site.css, tables
of class kh-reflow) and is no word of the page's text, so the record check
never reads it: a page could make a phone show words that are not in the
signed text. It is reserved too: our data tables write it with `label`,
which carries the proof; kehoach/readers/cell_labels.py labels the page's
own tables from their header row (the plan's words) after `own`.

Passes that run after `own` (caption names added at on_page_content, the
print page's appendix, the register's overview) write the bare attributes:
the tree they add to is already judged.
"""
from __future__ import annotations

import secrets
from html import escape

from kehoach.core import htmltree

ATTR = "data-kh-chrome"
_PROOF = f"data-kh-own-{secrets.token_hex(16)}"  # unknown to any page; never written out
MARK = f"{ATTR} {_PROOF}"  # what our macros write in the Markdown they return

LABEL = "data-label"

# Attributes the site's code, stylesheets and exports act on, which a page
# must not set: chrome (left out of the plan's words), a cell's label shown on
# phones (site.css), the address printed after a link on paper (print.css,
# pdf.css, the PDF's link targets), the source of a print page section.
RESERVED = frozenset({ATTR, LABEL, "data-kh-print-url", "data-kh-source"})
# Those our code writes before `own`, with the proof beside them.
PROVEN = frozenset({ATTR, LABEL})


def label(text: str) -> str:
    """The attribute that names a data cell's column on a phone, as our tables
    write it (with the proof, so that `own` keeps it): ` data-label="…" …`."""
    return f' {LABEL}="{escape(text)}" {_PROOF}'


# The elements (`root` included) with a data- attribute, as every reserved one and the
# proof are: found by libxml2, so a page's other elements are not visited in Python.
_MARKED = htmltree.finder("descendant-or-self::*[@*[starts-with(name(), 'data-')]]")
assert all(name.startswith("data-") for name in RESERVED | {_PROOF})


def own(root: htmltree.Element) -> None:
    """Keep on `root` (a page's tree, as Markdown rendered it) only the reserved
    attributes our code wrote: `data-kh-chrome` or `data-label` with our proof
    beside them (the proof removed); every other reserved attribute is the
    page's and is removed."""
    for el in _MARKED(root):
        names = [name for name in el.attrib if name in RESERVED or name.startswith("data-kh-own-")]
        if not names:
            continue
        ours = _PROOF in el.attrib
        for name in names:
            if name not in PROVEN or not ours:
                del el.attrib[name]
