"""Labelled enums: a member's label is written once, beside its value, and select choices come from it."""

from __future__ import annotations

import pytest
from flask_babel import refresh

from app.forms import label_choices
from app.i18n import N_, Labelled, label
from app.patents.models import LegalStatus, PatentKind


def test_members_carry_their_label_and_are_looked_up_by_value() -> None:
    assert PatentKind("invention") is PatentKind.INVENTION
    assert PatentKind.INVENTION.label == "发明" and PatentKind.INVENTION == "invention"
    assert label(LegalStatus.LAPSED) == "终止（未缴年费等）" and label(None) == "—"
    with pytest.raises(ValueError):
        PatentKind("发明")  # a label is not a value


def test_a_member_without_a_label_is_refused_when_the_class_is_made() -> None:
    with pytest.raises(TypeError, match="'b' has no label"):

        class Broken(Labelled):
            A = "a", N_("甲")
            B = "b"


def test_choices_follow_the_language(app) -> None:
    with app.test_request_context("/?lang=en"):
        refresh()
        pairs = [(c.value, str(c.label)) for c in label_choices(PatentKind, first=[("", "—")])]
    english = [("invention", "Invention"), ("utility_model", "Utility model"), ("design", "Design")]
    assert pairs == [("", "—"), *english]
