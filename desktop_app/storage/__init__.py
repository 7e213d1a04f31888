"""The encrypted local store: SQLCipher engine, schema, migrations, repository and search."""
