# The two commands of the README. Everything else is in packaging/scripts/.
.PHONY: run test test-fast lint bundle

# Set up (Debian packages if missing, .venv, pinned packages) and start the workstation on the embedded
# SQLite database in the user's data folder, loading the demo data set on first start.
run:
	packaging/scripts/setup-env.sh run
	.venv/bin/ipdesk gui --demo-if-empty

# Set up and run the whole suite: ruff, mypy on the core, the architecture contracts, then pytest on SQLite
# and a throwaway PostgreSQL, GUI tests offscreen, the bundle tests included.
test:
	packaging/scripts/setup-env.sh test
	$(MAKE) --no-print-directory lint
	QT_QPA_PLATFORM=offscreen IPDESK_REQUIRE_PG=1 packaging/scripts/with-postgres.sh .venv/bin/python -m pytest

# The same without the slow tests (the PyInstaller bundle, spawned processes): the loop while working.
test-fast:
	packaging/scripts/setup-env.sh test
	$(MAKE) --no-print-directory lint
	QT_QPA_PLATFORM=offscreen IPDESK_REQUIRE_PG=1 packaging/scripts/with-postgres.sh .venv/bin/python -m pytest -m "not slow"

# Static checks: ruff (style, imports, bugs), mypy (the core: domain, storage, services, reports, demo, cli),
# import-linter (layers and contexts).
lint:
	.venv/bin/ruff check ipdesk tests benchmarks packaging migrations
	.venv/bin/mypy
	.venv/bin/lint-imports

# Build the PyInstaller bundle and start it once offscreen (self-check).
bundle:
	packaging/scripts/setup-env.sh run
	.venv/bin/python packaging/build.py
