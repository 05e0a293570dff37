# Two entry points on a fresh machine with only Python: `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INPUTS := pyproject.toml constraints.txt constraints-test.txt
RUN_STAMP := $(VENV)/.runtime-$(shell cat $(INPUTS) | cksum | cut -d' ' -f1)
STAMP := $(VENV)/.installed-$(shell cat $(INPUTS) | cksum | cut -d' ' -f1)

.PHONY: install site test test-fast lint golden serve clean tools editor-tools bench bench-weight bench-scaling bench-lighthouse cms edit mutation bench-import

# Packages are installed by uv (pinned below, itself installed by the venv's pip): the same pinned
# versions as pip, but the test set installs in 10 s instead of 39 s on a fresh machine
# (docs/decisions.md). --compile-bytecode as pip does: where PYTHONDONTWRITEBYTECODE is set (CI
# images), every process would otherwise compile each module it imports again. The uv cache lives in
# ~/.cache/uv, outside the project. uv reads neither pip.conf nor PIP_* variables: an index set for
# pip (PIP_INDEX_URL or pip.conf's index-url, a mirror behind a firewall) is passed on, and the
# system's certificates are trusted as pip trusts them (--native-tls: a proxy's own CA).
UV_VERSION ?= 0.13.9
PIP_INDEX = $(or $(PIP_INDEX_URL),$(shell $(BIN)/pip config get global.index-url 2>/dev/null))
UV = $(BIN)/uv pip install --quiet --compile-bytecode --native-tls --python $(BIN)/python $(if $(PIP_INDEX),--default-index $(PIP_INDEX))
$(BIN)/uv:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet uv==$(UV_VERSION)

# Runtime only (what a web server or a CI publishing shard needs): every package pinned by
# constraints.txt, no test extras.
$(RUN_STAMP): $(INPUTS) | $(BIN)/uv
	$(UV) -c constraints.txt -e .
	rm -f $(VENV)/.runtime-*
	touch $(RUN_STAMP)

install: $(RUN_STAMP)

# Tests: the runtime set plus the test extras, pinned by constraints-test.txt (which includes
# constraints.txt), in one install run on a fresh clone (two runs resolved everything twice).
$(STAMP): $(INPUTS) | $(BIN)/uv
	$(UV) -c constraints-test.txt -e '.[test]'
	rm -f $(VENV)/.installed-* $(VENV)/.runtime-*
	touch $(STAMP) $(RUN_STAMP)

# `cchc build` validates first (and builds nothing on an error): each warning is printed once.
site: $(RUN_STAMP)
	$(BIN)/cchc build
	@echo
	@echo "Xong: mỗi đơn vị có trang tại site/<đơn-vị>/index.html"
	@echo "Xem trước: $(BIN)/cchc serve son-thuong   (hoặc: $(PYTHON) -m http.server -d site/son-thuong 8000)"

# Test tools from Debian's packages: Chromium's headless shell for the browser tests (the full
# chromium for the Lighthouse and page-weight benchmarks), Java for the Nu HTML Checker,
# nginx for the serving tests, rsync for the deployment test, Node.js and npm for the web editor;
# Tesseract with its Vietnamese model and pdftoppm for `cchc import` of scans, LibreOffice Writer to
# export the import tests' Word file to PDF.
# Installed only when missing; nothing is downloaded outside the package registries.
# Debian packages, each checked by what it installs, and installed only when missing (root), else named.
# The web editor needs Node.js (its page's npm packages) and what «Nhập từ văn bản» reads documents
# with (LibreOffice for Word and Excel files, Tesseract for scans, Poppler for PDF pages); the tests
# need, besides, Chromium, Java (vnu), nginx, rsync and sshd.
EDITOR_NEEDS = \
	command -v npm >/dev/null 2>&1 || missing="$$missing nodejs npm"; \
	dpkg -s libreoffice-calc-nogui >/dev/null 2>&1 || missing="$$missing libreoffice-calc-nogui"; \
	dpkg -s libreoffice-writer-nogui >/dev/null 2>&1 || missing="$$missing libreoffice-writer-nogui"; \
	command -v tesseract >/dev/null 2>&1 || missing="$$missing tesseract-ocr"; \
	[ -f /usr/share/tesseract-ocr/5/tessdata/vie.traineddata ] || missing="$$missing tesseract-ocr-vie"; \
	command -v pdftoppm >/dev/null 2>&1 || missing="$$missing poppler-utils";
