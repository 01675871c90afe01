# Gold spec of methane_flares_study.txt (built by benchmarks/gold_builder.py). An agreement story: no dispute.
CORV, CARG, NMED = "Corvane Energy", "Coastal Atmosphere Research Group", "New Mexico Environment Department"
ACTORS = {
    CORV: ("company", None),
    CARG: ("organisation", None),
    NMED: ("government", "New Mexico"),
    "New Mexico": ("government", "United States"),
    "United States": ("country", None),
    "Jonah Pereira": ("person", None),
}
AW, SL = "Amara Whitcombe", "Stefan Lund"
SPEAKERS = {CORV: CORV, SL: CORV, "the Coastal Atmosphere Research Group": CARG, AW: CARG, "Jonah Pereira": "Jonah Pereira", "the New Mexico Environment Department": NMED}
TOPIC = "methane from flares"
FIX = "flare repairs"
CLAIMS = [
    dict(id="C1", source="Corvane", cue="admits", content="its flares leaked three times more methane than reported", speaker=CORV),
    dict(id="C2", source="a study by the Coastal Atmosphere Research Group", cue="according to", content="Flares at Corvane Energy's West Tamsin field in New Mexico released roughly three times as much methane last year as the company reported to regulators", speaker="the Coastal Atmosphere Research Group"),
    dict(id="C3", source="Dr Amara Whitcombe", cue=("said", "said Dr Amara"), content="We went in expecting a fight over the numbers, and we did not get one", speaker=AW),
    dict(id="C4", content="The flares were not burning as cleanly as the company assumed.", speaker=AW),
    dict(id="C5", content="Some of them were not lit at all for hours at a time.", speaker=AW),
    dict(id="C6", content="Once you put a plane over the field, the picture is very clear, and Corvane's own engineers saw the same picture we did.", speaker=AW),
    dict(id="C7", source="Corvane's head of operations for the region, Stefan Lund", cue=("said", "Lund, said"), content="the company accepted the findings in full", speaker=SL),
    dict(id="C8", source=("He", "He said the error"), cue=("said", "He said the error"), content="the error came from using a manufacturer's efficiency figure of 98 percent for its flares rather than measuring them directly", speaker=SL),
    dict(id="C9", source=("Lund", "Lund said. \"The fix"), cue=("said", "Lund said. \"The fix"), content="We got this wrong, and we would rather say so than argue about it", speaker=SL),
    dict(id="C10", content="The fix is not complicated.", speaker=SL),
    dict(id="C11", content="It is expensive, but it is not complicated.", speaker=SL),
    dict(id="C12", source=("The company", "The company said it would replace"), cue=("said", "company said it would replace"), content="it would replace or repair 37 flares by the end of next year and install continuous monitors on all of them", speaker=CORV, topic=FIX),
    dict(id="C13", source=("Whitcombe", "Whitcombe called"), cue="called", content="the plan \"a serious one\"", speaker=AW, topic=FIX),
    dict(id="C14", source=("Whitcombe", "Whitcombe called"), cue=("said", "and said the group would"), content="the group would check progress with new flights every six months", speaker=AW, topic=FIX),
    dict(id="C15", source=("Lund", "Lund said.\n"), cue=("said", "Lund said.\n"), content="At the scientists' request, the company will also publish its flare measurements every month from January", speaker=SL, topic="monthly measurements"),
    dict(id="C16", source="Jonah Pereira, an energy analyst at Fieldstone Research", cue=("said", "work, said"), content="regulators in most producing regions still accepted manufacturers' figures, so similar errors were probably common across the industry", speaker="Jonah Pereira"),
    dict(id="C17", source="The New Mexico Environment Department", cue=("said", "Department said"), content="it would review the study and had asked Corvane to file corrected emissions figures for the past three years", speaker="the New Mexico Environment Department"),
    dict(id="C18", source=("Whitcombe", "Whitcombe said she hoped"), cue=("said", "Whitcombe said she hoped"), content="she hoped other operators would invite the same scrutiny", speaker=AW, topic="scrutiny of other operators"),
    dict(id="C19", source=("she", "she said, \"there"), cue=("said", "she said, \"there"), content=["If one company can do this", "there is no excuse for the rest."], speaker=AW, topic="scrutiny of other operators"),
]
NOT_CLAIMS = ["This article is part of our Climate Desk series.", "Share your story ideas with the team."]
DISPUTES: list = []
