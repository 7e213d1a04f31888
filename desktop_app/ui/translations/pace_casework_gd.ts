<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="gd">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About PACE Casework</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PACE Casework version {version}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline case management for PACE partners in Scotland.
Qt {qt}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the About box</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AppController</name>
    <message>
        <source>An administrator has revoked this laptop&apos;s access to PACE Casework, so the local data on it has been wiped. If this is a mistake, ask your team lead or IT team, then set the laptop up again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An administrator has revoked this laptop&apos;s access to PACE Casework. Its local store was deleted, but not everything could be removed: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PACE demo laptop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlocking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Setting up the demo: downloading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No secure keyring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This laptop was revoked</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChoiceRow</name>
    <message>
        <source>Not answered</source>
        <extracomment>(field, mnemonic letter) in tab order. The letters are free on the Register and People tabs. Qt translation context of the record model&apos;s labels.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{field} {problem}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Columns</name>
    <message>
        <source>Last name</source>
        <extracomment>(sort key, header, the column&apos;s text of a PersonRow)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NI number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Employer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Council area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Announced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Affected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConsentBox</name>
    <message>
        <source>Consent to share with other PACE partners</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent to share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;All PACE partners</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chosen pa&amp;rtners:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Only my organisation (no sharing)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share with all PACE partners</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share with chosen partners</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do not share with other partners</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partners to share with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick at least one partner, or choose another option.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DuplicatePanel</name>
    <message>
        <source>Possible existing records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Possible duplicates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Possible duplicate people</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open existing person instea&amp;d</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the selected existing person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 person already in the store may be this person. Check before saving a new record.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} persons already in the store may be this person. Check before saving a new record.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No similar person found so far.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EmployerSupportDialog</name>
    <message>
        <source>Record employer support</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Kind of support</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Attendees</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store is locked; unlock it and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EnrolDialog</name>
    <message>
        <source>PACE Casework — set up this laptop</source>
        <extracomment>(profile, server_url, username, password, device_name, progress) -&gt; session</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect once to the PACE sync server to set up this laptop. After that you can work offline and unlock with your password alone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ser&amp;ver address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Username</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Username</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Device name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set-up progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Set up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>server address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>username</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>device name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please fill in: {fields}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Setting up this laptop…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloaded {count} records…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The username or password was not accepted by the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not reach the server: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EventDialog</name>
    <message>
        <source>New redundancy event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Employer (pick or type a new name)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick an employer or type a new one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sector of a new employer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(not known)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Council area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date announced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number affected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Make this the current event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Employer *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sec&amp;tor (new employer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;ite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Co&amp;uncil area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date &amp;announced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Number affected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Employer is required: pick one or type a new name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store is locked; unlock it and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EventsPage</name>
    <message>
        <source>Redundancy events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New event…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a new redundancy event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make c&amp;urrent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make the selected event the current event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Employer &amp;support…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record support given to the selected event&apos;s employer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The current event is where new registrations are recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an event first, then record the support given.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FieldRow</name>
    <message>
        <source>{field} (required)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{field} error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{field} {problem}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FixChangeDialog</name>
    <message>
        <source>Fix and resend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server said: {reason} — {detail}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server said: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Resend</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JobRunner</name>
    <message>
        <source>Please wait</source>
        <extracomment>True once the progress dialog has been shown (it is closed when the job ends).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;1 Register</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;2 People</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;3 Events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync &amp;now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Rejected changes…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About PACE Casework…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PACE Casework</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PACE Casework — {name} ({partner})</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>The local store on this laptop could not be read: it looks damaged. It was left exactly as it was. You can set it aside and rebuild it from the server, or ask your IT team.</source>
        <extracomment>What a password dialog runs: unlock answers the session, sign-in-again answers None. Set the damaged store aside and rebuild from the server: (password, progress) -&gt; session.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rebuild this laptop&apos;s records?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PACE Casework will move the damaged files to a folder beside them, where they stay untouched for your IT team to examine; nothing in them is read or sent anywhere. It will then sign you in again and download a fresh copy of your records from the sync server. This needs a connection to the server and can take a few minutes.

Changes made on this laptop that had not been synced yet cannot be recovered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <extracomment>The server said device_revoked (the session has wiped the store): the app takes over.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Rebuild from the server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set the damaged store aside and rebuild it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please type your password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the password…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong password. Nothing was changed; please try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{summary}
What was found: {detail}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server did not accept that password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not reach the server: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type your password first: the rebuild needs it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Set aside and rebuild</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rebuilding this laptop&apos;s records from the server…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PeoplePage</name>
    <message>
        <source>Search people</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name, NI number, postcode or event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>People</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} people</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PersonFields</name>
    <message>
        <source>&amp;First name</source>
        <extracomment>(field, label with mnemonic, placeholder) in tab order; translated in PersonFields.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Last name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date of &amp;birth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;NI number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;E-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Post&amp;code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Occ&amp;upation</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PersonView</name>
    <message>
        <source>No person selected</source>
        <extracomment>A change to the shown person was written (argument: the person&apos;s id).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sa&amp;ve changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save changes to this person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add en&amp;gagement…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ma&amp;ke a referral…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recor&amp;d an outcome…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add engagement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add referral</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline of engagements, referrals and outcomes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ti&amp;meline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That person is no longer in this store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recorded by {partner}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · consent recorded {when}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · has a sync conflict for a team lead to review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · changes not yet synced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please correct the highlighted fields.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lock after this many idle minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Lock when idle for</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Records</name>
    <message>
        <source>Engagement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Referral</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To {partner} ({status})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{status}, 1 month after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{status}, {months} months after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not yet synced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Synced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown employer</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RegistrationForm</name>
    <message>
        <source>&amp;Save and next person  (Enter)</source>
        <extracomment>Types whose change alters the current-event banner. A form&apos;s values as the core&apos;s validators take them.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save this person and start the next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear for&amp;m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear the form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registration status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No current event chosen: people are registered without an event. Choose one on the Events tab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The current event is no longer available.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registering people at: {event}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate check unavailable: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving {name}… Ready for the next person.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please correct the highlighted fields.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please choose who this person agreed to share with.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved {name} at {time}. Ready for the next person.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} was not saved: {reason} Please enter them again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RejectedDialog</name>
    <message>
        <source>Rejected changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused these changes. The rest of your changes were sent as usual. Correct a change and resend it, or discard it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server&apos;s detail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Fix and resend…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Discard…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not resend: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard this change for good? It will not be sent to the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not discard: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StatisticsFields</name>
    <message>
        <source>About their job and themselves (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional questions for statistics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DD/MM/YYYY</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncScheduler</name>
    <message>
        <source>Synchronising with the server…</source>
        <extracomment>(online, message) after each attempt.</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncStatusBar</name>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>today {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Synchronise now (F5 or Ctrl+Shift+S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⟳ Syncing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>● Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>● Offline (retry in {seconds} s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>● Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last sync: {when}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending changes: {count}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 rejected change…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} rejected changes…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TimelineEntryDialog</name>
    <message>
        <source>Add engagement</source>
        <extracomment>The &quot;has the person agreed?&quot; question while it is open, else None.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add referral</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Referred to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;To partner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>St&amp;atus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Months after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started o&amp;n (job, training or course)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DD/MM/YYYY</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store is locked; unlock it and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record consent first?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{person} has not agreed to share their record with {partner}, so the referral cannot be sent yet.

Has the person agreed to share their record with them? If so, their consent is recorded now and the referral is saved after it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The person agreed: record &amp;&amp; refer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: the person&apos;s consent was not recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>Something unexpected went wrong ({name}). Nothing you typed was lost. The details were written to the log for the IT team; please try again, and tell them if it happens again.</source>
        <extracomment>Another error the core raises on purpose; its message is fit to show. Not one of the core&apos;s errors: a bug.</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>relogin_dialog</name>
    <message>
        <source>Sign in again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sync server asked you to sign in again. Your unsynced changes are kept and will be sent once you have signed in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>unlock_dialog</name>
    <message>
        <source>PACE Casework is locked. Type your password for {username} to unlock it. This works offline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PACE Casework is locked. Type your password to unlock it. This works offline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PACE Casework — locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
