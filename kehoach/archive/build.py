"""The archive's MkDocs events (the root mkdocs.yml; archive_hooks.py is the glue).

Material's projects plugin builds every plan of plans/<id>/ (each a MkDocs
project of its own, our plan hooks included) into site/<id>/ before the
archive's own pages are rendered; this module then adds what spans the plans:

  on_config      every plan's header and names read (kehoach/archive/model.py)
  on_files       the register across plans (kehoach/archive/register.py), read
                 from each plan's data/register.yml and its built pages: its
                 overview /van-ban/, one page per document /van-ban/<id>/, and
                 its downloads /van-ban/danh-muc-van-ban.csv and .json
  on_page_markdown  the home page (archive/index.md), then every plan, newest first
  on_page_content   the register's pages held to the plans' HTML allow-list and
                 rule for ids and titles (kehoach/checks/)
  on_env         the inline scripts our templates write (kehoach/readers/csp.py)
  on_post_page   the Content-Security-Policy of each archive page
  on_page_markdown  the search page (archive/tim-kiem.md), then its form
  on_post_build  the addresses the site had before the archive (the plan named
                 `extra.legacy_plan` was published at the site's root): a
                 redirect page for each of its pages, and its downloads copied;
                 then the one search index across every plan (search.py)
  on_build_error the half-written site removed, plans included
  on_shutdown    the archive's own output kept for the next build, once the build
                 succeeded (kehoach/archive/cache.py)

Under `mkdocs build`, the projects plugin's builder is swapped for
`CachingBuilder`, which restores a plan whose inputs did not change instead of
building it (kehoach/archive/cache.py). What this relies on upstream (the
plugin's builder, its scheduling, `_setup` and `projects_config_transform`) is
listed in kehoach/patches/__init__.py.
"""
from __future__ import annotations

import logging
import os
import posixpath
import shutil
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path

from material.plugins.projects.builder import ProjectsBuilder
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.utils import get_build_date

from kehoach import settings
from kehoach.archive import cache
from kehoach.archive import html as archive_html
from kehoach.archive import model
from kehoach.archive import register as archive_register
from kehoach.archive import register_downloads
from kehoach.archive import register_html
from kehoach.checks import attributes, html_allowlist
from kehoach.archive import search
from kehoach.checks.build import remove_half_built_site
from kehoach.core import data, htmltree
from kehoach.core.errors import SiteError
from kehoach.engine import engine_errors
from kehoach.patches import plan_configs
from kehoach.preview.build import ThemeFiles
from kehoach.readers import csp, source

log = logging.getLogger("mkdocs.plugins.kehoach")

HOME = "index.md"
# Folders of a plan that hold files, not pages: kept at their old address as copies.
COPIED_FOLDERS = (settings.DATA_FOLDER, settings.DOWNLOADS_FOLDER)
# What the archive itself publishes at its root: never overwritten by a redirect.
# (An address the archive's own pages already took, such as van-ban/<id>/, is
# skipped too: on_post_build runs after every page is written.)
ARCHIVE_OWNED = ("index.html", "404.html", "sitemap.xml", "sitemap.xml.gz", "assets/", "search/",
                 f"{search.FOLDER}/", "tim-kiem/")


@dataclass
class ArchiveState:
    root: Path
    plans: list[model.Plan] = field(default_factory=list)
    site_dir: Path | None = None
    register: archive_register.ArchiveRegister | None = None
    csp_scripts: tuple[str, ...] = ()  # our templates' inline scripts (kehoach/readers/csp.py)


