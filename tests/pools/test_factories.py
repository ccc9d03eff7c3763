"""pool_patent gives unique rows: after make_patent() took CN111504366B, and beyond its eight real patents."""

from typing import Any

from app.auth.models import Role


def test_pool_patent_never_reuses_a_number(make_user: Any, make_patent: Any, pool_patent: Any) -> None:
    owner = make_user(Role.PATENTEE)
    numbers = [make_patent().publication_number] + [pool_patent(owner).publication_number for _ in range(10)]
    assert len(set(numbers)) == len(numbers)
