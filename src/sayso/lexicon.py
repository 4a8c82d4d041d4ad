"""sayso's vocabulary: every word list the rules use, in one place. Plain data, lower-case keys.

Sections: sources (countries and their metonyms, government bodies, anonymous-source nouns,
documents, media, organisations, titles, pronouns, names), quotation marks and dashes, cues of
nested and cited attributions, groups and parties, and the stance triggers (cue verbs, content
words and phrases). The rules that read them live in ``sayso.nlp`` and ``sayso.resolve``.
"""
from __future__ import annotations

import re

# canonical country name -> aliases: names, demonyms (singular and plural), capitals, seats of power.
_COUNTRIES: dict[str, tuple[str, ...]] = {
    "United States": ("u.s.", "us", "u.s.a.", "usa", "united states", "the united states", "america",
                      "american", "americans", "washington"),
    "Russia": ("russia", "russian", "russians", "moscow", "kremlin", "the kremlin", "russian federation"),
    "China": ("china", "chinese", "beijing"),
    "Iran": ("iran", "iranian", "iranians", "tehran"),
    "Israel": ("israel", "israeli", "israelis", "jerusalem"),
    "Ukraine": ("ukraine", "ukrainian", "ukrainians", "kyiv", "kiev"),
    "United Kingdom": ("uk", "u.k.", "britain", "great britain", "united kingdom", "british", "london",
                       "downing street"),
    "France": ("france", "french", "paris", "elysee", "élysée"),
    "Germany": ("germany", "german", "germans", "berlin"),
    "Japan": ("japan", "japanese", "tokyo"),
    "North Korea": ("north korea", "north korean", "north koreans", "pyongyang"),
    "South Korea": ("south korea", "south korean", "south koreans", "seoul"),
    "India": ("india", "indian", "indians", "new delhi"),
    "Pakistan": ("pakistan", "pakistani", "pakistanis", "islamabad"),
    "Syria": ("syria", "syrian", "syrians", "damascus"),
    "Iraq": ("iraq", "iraqi", "iraqis", "baghdad"),
    "Afghanistan": ("afghanistan", "afghan", "afghans", "kabul"),
    "Saudi Arabia": ("saudi arabia", "saudi", "saudis", "riyadh"),
    "Turkey": ("turkey", "turkish", "ankara"),
    "Egypt": ("egypt", "egyptian", "egyptians", "cairo"),
    "Mexico": ("mexico", "mexican", "mexicans", "mexico city"),
    "Canada": ("canada", "canadian", "canadians", "ottawa"),
    "Cuba": ("cuba", "cuban", "cubans", "havana"),
    "Venezuela": ("venezuela", "venezuelan", "caracas"),
    "Qatar": ("qatar", "qatari", "doha"),
    "Kuwait": ("kuwait", "kuwaiti"),
    "Palestine": ("palestinian", "palestinians"),
    "Lebanon": ("lebanon", "lebanese", "beirut"),
    "Italy": ("italy", "italian", "rome"),
    "Spain": ("spain", "spanish", "madrid"),
    "Poland": ("poland", "polish", "warsaw"),
    "Romania": ("romania", "romanian", "romanians", "bucharest"),
    "Greece": ("greece", "greek", "athens"),
    "Taiwan": ("taiwan", "taiwanese", "taipei"),
    "Vietnam": ("vietnam", "vietnamese", "hanoi"),
    "Libya": ("libya", "libyan", "tripoli"),
    "Yemen": ("yemen", "yemeni", "sanaa"),
    "Jordan": ("jordanian", "amman"),
    "Belarus": ("belarus", "belarusian", "minsk"),
    "Brazil": ("brazil", "brazilian", "brasilia"),
    "Australia": ("australia", "australian", "canberra"),
    "European Union": ("european union", "eu", "e.u.", "brussels"),
    "NATO": ("nato",),
}
#: lower-case alias -> canonical country
COUNTRY = {alias: name for name, aliases in _COUNTRIES.items() for alias in aliases}

#: words that name a government body (head nouns or whole names, lower case)
GOVERNMENT_WORDS = frozenset("""
government administration ministry department pentagon congress senate parliament cabinet kremlin
police authorities authority regime state agency fbi cia nsa military army navy court judge
prosecutors prosecutor embassy council commission legislature governorship presidency
white_house state_department justice_department house
""".split())

