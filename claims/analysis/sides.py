"""The sides of a dispute: the highest actors two claims do not share.

Pure functions over :class:`~claims.types.ActorRef` chains (an actor, its parent, the parent's parent ...):

* actors on one branch are one side: a body and the people or offices that speak for it, a country and its
  government bodies ("Moscow" and "the Kremlin" are both Russia's side);
* otherwise each side climbs to the highest actor the other does not share: the Kremlin vs the White House
  are Russia vs the United States; two ministers of one government stay the two ministers;
* a country is a side against another country or against a body outside it (Hezbollah against the
  Israeli military is Hezbollah against Israel), but not against people, parties and campaigns, whose
  quarrels with a government are domestic politics: a senator against the White House is the senator
  against the White House, not against the United States;
* a party is the affiliation of its members, not a side their claims climb to: "Republican Senator X"
  (X, parent Republican Party) against the White House is X against the White House; a member joins the
  party's side only when the party itself speaks on the topic (a side below another side is that side).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from claims.types import ActorRef, ExtractedClaim

# Sides a government's quarrel with stays below the country (its office, ministry or official).
DOMESTIC_KINDS = frozenset({"person", "party", "campaign"})


def _chain(actor: ActorRef | Sequence[ActorRef]) -> tuple[ActorRef, ...]:
    if isinstance(actor, ActorRef):
        return actor.chain()
    return tuple(actor)


def topic_sides(actors: Iterable[ActorRef | Sequence[ActorRef]]) -> dict[str, ActorRef]:
    """For every actor of one topic (by name), the side it takes there (see the module doc)."""
    chains = {c[0].name: c for c in map(_chain, actors) if c}
    if not chains:
        return {}
    under: dict[str, set[str]] = {}  # node name -> the topic's actors at or below it
    for name, chain in chains.items():
        for node in chain:
            under.setdefault(node.name, set()).add(name)
    everyone = set(chains)

    def countries_outside(node: str) -> bool:
        """Whether the actors outside ``node`` include one a country is a side against."""
        outside = [chain for name, chain in chains.items() if name not in under[node]]
        return any(not all(n.kind in DOMESTIC_KINDS for n in chain) for chain in outside)

    side: dict[str, ActorRef] = {}
    for name, chain in chains.items():
        top = chain[0]
        for parent in chain[1:]:
            if under[parent.name] >= everyone:
                break  # shared by every actor of the topic: above the sides
            if parent.kind == "country" and not countries_outside(parent.name):
                break  # no country against a person, party or campaign (see the module doc)
            if parent.kind == "party" and parent.name not in chains:
                break  # a party is its members' affiliation, not their side (see the module doc)
            top = parent
        side[name] = top
    # a side below another side is that side ("the government" and "a minister of that government")
    for _ in range(len(side)):
        changed = False
        for name, chain in chains.items():
            names = [n.name for n in chain]
            current = names.index(side[name].name)
            higher = [s for s in side.values() if s.name in names[current + 1 :]]
            if higher:
                side[name] = max(higher, key=lambda s: names.index(s.name))
                changed = True
        if not changed:
            break
    return side


def dispute_sides(
    actor_a_chain: ActorRef | Sequence[ActorRef], actor_b_chain: ActorRef | Sequence[ActorRef]
) -> tuple[ActorRef, ActorRef] | None:
    """The two sides of a conflict between claims of these actors, or None when they are one side.

    ``dispute_sides(Kremlin→Russia, White House→United States)`` is (Russia, United States);
    ``dispute_sides(senator, White House→United States)`` is (senator, White House); two ministers of one
    government are the two ministers; a spokesman's office and the spokesman's body are one side (None).
    """
    a, b = _chain(actor_a_chain), _chain(actor_b_chain)
    if not a or not b:
        return None
    sides = topic_sides([a, b])
    side_a, side_b = sides.get(a[0].name), sides.get(b[0].name)
    if side_a is None or side_b is None or side_a.name == side_b.name:
        return None
    return side_a, side_b


def actors_of(claims: Iterable[ExtractedClaim]) -> dict[str, ActorRef]:
    """Actor name -> its :class:`ActorRef` (kind and parents), from the pipeline's claims."""
    out: dict[str, ActorRef] = {}
    for claim in claims:
        side = claim.speaker.side if claim.speaker else None
        if side is not None:
            out.setdefault(side.name, side)
    return out
