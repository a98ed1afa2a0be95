<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>DeskCard</name>
    <message>
        <source>Vulnerability: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ALREADY SERVED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On %1 by %2 — receipt %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Collected by: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CIN %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no CIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n person(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entitled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantity given: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serve again (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm hand-out (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>widow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>disability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>infant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pregnant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>elderly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>orphan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>chronic illness</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no income</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find a family: type a name, CIN or phone, or scan the code on its card, sheet or receipt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coordinator&apos;s reason to serve again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Required to serve this family a second time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Collected by (if not the head)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Collected by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name of the person collecting for the family</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason for other quantities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entitlement</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeskCounters</name>
    <message numerus="yes">
        <source>Served today: %n family(ies)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%n at this event)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Left:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeskPage</name>
    <message>
        <source>Distribution desk</source>
        <extracomment>the path of each receipt PDF written (printed, or opened in the viewer): tests and the status bar listen</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Event:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event of the day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name, CIN, phone, receipt number — or scan a code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find a family</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Families found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Family</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no event yet: create today&apos;s event on the Events page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the event first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n person(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Already served. To serve this family again, a coordinator types the reason.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DuplicatesPanel</name>
    <message>
        <source>Possible duplicates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These households look like the one you are registering. Is it one of them?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name in Arabic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Households that look similar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Columns of the similar households</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open this one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open this one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Register anyway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Register anyway</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EventForm</name>
    <message>
        <source>&amp;Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Starts on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Si&amp;te</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comm&amp;une</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Ends on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ends on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name or HCP code (empty: every household is expected)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sa&amp;ve event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New event</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EventListModel</name>
    <message>
        <source>Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dates</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EventsPage</name>
    <message>
        <source>Events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ne&amp;w event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ed&amp;it event</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n event(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>“%1” saved.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HouseholdForm</name>
    <message>
        <source>&amp;Name (Latin letters)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name of the head of household, Latin letters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name in &amp;Arabic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name of the head of household in Arabic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;CIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>National identity card number (CIN)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Co&amp;mmune</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commune</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Douar / quarter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Douar or quarter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Household si&amp;ze</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Household size, head included</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a few letters of the name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. BK123456</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The head of household agreed to be registered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent &amp;collected by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent collected by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No&amp;tes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New household</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Household: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved. Please check:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved. Press Escape or Cancel again to close without saving.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Widow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Infant under 2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pregnant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Elderly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Orphan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chronic illness</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No income</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the registered household</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vulnerabilities</source>
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
    <message>
        <source>New household</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Register a new household (Ctrl+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All communes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only households of this commune</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a few letters of the commune</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All vulnerabilities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only households with this vulnerability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event for the served filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not yet served</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already served</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Served or not yet served at the event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Columns of the household list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No event filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n household(s) registered</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No household matches this search. Ctrl+N registers a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No household matches these filters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n household(s) shown, scroll for more</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n household(s) shown</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>(filters apply to the list, not to a search)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ItemsEditor</name>
    <message>
        <source>Items and entitlement rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arabic label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quantity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Arabic label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size &amp;bands</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Only for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stoc&amp;k</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every household</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not counted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;dd item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove ite&amp;m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>per household</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>per member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>by household size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>widow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>disability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>infant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pregnant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>elderly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>orphan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>chronic illness</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no income</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Item %1 needs a code and a label.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Item %1: the stock is a whole number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Item %1: give the size bands (1-3/1,4-6/2,7+/3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>household size/quantity, e.g. 1-3/1,4-6/2,7+/3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 people: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LongTask</name>
    <message>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Distribution desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Households</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sheets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Volunteers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · device %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) not yet sent to HQ</source>
        <translation type="unfinished">
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
    <name>MembersBox</name>
    <message>
        <source>Members besides the head of household</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MembersEditor</name>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name in Arabic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sex</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Birth year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Relation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add a member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Female</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Male</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spouse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Child</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grandchild</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Brother or sister</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other relative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member %1: name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member %1: name in Arabic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member %1: sex</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member %1: birth year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member %1: relation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove member %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 1985</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove this member (Ctrl+Delete)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReceiptBanner</name>
    <message>
        <source>Receipt %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 served</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReceiptPrinter</name>
    <message>
        <source>Preparing the receipt…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The receipt is open: print it from the PDF viewer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printer %1 is not available.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No printer is installed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The receipt was opened as a PDF instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printing on %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printing failed (%1). The receipt was opened as a PDF instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent to printer %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The receipt PDF is in %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RosterModel</name>
    <message>
        <source>On site since %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not checked in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name in Arabic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At this event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hours</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Association name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Your name (on receipts)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Receipt format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Printer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print receipts &amp;directly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Association &amp;logo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;HQ address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A6 (postcard)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>80 mm roll (thermal printer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A4, two copies (family and association)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default printer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the logo file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Association logo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images (*.png *.jpg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings saved.</source>
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
        <source>Sheets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-off sheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order of the rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>by name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>by douar, then name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconcile a signed sheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Scan the code of each signed row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scanned code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scanned codes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>…or &amp;tick the signed rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find a row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find a name or a douar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Households expected at the event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconciliation result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Print the sign-off sheet…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the chosen &amp;code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reconcile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>served: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sign-off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing the sign-off sheet…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Sign-off sheet written: %1 (%2 rows, %n page(s)).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>This code was already scanned.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 scanned, %2 ticked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 served, %2 already served, %3 rejected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Served: %1 (receipt %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already served: %1 (receipt %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected: %1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>Sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send to HQ now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending to HQ is not available in this version yet: nothing is lost, every change waits here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes not yet sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Household</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Volunteer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distribution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Void</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>new</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) not yet sent to HQ</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>HQ address: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No HQ address set (Settings). The app works fully without one.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VolunteersPage</name>
    <message>
        <source>Volunteers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New volunteer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name in &amp;Arabic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check &amp;in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check &amp;out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;dd volunteer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the attendance &amp;sheet…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n volunteer(s) on site</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 checked in at %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 checked out at %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>attendance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attendance sheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing the attendance sheet…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Attendance sheet written: %1 (%n page(s)).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
</TS>
