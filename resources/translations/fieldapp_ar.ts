<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar">
<context>
    <name>AccountButton</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Logged in as %1</source>
        <translation>متصل باسم %1</translation>
    </message>
    <message>
        <source>Change my password…</source>
        <translation>تغيير كلمة المرور الخاصة بي…</translation>
    </message>
    <message>
        <source>Lock now</source>
        <translation>القفل الآن</translation>
    </message>
</context>
<context>
    <name>AutomaticBackup</name>
    <message>
        <source>Backup made in the data folder; the second backup folder %1 was not there (USB stick?).</source>
        <translation>أُنجزت النسخة الاحتياطية في مجلد البيانات؛ مجلد النسخ الثاني %1 غير موجود (مفتاح USB؟).</translation>
    </message>
    <message>
        <source>The automatic backup could not be made: %1</source>
        <translation>تعذر إنجاز النسخة الاحتياطية التلقائية: %1</translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <source>&lt; %1</source>
        <translation>أقل من %1</translation>
    </message>
</context>
<context>
    <name>CardPrinting</name>
    <message>
        <source>Cards…</source>
        <translation>البطاقات…</translation>
    </message>
    <message>
        <source>Household cards</source>
        <translation>بطاقات الأسر</translation>
    </message>
    <message>
        <source>Print household cards with a QR code the desk scans (10 per A4 page)</source>
        <translation>طبع بطاقات الأسر برمز QR يقرؤه مكتب التوزيع (10 بطاقات في كل صفحة A4)</translation>
    </message>
    <message>
        <source>Cards for every household not yet carded</source>
        <translation>بطاقات كل الأسر التي لم تحصل على بطاقة بعد</translation>
    </message>
    <message numerus="yes">
        <source>Cards for the %n selected household(s)</source>
        <translation>
            <numerusform>بطاقات الأسر المحددة (%n)</numerusform>
            <numerusform>بطاقة الأسرة المحددة</numerusform>
            <numerusform>بطاقتا الأسرتين المحددتين</numerusform>
            <numerusform>بطاقات الأسر المحددة (%n)</numerusform>
            <numerusform>بطاقات الأسر المحددة (%n)</numerusform>
            <numerusform>بطاقات الأسر المحددة (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cards for the %n household(s) not yet carded</source>
        <translation>
            <numerusform>لا توجد أسرة بدون بطاقة</numerusform>
            <numerusform>بطاقة الأسرة الوحيدة التي لم تحصل عليها بعد</numerusform>
            <numerusform>بطاقتا الأسرتين اللتين لم تحصلا عليها بعد</numerusform>
            <numerusform>بطاقات %n أسر لم تحصل عليها بعد</numerusform>
            <numerusform>بطاقات %n أسرة لم تحصل عليها بعد</numerusform>
            <numerusform>بطاقات %n أسرة لم تحصل عليها بعد</numerusform>
        </translation>
    </message>
    <message>
        <source>household-cards</source>
        <translation>بطاقات-الأسر</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>ملفات PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Writing the cards…</source>
        <translation>جارٍ إنشاء البطاقات…</translation>
    </message>
    <message numerus="yes">
        <source>%n card(s) written to %1.</source>
        <translation>
            <numerusform>لم تُكتب أي بطاقة في %1.</numerusform>
            <numerusform>تمت كتابة بطاقة واحدة في %1.</numerusform>
            <numerusform>تمت كتابة بطاقتين في %1.</numerusform>
            <numerusform>تمت كتابة %n بطاقات في %1.</numerusform>
            <numerusform>تمت كتابة %n بطاقة في %1.</numerusform>
            <numerusform>تمت كتابة %n بطاقة في %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Open</source>
        <translation>فتح</translation>
    </message>
</context>
<context>
    <name>ConflictsModel</name>
    <message>
        <source>Household / member</source>
        <translation>الأسرة / الفرد</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>الحقل</translation>
    </message>
    <message>
        <source>Value kept</source>
        <translation>القيمة المحتفظ بها</translation>
    </message>
    <message>
        <source>Laptop, time</source>
        <translation>الحاسوب، الوقت</translation>
    </message>
    <message>
        <source>Other value</source>
        <translation>القيمة الأخرى</translation>
    </message>
    <message>
        <source>%1 — %2: “%3” is kept (laptop %4); “%5” came from laptop %6.</source>
        <translation>%1 — %2: تم الاحتفاظ بـ«%3» (الحاسوب %4)؛ أما «%5» فجاءت من الحاسوب %6.</translation>
    </message>
</context>
<context>
    <name>ConflictsPanel</name>
    <message>
        <source>Conflicts</source>
        <translation>التعارضات</translation>
    </message>
    <message>
        <source>&amp;Keep the current value</source>
        <translation>الإ&amp;بقاء على القيمة الحالية</translation>
    </message>
    <message>
        <source>Keep the current value</source>
        <translation>الإبقاء على القيمة الحالية</translation>
    </message>
    <message>
        <source>&amp;Take the other value</source>
        <translation>ا&amp;عتماد القيمة الأخرى</translation>
    </message>
    <message>
        <source>Take the other value</source>
        <translation>اعتماد القيمة الأخرى</translation>
    </message>
    <message>
        <source>No conflict: every field has one value on every laptop.</source>
        <translation>لا يوجد أي تعارض: لكل حقل القيمة نفسها على جميع الحواسيب.</translation>
    </message>
    <message>
        <source>Settled. The choice is sent to HQ with the next sync.</source>
        <translation>تمت التسوية. سيرسل الاختيار إلى المقر الرئيسي مع المزامنة القادمة.</translation>
    </message>
</context>
<context>
    <name>ConsentChoice</name>
    <message>
        <source>Consent (law 09-08)</source>
        <translation>الموافقة (القانون 09-08)</translation>
    </message>
    <message>
        <source>The head of household agrees to be registered</source>
        <translation>يوافق رب الأسرة على تسجيله</translation>
    </message>
    <message>
        <source>Not yet: consent to be collected</source>
        <translation>ليس بعد: يجب الحصول على الموافقة</translation>
    </message>
    <message>
        <source>Consent given</source>
        <translation>تمت الموافقة</translation>
    </message>
    <message>
        <source>Consent not yet collected</source>
        <translation>لم يتم الحصول على الموافقة بعد</translation>
    </message>
</context>
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
        <translation>البطاقة الوطنية ‪%1‬</translation>
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
        <source>&amp;Event:</source>
        <extracomment>the path of each receipt PDF written (printed, or opened in the viewer): tests and the status bar listen</extracomment>
        <translation>النشا&amp;ط:</translation>
    </message>
    <message>
        <source>Event of the day</source>
        <translation>نشاط اليوم</translation>
    </message>
    <message>
        <source>Re&amp;print a receipt…</source>
        <translation>إعادة &amp;طبع وصل…</translation>
    </message>
    <message>
        <source>Reprint a receipt</source>
        <translation>إعادة طبع وصل</translation>
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
        <translation>البطاقة الوطنية</translation>
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
    <name>EnrollForm</name>
    <message>
        <source>Join HQ</source>
        <translation>الانضمام إلى المقر الرئيسي</translation>
    </message>
    <message>
        <source>To send your changes to HQ and receive the other laptops&apos; changes, type HQ&apos;s address and the one-time enrollment code HQ gave you. The app works fully without HQ.</source>
        <translation>لإرسال تغييراتك إلى المقر الرئيسي واستلام تغييرات الحواسيب الأخرى، اكتب عنوان المقر الرئيسي ورمز التسجيل (صالح لمرة واحدة) الذي أعطاك إياه. يعمل التطبيق بشكل كامل بدون المقر الرئيسي.</translation>
    </message>
    <message>
        <source>HQ &amp;address</source>
        <translation>&amp;عنوان المقر الرئيسي</translation>
    </message>
    <message>
        <source>Enrollment &amp;code</source>
        <translation>&amp;رمز التسجيل</translation>
    </message>
    <message>
        <source>HQ address</source>
        <translation>عنوان المقر الرئيسي</translation>
    </message>
    <message>
        <source>Enrollment code</source>
        <translation>رمز التسجيل</translation>
    </message>
    <message>
        <source>&amp;Join HQ</source>
        <translation>الان&amp;ضمام إلى المقر الرئيسي</translation>
    </message>
    <message>
        <source>Type HQ&apos;s address and the enrollment code.</source>
        <translation>اكتب عنوان المقر الرئيسي ورمز التسجيل.</translation>
    </message>
    <message>
        <source>Contacting HQ…</source>
        <translation>جار الاتصال بالمقر الرئيسي…</translation>
    </message>
    <message>
        <source>This laptop has joined HQ. First sync…</source>
        <translation>انضم هذا الحاسوب إلى المقر الرئيسي. المزامنة الأولى جارية…</translation>
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
    <name>FileStep</name>
    <message>
        <source>Choose the households list to import: a CSV file or an Excel workbook (.xlsx, .xls). Nothing is written before you have seen the report of every row.</source>
        <translation>اختر لائحة الأسر المراد استيرادها: ملف CSV أو مصنف Excel ‏(xlsx أو xls). لا يُسجَّل أي شيء قبل أن تطّلع على تقرير كل سطر.</translation>
    </message>
    <message>
        <source>No file chosen</source>
        <translation>لم يتم اختيار أي ملف</translation>
    </message>
    <message>
        <source>File to import</source>
        <translation>الملف المراد استيراده</translation>
    </message>
    <message>
        <source>Choose a file…</source>
        <translation>اختيار ملف…</translation>
    </message>
    <message>
        <source>Choose the file to import</source>
        <translation>اختيار الملف المراد استيراده</translation>
    </message>
    <message>
        <source>&amp;Sheet:</source>
        <translation>ال&amp;ورقة:</translation>
    </message>
    <message>
        <source>Sheet of the workbook holding the list</source>
        <translation>ورقة المصنف التي تحتوي على اللائحة</translation>
    </message>
    <message>
        <source>No list yet, or a list hard to read? Start from the template: one column per field, headers in French and Arabic, and an instructions sheet.</source>
        <translation>لا توجد لائحة بعد، أو لائحة يصعب قراءتها؟ انطلق من النموذج: عمود لكل خانة، وعناوين بالفرنسية والعربية، وورقة تعليمات.</translation>
    </message>
    <message>
        <source>Download the template…</source>
        <translation>تحميل النموذج…</translation>
    </message>
    <message>
        <source>Save the template of a households list</source>
        <translation>حفظ نموذج لائحة الأسر</translation>
    </message>
    <message numerus="yes">
        <source>Headers found on row %1; %n row(s) of data.</source>
        <translation>
            <numerusform>العناوين في السطر %1؛ لا توجد أسطر بيانات.</numerusform>
            <numerusform>العناوين في السطر %1؛ سطر بيانات واحد.</numerusform>
            <numerusform>العناوين في السطر %1؛ سطرا بيانات.</numerusform>
            <numerusform>العناوين في السطر %1؛ %n أسطر بيانات.</numerusform>
            <numerusform>العناوين في السطر %1؛ %n سطرًا من البيانات.</numerusform>
            <numerusform>العناوين في السطر %1؛ %n سطر من البيانات.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HandoutsModel</name>
    <message>
        <source>Receipt</source>
        <translation>الوصل</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>الأسرة</translation>
    </message>
    <message>
        <source>State</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>When</source>
        <translation>متى</translation>
    </message>
    <message>
        <source>Cancelled: %1</source>
        <translation>ملغى: %1</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <source>History of %1</source>
        <translation>سجل %1</translation>
    </message>
    <message>
        <source>&amp;Reprint the receipt</source>
        <translation>إعادة &amp;طبع الوصل</translation>
    </message>
    <message>
        <source>Reprint the receipt of the chosen entry</source>
        <translation>إعادة طبع وصل السطر المختار</translation>
    </message>
    <message>
        <source>Nothing recorded yet for this family.</source>
        <translation>لا شيء مسجل بعد لهذه الأسرة.</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>Registered</source>
        <translation>سُجلت</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>عُدلت</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>حُذفت</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>استُوردت</translation>
    </message>
    <message>
        <source>Its data given on request</source>
        <translation>سُلمت بياناتها بطلب منها</translation>
    </message>
    <message>
        <source>Household card printed</source>
        <translation>طُبعت بطاقة الأسرة</translation>
    </message>
    <message>
        <source>Served</source>
        <translation>صُرف لها</translation>
    </message>
    <message>
        <source>Receipt voided</source>
        <translation>أُلغي الوصل</translation>
    </message>
    <message>
        <source>Receipt reprinted</source>
        <translation>أعيد طبع الوصل</translation>
    </message>
    <message>
        <source>When</source>
        <translation>متى</translation>
    </message>
    <message>
        <source>User</source>
        <translation>المستخدم</translation>
    </message>
    <message>
        <source>At the desk</source>
        <translation>في الشباك</translation>
    </message>
    <message>
        <source>What</source>
        <translation>ماذا</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>التفاصيل</translation>
    </message>
</context>
<context>
    <name>HouseholdForm</name>
    <message>
        <source>&amp;History…</source>
        <translation>ال&amp;سجل…</translation>
    </message>
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
        <translation>رقم البطاقة الوطنية</translation>
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
        <source>Save the households the list shows (search and filters) to an Excel, CSV or JSON file</source>
        <translation>حفظ الأسر التي تعرضها اللائحة (البحث والتصفية) في ملف Excel أو CSV أو JSON</translation>
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
        <source>Without consent</source>
        <translation>بدون موافقة</translation>
    </message>
    <message>
        <source>Only households whose consent is still to be collected</source>
        <translation>الأسر التي لم يتم الحصول على موافقتها بعد فقط</translation>
    </message>
    <message>
        <source>Families registered without consent: to be collected</source>
        <translation>أسر مسجلة بدون موافقة: يجب الحصول عليها</translation>
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
        <source>Excel (*.xlsx);;CSV for Excel (*.csv);;JSON (*.json)</source>
        <translation>Excel (*.xlsx);;CSV لبرنامج Excel (*.csv);;JSON (*.json)</translation>
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
    <name>ImportEntry</name>
    <message>
        <source>Import a list…</source>
        <translation>استيراد لائحة…</translation>
    </message>
    <message>
        <source>Import a households list</source>
        <translation>استيراد لائحة الأسر</translation>
    </message>
    <message>
        <source>Households from an Excel (.xlsx, .xls) or CSV file, checked row by row</source>
        <translation>أسر من ملف Excel ‏(xlsx أو xls) أو CSV، يُتحقَّق منها سطرًا سطرًا</translation>
    </message>
</context>
<context>
    <name>ImportProblems</name>
    <message>
        <source>Row</source>
        <translation>السطر</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>العمود</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>القيمة</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>النوع</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>المشكلة</translation>
    </message>
</context>
<context>
    <name>ImportStep</name>
    <message>
        <source>Progress of the import</source>
        <translation>تقدّم الاستيراد</translation>
    </message>
    <message>
        <source>Rows not imported and warnings</source>
        <translation>الأسطر غير المستوردة والتنبيهات</translation>
    </message>
    <message>
        <source>Importing the households… Cancel stops between two batches of households.</source>
        <translation>جارٍ استيراد الأسر… زر «إلغاء» يوقف الاستيراد بين دفعتين من الأسر.</translation>
    </message>
    <message>
        <source>Import stopped (Cancel).</source>
        <translation>توقّف الاستيراد (إلغاء).</translation>
    </message>
    <message>
        <source>Import finished.</source>
        <translation>انتهى الاستيراد.</translation>
    </message>
    <message numerus="yes">
        <source>%n household(s) created.</source>
        <translation>
            <numerusform>لم تُنشأ أي أسرة.</numerusform>
            <numerusform>أُنشئت أسرة واحدة.</numerusform>
            <numerusform>أُنشئت أسرتان.</numerusform>
            <numerusform>أُنشئت %n أسر.</numerusform>
            <numerusform>أُنشئت %n أسرة.</numerusform>
            <numerusform>أُنشئت %n أسرة.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n household(s) updated.</source>
        <translation>
            <numerusform>لم تُحدَّث أي أسرة.</numerusform>
            <numerusform>حُدِّثت أسرة واحدة.</numerusform>
            <numerusform>حُدِّثت أسرتان.</numerusform>
            <numerusform>حُدِّثت %n أسر.</numerusform>
            <numerusform>حُدِّثت %n أسرة.</numerusform>
            <numerusform>حُدِّثت %n أسرة.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unchanged.</source>
        <translation>
            <numerusform>لا شيء دون تغيير.</numerusform>
            <numerusform>واحدة دون تغيير.</numerusform>
            <numerusform>اثنتان دون تغيير.</numerusform>
            <numerusform>%n دون تغيير.</numerusform>
            <numerusform>%n دون تغيير.</numerusform>
            <numerusform>%n دون تغيير.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s): listed below.</source>
        <translation>
            <numerusform>لا توجد تنبيهات.</numerusform>
            <numerusform>تنبيه واحد: انظر القائمة أدناه.</numerusform>
            <numerusform>تنبيهان: انظر القائمة أدناه.</numerusform>
            <numerusform>%n تنبيهات: انظر القائمة أدناه.</numerusform>
            <numerusform>%n تنبيهًا: انظر القائمة أدناه.</numerusform>
            <numerusform>%n تنبيه: انظر القائمة أدناه.</numerusform>
        </translation>
    </message>
    <message>
        <source>The rows after those were not imported.</source>
        <translation>الأسطر التالية لم تُستورَد.</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) were NOT imported. Save them with “Save rejected rows…”: each comes with the reason, its faulty cells in red; correct them and import that file.</source>
        <translation>
            <numerusform>لم يُرفض أي سطر.</numerusform>
            <numerusform>سطر واحد لم يُستورَد. احفظه بزر «حفظ الأسطر المرفوضة…»: يأتي مع سبب الرفض وخلاياه الخاطئة بالأحمر؛ صحّحه ثم استورد ذلك الملف.</numerusform>
            <numerusform>سطران لم يُستورَدا. احفظهما بزر «حفظ الأسطر المرفوضة…»: يأتي كل منهما مع سبب الرفض وخلاياه الخاطئة بالأحمر؛ صحّحهما ثم استورد ذلك الملف.</numerusform>
            <numerusform>%n أسطر لم تُستورَد. احفظها بزر «حفظ الأسطر المرفوضة…»: يأتي كل منها مع سبب الرفض وخلاياه الخاطئة بالأحمر؛ صحّحها ثم استورد ذلك الملف.</numerusform>
            <numerusform>%n سطرًا لم تُستورَد. احفظها بزر «حفظ الأسطر المرفوضة…»: يأتي كل منها مع سبب الرفض وخلاياه الخاطئة بالأحمر؛ صحّحها ثم استورد ذلك الملف.</numerusform>
            <numerusform>%n سطر لم تُستورَد. احفظها بزر «حفظ الأسطر المرفوضة…»: يأتي كل منها مع سبب الرفض وخلاياه الخاطئة بالأحمر؛ صحّحها ثم استورد ذلك الملف.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>Import a households list</source>
        <translation>استيراد لائحة الأسر</translation>
    </message>
    <message>
        <source>Save rejected rows…</source>
        <translation>حفظ الأسطر المرفوضة…</translation>
    </message>
    <message>
        <source>The rows not imported, with the reason, to correct and import</source>
        <translation>الأسطر غير المستوردة مع سبب الرفض، لتصحيحها ثم استيرادها</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>رجوع</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>التقدم</translation>
    </message>
    <message>
        <source>1. The file</source>
        <translation>1. الملف</translation>
    </message>
    <message>
        <source>2. The columns</source>
        <translation>2. الأعمدة</translation>
    </message>
    <message>
        <source>3. The check</source>
        <translation>3. التقرير</translation>
    </message>
    <message>
        <source>4. The import</source>
        <translation>4. الاستيراد</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>التالي</translation>
    </message>
    <message>
        <source>Check the rows</source>
        <translation>التحقق من الأسطر</translation>
    </message>
    <message numerus="yes">
        <source>Import %n household(s)</source>
        <translation>
            <numerusform>لا توجد أسرة للاستيراد</numerusform>
            <numerusform>استيراد أسرة واحدة</numerusform>
            <numerusform>استيراد أسرتين</numerusform>
            <numerusform>استيراد %n أسر</numerusform>
            <numerusform>استيراد %n أسرة</numerusform>
            <numerusform>استيراد %n أسرة</numerusform>
        </translation>
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
        <source>Stopping…</source>
        <translation>جارٍ الإيقاف…</translation>
    </message>
    <message>
        <source>Households lists (%1)</source>
        <translation>لوائح الأسر (%1)</translation>
    </message>
    <message>
        <source>Choose the list to import</source>
        <translation>اختيار اللائحة المراد استيرادها</translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation>جارٍ قراءة الملف…</translation>
    </message>
    <message>
        <source>households-template</source>
        <translation>نموذج-الأسر</translation>
    </message>
    <message>
        <source>Save the template</source>
        <translation>حفظ النموذج</translation>
    </message>
    <message>
        <source>Excel (*.xlsx)</source>
        <translation>ملفات Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>Template saved in %1. Fill it in (one household per row), then choose it here.</source>
        <translation>حُفظ النموذج في %1. املأه (أسرة في كل سطر)، ثم اختره هنا.</translation>
    </message>
    <message>
        <source>Checking every row…</source>
        <translation>جارٍ التحقق من كل سطر…</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>مرفوضة</translation>
    </message>
    <message>
        <source>Save rejected rows</source>
        <translation>حفظ الأسطر المرفوضة</translation>
    </message>
    <message numerus="yes">
        <source>%n rejected row(s) saved in %1: correct the red cells, then import that file.</source>
        <translation>
            <numerusform>لم يُحفظ أي سطر مرفوض في %1.</numerusform>
            <numerusform>حُفظ سطر مرفوض واحد في %1: صحّح الخلايا الحمراء ثم استورد ذلك الملف.</numerusform>
            <numerusform>حُفظ سطران مرفوضان في %1: صحّح الخلايا الحمراء ثم استورد ذلك الملف.</numerusform>
            <numerusform>حُفظت %n أسطر مرفوضة في %1: صحّح الخلايا الحمراء ثم استورد ذلك الملف.</numerusform>
            <numerusform>حُفظ %n سطرًا مرفوضًا في %1: صحّح الخلايا الحمراء ثم استورد ذلك الملف.</numerusform>
            <numerusform>حُفظ %n سطر مرفوض في %1: صحّح الخلايا الحمراء ثم استورد ذلك الملف.</numerusform>
        </translation>
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
    <name>LeaveDemo</name>
    <message>
        <source>Leave the demo</source>
        <translation>الخروج من العرض التجريبي</translation>
    </message>
    <message>
        <source>Leave the demo and set the association up?</source>
        <translation>الخروج من العرض التجريبي وإعداد الجمعية؟</translation>
    </message>
    <message>
        <source>The demo families, servings, events, volunteers and users are discarded: they were never real. Nothing is deleted: the demo&apos;s data is moved to a demo-archive folder inside the data folder. Then the set-up of a new laptop starts: your association, this laptop&apos;s code and its first coordinator.</source>
        <translation>تُستبعد أسر العرض التجريبي وعمليات التوزيع والأنشطة والمتطوعون والمستخدمون: لم يكونوا حقيقيين قط. لا يُحذف أي شيء: تُنقل بيانات العرض التجريبي إلى مجلد demo-archive داخل مجلد البيانات. بعد ذلك يبدأ إعداد حاسوب جديد: جمعيتكم، ورمز هذا الحاسوب، وأول منسق له.</translation>
    </message>
