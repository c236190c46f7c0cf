# Two commands do all setup on a fresh machine:
#   make serve   build a plan and serve it on http://127.0.0.1:8000 (PLAN=<id>, default:
#                the first plan of plans/); rebuilds only that plan on each save
#   make serve-archive  the whole archive (every plan under its home page)
#   make test    run every test (installs what it needs first)
#   make test-fast  the edit loop: unit and site tiers, no browser, no broken copies (< 60 s)
#   make new-plan ID=<id>  a new plan's folder plans/<id>/, every word of it a placeholder
#                the build refuses until filled (CONTRIBUTING.md, "Thêm một kế hoạch mới")
# After editing requirements.in: make lock (regenerates the hashed lock files).
# And one to measure: make bench (build cost for 1, 10, 100 plans; ~25 min;
# rewrites bench/RESULTS.md; not part of make test; see bench/README.md).
PYTHON ?= python3.11
# The plan `make serve` serves: a folder of plans/ (default: the first, by name).
PLAN   ?= $(notdir $(firstword $(sort $(wildcard plans/*))))
VENV   ?= .venv
PY     := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1

.PHONY: install lock browser pdf vnu serve serve-archive build test test-fast bench clean new-plan

# Every package comes from the lock, each file checked against its hash
# (requirements.txt, made by `make lock`). Our own package is a second pip call,
# hash mode being per call: no dependencies, and no build isolation, so its
# build backend (setuptools) is the hashed one from the lock.
install: $(VENV)/.installed

$(VENV)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

# After editing requirements.in (or requirements-properdocs.in): regenerate the
# locks with pip-tools, in a virtualenv of its own, from the default package
# index with no local pip configuration, then commit the .in and .txt files.
# Pins already in a lock are kept; to move one, edit its pin in the .in file.
PIP_TOOLS  := pip-tools==7.6.2
LOCK_VENV  ?= .venv-lock
LOCK_ENV   := env -u PIP_FIND_LINKS -u PIP_INDEX_URL -u PIP_EXTRA_INDEX_URL \
              PIP_CONFIG_FILE=/dev/null CUSTOM_COMPILE_COMMAND="make lock"
LOCK_FLAGS := --quiet --generate-hashes --allow-unsafe --no-strip-extras \
              --no-emit-index-url --no-emit-find-links
lock:
	$(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/python -m pip install --quiet --disable-pip-version-check $(PIP_TOOLS)
	$(LOCK_ENV) $(LOCK_VENV)/bin/pip-compile $(LOCK_FLAGS) -o requirements.txt requirements.in
	$(LOCK_ENV) $(LOCK_VENV)/bin/pip-compile $(LOCK_FLAGS) -o requirements-properdocs.txt requirements-properdocs.in

# Browser tests drive Debian's chromium; never a browser download.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-core >/dev/null; }

# The PDF (WeasyPrint) needs Debian's pango and a font with every Vietnamese
# letter (Noto Serif, embedded in the PDF). Installed only when one is missing.
PDF_DEBS := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-core
pdf:
	@dpkg -s $(PDF_DEBS) >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(PDF_DEBS) >/dev/null; }

# The W3C Nu HTML Checker (tests/readers/test_valid_html.py): the vnu-jar
# package from npm at the version and sha512 of package-lock.json (`npm ci`),
# into node_modules/, its install script not run (it would download a Java);
# Debian's Java runs it. npm and Java come from apt when one is missing.
VNU_JAR := node_modules/vnu-jar/build/dist/vnu.jar
vnu: $(VNU_JAR)
	@command -v java >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; }

$(VNU_JAR): package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null; }
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

# A new plan: plans/$(ID)/ with an empty skeleton (tools/new_plan.py). Refuses an id
# that is not lowercase ASCII letters, digits and hyphens, or that exists already.
new-plan: install
	$(PY) tools/new_plan.py "$(ID)"

serve: install pdf
	$(VENV)/bin/mkdocs serve -f plans/$(PLAN)/mkdocs.yml

serve-archive: install pdf
	$(VENV)/bin/mkdocs serve

# The whole public site: the archive's home and every plan under site/<id>/ (each
# with its PDF and offline copy in site/<id>/tai-ve/).
build: install pdf
	$(VENV)/bin/mkdocs build --strict

# pytest exits 5 when it collects no test: that is a failure here, not a pass.
# Three pytest processes (pytest-xdist) on two cores: the suite mostly waits on
# builds and the browser. Each process builds the real site once for itself.
TEST_WORKERS ?= 3
test: install browser pdf vnu
	@$(PY) -m pytest -n $(TEST_WORKERS); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests: failing on purpose"; exit 1; fi; \
	exit $$rc

# The tiers (pytest markers, tests/conftest.py): unit, site (one build of the
# real site; the HTML checker reads it too), errors (each test builds a broken copy), browser (chromium).
# The quick loop while editing: unit and site only; `make test` stays the gate.
test-fast: install pdf vnu
	@$(PY) -m pytest -m "unit or site" -q; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests: failing on purpose"; exit 1; fi; \
	exit $$rc

bench: install browser pdf
	$(PY) -m bench.run

clean:
	rm -rf site $(VENV) $(LOCK_VENV)
