"""Whether a data file meets its JSON Schema, answered without jsonschema when
the answer is yes.

jsonschema (with referencing, attrs, rpds and its format checkers) costs about
0.05 s of CPU to import, some 5 % of a plain MkDocs + Material build of one
plan (issue 26 point 5), and a build whose data is valid needs none of its
messages. `valid(schema, instance)` applies the keywords of JSON Schema 2020-12
our schemas use, with jsonschema's own semantics (Draft202012Validator, with
core/data.py's `pattern`), and answers True only when jsonschema would report
no error. Anything else, a broken file or a schema this module cannot judge
exactly (a keyword it does not implement, a `$ref` outside the schema, a value
of a type YAML does not build), is handed to jsonschema by core/data.py `load`,
which then names the error as always: the same files are refused, with the
same messages, only a valid file skips the import.

Exact, not just cautious: `not`, `if` and `oneOf` turn an invalid branch into
a valid whole, so both answers must be jsonschema's. tests/core/
test_schemacheck_unit.py compares the two on every data file and thousands of
broken variants of them, and holds KEYWORDS to jsonschema's list.
"""
from __future__ import annotations

import re
from typing import Any, Callable

# Every keyword Draft202012Validator applies (its VALIDATORS; the test holds
# this to the installed jsonschema). Any other key of a schema is ignored by
# jsonschema (description, title, $defs, x-unique-key, ...) and so here.
KEYWORDS = frozenset({
    "$dynamicRef", "$ref", "additionalProperties", "allOf", "anyOf", "const", "contains",
    "dependentRequired", "dependentSchemas", "enum", "exclusiveMaximum", "exclusiveMinimum",
    "format", "if", "items", "maxItems", "maxLength", "maxProperties", "maximum", "minItems",
    "minLength", "minProperties", "minimum", "multipleOf", "not", "oneOf", "pattern",
    "patternProperties", "prefixItems", "properties", "propertyNames", "required", "type",
    "unevaluatedItems", "unevaluatedProperties", "uniqueItems",
})
DIALECT = "https://json-schema.org/draft/2020-12/schema"
_MAX_DEPTH = 200  # schemas nested (or referring to themselves) deeper: left to jsonschema
_POINTER = re.compile(r"#(/[$A-Za-z0-9_.-]+)*\Z")  # a $ref this module follows: no ~ or % escapes


class Unsure(Exception):
    """This module cannot give jsonschema's answer: ask jsonschema."""


def valid(schema: Any, instance: Any, pattern: Callable[[str], re.Pattern]) -> bool:
    """True when jsonschema's Draft202012Validator (its `pattern` searching with
    `pattern(p)`, as core/data.py's does) reports no error for `instance`; False
    when it reports one or when this module cannot tell."""
    if not isinstance(schema, dict) or schema.get("$schema", DIALECT) != DIALECT:
        return False
    try:
        return _Check(schema, pattern).valid(schema, instance, 0)
    except (Unsure, RecursionError):
        return False


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


_TYPES: dict[str, Callable[[Any], bool]] = {  # jsonschema's draft 2020-12 type checker
    "array": lambda v: isinstance(v, list),
    "boolean": lambda v: isinstance(v, bool),
    "integer": lambda v: (isinstance(v, int) and not isinstance(v, bool))
    or (isinstance(v, float) and v.is_integer()),
    "null": lambda v: v is None,
    "number": _is_number,
    "object": lambda v: isinstance(v, dict),
    "string": lambda v: isinstance(v, str),
}
# What YAML builds for our data; a value of another type (a date, bytes) is left to jsonschema.
_PLAIN = (str, int, float, bool, type(None), list, dict)


def _equal(one: Any, two: Any) -> bool:
    """jsonschema's `equal` (enum, const): True is not 1, lists and mappings item by item."""
    if one is two:
        return True
    if isinstance(one, str) or isinstance(two, str):
        return one == two
    if isinstance(one, (list, tuple)) and isinstance(two, (list, tuple)):
        return len(one) == len(two) and all(_equal(a, b) for a, b in zip(one, two))
    if isinstance(one, dict) and isinstance(two, dict):
        return len(one) == len(two) and all(k in two and _equal(v, two[k]) for k, v in one.items())
    if isinstance(one, bool) or isinstance(two, bool):
        return isinstance(one, bool) and isinstance(two, bool) and one == two
    if not (isinstance(one, _PLAIN) and isinstance(two, _PLAIN)):
        raise Unsure
    return one == two