</context>
<context>
    <name>LoginForm</name>
    <message>
        <source>Locked</source>
        <extracomment>after the screen is painted, the services load on the worker (the login waits for them there, never the window) the person chose the language here (the window then keeps it, else the association&apos;s setting is used)</extracomment>
        <translation>مقفل</translation>
    </message>
    <message>
        <source>The window locked itself after a while without use; sync and printing go on. Type your password to go on, or log in as another user.</source>
        <translation>أُقفلت النافذة بعد مدة دون استعمال؛ المزامنة والطباعة مستمرتان. اكتب كلمة المرور للمتابعة، أو ادخل باسم مستخدم آخر.</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;فتح القفل</translation>
    </message>
    <message>
        <source>Log in to open the association&apos;s data (it is encrypted on this laptop).</source>
        <translation>سجّل الدخول لفتح بيانات الجمعية (هي مشفّرة على هذا الحاسوب).</translation>
    </message>
    <message>
        <source>&amp;Log in</source>
        <translation>&amp;دخول</translation>
    </message>
    <message>
        <source>&amp;User name</source>
        <translation>اسم ال&amp;مستخدم</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>&amp;كلمة المرور</translation>
    </message>
    <message>
        <source>Lan&amp;guage</source>
        <translation>الل&amp;غة</translation>
    </message>
    <message>
        <source>Demo data (fake families): user %1, password %2</source>
        <translation>بيانات تجريبية (أسر وهمية): المستخدم %1، كلمة المرور %2</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>جارٍ التحقق…</translation>
    </message>
