"""SQLAlchemy 2 persistence: engine factory, schema, migrations, repositories (no Qt)."""
