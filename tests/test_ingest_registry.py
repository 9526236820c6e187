import pytest
from hypothesis import given, strategies as st

from tamyr.ingest import IngestError, Mapping, ingest_paths
from tamyr.ingest.registry import clean_date
from tamyr.model.entities import InvalidValue

from conftest import write

OFFICIALS = """person_id,name,birth_date,gender,position,organization,start_date,end_date
1,Иманалиев Бахытбек,1962,m,Председатель комитета,Министерство финансов,2015-03-01,2019-06-30
2,Иманалиев Жандос Бахытбекович,15.04.1990,m,Заведующий отделом,Администрация Президента,2025-10-15,
"""

MAPPING = {
    "dataset": "test-kz",
    "country": "kz",
    "person": {"id": "person_id", "name": "name", "birthDate": "birth_date", "gender": "gender"},
    "occupancy": {"post": "position", "organization": "organization", "startDate": "start_date",
                  "endDate": "end_date"},
}


def test_registry_rows_become_persons_posts_and_occupancies(store, tmp_path):
    path = write(tmp_path / "officials.csv", OFFICIALS)
    [report] = ingest_paths(store, [path], mapping=Mapping.from_dict(MAPPING))
    counts = store.counts()
    assert (counts["persons"], counts["positions"], counts["occupancies"]) == (2, 2, 2)
    birth = store.conn.execute("SELECT birthDate FROM persons WHERE name LIKE '%Жандос%'").fetchall()
    assert birth == [("1990-04-15",)]  # DD.MM.YYYY normalised
    occ = store.conn.execute("SELECT status, endDate FROM occupancies ORDER BY startDate").fetchall()
    assert occ == [("ended", "2019-06-30"), ("current", None)]
    located = store.conn.execute("SELECT locator FROM statements WHERE prop = 'birthDate'").fetchall()
    assert ("line 3 column 'birth_date'",) in located


def test_header_is_guessed_without_a_mapping(store, tmp_path):
    path = write(tmp_path / "people.csv", "id,name,birth_date\n7,Айгерим Бахытбековна Иманалиева,1995\n")
    ingest_paths(store, [path])
    assert store.conn.execute("SELECT name, birthDate FROM persons").fetchall() == [
        ("Айгерим Бахытбековна Иманалиева", "1995")]


def test_family_ties_map_kin_words_to_the_vocabulary(store, tmp_path):
    people = write(tmp_path / "family.csv", "person_id,name,relative_id,relationship\n2,Жандос Иманалиев,1,отец\n"
                                             "1,Бахытбек Иманалиев,9,сват\n")
    mapping = {"dataset": "test-kz", "person": {"id": "person_id", "name": "name"},
               "family": {"relative": "relative_id", "relationship": "relationship"}}
    ingest_paths(store, [people], mapping=Mapping.from_dict(mapping))
    ties = store.conn.execute("SELECT relationship, relationshipTerm FROM family ORDER BY 1").fetchall()
    assert ties == [("co-father-in-law", "сват"), ("father", "отец")]


def test_reingesting_a_registry_is_idempotent(store, tmp_path):
    path = write(tmp_path / "officials.csv", OFFICIALS)
    ingest_paths(store, [path], mapping=Mapping.from_dict(MAPPING))
    before = store.count_statements()
    [report] = ingest_paths(store, [path], mapping=Mapping.from_dict(MAPPING))
    assert report.skipped and store.count_statements() == before


def test_empty_name_is_reported_with_line_and_column(store, tmp_path):
    path = write(tmp_path / "officials.csv", OFFICIALS + "3,,1980,m,Аким,Акимат,2020,\n")
    with pytest.raises(IngestError) as error:
        ingest_paths(store, [path], mapping=Mapping.from_dict(MAPPING))
    assert f"{path} line 4 column 'name': person name is empty" in str(error.value)
    assert store.count_statements() == 0


def test_bad_date_is_reported_with_line_and_column(store, tmp_path):
    path = write(tmp_path / "officials.csv", OFFICIALS + "3,Ерлан Сейтов,31.02.1980,m,Аким,Акимат,2020,\n")
    with pytest.raises(IngestError) as error:
        ingest_paths(store, [path], mapping=Mapping.from_dict(MAPPING))
    assert f"{path} line 4 column 'birth_date'" in str(error.value)
    assert "is not a valid date" in str(error.value)
    assert store.count_statements() == 0


def test_missing_column_names_the_column_and_the_header(store, tmp_path):
    path = write(tmp_path / "officials.csv", "person_id,fio\n1,Иманалиев Бахытбек\n")
    with pytest.raises(IngestError) as error:
        ingest_paths(store, [path], mapping=Mapping.from_dict(MAPPING))
    assert "no column 'name' in the header" in str(error.value)


def test_cp1251_file_is_detected_and_named(store, tmp_path):
    path = write(tmp_path / "old.csv", "id,name\n1,Иманалиев Бахытбек\n", encoding="cp1251")
    with pytest.raises(IngestError) as error:
        ingest_paths(store, [path])
    assert "cp1251" in str(error.value) and "line 2" in str(error.value)
    ingest_paths(store, [path], encoding="cp1251")
    assert store.conn.execute("SELECT name FROM persons").fetchall() == [("Иманалиев Бахытбек",)]


def test_ragged_row_is_an_error_with_its_line(store, tmp_path):
    path = write(tmp_path / "r.csv", "id,name\n1,A B\n2,C D,extra\n")
    with pytest.raises(IngestError, match="line 3: expected 2 columns, found 3"):
        ingest_paths(store, [path])


def test_unknown_mapping_section_is_rejected():
    with pytest.raises(IngestError, match="unknown section 'persons'"):
        Mapping.from_dict({"persons": {"name": "name"}})


def test_xlsx_registry(store, tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["id", "name", "birth_date"])
    sheet.append([1, "Нұрлан Мәжитұлы Әбдіров", 1968])
    book.save(tmp_path / "reg.xlsx")
    ingest_paths(store, [tmp_path / "reg.xlsx"])
    assert store.conn.execute("SELECT name, birthDate FROM persons").fetchall() == [
        ("Нұрлан Мәжитұлы Әбдіров", "1968")]


def test_conviction_and_membership_rows(store, tmp_path):
    path = write(tmp_path / "c.csv", "id,name,charge,verdict,months,release,reason,program,admitted\n"
                                     "1,Бахытбек Иманалиев,растрата,2021,96,2022,здоровье,Президентский молодежный кадровый резерв,2021\n")
    mapping = {"dataset": "t", "person": {"id": "id", "name": "name"},
               "conviction": {"charge": "charge", "verdictDate": "verdict", "sentenceMonths": "months",
                              "releaseDate": "release", "releaseReason": "reason"},
               "membership": {"organization": "program", "startDate": "admitted"}}
    ingest_paths(store, [path], mapping=Mapping.from_dict(mapping))
    assert store.conn.execute("SELECT charge, sentenceMonths, releaseDate, releaseReason FROM sanctions").fetchall() == [
        ("растрата", "96", "2022", "здоровье")]
    assert store.conn.execute("SELECT startDate FROM memberships").fetchall() == [("2021",)]


@given(st.text(max_size=30))
def test_date_cleaner_accepts_or_explains_anything(text):
    try:
        cleaned = clean_date(text)
    except InvalidValue as exc:
        assert str(exc)
    else:
        assert cleaned[:4].isdigit()
