"""Paragraphs written as <br><br> become <p> elements in the story's block, and only there."""

from __future__ import annotations

from lxml.html import fromstring, tostring

from crawler.items import RawPage
from crawler.processing.extract import extract
from crawler.processing.paragraphs import mark_paragraphs, name_paragraph_divs, split_br_paragraphs, wrap_loose_text

PARAS = [
    "طالبت النقابة العامة للعاملين في الغزل والنسيج الحكومة بالتدخل العاجل لحماية حقوق نحو تسعمئة عامل وعاملة فقدوا"
    " وظائفهم إثر إغلاق مصنعين للألبسة في مدينة الحسن الصناعية بإربد خلال الأسبوعين الماضيين.",
    "وقالت النقابة في مذكرة سلمتها إلى وزير العمل إن إدارتي المصنعين أبلغتا العمال بقرار الإغلاق قبل أيام قليلة من"
    " تنفيذه، دون صرف رواتب شهر نيسان أو مستحقات نهاية الخدمة.",
    "ودعت المذكرة إلى إنشاء صندوق لضمان حقوق العمال في حالات الإغلاق المفاجئ، يموَّل من رسوم رمزية على المنشآت"
    " الصناعية، وإلى إعادة تأهيل العاملين المتضررين وإلحاقهم بمصانع أخرى.",
]


def test_runs_between_double_line_breaks_become_paragraphs_blocks_stay_and_no_text_changes() -> None:
    story = (
        f"<div id='story'>{PARAS[0]} <b>عاجل</b><br><br>\n<font>{PARAS[1]}</font> ذيل<br>سطر ثان<br> <br><br>"
        f"{PARAS[2]}<table><tr><td>جدول</td></tr></table>بعد الجدول<br><br></div>"
    )
    tree = fromstring(f"<html><body><div>{story}</div><div id='side'>قائمة<br><br>روابط</div></body></html>")
    before = "".join(tree.text_content().split())  # blocks join without a space: compare the letters
    assert split_br_paragraphs(tree) == 1
    assert "".join(tree.text_content().split()) == before
    block = tree.get_element_by_id("story")
    assert [child.tag for child in block] == ["p", "p", "p", "table", "p"]
    assert block[1].find("br") is not None  # a single line break stays inside its paragraph
    assert tree.get_element_by_id("side").find("p") is None  # a block with little text is left as it was


def test_a_paragraph_holding_paragraphs_becomes_a_block() -> None:
    tree = fromstring(f"<html><body><p>{PARAS[0]}<br><br>{PARAS[1]}<br><br>{PARAS[2]}</p></body></html>")
    split_br_paragraphs(tree)
    assert b"<div><p>" in tostring(tree)


def test_a_page_wide_form_of_tables_and_font_runs_yields_the_story_only() -> None:
    """One <form> holds the page (a Notes/Domino site): a top bar table, the menu, then the story as <font> runs
    between <br><br> in the main cell, with related links and a comment form after it."""
    runs = "<br>\n<br>\n".join(f'<font size="3">{p}</font>' for p in PARAS)
    page = f"""<html><head><meta charset="utf-8"><title>مذكرة النقابة - صوت النقابات</title></head><body>
<form name="_NewsDoc"><table width="100%"><tr><td><font size="1">عمّان - السبت 10/05/2025</font></td>
<td><font size="1"><a href="/c">اتصل بنا</a> | <a href="/r">RSS</a> | <a href="/p">أرشيف الأعداد PDF</a> |
<a href="/e">English</a></font></td></tr></table>
<table><tr><td><a href="/">الرئيسية</a></td><td><a href="/n">أخبار النقابات</a></td></tr></table>
<table><tr><td valign="top"><font size="1"><a href="/">الرئيسية</a> &gt; <a href="/n">أخبار النقابات</a></font><br><br>
<font size="5"><b>مذكرة النقابة</b></font><br><font size="2">كتب: خالد المومني</font><br>
<font size="2">الثلاثاء 6 أيار/مايو 2025</font><hr>{runs}<br>\n<br>
<font size="2"><b>أخبار ذات صلة:</b></font><ul><li><a href="/a">إغلاق مصنع للألبسة في الضليل</a></li></ul>
<font size="2"><b>أضف تعليقك</b></font><br><input name="c"></td></tr></table></form></body></html>"""
    art = extract(RawPage(url="https://sawt.example/web/sawt.nsf/0/5D20?OpenDocument", body=page.encode()))
    assert art.text.split("\n") == PARAS, art.text


def test_text_left_after_an_image_box_among_paragraphs_becomes_one() -> None:
    """``<p><div class=mosimage>…</div>First paragraph…</p>``: the parser leaves the first paragraph as loose text
    after the image box, beside the story's other <p>s."""
    cell = (
        f"<td><p><div class='mosimage'><img src='a.jpg'><div class='caption'>مجمع المحاكم</div></div>{PARAS[0]}</p>"
        f"<p>{PARAS[1]}</p><p>{PARAS[2]}</p></td>"
    )
    tree = fromstring(f"<html><body><table><tr>{cell}</tr></table></body></html>")
    assert wrap_loose_text(tree) == 1
    assert [p.text_content() for p in tree.iter("p") if p.text_content()] == PARAS


def test_loose_text_in_a_block_without_paragraphs_is_left_to_the_extractor() -> None:
    tree = fromstring(f"<html><body><div><div class='figure'><img src='a.jpg'></div>{PARAS[0]}</div></body></html>")
    assert wrap_loose_text(tree) == 0


