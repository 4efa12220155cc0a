<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Errors</name>
    <message>
        <source>You are offline. Your work is saved and will be sent when the connection is back.</source>
        <translation>当前离线。您的工作已保存，连接恢复后会自动发送。</translation>
    </message>
    <message>
        <source>The server cannot be reached. Check the network and the server address, then try again.</source>
        <translation>无法连接服务器。请检查网络和服务器地址后重试。</translation>
    </message>
    <message>
        <source>Something went wrong: %1. Try again; if it keeps happening, tell your team lead.</source>
        <translation>出现错误：%1。请重试；如果问题持续出现，请告知您的组长。</translation>
    </message>
</context>
<context>
    <name>Formatting</name>
    <message numerus="yes">
        <source>%n day(s) past due</source>
        <translation>
            <numerusform>逾期 %n 天</numerusform>
        </translation>
    </message>
    <message>
        <source>today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>tomorrow</source>
        <translation>明天</translation>
    </message>
    <message>
        <source>yesterday</source>
        <translation>昨天</translation>
    </message>
</context>
<context>
    <name>PlanProposalDialog</name>
    <message>
        <source>Propose a repayment plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan options</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Extension (months)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Grace (months)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New annual &amp;rate (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Waivers given as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Penalty interest waived</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fees waived</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Down payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Step-up (months, % of instalment)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;First due date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repayment &amp;method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Capitalise arrears into the new principal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Affordability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Monthly &amp;income</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Essential e&amp;xpenses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Justification for the approver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Submit proposal</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlanScheduleModel</name>
    <message>
        <source>No.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Principal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Carried arrears</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Balance after</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
