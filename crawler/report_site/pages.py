"""The story report's HTML pages: index, one page per story and per event, one per site.

Concern: markup only (records in, text out). Pages are right-to-left Arabic (``<html dir="rtl"
lang="ar">``), readable on a phone (viewport meta; copies side by side with their original on wide
screens, stacked on narrow ones), self-contained (inline CSS, inline SVG, no script, no font, no
request of any kind), so they work from ``file://`` offline.

Invariant: every value from the store goes through :func:`esc` (article text, titles, site names and
URLs are untrusted); a URL becomes a link only when it is ``http(s)``. The markup depends on the
records only (no clock), so the same store gives the same files.
"""

from __future__ import annotations

import hashlib
import html
from urllib.parse import urlsplit

from crawler.report_site.charts import CHART_DAYS, chart_days, day_chart, share_bar
from crawler.report_site.diff import compare, counts
from crawler.report_site.queries import MAX_EVENTS, MAX_STORIES, Article, Event, SiteStats, Story, hours_between

CSS = """
*{box-sizing:border-box}
body{margin:0;font-family:"Noto Naskh Arabic","Amiri","Geeza Pro","Segoe UI",Tahoma,Arial,sans-serif;
 line-height:1.7;color:#1a202c;background:#fff}
header,main,footer{max-width:1200px;margin:0 auto;padding:0 16px}
header{border-bottom:3px solid #2b6cb0;padding-top:8px}
h1{font-size:1.5rem;margin:.4em 0}h2{font-size:1.25rem;margin-top:1.5em}h3{font-size:1.05rem}
a{color:#2b6cb0}.muted{color:#718096;font-size:.9rem}
ul.cards{list-style:none;padding:0;margin:0}
ul.cards li{border:1px solid #e2e8f0;border-radius:6px;padding:8px 12px;margin:8px 0}
.sites{display:flex;flex-wrap:wrap;gap:6px;padding:0;margin:4px 0;list-style:none}
.sites li{background:#edf2f7;border-radius:12px;padding:0 10px;font-size:.9rem}
.sites li.first{background:#c6f6d5}
.url{direction:ltr;unicode-bidi:embed;word-break:break-all;font-size:.85rem}
.compare{margin:12px 0 28px;border:1px solid #e2e8f0;border-radius:6px}
.row{display:grid;grid-template-columns:1fr 1fr;gap:0}
.row>div{padding:6px 10px;border-top:1px solid #edf2f7}
.row>div+div{border-inline-start:1px solid #e2e8f0}
.row.head>div{font-weight:bold;background:#f7fafc;border-top:0}
.row.removed{background:#fff5f5}.row.added{background:#f0fff4}.row.reworded{background:#fffff0}
del{background:#fed7d7;text-decoration:line-through}ins{background:#c6f6d5;text-decoration:none}
.kind{font-size:.75rem;color:#4a5568;margin-inline-end:6px}
.reports{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:12px}
.reports article{border:1px solid #e2e8f0;border-radius:6px;padding:8px 12px}
.text p{margin:.4em 0}
svg.chart{width:100%;max-width:640px;height:auto}
.legend span{display:inline-block;width:12px;height:12px;margin-inline:4px}
table{border-collapse:collapse}td,th{padding:4px 8px;border-bottom:1px solid #e2e8f0;text-align:start}
@media (max-width:700px){.row{grid-template-columns:1fr}.row>div+div{border-inline-start:0}
 .row.head{display:none}.row>div[data-label]::before{content:attr(data-label);display:block;font-size:.75rem;
 color:#718096}}
"""
MAX_COPIES = 20  # copies compared on a story page (the first seen); the others are listed
KIND_LABELS = {"same": "كما هي", "reworded": "معدّلة", "removed": "محذوفة", "added": "مضافة"}


def esc(value: object) -> str:
    """Text from the store, escaped for HTML (quotes too: safe in attributes)."""
    return html.escape("" if value is None else str(value), quote=True)


def link(url: str, label: str | None = None) -> str:
    """``url`` as a link when it is http(s), else as plain text (no ``javascript:``, no local files)."""
    text = esc(label) if label is not None else f'<bdi class="url">{esc(url)}</bdi>'
    if urlsplit(url).scheme.lower() in ("http", "https"):
        return f'<a href="{esc(url)}" rel="noopener noreferrer">{text}</a>'
    return text


def story_file(story: Story) -> str:
    return f"story-{story.id}.html"


def event_file(event: Event) -> str:
    return f"event-{event.id}.html"


