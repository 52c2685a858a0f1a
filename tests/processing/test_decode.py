from __future__ import annotations

import codecs

from crawler.processing.decode import decode_html

ARABIC = "المغرب يحتضن المؤتمر الدولي حول الأمن الكيميائي في مراكش"


def page(meta: str = "") -> str:
    return f"<html><head>{meta}<title>t</title></head><body><p>{ARABIC}</p></body></html>"


def test_header_charset_wins() -> None:
    text, codec = decode_html(page().encode("cp1256"), "text/html; charset=windows-1256")
    assert ARABIC in text and codec == "cp1256"


def test_meta_charset_when_no_header() -> None:
    body = page('<meta charset="windows-1256">').encode("cp1256")
    text, codec = decode_html(body, "text/html")
    assert ARABIC in text and codec == "cp1256"


def test_http_equiv_charset() -> None:
    body = page('<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">').encode("cp1256")
    assert ARABIC in decode_html(body, None)[0]


def test_bom_beats_wrong_meta() -> None:
    body = codecs.BOM_UTF8 + page('<meta charset="windows-1256">').encode("utf-8")
    text, codec = decode_html(body, None)
    assert ARABIC in text and codec == "utf-8" and not text.startswith("\ufeff")


def test_wrong_header_falls_through_to_meta() -> None:
    body = page('<meta charset="windows-1256">').encode("cp1256")
    text, _ = decode_html(body, "text/html; charset=utf-8")  # cp1256 bytes are not valid UTF-8
    assert ARABIC in text


def test_detection_without_any_declaration() -> None:
    for enc in ("utf-8", "cp1256"):
        text, _ = decode_html((page() * 3).encode(enc), None)
        assert ARABIC in text, enc
