"""The whole plan on one page, assembled from the plan's own rendered pages.

The print page (docs/in-toan-van.md) and the PDF hold the plan in reading
order. Nothing is copied by hand: at build time, after MkDocs has turned every
Markdown page into HTML, `assemble` takes the HTML of each plan page in nav
order and stitches it together, so the whole-plan page can never drift from
the pages themselves.

On the way it:
- drops site chrome (`data-kh-chrome`: section link lists, notes, buttons,
  the controls that copy a block's link);
- shifts headings down by the page's depth in the nav, so the one page has one
  outline (KẾ HOẠCH h1, PHẦN h2, I. h3, 1. h4, ...);
- keeps each id as on its page (a block's address, kehoach/anchors/, is
  unique in the whole plan, so none of them is renamed), renaming only an id already taken on the
  whole-plan page (`<page>--<id>`) and the links that point to it;
- turns links between plan pages into links within the page, and gives links
  that leave the plan their full public address (`data-kh-print-url`) so the
  print stylesheet can print it. That attribute is only ever ours: any a page
  wrote is dropped first (the build drops it at on_page_content too,
  kehoach/core/chrome.py), so the address printed after a link, and the PDF's
  link target, is the link's own `href`.
"""
from __future__ import annotations

import copy
import posixpath
import re
from html import escape
from dataclasses import dataclass
from typing import Callable

from kehoach import settings
from kehoach.core import htmltree, urls

# The page that shows the whole plan, and the name of the marker its Markdown
# leaves for it (kehoach/core/fill.py; the marker itself is drawn per build).
PRINT_PAGE = settings.PRINT_PAGE
MARKER = "toan-van"

# Source files whose text is the plan's own (see tests/plantext.py).

_HEADING = re.compile(r"^h([1-6])$")
_SCREEN_ONLY = {"headerlink", "footnote-backref"}
PRINT_URL = "data-kh-print-url"  # the public address printed after a link (print.css, pdf.css)
_EXTERNAL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")  # http:, https:, mailto:, ...


_page_key = urls.page_key


def section_id(page) -> str:
    key = _page_key(page.url)
    return "trang-" + (key.replace("/", "-") if key else "chu")


def heading_shift(page) -> int:
    """How many levels this page's headings move down on the whole-plan page."""
    depth = len(page.ancestors)
    if page.is_index:
        return depth  # the home page stays h1; a section's index page opens its section
    return depth + 1


def starts_part(page) -> bool:
    """PHẦN I, PHẦN II and Biểu mẫu 06 start on a new sheet when printed."""
    return heading_shift(page) == 1


@dataclass
class _Source:
    page: object
    root: htmltree.Element
    key: str
    sid: str


# The whole plan that `assemble` returns, in the print page's tree.
PLAN_XPATH = "//div[contains(concat(' ', normalize-space(@class), ' '), ' kh-fullplan ')]"


def plan_trees(pages, is_plan_page: Callable[[str], bool],
               trees: htmltree.Trees | None = None) -> dict[str, htmltree.Element]:
    """A tree of each rendered plan page among `pages` (`is_plan_page`: the BuildState's
    `site.is_plan_page`), by source path, in order: a copy of the page's kept tree
    (`trees`, the BuildState's), which `assemble` may change, or a new parse."""
    out = {}
    for page in pages:
        if is_plan_page(page.file.src_uri) and page.content is not None:
            out[page.file.src_uri] = (copy.deepcopy(trees.of(page.url, page.content)) if trees is not None
                                      else htmltree.parse(page.content))
    return out


