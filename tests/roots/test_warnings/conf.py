# Every mistake the film domain reports, one per line, for the warning tests.
extensions = ["myst_parser", "stalker_guide.sphinxext"]
project = "Warnings"
exclude_patterns = ["_build"]
stalker_guide_jsonld = False
