"""Is this page an article? Decided from the page itself, for pages no seed vouches for.

A crawl knows a page's role from its site's ``article_url_patterns``; a foreign WARC (``wget
--warc-file`` of a whole site) or a folder of saved pages does not, and its home, section,
tag, author and about pages must not become articles (nor near-duplicates of each other).

Invariant: a page is an article unless the page itself says otherwise, in this order:
1. the site root is never an article, nor a digest (its prose block, with what stands beside it,
   holds three or more "read more" links, "التفاصيل...": summaries of stories told elsewhere, even in
   the article template; or the page has three such links and no block of article prose: a
   dossier), nor a page whose title or ``<h1>`` names a page about the site ("من نحن -
   اتصل بنا", "Contact", "سياسة الخصوصية", "طباعة : من نحن"), nor one whose ``<h1>`` is a theme's
   archive heading ("Tag: …", "التصنيف: …", "نتائج البحث عن: …") or whose title names a tag's entries
   ("المداخلات الموسومة بـ …"), nor an undated page whose ``<h1>`` is a short overview of the institution
   ("نبذة عن السلطة القضائية"), whatever its markup says (CMSs mark their static pages ``og:type``
   ``article`` too), nor a person's page (a heading naming their posts, "مقالات الكاتب", over their stories
   after a text too short to be an article, a header under their name counting their articles, or their name as
   the headline over three or more posts bylined with it: :func:`_bylined_posts`), nor a page
   whose headline is followed by three or more
   linked headlines, each with at most two paragraphs of teaser, before any article body (a section, tag,
   author or dossier page in the article template: :func:`teasers_under_headline`), nor one whose headline is
   followed, with no heading between, by a short text and a list of three or more of the site's dated posts
   with no story after it (a topic page: :func:`_dated_posts_under`);
2. JSON-LD naming an article type (``NewsArticle``, ``Article``, ``BlogPosting``...) makes
   it one; JSON-LD naming only listing types (``CollectionPage``, ``ItemList``,
   ``AboutPage``, ``ProfilePage``, ``SearchResultsPage``, a series, an episode, a gallery or a print
   issue: ``TVSeries``, ``TVEpisode``, ``ImageGallery``, ``PublicationIssue``...) makes it not;
3. a URL that names a listing, fetched or declared canonical (a path ``/category/``, ``/tag/``,
   ``/author/``, ``/page/2``, ``/about``, ``/contact``...; a query ``?rubrique12``, ``?cat=``, ``?s=``,
   ``view=category``...) makes it not;
4. ``og:type`` ``article`` makes it one; an ``og:type`` that names a programme, an episode or
   a person (``video.tv_show``, ``video.episode``, ``profile``) makes it not; ``og:type``
   ``website`` with ``<h1>``s that only name the site (its ``og:site_name``) and a title shown in
   no heading (a tagline), or a ``<title>`` that is the site's name alone or an ``og:title`` that says
   "home" ("الرئيسية"), makes it the home page; ``og:type`` ``website`` with JSON-LD naming only a
   generic ``WebPage`` (and its breadcrumbs, the organisation) and no date anywhere makes it a static page
   of the site (a methodology, a charter);
   three or more ``<h1>`` headlines of which the page's title names none make it a bulletin of items;
5. three or more article teasers in microdata (``itemtype`` ``BlogPosting``... whose heading
   is a link), no other article item with a body (300+ characters) and no ``<h1>`` headline
   (4+ words) make it not (a category blog);
6. the page's largest block of prose (paragraphs, or text between ``<br>``s) decides: a
   list of teasers (3+ headline links among its paragraphs), no block of 300+ characters
   while headline-like links (4+ words) are present: not an article, unless the page is a
   dated brief of 120+ characters at an article-like URL or under its own headline (the
   ``<title>``'s or ``og:title``'s headline, 4+ words, standing in the body as text, not as a
   link: a listing's title names a section, its headlines are links); a page whose largest block is one
   of three or more posts of one kind, each shown in full under its title linked to its own page (not to
   the page itself, nor to a post's anchor on it), lists posts (a tracker's or a blog's index); a short text
   (under 600 characters) on a page that shows a list's counter ("النتائج 1 – 4 من 4") is a listing's intro;
7. otherwise, a page with no date, no article markup, no article-like URL (no number, no
   date path) and no prose block is not an article;
8. after extraction (:func:`data_page_reason`), a text whose table holds half as many words as its
   prose, and that prose is a few lines, is a data page (a timetable, a price or wait-time service page),
   whatever the markup says.
Every "not" comes with the reason, stored in ``fetches.detail``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from itertools import islice
from urllib.parse import unquote, urljoin, urlsplit

from lxml.etree import XPath
from lxml.html import HtmlElement

from crawler.processing.canonical import archived_original, canonical_hrefs
from crawler.processing.dates import is_date_line
from crawler.processing.normalize import fold
from crawler.processing.ownarticle import direct_text_chars, find_headline, following
from crawler.processing.sitenames import declared_names, meta_names

ARTICLE_TYPES = frozenset(
    {"newsarticle", "article", "blogposting", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
     "backgroundnewsarticle", "reviewnewsarticle", "liveblogposting", "scholarlyarticle", "techarticle", "report"}
)  # fmt: skip
LISTING_TYPES = frozenset(
    {"collectionpage", "itemlist", "aboutpage", "contactpage", "profilepage", "searchresultspage", "website",
     "tvseries", "radioseries", "podcastseries", "creativeworkseries", "imagegallery", "mediagallery", "videogallery",
     "episode", "tvepisode", "radioepisode", "podcastepisode", "publicationissue", "publicationvolume", "periodical"}
)  # fmt: skip
# JSON-LD types of a site's static page (a methodology, a charter, terms) when nothing else names the page
_STATIC_PAGE_TYPES = frozenset({"webpage", "breadcrumblist", "organization", "website", "wpheader", "wpfooter"})
# og:type values of pages about a programme, an episode or a person, whatever prose they hold
# ("video.other" is not among them: TV channels' news stories, each around its report, carry it)
NOT_ARTICLE_OG_TYPES = frozenset({"video.tv_show", "video.episode", "video.movie", "profile", "books.author"})
_LISTING_PATH = re.compile(
    r"/(?:category|categories|cat|tag|tags|topic(?!/\d)|topics|section|sections|author|authors|writer|search|taxonomy"
    r"|قسم|تصنيف|وسم|كاتب)(?:/|$|\.html?$)|/page/\d+/?$"
    # a site's own pages, as the last segment ("/about/media-centre/stories/2024/…" is a newsroom's story)
    r"|/(?:about|about-us|contact|contact-us|privacy|privacy-policy|terms|faq|sitemap|newsletter|اتصل-بنا|من-نحن)"
    r"(?:/?$|\.html?$|/index\.html?$)"
    r"|/(?:team|our-team|staff|فريق-العمل)/[^/]+/?$"  # a team member's page: "/team/<name>"
    # "/archives/31877" (WordPress's ?p= permalink), "/archives/1873-slug.html" (Serendipity) and
    # "/archives/2025/09/20/42618873.html" (Canalblog: the post under its day) are posts; "/archives/2024/11.html" and
    # "/archives/2025/09/index.html" are months
    r"|/archives?(?:/(?!\d+(?:[-_][^/]*)?(?:\.html?)?/?$|\d{4}/\d{1,2}/\d{1,2}/(?!index\.)[^/]+$)|$|\.html?$)",
    re.I,
)
# listings addressed by a query string: SPIP's ?rubrique12 / ?auteur3 / ?mot7, WordPress's ?cat= / ?tag= /
# ?author= / ?s=, Joomla's view=category, Drupal's ?q=taxonomy/term/5
_LISTING_QUERY = re.compile(
    r"(?:^|&)(?:(?:rubrique|auteur|mot|breve_rubrique)\d+|(?:cat|tag|author|s|category_name|rubrique|auteur|mot)="
    r"|view=(?:category|section|featured|tag|search)|q=taxonomy/term/)",
    re.I,
)
MIN_BODY_CHARS = 300  # a text block shorter than this is a teaser or a caption, not an article body
MIN_BRIEF_CHARS = 120  # ...unless the page is dated and its URL looks like an article's: a news brief
_ARTICLE_URL = re.compile(r"\d{3,}|/\d{4}/\d{1,2}/")
_JSON_LD = XPath('//script[@type="application/ld+json"]/text()')
_OG_TYPE = XPath('//meta[@property="og:type" or @name="og:type"]/@content')
_OG_URL = XPath('//meta[@property="og:url" or @name="og:url"]/@content')
_LINKS = XPath("//body//a[@href]")
_TITLES = XPath('//head/title/text() | //meta[@property="og:title" or @name="og:title"]/@content')
_BODY_TEXT = XPath("//body//*[not(self::script or self::style or self::a or ancestor::a)]")
_TITLE_PARTS = re.compile(r"\s*(?:[|–—:»«]|::)\s*|\s+-\s+")  # "site | headline", "tag: name"
MIN_HEADLINE_WORDS = 4
_HEADLINE_LINKS = XPath(".//*[self::h1 or self::h2 or self::h3 or self::h4][.//a[@href]]")


_TYPE_FIELD = re.compile(r'"@type"\s*:\s*\[?\s*"([A-Za-z]+)"')


def _names_an_article_type(tree: HtmlElement) -> bool:
    """Whether some JSON-LD block's text names an article type, parsed or not (sites ship blocks with trailing
    commas and comments, which :func:`_ld_types` cannot read)."""
    return any(m.group(1).lower() in ARTICLE_TYPES for blob in _JSON_LD(tree) for m in _TYPE_FIELD.finditer(str(blob)))


def _ld_types(tree: HtmlElement) -> set[str]:
    types: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            kind = node.get("@type")
            for t in kind if isinstance(kind, list) else [kind]:
                if isinstance(t, str):
                    types.add(t.lower())
            for key in ("@graph", "mainEntity", "mainEntityOfPage"):
                if key in node:
                    walk(node[key])
        elif isinstance(node, list):
            for item in node:
                walk(item)

    for blob in _JSON_LD(tree):
        try:
            walk(json.loads(blob))
        except (ValueError, RecursionError):
            continue
    return types


def _words(text: str) -> int:
    return len(text.split())


_INLINE = frozenset({"b", "i", "strong", "em", "span", "br", "u", "small", "sup", "sub", "font", "mark", "abbr"})
_SKIP = frozenset(
    {"script", "style", "noscript", "a", "h1", "h2", "h3", "h4", "h5", "h6", "nav", "header", "footer", "marquee"}
)


_TEXT_BOXES = frozenset({"div", "section", "blockquote"})
_BLOCKS = XPath("boolean(.//*[self::div or self::p or self::table or self::ul or self::ol or self::section])")


def _holds_only_text(el: HtmlElement) -> bool:
    """A ``<div>`` used as a paragraph ("div soup"): text and inline elements only."""
    return not _BLOCKS(el)


_UNLINKED_TEXTS = XPath(".//text()[not(ancestor::a)]")
_PROSE_TEXTS = XPath(".//text()[not(ancestor::a) and not(ancestor::marquee)]")
_SHOWN_TEXTS = XPath(".//text()[not(ancestor::marquee)]")  # links included


def _prose_texts(el: HtmlElement) -> list[str]:
    """``el``'s text outside links and ``<marquee>`` tickers (the ticker test only where one is)."""
    return _PROSE_TEXTS(el) if el.find(".//marquee") is not None else _UNLINKED_TEXTS(el)


