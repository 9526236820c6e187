"""English rules: spaCy blank("en") tokenizer + Matcher (title-case runs) + EntityRuler (gazetteer of
known names and their Latin spellings), then regular expressions over sentences in which every
person mention is masked to one character."""

from __future__ import annotations

import re
from functools import lru_cache

from .core import (P, Builder, Masked, Mention, Span, dates_in, excludes_class, lexicon, number,
                   release_reason, spans_by_sentence)
from .dates import DateMention
from .people import People, Person


@lru_cache(maxsize=1)
def _nlp():
    import spacy
    from spacy.matcher import Matcher
    from spacy.util import compile_infix_regex

    nlp = spacy.blank("en")
    # Keep hyphenated names whole ("Kassym-Jomart"): drop the letter-hyphen-letter infix rule.
    infixes = [p for p in nlp.Defaults.infixes if "-|–|—" not in p and "{h}" not in p and not re.search(r"\(\?:-", p)]
    infixes = [p for p in infixes if "-" not in p or "a-z" in p and "(?<=[" not in p]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    matcher = Matcher(nlp.vocab)
    matcher.add("TITLE_RUN", [[{"IS_TITLE": True, "OP": "+"}]], greedy="LONGEST")
    return nlp, matcher


@lru_cache(maxsize=8)
def _ruler(gazetteer: tuple[str, ...]):
    nlp, _ = _nlp()
    from spacy.pipeline import EntityRuler

    ruler = EntityRuler(nlp, phrase_matcher_attr="LOWER", overwrite_ents=True)
    ruler.add_patterns([{"label": "PERSON", "pattern": name} for name in gazetteer if name.strip()])
    return ruler


def _words(key: str) -> set[str]:
    return {w.lower() for w in lexicon()["en"][key]}


@lru_cache(maxsize=1)
def _tables():
    lex = lexicon()["en"]
    endings = tuple(sorted(lex["name_endings"], key=len, reverse=True))
    heads = sorted(lex["post_heads"], key=len, reverse=True)
    from ..model import vocabulary

    kin_words = sorted({t.word for t in vocabulary().terms.values() if re.fullmatch(r"[a-z -]+", t.word)},
                       key=len, reverse=True)
    kin = "(?:" + "|".join(re.escape(w).replace("\\-", "[- ]?").replace("\\ ", r"\s+") for w in kin_words) + ")s?"
    head = "(?:" + "|".join(re.escape(h).replace("\\ ", r"\s+") for h in heads) + ")"
    return endings, head, kin


NON_NAME = None


def _non_name() -> set[str]:
    global NON_NAME
    if NON_NAME is None:
        NON_NAME = _words("non_name_words") | _words("post_heads")
    return NON_NAME


_ORG_BEFORE = re.compile(r"\b(?:company|firm|group|holding|bank|fund|subsidiary|startup|brand|outlet|newspaper|"
                         r"contractor|supplier|operator)\s*,?\s*$")


def name_candidates(text: str, gazetteer: tuple[str, ...] = ()) -> list[tuple[int, int, bool]]:
    """(start, end, strong) spans that may be person names; strong = two or more name-like words."""
    from .core import blocks

    found = []
    for start, end in blocks(text):
        found.extend((a + start, b + start, strong) for a, b, strong in _candidates(text[start:end], gazetteer))
    return found


