<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ApprovalQueuePage</name>
    <message>
        <source>Waited</source>
        <translation>Waited</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>Borrower</source>
        <translation>Borrower</translation>
    </message>
    <message>
        <source>Extension</source>
        <translation>Extension</translation>
    </message>
    <message>
        <source>Waiver</source>
        <translation>Waiver</translation>
    </message>
    <message>
        <source>Rate cut</source>
        <translation>Rate cut</translation>
    </message>
    <message>
        <source>PV loss</source>
        <translation>PV loss</translation>
    </message>
    <message>
        <source>Needs</source>
        <translation>Needs</translation>
    </message>
    <message>
        <source>Why it needs a decision</source>
        <translation>Why it needs a decision</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <source>%1 d</source>
        <translation>%1 d</translation>
    </message>
    <message>
        <source>Your own proposal</source>
        <translation>Your own proposal</translation>
    </message>
    <message numerus="yes">
        <source>%n plan(s) waiting for a decision</source>
        <translation>
            <numerusform>%n plan(s) waiting for a decision</numerusform>
            <numerusform>%n plan(s) waiting for a decision</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose a plan first.</source>
        <translation>Choose a plan first.</translation>
    </message>
    <message>
        <source>You cannot decide a plan you proposed yourself: another lead or an administrator decides it.</source>
        <translation>You cannot decide a plan you proposed yourself: another lead or an administrator decides it.</translation>
    </message>
    <message>
        <source>Beyond your authority: %1. It goes on to an administrator.</source>
        <translation>Beyond your authority: %1. It goes on to an administrator.</translation>
    </message>
    <message>
        <source>Write a comment for the agent: rejecting or returning a plan needs a reason.</source>
        <translation>Write a comment for the agent: rejecting or returning a plan needs a reason.</translation>
    </message>
    <message>
        <source>Decision saved; it is sent with the next sync.</source>
        <translation>Decision saved; it is sent with the next sync.</translation>
    </message>
    <message>
        <source>%1 — %2: %3</source>
        <translation>%1 — %2: %3</translation>
    </message>
    <message>
        <source>conflict</source>
        <translation>conflict</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>refused</translation>
    </message>
    <message>
        <source>Approvals (administrator)</source>
        <translation>Approvals (administrator)</translation>
    </message>
    <message>
        <source>Approvals</source>
        <translation>Approvals</translation>
    </message>
    <message>
        <source>Decisions the server did not take</source>
        <translation>Decisions the server did not take</translation>
    </message>
    <message>
        <source>Re-open plan</source>
        <translation>Re-open plan</translation>
    </message>
    <message>
        <source>Open case</source>
        <translation>Open case</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Dismiss</translation>
    </message>
</context>
<context>
    <name>AttentionDialog</name>
    <message>
        <source>Call record</source>
        <translation>Call record</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Promise to pay</source>
        <translation>Promise to pay</translation>
    </message>
    <message>
        <source>Plan proposal</source>
        <translation>Plan proposal</translation>
    </message>
    <message>
        <source>Plan withdrawal</source>
        <translation>Plan withdrawal</translation>
    </message>
    <message>
        <source>Plan decision</source>
        <translation>Plan decision</translation>
    </message>
    <message>
        <source>Reassignment</source>
        <translation>Reassignment</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <source>Contact preference</source>
        <translation>Contact preference</translation>
    </message>
    <message>
        <source>Contact preference cleared</source>
        <translation>Contact preference cleared</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>Needs attention</translation>
    </message>
    <message>
        <source>The server did not accept these changes. Read why, fix what is needed on the case, then acknowledge each one.</source>
        <translation>The server did not accept these changes. Read why, fix what is needed on the case, then acknowledge each one.</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>Answered</translation>
    </message>
    <message>
        <source>Borrower</source>
        <translation>Borrower</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>&amp;Open case</source>
        <translation>&amp;Open case</translation>
    </message>
    <message>
        <source>&amp;Acknowledge</source>
        <translation>&amp;Acknowledge</translation>
    </message>
</context>
<context>
    <name>CallOutcomeForm</name>
    <message>
        <source>(choose the result)</source>
        <translation>(choose the result)</translation>
    </message>
    <message>
        <source>(not known yet)</source>
        <translation>(not known yet)</translation>
    </message>
    <message>
        <source>(not marked)</source>
        <translation>(not marked)</translation>
    </message>
    <message>
        <source>Enter the promised amount as a number, e.g. 500.00.</source>
        <translation>Enter the promised amount as a number, e.g. 500.00.</translation>
    </message>
    <message>
        <source>Choose the result of the call.</source>
        <translation>Choose the result of the call.</translation>
    </message>
    <message>
        <source>&amp;Result</source>
        <translation>&amp;Result</translation>
    </message>
    <message>
        <source>Reason for &amp;delinquency</source>
        <translation>Reason for &amp;delinquency</translation>
    </message>
    <message>
        <source>Borrower&apos;s &amp;mood</source>
        <translation>Borrower&apos;s &amp;mood</translation>
    </message>
    <message>
        <source>&amp;Notes</source>
        <translation>&amp;Notes</translation>
    </message>
    <message>
        <source>&amp;Promise to pay</source>
        <translation>&amp;Promise to pay</translation>
    </message>
    <message>
        <source>&amp;Amount</source>
        <translation>&amp;Amount</translation>
    </message>
    <message>
        <source>&amp;By</source>
        <translation>&amp;By</translation>
    </message>
    <message>
        <source>Next &amp;follow-up</source>
        <translation>Next &amp;follow-up</translation>
    </message>
    <message>
        <source>&amp;Save call</source>
        <translation>&amp;Save call</translation>
    </message>
</context>
<context>
    <name>CallOutcomePreferencesButton</name>
    <message>
        <source>Borrower&apos;s contact &amp;preferences…</source>
        <translation>Borrower&apos;s contact &amp;preferences…</translation>
    </message>
    <message>
        <source>The borrower asked not to be called at work, opted out of a channel, or named times that are inconvenient: record it here</source>
        <translation>The borrower asked not to be called at work, opted out of a channel, or named times that are inconvenient: record it here</translation>
    </message>
