import subprocess
import sys
from pathlib import Path

import pytest

from matching import data
from matching.ipc_suggest import suggest_from
from matching.resources import Resources


def test_suggest_ipc_valid_subclasses(resources: Resources) -> None:
    out = suggest_from(
        resources.inferrer, ["一种锂离子电池正极材料及其制备方法", "一种治疗失眠的中药组方"], k=3
    )
    valid = data.ipc_subclass_titles()
    for suggestions in out:
        assert 1 <= len(suggestions) <= 3
        assert all(s in valid and title == valid[s] and 0 < p <= 1 for s, p, title in suggestions)
    assert out[0][0][0] == "H01M"
    assert "A61K" in [s for s, _, _ in out[1]]


def test_industry_link_is_plausible(resources: Resources) -> None:
    # 3841 = 锂离子电池制造 -> H01M (batteries) among its derived subclasses
    assert "H01M" in [s for s, _ in resources.industry.top("3841", 5)]


def test_matching_imports_neither_flask_nor_app() -> None:
    code = (
        "import sys, matching.matcher, matching.eval, matching.train, matching.ipc_suggest, matching.index;"
        "bad = [m for m in sys.modules if m in ('flask', 'app') or m.startswith(('flask.', 'app.'))];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    root = Path(__file__).resolve().parents[2]
    run = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout + run.stderr


def test_encoder_never_trains_at_run_time(tmp_path: Path) -> None:
    from matching.encoder import Encoder

    with pytest.raises(FileNotFoundError, match="matching.train"):
        Encoder(tmp_path)
