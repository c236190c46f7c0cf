"""Which Markdown pages carry the plan's own text (the signed document).

One rule for every module that treats plan pages differently: citation
linking, abbreviation marking, the whole-plan print page.
"""
from __future__ import annotations

PLAN_FILES = ("index.md", "bieu-mau-06.md")
PLAN_FOLDERS = ("phan-1/", "phan-2/")


def is_plan_page(src_uri: str) -> bool:
    return src_uri in PLAN_FILES or (src_uri.startswith(PLAN_FOLDERS) and src_uri.endswith(".md"))
