"""The archive: every plan of plans/<id>/ published under one home, one search
and one register of cited documents (the root mkdocs.yml; archive_hooks.py)."""