class Archive:
    """The archive's events; outlives builds (mkdocs serve), holds the one state."""

    def __init__(self):
        self.state: ArchiveState | None = None
        self.cache = data.DataCache()
        self.command = "build"
        self.builder: CachingBuilder | None = None  # under `mkdocs build` with the cache
        self.pages: tuple[Path, bool] | None = None  # the archive's kept output, and whether it is used
        self.lock = None  # this build's hold of .cache/kehoach/ (cache.claim)
        self.configs: plan_configs.Kept | None = None  # the plans' parsed mkdocs.yml
        self.theme_files: ThemeFiles | None = None  # the theme's file list (kehoach/preview/build.py)
        self.hashes: cache.FileHashes | None = None  # the inputs' files' hashes, kept across builds

    def on_startup(self, command, dirty):
        self.command = command
        # The plans' mkdocs.yml read by libyaml (before the projects plugin reads them),
        # plain ones kept across builds in .cache/kehoach/ (configs_store).
        self.configs = plan_configs.install(configs_store if command == "build" else None)
        if command == "build":
            plan_configs.keep_last_jobs()  # the plans resolved once per build, not twice (use_cache)
        # The theme's file list made once for the archive and the plan it builds itself,
        # and kept across builds in .cache/kehoach/ when the cache may be used (on_config).
        self.theme_files = ThemeFiles().install()

    @engine_errors
    def on_config(self, config):
        self.builder, self.pages = None, None
        root = Path(config.config_file_path).resolve().parent
        source.configure_site_url(config)
        caching = False
        if self.command == "build":
            caching = os.environ.get("KEHOACH_CACHE", "1") != "0" and cache.trusted(root)
            if caching:
                cache.release(self.lock)
                self.lock = cache.claim(root)
                if self.lock is None:
                    log.info("Một lần dựng khác đang dùng bộ nhớ đệm .cache/kehoach/: lần này dựng lại mọi "
                             "kế hoạch. (Another build is using .cache/kehoach/: this one builds every plan.)")
                    caching = False
        self.hashes = cache.FileHashes(root) if caching else None
        shared = cache.shared_key(root, self.hashes) if caching else None
        if self.theme_files is not None:
            self.theme_files.store = root / cache.THEME_FILES if caching else None
        kept = cache.PlanModels(root, shared) if caching else None
        self.state = ArchiveState(root, model.load_plans(root, self.cache, kept))
        if self.command == "build":
            # Material's projects plugin turns MkDocs' cleaning of the site folder off
            # (the plans are written into it first): without this, a page removed
            # from a plan would stay published from the last build. With the cache,
            # the plans' folders are left to the CachingBuilder: one whose output is
            # kept in place stays, any other is removed before it is restored or built.
            # The archive's search index stays too: cache.search_index writes again only
            # the files one plan's change touches, or puts the kept index in place.
            clean_site(Path(config["site_dir"]),
                       keep={p.id for p in self.state.plans} | {search.FOLDER} if caching else set())
            if caching:
                self.builder = use_cache(config, root, shared, self.hashes)
        legacy = config.extra.get("legacy_plan")
        if legacy is not None and legacy not in {p.id for p in self.state.plans}:
            raise SiteError(
                "mkdocs.yml", None,
                f"extra.legacy_plan nêu kế hoạch {legacy!r}, nhưng không có thư mục plans/{legacy}/.",
                f"extra.legacy_plan names the plan {legacy!r}, but there is no folder plans/{legacy}/.",
                "ghi tên một thư mục có trong plans/.", "name a folder that exists in plans/.",
            )
        return config

    @engine_errors
    def on_pre_build(self, config):
        self.state.site_dir = Path(config["site_dir"])

    @engine_errors
    def on_files(self, files, config):
        if files.get_file_from_path(HOME) is None:
            raise SiteError(
                f"{Path(config['docs_dir']).name}/{HOME}", None,
                "Thiếu trang chủ của kho.", "The archive's home page is missing.",
                f"khôi phục tệp {HOME} trong thư mục trang của kho.", f"restore the archive's {HOME}.",
            )
        self.pages = None
        if self.builder is None or self.builder.digests is None:
            add_register(self.state, files, config, self.cache)
            return files
        # With the cache, the archive's own output is kept, keyed by what it is made
        # of (cache.pages_key); the register across plans by what each plan gives it
        # (its checked data/register.yml and its places, cache.Places): when the
        # output is kept, the register is not made again.
        kept = cache.Places(self.state.root, self.builder.digests, self.builder.shared)
        register_inputs = archive_register.inputs(self.state.plans, self.state.site_dir, self.cache, kept)
        if register_inputs is None:
            add_register(self.state, files, config, self.cache, kept)
            return files
        ids = [p.id for p in self.state.plans]
        added = [archive_html.home(self.state.plans), repr(self.plan_names()),
                 repr(search.separator(self.state.site_dir, ids)), register_inputs]
        digest = cache.pages_key(self.state.root, config, self.builder.shared, files, added, get_build_date())
        entry = cache.pages_entry(self.state.root, digest)
        if entry.is_dir():
            # Made of the same inputs: MkDocs renders none of the archive's pages
            # (on_post_build puts the kept output in place).
            for file in [f for f in files if f.is_documentation_page()]:
                files.remove(file)
            self.pages = (entry, True)
            log.info("Các trang của kho: dùng lại bản dựng trước, vì không có gì thay đổi. "
                     "(The archive's pages: unchanged, restored from the cache.)")
            return files
        add_register(self.state, files, config, self.cache, kept)
        self.pages = (entry, False)
        return files

    @engine_errors
    def on_page_markdown(self, markdown, page, config, files):
        """The home page's own words (archive/index.md), then the list of plans."""
        if page.file.src_uri == HOME:
            return markdown.rstrip("\n") + "\n\n" + archive_html.home(self.state.plans)
        if page.file.src_uri == search.PAGE:
            depth = page.url.count("/")  # tim-kiem/: one folder below the root
            separator = search.separator(self.state.site_dir, [p.id for p in self.state.plans])
            return markdown.rstrip("\n") + "\n\n" + search.search_form(
                self.plan_names(), separator, "../" * depth)
        return markdown

    def plan_names(self) -> list[tuple[str, str]]:
        return [(p.id, search.plan_name(p)) for p in self.state.plans]

    @engine_errors
    def on_page_content(self, html, page, config, files):
        if page.file.src_uri.startswith(f"{settings.REGISTER_SECTION}/") and self.state.register is not None:
            check_register_page(html, page, self.state.register, Path(config["docs_dir"]).name)
        return html

    @engine_errors
    def on_env(self, env, config, files):
        if self.builder is not None:  # `mkdocs build` with the cache: templates kept compiled
            env.bytecode_cache = cache.templates(self.state.root)
        self.state.csp_scripts = csp.known_scripts(env, config)
        return env

    @engine_errors
    def on_post_page(self, output, page, config):
        return csp.apply(output, page.file.src_uri, self.state.csp_scripts)

    @engine_errors
    def on_post_template(self, output_content, template_name, config):
        if template_name.endswith(".html"):
            return csp.apply(output_content, template_name, self.state.csp_scripts)
        return output_content

    @engine_errors
    def on_post_build(self, config):
        if self.pages is not None:
            entry, kept = self.pages
            if kept:
                cache.put_in_place(entry, Path(config["site_dir"]))
            else:
                # Not the plans' folders, nor the search index (cache.search_index keeps it).
                cache.store_pages(Path(config["site_dir"]), entry, {p.id for p in self.state.plans} | {search.FOLDER})
        legacy = config.extra.get("legacy_plan")
        if legacy:
            keep_old_addresses(Path(config["site_dir"]), legacy, config.get("site_url"))
        site = Path(config["site_dir"])
        if self.builder is None or self.builder.digests is None:
            done = search.build_index(site, self.plan_names())
        else:
            done = cache.search_index(self.state.root, site, self.plan_names(), self.builder.digests)
        log.info("Tìm kiếm trong kho: %d trang của %d kế hoạch, %.1f s. (Archive search: %d pages.)",
                 done["pages"], len(self.state.plans), done["seconds"], done["pages"])
        if self.configs is not None:
            self.configs.save()
        if self.theme_files is not None:
            self.theme_files.save()
        if self.hashes is not None:
            self.hashes.save()

    def on_build_error(self, error):
        if self.pages is not None and not self.pages[1]:
            cache.drop_pages(self.pages[0])  # kept only from a build that succeeds
            self.pages = None
        cache.release(self.lock)
        self.lock = None
        remove_half_built_site(self.state.site_dir if self.state else None)

    def on_shutdown(self):
        if self.pages is not None and not self.pages[1]:
            cache.commit_pages(self.pages[0])  # the build succeeded (else on_build_error ran)
        self.pages = None
        cache.release(self.lock)
        self.lock = None


