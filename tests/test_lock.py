"""The lock files: every dependency pinned to one version with its hashes, one resolution for both
files, pyproject.toml's ranges met, and this environment installed from them."""

from __future__ import annotations

import re
import tomllib
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
LOCKS = {"run": ROOT / "requirements" / "run.txt", "dev": ROOT / "requirements" / "dev.txt"}
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)\s*(?:;\s*([^\\]+?))?\s*\\?$")


def read_lock(path: Path) -> dict[str, tuple[str, str | None, int]]:
    """{package: (version, marker, number of hashes)}."""
    pins, current = {}, None
    for line in path.read_text(encoding="utf-8").splitlines():
        if match := PIN.match(line):
            current = canonicalize_name(match[1])
            pins[current] = (match[2], match[3], 0)
        elif current and line.strip().startswith("--hash=sha256:"):
            found, marker, hashes = pins[current]
            pins[current] = (found, marker, hashes + 1)
        elif line and not line.startswith((" ", "#")):
            pytest.fail(f"{path.name}: a line that pins nothing: {line!r}")
    return pins


def declared() -> dict[str, list[Requirement]]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    build = [Requirement(line) for line in (ROOT / "requirements" / "build.in").read_text().splitlines()
             if line and not line.startswith("#")]
    extras = project["optional-dependencies"]
    return {"run": [Requirement(r) for r in project["dependencies"] + extras["postgres"]] + build,
            "dev": [Requirement(r) for r in project["dependencies"] + sum(extras.values(), [])] + build}


@pytest.mark.parametrize("name", LOCKS)
def test_every_declared_dependency_is_locked_within_its_range(name):
    pins = read_lock(LOCKS[name])
    for requirement in declared()[name]:
        key = canonicalize_name(requirement.name)
        assert key in pins, f"{requirement.name} is not in {LOCKS[name].name}: run `make lock`"
        assert requirement.specifier.contains(pins[key][0], prereleases=True), (
            f"{LOCKS[name].name} pins {requirement.name}=={pins[key][0]}, outside {requirement}: run `make lock`")


@pytest.mark.parametrize("name", LOCKS)
def test_every_pin_carries_its_hashes(name):
    pins = read_lock(LOCKS[name])
    assert len(pins) > 20
    unhashed = [package for package, (_, _, hashes) in pins.items() if hashes == 0]
    assert not unhashed


def test_both_files_are_one_resolution():
    run, dev = read_lock(LOCKS["run"]), read_lock(LOCKS["dev"])
    assert set(run) <= set(dev)
    assert {p: run[p][0] for p in run} == {p: dev[p][0] for p in run}


def test_this_environment_is_installed_from_the_lock():
    """What `make test` installed is what the lock says, to the version (a stale or hand-made
    environment fails here: run `make setup-test`)."""
    wrong = []
    for package, (locked, marker, _) in read_lock(LOCKS["dev"]).items():
        if marker and not Marker(marker).evaluate():
            continue
        try:
            installed = version(package)
        except PackageNotFoundError:
            installed = None
        if installed != locked:
            wrong.append(f"{package}: locked {locked}, installed {installed}")
    assert not wrong
