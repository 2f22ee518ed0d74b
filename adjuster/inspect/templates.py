"""Checklist templates: load, validate and look up versioned JSON templates.

A template is a JSON document ``{"format": "adjuster.template/1", "id", "version", "title",
"categories": [...]}`` checked against ``resources/templates/schema/template.schema.json`` plus a few
rules a schema cannot say (unique keys, ranges in order). Every problem is a ``ValidationError`` whose
field is the JSON path of the wrong value, e.g. ``categories[2].items[5].weight``, so an author can
find it. Visits keep a snapshot of the template they started with (``Template.doc``), so editing the
file later never changes a finished visit.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema

from adjuster.domain.errors import NotFoundError, ValidationError
from adjuster.resources import resource_path
from adjuster.util.money import to_decimal

FORMAT = "adjuster.template/1"
RESOURCES = resource_path("templates")
SCHEMA_PATH = RESOURCES / "schema" / "template.schema.json"

ANSWER_TYPES = ("check", "number", "choice", "text")
RESULTS = ("ok", "deficient", "n/a")

Text = Mapping[str, str]


def tr(text: Text | None, lang: str = "en") -> str:
    """Pick ``lang`` from a ``{"zh", "en"}`` text, falling back to the other language."""
    if not text:
        return ""
    return text.get(lang) or text.get("en") or text.get("zh") or ""


@dataclass(frozen=True)
class Choice:
    value: str
    label: Text
    result: str
    severity: int | None = None


@dataclass(frozen=True)
class SeverityRule:
    """For a number outside the OK range: ``below`` or ``above`` a limit gives ``severity``."""

    severity: int
    below: Decimal | None = None
    above: Decimal | None = None

    def matches(self, value: Decimal) -> bool:
        if self.below is not None:
            return value < self.below
        return self.above is not None and value > self.above


@dataclass(frozen=True)
class Item:
    key: str
    question: Text
    answer: str
    weight: int
    severity: int | None = None
    guidance: Text | None = None
    photo: str = "optional"
    unit: str | None = None
    ok_min: Decimal | None = None
    ok_max: Decimal | None = None
    severity_rules: tuple[SeverityRule, ...] = ()
    choices: tuple[Choice, ...] = ()
    recommendation: Text | None = None

    @property
    def scored(self) -> bool:
        return self.weight > 0

    def choice(self, value: str) -> Choice | None:
        return next((c for c in self.choices if c.value == value), None)


@dataclass(frozen=True)
class Category:
    key: str
    title: Text
    weight: int
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Template:
    """A validated template; ``doc`` is the exact JSON it came from (the snapshot a visit keeps)."""

    id: str
    version: int
    title: Text
    categories: tuple[Category, ...]
    doc: Mapping[str, Any] = field(repr=False, compare=False)
    description: Text | None = None
    perils: tuple[str, ...] = ()
    source: str | None = None

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(i for c in self.categories for i in c.items)

    def item(self, key: str) -> Item:
        for it in self.items:
            if it.key == key:
                return it
        raise ValidationError(key, f"no such item in template {self.id} v{self.version}")

    def category_of(self, key: str) -> Category:
        for cat in self.categories:
            if any(i.key == key for i in cat.items):
                return cat
        raise ValidationError(key, f"no such item in template {self.id} v{self.version}")

    @property
    def ref(self) -> str:
        """``id@version``, how visits and the CLI name a template version."""
        return f"{self.id}@{self.version}"


# ---------------------------------------------------------------------------------------------
# Validation


@functools.lru_cache(maxsize=1)
def _validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@functools.lru_cache(maxsize=8)
def _forbidden_fields(answer: str) -> frozenset[str]:
    """Fields the schema forbids (``false``) for items of ``answer`` type, read from the schema."""
    for branch in _validator().schema["$defs"]["item"]["allOf"]:
        if branch["if"]["properties"]["answer"].get("const") == answer:
            props = branch["then"].get("properties", {})
            return frozenset(k for k, v in props.items() if v is False)
    return frozenset()


def json_path(parts: Iterable[str | int]) -> str:
    """``["categories", 2, "items", 5, "weight"]`` → ``categories[2].items[5].weight``."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "template"


