"""Boilerplate rules on small pages in layouts that none of the golden sites uses."""

from __future__ import annotations

from lxml.html import HtmlElement, fromstring

from crawler.items import RawPage
from crawler.processing.boilerplate import strip_boilerplate, trim_edges, unwrap_layout_tables
from crawler.processing.extract import extract

PARA = (
    "أعلنت السلطات المحلية بمدينة {city} عن إطلاق برنامج جديد لتأهيل الأحياء القديمة، "
    "يشمل إصلاح الطرق وتجديد شبكات الماء والكهرباء وإحداث فضاءات خضراء لفائدة الساكنة."
)


def _tree(body: str) -> HtmlElement:
    return fromstring(f"<html><body>{body}</body></html>")


def _text(tree: HtmlElement) -> str:
    return " ".join(tree.text_content().split())


def test_layout_table_becomes_blocks_but_data_table_stays() -> None:
    tree = _tree(
        "<table><tr><td><h1>عنوان</h1><table><tr><td>x</td></tr></table></td></tr></table>"
        "<table><tr><th>المدينة</th><th>الحرارة</th></tr><tr><td>فاس</td><td>30</td></tr></table>"
    )
    assert unwrap_layout_tables(tree) == 1  # only the table that holds the headline and another table
    assert tree.find(".//h1").getparent().tag == "div"
    assert len(list(tree.iter("table"))) == 2  # the inner one-cell table and the data table stay
    assert tree.find(".//th") is not None


def test_a_one_column_table_is_a_layout_a_two_column_one_is_data() -> None:
    tree = _tree(
        "<table><tr><td><b>عنوان الخبر كما يكتبه الموقع</b></td></tr><tr><td>السبت 27 يوليوز 2024</td></tr>"
        f"<tr><td>{PARA.format(city='فاس')}</td></tr></table>"
        "<table><tr><td>المدينة</td><td>الحرارة</td></tr><tr><td>فاس</td><td>30</td></tr></table>"
    )
    assert unwrap_layout_tables(tree) == 1
    assert len(list(tree.iter("table"))) == 1 and tree.find(".//table//td") is not None


def test_heading_introduced_link_list_goes_whatever_its_class() -> None:
    items = "".join(f'<li><a href="/a/{i}">خبر آخر رقم {i} عن موضوع مختلف تماما</a> 12/03/2024</li>' for i in range(4))
    tree = _tree(
        f"<div class='x1'><p>{PARA.format(city='فاس')}</p></div><div class='zz'><h4>الأكثر تعليقا</h4><ul>{items}</ul></div>"
    )
    strip_boilerplate(tree)
    assert "خبر آخر" not in _text(tree)
    assert "الأكثر" not in _text(tree)
    assert "البرنامج" in _text(tree) or "برنامج" in _text(tree)


def test_heading_over_prose_is_kept() -> None:
    # same heading words, but what follows is text, not links: not a list of other articles
    tree = _tree(f"<div><h3>الأكثر تضررا من الجفاف</h3><p>{PARA.format(city='زاكورة')}</p></div>")
    strip_boilerplate(tree)
    assert "زاكورة" in _text(tree)


def test_counters_and_action_bars_go() -> None:
    tree = _tree(
        f"<div><p>{PARA.format(city='مكناس')}</p><span>عدد المشاهدات: 1520</span>"
        "<div><a>طباعة</a> | <a>أرسل لصديق</a> | <a>PDF</a></div><span>تعليقات (4)</span></div>"
    )
    strip_boilerplate(tree)
    text = _text(tree)
    assert "المشاهدات" not in text and "لصديق" not in text and "تعليقات" not in text
    assert "مكناس" in text


def test_furniture_named_wrapper_around_text_without_paragraphs_is_kept() -> None:
    # no <p> on the page: the article sits in <br>-separated text inside a "recentNews" div
    body = "<br><br>".join(PARA.format(city=c) for c in ("فاس", "مراكش", "طنجة", "وجدة"))
    tree = _tree(f"<div class='recentNews'>{body}</div><div class='menu'><a href='/'>الرئيسية</a></div>")
    strip_boilerplate(tree)
    assert "وجدة" in _text(tree)