def test_a_mambo_page_keeps_its_first_paragraph_after_the_image_box() -> None:
    rows = (
        "<tr><td class='contentheading'>النقابة تطالب بتدخل حكومي</td></tr><tr><td>"
        f"<p><div class='mosimage'><img src='a.jpg'></div>{PARAS[0]}</p><p>{PARAS[1]}</p><p>{PARAS[2]}</p></td></tr>"
    )
    page = (
        "<html><head><meta charset='utf-8'><title>ساحة - النقابة تطالب بتدخل حكومي</title></head><body>"
        f"<table class='contentpaneopen'>{rows}</table></body></html>"
    )
    art = extract(RawPage(url="http://www.sahat.example/content/view/4821/27/", body=page.encode()))
    assert art.text.split("\n") == PARAS, art.text


def test_blocks_of_the_storys_kind_without_a_chain_become_paragraphs_too() -> None:
    """Tilda sets a story as one ``<div class="t-redactor__text">`` per paragraph group: the first holds one
    paragraph (no chain), the others two each (a chain): all become <p>s, so the extractor reads them alike."""
    blocks = (
        f"<div class='t'>{PARAS[0]}</div><div class='t'>{PARAS[1]}<br><br>{PARAS[2]}<br><br>{PARAS[0]}</div>"
        f"<div class='t'>{PARAS[2]}<br><br>{PARAS[1]}</div>"
    )
    tree = fromstring(f"<html><body><div id='feed'>{blocks}</div><div class='side'>روابط</div></body></html>")
    split_br_paragraphs(tree)
    feed = tree.get_element_by_id("feed")
    assert [len(block.findall("p")) for block in feed] == [1, 3, 2]


def test_an_intro_div_before_the_body_block_becomes_a_paragraph_a_short_caption_div_does_not() -> None:
    """Zikula's ``news_hometext`` (the story's first paragraph, text only) before ``news_bodytext`` (<p>s)."""
    body = f"<div class='bodytext'><p>{PARAS[1]}</p><p>{PARAS[2]}</p></div>"
    tree = fromstring(
        f"<html><body><div class='news_body'><div class='hometext'>{PARAS[0]}</div>{body}</div>"
        f"<div><div class='caption'>مجمع المحاكم</div>{body}</div></body></html>"
    )
    assert name_paragraph_divs(tree) == 1
    assert tree.find(".//p[@class='hometext']") is not None and tree.find(".//div[@class='caption']") is not None


def test_lines_an_editor_wrapped_the_source_at_are_spaces_as_a_browser_shows_them() -> None:
    """An HTML editor (Mozilla Composer, FrontPage) wraps the source at 70-odd columns; a browser shows one line,
    and so must the stored text (trafilatura keeps such breaks in a block that holds ``<br>``)."""
    wrapped = [
        "غادرت ميناء المعلا يوم الأربعاء أول شحنة من الملح المدعّم باليود\n      تنتجها وحدة التدعيم الجديدة التابعة"
        " لأمانة ملاحات عدن،\n      وتضم أربعين طناً موجهة إلى تجار الجملة في محافظات حضرموت.",
        "وقال مدير الوحدة إن الوحدة تضيف اليود\n      إلى الملح بعد غسله وتجفيفه وطحنه، وفق النسب التي تحددها المواصفات\n"
        "      الوطنية، وإن كل دفعة تخضع لفحص مخبري قبل تعبئتها.",
    ]
    body = "<br>\n      <br>\n      ".join(wrapped * 2)
    page = (
        "<html><head><title>أول شحنة من ملح عدن المدعم باليود</title></head><body><table><tr><td>"
        f"<big>أول شحنة من ملح عدن المدعم باليود</big><br><span style='font-size:14pt'>\n      {body}</span>"
        "</td></tr></table><pre>سطر\n  محفوظ</pre></body></html>"
    )
    art = extract(RawPage(url="https://aden-salt.example/akhbar/2026/shahna.htm", body=page.encode()))
    assert art.text.split("\n") == [" ".join(p.split()) for p in wrapped * 2]


def test_a_post_set_as_a_list_item_keeps_its_paragraphs() -> None:
    """Forum software lists a topic's posts as ``<li>`` items; a post's paragraphs are the story's paragraphs, and
    a list item read as one line would run them together: the list of posts becomes blocks."""
    post = "".join(f'<p dir="auto">{p}</p>' for p in PARAS)
    tree = fromstring(
        '<html><body><ul class="posts"><li component="post"><div class="post-container"><div class="post-header">'
        f'<a href="/user/salem">سالم</a> كتب</div><div component="post/content">{post}</div></div></li>'
        '<li component="post"><div component="post/content"><p>شكرا على التنبيه.</p></div></li></ul>'
        "<ul class='tags'><li><a href='/tags/aflaj'>أفلاج</a></li><li><a href='/tags/matar'>أمطار</a></li></ul>"
        "</body></html>"
    )
    mark_paragraphs(tree)
    assert not tree.xpath("//li[.//p]")  # the posts are blocks
    assert len(tree.xpath("//ul/li")) == 2  # a list of short items stays a list


def test_an_intro_div_before_an_anchor_and_a_body_in_br_soup_becomes_a_paragraph() -> None:
    """PivotX: ``div.introduction`` (the first paragraph), an empty ``<a id="body">`` anchor, then ``div.body`` whose
    paragraphs are ``<br><br>`` runs: the intro is the story's first paragraph too."""
    soup = "<br /><br />".join(PARAS[1:] * 2)
    tree = fromstring(
        f"<html><body><div class='entry'><h1>عنوان</h1><div class='introduction'>{PARAS[0]}</div>"
        f"<a id='body'></a><div class='body'>{soup}</div></div></body></html>"
    )
    mark_paragraphs(tree)
    assert tree.find(".//p[@class='introduction']") is not None
