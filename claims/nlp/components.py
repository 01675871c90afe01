"""The claims spaCy components and the conversion of a processed ``Doc`` into plain data.

Components (registered with ``@Language.factory``):

- ``claims_paragraphs`` (``claims.nlp.segment``): paragraph- and line-aware sentence starts.
- ``claims_attribution``: runs an :class:`~claims.nlp.attribution.Attributor` and stores its records on
  ``doc._.claims_attributions``.
- ``claims_claims``: resolves speakers and actors, classifies unattributed sentences and site furniture,
  and stores plain :class:`~claims.types.ExtractedClaim` records on ``doc._.claims_claims``.
- ``claims_features``: reads what topics and disputes need from each claim's parse
  (:func:`claims.nlp.features.read_claim_parse`) and adds it to the claim's record (``"parse"``).

Only plain dataclasses leave this module (:func:`doc_to_analysis`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Token

from claims.nlp.affiliations import descriptor_kind, local_jurisdiction
from claims.nlp.attribution import Attributor, RawAttribution, RuleAttributor, doc_text, quotation_char_spans
from claims.nlp.bodies import home_country
from claims.nlp.fast_pipes import use_lookup_pipes
from claims.nlp.furniture import FurnitureDetector
from claims.nlp.learned import LEARNED_ATTRIBUTORS
from claims.nlp.lexemes import token_columns
from claims.nlp.segment import add_segmenter
from claims.types import (
    ActorKind,
    ActorRef,
    ClaimKind,
    ClaimParse,
    DocumentAnalysis,
    ExtractedClaim,
    Span,
    SpeakerRef,
)

ATTRIBUTION = "claims_attribution"
CLAIMS = "claims_claims"
FEATURES = "claims_features"
PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "i", "me", "my", "we", "us", "you"}
PLURAL_PRONOUNS = {"they", "them", "their", "we", "us", "our"}
PRONOUNS = PERSON_PRONOUNS | PLURAL_PRONOUNS | {"it", "its"}
MIN_ASSERTION_WORDS = 5

for _name in ("claims_attributions", "claims_claims"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


# Attributors by name: the rules today; a trainable component registers itself here and is chosen with
# nlp.add_pipe("claims_attribution", config={"attributor": "its-name"}).
# "model" and "hybrid" (claims.nlp.learned) take a ``model_path`` (a trained model directory; default: the
# shipped weights).
ATTRIBUTORS: dict[str, Callable[..., Attributor]] = {"rules": RuleAttributor, **LEARNED_ATTRIBUTORS}


@Language.factory(ATTRIBUTION, default_config={"attributor": "rules", "model_path": None})
def make_attribution(nlp: Language, name: str, attributor: str, model_path: str | None) -> AttributionComponent:
    if attributor not in ATTRIBUTORS:
        raise ValueError(f"unknown attributor {attributor!r}; known: {', '.join(sorted(ATTRIBUTORS))}")
    if model_path is not None:
        return AttributionComponent(ATTRIBUTORS[attributor](model_path=model_path))
    return AttributionComponent(ATTRIBUTORS[attributor]())


class AttributionComponent:
    """Wraps any attributor (rules today, a trained model later) as a pipeline component."""

    def __init__(self, attributor: Attributor) -> None:
        self.attributor = attributor

    def __call__(self, doc: Doc) -> Doc:
        # a shallow copy is enough (spans are tuples) and much cheaper than ``dataclasses.asdict``
        doc._.claims_attributions = [
            {**vars(a), "cue": list(a.cue), "extra": dict(a.extra)} for a in self.attributor(doc)
        ]
        return doc


@Language.factory(CLAIMS)
def make_claims(nlp: Language, name: str) -> ClaimsComponent:
    return ClaimsComponent()


class ClaimsComponent:
    def __init__(self) -> None:
        self.furniture = FurnitureDetector()

    def __call__(self, doc: Doc) -> Doc:
        atts = [RawAttribution(**a) for a in doc._.claims_attributions or []]
        # stored as plain dicts so that docs cross process boundaries (nlp.pipe(n_process=N)) intact
        doc._.claims_claims = [claim_to_dict(c) for c in build_claims(doc, atts, self.furniture)]
        doc.user_data.pop("claims_quoted", None)
        doc.user_data.pop("claims_text", None)
        return doc


@Language.factory(FEATURES)
def make_features(nlp: Language, name: str) -> FeaturesComponent:
    return FeaturesComponent(nlp)


class FeaturesComponent:
    """Topic and stance features of every claim, read from the parse while it is at hand (plain dicts)."""

    def __init__(self, nlp: Language) -> None:
        from claims.nlp.features import prepare

        self.verbs = prepare(nlp)

    def __call__(self, doc: Doc) -> Doc:
        from claims.nlp.features import read_claim_parse

        def offsets(value: dict[str, int] | None) -> tuple[int, int] | None:
            return (value["start"], value["end"]) if value else None

        for record in doc._.claims_claims or []:
            record["parse"] = read_claim_parse(
                doc,
                sentence=(record["sentence"]["start"], record["sentence"]["end"]),
                content=(record["content"]["start"], record["content"]["end"]),
                cue=offsets(record["cue"]),
                source=offsets(record["source"]),
                extra_cues=[(c["start"], c["end"]) for c in record["extra_cues"]],
                verbs=self.verbs,
            ).to_dict()
        return doc


def add_claims_components(
    nlp: Language, *, attributor: str = "rules", model_path: str | None = None, features: bool = True
) -> None:
    """Add our components: ``attributor`` names an entry of ``ATTRIBUTORS`` (``model_path``: a trained
    model's folder for the learned ones, default the shipped weights); ``features=False`` leaves out the
    topic and stance features (claims only). spaCy's attribute ruler and lemmatizer are replaced by lookup
    stand-ins with the same output (:mod:`claims.nlp.fast_pipes`)."""
    use_lookup_pipes(nlp)
    add_segmenter(nlp)
    if ATTRIBUTION not in nlp.pipe_names:
        nlp.add_pipe(ATTRIBUTION, last=True, config={"attributor": attributor, "model_path": model_path})
    if CLAIMS not in nlp.pipe_names:
        nlp.add_pipe(CLAIMS, last=True)
    if features and FEATURES not in nlp.pipe_names:
        nlp.add_pipe(FEATURES, last=True)


# ---------------------------------------------------------------------------------------------- helpers


def paragraph_spans(text: str) -> list[Span]:
    """Paragraphs: text between blank lines, without surrounding whitespace."""
    spans = []
    for m in re.finditer(r"\S(?:.*?\S)?(?=\s*\n\s*\n|\s*$)", text, flags=re.S):
        spans.append(Span(m.start(), m.end()))
    return spans


def headline_end(text: str, paragraphs: list[Span], *, longest: int = 200) -> int:
    """The end of the story's headline: a short first paragraph of one line that ends in no full stop; 0 when
    the text opens with no headline."""
    if len(paragraphs) < 2:
        return 0
    first = text[paragraphs[0].start : paragraphs[0].end]
    if len(first) > longest or "\n" in first or first.rstrip("”’\"'").endswith((".", ":", ";")):
        return 0
    return paragraphs[0].end


def _strip(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


def claim_kind(text: str, content: Span, quotes: list[tuple[int, int]]) -> ClaimKind:
    """direct: the content is a quotation; mixed: it contains one; indirect: none."""
    inner = [q for q in quotes if q[0] < content.end and content.start < q[1]]
    if not inner:
        return "indirect"
    alnum = sum(1 for ch in text[content.start : content.end] if ch.isalnum())
    if not alnum:
        return "indirect"
    # the letters and digits inside the quotations (their union, within the content)
    quoted, reached = 0, content.start
    for q0, q1 in sorted(inner):
        lo, hi = max(q0, reached), min(q1, content.end)
        if hi > lo:
            quoted += sum(1 for ch in text[lo:hi] if ch.isalnum())
            reached = hi
    if quoted == alnum:
        return "direct"
    return "mixed"


def _index_of(spans: list[Span], offset: int) -> int:
    for i, s in enumerate(spans):
        if s.start <= offset < s.end:
            return i
    # between spans: the last one starting before the offset
    best = 0
    for i, s in enumerate(spans):
        if s.start <= offset:
            best = i
    return best


def _after(text: str, end: int) -> str:
    """The word after a comma that follows ``end`` ("" when no comma comes next)."""
    rest = text[end : end + 24].lstrip()
    return rest[1:].lstrip().split(" ", 1)[0] if rest.startswith(",") else ""


class _Speakers:
    """Adapter over :class:`claims.nlp.speakers.SpeakerRegistry` for one document."""

    def __init__(self) -> None:
        from claims.nlp.speakers import SpeakerRegistry

        self.registry = SpeakerRegistry()

    def for_source(self, doc: Doc, att: RawAttribution) -> SpeakerRef | None:
        from claims.nlp.speakers import relative_of_body

        if att.source_root is None:
            return None
        head: Token = doc[att.source_root]
        position = att.source[0] if att.source else head.idx
        if head.lower_ in PRONOUNS and head.pos_ == "PRON":
            return self.registry.resolve_pronoun_word(head.lower_, position)
        mention = _mention_text(doc, head, att)
        role = relative_role(doc, head)
        if role is not None:
            mention = f"{mention}, {role}"  # "Helen Marsh, who chairs the group": the group's chair
        label = head.ent_type_ or None
        if label == "ORG" and self._names_known_person(mention):
            label = "PERSON"  # the small model often tags a bare surname as an organisation
        if label == "PERSON" and att.source and relative_of_body(", " + _after(doc_text(doc), att.source[1])):
            label = "ORG"  # "Minera Cordillera, which operates the mine": a body, whatever the tagger says
        return self.registry.add(mention, position=position, ent_label=label)

    def _names_known_person(self, mention: str) -> bool:
        from claims.nlp.mentions import parse_mention
        from claims.nlp.speakers import same_speaker

        words = mention.split()
        if not 1 <= len(words) <= 3 or not all(w[:1].isupper() for w in words):
            return False
        as_person = parse_mention(mention, ent_label="PERSON")
        for ref in self.registry.speakers():
            known = self.registry.parsed(ref.key)
            if known is not None and known.is_person and same_speaker(as_person, known):
                return True
        return False

    def note_bodies(self, doc: Doc) -> None:
        """Every organisation the NER finds, so that "the department" or "the CAA" can mean one named
        earlier that never spoke (and an acronym in brackets after it)."""
        from claims.nlp.bodies import bracketed_acronym

        text = doc_text(doc)
        for ent in doc.ents:
            if ent.label_ == "ORG" and not _dateline_credit(text, ent.start_char, ent.end_char):
                acronym = bracketed_acronym(text[ent.end_char : ent.end_char + 16], leading=True)
                start = _coordinated_name_start(doc, ent)
                kind = _descriptor_before(doc, ent)
                self.registry.note_body(text[start : ent.end_char], start, acronym=acronym, kind=kind)

    def observe(self, mention: str, *, position: int, ent_label: str | None) -> None:
        self.registry.add(mention, position=position, ent_label=ent_label)

    def final(self, ref: SpeakerRef | None) -> SpeakerRef | None:
        """``ref`` with everything the whole document said about its speaker (a headline's "Union" is the
        union named in full below it)."""
        return self.registry.final(ref) if ref is not None else None


_DATELINE_CREDIT_RE = re.compile(r"[A-Z][A-Z .,'’-]*(?:,[^()\n]{0,30})?\($")


def _dateline_credit(text: str, start: int, end: int) -> bool:
    """Whether the name at ``start:end`` is the news agency credited in a dateline ("CHICAGO (Reuters) -"),
    which is no body of the story."""
    line_start = text.rfind("\n", 0, start) + 1
    return text[end : end + 1] == ")" and bool(_DATELINE_CREDIT_RE.fullmatch(text[line_start:start].strip()))


def _descriptor_before(doc: Doc, ent: Any) -> ActorKind | None:
    """The kind a lower-case descriptor right before an organisation's name gives it ("the packaged-food maker
    Norvell Foods", "health insurer Medivant Health": a company), wherever the name stands; None when none."""
    k = ent.start
    words: list[str] = []
    while k > 0 and len(words) < 3:
        prev = doc[k - 1]
        if prev.is_punct and prev.text != "-" or prev.is_title or prev.pos_ not in {"NOUN", "ADJ", "PUNCT"}:
            break
        words.insert(0, prev.text)
        k -= 1
    if not words or doc[ent.start - 1].pos_ != "NOUN":
        return None
    return descriptor_kind(" ".join(words))


def _coordinated_name_start(doc: Doc, ent: Any) -> int:
    """Where an organisation's name starts when the tagger cut it at an "and" inside it: "the Ashcombe and
    Dale NHS Foundation Trust" (the entity "Dale NHS Foundation Trust", its root a conjunct of "Ashcombe"
    right after "the") starts at "Ashcombe"; else where the entity starts. "Pfizer and BioNTech SE" (no
    determiner) and "Russia and the X Trust" (a determiner after "and") are two names."""
    k = ent.start
    if k < 3 or doc[k - 1].lower_ != "and" or doc[k - 1].dep_ != "cc":
        return int(ent.start_char)
    first = doc[k - 2]
    if not (first.pos_ == "PROPN" and first.is_title and doc[k - 3].dep_ == "det" and doc[k - 3].head.i >= first.i):
        return int(ent.start_char)
    if ent.root.head.i != first.i or ent.root.dep_ != "conj" or first.ent_type_ in {"GPE", "NORP"}:
        return int(ent.start_char)
    return int(first.idx)


def _named_mentions(doc: Doc, sources: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """Named people and organisations with the title words before them, outside source spans."""
    out = []
    for ent in doc.ents:
        # people only: organisations enter as sources, so that "the statement" resolves to a body that
        # spoke, not to any name in the text
        if ent.label_ != "PERSON" and not (ent.label_ == "ORG" and _described_as_person(doc, ent)):
            continue
        start_token = ent.start
        # take in the title and affiliation words that modify the name ("US Secretary of State X")
        while start_token > 0:
            prev = doc[start_token - 1]
            modifies_name = start_token <= prev.head.i <= ent.end
            if prev.dep_ in {"compound", "amod", "nmod", "poss", "case"} and modifies_name:
                start_token -= 1
            elif prev.dep_ in {"pobj", "prep"} and prev.i > 0 and prev.head.i >= start_token - 3 and prev.is_title:
                start_token -= 1
            else:
                break
        while start_token < ent.end and doc[start_token].pos_ not in {"PROPN", "ADJ", "NOUN"}:
            start_token += 1  # NER sometimes takes in a preposition or adverb ("Besides X")
        if start_token >= ent.end:
            continue
        start, end = doc[start_token].idx, ent.end_char
        head = ent.root.head
        if (
            ent.root.dep_ == "appos"
            and head.i < ent.start
            and head.pos_ == "NOUN"
            and ent.start - head.left_edge.i <= 12
        ):
            start = head.left_edge.idx  # "the director of the Ohio Department of Transportation, Paul Rainey"
        described = _appositive_end(doc, ent)  # "said Richard Mole, the CAA's director": seen, though a source
        if any(s <= start < e or s < end <= e for s, e in sources) and described is None:
            continue
        out.append((start, described or end, "PERSON"))
    # a surname the NER tagged elsewhere but not here ("Rainey, a former engineer, ... he said")
    surnames = {ent[-1].text for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1}
    for i, pos in enumerate(token_columns(doc).pos):
        if pos != "PROPN":
            continue
        tok = doc[i]
        if tok.ent_type_ or tok.text not in surnames:
            continue
        start, end = tok.idx, tok.idx + len(tok.text)
        if not any(s <= start < e for s, e in sources) and not any(a <= start < b for a, b, _ in out):
            out.append((start, end, "PERSON"))
    out.sort()
    return out


def _title_words() -> frozenset[str]:
    from claims.nlp.mentions import mention_lexicon

    return mention_lexicon().title_words


def _described_as_person(doc: Doc, ent: Any) -> bool:
    """A name the NER took for an organisation that an appositive describes by a person's title ("Nina
    Holt, the alliance's executive director")."""
    from claims.nlp.mentions import mention_lexicon

    titles = mention_lexicon().title_words
    return _appositive_end(doc, ent) is not None and any(
        c.dep_ == "appos" and c.lower_ in titles for c in ent.root.children
    )


def _appositive_end(doc: Doc, ent: Any) -> int | None:
    """The end offset of a describing appositive right after a named person (", the union's general
    secretary"), relative clauses left out; None when there is none."""
    if ent.end >= len(doc) or doc[ent.end].text != ",":
        return None
    for child in ent.root.children:
        if child.dep_ == "appos" and child.i > ent.end:
            if child.lower_ not in _title_words():
                return None  # only a title describes whom a person speaks for ("the CAA's director")
            stop = next((t.i for t in doc[child.i : child.right_edge.i + 1] if t.text in {",", ";", "("}), len(doc))
            conj = next((t for t in child.children if t.dep_ == "conj"), None)
            if conj is not None:
                if not any(d.dep_ == "det" and d.lower_ in {"a", "an"} for d in conj.children):
                    return None  # "Ferreyra, his father and the club's director": a list, not a description
                # "Dr. X, the association's president and a cardiologist at Y": one person's second role
                cc = next((t.i for t in child.children if t.dep_ == "cc" and t.i < conj.i), conj.i)
                stop = min(stop, cc - 1)
            elif any(t.dep_ in {"conj", "cc"} for t in child.subtree):
                return None
            last = child.i
            for t in child.subtree:
                if (
                    t.i > stop
                    or t.dep_ in {"relcl", "punct"}
                    or any(a.dep_ == "relcl" for a in t.ancestors if a.i > child.i)
                ):
                    continue
                last = max(last, t.i)
            return doc[last].idx + len(doc[last].text)
    return None


def relative_role(doc: Doc, head: Token) -> str | None:
    """The role a relative clause on a named speaker gives them in a body, as a title phrase: "Helen Marsh,
    who chairs the group" -> "the group's chair", "X, who leads the Y Party" -> "leader of the Y Party"
    (the verbs and titles: ``role_verbs`` in ``claims/data/affiliations.json``); None when there is none.
    The clause may hang on the name or on the title it is in apposition with ("Its director, X, who ...")."""
    from claims.nlp.rules import load_affiliation_rules

    verbs = load_affiliation_rules().role_verbs
    if head.pos_ != "PROPN" or not verbs:
        return None
    hosts = [head, *(c for c in head.children if c.dep_ == "appos")]
    if head.dep_ == "appos":
        hosts.append(head.head)
    for host in hosts:
        for clause in host.children:
            if clause.dep_ != "relcl" or clause.i < host.i or clause.lemma_.lower() not in verbs:
                continue
            if not any(c.dep_ == "nsubj" and c.lower_ == "who" for c in clause.children):
                continue
            obj = next((c for c in clause.children if c.dep_ == "dobj"), None)
            if obj is None or obj.pos_ not in {"NOUN", "PROPN"} or obj.ent_type_ == "PERSON":
                continue
            words = list(doc[obj.left_edge.i : obj.i + 1])
            stop = next((k for k, t in enumerate(words) if t.text in {",", ";", "("}), len(words))
            phrase = doc[words[0].i : words[0].i + stop].text if stop else ""
            if not phrase:
                continue
            title = verbs[clause.lemma_.lower()]
            if any(t.is_title for t in words[1:stop]) or words[0].is_title:
                return f"{title} of {phrase}"  # "leader of the Free Party"
            return f"{phrase}'s {title}"  # "the group's chair": "chair of the group" would be a portfolio
    return None


def _mention_text(doc: Doc, head: Token, att: RawAttribution) -> str:
    """The mention naming the speaker: the source span, or the antecedent phrase of a relative pronoun."""
    if att.source and att.source[0] <= head.idx < att.source[1]:
        written = doc_text(doc)[att.source[0] : att.source[1]]
        # "Ruiz, who": the relative pronoun is part of the source as written, not of the name
        return re.sub(r"[\s,]+(who|which|that|whom)$", "", written, flags=re.I)
    toks = [t for t in head.subtree if t.dep_ not in {"relcl", "punct"} and t.i <= head.i + 4]
    left = min([t.i for t in toks] + [head.i])
    right = head.i
    for t in head.rights:
        if t.dep_ in {"compound", "flat", "appos"}:
            right = max(right, t.i)
    return doc[left : right + 1].text


def build_claims(doc: Doc, atts: list[RawAttribution], furniture: FurnitureDetector) -> list[ExtractedClaim]:
    text = doc_text(doc)
    paragraphs = paragraph_spans(text)
    sents = list(doc.sents)
    sentence_spans = [_strip(text, s.start_char, s.end_char) for s in sents]
    quotes = quotation_char_spans(text)
    junk, headings = furniture.furniture_sentences(doc, sents, paragraphs, {a.sentence_index for a in atts})
    speakers = _Speakers()
    speakers.note_bodies(doc)
    speakers.registry.home = home_country(text)
    speakers.registry.jurisdiction = local_jurisdiction(text)
    speakers.registry.headline_end = headline_end(text, paragraphs)
    speakers.registry.apostrophe = "'" if "'s " in text and "’s " not in text else "’"
    claims: list[ExtractedClaim] = []
    resolved: list[SpeakerRef | None] = []
    by_index: dict[int, SpeakerRef | None] = {}
    covered: set[int] = set()
    # Speakers are resolved in reading order so that pronouns see earlier mentions; named people and
    # bodies mentioned anywhere (not only as sources) are observed too, so that an affiliation written
    # once ("Foreign Minister Ana Ruiz") carries to a later source mention ("Ruiz").
    events: list[tuple[int, int, int]] = []  # (position, order, attribution index or -1 - mention index)
    mentions = _named_mentions(doc, [a.source for a in atts if a.source])
    for m_index, (start, _end, _label) in enumerate(mentions):
        events.append((start, 0, -1 - m_index))
    for k, att in enumerate(atts):
        events.append(((att.source or att.content)[0], 1, k))
    events.sort()
    for _pos, _o, k in events:
        if k < 0:
            start, end, label = mentions[-1 - k]
            speakers.observe(text[start:end], position=start, ent_label=label)
            continue
        att = atts[k]
        if att.sentence_index in junk:
            continue
        if att.continues is not None and att.continues in by_index:
            speaker = by_index[att.continues]
        else:
            speaker = speakers.for_source(doc, att)
        by_index[k] = speaker
        content = Span(*att.content)
        cue = Span(*att.cue[0]) if att.cue else None
        if att.cue and len(att.cue) > 1:
            cue = Span(att.cue[0][0], att.cue[0][1])
        claims.append(
            ExtractedClaim(
                sentence=sentence_spans[att.sentence_index],
                content=content,
                cue=cue,
                source=Span(*att.source) if att.source else None,
                speaker=speaker,
                kind=claim_kind(text, content, quotes),
                confidence=att.confidence,
                paragraph=_index_of(paragraphs, content.start) if paragraphs else 0,
                extra_cues=tuple(Span(*c) for c in att.cue[1:]),
            )
        )
        resolved.append(speaker)
        covered.add(att.sentence_index)
        for i, s in enumerate(sentence_spans):
            if content.start <= s.start and s.end <= content.end:
                covered.add(i)
    for i, sent in enumerate(sents):
        if i in covered or i in junk or i in headings:
            continue
        if is_assertion(sent):
            span = sentence_spans[i]
            claims.append(
                ExtractedClaim(
                    sentence=span,
                    content=span,
                    cue=None,
                    source=None,
                    speaker=None,
                    kind="unattributed",
                    confidence=0.5,
                    paragraph=_index_of(paragraphs, span.start) if paragraphs else 0,
                )
            )
    claims = [replace(c, speaker=speakers.final(c.speaker)) if c.speaker else c for c in claims]
    claims.sort(key=lambda c: (c.sentence.start, c.content.start))
    return claims


def is_assertion(sent) -> bool:  # type: ignore[no-untyped-def]
    """A declarative sentence with a finite verb: the outlet's own statement of fact."""
    words = [t for t in sent if t.is_alpha]
    if len(words) < MIN_ASSERTION_WORDS:
        return False
    if sent.text.rstrip().endswith("?"):
        return False
    if any(t.pos_ in {"VERB", "AUX"} and "Fin" in t.morph.get("VerbForm") for t in sent):
        return True
    # the small model sometimes tags a finite past verb as a participle: a verb root with a subject will do
    root = sent.root
    return root.pos_ in {"VERB", "AUX"} and any(c.dep_ in {"nsubj", "nsubjpass"} for c in root.children)


def claim_to_dict(claim: ExtractedClaim) -> dict[str, Any]:
    """Plain data for a ``Doc`` extension (it crosses process boundaries). Written out because
    ``dataclasses.asdict`` deep-copies every field, a tenth of this component's time."""

    def span(value: Span | None) -> dict[str, int] | None:
        return {"start": value.start, "end": value.end} if value is not None else None

    speaker = claim.speaker
    return {
        "sentence": span(claim.sentence),
        "content": span(claim.content),
        "cue": span(claim.cue),
        "source": span(claim.source),
        "speaker": None
        if speaker is None
        else {
            "key": speaker.key,
            "name": speaker.name,
            "organisation": speaker.organisation,
            "actor": speaker.actor,
            "is_pronoun": speaker.is_pronoun,
            "side": speaker.side.to_data() if speaker.side else None,
        },
        "kind": claim.kind,
        "confidence": claim.confidence,
        "paragraph": claim.paragraph,
        "extra_cues": [span(c) for c in claim.extra_cues],
    }


def claim_from_dict(data: dict[str, Any]) -> ExtractedClaim:
    def span(value: Any) -> Span | None:
        return Span(int(value["start"]), int(value["end"])) if value else None

    speaker = data.get("speaker")
    return ExtractedClaim(
        sentence=Span(**data["sentence"]),
        content=Span(**data["content"]),
        cue=span(data.get("cue")),
        source=span(data.get("source")),
        speaker=_speaker_from_dict(speaker) if speaker else None,
        kind=data["kind"],
        confidence=float(data["confidence"]),
        paragraph=int(data.get("paragraph", 0)),
        extra_cues=tuple(Span(**c) for c in data.get("extra_cues", ())),
        parse=ClaimParse.from_dict(data["parse"], kept=True) if data.get("parse") else None,
    )


def _speaker_from_dict(data: dict[str, Any]) -> SpeakerRef:
    fields = {k: v for k, v in data.items() if k != "side"}
    return SpeakerRef(**fields, side=ActorRef.from_data(data.get("side")))


def doc_to_analysis(doc: Doc, version: str) -> DocumentAnalysis:
    text = doc_text(doc)
    stored = doc._.claims_claims
    if stored is None:
        raise ValueError("the claims components did not run on this Doc; use claims.nlp.pipeline.load_analyzer")
    return DocumentAnalysis(
        text=text,
        paragraphs=paragraph_spans(text),
        sentences=[_strip(text, s.start_char, s.end_char) for s in doc.sents],
        claims=[claim_from_dict(c) for c in stored],
        pipeline_version=version,
    )
