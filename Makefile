# The two commands of the README. Everything else is in packaging/scripts/.
.PHONY: run test bundle

# Set up (Debian packages if missing, .venv, pinned packages) and start the workstation on the embedded
# SQLite database in the user's data folder, loading the demo data set on first start.
run:
	packaging/scripts/setup-env.sh run
	.venv/bin/ipdesk gui --demo-if-empty

# Set up and run the whole suite: architecture contracts, then pytest on SQLite and a throwaway
# PostgreSQL, GUI tests offscreen.
test:
	packaging/scripts/setup-env.sh test
	.venv/bin/lint-imports
	QT_QPA_PLATFORM=offscreen IPDESK_REQUIRE_PG=1 packaging/scripts/with-postgres.sh .venv/bin/python -m pytest

# Build the PyInstaller bundle and start it once offscreen (self-check).
bundle:
	packaging/scripts/setup-env.sh run
	.venv/bin/python packaging/build.py
