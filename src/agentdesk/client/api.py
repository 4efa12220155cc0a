"""The HTTP client for the AgentDesk server: sign-in, the sync handshake, push and pull.

One `requests.Session` per server, with connection and read timeouts, and bounded
retries with exponential backoff (urllib3's `Retry`) on what is worth retrying only:
connection failures, read failures and 5xx/429 answers. Other 4xx answers are never
retried — they will not change by asking again. POST is retried too, on purpose: a
push is idempotent by `op_id` (a retried push of ops the server already applied comes
back as duplicates), so the usual reason not to retry a POST does not hold here.

Failures are typed, so the sync engine can tell "offline, try later" from "sign in
again" from "update the app" from "the server refused this".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVar
from uuid import UUID

import orjson
import requests
from pydantic import BaseModel, ValidationError
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from agentdesk.client.convert import utc_now
from agentdesk.protocol import API_VERSION
from agentdesk.protocol.auth import LoginRequest, LoginResponse
from agentdesk.protocol.handshake import (
    PROTOCOL_HEADER,
    REMAINING_HEADER,
    SYNC_PROTOCOL_VERSION,
    SyncStatus,
    clock_skew_seconds,
)
from agentdesk.protocol.ops import Op
from agentdesk.protocol.sync import PullResponse, PushResponse

RETRY_STATUSES = (429, 500, 502, 503, 504)

M = TypeVar("M", bound=BaseModel)


class ApiFailure(Exception):
    """A request that did not get the answer it wanted."""

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        code: str | None = None,
        details: Any = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.details = details


class ServerUnreachable(ApiFailure):
    """No answer (connection refused, dropped, timed out) even after the retries."""


class ServerBusy(ApiFailure):
    """The server kept answering 5xx or 429 through every retry."""


class SignInRequired(ApiFailure):
    """401: the token expired or was revoked; the user must sign in again."""


class UpgradeRequired(ApiFailure):
    """426: this app is too old for the server's sync protocol."""


class RequestRefused(ApiFailure):
    """Any other 4xx: the server refused this request as it is (never retried)."""


@dataclass(frozen=True)
class Timeouts:
    """Seconds to wait for a connection and for each read of the answer."""

    connect: float = 3.05
    read: float = 30.0


def retry_policy(retries: int = 4, backoff: float = 0.25) -> Retry:
    """Bounded retries with backoff on connection/read errors and 5xx/429, GET and POST."""
    return Retry(
        total=retries,
        connect=retries,
        read=retries,
        status=retries,
        other=0,
        redirect=0,
        backoff_factor=backoff,
        backoff_max=5.0,
        status_forcelist=RETRY_STATUSES,
        allowed_methods=frozenset({"GET", "POST"}),
        raise_on_status=False,
        respect_retry_after_header=True,
    )


@dataclass(frozen=True)
class Handshake:
    """The server's status and how far its clock is from ours (seconds, + = ahead)."""

    status: SyncStatus
    clock_skew: float


