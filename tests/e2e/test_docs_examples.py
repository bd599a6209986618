"""The README and the family pages are tests: every shell example of
README.md and docs/*.md runs, in the order written, against a fresh demo
stack on ports of its own, as a newcomer pastes them into a second terminal.

Why this runner: the examples are extracted with pytest-codeblocks
(``extract_from_file``), whose Markdown markers are the pages' own and stay
invisible on GitHub: ``<!--pytest.mark.skip(reason="…")-->`` before an
example that cannot run here (the reason is in the page, next to it), and
``<!--pytest-codeblocks:expected-output-->`` before a block holding the
output the page promises. Its own runner does not fit: it runs each block
alone in the test process's environment and compares whole outputs, while
these examples share shell variables from block to block, talk to a stack
that must be started first, and print tokens and times that differ per run.
prysk and byexample need the expected output written into the example itself
(``$ `` prompts, or ``>>>``-style transcripts), which would change every
page's text. So the execution is this module's:

- One stack (``pitboss up``, demo mode, free non-default ports) in a
  working directory that mirrors the checkout with a fresh ``var/``; the
  examples run there, so ``.venv/bin/pitboss`` is the venv's and the CLI
  finds the stack through ``var/demo.json``, as it would after ``make run``.
- Pages in order (README.md, then docs/*.md by name), examples in the order
  written; each page is one terminal: a block's shell variables and
  functions carry to the next block of the same page.
- The environment is stripped of every ``PITBOSS_*`` variable (a second
  terminal has none); an example sets what it needs itself.
- The documented addresses (``127.0.0.1:8080`` or ``localhost:8080``, ``:50051``, ``:9464``,
  ``:9901``) are replaced by the stack's, as a reader with ports of their own
  would.
- ``sh``/``bash``/``console`` blocks run in bash with ``set -e`` (as typed: a pipeline is as good as its last command);
  ``python`` blocks with the venv's Python. Every HTTP answer's status is
  recorded (``curl`` reports it on stderr): none may be a 5xx or no answer at
  all, and the transcoder's unknown-path text must never appear.
- An expected-output block is checked line by line, in order: each line must
  occur in the output, ``…`` standing for any text.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from pathlib import Path

import pytest
from pytest_codeblocks import extract_from_file

from server.config import DEMO_SECRET_KEY
from tests.e2e.stack import start_stack, stop_stack
from tests.support import ROOT

PAGES = ["README.md", *sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "docs").glob("*.md"))]
SHELLS = {"sh", "bash", "console", "shell"}
BLOCK_TIMEOUT = 120
# An example that starts a stack (the test has started one) must be marked skipped.
STACK_STARTERS = re.compile(r"\bmake (run|test|bench)\b|\bpitboss (up|serve)\b")

# Every curl of an example reports its answer's status on stderr.
PRELUDE = r"""set -e
curl() { command curl --write-out '%{stderr}[http %{http_code}]\n' "$@"; }
"""
STATE_SAVE = r"""
{ for __v in $(compgen -v); do
    case " $__BASELINE " in *" $__v "*) ;; *) declare -p "$__v" 2>/dev/null || true;; esac
  done; declare -f; } > "$__STATE"
