"""Every MkDocs event the site uses, in the order MkDocs runs them; each only delegates.

The root hooks.py re-exports the `on_*` names below, which are the methods of
one `Dispatcher`; each lets our SiteError out as an error MkDocs prints without
a traceback (kehoach/engine.py). It makes one `BuildState` per build (kehoach/state.py),
for the build's config (`state_for`: mkdocs-macros' on_config asks first), and
hands it to the features, each in its own folder. What outlives builds is the
Dispatcher's: the data cache (kehoach/core/data.py DataCache), serve's templates. The events:

  on_startup        patches/macros_git: mkdocs-macros' `git` variable left empty
  on_config         state made; checks/: symlinks, data files, macro and link
                    errors routed to our messages, the Jinja guard; readers/:
                    edit link, site address, page dates; abbreviations/: the
                    list loaded; register/: addresses of the offline copy
  on_pre_build      where the site is written (removed again on failure)
  on_files          checks/: docs/ publishes only pages and images (and
                    the site's own docs/assets/); exports/: data downloads (du-lieu/);
                    changelog/: the change log page; opendata/: the whole
                    plan's downloads (du-lieu/toan-van.*); register/: one page
                    per cited document and its downloads
  on_nav            register/: the reading order, for back-links
  -- for each page --
  on_pre_page       checks/: the file as saved, macro calls that name data
  on_page_markdown  plan/: footnotes; readers/: edit links and the date the
                    page or its data changed; changelog/: that date linked to
                    the page's changes
  on_page_content   checks/: dead links; the page's HTML parsed once
                    (core/htmltree.py), the site's chrome told apart from
                    what the page wrote (core/chrome.py), and that one tree
                    handed on: plan/: no
                    code block on a plan page (an indented paragraph);
                    anchors/: every block's address and copy control;
                    register/: citations linked; abbreviations/: marked;
                    readers/: description, captions, cell labels, skip link,
                    title; search/: footnote entries, table cells kept
                    apart; the tree written back once; checks/: the HTML
                    allow-list on that, last
  -- once every page is rendered, none written --
  on_env            checks/: dead anchors; abbreviations/: glossary filled;
                    register/: entries cited, "Được trích dẫn tại", overview,
                    downloads; then each page filled in late parsed once:
                    abbreviations/: the register's pages marked; readers/:
                    captions and cell labels of the new tables;
                    changelog/: the change log filled in, allow-listed;
                    plan/: the plan's words held to record/; opendata/: the
                    plan pages' final trees as the whole plan's JSON and CSV,
                    checked against their schema
                    readers/: the inline scripts our templates write, known
                    (rendered once) for the Content-Security-Policy
  -- for each page, as it is written --
  on_page_context   search/: a page changed since on_page_content prepared
                    again on its tree, parsed once (before the search plugin
                    reads the page: priority 50); exports/: the print
                    page filled with the whole plan, its abbreviations
                    marked, then allow-listed
  on_post_page      readers/: the Content-Security-Policy of the page;
                    preview/: under serve, the script that reloads it
  on_post_template  readers/: the same for 404.html
  on_post_build     search/: footnote entries added to the index; exports/:
                    the PDF and the offline copy
  on_build_error    checks/: the half-written site removed
  on_serve          preview/: (mkdocs serve, after the first build) a failed
                    rebuild writes an error page in place of every page
"""
from __future__ import annotations

import gc
from pathlib import Path

from mkdocs.plugins import event_priority

from kehoach.abbreviations import build as abbreviations
from kehoach.archive.alone import KeptEngineWork
from kehoach.anchors import build as anchors
from kehoach.engine import engine_errors
from kehoach.changelog import build as changelog
from kehoach.checks import build as checks
from kehoach.core import chrome, data, htmltree
from kehoach import settings
from kehoach.exports import build as exports
from kehoach.exports import fullplan, names
from kehoach.opendata import build as opendata
from kehoach.patches import macros_git
from kehoach.plan import build as plan
from kehoach.preview import build as preview
from kehoach.readers import build as readers
from kehoach.register import build as register
from kehoach.search import build as search
from kehoach.state import BuildState


