"""Pure discovery functions: canonical URLs, feed and sitemap entries, page links."""

from __future__ import annotations

import gzip
import io
import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from lxml import etree, html

_TRACKING = re.compile(
    r"^(utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|_ga|yclid|igshid|ref|ref_src|spm|cmpid|at_medium|at_campaign)$",
    re.I,
)
_PAGINATION = re.compile(r"/page/\d+/?$|[?&](page|paged|p|pg|start)=\d+|/index\.\d+\.html$", re.I)
MAX_XML_BYTES = 50 * 1024 * 1024


class NotXml(ValueError):
    """A feed or sitemap that is not (safe) XML."""


def canonicalize_url(url: str, base: str | None = None) -> str:
    """Absolute URL without fragment and tracking parameters; lower-case scheme and host.

    ``https://X.com/a?utm_source=rss&id=3#c`` -> ``https://x.com/a?id=3``.
    """
    if base:
        url = urljoin(base, url.strip())
    parts = urlsplit(url.strip())
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)]
    netloc = parts.netloc.lower()
    if parts.port in (80, 443) and (parts.scheme, parts.port) in (("http", 80), ("https", 443)):
        netloc = netloc.rsplit(":", 1)[0]
    return urlunsplit((parts.scheme.lower(), netloc, parts.path or "/", urlencode(query), ""))


def is_pagination(url: str) -> bool:
    return bool(_PAGINATION.search(url))


def _xml_root(body: bytes) -> etree._Element:
    if body[:2] == b"\x1f\x8b":
        try:
            body = gzip.GzipFile(fileobj=io.BytesIO(body)).read(MAX_XML_BYTES + 1)
        except (OSError, EOFError) as exc:
            raise NotXml(f"bad gzip: {exc}") from None
        if len(body) > MAX_XML_BYTES:
            raise NotXml("decompressed XML over 50 MB")
    head = body[:2048].lstrip().lower()
    if b"<!entity" in body[:65536].lower():
        raise NotXml("XML with entity declarations refused (possible XML bomb)")
    if head.startswith((b"<!doctype html", b"<html")):
        raise NotXml("an HTML page, not XML")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=False)
    try:
        root = etree.fromstring(body, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise NotXml(f"not well-formed XML: {exc}") from None
    if root is None:
        raise NotXml("empty document")
    return root


def _local(tag: object) -> str:
    return etree.QName(tag).localname.lower() if isinstance(tag, str) else ""


def feed_entries(body: bytes, base: str) -> list[str]:
    """Article URLs of an RSS 2.0, RSS 1.0 or Atom feed, in feed order."""
    root = _xml_root(body)
    if _local(root.tag) not in ("rss", "feed", "rdf"):
        raise NotXml(f"not a feed (root element <{_local(root.tag)}>)")
    urls: list[str] = []
    for el in root.iter():
        name = _local(el.tag)
        if name == "item" or name == "entry":
            link = None
            for child in el:
                cname = _local(child.tag)
                if cname == "link":
                    href = child.get("href")
                    if href and child.get("rel", "alternate") == "alternate":
                        link = href
                        break
                    if child.text and child.text.strip():
                        link = child.text.strip()
                        break
                elif cname == "guid" and child.get("isPermaLink", "true") == "true" and child.text and not link:
                    link = child.text.strip()
            if link:
                urls.append(urljoin(base, link))
    return urls


@dataclass(frozen=True)
class Sitemap:
    is_index: bool
    urls: list[str]


def sitemap_entries(body: bytes, base: str) -> Sitemap:
    """Entries of a sitemap index (child sitemaps) or urlset (pages, news sitemaps included)."""
    root = _xml_root(body)
    kind = _local(root.tag)
    if kind not in ("sitemapindex", "urlset"):
        raise NotXml(f"not a sitemap (root element <{kind}>)")
    urls = [
        urljoin(base, loc.text.strip())
        for loc in root.iter()
        if _local(loc.tag) == "loc" and loc.text and _local(loc.getparent().tag) in ("sitemap", "url")
    ]
    return Sitemap(kind == "sitemapindex", urls)


@dataclass(frozen=True)
class PageLinks:
    links: list[str]
    next_pages: list[str]  # rel="next" links: pagination


def page_links(body: bytes, base: str) -> PageLinks:
    """Absolute http(s) links of an HTML page, in document order, without duplicates."""
    try:
        doc = html.fromstring(body, base_url=base)
    except (etree.ParserError, ValueError):
        return PageLinks([], [])
    seen: set[str] = set()
    links: list[str] = []
    nexts: list[str] = []
    for el in doc.iter("a", "link"):
        href = el.get("href")
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
            continue
        absolute = urljoin(base, href.strip())
        if urlsplit(absolute).scheme not in ("http", "https"):
            continue
        rel = (el.get("rel") or "").lower().split()
        if "next" in rel:
            nexts.append(absolute)
        if el.tag == "a" and absolute not in seen:
            seen.add(absolute)
            links.append(absolute)
    return PageLinks(links, nexts)
