"""Fetch and prepare the fallback fonts shipped in resources/fonts/.

    .venv/bin/python -m tools.build_fonts [--work DIR]

Every PDF sets each character in the first font of `desktop_app.pdf.fonts.
FALLBACK` that has its glyph. ReportLab embeds TrueType (glyf) outlines
only, so every font here is a glyf font:

- Noto Sans Arabic, Hebrew, Devanagari, Thai (regular and bold), the other
  Indic scripts, Symbols and Symbols 2 (regular): Debian's fonts-noto-core,
  copied as they are (SIL OFL 1.1).
- WenQuanYi Micro Hei for Chinese, Japanese and Korean: Debian's
  fonts-wqy-microhei (Apache 2.0, or GPL 3 with the font exception; we
  use it under Apache 2.0), the first font of its collection saved as a
  TTF. Already glyf (Droid Sans Fallback's outlines, with hangul added):
  5 MB for all of Unicode's basic CJK ideographs, kana and the 11,172
  hangul syllables; Noto Sans CJK is CFF (an outline conversion with
  cu2qu) and 16 MB a weight before subsetting. README, "Fonts in the
  PDFs", says more.
- Noto Emoji, the monochrome one (SIL OFL 1.1), from the manimgx-fonts
  wheel on PyPI: a variable font, pinned here to its regular weight with
  fontTools' instancer (ReportLab reads only the default outlines anyway,
  and the static file is smaller).

Needs `apt-get download` (Debian) and pip, and fontTools (`pip install
fonttools`, a build-time tool only). The outputs are committed; run this
again only to change the set of fonts.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

FONTS = Path(__file__).resolve().parent.parent / "resources" / "fonts"

NOTO_CORE = "usr/share/fonts/truetype/noto"
# (Debian package, path inside it, file name in resources/fonts/)
COPIES = [
    ("fonts-noto-core", f"{NOTO_CORE}/NotoSansArabic-Regular.ttf", None),
    ("fonts-noto-core", f"{NOTO_CORE}/NotoSansArabic-Bold.ttf", None),
    ("fonts-noto-core", f"{NOTO_CORE}/NotoSansHebrew-Regular.ttf", None),
    ("fonts-noto-core", f"{NOTO_CORE}/NotoSansHebrew-Bold.ttf", None),
    ("fonts-noto-core", f"{NOTO_CORE}/NotoSansDevanagari-Regular.ttf", None),
    ("fonts-noto-core", f"{NOTO_CORE}/NotoSansDevanagari-Bold.ttf", None),
    ("fonts-noto-core", f"{NOTO_CORE}/NotoSansThai-Regular.ttf", None),
    ("fonts-noto-core", f"{NOTO_CORE}/NotoSansThai-Bold.ttf", None),
    *(
        ("fonts-noto-core", f"{NOTO_CORE}/NotoSans{script}-Regular.ttf", None)
        for script in (
            "Bengali",
            "Gujarati",
            "Gurmukhi",
            "Kannada",
            "Malayalam",
            "Oriya",
            "Sinhala",
            "Tamil",
            "Telugu",
        )
    ),
    ("fonts-noto-core", f"{NOTO_CORE}/NotoSansSymbols-Regular.ttf", None),
    ("fonts-noto-core", f"{NOTO_CORE}/NotoSansSymbols2-Regular.ttf", None),
]
CJK_PACKAGE = "fonts-wqy-microhei"
CJK_SOURCE = "usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
CJK_TARGET = "WenQuanYiMicroHei.ttf"
LICENCES = [
    ("fonts-noto-core", "usr/share/doc/fonts-noto-core/copyright", "LICENSE-Noto.txt"),
    (CJK_PACKAGE, "usr/share/doc/fonts-wqy-microhei/copyright", "LICENSE-WenQuanYi.txt"),
]
APACHE = Path("/usr/share/common-licenses/Apache-2.0")
EMOJI_WHEEL = "manimgx-fonts"
EMOJI_SOURCE = "manimgx_fonts/NotoEmoji[wght].ttf"
EMOJI_TARGET = "NotoEmoji-Regular.ttf"


def _run(*command: str, cwd: Path) -> None:
    subprocess.run(command, cwd=cwd, check=True)


def _debian_trees(work: Path) -> dict[str, Path]:
    packages = sorted({package for package, _, _ in COPIES + LICENCES} | {CJK_PACKAGE})
    _run("apt-get", "download", *packages, cwd=work)
    trees = {}
    for package in packages:
        (deb,) = work.glob(f"{package}_*.deb")
        tree = work / package
        _run("dpkg-deb", "-x", str(deb), str(tree), cwd=work)
        trees[package] = tree
    return trees


def _cjk(collection: Path) -> None:
    from fontTools.ttLib import TTFont

    TTFont(str(collection), fontNumber=0).save(str(FONTS / CJK_TARGET))


def _emoji(work: Path) -> None:
    from fontTools.ttLib import TTFont
    from fontTools.varLib import instancer

    _run(sys.executable, "-m", "pip", "download", "--no-deps", "-d", ".", EMOJI_WHEEL, cwd=work)
    (wheel,) = work.glob("manimgx_fonts-*.whl")
    shutil.unpack_archive(str(wheel), str(work / "emoji"), format="zip")
    source = work / "emoji" / EMOJI_SOURCE
    font = instancer.instantiateVariableFont(TTFont(str(source)), {"wght": 400})
    font.save(str(FONTS / EMOJI_TARGET))
    licence = next((work / "emoji").glob("*.dist-info/licenses/LICENSE"))
    shutil.copyfile(licence, FONTS / "LICENSE-NotoEmoji.txt")


def build(work: Path) -> None:
    trees = _debian_trees(work)
    for package, inside, name in COPIES:
        source = trees[package] / inside
        shutil.copyfile(source, FONTS / (name or source.name))
    for package, inside, name in LICENCES:
        shutil.copyfile(trees[package] / inside, FONTS / name)
    # Debian's copyright file names the Apache licence without its text,
    # which the licence asks to pass on with the font.
    with (FONTS / "LICENSE-WenQuanYi.txt").open("a", encoding="utf-8") as out:
        out.write("\n\n" + APACHE.read_text(encoding="utf-8"))
    _cjk(trees[CJK_PACKAGE] / CJK_SOURCE)
    _emoji(work)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, help="a folder for the downloads (default: temporary)")
    args = parser.parse_args(argv)
    if args.work:
        args.work.mkdir(parents=True, exist_ok=True)
        build(args.work)
    else:
        with tempfile.TemporaryDirectory() as work:
            build(Path(work))
    for path in sorted(FONTS.iterdir()):
        print(f"{path.stat().st_size:>10,}  {path.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
