<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>AccountButton</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Logged in as %1</source>
        <translation>Connecté : %1</translation>
    </message>
    <message>
        <source>Change my password…</source>
        <translation>Changer mon mot de passe…</translation>
    </message>
    <message>
        <source>Lock now</source>
        <translation>Verrouiller maintenant</translation>
    </message>
</context>
<context>
    <name>AutomaticBackup</name>
    <message>
        <source>Backup made in the data folder; the second backup folder %1 was not there (USB stick?).</source>
        <translation>Sauvegarde faite dans le dossier des données ; le second dossier de sauvegarde %1 était absent (clé USB ?).</translation>
    </message>
    <message>
        <source>The automatic backup could not be made: %1</source>
        <translation>La sauvegarde automatique n&apos;a pas pu être faite : %1</translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <source>&lt; %1</source>
        <translation>&lt; %1</translation>
    </message>
</context>
<context>
    <name>CardPrinting</name>
    <message>
        <source>Cards…</source>
        <translation>Cartes…</translation>
    </message>
    <message>
        <source>Household cards</source>
        <translation>Cartes de foyer</translation>
    </message>
    <message>
        <source>Print household cards with a QR code the desk scans (10 per A4 page)</source>
        <translation>Imprimer des cartes de foyer avec un code QR que le guichet scanne (10 par page A4)</translation>
    </message>
    <message>
        <source>Cards for every household not yet carded</source>
        <translation>Cartes de tous les foyers qui n&apos;en ont pas encore</translation>
    </message>
    <message numerus="yes">
        <source>Cards for the %n selected household(s)</source>
        <translation>
            <numerusform>Carte du foyer sélectionné (%n)</numerusform>
            <numerusform>Cartes des %n foyers sélectionnés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cards for the %n household(s) not yet carded</source>
        <translation>
            <numerusform>Cartes du foyer qui n&apos;en a pas encore (%n)</numerusform>
            <numerusform>Cartes des %n foyers qui n&apos;en ont pas encore</numerusform>
        </translation>
    </message>
    <message>
        <source>household-cards</source>
        <translation>cartes-foyers</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Writing the cards…</source>
        <translation>Écriture des cartes…</translation>
    </message>
    <message numerus="yes">
        <source>%n card(s) written to %1.</source>
        <translation>
            <numerusform>%n carte écrite dans %1.</numerusform>
            <numerusform>%n cartes écrites dans %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
</context>
<context>
    <name>ConflictsModel</name>
    <message>
        <source>Household / member</source>
        <translation>Foyer / membre</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Champ</translation>
    </message>
    <message>
        <source>Value kept</source>
        <translation>Valeur gardée</translation>
    </message>
    <message>
        <source>Laptop, time</source>
        <translation>Ordinateur, heure</translation>
    </message>
    <message>
        <source>Other value</source>
        <translation>Autre valeur</translation>
    </message>
    <message>
        <source>%1 — %2: “%3” is kept (laptop %4); “%5” came from laptop %6.</source>
        <translation>%1 — %2 : « %3 » est gardé (ordinateur %4) ; « %5 » venait de l&apos;ordinateur %6.</translation>
    </message>
</context>
<context>
    <name>ConflictsPanel</name>
    <message>
        <source>Conflicts</source>
        <translation>Conflits</translation>
    </message>
    <message>
        <source>&amp;Keep the current value</source>
        <translation>&amp;Garder la valeur actuelle</translation>
    </message>
    <message>
        <source>Keep the current value</source>
        <translation>Garder la valeur actuelle</translation>
    </message>
    <message>
        <source>&amp;Take the other value</source>
        <translation>&amp;Prendre l&apos;autre valeur</translation>
    </message>
    <message>
        <source>Take the other value</source>
        <translation>Prendre l&apos;autre valeur</translation>
    </message>
    <message>
        <source>No conflict: every field has one value on every laptop.</source>
        <translation>Aucun conflit : chaque champ a la même valeur sur tous les ordinateurs.</translation>
    </message>
    <message>
        <source>Settled. The choice is sent to HQ with the next sync.</source>
        <translation>Réglé. Le choix partira au siège avec la prochaine synchronisation.</translation>
    </message>
</context>
<context>
    <name>ConsentChoice</name>
    <message>
        <source>Consent (law 09-08)</source>
        <translation>Consentement (loi 09-08)</translation>
    </message>
    <message>
        <source>The head of household agrees to be registered</source>
        <translation>Le chef de foyer accepte d&apos;être enregistré</translation>
    </message>
    <message>
        <source>Not yet: consent to be collected</source>
        <translation>Pas encore : consentement à recueillir</translation>
    </message>
    <message>
        <source>Consent given</source>
        <translation>Consentement donné</translation>
    </message>
    <message>
        <source>Consent not yet collected</source>
        <translation>Consentement pas encore recueilli</translation>
    </message>
</context>
<context>
    <name>DeskCard</name>
    <message>
        <source>Vulnerability: %1</source>
        <translation>Vulnérabilité : %1</translation>
    </message>
    <message>
        <source>ALREADY SERVED</source>
        <translation>DÉJÀ SERVI</translation>
    </message>
    <message>
        <source>On %1 by %2 — receipt %3</source>
        <translation>Le %1 par %2 — reçu %3</translation>
    </message>
    <message>
        <source>Collected by: %1</source>
        <translation>Retiré par : %1</translation>
    </message>
    <message>
        <source>CIN %1</source>
        <translation>CIN %1</translation>
    </message>
    <message>
        <source>no CIN</source>
        <translation>sans CIN</translation>
    </message>
    <message numerus="yes">
        <source>%n person(s)</source>
        <translation>
            <numerusform>%n personne</numerusform>
            <numerusform>%n personnes</numerusform>
        </translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Article</translation>
    </message>
    <message>
        <source>Entitled</source>
        <translation>Droit</translation>
    </message>
    <message>
        <source>Given</source>
        <translation>Remis</translation>
    </message>
    <message>
        <source>Quantity given: %1</source>
        <translation>Quantité remise : %1</translation>
    </message>
    <message>
        <source>Serve again (%1)</source>
        <translation>Servir à nouveau (%1)</translation>
    </message>
    <message>
        <source>Confirm hand-out (%1)</source>
        <translation>Confirmer la remise (%1)</translation>
    </message>
    <message>
        <source>Find a family: type a name, CIN or phone, or scan the code on its card, sheet or receipt.</source>
        <translation>Trouver une famille : tapez un nom, une CIN ou un téléphone, ou scannez le code de sa carte, de la feuille d&apos;émargement ou du reçu.</translation>
    </message>
    <message>
        <source>Coordinator&apos;s reason to serve again</source>
        <translation>Motif du coordinateur pour servir à nouveau</translation>
    </message>
    <message>
        <source>Required to serve this family a second time</source>
        <translation>Obligatoire pour servir cette famille une deuxième fois</translation>
    </message>
    <message>
        <source>Collected by (if not the head)</source>
        <translation>Retiré par (si ce n&apos;est pas le chef de foyer)</translation>
    </message>
    <message>
        <source>Collected by</source>
        <translation>Retiré par</translation>
    </message>
    <message>
        <source>Name of the person collecting for the family</source>
        <translation>Nom du mandataire</translation>
    </message>
    <message>
        <source>Reason for other quantities</source>
        <translation>Motif des quantités modifiées</translation>
    </message>
    <message>
        <source>Entitlement</source>
        <translation>Droits</translation>
    </message>
</context>
<context>
    <name>DeskCounters</name>
    <message numerus="yes">
        <source>Served today: %n family(ies)</source>
        <translation>
            <numerusform>Aujourd&apos;hui : %n famille servie</numerusform>
            <numerusform>Aujourd&apos;hui : %n familles servies</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%n at this event)</source>
        <translation>
            <numerusform>(%n pour cet événement)</numerusform>
            <numerusform>(%n pour cet événement)</numerusform>
        </translation>
    </message>
    <message>
        <source>Left:</source>
        <translation>Reste :</translation>
    </message>
</context>
<context>
    <name>DeskPage</name>
    <message>
        <source>&amp;Event:</source>
        <extracomment>the path of each receipt PDF written (printed, or opened in the viewer): tests and the status bar listen</extracomment>
        <translation>É&amp;vénement :</translation>
    </message>
    <message>
        <source>Event of the day</source>
        <translation>Événement du jour</translation>
    </message>
    <message>
        <source>Re&amp;print a receipt…</source>
        <translation>Ré&amp;imprimer un reçu…</translation>
    </message>
    <message>
        <source>Reprint a receipt</source>
        <translation>Réimprimer un reçu</translation>
    </message>
    <message>
        <source>Name, CIN, phone, receipt number — or scan a code</source>
        <translation>Nom, CIN, téléphone, n° de reçu — ou scannez un code</translation>
    </message>
    <message>
        <source>Find a family</source>
        <translation>Trouver une famille</translation>
    </message>
    <message>
        <source>Families found</source>
        <translation>Familles trouvées</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>Famille</translation>
    </message>
    <message>
        <source>There is no event yet: create today&apos;s event on the Events page.</source>
        <translation>Aucun événement pour l&apos;instant : créez l&apos;événement du jour dans la page Événements.</translation>
    </message>
    <message>
        <source>Choose the event first.</source>
        <translation>Choisissez d&apos;abord l&apos;événement.</translation>
    </message>
    <message numerus="yes">
        <source>%n person(s)</source>
        <translation>
            <numerusform>%n personne</numerusform>
            <numerusform>%n personnes</numerusform>
        </translation>
    </message>
    <message>
        <source>Already served. To serve this family again, a coordinator types the reason.</source>
        <translation>Déjà servie. Pour servir cette famille à nouveau, un coordinateur doit saisir le motif.</translation>
    </message>
