"""Page bytes -> :class:`Article`, with trafilatura (``deduplicate=False``) and our cleaning.

Nothing here keeps state between pages: the same bytes always give the same article.
"""

from __future__ import annotations

import contextlib
import logging
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import trafilatura
from htmldate import find_date
from lxml import etree
from lxml.html import HtmlComment, HtmlElement, HtmlEntity, HtmlProcessingInstruction
from trafilatura import utils as trafilatura_utils
from trafilatura.metadata import examine_meta, extract_author, extract_meta_json, extract_sitename, extract_title
from trafilatura.settings import Document
from trafilatura.utils import load_html

from crawler.discovery import canonicalize_url
from crawler.items import RawPage
from crawler.processing.boilerplate import drop_photo_credits, strip_boilerplate, trim_edges
from crawler.processing.canonical import article_url, canonical_hrefs
from crawler.processing.dates import find_published, parse_iso, writes_month_first
from crawler.processing.decode import ascii_view, decode_html
from crawler.processing.normalize import normalize
from crawler.processing.outcomes import Outcome, Rejected
from crawler.processing.ownarticle import cut_pulled_in_articles, find_headline
from crawler.processing.pagetype import data_page_reason, not_article_reason
from crawler.processing.paragraphs import mark_paragraphs
from crawler.processing.sitenames import head_names, is_site_name
from crawler.processing.sites import site_of, unescape
from crawler.processing.splitbody import join_split_body
from crawler.processing.stoplists import merged_stoplist
from crawler.processing.storyscope import drop_outside_story
from crawler.processing.titles import clean_title, shown_headline

log = logging.getLogger(__name__)


def _plain_element_classes() -> None:
    """Make trafilatura's HTML parser (the one :func:`load_html` uses) give every element lxml's
    ``HtmlElement`` class. lxml.html's default chooses a class per tag in Python (forms, inputs and
    labels get their own), a call paid on each access to an element: about 4 % of an extraction.
    Neither akhbar nor trafilatura uses what the per-tag classes add; the output is the same."""
    lookup = etree.ElementDefaultClassLookup(
        element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction, entity=HtmlEntity
    )
    try:
        trafilatura_utils.HTML_PARSER.set_element_class_lookup(lookup)
    except AttributeError:  # trafilatura's internals moved: its parser keeps lxml.html's lookup
        log.debug("trafilatura's HTML parser not found; element classes left as they are")


_plain_element_classes()

MAX_PAGE_BYTES = 10 * 1024 * 1024
MIN_TEXT_CHARS = 100
_HTML_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "application/octet-stream", "")
_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b", b"RIFF", b"OggS", b"ID3")
_HTML_SNIFF = re.compile(rb"<\s*(!doctype\s+html|html|head|body|meta|title|div|p|article)\b", re.I)
_ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF]")
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")


@dataclass(frozen=True)
class Article:
    """An extracted article. ``text`` is the body as published, paragraphs joined by newlines."""

    url: str
    title: str | None
    author: str | None
    published_at: str | None
    language: str | None
    site: str | None
    text: str
    description: str | None = None


def check_page(raw: RawPage) -> None:
    """Reject pages that cannot hold an article before parsing them."""
    if raw.status >= 400:
        raise Rejected(Outcome.HTTP_ERROR, f"HTTP {raw.status}")
    if len(raw.body) > MAX_PAGE_BYTES:
        raise Rejected(Outcome.TOO_LARGE, f"{len(raw.body)} bytes > {MAX_PAGE_BYTES}")
    if not raw.body.strip():
        raise Rejected(Outcome.EMPTY, "empty body")
    ctype = (raw.header("content-type") or "").split(";")[0].strip().lower()
    if ctype not in _HTML_TYPES or raw.body.lstrip()[:8].startswith(_BINARY_MAGIC):
        raise Rejected(Outcome.NOT_HTML, ctype or "binary content")
    if not _HTML_SNIFF.search(ascii_view(raw.body[:65536])):
        # A page served as HTML without markup is broken; a plain-text or untyped record (robots.txt,
        # an API answer in a wget WARC) is simply not a page.
        broken = ctype in ("text/html", "application/xhtml+xml") and b"\x00" not in raw.body[:4096]
        raise Rejected(Outcome.ERROR if broken else Outcome.NOT_HTML, f"{ctype or 'untyped'}: no HTML markup")