def configs_store(config_file: str):
    """Where the plans' parsed mkdocs.yml are kept across builds (kehoach/patches/
    plan_configs.py), asked with the first plan's configuration `config_file`: the
    archive's .cache/kehoach/ when its cache may be used (KEHOACH_CACHE, `trusted`;
    a tracked cache file is refused by the archive's on_config, naming it), else
    None; plan_configs.NOT_A_PLAN for the archive's own configuration."""
    if Path(config_file).resolve().parent.parent.name != model.PLANS_FOLDER:
        return plan_configs.NOT_A_PLAN
    try:
        root = cache.plan_cache_root(config_file)
    except SiteError:
        return None
    return root / cache.CONFIGS_FILE if root is not None else None


def use_cache(config, root: Path, shared: str, hashes: cache.FileHashes | None = None) -> CachingBuilder | None:
    """Plans whose inputs did not change are restored, not built (kehoach/archive/cache.py):
    the projects plugin's builder, made in its on_config just before ours, is swapped
    for one that consults the cache. KEHOACH_CACHE=0 turns it off."""
    for name, plugin in config.plugins.items():
        if name.split("/")[-1] == "projects" and getattr(plugin, "builder", None) is not None:
            # The jobs the plugin's on_config has just resolved (plan_configs.keep_last_jobs), read
            # there for their paths and slugs only: built from, not resolved again.
            resolved = plugin.builder.root.__dict__.pop("kehoach_jobs", None)
            plugin.builder = CachingBuilder(config, plugin.config, root, shared, hashes, resolved)
            return plugin.builder
    return None


