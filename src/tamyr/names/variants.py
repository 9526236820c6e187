"""Plausible Latin spellings of a name (for gazetteers and search): 'Қасым-Жомарт Тоқаев' ->
'Kasym-Zhomart Tokaev', 'Kassym-Jomart Tokayev', 'Qasym-Zhomart Toqaev', ...

Each Cyrillic letter has weighted spellings (data/variants.yaml, from ICAO 9303, BGN/PCGN, GOST 7.79, Kazakh Latin
2021 and registry practice); a beam search keeps the most likely combinations. Latin input is respelled with the
common alternations (kh/h, y/i, -ev/-yev, zh/j, ss/s).
"""

from __future__ import annotations

import re
from functools import lru_cache

from .tables import load

_VOWELS = set("аеёиоуыэюяәөұүіїє")
_CYR = re.compile(r"[\u0400-\u052f]")

# alternations for Latin input: [pattern, replacement, weight]
_LATIN_ALTS = [
    (r"kh", "h", 0.7), (r"(?<![szckgtp])h", "kh", 0.5), (r"zh", "j", 0.5), (r"j", "zh", 0.5),
    (r"yev\b", "ev", 0.8), (r"(?<=[aeiou])ev\b", "yev", 0.8), (r"iy\b", "y", 0.6), (r"iy\b", "i", 0.5),
    (r"(?<=[aeiou])ss(?=[aeiouy])", "s", 0.8), (r"(?<=[aeiou])s(?=[aeiouy])", "ss", 0.3),
    (r"y", "i", 0.4), (r"q", "k", 0.8), (r"ks", "x", 0.3), (r"x", "ks", 0.6), (r"ye", "e", 0.7),
]


@lru_cache(maxsize=1)
def _table():
    data = load("variants.yaml")
    letters = {k: [(s, float(w)) for s, w in v] for k, v in data["letters"].items()}
    context = {}
    for letter, where, spellings in data["context"]:
        context[(letter, where)] = [(s, float(w)) for s, w in spellings]
    endings = [(e, [(s, float(w)) for s, w in sp]) for e, sp in data["endings"]]
    return letters, context, endings


def _slots(word: str) -> list[list[tuple[str, float]]]:
    letters, context, endings = _table()
    low = word.lower()
    slots: list[list[tuple[str, float]]] = []
    i = 0
    while i < len(low):
        ch = low[i]
        matched = False
        for ending, spellings in endings:
            if low.startswith(ending, i) and (i + len(ending) == len(low) or ending == "кс"):
                slots.append(spellings)
                i += len(ending)
                matched = True
                break
        if matched:
            continue
        prev = low[i - 1] if i else ""
        nxt = low[i + 1] if i + 1 < len(low) else ""
        where = ("start" if i == 0 else "after_vowel" if prev in _VOWELS else "after_soft" if prev in "ьъ"
                 else "between_vowels" if prev in _VOWELS and nxt in _VOWELS else "end" if not nxt else "")
        if ch == "с" and prev in _VOWELS and nxt in _VOWELS:
            where = "between_vowels"
        spellings = context.get((ch, where)) or letters.get(ch) or [(ch, 1.0)]
        slots.append(spellings)
        i += 1
    return slots


def _beam(slots, width: int) -> list[tuple[str, float]]:
    beam = [("", 1.0)]
    for options in slots:
        beam = sorted(((s + o, w * ow) for s, w in beam for o, ow in options), key=lambda x: -x[1])
        seen, kept = set(), []
        for s, w in beam:
            if s not in seen:
                seen.add(s)
                kept.append((s, w))
            if len(kept) >= width:
                break
        beam = kept
    return beam


def _case_like(spelled: str, model: str) -> str:
    """`spelled` in the letter case of `model`: 'Zh' for 'J', 'zh' for 'j', 'J' for 'J'; all upper case for an
    upper-case model of two letters or more (a word of capitals is upper-cased whole by the caller)."""
    if model.isupper() and (len(model) > 1 or len(spelled) == 1):
        return spelled.upper()
    return spelled[:1].upper() + spelled[1:] if model[:1].isupper() else spelled


@lru_cache(maxsize=1 << 14)
def _word_variants(word: str, width: int) -> tuple[tuple[str, float], ...]:
    if _CYR.search(word):
        parts = word.split("-")
        combos = [("", 1.0)]
        for n, part in enumerate(parts):
            spelled = [(_case_like(s, part), w) for s, w in _beam(_slots(part), width)]
            sep = "-" if n else ""
            combos = sorted(((c + sep + s, cw * w) for c, cw in combos for s, w in spelled),
                            key=lambda x: -x[1])[:width]
        return tuple(combos)
    out = {word: 1.0}
    upper = word.isupper() and len(word) > 1
    for pattern, repl, weight in _LATIN_ALTS:
        for base, w in list(out.items()):
            new = re.sub(pattern, lambda m, r=repl: _case_like(r, m.group(0)), base, flags=re.I)
            new = new.upper() if upper else new
            if new != base and new not in out:
                out[new] = w * weight
        if len(out) > width * 4:
            break
    return tuple(sorted(out.items(), key=lambda x: -x[1])[:width])


def latin_variants(text: str, limit: int = 50) -> list[str]:
    """Plausible Latin spellings of a name, most likely first (at most `limit`). Never raises."""
    try:
        words = (text or "").split()
        if not words or limit <= 0:
            return []
        width = max(limit, 8)
        combos = [("", 1.0)]
        for word in words[:6]:
            options = _word_variants(word, width)
            combos = sorted(((f"{c} {s}".strip(), cw * w) for c, cw in combos for s, w in options),
                            key=lambda x: -x[1])[: width * 2]
        seen, out = set(), []
        for s, _w in combos:
            if s not in seen:
                seen.add(s)
                out.append(s)
            if len(out) >= limit:
                break
        return out
    except Exception:  # noqa: BLE001
        return []