</context>
<context>
    <name>DuplicatesPanel</name>
    <message>
        <source>Possible duplicates</source>
        <translation>Doublons possibles</translation>
    </message>
    <message>
        <source>These households look like the one you are registering. Is it one of them?</source>
        <translation>Ces foyers ressemblent à celui que vous enregistrez. Est-ce l&apos;un d&apos;eux ?</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Name in Arabic</source>
        <translation>Nom en arabe</translation>
    </message>
    <message>
        <source>CIN</source>
        <translation>CIN</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <source>Households that look similar</source>
        <translation>Foyers ressemblants</translation>
    </message>
    <message>
        <source>Columns of the similar households</source>
        <translation>Colonnes des foyers ressemblants</translation>
    </message>
    <message>
        <source>&amp;Open this one</source>
        <translation>&amp;Ouvrir ce foyer</translation>
    </message>
    <message>
        <source>Open this one</source>
        <translation>Ouvrir ce foyer</translation>
    </message>
    <message>
        <source>&amp;Register anyway</source>
        <translation>Enregistrer &amp;quand même</translation>
    </message>
    <message>
        <source>Register anyway</source>
        <translation>Enregistrer quand même</translation>
    </message>
</context>
<context>
    <name>EnrollForm</name>
    <message>
        <source>Join HQ</source>
        <translation>Rejoindre le siège</translation>
    </message>
    <message>
        <source>To send your changes to HQ and receive the other laptops&apos; changes, type HQ&apos;s address and the one-time enrollment code HQ gave you. The app works fully without HQ.</source>
        <translation>Pour envoyer vos modifications au siège et recevoir celles des autres ordinateurs, saisissez l&apos;adresse du siège et le code d&apos;inscription (à usage unique) qu&apos;il vous a donné. L&apos;application fonctionne entièrement sans le siège.</translation>
    </message>
    <message>
        <source>HQ &amp;address</source>
        <translation>&amp;Adresse du siège</translation>
    </message>
    <message>
        <source>Enrollment &amp;code</source>
        <translation>&amp;Code d&apos;inscription</translation>
    </message>
    <message>
        <source>HQ address</source>
        <translation>Adresse du siège</translation>
    </message>
    <message>
        <source>Enrollment code</source>
        <translation>Code d&apos;inscription</translation>
    </message>
    <message>
        <source>&amp;Join HQ</source>
        <translation>&amp;Rejoindre le siège</translation>
    </message>
    <message>
        <source>Type HQ&apos;s address and the enrollment code.</source>
        <translation>Saisissez l&apos;adresse du siège et le code d&apos;inscription.</translation>
    </message>
    <message>
        <source>Contacting HQ…</source>
        <translation>Connexion au siège…</translation>
    </message>
    <message>
        <source>This laptop has joined HQ. First sync…</source>
        <translation>Cet ordinateur a rejoint le siège. Première synchronisation…</translation>
    </message>
</context>
<context>
    <name>EventForm</name>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Nom</translation>
    </message>
    <message>
        <source>&amp;Starts on</source>
        <translation>Date de &amp;début</translation>
    </message>
    <message>
        <source>Si&amp;te</source>
        <translation>&amp;Lieu</translation>
    </message>
    <message>
        <source>Comm&amp;une</source>
        <translation>&amp;Commune</translation>
    </message>
    <message>
        <source>&amp;Ends on</source>
        <translation>Date de &amp;fin</translation>
    </message>
    <message>
        <source>Ends on</source>
        <translation>Date de fin</translation>
    </message>
    <message>
        <source>Name or HCP code (empty: every household is expected)</source>
        <translation>Nom ou code HCP (vide : tous les foyers sont attendus)</translation>
    </message>
    <message>
        <source>Sa&amp;ve event</source>
        <translation>&amp;Enregistrer l&apos;événement</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Edit “%1”</source>
        <translation>Modifier « %1 »</translation>
    </message>
    <message>
        <source>New event</source>
        <translation>Nouvel événement</translation>
    </message>
</context>
<context>
    <name>EventListModel</name>
    <message>
        <source>Event</source>
        <translation>Événement</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>Dates</translation>
    </message>
</context>
<context>
    <name>EventsPage</name>
    <message>
        <source>Events</source>
        <translation>Événements</translation>
    </message>
    <message>
        <source>Ne&amp;w event</source>
        <translation>Nou&amp;vel événement</translation>
    </message>
    <message>
        <source>Ed&amp;it event</source>
        <translation>&amp;Modifier l&apos;événement</translation>
    </message>
    <message numerus="yes">
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n événement</numerusform>
            <numerusform>%n événements</numerusform>
        </translation>
    </message>
    <message>
        <source>“%1” saved.</source>
        <translation>« %1 » enregistré.</translation>
    </message>
</context>
<context>
    <name>FileStep</name>
    <message>
        <source>Choose the households list to import: a CSV file or an Excel workbook (.xlsx, .xls). Nothing is written before you have seen the report of every row.</source>
        <translation>Choisissez la liste de foyers à importer : un fichier CSV ou un classeur Excel (.xlsx, .xls). Rien n&apos;est enregistré avant que vous ayez vu le rapport de chaque ligne.</translation>
    </message>
    <message>
        <source>No file chosen</source>
        <translation>Aucun fichier choisi</translation>
    </message>
    <message>
        <source>File to import</source>
        <translation>Fichier à importer</translation>
    </message>
    <message>
        <source>Choose a file…</source>
        <translation>Choisir un fichier…</translation>
    </message>
    <message>
        <source>Choose the file to import</source>
        <translation>Choisir le fichier à importer</translation>
    </message>
    <message>
        <source>&amp;Sheet:</source>
        <translation>&amp;Feuille :</translation>
    </message>
    <message>
        <source>Sheet of the workbook holding the list</source>
        <translation>Feuille du classeur qui contient la liste</translation>
    </message>
    <message>
        <source>No list yet, or a list hard to read? Start from the template: one column per field, headers in French and Arabic, and an instructions sheet.</source>
        <translation>Pas encore de liste, ou une liste difficile à lire ? Partez du modèle : une colonne par champ, des en-têtes en français et en arabe, et une feuille d&apos;instructions.</translation>
    </message>
    <message>
        <source>Download the template…</source>
        <translation>Télécharger le modèle…</translation>
    </message>
    <message>
        <source>Save the template of a households list</source>
        <translation>Enregistrer le modèle d&apos;une liste de foyers</translation>
    </message>
    <message numerus="yes">
        <source>Headers found on row %1; %n row(s) of data.</source>
        <translation>
            <numerusform>En-têtes trouvés à la ligne %1 ; %n ligne de données.</numerusform>
            <numerusform>En-têtes trouvés à la ligne %1 ; %n lignes de données.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HandoutsModel</name>
    <message>
        <source>Receipt</source>
        <translation>Reçu</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>Famille</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <source>Cancelled: %1</source>
        <translation>Annulé : %1</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <source>History of %1</source>
        <translation>Historique de %1</translation>
    </message>
    <message>
        <source>&amp;Reprint the receipt</source>
        <translation>&amp;Réimprimer le reçu</translation>
    </message>
    <message>
        <source>Reprint the receipt of the chosen entry</source>
        <translation>Réimprimer le reçu de la ligne choisie</translation>
    </message>
    <message>
        <source>Nothing recorded yet for this family.</source>
        <translation>Rien n&apos;est encore enregistré pour cette famille.</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>Registered</source>
        <translation>Enregistré</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Modifié</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Supprimé</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>Importé</translation>
    </message>
    <message>
        <source>Its data given on request</source>
        <translation>Ses données remises à sa demande</translation>
    </message>
    <message>
        <source>Household card printed</source>
        <translation>Carte de foyer imprimée</translation>
    </message>
    <message>
        <source>Served</source>
        <translation>Servi</translation>
    </message>
    <message>
        <source>Receipt voided</source>
        <translation>Reçu annulé</translation>
    </message>
    <message>
        <source>Receipt reprinted</source>
        <translation>Reçu réimprimé</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Utilisateur</translation>
    </message>
    <message>
        <source>At the desk</source>
        <translation>Au guichet</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Quoi</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Détails</translation>
    </message>
</context>
<context>
    <name>HouseholdForm</name>
    <message>
        <source>&amp;History…</source>
        <translation>&amp;Historique…</translation>
    </message>
    <message>
        <source>&amp;Name (Latin letters)</source>
        <translation>&amp;Nom (lettres latines)</translation>
    </message>
    <message>
        <source>Name of the head of household, Latin letters</source>
        <translation>Nom du chef de foyer, en lettres latines</translation>
    </message>
    <message>
        <source>Name in &amp;Arabic</source>
        <translation>Nom en &amp;arabe</translation>
    </message>
    <message>
        <source>Name of the head of household in Arabic</source>
        <translation>Nom du chef de foyer en arabe</translation>
    </message>
    <message>
        <source>&amp;CIN</source>
        <translation>&amp;CIN</translation>
    </message>
    <message>
        <source>National identity card number (CIN)</source>
        <translation>Numéro de la carte d&apos;identité nationale (CIN)</translation>
    </message>
    <message>
        <source>&amp;Phone</source>
        <translation>Télé&amp;phone</translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation>Numéro de téléphone</translation>
    </message>
    <message>
        <source>Co&amp;mmune</source>
        <translation>Comm&amp;une</translation>
    </message>
    <message>
        <source>Commune</source>
        <translation>Commune</translation>
    </message>
    <message>
        <source>&amp;Douar / quarter</source>
        <translation>&amp;Douar / quartier</translation>
    </message>
    <message>
        <source>Douar or quarter</source>
        <translation>Douar ou quartier</translation>
    </message>
    <message>
        <source>Household si&amp;ze</source>
        <translation>&amp;Taille du foyer</translation>
    </message>
    <message>
        <source>Household size, head included</source>
        <translation>Taille du foyer, chef de foyer compris</translation>
    </message>
    <message>
        <source>Type a few letters of the name</source>
        <translation>Tapez quelques lettres du nom</translation>
    </message>
    <message>
        <source>e.g. BK123456</source>
        <translation>ex. BK123456</translation>
    </message>
    <message>
        <source>Consent &amp;collected by</source>
        <translation>Consentement recue&amp;illi par</translation>
    </message>
    <message>
        <source>Consent collected by</source>
        <translation>Consentement recueilli par</translation>
    </message>
    <message>
        <source>No&amp;tes</source>
        <translation>&amp;Remarques</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>Enregistrer (Ctrl+S)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>New household</source>
        <translation>Nouveau foyer</translation>
    </message>
    <message>
        <source>Household: %1</source>
        <translation>Foyer : %1</translation>
    </message>
    <message>
        <source>Saved. Please check:</source>
        <translation>Enregistré. Veuillez vérifier :</translation>
    </message>
    <message>
        <source>Not saved. Press Escape or Cancel again to close without saving.</source>
        <translation>Non enregistré. Appuyez encore sur Échap ou Annuler pour fermer sans enregistrer.</translation>
    </message>
    <message>
        <source>Open the registered household</source>
        <translation>Ouvrir le foyer déjà enregistré</translation>
    </message>
    <message>
        <source>Vulnerabilities</source>
        <translation>Vulnérabilités</translation>
    </message>
