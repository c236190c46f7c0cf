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

Passes that run after `own` (caption names added at on_page_content, the
print page's appendix) write the bare attribute: the tree they add to is
already judged.
"""
from __future__ import annotations

import secrets

from kehoach.core import htmltree

ATTR = "data-kh-chrome"
_PROOF = f"data-kh-own-{secrets.token_hex(16)}"  # unknown to any page; never written out
MARK = f"{ATTR} {_PROOF}"  # what our macros write in the Markdown they return

# Attributes the site's code, stylesheets and exports act on, which a page
# must not set: chrome (left out of the plan's words) and the address printed
# after a link on paper (print.css, pdf.css, the PDF's link targets), the
# source of a print page section.
RESERVED = frozenset({ATTR, "data-kh-print-url", "data-kh-source"})


def own(root: htmltree.Element) -> None:
    """Keep on `root` (a page's tree, as Markdown rendered it) only the reserved
    attributes our code wrote: `data-kh-chrome` with our proof beside it (the
    proof removed); every other reserved attribute is the page's and is removed."""
    for el in htmltree.elements(root):
        names = [name for name in el.attrib if name in RESERVED or name.startswith("data-kh-own-")]
        if not names:
            continue
        ours = _PROOF in el.attrib
        for name in names:
            if name != ATTR or not ours:
                del el.attrib[name]