def _own_text(el: HtmlElement) -> int:
    """Length of the prose an element holds itself: its text, inline children's text and tails,
    and its ``<p>`` children's text, or its ``<div>`` children's used as paragraphs (links and
    headings excluded; a ``<marquee>`` ticker's notices too)."""
    total = len((el.text or "").strip())
    for child in el:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == "p" or (tag in _TEXT_BOXES and _holds_only_text(child)):
            total += sum(len(t.strip()) for t in _prose_texts(child))
        elif tag in _INLINE:
            total += len(child.text_content().strip())
        total += len((child.tail or "").strip())
    return total


# a page's legal footer: its notice is prose-like, and on a listing page it can be the longest block
_RIGHTS_NOTICE = re.compile(r"©|&copy;|\bcopyright\b|all rights reserved|جميع الحقوق محفوظة|كل الحقوق محفوظة", re.I)


def _prose_block(tree: HtmlElement) -> tuple[HtmlElement | None, int]:
    """The element holding the most prose of its own (see :func:`_own_text`), and how much; a page's
    footer (the block whose own text states the rights notice) is not a candidate."""
    best: HtmlElement | None = None
    best_len = 0
    for el in tree.iter():
        if not isinstance(el.tag, str) or el.tag in _SKIP or el.tag in _INLINE or el.tag == "p":
            continue
        n = _own_text(el)
        if n > best_len and not _RIGHTS_NOTICE.search(_own_text_of(el)):
            best, best_len = el, n
    return best, best_len


def _own_text_of(el: HtmlElement) -> str:
    """The text ``el`` holds itself and in its paragraphs (what :func:`_own_text` measures)."""
    parts = [el.text or ""]
    for child in el:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == "p" or tag in _INLINE or (tag in _TEXT_BOXES and _holds_only_text(child)):
            shown = tag in _TEXT_BOXES and child.find(".//marquee") is not None
            parts.append(" ".join(_SHOWN_TEXTS(child)) if shown else child.text_content())
        parts.append(child.tail or "")
    return " ".join(parts)


_ITEMTYPES = XPath("//body//*[@itemtype]")
# "headline - site", "طباعة : من نحن"; a colon glued to its word stays inside a headline
_PAGE_TITLE_PARTS = re.compile(r"\s+[|\-–—«»:]\s+|\s*::\s*")
MIN_LISTED_ITEMS = 3


def _microdata_items(tree: HtmlElement) -> list[HtmlElement]:
    """Elements typed as articles in microdata (``itemtype=".../BlogPosting"``...), outermost only."""
    found = [
        el for el in _ITEMTYPES(tree) if el.get("itemtype", "").rstrip("/").rsplit("/", 1)[-1].lower() in ARTICLE_TYPES
    ]
    marked = set(found)
    return [el for el in found if not any(a in marked for a in el.iterancestors())]


_SITE_PAGES = frozenset(
    fold(name).casefold()
    for name in (
        "من نحن", "اتصل بنا", "اتصلوا بنا", "تواصل معنا", "هيئة التحرير", "سياسة الخصوصية", "شروط الاستخدام",
        "الشروط والأحكام", "أعلن معنا", "الإشهار", "خريطة الموقع", "About", "About us", "Contact", "Contact us",
        "Privacy policy", "Terms of use", "Qui sommes-nous", "Contactez-nous", "Mentions légales", "Publicité",
        # "about <the institution>": عن الموقع، عن الوزارة، عن الوكالة…
        *(f"عن {who}" for who in ("الموقع", "الجريدة", "الصحيفة", "المجلة", "الوكالة", "الوزارة", "الهيئة",
                                  "المؤسسة", "الشركة", "المجلس", "الإذاعة", "القناة", "المركز", "الجمعية",
                                  "المدونة", "البوابة", "المنصة", "الشبكة", "النشرة", "الراديو")),
        "À propos", "Qui sommes nous",
    )
)  # fmt: skip


def _unlinked_text(el: HtmlElement) -> int:
    return sum(len(t.strip()) for t in _UNLINKED_TEXTS(el))


# "عن <the institution>" whose noun the site's name holds: "عن الاتحاد | الاتحاد الجهوي لمنمي الإبل"
_ABOUT_ONE = re.compile(r"^عن\s+ال(\S+)$")
# a section of the institution's own: "أخبار الجمعية - منتدى جمعية صيادي …", "أنشطة الاتحاد | الاتحاد الجهوي …" (a
# story's title names its section too, "<headline> - أخبار الجمعية - <site>": see :func:`_section_title`)
_SECTION_OF_ONE = re.compile(r"^(?:اخبار|انشطه|انشطة|فعاليات|بيانات|بلاغات|مستجدات|اعلانات|منشورات)\s+ال(\S+)$")


