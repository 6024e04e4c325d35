"""Small closed word lists the entity rules lean on: titles, organisation words, stop words."""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


TITLE_PHRASES = (
    "Vice President", "Prime Minister", "Deputy Prime Minister", "Secretary of State",
    "Attorney General", "Secretary-General", "Secretary General", "Chief Executive",
    "Chief Executive Officer", "Crown Prince", "Supreme Leader", "First Minister",
    "Foreign Minister", "Foreign Secretary", "Home Secretary", "Defence Secretary",
    "Defense Secretary", "Health Secretary", "Chief Justice", "House Speaker", "Lt. Gov.",
    "President-elect", "Vice-President", "Managing Director", "Director-General",
    "Director General", "Prince of Wales", "Princess of Wales",
    "Chief Minister", "Opposition Leader", "Rear Admiral", "Lt. Gen.", "Maj. Gen.",
    "Lieutenant General", "Major General", "Brig. Gen.",
)
"""Multi-word titles, matched before single title words (their last word may be one too)."""

TITLE_WORDS = _words("""
    President Minister Secretary Chancellor Governor Gov. Senator Sen. Sens. Rep. Reps.
    Representative Congressman Congresswoman Mayor Judge Ambassador Commissioner Premier
    Mr Mr. Mrs Mrs. Ms Ms. Miss Mx Dr Dr. Sir Dame Prof Prof. Professor Gen. Lt. Col. Capt.
    Sgt. Cpl. Adm. Cmdr. Maj. Rev. Reverend Sheikh Sheik Ayatollah Imam Rabbi Cardinal
    Archbishop Bishop Pope Emir Sultan Tsar Chairman Chairwoman CEO Spokesman Spokeswoman
    Spokesperson MP MEP MSP Envoy Pres. Det. Insp. Supt. Mme Mlle Messrs Pastor Baroness
    Baron Councillor Councilman Councilwoman Sheriff Superintendent Admiral Colonel Lieutenant
    Sergeant Commander Detective Inspector Constable President-elect Vice-President Treasurer
    Justice General Chief Leader Speaker Lord Lady King Queen Prince Princess Captain Coach
    Manager Director Chair Deputy Officer Father Brother Sister Duke Duchess Count Agent
    Uncle Aunt Auntie Grandma Grandpa MPs MEPs MSPs Senators Ministers Councillors Peers
""")
"""Words that, capitalised before a name, say the name is a person's (not part of it)."""

WEAK_TITLES = _words("""
    Justice General Chief Leader Speaker Lord Lady King Queen Prince Princess Captain Coach
    Manager Director Chair Deputy Officer Father Brother Sister Duke Duchess Count Agent
    Uncle Aunt Auntie Grandma Grandpa
""")
"""Title words that are also ordinary nouns: they only cue a name that looks like a name."""

ORG_ROLES = _words("CEO Chairman Chairwoman Spokesman Spokeswoman Spokesperson Chief Boss Founder")
"""A title after an unknown name makes that name an organisation: "Tesla CEO Elon Musk"."""

