"""The README's two commands stay true: a project virtualenv made from the
distribution's own Python, and CI running exactly README command 2."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
DISTRO_PYTHON = Path("/usr/bin/python3")


def readme_commands() -> list[str]:
    section = README.split("## The two commands", 1)[1].split("\n## ", 1)[0]
    return [c.strip() for c in re.findall(r"```\n(.+?)\n\s*```", section)][:2]


def test_readme_command_one_bootstraps_a_venv_and_runs_the_demo():
    one, _ = readme_commands()
    assert one == "bash scripts/bootstrap.sh && .venv/bin/linkprospector demo"


def test_ci_runs_exactly_readme_command_two():
    _, two = readme_commands()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()
    assert ci[-1] == two


def test_ci_suite_runs_in_a_venv_of_the_distributions_python():
    """The suite itself proves command 1's route on a PEP 668 Python: README command 2
    (.ci/install) made this interpreter's venv from /usr/bin/python3 with bootstrap.sh."""
    if not DISTRO_PYTHON.exists():  # no distribution Python: .ci/install used python3
        assert sys.prefix != sys.base_prefix
        return
    assert sys.prefix != sys.base_prefix, "the suite must run inside the project venv"
    assert Path(sys.prefix).resolve() == (ROOT / ".venv").resolve()
    cfg = (Path(sys.prefix) / "pyvenv.cfg").read_text(encoding="utf-8")
    assert "home = /usr/bin" in cfg
    script = Path(sys.prefix) / "bin" / "linkprospector"
    proc = subprocess.run([str(script), "--help"], capture_output=True, text=True, check=False)
    assert proc.returncode == 0 and "demo" in proc.stdout


def test_bootstrap_refuses_a_missing_python_in_one_line(tmp_path):
    proc = subprocess.run(
        ["bash", str(ROOT / "scripts" / "bootstrap.sh")],
        env={**os.environ, "PYTHON": str(tmp_path / "no-such-python")},
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0
    assert "not found" in proc.stderr and "Traceback" not in proc.stderr


def test_bootstrap_refuses_an_old_python(tmp_path):
    fake = tmp_path / "python3"
    fake.write_text(
        "#!/bin/sh\nif [ \"$1\" = -V ]; then echo 'Python 3.8.10'; exit 0; fi\nexit 1\n"
    )
    fake.chmod(0o755)
    proc = subprocess.run(
        ["bash", str(ROOT / "scripts" / "bootstrap.sh")],
        env={**os.environ, "PYTHON": str(fake), "LINKPROSPECTOR_VENV": str(tmp_path / "v")},
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert "too old" in proc.stderr and "3.8.10" in proc.stderr
    assert not (tmp_path / "v").exists()


def test_bootstrap_remakes_a_venv_another_python_made(tmp_path):
    """README command 1 may have made .venv from another Python first on PATH (pyenv);
    command 2 names the distribution's (PYTHON), so the venv is made again from it."""
    base = Path(sys.base_prefix) / "bin" / "python3"  # what made this suite's venv
    venv = tmp_path / "venv"
    venv.mkdir()
    (venv / "pyvenv.cfg").write_text("home = /opt/another-python/bin\n", encoding="utf-8")
    proc = subprocess.run(
        ["bash", str(ROOT / "scripts" / "bootstrap.sh")],
        env={**os.environ, "PYTHON": str(base), "LINKPROSPECTOR_VENV": str(venv)},
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    assert "making it again from" in proc.stderr
    cfg = (venv / "pyvenv.cfg").read_text(encoding="utf-8")
    assert f"home = {base.resolve().parent}" in cfg
    assert (venv / "bin" / "linkprospector").exists()
