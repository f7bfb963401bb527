"""Words to meaning keys: what lets "eating nuts" meet "nut consumption" and "CHD" meet
"coronary heart disease" when findings are aligned.

General means only, each a switch of :data:`FEATURES` (``benchmarks/compare_real.py`` measures
them one after the other, see :data:`STEPS`):

- ``findings``: a finding is any sentence of the primary record that states a result (not its
  title, its design or a caveat), and any sentence of an article that reports one (a claim span
  of the claim engine, a word of change or comparison), not only those with a causal cue; each
  is lined up with the study's finding it shares the most with (best first, one per article);
- ``lemmas``: inflection removed by a lemmatiser (``simplemma``, loaded when compare first runs:
  "mice" -> "mouse", "died" -> "die", "women" -> "woman");
- ``abbreviations``: abbreviations defined in the text ("cardiovascular disease (CVD)") and common
  biomedical ones (:data:`COMMON_ABBREVIATIONS`) stand for their words;
- ``synonyms``: words of one concept share a key (:data:`CONCEPTS`: "mortality", "death", "die");
- ``rarity``: a word shared by two findings counts by how rare it is in English at large (the
  word frequencies that ship with ``pyspellchecker``), not only among the compared sentences:
  two sentences cannot tell each other which of their words are common;
- ``topic``: words that say nothing about *what* was studied (:data:`GENERIC`: "risk",
  "associated", "patients", "significant") weigh little, so two findings meet on their subject
  and outcome, not on the vocabulary every finding shares;
- ``morphology``: hyphenated compounds stand for their parts ("drug-free" -> "drug"),
  derivational endings go back to one root ("relieves" / "relief", :func:`derive`), a letter
  before a known abbreviation names a kind of it ("tCBT" -> CBT), and manner adverbs
  ("substantially") weigh as generic words (:func:`adverb`).

The error classes these fix, with the figures of each step, are listed in
``docs/compare-error-classes.md``.

The vocabularies here are written for this project as general knowledge of English and of
biomedical reporting; none is drawn from the labelled data sets.

One module over 500 lines because it is one mapping (words to meaning keys) with its feature
switches, which are measured against each other.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields, replace
from functools import lru_cache
from types import ModuleType


@dataclass(frozen=True, slots=True)
class Features:
    findings: bool = True
    lemmas: bool = True
    abbreviations: bool = True
    synonyms: bool = True
    topic: bool = True
    rarity: bool = True
    morphology: bool = True


FEATURES = Features()

#: The steps the benchmark prints: each switches one more feature on.
STEPS: list[tuple[str, dict[str, bool]]] = []
_on: dict[str, bool] = {f.name: False for f in fields(Features)}
STEPS.append(("baseline (stems, causal spans only)", dict(_on)))
for _name, _label in (
    ("findings", "+ findings without a causal cue"),
    ("lemmas", "+ lemmas (simplemma)"),
    ("abbreviations", "+ abbreviations (text, biomedical)"),
    ("synonyms", "+ concepts (synonyms)"),
    ("topic", "+ subject/outcome, not generic words"),
    ("rarity", "+ English word rarity (pyspellchecker)"),
    ("morphology", "+ compounds, derivation, abbr. kinds"),
):
    _on[_name] = True
    STEPS.append((_label, dict(_on)))


@contextmanager
def features(**flags: bool) -> Iterator[None]:
    """Switch features for the duration of a block (benchmarks, tests)."""
    global FEATURES
    before = FEATURES
    FEATURES = replace(FEATURES, **flags)
    _key.cache_clear()
    try:
        yield
    finally:
        FEATURES = before
        _key.cache_clear()


# ------------------------------------------------------------------------------- vocabularies

#: Common biomedical abbreviations (lower case) -> their words.
COMMON_ABBREVIATIONS: dict[str, str] = {
    "chd": "coronary heart disease",
    "cad": "coronary artery disease",
    "cvd": "cardiovascular disease",
    "mi": "myocardial infarction heart attack",
    "af": "atrial fibrillation",
    "bp": "blood pressure",
    "bmi": "body mass index",
    "t2d": "type 2 diabetes",
    "t2dm": "type 2 diabetes",
    "copd": "chronic obstructive pulmonary disease",
    "ckd": "chronic kidney disease",
    "adhd": "attention deficit hyperactivity disorder",
    "asd": "autism spectrum disorder",
    "ptsd": "post traumatic stress disorder",
    "ms": "multiple sclerosis",
    "hiv": "human immunodeficiency virus",
    "aids": "acquired immunodeficiency syndrome",
    "hpv": "human papillomavirus",
    "ibd": "inflammatory bowel disease",
    "ibs": "irritable bowel syndrome",
    "ad": "alzheimer disease",
    "pd": "parkinson disease",
    "tbi": "traumatic brain injury",
    "icu": "intensive care unit",
    "gp": "general practitioner",
    "gps": "general practitioner",
    "nhs": "national health service",
    "ldl": "low density lipoprotein cholesterol",
    "hdl": "high density lipoprotein cholesterol",
    "crp": "c reactive protein",
    "ssri": "selective serotonin reuptake inhibitor antidepressant",
    "ssris": "selective serotonin reuptake inhibitor antidepressant",
    "nsaid": "nonsteroidal anti inflammatory drug",
    "nsaids": "nonsteroidal anti inflammatory drug",
    "ivf": "in vitro fertilisation",
    "ecg": "electrocardiogram",
    "mri": "magnetic resonance imaging",
    "ct": "computed tomography",
    "rct": "randomised controlled trial",
    "uti": "urinary tract infection",
    "dvt": "deep vein thrombosis",
    "vte": "venous thromboembolism",
    "hrt": "hormone replacement therapy",
    "cbt": "cognitive behavioural therapy",
    "ed": "emergency department",
    "a&e": "emergency department",
    "ra": "rheumatoid arthritis",
    "oa": "osteoarthritis",
    "rbc": "red blood cell",
    "rbcs": "red blood cell",
    "wbc": "white blood cell",
    "dmd": "duchenne muscular dystrophy",
    "als": "amyotrophic lateral sclerosis",
    "mnd": "motor neurone disease",
    "sids": "sudden infant death syndrome",
    "ssb": "sugar sweetened beverage",
    "ssbs": "sugar sweetened beverage",
    "ghg": "greenhouse gas",
    "5-ht": "serotonin",
    "da": "dopamine",
    "gaba": "gamma aminobutyric acid",
    "bdnf": "brain derived neurotrophic factor",
    "tnf": "tumour necrosis factor",
    "il": "interleukin",
    "nk": "natural killer cell",
    "ivig": "intravenous immunoglobulin",
    "hba1c": "glycated haemoglobin",
    "gdm": "gestational diabetes",
    "ptb": "preterm birth",
    "lbw": "low birth weight",
    "nicu": "neonatal intensive care unit",
    "ocd": "obsessive compulsive disorder",
    "bpd": "bipolar disorder",
    "mdd": "major depressive disorder",
    "gad": "generalised anxiety disorder",
    "cfs": "chronic fatigue syndrome",
    "me": "myalgic encephalomyelitis",
    "tb": "tuberculosis",
    "std": "sexually transmitted disease",
    "sti": "sexually transmitted infection",
    "stis": "sexually transmitted infection",
    "uv": "ultraviolet",
    "pm2.5": "particulate matter air pollution",
    "no2": "nitrogen dioxide air pollution",
    "cbd": "cannabidiol",
    "thc": "tetrahydrocannabinol cannabis",
    "pcos": "polycystic ovary syndrome",
    "hiit": "high intensity interval training",
    "ae": "adverse event",
    "aes": "adverse event",
    "qol": "quality of life",
    "los": "length of stay",
    "pcr": "polymerase chain reaction test",
}

#: Concepts: words that name one thing in reporting (first word is the key). Written as general
#: English and medical usage: lay word, clinical word, inflected and derived forms.
CONCEPTS: tuple[tuple[str, ...], ...] = (
    (
        "death",
        "die",
        "dying",
        "dead",
        "mortality",
        "fatal",
        "fatality",
        "deadly",
        "survival",
        "survive",
        "live",
        "life",
        "lifespan",
    ),
    ("eat", "consumption", "consume", "intake", "diet", "dietary", "eater", "ingest", "food"),
    ("drink", "drinker", "beverage"),
    (
        "child",
        "kid",
        "childhood",
        "paediatric",
        "pediatric",
        "youngster",
        "infant",
        "baby",
        "toddler",
        "boy",
        "girl",
    ),
    ("adolescent", "teen", "teenager", "teenage", "youth", "young"),
    ("old", "older", "elderly", "aged", "ageing", "aging", "senior"),
    ("woman", "female", "mother", "maternal", "women"),
    ("man", "male", "father", "paternal", "men"),
    ("pregnancy", "pregnant", "prenatal", "antenatal", "gestation", "gestational", "expectant"),
    ("birth", "born", "newborn", "neonatal", "perinatal", "delivery"),
    ("preterm", "premature", "prematurely", "prematurity"),
    ("heart", "cardiac", "cardiovascular", "coronary", "cardio"),
    ("brain", "cerebral", "neural", "neurological", "neuronal", "neuron"),
    ("cognitive", "cognition", "intellectual", "intelligence"),
    ("mental", "psychological", "psychiatric", "wellbeing", "well-being"),
    ("kidney", "renal"),
    ("liver", "hepatic"),
    ("lung", "pulmonary", "respiratory"),
    ("skin", "dermal", "cutaneous"),
    ("blood", "vascular", "circulation"),
    ("cancer", "tumour", "tumor", "malignancy", "oncology", "carcinoma", "malignant"),
    ("stroke", "cerebrovascular"),
    ("obesity", "obese", "overweight", "adiposity", "weight"),
    ("fat", "fatty", "fats", "lipid", "lipids"),
    ("exercise", "physical", "activity", "fitness", "sport", "workout", "training", "active"),
    ("sleep", "insomnia", "asleep", "nap"),
    ("smoke", "smoking", "smoker", "cigarette", "tobacco"),
    ("alcohol", "drinking", "wine", "beer"),
    ("depression", "depressive", "depressed", "antidepressant"),
    ("anxiety", "anxious", "stress", "worry"),
    (
        "drug",
        "medication",
        "medicine",
        "treatment",
        "therapy",
        "pill",
        "prescription",
        "prescribe",
        "dose",
    ),
    ("doctor", "physician", "clinician", "gp", "practitioner", "surgeon"),
    ("hospital", "admission", "hospitalisation", "hospitalization", "inpatient"),
    ("school", "pupil", "student", "education", "classroom"),
    ("job", "work", "employment", "worker", "occupational", "workplace"),
    ("income", "poverty", "poor", "deprived", "deprivation", "affluent", "wealth", "socioeconomic"),
    (
        "screen",
        "screening",
        "test",
        "testing",
        "detect",
        "detection",
        "diagnosis",
        "diagnose",
        "diagnostic",
    ),
    ("vaccine", "vaccination", "immunisation", "immunization", "jab"),
    ("infection", "infect", "infectious", "virus", "viral", "bacteria", "bacterial"),
    ("pain", "painful", "ache", "analgesic", "analgesia", "nociceptive", "hyperalgesia"),
    ("memory", "recall", "remember", "forget"),
    (
        "diabetes",
        "diabetic",
        "glucose",
        "insulin",
        "glycaemic",
        "glycemic",
        "hypoglycaemia",
        "hypoglycemia",
        "hyperglycaemia",
        "hyperglycemia",
    ),
    ("surgery", "operation", "surgical"),
    ("dementia", "alzheimer"),
    ("bone", "fracture", "osteoporosis", "skeletal"),
    ("eye", "vision", "visual", "sight"),
    ("tooth", "teeth", "dental"),
    (
        "gene",
        "genetic",
        "genome",
        "dna",
        "mutation",
        "mutant",
        "variant",
        "inherited",
        "hereditary",
        "heritable",
        "genetically",
    ),
    ("clot", "thrombosis", "thrombus", "thrombotic", "embolism", "clotting", "coagulation"),
    ("hypertension", "hypertensive"),
    (
        "immune",
        "immunity",
        "immunological",
        "immunology",
        "antibody",
        "antibodies",
        "immunoglobulin",
        "immunotherapy",
        "lymphocyte",
        "lymphoid",
    ),
    ("inflammation", "inflammatory", "inflamed", "swelling"),
    ("laugh", "laughter", "laughing", "humour", "humor"),
    ("sugar", "sugary", "sweet", "sweetened", "fructose", "sucrose"),
    ("salt", "sodium"),
    ("fruit", "vegetable", "veg"),
    ("meat", "beef", "pork", "sausage", "bacon"),
    ("fish", "seafood", "omega"),
    ("coffee", "caffeine", "espresso"),
    ("tea", "green-tea"),
    ("milk", "dairy", "cheese", "yoghurt", "yogurt"),
    ("breast", "breastfeeding", "breastfed", "lactation"),
    ("air", "pollution", "pollutant", "smog", "particulate"),
    ("noise", "loud", "sound"),
    ("violence", "violent", "assault", "abuse", "aggression", "aggressive", "anger", "angry"),
    ("suicide", "suicidal", "self-harm"),
    ("autism", "autistic"),
    ("schizophrenia", "psychosis", "psychotic"),
    ("parkinson", "parkinsonian"),
    ("epilepsy", "seizure", "epileptic"),
    ("asthma", "asthmatic", "wheeze", "wheezing"),
    ("allergy", "allergic", "allergen", "anaphylaxis"),
    ("arthritis", "rheumatoid", "joint", "joints"),
    ("muscle", "muscular", "musculoskeletal"),
    ("bowel", "gut", "intestinal", "colon", "colorectal", "digestive"),
    ("stomach", "gastric"),
    ("weight-loss", "slimming", "dieting"),
    ("walk", "walking", "step", "steps", "stroll"),
    ("run", "running", "runner", "jog", "jogging"),
    ("swim", "swimming", "swimmer"),
    ("screen-time", "television", "tv", "video", "gaming"),
    ("phone", "smartphone", "mobile", "telephone"),
    ("internet", "online", "web", "digital"),
    ("money", "cost", "costs", "price", "saving", "savings", "spending", "economic"),
    ("tax", "taxation", "levy", "duty"),
    ("death-rate", "survival-rate"),
    ("mouse", "mice", "rodent", "rat", "rats", "animal"),
    ("cell", "cellular"),
    (
        "bacteria",
        "bacterium",
        "bug",
        "microbe",
        "microbial",
        "germ",
        "pathogen",
        "salmonella",
        "e-coli",
    ),
    ("antibiotic", "antimicrobial", "antibacterial"),
    ("hormone", "hormonal", "oestrogen", "estrogen", "testosterone", "cortisol"),
    ("baby", "babies"),
    ("older-adult", "pensioner", "retiree"),
)

#: Words that every finding uses and that say nothing about what was studied.
GENERIC = frozenset(
    """risk risks associate association associated link linked relationship relation relate
    related correlate correlation increase increased decrease decreased reduce reduction
    reduced lower low high higher raise rise fall improve improvement improved change effect
    affect influence result outcome evidence finding significant significantly likely
    likelihood odds chance rate level amount number group patient people participant person
    individual subject population adult user case control level factor use using use
    compare comparison compared among between greater less more most fewer well good better
    bad worse poor great large small new old year time day week month report suggest suggests
    show indicate may might could can data analysis trial cohort sample survey research
    researcher study evaluate assess measure measurement associated independently overall
    health healthy benefit benefits beneficial harm harmful protect protective help helps
    help cause causes lead leads contribute prevent identify identified discover discovered
    reveal revealed demonstrate demonstrated confirm confirmed first hypothesis key""".split()
)

_CONCEPT_OF = {word: group[0] for group in CONCEPTS for word in group}
#: "cardiovascular disease (CVD)", "body mass index (BMI)": words then their initials.
_SHORT_RE = re.compile(r"\(\s*([A-Z][A-Za-z0-9&]{1,7}s?)\s*\)")


@lru_cache(maxsize=1)
def _lemmatizer() -> ModuleType:
    import simplemma  # loaded when compare first needs it, never at start-up

    return simplemma


def lemma(word: str) -> str:
    low = word.lower().replace("’", "'")
    if low.endswith("'s"):
        low = low[:-2]  # "Parkinson's" is Parkinson
    if not FEATURES.lemmas or not low.isalpha():
        return low
    return str(_lemmatizer().lemmatize(low, lang="en")).lower()


#: Derivational endings that name one root: the verb and its noun ("relieve" / "relief",
#: "believe" / "belief", "prove" / "proof"), the adjective in "-ive" and the noun in "-ion"
#: ("protective" / "protection", "effective" / "effect"). Ending -> the ending of the root.
_DERIVATION = (("ieve", "ief"), ("ctive", "ct"), ("ction", "ct"), ("ility", "ile"))


def derive(word: str) -> str:
    """``word`` with a derivational ending brought back to its root's ("relieve" -> "relief")."""
    for ending, root in _DERIVATION:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)] + root
    return word


