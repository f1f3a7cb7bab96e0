"""Attached files in a team workspace live in its database (issue 14): a file
attached by one member opens on another's computer, and copy-workspace and
backup carry them between a file and a workspace, both ways."""

from __future__ import annotations

import hashlib
import shutil
from datetime import date
from pathlib import Path

import pytest

from desktop_app import attachments
from desktop_app.demo.contractors import fill as fill_demo
from desktop_app.models import contractors as bench
from desktop_app.models.attachment_contents import read_content, stored_hashes
from desktop_app.paths import attachments_dir
from desktop_app.store import Access, open_store
from tests.conftest import run_offload
from tests.test_contractors_view import UrlCatcher, click_row

pytestmark = pytest.mark.postgres

SAMPLE = b"PK\x03\x04 a pretend spreadsheet \x00\xff\xfe bytes of every kind"


@pytest.fixture
def opened_urls():
    from PySide6.QtGui import QDesktopServices

    catcher = UrlCatcher()
    QDesktopServices.setUrlHandler("file", catcher, "open")
    yield catcher.urls
    QDesktopServices.unsetUrlHandler("file")


@pytest.mark.parametrize("engine", ["postgresql"], indirect=True)
def test_a_file_attached_in_a_workspace_opens_on_another_members_computer(
    window, store, qtbot, tmp_path, opened_urls
):
    fill_demo(date.today())
    page = window.show_tab("contractors").page()
    page.refresh()
    click_row(qtbot, page, "Ben Okafor")
    detail = page.detail
    sample = tmp_path / "Reconciliation sample.xlsx"
    sample.write_bytes(SAMPLE)
    assert detail.attach_file(sample)
    digest = hashlib.sha256(SAMPLE).hexdigest()
    # In the workspace's database, where every member reads it.
    assert stored_hashes() == [digest]
    assert read_content(digest) == SAMPLE
    again = tmp_path / "same again.xlsx"
    again.write_bytes(SAMPLE)
    assert detail.attach_file(again)
    assert "already stored" in detail.message.text()
    assert stored_hashes() == [digest]

    # Another member's computer has no copy of it: not missing, and opening
    # it writes it from the workspace, with its extension for the viewer.
    shutil.rmtree(detail._folder())
    detail.reload()
    assert not detail.portfolio_model.index(0, 1).data().endswith("— missing")
    detail.portfolio_view.setCurrentIndex(detail.portfolio_model.index(0, 0))
    assert detail.open_portfolio_item()
    opened = Path(opened_urls[-1].toLocalFile())
    assert opened.read_bytes() == SAMPLE and opened.suffix == ".xlsx"
    # A hash the workspace does not hold is missing, and is not written anywhere.
    unknown = hashlib.sha256(b"never attached").hexdigest()
    assert attachments.is_missing(detail._folder(), unknown)
    assert attachments.locate(detail._folder(), unknown, "x.pdf") is None


def _attach_in_a_file(path: Path, content: bytes, name: str) -> str:
    """A portfolio file attached to the first contractor of the file at `path`."""
    store = open_store(path)
    try:
        stored = attachments.store_file(
            _written(path.parent / name, content), attachments_dir(path)
        )
        contractor = bench.contractor_rows()[0]
        bench.add_child(
            "portfolio",
            contractor.id,
            {
                "title": name,
                "file_hash": stored.file_hash,
                "file_name": name,
                "file_size": stored.file_size,
            },
        )
        return stored.file_hash
    finally:
        store.close()


def _written(path: Path, content: bytes) -> Path:
    path.write_bytes(content)
    return path


def test_copy_workspace_and_backup_carry_the_attached_files_both_ways(
    new_postgres_database, tmp_path
):
    env = {"HOME": str(tmp_path)}
    original = tmp_path / "original.sqlite3"
    assert run_offload("generate-sample", str(original), env=env).returncode == 0
    first = _attach_in_a_file(original, SAMPLE, "Sample report.pdf")
    second = _attach_in_a_file(original, "東京の見本".encode() * 1000, "見本.docx")
    workspace = new_postgres_database(empty=True)

    there = run_offload("copy-workspace", str(original), workspace, env=env)
    assert there.returncode == 0, there.stderr
    assert "  attached files: 2 copied, 2 in the target" in there.stdout.splitlines()
    store = open_store(workspace, access=Access.READ)
    try:
        assert stored_hashes() == sorted([first, second])
        assert read_content(first) == SAMPLE
    finally:
        store.close()

    back = tmp_path / "back.sqlite3"
    home = run_offload("copy-workspace", workspace, str(back), env=env)
    assert home.returncode == 0, home.stderr
    assert there.stdout.splitlines()[1:] == home.stdout.splitlines()[1:]  # the same counts
    folder = attachments_dir(back)
    copied = {path.name: path.read_bytes() for path in folder.rglob("*") if path.is_file()}
    # Under their hash with the extension of the name they were attached as.
    assert copied == {f"{first}.pdf": SAMPLE, f"{second}.docx": "東京の見本".encode() * 1000}
    store = open_store(back)
    try:
        assert stored_hashes() == []  # a file keeps them beside it, not in the table
        assert not attachments.is_missing(folder, first)
    finally:
        store.close()

    kept = tmp_path / "kept.sqlite3"
    backed_up = run_offload("backup", "--db", workspace, str(kept), env=env)
    assert backed_up.returncode == 0, backed_up.stderr
    assert "2 attached files" in backed_up.stdout
    assert (attachments_dir(kept) / first[:2] / f"{first}.pdf").read_bytes() == SAMPLE
