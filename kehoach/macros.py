"""The macros that Markdown pages may call, registered on the macros env."""
from __future__ import annotations

from pathlib import Path

from . import data, home, render


def register(env) -> None:
    plan = data.load("plan").data
    home_data = data.load("home")
    home.check(home_data, env.conf["docs_dir"])

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
    def home_intro() -> str:
        """What the plan is, who made it, when (data/home.yml)."""
        return home.intro(home_data.data)

    @env.macro
    def home_guide() -> str:
        """Where to start reading and the key figures (data/home.yml)."""
        docs = Path(env.conf["docs_dir"])

        def heading_of(link: str) -> str | None:
            return render.heading_of((docs / link).read_text(encoding="utf-8"))

        return home.guide(home_data.data, env.page.file.src_uri, heading_of)
