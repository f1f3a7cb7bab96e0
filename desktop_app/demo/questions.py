"""Demo: the questions Sofia and Nadia asked while working, and Maya's answers.

One of Sofia's answers is already a step of the photo procedure; another
is answered but not written down yet (one click away); two questions wait
for an answer, so the Overview lists them.
"""

from __future__ import annotations

from datetime import date, timedelta

from desktop_app.models.contractors import Contractor
from desktop_app.models.engagements import Engagement
from desktop_app.models.questions import add_question, answer_to_step


def _engagement(contractor_name: str) -> int | None:
    row = (
        Engagement.select(Engagement.id)
        .join(Contractor, on=Engagement.contractor == Contractor.id)
        .where(Contractor.name == contractor_name)
        .order_by(Engagement.id.desc())
        .first()
    )
    return row.id if row is not None else None


def fill(today: date) -> None:
    def ago(days: int) -> date:
        return today - timedelta(days=days)

    sofia = _engagement("Sofia Almeida")
    if sofia is not None:
        glare = add_question(
            sofia,
            "Shots 14 and 16 glare on the gold foil: reshoot, or fix it in Photoshop?",
            ago(5),
            "Reshoot at a 30° angle with the diffuser on; never paint over foil in Photoshop, "
            "it looks fake in print.",
            ago(4),
        )
        answer_to_step(glare)
        add_question(
            sofia,
            "Which file names do you want for the bundle photos?",
            ago(30),
            "BUNDLE-sku1-sku2-angle.jpg, with the SKUs in the order of the listing.",
            ago(29),
        )
        add_question(sofia, "Can I use the new linen backdrop for the holiday shots?", ago(2))
    nadia = _engagement("Nadia Haddad")
    if nadia is not None:
        add_question(nadia, "Should the listing titles keep the year (2026) in them?", ago(1))
