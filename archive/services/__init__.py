"""Every write path of the archive. Views, API, tasks and commands call these."""

from .articles import DuplicateArticle as DuplicateArticle
from .articles import IntakeResult as IntakeResult
from .articles import article_create as article_create
from .articles import article_intake_document as article_intake_document
from .articles import article_intake_file as article_intake_file
from .articles import article_intake_text as article_intake_text
from .articles import source_get_or_create as source_get_or_create
from .entities import KBLoadResult as KBLoadResult
from .entities import alias_key as alias_key
from .entities import kb_load as kb_load
from .extraction import article_mark_failed as article_mark_failed
from .extraction import article_mark_retrying as article_mark_retrying
from .extraction import current_extractor as current_extractor
from .extraction import extraction_apply as extraction_apply
from .extraction import extraction_enqueue as extraction_enqueue
from .extraction import extraction_run as extraction_run
from .extraction import extraction_run_many as extraction_run_many
from .extraction import stuck_articles_requeue as stuck_articles_requeue
from .tags import tags_refresh as tags_refresh
from .jobs import JobAlreadyRunning as JobAlreadyRunning
from .jobs import reextraction_job_cancel as reextraction_job_cancel
from .jobs import reextraction_job_create as reextraction_job_create
from .jobs import reextraction_job_start as reextraction_job_start
from .jobs import reextraction_job_step as reextraction_job_step
from .mentions import mention_add as mention_add
from .mentions import mention_review as mention_review