def _candidates(text: str, gazetteer: tuple[str, ...] = ()) -> list[tuple[int, int, bool]]:
    nlp, matcher = _nlp()
    doc = nlp(text)
    endings, _, _ = _tables()
    stop = _non_name()
    given_names, org_words = _words("given_names"), _words("org_words")
    found: list[tuple[int, int, bool]] = []
    for _, s, e in matcher(doc):
        tokens = list(doc[s:e])
        run: list = []
        for i, tok in enumerate(tokens + [None]):
            low = tok.text.lower().replace("’", "'") if tok is not None else None
            if tok is not None and low not in stop and not low.endswith("'s") and tok.text[0].isalpha():
                run.append(tok)
                continue
            if run:
                followed_by_org = tok is not None and low in stop and low not in ("'s",)
                if len(run) >= 2 and not followed_by_org:
                    words = [t.text for t in run]
                    before_run = doc[max(0, run[0].i - 3):run[0].i].text.lower()
                    if words[-1].lower() in org_words or _ORG_BEFORE.search(before_run):
                        run = []
                        continue  # "Nordwind Solar", "the firm, Acme Partners"
                    namey = any(w.lower().endswith(endings) and len(w) > 4 for w in words) or \
                        words[0].lower() in given_names
                    after = doc[run[-1].i + 1:run[-1].i + 3].text.lower()
                    before = doc[max(0, run[0].i - 1):run[0].i].text.lower()
                    context = re.match(r"\s*,?\s*(?:said|says|stated|told|noted|who|was|is|has|had|,)", after) or \
                        before in ("mr", "mrs", "ms", "dr", "mr.", "mrs.", "ms.", "dr.", "appointed", "named", "dismissed",
                                   "fired", "sacked", "replaced", "succeeded", "sentenced", "jailed", "convicted")
                    if namey or context:
                        found.append((run[0].idx, run[-1].idx + len(run[-1].text), True))
                elif len(run) == 1:
                    found.append((run[0].idx, run[0].idx + len(run[0].text), False))
                run = []
    if gazetteer:
        ruler = _ruler(gazetteer)
        gdoc = ruler(nlp(text))
        for ent in gdoc.ents:
            found.append((ent.start_char, ent.end_char, True))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    result, last_end = [], -1
    for start, end, strong in found:
        if start >= last_end:
            result.append((start, end, strong))
            last_end = end
    return result


# -- post phrases -------------------------------------------------------------------------------

_TOKEN = re.compile(r"\s*([\w’'&.\-]+)")
_STOP_AFTER = {"by", "after", "before", "replacing", "succeeding", "who", "which", "that", "since", "until",
               "from", "with", "despite", "following", "amid", "as", "while", "where", "when", "was", "is", "has",
               "had", "will", "would", "but", "according", "earlier", "last", "this", "effective", "back",
               "along", "instead", "a", "an", "earlier", "ago", "later", "year", "years", "month", "months", "now"}
_FUNCTION = {"of", "the", "for", "on", "and", "in", "at", "&", "to"}
_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december"}


def read_post(s: str, pos: int, max_words: int = 24) -> tuple[int, str]:
    """The post or organisation phrase starting at `pos` (ends before punctuation, a person, a date)."""
    end, count = pos, 0
    while count < max_words:
        m = _TOKEN.match(s, end)
        if not m:
            break
        word = m.group(1).rstrip(".")
        low = word.lower()
        if not word or low in _STOP_AFTER:
            break
        if low in ("on", "in", "to") or low == "and":
            nxt = _TOKEN.match(s, m.end())
            nw = nxt.group(1) if nxt else ""
            if not nw or nw[0].isdigit() or nw.lower() in _MONTHS or (nw[0].islower() and nw.lower() not in ("the",)):
                break
        if word[0].isdigit() or low in _MONTHS:
            break
        end = m.start(1) + len(word)
        count += 1
        if m.group(1).endswith(".") and len(word) > 3:
            break
    phrase = s[pos:end].strip()
    words = phrase.split()
    while words and words[-1].lower() in _FUNCTION:
        words.pop()
    phrase = " ".join(words)
    return pos + (s[pos:].find(phrase) + len(phrase) if phrase else 0), phrase


def split_post(post: str) -> tuple[str, str | None]:
    """"Head of the Foreign Policy Department of ..." -> ("Head", "Foreign Policy Department of ...");
    a minister's organisation is the ministry, an akim's the akimat, an ambassador's the embassy
    ("Ambassador of Kazakhstan to Austria" -> "Embassy of Kazakhstan in Austria")."""
    m = re.search(r"\s+(?:of|for|at|in|to)\s+(?:the\s+)?(?=[A-Z])", post)
    if not m:
        return post, None
    role, org = post[:m.start()], post[m.end():]
    if re.search(r"\b(?:ambassador|envoy)\b", role, re.I):
        where = re.search(r"\s+to\s+(?:the\s+)?(?P<host>[A-Z].*)$", post[m.start():])
        country = re.sub(r"\s+to\s+(?:the\s+)?[A-Z].*$", "", org) if m.group(0).strip().startswith("of") else None
        embassy = f"Embassy of {country}" if country else "Embassy"  # the sending country, when stated
        return role, f"{embassy} in {where.group('host')}" if where else embassy
    if re.search(r"\bminister\b", role, re.I) and not re.search(r"ministry|government|cabinet", org, re.I):
        org = f"Ministry of {org}"
    elif re.search(r"\bakim\b", role, re.I) and not re.search(r"akimat", org, re.I):
        org = f"Akimat of {org}"
    return role, org


