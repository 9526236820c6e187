"""The JSON API. Reads need nothing; writes need `Authorization: Bearer <token>` and a configured token."""

from __future__ import annotations

import secrets
from typing import Literal, Optional

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request

from ..findings.store import DECISIONS
from ..model.entities import make_id
from ..store.store import now
from . import dossier as dossiers
from .access import StoreAccess
from .matching import ALGORITHM, FEATURE_DOCS, QueryName
from .models import (DATE_PATTERN, EntityMatchQuery, EntityMatchResponse, ErrorResponse, JudgementRequest,
                     ReviewRequest, ScreenRequest, SearchResponse)

DATASETS = ("default", "tamyr", "all")
MATCHER_DESCRIPTION = ("Name keys independent of script and transliteration (surname, given name, father's given "
                       "name from the patronymic) and birth date; score = weighted mean of the features both "
                       "sides have.")
SEVERITIES = ("legal breach", "apparent conflict", "risk")
STATUSES = tuple(sorted(set(DECISIONS.values())))
ERRORS = {400: {"model": ErrorResponse}, 404: {"model": ErrorResponse}, 422: {"model": ErrorResponse}}
WRITE_ERRORS = {**ERRORS, 401: {"model": ErrorResponse}, 403: {"model": ErrorResponse}}


def get_access(request: Request) -> StoreAccess:
    return request.app.state.access


def require_token(request: Request, access: StoreAccess = Depends(get_access)) -> None:
    """Writes need a configured token (``--token`` or TAMYR_TOKEN) and the same token in the request."""
    if not access.token:
        raise HTTPException(403, "this server is read-only: start it with --token (or TAMYR_TOKEN) to allow "
                                 "reviews and judgements")
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not secrets.compare_digest(given.strip().encode(), access.token.encode()):
        raise HTTPException(401, "missing or wrong token: send 'Authorization: Bearer <token>'",
                            headers={"WWW-Authenticate": "Bearer"})


router = APIRouter()


def query_of(example) -> QueryName:
    names = example.values("name", "alias", "previousName", "weakAlias")
    parts = [" ".join(example.values(p)) for p in ("firstName", "fatherName", "middleName", "lastName")]
    composed = " ".join(p for p in (parts[0], parts[1], parts[2], parts[3]) if p)
    if composed and not names:
        names = [composed]
    return QueryName.build(names, father_names=example.values("fatherName"),
                           birth_dates=example.values("birthDate"))


@router.post("/match/{dataset}", response_model=EntityMatchResponse, tags=["matching"], responses=ERRORS,
             summary="Match example entities against the store's persons (yente-compatible)")
def match(body: EntityMatchQuery, dataset: str = Path(..., max_length=64),
          limit: int = Query(5, ge=1, le=500, description="Results per query."),
          threshold: float = Query(0.7, ge=0.0, le=1.0, description="Score at which `match` is true."),
          cutoff: float = Query(0.0, ge=0.0, le=1.0, description="Results scoring below this are dropped."),
          algorithm: str = Query(ALGORITHM, max_length=64, description=f"Only {ALGORITHM!r} (also accepted: "
                                                                       "'best', 'default', yente's names, which "
                                                                       "all run tamyr's scorer)."),
          exclude_entity_ids: list[str] = Query([], description="Ids a reviewer already ruled out."),
          access: StoreAccess = Depends(get_access)):
    if dataset not in DATASETS:
        raise HTTPException(404, f"no dataset {dataset!r}: this server has one, use /match/default")
    if algorithm not in (ALGORITHM, "best", "default", "logic-v1", "logic-v2", "name-based", "name-qualified"):
        raise HTTPException(400, f"unknown algorithm {algorithm!r}; use {ALGORITHM}")
    index = access.index()
    exclude = set(exclude_entity_ids)
    responses = {}
    for qid, example in body.queries.items():
        query = query_of(example)
        results = []
        if query.names and example.schema_ in ("Person", "LegalEntity", "Thing"):
            for row, score, expl in index.match(query, limit=limit, cutoff=cutoff, exclude=exclude):
                p = index.person(row)
                props = {k: [p[k]] for k in ("name", "birthDate", "gender", "fatherName") if p.get(k)}
                results.append({"id": p["id"], "caption": p["name"], "schema": "Person", "properties": props,
                                "datasets": ["tamyr"], "score": score,
                                "features": {f: e["score"] for f, e in expl.items()}, "explanations": expl,
                                "match": score >= threshold})
        status = 200 if query.names else 400
        responses[qid] = {"status": status, "results": results, "total": {"value": len(results), "relation": "eq"},
                          "query": example.model_dump(by_alias=True)}
    return {"responses": responses, "limit": limit,
            "matcher": {"name": ALGORITHM, "description": MATCHER_DESCRIPTION,
                        "features": FEATURE_DOCS}}