</context>
<context>
    <name>HouseholdsPage</name>
    <message>
        <source>Households</source>
        <translation>Foyers</translation>
    </message>
    <message>
        <source>Search a household: name, CIN, phone, receipt…</source>
        <translation>Rechercher un foyer : nom, CIN, téléphone, reçu…</translation>
    </message>
    <message>
        <source>Search households</source>
        <translation>Rechercher des foyers</translation>
    </message>
    <message>
        <source>New household</source>
        <translation>Nouveau foyer</translation>
    </message>
    <message>
        <source>Register a new household (Ctrl+N)</source>
        <translation>Enregistrer un nouveau foyer (Ctrl+N)</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exporter…</translation>
    </message>
    <message>
        <source>Export households</source>
        <translation>Exporter les foyers</translation>
    </message>
    <message>
        <source>Save the households the list shows (search and filters) to an Excel, CSV or JSON file</source>
        <translation>Enregistrer les foyers que montre la liste (recherche et filtres) dans un fichier Excel, CSV ou JSON</translation>
    </message>
    <message>
        <source>All communes</source>
        <translation>Toutes les communes</translation>
    </message>
    <message>
        <source>Only households of this commune</source>
        <translation>Seulement les foyers de cette commune</translation>
    </message>
    <message>
        <source>Type a few letters of the commune</source>
        <translation>Tapez quelques lettres de la commune</translation>
    </message>
    <message>
        <source>All vulnerabilities</source>
        <translation>Toutes les vulnérabilités</translation>
    </message>
    <message>
        <source>Only households with this vulnerability</source>
        <translation>Seulement les foyers avec cette vulnérabilité</translation>
    </message>
    <message>
        <source>Event for the served filter</source>
        <translation>Événement pour le filtre servi / pas encore servi</translation>
    </message>
    <message>
        <source>Not yet served</source>
        <translation>Pas encore servi</translation>
    </message>
    <message>
        <source>Already served</source>
        <translation>Déjà servi</translation>
    </message>
    <message>
        <source>Served or not yet served at the event</source>
        <translation>Servi ou pas encore servi à l&apos;événement</translation>
    </message>
    <message>
        <source>Without consent</source>
        <translation>Sans consentement</translation>
    </message>
    <message>
        <source>Only households whose consent is still to be collected</source>
        <translation>Seulement les foyers dont le consentement reste à recueillir</translation>
    </message>
    <message>
        <source>Families registered without consent: to be collected</source>
        <translation>Familles enregistrées sans consentement : à recueillir</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Effacer les filtres</translation>
    </message>
    <message>
        <source>Columns of the household list</source>
        <translation>Colonnes de la liste des foyers</translation>
    </message>
    <message>
        <source>No event filter</source>
        <translation>Tous les événements</translation>
    </message>
    <message numerus="yes">
        <source>%n household(s) registered</source>
        <translation>
            <numerusform>%n foyer enregistré</numerusform>
            <numerusform>%n foyers enregistrés</numerusform>
        </translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Recherche…</translation>
    </message>
    <message>
        <source>No household matches this search. Ctrl+N registers a new one.</source>
        <translation>Aucun foyer ne correspond à cette recherche. Ctrl+N en enregistre un nouveau.</translation>
    </message>
    <message>
        <source>No household matches these filters.</source>
        <translation>Aucun foyer ne correspond à ces filtres.</translation>
    </message>
    <message numerus="yes">
        <source>%n household(s) shown, scroll for more</source>
        <translation>
            <numerusform>%n foyer affiché, faites défiler pour voir la suite</numerusform>
            <numerusform>%n foyers affichés, faites défiler pour voir la suite</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n household(s) shown</source>
        <translation>
            <numerusform>%n foyer affiché</numerusform>
            <numerusform>%n foyers affichés</numerusform>
        </translation>
    </message>
    <message>
        <source>(filters apply to the list, not to a search)</source>
        <translation>(les filtres s&apos;appliquent à la liste, pas à une recherche)</translation>
    </message>
    <message>
        <source>households</source>
        <translation>foyers</translation>
    </message>
    <message>
        <source>Excel (*.xlsx);;CSV for Excel (*.csv);;JSON (*.json)</source>
        <translation>Excel (*.xlsx);;CSV pour Excel (*.csv);;JSON (*.json)</translation>
    </message>
    <message>
        <source>Exporting households…</source>
        <translation>Export des foyers…</translation>
    </message>
    <message numerus="yes">
        <source>%n household(s) exported to %1.</source>
        <translation>
            <numerusform>%n foyer exporté vers %1.</numerusform>
            <numerusform>%n foyers exportés vers %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Effacer</translation>
    </message>
</context>
<context>
    <name>ImportEntry</name>
    <message>
        <source>Import a list…</source>
        <translation>Importer une liste…</translation>
    </message>
    <message>
        <source>Import a households list</source>
        <translation>Importer une liste de foyers</translation>
    </message>
    <message>
        <source>Households from an Excel (.xlsx, .xls) or CSV file, checked row by row</source>
        <translation>Des foyers depuis un fichier Excel (.xlsx, .xls) ou CSV, vérifiés ligne par ligne</translation>
    </message>
</context>
<context>
    <name>ImportProblems</name>
    <message>
        <source>Row</source>
        <translation>Ligne</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Colonne</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problème</translation>
    </message>
</context>
<context>
    <name>ImportStep</name>
    <message>
        <source>Progress of the import</source>
        <translation>Avancement de l&apos;import</translation>
    </message>
    <message>
        <source>Rows not imported and warnings</source>
        <translation>Lignes non importées et avertissements</translation>
    </message>
    <message>
        <source>Importing the households… Cancel stops between two batches of households.</source>
        <translation>Import des foyers… Annuler arrête entre deux lots de foyers.</translation>
    </message>
    <message>
        <source>Import stopped (Cancel).</source>
        <translation>Import arrêté (Annuler).</translation>
    </message>
    <message>
        <source>Import finished.</source>
        <translation>Import terminé.</translation>
    </message>
    <message numerus="yes">
        <source>%n household(s) created.</source>
        <translation>
            <numerusform>%n foyer créé.</numerusform>
            <numerusform>%n foyers créés.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n household(s) updated.</source>
        <translation>
            <numerusform>%n foyer mis à jour.</numerusform>
            <numerusform>%n foyers mis à jour.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unchanged.</source>
        <translation>
            <numerusform>%n inchangé.</numerusform>
            <numerusform>%n inchangés.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s): listed below.</source>
        <translation>
            <numerusform>%n avertissement : voir la liste ci-dessous.</numerusform>
            <numerusform>%n avertissements : voir la liste ci-dessous.</numerusform>
        </translation>
    </message>
    <message>
        <source>The rows after those were not imported.</source>
        <translation>Les lignes suivantes n&apos;ont pas été importées.</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) were NOT imported. Save them with “Save rejected rows…”: each comes with the reason, its faulty cells in red; correct them and import that file.</source>
        <translation>
            <numerusform>%n ligne n&apos;a PAS été importée. Enregistrez-la avec « Enregistrer les lignes rejetées… » : elle vient avec le motif, ses cellules fautives en rouge ; corrigez-la et importez ce fichier.</numerusform>
            <numerusform>%n lignes n&apos;ont PAS été importées. Enregistrez-les avec « Enregistrer les lignes rejetées… » : chacune vient avec le motif, ses cellules fautives en rouge ; corrigez-les et importez ce fichier.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>Import a households list</source>
        <translation>Importer une liste de foyers</translation>
    </message>
    <message>
        <source>Save rejected rows…</source>
        <translation>Enregistrer les lignes rejetées…</translation>
    </message>
    <message>
        <source>The rows not imported, with the reason, to correct and import</source>
        <translation>Les lignes non importées, avec le motif, à corriger puis importer</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Précédent</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Progression</translation>
    </message>
    <message>
        <source>1. The file</source>
        <translation>1. Le fichier</translation>
    </message>
    <message>
        <source>2. The columns</source>
        <translation>2. Les colonnes</translation>
    </message>
    <message>
        <source>3. The check</source>
        <translation>3. Le rapport</translation>
    </message>
    <message>
        <source>4. The import</source>
        <translation>4. L&apos;import</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Suivant</translation>
    </message>
    <message>
        <source>Check the rows</source>
        <translation>Vérifier les lignes</translation>
    </message>
    <message numerus="yes">
        <source>Import %n household(s)</source>
        <translation>
            <numerusform>Importer %n foyer</numerusform>
            <numerusform>Importer %n foyers</numerusform>
        </translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Arrêt en cours…</translation>
    </message>
    <message>
        <source>Households lists (%1)</source>
        <translation>Listes de foyers (%1)</translation>
    </message>
    <message>
        <source>Choose the list to import</source>
        <translation>Choisir la liste à importer</translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation>Lecture du fichier…</translation>
    </message>
    <message>
        <source>households-template</source>
        <translation>modele-foyers</translation>
    </message>
    <message>
        <source>Save the template</source>
        <translation>Enregistrer le modèle</translation>
    </message>
    <message>
        <source>Excel (*.xlsx)</source>
        <translation>Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>Template saved in %1. Fill it in (one household per row), then choose it here.</source>
        <translation>Modèle enregistré dans %1. Remplissez-le (un foyer par ligne), puis choisissez-le ici.</translation>
    </message>
    <message>
        <source>Checking every row…</source>
        <translation>Vérification de chaque ligne…</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>rejets</translation>
    </message>
    <message>
        <source>Save rejected rows</source>
        <translation>Enregistrer les lignes rejetées</translation>
    </message>
    <message numerus="yes">
        <source>%n rejected row(s) saved in %1: correct the red cells, then import that file.</source>
        <translation>
            <numerusform>%n ligne rejetée enregistrée dans %1 : corrigez les cellules en rouge, puis importez ce fichier.</numerusform>
            <numerusform>%n lignes rejetées enregistrées dans %1 : corrigez les cellules en rouge, puis importez ce fichier.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ItemsEditor</name>
    <message>
        <source>Items and entitlement rules</source>
        <translation>Articles et règles de droit</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Articles</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Libellé</translation>
    </message>
    <message>
        <source>Arabic label</source>
        <translation>Libellé arabe</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Quantité</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Règle</translation>
    </message>
    <message>
        <source>Only for</source>
        <translation>Réservé à</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>Stock</translation>
    </message>
    <message>
        <source>&amp;Code</source>
        <translation>C&amp;ode</translation>
    </message>
    <message>
        <source>&amp;Quantity</source>
        <translation>&amp;Quantité</translation>
    </message>
    <message>
        <source>&amp;Label</source>
        <translation>Li&amp;bellé</translation>
    </message>
    <message>
        <source>&amp;Arabic label</source>
        <translation>Libellé &amp;arabe</translation>
    </message>
    <message>
        <source>&amp;Rule</source>
        <translation>&amp;Règle</translation>
    </message>
    <message>
        <source>Size &amp;bands</source>
        <translation>&amp;Tranches</translation>
    </message>
    <message>
        <source>&amp;Only for</source>
        <translation>Ré&amp;servé à</translation>
    </message>
    <message>
        <source>Stoc&amp;k</source>
        <translation>Stoc&amp;k</translation>
    </message>
    <message>
        <source>every household</source>
        <translation>tous les foyers</translation>
    </message>
    <message>
        <source>not counted</source>
        <translation>non suivi</translation>
    </message>
    <message>
        <source>A&amp;dd item</source>
        <translation>A&amp;jouter un article</translation>
    </message>
    <message>
        <source>Remove ite&amp;m</source>
        <translation>Ret&amp;irer l&apos;article</translation>
    </message>
    <message>
        <source>per household</source>
        <translation>par foyer</translation>
    </message>
    <message>
        <source>per member</source>
        <translation>par membre</translation>
    </message>
    <message>
        <source>by household size</source>
        <translation>par taille de foyer</translation>
    </message>
    <message>
        <source>Item %1 needs a code and a label.</source>
        <translation>L&apos;article %1 doit avoir un code et un libellé.</translation>
    </message>
    <message>
        <source>Item %1: the stock is a whole number.</source>
        <translation>Article %1 : le stock doit être un nombre entier.</translation>
    </message>
    <message>
        <source>Item %1: give the size bands (1-3/1,4-6/2,7+/3).</source>
        <translation>Article %1 : indiquez les tranches de taille (1-3/1,4-6/2,7+/3).</translation>
    </message>
    <message>
        <source>household size/quantity, e.g. 1-3/1,4-6/2,7+/3</source>
        <translation>taille du foyer/quantité, ex. 1-3/1,4-6/2,7+/3</translation>
    </message>
    <message>
        <source>%1 people: %2</source>
        <translation>%1 pers. : %2</translation>
    </message>
