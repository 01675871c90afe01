# Gold spec of teachers_class_sizes.txt (built by benchmarks/gold_builder.py).
PVEA = "Pell Valley Education Association"
BOARD = "Pell Valley School Board"
ACTORS = {
    PVEA: ("union", None),
    BOARD: ("government", "Oregon"),
    "Oregon": ("government", "United States"),
    "United States": ("country", None),
    "Rob Whitaker": ("person", PVEA),
    "Parents Together Pell Valley": ("organisation", None),
}
U, CM, HL = "the Pell Valley Education Association", "Carla Mendez", "Howard Lindqvist"
SPEAKERS = {U: PVEA, CM: PVEA, HL: BOARD, "Tanya Reyes": BOARD, "Rob Whitaker": "Rob Whitaker", "Parents Together Pell Valley": "Parents Together Pell Valley"}
TOPIC = "class-size cap"
CLAIMS = [
    dict(id="C1", source="The union representing Pell Valley's 1,100 public school teachers", cue=("said", "teachers said Wednesday"), content="it will ask members to authorize a strike after the school board rejected its demand for a cap on class sizes", speaker=U, topic="strike"),
    dict(id="C2", source="The Pell Valley Education Association", cue="is demanding", content="no elementary classroom hold more than 26 students and no high school class more than 32", speaker=U),
    dict(id="C3", source="Union president Carla Mendez", cue=("said", "Mendez said more"), content="more than 300 classes in the district are now above those limits", speaker=CM),
    dict(id="C4", source=("Mendez", "Mendez said at a news"), cue=("said", "Mendez said at a news"), content="I have third-grade teachers with 34 children in a room built for 24", speaker=CM),
    dict(id="C5", content="They are not teaching anymore.", speaker=CM),
    dict(id="C6", content="They are doing crowd control.", speaker=CM),
    dict(id="C7", content="And every year the board tells us it will get better next year, and every year it gets worse.", speaker=CM),
    dict(id="C8", source="The board's president, Howard Lindqvist", cue=("said", "Lindqvist, said"), content="the district could not afford a hard cap without laying off other staff or closing a school", speaker=HL),
    dict(id="C9", source=("He", "He said only 41"), cue=("said", "He said only 41"), content="only 41 classes exceeded the union's proposed limits, and that most of those were electives students had chosen", speaker=HL),
    dict(id="C10", source="district spokeswoman Tanya Reyes", cue=("said", "Reyes said"), content="the union was counting classes on the first day of school, before schedules were balanced", speaker="Tanya Reyes"),
    dict(id="C11", source=("The union", "The union says"), cue="says", content="it counted in October", speaker=U),
    dict(id="C12", source=("Lindqvist", "Lindqvist called"), cue="called", content="the strike threat \"premature and unfair to families.\"", speaker=HL, topic="strike"),
    dict(id="C13", source=("Mendez", "Mendez said the offer"), cue=("said", "Mendez said the offer"), content="the offer amounted to \"paying us to accept the problem.\"", speaker=CM),
    dict(id="C14", source=("Lindqvist", "Lindqvist said the money"), cue=("said", "Lindqvist said the money"), content="the money for it was already in the budget", speaker=HL, topic="school counselors"),
    dict(id="C15", source="Rob Whitaker", cue=("said", "High, said"), content="he supported the class-size demand but thought a strike in the spring testing season would hurt students more than the board", speaker="Rob Whitaker", topic="strike"),
    dict(id="C16", source="Parents Together Pell Valley", cue=("said", "meetings, said"), content="it would back the teachers if they strike", speaker="Parents Together Pell Valley", topic="strike"),
]
NOT_CLAIMS = ["Copyright 2026 The Pell Valley Sentinel. All rights reserved."]
DISPUTES = [
    (TOPIC, {PVEA: ["C2", "C3", "C4", "C5", "C6", "C7", "C11", "C13"], BOARD: ["C8", "C9", "C10"]},
     "call vs refusal and conflicting figures: the union demands a cap and counts more than 300 oversized classes; the board cannot afford a cap and counts 41, saying the union counted on the first day"),
    ("strike", {PVEA: ["C1"], BOARD: ["C12"]},
     "the union will seek strike authorization; the board calls the strike threat premature and unfair"),
]
