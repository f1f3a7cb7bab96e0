"""Every model, in the order their tables are created."""

from __future__ import annotations

from peewee import Model

from desktop_app.models.access import AccessGrant
from desktop_app.models.agreements import Agreement
from desktop_app.models.attachment_contents import AttachmentContent
from desktop_app.models.briefs import Brief, BriefTask, BriefTemplate, BriefVersion, Expectation
from desktop_app.models.checklists import ChecklistItem, ChecklistTemplate
from desktop_app.models.contractors import (
    Contractor,
    Interview,
    PortfolioItem,
    Reference,
    StageChange,
)
from desktop_app.models.engagements import CheckIn, Engagement, Feedback
from desktop_app.models.focus import GrowthMark, GrowthPriority
from desktop_app.models.hiring_plan import HiringPlan, ScreeningAnswer, ScreeningQuestion
from desktop_app.models.history import RowChange
from desktop_app.models.interview_criteria import InterviewCriterionScore
from desktop_app.models.messages import MessageTemplate, SentMessage
from desktop_app.models.payments import ConversionRate, Payment
from desktop_app.models.procedure_versions import ProcedureVersion
from desktop_app.models.procedures import Procedure, ProcedureStep
from desktop_app.models.questions import Question
from desktop_app.models.referrals import Recommendation, ReferralRequest, Referrer
from desktop_app.models.results import ResultFigure
from desktop_app.models.settings import SettingRow
from desktop_app.models.tasks import Task, TimeEntry
from desktop_app.models.trials import TrialCriterion, TrialOffer, TrialScore, TrialTask

ALL_MODELS: tuple[type[Model], ...] = (
    SettingRow,
    Task,
    TimeEntry,
    Brief,
    BriefTask,
    Expectation,
    BriefVersion,
    BriefTemplate,
    Contractor,
    StageChange,
    Reference,
    PortfolioItem,
    Interview,
    Engagement,
    CheckIn,
    Feedback,
    Procedure,
    ProcedureStep,
    ProcedureVersion,
    Question,
    ChecklistTemplate,
    ChecklistItem,
    AccessGrant,
    Payment,
    ConversionRate,
    Agreement,
    GrowthMark,
    GrowthPriority,
    ResultFigure,
    HiringPlan,
    ScreeningQuestion,
    ScreeningAnswer,
    TrialTask,
    TrialCriterion,
    TrialOffer,
    TrialScore,
    InterviewCriterionScore,
    Referrer,
    ReferralRequest,
    Recommendation,
    MessageTemplate,
    SentMessage,
    RowChange,
    AttachmentContent,
)
