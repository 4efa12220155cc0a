"""Server calls the desktop makes outside sync (run them through `UiOperations.network`).

The API client of `agentdesk.client.api` covers sign-in and sync; the audited reveal
of a masked value is one more request on the same session, so it shares the client's
timeouts, retries and typed failures.
"""

from __future__ import annotations

from typing import Any

from agentdesk.protocol.cases import RevealRequest, RevealResponse


def reveal(api: Any, case_id: str, field: str, *, contact_id: str | None = None,
           reason: str = "") -> str:
    """`POST /cases/{id}/reveal`: the full value of a masked field (the server audits it)."""
    body = RevealRequest.model_validate(
        {"field": field, "contact_id": contact_id, "reason": reason}
    )
    response = api._request(  # the client's one request path: auth, retries, errors
        "POST", f"/cases/{case_id}/reveal", json_body=body.model_dump(mode="json")
    )
    return RevealResponse.model_validate_json(response.content).value
