"""The macros that Markdown pages may call, registered on the macros env."""
from __future__ import annotations

from . import abbreviations, data, render


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
    def abbreviation_glossary() -> str:
        """The table of abbreviations; the build fills in the counts (hooks.on_env)."""
        return abbreviations.GLOSSARY_MARKER
