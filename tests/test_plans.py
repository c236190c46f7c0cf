"""One site can hold several plans (the archive the bench builds), each with its
own header data and its own footnote numbers; the bench's plain build really
switches our code off."""
from __future__ import annotations

import sys

from siteutil import ROOT, run_build

sys.path.insert(0, str(ROOT))  # the bench package lives at the repository root

from bench import corpus, variants  # noqa: E402
from bench.yamltags import Tagged, load_config  # noqa: E402


def _header(result, plan_id):
    soup = result.page(f"{plan_id}/")
    return soup.select_one(".kh-header__number").get_text(), soup.select_one(".kh-title__subject").get_text()


def test_two_plans_build_with_their_own_header_and_footnotes(tmp_path):
    first, second = corpus.generate(ROOT, tmp_path / "project", 2)
    result = run_build(tmp_path / "project", tmp_path / "site")
    assert result.returncode == 0, result.output
    assert (first.id, second.id) == ("snv-2022", "stc-2022")
    assert _header(result, first.id) == ("Số: /KH-SNV", "Phát triển kinh tế - xã hội năm 2022")
    assert _header(result, second.id) == ("Số: /KH-STC", "Phát triển kinh tế - xã hội năm 2022")
    # Footnote 8 exists once in each plan, on that plan's own page, with its original number.
    for plan in (first, second):
        page = result.page(f"{plan.id}/phan-1/ket-qua/thi-dua-khen-thuong/")
        assert [li.get("value") for li in page.select("div.footnote li")] == ["8"]
    # Pages link within their own plan.
    links = [a["href"] for a in result.page(f"{second.id}/phan-1/").select("nav.kh-contents a")]
    assert links and all(not h.startswith(("/", "..")) for h in links), links


def test_later_plans_move_years_and_department_consistently():
    older = corpus.plans(22)[21]  # after 20 departments, the next year back
    assert (older.id, older.department) == ("stc-2021", "Sở Tài chính")
    text = "Sở Nội vụ: Số: /KH-SNV, năm 2022 (2021 - 2026), van-ban/ket-luan-2021-31-kl-snv/"
    assert older.rewrite(text) == "Sở Tài chính: Số: /KH-STC, năm 2022 (2021 - 2026), van-ban/ket-luan-2021-31-kl-stc/"
    assert older.rewrite(text, years=True) == (
        "Sở Tài chính: Số: /KH-STC, năm 2021 (2020 - 2025), van-ban/ket-luan-2020-31-kl-stc/")
    assert corpus.plans(1)[0].rewrite("Sở Nội vụ năm 2022") == "Sở Nội vụ năm 2022"  # plan 0 is ours


def test_footnote_number_still_unique_within_one_plan(tmp_path):
    corpus.generate(ROOT, tmp_path / "project", 2)
    page = tmp_path / "project" / "docs" / "stc-2022" / "phan-1" / "ket-qua" / "ton-giao.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nThêm[^8]\n\n[^8]: Trùng số.\n", encoding="utf-8")
    result = run_build(tmp_path / "project", tmp_path / "site")
    assert result.returncode != 0
    assert "stc-2022/phan-1/ket-qua/ton-giao.md, dòng" in result.output
    assert "Footnote 8 already exists on stc-2022/phan-1/ket-qua/thi-dua-khen-thuong.md" in result.output


def test_plain_config_has_none_of_our_code():
    plain = variants.plain_config(load_config(ROOT / "mkdocs.yml"))
    assert "hooks" not in plain
    assert [p if isinstance(p, str) else next(iter(p)) for p in plain["plugins"]] == ["search"]
    names = [e if isinstance(e, str) else next(iter(e)) for e in plain["markdown_extensions"]]
    assert not [n for n in names if n.startswith("kehoach")]
    toc = next(e["toc"] for e in plain["markdown_extensions"] if isinstance(e, dict) and "toc" in e)
    assert not [v for v in toc.values() if isinstance(v, Tagged)]
    ours = load_config(ROOT / "mkdocs.yml")
    assert "kehoach.footnotes" in ours["markdown_extensions"]  # the check above had something to remove
