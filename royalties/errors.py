"""Errors raised by the royalties package."""

from collections.abc import Mapping


class EstimateInputError(ValueError):
    """Bad input, with one Chinese message per offending field.

    Construct with one field, ``EstimateInputError("profit_margin_pct", "利润率不得超过100%")``,
    or with several, ``EstimateInputError({"a": "...", "b": "..."})``.

    Attributes:
        errors: field name -> message in Simplified Chinese, in the order found.
        field: the first field name (convenience for single-field callers).
        message: the first message.
    """

    def __init__(self, field: str | Mapping[str, str], message: str | None = None) -> None:
        if isinstance(field, str):
            self.errors: dict[str, str] = {field: message or "输入无效"}
        else:
            self.errors = dict(field)
        if not self.errors:
            raise ValueError("EstimateInputError needs at least one field error")
        self.field, self.message = next(iter(self.errors.items()))
        super().__init__("; ".join(f"{k}: {v}" for k, v in self.errors.items()))