def test_trim_edges_drops_standalone_byline_dateline_and_source() -> None:
    body = "\n".join(PARA.format(city=c) for c in ("فاس", "مراكش"))
    for lead in ("بقلم: محمد العلوي", "جريدة الشمال - متابعة", "العيون : مراسلة خاصة"):
        for tail in ("المصدر: وكالة المغرب العربي للأنباء", "الوسوم: فاس، مراكش", "#فاس #مراكش"):
            assert trim_edges(f"{lead}\n{body}\n{tail}", None) == body
    assert trim_edges(f"جريدة الشمال\n{body}", "جريدة الشمال") == body


def test_trim_edges_keeps_dateline_inside_first_paragraph_and_latin_lines() -> None:
    first = "الرباط (و م ع) - " + PARA.format(city="الرباط")
    assert trim_edges(f"{first}\nفقرة ثانية.", None) == f"{first}\nفقرة ثانية."
    english = "BAAR, SWITZERLAND\nStaff Reports: the company said on Monday it would expand.\nSource: Reuters"
    assert trim_edges(english, None) == english
    # a short closing sentence is text, not a credit line
    assert trim_edges(f"{first}\nوقال: سنواصل العمل.", None).endswith("سنواصل العمل.")


def test_extract_on_table_layout_keeps_only_the_article() -> None:
    side = "".join(
        f"<tr><td><a href='/n/{i}'>عنوان خبر جانبي رقم {i} في الموقع</a><br>0{i}/03/2021</td></tr>" for i in range(1, 6)
    )
    paras = "<br><br>".join(PARA.format(city=c) for c in ("فاس", "صفرو", "تازة", "بولمان"))
    html = (
        "<html><head><title>جريدة سايس | افتتاح مشروع</title></head><body><table width='980'>"
        f"<tr><td><table><tr><td><b>آخر الأخبار</b></td></tr>{side}</table></td>"
        "<td><table><tr><td><h1>افتتاح مشروع لتأهيل الأحياء القديمة</h1></td></tr>"
        "<tr><td>بقلم: سعيد | نشر في: 15/03/2021 | عدد القراءات: 90</td></tr>"
        f"<tr><td>{paras}</td></tr>"
        "<tr><td><a href='#'>طباعة</a> | <a href='#'>أرسل لصديق</a></td></tr></table></td></tr></table></body></html>"
    )
    art = extract(RawPage(url="http://saiss.example/n/9", body=html.encode(), headers=(("Content-Type", "text/html"),)))
    assert "بولمان" in art.text and "فاس" in art.text
    assert "جانبي" not in art.text and "لصديق" not in art.text and "القراءات" not in art.text
    assert art.published_at is not None and art.published_at.startswith("2021-03-15")
    assert art.title == "افتتاح مشروع لتأهيل الأحياء القديمة"


def test_trim_edges_keeps_a_short_kicker_with_a_glued_colon() -> None:
    body = PARA.format(city="الرباط")
    assert trim_edges(f"وزير الداخلية: لا تراجع عن الإصلاح\n{body}", None).startswith("وزير الداخلية")


def test_a_read_also_list_of_one_link_per_paragraph_leaves_the_rest_of_the_article() -> None:
    from lxml.html import fromstring

    from crawler.processing.boilerplate import drop_read_also

    tree = fromstring(
        "<div><p>فقرة أولى من الخبر تنتهي بنقطة.</p><p><strong>اقرأ أيضا:</strong></p>"
        '<p><a href="/a/1">عنوان خبر آخر</a></p><p><a href="/a/2">عنوان خبر ثالث</a></p>'
        "<p>وأكد المحافظ أن المعرض يستمر عشرة أيام.</p></div>"
    )
    drop_read_also(tree)
    text = tree.text_content()
    assert "وأكد المحافظ" in text and "عنوان خبر آخر" not in text and "اقرأ أيضا" not in text


def test_video_embed_labels_go_the_sentence_about_a_video_stays() -> None:
    said = "وقال المتحدث في شريط فيديو نشره على حسابه إن الأشغال ستنتهي قبل نهاية السنة الجارية."
    tree = _tree(
        f"<div><p>{PARA.format(city='فاس')}</p><p><strong>شاهد الفيديو:</strong></p>"
        f"<div class='embed'><iframe src='https://video.example/1'></iframe></div><p>{said}</p></div>"
    )
    strip_boilerplate(tree)
    text = _text(tree)
    assert "شاهد الفيديو" not in text and said in text
