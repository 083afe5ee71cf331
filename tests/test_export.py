"""`customer export`, `visit export`, `agreement export`: masked, revealed, re-importable."""

from __future__ import annotations

import datetime as dt
import json

import attrs
import openpyxl
import pytest
from accountcore_telecom.profile import Contract
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accountcore import Contact, Customer, CustomerKind, CustomerStatus, Manager, Tier
from accountcore._app import App
from accountcore._model import Channel
from accountcore._services.exports import export_records
from accountcore._services.imports import ImportOptions, import_records
from accountcore.testing import DEFAULT_TODAY
from tests.conftest import out_json

CSV = (
    "external_id,name,kind,tier,manager,phone,email,address,id_number,birthday,created_on,"
    "telecom.contract,wealth.risk_level"
)
ROWS = (
    "E1,Zhang Wei,individual,vip,m1,13800000001,zhang@example.com,Beijing Chaoyang 1,"
    "110101198002290011,1980-02-29,2019-03-01,two-year,",
    'E2,"Huaxin, Co.",corporate,b,m2,02100000003,,Shanghai,,,2018-01-01,,C3',
)


@pytest.fixture
def firm(team, tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("\n".join([CSV, *ROWS]) + "\n", encoding="utf-8")
    team("customer", "import", str(path), check=True)
    visits = tmp_path / "v.csv"
    visits.write_text("customer,on,purpose,channel\nE1,2026-01-10,return,phone\n")
    team("visit", "import", str(visits), check=True)
    return team


def test_export_masks_personal_data_unless_revealed_and_a_reveal_is_audited(firm, tmp_path):
    masked = firm("customer", "export", check=True).stdout
    assert "138****0001" in masked and "13800000001" not in masked
    assert "1101**********0011" in masked and "zhang@example.com" not in masked
    out = tmp_path / "full.csv"
    firm("customer", "export", "--reveal", "--output", str(out), check=True)
    text = out.read_text()
    assert "13800000001" in text and '"Huaxin, Co."' in text
    log = out_json(firm("audit", "log", "--format", "json", check=True))
    reveal = [e for e in log if e["action"] == "customer.export"]
    assert len(reveal) == 1 and reveal[0]["after"] == {
        "file": str(out),
        "format": "csv",
        "records": 2,
    }


def test_a_manager_exports_only_his_customers(firm):
    exported = firm("--as", "m1", "customer", "export", check=True).stdout
    assert "Zhang Wei" in exported and "Huaxin" not in exported


def test_jsonl_and_xlsx_exports_import_back_into_a_fresh_book(firm, tmp_path, ac_today):
    for fmt in ("jsonl", "xlsx"):
        out = tmp_path / f"out.{fmt}"
        firm("customer", "export", "--reveal", "--output", str(out), check=True)
        fresh = tmp_path / f"fresh-{fmt}.db"
        app = App(str(fresh), today=ac_today)
        app.create_book()
        with app.store.transaction():
            app.store.add_manager(Manager("m1", "Li Na"))
            app.store.add_manager(Manager("m2", "Ma Jun"))
        summary = import_records(app, "customer", out, ImportOptions())
        assert summary.created == 2
        imported = {c.external_id: c for batch in app.store.iter_customers() for c in batch}
        assert imported["E2"].name == "Huaxin, Co." and imported["E1"].phone == "13800000001"
        assert imported["E2"].profiles["wealth"].risk_level.value == "C3"
        app.close()
    book = openpyxl.load_workbook(tmp_path / "out.xlsx", read_only=True)
    header = next(book.worksheets[0].iter_rows(values_only=True))
    assert header[:3] == ("id", "external_id", "name")


def test_history_exports_name_customers_by_external_id(firm, tmp_path):
    visits = firm("visit", "export", check=True).stdout.splitlines()
    assert visits[0].startswith("id,customer,manager,on,")
    assert visits[1].startswith("v-1,E1,m1,2026-01-10,")
    agreements = tmp_path / "a.csv"
    agreements.write_text("customer,product,start\nE1,telecom.plan.basic,2025-01-01\n")
    firm("agreement", "import", str(agreements), check=True)
    out = tmp_path / "agreements.jsonl"
    firm("agreement", "export", "--output", str(out), check=True)
    record = json.loads(out.read_text())
    assert record["customer"] == "E1" and record["product"] == "telecom.plan.basic"
    assert "findings" not in record
    assert firm("visit", "export", "--format", "xlsx").exit_code == 2


# --- property: an exported book imports back identical, profiles included -----------------

_TEXT = (
    st.text(alphabet=st.sampled_from(list("abcXYZ 张伟华,;\"'.-&é0")), min_size=1, max_size=12)
    .map(str.strip)
    .filter(bool)
)
_MONEY = st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False)
_DATES = st.dates(min_value=dt.date(1940, 1, 1), max_value=DEFAULT_TODAY)


