<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
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
    <name>Formatting</name>
    <message numerus="yes">
        <source>%n day(s) past due</source>
        <translation>
            <numerusform>%n day(s) past due</numerusform>
            <numerusform>%n day(s) past due</numerusform>
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
</TS>
