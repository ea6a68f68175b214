"""Where a regular expression can take more than linear time: a structural check of its parse tree.

Python's ``re`` is a backtracking matcher. A pattern takes time linear in the text only when the engine never
has to try many ways of matching the same characters. Three shapes break that, and ``problems`` reports each:

- nested: a repeated group holds a part of varying length (``[a-z]+``, ``\\d{1,4}``) that can take characters
  the group's next round could take too -- ``(?:['-]?[a-z]+)*`` splits a run of letters in exponentially
  many ways before it gives up;
- adjacent: two unbounded repeats over common characters with only optional parts between them
  (``\\s*,?\\s*``): a run can be shared between them in quadratically many ways;
- restart (for ``search``, ``finditer``, ``sub`` ...): a match can begin inside a run that an unbounded repeat
  then reads to its end and fails after (``[.!?]+(?=\\s[A-Z])`` on a line of dots): every start in the run
  reads the rest of it again. A guard before the repeat that fails inside the run (``(?<![.!?])``, ``\\b``
  before word characters) makes each run read once.

A possessive repeat (``*+``) or an atomic group (``(?>...)``) never gives back what it took and is left
alone. The check is conservative: a shape it reports may still be linear on every text (it then wants a form
that shows it). ``pumps`` gives, for each repeat, the input on which a pattern of one of these shapes shows it.
The characters of classes are compared on a small alphabet: every character the pattern writes, the ends of
its ranges and one or two of each kind (letters, digits, white space, punctuation, others), which finds every
overlap between two ranges and between a range and a category.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

try:
    from re import _constants as _c, _parser  # type: ignore[attr-defined]
except ImportError:  # Python 3.10
    import sre_constants as _c
    import sre_parse as _parser

_UNBOUNDED = _c.MAXREPEAT
_POSSESSIVE = getattr(_c, "POSSESSIVE_REPEAT", None)
_ATOMIC = getattr(_c, "ATOMIC_GROUP", None)
_SAMPLES = "aezAEZ09 \t\n_.,;:-'\"’“”—!?()[]/\\$%&*+é§\u00a0\u2028\x00"


@dataclass(frozen=True)
class Char:
    chars: frozenset


@dataclass(frozen=True)
class Seq:
    items: tuple


@dataclass(frozen=True)
class Alt:
    options: tuple


@dataclass(eq=False)
class Repeat:
    low: int
    high: int | None  # None: unbounded
    body: Seq
    gives_back: bool  # False: possessive


@dataclass(frozen=True)
class Atomic:
    body: Seq


@dataclass(frozen=True)
class Look:
    """A zero-width assertion: a lookaround (``body``) or an anchor (``at``)."""

    ahead: bool = True
    negative: bool = False
    body: Seq | None = None
    at: object = None


@dataclass(frozen=True)
class Opaque:
    """A back reference: any text, never a repeat of its own."""


def problems(
    pattern: str | re.Pattern[str], flags: int = 0, search: bool = True, window: int | None = None
) -> list[str]:
    """What makes the pattern backtrack beyond linear time, in words ([] when nothing does). ``search``: the
    pattern is tried at every position of a text (``search``, ``finditer``, ``sub``, ``split``, ``findall``,
    or ``match`` called at each word), not only where the caller puts it. ``window``: the pattern only ever
    reads that many characters (``search(text, pos - 40, pos)``): a cost that grows as a power of the length
    read is bounded then, and only the nested kind, which grows exponentially, is reported."""
    if isinstance(pattern, re.Pattern):
        flags, pattern = pattern.flags, pattern.pattern
    tree = _Tree(pattern, flags)
    _memo.clear()
    try:
        out = list(dict.fromkeys(_walk(tree, tree.root, (), ())))
        if search:
            out += [p for p in dict.fromkeys(_restarts(tree)) if p not in out]
        if window is not None:
            out = [p for p in out if p.startswith("nested")]
        return out
    finally:
        _memo.clear()


class _Tree:
    """A parsed pattern as the nodes above, its classes as sets of alphabet characters."""

    def __init__(self, pattern: str, flags: int):
        self.pattern = pattern
        parsed = _parser.parse(pattern, flags & ~re.ASCII if isinstance(pattern, str) else flags)
        self.alphabet = frozenset(_SAMPLES) | _written(parsed)
        self.root = self._seq(parsed, bool(flags & re.IGNORECASE), bool(flags & re.DOTALL))

    def _seq(self, items, icase: bool, dotall: bool) -> Seq:
        return Seq(tuple(self._node(op, av, icase, dotall) for op, av in items))

    def _node(self, op, av, icase: bool, dotall: bool):
        if op in (_c.LITERAL, _c.NOT_LITERAL, _c.IN, _c.ANY):
            return Char(frozenset(ch for ch in self.alphabet if _matches(op, av, ch, icase, dotall)))
        if op is _c.BRANCH:
            return Alt(tuple(self._seq(alt, icase, dotall) for alt in av[1]))
        if op is _c.SUBPATTERN:
            _, add, remove, items = av
            icase = bool((icase or add & re.IGNORECASE) and not remove & re.IGNORECASE)
            dotall = bool((dotall or add & re.DOTALL) and not remove & re.DOTALL)
            return self._seq(items, icase, dotall)
        if op in (_c.MAX_REPEAT, _c.MIN_REPEAT) or (_POSSESSIVE is not None and op is _POSSESSIVE):
            low, high, items = av
            return Repeat(
                low,
                None if high == _UNBOUNDED else high,
                self._seq(items, icase, dotall),
                gives_back=op is not _POSSESSIVE,
            )
        if _ATOMIC is not None and op is _ATOMIC:
            return Atomic(self._seq(av, icase, dotall))
        if op in (_c.ASSERT, _c.ASSERT_NOT):
            direction, items = av
            return Look(ahead=direction > 0, negative=op is _c.ASSERT_NOT, body=self._seq(items, icase, dotall))
        if op is _c.AT:
            return Look(at=av)
        if op is _c.GROUPREF_EXISTS:
            _, yes, no = av
            return Alt((self._seq(yes, icase, dotall), self._seq(no or [], icase, dotall)))
        return Opaque()


def _written(items) -> frozenset:
    """The characters a parsed pattern writes, the ends of its ranges and their other cases."""
    out = set()

    def visit(node):
        if isinstance(node, (list, tuple)):
            for x in node:
                visit(x)
        elif isinstance(node, _parser.SubPattern):
            visit(list(node))
        elif isinstance(node, int) and not isinstance(node, bool) and 0 <= node <= 0x10FFFF:
            out.add(chr(node))

    for op, av in items:
        if op in (_c.LITERAL, _c.NOT_LITERAL):
            out.add(chr(av))
        elif op is _c.IN:
            for sub_op, sub_av in av:
                if sub_op is _c.LITERAL:
                    out.add(chr(sub_av))
                elif sub_op is _c.RANGE:
                    lo, hi = sub_av
                    out.update((chr(lo), chr(hi), chr(min(lo + 1, hi))))
        elif op is _c.BRANCH:
            for alt in av[1]:
                out |= _written(alt)
        elif op is _c.SUBPATTERN:
            out |= _written(av[3])
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT) or (_POSSESSIVE is not None and op is _POSSESSIVE):
            out |= _written(av[2])
        elif _ATOMIC is not None and op is _ATOMIC:
            out |= _written(av)
        elif op in (_c.ASSERT, _c.ASSERT_NOT):
            out |= _written(av[1])
        elif op is _c.GROUPREF_EXISTS:
            out |= _written(av[1]) | _written(av[2] or [])
    return frozenset(
        out | {ch.lower() for ch in out if len(ch.lower()) == 1} | {ch.upper() for ch in out if len(ch.upper()) == 1}
    )


def _same(a: str, b: str, icase: bool) -> bool:
    return a == b or icase and (a.lower() == b.lower() or a.upper() == b.upper())


def _category(cat, ch: str) -> bool:
    c = _c
    if cat is c.CATEGORY_DIGIT:
        return ch.isdecimal()
    if cat is c.CATEGORY_NOT_DIGIT:
        return not ch.isdecimal()
    if cat is c.CATEGORY_SPACE:
        return ch.isspace()
    if cat is c.CATEGORY_NOT_SPACE:
        return not ch.isspace()
    if cat is c.CATEGORY_WORD:
        return ch.isalnum() or ch == "_"
    if cat is c.CATEGORY_NOT_WORD:
        return not (ch.isalnum() or ch == "_")
    return True


def _matches(op, av, ch: str, icase: bool, dotall: bool) -> bool:
    c = _c
    if op is c.LITERAL:
        return _same(ch, chr(av), icase)
    if op is c.NOT_LITERAL:
        return not _same(ch, chr(av), icase)
    if op is c.ANY:
        return dotall or ch != "\n"
    negate = False
    hit = False
    for sub_op, sub_av in av:
        if sub_op is c.NEGATE:
            negate = True
        elif sub_op is c.LITERAL:
            hit |= _same(ch, chr(sub_av), icase)
        elif sub_op is c.RANGE:
            lo, hi = sub_av
            hit |= any(lo <= ord(x) <= hi for x in {ch, ch.lower(), ch.upper()} if len(x) == 1 and (icase or x == ch))
        elif sub_op is c.CATEGORY:
            hit |= _category(sub_av, ch)
    return hit != negate


# --- what a part can read -------------------------------------------------------------------------------------

_memo: dict = {}  # (function, id(node)) -> result, for the tree being checked


def _first(node) -> tuple[frozenset, bool]:
    """(the characters a match of the node can begin with, whether it can match nothing)."""
    key = ("first", id(node))
    if key not in _memo:
        _memo[key] = _first_of(node)
    return _memo[key]


def _first_of(node) -> tuple[frozenset, bool]:
    if isinstance(node, Char):
        return node.chars, False
    if isinstance(node, Seq):
        out: frozenset = frozenset()
        for item in node.items:
            chars, empty = _first(item)
            out |= chars
            if not empty:
                return out, False
        return out, True
    if isinstance(node, Alt):
        results = [_first(o) for o in node.options]
        return frozenset().union(*(r[0] for r in results)), any(r[1] for r in results)
    if isinstance(node, Repeat):
        chars, empty = _first(node.body)
        return chars, empty or node.low == 0
    if isinstance(node, Atomic):
        return _first(node.body)
    if isinstance(node, Look):
        return frozenset(), True
    return frozenset(), True


def _reads(node) -> frozenset:
    """Every character the node can read."""
    key = ("reads", id(node))
    if key not in _memo:
        _memo[key] = _reads_of(node)
    return _memo[key]


def _reads_of(node) -> frozenset:
    if isinstance(node, Char):
        return node.chars
    if isinstance(node, Seq):
        return frozenset().union(*(_reads(i) for i in node.items)) if node.items else frozenset()
    if isinstance(node, Alt):
        return frozenset().union(*(_reads(o) for o in node.options))
    if isinstance(node, (Repeat, Atomic)):
        return _reads(node.body)
    return frozenset()


def _varies(node: Repeat) -> bool:
    return node.gives_back and (node.high is None or node.high > node.low) and bool(_reads(node.body))


@dataclass(frozen=True)
class _Again:
    """The next round of a repeat, as a continuation: optional, begins as the repeat's body does."""

    repeat: Repeat


