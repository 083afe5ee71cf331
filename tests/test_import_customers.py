"""`customer import`: formats, mappings, keys, duplicates, bad input, scope and the audit trail."""

from __future__ import annotations

import hashlib
import json

import openpyxl
import pytest

from accountcore._services.imports.engine import CHUNK
from tests.conftest import out_json

HEADER = "external_id,name,kind,tier,manager"
GOOD = [
    "E1,Zhang Wei,individual,vip,m1",
    "E2,Wang Fang,individual,a,m2",
]


@pytest.fixture
def book(team, customers):
    """A team (s1 over m1 and m2) and a way to read every customer by external id."""

    def by_external(*args):
        return {c["external_id"]: c for c in customers(*args)}

    team.by_external = by_external
    return team


def write(tmp_path, name, *lines, encoding="utf-8"):
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding=encoding)
    return path


def events(ac_cli):
    return out_json(ac_cli("audit", "log", "--format", "json", check=True))


def test_core_and_plugin_columns_import_without_a_mapping(book, tmp_path):
    path = write(
        tmp_path,
        "c.csv",
        HEADER + ",created_on,birthday,telecom.contract,wealth.risk_level,consent",
        "E1,Zhang Wei,individual,vip,m1,2019-03-01,1980-05-01,two-year,C3,sms;phone",
    )
    result = book("customer", "import", str(path), "--format", "json", check=True)
    summary = out_json(result)
    assert (summary["read"], summary["created"], summary["rejected"]) == (1, 1, 0)
    chen = book.by_external()["E1"]
    assert chen["created_on"] == "2019-03-01" and chen["birthday"] == "1980-05-01"
    assert chen["profiles"] == {
        "telecom": {"contract": "two-year", "arrears_amount": "0"},
        "wealth": {"risk_level": "C3"},
    } or (
        chen["profiles"]["telecom"]["contract"] == "two-year"
        and chen["profiles"]["wealth"]["risk_level"] == "C3"
    )
    assert chen["consent"] == ["phone", "sms"]


def test_one_bad_row_writes_nothing_and_every_bad_row_is_named(book, tmp_path):
    path = write(
        tmp_path,
        "bad.csv",
        HEADER + ",birthday",
        "E1,Zhang Wei,individual,vip,m1,1980-05-01",
        "E2,Bad Tier,individual,zz,m1,",
        "E3,Bad Kind,robot,a,m1,",
        "E4,Bad Date,individual,a,m1,1980-13-45",
        "E5,No Manager,individual,a,m9,",
    )
    result = book("customer", "import", str(path))
    assert result.exit_code == 2
    assert f"{path}:3: tier: expected one of vip, a, b, c, got 'zz'" in result.stderr
    assert f"{path}:4: kind:" in result.stderr
    assert f"{path}:5: birthday:" in result.stderr
    assert f"{path}:6: manager: unknown manager 'm9'" in result.stderr
    assert "4 bad rows of 5; nothing was written" in result.stderr
    assert "Traceback" not in result.output
    assert book.by_external() == {}


