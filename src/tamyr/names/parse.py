"""Parse a post-Soviet person name into given name, patronymic, surname; derive gender, father's name and keys.

Orders handled: "Given Patronymic Surname", "Surname Given Patronymic" (registries), "SURNAME Given Patronymic",
"Surname, Given Patronymic", initials ("Иманалиев Ж.Б.", "Ж.Б. Иманалиев"), double given names
("Қасым-Жомарт", "Қасым Жомарт Кемелұлы Тоқаев"), hyphenated surnames, separate Turkic particles ("Кемел ұлы").
Bad input never raises: `problems` says what was dropped or guessed.
"""

from __future__ import annotations

import contextlib
import gc
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Iterable, Iterator, NamedTuple

from .keys import given_key, loose, name_key, surname_form, surname_gender, surname_key
from .morph import given_name_evidence
from .patronymic import Patronymic, is_particle, patronymic_info

MAX_CHARS = 300          # longer input is cut: no real name is longer, and 10 kB "names" must stay cheap
MAX_TOKENS = 6
MAX_WORD = 40           # the longest real name words (Kazakh compounds) are ~20 letters

_CYR = re.compile(r"[\u0400-\u052f]")
_LAT = re.compile(r"[A-Za-z\u00c0-\u024f]")
# An initial: one letter and a dot, or a Latin digraph that writes one Cyrillic letter ("Zh." for Ж, "Sh."
# for Ш, "Kh." for Х, "Yu." for Ю ...); "Ж.Б." and "Zh.B." are two.
_INITIAL = r"(?:(?:Shch|Dzh|Zh|Sh|Ch|Kh|Ts|Yu|Ya|Ye|Yo|Iu|Ia|[^\W\d_])\.)"
_INITIALS = re.compile(rf"^{_INITIAL}{{1,3}}[^\W\d_]?$|^[^\W\d_]$")
_PAREN = re.compile(r"\([^)]*\)?|\[[^\]]*\]?")
_DIGITS = re.compile(r"\d+")
_CAMEL = re.compile(r"(?<=[a-zа-яёәғқңөұүһі])[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]")
_JUNK = re.compile(r"[^\w\s\-‐‑'’ʻʼ‘`.,]|_")
# Russian patronymics in an oblique case (Бахытбековича, Сергеевичу, Ивановной): text, not a list entry
_OBLIQUE_PATR = re.compile(r"(?:ович|евич|ич)(?:а|у|ем|е)$|(?:овн|евн|ичн)(?:ы|е|ой|у)$", re.I)

# Latin letters that look like Cyrillic ones (and back), for tokens typed with a mixed keyboard ("Cерік")
_LAT2CYR = str.maketrans("aceopxyiABCEHKMOPTXY", "асеорхуіАВСЕНКМОРТХУ")
_CYR2LAT = str.maketrans("асеорхуіАВСЕНКМОРТХУ", "aceopxyiABCEHKMOPTXY")


@dataclass
class ParsedName:
    raw: str
    given: str | None = None
    patronymic: str | None = None
    surname: str | None = None
    gender: str | None = None
    father_given: str | None = None
    script: str | None = None
    order: str | None = None
    keys: dict = field(default_factory=dict)
    problems: list = field(default_factory=list)
    # extension: consonant-skeleton keys for Kazakh <-> Russian spelling drift (Утегулович/Өтеғұлұлы);
    # for candidate generation only — they merge distinct names (Марат/Мурат)
    loose_keys: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return asdict(self)


def _script_of(text: str) -> str | None:
    cyr, lat = bool(_CYR.search(text)), bool(_LAT.search(text))
    if cyr and lat:
        return "mixed"
    return "cyrillic" if cyr else "latin" if lat else None


def _titled(token: str) -> str:
    """ИМАНАЛИЕВ -> Иманалиев, қасым-жомарт -> Қасым-Жомарт; mixed-case spellings (McLean) stay as written."""
    if not (token.isupper() or token.islower()):
        return token
    if "'" not in token and "’" not in token:
        return token.title()
    out, start = [], True
    for ch in token:
        out.append(ch.upper() if start else ch.lower())
        start = ch in "- ‐‑"
    return "".join(out)


