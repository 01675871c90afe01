# Gold spec of police_force_trial.txt (built by benchmarks/gold_builder.py).
MD, RPD = "Marcus Dell", "Redfern Police Department"
ACTORS = {
    MD: ("person", None),
    RPD: ("government", "Redfern"),
    "Redfern": ("government", None),
    "Harriet Combs": ("person", "U.S. District Court"),
    "U.S. District Court": ("government", "United States"),
    "United States": ("country", None),
    "Gloria Dell": ("person", None),
}
SPEAKERS = {MD: MD, "Priya Raman": MD, "Alan Fitch": RPD, "Kyle Brandt": RPD, "Harriet Combs": "Harriet Combs", "Gloria Dell": "Gloria Dell"}
TOPIC = "force used in the arrest"
CAMERA = "body camera footage"
CLAIMS = [
    dict(id="C1", source="Man suing Redfern police", cue="tells", content="officers slammed him into patrol car", speaker=MD),
    dict(id="C2", source="A Redfern man", cue=("told", "department told"), content="two officers threw him against a patrol car and knelt on his back during a traffic stop in 2023, leaving him with three broken ribs", speaker=MD),
    dict(id="C3", source="Marcus Dell", cue="testified", content="he had already been handcuffed and was not resisting when the officers forced him to the ground", speaker=MD),
    dict(id="C4", source=("Dell", "Dell said, his voice"), cue=("said", "Dell said, his voice"), content="I kept telling them I couldn't breathe", speaker=MD),
    dict(id="C5", content="It felt like it went on forever.", speaker=MD),
    dict(id="C6", source="Alan Fitch, an assistant city attorney representing the department and the officers", cue=("said", "alley, said"), content="Dell had pulled away from Morrow and tried to run toward a nearby alley", speaker="Alan Fitch"),
    dict(id="C7", source=("he", "he said, was"), cue=("said", "he said, was"), content=["The force used", "was \"exactly what the training manual requires\" to stop a fleeing suspect"], speaker="Alan Fitch"),
    dict(id="C8", source=("Fitch", "Fitch said in his opening"), cue=("said", "Fitch said in his opening"), content="This case is about a man who made a dangerous choice on a dark street and now wants someone else to pay for it", speaker="Alan Fitch"),
    dict(id="C9", source=("Brandt", "Brandt testified"), cue=("testified", "Brandt testified"), content="Dell's injuries were caused when he tripped on the curb while trying to flee", speaker="Kyle Brandt"),
    dict(id="C10", source="Dell's attorney, Priya Raman", cue="noted", content="the officers' body cameras had recorded nothing of the arrest", speaker="Priya Raman", topic=CAMERA),
    dict(id="C11", source=("Raman", "Raman told jurors"), cue=("told", "Raman told jurors"), content="the department had deleted the recordings after Dell filed a complaint", speaker="Priya Raman", topic=CAMERA),
    dict(id="C12", source=("Fitch", "Fitch said both cameras"), cue=("said", "Fitch said both cameras"), content="both cameras had malfunctioned because of a software update pushed to the department's devices that week, and that a technician would testify to that", speaker="Alan Fitch", topic=CAMERA),
    dict(id="C13", source="U.S. District Judge Harriet Combs", cue=("told", "Combs told"), content="the trial was expected to last two weeks", speaker="Harriet Combs", topic="the trial"),
    dict(id="C14", source=("She", "She reminded"), cue="reminded", content="the officers' conduct on the night of the stop, not the department's wider record, was on trial", speaker="Harriet Combs", topic="the trial"),
    dict(id="C15", source="Dell's mother, Gloria Dell", cue=("said", "Gloria Dell, said"), content="her son had \"never been the same\" since the arrest", speaker="Gloria Dell"),
]
NOT_CLAIMS = ["Follow our courts coverage on the Redfern Record app."]
DISPUTES = [
    (TOPIC, {MD: ["C1", "C2", "C3", "C4", "C5"], RPD: ["C6", "C7", "C8", "C9"]},
     "accusation vs denial: Dell says handcuffed and not resisting he was thrown against a car and knelt on; the department's lawyer and Sgt. Brandt say he ran and was hurt tripping on the curb, the force being what training requires"),
    (CAMERA, {MD: ["C10", "C11"], RPD: ["C12"]},
     "Dell's attorney says the department deleted the recordings; the city attorney says both cameras malfunctioned after a software update"),
]
