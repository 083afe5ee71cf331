"""Entry points read from dist-info folders, as importlib.metadata would find them."""

import importlib.metadata

from accountcore._plugins.entrypoints import find_entry_points


def dist(folder, name, version, entry_points, metadata=True):
    info = folder / f"{name.replace('-', '_')}-{version}.dist-info"
    info.mkdir(parents=True)
    if metadata:
        info.joinpath("METADATA").write_text(
            f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n\nLong text: x\n"
        )
    info.joinpath("entry_points.txt").write_text(entry_points)


def test_same_answer_as_importlib_metadata_for_the_installed_plugins():
    ours = {(e.name, e.value, e.distribution, e.version) for e in find_entry_points("accountcore")}
    theirs = {
        (e.name, e.value, e.dist.name, e.dist.version)
        for e in importlib.metadata.entry_points(group="accountcore")
    }
    assert ours == theirs
    assert {name for name, *_ in ours} >= {"telecom", "wealth", "securities"}


def test_sections_comments_and_the_first_distribution_of_a_name(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    dist(
        first,
        "acc-insurance",
        "1.0",
        "# ours\n[console_scripts]\nx = y:z\n\n"
        "[accountcore]\ninsurance = acc_insurance.hooks:plugin\n",
    )
    dist(second, "acc-insurance", "0.9", "[accountcore]\ninsurance = old\n")
    dist(second, "acc-other", "2.0", "[accountcore]\nother=acc_other\n", metadata=False)
    found = find_entry_points("accountcore", [str(first), str(second), str(tmp_path / "none")])
    assert [(e.name, e.value, e.distribution, e.version) for e in found] == [
        ("insurance", "acc_insurance.hooks:plugin", "acc-insurance", "1.0"),
        ("other", "acc_other", "acc_other", ""),
    ]


def test_load_follows_module_and_attribute(tmp_path, monkeypatch):
    (tmp_path / "acc_ep_module.py").write_text("class Holder:\n    plugin = 'the plugin'\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    dist(tmp_path, "acc-ep", "1", "[accountcore]\nep = acc_ep_module:Holder.plugin\n")
    [ep] = find_entry_points("accountcore", [str(tmp_path)])
    assert ep.load() == "the plugin"
