# reqbot — the two commands a newcomer needs are `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install demo test bench clean

install: $(STAMP)

# Re-installs when pyproject.toml changes; the stamp keeps `make test` fast otherwise.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: install
	$(BIN)/reqbot demo

test: install
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python bench/bench_retrieval.py
	$(BIN)/python bench/bench_analysis.py
	$(BIN)/python bench/bench_interview.py
	$(BIN)/python bench/bench_spec.py
	$(BIN)/python bench/bench_slack.py

clean:
	rm -rf $(VENV) out .pytest_cache
