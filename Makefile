# The project's checks (tools/check.py holds the steps; this is a thin wrapper).
#   make check         ruff format --check, ruff check, mypy, lint-imports, pytest -n auto (xdist)
#   make check-static  the same without pytest (CI runs pytest through the README's command)
# Needs the dev extra: pip install -e '.[dev]'
PYTHON ?= python3

.PHONY: check check-static

check:
	$(PYTHON) tools/check.py

check-static:
	$(PYTHON) tools/check.py --static
