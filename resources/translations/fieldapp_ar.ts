<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar">
<context>
    <name>DeskCard</name>
    <message>
        <source>Vulnerability: %1</source>
        <translation>الهشاشة: %1</translation>
    </message>
    <message>
        <source>ALREADY SERVED</source>
        <translation>سبق التسليم</translation>
    </message>
    <message>
        <source>On %1 by %2 — receipt %3</source>
        <translation>بتاريخ ‪%1‬ على يد %2 — الوصل ‪%3‬</translation>
    </message>
    <message>
        <source>Collected by: %1</source>
        <translation>المستلم بالنيابة: %1</translation>
    </message>
    <message>
        <source>CIN %1</source>
        <translation>ب.ت.و ‪%1‬</translation>
    </message>
    <message>
        <source>no CIN</source>
        <translation>بدون بطاقة وطنية</translation>
    </message>
    <message numerus="yes">
        <source>%n person(s)</source>
        <translation>
            <numerusform>%n فرد</numerusform>
            <numerusform>فرد واحد</numerusform>
            <numerusform>فردان</numerusform>
            <numerusform>%n أفراد</numerusform>
            <numerusform>%n فردا</numerusform>
            <numerusform>%n فرد</numerusform>
        </translation>
    </message>
    <message>
        <source>Item</source>
        <translation>المادة</translation>
    </message>
    <message>
        <source>Entitled</source>
        <translation>الاستحقاق</translation>
    </message>
    <message>
        <source>Given</source>
        <translation>الكمية المسلمة</translation>
    </message>
    <message>
        <source>Quantity given: %1</source>
        <translation>الكمية المسلمة: %1</translation>
    </message>
    <message>
        <source>Serve again (%1)</source>
        <translation>إعادة التسليم (%1)</translation>
    </message>
    <message>
        <source>Confirm hand-out (%1)</source>
        <translation>تأكيد التسليم (%1)</translation>
    </message>
    <message>
        <source>Find a family: type a name, CIN or phone, or scan the code on its card, sheet or receipt.</source>
        <translation>ابحث عن أسرة: اكتب الاسم أو رقم البطاقة الوطنية أو الهاتف، أو امسح الرمز الموجود على بطاقتها أو على ورقة التوقيع أو على الوصل.</translation>
    </message>
    <message>
        <source>Coordinator&apos;s reason to serve again</source>
        <translation>سبب المنسق لإعادة التسليم</translation>
    </message>
    <message>
        <source>Required to serve this family a second time</source>
        <translation>إلزامي لتسليم هذه الأسرة مرة ثانية</translation>
    </message>
    <message>
        <source>Collected by (if not the head)</source>
        <translation>المستلم بالنيابة (إن لم يكن رب الأسرة)</translation>
    </message>
    <message>
        <source>Collected by</source>
        <translation>المستلم بالنيابة</translation>
    </message>
    <message>
        <source>Name of the person collecting for the family</source>
        <translation>اسم الشخص الذي يستلم نيابة عن الأسرة</translation>
    </message>
    <message>
        <source>Reason for other quantities</source>
        <translation>سبب تغيير الكميات</translation>
    </message>
    <message>
        <source>Entitlement</source>
        <translation>الحصة</translation>
    </message>
</context>
<context>
    <name>DeskCounters</name>
    <message numerus="yes">
        <source>Served today: %n family(ies)</source>
        <translation>
            <numerusform>تم التسليم اليوم: %n أسرة</numerusform>
            <numerusform>تم التسليم اليوم: أسرة واحدة</numerusform>
            <numerusform>تم التسليم اليوم: أسرتان</numerusform>
            <numerusform>تم التسليم اليوم: %n أسر</numerusform>
            <numerusform>تم التسليم اليوم: %n أسرة</numerusform>
            <numerusform>تم التسليم اليوم: %n أسرة</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%n at this event)</source>
        <translation>
            <numerusform>(المجموع في هذا النشاط: %n)</numerusform>
            <numerusform>(المجموع في هذا النشاط: %n)</numerusform>
            <numerusform>(المجموع في هذا النشاط: %n)</numerusform>
            <numerusform>(المجموع في هذا النشاط: %n)</numerusform>
            <numerusform>(المجموع في هذا النشاط: %n)</numerusform>
            <numerusform>(المجموع في هذا النشاط: %n)</numerusform>
        </translation>
    </message>
    <message>
        <source>Left:</source>
        <translation>المتبقي:</translation>
    </message>
