"""Name keys for kin inference: each distinct name is parsed once (``tamyr.names``), then all joins are SQL.

Table ``persons``: pid, id, line, name, given, patronymic, surname, father_given, given_key, father_key,
surname_key, gender, birth_year, org. Table ``surnames``: pid, skey, is_main — one row per surname key a
person is known by: the surname, plus a maiden name written in parentheses ("Maria Vladimirovna
VORONTSOVA (born PUTINA)").
"""

from __future__ import annotations

import re
import pyarrow as pa

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
    former: list[str] = []
    for inner in _PARENS.findall(name):
        text = _MAIDEN_WORDS.sub("", inner.strip())
        for part in re.split(r"[()]", text):
            part = part.strip()
            if part and _LETTERS.match(part):
                former.append(part)
    return re.sub(r"\s+", " ", _PARENS.sub(" ", name)).strip(), former


def build_keys(eng, report: SkipReport, names_module=None) -> None:
    """Create ``persons`` and ``surnames`` from table ``registry`` on an engine (engine.py); names that
    cannot be parsed into a given name and a surname are skipped and counted.

    Each distinct name is parsed once, in Python (``tamyr.names``); everything else is SQL.
    ``names_module`` defaults to ``tamyr.names`` (anything with ``parse_names`` and ``surname_key``).
    """
    if names_module is None:
        import tamyr.names as names_module
    surname_key = names_module.surname_key
    surname_form = getattr(names_module, "surname_form", lambda _s: "")
    names = [r[0] for r in eng.rows("SELECT DISTINCT name FROM registry")]
    cleaned, former = zip(*(split_former_surnames(n) for n in names)) if names else ((), ())
    parsed = names_module.parse_names(list(cleaned))

    cols: dict[str, list] = {k: [] for k in ("name", "given", "patronymic", "surname", "father_given", "given_key",
                                             "father_key", "surname_key", "surname_form", "gender", "former_keys",
                                             "former_forms", "problem")}
    for raw, p, formers in zip(names, parsed, former):
        keys = p.keys or {}
        gk, sk, fk = keys.get("given"), keys.get("surname"), keys.get("father_given")
        patronymic, father_given, surname = p.patronymic, p.father_given, p.surname
        if surname is None and patronymic and gk and len(raw.split()) == 2:
            # Kin-specific normalisation: "Viktor Yanukovych" is a given name and a surname that merely
            # ends like a patronymic; with no third part there is no patronymic to read a father from.
            surname, patronymic, father_given, fk = patronymic, None, None, None
            sk = surname_key(surname)
        problem = None
        if not gk or not sk:
            problem = "name has no given name and surname" + (f" ({'; '.join(p.problems)})" if p.problems else "")
        cols["name"].append(raw)
        cols["given"].append(p.given)
        cols["patronymic"].append(patronymic)
        cols["surname"].append(surname)
        cols["father_given"].append(father_given)
        cols["given_key"].append(gk or None)
        cols["father_key"].append(fk or None)
        cols["surname_key"].append(sk or None)
        cols["surname_form"].append(surname_form(surname) if surname else "")
        cols["gender"].append(p.gender if p.gender in ("m", "f") else None)
        kept = [(k, surname_form(f)) for f, k in ((f, surname_key(f)) for f in formers) if k and k != sk]
        cols["former_keys"].append([k for k, _ in kept])
        cols["former_forms"].append([form for _, form in kept])
        cols["problem"].append(problem)
    table = pa.table({k: pa.array(v, type=pa.list_(pa.string()) if k.startswith("former_") else pa.string())
                      for k, v in cols.items()})
    eng.put("parsed_names", table)
    problems = eng.rows("""
        WITH bad AS (SELECT n.problem, r.line, row_number() OVER (PARTITION BY n.problem ORDER BY r.line) AS k,
                            count(*) OVER (PARTITION BY n.problem) AS n
                     FROM registry r JOIN parsed_names n ON n.name = r.name WHERE n.problem IS NOT NULL)
        SELECT problem, n, line FROM bad WHERE k <= 5 ORDER BY problem, line""")
    by_problem: dict[str, tuple[int, list[int]]] = {}
    for problem, count, line in problems:
        by_problem.setdefault(problem, (int(count), []))[1].append(int(line))
    for problem, (count, lines) in by_problem.items():
        report.add(problem, count, lines)
    eng.table("persons", """
        SELECT CAST(row_number() OVER (ORDER BY r.line) AS BIGINT) AS pid, r.id, r.line, r.name,
               n.given, n.patronymic, n.surname, n.father_given, n.given_key, n.father_key, n.surname_key,
               n.surname_form, coalesce(r.gender, n.gender) AS gender, r.birth_year, r.org, r.country,
               n.former_keys, n.former_forms
        FROM registry r JOIN parsed_names n ON n.name = r.name
        WHERE n.problem IS NULL""")
    eng.table("surnames", """
        SELECT pid, surname_key AS skey, surname_form AS form, true AS is_main FROM persons
        UNION ALL
        SELECT DISTINCT pid, former AS skey, form, false AS is_main
        FROM (SELECT pid, unnest(former_keys) AS former, unnest(former_forms) AS form FROM persons) x
        WHERE former IS NOT NULL""")
    eng.drop("parsed_names")
