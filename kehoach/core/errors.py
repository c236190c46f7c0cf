"""One kind of error for everything a contributor can get wrong.

The message names the file and line, says what is wrong and what to do, in
Vietnamese for the clerks who keep the site and in English for everyone else.
No MkDocs here: kehoach/engine.py turns a SiteError into the engine's own
error where the engine calls us, so MkDocs prints the message and stops
without a Python traceback.
"""
from __future__ import annotations


class SiteError(Exception):
    def __init__(
        self,
        path: str,
        line: int | None,
        problem_vi: str,
        problem_en: str,
        fix_vi: str = "",
        fix_en: str = "",
    ):
        self.path = path
        self.line = line
        self.problem_vi = problem_vi
        self.problem_en = problem_en
        self.fix_vi = fix_vi
        self.fix_en = fix_en
        where = f"{path}, dòng {line} (line {line})" if line else path
        lines = [f"{where}:", f"  {problem_vi}"]
        if fix_vi:
            lines.append(f"  Cách sửa: {fix_vi}")
        lines.append(f"  [EN] {problem_en}")
        if fix_en:
            lines.append(f"  [EN] Fix: {fix_en}")
        super().__init__("\n".join(lines))


EXCERPT_MAX = 120


def excerpt(value, quote: bool = True) -> str:
    """A value from a file as a message may quote it: its first line, at most
    EXCERPT_MAX characters, "…" marking a cut. The build log is public: a
    message never copies a whole file (nor what a file wrongly pointed to)."""
    text = value if isinstance(value, str) else repr(value)
    lines = text.splitlines() or [""]
    short = lines[0][:EXCERPT_MAX]
    if len(lines) > 1 or len(lines[0]) > EXCERPT_MAX:
        short += "…"
    return repr(short) if quote and isinstance(value, str) else short


def line_of(text: str, needle: str, start: int = 0) -> int | None:
    """1-based line number of the first `needle` in `text`, or None."""
    pos = text.find(needle, start)
    if pos < 0:
        return None
    return text.count("\n", 0, pos) + 1
