"""The work directory's record format: one page's analysis as one line of JSON.

Invariant: :func:`decode` gives back exactly what :func:`encode` was given (equal dataclasses,
equal bytes), so a page settled from a record is settled as if it had been analysed in place.
Explicit fields, UTF-8 text, bytes in base64: readable by any tool, tied to no library version
(no pickle of live objects).
"""

from __future__ import annotations

import json
from base64 import b64decode, b64encode
from dataclasses import dataclass
from typing import Any

from crawler.processing.eventterms import ArticleTerms
from crawler.processing.extract import Article
from crawler.processing.outcomes import Outcome, Rejected
from crawler.processing.processor import Analysed
from crawler.run.budget import AnalysisResult

FORMAT = "akhbar-shards-2"  # the manifest's and every shard file's format name: changed with the fields

_ARTICLE_FIELDS = ("url", "title", "author", "published_at", "language", "site", "text", "description")


@dataclass(frozen=True)
class PageRecord:
    """One readable page of an input file: where it is (for matching it again in phase 2), its
    analysis, and its archive record when phase 1 built it (``akhbar reprocess`` copying inputs)."""

    file: int  # the input file's index in the manifest
    offset: int | None  # the record's offset in a WARC file (None: an HTML file)
    url: str
    result: AnalysisResult
    member: bytes | None = None


class RecordError(ValueError):
    """A line that is not a record of this format."""


def _b64(data: bytes) -> str:
    return b64encode(data).decode("ascii")


def _result_dict(result: AnalysisResult) -> dict[str, Any]:
    if isinstance(result, Rejected):
        return {"rejected": result.outcome.value, "detail": result.detail}
    article = result.article
    return {
        "article": {name: getattr(article, name) for name in _ARTICLE_FIELDS},
        "normalised": result.normalised,
        "digest": _b64(result.digest),
        "signature": _b64(result.signature),
        "shingle_count": result.shingle_count,
        "anchors": list(result.anchors),
        "raw_text": result.raw_text,
        "line_keys": list(result.line_keys),
        "line_norms": list(result.line_norms),
        "terms": None if result.terms is None else _terms_dict(result.terms),
    }


def _terms_dict(terms: ArticleTerms) -> dict[str, str]:
    """The event terms by place, each as its stems separated by spaces (a stem has none)."""
    return {"title": " ".join(terms.title), "lead": " ".join(terms.lead), "body": " ".join(terms.body)}


def _terms(data: dict[str, str] | None) -> ArticleTerms | None:
    if data is None:
        return None
    return ArticleTerms(tuple(data["title"].split()), tuple(data["lead"].split()), tuple(data["body"].split()))


def _result(data: dict[str, Any]) -> AnalysisResult:
    if "rejected" in data:
        return Rejected(Outcome(data["rejected"]), data["detail"])
    return Analysed(
        article=Article(**{name: data["article"][name] for name in _ARTICLE_FIELDS}),
        normalised=data["normalised"],
        digest=b64decode(data["digest"]),
        signature=b64decode(data["signature"]),
        shingle_count=data["shingle_count"],
        anchors=tuple(data["anchors"]),
        raw_text=data["raw_text"],
        line_keys=tuple(data["line_keys"]),
        line_norms=tuple(data["line_norms"]),
        terms=_terms(data["terms"]),
    )


def encode(record: PageRecord) -> str:
    """``record`` as one line (no newline inside: JSON escapes them), ending with a newline."""
    data = {
        "file": record.file,
        "offset": record.offset,
        "url": record.url,
        "result": _result_dict(record.result),
        "member": None if record.member is None else _b64(record.member),
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def decode(line: str) -> PageRecord:
    """The record of one line; :class:`RecordError` if it is not one."""
    try:
        data = json.loads(line)
        member = data["member"]
        return PageRecord(
            file=data["file"],
            offset=data["offset"],
            url=data["url"],
            result=_result(data["result"]),
            member=None if member is None else b64decode(member),
        )
    except (ValueError, KeyError, TypeError) as exc:
        raise RecordError(f"not a page record ({type(exc).__name__}: {exc})") from None


def trailer(pages: int) -> str:
    """The last line of a complete shard file: how many records it holds."""
    return json.dumps({"format": FORMAT, "end": True, "pages": pages}) + "\n"


def is_trailer(line: str) -> bool:
    return line.startswith('{"format"')
