"""The royalties package must not import Flask or the app."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CODE = (
    "import royalties, royalties.estimate, royalties.rates, royalties.running, royalties.pools, "
    "royalties.cross, royalties.types; import sys; "
    "bad = [m for m in sys.modules if m == 'flask' or m.startswith('flask.') or m == 'app' "
    "or m.startswith('app.')]; assert not bad, bad"
)


def test_no_flask_no_app() -> None:
    done = subprocess.run([sys.executable, "-c", CODE], cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
