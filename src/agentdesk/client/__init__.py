"""The desktop's data side: local store, outbox, sync engine, credentials, settings. No Qt.

Where to start:

- `paths.store_path(server, user)` → the user's SQLite file; `store.LocalStore(path)`
  opens (creates, upgrades) it and hands out transactions; `store.subscribe` tells
  the UI which cases changed after each commit.
- `operations.Operations` — every change the user makes, written with its outbox op in
  one transaction; `outbox.Outbox` — pending ops in order, answers, attention list.
- `changes.apply_changes(store, page)` — a pulled page and its cursor, in one
  transaction (wire format: `agentdesk.protocol.sync`).
- `queue.CaseQueue` — search, quick filters and sorting for the queue table (ids and
  lazy windows); `casefile.open_case` — everything the case view shows, in one read.
- `credentials.CredentialStore` — the session token in the keyring (or memory only).
"""
