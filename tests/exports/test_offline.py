"""The offline copy opens from disk, navigates, searches, and loads nothing from outside."""
from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup

from siteutil import PLAN, PLAN_ID, ROOT

# Public addresses (mkdocs.yml: extra.download_name): people keep them; never renamed.
FOLDER = "ke-hoach-2022-so-noi-vu-bac-giang"  # the one folder inside the zip
PDF = f"tai-ve/{FOLDER}.pdf"
ZIP = f"tai-ve/{FOLDER}-ban-ngoai-tuyen.zip"


def test_home_page_offers_the_offline_copy(built):
    links = built.page("").select(".kh-takeaway[data-kh-chrome] a[href$='.zip']")
    assert [a["href"] for a in links] == [ZIP]


def test_offline_copy_has_every_page_as_a_file(built, copy):
    public = {p.relative_to(built.site).parent.as_posix() for p in built.site.rglob("index.html")}
    public.discard(".")
    for url in public:
        assert (copy / f"{url}.html").is_file() or (copy / url / "index.html").is_file(), url
    assert (copy / "index.html").is_file()
    assert (copy / PDF).is_file()
    assert (copy / "search" / "search_index.js").is_file()  # search without a server


def test_offline_copy_loads_nothing_from_another_host(copy):
    remote = re.compile(r"^(https?:)?//", re.I)
    for html in copy.rglob("*.html"):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        for el in soup.select("script[src], link[href], img[src], iframe[src], source[src]"):
            url = el.get("src") or el.get("href")
            if el.name == "link" and el.get("rel") in (["canonical"], ["alternate"]):
                continue  # an address, not a download
            assert not remote.match(url), (html.relative_to(copy), url)


def test_every_link_in_the_offline_copy_opens_a_file(copy):
    """From disk there is no server to turn a folder into its index.html."""
    broken = set()
    for html in copy.rglob("*.html"):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        for a in soup.select("a[href]"):
            href = a["href"].split("#", 1)[0].split("?", 1)[0]
            if not href or re.match(r"^[a-z][a-z0-9+.-]*:", href, re.I):
                continue
            if not (html.parent / href).resolve().is_file():
                broken.add((html.relative_to(copy).as_posix(), a["href"]))
    assert sorted(broken)[:10] == []


def test_offline_copy_links_end_in_html(copy):
    soup = BeautifulSoup((copy / "phan-1" / "index.html").read_text(encoding="utf-8"), "html.parser")
    nxt = soup.select_one("a.md-footer__link--next")["href"]
    assert nxt.endswith(".html") and (copy / "phan-1" / nxt).is_file()


def test_public_addresses_stay_directories(built):
    assert (built.site / "phan-1" / "ket-qua" / "ton-giao" / "index.html").is_file()
    assert not (built.site / "phan-1" / "ket-qua" / "ton-giao.html").exists()
    assert (built.site / "in-toan-van" / "index.html").is_file()


def test_the_offline_copy_is_the_plans_own_configuration_with_the_offline_plugin_switched_on(monkeypatch):
    """One configuration for both builds: Material's offline plugin is in it, off
    unless KEHOACH_OFFLINE is set (kehoach/exports/offline.py sets it)."""
    from mkdocs.config import load_config

    for switch, expected in (("", False), ("true", True)):
        monkeypatch.setenv("KEHOACH_OFFLINE", switch) if switch else monkeypatch.delenv("KEHOACH_OFFLINE", raising=False)
        config = load_config(str(PLAN / "mkdocs.yml"))
        assert config.plugins["material/offline"].config.enabled is expected


# --- In the browser, from file:// -------------------------------------------

def test_offline_copy_navigates_and_searches_from_disk(page, copy):
    outside, errors = [], []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(("file:", "data:", "blob:", "about:")) else None)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))

    page.goto((copy / "index.html").as_uri())
    assert page.locator("h1#ke-hoach").is_visible()

    # The footer's "next" link, then the section's own list, then back home.
    page.locator("a.md-footer__link--next").click()
    page.wait_for_url(re.compile(r"/phan-1/index\.html$"))
    assert page.locator("h1#phan-1").inner_text().startswith("PHẦN I")
    page.locator("nav.kh-contents a").first.click()
    page.wait_for_url(re.compile(r"/phan-1/ket-qua/index\.html$"))
    assert page.locator("article h1").first.is_visible()
    page.locator("nav.kh-contents a", has_text="Công tác quản lý nhà nước về tôn giáo").click()
    page.wait_for_url(re.compile(r"/phan-1/ket-qua/ton-giao\.html$"))
    assert page.locator("h1#ton-giao").is_visible()

    # The print page and the PDF are in the copy too.
    page.goto((copy / "index.html").as_uri())
    page.locator(".kh-takeaway a", has_text="toàn văn trên một trang").click()
    page.wait_for_url(re.compile(r"/in-toan-van\.html$"))
    assert page.locator(".kh-fullplan h1#ke-hoach").is_visible()
    pdf_href = page.locator(".kh-takeaway a[href$='.pdf']").get_attribute("href")
    assert (copy / pdf_href).resolve().is_file()

    # A citation leads to the register's page of the document, from disk too.
    page.goto((copy / "phan-1" / "ket-qua" / "to-chuc-bo-may-bien-che.html").as_uri())
    page.locator("a.kh-cite").first.click()
    page.wait_for_url(re.compile(r"/van-ban/nghi-dinh-2020-107-nd-cp\.html$"))
    assert page.locator("article h1").first.is_visible()
    page.locator(".kh-cited-at a").first.click()  # and back to the place that cites it
    page.wait_for_url(re.compile(r"/phan-1/ket-qua/to-chuc-bo-may-bien-che\.html#"))
    page.goto((copy / "van-ban" / "index.html").as_uri())
    assert page.locator("article table").first.is_visible()

    # Search runs from disk: the index is inlined, the worker shim is local.
    page.goto((copy / "phan-2" / "index.html").as_uri())
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially("Phật giáo", delay=20)
    result = page.locator(".md-search-result__item a").first
    result.wait_for(timeout=15000)
    assert re.search(r"\.html([?#]|$)", result.get_attribute("href"))
    result.click()
    page.wait_for_url(re.compile(r"\.html([?#].*)?$"))
    assert "Phật giáo" in page.locator("article").inner_text()

    assert outside == []
    assert errors == []


def test_the_offline_build_finds_a_configuration_named_relative_to_the_start(monkeypatch):
    """`mkdocs build -f plans/<id>/mkdocs.yml` at the root: the offline copy's build runs
    in the plan's folder, so it is given the configuration's absolute path."""
    import subprocess

    from kehoach.exports import offline

    started = []

    class Recorded:
        def __init__(self, args, cwd=None, **kwargs):
            started.append((args, cwd))

    monkeypatch.chdir(ROOT)
    monkeypatch.setattr(subprocess, "Popen", Recorded)
    build = offline.Build(Path("plans") / PLAN_ID / "mkdocs.yml", "ban-ngoai-tuyen")
    build._tmp.cleanup()
    (args, cwd), = started
    config = Path(cwd) / args[args.index("-f") + 1]
    assert config.is_file() and config.samefile(ROOT / "plans" / PLAN_ID / "mkdocs.yml")