@lru_cache(maxsize=65536)
def _key(word: str) -> str:
    from legreader.compare.text import stem

    base = lemma(word)
    if FEATURES.morphology:
        base = derive(base)
    if FEATURES.synonyms:
        concept = _CONCEPT_OF.get(base) or _CONCEPT_OF.get(word.lower())
        if concept is not None:
            return "=" + concept
    return stem(base)


def key(word: str) -> str:
    """The meaning key of one word: its concept ("=death"), else the stem of its lemma."""
    return _key(word)


def generic(term: str) -> bool:
    """True for terms of :data:`GENERIC` (by key)."""
    return FEATURES.topic and term in _generic_keys()


#: Words in "-ly" that are not manner or degree adverbs.
_NOT_ADVERBS = frozenset("elderly monthly quarterly anomaly assembly butterfly homily".split())


def adverb(word: str) -> bool:
    """A manner or degree adverb ("substantially", "robustly", "markedly"): it says how much or
    how, not what was studied, so two findings sharing one are no nearer."""
    low = word.lower()
    return FEATURES.morphology and len(low) >= 7 and low.endswith("ly") and low not in _NOT_ADVERBS


@lru_cache(maxsize=4)
def _generic_keys_for(flags: Features) -> frozenset[str]:
    return frozenset(_key(w) for w in GENERIC)


