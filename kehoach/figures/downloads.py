"""The figures of /chi-so/ as downloads: du-lieu/chi-so.json and .csv.

What the plan states, and what the site computes from it marked as computed.
"""
from __future__ import annotations

from kehoach.core import data
from kehoach.figures.model import index_results, public_path


def to_json(book: data.DataFile) -> dict:
    results = index_results(book)
    return {
        "note": ("Số liệu Phần I của Kế hoạch nêu. null: Kế hoạch không nêu. "
                 "Mục computed: số do trang web tính từ các số Kế hoạch nêu, không phải số của Kế hoạch."),
        "ranked_among": book.data["ranked_among"],
        "indices": [
            {
                "id": r.raw["id"], "name": r.raw["name"], "full_name": r.raw["full_name"],
                "unit": r.raw["unit"], "out_of": r.raw["out_of"],
                "source": {**r.raw["source"], "url": public_path(r.raw["source"])},
                "results": r.raw["results"],
                "stated_change": r.raw["stated_change"],
                "computed": {
                    **{f"score_{y}": v.value for y, v in r.score.items() if v.computed},
                    **{f"rank_{y}": v.value for y, v in r.rank.items() if v.computed},
                    **({"score_change": r.score_change.value} if r.score_change.computed else {}),
                    **({"rank_change": r.rank_change.value} if r.rank_change.computed else {}),
                },
            }
            for r in results
        ],
        "others": [{**o, "source": {**o["source"], "url": public_path(o["source"])}}
                   for o in book.data["others"]],
    }


def to_csv_rows(book: data.DataFile, write) -> str:
    header = ["Nhóm", "Mã", "Con số", "Năm", "Giá trị", "Trên tổng số", "Đơn vị",
              "Nguồn trong Kế hoạch", "Địa chỉ trên trang web", "Số do trang web tính"]
    rows = []
    among = book.data["ranked_among"]
    for r in index_results(book):
        src = r.raw["source"]
        for year in sorted(r.score):
            for what, val, total, unit in (
                ("Điểm", r.score[year], r.raw["out_of"], r.raw["unit"]),
                ("Thứ hạng", r.rank[year], among, "hạng"),
            ):
                rows.append([r.raw["name"], r.raw["id"], what, year, val.value, total, unit,
                             src["place"], public_path(src), "có" if val.computed else ""])
    for o in book.data["others"]:
        src = o["source"]
        rows.append(["Số liệu khác", o["id"], o["label"], "", o["value"], o["of"], o["unit"],
                     src["place"], public_path(src), ""])
    return write(header, rows)