</context>
<context>
    <name>DeskPage</name>
    <message>
        <source>Distribution desk</source>
        <extracomment>the path of each receipt PDF written (printed, or opened in the viewer): tests and the status bar listen</extracomment>
        <translation>مكتب التوزيع</translation>
    </message>
    <message>
        <source>&amp;Event:</source>
        <translation>النشا&amp;ط:</translation>
    </message>
    <message>
        <source>Event of the day</source>
        <translation>نشاط اليوم</translation>
    </message>
    <message>
        <source>Name, CIN, phone, receipt number — or scan a code</source>
        <translation>الاسم، البطاقة الوطنية، الهاتف، رقم الوصل — أو امسح رمزا</translation>
    </message>
    <message>
        <source>Find a family</source>
        <translation>البحث عن أسرة</translation>
    </message>
    <message>
        <source>Families found</source>
        <translation>الأسر التي تم العثور عليها</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>محو</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>الأسرة</translation>
    </message>
    <message>
        <source>There is no event yet: create today&apos;s event on the Events page.</source>
        <translation>لا يوجد أي نشاط بعد: أنشئ نشاط اليوم في صفحة الأنشطة.</translation>
    </message>
    <message>
        <source>Choose the event first.</source>
        <translation>اختر النشاط أولا.</translation>
    </message>
    <message numerus="yes">
        <source>%n person(s)</source>
        <translation>
            <numerusform>%n فرد</numerusform>
            <numerusform>فرد واحد</numerusform>
            <numerusform>فردان</numerusform>
            <numerusform>%n أفراد</numerusform>
            <numerusform>%n فردا</numerusform>
            <numerusform>%n فرد</numerusform>
        </translation>
    </message>
    <message>
        <source>Already served. To serve this family again, a coordinator types the reason.</source>
        <translation>سبق التسليم لهذه الأسرة. لإعادة التسليم، يجب أن يكتب المنسق السبب.</translation>
    </message>
</context>
<context>
    <name>DuplicatesPanel</name>
    <message>
        <source>Possible duplicates</source>
        <translation>تكرار محتمل</translation>
    </message>
    <message>
        <source>These households look like the one you are registering. Is it one of them?</source>
        <translation>هذه الأسر تشبه الأسرة التي تسجلها. هل هي إحداها؟</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <source>Name in Arabic</source>
        <translation>الاسم بالعربية</translation>
    </message>
    <message>
        <source>CIN</source>
        <translation>ب.ت.و</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>الهاتف</translation>
    </message>
    <message>
        <source>Households that look similar</source>
        <translation>الأسر المشابهة</translation>
    </message>
    <message>
        <source>Columns of the similar households</source>
        <translation>أعمدة الأسر المشابهة</translation>
    </message>
    <message>
        <source>&amp;Open this one</source>
        <translation>ا&amp;فتح هذه الأسرة</translation>
    </message>
    <message>
        <source>Open this one</source>
        <translation>افتح هذه الأسرة</translation>
    </message>
    <message>
        <source>&amp;Register anyway</source>
        <translation>التسجيل رغم &amp;ذلك</translation>
    </message>
    <message>
        <source>Register anyway</source>
        <translation>التسجيل رغم ذلك</translation>
    </message>
</context>
<context>
    <name>EventForm</name>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;الاسم</translation>
    </message>
    <message>
        <source>&amp;Starts on</source>
        <translation>تاري&amp;خ البداية</translation>
    </message>
    <message>
        <source>Si&amp;te</source>
        <translation>الم&amp;كان</translation>
    </message>
    <message>
        <source>Comm&amp;une</source>
        <translation>الجما&amp;عة</translation>
    </message>
    <message>
        <source>&amp;Ends on</source>
        <translation>تاريخ الن&amp;هاية</translation>
    </message>
    <message>
        <source>Ends on</source>
        <translation>تاريخ النهاية</translation>
    </message>
    <message>
        <source>Name or HCP code (empty: every household is expected)</source>
        <translation>الاسم أو رمز المندوبية السامية للتخطيط (فارغ: كل الأسر معنية)</translation>
    </message>
    <message>
        <source>Sa&amp;ve event</source>
        <translation>&amp;حفظ النشاط</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <source>Edit “%1”</source>
        <translation>تعديل «%1»</translation>
    </message>
    <message>
        <source>New event</source>
        <translation>نشاط جديد</translation>
    </message>
</context>
<context>
    <name>EventListModel</name>
    <message>
        <source>Event</source>
        <translation>النشاط</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>التواريخ</translation>
    </message>
</context>
<context>
    <name>EventsPage</name>
    <message>
        <source>Events</source>
        <translation>الأنشطة</translation>
    </message>
    <message>
        <source>Ne&amp;w event</source>
        <translation>نشا&amp;ط جديد</translation>
    </message>
    <message>
        <source>Ed&amp;it event</source>
        <translation>تع&amp;ديل النشاط</translation>
    </message>
    <message numerus="yes">
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n نشاط</numerusform>
            <numerusform>نشاط واحد</numerusform>
            <numerusform>نشاطان</numerusform>
            <numerusform>%n أنشطة</numerusform>
            <numerusform>%n نشاطا</numerusform>
            <numerusform>%n نشاط</numerusform>
        </translation>
    </message>
    <message>
        <source>“%1” saved.</source>
        <translation>تم حفظ «%1».</translation>
    </message>
