"""`offload generate-sample PATH [--size demo|large] [--scale F]`: a database of sample data.

The demo is what `offload --demo` opens; the large one holds years of data
(desktop_app/demo/large.py) for trying the app at scale and for `make bench`.
"""

from __future__ import annotations

import argparse
import math
import os
import time
from pathlib import Path

from desktop_app.cli.common import echo
from desktop_app.models.errors import UserError


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "generate-sample",
        help="write a new database of sample data (the demo, or a large one)",
        description="Write a new database at PATH holding the demo's sample data, or a large "
        "one: 2,000 tasks with 60,000 time entries over a year, 2,000 contractors, 400 briefs "
        "with 16,000 expectations and 500 engagements with their check-ins. --scale multiplies "
        "every count of the large one (about 10 seconds at scale 1).",
    )
    parser.add_argument("path", type=Path, metavar="PATH", help="the new database file")
    parser.add_argument(
        "--size", choices=("demo", "large"), default="demo", help="which sample (default: demo)"
    )
    parser.add_argument(
        "--scale",
        type=float,
        default=1.0,
        metavar="F",
        help="multiply every count of the large sample by F (default: 1)",
    )
    parser.add_argument(
        "--seed", type=int, default=1, help="another seed gives other, equally believable data"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from desktop_app.demo import write_sample
    from desktop_app.paths import set_application_names

    path: Path = args.path.expanduser().resolve()
    if not math.isfinite(args.scale) or not 0 < args.scale <= 100:
        raise UserError("--scale is a number above 0, up to 100 (1 is the large sample).")
    if args.size == "demo" and args.scale != 1:
        raise UserError("--scale applies to --size large only; the demo has one size.")
    if path.exists() or path.is_symlink():
        raise UserError(f"{path} already exists; choose a new file name.")
    if not path.parent.is_dir():
        raise UserError(f"{path.parent} is not a folder: create it first.")
    set_application_names()
    # Written beside the target and renamed when complete: an interrupted
    # run never leaves a half-filled database under the name asked for.
    partial = path.with_name(f".{path.name}.partial")
    for leftover in (partial, *partial.parent.glob(f"{partial.name}-*")):
        leftover.unlink(missing_ok=True)
    started = time.perf_counter()

    def progress(step: str) -> None:
        echo(f"  {time.perf_counter() - started:5.1f} s  {step}…")

    try:
        write_sample(partial, args.size, scale=args.scale, seed=args.seed, progress=progress)
        try:
            os.link(partial, path)  # unlike a rename, never replaces a file made meanwhile
        except FileExistsError:
            raise UserError(f"{path} was created meanwhile; it was left as it is.") from None
    finally:
        partial.unlink(missing_ok=True)
    seconds = time.perf_counter() - started
    what = (
        "the demo's sample data" if args.size == "demo" else f"large sample, scale {args.scale:g}"
    )
    echo(f"Wrote {path} ({what}, {path.stat().st_size / 1e6:.1f} MB) in {seconds:.1f} s.")
    return 0
