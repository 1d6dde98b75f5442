"""Import boundaries of the sign-in code, checked in a fresh interpreter."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def loaded_after(imports: str) -> set[str]:
    code = f"import sys\nimport {imports}\nprint(' '.join(sorted(m.split('.')[0] for m in sys.modules)))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                            timeout=60, check=True)
    return set(result.stdout.split())


def test_the_sign_in_view_loads_no_aws_sdk():
    loaded = loaded_after("cognito_tui.tui.signin, cognito_tui.tui.signin.app, cognito_tui.commands.signin")
    assert not loaded & {"boto3", "botocore", "pycognito", "moto"}


def test_the_sign_in_core_loads_no_textual():
    loaded = loaded_after("cognito_tui.signin, cognito_tui.aws.auth, cognito_tui.snippets, "
                          "cognito_tui.aws_credentials_file, cognito_tui.commands.credentials")
    assert "textual" not in loaded


def test_pycognito_is_imported_only_by_aws_auth():
    users = [p.relative_to(ROOT).as_posix() for p in (ROOT / "cognito_tui").rglob("*.py")
             if "pycognito" in p.read_text() and "import" in p.read_text()
             and any(line.lstrip().startswith(("import pycognito", "from pycognito"))
                     for line in p.read_text().splitlines())]
    assert users == ["cognito_tui/aws/auth.py"]
