"""Reading ingest inputs: ``.txt`` files (one article each), ``.jsonl`` files (one article per line),
directories (searched recursively for those two) and ``-`` (standard input).

Everything is streamed: :func:`iter_inputs` yields one :class:`Article` at a time, or a :class:`Skipped`
(an input or a JSONL line that cannot be used, with a one-line reason) or a :class:`Notice` (a warning,
e.g. a file that was not UTF-8). Texts are kept exactly as read: no stripping, no newline conversion.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl",)
STDIN = "-"
METADATA_COLUMNS = ("title", "url", "publisher", "published", "author")


@dataclass(frozen=True)
class Article:
    external_id: str
    text: str
    origin: str  # where it came from: "path" or "path:line"
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    published: str | None = None
    author: str | None = None
    metadata: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Skipped:
    origin: str
    reason: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"


@dataclass(frozen=True)
class Notice:
    origin: str
    message: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.message}"


@dataclass(frozen=True)
class InputFile:
    path: Path
    external_id: str  # for a .txt file; a JSONL line's own "id" wins over it
    kind: str  # "txt" | "jsonl"

    @property
    def origin(self) -> str:
        return str(self.path)


def collect_files(paths: Iterable[str | Path]) -> tuple[list[InputFile], list[Skipped]]:
    """The input files named by ``paths`` (directories walked recursively, in sorted order) and the
    paths that cannot be used. Hidden files and folders inside directories are ignored.

    A file's external id is its name without extension; when two inputs share a name, each gets its
    path (relative to the directory it was found in, else as given) without extension instead.
    """
    found: list[tuple[Path, str]] = []  # (path, path shown relative to its argument, without suffix)
    skipped: list[Skipped] = []
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if str(raw) == STDIN:
            continue
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                inside = child.relative_to(path)
                if any(part.startswith(".") for part in inside.parts) or not child.is_file():
                    continue
                found.append((child, inside.with_suffix("").as_posix()))
        elif path.is_file():
            found.append((path, path.with_suffix("").as_posix()))
        elif path.exists():
            skipped.append(Skipped(str(path), "not a regular file"))
        else:
            skipped.append(Skipped(str(path), "no such file or directory"))

    files: list[tuple[Path, str, str]] = []
    for path, rel in found:
        if path.resolve() in seen:
            continue
        seen.add(path.resolve())
        suffix = path.suffix.lower()
        if suffix in TEXT_SUFFIXES:
            files.append((path, rel, "txt"))
        elif suffix in JSONL_SUFFIXES:
            files.append((path, rel, "jsonl"))
        else:
            skipped.append(Skipped(str(path), f"unknown extension {path.suffix or '(none)'!r}"))
    stems = Counter(path.stem for path, _, _ in files)
    inputs = [InputFile(path, rel if stems[path.stem] > 1 else path.stem, kind) for path, rel, kind in files]
    return inputs, skipped


def decode(data: bytes, origin: str) -> tuple[str | None, Notice | Skipped | None]:
    """Text from bytes: UTF-8 (a byte-order mark is dropped), else the encoding charset-normalizer finds.

    Returns (text, None), (text, Notice) when the encoding had to be guessed, or (None, Skipped).
    """
    if b"\x00" in data:
        return None, Skipped(origin, "binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        where = exc.start
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return None, Skipped(origin, f"not UTF-8 (invalid byte at offset {where}) and no encoding detected")
    return str(best), Notice(origin, f"not valid UTF-8; decoded as {best.encoding}")


def iter_inputs(
    paths: Iterable[str | Path], *, stdin: BinaryIO | None = None
) -> Iterator[Article | Skipped | Notice]:
    """Stream the articles of every input (files in argument order, then standard input if "-" was
    given), with what was skipped and why."""
    paths = list(paths)
    files, skipped = collect_files(paths)
    yield from skipped
    for item in files:
        yield from (_read_text_file(item) if item.kind == "txt" else _read_jsonl_file(item))
    if any(str(p) == STDIN for p in paths):
        yield from _read_stdin(stdin if stdin is not None else sys.stdin.buffer)


def _read_text_file(item: InputFile) -> Iterator[Article | Skipped | Notice]:
    try:
        data = item.path.read_bytes()
    except OSError as exc:
        yield Skipped(item.origin, f"cannot read: {exc.strerror or exc}")
        return
    yield from _text_article(data, item.external_id, item.origin)


def _text_article(data: bytes, external_id: str, origin: str) -> Iterator[Article | Skipped | Notice]:
    text, problem = decode(data, origin)
    if problem is not None:
        yield problem
    if text is None:
        return
    if not text.strip():
        yield Skipped(origin, "empty")
        return
    yield Article(external_id=external_id, text=text, origin=origin)


def _read_jsonl_file(item: InputFile) -> Iterator[Article | Skipped | Notice]:
    try:
        stream = item.path.open("rb")
    except OSError as exc:
        yield Skipped(item.origin, f"cannot read: {exc.strerror or exc}")
        return
    with stream:
        yield from _jsonl_lines(stream, item.origin, item.external_id)


def _jsonl_lines(stream: BinaryIO, origin: str, default_id: str) -> Iterator[Article | Skipped | Notice]:
    seen_line = False
    for number, raw in enumerate(stream, start=1):
        where = f"{origin}:{number}"
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        if not raw.strip():
            continue
        seen_line = True
        line, problem = decode(raw, where)
        if problem is not None:
            yield problem
        if line is None:
            continue
        yield parse_jsonl_line(line, where, default_id=f"{default_id}:{number}")
    if not seen_line:
        yield Skipped(origin, "empty")


def parse_jsonl_line(line: str, where: str, *, default_id: str) -> Article | Skipped:
    """One article from one JSONL line; ``text`` is required, ``id`` and the usual metadata optional,
    other keys are kept as metadata."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return Skipped(where, f"invalid JSON ({exc.msg} at column {exc.colno})")
    if not isinstance(record, dict):
        return Skipped(where, f"expected a JSON object, got {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str):
        return Skipped(where, 'no "text" string')
    if not text.strip():
        return Skipped(where, "empty text")
    raw_id = record.get("id")
    external_id = str(raw_id) if raw_id not in (None, "") else default_id
    columns = {k: (None if record.get(k) is None else str(record[k])) for k in METADATA_COLUMNS}
    metadata = {k: v for k, v in record.items() if k not in ("id", "text", *METADATA_COLUMNS)}
    return Article(external_id=external_id, text=text, origin=where, metadata=metadata, **columns)


def _read_stdin(stream: BinaryIO) -> Iterator[Article | Skipped | Notice]:
    """Standard input is JSONL when its first non-blank line is a JSON object, else one text article
    (external id "stdin")."""
    data = stream.read()
    first = next((line for line in data.splitlines() if line.strip()), b"")
    if first.lstrip().startswith(b"{"):
        try:
            is_object = isinstance(json.loads(first.decode("utf-8-sig")), dict)
        except (UnicodeDecodeError, json.JSONDecodeError):
            is_object = False
        if is_object:
            import io

            yield from _jsonl_lines(io.BytesIO(data), "<stdin>", "stdin")
            return
    yield from _text_article(data, "stdin", "<stdin>")


def estimate_documents(files: Iterable[InputFile]) -> int:
    """How many articles the files hold, roughly (JSONL lines are counted without parsing)."""
    total = 0
    for item in files:
        if item.kind == "txt":
            total += 1
            continue
        try:
            with item.path.open("rb") as stream:
                total += sum(1 for line in stream if line.strip())
        except OSError:
            pass
    return total
