# A civil claim in court: a baker (claimant) vs a flour supplier (defendant) and its barrister. Court report.
# Fictional people and company.
ACTORS = {
    "Anita Kowalczyk": ("person", None),
    "Northfield Milling Company": ("company", None),
    "Ruth Okafor": ("person", None),
    "High Court": ("government", "United Kingdom"),
    "United Kingdom": ("country", None),
}
SPEAKERS = {
    "Anita Kowalczyk": "Anita Kowalczyk",
    "Northfield Milling Company": "Northfield Milling Company",
    "Edward Lyle": "Northfield Milling Company",
    "the company’s quality manager": "Northfield Milling Company",
    "Ruth Okafor": "Ruth Okafor",
    "Carver": "High Court",
}
TOPIC = "contaminated flour"
CLAIMS = [
    dict(id="C1", source="Baker", cue="tells", content="supplier’s flour made customers ill", speaker="Anita Kowalczyk"),
    dict(id="C2", source="A bakery owner", cue="told",
         content="contaminated flour from Northfield Milling Company had forced her to close her shop for six weeks",
         speaker="Anita Kowalczyk"),
    dict(id="C3", source=("She", "She said eleven"), cue="said",
         content="eleven customers had fallen ill after eating bread made with a single batch delivered in March last year",
         speaker="Anita Kowalczyk"),
    dict(id="C4", source=("she", "” she said."), cue="said", content="I trusted that flour for nine years", speaker="Anita Kowalczyk"),
    dict(id="C5", source="Northfield", cue="denies", content="the batch was contaminated",
         speaker="Northfield Milling Company"),
    dict(id="C6", source="Its barrister, Edward Lyle KC", cue="told",
         content="the company’s own tests had found no trace of bacteria", speaker="Edward Lyle"),
    dict(id="C7", source="Its barrister, Edward Lyle KC", cue="suggested",
         content="the illness could have come from eggs used in the bakery", speaker="Edward Lyle"),
    dict(id="C8", source="Dr Ruth Okafor, a microbiologist called by Ms Kowalczyk’s lawyers", cue="said",
         content="samples from the bakery contained a strain of salmonella also found at the supplier’s mill",
         speaker="Ruth Okafor"),
    dict(id="C9", source="The company’s quality manager, who gave evidence in the afternoon", cue="said",
         content="the mill had been inspected twice that year without any finding",
         speaker="the company’s quality manager"),
    dict(id="C10", source="Mr Justice Carver", cue="said", content="he would give his judgment in the new year",
         speaker="Carver", topic="judgment"),
]
NOT_CLAIMS = []
DISPUTES = [
    ("contaminated flour", {"Anita Kowalczyk": ["C1", "C2", "C3", "C4"],
                            "Northfield Milling Company": ["C5", "C6", "C7", "C9"]},
     "the baker says the flour was contaminated; the supplier denies it"),
]
