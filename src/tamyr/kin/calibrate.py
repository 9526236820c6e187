"""How a kin score becomes a probability (method ``kin:names-v2``; the stages are in pipeline.py).

The model is Fellegi–Sunter with term-frequency adjustment, written per child as a mixture of "the
father is among the candidates" and "they are namesakes by chance" (e.g. child Жандос Бахытбекович
Иманалиев: the men of the surname block Иманалиев named Бахытбек):

* chance (u, with term frequencies): namesakes come from the block's *other families* — its male lines
  but the child's own and the father's, plus a Good–Turing count of lines not seen — times the block's
  men per line and the name's rate among them (the block's own rate, candidates counted, shrunk toward
  the registry rate with 20 pseudo-men). Expected namesakes ``lam``: Nurlan among 300 Akhmetovs ~ 20,
  Bakhytbek among 3 Imanalievs ~ 0.003. A scale ``kappa`` on all ``lam`` is estimated from the registry
  (Poisson MLE of the candidates not explained as fathers), so the data say how often namesakes turn up.
* kin (the prior): P(the father is among the candidates) per child, a logistic model
  ``logit(pi) = a[cell] + b[child's given name] + c[the father's name] (+ d[decade of birth, gender])``
  fitted by EM (``LogisticPrior``): cells are block size x a sibship x a possible mother; the grouped
  effects are shrunk toward 0 with a spread re-estimated from the data (empirical Bayes). A registry's
  children are named differently from its parents (Софія, Данило vs Людмила, Анатолій) and so are their
  fathers, and with birth years its children are young; the EM learns it from the registry itself, not
  from a table.
* other evidence multiplies the odds by a likelihood ratio ``w = m/u``: birth years (``age_lr_table``: the
  gap distribution of true parents/siblings/spouses against the gap between two random persons of the
  registry; an impossible gap is 0), the same organisation (m from confident ties, u = the chance two
  random persons share one), agreement of the surname's ending class (Жук / Жуков: m by EM, u the share
  of the block's men with another class), the candidate's own class (how likely he is a registry child
  himself: m by EM over four classes, u the classes of all men), and the channel: a shared surname root,
  or a surname built from the father's or grandfather's name (shares by EM).

For a candidate j among a child's candidates (at most one father):
``P(j) = A_j / (1 - pi + sum A + sum B + sum H)`` with ``A_j = pi * w_j * m_channel / lam``. The other
terms are alternatives that explain a candidate otherwise: ``B`` a brother named like their father (when
he shares the child's patronymic), ``H`` her husband named like her father (the trap of a wife whose
patronymic is her husband's name: a husband bears her father's name only at that name's frequency). Two
readings of one pair (Олександр Олександрович, father or son) split by their odds; a father's namesake
children (the same name, another birth year) share one child's probability.

Spouses: per man, P(his wife is in his block) by the same logistic EM (his names, his class as a registry
child, children in the block), with one husband per woman in the E-step and a son's mother explained as
his father's wife; chance from the block's other families (a man and his sons are one family), scaled by
a Poisson MLE. Siblings: a pair of one block sharing the patronymic X; chance = q(X), X's frequency
outside the block; pair prior per block size by EM over aggregate counts; what the parent-child reading of
the pair takes is not left to siblings. Mothers: P(father) * P(his wife).

Calibration is checked on the real declared families of the evaluation and on synthetic planted
families (bench/bench_kin.py prints precision by score band). The score is a posterior under this
model, not a fitted score: it is as good as its independence assumptions (a family's names drawn
independently of its surname; namesakes spread like other families of the surname).
"""

from __future__ import annotations

import numpy as np


# Age at the birth of a child (years). Means and spreads from post-Soviet vital statistics: mean
# paternal age at birth about 30-31, maternal about 26-28 (Rosstat/UkrStat, 1970-2020), wide tails.
PARENT_AGE = {"father": (31.0, 7.0, 15, 75), "mother": (27.0, 6.0, 14, 55)}
SIBLING_GAP = (0.0, 6.5, -25, 25)  # siblings: a mother's fertile span bounds the gap
SPOUSE_GAP = (2.5, 5.0, -20, 30)  # wife's year of birth minus husband's: husbands ~2-3 years older


def normal_density(x: np.ndarray, mean: float, sd: float) -> np.ndarray:
    return _normal(np.asarray(x, dtype=float), mean, sd)


def _normal(x: np.ndarray, mean: float, sd: float) -> np.ndarray:
    return np.exp(-0.5 * ((x - mean) / sd) ** 2) / (sd * np.sqrt(2 * np.pi))


