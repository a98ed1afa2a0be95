"""Which column is which field: French, Arabic and English headers, misspellings, bilingual headers, a remembered
mapping, a --mapping file, and the template whose headers map back exactly."""

import json

import openpyxl
import pytest

from fieldapp import i18n
from fieldapp.errors import BadData
from fieldapp.importing.mapping import (
    FIELDS,
    field_label,
    guess_mapping,
    header_key,
    mapping_from_file,
    remembered,
    write_template,
)
from fieldapp.importing.table import read_table
from fieldapp.services.export import COLUMNS

HEADERS_BY_FIELD = {
    "id": ["Identifiant", "ID", "id"],
    "head_name": [
        "Nom", "Nom et prénom", "Nom du chef de famille", "Chef de ménage", "Name", "Head of household",
        "Nom complet", "NOM ET PRENOM", "Nom & Prénom", "Nom du chef",
    ],
    "head_name_ar": ["الاسم", "اسم رب الأسرة", "الاسم الكامل", "الإسم", "الاسم و النسب", "Nom en arabe"],
    "cin": [
        "CIN", "C.I.N", "N° CIN", "Carte nationale", "البطاقة الوطنية", "رقم البطاقة الوطنية", "ID card", "N° C.I.N.",
        "CIN du chef de ménage", "CNIE",
    ],
    "phone": [
        "Téléphone", "Tel", "Tél.", "GSM", "Portable", "الهاتف", "رقم الهاتف", "Phone", "Téléphone (06...)",
        "N° Tél", "Numéro de téléphone",
    ],
    "commune": ["Commune", "الجماعة", "Collectivité", "Municipality", "Commune rurale", "الجماعة الترابية"],
    "douar": ["Douar", "Quartier", "الدوار", "الحي", "Village", "Douar/Quartier"],
    "size": [
        "Taille du ménage", "Nombre de personnes", "Nb personnes", "عدد الأفراد", "Household size", "Nbre de personnes",
        "Taille menage", "Nb. de personnes",
    ],
    "flags": ["Vulnérabilité", "Situation", "الهشاشة", "Vulnerabilities", "Type de vulnérabilité"],
    "consent": ["Consentement", "موافقة", "Consent", "Consentement (oui/non)"],
    "notes": ["Remarques", "Observations", "ملاحظات", "Notes", "Obs."],
    "members": ["Membres", "أفراد الأسرة", "Members", "Membres du ménage"],
}  # fmt: skip
MISSPELLED = {
    "Telphone": "phone", "Télèphone": "phone", "Téléfone": "phone", "Comune": "commune", "Vulnerabilte": "flags",
    "Consentment": "consent", "Remarqes": "notes", "Nombre de persones": "size", "Membre": "members",
    "الاسم  الكامل": "head_name_ar", "الجماعه": "commune",
}  # fmt: skip
NOT_FIELDS = ["N°", "Numéro", "Date de naissance", "Sexe", "Age", "Province", "Nombre d'enfants", "Prénom", "Signature"]


@pytest.mark.parametrize(("field", "header"), [(f, h) for f, headers in HEADERS_BY_FIELD.items() for h in headers])
def test_usual_headers_in_three_languages(field, header):
    assert guess_mapping([header]) == {0: field}


@pytest.mark.parametrize(("header", "field"), MISSPELLED.items())
def test_misspelled_headers(header, field):
    assert guess_mapping([header]) == {0: field}


def test_columns_that_are_no_field_stay_unmapped():
    assert guess_mapping(NOT_FIELDS) == {}


def test_a_real_list_with_an_id_card_beside_an_id():
    headers = ["N°", "ID", "Nom et prénom", "الاسم", "ID card", "Tél.", "Commune", "Douar", "Nb personnes", "Sexe"]
    assert guess_mapping(headers) == {
        1: "id", 2: "head_name", 3: "head_name_ar", 4: "cin", 5: "phone", 6: "commune", 7: "douar", 8: "size",
    }  # fmt: skip


def test_one_column_per_field_the_better_name_winning():
    # "Téléphone" names the field exactly, "Téléphone 2" only starts like it: the exact one wins though it comes later
    assert guess_mapping(["Téléphone 2", "Téléphone", "Nom"]) == {1: "phone", 2: "head_name"}
    # two equally good names: the first column
    assert guess_mapping(["Tel", "GSM"]) == {0: "phone"}


