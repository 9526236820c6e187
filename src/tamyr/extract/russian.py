"""Russian rules (Kazakh letters welcome): natasha NER finds names on a copy of the text whose Kazakh
letters are swapped one-for-one for Russian look-alikes (offsets unchanged), tamyr.names puts them in
the nominative, pymorphy3 puts post heads in the nominative ("назначен акимом" -> "аким"), and
regular expressions over masked sentences read the statements."""

from __future__ import annotations

import re
from functools import lru_cache

from .core import (KAZAKH_TO_RUSSIAN, P, Builder, Masked, Mention, Span, dates_in, excludes_class, number,
                   release_reason, spans_by_sentence)
from .dates import DateMention
from .people import People, Person, nominative


@lru_cache(maxsize=1)
def _morph():
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=50000)
def _parses(word: str):
    return _morph().parse(word.lower())


KIN = (r"(?:сын(?:а|у|ом)?|доч(?:ь|ери|ерью)|от(?:ец|ца|цу|цом)|мат(?:ь|ери|ерью)|брат(?:а|у|ом)?|сестр(?:а|ы|е|ой)|"
       r"племянни[кц]\w*|внук\w*|внучк\w*|зят(?:ь|я|ю|ем)|сват(?:а|у|ом|ья|ьи|ье|ьей)?|тест(?:ь|я|ю|ем)|"
       r"т[её]щ\w*|св[её]кр\w*|свекров\w*|невестк\w*|снох\w*|жен(?:а|ы|е|ой)|супруг\w*|муж(?:а|у|ем)?|"
       r"родственни\w*|шурин\w*|свояк\w*|дяд(?:я|и|е|ей)|т[её]т(?:я|и|е|ей)|құда\w*|жиен\w*|келін\w*)")
_KAZAKH_KIN = {"құда": "құда", "жиен": "жиен", "келін": "келін"}
HEADS = (r"(?:перв\w+\s+)?(?:заместител\w*|руководител\w*|председател\w*|начальник\w*|директор\w*|министр\w*|"
         r"вице-министр\w*|аким\w*|глав\w*|президент\w*|вице-президент\w*|премьер-министр\w*|посл(?:а|ом|у)?|посол|"
         r"судь\w*|прокурор\w*|секретар\w*|советник\w*|помощник\w*|уполномоченн\w*|управляющ\w*|ректор\w*|"
         r"командующ\w*|спикер\w*|депутат\w*|сенатор\w*|заведующ\w*|губернатор\w*|мэр\w*|чиновник\w*|сотрудник\w*|"
         r"пресс-секретар\w*|консул\w*|представител\w*)")
_OFFICIAL = re.compile(r"чиновник|руководител|заместител|министр|аким|председател|начальник|директор|сотрудник|"
                       r"должностн|главы|глава|прокурор|судь", re.I)
_STOP = {"вместо", "с", "со", "указом", "распоряжением", "решением", "который", "которая", "которые", "где", "после",
         "до", "по", "ранее", "согласно", "в", "во", "на", "за", "был", "была", "были", "будет", "и", "а", "но",
         "освобожден", "освобождён", "освобождена", "назначен", "назначена", "при", "от", "этом", "года", "году"}
_NUM_RU = (r"(?:\d+(?:[.,]\d+)?|один|одного|одному|два|двух|двум|три|тр[её]х|тр[её]м|четыре|четыр[её]х|четыр[её]м|пять|пяти|"
           r"шесть|шести|семь|семи|восемь|восьми|девять|девяти|десять|десяти|одиннадцати|двенадцати|тринадцати|"
           r"четырнадцати|пятнадцати|двадцати)")


def _kin_lemma(word: str) -> str:
    low = word.lower()
    for stem, lemma in _KAZAKH_KIN.items():
        if low.startswith(stem):
            return lemma
    for p in _parses(low):
        if "NOUN" in p.tag:
            return p.normal_form
    return low


@lru_cache(maxsize=20000)
def inflect_head(phrase: str, cases: tuple[str, ...] = ("ablt", "gent", "accs", "datv", "loct")) -> str:
    """Put the head of a post or organisation phrase in the nominative, leave its genitive tail:
    "первым заместителем министра" -> "первый заместитель министра"."""
    words = phrase.split()
    out = []
    done = False
    for i, word in enumerate(words):
        if done:
            out.append(word)
            continue
        bare = word.strip("«»\"")
        chosen = None
        parses = _parses(bare.translate(KAZAKH_TO_RUSSIAN))
        if parses and parses[0].tag.case == "nomn" and parses[0].tag.POS in ("NOUN", "ADJF", "PRTF"):
            out.append(word)  # already nominative ("аким Костанайской области")
            done = parses[0].tag.POS == "NOUN"
            continue
        for p in parses:
            if p.tag.POS in ("NOUN", "ADJF", "PRTF") and p.tag.case in cases:
                chosen = p
                break
        if chosen is None:
            out.append(word)
            done = True
            continue
        form = chosen.inflect({"nomn"} | ({"sing"} if chosen.tag.number == "sing" else set()))
        new = form.word if form else bare
        if bare[:1].isupper():
            new = new[:1].upper() + new[1:]
        out.append(word.replace(bare, new))
        if chosen.tag.POS == "NOUN":
            done = True
    return " ".join(out)


