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
