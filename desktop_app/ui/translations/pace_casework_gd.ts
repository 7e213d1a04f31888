<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="gd">
<context>
    <name></name>
    <message numerus="yes">
        <source>Duplicates</source>
        <comment>Not merged: the record to keep is shared with partners the other record is not, so the other record&apos;s engagements, referrals and outcomes would reach organisations the person has not agreed to. Merge the other way round, or have the owner record matching consent first.</comment>
        <extracomment>The server&apos;s refusals of a merge or an undo that the lead can act on (its ``error`` code).</extracomment>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Duplicates</source>
        <comment>Not merged: one of these records has already been merged. The lists are refreshed to show how things stand now.</comment>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Duplicates</source>
        <comment>That merge had already been undone; the list is refreshed.</comment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Duplicates</source>
        <comment>The server no longer holds one of these records or that merge (deleted, or merged elsewhere). The lists are refreshed.</comment>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Duplicates</source>
        <comment>The server refused this request as invalid.</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicates</source>
        <comment>The server said: {detail}</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
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
        <source>&amp;Data sharing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;tention</source>
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
        <source>&amp;Load more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the next older events that match the filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{text}” is not a date: write it as YYYY-MM-DD.</source>
        <extracomment>Events asked for at a time (the server&apos;s largest page).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the audit log…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The newest {count} events; “Load more” shows older ones.</source>
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
    <name>CaseloadPage</name>
    <message>
        <source>YYYY-MM-DD</source>
        <extracomment>A burst of saves or a sync rebuilds the index once, after this quiet time.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by adviser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by employer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by council area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registered on or after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registered on or before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-up needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anyone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open referral older than N days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No engagement for N days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>3-month outcome missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>6-month outcome missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>12-month outcome missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number of days for the follow-up filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caseload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>People per adviser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adviser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>People</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;dviser:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;vent:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;mployer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Council &amp;area:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registered &amp;from:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registered &amp;until:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F&amp;ollow-up:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Within:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All advisers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All employers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All council areas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the caseload…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} people</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChartPanel</name>
    <message>
        <source>Values marked [c] (withheld to protect confidentiality) or [x] (not available) are left out of the chart; they are not zero. The table gives every value.</source>
        <extracomment>Colour-blind-safe palette (Okabe-Ito), so series are told apart without relying on hue alone (the legend and the table name them too). Above this many categories, or with long names, bars run sideways so labels stay readable. Longest category name drawn on an axis. A table wider than this many columns, or with longer names, goes under its chart.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The chart shows totals only; the table gives every column.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No figures for this selection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chart: {title}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bar chart. The same figures are in the table next to it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Table: {title}</source>
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
        <extracomment>(sort key, header, the column&apos;s text)
----------
(sort key, header, the column&apos;s text of a PersonRow)</extracomment>
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
        <source>Left person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Right person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Probability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Right record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merged at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merged into it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undone at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Employer</source>
        <extracomment>The details column shows engagement notes and the referral&apos;s reason.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adviser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Council area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last engagement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open referrals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcomes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Person</source>
        <extracomment>The view asked for another order: (sort key, descending). The page re-queries.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Referred on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Age (days)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decline reason</source>
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
        <source>Engagements</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withheld from other partners</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set aside</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queued</source>
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
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Person (record id)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Conflicts</name>
    <message>
        <source>Keep the value shown now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the value set aside</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConflictsPage</name>
    <message>
        <source>Value shown now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value set aside</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep the value shown now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolve: keep the value shown now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the value set &amp;aside</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolve: keep the value set aside</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another value for this field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Use this value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolve: use the value typed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No open conflicts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open conflicts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Or type a&amp;nother value:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{field} of {record} ({kind})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolution saved; it is sent at the next sync.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Consent</name>
    <message>
        <source>Verbal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Electronic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All PACE partners</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the recording organisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not stated</source>
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
        <source>Ho&amp;w consent was given:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose who the person agreed may see their record: all PACE partners, chosen partners, or only your organisation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick at least one partner, or choose another option.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose how the person gave their consent: verbally, in writing or electronically.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConsentMethodChoice</name>
    <message>
        <source>How consent was given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose how consent was given…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConsentQuestion</name>
    <message>
        <source>Record consent first?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{person} has not agreed to share their record with {partner}, so the referral cannot be sent yet.

