"""The third-party internals this site patches, overrides or relies on: one list.

Each `Patch` names one upstream thing (a Python function or class as
"module:qualname", or a theme file as "material/templates/..."), the
distribution and the exact version it was read against (the pins of
requirements.in), the files of ours that patch, override or rely on it, why,
and the sha256 of the upstream source we read. tests/test_patches.py fails
when the installed version or that source changes: re-read the upstream
thing, re-check the files named in `ours`, then update `version` and `sha256`
here (`upstream_sha256` computes it).

The hash is of the upstream text itself, read from the installed file (so a
patch already installed in this process cannot hide a change): for Python,
the source segment of the def/class (decorators excluded); for a theme file,
its raw bytes.
"""
from __future__ import annotations

import ast
import hashlib
import importlib.util
from dataclasses import dataclass
from pathlib import Path

MKDOCS = ("mkdocs", "1.6.1")
MATERIAL = ("mkdocs-material", "9.8.1")
MACROS = ("mkdocs-macros-plugin", "1.5.0")


@dataclass(frozen=True)
class Patch:
    upstream: str          # "package.module:Qual.name" or "material/templates/partials/x.html"
    distribution: str      # as pip names it
    version: str           # the version `sha256` was taken from
    ours: tuple[str, ...]  # our files that patch, override or rely on it
    why: str
    sha256: str
    replaces: str = ""     # "module:name" our code assigns (a monkeypatch), if any

    @property
    def is_python(self) -> bool:
        return ":" in self.upstream


