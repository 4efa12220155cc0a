"""The desktop with 100,000 local cases: typing, sorting, opening a case, cold start, memory.

Measures the real widgets (the main window, its queue table and the case view) on the
offscreen platform (or the display, if there is one), with the targets of issue 9:

- typing search strings into the search box, one keystroke at a time: from the key
  press until the event loop is idle again, so each includes the search, the model
  update and the painting of every widget the keystroke changed (the rows, the search
  box, the scroll bar), as one frame would (median < 16 ms, max < 100 ms). A match of
  more than `COUNT_CAP` cases shows its rows first and its full count ~30 ms after the
  last keystroke (`CaseQueueModel.settle_count`): that is timed apart, from the key
  press until the count is shown, with the count's own CPU time;
- sorting the queue by each column, both ways, by clicking the header's sort, timed
  the same way (median < 50 ms);
- opening a case with 200 history items in its tab, painted (median < 50 ms), and the
  same open timed until the event loop is idle (the new widgets polished, laid out and
  the window painted);
- cold start to a shown main window with 10,000 local cases, side by side with a bare
  PySide6 window started the same way in the same run (within 1.5 ×): the path a user
  takes — `agentdesk` with a saved sign-in (settings, the local store found in the data
  folder, a keyring that holds a token) until the main window's first paint in the
  event loop, against a bare window shown by the same event loop. As a reference, the
  window built by a script (`Desktop` on an open store, shown, then repainted) against
  a bare window built so: it has none of what `agentdesk` does for its start (the
  collector paused, fontconfig read on a thread) and paints twice. Each start prints
  its process CPU time at that moment too. The ratio is each pair's ratio (its two
  starts ran back to back), averaged as logarithms (a geometric mean), with a 95 %
  bootstrap interval over the pairs: the verdict is "ok" when the whole interval is
  within 1.5 ×, "not shown" when it spans 1.5 ×. The ratio of the two sides' medians
  is printed beside it;
- resident memory of this process with 100,000 cases open in the window (< 400 MB);
- where the system's file cache can be dropped (Linux, as root): the first keystrokes
  after a restart, in a fresh window over the 100,000 cases, with and without the queue
  read ahead as the desktop does after its first paint;
- with `--instructions`: the user's start and the bare window's counted in instructions
  under valgrind, which, unlike times, do not move with what else the machine runs.

Run: `python benchmarks/bench_desktop.py [--cases 100000] [--keep DIR] [--start-only]
[--starts 30] [--instructions]`.
"""

from __future__ import annotations

import argparse
import math
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_queue  # noqa: E402  (the queue benchmark's portfolio generator)
from agentdesk.client.changes import apply_changes  # noqa: E402
from agentdesk.client.store import LocalStore  # noqa: E402
from agentdesk.protocol.sync import PullResponse  # noqa: E402

SEARCHES = ("zhang", "zs", "wangf", "138", "LN2023", "张三", "李")
REPEAT = 7

BARE_START = """
import time, sys
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView
app = QApplication(sys.argv[:1])
window = QMainWindow(); window.setCentralWidget(QTableView()); window.resize(1280, 780)
window.show(); app.processEvents(); window.repaint()
print("shown", time.process_time(), time.thread_time(), flush=True)
"""

APP_START = """
import sys
from pathlib import Path
from agentdesk.client.store import LocalStore
from agentdesk.domain.vocabulary import Language, Role
from agentdesk.ui.app import create_application
from agentdesk.ui.context import SessionUser
from agentdesk.ui.launch import Desktop, LaunchOptions
from agentdesk.ui.session import Session
from agentdesk.client.credentials import CredentialStore
from agentdesk.ui.settings import UserSettings
app = create_application(Language.ZH_CN)
store = LocalStore(Path(sys.argv[1]))
user = SessionUser("u1", "agent1", "王芳", Role.AGENT)
session = Session("http://127.0.0.1:9", user, store, None)
options = LaunchOptions(settings_path=Path(sys.argv[2]))
desk = Desktop(session, credentials=CredentialStore(), settings=UserSettings(
    options.settings_path), language=Language.ZH_CN, options=options)
desk.show(sync=False); app.processEvents(); desk.window.repaint()
import time
print("shown", time.process_time(), time.thread_time(), flush=True)
desk.close()
"""

