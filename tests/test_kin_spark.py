"""The Spark engine runs the same pipeline definition as DuckDB and gives the same ties (local mode)."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

pyspark = pytest.importorskip("pyspark")
if shutil.which("java") is None:
    pytest.skip("the Spark engine needs a Java runtime", allow_module_level=True)

from tamyr.examples.synth import write_registry  # noqa: E402
from tamyr.kin import KinInputError, infer_csv  # noqa: E402


@pytest.fixture(scope="module")
def registry(tmp_path_factory) -> Path:
    """A small synthetic registry (families, namesakes, Latin spellings, missing birth years) plus bad rows."""
    out = tmp_path_factory.mktemp("spark")
    write_registry(out, 400, seed=7, log=lambda *_: None)
    path = out / "registry.csv"
    with path.open("a", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["bad1", "", "1970", "", "kz", ""])
        w.writerow(["bad2", "12345", "1970", "", "kz", ""])
        w.writerow(["bad3", "Петров Петр Петрович", "2019-02-30", "", "ru", ""])
        # a son written out and with initials (the record joins him by its initials); csv.writer ends these
        # rows in CRLF after the file's LF rows, and an empty last field must stay empty (not "\r") on Spark
        w.writerow(["sp_b", "Иманалиев Бахытбек Асанович", "1960", "m", "kz", ""])
        w.writerow(["sp_z", "Иманалиев Жандос Бахытбекович", "1988", "m", "kz", ""])
        w.writerow(["sp_zi", "Иманалиев Ж. Б.", "1988", "", "kz", ""])
    return path


def _ties(path: Path) -> dict[tuple[str, str, str], float]:
    with path.open(encoding="utf-8") as f:
        return {(r["person_id"], r["relative_id"], r["relationship"]): float(r["score"]) for r in csv.DictReader(f)}


def test_spark_and_duckdb_give_the_same_ties(registry, tmp_path):
    duck = infer_csv(registry, tmp_path / "duck.csv", min_score=0.3)
    spark = infer_csv(registry, tmp_path / "spark.csv", min_score=0.3, engine="spark")
    a, b = _ties(tmp_path / "duck.csv"), _ties(tmp_path / "spark.csv")
    assert len(a) > 50
    # the same ties, away from the threshold where the last digit of a score could decide
    clear_a = {k for k, v in a.items() if v >= 0.31}
    clear_b = {k for k, v in b.items() if v >= 0.31}
    assert clear_a <= set(b) and clear_b <= set(a)
    assert max(abs(a[k] - b[k]) for k in set(a) & set(b)) < 1e-3
    assert spark.report.counts == duck.report.counts
    assert {k: duck.report.counts[k] for k in ("name is empty", "name has no letters", "impossible birth date")} == {
        "name is empty": 1, "name has no letters": 1, "impossible birth date": 1}
    assert spark.stats.priors.keys() == duck.stats.priors.keys()
    assert ("sp_zi", "sp_b", "father") in a and ("sp_zi", "sp_b", "father") in b


def test_spark_names_duplicate_ids_by_line(tmp_path):
    path = tmp_path / "in.csv"
    path.write_text("id,name\n1,Иванов Иван Иванович\n2,Петров Петр Петрович\n1,Сидоров Сидор Сидорович\n",
                    encoding="utf-8")
    with pytest.raises(KinInputError, match=r"id '1' on lines 2, 4"):
        infer_csv(path, tmp_path / "out.csv", engine="spark")


def test_spark_reads_the_encoding_and_delimiter_and_refuses_bytes_that_do_not_decode(tmp_path):
    text = "id;name\n1;Иманалиев Бахытбек Мажитович\n2;Иманалиев Жандос Бахытбекович\n"
    cp = tmp_path / "cp.csv"
    cp.write_bytes(text.encode("cp1251"))
    with pytest.raises(KinInputError, match=r"line 2: not valid utf-8 text .*pass --encoding cp1251"):
        infer_csv(cp, tmp_path / "out.csv", engine="spark")
    result = infer_csv(cp, tmp_path / "out.csv", engine="spark", encoding="cp1251", min_score=0.0)
    assert result.persons == 2
    assert ("2", "1", "father") in _ties(tmp_path / "out.csv")
