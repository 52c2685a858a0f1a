"""Boilerplate rules on small pages in layouts that none of the golden sites uses."""

from __future__ import annotations

import pytest
from lxml.html import HtmlElement, fromstring

from crawler.items import RawPage
from crawler.processing.boilerplate import drop_screen_reader_text, strip_boilerplate, trim_edges, unwrap_layout_tables
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
    unwrap_layout_tables(tree)  # the table that holds the headline and another table, and that one-cell table
    assert tree.find(".//h1").getparent().tag == "div"
    assert len(list(tree.iter("table"))) == 1  # the data table stays
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


@pytest.mark.parametrize(
    "heading", ["مقالات حديثة", "تدوينات حديثة", "آخر التدوينات", "المقالات الأخيرة", "أخبار متعلقة"]
)
def test_a_list_heading_says_its_kind_of_posts_and_recency_in_either_order(heading: str) -> None:
    """ "مقالات حديثة" as well as "أحدث المقالات": a list's heading names posts (news, articles, blog posts) and what
    ties them (latest, recent, related), in either order; here an iWeb text box, each heading and item a <p>."""
    items = "".join(
        f"<p><a href='../10/{i}.html'>زيارات مدرسية لورش القرية رقم {i}</a> - ٢٨ أكتوبر ٢٠٢٤</p>" for i in range(3)
    )
    story = "".join(f"<p>{PARA.format(city=city)}</p>" for city in ("الفيوم", "أسوان", "قنا"))
    tree = _tree(f"<div class='story'>{story}</div><div class='box'><p>{heading}</p>{items}</div>")
    strip_boilerplate(tree)
    assert "زيارات" not in _text(tree) and heading not in _text(tree)
    assert "برنامج" in _text(tree)


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


def test_screen_reader_text_goes_by_class_by_the_pages_own_css_and_by_inline_style() -> None:
    """Labels read only to screen-reader users ("Author, ", "Image source, ", skip links) are never
    article text, whether a framework class, a generated CSS-in-JS class or an inline style hides them."""
    css = (
        "<style>.c-x91a{margin:0}.c-q7h2{clip-path:inset(100%);clip:rect(1px,1px,1px,1px);height:1px;"
        "overflow:hidden;position:absolute;width:1px}@media (max-width:600px){.c-m3{position:absolute;"
        "clip:rect(0 0 0 0)}}</style>"
    )
    tree = fromstring(
        f"<html><head>{css}</head><body><a class='skip-link screen-reader-text' href='#main'>انتقل إلى المحتوى</a>"
        "<h1>عنوان المقال</h1><ul class='c-x91a'><li><span class='c-q7h2'>الكاتب، </span>سلمى العلوي</li></ul>"
        "<figure><img src='a.jpg'><figcaption><span class='c-q7h2'>مصدر الصورة، </span>رويترز</figcaption></figure>"
        f"<p><span style='position: absolute; clip: rect(0, 0, 0, 0)'>بداية المقال</span>{PARA.format(city='طنجة')}</p>"
        "<p class='c-m3'>يظهر على الشاشات الكبيرة وحدها</p>"
        f"<div class='sr-only'><p>{PARA.format(city='فاس')}</p><p>{PARA.format(city='مكناس')}</p></div></body></html>"
    )
    drop_screen_reader_text(tree)  # this pass alone: the caption pass takes the whole photo and caption
    text = _text(tree)
    for label in ("انتقل إلى المحتوى", "الكاتب،", "مصدر الصورة،", "بداية المقال"):
        assert label not in text
    assert "سلمى العلوي" in text and "رويترز" in text and "طنجة" in text
    assert "يظهر على الشاشات الكبيرة وحدها" in text  # hidden only under a media query: kept
    assert "فاس" in text and "مكناس" in text  # a whole block under a screen-reader class is not a label


def test_trim_edges_drops_the_headline_and_a_date_stamp_left_after_the_body() -> None:
    body = f"{PARA.format(city='المنيا')}\n{PARA.format(city='أسيوط')}"
    title = "إطلاق حملة للكشف المبكر عن أمراض الكلى"
    assert trim_edges(f"{body}\n{title}\n   \n   22-9-2024 | 13:45\n ", None, title) == body
    assert trim_edges(f"{title}\nالأحد 12 نونبر 2024 - 10:30\n{body}", None, title) == body
    # a sentence that mentions a date, or the headline's words inside a paragraph, stay
    tail = "وتنطلق الحملة يوم الأحد 12 نونبر 2024 في جميع المدن."
    assert trim_edges(f"{body}\n{tail}", None, title).endswith(tail)


def test_trim_edges_drops_a_byline_box_of_short_list_items_above_the_first_paragraph() -> None:
    body = f"{PARA.format(city='عمان')}\n{PARA.format(city='إربد')}"
    box = "- كريم الشاذلي\n- بي بي سي نيوز عربي\n- التقرير من، عمان"
    assert trim_edges(f"{box}\n{body}", None) == body
    # a list of full points above the text is the article's own summary
    points = "- أعلنت الحكومة خطة جديدة لدعم طلاب الجامعات في تعلم اللغات الأجنبية خلال السنة المقبلة"
    assert trim_edges(f"{points}\n{body}", None).startswith(points)


def _builder_section(kind: str, inner: str) -> str:
    return (
        f"<section class='pb-section'><div class='pb-column'><div class='pb-widget-wrap'>"
        f"<div class='pb-widget pb-widget-{kind}'><div class='pb-widget-container'>{inner}</div></div>"
        "</div></div></section>"
    )


def test_a_page_builders_widgets_that_hold_the_article_stay_its_sidebar_widgets_go() -> None:
    """Page builders call every block a widget: the article's text blocks, split by an image or a video
    block, are the article; a sidebar widget of links is furniture as before."""
    paras = [PARA.format(city=c) for c in ("الرباط", "سلا", "تمارة", "القنيطرة")]
    tree = _tree(
        _builder_section("heading", "<h1>توسيع برنامج تأهيل الأحياء القديمة</h1>")
        + _builder_section("text-editor", f"<p>{paras[0]}</p><p>{paras[1]}</p>")
        + _builder_section("image", "<figure><img src='a.jpg'><figcaption>ورش في حي قديم</figcaption></figure>")
        + _builder_section("text-editor", f"<p>{paras[2]}</p>")
        + _builder_section("video", "<iframe src='https://video.example/x'></iframe>")
        + _builder_section("text-editor", f"<p>{paras[3]}</p>")
        + "<div class='widget widget_links'><ul>"
        + "".join(f"<li><a href='/n/{i}'>خبر آخر عن موضوع مختلف رقم {i}</a></li>" for i in range(5))
        + "</ul></div>"
    )
    strip_boilerplate(tree)
    text = _text(tree)
    assert all(city in text for city in ("الرباط", "سلا", "تمارة", "القنيطرة"))
    assert "خبر آخر" not in text


def test_read_also_markers_with_decorations_go_with_their_link() -> None:
    body = f"<p>{PARA.format(city='إزمير')}</p>"
    for marker in (
        "** اقرأ أيضا: ",
        "» اقرأ أيضاً ",
        "- Read also: ",
        "A lire aussi : ",
        "قد يهمك أيضا: ",
        "ربما يعجبك: ",
    ):
        tree = _tree(f"{body}<p><strong>{marker}</strong><a href='/n/1'>صادرات البندق تسجل رقما قياسيا</a></p>{body}")
        strip_boilerplate(tree)
        assert "البندق" not in _text(tree) and "إزمير" in _text(tree), marker


def test_labels_are_matched_whatever_short_vowels_they_carry() -> None:
    """The tanween of "أيضًا" sits before or after the alif, or is left out; a shadda or tatweel may
    decorate a label: all are the same marker."""
    body = f"<p>{PARA.format(city='إزمير')}</p>"
    for marker in ("اقرأ أيضًا: ", "إقرأ أيضاً: ", "اقـرأ أيضا: ", "طالع أيضًا "):
        tree = _tree(f"{body}<p><strong>{marker}<a href='/n/1'>صادرات البندق تسجل رقما قياسيا</a></strong></p>{body}")
        strip_boilerplate(tree)
        assert "البندق" not in _text(tree) and "إزمير" in _text(tree), marker
    assert trim_edges(f"{PARA.format(city='أنقرة')}\nالكلمات المفتاحيّة: السكن، المدن", None) == PARA.format(
        city="أنقرة"
    )


def test_trim_edges_drops_an_agencys_end_mark_and_its_editors_initials() -> None:
    body = f"{PARA.format(city='الكويت')}\n{PARA.format(city='الجهراء')}"
    for tail in ("(النهاية)\nم ع ش / ع د ن", "انتهى", "-انتهى-", "(انتهى) ح ف / س ع"):
        assert trim_edges(f"{body}\n{tail}", None) == body, tail
    # a last line that only begins like an end mark is the story's
    story = f"{body}\nانتهى الاجتماع بالتوقيع على اتفاقية شراكة بين الطرفين."
    assert trim_edges(story, None) == story


def test_trim_edges_drops_a_republishing_notice_after_the_article() -> None:
    body = f"{PARA.format(city='أنقرة')}\n{PARA.format(city='إزمير')}"
    notices = (
        "يسمح بنشر مقتطفات من أخبار الوكالة المنشورة على موقعها الإلكتروني مع ذكر المصدر، للاشتراك يرجى التواصل معنا.",
        "جميع الحقوق محفوظة، ولا يجوز نقل المواد المنشورة على الموقع دون إذن مسبق.",
    )
    for notice in notices:
        assert trim_edges(f"{body}\n{notice}", None) == body
    # a last sentence about a ban on publishing, in a story, is the story's
    ruling = "وقررت المحكمة أنه يمنع نشر صور الضحايا أو أسمائهم إلى حين صدور الحكم النهائي في القضية."
    assert trim_edges(f"{body}\n{ruling}", None).endswith(ruling)


def test_calls_to_action_go_whatever_their_class_a_short_article_beside_a_button_stays() -> None:
    """A donation appeal and a newsletter sign-up set in the page builder's plain columns (no furniture
    class) are a line or two around a button or a form; so is a premium upsell box with a teaser line."""
    own = f"<p>{PARA.format(city='تازة')}</p><p>{PARA.format(city='تاونات')}</p>"
    appeal = (
        "<div class='wp-block-columns'><div class='wp-block-column'><p><strong>منبر مستقل لا يعتمد على "
        "الإعلانات، نعتمد على دعم قرائنا.</strong></p><div class='wp-block-buttons'><a class='wp-block-button__link' "
        "href='/support'>ادعم الصحافة المستقلة</a></div></div><div class='wp-block-column'><h2>النشرة الأسبوعية</h2>"
        "<p>كل يوم جمعة نرسل إليك أهم ما نشرناه.</p><form><input type='email'><button>سجل</button></form></div></div>"
    )
    tree = _tree(f"<h1>عنوان المقال</h1><div class='entry'>{own}{appeal}<p>{PARA.format(city='الحسيمة')}</p></div>")
    strip_boilerplate(tree)
    text = _text(tree)
    assert "ادعم" not in text and "نعتمد على دعم قرائنا" not in text and "النشرة الأسبوعية" not in text
    assert all(city in text for city in ("تازة", "تاونات", "الحسيمة"))
    brief = _tree(
        f"<h1>عنوان الخبر</h1><div class='brief'><p>{PARA.format(city='وجدة')}</p><a class='btn'>شارك</a></div>"
    )
    strip_boilerplate(brief)
    assert "وجدة" in _text(brief)
    # a premium box inside the body: its title, a teaser line and a "bouton" link (French class names)
    upsell = (
        "<div class='encart-premium'><p class='titre'>حصري لمشتركي «رصيد بريميوم»</p><p>تحليل مفصل لتوقعات أرباح"
        " الشركات المدرجة.</p><p><a class='bouton' href='/abonnement'>اشترك ابتداء من 39 درهما</a></p></div>"
    )
    paid = _tree(f"<h1>عنوان</h1><div class='texte'>{own}{upsell}<p>{PARA.format(city='القنيطرة')}</p></div>")
    strip_boilerplate(paid)
    assert "حصري" not in _text(paid) and "تحليل مفصل" not in _text(paid) and "القنيطرة" in _text(paid)


def test_source_links_paywalls_footnotes_and_french_markers_go() -> None:
    body = f"<p>{PARA.format(city='الجديدة')}</p>"
    tree = _tree(
        f"<h1>عنوان</h1><div class='story'>{body}<p><a href='https://source.example/1'>اقرأ الخبر من المصدر</a></p>"
        "<div class='paywall'><h3>Keep reading with a 7-day free trial</h3><p>Subscribe to keep reading.</p></div>"
        "<div class='footnotes'><p>1. رصدت في يناير ما نشرته خمسة مواقع محلية خلال أسبوع واحد.</p></div>"
        "<p><strong>Voir aussi</strong></p><h3><a href='/n/9'>إغلاق سوق شعبي بطنجة بعد حريق مهول</a></h3>"
        "<h2>آخر المقالات</h2></div>"
    )
    strip_boilerplate(tree)
    text = _text(tree)
    for junk in ("اقرأ الخبر من المصدر", "Keep reading", "رصدت في يناير", "Voir aussi", "سوق شعبي", "آخر المقالات"):
        assert junk not in text, junk
    assert "الجديدة" in text


def test_trim_edges_drops_a_disclaimer_a_translation_and_a_kicker_over_the_headline() -> None:
    body = f"{PARA.format(city='الرشيدية')}\n{PARA.format(city='زاكورة')}"
    note = "هذا الخبر منشور من موقع آخر، ولا يعبر بالضرورة عن رأي الموقع. المصدر وحده مسؤول عن صحة محتواه."
    assert trim_edges(f"{body}\n{note}", None) == body
    policy = "نرحب بتعليقاتكم ونقاشكم، ونرجو الالتزام بآداب الحوار، إذ تخضع التعليقات للمراجعة قبل نشرها."
    assert trim_edges(f"{body}\n{policy}", None) == body
    story = f"{body}\nوقررت الإدارة مراجعة التعليقات المنشورة على صفحتها بعد شكاوى عدد من المواطنين."
    assert trim_edges(story, None) == story  # the story's own sentence about comments stays
    french = "Version française\nLe Ministère informe les usagers de la route.\nLes équipes restent mobilisées."
    assert trim_edges(f"{body}\n{french}", None) == body
    # a French article quoting a word in Arabic is no Arabic article with a French translation after it
    french_article = (
        "Trois fois par semaine, Rachid vient y passer quatre heures branché à la « ماكينة », comme il dit.\n"
        "Depuis la généralisation de l'assurance maladie, la prise en charge a basculé vers le privé.\n"
        "Le nombre de centres privés conventionnés est passé de 196 à 287 en deux ans.\n"
        "Au cœur de ce marché, un tarif national de référence fixé à 850 dirhams par séance."
    )
    assert trim_edges(french_article, None) == french_article
    # a French quote inside the article, followed by its Arabic text, stays
    quoted = f"{PARA.format(city='ورزازات')}\n« Nous restons mobilisés »\n{body}"
    assert trim_edges(quoted, None) == quoted
    title = "افتتاح مركز جديد لتصفية الدم بتيفلت"
    assert trim_edges(f"جهات\n{title}\nمدار بريس - تيفلت\n{body}", None, title) == body


