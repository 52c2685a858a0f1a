"""The page's own article, never a pulled-in neighbour (crawler/processing/ownarticle.py, via extract)."""

from __future__ import annotations

import pytest
from lxml.html import fromstring

from crawler.items import RawPage
from crawler.processing.extract import extract
from crawler.processing.ownarticle import cut_pulled_in_articles, find_headline

OWN = [
    "أعلنت وزارة الفلاحة، اليوم الاثنين، عن إطلاق برنامج جديد لدعم الفلاحين الصغار بجهة سوس ماسة، يهم تجهيز الضيعات بأنظمة الري بالتنقيط.",
    "وأوضح بلاغ للوزارة أن البرنامج يستهدف ثلاثة آلاف فلاح خلال السنتين المقبلتين، بغلاف مالي يناهز مئتي مليون درهم.",
    "وأضاف المصدر ذاته أن الاستفادة ستتم عبر الشباك الوحيد للمكاتب الجهوية للاستثمار الفلاحي ابتداء من الشهر المقبل.",
]
OTHER = [
    "قررت السلطات المحلية بمدينة طنجة إغلاق سوق شعبي بشكل مؤقت بعد حريق أتى على عشرات المحلات التجارية ليلة السبت.",
    "وحسب مصادر محلية، فإن النيران اندلعت في محل لبيع الملابس قبل أن تمتد إلى المحلات المجاورة بسبب قوة الرياح.",
    "وتدخلت عناصر الوقاية المدنية بعدة شاحنات للإطفاء، فيما فتحت المصالح الأمنية بحثا لتحديد أسباب الحريق وحجم الخسائر.",
    "وطالب التجار المتضررون بتعويضهم عن الخسائر التي تكبدوها، مؤكدين أن السوق كان يفتقر إلى أبسط شروط السلامة.",
    "ومن المنتظر أن تعقد لجنة مختلطة اجتماعا يوم الثلاثاء لتقييم الأضرار واقتراح حلول لإعادة تأهيل السوق في أقرب الآجال.",
]
TITLE = "برنامج جديد لدعم الفلاحين الصغار بجهة سوس ماسة"
OTHER_TITLE = "إغلاق سوق شعبي بطنجة بعد حريق مهول"


def _ps(paras: list[str]) -> str:
    return "".join(f"<p>{p}</p>" for p in paras)


def _page(main: str) -> bytes:
    return f"""<!DOCTYPE html><html lang="ar"><head><meta charset="utf-8"><title>{TITLE} | جريدة</title>
<meta property="og:title" content="{TITLE}"><meta property="article:published_time" content="2024-03-04T10:00:00+01:00">
</head><body><nav><a href="/">الرئيسية</a> <a href="/sport">رياضة</a></nav><main>{main}</main>
<footer>جميع الحقوق محفوظة</footer></body></html>""".encode()


MARKUPS = {
    # an infinite-scroll neighbour: a sibling <article> with its own header and a longer body
    "scroll-neighbour": f"""<article><h1>{TITLE}</h1><div class="content">{_ps(OWN)}</div></article>
<article class="next-post"><header><h2>{OTHER_TITLE}</h2><time datetime="2024-03-02">2 مارس 2024</time></header>
<div class="content">{_ps(OTHER)}</div></article>""",
    # a sibling wrapper, the title in a div with a link, no marker, no heading tag
    "div-title-no-marker": f"""<div class="wrap"><h1 class="headline">{TITLE}</h1><div class="body">{_ps(OWN)}</div></div>
<div class="wrap"><div class="headline headline--secondary"><a href="/x/other-77.html">{OTHER_TITLE}</a></div>
<div class="body">{_ps(OTHER)}</div></div>""",
    # inside the same content div, after a French marker, a dated h3
    "same-div-lire-aussi": f"""<h1>{TITLE}</h1><div class="entry">{_ps(OWN)}<p><strong>Lire aussi</strong></p>
<h3>{OTHER_TITLE}</h3><div class="post-date">02/03/2024 - 18:20</div>{_ps(OTHER)}</div>""",
    # table rows with <br> soup, an English marker, a linked h2 and a dated info row
    "table-read-also": f"""<table><tr><td><h1>{TITLE}</h1></td></tr><tr><td class="text">{"<br><br>".join(OWN)}</td></tr>
<tr><td><b>Read also</b></td></tr><tr><td><h2><a href="/articles/1990">{OTHER_TITLE}</a></h2></td></tr>
<tr><td class="info">السبت 2 مارس 2024 - 18:20</td></tr><tr><td class="text">{"<br><br>".join(OTHER)}</td></tr></table>""",
    # pasted into the same post body, no marker: a bold large title paragraph, then a dated byline line
    "pasted-bold-title": f"""<h1>{TITLE}</h1><div class="post-body">{_ps(OWN)}
<p><b><span style="font-size: x-large;">{OTHER_TITLE}</span></b></p>
<p><span style="color: #999999;">طنجة في 2 مارس 2024 - بقلم: سعيد الإدريسي</span></p>{_ps(OTHER)}</div>""",
    # the same in <br> soup inside one div: a <strong> title line, a dated "كتب" line
    "pasted-br-soup": f"""<h1>{TITLE}</h1><div class="texte">{"<br><br>".join(OWN)}<br><br>
<strong>{OTHER_TITLE}</strong><br>كتب: سعيد الإدريسي - السبت 02/03/2024<br><br>{"<br><br>".join(OTHER)}</div>""",
    # a CMS's second news-detail plugin under a French marker, pretty-printed: the neighbour's <h1> is
    # followed by an indented footer that holds its <time> (the indentation is not prose)
    "second-plugin-voir-aussi": f"""<div class="news-single"><div class="header"><h1>{TITLE}</h1></div>
        <div class="lead"><p>{OWN[0]}</p></div><div class="news-text-wrap">{_ps(OWN[1:])}</div></div>
        <div class="frame"><header><h2>Voir aussi</h2></header><div class="news-single">
          <div class="header"><span class="kicker">بلاغ صحفي</span><h1>{OTHER_TITLE}</h1></div>
          <div class="footer">
            <p>
              <span class="news-list-date">
                <time datetime="2024-03-02">
                  02/03/2024
                </time>
              </span>
              <span class="news-list-category">البلاغات الصحفية</span>
            </p>
          </div>
          <div class="news-text-wrap">{_ps(OTHER)}</div></div></div>""",
    # a CMS placeholder after the tags: a labelled weekly report with an unlinked <h2> and a dated byline
    # in an <em> (no class, no <time>), longer than the own article
    "placeholder-weekly-report": f"""<article><h1>{TITLE}</h1><div class="article-body">{_ps(OWN)}</div>
<ul class="tags"><li><a href="/tag/1">فلاحة</a></li></ul><div class="static-placeholder"><div class="weekly-report">
<p class="weekly-report__label"><strong>تقرير الأسبوع</strong></p><h2>{OTHER_TITLE}</h2>
<p><em>تقرير: سعيد الإدريسي - السبت 2 مارس 2024</em></p>{_ps(OTHER)}</div></div></article>""",
    # a shorter neighbour with an Arabic marker
    "shorter-arabic-marker": f"""<article><h1>{TITLE}</h1>{_ps(OWN)}</article><div class="next"><span>المقال التالي</span>
<article><h2><a href="/2024/03/02/other.html">{OTHER_TITLE}</a></h2>{_ps(OTHER[:1])}</article></div>""",
}


