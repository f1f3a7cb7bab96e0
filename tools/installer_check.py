"""`make installer-check`: the desktop build, end to end, as a user gets it.

    .venv/bin/python -m tools.installer_check [--no-build]

Builds dist/offload/ and the archive (as `make installer` does; --no-build
reuses them), checks the build carries what the app needs and none of what
it excludes, unpacks the archive and runs install.sh into a throwaway HOME
that already holds some user data, checks the menu entry and icons landed
where the freedesktop specs say, runs the installed program from its menu
entry (--smoke-test headless, then a real window on Xvfb), installs again
(an upgrade in place), times the installed build against the source run,
uninstalls, and checks nothing of the app is left but the user's data.

Needs Xvfb, xdotool, xprop and desktop-file-validate (.ci/run installs
them). Prints sizes and timings; exits non-zero on the first failed check.
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import os
import re
import shutil
import sqlite3
import statistics
import struct
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tools.translations import SHIPPED

REPO = Path(__file__).resolve().parent.parent
DIST = REPO / "dist"
SPEC = REPO / "build_installer.spec"
RUNS = int(os.environ.get("INSTALLER_CHECK_RUNS", "5"))
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)
MIB = 1024 * 1024

# What the build may leave to the desktop: glibc, the OpenGL/EGL drivers,
# libxcb and Wayland's client libraries (which must match the display
# server), and CUPS (which must match the print service). Anything else
# would be a library the build machine lacked when it built (README).
SYSTEM_LIBRARY_PREFIXES = (
    "ld-linux",
    "libc.so",
    "libm.so",
    "libdl.so",
    "libpthread.so",
    "librt.so",
    "libresolv.so",
    "libGL.so",
    "libEGL.so",
    "libGLX.so",
    "libOpenGL.so",
    "libxcb.so",
    "libwayland-",
    "libcups.so",
)

# Paths (relative to HOME) where running the app may leave files: the
# user's data, settings and caches. Everything else must be as it was.
USER_AREAS = (".local/share/Offload", ".config/Offload", ".cache")


class CheckFailed(Exception):
    pass


def check(condition: object, message: str) -> None:
    if not condition:
        raise CheckFailed(message)


def step(message: str) -> None:
    print(f"-- {message}", flush=True)


# --- Reading the spec and desktop entries (the tests use these too) -------------


def spec_constant(name: str) -> object:
    """A literal assigned at the top level of build_installer.spec."""
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == name for target in node.targets
        ):
            return ast.literal_eval(node.value)
    raise KeyError(f"{name} is not assigned in {SPEC.name}")


def project_version() -> str:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "version"
    ]


def parse_desktop_entry(text: str) -> dict[str, str]:
    """The [Desktop Entry] group's keys, values unescaped (string rules)."""
    entry: dict[str, str] = {}
    group = ""
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("["):
            group = line.strip()
            continue
        if group == "[Desktop Entry]":
            key, _, value = line.partition("=")
            entry[key.strip()] = _unescape_string(value.strip())
    return entry


def _unescape_string(value: str) -> str:
    escapes = {"s": " ", "n": "\n", "t": "\t", "r": "\r", "\\": "\\"}
    out, index = [], 0
    while index < len(value):
        char = value[index]
        if char == "\\" and index + 1 < len(value) and value[index + 1] in escapes:
            out.append(escapes[value[index + 1]])
            index += 2
            continue
        out.append(char)
        index += 1
    return "".join(out)


def exec_argv(exec_value: str) -> list[str]:
    """Split an (unescaped) Exec value into arguments, as a launcher does.

    Arguments are separated by spaces; a double-quoted one may hold spaces,
    and in it a backslash escapes " ` $ and itself. %% is a literal %;
    field codes (%f, %u, ...) stand for files and are dropped.
    """
    args: list[str] = []
    current: list[str] = []
    started = quoted = False
    index = 0
    while index < len(exec_value):
        char = exec_value[index]
        if quoted and char == "\\" and exec_value[index + 1 : index + 2] in ('"', "`", "$", "\\"):
            current.append(exec_value[index + 1])
            index += 1
        elif char == '"':
            quoted, started = not quoted, True
        elif char == " " and not quoted:
            if started:
                args.append("".join(current))
            current, started = [], False
        else:
            current.append(char)
            started = True
        index += 1
    if started:
        args.append("".join(current))
    return [arg.replace("%%", "%") for arg in args if not _field_code(arg)]


