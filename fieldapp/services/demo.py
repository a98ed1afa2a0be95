"""Demo data for training and screenshots: plausible households, volunteers, two events, made through the services."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import asdict, dataclass, replace

from fieldapp import geo
from fieldapp.db import Database
from fieldapp.errors import BadData, Refused
from fieldapp.permissions import Action
from fieldapp.rules import parse_item
from fieldapp.services.distributions import record_distribution, void_distribution
from fieldapp.services.events import create_event
from fieldapp.services.households import HouseholdInput, MemberInput, register_household
from fieldapp.services.volunteers import check_in, check_out, register_volunteer


def _split(text: str) -> list[str]:
    return text.split(",")


def _pairs(text: str) -> list[tuple[str, str]]:
    return [tuple(p.split("/")) for p in _split(text)]  # type: ignore[misc]


MALE = _pairs(
    "Mohamed/محمد,Ahmed/أحمد,Youssef/يوسف,Hassan/حسن,Abdellah/عبد الله,Mustapha/مصطفى,Rachid/رشيد,Said/سعيد,"
    "Brahim/إبراهيم,Abderrahim/عبد الرحيم,Khalid/خالد,Omar/عمر,Driss/إدريس,Hamid/حميد,Lahcen/لحسن,Jamal/جمال,"
    "Aziz/عزيز,Noureddine/نور الدين,Hicham/هشام,Ayoub/أيوب,Yassine/ياسين,Anas/أنس,Adam/آدم,Amine/أمين,"
    "Bilal/بلال,Zakaria/زكرياء,Othmane/عثمان,Hamza/حمزة,Mbarek/مبارك,Abdelkader/عبد القادر"
)
FEMALE = _pairs(
    "Fatima/فاطمة,Fatima Zahra/فاطمة الزهراء,Khadija/خديجة,Aicha/عائشة,Zineb/زينب,Malika/مليكة,Naima/نعيمة,"
    "Saida/سعيدة,Rachida/رشيدة,Hafsa/حفصة,Meryem/مريم,Salma/سلمى,Hanane/حنان,Latifa/لطيفة,Zahra/زهرة,"
    "Itto/إيطو,Mina/مينة,Nadia/نادية,Asmae/أسماء,Imane/إيمان,Hajar/هاجر,Siham/سهام,Rkia/رقية,Fadma/فاضمة,"
    "Houda/هدى,Ghizlane/غزلان,Chaimae/شيماء,Aya/آية,Douae/دعاء,Yamna/يامنة"
)
FAMILY = _pairs(
    "Alaoui/العلوي,Bennani/بناني,El Idrissi/الإدريسي,Tazi/التازي,Berrada/برادة,Amrani/العمراني,"
    "Benjelloun/بنجلون,El Fassi/الفاسي,Chraibi/الشرايبي,Ouazzani/الوزاني,Bouzidi/البوزيدي,Lahlou/لحلو,"
    "Zerouali/الزروالي,Naciri/الناصري,Hamdaoui/الحمداوي,Ait Ali/آيت علي,Ait Brahim/آيت إبراهيم,Bakkali/البقالي,"
    "El Mansouri/المنصوري,Rahmouni/الرحموني,Saidi/السعيدي,Tahiri/الطاهري,Jabri/الجابري,El Khatib/الخطيب,"
    "Belhaj/بلحاج,Daoudi/الداودي,Karimi/الكريمي,Smaili/السماعيلي,Boutaleb/بوطالب,Fakir/الفقير,"
    "Oubella/أوبلا,Amzil/أمزيل,Ouhammou/أوحمو,Ait Lhaj/آيت الحاج,El Ouardi/الوردي,Kharbouch/خربوش"
)
DOUARS = _split(
    "Ouled Said,Ouled Ali,Ouled Brahim,Ouled Hmida,Lamrabih,Laarassi,Ait Hmad,Ait Ouahi,Lakhouajat,Ouled Bouazza,"
    "Bir Jdid,Sidi Bouzid,Ouled Abbou,Lahlalfa,Ouled Moussa"
)
QUARTERS = _split("Hay Al Qods,Hay Ennahda,Hay Essalam,Hay Al Massira,Hay Al Fath,Hay Al Amal,Hay Hassani")
# Mobile prefixes every number after which is valid for libphonenumber (068x and 07[2-59]x have gaps).
MOBILE_PREFIXES = ("061", "062", "063", "064", "065", "066", "067", "069", "070", "071", "076", "077", "078")
PROVINCES = (("05.311", "Q", 0.7), ("07.041", "E", 0.3))  # Khouribga (CIN letter Q), Al Haouz (E: Marrakech)
SIZE_WEIGHTS = (5, 10, 14, 18, 18, 14, 10, 7, 4)  # sizes 1..9
MOROCCO = dt.timezone(dt.timedelta(hours=1))


@dataclass(frozen=True)
class DemoSummary:
    households: int
    members: int
    volunteers: int
    event_ids: tuple[str, ...]
    distributions: int
    voided: int
    attendance: int
    warnings: int

    @property
    def changed(self) -> frozenset[str]:
        """The kinds of record the demo writes."""
        return frozenset({"households", "events", "distributions", "volunteers", "attendance"})

    def as_dict(self) -> dict:
        return asdict(self)


# Nearly every family gave its consent; a few are waiting for it (the register of families without consent).
WITHOUT_CONSENT_SHARE = 0.04


class _Maker:
    """Draws names, identifiers and places from one seeded generator, never repeating a CIN or a phone."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        # A generator of its own: the families and everything drawn after them stay the same as before consent.
        self.consent_rng = random.Random(seed + 9014)
        self.cins: set[str] = set()
        self.phones: set[str] = set()
        self.communes = {p: geo.communes_of_province(p) for p, _, _ in PROVINCES}

    def person(self, sex: str, family: tuple[str, str] | None = None) -> tuple[str, str]:
        first = self.rng.choice(FEMALE if sex == "F" else MALE)
        family = family or self.rng.choice(FAMILY)
        return f"{first[0]} {family[0]}", f"{first[1]} {family[1]}"

    def phone(self) -> str:
        while True:
            number = self.rng.choice(MOBILE_PREFIXES) + f"{self.rng.randrange(10**7):07d}"
            if number not in self.phones:
                self.phones.add(number)
                return number

    def cin(self, letter: str) -> str:
        while True:
            if self.rng.random() < 0.1:  # older cards: one letter, e.g. I490674
                cin = self.rng.choice((letter, "I")) + f"{self.rng.randrange(100000, 999999)}"
            else:
                cin = (
                    letter
                    + self.rng.choice("ABEHJK" if letter == "Q" else "ABEEJ")
                    + f"{self.rng.randrange(10**6):06d}"
                )
            if cin not in self.cins:
                self.cins.add(cin)
                return cin

    def place(self) -> tuple[str, str, str]:
        """(commune code, douar or quarter, CIN letter): communes drawn by their number of households."""
        province, letter, _ = self.rng.choices(PROVINCES, weights=[w for *_, w in PROVINCES])[0]
        communes = self.communes[province]
        commune = self.rng.choices(communes, weights=[(c.households_2024 or 500) ** 0.5 for c in communes])[0]
        urban = commune.code.split(".")[2] == "01"  # HCP: cercle 01 holds the municipalities
        where = self.rng.choice(QUARTERS) if urban else "Douar " + self.rng.choice(DOUARS)
        return commune.code, where, letter

    def household(self, year: int, registered_by: str) -> HouseholdInput:
        rng = self.rng
        size = rng.choices(range(1, 10), weights=SIZE_WEIGHTS)[0]
        widow = rng.random() < 0.15
        head_sex = "F" if widow or (size == 1 and rng.random() < 0.5) else "M"
        head_born = year - rng.randint(60, 85) if size == 1 else year - rng.randint(24 if not widow else 32, 72)
        family = rng.choice(FAMILY)
        head, head_ar = self.person(head_sex, family)
        members: list[MemberInput] = []
        flags = {"widow"} if widow else set()
        mother_born = head_born
        if not widow and size >= 2:
            mother_born = min(head_born + rng.randint(0, 10), year - 19)
            members.append(MemberInput(*self.person("F"), sex="F", birth_year=mother_born, relation="spouse"))
        if size - 1 > len(members) and year - head_born < 50 and rng.random() < 0.2:
            parent_born = max(head_born - rng.randint(20, 32), 1932)
            members.append(MemberInput(*self.person("F"), sex="F", birth_year=parent_born, relation="parent"))
            if year - parent_born >= 65:
                flags.add("elderly")
        children_family = family if head_sex == "M" else rng.choice(FAMILY)
        newest = min(year, mother_born + 45)
        infant = size - 1 > len(members) and year - mother_born < 43 and rng.random() < 0.35
        while size - 1 > len(members):
            sex = rng.choice("FM")
            born = newest - rng.randint(0, 1) if infant else rng.randint(min(mother_born + 18, newest), newest)
            infant = False
            members.append(MemberInput(*self.person(sex, children_family), sex=sex, birth_year=born, relation="child"))
        if any(m.relation == "child" and year - (m.birth_year or 0) < 2 for m in members):
            flags.add("infant")
        if year - head_born >= 65:
            flags.add("elderly")
        for flag, chance in (("disability", 0.08), ("chronic_illness", 0.1), ("no_income", 0.25), ("orphan", 0.03)):
            if rng.random() < chance:
                flags.add(flag)
        if any(m.relation == "spouse" and year - (m.birth_year or 0) < 40 for m in members) and rng.random() < 0.06:
            flags.add("pregnant")
        commune, douar, letter = self.place()
        consent = self.consent_rng.random() >= WITHOUT_CONSENT_SHARE
        return HouseholdInput(
            head_name=head,
            head_name_ar=head_ar,
            cin=None if rng.random() < 0.03 else self.cin(letter),
            phone=None if rng.random() < 0.08 else self.phone(),
            commune=commune,
            douar=douar,
            size=size,
            flags=sorted(flags),
            consent=consent,
            consent_by=registered_by if consent else None,
            members=members,
        )


