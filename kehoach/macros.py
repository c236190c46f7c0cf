"""The macros that Markdown pages may call, registered on the macros env."""
from __future__ import annotations

from . import data, plans, render


def skip_pages_without_jinja(env) -> None:
    """mkdocs-macros `on_pre_page_macros`: do not compile a page that has no Jinja.

    mkdocs-macros compiles every page as a Jinja template; most pages of the
    plan call no macro, and compiling them costs time and changes nothing.
    `render_macros: false` in a page's meta is the plugin's own switch; it is
    taken away again after rendering (`restore_meta`), so templates see the
    page's meta as written.
    """
    meta = env.page.meta
    if "render_macros" not in meta and not (env.has_j2(env.markdown) or env.has_j2(env.page.title or "")):
        meta["render_macros"] = False
        env.page.kh_jinja_skipped = True


def restore_meta(env) -> None:
    """mkdocs-macros `on_post_page_macros`: undo `skip_pages_without_jinja`."""
    if getattr(env.page, "kh_jinja_skipped", False):
        del env.page.meta["render_macros"]


def register(env) -> None:
    data.load("plan")  # fail early, on a clear message, if data/plan.yml is wrong

    @env.macro
    def document_header() -> str:
        """Số, place and date, kind and title of the plan (data/plan.yml)."""
        return render.document_header(plans.for_page(env.page, "plan").data)

    @env.macro
    def signature_block() -> str:
        """"Nơi nhận" and the signer (data/plan.yml)."""
        return render.signature_block(plans.for_page(env.page, "plan").data)

    @env.macro
    def section_contents() -> str:
        """Links to the pages of the section this index page opens."""
        return render.section_contents(env.page, env.conf["docs_dir"])