@pytest.mark.parametrize("markup", MARKUPS)
def test_a_pulled_in_article_never_replaces_or_joins_the_own_one(markup: str) -> None:
    art = extract(RawPage(url="https://jarida.example/2024/03/04/own-5501.html", body=_page(MARKUPS[markup])))
    assert art.title == TITLE
    for para in OWN:
        assert para in art.text
    for para in OTHER:
        assert para not in art.text


def test_a_pasted_second_article_whose_byline_and_date_stand_on_two_lines_goes_title_included() -> None:
    """Font runs in <br> soup (a Notes/Domino rich-text body): a marker, the neighbour's title in a larger bold
    font, "كتب: …" on one line and its date on the next: the title line heads a second article."""
    font = '<font size="3">{}</font>'
    own = "<br>\n<br>".join(font.format(p) for p in OWN)
    other = "<br>\n<br>".join(font.format(p) for p in OTHER)
    main = (
        f'<table><tr><td><font size="5"><b>{TITLE}</b></font><br><br>{own}<br>\n<br>'
        f'<font size="3" color="#7A1B1B"><b>اقرأ أيضاً</b></font><br>'
        f'<font size="4"><b>{OTHER_TITLE}</b></font><br>'
        f'<font size="2">كتب: أحمد الزعبي</font><br><font size="1">02/03/2024</font><br><br>{other}</td></tr></table>'
    )
    art = extract(RawPage(url="https://jarida.example/2024/03/04/own-5501.html", body=_page(main)))
    assert art.text.split("\n") == OWN, art.text


TABLE_PAGE = """<html><head><meta charset="utf-8"><title>بوابة :: {title}</title></head><body><table>
<tr><td><font size="1"><a href="/">الرئيسية</a> &raquo; <a href="/cat/2">جهوية</a></font></td></tr>
<tr><td><font size="4" color="#990000"><b>{title}</b></font></td></tr>
<tr><td><font size="1">الخميس 14 دجنبر 2023 - 16:40 | عدد القراءات : 1254</font></td></tr>
{rows}</table></body></html>"""


@pytest.mark.parametrize("where", ["next-rows", "same-cell"])
def test_no_heading_markup_anywhere_the_title_line_is_the_headline_and_the_neighbour_goes(where: str) -> None:
    own = "<br><br>".join(OWN)
    other_head = f'<font size="4" color="#990000"><b>{OTHER_TITLE}</b></font>'
    other_date = '<font size="1">الخميس 14 دجنبر 2023 - 11:05 | عدد القراءات : 2087</font>'
    if where == "next-rows":
        rows = (
            f'<tr><td class="body"><font size="4">{own}</font></td></tr>'
            f"<tr><td><b>مواضيع ذات صلة</b></td></tr><tr><td>{other_head}</td></tr><tr><td>{other_date}</td></tr>"
            f'<tr><td class="body"><font size="4">{"<br><br>".join(OTHER)}</font></td></tr>'
        )
    else:
        rows = (
            f'<tr><td class="body"><font size="4">{own}<br><center><img src="/sep.gif"></center><br>'
            f"{other_head}<br>{other_date}<br><br>{'<br><br>'.join(OTHER)}</font></td></tr>"
        )
    page = TABLE_PAGE.format(title=TITLE, rows=rows).encode()
    art = extract(RawPage(url="https://portal.example/news.php?item.45120", body=page))
    assert art.title == TITLE
    assert str(art.published_at).startswith("2023-12-14")
    for para in OWN:
        assert para in art.text
    for para in OTHER:
        assert para not in art.text


def test_a_bold_subheading_without_a_dated_byline_is_the_own_article() -> None:
    main = f"""<h1>{TITLE}</h1><div class="post-body">{_ps(OWN[:2])}<p><b>{OTHER_TITLE}</b></p>
<p>{OWN[2]}</p>{_ps(OTHER[:2])}</div>"""
    art = extract(RawPage(url="https://jarida.example/2024/03/04/own-5501.html", body=_page(main)))
    for para in [*OWN, *OTHER[:2]]:
        assert para in art.text


