# The English of matters.py, same codes and shape (policies are linked from there).
ID = (
    "ID cards of the deceased and of the applicant",
    "A photo is enough; the registry checks the rest",
)
DEATH_CERT = ("Death certificate", "Shared by the system; nothing to hand in")
ACCOUNT = ("Bank account for the payment", "An account in the payee's own name")
HEIRS = (
    "The other heirs' authorization",
    "Spouse, children and parents confirm online; otherwise through a notary",
)

SECTIONS = {
    "policies": ("Policies", "The laws, regulations and local rules the service rests on."),
    "matters": (
        "Service guides",
        "For each matter: which department handles it, who qualifies, what is needed and how long it takes.",
    ),
}

MATTERS = {
    "BD01": (
        "Everyone for whom a family applies. The system checks the identity from the ID number "
        "and sends the information to every department that needs it.",
        [ID],
        "Data sharing is run by the Big Data Development Bureau; the family does nothing.",
        "Free",
    ),
    "H01": (
        "A person who died in hospital, or of natural causes at home or in a care home. A hospital "
        "issues it for deaths in hospital; the community health centre after checking, for deaths at home.",
        [
            ID,
            ("Death report form", "For deaths at home; filled in online by the family"),
            ("Medical records", "For deaths at home: if you have them; not required"),
        ],
        "Issued under the national rules on medical death certificates.",
        "Free",
    ),
    "P01": (
        "A person whose death was not natural (an accident, for example). The police issue the "
        "death certificate after their investigation; where they found it natural, their "
        "investigation form is the basis.",
        [
            ID,
            ("Police receipt or case number", "If you have one; it helps the police find the case"),
        ],
        "Issued by the police after the investigation the law requires.",
        "Free",
    ),
    "P02": (
        "A person registered in this city. Once the death certificate exists, the police station "
        "cancels the household registration.",
        [
            DEATH_CERT,
            ("Household register", "No original needed; the station can stamp it afterwards"),
        ],
        "Household registration rules require the registration of a person who died to be cancelled.",
        "Free",
    ),
    "P03": (
        "A person who held a driving licence.",
        [DEATH_CERT],
        "Cancelled under the driving licence rules.",
        "Free",
    ),
    "C01": (
        "Everyone. The funeral home collects the body as booked and provides the basic funeral services.",
        [ID, ("Collection address and phone", "Given in the application")],
        "Funeral services under the Funeral Regulation.",
        "The local funeral service charges; basic services can be waived (see the waiver of basic funeral charges)",
    ),
    "C02": (
        "Everyone to be cremated. The funeral home cremates on the death certificate and issues the cremation certificate.",
        [DEATH_CERT],
        "Under the Funeral Regulation, the funeral home cremates on a death certificate.",
        "Free",
    ),
    "C03": (
        "A person who received subsistence allowance or support for extreme poverty. Stopped from the month after the death.",
        [DEATH_CERT],
        "Social assistance ends when the person assisted dies.",
        "Free",
    ),
    "C05": (
        "An older person who received the old-age allowance. Stopped from the month after the death.",
        [DEATH_CERT],
        "Under the city's rules on the old-age allowance.",
        "Free",
    ),
    "C06": (
        "A person registered in this city. The charges for collecting, keeping and cremating the body "
        "and for keeping the ashes are waived as the rules say.",
        [("Cremation certificate", "Shared by the system")],
        "Under the city's funeral welfare policy.",
        "Free",
    ),
    "C07": (
        "Anyone, if the family wishes. A niche in a public columbarium, or a land-saving tree, "
        "sea or lawn burial, booked on the case page and confirmed by the funeral home; the "
        "county pays an award for an ecological burial where its rules give one.",
        [("Bank account (for the award)", "Given when applying")],
        "Under the Funeral Regulations (revised 2026) on land-saving ecological burial and "
        "the county's award rules.",
        "Columbarium niches at the published price; ecological burial free, with an award",
    ),
    "D01": (
        "A person who held a disability certificate.",
        [DEATH_CERT],
        "Cancelled under the disability certificate rules.",
        "Free",
    ),
    "D02": (
        "A person who received the living or care subsidy for people with disabilities. Stopped from the month after the death.",
        [DEATH_CERT],
        "Under the rules of the two disability subsidies.",
        "Free",
    ),
    "R01": (
        "A person who received a pension or paid into the basic pension insurance. The pension stops; "
        "the heirs receive the balance of the personal account.",
        [DEATH_CERT, ACCOUNT, HEIRS],
        "Under the Social Insurance Law, the balance of the personal account can be inherited.",
        "Free",
    ),
    "R02": (
        "The survivors of a person insured under the basic pension insurance.",
        [DEATH_CERT, ("Cremation certificate", "Shared by the system"), ACCOUNT, HEIRS],
        "Under the Social Insurance Law, survivors receive a funeral grant.",
        "Free",
    ),
    "R03": (
        "The relatives a person insured under the employees' pension insurance supported.",
        [DEATH_CERT, ("Proof of support", "The department tells you online if it needs it")],
        "Under the Social Insurance Law, survivors receive a survivors' benefit.",
        "Free",
    ),
    "R04": (
        "A person who held a social security card.",
        [("Cancelled household registration", "Shared by the system")],
        "Under the social security card rules.",
        "Free",
    ),
    "M01": (
        "A person insured under the basic medical insurance.",
        [DEATH_CERT],
        "Under the medical insurance enrolment rules.",
        "Free",
    ),
    "M02": (
        "A person with a balance in the medical insurance personal account; the heirs receive it.",
        [ACCOUNT, HEIRS],
        "Under the medical security rules, the personal account balance can be inherited.",
        "Free",
    ),
    "F01": (
        "A person who paid into the housing provident fund. The heirs withdraw the balance and the account is closed.",
        [("Cancelled household registration", "Shared by the system"), ACCOUNT, HEIRS],
        "Under the Housing Provident Fund Regulation, heirs can withdraw the balance.",
        "Free",
    ),
    "V01": (
        "A person who received a veterans' or martyrs' family benefit. The benefit stops and a funeral grant is paid.",
        [DEATH_CERT],
        "Under the rules on benefits for entitled groups.",
        "Free",
    ),
    "B01": (
        "A person with deposits in a bank. Where the deposits in one bank total ¥50,000 or less, "
        "heirs withdraw them without a notary.",
        [("Cancelled household registration", "Shared by the system"), ACCOUNT, HEIRS],
        "Under the rules on small deposits of deceased depositors.",
        "Free",
    ),
    "B02": (
        "A person with commercial insurance. The insurers are told and contact the family about the claim.",
        [DEATH_CERT],
        "Claims follow the insurance contract.",
        "Free",
    ),
}

