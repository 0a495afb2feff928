"""Batch extraction into an archive: many files, parallel workers, one writer, safe to kill and rerun.

The shape, and why:

* **Content says what is done.** Every input is hashed (sha256) before anything else; a content already
  in the archive is skipped, so renamed files and copies are extracted once and a rerun does only what
  is missing. The archive remembers each path's size and modification time with its hash, so a rerun
  over unchanged files does not even read them again.
* **Workers are processes of a small pool written for this** rather than ``ProcessPoolExecutor``: the
  parent must know which file each worker holds, to kill the one worker that overruns the per-file
  timeout (an executor cannot cancel a running call), to tell which file killed a worker that crashed
  (an executor marks the whole pool broken and fails every pending call, guilty or not), and to
  replace only that worker. Workers start from a fork server that has vndoc imported already, so a new
  worker costs a fork rather than an import; each one is replaced after ``max_tasks_per_child`` files
  (as ``max_tasks_per_child`` does for an executor) and runs under an address-space limit
  (``RLIMIT_AS``), so a file that needs too much memory fails alone with a ``MemoryError``.
* **One writer.** Only the parent writes the SQLite archive, one transaction per file (document, all its
  records, its paths, the removal of an earlier failure), in WAL mode. Killed at any moment, the
  archive holds each document wholly or not at all; a rerun finishes the rest and duplicates nothing.
* **Failures are data.** A file that cannot be read, times out, runs out of memory or kills its worker
  is recorded in ``failures`` with the reason and never stops the batch; later runs skip it unless
  asked to retry (``retry_failed``).
* **Dask.** With a scheduler address the same loop submits files (their bytes, so the workers need no
  shared disk) to an existing Dask cluster and writes the results as they come back; the cluster's own
  worker limits replace ``RLIMIT_AS``, and a task past the timeout is recorded as failed and cancelled.
* **JSON Lines.** Each document archived is also appended to ``jsonl`` as it is committed; at the end
  of the run every input's document that the file lacks (archived by an earlier run, or lost to a
  kill between commit and write) is appended, and a line cut short by a kill is dropped first, so the
  file ends up with each document of the run's inputs exactly once.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import signal
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import IO, Any, Literal, Protocol

from vndoc.archive import Archive, FileStat
from vndoc.errors import (
    ExtractionError,
    InputNotFoundError,
    LimitExceededError,
    UnsupportedInputError,
    VndocError,
)
from vndoc.models import Failure, documents_json
from vndoc.settings import Settings

SUFFIXES = frozenset({".pdf", ".docx", ".txt", ".text", ".md"})
"""What a folder is searched for (a file named on the command line is taken whatever its name)."""

EXIT_FAILURES = 9
"""``vndoc batch`` exit code when it finished but some inputs are recorded as failures."""


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


# ---------------------------------------------------------------------------------------------------
# What a worker does
# ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TaskOutput:
    """What a worker sends back: a ``Document`` or a ``Failure`` as JSON, and the pages read."""

    ok: bool
    payload: str
    pages: int = 0
    seconds: float = 0.0
    out_of_memory: bool = False
    cpu_seconds: float = 0.0


Task = Callable[[str, Settings], TaskOutput]


def _failure_output(error: type[VndocError], message: str, path: str | None, stage: str | None) -> TaskOutput:
    failure = Failure(path=path, error=error.__name__, message=message, exit_code=error.exit_code, stage=stage)
    return TaskOutput(ok=False, payload=failure.model_dump_json())


def _from_error(exc: VndocError, path: str | None) -> TaskOutput:
    failure = Failure(
        path=exc.path or path,
        error=type(exc).__name__,
        message=exc.message,
        exit_code=exc.exit_code,
        stage=exc.stage,
        page=exc.page,
    )
    return TaskOutput(ok=False, payload=failure.model_dump_json())


def extract_task(path: str, settings: Settings) -> TaskOutput:
    """Extract the file at ``path`` (run in a worker process): every document it holds
    (``settings.split``)."""
    from vndoc.pipeline import extract_documents

    try:
        docs = extract_documents(Path(path), settings=settings)
    except VndocError as exc:
        if isinstance(exc.__cause__, MemoryError):
            raise exc.__cause__ from exc
        return _from_error(exc, path)
    return TaskOutput(ok=True, payload=documents_json(docs), pages=docs[0].source.pages)


def extract_bytes_task(data: bytes, name: str, settings_json: str) -> TaskOutput:
    """Extract a file's content sent over the network (run on a Dask worker); ``name`` is its path."""
    from vndoc.pipeline import extract_documents

    settings = Settings.model_validate_json(settings_json)
    start, cpu = time.perf_counter(), time.process_time()
    try:
        docs = extract_documents(data, settings=settings)
    except MemoryError:
        return _memory_output(name, None)
    except VndocError as exc:
        if isinstance(exc.__cause__, MemoryError):
            return _memory_output(name, None)
        return _from_error(exc, name)
    docs = [d.model_copy(update={"source": d.source.model_copy(update={"path": name})}) for d in docs]
    return TaskOutput(
        ok=True,
        payload=documents_json(docs),
        pages=docs[0].source.pages,
        seconds=time.perf_counter() - start,
        cpu_seconds=time.process_time() - cpu,  # the worker's other threads count too
    )


