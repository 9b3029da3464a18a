"""schema.org JSON-LD for the film, in the HTML head of the guide's front page only.

The data come from :func:`stalker_guide.export.to_jsonld`. Inside ``<script>`` the HTML
parser ends the element at the first ``</script``, whatever JSON quoting says, so every
``<``, ``>`` and ``&`` is written as a JSON ``\\u`` escape (as are U+2028 and U+2029,
which some JavaScript parsers take for line ends): the JSON means the same and no text
in the data can close the script.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ..export import to_jsonld
from .library import guide_for

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

__all__ = ["script_json", "film_jsonld", "add_jsonld"]

_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def script_json(value: Any) -> str:
    """``value`` as JSON that is safe inside an HTML ``<script>`` element.

    >>> script_json({"name": "</script><b>"})
    '{"name": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
    >>> json.loads(script_json({"name": "</script>"}))
    {'name': '</script>'}
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    for char, escape in _ESCAPES.items():
        text = text.replace(char, escape)
    return text


def film_jsonld(env: BuildEnvironment) -> str:
    """The film's JSON-LD, escaped for a script element."""
    return script_json(to_jsonld(guide_for(env)))


def add_jsonld(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: put the JSON-LD in the head of the root page, nowhere else."""
    if pagename != app.config.root_doc or not app.config.stalker_guide_jsonld:
        return
    if app.builder.name.startswith("epub"):
        return  # EPUB readers ignore it, and EPUBCheck wants scripted pages declared
    script = f'<script type="application/ld+json">{film_jsonld(app.env)}</script>\n'
    context["metatags"] = context.get("metatags", "") + script
