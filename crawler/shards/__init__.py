"""``akhbar reprocess --shards N``: a re-process in two phases, the first one on an engine.

Phase 1 (:mod:`.analyse`, run by datatrove's executors): the pure per-page analysis
(:func:`crawler.run.budget.analyse_and_pack`) of every input file, in N shards, each written to a
file of the work directory (:mod:`.layout`, in the format of :mod:`.records`). Phase 2
(:mod:`.settle`): the inputs read again in order, each page settled by the one
:class:`~crawler.run.ingest.Ingestor` with its analysis read back. :mod:`.plan` checks a run and
drives both phases; :mod:`.cluster` gives phase 1's step to datatrove's cluster executors.

Invariant: the store is the one a plain ``akhbar reprocess`` of the same inputs builds, whatever
N, whatever machines ran phase 1.
"""
