"""Name keys for kin inference: each distinct word of the plain names is read once and those names are
assembled in SQL (``_plain_names``); each other distinct name is parsed once (``tamyr.names``); all joins are SQL.

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


_FLAGS = {"pat", "plain"}


def _arrow(columns: tuple[str, ...], rows: list[tuple]) -> pa.Table:
    cols = list(zip(*rows)) or [()] * len(columns)
    return pa.table({k: pa.array(v, pa.bool_() if k in _FLAGS else pa.string()) for k, v in zip(columns, cols)})


def _word_readings(words: list[str]) -> pa.Table:
    """Each word's reading (``tamyr.names.parse.word_reading``), one row per word that has one: the word;
    title-cased; a plain word or an initial; whether it is a patronymic, the gender it says, the father's
    name it gives (title-cased)."""
    from ..names.parse import word_reading

    rows: list[tuple] = []
    for w in words:
        r = word_reading(w)
        if r is not None:
            info = r.patronymic
            rows.append((w, r.titled, r.plain, info is not None, info.gender if info is not None else None, r.father))
    return _arrow(("word", "titled", "plain", "pat", "pgender", "father"), rows)


def _surname_words(words: list[tuple[str, str]]) -> pa.Table:
    """Of the words that are a surname, (word, title-cased word) from ``word_readings``: the title-cased
    word's key, ending class and the gender of its ending (``surname_key``, ``surname_form``,
    ``surname_gender``), the words folded in one pass first."""
    from ..names import prime, surname_form, surname_gender, surname_key

    prime(t for _w, t in words)
    return _arrow(("word", "skey", "form", "sgender"),
                  [(w, surname_key(t) or None, surname_form(t), surname_gender(t)) for w, t in words])


def _given_words(words: list[tuple[str, str, str | None]]) -> pa.Table:
    """Of the words that are a given name or a patronymic, (word, title-cased word, the father's name it
    gives) from ``word_readings``: the title-cased word's given-name key and its initial's key, and the key
    of the father's name (``given_key``, ``initial_key``)."""
    from ..names import given_key, initial_key

    return _arrow(("word", "gkey", "initial", "fkey"),
                  [(w, given_key(t) or None, initial_key(t), (given_key(f) or None) if f else None)
                   for w, t, f in words])


def _map(pool, fn, items: list, size: int = 20_000) -> pa.Table:
    """fn over items in chunks, on the pool's workers when there is one and more than one chunk."""
    chunks = [items[i:i + size] for i in range(0, len(items), size)] or [[]]
    return pa.concat_tables(pool.map(fn, chunks) if pool is not None and len(chunks) > 1 else map(fn, chunks))


def _plain_names(eng, pool) -> None:
    """Table ``parsed_plain`` (COLUMNS): the registry's plain names, read as ``tamyr.names.parse_fields``
    reads them, but assembled in SQL from their distinct words, each read once in Python (``word_reading``;
    its docstring says which names are plain and how they are read). The keys are computed once per word
    and part: surname keys of the surnames' words, given-name keys of the given names' and patronymics'.
    Names whose surname (or, written out, given name) has no key are left to the full parser, which says
    why; so are all other names. tests/test_kin_keys_plain.py holds the two readings to one result."""
    eng.table("plain_words", """
        SELECT name, length(name) - length(replace(name, ' ', '')) + 1 AS n,
               split_part(name, ' ', 1) AS w0, split_part(name, ' ', 2) AS w1, split_part(name, ' ', 3) AS w2
        FROM (SELECT DISTINCT name FROM registry WHERE name IS NOT NULL AND name NOT LIKE '%(%') d
        WHERE length(name) - length(replace(name, ' ', '')) = 2
           OR (length(name) - length(replace(name, ' ', '')) = 1 AND name LIKE '%.%')   -- a word and an initial""")
    words = [r[0] for r in eng.rows("""
        SELECT DISTINCT w FROM (SELECT w0 AS w FROM plain_words UNION ALL SELECT w1 FROM plain_words
                                UNION ALL SELECT w2 FROM plain_words WHERE n = 3) x ORDER BY w""")]
    eng.put("word_readings", _map(pool, _word_readings, words, 50_000))
    # each plain name's given name (gw), patronymic (pw) and surname (sw) words; whether the given name is
    # an initial. Three plain words with a patronymic: the middle one is it, else the last one. One plain
    # word beside initials: it is the surname, the initials the given name and the patronymic, in order.
    eng.table("plain_read", """
        WITH w AS (
            SELECT n.name, n.n, n.w0, n.w1, n.w2, r0.plain AS p0, r1.plain AS p1, coalesce(r2.plain, false) AS p2,
                   r1.pat AS pat1, coalesce(r2.pat, false) AS pat2
            FROM plain_words n JOIN word_readings r0 ON r0.word = n.w0 JOIN word_readings r1 ON r1.word = n.w1
            LEFT JOIN word_readings r2 ON r2.word = n.w2 AND n.n = 3
            WHERE n.n = 2 OR r2.word IS NOT NULL)
        SELECT name, CASE WHEN pat1 THEN w0 ELSE w1 END AS gw, CASE WHEN pat1 THEN w1 ELSE w2 END AS pw,
               CASE WHEN pat1 THEN w2 ELSE w0 END AS sw, false AS initials
        FROM w WHERE n = 3 AND p0 AND p1 AND p2 AND (pat1 OR pat2)
        UNION ALL
        SELECT name, CASE WHEN p0 THEN w1 ELSE w0 END AS gw,
               CASE WHEN n = 3 THEN (CASE WHEN p2 THEN w1 ELSE w2 END) END AS pw,
               CASE WHEN p0 THEN w0 WHEN p1 THEN w1 ELSE w2 END AS sw, true AS initials
        FROM w WHERE (CASE WHEN p0 THEN 1 ELSE 0 END) + (CASE WHEN p1 THEN 1 ELSE 0 END)
                     + (CASE WHEN p2 THEN 1 ELSE 0 END) = 1""")
    # the parts' keys, from the words as the fields write them (read above, not again)
    surname_words = eng.rows("""
        SELECT r.word, r.titled FROM word_readings r JOIN (SELECT DISTINCT sw FROM plain_read) x ON x.sw = r.word
        ORDER BY r.word""")
    eng.put("surname_words", _map(pool, _surname_words, surname_words))
    given_words = eng.rows("""
        SELECT r.word, r.titled, r.father FROM word_readings r
        JOIN (SELECT gw AS w FROM plain_read UNION SELECT pw FROM plain_read) x ON x.w = r.word
        ORDER BY r.word""")
    eng.put("given_words", _map(pool, _given_words, given_words))
    eng.table("parsed_plain", """
        WITH g AS (SELECT r.word, r.titled, k.gkey, k.initial, k.fkey, r.father, r.pgender
                   FROM given_words k JOIN word_readings r ON r.word = k.word),
             s AS (SELECT r.word, r.titled, k.skey, k.form, k.sgender
                   FROM surname_words k JOIN word_readings r ON r.word = k.word)
        SELECT x.name, g.titled AS given, p.titled AS patronymic, s.titled AS surname, p.father AS father_given,
               CASE WHEN NOT x.initials THEN g.gkey END AS given_key, p.fkey AS father_key,
               s.skey AS surname_key, s.form AS surname_form,
               -- the patronymic says the gender; beside initials, the surname's ending
               CASE WHEN x.initials THEN s.sgender ELSE p.pgender END AS gender,
               g.initial AS given_initial, p.initial AS father_initial, CAST(NULL AS VARCHAR) AS problem
        FROM plain_read x JOIN g ON g.word = x.gw JOIN s ON s.word = x.sw LEFT JOIN g p ON p.word = x.pw
        WHERE (x.initials OR g.gkey IS NOT NULL) AND s.skey IS NOT NULL""")
    eng.drop("plain_words", "word_readings", "plain_read", "surname_words", "given_words")


