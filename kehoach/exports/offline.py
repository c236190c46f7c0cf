"""The offline copy: the whole site as files that open from disk or a USB stick.

Material's offline plugin rewrites every address to end in `.html`, which the
public site must never do (its addresses are promises). So the offline copy is
a second, separate build with `mkdocs-offline.yml` (which inherits mkdocs.yml)
into a temporary folder, zipped into the public site at `copies.zip_file(config)`.

`Build` runs at the end of the public build, beside the PDF. `finish_offline_site` runs at
the end of the offline build itself: it adds the small iframe-worker shim that
lets search work from file://, which Material would otherwise load from a CDN.

What this relies on upstream is listed in kehoach/patches/__init__.py.
"""
from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from kehoach.core.errors import SiteError

# The offline copy is the plan's own configuration with Material's offline plugin
# switched on by this variable (mkdocs-plan.yml: `enabled: !ENV [KEHOACH_OFFLINE, false]`).
OFFLINE_SWITCH = "KEHOACH_OFFLINE"
OFFLINE_CONFIG = "mkdocs-plan.yml"  # named in messages about the offline copy
SHIM = Path(__file__).parent / "vendor" / "iframe-worker-shim.js"
SHIM_URL = "assets/javascripts/iframe-worker-shim.js"  # as named in mkdocs-offline.yml
# Served only by a web server (error page, search engines); useless from disk.
LEFT_OUT = {"404.html", "sitemap.xml", "sitemap.xml.gz"}

log = logging.getLogger("mkdocs.plugins.kehoach")


def running_engine() -> str:
    """The tool building the public site, which builds the offline copy too:
    "properdocs" under ProperDocs (which answers MkDocs' imports itself, so
    MkDocs need not be installed), else "mkdocs"."""
    return "properdocs" if "properdocs" in sys.modules else "mkdocs"


def use_local_shim(config) -> None:
    """Material's offline plugin adds a CDN address for its iframe-worker shim;
    the offline copy loads our local copy instead (no request to another host)."""
    config.extra["polyfills"] = [SHIM_URL]


def finish_offline_site(site_dir: Path) -> None:
    target = site_dir / SHIM_URL
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SHIM, target)


class Build:
    """The offline build running beside the rest of the public build (2 cores:
    it overlaps with the PDF). `start` launches it, `zip_to` waits and zips."""

    def __init__(self, config_file: Path, folder: str):
        """`folder`: the one folder inside the zip (the download's name). The build runs
        in the project's folder: `config_file` is made absolute first (MkDocs keeps
        `-f` as it was typed, relative to where the build was started)."""
        config_file = config_file.resolve()
        project = config_file.parent
        self._tmp = tempfile.TemporaryDirectory(prefix="kh-offline-")
        self.site = Path(self._tmp.name) / folder
        self._proc = subprocess.Popen(
            [sys.executable, "-m", running_engine(), "build", "--strict", "--quiet",
             "-f", str(config_file), "-d", str(self.site)],
            cwd=project, env=dict(os.environ, NO_MKDOCS_2_WARNING="1", **{OFFLINE_SWITCH: "true"}),
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )

    def zip_to(self, zip_path: Path, extra_files: dict[str, Path]) -> None:
        """Wait for the build, add `extra_files` (path inside -> file), zip to `zip_path`."""
        try:
            output, _ = self._proc.communicate(timeout=600)
            if self._proc.returncode != 0:
                raise SiteError(
                    OFFLINE_CONFIG, None,
                    "Không tạo được bản đọc không cần mạng:\n" + output,
                    "The offline copy did not build (output above).",
                    "sửa lỗi được báo ở trên.", "fix the error reported above.",
                )
            for inside, source in extra_files.items():
                (self.site / inside).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, self.site / inside)
            zip_path.parent.mkdir(parents=True, exist_ok=True)
            with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
                for path in sorted(self.site.rglob("*")):
                    if path.is_file() and path.relative_to(self.site).as_posix() not in LEFT_OUT:
                        zf.write(path, path.relative_to(self.site.parent).as_posix())
            log.info("Offline copy: %s (%d kB)", zip_path, zip_path.stat().st_size // 1024)
        finally:
            self.cancel()

    def cancel(self) -> None:
        if self._proc.poll() is None:
            self._proc.kill()
            self._proc.wait()
        self._tmp.cleanup()