def _field_code(arg: str) -> bool:
    return len(arg) == 2 and arg[0] == "%" and arg[1] != "%"


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    check(data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG")
    return struct.unpack(">II", data[16:24])


# --- Small helpers ----------------------------------------------------------------


def run(command: list[str], *, env: dict[str, str], cwd: Path | None = None, timeout: int = 300):
    return subprocess.run(
        command, env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False
    )


def snapshot(home: Path) -> dict[str, tuple]:
    """Every path under `home`: kind, and content hash and mode for files."""
    found: dict[str, tuple] = {}
    for folder, dirs, files in os.walk(home):
        for name in dirs + files:
            path = Path(folder) / name
            relative = str(path.relative_to(home))
            if path.is_symlink():
                found[relative] = ("link", str(path.readlink()))
            elif path.is_dir():
                found[relative] = ("dir",)
            else:
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
                found[relative] = ("file", digest, path.stat().st_mode & 0o777)
    return found


def in_user_area(relative: str) -> bool:
    return any(
        relative == area or relative.startswith(area + "/") or area.startswith(relative + "/")
        for area in USER_AREAS
    )


def folder_size(folder: Path) -> int:
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def elf_needed(path: Path) -> set[str]:
    dump = run(["objdump", "-p", str(path)], env=dict(os.environ)).stdout
    return {line.split()[1] for line in dump.splitlines() if line.strip().startswith("NEEDED")}


@contextmanager
def xvfb() -> Iterator[str]:
    check(shutil.which("Xvfb"), "Xvfb is not installed (apt-get install xvfb)")
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1400x900x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    with os.fdopen(read_fd) as reader:
        number = reader.readline().strip()
    try:
        check(number, "Xvfb did not start")
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


# --- The steps ----------------------------------------------------------------------


def build() -> dict[str, float]:
    bin_dir = Path(sys.executable).parent
    timings = {}
    started = time.perf_counter()
    result = subprocess.run(
        [str(bin_dir / "pyinstaller"), "--noconfirm", "--log-level", "WARN", str(SPEC)],
        cwd=REPO,
        check=False,
    )
    check(result.returncode == 0, "PyInstaller failed")
    timings["PyInstaller build"] = time.perf_counter() - started
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, str(REPO / "packaging" / "make_archive.py")], cwd=REPO, check=False
    )
    check(result.returncode == 0, "packing the archive failed")
    timings["packing the archive"] = time.perf_counter() - started
    return timings


def check_build_contents(app: Path) -> list[str]:
    """What the build must carry, what it must not; returns the system
    libraries it expects the desktop to provide."""
    internal = app / "_internal"
    pyside = internal / "PySide6"
    for module in sorted(spec_constant("KEEP_QT_MODULES")):
        check((pyside / f"{module}.abi3.so").is_file(), f"the build lacks PySide6.{module}")
        library = pyside / "Qt" / "lib" / f"libQt6{module.removeprefix('Qt')}.so.6"
        check(library.is_file(), f"the build lacks {library.name}")
    plugins = pyside / "Qt" / "plugins"
    for plugin in (
        "platforms/libqxcb.so",
        "platforms/libqwayland.so",
        "platforms/libqoffscreen.so",
        "platformthemes/libqxdgdesktopportal.so",
        "imageformats/libqsvg.so",
        "iconengines/libqsvgicon.so",
        "printsupport/libcupsprintersupport.so",
        "xcbglintegrations/libqxcb-glx-integration.so",
        "wayland-shell-integration/libxdg-shell.so",
    ):
        check((plugins / plugin).is_file(), f"the build lacks the Qt plugin {plugin}")
    unwanted = ("WebEngine", "Qml", "Quick", "3D", "Multimedia", "VirtualKeyboard", "Designer")
    for path in app.rglob("*"):
        check(
            not any(f"Qt6{word}" in path.name or f"Qt{word}" in path.name for word in unwanted),
            f"the build carries {path.relative_to(app)}, which the spec excludes",
        )
    # Qt's own words (OK, Cancel) in the languages Offload ships, and no others.
    qt_translations = pyside / "Qt" / "translations"
    kept = {path.name for path in qt_translations.iterdir()} if qt_translations.exists() else set()
    wanted = {f"qtbase_{language}.qm" for language in SHIPPED}
    check(
        kept == wanted,
        f"the build carries the Qt translations {sorted(kept)}, "
        f"not those of the shipped languages {sorted(wanted)}",
    )
    check(
        not list(internal.glob("offload-*.dist-info")),
        "the build carries offload's package metadata, which would override _frozen_version",
    )
    # Every shipped file (icons, fonts, templates, the desktop entry), byte for byte.
    source = REPO / "resources"
    shipped = internal / "desktop_app" / "resources"
    for path in source.rglob("*"):
        if path.is_file() and "__pycache__" not in path.parts:
            copy = shipped / path.relative_to(source)
            check(copy.is_file(), f"the build lacks resources/{path.relative_to(source)}")
            check(copy.read_bytes() == path.read_bytes(), f"{copy} differs from its source")
    # Libraries the build links to but does not carry: the desktop's own.
    bundled = {path.name for path in app.rglob("*")}
    wanted: set[str] = set()
    for path in [app / "offload", *internal.rglob("*.so*")]:
        if path.is_file() and not path.is_symlink():
            wanted |= elf_needed(path)
    expected = sorted(wanted - bundled)
    missing = [name for name in expected if not name.startswith(SYSTEM_LIBRARY_PREFIXES)]
    check(
        not missing,
        f"the build lacks {missing}: install them on the build machine (the xcb "
        "libraries .ci/run lists) and build again",
    )
    return expected