LEGACY_PORTAL = """<html><head><meta charset="utf-8"><title>صوت الجهة - {title}</title></head><body>
<table width="980" align="center"><tr><td colspan="3"><a href="index.php"><img src="logo.gif" alt="صوت الجهة"></a></td></tr>
<tr><td width="640" valign="top" class="main-col"><table width="100%" class="news">
<tr><td><h2 class="news-title">{title}</h2></td></tr>
<tr><td><table class="meta"><tr><td class="writer">كتب: رشيد الفاسي</td><td class="when">الاثنين 3 مارس 2025 - 18:05</td>
<td class="hits">المشاهدات: 1874</td></tr></table></td></tr>
<tr><td align="center"><img src="pic.jpg" width="600"><div class="caption">جانب من أشغال التهيئة بالحي القديم (أرشيف)</div></td></tr>
<tr><td class="body">{paras}<br><br><b>المصدر: صوت الجهة</b></td></tr>
</table></td>
<td width="20"></td>
<td width="320" valign="top" class="right-side">
<div class="box-head">الأكثر مشاهدة</div>
<table class="top"><tr><td>1</td><td><a href="n.php?id=1">عامل الإقليم يترأس اجتماعا حول الموسم الفلاحي</a></td><td>8123</td></tr>
<tr><td>2</td><td><a href="n.php?id=2">توقيف مروج للمخدرات بحي السلام</a></td><td>7012</td></tr>
<tr><td>3</td><td><a href="n.php?id=3">فريق المدينة يواصل نتائجه الإيجابية</a></td><td>5230</td></tr></table>
<div class="box-head">استطلاع الرأي</div>
<form action="vote.php"><p>هل أنت راض عن خدمات النقل الحضري؟</p><input type="radio" name="r"> نعم<br>
<input type="radio" name="r"> لا<br><input type="submit" value="صوت"></form>
<div class="box-head">تابعونا</div>
<table class="follow"><tr><td><a href="https://facebook.example/x">فيسبوك</a></td><td>250K معجب</td></tr>
<tr><td><a href="https://x.example/x">إكس</a></td><td>41K متابع</td></tr></table>
</td></tr></table>
<div align="center">جميع الحقوق محفوظة © صوت الجهة</div></body></html>"""


def test_a_legacy_table_portal_keeps_only_its_text() -> None:
    """A table layout: meta row and caption above the text cell, a source line closing it, a sidebar
    column with a ranked "most viewed" table, a poll and follower counters."""
    title = "انطلاق أشغال تهيئة الحي القديم بالمدينة"
    paras = [PARA.format(city=c) for c in ("وجدة", "بركان", "الناظور")]
    page = LEGACY_PORTAL.format(title=title, paras="<br><br>".join(paras))
    art = extract(RawPage(url="https://sawt.example/news.php?id=551", body=page.encode()))
    assert art.text.split("\n") == paras, art.text
    tree = fromstring(page)  # the sidebar column goes before extraction, whatever the extractor would keep
    strip_boilerplate(tree)
    for junk in ("الأكثر مشاهدة", "عامل الإقليم", "استطلاع الرأي", "تابعونا", "250K"):
        assert junk not in _text(tree), junk


PRINT_PAGE = """<html><head><meta charset="utf-8"><title>نسخة للطباعة - {title}</title></head>
<body onload="window.print()"><center><table width="600">
<tr><td align="center"><font size="5"><b>جريدة الأطلس</b></font><br><font size="1">أسبوعية جهوية مستقلة</font></td></tr>
<tr><td><a href="javascript:window.print()">اطبع</a> | <a href="javascript:window.close()">أغلق النافذة</a></td></tr>
<tr><td><font size="2" color="#990000"><b>مجتمع</b></font><br><font size="4"><b>{title}</b></font><br>
<font size="1">إعداد : سناء بلحاج</font><br><font size="1">بتاريخ : 14/02/2025 - 09:40 | عدد المشاهدات : 912</font></td></tr>
<tr><td><font size="2">{paras}</font></td></tr>
<tr><td><font size="2"><b>آراء القراء (2)</b></font><br><table>
<tr><td><b>1 - قارئ من أزيلال</b> 14/02/2025 - 11:02</td></tr><tr><td>مبادرة طيبة نتمنى أن تعمم على باقي الدواوير المعزولة.</td></tr>
<tr><td><b>2 - محمد</b> 15/02/2025 - 08:30</td></tr><tr><td>الله يجازيهم بخير على هاد الخدمة الإنسانية.</td></tr>
</table></td></tr></table></center></body></html>"""


def test_a_print_version_keeps_its_text_not_the_kicker_title_line_nor_the_readers_comments() -> None:
    title = "قافلة طبية تجوب دواوير أزيلال المعزولة"
    paras = [PARA.format(city=c) for c in ("أزيلال", "بني ملال", "خنيفرة")]
    page = PRINT_PAGE.format(title=title, paras="<br><br>".join(paras))
    art = extract(RawPage(url="https://atlas.example/print.php?id=7781", body=page.encode()))
    assert art.title == title
    assert art.text.split("\n") == paras, art.text


def test_a_standfirst_between_headline_and_body_is_not_text_a_lead_inside_the_body_is() -> None:
    """A summary set under the headline ("chapo", "standfirst", "subtitle", "excerpt", "abstract"...) is
    the page's pitch, not its text; the body's own first paragraph, even styled as a lead, is text."""
    title = "تراجع منسوب سد وادي المخازن إلى أدنى مستوى منذ عقد"
    pitch = "سجل منسوب الملء أدنى مستوى له منذ عشر سنوات، في وقت تدعو فيه السلطات إلى ترشيد استهلاك مياه الشرب والسقي."
    paras = [PARA.format(city=c) for c in ("القصر الكبير", "العرائش", "وزان")]
    for cls, tag in (
        ("article__chapo", "p"),
        ("story-standfirst", "div"),
        ("post-subtitle", "h2"),
        ("entry-excerpt", "p"),
    ):
        page = f"""<html><head><meta charset="utf-8"><title>{title} | موقع</title></head><body><article>
<header><h1>{title}</h1><{tag} class="{cls}">{pitch}</{tag}><time datetime="2025-01-09T10:00:00+01:00">9 يناير 2025</time></header>
<figure><img src="a.jpg"><figcaption>سد وادي المخازن</figcaption></figure>
<div class="body"><p class="lead">{paras[0]}</p>{"".join(f"<p>{p}</p>" for p in paras[1:])}</div></article></body></html>"""
        art = extract(RawPage(url="https://maw9i3.example/2025/01/09/dam.html", body=page.encode()))
        assert art.text.split("\n") == paras, (cls, art.text)


def test_a_body_field_named_with_summary_and_subheadings_of_a_div_body_stay() -> None:
    """Drupal names its body field "text-with-summary"; a body set in <div>s may have a subheading
    classed "subtitle": neither is a standfirst."""
    title = "انخفاض أسعار الغازوال بثلاثين سنتيما"
    paras = [PARA.format(city=c) for c in ("طنجة", "تطوان")]
    drupal = "".join(f"<p>{p}</p>" for p in paras)
    divs = f"<div class='paragraph'>{paras[0]}</div><h3 class='article-subtitle'>تطبيق تدريجي</h3><div class='paragraph'>{paras[1]}</div>"
    for body, expected in (
        (f"<div class='field--name-body text-with-summary'>{drupal}</div>", paras),
        (divs, [paras[0], "تطبيق تدريجي", paras[1]]),
    ):
        page = f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1><div class='content'>{body}</div></article></body></html>"
        art = extract(RawPage(url="https://m24.example/ar/eco/gasoil-1.html", body=page.encode()))
        assert art.text.split("\n") == expected, art.text


def test_a_caption_beside_its_image_is_not_text_whatever_its_markup() -> None:
    """No class names it: an image and a short line in one container (a <center> with <font>, a table
    cell with a div) is a photo and its caption; a paragraph that holds an inline image stays."""
    title = "إضراب سائقي سيارات الأجرة بمكناس"
    paras = [PARA.format(city=c) for c in ("مكناس", "إفران", "الحاجب")]
    inline = f"<p><img src='icon.png' width='12'> {PARA.format(city='أزرو')}</p>"
    page = f"""<html><head><title>{title}</title></head><body><h1>{title}</h1>
<table><tr><td><img src="a.jpg"><div>سيارات أجرة متوقفة قرب ساحة الهديم</div></td></tr></table>
<div class="content"><p>{paras[0]}</p><center><img src="b.jpg"><br><font size="2" color="#777">سائقون يرفعون شعارات أمام مقر الولاية</font></center>
<p>{paras[1]}</p><p>{paras[2]}</p>{inline}</div></body></html>"""
    art = extract(RawPage(url="https://meknes.example/2025/02/01/taxi.html", body=page.encode()))
    assert art.text.split("\n") == [*paras, PARA.format(city="أزرو")], art.text


def test_author_cards_pull_quotes_author_notes_and_video_captions_are_not_text() -> None:
    """An op-ed's furniture in the body's own markup: a signature paragraph, a pull quote repeating a
    sentence, a video embed with its caption in the next (styled) paragraph, the author's note after the
    text ("* أستاذ …"), and an author card with a bio (CSS-module class names)."""
    title = "الجامعة في زمن الأزمات"
    paras = [PARA.format(city=c) for c in ("صيدا", "صور", "النبطية", "جزين", "زحلة")]
    page = f"""<html><head><title>{title}</title></head><body><article><h1>{title}</h1><div class="body">
<p class="signature"><strong>بقلم سامي الحاج، من بيروت</strong></p><p>{paras[0]}</p>
<div class="pull-quote"><p>«ما نشهده هو أزمة صامتة»</p></div><p>{paras[1]}</p>
<div class="media"><div class="player"><iframe src="https://video.example/embed/1">فيديو</iframe></div></div>
<p class="center"><span style="font-size:12px;color:#808080">جولة في أروقة الجامعة (فيديو: الموقع)</span></p>
<p>{paras[2]}</p><div class="soup">{paras[3]}<br /><br /><iframe src="https://video.example/embed/2"></iframe><br />
<em>فيديو: مدرج الجامعة خلال الامتحانات</em><br /><br />{paras[4]}</div><p><em>* أستاذ في كلية التربية</em></p></div>
<section class="AuthorCard_card__Wq1v8"><a class="AuthorCard_name__d5Fk2" href="/author/1">سامي الحاج</a>
<p class="AuthorCard_bio__Hs0c9">صحفي وكاتب لبناني، يكتب في الشأن التربوي والاجتماعي منذ عام 2010.</p></section>
</article></body></html>"""
    art = extract(RawPage(url="https://marsad.example/opinion/2024/11/26/55.html", body=page.encode()))
    assert art.text.split("\n") == paras, art.text


def test_a_site_name_is_never_the_headline() -> None:
    """Without og:site_name, a "Site | Headline" title made trafilatura guess the headline as the site
    name, and the title came out as the site's name."""
    title = "في تعز.. الماء يبتلع نصف دخل الأسرة"
    page = f"""<html><head><title>المنبر اليمني | {title}</title><meta property="og:title" content="المنبر اليمني | {title}">
</head><body><h1>{title}</h1><p>{PARA.format(city="تعز")}</p><p>{PARA.format(city="إب")}</p></body></html>"""
    art = extract(RawPage(url="https://www.menbar.example/news/2024/11/16/84213.html", body=page.encode()))
    assert art.title == title


def test_trim_edges_drops_an_agency_code_in_brackets_and_a_signature_after_the_article() -> None:
    """Wire copy ends with its agency's code ("(واج)", "(و م ع)", "[قنا]"); a column or a letter with
    its author's first name after a dash ("— سعيد"). Neither is text; a last paragraph is."""
    body = f"{PARA.format(city='وهران')}\n{PARA.format(city='تلمسان')}"
    for tail in ("(واج)", "( و م ع )", "[قنا]", "(أ.ف.ب)", "— سعيد", "- ليلى ب.", "– عبد الرحيم"):
        assert trim_edges(f"{body}\n{tail}", None) == body, tail
    for last in ("(وقد تم تأجيل الجلسة إلى موعد لاحق بطلب من الدفاع.)", "— ثم عاد الهدوء إلى المدينة بعد منتصف الليل."):
        assert trim_edges(f"{body}\n{last}", None).endswith(last), last


def test_a_watch_the_video_link_line_inside_the_body_goes_a_sentence_about_a_video_stays() -> None:
    paras = [PARA.format(city=c) for c in ("الحديدة", "مأرب")]
    about = "وأظهر مقطع فيديو تداوله ناشطون طوابير طويلة أمام محطات الوقود في المدينة منذ صباح الأحد."
    for line in (
        '<a href="https://youtu.be/x1">▶ شاهد الفيديو: طوابير أمام محطات الوقود في الحديدة</a>',
        '<strong>◀ شاهد بالفيديو:</strong> <a href="/v/9">لحظة وصول القافلة إلى مأرب</a>',
        '<a href="/g/3">► شاهد الصور: آثار السيول في الحديدة</a>',
    ):
        page = f"""<html><head><meta charset="utf-8"><title>أزمة وقود في الحديدة</title></head><body><article>
<h1>أزمة وقود في الحديدة</h1><div class="body"><p>{paras[0]}</p><p class="vid">{line}</p><p>{about}</p>
<p>{paras[1]}</p></div></article></body></html>"""
        art = extract(RawPage(url="https://yemen.example/news/2025/fuel-hodeidah", body=page.encode()))
        assert art.text.split("\n") == [paras[0], about, paras[1]], (line, art.text)


def test_trim_edges_drops_dotted_editor_initials_a_rule_line_and_a_bracketed_photo_credit() -> None:
    body = f"{PARA.format(city='نابلس')}\n{PARA.format(city='جنين')}"
    for tail in (
        "ـــــ\nم.ع/ س.ك",
        "ه.ن/ ع.د (رويترز، أ ف ب)",
        "(الصور: صفحة وزارة الفلاحة)",
        "[تصوير: يوسف العمراني]",
        "______",
    ):
        assert trim_edges(f"{body}\n{tail}", None) == body, tail


def test_embedded_social_posts_are_not_text_whatever_their_fallback_says() -> None:
    paras = [PARA.format(city=c) for c in ("خنيفرة", "أزيلال", "ميدلت")]
    embeds = (
        """<div class="fb-post" data-href="https://www.facebook.com/page/posts/1"><blockquote
cite="https://www.facebook.com/page/posts/1" class="fb-xfbml-parse-ignore"><p>بلاغ: تنظم جمعية الآباء وقفة احتجاجية
صباح الخميس أمام مقر المديرية الإقليمية للمطالبة بتوفير النقل المدرسي لتلاميذ الدواوير.</p>Posted by
<a href="https://www.facebook.com/page">جمعية الآباء</a> on <a href="#">Wednesday, September 18, 2024</a></blockquote></div>""",
        """<blockquote class="instagram-media" data-instgrm-permalink="https://www.instagram.com/p/x/"><div><p>
<a href="https://www.instagram.com/p/x/">صور من الوقفة الاحتجاجية التي نظمها الآباء صباح اليوم أمام المديرية الإقليمية
للتربية الوطنية بالمدينة</a></p><p>A post shared by جمعية الآباء (@apte) on Sep 18, 2024</p></div></blockquote>""",
    )
    for embed in embeds:
        page = f"""<html><head><meta charset="utf-8"><title>وقفة احتجاجية للآباء بخنيفرة</title></head><body><article>
<h1>وقفة احتجاجية للآباء بخنيفرة</h1><div class="entry-content"><p>{paras[0]}</p><p>{paras[1]}</p>{embed}
<p>{paras[2]}</p></div></article></body></html>"""
        art = extract(RawPage(url="https://atlas.example/2024/09/18/khenifra.html", body=page.encode()))
        assert art.text.split("\n") == paras, art.text