#: nouns for unnamed people (anonymous sources)
ANONYMOUS_NOUNS = frozenset("""
official officials source sources aide aides person people insider insiders spokesman spokeswoman
spokesperson spokespeople adviser advisers advisor advisors diplomat diplomats analyst analysts
expert experts observer observers witness witnesses resident residents critic critics supporter
supporters staffer staffers member members lawmaker lawmakers legislator legislators operative
operatives strategist strategists employee employees worker workers voter voters officer officers
investigator investigators agent agents aide assistant associate associates friend friends
colleague colleagues delegate delegates someone somebody individual individuals economist economists scientist
scientists researcher researchers activist activists protester protesters protestor protestors
leader leaders executive executives lawyer lawyers
attorney attorneys doctor doctors veteran veterans
""".split())

#: nouns for documents, reports, polls and statements
DOCUMENT_NOUNS = frozenset("""
report reports reporting study studies poll polls survey surveys statement statements document
documents memo memos letter letters filing filings lawsuit complaint indictment data figures
analysis release records record transcript transcripts book email emails tweet tweets post posts
video footage assessment estimate estimates forecast investigation review audit research paper
papers ruling order bill proposal plan website site release documents cable cables ad ads
advertisement commercial program programme rule rules law tally average averages count results
""".split())

#: nouns (lower case) for media outlets when used alone ("the newspaper said")
MEDIA_NOUNS = frozenset("media newspaper paper outlet network magazine broadcaster tabloid daily channel "
                        "station agency wire publication".split())

#: words that, inside an organisation name, mark a news outlet
MEDIA_NAME_WORDS = frozenset("""
post times news journal tribune herald gazette reuters associated press ap cnn cnbc nbc abc cbs fox
bbc npr politico axios bloomberg guardian telegraph breitbart huffpost huffington magazine tv radio
daily digi24 wp nyt msnbc pbs economist atlantic newsweek hill mail independent observer chronicle
examiner inquirer standard star sun mirror express spiegel ria tass interfax xinhua al jazeera
vox slate salon buzzfeed intercept wsj globe record dispatch register courier
""".split())

#: words of organisation names that are not news outlets even if a media word occurs
NOT_MEDIA_WORDS = frozenset("party campaign committee department ministry office union council".split())

#: organisation nouns (lower case)
ORG_NOUNS = frozenset("""
company firm campaign party group democrats republicans gop organisation organization committee union association foundation
institute university bank corporation club team league coalition charity board movement
""".split())

#: common nouns by which news refers back to a body named before ("the utility said" -> PG&E,
#: "the news agency said" -> Xinhua); with ORG_NOUNS, what :func:`~sayso.resolve.nominal.earlier_org` resolves
BODY_NOUNS = frozenset("""
utility brokerage retailer automaker carmaker airline insurer lender startup label maker manufacturer
provider operator giant conglomerate agency commission ministry department regulator developer publisher
network broadcaster newspaper outlet
""".split())

#: titles that may precede a name and are not part of it
TITLES = frozenset("""
mr mr. mrs mrs. ms ms. dr dr. sen sen. rep rep. gov gov. president vice senator representative
governor secretary minister prime chancellor gen gen. general col col. lt lt. sgt sgt. judge justice
mayor prof prof. professor rev rev. sir lady lord king queen prince princess pope chairman chairwoman
chair speaker leader ambassador envoy adviser advisor attorney former candidate nominee congressman
congresswoman commissioner director chief ceo founder sheriff councilman councilwoman deputy
""".split())

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "i", "me"})
GROUP_PRONOUNS = frozenset({"they", "them", "we", "us", "it"})
FIRST_PERSON = frozenset({"i", "we", "me", "us"})

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "dozen": 12, "a": 1, "an": 1, "another": 1,
    "both": 2, "twenty": 20, "fifteen": 15, "thirteen": 13, "fourteen": 14,
}

#: abbreviated titles -> the role word they stand for
TITLE_WORDS = {"sen": "senator", "rep": "representative", "gov": "governor", "pres": "president",
               "gen": "general", "sec": "secretary", "lt": "lieutenant", "col": "colonel",
               "sgt": "sergeant", "atty": "attorney", "amb": "ambassador", "supt": "superintendent",
               "congressman": "representative", "congresswoman": "representative"}

FEMALE_TITLES = frozenset("mrs mrs. ms ms. miss madam lady queen princess congresswoman chairwoman "
                          "spokeswoman businesswoman councilwoman first_lady sister mother".split())
MALE_TITLES = frozenset("mr mr. sir lord king prince congressman chairman spokesman businessman "
                        "councilman father brother".split())