</context>
<context>
    <name>HouseholdForm</name>
    <message>
        <source>&amp;Name (Latin letters)</source>
        <translation>&amp;الاسم (بالحروف اللاتينية)</translation>
    </message>
    <message>
        <source>Name of the head of household, Latin letters</source>
        <translation>اسم رب الأسرة بالحروف اللاتينية</translation>
    </message>
    <message>
        <source>Name in &amp;Arabic</source>
        <translation>الاسم بالع&amp;ربية</translation>
    </message>
    <message>
        <source>Name of the head of household in Arabic</source>
        <translation>اسم رب الأسرة بالعربية</translation>
    </message>
    <message>
        <source>&amp;CIN</source>
        <translation>رقم البطاقة ال&amp;وطنية</translation>
    </message>
    <message>
        <source>National identity card number (CIN)</source>
        <translation>رقم البطاقة الوطنية للتعريف (ب.ت.و)</translation>
    </message>
    <message>
        <source>&amp;Phone</source>
        <translation>ال&amp;هاتف</translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation>رقم الهاتف</translation>
    </message>
    <message>
        <source>Co&amp;mmune</source>
        <translation>الج&amp;ماعة</translation>
    </message>
    <message>
        <source>Commune</source>
        <translation>الجماعة</translation>
    </message>
    <message>
        <source>&amp;Douar / quarter</source>
        <translation>ال&amp;دوار / الحي</translation>
    </message>
    <message>
        <source>Douar or quarter</source>
        <translation>الدوار أو الحي</translation>
    </message>
    <message>
        <source>Household si&amp;ze</source>
        <translation>&amp;عدد أفراد الأسرة</translation>
    </message>
    <message>
        <source>Household size, head included</source>
        <translation>عدد أفراد الأسرة، مع رب الأسرة</translation>
    </message>
    <message>
        <source>Type a few letters of the name</source>
        <translation>اكتب بعض حروف الاسم</translation>
    </message>
    <message>
        <source>e.g. BK123456</source>
        <translation>مثال: BK123456</translation>
    </message>
    <message>
        <source>The head of household agreed to be registered</source>
        <translation>وافق رب الأسرة على التسجيل</translation>
    </message>
    <message>
        <source>Consent given</source>
        <translation>تمت الموافقة</translation>
    </message>
    <message>
        <source>Consent &amp;collected by</source>
        <translation>متل&amp;قي الموافقة</translation>
    </message>
    <message>
        <source>Consent collected by</source>
        <translation>متلقي الموافقة</translation>
    </message>
    <message>
        <source>No&amp;tes</source>
        <translation>م&amp;لاحظات</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>ملاحظات</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;حفظ</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>حفظ</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>حفظ (Ctrl+S)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>إغلاق</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <source>New household</source>
        <translation>أسرة جديدة</translation>
    </message>
    <message>
        <source>Household: %1</source>
        <translation>الأسرة: %1</translation>
    </message>
    <message>
        <source>Saved. Please check:</source>
        <translation>تم الحفظ. يرجى التحقق مما يلي:</translation>
    </message>
    <message>
        <source>Not saved. Press Escape or Cancel again to close without saving.</source>
        <translation>لم يتم الحفظ. اضغط مرة أخرى على Esc أو «إلغاء» للإغلاق دون حفظ.</translation>
    </message>
    <message>
        <source>Widow</source>
        <translation>أرملة</translation>
    </message>
    <message>
        <source>Disability</source>
        <translation>إعاقة</translation>
    </message>
    <message>
        <source>Infant under 2</source>
        <translation>رضيع دون سنتين</translation>
    </message>
    <message>
        <source>Pregnant</source>
        <translation>حامل</translation>
    </message>
    <message>
        <source>Elderly</source>
        <translation>مسن</translation>
    </message>
    <message>
        <source>Orphan</source>
        <translation>يتيم</translation>
    </message>
    <message>
        <source>Chronic illness</source>
        <translation>مرض مزمن</translation>
    </message>
    <message>
        <source>No income</source>
        <translation>بدون دخل</translation>
    </message>
    <message>
        <source>Open the registered household</source>
        <translation>فتح الأسرة المسجلة</translation>
    </message>
    <message>
        <source>Vulnerabilities</source>
        <translation>معايير الهشاشة</translation>
    </message>