class CachingBuilder(ProjectsBuilder):
    """Material's projects builder that restores unchanged plans instead of building them.

    When one plan only is to be built (one page of one plan changed: the usual
    rebuild), it is built here, in the archive's process, instead of in a spawned
    worker: the worker's start-up (a Python and MkDocs, Material, Jinja, Markdown
    imported again) would cost more than the build's own share of it. It is
    built by the plugin's own `_build`, as a worker would; what that changes in
    this process (the working folder, the `mkdocs` logger's level, handlers and
    their formatters) is put back after it, and MkDocs' process-wide cache of
    plugin instances is set aside meanwhile, so the plan gets plugins of its own,
    not the archive's (`_build_here`). Two or more plans to build go to the
    plugin's pool as before."""

    def __init__(self, config, plugin, root: Path, shared: str, hashes: cache.FileHashes | None = None,
                 resolved: list | None = None):
        super().__init__(config, plugin)
        self.archive_root = root
        self.shared = shared  # cache.shared_key of the archive
        self.hashes = hashes  # the inputs' files' hashes, kept across builds (cache.FileHashes)
        self.history = source.history(root, root / cache.GIT_LOG)  # one read of git for every plan's key
        self.git: dict[str, str] = {}         # plan id -> cache.git_state, for every plan of the queue at once
        self.keys: dict[str, str] = {}        # slug -> key of a plan built in this run
        self.queue: list = []                 # this build's jobs (ProjectsBuilder.build's queue)
        self.digests: dict[str, str] | None = None  # slug -> key, once every plan is set up
        self.here = False                     # build the one plan to build in this process
        jobs = self.root.jobs
        handed = [resolved]  # the jobs of this build, resolved already: given to its first walk

        def first_resolved():
            made, handed[0] = handed[0], None
            return iter(self._remember(made if made is not None else jobs()))

        self.root.jobs = first_resolved

    def _remember(self, jobs) -> list:
        self.queue = list(jobs)
        return self.queue

    def _entry(self, project, digest: str) -> Path:
        return cache.entry_of(self.archive_root, Path(project.config.config_file_path).parent.name, digest)

    def _digest(self, project) -> str:
        plan = Path(project.config.config_file_path).parent
        return cache.key(self.archive_root, plan, self.shared, project.config.site_url,
                         self._git_state(plan.name), hashes=self.hashes)

    def _git_state(self, plan_id: str) -> str:
        if plan_id not in self.git:
            ids = {Path(job.project.config.config_file_path).parent.name for job in self.queue} | {plan_id}
            self.git.update(cache.git_states(self.history, ids))
        return self.git[plan_id]

    def _plan_keys(self) -> dict[str, str]:
        """Every plan's key, on the first scheduling: ProjectsBuilder.build has set up
        (address, output folder) every job of its queue by then."""
        if self.digests is None:
            self.digests = {job.project.slug: self._digest(job.project) for job in self.queue
                            if not job.dependencies}
            stale = [slug for slug, digest in self.digests.items()
                     if not self._entry_of_slug(slug, digest).is_dir()]
            self.here = len(stale) == 1 and _can_build_here()
        return self.digests

    def _entry_of_slug(self, slug: str, digest: str) -> Path:
        return cache.entry_of(self.archive_root, slug.lstrip("."), digest)

    def _schedule(self, job, serve, dirty):
        project = job.project
        if serve or project.slug in self.pool_jobs or job.dependencies:
            return super()._schedule(job, serve, dirty)
        digest = self._plan_keys().get(project.slug) or self._digest(project)
        entry = self._entry(project, digest)
        site_dir = Path(project.config.site_dir)
        if entry.is_dir():
            self.projects.add(project)
            if not cache.same_tree(entry, site_dir):
                cache.restore(entry, site_dir)
            done: Future = Future()
            done.set_result((project.slug, [], []))
            self.pool_jobs[project.slug] = done
            log.info("Kế hoạch %s: dùng lại bản dựng trước, vì không có gì thay đổi. "
                     "(Plan %s: unchanged, restored from the cache.)", project.slug.lstrip("."), project.slug.lstrip("."))
            return True
        self.keys[project.slug] = digest
        # Its folder may hold the files of a kept output (hard links): never written into.
        if site_dir.is_symlink() or site_dir.is_file():
            site_dir.unlink()
        elif site_dir.exists():
            shutil.rmtree(site_dir)
        if self.here:
            log.info("Kế hoạch %s: dựng trong tiến trình của kho (chỉ kế hoạch này cần dựng). "
                     "(Plan %s: built in the archive's process, the only plan to build.)",
                     project.slug.lstrip("."), project.slug.lstrip("."))
            self.projects.add(project)
            self.pool_jobs[project.slug] = _build_here(project, serve, dirty, cache.templates(self.archive_root))
            return True
        return super()._schedule(job, serve, dirty)

    def build(self, serve: bool = False, dirty: bool = False):
        self.keys, self.digests, self.here = {}, None, False
        super().build(serve, dirty)  # raises when a plan fails: nothing is kept then
        if serve:
            return
        for project in self.projects:
            digest = self.keys.get(project.slug)
            if digest is not None:
                cache.store(Path(project.config.site_dir), self._entry(project, digest))


