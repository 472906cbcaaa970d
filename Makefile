# Everything runs from a project-local virtualenv that this Makefile creates. The project is
# installed as a path (editable_mode=compat), not by setuptools' import hook, which costs
# every command 30 ms at start: a tenth of a build with nothing to do.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: install site test serve clean browser bench bench-peers screenshots

# Compiled once here, not at every run: where PYTHONDONTWRITEBYTECODE is set (many CI
# images, this machine) Python would otherwise compile site_gen afresh for every command,
# a fifth of a build with nothing to do. Up-to-date files are skipped; a stale one is
# compiled again in memory, never run from the old bytes.
install: $(STAMP)
	@$(PY) -m compileall -q site_gen

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]' \
	  --config-settings editable_mode=compat
	touch $(STAMP)

site: install
	$(PY) build.py build --content content --output public --config site.yaml

test: install browser
	$(PY) -m pytest

# The browser tests drive Debian's Chromium. Install it when missing and we may (root);
# otherwise those tests report themselves as skipped, naming what is missing.
browser:
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing chromium and chromium-driver for the browser tests"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver) \
	      >/dev/null 2>&1 || echo "could not install chromium: browser tests will be skipped"; \
	  else echo "chromium is not installed: browser tests will be skipped"; fi; \
	fi

# Full-page PNGs of the home page, an article and /van-ban/ at 360 and 1280 px, for review.
screenshots: site browser
	$(PY) tests/screenshots.py public screenshots

serve: install
	$(PY) build.py serve

# Timings at 1,000 and 10,000 articles (BENCH_SIZES=200,500 chooses others, BENCH_N=100000
# adds one), on a corpus formatted as staff write, on a plain-paragraph one, and on the first
# with a theme other than ours that reads what ours leaves to its boxes; prints a table.
bench: install
	$(PY) bench/run.py

# The same rich corpus built by Pelican 4.12 (+ related posts) in its own virtualenv.
bench-peers: install
	test -x bench/.venv-peers/bin/python || $(PYTHON) -m venv bench/.venv-peers
	bench/.venv-peers/bin/python -m pip install --quiet --disable-pip-version-check -r bench/peers/requirements.txt
	$(PY) bench/peers/run.py bench/.venv-peers/bin/python

clean:
	rm -rf public .public.* .cache .pytest_cache screenshots
