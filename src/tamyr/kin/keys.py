"""Name keys for kin inference: each distinct name is parsed once (``tamyr.names``), then all joins are SQL.

Table ``persons``: pid (the registry line: unique, in file order), id, line, name, given, patronymic,
surname, father_given, given_key, father_key, surname_key, gender, birth_year, org, given_initial and
father_initial (the keys of the given name's and the patronymic's initials: ``tamyr.names.initial_key``), and
initials (the given name is written as an initial: "Елипустин А. В."). Table ``surnames``: pid, skey,
is_main — one row per surname key a person is known by: the surname, plus a maiden name written in
parentheses ("Maria Vladimirovna VORONTSOVA (born PUTINA)").
"""

from __future__ import annotations

import multiprocessing as mp
import os
import re

import pyarrow as pa

from ..names.parse import gc_paused
from .load import SkipReport

# "(born PUTINA)", "(née Ivanova)", "(урожд. Петрова)", "(SIAMASHKA)": a former (maiden) surname.
_PARENS = re.compile(r"\(([^()]*(?:\([^()]*\)[^()]*)*)\)")
_MAIDEN_WORDS = re.compile(r"^(born|nee|née|maiden name|урожд\.?|урождённая|урожденная|дев\.?|девичья фамилия)\s+",
                           re.IGNORECASE)
_LETTERS = re.compile(r"^[^\W\d_]+(?:[-'’][^\W\d_]+)*$")


def split_former_surnames(name: str) -> tuple[str, list[str]]:
    """Name without parenthesised parts, and the former surnames those parts state.

    "Elena Petrovna TIMCHENKO (born ERMAKOVA (YERMAKOVA))" -> ("Elena Petrovna TIMCHENKO", ["ERMAKOVA", "YERMAKOVA"]).
    Parenthesised text that is not one word (e.g. "(Russian: Марина Владимировна СЕЧИНА)") is dropped.
    """
    if "(" not in name:
        return name, []
    former: list[str] = []
    for inner in _PARENS.findall(name):
        text = _MAIDEN_WORDS.sub("", inner.strip())
        for part in re.split(r"[()]", text):
            part = part.strip()
            if part and _LETTERS.match(part):
                former.append(part)
    return re.sub(r"\s+", " ", _PARENS.sub(" ", name)).strip(), former


COLUMNS = ("name", "given", "patronymic", "surname", "father_given", "given_key", "father_key", "surname_key",
           "surname_form", "gender", "given_initial", "father_initial", "problem")
# Registries with at least this many distinct names are parsed in one process per core, CHUNK names at a time.
PARALLEL_MIN = 50_000
CHUNK = 500_000


def _parse_rows(names: list[str], names_module=None) -> list[tuple[tuple, list[tuple[str, str]]]]:
    """Each distinct name -> (a row of COLUMNS, [(former surname key, its ending class)]).

    Called with the cyclic garbage collector paused (build_keys; forked workers inherit that): parsing
    allocates millions of small tuples and the name caches hold millions more, which each collection
    would scan (it took ~45 % of the time)."""
    if names_module is None:
        import tamyr.names as names_module
    surname_key = names_module.surname_key
    surname_form = getattr(names_module, "surname_form", lambda _s: "")
    is_initial = getattr(names_module, "is_initial", lambda _s: False)
    initial_key = getattr(names_module, "initial_key", lambda _s: None)
    cleaned, former = zip(*(split_former_surnames(n) for n in names)) if names else ((), ())
    prime = getattr(names_module, "prime", None)
    if prime is not None:                  # the words' keys in one pass each (names mostly distinct)
        prime(w for text in cleaned for w in text.split())
    # the names are distinct: parse each once, without the bulk cache (and its copies), by the fast paths
    # for plain names when the module has them (three-word names assembled from their words)
    many = getattr(names_module, "parse_fields_many", None)
    parse_one = getattr(names_module, "parse_fields", None) or getattr(names_module, "parse_name", None)
    parsed = many(list(cleaned)) if many else [parse_one(c) for c in cleaned] if parse_one \
        else names_module.parse_names(list(cleaned))
    out = []
    for raw, p, former_names in zip(names, parsed, former):
        keys = p.keys or {}
        gk, sk, fk = keys.get("given"), keys.get("surname"), keys.get("father_given")
        patronymic, father_given, surname = p.patronymic, p.father_given, p.surname
        if surname is None and patronymic and gk and len(raw.split()) == 2:
            # Kin-specific normalisation: "Viktor Yanukovych" is a given name and a surname that merely
            # ends like a patronymic; with no third part there is no patronymic to read a father from.
            surname, patronymic, father_given, fk = patronymic, None, None, None
            sk = surname_key(surname)
        problem = None
        # a name written with initials ("Елипустин А. В.") is kept, the only kept rows without a given name key,
        # to be joined to the one full name of its surname it fits, if there is one (the pipeline's identities)
        if not sk or not (gk or is_initial(p.given)):
            problem = "name has no given name and surname" + (f" ({'; '.join(p.problems)})" if p.problems else "")
        row = (raw, p.given, patronymic, surname, father_given, gk or None, fk or None, sk or None,
               surname_form(surname) if surname else "", p.gender if p.gender in ("m", "f") else None,
               initial_key(p.given), initial_key(patronymic), problem)
        seen, former_rows = {sk}, []
        for f in former_names:
            k = surname_key(f)
            if k and k not in seen:
                seen.add(k)
                former_rows.append((k, surname_form(f)))
        out.append((row, former_rows))
    return out