ORG_TAILS = _words("""
    Inc Inc. Corp Corp. Corporation Ltd Ltd. Limited Co Co. Company Companies Plc plc PLC LLC
    LLP AG SA SE NV GmbH Group Holdings Holding Ministry Department Dept. University College
    School Academy Institute Institution Foundation Fund Trust Party Agency Bank Bancorp
    Council Commission Committee Association Union Federation Confederation Organisation
    Organization Court Tribunal Times Post News Journal Herald Tribune Telegraph Gazette
    Chronicle Express Observer Guardian Independent Mirror Examiner Inquirer Courier Sentinel
    Dispatch Advertiser Magazine Press Radio Television Network Networks Channel Studios
    Pictures Records Entertainment Media Airlines Airways Motors Industries Technologies
    Technology Tech Systems Solutions Software Labs Laboratories Pharmaceuticals Pharma
    Therapeutics Energy Petroleum Telecom Communications Capital Partners Ventures Securities
    Investments Insurance Financial Brands Foods Stores Services Office Bureau Board Authority
    Police Army Navy Forces Guard Corps Command Parliament Assembly Congress Senate Cabinet
    Government Exchange Reserve Centre Center Centers Hospital Clinic Museum Gallery Library
    Society Alliance Coalition Movement Front Brigade Brigades League Club FC AFC United
    Rovers Wanderers Athletic Albion Hotspur Orchestra Church Ministries Unit Agencies
    Cooperative Collective Consortium Conglomerate Watch Initiative Secretariat Directorate
    Research Analytics Economics Consulting Consultants Associates Advisers Advisors
    Management Resources Mining Metals Chemicals Steel Logistics Shipping Automotive
    Electronics Semiconductor Semiconductors Robotics Aerospace Dynamics Instruments Devices
    Materials Platforms Healthcare Biosciences Realty Properties Hotels Resorts Brewery
    Breweries Beverages Payments Patrol Constabulary Affairs Forum Ltda SpA AB ASA Oyj KK Bhd
""")
"""Last words of organisation names: "State Department", "Goldman Sachs Group Inc"."""

COMPANY_TAILS = _words("""
    Inc Inc. Corp Corp. Corporation Ltd Ltd. Limited Co Co. Company Plc plc PLC LLC Group
    Holdings Airlines Airways Telecom Telecommunications Petroleum Motors Steel Energy Power
    Railways Railway Insurance Bancorp Pharmaceuticals Electronics Industries Mining
""")
"""A place and one of these is a company's whole name: "Singapore Airlines"."""

STATE_TAILS = _words("""
    Government Ministry Department Office Embassy Consulate Army Navy Police Forces Military
    Guard Command Cabinet Parliament Senate Congress Court Treasury Administration Mission
    Patrol
""")
"""An organisation of a place's state: the place stays apart ("US" + "State Department")."""

MEDIA_WORDS = _words("""
    Radio Sport Sports News Online World Service One Two Three Four Five Live Worldwide
    International Scotland Wales Ireland Northern America Asia Arabic Persian Parliament
    Music Television TV Studios Films Entertainment Interactive Digital Knowledge Four
""")
"""Words after a broadcaster that name one of its arms: "BBC Radio 4", "BBC Sport"."""

HONORIFICS = _words("Mr Mr. Mrs Mrs. Ms Ms. Miss Mx Dr Dr. Mme Mlle Messrs")
"""Titles a name always follows, even one that is a title word itself ("Mr King")."""

ORG_HEADS = _words("""
    Bank Ministry Department University College School Academy Institute Foundation Fund
    Council Commission Committee Association Union Federation Confederation Organisation
    Organization Court Office Bureau Board Authority Chamber Church House Society League
    Centre Center Centers Museum Party Agency Congress Parliament Order Army Navy
""")
"""Words that start an organisation name with "of"/"for": "Bank of England"."""

PLACE_TAILS = _words("""
    City County Province Island Islands Valley Bay Strait River Mountains Peninsula District
    Region Desert Coast Sea Ocean Lake Canal Square Street Avenue Road Heights Hills Pass
    Wells Springs Falls Beach Forest Gorge Glacier Harbour Harbor Oblast Prefecture Governorate
    Park
""")
"""Last words of place names: "Gaza City", "Orange County", "Sichuan Province"."""

FACILITY_TAILS = _words("""
    Bridge Stadium Airport Station Tower Towers Arena Building Castle Cathedral Abbey Theatre
    Theater Prison Mosque Temple Palace Hotel Mall Dam Tunnel Highway Motorway Terminal Pier
    Dome
""")
"""Last words of buildings and structures, which are not labelled: "Brent Spence Bridge"."""

FACILITY_NOUNS = _words("""
    station airport stadium arena bridge prison jail hospital hotel building tower court
    courthouse church mosque cathedral street road
""")
"""Lower-case nouns after an unknown name that make it a building, which is not labelled."""