def gap_chance(years: np.ndarray, counts: np.ndarray, max_gap: int = 100) -> dict[int, float]:
    """Distribution of (year_a - year_b) for two random persons of the registry (u of the age comparison)."""
    if len(years) == 0:
        return {}
    lo, hi = int(years.min()), int(years.max())
    hist = np.zeros(hi - lo + 1)
    hist[years.astype(int) - lo] = counts
    hist = hist / hist.sum()
    corr = np.correlate(hist, hist, mode="full")  # index i <-> gap i - (len-1)
    gaps = np.arange(-(len(hist) - 1), len(hist))
    # Smooth with a small floor so that rare gaps do not give huge likelihood ratios.
    corr = np.convolve(corr, np.ones(3) / 3, mode="same") + 1e-4
    corr = corr / corr.sum()
    return {int(g): float(c) for g, c in zip(gaps, corr) if abs(g) <= max_gap}


def age_lr_table(kind: str, chance: dict[int, float]) -> list[tuple[int, float]]:
    """(gap, likelihood ratio) for one relation.

    father/mother: gap = child's year - parent's year; sibling: a's year - b's year; spouse: wife's year -
    husband's year. Gaps outside the plausible range get ratio 0 (the relation is impossible).
    """
    if not chance:
        return []
    if kind in PARENT_AGE:
        mean, sd, lo, hi = PARENT_AGE[kind]
    elif kind == "sibling":
        mean, sd, lo, hi = SIBLING_GAP
    else:
        mean, sd, lo, hi = SPOUSE_GAP
    rows = []
    for gap, u in chance.items():
        if gap < lo or gap > hi:
            rows.append((gap, 0.0))
            continue
        m = float(_normal(np.array(gap), mean, sd))
        rows.append((gap, min(m / u, 50.0)))
    return rows


# Shrinkage of the EM priors: pseudo-observations toward the target (pooled rate, or a weak 0.1).
POOLED_WEIGHT = 20.0
BUCKET_WEIGHT = 50.0


def estimate_rate(k: np.ndarray, lam: np.ndarray, n_total: int, at_most_one: bool = True,
                  prior_mean: float | None = None, prior_weight: float = POOLED_WEIGHT,
                  start: float = 0.05, iterations: int = 100) -> float:
    """EM estimate of the rate at which a person's relative is among the candidates of its block.

    ``k`` candidates observed per person, ``lam`` the expected number of chance namesakes; persons counted
    in ``n_total`` but absent from ``k`` had no candidate (they only add to the denominator). The mixture is
    Bernoulli(prior) + Poisson(lam): at most one relative (a father, a wife), so the rate stays in (0, 1)
    whatever the data. A Beta prior with mean ``prior_mean`` (default 0.1) worth ``prior_weight`` persons
    keeps small registries and small buckets from degenerate 0 or 1.
    """
    target = 0.1 if prior_mean is None else min(max(prior_mean, 1e-6), 0.999)
    if n_total <= 0 or len(k) == 0:
        return target
    k = k.astype(float)
    lam = np.maximum(lam.astype(float), 1e-9)
    prior = start
    for _ in range(iterations):
        odds = prior * (k / lam)
        resp = odds / (1 - prior + odds)   # P(the relative is among the candidates | k, lam)
        new = (float(resp.sum()) + prior_weight * target) / (n_total + prior_weight)
        new = min(max(new, 1e-6), 0.999)
        if abs(new - prior) < 1e-8:
            prior = new
            break
        prior = new
    return prior


def estimate_pair_rate(pairs: np.ndarray, q: np.ndarray, all_pairs: float, prior_mean: float | None = None,
                       prior_weight: float = 200.0, iterations: int = 100) -> float:
    """EM estimate of the share of same-block pairs who are siblings, from aggregate counts.

    ``pairs[i]`` pairs share patronymic i, which two unrelated persons share with probability ``q[i]``;
    ``all_pairs`` is every pair of the blocks (matched or not). Siblings always share it, so a matched pair
    is a sibling pair with odds prior / q / (1 - prior); unmatched pairs are not siblings.
    """
    target = 1e-3 if prior_mean is None else min(max(prior_mean, 1e-9), 0.5)
    if all_pairs <= 0:
        return target
    q = np.maximum(q.astype(float), 1e-12)
    prior = target
    for _ in range(iterations):
        odds = prior / q
        resp = pairs * odds / (1 - prior + odds)
        new = (float(resp.sum()) + prior_weight * target) / (all_pairs + prior_weight)
        new = min(max(new, 1e-9), 0.5)
        if abs(new - prior) < 1e-10:
            prior = new
            break
        prior = new
    return prior


