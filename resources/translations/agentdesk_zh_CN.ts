<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ApprovalQueuePage</name>
    <message>
        <source>Waited</source>
        <translation>已等待</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>坐席</translation>
    </message>
    <message>
        <source>Borrower</source>
        <translation>借款人</translation>
    </message>
    <message>
        <source>Extension</source>
        <translation>延期</translation>
    </message>
    <message>
        <source>Waiver</source>
        <translation>减免</translation>
    </message>
    <message>
        <source>Rate cut</source>
        <translation>降息</translation>
    </message>
    <message>
        <source>PV loss</source>
        <translation>现值损失</translation>
    </message>
    <message>
        <source>Needs</source>
        <translation>需审批人</translation>
    </message>
    <message>
        <source>Why it needs a decision</source>
        <translation>需要审批的原因</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 小时</translation>
    </message>
    <message>
        <source>%1 d</source>
        <translation>%1 天</translation>
    </message>
    <message>
        <source>Your own proposal</source>
        <translation>您自己提交的方案</translation>
    </message>
    <message numerus="yes">
        <source>%n plan(s) waiting for a decision</source>
        <translation>
            <numerusform>%n 个方案待审批</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose a plan first.</source>
        <translation>请先选择一个方案。</translation>
    </message>
    <message>
        <source>You cannot decide a plan you proposed yourself: another lead or an administrator decides it.</source>
        <translation>不能审批自己提交的方案：须由其他组长或管理员审批。</translation>
    </message>
    <message>
        <source>Beyond your authority: %1. It goes on to an administrator.</source>
        <translation>超出您的审批权限：%1。该方案将转交管理员审批。</translation>
    </message>
    <message>
        <source>Write a comment for the agent: rejecting or returning a plan needs a reason.</source>
        <translation>请为坐席填写意见：驳回或退回方案时必须说明原因。</translation>
    </message>
    <message>
        <source>Decision saved; it is sent with the next sync.</source>
        <translation>审批结果已保存，将在下次同步时发送。</translation>
    </message>
    <message>
        <source>%1 — %2: %3</source>
        <translation>%1 — %2：%3</translation>
    </message>
    <message>
        <source>conflict</source>
        <translation>冲突</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>被拒绝</translation>
    </message>
    <message>
        <source>Approvals (administrator)</source>
        <translation>审批（管理员）</translation>
    </message>
    <message>
        <source>Approvals</source>
        <translation>审批</translation>
    </message>
    <message>
        <source>Decisions the server did not take</source>
        <translation>服务器未接受的审批</translation>
    </message>
    <message>
        <source>Re-open plan</source>
        <translation>重新打开方案</translation>
    </message>
    <message>
        <source>Open case</source>
        <translation>打开案件</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>知道了</translation>
    </message>
