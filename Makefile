# make install — environment + project + test dependencies (and the JRE / Chromium the tests need)
# make run     — install, ingest examples/, start the app on http://127.0.0.1:8501
# make test    — install, then run the whole test suite (in parallel on every core)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8501

.PHONY: install system-deps run test eval bench bench-quick bench-floors lint clean

# --no-compile: pip would byte-compile all ~7,500 files of the dependencies (~50 CPU s, a third of an install);
# Python compiles the ~2,000 a test run imports when it first imports them, and keeps them
install: $(BIN)/python system-deps
	$(BIN)/pip install -q --disable-pip-version-check --no-compile -e '.[dev]' --config-settings editable_mode=strict
	@# jionlp unzips its dictionaries on its first import (quietly here); then the places cache is built once
	@$(BIN)/python -c "import contextlib, io; exec('with contextlib.redirect_stdout(io.StringIO()): import jionlp'); from fazhi.loaders.extract.places import gazetteer; gazetteer()"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check --upgrade 'pip>=24' 'setuptools>=70'

# System packages: a JRE for the HermiT reasoner, Debian's Chromium + driver + CJK fonts for the
# browser test, Virtuoso (virtuoso-t, isql-vt) for the remote-backend tests against a throw-away server.
# Installed with apt-get when missing and we are root (as in CI); otherwise skipped with a note (the
# tests that need them then skip with a reason).
system-deps:
	@missing=""; \
	command -v java >/dev/null 2>&1 || missing="$$missing default-jre-headless"; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v chromedriver >/dev/null 2>&1 || missing="$$missing chromium-driver"; \
	[ -d /usr/share/fonts/opentype/noto ] || missing="$$missing fonts-noto-cjk"; \
	command -v virtuoso-t >/dev/null 2>&1 || missing="$$missing virtuoso-opensource"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing system packages:$$missing"; \
	    (apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing >/dev/null) \
	      || echo "warning: could not install$$missing"; \
	  else echo "note: missing system packages:$$missing (install them for the reasoner, browser and Virtuoso tests)"; fi; \
	fi

run: install
	$(BIN)/fazhi ingest examples/
	$(BIN)/fazhi app --port $(PORT)

# every test, on every core (pytest-xdist; tests sharing a Chromium or the servers share a worker: --dist loadgroup);
# PYTEST_ARGS adds options, e.g. make test PYTEST_ARGS=--durations=30
# (PYTHONDONTWRITEBYTECODE emptied: where the environment sets it, every process the suite starts compiled
# the modules it imports again; ~13 CPU s of a run here)
test: install
	PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest -q -n auto --dist loadgroup $(PYTEST_ARGS)

eval: install
	$(BIN)/python -m fazhi.app.evaluate

bench: install
	$(BIN)/python benchmarks/run.py

bench-quick: install
	$(BIN)/python benchmarks/run.py --quick

bench-floors: install
	$(BIN)/python benchmarks/floors.py

lint: install
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
