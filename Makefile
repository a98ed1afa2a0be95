# Two entry points for people (see README "Quick start"); the rest are helpers for them.
.PHONY: app test setup lint translations bundle

app: setup
	.venv/bin/fieldapp app --demo

test: setup
	bash scripts/test.sh

setup:
	bash scripts/setup.sh

lint: setup
	.venv/bin/ruff check .

# Qt translations: resources/translations/*.ts → .qm (the set-up runs this too)
translations:
	.venv/bin/python scripts/translations.py release

# The laptop app as one folder, dist/fieldapp/ (PyInstaller, build.spec; see docs/install.md)
bundle: setup
	bash scripts/build_bundle.sh
