"""Bench-only MkDocs hook: write each page's Markdown as the macros left it.

Listed first under `hooks:` in a generated config, so it runs right after the
macros plugin and before our own hooks. The plain build uses these files as
static replacements of the macro calls: same text, none of our code.
Output folder: $KH_BENCH_CAPTURE (the plain corpus's docs/).
"""
import os
from pathlib import Path

import yaml


def on_page_markdown(markdown, page, config, files):
    dest = Path(os.environ["KH_BENCH_CAPTURE"]) / page.file.src_uri
    dest.parent.mkdir(parents=True, exist_ok=True)
    front = ""
    if page.meta:
        front = "---\n" + yaml.safe_dump(dict(page.meta), allow_unicode=True, sort_keys=False) + "---\n\n"
    dest.write_text(front + markdown, encoding="utf-8")
    return markdown