def _follow(cont: tuple, until: Repeat | None = None) -> frozenset:
    """The characters that can come right after a part, up to (and including) the next round of ``until``.
    ``cont``: what is matched after the part, innermost first, as tuples of parts (``_Again``: a next round)."""
    out: frozenset = frozenset()
    for frame in cont:
        for item in frame:
            if isinstance(item, _Again):
                out |= _first(item.repeat.body)[0]
                if item.repeat is until:
                    return out
                continue
            chars, empty = _first(item)
            out |= chars
            if not empty:
                return out
    return out


def _leading_repeats(cont: tuple) -> Iterator[Repeat]:
    """Unbounded repeats that can read right after a part, past optional parts only."""
    for frame in cont:
        for item in frame:
            node = item.repeat.body if isinstance(item, _Again) else item
            yield from _leading_in(node)
            if not (isinstance(item, _Again) or _first(node)[1]):
                return


def _leading_in(node) -> Iterator[Repeat]:
    if isinstance(node, Repeat):
        if _varies(node) and node.high is None:
            yield node
        yield from _leading_in(node.body)
    elif isinstance(node, Seq):
        for item in node.items:
            yield from _leading_in(item)
            if not _first(item)[1]:
                return
    elif isinstance(node, Alt):
        for o in node.options:
            yield from _leading_in(o)