TEST_NEEDS = \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v chromium-headless-shell >/dev/null 2>&1 || missing="$$missing chromium-headless-shell"; \
	command -v java >/dev/null 2>&1 || missing="$$missing default-jre-headless"; \
	command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing="$$missing nginx"; \
	command -v rsync >/dev/null 2>&1 || missing="$$missing rsync"; \
	command -v sshd >/dev/null 2>&1 || [ -x /usr/sbin/sshd ] || missing="$$missing openssh-server";
APT_INSTALL = \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "Cần cài:$$missing (sudo apt-get install$$missing)"; exit 1; fi; \
	fi
tools:
	@missing=""; $(EDITOR_NEEDS) $(TEST_NEEDS) $(APT_INSTALL)
editor-tools:
	@missing=""; $(EDITOR_NEEDS) $(APT_INSTALL)

# The web editor's page (Decap CMS's browser bundle, the yaml library) from npm: two tarballs checked
# against cms/package-lock.json's SHA-512, only the folders the page loads (7 MB); only when missing.
cms: editor-tools cms/node_modules/.cchc-installed
cms/node_modules/.cchc-installed: cms/package-lock.json $(STAMP)
	@command -v npm >/dev/null 2>&1 || { echo "Cần cài Node.js và npm (apt-get install nodejs npm)"; exit 1; }
	$(BIN)/python -m generator.cms.install
	@touch $@

# The web editor for one unit: make edit UNIT=son-thuong [TEN="Họ Tên"]
edit: $(STAMP) cms
	@[ -n "$(UNIT)" ] || { echo "Cần tên đơn vị: make edit UNIT=son-thuong"; exit 2; }
	@$(BIN)/cchc edit $(UNIT) $(if $(TEN),--ten "$(TEN)")

# Everything: lint, types, every test (Chromium, vnu on Java, nginx, the web editor) once, on the
# default engine (ProperDocs), on three processes. The other engine (MkDocs 1.6) is proved by
# tests/test_publish_engine.py: every bundled unit built on both, the HTML compared byte for byte but
# for the generator line, and the engine in every release id. Each test file runs whole on one
# process (--dist loadfile): its module fixtures (one nginx, one build) are never shared or doubled.
# TEST_WORKERS: test processes. Three on this 2-core machine: two kept only 1.4 cores busy (the suite
# waits on Chromium, nginx and publish subprocesses), three keep both busy, four are slower
# (docs/measurements.md).
TEST_WORKERS ?= 3
test: $(STAMP) tools cms
	$(call run_tests,-n $(TEST_WORKERS) --dist loadfile)

# The fast loop beside it: lint, types and the tests that need no browser, Java, nginx, LibreOffice,
# site builds or publishes (tests/conftest.py: SLOW_MODULES, SLOW_TESTS), on two processes.
test-fast: $(STAMP)
	$(call run_tests,-m "not slow" -n 2)

# Lint, types, and pylint's copy-paste detector (one owner per thing: no repeated block in generator/;
# a failure prints "Similar lines in 2 files" with ==module:[first:last] for each copy).
RUFF = $(BIN)/ruff check generator tests bench
TYPES = $(BIN)/mypy
DUPLICATES = $(BIN)/python -m pylint --disable=all --enable=duplicate-code --score=n generator
lint: $(STAMP)
	$(RUFF)
	$(TYPES)
	$(DUPLICATES)

# The test commands: ruff first (0.1 s), then pytest with the given options while mypy and the
# copy-paste detector (6 s and 8 s on one core, from a fresh clone) run beside it, their output
# printed after the tests'; fails if any of them fails. compileall first: where
# PYTHONDONTWRITEBYTECODE is set (as in CI images), each `cchc` a test starts would otherwise compile
# every module of generator/ again (0.1 s of each start).
define run_tests
	$(RUFF)
	$(BIN)/python -m compileall -q generator
	checks=$$(mktemp); { $(TYPES) && $(DUPLICATES); } >$$checks 2>&1 & lint=$$!; \
	$(BIN)/python -m pytest -q $(1); tests=$$?; \
	wait $$lint; linted=$$?; cat $$checks; rm -f $$checks; \
	if [ $$linted -ne 0 ]; then exit $$linted; fi; exit $$tests
endef

