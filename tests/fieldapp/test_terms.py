"""One word for each thing a person meets, in the window, on paper and in the guides: the event, the CIN and each
vulnerability, in French and in Arabic (field staff must not wonder whether two words mean two things)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from fieldapp import i18n
from fieldapp.models import VULNERABILITY_FLAGS

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "resources" / "translations"
GUIDES = {"fr": ROOT / "docs" / "guide-utilisateur.md", "ar": ROOT / "docs" / "guide-ar.md"}
# Words once used side by side with the chosen ones: the chosen word is on the right.
RETIRED = {
    "fr": {"Opération": "Événement", "opérations": "événements", "Situations de vulnérabilité": "Vulnérabilités"},
    "ar": {
        "ب.ت.و": "البطاقة الوطنية",
        "البطاقة الوطنية للتعريف": "البطاقة الوطنية",
        "أوجه الهشاشة": "معايير الهشاشة",
        "حالات الهشاشة": "معايير الهشاشة",
    },
}


def _texts(language: str) -> dict[str, str]:
    """Every text a person of that language reads: the messages (window, paper, CLI), the window's, the guide."""
    texts = {f"messages {key}": value for key, value in i18n.catalog(language).items()}
    root = ET.parse(TRANSLATIONS / f"fieldapp_{language}.ts").getroot()
    for context in root.iter("context"):
        for message in context.iter("message"):
            translation = (message.find("translation").text or "").replace("&", "")  # keyboard accelerators
            texts[f"window {context.find('name').text}: {message.find('source').text}"] = translation
    texts["guide"] = GUIDES[language].read_text(encoding="utf-8")
    return texts


def test_retired_words_appear_nowhere_a_person_reads():
    for language, retired in RETIRED.items():
        for where, text in _texts(language).items():
            for word, chosen in retired.items():
                assert word not in text, f"{language} {where}: «{word}» — say «{chosen}»"


def test_the_cin_in_arabic_is_always_the_national_card_never_a_bare_card_number():
    # «بطاقة» alone is the household card since issue 14: the CIN is always «البطاقة الوطنية».
    for where, text in _texts("ar").items():
        assert not re.search(r"رقم البطاقة(?! الوطنية)", text), where
    assert i18n.t("label.cin", "ar") == i18n.t("print.cin", "ar") == "البطاقة الوطنية"


def test_an_event_has_one_name_in_the_window_and_on_paper():
    for language, word in (("fr", "Événement"), ("ar", "النشاط"), ("en", "Event")):
        assert i18n.t("label.event", language) == i18n.t("print.event", language) == word


def test_each_vulnerability_has_one_name_in_the_window_on_paper_and_in_the_guide():
    for language in ("fr", "ar"):
        guide = GUIDES[language].read_text(encoding="utf-8")
        names = [i18n.flag_name(flag, language) for flag in VULNERABILITY_FLAGS]
        assert len(set(names)) == len(names) and all(
            name != flag for name, flag in zip(names, VULNERABILITY_FLAGS, strict=True)
        )
        missing = [name for name in names if f"«{name}»" not in guide and f"« {name} »" not in guide]
        assert not missing, f"the {language} guide does not name {missing} as the window does"