def _can_build_here() -> bool:
    """Whether the engine keeps its plugin instances where `_build_here` can set
    them aside (MkDocs 1.6; another engine builds every plan in the plugin's pool)."""
    from mkdocs.config.defaults import MkDocsConfig

    return isinstance(getattr(getattr(MkDocsConfig, "plugins", None), "plugin_cache", None), dict)


def _build_here(project, serve: bool, dirty: bool, templates=None) -> Future:
    """The plugin's `_build` of one plan, run in this process: a done Future, as the
    pool's would be (its result, or the exception the build raised). What `_build`
    changes of this process is put back: the working folder (it changes into the
    plan's), the `mkdocs` logger's level and its handlers (it sets their formatter
    to the plan's and removes the last one); the archive's count of warnings
    (MkDocs' strict mode) is held aside meanwhile, as a worker has none of it.
    MkDocs keeps one instance per plugin name for the whole process (the
    `plugins` option's `plugin_cache`, for `mkdocs serve`): the plan's
    configuration would get the archive's own projects plugin, builder and all,
    and build the archive inside the plan. The plan is given an empty cache, and
    the archive's is put back after. `templates`: a Jinja bytecode cache the
    plan's theme environment is given (cache.templates), as the archive's is."""
    from material.plugins.projects.builder import _build
    from material.plugins.projects.builder.log import get_log_level_for
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.theme import Theme
    from mkdocs.utils import CountHandler

    get_env = Theme.get_env

    def get_env_kept(theme):
        env = get_env(theme)
        env.bytecode_cache = templates
        return env

    mkdocs_log = logging.getLogger("mkdocs")
    cwd, level, handlers = os.getcwd(), mkdocs_log.level, list(mkdocs_log.handlers)
    formatters = [(h, h.formatter) for h in handlers]
    plugins_option = MkDocsConfig.plugins
    plugin_cache = plugins_option.plugin_cache
    plugins_option.plugin_cache = {}
    mkdocs_log.handlers = [h for h in handlers if not isinstance(h, CountHandler)]
    if templates is not None:
        Theme.get_env = get_env_kept
    done: Future = Future()
    try:
        done.set_result(_build(project, serve, dirty, get_log_level_for(project)))
    except BaseException as error:  # noqa: BLE001 - handed on, as the pool hands on a worker's
        if not isinstance(error, Exception):
            raise
        done.set_exception(error)
    finally:
        Theme.get_env = get_env
        plugins_option.plugin_cache = plugin_cache
        os.chdir(cwd)
        mkdocs_log.setLevel(level)
        mkdocs_log.handlers = handlers
        for handler, formatter in formatters:
            handler.setFormatter(formatter)
    return done


