"""Fractional index keys: an order that one row's key can change.

Each item of an ordered list carries a text key; the list sorts by key
(plain byte order, as SQLite compares text). To move an item, it gets a
new key between the keys of its new neighbours, so a move rewrites that
one item and nothing else.

Keys follow David Greenspan's "fractional indexing" scheme (as in the
`fractional-indexing` package): an integer part whose first character
encodes its length ("a0", "a1", ... "az", "b00", ...), so appending
thousands of items keeps keys at two or three characters, then a base-62
fraction for the keys made between two neighbours. Inserting again and
again at the same spot lengthens the fraction by about one character every
six moves; when a key would pass MAX_KEY_LENGTH, `place` respaces a small
window of neighbours around the spot instead (the window doubles until
short keys fit), so keys stay short and a move still writes a bounded
number of rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from itertools import pairwise

DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_ZERO = DIGITS[0]
_SMALLEST_INTEGER = "A" + _ZERO * 26

# A key longer than this is never written: `place` respaces neighbours instead.
MAX_KEY_LENGTH = 24
# Respaced keys must come out at most this long (else the window grows).
_RESPACED_LENGTH = 12


def _digit(char: str) -> int:
    index = DIGITS.find(char)
    if index < 0:
        raise ValueError(f"invalid order key digit {char!r}")
    return index


def _midpoint(a: str, b: str | None) -> str:
    """A fraction strictly between fractions `a` and `b` (b None: 1)."""
    if b is not None and a >= b:
        raise ValueError(f"{a!r} is not below {b!r}")
    if a.endswith(_ZERO) or (b is not None and b.endswith(_ZERO)):
        raise ValueError("fractions never end in the zero digit")
    if b is not None:
        # Skip the prefix the two share (a padded with zeros).
        common = 0
        while (a[common] if common < len(a) else _ZERO) == b[common]:
            common += 1
        if common:
            return b[:common] + _midpoint(a[common:], b[common:])
    digit_a = _digit(a[0]) if a else 0
    digit_b = _digit(b[0]) if b is not None else len(DIGITS)
    if digit_b - digit_a > 1:
        return DIGITS[(digit_a + digit_b + 1) // 2]
    # The first digits are consecutive.
    if b is not None and len(b) > 1:
        return b[:1]
    return DIGITS[digit_a] + _midpoint(a[1:], None)


def _integer_length(head: str) -> int:
    if "a" <= head <= "z":
        return ord(head) - ord("a") + 2
    if "A" <= head <= "Z":
        return ord("Z") - ord(head) + 2
    raise ValueError(f"invalid order key head {head!r}")


def _integer_part(key: str) -> str:
    length = _integer_length(key[0])
    if length > len(key):
        raise ValueError(f"invalid order key {key!r}")
    return key[:length]


def validate_key(key: str) -> None:
    """Raise ValueError unless `key` is a well-formed order key."""
    if not key:
        raise ValueError("an order key cannot be empty")
    if key == _SMALLEST_INTEGER:
        raise ValueError("invalid order key")
    integer = _integer_part(key)
    for char in key[1:]:
        _digit(char)
    if key[len(integer) :].endswith(_ZERO):
        raise ValueError(f"invalid order key {key!r}")


def _increment_integer(integer: str) -> str | None:
    head, digits = integer[0], list(integer[1:])
    for position in range(len(digits) - 1, -1, -1):
        value = _digit(digits[position]) + 1
        if value < len(DIGITS):
            digits[position] = DIGITS[value]
            return head + "".join(digits)
        digits[position] = _ZERO
    if head == "Z":
        return "a" + _ZERO
    if head == "z":
        return None
    new_head = chr(ord(head) + 1)
    if new_head > "a":
        digits.append(_ZERO)
    else:
        digits.pop()
    return new_head + "".join(digits)


def _decrement_integer(integer: str) -> str | None:
    head, digits = integer[0], list(integer[1:])
    for position in range(len(digits) - 1, -1, -1):
        value = _digit(digits[position]) - 1
        if value >= 0:
            digits[position] = DIGITS[value]
            return head + "".join(digits)
        digits[position] = DIGITS[-1]
    if head == "a":
        return "Z" + DIGITS[-1]
    if head == "A":
        return None
    new_head = chr(ord(head) - 1)
    if new_head < "Z":
        digits.append(DIGITS[-1])
    else:
        digits.pop()
    return new_head + "".join(digits)


def key_between(a: str | None, b: str | None) -> str:
    """A key that sorts after `a` and before `b` (None: no bound on that side)."""
    if a is not None:
        validate_key(a)
    if b is not None:
        validate_key(b)
    if a is not None and b is not None and a >= b:
        raise ValueError(f"{a!r} is not below {b!r}")
    if a is None:
        if b is None:
            return "a" + _ZERO
        integer_b = _integer_part(b)
        fraction_b = b[len(integer_b) :]
        if integer_b == _SMALLEST_INTEGER:
            return integer_b + _midpoint("", fraction_b)
        if integer_b < b:
            return integer_b
        below = _decrement_integer(integer_b)
        if below is None:
            raise ValueError("cannot make a key below the smallest one")
        return below
    integer_a = _integer_part(a)
    fraction_a = a[len(integer_a) :]
    if b is None:
        above = _increment_integer(integer_a)
        return integer_a + _midpoint(fraction_a, None) if above is None else above
    integer_b = _integer_part(b)
    fraction_b = b[len(integer_b) :]
    if integer_a == integer_b:
        return integer_a + _midpoint(fraction_a, fraction_b)
    above = _increment_integer(integer_a)
    if above is None:
        raise ValueError("cannot make a key above the largest one")
    if above < b:
        return above
    return integer_a + _midpoint(fraction_a, None)


def keys_between(a: str | None, b: str | None, count: int) -> list[str]:
    """`count` ascending keys between `a` and `b`, spread so that they stay short."""
    if count <= 0:
        return []
    if count == 1:
        return [key_between(a, b)]
    if b is None:
        keys = [key_between(a, None)]
        for _ in range(count - 1):
            keys.append(key_between(keys[-1], None))
        return keys
    if a is None:
        keys = [key_between(None, b)]
        for _ in range(count - 1):
            keys.append(key_between(None, keys[-1]))
        return keys[::-1]
    middle = count // 2
    key = key_between(a, b)
    return [*keys_between(a, key, middle), key, *keys_between(key, b, count - middle - 1)]


def place(keys: Sequence[str], index: int) -> tuple[str, dict[int, str]]:
    """Where an item goes to sit at `index` among the sorted `keys`.

    Returns the item's new key and the keys to rewrite, by index into
    `keys`: nothing in the normal case; a small window of neighbours when
    the gap at `index` has become too narrow for a short key.
    """
    if not 0 <= index <= len(keys):
        raise IndexError(index)
    if not _usable(keys):
        # Keys this module did not make (malformed, or two alike): start afresh.
        fresh = keys_between(None, None, len(keys) + 1)
        key = fresh.pop(index)
        return key, dict(enumerate(fresh))
    below = keys[index - 1] if index > 0 else None
    above = keys[index] if index < len(keys) else None
    key = key_between(below, above)
    if len(key) <= MAX_KEY_LENGTH:
        return key, {}
    radius = 1
    while True:
        start, end = max(0, index - radius), min(len(keys), index + radius)
        everything = start == 0 and end == len(keys)
        fresh = keys_between(
            keys[start - 1] if start > 0 else None,
            keys[end] if end < len(keys) else None,
            end - start + 1,
        )
        if everything or max(map(len, fresh)) <= _RESPACED_LENGTH:
            key = fresh.pop(index - start)
            return key, {position: fresh[position - start] for position in range(start, end)}
        radius *= 2


def _usable(keys: Sequence[str]) -> bool:
    """Whether `keys` are well formed and strictly ascending."""
    return all(map(_well_formed, keys)) and all(a < b for a, b in pairwise(keys))


# Remembered: each move checks every key of its list, and all but one or
# two are the keys the previous move checked.
@lru_cache(maxsize=65536)
def _well_formed(key: str) -> bool:
    try:
        validate_key(key)
    except ValueError:
        return False
    return True


def move_to(
    order: Sequence[tuple[int, str]], item_id: int, index: int
) -> dict[int, tuple[str, str]]:
    """Where things go when the item `item_id` moves to `index` of `order`.

    `order` is the list's (id, key) pairs in order. Returns {id: (old key,
    new key)} for every row to write: the moved one, and only when the gap
    there has grown too narrow a few neighbours; empty when it already sits
    at `index`. That mapping is also what undo and redo need.
    """
    ids = [row_id for row_id, _ in order]
    current = ids.index(item_id)
    others = [*order[:current], *order[current + 1 :]]
    index = max(0, min(index, len(others)))
    if index == current:
        return {}
    key, rewrites = place([position for _, position in others], index)
    changes = {item_id: (order[current][1], key)}
    for position, new_key in rewrites.items():
        changes[others[position][0]] = (others[position][1], new_key)
    return changes