def _bare_words(text: str) -> set[str]:
    """The text's words without the article "ال" (folded): "الاتحاد الجهوي" and "اتحاد" share "اتحاد"."""
    return {word.removeprefix("ال") for word in fold(text).casefold().split()}


def _about_the_named(
    parts: list[str], tree: HtmlElement, label: re.Pattern[str] = _ABOUT_ONE, names: set[str] | None = None
) -> str | None:
    """The part "عن ال<noun>" (``label``) of a title whose site, by a name it declares (``names``, or the page's
    :func:`sitenames.declared_names`, read only when a part says the label), holds the noun; not the site's name itself
    (an outlet named "أخبار اليوم" is no section of itself)."""
    for part in parts:
        about = label.match(fold(part))
        if about is None:
            continue
        names = declared_names(tree) if names is None else names
        if fold(part).casefold() in {fold(name).casefold() for name in names}:
            continue
        if any(about.group(1) in _bare_words(name) for name in names):
            return part
    return None


def _headed(tree: HtmlElement, name: str) -> bool:
    """Whether a heading (``<h1>`` to ``<h3>``) of the page says ``name`` and nothing else."""
    return any(_squash(heading.text_content()) == name for heading in tree.iter("h1", "h2", "h3"))


def _section_title(tree: HtmlElement, headline: HtmlElement | None) -> str | None:
    """The ``<title>``'s part naming a section of the institution the site names ("أخبار الجمعية - منتدى جمعية …"),
    when the page is that section: it has no article body, or a heading says the section's name and the page's
    headline is that heading or the site's name (a story filed under the section has its own headline)."""
    sections = (_about_the_named(parts, tree, _SECTION_OF_ONE) for parts in _head_title_parts(tree))
    section = next((found for found in sections if found is not None), None)
    if section is None:
        return None
    if _prose_block(tree)[1] < MIN_BODY_CHARS:
        return section
    said = _squash(headline.text_content()) if headline is not None else ""
    return section if _headed(tree, section) and said in declared_names(tree) | {section} else None


def _site_page_name(tree: HtmlElement) -> str | None:
    """The name of a page about the site itself when one of the page's own titles (``<title>``,
    ``og:title``, the first ``<h1>``) is one ("من نحن - اتصل بنا") with nothing else but short parts
    (a site name), or says "about" the institution the site's name names ("عن الاتحاد | الاتحاد الجهوي
    …"); a footer's "About Us" heading is not the page's."""
    first_h1 = next(tree.iter("h1"), None)
    titles = [str(t) for t in _TITLES(tree)] + ([first_h1.text_content()] if first_h1 is not None else [])
    for title in titles:
        parts = [" ".join(p.split()) for p in _PAGE_TITLE_PARTS.split(title) if p.strip()]
        named = [p for p in parts if fold(p).casefold() in _SITE_PAGES]
        if named and all(p in named or _words(p) < MIN_HEADLINE_WORDS for p in parts):
            return " - ".join(named)
        about = _about_the_named(parts, tree)
        if about is not None:
            return about
    return None


def _squash(text: str) -> str:
    return " ".join(text.split())


def has_own_headline(tree: HtmlElement) -> bool:
    """Whether the page's title names one story that the body shows as text, not as a link."""
    heads = {
        part
        for title in _TITLES(tree)
        for part in (_squash(p) for p in _TITLE_PARTS.split(title))
        if _words(part) >= MIN_HEADLINE_WORDS
    }
    if not heads:
        return False
    return any(_squash(el.text_content()) in heads for el in _BODY_TEXT(tree) if len(el) <= 3)


# A theme's heading over an archive: "Tag: …", "Category Archives: …", "التصنيف: …", "أرشيف الكاتب: …"
_ARCHIVE_WORD = r"(?:ال)?[أا]رشيف"  # "أرشيف", "الأرشيف", unhamzated too
_ARCHIVE_HEADING = re.compile(
    r"^\s*(?:(?:tag|category|author|archives?|month|year|day)(?:\s+archives?)?|étiquette|catégorie|auteur|archives"
    rf"|الوسم|وسم|الوسوم|التصنيف|تصنيف|القسم|الكاتب|كاتب|الملف الشخصي|{_ARCHIVE_WORD}(?:\s+\S+)?"
    r"|نتائج البحث(?:\s+عن)?|search results(?:\s+for)?|résultats de (?:la )?recherche(?:\s+pour)?)\s*[:：]",
    re.IGNORECASE,
)


# a search for a quoted term, no colon: "نتائج البحث عن «البركة»", 'Search results for "Kawkaban"'
_SEARCH_FOR = re.compile(
    r"^\s*(?:نتائج البحث(?:\s+عن)?|search results for|résultats de (?:la )?recherche pour)"
    r"\s*[«\"“„'].{1,60}[»\"”'“]\s*$",
    re.IGNORECASE,
)
_BARE_YEAR = re.compile(r"^\s*(?:19|20|١٩|٢٠)\d{2}\s*$")
# an archive named by its period, no colon: "أرشيف الأخبار 2024", "أرشيف أخبار الجمعية لعام 2025", "Archives 2023"
_DATED_ARCHIVE = re.compile(rf"^\s*(?:{_ARCHIVE_WORD}|archives?)(?:\s+[^\s\d]+){{0,3}}\s+\d{{4}}\s*$", re.IGNORECASE)


# an archive's or a tag's label in the <title> ("أرشيف الأخبار: أكتوبر 2025 - <site>"); not a section's or a writer's,
# which a story's title may open with ("الكاتب: …")
_TITLE_ARCHIVE = re.compile(
    rf"^\s*(?:tag|category|archives?|{_ARCHIVE_WORD}(?:\s+\S+)?|الوسم|وسم|الوسوم|التصنيف|تصنيف)\s*[:：]", re.I
)
# a section's bare name as the page's own headline: the page lists the section ("الأرشيف", "الأخبار")
_SECTION_HEADINGS = frozenset(
    fold(h).casefold()
    for h in (
        "الأرشيف", "أرشيف", "أرشيف الأخبار", "الأخبار", "آخر الأخبار", "كل الأخبار", "جميع الأخبار", "المستجدات",
        "الإعلانات", "إعلانات", "الأخبار والإعلانات", "البلاغات", "البيانات الصحفية", "المقالات", "آخر المقالات",
        "الفعاليات", "الفعاليات القادمة", "الأنشطة", "الأنشطة والفعاليات", "المواعيد", "archive", "archives", "news",
        "latest news", "actualités", "announcements", "events", "upcoming events", "press releases", "agenda",
        "événements", "communiqués",
    )
)  # fmt: skip


def _archive_heading(tree: HtmlElement, headline: HtmlElement | None = None) -> str | None:
    """The first ``<h1>`` or the page's headline (when another element: the ``<h1>`` names the site) when it is
    a theme's archive heading: a label, a colon and a short name (8 words in all at most), or a date however long it is
    written, the same day in another calendar after it ("أرشيف الأخبار: الثلاثاء 17 ديسمبر 2024 م - 16 جمادى
    الآخرة 1446 هـ"), or a results or search heading alone ("نتائج البحث", "البحث", also as the ``<title>``'s first
    or last part)."""
    first_h1 = next(tree.iter("h1"), None)
    for parts in _head_title_parts(tree):  # "نتائج البحث - <site>": a results page whatever its headings
        if parts and fold(parts[0]).casefold() in _RESULTS_HEADINGS:
            return parts[0]
    headings = [first_h1, headline] if headline is not None and headline is not first_h1 else [first_h1]
    if first_h1 is not None and _names_a_title_part(tree, first_h1):  # the <h1> is the site's name (FlatPress):
        headings.append(next(tree.iter("h2"), None))  # the archive's heading is the first <h2>
    for heading in headings:
        text = _squash(heading.text_content()) if heading is not None else ""
        key = fold(text).casefold()
        if key in _RESULTS_HEADINGS | _SEARCH_HEADINGS or _DATED_ARCHIVE.match(text) or _SEARCH_FOR.match(text):
            return text
        if _BARE_YEAR.match(text):
            return text  # "2026": a year's archive (a story's headline says more than its year)
        if heading is headline and key in _SECTION_HEADINGS:
            return text  # the page's own headline, not a banner over a story's (that one is not its headline)
        label = _ARCHIVE_HEADING.match(text)
        if label is None:
            continue
        first_part = _PAGE_TITLE_PARTS.split(text[label.end() :].strip())[0]  # the date, before a second calendar's
        if _words(text) <= 8 or is_date_line(first_part):
            return text
    ends = _title_ends(tree)
    # "أرشيف الأخبار: أكتوبر 2025 - <site>", "أرشيف نوفمبر ٢٠٢٥ | <section> | <site>": the archive named in the <title>
    labelled = (part for part in ends if _TITLE_ARCHIVE.match(part) or _DATED_ARCHIVE.match(part))
    archived = next((part for part in labelled if _words(part) <= 8), None)
    if archived is not None:
        return archived
    # "<site> - البحث", "<site> - نتائج البحث": the search named last
    return next((part for part in ends if fold(part).casefold() in _RESULTS_HEADINGS | _SEARCH_HEADINGS), None)