def _memory_output(path: str, memory_mb: int | None) -> TaskOutput:
    limit = f" (limit {memory_mb} MiB of address space)" if memory_mb else ""
    out = _failure_output(LimitExceededError, f"ran out of memory{limit}", path, "extract")
    return TaskOutput(ok=False, payload=out.payload, out_of_memory=True)


def _run_task(task: Task, path: str, settings: Settings, memory_mb: int | None) -> TaskOutput:
    start, cpu = time.perf_counter(), time.process_time()
    try:
        out = task(path, settings)
    except MemoryError:
        out = _memory_output(path, memory_mb)
    except Exception as exc:  # a bug in a task: recorded against the file, the worker goes on
        out = _failure_output(ExtractionError, f"unexpected {type(exc).__name__}: {exc}", path, "extract")
    return TaskOutput(
        out.ok, out.payload, out.pages, time.perf_counter() - start, out.out_of_memory, time.process_time() - cpu
    )


def _limit_memory(memory_mb: int) -> None:
    import resource

    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = memory_mb * 1024 * 1024
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _worker_main(conn: Connection, task: Task, settings_json: str, memory_mb: int | None) -> None:
    """A worker: read a path, send back its output, until told to stop or the parent is gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    if memory_mb:
        _limit_memory(memory_mb)
    settings = Settings.model_validate_json(settings_json)
    while True:
        try:
            path = conn.recv()
        except (EOFError, OSError):
            return  # the parent died: nobody wants the result
        if path is None:
            return
        out = _run_task(task, path, settings, memory_mb)
        try:
            conn.send(out)
        except OSError:
            return
        if out.out_of_memory:
            return  # a process that ran out of memory is not trusted with another file


# ---------------------------------------------------------------------------------------------------
# Pools: local worker processes, or a Dask cluster
# ---------------------------------------------------------------------------------------------------


@dataclass
class _Job:
    sha256: str
    files: list[FileStat]

    @property
    def path(self) -> str:
        return self.files[0].path


class Pool(Protocol):
    def free(self) -> int: ...
    def busy(self) -> int: ...
    def submit(self, job: _Job) -> None: ...
    def collect(self, timeout: float) -> list[tuple[_Job, TaskOutput]]: ...
    def close(self) -> None: ...


@dataclass
class _Slot:
    process: Any = None
    conn: Connection | None = None
    job: _Job | None = None
    started: float = 0.0
    tasks: int = 0


def _signal_name(exitcode: int | None) -> str:
    if exitcode is None:
        return "unknown cause"
    if exitcode < 0:
        try:
            return signal.Signals(-exitcode).name
        except ValueError:
            return f"signal {-exitcode}"
    return f"exit status {exitcode}"


class ProcessPool:
    """``workers`` processes, each holding at most one file; see the module docstring for why."""

    PRELOAD = ["vndoc.batch", "vndoc.pipeline", "vndoc.readers.pdf", "vndoc.readers.docx"]

    def __init__(
        self,
        *,
        workers: int,
        task: Task,
        settings: Settings,
        timeout_s: float | None,
        memory_mb: int | None,
        max_tasks_per_child: int | None,
    ) -> None:
        methods = multiprocessing.get_all_start_methods()
        self.ctx: Any = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
        if "forkserver" in methods:
            self.ctx.set_forkserver_preload(self.PRELOAD)
        self.task = task
        self.settings_json = settings.model_dump_json()
        self.timeout_s = timeout_s
        self.memory_mb = memory_mb
        self.max_tasks = max_tasks_per_child
        self.slots = [_Slot() for _ in range(workers)]

    def free(self) -> int:
        return sum(1 for s in self.slots if s.job is None)

    def busy(self) -> int:
        return len(self.slots) - self.free()

    def _start(self, slot: _Slot) -> None:
        parent_end, child_end = self.ctx.Pipe()
        process = self.ctx.Process(
            target=_worker_main,
            args=(child_end, self.task, self.settings_json, self.memory_mb),
            daemon=True,
            name="vndoc-worker",
        )
        process.start()
        child_end.close()
        slot.process, slot.conn, slot.tasks = process, parent_end, 0

    def _stop(self, slot: _Slot, *, kill: bool) -> None:
        if slot.process is None:
            return
        if kill:
            slot.process.kill()
        else:
            try:
                assert slot.conn is not None
                slot.conn.send(None)
            except OSError:
                slot.process.kill()
        slot.process.join(timeout=5)
        if slot.process.is_alive():
            slot.process.kill()
            slot.process.join()
        if slot.conn is not None:
            slot.conn.close()
        slot.process, slot.conn = None, None

    def submit(self, job: _Job) -> None:
        slot = next(s for s in self.slots if s.job is None)
        if slot.process is None or not slot.process.is_alive():
            self._stop(slot, kill=True)
            self._start(slot)
        assert slot.conn is not None
        slot.conn.send(job.path)
        slot.job, slot.started = job, time.monotonic()

    def collect(self, timeout: float) -> list[tuple[_Job, TaskOutput]]:
        working = [s for s in self.slots if s.job is not None]
        if not working:
            return []
        waits: list[Any] = [s.conn for s in working] + [s.process.sentinel for s in working]
        if self.timeout_s is not None:
            deadline = min(s.started for s in working) + self.timeout_s
            timeout = max(0.0, min(timeout, deadline - time.monotonic()))
        ready = set(wait(waits, timeout=timeout))
        done: list[tuple[_Job, TaskOutput]] = []
        for slot in working:
            job = slot.job
            assert job is not None and slot.conn is not None
            if slot.conn in ready or slot.process.sentinel in ready:
                out = self._receive(slot)
                if out is None:  # no result: the worker died on this file
                    # The pipe closes as the worker dies; its exit status comes a moment later.
                    slot.process.join(timeout=5)
                    code = slot.process.exitcode
                    self._stop(slot, kill=True)
                    reason = _signal_name(code)
                    if code == -signal.SIGKILL and self.memory_mb:
                        reason += ", perhaps killed for using too much memory"
                    out = _failure_output(ExtractionError, f"the worker process died ({reason})", job.path, "extract")
                done.append((job, out))
                slot.job = None
                slot.tasks += 1
                if slot.process is not None and (
                    out.out_of_memory or (self.max_tasks is not None and slot.tasks >= self.max_tasks)
                ):
                    self._stop(slot, kill=False)
            elif self.timeout_s is not None and time.monotonic() - slot.started > self.timeout_s:
                self._stop(slot, kill=True)
                out = _failure_output(
                    LimitExceededError,
                    f"took longer than the per-file timeout of {self.timeout_s:g} s",
                    job.path,
                    "extract",
                )
                done.append((job, out))
                slot.job = None
        return done

    @staticmethod
    def _receive(slot: _Slot) -> TaskOutput | None:
        assert slot.conn is not None
        try:
            if slot.conn.poll():
                out = slot.conn.recv()
                return out if isinstance(out, TaskOutput) else None
        except (EOFError, OSError):
            pass
        return None

    def close(self) -> None:
        for slot in self.slots:
            self._stop(slot, kill=slot.job is not None)
            slot.job = None


class DaskPool:
    """Files submitted to a Dask distributed cluster; results come back to this process's writer."""

    def __init__(self, address: str, *, settings: Settings, timeout_s: float | None) -> None:
        try:
            from distributed import Client
        except ImportError as exc:
            raise RuntimeError("--dask needs the distributed package: pip install 'vndoc[dask]'") from exc
        self.client = Client(address, set_as_default=False)
        threads = sum(self.client.nthreads().values())
        self.capacity = max(2, 2 * threads)
        self.settings_json = settings.model_dump_json()
        self.timeout_s = timeout_s
        self.running: dict[Any, tuple[_Job, float]] = {}
        self.ready: list[tuple[_Job, TaskOutput]] = []

    def free(self) -> int:
        return self.capacity - self.busy()

    def busy(self) -> int:
        return len(self.running) + len(self.ready)

    def submit(self, job: _Job) -> None:
        try:
            data = Path(job.path).read_bytes()
        except OSError as exc:
            self.ready.append(
                (job, _failure_output(UnsupportedInputError, f"cannot be read ({exc})", job.path, "open"))
            )
            return
        future = self.client.submit(extract_bytes_task, data, job.path, self.settings_json, pure=False, retries=0)
        self.running[future] = (job, time.monotonic())

    def collect(self, timeout: float) -> list[tuple[_Job, TaskOutput]]:
        from distributed import wait as dask_wait

        done_now, self.ready = self.ready, []
        if not self.running:
            return done_now
        try:
            with self.client.as_current():
                finished = dask_wait(list(self.running), timeout=timeout, return_when="FIRST_COMPLETED").done
        except TimeoutError:
            finished = set()
        now = time.monotonic()
        for future in list(self.running):
            job, started = self.running[future]
            if future in finished:
                del self.running[future]
                if future.status == "finished":
                    done_now.append((job, future.result()))
                else:
                    exc = future.exception()
                    done_now.append(
                        (job, _failure_output(ExtractionError, f"the Dask task failed ({exc!r})", job.path, "extract"))
                    )
            elif self.timeout_s is not None and now - started > self.timeout_s:
                del self.running[future]
                future.cancel()
                message = f"took longer than the per-file timeout of {self.timeout_s:g} s"
                done_now.append((job, _failure_output(LimitExceededError, message, job.path, "extract")))
        return done_now

    def close(self) -> None:
        for future in self.running:
            future.cancel()
        self.running.clear()
        self.client.close()