def _is_post(phrase: str) -> bool:
    _, head, _ = _tables()
    return bool(re.match(rf"(?:(?:first|deputy|vice|acting|senior|chief|executive|general|assistant|interim)[\s-]+)*{head}\b",
                         phrase, re.I))


# -- the article --------------------------------------------------------------------------------

_PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he)\b")
_NEW_LEADER = re.compile(r"\b[Tt]he\s+(?:new|newly[- ]appointed|recently[- ]appointed)\s+(?:leader|head|chief|director|"
                         r"appointee|official|minister|akim|chairman|chairwoman|manager|governor|department head)\b")
_CONVICT = re.compile(r"\b[Tt]he\s+(?:convicted|jailed|imprisoned|disgraced)\s+(?:man|woman|official|ex-official|"
                      r"businessman|former official)\b|\b[Tt]he\s+convict\b")
_ELDER = re.compile(r"\b(?:the\s+)?(elder|older|senior|younger|junior)\s+$", re.I)
_NUM = r"(?:\d+(?:[.,]\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|twenty)"


def process(text: str, sentences: list[Span], builder: Builder, people: People,
            gazetteer: tuple[str, ...] = ()) -> None:
    candidates = name_candidates(text, gazetteer)
    _, head, kin = _tables()
    state = builder.state
    for index, sent, inside in spans_by_sentence(sentences, candidates):
        mentions: list[Mention] = []
        for start, end, strong in inside:
            span = Span(start, end)
            name = text[start:end]
            if strong:
                person = people.by_name(name, span)
            else:
                prefer = None
                m = _ELDER.search(text[max(sent.start, start - 20):start])
                if m:
                    prefer = "elder" if m.group(1).lower() in ("elder", "older", "senior") else "younger"
                    span = Span(start - len(m.group(0)), end)
                person = people.by_single(name, span, prefer)
            if person is not None:
                mentions.append(Mention(span.start, span.end, person))
        # anaphors: pronouns, "the new leader", "the convicted man"
        sent_text = text[sent.start:sent.end]
        taken = [(m.start, m.end) for m in mentions]
        for pattern, resolve in ((_NEW_LEADER, lambda: state.appointed[-1] if state.appointed else None),
                                 (_CONVICT, lambda: state.convicted[-1] if state.convicted else None)):
            for m in pattern.finditer(sent_text):
                person = resolve()
                a, b = sent.start + m.start(), sent.start + m.end()
                if person and not any(a < e and s < b for s, e in taken):
                    mentions.append(Mention(a, b, person, "anaphor"))
                    taken.append((a, b))
        for m in _PRONOUN.finditer(sent_text):
            a, b = sent.start + m.start(), sent.start + m.end()
            if any(a < e and s < b for s, e in taken):
                continue
            female = m.group(0).lower() == "she"
            before = [x.person for x in mentions if x.end <= a and x.kind == "name"]
            person = builder.pronoun("f" if female else "m", before)
            if person is not None:
                mentions.append(Mention(a, b, person, "anaphor"))
        masked = Masked(text, sent, mentions)
        # "his father", "the new leader's father": a relative known from ties read so far
        extra = []
        for m in re.finditer(rf"(?:(?P<p>{P})(?:'s|’s)|\b(?P<pron>[Hh]is|[Hh]er))\s+(?:(?:late|elder|younger|eldest|"
                             rf"youngest|own)\s+)?(?P<kin>{kin})\b(?!\s*,?\s*{P})(?!\s+of\b)", masked.s):
            if m.group("p"):
                base = masked.person(m.group("p"))
            else:
                prior = [x.person for x in masked.mentions if x.end <= masked.orig(m.start())]
                base = builder.pronoun("f" if m.group("pron").lower() == "her" else "m", prior)
            relative = builder.relative_of(base, m.group("kin")) if base else None
            if relative is not None:
                sp = masked.to_span(m.start(), m.end())
                extra.append(Mention(sp.start, sp.end, relative, "anaphor"))
        if extra:
            keep = [x for x in masked.mentions if not any(x.start < e.end and e.start < x.end for e in extra)]
            masked = Masked(text, sent, keep + extra)
        next_text = text[sentences[index + 1].start:sentences[index + 1].end] if index + 1 < len(sentences) else ""
        # every statement needs a person in the sentence, except a program's rule ("The reserve would not ...")
        if masked.mentions or _OBJECT_PRONOUN.search(sent_text) or (state.programs and _NEGATED.search(sent_text)):
            _rules(text, masked, builder, people, head, kin, next_text, sentences[index + 1] if next_text else None)
        names_here = [x for x in masked.mentions if not x.person.unnamed]
        if names_here:
            state.last_subject = names_here[0].person
        for case_start, case_end, case in _cases(sent_text):
            span = Span(sent.start + case_start, sent.start + case_end)
            state.cases.append((index, span, case))
            if names_here:
                state.case_people.setdefault(case, names_here[0].person.id)