@lru_cache(maxsize=20000)
def to_genitive(phrase: str) -> str:
    """The head noun of a nominative phrase (and the adjectives before it) in the genitive:
    "правление АО «Казахтелеком»" -> "правления АО «Казахтелеком»"."""
    words = phrase.split()
    out = []
    for i, word in enumerate(words):
        parses = _parses(word.strip("«»\"").translate(KAZAKH_TO_RUSSIAN))
        p = next((p for p in parses if p.tag.POS in ("NOUN", "ADJF") and p.tag.case == "nomn"), None)
        form = p.inflect({"gent"}) if p is not None else None
        if form is None:
            out.extend(words[i:])
            break
        new = form.word
        out.append(new[:1].upper() + new[1:] if word[:1].isupper() else new)
        if p.tag.POS == "NOUN":
            out.extend(words[i + 1:])
            break
    return " ".join(out)


def read_phrase(s: str, pos: int, max_words: int = 20) -> tuple[int, str]:
    """Words from `pos` up to punctuation, a person or a stop word ("вместо", "указом", a date)."""
    end, count = pos, 0
    for m in re.finditer(r"\s*([\w«»\"'’\-]+)", s[pos:]):
        if m.start() != end - pos:
            break
        word = m.group(1)
        if word.lower() in _STOP and count > 0 and not (word.lower() in ("и", "по", "в", "на") and _caps_next(s, pos + m.end())):
            break
        if word[0].isdigit():
            break
        end = pos + m.end()
        count += 1
        if count >= max_words:
            break
    phrase = s[pos:end].strip()
    return end, phrase


def _caps_next(s: str, pos: int) -> bool:
    m = re.match(r"\s+([\w«\"]+)", s[pos:])
    return bool(m and m.group(1)[0].isupper())


_ORG_WORD = re.compile(r"(?:министерств|комитет|агентств|департамент|управлени|отдел|акимат|администраци|"
                       r"аппарат|служб|суд|фонд|банк|посольств|консульств|прокуратур|правительств|мажилис|сенат|"
                       r"парламент|компани|корпораци|холдинг|университет|институт|центр|инспекци|палат|партии|партия|правлени|"
                       r"совет(?!ник)|акционерн|товариществ|АО\b|ТОО\b)",
                       re.I)
# Post heads whose organisation is named by the words after them in the genitive: "министр юстиции Республики
# Казахстан" -> Министерство юстиции Республики Казахстан; "аким Костанайской области" -> акимат Костанайской области.
_OWN_ORG = {"министр": "Министерство", "вице-министр": "Министерство", "аким": "Акимат", "посол": "Посольство",
            "консул": "Консульство", "генеральный прокурор": "Генеральная прокуратура", "прокурор": "Прокуратура"}


def _kazakh_org(post: str) -> str | None:
    """"Павлодар облысының әкімі" -> "Павлодар облысының әкімдігі"; "Қаржы министрі" -> "Қаржы министрлігі"."""
    words = post.split()
    for k in range(len(words) - 1, 0, -1):
        w = words[k].lower()
        if w in ("әкімі", "әкімінің"):
            return " ".join(words[:k]) + " әкімдігі"
        if w in ("министрі", "министрінің"):
            return " ".join(words[:k]) + " министрлігі"
    return None


def split_post(post: str) -> tuple[str, str | None]:
    """Role and organisation: "руководитель Отдела внешней политики ..." -> org "Отдел внешней политики ...";
    "вице-министр юстиции" -> org "Министерство юстиции"; "заместитель акима области" -> org "акимат области"."""
    words = post.split()
    for i, word in enumerate(words[1:], start=1):
        if _ORG_WORD.match(word):
            return " ".join(words[:i]), inflect_head(" ".join(words[i:]), ("gent",))
        low = word.lower()
        stem = next((k for k in sorted(_OWN_ORG, key=len, reverse=True)
                     if low.startswith(k) and low[len(k):] in ("", "а", "у", "ом", "е")), None)
        if stem is None and i == 1 and words[0].lower() in _OWN_ORG:
            stem = words[0].lower()
            i = 0
        if stem is not None and i + 1 < len(words):
            return " ".join(words[:i + 1]), f"{_OWN_ORG[stem]} " + " ".join(words[i + 1:])
        if word[:1].isupper():
            if re.match(r"(?:министр|председател|заместител|руководител|начальник)", word, re.I):
                continue
            return " ".join(words[:i]), inflect_head(" ".join(words[i:]), ("gent",))
    if len(words) > 1 and words[0].lower() in _OWN_ORG:
        return words[0], f"{_OWN_ORG[words[0].lower()]} " + " ".join(words[1:])
    return post, None


