"""Table-driven stand-ins for spaCy's ``attribute_ruler`` and rule ``lemmatizer`` with the same output.

spaCy's attribute ruler runs a ``Matcher`` over every token for each of its rules (179 in the English
pipelines) and the rule lemmatizer builds a ``Token`` for every token to read its text, part of speech
and morphology; both are a large share of the parse for what are, in the shipped English pipelines,
table lookups. The stand-ins here compute the same thing from the token attribute arrays:

- :class:`LookupAttributeRuler` compiles the ruler's patterns, when every token pattern is a conjunction of
  attribute tests (exact values, ``IN`` and ``NOT_IN`` sets, ``REGEX``; no operators), into dictionaries
  keyed by the values a pattern's first token must have (e.g. ``(LOWER, TAG)``), with a cache from a
  token's whole key to the rules that match it. Matches are found on the tokens as they were before the
  ruler ran and applied in rule order (a later rule wins), exactly as spaCy's ``AttributeRuler`` does; a
  ruler with patterns the tables cannot express is simply called.
- :class:`LookupLemmatizer` answers from spaCy's own lemma cache, keyed as spaCy keys it (form, part of
  speech, morphology), and from a second cache for the answers spaCy does not cache (base forms, spaces);
  a token seen for the first time goes through the wrapped lemmatizer itself.

:func:`use_lookup_pipes` swaps them in (same component names). Tests check the tokens against unmodified
spaCy (``tests/test_fast_pipes.py``).
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable, Iterator
from typing import Any

from spacy.attrs import IDS, LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

FAST_ATTRIBUTE_RULER = "claims_lookup_attribute_ruler"
FAST_LEMMATIZER = "claims_lookup_lemmatizer"
# token attributes a compiled pattern may test for equality (all readable with Doc.to_array)
_TESTABLE = {"ORTH", "LOWER", "NORM", "TAG", "POS", "DEP", "LEMMA", "SHAPE", "ENT_TYPE"}
# a pattern whose value sets expand to more exact patterns than this is left to spaCy
MAX_EXPANSION = 10_000
_FLAGS = {name for name in IDS if name.startswith("IS_") or name.startswith("LIKE_")}


class _DocByDoc:
    """``pipe`` as one call per Doc: ``nlp.pipe`` calls a component's ``pipe``, which would otherwise reach
    the wrapped spaCy component's through ``__getattr__``."""

    def __call__(self, doc: Doc) -> Doc:
        raise NotImplementedError

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


