"""Server throughput and latency: GET /cases pages and POST /plans/preview on PostgreSQL.

Seeds a throwaway PostgreSQL cluster with 100,000 cases (or `--db` an existing empty
database), starts `agentdesk-server serve` and, as the ceiling, a bare FastAPI endpoint
under the same uvicorn settings, then drives each with 50 concurrent keep-alive clients
on loopback for a fixed time (wrk when installed, else a thread-pool load generator) and
prints requests/s and p50/p99 latency side by side.

Targets: p99 under 100 ms; at least a third of the bare endpoint's throughput.

    uv run python benchmarks/bench_server.py [--cases 100000] [--duration 15] [--workers 2]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from fastapi import FastAPI  # noqa: E402

# The ceiling: the least a FastAPI endpoint can do (no auth, no database), same uvicorn.
bare_app = FastAPI()


@bare_app.get("/bare")
def bare() -> dict[str, str]:
    return {"status": "ok"}


# seed-demo generates at most this many loans; larger portfolios are copies of them.
BASE_CASES = 10_000


@dataclass
class Result:
    name: str
    requests: int
    errors: int
    seconds: float
    p50_ms: float
    p99_ms: float

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_up(url: str, timeout: float = 120) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"server at {url} did not come up")


def seed(url: str, cases: int) -> dict[str, list[str]]:
    """Migrate, seed `cases` demo cases, give each user a known token; return tokens."""
    from sqlalchemy import select

    from agentdesk.domain.authority import read_authority_policy
    from agentdesk.server.db import make_engine, session_factory, transaction
    from agentdesk.server.migrate import upgrade
    from agentdesk.server.models import DeviceSession, User
    from agentdesk.server.security import token_digest
    from agentdesk.server.seed.demo import seed_demo
    from portfolio_copies import copy_portfolio

    engine = make_engine(url)
    upgrade(engine)
    started = time.perf_counter()
    with session_factory(engine)() as db:
        seeded = db.scalars(select(User.id).limit(1)).first() is not None
    if seeded:
        print("database already seeded: reusing it", flush=True)
    else:
        # A base portfolio of up to BASE_CASES loans made by seed-demo, then copies of it
        # made inside the database (minutes of Python generation become seconds).
        blocks = -(-cases // BASE_CASES)
        base = -(-cases // blocks)
        with transaction(session_factory(engine)) as db:
            seed_demo(db, seed=11, cases=base, policy=read_authority_policy(), plans=20)
            generated = time.perf_counter() - started
            copy_portfolio(db.connection(), blocks - 1)
        print(
            f"seeded {base * blocks:,} cases in {time.perf_counter() - started:.1f} s "
            f"({base:,} generated in {generated:.1f} s, {blocks - 1} copies made by the database)",
            flush=True,
        )
    tokens: dict[str, list[str]] = {"agent": [], "admin": [], "lead": []}
    now = datetime.now(UTC)
    with transaction(session_factory(engine)) as db:
        for user in db.scalars(select(User)):
            token = f"bench-{user.username}"
            tokens[user.role].append(token)
            known = select(DeviceSession.id).where(DeviceSession.token_hash == token_digest(token))
            if db.scalars(known).first() is not None:
                continue
            db.add(
                DeviceSession(
                    user_id=user.id,
                    device_name="bench",
                    token_hash=token_digest(token),
                    created_at=now,
                    expires_at=now + timedelta(days=7),
                )
            )
    with engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
        conn.commit()
    engine.dispose()
    return tokens


def build_requests(base: str, tokens: dict[str, list[str]]) -> dict[str, list[tuple]]:
    """Request mixes per scenario: (method, path, token, json body or None)."""
    import httpx

    pages: list[tuple] = []
    previews: list[tuple] = []
    with httpx.Client(base_url=base, timeout=30) as client:
        for token in tokens["agent"]:
            headers = {"Authorization": f"Bearer {token}"}
            cursor = None
            for _ in range(10):  # the first ten pages of each agent's queue
                path = "/api/v1/cases?limit=50" + (f"&cursor={cursor}" if cursor else "")
                r = client.get(path, headers=headers)
                r.raise_for_status()
                pages.append(("GET", path, token, None))
                cursor = r.json()["next_cursor"]
                if not cursor:
                    break
            # Previews on cases still inside their term (early buckets).
            r = client.get("/api/v1/cases?limit=50&bucket=M1", headers=headers)
            r.raise_for_status()
            case_ids = [c["id"] for c in r.json()["items"]]
            for case_id in case_ids[:50]:
                previews.append(
                    (
                        "POST",
                        "/api/v1/plans/preview",
                        token,
                        {"case_id": case_id, "options": {"extra_months": 6}},
                    )
                )
    admin = tokens["admin"][0]
    admin_pages = [("GET", "/api/v1/cases?limit=50&include_total=false", admin, None)]
    random.Random(5).shuffle(pages)
    return {
        "bare": [("GET", "/bare", "", None)],
        "cases_page_agents": pages,
        "cases_first_page_admin": admin_pages,
        "plans_preview": previews,
    }


def run_wrk(base: str, reqs: list[tuple], seconds: int, connections: int, threads: int) -> Result:
    script = Path(tempfile.mkdtemp()) / "mix.lua"
    lines = []
    for method, path, token, body in reqs:
        lines.append("\t".join([method, path, token, json.dumps(body) if body is not None else ""]))
    (script.parent / "mix.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    script.write_text(
        f"""
