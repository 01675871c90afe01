# Football club (Harwell Rovers) vs its league (Pennine Football League): a points deduction. Fictional.
ACTORS = {
    "Harwell Rovers": ("organisation", None),
    "Pennine Football League": ("organisation", None),
    "Harwell Supporters’ Trust": ("organisation", None),
}
SPEAKERS = {
    "Harwell Rovers": "Harwell Rovers",
    "Dennis Moult": "Harwell Rovers",
    "Steve Bright": "Harwell Rovers",
    "the Pennine Football League": "Pennine Football League",
    "Priya Kaur": "Pennine Football League",
    "the Harwell Supporters’ Trust": "Harwell Supporters’ Trust",
}
TOPIC = "points deduction"
CLAIMS = [
    dict(id="C1", source="Harwell Rovers", cue="said",
         content="they would appeal against a 12-point deduction imposed by the Pennine Football League for breaking its spending rules",
         speaker="Harwell Rovers"),
    dict(id="C2", source="Rovers chairman Dennis Moult", cue="said",
         content="This punishment is out of all proportion", speaker="Dennis Moult"),
    dict(id="C3", source=None, cue=None, content="We reported the breach ourselves.", speaker="Dennis Moult"),
    dict(id="C4", source="The league", cue="said", content="the sanction was in line with its rules",
         speaker="the Pennine Football League"),
    dict(id="C5", source="A league spokeswoman, Priya Kaur", cue="said",
         content="Harwell had overspent by £1.2 million and had been warned twice last season",
         speaker="Priya Kaur"),
    dict(id="C6", source="Moult", cue="denied", content="the club had received any warning", speaker="Dennis Moult",
         topic="warnings"),
    dict(id="C7", source="He", cue="said",
         content="the league had changed its guidance in August without telling its members", speaker="Dennis Moult",
         topic="warnings"),
    dict(id="C8", source="Harwell manager Steve Bright", cue="said",
         content="the squad would “use this as fuel” in their remaining 14 games", speaker="Steve Bright",
         topic="the squad"),
    dict(id="C9", source="Kaur", cue="said", content="an independent panel would hear the appeal within six weeks",
         speaker="Priya Kaur", topic="appeal"),
    dict(id="C10", source="The Harwell Supporters’ Trust", cue="said",
         content="fans should not be punished for decisions made in the boardroom",
         speaker="the Harwell Supporters’ Trust"),
]
NOT_CLAIMS = ["Read more: Pennine League fixtures and results"]
DISPUTES = [
    ("points deduction", {"Harwell Rovers": ["C1", "C2", "C3"], "Pennine Football League": ["C4", "C5"]},
     "the club calls the punishment out of proportion; the league says it is in line with its rules"),
]
