# Another project that links to the guide's entries through the guide's objects.inv.
# The extension is one line; intersphinx_mapping is set by the test (a local build).
extensions = ["myst_parser", "sphinx.ext.intersphinx", "stalker_guide.sphinxext"]
project = "Elsewhere"
exclude_patterns = ["_build"]
nitpicky = True
