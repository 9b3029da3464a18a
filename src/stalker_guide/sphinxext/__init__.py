"""The ``film`` Sphinx domain: name anything in the film's data and get a link, and render
data instead of retyping it.

Enable it with one line in ``conf.py``::

    extensions = [..., "stalker_guide.sphinxext"]

and, to read another data folder than the library's own, ``stalker_guide_data = "path"``
(relative to the folder of ``conf.py``). The roles, directives and options are documented
in the guide's page on the extension (docs/library/extension.md).

The modules, one idea each: :mod:`.kinds` (what kinds of entity there are and their
names), :mod:`.library` (which Guide a build reads, and page dependencies on data files),
:mod:`.domain` (what reading collects; indices; cross-references), :mod:`.roles`,
:mod:`.entries` (one entity's entry), :mod:`.listings` (collections), :mod:`.resolve`
(what is computed once all pages are read), :mod:`.jsonld` (schema.org for the front page),
:mod:`.pages` (whole pages: the spoiler rule, "Cite this page").
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from docutils import nodes
    from docutils.parsers.rst.states import Inliner
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import ExtensionMetadata, RoleFunction

__all__ = ["setup"]

#: Bump when what the extension stores in the environment changes shape.
ENV_VERSION = 3


class _TermRole:
    """``{term}``: a film glossary term when the id is one, else Sphinx's own glossary role.

    Sphinx looks roles up in the standard domain before any role an extension adds, so
    an unprefixed ``{term}`` would never reach the film domain; this keeps both working.
    """

    def __init__(self, std: RoleFunction, film: RoleFunction) -> None:
        self.std = std
        self.film = film

    def __call__(
        self,
        name: str,
        rawtext: str,
        text: str,
        lineno: int,
        inliner: Inliner,
        options: dict[str, Any] | None = None,
        content: Any = (),
    ) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        from docutils.utils import unescape
        from sphinx.util.nodes import split_explicit_title

        from .library import Reading

        env = inliner.document.settings.env
        target = split_explicit_title(unescape(text))[2].strip()
        reading = Reading(env)
        reading.uses("term")  # which role applies depends on the glossary
        guide = reading.guide
        role = self.film if target in guide and guide.kind_of(target) == "term" else self.std
        return role(name, rawtext, text, lineno, inliner, options or {}, content)


def _builder_inited(app: Sphinx) -> None:
    from .library import data_folder, refresh, set_folder

    set_folder(app.env, data_folder(app.config.stalker_guide_data, app.confdir))
    refresh(app.env)


def _before_read(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    from .library import refresh

    refresh(env)  # a data file may have changed since the environment was pickled


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the ``film`` domain, its roles (also unprefixed) and directives."""
    from sphinx.domains.std import StandardDomain

    from . import nodes as film_nodes
    from . import pages, pictures, preview
    from .domain import FilmDomain
    from .entries import ENTRY_DIRECTIVES, ReferenceLast
    from .jsonld import add_jsonld
    from .kinds import KINDS
    from .listings import LISTINGS
    from .resolve import fill_placeholders, pages_to_rewrite
    from .roles import EntityRole, FactRole

    # Plain values only: anything unpicklable in config makes every build a full rebuild.
    app.add_config_value("stalker_guide_data", None, "env", types=frozenset({str, type(None)}))
    app.add_config_value("stalker_guide_jsonld", True, "html", types=frozenset({bool}))
    app.add_config_value("stalker_guide_every_entry", False, "env", types=frozenset({bool}))
    app.add_config_value("stalker_guide_mentions_skip", (), "html", types=frozenset({list, tuple}))

    film_nodes.register(app)
    app.add_domain(FilmDomain)
    pictures.register(app)
    preview.register(app)
    for kind in KINDS:
        role = EntityRole(kind)
        app.add_role_to_domain("film", kind, role)
        if kind == "term":
            std = StandardDomain.roles["term"]
            app.add_role_to_domain("std", "term", _TermRole(std, role), override=True)
        else:
            app.add_role(kind, role)
        app.add_directive_to_domain("film", kind, ENTRY_DIRECTIVES[kind])
    app.add_role_to_domain("film", "fact", FactRole())
    app.add_role("fact", FactRole())
    for name, listing in LISTINGS.items():
        app.add_directive_to_domain("film", name, listing)

    app.connect("builder-inited", _builder_inited)
    app.connect("env-before-read-docs", _before_read)
    app.connect("env-get-updated", pages_to_rewrite)
    app.connect("doctree-resolved", fill_placeholders)
    app.add_transform(ReferenceLast)
    app.connect("html-page-context", add_jsonld)
    from .sitesearch import setup as setup_search

    setup_search(app)  # the site search, entity first
    from .printing import setup as setup_editions

    setup_editions(app)
    pages.setup(app)  # the spoiler rule and "Cite this page"
    return {
        "version": "1",
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
