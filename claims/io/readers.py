"""Reading ingest inputs: ``.txt`` files (one article each), ``.jsonl`` files (one article per line),
directories (searched recursively for those two) and ``-`` (standard input).

Everything is streamed: :func:`iter_inputs` yields one :class:`Article` at a time, or a :class:`Skipped`
(an input or a JSONL line that cannot be used, with a one-line reason) or a :class:`Notice` (a warning,
e.g. a file that was not UTF-8). Texts are kept exactly as read: no stripping, no newline conversion.
"""

from __future__ import annotations

import io
import json
import os
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import BinaryIO

TEXT_SUFFIXES = (".txt",)
# Longest text analysed, in characters: spaCy's own default limit (Language.max_length), above which its
# parser needs too much memory. Longer texts are skipped with a message saying so; they are never read
# whole: a .txt file is refused by its size, a JSONL line by its length before it is parsed.
MAX_TEXT_CHARS = 1_000_000
_UTF8_MAX_BYTES_PER_CHAR = 4
_JSON_MAX_BYTES_PER_CHAR = 6  # "\uXXXX"
_JSONL_LINE_SLACK = 1 << 20  # room for the metadata next to the text
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
    paths: Iterable[str | Path], *, stdin: BinaryIO | None = None, max_chars: int = MAX_TEXT_CHARS
) -> Iterator[Article | Skipped | Notice]:
    """Stream the articles of every input (files in argument order, then standard input if "-" was
    given), with what was skipped and why. Texts longer than ``max_chars`` characters are skipped."""
    paths = list(paths)
    files, skipped = collect_files(paths)
    yield from skipped
    for item in files:
        if item.kind == "txt":
            yield from _read_text_file(item, max_chars)
        else:
            yield from _read_jsonl_file(item, max_chars)
    if any(str(p) == STDIN for p in paths):
        yield from _read_stdin(stdin if stdin is not None else sys.stdin.buffer, max_chars)


def too_long(length: int, max_chars: int, unit: str = "characters") -> str:
    return (
        f"too long: {length:,} {unit} (the limit is {max_chars:,} characters of text); split it into smaller articles"
    )


def _read_text_file(item: InputFile, max_chars: int = MAX_TEXT_CHARS) -> Iterator[Article | Skipped | Notice]:
    try:
        with item.path.open("rb") as stream:
            limit = max_chars * _UTF8_MAX_BYTES_PER_CHAR
            data = stream.read(limit + 1)
            if len(data) > limit:
                size = os.fstat(stream.fileno()).st_size
                yield Skipped(item.origin, too_long(size, max_chars, "bytes"))
                return
    except OSError as exc:
        yield Skipped(item.origin, f"cannot read: {exc.strerror or exc}")
        return
    yield from _text_article(data, item.external_id, item.origin, max_chars)


def _text_article(
    data: bytes, external_id: str, origin: str, max_chars: int = MAX_TEXT_CHARS
) -> Iterator[Article | Skipped | Notice]:
    text, problem = decode(data, origin)
    if problem is not None:
        yield problem
    if text is None:
        return
    if not text.strip():
        yield Skipped(origin, "empty")
        return
    if len(text) > max_chars:
        yield Skipped(origin, too_long(len(text), max_chars))
        return
    yield Article(external_id=external_id, text=text, origin=origin)


def _read_jsonl_file(item: InputFile, max_chars: int = MAX_TEXT_CHARS) -> Iterator[Article | Skipped | Notice]:
    try:
        stream = item.path.open("rb")
    except OSError as exc:
        yield Skipped(item.origin, f"cannot read: {exc.strerror or exc}")
        return
    with stream:
        try:
            yield from _jsonl_lines(stream, item.origin, item.external_id, max_chars)
        except OSError as exc:  # e.g. a directory named *.jsonl on some systems, an I/O error mid-file
            yield Skipped(item.origin, f"cannot read: {exc.strerror or exc}")


