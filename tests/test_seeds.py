from __future__ import annotations

from pathlib import Path

import pytest

from crawler.cli import main
from crawler.seeds import SeedError, load_seed, load_seeds, select_sites

ROOT = Path(__file__).resolve().parent.parent

GOOD = """
name = "{name}"
start_urls = ["https://www.example.ma/"]
feeds = ["https://www.example.ma/feed"]
allowed_domains = ["example.ma"]
article_url_patterns = ['/\\d{{4}}/\\d{{2}}/[^/]+-\\d+\\.html$']
deny_url_patterns = ['/tag/']
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / f"{name}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_good_seed_and_defaults(tmp_path: Path) -> None:
    site = load_seed(write(tmp_path, "example", GOOD.format(name="example")))
    assert (site.enabled, site.follow_links, site.max_depth, site.download_delay, site.max_pages_per_run) == (
        True, True, 2, 1.0, 500,
    )  # fmt: skip
    assert site.is_article_url("https://www.example.ma/2024/05/slug-123.html")
    assert site.is_article_url("https://news.example.ma/2024/05/slug-123.html")  # subdomain
    assert not site.is_article_url("https://www.example.ma/tag/2024/05/slug-123.html")  # denied
    assert not site.is_article_url("https://www.example.ma/category/politique/")
    assert not site.is_article_url("https://evil.ma/2024/05/slug-123.html")


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda t: t.replace("deny_url_patterns", "deny_patterns"), "deny_patterns: unknown key"),
        (lambda t: t.replace("'/tag/'", "'/tag/('"), "deny_url_patterns[0]: bad regex '/tag/('"),
        (lambda t: t.replace("article_url_patterns = ['", "article_url_patterns = ['(?P<"), "article_url_patterns[0]: bad regex"),
        (lambda t: t.replace('name = "x"', 'name = "other"'), "name: 'other' differs from the file name 'x'"),
        (lambda t: t + "max_depth = -1\n", "max_depth: must be an integer between 0 and 50, got -1"),
        (lambda t: t + "download_delay = inf\n", "download_delay: must be a finite number between 0 and 3600, got inf"),
        (lambda t: t + "download_delay = nan\n", "download_delay: must be a finite number between 0 and 3600, got nan"),
        (lambda t: t + "max_pages_per_run = 0\n", "max_pages_per_run: must be an integer between 1 and 1000000, got 0"),
        (lambda t: t.replace("'/tag/'", "'/(?!amp)tag/'"), "deny_url_patterns[0]: unsupported in the linear-time pattern engine (lookaround/backreference): '/(?!amp)tag/'"),
        (lambda t: t + 'download_delay = "fast"\n', "download_delay: expected int or float, got str"),
        (lambda t: t.replace('feeds = ["https://www.example.ma/feed"]', 'feeds = ["ftp://x/feed"]'), "feeds[0]: not an absolute http(s) URL"),
        (lambda t: t.replace('feeds = ["https://www.example.ma/feed"]', 'feeds = ["https://other.ma/feed"]'), "feeds[0]: https://other.ma/feed is outside allowed_domains"),
        (lambda t: t + "enabled = 1\n", "enabled: expected bool, got int"),
        (lambda t: t.replace("article_url_patterns = ['/\\d{4}/\\d{2}/[^/]+-\\d+\\.html$']", ""), "article_url_patterns: missing"),
        (lambda t: t + "= broken", "not valid TOML"),
    ],
)  # fmt: skip
def test_errors_name_file_key_and_problem(tmp_path: Path, edit, message: str) -> None:
    path = write(tmp_path, "x", edit(GOOD.format(name="x")))
    with pytest.raises(SeedError) as err:
        load_seed(path)
    assert str(err.value).startswith(f"{path}: ")
    assert message in str(err.value)


def test_check_command(tmp_path: Path, capsys) -> None:
    write(tmp_path, "good", GOOD.format(name="good"))
    assert main(["seeds", "--seeds", str(tmp_path), "--check"]) == 0
    assert "1 site(s) valid" in capsys.readouterr().out
    write(tmp_path, "x", GOOD.format(name="x").replace("'/tag/'", "'['"))
    assert main(["seeds", "--seeds", str(tmp_path), "--check"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("akhbar: error: ") and "x.toml: deny_url_patterns[0]: bad regex '['" in err
    assert len(err.splitlines()) == 1


def test_select_sites(tmp_path: Path) -> None:
    write(tmp_path, "a", GOOD.format(name="a"))
    write(tmp_path, "b", GOOD.format(name="b") + "enabled = false\n")
    sites, errors = load_seeds(tmp_path)
    assert not errors
    assert [s.name for s in select_sites(sites, None)] == ["a"]
    assert [s.name for s in select_sites(sites, ["b"])] == ["b"]
    with pytest.raises(SeedError, match="--site zz: no such site"):
        select_sites(sites, ["zz"])


def test_bundled_seeds_are_valid_and_documented() -> None:
    sites, errors = load_seeds(ROOT / "seeds")
    assert not errors, errors
    assert len([s for s in sites if s.enabled]) >= 10
    readme = (ROOT / "seeds" / "README.md").read_text(encoding="utf-8")
    from crawler.seeds import _KEYS

    for key in _KEYS:
        assert f"`{key}`" in readme, f"seeds/README.md does not document {key}"


def test_patterns_use_the_linear_time_engine_syntax(tmp_path: Path) -> None:
    """RE2 syntax: Unicode classes and \\x{...} work; the pattern is searched in the full URL."""
    text = GOOD.format(name="re2").replace(
        "article_url_patterns = ['/\\d{4}/\\d{2}/[^/]+-\\d+\\.html$']",
        "article_url_patterns = ['/\\p{Arabic}+-\\d+\\.html$', '/(?i)AMP/[\\x{0600}-\\x{06FF}]+$']",
    )
    site = load_seed(write(tmp_path, "re2", text))
    assert site.is_article_url("https://www.example.ma/مثال-12.html")
    assert site.is_article_url("https://www.example.ma/amp/مثال")
    assert not site.is_article_url("https://www.example.ma/example-12.html")
    assert [p.pattern for p in site.deny_url_patterns] == ["/tag/"]


def test_patterns_are_decided_together_but_keep_their_own_flags(tmp_path: Path) -> None:
    """Deny (and article) patterns run as one RE2 alternation: a ``(?i)`` stays inside its own pattern."""
    import copy
    import pickle

    text = GOOD.format(name="flags").replace(
        "deny_url_patterns = ['/tag/']", "deny_url_patterns = ['(?i)\\.PDF$', '/Tag/']"
    )
    site = load_seed(write(tmp_path, "flags", text))
    assert site.denies("https://www.example.ma/a.pdf") and site.denies("https://www.example.ma/Tag/x")
    assert not site.denies("https://www.example.ma/tag/x")  # the (?i) of the first pattern does not reach the second
    for same in (copy.deepcopy(site), pickle.loads(pickle.dumps(site))):  # Scrapy copies its settings
        assert same == site and same.denies("https://www.example.ma/a.PDF")


@pytest.mark.parametrize(
    "url", ["https://user@www.example.ma/", "https://www.example.ma:99999/", "https://exa mple.ma/"]
)
def test_a_seed_url_scrapy_could_not_request_safely_is_refused(tmp_path: Path, url: str) -> None:
    path = write(tmp_path, "x", GOOD.format(name="x").replace("https://www.example.ma/feed", url))
    with pytest.raises(SeedError, match=r"feeds\[0\]: not an absolute http\(s\) URL with a valid host and port"):
        load_seed(path)


def test_the_seeds_directory_in_use(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    """``--seeds``, else $AKHBAR_SEEDS_DIR, else ./seeds when it exists, else the bundled seeds."""
    monkeypatch.delenv("AKHBAR_SEEDS_DIR", raising=False)
    monkeypatch.chdir(tmp_path)
    assert main(["seeds", "--path"]) == 0
    assert capsys.readouterr().out.strip() == str((ROOT / "seeds").resolve())  # a checkout: its seeds/
    (tmp_path / "seeds").mkdir()
    assert main(["seeds", "--path"]) == 0
    assert capsys.readouterr().out.strip() == str((tmp_path / "seeds").resolve())
    monkeypatch.setenv("AKHBAR_SEEDS_DIR", str(tmp_path / "mine"))
    assert main(["seeds", "--path"]) == 2  # named, but missing: one line
    err = capsys.readouterr().err.strip()
    assert err == f"akhbar: error: {tmp_path / 'mine'}: no such seeds directory"
    assert main(["seeds", "--path", "--seeds", str(tmp_path / "seeds")]) == 0
    assert capsys.readouterr().out.strip() == str((tmp_path / "seeds").resolve())