def test_a_standfirst_classed_in_a_css_module_name_is_not_text() -> None:
    """CSS modules and CSS-in-JS name classes ``Component_local__hash`` in camel case
    ("StorySubheadline_sub__Jc8Rw"): the words inside still say what the block is."""
    title = "انطلاق معرض الكتاب بمشاركة ألف دار نشر"
    deck = "برنامج ثقافي من مائة وسبعين فعالية وجناح للطفل وركن للمخطوطات النادرة"
    paras = [PARA.format(city=c) for c in ("جدة", "الطائف")]
    page = f"""<html><head><meta charset="utf-8"><title>{title}</title></head><body><article>
<h1 class="StoryHeadline_title__x9Kq2">{title}</h1><h2 class="StorySubheadline_sub__Jc8Rw">{deck}</h2><div class="ArticlePage-subHeadline"><p>{deck}.</p></div>
<div class="StoryBody_body__a1B2c"><p>{paras[0]}</p><p>{paras[1]}</p></div></article></body></html>"""
    art = extract(RawPage(url="https://dirah.example/culture/2024/12/12/book-fair", body=page.encode()))
    assert art.text.split("\n") == paras, art.text


def test_a_camel_case_class_that_contains_a_furniture_word_does_not_make_the_article_furniture() -> None:
    """ "PrintThis" marks what a print button prints (the article), "SocialMediaPlatform" a box of its own:
    furniture names are read as whole words, not as camel-case parts."""
    paras = [PARA.format(city=c) for c in ("بيروت", "صيدا")]
    page = f"""<html><head><meta charset="utf-8"><title>خطة لتأهيل الأحياء</title></head><body>
<div class="article_details_main_container w-100 PrintThis"><h1 class="article_details_title PrintThis">خطة لتأهيل الأحياء</h1>
<div class="articleBodyText PrintThis"><p>{paras[0]}</p><p>{paras[1]}</p></div></div></body></html>"""
    art = extract(RawPage(url="https://lb.example/news/lebanon/1/plan", body=page.encode()))
    assert art.text.split("\n") == paras, art.text


def test_trim_edges_drops_an_agency_tag_with_initials_dotted_initials_and_a_follow_our_channel_line() -> None:
    body = f"{PARA.format(city='صلالة')}\n{PARA.format(city='نزوى')}"
    for tail in (
        "/العمانية/ ع ص / م ح",
        "ف.ب",
        "ر. ن.",
        "تابعوا قناة الوادي نيوز على واتساب لتصلكم الأخبار أولاً بأول",
        "📢 انضموا إلى قناتنا على تلغرام",
        "لمتابعة آخر الأخبار تابعونا على صفحتنا في فيسبوك",
        "انضموا إلى قناتنا على واتساب\n   \nالرابط المختصر:",  # a label whose link went
    ):
        assert trim_edges(f"{body}\n{tail}", None) == body, tail
    # the last paragraph of a story about a messaging app is the story's
    story = f"{body}\nوأكدت الشركة أن تطبيق واتساب سيتوقف عن العمل على الهواتف القديمة ابتداء من الشهر المقبل."
    assert trim_edges(story, None) == story


def test_an_old_media_player_with_its_heading_and_install_note_is_not_text() -> None:
    """A Windows Media Player or Flash ``<object>``/``<embed>`` is media like an ``<iframe>``: the short
    lines boxed with it ("فيديو الجلسة", "install the player to watch") are its caption."""
    title = "المجلس يناقش الحسابات الختامية للوزارات"
    paras = [PARA.format(city=c) for c in ("الجهراء", "الأحمدي", "حولي")]
    player = (
        '<p align="center"><b>فيديو الجلسة</b><br><object classid="CLSID:6BF52A52-394A-11d3-B153-00C04F79FAA6" '
        'width="400" height="300"><param name="URL" value="mms://media.example/s.wmv"><embed type="application/x-mplayer2" '
        'src="mms://media.example/s.wmv" width="400" height="300"></embed></object><br>'
        '<font size="1" color="#666666">لمشاهدة الفيديو يجب تثبيت برنامج Windows Media Player</font></p>'
    )
    page = f"""<html><head><title>{title}</title></head><body><table><tr><td><h1>{title}</h1>
<p>{paras[0]}</p>{player}<p>{paras[1]}</p><p>{paras[2]}</p></td></tr></table></body></html>"""
    art = extract(RawPage(url="https://majlis.example/news.asp?id=4410", body=page.encode()))
    assert art.text.split("\n") == paras, art.text


def test_a_photo_credit_between_paragraphs_is_not_text() -> None:
    """A gallery's credit line ("تصوير: …") after its photos, in the middle of the article."""
    title = "الأهالي يعودون إلى أحياء المدينة القديمة"
    paras = [PARA.format(city=c) for c in ("حمص", "حماة", "إدلب")]
    gallery = (
        '<div class="gallery-block"><div class="gallery"><figure><img src="a.jpg"><figcaption>شارع بعد فتحه'
        '</figcaption></figure><figure><img src="b.jpg"><figcaption>متطوعون يصلحون خطا للمياه</figcaption></figure>'
        '</div><p class="gallery-block__note">تصوير: سامر الحلبي</p></div>'
    )
    page = f"""<html><head><title>{title}</title></head><body><article><h1>{title}</h1><div class="body">
<p>{paras[0]}</p>{gallery}<p>{paras[1]}</p><p>{paras[2]}</p></div></article></body></html>"""
    art = extract(RawPage(url="https://furat.example/ar/news/2025/01/18/returns/", body=page.encode()))
    assert art.text.split("\n") == paras, art.text


def test_a_call_to_watch_the_report_on_the_channel_is_not_text() -> None:
    """A TV channel's site closes its story with a promo for its bulletin, as other sites close with
    "follow our channel on WhatsApp"."""
    title = "انطلاق مهرجان الواحات بمشاركة فرق من عدة دول"
    paras = [PARA.format(city=c) for c in ("غات", "سبها", "مرزق")]
    promo = "<p>شاهدوا التقرير الكامل في نشرة التاسعة مساءً على شاشة قناة الجنوب</p>"
    page = f"""<html><head><title>{title}</title></head><body><article><h1>{title}</h1><div class="body">
{"".join(f"<p>{p}</p>" for p in paras)}{promo}</div></article></body></html>"""
    art = extract(RawPage(url="https://janoub.example/news/2024/10/24/festival", body=page.encode()))
    assert art.text.split("\n") == paras, art.text


# Closing lines that speak about the story, the page or the site, not the news (each after an article of
# "بوابة النيل"): a wire's sign-off with its editors' full names, a contributor credit, a "for more … click
# here" link line, calls to follow the site on its app, to stay tuned on it or to send it news on WhatsApp, an
# editor's update note, a note, a correction, a disclosure, questions to the reader, a government site's
# page-feedback widget, initials after a bracketed agency code, a link line in Kurdish, a line giving an e-mail
# address to send news to (or Cloudflare's placeholder for it), a pointer to the story in another language,
# the site's name as a credit ("- خاص": exclusive), a helpline addressed to the reader, a call to follow "our
# coverage", a CMS's edit note and its reason.
CLOSING_LINES = [
    "وام/سلمى الظاهري/خالد المنصوري",
    "ساهم في إعداد التقرير: قسم الاقتصاد في الموقع",
    "للمزيد من أخبار الزراعة اضغط هنا",
    "تابع أحدث الأخبار عبر تطبيق بوابة النيل على جوجل بلاي",
    "ترقبوا تقريرا مصورا عن سير الحملة في الأيام القادمة على بوابة النيل",
    "أرسلها إلينا عبر واتساب على الرقم 0500000 وسننشرها بعد التحقق منها.",
    "تحديث (14 أكتوبر): أضيفت إلى الخبر تفاصيل حول التمويل.",
    "ملحوظة: الأرقام الواردة في هذا المقال تقديرية.",
    "تصحيح: ورد في نسخة سابقة من هذا الخبر أن طول المسار 21 كيلومترا، والصحيح 12 كيلومترا.",
    "إفصاح: أحد المستثمرين في الجولة مساهم في الشركة المالكة للموقع، ولم يطلع على المقال قبل نشره.",
    "هل كان هذا الخبر مفيداً؟",
    "هل وجدت خطأ في هذا الخبر؟ أبلغنا",
    "هل لديك معلومة أو خبر؟ راسل فريق التحرير عبر واتساب على الرقم 5001 2277",
    "هل كانت هذه الصفحة مفيدة؟",
    "أفاد 86% من الزوار بأن هذه الصفحة مفيدة",
    "آخر تحديث للصفحة: 12/11/2024 - 01:05 م",
    "(ك.ب) ش.ع/ه.ك",
    "بۆ خوێندنەوەی ئەم هەواڵە بە کوردی کرتە لێرە بکە",
    "تصويب: ورد في نسخة سابقة من هذا الخبر أن عدد الوحدات 1500 وحدة.",
    "روبورتاج: مراد بن عيسى | تصوير: عبد القادر شريفي | مونتاج: أمينة لعرج",
    "لإرسال أخباركم وصوركم إلى بوابة النيل عبر البريد الإلكتروني: news@nile.example",
    "لإرسال أخباركم ومقترحاتكم: [email\xa0protected]",
    "Esta noticia también está disponible en español: Abu Dabi inaugura un nuevo puerto pesquero",
    "Read this story in English",
    "اقرأ هذا الخبر بالإنجليزية",
    "بوابة النيل - خاص",
    "للإبلاغ عن تجمعات المياه في منطقتك اتصل بغرفة عمليات البلدية على الرقم 07801000000",
    "تابعوا تغطيتنا المستمرة لزيارة الأربعين عبر صفحة التغطية الخاصة",
    "تم تعديل الخبر: mohamed.editor - 06-05-2025, 13:10",
    "السبب: إضافة صورة المحافظ",
    "إذا كنت أو كانت إحدى قريباتك ضحية عنف، اتصلي بالرقم الأخضر 8350 للاستماع والتوجيه",
    "ما رأيك في هذا المقال؟",
    "المعلومات الواردة في هذا المقال ذات طابع إخباري وتثقيفي، ولا تغني عن استشارة الطبيب.",
    "تابعوا تغطية بوابة الخليج لموسم التخييم يومياً",
    "تقرير: فاطمة العنزي | تصوير: ناصر الرشيدي | مونتاج: عبدالله الكندري",
    "لا يمكنك الرد على المواضيع في هذا المنتدى",  # a forum's permissions, under the post
    "لا تستطيع إضافة مواضيع جديدة في هذا القسم",
    "You cannot reply to topics in this forum",
]
CLOSED_BODY = "\n".join(PARA.format(city=c) for c in ("العين", "الظفرة"))


@pytest.mark.parametrize("line", CLOSING_LINES)
def test_a_closing_line_about_the_story_the_page_or_the_site_is_not_text(line: str) -> None:
    assert trim_edges(f"{CLOSED_BODY}\n{line}", "بوابة النيل") == CLOSED_BODY


def test_closing_lines_go_together_and_only_after_the_article() -> None:
    """All of them at once are taken from the end in turn; the same words inside the article stay."""
    assert trim_edges("\n".join([CLOSED_BODY, *CLOSING_LINES]), "بوابة النيل") == CLOSED_BODY
    inside = f"{PARA.format(city='دبي')}\nتابع الوزير قائلا إن البرنامج سيشمل كل الإمارات.\n{CLOSED_BODY}"
    assert trim_edges(inside, "بوابة النيل") == inside
    # a report of a call to call, or a call made, is text
    reported = "ودعت الوزارة المواطنين إلى الاتصال بالرقم 112 في الحالات الطارئة."
    assert trim_edges(f"{CLOSED_BODY}\n{reported}", "بوابة النيل") == f"{CLOSED_BODY}\n{reported}"
    made = "للمرة الثانية اتصل الرئيس بنظيره خلال 2024 لبحث الملف"
    assert trim_edges(f"{CLOSED_BODY}\n{made}", "بوابة النيل") == f"{CLOSED_BODY}\n{made}"
    quoted = "وقال الوزير إن الخدمة لا تغني عن استشارة الطبيب في كل الحالات بحسب البيان."
    assert trim_edges(f"{CLOSED_BODY}\n{quoted}", "بوابة النيل") == f"{CLOSED_BODY}\n{quoted}"
    warning = "تنبيه: يتناول هذا المقال موضوع العنف ضد النساء، وقد يتضمن معطيات مؤلمة."
    assert trim_edges(f"{warning}\n{CLOSED_BODY}", "بوابة النيل") == CLOSED_BODY  # a content warning above it
    assert trim_edges(inside, "بوابة النيل") == inside


def test_a_deck_in_a_heading_under_the_headline_and_a_video_facade_with_its_caption_are_not_text() -> None:
    """A subtitle set in an ``<h2>`` between the headline and the first paragraph is the standfirst; a
    YouTube facade custom element (``<lite-youtube>``) is media, its caption line goes with it."""
    title = "المتقاعدون المغاربيون في فرنسا أمام شرط الإقامة"
    paras = [PARA.format(city=c) for c in ("ليون", "مرسيليا", "ليل")]
    video = (
        "<div class='not-prose my-6'><lite-youtube videoid='abc123'><button type='button'><span class='lyt-visually-hidden'>"
        "تشغيل: قطف الزيتون</span></button></lite-youtube><p class='mt-2 text-sm'>فيديو | مزارعون يقطفون الزيتون على عجل"
        "</p></div>"
    )
    page = f"""<html><head><title>{title}</title></head><body><article><h1>{title}</h1>
<p class="info"><time datetime="2024-11-14T18:30:00+01:00">الخميس 14 نوفمبر 2024</time> بقلم سامية بن عمر</p>
<h2>جمعيات تطالب بتخفيف شرط الأشهر التسعة لمن تجاوزوا الخامسة والسبعين</h2>
<div class="body"><p>{paras[0]}</p>{video}<p>{paras[1]}</p><h2>مطالب الجمعيات</h2><p>{paras[2]}</p></div></article></body></html>"""
    art = extract(RawPage(url="https://rives.example/actualite/2024/11/14/retraites.html", body=page.encode()))
    assert art.text.split("\n") == [paras[0], paras[1], "مطالب الجمعيات", paras[2]], art.text


def test_a_plone_description_and_its_hidden_structure_labels_are_not_text() -> None:
    """Plone's ``documentDescription`` under the headline is the standfirst; its ``hiddenStructure``
    labels ("أدوات المستند") are for screen readers."""
    title = "مهرجان الرمان في حلبجة ينطلق بمشاركة 300 مزارع"
    paras = [PARA.format(city=c) for c in ("حلبجة", "أربيل")]
    page = f"""<html><head><title>{title}</title></head><body><div id="content"><h1 class="documentFirstHeading">{title}</h1>
<p class="documentDescription description">المهرجان يستمر ثلاثة أيام ويضم معرضا للمنتجات المحلية</p>
<div id="content-core"><p>{paras[0]}</p><p>{paras[1]}</p></div>
<div class="documentActions"><p class="hiddenStructure">أدوات المستند</p><ul><li><a href="#">طباعة</a></li></ul></div>
</div></body></html>"""
    art = extract(RawPage(url="https://galawezh.example/ar/news/2024/10/pomegranate", body=page.encode()))
    assert art.text.split("\n") == paras, art.text