</context>
<context>
    <name>HouseholdsPage</name>
    <message>
        <source>Households</source>
        <translation>الأسر</translation>
    </message>
    <message>
        <source>Search a household: name, CIN, phone, receipt…</source>
        <translation>ابحث عن أسرة: الاسم، البطاقة الوطنية، الهاتف، الوصل…</translation>
    </message>
    <message>
        <source>Search households</source>
        <translation>البحث عن الأسر</translation>
    </message>
    <message>
        <source>New household</source>
        <translation>أسرة جديدة</translation>
    </message>
    <message>
        <source>Register a new household (Ctrl+N)</source>
        <translation>تسجيل أسرة جديدة (Ctrl+N)</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>تصدير…</translation>
    </message>
    <message>
        <source>Export households</source>
        <translation>تصدير الأسر</translation>
    </message>
    <message>
        <source>Save every household to a CSV (Excel) or JSON file</source>
        <translation>حفظ جميع الأسر في ملف CSV (Excel) أو JSON</translation>
    </message>
    <message>
        <source>All communes</source>
        <translation>جميع الجماعات</translation>
    </message>
    <message>
        <source>Only households of this commune</source>
        <translation>الأسر التابعة لهذه الجماعة فقط</translation>
    </message>
    <message>
        <source>Type a few letters of the commune</source>
        <translation>اكتب بعض حروف اسم الجماعة</translation>
    </message>
    <message>
        <source>All vulnerabilities</source>
        <translation>جميع معايير الهشاشة</translation>
    </message>
    <message>
        <source>Only households with this vulnerability</source>
        <translation>الأسر التي تستوفي هذا المعيار فقط</translation>
    </message>
    <message>
        <source>Event for the served filter</source>
        <translation>النشاط الخاص بتصفية التسليم</translation>
    </message>
    <message>
        <source>Not yet served</source>
        <translation>لم يتم التسليم بعد</translation>
    </message>
    <message>
        <source>Already served</source>
        <translation>سبق التسليم</translation>
    </message>
    <message>
        <source>Served or not yet served at the event</source>
        <translation>تم التسليم أو لم يتم بعد في هذا النشاط</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>إلغاء التصفية</translation>
    </message>
    <message>
        <source>Columns of the household list</source>
        <translation>أعمدة لائحة الأسر</translation>
    </message>
    <message>
        <source>No event filter</source>
        <translation>كل الأنشطة</translation>
    </message>
    <message numerus="yes">
        <source>%n household(s) registered</source>
        <translation>
            <numerusform>%n أسرة مسجلة</numerusform>
            <numerusform>أسرة واحدة مسجلة</numerusform>
            <numerusform>أسرتان مسجلتان</numerusform>
            <numerusform>%n أسر مسجلة</numerusform>
            <numerusform>%n أسرة مسجلة</numerusform>
            <numerusform>%n أسرة مسجلة</numerusform>
        </translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>جار البحث…</translation>
    </message>
    <message>
        <source>No household matches this search. Ctrl+N registers a new one.</source>
        <translation>لا توجد أسرة تطابق هذا البحث. اضغط Ctrl+N لتسجيل أسرة جديدة.</translation>
    </message>
    <message>
        <source>No household matches these filters.</source>
        <translation>لا توجد أسرة تطابق هذه التصفية.</translation>
    </message>
    <message numerus="yes">
        <source>%n household(s) shown, scroll for more</source>
        <translation>
            <numerusform>%n أسرة معروضة، مرر لرؤية المزيد</numerusform>
            <numerusform>أسرة واحدة معروضة، مرر لرؤية المزيد</numerusform>
            <numerusform>أسرتان معروضتان، مرر لرؤية المزيد</numerusform>
            <numerusform>%n أسر معروضة، مرر لرؤية المزيد</numerusform>
            <numerusform>%n أسرة معروضة، مرر لرؤية المزيد</numerusform>
            <numerusform>%n أسرة معروضة، مرر لرؤية المزيد</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n household(s) shown</source>
        <translation>
            <numerusform>%n أسرة معروضة</numerusform>
            <numerusform>أسرة واحدة معروضة</numerusform>
            <numerusform>أسرتان معروضتان</numerusform>
            <numerusform>%n أسر معروضة</numerusform>
            <numerusform>%n أسرة معروضة</numerusform>
            <numerusform>%n أسرة معروضة</numerusform>
        </translation>
    </message>
    <message>
        <source>(filters apply to the list, not to a search)</source>
        <translation>(التصفية تنطبق على اللائحة، وليس على البحث)</translation>
    </message>
    <message>
        <source>households</source>
        <translation>الأسر</translation>
    </message>
    <message>
        <source>CSV for Excel (*.csv);;JSON (*.json)</source>
        <translation>CSV لبرنامج Excel (*.csv);;JSON (*.json)</translation>
    </message>
    <message>
        <source>Exporting households…</source>
        <translation>جارٍ تصدير الأسر…</translation>
    </message>
    <message numerus="yes">
        <source>%n household(s) exported to %1.</source>
        <translation>
            <numerusform>تم تصدير %n أسرة إلى %1.</numerusform>
            <numerusform>تم تصدير أسرة واحدة إلى %1.</numerusform>
            <numerusform>تم تصدير أسرتين إلى %1.</numerusform>
            <numerusform>تم تصدير %n أسر إلى %1.</numerusform>
            <numerusform>تم تصدير %n أسرة إلى %1.</numerusform>
            <numerusform>تم تصدير %n أسرة إلى %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>محو</translation>
    </message>
</context>
<context>
    <name>ItemsEditor</name>
    <message>
        <source>Items and entitlement rules</source>
        <translation>المواد وقواعد الاستحقاق</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>المواد</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>الرمز</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>التسمية</translation>
    </message>
    <message>
        <source>Arabic label</source>
        <translation>التسمية بالعربية</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>الكمية</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>القاعدة</translation>
    </message>
    <message>
        <source>Only for</source>
        <translation>خاص بـ</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>المخزون</translation>
    </message>
    <message>
        <source>&amp;Code</source>
        <translation>الرم&amp;ز</translation>
    </message>
    <message>
        <source>&amp;Quantity</source>
        <translation>الك&amp;مية</translation>
    </message>
    <message>
        <source>&amp;Label</source>
        <translation>ا&amp;لتسمية</translation>
    </message>
    <message>
        <source>&amp;Arabic label</source>
        <translation>التسمية بالع&amp;ربية</translation>
    </message>
    <message>
        <source>&amp;Rule</source>
        <translation>ال&amp;قاعدة</translation>
    </message>
    <message>
        <source>Size &amp;bands</source>
        <translation>&amp;شرائح حجم الأسرة</translation>
    </message>
    <message>
        <source>&amp;Only for</source>
        <translation>خا&amp;ص بـ</translation>
    </message>
    <message>
        <source>Stoc&amp;k</source>
        <translation>المخز&amp;ون</translation>
    </message>
    <message>
        <source>every household</source>
        <translation>جميع الأسر</translation>
    </message>
    <message>
        <source>not counted</source>
        <translation>غير محسوب</translation>
    </message>
    <message>
        <source>A&amp;dd item</source>
        <translation>إ&amp;ضافة مادة</translation>
    </message>
    <message>
        <source>Remove ite&amp;m</source>
        <translation>ح&amp;ذف المادة</translation>
    </message>
    <message>
        <source>per household</source>
        <translation>لكل أسرة</translation>
    </message>
    <message>
        <source>per member</source>
        <translation>لكل فرد</translation>
    </message>
    <message>
        <source>by household size</source>
        <translation>حسب عدد أفراد الأسرة</translation>
    </message>
    <message>
        <source>Item %1 needs a code and a label.</source>
        <translation>المادة %1 تحتاج إلى رمز وتسمية.</translation>
    </message>
    <message>
        <source>Item %1: the stock is a whole number.</source>
        <translation>المادة %1: يجب أن يكون المخزون عددا صحيحا.</translation>
    </message>
    <message>
        <source>Item %1: give the size bands (1-3/1,4-6/2,7+/3).</source>
        <translation>المادة %1: حدد شرائح حجم الأسرة (1-3/1,4-6/2,7+/3).</translation>
    </message>
    <message>
        <source>household size/quantity, e.g. 1-3/1,4-6/2,7+/3</source>
        <translation>عدد الأفراد/الكمية، مثال: 1-3/1,4-6/2,7+/3</translation>
    </message>
    <message>
        <source>%1 people: %2</source>
        <translation>الأفراد ‪%1‬: %2</translation>
    </message>
