"""Screen candidates (a reserve intake, a hiring list) against the store.

For each candidate: (1) find the candidate's own records in the store by name keys (script- and
spelling-independent) with compatible patronymic and birth year; (2) infer kin ties the
candidate's name implies — the patronymic names a father, a shared father and surname suggest
siblings — against persons in the store, each with a calibrated probability; (3) evaluate the
rules (kin of convicted, kin of senior officials, program eligibility) at the date that matters
over asserted and inferred ties; (4) give a verdict with the findings and their evidence.

Calibration of an inferred father (same likelihood-ratio form as ``tamyr kin infer``):
P(man i is the father) = π·w_i / (π·Σw + (1 − π)·λ), where λ = n_men · f(given) · f(surname root)
is the expected number of men in the store who share the father's name by chance (frequencies
estimated from the store, smoothed), w_i the age likelihood (1 when a birth year is missing; 0 when
the gap is impossible) and π the chance that the father is in the store at all (``father_prior``,
default 0.5: a registry of officials screened for officials' kin). A rare name like Bakhytbek
Imanaliev gives λ ≪ 1 and P near π/(π+(1−π)λ) ≈ 1; Nurlan Akhmetov gives λ ≫ 1 and a low P.
"""

from __future__ import annotations

import csv
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from ..graph import Tie
from ..model.entities import make_id
from ..names import parse_name, parse_names
from ..resolve import canonical_ids
from ..rules import FactRef, World, load_rules, screen_subject
from ..rules.world import Person
from ..store import Store
from .evidence import EvidenceIndex, finding_json

KEYS_SQL = """
CREATE TABLE IF NOT EXISTS person_keys (
    id VARCHAR, name_key VARCHAR, given_key VARCHAR, surname_key VARCHAR, father_key VARCHAR,
    gender VARCHAR, birth_year INTEGER
);
"""
VERDICTS = ("flag", "review", "clear")
MIN_FATHER_SCORE = 0.05  # an inferred father less likely than this is not screened through
MAX_FATHERS = 10
MIN_IDENTITY = 0.1  # below this (a bare name shared by 6+ persons) a store record is not taken as the candidate


@dataclass
class Candidate:
    name: str
    birth_date: str | None = None
    program: str | None = None
    date: str | None = None
    ref: str | None = None  # the candidate's id in the caller's list


