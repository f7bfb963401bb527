"""Who was studied and what kind of study it was, *where the source states it*: from MeSH
headings (the check tags "Humans", "Animals", and species such as "Mice") and publication
types ("Randomized Controlled Trial", "Meta-Analysis"). Nothing is inferred from the text.
No Textual import.
"""

from __future__ import annotations

from collections.abc import Iterable

#: MeSH descriptors (lower case, first word group) naming the species studied.
SPECIES = {
    "humans": "humans",
    "mice": "mice",
    "rats": "rats",
    "zebrafish": "zebrafish",
    "drosophila melanogaster": "fruit flies",
    "caenorhabditis elegans": "nematodes",
    "macaca mulatta": "rhesus macaques",
    "primates": "primates",
    "swine": "pigs",
    "dogs": "dogs",
    "cats": "cats",
    "sheep": "sheep",
    "cattle": "cattle",
    "rabbits": "rabbits",
    "guinea pigs": "guinea pigs",
    "chickens": "chickens",
}
#: Publication types (lower case) and the study type they state, most specific first.
STUDY_TYPES = (
    ("meta-analysis", "meta-analysis"),
    ("systematic review", "systematic review"),
    ("randomized controlled trial", "randomized controlled trial"),
    ("controlled clinical trial", "clinical trial"),
    ("clinical trial", "clinical trial"),
    ("observational study", "observational"),
    ("case reports", "case report"),
    ("review", "review"),
)


def subjects_and_type(
    mesh_terms: Iterable[str], publication_types: Iterable[str]
) -> tuple[str | None, str | None]:
    """``(subjects, study_type)``: e.g. ``("mice", "animal")``, ``("humans", "randomized
    controlled trial")``; None where the source says nothing."""
    found: list[str] = []
    for term in mesh_terms:
        key = term.split(",")[0].strip().casefold()
        name = SPECIES.get(key)
        if name and name not in found:
            found.append(name)
    kinds = {t.strip().casefold() for t in publication_types}
    study_type = next((label for key, label in STUDY_TYPES if key in kinds), None)
    animals = [f for f in found if f != "humans"]
    if study_type is None and animals and "humans" not in found:
        study_type = "animal"
    if study_type is None and any(t.casefold() == "animals" for t in mesh_terms) and not found:
        study_type = "animal"
    return ("; ".join(found) or None), study_type


#: ISO 639-2 codes (PubMed, Europe PMC) as the ISO 639-1 codes the corpus uses.
LANGUAGES = {
    "eng": "en",
    "fre": "fr",
    "fra": "fr",
    "ger": "de",
    "deu": "de",
    "spa": "es",
    "ita": "it",
    "por": "pt",
    "dut": "nl",
    "nld": "nl",
    "rus": "ru",
    "jpn": "ja",
    "chi": "zh",
    "zho": "zh",
    "pol": "pl",
    "swe": "sv",
    "dan": "da",
    "nor": "no",
    "fin": "fi",
    "kor": "ko",
    "tur": "tr",
}


def language_code(value: str | None) -> str | None:
    if not value:
        return None
    value = value.strip().casefold()
    return LANGUAGES.get(value, value if len(value) == 2 else None)