def bounded_lines(stream: BinaryIO, max_bytes: int) -> Iterator[bytes | int]:
    """The lines of a binary stream; a line longer than ``max_bytes`` is not kept: its length (an int)
    is yielded instead, having been read through in pieces."""
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        if len(line) <= max_bytes or line.endswith(b"\n"):
            yield line
            continue
        length = len(line)
        while not line.endswith(b"\n"):
            line = stream.readline(1 << 20)
            if not line:
                break
            length += len(line)
        yield length


def _jsonl_lines(
    stream: BinaryIO, origin: str, default_id: str, max_chars: int = MAX_TEXT_CHARS
) -> Iterator[Article | Skipped | Notice]:
    seen_line = False
    max_bytes = max_chars * _JSON_MAX_BYTES_PER_CHAR + _JSONL_LINE_SLACK
    for number, raw in enumerate(bounded_lines(stream, max_bytes), start=1):
        where = f"{origin}:{number}"
        if isinstance(raw, int):
            seen_line = True
            yield Skipped(where, too_long(raw, max_chars, "bytes"))
            continue
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
        article = parse_jsonl_line(line, where, default_id=f"{default_id}:{number}")
        if isinstance(article, Article) and len(article.text) > max_chars:
            yield Skipped(where, too_long(len(article.text), max_chars))
            continue
        if isinstance(article, Article):
            article, replaced = scrub_article(article)
            if replaced:
                yield Notice(where, f"{replaced} NUL or lone surrogate character(s) replaced by U+FFFD")
        yield article
    if not seen_line:
        yield Skipped(origin, "empty")


# JSON escapes can spell characters no database stores (PostgreSQL refuses NUL; lone surrogates are not
# UTF-8): each becomes U+FFFD, one character for one, so offsets into the text stay right.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def _scrub(value: object) -> tuple[object, int]:
    if isinstance(value, str):
        return _UNSTORABLE.subn("\ufffd", value)
    if isinstance(value, list):
        items = [_scrub(v) for v in value]
        return [v for v, _ in items], sum(n for _, n in items)
    if isinstance(value, dict):
        pairs = [(_scrub(k), _scrub(v)) for k, v in value.items()]
        return {k: v for (k, _), (v, _) in pairs}, sum(a + b for (_, a), (_, b) in pairs)
    return value, 0


def scrub_article(article: Article) -> tuple[Article, int]:
    """The article with every NUL and lone surrogate (in its text, id and metadata) replaced, and how many."""
    changes: dict[str, object] = {}
    total = 0
    for name, value in vars(article).items():
        clean, count = _scrub(value)
        if count:
            changes[name], total = clean, total + count
    return (replace(article, **changes) if changes else article), total  # type: ignore[arg-type]


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


class _Replay(io.RawIOBase):
    """A binary stream that first gives back ``head`` (already read) and then the rest of ``rest``."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = io.BytesIO(head)
        self._rest = rest
        self._head_done = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        if not self._head_done:
            n = self._head.readinto(buffer)
            if n:
                return n
            self._head_done = True
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _read_stdin(stream: BinaryIO, max_chars: int = MAX_TEXT_CHARS) -> Iterator[Article | Skipped | Notice]:
    """Standard input is JSONL when its first non-blank line is a JSON object (then streamed line by line),
    else one text article (external id "stdin")."""
    head = b""
    limit = max_chars * _UTF8_MAX_BYTES_PER_CHAR
    first = b""
    while len(head) <= limit:
        line = stream.readline(limit + 1 - len(head))
        if not line:
            break
        head += line
        if line.strip():
            first = line
            break
    if first.lstrip().startswith(b"{"):
        try:
            is_object = isinstance(json.loads(first.decode("utf-8-sig")), dict)
        except (UnicodeDecodeError, json.JSONDecodeError):
            is_object = False
        if is_object:
            replay = io.BufferedReader(_Replay(head, stream))
            yield from _jsonl_lines(replay, "<stdin>", "stdin", max_chars)  # type: ignore[arg-type]
            return
    data = head + stream.read(limit + 1 - len(head))
    if len(data) > limit:
        more = len(data)
        while chunk := stream.read(1 << 20):
            more += len(chunk)
        yield Skipped("<stdin>", too_long(more, max_chars, "bytes"))
        return
    yield from _text_article(data, "stdin", "<stdin>", max_chars)


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