def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise LookupError(f"{name} is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


def upstream_source(patch: Patch) -> bytes:
    """The upstream text `patch.sha256` is taken of, read from the installed files."""
    if not patch.is_python:
        top, _, rest = patch.upstream.partition("/")
        return (_package_dir(top) / rest).read_bytes()
    module, _, qualname = patch.upstream.partition(":")
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        raise LookupError(f"{module} is not installed")
    source = Path(spec.origin).read_text(encoding="utf-8")
    body: list[ast.stmt] = ast.parse(source).body
    node = None
    for part in qualname.split("."):
        node = next((n for n in body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
                     and n.name == part), None)
        if node is None:
            raise LookupError(f"{patch.upstream}: no '{part}' in {spec.origin}")
        body = node.body
    return (ast.get_source_segment(source, node) or "").encode("utf-8")


def upstream_sha256(patch: Patch) -> str:
    return hashlib.sha256(upstream_source(patch)).hexdigest()


def _theme(path: str, ours: str, why: str, sha256: str) -> Patch:
    return Patch(f"material/templates/{path}", *MATERIAL, (ours,), why, sha256)


PATCHES: tuple[Patch, ...] = (
    # --- Material's projects plugin (the archive: kehoach/archive/) -----------
    Patch("material.plugins.projects.builder:ProjectsBuilder._schedule", *MATERIAL,
          ("kehoach/archive/build.py",),
          "CachingBuilder._schedule restores a plan whose inputs did not change and records a done "
          "Future for it in `self.pool_jobs` (as a built project's), adding the project to "
          "`self.projects` first, as this does; other plans go to this method.",
          "698ee613353a5936ec640aeecee70d8a5a3e8f82a9ff53b3829ad707df74c3df"),
    Patch("material.plugins.projects.builder:ProjectsBuilder.build", *MATERIAL,
          ("kehoach/archive/build.py",),
          "CachingBuilder.build calls this, which takes its queue from `self.root.jobs()` (CachingBuilder "
          "keeps that list), runs `_setup` for every plan of it (site_dir, site_url) before scheduling the "
          "first and raises when a plan fails; after it returns, every plan was built or restored. A "
          "pool it never submits to starts no process.",
          "9fd1a688269b16f4a4cd22cc7af6a6f6638573f882cbea547b5790543329d6de"),
    Patch("material.plugins.projects.builder:_build", *MATERIAL,
          ("kehoach/archive/build.py",),
          "CachingBuilder builds the one plan to build of a rebuild with this in the archive's own "
          "process (`_build_here`), as a worker would: it changes into the plan's folder, sets the "
          "`mkdocs` logger's level and its handlers' formatter, removes the last handler, runs the "
          "plan's startup, build and shutdown events and returns (slug, errors, warnings); "
          "`_build_here` puts the working folder, level, handlers and formatters back.",
          "de05e1ff6d35d5668881ba25e0c66e60cd601d1c92c6d31e4674d54e45789642"),
    Patch("mkdocs.config.config_options:Plugins.load_plugin", *MKDOCS,
          ("kehoach/archive/build.py",),
          "reuses the plugin instance kept in `self.plugin_cache` (one dict per option object, and the "
          "`plugins` option is one object for every MkDocsConfig of the process) under the plugin's "
          "name: `_build_here` gives a plan built in the archive's process an empty cache, or it would "
          "get the archive's projects plugin and its builder.",
          "7069f2a494635eb2717f8cc813c02a699e8295250433cf834fbd2e3897f4c41b"),
    Patch("mkdocs.theme:Theme.get_env", *MKDOCS,
          ("kehoach/archive/build.py", "kehoach/preview/build.py"),
          "makes a build's Jinja environment (loader, filters, translations) and returns it; "
          "`_build_here` wraps it, for the one plan built in the archive's process, to give the "
          "environment a bytecode cache (kehoach/archive/cache.py `templates`), as the archive's "
          "on_env gives its own. Under serve only, ThemeEnvironments replaces it (class-wide, in the "
          "serving process): each environment gets the session's bytecode cache, and its "
          "FileSystemLoader one of the same search path, encoding and followlinks whose "
          "list_templates is kept while the theme folders are unchanged.",
          "29bc0b6d08d5910d9d40416b69380816a57a3eb541b18f1b04364643af70cc94",
          replaces="mkdocs.theme.Theme:get_env"),
    Patch("material.plugins.projects.plugin:ProjectsPlugin.on_config", *MATERIAL,
          ("kehoach/archive/build.py",),
          "makes the builder (`self.builder`) of the top-level project, once, in its on_config, and "
          "walks its root's jobs() reading only each job's config path and slug (for its manifest); "
          "the archive's on_config runs after it (hooks after plugins) and swaps it for the "
          "CachingBuilder under `mkdocs build`, handing it those jobs; it also disables MkDocs' cleaning of the site folder (utils.clean_directory), "
          "which the archive does itself (clean_site).",
          "3834eeaff70af1fc48c8c563a06c4dc93a76e7b638ed0d5eaf08eb25693d455d",
          replaces="material.plugins.projects.plugin:ProjectsPlugin.builder"),
    Patch("material.plugins.projects.structure:Project.jobs", *MATERIAL,
          ("kehoach/patches/plan_configs.py", "kehoach/archive/build.py"),
          "a generator of ProjectJob(project, dependencies) resolving each plan's Project (its "
          "configuration) as it goes; keep_last_jobs replaces it (class-wide, in the archive's process "
          "under `mkdocs build`) with one that makes the whole list and leaves it on the project, which "
          "use_cache hands to the CachingBuilder: the same jobs, resolved once per build.",
          "8051e603f46c10902a81b57ef50645d7ae02915ad891ca45426246b93dfab18c",
          replaces="material.plugins.projects.structure.Project:jobs"),
    Patch("material.plugins.projects.structure:Project._resolve_config", *MATERIAL,
          ("kehoach/patches/plan_configs.py",),
          "reads a plan's mkdocs.yml into a MkDocsConfig with MkDocsConfig.load_file (yaml_load on the "
          "loader of get_yaml_loader, bound to that config); plan_configs.install replaces it, in the "
          "archive's process, with the same read on libyaml's yaml.CLoader, falling back to this one "
          "when libyaml refuses the file.",
          "94367a73992029216a62502560276e2912e426c92953d394f8ffab729a900d06",
          replaces="material.plugins.projects.structure.Project:_resolve_config"),
    Patch("mkdocs.utils.yaml:yaml_load", *MKDOCS,
          ("kehoach/patches/plan_configs.py",),
          "loads with the loader it is given (a class of get_yaml_loader), merges the INHERIT parent "
          "read with the same loader, and turns a YAMLError into a ConfigurationError.",
          "938f471772e31f8f69f3c5528f8eafb3728fcd8aaa0dc4f24974bef527e26fb6"),
    Patch("mkdocs.utils.yaml:get_yaml_loader", *MKDOCS,
          ("kehoach/patches/plan_configs.py",),
          "derives MkDocs' loader from the class it is given (yaml.Loader by default) and adds the "
          "!ENV and !relative constructors: given yaml.CLoader, the same constructors on libyaml.",
          "cea0971211805157f4845cdd1a6f7234c38c14fedf6d3716ae18a935fe4bde2c"),
    Patch("material.plugins.projects.builder:_setup", *MATERIAL,
          ("kehoach/archive/build.py",),
          "calls `projects_config_transform` (our plan_config: an absolute config path, no site_url of the "
          "plan's own) before it works out the plan's address and output folder from the archive's.",
          "86a37a48b8948adf5918267933447154e9e449190e660ea9fbcfe3bc268eb4d1"),
    # --- mkdocs-macros-plugin -------------------------------------------------
    Patch("mkdocs_macros.plugin:MacrosPlugin.render", *MACROS,
          ("kehoach/checks/templates.py", "kehoach/checks/macro_calls.py", "kehoach/checks/build.py"),
          "templates.py replaces this plugin instance's `render(markdown, force_rendering)` with a guard "
          "that refuses any Jinja but site-macro calls (build.py wraps it once more, so that the guard's "
          "SiteError leaves as an engine error); macro_calls.py relies on its `except` block "
          "calling the module name `format_error(error, markdown, page)` before `exit()`.",
          "5e090045f211b327e3b90e956f0ba048b8f4b696fcc3f7cd2953e87ba28510d8", replaces="mkdocs_macros.plugin:MacrosPlugin.render"),
    Patch("mkdocs_macros.plugin:MacrosPlugin.on_page_markdown", *MACROS,
          ("kehoach/checks/templates.py",),
          "sets `self._page` before calling `self.render` for the page's Markdown and title; the guard "
          "reads `plugin._page` to know which page it renders.",
          "5aee164581f74f84f426fd3319b48fef9c4262034b89862cf4242a7f74d705dc"),
    Patch("mkdocs_macros.plugin:MacrosPlugin.has_j2", *MACROS,
          ("kehoach/checks/templates.py",),
          "the guard skips text where this finds no Jinja, as `render` itself does.",
          "39db57a518fc5c2039290ba65c542ffbd0c9b5858a427fc64dda99f6c68e3638"),
    Patch("mkdocs_macros.errors:format_error", *MACROS,
          ("kehoach/checks/macro_calls.py", "kehoach/checks/build.py"),
          "`MacroErrors.raise_site_error`, bound to one build's macros and docs folder (made anew by "
          "each build's `route_macro_errors` in checks/build.py), takes its place in mkdocs_macros.plugin "
          "with the same arguments (error, markdown, page) and raises our SiteError (as an engine error) "
          "instead of formatting a traceback.",
          "de3408934a8073cd9248bf4375ed0af5db58a2d0f4ece545fbb87f6bafd29250", replaces="mkdocs_macros.plugin:format_error"),
    Patch("mkdocs_macros.util:is_on_pypi", *MACROS,
          ("kehoach/patches/lazy_imports.py",),
          "the one user of the module-level `import requests` of mkdocs_macros/util.py; we never call it, "
          "so `requests` is made lazy (imported on first use) before the plugin loads.",
          "7383fd1629911c013d6b168efddb7fdc99edaa58ffa467682cebbe2b7c73a8aa"),
    Patch("mkdocs_macros.context:get_git_info", *MACROS,
          ("kehoach/patches/macros_git.py", "kehoach/patches/lazy_imports.py"),
          "replaced by `no_git_info`: no `git` command per build, no committer e-mail within reach. "
          "It is the one user of the module-level `from dateutil.parser import parse` of "
          "mkdocs_macros/context.py, which lazy_imports therefore hands a stand-in that imports "
          "dateutil.parser when called.",
          "a3457fe68551305230a1d348b4dacd8dab9f4864d68cce87b4d23d376445750b", replaces="mkdocs_macros.context:get_git_info"),
    Patch("super_collections:SuperDict.to_hjson", "super-collections", "0.6.2",
          ("kehoach/patches/lazy_imports.py",),
          "with SuperList.to_hjson, the one user of super_collections' module-level `import hjson` "
          "(the str() of mkdocs-macros' variables); no build of ours calls it, so `hjson` is made "
          "lazy before mkdocs-macros loads.",
          "a66ed03f82a2c808171a57d10846d404706a405e87c28ce44eaa717d34042d04"),
    Patch("super_collections:SuperList.to_hjson", "super-collections", "0.6.2",
          ("kehoach/patches/lazy_imports.py",),
          "as SuperDict.to_hjson: the other user of `import hjson`.",
          "a66ed03f82a2c808171a57d10846d404706a405e87c28ce44eaa717d34042d04"),
    Patch("mkdocs_macros.context:define_env", *MACROS,
          ("kehoach/patches/macros_git.py",),
          "calls `get_git_info()` by its module name during the plugin's on_config, so replacing the "
          "module attribute in on_startup takes effect.",
          "0e2947e939aad27dbf5a014f9798f93c52e8382c411594bcb90a057bda6ccc94"),
    # --- MkDocs ---------------------------------------------------------------
    Patch("mkdocs.structure.pages:_RelativePathTreeprocessor.path_to_url", *MKDOCS,
          ("kehoach/checks/links.py", "kehoach/checks/build.py"),
          "LinkWatch matches the exact text of its link warnings (\"Doc file '…' contains a link / an "
          "unrecognized relative link / an absolute link '…'\") on the logger of mkdocs.structure.pages "
          "(`log`, which checks/build.py hands to it).",
          "e543e27ffcc0e4c73a21e72695802f59a30a5e4036533da8e7dcb2546b103909"),
    Patch("mkdocs.structure.pages:Page.validate_anchor_links", *MKDOCS,
          ("kehoach/checks/links.py", "kehoach/anchors/build.py"),
          "check_anchors applies the same rule to the same data (`links_to_anchors`, "
          "`present_anchor_ids`) before MkDocs does, to name the line; anchors/build.py adds the "
          "blocks' addresses to `present_anchor_ids` at on_page_content (the set MkDocs filled from "
          "the Markdown), so a link to one passes both.",
          "f562c4ab7bfb33737dcfaee2ddde898966e096a9e5feac7a649986999ab2eb4f"),
    Patch("mkdocs.commands.build:build", *MKDOCS,
          ("kehoach/engine.py",),
          "prints a BuildError's message and stops with \"Aborted with a BuildError!\" (any other exception "
          "is a traceback): engine_errors turns our SiteError into a PluginError (a BuildError) there.",
          "3fa04ca44a418cb47342f6d7b45f29d491755dc09e1404e7b576b623ec12209f"),
    Patch("mkdocs.commands.build:_populate_page", *MKDOCS,
          ("kehoach/engine.py",),
          "quiet_mkdocs_prefix drops its bare \"Error reading page '…':\" line on the logger of "
          "mkdocs.commands.build.",
          "be86da21e59ee8a770fce48707ad8aadbededfcd4e395cc9e71f9fdd5d81bff8"),
    Patch("mkdocs.commands.build:_build_page", *MKDOCS,
          ("kehoach/engine.py",),
          "quiet_mkdocs_prefix drops its bare \"Error building page '…':\" line.",
          "80bd787698f063788efb27a07fc674c994fd997c70416aadaab03fb7ddf8a583"),
    Patch("mkdocs.commands.build:build", *MKDOCS,
          ("kehoach/preview/build.py",),
          "on a BuildError it logs the message (once per process: DuplicateFilter on its logger) and "
          "raises Abort from within its `except`, so the error page finds the message on the "
          "exception's __context__; a --dirty build logs a warning, which strict mode aborts on.",
          "3fa04ca44a418cb47342f6d7b45f29d491755dc09e1404e7b576b623ec12209f"),
    Patch("mkdocs.commands.serve:serve", *MKDOCS,
          ("kehoach/preview/build.py",),
          "runs the first build before on_serve (a failure there would stop serving): it calls the "
          "module's `build`, which cover_first_build wraps for that one call; its error_handler "
          "serves the site folder's 404.html for a missing address, which the error page relies on.",
          "5895ed345e23644dce31a5d6f0031aa6e08f2c377c8bdb8c853778a10ddd1acf",
          replaces="mkdocs.commands.serve:build"),
    Patch("mkdocs.livereload:LiveReloadServer.__init__", *MKDOCS,
          ("kehoach/preview/build.py",),
          "the attributes on_serve uses: `builder` (replaced on this instance), `root`, `mount_path`, "
          "and `observer`, a watchdog PollingObserver whose `_timeout` (and its emitters') poll_faster "
          "lowers; were watchdog to rename it, the preview only polls at MkDocs' 0.5 s again. Each "
          "emitter takes its `_lock` around a snapshot: QuietWhileBuilding holds them during a rebuild "
          "(without it the watchers only poll during rebuilds again).",
          "184ea78d7bc5687c5018d5ed6ed7ef06919760c1b09521ad92ceadd282088757"),
    Patch("mkdocs.livereload:LiveReloadServer.shutdown", *MKDOCS,
          ("kehoach/preview/build.py",),
          "under serve, SiteInMemory replaces it on the server instance: it runs upstream's, then turns "
          "the served folder (a link to the site in memory) back into an empty folder, which "
          "mkdocs.commands.serve:serve removes after calling shutdown(), and removes the folder in memory.",
          "552db2dc63fa6125c0fcf4896cee1ff8bc41f1f57f6203959737a9141d68ba9e",
          replaces="mkdocs.livereload:LiveReloadServer.shutdown"),
    Patch("mkdocs.utils:clean_directory", *MKDOCS,
          ("kehoach/preview/build.py",),
          "under serve only, KeptFolders replaces it (module-wide, in the serving process; build() "
          "calls it as utils.clean_directory): files removed, folders kept, hidden top-level entries "
          "kept as upstream; the serve builder then removes the folders the build left empty.",
          "6ad7ffa199d04173191cfee87844832901edd46dc5fc2a3cd0c4b0bb84ef7e99",
          replaces="mkdocs.utils:clean_directory"),
    Patch("mkdocs.structure.pages:Page.render", *MKDOCS,
          ("kehoach/preview/build.py",),
          "under serve only, RenderedPages replaces it (class-wide, in the serving process) and keeps "
          "what it sets (content, toc, _title_from_render, present_anchor_ids, links_to_anchors) keyed "
          "by all it reads: markdown, the file's src_uri/url/dest_uri/inclusion, every file's "
          "src_uri/url/inclusion, markdown_extensions, mdx_configs, use_directory_urls, "
          "validation.links and the log level; its _RelativePathTreeprocessor and the other "
          "treeprocessors it registers read nothing else.",
          "463291cbd17a84bfbf6493bc925c2c97c2e940c93c8d768e0d0e4738a81d8916",
          replaces="mkdocs.structure.pages.Page:render"),
    Patch("mkdocs.livereload:LiveReloadServer._build_loop", *MKDOCS,
          ("kehoach/preview/build.py",),
          "sets `_wanted_epoch` and then calls `self.builder()`; a builder that raises leaves every "
          "request waiting, so ours writes the error page and returns normally. It waits for "
          "`build_delay` seconds without a change before building, which poll_faster lowers.",
          "419f2b7fd806ae47a3de5fd8d0e4a311d9dfb2f1fad479db090acafb69275b93",
          replaces="mkdocs.livereload:LiveReloadServer.builder"),
    Patch("mkdocs.structure.files:Files.add_files_from_theme", *MKDOCS,
          ("kehoach/preview/build.py", "kehoach/archive/build.py", "kehoach/archive/alone.py"),
          "under serve, in the archive's process (its pages and the plan it builds itself), and in a "
          "plan's `mkdocs build` alone with the cache, "
          "ThemeFiles replaces it (class-wide, in that process): the list of (path, theme folder) it "
          "finds on an empty Files is kept while the theme folders, compared as real paths, are "
          "unchanged (installed packages: for the process; a project folder: listed again each build), "
          "then each path not in docs/ is added as a File of that folder as the building configuration "
          "names it, as this does.",
          "d0957d978590585bbf83714e56a311805206942f539f2141094b5890fda5895a",
          replaces="mkdocs.structure.files.Files:add_files_from_theme"),
    Patch("mkdocs.livereload:LiveReloadServer._serve_request", *MKDOCS,
          ("kehoach/preview/html.py",),
          "GET /livereload/<epoch>/<id> answers with the newest built epoch once it is newer than "
          "<epoch> (or after a minute): the reload script (our CSP blocks the inline one injected here) "
          "polls it.",
          "843c3770c18d8b26154cc46e38b0836e6acdcc8f1c99d5785204efbf5e30307c"),
    # --- Material: plugins ------------------------------------------------------
    Patch("material.plugins.search.plugin:SearchPlugin.on_post_build", *MATERIAL,
          ("kehoach/search/index.py",),
          "writes search/search_index.json, which `rewrite` then edits (footnote entries).",
          "185af17baaeff1c83aefd6f453842df778e14c72e9353fc007863d585231276a"),
    Patch("material.plugins.search.plugin:SearchIndex.add_entry_from_context", *MATERIAL,
          ("kehoach/preview/build.py",),
          "under serve only, SearchEntries replaces it (class-wide, in the serving process) and keeps "
          "each page's entries, keyed by all it and create_entry_for_section read of the page: url, "
          "title, content, toc (id, url, title, children), meta search/title/tags; it appends to "
          "`self.entries` only.",
          "28cd37288ddde4abd44a7fe02b0647935794171d55f57e49889fc792662d795b",
          replaces="material.plugins.search.plugin.SearchIndex:add_entry_from_context"),
    Patch("material.plugins.search.plugin:SearchIndex.create_entry_for_section", *MATERIAL,
          ("kehoach/preview/build.py",),
          "what SearchEntries' key must cover: it reads the toc's id and url, the page's meta (title, "
          "tags, search) and title, and the module's `jieba` (not installed).",
          "c9bbdc92a0193b9c5b1d8231c2f040fbd4dd727954a8c45b2be9642ea0785783"),
    Patch("material.plugins.search.plugin:Parser", *MATERIAL,
          ("kehoach/search/index.py",),
          "skips elements with `data-search-exclude` and keeps only the text of table cells: "
          "exclude_footnotes and separate_cells are written for this behaviour.",
          "77e43ba76fb477739ddd7dc2f8c12e811f0410e64cd1cb8ab5d73c67b865437f"),
    Patch("material.plugins.offline.plugin:OfflinePlugin", *MATERIAL,
          ("kehoach/exports/offline.py", "kehoach/exports/vendor/iframe-worker-shim.js",
           "kehoach/readers/csp.py", "mkdocs-plan.yml"),
          "on_config adds a CDN iframe-worker shim unless extra.polyfills already names one with "
          "\"iframe-worker\" (ours, vendored, allowed by hash in the CSP); on_post_build writes "
          "search/search_index.js from search_index.json.",
          "02396cba3628478762852cb03ce14855435f533a81c62eb67cdf81f6bc116744"),
    # --- Material: theme files ------------------------------------------------
    _theme("base.html", "overrides/main.html",
           "main.html extends it (blocks htmltitle, extrahead, scripts...); its inline scripts are "
           "hashed per page into the CSP by kehoach/readers/csp.py.", "8536d352b0093623df9e0032894f321cbe264b15a9b48cdd962583772455dadb"),
    _theme("404.html", "overrides/404.html", "replaced by ours (links from the site's root).", "80c93494b5432b1bcdf292caeb67a0653c45b37372f49e08ad4a70ca695a7495"),
    _theme("partials/actions.html", "overrides/partials/actions.html",
           "replaced: the edit button shows its words.", "1bcd66d6f428194e9b9842764f0a5f7a5b3679d008e9d2e5b75b5ba344c39073"),
    _theme("partials/copyright.html", "overrides/partials/copyright.html",
           "Material's copy plus a link to the glossary (a plan's, not on the archive's pages: "
           "extra.is_archive).", "bc86bca3bf75070fe5d72e2a3463bdddf87c10f4d6459c945fe81c5d384e35ea"),
    _theme("partials/header.html", "overrides/partials/header.html",
           "Material's copy plus, on a plan built inside the archive (extra.in_archive), a link "
           "\"Kho kế hoạch\" back to the archive's home.",
           "8cf3fb15bcf969ff596649616fd99366b3c31c08d57a86d05308efc16d8fa75f"),
    _theme("partials/nav-item.html", "overrides/partials/nav-item.html",
           "Material's copy with a name for the section toggle (aria-labelledby kept for its JS).", "89895208f22d68ce405a4bcb6649b9150eba5bbb04663a6cb3f93f02daf1d2f7"),
    _theme("partials/path.html", "overrides/partials/path.html",
           "Material's copy with its own landmark name.", "cbde0642861fe91597825d03c1c8cf6876f1fd079045579edea5bf578075d2ca"),
    _theme("partials/search.html", "overrides/partials/search.html",
           "Material's copy with an accessible name for the dialog; tim-kiem.js finds its input by "
           "data-md-component=search-query.", "bfd556535abcddb99396ab2a7e3acc2ebcd3f36756007d3969396caa4126be30"),
    _theme("partials/source-file.html", "overrides/partials/source-file.html",
           "replaced: the date from git (kehoach/readers/source.py), no Material plugin.", "ce5277decac9a8cf3cd44eaa490f010ae985d81ebf68b84239c02da6946718d0"),
    _theme("partials/source.html", "overrides/partials/source.html",
           "replaced by nothing: Material's fetches api.github.com from the reader's browser.", "6847616d67be4920d39c278c2799bf20222bbc02ee2a8393aca85e3eaa518752"),
    _theme("partials/toc.html", "overrides/partials/toc.html",
           "Material's copy whose title names the __toc checkbox only on pages in the navigation, "
           "which alone have it (a label for no control is invalid HTML).",
           "fde48f583563364b0e0e6865a5ab1e7060ec1826161f69f5cbee653e621b0f84"),
    _theme("partials/languages/vi.html", "overrides/partials/languages/vi.html",
           "Material's Vietnamese strings with some corrected.", "53aa292d745afb7b9d284bd05a4d473c927ee193709ffdae31bce9a7ca43e16c"),
    _theme("assets/javascripts/lunr/min/lunr.vi.min.js",
           "overrides/assets/javascripts/lunr/min/lunr.vi.min.js",
           "replaced by our Vietnamese word forms.", "2e39c3fd7305f6e66fc0424796a7696cb8e36dc0f5c3a83ea1bc44dfe3fecb56"),
    _theme("assets/javascripts/workers/search.a7633da7.min.js",
           "overrides/assets/javascripts/lunr/min/lunr.vi.min.js",
           "the search worker loads min/lunr.vi.min.js by importScripts for `lang: vi` and calls "
           "lunr.vi; our file keeps that name and that entry point. To keep the index in IndexedDB it "
           "also relies on the worker building it with one lunr(...) call (Builder add/build), answering "
           "SETUP with READY (1) before any QUERY (2), and posting each RESULT (3) through the global "
           "postMessage from its \"message\" listener.", "da1b3df5e5f00cc73083c9e21ff0ec28bde85cd247057bdd05b7a167e5903bd4"),
    _theme("assets/javascripts/bundle.a5f9d56c.min.js", "overrides/assets/javascripts/tim-kiem.js",
           "Material searches on keyup of the search input and ignores a value already searched; "
           "tim-kiem.js dispatches keyup after each input event and reads ?h= highlights.", "b9a1ef14b5e91ad61fa8d7dd42e1f55e6af0ebd224bc8970dff0e7d7311b172f"),
)
