"""Patents -> strategic emerging industries (matching.sei over the official 2021 concordance in data/)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from app.patents.models import Patent
from matching.sei import SeiTable
from matching.types import SeiMatch

TABLE_PATH = Path(__file__).resolve().parents[2] / "data" / "sei2021_ipc.jsonl"


@lru_cache(maxsize=1)
def sei_table() -> SeiTable:
    """The concordance, loaded once per process."""
    return SeiTable.from_jsonl(TABLE_PATH)


def patent_sei(patent: Patent) -> list[SeiMatch]:
    """The strategic emerging industries a patent's IPC codes fall in, with the evidence."""
    return sei_table().classify(patent.ipc_codes)