def _at(day: dt.date, hour: int, minute: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), MOROCCO).astimezone(dt.UTC)


def generate_demo(db: Database, households: int = 200, seed: int = 1, actor: str | None = None) -> DemoSummary:
    """Fill an initialised database; the same seed gives the same people (ages follow the current year)."""
    db.require(Action.IMPORT)
    if households < 0:
        raise BadData("error.demo_households", households=households)
    make, year = _Maker(seed), dt.date.today().year
    rng = make.rng
    volunteers = []
    for _ in range(rng.randint(6, 10)):
        sex = rng.choice("FM")
        name, name_ar = make.person(sex)
        cin = make.cin("Q") if rng.random() < 0.6 else None
        volunteers.append(register_volunteer(db, name, name_ar, make.phone(), cin, actor=actor).value)

    registered, members, warnings = [], 0, 0
    for _ in range(households):
        data = make.household(year, rng.choice(volunteers).name)
        for _attempt in range(5):
            try:
                outcome = register_household(db, data, actor=actor)
                break
            except Refused as refused:  # a CIN left by an earlier demo run: draw another one
                if refused.key != "error.cin_taken":
                    raise
                data = replace(data, cin=make.cin((data.cin or "Q")[0]))
        else:
            raise Refused("error.cin_taken", cin=data.cin, name=data.head_name, id="")
        registered.append((outcome.value.id, outcome.value.head_name, outcome.value.members))
        members += len(outcome.value.members)
        warnings += len(outcome.notices)

    ramadan, autumn = dt.date(2026, 2, 14), dt.date(2026, 9, 12)
    kits = [
        parse_item(f"KIT:Panier alimentaire:1:stock={max(households, 1)}:ar=قفة رمضان"),
        parse_item("LAIT:Lait infantile 900 g:2:only=infant:ar=حليب الرضع"),
    ]
    end = ramadan + dt.timedelta(days=1)
    first = create_event(
        db, "Panier Ramadan 2026", ramadan, kits, end, "Maison des jeunes", "05.311.01.07", actor
    ).value
    net = [parse_item("NET:Recharge internet 10 Go:1:bands=1-3/1,4-6/2,7+/3:ar=تعبئة الإنترنت")]
    second = create_event(db, "Recharges internet", autumn, net, None, "Centre Amizmiz", "07.041.01.03", actor).value

    attendance = 0
    for event, day, helpers in ((first, ramadan, volunteers[:-1]), (second, autumn, volunteers[:3])):
        for position, volunteer in enumerate(helpers):
            check_in(db, volunteer.id, event.id, _at(day, 8, rng.randint(0, 50)), actor=actor)
            attendance += 1
            if not (event is second and position == len(helpers) - 1):  # one still on site
                check_out(db, volunteer.id, event.id, _at(day, rng.randint(13, 17), rng.randint(0, 59)), actor=actor)

    served, receipts = 0, []
    for event, share, helpers in ((first, 0.3, volunteers[:-1]), (second, 0.15, volunteers[:3])):
        for household_id, head, household_members in rng.sample(registered, round(len(registered) * share)):
            spouse = next((m.name for m in household_members if m.relation == "spouse"), None)
            collector = spouse if spouse and rng.random() < 0.3 else head
            done = record_distribution(
                db, event.id, household_id, collector=collector, handed_out_by=rng.choice(helpers).id, actor=actor
            )
            receipts.append(done.value.receipt)
            served += 1
    voided = 0
    if len(receipts) >= 10:
        void_distribution(db, rng.choice(receipts), "Erreur de foyer à l'accueil, reçu annulé", actor=actor)
        voided = 1
    return DemoSummary(
        households=len(registered),
        members=members,
        volunteers=len(volunteers),
        event_ids=(first.id, second.id),
        distributions=served,
        voided=voided,
        attendance=attendance,
        warnings=warnings,
    )
