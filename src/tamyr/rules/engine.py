"""Evaluate written rules against the world at the date that matters, producing findings.

Rules are data (``data/<rule>.yaml``: id, title, severity, source text, parameters); this module
implements each rule family's logic once. A finding names its rule, subject, date, the kin path
(hop by hop, each hop a Family entity whose statements are the evidence), the facts at the end
of the path (a conviction, a post, a program rule), what is known and what is not, and a
confidence: the product of the hops' confidences and the facts' own confidences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Callable, Iterable, Iterator

import yaml

from ..graph import KinPath
from ..model.dates import NO, UNKNOWN, YES, before, held_on, months_between, years_between
from ..model.entities import make_id
from .world import Membership, Post, World

SEVERITIES = ("legal breach", "apparent conflict", "risk")


@dataclass
class Rule:
    id: str
    title: str
    severity: str
    source: dict
    params: dict
    enabled: bool = True

    @classmethod
    def from_dict(cls, data: dict) -> "Rule":
        if data.get("severity") not in SEVERITIES:
            raise ValueError(f"rule {data.get('id')!r}: severity must be one of {SEVERITIES}")
        return cls(data["id"], data["title"], data["severity"], data.get("source") or {}, data.get("params") or {},
                   bool(data.get("enabled", True)))


@lru_cache(maxsize=1)
def default_rules() -> dict[str, Rule]:
    folder = resources.files("tamyr.rules").joinpath("data")
    rules = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml") and entry.name != "seniority.yaml":
            rule = Rule.from_dict(yaml.safe_load(entry.read_text(encoding="utf-8")))
            rules[rule.id] = rule
    return rules


def load_rules(extra: Iterable[str | Path] = (), enable: Iterable[str] = (), disable: Iterable[str] = ()) -> dict[str, Rule]:
    """The bundled rules, overridden by user rule files, switched on/off by id."""
    rules = {rid: replace(rule) for rid, rule in default_rules().items()}  # the cached defaults stay intact
    for path in extra:
        rule = Rule.from_dict(yaml.safe_load(Path(path).read_text(encoding="utf-8")))
        rules[rule.id] = rule
    enable, disable = set(enable), set(disable)
    unknown = (enable | disable) - set(rules)
    if unknown:
        raise ValueError(f"unknown rule(s): {', '.join(sorted(unknown))}; known: {', '.join(rules)}")
    if enable:
        for rule in rules.values():
            rule.enabled = rule.id in enable
    for rule_id in disable:
        rules[rule_id].enabled = False
    return rules


@dataclass
class Hop:
    source: str
    target: str
    relationship: str  # gendered English word: the target is the source's <relationship>
    relation: str  # base relation
    status: str  # asserted | inferred
    confidence: float
    family_id: str


@dataclass
class FactRef:
    """A fact at the end of a path, with the entity whose statements are its evidence."""

    role: str  # conviction | post | membership | program rule | release
    entity_id: str
    text: str
    confidence: float = 1.0


@dataclass
class Finding:
    rule: str
    severity: str
    subject: str
    date: str | None
    summary: str
    hops: list[Hop] = field(default_factory=list)
    facts: list[FactRef] = field(default_factory=list)
    known: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    target: str | None = None
    date_note: str | None = None
    certainty: str = "established"  # established | probable | possible

    @property
    def confidence(self) -> float:
        value = 1.0
        for hop in self.hops:
            value *= hop.confidence
        for fact in self.facts:
            value *= fact.confidence
        return round(value, 4)

    @property
    def id(self) -> str:
        parts = [self.rule, self.subject, self.target or "", self.date or ""]
        parts += [h.family_id for h in self.hops] + [f.entity_id for f in self.facts]
        return "F" + make_id(*parts)[:16]


# -- helpers -------------------------------------------------------------------------------------


def hops_of(path: KinPath) -> list[Hop]:
    return [Hop(t.source, t.target, t.label, t.relation, t.status, t.confidence, t.family_id) for t in path.ties]


def certainty_of(path: KinPath, threshold: float) -> str:
    if not path.inferred:
        return "established"
    return "probable" if path.confidence >= threshold else "possible"


def hop_status_note(path: KinPath) -> list[str]:
    notes = []
    for tie in path.ties:
        if tie.status == "inferred":
            notes.append(f"the tie '{tie.label}' is inferred (confidence {tie.confidence:.2f}), not stated by a source")
    return notes


def event_phrase(post: Post | None = None, membership: Membership | None = None) -> str:
    if post is not None:
        when = f"on {post.start}" if post.start else f"({post.description or 'date not stated'})"
        return f"appointed {post.title()} {when}"
    if membership is not None:
        return f"admitted to {membership.org_name} ({membership.start or 'date not stated'})"
    return "screened"


def possessive(world: World, person_id: str) -> str:
    gender = (world.persons[person_id].gender or "") if person_id in world.persons else ""
    return {"male": "his", "female": "her"}.get(gender.lower(), "their")


@dataclass
class Event:
    """The date that matters for a subject: an appointment, an admission, or a screening."""

    subject: str
    date: str | None
    post: Post | None = None
    membership: Membership | None = None
    note: str | None = None

    paths_cache: tuple[int, list[KinPath]] | None = None

    def phrase(self) -> str:
        return event_phrase(self.post, self.membership) if (self.post or self.membership) else (self.note or "screened")

    def kin_paths(self, world: World, max_hops: int) -> list[KinPath]:
        """The subject's kin paths at the event's date, enumerated once per event for all rules."""
        if self.paths_cache is None or self.paths_cache[0] < max_hops:
            self.paths_cache = (max(max_hops, 3), world.graph.paths(self.subject, max(max_hops, 3), self.date))
        hops, paths = self.paths_cache
        return paths if hops == max_hops else [p for p in paths if len(p.ties) <= max_hops]


def appointment_events(world: World) -> Iterator[Event]:
    """Each appointment, at its start date. An undated post the source calls former cannot be placed
    in time (its relatives' posts and convictions cannot be compared with it), so it is skipped."""
    for person, posts in world.posts.items():
        for post in posts:
            if not post.start and (post.end or (post.status or "").lower() in ("former", "ended", "dismissed")):
                continue
            yield Event(person, post.start, post=post,
                        note=None if post.start else (post.description or "appointment date not stated"))


# -- rule families --------------------------------------------------------------------------------


def kin_of_convicted(world: World, rule: Rule, event: Event, threshold: float) -> Iterator[Finding]:
    params = rule.params
    charges = re.compile(params.get("corruption_charges", "$^"), re.IGNORECASE)
    for path in event.kin_paths(world, params.get("max_hops", 2)):
        for sentence in world.sentences.get(path.target, ()):
            corrupt = (sentence.corruption or "").lower() in ("yes", "true", "1") or bool(
                charges.search(" ".join(filter(None, [sentence.charge, sentence.reason]))))
            if params.get("corruption_only", True) and not corrupt:
                continue
            order = before(sentence.verdict, event.date) if event.date else UNKNOWN
            if order == NO:
                continue  # convicted only after the appointment
            known = [f"{world.name(path.target)} was {sentence.describe()}"]
            unknown = hop_status_note(path)
            if order == UNKNOWN:
                unknown.append("whether the conviction preceded the date that matters "
                               f"({event.note or event.date or 'not stated'})")
            summary = (f"{world.name(event.subject)}, {event.phrase()}: {possessive(world, event.subject)} "
                       f"{path.describe()} {world.name(path.target)} was {sentence.describe()}.")
            yield Finding(rule.id, rule.severity, event.subject, event.date, summary, hops_of(path),
                          [FactRef("conviction", sentence.id, sentence.describe())], known, unknown,
                          path.target, event.note, certainty_of(path, threshold))


def kin_in_posts(world: World, event: "Event", max_hops: int, levels: set[str],
                 relations: set[str] | None = None) -> Iterator[tuple[KinPath, Post, str]]:
    """(path, post, held) for every post of the given seniority held by the subject's kin, unless it
    certainly was not held at ``date``; ``held`` is yes or unknown. ``relations`` keeps only one-tie
    paths of those relations (e.g. children of officials)."""
    date = event.date
    for path in event.kin_paths(world, max_hops):
        if relations and (len(path.ties) != 1 or path.ties[0].relation not in relations):
            continue
        for post in world.posts.get(path.target, ()):
            if post.seniority not in levels:
                continue
            held = held_on(post.start, post.end, date, post.status)
            if held != NO:
                yield path, post, held


def kin_of_senior_official(world: World, rule: Rule, event: Event, threshold: float) -> Iterator[Finding]:
    levels = set(rule.params.get("seniority", ["senior"]))
    for path, post, held in kin_in_posts(world, event, rule.params.get("max_hops", 3), levels):
        known = [f"{world.name(path.target)} holds or held the {post.seniority} post {post.title()}"
                 + (f" (status: {post.status})" if post.status else "")]
        unknown = hop_status_note(path)
        if held == UNKNOWN:
            unknown.append(f"whether {world.name(path.target)} held that post on the date that matters "
                           f"({event.note or event.date or 'not stated'}); tenure dates not in the sources")
        summary = (f"{world.name(event.subject)}, {event.phrase()}: {possessive(world, event.subject)} "
                   f"{path.describe()} {world.name(path.target)} "
                   f"{'holds' if held == YES else 'held (tenure dates not in the sources)'} the "
                   f"{post.seniority} post {post.title()}.")
        yield Finding(rule.id, rule.severity, event.subject, event.date, summary, hops_of(path),
                      [FactRef("post", post.occupancy_id, post.title())], known, unknown, path.target,
                      event.note, certainty_of(path, threshold))


def program_eligibility(world: World, rule: Rule, event: Event, threshold: float) -> Iterator[Finding]:
    membership = event.membership
    if membership is None:
        return
    program = world.programs.get(membership.org_id)
    if program is None or not program.excludes:
        return
    spec = rule.params.get("excludes", {}).get(program.excludes)
    if spec is None:
        return
    levels = set(spec.get("seniority", ["senior"]))
    relations = set(spec.get("relations") or [])
    stated = f", as stated by {world.name(program.stated_by)}" if program.stated_by else ""
    for path, post, held in kin_in_posts(world, event, spec.get("max_hops", 2), levels,
                                         relations):
        known = [f"{program.name}'s rule{stated}: {program.rule_text or program.excludes.replace('_', ' ')}",
                 f"{world.name(event.subject)} was admitted {membership.start or '(date not stated)'}",
                 f"{world.name(path.target)} ({path.describe()}) holds or held the {post.seniority} post "
                 f"{post.title()}" + (f" (status: {post.status})" if post.status else "")]
        unknown = hop_status_note(path)
        if held == UNKNOWN:
            unknown.append(f"whether {world.name(path.target)} held that post at admission "
                           f"({membership.start or 'date not stated'}): the sources give no tenure dates")
        verb = "held" if held == YES else "may have held"
        summary = (f"{world.name(event.subject)} was admitted to {program.name} "
                   f"({membership.start or 'date not stated'}), whose rule excludes "
                   f"{program.excludes.replace('_', ' ')}{stated}; at admission "
                   f"{possessive(world, event.subject)} {path.describe()} "
                   f"{world.name(path.target)} {verb} the {post.seniority} post {post.title()}.")
        yield Finding(rule.id, rule.severity, event.subject, membership.start, summary, hops_of(path),
                      [FactRef("program rule", program.id, program.rule_text or program.excludes),
                       FactRef("membership", membership.id, f"member of {program.name}"),
                       FactRef("post", post.occupancy_id, post.title())],
                      known, unknown, path.target, membership.description, certainty_of(path, threshold))


def early_release(world: World, rule: Rule, threshold: float) -> Iterator[Finding]:
    limit = float(rule.params.get("max_share_served", 0.5))
    for person, sentences in world.sentences.items():
        for s in sentences:
            if not s.months or not s.release or not s.verdict:
                continue
            span = months_between(s.verdict, s.release)
            if span is None or span[1] / s.months >= limit:
                continue  # even the longest reading of the dates served enough
            served = years_between(s.verdict, s.release) or 0.0
            share = served * 12 / s.months
            why = f" for {s.release_reason} reasons" if s.release_reason else ""
            summary = (f"{world.name(person)} was released in {s.release}{why}, about {served:.1f} years into a "
                       f"sentence of {s.months / 12:g} years (about {share:.0%} served; at most "
                       f"{span[1] / s.months:.0%} given the dates' precision).")
            known = [f"verdict: {s.verdict}; sentence: {s.months:g} months", f"release: {s.release}"]
            if s.release_reason:
                known.append(f"stated reason: {s.release_reason}")
            unknown = []
            if len(s.verdict) < 10 or len(s.release) < 10:
                unknown.append("exact verdict and release dates (only "
                               f"{'years' if len(s.verdict) == 4 else 'months'} are known)")
            yield Finding(rule.id, rule.severity, person, s.release, summary, [],
                          [FactRef("conviction", s.id, s.describe())], known, unknown, person)


def related_subordination(world: World, rule: Rule, threshold: float) -> Iterator[Finding]:
    params = rule.params
    laws = params.get("laws", {})
    default_law = params.get("default_law")
    seen: set[tuple] = set()
    for person, posts in world.posts.items():
        for path in world.graph.paths(person, params.get("max_hops", 2)):
            other = path.target
            if other not in world.posts:
                continue
            for mine in posts:
                for theirs in world.posts[other]:
                    if not mine.org_id or mine.org_id != theirs.org_id or mine.post_id == theirs.post_id:
                        continue
                    law = laws.get((mine.country or "").lower(), default_law)
                    if law not in path.laws():
                        continue
                    overlap = _overlap(mine, theirs)
                    if overlap == NO:
                        continue
                    chain = world.post_ancestors(mine.post_id)
                    key = (min(person, other), max(person, other), mine.org_id)
                    if theirs.post_id in chain:
                        levels = chain.index(theirs.post_id) + 1
                        line = "directly" if levels == 1 else f"through {levels - 1} intermediate post(s)"
                        severity, subordinate = rule.severity, True
                    elif world.post_ancestors(theirs.post_id) and mine.post_id in world.post_ancestors(theirs.post_id):
                        continue  # reported from the other side
                    else:
                        line, severity, subordinate = None, params.get("same_body_without_line", "risk"), False
                    if key in seen and not subordinate:
                        continue
                    seen.add(key)
                    relation = path.relation or path.describe()
                    if subordinate:
                        summary = (f"{world.name(person)} ({mine.post_name}) reports {line} to {world.name(other)} "
                                   f"({theirs.post_name}) in {mine.org_name}, who is their {path.describe()} — "
                                   f"a {relation.replace('_', ' ')} covered by {law}.")
                    else:
                        summary = (f"{world.name(person)} ({mine.post_name}) and their {path.describe()} "
                                   f"{world.name(other)} ({theirs.post_name}) serve in the same body, {mine.org_name}; "
                                   f"the reporting line between the posts is not in the sources.")
                    unknown = hop_status_note(path)
                    if overlap == UNKNOWN:
                        unknown.append("whether the two posts were held at the same time")
                    if not subordinate:
                        unknown.append("whether one post is subordinate to the other")
                    yield Finding(rule.id, severity, person, mine.start, summary, hops_of(path),
                                  [FactRef("post", mine.occupancy_id, mine.title()),
                                   FactRef("post", theirs.occupancy_id, theirs.title())],
                                  [f"law: {law}"], unknown, other, None, certainty_of(path, threshold))


def _overlap(a: Post, b: Post) -> str:
    for probe in (a.start, b.start):
        if probe and held_on(a.start, a.end, probe, a.status) == YES and held_on(b.start, b.end, probe, b.status) == YES:
            return YES
    if (a.end and b.start and a.end < b.start[: len(a.end)]) or (b.end and a.start and b.end < a.start[: len(b.end)]):
        return NO
    return UNKNOWN


def rapid_advancement(world: World, rule: Rule, threshold: float) -> Iterator[Finding]:
    params = rule.params
    q = float(params.get("percentile", 0.05))
    records = []
    for person, posts in world.posts.items():
        senior = sorted((p for p in posts if p.seniority == "senior" and p.start), key=lambda p: p.start)
        if not senior:
            continue
        first_senior = senior[0]
        birth = world.persons.get(person).birth_date if person in world.persons else None
        age = years_between(birth, first_senior.start) if birth else None
        starts = sorted(p.start for p in posts if p.start)
        service = years_between(starts[0], first_senior.start) if starts and starts[0] < first_senior.start else None
        records.append((person, first_senior, age, service))
    for index, label in ((2, "age at first senior post"), (3, "years of service before the first senior post")):
        values = sorted(r[index] for r in records if r[index] is not None)
        if len(values) < int(params.get("min_peers", 30)):
            continue
        cut = values[max(0, int(len(values) * q) - 1)]
        for person, post, age, service in records:
            value = (age, service)[index - 2]
            if value is None or value > cut:
                continue
            summary = (f"{world.name(person)} reached the senior post {post.title()} in {post.start} with "
                       f"{label} {value:.1f}, at or below the registry's {q:.0%} percentile ({cut:.1f}; "
                       f"{len(values)} peers).")
            yield Finding(rule.id, rule.severity, person, post.start, summary, [],
                          [FactRef("post", post.occupancy_id, post.title())],
                          [f"{label}: {value:.1f} years; peers' {q:.0%} percentile: {cut:.1f}"], [], person)


EVENT_RULES: dict[str, Callable] = {
    "kin_of_convicted": kin_of_convicted,
    "kin_of_senior_official": kin_of_senior_official,
    "program_eligibility": program_eligibility,
}
GLOBAL_RULES: dict[str, Callable] = {
    "early_release": early_release,
    "related_subordination": related_subordination,
    "rapid_advancement": rapid_advancement,
}


def membership_events(world: World) -> Iterator[Event]:
    for person, memberships in world.memberships.items():
        for membership in memberships:
            yield Event(person, membership.start, membership=membership, note=membership.description)


def evaluate(world: World, rules: dict[str, Rule], threshold: float = 0.5) -> list[Finding]:
    """All findings of the enabled rules over every appointment and admission in the world."""
    findings: dict[str, Finding] = {}
    best: dict[tuple, Finding] = {}
    for rule in rules.values():
        if not rule.enabled:
            continue
        if rule.id in EVENT_RULES:
            check = EVENT_RULES[rule.id]
            events = membership_events(world) if rule.id == "program_eligibility" else appointment_events(world)
            for event in events:
                for finding in check(world, rule, event, threshold):
                    # one finding per rule, subject and target: the latest event, then the strongest path
                    key = (finding.rule, finding.subject, finding.target, tuple(f.entity_id for f in finding.facts[:1]))
                    current = best.get(key)
                    if current is None or _rank(finding) > _rank(current):
                        best[key] = finding
        elif rule.id in GLOBAL_RULES:
            for finding in GLOBAL_RULES[rule.id](world, rule, threshold):
                findings[finding.id] = finding
    for finding in best.values():
        findings[finding.id] = finding
    return sorted(findings.values(), key=lambda f: (SEVERITIES.index(f.severity), -f.confidence, f.rule, f.id))


def screen_subject(world: World, rules: dict[str, Rule], subject: str, date: str | None,
                   program: str | None = None, threshold: float = 0.5) -> list[Finding]:
    """Findings for one person (already in the world) at ``date``, e.g. a candidate for a post or program."""
    findings: dict[str, Finding] = {}
    event = Event(subject, date, note=f"screened at {date}" if date else "screened (no date given)")
    for rule_id in ("kin_of_convicted", "kin_of_senior_official"):
        rule = rules.get(rule_id)
        if rule and rule.enabled:
            for finding in EVENT_RULES[rule_id](world, rule, event, threshold):
                findings.setdefault((finding.rule, finding.target, finding.facts[0].entity_id), finding)
    rule = rules.get("program_eligibility")
    if rule and rule.enabled:
        memberships = list(world.memberships.get(subject, ()))
        if program:
            for prog in world.programs.values():
                if program.lower() in (prog.name or "").lower() or program == prog.id:
                    memberships.append(Membership(f"candidate:{prog.id}", subject, prog.id, prog.name, date, None,
                                                  "candidate for admission"))
        for membership in memberships:
            ev = Event(subject, membership.start, membership=membership, note=membership.description)
            for finding in program_eligibility(world, rule, ev, threshold):
                findings.setdefault((finding.rule, finding.target, finding.facts[-1].entity_id), finding)
    return sorted(findings.values(), key=lambda f: (SEVERITIES.index(f.severity), -f.confidence))


def _rank(finding: Finding) -> tuple:
    return (finding.certainty == "established", len(finding.unknown) == 0, finding.date or "", finding.confidence)