def _generic_keys() -> frozenset[str]:
    return _generic_keys_for(FEATURES)


def defined_abbreviations(text: str) -> dict[str, str]:
    """Abbreviations a text defines: "cardiovascular disease (CVD)" -> {"cvd": "cardiovascular
    disease"} (the words before the brackets whose initials spell it)."""
    out: dict[str, str] = {}
    if not FEATURES.abbreviations or "(" not in text:
        return out
    for m in _SHORT_RE.finditer(text):
        short = m.group(1)
        letters = [c.lower() for c in short.rstrip("s") if c.isalpha()]
        if not letters:
            continue
        words = re.findall(r"[A-Za-z][\w'’]*", text[max(0, m.start() - 90) : m.start()])
        for take in range(1, min(len(words), len(letters) + 2) + 1):
            chosen = words[-take:]
            if chosen[0][:1].lower() == letters[0] and _subsequence(
                letters, "".join(chosen).lower()
            ):
                low = short.lower()
                out[low] = " ".join(chosen)
                out[low[:-1] if low.endswith("s") else low + "s"] = out[low]
                break
    return out


def _subsequence(letters: list[str], text: str) -> bool:
    """True when ``letters`` occur in ``text`` in order ("cvd" in "cardiovasculardisease")."""
    at = 0
    for ch in letters:
        at = text.find(ch, at) + 1
        if at == 0:
            return False
    return True