# Mutation testing of the schema, load and resolve stages (by hand, not in `make test`: about an
# hour on 2 free cores). mutmut is installed here only; its settings are [tool.mutmut] in pyproject.toml.
mutation: $(STAMP)
	$(BIN)/pip install --quiet mutmut==3.8.1
	$(BIN)/mutmut run --max-children 2; $(BIN)/mutmut results

# Refresh the committed golden Markdown after an intended template or content change.
golden: $(STAMP)
	$(BIN)/python -m pytest -q tests/test_golden.py --update-golden
	$(BIN)/cchc schema
	$(BIN)/python -m generator.cms.config

# Page weight of each page type as Chromium fetches it (gzip, first load) for the bundled units;
# fails when a procedure page is over 40 KB.
bench-weight: site $(STAMP) tools
	$(BIN)/python bench/weight.py site/*

# Lighthouse (npm, installed into a cache folder, never committed) on every page type, served by nginx
# with deploy/'s configuration from a real `cchc publish`. Needs node and npm (Debian: nodejs, npm).
LIGHTHOUSE_DIR ?= $(HOME)/.cache/cchc-lighthouse
LIGHTHOUSE_VERSION ?= 12.8.2
$(LIGHTHOUSE_DIR)/node_modules/.bin/lighthouse:
	@command -v npm >/dev/null 2>&1 || { echo "Cần npm (sudo apt-get install nodejs npm)"; exit 1; }
	npm install --silent --no-fund --no-audit --prefix $(LIGHTHOUSE_DIR) lighthouse@$(LIGHTHOUSE_VERSION)

bench-lighthouse: $(STAMP) tools $(LIGHTHOUSE_DIR)/node_modules/.bin/lighthouse
	LIGHTHOUSE=$(LIGHTHOUSE_DIR)/node_modules/.bin/lighthouse CHROME_PATH=$$(command -v chromium || echo /usr/bin/chromium) \
	  $(BIN)/python bench/lighthouse.py

# The nightly-publish benchmark on a synthetic province (several minutes; not part of `make test`).
bench: $(STAMP)
	$(BIN)/python bench/publish.py

# The three once-quadratic paths, each at two sizes ten times apart: the ratio shows linear growth
# (a few minutes: it writes and loads catalogs of up to 20,000 records).
bench-scaling: $(STAMP)
	$(BIN)/python bench/scaling.py

# `cchc import` on a 40-page plan (text, Word, PDF) and OCR of scanned pages; needs `make tools`
# (LibreOffice Writer, Tesseract vie, poppler-utils). Targets: < 10 s a plan, ≤ 5 s an OCR page.
bench-import: $(STAMP) tools
	$(BIN)/python bench/import.py

serve: $(RUN_STAMP)
	$(BIN)/cchc serve $(UNIT)

clean:
	rm -rf site build $(VENV)

# The nightly recipe (deploy/gitlab-ci.yml) run as GitLab runs it, three nights: gitlab-ci-local from
# npm (into a cache folder, never committed; 4.73.0, as 4.74.0 and later crash on Debian's Node 20 with
# `kW.union is not a function`) with its shell executor runs the 8 shard jobs against an sshd
# (Debian's openssh-server) and nginx on 127.0.0.1. Several minutes: .ci/run runs it after `make test`.
GITLAB_CI_LOCAL_VERSION ?= 4.73.0
GITLAB_CI_LOCAL_DIR ?= $(HOME)/.cache/cchc-gitlab-ci-local/$(GITLAB_CI_LOCAL_VERSION)
$(GITLAB_CI_LOCAL_DIR)/node_modules/.bin/gitlab-ci-local:
	@command -v npm >/dev/null 2>&1 || { echo "Cần npm (sudo apt-get install nodejs npm)"; exit 1; }
	npm install --silent --no-fund --no-audit --prefix $(GITLAB_CI_LOCAL_DIR) gitlab-ci-local@$(GITLAB_CI_LOCAL_VERSION)

.PHONY: test-gitlab
test-gitlab: $(STAMP) tools $(GITLAB_CI_LOCAL_DIR)/node_modules/.bin/gitlab-ci-local
	GITLAB_CI_LOCAL=$(GITLAB_CI_LOCAL_DIR)/node_modules/.bin/gitlab-ci-local \
	  $(BIN)/python -m pytest -q -s -p no:cacheprovider --basetemp=$$(mktemp -d /tmp/cchc-gitlab.XXXXXX) tests/gitlab_emulator.py
