"""The matcher fixtures of tests/matches: real patents as published licences, enterprises with profiles."""

from tests.matches.conftest import enterprise, licence  # noqa: F401