</context>
<context>
    <name>LoginScreen</name>
    <message>
        <source>Log in</source>
        <translation>تسجيل الدخول</translation>
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
        <extracomment>pages shown only to a role that may do this (a volunteer sees none of them; reports are an export of totals) the status bar&apos;s sync indicator and background sync (ui/sync/indicator.py) start this long after the window is usable: sync, requests and the indicator never load before the first screen</extracomment>
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
        <source>Reports</source>
        <translation>التقارير</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>الإعدادات</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>المستخدمون</translation>
    </message>
    <message>
        <source>%1 · device %2</source>
        <translation>%1 · الحاسوب ‪%2‬</translation>
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
    <message>
        <source>Demo data: leave the demo…</source>
        <translation>بيانات تجريبية: الخروج من العرض التجريبي…</translation>
    </message>
    <message>
        <source>Leave the demo and set the association up</source>
        <translation>الخروج من العرض التجريبي وإعداد الجمعية</translation>
    </message>
</context>
<context>
    <name>MappingStep</name>
    <message>
        <source>Which field does each column hold? The columns recognised are already chosen; choose “Ignore” to leave a column out. Your choices are remembered for the next list.</source>
        <translation>ما الخانة التي يحتويها كل عمود؟ الأعمدة المعروفة مختارة مسبقًا؛ اختر «تجاهل» لإهمال عمود. تُحفظ اختياراتك للائحة القادمة.</translation>
    </message>
    <message>
        <source>The first rows, under the field they go to:</source>
        <translation>الأسطر الأولى، تحت الخانة التي ستذهب إليها:</translation>
    </message>
    <message>
        <source>Preview of the first rows</source>
        <translation>معاينة الأسطر الأولى</translation>
    </message>
    <message>
        <source>(ignored)</source>
        <translation>(مُتجاهَل)</translation>
    </message>
    <message>
        <source>Field of column %1</source>
        <translation>خانة العمود %1</translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation>تجاهل</translation>
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
        <translation>صلة القرابة</translation>
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
    <name>PasswordDialog</name>
    <message>
        <source>Change my password</source>
        <translation>تغيير كلمة المرور الخاصة بي</translation>
    </message>
    <message>
        <source>Your current password first, then the new one twice.</source>
        <translation>كلمة المرور الحالية أولًا، ثم الجديدة مرتين.</translation>
    </message>
    <message>
        <source>Enable a user</source>
        <translation>إعادة تفعيل مستخدم</translation>
    </message>
    <message>
        <source>%1 will log in again with this new password.</source>
        <translation>سيدخل %1 من جديد بكلمة المرور الجديدة هذه.</translation>
    </message>
    <message>
        <source>Reset a password</source>
        <translation>إعادة تعيين كلمة مرور</translation>
    </message>
    <message>
        <source>A new password for %1. Give it to them in person.</source>
        <translation>كلمة مرور جديدة لـ %1. سلّمها له شخصيًا.</translation>
    </message>
    <message>
        <source>&amp;Current password</source>
        <translation>كلمة المرور ال&amp;حالية</translation>
    </message>
    <message>
        <source>&amp;New password</source>
        <translation>كلمة المرور ال&amp;جديدة</translation>
    </message>
    <message>
        <source>New password &amp;again</source>
        <translation>كلمة المرور الجديدة &amp;مرة أخرى</translation>
    </message>
