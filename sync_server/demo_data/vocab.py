"""The words and weights demo data is drawn from: plausible, plainly fictional, never real people.

Weights are rough shapes of Scotland's labour market (population by council area, the sectors
redundancies come from, ages of those made redundant), enough for dashboards to look believable.
Phone numbers use Ofcom's range reserved for drama (07700 900000-900999), e-mail addresses
``example.com``.
"""

from __future__ import annotations

#: Council area: (population in thousands, postcode area, outward districts, main town).
COUNCILS: dict[str, tuple[int, str, tuple[int, int], str]] = {
    "Aberdeen City": (227, "AB", (10, 25), "Aberdeen"),
    "Aberdeenshire": (262, "AB", (30, 56), "Inverurie"),
    "Angus": (116, "DD", (7, 11), "Arbroath"),
    "Argyll and Bute": (87, "PA", (20, 38), "Oban"),
    "City of Edinburgh": (530, "EH", (1, 17), "Edinburgh"),
    "Clackmannanshire": (52, "FK", (10, 14), "Alloa"),
    "Dumfries and Galloway": (148, "DG", (1, 16), "Dumfries"),
    "Dundee City": (148, "DD", (1, 5), "Dundee"),
    "East Ayrshire": (120, "KA", (1, 18), "Kilmarnock"),
    "East Dunbartonshire": (109, "G", (61, 66), "Kirkintilloch"),
    "East Lothian": (110, "EH", (31, 42), "Haddington"),
    "East Renfrewshire": (96, "G", (76, 78), "Barrhead"),
    "Falkirk": (160, "FK", (1, 6), "Grangemouth"),
    "Fife": (375, "KY", (1, 16), "Dunfermline"),
    "Glasgow City": (635, "G", (1, 53), "Glasgow"),
    "Highland": (238, "IV", (1, 28), "Inverness"),
    "Inverclyde": (78, "PA", (15, 19), "Greenock"),
    "Midlothian": (95, "EH", (18, 26), "Dalkeith"),
    "Moray": (94, "IV", (30, 36), "Elgin"),
    "Na h-Eileanan Siar": (26, "HS", (1, 9), "Stornoway"),
    "North Ayrshire": (134, "KA", (20, 30), "Irvine"),
    "North Lanarkshire": (341, "ML", (1, 6), "Motherwell"),
    "Orkney Islands": (22, "KW", (15, 17), "Kirkwall"),
    "Perth and Kinross": (153, "PH", (1, 16), "Perth"),
    "Renfrewshire": (180, "PA", (1, 6), "Paisley"),
    "Scottish Borders": (116, "TD", (1, 15), "Galashiels"),
    "Shetland Islands": (23, "ZE", (1, 3), "Lerwick"),
    "South Ayrshire": (112, "KA", (6, 26), "Ayr"),
    "South Lanarkshire": (322, "ML", (3, 12), "Hamilton"),
    "Stirling": (93, "FK", (7, 9), "Stirling"),
    "West Dunbartonshire": (88, "G", (81, 83), "Clydebank"),
    "West Lothian": (185, "EH", (47, 55), "Livingston"),
}

#: Council partners in the reference data, who register people at events in their area.
LOCAL_PARTNERS = {
    "Fife": ("FIFE_COUNCIL", "FIFE_COLLEGE"),
    "Glasgow City": ("GLASGOW_CITY_COUNCIL",),
}

