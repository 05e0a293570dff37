# Two entry points on a fresh machine with only Python: `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: site test test-fast lint golden serve clean tools bench bench-weight

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

# Everything: lint, types, and every test (Chromium, vnu on Java, nginx included).
test: $(STAMP) tools lint
	$(BIN)/python -m pytest -q

# The fast loop beside it: lint, types and the tests that need no browser, Java or nginx.
test-fast: $(STAMP) lint
	$(BIN)/python -m pytest -q -m "not slow"

lint: $(STAMP)
	$(BIN)/ruff check generator tests bench
	$(BIN)/mypy

# Refresh the committed golden Markdown after an intended template or content change.
golden: $(STAMP)
	$(BIN)/python -m pytest -q tests/test_golden.py --update-golden
	$(BIN)/cchc schema

# Page weight of each page type (gzip, first load) for the bundled units.
bench-weight: site
	$(BIN)/python bench/weight.py site/*

# The nightly-publish benchmark on a synthetic province (several minutes; not part of `make test`).
bench: $(STAMP)
	$(BIN)/python bench/publish.py

serve: $(STAMP)
	$(BIN)/cchc serve $(UNIT)

clean:
	rm -rf site build $(VENV)
