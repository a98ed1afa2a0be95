"""Lets `python -m fieldapp` run the command line."""

import multiprocessing

if __name__ == "__main__":
    multiprocessing.freeze_support()  # the bundled app started again as the import's second process (spawn)
    from fieldapp.cli import main

    raise SystemExit(main())
