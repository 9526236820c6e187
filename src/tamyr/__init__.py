"""tamyr: appointment-integrity engine (таныс-тамыр, "acquaintances and kin")."""

__version__ = "0.1.0"