def _repair_token(token: str, problems: list[str]) -> str:
    """Fix a token that mixes Cyrillic and Latin look-alike letters; report what could not be fixed."""
    cyr = len(_CYR.findall(token))
    lat = len(_LAT.findall(token))
    if not cyr or not lat:
        return token
    fixed = token.translate(_LAT2CYR if cyr >= lat else _CYR2LAT)
    if _script_of(fixed) == "mixed":
        problems.append(f"mixed scripts in one word: {token!r}")
        return token
    problems.append(f"look-alike letters of the other script fixed: {token!r} -> {fixed!r}")
    return fixed


def _clean(text: object, problems: list[str]) -> str:
    if text is None:
        problems.append("no name given (None)")
        return ""
    if not isinstance(text, str):
        problems.append(f"not text: {type(text).__name__}")
        text = str(text)
    if len(text) > MAX_CHARS:
        problems.append(f"name too long ({len(text)} characters); only the first {MAX_CHARS} were parsed")
        text = text[:MAX_CHARS]
    if not text.isprintable() and any(unicodedata.category(c)[0] == "C" for c in text):
        # line breaks and tabs separate words; other control/format characters (NUL, zero-width) are deleted
        text = "".join(" " if c in "\t\n\r\x0b\x0c\x85\u2028\u2029" else c for c in text
                       if c in "\t\n\r\x0b\x0c\x85\u2028\u2029" or unicodedata.category(c)[0] != "C")
        problems.append("control characters removed")
    text = unicodedata.normalize("NFC", text)
    if "(" in text or "[" in text:
        for m in _PAREN.findall(text):
            problems.append(f"ignored bracketed text {m!r}")
        text = _PAREN.sub(" ", text)
    if _DIGITS.search(text):
        problems.append(f"digits removed: {' '.join(_DIGITS.findall(text))}")
        text = _DIGITS.sub(" ", text)
    if _JUNK.search(text):
        problems.append(f"characters ignored: {''.join(sorted(set(_JUNK.findall(text))))!r}")
        text = _JUNK.sub(" ", text)
    return text


def _tokens(text: str, problems: list[str]) -> tuple[list[str], int | None]:
    """Split into words; return (tokens, index of the first token after a comma or None)."""
    comma_at = None
    out: list[str] = []
    chunks = text.split(",") if "," in text else (text,)
    for n, chunk in enumerate(chunks):
        if n == 1 and out:
            comma_at = len(out)
        for w in chunk.split():
            words, notes = _word(w)
            out.extend(words)
            if notes:
                problems.extend(notes)
    if comma_at is not None and comma_at >= len(out):
        comma_at = None
    return out, comma_at


