"""The bare baseline as a command: a single-process trafilatura loop over one WARC.

    python -m benchmarks.bare_trafilatura FILE.warc.gz

What a user would write without akhbar: read the WARC's responses with warcio and call
``trafilatura.bare_extraction`` on each, with the settings of the in-process baseline
(metadata on, comments off, no deduplication). Imports only those two, so a
timing of the whole process compares start-up costs too.
"""

from __future__ import annotations

import sys

import trafilatura
from warcio.archiveiterator import ArchiveIterator


def main(path: str) -> int:
    n = 0
    with open(path, "rb") as fh:
        for record in ArchiveIterator(fh):
            if record.rec_type != "response":
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            trafilatura.bare_extraction(
                record.content_stream().read(), url=url, with_metadata=True, include_comments=False, deduplicate=False
            )
            n += 1
    return n


if __name__ == "__main__":
    print(main(sys.argv[1]))
