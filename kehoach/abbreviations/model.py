"""Abbreviations (data/abbreviations.yml): load and check the list.

Each entry has its spellings, its expansion (or `source: uncertain` when the
meaning is not certain) and the line it is on, for messages. How the list is
marked in pages and drawn as the glossary: html.py; at build time: build.py.
"""
from __future__ import annotations

from dataclasses import dataclass

from kehoach.core import data

GLOSSARY_MARKER = "tu-viet-tat"  # the marker's name (core/fill.py): filled in by build.py once every page is counted
UNCERTAIN_TITLE = "Chưa rõ nghĩa: văn bản không giải thích từ viết tắt này"
SOURCE_LABELS = {
    "plan": "Theo giải thích trong Kế hoạch",
    "standard": "Thuật ngữ hành chính thông dụng",
    "uncertain": "Chưa rõ nghĩa",
}


@dataclass(frozen=True)
class Entry:
    abbr: str
    expansion: str | None
    source: str
    spellings: tuple[str, ...]
    rel: str = ""
    line: int | None = None

    @property
    def title(self) -> str:
        return self.expansion or UNCERTAIN_TITLE


def load(project: data.Project) -> list[Entry]:
    datafile = data.load("abbreviations", project)
    datafile.check_unique(["abbreviations"], "abbr")
    entries, owner = [], {}
    for index, item in enumerate(datafile.data["abbreviations"]):
        _check_expansion(datafile, index, item)
        spellings = (item["abbr"], *item.get("variants", []))
        for spelling in spellings:
            if spelling in owner:
                raise datafile.error(
                    ["abbreviations", index, "abbr"],
                    f"Cách viết '{spelling}' đã có ở mục '{owner[spelling]}'.",
                    f"The spelling '{spelling}' is already listed under '{owner[spelling]}'.",
                    "mỗi cách viết chỉ ghi ở một mục.", "list each spelling under one entry only.",
                )
            owner[spelling] = item["abbr"]
        entries.append(Entry(item["abbr"], item.get("expansion"), item["source"], spellings,
                             datafile.rel, datafile.line(["abbreviations", index, "abbr"])))
    return entries


def _check_expansion(datafile, index: int, item: dict) -> None:
    """An expansion is required unless the meaning is uncertain, then forbidden."""
    if item["source"] == "uncertain" and "expansion" in item:
        raise datafile.error(
            ["abbreviations", index, "expansion"],
            f"Mục '{item['abbr']}' ghi source: uncertain (chưa rõ nghĩa) nhưng lại có expansion.",
            f"Entry '{item['abbr']}' is source: uncertain but has an expansion.",
            "nếu nghĩa đã chắc chắn thì đổi source thành standard hoặc plan; nếu chưa thì xóa dòng expansion.",
            "if the meaning is certain, set source to standard or plan; otherwise remove the expansion.",
        )
    if item["source"] != "uncertain" and "expansion" not in item:
        raise datafile.error(
            ["abbreviations", index, "abbr"],
            f"Mục '{item['abbr']}' thiếu expansion (nghĩa đầy đủ).",
            f"Entry '{item['abbr']}' has no expansion.",
            "thêm dòng expansion; nếu chưa chắc nghĩa thì ghi source: uncertain.",
            "add an expansion; if the meaning is not certain, set source: uncertain.",
        )
