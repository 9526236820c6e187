"""Web UI: server-rendered pages (Jinja2, autoescaped) with htmx for partial updates and Cytoscape.js
for the kin graph. Both libraries are vendored under ``static/vendor`` (from npm, with their licences):
the UI works offline. Everything a store holds is untrusted text and is escaped when rendered."""

from __future__ import annotations

import datetime as dt
from importlib import resources
from pathlib import Path

from fastapi import APIRouter, Depends, FastAPI, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from ..api import dossier as dossiers
from ..api.access import StoreAccess
from ..api.routes import (SEVERITIES, filter_findings, finding_or_404, get_access, record_review,
                          search_persons)

HERE = Path(str(resources.files("tamyr.web")))
templates = Jinja2Templates(directory=str(HERE / "templates"))
router = APIRouter(include_in_schema=False)
CONTEXT_CHARS = 280  # characters of source text shown either side of a quote


def mount(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.include_router(router)


def page(request: Request, name: str, status_code: int = 200, **context) -> HTMLResponse:
    access: StoreAccess = request.app.state.access
    return templates.TemplateResponse(request, name, {"writable": access.writable, **context},
                                      status_code=status_code)


@router.get("/", response_class=HTMLResponse)
def home(request: Request, q: str = Query("", max_length=300), access: StoreAccess = Depends(get_access)):
    results = search_persons(access, q, 30)["results"] if q.strip() else []
    return page(request, "search.html", q=q, results=results, persons=len(access.index()))


@router.get("/ui/search", response_class=HTMLResponse)
def search_partial(request: Request, q: str = Query("", max_length=300), access: StoreAccess = Depends(get_access)):
    results = search_persons(access, q, 30)["results"] if q.strip() else []
    return page(request, "_results.html", q=q, results=results)


@router.get("/ui/persons/{person_id}", response_class=HTMLResponse)
def person_page(request: Request, person_id: str, date: str | None = Query(None, pattern=r"^\d{4}-\d{2}-\d{2}$"),
                depth: int = Query(2, ge=1, le=4), access: StoreAccess = Depends(get_access)):
    data = _dossier(access, person_id, depth, date)
    return page(request, "dossier.html", d=data, timeline=timeline(data["posts"]), export=False)


@router.get("/ui/persons/{person_id}/dossier.html", response_class=HTMLResponse)
def dossier_html(request: Request, person_id: str, access: StoreAccess = Depends(get_access)):
    html = render_export(request, access, person_id)
    return HTMLResponse(html, headers={"Content-Disposition": f'inline; filename="dossier-{_safe(person_id)}.html"'})


@router.get("/ui/persons/{person_id}/dossier.pdf")
def dossier_pdf(request: Request, person_id: str, access: StoreAccess = Depends(get_access)):
    try:
        from weasyprint import HTML
    except Exception as exc:  # ImportError, or OSError when pango/cairo libraries are missing
        raise HTTPException(501, f"PDF export needs WeasyPrint and its system libraries (Debian: libpango-1.0-0 "
                                 f"libpangoft2-1.0-0): {exc}".strip())
    html = render_export(request, access, person_id)
    pdf = HTML(string=html, base_url=str(HERE)).write_pdf()
    return Response(pdf, media_type="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="dossier-{_safe(person_id)}.pdf"'})


def render_export(request: Request, access: StoreAccess, person_id: str) -> str:
    data = _dossier(access, person_id, 2, None)
    css = (HERE / "static" / "app.css").read_text(encoding="utf-8")
    return templates.get_template("export.html").render(
        d=data, timeline=timeline(data["posts"]), css=css, export=True,
        generated=dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        chains={f["id"]: chain(access, f) for f in data["findings"]})


@router.get("/ui/tie/{family_id}", response_class=HTMLResponse)
def tie_partial(request: Request, family_id: str, access: StoreAccess = Depends(get_access)):
    with access.read() as store:
        family = dossiers.entity(store, family_id)
    if family is None:
        raise HTTPException(404, f"no kin tie {family_id!r}")
    index = access.index()
    props = family["properties"]
    person, relative = (props.get("person") or [None])[0], (props.get("relative") or [None])[0]
    sources = [with_context(access, s) for s in _unique(family["statements"])]
    return page(request, "_tie.html", family=family, sources=sources,
                person={"id": person, "name": index.name_of(person) or person},
                relative={"id": relative, "name": index.name_of(relative) or relative})


@router.get("/ui/findings", response_class=HTMLResponse)
def findings_page(request: Request, rule: str = Query("", max_length=100), severity: str = Query("", max_length=40),
                  status: str = Query("", max_length=20), access: StoreAccess = Depends(get_access)):
    everything = access.findings()
    found = filter_findings(everything, rule or None, severity or None, status or None)
    rules = sorted({f["rule"] for f in everything})
    template = "_findings.html" if request.headers.get("HX-Request") else "findings.html"
    return page(request, template, findings=found, rules=rules, severities=SEVERITIES,
                statuses=("new", "confirmed", "dismissed"), rule=rule, severity=severity, status=status,
                total=len(everything))


@router.get("/ui/findings/{finding_id}", response_class=HTMLResponse)
def finding_page(request: Request, finding_id: str, access: StoreAccess = Depends(get_access)):
    finding = finding_or_404(access, finding_id)
    return page(request, "finding.html", f=finding, chain=chain(access, finding))


@router.post("/ui/findings/{finding_id}/review", response_class=HTMLResponse)
def review_form(request: Request, finding_id: str, decision: str = Form(..., max_length=20),
                comment: str = Form("", max_length=5000), author: str = Form("", max_length=200),
                token: str = Form("", max_length=500), access: StoreAccess = Depends(get_access)):
    """The review form posts the token as a field (a browser form cannot set Authorization)."""
    import secrets

    if decision not in ("confirm", "dismiss", "reopen"):
        raise HTTPException(422, "decision must be confirm, dismiss or reopen")
    if not access.token:
        raise HTTPException(403, "this server is read-only: start it with --token to allow reviews")
    header = request.headers.get("authorization", "").partition(" ")[2].strip()
    given = token or header
    if not secrets.compare_digest(given.encode(), access.token.encode()):
        return page(request, "_review.html", f=finding_or_404(access, finding_id), error="wrong or missing token",
                    status_code=200 if request.headers.get("HX-Request") else 401)
    record_review(access, finding_id, decision, comment or None, author or None)
    return page(request, "_review.html", f=finding_or_404(access, finding_id), error=None)


# -- helpers -------------------------------------------------------------------------------------

def _dossier(access: StoreAccess, person_id: str, depth: int, date: str | None) -> dict:
    data = dossiers.dossier(access, person_id, depth=depth, date=date)
    if data is None:
        raise HTTPException(404, f"no person {person_id!r}")
    return data


def chain(access: StoreAccess, finding: dict) -> list[dict]:
    """The finding's hops and facts, each source with its quote shown in the surrounding text."""
    items = []
    for hop in finding["path"]:
        items.append({"kind": "hop", "hop": hop, "sources": [with_context(access, s) for s in hop["sources"]]})
    for fact in finding["evidence"]:
        items.append({"kind": "fact", "fact": fact, "sources": [with_context(access, s) for s in fact["sources"]]})
    return items


def with_context(access: StoreAccess, src: dict) -> dict:
    """A source reference plus ``before`` / ``quote`` / ``after`` cut from the stored article text at its span
    (the template escapes each part and marks the quote)."""
    out = dict(src)
    span = src.get("span")
    text = _source_text(access, src.get("source_id")) if span and span[0] is not None else None
    if text and 0 <= span[0] <= span[1] <= len(text):
        start, end = span
        lo, hi = max(0, start - CONTEXT_CHARS), min(len(text), end + CONTEXT_CHARS)
        out["context"] = {"before": ("…" if lo else "") + text[lo:start], "quote": text[start:end],
                          "after": text[end:hi] + ("…" if hi < len(text) else "")}
    return out


def _source_text(access: StoreAccess, source_id: str | None) -> str | None:
    if not source_id:
        return None

    def load(store):
        return dict(store.conn.execute("SELECT source_id, text FROM sources WHERE text IS NOT NULL").fetchall())

    return access.cached("source_texts", load).get(source_id)


def timeline(posts: list[dict]) -> dict:
    """Posts as bars on a shared year axis (left and width in percent)."""
    years = [int(d[:4]) for p in posts for d in (p["start"], p["end"]) if d and d[:4].isdigit()]
    if not years:
        return {"bars": [], "ticks": []}
    this_year = dt.date.today().year
    lo, hi = min(years), max(max(years), this_year if any(not p["end"] for p in posts) else max(years)) + 1
    span = max(hi - lo, 1)
    bars = []
    for p in posts:
        s = int(p["start"][:4]) if p["start"] and p["start"][:4].isdigit() else None
        e = int(p["end"][:4]) + 1 if p["end"] and p["end"][:4].isdigit() else hi
        if s is None:
            continue
        bars.append({"post": p, "left": round(100 * (s - lo) / span, 1), "width": max(round(100 * (e - s) / span, 1), 1.5)})
    step = max(1, span // 8)
    return {"bars": bars, "ticks": [{"year": y, "left": round(100 * (y - lo) / span, 1)} for y in range(lo, hi + 1, step)]}


def _unique(statements: list[dict]) -> list[dict]:
    seen, out = set(), []
    for st in statements:
        key = (st["source_id"], st["locator"], st["quote"])
        if key not in seen:
            seen.add(key)
            out.append(st)
    return out


def _safe(text: str) -> str:
    return "".join(c for c in text if c.isalnum() or c in "-_")[:80] or "person"