</context>
<context>
    <name>CallWorkspace</name>
    <message>
        <source>Call · %1</source>
        <translation>Call · %1</translation>
    </message>
    <message>
        <source>Third party on the line: debt details hidden</source>
        <translation>Third party on the line: debt details hidden</translation>
    </message>
    <message>
        <source>Overdue %1 · %2 · %3</source>
        <translation>Overdue %1 · %2 · %3</translation>
    </message>
    <message>
        <source>Schedule a follow-up at %1 (%2 time)</source>
        <translation>Schedule a follow-up at %1 (%2 time)</translation>
    </message>
    <message>
        <source>Waiting will not make this call allowed.</source>
        <translation>Waiting will not make this call allowed.</translation>
    </message>
    <message>
        <source>Call blocked (%1): call at the next allowed time</source>
        <translation>Call blocked (%1): call at the next allowed time</translation>
    </message>
    <message>
        <source>Follow-up scheduled for %1 (%2 time).</source>
        <translation>Follow-up scheduled for %1 (%2 time).</translation>
    </message>
    <message>
        <source>AgentDesk Consumer Finance</source>
        <translation>AgentDesk Consumer Finance</translation>
    </message>
    <message>
        <source>Block overridden (%1): %2</source>
        <translation>Block overridden (%1): %2</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Call</translation>
    </message>
    <message>
        <source>&amp;End call</source>
        <translation>&amp;End call</translation>
    </message>
    <message>
        <source>&amp;Number</source>
        <translation>&amp;Number</translation>
    </message>
    <message>
        <source>&amp;Call</source>
        <translation>&amp;Call</translation>
    </message>
    <message>
        <source>Override the block</source>
        <translation>Override the block</translation>
    </message>
    <message>
        <source>Your role may override this block. Write why; the reason is recorded with the call and audited.</source>
        <translation>Your role may override this block. Write why; the reason is recorded with the call and audited.</translation>
    </message>
    <message>
        <source>&amp;Override and call</source>
        <translation>&amp;Override and call</translation>
    </message>
</context>
<context>
    <name>CaseQueueModel</name>
    <message>
        <source>Priority</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>Borrower</source>
        <translation>Borrower</translation>
    </message>
    <message>
        <source>DPD</source>
        <translation>DPD</translation>
    </message>
    <message>
        <source>Bucket</source>
        <translation>Bucket</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>Next action</source>
        <translation>Next action</translation>
    </message>
    <message>
        <source>Promise</source>
        <translation>Promise</translation>
    </message>
    <message>
        <source>Last contact</source>
        <translation>Last contact</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Stage</translation>
    </message>
    <message>
        <source>Holds</source>
        <translation>Holds</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>Days past due</source>
        <translation>Days past due</translation>
    </message>
    <message>
        <source>Amount overdue</source>
        <translation>Amount overdue</translation>
    </message>
    <message>
        <source>When the next action is due</source>
        <translation>When the next action is due</translation>
    </message>
</context>
<context>
    <name>CaseView</name>
    <message>
        <source>Case</source>
        <translation>Case</translation>
    </message>
    <message>
        <source>This case is no longer in your queue</source>
        <translation>This case is no longer in your queue</translation>
    </message>
    <message numerus="yes">
        <source>%n op(s) waiting to sync</source>
        <translation>
            <numerusform>%n op waiting to sync</numerusform>
            <numerusform>%n ops waiting to sync</numerusform>
        </translation>
    </message>
    <message>
        <source>Not known</source>
        <translation>Not known</translation>
    </message>
    <message>
        <source>Reassigned: leaves your queue once your changes are sent.</source>
        <translation>Reassigned: leaves your queue once your changes are sent.</translation>
    </message>
    <message>
        <source>None</source>
        <translation>None</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Who</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>When</source>
        <translation>When</translation>
    </message>
    <message>
        <source>What</source>
        <translation>What</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>Saved here; sent at the next sync</source>
        <translation>Saved here; sent at the next sync</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>Needs attention</translation>
    </message>
    <message>
        <source>%1 by %2 — %3</source>
        <translation>%1 by %2 — %3</translation>
    </message>
    <message>
        <source>Plan proposed — %1</source>
        <translation>Plan proposed — %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 over %n month(s) at %2, from %4 (%3)</source>
        <translation>
            <numerusform>%1 over %n month at %2, from %4 (%3)</numerusform>
            <numerusform>%1 over %n months at %2, from %4 (%3)</numerusform>
        </translation>
    </message>
    <message>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>Principal</source>
        <translation>Principal</translation>
    </message>
    <message>
        <source>Interest</source>
        <translation>Interest</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Paid</translation>
    </message>
    <message>
        <source>Paid on</source>
        <translation>Paid on</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>Proposed</source>
        <translation>Proposed</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Lead&apos;s comment</source>
        <translation>Lead&apos;s comment</translation>
    </message>
    <message>
        <source>Revealing needs the server, which records who looked: you are offline.</source>
        <translation>Revealing needs the server, which records who looked: you are offline.</translation>
    </message>
    <message>
        <source>Show the full value (recorded in the audit log)</source>
        <translation>Show the full value (recorded in the audit log)</translation>
    </message>
    <message>
        <source>Offline: you can keep working; calls, notes, promises and plans are saved here and sent when the connection is back.</source>
        <translation>Offline: you can keep working; calls, notes, promises and plans are saved here and sent when the connection is back.</translation>
    </message>
    <message>
        <source>Reveal</source>
        <translation>Reveal</translation>
    </message>
    <message>
        <source>Why do you need the full value? (kept in the audit log)</source>
        <translation>Why do you need the full value? (kept in the audit log)</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>Add note</translation>
    </message>
    <message>
        <source>Note for the case history:</source>
        <translation>Note for the case history:</translation>
    </message>
    <message>
        <source>Add &amp;note…</source>
        <translation>Add &amp;note…</translation>
    </message>
    <message>
        <source>Propose &amp;plan…</source>
        <translation>Propose &amp;plan…</translation>
    </message>
    <message>
        <source>&amp;Call…</source>
        <translation>&amp;Call…</translation>
    </message>
    <message>
        <source>Why this case is here</source>
        <translation>Why this case is here</translation>
    </message>
    <message>
        <source>Borrower</source>
        <translation>Borrower</translation>
    </message>
    <message>
        <source>National ID:</source>
        <translation>National ID:</translation>
    </message>
    <message>
        <source>&amp;Reveal</source>
        <translation>&amp;Reveal</translation>
    </message>
    <message>
        <source>Show the full ID number (recorded in the audit log)</source>
        <translation>Show the full ID number (recorded in the audit log)</translation>
    </message>
    <message>
        <source>Born:</source>
        <translation>Born:</translation>
    </message>
    <message>
        <source>Local time:</source>
        <translation>Local time:</translation>
    </message>
    <message>
        <source>Income / expenses:</source>
        <translation>Income / expenses:</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>Balance</translation>
    </message>
    <message>
        <source>Principal overdue:</source>
        <translation>Principal overdue:</translation>
    </message>
    <message>
        <source>Interest overdue:</source>
        <translation>Interest overdue:</translation>
    </message>
    <message>
        <source>Penalty:</source>
        <translation>Penalty:</translation>
    </message>
    <message>
        <source>Fees:</source>
        <translation>Fees:</translation>
    </message>
    <message>
        <source>Total overdue:</source>
        <translation>Total overdue:</translation>
    </message>
    <message>
        <source>Outstanding balance:</source>
        <translation>Outstanding balance:</translation>
    </message>
    <message>
        <source>Loan:</source>
        <translation>Loan:</translation>
    </message>
    <message>
        <source>Holds and flags</source>
        <translation>Holds and flags</translation>
    </message>
    <message>
        <source>Contact points</source>
        <translation>Contact points</translation>
    </message>
    <message>
        <source>Reveal &amp;number</source>
        <translation>Reveal &amp;number</translation>
    </message>
    <message>
        <source>Show the selected number in full (recorded in the audit log)</source>
        <translation>Show the selected number in full (recorded in the audit log)</translation>
    </message>
    <message>
        <source>History</source>
        <translation>History</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Schedule</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>Payments</translation>
    </message>
    <message>
        <source>Plans</source>
        <translation>Plans</translation>
    </message>
    <message>
        <source>Next action: none scheduled</source>
        <translation>Next action: none scheduled</translation>
    </message>
    <message>
        <source>Next action: %1</source>
        <translation>Next action: %1</translation>
    </message>
    <message>
        <source>Schedule follo&amp;w-up…</source>
        <translation>Schedule follo&amp;w-up…</translation>
    </message>
