"""Article or listing, from the page alone (crawler/processing/pagetype.py), on real fixture pages."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from trafilatura.utils import load_html

from crawler.processing.canonical import archived_original
from crawler.processing.dates import find_published
from crawler.processing.pagetype import data_page_reason, not_article_reason
from crawler.processing.sites import site_of

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = sorted((ROOT / "tests" / "fixtures" / "pages").glob("*/page.html"))
DEMO = ROOT / "crawler" / "demo" / "sites"


def _reason(path: Path, url: str) -> str | None:
    tree = load_html(path.read_bytes())
    if tree is None:
        pytest.skip("not an HTML page")
    return not_article_reason(tree, url, find_published(tree, url, "2030-01-01T00:00:00+00:00") is not None)


@pytest.mark.parametrize("page", GOLDEN, ids=lambda p: p.parent.name)
def test_every_golden_article_page_is_an_article(page: Path) -> None:
    url = json.loads((page.parent / "expected.json").read_text(encoding="utf-8"))["url"]
    assert _reason(page, url) is None


FIXTURE_SITES = [*sorted(p for p in DEMO.iterdir() if p.is_dir()), ROOT / "tests" / "fixtures" / "site"]
NEUTRAL = "https://demo.example/p/x.html"  # a URL that tells nothing: the page alone decides


def _demo_pages() -> list[tuple[Path, str, bool]]:
    cases = []
    for site in FIXTURE_SITES:
        for page in sorted(site.rglob("*.html")):
            rel = "/" + page.relative_to(site).as_posix()
            url = "https://demo.example" + (rel.removesuffix("index.html") if rel.endswith("/index.html") else rel)
            expected = json.loads((site / "site.json").read_text(encoding="utf-8"))
            is_article = any(re.search(p, url) for p in expected["article_url_patterns"])
            cases.append((page, url, is_article))
    return cases


@pytest.mark.parametrize(("page", "url", "is_article"), _demo_pages(), ids=lambda v: str(v)[-60:])
def test_demo_site_pages_are_told_apart(page: Path, url: str, is_article: bool) -> None:
    if "/slow/" in url:
        pytest.skip("a near-empty live-stream page: extraction rejects it as empty")
    reason = _reason(page, url)
    assert (reason is None) == is_article, reason


@pytest.mark.parametrize(("page", "url", "is_article"), _demo_pages(), ids=lambda v: str(v)[-60:])
def test_the_page_alone_tells_listings_from_articles(page: Path, url: str, is_article: bool) -> None:
    if "/slow/" in url:
        pytest.skip("a near-empty live-stream page: extraction rejects it as empty")
    reason = _reason(page, NEUTRAL)
    assert (reason is None) == is_article, reason


def test_an_article_written_in_div_soup_is_an_article() -> None:
    paras = "".join(
        f"<div>فقرة رقم {i} من نص الخبر المحلي تتحدث عن مشروع تنموي جديد في الإقليم وتفاصيل تمويله وآجال إنجازه.</div>"
        for i in range(6)
    )
    sidebar = "".join(f'<li><a href="/p/{i}.html">عنوان خبر آخر في الشريط الجانبي رقم {i}</a></li>' for i in range(9))
    html = f"<html><body><h1>عنوان الخبر</h1><div class='post-body'>{paras}</div><ul>{sidebar}</ul></body></html>"
    tree = load_html(html.encode())
    assert not_article_reason(tree, "https://blog.example/2024/07/khabar.html", True) is None


BRIEF = """<html><head><meta charset="utf-8"><title>{title}</title></head><body>
<table><tr><td><a href="/">الرئيسية</a> | <a href="/local">محليات</a></td></tr>
<tr><td><font size="4"><b>{headline}</b></font><br>نشر في: 05/08/2015<br>
أعلنت وزارة الخدمة المدنية اليوم نتائج الترشيح للوظائف التعليمية للمتقدمين والمتقدمات، ودعت المرشحين إلى مراجعة
مكاتبها خلال أسبوع من تاريخه لاستكمال إجراءات التعيين.</td></tr>
<tr><td>الأكثر قراءة<br>{links}</td></tr></table></body></html>"""
TEASERS = "".join(f'<a href="/n/{i}">عنوان خبر آخر من أخبار اليوم رقم {i}</a><br>' for i in range(8))


def _brief(title: str, headline: str) -> str | None:
    tree = load_html(BRIEF.format(title=title, headline=headline, links=TEASERS).encode())
    assert tree is not None
    return not_article_reason(tree, "https://news.example/a3Dgde", True)


def test_a_dated_brief_under_its_own_headline_is_an_article_whatever_its_url() -> None:
    headline = "الخدمة المدنية تعلن نتائج الترشيح للوظائف التعليمية"
    assert _brief(f"جريدة الوطن :: {headline}", headline) is None
    # the same page whose title names a section, not the story in its body: a listing
    assert _brief("جريدة الوطن :: محليات", "محليات") is not None
    # a title whose headline is only a link on the page (a teaser), not the page's own text
    assert _brief("جريدة الوطن :: عنوان خبر آخر من أخبار اليوم رقم 3", "محليات") is not None


PROSE = (
    "<p>تأسس الموقع سنة 2009 ليكون منبرا إخباريا مستقلا يغطي الشأن الوطني والجهوي، ويعمل فيه فريق من الصحافيين "
    "والمراسلين في مختلف جهات المملكة، ملتزمين بأخلاقيات المهنة وبحق القارئ في خبر دقيق وموثوق.</p>"
) * 3
SIDEBAR = "".join(f'<li><a href="/n/{i}">عنوان خبر آخر من أخبار اليوم رقم {i}</a></li>' for i in range(6))


def _page(title: str, h1: str, main: str, head: str = "") -> str | None:
    html = f"<html><head><title>{title}</title>{head}</head><body><h1>{h1}</h1>{main}<ul>{SIDEBAR}</ul></body></html>"
    tree = load_html(html.encode())
    assert tree is not None
    return not_article_reason(tree, "https://news.example/x/page", True)


def test_a_page_about_the_site_is_not_an_article_however_much_prose_it_holds() -> None:
    assert _page("من نحن - اتصل بنا - أنفاس بريس", "من نحن", PROSE) == "a page about the site (من نحن - اتصل بنا)"
    assert _page("Contact - Jarida", "Contact", PROSE) is not None
    assert _page("عن الوزارة - وزارة البيئة", "عن الوزارة", PROSE) == "a page about the site (عن الوزارة)"
    # a print version's title puts its label before the page's name, after a spaced colon
    assert _page("نسخة للطباعة : من نحن", "", f"<b>من نحن</b>{PROSE}") == "a page about the site (من نحن)"
    # a column whose short title is not a site page's name stays an article
    assert _page("حكومة الكفاءات - جريدة", "حكومة الكفاءات", PROSE) is None
    column = "من نحن : سؤال الهوية في زمن المنصات الرقمية"
    assert _page(f"{column} - جريدة", column, PROSE) is None


def test_a_site_page_the_cms_marks_as_an_article_is_still_not_one() -> None:
    """WordPress SEO plugins give every static page og:type article, a published time and often
    Article JSON-LD: the page's name outranks its markup."""
    marked = (
        '<meta property="og:type" content="article"><meta property="article:published_time" '
        'content="2023-01-10T09:00:00+01:00"><script type="application/ld+json">{"@type": "Article", '
        '"headline": "سياسة الخصوصية"}</script>'
    )
    assert _page("سياسة الخصوصية - جريدة الشمال", "سياسة الخصوصية", PROSE, marked) == (
        "a page about the site (سياسة الخصوصية)"
    )
    assert _page("حكومة الكفاءات - جريدة الشمال", "حكومة الكفاءات", PROSE, marked) is None
    # a story whose footer carries an "About Us" heading is a story
    footer = "<footer><h1>About Us</h1><h1>Contact</h1></footer>"
    story = "ما قيمة المخدرات التي تصل إلى الحدود كل عام"
    assert _page(f"{story} | جريدة الشمال", story, PROSE + footer, marked) is None


def test_a_web_archive_replay_is_judged_by_the_url_it_shows() -> None:
    """A Wayback snapshot of an article (``/web/<capture>/https://site/archives/31877``, WordPress's
    post-id permalink) is an article; of a section, a listing; its site is the archived site's."""
    page = f"<html><head><title>عنوان مقال في الأرشيف</title></head><body><h1>عنوان مقال في الأرشيف</h1>{PROSE}</body></html>"
    tree = load_html(page.encode())
    base = "https://web.archive.org/web/20210606121530/https://www.madar.example"
    assert not_article_reason(tree, f"{base}/archives/31877", True) is None
    assert not_article_reason(tree, f"{base}/archives/category/sport", True) is not None
    assert not_article_reason(tree, f"{base}/", True) == "the site's home page"
    assert site_of(f"{base}/archives/31877") == "madar.example"
    assert archived_original(f"{base}/archives/31877?lang=ar") == "https://www.madar.example/archives/31877?lang=ar"
    assert archived_original("https://news.example/web/2021/06/article") is None


def test_a_category_blog_in_microdata_is_a_listing_an_article_with_two_related_items_is_not() -> None:
    def item(i: int) -> str:
        return (
            f'<div itemscope itemtype="https://schema.org/BlogPosting"><h2><a href="/n/{i}">عنوان مقال في القسم رقم {i}</a>'
            f"</h2><p>مقتطف من المقال رقم {i} يتحدث عن موضوع محلي بتفصيل قصير يكفي لقراءة سريعة من القارئ.</p></div>"
        )

    listing = f'<div itemscope itemtype="https://schema.org/Blog">{"".join(item(i) for i in range(4))}</div>{PROSE}'
    assert _page("مجتمع - فبراير.كوم", "مجتمع", listing) == "4 article teasers (microdata) and no headline"
    article = f'<article itemscope itemtype="https://schema.org/NewsArticle">{PROSE}</article>{item(1)}{item(2)}'
    assert _page("عنوان مقال طويل عن موضوع محلي - جريدة", "عنوان مقال طويل عن موضوع محلي", article) is None


