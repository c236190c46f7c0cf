"""Files the build writes for itself (its caches, the archive's index): each
written aside, then put in place by one rename, so a reader (or the next build,
after a crash) sees the old file or the new one, never half of one; and a file
that may be a hard link of a kept one is replaced, never written into."""
from __future__ import annotations

import os
from pathlib import Path


def write_aside(path: Path, text: str) -> None:
    """`text` as the new file at `path` (UTF-8), its folder made if missing."""
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(f"{path.name}.{os.getpid()}.part")
    part.write_text(text, encoding="utf-8")
    os.replace(part, path)