class ApiClient:
    """Talks to one server as one signed-in user (or none yet)."""

    def __init__(
        self,
        base_url: str,
        *,
        token: str | None = None,
        timeouts: Timeouts | None = None,
        retries: int = 4,
        backoff: float = 0.25,
        language: str = "zh-CN",
        protocol_version: int = SYNC_PROTOCOL_VERSION,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.api = f"{self.base_url}/api/v{API_VERSION}"
        self.token = token
        self.timeouts = timeouts or Timeouts()
        self.session = requests.Session()
        adapter = HTTPAdapter(max_retries=retry_policy(retries, backoff))
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self.session.headers.update(
            {PROTOCOL_HEADER: str(protocol_version), "Accept-Language": language}
        )
        self.bytes_received = 0
        self.bytes_sent = 0

    def close(self) -> None:
        """Close pooled connections."""
        self.session.close()

    # ------------------------------------------------------------ plumbing

    def _request(
        self,
        method: str,
        path: str,
        *,
        json_body: Any = None,
        params: dict[str, Any] | None = None,
        auth: bool = True,
    ) -> requests.Response:
        headers = {}
        if auth and self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        try:
            response = self.session.request(
                method,
                self.api + path,
                json=json_body,
                params=params,
                headers=headers,
                timeout=(self.timeouts.connect, self.timeouts.read),
            )
        except requests.RequestException as error:
            raise ServerUnreachable(
                f"服务器无法连接 / the server cannot be reached: {error}"
            ) from error
        self.bytes_received += len(response.content)
        declared = response.headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) != len(response.content):
            raise ServerUnreachable("服务器的回答不完整 / the server's answer was cut short")
        if response.request.body is not None:
            body = response.request.body
            self.bytes_sent += len(body if isinstance(body, bytes) else body.encode())
        if response.status_code >= 400:
            raise _failure(response)
        return response

    # ------------------------------------------------------------ endpoints

    def handshake(self) -> Handshake:
        """`GET /sync/status`: protocol verdict and clock skew (raises UpgradeRequired)."""
        sent = utc_now()
        response = self._request("GET", "/sync/status", auth=False)
        received = utc_now()
        status = _parse(SyncStatus, response)
        if status.upgrade_required:
            raise UpgradeRequired(
                status.message or "upgrade required", status=426, code="upgrade_required"
            )
        return Handshake(status, clock_skew_seconds(status.server_time, sent, received))

    def login(self, username: str, password: str, device_name: str) -> LoginResponse:
        """`POST /auth/login`; keeps the token for the following requests."""
        body = LoginRequest(username=username, password=password, device_name=device_name)
        response = self._request("POST", "/auth/login", json_body=body.model_dump(), auth=False)
        login = _parse(LoginResponse, response)
        self.token = login.token
        return login

    def logout(self) -> None:
        """`POST /auth/logout`; forgets the token here too."""
        try:
            self._request("POST", "/auth/logout")
        finally:
            self.token = None

    def push(self, device_id: UUID, ops: Sequence[Op]) -> PushResponse:
        """`POST /sync/push`: one result per op, in order."""
        body = {"device_id": str(device_id), "ops": [op.model_dump(mode="json") for op in ops]}
        response = self._request("POST", "/sync/push", json_body=body)
        return _parse(PushResponse, response)

    def pull(self, cursor: str | None, limit: int) -> tuple[PullResponse, int | None]:
        """`GET /sync/pull`: a page of changes and about how many more wait."""
        response = self._request(
            "GET", "/sync/pull", params={"cursor": cursor or "", "limit": limit}
        )
        page = _parse_page(response)
        remaining = response.headers.get(REMAINING_HEADER)
        return page, int(remaining) if remaining and remaining.isdigit() else None


def _parse(model: type[M], response: requests.Response) -> M:
    # A 200 whose body is not the promised shape is an answer lost on the way (a
    # connection cut inside the headers reads as an empty body), not a server verdict:
    # nothing it would have said is known, so the caller treats it like no answer.
    try:
        return model.model_validate_json(response.content)
    except ValidationError as error:
        raise ServerUnreachable(
            f"服务器的回答不完整或无法读取 / the server's answer was incomplete: {error}"
        ) from error


def _parse_page(response: requests.Response) -> PullResponse:
    # orjson reads a multi-megabyte first-sync page several times faster than pydantic's
    # JSON reader builds the same untyped objects; the envelope is validated as usual.
    try:
        return PullResponse.model_validate(orjson.loads(response.content))
    except (orjson.JSONDecodeError, ValidationError) as error:
        raise ServerUnreachable(
            f"服务器的回答不完整或无法读取 / the server's answer was incomplete: {error}"
        ) from error


def _failure(response: requests.Response) -> ApiFailure:
    code = message = None
    details = None
    try:
        error = response.json().get("error", {})
        code, message, details = error.get("code"), error.get("message"), error.get("details")
    except (ValueError, AttributeError):
        pass
    text = message or f"HTTP {response.status_code}"
    status = response.status_code
    kind: type[ApiFailure]
    if status == 401:
        kind = SignInRequired
    elif status == 426:
        kind = UpgradeRequired
    elif status in RETRY_STATUSES:
        kind = ServerBusy
    else:
        kind = RequestRefused
    return kind(text, status=status, code=code, details=details)
