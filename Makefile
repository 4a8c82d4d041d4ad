# The two commands a newcomer needs:  make demo   and   make test
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= sayso-demo.db

.PHONY: demo test install browser clean eval bench data

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade --require-hashes -r requirements.lock
	$(BIN)/python -m pip install -q --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/sayso ingest data/samples --db $(DB)
	$(BIN)/sayso quotes --db $(DB) --limit 40
	$(BIN)/sayso claims --db $(DB) --limit 5

browser:
	scripts/ensure-chromium

test: $(STAMP) browser
	$(BIN)/python -m pytest -q

eval: $(STAMP)
	$(BIN)/sayso evaluate polnear ../shared/data/polnear/dev

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_extract.py

data:  # the evaluation corpora into $$SAYSO_SHARED/data (default ../shared/data); needs git and network
	scripts/fetch-data

clean:
	rm -rf $(VENV) *.egg-info src/*.egg-info
