# Gold spec of regulator_drug_suspension.txt (built by benchmarks/gold_builder.py).
MHRA = "Medicines and Healthcare products Regulatory Agency"
HALDEN = "Halden Biotherapeutics"
ACTORS = {
    MHRA: ("government", "United Kingdom"),
    "United Kingdom": ("country", None),
    HALDEN: ("company", None),
    "Joint Care Alliance": ("organisation", None),
}
M, H = "the Medicines and Healthcare products Regulatory Agency", HALDEN
SPEAKERS = {M: MHRA, "Helen Marsh": MHRA, H: HALDEN, "Andrew Keele": HALDEN, "a spokeswoman for Halden Biotherapeutics": HALDEN, "Joint Care Alliance": "Joint Care Alliance"}
TOPIC = "Corvexa suspension"
CLAIMS = [
    dict(id="C1", source=("company", "company calls"), cue="calls", content="decision \"premature\"", speaker=H),
    dict(id="C2", source="Britain's medicines regulator", cue="saying", content="new data linked it to a higher risk of serious liver injury", speaker=M),
    dict(id="C3", source="The Medicines and Healthcare products Regulatory Agency (MHRA)", cue="said", content="a review of reports from doctors had found 41 cases of severe liver damage among roughly 18,000 patients treated since the drug's launch in 2023, including two deaths", speaker=M),
    dict(id="C4", source="the agency", cue="said", content="That rate was about four times what the company's clinical trials had predicted", speaker=M),
    dict(id="C5", source="the MHRA's chief safety officer, Dr Helen Marsh", cue="told", content="When the evidence changes, our decision has to change with it", speaker="Helen Marsh"),
    dict(id="C6", content="We are not saying Corvexa can never come back.", speaker="Helen Marsh"),
    dict(id="C7", content="We are saying that, on what we know today, patients should not be starting it.", speaker="Helen Marsh"),
    dict(id="C8", source=("Halden", "Halden, which is based"), cue=("said", "Cambridge, said"), content="the suspension was premature and based on incomplete reports", speaker=H),
    dict(id="C9", source=("The company", "The company said its own"), cue=("said", "company said its own"), content="its own analysis of the same period counted 19 confirmed cases, and that many of the reports the agency relied on involved patients who were also taking other drugs known to strain the liver", speaker=H),
    dict(id="C10", source="chief executive Andrew Keele", cue=("said", "Keele said"), content="We share the regulator's commitment to patient safety, but we do not share its reading of the data", speaker="Andrew Keele"),
    dict(id="C11", content="Suspending a licence on unverified reports tells thousands of patients that their medicine is dangerous when the evidence does not show that.", speaker="Andrew Keele"),
    dict(id="C12", content="We will appeal.", speaker="Andrew Keele"),
    dict(id="C13", source=("The MHRA", "The MHRA said it had given"), cue=("said", "MHRA said it had given"), content="it had given Halden six weeks to respond to its concerns before acting and that the company had not provided patient-level data it requested in March", speaker=M, topic="patient-level data"),
    dict(id="C14", source="A Halden spokeswoman", cue=("said", "spokeswoman said"), content="the data had been sent on May 28", speaker="a spokeswoman for Halden Biotherapeutics", topic="patient-level data"),
    dict(id="C15", source=("The agency", "The agency said people"), cue=("said", "agency said people"), content="people already taking Corvexa should not stop suddenly but should speak to their doctor", speaker=M, topic="advice to patients"),
    dict(id="C16", source=("Halden", "Halden said it supported"), cue=("said", "Halden said it supported"), content="it supported that advice", speaker=H, topic="advice to patients"),
    dict(id="C17", source="Joint Care Alliance, a patient charity", cue=("said", "charity, said"), content="the suspension would leave some patients with few alternatives", speaker="Joint Care Alliance"),
    dict(id="C18", source="Joint Care Alliance, a patient charity", cue="urged", content="the regulator and the company to settle the question of the data quickly", speaker="Joint Care Alliance"),
    dict(id="C19", source="its annual report", cue="according to", content="Corvexa accounted for about a third of the company's revenue last year", speaker=H, topic="Halden revenue"),
]
NOT_CLAIMS = ["(Reporting by Tom Ashby; Editing by Claire Morton)"]
DISPUTES = [
    ("Corvexa suspension", {MHRA: ["C2", "C3", "C4", "C5", "C6", "C7"], HALDEN: ["C1", "C8", "C9", "C10", "C11", "C12"]},
     "conflicting figures and evaluation: the MHRA counts 41 severe liver cases, four times the trial rate, and suspends the drug; Halden calls the suspension premature, counts 19 confirmed cases and will appeal"),
    ("patient-level data", {MHRA: ["C13"], HALDEN: ["C14"]},
     "the MHRA says Halden never provided the patient-level data it asked for; Halden says it sent the data on May 28"),
]
