"""Build one project several times in one Python process; print CPU seconds per build.

    python bench/warm.py <mkdocs.yml> <site dir> <builds> [--strict]

Run by bench/costs.py in the project's folder, with the project on PYTHONPATH.
The first build pays for imports and first-use compilation (regexes, Jinja
templates); the later ones are what a warm process (`mkdocs serve` rebuilding,
or a driver building many plans) pays per build. Prints JSON: a list of CPU
seconds, one per build, first included.
"""
import json
import logging
import resource
import sys


def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime  # git runs as a child


def main() -> None:
    config_file, site, builds = sys.argv[1], sys.argv[2], int(sys.argv[3])
    strict = "--strict" in sys.argv[4:]
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.basicConfig(level=logging.ERROR)
    times = []
    for _ in range(builds):
        start = _cpu()
        config = load_config(config_file, site_dir=site, strict=strict)
        config.plugins.on_startup(command="build", dirty=False)
        build(config)
        config.plugins.on_shutdown()
        times.append(_cpu() - start)
    print(json.dumps(times))


if __name__ == "__main__":
    main()
