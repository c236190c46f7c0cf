"""The macros Markdown pages may call: each one's name and the data files it
draws a page's content from. The one list, read by:

- kehoach/macros.py, which defines exactly these (and fails if one is missing or extra);
- kehoach/checks/templates.py, which lets pages call only these;
- kehoach/readers/source.py, which offers "Sửa dữ liệu" for their data files.

It imports nothing of ours, so the checks and the readers can read it without
the macros' own imports (every feature's model and html).
"""
from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Mapping


@dataclass(frozen=True)
class Macro:
    name: str
    data: tuple[str, ...] = ()  # the data files (from the project root) it draws a page's content from


PLAN, HOME, REGISTER = ("data/plan.yml",), ("data/home.yml",), ("data/register.yml",)
INDICATORS, FIGURES, ABBREVIATIONS = ("data/indicators.yml",), ("data/figures.yml",), ("data/abbreviations.yml",)

MACROS: tuple[Macro, ...] = (
    Macro("document_header", PLAN),
    Macro("signature_block", PLAN),
    Macro("section_contents"),
    Macro("download_links"),
    Macro("full_plan"),
    Macro("home_intro", HOME),
    Macro("home_guide", HOME),
    Macro("register_overview", REGISTER),
    Macro("register_fields"),
    Macro("register_exclusions", REGISTER),
    Macro("abbreviation_glossary", ABBREVIATIONS),
    Macro("indicator_table", INDICATORS),
    Macro("index_results", FIGURES),
    Macro("index_checks", FIGURES),
    Macro("other_figures", FIGURES),
)

# The only Jinja a page may use: calls of these (kehoach/checks/templates.py).
SITE_MACROS: frozenset[str] = frozenset(m.name for m in MACROS)


# Macro name -> the data files it draws from (the "Sửa dữ liệu" links, kehoach/readers/source.py).
DATA_OF_MACRO: Mapping[str, tuple[str, ...]] = MappingProxyType({m.name: m.data for m in MACROS if m.data})


def site_macros() -> frozenset[str]:
    return SITE_MACROS
