"""Finding the ``accountcore`` entry points of installed distributions, quickly.

``importlib.metadata`` costs about 25 ms to import (it pulls in the e-mail
parser, zipfile, csv...), which is most of a command's start-up budget; the
entry points we need are a few lines of ``entry_points.txt`` in each
``*.dist-info`` folder on ``sys.path``. This module reads exactly those, in
``sys.path`` order, the first distribution of a name winning as with
``importlib.metadata``.
"""

from __future__ import annotations

import importlib
import os
import re
import sys
from collections.abc import Iterable
from typing import Any, NamedTuple

__all__ = ["EntryPoint", "find_entry_points"]


class EntryPoint(NamedTuple):
    """One entry point: its name, ``module[:attribute]`` value and distribution."""

    name: str
    value: str
    distribution: str
    version: str

    def load(self) -> Any:
        """Import the module and return the object the entry point names."""
        module_name, _, attribute = self.value.partition(":")
        target: Any = importlib.import_module(module_name.strip())
        for part in filter(None, attribute.strip().split(".")):
            target = getattr(target, part)
        return target


def _metadata(folder: str) -> tuple[str, str]:
    """Name and Version from the head of a METADATA (or PKG-INFO) file."""
    name = version = ""
    for filename in ("METADATA", "PKG-INFO"):
        try:
            with open(os.path.join(folder, filename), encoding="utf-8") as handle:
                for line in handle:
                    if not line.strip():
                        break
                    key, _, value = line.partition(":")
                    if key == "Name":
                        name = value.strip()
                    elif key == "Version":
                        version = value.strip()
            break
        except OSError:
            continue
    return name, version


def _section(text: str, group: str) -> list[tuple[str, str]]:
    """The ``name = value`` lines of one ``[group]`` of an entry_points.txt."""
    found, inside = [], False
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            inside = line == f"[{group}]"
            continue
        if inside and "=" in line:
            name, _, value = line.partition("=")
            found.append((name.strip(), value.strip()))
    return found


def find_entry_points(group: str, paths: Iterable[str] | None = None) -> list[EntryPoint]:
    """The entry points of ``group`` of every distribution on ``paths`` (default ``sys.path``)."""
    seen: set[str] = set()
    found = []
    for entry in sys.path if paths is None else paths:
        try:
            names = sorted(os.listdir(entry or "."))
        except OSError:
            continue
        for folder_name in names:
            if not folder_name.endswith((".dist-info", ".egg-info")):
                continue
            # The folder is named for the distribution (``name-version.dist-info``): its
            # METADATA is read only for the few that have entry points of the group.
            stem = folder_name.rsplit(".", 1)[0].split("-", 1)[0]
            key = re.sub(r"[-_.]+", "-", stem).lower()
            if key in seen:
                continue
            seen.add(key)
            folder = os.path.join(entry or ".", folder_name)
            try:
                with open(os.path.join(folder, "entry_points.txt"), encoding="utf-8") as handle:
                    text = handle.read()
            except OSError:
                continue
            section = _section(text, group)
            if not section:
                continue
            name, version = _metadata(folder)
            for ep_name, value in section:
                found.append(EntryPoint(ep_name, value, name or stem, version))
    return found
