"""Chinese IPC subclass titles for labels (data/ipc_zh_subclasses.json, IPC 2026.01, see data/README.md)."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parents[2] / "data" / "ipc_zh_subclasses.json"

# The source keeps line-wrap spaces inside Chinese text ("禾 秆"); drop spaces between CJK characters.
_CJK_GAP = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef])\s+(?=[\u3000-\u9fff\uff00-\uffef])")


@lru_cache(maxsize=1)
def subclass_titles() -> dict[str, str]:
    """Code ('H01M', also sections and classes) -> Chinese title; empty when the data file is missing."""
    if not DATA_FILE.exists():
        return {}
    raw: dict[str, str] = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    return {code: _CJK_GAP.sub("", title).strip() for code, title in raw.items()}


def ipc_title(code: str) -> str:
    """The Chinese title of a code's subclass ('H01M 4/525' -> the H01M title), or '' when unknown."""
    return subclass_titles().get(code.replace(" ", "")[:4].upper(), "")
