"""Loading YAML the user controls: safe types only, and no aliases (no "billion laughs")."""

from __future__ import annotations

from typing import Any

import yaml

_FAST = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _NoAliasLoader(yaml.SafeLoader):
    """The safe loader, refusing `*alias` references: they can make a small file huge."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not allowed here", event.start_mark
            )
        return super().compose_node(parent, index)


def load_yaml(text: str) -> Any:
    """Parse YAML safely; raises yaml.YAMLError (with a line mark) on bad input or aliases."""
    if "*" not in text:
        return yaml.load(text, Loader=_FAST)  # no alias is possible: the fast C loader
    return yaml.load(text, Loader=_NoAliasLoader)