#: common first names in English-language news, for pronoun agreement
FEMALE_NAMES = frozenset("""
mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa betty margaret
sandra ashley kimberly emily donna michelle dorothy carol amanda melissa deborah stephanie rebecca
sharon laura cynthia kathleen amy shirley angela helen anna brenda pamela nicole emma samantha
katherine christine debra rachel catherine carolyn janet ruth maria heather diane virginia julie
joyce victoria olivia kelly christina lauren joan evelyn judith megan cheryl andrea hannah martha
jacqueline frances gloria ann teresa kathryn sara janice jean alice madison doris abigail julia
judy grace denise amber marilyn beverly danielle theresa sophia marie diana brittany natalie
isabella charlotte rose alexis kayla hillary chelsea malia sasha condoleezza condi nikki kamala
sonia elena ruth michele jan jill tipper laura nancy dianne kirsten elizabeth debbie betsy kellyanne
sheila maxine barbara lisa susan tammy patty claire heidi amy kay jeanne maggie tulsi marsha
ileana cathy kristi sarah huma hope omarosa ivanka melania tiffany jackie jacqueline meghan
meredith katie megyn gwen savannah norah hoda mika greta candy soledad erin michele nikki jeanne
lis
""".split())
MALE_NAMES = frozenset("""
james john robert michael william david richard joseph thomas charles christopher daniel matthew
anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward
jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin
samuel gregory alexander frank patrick raymond jack dennis jerry tyler aaron jose adam nathan henry
douglas zachary peter kyle walter ethan jeremy harold keith christian roger noah gerald carl terry
sean austin arthur lawrence jesse dylan bryan joe jordan billy bruce albert willie gabriel logan
alan juan wayne roy ralph randy eugene vincent russell elijah louis bobby philip johnny barack
mitt newt rick ted marco jeb chris bernie mike rand harry mitch nancy_no joe hunter bill al dick
rudy vladimir xi kim benjamin bibi recep emmanuel boris justin narendra sergei dmitry steve jared
pete reince sean jim tim tom ben ron dan don lindsey orrin chuck eric elijah jerrold todd jerry
""".split()) - {"nancy_no"}


# --- page furniture ---------------------------------------------------------------------------

#: labels (lower case) that open a line of page furniture, not a speaker's turn (``READ MORE: …``):
#: the whole line is neither speaker, cue nor content
FURNITURE_LABELS = frozenset("""
read more|read also|also read|more|see also|related|related stories|related story|related articles|
related coverage|related content|recommended|watch|watch now|watch live|listen|photos|gallery|video|
trending|advertisement|sponsored|disclaimer|copyright|share|follow|subscribe|sign up|newsletter|
click here|more from|top stories|don't miss|don’t miss|most read|popular|must read
""".replace("\n", "").split("|"))
#: labels (lower case) of a line that is news but whose label is no speaker (``UPDATE: The senator said …``)
NOT_SPEAKER_LABELS = frozenset("""
update|updated|correction|clarification|editor's note|editors' note|editor’s note|note|breaking|
breaking news|latest|live|source|sources|contact|analysis|opinion|exclusive|watch|photo|file photo
""".replace("\n", "").split("|"))
#: openings (lower case) of a line that prompts the reader rather than reports (newsletter prompts)
FURNITURE_PROMPTS = ("sign up", "subscribe", "click here", "follow us", "get the latest", "get our",
                     "download the", "download our", "join our", "register for", "share this",
                     "want more", "for more", "to receive", "don't miss", "don’t miss", "read more",
                     "advertisement", "this article is for information", "all rights reserved")

# --- speaker names that are no names ------------------------------------------------------------

#: words of a date or time: a source made only of them is a misparse ("was accused Wednesday of")
DATE_WORDS = frozenset("""
monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
january february march april may june july august september october november december jan feb mar apr
jun jul aug sep sept oct nov dec today yesterday tomorrow tonight morning afternoon evening night
last this next early late week weekend month year day on
""".split())
#: the longest speaker name kept whole; a longer source phrase is named by its head phrase
MAX_NAME_CHARS = 80
#: surname prefixes that make a camel-case name a person's ("McCain", "DeSantis", "LaHood")
SURNAME_PREFIXES = ("Mc", "Mac", "De", "Di", "Da", "La", "Le", "Van", "Von", "O")
#: last words of company names ("Acme Corp", "Tesla Motors")
COMPANY_SUFFIXES = frozenset("""
inc inc. corp corp. co co. ltd ltd. llc plc ag sa nv gmbh group holdings airlines airways motors
technologies capital partners ventures labs systems pharmaceuticals pharma energy bank bancorp
""".split())

# --- quotation marks and dashes -------------------------------------------------------------