def expand(word: str, defined: dict[str, str], compounds: bool = True) -> list[str]:
    """The words an abbreviation stands for (defined in the text, else a common one), the parts
    of a hyphenated compound ("drug-free" -> "drug", "free"; not with ``compounds`` false), or
    ``[word]``."""
    if FEATURES.morphology and compounds and "-" in word and word.lower() not in _CONCEPT_OF:
        parts = [p for p in word.split("-") if len(p) > 2 and p.lower() not in _PREFIXES]
        if len(parts) > 1 or (parts and parts[0] != word):
            return [w for part in parts for w in expand(part, defined)]
    if not FEATURES.abbreviations:
        return [word]
    low = word.lower()
    if low in defined:
        return defined[low].split()
    if word.isupper() or (word[:-1].isupper() and word.endswith("s")):
        if low in COMMON_ABBREVIATIONS:
            return COMMON_ABBREVIATIONS[low].split()
        if FEATURES.morphology and len(low) >= 4:
            # a letter put before a known abbreviation names a kind of it ("tCBT", telephone
            # cognitive behavioural therapy; "rTMS"): the known part carries the meaning
            tail = low[1:]
            found = defined.get(tail) or COMMON_ABBREVIATIONS.get(tail)
            if found:
                return found.split()
    return [word]