def add_register(state: ArchiveState, files, config, cache: data.DataCache | None = None, kept=None) -> None:
    """The register across plans, as generated pages and downloads. The plans
    are built (Material's projects plugin, on_pre_build): their citing places
    are read from site/<id>/ (`kept`: those of unchanged plans, kept from an
    earlier build, register.load)."""
    site_dir = state.site_dir or Path(config["site_dir"])
    reg = archive_register.load(state.plans, site_dir, cache, kept)
    state.register = reg
    section = settings.REGISTER_SECTION
    docs = Path(config["docs_dir"]).name
    generated = [(register_html.OVERVIEW, register_html.overview_markdown(reg))]
    generated += [(f"{section}/{d.id}.md", register_html.entry_markdown(d)) for d in reg.documents]
    generated += [(f"{section}/{register_html.JSON_NAME}", register_downloads.to_json(reg, config["site_name"])),
                  (f"{section}/{register_html.CSV_NAME}", register_downloads.to_csv(reg))]
    for src, content in generated:
        if files.get_file_from_path(src) is not None:
            raise SiteError(
                f"{docs}/{src}", None,
                f"Tệp {docs}/{src} trùng địa chỉ với trang tự tạo của danh mục văn bản chung.",
                f"{docs}/{src} would replace a generated page of the archive's register.",
                f"xóa tệp {docs}/{src}: danh mục chung được tạo từ data/register.yml của các kế hoạch.",
                f"delete {docs}/{src}: the archive's register is generated from the plans' data/register.yml.",
            )
        files.append(File.generated(config, src, content=content, inclusion=InclusionLevel.NOT_IN_NAV))
    log.info("Danh mục văn bản chung: %d văn bản, %d mục của %d kế hoạch, %d chỗ trích dẫn.",
             len(reg.documents), reg.entry_count, len(reg.plans), reg.place_count)


