"""A seeded evaluation set of person records with the errors real registrations have, and the
precision and recall of a clustering against its truth (docs/statistics.md).

Several partners register the same person, each with their own slips: typos, nicknames,
first and last names swapped, NI numbers missing or mistyped, a postcode from before a move,
the phone written +44. Distinct people share birthdays, surnames and addresses (twins, a
father and son of one name), which is what makes wrong links tempting.
"""

from __future__ import annotations

import datetime as dt
import random
import string
import uuid
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

from sync_server.linkage.nicknames import short_forms

FIRST_NAMES = [
    "james",
    "john",
    "robert",
    "william",
    "david",
    "thomas",
    "andrew",
    "michael",
    "alexander",
    "christopher",
    "daniel",
    "stephen",
    "richard",
    "kenneth",
    "ronald",
    "douglas",
    "gordon",
    "hugh",
    "archibald",
    "george",
    "peter",
    "samuel",
    "patrick",
    "matthew",
    "joseph",
    "jonathan",
    "benjamin",
    "nicholas",
    "edward",
    "charles",
    "anthony",
    "donald",
    "craig",
    "scott",
    "ross",
    "fraser",
    "callum",
    "euan",
    "lewis",
    "calum",
    "kyle",
    "ryan",
    "jamie",
    "gary",
    "barry",
    "graeme",
    "neil",
    "colin",
    "stuart",
    "grant",
    "alan",
    "brian",
    "derek",
    "malcolm",
    "duncan",
    "angus",
    "murray",
    "finlay",
    "lachlan",
    "cameron",
    "logan",
    "connor",
    "margaret",
    "mary",
    "elizabeth",
    "catherine",
    "christine",
    "patricia",
    "susan",
    "jennifer",
    "rebecca",
    "victoria",
    "sarah",
    "helen",
    "isabella",
    "jacqueline",
    "janet",
    "deborah",
    "frances",
    "alexandra",
    "fiona",
    "morag",
    "ailsa",
    "eilidh",
    "shona",
    "kirsty",
    "lorna",
    "heather",
    "gillian",
    "karen",
    "lesley",
    "linda",
    "pauline",
    "moira",
    "sheila",
    "yvonne",
    "nicola",
    "emma",
    "laura",
    "amy",
    "rachel",
    "claire",
    "lisa",
    "louise",
    "gemma",
    "hannah",
    "chloe",
    "olivia",
    "ava",
    "emily",
    "sophie",
    "lucy",
    "grace",
    "ella",
    "isla",
    "freya",
    "skye",
    "rhona",
    "catriona",
    "mhairi",
    "seonaid",
    "iona",
]
SURNAMES = [
    "smith",
    "brown",
    "wilson",
    "campbell",
    "stewart",
    "thomson",
    "robertson",
    "anderson",
    "macdonald",
    "scott",
    "reid",
    "murray",
    "taylor",
    "clark",
    "ross",
    "watson",
    "morrison",
    "paterson",
    "young",
    "mitchell",
    "walker",
    "fraser",
    "miller",
    "mcdonald",
    "gray",
    "henderson",
    "hamilton",
    "johnston",
    "duncan",
    "graham",
    "ferguson",
    "kerr",
    "davidson",
    "bell",
    "cameron",
    "kelly",
    "martin",
    "hunter",
    "allan",
    "mackenzie",
    "grant",
    "simpson",
    "mackay",
    "mclean",
    "maclean",
    "black",
    "wallace",
    "russell",
    "marshall",
    "gibson",
    "wright",
    "kennedy",
    "johnstone",
    "sutherland",
    "gordon",
    "burns",
    "hughes",
    "wood",
    "murphy",
    "craig",
    "muir",
    "milne",
    "sinclair",
    "ritchie",
    "docherty",
    "munro",
    "watt",
    "mcintyre",
    "mckenzie",
    "boyle",
    "lindsay",
    "mcgregor",
    "shaw",
    "baird",
    "white",
    "jamieson",
    "christie",
    "wylie",
    "dickson",
    "crawford",
    "mcmillan",
    "forbes",
    "lawson",
    "buchanan",
    "houston",
    "aitken",
    "rennie",
    "hay",
    "mackintosh",
    "drummond",
    "moffat",
    "gallacher",
    "oneill",
    "donaldson",
    "mcallister",
    "dunn",
    "quinn",
    "mcleod",
    "macleod",
    "findlay",
    "bruce",
    "harvey",
    "kirk",
    "lyon",
    "mair",
    "nicol",
    "ogilvie",
    "pollock",
    "rankin",
    "strachan",
    "urquhart",
    "weir",
    "young",
    "logan",
    "sharp",
    "chalmers",
    "lamont",
    "maxwell",
    "dick",
    "hogg",
    "tait",
    "cunningham",
    "mcconnell",
    "morton",
    "stevenson",
    "naismith",
]
_SYLLABLES = [
    "ach",
    "ail",
    "an",
    "ard",
    "bal",
    "ban",
    "car",
    "cra",
    "dal",
    "dun",
    "fer",
    "gal",
    "gil",
    "inv",
    "ken",
    "kil",
    "lar",
    "loch",
    "mac",
    "mor",
    "na",
    "or",
    "ran",
    "ros",
    "sal",
    "stra",
    "tor",
    "ven",
    "wal",
    "win",
]
_POSTCODE_AREAS = ("G", "EH", "AB", "DD", "KY", "FK", "PA", "ML", "KA", "IV", "PH", "DG", "TD")
_UNIT_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
_NI_FIRST = "ABCEGHJKLMNOPRSTWXYZ"
_NI_SECOND = "ABCEGHJKLMNPRSTWXYZ"
PARTNERS = ("SDS", "DWP", "FIFE_COLLEGE", "GLASGOW_CITY", "EDINBURGH_COLLEGE", "CAB")