def _reads_within(node, chars: frozenset) -> bool:
    """Whether the node can match a text made only of these characters."""
    if isinstance(node, Char):
        return bool(node.chars & chars)
    if isinstance(node, Seq):
        return all(_reads_within(i, chars) for i in node.items)
    if isinstance(node, Alt):
        return any(_reads_within(o, chars) for o in node.options)
    if isinstance(node, Repeat):
        return node.low == 0 or _reads_within(node.body, chars)
    if isinstance(node, Atomic):
        return _reads_within(node.body, chars)
    return True


def _show(chars: frozenset) -> str:
    shown = "".join(sorted(ch for ch in chars if ch.isprintable() and not ch.isspace()))[:12]
    return repr(shown + (" " if any(ch.isspace() for ch in chars) else ""))


def _walk(tree: _Tree, node, cont: tuple, repeats: tuple) -> Iterator[str]:
    """Problems of the nested and adjacent kinds. ``repeats``: the enclosing repeats that give back."""
    if isinstance(node, Seq):
        for i, item in enumerate(node.items):
            yield from _walk(tree, item, (node.items[i + 1 :],) + cont, repeats)
    elif isinstance(node, Alt):
        for o in node.options:
            yield from _walk(tree, o, cont, repeats)
    elif isinstance(node, Atomic):
        yield from _walk(tree, node.body, (), ())  # what follows never makes it give back
    elif isinstance(node, Look):
        if node.body is not None:
            yield from _walk(tree, node.body, (), ())  # a lookaround is atomic too
    elif isinstance(node, Repeat):
        if not node.gives_back:
            yield from _walk(tree, node.body, (), ())
            return
        reads = _reads(node.body)
        if _varies(node):
            for outer in repeats:
                if node.high is not None and outer.high is None or node.high is None:
                    shared = reads & _follow(cont, until=outer)
                    if shared and reads & _first(outer.body)[0] and _reads_within(outer.body, reads):
                        yield (
                            f"nested: a repeat over {_show(reads)} inside a repeated group can take the "
                            f"characters {_show(shared)} of the group's next round"
                        )
                        break
            if node.high is None:
                for other in _leading_repeats(cont):
                    common = reads & _reads(other.body)
                    if (
                        other is not node
                        and other not in repeats
                        and common
                        and _reads_within(node.body, common)
                        and _reads_within(other.body, common)
                    ):
                        yield (
                            f"adjacent: two unbounded repeats over {_show(common)} "
                            f"with only optional parts between them"
                        )
                        break
        inner = repeats + (node,) if (node.high is None or node.high > 1) else repeats
        again = ((_Again(node),),) if node.high is None or node.high > 1 else ()
        yield from _walk(tree, node.body, again + cont, inner)


