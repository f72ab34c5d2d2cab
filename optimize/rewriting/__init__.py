"""The offline engine's rule-based rewrites; ``optimize.rewrite.suggest`` is the entry point."""
