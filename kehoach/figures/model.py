"""The figures Part I of the plan states (data/figures.yml), for /chi-so/.

`load` reads and checks the file, the schema's rules (schemas/figures.schema.json:
ranked_among at least 2, ranks from 1, scores and counts not negative, scales
above 0) and the rules a schema cannot say (`check_logic`: a rank within
ranked_among, a score within its scale, a rank or score a stated change implies
still possible, a count within its total, parts within their whole); each break
stops the build naming file, line and rule. `index_results` works out, for each index,
what the plan states and what follows from it (marked computed), and checks
each stated change against the two values. The HTML lives in figure_html.py,
the chart in chart.py.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from kehoach import settings
from kehoach.core import data
from kehoach.checks import files
from kehoach.checks import paths as inputcheck
from kehoach.core.numbers import format_number

STEM = settings.FIGURES_STEM  # name of the downloads: du-lieu/chi-so.csv, .json


@dataclass
class Value:
    value: float | int | None
    computed: bool = False
    how: str = ""          # for a computed value: how it follows from stated ones


@dataclass
class IndexResult:
    raw: dict
    first: int
    last: int
    score: dict[int, Value] = field(default_factory=dict)
    rank: dict[int, Value] = field(default_factory=dict)
    score_change: Value = field(default_factory=lambda: Value(None))
    rank_change: Value = field(default_factory=lambda: Value(None))
    checks: list[tuple[bool, str]] = field(default_factory=list)  # (agrees, sentence)


def _anchor_in(docs: Path, page: str, anchor: str) -> bool:
    text = files.read_page(docs, page)  # a page in an old encoding is blamed on itself
    return re.search(r"\{:[^}]*#" + re.escape(anchor) + r"\b", text) is not None


def load(project: data.Project, docs_dir: str | Path, name: str = "figures") -> data.DataFile:
    """data/figures.yml of `project`, each figure's source page and paragraph checked under `docs_dir`."""
    df = data.load(name, project)
    df.check_unique(["indices"], "id")
    df.check_unique(["others"], "id")
    docs = Path(docs_dir)
    for key in ("indices", "others"):
        for i, item in enumerate(df.data[key]):
            src = item["source"]
            page = inputcheck.check_docs_path(df, [key, i, "source", "page"], src["page"], docs)
            if not page.is_file():
                raise df.error(
                    [key, i, "source", "page"],
                    f"Trang nguồn '{src['page']}' không có trong docs/.",
                    f"Source page '{src['page']}' does not exist under docs/.",
                    "ghi đường dẫn trang tính từ thư mục docs/, ví dụ phan-1/ket-qua/cai-cach-hanh-chinh.md.",
                    "give the page path relative to docs/.",
                )
            if not _anchor_in(docs, src["page"], src["anchor"]):
                raise df.error(
                    [key, i, "source", "anchor"],
                    f"Trang {src['page']} không có đoạn nào mang mã '#{src['anchor']}'.",
                    f"Page {src['page']} has no paragraph with id '#{src['anchor']}'.",
                    f"thêm dòng '{{: #{src['anchor']} }}' ngay dưới đoạn văn chứa con số, hoặc sửa mã.",
                    f"add a line '{{: #{src['anchor']} }}' right under the paragraph, or fix the id.",
                )
        if key == "indices":
            for i, item in enumerate(df.data[key]):
                df.check_unique([key, i, "results"], "year")
    check_logic(df)
    return df


def _ceiling(item: dict, scale_key: str) -> tuple[float | None, str, str]:
    """The largest value an item's figures may take, and that rule in words."""
    scale = item.get(scale_key)
    if scale is not None:
        return scale, f"không quá {scale_key} = {format_number(scale)}", f"at most {scale_key} = {scale}"
    if item.get("unit") == "%":
        return 100, "không quá 100 vì đơn vị là %", "at most 100, the unit being %"
    return None, "", ""


def _refuse(df: data.DataFile, path: list, vi: str, en: str, rule_vi: str, rule_en: str):
    raise df.error(path, f"{vi} Quy tắc: {rule_vi}.", f"{en} Rule: {rule_en}.",
                   "sửa số cho đúng như Kế hoạch ghi (xem lại bản ký).",
                   "correct the figure to what the signed plan states.")


