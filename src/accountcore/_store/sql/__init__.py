"""The store in SQL, shared by the SQLite and PostgreSQL adapters.

Statements carry the driver's own placeholder (``SqlBase.mark``), never a
``?`` rewritten; each table's columns are declared once (:mod:`.table`), and
each concern's tables have their own module; :class:`SqlStore` puts them
together.
"""

from __future__ import annotations

from .agreements import AgreementTable
from .audit import AuditTable
from .base import APPLICATION, SqlBase, migrations
from .care import CareActionTable
from .complaints import ComplaintTable
from .customers import CustomerTable
from .delegations import DelegationTable
from .managers import ManagerTable
from .raw import RawTables
from .report import ReportQueries
from .retention_models import RetentionModelTable
from .retention_scores import RetentionScoreTable
from .settings import BookKeeping
from .tasks import TaskTable
from .visits import VisitTable

__all__ = ["APPLICATION", "SqlBase", "SqlStore", "migrations"]


class SqlStore(
    ReportQueries,
    ManagerTable,
    CustomerTable,
    AgreementTable,
    VisitTable,
    DelegationTable,
    CareActionTable,
    ComplaintTable,
    TaskTable,
    RetentionModelTable,
    RetentionScoreTable,
    AuditTable,
    RawTables,
    BookKeeping,
    SqlBase,
):
    """A book held in a SQL database through a DB-API connection."""
