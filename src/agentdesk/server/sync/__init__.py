"""`/api/v1/sync`: pushing outbox ops and pulling changes (ARCHITECTURE.md, "Sync contract").

- `models`: the op log (one row per op id, with the first answer) and the change log.
- `changelog`: every committed change to a row a desktop holds gets a position in the
  change log, assigned in commit order (see its docstring for why no cursor skips).
- `apply`: one op, applied through the same services as the REST endpoints.
- `push`, `pull`: the two halves of the protocol; `routes`: the thin HTTP layer.
"""