FIRST_PAINT = """
import os, sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMainWindow

def report():
    print("shown", time.process_time(), time.thread_time(), flush=True)
    os._exit(0)

def first_paint(window_class):
    # The window's own paint handler, wrapped: no filter sees the other events.
    def paintEvent(self, event):
        QMainWindow.paintEvent(self, event)
        QTimer.singleShot(0, report)  # once this paint (the children's too) is done
    window_class.paintEvent = paintEvent
"""
"""Reports the first paint of a main window, as the event loop does it (then exits)."""

BARE_LOOP = FIRST_PAINT + """
from PySide6.QtWidgets import QApplication, QTableView
class Window(QMainWindow):
    pass
first_paint(Window)
app = QApplication(sys.argv[:1])
window = Window(); window.setCentralWidget(QTableView()); window.resize(1280, 780)
window.show()
app.exec()
"""

AFTER_LOADING = """
import os, sys, time

class AfterLoading:
    \"\"\"Runs `then(module)` once the module `name` has loaded: nothing is imported
    ahead of what `agentdesk` itself imports, in its own order.\"\"\"

    def __init__(self, name, then):
        self.name, self.then = name, then

    def find_spec(self, name, path, target=None):
        if name != self.name:
            return None
        sys.meta_path.remove(self)
        spec = next(filter(None, (f.find_spec(name, path, target) for f in sys.meta_path)))
        load = spec.loader.exec_module

        def exec_module(module):
            load(module)
            self.then(module)

        spec.loader.exec_module = exec_module
        return spec
"""

USER_START = AFTER_LOADING + """
def report_first_paint(module):
    from PySide6.QtCore import QTimer

    def report():
        print("shown", time.process_time(), time.thread_time(), flush=True)
        os._exit(0)

    own = module.MainWindow.paintEvent

    def paintEvent(self, event):
        own(self, event)
        QTimer.singleShot(0, report)  # once this paint (the children's too) is done
    module.MainWindow.paintEvent = paintEvent

sys.meta_path.insert(0, AfterLoading("agentdesk.ui.main_window", report_first_paint))
from agentdesk.cli import main
sys.exit(main([]))
"""
"""What `agentdesk` runs, with the event loop's first paint reported."""

UNDER_VALGRIND = """
def hold_back(module):
    # Under valgrind the start runs ~50 times slower: the desktop's 2 s fallback and
    # the status bar's 300 ms refresh would fire before the first paint.
    from agentdesk.ui.sync_status import SyncStatus

    module.Desktop._after_first_paint = lambda self: None
    SyncStatus._retranslate = lambda self: None

sys.meta_path.insert(0, AfterLoading("agentdesk.ui.launch", hold_back))
"""
"""Put into USER_START, before `agentdesk` runs, when counting its instructions."""

START_SERVER = "http://127.0.0.1:9"