_OBJECT_PRONOUN = re.compile(r"\b(?:[Hh]im|[Hh]er|[Hh]is|[Tt]hem)\b")
_NEGATED = re.compile(r"\bnot\b|n't\b", re.I)
_CASE_QUOTED = re.compile(r"(?:so-called\s+)?[\"“«]\s*(?P<name>[^\"”»\n]{3,80}?\b(?:[Cc]ase|[Aa]ffair))\s*[.,]?\s*(?:[\"”»]|$)")
_CASE_PLAIN = re.compile(r"\bthe\s+(?P<name>(?:[A-Z][\w’'-]*\s+){1,5}(?:Case|Affair))\b")


def _cases(sentence: str):
    for pattern in (_CASE_QUOTED, _CASE_PLAIN):
        for m in pattern.finditer(sentence):
            yield m.start("name"), m.end("name"), " ".join(m.group("name").split())


def subject_before(masked: Masked, pos: int) -> Person | None:
    """The grammatical subject of a verb at `pos`: the nearest person before it when nothing but words
    stand between, else the first person of the sentence (skipping an apposition "X, son of Y,")."""
    s = masked.s
    found = [(m.start(), m.group(0)) for m in re.finditer(P, s[:pos])]
    if not found:
        return None
    last_pos, last_char = found[-1]
    if "," not in s[last_pos + 1:pos] or re.search(r",\s*who\s", s[last_pos + 1:pos]):
        return masked.person(last_char)
    # the first person, unless it only modifies a noun ("Nurlan Akhmetov's daughter, Aliya, was ...")
    for at, char in found:
        if not re.match(r"(?:'s|’s)\s", s[at + 1:at + 4]):
            return masked.person(char)
    return masked.person(found[0][1])


def _nearest_date(text: str, sent: Span, anchor: int, exclude: Span | None = None) -> DateMention | None:
    dates = [d for d in dates_in(text, sent) if not (exclude and exclude.start <= d.start < exclude.end)]
    if not dates:
        return None
    return min(dates, key=lambda d: abs(d.start - anchor))


