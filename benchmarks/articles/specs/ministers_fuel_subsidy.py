# Two ministers of one government (finance vs transport) on extending a fuel subsidy and its cost. Fictional.
ACTORS = {
    "Claire Hadley": ("government", "New Zealand"),
    "Rawiri Tane": ("government", "New Zealand"),
    "Grant Ellery": ("government", "New Zealand"),
    "Reform Party": ("party", None),
    "New Zealand": ("country", None),
}
SPEAKERS = {
    "Claire Hadley": "Claire Hadley",
    "a spokeswoman for Claire Hadley": "Claire Hadley",
    "Rawiri Tane": "Rawiri Tane",
    "Grant Ellery": "Grant Ellery",
    "Mark Whitcombe": "Reform Party",
}
TOPIC = "extending the fuel subsidy"
CLAIMS = [
    dict(id="C1", source="Finance Minister Claire Hadley", cue="said",
         content="the subsidy had cost NZ$410 million and could not continue", speaker="Claire Hadley"),
    dict(id="C2", source="Hadley", cue="told", content="We simply do not have the money", speaker="Claire Hadley"),
    dict(id="C3", source=None, cue=None, content="Every month we extend it is a month of borrowing.",
         speaker="Claire Hadley"),
    dict(id="C4", source="Transport Minister Rawiri Tane", cue="said",
         content="the scheme should run until the end of the year", speaker="Rawiri Tane"),
    dict(id="C5", source="he", cue="said",
         content="Ending it in June would “hit the families who can least afford it”", speaker="Rawiri Tane"),
    dict(id="C6", source="Tane", cue=["disputed", "saying"],
         content=["the cost estimate",
                  "the real figure was closer to NZ$300 million once lower fuel prices were counted"],
         speaker="Rawiri Tane", topic="cost of the subsidy"),
    dict(id="C7", source="A spokeswoman for Hadley", cue="said",
         content="the finance minister stood by the figure, which had been checked by Treasury officials",
         speaker="a spokeswoman for Claire Hadley", topic="cost of the subsidy"),
    dict(id="C8", source="he", cue="said", content="Cabinet will decide this together next week",
         speaker="Grant Ellery"),
    dict(id="C9", source="The opposition Reform Party’s transport spokesman, Mark Whitcombe", cue="said",
         content="the row showed the government “has no plan”", speaker="Mark Whitcombe", topic="the row"),
]
NOT_CLAIMS = []
DISPUTES = [
    ("extending the fuel subsidy", {"Claire Hadley": ["C1", "C2", "C3"], "Rawiri Tane": ["C4", "C5"]},
     "one minister says the subsidy must end, the other that it should run to the end of the year"),
    ("cost of the subsidy", {"Rawiri Tane": ["C6"], "Claire Hadley": ["C7"]},
     "NZ$410 million against closer to NZ$300 million"),
]
