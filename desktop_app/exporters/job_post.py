"""A brief's job post written to a text or Markdown file (`offload
export-job-post` and the window's "Save as job post…" share it)."""

from __future__ import annotations

from pathlib import Path

from desktop_app.exporters.files import atomic_text_writer
from desktop_app.models.errors import UserError
from desktop_app.models.job_post import JobPost, PostFormat, job_post


def checked_post(brief_id: int, fmt: PostFormat | str, board: str | None = None) -> JobPost:
    """The brief's post; a UserError naming what to shorten when it is over its board's length."""
    post = job_post(brief_id, fmt, board=board)
    if not post.fits:
        raise UserError(" ".join(post.problems()))
    return post


def write_job_post(post: JobPost, destination: Path) -> Path:
    """Write `post` to `destination` as UTF-8 (replaced only when complete)."""
    with atomic_text_writer(destination, encoding="utf-8", newline="\n") as stream:
        stream.write(post.text)
    return destination