def test_archive_headings_about_pages_of_blogs_and_a_home_page_named_by_its_site_are_not_articles() -> None:
    """A theme's archive heading ("Tag: …", "التصنيف: …") opens a listing whatever its excerpts hold; "عن
    المدونة" is a blog's about page; a page whose title and only <h1> name the site (a tagline aside)
    is its home page, however long its lead story's excerpt."""
    assert _page("الدار البيضاء – مدونة", "Tag: الدار البيضاء", PROSE) is not None
    assert _page("سياسة – جريدة", "التصنيف: سياسة", PROSE) is not None
    assert _page("عن المدونة – دفاتر", "عن المدونة", PROSE) == "a page about the site (عن المدونة)"
    home = '<meta property="og:type" content="website"><meta property="og:site_name" content="بوابة الواحة">'
    assert _page("بوابة الواحة | أخبار ليبيا والعالم على مدار الساعة", "بوابة الواحة", PROSE, home) is not None
    # an article whose <h1> is the logo keeps its headline elsewhere: still an article
    story = "ارتفاع أسعار الخضر في أسواق الجملة بالعاصمة"
    assert _page(f"{story} | بوابة الواحة", "بوابة الواحة", f"<h2>{story}</h2>{PROSE}", home) is None


def _item(h1: str, body: str) -> str:
    return f'<article class="item"><h1>{h1}</h1><time>27 نوفمبر 2024</time><p>{body}</p><p>{body}</p></article>'


_ITEMS = [
    (
        "افتتاح مركز صحي جديد في ولاية الرستاق",
        "افتتحت وزارة الصحة اليوم مركزا صحيا جديدا يخدم أكثر من عشرين ألف نسمة في الولاية.",
    ),
    (
        "بدء التسجيل في برنامج تدريب الباحثين عن عمل",
        "أعلنت الوزارة بدء التسجيل في برنامج تدريبي يستهدف ثلاثمائة باحث عن عمل.",
    ),
    (
        "تحذير من الضباب على الطرق الساحلية صباح الجمعة",
        "حذرت الأرصاد من تكون الضباب على الطرق الساحلية وانخفاض مدى الرؤية الأفقية.",
    ),
    (
        "فريق طلابي يحقق المركز الثاني في مسابقة الروبوت",
        "حقق فريق من طلبة الجامعة المركز الثاني في مسابقة إقليمية للروبوت.",
    ),
]


def test_a_bulletin_of_whole_items_each_under_its_own_h1_is_not_an_article() -> None:
    """A daily bulletin shows several complete items, each under its own ``<h1>``, and its title names
    none of them; an article whose editors set subheadings in ``<h1>`` has its headline in its title."""
    items = "".join(_item(h, b) for h, b in _ITEMS)
    web = '<meta property="og:type" content="website">'
    tree = load_html(
        f"<html><head><title>النشرة اليومية - وكالة الأنباء</title>{web}</head><body>{items}</body></html>".encode()
    )
    assert tree is not None
    assert not_article_reason(tree, "https://agency.example/ar/bulletin", True) == (
        "4 headlines (<h1>), none named by the page's title: a bulletin of items, not one article"
    )
    headline, *subheads = (h for h, _ in _ITEMS)
    body = "".join(f"<h1>{h}</h1><p>{PROSE}</p>" for h in subheads)
    article = (
        f"<html><head><title>{headline} - الوكالة</title></head><body><h1>{headline}</h1>{PROSE}{body}</body></html>"
    )
    tree = load_html(article.encode())
    assert tree is not None
    assert not_article_reason(tree, "https://agency.example/ar/news/1234", True) is None


def test_a_programme_page_and_a_dated_day_archive_are_not_articles() -> None:
    """A TV programme's page (``og:type`` ``video.tv_show``, JSON-LD ``TVSeries``) has a headline, a
    date and prose about the programme; a day archive's ``<h1>`` is an archive label with the date."""
    show = '<meta property="og:type" content="video.tv_show">'
    assert _page("حصاد الأسبوع | البرامج | قناة الجنوب", "حصاد الأسبوع", PROSE, show) == ("og:type says video.tv_show")
    series = '<script type="application/ld+json">{"@type": "TVSeries", "name": "حصاد الأسبوع"}</script>'
    assert _page("حصاد الأسبوع | البرامج | قناة الجنوب", "حصاد الأسبوع", PROSE, series) == "JSON-LD says tvseries"
    day = "أرشيف الأخبار: الثلاثاء 17 ديسمبر 2024 م - 16 جمادى الآخرة 1446 هـ"
    assert _page("أرشيف الأخبار - الثلاثاء 17 ديسمبر 2024", day, PROSE) == f"an archive page ({day})"
    # a headline that opens with an archive word and a colon, then says a story, is a story
    story = "أرشيف: وثائق جديدة تكشف خفايا اتفاق الهدنة بين الطرفين عام 1994 في عدن"
    assert _page(f"{story} - صيرة نيوز", story, PROSE) is None


def test_a_digest_of_summaries_with_details_links_is_not_an_article_whatever_its_markup() -> None:
    """A daily digest in the article template (``og:type`` article, NewsArticle JSON-LD): a summary per
    item, each followed by its "التفاصيل..." link to the full story. One such link closing an article
    does not make it a digest."""
    marked = (
        '<meta property="og:type" content="article"><script type="application/ld+json">'
        '{"@type": "NewsArticle", "headline": "النشرة البرلمانية اليومية"}</script>'
    )
    items = "".join(
        f"<p><b>{i}- {h}</b></p><p>{b}</p><p><a href='/news.asp?id={i}'>التفاصيل...</a></p>"
        for i, (h, b) in enumerate(_ITEMS, 1)
    )
    digest = f"<div class='news_body'><p>أبرز ما شهدته أروقة المجلس أمس في نشرتنا اليومية.</p>{items}</div>"
    assert _page("النشرة البرلمانية اليومية", "النشرة البرلمانية اليومية", digest, marked) == (
        "a digest: 4 summaries each with its link to the full story"
    )
    story = "المجلس يوافق على الحسابات الختامية بعد جلسة طويلة"
    one_link = f"<div class='news_body'>{PROSE}<p><a href='/news.asp?id=9'>التفاصيل...</a></p></div>"
    assert _page(f"{story} - القبة", story, one_link, marked) is None


def test_a_photo_gallery_search_results_and_a_dossier_of_teasers_are_not_articles() -> None:
    """A photo gallery in the article template (JSON-LD ``ImageGallery``); a search page's heading; a
    dossier whose intro stands beside its teasers, each with "Lire la suite … <title>"."""
    gallery = '<meta property="og:type" content="article"><script type="application/ld+json">{"@type": "ImageGallery"}</script>'
    assert _page("بالصور | موسم قطف الزيتون", "موسم قطف الزيتون في قرى سلفيت", PROSE, gallery) == (
        "JSON-LD says imagegallery"
    )
    search = "نتائج البحث عن: «اللغة العربية»"
    assert _page("البحث - جوهرة القرن", search, PROSE) == f"an archive page ({search})"
    teasers = "".join(
        f"<div class='item'><h2><a href='/n/{i}'>{h}</a></h2><p>{b}</p><a href='/n/{i}'>Lire la suite … {h}</a></div>"
        for i, (h, b) in enumerate(_ITEMS)
    )
    dossier = f"<div class='dossier'><div class='intro'>{PROSE}</div>{teasers}</div>"
    assert _page("ملف: الشيباني - ضفتان", "ملف: الشيباني.. جيل بنى فرنسا", dossier) == (
        "a digest: 4 summaries each with its link to the full story"
    )


def test_an_episode_page_a_print_issue_and_listings_addressed_by_a_query_are_not_articles() -> None:
    """A programme's episode in the article template (JSON-LD ``TVEpisode``, ``og:type`` ``video.episode``), a
    print issue's contents (``PublicationIssue``); SPIP's ``?rubrique10`` and
    ``?auteur12``, WordPress's ``?cat=`` and ``?s=``, Joomla's ``view=category``: listings by their address,
    fetched or canonical. SPIP's ``?article123`` and WordPress's ``?p=123`` are articles."""
    episode = (
        '<meta property="og:type" content="article"><script type="application/ld+json">{"@type": "TVEpisode",'
        ' "name": "الحلقة 38", "partOfSeries": {"@type": "TVSeries", "name": "بلا قفازات"}}</script>'
    )
    assert _page("بلا قفازات - الحلقة 38: موسم الاصطياف بين الآمال والهواجس", "الحلقة 38", PROSE, episode) == (
        "JSON-LD says tvepisode"
    )
    page = (
        f"<html><head><title>عنوان خبر محلي طويل</title></head><body><h1>عنوان خبر محلي طويل</h1>{PROSE}</body></html>"
    )
    tree = load_html(page.encode())
    for listing in ("spip.php?rubrique10", "spip.php?auteur12", "?cat=7", "?s=%D8%B3%D8%B7%D9%8A%D9%81",
                    "index.php?option=com_content&view=category&id=9"):  # fmt: skip
        assert not_article_reason(tree, f"https://news.example/{listing}", True) is not None, listing
        assert not_article_reason(tree, "https://news.example/x", True, f"https://news.example/{listing}") is not None
    for article in ("spip.php?article123", "?p=123", "index.php?option=com_content&view=article&id=9"):
        assert not_article_reason(tree, f"https://news.example/{article}", True) is None, article


