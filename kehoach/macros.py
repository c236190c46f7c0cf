"""The macros that Markdown pages may call, registered on the macros env."""
from __future__ import annotations

from . import abbreviations, data, register_render, register_site, render


def register(env) -> None:
    plan = data.load("plan").data

    @env.macro
    def document_header() -> str:
        """Số, place and date, kind and title of the plan (data/plan.yml)."""
        return render.document_header(plan)

    @env.macro
    def signature_block() -> str:
        """"Nơi nhận" and the signer (data/plan.yml)."""
        return render.signature_block(plan)

    @env.macro
    def section_contents() -> str:
        """Links to the pages of the section this index page opens."""
        return render.section_contents(env.page, env.conf["docs_dir"])

    @env.macro
    def register_overview() -> str:
        """Counts, filter and tables of the cited documents (filled in after all pages are read)."""
        return register_site.OVERVIEW_PLACEHOLDER

    @env.macro
    def register_fields() -> str:
        """The fields of the register's JSON and CSV downloads, explained."""
        return register_render.fields_html()

    @env.macro
    def register_exclusions() -> str:
        """Phrases that look like citations but are not (data/register.yml not_citations)."""
        return register_render.exclusions_html(register_site.current_register())

    @env.macro
    def abbreviation_glossary() -> str:
        """The table of abbreviations; the build fills in the counts (hooks.on_env)."""
        return abbreviations.GLOSSARY_MARKER