def _rules(text: str, masked: Masked, b: Builder, people: People, head: str, kin: str,
           next_text: str, next_span: Span | None) -> None:
    s, sent = masked.s, masked.span
    link = r"(?:\s*,\s*|\s+(?:is|was|has been|had been|remains|became|becomes)\s+)(?:also\s+)?(?:(?:the|a|an|his|her)\s+)?"
    mods = r"(?:(?:eldest|youngest|elder|younger|older|only|first|second|third|late|former|future)\s+)?"
    # X, son of [the former Chairman of ...] Y
    for m in re.finditer(rf"(?P<x>{P}){link}{mods}(?P<kin>{kin})\s+(?:of|to)\s+(?P<mid>[^\ue000-\ue0ff.;,]{{0,160}}?)(?P<y>{P})", s):
        x, y = masked.person(m.group("x")), masked.person(m.group("y"))
        span = masked.to_span(m.start(), m.end())
        b.family(x, y, _kin_word(m.group("kin")), span)
        _title_before(masked, b, m.start("mid"), m.end("mid"), y)
    # X is the in-law of a high-ranking official in the Ministry of Transport
    for m in re.finditer(rf"(?P<x>{P}){link}{mods}(?P<kin>{kin})\s+(?:of|to)\s+(?P<desc>(?:a|an|one|the|some)\s+[^\ue000-\ue0ff.;,]{{3,160}})(?=\s*(?:[.;,)]|$))", s):
        desc = re.split(r"\s+(?:who|which|that|and|according|since|is|was|,)\s", m.group("desc") + " ")[0].strip()
        if not re.search(r"\b(?:official|officer|minister|deputy|head|chairman|judge|prosecutor|akim|director|"
                         r"governor|employee|executive|civil servant)\b", desc, re.I):
            continue
        x = masked.person(m.group("x"))
        span = masked.to_span(m.start(), m.start("desc") + len(desc))
        dspan = masked.to_span(m.start("desc"), m.start("desc") + len(desc))
        role, org = split_unnamed(desc)
        label = f"unnamed {role}" + (f", {org}" if org else "")
        official = people.unnamed(desc, label, dspan)
        b.family(x, official, _kin_word(m.group("kin")), span)
        seniority = "senior" if re.search(r"high-ranking|senior|top|highest", role, re.I) else None
        b.occupancy(official, f"{role}, {org}" if org else role, org, "current", dspan, seniority=seniority)
    # Y's son X / Y and his son X
    for pattern in (rf"(?P<y>{P})(?:'s|’s)\s+{mods}(?P<kin>{kin})\s*,?\s*(?P<x>{P})",
                    rf"(?P<y>{P})\s+and\s+(?:his|her)\s+{mods}(?P<kin>{kin})\s*,?\s*(?P<x>{P})",
                    rf"(?P<x>{P}){link}(?P<y>{P})(?:'s|’s)\s+{mods}(?P<kin>{kin})\b"):
        for m in re.finditer(pattern, s):
            b.family(masked.person(m.group("x")), masked.person(m.group("y")), _kin_word(m.group("kin")),
                     masked.to_span(m.start(), m.end()))
    # titles before a name: "the former Chairman of the Committee ... Bakhytbek Imanaliev", "Then-head of X, Y"
    for m in re.finditer(P, s):
        left = s[:m.start()]
        window_start = max([left.rfind(c) + 1 for c in ".;\ue000"] + [max(0, len(left) - 200)])
        if re.match(r"\s*(?:by|under|on)\s+(?:the\s+)?(?:decree|order|resolution|decision|instruction|orders)\s+of\b.*,\s*$",
                    left[window_start:], re.I):
            continue  # "By order of the Akim of Kostanay Region, X was appointed": the akim signs, X is appointed
        _title_before(masked, b, window_start, len(left), masked.person(m.group(0)), direct=True)
    # apposition after a name: "Anar Zhailganova, then head of the Civil Service Agency,"
    for m in re.finditer(rf"(?P<x>{P})\s*,\s*(?:the\s+|a\s+)?(?P<pre>(?:former|ex-|then-|then|current|acting)\s*)?(?={head}\b|(?:first|deputy|vice|acting)\s)", s, re.I):
        end, post = read_post(s, m.end())
        if post and _is_post(post) and re.match(r"\s*(?:[,.;)]|$)", s[end:]):
            pre = (m.group("pre") or "").strip().lower()
            status = "former" if pre in ("former", "ex-", "then-", "then") else "current"
            role, org = split_post(post)
            b.occupancy(masked.person(m.group("x")), post, org, status, masked.to_span(m.start(), end))
    # appointments
    for m in re.finditer(r"\b(?:was|were|has been|had been|is|will be|been|be)\s+(?:\w+ly\s+|also\s+|then\s+)?"
                         r"(?P<verb>appointed|named|promoted|designated|elected|confirmed|reappointed)\s+"
                         r"(?:as\s+|to\s+(?:the\s+)?(?:post|position|role|office)\s+of\s+|to\s+(?:be\s+)?)?(?:the\s+)?(?:new\s+)?", s):
        who = subject_before(masked, m.start())
        _appoint(text, masked, b, who, m, "appointed")
    for m in re.finditer(rf"\b(?:appointed|named)\s+(?P<x>{P})(?:\s*,[^,\ue000-\ue0ff]{{2,80}},)?\s+(?:as\s+)?(?:the\s+)?(?:new\s+)?", s):
        _appoint(text, masked, b, masked.person(m.group("x")), m, "appointed")
    # dismissals
    for m in re.finditer(r"\b(?:was|were|has been|had been)\s+(?:\w+ly\s+)?(?:dismissed|removed|relieved|fired|sacked|ousted)"
                         r"(?:\s+(?:from\s+(?:the\s+|his\s+|her\s+)?(?:post|position|office|job)\s+(?:of\s+|as\s+)?|as\s+|from\s+|"
                         r"of\s+(?:his|her|their)\s+(?:duties|post|position)(?:\s+as\s+)?)(?:the\s+)?)?", s):
        _appoint(text, masked, b, subject_before(masked, m.start()), m, "dismissed")
    # "the ministry dismissed Karl Weber, the official in charge of ..." / "fired X as ..."
    for m in re.finditer(rf"\b(?:dismissed|fired|sacked|ousted|removed|relieved)\s+(?P<x>{P})(?:\s+(?:as|from(?:\s+(?:the\s+)?post\s+of)?)\s+(?:the\s+)?)?", s):
        _appoint(text, masked, b, masked.person(m.group("x")), m, "dismissed")
    for m in re.finditer(r"\b(?:resigned|stepped down|quit)(?:\s+(?:as|from\s+the\s+post\s+of)\s+(?:the\s+)?)?", s):
        _appoint(text, masked, b, subject_before(masked, m.start()), m, "former")
    # earlier posts: "She previously served as head of ...", "worked as"
    for m in re.finditer(r"\b(?:previously\s+|formerly\s+|earlier\s+|once\s+)?(?:served|worked)\s+as\s+(?:the\s+|a\s+|an\s+)?", s):
        _appoint(text, masked, b, subject_before(masked, m.start()), m, "former")
    # "X heads the Almaty Customs Department" / "had headed the subsidies department since 2019"
    for m in re.finditer(r"\b(?P<verb>heads|leads|chairs|has\s+(?:headed|led|chaired)|had\s+(?:headed|led|chaired)|headed|led|chaired)"
                         r"\s+(?:the\s+|a\s+)?", s):
        who = subject_before(masked, m.start())
        end, org = read_post(s, m.end())
        if who is None or not org or not re.search(r"(?i)department|ministry|committee|agency|fund|company|bank|office|"
                                                   r"service|council|board|court|administration|akimat|group|division|"
                                                   r"bureau|commission|corporation|university|institute|party", org):
            continue
        status = "current" if m.group("verb") in ("heads", "leads", "chairs") or m.group("verb").startswith("has") else "former"
        span = masked.to_span(masked_start(s, m.start(), who, masked), end)
        since = re.match(r"\s*(?:since|from)\s+(?:(?:19|20)\d\d)\b", s[end:])
        date = None
        if since:
            dspan = masked.to_span(end, end + since.end())
            date = next(iter(dates_in(text, dspan)), None)
            span = span.cover(dspan)
        post = f"head of the {org}" if not org[0].isupper() else f"Head of the {org}"
        b.occupancy(who, post, org, status, span, date=date)
    # "His daughter, Dana Sadykova, ..." / "her son Arman ...": the named person is the earlier person's <kin>
    for m in re.finditer(rf"\b(?P<pron>[Hh]is|[Hh]er)\s+{mods}(?P<kin>{kin})\s*,?\s*(?P<x>{P})", s):
        before = [masked.person(c.group(0)) for c in re.finditer(P, s[:m.start()])]
        base = b.pronoun("f" if m.group("pron").lower() == "her" else "m", before)
        if base is not None:
            b.family(masked.person(m.group("x")), base, _kin_word(m.group("kin")), masked.to_span(m.start(), m.end()))
    # convictions
    for m in re.finditer(rf"\b(?:(?P<passive>(?:was|were|has been|had been|is|got)\s+(?:\w+\s+){{0,2}}?(?:sentenced|jailed|imprisoned))|"
                         rf"(?P<active>sentenced|jailed)\s+(?:[^\ue000-\ue0ff.;,]{{0,80}}?)(?P<x>{P}))", s):
        who = subject_before(masked, m.start()) if m.group("passive") else masked.person(m.group("x"))
        if who is None:
            continue
        rest = s[m.end():]
        term = re.search(rf"(?P<n>{_NUM})(?P<half>\s+and\s+a\s+half)?[\s-]+(?P<unit>years?|months?)"
                         rf"(?:\s+and\s+(?P<n2>{_NUM})\s+months?)?", rest)
        months = term_span = None
        if term and term.start() < 40:
            n = number(term.group("n")) or 0
            months = n * (12 if term.group("unit").startswith("year") else 1) + (6 if term.group("half") else 0)
            if term.group("n2"):
                months += number(term.group("n2")) or 0
            term_span = masked.to_span(m.end() + term.start(), m.end() + term.end())
        charge = re.search(r"\b(?:for|over|on charges of|of)\s+(?P<c>(?:[^.;\ue000-\ue0ff]|\.(?=\d))+?)(?=\s*(?:,(?!\d)|\.(?!\d)|;|$)|\s+(?:along|together|while|and was|but|in a case)\b)", rest)
        charge_text = charge_span = None
        if charge:
            charge_span = masked.to_span(m.end() + charge.start("c"), m.end() + charge.end("c"))
            charge_text = text[charge_span.start:charge_span.end]
        verdict = _nearest_date(text, sent, masked.orig(m.start()))
        b.conviction(who, masked.to_span(0, len(s)), months, term_span, charge_text, charge_span, verdict)
    # releases
    for m in re.finditer(r"\b(?:was|were|has been|had been|got)\s+(?:\w+\s+){0,2}?(?:released|freed|paroled|set free)\b", s):
        who = subject_before(masked, m.start())
        if who is None:
            continue
        after = re.search(rf"(?:just\s+|only\s+|about\s+|some\s+|less than\s+|barely\s+|around\s+)?(?P<n>{_NUM})\s+"
                          rf"(?P<unit>years?|months?)\s+(?:after|later|into)(?:\s+(?:the|his|her)\s+(?:verdict|sentence|sentencing|"
                          rf"conviction|trial|ruling))?", s[m.end():])
        years = after_span = None
        if after:
            n = number(after.group("n")) or 0
            years = n if after.group("unit").startswith("year") else n / 12
            after_span = masked.to_span(m.end() + after.start(), m.end() + after.end())
        date = None if after else _nearest_date(text, sent, masked.orig(m.start()))
        reason = release_reason(s)
        reason_span = masked.to_span(0, len(s)) if reason else None
        if reason is None and next_text:
            reason = release_reason(next_text)
            reason_span = next_span if reason else None
        b.release(who, masked.to_span(0, len(s)), date, years, after_span, reason, reason_span)
    # program membership
    for m in re.finditer(r"\b(?:(?:was|were|has been|had been|is|got)\s+(?:\w+\s+){0,2}?(?:included|enrolled|admitted|accepted|"
                         r"selected)\s+(?:in|into|to|for)|joined|became\s+a\s+member\s+of|is\s+a\s+member\s+of)\s+(?:the\s+)?", s):
        who = subject_before(masked, m.start())
        end, program = read_post(s, m.end())
        if who is None or not program or not program[0].isupper():
            continue
        span = masked.to_span(masked_start(s, m.start(), who, masked), end)
        when = re.match(r"\s*(?:back\s+)?(?:in|since|from)\s+(?:(?:19|20)\d\d)\b", s[end:])
        date = None
        if when:
            dspan = masked.to_span(end, end + when.end())
            date = next((d for d in dates_in(text, dspan)), None)
            span = span.cover(dspan)
        b.membership(who, masked_text(text, masked, m.end(), end), span, date)
    # a program's stated rule
    if re.search(r"\b(?:stated|said|says|announced|noted|declared|promised|assured|stressed|emphasi[sz]ed|explained)\b", s):
        rule = re.search(r"(?P<rule>(?:the\s+)?(?P<subj>reserve|program|programme|pool|project|initiative|competition|scheme)\s+"
                         r"(?:would|will|should|shall|could|can|does|did|must)\s+not\s+(?:include|admit|accept|enrol|enroll|"
                         r"take|be open to)\s+[^.;,\ue000-\ue0ff]+)", s, re.I) or \
            re.search(r"(?P<rule>(?:children|relatives|family members|sons|daughters)[^.;,\ue000-\ue0ff]*?\s+(?:would|will|could|can|"
                      r"should|must)\s+not\s+be\s+(?:included|admitted|eligible|accepted)[^.;,\ue000-\ue0ff]*)", s, re.I)
        if rule:
            program = b.state.programs[-1] if b.state.programs else None
            if program is not None:
                verb = re.search(r"\b(?:stated|said|says|announced|noted|declared|promised|assured|stressed|emphasi[sz]ed|explained)\b", s)
                speaker = subject_before(masked, verb.start()) if verb else None
                qspan = masked.to_span(rule.start("rule"), rule.end("rule"))
                b.rule(program, qspan, excludes_class(rule.group("rule")), speaker, None)


