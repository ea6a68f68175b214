"""Which character can follow the number a rule's match begins with ("5:30" a colon, "5 p.m." a space, "1990s"
an s), read from the rule's regex: at a number, only the rules that let the character after it through need be
tried. Unsure is "any character" (None); the answer may hold characters that never follow, never miss one."""

from __future__ import annotations

try:  # the constants of the re module's parser
    from re import _constants as _c  # type: ignore[attr-defined]
except ImportError:  # Python 3.10
    import sre_constants as _c

_DIGITS = frozenset("0123456789")
_SPACES = frozenset(" \t\n\r\x0b\x0c")
_ZERO_WIDTH = (_c.AT, _c.ASSERT, _c.ASSERT_NOT)
_REPEATS = tuple(op for op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)) if op)
_DEAD: frozenset[str] = frozenset()  # no match begins with a number this way


def after_number(items: list) -> frozenset[str] | None:
    """The ASCII characters (both cases of a letter) that can follow the digits a match of the parsed regex
    `items` begins with (a match ending there allows any); None where any character may. A character outside
    ASCII is not judged: the caller tries every rule there."""
    return _ascii(_read(items, _next_character))


def word_after_number(items: list) -> frozenset[str] | None:
    """The letters (lower case) and digits that can begin the word after the digits a match of the parsed regex
    `items` begins with, where white space comes between ("5 p.m.", "10 May", "3 years"); None where any may."""
    found = _ascii(_read(items, lambda rest: _after_space(rest, False)))
    return None if found is None else frozenset(ch.lower() for ch in found)


def _read(items: list, then) -> frozenset[str] | None:
    try:
        return _after(items, False, then)
    except RecursionError:
        return None


def _ascii(found: frozenset[str] | None) -> frozenset[str] | None:
    """The characters with their other case; None where one outside ASCII has a case that is inside it (the
    Kelvin sign matches "k" where case is ignored)."""
    if found is None or any(
        not ch.isascii() and any(c.isascii() for v in (ch.lower(), ch.upper(), ch.casefold()) for c in v)
        for ch in found
    ):
        return None
    return frozenset(v for ch in found for v in (ch, ch.lower(), ch.upper()))


def _next_character(items: list) -> frozenset[str] | None:
    chars, empty = first_characters(items)
    if chars is None or empty or chars & _DIGITS:
        return None  # the digits may go on, or the match may end
    return chars


def _after(items: list, started: bool, then) -> frozenset[str] | None:
    """then(what follows the digits) in a match of the sequence `items`; started: digits were read already."""
    for i, (op, av) in enumerate(items):
        rest = items[i + 1 :]
        if op is _c.ASSERT and av[0] == 1 and started:
            return then(list(av[1]))  # what follows must match the look-ahead too
        if op in _ZERO_WIDTH:
            continue  # a look-around only narrows what matches
        if op is _c.SUBPATTERN:
            return _after(list(av[3]) + rest, started, then)
        if op is _c.BRANCH:
            return _union(_after(list(alt) + rest, started, then) for alt in av[1])
        if op in _REPEATS:
            low, high, body = av
            if _only_digits(body):
                if low == 0:
                    return _union((_after(rest, True, then), _after(rest, started, then)))
                started = True
                continue
            if low == 0 and high == 1:
                return _union((_after(list(body) + rest, started, then), _after(rest, started, then)))
        if _only_digits([(op, av)]):
            started = True
            continue
        if not started:
            chars, empty = first_characters(items[i : i + 1])
            if chars is None or chars & _DIGITS:
                return None
            if not empty:
                return _DEAD  # a match through here begins with no number
            continue  # a repeat that may read nothing: read nothing
        return then(items[i:])
    return None  # the match may end after the digits (or, were there none, be empty)


def _after_space(items: list, spaced: bool) -> frozenset[str] | None:
    """The characters a match of `items` can read first after some white space (spaced: some was read), where
    the text goes on with white space; None where any."""
    for i, (op, av) in enumerate(items):
        rest = items[i + 1 :]
        if op is _c.ASSERT and av[0] == 1:
            return _after_space(list(av[1]), spaced)
        if op in _ZERO_WIDTH:
            continue
        if op is _c.SUBPATTERN:
            return _after_space(list(av[3]) + rest, spaced)
        if op is _c.BRANCH:
            return _union(_after_space(list(alt) + rest, spaced) for alt in av[1])
        if op in _REPEATS and av[0] == 0 and av[1] == 1:
            return _union((_after_space(list(av[2]) + rest, spaced), _after_space(rest, spaced)))
        chars, empty = first_characters([(op, av)])
        if chars is None:
            return None
        if any(ch.isspace() for ch in chars):
            if op in _REPEATS and not _only_space(av[2]):
                return None  # white space and something else, repeated: unsure
            if empty:  # a run of white space that may be empty
                return _union((_after_space(rest, True), _after_space(rest, spaced)))
            spaced = True  # (a class of white space and marks reads a space)
            continue
        if not spaced:
            if empty:
                continue  # the white space comes first: this reads nothing
            return _DEAD  # a character that is no white space comes first
        found, empty = first_characters(items[i:])
        return None if found is None or empty else found
    return None  # the match may end there


def _only_space(items) -> bool:
    chars, empty = first_characters(items)
    return chars is not None and not empty and len(items) == 1 and all(ch.isspace() for ch in chars)


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


def _first_item(op, av) -> tuple[set[str] | frozenset[str] | None, bool]:
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
        return set().union(*(chars for chars, _ in found if chars is not None)), any(empty for _, empty in found)
    if op in _REPEATS:
        repeated, empty = first_characters(av[2])
        return (None if repeated is None else set(repeated)), empty or av[0] == 0
    if op in _ZERO_WIDTH:
        return set(), True
    return None, False