</context>
<context>
    <name>LongTask</name>
    <message>
        <source>Progress</source>
        <translation>التقدم</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Distribution desk</source>
        <translation>مكتب التوزيع</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>الأسر</translation>
    </message>
    <message>
        <source>Sheets</source>
        <translation>أوراق التوقيع</translation>
    </message>
    <message>
        <source>Volunteers</source>
        <translation>المتطوعون</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>الأنشطة</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>المزامنة</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>الإعدادات</translation>
    </message>
    <message>
        <source>%1 · device %2</source>
        <translation>%1 · الجهاز ‪%2‬</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) not yet sent to HQ</source>
        <translation>
            <numerusform>%n تغيير في انتظار الإرسال إلى المقر الرئيسي</numerusform>
            <numerusform>تغيير واحد في انتظار الإرسال إلى المقر الرئيسي</numerusform>
            <numerusform>تغييران في انتظار الإرسال إلى المقر الرئيسي</numerusform>
            <numerusform>%n تغييرات في انتظار الإرسال إلى المقر الرئيسي</numerusform>
            <numerusform>%n تغييرا في انتظار الإرسال إلى المقر الرئيسي</numerusform>
            <numerusform>%n تغيير في انتظار الإرسال إلى المقر الرئيسي</numerusform>
        </translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>الصفحات</translation>
    </message>
</context>
<context>
    <name>MembersBox</name>
    <message>
        <source>Members besides the head of household</source>
        <translation>أفراد الأسرة الآخرون (غير رب الأسرة)</translation>
    </message>
</context>
<context>
    <name>MembersEditor</name>
    <message>
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <source>Name in Arabic</source>
        <translation>الاسم بالعربية</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>الجنس</translation>
    </message>
    <message>
        <source>Birth year</source>
        <translation>سنة الميلاد</translation>
    </message>
    <message>
        <source>Relation</source>
        <translation>القرابة</translation>
    </message>
    <message>
        <source>&amp;Add a member</source>
        <translation>إ&amp;ضافة فرد</translation>
    </message>
    <message>
        <source>Add a member</source>
        <translation>إضافة فرد</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>أنثى</translation>
    </message>
    <message>
        <source>Male</source>
        <translation>ذكر</translation>
    </message>
    <message>
        <source>Spouse</source>
        <translation>زوج(ة)</translation>
    </message>
    <message>
        <source>Child</source>
        <translation>ابن(ة)</translation>
    </message>
    <message>
        <source>Parent</source>
        <translation>أب أو أم</translation>
    </message>
    <message>
        <source>Grandchild</source>
        <translation>حفيد(ة)</translation>
    </message>
    <message>
        <source>Brother or sister</source>
        <translation>أخ أو أخت</translation>
    </message>
    <message>
        <source>Other relative</source>
        <translation>قريب آخر</translation>
    </message>
    <message>
        <source>Member %1: name</source>
        <translation>الفرد %1: الاسم</translation>
    </message>
    <message>
        <source>Member %1: name in Arabic</source>
        <translation>الفرد %1: الاسم بالعربية</translation>
    </message>
    <message>
        <source>Member %1: sex</source>
        <translation>الفرد %1: الجنس</translation>
    </message>
    <message>
        <source>Member %1: birth year</source>
        <translation>الفرد %1: سنة الميلاد</translation>
    </message>
    <message>
        <source>Member %1: relation</source>
        <translation>الفرد %1: القرابة</translation>
    </message>
    <message>
        <source>Remove member %1</source>
        <translation>حذف الفرد %1</translation>
    </message>
    <message>
        <source>e.g. 1985</source>
        <translation>مثال: 1985</translation>
    </message>
    <message>
        <source>Remove this member (Ctrl+Delete)</source>
        <translation>حذف هذا الفرد (Ctrl+Delete)</translation>
    </message>
</context>
<context>
    <name>ReceiptBanner</name>
    <message>
        <source>Receipt %1</source>
        <translation>الوصل ‪%1‬</translation>
    </message>
    <message>
        <source>%1 served</source>
        <translation>تم التسليم: %1</translation>
    </message>