</context>
<context>
    <name>AttentionDialog</name>
    <message>
        <source>Call record</source>
        <translation>通话记录</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Promise to pay</source>
        <translation>承诺还款</translation>
    </message>
    <message>
        <source>Plan proposal</source>
        <translation>方案申请</translation>
    </message>
    <message>
        <source>Plan withdrawal</source>
        <translation>撤回方案</translation>
    </message>
    <message>
        <source>Plan decision</source>
        <translation>方案审批</translation>
    </message>
    <message>
        <source>Reassignment</source>
        <translation>案件转派</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>跟进安排</translation>
    </message>
    <message>
        <source>Contact preference</source>
        <translation>联系偏好</translation>
    </message>
    <message>
        <source>Contact preference cleared</source>
        <translation>撤销联系偏好</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>需要处理</translation>
    </message>
    <message>
        <source>The server did not accept these changes. Read why, fix what is needed on the case, then acknowledge each one.</source>
        <translation>服务器未接受以下变更。请查看原因，在案件中做必要的处理，然后逐条确认。</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>答复时间</translation>
    </message>
    <message>
        <source>Borrower</source>
        <translation>借款人</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变更</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>&amp;Open case</source>
        <translation>打开案件(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Acknowledge</source>
        <translation>确认已读(&amp;A)</translation>
    </message>
</context>
<context>
    <name>CallOutcomeForm</name>
    <message>
        <source>(choose the result)</source>
        <translation>（请选择通话结果）</translation>
    </message>
    <message>
        <source>(not known yet)</source>
        <translation>（尚不清楚）</translation>
    </message>
    <message>
        <source>(not marked)</source>
        <translation>（未标记）</translation>
    </message>
    <message>
        <source>Enter the promised amount as a number, e.g. 500.00.</source>
        <translation>请输入承诺还款金额（数字），例如 500.00。</translation>
    </message>
    <message>
        <source>Choose the result of the call.</source>
        <translation>请选择通话结果。</translation>
    </message>
    <message>
        <source>&amp;Result</source>
        <translation>通话结果(&amp;R)</translation>
    </message>
    <message>
        <source>Reason for &amp;delinquency</source>
        <translation>逾期原因(&amp;D)</translation>
    </message>
    <message>
        <source>Borrower&apos;s &amp;mood</source>
        <translation>借款人情绪(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Notes</source>
        <translation>备注(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Promise to pay</source>
        <translation>承诺还款(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Amount</source>
        <translation>金额(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;By</source>
        <translation>还款日期(&amp;B)</translation>
    </message>
    <message>
        <source>Next &amp;follow-up</source>
        <translation>下次跟进(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Save call</source>
        <translation>保存通话(&amp;S)</translation>
    </message>
</context>
<context>
    <name>CallOutcomePreferencesButton</name>
    <message>
        <source>Borrower&apos;s contact &amp;preferences…</source>
        <translation>借款人联系偏好(&amp;P)…</translation>
    </message>
    <message>
        <source>The borrower asked not to be called at work, opted out of a channel, or named times that are inconvenient: record it here</source>
        <translation>借款人要求不要打到单位、退订某个渠道，或说明了不方便的时段：在这里记录</translation>
    </message>
</context>
<context>
    <name>CallWorkspace</name>
    <message>
        <source>Call · %1</source>
        <translation>通话 · %1</translation>
    </message>
    <message>
        <source>Third party on the line: debt details hidden</source>
        <translation>第三方接听：已隐藏欠款信息</translation>
    </message>
    <message>
        <source>Overdue %1 · %2 · %3</source>
        <translation>逾期金额 %1 · %2 · %3</translation>
    </message>
    <message>
        <source>Schedule a follow-up at %1 (%2 time)</source>
        <translation>安排在 %1（%2 时间）跟进</translation>
    </message>
    <message>
        <source>Waiting will not make this call allowed.</source>
        <translation>等待也无法使这次通话合规。</translation>
    </message>
    <message>
        <source>Call blocked (%1): call at the next allowed time</source>
        <translation>通话被拦截（%1）：在下一个允许的时间拨打</translation>
    </message>
    <message>
        <source>Follow-up scheduled for %1 (%2 time).</source>
        <translation>已安排在 %1（%2 时间）跟进。</translation>
    </message>
    <message>
        <source>AgentDesk Consumer Finance</source>
        <translation>AgentDesk 消费金融</translation>
    </message>
    <message>
        <source>Block overridden (%1): %2</source>
        <translation>已越权放行（%1）：%2</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>通话</translation>
    </message>
    <message>
        <source>&amp;End call</source>
        <translation>结束通话(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Number</source>
        <translation>号码(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Call</source>
        <translation>拨打(&amp;C)</translation>
    </message>
    <message>
        <source>Override the block</source>
        <translation>越权放行</translation>
    </message>
    <message>
        <source>Your role may override this block. Write why; the reason is recorded with the call and audited.</source>
        <translation>您的角色可以越权放行此次禁止。请写明理由；理由将随通话记录保存并接受审计。</translation>
    </message>
    <message>
        <source>&amp;Override and call</source>
        <translation>越权并拨打(&amp;O)</translation>
    </message>
</context>
<context>
    <name>CaseQueueModel</name>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Borrower</source>
        <translation>借款人</translation>
    </message>
    <message>
        <source>DPD</source>
        <translation>逾期天数</translation>
    </message>
    <message>
        <source>Bucket</source>
        <translation>账龄</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>逾期金额</translation>
    </message>
    <message>
        <source>Next action</source>
        <translation>下次跟进</translation>
    </message>
    <message>
        <source>Promise</source>
        <translation>承诺</translation>
    </message>
    <message>
        <source>Last contact</source>
        <translation>最近联系</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Holds</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>方案</translation>
    </message>
    <message>
        <source>Days past due</source>
        <translation>逾期天数</translation>
    </message>
    <message>
        <source>Amount overdue</source>
        <translation>逾期金额</translation>
    </message>
    <message>
        <source>When the next action is due</source>
        <translation>下次跟进的时间</translation>
    </message>
</context>
<context>
    <name>CaseView</name>
    <message>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>This case is no longer in your queue</source>
        <translation>此案件已不在您的队列中</translation>
    </message>
    <message numerus="yes">
        <source>%n op(s) waiting to sync</source>
        <translation>
            <numerusform>%n 项变更待同步</numerusform>
        </translation>
    </message>
    <message>
        <source>Not known</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Reassigned: leaves your queue once your changes are sent.</source>
        <translation>已转派：您的变更发送后，此案件将移出您的队列。</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>What</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>待同步</translation>
    </message>
    <message>
        <source>Saved here; sent at the next sync</source>
        <translation>已保存在本机；下次同步时发送</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>需要处理</translation>
    </message>
    <message>
        <source>%1 by %2 — %3</source>
        <translation>%1，%2 前 — %3</translation>
    </message>
    <message>
        <source>Plan proposed — %1</source>
        <translation>已提交方案 — %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 over %n month(s) at %2, from %4 (%3)</source>
        <translation>
            <numerusform>%1，%n 期，%3，年利率 %2，起始于 %4</numerusform>
        </translation>
    </message>
    <message>
        <source>No.</source>
        <translation>期数</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>到期日</translation>
    </message>
    <message>
        <source>Principal</source>
        <translation>本金</translation>
    </message>
    <message>
        <source>Interest</source>
        <translation>利息</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>已还</translation>
    </message>
    <message>
        <source>Paid on</source>
        <translation>还款日期</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Proposed</source>
        <translation>提交时间</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Lead&apos;s comment</source>
        <translation>组长意见</translation>
    </message>
    <message>
        <source>Revealing needs the server, which records who looked: you are offline.</source>
        <translation>查看完整信息需要连接服务器（服务器会记录查看人）：当前离线。</translation>
    </message>
    <message>
        <source>Show the full value (recorded in the audit log)</source>
        <translation>显示完整信息（记入审计日志）</translation>
    </message>
    <message>
        <source>Offline: you can keep working; calls, notes, promises and plans are saved here and sent when the connection is back.</source>
        <translation>离线：您可以继续工作；通话、备注、承诺和方案会保存在本机，连接恢复后自动发送。</translation>
    </message>
    <message>
        <source>Reveal</source>
        <translation>查看完整信息</translation>
    </message>
    <message>
        <source>Why do you need the full value? (kept in the audit log)</source>
        <translation>为什么需要查看完整信息？（记入审计日志）</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>添加备注</translation>
    </message>
    <message>
        <source>Note for the case history:</source>
        <translation>写入案件历史的备注：</translation>
    </message>
    <message>
        <source>Add &amp;note…</source>
        <translation>添加备注(&amp;N)…</translation>
    </message>
    <message>
        <source>Propose &amp;plan…</source>
        <translation>申请方案(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Call…</source>
        <translation>拨打电话(&amp;C)…</translation>
    </message>
    <message>
        <source>Why this case is here</source>
        <translation>为何在队列中此位置</translation>
    </message>
    <message>
        <source>Borrower</source>
        <translation>借款人</translation>
    </message>
    <message>
        <source>National ID:</source>
        <translation>身份证号：</translation>
    </message>
    <message>
        <source>&amp;Reveal</source>
        <translation>查看完整(&amp;R)</translation>
    </message>
    <message>
        <source>Show the full ID number (recorded in the audit log)</source>
        <translation>显示完整身份证号（记入审计日志）</translation>
    </message>
    <message>
        <source>Born:</source>
        <translation>出生日期：</translation>
    </message>
    <message>
        <source>Local time:</source>
        <translation>当地时间：</translation>
    </message>
    <message>
        <source>Income / expenses:</source>
        <translation>收入 / 支出：</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>欠款构成</translation>
    </message>
    <message>
        <source>Principal overdue:</source>
        <translation>逾期本金：</translation>
    </message>
    <message>
        <source>Interest overdue:</source>
        <translation>逾期利息：</translation>
    </message>
    <message>
        <source>Penalty:</source>
        <translation>罚息：</translation>
    </message>
    <message>
        <source>Fees:</source>
        <translation>费用：</translation>
    </message>
    <message>
        <source>Total overdue:</source>
        <translation>逾期合计：</translation>
    </message>
    <message>
        <source>Outstanding balance:</source>
        <translation>剩余本息：</translation>
    </message>
    <message>
        <source>Loan:</source>
        <translation>贷款：</translation>
    </message>
    <message>
        <source>Holds and flags</source>
        <translation>暂停与标记</translation>
    </message>
    <message>
        <source>Contact points</source>
        <translation>联系方式</translation>
    </message>
    <message>
        <source>Reveal &amp;number</source>
        <translation>查看完整号码(&amp;N)</translation>
    </message>
    <message>
        <source>Show the selected number in full (recorded in the audit log)</source>
        <translation>显示所选号码的完整内容（记入审计日志）</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>还款计划</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>还款记录</translation>
    </message>
    <message>
        <source>Plans</source>
        <translation>还款方案</translation>
    </message>
    <message>
        <source>Next action: none scheduled</source>
        <translation>下一步：未安排跟进</translation>
    </message>
    <message>
        <source>Next action: %1</source>
        <translation>下一步：%1</translation>
    </message>
    <message>
        <source>Schedule follo&amp;w-up…</source>
        <translation>安排跟进(&amp;W)…</translation>
    </message>
</context>
<context>
    <name>CompliancePage</name>
    <message>
        <source>Fetching the flagged contacts…</source>
        <translation>正在获取违规联系记录…</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>坐席</translation>
    </message>
    <message>
        <source>Borrower</source>
        <translation>借款人</translation>
    </message>
    <message>
        <source>Loan</source>
        <translation>贷款</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Rules broken</source>
        <translation>违反的规则</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Banned words: %1</source>
        <translation>禁止用语：%1</translation>
    </message>
    <message>
        <source>%1 flagged contact(s) in the team; showing the newest %2.</source>
        <translation>本组共有 %1 条违规联系记录，显示最新的 %2 条。</translation>
    </message>
    <message>
        <source>Compliance</source>
        <translation>合规</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Open case</source>
        <translation>打开案件</translation>
    </message>
    <message>
        <source>Press Refresh to fetch the flagged contacts.</source>
        <translation>点击“刷新”获取违规联系记录。</translation>
    </message>
</context>
<context>
    <name>ContactPreferences</name>
    <message>
        <source>Mon</source>
        <translation>周一</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>周二</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>周三</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>周四</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>周五</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>周六</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>周日</translation>
    </message>
    <message>
        <source>Said on a call</source>
        <translation>通话中说明</translation>
    </message>
    <message>
        <source>In a message reply</source>
        <translation>短信或消息回复</translation>
    </message>
    <message>
        <source>In writing</source>
        <translation>书面提出</translation>
    </message>
    <message>
        <source>In person</source>
        <translation>当面提出</translation>
    </message>
    <message>
        <source>From the lender&apos;s records</source>
        <translation>来自贷款机构记录</translation>
    </message>
    <message>
        <source>a contact point no longer on file</source>
        <translation>已不在档的联系方式</translation>
    </message>
    <message>
        <source>every day</source>
        <translation>每天</translation>
    </message>
    <message>
        <source>weekdays</source>
        <translation>工作日</translation>
    </message>
    <message>
        <source>weekends</source>
        <translation>周末</translation>
    </message>
    <message>
        <source>all of the borrower&apos;s own contact points</source>
        <translation>借款人本人的全部联系方式</translation>
    </message>
    <message>
        <source>No %1 — %2</source>
        <translation>不接受%1 — %2</translation>
    </message>
    <message>
        <source>Employer forbids contact — %1</source>
        <translation>单位禁止联系 — %1</translation>
    </message>
    <message>
        <source>any channel</source>
        <translation>任何渠道</translation>
    </message>
    <message>
        <source>Inconvenient: %1 %2–%3 (%4)</source>
        <translation>不方便：%1 %2–%3（%4）</translation>
    </message>
    <message>
        <source>(waiting to sync)</source>
        <translation>（等待同步）</translation>
    </message>
    <message>
        <source>Any channel</source>
        <translation>任何渠道</translation>
    </message>
    <message>
        <source>All of the borrower&apos;s own contact points</source>
        <translation>借款人本人的全部联系方式</translation>
    </message>
    <message>
        <source>no calls</source>
        <translation>不接受电话</translation>
    </message>
    <message>
        <source>employer forbids contact</source>
        <translation>单位禁止联系</translation>
    </message>
</context>
<context>
    <name>ContactPreferencesDialog</name>
    <message>
        <source>Nothing recorded.</source>
        <translation>尚无记录。</translation>
    </message>
    <message>
        <source>Recorded. It applies at once and is sent on the next sync.</source>
        <translation>已记录。立即生效，下次同步时发送到服务器。</translation>
    </message>
    <message>
        <source>Contact preferences</source>
        <translation>联系偏好</translation>
    </message>
    <message>
        <source>What the borrower (or their employer) said about being contacted. It holds for every case of this borrower and is enforced on every desktop once synced.</source>
        <translation>借款人（或其工作单位）对联系方式的要求。适用于该借款人的所有案件，同步后在每台电脑上执行。</translation>
    </message>
    <message>
        <source>In force for this borrower</source>
        <translation>该借款人当前有效的要求</translation>
    </message>
    <message>
        <source>C&amp;lear selected</source>
        <translation>撤销所选(&amp;L)</translation>
    </message>
    <message>
        <source>How it was said</source>
        <translation>提出方式</translation>
    </message>
    <message>
        <source>&amp;Said by:</source>
        <translation>方式(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Words:</source>
        <translation>原话(&amp;W)：</translation>
    </message>
    <message>
        <source>What they said, in their words (optional)</source>
        <translation>对方原话（可选）</translation>
    </message>
    <message>
        <source>Opt out of a channel</source>
        <translation>退订渠道</translation>
    </message>
    <message>
        <source>C&amp;hannel:</source>
        <translation>渠道(&amp;H)：</translation>
    </message>
    <message>
        <source>A&amp;pplies to:</source>
        <translation>适用于(&amp;P)：</translation>
    </message>
    <message>
        <source>Add &amp;opt-out</source>
        <translation>添加退订(&amp;O)</translation>
    </message>
    <message>
        <source>Employer forbids contact</source>
        <translation>单位禁止联系</translation>
    </message>
    <message>
        <source>&amp;Number or address:</source>
        <translation>号码或地址(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Mark as forbidden</source>
        <translation>标记为禁止联系(&amp;M)</translation>
    </message>
    <message>
        <source>Inconvenient time (borrower&apos;s local time)</source>
        <translation>不方便的时段（借款人当地时间）</translation>
    </message>
    <message>
        <source>Days:</source>
        <translation>日期：</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>周一</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>周二</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>周三</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>周四</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>周五</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>周六</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>周日</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>从(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;until</source>
        <translation>至(&amp;U)</translation>
    </message>
    <message>
        <source>Cha&amp;nnel:</source>
        <translation>渠道(&amp;N)：</translation>
    </message>
    <message>
        <source>No day ticked means every day.</source>
        <translation>不勾选日期即为每天。</translation>
    </message>
    <message>
        <source>Add &amp;inconvenient time</source>
        <translation>添加不便时段(&amp;I)</translation>
    </message>
</context>
<context>
    <name>ContactPreferencesStrip</name>
    <message>
        <source>Contact &amp;preferences…</source>
        <translation>联系偏好(&amp;P)…</translation>
    </message>
    <message>
        <source>Record a channel opt-out, an employer that forbids contact, or times the borrower said are inconvenient</source>
        <translation>记录渠道退订、禁止联系的工作单位，或借款人说明的不便时段</translation>
    </message>
    <message>
        <source>No contact preferences recorded.</source>
        <translation>尚无联系偏好记录。</translation>
    </message>
</context>
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
    <name>FollowUpDialog</name>
    <message>
        <source>Your time (%1)</source>
        <translation>您的时间（%1）</translation>
    </message>
    <message>
        <source>No follow-up is set for this case.</source>
        <translation>本案件尚未安排跟进。</translation>
    </message>
    <message>
        <source>Next action now: %1</source>
        <translation>当前下一步：%1</translation>
    </message>
    <message>
        <source>Schedule follow-up</source>
        <translation>安排跟进</translation>
    </message>
    <message>
        <source>&amp;When:</source>
        <translation>时间(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>原因(&amp;R)：</translation>
    </message>
    <message>
        <source>Optional, e.g. call back after payday</source>
        <translation>可选，例如：发薪日后再联系</translation>
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
    <name>GuidancePanel</name>
    <message>
        <source>Calm things down</source>
        <translation>安抚情绪</translation>
    </message>
    <message>
        <source>Hardship</source>
        <translation>经济困难</translation>
    </message>
    <message>
        <source>Disputes the debt</source>
        <translation>对欠款有异议</translation>
    </message>
    <message>
        <source>Wants to complain</source>
        <translation>要投诉</translation>
    </message>
    <message>
        <source>&quot;Stop calling me&quot;</source>
        <translation>“别再打给我”</translation>
    </message>
    <message>
        <source>Voicemail: leave a message</source>
        <translation>语音信箱：留言</translation>
    </message>
    <message>
        <source>Say</source>
        <translation>话术</translation>
    </message>
    <message>
        <source>Mandatory disclosure — read it out</source>
        <translation>必读告知——请完整读出</translation>
    </message>
    <message>
        <source>Ask</source>
        <translation>提问</translation>
    </message>
    <message>
        <source>Offer</source>
        <translation>方案</translation>
    </message>
    <message>
        <source>Close the call</source>
        <translation>结束通话</translation>
    </message>
    <message>
        <source>Loading the script…</source>
        <translation>正在加载话术…</translation>
    </message>
    <message>
        <source>No script</source>
        <translation>无话术</translation>
    </message>
    <message>
        <source>No script fits this case. Speak freely, and record the outcome.</source>
        <translation>没有适用于此案件的话术。请自行沟通，并记录结果。</translation>
    </message>
    <message>
        <source>Work out an offer in the plan calculator:</source>
        <translation>在方案计算器中测算方案：</translation>
    </message>
    <message>
        <source>Script ended: %1</source>
        <translation>话术结束：%1</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>&amp;Third party on the line</source>
        <translation>第三方接听(&amp;T)</translation>
    </message>
    <message>
        <source>Someone other than the borrower answered: the script switches to the third-party flow and every debt detail is hidden.</source>
        <translation>接听者不是借款人本人：话术切换到第三方流程，所有欠款信息都会隐藏。</translation>
    </message>
    <message>
        <source>I &amp;read this out in full</source>
        <translation>我已完整读出(&amp;R)</translation>
    </message>
    <message>
        <source>Always at hand</source>
        <translation>随时可用</translation>
    </message>
    <message>
        <source>Objections</source>
        <translation>异议处理</translation>
    </message>
</context>
<context>
    <name>InstalmentChart</name>
    <message>
        <source>Current contract</source>
        <translation>现有合同</translation>
    </message>
    <message>
        <source>Proposed plan</source>
        <translation>拟议方案</translation>
    </message>
    <message>
        <source>Month from today</source>
        <translation>距今月数</translation>
    </message>
    <message>
        <source>Instalment</source>
        <translation>每期还款</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Reminder</source>
        <translation>提醒</translation>
    </message>
    <message>
        <source>Negotiation</source>
        <translation>协商</translation>
    </message>
    <message>
        <source>Pre-legal</source>
        <translation>诉前</translation>
    </message>
    <message>
        <source>Legal</source>
        <translation>诉讼</translation>
    </message>
    <message>
        <source>Current</source>
        <translation>未逾期</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Dispute</source>
        <translation>争议</translation>
    </message>
    <message>
        <source>Asked to stop contact</source>
        <translation>要求停止联系</translation>
    </message>
    <message>
        <source>Represented by a lawyer</source>
        <translation>已委托律师</translation>
    </message>
    <message>
        <source>Deceased</source>
        <translation>已故</translation>
    </message>
    <message>
        <source>Vulnerable</source>
        <translation>弱势群体</translation>
    </message>
    <message>
        <source>Pending approval</source>
        <translation>待审批</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已驳回</translation>
    </message>
    <message>
        <source>Returned for changes</source>
        <translation>退回修改</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>已撤回</translation>
    </message>
    <message>
        <source>Promised</source>
        <translation>已承诺</translation>
    </message>
    <message>
        <source>Kept</source>
        <translation>已履约</translation>
    </message>
    <message>
        <source>Broken</source>
        <translation>已违约</translation>
    </message>
    <message>
        <source>Due today</source>
        <translation>今天到期</translation>
    </message>
    <message>
        <source>No answer</source>
        <translation>无人接听</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>占线</translation>
    </message>
    <message>
        <source>Number not in service</source>
        <translation>空号</translation>
    </message>
    <message>
        <source>Voicemail</source>
        <translation>语音信箱</translation>
    </message>
    <message>
        <source>Wrong number</source>
        <translation>号码错误</translation>
    </message>
    <message>
        <source>Third party</source>
        <translation>第三方</translation>
    </message>
    <message>
        <source>Spoke with the borrower</source>
        <translation>联系到本人</translation>
    </message>
    <message>
        <source>Refused to pay</source>
        <translation>拒绝还款</translation>
    </message>
    <message>
        <source>Promise to pay</source>
        <translation>承诺还款</translation>
    </message>
    <message>
        <source>Plan proposed</source>
        <translation>已提交方案</translation>
    </message>
    <message>
        <source>Asked to be called back</source>
        <translation>要求回电</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>短信</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <source>Instant message</source>
        <translation>即时消息</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>上门</translation>
    </message>
    <message>
        <source>Letter</source>
        <translation>信函</translation>
    </message>
    <message>
        <source>Borrower</source>
        <translation>本人</translation>
    </message>
    <message>
        <source>Emergency contact</source>
        <translation>紧急联系人</translation>
    </message>
    <message>
        <source>Employer</source>
        <translation>工作单位</translation>
    </message>
    <message>
        <source>Guarantor</source>
        <translation>担保人</translation>
    </message>
    <message>
        <source>Financial pressure</source>
        <translation>经济压力</translation>
    </message>
    <message>
        <source>Lost their job</source>
        <translation>失业</translation>
    </message>
    <message>
        <source>Illness</source>
        <translation>疾病</translation>
    </message>
    <message>
        <source>Family emergency</source>
        <translation>家庭变故</translation>
    </message>
    <message>
        <source>Income dropped</source>
        <translation>收入下降</translation>
    </message>
    <message>
        <source>Disputes the debt</source>
        <translation>对债务有异议</translation>
    </message>
    <message>
        <source>Claims fraud</source>
        <translation>声称被盗用</translation>
    </message>
    <message>
        <source>Forgot to pay</source>
        <translation>忘记还款</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Calm</source>
        <translation>平静</translation>
    </message>
    <message>
        <source>Cooperative</source>
        <translation>配合</translation>
    </message>
    <message>
        <source>Upset</source>
        <translation>不满</translation>
    </message>
    <message>
        <source>Angry</source>
        <translation>愤怒</translation>
    </message>
    <message>
        <source>Crying</source>
        <translation>哭泣</translation>
    </message>
    <message>
        <source>Threatening to complain</source>
        <translation>威胁投诉</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>催收员</translation>
    </message>
    <message>
        <source>Team lead</source>
        <translation>组长</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Promise</source>
        <translation>承诺</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>方案</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>审批</translation>
    </message>
</context>
<context>
    <name>LeadDecisionPanel</name>
    <message>
        <source>Decision</source>
        <translation>审批</translation>
    </message>
    <message>
        <source>Comment for the agent (required to reject or return)</source>
        <translation>给坐席的意见（驳回或退回时必填）</translation>
    </message>
    <message>
        <source>&amp;Approve</source>
        <translation>批准(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Reject</source>
        <translation>驳回(&amp;R)</translation>
    </message>
    <message>
        <source>Return for &amp;changes</source>
        <translation>退回修改(&amp;C)</translation>
    </message>
    <message>
        <source>Open case</source>
        <translation>打开案件</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Sign in again to sync: your work is kept on this computer.</source>
        <translation>请重新登录后同步：您的工作仍保存在本机。</translation>
    </message>
    <message>
        <source>About AgentDesk</source>
        <translation>关于 AgentDesk</translation>
    </message>
    <message>
        <source>AgentDesk %1
The desktop for collection agents and team leads.</source>
        <translation>AgentDesk %1
面向催收员和组长的桌面工作台。</translation>
    </message>
    <message>
        <source>Some changes were not accepted by the server: see Needs attention.</source>
        <translation>部分变更未被服务器接受：请查看“需要处理”。</translation>
    </message>
    <message>
        <source>AgentDesk — %1 (%2)</source>
        <translation>AgentDesk — %1（%2）</translation>
    </message>
    <message>
        <source>My queue</source>
        <translation>我的队列</translation>
    </message>
    <message>
        <source>&amp;AgentDesk</source>
        <translation>AgentDesk(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>立即同步(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Find case</source>
        <translation>查找案件(&amp;F)</translation>
    </message>
    <message>
        <source>My &amp;queue</source>
        <translation>我的队列(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Close case</source>
        <translation>关闭案件(&amp;C)</translation>
    </message>
    <message>
        <source>Needs &amp;attention…</source>
        <translation>需要处理(&amp;A)…</translation>
    </message>
    <message>
        <source>S&amp;ettings…</source>
        <translation>设置(&amp;E)…</translation>
    </message>
    <message>
        <source>Sign &amp;in again…</source>
        <translation>重新登录(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;About AgentDesk</source>
        <translation>关于 AgentDesk(&amp;A)</translation>
    </message>
    <message>
        <source>Your session ended. Sign in again to sync; your work stays on this computer.</source>
        <translation>登录已失效。请重新登录后同步；您的工作仍保存在本机。</translation>
    </message>
</context>
<context>
    <name>PlanProposalDialog</name>
    <message>
        <source>Propose a repayment plan</source>
        <translation>提交还款方案</translation>
    </message>
    <message>
        <source>Plan options</source>
        <translation>方案选项</translation>
    </message>
    <message>
        <source>&amp;Extension (months)</source>
        <translation>延长期数（月）(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Grace (months)</source>
        <translation>宽限期（月）(&amp;G)</translation>
    </message>
    <message>
        <source>New annual &amp;rate (%)</source>
        <translation>新年利率（%）(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Waivers given as</source>
        <translation>减免方式(&amp;W)</translation>
    </message>
    <message>
        <source>Penalty interest waived</source>
        <translation>罚息减免</translation>
    </message>
    <message>
        <source>Fees waived</source>
        <translation>费用减免</translation>
    </message>
    <message>
        <source>&amp;Down payment</source>
        <translation>首付金额(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Step-up (months, % of instalment)</source>
        <translation>低额还款（月数，每期比例 %）(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;First due date</source>
        <translation>首期还款日(&amp;F)</translation>
    </message>
    <message>
        <source>Repayment &amp;method</source>
        <translation>还款方式(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Capitalise arrears into the new principal</source>
        <translation>逾期欠款计入新本金(&amp;C)</translation>
    </message>
    <message>
        <source>Affordability</source>
        <translation>还款能力</translation>
    </message>
    <message>
        <source>Monthly &amp;income</source>
        <translation>月收入(&amp;I)</translation>
    </message>
    <message>
        <source>Essential e&amp;xpenses</source>
        <translation>必要支出(&amp;X)</translation>
    </message>
    <message>
        <source>&amp;Justification for the approver</source>
        <translation>给审批人的说明(&amp;J)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>&amp;Submit proposal</source>
        <translation>提交方案(&amp;S)</translation>
    </message>
    <message>
        <source>Authority</source>
        <translation>审批权限</translation>
    </message>
    <message>
        <source>on principal (interest only)</source>
        <translation>仅宽限本金（只还利息）</translation>
    </message>
    <message>
        <source>on principal and interest</source>
        <translation>本金和利息均宽限</translation>
    </message>
    <message>
        <source>percent of what is owed</source>
        <translation>按欠款比例</translation>
    </message>
    <message>
        <source>amount</source>
        <translation>按金额</translation>
    </message>
    <message>
        <source>as the contract (%1)</source>
        <translation>同合同（%1）</translation>
    </message>
    <message>
        <source>%1 · loan %2</source>
        <translation>%1 · 贷款 %2</translation>
    </message>
    <message>
        <source>Overdue principal %1</source>
        <translation>逾期本金 %1</translation>
    </message>
    <message>
        <source>overdue interest %1</source>
        <translation>逾期利息 %1</translation>
    </message>
    <message>
        <source>penalty %1</source>
        <translation>罚息 %1</translation>
    </message>
    <message>
        <source>fees %1</source>
        <translation>费用 %1</translation>
    </message>
    <message>
        <source>principal not yet due %1</source>
        <translation>未到期本金 %1</translation>
    </message>
    <message>
        <source>Correct the highlighted field to see the plan.</source>
        <translation>请修正标红的字段以查看方案。</translation>
    </message>
    <message>
        <source>Instalment %1 → %2; %3 instalments, ending %4 (was %5).</source>
        <translation>每期还款 %1 → %2；共 %3 期，%4 结清（原为 %5）。</translation>
    </message>
    <message>
        <source>Total payable %1 (was %2).</source>
        <translation>应还总额 %1（原为 %2）。</translation>
    </message>
    <message>
        <source>Concessions: extension %1 months, waived %2 (%3), rate cut %4, present-value loss %5, down payment %6 (%7).</source>
        <translation>让步：延长 %1 个月，减免 %2（%3），降息 %4，现值损失 %5，首付 %6（%7）。</translation>
    </message>
    <message>
        <source>Enter the borrower&apos;s monthly income and essential expenses to check affordability.</source>
        <translation>请填写借款人的月收入和必要支出以评估还款能力。</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>contract rate %1 %</source>
        <translation>合同利率 %1 %</translation>
    </message>
    <message>
        <source>% of the instalment</source>
        <translation>每期的 %</translation>
    </message>
    <message>
        <source>Why this plan fits the borrower (read by the approver)</source>
        <translation>为什么这个方案适合借款人（审批人会阅读）</translation>
    </message>
</context>
<context>
    <name>PlanReview</name>
    <message>
        <source>you</source>
        <translation>您</translation>
    </message>
    <message>
        <source>Choose a plan on the left to see it here.</source>
        <translation>在左侧选择一个方案，在此查看详情。</translation>
    </message>
    <message>
        <source>%1 · loan %2 · %3 days past due · %4 · overdue %5</source>
        <translation>%1 · 贷款 %2 · 逾期 %3 天 · %4 · 逾期金额 %5</translation>
    </message>
    <message>
        <source>Proposed by</source>
        <translation>提交人</translation>
    </message>
    <message>
        <source>Proposed</source>
        <translation>提交时间</translation>
    </message>
    <message>
        <source>Extension</source>
        <translation>延期</translation>
    </message>
    <message>
        <source>%1 months</source>
        <translation>%1 个月</translation>
    </message>
    <message>
        <source>Waiver</source>
        <translation>减免</translation>
    </message>
    <message>
        <source>Rate cut</source>
        <translation>降息</translation>
    </message>
    <message>
        <source>%1 points</source>
        <translation>%1 个百分点</translation>
    </message>
    <message>
        <source>Present-value loss</source>
        <translation>现值损失</translation>
    </message>
    <message>
        <source>Down payment</source>
        <translation>首付</translation>
    </message>
    <message>
        <source>Instalment</source>
        <translation>月供</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>结清日</translation>
    </message>
    <message>
        <source>No income figures on file.</source>
        <translation>没有收入资料。</translation>
    </message>
    <message>
        <source>Monthly income</source>
        <translation>月收入</translation>
    </message>
    <message>
        <source>Essential expenses</source>
        <translation>必要支出</translation>
    </message>
    <message>
        <source>Disposable income</source>
        <translation>可支配收入</translation>
    </message>
    <message>
        <source>Largest instalment</source>
        <translation>最高月供</translation>
    </message>
    <message>
        <source>Share of disposable income</source>
        <translation>占可支配收入比例</translation>
    </message>
    <message>
        <source>Most allowed</source>
        <translation>允许上限</translation>
    </message>
    <message>
        <source>The server has not confirmed this proposal yet: its figures come with the next sync.</source>
        <translation>服务器尚未确认此方案：其测算结果将在下次同步时获得。</translation>
    </message>
    <message>
        <source>Within your authority: you may approve, reject or return it.</source>
        <translation>在您的权限内：可以批准、驳回或退回。</translation>
    </message>
    <message>
        <source>You proposed this plan: another lead or an administrator must decide it (four eyes).</source>
        <translation>此方案由您提交：须由其他组长或管理员审批（四眼原则）。</translation>
    </message>
    <message>
        <source>Beyond your authority — an administrator must approve it: %1. You may still reject it or return it for changes.</source>
        <translation>超出您的权限，须由管理员批准：%1。您仍可驳回或退回修改。</translation>
    </message>
    <message>
        <source>Waiting for the server to confirm this proposal (sync first).</source>
        <translation>等待服务器确认此方案（请先同步）。</translation>
    </message>
    <message>
        <source>This plan is no longer pending: it is %1.</source>
        <translation>此方案已不再待审批：当前状态为%1。</translation>
    </message>
    <message>
        <source>Only team leads and administrators decide plans.</source>
        <translation>只有组长和管理员可以审批方案。</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>期数</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>到期日</translation>
    </message>
    <message>
        <source>Principal</source>
        <translation>本金</translation>
    </message>
    <message>
        <source>Interest</source>
        <translation>利息</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>This case is not on this computer.</source>
        <translation>本机没有此案件。</translation>
    </message>
    <message>
        <source>Assigned to %1 · stage %2</source>
        <translation>分配给 %1 · 阶段 %2</translation>
    </message>
    <message>
        <source>No history yet.</source>
        <translation>暂无历史记录。</translation>
    </message>
    <message>
        <source>%1 by %2</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Notes: %1</source>
        <translation>备注：%1</translation>
    </message>
    <message>
        <source>%1 due %2 (%3)</source>
        <translation>%1，到期日 %2（%3）</translation>
    </message>
    <message>
        <source>by %1</source>
        <translation>%1 记录</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>方案</translation>
    </message>
    <message>
        <source>Case and history</source>
        <translation>案件与历史</translation>
    </message>
    <message>
        <source>What the plan gives</source>
        <translation>方案让步</translation>
    </message>
    <message>
        <source>Affordability</source>
        <translation>还款能力</translation>
    </message>
    <message>
        <source>Current schedule (from today)</source>
        <translation>当前还款计划（自今日起）</translation>
    </message>
    <message>
        <source>Proposed schedule</source>
        <translation>拟议还款计划</translation>
    </message>
</context>
<context>
    <name>PlanScheduleModel</name>
    <message>
        <source>No.</source>
        <translation>期次</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>还款日</translation>
    </message>
    <message>
        <source>Principal</source>
        <translation>本金</translation>
    </message>
    <message>
        <source>Interest</source>
        <translation>利息</translation>
    </message>
    <message>
        <source>Carried arrears</source>
        <translation>分摊欠款</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Balance after</source>
        <translation>剩余余额</translation>
    </message>
</context>
<context>
    <name>QueuePage</name>
    <message>
        <source>Type at least 3 digits to search phone numbers.</source>
        <translation>搜索电话号码请至少输入 3 位数字。</translation>
    </message>
    <message numerus="yes">
        <source>%n case(s) match</source>
        <translation>
            <numerusform>匹配 %n 个案件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n case(s) in your queue</source>
        <translation>
            <numerusform>队列中共 %n 个案件</numerusform>
        </translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <source>Due today</source>
        <translation>今天到期</translation>
    </message>
    <message>
        <source>Cases whose next action is due today or earlier</source>
        <translation>下次跟进时间为今天或更早的案件</translation>
    </message>
    <message>
        <source>Promises due</source>
        <translation>承诺到期</translation>
    </message>
    <message>
        <source>Open promises to pay that fall due today or earlier</source>
        <translation>今天或更早到期的未履行还款承诺</translation>
    </message>
    <message>
        <source>Broken promises</source>
        <translation>承诺违约</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新案件</translation>
    </message>
    <message>
        <source>Cases nobody has contacted yet</source>
        <translation>尚未联系过的案件</translation>
    </message>
    <message>
        <source>Plans pending</source>
        <translation>方案待批</translation>
    </message>
    <message>
        <source>On hold</source>
        <translation>暂停中</translation>
    </message>
    <message>
        <source>Search name, pinyin, phone or loan number (Ctrl+F)</source>
        <translation>搜索姓名、拼音、电话或贷款编号（Ctrl+F）</translation>
    </message>
</context>
<context>
    <name>QueueReasons</name>
    <message>
        <source>On hold (%1): no collection contact until it is lifted.</source>
        <translation>暂停中（%1）：解除前不得进行催收联系。</translation>
    </message>
    <message>
        <source>The last promise to pay was broken.</source>
        <translation>最近一次还款承诺已违约。</translation>
    </message>
    <message>
        <source>A promise to pay falls due %1: check the payment.</source>
        <translation>还款承诺于%1到期：请核实是否已还款。</translation>
    </message>
    <message>
        <source>Promised to pay by %1.</source>
        <translation>承诺于 %1 前还款。</translation>
    </message>
    <message>
        <source>Follow-up due %1.</source>
        <translation>应于 %1 跟进。</translation>
    </message>
    <message>
        <source>Nobody has contacted them yet.</source>
        <translation>尚未联系过借款人。</translation>
    </message>
    <message>
        <source>A repayment plan waits for the team lead&apos;s decision.</source>
        <translation>还款方案等待组长审批。</translation>
    </message>
    <message>
        <source>The team lead returned the plan for changes.</source>
        <translation>组长已退回方案，需要修改。</translation>
    </message>
    <message>
        <source>%1 days past due (bucket %2), %3 overdue; priority %4.</source>
        <translation>逾期 %1 天（账龄 %2），逾期金额 %3；优先级 %4。</translation>
    </message>
</context>
<context>
    <name>ReassignPage</name>
    <message>
        <source>nobody</source>
        <translation>无人</translation>
    </message>
    <message>
        <source>All agents</source>
        <translation>全部坐席</translation>
    </message>
    <message numerus="yes">
        <source>%1 — %n case(s)</source>
        <translation>
            <numerusform>%1 — %n 个案件</numerusform>
        </translation>
    </message>
    <message>
        <source>Borrower</source>
        <translation>借款人</translation>
    </message>
    <message>
        <source>Loan</source>
        <translation>贷款</translation>
    </message>
    <message>
        <source>DPD</source>
        <translation>逾期天数</translation>
    </message>
    <message>
        <source>Bucket</source>
        <translation>账龄</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>逾期金额</translation>
    </message>
    <message>
        <source>Assigned to</source>
        <translation>分配给</translation>
    </message>
    <message numerus="yes">
        <source>%n case(s) selected</source>
        <translation>
            <numerusform>已选 %n 个案件</numerusform>
        </translation>
    </message>
    <message>
        <source>Select one or more cases and the agent to move them to.</source>
        <translation>请选择一个或多个案件，以及接收的坐席。</translation>
    </message>
    <message>
        <source>These cases are already with %1.</source>
        <translation>这些案件已在 %1 名下。</translation>
    </message>
    <message>
        <source>%1 case(s) moved to %2; the agents receive them with the next sync.</source>
        <translation>已将 %1 个案件转给 %2；坐席将在下次同步时收到。</translation>
    </message>
    <message>
        <source>Reassign</source>
        <translation>调配案件</translation>
    </message>
    <message>
        <source>Show cases of</source>
        <translation>显示案件：</translation>
    </message>
    <message>
        <source>Move to</source>
        <translation>转给</translation>
    </message>
    <message>
        <source>Reason (optional)</source>
        <translation>原因（可选）</translation>
    </message>
    <message>
        <source>&amp;Move selected cases</source>
        <translation>转移所选案件(&amp;M)</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>The server address must look like https://agentdesk.example.com or http://host:port.</source>
        <translation>服务器地址应形如 https://agentdesk.example.com 或 http://主机:端口。</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Server address:</source>
        <translation>服务器地址(&amp;S)：</translation>
    </message>
    <message>
        <source>A new server address is used the next time you sign in.</source>
        <translation>新的服务器地址将在下次登录时使用。</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in to AgentDesk</source>
        <translation>登录 AgentDesk</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>服务器(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>S&amp;tay signed in on this computer</source>
        <translation>在此电脑上保持登录(&amp;T)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Sign &amp;in</source>
        <translation>登录(&amp;I)</translation>
    </message>
    <message>
        <source>Enter the server address your team lead gave you.</source>
        <translation>请输入组长提供的服务器地址。</translation>
    </message>
    <message>
        <source>The server address must look like https://agentdesk.example.com or http://host:port.</source>
        <translation>服务器地址应形如 https://agentdesk.example.com 或 http://主机:端口。</translation>
    </message>
    <message>
        <source>Enter your user name.</source>
        <translation>请输入用户名。</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>请输入密码。</translation>
    </message>
    <message>
        <source>The user name or password is not right. Check them and try again.</source>
        <translation>用户名或密码不正确。请检查后重试。</translation>
    </message>
    <message>
        <source>The server at %1 does not answer. Check the address and your network.</source>
        <translation>服务器 %1 没有响应。请检查地址和网络。</translation>
    </message>
    <message>
        <source>Too many attempts. Wait a minute, then try again.</source>
        <translation>尝试次数过多。请稍等一分钟后再试。</translation>
    </message>
    <message>
        <source>There is no saved work of this user on this computer.</source>
        <translation>此电脑上没有该用户保存的工作。</translation>
    </message>
    <message>
        <source>Work &amp;offline</source>
        <translation>离线工作(&amp;O)</translation>
    </message>
    <message>
        <source>Open the work saved on this computer; it is sent after you sign in again.</source>
        <translation>打开保存在本机的工作；重新登录后会发送到服务器。</translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <source>Not signed in</source>
        <translation>未登录</translation>
    </message>
    <message>
        <source>Your session ended. Your work is kept here; sign in again to send it.</source>
        <translation>登录已失效。您的工作仍保存在本机；重新登录后发送。</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>The server cannot be reached. Your work is saved here and sent when it is back.</source>
        <translation>无法连接服务器。您的工作已保存在本机，恢复连接后发送。</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) waiting to sync</source>
        <translation>
            <numerusform>%n 项变更待同步</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing waiting to sync</source>
        <translation>没有待同步的变更</translation>
    </message>
    <message numerus="yes">
        <source>%n need(s) attention</source>
        <translation>
            <numerusform>%n 项需要处理</numerusform>
        </translation>
    </message>
    <message>
        <source>Last sync: %1</source>
        <translation>上次同步：%1</translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>尚未同步</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>正在同步…</translation>
    </message>
    <message>
        <source>Sending changes…</source>
        <translation>正在发送变更…</translation>
    </message>
    <message>
        <source>Receiving updates…</source>
        <translation>正在接收更新…</translation>
    </message>
    <message>
        <source>Update AgentDesk to sync again</source>
        <translation>请更新 AgentDesk 后再同步</translation>
    </message>
    <message>
        <source>Sign in again…</source>
        <translation>重新登录…</translation>
    </message>
</context>
<context>
    <name>TeamDashboardPage</name>
    <message>
        <source>The first day must not be after the last day.</source>
        <translation>起始日不能晚于结束日。</translation>
    </message>
    <message>
        <source>Fetching the team report…</source>
        <translation>正在获取团队报表…</translation>
    </message>
    <message>
        <source>Showing the last figures kept on this computer.</source>
        <translation>显示本机保存的最近一次数据。</translation>
    </message>
    <message>
        <source>Last figures kept, taken %1</source>
        <translation>本机保存的数据，获取于 %1</translation>
    </message>
    <message>
        <source>Figures as of %1</source>
        <translation>数据截至 %1</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>团队</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>坐席</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>联系次数</translation>
    </message>
    <message>
        <source>Right-party contacts</source>
        <translation>本人接通</translation>
    </message>
    <message>
        <source>Promises made</source>
        <translation>承诺还款</translation>
    </message>
    <message>
        <source>Promises kept</source>
        <translation>承诺兑现</translation>
    </message>
    <message>
        <source>Promises broken</source>
        <translation>承诺违约</translation>
    </message>
    <message>
        <source>Kept rate</source>
        <translation>兑现率</translation>
    </message>
    <message>
        <source>Plans proposed</source>
        <translation>提交方案</translation>
    </message>
    <message>
        <source>Plans approved</source>
        <translation>批准方案</translation>
    </message>
    <message>
        <source>Plans broken</source>
        <translation>方案违约</translation>
    </message>
    <message>
        <source>Collected</source>
        <translation>回款金额</translation>
    </message>
    <message>
        <source>Team total</source>
        <translation>团队合计</translation>
    </message>
    <message>
        <source>Day of the period</source>
        <translation>期间第几天</translation>
    </message>
    <message>
        <source>Activity by day</source>
        <translation>每日作业量</translation>
    </message>
    <message>
        <source>Open cases</source>
        <translation>在催案件</translation>
    </message>
    <message>
        <source>Open cases by bucket</source>
        <translation>在催案件账龄分布</translation>
    </message>
    <message>
        <source>Export team figures</source>
        <translation>导出团队数据</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Exported %1 rows to %2.</source>
        <translation>已导出 %1 行到 %2。</translation>
    </message>
    <message>
        <source>Team performance</source>
        <translation>团队绩效</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>查看</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>No figures yet: choose a period and press Show.</source>
        <translation>暂无数据：请选择期间后点击“查看”。</translation>
    </message>
</context>
<context>
    <name>Workspaces</name>
    <message>
        <source>Not available</source>
        <translation>不可用</translation>
    </message>
    <message>
        <source>This part of AgentDesk is not installed.</source>
        <translation>此 AgentDesk 组件未安装。</translation>
    </message>
</context>
</TS>
