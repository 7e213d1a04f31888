"""Well-known English and Scottish short forms of first names, so that "Bob" and "Robert" can
be the same person. Small on purpose: a name outside the table still matches by spelling."""

from __future__ import annotations

from collections.abc import Mapping

#: Formal name -> its common short forms. A short form may belong to several names ("Pat").
_FORMS: Mapping[str, tuple[str, ...]] = {
    "alexander": ("alex", "alec", "sandy", "sandie", "sasha"),
    "alexandra": ("alex", "lexie", "sandra", "sasha"),
    "alasdair": ("alistair", "alastair", "ali", "ally"),
    "andrew": ("andy", "drew", "dand"),
    "anthony": ("tony", "ant"),
    "archibald": ("archie", "baldie"),
    "benjamin": ("ben", "benny", "benji"),
    "catherine": ("cathy", "kate", "katie", "kath", "kathy", "cat", "katherine", "kathryn"),
    "charles": ("charlie", "chas", "chuck", "chic", "chick"),
    "christina": ("tina", "chris", "chrissie", "kirsty", "kirstie", "christine"),
    "christine": ("chris", "chrissie", "kirsty", "kirstie", "christina"),
    "christopher": ("chris", "kit", "topher"),
    "daniel": ("dan", "danny"),
    "david": ("dave", "davie", "davy"),
    "deborah": ("debbie", "deb", "debra"),
    "donald": ("don", "donnie"),
    "douglas": ("doug", "dougie"),
    "edward": ("ed", "eddie", "ted", "ned", "teddy"),
    "elizabeth": ("liz", "lizzie", "beth", "betty", "eliza", "libby", "bess", "elspeth", "lisa"),
    "frances": ("fran", "frankie", "fanny"),
    "francis": ("frank", "frankie", "fran"),
    "george": ("geordie", "dod", "dodie"),
    "gerald": ("gerry", "jerry"),
    "gordon": ("gordie",),
    "helen": ("nell", "nellie", "ellen"),
    "hugh": ("hughie", "shug", "shuggie"),
    "isabella": ("isobel", "isabel", "bella", "izzy", "ishbel", "tibby"),
    "jacqueline": ("jackie", "jacqui"),
    "james": ("jim", "jimmy", "jamie", "hamish", "jas"),
    "janet": ("jan", "jenny", "jessie", "netta"),
    "jennifer": ("jen", "jenny", "jenni"),
    "john": ("jack", "johnny", "jock"),
    "jonathan": ("jon", "jonny", "jonty"),
    "joseph": ("joe", "joey", "jo"),
    "kenneth": ("ken", "kenny"),
    "margaret": ("maggie", "mags", "meg", "peggy", "maisie", "greta", "rita", "margo"),
    "mary": ("molly", "polly", "mamie", "mhairi", "maire"),
    "matthew": ("matt", "matty"),
    "michael": ("mike", "mick", "mickey", "mikey"),
    "nicholas": ("nick", "nicky", "nico"),
    "patricia": ("pat", "patsy", "trish", "tricia"),
    "patrick": ("pat", "paddy", "patsy"),
    "peter": ("pete",),
    "rebecca": ("becky", "becca", "bex"),
    "richard": ("rick", "ricky", "rich", "richie", "dick"),
    "robert": ("rob", "robbie", "bob", "bobby", "rab", "bert", "rabbie"),
    "ronald": ("ron", "ronnie"),
    "samuel": ("sam", "sammy"),
    "sarah": ("sally", "sadie", "sara"),
    "stephen": ("steve", "stevie", "steven"),
    "susan": ("sue", "susie", "suzanne"),
    "thomas": ("tom", "tommy", "tam"),
    "victoria": ("vicky", "vikki", "tori"),
    "william": ("will", "bill", "billy", "willie", "wullie", "liam"),
}


def _index() -> dict[str, tuple[str, ...]]:
    keys: dict[str, set[str]] = {}
    for formal, forms in _FORMS.items():
        keys.setdefault(formal, set()).add(formal)
        for form in forms:
            keys.setdefault(form, set()).add(formal)
    return {name: tuple(sorted(found)) for name, found in keys.items()}


_KEYS = _index()


def name_keys(name: str) -> list[str]:
    """The formal names ``name`` (already normalised) may stand for; itself when unknown."""
    return list(_KEYS.get(name, (name,)))


def canonical(name: str) -> str:
    """One formal name for ``name``, for blocking (the first of :func:`name_keys`)."""
    return _KEYS.get(name, (name,))[0]


def short_forms(formal: str) -> tuple[str, ...]:
    """The short forms of a formal name (used by the evaluation-set generator)."""
    return _FORMS.get(formal, ())
