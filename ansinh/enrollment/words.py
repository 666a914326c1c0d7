"""Amounts in Vietnamese words for receipts: 2906280 -> 'Hai triệu chín trăm linh sáu nghìn hai trăm tám mươi đồng'."""

DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
GROUPS = ["", " nghìn", " triệu", " tỷ"]


def _three(n: int, full: bool) -> str:
    hundreds, rest = divmod(n, 100)
    tens, units = divmod(rest, 10)
    words = []
    if full or hundreds:
        words.append(f"{DIGITS[hundreds]} trăm")
    if tens == 0:
        if units and (full or hundreds):
            words.append("linh")
    elif tens == 1:
        words.append("mười")
    else:
        words.append(f"{DIGITS[tens]} mươi")
    if units:
        if units == 1 and tens > 1:
            words.append("mốt")
        elif units == 5 and tens > 0:
            words.append("lăm")
        elif units == 4 and tens > 1:
            words.append("tư")
        else:
            words.append(DIGITS[units])
    return " ".join(words)


def vnd_in_words(amount: int) -> str:
    """An amount of đồng in words, capitalised, as written on receipts."""
    if amount == 0:
        return "Không đồng"
    groups = []
    n = amount
    while n:
        n, group = divmod(n, 1000)
        groups.append(group)
    parts = []
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            continue
        scale = GROUPS[index] if index < len(GROUPS) else " nghìn tỷ"
        parts.append(_three(group, full=index != len(groups) - 1) + scale)
    text = " ".join(parts) + " đồng"
    return text[0].upper() + text[1:]
