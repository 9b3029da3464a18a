"""``python -m stalker_guide``: the command line (see :mod:`stalker_guide.cli`)."""

from stalker_guide.cli import run

if __name__ == "__main__":
    run()
