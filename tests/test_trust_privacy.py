"""Personal data stays masked everywhere: plugin-declared fields, audit images, errors;
--reveal is audited; a supervisor's audit log holds his team's records only."""

from __future__ import annotations

import json

import pytest
from conftest import book_state, out_json

from accountcore import PERSONAL, personal

SECRETS = ("13812345678", "13987654321", "chen.hua@example.com", "110101198001234567")
ADDRESS = "Beijing Chaoyang Road 8"


@pytest.fixture
def book(team, ac_cli):
    team("manager", "add", "s2", "--name", "Qian Yu", check=True)
    team("manager", "add", "m3", "--name", "Sun Li", "--supervisor", "s2", check=True)
    team(
        "customer",
        "add",
        "--name",
        "Chen Hua",
        "--kind",
        "individual",
        "--tier",
        "a",
        "--manager",
        "m1",
        "--phone",
        SECRETS[0],
        "--email",
        SECRETS[2],
        "--id-number",
        SECRETS[3],
        "--address",
        ADDRESS,
        "--set",
        f"telecom.msisdn={SECRETS[1]}",
        check=True,
    )
    team("customer", "update", "c-1", "--tier", "vip", check=True)
    return ac_cli


def _full(text: str) -> list[str]:
    return [s for s in (*SECRETS, ADDRESS) if s in text]


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
@pytest.mark.parametrize(
    "command",
    [
        ("customer", "list"),
        ("customer", "show", "c-1"),
        ("audit", "log"),
        ("--as", "s1", "audit", "log"),
    ],
)
def test_personal_data_is_masked_in_every_format(book, command, fmt):
    result = book(*command, "--format", fmt, check=True)
    assert _full(result.stdout) == []


def test_the_plugin_declared_phone_is_masked_like_the_core_one(book):
    shown = out_json(book("customer", "show", "c-1", "--format", "json"))
    assert shown["profiles"]["telecom"]["msisdn"] == "139****4321"
    assert shown["phone"] == "138****5678"


def test_reveal_shows_everything_and_is_audited(book):
    revealed = out_json(book("customer", "show", "c-1", "--reveal", "--format", "json"))
    assert revealed["profiles"]["telecom"]["msisdn"] == SECRETS[1]
    assert revealed["phone"] == SECRETS[0]
    events = out_json(book("audit", "log", "--format", "json"))
    assert events[-1]["action"] == "customer.reveal" and events[-1]["entity_id"] == "c-1"


def test_an_error_does_not_echo_a_phone(book, ac_book):
    before = book_state(ac_book)
    bad = book("customer", "update", "c-1", "--set", "telecom.msisdn=1398765432199")
    assert bad.exit_code == 2 and "1398765432199" not in bad.stderr and "msisdn" in bad.stderr
    bad = book("customer", "update", "c-1", "--phone", "13812345678x")
    assert bad.exit_code == 2 and "13812345678" not in bad.stderr
    assert book_state(ac_book) == before


def test_a_supervisor_reads_his_teams_events_only(book):
    book(
        "customer",
        "add",
        "--name",
        "Other",
        "--kind",
        "individual",
        "--tier",
        "a",
        "--manager",
        "m3",
        check=True,
    )
    mine = {
        e["entity_id"] for e in out_json(book("--as", "s1", "audit", "log", "--format", "json"))
    }
    theirs = {
        e["entity_id"] for e in out_json(book("--as", "s2", "audit", "log", "--format", "json"))
    }
    assert "c-1" in mine and "c-2" not in mine
    assert "c-2" in theirs and "c-1" not in theirs
    assert {e["entity_id"] for e in out_json(book("audit", "log", "--format", "json"))} >= {
        "c-1",
        "c-2",
    }
    refused = book("--as", "m1", "audit", "log")
    assert refused.exit_code == 1 and "core.audit-access" in refused.stderr


PLUGIN = """
from attrs import frozen
from accountcore import hookimpl, personal

@frozen
class ClinicProfile:
    patient_number: str | None = personal("id_number", default=None)
    allergy: str | None = personal(default=None)
    ward: str | None = None

@hookimpl
def register_profile():
    return ("clinic", ClinicProfile)
"""


def test_a_third_party_plugin_declares_its_personal_fields(team, tmp_path):
    module = tmp_path / "clinic.py"
    module.write_text(PLUGIN)
    clinic = ["--plugin", str(module)]
    team(
        *clinic,
        "customer",
        "add",
        "--name",
        "Ill",
        "--kind",
        "individual",
        "--tier",
        "a",
        "--manager",
        "m1",
        "--set",
        "clinic.patient_number=PN2026000123",
        "--set",
        "clinic.allergy=penicillin",
        "--set",
        "clinic.ward=east",
        check=True,
    )
    for fmt in ("json", "csv", "table"):
        listed = team(*clinic, "customer", "list", "--format", fmt, check=True).stdout
        logged = team(*clinic, "audit", "log", "--format", fmt, check=True).stdout
        for text in (listed, logged):
            assert "PN2026000123" not in text and "penicillin" not in text
    shown = out_json(team(*clinic, "customer", "show", "c-1", "--format", "json"))
    assert shown["profiles"]["clinic"] == {
        "patient_number": "PN20****0123",
        "allergy": "********",
        "ward": "east",
    }


def test_personal_is_field_metadata():
    import attrs

    @attrs.frozen
    class Profile:
        phone: str | None = personal("phone", default=None)

    assert attrs.fields(Profile).phone.metadata == {PERSONAL: "phone"}
    with pytest.raises(ValueError, match="kind"):
        personal("shoe size")
    assert json.dumps(PERSONAL) == '"accountcore.personal"'
