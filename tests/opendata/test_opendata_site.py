"""The whole plan as open data on the built site: /du-lieu/toan-van.json and .csv,
valid against the schema published beside them, word for word the signed
record, every id and citation as the pages carry them, linked from the home page."""
from __future__ import annotations

import csv
import io
import json
from collections import Counter
from urllib.parse import urlsplit

import jsonschema
from bs4 import BeautifulSoup

from plantext import record_blocks, words
from siteutil import plan_url

JSON = "du-lieu/toan-van.json"
CSV = "du-lieu/toan-van.csv"
SCHEMA = "du-lieu/toan-van.schema.json"


def _doc(built) -> dict:
    return json.loads((built.site / JSON).read_text(encoding="utf-8"))


def _with_refs(text: str, refs: list[dict]) -> str:
    """The text with each footnote's number put back where the signed text raises it."""
    out, last = [], 0
    for r in sorted(refs, key=lambda r: r["offset"]):
        out += [text[last:r["offset"]], f" {r['label']} "]
        last = r["offset"]
    return "".join(out) + text[last:]


def test_the_download_meets_the_schema_published_beside_it(built):
    schema = json.loads((built.site / SCHEMA).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    doc = _doc(built)
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(doc))
    assert errors == [], [e.message for e in errors[:5]]
    assert doc["$schema"] == plan_url() + SCHEMA
    assert doc["plan"]["id"] == "snv-2022" and doc["plan"]["url"] == plan_url()


def test_the_blocks_read_word_for_word_as_the_record(built):
    """The texts of the blocks, in order, are the record's words in order: the
    body, then the footnotes (as kehoach/plan/record.py reads the record)."""
    blocks = _doc(built)["blocks"]
    body = [w for b in blocks if b["kind"] != "footnote" for w in words(_with_refs(b["text"], b["footnote_refs"]))]
    notes = [w for b in blocks if b["kind"] == "footnote" for w in words(b["text"])]
    record = record_blocks()
    assert body == [w for kind, text in record if kind == "body" for w in words(text)]
    assert notes == [w for kind, text in record if kind == "footnote" for w in words(text)]
    kinds = Counter(b["kind"] for b in blocks)
    assert kinds["heading"] >= 30 and kinds["paragraph"] >= 100 and kinds["footnote"] == 8 and kinds["table"] == 1


def test_every_address_opens_on_its_block(built):
    """Each block's id is the id its element carries on the built page, and the
    element holds the block's words."""
    base = urlsplit(plan_url()).path
    pages: dict[str, BeautifulSoup] = {}
    seen = set()
    for b in _doc(built)["blocks"]:
        url = urlsplit(b["url"])
        assert b["url"].startswith(plan_url()) and url.fragment, b["url"]
        path = url.path.removeprefix(base)
        soup = pages.get(path) or pages.setdefault(path, built.page(path))
        el = soup.find(id=url.fragment)
        assert el is not None, b["url"]
        if b["id"] is not None:
            assert b["id"] == url.fragment and (path, b["id"]) not in seen
            seen.add((path, b["id"]))
            if b["kind"] != "table":  # the element's words hold the block's own (a list item also its sub-items)
                shown = " ".join(words(el.get_text(" ")))
                assert " ".join(words(_with_refs(b["text"], b["footnote_refs"]))) in shown, b["url"]


def test_citations_are_the_registers_and_stand_at_their_offsets(built):
    doc = _doc(built)
    register = json.loads((built.site / "van-ban/danh-muc-van-ban.json").read_text(encoding="utf-8"))
    cited = Counter()
    for b in doc["blocks"]:
        for c in b["citations"]:
            assert b["text"][c["offset"]:c["offset"] + c["length"]] == c["text"], c
            assert c["document_url"] == plan_url() + f"van-ban/{c['document']}/"
            cited[c["document"]] += 1
        for row in b.get("rows", []):
            for cell in row["cells"]:
                for c in cell["citations"]:
                    assert cell["text"][c["offset"]:c["offset"] + c["length"]] == c["text"], c
    # The register counts the same places (both from the linker's record).
    assert cited == Counter({d["id"]: d["cited_count"] for d in register["documents"]})
    assert sum(cited.values()) >= 80
    # And each is a citation link on the page, with those words, in the block.
    page = built.page("phan-1/ket-qua/cai-cach-hanh-chinh/")
    block = next(b for b in doc["blocks"] if b["source"] == "phan-1/ket-qua/cai-cach-hanh-chinh.md"
                 and len(b["citations"]) >= 4)
    links = page.find(id=block["id"]).select("a.kh-cite")
    assert [(a["data-doc"], " ".join(a.get_text().split())) for a in links] == \
        [(c["document"], c["text"]) for c in block["citations"]]


def test_csv_one_row_per_block_in_excel_form(built):
    raw = (built.site / CSV).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    header, body = rows[0], rows[1:]
    blocks = _doc(built)["blocks"]
    assert header[:4] == ["order", "kind", "id", "url"] and len(body) == len(blocks)
    for row, b in zip(body, blocks):
        assert row[header.index("text")] == b["text"] and row[header.index("url")] == b["url"]
        assert row[header.index("citations")].split() == [f"{c['document']}@{c['offset']}" for c in b["citations"]]


def test_the_home_page_links_the_open_data_in_vietnamese(built):
    home = built.page("")
    box = home.select_one(".kh-takeaway")
    item = next(li for li in box.select("li") if "dữ liệu mở" in li.get_text())
    hrefs = {" ".join(a.get_text().split()): a["href"] for a in item.select("a")}
    assert hrefs == {"tệp JSON": JSON, "tệp CSV": CSV, "lược đồ JSON Schema": SCHEMA}
    for href in hrefs.values():
        assert (built.site / href).is_file()
