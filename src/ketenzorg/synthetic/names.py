"""Invented people for the demo and the seeds.

First names are ordinary Dutch names, because nobody is identified by a first
name alone and the screens should look familiar. Family names are built from a
fictional part (`FICTIONAL_PARTS`) and a Dutch-sounding ending, so that any
name on a screen or in a benchmark dump is recognisably made up ("Proefhuizen",
"van Voorbeeldstra") and can never be mistaken for a real family.

BSNs are valid by the elfproef (so forms and validators accept them) and come
from the 9-prefixed range only: the demo takes the 9999xxxxx block that the
RvIG uses for its test persons, the seeds the rest of the 9xxxxxxxx range, so
demo and seed never compete for the same number.
"""

from __future__ import annotations

import random

FICTIONAL_PARTS = ("Proef", "Test", "Voorbeeld", "Demo", "Fictie", "Oefen", "Schets", "Verzin")
_ENDINGS = (
    "man",
    "mans",
    "huizen",
    "veld",
    "berg",
    "dijk",
    "stra",
    "ink",
    "ema",
    "sma",
    "hof",
    "beek",
    "kamp",
    "horst",
    "werf",
    "broek",
    "haar",
    "ling",
)
# Weighted: most Dutch surnames have no tussenvoegsel.
_PARTICLES = ("",) * 6 + ("van", "de", "van der", "van den", "van de", "ter", "ten")

SURNAMES: tuple[str, ...] = tuple(
    f"{part}{ending}" for part in FICTIONAL_PARTS for ending in _ENDINGS
)

GIRLS = (
    "Emma", "Julia", "Mila", "Tess", "Sophie", "Zoë", "Sara", "Nora", "Yara", "Eva",
    "Liv", "Lotte", "Saar", "Noor", "Anna", "Fenna", "Lina", "Evi", "Olivia", "Maud",
    "Fleur", "Isa", "Amira", "Fatima", "Lieke", "Roos", "Jasmijn", "Elin", "Hanna", "Ilse",
)  # fmt: skip
BOYS = (
    "Noah", "Luca", "Liam", "Sem", "Daan", "Levi", "Finn", "Milan", "Adam", "Mees",
    "Sam", "Bram", "Lucas", "Jesse", "Thomas", "Mohammed", "Ayoub", "Youssef", "Thijs", "Ruben",
    "Julian", "Jayden", "Stijn", "Gijs", "Lars", "Teun", "Hugo", "Boaz", "Owen", "Ravi",
)  # fmt: skip
MOTHERS = (
    "Linda", "Marieke", "Sandra", "Anouk", "Kim", "Esther", "Iris", "Femke", "Sanne", "Lisa",
    "Samira", "Nadia", "Petra", "Ingrid", "Mirjam", "Judith", "Wendy", "Ellen", "Karin", "Naima",
)  # fmt: skip
FATHERS = (
    "Mark", "Dennis", "Jeroen", "Rick", "Martijn", "Bas", "Niels", "Stefan", "Ahmed", "Mustafa",
    "Erik", "Sander", "Joost", "Wouter", "Pieter", "Hassan", "Maarten", "Ronald", "Tim", "Vincent",
)  # fmt: skip
ADULTS = MOTHERS + FATHERS

_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2)
DEMO_BSN_BODIES = range(99_990_000, 100_000_000)
SEED_BSN_BODIES = range(90_000_000, 99_990_000)


def surname(rng: random.Random) -> str:
    particle = rng.choice(_PARTICLES)
    base = rng.choice(SURNAMES)
    return f"{particle} {base}" if particle else base


def child_name(rng: random.Random) -> str:
    return rng.choice(GIRLS) if rng.random() < 0.5 else rng.choice(BOYS)


def adult_name(rng: random.Random) -> str:
    return rng.choice(ADULTS)


def is_fictional_surname(name: str) -> bool:
    return any(part in name for part in FICTIONAL_PARTS)


def bsn_from_body(body: int) -> str:
    """The nine-digit BSN with `body` as its first eight digits, or "" if no check digit fits."""
    digits = f"{body:08d}"
    check = sum(int(d) * w for d, w in zip(digits, _WEIGHTS, strict=True)) % 11
    return "" if check == 10 else f"{digits}{check}"


def random_seed_bsn(rng: random.Random) -> str:
    """A valid BSN from the seed range; about one draw in eleven needs a second try."""
    while True:
        bsn = bsn_from_body(rng.randrange(SEED_BSN_BODIES.start, SEED_BSN_BODIES.stop))
        if bsn:
            return bsn
