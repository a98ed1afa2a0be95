# Two entry points for people (see README "Quick start"); the rest are helpers for them.
.PHONY: app test setup lint

app: setup
	.venv/bin/fieldapp

test: setup
	bash scripts/test.sh

setup:
	bash scripts/setup.sh

lint: setup
	.venv/bin/ruff check .
