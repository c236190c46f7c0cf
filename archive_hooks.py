"""MkDocs hooks of the archive (the root mkdocs.yml): thin glue to kehoach/archive/."""
from kehoach.archive.build import Archive

archive = Archive()

on_startup = archive.on_startup
on_config = archive.on_config
on_pre_build = archive.on_pre_build
on_files = archive.on_files
on_page_markdown = archive.on_page_markdown
on_page_content = archive.on_page_content
on_env = archive.on_env
on_post_page = archive.on_post_page
on_post_template = archive.on_post_template
on_post_build = archive.on_post_build
on_build_error = archive.on_build_error
on_shutdown = archive.on_shutdown