</context>
<context>
    <name>LeaveDemo</name>
    <message>
        <source>Leave the demo</source>
        <translation>Quitter la démo</translation>
    </message>
    <message>
        <source>Leave the demo and set the association up?</source>
        <translation>Quitter la démo et configurer l&apos;association ?</translation>
    </message>
    <message>
        <source>The demo families, servings, events, volunteers and users are discarded: they were never real. Nothing is deleted: the demo&apos;s data is moved to a demo-archive folder inside the data folder. Then the set-up of a new laptop starts: your association, this laptop&apos;s code and its first coordinator.</source>
        <translation>Les familles, distributions, événements, bénévoles et utilisateurs de la démo sont écartés : ils n&apos;ont jamais été réels. Rien n&apos;est effacé : les données de la démo sont déplacées dans un dossier demo-archive du dossier de données. Ensuite commence la configuration d&apos;un nouvel ordinateur : votre association, le code de cet ordinateur et son premier coordinateur.</translation>
    </message>
</context>
<context>
    <name>LoginForm</name>
    <message>
        <source>Locked</source>
        <extracomment>after the screen is painted, the services load on the worker (the login waits for them there, never the window) the person chose the language here (the window then keeps it, else the association&apos;s setting is used)</extracomment>
        <translation>Verrouillé</translation>
    </message>
    <message>
        <source>The window locked itself after a while without use; sync and printing go on. Type your password to go on, or log in as another user.</source>
        <translation>La fenêtre s&apos;est verrouillée après un moment sans utilisation ; la synchronisation et l&apos;impression continuent. Tapez votre mot de passe pour reprendre, ou connectez-vous sous un autre nom.</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Déverrouiller</translation>
    </message>
    <message>
        <source>Log in to open the association&apos;s data (it is encrypted on this laptop).</source>
        <translation>Connectez-vous pour ouvrir les données de l&apos;association (elles sont chiffrées sur cet ordinateur).</translation>
    </message>
    <message>
        <source>&amp;Log in</source>
        <translation>Se &amp;connecter</translation>
    </message>
    <message>
        <source>&amp;User name</source>
        <translation>&amp;Nom d&apos;utilisateur</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>&amp;Mot de passe</translation>
    </message>
    <message>
        <source>Lan&amp;guage</source>
        <translation>Lan&amp;gue</translation>
    </message>
    <message>
        <source>Demo data (fake families): user %1, password %2</source>
        <translation>Données de démonstration (familles fictives) : utilisateur %1, mot de passe %2</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Vérification…</translation>
    </message>
</context>
<context>
    <name>LoginScreen</name>
    <message>
        <source>Log in</source>
        <translation>Connexion</translation>
    </message>
</context>
<context>
    <name>LongTask</name>
    <message>
        <source>Progress</source>
        <translation>Progression</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Distribution desk</source>
        <extracomment>pages shown only to a role that may do this (a volunteer sees none of them; reports are an export of totals) the status bar&apos;s sync indicator and background sync (ui/sync/indicator.py) start this long after the window is usable: sync, requests and the indicator never load before the first screen</extracomment>
        <translation>Guichet de distribution</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>Foyers</translation>
    </message>
    <message>
        <source>Sheets</source>
        <translation>Émargement</translation>
    </message>
    <message>
        <source>Volunteers</source>
        <translation>Bénévoles</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Événements</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Synchronisation</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Rapports</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Réglages</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Utilisateurs</translation>
    </message>
    <message>
        <source>%1 · device %2</source>
        <translation>%1 · ordinateur %2</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) not yet sent to HQ</source>
        <translation>
            <numerusform>%n modification pas encore envoyée au siège</numerusform>
            <numerusform>%n modifications pas encore envoyées au siège</numerusform>
        </translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Pages</translation>
    </message>
    <message>
        <source>Demo data: leave the demo…</source>
        <translation>Données de démonstration : quitter la démo…</translation>
    </message>
    <message>
        <source>Leave the demo and set the association up</source>
        <translation>Quitter la démo et configurer l&apos;association</translation>
    </message>
</context>
<context>
    <name>MappingStep</name>
    <message>
        <source>Which field does each column hold? The columns recognised are already chosen; choose “Ignore” to leave a column out. Your choices are remembered for the next list.</source>
        <translation>Quel champ contient chaque colonne ? Les colonnes reconnues sont déjà choisies ; choisissez « Ignorer » pour laisser une colonne de côté. Vos choix sont retenus pour la prochaine liste.</translation>
    </message>
    <message>
        <source>The first rows, under the field they go to:</source>
        <translation>Les premières lignes, sous le champ où elles iront :</translation>
    </message>
    <message>
        <source>Preview of the first rows</source>
        <translation>Aperçu des premières lignes</translation>
    </message>
    <message>
        <source>(ignored)</source>
        <translation>(ignorée)</translation>
    </message>
    <message>
        <source>Field of column %1</source>
        <translation>Champ de la colonne %1</translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation>Ignorer</translation>
    </message>
</context>
<context>
    <name>MembersBox</name>
    <message>
        <source>Members besides the head of household</source>
        <translation>Membres en plus du chef de foyer</translation>
    </message>
