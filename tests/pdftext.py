"""The words of a PDF, as a reader's copy-and-paste would give them.

pypdf's plain `extract_text` glues a footnote number to the word before it
("tỉnh2"): the superscript is a separate text run on another baseline. Here
every text run is its own piece, joined by spaces, so "tỉnh" and "2" stay two
words, as they are on the web page.
"""
from __future__ import annotations

import io
import re
import unicodedata

import pypdf

from plantext import words


def pdf_reader(data) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(data) if isinstance(data, bytes) else data)


def page_runs(reader: pypdf.PdfReader) -> list[list[str]]:
    """The non-blank text runs of each page, in drawing order."""
    pages = []
    for page in reader.pages:
        runs: list[str] = []
        page.extract_text(visitor_text=lambda text, *_: runs.append(text) if text.strip() else None)
        pages.append(runs)
    return pages


# A list item's marker ("4. ", "• ") is drawn after the page's text, apart.
LIST_MARKER = re.compile(r"^\s*(\d{1,2}\.|•)\s*$")


def list_markers(runs: list[list[str]]) -> list[str]:
    """The list markers of `page_runs`, in order."""
    return [run.strip() for page in runs for run in page if LIST_MARKER.match(run)]


def pdf_words(runs: list[list[str]]) -> list[str]:
    """The words of `page_runs`, in order: without page numbers (each page's
    last run) and list markers, which a PDF draws apart from the text they mark."""
    text: list[str] = []
    for number, page in enumerate(runs, start=1):
        if page and page[-1].strip() == str(number):
            page = page[:-1]
        text.extend(run for run in page if not LIST_MARKER.match(run))
    return words(unicodedata.normalize("NFC", " ".join(text)))
