"""Build several projects (or one several times) in one Python process; print CPU seconds per build.

    python bench/inprocess.py [--strict] <mkdocs.yml> <site dir> [<mkdocs.yml> <site dir> ...]

Run by the bench with a project on PYTHONPATH (our package is imported once,
from there; every plan's copy of it is the same code). Two uses:
- warm builds (bench/costs.py): the same project several times; the first pays
  for imports and first-use compilation (regexes, Jinja templates), the later
  ones are what a warm process (`mkdocs serve` rebuilding) pays per build;
- an archive (bench/run.py): many plans built one after another by one process
  per core, so Python start-up and imports are paid once per process, not once
  per plan.
Prints JSON on its last line: a list of CPU seconds, one per build.
"""
import json
import logging
import os
import resource
import sys

# Run as a script, this folder comes first on sys.path; its modules (profile.py,
# search.py, ...) must not stand in for the standard library's or a plugin's.
sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != os.path.dirname(os.path.abspath(__file__))]


def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime  # git runs as a child


def main(argv: list[str]) -> None:
    strict = "--strict" in argv
    pairs = [a for a in argv if a != "--strict"]
    if not pairs or len(pairs) % 2:
        raise SystemExit(__doc__)
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.basicConfig(level=logging.ERROR)
    times = []
    for config_file, site in zip(pairs[::2], pairs[1::2]):
        start = _cpu()
        config = load_config(config_file, site_dir=site, strict=strict)
        config.plugins.on_startup(command="build", dirty=False)
        build(config)
        config.plugins.on_shutdown()
        times.append(_cpu() - start)
    print(json.dumps(times))


if __name__ == "__main__":
    main(sys.argv[1:])
