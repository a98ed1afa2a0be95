"""Accounts on the laptop: the first coordinator, logins that fail clearly and slow down, users and roles, recovery."""

from __future__ import annotations

import datetime as dt

import pytest
from raw_db import TEST_PASSWORD, TEST_USER
from sqlalchemy import func, select

from fieldapp import encryption, keystore
from fieldapp.errors import BadData, NotAllowed, Refused
from fieldapp.keystore import Keystore
from fieldapp.models import AuditEntry, Household
from fieldapp.permissions import Role
from fieldapp.services import accounts, setup
from fieldapp.services.households import HouseholdInput, register_household

KHOURIBGA = "05.311.01.07"


def _family(db, name="Fatima Alaoui"):
    return register_household(db, HouseholdInput(head_name=name, commune=KHOURIBGA, size=3, consent=True)).value


def _households(db) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(Household))


def test_the_first_coordinator_logs_in_and_sees_the_data(db, data_dir):
    family = _family(db)
    again = accounts.login(data_dir, "  samira ", TEST_PASSWORD)  # names compare without case or extra spaces
    try:
        assert again.account.name == TEST_USER and again.account.role is Role.COORDINATOR
        with again.read() as session:
            assert session.get(Household, family.id).head_name == "Fatima Alaoui"
    finally:
        again.dispose()


def test_a_wrong_password_is_refused_with_a_clear_sentence(db, data_dir):
    with pytest.raises(NotAllowed) as refused:
        accounts.login(data_dir, TEST_USER, "not-the-password")
    assert refused.value.exit_code == 7
    assert refused.value.message() == "Nom d'utilisateur ou mot de passe incorrect."
    with pytest.raises(NotAllowed) as unknown:
        accounts.login(data_dir, "personne", TEST_PASSWORD)
    assert unknown.value.key == "error.login_failed"  # an unknown name says no more than a wrong password


def test_repeated_failures_slow_down_then_lock_the_account_until_a_coordinator_unlocks_it(db, data_dir):
    accounts.add_user(db, "Karim", "volunteer", "karim-secret")
    start = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=4, seconds=10)
    keys = []
    for minute in range(keystore.LOCK_AFTER):
        with pytest.raises(NotAllowed) as refused:
            accounts.login(data_dir, "Karim", "wrong-guess", now=start + dt.timedelta(minutes=minute))
        keys.append(refused.value.key)
    assert keys == ["error.login_failed"] * keystore.LOCK_AFTER
    # From the third failure the next try must wait: a try at once is refused without even checking the password.
    with pytest.raises(NotAllowed) as held:
        accounts.login(data_dir, "Karim", "karim-secret", now=start + dt.timedelta(minutes=4, seconds=10))
    assert held.value.key == "error.account_locked" and held.value.params["minutes"] == keystore.LOCK_MINUTES
    assert "bloqué" in held.value.message()
    assert [u.locked for u in accounts.list_users(db) if u.name == "Karim"] == [True]
    accounts.unlock_user(db, "Karim")
    unlocked = accounts.login(data_dir, "Karim", "karim-secret")
    assert unlocked.account.role is Role.VOLUNTEER
    unlocked.dispose()


def test_the_third_failure_makes_the_next_try_wait_a_few_seconds(db, data_dir):
    start = dt.datetime(2026, 12, 3, 9, 0, tzinfo=dt.UTC)
    for second in range(keystore.SLOW_AFTER):
        with pytest.raises(NotAllowed):
            accounts.login(data_dir, TEST_USER, "wrong", now=start + dt.timedelta(seconds=second))
    with pytest.raises(NotAllowed) as wait:
        accounts.login(data_dir, TEST_USER, TEST_PASSWORD, now=start + dt.timedelta(seconds=3))
    assert wait.value.key == "error.login_wait"
    accounts.login(data_dir, TEST_USER, TEST_PASSWORD, now=start + dt.timedelta(seconds=60)).dispose()


