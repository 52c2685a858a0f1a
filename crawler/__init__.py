"""akhbar: a news crawler that keeps a clean, de-duplicated archive of the press."""

from __future__ import annotations

__version__ = "0.1.0"
