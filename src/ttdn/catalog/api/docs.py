"""The API's documentation page, rendered on the server from the OpenAPI schema (no CDN)."""

from __future__ import annotations

from django.shortcuts import render
from drf_spectacular.generators import SchemaGenerator

METHODS = ("get", "post", "put", "patch", "delete")


def _resolve(schema: dict, node):
    if isinstance(node, dict) and "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        return name, schema["components"]["schemas"].get(name, {})
    return "", node or {}


def api_docs_view(request):
    schema = SchemaGenerator().get_schema(request=None, public=True)
    operations = []
    for path, item in schema.get("paths", {}).items():
        for method in METHODS:
            operation = item.get(method)
            if not operation:
                continue
            body = operation.get("requestBody", {}).get("content", {})
            request_name, request_schema = "", {}
            for media in body.values():
                request_name, request_schema = _resolve(schema, media.get("schema"))
                break
            responses = []
            for code, response in operation.get("responses", {}).items():
                content = response.get("content", {})
                name = ""
                for media in content.values():
                    name, _resolved = _resolve(schema, media.get("schema"))
                    if not name and media.get("schema", {}).get("type") == "array":
                        name = _resolve(schema, media["schema"]["items"])[0] + "[]"
                    break
                responses.append((code, response.get("description", ""), name))
            operations.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "parameters": operation.get("parameters", []),
                    "request_name": request_name,
                    "request_fields": request_schema.get("properties", {}),
                    "required": request_schema.get("required", []),
                    "responses": responses,
                    "auth": [list(s)[0] for s in operation.get("security", []) if s],
                }
            )
    context = {"schema": schema, "operations": operations}
    return render(request, "catalog/api_docs.html", context)
