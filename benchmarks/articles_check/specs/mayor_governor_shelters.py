# Gold spec of mayor_governor_shelters.txt (built by benchmarks/gold_builder.py).
CITY, GOV = "City of Easthaven", "Pennsylvania Governor's Office"
ACTORS = {
    CITY: ("government", "Pennsylvania"),
    GOV: ("government", "Pennsylvania"),
    "Pennsylvania": ("government", "United States"),
    "United States": ("country", None),
    "Joan Petrakis": ("person", "Easthaven City Council"),
    "Easthaven City Council": ("government", CITY),
    "Michael Duarte": ("person", "Democratic Party"),
    "Democratic Party": ("party", None),
    "Easthaven Coalition for the Homeless": ("organisation", None),
}
COH, DW, GO = "Celia Ortiz-Hale", "Dana Whitfield", "the Pennsylvania Governor's Office"
SPEAKERS = {COH: CITY, "Omar Bishara": CITY, "city officials": CITY, GO: GOV, DW: GOV, "Thomas Reyburn": GOV,
            "Joan Petrakis": "Joan Petrakis", "Michael Duarte": "Michael Duarte", "the Easthaven Coalition for the Homeless": "Easthaven Coalition for the Homeless"}
TOPIC = "shelter funding cut"
GRANTS, OPEN = "earlier state grants", "existing shelters"
CLAIMS = [
    dict(id="C1", source="Mayor Celia Ortiz-Hale", cue="accused", content="Gov. Thomas Reyburn of breaking a promise to the city after his budget office cut $45 million in state money for new homeless shelters", speaker=COH),
    dict(id="C2", source=("Ortiz-Hale", "Ortiz-Hale said: "), cue=("said", "Ortiz-Hale said: "), content="The governor stood in this building eleven months ago and told us this money was guaranteed.", speaker=COH),
    dict(id="C3", content="We hired staff on that promise.", speaker=COH),
    dict(id="C4", content="We signed leases on that promise.", speaker=COH),
    dict(id="C5", content="Now we are being told to find it somewhere else in the middle of winter.", speaker=COH),
    dict(id="C6", source=("She", "She said the cut"), cue=("said", "She said the cut"), content="the cut would leave about 600 beds unbuilt", speaker=COH),
    dict(id="C7", source=("She", "She said the cut"), cue=("said", "and said the city would"), content="the city would consider suing the state", speaker=COH),
    dict(id="C8", source="Reyburn's office", cue=("said", "office said the governor"), content="the governor had never guaranteed the full amount", speaker=GO),
    dict(id="C9", source="his spokeswoman, Dana Whitfield", cue=("said", "Whitfield, said"), content="the letter the mayor referred to had promised only to \"seek\" the funding, subject to the legislature's approval, and that lawmakers had approved part of it", speaker=DW),
    dict(id="C10", source=("The governor's office", "The governor's office also"), cue=["accused", "saying"], content=["the city of sitting on earlier state grants", "Easthaven had spent only $7 million of the $25 million it received for shelter projects since 2022"], speaker=GO, topic=GRANTS),
    dict(id="C11", source=("Whitfield", "Whitfield said.\n"), cue=("said", "Whitfield said.\n"), content="Before we send more money, we need to see the money we already sent doing some good", speaker=DW, topic=GRANTS),
    dict(id="C12", source="City officials", cue="dispute", content="that figure", speaker="city officials", topic=GRANTS),
    dict(id="C13", source="Easthaven's housing director, Omar Bishara", cue=("said", "Bishara, said"), content="$21 million of the earlier grants was already committed to signed construction contracts and would be spent by the summer", speaker="Omar Bishara", topic=GRANTS),
    dict(id="C14", source=("he", "he said, not"), cue=("said", "he said, not"), content=["Only unspent cash counted in the state's figure", "not money owed to builders"], speaker="Omar Bishara", topic=GRANTS),
    dict(id="C15", source="Council member Joan Petrakis", cue=("said", "Petrakis said"), content="the mayor was right to fight for the money", speaker="Joan Petrakis"),
    dict(id="C16", source="Council member Joan Petrakis", cue="warned", content="a lawsuit could drag on for years and \"help nobody who is cold tonight.\"", speaker="Joan Petrakis"),
    dict(id="C17", source=("Whitfield", "Whitfield said the state would keep"), cue=("said", "Whitfield said the state would keep"), content="the state would keep paying for the city's 14 existing shelters through March", speaker=DW, topic=OPEN),
    dict(id="C18", source=("Ortiz-Hale", "Ortiz-Hale said she welcomed"), cue=("said", "Ortiz-Hale said she welcomed"), content="she welcomed that", speaker=COH, topic=OPEN),
    dict(id="C19", source="State Sen. Michael Duarte", cue=("said", "Easthaven, said"), content="he would introduce a bill next month to restore part of the funding", speaker="Michael Duarte"),
    dict(id="C20", source="a count by the Easthaven Coalition for the Homeless", cue="according to", content="The city's homeless population rose 19 percent last year", speaker="the Easthaven Coalition for the Homeless", topic="homelessness"),
]
NOT_CLAIMS = ["Read more: How Easthaven's shelter plan was drawn up"]
DISPUTES = [
    (TOPIC, {CITY: ["C1", "C2", "C3", "C4", "C5", "C6", "C7"], GOV: ["C8", "C9"]},
     "accusation vs denial: the mayor says the governor broke a written guarantee of $45 million; his office says he only promised to seek the money, subject to the legislature"),
    (GRANTS, {GOV: ["C10", "C11"], CITY: ["C12", "C13", "C14"]},
     "conflicting figures: the state says the city spent only $7 million of $25 million; the city says $21 million is committed to signed contracts"),
]
