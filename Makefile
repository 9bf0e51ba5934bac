# Quick start: `make demo` inspects the bundled demo region; `make test` runs the tests.
# Both set up a virtual environment in .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test install

$(BIN)/scrapy: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $(BIN)/scrapy

install: $(BIN)/scrapy

demo: install
	$(BIN)/scrapy demo

test: install
	$(BIN)/python -m pytest