def test_more_than_fifty_bad_rows_are_counted(book, tmp_path):
    rows = [f"E{n},Bad {n},individual,zz,m1" for n in range(60)]
    result = book("customer", "import", str(write(tmp_path, "many.csv", HEADER, *rows)))
    assert result.exit_code == 2
    assert result.stderr.count(": tier: ") == 50
    assert "... and 10 more" in result.stderr


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (
            [HEADER, "E1,Zhang Wei,individual,vip,m1,extra"],
            ":2: row: row has 6 fields, the header has 5",
        ),
        ([HEADER, "E1,Zhang Wei,individual"], ":2: row: row has 3 fields, the header has 5"),
        ([HEADER, *GOOD, "E1,Again,individual,b,m1"], ":4: external_id: 'E1' is also on"),
        ([HEADER + ",phone", "E1,Zhang Wei,individual,vip,m1,call me"], ":2: phone:"),
        (
            [HEADER + ",telecom.monthly_fee", "E1,Z,individual,a,m1,-5"],
            ":2: telecom.monthly_fee: must not be negative",
        ),
        (
            [HEADER + ",telecom.monthly_fee", "E1,Z,individual,a,m1,lots"],
            ":2: telecom.monthly_fee:",
        ),
        ([HEADER + ",created_on", "E1,Z,individual,a,m1,2030-01-01"], ":2: created_on:"),
    ],
    ids=["too-many", "too-few", "dup-external-id", "phone", "negative", "not-a-number", "future"],
)
def test_bad_rows(book, tmp_path, lines, message):
    path = write(tmp_path, "c.csv", *lines)
    result = book("customer", "import", str(path))
    assert result.exit_code == 2, result.output
    assert f"{path}{message}" in result.stderr
    assert book.by_external() == {}


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("external_id,name,kind,tier,manager,colour", "column 'colour': unknown field 'colour'"),
        ("external_id,name,kind,tier,manager,crm.score", "unknown plugin 'crm' in crm.score"),
        ("external_id,name,kind,tier,manager,telecom.colour", "the telecom profile has no field"),
        ("external_id,name,name,tier,manager", "column 'name' appears twice"),
    ],
)
def test_bad_headers(book, tmp_path, header, message):
    path = write(tmp_path, "c.csv", header, "E1,Zhang Wei,individual,vip,m1,x")
    result = book("customer", "import", str(path))
    assert result.exit_code == 2
    assert message in result.stderr and str(path) in result.stderr


