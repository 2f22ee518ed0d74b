"""Turn loose input (JSON strings, SQLite cells) into typed domain values, naming the field on error.

One place decides how a ``Decimal``, a ``date``, an enum or a JSON blob is read, so the store, the
case-file importer and the UI forms agree.
"""

from __future__ import annotations

import datetime as dt
import json
import types
import typing
from decimal import Decimal
from enum import Enum
from typing import Any

from adjuster.domain.errors import ValidationError
from adjuster.util.money import MoneyError, to_decimal


def _unwrap_optional(tp: Any) -> tuple[Any, bool]:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1:
            return args[0], True
    return tp, False


def coerce(tp: Any, value: Any, field: str) -> Any:
    """Convert ``value`` to the annotated type ``tp`` or raise ValidationError naming ``field``."""
    base, optional = _unwrap_optional(tp)
    if value is None or (isinstance(value, str) and value == "" and base is not str):
        if optional:
            return None
        if value is None:
            raise ValidationError(field, "is required")
    origin = typing.get_origin(base) or base
    try:
        if base is Decimal:
            return to_decimal(value, field=field)
        if base is bool:
            if isinstance(value, bool):
                return value
            if isinstance(value, int) and value in (0, 1):
                return bool(value)
            if isinstance(value, str) and value.lower() in ("true", "false", "1", "0", "yes", "no"):
                return value.lower() in ("true", "1", "yes")
            raise ValidationError(field, f"expected true or false, got {value!r}")
        if base is int:
            if isinstance(value, bool):
                raise ValidationError(field, f"expected an integer, got {value!r}")
            if isinstance(value, int):
                return value
            if isinstance(value, str) and value.strip().lstrip("-").isdigit():
                return int(value)
            raise ValidationError(field, f"expected an integer, got {value!r}")
        if base is float:
            if isinstance(value, bool):
                raise ValidationError(field, f"expected a number, got {value!r}")
            return float(value)
        if base is str:
            if not isinstance(value, str):
                raise ValidationError(field, f"expected text, got {type(value).__name__}")
            return value
        if base is dt.date:
            if isinstance(value, dt.datetime):
                return value.date()
            if isinstance(value, dt.date):
                return value
            return dt.date.fromisoformat(str(value))
        if base is dt.datetime:
            if isinstance(value, dt.datetime):
                return value
            text = str(value).replace("Z", "+00:00")
            return dt.datetime.fromisoformat(text)
        if isinstance(base, type) and issubclass(base, Enum):
            try:
                return base(value)
            except ValueError:
                allowed = ", ".join(str(m.value) for m in base)
                raise ValidationError(field, f"{value!r} is not one of: {allowed}") from None
        if origin in (dict, list):
            if isinstance(value, str):
                value = json.loads(value)
            if not isinstance(value, origin):
                raise ValidationError(field, f"expected a {origin.__name__}")
            return value
    except ValidationError:
        raise
    except MoneyError as err:
        raise ValidationError(field, str(err).split(": ", 1)[-1]) from None
    except (ValueError, TypeError) as err:
        raise ValidationError(field, f"invalid value {value!r} ({err})") from None
    return value


def to_cell(value: Any) -> Any:
    """Domain value → SQLite/JSON cell: Decimal as string, dates ISO, enums by value, dicts as JSON."""
    if value is None:
        return None
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value


def to_json_value(value: Any) -> Any:
    """Domain value → JSON document value (like ``to_cell`` but booleans stay booleans, dicts stay dicts)."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, dict | list):
        return value
    return to_cell(value)