</context>
<context>
    <name>ReceiptPrinter</name>
    <message>
        <source>Preparing the receipt…</source>
        <translation>جار إعداد الوصل…</translation>
    </message>
    <message>
        <source>The receipt is open: print it from the PDF viewer.</source>
        <translation>الوصل مفتوح: اطبعه من عارض PDF.</translation>
    </message>
    <message>
        <source>Printer %1 is not available.</source>
        <translation>الطابعة %1 غير متاحة.</translation>
    </message>
    <message>
        <source>No printer is installed.</source>
        <translation>لا توجد أي طابعة مثبتة.</translation>
    </message>
    <message>
        <source>The receipt was opened as a PDF instead.</source>
        <translation>تم فتح الوصل بصيغة PDF بدلا من ذلك.</translation>
    </message>
    <message>
        <source>Printing on %1…</source>
        <translation>جار الطباعة على %1…</translation>
    </message>
    <message>
        <source>Printing failed (%1). The receipt was opened as a PDF instead.</source>
        <translation>فشلت الطباعة (%1). تم فتح الوصل بصيغة PDF بدلا من ذلك.</translation>
    </message>
    <message>
        <source>Sent to printer %1.</source>
        <translation>تم الإرسال إلى الطابعة %1.</translation>
    </message>
    <message>
        <source>The receipt PDF is in %1.</source>
        <translation>ملف PDF الخاص بالوصل موجود في ‪%1‬.</translation>
    </message>
</context>
<context>
    <name>RosterModel</name>
    <message>
        <source>On site since %1</source>
        <translation>في الموقع منذ ‪%1‬</translation>
    </message>
    <message>
        <source>Left at %1</source>
        <translation>المغادرة: ‪%1‬</translation>
    </message>
    <message>
        <source>Not checked in</source>
        <translation>الحضور غير مسجل</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <source>Name in Arabic</source>
        <translation>الاسم بالعربية</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>الهاتف</translation>
    </message>
    <message>
        <source>At this event</source>
        <translation>في هذا النشاط</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>الساعات</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>الإعدادات</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>ال&amp;لغة</translation>
    </message>
    <message>
        <source>&amp;Association name</source>
        <translation>اسم الج&amp;معية</translation>
    </message>
    <message>
        <source>&amp;Your name (on receipts)</source>
        <translation>اسم&amp;ك (على الوصولات)</translation>
    </message>
    <message>
        <source>&amp;Receipt format</source>
        <translation>&amp;صيغة الوصل</translation>
    </message>
    <message>
        <source>&amp;Printer</source>
        <translation>ال&amp;طابعة</translation>
    </message>
    <message>
        <source>Print receipts &amp;directly</source>
        <translation>طباعة الوصولات مبا&amp;شرة</translation>
    </message>
    <message>
        <source>Association &amp;logo</source>
        <translation>&amp;شعار الجمعية</translation>
    </message>
    <message>
        <source>&amp;HQ address</source>
        <translation>عنوان المق&amp;ر الرئيسي</translation>
    </message>
    <message>
        <source>A6 (postcard)</source>
        <translation>A6 (بطاقة بريدية)</translation>
    </message>
    <message>
        <source>80 mm roll (thermal printer)</source>
        <translation>لفافة 80 مم (طابعة حرارية)</translation>
    </message>
    <message>
        <source>A4, two copies (family and association)</source>
        <translation>A4، نسختان (الأسرة والجمعية)</translation>
    </message>
    <message>
        <source>Default printer</source>
        <translation>الطابعة الافتراضية</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>اختيار…</translation>
    </message>
    <message>
        <source>Choose the logo file</source>
        <translation>اختيار ملف الشعار</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;حفظ</translation>
    </message>
    <message>
        <source>Save settings</source>
        <translation>حفظ الإعدادات</translation>
    </message>
    <message>
        <source>Association logo</source>
        <translation>شعار الجمعية</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg)</source>
        <translation>صور (*.png *.jpg)</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>تم حفظ الإعدادات.</translation>
    </message>
</context>
<context>
    <name>SetupDialog</name>
    <message>
        <source>Welcome to fieldapp</source>
        <translation>مرحبا بك في fieldapp</translation>
    </message>
    <message>
        <source>Set this laptop up once. Everything works without a network; HQ is optional.</source>
        <translation>قم بإعداد هذا الحاسوب مرة واحدة فقط. كل شيء يعمل بدون شبكة، والربط بالمقر الرئيسي اختياري.</translation>
    </message>
    <message>
        <source>&amp;Association name</source>
        <translation>اسم الج&amp;معية</translation>
    </message>
    <message>
        <source>&amp;Device code (starts every receipt number)</source>
        <translation>رم&amp;ز الجهاز (يبدأ به كل رقم وصل)</translation>
    </message>
    <message>
        <source>&amp;Your name</source>
        <translation>اسم&amp;ك</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>ال&amp;لغة</translation>
    </message>
    <message>
        <source>&amp;HQ address (optional)</source>
        <translation>عنوان الم&amp;قر الرئيسي (اختياري)</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>ابد&amp;أ</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>ابدأ</translation>
    </message>
    <message>
        <source>&amp;Try with demo data</source>
        <translation>تج&amp;ربة مع بيانات تجريبية</translation>
    </message>
    <message>
        <source>Try with demo data</source>
        <translation>تجربة مع بيانات تجريبية</translation>
    </message>
    <message>
        <source>Preparing the demo data…</source>
        <translation>جارٍ إعداد البيانات التجريبية…</translation>
    </message>
