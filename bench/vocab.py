"""The words synthetic postings are made of (bench.matching, bench.insights): titles, levels and places."""

LEVELS = ["Junior", "Senior", "Staff", "Lead", "Principal", "", "", ""]  # blanks: most titles name no level
SENIORITY = {"Junior": "junior", "Senior": "senior", "Staff": "staff", "Lead": "lead", "Principal": "staff"}
ROLES = ["Backend", "Frontend", "Data", "Platform", "Mobile", "Security", "Machine Learning", "Full Stack", "QA"]
KINDS = ["Engineer", "Developer", "Analyst", "Scientist", "Manager", "Architect", "Designer"]
PLACES = ["Berlin, Germany", "London, UK", "Lisbon, Portugal", "Remote", "New York, NY", "Paris, France", "Amsterdam"]
