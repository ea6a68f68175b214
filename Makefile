# Two entry points for a fresh machine: `make dashboard` and `make test`. Both go through `make install`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8501
CORPUS ?= seeds
ROOTS ?=
ADDRESS ?= localhost

.PHONY: install dashboard lint test chromium bench evaluate clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# The package's own bytecode is compiled here, as pip does for the packages it installs: an editable install
# has none, and where Python may not write it (PYTHONDONTWRITEBYTECODE) every command would compile its modules
# anew, a quarter of a second per process.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	$(BIN)/python -m compileall -q timeline
	touch $(STAMP)

# The name finder compiled to C (timeline/native.py): built again only when its source has changed; without a C
# compiler the package runs as pure Python, with the same results.
install: $(STAMP)
	@$(BIN)/python -m timeline.build_native

# Debian's chromium drives the browser tests and Plotly's image export (kaleido).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing chromium (Debian package)"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; }

dashboard: install chromium
	TIMELINE_CORPUS=$(CORPUS) TIMELINE_ROOTS=$(ROOTS) $(BIN)/streamlit run dashboard.py --server.port $(PORT) \
	  --server.address $(ADDRESS)

# The library's gates, configured in pyproject.toml: lint, formatting, types.
lint: install
	$(BIN)/ruff check timeline
	$(BIN)/ruff format --check --output-format concise timeline
	$(BIN)/mypy timeline

test: install chromium lint
	$(BIN)/python -m pytest

bench: install chromium
	$(BIN)/python benchmarks/run.py

evaluate: install
	$(BIN)/timeline evaluate ../shared/eval/data/timebank

clean:
	rm -rf $(VENV) build .pytest_cache .hypothesis .ruff_cache .mypy_cache
