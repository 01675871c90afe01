# Two rival candidates in one party's primary (challenger Dana Whitfield vs state Sen. Robert Kessler):
# water rates. Local paper. Fictional people, district and authority.
ACTORS = {
    "Dana Whitfield": ("person", "Democratic Party"),
    "Robert Kessler": ("person", "Democratic Party"),
    "Democratic Party": ("party", None),
    "Eastport Water Authority": ("government", None),
    "county Democratic Party": ("party", "Democratic Party"),
}
SPEAKERS = {
    "Dana Whitfield": "Dana Whitfield",
    "Robert Kessler": "Robert Kessler",
    "Victor Salas": "Robert Kessler",
    "the Eastport Water Authority": "Eastport Water Authority",
    "Maria Chen": "county Democratic Party",
}
TOPIC = "water rates"
CLAIMS = [
    dict(id="C1", source="Challenger", cue="says", content="incumbent ‘missing in action’ on water rates",
         speaker="Dana Whitfield"),
    dict(id="C2", source="challenger Dana Whitfield", cue="accused",
         content="state Sen. Robert Kessler of ignoring a 30 percent rise in water bills", speaker="Dana Whitfield"),
    dict(id="C3", source="Whitfield, a former school board member", cue="told",
         content="Robert has not held a single hearing on this", speaker="Dana Whitfield"),
    dict(id="C4", source=("She", "She said she would"), cue="said", content="she would cap rate increases at inflation", speaker="Dana Whitfield"),
    dict(id="C5", source="Kessler, who has held the seat since 2012", cue="called", content="the charge “flatly false”",
         speaker="Robert Kessler"),
    dict(id="C6", source="His campaign manager, Victor Salas", cue="said",
         content="the senator had co-sponsored a bill last year to freeze rates and that Whitfield “knows that perfectly well”",
         speaker="Victor Salas"),
    dict(id="C7", source="The Eastport Water Authority", cue="said",
         content="the increase reflected the cost of replacing lead pipes", speaker="the Eastport Water Authority"),
    dict(id="C8", source="Maria Chen, who chairs the county party", cue="said", content="both were “strong candidates”",
         speaker="Maria Chen", topic="endorsement"),
    dict(id="C9", source="Maria Chen, who chairs the county party", cue="urged",
         content="them to keep the debate on policy", speaker="Maria Chen", topic="endorsement"),
]
NOT_CLAIMS = []
DISPUTES = [
    ("water rates", {"Dana Whitfield": ["C1", "C2", "C3", "C4"], "Robert Kessler": ["C5", "C6"]},
     "the challenger says the senator ignored the rise; he calls that false"),
]
