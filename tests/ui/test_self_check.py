"""`agentdesk --self-check` from source: everything shipped loads, and breakage is reported."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from agentdesk.domain.compliance import SHIPPED_PROFILES
from agentdesk.paths import forms_dir, resources_dir
from agentdesk.ui.self_check import SelfCheckReport, run_self_check


@pytest.fixture(scope="module")
def source_report() -> SelfCheckReport:
    return run_self_check()


@pytest.fixture
def shipped_copy(tmp_path: Path) -> tuple[Path, Path]:
    """A throwaway copy of resources/ and forms/ that a test may break."""
    resources = tmp_path / "resources"
    forms = tmp_path / "forms"
    shutil.copytree(resources_dir(), resources)
    shutil.copytree(forms_dir(), forms)
    return resources, forms


def _problems(report: SelfCheckReport) -> dict[tuple[str, str], str]:
    return {(p.area, p.item): p.reason for p in report.problems}


def test_everything_shipped_loads_from_source(source_report: SelfCheckReport) -> None:
    assert source_report.ok, source_report.text()
    checked = source_report.checked
    assert sorted(checked["forms"]) == sorted(p.name for p in forms_dir().glob("*.ui"))
    assert {"agentdesk_zh_CN.qm", "agentdesk_en.qm", "qtbase_zh_CN.qm"} <= set(
        checked["translations"])
    assert set(checked["policies"]) == {"authority.yaml", "banned_conduct.yaml",
                                        *(f"{p}.yaml" for p in SHIPPED_PROFILES)}
    shipped_scripts = {p.relative_to(resources_dir() / "scripts").as_posix()
                       for p in (resources_dir() / "scripts").rglob("*.yaml")}
    assert set(checked["scripts"]) == shipped_scripts
    assert "agentdesk.svg" in checked["icons"]
    assert "agentdesk.ui.plan_dialog" in checked["modules"]
    assert "self-check passed" in source_report.text()


def test_missing_and_corrupt_files_are_reported(shipped_copy: tuple[Path, Path]) -> None:
    resources, forms = shipped_copy
    (resources / "policies" / "cn.yaml").unlink()
    (resources / "policies" / "authority.yaml").write_text("roles: [unclosed\n", encoding="utf-8")
    (resources / "translations" / "agentdesk_en.qm").write_bytes(b"not a qm file")
    (resources / "icons" / "agentdesk-32.png").write_bytes(b"\x89PNG broken")
    script = resources / "scripts" / "en" / "negotiation.yaml"
    script.write_text(script.read_text(encoding="utf-8").replace("steps:", "stepz:", 1),
                      encoding="utf-8")
    (forms / "sign_in.ui").write_text("<ui><widget", encoding="utf-8")
    (forms / "ledger.ui").write_text(
        '<ui version="4.0"><widget class="QWidget" name="Ledger"/></ui>', encoding="utf-8")

    report = run_self_check(resources, forms)
    problems = _problems(report)
    assert not report.ok
    assert problems[("policies", "cn.yaml")].endswith("missing")
    assert ("policies", "authority.yaml") in problems
    assert "not a Qt translation" in problems[("translations", "agentdesk_en.qm")]
    assert ("translations", "agentdesk_zh_CN.qm") not in problems
    assert "not a readable image" in problems[("icons", "agentdesk-32.png")]
    assert ("scripts", "en/negotiation.yaml") in problems
    assert "ParseError" in problems[("forms", "sign_in.ui")]
    assert "no compiled form class ui_ledger" in problems[("forms", "ledger.ui")]
    # Everything intact is still checked and passes.
    assert "case_view.ui" in report.checked["forms"]
    assert "zh_CN/negotiation.yaml" in report.checked["scripts"]
    assert report.text().splitlines()[-1] == f"self-check FAILED: {len(report.problems)} problem(s)"


def test_missing_folders_are_reported(tmp_path: Path) -> None:
    report = run_self_check(tmp_path / "nothing", tmp_path / "no-forms")
    problems = _problems(report)
    assert ("icons", "agentdesk.svg") in problems
    assert ("forms", str(tmp_path / "no-forms")) in problems
    assert ("scripts", "zh_CN") in problems and ("scripts", "en") in problems
    assert problems[("translations", "agentdesk_zh_CN.qm")].endswith("missing")


def test_a_malformed_machine_file_fails_the_check(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    machine = tmp_path / "client.ini"
    machine.write_text("[server]\nurl = agentdesk.example.com\n", encoding="utf-8")
    monkeypatch.setenv("AGENTDESK_CLIENT_CONFIG", str(machine))
    report = run_self_check()
    assert "invalid server url" in _problems(report)[("configuration", str(machine))]

    machine.write_text("[server]\nurl = https://desk.example.com:8443\n", encoding="utf-8")
    report = run_self_check(server="https://cli.example.com")
    assert report.ok, report.text()
    assert "server: https://cli.example.com (from the command line)" in report.notes


def test_the_command_runs_the_check(tmp_path: Path) -> None:
    env = {"QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path),
           "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "AGENTDESK_CLIENT_CONFIG": str(tmp_path / "client.ini")}
    (tmp_path / "client.ini").write_text("[server]\nurl = https://it.example.com\n")
    done = subprocess.run([sys.executable, "-m", "agentdesk", "--self-check"],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "server: https://it.example.com (from the machine configuration)" in done.stdout
    assert done.stdout.strip().endswith("self-check passed")

    (tmp_path / "client.ini").write_text("[server]\nulr = https://it.example.com\n")
    done = subprocess.run([sys.executable, "-m", "agentdesk", "--self-check"],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 1
    assert "unknown entry [server] ulr" in done.stdout