# ---------------------------------------------------------------------------------------------------
# Inputs
# ---------------------------------------------------------------------------------------------------


def _walk(folder: Path, suffixes: frozenset[str]) -> list[Path]:
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(
            Path(root) / f for f in sorted(files) if not f.startswith(".") and Path(f).suffix.lower() in suffixes
        )
    return found


def expand_inputs(inputs: Iterable[str | Path], *, suffixes: frozenset[str] = SUFFIXES) -> list[Path]:
    """Files to process, in order, each once (as an absolute path): a folder gives its documents
    (hidden ones aside), ``@list.txt`` the paths listed one a line in that file (``@-``: standard
    input; relative paths from the current folder; blank lines and ``#`` comments skipped; folders
    allowed), anything else is taken as a file -- a missing one is reported as a failure by the batch,
    not here."""
    seen: dict[str, Path] = {}

    def add(item: str | Path, depth: int = 0) -> None:
        text = str(item)
        if text.startswith("@") and depth < 8:
            listing = sys.stdin.read() if text == "@-" else Path(text[1:]).read_text(encoding="utf-8")
            for line in listing.splitlines():
                line = line.strip()
                if line and not line.startswith("#"):
                    add(line, depth + 1)
            return
        path = Path(text).expanduser().absolute()
        for file in _walk(path, suffixes) if path.is_dir() else [path]:
            seen.setdefault(str(file), file)

    for item in inputs:
        add(item)
    return list(seen.values())


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# ---------------------------------------------------------------------------------------------------
# Progress
# ---------------------------------------------------------------------------------------------------

