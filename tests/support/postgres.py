"""A throwaway PostgreSQL cluster for tests and benchmarks.

`initdb` refuses to run as root, so when the tests run as root the cluster's folder is
given to the `postgres` OS user and every server binary runs as that user. The cluster
listens on 127.0.0.1 on a free port, trusts local connections, and is removed on stop.
"""

from __future__ import annotations

import atexit
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path


class PostgresUnavailable(RuntimeError):
    """No PostgreSQL server binaries (or no way to run them) on this machine."""


def find_bindir() -> Path:
    """The folder holding initdb/pg_ctl: pg_config's answer, else the newest Debian install."""
    candidates: list[Path] = []
    env = os.environ.get("AGENTDESK_PG_BINDIR")
    if env:
        candidates.append(Path(env))
    pg_config = shutil.which("pg_config")
    if pg_config:
        try:
            out = subprocess.run(
                [pg_config, "--bindir"], capture_output=True, text=True, check=True, timeout=10
            )
            candidates.append(Path(out.stdout.strip()))
        except (subprocess.SubprocessError, OSError):
            pass
    versions = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"),
        key=lambda p: int(Path(p).parent.name) if Path(p).parent.name.isdigit() else 0,
        reverse=True,
    )
    candidates += [Path(p) for p in versions]
    candidates += [Path(p) for p in glob.glob("/usr/local/pgsql/bin")]
    initdb = shutil.which("initdb")
    if initdb:
        candidates.append(Path(initdb).parent)
    for c in candidates:
        if (c / "initdb").is_file() and (c / "pg_ctl").is_file():
            return c
    raise PostgresUnavailable("PostgreSQL server binaries (initdb, pg_ctl) not found")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class PostgresCluster:
    """A running throwaway cluster; `url(db)` gives a psycopg SQLAlchemy URL."""

    bindir: Path
    root: Path
    port: int
    user: str = "postgres"
    run_as: str | None = None
    _started: bool = field(default=False, repr=False)

    @property
    def datadir(self) -> Path:
        return self.root / "data"

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{self.user}@127.0.0.1:{self.port}/{database}"

    def _cmd(self, *args: str) -> list[str]:
        if self.run_as:
            runuser = shutil.which("runuser")
            if runuser:
                return [runuser, "-u", self.run_as, "--", *args]
            return ["su", self.run_as, "-s", "/bin/sh", "-c", " ".join(args)]
        return list(args)

    def _run(self, *args: str, timeout: float = 120) -> None:
        proc = subprocess.run(
            self._cmd(*args), capture_output=True, text=True, timeout=timeout, cwd=str(self.root)
        )
        if proc.returncode != 0:
            raise PostgresUnavailable(
                f"{Path(args[0]).name} failed ({proc.returncode}): {proc.stderr or proc.stdout}"
            )

    def start(self) -> PostgresCluster:
        self._run(
            str(self.bindir / "initdb"),
            "-D",
            str(self.datadir),
            "-U",
            self.user,
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C",
            "--no-sync",
        )
        conf = self.datadir / "postgresql.conf"
        with conf.open("a") as f:
            # Durability is not what a throwaway test cluster is for.
            f.write(
                "\nlisten_addresses = '127.0.0.1'\n"
                f"port = {self.port}\n"
                f"unix_socket_directories = '{self.root}'\n"
                "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
                "max_connections = 300\nshared_buffers = 256MB\n"
            )
        self._run(
            str(self.bindir / "pg_ctl"),
            "-D",
            str(self.datadir),
            "-l",
            str(self.root / "server.log"),
            "-w",
            "-t",
            "60",
            "start",
        )
        self._started = True
        self._wait_ready()
        return self

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.1)
        raise PostgresUnavailable("PostgreSQL did not start listening in 30 s")

    def create_database(self, name: str, template: str | None = None) -> str:
        """Create a database (optionally copied from `template`) and return its URL."""
        import psycopg

        sql = f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")
        with psycopg.connect(
            f"host=127.0.0.1 port={self.port} user={self.user} dbname=postgres", autocommit=True
        ) as conn:
            conn.execute(sql)  # type: ignore[arg-type]
        return self.url(name)

    def drop_database(self, name: str) -> None:
        """Drop a database, disconnecting anyone still using it."""
        import psycopg

        with psycopg.connect(
            f"host=127.0.0.1 port={self.port} user={self.user} dbname=postgres", autocommit=True
        ) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')  # type: ignore[arg-type]

    def stop(self) -> None:
        """Stop the server and delete its files."""
        try:
            if self._started:
                self._run(
                    str(self.bindir / "pg_ctl"),
                    "-D",
                    str(self.datadir),
                    "-m",
                    "immediate",
                    "-w",
                    "stop",
                    timeout=60,
                )
        finally:
            self._started = False
            shutil.rmtree(self.root, ignore_errors=True)


def start_cluster() -> PostgresCluster:
    """Start a throwaway cluster; raises PostgresUnavailable when that cannot be done."""
    try:
        import psycopg  # noqa: F401
    except ImportError as exc:
        raise PostgresUnavailable("psycopg is not installed (the `postgres` extra)") from exc
    bindir = find_bindir()
    root = Path(tempfile.mkdtemp(prefix="agentdesk-pg-"))
    run_as: str | None = None
    if os.geteuid() == 0:
        try:
            pw = pwd.getpwnam("postgres")
        except KeyError as exc:
            shutil.rmtree(root, ignore_errors=True)
            raise PostgresUnavailable("running as root and no `postgres` OS user") from exc
        os.chown(root, pw.pw_uid, pw.pw_gid)
        os.chmod(root, 0o700)
        run_as = "postgres"
    # The temp root's parents must be traversable by the postgres user.
    cluster = PostgresCluster(bindir=bindir, root=root, port=_free_port(), run_as=run_as)
    try:
        cluster.start()
    except BaseException:
        cluster.stop()
        raise
    # Also stop it if the process ends without its owner's teardown (an interrupted run).
    atexit.register(cluster.stop)
    return cluster
