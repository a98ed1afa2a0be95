"""QR codes drawn straight onto the page as one path, with reportlab's own encoder (fast for sheets of 1,000 rows)."""

from __future__ import annotations

from functools import cache

from reportlab.graphics.barcode import qrencoder

# reportlab builds the Reed-Solomon generator polynomial of a block's error correction length again for every code
# (that many polynomial products, a quarter to a third of a code drawn with a fixed mask), though a sheet's codes all
# need the same one or two. It is a pure function of that length, and reportlab only reads the polynomial it returns
# (`mod` and `multiply` build new ones): memoised for the process, the same codes come out.
if not hasattr(qrencoder.QRUtil.getErrorCorrectPolynomial, "cache_info"):
    qrencoder.QRUtil.getErrorCorrectPolynomial = staticmethod(cache(qrencoder.QRUtil.getErrorCorrectPolynomial))


def matrix(data: str, level: str = "M", best_mask: bool = True) -> list[list[bool]]:
    """The dark/light modules. Choosing the best of 8 masks costs ~7 ms; sheets of 1,000 rows use a fixed one (~1 ms),
    which every reader decodes (the tests decode them with zbarimg)."""
    code = qrencoder.QRCode(None, getattr(qrencoder.QRErrorCorrectLevel, level))
    code.addData(data)
    if best_mask:
        code.make()
    else:
        code.version = code.calculate_version()
        code.makeImpl(False, 0)
    count = code.getModuleCount()
    return [[bool(code.isDark(r, c)) for c in range(count)] for r in range(count)]


def draw(canvas, data: str, x: float, y: float, size: float, level: str = "M", best_mask: bool = True) -> None:
    """Draw the code with its bottom-left corner at (x, y), `size` points wide including a 2-module quiet zone.

    One rectangle per horizontal run of dark modules, written as small integers in module units under a scaling
    transform: reportlab's pure-Python number formatting of ~220 float coordinates per code would cost ~1.4 ms,
    this ~0.1 ms, which keeps a 1,000-row sign-off sheet within its 3 s.
    """
    modules = matrix(data, level, best_mask)
    count = len(modules)
    runs = []
    for r, row in enumerate(modules):
        c = 0
        while c < count:
            if not row[c]:
                c += 1
                continue
            start = c
            while c < count and row[c]:
                c += 1
            runs.append(f"{start + 2} {count + 1 - r} {c - start} 1 re")
    canvas.saveState()
    canvas.setFillGray(1)
    canvas.rect(x, y, size, size, stroke=0, fill=1)
    canvas.setFillGray(0)
    cell = size / (count + 4)
    canvas.transform(cell, 0, 0, cell, x, y)
    canvas.addLiteral(" ".join(runs) + " f")
    canvas.restoreState()