class Screener:
    """Loads the store once (world, name index, frequencies); screens many candidates fast."""

    def __init__(self, store: Store, threshold: float = 0.5, father_prior: float = 0.5,
                 enable: Iterable[str] = (), disable: Iterable[str] = ()):
        started = time.perf_counter()
        self.store = store
        self.threshold = threshold
        self.father_prior = father_prior
        self.rules = load_rules((), enable, disable)
        self.world = World.load(store, canonical=canonical_ids(store))
        self.evidence = EvidenceIndex(store)
        self._index_keys()
        store.ensure_indexes()
        self.load_seconds = time.perf_counter() - started

    # -- indexes -------------------------------------------------------------------------------

    def _index_keys(self) -> None:
        con = self.store.conn
        have = con.execute("SELECT 1 FROM information_schema.tables WHERE table_name = 'person_keys'").fetchall()
        persons = con.execute("SELECT count(*) FROM persons").fetchall()[0][0]
        fresh = have and con.execute("SELECT count(*) FROM person_keys").fetchall()[0][0] == persons
        if not fresh:
            rows = con.execute("SELECT id, name, gender, birthDate FROM persons WHERE name IS NOT NULL").fetchall()
            parsed = parse_names([r[1] for r in rows])
            keyed = []
            for (pid, _, gender, birth), p in zip(rows, parsed):
                g = p.gender or {"male": "m", "female": "f"}.get((gender or "").lower())
                year = int(birth[:4]) if birth and birth[:4].isdigit() else None
                keyed.append((pid, p.keys.get("name"), p.keys.get("given"), p.keys.get("surname"),
                              p.keys.get("father_given"), g, year))
            if not self.store.read_only:
                with self.store.transaction():
                    con.execute(KEYS_SQL)
                    con.execute("DELETE FROM person_keys")
                    if keyed:
                        import pyarrow as pa

                        table = pa.table({c: [r[i] for r in keyed] for i, c in enumerate(
                            ("id", "name_key", "given_key", "surname_key", "father_key", "gender", "birth_year"))})
                        con.register("_keys", table)
                        con.execute("INSERT INTO person_keys SELECT * FROM _keys")
                        con.unregister("_keys")
        else:
            keyed = con.execute("SELECT * FROM person_keys").fetchall()
        canon = self.world.canonical
        self.by_name: dict[str, set[str]] = {}
        self.men_by_given_surname: dict[tuple[str, str], set[str]] = {}
        self.by_father_surname: dict[tuple[str, str], set[str]] = {}
        self.birth_year: dict[str, int] = {}
        self.father_key_of: dict[str, str] = {}
        given_count: dict[str, int] = {}
        surname_count: dict[str, int] = {}
        men = 0
        for pid, name_key, given, surname, father, gender, year in keyed:
            pid = canon.get(pid, pid)
            if year:
                self.birth_year[pid] = year
            if father:
                self.father_key_of[pid] = father
            if name_key:
                self.by_name.setdefault(name_key, set()).add(pid)
            if surname:
                surname_count[surname] = surname_count.get(surname, 0) + 1
                if father:
                    self.by_father_surname.setdefault((father, surname), set()).add(pid)
            if gender != "f" and given and surname:
                men += 1
                given_count[given] = given_count.get(given, 0) + 1
                self.men_by_given_surname.setdefault((given, surname), set()).add(pid)
        self.keyed = keyed
        self.n_men = max(men, 1)
        self.n_persons = max(len(keyed), 1)
        self.given_count, self.surname_count = given_count, surname_count

    # -- screening -----------------------------------------------------------------------------

    def _frequency(self, counts: dict[str, int], key: str, total: int, vocabulary: int = 300) -> float:
        """Smoothed share of records with this key (add-one over an assumed vocabulary)."""
        return (counts.get(key, 0) + 1) / (total + vocabulary)

    def _age_weight(self, child_year: int | None, parent: str, lo: int = 16, hi: int = 65) -> float:
        year = self.birth_year.get(parent)
        if child_year is None or year is None:
            return 1.0
        gap = child_year - year
        return 1.0 if lo <= gap <= hi else 0.0

    def identity(self, parsed, birth_year: int | None) -> list[tuple[str, float, str]]:
        """Store persons who may be this candidate: same name key, no conflicting patronymic or birth
        year. Each with a confidence: 1.0 when the patronymic or birth year also agrees; otherwise a
        bare name match (0.6), shared among namesakes (0.6 / k) — a name alone does not identify."""
        father = parsed.keys.get("father_given")
        found = []
        for pid in sorted(self.by_name.get(parsed.keys.get("name") or "", ())):
            row_father = self.father_key_of.get(pid)
            if father and row_father and father != row_father:
                continue
            year = self.birth_year.get(pid)
            if birth_year and year and year != birth_year:
                continue
            corroborated = bool((father and row_father) or (birth_year and year))
            found.append((pid, corroborated))
        bare = [pid for pid, ok in found if not ok]
        out = []
        for pid, ok in found:
            if ok:
                out.append((pid, 1.0, "same name, patronymic or birth year"))
            else:
                out.append((pid, round(0.6 / len(bare), 4), f"same name only ({len(bare)} such person(s) in the store)"))
        return out

    def inferred_fathers(self, parsed, birth_year: int | None, exclude: set[str]) -> list[tuple[str, float, str]]:
        father, surname = parsed.keys.get("father_given"), parsed.keys.get("surname")
        if not (father and surname):
            return []
        candidates = [pid for pid in self.men_by_given_surname.get((father, surname), ()) if pid not in exclude]
        weights = {pid: self._age_weight(birth_year, pid) for pid in candidates}
        candidates = [pid for pid in candidates if weights[pid] > 0]
        if not candidates:
            return []
        lam = (self.n_men * self._frequency(self.given_count, father, self.n_men)
               * self._frequency(self.surname_count, surname, self.n_persons, 3000))
        prior = self.father_prior
        total = sum(weights[pid] for pid in candidates)
        scores = {pid: prior * weights[pid] / (prior * total + (1 - prior) * lam) for pid in candidates}
        # a common name gives every namesake a tiny share: below MIN_FATHER_SCORE a man is not carried
        # into the findings (at most MAX_FATHERS are, the likeliest first)
        kept = sorted((pid for pid in candidates if scores[pid] >= MIN_FATHER_SCORE), key=lambda p: -scores[p])
        out = []
        for pid in kept[:MAX_FATHERS]:
            score = scores[pid]
            reason = (f"patronymic {parsed.patronymic} names a father {parsed.father_given}; "
                      f"{self.world.name(pid)} has that given name and the surname root of {parsed.surname}; "
                      f"{len(candidates)} such man/men in the store, {lam:.3g} expected by chance")
            if birth_year and pid in self.birth_year:
                reason += f"; {birth_year - self.birth_year[pid]} years older"
            out.append((pid, round(score, 4), reason))
        return out

    def screen(self, candidate: Candidate, with_evidence: bool = True) -> dict:
        parsed = parse_name(candidate.name)
        birth_year = int(candidate.birth_date[:4]) if candidate.birth_date and candidate.birth_date[:4].isdigit() else None
        result = {"candidate": {"name": candidate.name, "birth_date": candidate.birth_date, "ref": candidate.ref,
                                "program": candidate.program, "date": candidate.date,
                                "parsed": {k: getattr(parsed, k) for k in ("given", "patronymic", "surname", "gender",
                                                                          "father_given")}},
                  "problems": list(parsed.problems), "matches": [], "relatives": [], "findings": []}
        if not (parsed.keys.get("given") and parsed.keys.get("surname")):
            result["verdict"] = "review"
            result["problems"].append("name could not be parsed into a given name and a surname; not screened")
            return result
        identities = self.identity(parsed, birth_year)
        # A bare name shared by many namesakes identifies nobody: those records are listed, not screened.
        subjects = [pid for pid, score, _ in identities if score >= MIN_IDENTITY]
        result["matches"] = [{"id": pid, "name": self.world.name(pid), "score": score, "reasons": why}
                             for pid, score, why in identities[:20]]
        if len(subjects) < len(identities):
            result["problems"].append(f"{len(identities)} persons in the store share this name and nothing else "
                                      f"identifies the candidate among them; they were not screened as the candidate")
        # The candidate as a new person, with the kin ties the name implies.
        virtual = "candidate:" + make_id(candidate.name, candidate.birth_date or "")[:16]
        ties = []
        for pid, score, reason in self.inferred_fathers(parsed, birth_year, set(subjects)):
            fid = "screen:" + make_id(virtual, pid, "father")[:16]
            ties.append(Tie(virtual, pid, "parent", "father", "inferred", score, fid))
            self.evidence.cache[fid] = [{"document": None, "title": "inferred from names at screening",
                                         "source_id": "screen:names", "kind": "inference", "locator": None,
                                         "quote": reason, "status": "inferred", "method": "screen:names-v1",
                                         "confidence": score}]
            result["relatives"].append({"id": pid, "name": self.world.name(pid), "relationship": "father",
                                        "score": score, "reasons": reason})
        graph, persons = self.world.graph, self.world.persons
        persons[virtual] = Person(virtual, candidate.name, {"m": "male", "f": "female"}.get(parsed.gender or ""),
                                  candidate.birth_date)
        graph.out[virtual] = ties
        try:
            findings = {}
            identity_score = {pid: (score, why) for pid, score, why in identities}
            for subject in subjects + [virtual]:  # the store's own (asserted) ties first
                for f in screen_subject(self.world, self.rules, subject, candidate.date, candidate.program,
                                        self.threshold):
                    if subject in identity_score:
                        score, why = identity_score[subject]
                        f.facts.append(FactRef("identity", subject, f"the candidate is taken to be "
                                               f"{self.world.name(subject)} ({why})", score))
                        if score < 1.0:
                            f.certainty = "possible" if score < self.threshold else (
                                "probable" if f.certainty == "established" else f.certainty)
                            f.unknown.append(f"whether the candidate is {self.world.name(subject)}: {why}")
                    findings.setdefault((f.rule, f.target, tuple(x.entity_id for x in f.facts[:1])), f)
            if with_evidence:
                self.evidence.prefetch({h.family_id for f in findings.values() for h in f.hops
                                        if not h.family_id.startswith("screen:")}
                                       | {x.entity_id for f in findings.values() for x in f.facts})
                result["findings"] = [finding_json(f, self.world, self.evidence) for f in findings.values()]
            else:
                result["findings"] = [{"id": f.id, "rule": f.rule, "severity": f.severity, "summary": f.summary,
                                       "confidence": f.confidence, "certainty": f.certainty}
                                      for f in findings.values()]
        finally:
            del graph.out[virtual]
            del persons[virtual]
        result["verdict"] = verdict(result["findings"])
        return result