</context>
<context>
    <name>MembersEditor</name>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Name in Arabic</source>
        <translation>Nom en arabe</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>Sexe</translation>
    </message>
    <message>
        <source>Birth year</source>
        <translation>Année de naissance</translation>
    </message>
    <message>
        <source>Relation</source>
        <translation>Lien de parenté</translation>
    </message>
    <message>
        <source>&amp;Add a member</source>
        <translation>Ajouter un &amp;membre</translation>
    </message>
    <message>
        <source>Add a member</source>
        <translation>Ajouter un membre</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>Féminin</translation>
    </message>
    <message>
        <source>Male</source>
        <translation>Masculin</translation>
    </message>
    <message>
        <source>Spouse</source>
        <translation>Conjoint(e)</translation>
    </message>
    <message>
        <source>Child</source>
        <translation>Enfant</translation>
    </message>
    <message>
        <source>Parent</source>
        <translation>Père ou mère</translation>
    </message>
    <message>
        <source>Grandchild</source>
        <translation>Petit-enfant</translation>
    </message>
    <message>
        <source>Brother or sister</source>
        <translation>Frère ou sœur</translation>
    </message>
    <message>
        <source>Other relative</source>
        <translation>Autre lien familial</translation>
    </message>
    <message>
        <source>Member %1: name</source>
        <translation>Membre %1 : nom</translation>
    </message>
    <message>
        <source>Member %1: name in Arabic</source>
        <translation>Membre %1 : nom en arabe</translation>
    </message>
    <message>
        <source>Member %1: sex</source>
        <translation>Membre %1 : sexe</translation>
    </message>
    <message>
        <source>Member %1: birth year</source>
        <translation>Membre %1 : année de naissance</translation>
    </message>
    <message>
        <source>Member %1: relation</source>
        <translation>Membre %1 : lien</translation>
    </message>
    <message>
        <source>Remove member %1</source>
        <translation>Retirer le membre %1</translation>
    </message>
    <message>
        <source>e.g. 1985</source>
        <translation>ex. 1985</translation>
    </message>
    <message>
        <source>Remove this member (Ctrl+Delete)</source>
        <translation>Retirer ce membre (Ctrl+Delete)</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>Change my password</source>
        <translation>Changer mon mot de passe</translation>
    </message>
    <message>
        <source>Your current password first, then the new one twice.</source>
        <translation>Votre mot de passe actuel d&apos;abord, puis le nouveau deux fois.</translation>
    </message>
    <message>
        <source>Enable a user</source>
        <translation>Réactiver un utilisateur</translation>
    </message>
    <message>
        <source>%1 will log in again with this new password.</source>
        <translation>%1 se connectera de nouveau avec ce nouveau mot de passe.</translation>
    </message>
    <message>
        <source>Reset a password</source>
        <translation>Réinitialiser un mot de passe</translation>
    </message>
    <message>
        <source>A new password for %1. Give it to them in person.</source>
        <translation>Un nouveau mot de passe pour %1. Donnez-le-lui en personne.</translation>
    </message>
    <message>
        <source>&amp;Current password</source>
        <translation>Mot de passe &amp;actuel</translation>
    </message>
    <message>
        <source>&amp;New password</source>
        <translation>&amp;Nouveau mot de passe</translation>
    </message>
    <message>
        <source>New password &amp;again</source>
        <translation>Nouveau mot de passe, &amp;encore</translation>
    </message>
</context>
<context>
    <name>PendingChangesModel</name>
    <message>
        <source>Household</source>
        <translation>Foyer</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Membre</translation>
    </message>
    <message>
        <source>Volunteer</source>
        <translation>Bénévole</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Événement</translation>
    </message>
    <message>
        <source>Event item</source>
        <translation>Article d&apos;événement</translation>
    </message>
    <message>
        <source>Distribution</source>
        <translation>Distribution</translation>
    </message>
    <message>
        <source>Void</source>
        <translation>Annulation de reçu</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>Présence</translation>
    </message>
    <message>
        <source>new</source>
        <translation>création</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>modification</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>suppression</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>N°</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Fiche</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Modification</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Détails</translation>
    </message>
</context>
<context>
    <name>ReceiptBanner</name>
    <message>
        <source>Receipt %1</source>
        <translation>Reçu %1</translation>
    </message>
    <message>
        <source>%1 served</source>
        <translation>Servi : %1</translation>
    </message>
</context>
<context>
    <name>ReceiptPrinter</name>
    <message>
        <source>Preparing the receipt…</source>
        <translation>Préparation du reçu…</translation>
    </message>
    <message>
        <source>The receipt is open: print it from the PDF viewer.</source>
        <translation>Le reçu est ouvert : imprimez-le depuis la visionneuse PDF.</translation>
    </message>
    <message>
        <source>Printer %1 is not available.</source>
        <translation>L&apos;imprimante %1 n&apos;est pas disponible.</translation>
    </message>
    <message>
        <source>No printer is installed.</source>
        <translation>Aucune imprimante n&apos;est installée.</translation>
    </message>
    <message>
        <source>The receipt was opened as a PDF instead.</source>
        <translation>Le reçu a été ouvert en PDF à la place.</translation>
    </message>
    <message>
        <source>Printing on %1…</source>
        <translation>Impression sur %1…</translation>
    </message>
    <message>
        <source>Printing failed (%1). The receipt was opened as a PDF instead.</source>
        <translation>L&apos;impression a échoué (%1). Le reçu a été ouvert en PDF à la place.</translation>
    </message>
    <message>
        <source>Sent to printer %1.</source>
        <translation>Envoyé à l&apos;imprimante %1.</translation>
    </message>
    <message>
        <source>The receipt PDF is in %1.</source>
        <translation>Le PDF du reçu se trouve dans %1.</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyDialog</name>
    <message>
        <source>Recovery key</source>
        <translation>Clé de secours</translation>
    </message>
    <message>
        <source>Keep this recovery key on paper</source>
        <translation>Gardez cette clé de secours sur papier</translation>
    </message>
    <message>
        <source>The association&apos;s data is encrypted. If every coordinator forgets their password, this key (and only it, or HQ) opens it again. It is shown only now: print it or write it down, and keep it locked away, not with the laptop.</source>
        <translation>Les données de l&apos;association sont chiffrées. Si tous les coordinateurs oublient leur mot de passe, cette clé (elle seule, ou le siège) les rouvre. Elle n&apos;est montrée que maintenant : imprimez-la ou recopiez-la, et rangez-la sous clé, pas avec l&apos;ordinateur.</translation>
    </message>
    <message>
        <source>&amp;Print it</source>
        <translation>&amp;L&apos;imprimer</translation>
    </message>
    <message>
        <source>Save as &amp;PDF (on a USB stick)…</source>
        <translation>Enregistrer en &amp;PDF (sur une clé USB)…</translation>
    </message>
    <message>
        <source>I have &amp;written it down or printed it</source>
        <translation>Je l&apos;ai &amp;recopiée ou imprimée</translation>
    </message>
    <message>
        <source>&amp;Continue</source>
        <translation>&amp;Continuer</translation>
    </message>
    <message>
        <source>fieldapp recovery key</source>
        <translation>Clé de secours fieldapp</translation>
    </message>
    <message>
        <source>Association: %1</source>
        <translation>Association : %1</translation>
    </message>
    <message>
        <source>If every password is forgotten: fieldapp recover --recovery-key KEY --user NAME</source>
        <translation>Si tous les mots de passe sont oubliés : fieldapp recover --recovery-key CLÉ --user NOM</translation>
    </message>
    <message>
        <source>Save the recovery key</source>
        <translation>Enregistrer la clé de secours</translation>
    </message>
    <message>
        <source>Saved to %1. Print it, then delete the file.</source>
        <translation>Enregistrée dans %1. Imprimez-la, puis supprimez le fichier.</translation>
    </message>
    <message>
        <source>Sent to the printer.</source>
        <translation>Envoyée à l&apos;imprimante.</translation>
    </message>
</context>
<context>
    <name>ReportStep</name>
    <message>
        <source>Nothing has been written yet. This is what the import will do:</source>
        <translation>Rien n&apos;a encore été enregistré. Voici ce que fera l&apos;import :</translation>
    </message>
    <message>
        <source>Red: an error, the row will not be imported. Yellow: a warning, the row is imported; check it.</source>
        <translation>Rouge : une erreur, la ligne ne sera pas importée. Jaune : un avertissement, la ligne est importée ; vérifiez-la.</translation>
    </message>
    <message>
        <source>Problems found, row by row</source>
        <translation>Problèmes trouvés, ligne par ligne</translation>
    </message>
    <message>
        <source>To create: %1</source>
        <translation>À créer : %1</translation>
    </message>
    <message>
        <source>To update: %1</source>
        <translation>À mettre à jour : %1</translation>
    </message>
    <message>
        <source>Unchanged: %1</source>
        <translation>Inchangés : %1</translation>
    </message>
    <message>
        <source>Rejected (not imported): %1</source>
        <translation>Rejetées (non importées) : %1</translation>
    </message>
    <message>
        <source>Warnings: %1</source>
        <translation>Avertissements : %1</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>What the report covers</source>
        <extracomment>a report is being counted for what is chosen (or will be, once the person stops changing it)</extracomment>
        <translation>Ce que couvre le rapport</translation>
    </message>
    <message>
        <source>An &amp;event</source>
        <translation>Un &amp;événement</translation>
    </message>
    <message>
        <source>A &amp;period</source>
        <translation>Une &amp;période</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Événement</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>&amp;Du</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>&amp;au</translation>
    </message>
    <message>
        <source>First day</source>
        <translation>Premier jour</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>Dernier jour</translation>
    </message>
    <message>
        <source>Save as P&amp;DF…</source>
        <translation>Enregistrer en PD&amp;F…</translation>
    </message>
    <message>
        <source>Save as E&amp;xcel…</source>
        <translation>Enregistrer en E&amp;xcel…</translation>
    </message>
    <message>
        <source>Totals</source>
        <translation>Totaux</translation>
    </message>
    <message>
        <source>families served</source>
        <translation>familles servies</translation>
    </message>
    <message>
        <source>people in the families served</source>
        <translation>personnes servies (membres de ces familles)</translation>
    </message>
    <message>
        <source>items handed out</source>
        <translation>articles distribués</translation>
    </message>
    <message>
        <source>volunteers present</source>
        <translation>bénévoles présents</translation>
    </message>
    <message>
        <source>volunteer hours</source>
        <translation>heures de bénévolat</translation>
    </message>
    <message>
        <source>receipts cancelled</source>
        <translation>reçus annulés</translation>
    </message>
    <message>
        <source>families served twice at the same event</source>
        <translation>familles servies deux fois pour un même événement</translation>
    </message>
    <message>
        <source>Families served per event</source>
        <translation>Familles servies par événement</translation>
    </message>
    <message>
        <source>Families served per commune</source>
        <translation>Familles servies par commune</translation>
    </message>
    <message>
        <source>No family served in what the report covers.</source>
        <translation>Aucune famille servie dans ce que couvre le rapport.</translation>
    </message>
    <message>
        <source>The first day is after the last day.</source>
        <translation>Le premier jour est après le dernier.</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>Calcul en cours…</translation>
    </message>
    <message>
        <source>report</source>
        <translation>rapport</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Rapport</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Excel (*.xlsx)</source>
        <translation>Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>Writing the report as PDF…</source>
        <translation>Écriture du rapport en PDF…</translation>
    </message>
    <message>
        <source>Writing the report as Excel…</source>
        <translation>Écriture du rapport en Excel…</translation>
    </message>
    <message>
        <source>Report written: %1</source>
        <translation>Rapport enregistré : %1</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