@router.post("/screen", tags=["matching"], responses=ERRORS,
             summary="Screen a candidate: who they are in the store, kin the name implies, findings and a verdict")
def screen(body: ScreenRequest, access: StoreAccess = Depends(get_access)):
    try:
        from ..findings.screen import Candidate, Screener
    except ImportError:  # pragma: no cover - screening lands with `tamyr screen`
        raise HTTPException(501, "screening is not available in this version of tamyr")
    screener = access.cached("screener", Screener)
    with access.read():  # the screener reads evidence through the open store
        return screener.screen(Candidate(body.name.strip(), body.birth_date, body.program, body.date))


@router.get("/search", response_model=SearchResponse, tags=["entities"], responses=ERRORS,
            summary="Find persons by name in any script or spelling (Imanaliyev finds Иманалиев)")
def search(q: str = Query(..., min_length=1, max_length=300), limit: int = Query(20, ge=1, le=200),
           access: StoreAccess = Depends(get_access)):
    return search_persons(access, q, limit)


def search_persons(access: StoreAccess, q: str, limit: int = 20) -> dict:
    if not q.strip():
        raise HTTPException(400, "q is blank")
    index = access.index()
    query = QueryName.build([q])
    results = []
    for row, score, expl in index.match(query, limit=limit, cutoff=0.3):
        p = index.person(row)
        results.append({"id": p["id"], "caption": p["name"], "schema": "Person", "score": score,
                        "birth_date": p.get("birthDate"), "features": {f: e["score"] for f, e in expl.items()}})
    return {"query": q, "limit": limit, "total": {"value": len(results), "relation": "eq"}, "results": results}


@router.get("/entities/{entity_id}", tags=["entities"], responses=ERRORS,
            summary="An entity as FtM JSON with every statement and its source; persons also get a dossier")
def get_entity(entity_id: str = Path(..., max_length=200),
               dossier: bool = Query(True, description="For persons: posts, convictions, kin and findings."),
               access: StoreAccess = Depends(get_access)):
    if dossier:
        data = dossiers.dossier(access, entity_id)
        if data is not None:
            return data
    with access.read() as store:
        ent = dossiers.entity(store, entity_id)
    if ent is None:
        raise HTTPException(404, f"no entity {entity_id!r}")
    ent["caption"] = dossiers.caption(ent)
    return ent


@router.get("/entities/{entity_id}/kin", tags=["entities"], responses=ERRORS,
            summary="Kin paths from a person at a date: nodes, ties (asserted or inferred, with confidence)")
def get_kin(entity_id: str = Path(..., max_length=200), depth: int = Query(2, ge=1, le=4),
            date: Optional[str] = Query(None, pattern=DATE_PATTERN), access: StoreAccess = Depends(get_access)):
    if access.index().name_of(entity_id) is None and entity_id not in access.canonical().values():
        raise HTTPException(404, f"no person {entity_id!r}")
    return dossiers.kin_json(access, entity_id, depth=depth, date=date)


@router.get("/findings", tags=["findings"], responses=ERRORS, summary="Findings, filtered")
def list_findings(rule: Optional[str] = Query(None, max_length=100),
                  severity: Optional[Literal["legal breach", "apparent conflict", "risk"]] = None,
                  status: Optional[Literal["new", "confirmed", "dismissed"]] = None,
                  subject: Optional[str] = Query(None, max_length=200),
                  limit: int = Query(100, ge=1, le=10000), offset: int = Query(0, ge=0),
                  access: StoreAccess = Depends(get_access)):
    found = filter_findings(access.findings(), rule, severity, status, subject)
    return {"total": {"value": len(found), "relation": "eq"}, "limit": limit, "offset": offset,
            "results": found[offset:offset + limit]}