def test_subheadings_and_a_promo_card_inside_the_body_keep_the_rest_of_the_article() -> None:
    main = f"""<article><h1>{TITLE}</h1>{_ps(OWN[:2])}
<h2><a href="/dossier/eau.html">ملف خاص بتدبير الموارد المائية</a></h2>{_ps(OWN[2:])}
<div class="promo"><h3><a href="/x/other-77.html">{OTHER_TITLE}</a></h3><p>قررت السلطات المحلية إغلاق سوق شعبي.</p></div>
<p>وختم البلاغ بالتأكيد على أن البرنامج سيخضع لتقييم دوري من طرف لجنة جهوية مكلفة بالتتبع والمراقبة.</p></article>"""
    art = extract(RawPage(url="https://jarida.example/2024/03/04/own-5501.html", body=_page(main)))
    assert all(p in art.text for p in OWN)
    assert "وختم البلاغ بالتأكيد" in art.text  # the text after the card is the article's too


def test_odd_json_ld_and_deep_nesting_never_cost_the_article() -> None:
    deep = "<div>" * 200 + "".join(f"<p>{p}</p>" for p in OWN) + "</div>" * 200
    head = "<script type='application/ld+json'>\"a string\"</script><script type='application/ld+json'>null</script>"
    page = f"<html><head>{head}</head><body><h1>{TITLE}</h1>{deep}</body></html>".encode()
    art = extract(RawPage(url="https://jarida.example/2024/03/04/own-5501.html", body=page))
    assert all(p in art.text for p in OWN)


@pytest.mark.parametrize(
    "box",
    [
        # a boxed "read also" with a marker span, a linked title and three paragraphs of its own
        f"""<div class="inline-article"><span class="label">اقرأ أيضا</span><h3><a href="/x/other-77.html">{OTHER_TITLE}</a></h3>
<p class="meta">طنجة - سعيد الإدريسي | 2 مارس 2024</p>{_ps(OTHER[:3])}</div>""",
        # an <aside> with an English marker heading, a dated title and the neighbour's paragraphs
        f"""<aside class="embed-post"><h4>Read also</h4><h3>{OTHER_TITLE}</h3><time datetime="2024-03-02">2 مارس 2024</time>
{_ps(OTHER)}</aside>""",
    ],
    ids=["div-box-arabic-marker", "aside-english-marker"],
)
def test_a_boxed_second_article_between_own_paragraphs_goes_and_the_own_text_after_it_stays(box: str) -> None:
    closing = [
        "وختم البلاغ بالتأكيد على أن البرنامج سيخضع لتقييم دوري من طرف لجنة جهوية مكلفة بالتتبع والمراقبة والتقويم.",
        "ويأتي هذا البرنامج في إطار استراتيجية الجيل الأخضر التي تراهن على تحسين دخل الفلاحين وتثبيتهم في أراضيهم.",
    ]
    main = f"""<article><h1>{TITLE}</h1><div class="body">{_ps(OWN)}{box}{_ps(closing)}
<p class="translation"><a href="https://en.jarida.example/x">Read this article in English</a></p></div>
<div class="more"><h2>مقالات ذات صلة</h2><ul><li><a href="/x/1">عنوان آخر</a></li></ul></div></article>"""
    art = extract(RawPage(url="https://jarida.example/2024/03/04/own-5501.html", body=_page(main)))
    assert all(p in art.text for p in [*OWN, *closing])
    assert not any(p in art.text for p in OTHER)


def test_the_marker_of_a_boxed_second_article_goes_with_it() -> None:
    """The marker label heads the box ("A lire aussi" in its own div, the accent left out): it is no paragraph of the own
    article, so the whole box goes, marker included."""
    soup = "".join(f"<div style='text-align: justify;'>{p}</div><div><br></div>" for p in OWN)
    other = "".join(f"<div style='text-align: justify;'>{p}</div>" for p in OTHER)
    main = f"""<table><tr><td><h1>{TITLE}</h1></td></tr><tr><td class="txt">{soup}
<div class="voir"><div class="voir-label">A lire aussi</div><h2><a href="/n/2024/03/02/77.html">{OTHER_TITLE}</a></h2>
<div class="date">نشر في: 02/03/2024 على الساعة 18:20</div>{other}</div></td></tr></table>"""
    art = extract(RawPage(url="https://jarida.example/2024/03/04/own-5501.html", body=_page(main)))
    assert art.text.split("\n") == OWN, art.text


def test_own_paragraphs_after_a_boxed_second_article_stay_past_an_ad_slot() -> None:
    closing = (
        "وختم البلاغ بالتأكيد على أن البرنامج سيخضع لتقييم دوري من طرف لجنة جهوية مكلفة بالتتبع والمراقبة والتقويم."
    )
    box = f"""<div class="card embedded"><div class="card-header">اقرأ أيضاً</div><div class="card-body">
<h3><a href="/post/77">{OTHER_TITLE}</a></h3><small>السبت 2 مارس 2024 - 18:05</small>{_ps(OTHER[:2])}</div></div>"""
    ad = "<div class='slot'><small>إعلان</small><ins class='adsbygoogle'></ins></div>"
    main = f"<article><h1>{TITLE}</h1><div class='post'>{_ps(OWN[:2])}{box}<p>{OWN[2]}</p>{ad}<p>{closing}</p></div></article>"
    art = extract(RawPage(url="https://jarida.example/2024/03/04/own-5501.html", body=_page(main)))
    assert art.text.split("\n") == [*OWN, closing], art.text


def test_own_text_set_in_a_span_counts_as_the_articles_prose() -> None:
    """ASP.NET label controls put the whole story in one <span> of <br> soup; a related story follows
    in a panel with an English marker, its own linked <h2>, date and <span> body."""
    own = "<br /><br />".join(OWN)
    other = "<br /><br />".join(OTHER)
    main = f"""<table><tr><td><h1 id="lblTitle">{TITLE}</h1></td></tr><tr><td class="text">
<span id="lblBody">{own}</span><br /><br /><div id="pnlRelated" class="RelatedStory"><div class="label">Related story:</div>
<h2><a href="Details.aspx?id=3150418">{OTHER_TITLE}</a></h2><span class="date">02/03/2024 09:40 ص</span><br /><br />
<span id="lblRelatedBody">{other}</span></div></td></tr></table>"""
    art = extract(RawPage(url="https://jarida.example/Details.aspx?id=3150522", body=_page(main)))
    assert art.text.split("\n") == OWN, art.text
    tree = fromstring(_page(main))  # the cut itself, whatever the extractor would have picked
    assert cut_pulled_in_articles(tree, "", find_headline(tree)) > 0
    assert OWN[0] in tree.text_content() and OTHER[0] not in tree.text_content()


