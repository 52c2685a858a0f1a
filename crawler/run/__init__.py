"""The run machinery shared by ``akhbar crawl`` and ``akhbar reprocess``, one concern a module.

``lock`` (one writer per data dir), ``budget`` (one page's analysis, bounded in time), ``pool``
(the worker processes), ``executor`` (analyse in N processes, settle in input order), ``ingest``
(the per-page flow: admit, archive, decide, store), ``session`` (a run's life: lock, store, run
row, archive writer; a crawl's session on top of it). Invariant: nothing here imports Scrapy.
"""
