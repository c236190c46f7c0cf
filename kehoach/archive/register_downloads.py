"""The archive's register as downloads: /van-ban/danh-muc-van-ban.json and .csv.

The addresses a plan's own register downloads had when that plan was the whole
site; they now hold every plan's register, one row per document, with the
plans and places citing it (register_html.py FIELDS names the fields for
readers). The plan's own fields come first, as they were; `cited_at` is now
from the archive's root ("<plan-id>/<page>#<paragraph>"). CSV through
core/tabular.py (UTF-8 with a byte order mark, formulas neutralised).
"""
from __future__ import annotations

from kehoach.archive.register import ArchiveRegister, Document
from kehoach.archive.register_html import FIELDS
from kehoach.core import tabular


def _row(doc: Document) -> dict:
    e = doc.entry
    places = [p.address for p in doc.places]
    return {
        "id": e.id, "kind": e.kind, "number": e.number, "name": e.name, "date": e.date,
        "year": e.year, "issuer": e.issuer, "issuer_source": e.issuer_source,
        "subject": e.subject, "note": e.note, "url": doc.url,
        "cited_count": len(places), "cited_at": places,
        "plan_count": len(doc.citings),
        "plans": [c.plan.id for c in doc.citings],
    }


def _cited_by(doc: Document) -> list[dict]:
    """What each plan gives for the document, and where it cites it."""
    return [{
        "plan": c.plan.id, "plan_title": c.plan.title, "department": c.plan.department, "year": c.plan.year,
        "url": c.url, "source": c.source,
        "number": c.entry.number, "name": c.entry.name, "date": c.entry.date,
        "issuer": c.entry.issuer, "issuer_source": c.entry.issuer_source,
        "subject": c.entry.subject, "note": c.entry.note,
        "cited_count": len(c.places), "cited_at": [p.address for p in c.places],
    } for c in doc.citings]


def to_json(reg: ArchiveRegister, site_name: str) -> bytes:
    doc = {
        "title": f"Danh mục văn bản được trích dẫn trong các kế hoạch của {site_name}",
        "plans": [p.id for p in reg.plans],
        "fields": dict(FIELDS),
        "documents": [{**_row(d), "cited_by": _cited_by(d)} for d in reg.documents],
    }
    return tabular.json_text(doc).encode("utf-8")


def to_csv(reg: ArchiveRegister) -> bytes:
    names = [k for k, _ in FIELDS]
    return tabular.write(
        names,
        ([" ".join(row[k]) if isinstance(row[k], list) else row[k] for k in names]
         for row in map(_row, reg.documents)),
    ).encode("utf-8")
