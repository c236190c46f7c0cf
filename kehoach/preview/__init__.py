"""`mkdocs serve` (make serve): errors shown in the browser, pages reloaded on save."""
