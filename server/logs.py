"""Structured logs: one JSON object per line on stderr.

Callers pass structured data as ``extra={"fields": {...}}``. Nothing here
formats request or response bodies; tokens and personal data never reach a
log line (the rpc line carries method, status, duration and correlation id).

Lines are written off the request path: a record (or, for the one line per
call, just its fields through :func:`access`) goes onto a queue, and one
writer thread formats what has queued up and writes it in one go. A call
pays for a queue put, not for JSON encoding or a write to stderr.
:func:`flush` (at exit) writes what is still queued.
"""

from __future__ import annotations

import atexit
import json
import logging
import queue
import sys
import threading
import time
import traceback

_encode = json.JSONEncoder(ensure_ascii=True, separators=(", ", ": "), default=str).encode


class _Clock:
    """``YYYY-MM-DDTHH:MM:SS`` of a Unix time, computed once per second."""

    def __init__(self) -> None:
        self._second = -1
        self._text = ""

    def __call__(self, t: float) -> str:
        second = int(t)
        if second != self._second:
            self._second, self._text = second, time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(second))
        return f"{self._text}.{int((t - second) * 1000):03d}Z"


class JsonFormatter(logging.Formatter):
    def __init__(self) -> None:
        super().__init__()
        self._clock = _Clock()

    def line(self, created: float, level: str, logger: str, msg: str, fields: dict | None) -> str:
        out = {"ts": self._clock(created), "level": level, "logger": logger, "msg": msg}
        if fields:
            out.update(fields)
        return _encode(out)

    def format(self, record: logging.LogRecord) -> str:
        fields = getattr(record, "fields", None)
        out = dict(fields) if isinstance(fields, dict) else {}
        if record.exc_info and record.exc_info[0] is not None:
            out["error"] = record.exc_info[0].__name__
        return self.line(record.created, record.levelname.lower(), record.name, record.getMessage(), out)


class _Writer:
    """The queue and the thread that drains it."""

    def __init__(self, stream) -> None:
        self.stream = stream
        self.formatter = JsonFormatter()
        self.queue: queue.SimpleQueue = queue.SimpleQueue()
        self.thread = threading.Thread(target=self._run, name="log-writer", daemon=True)
        self.thread.start()

    def _format(self, item) -> str:
        if isinstance(item, logging.LogRecord):
            return self.formatter.format(item)
        created, logger, fields = item
        return self.formatter.line(created, "info", logger, "rpc", fields)

    def _run(self) -> None:
        q = self.queue
        while True:
            item = q.get()
            batch = [item]
            while len(batch) < 512:
                try:
                    batch.append(q.get_nowait())
                except queue.Empty:
                    break
            stop = None in batch
            lines = [self._format(i) for i in batch if i is not None]
            if lines:
                try:
                    self.stream.write("\n".join(lines) + "\n")
                    self.stream.flush()
                except (OSError, ValueError):
                    pass
            if stop:
                return

    def stop(self) -> None:
        self.queue.put(None)
        self.thread.join(5)


class _Enqueue(logging.Handler):
    """Puts records on the writer's queue; only an exception is reduced to
    its type here (as the formatter would), so nothing else is kept alive."""

    def __init__(self, writer: _Writer) -> None:
        super().__init__()
        self.writer = writer

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info:
            record.exc_info = (record.exc_info[0], None, None)
        self.writer.queue.put(record)


_writer: _Writer | None = None
_access_on = True


def setup(level: str = "INFO") -> None:
    global _writer, _access_on
    flush()
    _writer = _Writer(sys.stderr)
    root = logging.getLogger()
    root.handlers[:] = [_Enqueue(_writer)]
    root.setLevel(level.upper())
    for noisy in ("alembic", "sqlalchemy"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    # Records need no caller frame, thread or process names: skip computing them.
    logging.logThreads = logging.logProcesses = logging.logMultiprocessing = False
    logging._srcfile = None
    _access_on = logging.getLogger("pitboss.rpc").isEnabledFor(logging.INFO)


def access(fields: dict, logger: str = "pitboss.rpc") -> None:
    """The one line of a finished call (level info, msg "rpc")."""
    if _access_on:
        w = _writer
        if w is not None:
            w.queue.put((time.time(), logger, fields))
        else:
            logging.getLogger(logger).info("rpc", extra={"fields": fields})


def crash_fields(exc: BaseException) -> dict[str, str]:
    """What a log line says of an unexpected exception: its type and its last
    four frames, never its message (it may carry values: SQL parameters,
    request fields)."""
    frames = traceback.extract_tb(exc.__traceback__)
    return {"error": type(exc).__name__, "at": " <- ".join(f"{f.name}:{f.lineno}" for f in reversed(frames[-4:]))}


def crash(logger: logging.Logger, message: str, exc: BaseException, **fields: object) -> None:
    """The one crash logger: an error line with ``crash_fields(exc)``."""
    logger.error(message, extra={"fields": {**fields, **crash_fields(exc)}})


def flush() -> None:
    """Write every queued line and stop the writer thread."""
    global _writer
    if _writer is not None:
        w, _writer = _writer, None
        logging.getLogger().handlers[:] = [logging.StreamHandler(sys.stderr)]
        w.stop()


atexit.register(flush)