def test_a_table_with_a_line_of_prose_is_a_data_page_an_article_with_a_factbox_is_not() -> None:
    rows = "\n".join(f"| {h:02d}:00 | {20 + h} دقيقة | {25 + h} دقيقة |" for h in range(6, 12))
    table = f"| الساعة | من المملكة إلى البحرين | من البحرين إلى المملكة |\n|---|---|---|\n{rows}"
    intro = "تحدث هذه الصفحة كل ساعة بمتوسط مدة العبور على الجسر في الاتجاهين وفق بيانات المؤسسة."
    reason = data_page_reason(f"{intro}\n{table}\nالمدة تقديرية.")
    assert reason is not None and reason.startswith("a data page")
    story = "\n".join([" ".join([intro] * 4), table, " ".join([intro] * 3)])  # 100+ words of prose and a table
    assert data_page_reason(story) is None
    assert data_page_reason(intro) is None


def test_a_dossier_of_summaries_with_drupal_read_more_links_is_not_an_article() -> None:
    """Drupal's teaser links read "اقرأ المزيد" with "عن <title>" hidden for screen readers; a dossier is a
    short intro and such summaries, in the article template (og:type article), with no article body."""

    def teaser(i: int) -> str:
        return (
            f'<div class="node-teaser"><h2><a href="/n/{i}">عنوان الخبر رقم {i} في الملف</a></h2><p>ملخص قصير للخبر.</p>'
            f'<a href="/n/{i}">اقرأ المزيد<span class="element-invisible"> عن عنوان الخبر رقم {i}</span></a></div>'
        )

    intro = "<p>ملف يجمع ما نشرناه عن موسم الزيتون في الجهات.</p>"
    marked = '<meta property="og:type" content="article">'
    teasers = "".join(teaser(i) for i in range(4))
    reason = _page("ملف: موسم الزيتون - الحاضرة", "ملف: موسم الزيتون", intro + teasers, marked)
    assert reason is not None and reason.startswith("a digest: 4 summaries")
    story = "ارتفاع إنتاج الزيتون في صفاقس هذا الموسم"
    article = f'<div class="post"><article>{PROSE}</article></div><div class="related">{teasers}</div>'
    assert _page(f"{story} - الحاضرة", story, article, marked) is None  # an article with related teasers


_SECTION_LEAD = (
    "أعطيت صباح اليوم بالمدينة انطلاقة برنامج لتأهيل الشواطئ قبل موسم الاصطياف، بغلاف مالي يناهز أربعين مليون درهم،"
    " يشمل تهيئة الممرات وتجهيز المرافق الصحية ومراكز الإسعاف."
)
_SECTION_MORE = (
    "وأوضح المسؤول الجهوي أن البرنامج يمتد على ثلاث سنوات، ويهم سبعة شواطئ، مع إحداث مواقف للسيارات وممرات خاصة"
    " بالأشخاص في وضعية إعاقة، إلى جانب حملات للتحسيس بالمحافظة على نظافة الرمال."
)
_SECTION_ITEMS = [
    ("/akhbar/plage.html", "إطلاق برنامج لتأهيل شواطئ الإقليم قبل الصيف", _SECTION_LEAD),
    ("/akhbar/port.html", "ارتفاع مفرغات السردين بالميناء خلال الشهر الماضي", _SECTION_MORE),
    ("/akhbar/souk.html", "حملة لتحرير الملك العمومي بوسط المدينة تثير الجدل", ""),
    ("/akhbar/hopital.html", "ساكنة تطالب بتعزيز الطاقم الطبي بالمستشفى المحلي", ""),
]
_ARTICLE_MARKUP = (
    '<meta property="og:type" content="article"><script type="application/ld+json">'
    '{"@type": "NewsArticle", "headline": "HEAD"}</script>'
)


def _template_page(head: str, main: str) -> str:
    return (
        f"<html><head><title>{head} - أصداء</title>{_ARTICLE_MARKUP.replace('HEAD', head)}</head><body>"
        f'<nav><a href="/">الرئيسية</a></nav><main><article><h1>{head}</h1>{main}</article></main>'
        '<aside><h3>الأكثر قراءة</h3><ul><li><a href="/akhbar/x.html">خبر من الأخبار الأكثر قراءة اليوم</a></li>'
        "</ul></aside></body></html>"
    )


def _items(wrapped: bool) -> str:
    out = []
    for href, title, teaser in _SECTION_ITEMS:
        heading = f'<h2 class="item-title"><a href="{href}">{title}</a></h2>'
        intro = f"<p>{teaser}</p>" if teaser else ""
        out.append(f'<div class="item">{heading}{intro}<span>03-06-2025</span></div>' if wrapped else heading + intro)
    return "".join(out)


@pytest.mark.parametrize("wrapped", [True, False], ids=["items-in-blocks", "items-as-siblings"])
@pytest.mark.parametrize("intro", ["", "<p>آخر أخبار الإقليم.</p>"], ids=["no-intro", "short-intro"])
def test_a_section_page_in_the_article_template_is_a_listing(wrapped: bool, intro: str) -> None:
    """Article markup (og:type, JSON-LD) and the article's <h1>, but linked headlines with their teasers
    right under it: a section page."""
    page = _template_page("الحسيمة", f'{intro}<div class="list">{_items(wrapped)}</div>')
    reason = not_article_reason(load_html(page), "https://asdaa.example/akhbar/alhoceima/", True)
    assert reason is not None and "linked headlines" in reason


@pytest.mark.parametrize(
    "main",
    [
        # a read-also box of linked headlines between the story's paragraphs
        f'<p>{_SECTION_LEAD}</p><div class="also"><h3>إقرأ أيضا</h3>{_items(True)}</div><p>{_SECTION_MORE}</p><p>{_SECTION_LEAD}</p>',
        # related headlines above a body set in <br> soup
        f'{_items(False)}<div class="body">{_SECTION_LEAD}<br><br>{_SECTION_MORE}<br><br>{_SECTION_LEAD}</div>',
        # a list of deals: each heading links to a shop, not to the site's articles
        "".join(
            f'<h2><a href="https://shop.example{href}">{title}</a></h2><p>{_SECTION_LEAD}</p>'
            for href, title, _ in _SECTION_ITEMS
        ),
        # headings that link to the author's page and to this page's own sections
        '<h3><a href="/author/said-alaoui">بقلم سعيد العلوي الصحافي</a></h3>'
        + "".join(
            f'<h2><a href="#s{i}">{title}</a></h2><p>{_SECTION_LEAD}</p>'
            for i, (_, title, _) in enumerate(_SECTION_ITEMS)
        ),
    ],
    ids=["read-also-box", "related-above-br-body", "deals", "author-and-anchors"],
)
def test_an_article_with_linked_headlines_stays_an_article(main: str) -> None:
    page = _template_page("انطلاق أشغال تأهيل الشواطئ بالإقليم", main)
    assert not_article_reason(load_html(page), "https://asdaa.example/akhbar/plage-2025.html", True) is None


def test_a_listing_whose_longest_text_is_its_rights_notice_is_not_an_article() -> None:
    """An old portal's month archive: a table of story links and dates, and a footer whose notice (rights,
    licence, address) is the page's longest text. The footer is no article body."""
    rows = "".join(
        f'<tr><td><a href="modules.php?name=News&amp;file=article&amp;sid={18300 + i}">خبر رقم {i} من أخبار محافظة'
        f" الحديدة في شهر ديسمبر</a></td><td>{120 + i}</td><td>{10 + i:02d}-12-2024</td></tr>"
        for i in range(7)
    )
    footer = (
        "جميع الحقوق محفوظة لوكالة تهامة للأنباء © 2008 - 2025 - الحديدة، شارع صنعاء، عمارة البريد. ما ينشر في"
        " الموقع من مقالات يعبر عن رأي كتابها ولا يعبر بالضرورة عن رأي الوكالة. PHP-Nuke Copyright © 2006 by"
        " Francisco Burzi. This is free software, and you may redistribute it under the GPL. PHP-Nuke comes with"
        " absolutely no warranty, for details, see the license."
    )
    page = (
        "<html><head><title>وكالة تهامة للأنباء - أرشيف الأخبار</title></head><body>"
        f"<table><tr><td><b>أرشيف الأخبار</b><br>الأخبار المنشورة في شهر: ديسمبر 2024<table>{rows}</table>"
        f"</td></tr></table><table><tr><td>{footer}</td></tr></table></body></html>"
    )
    url = "http://tihama.example/modules.php?name=Stories_Archive&sa=show_month&year=2024&month=12"
    assert not_article_reason(load_html(page), url, True) is not None


def test_a_category_page_whose_first_item_carries_two_paragraphs_beside_a_sidebar_is_a_listing() -> None:
    """Each item's text in a block beside its heading (the first item's two paragraphs are the longest prose
    of the page), and a sidebar with a paragraph of its own in the same grid: still a listing."""
    items = "".join(
        f'<article class="item"><h2><a href="{href}">{title}</a></h2><div class="text"><p>{_SECTION_LEAD}</p>'
        + (f"<p>{_SECTION_MORE}</p>" if i == 0 else "")
        + "</div></article>"
        for i, (href, title, _) in enumerate(_SECTION_ITEMS)
    )
    sidebar = f'<aside><div class="widget"><p>{_SECTION_MORE}</p></div></aside>'
    page = _template_page("أخبار وطنية", f'<div class="grid"><div class="list">{items}</div>{sidebar}</div>')
    reason = not_article_reason(load_html(page), "https://asdaa.example/akhbar/national/", True)
    assert reason is not None and "linked headlines" in reason


