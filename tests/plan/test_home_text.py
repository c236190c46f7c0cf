"""The home page's fields other than its introduction are plain text (issue 26):
a heading, a card's title or a figure written with Markdown's signs shows those
signs, never a link or an emphasis. Before, `## [x](https://…)` in
start.heading made a link in the heading and in the table of contents, outside
the article, from a field whose schema does not say it is Markdown.

A unit on the home guide as Python-Markdown renders it with the site's
extensions, then one build of a copy whose home.yml headings carry a link."""
from __future__ import annotations

import copy
import string

import markdown
import yaml
from bs4 import BeautifulSoup

from kehoach.core import vietnamese
from kehoach.plan import home
from siteutil import PLAN, copy_project, run_build

REAL = yaml.safe_load((PLAN / "data" / "home.yml").read_text(encoding="utf-8"))
SIGNS = "Mục " + string.punctuation + " [bấm](https://evil.example/x) **đậm** `mã` {: #id } &lt; \\"


def rendered(data: dict) -> BeautifulSoup:
    md = markdown.Markdown(extensions=["attr_list", "md_in_html", "tables", "admonition", "footnotes", "toc"],
                           extension_configs={"toc": {"slugify": vietnamese.slugify}})
    return BeautifulSoup(md.convert(home.guide(data, "index.md", lambda link: "Trang")), "html.parser")


def test_every_plain_field_shows_its_characters_as_written():
    data = copy.deepcopy(REAL)
    data["start"]["heading"] = SIGNS
    data["figures"]["heading"] = SIGNS
    data["figures"]["note"] = SIGNS
    item = data["start"]["items"][0]
    item["title"], item["text"] = SIGNS, SIGNS
    figure = data["figures"]["items"][0]
    figure["value"], figure["label"], figure["detail"] = SIGNS, SIGNS, SIGNS
    soup = rendered(data)
    headings = [h.get_text() for h in soup.select("h2")]
    assert headings == [SIGNS, SIGNS]
    card = soup.select(".kh-start li")[0]
    assert card.select_one("a strong").get_text() == SIGNS
    assert card.select("p")[1].get_text() == SIGNS
    assert soup.select_one(".kh-figures__note").get_text() == SIGNS
    figure_card = soup.select(".kh-figures li")[0]
    assert figure_card.select_one(".kh-figure__value").get_text() == SIGNS
    assert figure_card.select("p")[1].get_text() == f"{SIGNS}, {SIGNS}."
    assert not soup.select('a[href*="evil"]') and not soup.select("em, code")
    assert [a["href"] for a in soup.select(".kh-start a")][0] == "phan-1/index.md"  # the card's own link stays


def test_the_real_fields_render_as_before():
    """The real fields hold no sign Markdown acts on: the page is unchanged."""
    soup = rendered(REAL)
    assert [h.get_text() for h in soup.select("h2")] == [REAL["start"]["heading"], REAL["figures"]["heading"]]
    assert [c.get_text() for c in soup.select(".kh-start a strong")] == [i["title"] for i in REAL["start"]["items"]]
    labels = [li.select("p")[1].get_text() for li in soup.select(".kh-figures li")]
    assert labels == [f"{i['label']}, {i['detail']}." for i in REAL["figures"]["items"]]


def test_a_link_written_in_a_home_heading_is_text_in_the_page_and_its_contents(tmp_path):
    project = copy_project(tmp_path / "project")
    path = project / "data" / "home.yml"
    text = path.read_text(encoding="utf-8")
    hostile = "Bắt đầu đọc [bấm](https://evil.example/a)"
    assert 'heading: "Bắt đầu đọc"' in text
    path.write_text(text.replace('heading: "Bắt đầu đọc"', f'heading: "{hostile}"', 1), encoding="utf-8")
    result = run_build(project, tmp_path / "site", downloads=False)
    assert result.returncode == 0, result.output[-3000:]
    soup = BeautifulSoup((result.site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert not soup.select('a[href*="evil.example"]'), soup.select('a[href*="evil.example"]')
    assert soup.select_one("h2#bat-dau-doc").get_text().rstrip("¶") == hostile
    toc = soup.select_one('nav.md-nav--secondary a[href="#bat-dau-doc"]')
    assert toc is not None and toc.get_text().strip() == hostile