def test_blocks_the_site_keeps_out_of_its_own_search_index_are_not_text() -> None:
    """Static-site search tools let a site mark what is not content (Pagefind's ``data-pagefind-ignore``,
    Swiftype's ``data-swiftype-index="false"``, ``robots-nocontent``): a match card, a report link,
    reactions. A mark on the article's own container does not take the article."""
    title = "المريخ يكسب الأمل عطبرة بثلاثية ويتصدر مجموعته"
    paras = [PARA.format(city=c) for c in ("عطبرة", "أم درمان")]
    card = (
        "<div class='match-card' data-pagefind-ignore><p class='match-card__goals'>الأهداف: عماد الصادق 18، "
        "مجاهد كبير 41</p><p>دوري النخبة · الجولة 3 · استاد عطبرة</p></div>"
    )
    reactions = (
        "<section class='mentions' data-swiftype-index='false'><h2>تفاعلات من الشبكة</h2>"
        "<p>37 إعجابا · 12 إعادة نشر</p><p>الزعيم في الصدارة والقادم أحلى</p></section>"
    )
    page = f"""<html><head><title>{title}</title></head><body><article><h1>{title}</h1>
<div class="post__body">{card}<p>{paras[0]}</p><p>{paras[1]}</p></div>{reactions}</article></body></html>"""
    art = extract(RawPage(url="https://madarij.example/posts/2024/10/merrikh/", body=page.encode()))
    assert art.text.split("\n") == paras, art.text
    marked = page.replace('<div class="post__body">', '<div class="post__body" data-pagefind-ignore>')
    art = extract(RawPage(url="https://madarij.example/posts/2024/10/merrikh/", body=marked.encode()))
    assert paras[0] in art.text.split("\n"), art.text


def test_a_deck_in_the_headlines_header_and_tailwinds_not_prose_inserts_are_not_text() -> None:
    """The ``<header>`` around the headline holds its deck and meta lines, whatever their classes (utility
    classes only); Tailwind Typography's ``not-prose`` marks what the site sets apart from the article's
    prose (a callout, a table, a pull quote)."""
    title = "دراسة: نقص فيتامين د لدى ستة من كل عشرة طلاب"
    paras = [PARA.format(city=c) for c in ("الشارقة", "عجمان", "دبي")]
    page = f"""<html><head><title>{title}</title></head><body><article><header class="mt-3">
<h1 class="text-3xl font-extrabold">{title}</h1>
<p class="mt-3 text-lg text-slate-600">الباحثون يربطون النسبة المرتفعة بقضاء الأطفال وقتا أطول في أماكن مغلقة</p>
<p class="mt-1 text-xs text-slate-500">آخر مراجعة طبية: 6 نوفمبر 2024</p></header>
<div class="prose prose-lg"><p>{paras[0]}</p>
<div class="not-prose my-8 rounded-2xl border-s-4 p-5"><p>معلومة: يحتاج الجسم إلى التعرض للشمس لإنتاج الفيتامين</p></div>
<p>{paras[1]}</p><div class="not-prose my-8 overflow-x-auto"><table><tr><th>الفئة</th><th>النسبة</th></tr>
<tr><td>الإعدادية</td><td>70 في المائة</td></tr></table></div><p>{paras[2]}</p></div></article></body></html>"""
    art = extract(RawPage(url="https://afia.example/news/2024/11/vitamin-d", body=page.encode()))
    assert art.text.split("\n") == paras, art.text


def test_boxes_under_their_own_heading_go_whatever_their_markup() -> None:
    """A factbox ("المنطقة في أرقام:" in a bold paragraph over a list, inside the body), a summary box over
    the body, the sources, readers' questions and a rating widget after it: each the smallest container
    of its heading that holds more than the heading, in utility-class markup that names nothing."""
    paras = [f"<p>{PARA.format(city=c)}</p>" for c in ("طنجة", "تطوان", "المضيق", "الفنيدق")]
    factbox = (
        "<div class='my-4 rounded p-3'><p><strong>المنطقة في أرقام:</strong></p>"
        "<ul><li>المساحة: 10 هكتارات</li><li>مناصب الشغل الحالية: 1800 منصب</li></ul></div>"
    )
    summary = "<div class='rounded-2xl bg-sky-50 p-6'><h2>باختصار</h2><ul><li>نقص المياه يهدد 12 دوارا.</li></ul></div>"
    after = (
        "<section class='mt-10 border-t'><h2>المصادر</h2><ol><li>تقرير المندوبية السامية للتخطيط 2024.</li></ol></section>"
        "<div class='mt-8 text-center'><p class='font-bold'>قيّم هذا المقال</p><button>1</button><button>2</button></div>"
        "<section class='mt-8 border p-5'><h2>أسئلة القراء حول هذا الموضوع</h2><details><summary>متى تنتهي الأشغال؟"
        "</summary><p>يجيب المهندس: قبل نهاية السنة المقبلة حسب الجدول المعلن.</p></details></section>"
    )
    body = f"<article><h1>عنوان المقال</h1>{summary}<div class='prose'>{paras[0]}{paras[1]}{factbox}{paras[2]}{paras[3]}</div>{after}</article>"
    tree = _tree(body)
    strip_boilerplate(tree)
    text = _text(tree)
    for junk in ("في أرقام", "هكتارات", "باختصار", "يهدد 12", "المصادر", "المندوبية", "قيّم", "أسئلة القراء", "يجيب"):
        assert junk not in text, junk
    assert all(city in text for city in ("طنجة", "تطوان", "المضيق", "الفنيدق"))
    # the same heading over the article's own column takes nothing
    own = _tree(f"<article><h1>عنوان</h1><div class='prose'><h2>في أرقام</h2>{''.join(paras)}</div></article>")
    strip_boilerplate(own)
    assert all(city in _text(own) for city in ("طنجة", "تطوان", "المضيق", "الفنيدق"))


def test_a_video_title_set_above_its_embed_goes_with_it() -> None:
    """A labelled title line over a video embed ("<h3>شاهد | …</h3>") is the video's, not a subheading."""
    paras = [f"<p>{PARA.format(city=c)}</p>" for c in ("المكلا", "سيئون", "الشحر")]
    video = (
        "<h3 style='text-align:center'>شاهد | طوابير السيارات أمام محطات الوقود في المكلا</h3>"
        "<div class='youtubeBlock'><iframe src='https://www.youtube.example/embed/x'></iframe></div>"
    )
    heading = "<h3>الكهرباء في ساحل حضرموت</h3>"
    second = (
        "<div class='videoWrapper'><p><strong>شاهد بالفيديو:</strong> آليات البلدية تسحب مياه الأمطار</p>"
        "<iframe src='https://www.youtube.example/embed/y'></iframe></div>"
    )
    tree = _tree(f"<h1>عنوان</h1><div class='content'>{paras[0]}{video}{paras[1]}{heading}{second}{paras[2]}</div>")
    strip_boilerplate(tree)
    text = _text(tree)
    assert "طوابير" not in text and "آليات البلدية" not in text and "الكهرباء في ساحل حضرموت" in text
    assert all(city in text for city in ("المكلا", "سيئون", "الشحر"))


@pytest.mark.parametrize(
    "info",
    [
        # Joomla's article info: a heading term, then author, category, dates and hits, each a <dd>
        "<dl class='article-info text-muted'><dt class='article-info-term'>التفاصيل</dt><dd class='createdby'"
        " itemprop='author'>كتبه: <span itemprop='name'>إسماعيل عبد الرحمن مزي</span></dd><dd class='category-name'>"
        "الفئة: <a href='/ar/iqtisad'>اقتصاد</a></dd><dd class='published'><time datetime='2026-09-14T09:20:00+03:00'"
        " itemprop='datePublished'>نُشر بتاريخ: الاثنين، 14 سبتمبر 2026 09:20</time></dd><dd class='hits'>الزيارات:"
        " 3187</dd></dl>",
        # terms and values in pairs, the date given as microdata only
        "<dl class='meta'><dt>الكاتب</dt><dd>سعاد بن علي</dd><dt>تاريخ النشر</dt><dd><span itemprop='datePublished'"
        " content='2026-09-14'>14/09/2026</span></dd><dt>القسم</dt><dd>اقتصاد</dd></dl>",
    ],
    ids=["joomla", "pairs"],
)
def test_a_description_list_of_the_articles_author_date_and_counters_is_not_text(info: str) -> None:
    """A ``<dl>`` of short items that dates the page (a ``<time>``, a ``datePublished``) is the article's information
    (author, section, dates, hits), not story text, wherever it stands; a glossary's long definitions and a dated
    timeline stay."""
    paras = [f"<p>{PARA.format(city=c)}</p>" for c in ("موروني", "موتسامودو")]
    share = "<div class='share-bar'><span>شارك:</span> <a href='https://x.example/s'>فيسبوك</a></div>"
    figure = "<figure class='item-image'><img src='/images/main.jpg' alt='' width='800'></figure>"
    body = f"<div itemprop='articleBody'>{''.join(paras)}</div>"
    page = (
        f"<html><head><title>عنوان الخبر</title></head><body><article><h1>عنوان الخبر</h1>{info}{share}{figure}{body}"
    )
    art = extract(
        RawPage(url="https://qamar.example/ar/iqtisad/2318-x", body=f"{page}</article></body></html>".encode())
    )
    assert art.text.split("\n") == [PARA.format(city=c) for c in ("موروني", "موتسامودو")], art.text
    glossary = (
        "<dl><dt>الرصيف العائم</dt><dd>منشأة مرفئية تطفو على الماء وتثبت بسلاسل إلى القاع، وتستعمل لرسو السفن الصغيرة"
        " في الموانئ التي لا تسمح أعماقها ببناء أرصفة ثابتة.</dd></dl>"
    )
    timeline = (
        "<dl class='timeline'>"
        + "".join(
            f"<dt><time datetime='{y}-01-01'>{y}</time></dt><dd>{event}</dd>"
            for y, event in (("1975", "استقلال جزر القمر"), ("1997", "أزمة انفصال أنجوان"), ("2001", "دستور الاتحاد"))
        )
        + "</dl>"
    )
    tree = _tree(f"<h1>عنوان</h1><div class='content'>{paras[0]}{glossary}{timeline}{paras[1]}</div>")
    strip_boilerplate(tree)
    assert "منشأة مرفئية" in _text(tree) and "أزمة انفصال أنجوان" in _text(tree)


@pytest.mark.parametrize(
    "media",
    [
        "<p><strong>{line}</strong></p><div class='video-responsive'><iframe src='about:blank'"
        " data-src='https://www.youtube.example/embed/Ab3'></iframe></div>",
        "<div class='audio-box'><p class='audio-label'><strong>{line}</strong></p><audio controls"
        " src='https://radio.example/a.mp3'></audio></div>",
        "<div class='clip'><video src='https://tv.example/v.mp4'></video><span>{line}</span></div>",
    ],
    ids=["above-iframe", "above-audio", "below-video"],
)
@pytest.mark.parametrize("line", ["شاهد أهداف المباراة", "استمع إلى تقرير مراسلتنا من قصر باردو", "Watch the goals"])
def test_a_watch_or_listen_line_beside_its_media_goes_without_a_colon(media: str, line: str) -> None:
    """The line that asks the reader to watch or listen ("شاهد أهداف المباراة", "استمع إلى تقرير …") is the media's
    title when it stands right beside the media, with or without a colon after its verb; a sentence of the story
    that happens to open with the same word stays."""
    paras = [f"<p>{PARA.format(city=c)}</p>" for c in ("سوسة", "باردو")]
    tree = _tree(f"<h1>عنوان</h1><div class='content'>{paras[0]}{media.format(line=line)}{paras[1]}</div>")
    strip_boilerplate(tree)
    text = _text(tree)
    assert line.split()[1] not in text and "سوسة" in text and "باردو" in text.replace(line, "")
    story = "<p>شاهد عيان قال إن السيارة كانت تسير بسرعة كبيرة قبل أن تنحرف عن الطريق وتصطدم بالحاجز.</p>"
    tree = _tree(f"<h1>عنوان</h1><div class='content'>{paras[0]}{story}{media.format(line=line)}{paras[1]}</div>")
    strip_boilerplate(tree)
    assert "شاهد عيان" in _text(tree)


@pytest.mark.parametrize(
    "player",
    [
        "<div class='p_video' data-contentid='17'><div class='p_video__player' data-src='https://v.example/embed/17'>"
        "</div><p class='p_video__title'>{line}</p></div>",  # the player's script fills the empty box
        "<figure class='media'><span class='jw-placeholder' data-video-id='aX91'></span><span>{line}</span></figure>",
        "<div class='clip'><p>{line}</p><div class='brightcove-player'></div></div>",  # its title above it
    ],
    ids=["data-src", "video-id", "class"],
)
def test_a_player_left_empty_for_its_script_is_media_its_title_line_goes_with_it(player: str) -> None:
    """A video player the page's script builds in an empty box (named a player, or given the video's id or
    embed address) is media like an ``<iframe>``: its title line ("شاهد: …", or any short line in the box)
    goes with it. An empty box with no such sign is layout; the short line beside it stays."""
    paras = [f"<p>{PARA.format(city=c)}</p>" for c in ("الجهراء", "الأحمدي")]
    video = player.format(line="شاهد: أهداف النهائي ولحظة التتويج")
    tree = _tree(f"<h1>عنوان</h1><div class='content'>{paras[0]}{video}{paras[1]}</div>")
    strip_boilerplate(tree)
    text = _text(tree)
    assert "أهداف النهائي" not in text and "الجهراء" in text and "الأحمدي" in text
    plain = "<div class='box'><div class='clearfix'></div><p>وفي الشوط الثاني تبدل المشهد تماما</p></div>"
    tree = _tree(f"<h1>عنوان</h1><div class='content'>{paras[0]}{plain}{paras[1]}</div>")
    strip_boilerplate(tree)
    assert "تبدل المشهد" in _text(tree)


@pytest.mark.parametrize(
    ("box", "gone"),
    [
        (  # line-ups set in <details> under a short <summary> between the report's paragraphs
            "<details class='lineups'><summary>التشكيلة الأساسية للفريقين</summary><p><strong>المريخ:</strong> منجد"
            " النيل، أمير كمال، بخيت خميس.</p><p><strong>الأمل:</strong> حامد بابكر، عثمان سعيد.</p></details>",
            ("التشكيلة", "منجد النيل"),
        ),
        (  # Shoelace's <sl-details summary="…">: the label is an attribute, the box is still to be clicked open
            "<sl-details summary='بطاقة تعريف: الجامع القديم' class='fact-box'><p>يقع الجامع على بعد نحو خمسة عشر"
            " كيلومترا شمال المدينة، وبني في القرن الثالث الهجري.</p></sl-details>",
            ("القرن الثالث",),
        ),
    ],
    ids=["details", "web-component"],
)
def test_a_collapsible_box_in_the_body_goes(box: str, gone: tuple[str, ...]) -> None:
    """What a reader must click open is not the story's text, whatever element holds it."""
    paras = [f"<p>{PARA.format(city=c)}</p>" for c in ("عطبرة", "أم درمان", "بورتسودان")]
    tree = _tree(f"<article><h1>عنوان</h1><div class='body'>{paras[0]}{paras[1]}{box}{paras[2]}</div></article>")
    strip_boilerplate(tree)
    text = _text(tree)
    assert not any(phrase in text for phrase in gone)
    assert all(city in text for city in ("عطبرة", "أم درمان", "بورتسودان"))


