# Everything runs from a project-local virtualenv that this Makefile creates.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: install site test serve clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

site: install
	$(PY) build.py build --content content --output public --config site.yaml

test: install
	$(PY) -m pytest

clean:
	rm -rf public .public.* .cache .pytest_cache
