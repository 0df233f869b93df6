"""The number and date patterns (extractors.number_date_rules): fast forms against their plain forms."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from extractors import name_rules
from extractors import number_date_rules as ndr

# Characters the number, date and name patterns turn on, plus filler: dense enough that random
# strings hit every branch (ranges, garbled decimals, placeholders, level bodies).
PATTERN_ALPHABET = st.sampled_from(list("0123456789.,、%-~至到年月日号度xX×〇零一二两三四五六七八九十百千万亿"
                                        "分之点元美多余个项人家亩吨·/:第省市县区州自治委政府厅长中央党和 (\nab"))


@settings(max_examples=400, deadline=None)
@given(st.text(PATTERN_ALPHABET, max_size=40))
def test_scanners_and_digit_led_patterns_match_their_plain_forms(text: str) -> None:
    for scanner in (ndr._CN_MONEY_RE, ndr._FRACTION_RE, ndr._DATE_RE, ndr._ISO_RE,
                    ndr._NAMED_DAY_RE, ndr._BARE_YEAR_RE):
        assert [m.span() for m in scanner.finditer(text)] == [m.span() for m in scanner.pattern.finditer(text)]
    level_body = re.compile(rf"(?:自治区|自治州|[省市县区州]{{1,3}})(?:{name_rules._LEVEL_BODIES})|省厅(?![长级])")
    assert [m.span() for m in name_rules._LEVEL_BODY_RE.finditer(text)] == [m.span() for m in level_body.finditer(text)]
    amount = re.compile(rf"{ndr._LEAD}(?:{ndr._RANGE}|{ndr._AMOUNT})"
                        rf"(?:(?P<currency>{ndr._CURRENCY})|{ndr._UNIT})")
    assert ([(m.span(), m.group("currency")) for m in ndr._AMOUNT_RE.finditer(text)]
            == [(m.span(), m.group("currency")) for m in amount.finditer(text)])
    percent = re.compile(
        rf"{ndr._LEAD}(?:{ndr._NUM}%?{ndr._CONN}{ndr._NUM}%|{ndr._NUM}%"
        rf"|{ndr._NUM}(?:{ndr._CONN}{ndr._NUM})?个?百分点)"
        rf"|(?<![{ndr._CN_NUM}])[一二两三四五六七八九十百千万]+分之"
        rf"(?:[零〇一二两三四五六七八九十百千]+(?:点[零〇一二三四五六七八九]+)?|\d+(?:\.\d+)?)")
    fast = sorted(m.span() for pattern in (ndr._PERCENT_RE, ndr._CN_PERCENT_RE) for m in pattern.finditer(text))
    assert fast == [m.span() for m in percent.finditer(text)]