def _head_title_parts(tree: HtmlElement) -> list[list[str]]:
    """Each ``<title>``'s parts ("site - section: headline"), whitespace squashed, empty parts left out."""
    return [[p for p in _PAGE_TITLE_PARTS.split(_squash(str(title))) if p] for title in _HEAD_TITLE(tree)]


def _title_ends(tree: HtmlElement) -> list[str]:
    """The first and the last part of each ``<title>``: where a site names itself and the page."""
    return [part for parts in _head_title_parts(tree) for part in parts[:1] + parts[-1:]]


def _names_a_title_part(tree: HtmlElement, heading: HtmlElement) -> bool:
    """Whether ``heading`` says one of the ``<title>``'s parts exactly, and there are several (the site's name)."""
    text = _squash(heading.text_content())
    return any(len(parts) > 1 and text in parts for parts in _head_title_parts(tree))


_RESULTS_HEADINGS = frozenset(
    fold(h).casefold() for h in ("نتائج البحث", "search results", "résultats de recherche", "résultats de la recherche")
)
# a search page's name alone, as a part of the <title> or the <h1>: no story is titled with the one word
_SEARCH_HEADINGS = frozenset(fold(h).casefold() for h in ("البحث", "بحث", "search", "recherche", "rechercher"))


# a tag page's title without a colon: "المداخلات الموسومة بـ بغديدا" (Serendipity), "عرض النتائج للعلامة 'سقارة'."
# (Invision), "Posts tagged …"
_TAGGED = re.compile(
    r"^\s*(?:(?:[\d٠-٩]+\s+)?(?:(?:أحدث|احدث|آخر|اخر|كل|جميع)\s+)?(?:ال)?(?:مداخلات|مقالات|مقالان|مقالين|مواضيع|موضوعان"
    r"|موضوعين|أخبار|اخبار|تدوينات|تدوينتان|منشورات|منشوران|منشورين)\s+(?:ال)?موسوم(?:ة|ان|تان|ين)\s+ب"
    r"|عرض\s+النتائج\s+(?:للعلامة|للوسم)"
    r"|(?:posts|entries|articles|stories)\s+tagged\b|showing\s+results\s+for\s+tag\b)",
    re.IGNORECASE,
)


def _tagged_title(tree: HtmlElement) -> str | None:
    """The page's ``<title>`` or first ``<h1>`` when it names a tag's entries (see :data:`_TAGGED`)."""
    first_h1 = next(tree.iter("h1"), None)
    for title in [str(t) for t in _TITLES(tree)] + ([first_h1.text_content()] if first_h1 is not None else []):
        text = _squash(title)
        if _TAGGED.match(text):
            return text
    return None


# a person's page lists their posts under their name: the heading after the <h1> says so
_POSTS_HEADINGS = frozenset(
    fold(h).casefold()
    for h in (
        "المشاركات", "المشاركات في المنتدى", "مشاركات العضو", "مشاركات الكاتب", "مقالات الكاتب", "مقالات الكاتبة",
        "مقالات الكاتب الأخيرة", "كل المقالات", "جميع المقالات", "جميع المشاركات", "المنشورات", "عرض المشاركات",
        "posts", "forum posts", "all posts", "show posts",
    )
)  # fmt: skip
_NEXT_HEADING_OR_PARAGRAPH = XPath("following::*[self::h2 or self::h3 or self::p][1]")


def _posts_heading(tree: HtmlElement, headline: HtmlElement | None = None) -> str | None:
    """The heading that names a person's posts ("المشاركات في المنتدى", "مقالات الكاتب"): the one that follows the
    first ``<h1>`` (before any paragraph; the ``<h1>`` is their name), or the first part of the page's headline
    ("عرض المشاركات - <name>": a forum's page of a member's posts)."""
    if headline is not None:
        first = _PAGE_TITLE_PARTS.split(_squash(headline.text_content()))[0]
        if fold(first).casefold() in _POSTS_HEADINGS:
            return first
    for parts in _head_title_parts(tree):  # "كل مقالات <name> | <site>": all of a person's posts
        if parts and _ALL_THEIR_POSTS.match(fold(parts[0])) and _words(parts[0]) <= MAX_ALL_POSTS_WORDS:
            return parts[0]
    first_h1 = next(tree.iter("h1"), None)
    if first_h1 is None:
        return None
    following = _NEXT_HEADING_OR_PARAGRAPH(first_h1)
    if following and following[0].tag != "p":
        text = _squash(following[0].text_content())
        if fold(text).casefold() in _POSTS_HEADINGS:
            return text
    # after a bio: "مقالاته على الموقع", "ما كتبته زهراء", "Articles by …" over two or more linked headlines; or
    # "مقالات الكاتب" over two or more links, after a text too short to be an article (a column ends with that list)
    for heading in _LATER_HEADINGS(first_h1):
        text = _squash(heading.text_content())
        if _THEIR_POSTS.match(fold(text)) and len(_LINKED_HEADINGS_AFTER(heading)) >= MIN_LISTED_ITEMS - 1:
            return text
        if (
            fold(text).casefold() in _POSTS_HEADINGS
            and _links_headed_by(heading) >= MIN_LISTED_ITEMS - 1
            and _prose_before(first_h1.getroottree().getroot(), heading, after=first_h1) < 2 * MIN_BODY_CHARS
        ):
            return text
    return _counted_posts(first_h1)


def _links_headed_by(heading: HtmlElement) -> int:
    """The links (of three words or more: a story's title) in the blocks right after ``heading`` (a heading alone in
    its box: after the box), up to a heading or a block without one."""
    el = heading
    for _ in range(2):
        parent = el.getparent()
        if el.getnext() is not None or parent is None:
            break
        el = parent
    found = 0
    for sibling in el.itersiblings(tag="*"):
        links = sum(1 for a in sibling.iter("a") if a.get("href") and _words(a.text_content()) >= 3)
        if sibling.tag in _HEADING_TAGS or not links:
            break  # the list ends where a block without a link (the story going on) or a heading begins
        found += links
    return found


# a person's header counts their articles: "38 مقالا", "2 مقالات", "عدد المقالات: 14", "12 articles"
_POSTS_COUNT = re.compile(
    r"(?<![\w.,])\d+\s+(?:مقالات|مقالا|مقال|تدوينات|تدوينة|منشورات|منشورا|articles?|posts?)(?!\w)"
    r"|(?:عدد\s+)?(?:المقالات|التدوينات|المنشورات)\s*:\s*\d+",
    re.IGNORECASE,
)
HEADER_LINES = 6  # the texts after a person's name that their header may hold
MAX_HEADER_LINE_CHARS = 200  # a header's line; a longer text is the story or the bio


def _texts_after(el: HtmlElement) -> Iterator[str]:
    """The non-blank texts after ``el`` in document order (its tail, its following siblings' texts, then its
    parent's tail and following siblings, and so on up), lazily: a header's lines cost what they are."""
    node: HtmlElement | None = el
    while node is not None:
        if node.tail and node.tail.strip():
            yield node.tail
        for sibling in node.itersiblings():
            for text in sibling.itertext() if isinstance(sibling.tag, str) else ():
                if text.strip():
                    yield text
            if sibling.tail and sibling.tail.strip():
                yield sibling.tail
        node = node.getparent()


