"""Makes tests/data/fieldapp-schema-0001.sqlite3: a database as the first schema (0001) left it, with real rows.

Kept in the repository so that later code is always tested against a file from an older version; run again only
if that file is lost (it must stay at revision 0001).
"""

import sqlite3
import sys
from pathlib import Path

from alembic import command
from alembic.config import Config

from fieldapp.paths import package_path

TARGET = Path(__file__).with_name("fieldapp-schema-0001.sqlite3")


def main() -> None:
    TARGET.unlink(missing_ok=True)
    config = Config()
    config.set_main_option("script_location", str(package_path("migrations")))
    config.set_main_option("sqlalchemy.url", f"sqlite:///{TARGET}")
    command.upgrade(config, "0001")
    conn = sqlite3.connect(TARGET)
    common = (
        "'01a1f000-0000-7000-8000-0000000000a1', 'OLD1', '000001764000000-00000-OLD1', "
        "'2026-01-01 10:00:00', '2026-01-01 10:00:00', NULL"
    )
    conn.executescript(f"""
        INSERT INTO settings VALUES ('association_id', '"01a1f000-0000-7000-8000-0000000000a1"');
        INSERT INTO settings VALUES ('association_name', '"Association Ancienne"');
        INSERT INTO settings VALUES ('device_code', '"OLD1"');
        INSERT INTO settings VALUES ('counter:receipt:OLD1:2026', '1');
        INSERT INTO households (head_name, head_name_ar, cin, phone, province_code, commune_code, douar, size, flags,
            consent_at, consent_by, notes, id, association_id, device_id, hlc, created_at, updated_at, deleted_at)
        VALUES ('Hassan Ait Ouali', 'حسن آيت والي', 'BK654321', '+212661234567', '05.311', '05.311.01.07',
            'Douar Ouled Said', 4, '["widow"]', '2026-01-01 10:00:00', 'Samira', NULL,
            '01a1f000-0000-7000-8000-000000000001', {common});
        INSERT INTO members (household_id, name, name_ar, sex, birth_year, relation, id, association_id, device_id,
            hlc, created_at, updated_at, deleted_at)
        VALUES ('01a1f000-0000-7000-8000-000000000001', 'Amina Ait Ouali', 'أمينة آيت والي', 'F', 2012, 'child',
            '01a1f000-0000-7000-8000-000000000002', {common});
        INSERT INTO events (name, starts_on, ends_on, site, commune_code, id, association_id, device_id, hlc,
            created_at, updated_at, deleted_at)
        VALUES ('Panier hiver 2026', '2026-01-01', '2026-01-01', 'Khouribga', '05.311.01.07',
            '01a1f000-0000-7000-8000-000000000003', {common});
        INSERT INTO event_items (event_id, position, code, label, label_ar, quantity, rule, bands, only_flag, stock,
            id, association_id, device_id, hlc, created_at, updated_at, deleted_at)
        VALUES ('01a1f000-0000-7000-8000-000000000003', 0, 'FOOD', 'Panier alimentaire', 'سلة غذائية', 1,
            'per_household', NULL, NULL, NULL, '01a1f000-0000-7000-8000-000000000004', {common});
        INSERT INTO distributions (event_id, household_id, receipt, items, collector_name, handed_out_by,
            volunteer_id, served_at, override_reason, deviation_reason, id, association_id, device_id, hlc,
            created_at, updated_at, deleted_at)
        VALUES ('01a1f000-0000-7000-8000-000000000003', '01a1f000-0000-7000-8000-000000000001', 'OLD1-2026-00001',
            '[{{"code": "FOOD", "label": "Panier alimentaire", "quantity": 1, "entitled": 1}}]', NULL, 'Samira',
            NULL, '2026-01-01 10:30:00', NULL, NULL, '01a1f000-0000-7000-8000-000000000005', {common});
    """)
    conn.commit()
    conn.execute("VACUUM")
    conn.close()
    print(TARGET, TARGET.stat().st_size, "bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
