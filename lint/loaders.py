"""Built-in article loaders (plain text and Markdown), registered as a plugin."""

from __future__ import annotations

import os

from lint.article import LOADERS, Article, load_text
from lint.hooks import hookimpl


@hookimpl(trylast=True)
def newslint_load_article(path: str, text: str, config) -> Article:
    suffix = os.path.splitext(path)[1].lower()
    return LOADERS.get(suffix, load_text)(path, text)