def site_file(site: str) -> str:
    """A site's page: named by a hash of the site's name (names are any text)."""
    return f"site-{hashlib.sha1(site.encode('utf-8')).hexdigest()[:12]}.html"


def delay(hours: float | None) -> str:
    """``+5 h 15 min``, ``+2 d 3 h``; ``—`` without dates."""
    if hours is None:
        return "—"
    sign = "+" if hours >= 0 else "−"
    minutes = round(abs(hours) * 60)
    d, rest = divmod(minutes, 24 * 60)
    h, m = divmod(rest, 60)
    if d:
        return f"{sign}{d} d {h} h"
    return f"{sign}{h} h {m:02d} min" if h else f"{sign}{m} min"


def page(title: str, body: str, *, home: bool = False) -> str:
    """A whole page: RTL Arabic, viewport for phones, inline CSS, nothing loaded from anywhere."""
    nav = "" if home else '<p><a href="index.html">← الفهرس (index)</a></p>'
    return (
        "<!DOCTYPE html>\n"
        '<html dir="rtl" lang="ar">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{esc(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        f"<header>{nav}<h1>{esc(title)}</h1></header>\n<main>\n{body}\n</main>\n"
        '<footer><p class="muted">akhbar</p></footer>\n</body>\n</html>\n'
    )


def _sites_list(entries: list[tuple[str, str]], first: str | None) -> str:
    items = "".join(
        f'<li class="{"first" if site == first else "other"}"><span class="name">{esc(site)}</span> '
        f"<bdi>{esc(when)}</bdi></li>"
        for site, when in entries
    )
    return f'<ul class="sites">{items}</ul>'


def _story_delays(story: Story) -> list[tuple[Article, float | None]]:
    """The story's articles with their delay after its first publication, first published first
    (without a date: last, in the order they were seen)."""
    timed = [(a, hours_between(story.first_published, a.published_at)) for a in story.articles]
    return sorted(timed, key=lambda ah: (ah[1] is None, ah[1] or 0.0, ah[0].id))


def index_page(
    stories: list[Story], events: list[Event], sites: list[SiteStats], as_of: str | None, since: str | None
) -> str:
    scope = f"منذ {since} (since {since})" if since else "الأرشيف كله (whole archive)"
    body = [
        f'<p class="muted">{esc(scope)} · آخر مقال مخزّن (last stored): <bdi>{esc(as_of or "—")}</bdi> · '
        f"أكثر {MAX_STORIES} قصة و{MAX_EVENTS} حدثا (at most {MAX_STORIES} stories and {MAX_EVENTS} events)</p>",
        f'<h2 id="stories">قصص منقولة بين المواقع (copied stories): {len(stories)}</h2>',
    ]
    if stories:
        items = []
        for story in stories:
            timed = _story_delays(story)
            entries = [(a.site, delay(h)) for a, h in timed]
            first = timed[0][0].site if timed else None  # the first to publish it
            items.append(
                f'<li class="story"><a href="{story_file(story)}">{esc(story.title)}</a> '
                f'<span class="muted">· {len(story.articles) - 1} نسخ (copies) · '
                f"<bdi>{esc(story.first_published or '—')}</bdi></span>{_sites_list(entries, first)}</li>"
            )
        body.append(f'<ul class="cards">{"".join(items)}</ul>')
    else:
        body.append('<p class="muted">—</p>')
    body.append(f'<h2 id="events">أحداث غطتها عدة مواقع (events reported by several sites): {len(events)}</h2>')
    if events:
        items = []
        for event in events:
            entries = [(r.site, delay(r.delay_hours)) for r in event.reports]
            first_site = event.reports[0].site if event.reports else None  # the first to report it
            items.append(
                f'<li class="event"><a href="{event_file(event)}">{esc(event.title)}</a> '
                f'<span class="muted">· {event.own_reports} تغطيات مستقلة (own reports) · '
                f"<bdi>{esc(event.first_published or '—')}</bdi></span>{_sites_list(entries, first_site)}</li>"
            )
        body.append(f'<ul class="cards">{"".join(items)}</ul>')
    else:
        body.append('<p class="muted">—</p>')
    body.append(f'<h2 id="sites">المواقع (sites): {len(sites)}</h2><table><tr><th>الموقع</th><th>مقالات</th>'
                "<th>نسخ</th><th>نسبة النسخ</th></tr>")  # fmt: skip
    for s in sites:
        share = s.copies / s.articles if s.articles else 0.0
        body.append(
            f'<tr class="site"><td><a href="{site_file(s.name)}">{esc(s.name)}</a></td><td>{s.articles}</td>'
            f"<td>{s.copies}</td><td>{share:.0%}</td></tr>"
        )
    body.append("</table>")
    return page("أخبار: تقرير القصص (akhbar story report)", "\n".join(body), home=True)


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{esc(p)}</p>" for p in text.splitlines() if p.strip())


