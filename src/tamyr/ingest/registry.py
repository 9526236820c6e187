"""CSV/XLSX registries -> FtM statements, through a column mapping.

A mapping (YAML, or guessed from the header) says which columns hold a person's id and name parts,
a post held (occupancy), a family tie, a conviction or a program membership. Each row yields the
entities it describes; each value keeps its file, line and column. Example mapping::

    dataset: kz-officials          # namespace of the ids in this registry
    country: kz
    person:     {id: person_id, name: full_name, birthDate: birth_date, gender: gender}
    occupancy:  {post: position, organization: organization, startDate: start_date, endDate: end_date,
                 seniority: seniority, parentPost: reports_to}
    family:     {relative: relative_id, relationship: relationship, startDate: tie_start, endDate: tie_end}
    conviction: {charge: charge, verdictDate: verdict_date, sentenceMonths: sentence_months,
                 releaseDate: release_date, releaseReason: release_reason, amount: amount, currency: currency,
                 caseName: case_name, corruption: corruption}
    membership: {organization: program, startDate: admitted, endDate: left, role: role}

Dates may be YYYY, YYYY-MM, YYYY-MM-DD or DD.MM.YYYY. A `family.relative` value names another
row's person id in the same dataset.
"""

from __future__ import annotations

import codecs
import csv
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import yaml

from .. import textfiles
from ..model.entities import EXT_PREFIX, Fact, InvalidValue, make_id, validate_value
from ..model.kinship import vocabulary
from .errors import IngestError, Problem

SECTIONS = {
    "person": ["id", "name", "firstName", "fatherName", "lastName", "birthDate", "gender", "nationality",
               "birthPlace", "alias"],
    "occupancy": ["post", "organization", "startDate", "endDate", "status", "seniority", "parentPost", "country"],
    "family": ["relative", "relationship", "startDate", "endDate"],
    "conviction": ["charge", "verdictDate", "sentenceMonths", "releaseDate", "releaseReason", "amount", "currency",
                   "caseName", "caseNumber", "court", "corruption"],
    "membership": ["organization", "startDate", "endDate", "role", "status"],
}

# Header guesses when no mapping is given: section.field -> accepted column names (lower case).
GUESSES = {
    ("person", "id"): ["id", "person_id"],
    ("person", "name"): ["name", "full_name", "fullname", "fio", "фио"],
    ("person", "firstName"): ["first_name", "firstname", "given_name"],
    ("person", "fatherName"): ["patronymic", "father_name", "middle_name", "middlename"],
    ("person", "lastName"): ["last_name", "lastname", "surname"],
    ("person", "birthDate"): ["birth_date", "birthdate", "date_of_birth", "dob", "birth_year"],
    ("person", "gender"): ["gender", "sex"],
    ("occupancy", "post"): ["position", "post", "title"],
    ("occupancy", "organization"): ["organization", "organisation", "body", "office"],
    ("occupancy", "startDate"): ["start_date", "appointed", "from"],
    ("occupancy", "endDate"): ["end_date", "dismissed", "to"],
    ("occupancy", "seniority"): ["seniority"],
    ("occupancy", "parentPost"): ["reports_to", "parent_post"],
    ("family", "relative"): ["relative_id"],
    ("family", "relationship"): ["relationship", "relation"],
}

_DMY = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass
class Mapping:
    sections: dict[str, dict[str, str]]
    dataset: str = "registry"
    country: str | None = None
    encoding: str = "utf-8"
    sheet: str | None = None
    delimiter: str | None = None
    raw: dict = field(default_factory=dict)

    @classmethod
    def load(cls, path: str | Path) -> "Mapping":
        try:
            data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            raise IngestError(Problem(str(path), f"mapping is not valid YAML: {exc}")) from None
        return cls.from_dict(data, str(path))

    @classmethod
    def from_dict(cls, data: dict, where: str = "mapping") -> "Mapping":
        problems = []
        sections: dict[str, dict[str, str]] = {}
        for key, value in data.items():
            if key in ("dataset", "country", "encoding", "sheet", "delimiter"):
                continue
            if key not in SECTIONS:
                problems.append(Problem(where, f"unknown section {key!r} (expected one of {', '.join(SECTIONS)})"))
                continue
            if not isinstance(value, dict):
                problems.append(Problem(where, f"section {key!r} must map fields to column names"))
                continue
            for fname in value:
                if fname not in SECTIONS[key]:
                    problems.append(Problem(where, f"{key}.{fname} is not a field (expected {', '.join(SECTIONS[key])})"))
            sections[key] = {k: str(v) for k, v in value.items() if v}
        if problems:
            raise IngestError(problems)
        return cls(sections=sections, dataset=str(data.get("dataset") or "registry"), country=data.get("country"),
                   encoding=str(data.get("encoding") or "utf-8"), sheet=data.get("sheet"),
                   delimiter=data.get("delimiter"), raw=data)

    @classmethod
    def guess(cls, header: list[str], dataset: str) -> "Mapping":
        lower = {h.strip().lower(): h for h in header}
        sections: dict[str, dict[str, str]] = {}
        for (section, fname), candidates in GUESSES.items():
            for c in candidates:
                if c in lower:
                    sections.setdefault(section, {})[fname] = lower[c]
                    break
        if "family" in sections and "relative" not in sections["family"]:
            del sections["family"]
        if "occupancy" in sections and "post" not in sections["occupancy"]:
            del sections["occupancy"]
        return cls(sections=sections, dataset=dataset)