# --- restarts: a search that reads a run again from each of its characters ------------------------------------


def _restarts(tree: _Tree) -> Iterator[str]:
    for repeat, cont in _unbounded(tree.root, ()):
        reads = _reads(repeat.body)
        if not _always_ends(cont, reads) and _reached_inside_run(tree.root, repeat, reads):
            yield (
                f"restart: a search can begin inside a run of {_show(reads)} at each of its characters, "
                f"and an unbounded repeat reads the run to its end every time"
            )


def _unbounded(node, cont: tuple) -> Iterator[tuple[Repeat, tuple]]:
    """The unbounded repeats that give back, each with what follows it."""
    if isinstance(node, Seq):
        for i, item in enumerate(node.items):
            yield from _unbounded(item, (node.items[i + 1 :],) + cont)
    elif isinstance(node, Alt):
        for o in node.options:
            yield from _unbounded(o, cont)
    elif isinstance(node, Atomic) or (isinstance(node, Look) and node.body is not None):
        yield from _unbounded(node.body, ())
    elif isinstance(node, Repeat):
        if node.high is None and _varies(node):
            yield node, cont
        yield from _unbounded(node.body, ((_Again(node),),) + cont if node.gives_back else ())


def _reached_inside_run(root: Seq, target: Repeat, reads: frozenset) -> bool:
    """Whether a match begun inside a run of ``reads`` can reach ``target`` reading only characters of the run
    and passing no guard that fails inside it (a depth-first search over the positions of the pattern; a
    position is a sequence and an index in it, with the positions to go on at when the sequence ends).
    Where the target reads rounds of a few fixed words and the match reads a word of its own before it
    ("shall" before " not", " be" ...), the run must be able to hold that word."""
    rounds = _strings(target.body)
    seen: set = set()
    stack: list[tuple[tuple, int, tuple, str | None]] = [(root.items, 0, (), "")]
    while stack:
        items, i, cont, word = stack.pop()
        key = (id(items), i, tuple((id(f[0]), f[1]) for f in cont), word)
        if key in seen:
            continue
        seen.add(key)
        if i == len(items):
            if cont:
                (next_items, next_i), rest = cont[0], cont[1:]
                if next_i < 0:  # the end of a repeat's round:
                    stack.append((next_items, 0, cont, word))  # another round,
                    stack.append(((), 0, rest, word))  # or on after the repeat
                else:
                    stack.append((next_items, next_i, rest, word))
            continue
        item = items[i]
        here = ((items, i + 1),) + cont
        if item is target:
            if not (word and rounds is not None and not _can_hold(rounds, word)):
                return True
            continue
        if isinstance(item, Char):
            if item.chars & reads:
                letter = _letter(item.chars)
                more = word + letter if word is not None and letter and len(word) < 40 else None
                stack.append((items, i + 1, cont, more))
        elif isinstance(item, Look):
            if not _guarded(item, reads):
                stack.append((items, i + 1, cont, word))
                if item.body is not None and item.ahead:
                    stack.append((item.body.items, 0, here, word))
        elif isinstance(item, Alt):
            for o in item.options:
                stack.append((o.items, 0, here, word))
        elif isinstance(item, (Seq, Atomic)):
            body = item if isinstance(item, Seq) else item.body
            stack.append((body.items, 0, here, word))
        elif isinstance(item, Repeat):
            if item.low == 0:
                stack.append((items, i + 1, cont, word))
            again = ((item.body.items, -1),) if item.high != 1 else ()
            stack.append((item.body.items, 0, again + here, None))
        else:
            stack.append((items, i + 1, cont, None))
    return False