def filter_findings(findings: list[dict], rule=None, severity=None, status=None, subject=None) -> list[dict]:
    return [f for f in findings
            if (not rule or f["rule"] == rule) and (not severity or f["severity"] == severity)
            and (not status or f.get("review", {}).get("status", "new") == status)
            and (not subject or f["subject"]["id"] == subject)]


@router.get("/findings/{finding_id}", tags=["findings"], responses=ERRORS, summary="One finding with its chain")
def get_finding(finding_id: str = Path(..., max_length=100), access: StoreAccess = Depends(get_access)):
    return finding_or_404(access, finding_id)


def finding_or_404(access: StoreAccess, finding_id: str) -> dict:
    for f in access.findings():
        if f["id"] == finding_id:
            return f
    raise HTTPException(404, f"no finding {finding_id!r}")


@router.post("/findings/{finding_id}/review", tags=["findings"], responses=WRITE_ERRORS,
             dependencies=[Depends(require_token)],
             summary="Confirm, dismiss or reopen a finding (kept in the audit log with comment and author)")
def review_finding(body: ReviewRequest, finding_id: str = Path(..., max_length=100),
                   access: StoreAccess = Depends(get_access)):
    return record_review(access, finding_id, body.decision, body.comment, body.author)


def record_review(access: StoreAccess, finding_id: str, decision: str, comment: str | None,
                  author: str | None) -> dict:
    from ..findings import FindingStore

    finding_or_404(access, finding_id)
    with access.write() as store:
        try:
            state = FindingStore(store).review(finding_id, decision, comment, author)
        except (KeyError, ValueError) as exc:
            raise HTTPException(400, str(exc.args[0]))
    return {"id": finding_id, "review": state}


@router.post("/judgements", tags=["findings"], responses=WRITE_ERRORS, dependencies=[Depends(require_token)],
             summary="Record a reviewer's judgement on a merge of two persons or on a kin tie")
def post_judgement(body: JudgementRequest, access: StoreAccess = Depends(get_access)):
    from ..resolve import judge_merge

    if body.kind == "merge":
        if not body.object or body.object == body.subject:
            raise HTTPException(400, "a merge judgement needs two different person ids: subject and object")
        index = access.index()
        for pid in (body.subject, body.object):
            if index.name_of(pid) is None:
                raise HTTPException(404, f"no person {pid!r}")
        with access.write() as store:
            judge_merge(store, body.subject, body.object, body.decision, body.comment, body.author)
    else:
        with access.read() as store:
            family = dossiers.entity(store, body.subject)
        if family is None or family["schema"] != "Family":
            raise HTTPException(404, f"no kin tie (Family entity) {body.subject!r}")
        when = now()
        with access.write() as store:
            store.conn.execute(
                "INSERT INTO judgements VALUES (?, 'tie', ?, ?, ?, ?, ?, ?)",
                [make_id("tie", body.subject, body.decision, body.comment, body.author, when.isoformat()),
                 body.subject, body.object, body.decision, body.comment, body.author, when])
    return {"kind": body.kind, "subject": body.subject, "object": body.object, "decision": body.decision}


@router.get("/judgements", tags=["findings"], summary="The audit log: every review and judgement, newest first")
def list_judgements(limit: int = Query(100, ge=1, le=10000), access: StoreAccess = Depends(get_access)):
    with access.read() as store:
        cur = store.conn.execute("SELECT * FROM judgements ORDER BY created_at DESC, id LIMIT ?", [limit])
        names = [d[0] for d in cur.description]
        rows = [dict(zip(names, r)) for r in cur.fetchall()]
    for r in rows:
        r["created_at"] = str(r["created_at"])
    return {"results": rows}


@router.get("/healthz", tags=["system"], summary="Liveness, store counts and whether writes are allowed")
def healthz(access: StoreAccess = Depends(get_access)):
    return {"status": "ok", "store": str(access.path), "writable": access.writable, "persons": len(access.index())}
