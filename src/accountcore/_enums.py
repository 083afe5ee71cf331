"""The closed sets of the domain: tiers, kinds, statuses, channels, risk levels.

Each value is the string users type and JSON shows.
"""

import enum

__all__ = [
    "AgreementStatus",
    "CareStatus",
    "Channel",
    "ComplaintSeverity",
    "ComplaintStatus",
    "CustomerKind",
    "CustomerStatus",
    "InvestorRisk",
    "ProductRisk",
    "Severity",
    "TaskStatus",
    "Tier",
    "VisitChannel",
    "VisitPurpose",
    "VisitStatus",
]


class CustomerKind(enum.Enum):
    """Whether a customer is a person or a company."""

    INDIVIDUAL = "individual"
    CORPORATE = "corporate"


class Tier(enum.Enum):
    """The customer's segment: vip first, then a, b and c."""

    VIP = "vip"
    A = "a"
    B = "b"
    C = "c"


class CustomerStatus(enum.Enum):
    """Where a customer stands in his life with the firm."""

    PROSPECT = "prospect"
    ACTIVE = "active"
    DORMANT = "dormant"
    CHURNED = "churned"


class Channel(enum.Enum):
    """A way to reach a customer for care; a customer may refuse any of them."""

    SMS = "sms"
    PHONE = "phone"
    EMAIL = "email"
    LETTER = "letter"
    VISIT = "visit"


class InvestorRisk(enum.Enum):
    """A customer's risk tolerance, from the risk questionnaire (C1 lowest)."""

    C1 = "C1"
    C2 = "C2"
    C3 = "C3"
    C4 = "C4"
    C5 = "C5"

    @property
    def rank(self) -> int:
        """1 for C1 up to 5 for C5, to compare with a product's risk."""
        return int(self.value[1])


class ProductRisk(enum.Enum):
    """A product's risk level (R1 lowest)."""

    R1 = "R1"
    R2 = "R2"
    R3 = "R3"
    R4 = "R4"
    R5 = "R5"

    @property
    def rank(self) -> int:
        """1 for R1 up to 5 for R5, to compare with a customer's risk tolerance."""
        return int(self.value[1])


class Severity(enum.Enum):
    """How a finding weighs: a block stops signing, a warning is shown, info is kept."""

    BLOCK = "block"
    WARN = "warn"
    INFO = "info"


class AgreementStatus(enum.Enum):
    """The agreement lifecycle: draft -> signed -> active -> expired | terminated."""

    DRAFT = "draft"
    SIGNED = "signed"
    ACTIVE = "active"
    EXPIRED = "expired"
    TERMINATED = "terminated"


class VisitChannel(enum.Enum):
    """How a visit takes place."""

    ON_SITE = "on-site"
    PHONE = "phone"
    VIDEO = "video"
    LETTER = "letter"


class VisitPurpose(enum.Enum):
    """Why a visit is made; development visits bring in new business."""

    DEVELOPMENT = "development"
    RETURN = "return"
    COMPLAINT = "complaint"
    CARE = "care"
    SALES = "sales"


class VisitStatus(enum.Enum):
    """A visit is planned until it is logged as done, or cancelled.

    ``missed`` is never stored: it is how a planned visit whose day has passed
    without a log is shown and counted.
    """

    PLANNED = "planned"
    DONE = "done"
    CANCELLED = "cancelled"
    MISSED = "missed"


class CareStatus(enum.Enum):
    """A care action is due until it is done or skipped, or the batch closes it.

    The batch closes an action still due that its rule no longer finds
    (``lapsed``: the debt was paid, the customer churned...) or whose period
    has ended (``expired``: last year's birthday wish).
    """

    DUE = "due"
    DONE = "done"
    SKIPPED = "skipped"
    LAPSED = "lapsed"
    EXPIRED = "expired"


class ComplaintSeverity(enum.Enum):
    """A complaint's severity; it sets the deadline to reply."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class ComplaintStatus(enum.Enum):
    """A complaint is open, then resolved, then closed by the reply."""

    OPEN = "open"
    RESOLVED = "resolved"
    REPLIED = "replied"


class TaskStatus(enum.Enum):
    """A task is open until it is done or cancelled."""

    OPEN = "open"
    DONE = "done"
    CANCELLED = "cancelled"
