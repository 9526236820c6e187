"""How a kin score becomes a probability.

The model is Fellegi–Sunter with term-frequency adjustment, written as a mixture of "a relative" and
"namesakes by chance" for each blocking cell (e.g. child Жандос Бахытбекович Иманалиев: the cell of men
named Бахытбек with surname root Иманалиев):

* chance: unrelated people land in a cell at rate ``lambda = n_men * p_given(f) * p_surname(s)`` — the
  expected number of namesakes among the registry's men if given name and surname are independent, from
  the registry's own term frequencies (splink's u-probability for an exact match on a value is that
  value's frequency). Nurlan Akhmetov gets a large lambda, Bakhytbek Imanaliev a tiny one. Frequencies
  leave the person out (their own surname is the condition, not evidence) and are shrunk toward a
  reference population of ``SMOOTHING_PERSONS`` (Dirichlet smoothing): ``p = (count + A * p0) / (n + A)``,
  so that a small registry (or a surname seen once) does not claim certainty.
* kin: the person's father (or a sibling, a wife…) is in the registry at rate ``prior``. The prior is
  estimated by EM from how much the cells are over-filled compared with chance (a Poisson mixture,
  ``estimate_rate``); with ``--population N`` it is instead the chance that a relative appears in a
  registry of ``n`` drawn at random from ``N`` people (``n / N`` times the expected number of such
  relatives).
* other evidence multiplies the odds by a likelihood ratio ``w = m / u``: birth years (``age_lr``: the
  gap distribution of true parents/siblings/spouses against the gap between two random persons of the
  registry), the same organisation (m estimated from confident ties, u = chance two random persons share
  one).

For a candidate j among the k candidates of a cell, with at most one true father:
``P(j) = (prior * w_j / lambda) / (1 - prior + prior * sum_k(w_k) / lambda + alternatives / lambda)``;
for relations with possibly several relatives (siblings) ``P = prior * w / (prior * w + lambda)``.
``alternatives`` are other kin that produce the same name pattern: a wife whose father had her husband's
given name looks like a daughter (rate prior_wife * share of men with that given name).
"""

from __future__ import annotations

import numpy as np

# Dirichlet smoothing of name frequencies: A pseudo-persons in which a surname has frequency 1/10,000 and a
# given name 1/300 (typical magnitudes for post-Soviet name distributions: Ivanov ~1%, Akhmetov ~0.4%,
# most surnames far rarer; a few hundred male given names cover most men).
SMOOTHING_PERSONS = 10_000
P0_SURNAME = 1e-4
P0_GIVEN = 1 / 300

# Age at the birth of a child (years). Means and spreads from post-Soviet vital statistics: mean
# paternal age at birth about 30-31, maternal about 26-28 (Rosstat/UkrStat, 1970-2020), wide tails.
PARENT_AGE = {"father": (31.0, 7.0, 15, 75), "mother": (27.0, 6.0, 14, 55)}
SIBLING_GAP = (0.0, 6.5, -25, 25)  # siblings: a mother's fertile span bounds the gap
SPOUSE_GAP = (2.5, 5.0, -20, 30)  # wife's year of birth minus husband's: husbands ~2-3 years older
# Share of same-surname, opposite-gender relatives of a man (not his sister, not his daughter) who are his
# wife rather than his mother, sister-in-law, daughter-in-law or aunt. An assumption, not estimated:
# wives take the husband's surname in most post-Soviet marriages, and a registry listing a man's children
# most often lists their mother too. Birth years, when given, override it through the age likelihoods.
SPOUSE_SHARE = 0.8


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


def estimate_rate(k: np.ndarray, lam: np.ndarray, n_total: int, at_most_one: bool,
                  start: float = 0.05, iterations: int = 60) -> float:
    """EM estimate of the rate at which a person's relative is present among the candidates.

    ``k`` candidates observed in each person's cell, ``lam`` the expected number of chance namesakes;
    persons with no candidate at all (k = 0) are counted through ``n_total`` (they add nothing but the
    denominator). at_most_one: Bernoulli(prior) + Poisson(lam) (a father); else Poisson(prior) + Poisson(lam).
    """
    if n_total <= 0 or len(k) == 0:
        return 0.0
    k = k.astype(float)
    lam = np.maximum(lam.astype(float), 1e-9)
    prior = start
    for _ in range(iterations):
        if at_most_one:
            odds = prior * (k / lam)
            resp = odds / (1 - prior + odds)  # P(father among the candidates | k, lam)
        else:
            resp = k * prior / (prior + lam)  # expected number of true relatives among the k
        # A weak Beta/Gamma prior (mean 0.1, worth 10 persons) keeps tiny registries from degenerate 0 or 1.
        new = (float(resp.sum()) + 1.0) / (n_total + 10.0)
        new = min(max(new, 1e-6), 0.999 if at_most_one else 50.0)
        if abs(new - prior) < 1e-7:
            prior = new
            break
        prior = new
    return prior
