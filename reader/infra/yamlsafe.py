"""Loading YAML the user controls (notes files, the config, front matter): the one place
where PyYAML's failures become the project's `YamlError`.

Safe types only; no `*alias` references (they can make a small file huge); at most
`MAX_DEPTH` levels of nesting (deeper would exhaust Python's stack here or in whatever
walks the data). A file can parse and still not be buildable: an impossible date
(`2024-02-30`), a number of thousands of digits, `!!float abc`. PyYAML lets those
escape as ValueError, OverflowError, TypeError, KeyError or AttributeError; here each
becomes a `YamlError` carrying the line of the value, like a syntax error (or, for a
notes file, a `CannotBuild` its reader names: one note that cannot be read).
"""

from __future__ import annotations

import math
import re
from collections.abc import Hashable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import yaml
from yaml.composer import ComposerError
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.resolver import Resolver

from reader.errors import YamlError
from reader.infra.collector import collector_held
from reader.infra.yamlevents import NotPlain, Skim, build_from_events
from reader.infra.yamloutline import OutlineTaker
from reader.text.safe import shortened

MAX_DEPTH = 100
# About 4,200 decimal digits: Python prints (so the notes dumper writes back) at most 4,300.
_MAX_INT_BITS = 14_000
_MAX_SEXAGESIMAL_PARTS = 20  # `1:2:3` is base 60; thousands of parts take quadratic time
# What PyYAML's constructors raise for a scalar they cannot build.
_BUILD_ERRORS = (ValueError, OverflowError, TypeError, KeyError, AttributeError, IndexError)


class _Written:
    """A value carrying the `text` it was written as, to be written back as it was."""

    text: str

    def __new__(cls, value: object, text: str):  # type: ignore[no-untyped-def]
        made = super().__new__(cls, value)  # type: ignore[call-arg]  # int's or float's
        made.text = text
        return made

    def __reduce__(self) -> tuple[object, ...]:  # copied and pickled with its text
        value = super().__getnewargs__()[0]  # type: ignore[misc]  # int's or float's
        return (type(self), (value, self.text))


class SourceInt(_Written, int):
    """A whole number written otherwise than in plain decimal (`0x1F`, `012`, `1:20`,
    `1_000`)."""


class SourceFloat(_Written, float):
    """A number written otherwise than Python prints it (`1.50`, `1_000.0`, `1:30.5`)."""


class SourceTime(datetime):
    """A time carrying the `text` it was written as (`2026-01-01 10:00:00+02:00`)."""

    text: str

    @classmethod
    def of(cls, moment: datetime, text: str) -> SourceTime:
        kept = cls(
            moment.year, moment.month, moment.day, moment.hour, moment.minute,
            moment.second, moment.microsecond, moment.tzinfo, fold=moment.fold,
        )  # fmt: skip
        kept.text = text
        return kept


@dataclass(frozen=True, slots=True)
class CannotBuild:
    """A value that parses but cannot be built, read with `keep_number_text`: a scalar
    not of its type (`2024-02-30`, `!!float abc`), or any value the safe loader refuses
    (`!!python/object`, a local tag `!foo`, `!!set [a]`, bad `!!binary`). Its tag and
    text as written (for a list or a mapping, `text` is its YAML as serialized), and why;
    written back as it was. Whoever reads it names it (a note holding one cannot be read)."""

    tag: str
    text: str
    problem: str
    scalar: bool = True

    @property
    def as_text(self) -> str | None:
        """The text of a scalar a tag or its look made a number, a date or a boolean
        (`2024-02-30`, `!!float abc`), None for another: what a key read as text (a
        note) takes it as."""
        return self.text if self.scalar and self.tag in _TEXT_TYPES else None


_YAML_TAG = "tag:yaml.org,2002:"
_TEXT_TYPES = frozenset(_YAML_TAG + kind for kind in ("int", "float", "timestamp", "bool"))


class PlainStr(str):
    """A string written plain (unquoted) that other YAML readers would take for a number,
    a bool or null (`1e3`, `0o17`, `y`): written back plain, as it was."""

    __slots__ = ()


# Written as any string by the safe dumper (exports dump values read from notes files).
yaml.SafeDumper.add_representer(PlainStr, yaml.representer.SafeRepresenter.represent_str)