def _counted_posts(first_h1: HtmlElement) -> str | None:
    """The count of a person's articles in the short lines under their name (the first ``<h1>``), before any longer
    text: a profile's header."""
    for text in islice(_texts_after(first_h1), HEADER_LINES):
        line = _squash(text)
        if len(line) > MAX_HEADER_LINE_CHARS:
            return None
        if (found := _POSTS_COUNT.search(fold(line))) is not None:
            return found.group(0)
    return None


# a byline's label before a name (folded: "بواسطه"): "كتب: …", "بقلم …", "By …"
_BYLINE_LABEL = re.compile(r"^(?:كتبت|كتب|بقلم|بواسطه|الكاتبه|الكاتب|by|par)(?!\w)\s*[:：]?\s*", re.IGNORECASE)
MIN_NAME_WORDS, MAX_NAME_WORDS = 2, 5
BYLINE_SCAN_ELEMENTS = 600  # the elements after the headline read for bylines: a listing's first screens


# an element marked as a byline: its class, itemprop or rel ("author", "card__author", "byline", "writer"), or a link
# to the writer's page
_AUTHOR_MARK = re.compile(r"author|byline|writer|kateb", re.IGNORECASE)
_AUTHOR_HREF = re.compile(r"/(?:author|authors|writer|writers|kateb|كاتب)/", re.IGNORECASE)


def _marked_byline(el: HtmlElement) -> bool:
    """Whether ``el`` (or its parent) is marked as a byline: a class, ``itemprop`` or ``rel`` naming the author, or
    a link to an author's page."""
    for node in (el, el.getparent()):
        if node is None:
            continue
        marks = f"{node.get('class') or ''} {node.get('itemprop') or ''} {node.get('rel') or ''}"
        if _AUTHOR_MARK.search(marks) or (node.tag == "a" and _AUTHOR_HREF.search(unquote(node.get("href") or ""))):
            return True
    return False


def _bylined_posts(headline: HtmlElement | None) -> str | None:
    """The headline when it is a person's name that bylines three or more of the posts after it: a writer's page
    (their stories, each "كتب: <name>", or the name in an element marked as the author), whatever heading the list
    has or its markup says. A bare repeat of the name is no byline: a tag's or a section's page repeats its name on
    every card ("<span class='post-category'>"). A story about a person is not titled with the bare name, and a
    story's own byline is one."""
    if headline is None:
        return None
    shown = _squash(headline.text_content())
    name = fold(shown).casefold()
    if not MIN_NAME_WORDS <= _words(name) <= MAX_NAME_WORDS:
        return None
    last = shown.split()[-1]  # a byline ends with the name as the page writes it: a cheap first test
    bylines: list[HtmlElement] = []
    for el in islice(following(headline), BYLINE_SCAN_ELEMENTS):
        if len(el) > 2 or el.getparent() in bylines:
            continue  # a card's block, or the inner element of a byline counted
        raw = el.text_content()
        if last not in raw or len(raw) > 4 * len(shown):
            continue
        line = fold(_squash(raw)).casefold()
        if len(line) > 2 * len(name) or not line.endswith(name):
            continue
        if _BYLINE_LABEL.sub("", line) == name and (line != name or _marked_byline(el)):
            bylines.append(el)
            if len(bylines) >= MIN_LISTED_ITEMS:
                return shown
    return None


# a title that names all of someone's posts: "كل مقالات عبدالكريم …", "جميع مقالات الكاتبة …"
_ALL_THEIR_POSTS = re.compile(r"^(?:كل|جميع)\s+(?:مقالات|مشاركات|منشورات|تدوينات|مواضيع)\s+\S")
MAX_ALL_POSTS_WORDS = 6
# a heading that names a person's own posts, in the possessive ("مقالاته", "ما كتبته …", "Articles by …")
_THEIR_POSTS = re.compile(
    r"^(?:مقالاته|مقالاتها|كتاباته|كتاباتها|منشوراته|منشوراتها|تدويناته|تدويناتها|مواضيعه|مواضيعها|مشاركاته|مشاركاتها"
    r"|ما كتبه|ما كتبته|ما كتبت|(?:articles|posts|stories) by)"
    r"(?:\s|$)",
    re.I,
)
_LATER_HEADINGS = XPath("following::*[self::h2 or self::h3 or self::h4][position() <= 3]")
_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_LINKED_HEADINGS_AFTER = XPath("following::*[self::h2 or self::h3 or self::h4][.//a[@href]][position() <= 6]")


# "نبذة عن السلطة القضائية", "لمحة عن الوزارة", "About the Authority": an overview of the institution
_OVERVIEW = re.compile(r"^\s*(?:نبذة|لمحة)\s+(?:عن|حول)\s+\S|^\s*about\s+(?:the|us|our)\b", re.IGNORECASE)
MAX_OVERVIEW_WORDS = 6


def _overview_title(tree: HtmlElement) -> str | None:
    """The first ``<h1>`` when it is a short overview heading of the institution ("نبذة عن السلطة القضائية"):
    with no date anywhere on the page, a page about the site (a story about someone's life has a date)."""
    first_h1 = next(tree.iter("h1"), None)
    text = _squash(first_h1.text_content()) if first_h1 is not None else ""
    return text if _OVERVIEW.match(text) and _words(text) <= MAX_OVERVIEW_WORDS else None


def _names_only_the_site(tree: HtmlElement) -> bool:
    """The page's ``<h1>``s name the site (its ``og:site_name``, alone or before its tagline) and no heading
    or title part names a story (a tagline aside): a home page however long its lead story's excerpt."""
    h1s = [_squash(h.text_content()) for h in tree.iter("h1")]
    names = meta_names(tree)
    # "تقصّي - صحافة استقصائية مستقلة": the name, then its tagline
    if not h1s or not names or not all(h in names or _PAGE_TITLE_PARTS.split(h)[0] in names for h in h1s):
        return False
    parts = {_squash(p) for title in _TITLES(tree) for p in _PAGE_TITLE_PARTS.split(title)}
    return not _titled_heading(tree, parts - names)


_HOME_TITLES = frozenset(
    fold(t).lower() for t in ("الرئيسية", "الصفحة الرئيسية", "الرئيسيه", "Home", "Home page", "Accueil")
)
_OG_TITLE = XPath('//meta[@property="og:title" or @name="og:title"]/@content')
_HEAD_TITLE = XPath("//head/title/text()")


def _title_says_home(tree: HtmlElement) -> bool:
    """The ``<title>``'s first or last part is "home" ("الرئيسية - <site>", "<site> | Accueil"): no story's title
    is."""
    return any(fold(part).lower() in _HOME_TITLES for part in _title_ends(tree))


def _titled_as_home(tree: HtmlElement) -> bool:
    """The page's ``og:title`` says "home" ("الرئيسية"), or its ``<title>`` is the site's name alone
    (``og:site_name``): no headline names a story (an article's title always holds its headline)."""
    if any(fold(_squash(str(t))).lower() in _HOME_TITLES for t in _OG_TITLE(tree)):
        return True
    names = meta_names(tree)
    titles = [_squash(str(t)) for t in _HEAD_TITLE(tree)]
    return bool(names and titles) and all(t in names for t in titles)


_TITLE_CLASS = re.compile(r"title|headline|heading|titre", re.I)


MAX_HOME_TITLE_WORDS = 8


def _titled_story(tree: HtmlElement) -> bool:
    """Whether the page's ``<title>`` names a story: a part longer than a site's name and tagline, or one that a
    heading of the page shows (a site whose canonical link points home from every page still titles its stories)."""
    parts = {part for parts in _head_title_parts(tree) for part in parts}
    return any(_words(p) > MAX_HOME_TITLE_WORDS for p in parts) or _titled_heading(tree, parts)


