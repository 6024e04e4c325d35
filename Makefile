# Development commands (see CONTRIBUTING.md). `make check` is what CI runs besides the tests.
PYTHON ?= .venv/bin/python

.PHONY: check lint types test

## The linter (ruff: pycodestyle errors, pyflakes, bugbear, pyupgrade, simplify, isort) and
## the type checker (mypy, strict on the files pyproject.toml lists).
check: lint types

lint:
	$(PYTHON) -m ruff check .

types:
	$(PYTHON) -m mypy

test:
	$(PYTHON) -m pytest -q
