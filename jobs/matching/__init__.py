"""Job matching: postings ranked for a user with an explained 0-100 score (see score.py), kept in jobs.Match."""