def represent_cannot_build(dumper: yaml.SafeDumper, data: CannotBuild) -> yaml.Node:
    """A value that could not be built, written as it was."""
    if data.scalar:
        return dumper.represent_scalar(data.tag, data.text)
    node = compose_yaml(data.text)
    assert node is not None  # (serialized from a node)
    return node


yaml.SafeDumper.add_representer(CannotBuild, represent_cannot_build)

# Strings other YAML readers (1.2 core schema, or 1.1 beyond PyYAML's resolver) would
# take for a number, bool or null.
AMBIGUOUS = re.compile(
    r"""[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?
    |0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)
    |y|Y|n|N|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF
    |true|True|TRUE|false|False|FALSE|null|Null|NULL|~""",
    re.VERBOSE,
)


def _dumped_float(value: float) -> str:
    """How PyYAML's safe dumper writes a float."""
    if value != value:
        return ".nan"
    if value in (math.inf, -math.inf):
        return ".inf" if value > 0 else "-.inf"
    text = repr(value).lower()
    return text.replace("e", ".0e", 1) if "." not in text and "e" in text else text


def written_text(value: object) -> str | None:
    """The text a scalar loaded with `keep_number_text` was written as (`0x1f`, `1.50`,
    `2026`; a boolean as `true` or `false`); None for a mapping, a list or a null."""
    if isinstance(value, str):
        return value
    if isinstance(value, CannotBuild):
        return value.as_text
    if isinstance(value, _Written | SourceTime) and hasattr(value, "text"):
        return value.text
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _dumped_float(value)
    if isinstance(value, date):  # a date alone, or a time written as PyYAML writes it
        return value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat()
    return None


# A time in UTC as reader writes it (`2026-11-26T08:01:02.123Z`): read as PyYAML reads it.
_UTC_STAMP = re.compile(
    "([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(?:[.]([0-9]{1,6}))?Z"
)


class _Constructor(SafeConstructor):
    """The safe constructor, turning a value it cannot build into a marked YAMLError;
    with `unique_keys`, a key given twice in one mapping is an error (PyYAML would keep
    the last value and drop the first without a word)."""

    unique_keys = False
    keep_number_text = False
    cannot_build = 0  # how many values were kept as `CannotBuild`

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        if self.unique_keys and isinstance(node, yaml.MappingNode):
            if self.keep_number_text and any(k.tag == _MERGE for k, _ in node.value):
                # Its keys would be written out as the mapping's own: not as written.
                raise ConstructorError(None, None, _NO_MERGES, node.start_mark)
            self._refuse_repeated_keys(node)
        return super().construct_mapping(node, deep)

    def _refuse_repeated_keys(self, node: yaml.MappingNode) -> None:
        keys = ((self.construct_object(k, deep=True), k) for k, _ in node.value)
        for problem, key_node in _repeats(keys):
            raise _RepeatedKey(None, None, problem, key_node.start_mark)

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        if not self.keep_number_text:
            try:
                return super().construct_object(node, deep)
            except _BUILD_ERRORS as exc:
                problem = _cannot_build(node, exc)
                raise ConstructorError(None, None, problem, node.start_mark) from None
        # Built whole (deep), so that a value inside that cannot be built is met here, as
        # its own, rather than once the document is built: kept as written, it is named
        # by whoever reads it, and the rest is read.
        try:
            return super().construct_object(node, deep=True)
        except _RepeatedKey:
            raise
        except (ConstructorError, *_BUILD_ERRORS) as exc:
            self.cannot_build += 1
            problem = _cannot_build(node, exc)
            if isinstance(node, yaml.ScalarNode):
                kept = CannotBuild(str(node.tag), str(node.value), problem)
            else:
                kept = CannotBuild(str(node.tag), _serialized(node), problem, scalar=False)
            # Built again as a key checked for repeats is built once more in its mapping.
            self.recursive_objects.pop(node, None)
            self.constructed_objects[node] = kept
            return kept

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        if str(node.value).count(":") > _MAX_SEXAGESIMAL_PARTS:
            raise ValueError("too many parts")
        value = super().construct_yaml_int(node)
        if value.bit_length() > _MAX_INT_BITS:
            raise ValueError("too many digits")
        if self.keep_number_text and str(value) != node.value:
            return SourceInt(value, node.value)
        return value

    def construct_yaml_float(self, node: yaml.ScalarNode) -> float:
        value = super().construct_yaml_float(node)
        if self.keep_number_text and _dumped_float(value) != node.value:
            return SourceFloat(value, node.value)
        return value

    def construct_yaml_str(self, node: yaml.ScalarNode) -> str:
        value = super().construct_yaml_str(node)
        return self.built_str(value, not node.style)  # (None from Python's parser, "" from C's)

    def built_str(self, value: str, plain: bool) -> str:
        """A string scalar as built: a `PlainStr` when kept so (see `load_yaml`)."""
        if self.keep_number_text and plain and AMBIGUOUS.fullmatch(value):
            return PlainStr(value)
        return value

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> date | datetime:
        written = _UTC_STAMP.fullmatch(node.value)
        if written is not None:  # as reader writes them, in a fifth of the time
            year, month, day, hour, minute, second, fraction = written.groups()
            kind = SourceTime if self.keep_number_text else datetime
            made = kind(
                int(year), int(month), int(day), int(hour), int(minute), int(second),
                int(fraction.ljust(6, "0")) if fraction else 0, UTC,
            )  # fmt: skip
            if isinstance(made, SourceTime):
                made.text = node.value
            return made
        value = super().construct_yaml_timestamp(node)
        if self.keep_number_text and isinstance(value, datetime):
            return SourceTime.of(value, node.value)
        return value

    # What add_constructor would do, in a form the type stubs accept for a mixin.
    yaml_constructors = {
        **SafeConstructor.yaml_constructors,
        "tag:yaml.org,2002:int": construct_yaml_int,
        "tag:yaml.org,2002:float": construct_yaml_float,
        "tag:yaml.org,2002:timestamp": construct_yaml_timestamp,
        "tag:yaml.org,2002:str": construct_yaml_str,
    }


