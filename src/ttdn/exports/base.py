"""Exporters: a base class and a registry, so each app registers its own formats.

An exporter turns plain data (from a selector) into bytes of one format. The CLI and
the views look exporters up by (subject, format) and never know the file formats.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import ClassVar

from django.utils.translation import gettext as _

from ttdn.core.errors import ApplicationError

_REGISTRY: dict[tuple[str, str], type[BaseExporter]] = {}


class BaseExporter(ABC):
    subject: ClassVar[str]
    format: ClassVar[str]
    content_type: ClassVar[str]
    extension: ClassVar[str]

    @abstractmethod
    def render(self, data: dict) -> bytes:
        """The file's bytes for `data`."""


def register_exporter(cls: type[BaseExporter]) -> type[BaseExporter]:
    _REGISTRY[(cls.subject, cls.format)] = cls
    return cls


def get_exporter(subject: str, fmt: str) -> BaseExporter:
    try:
        return _REGISTRY[(subject, fmt)]()
    except KeyError:
        formats = sorted(f for s, f in _REGISTRY if s == subject)
        raise ApplicationError(
            _("“%(format)s” is not an export format here; choose one of: %(formats)s.")
            % {"format": fmt, "formats": ", ".join(formats)}
        ) from None


def formats_for(subject: str) -> list[str]:
    return sorted(f for s, f in _REGISTRY if s == subject)