def _letter(chars: frozenset) -> str:
    """The one character a class stands for, in lower case ("" when it stands for several)."""
    lowered = {ch.lower() for ch in chars}
    return lowered.pop() if len(lowered) == 1 else ""


def _strings(node, limit: int = 400) -> frozenset | None:
    """The texts (in lower case) a part matches when they are few, fixed words; else None."""
    if isinstance(node, Char):
        letter = _letter(node.chars)
        return frozenset([letter]) if letter else None
    if isinstance(node, Seq):
        out = frozenset([""])
        for item in node.items:
            if isinstance(item, Look):
                continue
            part = _strings(item, limit)
            if part is None or len(out) * len(part) > limit:
                return None
            out = frozenset(a + b for a in out for b in part)
        return out
    if isinstance(node, Alt):
        out = frozenset()
        for o in node.options:
            part = _strings(o, limit)
            if part is None:
                return None
            out |= part
        return out if len(out) <= limit else None
    if isinstance(node, Repeat) and node.high is not None and node.high <= 1:
        part = _strings(node.body, limit)
        return None if part is None else part | ({""} if node.low == 0 else set())
    return None


def _can_hold(rounds: frozenset, word: str) -> bool:
    """Whether some run of these rounds, one after another, holds the word."""
    rounds = frozenset(r for r in rounds if r)
    if any(word in r for r in rounds):
        return True
    # the word begins inside one round, ends inside a later one: positions reached in the word
    reached = {len(r) - k for r in rounds for k in range(1, len(r)) if word.startswith(r[k:])}
    done: set = set()
    while reached:
        at = reached.pop()
        if at in done:
            continue
        done.add(at)
        rest = word[at:]
        for r in rounds:
            if r.startswith(rest):
                return True
            if rest.startswith(r):
                reached.add(at + len(r))
    return False


