"""Bringing a firm's book in: customers, then their visits, agreements and complaints.

:mod:`.engine` runs an import (chunks, transactions, bad rows, the run's
audit event); one module per kind of record says what its rows hold and
checks them with that record's service rules.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..._app import App
from .engine import ImportFailed, ImportInterrupted, ImportOptions, Summary, run_import

__all__ = [
    "IMPORTERS",
    "ImportFailed",
    "ImportInterrupted",
    "ImportOptions",
    "Summary",
    "import_records",
]

# entity -> "module:class" of its importer, loaded when that import runs.
IMPORTERS = {
    "customer": "accountcore._services.imports.customers:CustomerImporter",
    "visit": "accountcore._services.imports.visits:VisitImporter",
    "agreement": "accountcore._services.imports.agreements:AgreementImporter",
    "complaint": "accountcore._services.imports.complaints:ComplaintImporter",
}


def import_records(
    app: App, entity: str, path: Path, options: ImportOptions, *, progress: Any = None
) -> Summary:
    """Import the ``entity`` records (customer, visit, agreement, complaint) of ``path``.

    See :func:`.engine.run_import` for what is written when, and what is raised.
    """
    import importlib

    module, _, name = IMPORTERS[entity].partition(":")
    importer = getattr(importlib.import_module(module), name)(app)
    return run_import(app, importer, path, options, progress=progress)
