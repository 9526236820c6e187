"""Language-independent machinery: sentences, masked sentences, numbers and amounts, and the
builders that turn a recognised statement (kin tie, appointment, sentence, membership, rule) into
FtM entities with spans."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml

from ..model import vocabulary
from .dates import DateMention, complete_year, find_dates, shift_years
from .people import People, Person
from .result import Entity, Extraction, Span

# Kazakh letters -> Russian look-alikes, one for one: natasha's models were trained on Russian and
# lose names with Қ/Ұ/Ә...; the swap keeps every offset (libraries.md §4, measured).
KAZAKH_TO_RUSSIAN = str.maketrans("ҚқҰұҮүӘәӨөҢңҒғІіҺһ", "КкУуУуАаОоНнГгИиХх")

P_FIRST = 0xE000  # one private-use character per person mention in a masked sentence
P = "[\ue000-\ue0ff]"
NOT_P = "[^\ue000-\ue0ff]"


@lru_cache(maxsize=1)
def lexicon() -> dict:
    text = resources.files("tamyr.extract").joinpath("data/lexicon.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


# -- sentences --------------------------------------------------------------------------------

_BOUNDARY = re.compile(r"[.!?…]+[\"»”’)]*\s+(?=[\"«“(]?\s?[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ0-9])|\n+")
_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "st", "prof", "gen", "col", "lt", "jr", "sr", "vs", "no", "г", "гг",
                  "им", "ул", "т", "тыс", "млн", "млрд", "руб", "проф", "ген", "инж", "corp", "inc", "co", "u.s",
                  "e.g", "i.e", "etc", "approx", "jan", "feb", "aug", "sept", "oct", "nov", "dec"}


def sentences(text: str) -> list[Span]:
    spans, start = [], 0
    for m in _BOUNDARY.finditer(text):
        before = text[max(start, m.start() - 12):m.start()].split()
        word = before[-1].lower().strip("(\"«") if before else ""
        if text[m.start()] == "." and (word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())):
            continue
        end = m.start() + len(m.group(0).rstrip())
        if end > start and text[start:end].strip():
            spans.append(_trim(text, start, end))
        start = m.end()
    if text[start:].strip():
        spans.append(_trim(text, start, len(text)))
    if any(s.end - s.start > MAX_SENTENCE for s in spans):
        spans = [piece for s in spans for piece in _split_long(text, s)]
    return spans


MAX_SENTENCE = 1500  # a "sentence" longer than this (a table, a list without stops) is cut at commas/spaces


def spans_by_sentence(sentences: list[Span], spans: list[tuple]) -> Iterator[tuple[int, Span, list[tuple]]]:
    """(index, sentence, the spans lying inside it), for spans sorted by start: one pass over both."""
    first = 0
    for index, sent in enumerate(sentences):
        while first < len(spans) and spans[first][0] < sent.start:
            first += 1
        last = first
        while last < len(spans) and spans[last][1] <= sent.end:
            last += 1
        yield index, sent, spans[first:last]


def _split_long(text: str, span: Span) -> list[Span]:
    if span.end - span.start <= MAX_SENTENCE:
        return [span]
    out, start = [], span.start
    while span.end - start > MAX_SENTENCE:
        limit = start + MAX_SENTENCE
        cut = max(text.rfind("; ", start, limit), text.rfind(", ", start, limit))
        if cut <= start + MAX_SENTENCE // 3:
            cut = text.rfind(" ", start, limit)
        if cut <= start:
            cut = limit - 1
        out.append(_trim(text, start, cut + 1))
        start = cut + 1
    out.append(_trim(text, start, span.end))
    return [s for s in out if s.end > s.start]


BLOCK = 100_000  # characters per piece handed to spaCy / natasha in one call


def blocks(text: str, size: int = BLOCK) -> list[tuple[int, int]]:
    """(start, end) pieces of at most about `size` characters, cut after a paragraph break (else after a
    sentence end, else at a space), so that a long file is tokenised piece by piece with offsets into
    the whole text."""
    out, start, n = [], 0, len(text)
    while start < n:
        end = min(n, start + size)
        if end < n:
            cut = text.rfind("\n", start + size // 2, end)
            if cut < 0:
                cut = max(text.rfind(". ", start + size // 2, end), text.rfind(" ", start + size // 2, end))
            end = cut + 1 if cut >= 0 else end
        out.append((start, end))
        start = end
    return out


def _trim(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


# -- masked sentences --------------------------------------------------------------------------

@dataclass
class Mention:
    start: int
    end: int
    person: Person
    kind: str = "name"  # name | anaphor
    nominative: bool = True  # written in the nominative (can be a sentence's subject)


class Masked:
    """A sentence with each person mention replaced by one private-use character, so that rules are
    plain regular expressions; positions map back to the article text."""

    def __init__(self, text: str, span: Span, mentions: list[Mention]):
        self.span = span
        self.mentions = sorted(mentions, key=lambda m: m.start)[:256]
        parts, self._m, self._o = [], [], []
        pos, mpos = span.start, 0
        for k, m in enumerate(self.mentions):
            if m.start < pos:
                continue
            parts.append(text[pos:m.start])
            self._m.append(mpos)
            self._o.append(pos)
            mpos += m.start - pos
            parts.append(chr(P_FIRST + k))
            self._m.append(mpos)
            self._o.append(-(k + 1))
            mpos += 1
            pos = m.end
        parts.append(text[pos:span.end])
        self._m.append(mpos)
        self._o.append(pos)
        self.s = "".join(parts)

    def orig(self, mpos: int, end: bool = False) -> int:
        i = bisect.bisect_right(self._m, mpos) - 1
        if i < 0:
            return self.span.start
        o = self._o[i]
        if o < 0:
            m = self.mentions[-o - 1]
            if end or mpos > self._m[i]:
                return m.end
            return m.start
        return o + (mpos - self._m[i])

    def to_span(self, start: int, end: int) -> Span:
        a = self.orig(start)
        b = self.orig(end - 1, end=True) if end > start else a
        if end > start and self._o[bisect.bisect_right(self._m, end - 1) - 1] >= 0:
            b = self.orig(end - 1) + 1
        return Span(a, max(a, b))

    def person(self, char: str) -> Person:
        return self.mentions[ord(char) - P_FIRST].person


# -- numbers, amounts, sentence lengths --------------------------------------------------------

def number(word: str) -> float | None:
    word = word.lower().replace(",", ".")
    try:
        return float(word)
    except ValueError:
        return lexicon()["numbers"].get(word)


_AMOUNT = re.compile(
    r"(?P<pre>\$|US\$|€)?\s?(?P<num>\d+(?:[.,]\d+)?)\s*(?P<mult>thousand|million|billion|trillion|bn|mln|тыс\.?|"
    r"тысяч[аи]?|млн\.?|миллион(?:а|ов)?|млрд\.?|миллиард(?:а|ов)?|трлн\.?)?\s*(?P<cur>tenge|KZT|тенге|теңге|"
    r"rubles?|roubles?|RUB|руб(?:лей|ля)?\.?|dollars?|USD|долларов|доллара|euros?|EUR|евро|soms?|сомов|сумов)?",
    re.I)


def amounts(text: str) -> list[tuple[int, int, str, str | None]]:
    """(start, end, amount, currency) for amounts with a currency or a multiplier."""
    found = []
    lex = lexicon()
    for m in _AMOUNT.finditer(text):
        cur = m.group("cur") or m.group("pre")
        mult = m.group("mult")
        if not cur:
            continue
        value = float(m.group("num").replace(",", "."))
        if mult:
            value *= lex["multipliers"].get(mult.lower().rstrip("."), 1)
        code = lex["currencies"].get(cur.lower().rstrip("."), None) if cur not in ("$", "US$", "€") else (
            "EUR" if cur == "€" else "USD")
        found.append((m.start(), m.end(), f"{value:.0f}" if value == int(value) else f"{value}", code))
    return found


def charge_of(text: str, lang: str) -> tuple[str | None, bool]:
    """The offence named in a phrase, normalised ("embezzling ..." -> embezzlement), and whether it is
    corruption-related."""
    lex = lexicon()
    low = text.lower()
    for pattern, charge in lex[lang]["charges"].items():
        if re.search(pattern, low):
            if re.search(r"state (?:property|funds|money)|budget|государственн|бюджетн", low):
                charge = f"{charge} of state property" if charge in ("embezzlement", "misappropriation") else charge
            return charge, charge.split(" of ")[0] in lex["en"]["corruption_charges"] or charge == "abuse of office"
    return None, False


def release_reason(text: str) -> str | None:
    low = text.lower()
    for pattern, reason in lexicon()["release_reasons"].items():
        if re.search(pattern, low):
            return reason
    return None


# -- organisations -----------------------------------------------------------------------------

_PUBLIC = re.compile(r"ministry|committee|agency|administration|department|akimat|court|government|parliament|"
                     r"president|prosecutor|police|service|council|office|region|oblast|city|district|"
                     r"министерств|комитет|агентств|администраци|отдел|департамент|акимат|суд|правительств|"
                     r"парламент|прокуратур|полици|служб|совет|аппарат|област|район|город|управлени|"
                     r"министрлі|комитеті|әкімдігі|әкімшілігі", re.I)
_COUNTRY_ADJ = re.compile(r"^(?:the\s+)?(?:Kazakh|Kazakhstan(?:'s|’s)?|Russian|Kyrgyz|Uzbek|Tajik)\s+(?=[A-Z])")


def clean_org(name: str) -> str:
    name = " ".join(name.split()).strip(" ,;:")
    name = re.sub(r"^(?:the|a|an)\s+", "", name, flags=re.I)
    name = _COUNTRY_ADJ.sub("", name)
    return name


_VERDICT_CUE = re.compile(r"приговор|verdict|sentenc|convict|осужд|признан\w*\s+виновн|found\s+guilty|ruling|ruled|"
                         r"суд\w*\s+(?:вынес|огласил|постановил)|court", re.I)


@dataclass
class State:
    """What the article has said so far, for resolving "the new leader", "the convicted man"."""

    last_subject: Person | None = None
    appointed: list[Person] = field(default_factory=list)
    convicted: list[Person] = field(default_factory=list)
    sanctions: dict[str, Entity] = field(default_factory=dict)  # person id -> latest Sanction
    verdicts: dict[str, str] = field(default_factory=dict)  # person id -> verdict date
    programs: list[Entity] = field(default_factory=list)
    cases: list[tuple[int, Span, str]] = field(default_factory=list)  # (sentence index, span, name)
    case_people: dict[str, str] = field(default_factory=dict)  # case name -> person id
    conviction_spans: dict[str, Span] = field(default_factory=dict)  # person id -> sentence of the conviction
    pending_releases: list[tuple[str, float, Span]] = field(default_factory=list)  # "two years later", no verdict date yet


class Builder:
    """Turns recognised statements into entities of one Extraction."""

    def __init__(self, x: Extraction, people: People, published: str | None, lang: str):
        self.x = x
        self.people = people
        self.published = published
        self.lang = lang
        self.state = State()
        self.vocab = vocabulary()

    # -- pronouns -----------------------------------------------------------------------------

    def pronoun(self, gender: str, before: list[Person]) -> Person | None:
        """Who "he"/"she" (он/она) refers to: the latest named person of that gender earlier in the sentence,
        else the subject of the previous sentence when the gender fits, else the most recently mentioned
        named person whose gender fits (unknown gender fits either)."""
        fits = lambda p: p is not None and not p.unnamed and p.gender in (None, gender)  # noqa: E731
        for person in reversed(before):
            if fits(person):
                return person
        if fits(self.state.last_subject):
            return self.state.last_subject
        recent = sorted((p for p in self.people.persons if fits(p)), key=lambda p: -p.last_seen)[:1]
        return recent[0] if recent else None

    # -- kin ----------------------------------------------------------------------------------

    def family(self, subject: Person, other: Person, word: str, span: Span) -> Entity | None:
        """`subject` is `other`'s <word> ("X, son of Y"): stored from the subject's side, i.e.
        Family(person=subject, relative=other, relationship=what other is to subject)."""
        if subject.id == other.id:
            return None
        term = self.vocab.term(word.lower().replace("’", "'"))
        if term is None:
            return None
        if term.gender and not subject.gender:
            subject.gender = term.gender
            entity = self.x.entities[subject.id]
            if not subject.unnamed:
                self.x.set(entity, "gender", "male" if term.gender == "m" else "female", span)
        relationship = self.vocab.inverse_label(term.word, other.gender)
        pair = sorted([subject.id, other.id])
        fam = self.x.make("Family", span, "family", *pair)
        if fam.props.get("person"):
            return fam
        self.x.set(fam, "person", subject.id, span)
        self.x.set(fam, "relative", other.id, span)
        self.x.set(fam, "relationship", relationship, span)
        self.x.set(fam, "tamyr:relationshipTerm", word.lower(), span)
        return fam

    def relative_of(self, person: Person, word: str) -> Person | None:
        """Who is `person`'s <word> according to kin ties read so far ("his father")."""
        term = self.vocab.term(word.lower())
        if term is None:
            return None
        for fam in self.x.by_schema("Family"):
            a, b = fam.first("person"), fam.first("relative")
            rel = fam.first("relationship")
            try:
                relation = self.vocab.relation(rel).name
            except KeyError:
                continue
            if a == person.id and relation == term.relation:
                return self.people.get(b)
            if b == person.id and self.vocab.relations[relation].inverse == term.relation:
                return self.people.get(a)
        return None

    # -- posts --------------------------------------------------------------------------------

    def position(self, post: str, org: str | None, span: Span, seniority: str | None = None,
                 scope: str | None = None) -> Entity:
        post = " ".join(post.split()).strip(" ,;:")
        if scope:  # a post known only from this article ("post not stated"): one per person and article
            position = self.x.make("Position", span, "position", post.lower(), scope, scoped=True)
        else:
            position = self.x.make("Position", span, "position", post.lower(), scoped=False)
        self.x.set(position, "name", post, span)
        if org:
            organisation = self.organization(org, span)
            self.x.set(position, "organization", organisation.id, span)
        if seniority:
            self.x.set(position, "tamyr:seniority", seniority, span)
        return position

    def organization(self, name: str, span: Span, schema: str | None = None) -> Entity:
        name = clean_org(name)
        schema = schema or ("PublicBody" if _PUBLIC.search(name) else "Organization")
        org = self.x.make(schema, span, "organization", name.lower(), scoped=False)
        self.x.set(org, "name", name, span)
        return org

    def occupancy(self, person: Person, post: str, org: str | None, status: str, span: Span,
                  date: DateMention | None = None, end: bool = False, seniority: str | None = None) -> Entity:
        position = self.position(post, org, span, seniority)
        occ = self.x.make("Occupancy", span, "occupancy", person.id, position.id)
        self.x.set(occ, "holder", person.id, span)
        self.x.set(occ, "post", position.id, span)
        self.x.set(occ, "status", status, span)
        if date is not None:
            self.date(occ, "endDate" if end else "startDate", date)
        if status == "appointed":
            self.state.appointed.append(person)
        return occ

    def post_not_stated(self, person: Person, status: str, span: Span) -> Entity:
        """"X was relieved of his duties" / "Освобождена от занимаемой должности X": the post the article gave
        the person before, else a post of this article marked as not stated (never a guessed one)."""
        for occ in reversed(self.x.by_schema("Occupancy")):
            if occ.first("holder") == person.id:
                # "current" was the article's present tense before this news; the news ends the tenure
                occ.props["status"] = [v for v in occ.props.get("status", []) if v.value != "current"]
                self.x.set(occ, "status", status, span)
                self.x.set(occ, "description", f"{status}: {self.x.text[span.start:span.end]}", span)
                return occ
        position = self.position("post not stated", None, span, scope=person.id)
        occ = self.x.make("Occupancy", span, "occupancy", person.id, position.id)
        self.x.set(occ, "holder", person.id, span)
        self.x.set(occ, "post", position.id, span)
        self.x.set(occ, "status", status, span)
        return occ

    def date(self, entity: Entity, prop: str, date: DateMention, approximate: bool = False) -> None:
        date = complete_year(date, self.published)
        dspan = Span(date.start, date.end)
        if date.value:
            self.x.set(entity, prop, date.value, dspan, approximate=approximate or (
                date.year is not None and date.text.find(str(date.year)) < 0))
        elif date.month_day:
            # Month and day are known, the year is not: keep what the text says, invent nothing.
            label = {"startDate": "start", "endDate": "end"}.get(prop, prop)
            self.x.set(entity, "description", f"{label}: {date.text} (year not stated)", dspan)

    # -- courts -------------------------------------------------------------------------------

    def conviction(self, person: Person, span: Span, months: float | None, term_span: Span | None,
                   charge_text: str | None, charge_span: Span | None, verdict: DateMention | None) -> Entity:
        known = self.state.sanctions.get(person.id)
        if known is not None and (verdict is None or not known.props.get("tamyr:verdictDate")):
            sanction = known  # "признан виновным ..." then "приговорил его к ...": one sentence (the penalty)
        else:
            sanction = self.x.make("Sanction", span, "sentence", person.id, verdict.text if verdict else "")
        self.x.set(sanction, "entity", person.id, span)
        self.x.set(sanction, "program", "criminal sentence", span)
        self.x.set(sanction, "status", "convicted", span)
        if months:
            self.x.set(sanction, "tamyr:sentenceMonths", f"{months:g}", term_span)
            self.x.set(sanction, "duration", _duration(months, self.lang), term_span)
        if charge_text:
            self.x.set(sanction, "reason", charge_text, charge_span)
            charge, corrupt = charge_of(charge_text, self.lang)
            if charge:
                self.x.set(sanction, "tamyr:charge", charge, charge_span)
                if corrupt:
                    self.x.set(sanction, "tamyr:corruption", "yes", charge_span)
            for a_start, a_end, value, currency in amounts(charge_text):
                aspan = Span(charge_span.start + a_start, charge_span.start + a_end) if charge_span else span
                self.x.set(sanction, "tamyr:amount", value, aspan)
                if currency:
                    self.x.set(sanction, "tamyr:currency", currency, aspan)
                break
        if verdict is not None:
            self.date(sanction, "startDate", verdict)
            self.date(sanction, "tamyr:verdictDate", verdict)
            v = complete_year(verdict, self.published).value
            if v:
                self.state.verdicts[person.id] = v
        self.state.sanctions[person.id] = sanction
        self.state.conviction_spans.setdefault(person.id, span)
        if person not in self.state.convicted:
            self.state.convicted.append(person)
        return sanction

    def release(self, person: Person, span: Span, date: DateMention | None, after_years: float | None,
                after_span: Span | None, reason: str | None, reason_span: Span | None) -> None:
        sanction = self.state.sanctions.get(person.id)
        if sanction is None:
            sanction = self.conviction(person, span, None, None, None, None, None)
        if date is not None:
            self.date(sanction, "endDate", date)
            self.date(sanction, "tamyr:releaseDate", date)
        elif after_years is not None and person.id in self.state.verdicts:
            self._release_after(sanction, self.state.verdicts[person.id], after_years, after_span or span)
        elif after_years is not None:
            # the verdict date may come in a later sentence ("Приговор вынесен 12 мая 2023 года.")
            self.state.pending_releases.append((person.id, after_years, after_span or span))
        if reason:
            self.x.set(sanction, "tamyr:releaseReason", reason, reason_span or span)
        self.x.set(sanction, "description", self.x.text[span.start:span.end], span)

    def _release_after(self, sanction: Entity, verdict: str, years: float, span: Span) -> None:
        # "a year after the verdict": about verdict + 1 year, marked approximate.
        value = shift_years(verdict, int(round(years)))
        self.x.set(sanction, "endDate", value, span, approximate=True, confidence=0.5)
        self.x.set(sanction, "tamyr:releaseDate", value, span, approximate=True, confidence=0.5)

    def link_verdict_dates(self, text: str, sentences: list[Span], reach: int = 2) -> None:
        """A conviction read without a date takes the date of a nearby sentence about the verdict
        ("Приговор вынесен 12 мая 2023 года.", "The verdict was handed down on May 12.") within `reach`
        sentences of the same paragraph (a blank line ends a paragraph), the nearest, earlier first;
        then releases "two years later" get their approximate date."""
        starts = [s.start for s in sentences]
        claimed = {bisect.bisect_right(starts, sp.start) - 1 for sp in self.state.conviction_spans.values()}
        for person_id, sanction in self.state.sanctions.items():
            span = self.state.conviction_spans.get(person_id)
            if span is None or sanction.props.get("tamyr:verdictDate"):
                continue
            here = bisect.bisect_right(starts, span.start) - 1
            options = []
            for j in range(max(0, here - reach), min(len(sentences), here + reach + 1)):
                if j == here or j in claimed:
                    continue
                a, b = sorted((sentences[j].start, span.start))
                if "\n\n" in text[a:b] or not _VERDICT_CUE.search(text[sentences[j].start:sentences[j].end]):
                    continue
                dates = [d for d in dates_in(text, sentences[j]) if d.year or d.month_day]
                if dates:
                    options.append((abs(j - here), j > here, dates[0]))
            if options:
                verdict = min(options, key=lambda o: (o[0], o[1]))[2]
                self.date(sanction, "startDate", verdict)
                self.date(sanction, "tamyr:verdictDate", verdict)
                value = complete_year(verdict, self.published).value
                if value:
                    self.state.verdicts[person_id] = value
        for person_id, years, span in self.state.pending_releases:
            sanction = self.state.sanctions.get(person_id)
            if sanction is not None and person_id in self.state.verdicts and not sanction.props.get("tamyr:releaseDate"):
                self._release_after(sanction, self.state.verdicts[person_id], years, span)

    def case_name(self, person: Person, name: str, span: Span) -> Entity:
        case = self.x.make("CourtCase", span, "case", name.lower())
        self.x.set(case, "name", name, span)
        party = self.x.make("CourtCaseParty", span, "party", case.id, person.id)
        self.x.set(party, "party", person.id, span)
        self.x.set(party, "case", case.id, span)
        self.x.set(party, "role", "defendant", span)
        if person in self.state.convicted:
            self.x.set(party, "status", "convicted", span)
        sanction = self.state.sanctions.get(person.id)
        if sanction is not None:
            charge = sanction.first("tamyr:charge")
            if charge:
                self.x.set(case, "tamyr:charge", charge, sanction.props["tamyr:charge"][0].span)
        return case

    # -- programs -----------------------------------------------------------------------------

    def membership(self, person: Person, program: str, span: Span, date: DateMention | None) -> Entity:
        org = self.organization(program, span, schema="Organization")
        member = self.x.make("Membership", span, "membership", person.id, org.id)
        self.x.set(member, "member", person.id, span)
        self.x.set(member, "organization", org.id, span)
        self.x.set(member, "status", "member", span)
        if date is not None:
            self.date(member, "startDate", date)
        self.state.programs.append(org)
        return member

    def rule(self, program: Entity, quote_span: Span, excludes: str | None, speaker: Person | None,
             date: DateMention | None) -> None:
        self.x.set(program, "tamyr:eligibilityRule", self.x.text[quote_span.start:quote_span.end], quote_span)
        if excludes:
            self.x.set(program, "tamyr:ruleExcludes", excludes, quote_span)
        if speaker is not None:
            self.x.set(program, "tamyr:ruleStatedBy", speaker.id, quote_span)
        if date is not None:
            d = complete_year(date, self.published)
            if d.value:
                self.x.set(program, "tamyr:ruleStatedDate", d.value, Span(d.start, d.end))


def _duration(months: float, lang: str) -> str:
    if months % 12 == 0:
        years = int(months // 12)
        return f"{years} year{'s' if years != 1 else ''}"
    return f"{months:g} months"


def excludes_class(text: str) -> str | None:
    """Machine-readable class of people a stated rule excludes."""
    low = text.lower()
    kin = re.search(r"child|relative|famil|son|daughter|kin|spouse|родствен|дет|сем|туыс|бала", low)
    official = re.search(r"official|officer|civil servant|minister|чиновник|должностн|госслужащ|руководител|шенеунік", low)
    senior = re.search(r"high-ranking|high ranking|senior|top|высокопоставлен|высших|руководящ|лауазымды", low)
    if kin and official:
        return "relatives_of_senior_officials" if senior else "relatives_of_officials"
    if re.search(r"convict|судим|осужд", low):
        return "convicted_persons"
    if kin:
        return "relatives"
    return None


def dates_in(text: str, span: Span) -> list[DateMention]:
    return find_dates(text[span.start:span.end], span.start)
