# Two rival candidates for one party's leadership (deputy leader Fiona Marsh vs Owen Thackeray): whether to
# end an electoral alliance. UK wire style. Fictional party, people and figures.
LRP = "Liberal Reform Party"
FM, OT = "Fiona Marsh", "Owen Thackeray"
ACTORS = {
    FM: ("person", LRP),
    OT: ("person", LRP),
    LRP: ("party", None),
    "Green Party": ("party", None),
}
SPEAKERS = {
    FM: FM,
    "Marsh’s campaign": FM,
    "a source close to Marsh": FM,
    OT: OT,
    "an aide to Thackeray": OT,
    "Helen Abara": LRP,
    "the party’s whips": LRP,
    "Sam Whitlow": "Green Party",
}
TOPIC = "alliance with the Greens"
DONATIONS, TONE, DEBATE, BACKING = "donations", "campaign tone", "televised debate", "MPs' backing"
CLAIMS = [
    dict(id="C1", source="Deputy leader", cue="says", content="rival’s plan would split the party", speaker=FM),
    dict(id="C2", source="deputy leader Fiona Marsh", cue="said",
         content="a plan by her rival, former finance spokesman Owen Thackeray, to end the party’s alliance with the Greens would cost it half its seats",
         speaker=FM),
    dict(id="C3", source=("Marsh", "Marsh told party members"), cue="told", content="Owen’s plan is a gift to our opponents",
         speaker=FM),
    dict(id="C4", content="We would be handing them twenty seats without a fight.", speaker=FM),
    dict(id="C5", source="Thackeray, 47, a former banker", cue=("said", "2017, said"),
         content="the alliance had made the party “invisible” and that voters could no longer tell the two parties apart",
         speaker=OT),
    dict(id="C6", source=("he", "he said Marsh’s figure"), cue=("said", "he said Marsh’s figure"),
         content="Marsh’s figure of twenty seats was “invented” and that no constituency had been studied", speaker=OT),
    dict(id="C7", source="An aide to Thackeray", cue="said",
         content="the campaign had received more than 4,000 new donations since the row over the alliance began",
         speaker="an aide to Thackeray", topic=DONATIONS),
    dict(id="C8", source="Marsh’s campaign", cue=("said", "campaign said in a statement"),
         content="the donations “do not include a single new member” of the party", speaker="Marsh’s campaign", topic=DONATIONS),
    dict(id="C9", source="A source close to Marsh", cue="said",
         content="she had been urged by senior MPs not to attack Thackeray personally but had decided the alliance was too important to avoid",
         speaker="a source close to Marsh", topic=TONE),
    dict(id="C10", source="The party’s general secretary, Helen Abara", cue="said",
         content="both candidates had agreed to a televised debate on June 3", speaker="Helen Abara", topic=DEBATE),
    dict(id="C11", source="Green Party co-leader Sam Whitlow", cue=("said", "Whitlow said"),
         content="his party would “respect whatever the Liberal Reformers decide”", speaker="Sam Whitlow"),
    dict(id="C12", source="Green Party co-leader Sam Whitlow", cue="warned",
         content="ending the alliance would only help the government", speaker="Sam Whitlow"),
    dict(id="C13", source="a tally by the party’s whips", cue="according to",
         content="Thackeray has won the backing of 31 of the party’s 58 MPs", speaker="the party’s whips", topic=BACKING),
    dict(id="C14", source=("Thackeray", "Thackeray said at a meeting"), cue=("said", "Thackeray said at a meeting"),
         content="Members are tired of being told to wait", speaker=OT),
    dict(id="C15", content="They want a party that stands on its own feet.", speaker=OT),
    dict(id="C16", source=("Marsh", "Marsh said on Sunday"), cue=("said", "Marsh said on Sunday"),
         content="she respected her rival and would serve under him if he won", speaker=FM, topic=TONE),
    dict(id="C17", source=("she", "she added"), cue="added",
         content="a party that walks away from its friends does not deserve to be trusted with the country.", speaker=FM),
]
NOT_CLAIMS = []
DISPUTES = [
    (TOPIC, {FM: ["C1", "C2", "C3", "C4", "C17"], OT: ["C5", "C6", "C14", "C15"]},
     "she says ending the alliance would cost twenty seats; he calls the figure invented and says the alliance made the party invisible"),
    (DONATIONS, {OT: ["C7"], FM: ["C8"]}, "his aide counts 4,000 new donations; her campaign says none is from a new member"),
]
