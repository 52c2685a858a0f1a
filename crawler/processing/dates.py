"""Find an article's publication date, Arabic-aware.

Sources, most trustworthy first: JSON-LD ``datePublished``; ``<meta>`` publication
tags; an ``itemprop="datePublished"`` element; then the dates shown around the
headline (``<time datetime>``, Maghrebi, Levantine and Egyptian month names,
Arabic-Indic digits, weekday prefixes, numeric forms, relative dates such as
"منذ 3 ساعات" resolved against the fetch time), ranked by where they sit; a date in
the URL; last, trafilatura's own guess (htmldate). Results are ISO 8601 strings:
``YYYY-MM-DD``, or with a time; a time the page gives with an offset (UTC ``Z``, Abu
Dhabi's ``+04:00``) is stored on the archive's clock, :data:`ARCHIVE_TIMEZONE`
(Africa/Casablanca: UTC+1, UTC+0 in Ramadan), so that an article's day is the day its
readers saw (23:20 UTC on the 1st is the 2nd in Casablanca). A time without an offset is
the page's own wall clock and is kept as it is.

The ranking is what keeps other articles' dates out: every page also shows dates
of sidebar teasers, a pulled-in "read also" article, comments and the modification
time. A date labelled as the publication date wins; then a short date line nearest
the headline, before the article's prose starts; dates in links, beside a
headline-length link, in furniture blocks, or further down come last or never.
Run it on the page before boilerplate removal: the cleaning may drop the byline box.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone, tzinfo
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from hijridate import Hijri
from lxml.etree import XPath
from lxml.html import HtmlElement

from crawler.processing.normalize import fold
from crawler.processing.ownarticle import find_headline, story_block

ARCHIVE_TIMEZONE = "Africa/Casablanca"

# Month names after fold() (alef/yeh/teh-marbuta folded). Longest first in the regex.
_MONTHS: dict[str, int] = {}
for _names in (
    "يناير فبراير مارس ابريل ماي يونيو يوليوز غشت شتنبر اكتوبر نونبر دجنبر",  # Morocco
    "يناير فبراير مارس ابريل مايو يونيو يوليو اغسطس سبتمبر اكتوبر نوفمبر ديسمبر",  # Egypt, Gulf
    "جانفي فيفري مارس افريل ماي جوان جويليه اوت سبتمبر اكتوبر نوفمبر ديسمبر",  # Algeria, Tunisia
):
    for _i, _name in enumerate(_names.split(), start=1):
        _MONTHS[_name] = _i
_MONTHS.update({"يوليه": 7, "جويلية": 7, "ماييو": 5, "اغشت": 8, "ابريل": 4, "أبريل": 4, "دجمبر": 12})
for _i, _name in enumerate(
    (
        "كانون الثاني",
        "شباط",
        "اذار",
        "نيسان",
        "ايار",
        "حزيران",
        "تموز",
        "اب",
        "ايلول",
        "تشرين الاول",
        "تشرين الثاني",
        "كانون الاول",
    ),
    start=1,
):
    _MONTHS[_name] = _i
_FR = {
    "janvier": 1, "fevrier": 2, "février": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "aout": 8, "août": 8, "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12, "décembre": 12,
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
}  # fmt: skip
_MONTH_ALT = "|".join(sorted((re.escape(m) for m in (*_MONTHS, *_FR)), key=len, reverse=True))
# "12 نونبر 2024", "14 (تموز) 2024", "14 يونيو/ حزيران 2024" (both calendars' names), "11. أيار 2025"
# (Serendipity's day with a period), optional "- 14:35"
_NAMED = re.compile(
    rf"(?<!\d)(\d{{1,2}})\.?\s*(?:من\s+)?\(?\s*({_MONTH_ALT})\s*\)?(?:\s*/\s*(?:{_MONTH_ALT}))?\s*[,،]?\s*(\d{{4}})"
    r"(?:\s*(?:[-–|،,]|على\s+الساعة|الساعة|at|à)?\s*(\d{1,2})[:h](\d{2}))?",
    re.I,
)
# English CMS formats, month first: "Jan 21, 2025 10:05 AM", "September 3, 2024 at 9:40 pm", "Sept. 3, 2024"
_EN_MONTHS = {
    name: i
    for i, names in enumerate(
        (
            "january jan", "february feb", "march mar", "april apr", "may", "june jun", "july jul",
            "august aug", "september sept sep", "october oct", "november nov", "december dec",
        ),
        start=1,
    )
    for name in names.split()
}  # fmt: skip
# ... and in Arabic, as an English-made CMS prints "F d, Y" in an Arabic locale: "الأربعاء, أكتوبر 09, 2024"
_EN_MONTH_ALT = "|".join(sorted((*_EN_MONTHS, *_MONTHS), key=len, reverse=True))
_MONTH_FIRST = re.compile(
    rf"(?<![^\W\d_])({_EN_MONTH_ALT})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?[,،]?\s+(\d{{4}})"
    r"(?:\s*(?:,|-|–|\||at)?\s*(\d{1,2}):(\d{2})(?:\s*([ap])\.?m\b\.?)?)?",
    re.I,
)
# ... and day first, as Oracle and other English-made systems print it: "05-OCT-2025", "5 Oct. 2025"
_DAY_MONTH_EN = re.compile(
    rf"(?<!\d)(\d{{1,2}})(?:st|nd|rd|th)?[-/. ]({'|'.join(sorted(_EN_MONTHS, key=len, reverse=True))})\.?[-/. ,]+"
    r"(\d{4})(?!\d)"
    r"(?:\s+(\d{1,2}):(\d{2}))?",
    re.I,
)
# Hijri dates after fold(): "8 ذو القعده 1446هـ", "14 رجب 1446" (read as Umm al-Qura dates)
_HIJRI_MONTHS = {
    "محرم": 1, "صفر": 2, "ربيع الاول": 3, "ربيع الثاني": 4, "ربيع الاخر": 4, "جمادي الاولي": 5, "جمادي الاول": 5,
    "جمادي الاخره": 6, "جمادي الثانيه": 6, "جمادي الاخر": 6, "رجب": 7, "شعبان": 8, "رمضان": 9, "شوال": 10,
    "ذو القعده": 11, "ذي القعده": 11, "ذو الحجه": 12, "ذي الحجه": 12,
}  # fmt: skip
_HIJRI_SEP = r"(?:\s+|\s*/\s*)"  # "6 جمادى الأولى 1447", .NET's "06/جمادى الأولى/1447"
_HIJRI_DATE = re.compile(
    rf"(?<!\d)(\d{{1,2}}){_HIJRI_SEP}(?:من\s+)?({'|'.join(sorted(_HIJRI_MONTHS, key=len, reverse=True))})"
    rf"{_HIJRI_SEP}(1[34]\d{{2}})(?!\d)"
)
_ISO = re.compile(r"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T\s,-]+(\d{1,2}):(\d{2})(?::\d{2})?)?(?!\d)")
# "21/10/2024", "21-10-2024 10:30", and slashes between spaces ("٩ / ٦ / ٢٠٢٥"); not dashes between spaces (a score)
_DMY = re.compile(
    r"(?<!\d)(\d{1,2})(?:[-/.]|\s+/\s+)(\d{1,2})(?:[-/.]|\s+/\s+)(\d{4})(?:\s*[-–|،,]?\s*(\d{1,2}):(\d{2})(?::\d{2})?)?"
    r"(?!\d)"
)
_URL_DATE = re.compile(r"/(20\d{2}|19\d{2})[/-](\d{1,2})(?:[/-](\d{1,2}))?(?:/|-|$)")
_RELATIVE = re.compile(
    r"منذ\s+(\d+|دقيقتين|دقيقه|ساعتين|ساعه|يومين|يوم|اسبوعين|اسبوع|شهرين|شهر)?\s*"
    r"(دقيقتين|دقيقه|دقائق|ساعتين|ساعه|ساعات|يومين|يوم|ايام|اسبوعين|اسبوع|اسابيع|شهرين|شهر|اشهر|شهور)?"
)
_RELATIVE_UNITS = {
    "دقيقه": timedelta(minutes=1), "دقائق": timedelta(minutes=1), "دقيقتين": timedelta(minutes=2),
    "ساعه": timedelta(hours=1), "ساعات": timedelta(hours=1), "ساعتين": timedelta(hours=2),
    "يوم": timedelta(days=1), "ايام": timedelta(days=1), "يومين": timedelta(days=2),
    "اسبوع": timedelta(weeks=1), "اسابيع": timedelta(weeks=1), "اسبوعين": timedelta(weeks=2),
    "شهر": timedelta(days=30), "اشهر": timedelta(days=30), "شهور": timedelta(days=30), "شهرين": timedelta(days=60),
}  # fmt: skip
_META_NAMES = (
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "date",
    "dc.date.issued",
    "dc.date.created",
    "date-creation-yyyymmdd",  # SPIP and other French CMSs: "20241211"
    "dcterms.issued",
    "dc.date",
    "dcterms.created",
    "dcterms.date",
    "sailthru.date",
    "parsely-pub-date",
    "article.published",
    "published-date",
    "release_date",
)
# class/id words (at a word start: "has-sidebar", "recentNews", "comment-list") of blocks whose dates
# belong to other articles or to readers. Not "widget": page builders call every block of the article
# one ("elementor-widget-post-info" holds the post's own date); a theme's sidebar widgets sit in a
# sidebar, an <aside> or a "recent"/"popular" list, which are named here.
_FURNITURE_ANCESTOR = re.compile(
    r"(?:^|[\s_-])(?:sidebar|related|comment|footer|recent|popular|most|aside|nav|menu|reply|teaser|"
    r"trending|latest|more|read-?also|similar|breaking|ticker)",
    re.I,
)


def _valid(y: int, m: int, d: int, hh: int | None = None, mm: int | None = None) -> str | None:
    try:
        dt = datetime(y, m, d, hh or 0, mm or 0)
    except ValueError:
        return None
    if not 1995 <= y <= 2100:
        return None
    return dt.strftime("%Y-%m-%dT%H:%M:00") if hh is not None else dt.strftime("%Y-%m-%d")


def parse_iso(value: str) -> str | None:
    """Normalise a machine-readable date/time string to ISO 8601 (keeps its offset)."""
    value = fold(value.strip())
    if not value:
        return None
    try:
        dt = datetime.fromisoformat(value.replace("Z", "+00:00").replace(" ", "T", 1))
    except ValueError:
        match = _ISO.search(value)
        if not match:
            return None
        y, m, d, hh, mm = match.groups()
        return _valid(int(y), int(m), int(d), int(hh) if hh else None, int(mm) if mm else None)
    if not 1995 <= dt.year <= 2100:
        return None
    if dt.hour == dt.minute == dt.second == 0 and "T" not in value and ":" not in value:
        return dt.strftime("%Y-%m-%d")
    return dt.replace(microsecond=0).isoformat()


@cache
def _archive_zone() -> ZoneInfo | None:
    try:
        return ZoneInfo(ARCHIVE_TIMEZONE)
    except (ZoneInfoNotFoundError, ValueError):  # no zone database on this machine: keep the page's offset
        return None


def on_archive_clock(iso: str) -> str:
    """``iso`` moved to :data:`ARCHIVE_TIMEZONE` when it carries an offset; else unchanged."""
    zone = _archive_zone()
    if zone is None or "T" not in iso:
        return iso
    try:
        dt = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if dt.tzinfo is None:
        return iso
    return dt.astimezone(zone).isoformat()


_FOUR_DIGITS = re.compile(r"\d{4}")


def parse_visible(text: str, month_first: bool = False) -> str | None:
    """Parse the first human-readable date in ``text`` (Arabic, French, English, numeric). Numeric dates
    are read day first, unless ``month_first`` (the page writes ``MM/DD/YYYY``: :func:`writes_month_first`)."""
    folded = fold(text)
    if not _FOUR_DIGITS.search(folded):
        return None  # every form below states its year
    candidates: list[tuple[int, str]] = []
    for match in _NAMED.finditer(folded):
        day, month_name, year, hh, mm = match.groups()
        month = _MONTHS.get(month_name) or _FR.get(month_name.lower())
        if month:
            iso = _valid(int(year), month, int(day), int(hh) if hh else None, int(mm) if mm else None)
            if iso:
                candidates.append((match.start(), iso))
                break
    for match in _ISO.finditer(folded):
        y, m, d, hh, mm = match.groups()
        iso = _valid(int(y), int(m), int(d), int(hh) if hh else None, int(mm) if mm else None)
        if iso:
            candidates.append((match.start(), iso))
            break
    for match in _DMY.finditer(folded):
        d, m, y, hh, mm = match.groups()
        if month_first and "/" in match.group(0):
            d, m = m, d
        iso = _valid(int(y), int(m), int(d), int(hh) if hh else None, int(mm) if mm else None)
        if iso:
            candidates.append((match.start(), iso))
            break
    for match in _MONTH_FIRST.finditer(folded):
        month_name, d, y, hh, mm, half = match.groups()
        hour = _twelve_hour(int(hh), half) if hh else None
        month = _EN_MONTHS.get(month_name.lower()) or _MONTHS[month_name]
        iso = _valid(int(y), month, int(d), hour, int(mm) if mm else None)
        if iso:
            candidates.append((match.start(), iso))
            break
    for match in _DAY_MONTH_EN.finditer(folded):
        d, month_name, y, hh, mm = match.groups()
        iso = _valid(int(y), _EN_MONTHS[month_name.lower()], int(d), int(hh) if hh else None, int(mm) if mm else None)
        if iso:
            candidates.append((match.start(), iso))
            break
    if not candidates:
        return _hijri(folded)
    return min(candidates)[1]


def _twelve_hour(hour: int, half: str | None) -> int:
    """A clock hour with its "AM"/"PM" ("a"/"p"): 12 AM is midnight, 12 PM noon; an out-of-range hour stays,
    for :func:`_valid` to refuse."""
    if half is None or not 1 <= hour <= 12:
        return hour
    return hour % 12 + (12 if half.lower() == "p" else 0)


def _hijri(folded: str) -> str | None:
    """The first Hijri date in ``folded`` as a Gregorian date, by the Umm al-Qura calendar (``hijridate``:
    the Saudi official calendar, which most Arabic sites that print only a Hijri date follow; elsewhere a
    sighting may put the month a day off)."""
    for match in _HIJRI_DATE.finditer(folded):
        day, month_name, year = match.groups()
        try:
            gregorian = Hijri(int(year), _HIJRI_MONTHS[month_name], int(day)).to_gregorian()
        except (ValueError, OverflowError):
            continue
        iso = _valid(gregorian.year, gregorian.month, gregorian.day)
        if iso:
            return iso
    return None


# what may stand beside a date on a line that states only a date: weekdays, clock words, time zones
# (folded as :func:`is_date_line` reads the line: one spelling of each is enough)
_DATE_LINE_WORDS = frozenset(
    fold(word).lower()
    for word in (
        *("السبت", "الأحد", "الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة"),
        *("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
        *("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
        *("ص", "م", "صباحا", "مساء", "مساءا", "الساعة", "بتوقيت", "gmt", "utc", "am", "pm", "h"),
    )
)
_CLOCK = re.compile(r"(?<!\d)\d{1,2}[:h]\d{2}(?::\d{2})?(?!\d)")
_DATE_LINE_CHARS = 60  # longer lines say more than a date


def is_date_line(text: str) -> bool:
    """Whether ``text`` states a date (and maybe a weekday and a time) and nothing else:
    "22-9-2024 | 13:45", "الأحد 12 نونبر 2024 - 10:30". Such a line is a page's date stamp,
    never a sentence of an article."""
    stripped = text.strip()
    if len(stripped) > _DATE_LINE_CHARS or parse_visible(stripped) is None:
        return False
    rest = fold(stripped)
    for pattern in (_HIJRI, _NAMED, _ISO, _DMY, _CLOCK):
        rest = pattern.sub(" ", rest)
    words = re.findall(r"[^\W\d_]+", rest)
    return not re.search(r"\d", rest) and all(w.lower() in _DATE_LINE_WORDS for w in words)


# Hijri dates after fold(): "16 ذو القعدة 1446 هـ", "8 ذي القعده 1446"
_HIJRI = re.compile(
    r"(?<!\d)\d{1,2}" + _HIJRI_SEP + "(?:"
    + "|".join(
        re.escape(m)
        for m in sorted(
            (
                "محرم", "صفر", "ربيع الاول", "ربيع الثاني", "ربيع الاخر", "جمادي الاولي", "جمادي الاخره",
                "جمادي الثانيه", "رجب", "شعبان", "رمضان", "شوال", "ذو القعده", "ذي القعده", "ذو الحجه", "ذي الحجه",
            ),
            key=len,
            reverse=True,
        )
    )
    + ")" + _HIJRI_SEP + r"\d{4}\s*(?:هـ|ه)?(?!\w)"
)  # fmt: skip
# what a dated sign-off says besides its date and its place: "صدر في زليتن بتاريخ …", "حرر بمارع في … الموافق لـ …"
_SIGNOFF_WORDS = frozenset(
    fold(word).lower() for word in ("صدر", "حرر", "صدرت", "بتاريخ", "في", "الموافق", "الموافق لـ", "لـ", "ل", "هـ", "ه")
)
MAX_SIGNOFF_PLACE_WORDS = 2
MAX_SIGNOFF_CHARS = 110


def is_dated_signoff(text: str) -> bool:
    """Whether ``text`` is a statement's closing line of place and date: "مارع في 16 ذو القعدة 1446 هـ",
    "صدر في زليتن بتاريخ 20 ذو القعدة 1446 هـ الموافق 18 مايو 2025": a date (either calendar), a place of at
    most two words, and only the words such lines use besides."""
    stripped = text.strip()
    if len(stripped) > MAX_SIGNOFF_CHARS:
        return False
    rest = fold(stripped)
    dated = False
    for pattern in (_HIJRI, _NAMED, _ISO, _DMY):
        rest, found = pattern.subn(" ", rest)
        dated = dated or found > 0
    words = [w for w in re.findall(r"[^\W\d_]+", rest) if w.lower() not in _SIGNOFF_WORDS | _DATE_LINE_WORDS]
    return dated and not re.search(r"\d", rest) and len(words) <= MAX_SIGNOFF_PLACE_WORDS


# "أمس, 11:40 م", "اليوم 07:10 ص": a day named relative to the fetch, maybe with its wall-clock time
_NAMED_DAY = re.compile(r"^\W*(امس|البارحه|اليوم)\b[\s,،|\-]*(?:(\d{1,2}):(\d{2})\s*(ص|م|am|pm)?)?\W*$", re.I)


# "5 ابريل، 11:30", "1 جانفي", "28 ديسمبر 09:10 م" (folded): a day and a month alone, maybe with the time
_YEARLESS = re.compile(r"^\W*(\d{1,2})\s+([^\W\d_]+)\b[\s,،|\-]*(?:(\d{1,2}):(\d{2})\s*(ص|م|am|pm)?)?\W*$", re.I)


def _named_day(folded: str, fetched_at: str) -> str | None:
    match = _NAMED_DAY.match(folded)
    if match is None:
        return None
    try:
        base = datetime.fromisoformat(fetched_at)
    except ValueError:
        return None
    day = (base - timedelta(days=0 if match.group(1) == "اليوم" else 1)).date()
    hour, minute = _day_clock(int(match.group(2) or 0), match.group(4)), int(match.group(3) or 0)
    if hour > 23 or minute > 59:
        return None
    return datetime(day.year, day.month, day.day, hour, minute).isoformat()


def _day_clock(hour: int, half: str | None) -> int:
    """``hour`` on a 24-hour clock, from a 12-hour one when ``half`` says which ("م"/"pm", "ص"/"am")."""
    half = (half or "").lower()
    if half in ("م", "pm") and hour < 12:
        return hour + 12
    if half in ("ص", "am") and hour == 12:
        return 0
    return hour


def _yearless(folded: str, fetched_at: str) -> str | None:
    """A stamp of a day and a month without the year, maybe with its time ("5 ابريل، 11:30", "1 جانفي"): the most
    recent such day on or before the fetch (social and forum software print this year's posts so)."""
    match = _YEARLESS.match(folded)
    month = _MONTHS.get(match.group(2)) if match else None
    if match is None or month is None:
        return None
    try:
        base = datetime.fromisoformat(fetched_at)
    except ValueError:
        return None
    day = _valid(base.year, month, int(match.group(1)))
    if day is not None and day > base.date().isoformat():
        day = _valid(base.year - 1, month, int(match.group(1)))
    if day is None or match.group(3) is None:
        return day
    hour, minute = _day_clock(int(match.group(3)), match.group(5)), int(match.group(4))
    return f"{day}T{hour:02d}:{minute:02d}:00" if hour <= 23 and minute <= 59 else day


def parse_relative(text: str, fetched_at: str) -> str | None:
    """Resolve "منذ 3 ساعات", "أمس, 11:40 م", a stamp without its year ("5 ابريل، 11:30") and the like against the
    fetch time."""
    folded = fold(text)
    named = _named_day(folded.strip(), fetched_at) or _yearless(folded.strip(), fetched_at)
    if named is not None:
        return named
    match = _RELATIVE.search(folded)
    if not match or not (match.group(1) or match.group(2)):
        return None
    count_s, unit = match.group(1), match.group(2)
    if count_s and not count_s.isdigit():  # "منذ ساعتين"
        unit, count = count_s, 1
    else:
        count = int(count_s) if count_s else 1
    if unit not in _RELATIVE_UNITS:
        return None
    try:
        base = datetime.fromisoformat(fetched_at)
    except ValueError:
        return None
    return (base - count * _RELATIVE_UNITS[unit]).replace(second=0, microsecond=0).isoformat()


def _json_ld_dates(tree: HtmlElement) -> Iterator[str]:
    for script in tree.iterfind(".//script"):
        if "ld+json" not in (script.get("type") or ""):
            continue
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        stack = [data]
        while stack:
            node = stack.pop(0)
            if isinstance(node, list):
                stack.extend(node)
            elif isinstance(node, dict):
                if isinstance(node.get("datePublished"), str):
                    yield node["datePublished"]
                stack.extend(v for k, v in node.items() if k in ("@graph", "mainEntity", "mainEntityOfPage"))


def _meta_dates(tree: HtmlElement) -> Iterator[str]:
    found: dict[str, str] = {}
    for meta in tree.iterfind(".//meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key in _META_NAMES and meta.get("content") and key not in found:
            found[key] = meta.get("content", "")
    for name in _META_NAMES:
        if name in found:
            yield found[name]


def _in_furniture(el: HtmlElement, article: frozenset[HtmlElement] = frozenset()) -> bool:
    """Inside a sidebar, comment list, footer, menu, ticker…; containers of the headline (``article``) never count.

    Themes name the page wrapper "has-sidebar" or "main-nav-layout"; those hold the
    headline too, so they are the article's own containers, not furniture.
    """
    for anc in (el, *el.iterancestors()):
        if anc in article:
            continue
        named = f"{anc.get('class', '')} {anc.get('id', '')}"
        if anc.tag == "marquee":
            return True  # a ticker scrolls other news and coming events, never the story's date
        if anc.tag in ("aside", "footer", "nav") or _FURNITURE_ANCESTOR.search(named):
            if _own_footer(anc, named, article):
                continue  # the story's own footer: its date, byline and tags (a Pelican "post-info" footer)
            return True
    return False


_FOOTER_NAME = re.compile(r"(?:^|[\s_-])footer", re.I)
_FOOTER_LABEL_CHARS = 300  # the head of a footer, where it says "نُشر:"


def _own_footer(anc: HtmlElement, named: str, article: frozenset[HtmlElement]) -> bool:
    """Whether ``anc`` is a footer (by tag or name) that says when the story was published ("نُشر: …", "أرسلت
    بواسطة … في …") and shares a block below ``<body>`` with the headline (the ``<article>``, an h-entry, a news
    table): the story's own footer, not the page's."""
    if anc.tag != "footer" and not _FOOTER_NAME.search(named):
        return False
    if _FURNITURE_ANCESTOR.search(_FOOTER_NAME.sub(" ", named)):
        return False  # a footer named for other furniture too ("related-posts footer")
    # below <body>, a block holds both the footer and the headline (the <article>, an h-entry, a news table);
    # checked before the footer's text is read: the page's own footer fails here, however long it is
    shared = next((a for a in anc.iterancestors() if a in article), None)
    if shared is None or shared.tag in ("body", "html"):
        return False
    # it says when the story was published ("تاريخ التحديث: …" is another date)
    return bool(_PUBLISHED_LABEL.search(fold(" ".join(anc.text_content().split())[:_FOOTER_LABEL_CHARS])))


def _marked_date_elements(tree: HtmlElement, headline: HtmlElement | None) -> list[HtmlElement]:
    """``itemprop="datePublished"`` elements: first the one of the microdata item that holds the page's
    headline (a news plugin's "footer" block holds the release's own date), then those outside furniture."""
    marked = tree.xpath('//*[@itemprop="datePublished"]')
    if headline is not None:
        for el in marked:
            scope = next((a for a in el.iterancestors() if a.get("itemscope") is not None), None)
            if scope is not None and any(a is scope for a in headline.iterancestors()):
                return [el]
    return [el for el in marked if not _in_furniture(el)]


def _time_elements(tree: HtmlElement, headline: HtmlElement | None = None) -> Iterator[str]:
    for el in _marked_date_elements(tree, headline):
        value = el.get("datetime") or el.get("content")
        if not value and parse_iso(el.get("title") or ""):  # "<abbr itemprop=datePublished title='2025-01-09T00:35…'>"
            value = el.get("title")
        if not value:  # the marked element's own words: "<li itemprop=datePublished>الأربعاء 18 شتنبر 2024"
            text = el.text_content()
            value = text if parse_iso(text) else parse_visible(text)
        if value:
            yield value
    yield from _microformat_dates(tree, headline)


# hAtom / h-entry: "<abbr class="published" title="2024-12-05T23:40:00+00:00">05/12/2024 - 23:40 (غرينتش)</abbr>"
# (Movable Type, older WordPress and Blogger themes), "<time class="dt-published" datetime="…">"
_MICROFORMAT_DATES = XPath(
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' published ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' dt-published ')]"
    "[@title or @datetime or @value]"
)


def _microformat_dates(tree: HtmlElement, headline: HtmlElement | None = None) -> Iterator[str]:
    """The machine-readable dates of microformat ``published`` elements outside furniture (a comment's own
    ``published`` is one; the headline's own article's footer is not) and teasers (an included page's meta line,
    its name as a long link beside the date), in page order: the entry's own comes before a neighbour's pulled in
    below it."""
    article = frozenset(headline.iterancestors()) if headline is not None else frozenset()
    for el in _MICROFORMAT_DATES(tree):
        value = el.get("datetime") or el.get("title") or el.get("value")
        if value and parse_iso(value) and not _in_furniture(el, article) and not _teaser(el, article):
            yield value


# Labels that say "this is when it was published" / "this is when it was changed".
_PUBLISHED_LABEL = re.compile(  # on folded text; "ارسلت بواسطة … في": PHP-Fusion's "posted by … on"; "نشر" as a
    # word ("نُشر في", "تاريخ النشر"), not inside another ("إعلان بالنشر": a court notice served by publication);
    # "نشره <author> في": posted it (folded, "نشرة", a bulletin, reads the same: so only before a name and "في");
    # "كتبه <author> في": a weblog's "written by … on"
    r"(?<!\w)(?:ال)?نشر(?:ت)?(?!\w)|(?<!\w)(?:نشر|كتب)(?:ه|ها|ته)\s+\S+(?:\s+\S+){0,3}\s+في(?!\w)"
    r"|بتاريخ|حرر|ارسلت\s+بواسطه|published|posted|publié|publie|postée?(?!\w)|mis\s+en\s+ligne|le\s*:",
    re.I,
)
# "محيّن" / "تحيين": Maghrebi for "updated"
_UPDATED_LABEL = re.compile(r"تحديث|تعديل|عدل|محين|تحيين|updated?|modified|mis\s+à\s+jour|mise\s+à\s+jour|màj", re.I)
# a date labelled as another event's time (folded text): a poll's or a call's closing, a deadline, an expiry, a
# member's joining ("اشترك في:" in phpBB's Arabic, "عضو منذ"), the day a bulletin is for ("النشرة البحرية ليوم …")
_OTHER_EVENT_LABEL = re.compile(
    r"اغلاق|انتهاء|ينتهي|تنتهي|اخر اجل|اخر موعد|اشترك في\s*:|انضم في|عضو منذ|تاريخ (?:التسجيل|الانضمام)|(?<!\S)ليوم\s"
    r"|(?<!\S)مسجل\s*:"
    r"|closes?|closed|deadline|expires?|joined|member since|inscrit le",
    re.I,
)
_PROSE_CHARS = 120  # a chunk longer than this is article prose, not a date line
_TEASER_LINK_CHARS = 25  # a link this long in the same block is another article's headline
_TEASER_BLOCK_CHARS = 300  # teaser items are small: a headline, a date, maybe a line of summary
_BLOCKS = frozenset({"p", "div", "li", "td", "th", "dd", "section", "article", "header", "footer", "aside", "tr"})


@dataclass(frozen=True)
class _Chunk:
    """A visible text node near the headline, with what tells a date line from a teaser."""

    text: str
    offset: int  # chunks after the headline <h1> (negative: before it)
    prose_before: int  # long prose chunks between the headline and this chunk
    label: str  # the chunk, or the one before it when that holds the label ("نشر في:")
    datetime: str | None = None  # a <time datetime> value
    outside: bool = False  # after the text began, outside the story's own block (ownarticle.story_block)


_STRING_LENGTH = XPath("string-length(.)")


def _teaser(el: HtmlElement, article: frozenset[HtmlElement]) -> bool:
    """Text inside a link, or beside a headline-length link in a small block, or in a card (an ``<article>``
    or ``<li>``) whose text outside links is small: an item of a list of other articles (a card's link may
    hold a long summary besides the headline). The headline's own containers are never teasers."""
    block = el
    while block is not None and block.tag not in _BLOCKS:
        if block.tag == "a" and not _date_link(block) and not _timestamp_link(block):
            # a link's words; a link that says only a date is a post's permalink ("#1 <a>2025-12-07</a>")
            return True
        block = block.getparent()
    if block is None or block in article:
        return False
    if _STRING_LENGTH(block) <= _TEASER_BLOCK_CHARS and _long_link(block):
        return True
    card = block if block.tag in ("article", "li") else next(block.iterancestors("article", "li"), None)
    if card is None or card in article or not _long_link(card):
        return False
    return _STRING_LENGTH(card) - sum(_STRING_LENGTH(a) for a in card.iter("a")) <= _TEASER_BLOCK_CHARS


_YEAR_DIGITS = re.compile(r"\d{4}")  # any script's digits: a date line states its year


def _date_link(link: HtmlElement) -> bool:
    """A link whose words are only a date (checked cheaply first: short, with a year's digits)."""
    text = link.text_content()
    return len(text) <= _DATE_LINE_CHARS and bool(_YEAR_DIGITS.search(text)) and is_date_line(text)


def _timestamp_link(link: HtmlElement) -> bool:
    """A link whose words are the post's time, not a headline: a time ago with the date in its tooltip ("منذ <a
    title='15/01/2026 01:30'>شهرين</a>"), or a ``<time datetime>`` and nothing else ("<a class='Permalink'><time
    datetime='…'>1 جانفي</time></a>", a short form without the year)."""
    if _tooltip_date(link) is not None:
        return True
    times = [t for t in link.iter("time") if t.get("datetime")]
    return bool(times) and " ".join(link.text_content().split()) == " ".join(times[0].text_content().split())


def _long_link(block: HtmlElement) -> bool:
    return any(len((a.text_content() or "").strip()) >= _TEASER_LINK_CHARS for a in block.iter("a"))


_UNKNOWN: Any = object()  # no headline given: look for it


def _headline(root: HtmlElement, found: HtmlElement | None = _UNKNOWN) -> HtmlElement | None:
    """The article's headline: ``found`` when the caller looked already (:func:`ownarticle.find_headline`,
    the element that holds the page's title: the same headline the machine-readable dates were
    judged by); else the ``<h1>`` with the longest text (a logo in an ``<h1>`` is short); without
    one, the element that holds the page's title."""
    if found is not _UNKNOWN and found is not None and any(a is root for a in found.iterancestors()):
        return found
    best, size = None, 0
    for h1 in root.iter("h1"):
        length = len(h1.text_content().strip())
        if length > size:
            best, size = h1, length
    if best is None:
        best = find_headline(root.getroottree().getroot()) if found is _UNKNOWN else found
        if best is not None and not any(a is root for a in best.iterancestors()):
            best = None
    return best


def _chunks_near_headline(
    tree: HtmlElement, before: int = 8, after: int = 60, found: HtmlElement | None = _UNKNOWN
) -> list[_Chunk]:
    """Visible text chunks (and ``<time>`` values) around the headline, furniture and teasers skipped."""
    body = tree.find(".//body")
    root = body if body is not None else tree
    raw: list[tuple[str, HtmlElement, str | None]] = []
    headline = _headline(root, found)
    # The elements themselves, not their id(): lxml proxies only keep an identity while referenced.
    article = frozenset(headline.iterancestors()) if headline is not None else frozenset()
    h1_index: int | None = None
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag in ("script", "style", "noscript"):
            continue
        if el is headline:
            h1_index = len(raw)
        stamp = el.get("datetime") if el.tag == "time" else None
        if stamp is None and el.get("title") is not None:
            stamp = _tooltip_date(el)
        if stamp:
            raw.append(("", el, stamp))
        if el.text and el.text.strip() and not (stamp and parse_iso(stamp)):
            raw.append((el.text.strip(), el, None))  # a <time>'s words ("منذ 3 أشهر") say less than its datetime
        parent = el.getparent()
        if el.tail and el.tail.strip() and parent is not None:
            raw.append((el.tail.strip(), parent, None))
    anchor = h1_index or 0
    lo, hi = max(0, anchor - before), anchor + after
    block = story_block(headline) if headline is not None else None
    chunks: list[_Chunk] = []
    furniture: dict[int, bool] = {}
    prose = 0
    previous = before_previous = ""
    dated = (False, False)  # whether ``previous`` and ``before_previous`` state a date (each text read once)
    for index, (text, el, stamp) in enumerate(raw[lo:hi], start=lo):
        if index >= anchor and len(text) > _PROSE_CHARS:
            prose += 1
        key = id(el)
        if key not in furniture:
            furniture[key] = _in_furniture(el, article) or _teaser(el, article)
        if not furniture[key]:
            # "نشر في: 05/03/2021" in one node, or "نشر في:" just before the date's own node, or two nodes
            # before it ("أرسلت بواسطة <a>user</a> في <date>")
            own = _PUBLISHED_LABEL.search(text) or _UPDATED_LABEL.search(text)
            # a label names the date it stands before: a date right after another date does not inherit it
            # ("آخر تحديث: السبت 24 أيار 2025 | الخميس 22 أيار 2025")
            label = text[:80] if own or any(dated) else f"{before_previous[-40:]} {previous[-80:]} {text[:80]}"
            outside = prose > 0 and block is not None and el is not block and block not in el.iterancestors()
            chunks.append(_Chunk(text, index - anchor, prose, label, stamp, outside))
        before_previous, previous = previous, text
        dated = (bool(text) and parse_visible(text) is not None, dated[0])
    return chunks


def _tooltip_date(el: HtmlElement) -> str | None:
    """The date of a short element whose words state none ("أمس", "منذ 6 أشهر") but whose ``title`` does (a "time
    ago" with its tooltip: "<span title='29-04-2026'>أمس</span>"), as ISO; else None."""
    title = el.get("title")
    if not title or len(title) > _PROSE_CHARS or not (iso := parse_visible(title)):
        return None
    own = el.text_content().strip()
    return iso if own and len(own) <= 40 and parse_visible(own) is None else None


def _rank(chunk: _Chunk) -> tuple[int, int, int, int]:
    """Lower is better: labelled publication dates, then short date lines by the headline,
    then date lines further down (after the text began: other articles), prose last; among the dates after the text,
    one labelled as a publication's first (a wiki topic's form row "تاريخ النشر" beats its comments' dates)."""
    label = fold(chunk.label)
    upd, pub = _UPDATED_LABEL.search(label), _PUBLISHED_LABEL.search(label)
    # both in one line ("نُشر في: … | آخر تحديث: …"): the first names the first date, the one read
    updated = upd is not None and (pub is None or upd.start() < pub.start())
    published = pub is not None and not updated
    if published and not chunk.outside:
        tier = 0  # a labelled date after the text, outside the story's block, is the page's: ranked as after text
    elif chunk.datetime is not None or len(chunk.text) <= _PROSE_CHARS:
        tier = 1 if chunk.prose_before == 0 else 3
    elif chunk.prose_before <= 1 and chunk.offset >= 0 and _DATED_DATELINE.match(fold(chunk.text)):
        tier = 2  # "تكرونة في 24 جانفي 2026 – …": the story's first paragraph opens with its place and date
    else:
        tier = 4
    if updated or _OTHER_EVENT_LABEL.search(label):
        tier += 1
    distance = chunk.offset if chunk.offset >= 0 else -2 * chunk.offset + 1  # after the headline first
    return tier, 0 if published else 1, distance, 0 if chunk.datetime else 1


AFTER_TEXT_TIER = 3  # ranks from this tier on: dates met only after the article text began
# a dateline with its date opening a paragraph (folded text): "تكرونه في 24 جانفي 2026 –", "الرباط، 3-5-2025 -"
_DATED_DATELINE = re.compile(
    r"^\s*[^\d\s][^\d]{1,40}?(?:\s+في|،|,)?\s+(?:\d{1,2}\s+\S+\s+\d{4}|\d{1,2}[/.-]\d{1,2}[/.-]\d{4})"
    r"\s*[-–—:(]"
)


_SLASH_DATE = re.compile(r"(?<!\d)(\d{1,2})/(\d{1,2})/(?:19|20)\d{2}(?!\d)")


def writes_month_first(tree: HtmlElement) -> bool:
    """Whether the page writes its numeric dates month first (``01/28/2025``: an English-language CMS on an
    Arabic page): some slash date on it has a second number over 12, and none a first one."""
    month_first = day_first = False
    for text in _VISIBLE_TEXT(tree):
        for match in _SLASH_DATE.finditer(text):
            first, second = int(match.group(1)), int(match.group(2))
            month_first = month_first or (second > 12 and first <= 12)
            day_first = day_first or (first > 12 and second <= 12)
    return month_first and not day_first


_VISIBLE_TEXT = XPath("//body//text()[contains(., '/')][not(ancestor::script or ancestor::style)]")


# a clock named by its city or country (folded): "بتوقيت دمشق", "(توقيت نواكشوط)", "(مكة المكرمة)", "بتوقيت غرينتش";
# a name shared by two clocks ("عمان": Amman or Oman) names none; "طرابلس" is Libya's (Lebanon says "بيروت")
_ZONE_NAMES = {
    "مكه المكرمه": "Asia/Riyadh", "مكه": "Asia/Riyadh", "الرياض": "Asia/Riyadh", "السعوديه": "Asia/Riyadh",
    "دمشق": "Asia/Damascus", "سوريا": "Asia/Damascus", "بيروت": "Asia/Beirut", "لبنان": "Asia/Beirut",
    "بغداد": "Asia/Baghdad", "العراق": "Asia/Baghdad", "القدس": "Asia/Jerusalem", "القاهره": "Africa/Cairo",
    "مصر": "Africa/Cairo", "الدوحه": "Asia/Qatar", "قطر": "Asia/Qatar", "ابوظبي": "Asia/Dubai", "دبي": "Asia/Dubai",
    "الامارات": "Asia/Dubai", "الكويت": "Asia/Kuwait", "المنامه": "Asia/Bahrain", "البحرين": "Asia/Bahrain",
    "مسقط": "Asia/Muscat", "صنعاء": "Asia/Aden", "عدن": "Asia/Aden", "اليمن": "Asia/Aden", "الخرطوم": "Africa/Khartoum",
    "السودان": "Africa/Khartoum", "ليبيا": "Africa/Tripoli", "طرابلس": "Africa/Tripoli", "تونس": "Africa/Tunis",
    "الجزائر": "Africa/Algiers", "الرباط": "Africa/Casablanca", "المغرب": "Africa/Casablanca",
    "الدار البيضاء": "Africa/Casablanca",
    "نواكشوط": "Africa/Nouakchott", "موريتانيا": "Africa/Nouakchott", "غرينتش": "UTC", "جرينتش": "UTC", "gmt": "UTC",
    "utc": "UTC",
}  # fmt: skip
_NAMED_ZONE = re.compile(
    r"(?:بتوقيت|توقيت|التوقيت|\()\s*(" + "|".join(sorted(map(re.escape, _ZONE_NAMES), key=len, reverse=True)) + r")\b"
    r"(?:\s*([+-])\s*(\d{1,2})(?!\d))?",  # "GMT+3", "بتوقيت غرينتش +2": an offset from universal time
    re.I,
)


def _on_named_clock(iso: str, text: str) -> str:
    """``iso`` (a wall-clock time read from ``text``) with the offset of the clock ``text`` names, when it names one
    (:data:`_ZONE_NAMES`) and ``iso`` has a time and no offset; else unchanged."""
    if "T" not in iso or (match := _NAMED_ZONE.search(fold(text))) is None:
        return iso
    name, sign, hours = match.group(1).lower(), match.group(2), match.group(3)
    try:
        wall = datetime.fromisoformat(iso)
        if _ZONE_NAMES[name] == "UTC" and sign and int(hours) <= MAX_ZONE_HOURS:
            zone: tzinfo = timezone(timedelta(hours=int(hours) * (1 if sign == "+" else -1)))
        else:
            zone = ZoneInfo(_ZONE_NAMES[name])
    except (ValueError, ZoneInfoNotFoundError):
        return iso
    return iso if wall.tzinfo is not None else wall.replace(tzinfo=zone).isoformat()


def _visible_date(
    chunks: list[_Chunk], fetched_at: str, month_first: bool = False
) -> tuple[tuple[int, int, int, int], str, bool] | None:
    """The best-ranked visible date, its rank (:func:`_rank`) and whether it was relative ("منذ يومين":
    only as good as the fetch time it is read against)."""
    found: list[tuple[tuple[int, int, int, int], str, bool]] = []
    for chunk in chunks:
        iso = parse_iso(chunk.datetime) if chunk.datetime else parse_visible(chunk.text, month_first)
        if iso and not chunk.datetime:
            iso = _on_named_clock(iso, chunk.text)
        relative = False
        if iso is None and len(chunk.text) <= _PROSE_CHARS:
            iso, relative = parse_relative(chunk.text, fetched_at), True
        if iso:
            found.append((_rank(chunk), iso, relative))
    return min(found) if found else None


def _url_date(url: str) -> str | None:
    match = _URL_DATE.search(url)
    if match and match.group(3):
        return _valid(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    return None


MAX_ZONE_HOURS = 14  # the widest gap between two clocks' readings of one instant (UTC-12 to UTC+14)


def _machine_date(tree: HtmlElement, own: HtmlElement | None) -> str | None:
    """The first machine-readable publication date (JSON-LD, ``<meta>``, ``itemprop``/``<time>``) on
    the archive's clock. One without an offset is the page's wall clock, unless a later source gives
    the same publication with an offset (within :data:`MAX_ZONE_HOURS`): a CMS that writes UTC without
    saying so in JSON-LD ("2025-01-31T23:35:00") says it in ``article:published_time`` ("…Z")."""
    unzoned: str | None = None
    for source in (_json_ld_dates(tree), _meta_dates(tree), _time_elements(tree, own)):
        for value in source:
            iso = parse_iso(value)
            if not iso:
                continue
            zoned = datetime.fromisoformat(iso).tzinfo is not None
            if unzoned is None and not zoned:
                unzoned = iso
            elif zoned and (unzoned is None or _within_zones(unzoned, iso)):
                return on_archive_clock(iso)
    return unzoned


def _within_zones(unzoned: str, zoned: str) -> bool:
    """Whether a wall-clock reading and a zoned one may be one instant."""
    wall = datetime.fromisoformat(unzoned)
    stated = datetime.fromisoformat(zoned).replace(tzinfo=None)
    return abs(wall - stated) <= timedelta(hours=MAX_ZONE_HOURS)


# links to an author's page: "/author/<name>", "/authors/…", "/auteur/…", rel="author"
_AUTHOR_LINKS = XPath(
    "//body//a[contains(@href, '/author/') or contains(@href, '/authors/') or contains(@href, '/auteur/')"
    " or contains(concat(' ', normalize-space(@rel), ' '), ' author ')]"
)
# a post card's publication label (folded): "نُشر", "أُنشئت <date> بواسطة …" (a book page's creation is its
# publication), "Created … by …"
_CARD_LABEL = re.compile(_PUBLISHED_LABEL.pattern + r"|(?<!\w)انشيت?(?!\w)|(?<!\w)created(?!\w)", re.I)
_LABEL_TEXTS = XPath("//body//text()[string-length(normalize-space(.)) <= 40]")
MAX_CARD_CHARS = 400  # a post card: a date, an author, a category and a few tags
_COMMENT_NAME = re.compile(r"comment|reply|respond", re.I)


def _card_date(tree: HtmlElement, month_first: bool) -> str | None:
    """The date of the page's post card: the smallest block around a link to an author's page, or around a short
    publication label, that holds at most :data:`MAX_CARD_CHARS` characters and a date (a static blog generator's
    sidebar card: date, author, category, tags; a book page's side panel: "أُنشئت منذ 6 أشهر بواسطة …"), wherever
    the theme puts it. A date labelled as an update or another event's time is not the card's; a block holding
    another article's headline (a long link without a date) is a teaser; a comment's is the commenter's. None unless
    the page's cards agree on one day (teasers that each name their author and date say nothing of it)."""
    starts: list[HtmlElement] = list(_AUTHOR_LINKS(tree))
    for text in _LABEL_TEXTS(tree):
        parent = text.getparent()
        if parent is not None and _CARD_LABEL.search(fold(str(text))):
            starts.append(parent)
    days: set[str] = set()
    for start in starts:
        block = start.getparent() if start.tag == "a" else start
        while block is not None and block.tag not in ("body", "html") and _STRING_LENGTH(block) <= MAX_CARD_CHARS:
            found = _stated_date(block, month_first)
            if found is not None:
                named = " ".join(f"{a.get('class', '')} {a.get('id', '')}" for a in (block, *block.iterancestors()))
                if not _COMMENT_NAME.search(named) and not any(_headline_link(a) for a in block.iter("a")):
                    days.add(found[:10])
                break
            block = block.getparent()
    return days.pop() if len(days) == 1 else None


def _headline_link(link: HtmlElement) -> bool:
    """A link whose words are another article's headline: long, and stating no date."""
    text = " ".join(link.text_content().split())
    return len(text) >= _TEASER_LINK_CHARS and not link.xpath(".//@title") and parse_visible(text) is None


def _stated_date(block: HtmlElement, month_first: bool) -> str | None:
    """The first date ``block`` states whose own words or the words before it do not label it as an update or
    another event's time; an element whose words are no date ("منذ 6 أشهر") states the date of its ``title``."""
    previous = ""
    for text in _card_texts(block):
        if len(text) <= _PROSE_CHARS and (iso := parse_visible(text, month_first)):
            label = fold(f"{previous[-40:]} {text}")
            if not _UPDATED_LABEL.search(label) and not _OTHER_EVENT_LABEL.search(label):
                return iso
        previous = text
    return None


def _card_texts(block: HtmlElement) -> Iterator[str]:
    """``block``'s text nodes in document order, stripped; a short element whose words state no date but whose
    ``title`` does (a "time ago" with its tooltip) gives the title instead. Iterative: a hostile page nested
    thousands deep cannot exhaust the stack."""
    stack: list[tuple[HtmlElement, bool]] = [(block, False)]
    while stack:
        el, closing = stack.pop()
        if closing:  # the element's tail follows all it holds (the block's own tail lies outside it)
            if el is not block and el.tail and el.tail.strip():
                yield el.tail.strip()
            continue
        stack.append((el, True))
        if not isinstance(el.tag, str) or el.tag in ("script", "style"):
            continue  # a comment's or a script's text is not shown; its tail is
        if el.get("title") is not None and (tooltip := _tooltip_date(el)):
            yield tooltip
            continue
        if el.text and el.text.strip():
            yield el.text.strip()
        stack.extend((child, False) for child in reversed(el))


def find_published(
    tree: HtmlElement,
    url: str,
    fetched_at: str,
    fallback: str | None = None,
    headline: HtmlElement | None = _UNKNOWN,
    month_first: bool | None = None,
) -> str | None:
    """The publication date of the page's article, or None.

    Machine-readable dates first (JSON-LD, ``<meta>``, ``itemprop``). Then the dates
    shown on the page, judged by where they sit: a date labelled as the publication
    date ("نشر في", "Publié le") wins; then a short date line nearest the headline
    (after it before before it), unless it is relative ("منذ يومين") and the URL has a date;
    then the date in the page's URL; then a date labelled as the publication's after the text; then the date of
    the page's post card (:func:`_card_date`: a sidebar's date beside the author's link); dates after the article
    text began, in links, in lists of other articles, comments or sidebars come last or not at all.
    ``headline``: :func:`ownarticle.find_headline`'s answer when the caller has it (used
    on a page without an ``<h1>``). ``month_first``: whether the page writes its numeric dates month first, when
    the caller judged it on the whole page already (:func:`writes_month_first`; a part cut since may hold the proof).
    """
    own = headline if headline is not _UNKNOWN and headline is not None else _headline(tree)
    machine = _machine_date(tree, own)
    if machine:
        return machine
    month_first = writes_month_first(tree) if month_first is None else month_first
    visible = _visible_date(_chunks_near_headline(tree, found=headline), fetched_at, month_first)
    in_url = _url_date(url)
    if visible and visible[0][0] < AFTER_TEXT_TIER and (in_url is None or not visible[2]):
        return on_archive_clock(visible[1])
    if in_url:  # the page's own URL beats dates met only after its text began (other articles')
        return in_url
    if visible and visible[0][1] == 0:  # labelled as the publication's, after the text (a wiki topic's form row)
        return on_archive_clock(visible[1])
    card = _card_date(tree, month_first)  # the post card's, before dates met only after the text began
    if card:
        return on_archive_clock(card)
    if visible:
        return on_archive_clock(visible[1])
    iso = parse_iso(fallback) if fallback else None
    return on_archive_clock(iso) if iso else None
