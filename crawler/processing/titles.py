"""Clean headlines: drop the site name that CMSs glue to ``<title>`` and ``og:title``."""

from __future__ import annotations

import re

from crawler.processing.facts import stem
from crawler.processing.normalize import normalize

_SEPARATORS = re.compile(r"\s+(?:[|｜–—\-:»«•·/]|::|\|\|)\s+|\s*(?:::|\|)\s*")
_ELLIPSIS = ("…", "...", "..")
_MIN_HEADLINE = 10  # normalised characters: shorter <h1>s are logos or section names
_MAX_SITE_WORDS = 5  # a part dropped without naming the site is at most this long
_MAX_HEADLINE_WORDS = 40  # a longer "headline" is a block of text
MIN_HEADLINE_WORDS = 3  # a shorter heading is a section name or a logo
MIN_SHARED_WORDS = 3  # words a headline must share with the title to replace it


def clean_title(title: str | None, site: str | None, h1s: list[str]) -> str | None:
    """Return the headline without a site-name prefix or suffix.

    The longest ``<h1>`` that the title contains wins (it is the clean headline; an
    ``<h1>`` that only names the site does not count); a title cut with "…" that an
    ``<h1>`` completes gives that ``<h1>``. Otherwise the title is split on the usual
    separators ("|", "–", "-", "::", "»") and the parts that name the site are dropped,
    or, when none does, a short first or last part (typical "Site – Headline").
    """
    site_norm = normalize(site or "")
    headlines = [h for h in (" ".join(h.split()) for h in h1s) if h and not _names_site(h, site_norm)]
    if not title:
        return max(headlines, key=len) if headlines else None
    title = " ".join(title.split())
    norm_title = normalize(title)
    contained = [h for h in headlines if len(normalize(h)) >= _MIN_HEADLINE and normalize(h) in norm_title]
    if contained:
        return max(contained, key=lambda h: len(normalize(h)))
    cleaned = _strip_site(title, site_norm)
    if cleaned.endswith(_ELLIPSIS):
        stem = normalize(cleaned.rstrip(".… "))
        for h in headlines:
            if len(stem) >= _MIN_HEADLINE and normalize(h).startswith(stem):
                return h
    return cleaned


def shown_headline(title: str | None, headline: str | None) -> str | None:
    """The headline the page shows instead of ``title`` (its ``<title>`` or ``og:title``) when both
    tell one story: the headline says at least :data:`MIN_SHARED_WORDS` of the title's words (without
    clitics; all of them for a shorter title). A CMS's SEO title is often a shortened headline
    ("انطلاق حملة الحصاد بسطيف" for "سطيف: انطلاق حملة الحصاد وتوقعات بإنتاج …"), a longer one written for
    search ("… التفاصيل والفئات المعنية"), another wording, or an older one the editors never updated;
    the headline is what readers see as the title. A heading that shares fewer words with the title
    (a section name, a logo, another story) leaves the title as it is, unless the title is one word (a wiki's
    page name, a bare label)."""
    if not title or not headline:
        return title
    headline = _undecorated(" ".join(headline.split()))
    title_words, head_words = normalize(title).split(), normalize(headline).split()
    if not MIN_HEADLINE_WORDS <= len(head_words) <= _MAX_HEADLINE_WORDS:
        return title
    # without clitics: "بسطيف" in the title, "سطيف" in the headline; a word's own first letter may look like one
    # ("وحدة" in the title, "لوحدة" in the headline): the word itself counts as well as its stem
    stems = {stem(w) for w in head_words}
    said = sum(1 for w in title_words if stem(w) in stems or w in stems)
    if len(title.split()) == 1:
        return headline  # one word, not the headline's: the page's name or path, a label ("Akhbar/DarbAinJanna")
    return headline if said >= min(MIN_SHARED_WORDS, len(title_words)) else title


# a forum theme's topic header around the subject: "الكاتب موضوع: …", "Topic: …" before; "(قراءة 1,432 مرات)",
# "(Read 98 times)" after
_TOPIC_LABEL = re.compile(r"^(?:(?:الكاتب|الكاتبة|author|auteur)\s+)?(?:موضوع|الموضوع|topic|sujet)\s*[:：]\s*", re.I)
_READ_COUNTER = re.compile(
    r"\s*[(\[]\s*(?:(?:قراءة|القراءات|مشاهدة|المشاهدات|read|views?|lu)\s*)?[\d٠-٩][\d٠-٩,.\s]*"
    r"(?:مرات|مرة|قراءة|مشاهدة|times|views|fois)\s*[)\]]$",
    re.I,
)


def _undecorated(headline: str) -> str:
    """A heading without a forum topic header's labels and read counter (see :data:`_TOPIC_LABEL`)."""
    return _READ_COUNTER.sub("", _TOPIC_LABEL.sub("", headline)).strip() or headline


def _names_site(part: str, site_norm: str) -> bool:
    norm = normalize(part)
    return (
        bool(site_norm)
        and bool(norm)
        and (norm == site_norm or norm in site_norm or site_norm in norm)
        and len(norm) < 40
    )


def _strip_site(title: str, site_norm: str) -> str:
    parts = [p.strip() for p in _SEPARATORS.split(title) if p and p.strip()]
    if len(parts) < 2:
        return title
    kept = [p for p in parts if not _names_site(p, site_norm)]
    if len(kept) == len(parts):
        # No part names the site: drop a short first or last part (typical "Site – Headline").
        longest = max(parts, key=len)
        last_short = len(parts[-1]) * 3 < len(longest) and len(parts[-1].split()) <= _MAX_SITE_WORDS
        first_short = len(parts[0]) * 3 < len(longest) and len(parts[0].split()) <= _MAX_SITE_WORDS
        if last_short:
            kept = parts[:-1]
        elif first_short:
            kept = parts[1:]
    if not kept:
        return title
    # Re-join with the original separators when a headline itself contained one.
    start, end = title.find(kept[0]), title.rfind(kept[-1]) + len(kept[-1])
    return title[start:end].strip() if start >= 0 and end > start else " ".join(kept)
