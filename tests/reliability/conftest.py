"""Shared helpers of the reliability catalogue: hostile sites, seed files, a bounded crawl."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.reliability.hostile import HostileSite


@pytest.fixture
def site() -> Iterator[HostileSite]:
    with HostileSite() as s:
        yield s


@pytest.fixture
def other_site() -> Iterator[HostileSite]:
    """A second server (another port): off-site for seeds that name the first one's port."""
    with HostileSite() as s:
        yield s


def write_seed(seeds_dir: Path, name: str, **keys: Any) -> Path:
    """``seeds_dir/<name>.toml`` with the given keys (values written as TOML through JSON)."""
    seeds_dir.mkdir(parents=True, exist_ok=True)
    lines = [f"name = {json.dumps(name)}"]
    for key, value in keys.items():
        if isinstance(value, bool):
            lines.append(f"{key} = {'true' if value else 'false'}")
        elif isinstance(value, float) and value != value:
            lines.append(f"{key} = nan")
        elif isinstance(value, float) and value in (float("inf"), float("-inf")):
            lines.append(f"{key} = {'inf' if value > 0 else '-inf'}")
        else:
            lines.append(f"{key} = {json.dumps(value, ensure_ascii=False)}")
    path = seeds_dir / f"{name}.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def site_seed(
    seeds: Path, site: HostileSite, article_url_patterns: list[str], *, name: str = "hostile", **keys: Any
) -> Path:
    """``seeds`` with one seed for ``site``: its home page as start URL, its own host and port only,
    no delay; ``keys`` add or override keys. Returns ``seeds``."""
    base: dict[str, Any] = {
        "start_urls": [site.base + "/"],
        "allowed_domains": [f"127.0.0.1:{site.port}"],
        "article_url_patterns": article_url_patterns,
        "download_delay": 0,
    }
    write_seed(seeds, name, **{**base, **keys})
    return seeds


def crawl_ok(seeds: Path, data: Path, *extra: str) -> Path:
    """A crawl that must end well (exit 0, no traceback); returns its store."""
    result = crawl(seeds, data, *extra)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return data / "akhbar.db"


def run_akhbar(*args: str, timeout: float = 120, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``akhbar ARGS`` in a subprocess (Twisted's reactor cannot restart), always bounded."""
    full_env = {**os.environ, "AKHBAR_AUTOTHROTTLE": "0", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "crawler.cli", *args], capture_output=True, text=True, timeout=timeout, env=full_env
    )


def crawl(seeds: Path, data: Path, *extra: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """One ``akhbar crawl`` of ``seeds`` into ``data`` (at most 60 s of crawling unless ``extra`` says)."""
    bound = [] if "--max-seconds" in extra else ["--max-seconds", "60"]
    return run_akhbar("crawl", "--seeds", str(seeds), "--data-dir", str(data), *bound, *extra, timeout=timeout)


def q(db: Path, sql: str, *params: object) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, params).fetchall()


def article_html(title: str, paragraphs: list[str], *, canonical: str | None = None, links: list[str] = ()) -> str:  # type: ignore[assignment]
    """A small, realistic Arabic article page (enough text to be extracted as an article)."""
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    more = "".join(f'<li><a href="{u}">رابط {i}</a></li>' for i, u in enumerate(links))
    return f"""<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>{title}</title>
{link}<meta property="article:published_time" content="2024-05-02T10:00:00+01:00"></head>
<body><nav><a href="/">الرئيسية</a></nav><main><article><h1>{title}</h1>{body}</article>
<ul class="links">{more}</ul></main><footer>جميع الحقوق محفوظة</footer></body></html>"""


def story(n: int) -> list[str]:
    """Paragraphs of a distinct made-up story number ``n`` (distinct enough not to be near-duplicates)."""
    cities = ["الرباط", "فاس", "مراكش", "طنجة", "أكادير", "وجدة", "مكناس", "تطوان", "العيون", "الجديدة"]
    topics = ["مشروع طرقي", "مهرجان ثقافي", "حملة طبية", "معرض للكتاب", "دوري رياضي", "سوق أسبوعي"]
    city, topic = cities[n % len(cities)], topics[(n // len(cities)) % len(topics)]
    return [
        f"أعلنت السلطات المحلية في مدينة {city} يوم الخميس عن إطلاق {topic} جديد يحمل الرقم {n} "
        f"ويستهدف آلاف السكان في الأحياء المجاورة خلال الأسابيع {n % 7 + 2} المقبلة.",
        f"وقال مسؤول في الجماعة إن كلفة {topic} رقم {n} بلغت نحو {n * 37 + 120} مليون درهم، "
        f"موضحا أن الأشغال ستنطلق في {city} قبل نهاية الشهر الجاري بمشاركة {n % 11 + 3} شركات.",
        f"وأضاف أن {topic} يدخل في إطار برنامج التنمية الجهوية، وأن لجنة خاصة ستتابع تنفيذه "
        f"وتقدم تقريرا مفصلا كل {n % 5 + 2} أشهر إلى المجلس الجهوي حول تقدم الأشغال.",
        f"ورحب عدد من سكان {city} بالخطوة، معتبرين أن {topic} رقم {n} سيحسن ظروف عيشهم "
        f"ويخلق فرص شغل جديدة للشباب في المنطقة التي تعاني من خصاص كبير.",
    ]