def assemble(pages, is_plan_page: Callable[[str], bool], here_url: str, site_url: str,
             taken: set[str] | None = None,
             local_targets: dict[str, str] | None = None, appendix: str = "",
             trees: dict[str, htmltree.Element] | None = None) -> str:
    """HTML of the whole plan from `pages` (MkDocs pages in nav order, rendered).

    `is_plan_page(src_uri)` says which carry the plan's own text (the
    BuildState's `site.is_plan_page`); only those are assembled.
    `here_url` is the URL of the page that will show it (for relative links);
    `site_url` the public address of the site (for links that leave the plan);
    `taken` ids already used on that page; `local_targets` maps a site page
    outside the plan ('van-ban/x') to an id on this page that stands for it
    (links to it go there); `appendix` is HTML put after the plan; `trees`
    the pages' trees (`plan_trees`) if already parsed: they are changed.
    """
    taken = set(taken or ())
    local_targets = local_targets or {}
    sources = []
    for page in pages:
        if not is_plan_page(page.file.src_uri) or page.content is None:
            continue
        root = trees[page.file.src_uri] if trees and page.file.src_uri in trees else htmltree.parse(page.content)
        for el in [el for el in htmltree.elements(root) if "data-kh-chrome" in el.attrib]:
            # A table's caption in our own words is chrome, but the table still
            # needs a name: keep it as an attribute, which adds no words.
            if el.tag == "caption" and el.getparent() is not None and el.getparent().tag == "table":
                el.getparent().set("aria-label", " ".join(el.text_content().split()))
            htmltree.remove(el)
        for el in root.iter():
            if htmltree.is_element(el):
                el.attrib.pop(PRINT_URL, None)  # only the address worked out below is printed
        sources.append(_Source(page, root, _page_key(page.url), section_id(page)))

    # Ids: each section's own id, then every id inside, first come keeps its name.
    renamed: dict[tuple[str, str], str] = {}
    for src in sources:
        src.sid = _unique(src.sid, taken)
        for el in [el for el in htmltree.elements(src.root) if el.get("id") is not None and el is not src.root]:
            old = el.get("id")
            new = old if old not in taken else _unique(f"{src.sid}--{old}", taken)
            taken.add(new)
            renamed[(src.key, old)] = new
            el.set("id", new)
    by_key = {src.key: src for src in sources}

    here_key = _page_key(here_url)
    here_dir = posixpath.dirname(here_url.split("#", 1)[0]) if here_url else ""
    public = site_url.rstrip("/") + "/" if site_url else "/"
    for src in sources:
        page_dir = posixpath.dirname(src.page.url)
        for a in src.root.iter("a"):
            href = a.get("href")
            if href is None:
                continue
            if _EXTERNAL.match(href):
                if href.startswith(("http:", "https:")):
                    a.set(PRINT_URL, href)
                continue
            path, _, frag = href.partition("#")
            if not path:
                target_key = src.key
                target_path = None
            else:
                target_path = posixpath.normpath(posixpath.join(page_dir, path))
                target_key = _page_key(target_path)
            if target_key in by_key:
                target = by_key[target_key]
                a.set("href", "#" + (renamed.get((target_key, frag), frag) if frag else target.sid))
                continue
            if target_key in local_targets and not frag:
                a.set("href", "#" + local_targets[target_key])
                continue
            # A page of the site that is not part of the plan: keep the link
            # working from here, and remember its full public address.
            if target_key == here_key:
                a.set("href", "#" + frag if frag else "#")
                continue
            rel = posixpath.relpath(target_path, here_dir or ".")
            if path.endswith("/") and not rel.endswith("/"):
                rel += "/"
            anchor = "#" + frag if frag else ""
            a.set("href", rel + anchor)
            # Public pages have directory addresses; files (PDF, zip) keep their name.
            is_page = path.endswith(("/", ".html"))
            a.set(PRINT_URL, public + (
                (target_key + "/" if target_key else "") if is_page else target_path) + anchor)

    # Headings: one outline for the whole document.
    parts = []
    for src in sources:
        shift = heading_shift(src.page)
        if shift:
            for el in [el for el in htmltree.elements(src.root) if _HEADING.match(el.tag)]:
                el.tag = f"h{min(6, int(el.tag[1]) + shift)}"
        classes = "kh-fullplan__page" + (" kh-fullplan__part" if starts_part(src.page) else "")
        parts.append(
            f'<section class="{classes}" id="{escape(src.sid)}" data-kh-source="{escape(src.page.file.src_uri)}">\n'
            f"{htmltree.serialize(src.root)}\n</section>"
        )
    return '<div class="kh-fullplan">\n' + "\n".join(parts) + "\n" + appendix + "</div>\n"


def _unique(name: str, taken: set[str]) -> str:
    candidate, n = name, 2
    while candidate in taken:
        candidate, n = f"{name}-{n}", n + 1
    taken.add(candidate)
    return candidate




def for_pdf(html: str) -> str:
    """The assembled plan made self-contained for the PDF.

    Permalink signs and footnote back-arrows are screen chrome; links to other
    pages of the site point at their public address (printed beside them).
    """
    root = htmltree.parse(html)
    for el in [el for el in htmltree.elements(root) if htmltree.classes(el) & _SCREEN_ONLY]:
        htmltree.remove(el)
    for a in root.iter("a"):
        href, public = a.get("href"), a.get(PRINT_URL)
        if href is not None and not href.startswith("#") and public:
            a.set("href", public)
    return htmltree.serialize(root)