def _language(tree: HtmlElement, text: str) -> str | None:
    declared = tree.get("lang") or tree.get("xml:lang")
    if not declared:
        for meta in tree.iterfind(".//meta"):
            key = (meta.get("http-equiv") or meta.get("property") or "").lower()
            if key in ("content-language", "og:locale") and meta.get("content"):
                declared = meta.get("content")
                break
    sample = text[:4000]
    arabic, latin = len(_ARABIC.findall(sample)), len(_LATIN.findall(sample))
    if arabic > latin:
        return "ar"  # the script decides: many Arabic sites keep a theme's lang="en"
    if declared:
        code = re.split(r"[-_]", declared.strip().lower())[0]
        if code.isalpha() and 2 <= len(code) <= 3 and code != "ar":
            return code
    return None


def _canonical(tree: HtmlElement, page_url: str) -> str:
    """The page's canonical URL when it plausibly names this article, else the fetched URL."""
    return article_url(page_url, canonical_hrefs(tree))


def _metadata(tree: HtmlElement, headline: HtmlElement | None = None) -> Document:
    """trafilatura's metadata (meta tags, JSON-LD, title, author, site name) without its date search.

    ``bare_extraction(with_metadata=True)`` always runs htmldate's extensive date search,
    about a third of the extraction time; akhbar's own date finder (``dates.py``) runs
    first and htmldate is asked only when it found nothing.
    """
    meta = examine_meta(tree)
    if meta.author and " " not in meta.author:
        meta.author = None  # a one-word "author" meta is a handle, as trafilatura judges
    with contextlib.suppress(Exception):  # JSON-LD in the wild is often broken
        meta = extract_meta_json(tree, meta)
    meta.title = meta.title or _page_title(tree, headline) or extract_title(tree)
    meta.author = meta.author or extract_author(tree)
    meta.sitename = (meta.sitename or extract_sitename(tree) or "").lstrip("@") or None
    return meta


def _page_title(tree: HtmlElement, headline: HtmlElement | None = None) -> str | None:
    """The headline when no meta tag gives one: the page's only ``<h1>`` (unless the headline found is
    another element: that ``<h1>`` names the site), else its whole ``<title>``.

    trafilatura would take the first part of a ``<title>`` split on separators, which is the
    site or a label on many pages ("طباعة : <headline>", "Site - <headline>"); the whole title
    goes to :func:`clean_title`, which knows which part is the headline.
    """
    h1s = tree.findall(".//h1")
    if len(h1s) == 1 and (headline is None or headline is h1s[0]):
        return None  # trafilatura's own first choice
    element = tree.find(".//head/title")
    text = " ".join(element.text_content().split()) if element is not None else ""
    return text or None


def _is_headline_text(name: str, headline: HtmlElement) -> bool:
    """Whether ``name`` is the page's headline (a site name never is)."""
    norm = normalize(name)
    return len(norm.split()) >= 3 and norm == normalize(headline.text_content())


def _htmldate_guess(tree: HtmlElement, url: str, max_date: str) -> str | None:
    """htmldate's date for the page from its markup and URL. Not its text search (``extensive_search``):
    on a string with no year it loads dateparser's ~200 locales, 2.5 s in every worker process that meets
    one, and on the benchmarks it found no date akhbar's own finder missed (docs/benchmarks.md)."""
    return find_date(tree, url=url, original_date=True, extensive_search=False, max_date=max_date)


def load_lazy_parts() -> None:
    """Initialise what the extraction libraries set up on first use, above all jusText's merged
    stoplists (~0.2 s, built by trafilatura on its first fallback to jusText; read from a cache file
    when an earlier run wrote it: :mod:`crawler.processing.stoplists`). Called by a
    process before it forks its workers, so that they inherit it instead of each paying for it."""
    try:
        from justext.core import define_stoplist
        from trafilatura import external

        if not external.JT_STOPLIST:
            external.JT_STOPLIST = merged_stoplist(external.jt_stoplist_init)  # type: ignore[assignment]
        define_stoplist(external.JT_STOPLIST)
    except Exception:  # a library's internals moved: the workers initialise it themselves, as before
        log.debug("extraction libraries not initialised ahead", exc_info=True)


