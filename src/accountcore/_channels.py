"""How a customer is reached for care: the channel a rule prefers, or the next one he allows.

Every care action of every rule goes through :func:`care_channel` before it is
stored, so a customer who refused SMS never gets one, whichever plugin made
the action (docs/domain/core.md, ``core.birthday``: "or the next allowed
channel when the customer refused it").
"""

from __future__ import annotations

from ._model import Channel, Customer

__all__ = ["FALLBACK_ORDER", "care_channel"]

# The remote channels in the order a refused one falls back through: from the
# preferred channel onwards, then around. A visit is never a fallback: sending
# a manager to the door is a rule's own choice, not a substitute for an SMS.
FALLBACK_ORDER = (Channel.PHONE, Channel.SMS, Channel.EMAIL, Channel.LETTER)


def care_channel(customer: Customer, preferred: Channel | None) -> Channel | None:
    """``preferred`` if the customer allows it, else the next channel he allows; None if none.

    The next channel is the one after ``preferred`` in :data:`FALLBACK_ORDER`
    (phone, sms, email, letter, then around): a refused SMS becomes an e-mail,
    a refused call an SMS, a refused visit a call. With no preference, the
    first channel of that order he allows.
    """
    if preferred is not None and preferred not in customer.consent:
        return preferred
    start = FALLBACK_ORDER.index(preferred) + 1 if preferred in FALLBACK_ORDER else 0
    for channel in FALLBACK_ORDER[start:] + FALLBACK_ORDER[:start]:
        if channel not in customer.consent:
            return channel
    return None
