"""Pure discovery functions: canonical URLs, feed and sitemap entries, page links."""

from __future__ import annotations

import gzip
import io
import re
from dataclasses import dataclass
from urllib.parse import unquote_plus, urljoin, urlsplit, urlunsplit

import feedparser
from lxml import etree, html
from w3lib.url import canonicalize_url as w3lib_canonicalize_url

_TRACKING = re.compile(
    r"^(utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|_ga|yclid|igshid|ref|ref_src|spm|cmpid|at_medium|at_campaign)$",
    re.I,
)
_PAGINATION = re.compile(r"/page/\d+/?$|[?&](page|paged|p|pg|start)=\d+|/index\.\d+\.html$", re.I)
MAX_XML_BYTES = 50 * 1024 * 1024
MAX_TOLERANT_BYTES = 2 * 1024 * 1024  # a feed that is not well-formed XML is read up to this size
_ENTITY = re.compile(rb"<!ENTITY", re.I)
# "&" that starts no entity or character reference: a bare ampersand (a query string in a <loc>)
_BARE_AMPERSAND = re.compile(rb"&(?!#[0-9]{1,8};|#[xX][0-9a-fA-F]{1,8};|[A-Za-z][A-Za-z0-9]{0,31};)")


class NotXml(ValueError):
    """A feed or sitemap that is not (safe) XML."""


def canonicalize_url(url: str, base: str | None = None) -> str:
    """The one spelling of a URL: w3lib's canonical form without tracking parameters or default port.

    w3lib's rules: scheme and host lower-case (IDNA), percent-encoding in upper case, non-ASCII
    percent-encoded as UTF-8, unreserved characters decoded, query arguments sorted, fragment
    dropped. Then ``utm_*``, ``fbclid`` and the other tracking parameters go, and so does a
    default port (``:80`` for http, ``:443`` for https).
    ``https://X.com:443/مثال?utm_source=rss&b=2&a=1#c`` -> ``https://x.com/%D9%85%D8%AB%D8%A7%D9%84?a=1&b=2``.

    Invariant: every spelling of a page (raw Arabic, ``%d9…``, ``%D9…``, another argument order)
    gives the same string; the result is its own canonical form and is unchanged by
    ``scrapy.Request`` (so it is what the crawl records in ``fetches.url``). A string that is not
    a URL Scrapy could request (a bad port, a broken IPv6 host) is returned as is, never raised on:
    ``Site.allows_host`` refuses it.
    """
    url = url.strip()
    try:
        if base:
            url = urljoin(base, url)
        parts = urlsplit(w3lib_canonicalize_url(url))
        port = parts.port
    except (ValueError, UnicodeError):
        return url
    query = "&".join(pair for pair in parts.query.split("&") if pair and not _is_tracking(pair))
    netloc = parts.netloc
    if (parts.scheme, port) in (("http", 80), ("https", 443)):
        netloc = netloc.rsplit(":", 1)[0]
    return urlunsplit((parts.scheme, netloc, parts.path or "/", query, ""))


def _is_tracking(pair: str) -> bool:
    return bool(_TRACKING.match(unquote_plus(pair.partition("=")[0])))


def is_pagination(url: str) -> bool:
    return bool(_PAGINATION.search(url))


def _guarded(body: bytes) -> bytes:
    """The bytes of a feed or sitemap once they passed the guards, ready for a parser.

    Invariant: no parser ever sees a document that declares entities (anywhere in it: a
    DOCTYPE may follow any amount of comments), that gunzips to more than ``MAX_XML_BYTES``,
    or that is an HTML page. Leading whitespace and a UTF-8 BOM are dropped (an XML
    declaration must come first, and real servers put newlines before it).
    """
    if body[:2] == b"\x1f\x8b":
        try:
            body = gzip.GzipFile(fileobj=io.BytesIO(body)).read(MAX_XML_BYTES + 1)
        except (OSError, EOFError) as exc:
            raise NotXml(f"bad gzip: {exc}") from None
    if len(body) > MAX_XML_BYTES:
        raise NotXml("XML over 50 MB")
    body = body.removeprefix(b"\xef\xbb\xbf").lstrip()
    if _ENTITY.search(body):
        raise NotXml("XML with entity declarations refused (possible XML bomb)")
    if body[:2048].lower().startswith((b"<!doctype html", b"<html")):
        raise NotXml("an HTML page, not XML")
    if not body:
        raise NotXml("empty document")
    return body


