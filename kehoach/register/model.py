"""The register of cited documents (data/register.yml): load, check, look up.

An `Entry` is one document the plan cites. `Register.lookup(citation)` finds
the entry a citation names (by kind and number, or by name). Loading fails with
one `SiteError` naming the file and line when two entries collide (same id, or
same kind and number, or same name), a date does not exist, a document is dated
after the plan that cites it (the plan's date: data/plan.yml `place_and_date`),
or the year in a number is not the year of the date or is after the plan's.
What a number may hold (ASCII digits, Latin capitals and Đ: no look-alike
letters or digits) is the schema's pattern (schemas/register.schema.json).
"""
from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

from kehoach.core import data
from kehoach.register.citations import Citation
from kehoach.core.errors import SiteError, excerpt

ISSUER_SOURCES = {"plan": "Kế hoạch ghi rõ", "symbol": "suy ra từ ký hiệu văn bản"}


@dataclass(frozen=True)
class Entry:
    id: str
    kind: str
    number: str | None = None
    name: str | None = None
    date: str | None = None
    issuer: str | None = None
    issuer_source: str | None = None
    subject: str | None = None
    note: str | None = None

    @property
    def label(self) -> str:
        """How the document is called: "Nghị định số 107/2020/NĐ-CP" or its name."""
        return f"{self.kind} số {self.number}" if self.number else (self.name or self.id)

    @property
    def year(self) -> str | None:
        """The year from the number ("107/2020/NĐ-CP") or else from the date."""
        if self.number:
            m = re.match(r"\d+/(\d{4})/", self.number)
            if m:
                return m.group(1)
        return self.date[:4] if self.date else None

    @property
    def date_vi(self) -> str | None:
        """The date as Vietnamese readers write it: "18/5/2021"."""
        if not self.date:
            return None
        y, m, d = (int(p) for p in self.date.split("-"))
        return f"{d:02d}/{m:02d}/{y}"

    @property
    def url(self) -> str:
        return f"van-ban/{self.id}/"


class Register:
    def __init__(self, datafile: data.DataFile):
        self.datafile = datafile
        self.entries = [Entry(**item) for item in datafile.data["documents"]]
        self.exclusions = [x["phrase"] for x in datafile.data["not_citations"]]
        self.exclusion_reasons = {x["phrase"]: x["reason"] for x in datafile.data["not_citations"]}
        self.by_id = {e.id: e for e in self.entries}
        self._by_key = {(e.kind, e.number) if e.number else ("", e.name): e for e in self.entries}

    @property
    def rel(self) -> str:
        return self.datafile.rel

    @property
    def names(self) -> list[str]:
        return [e.name for e in self.entries if e.name]

    def line_of(self, entry: Entry, field: str = "id") -> int | None:
        return self.datafile.line(["documents", self.entries.index(entry), field])

    def error(self, entry: Entry, field: str, vi: str, en: str, fix_vi: str, fix_en: str) -> SiteError:
        return SiteError(self.rel, self.line_of(entry, field), vi, en, fix_vi, fix_en)

    def lookup(self, citation: Citation) -> Entry | None:
        return self._by_key.get(citation.key)


def _check(reg: Register) -> None:
    reg.datafile.check_unique(["documents"], "id")
    seen: dict[tuple, Entry] = {}
    for entry in reg.entries:
        key = (entry.kind, entry.number) if entry.number else ("", entry.name)
        if key in seen:
            what = excerpt(entry.label, quote=False)  # a name may be long: one short line quoted
            raise reg.error(
                entry, "number" if entry.number else "name",
                f"Mục '{entry.id}' trùng với mục '{seen[key].id}': cùng là {what}.",
                f"Entry '{entry.id}' collides with entry '{seen[key].id}': both are {what}.",
                "mỗi văn bản chỉ có một mục; gộp hai mục làm một (giữ id đã xuất bản).",
                "keep one entry per document; merge the two (keep the published id).",
            )
        seen[key] = entry
        if entry.date:
            try:
                datetime.date.fromisoformat(entry.date)
            except ValueError:
                raise reg.error(
                    entry, "date",
                    f"Ngày {entry.date} của mục '{entry.id}' không có thật trên lịch.",
                    f"Date {entry.date} of entry '{entry.id}' does not exist.",
                    "ghi đúng ngày mà Kế hoạch ghi, theo dạng \"YYYY-MM-DD\" (năm-tháng-ngày).",
                    "write the date the plan gives, as \"YYYY-MM-DD\".",
                ) from None