#: SIC 2007 section: (relative share of redundancy events, employer name words, site kinds).
SECTORS: dict[str, tuple[int, tuple[str, ...], tuple[str, ...]]] = {
    "A": (2, ("Farms", "Salmon", "Forestry"), ("farm", "hatchery")),
    "B": (4, ("Offshore Services", "Drilling", "Subsea"), ("base", "yard")),
    "C": (22, ("Precision Engineering", "Components", "Foods", "Textiles", "Distillers"),
          ("plant", "factory", "works")),
    "D": (1, ("Energy", "Power"), ("station", "depot")),
    "E": (1, ("Recycling", "Water Services"), ("depot", "works")),
    "F": (8, ("Construction", "Builders", "Civil Engineering"), ("yard", "depot")),
    "G": (18, ("Stores", "Retail", "Wholesale", "Outfitters"), ("store", "warehouse")),
    "H": (6, ("Logistics", "Haulage", "Ferries"), ("depot", "terminal")),
    "I": (8, ("Hotels", "Hospitality", "Restaurants"), ("hotel", "restaurant")),
    "J": (5, ("Digital", "Telecom", "Software"), ("office", "contact centre")),
    "K": (5, ("Bank", "Insurance", "Financial Services"), ("office", "service centre")),
    "L": (1, ("Property", "Estates"), ("office",)),
    "M": (5, ("Consulting", "Design", "Surveyors"), ("office",)),
    "N": (6, ("Facilities", "Contact Centres", "Recruitment"), ("contact centre", "office")),
    "O": (4, ("Agency", "Services"), ("office",)),
    "P": (3, ("College Services", "Training"), ("campus",)),
    "Q": (4, ("Care", "Health Services"), ("care home", "clinic")),
    "R": (2, ("Leisure", "Arts Centre"), ("centre",)),
    "S": (2, ("Services", "Repairs"), ("workshop",)),
    "T": (0, ("Household Services",), ("office",)),
    "U": (0, ("International Office",), ("office",)),
}  # fmt: skip

PLACES = (
    "Clyde", "Forth", "Tay", "Caledonian", "Lomond", "Grampian", "Border", "Ochil", "Pentland",
    "Lammermuir", "Cairngorm", "Solway", "Moray Firth", "Campsie", "Kelvin", "Esk", "Nevis",
    "Harris", "Orcadian", "Highland", "Lowland", "Saltire", "Thistle", "Atlantic", "North Sea",
)  # fmt: skip
SUFFIXES = ("Ltd", "Ltd", "Ltd", "plc", "Group", "& Co", "Holdings")

FEMALE_NAMES = (
    "Isla", "Olivia", "Emily", "Sophie", "Amelia", "Ava", "Ella", "Grace", "Freya", "Lucy",
    "Fiona", "Morag", "Catriona", "Karen", "Susan", "Lorraine", "Elaine", "Gillian", "Ann",
    "Margaret", "Linda", "Claire", "Laura", "Nicola", "Kirsty", "Shona", "Eilidh", "Aisha",
    "Priya", "Agnieszka", "Joanna", "Zainab", "Mairi", "Heather", "Rhona", "Jennifer",
)  # fmt: skip
MALE_NAMES = (
    "Jack", "James", "Lewis", "Harris", "Oliver", "Noah", "Leo", "Finlay", "Callum", "Ross",
    "Craig", "Stuart", "Scott", "Graeme", "Iain", "Alasdair", "Hamish", "Duncan", "John",
    "David", "Robert", "William", "Andrew", "Thomas", "Mark", "Gary", "Paul", "Kevin", "Euan",
    "Mohammed", "Imran", "Tomasz", "Piotr", "Ewan", "Angus", "Fraser",
)  # fmt: skip
SURNAMES = (
    "Smith", "Brown", "Wilson", "Campbell", "Stewart", "Thomson", "Robertson", "Anderson",
    "MacDonald", "Scott", "Reid", "Murray", "Taylor", "Clark", "Ross", "Watson", "Morrison",
    "Paterson", "Young", "Mitchell", "Walker", "Fraser", "Miller", "McDonald", "Gray",
    "Henderson", "Hamilton", "Johnston", "Duncan", "Graham", "Ferguson", "Kerr", "Davidson",
    "Bell", "Cameron", "Kelly", "Martin", "Hunter", "Allan", "Mackenzie", "Grant", "Simpson",
    "MacLeod", "Black", "Russell", "Marshall", "Wallace", "Gibson", "Sutherland", "Gordon",
    "Kennedy", "Burns", "Munro", "Ali", "Khan", "Nowak", "Kowalski", "Singh", "Ahmed",
    "Ó Briain", "McLaughlin", "Docherty", "Boyle", "O'Neill",
)  # fmt: skip
#: Spellings a second registration of the same person may use (linkage has work to do).
VARIANTS = {
    "Iain": "Ian", "Catriona": "Katrina", "Stuart": "Stewart", "Alasdair": "Alistair",
    "Mohammed": "Muhammad", "Ann": "Anne", "Mairi": "Mary", "Euan": "Ewan", "Graeme": "Graham",
    "MacDonald": "McDonald", "MacLeod": "McLeod", "Mackenzie": "McKenzie", "Thomson": "Thompson",
}  # fmt: skip