def user_home(folder: Path, store: Path) -> dict[str, str]:
    """Settings, data folder and keyring of a user who stayed signed in (as environment)."""
    import shutil

    from agentdesk.client.credentials import TokenStorage
    from agentdesk.client.paths import APP_NAME, store_path

    home = folder / "start-home"
    config, data = home / "config", home / "data"
    target = store_path(START_SERVER, "agent1", data_dir=data / APP_NAME)
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(store, target)
        copy = LocalStore(target)
        copy.set_meta("session_user", '{"user_id": "u1", "username": "agent1", '
                      '"display_name": "王芳", "role": "agent", "team": null, '
                      '"language": "zh_CN"}')
        copy.set_meta("server_url", START_SERVER)
        copy.set_meta("token_storage", TokenStorage.KEYRING.value)
        copy.close()
    (config / "AgentDesk").mkdir(parents=True, exist_ok=True)
    (config / "AgentDesk" / "AgentDesk.conf").write_text(
        f"[General]\nserver_url={START_SERVER}\nlast_username=agent1\nlanguage=zh_CN\n")
    return {**os.environ, "XDG_CONFIG_HOME": str(config), "XDG_DATA_HOME": str(data),
            "PYTHON_KEYRING_BACKEND": "start_keyring.StartKeyring",
            "PYTHONPATH": os.pathsep.join(filter(None, [str(HERE),
                                                        os.environ.get("PYTHONPATH")]))}


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.2f} ms"


