# A tiny guide: every entity of tests/fixtures/minimal rendered exactly once.
extensions = ["myst_parser", "stalker_guide.sphinxext"]
project = "Test guide"
version = release = "1"
root_doc = "index"
exclude_patterns = ["_build"]
nitpicky = True
copyright = "2026, the test authors"