def check_logic(df: data.DataFile) -> None:
    """The rules a figure meets that JSON Schema cannot say (they compare two fields)."""
    among = df.data["ranked_among"]
    for i, item in enumerate(df.data["indices"]):
        ceiling, rule_vi, rule_en = _ceiling(item, "out_of")
        ranks, scores = {}, {}
        for j, result in enumerate(item["results"]):
            path = ["indices", i, "results", j]
            rank_, score = result["rank"], result["score"]
            if rank_ is not None and rank_ > among:
                _refuse(df, [*path, "rank"],
                        f"Thứ hạng {rank_} của {item['id']} năm {result['year']} lớn hơn số tỉnh, thành phố được xếp hạng ({among}).",
                        f"Rank {rank_} of {item['id']} in {result['year']} is larger than the number ranked ({among}).",
                        f"thứ hạng từ 1 đến ranked_among = {among}", f"a rank is from 1 to ranked_among = {among}")
            if score is not None and ceiling is not None and score > ceiling:
                _refuse(df, [*path, "score"],
                        f"Điểm {format_number(score)} của {item['id']} năm {result['year']} vượt thang điểm.",
                        f"Score {score} of {item['id']} in {result['year']} is above its scale.",
                        f"điểm {rule_vi}", f"a score is {rule_en}")
            ranks[result["year"]], scores[result["year"]] = rank_, score
        years = sorted(ranks)
        first, last = years[0], years[-1]
        stated = item["stated_change"]
        change_path = ["indices", i, "stated_change"]
        # A stated change with only the later value implies the earlier one: it must be possible too.
        if stated["rank"] is not None and ranks[first] is None and ranks[last] is not None:
            implied = ranks[last] + stated["rank"]
            if not 1 <= implied <= among:
                _refuse(df, [*change_path, "rank"],
                        f"Mức thay đổi thứ hạng {stated['rank']} của {item['id']} cho thứ hạng năm {first} là "
                        f"{ranks[last]} + ({stated['rank']}) = {implied}, không phải một thứ hạng có thể có.",
                        f"The rank change {stated['rank']} of {item['id']} implies a rank of {implied} in {first}, "
                        "which is not a possible rank.",
                        f"thứ hạng suy ra từ mức thay đổi cũng từ 1 đến ranked_among = {among}",
                        f"a rank implied by a change is also from 1 to ranked_among = {among}")
        if stated["rank"] is not None and abs(stated["rank"]) > among - 1:
            _refuse(df, [*change_path, "rank"],
                    f"Mức thay đổi thứ hạng {stated['rank']} của {item['id']} lớn hơn mức có thể ({among - 1} bậc).",
                    f"The rank change {stated['rank']} of {item['id']} is larger than possible ({among - 1} places).",
                    f"thứ hạng chỉ đổi được nhiều nhất ranked_among − 1 = {among - 1} bậc",
                    f"a rank changes by at most ranked_among - 1 = {among - 1} places")
        if stated["score"] is not None and scores[first] is None and scores[last] is not None:
            implied = round(scores[last] - stated["score"], 2)
            if implied < 0 or (ceiling is not None and implied > ceiling):
                _refuse(df, [*change_path, "score"],
                        f"Mức thay đổi điểm {format_number(stated['score'])} của {item['id']} cho điểm năm {first} là "
                        f"{format_number(implied)}, không phải một điểm có thể có.",
                        f"The score change {stated['score']} of {item['id']} implies a score of {implied} in {first}, "
                        "which is not a possible score.",
                        "điểm suy ra từ mức thay đổi cũng không âm" + (f" và {rule_vi}" if rule_vi else ""),
                        "a score implied by a change is also not negative" + (f" and {rule_en}" if rule_en else ""))
    for i, item in enumerate(df.data["others"]):
        ceiling, rule_vi, rule_en = _ceiling(item, "of")
        if ceiling is not None and item["value"] > ceiling:
            _refuse(df, ["others", i, "value"],
                    f"Con số {format_number(item['value'])} của {item['id']} lớn hơn tổng của nó.",
                    f"The figure {item['value']} of {item['id']} is larger than its total.",
                    f"con số {rule_vi}", f"a figure is {rule_en}")
        parts = item.get("parts") or []
        total = sum(p["value"] for p in parts)
        if parts and round(total, 6) > item["value"]:
            _refuse(df, ["others", i, "parts"],
                    f"Tổng các thành phần của {item['id']} ({format_number(round(total, 6))}) lớn hơn con số chung "
                    f"({format_number(item['value'])}).",
                    f"The parts of {item['id']} add up to {round(total, 6)}, more than the whole ({item['value']}).",
                    "tổng các thành phần không quá value của mục", "the parts add up to at most the item's value")


