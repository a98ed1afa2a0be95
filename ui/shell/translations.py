"""Language of the window: Qt translators (ours and Qt's own), the layout direction, and the core's messages."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from fieldapp import i18n
from fieldapp.paths import resource_path

_installed: list[QTranslator] = []
LANGUAGE_NAMES = {"fr": "Français", "ar": "العربية", "en": "English"}  # each in its own language
FONT_FILES = ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoNaskhArabic-Regular.ttf", "NotoNaskhArabic-Bold.ttf")


def load_fonts(app: QApplication) -> None:
    """Shipped Noto fonts, Latin first then Arabic, so every laptop shows the same letters (and joined Arabic)."""
    for name in FONT_FILES:
        QFontDatabase.addApplicationFont(str(resource_path("fonts", name)))
    font = QFont(app.font())
    font.setFamilies(["Noto Sans", "Noto Naskh Arabic"])
    font.setPointSize(max(font.pointSize(), 10))
    app.setFont(font)


def install(app: QApplication, language: str) -> str:
    """Switch the whole app to `language` (fr, ar, en); widgets retranslate on the LanguageChange event."""
    language = i18n.set_language(language)
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, directory in (
        (f"qtbase_{language}", qt_dir),
        (f"fieldapp_{language}", str(resource_path("translations"))),
    ):
        translator = QTranslator(app)
        if translator.load(name, directory):
            app.installTranslator(translator)
            _installed.append(translator)
    QLocale.setDefault(QLocale({"fr": "fr_MA", "ar": "ar_MA", "en": "en_GB"}[language]))
    rtl = i18n.is_right_to_left(language)
    app.setLayoutDirection(Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight)
    # Retranslate every widget now rather than on a later turn of the event loop: what follows sees the new language.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
    return language