#: every quotation mark, straight or curly, single or double (a token starting with one is quoted)
QUOTE_CHARS = set("\"“”„‟«»'`‘’")
#: marks a quotation token may open with (closing curly double included: writers get them wrong)
QUOTE_OPENERS = set("\"“”'‘`«")
#: the double quotation marks that delimit quotations in running text
DOUBLE_QUOTES = "\"“”„‟«»"
#: marks that can only open a quotation
OPENING_QUOTES = "“„«`"
#: two single marks written for one double mark (wire copy and TeX-style text): read as one mark
DOUBLED_QUOTES = ("''", "``", "’’", "‘‘")
#: quotation-mark tokens around a nickname (``Robert "Bob" Smith``)
QUOTE_TOKENS = {'"', "“", "”", "'", "‘", "’"}
#: dashes, longest first where one is the start of another (a tuple: ``str.endswith`` takes it)
DASHES = ("―", "—", "–", "--")


# --- prepositions that introduce what was said ("spoke about X", "a statement on X") -------------

NOUN_PREPS = ("about", "on", "of", "over", "for", "that", "to", "against", "regarding")
VERB_PREPS = ("about", "on", "of", "over", "for", "to", "toward", "towards", "against", "with", "at", "into")


# --- nested and cited attributions ----------------------------------------------------------

#: Reporting verbs trusted when they head the content of another attribution.
NESTED_INNER_LEMMAS = frozenset({"deny"})  # "admit", "insist", "claim", "warn", ... cost 0.0003 on dev
#: prepositions whose noun object is not its clause subject's utterance, nor the clause its content
#: ("Despite the claims, officials played down …"; "discussed topics, including media reports that …")
NOT_OWNER_PREPS = frozenset("despite amid notwithstanding including regarding concerning against".split())
#: cues that name a topic, not a proposition: their bare noun-phrase object is no content
#: ("Witkoff and Kushner discussed several topics", "Speaking on the possibility of …")
TOPIC_LEMMAS = frozenset("discuss speak talk address broach".split())
#: verbs that name or describe something in the speaker's words: ``called him a "jackass"``,
#: ``referred to a reporter as a "jackass"``, ``described it as "a disgrace"``, ``dubbed``, ``labelled``
NAMING_LEMMAS = frozenset("call refer describe dub label brand term characterize characterise nickname".split())
#: verbs whose expletive ``it`` subject is no source (``it is obvious that …``, ``it appeared that …``)
SEEM_LEMMAS = frozenset("be seem appear look sound become".split())
#: verbs of an attribution that relays another ("X, citing Y, said Z")
CITING_LEMMAS = frozenset({"cite", "quote"})


# --- honorifics, groups and parties ---------------------------------------------------------

HONORIFICS = {"mr", "mrs", "ms", "miss", "mx", "sir", "madam"}

#: party words (as written) -> the adjective used in a group name
PARTIES = {"republican": "Republican", "gop": "Republican", "democrat": "Democratic",
           "democratic": "Democratic", "independent": "independent"}

#: titles and role words of members of a legislature
LEGISLATOR_WORDS = frozenset("""
rep rep. sen sen. representative representatives senator senators congressman congresswoman
congressmen congresswomen lawmaker lawmakers legislator legislators assemblyman assemblywoman
""".split()) | {"speaker"}

CANDIDATE_WORDS = frozenset("nominee candidate hopeful challenger".split())

#: titles of public offices that serve a place (a state, county or city)
OFFICE_WORDS = frozenset("""
attorney governor gov lieutenant mayor sheriff commissioner treasurer comptroller auditor prosecutor
superintendent secretary official officials police chief
""".split())

SPOKES_WORDS = frozenset("spokesman spokeswoman spokesperson spokespeople spokesmen spokeswomen".split())


# --- collectives and other nouns of sources -------------------------------------------------

#: nouns of campaign material
AD_NOUNS = frozenset("ad ads advertisement advertisements commercial commercials mailer spot".split())

#: role nouns that, with "the", point back to a named person ("the envoy", "the senator")
ROLE_NOUNS = frozenset("""
envoy senator president governor secretary minister chancellor congressman congresswoman mayor
candidate nominee ambassador chairman chairwoman speaker sheriff judge prosecutor commissioner
director ceo founder premier king queen pope general lawyer attorney adviser advisor chief
businessman businesswoman billionaire lawmaker representative actor actress singer star coach
""".split())

#: multi-word names of government bodies
GOVERNMENT_PHRASES = ("white house", "state department", "justice department", "defense department",
                      "foreign ministry", "oval office", "downing street", "élysée palace", "elysee palace")

#: counts that say "more than one" without a number ("several officials")
VAGUE_COUNTS = {"several", "some", "many", "few", "multiple", "numerous", "various"}