try:
    from yaml._yaml import CParser
except ImportError:  # pragma: no cover - PyYAML built without libyaml: the slower loader
    _LIBYAML = False
else:
    _LIBYAML = True

    class _FastLoader(CParser, _Constructor, Resolver):
        """libyaml's parser with our constructor: for text whose events hold no alias."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            _Constructor.__init__(self)
            Resolver.__init__(self)


class _CheckedLoader(
    yaml.reader.Reader,
    yaml.scanner.Scanner,
    yaml.parser.Parser,
    yaml.composer.Composer,
    _Constructor,
    Resolver,
):
    """The pure-Python safe loader, refusing aliases and nesting beyond MAX_DEPTH as it
    composes (it composes recursively, so depth must be stopped before the stack is)."""

    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        _Constructor.__init__(self)
        Resolver.__init__(self)
        self._depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise ComposerError(None, None, _NO_ALIASES, _mark(event))
        if not isinstance(event, yaml.CollectionStartEvent):
            return super().compose_node(parent, index)
        if self._depth >= MAX_DEPTH:
            raise ComposerError(None, None, _too_deep(), _mark(event))
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def load_yaml(
    text: str,
    *,
    unique_keys: bool = False,
    keep_number_text: bool = False,
    outline: OutlineTaker | None = None,
    unbuilt: list[int] | None = None,
) -> Any:
    """Parse and build YAML safely; raises `YamlError` (with its line when known).
    With `unique_keys`, a key repeated in a mapping is such an error; with
    `keep_number_text`, a number not written as PyYAML writes it is a `SourceInt` or a
    `SourceFloat` carrying its text, a time a `SourceTime`, a string written plain
    that other readers would take for a number, bool or null a `PlainStr`, and a scalar
    that cannot be built a `CannotBuild`. `outline`
    is told where the top-level keys are as the text is read, in the plain case only
    (else it has none to give); `unbuilt`, when given, is told how many `CannotBuild`
    there are (none, most often, and then the data need not be searched for them)."""
    with _translated(text):
        if _LIBYAML:
            with suppress(NotPlain, yaml.YAMLError, *_BUILD_ERRORS):
                return _built_from_events(text, unique_keys, keep_number_text, outline)
        loader = _loader(text)
        loader.unique_keys = unique_keys
        loader.keep_number_text = keep_number_text
        try:
            node = loader.get_single_node()
            return None if node is None else loader.construct_document(node)
        finally:
            if unbuilt is not None:
                unbuilt.append(loader.cannot_build)
            loader.dispose()


def _built_from_events(
    text: str,
    unique_keys: bool,
    keep_number_text: bool,
    outline: OutlineTaker | None,
    skim: Skim | None = None,
) -> Any:
    """The fast way, for all but unusual texts (see `reader.infra.yamlevents`)."""
    loader = _FastLoader(text)
    loader.unique_keys = unique_keys
    loader.keep_number_text = keep_number_text
    try:
        return build_from_events(
            loader, max_depth=MAX_DEPTH, unique_keys=unique_keys, outline=outline, skim=skim
        )
    finally:
        loader.dispose()


def skim_yaml(text: str, skim: Skim, outline: OutlineTaker | None = None) -> Any:
    """What `load_yaml` reads of `text` with `unique_keys` and `keep_number_text`, but
    for the items of the list under the top-level key `skim.key`: each is checked as it
    would be built, and given as an `Unbuilt`. Raises NotPlain for any text not read so,
    whether `load_yaml` would read it (a tag, say) or refuse it (a syntax error, a date
    that cannot be, a key given twice): only `load_yaml` says which, and why."""
    if not _LIBYAML:  # pragma: no cover - PyYAML built without libyaml
        raise NotPlain
    try:
        return _built_from_events(text, True, True, outline, skim)
    except (yaml.YAMLError, *_BUILD_ERRORS):
        raise NotPlain from None


def compose_yaml(text: str) -> yaml.Node | None:
    """The node tree of a YAML text (each node knows its line); raises `YamlError`."""
    with _translated(text), collector_held():  # (a node tree is three objects a scalar)
        loader = _loader(text)
        try:
            return loader.get_single_node()
        finally:
            loader.dispose()


def yaml_events(text: str) -> Iterator[Any]:
    """The events of a YAML text, in one pass; raises `YamlError`. Aliases and depth
    are not checked here: the caller walks the events without recursion."""
    with _translated(text):
        loader = _FastLoader(text) if _LIBYAML else _CheckedLoader(text)
        try:
            while loader.check_event():
                yield loader.get_event()
        finally:
            loader.dispose()


def content_end(text: str) -> int | None:
    """Where the last token of a YAML text ends: the comments and blank lines after it
    are not counted; None when the text does not scan."""
    loader = _FastLoader(text) if _LIBYAML else _CheckedLoader(text)
    end = 0
    try:
        while loader.check_token():
            token = loader.get_token()
            if token is not None and not isinstance(token, _NO_CONTENT):
                end = max(end, token.end_mark.index)
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    return end


# Tokens that mark a place, not text (a block ends where the next token starts).
_NO_CONTENT = (yaml.BlockEndToken, yaml.StreamEndToken)


def scalar_tag(event: yaml.ScalarEvent) -> str:
    """A scalar event's tag, as composing resolves it."""
    if event.tag is None or event.tag == "!":
        return str(_RESOLVER.resolve(yaml.ScalarNode, event.value, event.implicit))
    return event.tag


