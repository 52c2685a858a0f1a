"""An article whose text the CMS sets in sibling blocks (an intro apart from the full text, a body
broken by an ad slot, a lead above the image): all of it is text, in page order, and nothing else
around those blocks joins it."""

from __future__ import annotations

from crawler.items import RawPage
from crawler.processing.extract import extract

TITLE = "إطلاق برنامج لتأهيل الأحياء القديمة بمدينة {city}"
PARAS = [
    "أعلنت السلطات المحلية بمدينة {city} عن إطلاق برنامج جديد لتأهيل الأحياء القديمة، يشمل إصلاح الطرق "
    "وتجديد شبكات الماء والكهرباء وإحداث فضاءات خضراء لفائدة الساكنة.",
    "وأوضح بلاغ للجماعة أن الأشغال ستنطلق مطلع الشهر المقبل وتمتد على مدى ثمانية عشر شهرا، بغلاف مالي "
    "يناهز مائة وعشرين مليون درهم ساهمت فيه الجهة ووزارة الداخلية.",
    "ويرتقب أن يستفيد من البرنامج أزيد من أربعين ألف نسمة، فيما دعت جمعيات الأحياء إلى إشراكها في تتبع "
    "الأشغال وضمان احترام الطابع المعماري للمدينة العتيقة.",
    "وكانت الساكنة قد اشتكت في السنوات الأخيرة من تدهور البنيات التحتية وانهيار عدد من المنازل الآيلة "
    "للسقوط، خاصة خلال فصل الشتاء وما يرافقه من تساقطات مطرية مهمة.",
]


def _paras(city: str) -> list[str]:
    return [p.format(city=city) for p in PARAS]


def _page(city: str, article: str, extra_head: str = "") -> bytes:
    title = TITLE.format(city=city)
    return f"""<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>{title} - جريدة الجهة</title><meta property="og:title" content="{title}">{extra_head}</head><body>
<header class="site-header"><a href="/" class="logo">جريدة الجهة</a><nav><ul><li><a href="/">الرئيسية</a></li>
<li><a href="/regions">جهات</a></li><li><a href="/sport">رياضة</a></li></ul></nav></header>
<main>{article}</main>
<aside class="sidebar"><h3>الأكثر قراءة</h3><ul><li><a href="/a/1">تعيين عامل جديد على إقليم الحسيمة</a></li>
<li><a href="/a/2">انقطاع الماء عن أحياء بمدينة تازة</a></li></ul></aside>
<footer><p>جميع الحقوق محفوظة © 2025 جريدة الجهة</p></footer></body></html>""".encode()


def _text(city: str, article: str, url: str) -> str:
    return extract(RawPage(url=url, body=_page(city, article))).text


def test_a_k2_intro_and_full_text_are_one_text_without_the_extra_fields() -> None:
    city = "تازة"
    p = _paras(city)
    article = f"""<div id="k2Container" class="itemView"><div class="itemHeader">
<span class="itemDateCreated">الأحد, 12 جانفي 2025 10:35</span><h2 class="itemTitle">{TITLE.format(city=city)}</h2>
<span class="itemAuthor">كتب بواسطة <a href="/author/5">سعاد بلقاسم</a></span></div>
<div class="itemToolbar"><ul><li><a href="#">طباعة</a></li><li><a href="#">البريد الإلكتروني</a></li></ul></div>
<div class="itemBody"><div class="itemImageBlock"><img src="/img/a.jpg" alt=""><span class="itemImageCaption">المدينة العتيقة</span></div>
<div class="itemIntroText"><p>{p[0]}</p></div>
<div class="itemFullText"><p>{p[1]}</p><p>{p[2]}</p><p>{p[3]}</p></div>
<div class="itemExtraFields"><h3>معلومات إضافية</h3><ul><li><span class="itemExtraFieldsLabel">المصدر:</span>
<span class="itemExtraFieldsValue">مراسل الجريدة</span></li><li><span class="itemExtraFieldsLabel">الولاية:</span>
<span class="itemExtraFieldsValue">تازة</span></li></ul></div>
<div class="itemContentFooter"><span class="itemHits">قراءة 412 مرات</span></div></div></div>"""
    text = _text(city, article, "https://jiha.example/regions/item/4512-tazza.html")
    assert text.split("\n") == p, text


def test_a_body_split_by_an_ad_slot_into_two_wrappers_of_one_class_is_one_text() -> None:
    city = "دهوك"
    p = _paras(city)
    article = f"""<article class="article-main"><h1 class="article-main__title">{TITLE.format(city=city)}</h1>
<div class="article__date">09-01-2025</div><div class="article__share"><a href="#">مشاركة</a></div>
<div class="article__body"><p>{p[0]}</p><p>{p[1]}</p></div>
<div class="ad-slot ad-slot--inread"><span>إعلان</span><div class="loader">جار التحميل...</div></div>
<div class="article__body"><p>{p[2]}</p><p>{p[3]}</p></div>
<div class="article__tags"><a href="/tag/1">{city}</a><a href="/tag/2">تأهيل</a></div>
<section class="related-articles"><h3>مواضيع ذات صلة</h3><div class="card"><a href="/a/9">هزة خفيفة تضرب قضاء زاخو</a>
<span>21-10-2024</span></div></section></article>"""
    text = _text(city, article, "https://aso.example/arabic/kurdistan/090120251")
    assert text.split("\n") == p, text


