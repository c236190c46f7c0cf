"""The macros that Markdown pages may call, registered on the macros env."""
from __future__ import annotations

from . import data, downloads, fullplan, render


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
    def download_links() -> str:
        """Links to the print page, the PDF and the offline copy (kehoach/downloads.py)."""
        return downloads.links(env.page.url, downloads.is_offline(env.conf), _print_page_url())

    @env.macro
    def full_plan() -> str:
        """Where the print page shows the whole plan; filled in by kehoach/takeaway.py."""
        return fullplan.PLACEHOLDER

    def _print_page_url() -> str:
        return fullplan.PRINT_PAGE.removesuffix(".md") + ("/" if env.conf["use_directory_urls"] else ".html")
