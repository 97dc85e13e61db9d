"""From event mentions to the state of every relationship: dyad time series
(``series``), the diplomatic ledger (``ledger``), the signed relation network
(``network``), exports (``export``, written by ``output``) and the HTML report
(``report``). Grouping mentions into deduplicated events is ``detente.store.events``.

Every module reads the store through the named functions of ``detente.store``
(which holds all the SQL) and works on a read-only database that has no
``events`` table yet."""