def test_files_that_cannot_be_read(book, tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    binary = tmp_path / "photo.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    fake = tmp_path / "fake.xlsx"
    fake.write_text("name,kind\n")
    latin = tmp_path / "legacy.csv"
    latin.write_bytes("external_id,name\nE1,张伟\n".encode("gb18030"))
    odd = tmp_path / "c.pdf"
    odd.write_text("x")
    for path, message in [
        (empty, "the file is empty"),
        (binary, "not a text file"),
        (fake, "not an .xlsx spreadsheet"),
        (latin, ":2: not utf-8 text"),
        (odd, "cannot tell the format"),
        (tmp_path / "missing.csv", "no such file"),
    ]:
        result = book("customer", "import", str(path))
        assert result.exit_code == 2, (path, result.output)
        assert message in result.stderr, (path, result.stderr)
        assert "Traceback" not in result.output


def test_legacy_encoding_bom_and_delimiters(book, tmp_path):
    legacy = tmp_path / "legacy.csv"
    legacy.write_bytes(f"{HEADER}\nG1,张伟,individual,a,m1\n".encode("gb18030"))
    book("customer", "import", str(legacy), "--encoding", "gb18030", check=True)
    bom = tmp_path / "bom.csv"
    bom.write_bytes(f"\ufeff{HEADER.replace(',', ';')}\nB1;Bom Person;individual;c;m2\n".encode())
    book("customer", "import", str(bom), check=True)
    tabs = write(tmp_path, "t.tsv", HEADER.replace(",", "\t"), "T1\tTab Person\tindividual\tb\tm1")
    book("customer", "import", str(tabs), check=True)
    pipes = write(tmp_path, "p.csv", HEADER.replace(",", "|"), "P1|Pipe, Person|individual|b|m1")
    book("customer", "import", str(pipes), "--delimiter", "|", check=True)
    found = book.by_external()
    assert found["G1"]["name"] == "张伟" and found["B1"]["manager"] == "m2"
    assert found["T1"]["tier"] == "b" and found["P1"]["name"] == "Pipe, Person"
    assert book("customer", "import", str(bom), "--encoding", "klingon").exit_code == 2


def test_json_lines_with_nested_profiles(book, tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text(
        json.dumps(
            {
                "external_id": "J1",
                "name": "Json",
                "kind": "individual",
                "tier": "b",
                "manager": "m1",
                "profiles": {"telecom": {"contract": "one-year"}},
            }
        )
        + "\n\n"
        + '{"external_id": "J2", "name": "Bad"\n'
    )
    result = book("customer", "import", str(path))
    assert result.exit_code == 2 and f"{path}:3: row: not a JSON object" in result.stderr
    path.write_text(path.read_text().splitlines()[0] + "\n")
    book("customer", "import", str(path), check=True)
    assert book.by_external()["J1"]["profiles"]["telecom"]["contract"] == "one-year"


def _workbook(path, rows, title="Customers", extra_sheet=False):
    wb = openpyxl.Workbook()
    if extra_sheet:
        wb.active.title = "Notes"
        wb.active.append(["nothing here"])
        ws = wb.create_sheet(title)
    else:
        ws = wb.active
        ws.title = title
    for row in rows:
        ws.append(row)
    wb.save(path)


def test_xlsx_first_sheet_or_named_sheet_with_sheet_and_row_in_errors(book, tmp_path):
    import datetime as dt

    path = tmp_path / "c.xlsx"
    rows = [
        [*HEADER.split(","), "birthday", "phone"],
        ["X1", "Sheet Person", "individual", "a", "m1", dt.datetime(1980, 5, 1), 13800000001],
        ["X2", "Bad Tier", "individual", "zz", "m1", None, None],
    ]
    _workbook(path, rows, extra_sheet=True)
    first = book("customer", "import", str(path))
    assert first.exit_code == 2 and "column 'nothing here'" in first.stderr
    result = book("customer", "import", str(path), "--sheet", "Customers")
    assert result.exit_code == 2 and f"{path}:Customers:3: tier:" in result.stderr
    _workbook(path, rows[:2])
    book("customer", "import", str(path), check=True)
    found = book.by_external("--reveal") if False else book.by_external()
    assert found["X1"]["birthday"] == "1980-05-01" and found["X1"]["phone"] == "138****0001"
    assert book("customer", "import", str(path), "--sheet", "Nope").exit_code == 2


def test_a_mapping_renames_columns_translates_values_and_fills_defaults(book, tmp_path):
    mapping = tmp_path / "mapping.toml"
    mapping.write_text(
        """
[columns]
"Customer No." = "external_id"
"Full name" = "name"
"Contract" = "telecom.contract"
"Verified" = "telecom.real_name_verified"
"Since" = "created_on"
"Fee" = "telecom.monthly_fee"
"Notes" = ""

[values."telecom.contract"]
"Month-to-month" = "month-to-month"
[values."telecom.real_name_verified"]
"是" = "true"
"否" = "false"

[formats]
date = "%d/%m/%Y"
decimal = ","
thousands = "."

[defaults]
manager = "m2"
tier = "b"
kind = "individual"
""",
        encoding="utf-8",
    )
    path = write(
        tmp_path,
        "old.csv",
        "Customer No.;Full name;Contract;Verified;Since;Fee;Notes",
        "K1;Zhao Min;Month-to-month;是;15/03/2021;1.234,50;call after 6",
    )
    book("customer", "import", str(path), "--mapping", str(mapping), check=True)
    zhao = book.by_external()["K1"]
    assert (zhao["manager"], zhao["tier"], zhao["created_on"]) == ("m2", "b", "2021-03-15")
    assert zhao["profiles"]["telecom"]["contract"] == "month-to-month"
    assert zhao["profiles"]["telecom"]["real_name_verified"] is True
    assert zhao["profiles"]["telecom"]["monthly_fee"] == "1234.50"

    bad_date = write(
        tmp_path,
        "d.csv",
        "Customer No.;Full name;Contract;Verified;Since;Fee;Notes",
        "K2;Qian;Month-to-month;是;2021-31-31;1,5;",
    )
    result = book("customer", "import", str(bad_date), "--mapping", str(mapping))
    assert result.exit_code == 2 and f"{bad_date}:2: Since: '2021-31-31' is not a date" in (
        result.stderr
    )
    mapping.write_text('[columns]\n"Client" = "external_id"\n')
    result = book("customer", "import", str(path), "--mapping", str(mapping))
    assert result.exit_code == 2 and "column 'Client' is not in" in result.stderr
    mapping.write_text('[columns]\n"Customer No." = "customer_number"\n')
    result = book("customer", "import", str(path), "--mapping", str(mapping))
    assert result.exit_code == 2 and "unknown field 'customer_number'" in result.stderr
    mapping.write_text("[columns\n")
    result = book("customer", "import", str(path), "--mapping", str(mapping))
    assert result.exit_code == 2 and "not valid TOML" in result.stderr


def test_dry_run_checks_everything_and_writes_nothing(book, ac_cli, tmp_path):
    before = len(events(ac_cli))
    path = write(tmp_path, "c.csv", HEADER, *GOOD)
    summary = out_json(
        book("customer", "import", str(path), "--dry-run", "--format", "json", check=True)
    )
    assert summary["created"] == 2 and summary["dry_run"] is True and summary["run"] is None
    assert book.by_external() == {} and len(events(ac_cli)) == before
    bad = write(tmp_path, "bad.csv", HEADER, "E9,Bad,individual,zz,m1")
    result = book("customer", "import", str(bad), "--dry-run")
    assert result.exit_code == 2 and ":2: tier:" in result.stderr


def test_skip_invalid_writes_good_rows_and_rejects_bad_ones_in_the_input_format(book, tmp_path):
    path = write(tmp_path, "c.csv", HEADER, GOOD[0], "E6,Bad Tier,individual,zz,m1", GOOD[1])
    rejects = tmp_path / "rejects.csv"
    result = book(
        "customer",
        "import",
        str(path),
        "--skip-invalid",
        "--rejects",
        str(rejects),
        "--format",
        "json",
        check=True,
    )
    assert out_json(result)["rejected"] == 1 and out_json(result)["created"] == 2
    assert sorted(book.by_external()) == ["E1", "E2"]
    lines = rejects.read_text().splitlines()
    assert lines[0] == HEADER + ",error"
    assert lines[1].startswith("E6,Bad Tier,individual,zz,m1,") and f"{path}:3: tier" in lines[1]
    assert len(lines) == 2
    jsonl = tmp_path / "c.jsonl"
    jsonl.write_text(
        '{"external_id": "J9", "name": "Bad", "kind": "x", "tier": "a", "manager": "m1"}\n'
    )
    rejected = tmp_path / "rejects.jsonl"
    book("customer", "import", str(jsonl), "--skip-invalid", "--rejects", str(rejected), check=True)
    assert json.loads(rejected.read_text())["external_id"] == "J9"
    assert "kind" in json.loads(rejected.read_text())["error"]
    assert book("customer", "import", str(path), "--rejects", str(rejects)).exit_code == 2


def test_key_external_id_updates_on_a_rerun_and_never_duplicates(book, ac_cli, tmp_path):
    path = write(
        tmp_path, "c.csv", HEADER + ",telecom.contract", GOOD[0] + ",one-year", GOOD[1] + ","
    )
    book("customer", "import", str(path), "--key", "external_id", check=True)
    ids = {k: c["id"] for k, c in book.by_external().items()}
    again = out_json(
        book(
            "customer", "import", str(path), "--key", "external_id", "--format", "json", check=True
        )
    )
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 2)
    changed = write(
        tmp_path,
        "c2.csv",
        HEADER + ",telecom.contract",
        "E1,Zhang Wei,individual,a,m1,two-year",
        "E3,New One,individual,c,m1,",
    )
    summary = out_json(
        book(
            "customer",
            "import",
            str(changed),
            "--key",
            "external_id",
            "--format",
            "json",
            check=True,
        )
    )
    assert (summary["created"], summary["updated"]) == (1, 1)
    found = book.by_external()
    assert sorted(found) == ["E1", "E2", "E3"] and found["E1"]["id"] == ids["E1"]
    assert found["E1"]["tier"] == "a"
    assert found["E1"]["profiles"]["telecom"]["contract"] == "two-year"
    update = [e for e in events(ac_cli) if e["action"] == "customer.update"]
    assert update[-1]["before"]["tier"] == "vip" and update[-1]["after"]["tier"] == "a"
    # Without the key, a re-run is refused: the external ids are taken.
    result = book("customer", "import", str(path))
    assert result.exit_code == 2 and "'E1' is already c-1's (re-run with --key external_id" in (
        result.stderr
    )
    twice = write(tmp_path, "twice.csv", HEADER, GOOD[0], GOOD[0])
    result = book("customer", "import", str(twice), "--key", "external_id")
    assert result.exit_code == 2 and "'E1' is also on" in result.stderr
    no_column = write(tmp_path, "n.csv", "name,kind,tier,manager", "N,individual,a,m1")
    result = book("customer", "import", str(no_column), "--key", "external_id")
    assert result.exit_code == 2 and "no external_id column" in result.stderr


def test_key_id_updates_the_customer_with_that_id(book, tmp_path):
    book("customer", "import", str(write(tmp_path, "c.csv", HEADER, *GOOD)), check=True)
    path = write(tmp_path, "ids.csv", "id,tier", "c-2,vip")
    book("customer", "import", str(path), "--key", "id", check=True)
    assert book.by_external()["E2"]["tier"] == "vip"


@pytest.mark.parametrize(
    ("mode", "written", "code"), [("report", 4, 0), ("skip", 2, 0), ("fail", 1, 2)]
)
def test_possible_duplicates_by_phone_or_id_number(book, tmp_path, mode, written, code):
    first = write(tmp_path, "a.csv", HEADER + ",phone", GOOD[0] + ",13800000001")
    book("customer", "import", str(first), check=True)
    path = write(
        tmp_path,
        "b.csv",
        HEADER + ",phone,id_number",
        "E7,Zhang W.,individual,vip,m1,13800000001,",
        "E8,Someone,individual,b,m1,,110101198002290011",
        "E9,Someone Else,individual,b,m1,,110101198002290011",
    )
    result = book("customer", "import", str(path), "--on-duplicate", mode, "--format", "json")
    assert result.exit_code == code, result.output
    assert len(book.by_external()) == written
    if mode == "fail":
        assert f"{path}:2: phone: possible duplicate: 138****0001 is also c-1's" in result.stderr
        assert f"{path}:4: id_number: possible duplicate:" in result.stderr
        return
    assert out_json(result)["possible_duplicates"] == 2
    assert f"{path}:2: possible duplicate: phone 138****0001 is also c-1's" in result.stderr
    assert f"{path}:4: possible duplicate: id_number 1101**********0011 is also on {path}:3" in (
        result.stderr
    )


def test_one_audit_event_per_run_and_one_per_record_and_the_chain_holds(book, ac_cli, tmp_path):
    path = write(tmp_path, "c.csv", HEADER, *GOOD)
    summary = out_json(book("customer", "import", str(path), "--format", "json", check=True))
    log = events(ac_cli)
    run = [e for e in log if e["action"] == "customer.import"]
    assert len(run) == 1 and run[0]["entity_id"] == summary["run"]
    assert run[0]["after"]["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert run[0]["after"]["file"] == str(path) and run[0]["after"]["created"] == 2
    added = [e for e in log if e["action"] == "customer.add"]
    assert [e["reason"] for e in added] == [f"imported from {path}:2", f"imported from {path}:3"]
    assert "intact" in ac_cli("audit", "verify", check=True).stdout


def test_a_manager_imports_only_for_his_own_or_his_team(book, tmp_path):
    path = write(tmp_path, "c.csv", HEADER, *GOOD)
    result = book("--as", "m1", "customer", "import", str(path))
    assert result.exit_code == 2
    assert f"{path}:3: manager: m1 does not act for m2" in result.stderr
    assert book.by_external() == {}
    book("--as", "s1", "customer", "import", str(path), check=True)
    assert sorted(book.by_external()) == ["E1", "E2"]


def test_all_or_nothing_across_chunks(book, tmp_path):
    rows = [f"E{n},Customer {n},individual,b,m1" for n in range(CHUNK + 5)]
    rows.append("E-bad,Bad,individual,zz,m1")
    result = book("customer", "import", str(write(tmp_path, "big.csv", HEADER, *rows)))
    assert result.exit_code == 2 and book.by_external() == {}