</context>
<context>
    <name>PendingChangesModel</name>
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
        <translation>متى</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>التفاصيل</translation>
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
    <name>RecoveryKeyDialog</name>
    <message>
        <source>Recovery key</source>
        <translation>مفتاح الاسترجاع</translation>
    </message>
    <message>
        <source>Keep this recovery key on paper</source>
        <translation>احتفظ بمفتاح الاسترجاع هذا على الورق</translation>
    </message>
    <message>
        <source>The association&apos;s data is encrypted. If every coordinator forgets their password, this key (and only it, or HQ) opens it again. It is shown only now: print it or write it down, and keep it locked away, not with the laptop.</source>
        <translation>بيانات الجمعية مشفّرة. إذا نسي كل المنسقين كلمات مرورهم، فهذا المفتاح (وحده، أو المقر) يفتحها من جديد. لا يُعرض إلا الآن: اطبعه أو انسخه، واحفظه في مكان مقفل بعيدًا عن الحاسوب.</translation>
    </message>
    <message>
        <source>&amp;Print it</source>
        <translation>ا&amp;طبعه</translation>
    </message>
    <message>
        <source>Save as &amp;PDF (on a USB stick)…</source>
        <translation>حفظ بصيغة &amp;PDF (على ذاكرة USB)…</translation>
    </message>
    <message>
        <source>I have &amp;written it down or printed it</source>
        <translation>&amp;نسخته أو طبعته</translation>
    </message>
    <message>
        <source>&amp;Continue</source>
        <translation>م&amp;تابعة</translation>
    </message>
    <message>
        <source>fieldapp recovery key</source>
        <translation>مفتاح استرجاع fieldapp</translation>
    </message>
    <message>
        <source>Association: %1</source>
        <translation>الجمعية: %1</translation>
    </message>
    <message>
        <source>If every password is forgotten: fieldapp recover --recovery-key KEY --user NAME</source>
        <translation>إذا نُسيت كل كلمات المرور: fieldapp recover --recovery-key المفتاح --user الاسم</translation>
    </message>
    <message>
        <source>Save the recovery key</source>
        <translation>حفظ مفتاح الاسترجاع</translation>
    </message>
    <message>
        <source>Saved to %1. Print it, then delete the file.</source>
        <translation>حُفظ في %1. اطبعه ثم احذف الملف.</translation>
    </message>
    <message>
        <source>Sent to the printer.</source>
        <translation>أُرسل إلى الطابعة.</translation>
    </message>