def test_own_text_in_several_chunks_resumes_after_a_box_between_them() -> None:
    """React story bodies split the text into chunks (one wrapper per run of paragraphs, ads between);
    a "read also" box sits between two chunks: the chunk after it is the own article's."""
    closing = (
        "وختم البلاغ بالتأكيد على أن البرنامج سيخضع لتقييم دوري من طرف لجنة جهوية مكلفة بالتتبع والمراقبة والتقويم."
    )
    box = f"""<aside class="Embedded_box"><span>اقرأ أيضا</span><h3><a href="/story/77">{OTHER_TITLE}</a></h3>
<div class="Embedded_meta"><time datetime="2024-03-02T14:20:00Z">2 مارس 2024</time></div><div>{_ps(OTHER[:3])}</div></aside>"""
    chunk = '<div class="Story_html">{}</div>'
    main = f"""<article><h1>{TITLE}</h1><div class="Story_body">{chunk.format(_ps(OWN[:2]))}
<div class="Ad_slot"><span>إعلان</span></div>{chunk.format(_ps(OWN[2:]))}{box}{chunk.format(f"<p>{closing}</p>")}</div></article>"""
    art = extract(RawPage(url="https://jarida.example/story/1652611", body=_page(main)))
    assert art.text.split("\n") == [*OWN, closing], art.text


def test_own_text_resumes_past_a_factbox_after_a_boxed_second_article() -> None:
    """A CMS's body blocks: text, an embedded related entry, text, a factbox with a heading, text. The own
    chunks after the embed stay, past the factbox, up to the last one."""
    closing = (
        "وختم البلاغ بالتأكيد على أن البرنامج سيخضع لتقييم دوري من طرف لجنة جهوية مكلفة بالتتبع والمراقبة والتقويم."
    )
    embed = f"""<div class="block block--entry-embed"><p class="label">مقال مرتبط</p><article class="embedded-entry">
<a class="kicker" href="/fellaha">فلاحة</a><h2 class="embedded-entry__title"><a href="/entry/77">{OTHER_TITLE}</a></h2>
<div class="embedded-entry__meta"><span>بقلم هند السباعي</span> · <time datetime="2024-03-02">السبت 2 مارس 2024</time>
</div><div class="embedded-entry__body">{_ps(OTHER[:3])}</div></article></div>"""
    factbox = """<div class="block block--facts"><h2>متى يعتبر الموسم ناجحا؟</h2><ul><li>إذا تجاوز المردود 40 قنطارا في
الهكتار الواحد في المناطق السقوية</li><li>إذا بلغت نسبة الاستهلاك الذاتي أقل من الربع</li></ul>
<p class="source">المصدر: المديرية الجهوية للفلاحة</p></div>"""
    text = '<div class="block block--text">{}</div>'
    middle = "وأشار المصدر ذاته إلى أن الموسم الحالي عرف تساقطات مطرية مهمة مقارنة بالمواسم الثلاثة الماضية في الجهة."
    main = f"""<article><h1>{TITLE}</h1><div class="entry-body">{text.format(_ps(OWN))}{embed}
{text.format(f"<p>{middle}</p>")}{factbox}{text.format(f"<p>{closing}</p>")}</div></article>"""
    art = extract(RawPage(url="https://jarida.example/entry/5501", body=_page(main)))
    assert all(p in art.text for p in [*OWN, middle, closing]), art.text
    assert not any(p in art.text for p in OTHER)


def test_without_an_h1_the_block_that_says_the_title_is_the_headline_not_a_pasted_neighbours_heading() -> None:
    """Mambo prints its headline in ``<td class="contentheading">``; the only heading tag on the page is the pasted
    second article's <h3>."""
    main = (
        f"<table class='contentpaneopen'><tr><td class='contentheading'>{TITLE}</td></tr>"
        f"<tr><td class='createdate'>الاثنين, 4 مارس 2024 10:00</td></tr><tr><td>{_ps(OWN)}"
        f"<h3>{OTHER_TITLE}</h3><p>السبت, 2 مارس 2024 12:05</p>{_ps(OTHER)}</td></tr></table>"
    )
    tree = fromstring(_page(main).decode())
    headline = find_headline(tree)
    assert headline is not None and headline.get("class") == "contentheading"
    alone = find_headline(fromstring(_page(f"<h2>{OTHER_TITLE}</h2>{_ps(OTHER)}").decode()))  # no block says the title
    assert alone is not None and alone.tag == "h2"


def test_a_title_cell_with_an_anchor_says_the_title_of_a_site_section_title() -> None:
    """PHP-Fusion: ``<title>`` "site - section: headline", the headline in ``td.capmain`` after an ``<a name>``."""
    page = (
        f"<html><head><title>إذاعة أدرار نفوسة - الأخبار: {TITLE}</title></head><body><table><tr>"
        f"<td class='capmain'><a name='news_1848'></a>{TITLE}</td></tr><tr><td class='main-body'>{_ps(OWN)}</td></tr>"
        "</table></body></html>"
    )
    headline = find_headline(fromstring(page))
    assert headline is not None and headline.get("class") == "capmain"