def build_keys(eng, report: SkipReport, names_module=None) -> None:
    """Create ``persons`` and ``surnames`` from table ``registry`` on an engine (engine.py); names that
    cannot be parsed into a given name and a surname are skipped and counted.

    With the default parser (``tamyr.names``), plain names (three plain words with a patronymic, one word
    beside initials) are assembled in SQL from their distinct words (``_plain_names``); each other distinct
    name is parsed once, in Python. Everything else
    is SQL. ``names_module``: another parser (anything with ``parse_names`` and ``surname_key``), which then
    parses every distinct name.
    """
    with gc_paused():                              # see _parse_rows
        _build_keys(eng, report, names_module)


def _build_keys(eng, report: SkipReport, names_module=None) -> None:
    n_names = int(eng.scalar("SELECT count(DISTINCT name) FROM registry") or 0)
    parallel = names_module is None and n_names >= PARALLEL_MIN and (os.cpu_count() or 1) > 1
    processes = os.cpu_count() or 1
    # one pool of forked workers for the whole registry (their name caches carry from chunk to chunk); the
    # names go in chunks, so that a national registry's parsed names never sit in Python all at once
    pool = mp.get_context("fork").Pool(processes) if parallel else None
    try:
        if names_module is None:
            _plain_names(eng, pool)
            rest = """SELECT DISTINCT r.name FROM registry r LEFT JOIN parsed_plain pp ON pp.name = r.name
                      WHERE pp.name IS NULL ORDER BY r.name"""
        else:
            rest = "SELECT DISTINCT name FROM registry ORDER BY name"
        # sorted, so that a parsing worker's chunk holds runs of one first word (the surname, in most
        # registries) whose keys it builds once
        names = [r[0] for r in eng.rows(rest)]
        for start in range(0, max(len(names), 1), CHUNK):
            part = names[start:start + CHUNK]
            if pool is not None and len(part) >= PARALLEL_MIN:
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
    parsed_all = "(SELECT * FROM parsed_names UNION ALL SELECT * FROM parsed_plain)" if names_module is None \
        else "parsed_names"
    report.add_rows(eng, """SELECT n.problem AS reason, r.line FROM registry r JOIN parsed_names n ON n.name = r.name
                            WHERE n.problem IS NOT NULL""")
    eng.table("persons", f"""
        SELECT CAST(r.line AS BIGINT) AS pid, r.id, r.line, r.name,
               n.given, n.patronymic, n.surname, n.father_given, n.given_key, n.father_key, n.surname_key,
               n.surname_form, coalesce(r.gender, n.gender) AS gender, r.birth_year, r.org, r.country,
               n.given_initial, n.father_initial, n.given_key IS NULL AS initials
        FROM registry r JOIN {parsed_all} n ON n.name = r.name
        WHERE n.problem IS NULL""")
    eng.table("surnames", """
        SELECT pid, surname_key AS skey, surname_form AS form, true AS is_main FROM persons
        UNION ALL
        SELECT DISTINCT p.pid, f.skey, f.form, false AS is_main
        FROM persons p JOIN parsed_formers f ON f.name = p.name""")
    eng.drop("parsed_names", "parsed_formers", "parsed_plain")
