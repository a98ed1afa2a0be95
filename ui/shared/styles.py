"""Looks shared by the pages: the colour of a form's error message."""

ERROR_STYLE = "color: #b00020;"
