"""Whether this accountcore may open a book: not one a later version has migrated."""

from __future__ import annotations

from collections.abc import Iterable

from ..._errors import BookError

__all__ = ["refuse_newer"]


def refuse_newer(location: str, version: int, applied: Iterable[int], known: list[int]) -> None:
    """Refuse (BookError) a book whose version or migrations this code does not know.

    Called before anything is written, so a refused book is left as it was.
    """
    newest = max(known, default=0)
    unknown = sorted(set(applied) - set(known))
    if version <= newest and not unknown:
        return
    what = f"migrations {', '.join(map(str, unknown))}" if unknown else f"schema version {version}"
    raise BookError(
        f"the book at {location} is newer than this accountcore ({what}; it knows"
        f" up to {newest}): upgrade accountcore; nothing was written"
    )
