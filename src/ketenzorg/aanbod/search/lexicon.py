"""The curated Dutch vocabulary of opvoeden and opgroeien that the analyzer splits compounds with.

Snowball stems words, it does not split them: "slaapproblemen" stems to "slaapproblem", which
shares nothing with "slapen" ("slaap"). Dutch writes its compounds as one word, so the analyzer
splits a word into parts it knows from this list (with the linking -s-, -e- or -en- between
them). The list is fixed and versioned with the code, not read from the catalogue: the stored
search terms then depend only on a programme's own text, and a change here is followed by
`ketenzorg aanbod_reindex` (docs/aanbod.md).

`PARTS` are surface forms (lowercase, accents folded). `LEMMAS` overrule the stemmer where it
goes wrong for this domain: the newer Dutch Snowball strips "ge-" ("gezin" → "zin", which then
matches "zin" as in "zin in"), keeps "kinderen" apart from "kind" and "probleem" apart from
"problemen".
"""

from __future__ import annotations

PARTS = frozenset(
    """
    aandacht advies adhd alcohol angst angsten autisme avond baby babys bed begeleiding behandeling
    beperking bevalling bewegen bezoek boos boosheid borst broer broers bui buien buddy buurt
    coach coaching contact crisis cursus cursussen dag dagen dochter drift drug drugs dyslexie
    echt eet eten emotie emoties faal familie fles gedrag geld gesprek gesprekken geweld gezin
    gezinnen gevoel gevoelens game gamen groei groep groepen hechting hulp huil huilen huis
    inloop jeugd jong jongen jongeren kind kinder kinderen kleuter kleuters koken leer leren lees
    lezen lichaam maatje mantelzorg media meiden meisje mentor moeder moeders muziek netwerk
    omgang ondersteuning ontwikkeling opvang opvoed opvoeden opvoeding ouder ouderschap ouders partner pest
    pesten peuter peuters plassen praat praten probleem problemen puber pubers relatie relaties
    rouw ruzie samen scheiding scherm school schulden schuld seksualiteit slaap slapen spel
    speel spelen sport spreekuur steun stress taal therapie thuis tiener tieners tijd training
    trainingen vader vaders vaardigheden vaardigheid veilig veiligheid verblijf verlies verslaving
    verzuim video voeding vraag vragen voorlees vriend vrienden vriendschap weerbaar weerbaarheid woede zaal
    zindelijk zindelijkheid zorg zorgen zus zussen zwanger zwangerschap
    """.split()
)

# word -> the term it stands for, before (instead of) stemming.
LEMMAS = {
    "gezin": "gezin",
    "gezinnen": "gezin",
    "gezins": "gezin",
    "kinderen": "kind",
    "kinder": "kind",
    "probleem": "problem",
    "problemen": "problem",
    "gepest": "pest",
    "pesten": "pest",
    "weerbaarheid": "weerbaar",
    "weerbaar": "weerbaar",
    "geweld": "geweld",
    "gedrag": "gedrag",
    "gevoel": "gevoel",
    "gevoelens": "gevoel",
    "gesprek": "gesprek",
    "gesprekken": "gesprek",
    "gezondheid": "gezond",
    "gezond": "gezond",
    "geld": "geld",
    "babys": "baby",
    "huilt": "huil",
    "scheiding": "scheid",
    "puberteit": "puber",
}

# The Dutch stop words of Snowball's list, accents folded: words that carry no meaning in a search.
STOP_WORDS = frozenset(
    """
    aan al alles als altijd andere ben bij daar dan dat de der deze die dit doch doen door dus
    een eens en er ge geen geweest haar had heb hebben heeft hem het hier hij hoe hun iemand iets
    ik in is ja je kan kon kunnen maar me meer men met mij mijn moet na naar niet niets nog nu of
    om omdat onder ons ook op over reeds te tegen toch toen tot u uit uw van veel voor want waren
    was wat werd wezen wie wil worden wordt zal ze zelf zich zij zijn zo zonder zou
    """.split()
)
