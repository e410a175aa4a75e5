"""The one masking of ID and phone numbers (``inspectcli.redact``) and the standard streams
that pass it. Generated numbers never leave this process; those written out are invented
(region 000000, the 140 block of data-only cards, local numbers starting with 1)."""

from __future__ import annotations

import io
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inspectcli.output.streams import RedactedStream
from inspectcli.redact import found, mask, mask_terminal, mask_value

SEPARATORS = " -"
# Text around a number: Chinese, ASCII letters (an X or x too) and punctuation, but no
# digit, which would make it another number, and no hex letter: a word of 32, 40 or 64 hex
# digits is a digest, left whole.
AROUND = st.text(
    alphabet=st.sampled_from("督查发现户主身份证号联系电话手机，。：；（）、 ghkXxyZ.:;/_"),
    max_size=12,
)


@st.composite
def birth_dates(draw: st.DrawFn) -> str:
    year = draw(st.integers(1900, 2025))
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, 28))
    return f"{year:04d}{month:02d}{day:02d}"


@st.composite
def id_numbers(draw: st.DrawFn) -> str:
    region = draw(st.from_regex(r"[0-9]{6}", fullmatch=True))
    if draw(st.booleans()):
        serial = draw(st.from_regex(r"[0-9]{3}", fullmatch=True))
        return region + draw(birth_dates())[2:] + serial
    serial = draw(st.from_regex(r"[0-9]{3}[0-9Xx]", fullmatch=True))
    return region + draw(birth_dates()) + serial


@st.composite
def mobiles(draw: st.DrawFn) -> str:
    number = draw(st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True))
    prefix = draw(st.sampled_from(["", "86", "+86", "0086", "+86 ", "86 ", "0086 ", "0086-"]))
    return prefix + number


@st.composite
def typed(draw: st.DrawFn, numbers: st.SearchStrategy[str]) -> str:
    """A number with a blank or a dash between some of its digits (none before an X)."""
    number = draw(numbers)
    out = []
    for index, char in enumerate(number):
        out.append(char)
        between = char.isdigit() and number[index + 1 : index + 2].isdigit()
        if between and draw(st.integers(0, 5)) == 0:
            out.append(draw(st.sampled_from(SEPARATORS)))
    return "".join(out)


def _digits(text: str) -> str:
    return re.sub(r"[^0-9Xx]", "", text)


@settings(max_examples=300, deadline=None)
@given(before=AROUND, number=typed(st.one_of(id_numbers(), mobiles())), after=AROUND)
def test_every_id_and_mobile_is_masked_in_any_text(before: str, number: str, after: str) -> None:
    text = f"{before}{number}{after}"
    masked = mask(text)
    assert len(masked) == len(text)
    bare = _digits(number)
    national = bare[-11:] if bare[-11] == "1" and len(bare) < 15 else bare
    assert national not in _digits(masked.replace("*", "/"))
    assert masked.count("*") >= 4


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_masking_twice_is_masking_once(text: str) -> None:
    assert mask(mask(text)) == mask(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=["Nd"]), max_size=60))
def test_text_without_digits_is_unchanged(text: str) -> None:
    assert mask(text) == text


@settings(max_examples=200, deadline=None)
@given(number=st.integers(0, 10**6), day=birth_dates())
def test_counts_money_and_dates_are_unchanged(number: int, day: str) -> None:
    iso = f"{day[:4]}-{day[4:6]}-{day[6:]}"
    text = f"共{number}户，资金{number * 100}元，{number / 7:.1%}，{iso}、{day}前报送"
    assert mask(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "河扶督〔2026〕12号",
        "青乡振[2026]第5号",
        "户编号4416210010020003",
        "户编号441621100201000003",  # 18 digits, but no birth date where an ID has one
        "QH-HC-0101-001",
        "B002-0204-001",
        "2026-11-05至2026-12-05",
        "a3f9c2e1" * 8,  # a ticket: 64 hex digits, whatever digits it holds
        "fingerprint 14000001111" + "a" * 21,  # a digest of 32 hex digits
    ],
)
def test_ordinary_numbers_are_not_masked(text: str) -> None:
    assert mask(text) == text


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("11010519491231002X", "110***********002X"),
        ("000000 19900103 1236", "000*** ******** 1236"),
        ("000000900105123", "000********5123"),
        ("138-0013-8000", "138-****-8000"),
        ("+86 140 0000 4444", "+86 140 **** 4444"),
        ("8614000005555", "86140****5555"),
        ("0755-12345678", "0755-******78"),
        ("(0755)1234567", "(0755)*****67"),
        ("020-1888 6666", "020-**** **66"),
        ("共3 14000001111户", "共3 140****1111户"),
        ("Tel14000001111", "Tel140****1111"),
    ],
)
def test_masked_forms(text: str, masked: str) -> None:
    assert mask(text) == masked


def test_found_names_each_number_as_masked() -> None:
    text = "户主00000019900102123X，电话+86 140 0000 4444；座机(0755)1234567。"
    assert found(text) == ["000***********123X", "+86 140 **** 4444", "(0755)*****67"]


def test_a_roster_value_is_masked_whatever_its_shape() -> None:
    assert mask_value("10077229721") == "100****9721"
    assert mask_value("0762-331 2345") == "0762-*** **45"
    assert mask_value("") == ""


def test_colour_codes_inside_a_number_do_not_hide_it() -> None:
    coloured = "\x1b[1;36m140\x1b[0m\x1b[1;36m-0000\x1b[0m-2222"
    assert mask_terminal(coloured) == "\x1b[1;36m140\x1b[0m\x1b[1;36m-****\x1b[0m-2222"


def test_the_standard_streams_mask_what_is_written() -> None:
    target = io.StringIO()
    stream = RedactedStream(target)  # type: ignore[arg-type]
    stream.write("单位 140-0000-2222\n")
    assert target.getvalue() == "单位 140-****-2222\n"
    with pytest.raises(TypeError):
        stream.write(b"")  # type: ignore[arg-type]
    assert stream.encoding == target.encoding
