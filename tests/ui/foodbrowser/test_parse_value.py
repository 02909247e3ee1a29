"""Numbers typed into the custom-food dialog."""

from __future__ import annotations

import pytest

from bonewise.errors import BonewiseError

from bonewise.ui.foodbrowser.customfood import parse_value


@pytest.mark.parametrize("text, value", [
    ("12", 12.0), ("12.5", 12.5), ("12,5", 12.5), (" 0 ", 0.0), (".5", 0.5), ("１２", 12.0),
    ("1 200", 1200.0), ("", None), ("   ", None),
])
def test_accepted_numbers(text, value):
    assert parse_value(text, "Calcium") == value


@pytest.mark.parametrize("text, message", [
    ("abc", "Calcium must be a number, not “abc”."),
    ("nan", "Calcium must be a number, not “nan”."),
    ("inf", "Calcium must be a number, not “inf”."),
    ("1e400", "Calcium must be a number, not “1e400”."),
    ("-5", "Calcium cannot be negative (you typed “-5”)."),
    ("−5", "Calcium cannot be negative (you typed “−5”)."),
    ("1,500", "Calcium: “1,500” is ambiguous; write 1500 or 1.500."),
    ("12 mg", "Calcium must be a number, not “12 mg”."),
    ("<b>1</b>", "Calcium must be a number, not “<b>1</b>”."),
    ("9" * 400, "Calcium is too large"),
])
def test_rejected_input_gets_a_sentence_naming_the_field(text, message):
    with pytest.raises(BonewiseError) as error:
        parse_value(text, "Calcium")
    assert str(error.value.args[0]).startswith(message)


def test_zero_can_be_refused():
    with pytest.raises(BonewiseError, match="more than zero"):
        parse_value("0", "The weight of “cup”", allow_zero=False)
