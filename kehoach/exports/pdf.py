"""The whole plan as a PDF, rendered at build time with WeasyPrint.

The HTML is the same assembled plan as the print page (kehoach/exports/fullplan.py),
styled by kehoach/exports/pdf.css for A4 paper. Fonts come from the system (Debian's
fonts-noto-core: Noto Serif carries every Vietnamese letter) and are embedded
in the PDF. Nothing is fetched: the fetcher below refuses every URL, so the
build never touches the network.
"""
from __future__ import annotations

import logging
from html import escape
from pathlib import Path

from kehoach.core.errors import SiteError

CSS_FILE = Path(__file__).with_name("pdf.css")
APT_PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-core"

log = logging.getLogger("mkdocs.plugins.kehoach")


def document(body: str, title: str, author: str, description: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n"
        f'<meta name="author" content="{escape(author)}">\n'
        f'<meta name="description" content="{escape(description)}">\n'
        f"</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def write(html: str, target: Path) -> None:
    """Render `html` (a whole document) to `target` as a tagged PDF."""
    try:
        import weasyprint
    except OSError as exc:  # pango missing: WeasyPrint cannot load its libraries
        raise SiteError(
            "Makefile", None,
            "Không tạo được tệp PDF: máy thiếu thư viện Pango mà WeasyPrint cần.",
            f"Cannot make the PDF: WeasyPrint could not load Pango ({exc}).",
            f"chạy `make pdf` (cài {APT_PACKAGES}).",
            f"run `make pdf` (installs {APT_PACKAGES} with apt).",
        ) from exc

    class NoFetch(weasyprint.URLFetcher):
        def fetch(self, url, headers=None):
            raise ValueError(f"the PDF loads nothing from outside ({url})")

    # WeasyPrint warns on CSS it ignores; keep its chatter out of MkDocs' log
    # (a warning there would fail `mkdocs build --strict` for no reader's sake).
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    target.parent.mkdir(parents=True, exist_ok=True)
    weasyprint.HTML(string=html, base_url=str(target.parent), url_fetcher=NoFetch()).write_pdf(
        target,
        stylesheets=[weasyprint.CSS(filename=str(CSS_FILE), url_fetcher=NoFetch())],
        pdf_tags=True,
        presentational_hints=True,  # <li value="4">: footnotes keep their original numbers
    )
    log.info("PDF: %s (%d kB)", target, target.stat().st_size // 1024)
