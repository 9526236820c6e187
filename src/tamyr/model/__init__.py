"""The data model: FollowTheMoney entities, tamyr's own property namespace, the kin vocabulary."""

from __future__ import annotations

from .entities import (
    EXT_PREFIX,
    ext_props,
    SCHEMA_VIEWS,
    Fact,
    make_id,
    model,
    validate_value,
)
from .kinship import KinVocabulary, vocabulary

__all__ = [
    "EXT_PREFIX",
    "ext_props",
    "SCHEMA_VIEWS",
    "Fact",
    "KinVocabulary",
    "make_id",
    "model",
    "validate_value",
    "vocabulary",
]