def _comparison(original: Article, copy: Article, hours: float | None) -> str:
    rows = compare(original.text, copy.text)
    tally = counts(rows)
    left_label, right_label = f"الأصل: {original.site}", f"{copy.site} ({delay(hours)})"
    out = [
        f'<section class="copy" id="copy-{copy.id}"><h3>{esc(copy.site)} · <bdi>{esc(delay(hours))}</bdi> · '
        f"{esc(copy.dup_kind)}{f' · {copy.similarity:.2f}' if copy.similarity is not None else ''}</h3>",
        f'<p>{link(copy.url, copy.title or copy.url)} <span class="muted">'
        f"<bdi>{esc(copy.published_at or '—')}</bdi></span></p>",
        '<p class="muted">' + " · ".join(f"{KIND_LABELS[k]} ({k}): {n}" for k, n in tally.items()) + "</p>",
        f'<div class="compare"><div class="row head"><div>{esc(left_label)}</div><div>{esc(right_label)}</div></div>',
    ]
    for row in rows:
        mark = "" if row.kind == "same" else f'<span class="kind">{KIND_LABELS[row.kind]}</span>'
        out.append(
            f'<div class="row {row.kind}"><div class="orig" data-label="{esc(left_label)}">{mark if row.left else ""}'
            f'{row.left}</div><div class="dup" data-label="{esc(right_label)}">{mark if row.right else ""}'
            f"{row.right}</div></div>"
        )
    out.append("</div></section>")
    return "\n".join(out)


def story_page(story: Story) -> str:
    original, *copies = story.articles
    timed = _story_delays(story)
    delays = {a.id: h for a, h in timed}
    entries = [(a.site, delay(h)) for a, h in timed]
    body = [
        f"<p>الأصل (original): {link(original.url)} · {esc(original.site)} · "
        f"<bdi>{esc(original.published_at or '—')}</bdi></p>",
        _sites_list(entries, timed[0][0].site),
        '<p class="muted">التأخير بعد أول نشر (delay after the first publication); '
        "<del>محذوف من الأصل</del> <ins>مضاف في النسخة</ins></p>",
    ]
    body.extend(_comparison(original, copy, delays[copy.id]) for copy in copies[:MAX_COPIES])
    if len(copies) > MAX_COPIES:
        more = "".join(f"<li>{esc(c.site)}: {link(c.url, c.title or c.url)}</li>" for c in copies[MAX_COPIES:])
        body.append(f"<h3>نسخ أخرى (more copies, not compared): {len(copies) - MAX_COPIES}</h3><ul>{more}</ul>")
    return page(story.title or original.url, "\n".join(body))


def event_page(event: Event) -> str:
    entries = [(r.site, delay(r.delay_hours)) for r in event.reports]
    first_site = event.reports[0].site if event.reports else None  # reports come first published first
    body = [
        f'<p class="muted">{event.own_reports} تغطيات مستقلة (own reports) · {event.size} مقالات (articles) · '
        f"<bdi>{esc(event.first_published or '—')}</bdi></p>",
        _sites_list(entries, first_site),
        '<div class="reports">',
    ]
    for r in event.reports:
        a = r.article
        body.append(
            f'<article class="report"><h3>{esc(r.site)} · <bdi>{esc(delay(r.delay_hours))}</bdi></h3>'
            f'<p>{link(a.url, a.title or a.url)}</p><p class="muted"><bdi>{esc(a.published_at or "—")}</bdi>'
            f'</p><div class="text">{_paragraphs(a.text)}</div></article>'
        )
    body.append("</div>")
    return page(event.title, "\n".join(body))


def site_page(site: SiteStats) -> str:
    days = chart_days(site.days)
    share = site.copies / site.articles if site.articles else 0.0
    body = [
        f"<p>{site.articles} مقالات (articles) · {site.copies} نسخ (copies) · {share:.0%}</p>",
        share_bar(site.copies, site.articles),
        f"<h2>مقالات في اليوم (articles per day, last {CHART_DAYS} days at most)</h2>",
        '<p class="legend muted"><span style="background:#2b6cb0"></span>أصلية (originals)'
        '<span style="background:#dd6b20"></span>نسخ (copies)</p>',
        day_chart(days, f"{site.name}: articles per day"),
    ]
    if site.undated:
        body.append(f'<p class="muted">{site.undated} بلا تاريخ (without a date)</p>')
    return page(site.name, "\n".join(body))
