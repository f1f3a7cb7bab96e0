# Everything a fresh machine with Python 3.11+ needs: `make run`, `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# Reinstall when the project's metadata changes, not on every run.
STAMP_RUN := $(VENV)/.stamp-run
STAMP_TEST := $(VENV)/.stamp-test
STAMP_INSTALLER := $(VENV)/.stamp-installer

.PHONY: run test test-fast lint format bench clean installer installer-check

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Offload needs Python 3.11 or newer; set PYTHON=python3.x")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP_RUN): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(STAMP_TEST): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,dev]'
	touch $@ $(STAMP_RUN)

run: $(STAMP_RUN)
	$(BIN)/offload

lint: $(STAMP_TEST)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(STAMP_TEST)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The whole suite, with the branch coverage of models/ and the layer between
# (README, "Tests"; [tool.coverage] in pyproject.toml says what is measured).
test: lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest --cov --cov-report=term:skip-covered

# The quick loop: the tests that need no Xvfb, no installer build, no CUPS
# printers and no long child processes (markers in pyproject.toml).
test-fast: lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -m "not xvfb and not installer and not cups and not slow"

# Issue 13's table (README, "Performance"). The large database is written once
# into .bench-cache/, under the generator's and the schema's versions.
bench: $(STAMP_TEST)
	$(BIN)/python -m tools.bench --cache .bench-cache

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache .mypy_cache .coverage .bench-cache

# The desktop build (README, "Installing Offload"): PyInstaller into .venv,
# dist/offload/, then dist/offload-<version>-linux-<machine>.tar.gz.
$(STAMP_INSTALLER): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[installer]'
	touch $@ $(STAMP_RUN)

installer: $(STAMP_INSTALLER)
	$(BIN)/pyinstaller --noconfirm --log-level WARN build_installer.spec
	$(BIN)/python packaging/make_archive.py

# Builds, installs into a throwaway HOME, runs the installed app's smoke
# test, uninstalls, checks only the user's data is left; prints sizes and
# start-up times.
installer-check: $(STAMP_INSTALLER)
	$(BIN)/python -m tools.installer_check