</context>
<context>
    <name>ReprintDialog</name>
    <message>
        <source>Reprint a receipt</source>
        <translation>Réimprimer un reçu</translation>
    </message>
    <message>
        <source>The last hand-outs at this event, newest first. A reprint is marked DUPLICATA with today&apos;s date: it does not count as a second hand-out.</source>
        <translation>Les dernières remises de cet événement, la plus récente en premier. Un reçu réimprimé porte la mention DUPLICATA et la date du jour : il ne vaut pas une seconde remise.</translation>
    </message>
    <message>
        <source>Last hand-outs</source>
        <translation>Dernières remises</translation>
    </message>
    <message>
        <source>&amp;Reprint</source>
        <translation>&amp;Réimprimer</translation>
    </message>
    <message>
        <source>Reprint the chosen receipt</source>
        <translation>Réimprimer le reçu choisi</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Nobody has been served at this event yet.</source>
        <translation>Personne n&apos;a encore été servi à cet événement.</translation>
    </message>
</context>
<context>
    <name>ReviewsModel</name>
    <message>
        <source>What</source>
        <translation>Quoi</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>Foyer</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Événement</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>Enregistrements</translation>
    </message>
    <message>
        <source>Found</source>
        <translation>Trouvé le</translation>
    </message>
    <message>
        <source>Correct the record if needed, then settle: it is sent to HQ again.</source>
        <translation>Corrigez la fiche si besoin, puis réglez : elle sera renvoyée au siège.</translation>
    </message>
</context>
<context>
    <name>ReviewsPanel</name>
    <message>
        <source>Items to review</source>
        <translation>Points à vérifier</translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation>&amp;Note</translation>
    </message>
    <message>
        <source>What was decided</source>
        <translation>Ce qui a été décidé</translation>
    </message>
    <message>
        <source>What was decided (e.g. second receipt voided, family informed)</source>
        <translation>Ce qui a été décidé (ex. : deuxième reçu annulé, famille prévenue)</translation>
    </message>
    <message>
        <source>&amp;Settle with this note</source>
        <translation>&amp;Régler avec cette note</translation>
    </message>
    <message>
        <source>Settle with this note</source>
        <translation>Régler avec cette note</translation>
    </message>
    <message>
        <source>Nothing to review.</source>
        <translation>Rien à vérifier.</translation>
    </message>
    <message>
        <source>Settled with your note.</source>
        <translation>Réglé avec votre note.</translation>
    </message>
    <message>
        <source>Write what was decided first.</source>
        <translation>Écrivez d&apos;abord ce qui a été décidé.</translation>
    </message>
</context>
<context>
    <name>RosterModel</name>
    <message>
        <source>On site since %1</source>
        <translation>Sur place depuis %1</translation>
    </message>
    <message>
        <source>Left at %1</source>
        <translation>Départ : %1</translation>
    </message>
    <message>
        <source>Not checked in</source>
        <translation>Arrivée non pointée</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Name in Arabic</source>
        <translation>Nom en arabe</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <source>At this event</source>
        <translation>À cet événement</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>Heures</translation>
    </message>
    <message>
        <source>Deactivated</source>
        <translation>Désactivé</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <source>&amp;Association name</source>
        <translation>&amp;Nom de l&apos;association</translation>
    </message>
    <message>
        <source>Default &amp;commune of new households</source>
        <translation>&amp;Commune par défaut des nouveaux foyers</translation>
    </message>
    <message>
        <source>&amp;Your name (on receipts)</source>
        <translation>&amp;Votre nom (sur les reçus)</translation>
    </message>
    <message>
        <source>&amp;Receipt format</source>
        <translation>&amp;Format des reçus</translation>
    </message>
    <message>
        <source>&amp;Printer</source>
        <translation>&amp;Imprimante</translation>
    </message>
    <message>
        <source>Print receipts &amp;directly</source>
        <translation>Imprimer les reçus &amp;directement</translation>
    </message>
    <message>
        <source>Association &amp;logo</source>
        <translation>&amp;Logo de l&apos;association</translation>
    </message>
    <message>
        <source>&amp;HQ address</source>
        <translation>&amp;Adresse du siège</translation>
    </message>
    <message>
        <source>Loc&amp;k the window after (minutes without use; 0: never)</source>
        <translation>&amp;Verrouiller la fenêtre après (minutes sans utilisation ; 0 : jamais)</translation>
    </message>
    <message>
        <source>Second &amp;backup folder (a USB stick)</source>
        <translation>Second dossier de &amp;sauvegarde (une clé USB)</translation>
    </message>
    <message>
        <source>A6 (postcard)</source>
        <translation>A6 (carte postale)</translation>
    </message>
    <message>
        <source>80 mm roll (thermal printer)</source>
        <translation>Rouleau 80 mm (imprimante thermique)</translation>
    </message>
    <message>
        <source>A4, two copies (family and association)</source>
        <translation>A4, deux exemplaires (famille et association)</translation>
    </message>
    <message>
        <source>Default printer</source>
        <translation>Imprimante par défaut</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <source>Choose the logo file</source>
        <translation>Choisir le fichier du logo</translation>
    </message>
    <message>
        <source>Choose the second backup folder</source>
        <translation>Choisir le second dossier de sauvegarde</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <source>Save settings</source>
        <translation>Enregistrer les réglages</translation>
    </message>
    <message>
        <source>None: asked for each new household</source>
        <translation>Aucune : demandée pour chaque nouveau foyer</translation>
    </message>
    <message>
        <source>This laptop runs the demo data (fake families). When the association is ready to work for real, leave the demo: its data is set aside and the set-up of a new laptop starts.</source>
        <translation>Cet ordinateur fonctionne sur les données de démonstration (familles fictives). Quand l&apos;association est prête à travailler pour de vrai, quittez la démo : ses données sont mises de côté et la configuration d&apos;un nouvel ordinateur commence.</translation>
    </message>
    <message>
        <source>Leave the demo and set the association up…</source>
        <translation>Quitter la démo et configurer l&apos;association…</translation>
    </message>
    <message>
        <source>Leave the demo and set the association up</source>
        <translation>Quitter la démo et configurer l&apos;association</translation>
    </message>
    <message>
        <source>Association logo</source>
        <translation>Logo de l&apos;association</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg)</source>
        <translation>Images (*.png *.jpg)</translation>
    </message>
    <message>
        <source>Second backup folder</source>
        <translation>Second dossier de sauvegarde</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>Réglages enregistrés.</translation>
    </message>
</context>
<context>
    <name>SetupDialog</name>
    <message>
        <source>Welcome to fieldapp</source>
        <translation>Bienvenue dans fieldapp</translation>
    </message>
    <message>
        <source>This laptop&apos;s data is not protected yet. Create its first coordinator: the data will be encrypted, and only a password (or the recovery key shown next) will open it.</source>
        <translation>Les données de cet ordinateur ne sont pas encore protégées. Créez son premier coordinateur : les données seront chiffrées, et seul un mot de passe (ou la clé de secours montrée ensuite) les ouvrira.</translation>
    </message>
    <message>
        <source>Set this laptop up once. Everything works without a network; HQ is optional.</source>
        <translation>Configurez cet ordinateur une seule fois. Tout fonctionne sans réseau ; la connexion au siège est facultative.</translation>
    </message>
    <message>
        <source>&amp;Association name</source>
        <translation>&amp;Nom de l&apos;association</translation>
    </message>
    <message>
        <source>&amp;Device code (starts every receipt number)</source>
        <translation>&amp;Code de l&apos;appareil (début de chaque numéro de reçu)</translation>
    </message>
    <message>
        <source>Default co&amp;mmune of new households (optional)</source>
        <translation>Co&amp;mmune par défaut des nouveaux foyers (facultatif)</translation>
    </message>
    <message>
        <source>&amp;Your name</source>
        <translation>&amp;Votre nom</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <source>&amp;HQ address (optional)</source>
        <translation>&amp;Adresse du siège (facultatif)</translation>
    </message>
    <message>
        <source>&amp;Coordinator&apos;s user name</source>
        <translation>Nom d&apos;utilisateur du &amp;coordinateur</translation>
    </message>
    <message>
        <source>&amp;Password (8 characters or more)</source>
        <translation>&amp;Mot de passe (8 caractères ou plus)</translation>
    </message>
    <message>
        <source>Password a&amp;gain</source>
        <translation>Mot de passe, en&amp;core</translation>
    </message>
    <message>
        <source>Type a few letters of the name</source>
        <translation>Tapez quelques lettres du nom</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Démarrer</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Démarrer</translation>
    </message>
    <message>
        <source>&amp;Try with demo data</source>
        <translation>&amp;Essayer avec des données de démonstration</translation>
    </message>
    <message>
        <source>Try with demo data</source>
        <translation>Essayer avec des données de démonstration</translation>
    </message>
    <message>
        <source>Preparing the demo data…</source>
        <translation>Préparation des données de démonstration…</translation>
    </message>