def verdict(findings: list[dict]) -> str:
    """flag: a legal breach or apparent conflict that is established or probable; review: any other
    finding (risks, or ties that are only possible); clear: nothing found."""
    if any(f["severity"] in ("legal breach", "apparent conflict") and f["certainty"] in ("established", "probable")
           for f in findings):
        return "flag"
    return "review" if findings else "clear"


def screen_candidate(store: Store, name: str, birth_date: str | None = None, program: str | None = None,
                     date: str | None = None) -> dict:
    """Screen one candidate (loads the store; for many candidates use Screener once)."""
    return Screener(store).screen(Candidate(name, birth_date, program, date))


_WORKER: "Screener | None" = None


REPORT_COLUMNS = ["ref", "name", "birth_date", "verdict", "findings", "rules", "summaries", "finding_ids",
                  "matches", "inferred_relatives"]


def report_row(cand: Candidate, result: dict) -> list:
    """One line of a batch report: the verdict, the findings' rules, summaries and ids."""
    findings = result["findings"]
    return [cand.ref, cand.name, cand.birth_date or "", result["verdict"], len(findings),
            ";".join(sorted({f["rule"] for f in findings})),
            " | ".join(f"[{f['severity']}] {f['summary']}" for f in findings),
            ";".join(f["id"] for f in findings),
            json.dumps(result["matches"], ensure_ascii=False),
            json.dumps(result["relatives"], ensure_ascii=False)]