def read_rows(path: Path, mapping: Mapping) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) pairs; the header is line 1. Raises IngestError on unreadable input."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        yield from _read_xlsx(path, mapping)
        return
    encoding = mapping.encoding
    try:
        with path.open("rb") as raw:
            head = raw.read(4)
    except OSError as exc:
        raise IngestError(Problem(str(path), f"cannot read: {exc.strerror}")) from None
    if head.startswith(codecs.BOM_UTF8) and encoding.lower().replace("-", "") == "utf8":
        encoding = "utf-8-sig"
    with path.open("r", encoding=encoding, newline="") as handle:
        line = 1
        try:
            sample = handle.read(65536)
            handle.seek(0)
            delimiter = mapping.delimiter or textfiles.sniff_delimiter(sample.splitlines()[0] if sample else "")
            reader = csv.reader(handle, delimiter=delimiter)
            header = next(reader, None)
            if header is None:
                raise IngestError(Problem(str(path), "file is empty"))
            header = [h.strip() for h in header]
            yield 1, {"__header__": header}  # type: ignore[dict-item]
            for row in reader:
                line = reader.line_num
                if not any(cell.strip() for cell in row):
                    continue
                if len(row) != len(header):
                    raise IngestError(Problem(str(path), f"expected {len(header)} columns, found {len(row)}", line=line))
                yield line, dict(zip(header, row))
        except UnicodeDecodeError:
            raise IngestError(_encoding_problem(path, encoding)) from None
        except csv.Error as exc:
            raise IngestError(Problem(str(path), f"malformed CSV: {exc}", line=line + 1)) from None


def _encoding_problem(path: Path, encoding: str) -> Problem:
    where = textfiles.find_undecodable(path, encoding)
    message = textfiles.explain(where, encoding, "pass --encoding {guess} or set `encoding: {guess}` in the mapping")
    return Problem(str(path), message, line=where.line if where else None)


def _read_xlsx(path: Path, mapping: Mapping) -> Iterator[tuple[int, dict[str, str]]]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a broken file
        raise IngestError(Problem(str(path), f"not a readable XLSX workbook: {exc}")) from None
    try:
        if mapping.sheet and mapping.sheet not in book.sheetnames:
            raise IngestError(Problem(str(path), f"no sheet {mapping.sheet!r} (sheets: {', '.join(book.sheetnames)})"))
        sheet = book[mapping.sheet] if mapping.sheet else book.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = next(rows, None)
        if header is None:
            raise IngestError(Problem(str(path), "sheet is empty"))
        header = [str(h).strip() if h is not None else "" for h in header]
        yield 1, {"__header__": header}  # type: ignore[dict-item]
        for number, row in enumerate(rows, start=2):
            cells = ["" if v is None else (v.date().isoformat() if hasattr(v, "date") and hasattr(v, "hour") else str(v))
                     for v in row]
            if not any(c.strip() for c in cells):
                continue
            yield number, dict(zip(header, cells))
    finally:
        book.close()


def clean_date(text: str) -> str:
    text = text.strip()
    m = _DMY.match(text)
    if m:
        day, month, year = (int(g) for g in m.groups())
        text = f"{year:04d}-{month:02d}-{day:02d}"
    if text.endswith(".0") and text[:-2].isdigit():  # a year read from a spreadsheet number
        text = text[:-2]
    if not _ISO.match(text):
        raise InvalidValue(f"{text!r} is not a date (use YYYY, YYYY-MM, YYYY-MM-DD or DD.MM.YYYY)")
    cleaned = validate_value("Person", "birthDate", text)
    if cleaned != text:
        raise InvalidValue(f"{text!r} is not a valid calendar date")
    return cleaned


