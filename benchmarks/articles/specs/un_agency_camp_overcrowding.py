# A UN agency vs a government: how crowded is a refugee camp, and should a second one open? Fictional.
ACTORS = {
    "United Nations": ("organisation", None),
    "Kenya": ("country", None),
    "European Union": ("organisation", None),
}
SPEAKERS = {
    "the UN refugee agency": "United Nations",
    "Amina Farah": "United Nations",
    "Kenya’s interior ministry": "Kenya",
    "Joseph Kamau": "Kenya",
    "the European Commission": "European Union",
    "the World Food Programme": "United Nations",
}
TOPIC = "camp overcrowding"
CLAIMS = [
    dict(id="C1", source="UN refugee agency", cue="warns", content="of overcrowding at Kenyan camp",
         speaker="the UN refugee agency"),
    dict(id="C2", source="The UN refugee agency", cue="warned",
         content="the Lokori camp in northern Kenya was holding nearly twice the number of people it was built for",
         speaker="the UN refugee agency"),
    dict(id="C3", source="The UN refugee agency", cue="urged", content="the government to open a second site",
         speaker="the UN refugee agency", topic="a second camp"),
    dict(id="C4", source="Amina Farah, a spokeswoman for the agency", cue="said",
         content="Families are sharing tents meant for one household, and the water points cannot cope",
         speaker="Amina Farah"),
    dict(id="C5", source="She", cue="said", content="78,000 people were living in a camp designed for 40,000",
         speaker="Amina Farah"),
    dict(id="C6", source="Kenya’s interior ministry", cue="said", content="the figures were exaggerated",
         speaker="Kenya’s interior ministry"),
    dict(id="C7", source="Interior Minister Joseph Kamau", cue="told",
         content="the camp held about 55,000 people and that “there is no crisis at Lokori”", speaker="Joseph Kamau"),
    dict(id="C8", source="Kamau", cue="said", content="the government had no plans to open a new camp",
         speaker="Joseph Kamau", topic="a second camp"),
    dict(id="C9", source="Kamau", cue="adding", content="refugees should be encouraged to return home",
         speaker="Joseph Kamau", topic="a second camp"),
    dict(id="C10", source="The European Commission", cue="said",
         content="it would release 5 million euros in emergency aid for the camp", speaker="the European Commission",
         topic="aid"),
    dict(id="C11", source="The World Food Programme", cue="said",
         content="it had cut rations by a third because of a funding shortfall", speaker="the World Food Programme",
         topic="aid"),
]
NOT_CLAIMS = []
DISPUTES = [
    ("camp overcrowding", {"United Nations": ["C1", "C2", "C4", "C5"], "Kenya": ["C6", "C7"]},
     "78,000 in a camp for 40,000 against about 55,000 and no crisis"),
    ("a second camp", {"United Nations": ["C3"], "Kenya": ["C8", "C9"]},
     "the agency urges a second site; the government has no plans for one"),
]