</context>
<context>
    <name>ReportStep</name>
    <message>
        <source>Nothing has been written yet. This is what the import will do:</source>
        <translation>لم يُسجَّل أي شيء بعد. هذا ما سيقوم به الاستيراد:</translation>
    </message>
    <message>
        <source>Red: an error, the row will not be imported. Yellow: a warning, the row is imported; check it.</source>
        <translation>الأحمر: خطأ، لن يُستورَد السطر. الأصفر: تنبيه، يُستورَد السطر؛ تحقّق منه.</translation>
    </message>
    <message>
        <source>Problems found, row by row</source>
        <translation>المشاكل الموجودة، سطرًا سطرًا</translation>
    </message>
    <message>
        <source>To create: %1</source>
        <translation>للإنشاء: %1</translation>
    </message>
    <message>
        <source>To update: %1</source>
        <translation>للتحديث: %1</translation>
    </message>
    <message>
        <source>Unchanged: %1</source>
        <translation>دون تغيير: %1</translation>
    </message>
    <message>
        <source>Rejected (not imported): %1</source>
        <translation>مرفوضة (لن تُستورَد): %1</translation>
    </message>
    <message>
        <source>Warnings: %1</source>
        <translation>تنبيهات: %1</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>What the report covers</source>
        <extracomment>a report is being counted for what is chosen (or will be, once the person stops changing it)</extracomment>
        <translation>نطاق التقرير</translation>
    </message>
    <message>
        <source>An &amp;event</source>
        <translation>&amp;نشاط</translation>
    </message>
    <message>
        <source>A &amp;period</source>
        <translation>&amp;فترة</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>النشاط</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>&amp;من</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>إ&amp;لى</translation>
    </message>
    <message>
        <source>First day</source>
        <translation>اليوم الأول</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>اليوم الأخير</translation>
    </message>
    <message>
        <source>Save as P&amp;DF…</source>
        <translation>حفظ بصيغة P&amp;DF…</translation>
    </message>
    <message>
        <source>Save as E&amp;xcel…</source>
        <translation>حفظ بصيغة E&amp;xcel…</translation>
    </message>
    <message>
        <source>Totals</source>
        <translation>المجاميع</translation>
    </message>
    <message>
        <source>families served</source>
        <translation>الأسر المستفيدة</translation>
    </message>
    <message>
        <source>people in the families served</source>
        <translation>الأشخاص المستفيدون (أفراد هذه الأسر)</translation>
    </message>
    <message>
        <source>items handed out</source>
        <translation>المواد الموزعة</translation>
    </message>
    <message>
        <source>volunteers present</source>
        <translation>المتطوعون الحاضرون</translation>
    </message>
    <message>
        <source>volunteer hours</source>
        <translation>ساعات التطوع</translation>
    </message>
    <message>
        <source>receipts cancelled</source>
        <translation>الوصولات الملغاة</translation>
    </message>
    <message>
        <source>families served twice at the same event</source>
        <translation>أسر استفادت مرتين في النشاط نفسه</translation>
    </message>
    <message>
        <source>Families served per event</source>
        <translation>الأسر المستفيدة حسب النشاط</translation>
    </message>
    <message>
        <source>Families served per commune</source>
        <translation>الأسر المستفيدة حسب الجماعة</translation>
    </message>
    <message>
        <source>No family served in what the report covers.</source>
        <translation>لا توجد أسرة مستفيدة في نطاق التقرير.</translation>
    </message>
    <message>
        <source>The first day is after the last day.</source>
        <translation>اليوم الأول بعد اليوم الأخير.</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>جار الحساب…</translation>
    </message>
    <message>
        <source>report</source>
        <translation>تقرير</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>التقرير</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>ملفات PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Excel (*.xlsx)</source>
        <translation>ملفات Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>Writing the report as PDF…</source>
        <translation>جار كتابة التقرير بصيغة PDF…</translation>
    </message>
    <message>
        <source>Writing the report as Excel…</source>
        <translation>جار كتابة التقرير بصيغة Excel…</translation>
    </message>
    <message>
        <source>Report written: %1</source>
        <translation>تم حفظ التقرير: %1</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>فتح</translation>
    </message>
</context>
<context>
    <name>ReprintDialog</name>
    <message>
        <source>Reprint a receipt</source>
        <translation>إعادة طبع وصل</translation>
    </message>
    <message>
        <source>The last hand-outs at this event, newest first. A reprint is marked DUPLICATA with today&apos;s date: it does not count as a second hand-out.</source>
        <translation>آخر عمليات التسليم في هذا النشاط، الأحدث أولاً. يحمل الوصل المعاد طبعه عبارة «نسخة مكررة» وتاريخ اليوم: ولا يُعتبر تسليماً ثانياً.</translation>
    </message>
    <message>
        <source>Last hand-outs</source>
        <translation>آخر عمليات التسليم</translation>
    </message>
    <message>
        <source>&amp;Reprint</source>
        <translation>إعادة ال&amp;طبع</translation>
    </message>
    <message>
        <source>Reprint the chosen receipt</source>
        <translation>إعادة طبع الوصل المختار</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>إغلاق</translation>
    </message>
    <message>
        <source>Nobody has been served at this event yet.</source>
        <translation>لم يستفد أحد بعد في هذا النشاط.</translation>
    </message>
