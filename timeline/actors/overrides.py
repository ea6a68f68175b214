"""The user's last word on actors: ``actors.yaml`` beside the corpus (or ``--actors FILE``).

    merge:                     # each list is one actor, named by its first entry
      - [Mahmoud Abbas, Abu Mazen]
    rename:
      Khaled Meshal: Khaled Mashal
    hide: [Reuters]
    kind:
      West Bank: place
    actors:                    # the same, one entry per actor
      - {name: Hamas, aliases: [Harakat al-Muqawama al-Islamiya], kind: organisation}
      - {name: Wikimedia Commons, hide: true}

Names are matched case-insensitively against canonical names and every alias.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping, Sequence

import yaml

from .. import files
from ..formats import load_yaml
from .canonical import KINDS

FILENAME = "actors.yaml"
HEADER = "# Actors: merge (one list per actor, named by its first entry), rename, hide, kind; any case.\n"


@dataclass
class Overrides:
    merge: list[list[str]] = field(default_factory=list)
    rename: dict[str, str] = field(default_factory=dict)
    hide: set[str] = field(default_factory=set)  # lower-cased
    kind: dict[str, str] = field(default_factory=dict)  # lower-cased name -> kind
    path: str = ""
    spelling: dict[str, str] = field(default_factory=dict, compare=False)  # lower-cased name -> as written

    @property
    def is_empty(self) -> bool:
        return not (self.merge or self.rename or self.hide or self.kind)

    def dump(self) -> str:
        """The overrides as ``actors.yaml`` text, which ``load`` reads back to the same overrides."""

        def written(name: str) -> str:
            return self.spelling.get(name, name)

        sections: list[tuple[dict, bool | None]] = []  # (data, flow style)
        if self.merge:  # one line per actor
            sections.append(({"merge": [list(group) for group in self.merge]}, None))
        if self.rename:
            sections.append(({"rename": dict(self.rename)}, False))
        if self.hide:
            sections.append(({"hide": sorted(map(written, self.hide), key=str.lower)}, None))
        if self.kind:
            sections.append(({"kind": {written(name): kind for name, kind in self.kind.items()}}, False))
        return HEADER + "".join(
            yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=110, default_flow_style=flow)
            for data, flow in sections
        )

    def save(self, path: str | Path) -> Path | None:
        """Write ``dump()`` to ``path``; a file already there is first kept as ``path.bak`` (returned)."""
        path = Path(path)
        backup = None
        if path.exists():
            backup = path.with_name(path.name + ".bak")
            try:
                backup.write_bytes(files.read_bytes(path))
            except files.Refused as e:
                raise OverridesError(f"{path}: not replaced: {e.reason}") from None
        path.write_text(self.dump(), encoding="utf-8")
        return backup

    def with_actors(
        self,
        actors: Sequence[tuple[str, Sequence[str], str]],
        hide: Iterable[str] = (),
        kind: Mapping[str, str] | None = None,
    ) -> Overrides:
        """These overrides with some actors written out in full: each ``(name, spellings, kind)`` becomes one
        merge group (its name first) and its kind, replacing every entry that named one of its spellings;
        ``hide`` and ``kind`` (name -> kind) are added. Loaded again, every actor comes out as given."""
        taken = {n.lower() for name, spellings, _ in actors for n in [name, *spellings]}
        out = Overrides(
            merge=[g for g in self.merge if not taken & {n.lower() for n in g}],
            rename={k: v for k, v in self.rename.items() if not taken & {k.lower(), v.lower()}},
            hide=set(self.hide),
            kind={k: v for k, v in self.kind.items() if k not in taken},
            path=self.path,
            spelling=dict(self.spelling),
        )
        for name, spellings, actor_kind in actors:
            out.merge.append(list(dict.fromkeys([name, *spellings])))
            out.kind[name.lower()] = actor_kind
            out.spelling[name.lower()] = name
        for name in hide:
            out.hide.add(name.lower())
            out.spelling.setdefault(name.lower(), name)
        for name, actor_kind in (kind or {}).items():
            out.kind.pop(name.lower(), None)  # the newest last: it is applied after the others
            out.kind[name.lower()] = _kind(Path(self.path or FILENAME), actor_kind)
            out.spelling.setdefault(name.lower(), name)
        return out


class OverridesError(ValueError):
    pass


def load(path: str | Path | None) -> Overrides:
    if path is None:
        return Overrides()
    path = Path(path)
    try:
        data = load_yaml(files.read_bytes(path).decode("utf-8-sig")) or {}
    except files.Refused as e:
        raise OverridesError(f"{path}: cannot be read: {e.reason}") from None
    except OSError as e:
        raise OverridesError(f"{path}: cannot be read: {e.strerror or e}") from e
    except UnicodeDecodeError as e:
        raise OverridesError(f"{path}: not UTF-8 text (byte {e.start})") from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        problem = getattr(e, "problem", None) or str(e)
        raise OverridesError(f"{where}: not valid YAML: {problem}") from None
    except (ValueError, RecursionError) as e:  # a number too long to convert, nesting too deep
        raise OverridesError(f"{path}: not valid YAML: {e}") from None
    if not isinstance(data, dict):
        raise OverridesError(f"{path}: expected a mapping with merge, rename, hide, kind or actors")
    for key, kind in (("merge", list), ("rename", dict), ("hide", list), ("kind", dict), ("actors", list)):
        if data.get(key) is not None and not isinstance(data[key], kind):
            raise OverridesError(f"{path}: {key} should be a {'list' if kind is list else 'mapping'}")
    out = Overrides(path=str(path))
    for group in data.get("merge") or []:
        names = [str(n) for n in (group if isinstance(group, list) else [group])]
        if names:
            out.merge.append(names)
    out.rename = {str(k): str(v) for k, v in (data.get("rename") or {}).items()}
    out.hide = {str(n).lower() for n in (data.get("hide") or [])}
    out.spelling = {str(n).lower(): str(n) for n in [*(data.get("hide") or []), *(data.get("kind") or {})]}
    for name, kind in (data.get("kind") or {}).items():
        out.kind[str(name).lower()] = _kind(path, kind)
    for entry in data.get("actors") or []:
        if not isinstance(entry, dict) or "name" not in entry:
            raise OverridesError(f"{path}: each entry of actors needs a name: {entry!r}")
        name = str(entry["name"])
        out.merge.append([name] + [str(a) for a in entry.get("aliases") or []])
        out.spelling.setdefault(name.lower(), name)
        if entry.get("hide"):
            out.hide.add(name.lower())
        if entry.get("kind"):
            out.kind[name.lower()] = _kind(path, entry["kind"])
    return out


class _Dumper(yaml.SafeDumper):
    """No anchors and aliases, which ``load`` refuses: a list written twice is written out twice."""

    def ignore_aliases(self, data) -> bool:
        return True


def _kind(path: Path, kind) -> str:
    if str(kind) not in KINDS:
        raise OverridesError(f"{path}: unknown kind {kind!r} (one of {', '.join(KINDS)})")
    return str(kind)


def find(paths: Iterable[str | Path]) -> Path | None:
    """The ``actors.yaml`` beside the corpus: in the first folder given (or the folder of the first file). One
    that is no regular file (a pipe, a link loop) is returned too: ``load`` says what it is."""
    for p in paths:
        p = Path(p)
        folder = p if p.is_dir() else p.parent
        if os.path.lexists(folder / FILENAME):
            return folder / FILENAME
    return None