</context>
<context>
    <name>CompliancePage</name>
    <message>
        <source>Fetching the flagged contacts…</source>
        <translation>Fetching the flagged contacts…</translation>
    </message>
    <message>
        <source>When</source>
        <translation>When</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>Borrower</source>
        <translation>Borrower</translation>
    </message>
    <message>
        <source>Loan</source>
        <translation>Loan</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>Rules broken</source>
        <translation>Rules broken</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Banned words: %1</source>
        <translation>Banned words: %1</translation>
    </message>
    <message>
        <source>%1 flagged contact(s) in the team; showing the newest %2.</source>
        <translation>%1 flagged contact(s) in the team; showing the newest %2.</translation>
    </message>
    <message>
        <source>Compliance</source>
        <translation>Compliance</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Open case</source>
        <translation>Open case</translation>
    </message>
    <message>
        <source>Press Refresh to fetch the flagged contacts.</source>
        <translation>Press Refresh to fetch the flagged contacts.</translation>
    </message>
</context>
<context>
    <name>ContactPreferences</name>
    <message>
        <source>Mon</source>
        <translation>Mon</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>Tue</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>Wed</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>Thu</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>Fri</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>Sat</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>Sun</translation>
    </message>
    <message>
        <source>Said on a call</source>
        <translation>Said on a call</translation>
    </message>
    <message>
        <source>In a message reply</source>
        <translation>In a message reply</translation>
    </message>
    <message>
        <source>In writing</source>
        <translation>In writing</translation>
    </message>
    <message>
        <source>In person</source>
        <translation>In person</translation>
    </message>
    <message>
        <source>From the lender&apos;s records</source>
        <translation>From the lender&apos;s records</translation>
    </message>
    <message>
        <source>a contact point no longer on file</source>
        <translation>a contact point no longer on file</translation>
    </message>
    <message>
        <source>every day</source>
        <translation>every day</translation>
    </message>
    <message>
        <source>weekdays</source>
        <translation>weekdays</translation>
    </message>
    <message>
        <source>weekends</source>
        <translation>weekends</translation>
    </message>
    <message>
        <source>all of the borrower&apos;s own contact points</source>
        <translation>all of the borrower&apos;s own contact points</translation>
    </message>
    <message>
        <source>No %1 — %2</source>
        <translation>No %1 — %2</translation>
    </message>
    <message>
        <source>Employer forbids contact — %1</source>
        <translation>Employer forbids contact — %1</translation>
    </message>
    <message>
        <source>any channel</source>
        <translation>any channel</translation>
    </message>
    <message>
        <source>Inconvenient: %1 %2–%3 (%4)</source>
        <translation>Inconvenient: %1 %2–%3 (%4)</translation>
    </message>
    <message>
        <source>(waiting to sync)</source>
        <translation>(waiting to sync)</translation>
    </message>
    <message>
        <source>Any channel</source>
        <translation>Any channel</translation>
    </message>
    <message>
        <source>All of the borrower&apos;s own contact points</source>
        <translation>All of the borrower&apos;s own contact points</translation>
    </message>
    <message>
        <source>no calls</source>
        <translation>no calls</translation>
    </message>
    <message>
        <source>employer forbids contact</source>
        <translation>employer forbids contact</translation>
    </message>
</context>
<context>
    <name>ContactPreferencesDialog</name>
    <message>
        <source>Nothing recorded.</source>
        <translation>Nothing recorded.</translation>
    </message>
    <message>
        <source>Recorded. It applies at once and is sent on the next sync.</source>
        <translation>Recorded. It applies at once and is sent on the next sync.</translation>
    </message>
    <message>
        <source>Contact preferences</source>
        <translation>Contact preferences</translation>
    </message>
    <message>
        <source>What the borrower (or their employer) said about being contacted. It holds for every case of this borrower and is enforced on every desktop once synced.</source>
        <translation>What the borrower (or their employer) said about being contacted. It holds for every case of this borrower and is enforced on every desktop once synced.</translation>
    </message>
    <message>
        <source>In force for this borrower</source>
        <translation>In force for this borrower</translation>
    </message>
    <message>
        <source>C&amp;lear selected</source>
        <translation>C&amp;lear selected</translation>
    </message>
    <message>
        <source>How it was said</source>
        <translation>How it was said</translation>
    </message>
    <message>
        <source>&amp;Said by:</source>
        <translation>&amp;Said by:</translation>
    </message>
    <message>
        <source>&amp;Words:</source>
        <translation>&amp;Words:</translation>
    </message>
    <message>
        <source>What they said, in their words (optional)</source>
        <translation>What they said, in their words (optional)</translation>
    </message>
    <message>
        <source>Opt out of a channel</source>
        <translation>Opt out of a channel</translation>
    </message>
    <message>
        <source>C&amp;hannel:</source>
        <translation>C&amp;hannel:</translation>
    </message>
    <message>
        <source>A&amp;pplies to:</source>
        <translation>A&amp;pplies to:</translation>
    </message>
    <message>
        <source>Add &amp;opt-out</source>
        <translation>Add &amp;opt-out</translation>
    </message>
    <message>
        <source>Employer forbids contact</source>
        <translation>Employer forbids contact</translation>
    </message>
    <message>
        <source>&amp;Number or address:</source>
        <translation>&amp;Number or address:</translation>
    </message>
    <message>
        <source>&amp;Mark as forbidden</source>
        <translation>&amp;Mark as forbidden</translation>
    </message>
    <message>
        <source>Inconvenient time (borrower&apos;s local time)</source>
        <translation>Inconvenient time (borrower&apos;s local time)</translation>
    </message>
    <message>
        <source>Days:</source>
        <translation>Days:</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>Mon</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>Tue</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>Wed</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>Thu</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>Fri</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>Sat</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>Sun</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;From:</translation>
    </message>
    <message>
        <source>&amp;until</source>
        <translation>&amp;until</translation>
    </message>
    <message>
        <source>Cha&amp;nnel:</source>
        <translation>Cha&amp;nnel:</translation>
    </message>
    <message>
        <source>No day ticked means every day.</source>
        <translation>No day ticked means every day.</translation>
    </message>
    <message>
        <source>Add &amp;inconvenient time</source>
        <translation>Add &amp;inconvenient time</translation>
    </message>