def test_a_template_twin_after_the_own_news_table_goes_comments_of_the_same_template_stay() -> None:
    def table(title: str, paras: list[str]) -> str:
        return (
            f"<table class='border'><tr><td class='capmain'><a name='n'></a>{title}</td></tr>"
            f"<tr><td class='main-body'>{_ps(paras)}</td></tr></table>"
        )

    comments = table(
        "التعليقات (2)", ["تعليق طويل من أحد القراء يشكر فيه البلدية على سرعة التدخل ويطالب بتعميم الصيانة."]
    )
    main = (
        f"<td class='main-bg'>{table(TITLE, OWN)}<table class='border'><tr><td class='scapmain'>الخبر التالي</td></tr>"
        f"</table>{table(OTHER_TITLE, OTHER)}{comments}</td>"
    )
    page = f"<html><head><title>{TITLE}</title></head><body><table><tr>{main}</tr></table></body></html>"
    tree = fromstring(page)
    cut_pulled_in_articles(tree, "http://www.adrar-fm.example/news.php?readmore=1848")
    text = tree.text_content()
    assert all(p in text for p in OWN) and not any(p in text for p in OTHER)
    assert "الخبر التالي" not in text and "تعليق طويل" in text


def test_a_box_with_a_bold_line_and_a_duration_is_no_pasted_article() -> None:
    """ "استمع إلى التقرير الصوتي" over "مدة التقرير 03:12 · إعداد وتقديم: …": a duration is no date line."""
    box = (
        "<div class='quote'><strong>استمع إلى التقرير الصوتي</strong><br><object data='p.swf'></object><br>"
        "<span class='small'>مدة التقرير 03:12 · إعداد وتقديم: تيهيا بن موسى</span></div>"
    )
    main = f"<article><h1>{TITLE}</h1><div class='body'>{_ps(OWN[:2])}{box}{_ps(OWN[2:])}</div></article>"
    art = extract(RawPage(url="https://jarida.example/2024/03/04/own-5501.html", body=_page(main)))
    assert all(p in art.text for p in OWN)


def test_an_h1_naming_the_site_yields_to_the_block_that_says_the_title() -> None:
    """uCoz: ``<h1>`` the club's name, the story's title in ``td.eTitle``, the ``<title>`` "headline - date - section -
    site". An ``<h1>`` that is the headline in other words than the title stays the headline."""
    page = (
        f"<html><head><title>{TITLE} - 5 نوفمبر 2024 - أخبار النادي - نجم الصومام</title></head><body><h1>نجم الصومام</h1>"
        f"<table class='eBlock'><tr><td class='eTitle'>{TITLE}</td></tr><tr><td class='eMessage'>{_ps(OWN)}</td></tr>"
        "</table></body></html>"
    )
    headline = find_headline(fromstring(page))
    assert headline is not None and headline.get("class") == "eTitle"
    reworded = (
        "<html><head><title>ثلوج كردستان 2024.. بدء تساقط الثلوج</title></head><body><h1>أول تساقط للثلوج على مرتفعات"
        " بنجوين وحاج عمران وتحذيرات للسائقين</h1><span class='crumb'>ثلوج كردستان 2024.. بدء تساقط الثلوج</span>"
        f"{_ps(OWN)}</body></html>"
    )
    headline = find_headline(fromstring(reworded))
    assert headline is not None and headline.tag == "h1"


def test_a_twin_with_a_modifier_class_and_its_title_one_heading_level_down_goes() -> None:
    """Oracle WebCenter: the own ``div.news-detail`` (``h1.news-title``), then ``div.news-detail.news-detail-next``
    (``h2.news-title``) with the next story's paragraphs."""
    own = f"<div id='detail' class='news-detail'><h1 class='news-title'>{TITLE}</h1>{_ps(OWN)}</div>"
    twin = f"<div class='news-detail news-detail-next'><h2 class='news-title'>{OTHER_TITLE}</h2>{_ps(OTHER)}</div>"
    page = f"<html><head><title>{TITLE}</title></head><body><div class='col'>{own}{twin}</div></body></html>"
    tree = fromstring(page)
    cut_pulled_in_articles(tree, "https://www.arid-ngh.example/cs/Satellite?cid=1")
    assert all(p in tree.text_content() for p in OWN) and not any(p in tree.text_content() for p in OTHER)


def _builder_page(header: str, body: str, tail: str) -> str:
    return f"<html><head><title>{TITLE}</title></head><body>{header}{body}{tail}</body></html>"


def _mobirise(cid: str, title: str, meta: str) -> str:
    return (
        f"<section class='article11 cid-{cid}'><div class='container'><div class='title col-12'>"
        f"<h3 class='mbr-section-title display-2'><strong>{title}</strong></h3>"
        f"<h4 class='mbr-section-subtitle display-7'>{meta}</h4></div></div></section>"
    )


def _mobirise_text(cid: str, paras: list[str]) -> str:
    return f"<section class='content5 cid-{cid}'><div class='container'><p class='mbr-text'>{'<br><br>'.join(paras)}</p></div></section>"


def _elementor(eid: str, title: str, meta: str) -> str:
    return (
        f"<section class='elementor-section elementor-element elementor-element-{eid}' data-id='{eid}'>"
        f"<div class='elementor-widget-container'><h2 class='elementor-heading-title'>{title}</h2>"
        f"<span class='elementor-post-info__item--type-date'>{meta}</span></div></section>"
    )


def _elementor_text(eid: str, paras: list[str]) -> str:
    return (
        f"<section class='elementor-section elementor-element elementor-element-{eid}' data-id='{eid}'>"
        f"<div class='elementor-widget-container elementor-text-editor'>{_ps(paras)}</div></section>"
    )


CARDS = "<section class='features3 cid-x9'><h4>آخر الأخبار</h4><p><a href='/n/1'>خبر قصير</a></p></section>"


@pytest.mark.parametrize(
    ("header", "text"), [(_mobirise, _mobirise_text), (_elementor, _elementor_text)], ids=["mobirise", "elementor"]
)
def test_a_story_split_into_builder_sections_loses_the_next_story_set_in_the_same_sections(header, text) -> None:
    """Page builders set the headline and the body in sibling sections, each with a class of its own instance
    (Mobirise ``cid-…``, Elementor ``elementor-element-…``); a later header section of the same build, dated, with
    another title, and its body section are the next story."""
    own = header("a1", TITLE, "التاريخ: 08/12/2024") + text("b1", OWN)
    other = header("a2", OTHER_TITLE, "السبت 7 ديسمبر 2024") + text("b2", OTHER)
    tree = fromstring(_builder_page(own, other, CARDS))
    cut_pulled_in_articles(tree, "https://rabita.example/akhbar-moultaqa.html")
    content = tree.text_content()
    assert all(p in content for p in OWN) and not any(p in content for p in OTHER)
    assert OTHER_TITLE not in content and "آخر الأخبار" in content