def _parse_tables(names: list[str], names_module=None) -> tuple[pa.Table, pa.Table]:
    """_parse_rows as two Arrow tables: ``parsed_names`` (COLUMNS) and ``parsed_formers`` (name, skey, form:
    one row per former surname). Built where the names were parsed: a worker process hands back a few
    column buffers instead of a million pickled tuples."""
    parsed = _parse_rows(names, names_module)
    columns = list(zip(*(row for row, _f in parsed))) or [()] * len(COLUMNS)
    formers = list(zip(*((row[0], skey, form) for row, former_rows in parsed for skey, form in former_rows)))
    formers = formers or [()] * 3
    return (pa.table({k: pa.array(v, pa.string()) for k, v in zip(COLUMNS, columns)}),
            pa.table({k: pa.array(v, pa.string()) for k, v in zip(("name", "skey", "form"), formers)}))


def build_keys(eng, report: SkipReport, names_module=None) -> None:
    """Create ``persons`` and ``surnames`` from table ``registry`` on an engine (engine.py); names that
    cannot be parsed into a given name and a surname are skipped and counted.

    Each distinct name is parsed once, in Python (``tamyr.names``); everything else is SQL.
    ``names_module`` defaults to ``tamyr.names`` (anything with ``parse_names`` and ``surname_key``).
    """
    with gc_paused():                              # see _parse_rows
        _build_keys(eng, report, names_module)


def _build_keys(eng, report: SkipReport, names_module=None) -> None:
    # sorted, so that a parsing worker's chunk holds runs of one first word (the surname, in most registries)
    # whose keys it builds once
    names = [r[0] for r in eng.rows("SELECT DISTINCT name FROM registry ORDER BY name")]
    parallel = names_module is None and len(names) >= PARALLEL_MIN and (os.cpu_count() or 1) > 1
    processes = os.cpu_count() or 1
    # one pool of forked workers for the whole registry (their name caches carry from chunk to chunk); the
    # names go in chunks, so that a national registry's parsed names never sit in Python all at once
    pool = mp.get_context("fork").Pool(processes) if parallel else None
    try:
        for start in range(0, max(len(names), 1), CHUNK):
            part = names[start:start + CHUNK]
            if pool is not None:
                size = max(10_000, len(part) // (processes * 4) + 1)
                done = pool.map(_parse_tables, [part[i:i + size] for i in range(0, len(part), size)])
                parsed = pa.concat_tables([d[0] for d in done])
                formers = pa.concat_tables([d[1] for d in done])
            else:
                parsed, formers = _parse_tables(part, names_module)
            add = eng.put if start == 0 else eng.append
            add("parsed_names", parsed)
            add("parsed_formers", formers)
    finally:
        if pool is not None:
            pool.terminate()
    report.add_rows(eng, """SELECT n.problem AS reason, r.line FROM registry r JOIN parsed_names n ON n.name = r.name
                            WHERE n.problem IS NOT NULL""")
    eng.table("persons", """
        SELECT CAST(r.line AS BIGINT) AS pid, r.id, r.line, r.name,
               n.given, n.patronymic, n.surname, n.father_given, n.given_key, n.father_key, n.surname_key,
               n.surname_form, coalesce(r.gender, n.gender) AS gender, r.birth_year, r.org, r.country,
               n.given_initial, n.father_initial, n.given_key IS NULL AS initials
        FROM registry r JOIN parsed_names n ON n.name = r.name
        WHERE n.problem IS NULL""")
    eng.table("surnames", """
        SELECT pid, surname_key AS skey, surname_form AS form, true AS is_main FROM persons
        UNION ALL
        SELECT DISTINCT p.pid, f.skey, f.form, false AS is_main
        FROM persons p JOIN parsed_formers f ON f.name = p.name""")
    eng.drop("parsed_names", "parsed_formers")