def test_a_disabled_user_can_no_longer_log_in_even_with_their_old_password(db, data_dir):
    accounts.add_user(db, "Karim", "volunteer", "karim-secret")
    accounts.disable_user(db, "Karim")
    with pytest.raises(NotAllowed):
        accounts.login(data_dir, "Karim", "karim-secret")
    assert not Keystore.load(Keystore.path_in(data_dir)).has_user("Karim")  # their wrap of the data key is gone
    accounts.enable_user(db, "Karim", "new-karim-secret")
    accounts.login(data_dir, "Karim", "new-karim-secret").dispose()


def test_the_last_coordinator_cannot_be_disabled_or_demoted_and_nobody_disables_themselves(db):
    with pytest.raises(Refused) as itself:
        accounts.disable_user(db, TEST_USER)
    assert itself.value.key == "error.user_disable_self"
    with pytest.raises(Refused) as last:
        accounts.set_role(db, TEST_USER, "volunteer")
    assert last.value.key == "error.user_last_coordinator"
    accounts.add_user(db, "Nadia", "coordinator", "nadia-secret")
    assert accounts.set_role(db, TEST_USER, "volunteer").value.role == "volunteer"


def test_user_names_and_passwords_are_checked_before_anything_is_written(db, data_dir):
    with pytest.raises(BadData) as short:
        accounts.add_user(db, "Karim", "volunteer", "court")
    assert short.value.key == "error.password_too_short"
    with pytest.raises(BadData):
        accounts.add_user(db, "  ", "volunteer", "karim-secret")
    with pytest.raises(BadData):
        accounts.add_user(db, "Karim", "chef", "karim-secret")
    accounts.add_user(db, "Karim", "volunteer", "karim-secret")
    with pytest.raises(Refused) as twice:
        accounts.add_user(db, "KARIM", "volunteer", "karim-secret")
    assert twice.value.key == "error.user_exists"
    assert [u.name for u in accounts.list_users(db)] == ["Karim", TEST_USER]


def test_a_password_change_rewraps_the_key_and_leaves_the_database_file_untouched(db, data_dir):
    _family(db)
    db.dispose()
    before = (data_dir / "fieldapp.sqlite3").read_bytes()
    accounts.change_password(db, TEST_USER, "un-nouveau-secret", current_password=TEST_PASSWORD)
    assert (data_dir / "fieldapp.sqlite3").read_bytes() == before
    with pytest.raises(NotAllowed):
        accounts.login(data_dir, TEST_USER, TEST_PASSWORD)
    accounts.login(data_dir, TEST_USER, "un-nouveau-secret").dispose()


def test_changing_your_own_password_asks_the_current_one(db, data_dir):
    with pytest.raises(NotAllowed):
        accounts.change_password(db, TEST_USER, "un-nouveau-secret", current_password="pas-le-bon")
    accounts.login(data_dir, TEST_USER, TEST_PASSWORD).dispose()


def test_a_forgotten_password_is_replaced_with_the_recovery_key_and_the_data_is_intact(tmp_path):
    folder = tmp_path / "laptop"
    first = accounts.create_first_coordinator(folder, "Samira", "oublie-bientot")
    setup.initialise(first.db, "Association Al Amal", "KHR1")
    _family(first.db, "Fatima Alaoui")
    first.db.dispose()
    typed = first.recovery_key.lower().replace("-", " ")  # as read aloud and typed: case and spaces do not matter
    with pytest.raises(NotAllowed) as wrong:
        accounts.recover(folder, "Samira", "nouveau-secret", recovery_key="A" * 32)
    assert wrong.value.key == "error.recovery_key_wrong"
    recovered = accounts.recover(folder, "Samira", "nouveau-secret", recovery_key=typed)
    assert _households(recovered) == 1
    recovered.dispose()
    again = accounts.login(folder, "Samira", "nouveau-secret")
    with again.read() as session:
        assert session.scalar(select(AuditEntry.action).where(AuditEntry.action == "user.recover")) == "user.recover"
    again.dispose()


