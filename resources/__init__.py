"""Data only: fonts, translations and icons shipped with the app."""
