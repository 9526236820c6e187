"""Benchmark: articles per second for `tamyr.extract` (target >= 50 articles of ~2 kB per second).

Builds ~2 kB articles by varying names, posts, dates and amounts in the test articles (half English,
half Russian with Kazakh letters), warms the models up, then times extraction.

    python bench/bench_extract.py [--n 200]
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

from tamyr.extract import extract_text

ARTICLES = Path(__file__).resolve().parents[1] / "tests" / "articles"
GIVEN_EN = ["Daniyar", "Yerlan", "Aidos", "Marat", "Nurlan", "Serik", "Arman", "Timur", "Askar", "Bolat"]
SURN_EN = ["Akhmetov", "Karimov", "Suleimenov", "Beketayev", "Nurpeisov", "Dzhaksybekov", "Omarov", "Tasmagambetov"]
GIVEN_RU = ["Данияр", "Ерлан", "Айдос", "Марат", "Нұрлан", "Серік", "Арман", "Тимур", "Асқар", "Болат"]
SURN_RU = ["Ахметов", "Каримов", "Сүлейменов", "Бекетаев", "Нұрпейісов", "Жақсыбеков", "Омаров", "Тасмағамбетов"]


def make_articles(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    en = [p.read_text(encoding="utf-8") for p in sorted(ARTICLES.glob("en_*.txt"))]
    ru = [p.read_text(encoding="utf-8") for p in sorted(ARTICLES.glob("ru_*.txt"))]
    out = []
    for i in range(n):
        pool, given, surn = (en, GIVEN_EN, SURN_EN) if i % 2 == 0 else (ru, GIVEN_RU, SURN_RU)
        parts = []
        while sum(map(len, parts)) < 2000:
            text = rng.choice(pool)
            for old in ("Akhmetov", "Karimov", "Ахметов", "Каримов", "Мухамбетов", "Mukhambetov"):
                text = text.replace(old, rng.choice(surn))
            text = text.replace("Daniyar", rng.choice(given)).replace("Ерлан", rng.choice(given))
            text = text.replace("2022", str(rng.randint(2005, 2024))).replace("120", str(rng.randint(10, 999)))
            parts.append(text)
        out.append("\n".join(parts)[:2200])
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=200)
    args = parser.parse_args()
    articles = make_articles(args.n)
    extract_text(articles[0])  # warm up: spaCy, natasha and pymorphy3 models load once
    extract_text(articles[1])
    start = time.perf_counter()
    entities = 0
    for text in articles:
        entities += len(extract_text(text).entities)
    elapsed = time.perf_counter() - start
    size = sum(map(len, articles)) / len(articles)
    print(f"{len(articles)} articles (avg {size:.0f} chars, half EN / half RU), {entities} entities, "
          f"{elapsed:.2f} s: {len(articles) / elapsed:.1f} articles/s")


if __name__ == "__main__":
    main()
