"""The packages of the wheel: everything else is in pyproject.toml.

The seeds directory stays at the top of the checkout (``seeds/``, where users edit and review it)
and is shipped inside the package as ``crawler/bundled_seeds/`` (``crawler.config.bundled_seeds_dir``
finds it), so an installed akhbar can crawl the bundled outlets from any directory.
"""

from __future__ import annotations

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["crawler*", "storage*"]), "crawler.bundled_seeds"],
    package_dir={"crawler.bundled_seeds": "seeds"},
)