def extract(raw: RawPage) -> Article:
    """Extract the article of one page or raise :class:`Rejected` with the reason."""
    check_page(raw)
    html, _codec = decode_html(raw.body, raw.header("content-type"))
    try:
        tree = load_html(html)
    except Exception as exc:  # lxml raises many types on garbage
        raise Rejected(Outcome.ERROR, f"unparsable HTML: {exc}") from exc
    if tree is None:
        raise Rejected(Outcome.ERROR, "unparsable HTML")
    page_url = raw.effective_url
    url = _canonical(tree, page_url)
    if url.startswith(("http://", "https://")):
        url = canonicalize_url(url)  # one form everywhere: a canonical link as the CMS wrote it may differ
    h1s = [h.text_content().strip() for h in tree.iterfind(".//h1")]
    headline = find_headline(tree)  # once: the date, the furniture guard and the second-article cut use it
    # Dates first, on the whole page: the cleaning may drop the byline box that holds the date.
    month_first = writes_month_first(tree)  # on the whole page: the cut below may take the dates that prove it
    published = find_published(tree, url, raw.fetched_at, headline=headline, month_first=month_first)
    if raw.site is None:  # no seed vouches for this page (a foreign WARC, saved files): the page decides
        reason = not_article_reason(tree, page_url, published is not None, url, headline)
        if reason is not None:
            raise Rejected(Outcome.NOT_ARTICLE, reason)
    try:  # before the cleaning, which may drop the dated byline line that marks a pasted second article
        if cut_pulled_in_articles(tree, page_url, headline):  # its dates went with it: the page's date is read again
            published = (
                find_published(tree, url, raw.fetched_at, headline=headline, month_first=month_first) or published
            )
    except (ValueError, TypeError, RecursionError):  # a page too odd to judge keeps all it has
        log.debug("%s: pulled-in articles not looked for", page_url, exc_info=True)
    site_names = head_names(tree)  # before the cleaning, which may drop the logo that names the site
    strip_boilerplate(tree, headline)
    drop_outside_story(tree, headline)  # after the cleaning, which may drop the prose of comments and teasers
    mark_paragraphs(tree)  # after the cleaning, whose rules read <br> soup and loose text as they were written
    try:
        meta = _metadata(tree, headline)
        doc = trafilatura.bare_extraction(
            tree, url=url, with_metadata=False, include_comments=False, include_tables=True, deduplicate=False
        )
    except Exception as exc:  # trafilatura raises ValueError and lxml errors on odd trees
        raise Rejected(Outcome.ERROR, f"extraction failed: {exc}") from exc
    if not isinstance(doc, Document) or len((doc.text or "").strip()) < MIN_TEXT_CHARS:
        raise Rejected(Outcome.EMPTY, "no article text")
    text = join_split_body(tree, (doc.text or "").strip(), headline)
    if raw.site is None and (reason := data_page_reason(text)) is not None:  # the table is the page
        raise Rejected(Outcome.NOT_ARTICLE, reason)
    host = (urlsplit(url).hostname or "").removeprefix("www.") or None
    outlet = unescape(meta.sitename) or host
    if outlet and headline is not None and _is_headline_text(outlet, headline):
        outlet = host  # trafilatura's guess from a "Site | Headline" title took the headline for the site
    if published is None:  # htmldate's guess, only when the page's own signals gave nothing
        guess = _htmldate_guess(tree, url, raw.fetched_at[:10])
        published = parse_iso(guess) if guess else None
    # the headline found names the story; other <h1>s then name the site (a logo, a blog's name)
    heads = [headline.text_content()] if headline is not None and headline.tag != "h1" else h1s
    title = clean_title(unescape(meta.title), outlet, heads)
    if headline is not None:
        shown = " ".join(headline.text_content().split())
        title = shown_headline(title, shown)
        if title and shown and title != shown and is_site_name(tree, title):
            title = shown  # the <title> names only the site
    text = trim_edges(drop_photo_credits(text), outlet, title, site_names)
    return Article(
        url=url,
        title=title,
        author=unescape(meta.author) or None,
        published_at=published,
        language=_language(tree, text),
        site=site_of(url) or outlet,
        text=text,
        description=unescape(meta.description) or None,
    )