def _explain(err: jsonschema.ValidationError, doc: Any) -> tuple[list[str | int], str]:
    """Turn a jsonschema error into (path, plain message), pointing at the offending key itself."""
    path: list[str | int] = list(err.absolute_path)
    inst = err.instance
    if err.validator == "required":
        missing = [k for k in err.validator_value if isinstance(inst, dict) and k not in inst]
        return path + [missing[0] if missing else "?"], "is required"
    if err.validator == "additionalProperties" and isinstance(inst, dict):
        known = set(err.schema.get("properties", {}))
        extra = sorted(k for k in inst if k not in known)
        return path + [extra[0] if extra else "?"], "is not a known field"
    if err.message.startswith("False schema"):
        # jsonschema leaves the property name off the path here; find it from the parent object.
        parent: Any = doc
        for part in path:
            parent = parent[part]
        if isinstance(parent, dict) and "answer" in parent:
            bad = sorted(k for k in parent if k in _forbidden_fields(str(parent["answer"])))
            if bad:
                return path + [bad[0]], f"is not allowed for answer type {parent['answer']!r}"
        return path, "is not allowed here"
    if err.validator == "const":
        return path, f"must be {err.validator_value!r}, got {inst!r}"
    if err.validator == "enum":
        allowed = ", ".join(repr(v) for v in err.validator_value)
        return path, f"{inst!r} is not one of {allowed}"
    if err.validator == "anyOf" and path and isinstance(inst, dict) and "answer" in inst:
        return path + ["ok_min"], "a number item needs ok_min or ok_max"
    if err.validator in ("minProperties", "maxProperties") and "severity_rules" in path:
        return path, "a severity rule needs exactly one of 'below' or 'above', plus 'severity'"
    if err.validator == "minProperties" and isinstance(inst, dict) and not inst:
        return path, "must not be empty"
    if err.validator == "pattern":
        return path, f"{inst!r} must be lower-case letters, digits, '_', '.', '-' (max 64)"
    if err.validator == "type":
        return path, f"expected {err.validator_value}, got {type(inst).__name__} {inst!r}"
    return path, err.message


def _semantic_errors(doc: Mapping[str, Any]) -> list[ValidationError]:
    """Rules beyond the schema: unique keys, sensible ranges, deficient choices have a severity."""
    errors: list[ValidationError] = []
    cat_keys: set[str] = set()
    item_keys: set[str] = set()
    for ci, cat in enumerate(doc.get("categories", [])):
        cpath = f"categories[{ci}]"
        if cat["key"] in cat_keys:
            errors.append(ValidationError(f"{cpath}.key", f"duplicate category key {cat['key']!r}"))
        cat_keys.add(cat["key"])
        for ii, item in enumerate(cat["items"]):
            ipath = f"{cpath}.items[{ii}]"
            if item["key"] in item_keys:
                errors.append(ValidationError(f"{ipath}.key", f"duplicate item key {item['key']!r}"))
            item_keys.add(item["key"])
            lo, hi = item.get("ok_min"), item.get("ok_max")
            if lo is not None and hi is not None and lo > hi:
                errors.append(ValidationError(f"{ipath}.ok_max", f"{hi} is below ok_min {lo}"))
            values: set[str] = set()
            for hi_, ch in enumerate(item.get("choices", [])):
                if ch["value"] in values:
                    errors.append(
                        ValidationError(f"{ipath}.choices[{hi_}].value", f"duplicate choice {ch['value']!r}")
                    )
                values.add(ch["value"])
                if ch["result"] == "deficient" and "severity" not in ch and "severity" not in item:
                    errors.append(
                        ValidationError(
                            f"{ipath}.choices[{hi_}].severity", "a deficient choice needs a severity"
                        )
                    )
            if item.get("choices") and not any(c["result"] == "ok" for c in item["choices"]):
                errors.append(ValidationError(f"{ipath}.choices", "at least one choice must be 'ok'"))
    return errors


def check_template(doc: Any) -> list[ValidationError]:
    """Every problem in ``doc`` (empty when valid), each naming the JSON path of the wrong value."""
    if not isinstance(doc, dict):
        return [ValidationError("template", "must be a JSON object")]
    fmt = doc.get("format")
    if fmt != FORMAT:
        shown = "missing" if fmt is None else repr(fmt)
        return [ValidationError("format", f"unsupported template format {shown}; expected {FORMAT!r}")]
    raw = sorted(_validator().iter_errors(doc), key=lambda e: [str(p) for p in e.absolute_path])
    errors: list[ValidationError] = []
    seen: set[str] = set()
    for err in raw:
        if err.validator in ("if", "allOf"):
            continue
        path, message = _explain(err, doc)
        fieldname = json_path(path)
        if fieldname in seen:
            continue
        seen.add(fieldname)
        errors.append(ValidationError(fieldname, message))
    errors.sort(key=lambda e: _sort_key(e.field))
    if errors:
        return errors
    return _semantic_errors(doc)


def _sort_key(path: str) -> list[Any]:
    """Order errors as they appear in the document (``items[10]`` after ``items[9]``)."""
    out: list[Any] = []
    for token in path.replace("[", ".[").split("."):
        if token.startswith("[") and token.endswith("]") and token[1:-1].isdigit():
            out.append((0, int(token[1:-1]), ""))
        elif token:
            out.append((1, 0, token))
    return out


