"""Both languages are complete, and the generated forms and catalogues are up to date."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from agentdesk.paths import resources_dir

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_every_string_is_translated(language: str) -> None:
    ts = resources_dir() / "translations" / f"agentdesk_{language}.ts"
    missing = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            forms = [f.text for f in translation.findall("numerusform")] \
                if message.get("numerus") == "yes" else [translation.text]
            if translation.get("type") in ("unfinished", "vanished", "obsolete") \
                    or not all(f and f.strip() for f in forms):
                missing.append(f"{name}: {message.findtext('source')!r}")
    assert not missing, f"{len(missing)} untranslated in {ts.name}:\n" + "\n".join(missing)


def test_chinese_differs_from_the_source_where_it_should() -> None:
    ts = resources_dir() / "translations" / "agentdesk_zh_CN.ts"
    same = [m.findtext("source") for m in ET.parse(ts).getroot().iter("message")
            if m.findtext("translation") == m.findtext("source")
            and any(c.isalpha() and c.isascii() for c in m.findtext("source") or "")
            and (m.findtext("source") or "") not in {"DPD", "M1", "M2", "M3", "M3+", "SMS"}]
    # Brand names and placeholders may stay; sentences may not.
    assert not [s for s in same if s and " " in s.strip()], same


def test_generated_files_are_up_to_date() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "build_ui.py"), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