def _local(tag: object) -> str:
    return etree.QName(tag).localname.lower() if isinstance(tag, str) else ""


def _strict_error(body: bytes) -> str | None:
    """Why ``body`` is not well-formed XML (None when it is): lxml, no entities, no network."""
    try:
        etree.fromstring(body, parser=etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False))
    except etree.XMLSyntaxError as exc:
        return str(exc)
    return None


def feed_entries(body: bytes, base: str) -> list[str]:
    """Article URLs of an RSS 2.0, RSS 1.0 or Atom feed, in feed order, read as feed readers do.

    feedparser reads the feed: a broken one (an HTML entity such as ``&nbsp;``, a bare ``&``,
    a cut-off end) still gives the entries it holds. NotXml when the bytes fail the guards
    (:func:`_guarded`), when they are nothing feed-like (an HTML page, a sitemap, JSON), or
    when a document that is not well-formed is over ``MAX_TOLERANT_BYTES`` (the tolerant
    parser is pure Python: its time on a hostile document is bounded by that size).
    """
    doc = _guarded(body)
    strict_error = _strict_error(doc)
    if strict_error and len(doc) > MAX_TOLERANT_BYTES:
        limit = f"{MAX_TOLERANT_BYTES // 2**20} MB"
        raise NotXml(f"not well-formed XML, and over {limit} for the tolerant parser: {strict_error}")
    parsed = feedparser.parse(
        io.BytesIO(doc),  # never a str: feedparser would take it for a URL or a file name
        response_headers={"content-location": base, "content-type": "application/xml"},
        sanitize_html=False,
        resolve_relative_uris=False,
    )
    if not parsed.get("version") and not parsed.entries:
        raise NotXml(f"not a feed ({strict_error or 'no RSS or Atom element'})")
    links = (entry.get("link") for entry in parsed.entries)
    return [urljoin(base, link.strip()) for link in links if isinstance(link, str) and link.strip()]


@dataclass(frozen=True)
class Sitemap:
    is_index: bool
    urls: list[str]


def _sitemap_root(doc: bytes) -> etree._Element:
    """The root element: strict parsing, else lxml's recovering parser (bare ``&`` escaped first,
    so a query string survives); never entity resolution or network access."""
    options = {"resolve_entities": False, "no_network": True, "huge_tree": False}
    try:
        root = etree.fromstring(doc, parser=etree.XMLParser(**options))
    except etree.XMLSyntaxError as exc:
        try:
            root = etree.fromstring(_BARE_AMPERSAND.sub(b"&amp;", doc), parser=etree.XMLParser(recover=True, **options))
        except etree.XMLSyntaxError:
            root = None
        if root is None:
            raise NotXml(f"not well-formed XML: {exc}") from None
    return root


def sitemap_entries(body: bytes, base: str) -> Sitemap:
    """Entries of a sitemap index (child sitemaps) or urlset (pages, news sitemaps included)."""
    root = _sitemap_root(_guarded(body))
    kind = _local(root.tag)
    if kind not in ("sitemapindex", "urlset"):
        raise NotXml(f"not a sitemap (root element <{kind}>)")
    urls = [
        urljoin(base, loc.text.strip())
        for loc in root.iter()
        if _local(loc.tag) == "loc" and loc.text and loc.text.strip() and _local(_parent_tag(loc)) in ("sitemap", "url")
    ]
    return Sitemap(kind == "sitemapindex", urls)


def _parent_tag(el: etree._Element) -> object:
    parent = el.getparent()
    return None if parent is None else parent.tag


@dataclass(frozen=True)
class PageLinks:
    links: list[str]
    next_pages: list[str]  # rel="next" links: pagination


def _html_parser(body: bytes) -> html.HTMLParser | None:
    """UTF-8 for a body that is valid UTF-8 (its charset may be only in the HTTP header, and
    lxml alone would read it as Latin-1: raw Arabic links would become mojibake); else None,
    for lxml to follow the page's ``<meta charset>`` (e.g. windows-1256)."""
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return html.HTMLParser(encoding="utf-8")  # one per call: lxml parsers are not shared between threads


def page_links(body: bytes, base: str) -> PageLinks:
    """Absolute http(s) links of an HTML page, in document order, without duplicates."""
    try:
        doc = html.fromstring(body, base_url=base, parser=_html_parser(body))
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