</context>
<context>
    <name>ContactPreferencesStrip</name>
    <message>
        <source>Contact &amp;preferences…</source>
        <translation>Contact &amp;preferences…</translation>
    </message>
    <message>
        <source>Record a channel opt-out, an employer that forbids contact, or times the borrower said are inconvenient</source>
        <translation>Record a channel opt-out, an employer that forbids contact, or times the borrower said are inconvenient</translation>
    </message>
    <message>
        <source>No contact preferences recorded.</source>
        <translation>No contact preferences recorded.</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>You are offline. Your work is saved and will be sent when the connection is back.</source>
        <translation>You are offline. Your work is saved and will be sent when the connection is back.</translation>
    </message>
    <message>
        <source>The server cannot be reached. Check the network and the server address, then try again.</source>
        <translation>The server cannot be reached. Check the network and the server address, then try again.</translation>
    </message>
    <message>
        <source>Something went wrong: %1. Try again; if it keeps happening, tell your team lead.</source>
        <translation>Something went wrong: %1. Try again; if it keeps happening, tell your team lead.</translation>
    </message>
</context>
<context>
    <name>FollowUpDialog</name>
    <message>
        <source>Your time (%1)</source>
        <translation>Your time (%1)</translation>
    </message>
    <message>
        <source>No follow-up is set for this case.</source>
        <translation>No follow-up is set for this case.</translation>
    </message>
    <message>
        <source>Next action now: %1</source>
        <translation>Next action now: %1</translation>
    </message>
    <message>
        <source>Schedule follow-up</source>
        <translation>Schedule follow-up</translation>
    </message>
    <message>
        <source>&amp;When:</source>
        <translation>&amp;When:</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Reason:</translation>
    </message>
    <message>
        <source>Optional, e.g. call back after payday</source>
        <translation>Optional, e.g. call back after payday</translation>
    </message>
</context>
<context>
    <name>Formatting</name>
    <message numerus="yes">
        <source>%n day(s) past due</source>
        <translation>
            <numerusform>%n day past due</numerusform>
            <numerusform>%n days past due</numerusform>
        </translation>
    </message>
    <message>
        <source>today</source>
        <translation>today</translation>
    </message>
    <message>
        <source>tomorrow</source>
        <translation>tomorrow</translation>
    </message>
    <message>
        <source>yesterday</source>
        <translation>yesterday</translation>
    </message>
</context>
<context>
    <name>GuidancePanel</name>
    <message>
        <source>Calm things down</source>
        <translation>Calm things down</translation>
    </message>
    <message>
        <source>Hardship</source>
        <translation>Hardship</translation>
    </message>
    <message>
        <source>Disputes the debt</source>
        <translation>Disputes the debt</translation>
    </message>
    <message>
        <source>Wants to complain</source>
        <translation>Wants to complain</translation>
    </message>
    <message>
        <source>&quot;Stop calling me&quot;</source>
        <translation>&quot;Stop calling me&quot;</translation>
    </message>
    <message>
        <source>Voicemail: leave a message</source>
        <translation>Voicemail: leave a message</translation>
    </message>
    <message>
        <source>Say</source>
        <translation>Say</translation>
    </message>
    <message>
        <source>Mandatory disclosure — read it out</source>
        <translation>Mandatory disclosure — read it out</translation>
    </message>
    <message>
        <source>Ask</source>
        <translation>Ask</translation>
    </message>
    <message>
        <source>Offer</source>
        <translation>Offer</translation>
    </message>
    <message>
        <source>Close the call</source>
        <translation>Close the call</translation>
    </message>
    <message>
        <source>Loading the script…</source>
        <translation>Loading the script…</translation>
    </message>
    <message>
        <source>No script</source>
        <translation>No script</translation>
    </message>
    <message>
        <source>No script fits this case. Speak freely, and record the outcome.</source>
        <translation>No script fits this case. Speak freely, and record the outcome.</translation>
    </message>
    <message>
        <source>Work out an offer in the plan calculator:</source>
        <translation>Work out an offer in the plan calculator:</translation>
    </message>
    <message>
        <source>Script ended: %1</source>
        <translation>Script ended: %1</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>&amp;Third party on the line</source>
        <translation>&amp;Third party on the line</translation>
    </message>
    <message>
        <source>Someone other than the borrower answered: the script switches to the third-party flow and every debt detail is hidden.</source>
        <translation>Someone other than the borrower answered: the script switches to the third-party flow and every debt detail is hidden.</translation>
    </message>
    <message>
        <source>I &amp;read this out in full</source>
        <translation>I &amp;read this out in full</translation>
    </message>
    <message>
        <source>Always at hand</source>
        <translation>Always at hand</translation>
    </message>
    <message>
        <source>Objections</source>
        <translation>Objections</translation>
    </message>
