"""`flask matching eval|train` are thin wrappers: arguments and feedback pairs reach matching/."""

from __future__ import annotations

import pytest

from app.extensions import db
from app.matches.models import Feedback
from tests.matches.conftest import FLOW_METER, SODIUM_CATHODE


@pytest.mark.parametrize(("extra", "expected"), [([], []), (["--no-ipc"], ["--no-ipc"])])
def test_eval_passes_arguments_through(app, monkeypatch, tmp_path, extra, expected):
    from matching import eval as matching_eval

    corpus, queries = tmp_path / "c.jsonl", tmp_path / "q.jsonl"
    corpus.write_text("{}\n")
    queries.write_text("{}\n")
    seen = []
    monkeypatch.setattr(matching_eval, "main", lambda argv: seen.append(argv) or 0)
    args = ["matching", "eval", "--corpus", str(corpus), "--queries", str(queries), "--k", "10", *extra]
    assert app.test_cli_runner().invoke(args=args).exit_code == 0
    assert seen == [["--corpus", str(corpus), "--queries", str(queries), "--k", "10", *expected]]


def test_eval_refuses_a_missing_file(app):
    result = app.test_cli_runner().invoke(
        args=["matching", "eval", "--corpus", "nope.jsonl", "--queries", "x"]
    )
    assert result.exit_code == 2


def test_train_uses_useful_feedback_as_pairs(app, monkeypatch, tmp_path, licence, enterprise):
    from matching import train as matching_train

    buyer = enterprise(needs="钠离子电池正极材料")
    liked, disliked = licence(SODIUM_CATHODE), licence(FLOW_METER)
    db.session.add_all(
        [
            Feedback(user_id=buyer.id, declaration_id=liked.id, useful=True),
            Feedback(user_id=buyer.id, declaration_id=disliked.id, useful=False),
        ]
    )
    db.session.commit()
    calls = []
    monkeypatch.setattr(matching_train, "train", lambda out, **kw: calls.append((out, kw)) or out)
    result = app.test_cli_runner().invoke(
        args=["matching", "train", "--out", str(tmp_path / "m"), "--epochs", "1"]
    )
    assert result.exit_code == 0, result.output
    ((out, kw),) = calls
    assert str(out) == str(tmp_path / "m") and kw["epochs"] == 1
    assert kw["extra_pairs"] == [("钠离子电池正极材料", SODIUM_CATHODE[1])]