def seed_user_data(home: Path) -> None:
    """What an owner already has before installing (or from an earlier install)."""
    data = home / ".local" / "share" / "Offload" / "Offload"
    (data / "backups").mkdir(parents=True)
    database = sqlite3.connect(data / "offload.sqlite3")
    database.execute("CREATE TABLE note (text TEXT)")
    database.execute("INSERT INTO note VALUES ('the owner''s own data')")
    database.commit()
    database.close()
    shutil.copy(data / "offload.sqlite3", data / "backups" / "offload-before-v2.sqlite3")
    (data / "offload-files").mkdir()
    (data / "offload-files" / "sample.pdf").write_bytes(b"%PDF-1.4 a contractor's sample")
    # Another program's menu entry and icon, in the folders install.sh shares.
    applications = home / ".local" / "share" / "applications"
    applications.mkdir(parents=True)
    (applications / "other.desktop").write_text(
        "[Desktop Entry]\nType=Application\nName=Other\nExec=other\n", encoding="utf-8"
    )
    icons = home / ".local" / "share" / "icons" / "hicolor" / "48x48" / "apps"
    icons.mkdir(parents=True)
    shutil.copy(REPO / "resources" / "icons" / "offload-48.png", icons / "other.png")


def check_menu_entry(home: Path, version: str) -> Path:
    """The entry and icons are where menus look; returns the program it runs."""
    data_home = home / ".local" / "share"
    desktop_file = data_home / "applications" / "offload.desktop"
    check(desktop_file.is_file(), f"no menu entry at {desktop_file}")
    validator = shutil.which("desktop-file-validate")
    check(validator, "desktop-file-validate is not installed (apt-get install desktop-file-utils)")
    result = run([validator, str(desktop_file)], env=dict(os.environ))
    check(result.returncode == 0, f"the menu entry is invalid:\n{result.stdout}{result.stderr}")
    entry = parse_desktop_entry(desktop_file.read_text(encoding="utf-8"))
    check(entry.get("Categories") == "Office;ProjectManagement;", f"Categories: {entry}")
    argv = exec_argv(entry["Exec"])
    program = home / ".local" / "opt" / "offload" / "offload"
    check(argv == [str(program)], f"Exec runs {argv}, not {program}")
    check(entry.get("TryExec") == str(program), f"TryExec is {entry.get('TryExec')}")
    check(os.access(program, os.X_OK), f"{program} is not executable")
    check(entry.get("Icon") == "offload", f"Icon is {entry.get('Icon')}, not the theme name")
    hicolor = data_home / "icons" / "hicolor"
    for size in ICON_SIZES:
        png = hicolor / f"{size}x{size}" / "apps" / "offload.png"
        check(png.is_file(), f"no {size} px icon at {png}")
        check(png_size(png) == (size, size), f"{png} is {png_size(png)}, not {size}x{size}")
    check((hicolor / "scalable" / "apps" / "offload.svg").is_file(), "no scalable icon")
    manifest = home / ".local" / "opt" / "offload" / ".install-manifest"
    check(f"version {version}" in manifest.read_text(encoding="utf-8"), "manifest lacks version")
    return program


