"""fieldapp: the domain core (models, services, rules, search, printing, CLI) with no Qt and no HTTP."""

__version__ = "0.1.0"
