"""The offline provider: deterministic scoring and rule-based suggestions, no network and no model. It always
answers, which is why the chain asks it last."""

from __future__ import annotations

from collections.abc import Mapping

from optimize.ai.types import Analysis, Job, SuggestResult


class OfflineProvider:
    name = "offline"

    def analyze(self, resume: Mapping, job: Job) -> Analysis:
        from optimize.scoring import score

        return score(resume, job)

    def suggest(self, resume: Mapping, job: Job, analysis: Analysis, strategy: str) -> SuggestResult:
        from optimize.rewrite import suggest

        return SuggestResult(suggestions=tuple(suggest(resume, job, analysis, strategy)), provider=self.name)

    def write_cover_letter(self, resume: Mapping, job: Job) -> str:
        raise NotImplementedError

    def interview_questions(self, resume: Mapping, job: Job) -> list[str]:
        raise NotImplementedError
