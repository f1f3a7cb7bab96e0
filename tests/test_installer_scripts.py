"""install.sh and uninstall.sh, run as a user runs them, on a stand-in app.

The archive's layout is the real one (make_archive.write_scripts fills in the
same templates); the app inside is a small shell script, so these tests need
no PyInstaller build (`make installer-check` runs the real one).

Without write access: as root, which writes anywhere, a read-only bind mount
in a private mount namespace (`unshare --mount`) stands in for a folder the
user cannot write; otherwise the folder is made read-only with chmod.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REPO
from tools.installer_check import exec_argv, parse_desktop_entry, png_size, snapshot

pytestmark = pytest.mark.installer

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_archive = _load("offload_make_archive", REPO / "packaging" / "make_archive.py")


def unpack(folder: Path, version: str = "0.1.0", extra_file: str | None = None) -> Path:
    """An unpacked archive (install.sh, uninstall.sh, offload/) in `folder`."""
    app = folder / "offload"
    resources = app / "_internal" / "desktop_app" / "resources"
    shutil.copytree(REPO / "resources" / "icons", resources / "icons")
    shutil.copy(REPO / "resources" / "offload.desktop", resources / "offload.desktop")
    program = app / "offload"
    program.write_text('#!/bin/sh\necho "stand-in offload $*"\n', encoding="utf-8")
    program.chmod(0o755)
    if extra_file:
        (app / "_internal" / extra_file).write_text("only in this version", encoding="utf-8")
    make_archive.write_scripts(folder, version)
    return folder


@pytest.fixture
def unpacked(tmp_path: Path) -> Path:
    return unpack(tmp_path / "offload-0.1.0-linux-x86_64")


@pytest.fixture
def home(tmp_path: Path) -> Path:
    folder = tmp_path / "user"
    folder.mkdir()
    return folder


def run_script(
    script: Path,
    home: Path,
    *args: str,
    read_only: Path | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess:
    """Run install.sh or uninstall.sh for the user whose HOME is `home`."""
    full_env = {"PATH": os.environ["PATH"], "HOME": str(home), **(env or {})}
    command = [str(script), *args]
    if read_only is not None and os.geteuid() == 0:
        command = [
            "unshare",
            "--mount",
            "--propagation",
            "private",
            "sh",
            "-c",
            'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" "$1" && shift && exec "$@"',
            "sh",
            str(read_only),
            *command,
        ]
    elif read_only is not None:
        read_only.chmod(0o555)
    try:
        return subprocess.run(
            command,
            env=full_env,
            cwd=script.parent,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    finally:
        if read_only is not None and os.geteuid() != 0:
            read_only.chmod(0o755)


def installed_paths(home: Path) -> dict[str, Path]:
    share = home / ".local" / "share"
    return {
        "app": home / ".local" / "opt" / "offload",
        "desktop": share / "applications" / "offload.desktop",
        "hicolor": share / "icons" / "hicolor",
    }


def seed_user_data(home: Path) -> None:
    data = home / ".local" / "share" / "Offload" / "Offload"
    data.mkdir(parents=True)
    (data / "offload.sqlite3").write_bytes(b"SQLite format 3\x00the owner's data")
    (home / ".config" / "Offload").mkdir(parents=True)
    (home / ".config" / "Offload" / "Offload.conf").write_text("[General]\n", encoding="utf-8")
    applications = home / ".local" / "share" / "applications"
    applications.mkdir()
    (applications / "other.desktop").write_text("[Desktop Entry]\nName=Other\n", encoding="utf-8")
    other_icons = home / ".local" / "share" / "icons" / "hicolor" / "48x48" / "apps"
    other_icons.mkdir(parents=True)
    (other_icons / "other.png").write_bytes(b"another program's icon")


def test_install_puts_the_app_its_menu_entry_and_icons_where_desktops_look(unpacked, home):
    result = run_script(unpacked / "install.sh", home)

    assert result.returncode == 0, result.stderr
    assert "Installed Offload 0.1.0 in" in result.stdout
    paths = installed_paths(home)
    program = paths["app"] / "offload"
    assert os.access(program, os.X_OK)
    assert (paths["app"] / "uninstall.sh").is_file()
    entry = parse_desktop_entry(paths["desktop"].read_text(encoding="utf-8"))
    assert exec_argv(entry["Exec"]) == [str(program)]
    assert entry["TryExec"] == str(program)
    assert entry["Icon"] == "offload"
    assert entry["Categories"] == "Office;ProjectManagement;"
    for size in ICON_SIZES:
        png = paths["hicolor"] / f"{size}x{size}" / "apps" / "offload.png"
        assert png_size(png) == (size, size)
    assert (paths["hicolor"] / "scalable" / "apps" / "offload.svg").is_file()
    launched = subprocess.run(exec_argv(entry["Exec"]), capture_output=True, text=True, check=True)
    assert launched.stdout.strip() == "stand-in offload"


def test_the_menu_entry_is_valid_and_glib_runs_it_from_a_home_with_quotes_and_spaces(
    unpacked, tmp_path
):
    home = tmp_path / 'Zoë "Q" $HOME `x` back\\slash'
    home.mkdir()
    result = run_script(unpacked / "install.sh", home)

    assert result.returncode == 0, result.stderr
    desktop_file = installed_paths(home)["desktop"]
    for tool in ("desktop-file-validate", "gio"):
        assert shutil.which(tool), f"{tool} is missing (desktop-file-utils, libglib2.0-bin)"
    validated = subprocess.run(
        ["desktop-file-validate", str(desktop_file)], capture_output=True, text=True, check=False
    )
    assert validated.returncode == 0, validated.stdout + validated.stderr
    entry = parse_desktop_entry(desktop_file.read_text(encoding="utf-8"))
    program = installed_paths(home)["app"] / "offload"
    assert exec_argv(entry["Exec"]) == [str(program)]
    assert entry["TryExec"] == str(program)
    # GLib, which GNOME's and most other menus use, launches it.
    launched = subprocess.run(
        ["gio", "launch", str(desktop_file)],
        env={"PATH": os.environ["PATH"], "HOME": str(home)},
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert launched.returncode == 0, launched.stderr
    assert launched.stdout.strip() == "stand-in offload"


def test_a_home_whose_path_menus_cannot_run_from_is_refused(unpacked, tmp_path):
    home = tmp_path / "100% mine"
    home.mkdir()

    result = run_script(unpacked / "install.sh", home)

    assert result.returncode == 1
    assert "contains a %, from which desktop menus" in result.stderr
    assert list(home.iterdir()) == []


def test_xdg_data_home_is_where_the_menu_entry_goes_unless_it_is_relative(unpacked, home, tmp_path):
    data_home = tmp_path / "xdg-data"
    result = run_script(unpacked / "install.sh", home, env={"XDG_DATA_HOME": str(data_home)})
    assert result.returncode == 0, result.stderr
    assert (data_home / "applications" / "offload.desktop").is_file()
    assert (data_home / "icons" / "hicolor" / "16x16" / "apps" / "offload.png").is_file()
    assert not installed_paths(home)["desktop"].exists()

    other_home = tmp_path / "other-user"
    other_home.mkdir()
    relative = run_script(unpacked / "install.sh", other_home, env={"XDG_DATA_HOME": "rel/data"})
    assert relative.returncode == 0, relative.stderr
    assert installed_paths(other_home)["desktop"].is_file()


def test_install_twice_upgrades_in_place(tmp_path, home):
    old = unpack(tmp_path / "old", version="0.0.9", extra_file="only-in-0.0.9.txt")
    new = unpack(tmp_path / "new", version="0.1.0")
    assert run_script(old / "install.sh", home).returncode == 0
    app = installed_paths(home)["app"]
    assert (app / "_internal" / "only-in-0.0.9.txt").is_file()

    result = run_script(new / "install.sh", home)

    assert result.returncode == 0, result.stderr
    assert "Upgraded Offload 0.0.9 to 0.1.0" in result.stdout
    assert not (app / "_internal" / "only-in-0.0.9.txt").exists()
    assert "version 0.1.0" in (app / ".install-manifest").read_text(encoding="utf-8")
    assert sorted(p.name for p in app.parent.iterdir()) == ["offload"]  # no staging left
    again = run_script(new / "install.sh", home)
    assert again.returncode == 0, again.stderr
    assert "Upgraded Offload 0.1.0 to 0.1.0" in again.stdout
    # The folders the first install made are still removed at the end.
    assert run_script(app / "uninstall.sh", home).returncode == 0
    assert list(home.iterdir()) == []


@pytest.mark.parametrize(
    ("locked", "installed_before"),
    [(".local/opt", False), (".local/share/applications", False), (".local/opt", True)],
    ids=["app-folder-parent", "menu-folder", "upgrade-under-a-locked-folder"],
)
def test_without_write_access_it_says_so_and_changes_nothing(
    unpacked, home, locked, installed_before
):
    if installed_before:
        assert run_script(unpacked / "install.sh", home).returncode == 0
    folder = home / locked
    folder.mkdir(parents=True, exist_ok=True)
    before = snapshot(home)

    result = run_script(unpacked / "install.sh", home, read_only=folder)

    assert result.returncode == 1
    assert f"cannot write to {folder}" in result.stderr
    assert "Nothing was changed." in result.stderr
    assert result.stdout == ""
    assert snapshot(home) == before


def test_a_target_whose_parent_is_a_file_is_refused_and_nothing_changes(unpacked, home):
    (home / ".local").mkdir()
    (home / ".local" / "opt").write_text("a file where a folder should be", encoding="utf-8")
    before = snapshot(home)

    result = run_script(unpacked / "install.sh", home)

    assert result.returncode == 1
    assert f"{home}/.local/opt is a file, not a folder" in result.stderr
    assert snapshot(home) == before


def test_a_folder_install_sh_did_not_make_is_left_alone(unpacked, home):
    someone_elses = home / ".local" / "opt" / "offload"
    someone_elses.mkdir(parents=True)
    (someone_elses / "notes.txt").write_text("mine", encoding="utf-8")
    before = snapshot(home)

    result = run_script(unpacked / "install.sh", home)

    assert result.returncode == 1
    assert "was not put there by install.sh" in result.stderr
    assert snapshot(home) == before


def test_install_sh_without_its_app_folder_says_what_to_do(unpacked, home, tmp_path):
    alone = tmp_path / "downloads"
    alone.mkdir()
    shutil.copy(unpacked / "install.sh", alone / "install.sh")

    result = run_script(alone / "install.sh", home)

    assert result.returncode == 1
    assert "Unpack the whole archive" in result.stderr
    assert list(home.iterdir()) == []


def test_the_scripts_explain_themselves_and_refuse_unknown_arguments(unpacked, home):
    for script in ("install.sh", "uninstall.sh"):
        helped = run_script(unpacked / script, home, "--help")
        assert helped.returncode == 0
        assert "Offload" in helped.stdout
        assert "set -eu" not in helped.stdout
        wrong = run_script(unpacked / script, home, "--prefix=/usr")
        assert wrong.returncode == 2
        assert 'unknown argument "--prefix=/usr"' in wrong.stderr
    assert list(home.iterdir()) == []


def test_uninstall_removes_exactly_what_install_added_and_keeps_the_users_data(unpacked, home):
    seed_user_data(home)
    before = snapshot(home)
    assert run_script(unpacked / "install.sh", home).returncode == 0
    # Using the app adds to the user's data.
    log = home / ".local" / "share" / "Offload" / "Offload" / "logs" / "offload.log"
    log.parent.mkdir()
    log.write_text("started\n", encoding="utf-8")

    result = run_script(installed_paths(home)["app"] / "uninstall.sh", home)

    assert result.returncode == 0, result.stderr
    assert "Removed Offload 0.1.0" in result.stdout
    assert "Your data stays in" in result.stdout
    after = snapshot(home)
    added = {
        ".local/share/Offload/Offload/logs",
        ".local/share/Offload/Offload/logs/offload.log",
    }
    assert set(after) == set(before) | added
    assert {path: after[path] for path in before} == before


def test_uninstall_when_nothing_is_installed_says_so(unpacked, home):
    result = run_script(unpacked / "uninstall.sh", home)
    assert result.returncode == 0
    assert "Offload is not installed in" in result.stdout
    assert list(home.iterdir()) == []


def test_uninstall_never_removes_what_install_sh_does_not_write(unpacked, home):
    seed_user_data(home)
    precious = home / "precious.txt"
    precious.write_text("keep", encoding="utf-8")
    assert run_script(unpacked / "install.sh", home).returncode == 0
    manifest = installed_paths(home)["app"] / ".install-manifest"
    other = home / ".local" / "share" / "applications" / "other.desktop"
    with manifest.open("a", encoding="utf-8") as extra:
        extra.write(f"file {precious}\nfile {other}\ndir {home / '.config'}\n")

    result = run_script(installed_paths(home)["app"] / "uninstall.sh", home)

    assert result.returncode == 0, result.stderr
    assert f"Leaving {precious} alone" in result.stdout
    assert precious.read_text(encoding="utf-8") == "keep"
    assert other.is_file()
    assert (home / ".config" / "Offload" / "Offload.conf").is_file()
    assert not installed_paths(home)["app"].exists()


def test_uninstall_without_write_access_says_so_and_removes_nothing(unpacked, home):
    assert run_script(unpacked / "install.sh", home).returncode == 0
    applications = home / ".local" / "share" / "applications"
    before = snapshot(home)

    result = run_script(installed_paths(home)["app"] / "uninstall.sh", home, read_only=applications)

    assert result.returncode == 1
    assert f"cannot write to {applications}" in result.stderr
    assert "Nothing was removed." in result.stderr
    assert snapshot(home) == before


def test_uninstall_leaves_an_app_folder_install_sh_did_not_make(unpacked, home):
    someone_elses = home / ".local" / "opt" / "offload"
    someone_elses.mkdir(parents=True)
    (someone_elses / "notes.txt").write_text("mine", encoding="utf-8")

    result = run_script(unpacked / "uninstall.sh", home)

    assert result.returncode == 1
    assert "was not put there by install.sh" in result.stderr
    assert (someone_elses / "notes.txt").read_text(encoding="utf-8") == "mine"
