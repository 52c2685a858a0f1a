from __future__ import annotations

import codecs
import subprocess
import sys


def test_lazy_parts_of_the_extraction_libraries_load_ahead() -> None:
    """A process forking analysis workers initialises jusText's stoplists first (so the workers
    inherit them): this breaks loudly if trafilatura moves the internals it relies on."""
    code = (
        "from trafilatura import external\n"
        "from crawler.processing.extract import load_lazy_parts\n"
        "assert not external.JT_STOPLIST\n"
        "load_lazy_parts()\n"
        "assert len(external.JT_STOPLIST) > 10_000, len(external.JT_STOPLIST)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def test_a_year_in_the_text_is_not_a_publication_date() -> None:
    """A page that states no date of its own gets none, not January 1st of a year its text mentions."""
    from crawler.items import RawPage
    from crawler.processing.extract import extract

    para = (
        "ارتفع عدد البيوت المحمية في سهل سوران من نحو 400 بيت عام 2021 إلى أكثر من 1500 بيت هذا العام، "
        "بدعم من قروض زراعية ميسرة وتسهيلات في تسويق الخضار داخل الإقليم وخارجه."
    )
    page = f"""<html><head><meta charset="utf-8"><title>البيوت المحمية تغير وجه الزراعة في سوران</title></head>
<body><article><h1>البيوت المحمية تغير وجه الزراعة في سوران</h1><div class="article__body"><p>{para}</p>
<p>{para.replace("سوران", "رانية")}</p></div></article></body></html>"""
    art = extract(RawPage(url="https://aso.example/arabic/video/greenhouses-soran", body=page.encode()))
    assert art.published_at is None, art.published_at


def test_an_empty_logo_h1_is_no_headline_and_a_shortened_seo_title_yields_to_the_headline() -> None:
    from crawler.items import RawPage
    from crawler.processing.extract import extract

    headline = "تيارت: انطلاق حملة الحصاد وتوقعات بإنتاج مليوني قنطار من الحبوب هذا الموسم"
    para = (
        "انطلقت أمس بولاية تيارت حملة الحصاد والدرس لموسم 2024، بحضور السلطات المحلية وممثلي الفلاحين، "
        "وسط توقعات بمحصول وفير بعد التساقطات المطرية التي عرفتها المنطقة خلال فصل الشتاء."
    )
    page = f"""<html><head><meta charset="utf-8"><title>انطلاق حملة الحصاد بتيارت - الأفق</title>
<meta property="og:title" content="انطلاق حملة الحصاد بتيارت"></head><body>
<h1 class="logo"><a href="/"><img src="/logo.png" alt=""></a></h1>
<div class="itemView"><div class="itemHeader"><span class="itemDateCreated">الثلاثاء, 04 جوان 2024 21:40</span>
<h2 class="itemTitle">{headline}</h2></div><div class="itemFullText"><p>{para}</p><p>{para}</p></div></div>
<div class="sidebar"><span>الخميس 06 جوان 2024</span></div></body></html>"""
    art = extract(RawPage(url="https://ofoq.example/regions/item/77-tiaret.html", body=page.encode()))
    assert art.title == headline
    assert (art.published_at or "")[:10] == "2024-06-04"


def test_the_title_is_the_headline_found_not_an_h1_that_names_the_site() -> None:
    """PluXml and Zikula put the site's name in the ``<h1>`` and the story's title in an ``<h2>``; the ``<title>`` holds
    both ("headline - site"), and the site gives no ``og:site_name``."""
    from crawler.items import RawPage
    from crawler.processing.extract import extract

    headline = "تراجع محصول فاكية الأركان بإقليم تارودانت وارتفاع سعر الكيلوغرام"
    paras = "".join(
        f"<p>سجلت تعاونيات الاتحاد بإقليم تارودانت تراجعا حادا في كميات فاكية الأركان المجمعة خلال الموسم {i}.</p>"
        for i in range(4)
    )
    page = (
        f"<html><head><meta charset='utf-8'><title>{headline} - اتحاد تعاونيات تامونت لأركان</title></head><body>"
        f"<header><h1>اتحاد تعاونيات تامونت لأركان</h1></header><article><h2>{headline}</h2>{paras}</article></body></html>"
    )
    art = extract(RawPage(url="https://www.tamount-argan.example/index.php?article12/tarajue", body=page.encode()))
    assert art.title == headline


def test_a_page_saved_as_utf16_with_its_byte_order_mark_is_read() -> None:
    """Old Windows tools save pages as "Unicode" (UTF-16 with a byte-order mark); the server calls them text/html."""
    from crawler.items import RawPage
    from crawler.processing.extract import extract

    para = "افتتح سوق الماشية الأسبوعي في نزوى موسمه الجديد بمشاركة مئات المربين من ولايات المحافظة وخارجها."
    page = f"""<!DOCTYPE html><html dir="rtl"><head><title>سوق نزوى يفتتح موسمه</title>
<meta property="og:type" content="article"><meta property="article:published_time" content="2025-03-02T08:00:00+04:00">
</head><body><h1>سوق نزوى يفتتح موسمه</h1><p>{para}</p><p>{para.replace("نزوى", "بهلا")}</p>
<p>{para.replace("نزوى", "أدم")}</p></body></html>"""
    for codec in ("utf-16", "utf-16-be"):
        body = page.encode(codec) if codec == "utf-16" else codecs.BOM_UTF16_BE + page.encode(codec)
        raw = RawPage(url="https://souq.example/news/1.htm", body=body, headers=(("Content-Type", "text/html"),))
        art = extract(raw)
        assert art.title == "سوق نزوى يفتتح موسمه" and "بهلا" in art.text


def test_a_shops_article_page_takes_its_headline_from_a_heading_class_when_the_title_names_the_site() -> None:
    """osCommerce's article pages: no <h1>, the headline in ``td.pageHeading``, the <title> the shop's name (its
    footer opens with it), the date after the text."""
    from crawler.items import RawPage
    from crawler.processing.extract import extract

    para = "بدأ منتجو اللبان في نجد ظفار موسم تجريح الأشجار هذا الأسبوع وسط توقعات بجودة عالية للمحصول."
    page = f"""<html><head><title>جمعية منتجي اللبان</title></head><body><table><tr><td class="infoBoxHeading">المقالات</td>
<td><table><tr><td class="pageHeading">انطلاق موسم تجريح أشجار اللبان في نجد ظفار</td></tr>
<tr><td class="main"><p>{para}</p><p>{para.replace("نجد", "جربيب")}</p><p>{para.replace("نجد", "سدح")}</p></td></tr>
<tr><td class="smallText">تم نشر هذا المقال بتاريخ Wednesday 16 April, 2025.</td></tr></table></td></tr></table>
<table><tr><td class="smallText">جمعية منتجي اللبان - صلالة، سلطنة عمان</td></tr></table></body></html>"""
    art = extract(RawPage(url="https://luban.example/catalog/article_info.php?articles_id=7", body=page.encode()))
    assert art.title == "انطلاق موسم تجريح أشجار اللبان في نجد ظفار"
    assert art.published_at is not None and art.published_at[:10] == "2025-04-16"


BUILDER_PARAS = [
    "أعلنت الجمعية بدء موسم رحلات مشاهدة الدلافين في الخور اعتبارا من اليوم الأحد، مع تراجع درجات الحرارة في المحافظة"
    " وعودة حركة السياح القادمين عبر المنفذ الحدودي.",
    "وقال رئيس الجمعية إن ستة وأربعين مركبا من المراكب المرخصة جاهزة لاستقبال الزوار هذا الموسم، بعد أن خضعت لفحوص"
    " السلامة السنوية، موضحا أن الرحلة تستغرق نصف يوم.",
    "وأضاف أن الجمعية اعتمدت للمرة الأولى تعرفة موحدة للرحلات المشتركة، لإنهاء المنافسة غير المنظمة بين المشغلين عند"
    " الميناء، مع إعفاء الأطفال دون السادسة.",
]
BUILDER_HEADLINE = "بدء موسم رحلات الدلافين في الخور بتعرفة موحدة"


def _box(name: str, top: int, left: int, width: int, inner: str) -> str:
    style = f"position:absolute;left:{left}px;top:{top}px;width:{width}px;height:40px;z-index:3;"
    return f'<div id="{name}" style="{style}">{inner}</div>'


def _builder_page() -> str:
    """A site builder's page: every object a box placed by its coordinates, written in the order it was added."""
    boxes = [
        _box("wb_Image1", 0, 0, 970, '<img src="header.jpg" alt="جمعية مشغلي الرحلات">'),
        _box("wb_Menu", 150, 0, 970, '<ul><li><a href="/">الرئيسية</a></li><li><a href="/akhbar/">الأخبار</a></li></ul>'),
        _box("wb_Text3", 735, 250, 700, "<span>" + "<br><br>".join(BUILDER_PARAS) + "</span>"),
        _box("wb_Text2", 312, 250, 700, "<span>نُشر يوم: الأحد 14 سبتمبر 2025 | بقلم: حمد الظهوري</span>"),
        _box("wb_Heading1", 250, 250, 700, f"<h1>{BUILDER_HEADLINE}</h1>"),
        _box("wb_Text5", 1345, 250, 700, '<span>شارك الخبر: <a href="#">فيسبوك</a> | <a href="#">واتساب</a></span>'),
        _box(
            "wb_Text6", 1500, 250, 700,
            "<span><strong>آراء الزوار</strong><br>أبو خالد - الاثنين 15 سبتمبر 2025:<br>"
            "رحلة رائعة العام الماضي، والدلافين كانت قريبة جدا من المركب.</span>",
        ),
        _box("wb_Text10", 240, 20, 210, "<span><strong>أحدث الأخبار</strong><br><a href='/a/1'>دورة في السلامة البحرية للبحارة</a></span>"),
        _box("wb_Text11", 680, 20, 210, "<span><strong>احجز رحلتك</strong><br>هاتف الحجز الموحد: 26730000</span>"),
        _box("wb_Text20", 1900, 0, 970, "<span>جميع الحقوق محفوظة © 2025 · آخر تحديث للموقع: 15/12/2025</span>"),
    ]  # fmt: skip
    return (
        '<html dir="rtl"><head><meta charset="utf-8"><title>' + BUILDER_HEADLINE + "</title></head><body>"
        '<div id="container" style="width:970px;position:relative;margin:0 auto;">'
        + "\n".join(boxes)
        + "</div></body></html>"
    )


def test_a_builders_page_written_out_of_order_gives_its_story_not_what_it_shows_below() -> None:
    """Every object a box placed by its coordinates, written in the order it was added: the story before its date
    line and headline, the share line, visitors' comments, a booking box and the footer after it."""
    from crawler.items import RawPage
    from crawler.processing.extract import extract

    art = extract(RawPage(url="https://www.khasab-dhow.example/akhbar/dolphins.html", body=_builder_page().encode()))
    assert art.text.split("\n") == BUILDER_PARAS
    assert art.title == BUILDER_HEADLINE
    assert (art.published_at or "")[:10] == "2025-09-14"
