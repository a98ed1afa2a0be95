"""Checks shared by the command-line tests: how an error must look to a person or a script."""


def assert_one_line_error(result, code: int) -> str:
    """The exit code, and exactly one line on stderr, no traceback; returns that line."""
    assert result.code == code, f"expected exit {code}, got {result.code}: out={result.out!r} err={result.err!r}"
    assert "Traceback" not in result.err and "Traceback" not in result.out
    lines = result.err.splitlines()
    assert len(lines) == 1, f"stderr should be one line, got {lines!r}"
    assert lines[0].startswith("fieldapp: ") and len(lines[0]) > len("fieldapp: ") + 5
    return lines[0]


def assert_usage_error(result) -> None:
    assert result.code == 2, result
    assert "Traceback" not in result.err and "Traceback" not in result.out
    assert result.out == ""
    assert "error:" in result.err.splitlines()[-1]