Status = Literal["done", "failed", "skipped", "duplicate"]


@dataclass(frozen=True)
class FileEvent:
    path: str
    status: Status
    pages: int = 0
    seconds: float = 0.0
    message: str | None = None


@dataclass
class BatchReport:
    """What a run did. ``previously_failed`` inputs were skipped because they failed in an earlier run."""

    files: int = 0
    extracted: int = 0
    failed: int = 0
    skipped: int = 0
    previously_failed: int = 0
    duplicates: int = 0
    pages: int = 0
    seconds: float = 0.0
    worker_cpu_seconds: float = 0.0
    """CPU time the workers spent on this run's files: the work to share out, whatever the load."""
    failures: list[tuple[str, str]] = field(default_factory=list)

    @property
    def processed(self) -> int:
        return self.extracted + self.failed + self.skipped + self.previously_failed + self.duplicates

    @property
    def exit_code(self) -> int:
        return EXIT_FAILURES if self.failed or self.previously_failed else 0

    def summary(self) -> str:
        rate = ""
        if self.seconds > 0:
            rate = (
                f" ({(self.extracted + self.failed) / self.seconds:.1f} files/s, "
                f"{self.pages / self.seconds:.1f} pages/s)"
            )
        return (
            f"{self.files} files: {self.extracted} extracted, {self.failed} failed, "
            f"{self.skipped} already archived, {self.previously_failed} failed before (not retried), "
            f"{self.duplicates} duplicates; {self.pages} pages in {self.seconds:.1f} s{rate}"
        )


