"""Domain errors and the handlers that turn them into pages or JSON errors."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from flask import Flask, Response, flash, jsonify, redirect, render_template, request
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError
from werkzeug.exceptions import HTTPException

from app.extensions import db


class DomainError(Exception):
    """A business rule refused the action; the message is shown to the user."""

    status = 409
    code = "conflict"

    def __init__(self, message: str, fields: dict[str, str] | None = None, rule: str | None = None):
        super().__init__(message)
        self.message = message
        self.fields = fields or {}
        self.rule = rule


class ValidationFailed(DomainError):
    status = 422
    code = "validation_failed"


def clauses(messages: Iterable[str]) -> str:
    """Field messages as one sentence of clauses, "A；B。": the full stop of each but the last dropped."""
    items = list(messages)
    return "；".join([m.rstrip("。") for m in items[:-1]] + items[-1:])


class NotFound(DomainError):
    status = 404
    code = "not_found"


M = TypeVar("M")


def get_or_404(model: type[M], ident: Any, message: str) -> M:
    """The row of `model` with this primary key, else NotFound with the user-facing message."""
    row = db.session.get(model, ident)
    if row is None:
        raise NotFound(message)
    return row


class Forbidden(DomainError):
    status = 403
    code = "forbidden"


class RuleViolation(DomainError):
    """An open-licence legal rule refuses the action; `rule` names it (e.g. 'granted_in_force')."""

    status = 409
    code = "rule_violation"


def wants_json() -> bool:
    return request.path.startswith("/api/")


def json_error(status: int, code: str, message: str, fields: dict[str, str] | None = None) -> Response:
    """The one JSON error shape: {"error": {"code", "message", "fields"}}."""
    resp = jsonify({"error": {"code": code, "message": message, "fields": fields or {}}})
    resp.status_code = status
    return resp


def _domain_error(err: DomainError) -> Response | tuple[str, int]:
    db.session.rollback()
    if wants_json():
        return json_error(err.status, err.code, err.message, err.fields)
    if err.status in (400, 403, 404):  # a page that cannot be shown, not a refused action: no redirect
        return render_template("errors/error.html", status=err.status, message=err.message), err.status
    flash(err.message, "error")
    return redirect(request.referrer or "/")  # type: ignore[return-value]


def _too_large_message() -> str:
    return _("提交的内容过大：表单和 JSON 请求最多 2 MB，文件上传最多 5 MB。")


def _http_error(err: HTTPException) -> Response | tuple[str, int]:
    if err.code and err.code >= 500:
        db.session.rollback()
    if wants_json():
        description = _too_large_message() if err.code == 413 else err.description or ""
        return json_error(err.code or 500, (err.name or "error").lower().replace(" ", "_"), description)
    messages = {
        400: _("请求无效。"),
        403: _("您没有权限执行此操作。"),
        404: _("页面不存在。"),
        405: _("不支持该请求方法。"),
        413: _too_large_message(),
        500: _("服务器内部错误，请稍后再试。"),
    }
    message = messages.get(err.code or 500, err.description or "")
    return render_template("errors/error.html", status=err.code, message=message), err.code or 500


def _integrity_error(err: IntegrityError) -> Response | tuple[str, int]:
    """A unique constraint caught what a service check missed (two requests at once): a clear 409."""
    return _domain_error(
        DomainError(_("数据冲突：该记录已存在或刚被他人修改（可能是重复提交），请刷新后重试。"))
    )


def register_errorhandlers(app: Flask) -> None:
    app.register_error_handler(DomainError, _domain_error)
    app.register_error_handler(IntegrityError, _integrity_error)
    app.register_error_handler(HTTPException, _http_error)