@pytest.mark.parametrize(
    ("header", "text"), [(_mobirise, _mobirise_text), (_elementor, _elementor_text)], ids=["mobirise", "elementor"]
)
def test_a_subheading_section_of_the_own_story_stays(header, text) -> None:
    """The own story's second part under an undated subheading set in the same header section stays."""
    own = header("a1", TITLE, "التاريخ: 08/12/2024") + text("b1", OWN[:2])
    part = header("a2", "مواعيد إيداع الملفات لدى المكاتب الجهوية", "") + text("b2", OWN[2:])
    tree = fromstring(_builder_page(own, part, CARDS))
    cut_pulled_in_articles(tree, "https://rabita.example/akhbar-moultaqa.html")
    assert all(p in tree.text_content() for p in OWN)


def test_an_h1_that_says_none_of_the_title_yields_to_the_heading_that_says_most_of_it() -> None:
    """New Google Sites: the only ``<h1>`` is the section's banner ("الأخبار"), the ``<title>`` names the page by a
    short form of the headline, and the headline is an ``<h2>`` in the main column; a sidebar heading shares a word."""
    page = (
        "<html><head><title>المركز الاستشفائي الجهوي بكيفة - حملة التلقيح ضد الحصبة</title></head><body>"
        "<section><h1><span>الأخبار</span></h1></section><section><h2><span>انطلاق حملة للتلقيح ضد الحصبة في"
        f" مقاطعات ولاية لعصابة</span></h2>{_ps(OWN)}</section><section><h3>نقاط التلقيح الثابتة</h3>"
        "<p>مركز صحة كيفة - مركز صحة كرو</p></section></body></html>"
    )
    headline = find_headline(fromstring(page))
    assert headline is not None and headline.tag == "h2"


def test_a_box_with_a_bold_heading_over_a_dated_schedule_is_no_pulled_in_article() -> None:
    """ "<p><strong>مواعيد الرحلات القادمة</strong></p><ul><li>الثلاثاء 15 أكتوبر 2024: …</li>…": a schedule's first
    date under a bold line is no dateline; the own paragraph after the box stays."""
    box = (
        "<div class='info-box'><p><strong>مواعيد الرحلات القادمة</strong></p><ul>"
        "<li>الثلاثاء 15 أكتوبر 2024: كوستي - الرنك</li><li>الثلاثاء 29 أكتوبر 2024: كوستي - الرنك</li></ul></div>"
    )
    last = "ودعت الوزارة الفلاحين الراغبين في الاستفادة إلى إيداع ملفاتهم لدى المكاتب الجهوية قبل نهاية الشهر الجاري."
    main = f"<article><h1>{TITLE}</h1><div class='body'>{_ps(OWN)}{box}<p>{last}</p></div></article>"
    tree = fromstring(_page(main))
    cut_pulled_in_articles(tree, "https://jarida.example/2024/03/04/own-5501.html")
    assert all(p in tree.text_content() for p in [*OWN, last])


@pytest.mark.parametrize(
    "date",
    [
        "الأحد 23 تشرين الثاني 2025",
        "2 كانون الأول 2025",
        "5 جمادى الأولى 1447 هـ",
        "الاثنين ٢٤ نوفمبر ٢٠٢٥",
        "December 2, 2025",
        "Dec. 2, 2025",
    ],
)
def test_a_flat_second_heading_dated_in_any_common_way_heads_a_pulled_in_article(date: str) -> None:
    """A flat CMS page: the own <h2>, its paragraphs, a rule, then another story's <h4> with its dated byline in a
    two-word month (Levantine "تشرين الثاني", Hijri "جمادى الأولى"), Arabic-Indic digits or an English month first,
    and its paragraphs, all in one content div."""
    main = (
        f'<div id="content"><h2>{TITLE}</h2>{_ps(OWN)}<hr><h4>{OTHER_TITLE}</h4>'
        f'<p class="newsdate"><i>{date} | كتب: عمر الهيتي</i></p>{_ps(OTHER)}</div>'
    )
    art = extract(RawPage(url="https://jarida.example/?news:own", body=_page(main)))
    assert art.text.split("\n") == OWN, art.text


def test_of_two_h1s_the_title_holds_whole_the_headline_is_the_one_that_says_more_of_it() -> None:
    """A wiki's logo <h1> names the site, and the <title> names both ("<page> [<site>]"): the page's <h1> says more."""
    site = "جمعية بناة السفن الخشبية في أرواد"
    page = (
        f"<html><head><title>{TITLE} [{site}]</title></head><body><header><h1 class='logo'><a href='/'>"
        f"<img src='/logo.png' alt='{site}'><span>{site}</span></a></h1></header>"
        f"<div class='page'><h1 class='sectionedit1'>{TITLE}</h1>{_ps(OWN)}</div></body></html>"
    )
    tree = fromstring(page)
    headline = find_headline(tree)
    assert headline is not None and headline.get("class") == "sectionedit1"


@pytest.mark.parametrize(
    "hidden", ['class="imHidden"', 'class="sr-only"', 'class="visually-hidden"', 'style="display:none"', "hidden"]
)
def test_a_hidden_h1_for_search_engines_is_not_the_headline(hidden: str) -> None:
    """A site builder's hidden <h1> repeats the <title> for search engines ("<headline> - <site>"); the visible one
    says the headline."""
    site = "جمعية أدلاء وادي رم السياحية التعاونية"
    page = (
        f"<html><head><title>{TITLE} - {site}</title></head><body><h1 {hidden}>{TITLE} - {site}</h1>"
        f"<main><h1 class='imPgTitle'>{TITLE}</h1>{_ps(OWN)}</main></body></html>"
    )
    headline = find_headline(fromstring(page))
    assert headline is not None and headline.get("class") == "imPgTitle"