def test_sub_headers_under_a_group_title():
    headers = ["Chef de ménage - Nom", "Chef de ménage - الاسم", "Chef de ménage - CIN", "Chef de ménage - Téléphone"]
    assert guess_mapping(headers) == {0: "head_name", 1: "head_name_ar", 2: "cin", 3: "phone"}
    assert guess_mapping(["Membres - Nom", "Nom"]) == {0: "members", 1: "head_name"}


def test_headers_that_are_not_text_or_are_empty():
    assert guess_mapping(["2026", "15/01/2026", "", "Colonne D"]) == {}


def test_a_remembered_mapping_wins_over_guessing():
    headers = ["Nom", "Colonne B", "Remarques"]
    saved = remembered({1: "phone", 2: "douar"}, headers)
    assert saved == {header_key("Colonne B"): "phone", header_key("Remarques"): "douar"}
    # next time: the same headers, spelt a little differently, in another order
    assert guess_mapping(["REMARQUES", "nom", "colonne b"], saved) == {0: "douar", 1: "head_name", 2: "phone"}
    # a remembered field does not take a second column
    assert guess_mapping(["Remarques", "Douar"], saved) == {0: "douar"}


def test_the_export_of_households_maps_back_to_its_fields():
    headers = list(COLUMNS["households"])
    mapping = guess_mapping(headers)
    for field in ("id", "head_name", "head_name_ar", "cin", "phone", "commune", "douar", "size", "flags", "consent"):
        assert mapping[headers.index(field)] == field


def test_a_mapping_file(tmp_path):
    headers = ["Nom", "Colonne B", "Téléphone"]
    path = tmp_path / "correspondance.json"
    path.write_text(json.dumps({"nom": "head_name", "Colonne B": "cin", "Téléphone": None}), encoding="utf-8")
    assert mapping_from_file(path, headers) == {0: "head_name", 1: "cin"}
    refusals = {
        "import.mapping_unknown_field": {"Nom": "name"},
        "import.mapping_unknown_header": {"Prénom": "head_name"},
        "import.mapping_field_twice": {"Nom": "head_name", "Colonne B": "head_name"},
        "import.mapping_unreadable": ["Nom"],
    }
    for key, given in refusals.items():
        path.write_text(json.dumps(given), encoding="utf-8")
        with pytest.raises(BadData) as raised:
            mapping_from_file(path, headers)
        assert raised.value.key == key
        assert "correspondance.json" in raised.value.message("ar")
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(BadData, match="correspondance.json"):
        mapping_from_file(path, headers)


def test_field_labels_are_translated():
    assert field_label("cin") == i18n.t("import.field.cin")
    for field in FIELDS:
        for language in i18n.LANGUAGES:
            assert i18n.t(f"import.field.{field}", language) != f"import.field.{field}"
    assert i18n.t("import.field.head_name_ar", "ar") == "الاسم بالعربية"


def test_the_template_maps_back_exactly_and_explains_each_column(tmp_path):
    path = tmp_path / "modele.xlsx"
    write_template(path)
    table = read_table(path)
    assert table.sheet == "Ménages" and table.header_row == 1
    assert table.headers[0] == "Nom du chef de famille / اسم رب الأسرة بالحروف اللاتينية"
    assert table.headers[2] == "CIN / البطاقة الوطنية"
    fields_in_template = [field for field in FIELDS if field != "id"]
    assert guess_mapping(table.headers) == dict(enumerate(fields_in_template))
    # no example family in the sheet people fill: it would be imported with theirs
    assert not table.rows

    book = openpyxl.load_workbook(path)
    households, instructions = book.worksheets
    assert households.freeze_panes == "A2"
    assert all(households.column_dimensions[letter].width >= 20 for letter in "ABCDEFGHIJK")
    assert instructions.title == "Instructions - تعليمات"
    example = {row[0].value: row[1].value for row in instructions.iter_rows(min_row=2) if row[0].value}
    assert example[table.headers[2]] == "JB123456" and example[table.headers[3]] == "0612345678"
    assert len(example[table.headers[-1]].splitlines()) == 3
    text = "\n".join(str(cell.value) for row in instructions.iter_rows() for cell in row if cell.value)
    for header in table.headers:
        assert header in text
    assert "NOM;SEXE;ANNÉE DE NAISSANCE;LIEN" in text and "الاسم;الجنس;سنة الازدياد;القرابة" in text
    assert "CIN" in text and "رقم بطاقتها الوطنية" in text  # rows matched by CIN on a new import, said in both
