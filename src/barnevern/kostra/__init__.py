"""KOSTRA: SSB statbank tables imported with every cell's status, and the service's figures beside
its KOSTRA group, county and Norway (issue 19). Sits above ``stats`` and ``staff``."""