</context>
<context>
    <name>SheetsPage</name>
    <message>
        <source>&amp;Event</source>
        <translation>É&amp;vénement</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Événement</translation>
    </message>
    <message>
        <source>Sign-off sheet</source>
        <translation>Feuille d&apos;émargement</translation>
    </message>
    <message>
        <source>&amp;Order</source>
        <translation>&amp;Ordre</translation>
    </message>
    <message>
        <source>Order of the rows</source>
        <translation>Ordre des lignes</translation>
    </message>
    <message>
        <source>by name</source>
        <translation>par nom</translation>
    </message>
    <message>
        <source>by douar, then name</source>
        <translation>par douar, puis par nom</translation>
    </message>
    <message>
        <source>Reconcile a signed sheet</source>
        <translation>Rapprocher une feuille signée</translation>
    </message>
    <message>
        <source>&amp;Scan the code of each signed row</source>
        <translation>&amp;Scannez le code de chaque ligne signée</translation>
    </message>
    <message>
        <source>Scanned code</source>
        <translation>Code scanné</translation>
    </message>
    <message>
        <source>Scanned codes</source>
        <translation>Codes scannés</translation>
    </message>
    <message>
        <source>…or &amp;tick the signed rows</source>
        <translation>…ou &amp;cochez les lignes signées</translation>
    </message>
    <message>
        <source>Find a row</source>
        <translation>Trouver une ligne</translation>
    </message>
    <message>
        <source>Find a name or a douar</source>
        <translation>Chercher un nom ou un douar</translation>
    </message>
    <message>
        <source>Households expected at the event</source>
        <translation>Foyers attendus à l&apos;événement</translation>
    </message>
    <message>
        <source>Reconciliation result</source>
        <translation>Résultat du rapprochement</translation>
    </message>
    <message>
        <source>&amp;Print the sign-off sheet…</source>
        <translation>&amp;Imprimer la feuille d&apos;émargement…</translation>
    </message>
    <message>
        <source>Remove the chosen &amp;code</source>
        <translation>&amp;Retirer le code choisi</translation>
    </message>
    <message>
        <source>&amp;Reconcile</source>
        <translation>Ra&amp;pprocher</translation>
    </message>
    <message>
        <source>served: %1</source>
        <translation>servi : %1</translation>
    </message>
    <message>
        <source>sign-off</source>
        <translation>emargement</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Writing the sign-off sheet…</source>
        <translation>Écriture de la feuille d&apos;émargement…</translation>
    </message>
    <message numerus="yes">
        <source>Sign-off sheet written: %1 (%2 rows, %n page(s)).</source>
        <translation>
            <numerusform>Feuille d&apos;émargement écrite : %1 (%2 lignes, %n page).</numerusform>
            <numerusform>Feuille d&apos;émargement écrite : %1 (%2 lignes, %n pages).</numerusform>
        </translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <source>This code was already scanned.</source>
        <translation>Ce code a déjà été scanné.</translation>
    </message>
    <message>
        <source>%1 scanned, %2 ticked</source>
        <translation>%1 scanné(s), %2 coché(s)</translation>
    </message>
    <message>
        <source>Recording…</source>
        <translation>Enregistrement…</translation>
    </message>
    <message>
        <source>%1 served, %2 already served, %3 rejected.</source>
        <translation>%1 servi(s), %2 déjà servi(s), %3 refusé(s).</translation>
    </message>
    <message>
        <source>Served: %1 (receipt %2)</source>
        <translation>Servi : %1 (reçu %2)</translation>
    </message>
    <message>
        <source>Already served: %1 (receipt %2)</source>
        <translation>Déjà servi : %1 (reçu %2)</translation>
    </message>
    <message>
        <source>Rejected: %1 — %2</source>
        <translation>Refusé : %1 — %2</translation>
    </message>
</context>
<context>
    <name>SyncIndicator</name>
    <message>
        <source>Sync</source>
        <translation>Synchronisation</translation>
    </message>
    <message>
        <source>Not connected to HQ</source>
        <translation>Pas relié au siège</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Synchronisation…</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Hors ligne</translation>
    </message>
    <message>
        <source>Sync refused</source>
        <translation>Synchronisation refusée</translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>Jamais synchronisé</translation>
    </message>
    <message>
        <source>Synced %1</source>
        <translation>Synchronisé %1</translation>
    </message>
    <message numerus="yes">
        <source>%n waiting</source>
        <translation>
            <numerusform>%n en attente</numerusform>
            <numerusform>%n en attente</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n to look at</source>
        <translation>
            <numerusform>%n à examiner</numerusform>
            <numerusform>%n à examiner</numerusform>
        </translation>
    </message>
    <message>
        <source>Sync status: %1</source>
        <translation>État de la synchronisation : %1</translation>
    </message>
    <message>
        <source>The app works fully without HQ. Open the Sync page to join HQ.</source>
        <translation>L&apos;application fonctionne entièrement sans le siège. Ouvrez la page Synchronisation pour le rejoindre.</translation>
    </message>
    <message>
        <source>Open the Sync page</source>
        <translation>Ouvrir la page Synchronisation</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>HQ</source>
        <translation>Siège</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>&amp;Synchroniser maintenant</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Synchroniser maintenant</translation>
    </message>
    <message>
        <source>Send this laptop&apos;s changes to HQ and receive the other laptops&apos; changes.</source>
        <translation>Envoyer au siège les modifications de cet ordinateur et recevoir celles des autres ordinateurs.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Cancel the sync</source>
        <translation>Annuler la synchronisation</translation>
    </message>
    <message>
        <source>Sync progress</source>
        <translation>Avancement de la synchronisation</translation>
    </message>
    <message>
        <source>What sync found, and the changes not yet sent</source>
        <translation>Ce que la synchronisation a trouvé, et les modifications pas encore envoyées</translation>
    </message>
    <message>
        <source>Connected to HQ at %1 — %2, laptop %3</source>
        <translation>Relié au siège %1 — %2, ordinateur %3</translation>
    </message>
    <message>
        <source>This laptop is not connected to HQ. Nothing is lost: every change waits here.</source>
        <translation>Cet ordinateur n&apos;est pas relié au siège. Rien n&apos;est perdu : chaque modification attend ici.</translation>
    </message>
    <message>
        <source>Last successful sync: %1</source>
        <translation>Dernière synchronisation réussie : %1</translation>
    </message>
    <message>
        <source>Last problem: %1</source>
        <translation>Dernier problème : %1</translation>
    </message>
    <message>
        <source>Syncing with HQ…</source>
        <translation>Synchronisation avec le siège…</translation>
    </message>
    <message>
        <source>HQ cannot be reached now. The app tries again by itself around %1.</source>
        <translation>Le siège est injoignable pour l&apos;instant. L&apos;application réessaiera d&apos;elle-même vers %1.</translation>
    </message>
    <message>
        <source>HQ refused the last sync (see below).</source>
        <translation>Le siège a refusé la dernière synchronisation (voir ci-dessous).</translation>
    </message>
    <message>
        <source>HQ answered at %1.</source>
        <translation>Le siège a répondu à %1.</translation>
    </message>
    <message>
        <source>HQ not contacted yet since the app opened.</source>
        <translation>Siège pas encore contacté depuis l&apos;ouverture de l&apos;application.</translation>
    </message>
    <message>
        <source>&amp;Conflicts (%1)</source>
        <translation>&amp;Conflits (%1)</translation>
    </message>
    <message>
        <source>&amp;To review (%1)</source>
        <translation>À &amp;vérifier (%1)</translation>
    </message>
    <message>
        <source>Changes not &amp;yet sent (%1)</source>
        <translation>&amp;Modifications pas encore envoyées (%1)</translation>
    </message>
    <message>
        <source>Sync cancelled. What was sent and received before is kept.</source>
        <translation>Synchronisation annulée. Ce qui a déjà été envoyé et reçu est gardé.</translation>
    </message>
    <message>
        <source>Sync done: %1 change(s) sent, %2 received.</source>
        <translation>Synchronisation terminée : %1 modification(s) envoyée(s), %2 reçue(s).</translation>
    </message>
    <message numerus="yes">
        <source>%n new item(s) to look at below.</source>
        <translation>
            <numerusform>%n nouveau point à examiner ci-dessous.</numerusform>
            <numerusform>%n nouveaux points à examiner ci-dessous.</numerusform>
        </translation>
    </message>
    <message>
        <source>Changes not yet sent</source>
        <translation>Modifications pas encore envoyées</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) not yet sent to HQ</source>
        <translation>
            <numerusform>%n modification pas encore envoyée au siège</numerusform>
            <numerusform>%n modifications pas encore envoyées au siège</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncTexts</name>
    <message>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>à l&apos;instant</translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>il y a %n min</numerusform>
            <numerusform>il y a %n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s) ago</source>
        <translation>
            <numerusform>il y a %n heure</numerusform>
            <numerusform>il y a %n heures</numerusform>
        </translation>
    </message>
    <message>
        <source>Head of household</source>
        <translation>Chef de famille</translation>
    </message>
    <message>
        <source>Head of household (Arabic)</source>
        <translation>Chef de famille (arabe)</translation>
    </message>
    <message>
        <source>CIN</source>
        <translation>CIN</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>Province</translation>
    </message>
    <message>
        <source>Commune</source>
        <translation>Commune</translation>
    </message>
    <message>
        <source>Douar / neighbourhood</source>
        <translation>Douar / quartier</translation>
    </message>
    <message>
        <source>Household size</source>
        <translation>Taille du foyer</translation>
    </message>
    <message>
        <source>Vulnerabilities</source>
        <translation>Vulnérabilités</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>Consentement</translation>
    </message>
    <message>
        <source>Consent recorded by</source>
        <translation>Consentement recueilli par</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>Supprimé</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Name (Arabic)</source>
        <translation>Nom (arabe)</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>Sexe</translation>
    </message>
    <message>
        <source>Birth year</source>
        <translation>Année de naissance</translation>
    </message>
    <message>
        <source>Relation</source>
        <translation>Lien de parenté</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(vide)</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <source>no</source>
        <translation>non</translation>
    </message>
    <message>
        <source>Served twice for one event</source>
        <translation>Servi deux fois pour un même événement</translation>
    </message>
    <message>
        <source>One CIN on two households</source>
        <translation>Même CIN pour deux foyers</translation>
    </message>
    <message>
        <source>Not taken by HQ</source>
        <translation>Refusé par le siège</translation>
    </message>
    <message>
        <source>data HQ publishes, not changed here</source>
        <translation>donnée publiée par le siège, non modifiable ici</translation>
    </message>
    <message>
        <source>the household, event or receipt it refers to is not known to HQ</source>
        <translation>le foyer, l&apos;événement ou le reçu auquel il se rapporte n&apos;est pas connu du siège</translation>
    </message>
    <message>
        <source>HQ does not know this record</source>
        <translation>le siège ne connaît pas cette fiche</translation>
    </message>
    <message>
        <source>too large for HQ (shorten its notes)</source>
        <translation>trop volumineux pour le siège (raccourcissez ses notes)</translation>
    </message>
    <message>
        <source>a value the laptops cannot keep</source>
        <translation>une valeur que les ordinateurs ne peuvent pas garder</translation>
    </message>
    <message>
        <source>a number another record of the association holds</source>
        <translation>numéro déjà pris par une autre fiche de l&apos;association</translation>
    </message>
    <message>
        <source>%1 (CIN %2, laptop %3)</source>
        <translation>%1 (CIN %2, ordinateur %3)</translation>
    </message>
    <message>
        <source>Receipt %1 — laptop %2, %3, handed out by %4</source>
        <translation>Reçu %1 — ordinateur %2, %3, remis par %4</translation>
    </message>
    <message>
        <source>(voided)</source>
        <translation>(annulé)</translation>
    </message>
    <message>
        <source>Connecting to HQ…</source>
        <translation>Connexion au siège…</translation>
    </message>
    <message>
        <source>Sending changes: %1 of %2</source>
        <translation>Envoi des modifications : %1 sur %2</translation>
    </message>
    <message>
        <source>Receiving the other laptops&apos; changes…</source>
        <translation>Réception des modifications des autres ordinateurs…</translation>
    </message>
    <message>
        <source>Finishing…</source>
        <translation>Finalisation…</translation>
    </message>
