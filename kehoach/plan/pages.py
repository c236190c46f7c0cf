"""Which Markdown pages carry the plan's own text (the signed document).

One rule for every module that treats plan pages differently: citation
linking, abbreviation marking, the whole-plan print page. The list of pages is
data/site.yml's `plan_pages` (kehoach/settings.py).
"""
from __future__ import annotations

from kehoach import settings


def is_plan_page(src_uri: str) -> bool:
    return settings.site().is_plan_page(src_uri)