</context>
<context>
    <name>InstalmentChart</name>
    <message>
        <source>Current contract</source>
        <translation>Current contract</translation>
    </message>
    <message>
        <source>Proposed plan</source>
        <translation>Proposed plan</translation>
    </message>
    <message>
        <source>Month from today</source>
        <translation>Month from today</translation>
    </message>
    <message>
        <source>Instalment</source>
        <translation>Instalment</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Reminder</source>
        <translation>Reminder</translation>
    </message>
    <message>
        <source>Negotiation</source>
        <translation>Negotiation</translation>
    </message>
    <message>
        <source>Pre-legal</source>
        <translation>Pre-legal</translation>
    </message>
    <message>
        <source>Legal</source>
        <translation>Legal</translation>
    </message>
    <message>
        <source>Current</source>
        <translation>Current</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>Complaint</translation>
    </message>
    <message>
        <source>Dispute</source>
        <translation>Dispute</translation>
    </message>
    <message>
        <source>Asked to stop contact</source>
        <translation>Asked to stop contact</translation>
    </message>
    <message>
        <source>Represented by a lawyer</source>
        <translation>Represented by a lawyer</translation>
    </message>
    <message>
        <source>Deceased</source>
        <translation>Deceased</translation>
    </message>
    <message>
        <source>Vulnerable</source>
        <translation>Vulnerable</translation>
    </message>
    <message>
        <source>Pending approval</source>
        <translation>Pending approval</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Approved</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>Returned for changes</source>
        <translation>Returned for changes</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <source>Promised</source>
        <translation>Promised</translation>
    </message>
    <message>
        <source>Kept</source>
        <translation>Kept</translation>
    </message>
    <message>
        <source>Broken</source>
        <translation>Broken</translation>
    </message>
    <message>
        <source>Due today</source>
        <translation>Due today</translation>
    </message>
    <message>
        <source>No answer</source>
        <translation>No answer</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>Busy</translation>
    </message>
    <message>
        <source>Number not in service</source>
        <translation>Number not in service</translation>
    </message>
    <message>
        <source>Voicemail</source>
        <translation>Voicemail</translation>
    </message>
    <message>
        <source>Wrong number</source>
        <translation>Wrong number</translation>
    </message>
    <message>
        <source>Third party</source>
        <translation>Third party</translation>
    </message>
    <message>
        <source>Spoke with the borrower</source>
        <translation>Spoke with the borrower</translation>
    </message>
    <message>
        <source>Refused to pay</source>
        <translation>Refused to pay</translation>
    </message>
    <message>
        <source>Promise to pay</source>
        <translation>Promise to pay</translation>
    </message>
    <message>
        <source>Plan proposed</source>
        <translation>Plan proposed</translation>
    </message>
    <message>
        <source>Asked to be called back</source>
        <translation>Asked to be called back</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Call</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Instant message</source>
        <translation>Instant message</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>Visit</translation>
    </message>
    <message>
        <source>Letter</source>
        <translation>Letter</translation>
    </message>
    <message>
        <source>Borrower</source>
        <translation>Borrower</translation>
    </message>
    <message>
        <source>Emergency contact</source>
        <translation>Emergency contact</translation>
    </message>
    <message>
        <source>Employer</source>
        <translation>Employer</translation>
    </message>
    <message>
        <source>Guarantor</source>
        <translation>Guarantor</translation>
    </message>
    <message>
        <source>Financial pressure</source>
        <translation>Financial pressure</translation>
    </message>
    <message>
        <source>Lost their job</source>
        <translation>Lost their job</translation>
    </message>
    <message>
        <source>Illness</source>
        <translation>Illness</translation>
    </message>
    <message>
        <source>Family emergency</source>
        <translation>Family emergency</translation>
    </message>
    <message>
        <source>Income dropped</source>
        <translation>Income dropped</translation>
    </message>
    <message>
        <source>Disputes the debt</source>
        <translation>Disputes the debt</translation>
    </message>
    <message>
        <source>Claims fraud</source>
        <translation>Claims fraud</translation>
    </message>
    <message>
        <source>Forgot to pay</source>
        <translation>Forgot to pay</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Unknown</translation>
    </message>
    <message>
        <source>Calm</source>
        <translation>Calm</translation>
    </message>
    <message>
        <source>Cooperative</source>
        <translation>Cooperative</translation>
    </message>
    <message>
        <source>Upset</source>
        <translation>Upset</translation>
    </message>
    <message>
        <source>Angry</source>
        <translation>Angry</translation>
    </message>
    <message>
        <source>Crying</source>
        <translation>Crying</translation>
    </message>
    <message>
        <source>Threatening to complain</source>
        <translation>Threatening to complain</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>Team lead</source>
        <translation>Team lead</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Promise</source>
        <translation>Promise</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Decision</translation>
    </message>
</context>
<context>
    <name>LeadDecisionPanel</name>
    <message>
        <source>Decision</source>
        <translation>Decision</translation>
    </message>
    <message>
        <source>Comment for the agent (required to reject or return)</source>
        <translation>Comment for the agent (required to reject or return)</translation>
    </message>
    <message>
        <source>&amp;Approve</source>
        <translation>&amp;Approve</translation>
    </message>
    <message>
        <source>&amp;Reject</source>
        <translation>&amp;Reject</translation>
    </message>
    <message>
        <source>Return for &amp;changes</source>
        <translation>Return for &amp;changes</translation>
    </message>
    <message>
        <source>Open case</source>
        <translation>Open case</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Sign in again to sync: your work is kept on this computer.</source>
        <translation>Sign in again to sync: your work is kept on this computer.</translation>
    </message>
    <message>
        <source>About AgentDesk</source>
        <translation>About AgentDesk</translation>
    </message>
    <message>
        <source>AgentDesk %1
The desktop for collection agents and team leads.</source>
        <translation>AgentDesk %1
The desktop for collection agents and team leads.</translation>
    </message>
    <message>
        <source>Some changes were not accepted by the server: see Needs attention.</source>
        <translation>Some changes were not accepted by the server: see Needs attention.</translation>
    </message>
    <message>
        <source>AgentDesk — %1 (%2)</source>
        <translation>AgentDesk — %1 (%2)</translation>
    </message>
    <message>
        <source>My queue</source>
        <translation>My queue</translation>
    </message>
    <message>
        <source>&amp;AgentDesk</source>
        <translation>&amp;AgentDesk</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>&amp;Sync now</translation>
    </message>
    <message>
        <source>&amp;Find case</source>
        <translation>&amp;Find case</translation>
    </message>
    <message>
        <source>My &amp;queue</source>
        <translation>My &amp;queue</translation>
    </message>
    <message>
        <source>&amp;Close case</source>
        <translation>&amp;Close case</translation>
    </message>
    <message>
        <source>Needs &amp;attention…</source>
        <translation>Needs &amp;attention…</translation>
    </message>
    <message>
        <source>S&amp;ettings…</source>
        <translation>S&amp;ettings…</translation>
    </message>
    <message>
        <source>Sign &amp;in again…</source>
        <translation>Sign &amp;in again…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;About AgentDesk</source>
        <translation>&amp;About AgentDesk</translation>
    </message>
    <message>
        <source>Your session ended. Sign in again to sync; your work stays on this computer.</source>
        <translation>Your session ended. Sign in again to sync; your work stays on this computer.</translation>
    </message>