@lru_cache(maxsize=50000)
def _common_noun(word: str) -> bool:
    """A dictionary noun that is never a name ("Мажилиса", "Министерства"): not part of a person name."""
    low = word.lower()
    morph = _morph()
    if not morph.word_is_known(low) or _name_like(word):  # "Токаев" is also a (rare) plural genitive
        return False
    parses = morph.parse(low)
    if any({"Name", "Surn", "Patr"} & p.tag.grammemes for p in parses):
        return False
    return parses[0].tag.POS == "NOUN" and "inan" in parses[0].tag.grammemes


def _trim_name(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Drop leading/trailing common nouns the NER glued to a name."""
    words = [(m.start() + start, m.end() + start) for m in re.finditer(r"\S+", text[start:end])]
    while len(words) > 1 and _common_noun(text[words[0][0]:words[0][1]].translate(KAZAKH_TO_RUSSIAN)):
        words.pop(0)
    while len(words) > 1 and _common_noun(text[words[-1][0]:words[-1][1]].translate(KAZAKH_TO_RUSSIAN)):
        words.pop()
    if len(words) == 1 and _common_noun(text[words[0][0]:words[0][1]].translate(KAZAKH_TO_RUSSIAN)):
        return None
    return (words[0][0], words[-1][1]) if words else None


_UP = "А-ЯЁӘҒҚҢӨҰҮҺІ"
_LOW = "а-яёәғқңөұүһі"
_WORD = rf"[{_UP}][{_LOW}]+(?:-[{_UP}][{_LOW}]+)?"
_SURNAME = re.compile(rf"^[{_UP}][{_LOW}]+(?:ов|ев|ёв|ин|ын)(?:а|у|ым|ой|е|ы)?$|^[{_UP}][{_LOW}]+(?:ск|цк)(?:ий|ая|ого|ой|ому|им)$")
_PATRONYMIC = rf"[{_UP}][{_LOW}]+(?:ович|евич|овна|евна|ична|ұлы|қызы|улы|кызы)(?:а|у|ем|ем|ой|е|ы)?"
# "Given Surname [Patronymic]", "Surname Given [Patronymic]", "Given Patronymic Surname" in any case
_NAME_RUN = re.compile(rf"(?<![\w-])(?:{_WORD})(?:\s+{_WORD}){{1,2}}(?![\w-])")


def _name_like(word: str) -> bool:
    return bool(_SURNAME.match(word)) or bool(re.fullmatch(_PATRONYMIC, word))


def _extend_name(text: str, start: int, end: int) -> tuple[int, int]:
    """Take in a surname the NER left out next to a name that has none: "Бекетаев Марат Бакытжанович"."""
    if any(_SURNAME.match(w) for w in text[start:end].split()):
        return start, end
    m = re.search(rf"(?<![\w-])({_WORD})\s+$", text[max(0, start - 40):start])
    if m and _SURNAME.match(m.group(1)) and not _common_noun(m.group(1).translate(KAZAKH_TO_RUSSIAN)):
        start -= len(m.group(0))
    m = re.match(rf"\s+({_WORD})(?![\w-])", text[end:end + 40])
    if m and len(text[start:end].split()) < 3 and _SURNAME.match(m.group(1)) and \
            not _common_noun(m.group(1).translate(KAZAKH_TO_RUSSIAN)):
        end += len(m.group(0))
    return start, end


@lru_cache(maxsize=50000)
def _given_like(word: str) -> bool:
    """A given name for pymorphy3, or a word it does not know (most Kazakh given names)."""
    low = word.lower()
    morph = _morph()
    if not morph.word_is_known(low):
        return True
    return any({"Name", "Patr"} & p.tag.grammemes for p in morph.parse(low))


def _name_rules(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Names the NER misses (it was trained on Russian: Kazakh sentences, unusual orders): runs of two or three
    capitalised words, one a surname (-ов/-ев/-ин/-ский, any case) or a patronymic (-ович/-ұлы/-қызы), none a
    dictionary common word."""
    out = set(spans)
    for m in _NAME_RUN.finditer(text):
        words = [(w.start() + m.start(), w.end() + m.start(), w.group(0)) for w in re.finditer(r"\S+", m.group(0))]
        for part in (words, words[:2], words[1:]) if len(words) == 3 else (words,):
            a, b = part[0][0], part[-1][1]
            inside = {(s, e) for s, e in out if a <= s and e <= b}
            if any(s < b and a < e for s, e in out - inside) or any(" " in text[s:e] for s, e in inside):
                continue  # crosses, or holds, a name the NER found (it only misses names, never widen one)
            if not any(_name_like(w) for _, _, w in part):
                continue
            if any(not _name_like(w) and not _given_like(w.translate(KAZAKH_TO_RUSSIAN)) for _, _, w in part):
                continue
            out = (out - inside) | {(a, b)}
            break
    return sorted(set(out))


def process(text: str, sentences: list[Span], builder: Builder, people: People) -> None:
    from .ner_ru import person_spans

    pers = [t for t in (_trim_name(text, a, b) for a, b in person_spans(text.translate(KAZAKH_TO_RUSSIAN))) if t]
    pers = _name_rules(text, [_extend_name(text, a, b) for a, b in pers])
    state = builder.state
    for index, sent, inside in spans_by_sentence(sentences, pers):
        mentions: list[Mention] = []
        for start, end in inside:
            raw = text[start:end]
            span = Span(start, end)
            words = raw.split()
            if len(words) >= 2:
                person = people.by_name(nominative(raw), span)
            else:
                prefer = None
                around = text[max(sent.start, start - 12):min(sent.end, end + 10)].lower()
                if re.search(r"старш", around):
                    prefer = "elder"
                elif re.search(r"младш", around):
                    prefer = "younger"
                person = people.by_single(nominative(raw), span, prefer)
                if person is None:
                    person = people.by_name(nominative(raw), span)
            if person is not None:
                mentions.append(Mention(start, end, person, nominative=nominative(raw) == raw))
        sent_text = text[sent.start:sent.end]
        taken = [(m.start, m.end) for m in mentions]
        for pattern, resolve in ((r"(?i:\b(?:нов\w+\s+(?:руководител\w+|глав\w+|начальник\w*|аким\w*|министр\w*)|новоназначенн\w+\s+\w+))",
                                  lambda: state.appointed[-1] if state.appointed else None),
                                 (r"\bосужд[её]нн\w+(?:\s+(?:экс-чиновник\w*|чиновник\w*|бывш\w+\s+\w+))?",
                                  lambda: state.convicted[-1] if state.convicted else None),
                                 (r"(?<![\w-])(?:Он|он|Она|она)(?![\w-])",
                                  lambda: None)):
            for m in re.finditer(pattern, sent_text):
                person = resolve()
                if person is None and m.group(0).lower() in ("он", "она"):
                    before = [x.person for x in mentions if x.end <= sent.start + m.start() and x.kind == "name"]
                    person = builder.pronoun("f" if m.group(0).lower() == "она" else "m", before)
                a, b = sent.start + m.start(), sent.start + m.end()
                if person and not person.unnamed and not any(a < e and s < b for s, e in taken):
                    mentions.append(Mention(a, b, person, "anaphor"))
                    taken.append((a, b))
        masked = Masked(text, sent, mentions)
        extra = []
        for m in re.finditer(rf"(?:(?P<pron>[Ее]го|[Ее][её])\s+)(?P<kin>{KIN})\b(?!\s*,?\s*{P})", masked.s):
            prior = [x.person for x in masked.mentions if x.end <= masked.orig(m.start())]
            base = builder.pronoun("m" if m.group("pron").lower() == "его" else "f", prior)
            word = builder.vocab.term(_kin_lemma(m.group("kin")))
            relative = builder.relative_of(base, word.word) if base and word else None
            if relative is not None:
                sp = masked.to_span(m.start(), m.end())
                extra.append(Mention(sp.start, sp.end, relative, "anaphor"))
        if extra:
            keep = [x for x in masked.mentions if not any(x.start < e.end and e.start < x.end for e in extra)]
            masked = Masked(text, sent, keep + extra)
        nxt = sentences[index + 1] if index + 1 < len(sentences) else None
        # every statement needs a person in the sentence, except a program's rule ("в резерв не войдут ...")
        if masked.mentions or re.search(r"(?<![\w-])(?:[Ее]го|[Ее][её]|[Ии]х)(?![\w-])", sent_text) or (
                state.programs and re.search(r"(?<![\w-])не(?![\w-])", sent_text)):
            _rules(text, masked, builder, people, text[nxt.start:nxt.end] if nxt else "", nxt)
        names_here = [x for x in masked.mentions if not x.person.unnamed]
        if names_here:
            subjects = [x for x in names_here if x.nominative] or names_here
            state.last_subject = subjects[0].person
        for m in re.finditer(r"(?:так называем\w+\s+)?[«\"“]\s*(?P<name>[Дд]ел[оауе]\s[^»\"”]{2,80}?)\s*[»\"”]|"
                             r"(?P<name2>[«\"“][^»\"”]{2,60}[»\"”]\s+дел[оау]\b)", sent_text):
            name = m.group("name") or m.group("name2")
            start = m.start("name") if m.group("name") else m.start("name2")
            span = Span(sent.start + start, sent.start + start + len(name))
            name = " ".join(name.split())
            if m.group("name"):
                name = inflect_head(name, ("gent", "datv", "ablt", "loct"))
            if m.group("name2"):
                name = re.sub(r"\s+дел[оау]$", "", name)
                name = f"дело {name}"
            state.cases.append((index, span, name))
            if names_here:
                state.case_people.setdefault(name, names_here[0].person.id)


def subject_before(masked: Masked, pos: int) -> Person | None:
    s = masked.s
    found = [(m.start(), m.group(0)) for m in re.finditer(P, s[:pos])]
    if not found:
        return None
    last_pos, last_char = found[-1]
    if "," not in s[last_pos + 1:pos] or re.search(r",\s*(?:который|которая)\s", s[last_pos + 1:pos]):
        return masked.person(last_char)
    return masked.person(found[0][1])


def _subject(masked: Masked, start: int, end: int) -> Person | None:
    """The subject of a passive verb at start..end: a person in the nominative before it, else the person
    right after it ("Заместителем акима назначен Руслан Аманжолов", "Освобождена от должности Динара ...")."""
    s = masked.s
    before = [masked.mentions[ord(c.group(0)) - 0xE000] for c in re.finditer(P, s[:start])]
    if any(x.nominative for x in before):
        return subject_before(masked, start)
    after = re.match(rf"[^\ue000-\ue0ff.;]{{0,160}}?(?P<x>{P})", s[end:])
    if after:
        return masked.person(after.group("x"))
    return subject_before(masked, start)


_ABLT_HEAD = re.compile(rf"(?:перв\w+\s+)?{HEADS}(?<=ем|ом|ой|ым|им|ью|ей)(?![\w-])", re.I)


def _post_ahead(masked: Masked, start: int) -> tuple[int, int] | None:
    """A post in the instrumental written before the verb: "Руководителем управления ... назначена X"."""
    s = masked.s
    left = max([s.rfind(c, 0, start) + 1 for c in ".;\ue000" + "".join(chr(0xE000 + k) for k in range(len(masked.mentions)))]
               + [0])
    head = _ABLT_HEAD.search(s, left, start)
    if head is None:
        return None
    return head.start(), len(s[:start].rstrip())


def _nearest_date(text: str, sent: Span, anchor: int) -> DateMention | None:
    dates = dates_in(text, sent)
    return min(dates, key=lambda d: abs(d.start - anchor)) if dates else None


_VERB = re.compile(r"(?<![\w-])(?:назнач|освобожд|уволен|избран|утвержд|стал[аи]?\b|являл|является|был[аи]?\b|"
                   r"приходится|работал|занимал|приговор|осужд|признан)", re.I)


def _post_before(masked: Masked, b: Builder, start: int, end: int, person: Person) -> None:
    window = masked.s[start:end].rstrip(" ,")
    m = re.search(rf"(?P<pre>\b(?:бывш\w+|экс-|тогдашн\w+|ныне)\s*)?(?P<post>{HEADS}\b[^\ue000-\ue0ff.;,:—]*)$", window, re.I)
    if not m or _VERB.search(m.group("post")) or re.search(rf"(?<![\w-]){KIN}\s*$", window[:m.start()], re.I):
        return  # "жена министра Айгүл ...": the post is the relative's, not hers
    post = inflect_head(m.group("post").strip())
    pre = (m.group("pre") or "").lower()
    status = "former" if re.match(r"бывш|экс|тогдашн", pre) else "current"
    role, org = split_post(post)
    span = masked.to_span(start + (m.start("pre") if m.group("pre") else m.start("post")), end)
    if person.mentions:
        span = span.cover(person.mentions[-1])
    b.occupancy(person, post, org, status, span)


def _rules(text: str, masked: Masked, b: Builder, people: People, next_text: str, next_span: Span | None) -> None:
    s, sent = masked.s, masked.span
    link = r"\s*(?:,|—|–|-|является|приходится|был|была|стал|стала)\s*(?:также\s+)?"
    # X, сын бывшего председателя ... Y
    for m in re.finditer(rf"(?P<x>{P}){link}(?P<kin>{KIN})\s+(?P<mid>[^\ue000-\ue0ff.;,]{{0,160}}?)(?P<y>{P})", s):
        x, y = masked.person(m.group("x")), masked.person(m.group("y"))
        b.family(x, y, _kin_lemma(m.group("kin")), masked.to_span(m.start(), m.end()))
        if m.group("mid").strip():
            _post_before(masked, b, m.start("mid"), m.end("mid"), y)
    # сын Y X / Y и его сын X
    for pattern in (rf"(?<![\w\ue000-\ue0ff]\s)(?:^|(?<=[\s,(]))(?P<kin>{KIN})\s+(?P<y>{P})\s*,?\s*(?P<x>{P})",
                    rf"(?P<y>{P})\s+и\s+(?:его|её|ее)\s+(?P<kin>{KIN})\s*,?\s*(?P<x>{P})"):
        for m in re.finditer(pattern, s):
            b.family(masked.person(m.group("x")), masked.person(m.group("y")), _kin_lemma(m.group("kin")),
                     masked.to_span(m.start(), m.end()))
    # X — сват высокопоставленного чиновника Министерства транспорта
    for m in re.finditer(rf"(?P<x>{P}){link}(?P<kin>{KIN})\s+(?P<desc>[^\ue000-\ue0ff.;,]{{3,160}})(?=\s*(?:[.;,)]|$))", s):
        desc = m.group("desc").strip()
        if not _OFFICIAL.search(desc):
            continue
        x = masked.person(m.group("x"))
        dspan = masked.to_span(m.start("desc"), m.start("desc") + len(desc))
        nominal = inflect_head(desc, ("gent", "datv", "ablt"))
        role, org = split_post(nominal)
        label = f"unnamed {role}" + (f", {org}" if org else "")
        official = people.unnamed(desc, label, dspan)
        b.family(x, official, _kin_lemma(m.group("kin")), masked.to_span(m.start(), m.end()))
        senior = "senior" if re.search(r"высокопоставлен|высш|руководящ", desc, re.I) else None
        b.occupancy(official, nominal, org, "current", dspan, seniority=senior)
    # titles before names: "бывший аким Костанайской области Иван Петров"
    for m in re.finditer(P, s):
        left = s[:m.start()]
        start = max([left.rfind(c) + 1 for c in ".;\ue000,"] + [max(0, len(left) - 200)])
        if re.search(r"(?:бывш\w+|экс-|тогдашн\w+)\s*" + HEADS, left[start:], re.I) or re.match(r"\s*[А-ЯЁ]", left[start:]) is None:
            _post_before(masked, b, start, len(left), masked.person(m.group(0)))
    # appointments (назначен акимом ..., назначен на должность руководителя ...)
    for m in re.finditer(r"(?<![\w-])(?i:назначен[аы]?|переназначен[аы]?|стал[аи]?(?=\s+" + HEADS + r"|\s+[\ue000-\ue0ff])|утвержд[её]н[аы]?\s+(?:в\s+должности|на\s+должность)|избран[аы]?)\s+"
                         r"(?P<na>на\s+(?:должность|пост)\s+)?", s):
        ahead = None if m.group("na") else _post_ahead(masked, m.start())
        after = re.match(rf"\s*(?P<x>{P})", s[m.end():])
        if ahead and after:
            _occupy(text, masked, b, masked.person(after.group("x")), ahead, m.end() + after.end(), "appointed", "ablt")
            continue
        who = subject_before(masked, m.start())
        _appoint(text, masked, b, who, m, "appointed", "gent" if m.group("na") else "ablt")
    for m in re.finditer(rf"(?<![\w-])назначил[аи]?\s+(?P<x>{P})\s+(?P<na>на\s+(?:должность|пост)\s+)?", s):
        _appoint(text, masked, b, masked.person(m.group("x")), m, "appointed", "gent" if m.group("na") else "ablt")
    # Kazakh: X ... болып тағайындалды
    for m in re.finditer(rf"(?P<x>{P})\s+(?P<post>[^\ue000-\ue0ff.;]{{3,150}}?)\s+(?:болып|етіп)\s+тағайындалды", s):
        span = masked.to_span(m.start(), m.end())
        post = text[masked.orig(m.start("post")):masked.orig(m.end("post") - 1) + 1]
        b.occupancy(masked.person(m.group("x")), post, _kazakh_org(post), "appointed", span,
                    date=_nearest_date(text, sent, masked.orig(m.start())))
    # dismissals
    for m in re.finditer(r"(?<![\w-])(?i:освобожд[её]н[аы]?|уволен[аы]?|отстран[её]н[аы]?|снят[аы]?)\s+(?:от|с)\s+"
                         r"(?:занимаемой\s+)?(?:должности|поста)\s*", s):
        _appoint(text, masked, b, _subject(masked, m.start(), m.end()), m, "dismissed", "gent")
    # former posts: "занимал должность руководителя ...", "работал заместителем ..."
    for m in re.finditer(r"(?<![\w-])(?:(?P<g>занимал[аи]?\s+(?:должность|пост))|(?P<a>работал[аи]?)(?=\s+(?:перв\w+\s+)?" + HEADS + r"))\s*", s):
        _appoint(text, masked, b, subject_before(masked, m.start()), m, "former", "gent" if m.group("g") else "ablt")
    # "X возглавляет правление АО «Казахтелеком»" / "возглавил управление": the head of that body
    for m in re.finditer(r"(?<![\w-])(?P<verb>возглавля\w+|возглавил[аи]?)\s+", s):
        who = _subject(masked, m.start(), m.end())
        end, org = read_phrase(s, m.end())
        if who is None or not org or not _ORG_WORD.match(org):
            continue
        written = text[masked.orig(m.end()):masked.orig(end - 1) + 1]
        nominal = inflect_head(written, ("accs",))
        post = "руководитель " + to_genitive(nominal)
        status = "current" if m.group("verb").startswith("возглавля") else "appointed"
        span = masked.to_span(masked_first(masked, who, m.start()), end)
        date = _nearest_date(text, sent, masked.orig(m.start()))
        if date is not None:
            span = span.cover(Span(date.start, date.end))
        b.occupancy(who, post, nominal, status, span, date=date)
    # "его брат Қайрат Оспанов": the named person is the earlier person's <kin>
    for m in re.finditer(rf"(?<![\w-])(?P<pron>[Ее]го|[Ее][её])\s+(?P<kin>{KIN})\s*,?\s*(?P<x>{P})", s):
        before = [masked.person(c.group(0)) for c in re.finditer(P, s[:m.start()])]
        base = b.pronoun("f" if m.group("pron").lower() != "его" else "m", before)
        if base is not None:
            b.family(masked.person(m.group("x")), base, _kin_lemma(m.group("kin")), masked.to_span(m.start(), m.end()))
    # "Әбдірахманов и Бекмұратов — құда/сваты": a symmetric tie between two named persons
    for m in re.finditer(rf"(?P<x>{P})\s+и\s+(?P<y>{P})\s*(?:—|–|-|являются|приходятся)\s*(?:друг\s+другу\s+)?(?P<kin>құда\w*|сват\w*)", s):
        b.family(masked.person(m.group("x")), masked.person(m.group("y")), _kin_lemma(m.group("kin")),
                 masked.to_span(m.start(), m.end()))
    # convictions: "X приговорён к ...", "X признан виновным в ...", "суд приговорил X/его к ..."
    for m in re.finditer(r"(?<![\w-])(?:(?P<passive>приговор[её]н[аы]?|осужд[её]н[аы]?|признан[аы]?\s+виновн\w*)|"
                         rf"(?P<active>приговорил[аи]?|осудил[аи]?)\s+(?:(?P<pron>его|её|ее|их)|(?:[^\ue000-\ue0ff.;,]{{0,80}}?)(?P<x>{P})))(?![\w-])", s):
        if m.group("passive"):
            who = subject_before(masked, m.start())
        elif m.group("x"):
            who = masked.person(m.group("x"))
        else:
            before = [masked.person(c.group(0)) for c in re.finditer(P, s[:m.start()])]
            who = b.pronoun("f" if m.group("pron") in ("её", "ее") else "m", before)
        if who is None or who.unnamed:
            continue
        rest = s[m.end():]
        if m.group("passive") and m.group("passive").startswith("признан"):
            charge = re.match(r"\s+в\s+(?P<c>[^.;\ue000-\ue0ff]+?)(?=\s*(?:[,.;]|$)|\s+и\s+(?:приговор|осужд))", rest)
            if charge:
                cspan = masked.to_span(m.end() + charge.start("c"), m.end() + charge.end("c"))
                b.conviction(who, masked.to_span(0, len(s)), None, None, text[cspan.start:cspan.end], cspan,
                             _nearest_date(text, sent, masked.orig(m.start())))
                continue
        term = re.search(rf"(?:к|на)\s+(?P<n>{_NUM_RU})\s+(?P<unit>год\w*|лет|месяц\w*)(?P<half>\s+с\s+половиной)?", rest)
        months = term_span = None
        if term and term.start() < 60:
            n = number(term.group("n")) or 0
            months = n * (1 if term.group("unit").startswith("месяц") else 12) + (6 if term.group("half") else 0)
            term_span = masked.to_span(m.end() + term.start("n"), m.end() + term.end())
        charge = re.search(r"\bза\s+(?P<c>(?:[^.;\ue000-\ue0ff]|[.,](?=\d))+?)(?=\s*(?:,(?!\d)|\.(?!\d)|;|$)|\s+(?:вместе|наряду)\b)", rest)
        charge_text = charge_span = None
        if charge:
            charge_span = masked.to_span(m.end() + charge.start("c"), m.end() + charge.end("c"))
            charge_text = text[charge_span.start:charge_span.end]
        b.conviction(who, masked.to_span(0, len(s)), months, term_span, charge_text, charge_span,
                     _nearest_date(text, sent, masked.orig(m.start())))
    # releases (not "освобожден от должности")
    for m in re.finditer(r"(?<![\w-])(?:освобожд[её]н[аы]?|вышел|вышла|выпущен[аы]?)\b(?!\s+(?:от|с)\s+(?:занимаемой\s+)?(?:должност|поста))", s):
        who = subject_before(masked, m.start())
        if who is None or (who not in b.state.convicted and not re.search(r"колони|заключени|тюрьм|свобод|досрочно|УДО", s)):
            continue
        after = re.search(rf"(?i:спустя|через)\s+(?:всего\s+|лишь\s+|около\s+)?(?P<n>{_NUM_RU})?\s*(?P<unit>год\w*|лет|месяц\w*)"
                          rf"(?:\s+после\s+(?:вынесения\s+)?(?:приговора|осуждения))?", s)
        years = after_span = None
        if after:
            n = number(after.group("n")) if after.group("n") else 1
            years = n if not after.group("unit").startswith("месяц") else n / 12
            after_span = masked.to_span(after.start(), after.end())
        date = None if after else _nearest_date(text, sent, masked.orig(m.start()))
        reason = release_reason(s)
        reason_span = masked.to_span(0, len(s)) if reason else None
        if reason is None and next_text:
            reason = release_reason(next_text)
            reason_span = next_span if reason else None
        b.release(who, masked.to_span(0, len(s)), date, years, after_span, reason, reason_span)
    # program membership
    for m in re.finditer(r"(?<![\w-])(?:включ[её]н[аы]?|зачислен[аы]?|вош[её]л|вошла|вошли)\s+(?:в\s+(?:состав\s+)?)", s):
        who = subject_before(masked, m.start())
        end, program = read_phrase(s, m.end())
        if who is None or not program:
            continue
        program = inflect_head(program, ("accs", "gent"))
        first = next((c.start() for c in re.finditer(P, s[:m.start()]) if masked.person(c.group(0)) is who), m.start())
        span = masked.to_span(first, end)
        when = re.match(r"\s*(?:еще\s+|ещё\s+)?(?:в|с)\s+(?:(?:19|20)\d\d)\s*(?:году|года|г\.)?", s[end:])
        date = None
        if when:
            dspan = masked.to_span(end, end + when.end())
            date = next(iter(dates_in(text, dspan)), None)
            span = span.cover(dspan)
        else:
            date = _nearest_date(text, sent, masked.orig(m.start()))
            if date is not None:
                span = span.cover(Span(date.start, date.end))
        b.membership(who, program, span, date)
    # a program's stated rule
    verb = re.search(r"(?<![\w-])(?:заявлял[аи]?|заявил[аи]?|сообщил[аи]?|отметил[аи]?|подчеркнул[аи]?|пообещал[аи]?|говорил[аи]?|"
                     r"уверял[аи]?|заверил[аи]?)\b", s)
    if verb:
        rule = re.search(r"(?P<rule>(?:в\s+)?(?:резерв|программ\w*|проект\w*|конкурс\w*)[^.;\ue000-\ue0ff]*?\s+не\s+"
                         r"(?:будут|будет|войдут|смогут|могут|попадут)[^.;\ue000-\ue0ff]*)", s, re.I) or \
            re.search(r"(?P<rule>(?:дети|родственники|члены\s+семей)[^.;\ue000-\ue0ff]*?\s+не\s+(?:будут|смогут|могут|войдут|попадут)"
                      r"[^.;\ue000-\ue0ff]*)", s, re.I)
        if rule and b.state.programs:
            speaker = subject_before(masked, verb.start()) or next(
                (masked.person(c.group(0)) for c in re.finditer(P, s)), None)
            qspan = masked.to_span(rule.start("rule"), rule.end("rule"))
            b.rule(b.state.programs[-1], qspan, excludes_class(rule.group("rule")), speaker, None)


def masked_first(masked: Masked, who: Person, default: int) -> int:
    return next((c.start() for c in re.finditer(P, masked.s) if masked.person(c.group(0)) is who), default)


def _occupy(text: str, masked: Masked, b: Builder, who: Person, post: tuple[int, int], end: int, status: str,
            case: str) -> None:
    """An occupancy whose post (masked positions post[0]..post[1]) is written apart from the verb."""
    pspan = masked.to_span(*post)
    nominal = inflect_head(text[pspan.start:pspan.end].strip(), ("ablt", "datv") if case == "ablt" else (case,))
    nominal = nominal[:1].lower() + nominal[1:] if nominal[:1].isupper() and not nominal.split()[0].isupper() else nominal
    role, org = split_post(nominal)
    span = masked.to_span(post[0], end)
    date = _nearest_date(text, masked.span, span.start)
    if date is not None:
        span = span.cover(Span(date.start, date.end))
    b.occupancy(who, nominal, org, status, span, date=date, end=status != "appointed")


def _appoint(text: str, masked: Masked, b: Builder, who: Person | None, m: re.Match, status: str, case: str) -> None:
    if who is None:
        return
    s = masked.s
    end, post = read_phrase(s, m.end())
    if not post or re.fullmatch(rf"\s*{P}?\s*", post):
        if status in ("dismissed", "former"):
            b.post_not_stated(who, status, masked.to_span(masked_first(masked, who, m.start()), m.end()))
        return
    start = next((c.start() for c in re.finditer(P, s[:m.start()]) if masked.person(c.group(0)) is who), m.start())
    span = masked.to_span(start, end)
    post_written = text[masked.orig(m.end()):masked.orig(end - 1) + 1] if end > m.end() else post
    nominal = inflect_head(post_written.strip(), (case,) if case == "gent" else ("ablt", "datv"))
    role, org = split_post(nominal)
    date = _nearest_date(text, masked.span, masked.orig(m.start()))
    if date is not None:
        span = span.cover(Span(date.start, date.end))
    b.occupancy(who, nominal, org, status, span, date=date, end=status != "appointed")
