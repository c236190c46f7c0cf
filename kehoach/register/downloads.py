"""The register as downloads: /van-ban/danh-muc-van-ban.json and .csv.

One row per entry with the FIELDS (register/html.py names them for readers),
where the plan cites it included. CSV through core/tabular.py (formulas
neutralised, numbers kept).
"""
from __future__ import annotations

from kehoach.core import tabular
from kehoach.register.html import FIELDS
from kehoach.register.model import Register


def rows(register: Register, places: dict[str, list[str]]) -> list[dict]:
    """One dict per entry with the FIELDS; `places` maps id -> ["page/#anchor", ...]."""
    out = []
    for e in register.entries:
        out.append({
            "id": e.id, "kind": e.kind, "number": e.number, "name": e.name, "date": e.date,
            "year": e.year, "issuer": e.issuer, "issuer_source": e.issuer_source,
            "subject": e.subject, "note": e.note, "url": e.url,
            "cited_count": len(places.get(e.id, [])), "cited_at": places.get(e.id, []),
        })
    return out


def to_json(register: Register, places: dict[str, list[str]], site_name: str) -> bytes:
    doc = {
        "title": f"Danh mục văn bản được trích dẫn trong {site_name}",
        "source": register.rel,
        "fields": dict(FIELDS),
        "documents": rows(register, places),
    }
    return tabular.json_text(doc).encode("utf-8")


def to_csv(register: Register, places: dict[str, list[str]]) -> bytes:
    """CSV in UTF-8 with a byte order mark, formulas neutralised (core/tabular.py)."""
    return tabular.write(
        [k for k, _ in FIELDS],
        ([" ".join(row[k]) if k == "cited_at" and row[k] is not None else row[k] for k, _ in FIELDS]
         for row in rows(register, places)),
    ).encode("utf-8")