</context>
<context>
    <name>PlanProposalDialog</name>
    <message>
        <source>Propose a repayment plan</source>
        <translation>Propose a repayment plan</translation>
    </message>
    <message>
        <source>Plan options</source>
        <translation>Plan options</translation>
    </message>
    <message>
        <source>&amp;Extension (months)</source>
        <translation>&amp;Extension (months)</translation>
    </message>
    <message>
        <source>&amp;Grace (months)</source>
        <translation>&amp;Grace (months)</translation>
    </message>
    <message>
        <source>New annual &amp;rate (%)</source>
        <translation>New annual &amp;rate (%)</translation>
    </message>
    <message>
        <source>&amp;Waivers given as</source>
        <translation>&amp;Waivers given as</translation>
    </message>
    <message>
        <source>Penalty interest waived</source>
        <translation>Penalty interest waived</translation>
    </message>
    <message>
        <source>Fees waived</source>
        <translation>Fees waived</translation>
    </message>
    <message>
        <source>&amp;Down payment</source>
        <translation>&amp;Down payment</translation>
    </message>
    <message>
        <source>&amp;Step-up (months, % of instalment)</source>
        <translation>&amp;Step-up (months, % of instalment)</translation>
    </message>
    <message>
        <source>&amp;First due date</source>
        <translation>&amp;First due date</translation>
    </message>
    <message>
        <source>Repayment &amp;method</source>
        <translation>Repayment &amp;method</translation>
    </message>
    <message>
        <source>&amp;Capitalise arrears into the new principal</source>
        <translation>&amp;Capitalise arrears into the new principal</translation>
    </message>
    <message>
        <source>Affordability</source>
        <translation>Affordability</translation>
    </message>
    <message>
        <source>Monthly &amp;income</source>
        <translation>Monthly &amp;income</translation>
    </message>
    <message>
        <source>Essential e&amp;xpenses</source>
        <translation>Essential e&amp;xpenses</translation>
    </message>
    <message>
        <source>&amp;Justification for the approver</source>
        <translation>&amp;Justification for the approver</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>&amp;Submit proposal</source>
        <translation>&amp;Submit proposal</translation>
    </message>
    <message>
        <source>Authority</source>
        <translation>Authority</translation>
    </message>
    <message>
        <source>on principal (interest only)</source>
        <translation>on principal (interest only)</translation>
    </message>
    <message>
        <source>on principal and interest</source>
        <translation>on principal and interest</translation>
    </message>
    <message>
        <source>percent of what is owed</source>
        <translation>percent of what is owed</translation>
    </message>
    <message>
        <source>amount</source>
        <translation>amount</translation>
    </message>
    <message>
        <source>as the contract (%1)</source>
        <translation>as the contract (%1)</translation>
    </message>
    <message>
        <source>%1 · loan %2</source>
        <translation>%1 · loan %2</translation>
    </message>
    <message>
        <source>Overdue principal %1</source>
        <translation>Overdue principal %1</translation>
    </message>
    <message>
        <source>overdue interest %1</source>
        <translation>overdue interest %1</translation>
    </message>
    <message>
        <source>penalty %1</source>
        <translation>penalty %1</translation>
    </message>
    <message>
        <source>fees %1</source>
        <translation>fees %1</translation>
    </message>
    <message>
        <source>principal not yet due %1</source>
        <translation>principal not yet due %1</translation>
    </message>
    <message>
        <source>Correct the highlighted field to see the plan.</source>
        <translation>Correct the highlighted field to see the plan.</translation>
    </message>
    <message>
        <source>Instalment %1 → %2; %3 instalments, ending %4 (was %5).</source>
        <translation>Instalment %1 → %2; %3 instalments, ending %4 (was %5).</translation>
    </message>
    <message>
        <source>Total payable %1 (was %2).</source>
        <translation>Total payable %1 (was %2).</translation>
    </message>
    <message>
        <source>Concessions: extension %1 months, waived %2 (%3), rate cut %4, present-value loss %5, down payment %6 (%7).</source>
        <translation>Concessions: extension %1 months, waived %2 (%3), rate cut %4, present-value loss %5, down payment %6 (%7).</translation>
    </message>
    <message>
        <source>Enter the borrower&apos;s monthly income and essential expenses to check affordability.</source>
        <translation>Enter the borrower&apos;s monthly income and essential expenses to check affordability.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>contract rate %1 %</source>
        <translation>contract rate %1 %</translation>
    </message>
    <message>
        <source>% of the instalment</source>
        <translation>% of the instalment</translation>
    </message>
    <message>
        <source>Why this plan fits the borrower (read by the approver)</source>
        <translation>Why this plan fits the borrower (read by the approver)</translation>
    </message>
</context>
<context>
    <name>PlanReview</name>
    <message>
        <source>you</source>
        <translation>you</translation>
    </message>
    <message>
        <source>Choose a plan on the left to see it here.</source>
        <translation>Choose a plan on the left to see it here.</translation>
    </message>
    <message>
        <source>%1 · loan %2 · %3 days past due · %4 · overdue %5</source>
        <translation>%1 · loan %2 · %3 days past due · %4 · overdue %5</translation>
    </message>
    <message>
        <source>Proposed by</source>
        <translation>Proposed by</translation>
    </message>
    <message>
        <source>Proposed</source>
        <translation>Proposed</translation>
    </message>
    <message>
        <source>Extension</source>
        <translation>Extension</translation>
    </message>
    <message>
        <source>%1 months</source>
        <translation>%1 months</translation>
    </message>
    <message>
        <source>Waiver</source>
        <translation>Waiver</translation>
    </message>
    <message>
        <source>Rate cut</source>
        <translation>Rate cut</translation>
    </message>
    <message>
        <source>%1 points</source>
        <translation>%1 points</translation>
    </message>
    <message>
        <source>Present-value loss</source>
        <translation>Present-value loss</translation>
    </message>
    <message>
        <source>Down payment</source>
        <translation>Down payment</translation>
    </message>
    <message>
        <source>Instalment</source>
        <translation>Instalment</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>Ends</translation>
    </message>
    <message>
        <source>No income figures on file.</source>
        <translation>No income figures on file.</translation>
    </message>
    <message>
        <source>Monthly income</source>
        <translation>Monthly income</translation>
    </message>
    <message>
        <source>Essential expenses</source>
        <translation>Essential expenses</translation>
    </message>
    <message>
        <source>Disposable income</source>
        <translation>Disposable income</translation>
    </message>
    <message>
        <source>Largest instalment</source>
        <translation>Largest instalment</translation>
    </message>
    <message>
        <source>Share of disposable income</source>
        <translation>Share of disposable income</translation>
    </message>
    <message>
        <source>Most allowed</source>
        <translation>Most allowed</translation>
    </message>
    <message>
        <source>The server has not confirmed this proposal yet: its figures come with the next sync.</source>
        <translation>The server has not confirmed this proposal yet: its figures come with the next sync.</translation>
    </message>
    <message>
        <source>Within your authority: you may approve, reject or return it.</source>
        <translation>Within your authority: you may approve, reject or return it.</translation>
    </message>
    <message>
        <source>You proposed this plan: another lead or an administrator must decide it (four eyes).</source>
        <translation>You proposed this plan: another lead or an administrator must decide it (four eyes).</translation>
    </message>
    <message>
        <source>Beyond your authority — an administrator must approve it: %1. You may still reject it or return it for changes.</source>
        <translation>Beyond your authority — an administrator must approve it: %1. You may still reject it or return it for changes.</translation>
    </message>
    <message>
        <source>Waiting for the server to confirm this proposal (sync first).</source>
        <translation>Waiting for the server to confirm this proposal (sync first).</translation>
    </message>
    <message>
        <source>This plan is no longer pending: it is %1.</source>
        <translation>This plan is no longer pending: it is %1.</translation>
    </message>
    <message>
        <source>Only team leads and administrators decide plans.</source>
        <translation>Only team leads and administrators decide plans.</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>Principal</source>
        <translation>Principal</translation>
    </message>
    <message>
        <source>Interest</source>
        <translation>Interest</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>This case is not on this computer.</source>
        <translation>This case is not on this computer.</translation>
    </message>
    <message>
        <source>Assigned to %1 · stage %2</source>
        <translation>Assigned to %1 · stage %2</translation>
    </message>
    <message>
        <source>No history yet.</source>
        <translation>No history yet.</translation>
    </message>
    <message>
        <source>%1 by %2</source>
        <translation>%1 by %2</translation>
    </message>
    <message>
        <source>Notes: %1</source>
        <translation>Notes: %1</translation>
    </message>
    <message>
        <source>%1 due %2 (%3)</source>
        <translation>%1 due %2 (%3)</translation>
    </message>
    <message>
        <source>by %1</source>
        <translation>by %1</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>Case and history</source>
        <translation>Case and history</translation>
    </message>
    <message>
        <source>What the plan gives</source>
        <translation>What the plan gives</translation>
    </message>
    <message>
        <source>Affordability</source>
        <translation>Affordability</translation>
    </message>
    <message>
        <source>Current schedule (from today)</source>
        <translation>Current schedule (from today)</translation>
    </message>
    <message>
        <source>Proposed schedule</source>
        <translation>Proposed schedule</translation>
    </message>
