"""Screenshots of the import wizard (scripts/screenshots.py ... import): a list as an association keeps it, its columns
mapped with the preview, then the check's report with errors and warnings, in French and Arabic."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from PySide6.QtWidgets import QApplication

from fieldapp.db import Database
from ui.shell import translations
from ui.shell.app import build_window

HEADERS = ["N°", "Nom et prénom", "الاسم الكامل", "N° CIN", "Tél", "Commune", "Douar", "Nb personnes", "Situation",
           "Consentement", "Observations"]  # fmt: skip
FAMILIES = [
    ("Hafsa Ouali", "حفصة الوالي", "JT 204 118", "0661 23 45 17", "Khouribga", "Douar Ouled Abdoun", 5, "veuve"),
    ("Mustapha Rami", "مصطفى رامي", "JT204119", "0662345678", "Oued Zem", "Hay Al Massira", 3, ""),
    ("Naima Chraibi", "نعيمة الشرايبي", "JT204120", "06 63 45 67 89", "Khouribga", "Douar Lahlalma", 6, "handicap"),
    ("Brahim Id Ali", "إبراهيم إد علي", "JT204121", "0664567890", "Tiznit", "Douar Aglou", 4, ""),
    ("Rachida Bennani", "رشيدة بناني", "JT20412", "0665678901", "Khouribga", "Hay Al Qods", "quatre", "veuve"),
    ("Said Amrani", "سعيد العمراني", "JT204123", "+33 6 12 34 56 78", "Sidi Ifni", "Douar Mirleft", 2, ""),
    ("Zineb Tahiri", "زينب الطاهري", "JT204124", "0667890123", "Khouribgaa", "Douar Ouled Azzouz", 7, "malade"),
    ("Hassan Ouchen", "حسن أوشن", "JT204125", "0668901234", "Oued Zem", "Hay Annahda", 3, "chômeur"),
    ("Malika Berrada", "مليكة برادة", "JT204120", "0669012345", "Khouribga", "Douar Lahlalma", 5, ""),
    ("Youssef Lamrani", "يوسف اللمراني", "JT204127", "0670123456", "Tiznit", "Douar Tafraout", 4, "orphelin"),
    ("Fatima Zahra Alami", "فاطمة الزهراء العلمي", "JT204128", "0671234567", "Khouribga", "Hay Essalam", 6, "veuve"),
    ("Abdellah Naciri", "عبد الله الناصري", "JT204129", "06 72", "Oued Zem", "Douar Ait Ammar", 3, ""),
    ("Khadija Skalli", "خديجة السقلي", "JT204130", "0673456789", "Sidi Ifni", "Douar Sbouya", 2, "âgée"),
    ("Omar Fassi", "عمر الفاسي", "JT204131", "0674567890", "Khouribga", "Hay Al Fath", 5, ""),
    ("Latifa Haddou", "لطيفة حدو", "JT204132", "0675678901", "Tiznit", "Douar Arbaa Sahel", 4, "handicap"),
    ("Driss Kettani", "إدريس الكتاني", "JT204133", "0676789012", "Oued Zem", "Hay Al Amal", 8, ""),
    ("Souad Belhaj", "سعاد بلحاج", "JT204134", "0677890123", "Khouribga", "Douar Ouled Bouazza", 3, "veuve"),
    ("Karim Zerouali", "كريم الزروالي", "JT204135", "0678901234", "Khouribga", "Hay Al Wahda", 4, ""),
    ("Amina Cherkaoui", "أمينة الشرقاوي", "JT204136", "0679012345", "Tiznit", "Douar Tiout", 6, "malade"),
    ("Mohamed Benjelloun", "محمد بنجلون", "JT204137", "0680123456", "Oued Zem", "Hay Al Hassani", 2, ""),
    ("Samira Idrissi", "سميرة الإدريسي", "JT204138", "0681234567", "Khouribga", "Douar Bni Smir", 5, "veuve"),
    ("Rachid Boutaleb", "رشيد بوطالب", "JT204139", "0682345678", "Sidi Ifni", "Douar Lakhsas", 3, ""),
]


def households_list(path: Path) -> Path:
    """A list as associations send it: a title above, a numbering column, numbers typed every way, a few mistakes."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Bénéficiaires 2026"
    sheet.append(["Association Al Amal - liste des bénéficiaires, Ramadan 2026"])
    sheet.append([])
    sheet.append(HEADERS)
    for number, (name, name_ar, cin, phone, commune, douar, size, flags) in enumerate(FAMILIES, start=1):
        consent = "non" if number % 9 == 0 else "oui"
        sheet.append([number, name, name_ar, cin, phone, commune, douar, size, flags, consent, ""])
    book.create_sheet("Notes")["A1"] = "Liste remise par le caïdat"
    book.save(path)
    return path


def import_wizard_screens(app: QApplication, db: Database, out: Path, work: Path, settle, grab) -> None:
    """The wizard over the Households page at its mapping step, then at its report, in French and Arabic."""
    path = households_list(work / "beneficiaires-2026.xlsx")
    for language in ("fr", "ar"):
        translations.install(app, language)
        window = build_window(db)
        window.setGeometry(0, 0, 1280, 800)
        window.show()
        window.show_page("households")
        settle(900)
        wizard = window.page("households").importing.open_wizard()
        wizard.open_file(str(path))
        settle(900)
        wizard.next()
        wizard.move(window.geometry().center() - wizard.rect().center())
        settle(600)
        grab(app, out / f"import-mapping-{language}.png")
        wizard.next()
        settle(2000)
        grab(app, out / f"import-report-{language}.png")
        wizard.reject()
        window.close()
        settle(200)
