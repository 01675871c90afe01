# Patients' group (Ashcombe Patients Voice) vs a hospital trust: are cancer waits being hidden? Fictional.
ACTORS = {
    "Ashcombe Patients Voice": ("organisation", None),
    "Ashcombe and Dale NHS Foundation Trust": ("organisation", None),
    "NHS England": ("government", "United Kingdom"),
    "United Kingdom": ("country", None),
}
SPEAKERS = {
    "Ashcombe Patients Voice": "Ashcombe Patients Voice",
    "Helen Marsh": "Ashcombe Patients Voice",
    "the Ashcombe and Dale NHS Foundation Trust": "Ashcombe and Dale NHS Foundation Trust",
    "Samuel Oduya": "Ashcombe and Dale NHS Foundation Trust",
    "NHS England": "NHS England",
}
TOPIC = "cancer waits"
CLAIMS = [
    dict(id="C1", source="Patients’ group", cue="says", content="hospital trust is hiding cancer waits",
         speaker="Ashcombe Patients Voice"),
    dict(id="C2", source="A patients’ group", cue="accused",
         content="the Ashcombe and Dale NHS Foundation Trust on Wednesday of hiding how long cancer patients were waiting for treatment",
         speaker="Ashcombe Patients Voice"),
    dict(id="C3", source="Ashcombe Patients Voice", cue="said",
         content="figures obtained under freedom of information rules showed that 41 per cent of patients waited more than 62 days for a first treatment, against the 15 per cent the trust had reported to its board",
         speaker="Ashcombe Patients Voice"),
    dict(id="C4", source="Helen Marsh, who chairs the group", cue="said",
         content="People are being told the service is improving when it is not", speaker="Helen Marsh"),
    dict(id="C5", source="She", cue="said", content="at least three patients had died while waiting",
         speaker="Helen Marsh"),
    dict(id="C6", source="The trust", cue="said",
         content="the two sets of figures measured different things and that it had “nothing to hide”",
         speaker="the Ashcombe and Dale NHS Foundation Trust"),
    dict(id="C7", source="Its chief executive, Dr Samuel Oduya", cue="said",
         content="the group had counted patients who had chosen to delay their treatment", speaker="Samuel Oduya"),
    dict(id="C8", source="Oduya", cue="said", content="We publish every figure we are required to publish",
         speaker="Samuel Oduya"),
    dict(id="C9", source="Marsh", cue=["rejected", "saying"],
         content=["the explanation", "the trust’s own board papers described the delays as “unacceptable”"],
         speaker="Helen Marsh"),
    dict(id="C10", source="NHS England", cue="said",
         content="it was aware of the concerns and was in contact with the trust", speaker="NHS England",
         topic="oversight"),
]
NOT_CLAIMS = ["Sign up for our health newsletter"]
DISPUTES = [
    ("cancer waits", {"Ashcombe Patients Voice": ["C1", "C2", "C3", "C4", "C5", "C9"],
                      "Ashcombe and Dale NHS Foundation Trust": ["C6", "C7", "C8"]},
     "the group says the trust hides waits; the trust says it has nothing to hide"),
]
