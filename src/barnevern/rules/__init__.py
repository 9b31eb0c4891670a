"""Legal and economic rules as plain Python.

Nothing in this package imports Django. Every function takes dates and values (and
"today" where it matters) and returns plain results, so it can be tested in
milliseconds with tables of cases taken from the law and from SSB.
"""
