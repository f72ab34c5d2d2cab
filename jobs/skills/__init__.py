"""Skills taxonomy and skill-mention matcher (pure Python, no Django)."""

from jobs.skills.matcher import Matcher, SkillMention, extract_skills
from jobs.skills.taxonomy import Skill, Taxonomy, normalize_skill, taxonomy

__all__ = ["Matcher", "Skill", "SkillMention", "Taxonomy", "extract_skills", "normalize_skill", "taxonomy"]
