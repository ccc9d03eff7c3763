"""Contrastive training pairs for the static encoder, built from public scheme text only."""

from __future__ import annotations

from collections.abc import Iterable

from matching import data

Pair = tuple[str, str]


def ipc_scheme_pairs() -> list[Pair]:
    """Return (main group title, subclass title) and (subclass title, class title) pairs."""
    titles = data.ipc_titles()
    pairs = [
        (t, titles[data.subclass_of(code)])
        for code, t in data.ipc_group_titles().items()
        if data.subclass_of(code) in titles
    ]
    pairs += [(t, titles[code[:3]]) for code, t in data.ipc_subclass_titles().items() if code[:3] in titles]
    return pairs


def abstract_pairs(max_chars: int = 160) -> list[Pair]:
    """Return (title, abstract opening) pairs of the 958 patents with abstracts."""
    return [(title, abstract[:max_chars]) for title, abstract in data.abstracts() if abstract]


def industry_pairs() -> list[Pair]:
    """Return GB/T 4754 (name, remark) and (name, parent name) pairs."""
    inds = data.industries()
    pairs = [(i.name, i.remark[:160]) for i in inds.values() if len(i.remark) > 4]
    pairs += [(i.name, inds[i.parent].name) for i in inds.values() if i.parent in inds and i.level > 2]
    return pairs


def title_pairs(exclude_ids: Iterable[str] = ()) -> list[Pair]:
    """Return (dev title, its subclass title) pairs; uses dev labels, so exclude evaluated ids."""
    skip = set(exclude_ids)
    titles = data.ipc_subclass_titles()
    return [
        (t.title, titles[s])
        for t in data.labelled_titles()
        if t.id not in skip
        for s in t.subclasses
        if s in titles
    ]


def default_pairs() -> list[Pair]:
    """Return the label-free pairs the shipped encoder is trained on (no dev title labels)."""
    return ipc_scheme_pairs() + abstract_pairs() + industry_pairs()


def corpus_texts() -> list[str]:
    """Return all reference texts used to learn the tokenizer vocabulary (no labels involved)."""
    texts = list(data.ipc_titles().values()) + list(data.ipc_group_titles().values())
    texts += [t.title for t in data.labelled_titles()]
    texts += [f"{t} {a}" for t, a in data.abstracts()]
    texts += [f"{i.name} {i.remark}" for i in data.industries().values()]
    return texts
