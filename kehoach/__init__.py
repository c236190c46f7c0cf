"""Logic behind the site of the 2022 socio-economic plan of Sở Nội vụ Bắc Giang.

Each module has one job; `macros.py` and `hooks.py` at the repository root are
thin glue that hand MkDocs events and macro calls to these modules.
"""