class Progress(Protocol):
    def start(self, total: int) -> None: ...
    def update(self, event: FileEvent, report: BatchReport) -> None: ...
    def close(self) -> None: ...


class _Rates:
    """files/s and pages/s over the files actually extracted (skips are instant and would flatter the
    rate), and the time left at that rate."""

    def __init__(self) -> None:
        self.start = time.monotonic()
        self.total = 0

    def text(self, report: BatchReport) -> str:
        elapsed = max(time.monotonic() - self.start, 1e-6)
        worked = report.extracted + report.failed
        files_s = worked / elapsed
        left = self.total - report.processed
        eta = "?" if files_s <= 0 else _clock(left / files_s)
        return f"{files_s:.1f} files/s, {report.pages / elapsed:.1f} pages/s, ETA {eta}, {report.failed} failed"


def _clock(seconds: float) -> str:
    seconds = int(round(seconds))
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


class LineProgress:
    """One line per file (for logs and pipes): ``[n/total] status path (pages, seconds) | rates``."""

    def __init__(self, stream: IO[str] | None = None) -> None:
        self.stream = stream or sys.stderr
        self.rates = _Rates()

    def start(self, total: int) -> None:
        self.rates.total = total
        self.rates.start = time.monotonic()

    def update(self, event: FileEvent, report: BatchReport) -> None:
        detail = f" ({event.pages} pages, {event.seconds:.2f} s)" if event.status == "done" else ""
        why = f": {event.message}" if event.message else ""
        print(
            f"[{report.processed}/{self.rates.total}] {event.status} {event.path}{detail}{why} | "
            f"{self.rates.text(report)}",
            file=self.stream,
            flush=True,
        )

    def close(self) -> None:
        pass


