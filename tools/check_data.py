"""Fast check of the data files, for pre-commit and for clerks:

    python tools/check_data.py

Every file under plans/<id>/data/ must start with its `# yaml-language-server: $schema=`
line (editors use it for completion and red underlines) and pass its JSON
Schema in schemas/ - the same validation the build does, with the same
message (file, line, what to do). Exit 1 at the first problem.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kehoach.core import data  # noqa: E402
from kehoach.core.errors import SiteError  # noqa: E402

# plans/<id>/data/<name>.yml -> schemas/<name>.schema.json
SCHEMA_PREFIX = "../../../schemas/"


def schema_line_problem(path: Path) -> SiteError | None:
    expected = f"# yaml-language-server: $schema={SCHEMA_PREFIX}{path.stem}.schema.json"
    lines = path.read_text(encoding="utf-8").splitlines()
    if lines and lines[0] == expected:
        return None
    return SiteError(
        str(path.relative_to(ROOT)), 1,
        "Dòng đầu tiên của tệp dữ liệu phải chỉ tới lược đồ kiểm tra của nó.",
        "The first line of a data file must name its JSON Schema.",
        f"đặt dòng này lên đầu tệp: {expected}",
        f"put this line at the top of the file: {expected}",
    )


def main() -> int:
    checked = []
    try:
        for plan in sorted((ROOT / "plans").glob("*/data")):
            for path in sorted(plan.glob("*.yml")):
                problem = schema_line_problem(path)
                if problem:
                    raise problem
            names = data.check_all(data.Project.at(plan.parent))
            checked += [f"{plan.relative_to(ROOT)}/{n}.yml" for n in names]
    except SiteError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"Dữ liệu hợp lệ / data files valid: {', '.join(checked)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
