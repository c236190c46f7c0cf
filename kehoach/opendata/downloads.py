"""The whole plan as downloads: du-lieu/toan-van.json, .csv and the JSON Schema.

The JSON holds every block (`model.Block`) in reading order with its id, its
address on the site, its text, its citations and footnote references, a
table's rows of cells; it meets `toan-van.schema.json` (JSON Schema draft
2020-12, this folder's package data, published beside it). Every value comes
from data and pages the build has already checked, so the code writing it, not
a page, is what could break the schema: the tests hold every plan's built file
to it (tests/opendata/, tests/archive/test_synthetic_archive.py), not each build,
where validating cost about 0.12 s of CPU (issue 26 point 5). The CSV has one row per block (a table's cells joined by tab,
its rows by line break, as the signed text lays tables out), written by
kehoach/core/tabular.py: UTF-8 with a byte order mark, formulas neutralised.
"""
from __future__ import annotations

import functools
import json
from pathlib import Path

from kehoach.core import tabular
from kehoach.opendata.model import Block, Cell, Citation, FootnoteRef

SCHEMA_FILE = Path(__file__).with_name("toan-van.schema.json")
FORMAT = 1  # the download's format version: raised when a field changes meaning or goes

# The CSV's columns (English keys, as the register's download), with what each holds for a reader.
CSV_FIELDS = [
    ("order", "Thứ tự của khối trong toàn văn"),
    ("kind", "Loại khối: heading (đề mục), paragraph (đoạn), list_item (ý), table (bảng), footnote (chú thích), block (khối khác)"),
    ("id", "Mã (id) của khối trên trang"),
    ("url", "Địa chỉ của khối trên trang web"),
    ("level", "Cấp đề mục trong toàn văn (1 là KẾ HOẠCH)"),
    ("section", "Mã đề mục gần nhất chứa khối"),
    ("parent", "Mã khối chứa khối này (ý, chú thích)"),
    ("text", "Nội dung, đúng từng chữ như trên trang"),
    ("citations", "Văn bản được trích dẫn: mã văn bản@vị trí ký tự, cách nhau bởi dấu cách"),
    ("footnote_refs", "Chỗ dẫn chú thích: số chú thích@vị trí ký tự"),
]


@functools.lru_cache(maxsize=1)
def schema_text() -> str:
    return SCHEMA_FILE.read_text(encoding="utf-8")


@functools.lru_cache(maxsize=1)
def _validator():
    import jsonschema  # the tests' check only; a build never validates its own output

    schema = json.loads(schema_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def problems(doc: dict) -> list[str]:
    """What in `doc` the schema refuses, each as "path: message"; [] when valid."""
    out = []
    for error in sorted(_validator().iter_errors(doc), key=lambda e: list(map(str, e.absolute_path))):
        where = "/".join(str(p) for p in error.absolute_path) or "(gốc)"
        out.append(f"{where}: {error.message[:200]}")
    return out


def _citation(c: Citation, site_url: str, register_urls: dict[str, str]) -> dict:
    return {"document": c.document, "document_url": site_url + register_urls[c.document],
            "offset": c.offset, "length": c.length, "text": c.text}


def _ref(r: FootnoteRef) -> dict:
    return {"label": r.label, "offset": r.offset, "footnote": r.footnote}


def _cell(c: Cell, site_url: str, register_urls: dict[str, str]) -> dict:
    return {"text": c.text, "header": c.header, "colspan": c.colspan, "rowspan": c.rowspan,
            "citations": [_citation(x, site_url, register_urls) for x in c.citations],
            "footnote_refs": [_ref(r) for r in c.footnote_refs]}


def url_of(block: Block, site_url: str) -> str:
    return site_url + block.page + (f"#{block.anchor}" if block.anchor else "")


def document(blocks: list[Block], plan: dict, site_url: str, register_urls: dict[str, str], schema_path: str) -> dict:
    """The JSON download as a value. `plan`: id, title, department, year, record;
    `site_url`: the plan's public address, ending in "/"; `register_urls`: entry id -> its path;
    `schema_path`: where the schema is published, from the plan's address."""
    out = []
    for n, b in enumerate(blocks, 1):
        item = {
            "order": n, "kind": b.kind, "id": b.id, "url": url_of(b, site_url),
            "page": site_url + b.page, "source": b.source,
            "level": b.level, "sections": b.sections, "parent": b.parent, "text": b.text,
            "citations": [_citation(c, site_url, register_urls) for c in b.citations],
            "footnote_refs": [_ref(r) for r in b.footnote_refs],
        }
        if b.kind == "table":
            item["rows"] = [{"id": r.id, "cells": [_cell(c, site_url, register_urls) for c in r.cells]}
                            for r in b.rows]
        out.append(item)
    return {
        "$schema": site_url + schema_path,
        "format": FORMAT,
        "title": f"Toàn văn {plan['title']}",
        "plan": {**plan, "url": site_url},
        "note": ("Nội dung chép đúng từng chữ như các trang Kế hoạch trên trang web, vốn được đối chiếu "
                 "từng chữ với văn bản đã ký khi dựng trang. Vị trí (offset) tính theo ký tự Unicode "
                 "của trường text."),
        "blocks": out,
    }


def to_json(doc: dict) -> bytes:
    return tabular.json_text(doc).encode("utf-8")


def to_csv(doc: dict) -> bytes:
    """One row per block; cells through kehoach/core/tabular.py."""
    def row(b: dict) -> list:
        return [
            b["order"], b["kind"], b["id"], b["url"], b["level"],
            b["sections"][-1] if b["sections"] else None, b["parent"], b["text"],
            " ".join(f"{c['document']}@{c['offset']}" for c in b["citations"]),
            " ".join(f"{r['label']}@{r['offset']}" for r in b["footnote_refs"]),
        ]
    return tabular.write([k for k, _ in CSV_FIELDS], (row(b) for b in doc["blocks"])).encode("utf-8")
