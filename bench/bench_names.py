"""Benchmark: parse + keys for N synthetic post-Soviet names (default 1M), one core.

Names are built from Kazakh, Russian, Ukrainian given names, patronymics and surnames in Cyrillic (with Kazakh
letters) and in Latin (anyascii and passport-style spellings), in registry and natural orders — so most full names
are distinct, and tokens repeat as they do in a real registry.

    python bench/bench_names.py              # 1,000,000 names
    python bench/bench_names.py -n 100000
    python bench/bench_names.py --registry bench/out/kin/synth-1000000-1/registry.csv
"""

from __future__ import annotations

import argparse
import csv
import random
import time
from pathlib import Path

from anyascii import anyascii

from tamyr.names import parse_names

GIVEN_M = ("Жандос Нурлан Бахытбек Бақытжан Ерлан Асылбек Серік Мұхтар Қайрат Марат Мурат Дәурен Ерсұлтан Нұрсұлтан "
           "Бекболат Азамат Арман Жанат Сакен Қуаныш Тимур Әлихан Қасым-Жомарт Абай Ильяс Рустам Сергей Александр "
           "Дмитрий Андрей Иван Олег Юрий Владимир Алексей Олександр Андрій Тарас Мажит Кемел Болат Ержан Талгат "
           "Даурен Ермек Аскар Бауыржан Нуржан Кайрат Санжар Ансар Диас Алмас").split()
GIVEN_F = ("Айгерим Айгүл Гүлнар Асель Әлия Жанар Динара Сәуле Меруерт Аружан Гульнара Мадина Камила Дана Жансая "
           "Ирина Ольга Наталья Елена Татьяна Оксана Олена Світлана Зауреш Бибигуль Куралай Айзада Ботагоз").split()
SURNAME_ROOTS = ("Иманали Тоқа Назарба Әбдір Жанбулат Ахмет Омар Сәрсен Нұрмағамбет Исмаил Қасым Жақып Тасболат "
                 "Ерғали Бекмұхамбет Сейдуман Төлеуғали Байжан Оспан Смағұл Мұса Құсайын Дүйсенба Есім Кенжебек "
                 "Иван Петр Сидор Смирн Кузнец Попов Волк Мороз Сокол Лебед Коваль Бондар Ткач Шевчук").split()
FATHER_ROOTS = ("Бахытбек Мажит Сергей Кемел Ерлан Болат Нуртай Мұхтар Қайрат Серік Асқар Тимур Андрей Иван Петр "
                "Юрий Әбдірахман Жұмабай Ермек Талғат Ғабит Дәулет Бейбіт Ербол Манас Аман Жақсылық").split()


def patronymic(root: str, female: bool, style: int) -> str:
    if style == 0:                                   # Kazakh
        return root + ("қызы" if female else "ұлы")
    if root.endswith("й"):
        stem = root[:-1] + "ев" if root.endswith(("ей", "ай")) else root[:-2] + "ьев"
    else:
        stem = root + "ов"
    return stem + ("на" if female else "ич")


def surname(root: str, female: bool, dropped: bool) -> str:
    if dropped:
        return root
    base = root + ("ев" if root.endswith(("а", "е", "и")) else "ов")
    return base + "а" if female else base


def make_names(n: int, seed: int = 7) -> list[str]:
    rnd = random.Random(seed)
    out = []
    for _ in range(n):
        female = rnd.random() < 0.5
        g = rnd.choice(GIVEN_F if female else GIVEN_M)
        p = patronymic(rnd.choice(FATHER_ROOTS), female, rnd.randrange(2))
        s = surname(rnd.choice(SURNAME_ROOTS), female, rnd.random() < 0.1)
        order = rnd.randrange(4)
        name = (f"{g} {p} {s}", f"{s} {g} {p}", f"{s.upper()} {g} {p}", f"{g} {s}")[order]
        r = rnd.random()
        if r < 0.3:
            name = anyascii(name)
        elif r < 0.4:
            name = anyascii(name).replace("kh", "h").replace("Zh", "J").replace("ev ", "yev ")
        out.append(name)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=1_000_000)
    ap.add_argument("--chunk", type=int, default=100_000)
    ap.add_argument("--registry", type=Path, default=None,
                    help="parse the 'name' column of a registry CSV instead (e.g. bench/out/kin/synth-1000000-1/"
                         "registry.csv: nearly every name and surname distinct, so the word caches rarely help)")
    args = ap.parse_args()
    if args.registry:
        with args.registry.open(encoding="utf-8") as f:
            names = [r["name"] for _, r in zip(range(args.n), csv.DictReader(f))]
    else:
        names = make_names(args.n)
    print(f"{len(names):,} names, {len(set(names)):,} distinct, "
          f"{len({t for x in names for t in x.split()}):,} distinct words")
    start, cpu = time.perf_counter(), time.process_time()
    done = 0
    for i in range(0, len(names), args.chunk):
        parsed = parse_names(names[i:i + args.chunk])
        done += len(parsed)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"parse + keys: {done:,} names in {elapsed:.2f} s wall = {done / elapsed:,.0f} names/s; "
          f"{cpu:.2f} s CPU = {done / cpu:,.0f} names/s per core (CPU time; the machine may be shared)")
    sample = parsed[-1]
    print("last:", sample.raw, "->", sample.keys)
    # the bulk path kin inference takes: the fields it reads, the garbage collector paused
    from tamyr.names import parse_fields
    from tamyr.names.parse import gc_paused

    fresh = [f"{x} " for x in names]        # not served from the caches parse_names filled above
    with gc_paused():
        start, cpu = time.perf_counter(), time.process_time()
        for x in fresh:
            parse_fields(x.strip())
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"parse_fields (bulk path, gc paused, word caches warm): {len(fresh):,} names in {elapsed:.2f} s wall "
          f"= {len(fresh) / elapsed:,.0f} names/s; {len(fresh) / cpu:,.0f} names/s per core")
    from tamyr.names import parse_fields_many

    fresh = [f"{x}  ".strip() for x in names]     # new string objects again
    with gc_paused():
        start, cpu = time.perf_counter(), time.process_time()
        parse_fields_many(fresh)
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"parse_fields_many (three-word names from their words, word caches warm): {len(fresh):,} names in "
          f"{elapsed:.2f} s wall = {len(fresh) / elapsed:,.0f} names/s; {len(fresh) / cpu:,.0f} names/s per core")


if __name__ == "__main__":
    main()