# slug: (title, issuing body, document number, body paragraphs)
POLICIES = {
    "funeral-regulation": (
        "Funeral Regulation",
        "State Council",
        "State Council Order No. 225",
        [
            "Summary (the official text prevails):",
            "The state promotes cremation actively and step by step.",
            "Funeral homes cremate a body on a death certificate from a medical institution or the "
            "police; where a death was not natural, after the police have dealt with it.",
            "Funeral service providers charge the set fees and may not force services or charges on families.",
        ],
    ),
    "social-insurance-law": (
        "Social Insurance Law of the People's Republic of China",
        "Standing Committee of the National People's Congress",
        "Presidential Order No. 35",
        [
            "Summary (the official text prevails):",
            "When an insured person dies, the balance of the personal pension account can be inherited.",
            "When an insured person dies of illness or not at work, the survivors receive a funeral "
            "grant and a survivors' benefit.",
        ],
    ),
    "housing-fund-regulation": (
        "Regulation on the Housing Provident Fund",
        "State Council",
        "State Council Order No. 262 (revised 2019)",
        [
            "Summary (the official text prevails):",
            "When an employee dies or is declared dead, the heirs or legatees can withdraw the balance "
            "of the account; with neither, the balance goes to the fund's value-added income.",
        ],
    ),
    "civil-code-succession": (
        "Civil Code of the People's Republic of China (Book of Succession)",
        "National People's Congress",
        "Presidential Order No. 45",
        [
            "Summary (the official text prevails):",
            "The estate passes first to the spouse, children and parents; then to brothers and "
            "sisters and grandparents.",
            "When succession opens, the first-order heirs inherit and the second order does not.",
            "So a payment that needs the heirs' agreement waits for the other first-order heirs to "
            "authorise it online, or goes through a notary.",
        ],
    ),
    "huzhou-standard": (
        "Working standard: after a death, at most one trip",
        "Huzhou Administration for Market Regulation (local standard)",
        "",
        [
            "Summary:",
            "The family applies once; the departments work in parallel and finish within three working days.",
            "Apply on the web, in the app, by phone or through the village funeral assistant.",
            "Relatives authorise each other online; where they cannot, a notary paid by the government does it.",
        ],
    ),
    "deposit-withdrawal": (
        "Notice on simpler withdrawal of small deposits of deceased depositors",
        "National Financial Regulatory Administration, People's Bank of China",
        "",
        [
            "Summary (the official text prevails):",
            "Where a deceased depositor's deposits in one bank total ¥50,000 or less, heirs withdraw "
            "them with fewer documents and no notary.",
        ],
    ),
}
