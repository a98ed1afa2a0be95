"""Lets `python -m fieldapp` run the command line."""

from fieldapp.cli import main

raise SystemExit(main())