class RichProgress:
    """A live bar on a terminal (needs rich): files, rates, ETA and failures; failures also printed."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        self.rates = _Rates()
        self.bar = Progress(
            TextColumn("vndoc batch"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rates]}"),
            console=Console(stderr=True),
            transient=False,
        )
        self.task_id: Any = None

    def start(self, total: int) -> None:
        self.rates.total = total
        self.rates.start = time.monotonic()
        self.bar.start()
        self.task_id = self.bar.add_task("batch", total=total, rates="")

    def update(self, event: FileEvent, report: BatchReport) -> None:
        if event.status == "failed":
            self.bar.console.print(f"failed {event.path}: {event.message}", markup=False, highlight=False)
        self.bar.update(self.task_id, completed=report.processed, rates=self.rates.text(report))

    def close(self) -> None:
        self.bar.stop()


def terminal_progress() -> Progress:
    """A live bar when stderr is a terminal and rich is installed, else a line per file."""
    if sys.stderr.isatty():
        try:
            return RichProgress()
        except ImportError:
            pass
    return LineProgress()


class QuietProgress:
    def start(self, total: int) -> None:
        pass

    def update(self, event: FileEvent, report: BatchReport) -> None:
        pass

    def close(self) -> None:
        pass


# ---------------------------------------------------------------------------------------------------
# JSON Lines output
# ---------------------------------------------------------------------------------------------------


def _line_key(doc: dict[str, Any]) -> str:
    """What identifies a line of the JSON Lines output: the content, and the part of a bound volume."""
    part = doc.get("part") or {}
    return f"{doc['source']['sha256']}#{part.get('index', 0)}"


class _JsonlSink:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.written: set[str] = set()
        if path.exists():
            data = path.read_bytes()
            complete = data[: data.rfind(b"\n") + 1]
            if len(complete) != len(data):  # a line cut short by a kill
                with path.open("r+b") as handle:
                    handle.truncate(len(complete))
            for line in complete.splitlines():
                try:
                    self.written.add(_line_key(json.loads(line)))
                except (ValueError, KeyError, TypeError):
                    continue
        self.handle = path.open("a", encoding="utf-8")

    def write(self, payload: str, data: dict[str, Any] | list[Any] | None = None) -> None:
        """Append the document (or each part of a bound volume) not written yet, one per line."""
        parsed = data if data is not None else json.loads(payload)
        docs = parsed if isinstance(parsed, list) else [parsed]
        for doc in docs:
            key = _line_key(doc)
            if key not in self.written:
                line = payload if isinstance(parsed, dict) else json.dumps(doc, ensure_ascii=False)
                self.handle.write(line + "\n")
                self.handle.flush()
                self.written.add(key)

    def complete(self, archive: Archive, wanted: Iterable[str]) -> None:
        for sha in sorted(set(wanted)):
            for payload in archive.documents_json(sha):
                self.write(payload)

    def close(self) -> None:
        self.handle.close()


# ---------------------------------------------------------------------------------------------------
# The batch
# ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BatchOptions:
    workers: int = field(default_factory=default_workers)
    timeout_s: float | None = 300.0
    memory_mb: int | None = 4096
    max_tasks_per_child: int | None = 100
    retry_failed: bool = False
    settings: Settings = field(default_factory=Settings)
    dask_address: str | None = None
    task: Task = extract_task
    """What a local worker runs on each path (a module-level function, so it can be sent to workers)."""


class _Run:
    def __init__(self, archive: Archive, options: BatchOptions, progress: Progress, sink: _JsonlSink | None) -> None:
        self.archive = archive
        self.options = options
        self.progress = progress
        self.sink = sink
        self.report = BatchReport()
        self.inflight: dict[str, _Job] = {}
        self.finished: set[str] = set()
        self.shas: set[str] = set()

    def event(self, path: str, status: Status, **extra: Any) -> None:
        self.progress.update(FileEvent(path, status, **extra), self.report)

    def plan(self, paths: Sequence[Path]) -> Iterator[_Job]:
        """The jobs to run, in input order; everything else (skips, duplicates, unreadable files) is
        settled here as it is met."""
        for path in paths:
            stat, sha, failure = self._identify(path)
            if failure is not None:
                self.archive.add_failure(failure, sha256=None, files=[stat])
                self.report.failed += 1
                self.report.failures.append((stat.path, failure.message))
                self.event(stat.path, "failed", message=f"{failure.error}: {failure.message}")
                continue
            assert sha is not None
            self.shas.add(sha)
            if sha in self.inflight:
                self.inflight[sha].files.append(stat)
                self.report.duplicates += 1
                self.event(stat.path, "duplicate", message=f"same content as {self.inflight[sha].path}")
                continue
            if sha in self.finished:
                self.archive.link_files(sha, [stat])
                self.report.duplicates += 1
                self.event(stat.path, "duplicate")
                continue
            status = self.archive.status_of(sha)
            if status == "done" or (status == "failed" and not self.options.retry_failed):
                if self.archive.file_hash(stat) != sha:
                    self.archive.link_files(sha, [stat])
                self.finished.add(sha)
                if status == "done":
                    self.report.skipped += 1
                    self.event(stat.path, "skipped", message="already archived")
                else:
                    self.report.previously_failed += 1
                    self.event(stat.path, "skipped", message="failed before (--retry-failed retries it)")
                continue
            job = _Job(sha, [stat])
            self.inflight[sha] = job
            yield job

    def _identify(self, path: Path) -> tuple[FileStat, str | None, Failure | None]:
        def failed(error: type[VndocError], message: str, stat: FileStat) -> tuple[FileStat, None, Failure]:
            failure = Failure(
                path=str(path), error=error.__name__, message=message, exit_code=error.exit_code, stage="open"
            )
            return stat, None, failure

        try:
            st = path.stat()
        except FileNotFoundError:
            return failed(InputNotFoundError, "no such file", FileStat(str(path)))
        except OSError as exc:
            return failed(UnsupportedInputError, f"cannot be read ({exc.strerror})", FileStat(str(path)))
        stat = FileStat(str(path), st.st_size, st.st_mtime_ns)
        if not path.is_file():
            return failed(UnsupportedInputError, "not a regular file", stat)
        limit = self.options.settings.max_file_bytes
        if st.st_size > limit:
            return failed(LimitExceededError, f"{st.st_size} bytes, more than the limit of {limit}", stat)
        sha = self.archive.file_hash(stat)
        if sha is None:
            try:
                sha = _sha256_file(path)
            except OSError as exc:
                return failed(UnsupportedInputError, f"cannot be read ({exc.strerror})", stat)
        return stat, sha, None

    def write(self, job: _Job, out: TaskOutput) -> None:
        del self.inflight[job.sha256]
        self.report.worker_cpu_seconds += out.cpu_seconds
        self.finished.add(job.sha256)
        if out.ok:
            data = json.loads(out.payload)  # a document, or the list of a bound volume's parts
            first = data[0] if isinstance(data, list) else data
            sha = first["source"]["sha256"]  # differs from job.sha256 only if the file changed meanwhile
            self.archive.add_document_json(out.payload, files=job.files, data=data)
            self.finished.add(sha)
            self.shas.add(sha)
            if self.sink is not None:
                self.sink.write(out.payload, data)
            self.report.extracted += 1
            self.report.pages += out.pages
            self.event(job.path, "done", pages=out.pages, seconds=out.seconds)
        else:
            failure = Failure.model_validate_json(out.payload)
            self.archive.add_failure(failure, sha256=job.sha256, files=job.files)
            self.report.failed += 1
            self.report.failures.append((job.path, failure.message))
            self.event(job.path, "failed", seconds=out.seconds, message=f"{failure.error}: {failure.message}")


def run_batch(
    inputs: Sequence[str | Path],
    archive_path: str | Path,
    options: BatchOptions | None = None,
    *,
    progress: Progress | None = None,
    jsonl: str | Path | None = None,
) -> BatchReport:
    """Extract ``inputs`` (files, folders, ``@list.txt``) into the archive at ``archive_path``.

    With no inputs and ``retry_failed``, the inputs are the paths of the archive's failures. Returns
    what the run did; the archive is complete and consistent after every file, whatever happens."""
    options = options or BatchOptions()
    progress = progress or QuietProgress()
    started = time.monotonic()
    with Archive(archive_path) as archive:
        if not inputs and options.retry_failed:
            inputs = archive.failed_paths()
        paths = expand_inputs(inputs)
        sink = _JsonlSink(Path(jsonl)) if jsonl is not None else None
        run = _Run(archive, options, progress, sink)
        run.report.files = len(paths)
        progress.start(len(paths))
        pool: Pool
        if options.dask_address:
            pool = DaskPool(options.dask_address, settings=options.settings, timeout_s=options.timeout_s)
        else:
            pool = ProcessPool(
                workers=max(1, min(options.workers, len(paths) or 1)),
                task=options.task,
                settings=options.settings,
                timeout_s=options.timeout_s,
                memory_mb=options.memory_mb,
                max_tasks_per_child=options.max_tasks_per_child,
            )
        try:
            jobs = run.plan(paths)
            more = True
            while True:
                while more and pool.free() > 0:
                    job = next(jobs, None)
                    if job is None:
                        more = False
                    else:
                        pool.submit(job)
                if not pool.busy():
                    break
                for job, out in pool.collect(timeout=1.0):
                    run.write(job, out)
        finally:
            pool.close()
            progress.close()
        if sink is not None:
            sink.complete(archive, run.shas)
            sink.close()
        run.report.seconds = time.monotonic() - started
        return run.report
