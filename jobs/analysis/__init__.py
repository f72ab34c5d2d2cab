"""Job-description analysis (pure Python, no Django): fields, sections, required/preferred skills."""

from jobs.analysis.analyze import JobAnalysis, SkillRequirement, analyze_job
from jobs.analysis.salary import Salary, find_salary

__all__ = ["JobAnalysis", "Salary", "SkillRequirement", "analyze_job", "find_salary"]