def public_path(source: dict) -> str:
    """Address of a source paragraph from the site root: "phan-1/ket-qua/x/#id"."""
    page = source["page"][: -len(".md")]
    page = page[: -len("index")] if page == "index" or page.endswith("/index") else page + "/"
    return f"{page}#{source['anchor']}"


def index_results(book: data.DataFile) -> list[IndexResult]:
    n = format_number
    out = []
    for raw in book.data["indices"]:
        years = sorted(r["year"] for r in raw["results"])
        res = IndexResult(raw, years[0], years[-1])
        for r in raw["results"]:
            res.score[r["year"]] = Value(r["score"])
            res.rank[r["year"]] = Value(r["rank"])
        a, b = res.first, res.last
        name = raw["name"]
        stated = raw["stated_change"]
        # Score: later minus earlier. Rank: places gained = earlier minus later.
        s0, s1 = res.score[a].value, res.score[b].value
        if stated["score"] is not None:
            res.score_change = Value(stated["score"])
            if s0 is not None and s1 is not None:
                diff = round(s1 - s0, 2)
                ok = abs(diff - stated["score"]) < 0.005
                res.checks.append((ok, f"{name}: Kế hoạch ghi {_signed_score(stated['score'])}; "
                                       f"{n(s1)} − {n(s0)} = {n(diff, 2)}, {'khớp' if ok else 'không khớp'}."))
            elif s1 is not None:
                res.score[a] = Value(round(s1 - stated["score"], 2), True,
                                     f"{n(s1)} − ({n(stated['score'])}) theo “{_signed_score(stated['score'])}”")
                res.checks.append((True, f"{name}: Kế hoạch không ghi điểm năm {a}; từ “{_signed_score(stated['score'])}” "
                                         f"suy ra điểm năm {a} là {n(res.score[a].value, 2)} (tính)."))
        elif s0 is not None and s1 is not None:
            res.score_change = Value(round(s1 - s0, 2), True, f"{n(s1)} − {n(s0)}")
        r0, r1 = res.rank[a].value, res.rank[b].value
        if stated["rank"] is not None:
            res.rank_change = Value(stated["rank"])
            if r0 is not None and r1 is not None:
                ok = (r0 - r1) == stated["rank"]
                res.checks.append((ok, f"{name}: Kế hoạch ghi {_signed_rank(stated['rank'])}; từ hạng {rank(r0)} "
                                       f"{'lên' if r0 >= r1 else 'xuống'} hạng {rank(r1)} là {abs(r0 - r1)} bậc, "
                                       f"{'khớp' if ok else 'không khớp'}."))
            elif r1 is not None:
                res.rank[a] = Value(r1 + stated["rank"], True, f"{r1} + ({stated['rank']})")
                res.checks.append((True, f"{name}: Kế hoạch không ghi thứ hạng năm {a}; từ “{_signed_rank(stated['rank'])}” "
                                         f"suy ra thứ hạng năm {a} là {rank(res.rank[a].value)} (tính)."))
        elif r0 is not None and r1 is not None:
            res.rank_change = Value(r0 - r1, True, f"{r0} − {r1}")
        out.append(res)
    return out


def rank(value: int) -> str:
    """Ranks and places with two digits, as the plan writes them: 3 -> "03"."""
    return f"{value:02d}"


def _signed_score(change: float) -> str:
    return f"{'tăng' if change >= 0 else 'giảm'} {format_number(abs(change))} điểm"


def _signed_rank(change: int) -> str:
    return f"{'tăng' if change >= 0 else 'giảm'} {rank(abs(change))} bậc"
