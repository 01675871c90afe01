# Gold spec of whistleblower_location_data.txt (built by benchmarks/gold_builder.py).
NK, LUM, ICO = "Nadia Korsgaard", "Lumenar", "Information Commissioner's Office"
ACTORS = {
    NK: ("person", None),
    LUM: ("company", None),
    ICO: ("government", "United Kingdom"),
    "United Kingdom": ("country", None),
}
SPEAKERS = {NK: NK, "Owen Pritchard": NK, LUM: LUM, "the Information Commissioner's Office": ICO}
TOPIC = "location data"
MOTIVE, FAULT, FIRED = "speaking out", "opt-out software fault", "dismissal"
CLAIMS = [
    dict(id="C1", source="Former Lumenar engineer", cue="says", content="app kept selling location data after users opted out", speaker=NK),
    dict(id="C2", source="A former senior engineer at the social app maker Lumenar", cue="has told", content="the company continued to pass precise location data to advertising partners for months after users switched the feature off", speaker=NK),
    dict(id="C3", source="Nadia Korsgaard", cue=("said", "February, said"), content="about 2.3 million users in Britain were affected between March and November last year", speaker=NK),
    dict(id="C4", source=("She", "She said she raised"), cue=("said", "She said she raised"), content="she raised the problem with her managers at least four times and was told that fixing it would \"cost too much in ad revenue.\"", speaker=NK),
    dict(id="C5", source=("Korsgaard", "Korsgaard said she had not"), cue=("said", "Korsgaard said she had not"), content="she had not set out to become a whistleblower", speaker=NK, topic=MOTIVE),
    dict(id="C6", source=("she", "she said. \"Nobody"), cue=("said", "she said. \"Nobody"), content="I kept assuming someone above me would fix it", speaker=NK, topic=MOTIVE),
    dict(id="C7", content="Nobody did.", speaker=NK, topic=MOTIVE),
    dict(id="C8", content="At some point you have to decide whether you are part of it.", speaker=NK, topic=MOTIVE),
    dict(id="C9", source=("Lumenar", "Lumenar denied"), cue="denied", content="the central allegation", speaker=LUM),
    dict(id="C10", source=("the company", "the company said that no"), cue=("said", "company said that no"), content="no location data had been shared with partners once a user had opted out, and that Korsgaard's figures were based on \"a misreading of internal test logs.\"", speaker=LUM),
    dict(id="C11", source=("The company", "The company acknowledged"), cue="acknowledged", content="a software fault in spring last year had briefly delayed opt-outs from taking effect for some users", speaker=LUM, topic=FAULT),
    dict(id="C12", source=("It", "It said the fault"), cue=("said", "It said the fault"), content="the fault had affected fewer than 40,000 accounts and was fixed within nine days", speaker=LUM, topic=FAULT),
    dict(id="C13", source=("Korsgaard", "Korsgaard agreed"), cue="agreed", content="such a fault had existed", speaker=NK, topic=FAULT),
    dict(id="C14", source=("Korsgaard", "Korsgaard agreed"), cue=("said", "but said it was"), content="it was a separate problem from the one she reported", speaker=NK, topic=FAULT),
    dict(id="C15", source=("Korsgaard", "Korsgaard said she was fired"), cue=("said", "Korsgaard said she was fired"), content="she was fired eleven days after she sent her final email to the chief privacy officer", speaker=NK, topic=FIRED),
    dict(id="C16", source=("Lumenar", "Lumenar said she had been"), cue=("said", "Lumenar said she had been"), content="she had been dismissed for copying confidential files to a personal device, in breach of her contract, and that the timing was a coincidence", speaker=LUM, topic=FIRED),
    dict(id="C17", source="Her lawyer, Owen Pritchard", cue="called", content="the company's explanation \"a textbook act of retaliation\"", speaker="Owen Pritchard", topic=FIRED),
    dict(id="C18", source="Her lawyer, Owen Pritchard", cue=("said", "and said Korsgaard would"), content="Korsgaard would bring a claim at an employment tribunal", speaker="Owen Pritchard", topic=FIRED),
    dict(id="C19", source=("The Information Commissioner's Office", "The Information Commissioner's Office said"), cue=("said", "Office said it had"), content="it had received the filing and was \"assessing the information provided.\"", speaker="the Information Commissioner's Office"),
]
NOT_CLAIMS = ["If you have information about this story, you can contact our reporters securely.", "Find out how at the link below."]
DISPUTES = [
    (TOPIC, {NK: ["C1", "C2", "C3", "C4"], LUM: ["C9", "C10"]},
     "accusation vs denial: Korsgaard says location data went to advertisers after opt-outs for 2.3 million users; Lumenar denies it and says her figures misread test logs"),
    (FIRED, {NK: ["C15", "C17", "C18"], LUM: ["C16"]},
     "Korsgaard (and her lawyer) say she was fired in retaliation days after her last warning; Lumenar says she was dismissed for copying confidential files and the timing was a coincidence"),
]