def test_a_lead_block_above_the_image_is_the_first_paragraph() -> None:
    city = "وجدة"
    p = _paras(city)
    article = f"""<div class="news news-single"><div class="article" itemscope itemtype="http://schema.org/Article">
<span class="news-kicker">بلاغ صحفي</span><h1 itemprop="headline">{TITLE.format(city=city)}</h1>
<div class="footer"><p><time itemprop="datePublished" datetime="2024-05-21">21/05/2024</time></p></div>
<div class="lead" itemprop="description"><p>{p[0]}</p></div>
<div class="news-img-wrap"><img src="/img/b.jpg" alt=""><p class="news-img-caption">صورة من الأرشيف</p></div>
<div class="news-text-wrap" itemprop="articleBody"><p>{p[1]}</p><p>{p[2]}</p><p>{p[3]}</p></div>
<div class="news-related-files"><h4>ملفات مرتبطة</h4><a href="/f/1.pdf">تحميل البلاغ (PDF)</a> 240 KB</div>
<div class="news-backlink-wrap"><a href="/news">رجوع إلى قائمة البلاغات</a></div></div></div>"""
    text = _text(city, article, "https://ministry.example/ar/news/rehabilitation-oujda")
    assert text.split("\n") == p, text


def test_a_body_continued_after_a_newsletter_box_keeps_out_the_box_and_the_standfirst() -> None:
    city = "الناظور"
    p = _paras(city)
    summary = "برنامج بمائة وعشرين مليون درهم يستفيد منه أزيد من أربعين ألف نسمة في الأحياء القديمة للمدينة."
    article = f"""<article><header><h1>{TITLE.format(city=city)}</h1>
<p class="article-summary">{summary}</p><span class="byline">بقلم: كريم الودغيري</span></header>
<div class="article-text"><p>{p[0]}</p><p>{p[1]}</p></div>
<div class="newsletter-inline"><h4>النشرة البريدية</h4><p>اشترك في نشرتنا اليومية لتصلك أهم أخبار الجهة كل صباح.</p>
<form><input type="email" placeholder="بريدك الإلكتروني"><button>اشترك</button></form></div>
<div class="article-text article-text--continued"><p>{p[2]}</p><p>{p[3]}</p></div>
<footer class="article-footer"><a href="/tag/nador">{city}</a></footer></article>"""
    text = _text(city, article, "https://jiha.example/2025/02/03/nador-rehab.html")
    assert text.split("\n") == p, text


def test_prose_beside_the_body_outside_the_article_stays_out() -> None:
    """A sidebar's prose (an "about us" blurb) beside an article that is whole is not its text."""
    city = "بركان"
    p = _paras(city)
    about = (
        "جريدة الجهة صحيفة إلكترونية مستقلة تأسست سنة 2012، تهتم بأخبار جهة الشرق وتسعى إلى تقديم خبر "
        "دقيق وموضوعي لقرائها في الداخل والخارج."
    )
    article = f"""<div class="layout"><div class="col-main"><article><h1>{TITLE.format(city=city)}</h1>
<div class="entry-content">{"".join(f"<p>{x}</p>" for x in p)}</div></article></div>
<div class="col-side"><div class="widget-text"><h4>من نحن</h4><p>{about}</p></div></div></div>"""
    text = _text(city, article, "https://jiha.example/2025/02/04/berkane-rehab.html")
    assert text.split("\n") == p, text


def test_captions_bylines_bullet_points_and_the_article_footer_beside_a_split_body_stay_out() -> None:
    """Blocks beside the body that are never its continuation: a photo box with a long caption, a
    byline box with a deck, a "key points" list, the article's footer with a comment note."""
    city = "العرائش"
    p = _paras(city)
    caption = "جانب من المدينة العتيقة بالعرائش حيث تنتظر عشرات المنازل الآيلة للسقوط أشغال التدعيم منذ سنوات، كما يظهر في الصورة."
    deck = (
        "برنامج جديد بغلاف مالي مهم يروم إعادة الاعتبار للأحياء العتيقة وتحسين ظروف عيش الساكنة، حسب ما أعلنته الجماعة."
    )
    points = "سيستفيد من البرنامج أزيد من أربعين ألف نسمة من ساكنة الأحياء القديمة بالمدينة حسب معطيات رسمية للجماعة."
    note = (
        "نرجو من قرائنا الكرام احترام آداب الحوار عند التعليق، فالتعليقات التي تتضمن السب أو القذف لن تنشر على الموقع."
    )
    article = f"""<article class="story"><h1>{TITLE.format(city=city)}</h1>
<div class="header-features"><figure><img src="/img/c.jpg" alt=""><figcaption><p>{caption}</p></figcaption></figure></div>
<div class="entry-byline"><span>بقلم: نادية العلمي</span><div class="lead-text"><p>{deck}</p></div></div>
<div class="key-points"><h4>أهم النقاط</h4><ul><li>{points}</li></ul></div>
<div class="article-body"><p>{p[0]}</p><p>{p[1]}</p><p>{p[2]}</p></div>
<div class="ad-slot"><span>إعلان</span></div>
<div class="article-body"><p>{p[3]}</p></div>
<footer class="article-footer"><p>{note}</p></footer></article>"""
    text = _text(city, article, "https://jiha.example/2025/02/05/larache-rehab.html")
    assert text.split("\n") == p, text
