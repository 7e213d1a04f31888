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
    <name>AdminDevices</name>
    <message>
        <source>Revoked {when}</source>
        <extracomment>The username of the device&apos;s user (&quot;&quot; when the caller cannot see that user).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <source>Error</source>
        <extracomment>The row&apos;s key (a username, device id, partner code or event id) in every admin table. Marked with QT_TRANSLATE_NOOP(&quot;Columns&quot;, ...); translated when shown. The server said this laptop is revoked (the session has wiped the store). The sign-in expired: the app asks for the password again. The page&apos;s table (each page sets its own).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Administration needs the server: sign in online with an admin account.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AdminPartners</name>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deactivated</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AdminUsers</name>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deactivated</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AdminWorkspace</name>
    <message>
        <source>Administration</source>
        <extracomment>Which tabs each role sees; the server enforces the same on every call. The server said this laptop is revoked (its store is wiped): the app shows why. The sign-in expired: the app asks for the password again.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Administration is for administrators. Your role does not include it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>De&amp;vices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pa&amp;rtners</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audi&amp;t log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server &amp;health</source>
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
    <name>AuditPage</name>
    <message>
        <source>Audit events</source>
        <extracomment>The CSV keeps the server&apos;s exact time (the table shows minutes in local time).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by username</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by record id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From date (YYYY-MM-DD)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To date, included (YYYY-MM-DD)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User&amp;name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rec&amp;ord id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;ction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fro&amp;m date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To dat&amp;e</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Apply filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the events that match the filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xport CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the events shown to a CSV file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{text}” is not a date: write it as YYYY-MM-DD.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the audit log…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The newest {count} events; narrow the filters to see older ones.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} events.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} events written to {file}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file could not be written: {reason}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing the CSV file…</source>
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
        <source>App version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending changes at last sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
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
    <message>
        <source>Time</source>
        <extracomment>Actions the server writes, offered in the filter (any other can be typed).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record type</source>
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
        <source>Detail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Username</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
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
    <name>CreateUserDialog</name>
    <message>
        <source>New user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Username</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Display name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Username</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Display name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Partner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pass&amp;word</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Con&amp;firm password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At least 12 characters, not the username, not a common password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a username.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two passwords are not the same.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DevicesPage</name>
    <message>
        <source>Devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revo&amp;ke device…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke the selected device; it wipes itself at its next contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load the devices again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading devices…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} devices, {revoked} of them revoked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a device in the table first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That device is already revoked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke {device}?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The laptop “{device}” of {user} will be wiped on its next contact with the server: the PACE Casework data on it is deleted, including any changes not yet synced, and it can no longer sign in. This cannot be undone; to use it again, set it up afresh.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Revoke and wipe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{device} is revoked: it wipes itself at its next contact.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoking the device…</source>
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
        <source>Open e&amp;xisting person instead</source>
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
        <source>The current event is where new registrations are recorded.</source>
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
    <name>HealthPage</name>
    <message>
        <source>Server health</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask the server for its health again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking the server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This server has no admin health summary yet: showing its public health check ({source}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From {source}.</source>
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
        <source>A&amp;dministration…</source>
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
        <source>PACE Casework — Administration</source>
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
    <name>PartnerDialog</name>
    <message>
        <source>New partner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename {code}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partner code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. BORDERS_COLLEGE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partner name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Co&amp;de</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the partner&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PartnersPage</name>
    <message>
        <source>Partners</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New partner…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a partner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rena&amp;me…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename the selected partner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>D&amp;eactivate…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deactivate the selected partner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;activate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reactivate the selected partner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load the partners again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading partners…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} partners.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a partner in the table first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partner {code} created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating the partner…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partner {code} renamed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renaming the partner…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deactivate {code}?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No user of {name} will be able to sign in, and every laptop of the partner is revoked: each one wipes its local data at its next contact with the server, including changes not yet synced. Reactivating the partner later lets its users sign in again on newly set up laptops.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Deactivate and revoke laptops</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partner {code} deactivated; its laptops are revoked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deactivating the partner…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partner {code} reactivated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reactivating the partner…</source>
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
    <message>
        <source>Reset the password of {user}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm new password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New &amp;password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Con&amp;firm password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two passwords are not the same.</source>
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
    <name>RoleDialog</name>
    <message>
        <source>Role of {user}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Role</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <source>Adviser</source>
        <extracomment>Role codes (decisions.md #10) and how the app names them.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Analyst (statistics only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System administrator</source>
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
    <name>UsersPage</name>
    <message>
        <source>Users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New user…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set r&amp;ole…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the selected user&apos;s role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>D&amp;eactivate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deactivate the selected user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;activate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reactivate the selected user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset &amp;password…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set a new password for the selected user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load the users again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading users…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} users.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a user in the table first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User {user} created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating the user…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The role of {user} was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changing the role…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password of {user} was reset; their sessions ended.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resetting the password…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deactivate {user}?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{user} will no longer be able to sign in, and every laptop they use is revoked: each one wipes its local data the next time it contacts the server, including changes not yet synced. Reactivating them later does not restore the laptops; they set them up again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Deactivate and revoke laptops</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{user} was deactivated; their laptops are revoked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deactivating…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{user} can sign in again (on a newly set up laptop).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reactivating…</source>
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