def test_a_match_card_whose_label_sits_in_a_head_with_a_subtitle_and_footnotes_go() -> None:
    """The box's head holds its label and a subtitle ("بطاقة المباراة" + the competition): the box is what
    holds more than that head; SPIP's footnotes under "هوامش" go the same way."""
    paras = [f"<p>{PARA.format(city=c)}</p>" for c in ("بركان", "الرباط", "وجدة")]
    card = (
        "<div class='match-card'><div class='head'><span>بطاقة المباراة</span><span>البطولة الاحترافية - الجولة 14</span>"
        "</div><ul><li>الأهداف</li><li>أنس الزياني (27) - إلياس بنشقرون (61)</li><li>الحكم</li><li>عادل الزوراق</li>"
        "</ul></div>"
    )
    notes = (
        "<div class='notes'><h2>هوامش</h2><p>[1] تقدر الإحصاءات الرسمية عدد المتضررين بأكثر من 200 ألف شخص.</p></div>"
    )
    tree = _tree(
        f"<article><h1>عنوان</h1><div class='body'>{paras[0]}{paras[1]}{card}{paras[2]}</div>{notes}</article>"
    )
    strip_boilerplate(tree)
    text = _text(tree)
    assert "بطاقة المباراة" not in text and "الزياني" not in text and "الزوراق" not in text
    assert "هوامش" not in text and "الإحصاءات الرسمية" not in text and "نصيحة" not in text and "ينصح" not in text
    assert all(city in text for city in ("بركان", "الرباط", "وجدة"))


def test_a_one_cell_table_is_a_layout_block_a_data_table_stays() -> None:
    """A note or a footer boxed in a one-cell table is a block of the page, not data (an old portal's story
    beside such tables came out of trafilatura as the tables alone: held-out layout thma); a table of
    several cells stays a table."""
    from crawler.processing.boilerplate import unwrap_layout_tables

    tree = fromstring(
        "<html><body><div>نص الخبر<br><br><table><tr><td><b>ملاحظة:</b> تنشر الوكالة البيانات كما وردت.</td></tr>"
        "</table></div><table><tr><td>الدولار</td><td>534</td></tr><tr><td>الريال</td><td>140</td></tr></table>"
        "</body></html>"
    )
    assert unwrap_layout_tables(tree) == 1
    assert [t.text_content() for t in tree.iter("table")] == ["الدولار534الريال140"]


@pytest.mark.parametrize(
    "credit",
    [
        "المصدر: السلطة المينائية طنجة المتوسط، الحصيلة السنوية 2024.",  # a source line that ends like a sentence
        "ساهم في إعداد المادة مراسل رواج بقلعة السراغنة.",  # a contribution note without a colon
        "للاستفسار: الرقم الأخضر لوزارة الصحة 1155 (مجاني)",  # where readers call
        "للمزيد من أخبار إربد تابعوا صفحتنا على فيسبوك وقناتنا على واتساب",  # follow us, after a lead-in
        "آخر تعديل بواسطة رزان العمري؛ 16-06-2025 الساعة 09:10 ص. السبب: تصحيح اسم الفرقة",  # a forum's edit stamp
        "المكتب الإعلامي – المجلس المحلي في مدينة مارع",  # a statement's sign-off
        "صدر في زليتن بتاريخ 20 ذو القعدة 1446 هـ الموافق 18 مايو 2025",  # its place and date
        "نشر في العدد المطبوع رقم 47 من صدى الحرم، كانون الأول 2024.",  # where it ran in print
        "هل لديك استفسار قانوني؟ أرسل سؤالك إلى باب استشارات قانونية ويجيب عنه محامون متخصصون.",  # a call
        "للإبلاغ عن انسداد المصارف يرجى الاتصال بغرفة الطوارئ على الرقم 0914123456",  # a helpline
        "للشكاوى المتعلقة بتوزيع الغاز: الخط الساخن لمكتب التموين 0925551777",  # a complaints line
        "س.ر/ (مع الوكالات)",  # editors' initials and "with agencies"
        "للتبرع لحملة ترميم السناسل: حساب الجمعية في بنك فلسطين - فرع بيت لحم، أو عبر صفحة المتجر.",  # where to give
        "للتطوع في حملة التشجير: استمارة على موقع الجمعية",  # where to volunteer
        "تحديث – الثلاثاء 23 ديسمبر 2025: أعلنت الجمعية أسماء الفائزين في مسابقة الرسم على صفحتها في فيسبوك.",  # update
        "لدعم برنامج الشتلات يمكنكم التبرع عبر صفحة تبرع.",  # a call to give, opened by what it supports
        "شاركونا آراءكم في التعليقات، ولا تنسوا الإعجاب والمشاركة",  # a call to comment
        "ما رأيك في هذا القرار؟ اترك تعليقك أسفل الخبر",
        "لنشر هذه التدوينة يرجى ذكر المصدر.",  # a reuse note
        "للمشاركة في المسير القادم: سجّل اسمك في صفحة الفعاليات أو اتصل بأمانة الجمعية.",  # what to do, labelled
        "للحصول على الشتلات: توجهوا إلى مقر الجمعية أيام السبت",
        "تابعوا رسائل الجمعية النصية: أرسل كلمة «صياد» إلى الرقم 0500000412 لتصلك التنبيهات البحرية.",  # by SMS
        "هل تودّ تنظيم زيارة لمدرستك؟ راسلونا عبر صفحة التواصل.",  # a question to the reader, then the call
        "شارك حكايتك عن البساتين: أرسلها إلى بريد الجمعية أو سلّمها في المركز الثقافي.",  # a call, then how
        "لمتابعة مواعيد الحملات القادمة اشترك في نشرة الملتقى أو تابع صفحة الفعاليات.",  # a purpose, two ways
        "Summary (EN): The association distributed two thousand seedlings to about 140 smallholders in the oasis.",
        "للطلب: يمكن حجز منتجات الوحدة مسبقاً بالاتصال على الرقم ٠٢٢٧٤٠٠٠٠ أو عبر صفحة الجمعية.",  # a number
        "للانضمام إلى الموسم الشتوي سجّل بياناتك في صفحة «سجّل متطوعاً» على موقع الفريق.",  # "register your …"
        "صورة: مزارعة تقطف المشمش في أحد كروم المخرور (عدسة: جريس زرينة)",  # a caption with its credit
        "عُدّل آخر مرة في ٠٥/٠٥/٢٠٢٦",  # a weblog's edit stamp
        "info@sabratha-volunteers.example – هاتف 0923456789",  # an address and a number, nothing else
    ],
)
def test_trim_edges_drops_a_labelled_credit_contact_or_follow_us_line_after_the_article(credit: str) -> None:
    body = [PARA.format(city="فاس"), PARA.format(city="مكناس")]
    assert trim_edges("\n".join([*body, credit])) == "\n".join(body)


def test_trim_edges_drops_a_labelled_purpose_with_a_number_to_call_between_two_paragraphs() -> None:
    first, second = PARA.format(city="بيت جالا"), PARA.format(city="بيت ساحور")
    call = "للطلب: يمكن حجز منتجات الوحدة مسبقاً بالاتصال على الرقم ٠٢٢٧٤٠٠٠٠ أو عبر صفحة الجمعية."
    assert trim_edges(f"{first}\n{call}\n{second}") == f"{first}\n{second}"


def test_trim_edges_drops_a_place_and_labelled_byline_above_and_a_source_paragraph_inside() -> None:
    """ "باسكنو - مراسل الوكالة: …" above the text; "المصدر: …" standing between two paragraphs."""
    first, second = PARA.format(city="باسكنو"), PARA.format(city="النعمة")
    text = f"باسكنو - مراسل الوكالة: سيدي محمد ولد اباه\n{first}\nالمصدر: وكالة تيرس للأنباء\n{second}"
    assert trim_edges(text) == f"{first}\n{second}"


def test_trim_edges_drops_a_template_byline_and_relative_time_after_the_text_and_an_editors_note() -> None:
    body = [PARA.format(city="إربد"), PARA.format(city="عجلون")]
    text = "\n".join([*body, "\t\t", "بواسطة ليث الخصاونة", "أمس, 11:40 م"])
    assert trim_edges(text) == "\n".join(body)
    note = "الأرقام الواردة في هذا المقال أولية وقابلة للتحيين."
    assert trim_edges("\n".join([*body, note])) == "\n".join(body)


@pytest.mark.parametrize(
    "line",
    [
        # a long line that opens with "المصدر" is the story's: only a short labelled line is a credit
        "المصدر: مسؤول في الوزارة قال إن الحكومة ستعلن خلال الأسبوع المقبل عن حزمة إجراءات جديدة لدعم"
        " الفلاحين الصغار المتضررين من الجفاف في الجهات الجنوبية.",
        # a last sentence about "this report" is the story's, not an editor's note
        "وخلص هذا التقرير إلى أن معدل البطالة في الوسط القروي ارتفع.",
    ],
    ids=["label-word-sentence", "this-report"],
)
def test_trim_edges_keeps_story_sentences_that_look_like_credits_or_notes(line: str) -> None:
    for text in (
        f"{PARA.format(city='فاس')}\n{line}\n{PARA.format(city='مكناس')}",
        f"{PARA.format(city='فاس')}\n{line}",
    ):
        assert trim_edges(text) == text


def test_trim_edges_drops_a_channel_plug_between_two_paragraphs() -> None:
    first, second = PARA.format(city="تومسك"), PARA.format(city="موسكو")
    text = f"{first}\n📲 اشترك في قناة «نيفا عربي» على تلغرام لمتابعة آخر أخبار العلوم\n{second}"
    assert trim_edges(text) == f"{first}\n{second}"


def test_a_summary_block_named_by_its_id_goes_a_first_paragraph_with_such_an_id_stays() -> None:
    summary = "الوزارة تحدد مواعيد الامتحان الوطني والجهوي وتعلن تدابير جديدة لمحاربة الغش."
    tree = _tree(
        "<article><h1>مذكرة وزارية تحدد إجراءات تنظيم امتحانات البكالوريا</h1>"
        f"<div id='NewsPostDetailSummary'><p><strong>{summary}</strong></p></div>"
        f"<div class='body'><p>{PARA.format(city='الرباط')}</p><p>{PARA.format(city='سلا')}</p></div></article>"
    )
    strip_boilerplate(tree)
    assert "تحدد مواعيد الامتحان" not in tree.text_content()
    first = PARA.format(city="فاس")
    tree = _tree(
        "<article><h1>مذكرة وزارية تحدد إجراءات تنظيم امتحانات البكالوريا</h1>"
        f"<p id='speakable-summary'>{first}</p><p>{PARA.format(city='سلا')}</p></article>"
    )
    strip_boilerplate(tree)
    assert first in tree.text_content()


def test_an_ad_label_set_in_a_font_run_goes() -> None:
    """Old rich-text bodies set labels in <font>, not in a <span>: "- إعلان -" between two paragraphs."""
    tree = _tree(
        f"<td><font size='3'>{PARA.format(city='إربد')}</font><br><br>"
        f"<font size='2' color='#999999'>- إعلان -</font><br><a href='/ad'><img src='/b.gif'></a><br><br>"
        f"<font size='3'>{PARA.format(city='الزرقاء')}</font></td>"
    )
    strip_boilerplate(tree)
    assert "إعلان" not in tree.text_content()
    assert "إربد" in tree.text_content() and "الزرقاء" in tree.text_content()


def test_trim_edges_drops_a_meta_row_written_as_one_line_and_a_link_bar_row_with_escaped_bars() -> None:
    body = [PARA.format(city="عمان"), PARA.format(city="إربد")]
    meta = "تاريخ النشر: 18/11/2024 10:32:15 ص | آخر تعديل: 19/11/2024 09:05:41 ص | عدد القراءات: 1874"
    assert trim_edges("\n".join([meta, *body])) == "\n".join(body)
    assert trim_edges("\n".join([meta.replace(" | ", " \xa0|\xa0 "), *body])) == "\n".join(body)  # &nbsp;|&nbsp;
    # a top bar row: the day, then a link bar that the extractor writes with escaped bars inside its cell
    bar = "| اليوم: الأربعاء، 09 أكتوبر 2024 | الرئيسية \\| المواضيع \\| أرسل خبراً \\| اتصل بنا \\| RSS |"
    assert trim_edges("\n".join([bar, *body])) == "\n".join(body)


def test_trim_edges_counts_no_separator_as_a_word_of_prose() -> None:
    """A row of seventeen tokens, half of them bars, is no paragraph: the headline below it still opens the text."""
    title = "نقابة الغزل والنسيج تطالب بتدخل حكومي بعد إغلاق مصنعين للألبسة في إربد"
    bar = "| عمّان - السبت 10/05/2025 | اتصل بنا \\| RSS \\| أرشيف الأعداد PDF \\| English \\| Français | | |"
    body = [PARA.format(city="إربد"), PARA.format(city="الرمثا")]
    assert trim_edges("\n".join([bar, "أخبار النقابات", title, *body]), title=title) == "\n".join(body)


def test_trim_edges_drops_a_moderation_notice_a_long_contact_label_and_a_bare_signature() -> None:
    body = [PARA.format(city="إربد"), PARA.format(city="الرمثا")]
    for tail in (
        ["للتواصل مع النقابة بشأن قضايا العاملين في القطاع: هاتف 02-7251144", "المرفقات:"],
        ["تخضع التعليقات لرقابة هيئة التحرير قبل نشرها، ويحتفظ الموقع بحق عدم نشر التعليقات المسيئة."],
        ["منية العرفاوي"],  # the writer's name alone under the text
    ):
        assert trim_edges("\n".join([*body, *tail])) == "\n".join(body), tail


def test_trim_edges_keeps_a_labelled_source_line_of_up_to_fourteen_words() -> None:
    """The credit rule's own limit (fourteen words) holds; the photo-credit limit (eight) is another constant."""
    body = [PARA.format(city="فاس"), PARA.format(city="مكناس")]
    credit = "المصدر: المندوبية السامية للتخطيط، البحث الوطني حول التشغيل، الفصل الثالث من سنة 2024."
    assert 8 < len(credit.split()) <= 14
    assert trim_edges("\n".join([*body, credit])) == "\n".join(body)


def test_links_to_the_previous_and_next_story_go() -> None:
    tree = _tree(
        f"<div><p>{PARA.format(city='الجيزة')}</p><table><tr><th class='pagenav_prev'><a href='/4818'>&lt; السابق</a>"
        "</th><td>&nbsp;</td><th class='pagenav_next'><a href='/4825'>التالي &gt;</a></th></tr></table></div>"
    )
    strip_boilerplate(tree)
    assert "السابق" not in tree.text_content() and "التالي" not in tree.text_content()


def test_trim_edges_takes_a_sign_off_above_a_bare_signature_and_a_series_note_above_the_text() -> None:
    body = [PARA.format(city="مارع"), PARA.format(city="اعزاز")]
    signoff = "مارع في 16 ذو القعدة 1446 هـ الموافق 14 أيار 2025"
    assert trim_edges("\n".join([*body, signoff, "المكتب الزراعي"])) == "\n".join(body)
    note = "هذه القصة جزء من سلسلة «نساء في زمن الحرب» التي تنشرها كنداكة بدعم من صندوق صغير للصحافة المستقلة."
    assert trim_edges("\n".join([note, *body])) == "\n".join(body)


def test_trim_edges_drops_a_helpline_set_between_two_paragraphs() -> None:
    first, second = PARA.format(city="إربد"), PARA.format(city="عمان")
    line = "لحجز موعد في عيادة القدم السكرية يرجى الاتصال على الرقم 065000140 أو عبر تطبيق الرحمة."
    assert trim_edges(f"{first}\n{line}\n{second}") == f"{first}\n{second}"