def masked_start(s: str, pos: int, who: Person, masked: Masked) -> int:
    for m in re.finditer(P, s[:pos]):
        if masked.person(m.group(0)) is who:
            return m.start()
    return pos


def masked_text(text: str, masked: Masked, start: int, end: int) -> str:
    span = masked.to_span(start, end)
    return text[span.start:span.end]


def _kin_word(word: str) -> str:
    word = " ".join(word.lower().split())
    from ..model import vocabulary

    vocab = vocabulary()
    if vocab.term(word) is None and word.endswith("s") and vocab.term(word[:-1]):
        word = word[:-1]
    if vocab.term(word) is None and vocab.term(word.replace(" ", "-")):
        word = word.replace(" ", "-")
    return word


def split_unnamed(desc: str) -> tuple[str, str | None]:
    """"a high-ranking official in the Kazakh Ministry of Transport" -> ("high-ranking official", "Ministry of Transport")."""
    desc = re.sub(r"^(?:a|an|one|the|some)\s+", "", desc.strip(), flags=re.I)
    m = re.search(r"\s+(?:in|of|at|from|with)\s+(?:the\s+)?", desc)
    if not m:
        return desc, None
    from .core import clean_org

    return desc[:m.start()], clean_org(desc[m.end():])


def _title_before(masked: Masked, b: Builder, start: int, end: int, person: Person, direct: bool = False) -> None:
    """A post written right before a name: "the former Chairman of the Committee ... <name>"."""
    _, head, _ = _tables()
    s = masked.s
    window = s[start:end]
    stripped = window.rstrip().rstrip(",").rstrip()
    for m in re.finditer(rf"(?P<pre>\b(?:former|ex-|then-|then|erstwhile|current|acting|incumbent)[\s-]*)?"
                         rf"(?P<post>(?:(?:first|deputy|vice|acting|senior|chief|executive)[\s-]+)*{head}\b)", stripped, re.I):
        post_start = start + m.start("post")
        pend, post = read_post(s, post_start)
        if not post or pend < start + len(stripped) - 1:
            continue
        if direct and not (m.group("pre") or post[0].isupper()):
            # "the chief financial officer of Nordwind Solar, Michael Brown,": a lowercase post with its
            # organisation, set off by commas right before the name
            the = re.search(r"\b[Tt]he\s+$", s[start:post_start])
            if not (the and split_post(post)[1] and re.fullmatch(r"\s*,\s*", s[pend:end])):
                continue
        pre = (m.group("pre") or "").strip(" -").lower()
        status = "former" if pre in ("former", "ex", "then", "erstwhile") else "current"
        role, org = split_post(post)
        span = masked.to_span(start + (m.start("pre") if m.group("pre") else m.start("post")), end).cover(
            person.mentions[-1] if person.mentions else None)
        b.occupancy(person, post, org, status, span)
        return


def _appoint(text: str, masked: Masked, b: Builder, who: Person | None, m: re.Match, status: str) -> None:
    if who is None:
        return
    s = masked.s
    end, post = read_post(s, m.end())
    if not post or not (post[0].isupper() or _is_post(post)):
        if status not in ("dismissed", "former"):
            return
        appos = re.match(r"\s*,\s*(?:the\s+|a\s+|an\s+|its\s+)?", s[m.end():])
        if appos:  # "dismissed Karl Weber, the head of the subsidies department,"
            end, post = read_post(s, m.end() + appos.end())
        if not post or not _is_post(post) or not split_post(post)[1]:
            b.post_not_stated(who, status, masked.to_span(masked_start(s, m.start(), who, masked), m.end()))
            return
    role, org = split_post(post)
    start = masked_start(s, m.start(), who, masked)
    span = masked.to_span(start, end)
    date = _nearest_date(text, masked.span, masked.orig(m.start()), exclude=masked.to_span(m.end(), end))
    if date is not None:
        span = span.cover(Span(date.start, date.end))
    post_text = masked_text(text, masked, m.end(), end)
    b.occupancy(who, post_text, org, status, span, date=date, end=status != "appointed")
