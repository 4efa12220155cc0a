"""How long the plan dialog takes to follow one change of an option (offscreen).

    python benchmarks/bench_plan_dialog.py [--rounds 300]

Each round changes the extension by one month, which reruns the plan engine and redraws
the schedule table, the before/after chart, the concessions, affordability and the
authority verdict — what an agent waits for on every keystroke in the dialog. Prints
the median and the 95th percentile in milliseconds; one frame at 60 Hz is 16.7 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=300)
    args = parser.parse_args()

    from PySide6.QtCore import QEventLoop
    from tests.ui.call_plan_cases import TODAY, make_context, seed_case

    from agentdesk.domain.vocabulary import Language
    from agentdesk.ui.app import create_application
    from agentdesk.ui.plan_dialog import PlanProposalDialog

    create_application(Language.EN)
    loop = QEventLoop()  # an instance: PySide6 6.12's static processEvents leaks
    with tempfile.TemporaryDirectory() as tmp:
        context = make_context(Path(tmp), datetime(2026, 11, 28, 2, 0, tzinfo=UTC))
        case = seed_case(context.store)
        dialog = PlanProposalDialog(context, case.case_id, today=TODAY)
        dialog.resize(1280, 820)
        dialog.show()
        loop.processEvents()
        spin = dialog.ui.extensionSpin
        timings = []
        for n in range(args.rounds):
            start = time.perf_counter()
            spin.setValue((n % 24) + 1)  # recomputes synchronously
            loop.processEvents()  # let the table and the chart repaint
            timings.append((time.perf_counter() - start) * 1000)
        dialog.close()
        context.close()
    timings.sort()
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(f"plan dialog, one option change ({args.rounds} rounds): "
          f"median {statistics.median(timings):.2f} ms, p95 {p95:.2f} ms, "
          f"max {timings[-1]:.2f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
