# A county sheriff (Dale Hutchins) vs the county prosecutor (Renee Albright): crime-lab backlog and dropped
# cases. Wire story. Fictional county, officials and figures (Ohio is real).
SO, PO = "Brantley County Sheriff’s Office", "Brantley County Prosecutor’s Office"
ACTORS = {
    SO: ("government", "Brantley County"),
    PO: ("government", "Brantley County"),
    "Brantley County": ("government", "Ohio"),
    "Ohio": ("government", "United States"),
    "United States": ("country", None),
    "Democratic Party": ("party", None),
    "Republican Party": ("party", None),
    "Marcus Oyelaran": ("person", None),
}
RA, DH = "Renee Albright", "Dale Hutchins"
SPEAKERS = {
    RA: PO,
    "an aide to Albright": PO,
    DH: SO,
    "a spokesperson for the sheriff’s office": SO,
    "Thomas Greer": SO,
    "Carla Mendes": "Democratic Party",
    "the state Republican Party": "Republican Party",
    "officials": "Brantley County",
    "Marcus Oyelaran": "Marcus Oyelaran",
}
TOPIC = "crime lab backlog"
BILL, REMARKS = "crime lab bill", "withdrawn remarks"
CLAIMS = [
    dict(id="C1", source="Prosecutor", cue="says", content="sheriff’s lab backlog forced her to drop 40 cases", speaker=RA),
    dict(id="C2", source="The top prosecutor in Brantley County", cue="said",
         content="she had been forced to dismiss 40 drug cases this year because the sheriff’s crime laboratory failed to test evidence in time",
         speaker=RA),
    dict(id="C3", source="County Prosecutor Renee Albright", cue="told",
         content="some samples had waited more than nine months for analysis", speaker=RA),
    dict(id="C4", source=("Albright", "Albright said. “Every"), cue=("said", "Albright said. “Every"),
         content="We cannot take a case to a jury without a lab report, and the sheriff knows that", speaker=RA),
    dict(id="C5", content="Every one of these dismissals has his name on it.", speaker=RA),
    dict(id="C6", source="Sheriff Dale Hutchins, 61", cue="rejected", content="her account", speaker=DH),
    dict(id="C7", source=("He", "He said the laboratory"), cue=("said", "He said the laboratory"),
         content="the laboratory had cleared more than 2,000 samples in the past year and that the prosecutor’s office had asked for new tests in cases that were already complete",
         speaker=DH),
    dict(id="C8", source=("Hutchins", "Hutchins said in a statement"), cue=("said", "Hutchins said in a statement"),
         content="She is looking for someone to blame for her own office’s mistakes", speaker=DH),
    dict(id="C9", source="A spokesperson for the sheriff’s office", cue="said",
         content="the lab’s average waiting time had fallen to 41 days since March",
         speaker="a spokesperson for the sheriff’s office"),
    dict(id="C10", source="An aide to Albright", cue="said",
         content="the prosecutor had written to the sheriff three times since January asking for a timetable and had received no reply",
         speaker="an aide to Albright"),
    dict(id="C11", source="Democratic state Sen. Carla Mendes", cue="said",
         content="she would introduce a bill to move crime labs out of sheriffs’ departments", speaker="Carla Mendes", topic=BILL),
    dict(id="C12", source=("Mendes", "whom,” Mendes said"), cue=("said", "whom,” Mendes said"),
         content="Evidence should not depend on who gets along with whom", speaker="Carla Mendes", topic=BILL),
    dict(id="C13", source="The state Republican Party", cue="called",
         content="the proposal “a power grab dressed up as reform.”", speaker="the state Republican Party", topic=BILL),
    dict(id="C14", source="Officials", cue="said",
         content="the county commission would hold a hearing on the laboratory’s budget next month", speaker="officials",
         topic="lab budget hearing"),
    dict(id="C15", source="One defense lawyer, Marcus Oyelaran", cue="said",
         content="several of his clients had spent weeks in jail waiting for test results", speaker="Marcus Oyelaran"),
    dict(id="C16", source=("he", "spreadsheet,” he said"), cue=("said", "spreadsheet,” he said"),
         content="People are sitting in cells because two offices cannot share a spreadsheet", speaker="Marcus Oyelaran"),
    dict(id="C17", source="Hutchins’s lawyer, Thomas Greer", cue="said",
         content="the sheriff would not meet Albright until she withdrew remarks blaming his deputies for the delays",
         speaker="Thomas Greer", topic=REMARKS),
    dict(id="C18", source=("Albright", "Albright, who was elected"), cue=("said", "said she would not withdraw"),
         content="she would not withdraw anything", speaker=RA, topic=REMARKS),
]
NOT_CLAIMS = []
DISPUTES = [
    (TOPIC, {PO: ["C1", "C2", "C3", "C4", "C5", "C10"], SO: ["C6", "C7", "C8", "C9"]},
     "the prosecutor blames the sheriff's lab for dropped cases; the sheriff says the lab is fast and blames her office"),
    (BILL, {"Democratic Party": ["C11", "C12"], "Republican Party": ["C13"]},
     "a senator proposes moving labs out of sheriffs' departments; the state party calls it a power grab"),
    (REMARKS, {SO: ["C17"], PO: ["C18"]}, "the sheriff's lawyer demands she withdraw her remarks; she refuses"),
]
