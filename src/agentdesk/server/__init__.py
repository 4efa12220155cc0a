"""The central server: FastAPI app, database, auth, services, migrations, command line."""