</context>
<context>
    <name>ReviewsModel</name>
    <message>
        <source>What</source>
        <translation>ماذا</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>الأسرة</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>النشاط</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>السجلات</translation>
    </message>
    <message>
        <source>Found</source>
        <translation>تاريخ الاكتشاف</translation>
    </message>
    <message>
        <source>Correct the record if needed, then settle: it is sent to HQ again.</source>
        <translation>صحّح البطاقة إن لزم، ثم سوِّ: ستُرسل إلى المقر من جديد.</translation>
    </message>
</context>
<context>
    <name>ReviewsPanel</name>
    <message>
        <source>Items to review</source>
        <translation>عناصر للمراجعة</translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation>&amp;ملاحظة</translation>
    </message>
    <message>
        <source>What was decided</source>
        <translation>ما تقرر</translation>
    </message>
    <message>
        <source>What was decided (e.g. second receipt voided, family informed)</source>
        <translation>ما تقرر (مثلا: ألغي الوصل الثاني، وأخبرت الأسرة)</translation>
    </message>
    <message>
        <source>&amp;Settle with this note</source>
        <translation>ت&amp;سوية بهذه الملاحظة</translation>
    </message>
    <message>
        <source>Settle with this note</source>
        <translation>تسوية بهذه الملاحظة</translation>
    </message>
    <message>
        <source>Nothing to review.</source>
        <translation>لا شيء للمراجعة.</translation>
    </message>
    <message>
        <source>Settled with your note.</source>
        <translation>تمت التسوية بملاحظتك.</translation>
    </message>
    <message>
        <source>Write what was decided first.</source>
        <translation>اكتب أولا ما تقرر.</translation>
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
    <message>
        <source>Deactivated</source>
        <translation>معطَّل</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>&amp;Language</source>
        <translation>ال&amp;لغة</translation>
    </message>
    <message>
        <source>&amp;Association name</source>
        <translation>اسم الج&amp;معية</translation>
    </message>
    <message>
        <source>Default &amp;commune of new households</source>
        <translation>ال&amp;جماعة الافتراضية للأسر الجديدة</translation>
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
        <source>Loc&amp;k the window after (minutes without use; 0: never)</source>
        <translation>&amp;قفل النافذة بعد (دقائق دون استعمال؛ 0: أبدًا)</translation>
    </message>
    <message>
        <source>Second &amp;backup folder (a USB stick)</source>
        <translation>مجلد ال&amp;نسخ الاحتياطي الثاني (مفتاح USB)</translation>
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
        <source>Choose the second backup folder</source>
        <translation>اختيار مجلد النسخ الاحتياطي الثاني</translation>
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
        <source>None: asked for each new household</source>
        <translation>لا شيء: تُطلب لكل أسرة جديدة</translation>
    </message>
    <message>
        <source>This laptop runs the demo data (fake families). When the association is ready to work for real, leave the demo: its data is set aside and the set-up of a new laptop starts.</source>
        <translation>يعمل هذا الحاسوب بالبيانات التجريبية (أسر وهمية). عندما تكون الجمعية مستعدة للعمل الفعلي، اخرج من العرض التجريبي: تُحفظ بياناته جانباً ويبدأ إعداد حاسوب جديد.</translation>
    </message>
    <message>
        <source>Leave the demo and set the association up…</source>
        <translation>الخروج من العرض التجريبي وإعداد الجمعية…</translation>
    </message>
    <message>
        <source>Leave the demo and set the association up</source>
        <translation>الخروج من العرض التجريبي وإعداد الجمعية</translation>
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
        <source>Second backup folder</source>
        <translation>مجلد النسخ الاحتياطي الثاني</translation>
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
        <source>This laptop&apos;s data is not protected yet. Create its first coordinator: the data will be encrypted, and only a password (or the recovery key shown next) will open it.</source>
        <translation>بيانات هذا الحاسوب غير محمية بعد. أنشئ أول منسق له: ستُشفَّر البيانات، ولن يفتحها إلا كلمة مرور (أو مفتاح الاسترجاع الذي سيُعرض بعد ذلك).</translation>
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
        <source>Default co&amp;mmune of new households (optional)</source>
        <translation>الجما&amp;عة الافتراضية للأسر الجديدة (اختياري)</translation>
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
        <source>&amp;Coordinator&apos;s user name</source>
        <translation>اسم مستخدم ال&amp;منسق</translation>
    </message>
    <message>
        <source>&amp;Password (8 characters or more)</source>
        <translation>&amp;كلمة المرور (8 أحرف أو أكثر)</translation>
    </message>
    <message>
        <source>Password a&amp;gain</source>
        <translation>كلمة المرور مرة أ&amp;خرى</translation>
    </message>
    <message>
        <source>Type a few letters of the name</source>
        <translation>اكتب بعض حروف الاسم</translation>
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
    <name>SyncIndicator</name>
    <message>
        <source>Sync</source>
        <translation>المزامنة</translation>
    </message>
    <message>
        <source>Not connected to HQ</source>
        <translation>غير مرتبط بالمقر الرئيسي</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>جارية المزامنة…</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>غير متصل</translation>
    </message>
    <message>
        <source>Sync refused</source>
        <translation>المزامنة مرفوضة</translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>لم تتم أي مزامنة بعد</translation>
    </message>
    <message>
        <source>Synced %1</source>
        <translation>تمت المزامنة %1</translation>
    </message>
    <message numerus="yes">
        <source>%n waiting</source>
        <translation>
            <numerusform>لا شيء في الانتظار</numerusform>
            <numerusform>واحد في الانتظار</numerusform>
            <numerusform>اثنان في الانتظار</numerusform>
            <numerusform>%n في الانتظار</numerusform>
            <numerusform>%n في الانتظار</numerusform>
            <numerusform>%n في الانتظار</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n to look at</source>
        <translation>
            <numerusform>لا شيء للمراجعة</numerusform>
            <numerusform>عنصر واحد للمراجعة</numerusform>
            <numerusform>عنصران للمراجعة</numerusform>
            <numerusform>%n عناصر للمراجعة</numerusform>
            <numerusform>%n عنصرا للمراجعة</numerusform>
            <numerusform>%n عنصر للمراجعة</numerusform>
        </translation>
    </message>
    <message>
        <source>Sync status: %1</source>
        <translation>حالة المزامنة: %1</translation>
    </message>
    <message>
        <source>The app works fully without HQ. Open the Sync page to join HQ.</source>
        <translation>يعمل التطبيق بشكل كامل بدون المقر الرئيسي. افتح صفحة المزامنة للانضمام إليه.</translation>
    </message>
    <message>
        <source>Open the Sync page</source>
        <translation>فتح صفحة المزامنة</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>HQ</source>
        <translation>المقر الرئيسي</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>&amp;مزامنة الآن</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>مزامنة الآن</translation>
    </message>
    <message>
        <source>Send this laptop&apos;s changes to HQ and receive the other laptops&apos; changes.</source>
        <translation>إرسال تغييرات هذا الحاسوب إلى المقر الرئيسي واستلام تغييرات الحواسيب الأخرى.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <source>Cancel the sync</source>
        <translation>إلغاء المزامنة</translation>
    </message>
    <message>
        <source>Sync progress</source>
        <translation>تقدم المزامنة</translation>
    </message>
    <message>
        <source>What sync found, and the changes not yet sent</source>
        <translation>ما وجدته المزامنة، والتغييرات التي لم ترسل بعد</translation>
    </message>
    <message>
        <source>Connected to HQ at %1 — %2, laptop %3</source>
        <translation>مرتبط بالمقر الرئيسي %1 — %2، الحاسوب %3</translation>
    </message>
    <message>
        <source>This laptop is not connected to HQ. Nothing is lost: every change waits here.</source>
        <translation>هذا الحاسوب غير مرتبط بالمقر الرئيسي. لن يضيع أي شيء: كل تغيير ينتظر هنا.</translation>
    </message>
    <message>
        <source>Last successful sync: %1</source>
        <translation>آخر مزامنة ناجحة: %1</translation>
    </message>
    <message>
        <source>Last problem: %1</source>
        <translation>آخر مشكلة: %1</translation>
    </message>
    <message>
        <source>Syncing with HQ…</source>
        <translation>جارية المزامنة مع المقر الرئيسي…</translation>
    </message>
    <message>
        <source>HQ cannot be reached now. The app tries again by itself around %1.</source>
        <translation>تعذر الوصول إلى المقر الرئيسي حاليا. سيعيد التطبيق المحاولة تلقائيا في حدود %1.</translation>
    </message>
    <message>
        <source>HQ refused the last sync (see below).</source>
        <translation>رفض المقر الرئيسي المزامنة الأخيرة (انظر أدناه).</translation>
    </message>
    <message>
        <source>HQ answered at %1.</source>
        <translation>أجاب المقر الرئيسي على الساعة %1.</translation>
    </message>
    <message>
        <source>HQ not contacted yet since the app opened.</source>
        <translation>لم يتم الاتصال بالمقر الرئيسي بعد منذ فتح التطبيق.</translation>
    </message>
    <message>
        <source>&amp;Conflicts (%1)</source>
        <translation>ال&amp;تعارضات (%1)</translation>
    </message>
    <message>
        <source>&amp;To review (%1)</source>
        <translation>لل&amp;مراجعة (%1)</translation>
    </message>
    <message>
        <source>Changes not &amp;yet sent (%1)</source>
        <translation>&amp;تغييرات لم ترسل بعد (%1)</translation>
    </message>
    <message>
        <source>Sync cancelled. What was sent and received before is kept.</source>
        <translation>ألغيت المزامنة. ما أرسل واستلم قبل ذلك محفوظ.</translation>
    </message>
    <message>
        <source>Sync done: %1 change(s) sent, %2 received.</source>
        <translation>تمت المزامنة: أرسل %1 تغيير، واستلم %2.</translation>
    </message>
    <message numerus="yes">
        <source>%n new item(s) to look at below.</source>
        <translation>
            <numerusform>لا عناصر جديدة للمراجعة أدناه.</numerusform>
            <numerusform>عنصر جديد واحد للمراجعة أدناه.</numerusform>
            <numerusform>عنصران جديدان للمراجعة أدناه.</numerusform>
            <numerusform>%n عناصر جديدة للمراجعة أدناه.</numerusform>
            <numerusform>%n عنصرا جديدا للمراجعة أدناه.</numerusform>
            <numerusform>%n عنصر جديد للمراجعة أدناه.</numerusform>
        </translation>
    </message>
    <message>
        <source>Changes not yet sent</source>
        <translation>التغييرات التي لم ترسل بعد</translation>
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
</context>
<context>
    <name>SyncTexts</name>
    <message>
        <source>never</source>
        <translation>أبدا</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>الآن</translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>منذ أقل من دقيقة</numerusform>
            <numerusform>منذ دقيقة</numerusform>
            <numerusform>منذ دقيقتين</numerusform>
            <numerusform>منذ %n دقائق</numerusform>
            <numerusform>منذ %n دقيقة</numerusform>
            <numerusform>منذ %n دقيقة</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s) ago</source>
        <translation>
            <numerusform>منذ أقل من ساعة</numerusform>
            <numerusform>منذ ساعة</numerusform>
            <numerusform>منذ ساعتين</numerusform>
            <numerusform>منذ %n ساعات</numerusform>
            <numerusform>منذ %n ساعة</numerusform>
            <numerusform>منذ %n ساعة</numerusform>
        </translation>
    </message>
    <message>
        <source>Head of household</source>
        <translation>رب الأسرة</translation>
    </message>
    <message>
        <source>Head of household (Arabic)</source>
        <translation>رب الأسرة (بالعربية)</translation>
    </message>
    <message>
        <source>CIN</source>
        <translation>البطاقة الوطنية</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>الهاتف</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>الإقليم</translation>
    </message>
    <message>
        <source>Commune</source>
        <translation>الجماعة</translation>
    </message>
    <message>
        <source>Douar / neighbourhood</source>
        <translation>الدوار / الحي</translation>
    </message>
    <message>
        <source>Household size</source>
        <translation>عدد أفراد الأسرة</translation>
    </message>
    <message>
        <source>Vulnerabilities</source>
        <translation>معايير الهشاشة</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>الموافقة</translation>
    </message>
    <message>
        <source>Consent recorded by</source>
        <translation>الموافقة سجلها</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>ملاحظات</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>محذوف</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <source>Name (Arabic)</source>
        <translation>الاسم (بالعربية)</translation>
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
        <translation>صلة القرابة</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(فارغ)</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>نعم</translation>
    </message>
    <message>
        <source>no</source>
        <translation>لا</translation>
    </message>
    <message>
        <source>Served twice for one event</source>
        <translation>استفادت مرتين من نفس النشاط</translation>
    </message>
    <message>
        <source>One CIN on two households</source>
        <translation>نفس رقم البطاقة الوطنية لأسرتين</translation>
    </message>
    <message>
        <source>Not taken by HQ</source>
        <translation>رفضه المقر</translation>
    </message>
    <message>
        <source>data HQ publishes, not changed here</source>
        <translation>معطيات نشرها المقر، لا تُعدَّل هنا</translation>
    </message>
    <message>
        <source>the household, event or receipt it refers to is not known to HQ</source>
        <translation>الأسرة أو النشاط أو الوصل المرتبط به غير معروف لدى المقر</translation>
    </message>
    <message>
        <source>HQ does not know this record</source>
        <translation>المقر لا يعرف هذه البطاقة</translation>
    </message>
    <message>
        <source>too large for HQ (shorten its notes)</source>
        <translation>أكبر مما يقبله المقر (اختصر الملاحظات)</translation>
    </message>
    <message>
        <source>a value the laptops cannot keep</source>
        <translation>قيمة لا يمكن للحواسيب حفظها</translation>
    </message>
    <message>
        <source>a number another record of the association holds</source>
        <translation>رقم تحمله بطاقة أخرى للجمعية</translation>
    </message>
    <message>
        <source>%1 (CIN %2, laptop %3)</source>
        <translation>%1 (البطاقة الوطنية %2، الحاسوب %3)</translation>
    </message>
    <message>
        <source>Receipt %1 — laptop %2, %3, handed out by %4</source>
        <translation>الوصل %1 — الحاسوب %2، %3، سلمه %4</translation>
    </message>
    <message>
        <source>(voided)</source>
        <translation>(ملغى)</translation>
    </message>
    <message>
        <source>Connecting to HQ…</source>
        <translation>جار الاتصال بالمقر الرئيسي…</translation>
    </message>
    <message>
        <source>Sending changes: %1 of %2</source>
        <translation>إرسال التغييرات: %1 من %2</translation>
    </message>
    <message>
        <source>Receiving the other laptops&apos; changes…</source>
        <translation>استلام تغييرات الحواسيب الأخرى…</translation>
    </message>
    <message>
        <source>Finishing…</source>
        <translation>جار الإنهاء…</translation>
    </message>
