"""Plain data produced by the NLP pipeline.

Nothing here depends on spaCy: these dataclasses are what crosses from the pipeline to the ingest step
(which turns them into database rows) and to every consumer after it. All offsets are Python ``str``
indices into the document text exactly as read, end exclusive.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, get_args

ClaimKind = Literal["direct", "indirect", "mixed", "unattributed"]

ActorKind = Literal["country", "government", "party", "campaign", "company", "union", "organisation", "group", "person"]
ACTOR_KINDS: tuple[str, ...] = get_args(ActorKind)


@dataclass(frozen=True, order=True)
class Span:
    start: int
    end: int

    def text(self, document: str) -> str:
        return document[self.start : self.end]

    def __len__(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True)
class ActorRef:
    """A side a claim can speak for: its name, its kind and the actor it belongs to, if any.

    "Pentagon spokeswoman Ana Ruiz" speaks for ``ActorRef("Pentagon", "government", ActorRef("United States",
    "country"))``;
    a union, a company or a party has no parent because of a nationality word ("Russian oil firm Yukos" is
    Yukos, not Russia's side).
    """

    name: str
    kind: ActorKind
    parent: ActorRef | None = None

    def chain(self) -> tuple[ActorRef, ...]:
        """This actor, its parent, the parent's parent ... (a cycle is cut where it repeats)."""
        out: list[ActorRef] = []
        node: ActorRef | None = self
        while node is not None and all(node.name != seen.name for seen in out):
            out.append(node)
            node = node.parent
        return tuple(out)

    def names(self) -> tuple[str, ...]:
        """The names of :meth:`chain` ("White House", "United States")."""
        return tuple(a.name for a in self.chain())

    def to_data(self) -> list[dict[str, str]]:
        """The chain as plain data, actor first: ``[{"name": ..., "kind": ...}, ...]``."""
        return [{"name": a.name, "kind": a.kind} for a in self.chain()]

    @classmethod
    def from_data(cls, data: list[dict[str, str]] | None) -> ActorRef | None:
        """The inverse of :meth:`to_data` (None for an empty chain)."""
        ref: ActorRef | None = None
        for item in reversed(data or []):
            kind = item.get("kind") or "organisation"
            ref = cls(str(item["name"]), kind if kind in ACTOR_KINDS else "organisation", ref)  # type: ignore[arg-type]
        return ref

    def label(self) -> str:
        """The name with its parent, as reports show it ("White House (United States)")."""
        return f"{self.name} ({self.parent.name})" if self.parent else self.name


@dataclass(frozen=True)
class SpeakerRef:
    """Who a claim's source mention resolves to, within one document.

    ``key`` identifies the speaker inside the document (mentions with the same key are one speaker);
    ``name`` is the canonical display name ("Ana Ruiz"); ``organisation`` the body they speak for
    when the text says so ("White House"); ``actor`` the name of the side or None when unknown; ``side`` the
    same side with its kind and parent chain (``side.name == actor`` whenever both are set).
    """

    key: str
    name: str
    organisation: str | None = None
    actor: str | None = None
    is_pronoun: bool = False
    side: ActorRef | None = None


@dataclass(frozen=True)
class ExtractedClaim:
    sentence: Span
    content: Span
    cue: Span | None
    source: Span | None
    speaker: SpeakerRef | None
    kind: ClaimKind
    confidence: float
    paragraph: int = 0
    # Extra cue pieces for discontinuous cues ("has accused ... saying"); the main cue is ``cue``.
    extra_cues: tuple[Span, ...] = ()
    # What topics and disputes need from the parse (``claims_features`` component); None when not read.
    parse: ClaimParse | None = None


@dataclass
class DocumentAnalysis:
    text: str
    paragraphs: list[Span]
    sentences: list[Span]
    claims: list[ExtractedClaim] = field(default_factory=list)
    pipeline_version: str = ""


# ------------------------------------------------------------------------------------ parse features
# What the topic and dispute steps need from the parse of a claim, read once by the spaCy components at
# ingest (``claims.nlp.features``) and stored with the claim (``claim.features_json``): recomputing topics
# and disputes never parses again. Actor names are left out on purpose: which actors a piece of text names
# depends on the claims collected (their speakers' actors) and on a reviewer's corrections, so the analysis
# step resolves them from the stored texts.

# 2: evaluations; 3: refers_back, calls, refusals, harmful acts, figures keyed by what a unit counts;
# 4: harm said not to be there ("no injuries") as a denial, "no plans to X" as a refusal, copula predicates, phrasal
# falsity verbs ("made it up"), no "by" agent of a feeling, no denial in "was denied bail".
# Bump when what is read from the parse changes: older stored features are read again.
PARSE_FORMAT = 4


@dataclass(frozen=True)
class StanceTarget:
    """Who or what a claim holds responsible, as written (``text``) and how (``via``: a blame verb, "fail",
    "it was", "by", "responsible", "not <verb>"). ``needs_other_actor``: counts only when the text names an
    actor other than the speaker's ("Y did not deliver")."""

    text: str
    via: str
    lemmas: tuple[str, ...] = ()
    needs_other_actor: bool = False


@dataclass(frozen=True)
class ParsedStance:
    """The stance words of a claim's own words (content and cue): targets, denial words, predicates with
    their polarity and argument lemmas, figures by what they count, evaluations (+1 praise / -1 condemn,
    with the lemmas of what is evaluated), and the text actors are looked up in."""

    targets: tuple[StanceTarget, ...] = ()
    denials: tuple[str, ...] = ()
    predicates: tuple[tuple[str, bool, tuple[str, ...]], ...] = ()
    numbers: dict[str, tuple[str, ...]] = field(default_factory=dict)
    lemmas: tuple[str, ...] = ()
    own_text: str = ""
    evaluations: tuple[tuple[int, tuple[str, ...]], ...] = ()
    # a denial of something said before, named only by a shell noun or pronoun ("rejected that account",
    # "the accusation was false", "that is not true"): it answers the claim before it
    refers_back: bool = False
    # what the claim calls for ("urged him to resign": "resign", and "leave" for every departure verb) and
    # what it refuses or says will not happen ("he will not resign", "is going nowhere", "will stay": "leave")
    calls: tuple[str, ...] = ()
    refusals: tuple[str, ...] = ()
    # the denial refers back to two things said ("disputed both critiques"): it answers the two speakers before
    refers_back_both: bool = False


@dataclass(frozen=True)
class LabelCandidate:
    """A phrase that could name the claim's topic: its text, the feature keys of its words (``word`` and
    ``ev:stem``), whether a pronoun or number is in it and whether its head is an event noun."""

    text: str
    features: tuple[tuple[str, ...], ...]
    penalised: bool = False
    event_head: bool = False


@dataclass(frozen=True)
class ClaimParse:
    """Everything topics and disputes read from one claim's parse (plain data, JSON-serialisable).

    ``weights``: feature -> weight (content words, sentence words, ``ev:`` event terms, ``ent:`` entities,
    the antecedent's terms when ``anaphor``); ``previous``: the offsets of the sentence before the claim's;
    ``spans``: the (content, cue) offsets the features were read for (a claim whose spans a reviewer
    changed is read again)."""

    weights: dict[str, float]
    anaphor: bool = False
    previous: tuple[int, int] | None = None
    labels: tuple[LabelCandidate, ...] = ()
    stance: ParsedStance = field(default_factory=ParsedStance)
    spans: tuple[tuple[int, int], tuple[int, int] | None] = ((0, 0), None)
    format: int = PARSE_FORMAT

    def to_dict(self) -> dict:
        """The plain data (what :meth:`from_dict` reads). A parse read with ``from_dict(d, kept=True)`` gives
        back ``d`` itself (not a copy: the caller must not change it)."""
        data = self.__dict__.get("_data")
        if data is not None:
            return data  # type: ignore[no-any-return]
        s = self.stance
        return {
            "format": self.format,
            "weights": {k: round(v, 4) for k, v in self.weights.items()},
            "anaphor": self.anaphor,
            "previous": list(self.previous) if self.previous else None,
            "labels": [[c.text, [list(f) for f in c.features], c.penalised, c.event_head] for c in self.labels],
            "stance": {
                "targets": [[t.text, t.via, list(t.lemmas), t.needs_other_actor] for t in s.targets],
                "denials": list(s.denials),
                "predicates": [[lemma, neg, list(args)] for lemma, neg, args in s.predicates],
                "numbers": {k: list(v) for k, v in s.numbers.items()},
                "lemmas": list(s.lemmas),
                "own_text": s.own_text,
                "evaluations": [[polarity, list(about)] for polarity, about in s.evaluations],
                "refers_back": s.refers_back,
                "calls": list(s.calls),
                "refusals": list(s.refusals),
                "refers_back_both": s.refers_back_both,
            },
            "spans": [list(self.spans[0]), list(self.spans[1]) if self.spans[1] else None],
        }

    @classmethod
    def from_dict(cls, data: dict, *, kept: bool = False) -> ClaimParse:
        """The parse of plain data. ``kept``: ``data`` was made by :meth:`to_dict` and is not changed
        afterwards; :meth:`to_dict` then returns it instead of building it again (ingest turns the
        components' plain data into a parse and stores it as JSON: the same data twice otherwise)."""
        s = data.get("stance") or {}
        previous = data.get("previous")
        content, cue = data.get("spans") or [[0, 0], None]
        parse = cls(
            weights={str(k): float(v) for k, v in (data.get("weights") or {}).items()},
            anaphor=bool(data.get("anaphor")),
            previous=(int(previous[0]), int(previous[1])) if previous else None,
            labels=tuple(
                LabelCandidate(str(text), tuple(map(tuple, feats)), bool(pen), bool(ev))
                for text, feats, pen, ev in data.get("labels") or []
            ),
            stance=ParsedStance(
                targets=tuple(
                    StanceTarget(str(t), str(via), tuple(lem), bool(other))
                    for t, via, lem, other in s.get("targets") or []
                ),
                denials=tuple(s.get("denials") or ()),
                predicates=tuple((str(lem), bool(neg), tuple(args)) for lem, neg, args in s.get("predicates") or []),
                numbers={str(k): tuple(v) for k, v in (s.get("numbers") or {}).items()},
                lemmas=tuple(s.get("lemmas") or ()),
                own_text=str(s.get("own_text") or ""),
                evaluations=tuple((int(pol), tuple(about)) for pol, about in s.get("evaluations") or []),
                refers_back=bool(s.get("refers_back")),
                calls=tuple(str(v) for v in s.get("calls") or ()),
                refusals=tuple(str(v) for v in s.get("refusals") or ()),
                refers_back_both=bool(s.get("refers_back_both")),
            ),
            spans=((int(content[0]), int(content[1])), (int(cue[0]), int(cue[1])) if cue else None),
            format=int(data.get("format", 0)),
        )
        if kept:
            object.__setattr__(parse, "_data", data)  # what to_dict gives back (not a field: equality unchanged)
        return parse
