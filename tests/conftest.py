from __future__ import annotations

from pathlib import Path

import pytest

# the fixture news site and its mirror served on 127.0.0.1 (fixtures ``servers``, ``seeds``) for the crawl tests
pytest_plugins = ["tests.fixture_site"]

FIXTURES = Path(__file__).parent / "fixtures"
SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


@pytest.fixture
def conference_text() -> str:
    """Seed page 000's article (Marrakech, chemical security conference), as published."""
    return (FIXTURES / "texts" / "conference.txt").read_text(encoding="utf-8").strip()


@pytest.fixture
def tangier_text() -> str:
    """Seed page 002's article (Arab police chiefs in Tangier): a different story."""
    return (FIXTURES / "texts" / "tangier.txt").read_text(encoding="utf-8").strip()


def article_page(title: str, body: str, *, url: str = "https://news.example/a/1.html", extra: str = "") -> str:
    """A small but realistic article page around ``body`` (paragraphs split on newlines)."""
    paras = "\n".join(f"<p>{p}</p>" for p in body.split("\n") if p.strip())
    return f"""<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>{title} | أخبار المثال</title>
<meta property="og:site_name" content="أخبار المثال">
<meta property="article:published_time" content="2022-10-29T11:00:00+01:00">
<link rel="canonical" href="{url}">
</head><body>
<nav class="main-menu"><ul><li><a href="/">الرئيسية</a></li><li><a href="/politique">سياسة</a></li>
<li><a href="/economie">اقتصاد</a></li><li><a href="/sport">رياضة</a></li></ul></nav>
<div class="cookie-notice">يستخدم هذا الموقع ملفات تعريف الارتباط لتحسين تجربتك. موافق</div>
<main><article><h1>{title}</h1>
<div class="entry-content">{paras}</div>
<div class="share-bar"><span>شارك</span> <a href="#">فيسبوك</a> <a href="#">تويتر</a></div>
{extra}
</article>
<aside class="sidebar"><h3>الأكثر قراءة</h3><ul><li><a href="/x">عنوان خبر جانبي في الشريط</a></li></ul></aside>
</main>
<div id="comments" class="comments-area"><h3>أضف تعليقك</h3><form><textarea></textarea></form></div>
<footer>جميع الحقوق محفوظة لأخبار المثال 2024</footer>
</body></html>"""
