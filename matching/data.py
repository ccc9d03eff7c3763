"""Loaders for the public reference data shipped in the repository's ``data/`` folder."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parents[1] / "data"


@dataclass(frozen=True)
class LabelledTitle:
    """A dev patent title with its IPC subclasses (``data/cn_patent_titles_ipc.csv``)."""

    id: str
    title: str
    subclasses: tuple[str, ...]


@dataclass(frozen=True)
class LabelledPatent:
    """An agricultural patent with title, abstract and IPC subclass (``data/cn_a01_patents.jsonl``)."""

    id: str
    title: str
    abstract: str
    subclass: str


@dataclass(frozen=True)
class Industry:
    """One GB/T 4754-2017 entry (any level)."""

    code: str
    level: int
    name: str
    remark: str
    parent: str


def subclass_of(code: str) -> str:
    """Return the 4-character IPC subclass of any IPC code (``"H01M 4/00"`` -> ``"H01M"``)."""
    return code.replace(" ", "")[:4].upper()


@lru_cache(maxsize=1)
def ipc_titles() -> dict[str, str]:
    """Return IPC code -> Chinese title for sections, classes and subclasses."""
    with open(DATA_DIR / "ipc_zh_subclasses.json", encoding="utf-8") as f:
        return dict(json.load(f))


@lru_cache(maxsize=1)
def ipc_subclass_titles() -> dict[str, str]:
    """Return IPC subclass (4 characters) -> Chinese title."""
    return {k: v for k, v in ipc_titles().items() if len(k) == 4}


@lru_cache(maxsize=1)
def ipc_group_titles() -> dict[str, str]:
    """Return IPC main group (``"H01M 4/00"``) -> Chinese title."""
    with open(DATA_DIR / "ipc_zh_main_groups.json", encoding="utf-8") as f:
        return dict(json.load(f))


@lru_cache(maxsize=1)
def labelled_titles() -> tuple[LabelledTitle, ...]:
    """Return the 7,838 dev titles with their IPC subclasses."""
    with open(DATA_DIR / "cn_patent_titles_ipc.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return tuple(
        LabelledTitle(r["publication_number"], r["title"], tuple(r["ipc_subclasses"].split("|")))
        for r in rows
    )


@lru_cache(maxsize=1)
def abstracts() -> tuple[tuple[str, str], ...]:
    """Return (title, abstract) pairs of the 958 patents with abstracts (no IPC)."""
    with open(DATA_DIR / "cn_patents_with_abstracts.jsonl", encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    return tuple((r["title"], r["abstract"]) for r in rows)


@lru_cache(maxsize=1)
def a01_patents() -> tuple[LabelledPatent, ...]:
    """Return the 7,932 agricultural patents (IPC class A01) with their subclass."""
    with open(DATA_DIR / "cn_a01_patents.jsonl", encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    return tuple(
        LabelledPatent(r["application_number"], r["title"], r["abstract"] or "", r["ipc_subclass"])
        for r in rows
    )


def _industry_code(row: dict[str, str]) -> tuple[str, str]:
    """Return (code, parent code) of a GB/T 4754 row; sections are letters, others digits."""
    parts = [row["section"], row["division"], row["group"], row["cls"]]
    level = int(row["level"])
    code = parts[level - 1]
    parent = parts[level - 2] if level > 1 else ""
    return code, parent


@lru_cache(maxsize=1)
def industries() -> dict[str, Industry]:
    """Return GB/T 4754-2017 code -> entry, all four levels (``"C"``, ``"38"``, ``"384"``, ``"3841"``)."""
    with open(DATA_DIR / "gbt4754_2017.json", encoding="utf-8") as f:
        rows = json.load(f)
    out: dict[str, Industry] = {}
    for r in rows:
        code, parent = _industry_code(r)
        out[code] = Industry(code, int(r["level"]), r["name"], r["remark"] or "", parent)
    return out


def normalise_industry(code: str) -> str:
    """Strip a section letter prefix (``"C3841"`` -> ``"3841"``) unless the code is a bare section."""
    code = code.strip().upper()
    return code[1:] if len(code) > 1 and code[0].isalpha() else code