FOREIGN_ARTICLES = _words("Le La Les L' El Los Las Il Der Die Das De Het Tour")
"""A name that starts with one of these is a title or a place, not a person: "Le Monde"."""

ORG_FIRSTS = _words("""
    Deutsche Banco Banca Banque Groupe Grupo Société Societe Compagnie Crédit Credit Caisse
    Air Fondation Fundación Instituto Institut Universidad Université Università
""")
"""First words of organisation names in other languages: "Deutsche Boerse", "Banco Santander"."""

NON_ENTITY_TAILS = _words("""
    Cup Open Games Olympics Championship Championships Trophy Prize Awards Award Festival
    Marathon Series Globe Globes Classic Summit Conference Expo Show Week Prix Olympiad Masters
    Slam Bowl Final Finals War Act Bill Treaty Agreement Accord Convention Plan Doctrine
    Index Report Album Tour Season
""")
"""Last words of events, laws and works, which are not labelled: "Davis Cup", "Terrorism Act"."""

WORK_WORDS = _words("A An And The Of In On At To For With From By Or Is Are Was Were It My Your")
"""Capitalised small words inside a name make it the title of a work: "Sex And The City"."""

PLACE_QUALIFIERS = _words("""
    North South East West Central Northern Southern Eastern Western Greater Upper Lower Inner
    Outer Downtown Metropolitan Rural Coastal North-East North-West South-East South-West
    Northeast Northwest Southeast Southwest
""")
"""First words that make the place after them a region of it: "Central London"."""

PLACE_HEADS = _words("Gulf Isle Bay Sea Strait Cape Lake Mount Republic Kingdom Province City")

PARTICLES = _words("""
    de del della degli dei di da das do dos du des la le van von der den ter ten bin bint ibn
    al el zu af av y
""")
"""Lower-case words inside names: "Ursula von der Leyen", "Rio de Janeiro"."""

CONNECTORS = _words("of for the and &") | PARTICLES
"""Lower-case words a capitalised run may cross; all but particles end a name."""

STOP = _words("""
    A An The And But Or Nor So Yet For If Then Than Though Although While Whilst When Whenever
    Where Wherever Why What Whatever Which Who Whom Whose How However Meanwhile Moreover
    Furthermore Nevertheless Nonetheless Still Also Even Just Only Already Again Instead
    Indeed Perhaps Maybe Thus Hence Therefore Otherwise Besides Likewise Similarly Finally
    First Second Third Firstly Secondly Lastly Next Last Later Earlier Now Today Tonight
    Yesterday Tomorrow Once Soon Sometimes Often Never Always Ever Here There This That These
    Those It Its It's He She They We You I I'm I've I'd I'll His Her Hers Their Theirs Our
    Ours My Mine Your Yours Him Them Us Me One Two Three Four Five Six Seven Eight Nine Ten
    Some Many Most Much More Less Least Few Several All Both Each Every Either Neither No Not
    None Nothing Nobody Everyone Everybody Everything Someone Somebody Something Anyone Anything
    Other Others Another Such Same In On At By To From With Without Within Into Onto Over Under
    Above Below Across Along Among Amid Amidst Around Against After Afterwards Before Behind
    Beyond Between During Despite Except Following Including Inside Outside Near Since Until
    Till Through Throughout Toward Towards Upon Via Per Like Unlike As Of Off Out Up Down
    According Asked Speaking Thanks Please Yes Yeah Oh Well Sure Okay OK Let Let's Do Does Did
    Don't Doesn't Didn't Is Are Was Were Be Been Being Am Has Have Had Having Can Could Will
    Would Shall Should May Might Must Isn't Aren't Wasn't Weren't Can't Couldn't Won't
    Wouldn't Shouldn't Hasn't Haven't Hadn't There's Here's That's What's Who's Where's
    We're We've We'll They're They've They'll You're You've He's She's
    Overall Altogether Initially Ultimately Currently Recently Eventually Officially
    Fortunately Unfortunately Clearly Obviously Certainly Apparently Importantly Interestingly
    Separately Elsewhere Additionally Consequently Accordingly Specifically Notably Sadly
    Hopefully Already Whether Because Unless Whereas Every Any Very Too Rather Quite Almost
    Nearly About Around Please Chapter Section Page Figure Table Photo Picture Image Video
    Watch Read Listen Click Subscribe Advertisement Sponsored Related Updated Published
    Former Ex Then Late Acting Interim
""")
"""Capitalised words that are never entities by themselves (sentence openers, pronouns...)."""

