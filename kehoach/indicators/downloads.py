"""An indicator table as downloads: du-lieu/<table id>.csv and .json.

Cell for cell as data/indicators.yml holds it; an empty cell of the plan is an
empty CSV field and null in JSON. CSV through core/tabular.py.
"""
from __future__ import annotations

from kehoach.core import tabular
from kehoach.indicators import model as indicators


def table_csv(table: indicators.Table) -> str:
    header = [table.header["number"], table.header["name"], table.header["unit"]]
    header += [f"{c.group} - {c.label}" if c.group else c.label for c in table.columns]
    rows = [
        [r["number"], r["name"], r["unit"], *(r["values"].get(c.id) for c in table.columns)]
        for r in table.rows
    ]
    return tabular.write(header, rows)


def table_json(table: indicators.Table) -> str:
    return tabular.json_text({
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
