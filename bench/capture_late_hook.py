"""Bench-only MkDocs hook, listed last: put into the captured Markdown what our
hooks fill in late, so the plain build has the same content.

Some content is filled in after on_page_content (on_env, on_page_context):
the register's overview and each entry's "Được trích dẫn tại" list, the
glossary table, the whole plan on the print page. In the captured Markdown
they are still placeholders. Here, at on_page_content (after ours) the page
still has the placeholder (made ready for search as our on_page_context will
do); at on_post_page it has the content: what replaced the placeholder goes
into the captured Markdown as raw HTML.
Output folder: $KH_BENCH_CAPTURE (the plain corpus's docs/), as capture_hook.py.
"""
import os
from pathlib import Path

from kehoach.core import fill, htmltree
from kehoach.search import index as search_index

PLACEHOLDERS = fill.PATTERN  # every marker of late-filled content (kehoach/core/fill.py)
_before: dict[str, str] = {}  # src_uri -> page HTML with its placeholder still in it


def on_page_content(html, page, config, files):
    if PLACEHOLDERS.search(html):
        # Our on_page_context reworks every page for search before it fills the print page.
        root = htmltree.parse(html)
        search_index.prepare_page(root)
        _before[page.file.src_uri] = htmltree.serialize(root)
    return html


def on_post_page(output, page, config):
    before = _before.pop(page.file.src_uri, None)
    if before is None:
        return output
    found = list(PLACEHOLDERS.finditer(before))
    if len(found) != 1:
        raise SystemExit(f"bench capture: {page.file.src_uri} has {len(found)} placeholders; expected one")
    head, tail = before[:found[0].start()], before[found[0].end():]
    after = page.content
    if not (after.startswith(head) and after.endswith(tail)):
        raise SystemExit(f"bench capture: {page.file.src_uri} changed outside its placeholder; cannot capture it")
    filled = after[len(head):len(after) - len(tail)]
    dest = Path(os.environ["KH_BENCH_CAPTURE"]) / page.file.src_uri
    markdown = dest.read_text(encoding="utf-8")
    if markdown.count(found[0].group()) != 1:
        raise SystemExit(f"bench capture: the placeholder is not once in the Markdown of {page.file.src_uri}")
    dest.write_text(markdown.replace(found[0].group(), "\n" + filled + "\n"), encoding="utf-8")
    return output