def test_a_home_page_whose_h1_is_the_site_name_and_its_tagline_is_not_an_article() -> None:
    """og:type website, a visually hidden <h1> "name - tagline", and a lead story's long excerpt."""
    lead = (
        f"<article class='lead-story'><h2>{_SECTION_ITEMS[0][1]}</h2><p>{_SECTION_LEAD} {_SECTION_MORE}</p></article>"
    )
    page = (
        "<html><head><title>تقصّي - صحافة استقصائية مستقلة</title><meta property='og:type' content='website'>"
        "<meta property='og:site_name' content='تقصّي'></head><body>"
        f"<h1 class='sr-only'>تقصّي - صحافة استقصائية مستقلة</h1><main>{lead}</main></body></html>"
    )
    assert not_article_reason(load_html(page), "https://www.taqassi.example/x/home", True) is not None


def test_a_home_page_whose_lead_story_heading_is_taken_for_the_headline_is_a_listing() -> None:
    """No <h1>: the lead story's linked <h2> with its first paragraph is the first heading, and more linked
    items follow."""
    lead = (  # a teaser under 300 characters, in a block whose own text (section, time, a line) passes them
        f"<div class='lead'><h2><a href='/news/zilzal.html'>{_SECTION_ITEMS[0][1]}</a></h2>"
        f"<p>{_SECTION_LEAD} {_SECTION_MORE[:100]}</p><span>روسيا</span> <span>21.11.2024 | 01:35</span>"
        "<span>أعلنت الهيئة أن الهزة لم تخلف أي أضرار</span></div>"
    )
    items = "".join(
        f"<div class='item'><h3><a href='{h}'>{t}</a></h3><span>21.11.2024</span></div>"
        for h, t, _ in _SECTION_ITEMS[1:]
    )
    page = (
        "<html><head><title>نيفا عربي</title><meta property='og:type' content='website'></head><body>"
        f"<main>{lead}<div class='side'>{items}</div></main></body></html>"
    )
    assert not_article_reason(load_html(page), "https://arabic.nevatv.example/x/home", True) is not None


_METHOD = (
    "يعتمد فريق التحقق منهجية معلنة في اختيار الادعاءات: ننظر في مدى انتشار الادعاء وتأثيره في حياة الناس، ثم"
    " نبحث عن مصدره الأول ونراجع الوثائق والصور بأدوات البحث العكسي، ونتواصل مع الجهات المعنية قبل إصدار الحكم."
)


def _static_page(extra_ld: str = "") -> str:
    return (
        "<html><head><title>منهجيتنا في التحقق | مجهر</title><meta property='og:type' content='website'>"
        '<script type=\'application/ld+json\'>{"@context":"https://schema.org","@type":"WebPage",'
        f'"name":"منهجيتنا في التحقق"}}</script>{extra_ld}</head><body><h1>منهجيتنا في التحقق</h1>'
        f"<div class='page__content'><p>{_METHOD}</p><p>{_METHOD}</p></div></body></html>"
    )


def test_a_static_page_of_the_site_is_not_an_article() -> None:
    """JSON-LD says only WebPage, og:type says website, and no date stands anywhere: a methodology page."""
    reason = not_article_reason(load_html(_static_page()), "https://mijhar-ye.example/x/manhajiyya", False)
    assert reason is not None and "WebPage" in reason


def test_an_article_whose_article_json_ld_does_not_parse_stays_an_article() -> None:
    broken = (  # a trailing comma: json.loads refuses it, the type is still named
        '<script type=\'application/ld+json\'>[{"@context":"https://schema.org","@type": "NewsArticle",'
        '"headline":"منهجيتنا في التحقق",}]</script>'
    )
    assert not_article_reason(load_html(_static_page(broken)), "https://mijhar-ye.example/x/manhajiyya", False) is None


@pytest.mark.parametrize(
    ("title", "og_title"),
    [("مصلحة مياه وادي الشعير", "مصلحة مياه وادي الشعير"), ("مصلحة مياه وادي الشعير - بوابة", "الرئيسية")],
    ids=["title-is-the-site-name", "og-title-says-home"],
)
def test_a_home_page_titled_with_the_site_name_or_home_is_not_an_article(title: str, og_title: str) -> None:
    """A lead story's card repeats a whole first paragraph, but the page's title names no story."""
    page = (
        f"<html><head><title>{title}</title><meta property='og:site_name' content='مصلحة مياه وادي الشعير'>"
        f"<meta property='og:type' content='website'><meta property='og:title' content='{og_title}'></head><body>"
        f"<div class='lead'><h2>{_SECTION_ITEMS[0][1]}</h2><p>{_SECTION_LEAD} {_SECTION_MORE}</p></div></body></html>"
    )
    assert not_article_reason(load_html(page), "https://www.wadi-water.example/ar/home2", True) is not None


def test_a_serendipity_post_under_archives_is_an_article_its_month_archive_is_not() -> None:
    from crawler.processing.pagetype import _listing_url

    assert _listing_url("https://www.sada-baghdeda.example/archives/1873-iftitah-maktabat.html") is None
    assert _listing_url("https://www.sada-baghdeda.example/archives/2024/11.html") is not None


@pytest.mark.parametrize(
    ("path", "listing"),
    [
        ("/archives/2025/09/20/42618873.html", False),  # Canalblog's post: its day, then its number
        ("/archives/2025/09/20/moussem-imilchil.html", False),
        ("/archives/2025/09/index.html", True),  # the month's archive
        ("/archives/2025/09/20/", True),  # the day's
        ("/archives/2025/09/", True),
    ],
)
def test_a_post_filed_under_its_day_in_archives_is_an_article(path: str, listing: bool) -> None:
    from crawler.processing.pagetype import _listing_url

    assert (_listing_url(f"https://moussem-imilchil.canalblog.example{path}") is not None) == listing


@pytest.mark.parametrize(
    "title", ["المداخلات الموسومة بـ بغديدا - صدى بغديدا", "عرض النتائج للعلامة 'سقارة'. - بوابة الأثري"]
)
def test_a_page_titled_as_a_tags_entries_is_an_archive(title: str) -> None:
    page = f"<html><head><title>{title}</title></head><body><h1>صدى بغديدا</h1><p>{_SECTION_LEAD}</p></body></html>"
    reason = not_article_reason(load_html(page), "https://www.sada-baghdeda.example/x/t", True)
    assert reason is not None and "archive" in reason


def test_an_undated_overview_of_the_institution_is_a_page_about_the_site_a_dated_one_is_not_judged_so() -> None:
    page = (
        "<html><head><title>نبذة عن السلطة القضائية - بوابة المحاكم</title><meta property='og:type' content='article'>"
        f"</head><body><h1 class='bhNewsTitle'>نبذة عن السلطة القضائية</h1><p>{_SECTION_LEAD} {_SECTION_MORE}</p>"
        "</body></html>"
    )
    reason = not_article_reason(load_html(page), "https://www.bh-courts.example/x/overview", False)
    assert reason is not None and "about the site" in reason
    assert not_article_reason(load_html(page), "https://www.bh-courts.example/x/overview", True) is None


def test_a_page_titled_search_results_is_an_archive_whatever_its_headings() -> None:
    page = (
        "<html><head><title>نتائج البحث - مؤسسة موانئ ساحل حضرموت</title></head><body><h1>مؤسسة موانئ ساحل حضرموت</h1>"
        f"<h2>نتائج البحث</h2><dl><dt><a href='/ar/news/1'>{_SECTION_ITEMS[0][1]}</a></dt><dd>{_SECTION_LEAD}</dd></dl>"
        "</body></html>"
    )
    reason = not_article_reason(load_html(page), "https://www.mukalla-port.example/x/s", False)
    assert reason is not None and "نتائج البحث" in reason


def test_a_newsroom_story_under_about_is_an_article_the_about_page_itself_is_not() -> None:
    from crawler.processing.pagetype import _listing_url

    assert _listing_url("https://www.dilmunair.example/ar/about/media-centre/stories/2024/first-a321neo") is None
    assert _listing_url("https://www.dilmunair.example/ar/about") is not None
    assert _listing_url("https://www.dilmunair.example/ar/contact-us/") is not None


@pytest.mark.parametrize(
    ("title", "h1"),
    [("هيئة تنمية مشروع الجزيرة - نتائج البحث", "هيئة تنمية مشروع الجزيرة"), ("مؤسسة المياه في حماة - البحث", "البحث")],
)
def test_a_search_page_named_after_the_site_in_its_title_is_an_archive(title: str, h1: str) -> None:
    """The site's name first and the search last in the ``<title>``, or an ``<h1>`` that only says "search"."""
    page = (
        f"<html><head><title>{title}</title></head><body><h1>{h1}</h1><form action='/search/index.php'>"
        f"<input name='string' value='القطن'></form><h3><a href='/ar/news/1'>{_SECTION_ITEMS[0][1]}</a></h3>"
        f"<p>{_SECTION_LEAD}</p></body></html>"
    )
    reason = not_article_reason(load_html(page), "https://www.gezira.example/x/s", False)
    assert reason is not None and "البحث" in reason


@pytest.mark.parametrize("more", ["تتمة الخبر...", "اقرأ التفاصيل", "En savoir plus"])
def test_a_category_page_of_whole_news_items_each_with_its_continue_link_is_a_digest(more: str) -> None:
    """e107's category page repeats the news item's template (title link, "نشرت بواسطة … في …", body) with a
    "تتمة الخبر..." link after each summary."""
    items = "".join(
        f"<div class='newsItem'><div class='newsTitle'><a href='/news.php?extend.{i}'>{h}</a></div>"
        f"<div class='newsBody'>{b}<br><br><a href='/news.php?extend.{i}'>{more}</a></div></div>"
        for i, (h, b) in enumerate(_ITEMS)
    )
    page = f"<div class='caption'>الأخبار - تصنيف: نشريات خاصة</div>{items}"
    reason = _page("المديرية الجهوية للأرصاد : الأخبار / نشريات خاصة", "المديرية الجهوية للأرصاد", page)
    assert reason is not None and "digest" in reason


