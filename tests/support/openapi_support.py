"""Helpers for the OpenAPI tests: the committed files, and validating a live
answer against the response an operation documents."""

from __future__ import annotations

import json
from pathlib import Path

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

ROOT = Path(__file__).resolve().parents[2]
OPENAPI_DIR = ROOT / "docs" / "openapi"
FAMILIES = ("vip", "pam", "mts", "gateway")


def spec(family: str) -> dict:
    return json.loads((OPENAPI_DIR / f"{family}.json").read_text())


def _pointer(*parts: str) -> str:
    return "/" + "/".join(p.replace("~", "~0").replace("/", "~1") for p in parts)


def response_errors(doc: dict, path: str, method: str, status: int, body, media: str = "application/json") -> list[str]:
    """Why ``body`` is not what the operation documents for ``status`` (an
    empty list when it is)."""
    responses = doc["paths"][path][method]["responses"]
    if str(status) not in responses:
        return [f"status {status} is not documented for {method.upper()} {path} ({sorted(responses)})"]
    content = responses[str(status)].get("content", {})
    if media not in content:
        return [] if body is None and not content else [f"no {media} body documented for {status}"]
    uri = "urn:pitboss:openapi"
    registry = Registry().with_resource(uri, Resource.from_contents(doc, default_specification=DRAFT202012))
    ref = {"$ref": uri + "#" + _pointer("paths", path, method, "responses", str(status), "content", media, "schema")}
    validator = Draft202012Validator(ref, registry=registry)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(body)]
