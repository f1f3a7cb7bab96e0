"""The demo bench: twenty candidates for three jobs, every source and stage."""

from datetime import date

from desktop_app.demo.contractors import fill
from desktop_app.models import contractors as bench
from desktop_app.models.briefs import Brief


def test_the_demo_bench_covers_every_source_and_stage(store):
    fill(date(2026, 11, 26))
    rows = bench.contractor_rows()
    assert len(rows) == 20
    assert {row.source for row in rows} == {source.value for source in bench.Source}
    assert {row.stage for row in rows} == {stage.value for stage in bench.Stage}
    assert sum(row.references_checked for row in rows) > 5
    assert sum(row.portfolio for row in rows) >= 10
    assert sum(1 for row in rows if row.average_score is not None) >= 10
    history = bench.contractor_detail(next(r.id for r in rows if r.stage == "hired")).history
    assert [h.to_stage for h in reversed(history)] == [
        "prospect", "contacted", "interviewing", "trial", "hired"
    ]  # fmt: skip


def test_demo_interviews_link_to_the_briefs_of_their_jobs(store):
    books = Brief.create(title="Monthly bookkeeping")
    support = Brief.create(title="Customer support inbox")
    fill(date(2026, 11, 26))
    by_name = {row.name: row.id for row in bench.contractor_rows()}
    assert {i.brief_id for i in bench.interview_rows([by_name["Ana Ferreira"]])} == {books.id}
    assert {i.brief_id for i in bench.interview_rows([by_name["Maria Santos"]])} == {support.id}
    # No brief of that title: the interview stands alone.
    assert {i.brief_id for i in bench.interview_rows([by_name["Lena Fischer"]])} == {None}
