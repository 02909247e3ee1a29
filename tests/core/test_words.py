"""Counts in words: "1 item", never "1 items"."""

from __future__ import annotations

import pytest

from bonewise.core.words import counted, number_word


@pytest.mark.parametrize(("count", "noun", "plural", "text"), [
    (0, "item", None, "0 items"),
    (1, "item", None, "1 item"),
    (2, "food", None, "2 foods"),
    (1_200, "item", None, "1,200 items"),
    (1, "person", "people", "1 person"),
    (3, "person", "people", "3 people"),
])
def test_counted(count, noun, plural, text):
    assert counted(count, noun, plural) == text


def test_number_words():
    assert [number_word(n) for n in (0, 2, 10, 11, 1500)] == ["zero", "two", "ten", "11", "1,500"]
