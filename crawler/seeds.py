"""Site definitions loaded from ``seeds/*.toml``, with precise errors (``file: key: problem``)."""

from __future__ import annotations

import functools
import math
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

import re2
from w3lib.url import safe_url_string

_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_URL_LISTS = ("start_urls", "feeds", "sitemaps")
_DOMAIN = re.compile(r"^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\d{1,5})?$")  # host, or host:port (normalised)
_HOST = re.compile(r"^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$")  # a host name or IPv4 address, as requested
_NOT_IN_DOMAIN = re.compile(r"[/\\@?#\s]")
_DEFAULT_PORTS = (80, 443)
_KEYS: dict[str, type | tuple[type, ...]] = {
    "name": str,
    "enabled": bool,
    "start_urls": list,
    "feeds": list,
    "sitemaps": list,
    "allowed_domains": list,
    "article_url_patterns": list,
    "deny_url_patterns": list,
    "follow_links": bool,
    "max_depth": int,
    "download_delay": (int, float),
    "max_pages_per_run": int,
}
# key: (lowest, highest, default); every value must also be finite (TOML allows inf and nan)
_RANGES: dict[str, tuple[int, int, int | float]] = {
    "max_depth": (0, 50, 2),
    "max_pages_per_run": (1, 1_000_000, 500),
    "download_delay": (0, 3600, 1.0),
}

# URL patterns run on RE2: matching time is linear in the URL, whatever the pattern (no backtracking).
_RE2_OPTIONS = re2.Options()
_RE2_OPTIONS.log_errors = False  # a refused pattern is reported once, as a seed error, not logged on stderr
_RE2_OPTIONS.never_capture = True  # only "does it match?" is asked: groups cost time and are never read
_LOOKAROUND_OR_BACKREF = re.compile(r"\(\?<?[=!]|\(\?P$|\\\d")  # in RE2's error message


class UrlPattern(Protocol):
    """A compiled seed pattern; ``search`` runs in time linear in the length of the URL."""

    @property
    def pattern(self) -> str: ...

    def search(self, text: str) -> object: ...


@dataclass(frozen=True)
class Re2Pattern:
    """A seed pattern compiled by RE2; equal to another when their source is (as ``re.Pattern`` is)."""

    pattern: str
    compiled: Any = field(compare=False, repr=False)

    @classmethod
    def compile(cls, pattern: str) -> Re2Pattern:
        """Raises ``re2.error`` for a pattern RE2 cannot run."""
        return cls(pattern, re2.compile(pattern, _RE2_OPTIONS))

    def search(self, text: str) -> object:
        return self.compiled.search(text)


class SeedError(Exception):
    """A seed file problem, as ``seeds/x.toml: key: problem``."""


@dataclass(frozen=True)
class Site:
    """One news site to crawl (see seeds/README.md for every key)."""

    name: str
    article_url_patterns: tuple[UrlPattern, ...]
    start_urls: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    allowed_domains: tuple[str, ...] = ()
    deny_url_patterns: tuple[UrlPattern, ...] = ()
    enabled: bool = True
    follow_links: bool = True
    max_depth: int = 2
    download_delay: float = 1.0
    max_pages_per_run: int = 500
    path: Path = field(default=Path("."), compare=False)

    def allows_host(self, url: str) -> bool:
        """Whether Scrapy would request ``url`` from an allowed host (see :func:`request_host`).

        An entry ``host`` allows that host and its subdomains on the default ports; an entry
        ``host:port`` allows exactly that host and port (80 and 443 count as no port).
        """
        target = request_host(url)
        if target is None:
            return False
        host, port = target[0], _default(target[1])
        for domain in self.allowed_domains:
            name, _, named = domain.partition(":")
            if named:
                if host == name and port == _default(int(named)):
                    return True
            elif port is None and (host == name or host.endswith("." + name)):
                return True
        return False

    @functools.cached_property
    def _deny(self) -> _AnyOf:
        return _AnyOf(self.deny_url_patterns)

    @functools.cached_property
    def _article(self) -> _AnyOf:
        return _AnyOf(self.article_url_patterns)

    def denies(self, url: str) -> bool:
        return self._deny.search(url)

    def is_article_url(self, url: str) -> bool:
        """An article: on an allowed host, not denied, and matching an article pattern."""
        return self.allows_host(url) and not self.denies(url) and self._article.search(url)

    def may_visit(self, url: str) -> bool:
        """An http(s) URL on an allowed host and port, not denied."""
        return self.allows_host(url) and not self.denies(url)