_PLAN_DATE = re.compile(r"ngày(?: +(\d{1,2}))? +tháng +(\d{1,2}) +năm +(\d{4})\s*\Z")


def plan_date(project: data.Project) -> datetime.date:
    """The plan's date, from data/plan.yml `place_and_date` ("<place>, ngày 15
    tháng 11 năm 2021"); the month's last day when the signed text leaves the
    day blank ("ngày tháng 11 năm 2021"). The schema holds the form."""
    plan = data.load("plan", project)
    found = _PLAN_DATE.search(plan.data["place_and_date"])
    day, month, year = found.groups()
    try:
        last = calendar.monthrange(int(year), int(month))[1]
        return datetime.date(int(year), int(month), int(day) if day else last)
    except (ValueError, calendar.IllegalMonthError):
        raise plan.error(
            ["place_and_date"],
            f"Ngày của Kế hoạch ({plan.data['place_and_date']}) không có thật trên lịch.",
            f"The plan's date ({plan.data['place_and_date']}) does not exist.",
            "chép đúng ngày tháng năm như bản ký.", "copy the date exactly as signed.",
        ) from None


def _check_dates(reg: Register, signed: datetime.date | None) -> None:
    """No document is dated after the plan that cites it; a number's year
    ("107/2020/NĐ-CP") is its date's year and not after the plan's.
    `signed`: the plan's date, None for a register read without its plan."""
    shown = f"{signed.day:02d}/{signed.month:02d}/{signed.year}" if signed else ""
    for entry in reg.entries:
        if signed and entry.date and datetime.date.fromisoformat(entry.date) > signed:
            raise reg.error(
                entry, "date",
                f"Ngày {entry.date_vi} của mục '{entry.id}' sau ngày của Kế hoạch ({shown}, data/plan.yml): "
                "Kế hoạch không thể dẫn một văn bản ban hành sau nó.",
                f"Date {entry.date} of entry '{entry.id}' is after the plan's date ({signed.isoformat()}, "
                "data/plan.yml): the plan cannot cite a document issued after it.",
                "ghi đúng ngày mà Kế hoạch ghi cho văn bản này (năm-tháng-ngày).",
                "write the date the plan gives for this document (year-month-day).",
            )
        number_year = re.match(r"\d+/(\d{4})/", entry.number or "")
        if number_year is None:
            continue
        year = int(number_year.group(1))
        if entry.date and year != int(entry.date[:4]):
            raise reg.error(
                entry, "number",
                f"Năm trong số hiệu {entry.number} ({year}) khác năm ban hành ghi ở ngày {entry.date_vi} "
                f"của mục '{entry.id}'.",
                f"The year in number {entry.number} ({year}) is not the year of the date {entry.date} "
                f"of entry '{entry.id}'.",
                "năm trong số hiệu là năm ban hành: sửa số hiệu hoặc ngày cho đúng như Kế hoạch ghi.",
                "the year in a number is the year of issue: correct the number or the date to what the plan says.",
            )
        if signed and year > signed.year:
            raise reg.error(
                entry, "number",
                f"Năm trong số hiệu {entry.number} ({year}) sau năm của Kế hoạch ({signed.year}).",
                f"The year in number {entry.number} ({year}) is after the plan's year ({signed.year}).",
                "sửa số hiệu cho đúng như Kế hoạch ghi.", "correct the number to what the plan says.",
            )


def load(project: data.Project) -> Register:
    reg = Register(data.load("register", project))
    _check(reg)
    # A build always has data/plan.yml (the plan's header is built from it); a
    # register read alone (a unit test's folder) is checked without the plan's date.
    has_plan = (project.data_dir / "plan.yml").exists()
    _check_dates(reg, plan_date(project) if has_plan else None)
    return reg