def _docs_of(config, root: Path) -> str:
    try:
        return Path(config["docs_dir"]).resolve().relative_to(root).as_posix()
    except ValueError:
        return Path(config["docs_dir"]).name


class Dispatcher:
    def __init__(self) -> None:
        self.command = "build"
        self.dirty = False
        self.state: BuildState | None = None
        self.config = None  # the config `state` was made for
        self.data_cache = data.DataCache()  # validated data files, kept across serve's rebuilds
        self.server = None  # MkDocs' live-reload server, under `mkdocs serve` (on_serve)
        self.templates = preview.TemplateCache()  # compiled theme templates, kept across serve's rebuilds
        self.engine_work = KeptEngineWork()  # the same, kept across `mkdocs build` processes of a plan alone
        self.frozen = False  # gc.freeze() done (on_startup: once per process)

    def state_for(self, config) -> BuildState:
        """The state of the build of `config`, made on first asking: mkdocs-macros'
        on_config (which registers the macros, kehoach/macros.py) runs before ours."""
        if self.state is None or self.config is not config:
            project = data.Project.of(config, self.data_cache)  # data/ and schemas/ next to the mkdocs.yml
            state = BuildState(project=project, docs=_docs_of(config, project.root),
                               command=self.command, dirty=self.dirty)
            state.carry_over(self.state)
            self.state, self.config = state, config
        return self.state

    @engine_errors
    def on_startup(self, command, dirty):
        self.command, self.dirty = command, dirty
        if not self.frozen:
            # What is loaded by now (MkDocs, Material, the plugins, our code, the config) lives
            # as long as the process: left out of the garbage collector's full passes, which
            # would otherwise walk it all again (about 15 ms of CPU per build process).
            gc.freeze()
            self.frozen = True
        macros_git.install()  # before mkdocs-macros' on_config fills its `git` variable
        if command == "serve":
            preview.cover_first_build()  # a site broken at start is served as its error page

    @engine_errors
    def on_config(self, config):
        state = self.state_for(config)
        checks.on_config(state, config)  # every data file valid
        state.site = settings.load_site(state.project)
        names.name(config)  # the downloads' file name, checked before any page links to it
        exports.on_config(config)
        self.engine_work.on_config(config, self.command)  # what the build's cache keeps, if it may
        readers.on_config(state, config, self.engine_work.git_log)
        abbreviations.on_config(state)
        register.on_config(state.register, config, state.project, state.site, state.docs)
        return config

    @engine_errors
    def on_pre_build(self, config):
        self.state.site_dir = Path(config["site_dir"])

    @engine_errors
    def on_files(self, files, config):
        checks.on_files(self.state, files, config)  # before the build adds its own files
        files = exports.add_data_downloads(self.state, files, config)
        files = changelog.on_files(self.state, files, config)
        files = opendata.on_files(files, config)
        return register.on_files(self.state.register, files, config)

    @engine_errors
    def on_nav(self, nav, config, files):
        register.on_nav(self.state.register, nav)
        return nav

    @engine_errors
    def on_pre_page(self, page, config, files):
        checks.on_pre_page(self.state, page)
        return page

    @engine_errors
    def on_page_markdown(self, markdown, page, config, files):
        plan.on_page_markdown(self.state, markdown, page)
        readers.on_page_markdown(self.state, page)
        changelog.on_page_markdown(self.state, page, config)
        return markdown

    @engine_errors
    def on_page_content(self, html, page, config, files):
        checks.on_page_content(self.state, page)
        root = htmltree.parse(html)  # the page's one tree: every pass below works on it
        chrome.own(root)  # reserved attributes a page wrote dropped, before any pass reads them
        plan.check_no_code_block(self.state, root, page)
        anchors.on_page_content(self.state, root, page)  # before the register's back-links name them
        register.on_page_content(self.state.register, root, page)
        abbreviations.on_page_content(self.state, root, html, page)
        readers.on_page_content(root, page, config)
        search.on_page_content(self.state, root, page)
        html = htmltree.serialize(root)
        search.prepared(self.state, page, html)
        self.state.trees.keep(page.url, html, root)
        checks.check_html(self.state, html, page, root)
        return html

    @engine_errors
    def on_env(self, env, config, files):
        self.engine_work.on_env(env)
        checks.on_env(self.state, files)
        abbreviations.on_env(self.state)
        register.on_env(self.state.register, config, files, check=not self.state.dirty)
        for file in files.documentation_pages():  # content filled in above: one tree per page
            page = file.page
            if page is None or not page.content:
                continue
            filled_in = file.src_uri.startswith(register.SECTION + "/")  # the register's pages, now complete
            if not filled_in and "<table" not in page.content:  # glossary, overview: tables new
                continue
            root = self.state.trees.of(page.url, page.content)
            changed = abbreviations.mark_filled_in(self.state, root) if filled_in else False
            changed |= readers.caption_tables(root)
            if changed:
                page.content = htmltree.serialize(root)
                self.state.trees.keep(page.url, page.content, root)
        changed_page = changelog.on_env(self.state, config, files)  # the change log filled in
        if changed_page is not None:
            root = htmltree.parse(changed_page.content)
            if abbreviations.mark_filled_in(self.state, root):  # page names hold abbreviations too
                changed_page.content = htmltree.serialize(root)
            self.state.trees.keep(changed_page.url, changed_page.content, root)
            checks.check_html(self.state, changed_page.content, changed_page, root)
        plan.check_record(self.state, files)  # the plan's pages as readers get them
        opendata.on_env(self.state, config, files)  # the same pages' final trees, as open data
        readers.on_env(self.state, env, config)  # the inline scripts our templates write
        if self.state.command == "serve":
            preview.on_env(env, self.templates)
        return env

    @engine_errors
    @event_priority(50)  # the search plugin indexes the page at priority 0
    def on_page_context(self, context, page, config, nav):
        search.on_page_context(self.state, page)
        # After the above: the print page is only its placeholder then, so it adds
        # no footnote entries (it is kept out of search anyway).
        if page.file.src_uri == fullplan.PRINT_PAGE:  # its appendix is new; its sources were checked, so is the copy
            root = exports.fill_print_page(self.state, page, config, nav)
            abbreviations.mark_filled_in(self.state, root)
            page.content = htmltree.serialize(root)
            checks.check_html(self.state, page.content, page, root)
        return context

    @engine_errors
    def on_post_page(self, output, page, config):
        output = readers.on_post_page(self.state, output, page, exports.shim_for(config))
        if self.state.command == "serve":
            output = preview.on_post_page(output, config, self.server)
        return output

    @engine_errors
    def on_post_template(self, output_content, template_name, config):
        return readers.on_post_template(self.state, output_content, template_name, exports.shim_for(config))

    @engine_errors
    def on_post_build(self, config):
        search.on_post_build(self.state, config)
        exports.on_post_build(self.state, config)
        self.engine_work.on_post_build()
        if self.state.command == "serve":
            preview.on_post_build(Path(config["site_dir"]))

    def on_serve(self, server, config, builder):
        self.server = server
        preview.on_serve(server)
        return server

    @engine_errors
    def on_build_error(self, error):
        # Called for `mkdocs build` and `mkdocs serve` alike.
        if self.state is None or self.state.command != "serve":
            # Under serve the preview's error page empties the served folder (a link to
            # the site in memory, kehoach/preview/build.py) itself.
            checks.remove_half_built_site(self.state.site_dir if self.state else None)


dispatcher = Dispatcher()

on_startup = dispatcher.on_startup
on_config = dispatcher.on_config
on_pre_build = dispatcher.on_pre_build
on_files = dispatcher.on_files
on_nav = dispatcher.on_nav
on_pre_page = dispatcher.on_pre_page
on_page_markdown = dispatcher.on_page_markdown
on_page_content = dispatcher.on_page_content
on_env = dispatcher.on_env
on_page_context = dispatcher.on_page_context
on_post_page = dispatcher.on_post_page
on_post_template = dispatcher.on_post_template
on_post_build = dispatcher.on_post_build
on_serve = dispatcher.on_serve
on_build_error = dispatcher.on_build_error