@st.composite
def customers(draw, profiles):
    count = draw(st.integers(min_value=1, max_value=5))
    made = []
    for n in range(count):
        kind = draw(st.sampled_from(list(CustomerKind)))
        telecom = draw(
            st.none()
            | st.builds(
                profiles["telecom"],
                contract=st.none() | st.sampled_from(list(Contract)),
                monthly_fee=st.none() | _MONEY,
                real_name_verified=st.none() | st.booleans(),
                network_join=st.none() | _DATES,
            )
        )
        wealth = draw(st.none() | st.builds(profiles["wealth"], aum=_MONEY))
        chosen = {"telecom": telecom, "wealth": wealth}
        made.append(
            Customer(
                id=f"c-{n + 1}",
                name=draw(_TEXT),
                kind=kind,
                tier=draw(st.sampled_from(list(Tier))),
                manager=draw(st.sampled_from(["m1", "m2"])),
                status=draw(st.sampled_from(list(CustomerStatus))),
                external_id=f"X{n}",
                birthday=None if kind is CustomerKind.CORPORATE else draw(st.none() | _DATES),
                phone=draw(st.none() | st.from_regex(r"1[0-9]{10}", fullmatch=True)),
                email=draw(st.none() | st.just(f"p{n}@example.com")),
                address=draw(st.none() | _TEXT),
                id_number=draw(st.none() | st.from_regex(r"[0-9]{17}[0-9X]", fullmatch=True)),
                consent=frozenset(draw(st.sets(st.sampled_from(list(Channel))))),
                contacts=tuple(
                    draw(
                        st.lists(
                            st.builds(
                                Contact, name=_TEXT, role=st.none() | _TEXT, key=st.booleans()
                            ),
                            max_size=2,
                        )
                    )
                ),
                profiles={k: v for k, v in chosen.items() if v is not None},
                created_on=draw(_DATES),
            )
        )
    return made


def _book(path, today):
    app = App(str(path), today=today)
    app.create_book()
    with app.store.transaction():
        app.store.add_manager(Manager("m1", "Li Na"))
        app.store.add_manager(Manager("m2", "Ma Jun"))
    return app


@pytest.fixture(scope="module")
def profile_classes():
    app = App(":memory:", today=DEFAULT_TODAY)
    return app.hooks.profiles


def _without_id(customer):
    return attrs.evolve(customer, id="c-0")


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data(), fmt=st.sampled_from(["csv", "jsonl", "xlsx"]))
def test_an_exported_book_imports_back_identical(tmp_path_factory, profile_classes, data, fmt):
    folder = tmp_path_factory.mktemp("roundtrip")
    book = data.draw(customers(profile_classes))
    source = _book(folder / "a.db", DEFAULT_TODAY)
    with source.store.transaction():
        source.store.add_customers(book)
    out = folder / f"out.{fmt}"
    export_records(source, "customer", out, fmt, reveal=True)
    target = _book(folder / "b.db", DEFAULT_TODAY)
    summary = import_records(target, "customer", out, ImportOptions(on_duplicate="report"))
    assert summary.rejected == 0, summary.problems
    back = [c for batch in target.store.iter_customers() for c in batch]
    stored = [c for batch in source.store.iter_customers() for c in batch]
    assert [_without_id(c) for c in back] == [_without_id(c) for c in stored]
    source.close()
    target.close()


def test_history_exports_import_back_into_a_fresh_book(firm, tmp_path, ac_today):
    agreements = tmp_path / "a.csv"
    agreements.write_text(
        "customer,product,start,amount,terms\n"
        'E2,wealth.mixed,2025-01-01,50000,"{""recording_id"": ""REC-1""}"\n'
    )
    firm("agreement", "import", str(agreements), check=True)
    complaints = tmp_path / "cp.csv"
    complaints.write_text(
        "customer,opened_on,channel,severity,summary\nE1,2026-11-20,phone,low,Slow\n"
    )
    firm("complaint", "import", str(complaints), check=True)
    customers = tmp_path / "customers.csv"
    firm("customer", "export", "--reveal", "--output", str(customers), check=True)
    files = {}
    for entity in ("visit", "agreement", "complaint"):
        files[entity] = tmp_path / f"{entity}s.csv"
        firm(entity, "export", "--output", str(files[entity]), check=True)
    fresh = tmp_path / "fresh.db"
    app = App(str(fresh), today=ac_today)
    app.create_book()
    with app.store.transaction():
        for manager in ("s1", "m1", "m2"):
            app.store.add_manager(Manager(manager, manager))
    import_records(app, "customer", customers, ImportOptions())
    for entity, path in files.items():
        summary = import_records(app, entity, path, ImportOptions())
        assert summary.created == 1 and summary.rejected == 0, (entity, summary.problems)
    visit = next(app.store.iter_visits())
    assert (visit.on, visit.status.value) == (dt.date(2026, 1, 10), "done")
    agreement = next(app.store.iter_agreements())
    assert agreement.terms == {"recording_id": "REC-1"} and str(agreement.amount) == "50000"
    complaint = next(app.store.iter_complaints())
    assert complaint.summary == "Slow" and complaint.deadline == dt.date(2026, 11, 27)
    app.close()
