"""Person names in Russian text with natasha's NER model (slovnet), run only where a name can be.

natasha's tagger (slovnet NER: word + shape embeddings, three 1-d convolutions of width 3, a CRF) reads
the whole text as one sequence. Two facts make that slow and wasteful for news:

* a token's emission scores depend only on the tokens within 3 positions of it (three width-3 layers),
  and a person name is always a run of capitalised words; so the model need only see windows of
  ±CONTEXT tokens around capitalised tokens. The emissions inside a window equal those of a
  whole-text run (measured on the test articles: same PER spans);
* the CRF decoder loops in Python over the sequence length; windows in one padded batch cut the
  loop from a few hundred steps to the longest window.

Also, OpenBLAS may start a thread per core for each small matrix product; on a shared 2-core machine
the threads wait for each other (measured: the tagger 2-3x slower with two threads under load), so
products run on one thread while the tagger works (the previous setting is restored afterwards).
"""

from __future__ import annotations

import ctypes
import re
from contextlib import contextmanager
from functools import lru_cache


CONTEXT = 4  # tokens either side of a capitalised token (the receptive field is 3)

# razdel-like tokens: words (with inner hyphens/apostrophes), numbers, single punctuation marks
_TOKEN = re.compile(r"\w+(?:[-‐'’]\w+)*|\d+(?:[.,]\d+)*|[^\w\s]", re.U)


@lru_cache(maxsize=1)
def _tagger():
    from natasha import NewsEmbedding, NewsNERTagger

    return NewsNERTagger(NewsEmbedding())


@lru_cache(maxsize=1)
def _blas():
    """(get, set) for OpenBLAS's thread count, or None when numpy uses another BLAS."""
    try:
        with open("/proc/self/maps", encoding="utf-8", errors="replace") as fh:
            paths = sorted(set(re.findall(r"(/\S*openblas\S*\.so\S*)", fh.read())))
    except OSError:
        return None
    for path in paths:
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for prefix in ("scipy_openblas", "openblas"):
            for suffix in ("64_", ""):
                get = getattr(lib, f"{prefix}_get_num_threads{suffix}", None)
                put = getattr(lib, f"{prefix}_set_num_threads{suffix}", None)
                if get is not None and put is not None:
                    get.restype = ctypes.c_int
                    put.argtypes = [ctypes.c_int]
                    return get, put
    return None


@contextmanager
def one_blas_thread():
    blas = _blas()
    if blas is None:
        yield
        return
    get, put = blas
    before = get()
    if before != 1:
        put(1)
    try:
        yield
    finally:
        if before != 1:
            put(before)


_NOT_NAME_POS = {"PREP", "CONJ", "PRCL", "NPRO", "ADVB", "VERB", "INFN", "GRND", "PRTS", "PRED", "INTJ", "NUMR",
                 "COMP"}


@lru_cache(maxsize=50_000)
def maybe_name(word: str) -> bool:
    """False for a capitalised word that is surely not part of a name: a dictionary word (pymorphy3)
    that is a preposition, conjunction, pronoun, adverb, verb... in its likeliest reading and never a
    given name, surname or patronymic ("На", "Как", "Однако", "Сообщили")."""
    from .russian import _morph

    morph = _morph()
    low = word.lower()
    if not morph.word_is_known(low):
        return True
    parses = morph.parse(low)
    if any({"Name", "Surn", "Patr"} & p.tag.grammemes for p in parses):
        return True
    return parses[0].tag.POS not in _NOT_NAME_POS


def _windows(tokens: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    n = len(tokens)
    for i, (_, _, word) in enumerate(tokens):
        if not (word[0].isupper() and word[0].isalpha()) or not maybe_name(word):
            continue
        a, b = max(0, i - CONTEXT), min(n, i + CONTEXT + 1)
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _batches(windows: list[tuple[int, int]], waste: float = 0.25, most: int = 48) -> list[list[tuple[int, int]]]:
    """Windows grouped by length so that padding adds at most `waste` to the work of a batch."""
    groups: list[list[tuple[int, int]]] = []
    size = total = 0
    for w in sorted(windows, key=lambda w: w[0] - w[1]):
        n = w[1] - w[0]
        if groups and len(groups[-1]) < most and size * (len(groups[-1]) + 1) <= (1 + waste) * (total + n):
            groups[-1].append(w)
            total += n
        else:
            groups.append([w])
            size = total = n
    return groups


def viterbi(emissions, mask, transitions) -> list:
    """Best tag paths (slovnet's CRF.decode with fewer array operations per step)."""
    import numpy as np

    batch, length, _ = emissions.shape
    score = emissions[:, 0]
    history = []
    for i in range(1, length):
        cand = score[:, :, None] + transitions + emissions[:, i, None, :]  # batch x from x to
        best = cand.argmax(1)
        new = np.take_along_axis(cand, best[:, None, :], 1)[:, 0]
        score = np.where(mask[:, i, None], new, score)
        history.append(best)
    sizes = mask.sum(1) - 1
    paths = []
    for b in range(batch):
        tag = int(score[b].argmax())
        tags = [tag]
        for step in reversed(history[: sizes[b]]):
            tag = int(step[b, tag])
            tags.append(tag)
        tags.reverse()
        paths.append(tags)
    return paths


def _bio(tokens, tags, types, spans) -> None:
    """BIO tags to spans, as slovnet.bio.bio_spans does (an I- tag without a B- starts nothing)."""
    previous, start, stop = None, 0, 0
    for tok, tag in zip(tokens, tags):
        part, _, kind = tag.partition("-")
        if part == "B":
            if previous in types:
                spans.append((start, stop))
            previous, start, stop = kind, tok[0], tok[1]
        elif part == "I":
            if previous:
                stop = tok[1]
        else:
            if previous in types:
                spans.append((start, stop))
            previous = None
    if previous in types:
        spans.append((start, stop))


def person_spans(text: str, types: tuple[str, ...] = ("PER",)) -> list[tuple[int, int]]:
    """(start, stop) of the person names natasha finds in `text` (Russian letters; map Kazakh first)."""
    from .core import blocks

    found: list[tuple[int, int]] = []
    for start, end in blocks(text):
        found.extend((a + start, b + start) for a, b in _person_spans(text[start:end], types))
    return found


def _person_spans(text: str, types: tuple[str, ...]) -> list[tuple[int, int]]:
    tokens = [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text)]
    windows = _windows(tokens)
    if not windows:
        return []
    infer = _tagger().infer
    encoder, model, vocab = infer.encoder, infer.model, infer.decoder.tags_vocab
    spans: list[tuple[int, int]] = []
    with one_blas_thread():
        for group in _batches(windows):
            batch = encoder.input([encoder.item([t[2] for t in tokens[a:b]]) for a, b in group])
            pred = model(batch.word_id, batch.shape_id, batch.pad_mask)
            paths = viterbi(pred, ~batch.pad_mask, model.head.crf.transitions.array)
            for (a, b), path in zip(group, paths):
                _bio(tokens[a:b], [vocab.decode(int(t)) for t in path[: b - a]], types, spans)
    return sorted(set(spans))


def person_spans_full(text: str) -> list[tuple[int, int]]:
    """The plain natasha call on the whole text (reference for tests and the benchmark)."""
    markup = _tagger()(text)
    return [(s.start, s.stop) for s in markup.spans if s.type == "PER"]


__all__ = ["person_spans", "person_spans_full", "one_blas_thread"]