</context>
<context>
    <name>SheetsPage</name>
    <message>
        <source>Sheets</source>
        <translation>أوراق التوقيع</translation>
    </message>
    <message>
        <source>&amp;Event</source>
        <translation>النشا&amp;ط</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>النشاط</translation>
    </message>
    <message>
        <source>Sign-off sheet</source>
        <translation>ورقة التوقيع</translation>
    </message>
    <message>
        <source>&amp;Order</source>
        <translation>&amp;الترتيب</translation>
    </message>
    <message>
        <source>Order of the rows</source>
        <translation>ترتيب الأسطر</translation>
    </message>
    <message>
        <source>by name</source>
        <translation>حسب الاسم</translation>
    </message>
    <message>
        <source>by douar, then name</source>
        <translation>حسب الدوار ثم الاسم</translation>
    </message>
    <message>
        <source>Reconcile a signed sheet</source>
        <translation>مطابقة ورقة موقعة</translation>
    </message>
    <message>
        <source>&amp;Scan the code of each signed row</source>
        <translation>امسح &amp;رمز كل سطر تم توقيعه</translation>
    </message>
    <message>
        <source>Scanned code</source>
        <translation>الرمز الممسوح</translation>
    </message>
    <message>
        <source>Scanned codes</source>
        <translation>الرموز الممسوحة</translation>
    </message>
    <message>
        <source>…or &amp;tick the signed rows</source>
        <translation>…أو ضع &amp;علامة على الأسطر التي تم توقيعها</translation>
    </message>
    <message>
        <source>Find a row</source>
        <translation>البحث عن سطر</translation>
    </message>
    <message>
        <source>Find a name or a douar</source>
        <translation>ابحث عن اسم أو دوار</translation>
    </message>
    <message>
        <source>Households expected at the event</source>
        <translation>الأسر المعنية بهذا النشاط</translation>
    </message>
    <message>
        <source>Reconciliation result</source>
        <translation>نتيجة المطابقة</translation>
    </message>
    <message>
        <source>&amp;Print the sign-off sheet…</source>
        <translation>طباعة &amp;ورقة التوقيع…</translation>
    </message>
    <message>
        <source>Remove the chosen &amp;code</source>
        <translation>&amp;حذف الرمز المختار</translation>
    </message>
    <message>
        <source>&amp;Reconcile</source>
        <translation>&amp;مطابقة</translation>
    </message>
    <message>
        <source>served: %1</source>
        <translation>سبق التسليم: ‪%1‬</translation>
    </message>
    <message>
        <source>sign-off</source>
        <translation>ورقة-التوقيع</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>ملفات PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Writing the sign-off sheet…</source>
        <translation>جار إنشاء ورقة التوقيع…</translation>
    </message>
    <message numerus="yes">
        <source>Sign-off sheet written: %1 (%2 rows, %n page(s)).</source>
        <translation>
            <numerusform>تمت كتابة ورقة التوقيع: ‪%1‬ (%2 سطر، %n صفحة).</numerusform>
            <numerusform>تمت كتابة ورقة التوقيع: ‪%1‬ (%2 سطر، صفحة واحدة).</numerusform>
            <numerusform>تمت كتابة ورقة التوقيع: ‪%1‬ (%2 سطر، صفحتان).</numerusform>
            <numerusform>تمت كتابة ورقة التوقيع: ‪%1‬ (%2 سطر، %n صفحات).</numerusform>
            <numerusform>تمت كتابة ورقة التوقيع: ‪%1‬ (%2 سطر، %n صفحة).</numerusform>
            <numerusform>تمت كتابة ورقة التوقيع: ‪%1‬ (%2 سطر، %n صفحة).</numerusform>
        </translation>
    </message>
    <message>
        <source>Open</source>
        <translation>فتح</translation>
    </message>
    <message>
        <source>This code was already scanned.</source>
        <translation>سبق مسح هذا الرمز.</translation>
    </message>
    <message>
        <source>%1 scanned, %2 ticked</source>
        <translation>رموز ممسوحة: %1، أسطر مؤشر عليها: %2</translation>
    </message>
    <message>
        <source>Recording…</source>
        <translation>جار التسجيل…</translation>
    </message>
    <message>
        <source>%1 served, %2 already served, %3 rejected.</source>
        <translation>%1 تم تسليمها، %2 سبق تسليمها، %3 مرفوضة.</translation>
    </message>
    <message>
        <source>Served: %1 (receipt %2)</source>
        <translation>تم التسليم: %1 (الوصل ‪%2‬)</translation>
    </message>
    <message>
        <source>Already served: %1 (receipt %2)</source>
        <translation>سبق التسليم: %1 (الوصل ‪%2‬)</translation>
    </message>
    <message>
        <source>Rejected: %1 — %2</source>
        <translation>مرفوض: %1 — %2</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>Sync</source>
        <translation>المزامنة</translation>
    </message>
    <message>
        <source>Send to HQ now</source>
        <translation>الإرسال إلى المقر الرئيسي الآن</translation>
    </message>
    <message>
        <source>Sending to HQ is not available in this version yet: nothing is lost, every change waits here.</source>
        <translation>الإرسال إلى المقر الرئيسي غير متاح بعد في هذا الإصدار: لن يضيع أي شيء، فكل تغيير ينتظر هنا.</translation>
    </message>
    <message>
        <source>Changes not yet sent</source>
        <translation>التغييرات التي لم ترسل بعد</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>رقم</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>السجل</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>التغيير</translation>
    </message>
    <message>
        <source>When</source>
        <translation>التاريخ</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>التفاصيل</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>الأسرة</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>الفرد</translation>
    </message>
    <message>
        <source>Volunteer</source>
        <translation>المتطوع</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>النشاط</translation>
    </message>
    <message>
        <source>Event item</source>
        <translation>مادة النشاط</translation>
    </message>
    <message>
        <source>Distribution</source>
        <translation>التوزيع</translation>
    </message>
    <message>
        <source>Void</source>
        <translation>إلغاء وصل</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>الحضور</translation>
    </message>
    <message>
        <source>new</source>
        <translation>إضافة</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>تعديل</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>حذف</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) not yet sent to HQ</source>
        <translation>
            <numerusform>%n تغيير في انتظار الإرسال إلى المقر الرئيسي</numerusform>
            <numerusform>تغيير واحد في انتظار الإرسال إلى المقر الرئيسي</numerusform>
            <numerusform>تغييران في انتظار الإرسال إلى المقر الرئيسي</numerusform>
            <numerusform>%n تغييرات في انتظار الإرسال إلى المقر الرئيسي</numerusform>
            <numerusform>%n تغييرا في انتظار الإرسال إلى المقر الرئيسي</numerusform>
            <numerusform>%n تغيير في انتظار الإرسال إلى المقر الرئيسي</numerusform>
        </translation>
    </message>
    <message>
        <source>HQ address: %1</source>
        <translation>عنوان المقر الرئيسي: ‪%1‬</translation>
    </message>
    <message>
        <source>No HQ address set (Settings). The app works fully without one.</source>
        <translation>لم يحدد أي عنوان للمقر الرئيسي (الإعدادات). يعمل التطبيق بشكل كامل بدونه.</translation>
    </message>