#: heads whose owner is the speaker ("Trump's statement", "his refusal")
UTTERANCES = DOCUMENT_NOUNS | {"remark", "comment", "word", "refusal", "denial", "claim", "response",
                               "answer", "reply", "message", "speech", "testimony", "interview"}

#: head nouns that describe a person ("the communications pro", "the veteran")
PERSON_HEADS = frozenset("""
pro veteran native man woman mother father wife husband son daughter widow student teacher
pastor priest preacher entrepreneur mogul tycoon star host anchor writer author blogger
""".split())

#: institutions that are not a body of people speaking ("the court", "the city")
NOT_BODIES = frozenset("court congress senate house parliament legislature government police military "
                       "army navy city county".split())


# --- stance triggers: lemmas of cue words, then words and phrases of the content ------------

REFUSE_CUES = {"refuse", "refusal"}
DECLINE_CUES = {"decline"}
#: what a source declines to do when it declines ("declined to comment", "did not respond")
SILENT_CUES = {"comment", "say", "respond", "answer", "discuss", "confirm", "elaborate", "reply",
               "return", "specify", "disclose", "address", "identify", "release", "reveal", "name",
               "provide", "share", "speak", "explain", "detail"}
QUESTION_CUES = {"ask", "question", "wonder", "query", "inquire", "doubt", "challenge"}
DENY_CUES = {"deny", "dispute", "reject", "refute", "rebut", "contradict", "disavow", "debunk"}
#: cues that, over a negated claim, make a denial ("insisted it was not")
REASSURE_CUES = {"assure", "insist", "maintain", "stress", "reiterate", "swear", "promise", "vow",
                 "guarantee", "reassure", "emphasize", "emphasise"}
DISMISS_CUES = {"dismiss", "downplay", "minimize", "minimise", "belittle", "shrug", "brush", "scoff",
                "ridicule", "deride", "mock", "discount", "wave", "laugh", "ignore", "disregard"}
HEDGE_CUES = {"hope", "believe", "think", "suggest", "speculate", "guess", "suspect", "estimate",
              "feel", "reckon", "assume", "hint", "imply", "predict", "expect", "fear", "worry",
              "wish", "seem", "appear"}
#: cues that, negated, deny ("does not believe")
BELIEF_CUES = {"think", "believe"}
#: modal cues that make a claim a possibility ("could say")
MODALS = {"may", "might", "could", "would"}
#: content words that hedge the claim
HEDGE_WORDS = {"may", "might", "could", "perhaps", "maybe", "possibly", "probably", "likely",
               "unlikely", "apparently", "seemingly", "presumably", "hopefully", "possible"}
HEDGE_VERBS = {"hope", "appear", "seem", "wish"}
#: "I think", "we believe" inside the content
FIRST_PERSON_BELIEF = {"think", "believe", "guess", "suppose", "suspect"}
#: phrases of the content
DENY_PHRASES = re.compile(r"\b(not true|untrue|false|baseless|fake news|no truth|never happened|"
                          r"categorically|no evidence|unfounded|fabricat\w*|absurd)\b", re.I)
DISMISS_PHRASES = re.compile(r"\b(no relevance|not relevant|irrelevant|(does|do|did)(n[’']t| not) matter|"
                             r"no significance|not significant(ly)?|insignificant|overblown|exaggerated|"
                             r"no big deal|ridiculous|nonsense|so what|overwhelmed|even if|"
                             r"nothing to worry|not (worried|concerned)|no concern|"
                             r"(all|whatever|anything)\b[^.;]{0,40}\b(they|he|she|you|we) (want|like|wish)s?)\b",
                             re.I)
HEDGE_PHRASES = re.compile(r"\b(not sure|unsure|unclear|uncertain|(do|does|did)(n[’']t| not) know|"
                           r"for certain|let[’']s hope)\b", re.I)

#: framing: cue lemmas by which the writer endorses or distances itself from the claim
ENDORSING = {"confirm", "reveal", "disclose", "acknowledge", "admit", "concede", "note", "observe",
             "show", "prove", "demonstrate", "find", "discover", "learn", "establish", "explain",
             "recognise", "recognize", "verify", "uncover", "expose", "clarify", "point"}
DISTANCING = {"claim", "allege", "insist", "purport", "contend", "maintain", "profess"}
DISTANCING_ADVERBS = {"reportedly", "allegedly", "supposedly", "purportedly", "ostensibly"}


# -- chains of attribution (resolve/chains.py) ---------------------------------------------------
#: Cues by which one source passes on another's words ("the Post, citing three officials").
CITING_CUES = ("citing", "cited", "quoting", "quoted", "according to", "based on", "sourced to")
#: A report referred back to ("according to the report").
REPORT_WORDS = ("report", "reporting", "reported", "reports")
