"""MkDocs glue for the plan as open data (du-lieu/toan-van.json, .csv, .schema.json).

- on_files: the three files added to the site (the two downloads empty until
  every page is rendered; the schema as it is, kehoach/opendata/toan-van.schema.json).
- on_env (after the plan's words are held to record/): the plan pages' final
  trees (`state.trees`) read into blocks (model.py), with the register
  linker's record of citations (`state.register.places`); both downloads
  filled in (the tests, not each build, hold them to the schema: downloads.py).
"""
from __future__ import annotations

from mkdocs.structure.files import File

from kehoach import settings
from kehoach.core import data, urls
from kehoach.core.errors import SiteError
from kehoach.exports import fullplan
from kehoach.exports import names
from kehoach.opendata import downloads, model
from kehoach.register import build as register_site
from kehoach.state import BuildState

STEM = settings.OPEN_DATA_STEM
JSON_PATH = names.data_path(STEM, "json")
CSV_PATH = names.data_path(STEM, "csv")
SCHEMA_PATH = names.data_path(STEM + ".schema", "json")


def on_files(files, config):
    files.append(File.generated(config, JSON_PATH, content=b""))
    files.append(File.generated(config, CSV_PATH, content=b""))
    files.append(File.generated(config, SCHEMA_PATH, content=downloads.schema_text().encode("utf-8")))
    return files


def plan_pages(state: BuildState, files) -> list[model.PlanPage]:
    """The plan's rendered pages in reading order (the nav's), each with its final tree."""
    out = []
    for src in state.register.order:
        if not state.site.is_plan_page(src):
            continue
        file = files.get_file_from_path(src)
        page = file.page if file is not None else None
        if page is None or not page.content:
            continue
        path = urls.page_url(src, True).removeprefix("./")
        out.append(model.PlanPage(src, path, state.trees.of(page.url, page.content),
                                  fullplan.heading_shift(page), tuple(state.register.places.get(src, ()))))
    return out


def on_env(state: BuildState, config, files) -> None:
    pages = plan_pages(state, files)
    try:
        blocks = model.plan_blocks(pages)
    except model.PlacementError as error:  # the code's fault: say so plainly
        raise SiteError(
            "kehoach/opendata/model.py", None,
            f"Không đặt được một trích dẫn vào tệp dữ liệu toàn văn: {error}",
            f"A citation could not be placed in the whole-plan open data: {error}",
            "báo lỗi này cho người duy trì mã nguồn (đây là lỗi của mã, không phải của trang).",
            "report this to the code's maintainers (a fault of the code, not of a page).",
        ) from error
    site = data.load("site", state.project).data
    register = register_site.current_register(state.register)
    site_url = config["site_url"] or ""
    doc = downloads.document(
        blocks,
        {"id": state.root.name, "title": config["site_name"], "department": site["department"],
         "year": site["year"], "record": state.site.record},
        site_url if not site_url or site_url.endswith("/") else site_url + "/",
        {e.id: e.url for e in register.entries},
        SCHEMA_PATH,
    )
    for file in files:
        if file.src_uri == JSON_PATH:
            file.content_bytes = downloads.to_json(doc)
        elif file.src_uri == CSV_PATH:
            file.content_bytes = downloads.to_csv(doc)
