"""The pool fixtures (operator, real G01F patents, pools with consents) serve this domain's tests too."""

from tests.pools.conftest import _app_context, make_pool, operator, pool_patent  # noqa: F401
