# Two parties of one governing coalition (Free Citizens' Party vs Social Democratic Party): raising the
# pension age. Wire style. Fictional parties and people.
ACTORS = {
    "Free Citizens’ Party": ("party", None),
    "Social Democratic Party": ("party", None),
    "Ulrike Sander": ("person", None),
}
SPEAKERS = {
    "the Free Citizens’ Party": "Free Citizens’ Party",
    "Katrin Vogel": "Free Citizens’ Party",
    "a spokeswoman for the Free Citizens’ Party": "Free Citizens’ Party",
    "the Social Democratic Party": "Social Democratic Party",
    "Markus Albers": "Social Democratic Party",
    "Ulrike Sander": "Ulrike Sander",
}
TOPIC = "pension age"
CLAIMS = [
    dict(id="C1", source="The junior party in Germany’s governing coalition", cue="accused",
         content="its larger partner on Thursday of breaking the coalition agreement by proposing to raise the retirement age to 69",
         speaker="the Free Citizens’ Party"),
    dict(id="C2", source="Katrin Vogel, who leads the Free Citizens’ Party", cue="said",
         content="This was never agreed and it will not pass with our votes", speaker="Katrin Vogel"),
    dict(id="C3", source=("She", "She said the plan"), cue="said", content="the plan would hit manual workers hardest", speaker="Katrin Vogel"),
    dict(id="C4", source="The Social Democratic Party, which holds the finance and labour ministries", cue="said",
         content="the change was needed to keep the pension system solvent", speaker="the Social Democratic Party"),
    dict(id="C5", source="Markus Albers, the Social Democrats’ parliamentary leader", cue="denied",
         content="breaking the agreement", speaker="Markus Albers"),
    dict(id="C6", source=("he", "he told reporters"), cue="told", content="The agreement commits us to a sustainable pension",
         speaker="Markus Albers"),
    dict(id="C7", source="A spokeswoman for the Free Citizens’ Party", cue="said",
         content="it would table its own proposal next week", speaker="a spokeswoman for the Free Citizens’ Party"),
    dict(id="C8", source="Ulrike Sander, a pensions economist at the Halberg Institute", cue="said",
         content="both parties had understated the cost of doing nothing", speaker="Ulrike Sander"),
]
NOT_CLAIMS = ["(Reporting by Anna Brandt; Editing by Tom Keller)"]
DISPUTES = [
    ("pension age", {"Free Citizens’ Party": ["C1", "C2", "C3"], "Social Democratic Party": ["C4", "C5", "C6"]},
     "the junior partner says the plan breaks the coalition agreement; the larger partner denies it"),
]