#: Valid National Insurance prefixes (HMRC rules; see decisions.md #5).
NI_PREFIXES = ("JG", "JH", "JK", "NH", "NP", "NR", "NW", "PA", "PB", "SH", "SM", "SN", "WA", "WP")

#: Age at announcement: (lowest, highest, share).
AGE_BANDS = ((18, 24, 8), (25, 34, 20), (35, 49, 34), (50, 64, 35), (65, 70, 3))

#: Occupation (SOC 2020 major group) by sector; sectors not listed use the default.
OCCUPATION_WEIGHTS: dict[str, tuple[int, ...]] = {
    "default": (8, 12, 12, 14, 10, 6, 12, 12, 14),
    "C": (5, 6, 8, 6, 22, 1, 2, 35, 15),
    "G": (8, 3, 5, 8, 3, 2, 50, 6, 15),
    "K": (10, 22, 25, 30, 1, 1, 10, 0, 1),
    "B": (8, 20, 15, 5, 25, 0, 1, 22, 4),
    "I": (8, 1, 3, 4, 12, 10, 10, 2, 50),
    "Q": (5, 15, 10, 8, 2, 50, 2, 2, 6),
}
OCCUPATIONS = {
    "1": ("Production manager", "Store manager", "Operations manager"),
    "2": ("Software developer", "Engineer", "Accountant"),
    "3": ("Technician", "IT support analyst", "Sales representative"),
    "4": ("Administrator", "Payroll clerk", "Office manager"),
    "5": ("Welder", "Electrician", "Machinist", "Chef"),
    "6": ("Care worker", "Hairdresser", "Leisure assistant"),
    "7": ("Sales assistant", "Customer adviser", "Call centre agent"),
    "8": ("Machine operative", "HGV driver", "Assembler", "Forklift driver"),
    "9": ("Warehouse operative", "Cleaner", "Kitchen assistant", "Labourer"),
}

#: Engagement kinds each kind of partner mostly gives.
PARTNER_KINDS = {
    "SDS": ("initial_session", "one_to_one", "cv_support", "job_search", "training_funding",
            "wellbeing", "cv_support", "one_to_one"),
    "DWP": ("initial_session", "benefits_advice", "job_search", "one_to_one", "benefits_advice"),
    "CAS": ("money_advice", "benefits_advice", "money_advice"),
    "MONEY_HELPER": ("money_advice",),
    "FIFE_COUNCIL": ("one_to_one", "job_search", "money_advice", "wellbeing"),
    "GLASGOW_CITY_COUNCIL": ("one_to_one", "job_search", "money_advice", "wellbeing"),
    "FIFE_COLLEGE": ("training_funding", "one_to_one"),
    "COLLEGES_SCOTLAND": ("training_funding",),
}  # fmt: skip
ENGAGEMENT_NOTES = (
    "Discussed options and next steps.",
    "CV reviewed; to send an updated copy.",
    "Applied for two vacancies.",
    "Explained entitlement and how to claim.",
    "Agreed an individual training account application.",
    "Budgeting support; follow up in a month.",
    "Interview preparation.",
    "Signposted to local employability service.",
)
#: Partners a referral may go to, with the reason they are usually asked for.
REFERRAL_REASONS = {
    "SDS": "Careers guidance and PACE support",
    "DWP": "Benefits claim and job search support",
    "CAS": "Debt and money advice",
    "MONEY_HELPER": "Pensions and money guidance",
    "FIFE_COLLEGE": "Retraining course",
    "COLLEGES_SCOTLAND": "College course information",
    "FIFE_COUNCIL": "Local employability programme",
    "GLASGOW_CITY_COUNCIL": "Local employability programme",
    "HMRC": "Tax refund query",
}
DECLINE_REASONS = (
    "Found work before the appointment.",
    "No longer wanted the support.",
    "Did not meet the course entry requirements.",
    "Could not be contacted.",
)
SUPPORT_NOTES = (
    "Agreed dates for on-site sessions.",
    "Staff briefed on the PACE offer.",
    "Employer to circulate the information pack.",
    "Local employers invited.",
)

#: Outcome shares at 3, 6 and 12 months, in OUTCOME_STATUSES order
#: (employed, self_employed, training, education, unemployed, unknown).
OUTCOME_WEIGHTS = {
    3: (52, 6, 10, 4, 20, 8),
    6: (62, 7, 7, 4, 13, 7),
    12: (70, 8, 4, 4, 8, 6),
}
