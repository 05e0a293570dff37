# Two entry points on a fresh machine with only Python: `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: site test golden serve clean tools bench bench-weight bench-lighthouse

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/cchc validate
	$(BIN)/cchc build
	@echo
	@echo "Xong: mỗi đơn vị có trang tại site/<đơn-vị>/index.html"
	@echo "Xem trước: $(BIN)/cchc serve son-thuong   (hoặc: $(PYTHON) -m http.server -d site/son-thuong 8000)"

# Test tools from Debian's packages: Chromium for the browser tests, Java for the Nu HTML Checker,
# nginx for the serving tests.
# Installed only when missing; nothing is downloaded outside the package registries.
tools:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v java >/dev/null 2>&1 || missing="$$missing default-jre-headless"; \
	command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing="$$missing nginx"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "Cần cài:$$missing (sudo apt-get install$$missing)"; exit 1; fi; \
	fi

test: $(STAMP) tools
	$(BIN)/python -m pytest -q

# Refresh the committed golden Markdown after an intended template or content change.
golden: $(STAMP)
	$(BIN)/python -m pytest -q tests/test_golden.py --update-golden
	$(BIN)/cchc schema

# Page weight of each page type as Chromium fetches it (gzip, first load) for the bundled units;
# fails when a procedure page is over 40 KB.
bench-weight: site tools
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

serve: $(STAMP)
	$(BIN)/cchc serve $(UNIT)

clean:
	rm -rf site build $(VENV)