def test_a_word_processors_pasted_second_article_whose_dated_byline_is_split_into_runs_goes() -> None:
    """Word's HTML: the pasted story's title a bold ``p.MsoTitle``, its byline "كتب: … – الأحد 7 ديسمبر 2025" one bold
    paragraph whose Latin digits sit in runs of their own (``<span dir=LTR>``), then its paragraphs."""
    run = '<span lang="AR-YE" style="font-size:14.0pt">{}</span>'
    digits = '<span dir="LTR" style="font-size:14.0pt">{}</span>'
    own = "".join(f'<p class="MsoNormal" dir="RTL">{run.format(p)}</p>' for p in OWN)
    other = "".join(f'<p class="MsoNormal" dir="RTL">{run.format(p)}</p>' for p in OTHER)
    byline = run.format("كتب: عبدالله سالم باعبود – الأحد ") + digits.format("7") + run.format(" ديسمبر ")
    byline += digits.format("2025")
    main = (
        f'<div class="news-body"><h1>{TITLE}</h1>{own}<p class="MsoNormal"><b>{run.format("إعداد: فاطمة عمر")}</b></p>'
        f'<p class="MsoTitle" dir="RTL"><b><span style="font-size:18.0pt">{OTHER_TITLE}</span></b>'
        f'<span dir="LTR"><o:p></o:p></span></p><p class="MsoNormal" dir="RTL"><b>{byline}</b></p>{other}</div>'
    )
    art = extract(RawPage(url="https://jarida.example/news/own-77.html", body=_page(main)))
    for para in OTHER:
        assert para not in art.text
    assert all(para in art.text for para in OWN)


def test_the_date_of_a_story_pasted_below_is_not_the_pages() -> None:
    """A blog post's own date line under its title; below the text, a pasted older story with its dated byline, closing
    with "(نشر هذا الخبر على المدونة بتاريخ …)": a publication label, but the pasted story's. Once that story is cut,
    the page's date is read again."""
    main = (
        f"<h3 class='title'>{TITLE}</h3><div class='date'>mercredi 3 décembre 2025</div><div class='articlebody'>"
        f"{_ps(OWN)}<p>&nbsp;</p><hr><p><b><big>اقرأ أيضا</big></b></p>"
        f"<h4><a href='/archives/2025/11/16/42618873.html'>{OTHER_TITLE}</a></h4>"
        f"<p><i>الأحد 16 نونبر 2025 – بقلم: لحسن أوحدو</i></p>{_ps(OTHER[:2])}"
        "<p>(نشر هذا الخبر على المدونة بتاريخ 16/11/2025)</p></div>"
    )
    page = _page(main).replace(b'<meta property="article:published_time" content="2024-03-04T10:00:00+01:00">', b"")
    art = extract(RawPage(url="https://moussem.canalblog.example/archives/2025/12/03/42739648.html", body=page))
    assert art.text.split("\n") == OWN, art.text
    assert (art.published_at or "")[:10] == "2025-12-03"


def test_a_page_writing_dates_month_first_keeps_reading_them_so_once_a_pasted_story_is_cut() -> None:
    """An English-language CMS writes "02/11/2025" for 11 February; the "01/28/2025" that proves it stands in the
    pasted story that is cut: the page's date is still read month first."""
    main = (
        f"<h1>{TITLE}</h1><div class='meta'>02/11/2025</div><div class='body'>{_ps(OWN)}<hr>"
        f"<h4>{OTHER_TITLE}</h4><p class='meta'>01/28/2025 – كتب: أحمد الزعبي</p>{_ps(OTHER)}</div>"
    )
    page = _page(main).replace(b'<meta property="article:published_time" content="2024-03-04T10:00:00+01:00">', b"")
    art = extract(RawPage(url="https://jusour.example/akhbar/own", body=page))
    assert art.text.split("\n") == OWN, art.text
    assert (art.published_at or "")[:10] == "2025-02-11"


LONG_TITLE = "برنامج جديد لدعم الفلاحين الصغار بجهة سوس ماسة يشمل تجهيز الضيعات بأنظمة الري بالتنقيط"


def test_a_long_headline_in_its_own_header_is_no_paragraph_and_the_content_after_it_stays() -> None:
    """A documentation generator's page: the headline (80+ characters) and its details in a header block, the text
    in the content block beside it, with sections (related stories, comments) under ``<h2>``s. The headline's
    own text is no paragraph of prose: the header is not the story's block, the content no twin of it."""
    assert len(LONG_TITLE) >= 80
    page = f"""<html><head><title>{LONG_TITLE} | جمعية الفلاحين</title></head><body>
<div id="header"><h1>{LONG_TITLE}</h1><div class="details"><span id="author">سعيد أيت علي</span><br>
<span id="revdate">2026-04-21</span></div></div>
<div id="content"><div id="preamble"><div class="sectionbody">{"".join(f'<div class="paragraph"><p>{p}</p></div>' for p in OWN)}
</div></div>
<div class="sect1"><h2 id="related">أخبار ذات صلة بالبرنامج</h2><div class="sectionbody"><ul><li><a href="/a/2.html">{OTHER_TITLE}</a></li>
</ul></div></div>
<div class="sect1"><h2 id="comments">تعليقات القراء على الخبر</h2><div class="sectionbody"><p>{OTHER[0]}</p></div></div>
</div><div id="footer"><div id="footer-text">Last updated 2026-04-22</div></div></body></html>"""
    tree = fromstring(page)
    headline = find_headline(tree)
    assert headline is not None and headline.text_content() == LONG_TITLE
    cut_pulled_in_articles(tree, "https://news.example/akhbar/2026/04/program.html", headline)
    text = " ".join(tree.text_content().split())
    assert all(p in text for p in OWN)


