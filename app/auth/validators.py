"""Format checks for identifiers users type in: unified social credit codes (GB 32100-2015)."""

from __future__ import annotations

from flask_babel import gettext as _

USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def uscc_check_char(first17: str) -> str:
    """The check character of a unified social credit code (GB 32100-2015, clause 5)."""
    total = sum(USCC_CHARSET.index(c) * w for c, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_CHARSET[(31 - total % 31) % 31]


def uscc_error(code: str) -> str | None:
    """Why `code` is not a valid unified social credit code, or None when it is."""
    code = code.strip().upper()
    if len(code) != 18:
        return _("统一社会信用代码应为 18 位。")
    bad = [c for c in code if c not in USCC_CHARSET]
    if bad:
        return _("统一社会信用代码含有无效字符：%(chars)s（不使用 I、O、Z、S、V）。", chars="".join(bad))
    if uscc_check_char(code[:17]) != code[17]:
        return _("统一社会信用代码校验位不正确，请核对。")
    return None
