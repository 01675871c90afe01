# Gold spec of tenants_heating_landlord.txt (built by benchmarks/gold_builder.py).
ASSOC = "Marlow Court Tenants' Association"
KESTREL = "Kestrel Property Group"
ACTORS = {
    ASSOC: ("organisation", None),
    KESTREL: ("company", None),
    "City of Ashgrove": ("government", None),
}
SPEAKERS = {
    "the Marlow Court Tenants' Association": ASSOC,
    "Denise Okafor": ASSOC,
    KESTREL: KESTREL,
    "Graham Tully": KESTREL,
    "Marcus Belford": "City of Ashgrove",
}
TOPIC = "heating failures"
A, DO, K, T = "the Marlow Court Tenants' Association", "Denise Okafor", KESTREL, "Graham Tully"
CLAIMS = [
    dict(id="C1", source="Marlow Court tenants' group", cue="accuses", content="landlord of ignoring heating failures", speaker=A),
    dict(id="C2", source="the building's tenants' association", cue=("said", "association said on Thursday"), content="Residents of the Marlow Court apartments spent most of January without reliable heat, and their landlord knew about it for weeks before sending an engineer", speaker=A),
    dict(id="C3", source="The Marlow Court Tenants' Association", cue=("said", "households, said"), content="its members had logged 63 separate complaints about broken radiators and cold water between January 2 and January 24", speaker=A),
    dict(id="C4", source=("the association", "the association said, received"), cue=("said", "the association said, received"), content=["Only nine of those", "received a reply"], speaker=A),
    dict(id="C5", source="Denise Okafor", cue=("said", "said Denise"), content="People were sleeping in their coats", speaker=DO),
    dict(id="C6", content="We have elderly residents on the fourth floor who could not get down the stairs to the community room where the space heaters were.", speaker=DO),
    dict(id="C7", content="That is not a maintenance backlog.", speaker=DO),
    dict(id="C8", content="That is neglect.", speaker=DO),
    dict(id="C9", source="Kestrel Property Group", cue="rejected", content="that description", speaker=K),
    dict(id="C10", source=("the company", "the company said it had received"), cue=("said", "company said it had"), content="it had received 17 heating complaints in January, not 63, and that an engineer had been on site within 48 hours of each one", speaker=K),
    dict(id="C11", source="Graham Tully, Kestrel's regional operations director", cue=("said", "said Graham"), content="We take our responsibilities to residents seriously, and the records simply do not support the figures being circulated", speaker=T),
    dict(id="C12", source=("He", "He said a single"), cue=("said", "He said a single"), content="a single faulty boiler valve had caused most of the problems and had been replaced on January 19", speaker=T),
    dict(id="C13", source=("Okafor", "Okafor said the company's count"), cue=("said", "Okafor said the company's count"), content="the company's count left out complaints made by phone to the building's caretaker and never entered into Kestrel's online system", speaker=DO),
    dict(id="C14", source=("she", "she said."), cue=("said", "she said."), content="If you only count the emails you answered, of course the number looks small", speaker=DO),
    dict(id="C15", source="The association", cue="is calling on", content="Kestrel to refund one month's rent to every affected household", speaker=A, topic="rent refunds"),
    dict(id="C16", source=("Tully", "Tully said the company would not"), cue=("said", "Tully said the company would not"), content="the company would not offer blanket refunds but would \"look at individual cases on their merits.\"", speaker=T, topic="rent refunds"),
    dict(id="C17", source=("Okafor", "Okafor said the heat"), cue=("said", "Okafor said the heat"), content="the heat had been steady since January 20", speaker=DO, topic="boiler repair"),
    dict(id="C18", source=("Tully", "Tully said the company had ordered"), cue=("said", "Tully said the company had ordered"), content="the company had ordered a second boiler as a backup, to be installed by the end of March", speaker=T, topic="boiler repair"),
    dict(id="C19", source="The city's housing inspector, Marcus Belford", cue=("said", "Belford, said"), content="his office had opened a file on the complaints and would visit the complex next week", speaker="Marcus Belford"),
    dict(id="C20", source=("Okafor", "Okafor said the association would oppose"), cue=("said", "Okafor said the association would oppose"), content="the association would oppose the application at a planning committee meeting on February 12", speaker=DO, topic="Marlow Court expansion"),
]
NOT_CLAIMS = ["Have a story about your building? Email newsdesk@ashgroveecho.com or call 555-0188."]
DISPUTES = [
    ("heating failures", {ASSOC: ["C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8", "C13", "C14"], KESTREL: ["C9", "C10", "C11", "C12"]},
     "conflicting figures and denial: the association says 63 complaints, nine answered, and neglect; Kestrel rejects that, counts 17 complaints each answered within 48 hours and blames one valve"),
    ("rent refunds", {ASSOC: ["C15"], KESTREL: ["C16"]},
     "call vs refusal: the association calls for a month's rent back for every household; Kestrel will not offer blanket refunds"),
]
