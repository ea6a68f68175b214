"""Which character can follow the number a rule's match begins with ("5:30" a colon, "5 p.m." a space, "1990s"
an s), read from the rule's regex: at a number, only the rules that let the character after it through need be
tried. Unsure is "any character" (None); the answer may hold characters that never follow, never miss one."""
from __future__ import annotations

try:                                     # the parser of the re module
    from re import _constants as _c
    from re import _parser
except ImportError:                      # Python 3.10
    import sre_constants as _c
    import sre_parse as _parser

_DIGITS = frozenset("0123456789")
_SPACES = frozenset(" \t\n\r\x0b\x0c")
_ZERO_WIDTH = (_c.AT, _c.ASSERT, _c.ASSERT_NOT)
_REPEATS = tuple(op for op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)) if op)
_DEAD: frozenset[str] = frozenset()      # no match begins with a number this way


def after_number(pattern: str, flags: int) -> frozenset[str] | None:
    """The ASCII characters (both cases of a letter) that can follow the digits a match of `pattern` begins with
    (a match ending there allows any); None where any character may. A character outside ASCII is not judged:
    the caller tries every rule there."""
    try:
        found = _after(list(_parser.parse(pattern, flags)), False)
    except RecursionError:
        return None
    if found is None or not all(ch.isascii() for ch in found):
        return None             # (a character outside ASCII may match one inside it where case is ignored)
    return frozenset(v for ch in found for v in (ch, ch.lower(), ch.upper()))


def _after(items: list, started: bool) -> frozenset[str] | None:
    """What can follow the digits in a match of the sequence `items`; started: digits were read already."""
    for i, (op, av) in enumerate(items):
        rest = items[i + 1:]
        if op in _ZERO_WIDTH:
            continue                                        # a look-around only narrows what matches
        if op is _c.SUBPATTERN:
            return _after(list(av[3]) + rest, started)
        if op is _c.BRANCH:
            return _union(_after(list(alt) + rest, started) for alt in av[1])
        if op in _REPEATS:
            low, high, body = av
            if _only_digits(body):
                if low == 0:
                    return _union((_after(rest, True), _after(rest, started)))
                started = True
                continue
            if low == 0 and high == 1:
                return _union((_after(list(body) + rest, started), _after(rest, started)))
        if _only_digits([(op, av)]):
            started = True
            continue
        if not started:
            chars, empty = first_characters(items[i:i + 1])
            if chars is None or chars & _DIGITS:
                return None
            if not empty:
                return _DEAD                                # a match through here begins with no number
            continue                                        # a repeat that may read nothing: read nothing
        chars, empty = first_characters(items[i:])
        if chars is None or empty or chars & _DIGITS:
            return None                                     # the digits may go on, or the match may end
        return chars
    return None                 # the match may end after the digits (or, were there none, be empty)


def _union(results) -> frozenset[str] | None:
    out: set[str] = set()
    for r in results:
        if r is None:
            return None
        out |= r
    return frozenset(out)


def _only_digits(items) -> bool:
    """Whether the sequence reads digits and nothing else (at least one character)."""
    return bool(items) and all(_digit_item(op, av) for op, av in items)


def _digit_item(op, av) -> bool:
    if op is _c.LITERAL:
        return chr(av) in _DIGITS
    if op is _c.IN:
        chars = _class(av)
        return chars is not None and chars <= _DIGITS | {"\\d"}
    if op is _c.SUBPATTERN:
        return _only_digits(av[3])
    if op is _c.BRANCH:
        return all(_only_digits(alt) for alt in av[1])
    if op in _REPEATS:
        return av[0] >= 1 and _only_digits(av[2])
    return False


def _class(items) -> set[str] | None:
    """The characters of a class ("\\d" for the digits of any script, ASCII white space for \\s); None where it
    holds others (a negated class, another category)."""
    out: set[str] = set()
    for op, av in items:
        if op is _c.LITERAL:
            out.add(chr(av))
        elif op is _c.RANGE and av[1] - av[0] <= 0x2FF:
            out |= {chr(x) for x in range(av[0], av[1] + 1)}
        elif op is _c.CATEGORY and av is _c.CATEGORY_DIGIT:
            out |= _DIGITS | {"\\d"}
        elif op is _c.CATEGORY and av is _c.CATEGORY_SPACE:
            out |= _SPACES
        else:
            return None
    return out


def first_characters(items) -> tuple[frozenset[str] | None, bool]:
    """(the characters a match of the sequence can begin with, None where any; whether it can match nothing)."""
    out: set[str] = set()
    for op, av in items:
        chars, empty = _first_item(op, av)
        if chars is None:
            return None, False
        out |= chars
        if not empty:
            return frozenset(out), False
    return frozenset(out), True


def _first_item(op, av) -> tuple[set[str] | None, bool]:
    if op is _c.LITERAL:
        return {chr(av)}, False
    if op is _c.IN:
        chars = _class(av)
        return (None if chars is None else chars - {"\\d"} | (_DIGITS if "\\d" in chars else set())), False
    if op is _c.SUBPATTERN:
        return first_characters(av[3])
    if op is _c.BRANCH:
        found = [first_characters(alt) for alt in av[1]]
        if any(chars is None for chars, _ in found):
            return None, False
        return set().union(*(chars for chars, _ in found)), any(empty for _, empty in found)
    if op in _REPEATS:
        chars, empty = first_characters(av[2])
        return (None if chars is None else set(chars)), empty or av[0] == 0
    if op in _ZERO_WIDTH:
        return set(), True
    return None, False