def _screen_chunk(chunk: list[Candidate]) -> list[list]:
    """Worker side of a batch (the screener was inherited from the parent at fork): report rows,
    which are cheaper to send back than whole results."""
    assert _WORKER is not None
    return [report_row(cand, _WORKER.screen(cand, with_evidence=False)) for cand in chunk]


def screen_batch(store: Store, rows: list[dict], out_path: Path, program: str | None = None,
                 date: str | None = None, progress=None, workers: int = 0) -> dict:
    """Screen a candidate list (CSV rows with name[, birth_date, program, date, id]) into a report CSV.

    The store is loaded once; with ``workers`` > 1 (default: one per core) the candidates are split
    among forked processes that share the loaded world copy-on-write (no database access there)."""
    import multiprocessing
    import os

    global _WORKER
    screener = Screener(store)
    candidates = [Candidate(row.get("name", "").strip(), (row.get("birth_date") or "").strip() or None,
                            (row.get("program") or program or None), (row.get("date") or date or None),
                            (row.get("id") or str(i)))
                  for i, row in enumerate(rows, start=1)]
    workers = workers or min(os.cpu_count() or 1, 4)
    if workers > 1 and len(candidates) >= 2000 and "fork" in multiprocessing.get_all_start_methods():
        import gc

        _WORKER = screener
        gc.freeze()  # keep the collector from touching (and so copying) the inherited world in each worker
        size = max(500, len(candidates) // (workers * 8))
        chunks = [candidates[i:i + size] for i in range(0, len(candidates), size)]
        try:
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                rows_out = [r for part in pool.imap(_screen_chunk, chunks) for r in part]
        finally:
            _WORKER = None
            gc.unfreeze()
    else:
        rows_out = [report_row(cand, screener.screen(cand, with_evidence=False)) for cand in candidates]
    counts = {v: 0 for v in VERDICTS}
    with out_path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(REPORT_COLUMNS)
        for i, row in enumerate(rows_out, start=1):
            counts[row[3]] += 1
            writer.writerow(row)
            if progress:
                progress(i)
    return {"candidates": len(rows), "load_seconds": screener.load_seconds, "workers": workers, **counts}