def _titled_heading(tree: HtmlElement, parts: set[str]) -> bool:
    """Whether a heading of the page (``h2``-``h4``, or an element classed as a title) shows one of the
    title's other parts: the story's headline under a logo ``<h1>`` (a tagline shows in no heading)."""
    for el in tree.iter("h2", "h3", "h4", "div", "span", "p", "strong"):
        if el.tag in ("div", "span", "p", "strong") and not _TITLE_CLASS.search(el.get("class") or ""):
            continue
        if _words(el.text_content()) >= 3 and _squash(el.text_content()) in parts:
            return True
    return False


def _untitled_headlines(tree: HtmlElement) -> int:
    """How many ``<h1>`` headlines (4+ words) the page has when its title names none of them (0 when it
    names one, or has no title): a bulletin's items each under its own ``<h1>``, where an article that
    sets its subheadings in ``<h1>`` has its headline in its title."""
    heads = {_squash(h.text_content()) for h in tree.iter("h1")}
    heads = {h for h in heads if _words(h) >= MIN_HEADLINE_WORDS}
    titles = [_squash(t) for t in _TITLES(tree)]
    parts = {_squash(p) for t in titles for p in _TITLE_PARTS.split(t)} | set(titles)
    if not titles or heads & parts:
        return 0
    return len(heads)


# a link to the rest of a summarised story: "التفاصيل...", "اقرأ المزيد", "Lire la suite … <title>", "Read more",
# "اقرأ المزيد عن <title>" (Drupal's "Read more about …", the title hidden for screen readers)
_MORE_LINK = re.compile(
    r"^\W*(?:التفاصيل|تفاصيل|المزيد|للمزيد|اقرأ المزيد|اقرا المزيد|إقرأ المزيد|تابع القراءة|أكمل القراءة|اكمل القراءة"
    r"|تتمة(?: الخبر| الموضوع| المقال)?|بقية الخبر|باقي الخبر|اقرأ التفاصيل|اقرا التفاصيل|قراءة المزيد"
    r"|lire la suite|lire plus|en savoir plus|read more|continue reading)"
    r"(?:\W*$|\s*[:：…\-–]+\s*\S|\s+(?:عن|حول|about|de|sur)\s+\S|\s*[\"«“„]\S)",  # 'Continue reading "<title>" »'
    re.IGNORECASE,
)


def _more_links(block: HtmlElement) -> int:
    """How many links in ``block`` lead to the rest of a story (a digest's summaries each end with one)."""
    return sum(1 for a in block.iter("a") if _MORE_LINK.match(_squash(a.text_content())))


def _first_class(el: HtmlElement) -> str:
    return next(iter((el.get("class") or "").split()), "")


def _item_around(block: HtmlElement, marks: Callable[[HtmlElement], int]) -> HtmlElement | None:
    """The largest block around ``block`` that holds exactly one mark (``marks`` counts them), before an
    ancestor holds more: one item of a list (None when no ancestor holds one, or the item is the root)."""
    item = None
    for anc in block.iterancestors():
        found = marks(anc)
        if found > 1:
            break
        item = anc if found == 1 else item
    return item if item is not None and item.getparent() is not None else None


def _alike_items(item: HtmlElement, marks: Callable[[HtmlElement], int]) -> int:
    """How many of ``item``'s siblings (itself included) are of its kind (tag and first class) and hold one mark."""
    kind = (item.tag, _first_class(item))
    return sum(1 for sib in item.getparent() if (sib.tag, _first_class(sib)) == kind and marks(sib) == 1)


def _alike_summaries(block: HtmlElement) -> int:
    """How many summaries ``block`` is one of: the largest item around it that holds one link to the rest of its
    story, and the items beside it of the same kind (tag and first class) that each do too (a blog module's list
    of posts, whose first summary may run to paragraphs); 0 when it is none of them."""
    item = _item_around(block, _more_links)
    return _alike_items(item, _more_links) if item is not None else 0


# a list's counter: "النتائج 1 – 4 من 4", "عرض 1 - 10 من 57", "Results 1-10 of 42", "Showing 1–4 of 4"
_RESULT_COUNTER = re.compile(
    r"^\W*(?:النتائج|نتائج|عرض|الأخبار|المقالات|results?|showing|items?)\s*\d+\s*[-–—]\s*\d+\s*(?:من|of|sur)\s*\d+\W*$",
    re.I,
)
MAX_COUNTER_CHARS = 60
_SHORT_TEXTS = XPath(
    f"//body//text()[string-length(normalize-space(.)) > 6][string-length(normalize-space(.)) < {MAX_COUNTER_CHARS}]"
)


def _result_counter(tree: HtmlElement) -> str | None:
    """The list's counter the page shows ("النتائج 1 – 4 من 4"), if any: a page of results, never an article."""
    for text in _SHORT_TEXTS(tree):
        line = " ".join(str(text).split())
        if _RESULT_COUNTER.match(line):
            return line
    return None


def _linked_headings(tree: HtmlElement, enough: int) -> bool:
    """Whether ``tree`` holds ``enough`` headings (``<h2>`` to ``<h4>``) with a link in them."""
    found = 0
    for heading in tree.iter("h2", "h3", "h4"):
        found += heading.find(".//a[@href]") is not None
        if found >= enough:
            return True
    return False


def _titled_links(el: HtmlElement, page: str, text: HtmlElement | None = None) -> set[str]:
    """The pages that the headings (``<h2>`` to ``<h4>``) in ``el`` link to, resolved against ``page``; not a
    heading inside ``text`` (a "read also" set in the text), nor a link to a place on a page (a forum post's
    permalink, ``viewtopic.php?p=1204#p1204``)."""
    inside = set(text.iter("h2", "h3", "h4")) if text is not None else set()
    return {
        urljoin(page, href)
        for h in el.iter("h2", "h3", "h4")
        if h not in inside
        for a in h.iter("a")
        if (href := a.get("href", "").strip()) and "#" not in href
    }


def _posts_in_full(block: HtmlElement, page: str, own: set[str]) -> int:
    """How many posts ``block`` is one of, each shown whole under its title linked to its own page (a tracker's or
    a blog's index that prints every post in full): the largest item around it whose headings (outside the text)
    link to one other page, and the items beside it of the same kind (tag and first class) that do too; 0 when it
    is none of them, or its title links to the page itself (``own``: its addresses; a single post, its related
    posts set alike after it)."""
    item = _item_around(block, lambda anc: len(_titled_links(anc, page, block)))
    if item is None or _titled_links(item, page, block) & own:
        return 0
    return _alike_items(item, lambda sib: len(_titled_links(sib, page)))


MAX_DATA_PAGE_PROSE_WORDS = 100  # prose around a table below which the table is the page: a timetable, a price list
MIN_DATA_TABLE_SHARE = 0.5  # ... when the table holds at least this many words per word of prose


def data_page_reason(text: str) -> str | None:
    """Why an extracted text is a data page rather than an article (None: it is not one): a table
    (``|``-delimited rows, as the extraction renders tables) holding at least half as many words as
    the few lines of prose around it (an intro, a note on the source; under 100 words, shorter than
    any article body): a timetable, a wait-time or price service page, a market-close table, set in
    the article template. An article with a factbox table has its own prose besides."""
    table = prose = 0
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("|"):
            table += _words(stripped.replace("|", " ").replace("-", " "))
        else:
            prose += _words(stripped)
    if table and table >= MIN_DATA_TABLE_SHARE * prose and prose < MAX_DATA_PAGE_PROSE_WORDS:
        return f"a data page: a table of {table} words with {prose} words of prose"
    return None


def _prose_before(block: HtmlElement, first: HtmlElement, after: HtmlElement | None = None) -> int:
    """Characters of paragraph text (``<p>``s outside links) in ``block`` before ``first`` (and after ``after``, when
    given), in document order."""
    total, counting = 0, after is None
    for el in block.iter("p", first.tag, *((after.tag,) if after is not None else ())):
        if el is first:
            break
        if el is after:
            counting = True
        elif counting and el.tag == "p":
            total += _unlinked_text(el)
    return total


