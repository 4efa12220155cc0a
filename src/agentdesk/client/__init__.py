"""The desktop's data side: local store, outbox, sync engine, credentials, settings. No Qt."""
