"""From event mentions to the state of every relationship: deduplicated events
(``events``), dyad time series (``series``), the diplomatic ledger (``ledger``),
the signed relation network (``network``), exports (``export``) and the HTML
report (``report``).

Every module reads the store through the named functions of ``detente.store``
(which holds all the SQL) and works on a read-only database that has no
``events`` table yet."""