def test_a_paragraph_that_is_only_a_link_to_a_document_goes_a_sentence_linking_one_stays() -> None:
    sentence = f"ونشرت الوزارة <a href='/docs/qarar.pdf'>نص القرار</a> على موقعها، {PARA.format(city='نواذيبو')}"
    tree = _tree(
        f"<div><p>{PARA.format(city='نواكشوط')}</p><p><a href='/uploads/qarar-alhisas-2024.pdf'>تحميل قرار تحديد"
        f" الحصص لموسم الرخويات (PDF - 412 ك.ب)</a></p><p>{sentence}</p></div>"
    )
    strip_boilerplate(tree)
    assert "تحميل قرار" not in tree.text_content()
    assert "نص القرار" in tree.text_content() and "نواكشوط" in tree.text_content()


def test_trim_edges_drops_a_source_label_under_a_table_and_a_contact_label_with_a_number_inside_the_text() -> None:
    first, second = PARA.format(city="المنامة"), PARA.format(city="المحرق")
    for line in (
        "المصدر: إدارة تنفيذ الأحكام - وحدة الإحصاء القضائي",
        "للإبلاغ عن تسرب أو كسر في شبكة المياه: الرقم المجاني 117 أو واتساب المؤسسة 0944123117 على مدار الساعة.",
        "رقم الطوارئ في المرفأ: 09 540 112 (على مدار الساعة خلال العاصفة)",
        "هاتف الجمعية: 0522 44 18 90",
    ):
        assert trim_edges(f"{first}\n{line}\n{second}") == f"{first}\n{second}", line


def test_a_chapo_that_the_body_continues_is_the_first_paragraph_a_summary_above_a_dateline_is_not() -> None:
    """SPIP / PluXml "chapô": when the body's first paragraph opens with a connective ("وحسب …"), the chapô was the
    story's first paragraph; over a body that opens with its own lead (a dateline "وجدة – …" is a place, not
    a connective), it is a summary."""
    chapo = "<div class='art-chapo'><p>سجلت تعاونيات الاتحاد بإقليم تارودانت تراجعا حادا في كميات فاكية الأركان المجمعة.</p></div>"
    for opening, kept in (
        ("وحسب المعطيات التي جمعها مكتب الاتحاد", True),
        ("وجدة – انطلقت صباح اليوم الامتحانات", False),
    ):
        tree = _tree(
            f"<article><h2>تراجع محصول فاكية الأركان بإقليم تارودانت</h2>{chapo}<div class='art-content'>"
            f"<p>{opening}، {PARA.format(city='تارودانت')}</p></div></article>"
        )
        strip_boilerplate(tree, tree.find(".//h2"))
        assert ("سجلت تعاونيات" in tree.text_content()) is kept, opening


def test_trim_edges_ends_a_release_at_its_end_mark_and_drops_a_page_stamp() -> None:
    body = [PARA.format(city="المنامة"), PARA.format(city="الطائف")]
    boilerplate = [
        "-انتهى-",
        "نبذة عن طيران دلمون",
        "طيران دلمون هي الناقلة الوطنية لمملكة البحرين، تأسست عام 2019 وتتخذ من مطار البحرين الدولي مقرا لها وتسير رحلات إلى أكثر من ثلاثين وجهة.",
    ]
    assert trim_edges("\n".join([*body, *boilerplate])) == "\n".join(body)
    assert trim_edges("\n".join([*body, "آخر تعديل على الصفحة: 15/11/2024"])) == "\n".join(body)


def test_a_caption_classed_as_a_legend_beside_its_image_is_not_text() -> None:
    """Ametys and other French-made CMSs name the caption a legend: ``<div class='news-illustration'><img>
    <p class='news-illustration__legend'>…</p></div>``."""
    title = "انطلاق الدورة الثالثة من مسابقة الابتكار الجهوي"
    paras = [PARA.format(city=c) for c in ("صفاقس", "قابس", "المهدية")]
    page = f"""<html><head><title>{title}</title></head><body><h1>{title}</h1>
<div class="news-illustration"><img src="affiche.jpg" alt=""><p class="news-illustration__legend">ملصق الدورة الثالثة من مسابقة «ابتكر لجهتك»</p></div>
<div class="rich-text">{"".join(f"<p>{p}</p>" for p in paras)}</div></body></html>"""
    art = extract(RawPage(url="https://univ.example/ar/actualites/news-3.html", body=page.encode()))
    assert art.text.split("\n") == paras, art.text


def test_an_edit_stamp_a_back_link_and_a_press_office_signoff_after_the_text_are_not_text() -> None:
    """The story ends with the office's sign-off, then the page prints its edit stamp and a "back" link."""
    title = "وضع بئر جديدة في الخدمة بمدينة السلمية"
    paras = [PARA.format(city=c) for c in ("السلمية", "حماة", "محردة")]
    page = f"""<html><head><title>{title}</title></head><body><h1>{title}</h1><div class="post-long">
{"".join(f"<p>{p}</p>" for p in paras)}<p style="text-align: left;"><em>المكتب الصحفي - مياه حماة</em></p></div>
<p>آخر تعديل: 14.08.2024 الساعة 10:05</p><a href="/pages/news.php">رجوع</a></body></html>"""
    art = extract(RawPage(url="https://water.example/pages/posts/bir-salamiya.php", body=page.encode()))
    assert art.text.split("\n") == paras, art.text


def test_a_place_and_source_line_ending_with_a_colon_before_the_text_is_not_text() -> None:
    title = "ميناء الزيت يستقبل ناقلة محملة بالمازوت"
    paras = [PARA.format(city=c) for c in ("عدن", "لحج", "أبين")]
    page = f"""<html><head><title>{title}</title></head><body><h1>{title}</h1><div class="entry">
<p><strong>عدن - إدارة العلاقات العامة والإعلام:</strong></p>{"".join(f"<p>{p}</p>" for p in paras)}</div></body></html>"""
    art = extract(RawPage(url="https://refinery.example/news/post/tanker-arrives", body=page.encode()))
    assert art.text.split("\n") == paras, art.text


@pytest.mark.parametrize(
    "stamp", ["نُشر يوم الثلاثاء 12 نوفمبر 2024", "نشر في: 12/11/2024 - 10:30", "Publié le 12 novembre 2024"]
)
def test_a_labelled_date_stamp_under_the_headline_is_not_text(stamp: str) -> None:
    title = "انطلاق الدورة الثالثة من مسابقة الابتكار الجهوي"
    paras = [PARA.format(city=c) for c in ("صفاقس", "قابس", "المهدية")]
    page = f"""<html><head><title>{title}</title></head><body><h1>{title}</h1><p class="news-date">{stamp}</p>
<div class="rich-text">{"".join(f"<p>{p}</p>" for p in paras)}</div></body></html>"""
    art = extract(RawPage(url="https://univ.example/ar/actualites/news-3.html", body=page.encode()))
    assert art.text.split("\n") == paras, art.text


@pytest.mark.parametrize(
    "line",
    [
        "شركاء الندوة: المعهد الوطني للبحوث الزراعية – الديوان الوطني للزيت – مختبر الكيمياء الخضراء",
        "للاستفسار: قسم الساحات 0123456",
        "الجهة المنظمة: جمعية أصدقاء المدينة",
    ],
)
def test_a_labelled_line_that_is_no_sentence_after_the_text_is_not_text(line: str) -> None:
    """A short "label: value" line closing the page's text (partners, a contact, the organiser), not ending like a
    sentence; the story's last sentence may open with a label and ends with its full stop."""
    title = "صفاقس تحتضن ندوة دولية حول تثمين مخلفات المعاصر"
    paras = [PARA.format(city=c) for c in ("صفاقس", "قابس", "المهدية")]
    last = "وختم رئيس الجامعة: الندوة فرصة لتبادل الخبرات بين الباحثين والمهنيين."
    page = f"""<html><head><title>{title}</title></head><body><h1>{title}</h1><div class="rich-text">
{"".join(f"<p>{p}</p>" for p in paras)}<p>{last}</p><p class="x">{line}</p></div></body></html>"""
    art = extract(RawPage(url="https://univ.example/ar/actualites/news-9.html", body=page.encode()))
    assert art.text.split("\n") == [*paras, last], art.text


@pytest.mark.parametrize(
    "line",
    [
        "(أ ف ب، رويترز، الخدمة العربية)",
        "(وكالات)",
        "للاطلاع على المعطيات اللحظية للمحطة: صفحة المحطات",
        "لمزيد من المعلومات: موقع المديرية",
    ],
)
def test_a_bracketed_credit_or_a_call_to_read_more_after_the_text_is_not_text(line: str) -> None:
    title = "صيادو نواذيبو يطالبون بحماية الصيد التقليدي"
    paras = [PARA.format(city=c) for c in ("نواذيبو", "نواكشوط", "الزويرات")]
    page = f"""<html><head><title>{title}</title></head><body><h1>{title}</h1><div class="entry">
{"".join(f"<p>{p}</p>" for p in paras)}<p>{line}</p></div></body></html>"""
    art = extract(RawPage(url="https://radio.example/ar/news/2025/02/peche", body=page.encode()))
    assert art.text.split("\n") == paras, art.text


def test_a_link_to_a_document_on_a_line_of_its_own_in_br_soup_goes() -> None:
    soup = (
        f"{PARA.format(city='كركوك')}<br><br><b><a href='media/2/proceedings.pdf'>لتحميل كتاب وقائع المؤتمر (PDF - 6.2"
        f" ميغابايت) اضغط هنا</a></b><br><br>{PARA.format(city='أربيل')}<br><br>ونشرت الكلية <a href='/d/t.pdf'>التوصيات</a>"
        " على موقعها."
    )
    tree = _tree(f"<div class='itemtext'>{soup}</div>")
    strip_boilerplate(tree)
    assert "وقائع المؤتمر" not in tree.text_content()
    assert "كركوك" in tree.text_content() and "أربيل" in tree.text_content() and "التوصيات" in tree.text_content()


@pytest.mark.parametrize(
    "lines",
    [
        ["📩 هل تريد أن تصلك أخبار الدفعات الجديدة قبل طرحها في المتجر؟ اشترك في نشرتنا البريدية من أسفل الصفحة."],
        ["ادعم صندوق ترميم المدرجات: كل عبوة تشتريها من المتجر تساهم بدولار واحد في الصندوق"],
        ["عن المكتب النقابي للفرع", "رقم الهاتف الأخضر لمندوبي الوقاية: 3030 داخلي"],
        ["للاستفسار عن المرحلة الثانية من المشروع يمكن مراجعة مكتب التعاونية في الميناء يوميا من الثامنة صباحا."],
    ],
)
def test_a_subscription_call_an_appeal_and_an_about_box_after_the_text_are_not_text(lines: list[str]) -> None:
    body = [PARA.format(city=c) for c in ("مناخة", "صنعاء")]
    assert trim_edges("\n".join([*body, *lines])) == "\n".join(body)


def test_a_wikis_closing_sections_of_lists_go_a_subheading_over_paragraphs_stays() -> None:
    """MediaWiki sets "أخبار ذات صلة" and "المصادر" as <h2> with a list after each, flat among the story's
    paragraphs; a subheading followed by paragraphs is the story's."""
    paras = [PARA.format(city=c) for c in ("جادو", "نالوت", "يفرن")]
    body = (
        f"<p>{paras[0]}</p><h2><span class='mw-headline'>خلفية</span></h2><p>{paras[1]}</p><p>{paras[2]}</p>"
        "<h2><span class='mw-headline'>أخبار ذات صلة</span></h2><ul><li><a href='/wiki/a'>بلدية جادو تطلق سوقا أسبوعيا"
        "</a> (3 ديسمبر 2024)</li></ul><h2><span class='mw-headline'>المصادر</span></h2><ul><li>مكتب الزراعة ببلدية"
        " جادو، بيان صحفي، 14 يناير 2025</li></ul>"
    )
    tree = _tree(f"<div id='mw-content-text'>{body}</div>")
    strip_boilerplate(tree)
    text = _text(tree)
    assert "خلفية" in text and all(" ".join(p.split()) in text for p in paras)
    assert "المصادر" not in text and "مكتب الزراعة" not in text and "سوقا أسبوعيا" not in text


@pytest.mark.parametrize(
    "call",
    [
        "<blockquote class='tip'><p><strong>هل ترغب في حضور الورشة المقبلة؟</strong> سجّل اسمك لدى مكتب الجمعية"
        " أو تابع صفحتنا ليصلك الموعد.</p></blockquote>",
        "<p><em>هل أنت من سكان الحي؟ راسلنا بملاحظاتك حول الأشغال عبر البريد الإلكتروني للبلدية.</em></p>",
    ],
)
def test_a_call_to_the_reader_goes_wherever_it_sits_in_the_story(call: str) -> None:
    """A question put to the reader and what to do about it ("هل ترغب …؟ سجّل …") is the site speaking, not the
    story, also between two of its paragraphs."""
    paras = [PARA.format(city=c) for c in ("أزيلال", "بني ملال", "خنيفرة")]
    tree = _tree(f"<article><p>{paras[0]}</p><p>{paras[1]}</p>{call}<p>{paras[2]}</p></article>")
    strip_boilerplate(tree)
    text = _text(tree)
    assert all(" ".join(p.split()) in text for p in paras)
    assert "هل" not in text


def test_an_interview_question_answered_in_the_story_stays() -> None:
    qa = "<p>هل تريدون العودة إلى الملعب القديم؟ سجلنا أفضل نتائجنا هناك، قال المدرب، والجمهور يريد ذلك أيضا.</p>"
    paras = [PARA.format(city=c) for c in ("أزيلال", "بني ملال")]
    tree = _tree(f"<article><p>{paras[0]}</p>{qa}<p>{paras[1]}</p></article>")
    strip_boilerplate(tree)
    assert "هل تريدون العودة" in _text(tree)


def test_a_paragraph_that_is_only_a_link_is_no_story_text() -> None:
    """A form, a poll or another page linked as a paragraph of its own ("استمارة التسجيل في الدورة"); a link
    inside a sentence of the story stays."""
    paras = [PARA.format(city=c) for c in ("تمنراست", "عين صالح")]
    body = (
        f"<div class='post'><p>{paras[0]}</p><p>وكانت <a href='/n/1'>الولاية قد أعلنت</a> عن البرنامج الشهر الماضي"
        f" في بيان مفصل.</p><p><a href='/form/7'>استمارة التسجيل في الدورة التكوينية</a></p><p>{paras[1]}</p>"
        "<p><a href='/poll/3'>شارك في الاستطلاع: هل تنوي حضور الأيام المفتوحة؟</a></p></div>"
    )
    tree = _tree(body)
    strip_boilerplate(tree)
    text = _text(tree)
    assert "الولاية قد أعلنت" in text and all(" ".join(p.split()) in text for p in paras)
    assert "استمارة" not in text and "الاستطلاع" not in text


def test_an_advertisement_set_as_one_link_goes_with_its_label() -> None:
    paras = [PARA.format(city=c) for c in ("ورزازات", "زاكورة")]
    body = (
        f"<div class='content'><p>{paras[0]}</p><a href='https://sponsor.example/?utm_source=x'><div><p>إعلان</p></div>"
        f"<div><p>فندق الواحة: غرف عائلية بأسعار خاصة طيلة فصل الشتاء</p></div></a><p>{paras[1]}</p></div>"
    )
    tree = _tree(body)
    strip_boilerplate(tree)
    text = _text(tree)
    assert all(" ".join(p.split()) in text for p in paras)
    assert "فندق الواحة" not in text


def test_trim_edges_drops_a_dateline_with_a_latin_publication_stamp_above_the_text() -> None:
    body = [PARA.format(city=c) for c in ("ورزازات", "زاكورة")]
    text = "\n".join(["Ouarzazate — Publié le lundi 3 mars 2025", "بقلم: سعيد أوبلا", *body])
    assert trim_edges(text) == "\n".join(body)


