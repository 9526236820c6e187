"""Example data: the bundled SYNTHETIC Kazakhstan registry (``kz/``) and the synthetic registry generator."""