def _og_addresses(tree: HtmlElement, original: str) -> list[str]:
    """The addresses the page declares in ``og:url`` on its own host (a saved page, or one served at
    another path, still says where it lives; another host's address is a syndication's source)."""
    host = _host(original)
    declared = (urljoin(original, str(url).strip()) for url in _OG_URL(tree))
    return [url for url in declared if _host(url) == host]


def _listing_url(url: str) -> str | None:
    """The path (and query) of a URL shaped like a listing's, else None."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return None
    path = unquote(parts.path or "/")
    if _LISTING_PATH.search(path):
        return path
    if _LISTING_QUERY.search(parts.query):
        return f"{path}?{parts.query}"
    return None


_TEASER_HEADINGS = frozenset({"h2", "h3", "h4"})
MIN_TEASER_PARAGRAPH_CHARS = 80  # a paragraph, not a date or a byline line


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").removeprefix("www.")


def _teaser_link(heading: HtmlElement, page_url: str) -> bool:
    """A heading that reads like a headline (3+ words) and links to another article of the same site: not
    to an anchor or a comment form of this page, not to another site (a shop's deal), not to a listing (the
    author's page, a search)."""
    if _words(heading.text_content()) < 3:
        return False
    page = urlsplit(page_url)
    for a in heading.iterfind(".//a[@href]"):
        target = urljoin(page_url, (a.get("href") or "").strip())
        parts = urlsplit(target)
        if "#" in target or parts.scheme not in ("http", "https") or _listing_url(target) is not None:
            continue
        if page.scheme in ("http", "https") and (_host(target) != _host(page_url) or parts.path == page.path):
            continue
        return True
    return False


# a listing's item by its markup: "views-row", "node--view-mode-teaser", "card", "post-item", "entry"
_ITEM_CLASS = re.compile(r"teaser|views-row|card|item|entry|(?:^|[\s_-])post(?:$|[\s_-])", re.I)
MAX_ITEM_DEPTH = 3  # a teaser's fields sit a few levels under its item (article > div.views-field > h2)


def _teaser_item(heading: HtmlElement, headline: HtmlElement) -> HtmlElement:
    """The block that holds a teaser: the nearest ``<article>``, ``<li>`` or block classed as an item around its
    heading, within a few levels and not around the page's headline (Drupal's Views set each field, title, date and
    text, in a block of its own inside ``article.node--view-mode-teaser``), else the heading's parent."""
    parent = heading.getparent()
    node = parent
    for _ in range(MAX_ITEM_DEPTH):
        if node is None or _contains(node, headline):
            break
        if node.tag in ("article", "li") or _ITEM_CLASS.search(node.get("class") or ""):
            return node
        node = node.getparent()
    return parent if parent is not None else heading


def teasers_under_headline(headline: HtmlElement | None, page_url: str) -> list[HtmlElement]:
    """Headlines linking to other articles of the site (:func:`_teaser_link`) that follow the page's
    headline, each with at most two paragraphs of teaser, and nothing that reads as an article body in
    the column that holds them; empty when a body shows. A body: two paragraphs before any teaser (or one
    of :data:`MIN_BODY_CHARS` or more); then three paragraphs in one teaser's item (the block around its
    heading), a block of :data:`MIN_BODY_CHARS` or more among teasers set side by side, or a paragraph
    outside the item that stands in the column itself, not in a box of its own (a sidebar widget): the
    story goes on after a box of links. A paragraph is a ``<p>`` or the text a block holds itself
    (``<br>`` soup) of :data:`MIN_TEASER_PARAGRAPH_CHARS` or more. The column is the block around the
    first :data:`MIN_LISTED_ITEMS` teasers' common block: the walk ends where it ends."""
    teasers: list[HtmlElement] = []
    if headline is None:
        return teasers
    paragraphs = 0  # since the last teaser (or the headline)
    column: HtmlElement | None = None
    for el in following(headline):
        if column is not None and not _contains(column, el):
            break
        if el.tag in _TEASER_HEADINGS:
            if _teaser_link(el, page_url):
                teasers.append(el)
                paragraphs = 0
                if len(teasers) == MIN_LISTED_ITEMS:
                    common = _common_block(teasers)
                    column = common.getparent() if common.getparent() is not None else common
            continue
        if el.tag in _SKIP:
            continue
        size = len(" ".join(el.text_content().split())) if el.tag == "p" else direct_text_chars(el)
        if size < MIN_TEASER_PARAGRAPH_CHARS:
            continue
        if not teasers:
            paragraphs += 1
            if paragraphs > 1 or size >= MIN_BODY_CHARS:
                return []  # the page's own article starts under its headline
        elif _contains(item := _teaser_item(teasers[-1], headline), el):
            paragraphs += 1
            if paragraphs > 2:
                return []  # the last "teaser" runs on: a story with linked subheadings
            if size >= MIN_BODY_CHARS and len(teasers) > 1 and _contains(item, teasers[0]):
                return []  # teasers set side by side, then a long block among them: the story
        elif column is None or el.getparent() is column:
            return []  # prose beside the teasers' box, not in a box of its own: the story goes on
    return teasers


def _teasers_are_the_page(
    teasers: list[HtmlElement], headline: HtmlElement | None, page_url: str, prose: tuple[HtmlElement | None, int]
) -> int:
    """How many teasers stand under the headline (``teasers``: :func:`teasers_under_headline`) when they are
    the page: its largest block of prose (``prose``: :func:`_prose_block`) is short, holds them or is one of
    them (a story further down, even set without ``<p>``, keeps the page an article with a related box above
    its text)."""
    if headline is not None and teasers and headline.tag in _TEASER_HEADINGS and _teaser_link(headline, page_url):
        teasers = [headline, *teasers]  # the "headline" found is itself a lead story's link: a home page's lead
    if len(teasers) < MIN_LISTED_ITEMS:
        return 0
    block, size = prose
    if block is None or size < MIN_BODY_CHARS:
        return len(teasers)
    if any(_contains(block, teaser) for teaser in teasers):
        return len(teasers)  # the longest prose holds the teasers
    common = _common_block(teasers)
    items = {teaser.getparent() for teaser in teasers} - {common}  # each teaser in a block of its own
    if any(_contains(item, block) for item in items):
        return len(teasers)  # the longest prose is one teaser's text
    return 0


_LIST_TAGS = frozenset({"ul", "ol"})


def _dated_post(item: HtmlElement, page_url: str) -> bool:
    """A list item that is one of the site's posts: a link of three words or more (a headline) to another of its
    articles (:func:`_teaser_link`), and a date (a ``<time>`` or a line that is only a date)."""
    if not any(_words(a.text_content()) >= 3 for a in item.iter("a")) or not _teaser_link(item, page_url):
        return False
    return item.find(".//time") is not None or any(is_date_line(text) for text in item.itertext())


def _holds_text_itself(el: HtmlElement) -> bool:
    """Whether the text ``el`` holds directly is page text: not code, not a link's or inside one."""
    return el.tag not in _SKIP and el.tag != "a" and not any(anc.tag == "a" for anc in el.iterancestors())


def _text_between(first: HtmlElement, last: HtmlElement) -> int:
    """Characters of text outside links after ``first`` and before ``last`` (in document order), whatever holds it:
    paragraphs or ``<br>`` soup."""
    total = 0
    for el in following(first):
        if el is last:
            break
        if _holds_text_itself(el):
            total += direct_text_chars(el)
    return total


def _dated_posts_under(headline: HtmlElement | None, page_url: str) -> int:
    """How many of the site's dated posts (:func:`_dated_post`) the first list under the page's headline holds, when
    that list is what the page shows (a topic page, a dossier: a short intro, then the posts): at least
    :data:`MIN_LISTED_ITEMS` of them, no heading between the headline and the list (a headed list is a box of
    related posts), less than :data:`MIN_BODY_CHARS` of text before it (:func:`_text_between`), and no paragraph of
    :data:`MIN_TEASER_PARAGRAPH_CHARS` after it in the block that holds it and the headline (the story going on after
    a box of links); else 0. Lists without a dated post (a share bar, tags, a story's bullet points) are passed
    over."""
    if headline is None:
        return 0
    found: HtmlElement | None = None
    dated = 0
    for el in following(headline):
        if el.tag in _HEADING_TAGS:
            return 0
        if el.tag in _LIST_TAGS:
            dated = sum(1 for li in el.iterchildren("li") if _dated_post(li, page_url))
            if dated:
                found = el
                break
    if found is None or dated < MIN_LISTED_ITEMS:
        return 0
    if _text_between(headline, found) >= MIN_BODY_CHARS:
        return 0
    page = _common_block([headline, found])
    for el in following(found):
        if not _contains(page, el):
            break
        if not _holds_text_itself(el):
            continue
        text = _unlinked_text(el) if el.tag == "p" else direct_text_chars(el)
        if text >= MIN_TEASER_PARAGRAPH_CHARS:
            return 0  # the story goes on after a box of links
    return dated


def _common_block(elements: list[HtmlElement]) -> HtmlElement:
    """The innermost block that holds all of ``elements``."""
    first = elements[0]
    for block in first.iterancestors():
        if all(_contains(block, el) for el in elements[1:]):
            return block
    return first


def _contains(outer: HtmlElement | None, inner: HtmlElement) -> bool:
    return outer is not None and any(a is outer for a in inner.iterancestors())


_HOME_PATHS = frozenset({"", "index.html", "index.php", "ar", "fr", "en", "ar/index.html", "ar/index.php"})


def _home_url(address: str) -> bool:
    """A site's root, its index or its language's root ("/ar", "/fr/"), with no query: the home page's address."""
    parts = urlsplit(address)
    path = unquote(parts.path or "/").strip("/").lower()
    return parts.scheme in ("http", "https") and path in _HOME_PATHS and not parts.query


def not_article_reason(
    tree: HtmlElement, url: str, has_date: bool, canonical: str | None = None, headline: HtmlElement | None = None
) -> str | None:
    """Why this page is not an article (None: it is one, as far as the page tells). A web archive's
    replay URL is judged by the original URL it shows; a listing's URL shape counts in the address it
    was fetched at and in the canonical address it declares (a saved page has only the latter).
    ``headline``: the page's headline element when the caller found it already (:func:`find_headline`)."""
    original = archived_original(url) or url
    parts = urlsplit(original)
    path = unquote(parts.path or "/")
    web = parts.scheme in ("http", "https")
    declared = canonical_hrefs(tree) + ([canonical] if canonical else [])
    if _home_url(original) or (any(_home_url(urljoin(original, h)) for h in declared) and not _titled_story(tree)):
        return "the site's home page"  # a canonical address may point home from every page: the title says
    site_page = _site_page_name(tree)  # first: CMSs mark their pages as articles too (og:type, JSON-LD)
    if site_page is not None:
        return f"a page about the site ({site_page})"
    headline = headline if headline is not None else find_headline(tree)
    section = _section_title(tree, headline)
    if section is not None:
        return f"a section page ({section})"
    archive = _archive_heading(tree, headline) or _tagged_title(tree)
    if archive is not None:
        return f"an archive page ({archive})"
    posts = _posts_heading(tree, headline)
    if posts is not None:
        return f"an author's page ({posts})"
    writer = _bylined_posts(headline)
    if writer is not None:
        return f"an author's page (posts bylined {writer})"
    if not has_date and (overview := _overview_title(tree)) is not None:
        return f"a page about the site ({overview}, and no date)"
    read: tuple[HtmlElement | None, int] | None = None  # the prose block, once found (step 6 reads it too)
    on_page = _more_links(tree)  # before the markup: a digest comes in the article template
    if on_page >= MIN_LISTED_ITEMS:
        read = _prose_block(tree)
        block = read[0]
        around = block.getparent() if block is not None and block.getparent() is not None else block
        more = _more_links(around) if around is not None else 0
        if more >= MIN_LISTED_ITEMS:
            return f"a digest: {more} summaries each with its link to the full story"
        alike = _alike_summaries(block) if block is not None else 0
        if alike >= MIN_LISTED_ITEMS:
            return f"a digest: its longest text is one of {alike} alike summaries, each with its link to the full story"
        if read[1] < MIN_BODY_CHARS:  # no article body anywhere: the summaries are the page (a dossier)
            return f"a digest: {on_page} summaries with links to the full stories and no article body"
    teasers = teasers_under_headline(headline, original)
    if len(teasers) >= MIN_LISTED_ITEMS - 1:  # a lead story's heading may make the third
        read = read if read is not None else _prose_block(tree)
    linked = _teasers_are_the_page(teasers, headline, original, read) if read is not None else 0
    if linked:
        return f"{linked} linked headlines with teasers under the page's headline, before any article body"
    dated = _dated_posts_under(headline, original)
    if dated:
        return f"a short text over a list of {dated} dated posts of the site: a topic page"
    types = _ld_types(tree)
    if types & ARTICLE_TYPES:
        return None
    listing_types = types & LISTING_TYPES
    if listing_types - {"website"}:
        return f"JSON-LD says {', '.join(sorted(listing_types - {'website'}))}"
    for address in (original, canonical, *_og_addresses(tree, original)):
        listing = _listing_url(address) if address else None
        if listing is not None:
            return f"a listing URL ({listing})"
    og_type = " ".join(_OG_TYPE(tree)).strip().lower()
    if og_type == "article":
        return None
    if og_type in NOT_ARTICLE_OG_TYPES:
        return f"og:type says {og_type}"
    if og_type == "website" and _names_only_the_site(tree):
        return "the site's home page (its title and headline name the site)"
    if og_type == "website" and _titled_as_home(tree):
        return "the site's home page (its title is the site's name or says home)"
    if og_type in ("", "website") and _title_says_home(tree):
        return "the site's home page (its title says home)"
    static = og_type == "website" and types and types <= _STATIC_PAGE_TYPES and not has_date
    if static and not _names_an_article_type(tree):  # a block that did not parse may still name one
        return "a page of the site: JSON-LD says only WebPage, og:type says website, and it carries no date"
    bulletin = _untitled_headlines(tree)
    if bulletin >= MIN_LISTED_ITEMS:
        return f"{bulletin} headlines (<h1>), none named by the page's title: a bulletin of items, not one article"
    items = _microdata_items(tree)
    teaser_items = [item for item in items if _HEADLINE_LINKS(item)]
    if (
        len(teaser_items) >= MIN_LISTED_ITEMS
        and not any(_unlinked_text(item) >= MIN_BODY_CHARS for item in items if item not in teaser_items)
        and not any(_words(h.text_content()) >= MIN_HEADLINE_WORDS for h in tree.iter("h1"))
    ):
        return f"{len(teaser_items)} article teasers (microdata) and no headline"
    teasers = [a for a in _LINKS(tree) if _words(a.text_content()) >= 4]
    block, prose = read if read is not None else _prose_block(tree)
    if block is not None and prose >= MIN_BODY_CHARS:
        teasers = [h for h in _HEADLINE_LINKS(block) if _words(h.text_content()) >= 3]
        if len(teasers) >= 3 and _prose_before(block, teasers[0]) < MIN_BODY_CHARS:
            return f"a list of {len(teasers)} headline links, not one article"
        if prose < 2 * MIN_BODY_CHARS and len(teasers) < 3 and (counter := _result_counter(tree)) is not None:
            return f"a short text over a counted list ({counter})"
        if _linked_headings(tree, MIN_LISTED_ITEMS):
            own = {original, *(urljoin(original, href) for href in (*canonical_hrefs(tree), *_OG_URL(tree)))}
            in_full = _posts_in_full(block, original, own)
            if in_full >= MIN_LISTED_ITEMS:
                return f"a list of {in_full} posts shown in full, each under its linked title: its longest text is one"
        return None  # the linked headlines after a whole text are its related posts
    if has_date and prose >= MIN_BRIEF_CHARS and ((web and _ARTICLE_URL.search(path)) or has_own_headline(tree)):
        return None  # a dated brief at an article-like URL or under its own headline
    if teasers:
        return f"no article body (longest text block {prose} characters) and {len(teasers)} headline links"
    if not has_date and (not web or not _ARTICLE_URL.search(path)):
        return "no article body, no date, no article markup"
    return None
