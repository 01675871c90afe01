# Andes Watch (NGO) vs Minera Cordillera (mining company): is the tailings dam leaking? Fictional.
ACTORS = {
    "Andes Watch": ("organisation", None),
    "Minera Cordillera": ("company", None),
    "Superintendency of the Environment": ("government", "Chile"),
    "Chile": ("country", None),
}
SPEAKERS = {
    "Andes Watch": "Andes Watch",
    "Lucía Paredes": "Andes Watch",
    "Minera Cordillera": "Minera Cordillera",
    "Felipe Rojas": "Minera Cordillera",
    "Ana María Soto": "Minera Cordillera",
    "Chile’s Superintendency of the Environment": "Superintendency of the Environment",
}
TOPIC = "tailings dam leak"
CLAIMS = [
    dict(id="C1", source="Charity", cue="says", content="tailings dam at Chilean copper mine is leaking",
         speaker="Andes Watch"),
    dict(id="C2", source="Andes Watch, an environmental charity", cue="said",
         content="a tailings dam at the Cerro Alto copper mine had been leaking toxic water into the Rio Claro for months",
         speaker="Andes Watch"),
    dict(id="C3", source="Lucía Paredes, the group’s campaigns director", cue="said",
         content="We have photographs and water samples that show the seepage began in November",
         speaker="Lucía Paredes"),
    dict(id="C4", source="She", cue="said", content="arsenic levels downstream were four times the legal limit",
         speaker="Lucía Paredes"),
    dict(id="C5", source="Minera Cordillera, which operates the mine", cue="denied",
         content="the dam was leaking", speaker="Minera Cordillera"),
    dict(id="C6", source="a company spokesman, Felipe Rojas", cue="said",
         content="Every one of our monitoring wells shows normal readings", speaker="Felipe Rojas"),
    dict(id="C7", source=None, cue=None, content="The samples Andes Watch has published were not taken from our site.",
         speaker="Felipe Rojas"),
    dict(id="C8", source="The company’s chief executive, Ana María Soto", cue="told",
         content="the charity was running “a campaign of fear” ahead of a vote on the mine’s expansion",
         speaker="Ana María Soto", topic="campaign of fear"),
    dict(id="C9", source="Paredes", cue=["rejected", "saying"],
         content=[("that", "Paredes rejected that,"), "the group had shared its data with regulators weeks before the vote was scheduled"],
         speaker="Lucía Paredes", topic="campaign of fear"),
    dict(id="C10", source="Chile’s Superintendency of the Environment", cue="said",
         content="it had opened an inspection and would publish its findings within 30 days",
         speaker="Chile’s Superintendency of the Environment", topic="inspection"),
]
NOT_CLAIMS = ["Follow our environment coverage on social media."]
DISPUTES = [
    ("tailings dam leak", {"Andes Watch": ["C1", "C2", "C3", "C4"], "Minera Cordillera": ["C5", "C6", "C7"]},
     "the charity says the dam leaks; the company denies it"),
    ("campaign of fear", {"Minera Cordillera": ["C8"], "Andes Watch": ["C9"]},
     "the company says the charity runs a scare campaign; the charity rejects that"),
]
