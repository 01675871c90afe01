# Gold spec of byelection_maternity_pledge.txt (built by benchmarks/gold_builder.py).
RI, SP = "Rachel Imrie", "Simon Pryce"
ACTORS = {
    RI: ("person", "Labour Party"),
    SP: ("person", "Conservative Party"),
    "Aisha Bello": ("person", "Green Party"),
    "Labour Party": ("party", None),
    "Conservative Party": ("party", None),
    "Green Party": ("party", None),
    "Westmere Health Trust": ("government", "United Kingdom"),
    "United Kingdom": ("country", None),
}
SPEAKERS = {RI: RI, SP: SP, "Aisha Bello": "Aisha Bello", "Gordon Lusk": "Labour Party", "the Westmere Health Trust": "Westmere Health Trust"}
TOPIC = "maternity unit funding"
CLAIMS = [
    dict(id="C1", source="Labour hopeful Rachel Imrie", cue="accused", content="her Conservative rival Simon Pryce of “telling bare-faced lies” to voters about the unit at Westmere General", speaker=RI),
    dict(id="C2", source="Pryce’s leaflets", cue="claim", content="the maternity ward is “safe for a generation” thanks to a £12million cash injection", speaker=SP),
    dict(id="C3", source=("Imrie", "But Imrie, 41"), cue=("told", "41, told"), content="There is no £12million.", speaker=RI),
    dict(id="C4", content="I have asked the health trust, and the trust has told me in writing that no such money has been approved.", speaker=RI),
    dict(id="C5", content="He is promising mums something that does not exist.", speaker=RI),
    dict(id="C6", source=("He", "He insisted"), cue="insisted", content="the money had been agreed “in principle” by ministers", speaker=SP),
    dict(id="C7", source=("He", "He insisted"), cue=("said", "and said Imrie"), content="Imrie was “scaremongering to frighten expectant mothers”", speaker=SP),
    dict(id="C8", source="the 55-year-old", cue=("told", "55-year-old told"), content="Rachel knows perfectly well the funding is coming", speaker=SP),
    dict(id="C9", content="She would rather run down Westmere than admit the Government is delivering for it.", speaker=SP),
    dict(id="C10", source="The Westmere Health Trust", cue=("said", "Trust said"), content="a bid for the funding had been submitted but no decision had yet been made", speaker="the Westmere Health Trust"),
    dict(id="C11", source=("Imrie", "Imrie said the town"), cue=("said", "Imrie said the town"), content="the town’s crumbling bus station was “a disgrace” and should be rebuilt", speaker=RI, topic="bus station"),
    dict(id="C12", source=("Pryce", "Pryce agreed"), cue="agreed", content="it was “long past its best”", speaker=SP, topic="bus station"),
    dict(id="C13", source=("Imrie", "Imrie also claimed"), cue=("claimed", "also claimed"), content="Pryce had missed 11 of the last 14 council planning meetings before he stood down last year", speaker=RI, topic="council attendance"),
    dict(id="C14", source=("Pryce", "Pryce said he had missed"), cue=("said", "Pryce said he had missed"), content="he had missed “a handful” because his wife was seriously ill", speaker=SP, topic="council attendance"),
    dict(id="C15", source=("Pryce", "Pryce said he had missed"), cue=("called", "and called the attack"), content="the attack “gutter politics”", speaker=SP, topic="council attendance"),
    dict(id="C16", source="Local party chairman Gordon Lusk", cue=("said", "Lusk said"), content="Imrie was right to raise the hospital", speaker="Gordon Lusk"),
    dict(id="C17", source="Local party chairman Gordon Lusk", cue="warned", content="the campaign to “stick to the NHS and leave the personal stuff alone”", speaker="Gordon Lusk", topic="campaign tone"),
    dict(id="C18", source="The Green candidate, Aisha Bello", cue=("said", "Bello, said"), content="both rivals were “squabbling over a leaflet” while the unit’s midwives were quitting", speaker="Aisha Bello"),
]
NOT_CLAIMS = ["● Who are you backing? Text VOTE to 80880."]
DISPUTES = [
    (TOPIC, {RI: ["C1", "C3", "C4", "C5"], SP: ["C2", "C6", "C7", "C8", "C9"]},
     "accusation vs rebuttal: Imrie says the £12million does not exist and Pryce is lying; Pryce says it was agreed in principle and calls her scaremongering"),
    ("council attendance", {RI: ["C13"], SP: ["C14", "C15"]},
     "conflicting figures: Imrie says Pryce missed 11 of 14 planning meetings; Pryce says he missed a handful, for a reason, and calls it gutter politics"),
]