</context>
<context>
    <name>PlanScheduleModel</name>
    <message>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>Due date</translation>
    </message>
    <message>
        <source>Principal</source>
        <translation>Principal</translation>
    </message>
    <message>
        <source>Interest</source>
        <translation>Interest</translation>
    </message>
    <message>
        <source>Carried arrears</source>
        <translation>Carried arrears</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Balance after</source>
        <translation>Balance after</translation>
    </message>
</context>
<context>
    <name>QueuePage</name>
    <message>
        <source>Type at least 3 digits to search phone numbers.</source>
        <translation>Type at least 3 digits to search phone numbers.</translation>
    </message>
    <message numerus="yes">
        <source>%n case(s) match</source>
        <translation>
            <numerusform>%n case matches</numerusform>
            <numerusform>%n cases match</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n case(s) in your queue</source>
        <translation>
            <numerusform>%n case in your queue</numerusform>
            <numerusform>%n cases in your queue</numerusform>
        </translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>Show:</translation>
    </message>
    <message>
        <source>Due today</source>
        <translation>Due today</translation>
    </message>
    <message>
        <source>Cases whose next action is due today or earlier</source>
        <translation>Cases whose next action is due today or earlier</translation>
    </message>
    <message>
        <source>Promises due</source>
        <translation>Promises due</translation>
    </message>
    <message>
        <source>Open promises to pay that fall due today or earlier</source>
        <translation>Open promises to pay that fall due today or earlier</translation>
    </message>
    <message>
        <source>Broken promises</source>
        <translation>Broken promises</translation>
    </message>
    <message>
        <source>New</source>
        <translation>New</translation>
    </message>
    <message>
        <source>Cases nobody has contacted yet</source>
        <translation>Cases nobody has contacted yet</translation>
    </message>
    <message>
        <source>Plans pending</source>
        <translation>Plans pending</translation>
    </message>
    <message>
        <source>On hold</source>
        <translation>On hold</translation>
    </message>
    <message>
        <source>Search name, pinyin, phone or loan number (Ctrl+F)</source>
        <translation>Search name, pinyin, phone or loan number (Ctrl+F)</translation>
    </message>
</context>
<context>
    <name>QueueReasons</name>
    <message>
        <source>On hold (%1): no collection contact until it is lifted.</source>
        <translation>On hold (%1): no collection contact until it is lifted.</translation>
    </message>
    <message>
        <source>The last promise to pay was broken.</source>
        <translation>The last promise to pay was broken.</translation>
    </message>
    <message>
        <source>A promise to pay falls due %1: check the payment.</source>
        <translation>A promise to pay falls due %1: check the payment.</translation>
    </message>
    <message>
        <source>Promised to pay by %1.</source>
        <translation>Promised to pay by %1.</translation>
    </message>
    <message>
        <source>Follow-up due %1.</source>
        <translation>Follow-up due %1.</translation>
    </message>
    <message>
        <source>Nobody has contacted them yet.</source>
        <translation>Nobody has contacted them yet.</translation>
    </message>
    <message>
        <source>A repayment plan waits for the team lead&apos;s decision.</source>
        <translation>A repayment plan waits for the team lead&apos;s decision.</translation>
    </message>
    <message>
        <source>The team lead returned the plan for changes.</source>
        <translation>The team lead returned the plan for changes.</translation>
    </message>
    <message>
        <source>%1 days past due (bucket %2), %3 overdue; priority %4.</source>
        <translation>%1 days past due (bucket %2), %3 overdue; priority %4.</translation>
    </message>
