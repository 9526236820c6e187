"""Request and response shapes. `/match` follows yente's (opensanctions/yente ``yente/data/common.py``):
a batch of FtM example entities keyed by query id in, scored FtM entities per query id out."""

from __future__ import annotations

from typing import Any, Dict, List, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..model.entities import model as ftm_model

DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
MAX_BATCH = 100  # yente's batch limit


class ErrorResponse(BaseModel):
    detail: Any = Field(..., examples=["Detailed error message"])


class EntityExample(BaseModel):
    """An FtM-style example entity: {"schema": "Person", "properties": {"name": ["..."], ...}}."""

    model_config = ConfigDict(populate_by_name=True)
    id: Optional[str] = Field(None, max_length=200, examples=["my-entity-id"])
    schema_: str = Field(..., alias="schema", max_length=64, examples=["Person"])
    properties: Dict[str, Union[str, List[Any]]] = Field(..., examples=[{"name": ["Imanaliyev Zhandos"]}])

    @field_validator("schema_")
    @classmethod
    def known_schema(cls, value: str) -> str:
        if ftm_model.get(value) is None:
            raise ValueError(f"unknown FtM schema {value!r} (e.g. Person, LegalEntity)")
        return value

    @field_validator("properties")
    @classmethod
    def text_values(cls, value: dict) -> dict:
        out = {}
        for prop, values in value.items():
            values = [values] if isinstance(values, str) else values
            if len(values) > 50:
                raise ValueError(f"property {prop!r}: at most 50 values")
            clean = []
            for v in values:
                if not isinstance(v, (str, int, float)) or isinstance(v, bool):
                    raise ValueError(f"property {prop!r}: values must be strings")
                v = str(v)
                if len(v) > 500:
                    raise ValueError(f"property {prop!r}: a value is longer than 500 characters")
                clean.append(v)
            out[prop] = clean
        return out

    def values(self, *props: str) -> list[str]:
        return [v for p in props for v in self.properties.get(p, [])]


class EntityMatchQuery(BaseModel):
    weights: Dict[str, float] = Field({}, description="Accepted for yente compatibility; tamyr's weights are fixed "
                                                      "and shown in `matcher`.")
    queries: Dict[str, EntityExample] = Field(..., examples=[{"q1": {"schema": "Person", "properties": {
        "name": ["Imanaliyev Zhandos Bakhytbekovich"], "birthDate": ["1990"]}}}])

    @field_validator("queries")
    @classmethod
    def batch_size(cls, value: dict) -> dict:
        if not value:
            raise ValueError("queries is empty: give at least one example entity")
        if len(value) > MAX_BATCH:
            raise ValueError(f"at most {MAX_BATCH} queries per request")
        return value


class TotalSpec(BaseModel):
    value: int
    relation: str = "eq"


class FeatureExplanation(BaseModel):
    score: float
    weight: float
    detail: str


class ScoredEntityResponse(BaseModel):
    model_config = ConfigDict(populate_by_name=True)
    id: str
    caption: str
    schema_: str = Field(..., alias="schema")
    properties: Dict[str, List[str]]
    datasets: List[str] = []
    referents: List[str] = []
    target: bool = False
    score: float
    features: Dict[str, float]
    explanations: Dict[str, FeatureExplanation]
    match: bool = False


class EntityMatches(BaseModel):
    status: int = 200
    results: List[ScoredEntityResponse]
    total: TotalSpec
    query: Dict[str, Any]


class FeatureDoc(BaseModel):
    description: Optional[str] = None
    coefficient: float
    url: Optional[str] = None


class MatcherDocs(BaseModel):
    name: str
    description: Optional[str] = None
    features: Dict[str, FeatureDoc]


class EntityMatchResponse(BaseModel):
    responses: Dict[str, EntityMatches]
    matcher: MatcherDocs
    limit: int


class ScreenRequest(BaseModel):
    name: str = Field(..., min_length=1, max_length=300, examples=["Жандос Бахытбекович Иманалиев"])
    birth_date: Optional[str] = Field(None, pattern=DATE_PATTERN, examples=["1990-05-01"])
    program: Optional[str] = Field(None, max_length=200, description="A program (organisation) id or name whose "
                                                                     "eligibility rule applies.")
    date: Optional[str] = Field(None, pattern=DATE_PATTERN, description="The date that matters (appointment).")

    @field_validator("name")
    @classmethod
    def not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("name is blank")
        return value


class ReviewRequest(BaseModel):
    decision: Literal["confirm", "dismiss", "reopen"]
    comment: Optional[str] = Field(None, max_length=5000)
    author: Optional[str] = Field(None, max_length=200)


class JudgementRequest(BaseModel):
    kind: Literal["merge", "tie"] = Field(..., description="merge: are two person records one person? tie: is a "
                                                           "kin tie (a Family entity) right?")
    subject: str = Field(..., min_length=1, max_length=200, description="merge: a person id; tie: a Family id")
    object: Optional[str] = Field(None, max_length=200, description="merge: the other person id")
    decision: Literal["confirm", "reject"]
    comment: Optional[str] = Field(None, max_length=5000)
    author: Optional[str] = Field(None, max_length=200)


class SearchResult(BaseModel):
    id: str
    caption: str
    schema_: str = Field(..., alias="schema")
    score: float
    birth_date: Optional[str] = None
    features: Dict[str, float] = {}


class SearchResponse(BaseModel):
    query: str
    total: TotalSpec
    limit: int
    results: List[SearchResult]