@pytest.mark.parametrize(
    ("inset", "gone"),
    [
        # an advertisement in a drawn box, its label first
        (
            "<div style='border:1px solid #ccc;padding:4px'><span>إعلان</span><br><b>مصنع الأطلس للحليب</b> - حليب"
            " طازج كل صباح من مزارع المنطقة.</div>",
            "مصنع الأطلس",
        ),
        # a marketing tool's call-to-action button, inline wrappers around it
        (
            "<span class='cta-wrapper'><span class='cta-node'><a class='cta_button' href='https://cta.example/r/1'>"
            "اكتشف فرص الاستثمار في المنطقة الحرة</a></span></span>",
            "اكتشف فرص",
        ),
    ],
)
def test_an_ad_box_and_a_lone_button_between_the_storys_paragraphs_go(inset: str, gone: str) -> None:
    paras = [PARA.format(city=c) for c in ("بجاية", "سطيف")]
    tree = _tree(f"<div class='post-body'><p>{paras[0]}</p> {inset} <p>{paras[1]}</p></div>")
    strip_boilerplate(tree)
    text = _text(tree)
    assert all(" ".join(p.split()) in text for p in paras) and gone not in text


def test_a_call_to_give_or_volunteer_after_the_text_is_not_text() -> None:
    body = [PARA.format(city=c) for c in ("الجلفة", "الأغواط")]
    call = (
        "للتبرع بالكتب والأدوات المدرسية أو التطوع مع الجمعية في حملتها القادمة تواصلوا معنا عبر صفحتنا على فيسبوك،"
        " ولمتابعة أخبارنا اشتركوا في النشرة الشهرية."
    )
    assert trim_edges("\n".join([*body, call])) == "\n".join(body)


@pytest.mark.parametrize(
    "bar",
    [" طباعة الخبر  |    |  شارك على فيسبوك  |  واتساب", "اطبع المقال | أرسل لصديق | تويتر"],
)
def test_trim_edges_drops_a_print_and_share_bar_after_the_text(bar: str) -> None:
    body = [PARA.format(city=c) for c in ("كسلا", "القضارف")]
    assert trim_edges("\n".join([*body, bar])) == "\n".join(body)


@pytest.mark.parametrize(
    "line",
    [
        "اشترك في نشرة الدار البريدية ليصلك جديد الإصدارات أولاً بأول.",
        "للإعلان في موقع الاتحاد ونشرة الأسعار اتصل على: 0912-448817",
    ],
)
def test_trim_edges_drops_a_newsletter_call_and_an_advertise_with_us_line(line: str) -> None:
    body = [PARA.format(city=c) for c in ("الموصل", "أربيل")]
    assert trim_edges("\n".join([*body, line])) == "\n".join(body)


def test_a_photo_rights_notice_between_paragraphs_goes_a_sentence_on_the_law_stays() -> None:
    body = [PARA.format(city=c) for c in ("سبها", "أوباري")]
    notice = "الصور حصرية لوكالة الواحة للأنباء - يحظر إعادة نشرها دون ذكر المصدر"
    law = "وينص القانون الجديد على أنه يحظر نشر صور القاصرين في الموقع دون إذن أوليائهم."
    assert trim_edges("\n".join([body[0], notice, law, body[1]])) == "\n".join([body[0], law, body[1]])


def test_a_read_also_marker_named_by_its_class_still_takes_the_story_it_pulls_in() -> None:
    """A word processor's page, every block a paragraph: the marker's class says "read also", then the other
    story's linked title, its date, its byline and its paragraphs, in the same flow as the page's own."""
    own = [PARA.format(city=c) for c in ("نزوى", "بهلا")]
    other = [PARA.format(city=c) for c in ("صحار", "صور")]
    body = (
        "".join(f"<p class='MsoNormal'>{p}</p>" for p in own)
        + "<p class='readalso'><b>اقرأ أيضاً</b></p><p class='newstitle'><a href='k-0731.htm'>افتتاح مظلات جديدة"
        " لساحة الهبطة</a></p><p class='newsdate'>نُشر يوم الخميس 31 يوليو 2025</p><p class='MsoNormal'><b>إعداد:"
        " سالم الهنائي</b></p>" + "".join(f"<p class='MsoNormal'>{p}</p>" for p in other)
    )
    tree = _tree(f"<table><tr><td class='maincol'>{body}</td></tr></table>")
    strip_boilerplate(tree)
    text = _text(tree)
    assert all(" ".join(p.split()) in text for p in own)
    assert "صحار" not in text and "مظلات" not in text


@pytest.mark.parametrize(
    "lead",
    [
        ["نُشر يوم الجمعة ٢ جمادى الأولى ١٤٤٧هـ الموافق ٢٤ أكتوبر ٢٠٢٥م – بقلم: عائشة بنت ناصر"],
        ["بسكرة في: الثلاثاء 14 رجب 1446 هـ الموافق لـ 14 جانفي 2025 م"],
    ],
)
def test_trim_edges_drops_a_stamp_in_both_calendars_with_its_byline_and_a_dated_place_above_the_text(
    lead: list[str],
) -> None:
    body = [PARA.format(city=c) for c in ("نزوى", "بهلا")]
    assert trim_edges("\n".join([*lead, *body])) == "\n".join(body)


@pytest.mark.parametrize(
    "line",
    [
        "(صورة من درس العقد البحرية في اليوم الأخير للدورة)",
        "جناح الجمعية في المعرض - عدسة: سامر حداد",
        "ولتصلك أسعار كل سوق على هاتفك أرسل كلمة سوق إلى الرقم 90012.",
        "لتصلك نشرة الأسعار الشهرية أولاً بأول، اشترك في القائمة البريدية أسفل الصفحة.",
    ],
)
def test_a_caption_a_photo_credit_and_a_call_to_get_the_news_are_no_story_text_anywhere(line: str) -> None:
    body = [PARA.format(city=c) for c in ("حلب", "إدلب", "حماة")]
    assert trim_edges("\n".join([body[0], line, body[1], body[2]])) == "\n".join(body)


@pytest.mark.parametrize(
    "lead",
    [
        "| الرئيسية » المقالات » أخبار الجمعية » عنوان المقال | حسابي \\| سلة المشتريات \\| إتمام الشراء |",
        "أرسلت بواسطة المكتب الإعلامي في الأحد، 09 مارس 2025 @ 12:05:44 EET (402 قراءة)",
    ],
)
def test_trim_edges_drops_a_breadcrumb_row_and_a_posted_by_line_above_the_text(lead: str) -> None:
    body = [PARA.format(city=c) for c in ("صلالة", "مرباط")]
    assert trim_edges("\n".join([lead, *body])) == "\n".join(body)


@pytest.mark.parametrize(
    "tail",
    [
        "| Wednesday 10 December, 2025 | 2164583 طلب منذ Sunday 18 March, 2012 |",
        "هل أعجبك هذا المقال؟ اشترك في نشرتنا البريدية لتصلك أخبار المواسم والعروض أولاً بأول.",
    ],
)
def test_trim_edges_drops_a_shops_footer_row_and_a_did_you_like_it_call_after_the_text(tail: str) -> None:
    body = [PARA.format(city=c) for c in ("صلالة", "مرباط")]
    assert trim_edges("\n".join([*body, tail])) == "\n".join(body)


@pytest.mark.parametrize("heading", ["آراء الزوار", "ردود الزوار (2)", "آراؤكم"])
def test_visitors_comments_heading_after_the_story_ends_it_with_the_share_line_before_it(heading: str) -> None:
    story = "أعلنت الجمعية بدء موسم الرحلات البحرية اعتبارا من اليوم، بعد أن خضعت المراكب لفحوص السلامة السنوية."
    text = "\n".join(
        [story, story, "شارك الخبر: فيسبوك | تويتر | واتساب |", heading, "أبو خالد - الاثنين 15 سبتمبر 2025:",
         "رحلة رائعة العام الماضي، والدلافين كانت قريبة جدا من المركب."]
    )  # fmt: skip
    assert trim_edges(text) == f"{story}\n{story}"


def test_a_dated_byline_above_the_text_goes_whatever_numbers_its_time_adds() -> None:
    """A blog engine's post line: author, category, weekday, date and time (the numbers are no words of a sentence)."""
    story = [PARA.format(city="وادي رم"), PARA.format(city="العقبة")]
    for line in (
        "بقلم المكتب الإعلامي في المحمية والبيئة · الخميس 20 تشرين الثاني 2025، 01:30",
        "بقلم سليمان الزلابية في أخبار الجمعية · الأحد 12 تشرين الأول 2025 - 10:45:12",
    ):
        assert trim_edges("\n".join([line, *story])) == "\n".join(story), line


def test_a_static_site_generators_appendix_of_licence_and_citation_is_not_text() -> None:
    """Quarto and Distill close a post with an appendix: its reuse licence and a BibTeX citation."""
    appendix = (
        "<div id='quarto-appendix' class='default'><section class='quarto-appendix-contents' id='quarto-reuse'>"
        "<h2 class='anchored quarto-appendix-heading'>إعادة الاستخدام</h2><div><a rel='license' href='/cc'>CC BY 4.0</a>"
        "</div></section><section class='quarto-appendix-contents' id='quarto-citation'><h2 class='anchored "
        "quarto-appendix-heading'>الاستشهاد</h2><pre class='sourceCode quarto-appendix-bibtex'><code>@online{jnpe2025,\n"
        "  author = {الغامدي، عبدالله},\n  title = {حراس العرعر},\n}</code></pre></section></div>"
    )
    tree = _tree(f"<main><h1>حراس العرعر</h1><p>{PARA.format(city='الباحة')}</p>{appendix}</main>")
    strip_boilerplate(tree)
    text = _text(tree)
    assert "الباحة" in text and "الاستشهاد" not in text and "@online" not in text and "إعادة الاستخدام" not in text


def test_a_sound_clips_caption_is_not_text() -> None:
    """A recording set in the story (``<audio>``) with its italic caption under it: the caption names the clip."""
    title = "إطلاق أرشيف صوتي لحكايات كبار السن في البلدة"
    paras = [PARA.format(city=c) for c in ("زحلة", "جبيل", "صيدا")]
    page = f"""<html><head><title>{title}</title></head><body><h1>{title}</h1><div class="content">
<p>{paras[0]}</p><p>{paras[1]}</p><p><audio controls preload="none" src="/audio/hikaya-3.mp3">متصفحك لا يدعم الصوت</audio></p>
<p><em>مقطع من تسجيل حكاية الراعي بصوت أحد المعمّرين (دقيقتان)</em></p><p>{paras[2]}</p></div></body></html>"""
    art = extract(RawPage(url="https://halqa.example/posts/2025/arshif-sawti.html", body=page.encode()))
    assert art.text.split("\n") == paras, art.text


def test_a_layout_tables_side_column_beside_the_headlines_is_not_text() -> None:
    """A wiki skin's table layout: a left cell with the day, a menu, its headings, an ad and a newsletter form,
    beside the cell that holds the headline and the story; the side cell holds no paragraph of prose."""
    title = "المجلس ينظم يوما تضامنيا لجني الزيتون لفائدة العائلات المسنة"
    paras = [PARA.format(city=c) for c in ("تكرونة", "النفيضة", "سوسة")]
    side = (
        "<td id='wikileft' valign='top'><p class='sidehead'>اليوم</p><p>الأربعاء 11 فيفري 2026</p>"
        "<p class='sidehead'>القائمة</p><ul><li><a href='/'>الصفحة الرئيسية</a></li><li><a href='/n'>الأخبار</a></li>"
        "</ul><p class='sidehead'>آخر الأخبار</p><ul>"
        + "".join(
            f"<li><a href='/n/{i}'>{item}</a> <span class='sidedate'>الجمعة {i} فيفري 2026</span></li>"
            for i, item in enumerate(
                (
                    "برنامج السهرات الرمضانية بساحة القرية",
                    "ذكرى معركة تكرونة: المجلس يستقبل وفدا ويقترح مسارا للذاكرة على قمة الجبل",
                    "التقرير الأدبي والمالي لسنة 2025 متاح للاطلاع",
                    "افتتاح قاعة المطالعة بالمدرسة الابتدائية بعد تجديدها",
                ),
                start=2,
            )
        )
        + "</ul><div class='sidead'><p>إعلان</p><p>معصرة الهضبة: زيت زيتون بكر ممتاز من حقول القرية.</p></div>"
        "<p class='sidehead'>الرسالة الإخبارية</p><form action='/subscribe'><p>اشترك لتصلك أخبار القرية.</p>"
        "<input type='email' name='EMAIL'></form></td>"
    )
    body = f"<td id='wikibody' valign='top'><h1>{title}</h1>{''.join(f'<p>{p}</p>' for p in paras)}</td>"
    page = f"<html><head><title>{title}</title></head><body><table id='wikimid'><tr>{side}{body}</tr></table></body></html>"
    tree = fromstring(page)
    strip_boilerplate(tree, tree.find(".//h1"))
    text = _text(tree)
    assert "اليوم" not in text and "فيفري" not in text and "الرسالة الإخبارية" not in text
    assert all(city in text for city in ("تكرونة", "النفيضة", "سوسة"))
    art = extract(RawPage(url="https://village.example/pmwiki.php?n=Akhbar.JanyAlZaytoun", body=page.encode()))
    assert art.text.split("\n") == paras, art.text


def test_a_wikis_trail_a_comment_policy_a_site_signature_and_a_copyright_line_after_the_story_go() -> None:
    story = [PARA.format(city=c) for c in ("تكرونة", "النفيضة")]
    after = [
        "<< التقرير الأدبي والمالي لسنة 2025 متاح للاطلاع | كل الأخبار | برنامج السهرات الرمضانية بساحة القرية >>",
        "التعليقات تنشر فورا، ويحتفظ المجلس بحق حذف كل تعليق مسيء.",
        "مجلس قرية تكرونة — جمعية تنموية مؤشر عليها بالرائد الرسمي سنة 2012 — تكرونة، معتمدية النفيضة، ولاية سوسة",
        "© 2012-2026 · يعمل الموقع بنظام PmWiki",
    ]
    assert trim_edges("\n".join(story + after), "مجلس قرية تكرونة") == "\n".join(story)
    # the name may come from the page's logo or og:site_name when trafilatura's site name is the host
    assert trim_edges("\n".join(story + after), "takrouna.example", None, ["مجلس قرية تكرونة"]) == "\n".join(story)
    # a story's last sentence that names the institution stays
    closing = "مجلس قرية تكرونة يدعو الأهالي إلى المشاركة في اليوم التضامني القادم بساحة القرية."
    assert trim_edges("\n".join([*story, closing]), "مجلس قرية تكرونة") == "\n".join([*story, closing])


@pytest.mark.parametrize(
    "line",
    [
        "لمتابعة التحديثات فعّل خيار «مراقبة الموضوع» من أعلى الصفحة.",  # the page's own controls
        "شكر خاص: مديرية الزراعة في المحافظة",  # an acknowledgement's label
    ],
)
def test_a_pointer_to_the_pages_controls_and_an_acknowledgement_after_the_story_go(line: str) -> None:
    story = [PARA.format(city=c) for c in ("الشوبك", "معان")]
    assert trim_edges("\n".join([*story, line])) == "\n".join(story)


