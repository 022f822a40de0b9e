"""Read and check China's annual government information disclosure reports (政府信息公开工作年度报告).

A thin layer over the Rust core (``zfxxgk._native``): the same readers, rules and JSON as
``zfxxgk check --format json``.
"""

from __future__ import annotations

import csv as _csv
import datetime as _dt
import decimal as _decimal
import io as _io
import json as _json
import os as _os
from typing import Any, Dict, Iterable, Iterator, List, Optional, Tuple, Union

from . import _native

__all__ = [
    "Error", "ReadError", "BuildError", "Finding", "Report", "Result", "Checking",
    "read", "check", "series", "sum", "build", "to_frame", "__version__",
]

__version__: str = _native.VERSION


class Error(Exception):
    """Every error zfxxgk raises."""


class ReadError(Error):
    """An input could not be read: ``kind`` is the stable id, ``line``/``column``/``offset`` where known."""

    def __init__(self, kind: str, message: str, line: Optional[int] = None,
                 column: Optional[int] = None, offset: Optional[int] = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.line = line
        self.column = column
        self.offset = offset


class BuildError(Error):
    """A report could not be built from the cells given."""


class Finding:
    """One finding, as the JSON object of ``zfxxgk check --format json``."""

    __slots__ = ("_d",)

    def __init__(self, d: Dict[str, Any]) -> None:
        self._d = d

    rule = property(lambda self: self._d.get("rule"))
    severity = property(lambda self: self._d.get("severity"))
    location = property(lambda self: self._d.get("location"))
    expected = property(lambda self: self._d.get("expected"))
    actual = property(lambda self: self._d.get("actual"))
    assessable = property(lambda self: self._d.get("assessable"))
    message = property(lambda self: self._d.get("message"))
    fingerprint = property(lambda self: self._d.get("fingerprint"))
    source = property(lambda self: self._d.get("source"))

    def to_dict(self) -> Dict[str, Any]:
        """The JSON object of the finding (a copy)."""
        return _json.loads(_json.dumps(self._d))

    def __repr__(self) -> str:
        return f"Finding({self.rule!r}, {self.severity!r}, {self.message!r})"


def _findings(objs: Iterable[str]) -> List[Finding]:
    return [Finding(_json.loads(o)) for o in objs]


class Report:
    """A report read or built."""

    def __init__(self, native: Any) -> None:
        self._n = native
        issuer, year, edition, published = native.meta()
        self.issuer: str = issuer
        self.year: int = year
        self.edition: str = edition
        self.published: Optional[_dt.date] = (
            _dt.date.fromisoformat(published) if published else None)
        self._cells: Optional[List[Dict[str, str]]] = None

    def cells(self) -> List[Dict[str, str]]:
        """The rows of the cells CSV: ``table, row, column, value`` (value ``""`` when blank)."""
        if self._cells is None:
            rows = list(_csv.DictReader(_io.StringIO(self._n.to_csv())))
            self._cells = [{k: r.get(k) or "" for k in ("table", "row", "column", "value")}
                           for r in rows]
        return [dict(c) for c in self._cells]

    def cell(self, table: str, row: str, column: str) -> Union[int, _decimal.Decimal, None]:
        """One cell's number: ``int``, ``Decimal`` for amounts, ``None`` when blank or absent."""
        for c in self.cells():
            if c["table"] == table and c["row"] == row and c["column"] == column:
                v = c["value"]
                if v == "":
                    return None
                try:
                    return int(v)
                except ValueError:
                    try:
                        return _decimal.Decimal(v)
                    except _decimal.InvalidOperation:
                        return None
        return None

    def check(self) -> List[Finding]:
        """The complete check: the reader's notes, the tables' rules and the prose checks."""
        return _findings(self._n.findings())

    def to_json(self) -> str:
        """The report as JSON."""
        return self._n.to_json()

    def to_csv(self) -> str:
        """The report as the cells CSV."""
        return self._n.to_csv()

    def render(self, form: str) -> Union[str, bytes]:
        """The report as ``text``, ``md``, ``html``, ``json``, ``csv`` (str) or ``xlsx``, ``docx`` (bytes)."""
        try:
            return self._n.render(form)
        except ValueError as e:
            raise Error(str(e)) from None

    @property
    def unplaced(self) -> List[Dict[str, Any]]:
        """What the reader could not place: ``line``, ``key`` and the ``raw`` text."""
        return [{"line": l, "key": k, "raw": r} for (l, k, r) in self._n.unplaced()]

    def __repr__(self) -> str:
        return f"Report({self.issuer!r}, {self.year}, {self.edition!r})"


class Result:
    """What checking one input gave: ``file``, ``report`` (or None), ``findings``, ``error``."""

    def __init__(self, line: str, native: Any) -> None:
        d = _json.loads(line)
        self.line: Dict[str, Any] = d
        self.file: str = d.get("file", "")
        self.report: Optional[Report] = Report(native) if native is not None else None
        self.findings: List[Finding] = [Finding(f) for f in d.get("findings", [])]
        e = d.get("error")
        self.error: Optional[ReadError] = (
            ReadError(e.get("kind", ""), e.get("message", ""), e.get("line"),
                      e.get("column"), e.get("offset")) if e else None)

    def __repr__(self) -> str:
        return f"Result({self.file!r}, findings={len(self.findings)}, error={self.error!r})"


PathArg = Union[str, "_os.PathLike[str]"]


def read(source: Union[PathArg, bytes], form: Optional[str] = None) -> Report:
    """Reads a report from a path or bytes; ``form`` one of json csv text md html xlsx pdf docx,
    else detected as the CLI does."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        name, data = "-", bytes(source)
    elif isinstance(source, (str, _os.PathLike)):
        name = _os.fspath(source)
        try:
            with open(name, "rb") as f:
                data = f.read()
        except OSError as e:
            raise ReadError("io", f"cannot read the input: {e}") from None
    else:
        raise TypeError("source must be a path (str or os.PathLike) or bytes")
    try:
        _line, native, err = _native.read(name, data, form)
    except ValueError as e:
        raise Error(str(e)) from None
    if err is not None:
        raise ReadError(*err)
    return Report(native)


def _paths(paths: Union[PathArg, Iterable[PathArg]]) -> List[str]:
    if isinstance(paths, (str, _os.PathLike)):
        return [_os.fspath(paths)]
    return [_os.fspath(p) for p in paths]


class Checking(Iterator[Result]):
    """The iterator ``check`` returns: each input's ``Result`` in the CLI's order, as soon as it
    and those before it are checked. At most a bounded window of results is held at once (64 per
    worker thread, as the CLI); dropping the iterator stops the workers."""

    __slots__ = ("_run",)

    def __init__(self, run: Any) -> None:
        self._run = run

    def __iter__(self) -> "Checking":
        return self

    def __next__(self) -> Result:
        line, native = next(self._run)
        return Result(line, native)


def check(paths: Union[PathArg, Iterable[PathArg]], *, jobs: Optional[int] = None,
          form: Optional[str] = None) -> Checking:
    """Checks files and folders in the CLI's order, in parallel on the Rust side (GIL released).

    ``jobs``: worker threads (default one per core); ``form``: read every input in this form
    (as ``--from``), else each is detected. Files in folders are walked depth first, each
    folder's entries sorted by name; a file of no report type is a ``Result`` with an error.
    The path ``"-"`` is standard input, as in the CLI.
    """
    if jobs is not None and (isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1):
        raise ValueError(f"jobs must be a whole number of threads, at least 1, not {jobs!r}")
    try:
        return Checking(_native.check(_paths(paths), jobs, form))
    except ValueError as e:
        raise Error(str(e)) from None


def _reports(paths: Union[PathArg, Iterable[PathArg], Iterable[Report]]) -> Tuple[List[str], List[Any]]:
    names: List[str] = []
    natives: List[Any] = []
    items = [paths] if isinstance(paths, (str, _os.PathLike)) else list(paths)
    for i, item in enumerate(items):
        if isinstance(item, Report):
            names.append(f"{i}")
            natives.append(item._n)
            continue
        for r in check([item]):
            if r.error is not None:
                raise r.error
            assert r.report is not None
            names.append(r.file)
            natives.append(r.report._n)
    return names, natives


def series(paths: Union[PathArg, Iterable[PathArg], Iterable[Report]]) -> List[Tuple[str, Finding]]:
    """One body's reports over the years: (file, finding) for each series finding."""
    names, natives = _reports(paths)
    return [(names[i], Finding(_json.loads(f))) for i, f in _native.series(names, natives)]


def sum(paths: Union[PathArg, Iterable[PathArg], Iterable[Report]]) -> Tuple[Report, List[Finding]]:  # noqa: A001
    """The sum of several units' reports of one year, and its notes."""
    names, natives = _reports(paths)
    try:
        native, notes = _native.sum(names, natives)
    except ValueError as e:
        raise Error(str(e)) from None
    return Report(native), _findings(notes)


def build(issuer: str, year: int, edition: str,
          cells: Optional[Dict[Tuple[str, str, str], Union[int, str, _decimal.Decimal]]] = None,
          published: Optional[_dt.date] = None) -> Report:
    """Builds a report from the figures given, every 总计 computed as the Rust builder does."""
    rows = [(t, r, c, str(v)) for (t, r, c), v in (cells or {}).items()]
    pub = published.isoformat() if published is not None else None
    try:
        return Report(_native.build(issuer, int(year), str(edition), rows, pub))
    except (ValueError, OverflowError, TypeError) as e:
        raise BuildError(str(e)) from None


def to_frame(results: Iterable[Union[Result, Report]]) -> Any:
    """A pandas DataFrame of long-format cells: file, issuer, year, edition, table, row, column, value."""
    import pandas as pd  # imported lazily: pandas is not a dependency

    rows = []
    for r in results:
        report = r if isinstance(r, Report) else r.report
        file = "" if isinstance(r, Report) else r.file
        if report is None:
            continue
        for c in report.cells():
            rows.append({"file": file, "issuer": report.issuer, "year": report.year,
                         "edition": report.edition, **c})
    return pd.DataFrame(rows, columns=["file", "issuer", "year", "edition", "table", "row",
                                       "column", "value"])