class LookupAttributeRuler(_DocByDoc):
    """spaCy's ``AttributeRuler`` as dictionary lookups (see the module docstring)."""

    def __init__(self, ruler: Any) -> None:
        self.ruler = ruler
        self.name = getattr(ruler, "name", "attribute_ruler")
        self.compiled = self._compile(ruler)

    def __getattr__(self, name: str) -> Any:  # patterns, matcher, scorer ... of the wrapped ruler
        return getattr(self.__dict__["ruler"], name)

    def _compile(self, ruler: Any) -> bool:
        strings = ruler.vocab.strings
        columns: dict[str, int] = {}
        # per rule: its patterns, each a tuple of per-token tests
        rules: list[list[tuple[_Test, ...]]] = []
        for rule in ruler.patterns:
            compiled: list[tuple[_Test, ...]] = []
            for pattern in rule["patterns"]:
                if not isinstance(pattern, list) or not pattern:
                    return False
                tokens: list[list[_Test]] = []  # per token: its alternative tests
                for spec in pattern:
                    alternatives = _token_tests(spec, columns, strings)
                    if alternatives is None:
                        return False
                    tokens.append(alternatives)
                length = len(tokens)
                index = rule.get("index", 0)
                if not -length <= index < length or math.prod(len(t) for t in tokens) > MAX_EXPANSION:
                    return False
                compiled.extend(itertools.product(*tokens))
            rules.append(compiled)
        if len(rules) != len(ruler.attrs) or any("_" in attrs for attrs in ruler.attrs):
            return False
        self.strings = strings
        self.columns = [IDS[name] for name in sorted(columns, key=columns.__getitem__)]
        # first token's equality columns -> their values -> [(rule, residual tests, multi-token pattern or -1)]
        self.tables: dict[tuple[int, ...], dict[tuple[int, ...], list[tuple[int, tuple[_Residual, ...], int]]]] = {}
        self.multi: list[tuple[int, tuple[_Test, ...], int]] = []
        for r, compiled in enumerate(rules):
            index = ruler.indices[r]
            for sequence in compiled:
                equal, residual = sequence[0]
                signature, values = tuple(c for c, _ in equal), tuple(v for _, v in equal)
                m = -1
                if len(sequence) > 1:
                    self.multi.append((r, sequence, index % len(sequence)))
                    m = len(self.multi) - 1
                self.tables.setdefault(signature, {}).setdefault(values, []).append((r, residual, m))
        self.attrs = list(ruler.attrs)
        self._by_key: dict[tuple[int, ...], tuple[tuple[int, ...], tuple[int, ...]]] = {}
        self._merged: dict[tuple[int, ...], dict[int, Any]] = {}
        self._passes: dict[tuple[int, tuple[int, ...]], bool] = {}
        return True

    def _residual_ok(self, key: tuple[int, ...], residual: tuple[_Residual, ...]) -> bool:
        for kind, column, value in residual:
            if kind == "NOT_IN":
                if key[column] in value:
                    return False
            elif not value.search(self.strings[key[column]]):  # REGEX, on the attribute's string
                return False
        return True

    def _lookup(self, key: tuple[int, ...]) -> tuple[tuple[int, ...], tuple[int, ...]]:
        singles: set[int] = set()
        firsts: list[int] = []
        for signature, table in self.tables.items():
            for r, residual, m in table.get(tuple(key[c] for c in signature), ()):
                if residual and not self._residual_ok(key, residual):
                    continue
                if m < 0:
                    singles.add(r)
                else:
                    firsts.append(m)
        found = (tuple(sorted(singles)), tuple(sorted(firsts)))
        self._by_key[key] = found
        return found

    def _passes_test(self, key: tuple[int, ...], test: _Test, test_id: int) -> bool:
        cached = self._passes.get((test_id, key))
        if cached is None:
            equal, residual = test
            cached = all(key[c] == v for c, v in equal) and self._residual_ok(key, residual)
            self._passes[(test_id, key)] = cached
        return cached

    def _merge(self, rules: tuple[int, ...]) -> dict[int, Any]:
        merged: dict[int, Any] = {}
        for r in rules:  # ascending rule order: a later rule's value wins, as in spaCy
            merged.update(self.attrs[r])
        self._merged[rules] = merged
        return merged

    def __call__(self, doc: Doc) -> Doc:
        if not self.compiled:
            return self.ruler(doc)  # type: ignore[no-any-return]
        n = len(doc)
        if not n:
            return doc
        table: list[list[int]] = doc.to_array(self.columns).reshape(n, len(self.columns)).tolist()  # type: ignore[assignment]
        rows = [tuple(row) for row in table]
        by_key, lookup = self._by_key, self._lookup
        hits: list[tuple[int, ...]] = []
        extra: dict[int, list[int]] = {}
        for i, key in enumerate(rows):
            found = by_key.get(key) or lookup(key)
            hits.append(found[0])
            for m in found[1]:
                r, tokens, target = self.multi[m]
                if i + len(tokens) <= n and all(
                    self._passes_test(rows[i + j], tokens[j], m * MAX_EXPANSION + j) for j in range(1, len(tokens))
                ):
                    extra.setdefault(i + target, []).append(r)
        merged_cache, merge = self._merged, self._merge
        for i, rules in enumerate(hits):
            if i in extra:
                rules = tuple(sorted(set(rules) | set(extra[i])))
            if rules:
                set_token_attrs(doc[i], merged_cache.get(rules) or merge(rules))
        return doc


