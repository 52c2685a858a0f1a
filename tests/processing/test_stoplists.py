from __future__ import annotations

from pathlib import Path

import pytest

from crawler.processing.stoplists import cache_dir, merged_stoplist


def test_the_merged_stoplist_is_built_once_then_read_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    calls: list[int] = []

    def build() -> tuple[str, ...]:
        calls.append(1)
        return ("the", "and", "في", "من")

    first = merged_stoplist(build)
    second = merged_stoplist(build)
    assert calls == [1] and set(second) == set(first) == {"the", "and", "في", "من"}
    names = [p.name for p in cache_dir().iterdir()]
    assert len(names) == 1 and names[0].startswith("justext-") and names[0].endswith(".txt")  # no temporary


def test_an_unwritable_cache_still_gives_the_words(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # the cache directory cannot be made under a file
    assert merged_stoplist(lambda: ("a", "b")) == ("a", "b")


def test_the_real_merge_read_back_is_the_same_set(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from trafilatura import external

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    built = merged_stoplist(external.jt_stoplist_init)
    assert set(merged_stoplist(lambda: ())) == set(built) and len(built) > 1000