local reqs = {{}}
local i = 0
init = function(args)
  for line in io.lines("{script.parent / "mix.tsv"}") do
    local method, path, token, body = line:match("^([^\\t]*)\\t([^\\t]*)\\t([^\\t]*)\\t(.*)$")
    local headers = {{["Content-Type"] = "application/json"}}
    if token ~= "" then headers["Authorization"] = "Bearer " .. token end
    if body == "" then body = nil end
    table.insert(reqs, wrk.format(method, path, headers, body))
  end
  i = math.random(#reqs)
end
request = function()
  i = i % #reqs + 1
  return reqs[i]
end
""",
        encoding="utf-8",
    )
    out = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--latency",
            "--timeout",
            "10s",
            "-s",
            str(script),
            base,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    shutil.rmtree(script.parent, ignore_errors=True)

    def ms(label: str) -> float:
        m = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        if not m:
            return float("nan")
        return float(m.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[m.group(2)]

    total = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    secs = float(re.search(r"requests in ([\d.]+)s", out).group(1))  # type: ignore[union-attr]
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = int(bad.group(1)) if bad else 0
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    if sock:
        errors += sum(int(x) for x in sock.groups())
    return Result("", total, errors, secs, ms("50"), ms("99"))


def run_threads(base: str, reqs: list[tuple], seconds: int, connections: int) -> Result:
    """Fallback load generator: `connections` threads, each a keep-alive httpx client."""
    import httpx

    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client(n: int) -> None:
        nonlocal errors
        mine: list[float] = []
        bad = 0
        rng = random.Random(n)
        with httpx.Client(base_url=base, timeout=10) as c:
            while time.monotonic() < stop:
                method, path, token, body = rng.choice(reqs)
                headers = {"Authorization": f"Bearer {token}"} if token else {}
                t = time.perf_counter()
                r = c.request(method, path, headers=headers, json=body)
                mine.append(time.perf_counter() - t)
                bad += r.status_code >= 300
        with lock:
            latencies.extend(mine)
            errors += bad

    started = time.monotonic()
    workers = [threading.Thread(target=client, args=(n,)) for n in range(connections)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    elapsed = time.monotonic() - started
    q = statistics.quantiles(latencies, n=100)
    return Result("", len(latencies), errors, elapsed, q[49] * 1000, q[98] * 1000)


def start_server(cmd: list[str], env: dict[str, str], health: str) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(
        cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    _wait_up(health)
    return proc


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    import signal

    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(proc.pid, signal.SIGKILL)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--duration", type=int, default=15, help="seconds per scenario")
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes")
    parser.add_argument(
        "--db", help="an empty PostgreSQL database URL (default: throwaway cluster)"
    )
    parser.add_argument("--python-load", action="store_true", help="use the thread load generator")
    args = parser.parse_args()

    cluster = None
    url = args.db
    if url is None:
        from tests.support.postgres import start_cluster

        cluster = start_cluster()
        url = cluster.create_database("bench")
    servers: list[subprocess.Popen[bytes]] = []
    try:
        tokens = seed(url, args.cases)
        env = {**os.environ, "AGENTDESK_SERVER_DB": url, "PYTHONPATH": str(ROOT / "src")}
        uvicorn_opts = [
            "--host",
            "127.0.0.1",
            "--workers",
            str(args.workers),
            "--no-access-log",
            "--log-level",
            "warning",
        ]
        app_port, bare_port = _free_port(), _free_port()
        servers.append(
            start_server(
                [
                    sys.executable,
                    "-m",
                    "uvicorn",
                    "agentdesk.server.app:app_from_env",
                    "--factory",
                    "--port",
                    str(app_port),
                    *uvicorn_opts,
                ],
                env,
                f"http://127.0.0.1:{app_port}/api/v1/health",
            )
        )
        servers.append(
            start_server(
                [
                    sys.executable,
                    "-m",
                    "uvicorn",
                    "bench_server:bare_app",
                    "--app-dir",
                    str(ROOT / "benchmarks"),
                    "--port",
                    str(bare_port),
                    *uvicorn_opts,
                ],
                env,
                f"http://127.0.0.1:{bare_port}/bare",
            )
        )
        mixes = build_requests(f"http://127.0.0.1:{app_port}", tokens)
        use_wrk = shutil.which("wrk") is not None and not args.python_load
        print(
            f"load: {args.connections} keep-alive clients for {args.duration} s each, "
            f"{'wrk' if use_wrk else 'python threads'}; uvicorn workers: {args.workers}; "
            f"{os.cpu_count()} CPUs shared by servers, database and load generator",
            flush=True,
        )
        results = []
        for name, reqs in mixes.items():
            base = f"http://127.0.0.1:{bare_port if name == 'bare' else app_port}"
            # Warm up (connection pools, caches), then measure.
            if use_wrk:
                run_wrk(base, reqs, 3, args.connections, 2)
                r = run_wrk(base, reqs, args.duration, args.connections, 2)
            else:
                run_threads(base, reqs, 3, args.connections)
                r = run_threads(base, reqs, args.duration, args.connections)
            r.name = name
            results.append(r)
            print(
                f"  {name:<24} {r.rps:>8.0f} req/s   p50 {r.p50_ms:>7.1f} ms   "
                f"p99 {r.p99_ms:>7.1f} ms   errors {r.errors}",
                flush=True,
            )
        ceiling = results[0].rps
        print(
            "\nscenario                  req/s    p50 ms   p99 ms   of bare   p99<100ms  >=1/3 bare"
        )
        for r in results:
            share = r.rps / ceiling if ceiling else 0
            fast = "yes" if r.p99_ms < 100 else "NO"
            enough = "yes" if share >= 1 / 3 else "NO"
            print(
                f"{r.name:<24} {r.rps:>7.0f} {r.p50_ms:>8.1f} {r.p99_ms:>8.1f} {share:>8.0%}"
                f"   {fast:>9}  {enough:>10}"
            )
        # Little's law: with N clients always waiting, mean latency = N / throughput, so a
        # p99 under 100 ms needs well over N x 10 requests/s from the endpoint itself.
        print(
            f"\nwith {args.connections} clients the mean latency is {args.connections} / "
            f"throughput: p99 < 100 ms needs more than {args.connections * 10} req/s"
        )
    finally:
        for s in servers:
            stop_server(s)
        if cluster is not None:
            cluster.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