@pytest.mark.parametrize(
    "line",
    [
        "[المصدر: لجنة الإعلام في جمعية مياه البلدة الأهلية]",  # a credit in brackets
        "تم تعديل المقال مرة واحدة، آخر تعديل بواسطة مريم سالم: 16 أبريل 2026، 11:00",  # the CMS's edit note
        "لتسجيل نخلة في السجل املأ النموذج في قسم الأصناف أو اتصل بفريق المشروع.",  # a call to register
    ],
)
def test_a_bracketed_credit_and_an_edit_note_after_the_story_go(line: str) -> None:
    story = [PARA.format(city=c) for c in ("جبلة", "إب")]
    assert trim_edges("\n".join([*story, line])) == "\n".join(story)


def test_a_quoted_forum_post_in_the_story_is_not_text() -> None:
    """A board's quote box ("<name> كتب:" over the quoted words) repeats another member's post."""
    cities = ("جبلة", "إب", "تعز", "ذمار", "المخا")
    paras = [f"<p>{PARA.format(city=c)}</p>" for c in cities]
    quote = "<blockquote><div class='incqbox'><h4>ابو فارس كتب:</h4><p>يا شباب متى نتحرك؟</p></div></blockquote>"
    tree = _tree(f"<article><h1>عنوان</h1><div class='postmsg'>{paras[0]}{quote}{''.join(paras[1:])}</div></article>")
    strip_boilerplate(tree)
    text = _text(tree)
    assert "كتب:" not in text and "نتحرك" not in text
    assert all(city in text for city in cities)


def test_a_comments_heading_set_flat_after_the_story_takes_the_comments_after_it() -> None:
    """A wiki's page: the story's paragraphs, then "== تعليقات ==" as an ``<h2>`` among them and the readers'
    comments as paragraphs of the same markup, signed "-- <name> <date>", then the comment form. The story's
    subheading stays with what it heads; a comments heading with no story before it is not this."""
    own = "".join(f'<p class="line874">{PARA.format(city=c)}</p>' for c in ("عجلون", "جرش"))
    comments = (
        '<p class="line874">الله يجزيكم الخير، شتلات السنة الماضية عندنا في راسون كلها حية ونتمنى تكرار المبادرة. -- '
        '<a href="/AbuKhaled">أبو خالد</a> <span class="u">2025-12-21 09:30:12</span></p><hr>'
        '<p class="line874">ممكن نسجل مدرسة عنجرة للدفعة الثانية من الشتلات؟ -- <a href="/Mona">منى</a> '
        '<span class="u">2025-12-23 13:02:55</span></p><div class="addcommentform"><form><textarea></textarea>'
        "</form></div>"
    )
    tree = _tree(
        f'<div id="content"><h1>الجمعية توزع ألف شتلة</h1>{own}<h2>خطة الموسم المقبل</h2>{own}'
        f"<h2>تعليقات</h2>{comments}</div>"
    )
    strip_boilerplate(tree)
    text = _text(tree)
    assert "خطة الموسم المقبل" in text and PARA.format(city="جرش") in text
    assert "شتلات السنة الماضية" not in text and "مدرسة عنجرة" not in text
    alone = _tree(f'<div id="box"><h2>التعليقات</h2><p class="c">{PARA.format(city="فاس")}</p></div>')
    strip_boilerplate(alone)
    assert PARA.format(city="فاس") in _text(alone)


def test_trim_edges_drops_a_latin_label_above_an_arabic_story() -> None:
    """A digital archive prints its metadata schema's name ("Dublin Core") and field labels above the story's text."""
    body = [PARA.format(city="تدمر"), PARA.format(city="حمص")]
    assert trim_edges("\n".join(["Dublin Core", "الموضوع", "الوصف", *body])) == "\n".join(body)


@pytest.mark.parametrize(
    "sentence",
    [
        "شارك أكثر من ثلاثمئة متطوع في الحملة التي نظمتها الجمعية على شاطئ الميناء القديم صباح الأربعاء.",
        "لمواجهة الأزمة تابع الوزير اجتماعاته مع ممثلي المزارعين، واتفق معهم على جدول لتوزيع المياه.",
        "للمرة الأولى منذ سنوات سجل المنتخب فوزه خارج أرضه، وقال مدربه إن ذلك ثمرة عمل طويل.",
        "للتذكير: تأسست الجمعية سنة 2009 وتضم اليوم سبعة وأربعين حرفيا من أبناء المدينة.",
        "للعام الثاني على التوالي: بلغت صادرات الميناء 2500000 طن، بزيادة عشرة في المائة عن العام الماضي.",
    ],
)
def test_trim_edges_keeps_a_closing_sentence_that_reads_like_a_call(sentence: str) -> None:
    body = [PARA.format(city="المخا"), PARA.format(city="عدن"), sentence]
    assert trim_edges("\n".join(body)) == "\n".join(body)


def test_a_block_opened_by_a_comments_heading_goes_whole() -> None:
    """The readers' comments in a block of their own after the story, opened by "التعليقات (3)", each comment a list
    item with its name, date and paragraph: the block goes, the story stays."""
    story = "".join(f"<p>{PARA.format(city=c)}</p>" for c in ("روصو", "كرمسين"))
    comments = (
        '<div class="taaliqat"><h3>التعليقات (3)</h3><ul><li><span class="tname">سيدي</span> <span class="tdate">'
        "12-12-2025 15:20</span><p>نفس المشكل عندنا في انجاكو، الطيور أكلت نصف الحقل هذا الموسم.</p></li></ul></div>"
    )
    tree = _tree(
        f'<div class="khabar"><h1>مزارعو السهل يواجهون أسراب الطيور</h1><div class="nass">{story}</div></div>{comments}'
    )
    strip_boilerplate(tree)
    text = _text(tree)
    assert PARA.format(city="كرمسين") in text and "نفس المشكل عندنا" not in text


def test_a_labelled_caption_that_ends_with_its_photographer_goes_wherever_it_stands() -> None:
    """ "صورة: <what it shows> (عدسة: <photographer>)" between two paragraphs: a photo's caption, however long."""
    from crawler.processing.boilerplate import drop_photo_credits

    first, second = PARA.format(city="بيت جالا"), PARA.format(city="بيت لحم")
    caption = "صورة: مزارعة تقطف المشمش في أحد كروم المخرور (عدسة: جريس زرينة)"
    assert drop_photo_credits(f"{first}\n{caption}\n{second}") == f"{first}\n{second}"
    said = "صورة المدينة تغيرت كثيرا في السنوات الأخيرة كما يقول السكان (بحسب تقرير البلدية)."
    assert drop_photo_credits(f"{first}\n{said}\n{second}") == f"{first}\n{said}\n{second}"


def test_an_adsense_box_between_paragraphs_goes_with_its_label_and_its_line() -> None:
    """ "<div class='adsense-box'><span class='ad-label'>إعلان</span><p>مخبز …: كعك … يومياً</p></div>": Google's ad
    product names the box; its line is the advertiser's, not the story's."""
    first, second = PARA.format(city="الكرك"), PARA.format(city="مؤتة")
    tree = _tree(
        f"<div class='entry-content'><p>{first}</p><div class='adsense-box'><span class='ad-label'>إعلان</span>"
        f"<p>مخبز الحي القديم: كعك وحلويات كركية طازجة يومياً</p></div><p>{second}</p></div>"
    )
    strip_boilerplate(tree)
    assert "مخبز الحي القديم" not in _text(tree) and second in _text(tree)


def test_a_wikis_loose_paragraphs_stay_apart_around_a_read_also_line_and_its_comments_go() -> None:
    """Foswiki's topic text: paragraphs are loose text between empty ``<p></p>``; a bold "اقرأ أيضا:" and its link
    stand among them, then "التعليقات" as an ``<h2>`` and comments signed "-- <user> - <date>". The read-also line
    goes and the paragraphs after it stay paragraphs (its box ends where the story's text resumes); the comments
    go."""
    paras = [PARA.format(city=c) for c in ("صبراتة", "الزاوية", "زوارة", "العجيلات")]
    topic = (
        f"{paras[0]}\n<p></p>\n{paras[1]}\n<p></p>\n<strong>اقرأ أيضا:</strong> "
        "<a href='/bin/view/Akhbar/Qaima'>قائمة المواضع العاجلة: الجمعية تنشر تقرير الحالة الكاملة</a>\n<p></p>\n"
        f"{paras[2]}\n<p></p>\n{paras[3]}\n<p></p>\n<h2><a name='A_2'></a> التعليقات </h2>\n"
        "بارك الله فيكم يا شباب، هذا هو العمل الحقيقي.<br />\n-- <a href='/bin/view/Main/Faraj'>Faraj</a> - 03 Nov 2025"
        "\n<p></p>\n"
    )
    page = (
        "<html><head><meta charset='utf-8'><title>TandifMudarrajat &lt; Akhbar &lt; الموقع</title></head><body>"
        f"<div class='foswikiTopic'><h1>متطوعون ينهون تنظيف مدرجات المسرح الروماني</h1>{topic}</div></body></html>"
    )
    art = extract(RawPage(url="https://wiki.example/bin/view/Akhbar/TandifMudarrajat", body=page.encode()))
    assert art.text.split("\n") == paras


@pytest.mark.parametrize(
    "line",
    [
        "برنامج المهرجان: من ١٢ إلى ١٥ نوفمبر، من العاشرة صباحاً حتى الثامنة مساءً، والدخول مجاني.",
        "مواعيد الورشة: يومياً من الثامنة والنصف حتى العاشرة والنصف مساءً، والتسجيل مجاني.",
        "ساعات الاستلام: 7:30 - 14:00 من الأحد إلى الخميس",
    ],
)
def test_a_schedules_line_of_practical_information_is_no_story_text_anywhere(line: str) -> None:
    """Opening hours or a programme's times, labelled, set as a paragraph of their own among the story's."""
    body = [PARA.format(city=c) for c in ("الفيوم", "أسوان", "قنا")]
    assert trim_edges("\n".join([body[0], line, body[1], body[2]])) == "\n".join(body)


@pytest.mark.parametrize(
    "line",
    [
        "إعلان: مطعم المرسى - سمك طازج يوميا على الكورنيش",
        "إشهار : وكالة الأطلس للأسفار، عروض خاصة لموسم الصيف",
        "Publicité : Hôtel Andalous, à deux pas de la médina",
    ],
)
def test_an_advertisements_labelled_line_is_no_story_text_anywhere(line: str) -> None:
    """An ad set as a paragraph of its own among the story's, under its label and a colon: no sentence of the story."""
    body = [PARA.format(city=c) for c in ("الفيوم", "أسوان", "قنا")]
    assert trim_edges("\n".join([body[0], line, body[1], body[2]])) == "\n".join(body)


def test_an_inline_ad_label_takes_the_rest_of_its_line_in_a_br_soup() -> None:
    """A forum post's text is one block with ``<br>`` between paragraphs; a coloured, bold "إعلان:" opens a line whose
    rest is the ad. The whole line goes, the paragraphs around it stay."""
    paras = [PARA.format(city=c) for c in ("بنزرت", "غار الملح", "رفراف")]
    post = (
        f"{paras[0]}<br /><br /><span style='color:#990000'><strong>إعلان:</strong></span> مطعم المرسى - سمك طازج "
        f"يوميا من مراكب الميناء، الحجز على 72 447 310<br /><br />{paras[1]}<br /><br />{paras[2]}"
    )
    tree = _tree(f"<div class='postbody'><div class='content'>{post}</div></div>")
    strip_boilerplate(tree)
    assert "مطعم المرسى" not in _text(tree) and "إعلان" not in _text(tree)
    assert all(p in _text(tree) for p in paras)


def test_an_ad_label_inside_a_sentence_leaves_the_sentence() -> None:
    """The label's word inside a line of the story (not opening it, no colon) is not an ad's label."""
    line = "وجاء في <strong>إعلان</strong> الجمعية أن التسجيل مفتوح حتى نهاية الشهر الجاري لكل المتطوعين."
    paras = [PARA.format(city=c) for c in ("بنزرت", "غار الملح")]
    tree = _tree(f"<div class='content'>{paras[0]}<br /><br />{line}<br /><br />{paras[1]}</div>")
    strip_boilerplate(tree)
    assert "أن التسجيل مفتوح حتى نهاية الشهر" in _text(tree)


def test_a_sentence_that_opens_with_the_word_announcement_stays() -> None:
    """ "إعلان" opening a sentence of the story (the announcement it reports) is the story's."""
    body = [PARA.format(city=c) for c in ("الفيوم", "أسوان")]
    line = "إعلان الوزارة عن المشروع جاء بعد سنتين من الدراسات الميدانية في القرى المعنية."
    assert trim_edges("\n".join([body[0], line, body[1]])) == "\n".join([body[0], line, body[1]])


def test_a_programme_described_in_a_sentence_stays() -> None:
    """A label over the story's own sentence (no time of day) is the story's."""
    body = [PARA.format(city=c) for c in ("الفيوم", "أسوان")]
    line = "برنامج الزيارة: يتضمن لقاءات مع ممثلي الجمعيات المحلية وجولة في ورش القرية."
    assert trim_edges("\n".join([body[0], line, body[1]])) == "\n".join([body[0], line, body[1]])


def test_a_mailing_lists_label_over_what_to_send_after_the_text_is_not_text() -> None:
    body = [PARA.format(city=c) for c in ("الفيوم", "أسوان")]
    line = "القائمة البريدية: أرسل كلمة «اشتراك» على واتساب الجمعية لتصلك مواعيد الورش والمعارض."
    assert trim_edges("\n".join([*body, line])) == "\n".join(body)


@pytest.mark.parametrize("heading", ["من سجل الزوار", "دفتر الزوار", "Guestbook", "Livre d'or"])
def test_a_guestbooks_heading_opens_the_readers_section(heading: str) -> None:
    from crawler.processing.comments import is_comments_heading

    assert is_comments_heading(heading)
    assert not is_comments_heading("سجل الزوار يتضاعف في فصل الصيف")  # a sentence about the visitors' book


def test_a_guestbook_box_named_by_its_class_goes() -> None:
    """A static site's guestbook excerpts (signed, dated messages) in a box whose class names it, no heading."""
    story = "".join(f"<p>{PARA.format(city=c)}</p>" for c in ("أزيلال", "بني ملال", "دمنات"))
    guestbook = (
        "<div class='guestbook'><p>زرنا الشلالات يوم الأحد وكانت النفايات فعلا في كل مكان، شكرا على المبادرة والتنظيم "
        "الجيد لهذا اليوم.</p></div>"
    )
    tree = _tree(f"<div class='article'>{story}</div>{guestbook}")
    strip_boilerplate(tree)
    assert "زرنا الشلالات" not in _text(tree) and "أزيلال" in _text(tree)


def test_a_call_to_take_part_with_a_number_to_call_after_the_text_is_not_text() -> None:
    body = [PARA.format(city=c) for c in ("أزيلال", "دمنات")]
    line = "للمشاركة في يوم النظافة، يرجى التسجيل عبر الهاتف 0661 22 84 30 أو في مقر الجمعية."
    assert trim_edges("\n".join([*body, line])) == "\n".join(body)


@pytest.mark.parametrize(
    "stamp", ["حرر بمولاي إدريس زرهون في 03-06-2025 - المكتب المسير", "حُرر بالرباط في 12 مارس 2025"]
)
def test_a_statements_closing_place_and_date_stamp_is_not_text(stamp: str) -> None:
    """A Maghrebi statement closes with where and when it was drawn up ("حرر ب… في …"), then its signatory."""
    body = [PARA.format(city=c) for c in ("زرهون", "مكناس")]
    assert trim_edges("\n".join([*body, stamp])) == "\n".join(body)
