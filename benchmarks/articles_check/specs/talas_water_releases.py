# Gold spec of talas_water_releases.txt (built by benchmarks/gold_builder.py).
# A conflict between two countries: the actor is the country (as in the development set's country articles).
KZ, KG = "Kazakhstan", "Kyrgyzstan"
ACTORS = {KZ: ("country", None), KG: ("country", None), "Gulnara Saparova": ("person", None)}
KFM, AT = "Kazakhstan's Foreign Ministry", "Aida Temirova"
SPEAKERS = {KZ: KZ, KFM: KZ, "Serik Abenov": KZ, "Daniyar Seitkali": KZ, KG: KG, "Kyrgyzstan's state water agency": KG, AT: KG, "Gulnara Saparova": "Gulnara Saparova"}
TOPIC = "Talas water releases"
SESSION = "emergency commission session"
CLAIMS = [
    dict(id="C1", source=("Kazakhstan", "Kazakhstan accuses"), cue="accuses", content="Kyrgyzstan of holding back Talas river water", speaker=KZ),
    dict(id="C2", source=("Kazakhstan", "Kazakhstan on Monday"), cue=("accused", "Monday accused"), content="neighbouring Kyrgyzstan of cutting water releases from a reservoir on the Talas river in breach of a bilateral agreement, leaving farmers in the southern Zhambyl region short of water at the start of the planting season", speaker=KZ),
    dict(id="C3", source=("Kazakhstan's Foreign Ministry", "Kazakhstan's Foreign Ministry said"), cue=("said", "Ministry said in a statement"), content="Releases from the Upper Talas reservoir had fallen to 14 cubic metres per second, less than half of the 32 cubic metres agreed for April", speaker=KFM),
    dict(id="C4", source=("It", "It called on"), cue="called on", content="Bishkek to \"immediately restore the agreed volumes\"", speaker=KFM),
    dict(id="C5", source=("It", "It called on"), cue=("said", "and said it had handed"), content="it had handed a protest note to the Kyrgyz ambassador", speaker=KFM),
    dict(id="C6", source="Deputy Agriculture Minister Serik Abenov", cue="told", content="Thousands of hectares of wheat and sugar beet depend on this water in the next three weeks", speaker="Serik Abenov"),
    dict(id="C7", content="If it does not arrive, the losses will be counted in billions of tenge, and they will fall on ordinary families.", speaker="Serik Abenov"),
    dict(id="C8", source=("Kyrgyzstan", "Kyrgyzstan rejected"), cue="rejected", content="the accusation", speaker=KG),
    dict(id="C9", source="The country's state water agency", cue=("said", "agency said"), content="releases had been reduced because of an unusually dry winter, with snowfall in the Talas basin about 40 percent below average, and that the agreement allowed either side to adjust volumes in a drought year", speaker="Kyrgyzstan's state water agency"),
    dict(id="C10", source="Kyrgyz Foreign Ministry spokeswoman Aida Temirova", cue=("said", "Temirova said. "), content="We are not holding back a single drop for ourselves", speaker=AT),
    dict(id="C11", content="The reservoir is lower than it has been in fifteen years.", speaker=AT),
    dict(id="C12", content="Kazakhstan knows this, because its own engineers sit on the joint commission that measures it.", speaker=AT),
    dict(id="C13", source=("Temirova", "Temirova said Bishkek had"), cue=("said", "Temirova said Bishkek had"), content="Bishkek had proposed an emergency session of the commission", speaker=AT, topic=SESSION),
    dict(id="C14", source=("Temirova", "Temirova said Bishkek had"), cue="accused", content="Astana of \"running to the press instead of to the table\"", speaker=AT),
    dict(id="C15", source="Kazakhstan's Foreign Ministry spokesman, Daniyar Seitkali", cue=("said", "Seitkali, said"), content="the drought clause required 30 days' notice and that Kazakhstan had received none", speaker="Daniyar Seitkali"),
    dict(id="C16", source=("Seitkali", "Seitkali said Astana"), cue=("said", "Seitkali said Astana"), content="Astana would attend an emergency session if one was called this week", speaker="Daniyar Seitkali", topic=SESSION),
    dict(id="C17", source=("Temirova", "Temirova later said"), cue=("said", "later said"), content="Bishkek was ready to host the meeting in the town of Talas as early as Thursday", speaker=AT, topic=SESSION),
    dict(id="C18", source="A regional analyst, Gulnara Saparova of the Central Asia Water Forum in Tashkent", cue=("said", "Tashkent, said"), content="disputes over the Talas usually flared in dry springs and were settled within weeks, but that this year's row was sharper because both governments faced pressure from farmers before local elections", speaker="Gulnara Saparova"),
]
NOT_CLAIMS = ["(Reporting by Aliya Nurlanova in Astana and Timur Osmonov in Bishkek; Editing by Mark Fenwick)"]
DISPUTES = [
    (TOPIC, {KZ: ["C1", "C2", "C3", "C4", "C5", "C6", "C7", "C15"], KG: ["C8", "C9", "C10", "C11", "C12", "C14"]},
     "accusation vs rejection: Kazakhstan says Kyrgyzstan cut releases to less than half the agreed volume in breach of the agreement; Kyrgyzstan says a drought forced the cut, the agreement allows it and nothing is held back"),
]
