"""Turn page bytes into text: HTTP header charset, then BOM, then ``<meta>``, then detection."""

from __future__ import annotations

import codecs
import logging
import re

from charset_normalizer import from_bytes

log = logging.getLogger(__name__)

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.I)
# Labels browsers treat as aliases (WHATWG encoding standard): a page that says
# iso-8859-1 is decoded as windows-1252, and "arabic" pages are windows-1256 in practice.
_ALIASES = {
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "windows-1256": "cp1256",
    "x-cp1256": "cp1256",
    "utf8": "utf-8",
}


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().lower()
    label = _ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def charset_from_header(content_type: str | None) -> str | None:
    """The codec named by a ``Content-Type`` header, if it names a known one."""
    if not content_type:
        return None
    match = _HEADER_CHARSET.search(content_type)
    return _codec(match.group(1)) if match else None


def charset_from_meta(body: bytes) -> str | None:
    """The codec declared by ``<meta charset>`` or ``http-equiv`` in the first 4 KB."""
    match = _META_CHARSET.search(body[:4096])
    return _codec(match.group(1).decode("ascii", "ignore")) if match else None


def bom_codec(body: bytes) -> str | None:
    """The codec a byte-order mark at the start of ``body`` names (None: no mark)."""
    return next((name for bom, name in _BOMS if body.startswith(bom)), None)


def ascii_view(head: bytes) -> bytes:
    """The first bytes of a page as an ASCII-compatible encoding, to look for markup in: a page in UTF-16 or
    UTF-32 (named by its byte-order mark) re-encoded as UTF-8, any other as it is."""
    codec = bom_codec(head)
    if codec is None or codec == "utf-8":
        return head
    return head.decode(codec, errors="ignore").encode("utf-8")


def decode_html(body: bytes, content_type: str | None = None) -> tuple[str, str]:
    """Decode ``body`` and return ``(text, codec name)``.

    The first source that names a codec which decodes the bytes without error wins:
    the HTTP header, a byte-order mark, the document's ``<meta>`` declaration, then
    statistical detection. As a last resort UTF-8 with replacement characters.
    """
    marked = bom_codec(body)
    header_codec = charset_from_header(content_type)
    if marked and header_codec != marked:
        # A BOM is stronger evidence than a (often server-default) header.
        header_codec = None
    for codec in (header_codec, marked, charset_from_meta(body)):
        if codec is None:
            continue
        try:
            text = body.decode(codec)
        except (UnicodeDecodeError, LookupError):
            log.debug("declared charset %s does not decode the page", codec)
            continue
        return text.lstrip("\ufeff"), codec
    guess = from_bytes(body[:200_000]).best()
    if guess is not None:
        codec = _codec(guess.encoding) or "utf-8"
        return body.decode(codec, errors="replace"), codec
    return body.decode("utf-8", errors="replace"), "utf-8"
