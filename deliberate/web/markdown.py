"""Markdown of the dossier, rendered by markdown-it-py with raw HTML disabled: organisers and stakeholders
write formatting, never markup (links with `javascript:` and the like are refused by markdown-it itself)."""
from markdown_it import MarkdownIt
from markupsafe import Markup

_renderer = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")


def render(text: str) -> Markup:
    return Markup(_renderer.render(text or ""))
