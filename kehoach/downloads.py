"""CSV and JSON downloads of the figures, generated from data/ at build time.

Files are added to MkDocs' file collection (on_files), so pages can link to
them with ordinary Markdown links that `mkdocs build --strict` checks.
CSV (written by csvout.py): UTF-8 with BOM, comma separated, decimal point; an
empty cell of the plan is an empty field; a text cell that a spreadsheet would
run as a formula starts with an apostrophe.
JSON: the same figures; an empty cell is null.
"""
from __future__ import annotations

import json

from mkdocs.structure.files import File, Files

from . import csvout, figures, indicators

FOLDER = "du-lieu"


def path(stem: str, ext: str) -> str:
    """Where a download lives in the site, relative to docs/: du-lieu/<stem>.<ext>."""
    return f"{FOLDER}/{stem}.{ext}"


_csv = csvout.write  # formulas neutralised, numbers kept (csvout.py)


def _json(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2) + "\n"


def table_csv(table: indicators.Table) -> str:
    header = [table.header["number"], table.header["name"], table.header["unit"]]
    header += [f"{c.group} - {c.label}" if c.group else c.label for c in table.columns]
    rows = [
        [r["number"], r["name"], r["unit"], *(r["values"].get(c.id) for c in table.columns)]
        for r in table.rows
    ]
    return _csv(header, rows)


def table_json(table: indicators.Table) -> str:
    return _json({
        "id": table.id,
        "title": table.title,
        "note": "Số liệu chép đúng như bản ký; null là ô để trống trong bản ký.",
        "header": table.header,
        "columns": [
            {"id": c.id, "label": c.label, "group": c.group,
             **({"compares": list(c.compares)} if c.compares else {})}
            for c in table.columns
        ],
        "rows": [
            {"id": r["id"], "number": r["number"], "name": r["name"], "unit": r["unit"],
             "kind": r["kind"], "values": {c.id: r["values"].get(c.id) for c in table.columns}}
            for r in table.rows
        ],
    })


def generated(docs_dir: str) -> dict[str, str]:
    """src_uri -> content of every download."""
    out = {}
    for table in indicators.load_tables().values():
        out[path(table.id, "csv")] = table_csv(table)
        out[path(table.id, "json")] = table_json(table)
    book = figures.load(docs_dir)
    out[path(figures.STEM, "csv")] = figures.to_csv_rows(book, _csv)
    out[path(figures.STEM, "json")] = _json(figures.to_json(book))
    return out


def on_files(files: Files, config) -> Files:
    for src_uri, content in generated(config["docs_dir"]).items():
        files.append(File.generated(config, src_uri, content=content.encode("utf-8")))
    return files
