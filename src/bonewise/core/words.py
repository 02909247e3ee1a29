"""Small pieces of English shared by the window, the command line and the PDF."""

from __future__ import annotations


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """ "1 item", "3 items", "0 items"; ``plural`` for nouns that do not take an "s"."""
    return f"{count:,} {noun if count == 1 else plural or noun + 's'}"


def number_word(count: int) -> str:
    """ "one" … "ten", else the digits: for counts said inside a sentence."""
    words = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
    return words[count] if 0 <= count < len(words) else f"{count:,}"