</context>
<context>
    <name>VolunteersPage</name>
    <message>
        <source>Volunteers</source>
        <translation>المتطوعون</translation>
    </message>
    <message>
        <source>&amp;Event</source>
        <translation>النشا&amp;ط</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>النشاط</translation>
    </message>
    <message>
        <source>New volunteer</source>
        <translation>متطوع جديد</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;الاسم</translation>
    </message>
    <message>
        <source>Name in &amp;Arabic</source>
        <translation>الاسم بالع&amp;ربية</translation>
    </message>
    <message>
        <source>&amp;Phone</source>
        <translation>ال&amp;هاتف</translation>
    </message>
    <message>
        <source>Check &amp;in</source>
        <translation>تسجيل ال&amp;حضور</translation>
    </message>
    <message>
        <source>Check &amp;out</source>
        <translation>تسجيل ال&amp;خروج</translation>
    </message>
    <message>
        <source>A&amp;dd volunteer</source>
        <translation>إ&amp;ضافة المتطوع</translation>
    </message>
    <message>
        <source>Print the attendance &amp;sheet…</source>
        <translation>طباعة &amp;ورقة الحضور…</translation>
    </message>
    <message numerus="yes">
        <source>%n volunteer(s) on site</source>
        <translation>
            <numerusform>%n متطوع في الموقع</numerusform>
            <numerusform>متطوع واحد في الموقع</numerusform>
            <numerusform>متطوعان في الموقع</numerusform>
            <numerusform>%n متطوعين في الموقع</numerusform>
            <numerusform>%n متطوعا في الموقع</numerusform>
            <numerusform>%n متطوع في الموقع</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 checked in at %2.</source>
        <translation>%1: تم تسجيل الحضور على الساعة ‪%2‬.</translation>
    </message>
    <message>
        <source>%1 checked out at %2.</source>
        <translation>%1: تم تسجيل الخروج على الساعة ‪%2‬.</translation>
    </message>
    <message>
        <source>%1 added.</source>
        <translation>تمت إضافة %1.</translation>
    </message>
    <message>
        <source>attendance</source>
        <translation>ورقة-الحضور</translation>
    </message>
    <message>
        <source>Attendance sheet</source>
        <translation>ورقة الحضور</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>ملفات PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Writing the attendance sheet…</source>
        <translation>جار إنشاء ورقة الحضور…</translation>
    </message>
    <message numerus="yes">
        <source>Attendance sheet written: %1 (%n page(s)).</source>
        <translation>
            <numerusform>تمت كتابة ورقة الحضور: ‪%1‬ (%n صفحة).</numerusform>
            <numerusform>تمت كتابة ورقة الحضور: ‪%1‬ (صفحة واحدة).</numerusform>
            <numerusform>تمت كتابة ورقة الحضور: ‪%1‬ (صفحتان).</numerusform>
            <numerusform>تمت كتابة ورقة الحضور: ‪%1‬ (%n صفحات).</numerusform>
            <numerusform>تمت كتابة ورقة الحضور: ‪%1‬ (%n صفحة).</numerusform>
            <numerusform>تمت كتابة ورقة الحضور: ‪%1‬ (%n صفحة).</numerusform>
        </translation>
    </message>
    <message>
        <source>Open</source>
        <translation>فتح</translation>
    </message>
</context>
</TS>