_RESOLVER = Resolver()


def repeated_keys(node: yaml.Node | None) -> list[tuple[int, str]]:
    """Each key given again in a mapping of a composed tree, as (1-based line, "key 'x'
    given twice (first on line 3)"), in the order of the text. Keys compare as written."""
    found: list[tuple[int, str]] = []
    todo = [node] if node is not None else []
    while todo:
        current = todo.pop()
        if isinstance(current, yaml.MappingNode):
            keys = (
                (k.value if isinstance(k, yaml.ScalarNode) else None, k) for k, _ in current.value
            )
            found += [(k.start_mark.line + 1, problem) for problem, k in _repeats(keys)]
            todo += [v for _, v in current.value]
        elif isinstance(current, yaml.SequenceNode):
            todo += current.value
    return sorted(found)


def _repeats(keys: Iterator[tuple[Any, yaml.Node]]) -> Iterator[tuple[str, yaml.Node]]:
    """A problem line and the key's node for each key met again among a mapping's `keys`
    (each a built key and its node); merge keys (`<<`) and unhashable keys are passed over."""
    first_line: dict[Any, int] = {}
    for key, key_node in keys:
        if key_node.tag == "tag:yaml.org,2002:merge" or not isinstance(key, Hashable):
            continue  # an unhashable key is refused by the mapping itself
        if key in first_line:
            shown = repr(shortened(key)) if isinstance(key, str) else shortened(repr(key))
            told = f"key {shown} given twice (first on line {first_line[key]})"
            yield _one_line(told), key_node
        else:
            first_line[key] = key_node.start_mark.line + 1