#: Prefixes that say nothing on their own in a hyphenated word ("non-smokers", "co-located").
_PREFIXES = frozenset("non co pre post anti pro sub super semi multi self".split())


def terms(text: str, defined: dict[str, str] | None = None) -> list[str]:
    """Meaning keys of the content words of ``text``, in order (abbreviations expanded; a
    hyphenated compound stays one word: these keys pick a quote's rarest words, and a
    compound's parts would crowd out the words a paraphrase shares)."""
    from legreader.compare.text import STOPWORDS, WORD_RE

    defined = defined or {}
    out: list[str] = []
    for m in WORD_RE.finditer(text):
        word = m.group()
        low = word.lower()
        if low in STOPWORDS or (len(word) < 3 and not word.isupper()):
            continue
        if low not in defined and not word[:1].isupper():
            out.append(_key(word))  # the common case: no abbreviation to expand
            continue
        for part in expand(word, defined, compounds=False):
            if part.lower() not in STOPWORDS and len(part) > 1:
                out.append(_key(part))
    return out


#: The reporting frame around a finding: who says it and where, not what was found
#: ("..., according to a study in The BMJ", "A new study of 500 adults has found that ...").
_FRAME_TAIL_RE = re.compile(
    r"[,;(—–-]\s*(?:according\s+to|as\s+(?:reported|published)|(?:finds|found|suggests?|shows?|"
    r"says?|said|reports?|reveals?|concludes?|indicates?|published)\b|(?:the|a|an)\s+(?:[\w-]+\s+)"
    r"{0,4}?(?:stud(?:y|ies)|survey|trial|review|analysis|report|research|paper|findings)\b|"
    r"(?:new\s+)?research(?:ers)?\b|scientists\b|experts\b)[^.;!?]*",
    re.I,
)
_FRAME_LEAD_RE = re.compile(
    r"^[^;]{0,200}?\b(?:stud(?:y|ies)|research(?:ers)?|scientists|survey|trial|analysis|review|"
    r"findings|results|data|authors|we|experts)\b[^;]{0,160}?\b(?:found|finds?|show(?:s|ed|n)?|"
    r"suggest(?:s|ed)?|reveal(?:s|ed)?|indicate(?:s|d)?|conclude(?:s|d)?|report(?:s|ed)?|"
    r"say|says|said|demonstrate(?:s|d)?|confirm(?:s|ed)?)\s+(?:that\s+)?",
    re.I,
)


