"""Royalty estimation and royalty arithmetic for patent open licences (专利开放许可).

Pure Python: no Flask, no ``app`` import. The app passes frozen dataclasses in and gets
frozen dataclasses (or ``estimate.to_dict`` output) back. See ``royalties/README.md``.
"""

from royalties.errors import EstimateInputError

__all__ = ["EstimateInputError"]
