# A claimant (Ruth Adler-Weiss, granddaughter of a former owner) and a research group (Provenance Watch) vs a
# private gallery (Albrecht Gallery): whether a painting was sold under duress in 1938. Arts desk. Fictional
# gallery, group, people and painting (Austria and the University of Vienna are real, their officials invented).
PW, AG, RAW = "Provenance Watch", "Albrecht Gallery", "Ruth Adler-Weiss"
ACTORS = {
    PW: ("organisation", None),
    AG: ("organisation", None),
    RAW: ("person", None),
    "Felix Baumann": ("person", None),
    "Austria": ("country", None),
}
SPEAKERS = {
    PW: PW,
    "Naomi Feld": PW,
    AG: AG,
    "Katharina Moser": AG,
    "a spokesperson for the gallery": AG,
    RAW: RAW,
    "Daniel Hirsch": RAW,
    "Felix Baumann": "Felix Baumann",
    "Austrian culture ministry": "Austria",
}
TOPIC = "forced sale"
PRICE, MEDIATION, RETURN = "price paid", "mediation", "return of the painting"
CLAIMS = [
    dict(id="C1", source="Watchdog", cue="says", content="gallery overlooked painting’s forced sale", speaker=PW),
    dict(id="C2", source="A group that tracks art looted during the Second World War", cue="said",
         content="a private Vienna gallery had ignored evidence that a landscape in its collection was sold under duress in 1938",
         speaker=PW),
    dict(id="C3", source="Provenance Watch, a London-based research group", cue="said",
         content="the Albrecht Gallery’s 2009 study of the painting had relied almost entirely on the records of the dealer who bought it",
         speaker=PW),
    dict(id="C4", source="the group’s director, Naomi Feld", cue=("said", "said the group’s director"),
         content="The gallery asked the buyer what happened and wrote down his answer", speaker="Naomi Feld"),
    dict(id="C5", source=("she", "him,” she said"), cue=("said", "him,” she said"),
         content="My grandfather did not sell this picture. It was taken from him", speaker=RAW),
    dict(id="C6", source="Adler-Weiss’s lawyer, Daniel Hirsch", cue="said",
         content="documents found last year in a Berlin archive showed the dealer had paid less than a tenth of the painting’s value, weeks after the family’s business was seized",
         speaker="Daniel Hirsch"),
    dict(id="C7", source=("The Albrecht Gallery", "The Albrecht Gallery said"), cue=("said", "The Albrecht Gallery said"),
         content="it had examined the painting’s history thoroughly and found no evidence of a forced sale", speaker=AG),
    dict(id="C8", source="its director, Katharina Moser", cue="said",
         content="Every claim is taken seriously here, and this one has been studied more than once", speaker="Katharina Moser"),
    dict(id="C9", source="A spokesperson for the gallery", cue="said",
         content="the Berlin documents had been known to its researchers for years and did not change their conclusion",
         speaker="a spokesperson for the gallery"),
    dict(id="C10", source="The spokesperson", cue="said", content="the price reflected the market at the time",
         speaker="a spokesperson for the gallery", topic=PRICE),
    dict(id="C11", source="Felix Baumann, an art historian at the University of Vienna", cue=("said", "period, said"),
         content="the price was “low even for 1938.”", speaker="Felix Baumann", topic=PRICE),
    dict(id="C12", source=("He", "He said, however"), cue=("said", "He said, however"),
         content="the archive papers alone did not prove the sale was forced", speaker="Felix Baumann"),
    dict(id="C13", source="Officials at the Austrian culture ministry", cue="said",
         content="the ministry had no power to order a private foundation to return a work and could only offer mediation",
         speaker="Austrian culture ministry", topic=MEDIATION),
    dict(id="C14", source=("Hirsch", "Hirsch said his client"), cue=("said", "Hirsch said his client"),
         content="his client would accept mediation but would go to court if the gallery did not agree to it within a month",
         speaker="Daniel Hirsch", topic=MEDIATION),
    dict(id="C15", source=("Adler-Weiss", "painting,” Adler-Weiss said"), cue=("said", "painting,” Adler-Weiss said"),
         content="We are not asking for money. We are asking for the painting", speaker=RAW, topic=RETURN),
    dict(id="C16", source=("The gallery", "The gallery said it was willing"), cue=("said", "The gallery said it was willing"),
         content="it was willing to meet the family but would not hand over the painting while, in its view, the evidence pointed the other way",
         speaker=AG, topic=RETURN),
]
NOT_CLAIMS = []
DISPUTES = [
    (TOPIC, {PW: ["C1", "C2", "C3", "C4"], AG: ["C7", "C8", "C9"]},
     "the research group says the gallery ignored evidence of a forced sale; the gallery says it found none"),
    (TOPIC, {RAW: ["C5", "C6"], AG: ["C7", "C8", "C9"]},
     "the granddaughter says the painting was taken; the gallery says there was no forced sale"),
    (PRICE, {"Felix Baumann": ["C11"], AG: ["C10"]}, "the historian calls the price low even for 1938; the gallery says it reflected the market"),
    (RETURN, {RAW: ["C15"], AG: ["C16"]}, "she asks for the painting back; the gallery will not hand it over"),
]
