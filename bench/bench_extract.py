"""Benchmark: articles per second for `tamyr.extract` (target >= 50 articles of ~2 kB per second).

Builds ~2 kB articles by varying names, posts, dates and amounts in the test articles (half English,
half Russian with Kazakh letters), warms the models up, then times extraction of the mixed set and
of each language alone. Names are drawn from given names x surname roots x endings, so most articles
bring names the caches have not seen (a cold-cache run, as on a stream of new articles); --hot
reuses a handful of names instead (the old benchmark). Prints wall and CPU rates and the load
average (the machine is shared: compare runs at similar load).

    python bench/bench_extract.py [--n 200] [--hot] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import random
import time
from pathlib import Path

from tamyr.extract import extract_text

ARTICLES = Path(__file__).resolve().parents[1] / "tests" / "articles"
GIVEN_EN = ["Daniyar", "Yerlan", "Aidos", "Marat", "Nurlan", "Serik", "Arman", "Timur", "Askar", "Bolat", "Kairat",
            "Yerzhan", "Dauren", "Ruslan", "Zhanibek", "Olzhas", "Azamat", "Berik", "Galym", "Talgat"]
ROOTS_EN = ["Akhmet", "Karim", "Suleimen", "Beketay", "Nurpeis", "Dzhaksybek", "Omar", "Tasmagambet", "Zhumabek",
            "Abdrakhman", "Baimakhan", "Sarsen", "Yessim", "Kuanysh", "Tokay", "Mukan", "Sadyk", "Zhakup",
            "Bekmurat", "Ospan", "Kassym", "Utemis", "Shaikhy", "Zhanbyrbay"]
GIVEN_RU = ["Данияр", "Ерлан", "Айдос", "Марат", "Нұрлан", "Серік", "Арман", "Тимур", "Асқар", "Болат", "Қайрат",
            "Ержан", "Дәурен", "Руслан", "Жәнібек", "Олжас", "Азамат", "Берік", "Ғалым", "Талғат"]
ROOTS_RU = ["Ахмет", "Карим", "Сүлеймен", "Бекетай", "Нұрпейіс", "Жақсыбек", "Омар", "Тасмағамбет", "Жұмабек",
            "Абдрахман", "Баймахан", "Сәрсен", "Есім", "Қуаныш", "Тоқай", "Мұқан", "Садық", "Жақып", "Бекмұрат",
            "Оспан", "Қасым", "Өтеміс", "Шайхы", "Жанбырбай"]


def make_articles(n: int, seed: int = 7, hot: bool = False) -> list[str]:
    rng = random.Random(seed)
    en = [p.read_text(encoding="utf-8") for p in sorted(ARTICLES.glob("en_*.txt"))]
    ru = [p.read_text(encoding="utf-8") for p in sorted(ARTICLES.glob("ru_*.txt"))]
    out = []
    for i in range(n):
        pool, given, roots = (en, GIVEN_EN, ROOTS_EN) if i % 2 == 0 else (ru, GIVEN_RU, ROOTS_RU)
        if hot:
            given, roots = given[:10], roots[:8]
        ending = ("ov", "ev") if pool is en else ("ов", "ев")
        parts = []
        while sum(map(len, parts)) < 2000:
            text = rng.choice(pool)
            for old in ("Akhmetov", "Karimov", "Ахметов", "Каримов", "Мухамбетов", "Mukhambetov"):
                surname = rng.choice(roots) + (ending[0] if hot else rng.choice(ending))
                text = text.replace(old, surname)
            text = text.replace("Daniyar", rng.choice(given)).replace("Ерлан", rng.choice(given))
            text = text.replace("2022", str(rng.randint(2005, 2024))).replace("120", str(rng.randint(10, 999)))
            parts.append(text)
        out.append("\n".join(parts)[:2200])
    return out


def rate(articles: list[str]) -> tuple[float, float, int]:
    start, cpu = time.perf_counter(), time.process_time()
    entities = sum(len(extract_text(text).entities) for text in articles)
    return len(articles) / (time.perf_counter() - start), len(articles) / (time.process_time() - cpu), entities


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--hot", action="store_true", help="reuse a few names (warm caches)")
    parser.add_argument("--repeat", type=int, default=1, help="runs with new names each; best is reported")
    args = parser.parse_args()
    extract_text(make_articles(2, seed=0)[0])  # warm up: spaCy, natasha and pymorphy3 models load once
    extract_text(make_articles(2, seed=0)[1])
    size = 0.0
    best: dict[str, tuple[float, float, int]] = {}
    for run in range(args.repeat):
        articles = make_articles(args.n, seed=7 + run, hot=args.hot)
        size = sum(map(len, articles)) / len(articles)
        for name, group in (("mixed", articles), ("en", articles[0::2]), ("ru", articles[1::2])):
            # each language on fresh names too: the mixed run has already cached these articles' names
            if name != "mixed" and not args.hot:
                group = make_articles(args.n, seed=1000 + run, hot=False)[0 if name == "en" else 1::2]
            result = rate(group)
            if name not in best or result[0] > best[name][0]:
                best[name] = result
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"{args.n} articles (avg {size:.0f} chars, half EN / half RU, {'hot' if args.hot else 'new'} names), "
          f"load average {load}")
    for name, (wall, cpu, entities) in best.items():
        print(f"  {name:5s} {wall:6.1f} articles/s wall, {cpu:6.1f} articles/s CPU ({entities} entities)")


if __name__ == "__main__":
    main()