def validate_template(doc: Any) -> None:
    """Raise the first problem in ``doc`` as a ValidationError (see ``check_template``)."""
    errors = check_template(doc)
    if errors:
        raise errors[0]


# ---------------------------------------------------------------------------------------------
# Parsing


def _dec(value: Any, fieldname: str) -> Decimal | None:
    return None if value is None else to_decimal(value, field=fieldname)


def _item(doc: Mapping[str, Any], path: str) -> Item:
    rules = tuple(
        SeverityRule(
            severity=r["severity"],
            below=_dec(r.get("below"), f"{path}.severity_rules[{n}].below"),
            above=_dec(r.get("above"), f"{path}.severity_rules[{n}].above"),
        )
        for n, r in enumerate(doc.get("severity_rules", []))
    )
    choices = tuple(
        Choice(value=c["value"], label=c["label"], result=c["result"], severity=c.get("severity"))
        for c in doc.get("choices", [])
    )
    return Item(
        key=doc["key"],
        question=doc["question"],
        answer=doc["answer"],
        weight=doc["weight"],
        severity=doc.get("severity"),
        guidance=doc.get("guidance"),
        photo=doc.get("photo", "optional"),
        unit=doc.get("unit"),
        ok_min=_dec(doc.get("ok_min"), f"{path}.ok_min"),
        ok_max=_dec(doc.get("ok_max"), f"{path}.ok_max"),
        severity_rules=rules,
        choices=choices,
        recommendation=doc.get("recommendation"),
    )


def parse_template(doc: Any, *, source: str | None = None) -> Template:
    """Validate ``doc`` and build a ``Template``; raises ValidationError naming the JSON path."""
    validate_template(doc)
    cats = tuple(
        Category(
            key=c["key"],
            title=c["title"],
            weight=c["weight"],
            items=tuple(_item(i, f"categories[{ci}].items[{ii}]") for ii, i in enumerate(c["items"])),
        )
        for ci, c in enumerate(doc["categories"])
    )
    return Template(
        id=doc["id"],
        version=doc["version"],
        title=doc["title"],
        description=doc.get("description"),
        perils=tuple(doc.get("perils", [])),
        categories=cats,
        doc=json.loads(json.dumps(doc)),
        source=source,
    )


def read_json(path: str | Path) -> Any:
    """Read a JSON file; a syntax error becomes a ValidationError naming line and column."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except OSError as err:
        raise ValidationError(str(p), f"cannot read: {err.strerror or err}") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise ValidationError(str(p), f"not valid JSON at line {err.lineno}, column {err.colno}: {err.msg}") from None


def load_template(path: str | Path) -> Template:
    """Load and validate one template file."""
    return parse_template(read_json(path), source=str(path))


def template_dirs(extra: Sequence[str | Path] = ()) -> list[Path]:
    """Where templates are looked up: the shipped ones, then any extra (e.g. a profile's own)."""
    return [RESOURCES, *(Path(d) for d in extra)]


def list_templates(extra_dirs: Sequence[str | Path] = ()) -> list[Template]:
    """All valid templates in the template directories, sorted by id then version.

    A broken file in a user directory is skipped here (``templates validate`` shows why); the
    shipped ones are tested.
    """
    found: dict[tuple[str, int], Template] = {}
    for directory in template_dirs(extra_dirs):
        if not directory.is_dir():
            continue
        for path in sorted(directory.glob("*.json")):
            try:
                tpl = load_template(path)
            except ValidationError:
                continue
            found.setdefault((tpl.id, tpl.version), tpl)
    return [found[k] for k in sorted(found)]


def find_template(template_id: str, version: int | None = None, extra_dirs: Sequence[str | Path] = ()) -> Template:
    """The template ``template_id`` at ``version`` (default: the newest); NotFoundError if absent.

    Accepts ``id@version`` too.
    """
    if version is None and "@" in template_id:
        template_id, _, ver = template_id.partition("@")
        if not ver.isdigit():
            raise ValidationError("template", f"bad version {ver!r} in {template_id}@{ver}")
        version = int(ver)
    matches = [t for t in list_templates(extra_dirs) if t.id == template_id]
    if version is not None:
        matches = [t for t in matches if t.version == version]
    if not matches:
        label = template_id if version is None else f"{template_id}@{version}"
        raise NotFoundError("template", label)
    return matches[-1]


def template_from_snapshot(doc: Mapping[str, Any]) -> Template:
    """Rebuild the template a visit stored; the snapshot, not today's file, is the truth for it.

    Cached by content: visits are scored after every answer, and validating a 30-item template
    each time would cost ~20 ms.
    """
    return _from_snapshot_text(json.dumps(doc, sort_keys=True, ensure_ascii=False))


@functools.lru_cache(maxsize=32)
def _from_snapshot_text(text: str) -> Template:
    return parse_template(json.loads(text), source="snapshot")