</context>
<context>
    <name>ReassignPage</name>
    <message>
        <source>nobody</source>
        <translation>nobody</translation>
    </message>
    <message>
        <source>All agents</source>
        <translation>All agents</translation>
    </message>
    <message numerus="yes">
        <source>%1 — %n case(s)</source>
        <translation>
            <numerusform>%1 — %n case(s)</numerusform>
            <numerusform>%1 — %n case(s)</numerusform>
        </translation>
    </message>
    <message>
        <source>Borrower</source>
        <translation>Borrower</translation>
    </message>
    <message>
        <source>Loan</source>
        <translation>Loan</translation>
    </message>
    <message>
        <source>DPD</source>
        <translation>DPD</translation>
    </message>
    <message>
        <source>Bucket</source>
        <translation>Bucket</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>Assigned to</source>
        <translation>Assigned to</translation>
    </message>
    <message numerus="yes">
        <source>%n case(s) selected</source>
        <translation>
            <numerusform>%n case(s) selected</numerusform>
            <numerusform>%n case(s) selected</numerusform>
        </translation>
    </message>
    <message>
        <source>Select one or more cases and the agent to move them to.</source>
        <translation>Select one or more cases and the agent to move them to.</translation>
    </message>
    <message>
        <source>These cases are already with %1.</source>
        <translation>These cases are already with %1.</translation>
    </message>
    <message>
        <source>%1 case(s) moved to %2; the agents receive them with the next sync.</source>
        <translation>%1 case(s) moved to %2; the agents receive them with the next sync.</translation>
    </message>
    <message>
        <source>Reassign</source>
        <translation>Reassign</translation>
    </message>
    <message>
        <source>Show cases of</source>
        <translation>Show cases of</translation>
    </message>
    <message>
        <source>Move to</source>
        <translation>Move to</translation>
    </message>
    <message>
        <source>Reason (optional)</source>
        <translation>Reason (optional)</translation>
    </message>
    <message>
        <source>&amp;Move selected cases</source>
        <translation>&amp;Move selected cases</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>The server address must look like https://agentdesk.example.com or http://host:port.</source>
        <translation>The server address must look like https://agentdesk.example.com or http://host:port.</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>General</source>
        <translation>General</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Language:</translation>
    </message>
    <message>
        <source>&amp;Server address:</source>
        <translation>&amp;Server address:</translation>
    </message>
    <message>
        <source>A new server address is used the next time you sign in.</source>
        <translation>A new server address is used the next time you sign in.</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in to AgentDesk</source>
        <translation>Sign in to AgentDesk</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;User name:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <source>S&amp;tay signed in on this computer</source>
        <translation>S&amp;tay signed in on this computer</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Sign &amp;in</source>
        <translation>Sign &amp;in</translation>
    </message>
    <message>
        <source>Enter the server address your team lead gave you.</source>
        <translation>Enter the server address your team lead gave you.</translation>
    </message>
    <message>
        <source>The server address must look like https://agentdesk.example.com or http://host:port.</source>
        <translation>The server address must look like https://agentdesk.example.com or http://host:port.</translation>
    </message>
    <message>
        <source>Enter your user name.</source>
        <translation>Enter your user name.</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>Enter your password.</translation>
    </message>
    <message>
        <source>The user name or password is not right. Check them and try again.</source>
        <translation>The user name or password is not right. Check them and try again.</translation>
    </message>
    <message>
        <source>The server at %1 does not answer. Check the address and your network.</source>
        <translation>The server at %1 does not answer. Check the address and your network.</translation>
    </message>
    <message>
        <source>Too many attempts. Wait a minute, then try again.</source>
        <translation>Too many attempts. Wait a minute, then try again.</translation>
    </message>
    <message>
        <source>There is no saved work of this user on this computer.</source>
        <translation>There is no saved work of this user on this computer.</translation>
    </message>
    <message>
        <source>Work &amp;offline</source>
        <translation>Work &amp;offline</translation>
    </message>
    <message>
        <source>Open the work saved on this computer; it is sent after you sign in again.</source>
        <translation>Open the work saved on this computer; it is sent after you sign in again.</translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <source>Not signed in</source>
        <translation>Not signed in</translation>
    </message>
    <message>
        <source>Your session ended. Your work is kept here; sign in again to send it.</source>
        <translation>Your session ended. Your work is kept here; sign in again to send it.</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>The server cannot be reached. Your work is saved here and sent when it is back.</source>
        <translation>The server cannot be reached. Your work is saved here and sent when it is back.</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) waiting to sync</source>
        <translation>
            <numerusform>%n change waiting to sync</numerusform>
            <numerusform>%n changes waiting to sync</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing waiting to sync</source>
        <translation>Nothing waiting to sync</translation>
    </message>
    <message numerus="yes">
        <source>%n need(s) attention</source>
        <translation>
            <numerusform>%n needs attention</numerusform>
            <numerusform>%n need attention</numerusform>
        </translation>
    </message>
    <message>
        <source>Last sync: %1</source>
        <translation>Last sync: %1</translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>Not synced yet</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <source>Sending changes…</source>
        <translation>Sending changes…</translation>
    </message>
    <message>
        <source>Receiving updates…</source>
        <translation>Receiving updates…</translation>
    </message>
    <message>
        <source>Update AgentDesk to sync again</source>
        <translation>Update AgentDesk to sync again</translation>
    </message>
    <message>
        <source>Sign in again…</source>
        <translation>Sign in again…</translation>
    </message>
</context>
<context>
    <name>TeamDashboardPage</name>
    <message>
        <source>The first day must not be after the last day.</source>
        <translation>The first day must not be after the last day.</translation>
    </message>
    <message>
        <source>Fetching the team report…</source>
        <translation>Fetching the team report…</translation>
    </message>
    <message>
        <source>Showing the last figures kept on this computer.</source>
        <translation>Showing the last figures kept on this computer.</translation>
    </message>
    <message>
        <source>Last figures kept, taken %1</source>
        <translation>Last figures kept, taken %1</translation>
    </message>
    <message>
        <source>Figures as of %1</source>
        <translation>Figures as of %1</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Attempts</translation>
    </message>
    <message>
        <source>Right-party contacts</source>
        <translation>Right-party contacts</translation>
    </message>
    <message>
        <source>Promises made</source>
        <translation>Promises made</translation>
    </message>
    <message>
        <source>Promises kept</source>
        <translation>Promises kept</translation>
    </message>
    <message>
        <source>Promises broken</source>
        <translation>Promises broken</translation>
    </message>
    <message>
        <source>Kept rate</source>
        <translation>Kept rate</translation>
    </message>
    <message>
        <source>Plans proposed</source>
        <translation>Plans proposed</translation>
    </message>
    <message>
        <source>Plans approved</source>
        <translation>Plans approved</translation>
    </message>
    <message>
        <source>Plans broken</source>
        <translation>Plans broken</translation>
    </message>
    <message>
        <source>Collected</source>
        <translation>Collected</translation>
    </message>
    <message>
        <source>Team total</source>
        <translation>Team total</translation>
    </message>
    <message>
        <source>Day of the period</source>
        <translation>Day of the period</translation>
    </message>
    <message>
        <source>Activity by day</source>
        <translation>Activity by day</translation>
    </message>
    <message>
        <source>Open cases</source>
        <translation>Open cases</translation>
    </message>
    <message>
        <source>Open cases by bucket</source>
        <translation>Open cases by bucket</translation>
    </message>
    <message>
        <source>Export team figures</source>
        <translation>Export team figures</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Exported %1 rows to %2.</source>
        <translation>Exported %1 rows to %2.</translation>
    </message>
    <message>
        <source>Team performance</source>
        <translation>Team performance</translation>
    </message>
    <message>
        <source>From</source>
        <translation>From</translation>
    </message>
    <message>
        <source>to</source>
        <translation>to</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Show</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Export CSV…</translation>
    </message>
    <message>
        <source>No figures yet: choose a period and press Show.</source>
        <translation>No figures yet: choose a period and press Show.</translation>
    </message>
</context>
<context>
    <name>Workspaces</name>
    <message>
        <source>Not available</source>
        <translation>Not available</translation>
    </message>
    <message>
        <source>This part of AgentDesk is not installed.</source>
        <translation>This part of AgentDesk is not installed.</translation>
    </message>
</context>
</TS>