def test_of_h1s_none_of_which_says_the_title_the_headline_is_the_last_before_the_text() -> None:
    """A wiki's ``<title>`` is the page's name ("Akhbar/SousIrrigation - site"), which no heading says; its first
    ``<h1>`` is the page's path in the header, a sidebar box follows, then the story's own ``<h1>`` heads the
    text. The headline is the ``<h1>`` last before the text, not the first of the page."""
    page = f"""<html><head><title>Akhbar/SousIrrigation - جمعية الفلاحين</title></head><body>
<div id="header"><h1 id="locationline"><span><a href="/Akhbar">Akhbar</a></span> / <span>SousIrrigation</span></h1>
<ul id="navibar"><li><a href="/">الرئيسية</a></li><li><a href="/Akhbar">الأخبار</a></li></ul></div>
<div id="sidebar"><h3>إعلان</h3><p>نزل الواحة يرحب بكم في قلب الجبل: غرف عائلية ومطبخ تقليدي وجولات بصحبة أدلاء محليين طوال السنة.</p></div>
<div id="content"><h1>{TITLE}</h1><table><tr><td><p>التاريخ:</p></td><td><p>السبت 8 تشرين الثاني 2025</p></td></tr></table>
{_ps(OWN)}</div></body></html>"""
    headline = find_headline(fromstring(page))
    assert headline is not None and headline.text_content() == TITLE


def test_a_pulled_in_article_whose_date_follows_a_date_label_in_a_table_goes() -> None:
    """A wiki includes the previous story's page under the own one: its heading, then a table whose cells hold
    "التاريخ:" (a date label in bold) and the date after it, then its paragraphs."""
    cells = (
        "<table><tr><td><p><strong>التاريخ:</strong> السبت 1 تشرين الثاني 2025</p></td>"
        '<td><p><strong>الكاتب:</strong> <a href="/BasilMomani">باسل المومني</a></p></td></tr></table>'
    )
    main = (
        f'<div id="content"><h1>{TITLE}</h1>{cells.replace("1 تشرين", "8 تشرين")}{_ps(OWN)}<hr>'
        f'<h2>الخبر السابق</h2><div class="include"><a href="/Akhbar/Qitaf">Akhbar/Qitaf</a>'
        f"<h1>{OTHER_TITLE}</h1>{cells}{_ps(OTHER[:2])}</div></div>"
    )
    main = main.replace("</div></div>", f'</div><h2>تعليقات</h2><p>{OTHER[3]} -- <a href="/Sami">سامي</a></p></div>')
    art = extract(RawPage(url="https://wiki.example/Akhbar/SousIrrigation", body=_page(main)))
    assert all(para in art.text for para in OWN)
    for para in OTHER[:2]:
        assert para not in art.text
    assert OTHER_TITLE not in art.text
    assert "الخبر السابق" not in art.text  # the marker heading before the pulled-in story goes with it
    assert OTHER[3] not in art.text  # the readers' comments after it, in the own paragraphs' markup


def test_the_own_text_does_not_resume_after_a_comments_heading() -> None:
    """After a pulled-in story, paragraphs in the own text's markup resume the own text (a box between its
    paragraphs) unless a comments heading stands before them: those are the readers'."""
    main = (
        f'<div class="body"><h1>{TITLE}</h1><time datetime="2024-03-04">4 مارس 2024</time>{_ps(OWN)}'
        f'<div class="box"><h2>{OTHER_TITLE}</h2><time datetime="2024-03-02">2 مارس 2024</time>{_ps(OTHER[:2])}</div>'
        f"<h3>التعليقات (2)</h3>{_ps(OTHER[2:4])}</div>"
    )
    art = extract(RawPage(url="https://jarida.example/news/own-78.html", body=_page(main)))
    assert all(para in art.text for para in OWN)
    assert not any(para in art.text for para in OTHER)


STYLED_PAGE = """<!DOCTYPE html><html lang="ar"><head><meta charset="utf-8"><title>{title} | جمعية</title>
<style type="text/css">
.Body-P{{margin:0 0 9px 0;text-align:justify;font-weight:400;direction:rtl;}}
.Body-C{{font-family:"Tahoma",sans-serif;font-size:14.0px;line-height:1.57em;}}
.Body-C1{{font-family:"Tahoma",sans-serif;font-size:12.0px;color:#6b5a45;}}
.Body-C2, .Lead-C {{font-family:"Tahoma",sans-serif;font-weight:700;font-size:18.0px;color:#7a3f12;}}
</style></head><body><div id="txt_1" style="position:absolute;left:180px;top:120px;width:600px">
<p class="Body-P"><span class="Body-C2">{title}</span></p>{main}</div></body></html>"""


def _styled(paras: list[str]) -> str:
    return "".join(f'<p class="Body-P"><span class="Body-C">{p}</span></p>' for p in paras)


@pytest.mark.parametrize("dated", [True, False])
def test_a_title_set_bold_by_the_pages_own_style_sheet_heads_a_pasted_article(dated: bool) -> None:
    """A desktop builder (Serif WebPlus, iWeb) sets a pasted second article's title in a paragraph whose class its
    style sheet makes bold and larger: with a date line under it, it is a title, and the neighbour goes; without
    one, it is the own article's subheading."""
    date = '<p class="Body-P"><span class="Body-C1">تاريخ النشر: ١٢ كانون الثاني ٢٠٢٦</span></p>' if dated else ""
    second = f'<p class="Body-P"><span class="Body-C2">{OTHER_TITLE}</span></p>{date}{_styled(OTHER)}'
    page = STYLED_PAGE.format(title=TITLE, main=_styled(OWN) + second)
    art = extract(RawPage(url="https://friends.example/akhbar/lecture.html", body=page.encode()))
    assert all(para in art.text for para in OWN), art.text
    assert all((para in art.text) != dated for para in OTHER), art.text