def test_a_page_whose_canonical_address_is_the_sites_language_root_is_the_home_page() -> None:
    """An app that prints ``og:type`` article on every route: the saved home page says where it lives."""
    page = (
        "<html><head><title>غرفة أخبار أوال تل</title><meta property='og:type' content='article'>"
        "<link rel='canonical' href='https://newsroom.awaltel.example/ar'></head><body><h1>غرفة أخبار أوال تل</h1>"
        f"<h2><a href='/ar/news/5g'>{_SECTION_ITEMS[0][1]}</a></h2><p>{_SECTION_LEAD}</p></body></html>"
    )
    saved = "https://newsroom.awaltel.example/x/saved"
    assert not_article_reason(load_html(page), saved, False) == "the site's home page"
    # a story whose canonical link wrongly points home keeps its own title
    title = _SECTION_ITEMS[0][1]
    wrong = page.replace("<title>غرفة أخبار أوال تل</title>", f"<title>{title} - غرفة أخبار أوال تل</title>")
    story = "https://newsroom.awaltel.example/ar/news/5g-launch"
    assert not_article_reason(load_html(wrong), story, False) != "the site's home page"


def test_a_portal_page_whose_title_says_home_is_the_home_page() -> None:
    """Lutece's ``Portal.jsp``: no ``og:type``, the ``<title>`` "الرئيسية - <site>", a featured story in the story
    template over the latest news."""
    page = (
        "<html><head><title>الرئيسية - المكتب الجهوي للزربية بالقيروان</title></head><body>"
        f"<h2>{_SECTION_ITEMS[0][1]}</h2><p>{PROSE}</p><h2>آخر الأخبار</h2><ul><li><a href='/n/1'>{_SECTION_ITEMS[1][1]}</a>"
        "</li></ul></body></html>"
    )
    assert not_article_reason(load_html(page), "https://www.tapis.example/jsp/site/Portal.jsp", True) == (
        "the site's home page (its title says home)"
    )


def test_an_archive_heading_in_the_first_h2_under_an_h1_that_names_the_site() -> None:
    """FlatPress: the ``<h1>`` is the site's name (the ``<title>``'s first part), the archive's "Catégorie : …" is
    the first ``<h2>``, entries in full below."""
    page = (
        "<html><head><title>المكتب الجهوي للمياه » بلاغات</title></head><body><h1>المكتب الجهوي للمياه</h1>"
        f"<h2>Catégorie : بلاغات</h2><h2>mardi 1 juillet 2025</h2><h3>{_SECTION_ITEMS[0][1]}</h3><p>{PROSE}</p>"
        "</body></html>"
    )
    reason = not_article_reason(load_html(page), "https://www.eau.example/?x=cat:2", False)
    assert reason == "an archive page (Catégorie : بلاغات)"


@pytest.mark.parametrize("heading", ["الأرشيف: نونبر 2025", "الأرشيف : 2024"])
def test_the_archive_with_its_article_under_an_h1_that_names_the_site(heading: str) -> None:
    """ "الأرشيف: <month>" with the definite article is as much an archive's label as "أرشيف"."""
    page = (
        "<html><head><title>جمعية القصر للتراث - الأرشيف</title></head><body><h1>جمعية القصر للتراث</h1>"
        f"<h2>{heading}</h2><h2>{_SECTION_ITEMS[0][1]}</h2><p>{PROSE}</p></body></html>"
    )
    assert not_article_reason(load_html(page), "https://qasr.example/archives?m=11", False) == (
        f"an archive page ({heading})"
    )


@pytest.mark.parametrize("heading", ["أرشيف الأخبار 2024", "أرشيف المقالات أكتوبر 2025", "Archives 2023"])
def test_an_archive_heading_that_names_a_year_or_a_month_without_a_colon(heading: str) -> None:
    marked = '<meta property="og:type" content="article">'
    assert _page(f"{heading} - جريدة", heading, PROSE, marked) == f"an archive page ({heading})"


def test_a_story_headline_that_opens_with_the_word_archive_stays_an_article() -> None:
    headline = "أرشيف الدولة يكشف وثائق جديدة عن مفاوضات 1956"
    assert _page(f"{headline} - جريدة", headline, PROSE) is None