# -- priors with covariates: logistic EM ------------------------------------------------------------------

# Spread of the given-name effects on the logit scale before the data speak (a name multiplies the odds
# by about e^±1 at most, typically); the empirical-Bayes update below re-estimates it from the names.
NAME_EFFECT_SD = 1.0


class LogisticPrior:
    """A prior P(the relative is among the candidates) per unit: logit(pi) = a[cell] + sum_e b_e[group_e].

    Fitted by EM together with whatever else the caller estimates: ``step(r)`` is one M-step given the
    E-step's responsibilities ``r`` (the posterior that each unit's relative is present), by one Newton step
    per group of the expected Bernoulli log-likelihood (cells and each grouped effect: a few bincounts each).
    Cell effects are shrunk toward logit(prior_mean) with ``cell_weight`` pseudo-units; each grouped effect (a
    given name, a father's name) toward 0 with a normal prior whose spread is re-estimated from the data
    (empirical Bayes). A name seen in a handful of units stays near its cell's rate; a name seen in hundreds
    moves it (in a registry of officials and their declared families, Галина: none of 64 has a father
    candidate; Софія: 21 of 29).
    """

    def __init__(self, cells: np.ndarray, effects: list[np.ndarray] | None = None, prior_mean: float = 0.1,
                 cell_weight: float = 20.0, effect_sd: float = NAME_EFFECT_SD) -> None:
        self.cells = np.asarray(cells, dtype=np.int64)
        self.n_cells = int(self.cells.max()) + 1 if len(self.cells) else 1
        self.prior_mean = prior_mean
        self.cell_weight = cell_weight
        self.a = np.full(self.n_cells, float(np.log(prior_mean / (1 - prior_mean))))
        self.groups = [np.asarray(g, dtype=np.int64) for g in (effects or [])]
        self.sizes = [int(g.max()) + 1 if len(g) else 1 for g in self.groups]
        self.bs = [np.zeros(k) for k in self.sizes]
        self.tau2 = [effect_sd ** 2 for _ in self.groups]

    def _plus_effects(self, out: np.ndarray) -> np.ndarray:
        """``out`` (the units' cell terms, a fresh array) plus each unit's grouped effects, in place."""
        for g, b in zip(self.groups, self.bs):
            out += b[g]
        return out

    def eta(self) -> np.ndarray:
        return self._plus_effects(self.a[self.cells].copy())

    @staticmethod
    def _prob(eta: np.ndarray) -> np.ndarray:
        return np.clip(1 / (1 + np.exp(-eta)), 1e-6, 0.999)

    def pi(self) -> np.ndarray:
        return self._prob(self.eta())

    def pi_at(self, cell: int) -> np.ndarray:
        """pi of every unit as if it were in ``cell`` (its grouped effects kept)."""
        return self._prob(self._plus_effects(np.full(len(self.cells), self.a[cell])))

    def step(self, r: np.ndarray) -> None:
        p = 1 / (1 + np.exp(-self.eta()))
        grad = np.bincount(self.cells, r - p, self.n_cells).astype(float)
        hess = np.bincount(self.cells, p * (1 - p), self.n_cells).astype(float)
        p0 = 1 / (1 + np.exp(-self.a))
        grad -= self.cell_weight * (p0 - self.prior_mean)
        hess += self.cell_weight * p0 * (1 - p0)
        self.a = self.a + np.clip(grad / np.maximum(hess, 1e-9), -2, 2)
        for e, g in enumerate(self.groups):
            p = 1 / (1 + np.exp(-self.eta()))
            grad = np.bincount(g, r - p, self.sizes[e]) - self.bs[e] / self.tau2[e]
            hess = np.bincount(g, p * (1 - p), self.sizes[e]) + 1 / self.tau2[e]
            self.bs[e] = self.bs[e] + np.clip(grad / hess, -2, 2)
            self.tau2[e] = float(np.clip(np.mean(self.bs[e] ** 2 + 1 / hess), 0.05, 4.0))

    def summary(self) -> dict:
        return {"cells": {int(c): float(1 / (1 + np.exp(-self.a[c]))) for c in np.unique(self.cells)},
                "effect_sd": [float(np.sqrt(t)) for t in self.tau2]}


def responsibilities(pi: np.ndarray, L: np.ndarray) -> np.ndarray:
    """E-step of the Bernoulli(pi) + chance mixture: P(present) = pi*L / (1 - pi + pi*L); 0 without a candidate."""
    odds = pi * L
    return np.where(L > 0, odds / np.maximum(1 - pi + odds, 1e-300), 0.0)