def frame_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges of ``text`` that frame a finding (attribution, venue, "a study found
    that"): their words say little about what was found."""
    if not FEATURES.topic:
        return []
    return _frame_spans(text)


@lru_cache(maxsize=4096)
def _frame_spans(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    lead = _FRAME_LEAD_RE.match(text)
    if lead and lead.end() < len(text) - 20:
        out.append((0, lead.end()))
    for m in _FRAME_TAIL_RE.finditer(text):
        if m.start() > 15:
            out.append((m.start(), m.end()))
            break
    return out


@lru_cache(maxsize=1)
def _frequencies() -> tuple[dict[str, int], float]:
    from spellchecker import SpellChecker  # loaded when compare first needs it

    table = SpellChecker(language="en", distance=1).word_frequency
    return table.dictionary, float(table.total_words or 1)


#: Zipf value (log10 of a word's frequency per billion words) of the most common words, and
#: the spread over which rarity grows: "the" weighs little, "contraceptive" much.
_ZIPF_TOP, _ZIPF_SPAN = 7.0, 4.0
_RARITY_FLOOR, _RARITY_CAP = 0.1, 1.5


@lru_cache(maxsize=65536)
def _rarity(word: str) -> float:
    table, total = _frequencies()
    count = table.get(word, 0)
    if count == 0 and word.endswith("s"):
        count = table.get(word[:-1], 0)
    zipf = math.log10(count / total * 1e9) if count else 0.0
    return min(_RARITY_CAP, max(_RARITY_FLOOR, (_ZIPF_TOP - zipf) / _ZIPF_SPAN))


def rarity(word: str) -> float:
    """How rare ``word`` is in English, 0.1 ("the") to 1.5 (unseen): a shared rare word says
    more about two findings being one than a shared common one."""
    if not FEATURES.rarity:
        return 1.0
    return _rarity(word.lower())
