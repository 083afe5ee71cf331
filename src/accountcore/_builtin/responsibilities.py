"""The core catalogue of an account manager's duties (``accountcore responsibility list``)."""

from .._model import Responsibility
from ..hookspecs import hookimpl

__all__ = ["CORE_RESPONSIBILITIES", "register_responsibilities"]

CORE_RESPONSIBILITIES = (
    Responsibility(
        "information-collection",
        "Information collection",
        "Collect, verify and keep the customer file current.",
    ),
    Responsibility("development", "Development", "Develop new customers and new business."),
    Responsibility("signing", "Signing", "Sign service agreements with qualified customers."),
    Responsibility(
        "customer-analysis",
        "Customer analysis",
        "Segment customers into tiers and analyse their needs.",
    ),
    Responsibility("marketing", "Marketing", "Present products and activities to customers."),
    Responsibility(
        "business-processing", "Business processing", "Handle the customer's business requests."
    ),
    Responsibility("care", "Care", "Care for customers on schedule and by rule."),
    Responsibility("file-management", "File management", "Keep the customer files in order."),
    Responsibility(
        "complaint-handling",
        "Complaint handling",
        "Accept, track, settle and reply to complaints in time.",
    ),
    Responsibility("retention", "Retention", "Watch for customers about to leave and act."),
    Responsibility(
        "arrears-recovery", "Arrears recovery", "Watch payment dates and recover arrears."
    ),
    Responsibility(
        "coordination",
        "Coordination",
        "Coordinate with the firm's other departments for the customer.",
    ),
    Responsibility("visits", "Visits", "Plan, make and log visits."),
)


@hookimpl
def register_responsibilities():
    """The core catalogue of an account manager's duties."""
    return list(CORE_RESPONSIBILITIES)
