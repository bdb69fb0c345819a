# Two commands on a fresh machine: `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install site test lint bench clean serve chromium

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

site: $(STAMP)
	$(BIN)/kinerja build --data data --out content --site site

serve: $(STAMP)
	$(BIN)/kinerja serve --data data --out content

# The browser test drives Debian's Chromium (never a downloaded browser build).
chromium:
	@test -x /usr/bin/chromium || (apt-get update -qq && apt-get install -y -qq chromium) \
		|| echo "chromium tidak dapat dipasang; tests/test_browser.py akan dilewati"

test: $(STAMP) chromium
	$(BIN)/python -m pytest -q
	$(BIN)/ruff check generator tests bench

lint: $(STAMP)
	$(BIN)/ruff check generator tests bench

# Bytecode compiled first: where PYTHONDONTWRITEBYTECODE is set (this machine sets
# it), every run would otherwise compile the generator's source again (~0.07 s).
bench: $(STAMP)
	$(BIN)/python -m compileall -q generator
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) site build
