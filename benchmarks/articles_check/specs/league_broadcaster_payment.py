# Gold spec of league_broadcaster_payment.txt (built by benchmarks/gold_builder.py).
APFL, SA = "Atlantic Professional Football League", "StreamArena"
ACTORS = {
    APFL: ("organisation", None),
    SA: ("company", None),
    "Ian Feltham": ("person", None),
    "Harbour Town": ("organisation", APFL),
}
SPEAKERS = {
    "the Atlantic Professional Football League": APFL,
    "Lorna Quaid": APFL,
    SA: SA,
    "Fenella Cross": SA,
    "a spokesman for StreamArena": SA,
    "Ian Feltham": "Ian Feltham",
    "Vic Amberley": "Harbour Town",
}
TOPIC = "TV payment"
L, Q = "the Atlantic Professional Football League", "Lorna Quaid"
CLAIMS = [
    dict(id="C1", source="The Atlantic Professional Football League (APFL)", cue="has accused", content="its main broadcaster, StreamArena, of withholding £38 million due to its 20 clubs", speaker=L),
    dict(id="C2", source="APFL chief executive Lorna Quaid", cue=("said", "Quaid said the quarterly"), content="the quarterly payment had been due on July 1 and that StreamArena had given no date for it", speaker=Q),
    dict(id="C3", source=("she", "she wrote"), cue="wrote", content=["Several clubs", "had already warned that they could struggle to pay staff in August"], speaker=Q),
    dict(id="C4", source=("Quaid", "Quaid said: "), cue=("said", "Quaid said: "), content="We have a signed contract, we have delivered every match we promised, and the money is not there.", speaker=Q),
    dict(id="C5", content="Our clubs cannot run on promises.", speaker=Q),
    dict(id="C6", source=("StreamArena", "StreamArena disputes"), cue="disputes", content="the figure", speaker=SA),
    dict(id="C7", source="The broadcaster", cue=("said", "broadcaster said"), content="only £21 million of the payment was due under the contract, and that the rest depended on the league meeting scheduling commitments it had broken last season, when 14 matches were moved at less than a week's notice", speaker=SA),
    dict(id="C8", source="Its managing director, Fenella Cross", cue=("said", "Cross, said"), content="the company had \"paid every penny it owes, on time, for four years.\"", speaker="Fenella Cross"),
    dict(id="C9", source=("She", "She added"), cue="added", content="StreamArena would release the disputed sum \"the day the league honours its side of the deal.\"", speaker="Fenella Cross"),
    dict(id="C10", source="The league", cue=("said", "The league said average"), content="average audiences for its matches had risen by 18 percent last season", speaker=L, topic="audience figures"),
    dict(id="C11", source=("StreamArena", "StreamArena said its own"), cue=("said", "StreamArena said its own"), content="its own figures showed a fall of 6 percent and that the league was counting highlights clips on social media as viewers", speaker=SA, topic="audience figures"),
    dict(id="C12", source=("Quaid", "Quaid said the league remained"), cue=("said", "Quaid said the league remained"), content="the league remained \"open to talks at any time\"", speaker=Q, topic="talks"),
    dict(id="C13", source="a StreamArena spokesman", cue=("said", "spokesman said"), content="the company had proposed a meeting for next week", speaker="a spokesman for StreamArena", topic="talks"),
    dict(id="C14", source="Dr Ian Feltham", cue=("said", "University, said"), content="disputes of this kind usually ended in a compromise because neither side could afford a blackout", speaker="Ian Feltham"),
    dict(id="C15", source=("he", "he said."), cue=("said", "he said."), content="The league needs the money and the broadcaster needs the content", speaker="Ian Feltham"),
    dict(id="C16", source="The chairman of Harbour Town, Vic Amberley", cue=("said", "Amberley, said"), content="the league should have raised the scheduling problems with the broadcaster months ago", speaker="Vic Amberley"),
]
NOT_CLAIMS = ["More football business news: sign up to our Sports Money newsletter every Friday."]
DISPUTES = [
    (TOPIC, {APFL: ["C1", "C2", "C3", "C4", "C5"], SA: ["C6", "C7", "C8", "C9"]},
     "conflicting figures and denial: the league says StreamArena withholds £38m it owes; StreamArena says only £21m is due, all of it paid, and the rest waits on the league's scheduling commitments"),
    ("audience figures", {APFL: ["C10"], SA: ["C11"]},
     "conflicting figures: audiences up 18 percent (league) vs down 6 percent (broadcaster)"),
]