class _AnyOf:
    """Whether any of the patterns matches: one RE2 search over their alternation (a dozen deny
    patterns cost one pass over the URL, not twelve), or, if RE2 cannot build it, one by one."""

    def __init__(self, patterns: tuple[UrlPattern, ...]) -> None:
        self.patterns = patterns
        self.combined: UrlPattern | None = None
        if patterns:
            try:
                self.combined = Re2Pattern.compile("|".join(f"(?:{p.pattern})" for p in patterns))
            except re2.error:
                self.combined = None

    def search(self, url: str) -> bool:
        if self.combined is not None:
            return self.combined.search(url) is not None
        return any(p.search(url) is not None for p in self.patterns)


@functools.lru_cache(maxsize=8192)  # a URL is checked several times (links, articles, the boundary)
def request_host(url: str) -> tuple[str, int | None] | None:
    """``(host, port)`` that Scrapy will connect to for ``url``; port None when the URL names none.

    The URL is read exactly as ``scrapy.Request`` will request it: w3lib's ``safe_url_string``
    first (``\\`` becomes ``/``, hosts are lower-cased and IDNA-encoded, tabs dropped), then
    split. None (never allowed) for anything but http(s), for a URL with userinfo (``user@``:
    a host could hide behind it), an invalid port or a host that is not a plain host name.
    A trailing dot names the same host (``example.ma.`` is ``example.ma``).
    """
    try:
        parts = urlsplit(safe_url_string(url))
        port = parts.port
    except (ValueError, UnicodeError):
        return None
    if parts.scheme not in ("http", "https") or "@" in parts.netloc:
        return None
    host = (parts.hostname or "").removesuffix(".")
    if not _HOST.match(host):
        return None
    return host, port


def _domain(value: str) -> str | None:
    """An ``allowed_domains`` entry as ``allows_host`` compares it: ``host`` or ``host:port``,
    the host lower-case and IDNA-encoded (``مثال.example`` -> ``xn--mgbh0fb.example``)."""
    if _NOT_IN_DOMAIN.search(value) or (target := request_host(f"http://{value}/")) is None:
        return None
    host, port = target
    return host if port is None else f"{host}:{port}"


def _default(port: int | None) -> int | None:
    """The default ports (80, 443) count as no port."""
    return None if port in _DEFAULT_PORTS else port


def _fail(path: Path, key: str, problem: str) -> SeedError:
    return SeedError(f"{path}: {key}: {problem}")


def _check_url(path: Path, key: str, url: object) -> str:
    if not isinstance(url, str):
        raise _fail(path, key, f"expected a URL string, got {type(url).__name__}")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or request_host(url) is None:
        raise _fail(path, key, f"not an absolute http(s) URL with a valid host and port and no user@: {url!r}")
    return url


def _compile(path: Path, key: str, value: object) -> UrlPattern:
    """The pattern compiled by RE2 (linear time), or a seed error saying why it cannot be."""
    if not isinstance(value, str):
        raise _fail(path, key, f"expected a regex string, got {type(value).__name__}")
    try:
        return Re2Pattern.compile(value)
    except re2.error as exc:
        why = exc.args[0].decode("utf-8", "replace") if exc.args and isinstance(exc.args[0], bytes) else str(exc)
    try:
        re.compile(value)
    except re.error:
        raise _fail(path, key, f"bad regex {value!r}: {why}") from None
    # valid for Python, but only a backtracking engine could run it
    kind = " (lookaround/backreference)" if _LOOKAROUND_OR_BACKREF.search(why) else ""
    raise _fail(path, key, f"unsupported in the linear-time pattern engine{kind}: {value!r}: {why}")


def _number(path: Path, key: str, value: int | float) -> int | float:
    """``value`` if finite and within the key's range, else a seed error naming the range."""
    low, high, default = _RANGES[key]
    if not (math.isfinite(value) and low <= value <= high):
        kind = "a finite number" if isinstance(default, float) else "an integer"
        raise _fail(path, key, f"must be {kind} between {low} and {high}, got {value}")
    return value