@lru_cache(maxsize=1 << 18)
def _word(tok: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """One written word -> the name words it stands for, and what had to be fixed (cached: words repeat)."""
    problems: list[str] = []
    if not _INITIALS.match(tok):
        tok = tok.strip("-‐‑.'’ ")
    if not tok or not any(c.isalpha() for c in tok):
        return (), ()
    if len(tok) > MAX_WORD:
        return (), (f"word too long ({len(tok)} letters) ignored: {tok[:20]!r}...",)
    tok = _repair_token(tok, problems)
    glued = _CAMEL.search(tok)
    if glued and patronymic_info(tok[glued.start():]):           # "ZagipaYahyanovna": a lost space
        problems.append(f"missing space restored: {tok!r}")
        return (tok[: glued.start()], tok[glued.start():]), tuple(problems)
    if re.fullmatch(rf"{_INITIAL}{{2,3}}", tok):              # "Ж.Б." -> "Ж." "Б."
        return tuple(p + "." for p in tok.split(".") if p), tuple(problems)
    return (tok,), tuple(problems)


def _drop_context_words(tokens: list[str], problems: list[str]) -> tuple[list[str], bool]:
    """'сына Бахытбека Иманалиева' -> drop lowercase words when some words are capitalised."""
    has_upper = has_lower = False
    for t in tokens:
        if t.islower():
            has_lower = True
        elif t[:1].isupper():
            has_upper = True
    if not (has_upper and has_lower):
        return tokens, False
    keep = [t for t in tokens if not t.islower() or is_particle(t) or _INITIALS.match(t)]
    dropped = [t for t in tokens if t not in keep]
    if dropped:
        problems.append(f"ignored words: {' '.join(dropped)}")
    return keep, bool(dropped)


def _merge_particles(tokens: list[str]) -> list[str]:
    if not any(is_particle(t) for t in tokens):
        return tokens
    out: list[str] = []
    for tok in tokens:
        if out and is_particle(tok) and not is_particle(out[-1]):
            out[-1] = f"{out[-1]} {tok}"
        else:
            out.append(tok)
    return out


@lru_cache(maxsize=1 << 18)
def _oblique(token: str) -> bool:
    return bool(_OBLIQUE_PATR.search(token))


@lru_cache(maxsize=1 << 18)
def _is_initial(token: str) -> bool:
    return bool(_INITIALS.match(token))


def is_initial(token: str) -> bool:
    """Whether a name word is written as initials: "Ж.", "Ж.Б.", "Zh.", "B"."""
    return isinstance(token, str) and _is_initial(token)


# The first letter of a name as its initial is written: one Cyrillic letter, or a Latin letter or the digraph
# that writes one Cyrillic letter (Zhandos, Shamil, Yuriy, Yevgeniy). "Dzh" is left out: Latin documents
# abbreviate Dzhambul as "D.", the initial of Джамбул.
_FIRST_UNIT = re.compile(r"(?:Shch|Zh|Sh|Ch|Kh|Ts|Yu|Ya|Ye|Yo|Iu|Ia)|[^\W\d_]")


@lru_cache(maxsize=1 << 16)
def initial_key(word: str | None) -> str | None:
    """The key of a name's initial, the same for the name written out and for its initial in any script:
    "Жандос", "Zhandos", "Ж.", "Zh." -> "j"; "Юрий", "Yuriy", "Iurii", "Ю." -> "iu"; None for no letter."""
    if not word:
        return None
    word = word.strip()
    word = word[:1].upper() + word[1:5].lower()
    m = _FIRST_UNIT.match(word)
    return (given_key(m.group(0)) or None) if m else None


_SURNAME_LIKE_PATRONYMIC = re.compile(r"(?:vych|vich|ych|ich)$", re.IGNORECASE)


def _surname_score(token: str, others: list[str]) -> int:
    """How much a token looks like a surname: gendered ending, written in capitals among mixed-case words;
    an initial never is one ("В." is a capital, not a surname in capitals). A first name of the dictionary
    takes off what _given_name_penalty says, where _assign asks for it."""
    if _is_initial(token):
        return -1
    score = 0
    if surname_gender(token) and not re.search(r"(?:ин|ын|ін|in|yn|ина|ына|іна|ina|yna)$", token, re.I):
        score += 2          # -ов/-ев/-ский are strong; -ин/-ін is weak (Aydin, Amin, Нурдин, Антоніна are given names)
    if len(token) > 1 and token.isupper() and any(not o.isupper() for o in others):
        score += 3
    return score


def _given_name_penalty(token: str) -> int:
    """What a first name of the Russian dictionary takes off a word's surname score (_surname_score): its
    -ий is no adjectival surname ending (Дмитрий, Юрий), and a word that is only a first name is less a
    surname than a word the dictionary does not know ("Олександр Мельник"; "Богдан Мороз": Богдан is also
    a surname, so less)."""
    evidence = given_name_evidence(token)
    return 3 if evidence == 2 else evidence


def _assign(tokens: list[str], comma_at: int | None, script: str | None, problems: list[str]):
    """Return (given, patronymic, surname, order, patronymic_info or None)."""
    n = len(tokens)
    initial = [_is_initial(t) for t in tokens]
    infos: list[Patronymic | None] = [None if i else patronymic_info(t) for t, i in zip(tokens, initial)]

    # only initials beside one word: "Иманалиев Ж.Б.", "Ж. Б. Иманалиев"
    full = [i for i, is_initial in enumerate(initial) if not is_initial]
    if n >= 2 and len(full) == 1:
        s = full[0]
        inits = [t for i, t in enumerate(tokens) if i != s]
        order = "surname initials" if s == 0 else "initials surname"
        return inits[0], (inits[1] if len(inits) > 1 else None), tokens[s], order, None

    if comma_at is not None:                         # "Иманалиев, Жандос Бахытбекович"
        surname = " ".join(tokens[:comma_at])
        rest = tokens[comma_at:]
        if len(rest) >= 2 and (infos[-1] or _is_initial(rest[-1]) or len(rest) == 2):
            return " ".join(rest[:-1]), rest[-1], surname, "surname, given patronymic", infos[-1]
        return " ".join(rest), None, surname, "surname, given", None

    if n == 1:
        tok = tokens[0]
        if infos[0]:
            problems.append("only a patronymic")
            return None, tok, None, "single", infos[0]
        if surname_gender(tok):
            return None, None, tok, "single", None
        problems.append("one word only: taken as the given name")
        return tok, None, None, "single", None

    pats = [i for i, info in enumerate(infos) if info]
    middle = [i for i in pats if 0 < i < n - 1]
    if middle:
        p = middle[0]
        return " ".join(tokens[:p]), tokens[p], " ".join(tokens[p + 1:]), "given patronymic surname", infos[p]
    if pats and pats[-1] == n - 1:
        p = n - 1
        if n == 2:
            if script == "latin" and infos[p].gender == "m" and _SURNAME_LIKE_PATRONYMIC.search(tokens[1]):
                # "Viktor Yanukovych", "Roman Abramovich": Latin lists write given name + surname, and
                # -vych/-vich/-ych surnames end like patronymics; with no other surname it is the surname.
                return tokens[0], None, tokens[1], "given surname", None
            return tokens[0], tokens[1], None, "given patronymic", infos[p]
        if (n == 3 and script == "latin" and _is_initial(tokens[1]) and _SURNAME_LIKE_PATRONYMIC.search(tokens[2])
                and _surname_score(tokens[0], tokens[1:]) == 0):
            # "Viktor F. Yanukovych": a Latin given name, a middle initial, a surname ending like a patronymic
            return tokens[0], tokens[1], tokens[2], "given patronymic surname", None
        return " ".join(tokens[1:p]), tokens[p], tokens[0], "surname given patronymic", infos[p]

    # no recognisable patronymic: where is the surname?
    first = _surname_score(tokens[0], tokens[1:])
    last = _surname_score(tokens[-1], tokens[:-1])
    # The dictionary of first names is asked only where it can turn the choice, about the word that would
    # be taken as the surname: in a tie, or when that word wins by its gendered ending alone and is one a
    # first name can be: an adjectival -ий (Дмитрий, Юрий) or a short -ов/-ев (Лев, Любов). Asking about
    # every -ов surname would cost a dictionary lookup per long-tail surname.
    pick = 0 if first > last or (first == last and script != "latin") else n - 1
    won = first if pick == 0 else last
    # In a tie the other word is asked too (mostly a given name, so a word already seen): a first name there
    # settles the order, which is then no guess.
    if first == last or (won == 2 and (len(tokens[pick]) <= 5 or surname_form(tokens[pick]) == "")):
        penalty = _given_name_penalty(tokens[pick])
        if penalty or first == last:
            other_penalty = _given_name_penalty(tokens[n - 1 - pick])
            first -= penalty if pick == 0 else other_penalty
            last -= other_penalty if pick == 0 else penalty
    if first != last:
        surname_first = first > last
    elif n == 3 and _is_initial(tokens[1]) and not _is_initial(tokens[0]):
        surname_first = False        # "Viktor F. Yanukovych", "Александр В. Елипустин": a middle initial
    else:
        surname_first = script != "latin"            # Cyrillic lists are surname-first, Latin text given-first
        if first <= 0:         # no sign either way (or both words first names of the dictionary)
            problems.append("order guessed: " + ("surname first" if surname_first else "given name first"))
    if n == 2:
        if surname_first:
            return tokens[1], None, tokens[0], "surname given", None
        return tokens[0], None, tokens[1], "given surname", None
    body = tokens[1:] if surname_first else tokens[:-1]
    surname = tokens[0] if surname_first else tokens[-1]
    if n == 3:
        if not _is_initial(body[1]):
            problems.append(f"{body[1]!r} has no patronymic suffix: taken as the father's given name")
        order = "surname given patronymic" if surname_first else "given patronymic surname"
        return body[0], body[1], surname, order, None
    problems.append(f"{n} words: the middle words are taken as the given name")
    return " ".join(body), None, surname, "surname given" if surname_first else "given surname", None


def parse_name(text: str, *, inflected: bool | None = None) -> ParsedName:
    """Parse one name. `inflected`: True to put Russian case forms into the nominative first (pymorphy3),
    None (default) to do so only when the text shows it (an oblique patronymic, lowercase context words)."""
    problems: list[str] = []
    try:
        return _parse(text, problems, inflected)
    except Exception as exc:  # noqa: BLE001 — the contract: bad input never raises
        problems.append(f"could not parse: {type(exc).__name__}: {exc}")
        return ParsedName(raw=text if isinstance(text, str) else repr(text), problems=problems,
                          keys=_empty_keys(), loose_keys=_empty_keys())


def _empty_keys() -> dict:
    return {"name": None, "given": None, "surname": None, "father_given": None}


class NameFields(NamedTuple):
    """What bulk jobs (kin inference) read of a parsed name (a named tuple: built a million times a run, and
    a tuple is built several times faster than a frozen dataclass)."""
    given: str | None
    patronymic: str | None
    surname: str | None
    father_given: str | None
    gender: str | None
    keys: dict
    problems: tuple[str, ...]


def _fields(tokens: list[str], comma_at: int | None, script: str,
            problems: list[str]) -> tuple[NameFields, str | None]:
    """The parts of a cleaned, tokenised name, its father's name, gender and keys; and the order read."""
    given, patronymic, surname, order, info = _assign(tokens, comma_at, script, problems)
    given_t = _titled(given) if given else None
    surname_t = _titled(surname) if surname else None
    patronymic_t = None
    if patronymic:
        words = patronymic.split()
        patronymic_t = " ".join([_titled(words[0])] + words[1:])
    father = None
    if info:
        father = _titled(info.father) if info.father else None
    elif patronymic and not _is_initial(patronymic):
        father = _titled(patronymic)                 # suffixless patronymic (Decree 2923): the father's name

    # gender: the patronymic says it surely; the surname ending says it otherwise
    s_gender = surname_gender(surname_t) if surname_t else None
    if info:
        gender = info.gender
        if s_gender and s_gender != info.gender:
            problems.append(f"patronymic says {info.gender}, surname ending says {s_gender}")
    else:
        gender = s_gender

    g_key = given_key(given_t) if given_t and not _is_initial(given_t) else None
    s_key = surname_key(surname_t) if surname_t else None
    f_key = given_key(father) if father else None
    keys = {"name": name_key(g_key, s_key), "given": g_key or None, "surname": s_key or None,
            "father_given": f_key or None}
    return NameFields(given_t, patronymic_t, surname_t, father, gender, keys, tuple(problems)), order


def _parse(text: str, problems: list[str], inflected: bool | None) -> ParsedName:
    raw = text if isinstance(text, str) else ("" if text is None else str(text))
    cleaned = _clean(text, problems)
    tokens, comma_at = _tokens(cleaned, problems)
    result = ParsedName(raw=raw, keys=_empty_keys(), loose_keys=_empty_keys(), problems=problems)
    if not tokens:
        if not problems or raw.strip() == "":
            problems.append("empty name")
        else:
            problems.append("no letters left to parse")
        return result
    tokens, had_context = _drop_context_words(tokens, problems)
    if inflected or (inflected is None and (had_context or any(_oblique(t) for t in tokens))):
        if _script_of(" ".join(tokens)) == "cyrillic":
            from .morph import nominative_tokens

            nom = nominative_tokens(tokens)
            if nom != tokens:
                problems.append(f"case forms put in the nominative: {' '.join(tokens)} -> {' '.join(nom)}")
                tokens = nom
    tokens = _merge_particles(tokens)
    if len(tokens) > MAX_TOKENS:
        problems.append(f"{len(tokens)} words: only the first {MAX_TOKENS} were parsed")
        tokens = tokens[:MAX_TOKENS]
        comma_at = comma_at if comma_at is not None and comma_at < MAX_TOKENS else None
    script = _script_of(" ".join(tokens))
    result.script = script

    f, result.order = _fields(tokens, comma_at, script, problems)
    result.given, result.patronymic, result.surname = f.given, f.patronymic, f.surname
    result.father_given, result.gender, result.keys = f.father_given, f.gender, f.keys
    g_key, s_key, f_key = f.keys["given"], f.keys["surname"], f.keys["father_given"]
    lg = loose(g_key) if g_key else None
    ls = loose(s_key) if s_key else None
    result.loose_keys = {"name": name_key(lg, ls), "given": lg, "surname": ls,
                         "father_given": loose(f_key) if f_key else None}
    return result


_CACHE: dict[str, ParsedName] = {}
_CACHE_MAX = 1 << 18


def _copy(p: ParsedName) -> ParsedName:
    return ParsedName(p.raw, p.given, p.patronymic, p.surname, p.gender, p.father_given, p.script, p.order,
                      dict(p.keys), list(p.problems), dict(p.loose_keys))


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """The cyclic garbage collector paused (and restored after): a bulk parse allocates millions of small
    objects while the caches hold millions more, and each collection would scan them all (on a registry of
    distinct names that was most of the time)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def parse_names(texts: Iterable[str]) -> list[ParsedName]:
    """Parse many names; repeated names and tokens are served from caches (with ``gc_paused``)."""
    with gc_paused():
        return _parse_names(texts)


def _parse_names(texts: Iterable[str]) -> list[ParsedName]:
    out: list[ParsedName] = []
    cache = _CACHE
    for text in texts:
        hit = cache.get(text) if isinstance(text, str) else None
        if hit is None:
            hit = parse_name(text)
            if isinstance(text, str):
                if len(cache) >= _CACHE_MAX:
                    cache.clear()
                cache[text] = hit
        out.append(_copy(hit))
    return out


# -- a fast path for bulk jobs ---------------------------------------------------------------------------

# Two or three plain words of letters (hyphens and apostrophes inside a word allowed), one space apart: the
# shape of nearly every registry name. Such a name needs no cleaning, tokenising or context handling.
_WORD = r"[^\W\d_]{2,40}(?:[-'’][^\W\d_]+)*"
_PLAIN = re.compile(rf"{_WORD}(?: {_WORD}){{1,2}}")


@lru_cache(maxsize=1 << 18)
def _plain_word(tok: str) -> bool:
    """A word the full parser would take as it is: one script, no glued second word, not an inflected
    patronymic, not a lowercase context word, not a Turkic particle."""
    if tok.islower() or _oblique(tok) or is_particle(tok):
        return False
    if _CYR.search(tok) and _LAT.search(tok):
        return False
    glued = _CAMEL.search(tok)
    return not (glued and patronymic_info(tok[glued.start():]))


def parse_fields(text: str) -> NameFields:
    """``parse_name`` without the fields bulk jobs do not read (order, script, loose keys): the same
    given name, patronymic, surname, father's name, gender, keys and problems, faster for plain names
    ("Surname Given Patronymic" and the like), which skip cleaning and tokenising; any other name goes
    through ``parse_name``."""
    if isinstance(text, str) and _PLAIN.fullmatch(text):
        tokens = text.split(" ")
        if all(_plain_word(t) for t in tokens):
            return _fields(tokens, None, _script_of(text), [])[0]
    p = parse_name(text)
    return NameFields(p.given, p.patronymic, p.surname, p.father_given, p.gender, p.keys, tuple(p.problems))


# one word of _PLAIN; one initial letter with its dot
_PLAIN_WORD = re.compile(_WORD)
_ONE_INITIAL = re.compile(r"[^\W\d_]\.")


class WordReading(NamedTuple):
    """What the parser reads of one word of a plain name, for assembling such names from their words (kin
    inference does it in SQL for a whole registry, tamyr.kin.keys; tests hold the result to ``parse_fields``).

    The plain names read this way: three plain words one space apart, the second or else the third a
    patronymic (Given Patronymic Surname, Surname Given Patronymic: ``_three_words``); one plain word beside
    one or two initials ("Ігнатенко Ю. В.", "Ю. В. Ігнатенко": the initials are the given name and the
    patronymic, in order, the word the surname: ``_assign``)."""
    titled: str                     # the word as the parsed fields write it (_titled)
    patronymic: Patronymic | None   # a plain word's patronymic reading
    father: str | None              # the father's name it gives, as the parsed fields write it
    plain: bool                     # a plain word (else an initial)


def word_reading(word: str) -> WordReading | None:
    """The reading of one word of a plain name, or None for a word that is neither a plain word (one script,
    capitalised, not an inflected patronymic or a particle) nor a one-letter initial in capitals ("Ж.")."""
    return _word_reading(word) if isinstance(word, str) else None


@lru_cache(maxsize=1 << 18)
def _word_reading(word: str) -> WordReading | None:
    if _PLAIN_WORD.fullmatch(word):
        if not _plain_word(word):
            return None
        info = patronymic_info(word)
        return WordReading(_titled(word), info, _titled(info.father) if info and info.father else None, True)
    if _ONE_INITIAL.fullmatch(word) and word[0].isupper() and _is_initial(word):
        return WordReading(_titled(word), None, None, False)
    return None


def parse_fields_many(texts: Iterable[str]) -> list[NameFields]:
    """``parse_fields`` of each text, the same fields; names of three plain words with a patronymic
    ("Surname Given Patronymic", "Given Patronymic Surname": nearly every registry name) are assembled from
    what is known of each word (parsed once per distinct word) instead of parsed one by one; any other name
    goes through ``parse_fields``."""
    return [_three_words(t) or parse_fields(t) for t in texts]


def _three_words(text: object) -> NameFields | None:
    """The fast path of parse_fields_many, or None where it does not apply (the result is then
    parse_fields's; tests/test_names_fields_many.py holds the two paths to one result)."""
    if not isinstance(text, str) or text.count(" ") != 2 or not _PLAIN.fullmatch(text):
        return None
    r0, r1, r2 = (_word_reading(t) for t in text.split(" "))   # plain words (_PLAIN) or None
    if r0 is None or r1 is None or r2 is None:
        return None
    if r1.patronymic:                 # _assign: a patronymic in the middle
        given, pat, surname = r0, r1, r2
    elif r2.patronymic:               # the last word: surname first (_PLAIN admits no initial ("Ж.", two
                                      # letters at least, no dot), so no Latin special case)
        given, pat, surname = r1, r2, r0
    else:
        return None
    # _fields, for one word each
    given_t, surname_t, patronymic_t = given.titled, surname.titled, pat.titled
    father, info = pat.father, pat.patronymic
    s_gender = surname_gender(surname_t)
    problems = (f"patronymic says {info.gender}, surname ending says {s_gender}",) \
        if s_gender and s_gender != info.gender else ()
    g_key = given_key(given_t)
    s_key = surname_key(surname_t)
    f_key = given_key(father) if father else None
    keys = {"name": name_key(g_key, s_key), "given": g_key or None, "surname": s_key or None,
            "father_given": f_key or None}
    return NameFields(given_t, patronymic_t, surname_t, father, info.gender, keys, problems)