def _always_ends(cont: tuple, reads: frozenset) -> bool:
    """Whether what follows a repeat over ``reads`` matches once the repeat gives back at most one character:
    optional parts, and a look-ahead that no character of the run can fail (``[A-Z]+(?![a-z])``)."""
    for frame in cont:
        for item in frame:
            if isinstance(item, _Again):
                continue
            if (
                isinstance(item, Look)
                and item.ahead
                and item.negative
                and item.body is not None
                and len(item.body.items) == 1
                and isinstance(item.body.items[0], Char)
                and not item.body.items[0].chars & reads
            ):
                continue
            if isinstance(item, Look) or not _first(item)[1] or not _plain_optional(item):
                return False
    return True


def _plain_optional(node) -> bool:
    if isinstance(node, Repeat):
        return node.low == 0
    if isinstance(node, Seq):
        return all(_plain_optional(i) for i in node.items)
    if isinstance(node, Alt):
        return any(_plain_optional(o) for o in node.options)
    return False


def _guarded(guard: Look, reads: frozenset) -> bool:
    """Whether the guard fails inside a run of these characters, so a search begins only at its start."""
    if guard.at is not None:
        if guard.at in (_c.AT_BEGINNING_STRING, _c.AT_BEGINNING):
            return True
        if guard.at is _c.AT_BOUNDARY:
            return all(ch.isalnum() or ch == "_" for ch in reads)
        return False
    if guard.ahead or guard.body is None or len(guard.body.items) != 1 or not isinstance(guard.body.items[0], Char):
        return False
    before = guard.body.items[0].chars
    return reads <= before if guard.negative else not (reads & before)


# --- inputs that make a backtracking engine work hardest --------------------------------------------------------


def pumps(pattern: str | re.Pattern[str], flags: int = 0) -> list[tuple[str, str]]:
    """(lead, round) for each unbounded repeat of the pattern: a text that brings a match to the repeat, and a
    text one round of it reads. ``lead + round * n`` followed by a character the pattern does not expect is the
    input on which a pattern that backtracks beyond linear time shows it."""
    if isinstance(pattern, re.Pattern):
        flags, pattern = pattern.flags, pattern.pattern
    tree = _Tree(pattern, flags)
    out: list[tuple[str, str]] = []
    _memo.clear()
    try:
        _pump_walk(tree.root, "", out)
    finally:
        _memo.clear()
    return list(dict.fromkeys(p for p in out if p[1]))


def _pump_walk(node, lead: str, out: list) -> None:
    if isinstance(node, Seq):
        for item in node.items:
            _pump_walk(item, lead, out)
            lead += _sample(item)
    elif isinstance(node, Alt):
        for o in node.options:
            _pump_walk(o, lead, out)
    elif isinstance(node, Repeat):
        if node.high is None:
            out.append((lead, _sample(node.body, nonempty=True)))
        _pump_walk(node.body, lead, out)
    elif isinstance(node, Atomic) or (isinstance(node, Look) and node.body is not None and node.ahead):
        _pump_walk(node.body, lead, out)


_PREFERRED = "etaoinsrhdlcumwfgypbvkjxqz0123456789 ,.-'"


def _pick(chars: frozenset) -> str:
    if not chars:
        return ""
    return min(
        chars, key=lambda ch: (_PREFERRED.find(ch.lower()) if ch.lower() in _PREFERRED else 99, not ch.islower(), ch)
    )


def _sample(node, nonempty: bool = False) -> str:
    """A short text the node matches (one that is not empty, if asked and there is one)."""
    if isinstance(node, Char):
        return _pick(node.chars)
    if isinstance(node, Seq):
        parts = [_sample(item) for item in node.items]
        if nonempty and not "".join(parts):
            for i, item in enumerate(node.items):
                part = _sample(item, nonempty=True)
                if part:
                    parts[i] = part
                    break
        return "".join(parts)
    if isinstance(node, Alt):
        samples = [_sample(o, nonempty) for o in node.options]
        return next((s for s in samples if s), "") if nonempty else min(samples, key=len, default="")
    if isinstance(node, Repeat):
        once = _sample(node.body, nonempty=nonempty or node.low > 0)
        return once * max(node.low, 1 if nonempty and once else 0)
    if isinstance(node, Atomic):
        return _sample(node.body, nonempty)
    return ""