# a token test: equality tests ((column, value), ...) and the other predicates (kind, column, value)
_Residual = tuple[str, int, Any]
_Test = tuple[tuple[tuple[int, int], ...], tuple[_Residual, ...]]


def _token_tests(spec: Any, columns: dict[str, int], strings: Any) -> list[_Test] | None:
    """One token pattern as alternative tests (an ``IN`` set is one alternative per value), or None when a
    predicate has no exact equivalent here (operators, other set predicates, extensions, ...)."""
    if not isinstance(spec, dict) or not spec:
        return None
    choices: list[list[tuple[int, int]]] = []
    residual: list[_Residual] = []
    for name, value in spec.items():
        key = name.upper()
        if key not in _FLAGS and key not in _TESTABLE:
            return None
        column = columns.setdefault(key, len(columns))
        flag = key in _FLAGS
        if isinstance(value, dict):
            if len(value) != 1:
                return None
            ((predicate, argument),) = value.items()
            if predicate in ("IN", "NOT_IN") and isinstance(argument, list) and not flag:
                if not all(isinstance(v, str) for v in argument):
                    return None
                encoded = [get_string_id(v) for v in argument]
                if predicate == "IN":
                    choices.append([(column, v) for v in encoded])
                else:
                    residual.append(("NOT_IN", column, frozenset(encoded)))
            elif predicate == "REGEX" and isinstance(argument, str) and not flag:
                residual.append(("REGEX", column, re.compile(argument)))
            else:
                return None
        elif flag and isinstance(value, bool):
            choices.append([(column, int(value))])
        elif not flag and isinstance(value, str):
            choices.append([(column, strings.add(value))])
        else:
            return None
    return [(tuple(sorted(equal)), tuple(residual)) for equal in itertools.product(*choices)]