def _count(value: Any) -> int:
    """A keyword's bound (minLength, minItems...) as jsonschema compares it: a whole number."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise Unsure
    return value


class _Check:
    def __init__(self, root: dict, pattern: Callable[[str], re.Pattern]):
        self.root = root
        self.pattern = pattern

    def resolve(self, ref: Any) -> Any:
        if not isinstance(ref, str) or not _POINTER.match(ref):
            raise Unsure
        target: Any = self.root
        for step in ref[2:].split("/") if ref != "#" else ():
            if not isinstance(target, dict) or step not in target:
                raise Unsure
            target = target[step]
        return target

    def valid(self, schema: Any, instance: Any, depth: int) -> bool:
        if schema is True:
            return True
        if schema is False:
            return False
        if not isinstance(schema, dict) or depth > _MAX_DEPTH or not isinstance(instance, _PLAIN):
            raise Unsure
        if depth and ("$id" in schema or "$schema" in schema):
            raise Unsure  # a new base for $ref, or another dialect: jsonschema's business
        depth += 1
        for keyword, value in schema.items():
            if keyword not in KEYWORDS:
                continue
            check = _KEYWORDS.get(keyword)
            if check is None:
                raise Unsure
            if not check(self, value, instance, schema, depth):
                return False
        return True

    # Each keyword: (self, its value, the instance, the schema holding it, depth) -> valid?

    def type_(self, types, instance, schema, depth):
        names = [types] if isinstance(types, str) else types
        if not isinstance(names, list) or not all(isinstance(n, str) and n in _TYPES for n in names):
            raise Unsure
        return any(_TYPES[n](instance) for n in names)

    def ref(self, ref, instance, schema, depth):
        return self.valid(self.resolve(ref), instance, depth)

    def properties(self, properties, instance, schema, depth):
        if not isinstance(properties, dict):
            raise Unsure
        if not isinstance(instance, dict):
            return True
        return all(self.valid(sub, instance[key], depth) for key, sub in properties.items() if key in instance)

    def additional_properties(self, extra, instance, schema, depth):
        if not isinstance(instance, dict):
            return True
        if "patternProperties" in schema:
            raise Unsure
        named = schema.get("properties", {})
        if not isinstance(named, dict):
            raise Unsure
        others = [key for key in instance if key not in named]
        if isinstance(extra, dict):
            return all(self.valid(extra, instance[key], depth) for key in others)
        if isinstance(extra, bool):
            return extra or not others
        raise Unsure

    def required(self, required, instance, schema, depth):
        if not isinstance(required, list):
            raise Unsure
        return not isinstance(instance, dict) or all(name in instance for name in required)

    def dependent_required(self, dependent, instance, schema, depth):
        if not isinstance(dependent, dict) or not all(isinstance(v, list) for v in dependent.values()):
            raise Unsure
        if not isinstance(instance, dict):
            return True
        return all(each in instance for name, needs in dependent.items() if name in instance for each in needs)

    def items(self, items, instance, schema, depth):
        if not isinstance(items, (dict, bool)):
            raise Unsure
        if not isinstance(instance, list):
            return True
        prefix = schema.get("prefixItems", [])
        if not isinstance(prefix, list):
            raise Unsure
        rest = instance[len(prefix):]
        if items is False:
            return not rest
        return all(self.valid(items, item, depth) for item in rest)

    def prefix_items(self, prefix, instance, schema, depth):
        if not isinstance(prefix, list):
            raise Unsure
        if not isinstance(instance, list):
            return True
        return all(self.valid(sub, item, depth) for item, sub in zip(instance, prefix))

    def min_items(self, bound, instance, schema, depth):
        return not isinstance(instance, list) or len(instance) >= _count(bound)

    def max_items(self, bound, instance, schema, depth):
        return not isinstance(instance, list) or len(instance) <= _count(bound)

    def min_length(self, bound, instance, schema, depth):
        return not isinstance(instance, str) or len(instance) >= _count(bound)

    def max_length(self, bound, instance, schema, depth):
        return not isinstance(instance, str) or len(instance) <= _count(bound)

    def pattern_(self, pattern, instance, schema, depth):
        if not isinstance(pattern, str):
            raise Unsure
        return not isinstance(instance, str) or self.pattern(pattern).search(instance) is not None

    def _bound(self, bound, instance):
        if not _is_number(bound):
            raise Unsure
        return _is_number(instance)

    def minimum(self, bound, instance, schema, depth):
        return not self._bound(bound, instance) or instance >= bound

    def maximum(self, bound, instance, schema, depth):
        return not self._bound(bound, instance) or instance <= bound

    def exclusive_minimum(self, bound, instance, schema, depth):
        return not self._bound(bound, instance) or instance > bound

    def exclusive_maximum(self, bound, instance, schema, depth):
        return not self._bound(bound, instance) or instance < bound

    def enum(self, values, instance, schema, depth):
        if not isinstance(values, list):
            raise Unsure
        return any(_equal(each, instance) for each in values)

    def const(self, value, instance, schema, depth):
        return _equal(instance, value)

    def _subschemas(self, subschemas):
        if not isinstance(subschemas, list):
            raise Unsure
        return subschemas

    def all_of(self, subschemas, instance, schema, depth):
        return all(self.valid(sub, instance, depth) for sub in self._subschemas(subschemas))

    def any_of(self, subschemas, instance, schema, depth):
        return any(self.valid(sub, instance, depth) for sub in self._subschemas(subschemas))

    def one_of(self, subschemas, instance, schema, depth):
        return sum(self.valid(sub, instance, depth) for sub in self._subschemas(subschemas)) == 1

    def not_(self, sub, instance, schema, depth):
        return not self.valid(sub, instance, depth)

    def if_(self, condition, instance, schema, depth):
        branch = "then" if self.valid(condition, instance, depth) else "else"
        return branch not in schema or self.valid(schema[branch], instance, depth)


_KEYWORDS: dict[str, Callable[..., bool]] = {  # the keywords of KEYWORDS judged here
    "type": _Check.type_,
    "$ref": _Check.ref,
    "properties": _Check.properties,
    "additionalProperties": _Check.additional_properties,
    "required": _Check.required,
    "dependentRequired": _Check.dependent_required,
    "items": _Check.items,
    "prefixItems": _Check.prefix_items,
    "minItems": _Check.min_items,
    "maxItems": _Check.max_items,
    "minLength": _Check.min_length,
    "maxLength": _Check.max_length,
    "pattern": _Check.pattern_,
    "minimum": _Check.minimum,
    "maximum": _Check.maximum,
    "exclusiveMinimum": _Check.exclusive_minimum,
    "exclusiveMaximum": _Check.exclusive_maximum,
    "enum": _Check.enum,
    "const": _Check.const,
    "allOf": _Check.all_of,
    "anyOf": _Check.any_of,
    "oneOf": _Check.one_of,
    "not": _Check.not_,
    "if": _Check.if_,
}