NON_ORG_ACRONYMS = _words("""
    CEO CFO COO CTO CIO CMO GDP GNP GNI TV AI IT PC OK PM AM BC AD DNA RNA HIV AIDS COVID ID
    IQ PR PHD MBA MP MPS MEP MEPS MSP SUV VAT API CD DVD USB LED LCD GPS SMS UFO VIP VR AR HQ
    FAQ ETA NB PS RIP IPO ICU ER TB GP GPS ESG EV EVS LNG LPG CPI PPI QE FX UV IVF ADHD PTSD
    OCD IED ISP RSS HTML PDF DIY BBQ MVP NFT SME OBE MBE CBE KBE QC KC DJ MC GMT BST EST PST
    UTC CET EDT PDT CST HD UHD HDTV HDMI OLED CGI VFX RPG FPS MMO SSD HDD ROM LAN WAN WWW HTTP
    SEO CMS IPTV VOIP DRM PDA ADSL DSL GSM CDMA WAP MMS RFID NFC ML SDK UI UX RPI PMI EPS ROI
    ISA ISAS NI PAYE APR MRSA BSE CJD MS ME ASBO USD EUR GBP JPY CNY CHF CAD AUD INR RUB BRL HKD
    KRW MXN ZAR
    COVID-19 SARS MERS CO OTC ATM ATMS CCTV LGBT LGBTQ NGO NGOS PPE PCR RAM CPU GPU SIM WIFI
    FM AM TBC TBA ASAP AKA FYI RSVP PTO HR IOU IRL LOL OMG PIN VPN URL OS IOS MRI ICBM WMD
    CBD THC DUI DWI GCSE GCSES ACT SAT IB EU II III IV VI VII VIII IX XI XII AGM EGM PLC
""")
"""All-caps words that are not organisations (checked upper-cased)."""

PLACE_PREPOSITIONS = _words("near outside across throughout around")
"""Lower-case words that, right before an unknown name, say it is a place ("in" only before
names of two words or more: "in Linux" is not one)."""

PERSON_CUES = _words("""
    spokesman spokeswoman spokesperson executive chairman chairwoman founder co-founder boss
    coach manager striker midfielder defender goalkeeper winger forward captain actor actress
    singer rapper songwriter author novelist writer journalist reporter economist analyst
    professor lawyer attorney judge mayor governor senator congressman congresswoman premier
    ambassador envoy colleague teammate wife husband son daughter brother sister father
    mother widow star player champion commissioner candidate challenger rival opponent
    director president minister secretary chancellor leader chief presenter host comedian
    designer artist musician rapper drummer guitarist batsman bowler jockey trainer skipper
    cyclist golfer boxer sprinter runner swimmer scientist researcher doctor surgeon nurse
    officer investor billionaire entrepreneur businessman businesswoman campaigner activist
    prosecutor detective official adviser advisor aide deputy lawmaker legislator mp
    shadow incumbent presenter manager-elect nominee pundit
""")
"""Lower-case role words right before a name: "spokesman John Kirby"."""

ORG_NOUNS = _words("""
    company companies firm group bank lender insurer carrier airline retailer supermarket
    chain brand maker carmaker automaker chipmaker drugmaker manufacturer producer
    conglomerate giant start-up startup operator party alliance coalition union charity
    foundation agency regulator watchdog broadcaster newspaper network publisher studio
    label club outfit pollster exchange think-tank institute organisation organization
    association federation channel developer subsidiary unit consultancy
    utility miner distributor supplier franchise
""")
"""Lower-case nouns that, next to an unknown name, make it an organisation."""
