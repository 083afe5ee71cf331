"""Files in and out: readers and writers per format (CSV, JSON Lines, .xlsx) and import mappings.

Nothing here knows a customer from a visit: a reader yields rows of plain
values, each with where it came from (``file:line``, or ``file:sheet:row``),
a mapping turns a row's columns into fields, and a writer streams records
out. The import and export services give them their meaning.
"""
