"""The names a page gives its own site: its head's metas, its logo's ``alt``, a site-title element.

Read by the extractor (to trim the site's signature under the text; to tell a ``<title>`` that is only the site's
name from a headline) and by page types (``<h1>``s that only name the site; "عن الاتحاد" about the institution the
name names).

Invariant: these names describe the page and are never the stored ``site``: an outlet's pages disagree on them
(see :mod:`crawler.processing.sites`). Two reads of different cost, one meaning: :func:`head_names` (the head's
metas and the logo images, cheap enough for every page) and :func:`declared_names` (also metas anywhere, a logo
marked by its ancestor, a site-title element's text), read only when a rule needs it.
"""

from __future__ import annotations

from lxml.etree import XPath
from lxml.html import HtmlElement

_META = '[@property="og:site_name" or @name="og:site_name" or @name="application-name"]/@content'
_HEAD_METAS = XPath(f"/html/head/meta{_META}")
_METAS = XPath(f"//meta{_META}")
# a logo's alt: its image's source, class or id says logo, or an ancestor's class or id does
_LOGO_ALTS = XPath(
    "//img[contains(@class, 'logo') or contains(@id, 'logo') or contains(@src, 'logo')"
    " or ancestor::*[contains(@class, 'logo') or contains(@id, 'logo')]]/@alt"
)
_SITE_TITLE_ELEMENTS = XPath(
    "//body//*[contains(@class, 'site-title') or contains(@class, 'sitename') or contains(@class, 'site-name')]"
)
_ALTS = XPath("//img/@alt")
_BODY_TEXTS = XPath("//body//text()[normalize-space()]")
# what follows a site's name opening a line of its own: "<name> - <city>، <country> - هاتف …", "<name> © 2025"
_NAME_SEPARATORS = (" -", " –", " |", "،", " ©")


def _squash(text: str) -> str:
    return " ".join(text.split())


def meta_names(tree: HtmlElement) -> set[str]:
    """The names the page's metas give its site (``og:site_name``, ``application-name``), squashed."""
    return {_squash(str(name)) for name in _METAS(tree)} - {""}


def head_names(tree: HtmlElement) -> list[str]:
    """The names the page gives its site in its head's metas and its logo's ``alt`` (an image whose own source,
    class or id says logo), as written: the cheap read, for every page."""
    names = [str(name) for name in _HEAD_METAS(tree)]
    for img in tree.iter("img"):
        alt = img.get("alt")
        if alt and "logo" in f"{img.get('src', '')} {img.get('class', '')} {img.get('id', '')}".lower():
            names.append(alt)
    return names


def declared_names(tree: HtmlElement) -> set[str]:
    """Every name the page gives its site, squashed: the metas anywhere, a logo's ``alt`` (the image or an
    ancestor says logo), the text of a site-title element."""
    names = {_squash(str(name)) for name in [*_METAS(tree), *_LOGO_ALTS(tree)]}
    names |= {_squash(el.text_content()) for el in _SITE_TITLE_ELEMENTS(tree)}
    return {name for name in names if name}


def is_site_name(tree: HtmlElement, title: str) -> bool:
    """Whether ``title`` (the page's ``<title>``, two words or more) is the site's name: an image's ``alt`` says
    it, or a line of the page opens with it before a separator (a footer's "<name> - <city>، <country> - …")."""
    name = _squash(title)
    if len(name.split()) < 2:
        return False
    if any(_squash(str(alt)) == name for alt in _ALTS(tree)):
        return True
    openings = tuple(name + sep for sep in _NAME_SEPARATORS)
    return any(_squash(str(t)).startswith(openings) for t in _BODY_TEXTS(tree))
