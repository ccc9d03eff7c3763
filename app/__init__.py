"""Open Licence Exchange (开放许可撮合平台): the Flask application factory."""

from __future__ import annotations

import importlib
from typing import Any

from flask import Flask, g, has_request_context, request, session
from flask_babel import gettext, refresh
from flask_login import current_user

from app.config import Config, config_for_env
from app.extensions import babel, csrf, db, limiter, login_manager, migrate
from app.i18n import N_

# Each entry is a package with a blueprint `bp`; its models module (if any) is imported with it.
BLUEPRINTS = (
    "app.auth",
    "app.market",
    "app.patents",
    "app.declarations",
    "app.licences",
    "app.estimate",
    "app.matches",
    "app.needs",
    "app.api",
    "app.alliances",
    "app.pools",
    "app.crosslicences",
    "app.stats",
    "app.fees",
    "app.highvalue",
    "app.payments.routes",
    "app.opendata",
    "app.reminders",
    "app.coowners",
    "app.recordals",
    "app.valuations",
    "app.monitoring",
)

MODEL_MODULES = (
    "app.auth.models",
    "app.patents.models",
    "app.declarations.models",
    "app.licences.models",
    "app.alliances.models",
    "app.pools.models",
    "app.crosslicences.models",
    "app.matches.models",
    "app.needs.models",
    "app.fees.models",
    "app.highvalue.models",
    "app.payments.models",
    "app.reminders.models",
    "app.coowners.models",
    "app.recordals.models",
    "app.stats.models",
    "app.demo.models",
)


def create_app(config: type[Config] | None = None, **overrides: Any) -> Flask:
    """Build the app: configure, then a short list of register steps."""
    app = Flask(__name__)
    app.config.from_object(config or config_for_env())
    app.config.update(overrides)
    if app.config.get("OLE_ENV", Config.ENV_NAME) == "production":
        Config.check()
    register_models()
    register_extensions(app)
    register_input_guards(app)  # before the blueprints: their <int:...> routes use its converter
    register_blueprints(app)
    register_errorhandlers(app)
    register_template_helpers(app)
    register_commands(app)
    register_worker(app)
    if app.config.get("OLE_ENV", Config.ENV_NAME) == "production":
        refuse_demo_in_production(app)
    return app


def refuse_demo_in_production(app: Flask) -> None:
    """Production refuses to start while a demo account (public password) exists."""
    from app.demo.guard import refuse_demo_accounts

    with app.app_context():
        refuse_demo_accounts()


def register_models() -> None:
    for name in MODEL_MODULES:
        importlib.import_module(name)


def select_locale() -> str:
    if not has_request_context():
        return "zh"
    lang = request.args.get("lang") or session.get("lang")
    if lang in ("zh", "en"):
        return lang
    return "zh"


def register_extensions(app: Flask) -> None:
    db.init_app(app)
    migrate.init_app(app, db, directory=str(app.root_path + "/../migrations"), render_as_batch=True)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = N_("请先登录。")
    login_manager.localize_callback = gettext  # translated when flashed, in the visitor's language
    login_manager.login_message_category = "info"
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    limiter.init_app(app)
    from app import httpcache

    httpcache.init_app(app)


def register_blueprints(app: Flask) -> None:
    for name in BLUEPRINTS:
        module = importlib.import_module(name)
        app.register_blueprint(module.bp)
    api = importlib.import_module("app.api")
    csrf.exempt(api.bp)  # the API authenticates with bearer tokens, not cookies


def register_errorhandlers(app: Flask) -> None:
    from app.errors import register_errorhandlers as register

    register(app)
    from app.security import register_security

    register_security(app)


def register_template_helpers(app: Flask) -> None:
    from app.templating import register_filters

    register_filters(app)

    @app.before_request
    def remember_locale() -> None:
        # Flask-Babel caches the locale on the app context; tests keep one context over many requests.
        refresh()
        lang = request.args.get("lang")
        if lang in ("zh", "en") and session.get("lang") != lang:  # unchanged: the page stays cacheable
            session["lang"] = lang
        g.user = current_user


def register_input_guards(app: Flask) -> None:
    from app import inputs

    inputs.init_app(app)


def register_commands(app: Flask) -> None:
    from app.cli import register

    register(app)


def register_worker(app: Flask) -> None:
    """Celery for the background tasks (eager without REDIS_URL); see app/worker/."""
    from app.worker import init_celery

    init_celery(app)