class RowMapper:
    """Turns one registry row into facts; problems are collected, not raised."""

    def __init__(self, path: str, mapping: Mapping, header: list[str]):
        self.path = path
        self.mapping = mapping
        self.problems: list[Problem] = []
        self.problem_count = 0
        self.entities: set[str] = set()
        missing = []
        for section, fields in mapping.sections.items():
            for fname, column in fields.items():
                if column not in header:
                    missing.append(Problem(path, f"mapping {section}.{fname}: no column {column!r} in the header "
                                                 f"(columns: {', '.join(header)})", line=1))
        if "person" not in mapping.sections or not (
            {"name", "lastName", "firstName"} & set(mapping.sections["person"])
        ):
            missing.append(Problem(path, "no person name column: map person.name (or firstName/lastName), "
                                         "e.g. a column 'name'", line=1))
        if missing:
            raise IngestError(missing)

    def problem(self, line: int, column: str | None, message: str) -> None:
        self.problem_count += 1
        if len(self.problems) < 50:
            self.problems.append(Problem(self.path, message, line=line, column=column))

    def person_id(self, key: str) -> str:
        return make_id(self.mapping.dataset, "person", key)

    def facts(self, line: int, row: dict[str, str]) -> list[Fact]:
        out: list[Fact] = []
        m = self.mapping.sections
        locator = f"line {line}"

        def value(section: str, fname: str) -> tuple[str, str | None]:
            column = m.get(section, {}).get(fname)
            if not column:
                return "", None
            return (row.get(column) or "").strip(), column

        def add(entity_id: str, schema: str, prop: str, raw: str, column: str | None, kind: str = "") -> bool:
            if not raw:
                return False
            try:
                if kind == "date":
                    raw = clean_date(raw)
                cleaned = validate_value(schema, prop, raw)
            except InvalidValue as exc:
                self.problem(line, column, str(exc))
                return False
            out.append(Fact(entity_id, schema, prop, cleaned, locator=f"{locator} column {column!r}" if column else locator,
                            method="registry"))
            return True

        # Person
        name, name_col = value("person", "name")
        parts = [value("person", f)[0] for f in ("firstName", "fatherName", "lastName")]
        if not name:
            name = " ".join(p for p in parts if p)
        if not name or not any(ch.isalpha() for ch in name):
            self.problem(line, name_col or m["person"].get("lastName"), "person name is empty" if not name
                         else f"person name {name!r} has no letters")
            return []
        pid_raw, pid_col = value("person", "id")
        birth, birth_col = value("person", "birthDate")
        person = self.person_id(pid_raw) if pid_raw else make_id(self.mapping.dataset, "person", name, birth)
        self.entities.add(person)
        out.append(Fact(person, "Person", "id", person, locator=locator, method="registry"))
        add(person, "Person", "name", name, name_col)
        for fname in ("firstName", "fatherName", "lastName", "gender", "nationality", "birthPlace", "alias"):
            raw, column = value("person", fname)
            if fname == "gender" and raw:
                raw = {"m": "male", "м": "male", "f": "female", "ж": "female"}.get(raw.lower(), raw)
            add(person, "Person", fname, raw, column)
        add(person, "Person", "birthDate", birth, birth_col, kind="date")
        if pid_raw:
            add(person, "Person", "idNumber", pid_raw, pid_col)
        if self.mapping.country:
            add(person, "Person", "country", self.mapping.country, None)

        # Occupancy of a post
        post_name, post_col = value("occupancy", "post")
        if post_name:
            org_name, org_col = value("occupancy", "organization")
            org = make_id(self.mapping.dataset, "org", org_name) if org_name else None
            if org:
                self.entities.add(org)
                add(org, "PublicBody", "name", org_name, org_col)
                if self.mapping.country:
                    add(org, "PublicBody", "country", self.mapping.country, None)
            post = make_id(self.mapping.dataset, "post", org_name, post_name)
            self.entities.add(post)
            add(post, "Position", "name", post_name, post_col)
            if org:
                add(post, "Position", "organization", org, org_col)
            seniority, sen_col = value("occupancy", "seniority")
            add(post, "Position", EXT_PREFIX + "seniority", seniority, sen_col)
            parent_post, parent_col = value("occupancy", "parentPost")
            if parent_post:
                add(post, "Position", EXT_PREFIX + "parentPosition",
                    make_id(self.mapping.dataset, "post", org_name, parent_post), parent_col)
            start, start_col = value("occupancy", "startDate")
            end, end_col = value("occupancy", "endDate")
            occ = make_id(self.mapping.dataset, "occupancy", person, post, start)
            self.entities.add(occ)
            add(occ, "Occupancy", "holder", person, None)
            add(occ, "Occupancy", "post", post, post_col)
            add(occ, "Occupancy", "startDate", start, start_col, kind="date")
            add(occ, "Occupancy", "endDate", end, end_col, kind="date")
            status, status_col = value("occupancy", "status")
            add(occ, "Occupancy", "status", status or ("ended" if end else "current"), status_col)

        # Family tie to another row's person
        relative_raw, rel_col = value("family", "relative")
        if relative_raw:
            relationship, rs_col = value("family", "relationship")
            term = vocabulary().term(relationship) if relationship else None
            if not relationship:
                self.problem(line, rs_col, "family tie has no relationship")
            elif term is None:
                self.problem(line, rs_col, f"unknown kin term {relationship!r}")
            else:
                relative = self.person_id(relative_raw)
                rel_label = vocabulary().relations[term.relation].label(term.gender)
                fam = make_id(self.mapping.dataset, "family", person, relative, rel_label)
                self.entities.add(fam)
                add(fam, "Family", "person", person, None)
                add(fam, "Family", "relative", relative, rel_col)
                add(fam, "Family", "relationship", rel_label, rs_col)
                if relationship.strip().lower() != rel_label:
                    add(fam, "Family", EXT_PREFIX + "relationshipTerm", relationship, rs_col)
                for fname in ("startDate", "endDate"):
                    raw, column = value("family", fname)
                    add(fam, "Family", fname, raw, column, kind="date")

        # Conviction: a Sanction (criminal sentence) on the person, and the court case
        charge, charge_col = value("conviction", "charge")
        verdict, verdict_col = value("conviction", "verdictDate")
        if charge or verdict:
            sanction = make_id(self.mapping.dataset, "sentence", person, charge, verdict)
            self.entities.add(sanction)
            add(sanction, "Sanction", "entity", person, None)
            add(sanction, "Sanction", "program", "criminal sentence", None)
            add(sanction, "Sanction", "reason", charge, charge_col)
            add(sanction, "Sanction", EXT_PREFIX + "charge", charge, charge_col)
            add(sanction, "Sanction", EXT_PREFIX + "verdictDate", verdict, verdict_col, kind="date")
            add(sanction, "Sanction", "startDate", verdict, verdict_col, kind="date")
            for fname in ("sentenceMonths", "amount", "currency", "releaseReason", "corruption"):
                raw, column = value("conviction", fname)
                add(sanction, "Sanction", EXT_PREFIX + fname, raw, column)
            release, release_col = value("conviction", "releaseDate")
            add(sanction, "Sanction", EXT_PREFIX + "releaseDate", release, release_col, kind="date")
            add(sanction, "Sanction", "endDate", release, release_col, kind="date")
            case_name, case_col = value("conviction", "caseName")
            case_number, number_col = value("conviction", "caseNumber")
            if case_name or case_number:
                case = make_id(self.mapping.dataset, "case", case_number or case_name)
                self.entities.add(case)
                add(case, "CourtCase", "name", case_name or case_number, case_col or number_col)
                add(case, "CourtCase", "caseNumber", case_number, number_col)
                court, court_col = value("conviction", "court")
                add(case, "CourtCase", "court", court, court_col)
                party = make_id(self.mapping.dataset, "party", case, person)
                self.entities.add(party)
                add(party, "CourtCaseParty", "case", case, None)
                add(party, "CourtCaseParty", "party", person, None)
                add(party, "CourtCaseParty", "role", "defendant", None)
                add(party, "CourtCaseParty", "status", "convicted", None)

        # Membership of a program (e.g. a personnel reserve)
        program, program_col = value("membership", "organization")
        if program:
            org = make_id(self.mapping.dataset, "org", program)
            self.entities.add(org)
            add(org, "Organization", "name", program, program_col)
            start, start_col = value("membership", "startDate")
            ms = make_id(self.mapping.dataset, "membership", person, org, start)
            self.entities.add(ms)
            add(ms, "Membership", "member", person, None)
            add(ms, "Membership", "organization", org, program_col)
            add(ms, "Membership", "startDate", start, start_col, kind="date")
            for fname in ("endDate",):
                raw, column = value("membership", fname)
                add(ms, "Membership", fname, raw, column, kind="date")
            for fname in ("role", "status"):
                raw, column = value("membership", fname)
                add(ms, "Membership", fname, raw, column)
        return out
