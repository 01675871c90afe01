# A regulator (Financial Conduct Authority) vs a bank (Harbourside Bank): mis-sold hedging products.
# Business press. Fictional bank, officials and figures.
ACTORS = {
    "Financial Conduct Authority": ("government", "United Kingdom"),
    "United Kingdom": ("country", None),
    "Harbourside Bank": ("company", None),
    "one business owner": ("person", None),
    "Association of Independent Traders": ("organisation", None),
}
SPEAKERS = {
    "the Financial Conduct Authority": "Financial Conduct Authority",
    "Mark Stenning": "Financial Conduct Authority",
    "Harbourside Bank": "Harbourside Bank",
    "a spokeswoman for Harbourside Bank": "Harbourside Bank",
    "Priya Raman": "Harbourside Bank",
    "one business owner": "one business owner",
    "the Association of Independent Traders": "Association of Independent Traders",
}
TOPIC = "hedging products"
CLAIMS = [
    dict(id="C1", source="watchdog", cue="says", content="Lender ‘misled’ small firms",
         speaker="the Financial Conduct Authority"),
    dict(id="C2", source="The Financial Conduct Authority", cue="saying",
         content="the lender had sold interest-rate hedging products to small businesses that did not understand them",
         speaker="the Financial Conduct Authority"),
    dict(id="C3", source="Mark Stenning, the regulator’s executive director of enforcement", cue="said",
         content="some customers had lost their businesses as a result", speaker="Mark Stenning"),
    dict(id="C4", source=("he", "” he said."), cue="said", content="These were not sophisticated investors", speaker="Mark Stenning"),
    dict(id="C5", source="Harbourside, which is based in Bristol", cue="said", content="it would contest the findings",
         speaker="Harbourside Bank"),
    dict(id="C6", source="A spokeswoman for the bank", cue="said",
         content="the products had been “sold properly and explained clearly”, and that only a handful of complaints had been upheld",
         speaker="a spokeswoman for Harbourside Bank"),
    dict(id="C7", source="The bank’s chief executive, Priya Raman", cue="told",
         content="the fine was “disproportionate”", speaker="Priya Raman"),
    dict(id="C8", source="One business owner, who asked not to be named", cue="said",
         content="she had been told the product was “insurance” against rising rates", speaker="one business owner"),
    dict(id="C9", source="The Association of Independent Traders, which represents 30,000 firms", cue="called",
         content="the fine “long overdue”", speaker="the Association of Independent Traders"),
]
NOT_CLAIMS = []
DISPUTES = [
    ("hedging products", {"Financial Conduct Authority": ["C1", "C2", "C3", "C4"],
                          "Harbourside Bank": ["C5", "C6", "C7"]},
     "the regulator says the bank mis-sold the products; the bank says they were sold properly"),
]
