# An athlete (Hannah Lowe) vs her sport's federation (Albion Rowing Federation): dropped from the squad.
# Sports pages. Fictional athlete, federation and athletes' group.
ACTORS = {
    "Hannah Lowe": ("person", None),
    "Albion Rowing Federation": ("organisation", None),
    "Rowers United": ("organisation", None),
    "UK Sport": ("government", "United Kingdom"),
    "United Kingdom": ("country", None),
    "one teammate": ("person", None),
}
SPEAKERS = {
    "Hannah Lowe": "Hannah Lowe",
    "the Albion Rowing Federation": "Albion Rowing Federation",
    "Graham Holt": "Albion Rowing Federation",
    "Rowers United": "Rowers United",
    "a spokesman for UK Sport": "UK Sport",
    "one teammate": "one teammate",
}
TOPIC = "squad selection"
CLAIMS = [
    dict(id="C1", source="Olympic rower", cue="accuses", content="federation of dropping her over pregnancy",
         speaker="Hannah Lowe"),
    dict(id="C2", source="Double world champion Hannah Lowe", cue="said",
         content="the Albion Rowing Federation had removed her from its funded squad weeks after she told coaches she was pregnant",
         speaker="Hannah Lowe"),
    dict(id="C3", source="Lowe, 29", cue="wrote", content="Nobody sat me down and explained it", speaker="Hannah Lowe"),
    dict(id="C4", source="The federation", cue="said",
         content="selection was based solely on performance data and that Lowe had been offered a place on a return-to-sport programme",
         speaker="the Albion Rowing Federation"),
    dict(id="C5", source="Its performance director, Graham Holt, who oversees the Olympic programme", cue="said",
         content="the decision had been “made by the selectors, not by me”", speaker="Graham Holt"),
    dict(id="C6", source="Athletes’ group Rowers United, which represents 200 elite rowers", cue="said",
         content="it had received similar complaints from three other athletes", speaker="Rowers United"),
    dict(id="C7", source="A spokesman for UK Sport, which funds the programme", cue="said",
         content="it had asked the federation for a full report", speaker="a spokesman for UK Sport", topic="oversight"),
    dict(id="C8", source="One teammate, speaking on condition of anonymity", cue="said",
         content="the squad had been told nothing about the decision", speaker="one teammate"),
]
NOT_CLAIMS = ["Follow our rowing coverage on social media"]
DISPUTES = [
    ("squad selection", {"Hannah Lowe": ["C1", "C2", "C3"], "Albion Rowing Federation": ["C4", "C5"]},
     "the rower says she was dropped over pregnancy; the federation says selection was on performance"),
]