@dataclass(frozen=True, slots=True)
class EvalRecord:
    record_id: str
    partner: str
    person: int
    fields: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Scores:
    records: int
    true_people: int
    found_people: int
    pairwise_precision: float
    pairwise_recall: float
    cluster_precision: float
    cluster_recall: float


class _Generator:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        # Zipf-like: a few surnames are very common, the long tail made-up but plausible.
        tail = {
            "".join(self.rng.choice(_SYLLABLES) for _ in range(self.rng.choice((2, 3))))
            for _ in range(4000)
        }
        self.surnames = list(SURNAMES) + sorted(tail - set(SURNAMES))
        # Cumulative weights, worked out once (choices() would redo it on every call).
        self.surname_weights = list(
            accumulate(1 / (rank + 8) for rank in range(len(self.surnames)))
        )
        self.first_weights = list(accumulate(1 / (rank + 5) for rank in range(len(FIRST_NAMES))))

    def record_id(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def surname(self) -> str:
        return self.rng.choices(self.surnames, cum_weights=self.surname_weights)[0]

    def first_name(self) -> str:
        return self.rng.choices(FIRST_NAMES, cum_weights=self.first_weights)[0]

    def dob(self) -> dt.date:
        return dt.date(1958, 1, 1) + dt.timedelta(days=self.rng.randrange(17_500))

    def ni_number(self) -> str:
        digits = "".join(self.rng.choice(string.digits) for _ in range(6))
        return (
            self.rng.choice(_NI_FIRST) + self.rng.choice(_NI_SECOND) + digits
            + self.rng.choice("ABCD")
        )  # fmt: skip

    def postcode(self) -> str:
        area = self.rng.choice(_POSTCODE_AREAS)
        unit = "".join(self.rng.choice(_UNIT_LETTERS) for _ in range(2))
        return f"{area}{self.rng.randint(1, 40)} {self.rng.randint(0, 9)}{unit}"

    def phone(self) -> str:
        return "07" + "".join(self.rng.choice(string.digits) for _ in range(9))

    def email(self, first: str, last: str) -> str:
        provider = self.rng.choice(("gmail.com", "hotmail.co.uk", "outlook.com", "btinternet.com"))
        style = self.rng.randrange(3)
        user = (f"{first}.{last}", f"{first[0]}{last}{self.rng.randint(1, 99)}", f"{last}{first}")
        return f"{user[style]}@{provider}"

    def person(self, last: str | None = None) -> dict[str, Any]:
        first = self.first_name()
        last = last or self.surname()
        return {
            "first_name": first.capitalize(),
            "last_name": last.capitalize(),
            "date_of_birth": self.dob(),
            "ni_number": self.ni_number(),
            "postcode": self.postcode(),
            "email": self.email(first, last),
            "phone": self.phone(),
        }

    # --- the slips a registration makes --------------------------------------------------

    def typo(self, text: str) -> str:
        if len(text) < 3:
            return text
        i = self.rng.randrange(1, len(text) - 1)
        kind = self.rng.randrange(4)
        letter = self.rng.choice(string.ascii_lowercase)
        if kind == 0:
            return text[:i] + letter + text[i + 1 :]
        if kind == 1:
            return text[:i] + text[i + 1 :]
        if kind == 2:
            return text[:i] + letter + text[i:]
        return text[: i - 1] + text[i] + text[i - 1] + text[i + 1 :]

    def mistype_ni(self, ni: str) -> str:
        i = self.rng.randrange(2, 7)
        if self.rng.random() < 0.5:
            return ni[:i] + ni[i + 1] + ni[i] + ni[i + 2 :]
        return ni[:i] + self.rng.choice(string.digits) + ni[i + 1 :]

    def mistype_dob(self, dob: dt.date) -> dt.date:
        if dob.day <= 12 and dob.day != dob.month and self.rng.random() < 0.5:
            return dob.replace(day=dob.month, month=dob.day)
        return dob + dt.timedelta(days=self.rng.choice((-10, -1, 1, 10)))  # a digit off

    def _names(self, truth: Mapping[str, Any], out: dict[str, Any]) -> None:
        first = str(truth["first_name"])
        forms = short_forms(first.lower())
        if forms and self.rng.random() < 0.2:
            first = self.rng.choice(forms).capitalize()
        if self.rng.random() < 0.06:
            first = self.typo(first)
        last = str(truth["last_name"])
        if self.rng.random() < 0.06:
            last = self.typo(last)
        if self.rng.random() < 0.03:
            first, last = last, first
        out["first_name"], out["last_name"] = first, last

    def _contacts(self, truth: Mapping[str, Any], out: dict[str, Any]) -> None:
        r = self.rng.random
        if r() < 0.65:
            out["ni_number"] = (
                self.mistype_ni(truth["ni_number"]) if r() < 0.05 else truth["ni_number"]
            )
        if r() < 0.97:
            dob = truth["date_of_birth"]
            out["date_of_birth"] = (self.mistype_dob(dob) if r() < 0.03 else dob).isoformat()
        if r() < 0.95:
            out["postcode"] = self.postcode() if r() < 0.2 else truth["postcode"]
        if r() < 0.6:
            email = truth["email"]
            out["email"] = self.email(out["first_name"].lower(), "x") if r() < 0.15 else email
        if r() < 0.6:
            phone = self.phone() if r() < 0.15 else truth["phone"]
            out["phone"] = "+44 " + phone[1:] if r() < 0.2 else phone

    def registration(self, truth: Mapping[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        self._names(truth, out)
        self._contacts(truth, out)
        return out

    def relatives(self, truth: dict[str, Any]) -> list[dict[str, Any]]:
        """Distinct people who look alike: a twin, or a father and son of one name."""
        roll = self.rng.random()
        if roll < 0.005:
            twin = self.person(truth["last_name"].lower())
            while twin["first_name"] == truth["first_name"]:
                twin["first_name"] = self.first_name().capitalize()
            twin.update(date_of_birth=truth["date_of_birth"], postcode=truth["postcode"])
            return [twin]
        if roll < 0.01:
            parent = self.person(truth["last_name"].lower())
            older = dt.timedelta(days=self.rng.randint(7_000, 13_000))
            parent.update(
                first_name=truth["first_name"],
                postcode=truth["postcode"],
                date_of_birth=truth["date_of_birth"] - older,
            )
            return [parent]
        return []


_COPIES = (1, 2, 3, 4)
_COPY_WEIGHTS = (0.55, 0.28, 0.12, 0.05)


def generate(people: int, seed: int = 2026) -> list[EvalRecord]:
    """Registrations of about ``people`` distinct people (relatives included), in shuffled
    order; the same ``seed`` always gives the same set."""
    gen = _Generator(seed)
    truths: list[dict[str, Any]] = []
    while len(truths) < people:
        truth = gen.person()
        truths.append(truth)
        truths.extend(gen.relatives(truth)[: people - len(truths)])
    records: list[EvalRecord] = []
    for person, truth in enumerate(truths):
        copies = gen.rng.choices(_COPIES, _COPY_WEIGHTS)[0]
        for partner in gen.rng.sample(PARTNERS, copies):
            records.append(EvalRecord(gen.record_id(), partner, person, gen.registration(truth)))
    gen.rng.shuffle(records)
    return records


def _pairs(sizes: Counter[Any]) -> int:
    return sum(n * (n - 1) // 2 for n in sizes.values())


def score(found: Mapping[str, str], truth: Mapping[str, int]) -> Scores:
    """Pairwise (every two records put together) and cluster (whole people exactly right)
    precision and recall of a clustering ``found`` against ``truth``."""
    both = _pairs(Counter((found[r], truth[r]) for r in truth))
    found_pairs, true_pairs = _pairs(Counter(found.values())), _pairs(Counter(truth.values()))
    found_sets: dict[str, set[str]] = {}
    true_sets: dict[int, set[str]] = {}
    for record, person in truth.items():
        found_sets.setdefault(found[record], set()).add(record)
        true_sets.setdefault(person, set()).add(record)
    exact = {frozenset(s) for s in true_sets.values()} & {frozenset(s) for s in found_sets.values()}
    return Scores(
        records=len(truth),
        true_people=len(true_sets),
        found_people=len(found_sets),
        pairwise_precision=both / found_pairs if found_pairs else 1.0,
        pairwise_recall=both / true_pairs if true_pairs else 1.0,
        cluster_precision=len(exact) / len(found_sets),
        cluster_recall=len(exact) / len(true_sets),
    )
