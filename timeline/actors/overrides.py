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

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import yaml

from .canonical import KINDS

FILENAME = "actors.yaml"


@dataclass
class Overrides:
    merge: list[list[str]] = field(default_factory=list)
    rename: dict[str, str] = field(default_factory=dict)
    hide: set[str] = field(default_factory=set)          # lower-cased
    kind: dict[str, str] = field(default_factory=dict)   # lower-cased name -> kind
    path: str = ""


class OverridesError(ValueError):
    pass


def load(path: str | Path | None) -> Overrides:
    if path is None:
        return Overrides()
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except OSError as e:
        raise OverridesError(f"{path}: cannot be read: {e.strerror or e}") from e
    except yaml.YAMLError as e:
        raise OverridesError(f"{path}: not valid YAML: {e}") from e
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
    for name, kind in (data.get("kind") or {}).items():
        out.kind[str(name).lower()] = _kind(path, kind)
    for entry in data.get("actors") or []:
        if not isinstance(entry, dict) or "name" not in entry:
            raise OverridesError(f"{path}: each entry of actors needs a name: {entry!r}")
        name = str(entry["name"])
        out.merge.append([name] + [str(a) for a in entry.get("aliases") or []])
        if entry.get("hide"):
            out.hide.add(name.lower())
        if entry.get("kind"):
            out.kind[name.lower()] = _kind(path, entry["kind"])
    return out


def _kind(path: Path, kind) -> str:
    if str(kind) not in KINDS:
        raise OverridesError(f"{path}: unknown kind {kind!r} (one of {', '.join(KINDS)})")
    return str(kind)


def find(paths: Iterable[str | Path]) -> Path | None:
    """The ``actors.yaml`` beside the corpus: in the first folder given (or the folder of the first file)."""
    for p in paths:
        p = Path(p)
        folder = p if p.is_dir() else p.parent
        if (folder / FILENAME).is_file():
            return folder / FILENAME
    return None
