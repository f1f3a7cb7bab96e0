"""Fractional index keys (pure): short keys, a single rewrite per move."""

import random

import pytest

from desktop_app.models.ordering import (
    MAX_KEY_LENGTH,
    key_between,
    keys_between,
    place,
    validate_key,
)


def test_first_keys_are_short_and_ascend():
    keys = keys_between(None, None, 200)
    assert keys == sorted(keys)
    assert len(set(keys)) == 200
    assert keys[0] == "a0"
    assert max(map(len, keys)) == 3


@pytest.mark.parametrize(
    ("below", "above"),
    [
        (None, None),
        ("a0", None),
        (None, "a0"),
        ("a0", "a1"),
        ("a0", "a0V"),
        ("Zz", "a0"),
        ("a1", "b00"),
    ],
)
def test_a_key_between_two_sorts_between_them(below, above):
    key = key_between(below, above)
    validate_key(key)
    assert below is None or below < key
    assert above is None or key < above


def test_refuses_keys_out_of_order_and_malformed_keys():
    with pytest.raises(ValueError):
        key_between("a1", "a0")
    with pytest.raises(ValueError):
        key_between("a0", "a0")
    for bad in ("", "a", "a00", "!x", "b0"):
        with pytest.raises(ValueError):
            validate_key(bad)


def _apply_move(keys, source, target):
    """Move keys[source] so that it ends at index `target`; return (keys, rows written)."""
    others = keys[:source] + keys[source + 1 :]
    key, rewrites = place(others, target)
    for index, new in rewrites.items():
        others[index] = new
    others.insert(target, key)
    return others, 1 + len(rewrites)


def test_a_move_rewrites_one_key_in_the_normal_case():
    keys = keys_between(None, None, 50)
    moved, written = _apply_move(keys, 40, 3)
    assert written == 1
    assert moved == sorted(moved)
    assert [k for i, k in enumerate(moved) if i != 3] == keys[:40] + keys[41:]


def test_moving_again_and_again_to_one_spot_keeps_keys_short_and_writes_few_rows():
    keys = keys_between(None, None, 30)
    total_written = 0
    moves = 2000
    for _ in range(moves):
        # Always the last item to the second place: the worst case for one gap.
        keys, written = _apply_move(keys, len(keys) - 1, 1)
        total_written += written
        assert keys == sorted(keys)
        assert len(set(keys)) == len(keys)
        assert max(map(len, keys)) <= MAX_KEY_LENGTH
    assert total_written < moves * 1.2


def test_random_moves_keep_a_strict_order():
    rng = random.Random(7)
    keys = keys_between(None, None, 40)
    items = list(range(40))
    for _ in range(3000):
        source, target = rng.randrange(40), rng.randrange(40)
        keys, _ = _apply_move(keys, source, target)
        items.insert(target, items.pop(source))
        assert keys == sorted(keys) and len(set(keys)) == 40
        assert max(map(len, keys)) <= MAX_KEY_LENGTH


def test_keys_between_fills_a_gap_in_order():
    keys = keys_between("a0", "a1", 100)
    assert keys == sorted(keys)
    assert keys[0] > "a0" and keys[-1] < "a1"
    assert max(map(len, keys)) <= 5


def test_keys_from_elsewhere_are_respaced_not_refused():
    # Two alike, and one this scheme never makes ("a10" ends in a zero digit).
    keys = ["a0", "a1", "a1", "a10", "a2"]
    key, rewrites = place(keys, 2)
    respaced = [rewrites[i] for i in range(len(keys))]
    respaced.insert(2, key)
    assert respaced == sorted(respaced) and len(set(respaced)) == 6
    for new in respaced:
        validate_key(new)
