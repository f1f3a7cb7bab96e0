"""`offload export-access OUT.csv` and `offload export-payments OUT.csv [--month YYYY-MM]`.

Both only read the database (they work while the window is open) and, like
every export, refuse to replace a file unless given --force, and never
replace a database.
"""

from __future__ import annotations

import argparse
from datetime import date

from desktop_app.cli import add_db_option
from desktop_app.cli.common import add_output_arguments, cli_store, echo, output_file
from desktop_app.store import Access


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    access = subparsers.add_parser(
        "export-access",
        help="write the access register (who can reach which tool or account) to CSV",
        description="Write every tool and account each contractor was given, with its level, "
        "when it was granted and by whom, and when it was revoked, to OUT.csv. Open accesses "
        "come first.",
    )
    add_db_option(access, in_subcommand=True)
    add_output_arguments(access, "OUT.csv", "the CSV file to write")
    access.set_defaults(handler=run_access)

    payments = subparsers.add_parser(
        "export-payments",
        help="write the invoices and payments to CSV",
        description="Write every invoice and payment (date, amount and currency, period "
        "covered, due and paid dates, reference) to OUT.csv, newest first. Amounts stay in "
        "their own currency.",
    )
    add_db_option(payments, in_subcommand=True)
    add_output_arguments(payments, "OUT.csv", "the CSV file to write")
    payments.add_argument(
        "--month",
        metavar="YYYY-MM",
        help="only the payments made in that month and its invoices still unpaid",
    )
    payments.set_defaults(handler=run_payments)


def run_access(args: argparse.Namespace) -> int:
    from desktop_app.exporters.running_csv import export_access_csv

    out = output_file(args)
    with cli_store(getattr(args, "db", None), access=Access.READ) as store:
        count = export_access_csv(out)
    echo(f"Wrote {count} access record(s) from {store.path} to {out}.")
    return 0


def run_payments(args: argparse.Namespace) -> int:
    from desktop_app.exporters.running_csv import export_payments_csv
    from desktop_app.models.tasks import parse_month

    month = parse_month(args.month) if args.month else None
    out = output_file(args)
    with cli_store(getattr(args, "db", None), access=Access.READ) as store:
        count = export_payments_csv(out, date.today(), month)
    which = f" of {month:%B %Y}" if month else ""
    echo(f"Wrote {count} invoice(s) and payment(s){which} from {store.path} to {out}.")
    return 0
