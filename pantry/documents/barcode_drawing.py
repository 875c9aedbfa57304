"""Code128 as vector bars: python-barcode gives the module pattern, we draw each run of bars as one rectangle.

Bar widths are whole multiples of one module, and a layout picks the module as a whole number of printer dots, so a
printer never has to round one bar up and the next one down. Every symbol keeps a quiet zone of QUIET_MODULES on
each side, clear of any other ink.
"""

from __future__ import annotations

from functools import lru_cache

import barcode

QUIET_MODULES = 10
MM = 72 / 25.4  # points per millimetre


def dots(count: int, dpi: int) -> float:
    """The width of `count` printer dots at `dpi`, in points."""
    return count * 72 / dpi


@lru_cache(maxsize=4096)
def code128_pattern(text: str) -> str:
    """The module pattern of `text` as Code128 ('1' a bar module, '0' a space), stop bar included."""
    return str(barcode.get("code128", text).build()[0])


@lru_cache(maxsize=4096)
def bar_runs(text: str) -> tuple[tuple[int, int], ...]:
    """Each bar of the symbol as (first module, width in modules)."""
    pattern = code128_pattern(text)
    runs = []
    start = -1
    for index, module in enumerate(pattern):
        if module == "1" and start < 0:
            start = index
        elif module == "0" and start >= 0:
            runs.append((start, index - start))
            start = -1
    if start >= 0:
        runs.append((start, len(pattern) - start))
    return tuple(runs)


def symbol_modules(text: str) -> int:
    """Width of the symbol in modules, without its quiet zones."""
    return len(code128_pattern(text))


def fitting_module(text: str, dpi: int, most_dots: int, width: float) -> float:
    """The widest module, in points, of a whole number of dots at `dpi` up to `most_dots`, at which `text` and its
    quiet zones fit `width`; 2 dots when none does (a long code on a small label)."""
    modules = symbol_modules(text) + 2 * QUIET_MODULES
    for count in range(most_dots, 2, -1):
        if modules * dots(count, dpi) <= width:
            return dots(count, dpi)
    return dots(min(2, most_dots), dpi)


def modules_for_length(length: int) -> int:
    """The widest a Code128 symbol of `length` characters can be (all in set B), without quiet zones."""
    return 11 * (length + 2) + 13


def _number(value: float) -> str:
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return text if text not in ("", "-0") else "0"


@lru_cache(maxsize=4096)
def bars_operators(text: str, module: float, height: float) -> str:
    """PDF operators that fill the bars of `text` in black, with the symbol's lower left corner at the origin."""
    rects = " ".join(
        f"{_number(start * module)} 0 {_number(width * module)} {_number(height)} re" for start, width in bar_runs(text)
    )
    return f"0 g {rects} f"


def draw_code128(canvas: object, text: str, x: float, y: float, module: float, height: float) -> None:
    """Draw the bars of `text` on a ReportLab canvas with the symbol's lower left corner (not its quiet zone) at
    (x, y). Built once per code, module and height, then placed with one transformation: thousands of labels stay
    quick."""
    operators = bars_operators(text, module, height)
    canvas.addLiteral(f"q 1 0 0 1 {_number(x)} {_number(y)} cm {operators} Q")  # type: ignore[attr-defined]