</context>
<context>
    <name>UsersModel</name>
    <message>
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>الدور</translation>
    </message>
    <message>
        <source>State</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>منذ</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>معطَّل</translation>
    </message>
    <message>
        <source>locked (too many failed logins)</source>
        <translation>مقفل (محاولات فاشلة كثيرة)</translation>
    </message>
    <message>
        <source>active</source>
        <translation>نشط</translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <source>Who may log in on this laptop. A volunteer serves at the desk, prints and checks volunteers in; a coordinator may do everything. Each password opens the encrypted data: nobody can read it back.</source>
        <translation>من يمكنه الدخول على هذا الحاسوب. المتطوع يخدم في الشباك ويطبع ويسجّل حضور المتطوعين؛ المنسق يمكنه فعل كل شيء. كل كلمة مرور تفتح البيانات المشفّرة: لا أحد يستطيع قراءتها.</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>المستخدمون</translation>
    </message>
    <message>
        <source>New user</source>
        <translation>مستخدم جديد</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;الاسم</translation>
    </message>
    <message>
        <source>&amp;Role</source>
        <translation>ال&amp;دور</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>&amp;كلمة المرور</translation>
    </message>
    <message>
        <source>Password &amp;again</source>
        <translation>كلمة المرور &amp;مرة أخرى</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>إ&amp;ضافة</translation>
    </message>
    <message>
        <source>Add the user</source>
        <translation>إضافة المستخدم</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;فتح القفل</translation>
    </message>
    <message>
        <source>Reset the &amp;password…</source>
        <translation>إعادة تعيين &amp;كلمة المرور…</translation>
    </message>
    <message>
        <source>Make &amp;coordinator</source>
        <translation>جعله &amp;منسقًا</translation>
    </message>
    <message>
        <source>Make &amp;volunteer</source>
        <translation>جعله م&amp;تطوعًا</translation>
    </message>
    <message>
        <source>&amp;Enable…</source>
        <translation>إعادة ال&amp;تفعيل…</translation>
    </message>
    <message>
        <source>&amp;Disable</source>
        <translation>&amp;تعطيل</translation>
    </message>
    <message>
        <source>%1 can now log in.</source>
        <translation>يمكن لـ %1 الدخول الآن.</translation>
    </message>
    <message>
        <source>%1 is now %2.</source>
        <translation>أصبح %1 %2.</translation>
    </message>
    <message>
        <source>%1 can log in again.</source>
        <translation>يمكن لـ %1 الدخول من جديد.</translation>
    </message>
    <message>
        <source>%1 can no longer log in.</source>
        <translation>لم يعد بإمكان %1 الدخول.</translation>
    </message>
    <message>
        <source>%1 may try again.</source>
        <translation>يمكن لـ %1 المحاولة من جديد.</translation>
    </message>
    <message>
        <source>New password set for %1.</source>
        <translation>عُيّنت كلمة مرور جديدة لـ %1.</translation>
    </message>