def rss_mb() -> float:
    """Peak resident memory of this process."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def ensure_store(folder: Path, cases: int, history_case: bool) -> Path:
    """A store with `cases` cases under `folder` (built once, kept with --keep)."""
    path = folder / f"desktop-{cases}.sqlite3"
    if path.exists():
        return path
    started = time.perf_counter()
    store, _ = bench_queue.build_store(path, cases)
    if history_case:
        with store.read() as db:
            case_id = db.execute("SELECT case_id FROM cases ORDER BY priority DESC LIMIT 1"
                                 ).fetchone()[0]
        apply_changes(store, PullResponse(
            changes=tuple(bench_queue.history_changes(case_id, 200, 10_000_000)),
            next_cursor="history", has_more=False))
    store.close()
    print(f"built a store of {cases:,} cases in {time.perf_counter() - started:.1f} s")
    return path


def time_start(code: str, *args: str, env: dict[str, str] | None = None
               ) -> tuple[float, float, float]:
    """Seconds from starting a Python process to its window being shown and painted,
    and the CPU seconds by then of the process and of its GUI thread."""
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE,
                               text=True, env=env)
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith("shown"):
            elapsed = time.perf_counter() - started
            cpu, gui_thread = (float(x) for x in line.split()[1:3])
            break
    else:
        raise RuntimeError(f"the window was never shown (exit code {process.wait()})")
    process.wait()
    return elapsed, cpu, gui_thread


def compile_modules() -> None:
    """Compile the app's modules, as installing it does.

    With PYTHONDONTWRITEBYTECODE set, Python keeps no compiled modules and compiles
    every module changed since the last compile again on every start: the starts would
    then measure the compiler, which no installed app runs."""
    import compileall

    import agentdesk

    compileall.compile_dir(Path(agentdesk.__file__).parent, quiet=1)


def count_instructions(code: str, env: dict[str, str] | None) -> int | None:
    """Instructions a start runs until its first paint (valgrind; None without it)."""
    import re
    import shutil

    valgrind = shutil.which("valgrind")
    if valgrind is None:
        return None
    result = subprocess.run([valgrind, "--tool=callgrind", "--callgrind-out-file=/dev/null",
                             sys.executable, "-c", code], env={**(env or os.environ),
                                                               "PYTHONHASHSEED": "0"},
                            capture_output=True, text=True, check=False)
    found = re.search(r"refs:\s+([\d,]+)", result.stderr)
    if "shown" not in result.stdout or found is None:
        raise RuntimeError(f"no first paint under valgrind: {result.stderr[-400:]}")
    return int(found[1].replace(",", ""))


def compare_instructions(env: dict[str, str]) -> None:
    """The user's start and the bare window's, counted in instructions (deterministic)."""
    bare = count_instructions(BARE_LOOP, None)
    start = "from agentdesk.cli import main"
    ours = count_instructions(USER_START.replace(start, UNDER_VALGRIND + start), env)
    if bare is None or ours is None:
        print(f"{'instructions to the first paint':<34} skipped (valgrind not found)")
        return
    print(f"{'instructions to the first paint':<34} bare {bare / 1e6:.0f} M, agentdesk"
          f" {ours / 1e6:.0f} M: {ours / bare:.3f} ×")


def compare_starts(label: str, bare_code: str, ours_code: str, *args: str,
                   env: dict[str, str] | None, runs: int, target: bool = True) -> None:
    """Cold starts of a bare window and of ours, alternated, with wall and CPU ratios.

    Each pair runs in turn bare-first and ours-first: a process started right after
    another finds the machine in a different state (caches, clock), and the order would
    otherwise favour one side. The GUI thread's CPU time leaves out what runs beside it
    (fontconfig's set-up) and moves less with the machine's load than the wall time.
    `target=False`: a reference, shown without the target's verdict."""
    bare, ours = [], []
    for run in range(runs):
        if run % 2:
            ours.append(time_start(ours_code, *args, env=env))
            bare.append(time_start(bare_code))
        else:
            bare.append(time_start(bare_code))
            ours.append(time_start(ours_code, *args, env=env))
    for name, values in (("bare PySide6 window", bare), (label, ours)):
        print(summary(f"cold start, {name}", [wall for wall, _, _ in values]))
        print(summary("  its CPU time", [cpu for _, cpu, _ in values]))
        print(summary("  its GUI thread's CPU time", [gui for _, _, gui in values]))

    def ratio(part: int, pairs: Sequence[int] = range(runs)) -> float:
        # Each pair's two starts ran back to back, under the same load: their ratio
        # leaves out what moved both (the load, the clock), which a ratio of the two
        # sides' medians keeps. Averaged as logarithms: a pair 2 × slower and one 2 ×
        # faster weigh the same.
        return math.exp(statistics.fmean(
            math.log(ours[i][part] / bare[i][part]) for i in pairs))

    def ratio_of_medians(part: int) -> float:
        return statistics.median(o[part] for o in ours) / statistics.median(
            b[part] for b in bare)

    wall = ratio(0)
    low, high = ratio_interval(lambda pairs: ratio(0, pairs), runs)
    verdict = "(reference)"
    if target:
        verdict = ("ok" if high <= 1.5 else "OVER TARGET" if low > 1.5
                   else "not shown: the interval spans 1.5 ×") + " (≤ 1.5 ×)"
    print(f"{'':<34} ratio {wall:.2f} × the bare window (95 % interval {low:.2f}–{high:.2f};"
          f" CPU {ratio(1):.2f} ×, GUI thread {ratio(2):.2f} ×)   {verdict}")
    pairs = [o[0] / b[0] for o, b in zip(ours, bare, strict=True)]
    print(f"{'':<34} (pairs' ratios {min(pairs):.2f}–{max(pairs):.2f} ×; ratio of the"
          f" medians {ratio_of_medians(0):.2f} ×)")


def ratio_interval(ratio: Callable[[Sequence[int]], float], runs: int,
                   resamples: int = 2000) -> tuple[float, float]:
    """A 95 % bootstrap interval of a ratio over `runs` pairs of starts.

    The pairs are drawn again with replacement, each pair whole (its two starts ran side
    by side, under the same load); the machine's noise moves a start by tens of
    milliseconds, which one median hides and this interval shows. Seeded: a run's
    figures give the same interval again."""
    import random

    draw = random.Random(0)
    ratios = sorted(ratio([draw.randrange(runs) for _ in range(runs)])
                    for _ in range(resamples))
    return ratios[int(0.025 * resamples)], ratios[int(0.975 * resamples) - 1]


def summary(label: str, values: list[float], target: float | None = None) -> str:
    median, worst = statistics.median(values), max(values)
    verdict = ""
    if target is not None:
        verdict = "  ok" if median < target else "  OVER TARGET"
    return f"{label:<34} median {ms(median)}   max {ms(worst)}   n={len(values)}{verdict}"


def type_one(edit: Any, char: str) -> None:
    """One keystroke; a Chinese character arrives as an input method commits it."""
    from PySide6.QtTest import QTest

    if char.isascii():
        QTest.keyClicks(edit, char)
    else:
        edit.insert(char)


def drop_file_cache() -> bool:
    """Have the system drop its file cache, as after a restart (Linux, as root)."""
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("1\n")
    except OSError:
        return False
    return True


def open_window(path: Path, tmp: str) -> tuple[Any, Any, Any]:
    """The application and a main window over the store at `path`, shown, with its
    context."""
    import gc

    from PySide6.QtTest import QTest

    from agentdesk.domain.vocabulary import Language, Role
    from agentdesk.ui.app import create_application
    from agentdesk.ui.context import AppContext, SessionUser
    from agentdesk.ui.launch import resume_collector
    from agentdesk.ui.main_window import MainWindow
    from agentdesk.ui.settings import UserSettings
    from agentdesk.ui.sync_controller import SyncController

    # As `agentdesk` starts: the collector paused until the window is shown, then what the
    # start made frozen out of later collections. Without it every full collection walks
    # PySide's and the modules' objects again (~30 ms, which a keystroke would then carry).
    gc.disable()
    app = create_application(Language.ZH_CN)
    store = LocalStore(path, clock=lambda: bench_queue.NOW)
    context = AppContext(server_url="http://127.0.0.1:9",
                         user=SessionUser("u1", "agent1", "王芳", Role.AGENT), store=store)
    window = MainWindow(context, SyncController(context), UserSettings(Path(tmp) / "s.ini"))
    window.resize(1280, 780)
    window.show()
    QTest.qWaitForWindowExposed(window)
    resume_collector()
    return app, window, context


def after_restart(path: Path, read_ahead: bool) -> None:
    """The first keystrokes after the computer started (run in a fresh process): the
    window open, then the store out of the system's file cache. `read_ahead`: first the
    queue is read ahead on a worker (`CaseQueue.prefetch`), as the desktop does after its
    first paint while the agent looks at the window."""
    import threading

    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    with tempfile.TemporaryDirectory() as tmp:
        _app, window, context = open_window(path, tmp)
        if not drop_file_cache():
            print(f"{'keystrokes after a restart':<34} skipped (dropping the file cache"
                  " needs root on Linux)")
            return
        if read_ahead:
            started = time.perf_counter()
            reader = threading.Thread(target=context.queue.prefetch)
            reader.start()
            while reader.is_alive():
                QTest.qWait(10)
            print(f"{'  queue read ahead on a worker in':<34} {ms(time.perf_counter() - started)}")
        edit = window.queue_page.ui.searchEdit
        edit.setFocus()
        times = []
        for text in ("138", "zhang", "LN2023"):
            edit.clear()
            QApplication.processEvents()
            for char in text:
                started = time.perf_counter()
                type_one(edit, char)
                QApplication.processEvents()
                times.append(time.perf_counter() - started)
        label = "  then keystrokes" if read_ahead else "keystrokes after a restart"
        print(summary(label, times, 0.016 if read_ahead else None))


def measure_window(path: Path) -> None:
    """Typing, sorting and case opening in a real main window over the store at `path`."""
    from PySide6.QtCore import QEvent, QObject, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from agentdesk.ui.queue_model import COLUMNS

    with tempfile.TemporaryDirectory() as tmp:
        _app, window, context = open_window(path, tmp)
        store = context.store
        page = window.queue_page
        table = page.ui.table
        print(f"queue: {page.model.rowCount():,} cases")

        cpu: dict[str, list[float]] = {}

        class PaintCount(QObject):
            paints = 0

            def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
                if event.type() == QEvent.Type.Paint:
                    self.paints += 1
                return False

        rows_painted = PaintCount()
        table.viewport().installEventFilter(rows_painted)

        def painted(action: Callable[[], object], kind: str = "") -> float:
            before = rows_painted.paints
            started, cpu_started = time.perf_counter(), time.process_time()
            action()
            # What the event loop does next: paint every widget the action changed.
            QApplication.processEvents()
            if rows_painted.paints == before:  # never seen, but then paint them here
                table.viewport().repaint()
            cpu.setdefault(kind, []).append(time.process_time() - cpu_started)
            return time.perf_counter() - started

        keystrokes: list[float] = []
        counted: list[float] = []
        count_cpu: list[float] = []
        first_round = 0
        for round_no in range(3):
            for text in SEARCHES:
                page.ui.searchEdit.clear()
                page.ui.searchEdit.setFocus()
                QApplication.processEvents()
                for char in text:
                    started = time.perf_counter()
                    keystrokes.append(painted(lambda c=char: type_one(page.ui.searchEdit, c),
                                              "key"))
                    if not page.model.counted:  # wait for the full count, as a pause would
                        cpu_started = time.process_time()
                        while not page.model.counted:
                            QTest.qWait(1)
                        counted.append(time.perf_counter() - started)
                        count_cpu.append(time.process_time() - cpu_started)
            page.ui.searchEdit.clear()
            QApplication.processEvents()
            if round_no == 0:
                first_round = len(keystrokes)
        print(summary("search, per keystroke (painted)", keystrokes, 0.016))
        print(summary("  the same, CPU time of this process", cpu["key"], 0.016))
        # The first round shows every case and text for the first time; later rounds
        # find their cells and laid-out texts kept (as retyping does).
        print(summary("  first round only (nothing cached)", keystrokes[:first_round], 0.016))
        print(summary("  first round, CPU time", cpu["key"][:first_round], 0.016))
        print(f"{'':<34} over 100 ms: {sum(k > 0.1 for k in keystrokes)} of {len(keystrokes)}")
        if counted:
            print(summary("  full count of a large match shown", counted))
            print(summary("  its CPU time (count, rows, repaint)", count_cpu))

        sorts: list[float] = []
        for column in range(len(COLUMNS)):
            for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
                sorts.append(painted(lambda c=column, o=order: table.sortByColumn(c, o),
                                     "sort"))
        print(summary("sort by a column (painted)", sorts, 0.050))
        print(summary("  the same, CPU time of this process", cpu["sort"], 0.050))

        with store.read() as db:
            busy = db.execute("SELECT case_id FROM history GROUP BY case_id"
                              " ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
            items = db.execute("SELECT count(*) FROM history WHERE case_id = ?",
                               (busy,)).fetchone()[0]
        def time_opens(label: str, until_idle: bool, *, beside: str | None = None,
                       pause_ms: int = 0, built_then: bool = False) -> None:
            """REPEAT opens of `busy` (with `beside` open first, read for `pause_ms`),
            printed as wall and CPU time; each tab is closed again afterwards.
            `built_then`: the window's ready views are dropped first, so the view is
            built for this open (no path of the app opens a case so since it keeps
            ready views; printed for reference, without the target)."""
            walls: list[float] = []
            cpus: list[float] = []
            for _ in range(REPEAT):
                kept = window.open_case(beside) if beside else None
                if pause_ms:
                    QTest.qWait(pause_ms)  # the agent reads the first case
                if built_then:
                    for ready in window._spare_case_views:
                        ready.deleteLater()
                    window._spare_case_views.clear()
                    QApplication.processEvents()
                started, cpu_started = time.perf_counter(), time.process_time()
                view = window.open_case(busy)
                if until_idle:
                    QApplication.processEvents()
                else:
                    view.repaint()
                walls.append(time.perf_counter() - started)
                cpus.append(time.process_time() - cpu_started)
                for tab in (view, kept):
                    if tab is not None:
                        window.close_tab(window.tabs.indexOf(tab))
                QApplication.processEvents()
            target = None if built_then else 0.050
            print(summary(label, walls, target))
            print(summary("  the same, CPU time of this process", cpus, target))

        window.close_tab(window.tabs.indexOf(window.open_case(busy)))  # first use: imports
        time_opens(f"open a case ({items} history items)", until_idle=False)
        # The same open, timed until the event loop is idle again: the new widgets'
        # polish and layout (posted events) and the window's paint, as a user waits for.
        time_opens("  open until idle (laid out, painted)", until_idle=True)
        # The window keeps closed or ready-built case views for the next opens (two,
        # `SPARE_VIEWS`; the loops above show a case in one). With another case's tab
        # still open: the second case opened at once after the first, and after looking
        # at the first (the window builds the next view meanwhile); and, for reference,
        # an open in a view built then (which no path of the app does any more).
        with store.read() as db:
            other = db.execute("SELECT case_id FROM cases WHERE case_id != ? LIMIT 1",
                               (busy,)).fetchone()[0]
        for label, pause_ms, built_then in (
                ("  open a 2nd case at once until idle", 0, False),
                ("  open a 2nd case, 1st kept open until idle", 1000, False),
                ("  (reference) in a view built then", 0, True)):
            QTest.qWait(1000)  # whatever the window builds in pauses, built before
            time_opens(label, until_idle=True, beside=other, pause_ms=pause_ms,
                       built_then=built_then)
        print(f"{'resident memory (peak), 100k open':<34} {rss_mb():7.1f} MB"
              f"   {'ok' if rss_mb() < 400 else 'OVER TARGET'} (< 400 MB)")
        window.close()
        context.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--start-cases", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, help="keep the generated stores in this folder")
    parser.add_argument("--start-only", action="store_true",
                        help="measure the cold starts only (no 100,000-case store)")
    parser.add_argument("--starts", type=int, default=30,
                        help="cold starts of each window, alternated (default 30)")
    parser.add_argument("--instructions", action="store_true",
                        help="also count the starts' instructions under valgrind (~2 min)")
    parser.add_argument("--after-restart", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--read-ahead", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.after_restart is not None:
        after_restart(args.after_restart, args.read_ahead)
        sys.stdout.flush()
        os._exit(0)
    compile_modules()
    holder = tempfile.TemporaryDirectory()
    folder = args.keep or Path(holder.name)
    folder.mkdir(parents=True, exist_ok=True)
    print(f"platform: {os.environ['QT_QPA_PLATFORM']}, {os.cpu_count()} cores,"
          f" load average {os.getloadavg()[0]:.1f} (figures grow with the load)")
    small = ensure_store(folder, args.start_cases, history_case=False)

    settings = folder / "start-settings.ini"
    thousands = args.start_cases // 1000
    compare_starts(f"AgentDesk, {thousands}k cases", BARE_START, APP_START, str(small),
                   str(settings), env=None, runs=args.starts, target=False)
    print(f"{'':<34} the window built by a script and painted twice, without the start")
    print(f"{'':<34} `agentdesk` makes; the cold start a user gets, the target's:")
    compare_starts(f"agentdesk, {thousands}k cases", BARE_LOOP, USER_START,
                   env=user_home(folder, small), runs=args.starts)
    if args.instructions:
        compare_instructions(user_home(folder, small))
    if not args.start_only:
        large = ensure_store(folder, args.cases, history_case=True)
        measure_window(large)
        # Last, and each in a process of its own: dropping the file cache slows whatever
        # runs next while the system reads its files back.
        for read_ahead in ((), ("--read-ahead",)):
            subprocess.run([sys.executable, __file__, "--after-restart", str(large),
                            *read_ahead], check=True)
    holder.cleanup()
    sys.stdout.flush()
    # PySide6 can crash while the interpreter tears its objects down; the figures are
    # printed, so leave without that teardown.
    os._exit(0)


if __name__ == "__main__":
    main()