def parse_seed(path: Path, data: dict[str, Any]) -> Site:
    """Validate one parsed seed file and build its :class:`Site`."""
    for key, value in data.items():
        if key not in _KEYS:
            raise _fail(path, key, f"unknown key (known: {', '.join(_KEYS)})")
        expected = _KEYS[key]
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            names = " or ".join(t.__name__ for t in (expected if isinstance(expected, tuple) else (expected,)))
            raise _fail(path, key, f"expected {names}, got {type(value).__name__}")
    name = data.get("name")
    if name is None:
        raise _fail(path, "name", "missing (required)")
    if not _NAME.match(name):
        raise _fail(path, "name", f"{name!r}: use lowercase letters, digits, '_' and '-'")
    if name != path.stem:
        raise _fail(path, "name", f"{name!r} differs from the file name {path.stem!r}")
    urls = {
        key: tuple(_check_url(path, f"{key}[{i}]", u) for i, u in enumerate(data.get(key, []))) for key in _URL_LISTS
    }
    if not any(urls.values()):
        raise _fail(path, "start_urls", "no start_urls, feeds or sitemaps: nothing to crawl")
    if "article_url_patterns" not in data or not data["article_url_patterns"]:
        raise _fail(path, "article_url_patterns", "missing (at least one regex is required)")
    articles = tuple(
        _compile(path, f"article_url_patterns[{i}]", p) for i, p in enumerate(data["article_url_patterns"])
    )
    deny = tuple(_compile(path, f"deny_url_patterns[{i}]", p) for i, p in enumerate(data.get("deny_url_patterns", [])))
    domains = data.get("allowed_domains")
    if domains is None:  # the hosts (and non-default ports) of the seed's own URLs
        domains = sorted({_domain(urlsplit(u).netloc) or "" for group in urls.values() for u in group})
    normalised = []
    for i, d in enumerate(domains):
        domain = _domain(d) if isinstance(d, str) else None
        if domain is None or not _DOMAIN.match(domain):
            raise _fail(path, f"allowed_domains[{i}]", f"expected a host name like 'www.example.com', got {d!r}")
        normalised.append(domain)
    numbers = {key: _number(path, key, data.get(key, default)) for key, (_, _, default) in _RANGES.items()}
    site = Site(
        name=name,
        article_url_patterns=articles,
        start_urls=urls["start_urls"],
        feeds=urls["feeds"],
        sitemaps=urls["sitemaps"],
        allowed_domains=tuple(normalised),
        deny_url_patterns=deny,
        enabled=data.get("enabled", True),
        follow_links=data.get("follow_links", True),
        max_depth=int(numbers["max_depth"]),
        download_delay=float(numbers["download_delay"]),
        max_pages_per_run=int(numbers["max_pages_per_run"]),
        path=path,
    )
    for key in _URL_LISTS:
        for i, url in enumerate(urls[key]):
            if not site.may_visit(url):
                raise _fail(path, f"{key}[{i}]", f"{url} is outside allowed_domains or denied by deny_url_patterns")
    return site


def load_seed(path: Path) -> Site:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise SeedError(f"{path}: not valid TOML: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SeedError(f"{path}: cannot read: {exc}") from None
    return parse_seed(path, data)


def load_seeds(directory: Path) -> tuple[list[Site], list[SeedError]]:
    """All seed files of a directory: the valid sites and one error per broken file."""
    if not directory.is_dir():
        raise SeedError(f"{directory}: no such seeds directory")
    sites, errors = [], []
    for path in sorted(directory.glob("*.toml")):
        try:
            sites.append(load_seed(path))
        except SeedError as exc:
            errors.append(exc)
    return sites, errors


def select_sites(sites: list[Site], names: list[str] | None) -> list[Site]:
    """Enabled sites, or the named ones (enabled or not); unknown names are an error."""
    if not names:
        return [s for s in sites if s.enabled]
    by_name = {s.name: s for s in sites}
    unknown = [n for n in names if n not in by_name]
    if unknown:
        raise SeedError(f"--site {unknown[0]}: no such site (known: {', '.join(sorted(by_name)) or 'none'})")
    return [by_name[n] for n in names]