def check_real_window(program: Path, env: dict[str, str]) -> list[int]:
    """The installed program opens a window on X11 (xcb) with its icon, and
    quits with Ctrl+Q; returns the icon sizes the window offers."""
    for tool in ("xdotool", "xprop"):
        check(shutil.which(tool), f"{tool} is not installed (see .ci/run)")
    with xvfb() as display:
        x_env = {**env, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
        app = subprocess.Popen(
            [str(program), "--demo"], env=x_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        try:
            found = run(
                ["xdotool", "search", "--sync", "--onlyvisible", "--name", "Offload"],
                env=x_env,
                timeout=60,
            )
            check(found.returncode == 0 and found.stdout.strip(), "no Offload window on X11")
            window = found.stdout.split()[0]
            # The icon is set just after the first frame (app.run_gui), so
            # the window may be seen a moment before it has one: ask again.
            deadline = time.monotonic() + 20
            while True:
                props = run(
                    ["xprop", "-len", "100000000", "-id", window, "WM_CLASS", "_NET_WM_ICON"],
                    env=x_env,
                ).stdout
                # xprop draws each icon under a line "Icon (W x H):".
                sizes = sorted({int(size) for size in re.findall(r"Icon \((\d+) x \1\)", props)})
                if sizes or time.monotonic() > deadline:
                    break
                time.sleep(0.2)
            check('"offload"' in props, f"WM_CLASS is not offload: {props[:200]}")
            # No window manager on Xvfb: focus the window, then type through
            # XTEST as a keyboard does (Qt ignores synthetic key events).
            run(["xdotool", "windowfocus", "--sync", window], env=x_env)
            run(["xdotool", "key", "ctrl+q"], env=x_env)
            status = app.wait(timeout=30)
        finally:
            if app.poll() is None:
                app.kill()
                app.wait()
        stderr = app.stderr.read().decode() if app.stderr else ""
        check(status == 0, f"the installed program exited with {status} on X11:\n{stderr}")
    return sizes


def median_times(commands: dict[str, list[str]], env: dict[str, str]) -> dict[str, float]:
    """Median wall time of each command over RUNS runs, interleaved, after a warm-up."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for round_number in range(RUNS + 1):
        for name, command in commands.items():
            started = time.perf_counter()
            result = run(command, env=env, cwd=REPO)
            elapsed = time.perf_counter() - started
            check(result.returncode == 0, f"{name} failed:\n{result.stdout}{result.stderr}")
            if round_number:
                times[name].append(elapsed)
    return {name: statistics.median(values) for name, values in times.items()}


def minimum_glibc(app: Path) -> str:
    """The newest glibc symbol version any binary of the build asks for."""
    versions: set[tuple[int, ...]] = set()
    for path in [app / "offload", *(app / "_internal").rglob("*.so*")]:
        if path.is_file() and not path.is_symlink():
            symbols = run(["objdump", "-T", str(path)], env=dict(os.environ)).stdout
            versions |= {
                tuple(map(int, found.split(".")))
                for found in re.findall(r"GLIBC_(\d+\.\d+(?:\.\d+)?)", symbols)
            }
    return ".".join(map(str, max(versions)))


def install_and_use(archive: Path, root: Path, version: str) -> dict:
    """Install into root/home, run the app every way a user would, upgrade."""
    home = root / "home"
    seed_user_data(home)
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("XDG_", "QT_", "DISPLAY", "WAYLAND"))
    }
    env["HOME"] = str(home)
    found: dict = {"home": home, "env": env, "before_install": snapshot(home)}

    step("unpack the archive and run install.sh")
    run(["tar", "xzf", str(archive), "-C", str(root)], env=env)
    found["unpacked"] = unpacked = root / archive.name.removesuffix(".tar.gz")
    installed = run(["./install.sh"], env=env, cwd=unpacked)
    check(installed.returncode == 0, f"install.sh failed:\n{installed.stderr}")
    check(f"Installed Offload {version}" in installed.stdout, installed.stdout)
    found["after_install"] = snapshot(home)
    found["program"] = program = check_menu_entry(home, version)

    step("run the installed program from its menu entry: --smoke-test, headless")
    found["headless"] = headless = {**env, "QT_QPA_PLATFORM": "offscreen"}
    smoke = run([str(program), "--smoke-test"], env=headless, timeout=300)
    check(smoke.returncode == 0, f"installed smoke test failed:\n{smoke.stderr}")
    check("exported a" in smoke.stdout and "PDF" in smoke.stdout, smoke.stdout)
    print(f"   {smoke.stdout.strip()}")
    shown = run([str(program), "--version"], env=headless).stdout.strip()
    check(shown == f"offload {version}", f"--version says {shown!r}")

    step("open a real window on X11 (Xvfb), check its icon, quit with Ctrl+Q")
    found["icon_sizes"] = sizes = check_real_window(program, env)
    check(16 in sizes and 256 in sizes, f"the window offers icons of {sizes} px only")

    step("run install.sh again: an upgrade in place")
    used = snapshot(home)
    again = run(["./install.sh"], env=env, cwd=unpacked)
    check(again.returncode == 0, f"second install.sh failed:\n{again.stderr}")
    check(f"Upgraded Offload {version} to {version}" in again.stdout, again.stdout)
    check(snapshot(home) == used, "an upgrade in place left different files")
    return found


def uninstall_and_check(found: dict) -> list[str]:
    """Uninstall; only the user's data may be left. Returns what running the app left."""
    step("uninstall, with the uninstall.sh install.sh left in the app folder")
    home, env, program = found["home"], found["env"], found["program"]
    before_install, after_install = found["before_install"], found["after_install"]
    before_uninstall = snapshot(home)
    removed = run([str(program.parent / "uninstall.sh")], env=env)
    check(removed.returncode == 0, f"uninstall.sh failed:\n{removed.stderr}")
    check("Your data stays" in removed.stdout, removed.stdout)
    after = snapshot(home)
    for path, state in before_install.items():
        check(after.get(path) == state, f"uninstall changed or removed {path}")
    for path in sorted(set(after) - set(before_install)):
        check(in_user_area(path), f"{path} is left after uninstall")
    again = run([str(found["unpacked"] / "uninstall.sh")], env=env)
    check(again.returncode == 0 and "not installed" in again.stdout, again.stdout)
    return sorted(set(before_uninstall) - set(after_install))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-build", action="store_true", help="reuse dist/ as it is")
    args = parser.parse_args(argv)
    version = project_version()
    archive = DIST / f"offload-{version}-linux-{os.uname().machine}.tar.gz"
    try:
        build_times = {} if args.no_build else build()
        check(archive.is_file(), f"{archive} is missing: run make installer")
        step("the build carries what the app needs, and not what the spec excludes")
        system_libraries = check_build_contents(DIST / "offload")
        with tempfile.TemporaryDirectory(prefix="offload-installer-check-") as temporary:
            found = install_and_use(archive, Path(temporary), version)
            step(f"start-up: installed build against the source run ({RUNS} runs each)")
            program, source = str(found["program"]), [sys.executable, "-m", "desktop_app"]
            timings = median_times(
                {
                    "installed --version": [program, "--version"],
                    "source --version": [*source, "--version"],
                    "installed --smoke-test": [program, "--smoke-test"],
                    "source --smoke-test": [*source, "--smoke-test"],
                },
                found["headless"],
            )
            left_by_running = uninstall_and_check(found)
    except CheckFailed as failure:
        print(f"installer check FAILED: {failure}", file=sys.stderr)
        return 1

    print()
    print(f"app folder dist/offload: {folder_size(DIST / 'offload') / MIB:.1f} MiB")
    print(f"archive {archive.name}: {archive.stat().st_size / MIB:.1f} MiB")
    for name, seconds in build_times.items():
        print(f"{name}: {seconds:.1f} s")
    print(f"system libraries the build expects: {' '.join(system_libraries)}")
    print(f"glibc it needs: {minimum_glibc(DIST / 'offload')} or newer")
    print(f"window icon sizes on X11: {' '.join(map(str, found['icon_sizes']))}")
    print("left in HOME by running the app (the user's own, kept by uninstall.sh):")
    for path in left_by_running:
        print(f"   ~/{path}")
    width = max(len(name) for name in timings)
    print(f"{'start-up, median of ' + str(RUNS):<{width}}  seconds")
    for name, seconds in timings.items():
        print(f"{name:<{width}}  {seconds:7.3f}")
    print("installer check passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