</context>
<context>
    <name>UsersModel</name>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Depuis</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>désactivé</translation>
    </message>
    <message>
        <source>locked (too many failed logins)</source>
        <translation>bloqué (trop d&apos;essais manqués)</translation>
    </message>
    <message>
        <source>active</source>
        <translation>actif</translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <source>Who may log in on this laptop. A volunteer serves at the desk, prints and checks volunteers in; a coordinator may do everything. Each password opens the encrypted data: nobody can read it back.</source>
        <translation>Qui peut se connecter sur cet ordinateur. Un bénévole sert au guichet, imprime et pointe les bénévoles ; un coordinateur peut tout faire. Chaque mot de passe ouvre les données chiffrées : personne ne peut le relire.</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Utilisateurs</translation>
    </message>
    <message>
        <source>New user</source>
        <translation>Nouvel utilisateur</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Nom</translation>
    </message>
    <message>
        <source>&amp;Role</source>
        <translation>&amp;Rôle</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>&amp;Mot de passe</translation>
    </message>
    <message>
        <source>Password &amp;again</source>
        <translation>Mot de passe, &amp;encore</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Ajouter</translation>
    </message>
    <message>
        <source>Add the user</source>
        <translation>Ajouter l&apos;utilisateur</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Déverrouiller</translation>
    </message>
    <message>
        <source>Reset the &amp;password…</source>
        <translation>Réinitialiser le &amp;mot de passe…</translation>
    </message>
    <message>
        <source>Make &amp;coordinator</source>
        <translation>Nommer &amp;coordinateur</translation>
    </message>
    <message>
        <source>Make &amp;volunteer</source>
        <translation>Passer &amp;bénévole</translation>
    </message>
    <message>
        <source>&amp;Enable…</source>
        <translation>&amp;Réactiver…</translation>
    </message>
    <message>
        <source>&amp;Disable</source>
        <translation>&amp;Désactiver</translation>
    </message>
    <message>
        <source>%1 can now log in.</source>
        <translation>%1 peut maintenant se connecter.</translation>
    </message>
    <message>
        <source>%1 is now %2.</source>
        <translation>%1 est maintenant %2.</translation>
    </message>
    <message>
        <source>%1 can log in again.</source>
        <translation>%1 peut de nouveau se connecter.</translation>
    </message>
    <message>
        <source>%1 can no longer log in.</source>
        <translation>%1 ne peut plus se connecter.</translation>
    </message>
    <message>
        <source>%1 may try again.</source>
        <translation>%1 peut réessayer.</translation>
    </message>
    <message>
        <source>New password set for %1.</source>
        <translation>Nouveau mot de passe enregistré pour %1.</translation>
    </message>
</context>
<context>
    <name>VoidButton</name>
    <message>
        <source>Cancel this receipt…</source>
        <extracomment>whether who is logged in may void (a volunteer may not: the button is then never shown nor enabled)</extracomment>
        <translation>Annuler ce reçu…</translation>
    </message>
    <message>
        <source>Cancel receipt %1</source>
        <translation>Annuler le reçu %1</translation>
    </message>
</context>
<context>
    <name>VoidDialog</name>
    <message>
        <source>Receipt %1 cancelled.</source>
        <translation>Reçu %1 annulé.</translation>
    </message>
    <message>
        <source>Cancel a receipt</source>
        <translation>Annuler un reçu</translation>
    </message>
    <message>
        <source>Cancel receipt %1?</source>
        <translation>Annuler le reçu %1 ?</translation>
    </message>
    <message>
        <source>Family:</source>
        <translation>Famille :</translation>
    </message>
    <message>
        <source>Served:</source>
        <translation>Servie :</translation>
    </message>
    <message>
        <source>On %1 by %2</source>
        <translation>Le %1 par %2</translation>
    </message>
    <message>
        <source>Event:</source>
        <translation>Événement :</translation>
    </message>
    <message>
        <source>The receipt stays in the history, marked CANCELLED. The family can then be served again for this event.</source>
        <translation>Le reçu reste dans l&apos;historique, marqué ANNULÉ. La famille pourra ensuite être servie à nouveau pour cet événement.</translation>
    </message>
    <message>
        <source>&amp;Reason for cancelling (required)</source>
        <translation>&amp;Motif de l&apos;annulation (obligatoire)</translation>
    </message>
    <message>
        <source>Reason for cancelling (required)</source>
        <translation>Motif de l&apos;annulation (obligatoire)</translation>
    </message>
    <message>
        <source>For example: wrong family, wrong event</source>
        <translation>Par exemple : mauvaise famille, mauvais événement</translation>
    </message>
    <message>
        <source>Cancel the receipt</source>
        <translation>Annuler le reçu</translation>
    </message>
    <message>
        <source>Keep it</source>
        <translation>Le garder</translation>
    </message>
    <message>
        <source>Cancelling the receipt…</source>
        <translation>Annulation du reçu…</translation>
    </message>
</context>
<context>
    <name>VolunteerEditDialog</name>
    <message>
        <source>Edit volunteer %1</source>
        <translation>Modifier le bénévole %1</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Nom</translation>
    </message>
    <message>
        <source>Name in &amp;Arabic</source>
        <translation>Nom en &amp;arabe</translation>
    </message>
    <message>
        <source>&amp;Phone</source>
        <translation>Télé&amp;phone</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>VolunteersPage</name>
    <message>
        <source>Volunteers</source>
        <translation>Bénévoles</translation>
    </message>
    <message>
        <source>&amp;Event</source>
        <translation>É&amp;vénement</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Événement</translation>
    </message>
    <message>
        <source>New volunteer</source>
        <translation>Nouveau bénévole</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Nom</translation>
    </message>
    <message>
        <source>Name in &amp;Arabic</source>
        <translation>Nom en &amp;arabe</translation>
    </message>
    <message>
        <source>&amp;Phone</source>
        <translation>Télé&amp;phone</translation>
    </message>
    <message>
        <source>Check &amp;in</source>
        <translation>Pointer l&apos;a&amp;rrivée</translation>
    </message>
    <message>
        <source>Check &amp;out</source>
        <translation>Pointer le &amp;départ</translation>
    </message>
    <message>
        <source>A&amp;dd volunteer</source>
        <translation>A&amp;jouter le bénévole</translation>
    </message>
    <message>
        <source>Print the attendance &amp;sheet…</source>
        <translation>Imprimer la &amp;feuille de présence…</translation>
    </message>
    <message>
        <source>Show deactivated volunteers</source>
        <translation>Afficher les bénévoles désactivés</translation>
    </message>
    <message numerus="yes">
        <source>%n volunteer(s) on site</source>
        <translation>
            <numerusform>%n bénévole sur place</numerusform>
            <numerusform>%n bénévoles sur place</numerusform>
        </translation>
    </message>
    <message>
        <source>Edi&amp;t…</source>
        <translation>&amp;Modifier…</translation>
    </message>
    <message>
        <source>Deacti&amp;vate…</source>
        <translation>Désac&amp;tiver…</translation>
    </message>
    <message>
        <source>Reacti&amp;vate</source>
        <translation>Réac&amp;tiver</translation>
    </message>
    <message>
        <source>%1 checked in at %2.</source>
        <translation>%1 : arrivée pointée à %2.</translation>
    </message>
    <message>
        <source>%1 checked out at %2.</source>
        <translation>%1 : départ pointé à %2.</translation>
    </message>
    <message>
        <source>%1 added.</source>
        <translation>%1 ajouté(e).</translation>
    </message>
    <message>
        <source>%1 saved.</source>
        <translation>%1 : modifications enregistrées.</translation>
    </message>
    <message>
        <source>%1 is back on the roster.</source>
        <translation>%1 est de retour dans la liste des bénévoles.</translation>
    </message>
    <message>
        <source>%1 will no longer be on the roster nor offered for check-in. Their past attendance is kept, and they can be reactivated later (Show deactivated volunteers).</source>
        <translation>%1 ne figurera plus dans la liste des bénévoles et ne sera plus proposé(e) au pointage. Ses présences passées sont conservées, et la fiche pourra être réactivée plus tard (Afficher les bénévoles désactivés).</translation>
    </message>
    <message>
        <source>Deactivate a volunteer</source>
        <translation>Désactiver un bénévole</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>Désactiver</translation>
    </message>
    <message>
        <source>%1 is deactivated: off the roster, past attendance kept.</source>
        <translation>%1 est désactivé(e) : retiré(e) de la liste, présences passées conservées.</translation>
    </message>
    <message>
        <source>attendance</source>
        <translation>presence</translation>
    </message>
    <message>
        <source>Attendance sheet</source>
        <translation>Feuille de présence</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Writing the attendance sheet…</source>
        <translation>Écriture de la feuille de présence…</translation>
    </message>
    <message numerus="yes">
        <source>Attendance sheet written: %1 (%n page(s)).</source>
        <translation>
            <numerusform>Feuille de présence écrite : %1 (%n page).</numerusform>
            <numerusform>Feuille de présence écrite : %1 (%n pages).</numerusform>
        </translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
</context>
</TS>
