"""The single extraction and de-duplication path.

This package imports neither Scrapy nor ``storage``: a live crawl and an offline
re-process hand it the same :class:`~crawler.items.RawPage` and get the same result.
"""

from __future__ import annotations

from crawler.processing.datasketch_import import import_datasketch

import_datasketch()