def _loader(text: str) -> Any:
    if not _LIBYAML:
        return _CheckedLoader(text)
    # libyaml composes recursively in C (`- - - …` 60,000 deep overflows the stack: the
    # process dies), deep flow collections in quadratic time, and expands aliases: so
    # its stream of events is first read for depth and aliases, which costs little next
    # to building the values (and keeps the fast parser for a note holding a `*`).
    _check_events(text)
    return _FastLoader(text)


def _check_events(text: str) -> None:
    events = _FastLoader(text)
    try:
        depth = 0
        while events.check_event():
            event = events.get_event()
            if isinstance(event, yaml.AliasEvent):
                raise ComposerError(None, None, _NO_ALIASES, _mark(event))
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise ComposerError(None, None, _too_deep(), _mark(event))
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    finally:
        events.dispose()


@contextmanager
def _translated(text: str) -> Iterator[None]:
    """Turns whatever PyYAML raises while reading `text` into a one-line `YamlError`."""
    try:
        yield
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "not valid YAML"
        if exc.problem and exc.context and not exc.context.startswith("while"):
            problem = f"{exc.context}, {exc.problem}"  # "expected a single document…"
        problem = _one_line(problem)
        raise YamlError(problem, mark.line + 1 if mark else None) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        raise YamlError(f"character #x{exc.character:04x} is not allowed", line) from None
    except yaml.YAMLError as exc:
        raise YamlError(_one_line(str(exc))[:200] or "not valid YAML") from None
    except RecursionError:
        raise YamlError(_too_deep()) from None
    except _BUILD_ERRORS as exc:  # outside any one value: no line to name
        raise YamlError(f"cannot read the values ({type(exc).__name__})") from None


_NO_ALIASES = "aliases (*name) are not allowed here"
_KINDS = {"int": "a whole number", "float": "a number", "timestamp": "a date"}


_MERGE = "tag:yaml.org,2002:merge"
_NO_MERGES = "merge keys (<<) are not read here: write the keys out"


class _RepeatedKey(ConstructorError):
    """A key given twice in a mapping (see `unique_keys`): the file's problem, not a value's."""


def _serialized(node: yaml.Node) -> str:
    """A node's YAML, as the safe dumper writes it (to be composed again as it was)."""
    return yaml.serialize(node, Dumper=yaml.SafeDumper, allow_unicode=True, width=1 << 30)


def _cannot_build(node: yaml.Node, exc: BaseException) -> str:
    tag = str(node.tag)
    if isinstance(exc, ConstructorError) and exc.problem == _NO_MERGES:
        return _NO_MERGES
    if tag not in SafeConstructor.yaml_constructors:  # !foo, !!python/object:…
        shown = f"!!{tag[len(_YAML_TAG) :]}" if tag.startswith(_YAML_TAG) else tag
        return f"cannot read a value tagged {shortened(shown)}: take the tag away"
    tag = tag.rsplit(":", 1)[-1]
    kind = _KINDS.get(tag, f"!!{tag}")
    value = node.value if isinstance(node, yaml.ScalarNode) else ""
    shown = f" {value[:40]!r}{'…' if len(value) > 40 else ''}" if value else ""
    # Only the date's reasons say something ("day is out of range for month"), and the
    # loader's own ("expected a sequence, but found mapping").
    why = ""
    if tag == "timestamp" and type(exc) is ValueError:
        why = f" ({_one_line(str(exc))[:80]})"
    elif isinstance(exc, ConstructorError) and exc.problem:
        why = f" ({shortened(_one_line(exc.problem), 80)})"
    return f"cannot read{shown} as {kind}{why}"


def _mark(event: yaml.Event) -> yaml.Mark | None:
    """Where an event starts, as the Mark a YAMLError takes (libyaml's has the same fields)."""
    mark = event.start_mark
    if mark is None or isinstance(mark, yaml.Mark):
        return mark
    return yaml.Mark(mark.name, mark.index, mark.line, mark.column, None, 0)


def _too_deep() -> str:
    return f"nested more than {MAX_DEPTH} levels deep"


def _one_line(text: str) -> str:
    return " ".join(str(text).split())
