"""What lies outside the block that holds the headline and nearly all of the page's prose is furniture."""

from __future__ import annotations

from lxml.html import fromstring

from crawler.processing.storyscope import drop_outside_story, story_scope

PARAS = [
    "اختتمت في ميناء السدرة النفطي، اليوم الثلاثاء، دورة تدريبية متخصصة لمرشدي السفن وضباط غرفة العمليات حول"
    " أنظمة الملاحة الإلكترونية الحديثة، شارك فيها ثمانية عشر متدربا من الموانئ الثلاثة.",
    "واستمرت الدورة أسبوعين، وتضمنت تدريبات عملية على جهاز محاكاة لإرشاد الناقلات الكبيرة إلى المراسي العائمة"
    " في ظروف الرياح والتيارات المختلفة، إضافة إلى محاضرات حول نظام التعرف الآلي على السفن.",
    "من جانبه، أكد مدير الميناء أن الشركة تخطط لتنظيم دورتين مماثلتين قبل نهاية السنة، بعد تسلم جهاز المحاكاة"
    " الجديد الذي ركب في مركز التدريب بالميناء مطلع الشهر الماضي.",
]
TITLE = "اختتام دورة لمرشدي السفن في ميناء السدرة"
SCHEDULE = (
    "<div class='t-rec' data-record-type='431'><div class='t-title'>جدول الناقلات المتوقعة</div><table>"
    "<tr><th>الناقلة</th><th>الميناء</th><th>الموعد</th></tr><tr><td>Olympic Grace</td><td>السدرة</td>"
    "<td>24.07.2025</td></tr><tr><td>Kriti Bay</td><td>البريقة</td><td>26.07.2025</td></tr></table></div>"
)


def _records(after: str) -> str:
    post = "".join(f"<div class='t-redactor__text'>{p}</div>" for p in PARAS)
    return (
        f"<div id='allrecords'><div class='t-rec'><div class='post'><h1>{TITLE}</h1><div id='feed-text'>{post}</div>"
        f"</div></div>{after}</div>"
    )


def test_a_widget_record_after_the_story_goes_and_the_story_stays() -> None:
    tree = fromstring(f"<html><body>{_records(SCHEDULE)}</body></html>")
    headline = tree.find(".//h1")
    assert story_scope(tree, headline) is not None
    assert drop_outside_story(tree, headline) == 1
    assert "Olympic Grace" not in tree.text_content()
    assert all(p in tree.text_content() for p in PARAS) and TITLE in tree.text_content()


def test_nothing_goes_when_prose_outside_the_headlines_block_is_more_than_a_tenth() -> None:
    comments = "".join(f"<div class='comment'><p>{p}</p></div>" for p in PARAS[:2])  # readers' long comments
    tree = fromstring(f"<html><body>{_records(SCHEDULE + comments)}</body></html>")
    assert drop_outside_story(tree, tree.find(".//h1")) == 0
    assert "Olympic Grace" in tree.text_content()


def test_no_headline_no_change() -> None:
    tree = fromstring(f"<html><body>{_records(SCHEDULE)}</body></html>")
    assert drop_outside_story(tree, None) == 0


def test_portlets_of_notices_beside_the_story_go_a_story_continued_in_a_sibling_block_stays() -> None:
    """A portal page: the story's portlet holds three quarters of the prose, court notices stand in other
    portlets (another kind of paragraph). Where the prose outside is set like the story's own (a body split
    around an ad), the scope is not the story's and nothing goes."""
    notice = (
        "<div class='portlet'><p class='notice'>تعلن المحكمة المدعى عليه المقيم خارج المملكة بالحضور في الجلسة المحددة"
        " يوم الخميس في الدعوى المرفوعة ضده، وإلا نظرت الدعوى في غيابه.</p></div>"
    )
    story = "".join(f"<span>{p}</span><br><br>" for p in PARAS)
    page = f"<div class='portlet'><h1 class='title'>{TITLE}</h1><div class='body'>{story}</div></div>{notice}"
    tree = fromstring(f"<html><body><div class='column'>{page}</div></body></html>")
    assert drop_outside_story(tree, tree.find(".//h1")) == 1
    assert "تعلن المحكمة" not in tree.text_content()
    split = (
        f"<div class='part'><h1>{TITLE}</h1><p>{PARAS[0]}</p><p>{PARAS[1]}</p><p>{PARAS[2]}</p></div>"
        f"<div class='ad'></div><div class='rest'><p>{PARAS[2][:100]}</p></div>"  # a tenth of the prose, set alike
    )
    tree = fromstring(f"<html><body><div class='column'>{split}</div></body></html>")
    assert drop_outside_story(tree, tree.find(".//h1")) == 0


