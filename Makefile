# Two entry points on a fresh machine with only Python: `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: site test golden serve clean browser

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

# Chromium comes from Debian's packages (the browser tests drive it; nothing is downloaded).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Cần Chromium: sudo apt-get install chromium"; exit 1; fi; }

test: $(STAMP) browser
	$(BIN)/python -m pytest -q

# Refresh the committed golden Markdown after an intended template or content change.
golden: $(STAMP)
	$(BIN)/python -m pytest -q tests/test_golden.py --update-golden
	$(BIN)/cchc schema

serve: $(STAMP)
	$(BIN)/cchc serve $(UNIT)

clean:
	rm -rf site build $(VENV)
