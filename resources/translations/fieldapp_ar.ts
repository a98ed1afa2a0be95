<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar">
<context>
    <name>DeskPage</name>
    <message>
        <source>desk</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EventsPage</name>
    <message>
        <source>events</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HouseholdsPage</name>
    <message>
        <source>Households</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search a household: name, CIN, phone, receipt…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search households</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n household(s) registered</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>%1 · device %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) not yet sent to HQ</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Pages</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>settings</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SetupDialog</name>
    <message>
        <source>Welcome to fieldapp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set this laptop up once. Everything works without a network; HQ is optional.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Association name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Device code (starts every receipt number)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Your name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;HQ address (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Try with demo data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try with demo data</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SheetsPage</name>
    <message>
        <source>sheets</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>sync</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VolunteersPage</name>
    <message>
        <source>volunteers</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