def test_a_blog_category_whose_longest_summary_is_one_of_three_alike_items_is_a_digest() -> None:
    """A blog module's category page: each post an item of the same kind (title link, date, summary, "read
    more"); the longest summary runs to two paragraphs, still one item among its like."""
    first = PROSE[: len(PROSE) // 3 * 2]
    items = "".join(
        f'<li class="post-holder post-holder-{i}"><div class="post-title"><a href="/blog/p{i}">عنوان التدوينة رقم {i}'
        f' عن موسم القطاف</a></div><div class="post-content"><div class="post-text">{first if i == 1 else PROSE[:180]}'
        f'</div><a class="read-more" href="/blog/p{i}">اقرأ المزيد »</a></div></li>'
        for i in (1, 2, 3)
    )
    reason = _page("المواسم والأسعار - مدونة التعاونية", "المواسم والأسعار", f"<ul class='posts'>{items}</ul>")
    assert reason is not None and reason.startswith("a digest")


def test_an_article_with_a_read_more_marker_beside_two_related_cards_stays_an_article() -> None:
    """One item of its kind (the article's body, its own \"read more\" marker in it) is no summary among alike ones."""
    cards = "".join(
        f'<div class="card"><a href="/n/{i}">خبر ذو صلة رقم {i} عن الموضوع نفسه</a><p>ملخص قصير للخبر.</p>'
        f'<a href="/n/{i}">اقرأ المزيد</a></div>'
        for i in (1, 2)
    )
    body = (
        f'<main><div class="entry">{PROSE}<p><a href="/n/9">اقرأ المزيد: خبر سابق عن الموضوع</a></p></div></main>'
        f"<aside>{cards}</aside>"
    )
    assert _page("خبر اليوم - جريدة", "خبر اليوم عن الموضوع نفسه في المدينة", body) is None


@pytest.mark.parametrize("label", ["المشاركات في المنتدى", "مقالات الكاتب", "Posts"])
def test_a_persons_page_listing_their_posts_under_their_name_is_an_author_page(label: str) -> None:
    """A forum's or a blog's page of one person: their name as the <h1>, "their posts" as the next heading, then
    the posts, the first one whole."""
    posts = f"<h2>{label}</h2><h3>عنوان المشاركة الأولى عن المشروع</h3>{PROSE}<h3>عنوان مشاركة ثانية</h3>"
    reason = _page("منصة الجامعة: أمينة بلخير: المشاركات", "أمينة بلخير", posts)
    assert reason == f"an author's page ({label})"


def test_a_story_whose_first_subheading_names_posts_after_its_first_paragraph_stays_an_article() -> None:
    story = f"{PROSE}<h2>المشاركات في المنتدى</h2>{PROSE}"
    assert _page("منتدى الشباب يناقش البطالة - جريدة", "منتدى الشباب يناقش البطالة في الجهة", story) is None


def test_an_archive_named_in_the_title_under_a_bare_heading_is_an_archive() -> None:
    """The <h1> says only "أخبار المركز"; the <title> names the archive: "أرشيف الأخبار: أكتوبر 2025 - <site>"."""
    reason = _page("أرشيف الأخبار: أكتوبر 2025 - مركز البحوث", "أخبار المركز", PROSE)
    assert reason == "an archive page (أرشيف الأخبار: أكتوبر 2025)"


def test_a_story_titled_after_a_writer_is_no_archive() -> None:
    assert _page("الكاتب: محمد برادة يصدر روايته الجديدة - جريدة", "محمد برادة يصدر روايته الجديدة", PROSE) is None


@pytest.mark.parametrize("heading", ["الأرشيف", "الأخبار", "Archives", "الإعلانات"])
def test_a_page_headed_by_a_sections_bare_name_is_an_archive(heading: str) -> None:
    assert _page(f"{heading} | جمعية سيوة", heading, PROSE) == f"an archive page ({heading})"


def test_a_section_banner_over_a_storys_own_headline_leaves_the_story_an_article() -> None:
    """A site's section banner as the <h1> ("الأخبار"), the story's headline an <h2> that the title says."""
    story = "<h2>افتتاح معرض الفخار في القصر القديم</h2>" + PROSE
    assert _page("افتتاح معرض الفخار في القصر القديم - جمعية", "الأخبار", story) is None


@pytest.mark.parametrize(
    "heading", ["مواضيع موسومة بـ «سباقات»", "أحدث المواضيع الموسومة بـ سباقات", "منشوران موسومان بـ «علوم البحار»"]
)
def test_a_forums_tag_page_without_the_article_is_a_tag_page(heading: str) -> None:
    reason = _page(f"{heading} - نادي المحامل", heading, PROSE)
    assert reason is not None and reason.startswith("an archive page")


def test_a_forums_show_posts_page_of_a_member_is_an_authors_page() -> None:
    """SMF's profile page of a member's posts: "عرض المشاركات - <name>" as its heading."""
    reason = _page("عرض المشاركات - عبد الحميد بن قانة", "عرض المشاركات - عبد الحميد بن قانة", PROSE)
    assert reason == "an author's page (عرض المشاركات)"


def test_a_page_is_judged_by_the_address_its_og_url_declares_on_its_own_host() -> None:
    """A saved page, or one served at another path, still says where it lives in ``og:url``."""
    about = '<meta property="og:url" content="https://news.example/about">'
    assert _page("الاتحاد | الاتحاد الجهوي", "كلمة الرئيس", PROSE, about) == "a listing URL (/about)"
    tag = '<meta property="og:url" content="/tag/sport">'
    assert _page("رياضة | جريدة", "رياضة", PROSE, tag) == "a listing URL (/tag/sport)"
    elsewhere = '<meta property="og:url" content="https://other.example/category/sport">'
    assert (
        _page("افتتاح معرض الفخار في القصر القديم - جمعية", "افتتاح معرض الفخار في القصر القديم", PROSE, elsewhere)
        is None
    )
    own = '<meta property="og:url" content="https://news.example/2025/01/expo-1234.html">'
    assert _page("افتتاح معرض الفخار في القصر القديم - جمعية", "افتتاح معرض الفخار في القصر القديم", PROSE, own) is None


def _declaring(site: str, how: str) -> tuple[str, str]:
    """(head, body prefix) declaring ``site`` as the site's name: og:site_name, its logo's alt, a site-title element."""
    if how == "og":
        return f'<meta property="og:site_name" content="{site}">', ""
    if how == "logo":
        return "", f'<a class="navbar-brand" href="/"><img src="/img/logo.png" alt="{site}"></a>'
    return "", f'<p class="site-title"><a href="/">{site}</a></p>'


@pytest.mark.parametrize(
    ("title", "name", "how"),
    [
        ("عن الاتحاد | الاتحاد الجهوي لمنمي الإبل بتجكجة", "عن الاتحاد", "og"),
        ("مهرجان كناوة - عن المهرجان", "عن المهرجان", "logo"),
        ("عن التعاونية — تعاونية أركان تارودانت", "عن التعاونية", "site-title"),
    ],
)
def test_about_the_institution_the_site_names_is_a_page_about_the_site(title: str, name: str, how: str) -> None:
    about, site = sorted((p.strip() for p in re.split(r" [|—-] ", title)), key=lambda p: not p.startswith("عن"))
    head, prefix = _declaring(site, how)
    assert _page(title, about, prefix + PROSE, head) == f"a page about the site ({name})"
    assert _page(title, about, PROSE) is None  # the site's name said nowhere but in the <title>: a story's title


def test_a_story_about_an_institution_the_site_does_not_name_stays_an_article() -> None:
    assert _page("عن الاتحاد الأوروبي | جريدة الشمال", "عن الاتحاد الأوروبي", PROSE) is None
    assert _page("عن الحرب | جريدة الشمال", "عن الحرب", PROSE) is None


@pytest.mark.parametrize("path", ["/team/zahraa-kadhim", "/ar/staff/ahmed-salem/", "/fariq-al-amal/x"])
def test_a_team_members_page_is_a_listing_by_its_address(path: str) -> None:
    tree = load_html(
        f"<html><head><title>زهراء كاظم</title></head><body><h1>زهراء كاظم</h1>{PROSE}</body></html>".encode()
    )
    assert tree is not None
    reason = not_article_reason(tree, f"https://news.example{path}", True)
    assert (reason is not None) == (path != "/fariq-al-amal/x")


@pytest.mark.parametrize(
    "heading", ["الفعاليات", "الفعاليات القادمة", "الأنشطة", "Events", "المقالات", "البيانات الصحفية"]
)
def test_a_page_headed_by_a_bare_section_name_of_events_or_releases_is_an_archive(heading: str) -> None:
    assert _page(f"{heading} | محمية كلباء", heading, PROSE) == f"an archive page ({heading})"


@pytest.mark.parametrize(
    "title", ["أخبار الجمعية - منتدى جمعية صيادي الشرفية بقرقنة", "أنشطة الاتحاد | الاتحاد الجهوي لمنمي الإبل"]
)
def test_the_sections_title_of_the_institution_the_site_names_is_a_section_page(title: str) -> None:
    """A forum's board of news ("أخبار الجمعية - منتدى جمعية …"): its <h1> is the board's name, the page lists topics."""
    section, site = re.split(r" [-|] ", title)
    head, logo = _declaring(site, "logo")
    topics = "".join(
        f'<h3><a href="/t/{i}">موضوع رقم {i} من مواضيع القسم</a></h3><p>بواسطة عضو » أمس</p>' for i in range(5)
    )
    assert _page(title, site, logo + topics, head) == f"a section page ({section})"
    # a story filed under the section names it in its title, and has a body
    story = "الجمعية تعلن برنامج الدور الأول من كأس الساحل"
    assert _page(f"{section} | {story}", story, logo + PROSE) is None
    assert _page(f"{story} - {section} - {site}", story, logo + PROSE) is None


def test_an_outlet_named_like_a_section_is_no_section_of_itself() -> None:
    """ "أخبار اليوم", "أخبار الخليج": outlets' names; their stories' titles end with them, short stories too."""
    for site in ("أخبار اليوم", "أخبار الخليج"):
        story = f"أمطار غزيرة على مدن {site.split()[1]} في نهاية الأسبوع"
        short = "<p>هطلت أمطار غزيرة على عدة مدن مساء أمس، وأعلنت مصالح الأرصاد استمرار التقلبات الجوية حتى نهاية الأسبوع مع انخفاض ملموس في درجات الحرارة.</p>"
        head, _ = _declaring(site, "og")
        _, title_element = _declaring(site, "site-title")
        assert _page(f"{story} – {site}", story, title_element + short, head) is None


def test_a_story_titled_with_news_of_an_institution_stays_an_article() -> None:
    story = "أخبار الجمعية العامة للأمم المتحدة في دورتها الجديدة"
    assert _page(f"{story} - جمعية صيادي الشرفية", story, PROSE) is None
    assert _page("أخبار الحرب - جمعية صيادي الشرفية", "أخبار الحرب", PROSE) is None


@pytest.mark.parametrize("heading", ["أرشيف أخبار الجمعية لعام 2025", "أرشيف الأخبار لسنة 2024"])
def test_an_archive_heading_naming_its_year_after_a_few_words_is_an_archive(heading: str) -> None:
    assert _page(f"{heading} | جمعية", heading, PROSE) == f"an archive page ({heading})"


def test_a_section_headed_by_its_own_name_is_a_section_page_even_with_a_story_printed_on_it() -> None:
    """CuteNews prints a static story under the section's short items: the section's heading says it is the section."""
    site = "جمعية أصدقاء سواكن التاريخية"
    head, logo = _declaring(site, "logo")
    reason = _page(f"{site} :: أخبار الجمعية", site, f"{logo}<h2>أخبار الجمعية</h2>{PROSE}", head)
    assert reason == "a section page (أخبار الجمعية)"
    # a section's banner over a story filed under it: the story's own headline
    story = "الجمعية تفتتح معرض الصور القديمة لسواكن في مقرها"
    assert _page(f"{story} :: أخبار الجمعية", story, f"{logo}<h2>أخبار الجمعية</h2>{PROSE}", head) is None


def test_an_archive_named_by_its_month_in_the_title_is_an_archive() -> None:
    site = "جمعية تنمية النسيج اليدوي بأخميم"
    reason = _page(f"أرشيف نوفمبر ٢٠٢٥ | أخبار الجمعية | {site}", site, PROSE)
    assert reason == "an archive page (أرشيف نوفمبر ٢٠٢٥)"


def test_a_blog_index_whose_posts_each_say_continue_reading_their_title_is_a_digest() -> None:
    """Typepad's main index: each post's body, then 'Continue reading "<title>" »'."""
    posts = "".join(
        f"<h3 class='entry-header'><a href='/akhbar/2025/12/p{i}.html'>{title}</a></h3><div class='entry-body'>"
        f"<p>{_SECTION_LEAD}</p></div><p class='entry-more'><a href='/akhbar/2025/12/p{i}.html'>Continue reading"
        f' "{title}" »</a></p>'
        for i, (_, title, _) in enumerate(_SECTION_ITEMS)
    )
    reason = _page("تعاونية حرفيي السكاكين في جزين", "تعاونية حرفيي السكاكين في جزين", posts)
    assert reason is not None and reason.startswith("a digest")


@pytest.mark.parametrize(
    "heading", ["مقالاته على الموقع", "ما كتبته زهراء", "Articles by Salem", "تدويناته", "مواضيعها"]
)
def test_a_persons_page_with_a_bio_then_their_posts_is_an_authors_page(heading: str) -> None:
    links = "".join(
        f"<h3><a href='{href}'>{title}</a></h3><p><ins>الأحد 7 ديسمبر 2025</ins></p>"
        for href, title, _ in _SECTION_ITEMS
    )
    bio = "<p>باحث في تاريخ الواحة وعضو مؤسس في الجمعية، يكتب عن عمارتها القديمة وعن ذاكرة سكانها منذ سنوات طويلة.</p>"
    reason = _page("سالم امحمد الأوجلي :: جمعية أوجلة", "سالم امحمد الأوجلي", f"{bio}<h2>{heading}</h2>{links}")
    assert reason == f"an author's page ({heading})"


@pytest.mark.parametrize("layout", ["wordpress", "table", "modern", "portal"])
def test_a_short_story_in_each_layout_of_the_dedup_benchmark_is_an_article(layout: str) -> None:
    """The dedup benchmark renders its pairs' texts through four common layouts (an outlet named "أخبار اليوم"
    among them): every story, a short one too (under 300 characters), must come out an article, or the pairs measure
    page types."""
    from benchmarks.dedup_pairs_eval import LAYOUTS, render
    from crawler.items import RawPage
    from crawler.processing.extract import extract

    assert layout in LAYOUTS
    lines = [
        "أعلنت وزارة الصحة اليوم تسجيل حالات جديدة في عدد من مناطق المملكة، مؤكدة أن الوضع تحت السيطرة.",
        "وأوضح المتحدث الرسمي أن الفرق الميدانية باشرت أعمالها منذ الصباح الباكر في الأحياء المتضررة.",
        "ودعت الوزارة المواطنين إلى اتباع الإرشادات الوقائية ومراجعة أقرب مركز صحي عند ظهور الأعراض.",
    ]
    record = {"url": "http://www.example-news.example/1234.html", "title": "الصحة تسجل حالات جديدة في عدد من المناطق",
              "content": "\n".join(lines), "date_extracted": "2015-08-01 10:00:00"}  # fmt: skip
    others = [f"عنوان خبر آخر من أخبار اليوم رقم {i}" for i in range(10)]
    article = extract(RawPage(url=record["url"], body=render(layout, record, others)))
    assert article.text.split("\n") == lines


def test_an_article_whose_block_ends_with_related_posts_under_headings_is_an_article() -> None:
    """A static site generator (Quarto) sets the related posts' headings, each a link, in the article's own block,
    after the whole text; a listing's linked headlines come before most of its text, or with none."""
    related = "".join(
        f"<div class='quarto-post'><h3 class='listing-title'><a href='{href}'>{title}</a></h3><p>{teaser}</p></div>"
        for href, title, teaser in _SECTION_ITEMS[:3]
    )
    main = f"<main>{PROSE}<section><h2>تدوينات ذات صلة</h2>{related}</section></main>"
    assert (
        _page("حراس العرعر يرصدون تراجع الجفاف في غابة رغدان", "حراس العرعر يرصدون تراجع الجفاف في غابة رغدان", main)
        is None
    )
    listing = f"<main><p>{_SECTION_LEAD}</p>{related}{PROSE}</main>"
    assert _page("الأخبار | فريق حراس العرعر", "فريق حراس العرعر", listing) is not None


@pytest.mark.parametrize(
    ("title", "heading"),
    [
        ("نتائج البحث عن «البركة» | جمعية كوكبان", "نتائج البحث عن «البركة»"),
        ('Search results for "Kawkaban" | Kawkaban', 'Search results for "Kawkaban"'),
        ("2026 - جمعية أدلاء سبسطية", "2026"),
    ],
)
def test_a_search_for_a_quoted_term_and_a_bare_years_heading_are_archives(title: str, heading: str) -> None:
    reason = _page(title, heading, PROSE)
    assert reason is not None and reason.startswith("an archive page")


_BIO = "<p>باحث في تاريخ الواحة وعضو مؤسس في الجمعية، يكتب عن عمارتها القديمة وعن ذاكرة سكانها منذ سنوات طويلة.</p>"


@pytest.mark.parametrize("tag", ["h3", "h4"])
def test_a_bio_then_the_writers_articles_as_a_list_of_links_is_an_authors_page(tag: str) -> None:
    """The article template reused for a writer: their name as the <h1>, a two-line bio, then "مقالات الكاتب" over
    a plain list of their stories (links with dates, no headings)."""
    items = "".join(
        f"<li><a href='{href}'>{title}</a> <span>الأحد 7 ديسمبر 2025</span></li>" for href, title, _ in _SECTION_ITEMS
    )
    main = f"{_BIO * 2}<{tag}>مقالات الكاتب</{tag}><ul class='posts'>{items}</ul>"
    assert _page("سالم امحمد الأوجلي :: جمعية أوجلة", "سالم امحمد الأوجلي", main) == "an author's page (مقالات الكاتب)"


def test_a_column_followed_by_the_writers_other_articles_stays_an_article() -> None:
    """An opinion column ends with a list of the writer's other columns: the whole text before the list is the
    article, not a bio."""
    items = "".join(f"<li><a href='{href}'>{title}</a></li>" for href, title, _ in _SECTION_ITEMS)
    main = f"{PROSE * 2}<h3>مقالات الكاتب</h3><ul>{items}</ul>"
    assert _page("في معنى الواحة - جريدة", "في معنى الواحة وذاكرة سكانها القديمة", main) is None


@pytest.mark.parametrize("count", ["38 مقالا", "2 مقالات", "عدد المقالات: 14", "12 articles"])
def test_a_persons_header_that_counts_their_articles_is_an_authors_page(count: str) -> None:
    """A profile header under the person's name counts their articles ("محرر | 38 مقالا | عضو منذ …"); their
    stories follow, the first with its whole first paragraph: two are enough."""
    stories = "".join(
        f"<h2><a href='{href}'>{title}</a></h2><p class='meta'>الخميس 21 مايو 2026</p>{PROSE[:300] if i == 0 else ''}"
        f"<p>{lead[:90]}…</p>"
        for i, (href, title, lead) in enumerate(_SECTION_ITEMS[:2])
    )
    header = f"<div class='meta'>محرر في موقع الجمعية | {count} | عضو منذ 2019</div>"
    reason = _page("عمرو عبد الباسط :: جمعية", "عمرو عبد الباسط", f"{header}{_BIO}{stories}")
    assert reason == f"an author's page ({count})"


def test_a_story_whose_byline_counts_comments_or_shares_stays_an_article() -> None:
    header = "<div class='meta'>بقلم: سعيد العلوي | 12 تعليقا | 340 مشاركة</div>"
    assert (
        _page("حملة لتحرير الملك العمومي - جريدة", "حملة لتحرير الملك العمومي بوسط المدينة", f"{header}{PROSE}") is None
    )


@pytest.mark.parametrize(
    "byline",
    [
        "<span>كتب: {name}</span>",
        "<span>بقلم {name}</span>",
        "<span>By {name}</span>",
        "<span>بواسطة: {name}</span>",
        "<span class='card__author'>{name}</span>",
        "<a href='/ar/news/author/7f3c/'>{name}</a>",
    ],
)
def test_a_persons_name_over_their_bio_and_posts_bylined_with_that_name_is_an_authors_page(byline: str) -> None:
    """A writer's page in the article template, marked up as an article by its CMS: their name as the headline, a
    bio, then their stories, each bylined with that name (after a byline's label, or in an element marked as the
    author), under any heading ("أحدث ما كتب") or none."""
    name = "عمر فيصل الزعبي"
    stories = "".join(
        f"<article class='card'><h2><a href='{href}'>{title}</a></h2><div class='meta'>{byline.format(name=name)}"
        f"<span>الخميس 29 أكتوبر 2026</span></div><p>{lead[:120]}</p></article>"
        for href, title, lead in _SECTION_ITEMS
    )
    ld = (
        '<meta property="og:type" content="article"><script type="application/ld+json">{"@type": "NewsArticle",'
        f' "headline": "{name}", "author": {{"@type": "Person", "name": "{name}"}}}}</script>'
    )
    main = f"<div class='body'>{_BIO * 3}</div><section><h2>أحدث ما كتب</h2>{stories}</section>"
    assert _page(f"{name} - نبض عمّان", name, main, ld) == f"an author's page (posts bylined {name})"
    tagged = main.replace(byline.format(name=name), f"<span class='post-category'>{name}</span>")  # each card's tag
    assert _page(f"{name} - نبض عمّان", name, tagged, ld) != f"an author's page (posts bylined {name})"


def test_a_story_followed_by_more_stories_of_its_writer_stays_an_article() -> None:
    """A story ends with its writer's other stories, each bylined with their name: the headline is the story's, not
    the writer's name."""
    name = "عمر فيصل الزعبي"
    stories = "".join(
        f"<h3><a href='{href}'>{title}</a></h3><span>كتب: {name}</span>" for href, title, _ in _SECTION_ITEMS
    )
    main = f"<span>كتب: {name}</span>{PROSE * 2}<h2>المزيد للكاتب</h2>{stories}"
    assert _page("العقبة تستقبل أول سفينة سياحية", "العقبة تستقبل أول سفينة سياحية في الموسم الشتوي", main) is None


def test_teasers_whose_fields_each_sit_in_a_block_of_their_own_are_a_listing_in_any_markup() -> None:
    """Drupal's Views set each field of a teaser in its own block (title, date, body), inside an
    ``article.node--view-mode-teaser``: the teaser's paragraph is not beside its title's block, yet it is the
    teaser's, so a taxonomy page marked up as a ``NewsArticle`` (og:type article) with a short description is a
    listing."""
    rows = "".join(
        f"<div class='views-row'><article class='node node--view-mode-teaser'><div class='views-field'><h2"
        f" class='field-content'><a href='{href}'>{title}</a></h2></div><div class='views-field'><time"
        f" datetime='2026-07-12T09:40:00Z'>الأحد 12 يوليو 2026</time></div><div class='views-field'><div"
        f" class='field-content'><p>{lead}</p></div></div></article></div>"
        for href, title, lead in _SECTION_ITEMS[:3]
    )
    intro = "<div class='view-header'><p>دار الكتب والوثائق القومية أقدم مكتبة وطنية في مصر، أسست عام 1870.</p></div>"
    main = f"<div class='view'>{intro}<div class='view-content'>{rows}</div></div>"
    reason = _page("دار الكتب والوثائق القومية | بوابة الوادي", "دار الكتب والوثائق القومية", main, _ARTICLE_MARKUP)
    assert reason is not None and "linked headlines with teasers" in reason


@pytest.mark.parametrize("part", ["كل مقالات عبدالكريم يحيى الكوكباني", "جميع مقالات الكاتبة سعاد"])
def test_a_page_titled_all_of_a_persons_articles_is_an_authors_page(part: str) -> None:
    reason = _page(f"{part} | جمعية كوكبان", "عبدالكريم يحيى الكوكباني", PROSE)
    assert reason == f"an author's page ({part})"


def test_a_story_about_a_year_or_all_articles_of_a_law_stays_an_article() -> None:
    story = "كل مقالات الدستور الجديد تدخل حيز التنفيذ مطلع العام"
    assert _page(f"{story} | جريدة", story, PROSE) is None
    assert _page("2026 عام الحرف التقليدية في سبسطية - جمعية", "2026 عام الحرف التقليدية في سبسطية", PROSE) is None


def test_a_forums_thread_list_under_a_scrolling_ticker_is_no_article() -> None:
    """A board's thread list: no headline, rows of thread subjects, and a ``<marquee>`` ticker whose dated notices
    read like prose; a ticker is never the page's text."""
    ticker = (
        "<div class='ticker'><strong>تنبيهات الجمعية:</strong><marquee>● الخميس 7 مايو 2026: اجتماع الهيئة العامة"
        " للجمعية في الديوان بعد صلاة العصر ● السبت 2 مايو 2026: حملة تنظيف الدرج الحجري الصاعد إلى الحصن، التجمع"
        " عند البوابة السفلى ● باب التسجيل في دورة البناء بالحجر مفتوح حتى نهاية الشهر ● الأحد 10 مايو 2026: زيارة"
        " ميدانية لصهاريج الحصن مع فريق المهندسين المتطوعين</marquee></div>"
    )
    rows = "".join(
        f"<tr><td><a href='/thread-{i}.html'>{subject}</a><div class='author'><a href='/user-{i}.html'>عضو</a></div>"
        f"</td><td>{i}</td><td>12-04-2026</td></tr>"
        for i, subject in enumerate(
            (
                "أمسية في ديوان الجمعية تستعيد حكايات البوابة القديمة",
                "تقرير ما أنجزته الجمعية في الربع الأول من العام",
                "دورة البناء بالحجر لعشرين شابا من أبناء البلدة",
                "تنظيف الصهاريج المنحوتة في الصخر تحت الحصن",
            )
        )
    )
    page = (
        "<html><head><title>أخبار الجمعية</title></head><body><div class='wrapper'>"
        f"{ticker}<div class='navigation'>المنتدى › أخبار الجمعية</div><table>{rows}</table></div></body></html>"
    )
    reason = not_article_reason(load_html(page), "https://forum.example/forum-3.html", False)
    assert reason is not None and reason.startswith("no article body"), reason


def test_a_forum_topic_under_its_number_is_a_post_a_topic_by_name_is_a_listing() -> None:
    """NodeBB addresses a thread as ``/topic/<id>/<slug>``; ``/topic/<name>`` is a topic's listing elsewhere."""
    from crawler.processing.pagetype import _listing_url

    assert _listing_url("https://multaqa.example/topic/58/صيانة-الساقية-الرئيسية") is None
    assert _listing_url("https://multaqa.example/topic/58") is None
    assert _listing_url("https://news.example/topic/politics") is not None
    assert _listing_url("https://news.example/topics/") is not None
    assert _listing_url("https://multaqa.example/category/3/أخبار-الأفلاج") is not None


_POST_PARAS = [
    "أنهى فريق المتطوعين مسح واجهات البيوت الحجرية حول الجامع الكبير في البلدة القديمة، بعد أسابيع من العمل الميداني"
    " الذي شارك فيه طلبة من جامعة المدينة وعدد من أبناء الحي القديم.",
    "وقال منسق الفريق إن الصور والقياسات ستتاح للباحثين في أرشيف رقمي مفتوح، وإن المرحلة التالية تشمل الأزقة المؤدية"
    " إلى البوابة الشرقية قبل نهاية الموسم.",
]


def _post(n: int, href: str, paras: list[str], kind: str = "news-article") -> str:
    body = "".join(f"<p>{p.replace('الجامع', f'الجامع {n}')}</p>" for p in paras)
    return (
        f'<article class="{kind}"><h3><a href="{href}">متطوعون ينهون مسح الواجهات الحجرية في الحي رقم {n}</a></h3>'
        f'<p class="author">أضيف بواسطة فريق التوثيق</p><div class="wiki">{body}</div></article>'
    )


def test_a_list_of_posts_shown_in_full_each_under_its_linked_title_is_not_an_article() -> None:
    """An issue tracker's news index: each item its linked title, its authoring line and its whole text (four
    paragraphs: no teaser); the page's longest text is one of the items."""
    items = "".join(_post(n, f"/news/{40 + n}", _POST_PARAS * 2 if n < 2 else _POST_PARAS[:1]) for n in range(4))
    reason = _page("الأخبار - العمادية القديمة", "العمادية القديمة » الأخبار", f"<h2>الأخبار</h2>{items}")
    assert reason is not None and "posts" in reason


def test_a_post_with_related_posts_of_its_kind_after_it_is_an_article() -> None:
    """A blog's single post: its title links to the post itself, its related posts after it are set as posts too,
    each with its linked title and an excerpt."""
    own = _post(0, "https://news.example/x/page", _POST_PARAS * 2, "post")
    related = "".join(_post(n, f"/x/other-{n}", _POST_PARAS[:1], "post") for n in range(1, 4))
    assert _page("متطوعون ينهون مسح الواجهات - مدونة", "مدونة التراث", f"{own}<h2>مقالات ذات صلة</h2>{related}") is None


def test_a_short_intro_over_a_counted_list_of_headlines_is_a_listing() -> None:
    """A CMS's subject page in its article template: the subject as the ``<h1>``, a one-line intro, linked headlines
    with their dates, and the list's counter ("النتائج 1 – 4 من 4"): a listing, however the intro reads."""
    intro = (
        "أخبار حملات تنظيف الشاطئ والطريق الساحلي ومبادرات الحد من النفايات في القرية وما حولها من الخلجان الصغيرة،"
        " وما تنشره الجمعية عن مواسم الصيد وحماية السلاحف البحرية على الشواطئ الشمالية، وأخبار المتطوعين فيها."
    )
    items = "".join(
        f"<li><a href='/akhbar/n{i}'>أهالي القرية ينظفون الطريق الساحلي إلى الخليج بعد عواصف الشتاء رقم {i}</a><br>"
        f"<span class='date'>2026/04/1{i}</span></li>"
        for i in range(4)
    )
    main = f"<p>{intro} {intro}</p><ul class='subject-list'>{items}</ul><p class='batch'>النتائج 1 – 4 من 4</p>"
    reason = _page("البيئة - جمعية أهالي القرية", "البيئة", main)
    assert reason is not None and "النتائج 1 – 4 من 4" in reason


def _dated_posts(n: int, excerpt: str = "") -> str:
    return "".join(
        f"<li><a class='post-title' href='/archives/{2450 + i}'>الأمانة تفتتح مشروعا جديدا لتأهيل الحي رقم {i}</a>"
        f"<div class='post-author'>بواسطة فهد الجهني</div>"
        f"<time datetime='2026-05-0{i + 1}T10:00:00+03:00'>الثلاثاء 0{i + 1} مايو 2026</time>{excerpt}</li>"
        for i in range(n)
    )


_LD_ARTICLE = (
    "<script type='application/ld+json'>"
    '{"@context": "https://schema.org", "@type": "Article", "headline": "ملف خاص", "datePublished": '
    '"2024-02-11T08:00:00+03:00"}</script>'
)
_INTRO = (
    "<p>يتابع هذا الملف مشاريع أنسنة المدينة التي تنفذها الأمانة وهيئة التطوير: الممرات والساحات العامة والتشجير، "
    "مع آراء السكان والمختصين.</p>"
)
_EXCERPT = (
    "<div class='excerpt'>افتتح الأمين مساء اليوم ممشى الوادي بعد إعادة تأهيله بطول أربعة كيلومترات ضمن المشاريع.</div>"
)


def _topic_page(body: str) -> str | None:
    html = (
        f"<html><head><meta charset='utf-8'><title>ملف خاص: أنسنة المدينة - أنباء</title>"
        f"<meta property='og:type' content='article'>{_LD_ARTICLE}</head><body>"
        f"<article class='page'><h1>ملف خاص: أنسنة المدينة</h1><div class='entry'>{body}</div></article></body></html>"
    )
    tree = load_html(html.encode())
    assert tree is not None
    return not_article_reason(tree, "https://news.example/ansanat-almadina/", True)


def test_a_short_intro_over_a_list_of_dated_posts_is_a_topic_page_whatever_its_markup_says() -> None:
    """A WordPress page (a dossier) whose SEO plugin writes og:type article and Article JSON-LD: a short intro,
    then a list of the site's dated posts in its own text box, and nothing more."""
    reason = _topic_page(f"{_INTRO}<ul class='latest-posts'>{_dated_posts(2, _EXCERPT)}{_dated_posts(2)}</ul>")
    assert reason is not None and "dated" in reason


def test_a_brief_with_dated_links_after_its_text_or_a_story_around_a_list_stays_an_article() -> None:
    # a story that goes on after the list (the list is a part of the text)
    after = "".join(f"<p>{PROSE}</p>" for _ in range(1))
    assert _topic_page(f"{_INTRO}<ul>{_dated_posts(3)}</ul>{after}") is None
    # a long text before the list: the list closes the story (its related posts)
    assert _topic_page(f"{PROSE}<ul>{_dated_posts(3)}</ul>") is None
    # a brief, then a headed box of related posts
    assert _topic_page(f"{_INTRO}<h3>أخبار ذات صلة</h3><ul>{_dated_posts(3)}</ul>") is None
    # a box of the site's latest posts at the top of the text, then the story (a wiki's news box)
    assert _topic_page(f"<div class='box'><ul>{_dated_posts(3)}</ul></div>{PROSE}") is None
    # a story in <br> soup (no <p>), then a bold label over its related posts
    soup = "<br><br>".join(re.sub("</?p>", "", PROSE).split("</p><p>"))
    assert _topic_page(f"<div>{soup}</div><b>أخبار ذات صلة:</b><ul>{_dated_posts(3)}</ul>") is None
    # a list whose items carry no dates (a story's bullet points with links)
    undated = "".join(f"<li><a href='/archives/{i}'>مشروع جديد لتأهيل الحي رقم {i}</a></li>" for i in range(4))
    assert _topic_page(f"{_INTRO}<ul>{undated}</ul>") is None
