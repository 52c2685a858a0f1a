from __future__ import annotations

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