class LookupLemmatizer(_DocByDoc):
    """spaCy's rule ``Lemmatizer`` answering from caches keyed by (form, POS, morphology); a form not seen
    before is lemmatized by the same rules with the lemma index as a set (spaCy scans it as a list)."""

    def __init__(self, lemmatizer: Any) -> None:
        from spacy.pipeline import Lemmatizer

        self.lemmatizer = lemmatizer
        self.name = getattr(lemmatizer, "name", "lemmatizer")
        self.supported = getattr(lemmatizer, "mode", None) == "rule" and isinstance(
            getattr(lemmatizer, "cache", None), dict
        )
        # spaCy's own rule code, not a subclass's: then the rules below are the same
        self.own_rules = type(lemmatizer).rule_lemmatize is Lemmatizer.rule_lemmatize
        self._uncached: dict[tuple[int, int, int], int] = {}
        self._tables: dict[str, tuple[bool, frozenset[str], dict[str, list[str]], list[list[str]]]] = {}

    def __getattr__(self, name: str) -> Any:  # lookups, mode, cache, ... of the wrapped lemmatizer
        return getattr(self.__dict__["lemmatizer"], name)

    def _pos_tables(self, univ_pos: str) -> tuple[bool, frozenset[str], dict[str, list[str]], list[list[str]]]:
        tables = self._tables.get(univ_pos)
        if tables is None:
            lookups = self.lemmatizer.lookups
            index = lookups.get_table("lemma_index", {}).get(univ_pos)
            exceptions = lookups.get_table("lemma_exc", {}).get(univ_pos)
            rules = lookups.get_table("lemma_rules", {}).get(univ_pos)
            tables = (any((index, exceptions, rules)), frozenset(index or ()), exceptions or {}, rules or [])
            self._tables[univ_pos] = tables
        return tables

    def _rule_lemmatize(self, token: Any) -> list[str]:
        """``Lemmatizer.rule_lemmatize`` of spaCy 3.8, step for step, with set membership in the index."""
        lemmatizer = self.lemmatizer
        cache_key = (token.orth, token.pos, token.morph.key)
        if cache_key in lemmatizer.cache:
            return lemmatizer.cache[cache_key]  # type: ignore[no-any-return]
        string = token.text
        univ_pos = token.pos_.lower()
        if univ_pos in ("", "eol", "space"):
            return lemmatizer.rule_lemmatize(token)  # type: ignore[no-any-return]  # (its warning for "")
        if lemmatizer.is_base_form(token):
            return [string.lower()]
        known, index, exceptions, rules = self._pos_tables(univ_pos)
        if not known:
            return [string] if univ_pos == "propn" else [string.lower()]
        orig = string
        string = string.lower()
        forms: list[str] = []
        oov_forms = []
        for old, new in rules:
            if string.endswith(old):
                form = string[: len(string) - len(old)] + new
                if not form:
                    pass
                elif form in index or not form.isalpha():
                    if form in index:
                        forms.insert(0, form)
                    else:
                        forms.append(form)
                else:
                    oov_forms.append(form)
        forms = list(dict.fromkeys(forms))
        for form in exceptions.get(string, []):
            if form not in forms:
                forms.insert(0, form)
        if not forms:
            forms.extend(oov_forms)
        if not forms:
            forms.append(orig)
        lemmatizer.cache[cache_key] = forms
        return forms

    def __call__(self, doc: Doc) -> Doc:
        lemmatizer = self.lemmatizer
        if not self.supported:
            return lemmatizer(doc)  # type: ignore[no-any-return]
        n = len(doc)
        if not n:
            return doc
        if not lemmatizer._validated:
            lemmatizer(Doc(doc.vocab))  # validates its tables the way its own call does
        overwrite = lemmatizer.overwrite
        lemmatize = self._rule_lemmatize if self.own_rules else lemmatizer.lemmatize
        array = doc.to_array([ORTH, POS, MORPH, LEMMA])
        cache, uncached, strings = lemmatizer.cache, self._uncached, doc.vocab.strings
        changed = False
        for i, (orth, pos, morph, lemma) in enumerate(array.tolist()):
            if lemma and not overwrite:
                continue
            key = (orth, pos, morph)
            forms = cache.get(key)
            if forms is not None:
                value = strings.add(forms[0])
            elif key in uncached:
                value = uncached[key]
            else:
                value = strings.add(lemmatize(doc[i])[0])
                if key not in cache and pos:  # spaCy answers these without caching (base forms, spaces)
                    uncached[key] = value
            array[i, 3] = value
            changed = True
        if changed:
            doc.from_array([LEMMA], array[:, 3:4].copy())  # type: ignore[arg-type]
        return doc


@Language.factory(FAST_ATTRIBUTE_RULER, default_config={"target": "attribute_ruler"})
def make_lookup_attribute_ruler(nlp: Language, name: str, target: str) -> LookupAttributeRuler:
    return LookupAttributeRuler(nlp.get_pipe(target))


@Language.factory(FAST_LEMMATIZER, default_config={"target": "lemmatizer"})
def make_lookup_lemmatizer(nlp: Language, name: str, target: str) -> LookupLemmatizer:
    return LookupLemmatizer(nlp.get_pipe(target))


def use_lookup_pipes(nlp: Language) -> None:
    """Replace spaCy's ``attribute_ruler`` and ``lemmatizer`` by their lookup stand-ins, keeping the names."""
    for target, factory in (("attribute_ruler", FAST_ATTRIBUTE_RULER), ("lemmatizer", FAST_LEMMATIZER)):
        if target not in nlp.pipe_names:
            continue
        component = nlp.get_pipe(target)
        if isinstance(component, LookupAttributeRuler | LookupLemmatizer):
            continue
        if target == "attribute_ruler" and type(component).__name__ != "AttributeRuler":
            continue
        if target == "lemmatizer" and not hasattr(component, "rule_lemmatize"):
            continue
        temporary = f"{target}__lookup"
        nlp.add_pipe(factory, name=temporary, before=target, config={"target": target})
        nlp.remove_pipe(target)
        nlp.rename_pipe(temporary, target)