def test_a_forgotten_password_is_replaced_with_a_one_time_code_from_hq(tmp_path):
    folder = tmp_path / "laptop"
    first = accounts.create_first_coordinator(folder, "Samira", "oublie-bientot")
    setup.initialise(first.db, "Association Al Amal", "KHR1")
    _family(first.db)
    private, public = keystore.new_key_pair()  # HQ's administrator's pair
    store = Keystore.load(Keystore.path_in(folder))
    sealed = store.wrap_for_hq(public, first.db.key, "KHR1")  # what the next sync carries to HQ
    first.db.dispose()
    code = keystore.hq_code_from_sealed(private, sealed, "KHR1")
    recovered = accounts.recover(folder, "Samira", "nouveau-secret", hq_code=code)
    assert _households(recovered) == 1
    recovered.dispose()
    with pytest.raises(NotAllowed) as used:  # the code served once: a new HQ secret waits for the next sync
        accounts.recover(folder, "Samira", "encore-un-autre", hq_code=code)
    assert used.value.key == "error.hq_code_wrong"
    assert Keystore.load(Keystore.path_in(folder)).hq_wrap_to_send() not in (None, sealed)


def test_a_folder_without_accounts_says_what_to_do(tmp_path, data_dir):
    with pytest.raises(Refused) as nothing:
        accounts.login(tmp_path / "empty", TEST_USER, TEST_PASSWORD)
    assert nothing.value.key == "error.not_initialised"
    from fieldapp.db import Database

    Database.open(tmp_path / "old").dispose()  # an old plain record, from before accounts
    with pytest.raises(NotAllowed) as old:
        accounts.login(tmp_path / "old", TEST_USER, TEST_PASSWORD)
    assert old.value.key == "error.accounts_missing" and "fieldapp init" in old.value.message()


def test_the_production_argon2_parameters_take_a_fifth_of_a_second_class_of_work(tmp_path, monkeypatch):
    monkeypatch.setattr(keystore, "ARGON2", {"time_cost": 3, "memory_cost": 64 * 1024, "parallelism": 1})
    store, created = Keystore.create(tmp_path / "fieldapp.keys", "Samira", "un-mot-de-passe")
    entry = store._content["users"]["samira"]
    assert entry["kdf"] == {"time_cost": 3, "memory_cost": 65536, "parallelism": 1}
    assert Keystore.load(tmp_path / "fieldapp.keys").unlock("Samira", "un-mot-de-passe") == created.data_key
    assert keystore.ARGON2 is not None and keystore.ARGON2["memory_cost"] >= 64 * 1024


def test_a_set_up_cut_after_the_wraps_were_written_is_finished_at_the_next_login(tmp_path):
    folder = tmp_path / "laptop"
    folder.mkdir()
    from fieldapp.db import Database

    Database.open(folder).dispose()  # an old plain record
    Keystore.create(Keystore.path_in(folder), "Samira", "un-mot-de-passe")  # the power went out here
    resumed = accounts.login(folder, "Samira", "un-mot-de-passe")
    try:
        assert resumed.account.role is Role.COORDINATOR
        assert not encryption.is_plain(folder / "fieldapp.sqlite3")
    finally:
        resumed.dispose()


def test_two_programs_changing_the_key_file_never_write_back_each_others_older_copy(db, data_dir):
    window = Keystore.load(Keystore.path_in(data_dir))  # the window read the file...
    command = Keystore.load(Keystore.path_in(data_dir))  # ...and so did a command, at the same time
    window.set_password("Karim", "karim-secret", db.key)  # the window adds a user's wrap
    with pytest.raises(NotAllowed):
        command.unlock(TEST_USER, "a-wrong-password")  # the command counts a failure on its (older) copy
    latest = Keystore.load(Keystore.path_in(data_dir))
    assert latest.has_user("Karim") and latest.failures(TEST_USER) == 1
