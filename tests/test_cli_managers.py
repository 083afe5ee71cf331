"""manager add | list | show."""

from conftest import out_json


def test_add_list_show_round_trip(ac_cli):
    result = ac_cli("manager", "add", "m1", "--name", "Li Na", "--capacity", "44", "--target", "15")
    assert result.exit_code == 0
    assert "m1" in result.stdout
    ac_cli("manager", "add", "m2", "--name", "Ma Jun", "--supervisor", "m1", check=True)
    listed = out_json(ac_cli("manager", "list", "--format", "json"))
    assert listed == [
        {
            "id": "m1",
            "name": "Li Na",
            "supervisor": None,
            "capacity": 44,
            "target": 15,
            "active": True,
        },
        {
            "id": "m2",
            "name": "Ma Jun",
            "supervisor": "m1",
            "capacity": 44,
            "target": 15,
            "active": True,
        },
    ]
    shown = out_json(ac_cli("manager", "show", "m2", "--format", "json"))
    assert shown["supervisor"] == "m1"
    table = ac_cli("manager", "list").stdout
    assert table.splitlines()[0].split() == [
        "id",
        "name",
        "supervisor",
        "capacity",
        "target",
        "active",
    ]
    csv_lines = ac_cli("manager", "list", "--format", "csv").stdout.splitlines()
    assert csv_lines[0] == "id,name,supervisor,capacity,target,active"
    assert csv_lines[2] == "m2,Ma Jun,m1,44,15,true"


def test_bad_managers_are_refused_and_nothing_written(ac_cli):
    ac_cli("manager", "add", "m1", "--name", "Li Na", check=True)
    cases = [
        (["manager", "add", "m1", "--name", "Again"], "already exists"),
        (["manager", "add", "m2", "--name", "X", "--supervisor", "nobody"], "unknown manager"),
        (["manager", "add", "bad id", "--name", "X"], "manager id"),
        (["manager", "add", "m3", "--name", "X", "--target", "50"], "above --capacity"),
        (["manager", "add", "m4", "--name", "X", "--capacity", "0"], "above 0"),
    ]
    for args, message in cases:
        result = ac_cli(*args)
        assert result.exit_code == 2, args
        assert message in result.stderr, (args, result.stderr)
    assert [m["id"] for m in out_json(ac_cli("manager", "list", "--format", "json"))] == ["m1"]


def test_show_unknown_manager(ac_cli):
    result = ac_cli("manager", "show", "m9")
    assert result.exit_code == 2
    assert "unknown manager 'm9'" in result.stderr