def check_register_page(html: str, page, reg: archive_register.ArchiveRegister, docs: str) -> None:
    """A page of the archive's register is made of what the plans' data and
    pages hold: it meets the HTML allow-list and the rule for ids and titles
    that every plan page meets (kehoach/checks/), a refusal naming the plans'
    register files. The overview's filter (a form and its script, written by
    register_html.py, none of it markup from data) is left out of the judging."""
    root = htmltree.parse(html)
    for el in list(htmltree.elements(root)):
        if (el.tag == "form" and "kh-register-filter" in htmltree.classes(el)) or (
                el.tag == "script" and (el.get("src") or "").endswith(register_html.FILTER_SCRIPT)):
            htmltree.remove(el)
    sources = [(f"plans/{p.id}/data/register.yml",
                lambda p=p: (p.folder / "data" / "register.yml").read_text(encoding="utf-8")) for p in reg.plans]
    rel = f"{docs}/{page.file.src_uri}"
    html_allowlist.check(htmltree.serialize(root), sources, rel, root=root)
    attributes.check(root, page.toc, sources, rel)


def plan_config(project, root) -> None:
    """Material's projects plugin `projects_config_transform`: called for each plan
    before it is built (in the main process, before its address and output folder
    are worked out). Its configuration's path is made absolute: the plugin
    changes into the plan's folder before checking it, and a path relative to the
    archive (from `mkdocs build -f mkdocs.yml`) would then point nowhere."""
    project.config.config_file_path = os.path.abspath(project.config.config_file_path)
    # The plan is published where the archive puts it, <archive site_url>/<id>/: the
    # plugin derives that from the plan's folder when the plan names no address.
    project.config.site_url = None
    # Its pages link back to the archive's home (overrides/partials/header.html): only
    # when the archive builds it, so a plan built alone links to no page it lacks.
    project.config.extra["in_archive"] = True
    # The plan's pages link to the archive's search (overrides/partials/search.html),
    # relative to the plan's root; not when the plan is built alone or offline.
    project.config.extra["kh_archive_search"] = "../tim-kiem/"


def clean_site(site: Path, keep: set[str] = frozenset()) -> None:
    """Empty the output folder before the plans are built into it (only a folder
    MkDocs wrote: it holds assets/); the folders named in `keep` (plans' folders,
    which the CachingBuilder keeps, restores or removes) are left."""
    if site.is_dir() and (site / "assets").is_dir():
        for entry in site.iterdir():
            if entry.name in keep and entry.is_dir() and not entry.is_symlink():
                continue
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()


def keep_old_addresses(site: Path, plan_id: str, site_url: str | None) -> int:
    """Before the archive, the plan `plan_id` was the site: its pages were at the
    root. Each old page address gets a page that sends the reader to the page's
    new address (site/<plan_id>/...), and each download is copied to its old
    address. Returns the number of redirect pages written."""
    plan_site = site / plan_id
    written = 0
    for path in sorted(plan_site.rglob("*")):
        rel = path.relative_to(plan_site).as_posix()
        if path.is_dir() or _owned_by_archive(rel):
            continue
        old = site / rel
        if rel.split("/", 1)[0] in COPIED_FOLDERS:
            old.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, old)
        elif rel.endswith("index.html") and not old.exists():
            depth = rel.count("/")
            target = "../" * depth + f"{plan_id}/" + rel.removesuffix("index.html")
            canonical = posixpath.join(site_url, plan_id, rel.removesuffix("index.html")) if site_url else None
            old.parent.mkdir(parents=True, exist_ok=True)
            old.write_text(archive_html.redirect_page(target, canonical), encoding="utf-8")
            written += 1
    return written


def _owned_by_archive(rel: str) -> bool:
    return any(rel == owned or (owned.endswith("/") and rel.startswith(owned)) for owned in ARCHIVE_OWNED)