"""


@pytest.fixture(scope="module")
def docs_stack(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("docs")
    work = tmp / "checkout"
    work.mkdir()
    for entry in ROOT.iterdir():
        if entry.name not in ("var", ".git"):
            (work / entry.name).symlink_to(entry)
    (work / "var").mkdir()
    stack = start_stack(tmp, f"sqlite:///{work / 'var' / 'pitboss.db'}", {
        "PITBOSS_DEMO_FILE": str(work / "var" / "demo.json"),
        "PITBOSS_SECRET_KEY": DEMO_SECRET_KEY,
    })
    stack.extra["work"] = work
    yield stack
    assert stop_stack(stack) == 0, stack.log_text()[-4000:]


def _clean_env(work: Path) -> dict:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PITBOSS_", "PROMETHEUS_", "OTEL_", "COV_CORE", "PYTEST_"))}
    env["PATH"] = f"{work / '.venv' / 'bin'}:{env.get('PATH', '/usr/bin:/bin')}"
    env.pop("VIRTUAL_ENV", None)
    return env


def _addresses(stack) -> dict[str, str]:
    port = {k: stack.env[f"PITBOSS_{k}_PORT"] for k in ("HTTP", "GRPC", "ADMIN", "METRICS")}
    return {"127.0.0.1:8080": f"127.0.0.1:{port['HTTP']}", "localhost:8080": f"localhost:{port['HTTP']}", "127.0.0.1:50051": f"127.0.0.1:{port['GRPC']}",
            "127.0.0.1:9901": f"127.0.0.1:{port['ADMIN']}", "127.0.0.1:9464": f"127.0.0.1:{port['METRICS']}"}


def _ports(text: str, addresses: dict[str, str]) -> str:
    for documented, actual in addresses.items():
        text = text.replace(documented, actual)
    return text


def expected_lines_match(expected: str, output: str) -> str | None:
    """None when every expected line occurs in ``output`` in order (``…``
    matches any text), else the first line that does not."""
    pos = 0
    for line in expected.splitlines():
        line = line.strip()
        if not line:
            continue
        pattern = ".*?".join(re.escape(part) for part in line.split("…"))
        m = re.compile(pattern).search(output, pos)
        if m is None:
            return line
        pos = m.end()
    return None


def _skip_reason(block) -> str | None:
    for mark in block.marks:
        if mark.startswith("pytest.mark.skip"):
            m = re.search(r"reason=[\"'](.*)[\"']", mark)
            return m.group(1) if m else "skipped"
    return None


def _run(block, code: str, work: Path, env: dict, state: Path, baseline: str) -> subprocess.CompletedProcess:
    if block.syntax == "python":
        cmd = [str(work / ".venv" / "bin" / "python"), "-c", code]
    else:
        script = (PRELUDE + (f'source "{state}"\n' if state.exists() else "") + code + "\n" + STATE_SAVE)
        cmd = ["bash", "-c", script]
        env = dict(env, __STATE=str(state), __BASELINE=baseline)
    # One stream, as a terminal shows it: stderr lines stay where they came.
    # Its own process group, so that a timeout ends everything it started.
    proc = subprocess.Popen(cmd, cwd=work, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            start_new_session=True)
    try:
        out, _ = proc.communicate(timeout=BLOCK_TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGTERM)
        out, _ = proc.communicate(timeout=30)
        out += f"\n[timed out after {BLOCK_TIMEOUT} s]"
    return subprocess.CompletedProcess(cmd, proc.returncode if proc.returncode is not None else -1, out)


@pytest.mark.parametrize("page", PAGES)
def test_page_examples(page, docs_stack, tmp_path):
    work = docs_stack.extra["work"]
    env = _clean_env(work)
    addresses = _addresses(docs_stack)
    baseline = subprocess.run(["bash", "-c", "compgen -v"], env=env, capture_output=True, text=True).stdout
    baseline = " ".join(baseline.split() + ["__v", "__BASELINE", "__STATE"])
    state = tmp_path / "state.sh"
    ran, skipped, failures, took = 0, [], [], []
    for block in extract_from_file(ROOT / page):
        if block.syntax not in SHELLS | {"python"}:
            continue
        where = f"{page}:{block.lineno}"
        reason = _skip_reason(block)
        if reason is not None:
            skipped.append(f"{where}: {reason}")
            continue
        if STACK_STARTERS.search(block.code):
            failures.append(f"{where}: starts a stack of its own; mark it skipped with its reason")
            continue
        started = time.monotonic()
        result = _run(block, _ports(block.code, addresses), work, env, state, baseline)
        took.append((time.monotonic() - started, where))
        if os.environ.get("PITBOSS_DOCS_SHOW"):  # while writing a page: every example's output
            print(f"=== {where}\n{result.stdout}")
        output = result.stdout
        shown = f"{where}\n--- example\n{block.code}\n--- output (exit {result.returncode})\n{output[-6000:]}"
        ran += 1
        statuses = re.findall(r"\[http (\d{3})\]", output)
        if result.returncode != 0:
            failures.append(f"exit status {result.returncode}: {shown}")
        elif [s for s in statuses if s == "000" or s.startswith("5")]:
            failures.append(f"a 5xx or no answer: {shown}")
        elif "to a method." in output:
            failures.append(f"an unknown path: {shown}")
        elif block.expected_output is not None:
            missing = expected_lines_match(_ports(block.expected_output, addresses), output)
            if missing is not None:
                failures.append(f"expected output line not found: {missing!r}\n{shown}")
    slowest = ", ".join(f"{w} {s:.1f} s" for s, w in sorted(took, reverse=True)[:3])
    print(f"{page}: {ran} examples ran (slowest: {slowest or '-'}); skipped: {skipped or 'none'}")
    # Every failing example of the page is reported (a later one may fail
    # only because an earlier one did).
    assert not failures, "\n\n".join(failures)
