"""Post-Soviet person names: parse, derive the father's given name, match across scripts and spellings.

CONTRACT (relied on by kin inference, extraction, resolution and search — keep it, extend compatibly):

    @dataclass
    class ParsedName:
        raw: str
        given: str | None           # "Жандос"; double given names kept whole ("Қасым-Жомарт")
        patronymic: str | None      # "Бахытбекович", "Кемелұлы", "Кемел ұлы" (joined as written)
        surname: str | None         # as written, title-cased ("ИМАНАЛИЕВ" -> "Иманалиев")
        gender: str | None          # "m" | "f" | None
        father_given: str | None    # nominative, same script as input ("Бахытбек", "Сергей", "Мәжит")
        script: str | None          # "cyrillic" | "latin" | "mixed" | None
        order: str | None           # e.g. "given patronymic surname", "surname given patronymic",
                                    #      "given surname", "surname given", "surname initials", "single"
        keys: dict[str, str | None] # {"name", "given", "surname", "father_given"}: script- and
                                    # spelling-independent ASCII match keys
        problems: list[str]         # what could not be parsed (empty when all is well)
        def to_dict(self) -> dict   # JSON-ready, includes all fields above

    parse_name(text: str) -> ParsedName               # never raises on bad input; problems say why
    parse_names(texts: Iterable[str]) -> list[ParsedName]   # bulk, with caches (>= 30k names/s)
    parse_fields(text: str) -> NameFields             # the fields bulk jobs read, fast path for plain names
    parse_fields_many(texts) -> list[NameFields]      # the same for many, three-word names from their words
    prime(words: Iterable[str]) -> None               # fold many words in one pass before parsing them
    given_key(given: str) -> str                      # key of a given name
    surname_key(surname: str) -> str                  # gender-neutral surname root key
    surname_form(surname: str) -> str                 # class of the cut ending: "ov", "in", "adj" or ""
    latin_variants(text: str, limit: int = 50) -> list[str]  # plausible Latin spellings
    nominative(text: str) -> str                      # Russian inflected name -> nominative

Key invariants: given_key and surname_key share one key space, so a surname built from a given name
matches it (surname_key("Emomali") == given_key("Emomali"); Kazakh suffix-dropping: surname_key of
Жанбулатов, Жанбулат and Zhanbulatov are equal), and the father_given key of a patronymic equals the
given key of the father's name (Бахытбекович, Бахытбекұлы, Bakhytbekovich -> given_key("Бахытбек")).
"""

from .keys import fold, given_key, loose, prime, surname_form, surname_gender, surname_key
from .morph import nominative
from .parse import (NameFields, ParsedName, initial_key, is_initial, parse_fields, parse_fields_many, parse_name,
                    parse_names)
from .patronymic import father_given_name
from .variants import latin_variants

__all__ = [
    "NameFields",
    "ParsedName",
    "father_given_name",
    "fold",
    "given_key",
    "initial_key",
    "is_initial",
    "latin_variants",
    "loose",
    "nominative",
    "parse_fields",
    "parse_fields_many",
    "parse_name",
    "parse_names",
    "prime",
    "surname_form",
    "surname_gender",
    "surname_key",
]