</context>
<context>
    <name>VoidButton</name>
    <message>
        <source>Cancel this receipt…</source>
        <extracomment>whether who is logged in may void (a volunteer may not: the button is then never shown nor enabled)</extracomment>
        <translation>إلغاء هذا الوصل…</translation>
    </message>
    <message>
        <source>Cancel receipt %1</source>
        <translation>إلغاء الوصل %1</translation>
    </message>
</context>
<context>
    <name>VoidDialog</name>
    <message>
        <source>Receipt %1 cancelled.</source>
        <translation>أُلغي الوصل %1.</translation>
    </message>
    <message>
        <source>Cancel a receipt</source>
        <translation>إلغاء وصل</translation>
    </message>
    <message>
        <source>Cancel receipt %1?</source>
        <translation>إلغاء الوصل %1؟</translation>
    </message>
    <message>
        <source>Family:</source>
        <translation>الأسرة:</translation>
    </message>
    <message>
        <source>Served:</source>
        <translation>التسليم:</translation>
    </message>
    <message>
        <source>On %1 by %2</source>
        <translation>بتاريخ %1 على يد %2</translation>
    </message>
    <message>
        <source>Event:</source>
        <translation>النشاط:</translation>
    </message>
    <message>
        <source>The receipt stays in the history, marked CANCELLED. The family can then be served again for this event.</source>
        <translation>يبقى الوصل في السجل مع عبارة «ملغى». ويمكن بعد ذلك التسليم للأسرة من جديد في هذا النشاط.</translation>
    </message>
    <message>
        <source>&amp;Reason for cancelling (required)</source>
        <translation>سبب الإ&amp;لغاء (إجباري)</translation>
    </message>
    <message>
        <source>Reason for cancelling (required)</source>
        <translation>سبب الإلغاء (إجباري)</translation>
    </message>
    <message>
        <source>For example: wrong family, wrong event</source>
        <translation>مثلا: أسرة خاطئة، نشاط خاطئ</translation>
    </message>
    <message>
        <source>Cancel the receipt</source>
        <translation>إلغاء الوصل</translation>
    </message>
    <message>
        <source>Keep it</source>
        <translation>الاحتفاظ به</translation>
    </message>
    <message>
        <source>Cancelling the receipt…</source>
        <translation>جارٍ إلغاء الوصل…</translation>
    </message>
</context>
<context>
    <name>VolunteerEditDialog</name>
    <message>
        <source>Edit volunteer %1</source>
        <translation>تعديل بيانات المتطوع %1</translation>
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
        <source>&amp;Save</source>
        <translation>&amp;حفظ</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>حفظ</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
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
    <message>
        <source>Show deactivated volunteers</source>
        <translation>عرض المتطوعين المعطَّلين</translation>
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
        <source>Edi&amp;t…</source>
        <translation>&amp;تعديل…</translation>
    </message>
    <message>
        <source>Deacti&amp;vate…</source>
        <translation>تع&amp;طيل…</translation>
    </message>
    <message>
        <source>Reacti&amp;vate</source>
        <translation>إعادة ال&amp;تفعيل</translation>
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
        <source>%1 saved.</source>
        <translation>تم حفظ بيانات %1.</translation>
    </message>
    <message>
        <source>%1 is back on the roster.</source>
        <translation>عاد %1 إلى لائحة المتطوعين.</translation>
    </message>
    <message>
        <source>%1 will no longer be on the roster nor offered for check-in. Their past attendance is kept, and they can be reactivated later (Show deactivated volunteers).</source>
        <translation>لن يظهر %1 بعد الآن في لائحة المتطوعين ولن يُقترح لتسجيل الحضور. يُحتفظ بسجل حضوره السابق، ويمكن إعادة تفعيله لاحقاً (عرض المتطوعين المعطَّلين).</translation>
    </message>
    <message>
        <source>Deactivate a volunteer</source>
        <translation>تعطيل متطوع</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>تعطيل</translation>
    </message>
    <message>
        <source>%1 is deactivated: off the roster, past attendance kept.</source>
        <translation>تم تعطيل %1: لم يعد في اللائحة، مع الاحتفاظ بسجل حضوره السابق.</translation>
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