Has the person agreed to share their record with them? If so, their consent is recorded now, with how they gave it, and the referral is saved after it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ho&amp;w consent was given:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The person &amp;agreed: record &amp;&amp; refer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The person agreed: record consent and refer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose how the person gave their consent.</source>
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
    <name>DashboardsWorkspace</name>
    <message>
        <source>Re&amp;dundancies</source>
        <extracomment>(tab title, table ids shown on it, in order)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;gistrations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;ngagements</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Out&amp;comes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time out of wor&amp;k</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <extracomment>Tables whose columns measure different things (events, people affected): one chart each.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV file (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Statistics error</source>
        <extracomment>The server said this device is revoked (the session has wiped the store): message. The sign-in expired: the app should ask for the password again. A fetch or export finished (True) or failed (False); for tests and the status line.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetching figures for {what}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetching statistics from the server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The period ends before it starts: check the dates.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Figures for {what}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report saved to {path}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading the report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export quarterly workbook</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeclineDialog</name>
    <message>
        <source>Decline referral</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason for declining</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Why is this referral declined?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Decline</source>
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
    <name>Duplicates</name>
    <message>
        <source>Engagements</source>
        <extracomment>The child records a merge moves, in the order they are counted and shown.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Referrals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcomes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not on this laptop ({id})</source>
        <extracomment>False when the record is not (or no longer) in the local store. Field name → the text shown (a withheld field reads &quot;Withheld&quot;). Child record type → how many this person has here.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All partners</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withheld</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not on this laptop: sync, then look again.</source>
        <extracomment>One row per client field, then the owner, the child counts and the record id.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recorded by (owner)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not undone</source>
        <extracomment>Record id → the person&apos;s name, where this laptop holds the record.</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DuplicatesPage</name>
    <message>
        <source>Re&amp;fresh</source>
        <extracomment>One line per row, columns the user can widen: names and values side by side stay readable. The server said this laptop is revoked (the session has wiped the store). The sign-in expired: the app asks for the password again. Names of the people seen in pairs, so a merge still names the record merged away. Server calls (and the sync after a change) still running.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask the server again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Probable duplicates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two records side by side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep &amp;left, merge right into it…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the left record and merge the right one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep &amp;right, merge left into it…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the right record and merge the left one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent merges</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo merge…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo the selected merge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Probable &amp;duplicates:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Side &amp;by side (from this laptop&apos;s records):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Merges, newest first:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Probable duplicates come from the server: sign in online as a team lead or an administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking the server for probable duplicates…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading probable duplicates…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading recent merges…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Linkage has not run on the server yet, so there are no probable duplicates to review. An administrator runs it on the server (pace-sync-server link).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Linked at {time}: no probable duplicates among the records your partner sees.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Linked at {time}: {count} probable duplicate pair(s) to review.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline: probable duplicates come from the server. Refresh when this laptop is online.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The probable duplicates could not be loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline: recent merges come from the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent merges could not be loaded: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge two records of one person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Merge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep {kept} (recorded by {kept_by}) and merge {merged} (recorded by {merged_by}) into it?

• The merged record&apos;s {engagements} engagement(s), {referrals} referral(s) and {outcomes} outcome(s) move to the kept record.
• The merged record&apos;s id then leads to the kept record on every device, after its next sync.
• You can undo the merge later from Recent merges.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merging…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merging the two records…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merged. Moved to the kept record: {moved}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline: nothing was changed. Merging needs the server; try again when online.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Syncing this laptop…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This laptop shows it after its next sync ({problem}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Synchronising with the server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No merges yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo a merge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo the merge of {merged} into {kept} ({when})?

• Both records exist again; what moved goes back: {moved}.
• Every device shows the two records again after its next sync.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo merge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undoing the merge…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge undone.</source>
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
    <name>EraseDialog</name>
    <message>
        <source>Erase this person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Erase {name} and everything recorded about them: their details, consent history, engagements, referrals and outcomes, kept by any partner.

They are removed from the server now and from every laptop that holds them at its next sync. Edits still waiting on a laptop are refused. The audit keeps only that an erasure happened; statistics already published keep their anonymous counts.

This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the person&apos;s last name to confirm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To confirm, type their &amp;last name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Erase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Erase this person for good</source>
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
    <name>EventsReviewPage</name>
    <message>
        <source>Redundancy events and their figures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;lose event…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the selected event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close this event? Advisers can still record engagements and outcomes for people already registered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event closed.</source>
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
    <name>FilterBar</name>
    <message>
        <source>Period from</source>
        <extracomment>The default period: the twelve months up to today.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Council area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All council areas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All sectors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All partners</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xport quarterly workbook…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T&amp;o</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Council &amp;area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Partner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{start} to {end}</source>
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
    <name>ImportDialog</name>
    <message>
        <source>Import people</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File to import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Choose file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Column &amp;mapping:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Key column (the file&apos;s own reference):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Report:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chec&amp;k</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Column in the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Column mapping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows that would not be imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spreadsheets (*.csv *.xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field for column {column}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(not imported)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none: rows are known by what they say)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{rows} rows read. Check the mapping, then press Check.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking every row…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>may be someone already here ({why})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{valid} people valid, {refused} rows refused, {here} already imported, {duplicates} possible duplicates. Import adds {new} people, seen only by your organisation until their consent is recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported {count} people. They will be sent at the next sync.</source>
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
        <extracomment>Roles that review their partner&apos;s casework (team leads and the admins above them). Roles that see person records at all (analysts never do).</extracomment>
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
        <extracomment>The Statistics workspace once the shell has built it for a role that sees it.</extracomment>
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
        <source>&amp;Statistics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import people…</source>
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
        <extracomment>Roles that produce subject access reports (the server checks again). A change to the shown person was written (argument: the person&apos;s id).</extracomment>
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
        <source>Subject access report of this person (PDF)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline of engagements, referrals and outcomes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject access report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Erase this person…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Erase this person and all their records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ti&amp;meline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject access report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetching everything held about this person…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No subject access report: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The report could not be written: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject access report written to {path}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Erasing this person on the server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The person was not erased: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Erased the person and {count} records about them, on the server and here.</source>
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
        <source>Only the organisation that recorded them can erase them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withheld</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withheld under the data-sharing agreement</source>
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
        <extracomment>Roles that may import people from a partner&apos;s existing files.</extracomment>
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
        <source>Withheld</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{field}: Withheld</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withheld from your organisation under the data-sharing agreement: {fields}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Engagement</source>
        <extracomment>Column -&gt; the fields it shows that an agreement may withhold (see :meth:`withheld_note`).</extracomment>
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
    <name>ReferralsPage</name>
    <message>
        <source>Incoming referrals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outgoing referrals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Accept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept the referral</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Decline…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decline the referral, saying why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Complete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark the referral completed today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the person of the selected referral</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Referred to us</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Referred by us</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Referral accepted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Referral completed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Referral declined.</source>
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
        <source>Please choose how this person gave their consent.</source>
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
    <name>RetentionPage</name>
    <message>
        <source>People the retention rule erases</source>
        <extracomment>What a new installation&apos;s administrators are offered first; the partnership sets the rule.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> months</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Erase people with no activity for this many months</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Preview</source>
        <extracomment>The dry run the Erase button would carry out (None: preview first).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List the people the rule would erase, erasing nothing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Erase these people…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Erase the people listed, on the server and every laptop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No activity &amp;for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking the server who the rule covers…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>People with no activity since {cutoff}: {people} ({records} records in all). Nothing has been erased yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview again to see who the rule covers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Erase people under the retention rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Erase everyone with no activity for {months} months (people at the preview: {people}) and everything recorded about them, for every partner?

They are removed from the server now and from every laptop at its next sync. This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Erase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Erasing under the retention rule…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>People erased: {people} ({records} records in all).</source>
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
    <name>SharingPage</name>
    <message>
        <source>Person</source>
        <extracomment>The person&apos;s record first, then what is recorded about them, in the record model&apos;s order.</extracomment>
        <translation type="unfinished"></translation>
    </message>
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
        <source>Consent entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fields withheld from other partners</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask the server for the agreement again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record &amp;new version…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record the ticked fields as a new version of the agreement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking the server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No agreement has been recorded: partners a person&apos;s consent covers receive every field of their records.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version {version}, recorded by {who} on {when}. A ticked field is never sent to partners other than the one that recorded the record; the app shows it to them as “Withheld”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These partners have rules of their own, kept as they are: {partners}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record a new version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record these rules as version {version} of the data-sharing agreement?

Every laptop receives people&apos;s records again under the new rules at its next sync: newly withheld fields are removed from other partners&apos; laptops.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording the new version…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version {version} recorded. </source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SidePanel</name>
    <message>
        <source>Value:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this laptop</source>
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
    <name>StatsTableModel</name>
    <message>
        <source>[c]: withheld to protect confidentiality (a small number, or one that would reveal one)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[x]: not available</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SubjectAccess</name>
    <message>
        <source>Subject access: everything held about a person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Produced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Personal details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Engagements</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Referrals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcomes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who viewed, changed or received the record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
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
        <source>Record type</source>
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
        <source>Subject access</source>
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
        <extracomment>The &quot;has the person agreed, and how?&quot; question while it is open, else None.</extracomment>
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
        <source>This person</source>
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
    <name>WithheldModel</name>
    <message>
        <source>Withheld</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WorkspaceShell</name>
    <message>
        <source>Workspaces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+{n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} workspace</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Workspaces</name>
    <message>
        <source>Casework</source>
        <extracomment>Roles that see the statistics (decisions.md #10): never advisers. Roles that review probable duplicates and merge them (the server&apos;s merge API allows these). Roles that manage users and devices (system admins: every partner, and the partners). workspace → roles → factory, in the order the shell shows them (Ctrl+1..n).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caseload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Referrals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Administration</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>caseload</name>
    <message>
        <source>Another partner: {partner}</source>
        <extracomment>Everyone in the caseload (what the filter chose from). Matches per registering device (&apos;&apos; when unknown). (adviser name, matches), most matches first. One adviser&apos;s devices count together. The first rows in order (up to the page size the query was asked for). Rows read per query and per scroll. Each sort: its keys, and the index that holds them in that order (caseload_table.INDEXES). The adviser&apos;s order depends on names the store does not hold, so it is read one adviser at a time (``_adviser_page``), by surname within each. The partner of each device&apos;s people, for devices not named above (read at open).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device {device}</source>
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
    <message>
        <source>That password is not right for this profile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no space left on this computer&apos;s disk, so the change was not saved. Free some disk space and try again; nothing else was lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That record is no longer in this store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The saved key for this profile is damaged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer has not been set up yet: sign in online first.</source>
        <extracomment>ProfileMeta.token_location of every profile this version writes. Roles that never hold a person&apos;s record (decisions.md #10): statistics only, no record sync. Roles the server answers ``GET /api/v1/stats`` for (advisers get 403). True after the last contact with the server worked, False after it failed, None before. Shown once when no secure keyring exists (decisions.md #1), else None. After a remote wipe that could not remove everything: what is left, else None. Messages of SQLCipher/SQLite errors that mean the file itself is damaged (wrong bytes, a page failing its HMAC), not a bug in our code. &quot;keyring&quot; or &quot;file&quot;: where the wrapped store key is kept. Where the access token is kept: &quot;store&quot; (inside the encrypted store). &quot;keyring&quot; only in profiles of older versions, moved into the store at their next unlock.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile settings file is damaged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This profile is already set up; unlock it instead.</source>
        <extracomment>After a remote wipe that could not remove everything: what is left, for the UI. Shown once by the UI when no secure keyring exists (decisions.md #1), else None.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A password is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The encrypted store file is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key for this profile is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The encrypted store could not be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new password cannot be empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store is locked.</source>
        <extracomment>Per record type, the fields the data-sharing agreement withholds from this partner in records another partner wrote (JSON, from the server&apos;s last pull page). ``consent_method`` for people an import brings in (storage/importing.py): nobody asked them, so they are shared with nobody beyond the importing partner and no consent is recorded for them (no consent history entry, as ``pace-sync-server import`` writes none) until an adviser records it. Accepted only for a new person shared with nobody; never to widen sharing. The corrected wall clock under ``clock`` (set by the session); None in bare tests. Who records consent on this device (the signed-in username; set by the session).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server did not accept that password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database engine is plain SQLite, not SQLCipher; refusing to store data unencrypted. Reinstall PACE Casework.</source>
        <extracomment>Execution option that makes a transaction start with ``BEGIN IMMEDIATE`` (takes the write lock up front, so two writers queue on busy_timeout instead of failing mid-transaction).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The encrypted store is damaged: it cannot be read with its key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This person has not agreed to share their record with {partner}. Only {owner}, who recorded them, can record that consent: ask {owner} to record it, then make the referral. Nothing was saved.</source>
        <extracomment>The person&apos;s consent already covers the partner: refer. Not covered, and this partner owns the record: it may record consent first. Not covered, and another partner owns the record: only the owner can record consent.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This person has not agreed to share their record with {partner}: record their consent first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say how the person gave their consent to share with {partner}. Nothing was saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store was written by a newer or unknown version of PACE Casework.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The encrypted store is damaged: {damage}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The encrypted store is damaged: some of its pages fail their integrity check.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s health answer did not follow the sync contract.</source>
        <extracomment>How many open conflicts one sync caches (the server&apos;s page limit).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s answer did not follow the sync contract.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server sent an answer that is not JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sync server cannot be reached; working offline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request failed: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your sign-in has expired or was refused. Please sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An administrator revoked this device, so its local data has been wiped. Ask your team lead to enrol it again if it was revoked by mistake.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server still refuses this computer&apos;s clock; your changes are kept and will be sent at the next sync. Check the date and time settings.</source>
        <extracomment>progress(done, total or None when unknown, message for the status bar) Conflict resolutions queued offline that the server accepted at this sync. Plain sentences about queued resolutions the server could not apply (e.g. another lead resolved the conflict first); the queued choice is dropped, nothing crashes. Open conflicts now cached for review; None for roles that do not review conflicts. Audit ``viewed`` events delivered at this sync.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server did not acknowledge any of the changes sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused our clock but sent no usable time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server sent a malformed clock value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s subject access answer was not understood.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s answer to the erasure was not understood.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>records</name>
    <message>
        <source>1 Managers, directors and senior officials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>2 Professional occupations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>3 Associate professional occupations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>4 Administrative and secretarial occupations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>5 Skilled trades occupations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>6 Caring, leisure and other service occupations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>7 Sales and customer service occupations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>8 Process, plant and machine operatives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>9 Elementary occupations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accepted by the receiving partner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attendees</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Benefits advice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CV support</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent recorded at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Council area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date announced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Declined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Electronic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Employed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Employer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Employer name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Female</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Highest qualification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How consent was given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In education</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Information session for staff</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Initial meeting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Initial session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind of support</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last day in the job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Male</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Money advice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Months after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NI number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No qualifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not known</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number affected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Occupation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Occupation group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One-to-one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open (made, not yet taken up)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prefer not to say</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Presentation to the employer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason declined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recorded at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recorded on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recruitment event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redundancy planning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Referred on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Referred to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SCQF levels 11–12 (e.g. master&apos;s degree, doctorate)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SCQF levels 1–4 (e.g. National 1–4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SCQF levels 5–6 (e.g. National 5, Higher)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SCQF levels 7–10 (e.g. Advanced Higher, HNC, HND, degree)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sector (SIC 2007 section)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Self-employed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sex</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training funding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training needs analysis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unemployed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verbal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wellbeing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes</source>
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
<context>
    <name>validation</name>
    <message>
        <source>does not match the existing record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>has been deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only a rejected edit can be corrected and resent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>say how the person gave their consent: verbally, in writing or electronically</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a date in the form YYYY-MM-DD</source>
        <extracomment>Support given to an employer (a meeting, a presentation), not to a person. Visible to every partner. Visible exactly where their client is; the value is the field naming the client. What each record type is, in one sentence (the data standard prints it). ``share_with`` value meaning every partner. The answer every personal question offers (decisions.md #9). SOC 2020 major groups. Canonical UUIDs only: lower-case hex, 8-4-4-4-12. Upper case is refused, not normalised, because an id is the client&apos;s own and never rewritten (decisions.md #3). Zero-width joiner and non-joiner: format characters some scripts need inside names. Line structure long text keeps; every other control character is refused. Control (Cc), format (Cf: bidi overrides, zero-width characters) and lone surrogates (Cs, which no UTF-8 store can hold). Personal data: never logged, never in audit values, scanned for in the canary tests. A name: NFC-normalised, and may hold the joiners some scripts need (NAME_JOINERS). Human labels of ``choices``, in the same order (empty: derived from the values). One sentence saying what the field records (the data standard prints it). A person and everything recorded about them: the types a data-sharing agreement covers.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a date and time in ISO 8601 form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a time needs its time zone (UTC, ending in Z)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be a whole number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be at least {minimum}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is too large</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown partner {code}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be a list of partner codes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;ALL&quot; cannot be combined with other partners</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be at most {count} characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be a single line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>contains an invisible or control character ({code_point})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be one of {choices}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a valid date (YYYY-MM-DD)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is outside the range of plausible dates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a valid date and time (ISO 8601, UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a valid e-mail address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a valid National Insurance number</source>
        <extracomment>Checks of values that are not text. Checks of text values, given the text with surrounding spaces stripped.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a valid UK postcode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a valid phone number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a valid record id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown record type {type}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown field</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