def test_a_sidebar_sentence_set_in_the_storys_own_text_style_does_not_hold_the_scope_open() -> None:
    """Google Sites sets every text box alike: a sidebar's one long line and the footer's address share the story's
    tag and class, but a line is no continuation of the story's paragraphs."""
    box = "<div class='tyJCtd'><p class='zfr3Q'><span class='C9DxTc'>{}</span></p></div>"
    story = "".join(box.format(p) for p in PARAS * 2)
    side = box.format("تابعوا صفحة المركز على فيسبوك للاطلاع على مواعيد الحملات والأيام المفتوحة وكل جديد المصالح")
    page = (
        f"<html><body><div class='row'><div class='main'>{box.format('<h2>' + TITLE + '</h2>')}{story}</div>"
        f"<div class='side'>{side}</div></div></body></html>"
    )
    tree = fromstring(page)
    drop_outside_story(tree, tree.find(".//h2"))
    assert "تابعوا صفحة المركز" not in tree.text_content()
    assert all(p in tree.text_content() for p in PARAS)


def test_a_summary_in_another_language_is_not_the_storys_prose() -> None:
    """An Arabic story on a builder's page, then a French summary in its own section: counted as prose, the summary
    makes the page's whole main column the story's scope; in the headline's script only, the story's section is."""
    story = "".join(f"<p>{p}</p>" for p in PARAS)
    french = (
        "<p>Résumé en français : la formation des pilotes de navires s'est achevée mardi au port d'Es-Sidra, avec dix-huit"
        " stagiaires venus des trois ports du golfe, sur simulateur et en salle, pendant deux semaines complètes.</p>"
        "<p>La compagnie prévoit deux autres sessions avant la fin de l'année, après la livraison du nouveau simulateur"
        " installé dans le centre de formation du port au début du mois dernier.</p>"
    )
    page = (
        f"<html><body><div class='main'><section class='s1'><h2>{TITLE}</h2>{story}</section>"
        f"<section class='s2'><h3>Résumé en français</h3>{french}</section></div></body></html>"
    )
    tree = fromstring(page)
    drop_outside_story(tree, tree.find(".//h2"))
    assert "Résumé" not in tree.text_content() and all(p in tree.text_content() for p in PARAS)


def _frame(frame_id: str, left: int, top: int, width: int, height: int, inner: str) -> str:
    style = f"position:absolute;left:{left}px;top:{top}px;width:{width}px;height:{height}px;overflow:hidden;"
    return f"<div id='{frame_id}' style='{style}'>{inner}</div>"


def test_a_frame_layouts_story_is_the_column_from_the_headline_to_the_texts_end() -> None:
    """A desktop site builder (Serif WebPlus, iWeb) sets every text in an absolutely placed frame and writes the
    frames in z-order: the story's text frame before its headline frame, the sidebar and the footer among them. The
    story is what its column shows from the headline's top to the text's bottom; the other frames go."""
    story = "".join(f"<p class='Wp-Body-P'><span class='Body-C'>{p}</span></p>" for p in PARAS * 2)
    sidebar = "".join(
        f"<p class='Wp-Body-P'>خبر سابق رقم {i} عن أنشطة الجمعية في المدينة (16/09/2024)</p>" for i in range(4)
    )
    footer = (
        "<p class='Wp-Body-P'>المقر: دار الشباب، حي خيبر، مولاي إدريس زرهون - عمالة مكناس - الهاتف: 05 35 54 41 27</p>"
    )
    comments = (
        "<h2>من سجل الزوار</h2><p class='Wp-Body-P'>بارك الله فيكم على حسن الاستقبال والتنظيم، ننصح كل الأسر بزيارة"
        " المدينة والتعرف على أهلها الكرام في المواسم كلها.</p>"
    )
    frames = (
        _frame("txt_1", 240, 36, 560, 96, "<p>جمعية ضيافة زوار مولاي إدريس زرهون</p>")
        + _frame("txt_20", 20, 330, 230, 400, f"<h2>أخبار سابقة</h2>{sidebar}")
        + _frame("txt_31", 270, 330, 670, 900, story)
        + _frame("txt_32", 270, 262, 670, 66, f"<p>الثلاثاء 15 أكتوبر 2024</p><h1>{TITLE}</h1>")
        + _frame("txt_60", 270, 1250, 670, 300, comments)
        + _frame("txt_90", 0, 1600, 960, 120, footer)
    )
    tree = fromstring(f"<html><body><div style='position:relative;width:960px'>{frames}</div></body></html>")
    headline = tree.find(".//h1")
    drop_outside_story(tree, headline)
    text = tree.text_content()
    assert all(p in text for p in PARAS) and TITLE in text and "15 أكتوبر" in text
    assert "خبر سابق" not in text and "بارك الله" not in text and "دار الشباب" not in text and "جمعية ضيافة" not in text


def test_frames_of_a_flowing_page_are_left_alone() -> None:
    """Without absolute placement the frames' order is the reading order: nothing is taken for a frame layout."""
    story = "".join(f"<p>{p}</p>" for p in PARAS)
    side = "<div><p>خبر سابق عن أنشطة الجمعية في المدينة والحي والمنطقة وما جاورها من القرى والدواوير</p></div>"
    tree = fromstring(f"<html><body><div><div>{story}</div><div><h1>{TITLE}</h1></div>{side}</div></body></html>")
    before = tree.text_content()
    drop_outside_story(tree, tree.find(".//h1"))
    assert tree.text_content() == before
