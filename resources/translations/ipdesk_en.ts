<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AdvanceForm</name>
    <message>
        <source>下一阶段经办人</source>
        <translation>Responsible for the next stage</translation>
    </message>
    <message>
        <source>完成并进入下一阶段</source>
        <translation>Complete and go to the next stage</translation>
    </message>
    <message>
        <source>完成阶段：{stage}</source>
        <translation>Complete stage: {stage}</translation>
    </message>
    <message>
        <source>已存档</source>
        <translation>on file</translation>
    </message>
    <message>
        <source>文号或存档编号</source>
        <translation>Reference or file number</translation>
    </message>
    <message>
        <source>本阶段材料</source>
        <translation>This stage&apos;s documents</translation>
    </message>
</context>
<context>
    <name>AgreementForm</name>
    <message>
        <source>一项或多项专利号，用逗号或顿号分隔</source>
        <translation>One or more patent numbers, separated by commas</translation>
    </message>
    <message>
        <source>托管专利</source>
        <translation>Patents in custody</translation>
    </message>
    <message>
        <source>托管机构名称或统一社会信用代码</source>
        <translation>The custodian's name or unified social credit code</translation>
    </message>
    <message>
        <source>新建托管协议</source>
        <translation>New custody agreement</translation>
    </message>
    <message>
        <source>留空：长期有效</source>
        <translation>Leave empty: open-ended</translation>
    </message>
</context>
<context>
    <name>AmountForm</name>
    <message>
        <source>事后收回：{case}</source>
        <translation>Recovery: {case}</translation>
    </message>
    <message>
        <source>先于罚息、利息、本金受偿（民法典第561条）</source>
        <translation>Paid before penalty interest, interest and principal (Civil Code 561)</translation>
    </message>
    <message>
        <source>处置及实现债权费用</source>
        <translation>Disposal and enforcement costs</translation>
    </message>
    <message>
        <source>收回金额</source>
        <translation>Amount recovered</translation>
    </message>
    <message>
        <source>清偿分配：{case}</source>
        <translation>Settlement: {case}</translation>
    </message>
</context>
<context>
    <name>AuctionForm</name>
    <message>
        <source>保证金（元）</source>
        <translation>Deposit (yuan)</translation>
    </message>
    <message>
        <source>加价幅度</source>
        <translation>Increment</translation>
    </message>
    <message>
        <source>开始拍卖：{lot}</source>
        <translation>Open auction: {lot}</translation>
    </message>
    <message>
        <source>开始时间</source>
        <translation>Opens</translation>
    </message>
    <message>
        <source>方式</source>
        <translation>Mode</translation>
    </message>
    <message>
        <source>结束时间</source>
        <translation>Closes</translation>
    </message>
    <message>
        <source>规则</source>
        <translation>Rules</translation>
    </message>
    <message>
        <source>起拍价（元）</source>
        <translation>Start price (yuan)</translation>
    </message>
    <message>
        <source>金额，或按价格区间：0=1000,1000000=5000</source>
        <translation>An amount, or price bands: 0=1000,1000000=5000</translation>
    </message>
</context>
<context>
    <name>AuctionView</name>
    <message>
        <source>{auction}　{mode}（第 {round} 次）　{preset}</source>
        <translation>{auction}  {mode} (round {round})  {preset}</translation>
    </message>
    <message>
        <source>买受人悔拍</source>
        <translation>Buyer backed out</translation>
    </message>
    <message>
        <source>出价记录（最新在上）</source>
        <translation>Bids (latest first)</translation>
    </message>
    <message>
        <source>密封投标</source>
        <translation>Sealed tender</translation>
    </message>
    <message>
        <source>尚无出价</source>
        <translation>No bids yet</translation>
    </message>
    <message>
        <source>尚无竞价：选择一个已开始拍卖的标的</source>
        <translation>No auction: select a lot with an auction</translation>
    </message>
    <message>
        <source>尚未开始</source>
        <translation>Not open yet</translation>
    </message>
    <message>
        <source>已成交</source>
        <translation>Sold</translation>
    </message>
    <message>
        <source>开标前不显示出价（已有 {n} 位竞买人）</source>
        <translation>Bids are hidden until the opening ({n} bidders registered)</translation>
    </message>
    <message>
        <source>开标结果（价高者得，同价时优先购买权人优先，再按时间）</source>
        <translation>Opening order (highest price; on an equal price the pre-emption holder, then the earliest)</translation>
    </message>
    <message>
        <source>当前价 {price} 元</source>
        <translation>Current price {price} yuan</translation>
    </message>
    <message>
        <source>流拍</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>竞价已结束，待确认结果</source>
        <translation>Bidding over: record the result</translation>
    </message>
    <message>
        <source>起拍价 {price} 元</source>
        <translation>Start price {price} yuan</translation>
    </message>
    <message>
        <source>起拍价 {start} 元　加价幅度 {step}　保证金 {deposit} 元　竞买人 {n} 位　开始 {opens}</source>
        <translation>Start {start} yuan  Increment {step}  Deposit {deposit} yuan  Bidders {n}  Opens {opens}</translation>
    </message>
    <message>
        <source>距结束 {days} 天 {hms}</source>
        <translation>Closes in {days} d {hms}</translation>
    </message>
    <message>
        <source>距结束 {hms}</source>
        <translation>Closes in {hms}</translation>
    </message>
    <message>
        <source>领先：{code}</source>
        <translation>Leading: {code}</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <source>审计日志</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <source>审计链完好</source>
        <translation>Audit chain intact</translation>
    </message>
    <message>
        <source>审计链被破坏</source>
        <translation>Audit chain broken</translation>
    </message>
    <message>
        <source>已校验 {n} 条审计记录，未发现改动。</source>
        <translation>Audit entries verified: {n}; no alterations found.</translation>
    </message>
    <message>
        <source>搜索摘要或用户名…</source>
        <translation>Search summary or user name…</translation>
    </message>
    <message>
        <source>校验审计链</source>
        <translation>Verify audit chain</translation>
    </message>
    <message>
        <source>正在校验审计链…</source>
        <translation>Verifying the audit chain…</translation>
    </message>
    <message>
        <source>第 {seq} 条记录起审计链不一致：{reason}
请立即联系系统管理员，并保留数据库备份。</source>
        <translation>The audit chain is inconsistent from entry {seq} on: {reason}
Contact the system administrator at once and keep the database backups.</translation>
    </message>
    <message>
        <source>重新计算每条记录的哈希，检查日志是否被改动</source>
        <translation>Recompute every entry&apos;s hash to check that the log has not been altered</translation>
    </message>
</context>
<context>
    <name>BatchPrintDialog</name>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>保存到：</source>
        <translation>Save to:</translation>
    </message>
    <message>
        <source>保存合并的 PDF</source>
        <translation>Save merged PDF</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>合并为一个 PDF 文件</source>
        <translation>Merge into one PDF file</translation>
    </message>
    <message>
        <source>合并文件的名字应以 .pdf 结尾：{path}</source>
        <translation>The merged file&apos;s name must end in .pdf: {path}</translation>
    </message>
    <message>
        <source>已选择 {n} 件质押</source>
        <translation>Pledges selected: {n}</translation>
    </message>
    <message>
        <source>开始打印</source>
        <translation>Start printing</translation>
    </message>
    <message>
        <source>打开 PDF</source>
        <translation>Open PDF</translation>
    </message>
    <message>
        <source>打开文件夹</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <source>批量打印通知书</source>
        <translation>Print notices in bulk</translation>
    </message>
    <message>
        <source>每件一个 PDF 文件，存入文件夹</source>
        <translation>One PDF file per pledge, into a folder</translation>
    </message>
    <message>
        <source>没有这种通知书的质押会跳过，并在结束时列出。</source>
        <translation>Pledges without this kind of notice are skipped and listed at the end.</translation>
    </message>
    <message>
        <source>范围：</source>
        <translation>Scope:</translation>
    </message>
    <message>
        <source>请选择保存位置</source>
        <translation>Choose where to save</translation>
    </message>
    <message>
        <source>输出：</source>
        <translation>Output:</translation>
    </message>
    <message>
        <source>选择文件夹</source>
        <translation>Choose folder</translation>
    </message>
    <message>
        <source>通知书：</source>
        <translation>Notice:</translation>
    </message>
</context>
<context>
    <name>BidderForm</name>
    <message>
        <source>交纳保证金：{auction}</source>
        <translation>Deposit: {auction}</translation>
    </message>
    <message>
        <source>享有优先购买权</source>
        <translation>Holds a pre-emption right</translation>
    </message>
    <message>
        <source>出价：{auction}</source>
        <translation>Bid: {auction}</translation>
    </message>
    <message>
        <source>竞买人</source>
        <translation>Bidder</translation>
    </message>
    <message>
        <source>竞买人的统一社会信用代码或全称</source>
        <translation>The bidder's USCC or full name</translation>
    </message>
    <message>
        <source>金额（元）</source>
        <translation>Amount (yuan)</translation>
    </message>
</context>
<context>
    <name>CancelDialog</name>
    <message>
        <source>提交审核</source>
        <translation>Submit for approval</translation>
    </message>
    <message>
        <source>注销原因 *</source>
        <translation>Reason for cancellation *</translation>
    </message>
    <message>
        <source>注销原因：{trigger}；注销日期：{on}。
注销后该登记为只读，不能再变更或延期；出质权利可以再次出质。</source>
        <translation>Trigger: {trigger}; cancelled on {on}.
The registration then becomes read-only: no change or extension; the rights may be pledged again.</translation>
    </message>
    <message>
        <source>注销后该质押登记为只读，不能再变更或延期；出质权利可以再次出质。</source>
        <translation>After cancellation the pledge registration is read-only and can no longer be changed or extended; the pledged rights may be pledged again.</translation>
    </message>
    <message>
        <source>注销日期</source>
        <translation>Cancellation date</translation>
    </message>
    <message>
        <source>注销日期 *</source>
        <translation>Cancellation date *</translation>
    </message>
    <message>
        <source>注销登记</source>
        <translation>Cancel registration</translation>
    </message>
    <message>
        <source>注销质押登记 {no}？</source>
        <translation>Cancel pledge registration {no}?</translation>
    </message>
    <message>
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>（请选择）</source>
        <translation>(choose)</translation>
    </message>
</context>
<context>
    <name>CaseSection</name>
    <message>
        <source>启动处置…</source>
        <translation>Open a disposal case…</translation>
    </message>
    <message>
        <source>处置案件</source>
        <translation>Disposal cases</translation>
    </message>
    <message>
        <source>没有处置案件</source>
        <translation>No disposal case</translation>
    </message>
    <message>
        <source>贷款违约后，就本质押启动处置案件</source>
        <translation>Once the loan is in default, open a disposal case on this pledge</translation>
    </message>
    <message>
        <source>阶段期限 {due}，经办人 {who}</source>
        <translation>stage due {due}, responsible {who}</translation>
    </message>
</context>
<context>
    <name>ChangeDialog</name>
    <message>
        <source>债权种类：</source>
        <translation>Type of claim:</translation>
    </message>
    <message>
        <source>变更登记</source>
        <translation>Change registration</translation>
    </message>
    <message>
        <source>担保债权数额</source>
        <translation>Secured amount</translation>
    </message>
    <message>
        <source>担保债权数额（元）：</source>
        <translation>Secured amount (yuan):</translation>
    </message>
    <message>
        <source>担保范围：</source>
        <translation>Scope of security:</translation>
    </message>
    <message>
        <source>新的质权人：</source>
        <translation>New pledgee:</translation>
    </message>
    <message>
        <source>现为 {name}；不变更则留空</source>
        <translation>Currently {name}; leave empty to keep</translation>
    </message>
</context>
<context>
    <name>ClausesChecklist</name>
    <message>
        <source>合同约定债务人到期不履行时质押财产归质权人所有：民法典第四百二十八条，不予登记</source>
        <translation>The contract lets the pledgee own the pledged property if the debtor defaults (forfeiture clause): Civil Code Art. 428, registration refused</translation>
    </message>
    <message>
        <source>还缺必备条款：{names}</source>
        <translation>Mandatory clauses still missing: {names}</translation>
    </message>
    <message>
        <source>（不予登记事由）</source>
        <translation>(ground for refusal)</translation>
    </message>
    <message>
        <source>（必备）</source>
        <translation>(required)</translation>
    </message>
</context>
<context>
    <name>CloseMonitoringForm</name>
    <message>
        <source>结案：{kind}</source>
        <translation>Close: {kind}</translation>
    </message>
</context>
<context>
    <name>ComingPage</name>
    <message>
        <source>“{area}”将在后续版本中提供。</source>
        <translation>“{area}” comes in a later version.</translation>
    </message>
</context>
<context>
    <name>CoverSection</name>
    <message>
        <source>{no}　{product}　{insurer}　{start} 至 {end}　限额 {limit} 元</source>
        <translation>{no}  {product}  {insurer}  {start} to {end}  limit {limit} yuan</translation>
    </message>
    <message>
        <source>保险保障</source>
        <translation>Insurance cover</translation>
    </message>
    <message>
        <source>保障至 {end}</source>
        <translation>Covered until {end}</translation>
    </message>
    <message>
        <source>保障至 {end}，早于履行期限 {deadline}</source>
        <translation>Covered until {end}, before the performance deadline {deadline}</translation>
    </message>
    <message>
        <source>出质权利没有投保</source>
        <translation>The pledged rights are not insured</translation>
    </message>
    <message>
        <source>未投保：{rights}</source>
        <translation>Not insured: {rights}</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>&lt;b&gt;发生了一个意外错误。&lt;/b&gt;&lt;br&gt;当前操作没有完成；已保存的数据保持一致，未完成的修改没有写入。&lt;br&gt;请复制下面的报告发给系统管理员，然后可以继续工作；如果问题反复出现，请重启 ipdesk。</source>
        <translation>&lt;b&gt;An unexpected error occurred.&lt;/b&gt;&lt;br&gt;The current operation did not complete; saved data is consistent and unfinished changes were not written.&lt;br&gt;Copy the report below and send it to your system administrator; you can keep working. If the problem repeats, restart ipdesk.</translation>
    </message>
    <message>
        <source>ipdesk 出错了</source>
        <translation>ipdesk ran into an error</translation>
    </message>
    <message>
        <source>复制报告</source>
        <translation>Copy report</translation>
    </message>
    <message>
        <source>日志文件：{path}</source>
        <translation>Log file: {path}</translation>
    </message>
    <message>
        <source>未配置日志文件。</source>
        <translation>No log file is configured.</translation>
    </message>
</context>
<context>
    <name>CureDialog</name>
    <message>
        <source>合同已删除流质条款</source>
        <translation>Forfeiture clause removed from the contract</translation>
    </message>
    <message>
        <source>合同已补正：</source>
        <translation>Contract corrected:</translation>
    </message>
    <message>
        <source>收到的材料：</source>
        <translation>Documents received:</translation>
    </message>
    <message>
        <source>收到补正材料</source>
        <translation>Correction documents received</translation>
    </message>
    <message>
        <source>补正期限：{date}</source>
        <translation>Correction deadline: {date}</translation>
    </message>
</context>
<context>
    <name>CustodyPage</name>
    <message>
        <source> 天内</source>
        <translation> days ahead</translation>
    </message>
    <message>
        <source>Excel 文件 (*.xlsx);;CSV 文件 (*.csv)</source>
        <translation>Excel files (*.xlsx);;CSV files (*.csv)</translation>
    </message>
    <message>
        <source>{n} 笔年费 {days} 天内到期或已逾期（逾期 {late} 笔），今日应缴 {total} 元</source>
        <translation>Fees due within {days} days or overdue: {n} (overdue: {late}); {total} yuan due today</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>导出本月缴费清单</source>
        <translation>Export this month's payment list</translation>
    </message>
    <message>
        <source>导出本月缴费清单…</source>
        <translation>Export this month's payment list…</translation>
    </message>
    <message>
        <source>导出缴费清单</source>
        <translation>Export payment list</translation>
    </message>
    <message>
        <source>已导出 {n} 笔（{month}）</source>
        <translation>Exported {n} fees ({month})</translation>
    </message>
    <message>
        <source>已缴</source>
        <translation>Paid</translation>
    </message>
    <message>
        <source>托管协议</source>
        <translation>Custody agreements</translation>
    </message>
    <message>
        <source>托管：年费缴纳</source>
        <translation>Custody: annual fees</translation>
    </message>
    <message>
        <source>把一项或多项专利纳入托管（托管机构、期限、缴费方、年费预算）</source>
        <translation>Put one or more patents into custody (custodian, term, who pays, fee budget)</translation>
    </message>
    <message>
        <source>按今日应缴金额记录所选年费已缴（经年费服务登记缴费）</source>
        <translation>Record the selected fee as paid at today's amount due (through the fee service)</translation>
    </message>
    <message>
        <source>新建托管协议…</source>
        <translation>New custody agreement…</translation>
    </message>
    <message>
        <source>无法读取托管清单：{error}</source>
        <translation>Could not read the custody worklist: {error}</translation>
    </message>
    <message>
        <source>未来天数</source>
        <translation>Days ahead</translation>
    </message>
    <message>
        <source>正在读取…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>记录缴费</source>
        <translation>Record payment</translation>
    </message>
</context>
<context>
    <name>CustodyRightsAction</name>
    <message>
        <source>已纳入托管：{n} 项权利</source>
        <translation>Put into custody: {n} rights</translation>
    </message>
    <message>
        <source>把所选权利（可多选）纳入一份新的托管协议</source>
        <translation>Put the selected rights (several at once) into a new custody agreement</translation>
    </message>
    <message>
        <source>纳入托管…</source>
        <translation>Put into custody…</translation>
    </message>
</context>
<context>
    <name>DateEdit</name>
    <message>
        <source>选择日期（Alt+↓）</source>
        <translation>Pick a date (Alt+Down)</translation>
    </message>
</context>
<context>
    <name>DayList</name>
    <message>
        <source>删除所选</source>
        <translation>Remove selected</translation>
    </message>
    <message>
        <source>添加</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>（周末）</source>
        <translation> (weekend)</translation>
    </message>
</context>
<context>
    <name>DecisionsPanel</name>
    <message>
        <source>待审核的决定（他人提交，确认后生效）</source>
        <translation>Decisions awaiting approval (prepared by others; they take effect when confirmed)</translation>
    </message>
    <message>
        <source>没有待审核的决定。</source>
        <translation>No decision awaits approval.</translation>
    </message>
    <message>
        <source>确认</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <source>确认 {who} 提交的决定：{kind} {pledge}？</source>
        <translation>Confirm the decision {who} prepared: {kind} {pledge}?</translation>
    </message>
    <message>
        <source>确认决定</source>
        <translation>Confirm decision</translation>
    </message>
    <message>
        <source>确认后决定即生效，记入登记簿，提交人和你的姓名都记入办理过程与审计记录。</source>
        <translation>Once confirmed the decision takes effect in the register; both the preparer&apos;s name and yours go into the history and the audit log.</translation>
    </message>
    <message>
        <source>这是你提交的决定，须由另一位审核员确认</source>
        <translation>You prepared this decision: another approver must confirm it</translation>
    </message>
    <message>
        <source>退回…</source>
        <translation>Return…</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <source>已选择 {n} 条记录</source>
        <translation>Records selected: {n}</translation>
    </message>
    <message>
        <source>无法读取这条记录：{error}</source>
        <translation>Cannot read this record: {error}</translation>
    </message>
    <message>
        <source>正在读取…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>选择一条记录查看详情</source>
        <translation>Select a record to see its details</translation>
    </message>
</context>
<context>
    <name>DigestPanel</name>
    <message>
        <source> 天内</source>
        <translation> days ahead</translation>
    </message>
    <message>
        <source>Excel 文件 (*.xlsx);;CSV 文件 (*.csv)</source>
        <translation>Excel files (*.xlsx);;CSV files (*.csv)</translation>
    </message>
    <message>
        <source>{n} 项（已过期仍未办结 {passed} 项）</source>
        <translation>Items: {n} (passed and still open: {passed})</translation>
    </message>
    <message>
        <source>到期提醒</source>
        <translation>Deadline digest</translation>
    </message>
    <message>
        <source>到期提醒.xlsx</source>
        <translation>deadline-digest.xlsx</translation>
    </message>
    <message>
        <source>导出 Excel…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <source>导出到期提醒</source>
        <translation>Export the deadline digest</translation>
    </message>
    <message>
        <source>提醒天数</source>
        <translation>Days ahead</translation>
    </message>
    <message>
        <source>无法读取到期提醒：{error}</source>
        <translation>Cannot read the deadline digest: {error}</translation>
    </message>
    <message>
        <source>正在读取…</source>
        <translation>Reading…</translation>
    </message>
</context>
<context>
    <name>DisposalPage</name>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>{case}　质押 {pledge}（{pledgors} → {pledgee}）　贷款 {loan}</source>
        <translation>{case}  pledge {pledge} ({pledgors} → {pledgee})  loan {loan}</translation>
    </message>
    <message>
        <source>{n} 件案件（阶段逾期 {late} 件）　按阶段：{counts}</source>
        <translation>Cases: {n} (stage overdue: {late})  by stage: {counts}</translation>
    </message>
    <message>
        <source>{on} 清偿分配：处置所得 {proceeds} 元；债务人仍应清偿 {debtor} 元，出质人仍应清偿 {pledgor} 元{scheme}</source>
        <translation>Settled on {on}: proceeds {proceeds} yuan; the debtor still owes {debtor} yuan, the pledgor {pledgor} yuan{scheme}</translation>
    </message>
    <message>
        <source>事后收回…</source>
        <translation>Recovery…</translation>
    </message>
    <message>
        <source>仅未结案</source>
        <translation>Open cases only</translation>
    </message>
    <message>
        <source>余额 {balance} 元：注资 {paid} 元，补偿 {out} 元，收回 {back} 元（{scheme}）</source>
        <translation>Balance {balance} yuan: contributed {paid}, compensation paid {out}, recovered {back} yuan ({scheme})</translation>
    </message>
    <message>
        <source>保存 PDF</source>
        <translation>Save PDF</translation>
    </message>
    <message>
        <source>全部阶段</source>
        <translation>All stages</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>处置案件</source>
        <translation>Disposal cases</translation>
    </message>
    <message>
        <source>完成本阶段…</source>
        <translation>Complete this stage…</translation>
    </message>
    <message>
        <source>尚未清偿分配</source>
        <translation>Not settled yet</translation>
    </message>
    <message>
        <source>尚未设立补偿资金池</source>
        <translation>No compensation fund yet</translation>
    </message>
    <message>
        <source>已出具 {serial}，保存到 {path}</source>
        <translation>Issued {serial}, saved to {path}</translation>
    </message>
    <message>
        <source>当前阶段：{stage}，期限 {due}{late}，经办人 {who}</source>
        <translation>Stage: {stage}, due {due}{late}, responsible {who}</translation>
    </message>
    <message>
        <source>打印处置文书</source>
        <translation>Print a disposal document</translation>
    </message>
    <message>
        <source>打印清偿分配表…</source>
        <translation>Print settlement statement…</translation>
    </message>
    <message>
        <source>打印转让确认书…</source>
        <translation>Print transfer confirmation…</translation>
    </message>
    <message>
        <source>按阶段筛选</source>
        <translation>Filter by stage</translation>
    </message>
    <message>
        <source>撤回上一步…</source>
        <translation>Undo last step…</translation>
    </message>
    <message>
        <source>无法读取处置案件：{error}</source>
        <translation>Cannot read the disposal cases: {error}</translation>
    </message>
    <message>
        <source>案件与时间线</source>
        <translation>Case and timeline</translation>
    </message>
    <message>
        <source>正在读取…</source>
        <translation>Reading…</translation>
    </message>
    <message>
        <source>清偿分配</source>
        <translation>Settlement</translation>
    </message>
    <message>
        <source>清偿分配…</source>
        <translation>Settle…</translation>
    </message>
    <message>
        <source>补偿资金池</source>
        <translation>Compensation funds</translation>
    </message>
    <message>
        <source>选择上方的案件</source>
        <translation>Select a case above</translation>
    </message>
    <message>
        <source>，已逾期 {n} 天</source>
        <translation>, {n} days overdue</translation>
    </message>
    <message>
        <source>；损失按 {scheme} 分担，其中资金池支付 {pool} 元</source>
        <translation>; loss shared under {scheme}, the pool paying {pool} yuan</translation>
    </message>
</context>
<context>
    <name>DocumentsChecklist</name>
    <message>
        <source>本案需要的材料已全部收到。</source>
        <translation>All documents this case needs have been received.</translation>
    </message>
    <message>
        <source>还缺 {n} 份材料；缺少的材料在审查时会列入补正通知。</source>
        <translation>{n} documents still missing; examination lists them in the correction notice.</translation>
    </message>
    <message>
        <source>还缺 {n} 份：{names}（Ctrl+Shift+A 全部勾选）</source>
        <translation>Still missing ({n}): {names} (Ctrl+Shift+A ticks them all)</translation>
    </message>
    <message>
        <source>（本案不需要）</source>
        <extracomment>why a document is on this case&apos;s checklist (shown next to it; the rule is ``required_documents``)</extracomment>
        <translation>(not needed here)</translation>
    </message>
</context>
<context>
    <name>DraftsDialog</name>
    <message>
        <source>{title}（{when} 保存）</source>
        <translation>{title} (saved {when})</translation>
    </message>
    <message>
        <source>上次没有保存就关闭了以下申请（程序意外退出或被终止）。可以继续填写，或者丢弃。</source>
        <translation>These applications were left unsaved last time (ipdesk stopped unexpectedly or was killed). Continue one, or discard it.</translation>
    </message>
    <message>
        <source>丢弃草稿</source>
        <translation>Discard draft</translation>
    </message>
    <message>
        <source>以后再说</source>
        <translation>Later</translation>
    </message>
    <message>
        <source>尚未受理的申请草稿：可以继续填写，或者丢弃。</source>
        <translation>Drafts of applications not yet filed: continue one, or discard it.</translation>
    </message>
    <message>
        <source>申请草稿</source>
        <translation>Application drafts</translation>
    </message>
    <message>
        <source>继续填写</source>
        <translation>Continue</translation>
    </message>
</context>
<context>
    <name>EventForm</name>
    <message>
        <source>主办单位</source>
        <translation>Organiser</translation>
    </message>
    <message>
        <source>例如：江苏省知识产权局、镇江市人民政府</source>
        <translation>e.g. Jiangsu IP Office, Zhenjiang Municipal Government</translation>
    </message>
    <message>
        <source>例如：江苏省镇江市</source>
        <translation>e.g. Zhenjiang, Jiangsu</translation>
    </message>
    <message>
        <source>例如：镇江市银企专利质押对接会</source>
        <translation>e.g. Zhenjiang bank–enterprise patent pledge matchmaking</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>地区</source>
        <translation>Region</translation>
    </message>
    <message>
        <source>新建对接会</source>
        <translation>New matchmaking event</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
</context>
<context>
    <name>ExtendDialog</name>
    <message>
        <source>延期将重新审查：新的期限不得超过出质权利的有效期。</source>
        <translation>An extension is examined again: the new term may not run past the pledged rights&apos; validity.</translation>
    </message>
    <message>
        <source>延期登记</source>
        <translation>Extend registration</translation>
    </message>
    <message>
        <source>新的债务履行期限</source>
        <translation>New performance deadline</translation>
    </message>
    <message>
        <source>新的债务履行期限 *</source>
        <translation>New performance deadline *</translation>
    </message>
    <message>
        <source>新的质押期限届满日</source>
        <translation>New end of pledge term</translation>
    </message>
    <message>
        <source>现债务履行期限：</source>
        <translation>Current performance deadline:</translation>
    </message>
    <message>
        <source>现质押期限届满日：</source>
        <translation>Current pledge term ends:</translation>
    </message>
</context>
<context>
    <name>FeeSection</name>
    <message>
        <source>已缴至第 {n} 年</source>
        <translation>Paid through year {n}</translation>
    </message>
    <message>
        <source>年费</source>
        <translation>Annual fees</translation>
    </message>
    <message>
        <source>年费未缴，已于 {date} 终止</source>
        <translation>Annual fee unpaid: terminated on {date}</translation>
    </message>
    <message>
        <source>第 {n} 年应缴 {amount} 元，截止 {date}</source>
        <translation>Year {n}: {amount} yuan due by {date}</translation>
    </message>
    <message>
        <source>费减 {p}%（第 {a}–{b} 年）</source>
        <translation>Fee reduction {p}% (years {a}–{b})</translation>
    </message>
</context>
<context>
    <name>FindingsDialog</name>
    <message>
        <source>不予登记</source>
        <translation>Refuse</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>准予登记</source>
        <translation>Register</translation>
    </message>
    <message>
        <source>增加一项其他不予登记理由（P12 等），需写明理由</source>
        <translation>Add another ground for refusal (P12 etc.), with the reason written out</translation>
    </message>
    <message>
        <source>增加其他理由…</source>
        <translation>Add another ground…</translation>
    </message>
    <message>
        <source>审查结果</source>
        <translation>Examination result</translation>
    </message>
    <message>
        <source>登记号 {no}，生效日 {date}</source>
        <translation>Registration no. {no}, effective {date}</translation>
    </message>
    <message>
        <source>补正…</source>
        <translation>Correction…</translation>
    </message>
    <message>
        <source>记录收到的补正材料或补正后的合同条款，然后重新审查</source>
        <translation>Record the correction documents or corrected contract clauses received, then examine again</translation>
    </message>
    <message>
        <source>重新审查</source>
        <translation>Examine again</translation>
    </message>
    <message>
        <source>预审：按表单内容审查，尚未受理、未保存。</source>
        <translation>Preliminary check of the form as entered: not filed, nothing saved.</translation>
    </message>
</context>
<context>
    <name>FindingsView</name>
    <message>
        <source>以下事项也不齐全（不予登记的申请不发出补正通知）：</source>
        <translation>These items are missing too (a refused application gets no correction notice):</translation>
    </message>
    <message>
        <source>共 {n} 项：通过 {passed}，不符合 {failed}，已声明放弃 {waived}，需补正 {correction}</source>
        <translation>{n} items: {passed} passed, {failed} failed, {waived} waived by declaration, {correction} need correction</translation>
    </message>
    <message>
        <source>只显示未通过的项</source>
        <translation>Show only items that did not pass</translation>
    </message>
    <message>
        <source>审查结论：</source>
        <translation>Examination outcome: </translation>
    </message>
    <message>
        <source>将发出补正通知，请当事人补正以下事项：</source>
        <translation>A correction notice will ask the parties to correct the following:</translation>
    </message>
    <message>
        <source>补正通知：请当事人在 {date} 前补正以下事项（逾期未补正的视为撤回申请）：</source>
        <translation>Correction notice: the parties must correct the following by {date} (otherwise the application is deemed withdrawn):</translation>
    </message>
    <message>
        <source>记录声明…</source>
        <translation>Record declaration…</translation>
    </message>
    <message>
        <source>记录当事人“仍要求办理登记”的声明，此项即视为放弃</source>
        <translation>Record the parties&apos; declaration that they still want the registration; this item then counts as waived</translation>
    </message>
    <message>
        <source>（审查日 {date}）</source>
        <translation> (examined {date})</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>保存（Ctrl+S）</source>
        <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>放弃修改</source>
        <translation>Discard changes</translation>
    </message>
    <message>
        <source>有未保存的修改。要放弃这些修改吗？</source>
        <translation>There are unsaved changes. Discard them?</translation>
    </message>
    <message>
        <source>继续编辑</source>
        <translation>Keep editing</translation>
    </message>
    <message>
        <source>还有 {n} 处问题需要修改，修改后才能保存：</source>
        <translation>Problems to fix before saving: {n}</translation>
    </message>
</context>
<context>
    <name>FormatEdit</name>
    <message>
        <source>编号示例：{year} 年第 1 号为 {first}，第 2 号为 {second}</source>
        <translation>Example: no. 1 of {year} is {first}, no. 2 is {second}</translation>
    </message>
    <message>
        <source>编号示例：—</source>
        <translation>Example: —</translation>
    </message>
</context>
<context>
    <name>GazetteExportDialog</name>
    <message>
        <source>CSV（UTF-8，Excel 可直接打开）(.csv)</source>
        <translation>CSV (UTF-8, opens directly in Excel) (.csv)</translation>
    </message>
    <message>
        <source>Excel 工作簿 (.xlsx)</source>
        <translation>Excel workbook (.xlsx)</translation>
    </message>
    <message>
        <source>Excel 或 CSV (*.xlsx *.csv)</source>
        <translation>Excel or CSV (*.xlsx *.csv)</translation>
    </message>
    <message>
        <source>保存到：</source>
        <translation>Save to:</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>只导出专利（发明、实用新型、外观设计）</source>
        <translation>Patents only (inventions, utility models, designs)</translation>
    </message>
    <message>
        <source>导出</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>导出公告</source>
        <translation>Export gazette</translation>
    </message>
    <message>
        <source>已导出 {n} 行到 {path}</source>
        <translation>Exported to {path} (rows: {n})</translation>
    </message>
    <message>
        <source>开始日期不能晚于结束日期</source>
        <translation>The start date may not be after the end date</translation>
    </message>
    <message>
        <source>文件名应以 .xlsx 或 .csv 结尾：{path}</source>
        <translation>The file name must end in .xlsx or .csv: {path}</translation>
    </message>
    <message>
        <source>无法写入 {path}：{reason}</source>
        <translation>Cannot write {path}: {reason}</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>格式：</source>
        <translation>Format:</translation>
    </message>
    <message>
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <source>每件质押的每项权利一行：事项、日期、登记号、出质人、质权人、主分类号、专利号、授权公告日、登记日。</source>
        <translation>One row per right of each pledge: event, date, registration no., pledgor, pledgee, main IPC class, patent no., grant date, registration date.</translation>
    </message>
    <message>
        <source>登记、变更或注销日期 自：</source>
        <translation>Registration, change or cancellation date from:</translation>
    </message>
    <message>
        <source>至：</source>
        <translation>to:</translation>
    </message>
    <message>
        <source>请选择保存位置</source>
        <translation>Choose where to save</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <source>没有历史记录</source>
        <translation>No history</translation>
    </message>
</context>
<context>
    <name>HolidayCalendarView</name>
    <message>
        <source>休</source>
        <translation>Off</translation>
    </message>
    <message>
        <source>班</source>
        <translation>Work</translation>
    </message>
</context>
<context>
    <name>HolidayEditor</name>
    <message>
        <source>&lt;span style=&apos;background:{h_bg}; color:{h_fg}&apos;&gt;&amp;nbsp;休&amp;nbsp;&lt;/span&gt; 法定节假日&#x3000;&lt;span style=&apos;background:{w_bg}; color:{w_fg}&apos;&gt;&amp;nbsp;班&amp;nbsp;&lt;/span&gt; 调休上班日&#x3000;点击日期可填入左侧的日期栏</source>
        <translation>&lt;span style=&apos;background:{h_bg}; color:{h_fg}&apos;&gt;&amp;nbsp;Off&amp;nbsp;&lt;/span&gt; public holiday&amp;nbsp;&amp;nbsp; &lt;span style=&apos;background:{w_bg}; color:{w_fg}&apos;&gt;&amp;nbsp;Work&amp;nbsp;&lt;/span&gt; make-up working day&amp;nbsp;&amp;nbsp; Click a date to copy it into the date fields on the left</translation>
    </message>
    <message>
        <source>JSON 文件 (*.json)</source>
        <translation>JSON files (*.json)</translation>
    </message>
    <message>
        <source>JSON 文件 (*.json);;所有文件 (*)</source>
        <translation>JSON files (*.json);;All files (*)</translation>
    </message>
    <message>
        <source>{day} 同时列为法定节假日和调休上班日：一天只能是其中之一</source>
        <translation>{day} is listed both as a public holiday and as a make-up working day: a day can only be one of them</translation>
    </message>
    <message>
        <source>{day} 已列为法定节假日：同一天不能既放假又上班。请先从法定节假日中删除。</source>
        <translation>{day} is already a public holiday: a day cannot be both off and a working day. Remove it from the public holidays first.</translation>
    </message>
    <message>
        <source>{day} 已列为调休上班日：同一天不能既放假又上班。请先从调休上班日中删除。</source>
        <translation>{day} is already a make-up working day: a day cannot be both off and a working day. Remove it from the make-up working days first.</translation>
    </message>
    <message>
        <source>{day} 已在列表中</source>
        <translation>{day} is already in the list</translation>
    </message>
    <message>
        <source>{day} 是{weekday}，本来就是工作日：调休上班日应是周六或周日。</source>
        <translation>{day} is a {weekday}, a working day anyway: a make-up working day must be a Saturday or Sunday.</translation>
    </message>
    <message>
        <source>{path} 不是可用的节假日表：{reason}</source>
        <translation>{path} is not a usable holiday table: {reason}</translation>
    </message>
    <message>
        <source>{path} 中没有任何年份的节假日</source>
        <translation>{path} contains no year of holidays</translation>
    </message>
    <message>
        <source>{years} 年</source>
        <translation>{years}</translation>
    </message>
    <message>
        <source>⚠ {year} 年不在节假日表中：计算办结期限时只把周六、周日当作休息日，法定节假日和调休都不考虑。国务院办公厅公布该年的放假安排后，请在这里录入。</source>
        <translation>⚠ {year} is not in the holiday table: service-level deadlines treat only Saturdays and Sundays as days off, with no public holidays or make-up working days. Enter the year here once the General Office of the State Council publishes its holiday arrangements.</translation>
    </message>
    <message>
        <source>✓ {year} 年在节假日表中。来源：{source}{check}</source>
        <translation>✓ {year} is in the holiday table. Source: {source}{check}</translation>
    </message>
    <message>
        <source>保存节假日表</source>
        <translation>Save holiday table</translation>
    </message>
    <message>
        <source>保存（Ctrl+S）；此后计算的办结期限使用新表</source>
        <translation>Save (Ctrl+S); deadlines computed from now on use the new table</translation>
    </message>
    <message>
        <source>只有管理员可以修改节假日表。</source>
        <translation>Only an administrator can change the holiday table.</translation>
    </message>
    <message>
        <source>周一</source>
        <extracomment>kind → badge tone: a day off red, a make-up working day blue (always with its text tag, never colour alone)</extracomment>
        <translation>Monday</translation>
    </message>
    <message>
        <source>周三</source>
        <translation>Wednesday</translation>
    </message>
    <message>
        <source>周二</source>
        <translation>Tuesday</translation>
    </message>
    <message>
        <source>周五</source>
        <translation>Friday</translation>
    </message>
    <message>
        <source>周六</source>
        <translation>Saturday</translation>
    </message>
    <message>
        <source>周四</source>
        <translation>Thursday</translation>
    </message>
    <message>
        <source>周日</source>
        <translation>Sunday</translation>
    </message>
    <message>
        <source>因调休而上班的周六、周日</source>
        <translation>Saturdays and Sundays that are working days because of the holiday arrangements</translation>
    </message>
    <message>
        <source>导入 JSON…</source>
        <translation>Import JSON…</translation>
    </message>
    <message>
        <source>导入节假日表</source>
        <translation>Import holiday table</translation>
    </message>
    <message>
        <source>导出 JSON…</source>
        <translation>Export JSON…</translation>
    </message>
    <message>
        <source>导出节假日表</source>
        <translation>Export holiday table</translation>
    </message>
    <message>
        <source>已保存节假日表。此后计算的办结期限使用新表；已算出的期限不变。</source>
        <translation>Holiday table saved. Deadlines computed from now on use it; deadlines already computed do not change.</translation>
    </message>
    <message>
        <source>已删除 {n} 天，保存后生效</source>
        <translation>Removed {n} day(s); takes effect when saved</translation>
    </message>
    <message>
        <source>已导入 {path}（{years}），保存后生效</source>
        <translation>Imported {path} ({years}); takes effect when saved</translation>
    </message>
    <message>
        <source>已导出{years}的节假日表到 {path}</source>
        <translation>Exported the holiday table ({years}) to {path}</translation>
    </message>
    <message>
        <source>已恢复为保存的节假日表</source>
        <translation>Back to the saved holiday table</translation>
    </message>
    <message>
        <source>已恢复为随软件提供的节假日表（{years}），保存后生效</source>
        <translation>Replaced by the holiday table shipped with ipdesk ({years}); takes effect when saved</translation>
    </message>
    <message>
        <source>已添加 {day}（{what}），保存后生效</source>
        <translation>Added {day} ({what}); takes effect when saved</translation>
    </message>
    <message>
        <source>年份：</source>
        <translation>Year:</translation>
    </message>
    <message>
        <source>恢复为随软件提供的节假日表</source>
        <translation>Reset to the holiday table shipped with ipdesk</translation>
    </message>
    <message>
        <source>恢复节假日表</source>
        <translation>Reset holiday table</translation>
    </message>
    <message>
        <source>把当前编辑的表（含未保存的修改）写成 JSON 文件</source>
        <translation>Write the table being edited (unsaved changes included) to a JSON file</translation>
    </message>
    <message>
        <source>撤销修改</source>
        <translation>Undo changes</translation>
    </message>
    <message>
        <source>放假的日子（含放假期间的周末）</source>
        <translation>Days off (weekends inside a holiday period included)</translation>
    </message>
    <message>
        <source>无法写入 {path}：{reason}</source>
        <translation>Cannot write {path}: {reason}</translation>
    </message>
    <message>
        <source>无法读取 {path}：{reason}</source>
        <translation>Cannot read {path}: {reason}</translation>
    </message>
    <message>
        <source>本机关录入</source>
        <translation>entered by this office</translation>
    </message>
    <message>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>没有任何年份</source>
        <translation>no years</translation>
    </message>
    <message>
        <source>没有保存：{reason}</source>
        <translation>Not saved: {reason}</translation>
    </message>
    <message>
        <source>法定节假日</source>
        <translation>Public holidays</translation>
    </message>
    <message>
        <source>法定节假日（{n} 天）</source>
        <translation>Public holidays: {n}</translation>
    </message>
    <message>
        <source>用随软件提供的节假日表替换当前的表？本机关所做的修改将丢失（保存后才写入数据库）。</source>
        <translation>Replace the current table with the one shipped with ipdesk? This office&apos;s changes will be lost (nothing is written to the database until you save).</translation>
    </message>
    <message>
        <source>表中年份：{years}</source>
        <translation>Years in the table: {years}</translation>
    </message>
    <message>
        <source>请输入或选择日期（yyyy-MM-dd）</source>
        <translation>Type or pick a date (yyyy-MM-dd)</translation>
    </message>
    <message>
        <source>读入一份节假日表（与软件附带的 holidays_cn.json 格式相同），替换当前编辑的表</source>
        <translation>Read a holiday table (same format as the shipped holidays_cn.json) in place of the table being edited</translation>
    </message>
    <message>
        <source>调休上班日</source>
        <translation>Make-up working days</translation>
    </message>
    <message>
        <source>调休上班日 {day} 是{weekday}：调休上班日应是周六或周日</source>
        <translation>Make-up working day {day} is a {weekday}: make-up working days must be Saturdays or Sundays</translation>
    </message>
    <message>
        <source>调休上班日（{n} 天）</source>
        <translation>Make-up working days: {n}</translation>
    </message>
    <message>
        <source>还有 {n} 处问题需要修改，修改后才能保存（没有写入）：</source>
        <translation>{n} problem(s) must be fixed before the table can be saved (nothing was written):</translation>
    </message>
    <message>
        <source>（有未保存的修改）</source>
        <translation> (unsaved changes)</translation>
    </message>
    <message>
        <source>，已核对</source>
        <translation>, checked</translation>
    </message>
    <message>
        <source>，未核对</source>
        <translation>, not checked</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>先检查全部行：只要有一行有问题，就不写入任何数据，并列出每一处问题（行号、列名、原因）。导入知识产权前请先导入其权利人。列名说明见 docs/import.md。</source>
        <translation>Every row is checked first: if any row has a problem, nothing is written and every problem is listed (row, column, reason). Import the owners before their IP rights. The columns are described in docs/import.md.</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>导入：</source>
        <translation>Import:</translation>
    </message>
    <message>
        <source>开始导入</source>
        <translation>Start import</translation>
    </message>
    <message>
        <source>当事人</source>
        <translation>Parties</translation>
    </message>
    <message>
        <source>知识产权</source>
        <translation>IP rights</translation>
    </message>
    <message>
        <source>表格文件 (*.csv *.xlsx)</source>
        <translation>Spreadsheets (*.csv *.xlsx)</translation>
    </message>
    <message>
        <source>选择 .csv 或 .xlsx 文件</source>
        <translation>Choose a .csv or .xlsx file</translation>
    </message>
    <message>
        <source>选择文件…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <source>选择要导入的文件</source>
        <translation>Choose the file to import</translation>
    </message>
</context>
<context>
    <name>ImportReportDialog</name>
    <message>
        <source>{file} 中有 {k} 处问题，没有写入任何数据。请修改文件后重新导入：</source>
        <translation>{file} has {k} problems; nothing was written. Fix the file and import it again:</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>列</source>
        <translation>Column</translation>
    </message>
    <message>
        <source>复制问题清单</source>
        <translation>Copy problem list</translation>
    </message>
    <message>
        <source>导入结果</source>
        <translation>Import result</translation>
    </message>
    <message>
        <source>已从 {file} 导入 {n} 条{what}。</source>
        <translation>Imported {n} {what} from {file}.</translation>
    </message>
    <message>
        <source>当事人</source>
        <translation>parties</translation>
    </message>
    <message>
        <source>知识产权</source>
        <translation>IP rights</translation>
    </message>
    <message>
        <source>行</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>问题</source>
        <translation>Problem</translation>
    </message>
</context>
<context>
    <name>IncomeForm</name>
    <message>
        <source>{members}（合计 {total}）</source>
        <translation>{members} (total {total})</translation>
    </message>
    <message>
        <source>分配比例</source>
        <translation>Distribution key</translation>
    </message>
    <message>
        <source>如许可合同编号</source>
        <translation>e.g. the licence contract's number</translation>
    </message>
    <message>
        <source>收入日</source>
        <translation>Received on</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>许可收入分配：{pool}</source>
        <translation>Distribute licence income: {pool}</translation>
    </message>
    <message>
        <source>许可收入（元）</source>
        <translation>Licence income (yuan)</translation>
    </message>
</context>
<context>
    <name>InsurancePage</name>
    <message>
        <source>{year} 年保费补贴：{n} 家企业，补贴合计 {total} 元</source>
        <translation>Premium subsidies {year}: firms: {n}, subsidy in all {total} yuan</translation>
    </message>
    <message>
        <source>保单 {n} 件，保障中 {active} 件，累计赔偿限额 {limit} 元</source>
        <translation>Policies: {n}, in force: {active}, aggregate limit {limit} yuan</translation>
    </message>
    <message>
        <source>保险：保单与理赔</source>
        <translation>Insurance: policies and claims</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>审核</source>
        <translation>Check</translation>
    </message>
    <message>
        <source>所选保单的理赔</source>
        <translation>Claims on the selected policy</translation>
    </message>
    <message>
        <source>报案</source>
        <translation>Enter claim</translation>
    </message>
    <message>
        <source>报案…</source>
        <translation>Enter claim…</translation>
    </message>
    <message>
        <source>拒赔</source>
        <translation>Reject</translation>
    </message>
    <message>
        <source>拒赔…</source>
        <translation>Reject…</translation>
    </message>
    <message>
        <source>拒赔理由</source>
        <translation>Reason for the rejection</translation>
    </message>
    <message>
        <source>新增保单…</source>
        <translation>New policy…</translation>
    </message>
    <message>
        <source>无法读取保单：{error}</source>
        <translation>Cannot read the policies: {error}</translation>
    </message>
    <message>
        <source>核定</source>
        <translation>Approve</translation>
    </message>
    <message>
        <source>核定…</source>
        <translation>Approve…</translation>
    </message>
    <message>
        <source>核定损失（元，扣除免赔额后赔付）</source>
        <translation>Covered costs assessed (yuan; paid less the deductible)</translation>
    </message>
    <message>
        <source>案情（法院、案号、经过）</source>
        <translation>Case (court, case number, what happened)</translation>
    </message>
    <message>
        <source>正在读取…</source>
        <translation>Reading…</translation>
    </message>
    <message>
        <source>索赔金额（元）</source>
        <translation>Amount claimed (yuan)</translation>
    </message>
    <message>
        <source>赔付</source>
        <translation>Pay</translation>
    </message>
</context>
<context>
    <name>LazyTableModel</name>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>读取失败</source>
        <translation>Could not load</translation>
    </message>
    <message>
        <source>读取数据失败：{error}</source>
        <translation>Could not read the data: {error}</translation>
    </message>
</context>
<context>
    <name>LeaveForm</name>
    <message>
        <source>成员</source>
        <translation>Member</translation>
    </message>
    <message>
        <source>成员企业的统一社会信用代码或全称</source>
        <translation>The member firm's USCC or full name</translation>
    </message>
    <message>
        <source>成员退出：{pool}</source>
        <translation>Member leaves: {pool}</translation>
    </message>
    <message>
        <source>退出日</source>
        <translation>Leaves on</translation>
    </message>
</context>
<context>
    <name>LineForm</name>
    <message>
        <source> 个月</source>
        <translation> months</translation>
    </message>
    <message>
        <source>企业</source>
        <translation>Firm</translation>
    </message>
    <message>
        <source>企业名称或统一社会信用代码</source>
        <translation>The firm's name or unified social credit code</translation>
    </message>
    <message>
        <source>企业提供的专利号，用逗号或顿号分隔</source>
        <translation>The patents the firm offers, separated by commas</translation>
    </message>
    <message>
        <source>授信期限</source>
        <translation>Term</translation>
    </message>
    <message>
        <source>授信银行</source>
        <translation>Bank</translation>
    </message>
    <message>
        <source>授信银行名称或统一社会信用代码</source>
        <translation>The bank's name or unified social credit code</translation>
    </message>
    <message>
        <source>授信额度</source>
        <translation>Credit line</translation>
    </message>
    <message>
        <source>授信额度（元）</source>
        <translation>Credit line (yuan)</translation>
    </message>
    <message>
        <source>提供的专利</source>
        <translation>Patents offered</translation>
    </message>
    <message>
        <source>新增授信（{event}）</source>
        <translation>New credit line ({event})</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>LoanActForm</name>
    <message>
        <source>代偿机构</source>
        <translation>Paying agency</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>担保机构的统一社会信用代码或 #编号（机构用户：本机构）</source>
        <translation>The guarantee agency&apos;s USCC or #id (an agency officer: their own)</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>金额（元）</source>
        <translation>Amount (yuan)</translation>
    </message>
</context>
<context>
    <name>LoanForm</name>
    <message>
        <source>借款人</source>
        <translation>Borrower</translation>
    </message>
    <message>
        <source>到期日</source>
        <translation>Maturity</translation>
    </message>
    <message>
        <source>年利率（%）</source>
        <translation>Annual rate (%)</translation>
    </message>
    <message>
        <source>登记贷款：{pledge}</source>
        <translation>Book a loan: {pledge}</translation>
    </message>
    <message>
        <source>统一社会信用代码或全称</source>
        <translation>USCC or full name</translation>
    </message>
    <message>
        <source>贷款人</source>
        <translation>Lender</translation>
    </message>
    <message>
        <source>贷款本金（元）</source>
        <translation>Principal (yuan)</translation>
    </message>
    <message>
        <source>起息日</source>
        <translation>Start date</translation>
    </message>
    <message>
        <source>还款方式</source>
        <translation>Schedule</translation>
    </message>
</context>
<context>
    <name>LoanSection</name>
    <message>
        <source>{no}&#x3000;{lender} → {borrower}&#x3000;本金 {principal} 元，年利率 {rate} %，{kind}，{start} 至 {maturity}</source>
        <translation>{no}  {lender} → {borrower}  principal {principal} yuan at {rate} % a year, {kind}, {start} to {maturity}</translation>
    </message>
    <message>
        <source>代偿…</source>
        <translation>Compensate…</translation>
    </message>
    <message>
        <source>叫停…</source>
        <translation>Halt…</translation>
    </message>
    <message>
        <source>宣布违约…</source>
        <translation>Declare default…</translation>
    </message>
    <message>
        <source>已叫停</source>
        <translation>Halted</translation>
    </message>
    <message>
        <source>恢复放款…</source>
        <translation>Resume…</translation>
    </message>
    <message>
        <source>放款…</source>
        <translation>Drawdown…</translation>
    </message>
    <message>
        <source>放款与还款记录</source>
        <translation>Drawdowns and repayments</translation>
    </message>
    <message>
        <source>未还本金 {principal} 元，逾期 {days} 天，逾期金额 {overdue} 元，罚息 {penalty} 元</source>
        <translation>principal outstanding {principal} yuan, {days} days overdue, {overdue} yuan overdue, penalty interest {penalty} yuan</translation>
    </message>
    <message>
        <source>没有登记贷款</source>
        <translation>No loan recorded</translation>
    </message>
    <message>
        <source>登记贷款…</source>
        <translation>Book a loan…</translation>
    </message>
    <message>
        <source>贷款与还款</source>
        <translation>Loans and repayments</translation>
    </message>
    <message>
        <source>还款…</source>
        <translation>Repayment…</translation>
    </message>
</context>
<context>
    <name>LotForm</name>
    <message>
        <source>专利号，多项以逗号分隔</source>
        <translation>Patent numbers, comma-separated</translation>
    </message>
    <message>
        <source>保留价理由</source>
        <translation>Reason for the reserve</translation>
    </message>
    <message>
        <source>保留价高于评估价时须说明理由</source>
        <translation>Needed when the reserve is above the assessed value</translation>
    </message>
    <message>
        <source>保留价（元）</source>
        <translation>Reserve (yuan)</translation>
    </message>
    <message>
        <source>卖方</source>
        <translation>Seller</translation>
    </message>
    <message>
        <source>处置案件</source>
        <translation>Disposal case</translation>
    </message>
    <message>
        <source>挂牌标的</source>
        <translation>List a lot</translation>
    </message>
    <message>
        <source>权利</source>
        <translation>Rights</translation>
    </message>
    <message>
        <source>标的类型</source>
        <translation>Lot type</translation>
    </message>
    <message>
        <source>统一社会信用代码或全称</source>
        <translation>USCC or full name</translation>
    </message>
    <message>
        <source>评估价（元）</source>
        <translation>Assessed value (yuan)</translation>
    </message>
    <message>
        <source>质押权利须由其处置案件挂牌</source>
        <translation>A pledged right is listed by its disposal case</translation>
    </message>
    <message>
        <source>质权人同意（民法典第四百四十四条）</source>
        <translation>The pledgee consents (Civil Code 444)</translation>
    </message>
</context>
<context>
    <name>LtvLine</name>
    <message>
        <source>{secured} 元 ÷ 评估价值 {value} 元</source>
        <translation>{secured} yuan ÷ assessed value {value} yuan</translation>
    </message>
    <message>
        <source>质押率 {ratio}%</source>
        <translation>Loan-to-value {ratio}%</translation>
    </message>
    <message>
        <source>质押率：无法计算（没有评估）</source>
        <translation>Loan-to-value: cannot be computed (no valuation)</translation>
    </message>
    <message>
        <source>（上限 {cap}%）</source>
        <translation> (cap {cap}%)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&lt;b&gt;ipdesk {version}&lt;/b&gt;&lt;br&gt;知识产权质押登记与处置工作站。&lt;br&gt;数据库：{db}</source>
        <translation>&lt;b&gt;ipdesk {version}&lt;/b&gt;&lt;br&gt;IP pledge registration and disposal workstation.&lt;br&gt;{db}</translation>
    </message>
    <message>
        <source>保险经办</source>
        <translation>Insurer officer</translation>
    </message>
    <message>
        <source>关于 ipdesk</source>
        <translation>About ipdesk</translation>
    </message>
    <message>
        <source>关闭对话框</source>
        <translation>Close a dialog</translation>
    </message>
    <message>
        <source>切换导航区域</source>
        <translation>Switch navigation area</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>后台任务：{n}</source>
        <translation>Background tasks: {n}</translation>
    </message>
    <message>
        <source>在表单中保存</source>
        <translation>Save in a form</translation>
    </message>
    <message>
        <source>处置机构</source>
        <translation>Agency officer</translation>
    </message>
    <message>
        <source>复制选中行</source>
        <translation>Copy selected rows</translation>
    </message>
    <message>
        <source>复制选中行（制表符分隔）</source>
        <translation>Copy selected rows (tab-separated)</translation>
    </message>
    <message>
        <source>审核员</source>
        <translation>Approver</translation>
    </message>
    <message>
        <source>审计员</source>
        <translation>Auditor</translation>
    </message>
    <message>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>导入…</source>
        <translation>Import…</translation>
    </message>
    <message>
        <source>导出公告…</source>
        <translation>Export gazette…</translation>
    </message>
    <message>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>快捷键</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <source>托管员</source>
        <translation>Custodian</translation>
    </message>
    <message>
        <source>搜索</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>数据库：{db}</source>
        <translation>Database: {db}</translation>
    </message>
    <message>
        <source>数据目录：{path}</source>
        <translation>Data folder: {path}</translation>
    </message>
    <message>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>新建</source>
        <translation>New</translation>
    </message>
    <message>
        <source>新建当前页面的记录</source>
        <translation>New record on the current page</translation>
    </message>
    <message>
        <source>无法打开“{area}”，详情见日志</source>
        <translation>Cannot open “{area}”; see the log for details</translation>
    </message>
    <message>
        <source>查找</source>
        <translation>Find</translation>
    </message>
    <message>
        <source>注销 / 切换用户…</source>
        <translation>Sign out / switch user…</translation>
    </message>
    <message>
        <source>用户：{user}（{role}）</source>
        <translation>User: {user} ({role})</translation>
    </message>
    <message>
        <source>界面语言将在下次启动 ipdesk 时切换。</source>
        <translation>The interface language changes the next time ipdesk starts.</translation>
    </message>
    <message>
        <source>登记员</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <source>知识产权质押登记工作站</source>
        <translation>IP pledge registration workstation</translation>
    </message>
    <message>
        <source>管理员</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>编辑(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>编辑选中的记录</source>
        <translation>Edit the selected record</translation>
    </message>
    <message>
        <source>视图(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>语言 / Language</source>
        <translation>Language / 语言</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>验证通知书…</source>
        <translation>Verify notice…</translation>
    </message>
</context>
<context>
    <name>MarketPage</name>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>交保证金…</source>
        <translation>Deposit…</translation>
    </message>
    <message>
        <source>出价…</source>
        <translation>Bid…</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>剩余保护期 {days} 天</source>
        <translation>{days} days of term left</translation>
    </message>
    <message>
        <source>已出具成交确认书 {serial}</source>
        <translation>Confirmation {serial} issued</translation>
    </message>
    <message>
        <source>年费缴至第 {n} 年</source>
        <translation>Fees paid through year {n}</translation>
    </message>
    <message>
        <source>开始拍卖…</source>
        <translation>Open auction…</translation>
    </message>
    <message>
        <source>成交</source>
        <translation>Deals</translation>
    </message>
    <message>
        <source>成交确认书</source>
        <translation>Transaction confirmation</translation>
    </message>
    <message>
        <source>成交确认书…</source>
        <translation>Confirmation…</translation>
    </message>
    <message>
        <source>挂牌…</source>
        <translation>List lot…</translation>
    </message>
    <message>
        <source>无法读取竞价：{error}</source>
        <translation>Cannot read the auction: {error}</translation>
    </message>
    <message>
        <source>标的编号、名称或处置案件</source>
        <translation>Lot number, title or disposal case</translation>
    </message>
    <message>
        <source>流转市场</source>
        <translation>Marketplace</translation>
    </message>
    <message>
        <source>结束竞价</source>
        <translation>Close auction</translation>
    </message>
</context>
<context>
    <name>MatchmakingPage</name>
    <message>
        <source>出质人：{firm}
质权人：{bank}
担保债权数额：{amount} 元
债务履行期限：{deadline}
出质专利：{rights}</source>
        <translation>Pledgor: {firm}
Pledgee: {bank}
Secured amount: {amount} yuan
Performance deadline: {deadline}
Pledged patents: {rights}</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>合计：{firms} 家企业、{patents} 件专利、{banks} 家银行，授信 {amount} 元（其中已转质押申请 {converted} 元）</source>
        <translation>In all: {firms} firms, {patents} patents, {banks} banks, credit lines of {amount} yuan ({converted} yuan already filed as pledge applications)</translation>
    </message>
    <message>
        <source>对接会编号、名称、主办单位或地区</source>
        <translation>Event number, name, organiser or region</translation>
    </message>
    <message>
        <source>将授信 {line} 转为质押登记申请（今日受理）？</source>
        <translation>File credit line {line} as a pledge registration application (received today)?</translation>
    </message>
    <message>
        <source>已将授信 {line} 转为质押申请 {no}</source>
        <translation>Credit line {line} filed as pledge application {no}</translation>
    </message>
    <message>
        <source>批准</source>
        <translation>Approve</translation>
    </message>
    <message>
        <source>撤回</source>
        <translation>Withdraw</translation>
    </message>
    <message>
        <source>新增授信…</source>
        <translation>New credit line…</translation>
    </message>
    <message>
        <source>新建对接会…</source>
        <translation>New event…</translation>
    </message>
    <message>
        <source>无法读取对接会：{error}</source>
        <translation>Could not read the event: {error}</translation>
    </message>
    <message>
        <source>转为质押申请</source>
        <translation>To pledge application</translation>
    </message>
    <message>
        <source>转为质押申请…</source>
        <translation>To pledge application…</translation>
    </message>
    <message>
        <source>选择一次对接会查看授信明细</source>
        <translation>Select an event to see its credit lines</translation>
    </message>
    <message>
        <source>银企对接</source>
        <translation>Bank–firm matchmaking</translation>
    </message>
</context>
<context>
    <name>MemberForm</name>
    <message>
        <source>专利号，多项以逗号分隔</source>
        <translation>Patent numbers, comma-separated</translation>
    </message>
    <message>
        <source>分配比例（%）</source>
        <translation>Share (%)</translation>
    </message>
    <message>
        <source>加入专利池：{pool}</source>
        <translation>Join pool: {pool}</translation>
    </message>
    <message>
        <source>加入日</source>
        <translation>Joined on</translation>
    </message>
    <message>
        <source>占许可收入的百分比，如 40</source>
        <translation>Per cent of the licence income, e.g. 40</translation>
    </message>
    <message>
        <source>成员</source>
        <translation>Member</translation>
    </message>
    <message>
        <source>成员企业的统一社会信用代码或全称</source>
        <translation>The member firm's USCC or full name</translation>
    </message>
    <message>
        <source>投入专利</source>
        <translation>Patents put in</translation>
    </message>
</context>
<context>
    <name>MonitoringForm</name>
    <message>
        <source>侵权人、无效宣告请求人或对方当事人</source>
        <translation>The infringer, the invalidation requester or the other side</translation>
    </message>
    <message>
        <source>收到或提交的文件，如无效宣告请求书、起诉状</source>
        <translation>Documents received or filed, e.g. the invalidation request, the statement of claim</translation>
    </message>
    <message>
        <source>新增监测事项：{number}</source>
        <translation>New monitoring entry: {number}</translation>
    </message>
    <message>
        <source>无效宣告请求会给权利加上“已提起无效宣告”标记，直至结案</source>
        <translation>An invalidation request flags the right “invalidation requested” until it is closed</translation>
    </message>
</context>
<context>
    <name>MonitoringSection</name>
    <message>
        <source>共 {n} 项，进行中 {open} 项</source>
        <translation>{n} entries, {open} open</translation>
    </message>
    <message>
        <source>新增监测事项…</source>
        <translation>New monitoring entry…</translation>
    </message>
    <message>
        <source>没有监测事项</source>
        <translation>No monitoring entries</translation>
    </message>
    <message>
        <source>结案…</source>
        <translation>Close…</translation>
    </message>
    <message>
        <source>维权监测</source>
        <translation>Rights protection</translation>
    </message>
    <message>
        <source>选中一项进行中的事项，记录结果</source>
        <translation>Select an open entry to record its outcome</translation>
    </message>
</context>
<context>
    <name>NoticeListDialog</name>
    <message>
        <source>你的角色不能撤销通知书</source>
        <translation>Your role cannot revoke notices</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>出具时间</source>
        <translation>Issued at</translation>
    </message>
    <message>
        <source>已提交审核（决定 #{id}）：撤销通知书 {serial}
审核员确认后撤销生效。</source>
        <translation>Submitted for approval (decision #{id}): revoke notice {serial}
The revocation takes effect when an approver confirms it.</translation>
    </message>
    <message>
        <source>已撤销</source>
        <translation>Revoked</translation>
    </message>
    <message>
        <source>撤销…</source>
        <translation>Revoke…</translation>
    </message>
    <message>
        <source>有效</source>
        <translation>Valid</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>Serial no.</translation>
    </message>
    <message>
        <source>读取通知书记录失败：{error}</source>
        <translation>Reading the notices failed: {error}</translation>
    </message>
    <message>
        <source>这件质押还没有出具过通知书。</source>
        <translation>No notice has been issued for this pledge yet.</translation>
    </message>
    <message>
        <source>通知书</source>
        <translation>Notice</translation>
    </message>
    <message>
        <source>通知书记录</source>
        <translation>Notices issued</translation>
    </message>
    <message>
        <source>预览 / 重印…</source>
        <translation>Preview / reprint…</translation>
    </message>
    <message>
        <source>验证</source>
        <translation>Verify</translation>
    </message>
</context>
<context>
    <name>NoticePreviewDialog</name>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>保存为 PDF 文件（Ctrl+S），记入打印记录</source>
        <translation>Save as a PDF file (Ctrl+S); recorded in the print log</translation>
    </message>
    <message>
        <source>共 {n} 页</source>
        <translation>Pages: {n}</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>出具于 {at}</source>
        <translation>Issued {at}</translation>
    </message>
    <message>
        <source>另存为 PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <source>另存为 PDF…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <source>在系统查看器中打开</source>
        <translation>Open in the system viewer</translation>
    </message>
    <message>
        <source>已保存到 {path}，但系统没有可打开 PDF 的程序</source>
        <translation>Saved to {path}, but the system has no program to open PDFs</translation>
    </message>
    <message>
        <source>已保存：{path}</source>
        <translation>Saved: {path}</translation>
    </message>
    <message>
        <source>已送打印机 {name}：{n} 页</source>
        <translation>Sent to printer {name} (pages: {n})</translation>
    </message>
    <message>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>打印机不可用：{name}</source>
        <translation>The printer is not available: {name}</translation>
    </message>
    <message>
        <source>打印通知书</source>
        <translation>Print notice</translation>
    </message>
    <message>
        <source>无法保存通知书</source>
        <translation>Cannot save the notice</translation>
    </message>
    <message>
        <source>无法打印通知书</source>
        <translation>Could not print the notice</translation>
    </message>
    <message>
        <source>正在保存到 {path}…</source>
        <translation>Saving to {path}…</translation>
    </message>
    <message>
        <source>正在生成通知书…</source>
        <translation>Generating the notice…</translation>
    </message>
    <message>
        <source>用系统的 PDF 查看器打开，可从那里打印</source>
        <translation>Open with the system&apos;s PDF viewer and print from there</translation>
    </message>
    <message>
        <source>编号 {serial}</source>
        <translation>Serial no. {serial}</translation>
    </message>
    <message>
        <source>该通知书已撤销：重印件验证时显示“已撤销”</source>
        <translation>This notice was revoked: a reprint verifies as “revoked”</translation>
    </message>
    <message>
        <source>选择打印机打印（Ctrl+P），记入打印记录</source>
        <translation>Choose a printer and print (Ctrl+P); logged as a print</translation>
    </message>
    <message>
        <source>通知书预览</source>
        <translation>Notice preview</translation>
    </message>
    <message>
        <source>通知书预览 — {title}</source>
        <translation>Notice preview — {title}</translation>
    </message>
    <message>
        <source>通知书：</source>
        <translation>Notice:</translation>
    </message>
</context>
<context>
    <name>OfficeKeysPanel</name>
    <message>
        <source>PEM 私钥 (*.pem);;所有文件 (*)</source>
        <translation>PEM private key (*.pem);;All files (*)</translation>
    </message>
    <message>
        <source>两次输入的口令不一致，未作更改</source>
        <translation>The two passphrases differ; nothing was changed</translation>
    </message>
    <message>
        <source>停用密钥</source>
        <translation>Retire key</translation>
    </message>
    <message>
        <source>停用密钥 {key_id}？此后不再用它签发，已签发的通知书照常核验。</source>
        <translation>Retire key {key_id}? It will sign nothing more; notices it signed still verify.</translation>
    </message>
    <message>
        <source>停用所选密钥…</source>
        <translation>Retire the selected key…</translation>
    </message>
    <message>
        <source>再次输入口令</source>
        <translation>Enter the passphrase again</translation>
    </message>
    <message>
        <source>口令</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <source>失败：{reason}</source>
        <translation>Failed: {reason}</translation>
    </message>
    <message>
        <source>密钥管理（管理员）</source>
        <translation>Key management (administrators)</translation>
    </message>
    <message>
        <source>导入私钥</source>
        <translation>Import a private key</translation>
    </message>
    <message>
        <source>导入私钥…</source>
        <translation>Import a private key…</translation>
    </message>
    <message>
        <source>已为签发密钥 {key_id} 设置口令</source>
        <translation>Passphrase set on the signing key {key_id}</translation>
    </message>
    <message>
        <source>已停用密钥 {retired}</source>
        <translation>Key {retired} retired</translation>
    </message>
    <message>
        <source>已取消签发密钥 {key_id} 的口令</source>
        <translation>Passphrase removed from the signing key {key_id}</translation>
    </message>
    <message>
        <source>已导入私钥，现用签发密钥 {key_id}</source>
        <translation>Private key imported; the signing key is now {key_id}</translation>
    </message>
    <message>
        <source>已更换签发密钥：新密钥 {key_id}</source>
        <translation>Signing key rotated: the new key is {key_id}</translation>
    </message>
    <message>
        <source>新密钥的口令（可留空）</source>
        <translation>Passphrase for the new key (may be empty)</translation>
    </message>
    <message>
        <source>更换或导入后，原密钥停用但仍受信任，它签发的通知书照常核验；停用的密钥不再签发。每项操作都记入审计日志（原密钥编号与新密钥编号）。设置口令后，首次签发时询问口令（也可由环境变量 IPDESK_KEY_PASSPHRASE 提供），口令只留在内存中。</source>
        <translation>After a rotation or an import the old key is retired but still trusted: the notices it signed still verify; a retired key signs nothing more. Every act is written to the audit log (old and new key ids). With a passphrase set, ipdesk asks for it when it first signs (or takes it from the environment variable IPDESK_KEY_PASSPHRASE); it stays in memory only.</translation>
    </message>
    <message>
        <source>更换签发密钥</source>
        <translation>Rotate the signing key</translation>
    </message>
    <message>
        <source>更换签发密钥…</source>
        <translation>Rotate the signing key…</translation>
    </message>
    <message>
        <source>生成新的签发密钥并停用现用密钥？已签发的通知书照常核验。</source>
        <translation>Make a new signing key and retire the current one? Notices already issued still verify.</translation>
    </message>
    <message>
        <source>私钥文件的口令（未加密则留空）</source>
        <translation>The key file&apos;s passphrase (empty if it is not encrypted)</translation>
    </message>
    <message>
        <source>签发密钥的新口令（留空则取消口令）</source>
        <translation>New passphrase for the signing key (empty removes it)</translation>
    </message>
    <message>
        <source>设置或取消口令…</source>
        <translation>Set or remove the passphrase…</translation>
    </message>
</context>
<context>
    <name>OfficeSettings</name>
    <message>
        <source>不含 {year}：序号每年从 1 重新开始，明年的编号会与今年的重复而无法保存</source>
        <translation>No {year}: the sequence restarts at 1 every year, so next year&apos;s numbers would repeat this year&apos;s and could not be saved</translation>
    </message>
    <message>
        <source>不认识的字段 {field}：只能使用 {year}（年份）和 {seq}（序号）</source>
        <translation>Unknown field {field}: only {year} (the year) and {seq} (the sequence number) may be used</translation>
    </message>
    <message>
        <source>未知的时区“{zone}”：请填写 IANA 时区名，例如 Asia/Shanghai</source>
        <translation>Unknown timezone “{zone}”: enter an IANA timezone name such as Asia/Shanghai</translation>
    </message>
    <message>
        <source>格式写法有误（{reason}）：序号写作 {seq}，补零写作 {padded}</source>
        <translation>The format is not valid ({reason}): write the sequence number as {seq}, zero-padded as {padded}</translation>
    </message>
    <message>
        <source>登记机关名称最多 100 个字</source>
        <translation>The office name may have at most 100 characters</translation>
    </message>
    <message>
        <source>编号最长 {limit} 个字符，这个格式会生成 {n} 个字符</source>
        <translation>Numbers may have at most {limit} characters; this format gives {n}</translation>
    </message>
    <message>
        <source>编号格式必须包含 {seq}（当年的序号），否则每个编号都相同</source>
        <translation>The format must contain {seq} (the sequence number of the year), otherwise every number is the same</translation>
    </message>
    <message>
        <source>花括号不成对：字段写作 {seq} 或 {padded}</source>
        <translation>Unbalanced braces: write a field as {seq} or {padded}</translation>
    </message>
    <message>
        <source>请填写登记机关名称（印在每份通知书上）</source>
        <translation>Enter the office name (printed on every notice)</translation>
    </message>
    <message>
        <source>请填写编号格式，例如 {example}</source>
        <extracomment>the longest number the register stores (application_no, registration_no, notice serial: String(40)) the number fields of :class:`OfficeSettings` in form order</extracomment>
        <translation>Enter a number format, e.g. {example}</translation>
    </message>
</context>
<context>
    <name>OfficeSettingsForm</name>
    <message>
        <source> 个字符</source>
        <translation> characters</translation>
    </message>
    <message>
        <source> 个字符</source>
        <comment>one</comment>
        <translation> character</translation>
    </message>
    <message>
        <source> 个工作日</source>
        <translation> working days</translation>
    </message>
    <message>
        <source> 个工作日</source>
        <comment>one</comment>
        <translation> working day</translation>
    </message>
    <message>
        <source> 分钟</source>
        <translation> minutes</translation>
    </message>
    <message>
        <source> 分钟</source>
        <comment>one</comment>
        <translation> minute</translation>
    </message>
    <message>
        <source> 天</source>
        <translation> days</translation>
    </message>
    <message>
        <source> 天</source>
        <comment>one</comment>
        <translation> day</translation>
    </message>
    <message>
        <source> 次</source>
        <translation> attempts</translation>
    </message>
    <message>
        <source> 次</source>
        <comment>one</comment>
        <translation> attempt</translation>
    </message>
    <message>
        <source>{year} 为年份，{seq} 为当年序号（必填），{padded} 表示补零到 7 位</source>
        <translation>{year} is the year, {seq} the sequence number of the year (required), {padded} pads it with zeros to 7 digits</translation>
    </message>
    <message>
        <source>⚠ 专利 5 个工作日（2021 年的专利权质押登记办法）和商标 2 个工作日的办结期限尚未与官方原文核对，因此作为设置提供：请按本机关执行的规定填写。著作权 10 日出自著作权质权登记办法第九条。修改只影响此后受理或补正的申请；已算出的办结期限不变。</source>
        <translation>⚠ The limits of 5 working days for patents (2021 patent pledge registration measures) and 2 working days for trademarks have not been checked against the official texts, so they are settings: enter the limits this office applies. The 10 days for copyrights come from Article 9 of the copyright pledge registration measures. Changes apply to applications accepted or cured from now on; deadlines already computed do not change.</translation>
    </message>
    <message>
        <source>专利权质押（工作日）：</source>
        <translation>Patent pledges (working days):</translation>
    </message>
    <message>
        <source>从受理（或补正齐全）之日起计算的工作日数</source>
        <translation>Working days counted from acceptance (or from the day the defects were cured)</translation>
    </message>
    <message>
        <source>例如：国家知识产权局</source>
        <translation>e.g. 国家知识产权局</translation>
    </message>
    <message>
        <source>保存登记机关设置</source>
        <translation>Save office settings</translation>
    </message>
    <message>
        <source>保存（Ctrl+S）；所有工作站立即使用新设置</source>
        <translation>Save (Ctrl+S); every workstation uses the new settings at once</translation>
    </message>
    <message>
        <source>决定须经审核：</source>
        <translation>Decisions need approval:</translation>
    </message>
    <message>
        <source>办结期限与补正期限</source>
        <translation>Service levels and correction period</translation>
    </message>
    <message>
        <source>印在每份通知书和查询证明上</source>
        <translation>Printed on every notice and search certificate</translation>
    </message>
    <message>
        <source>只有管理员可以修改登记机关设置。</source>
        <translation>Only an administrator can change the office settings.</translation>
    </message>
    <message>
        <source>商标专用权质押（工作日）：</source>
        <translation>Trademark pledges (working days):</translation>
    </message>
    <message>
        <source>密码最短长度：</source>
        <translation>Minimum password length:</translation>
    </message>
    <message>
        <source>已保存。新受理的申请和新出具的通知书使用这些设置。</source>
        <translation>Saved. Applications accepted and notices issued from now on use these settings.</translation>
    </message>
    <message>
        <source>已恢复为保存的设置</source>
        <translation>Back to the saved settings</translation>
    </message>
    <message>
        <source>开启后登记员提交的决定由审核员确认后才生效</source>
        <translation>When on, a decision a clerk submits takes effect only once an approver confirms it</translation>
    </message>
    <message>
        <source>当事人补正材料的期限，印在补正通知书上</source>
        <translation>The time the parties have to cure defects, printed on the correction notice</translation>
    </message>
    <message>
        <source>恢复为数据库中保存的设置</source>
        <translation>Go back to the settings saved in the database</translation>
    </message>
    <message>
        <source>撤销修改</source>
        <translation>Undo changes</translation>
    </message>
    <message>
        <source>新设置的密码至少多少个字符（8–64）；已有的密码不受影响</source>
        <translation>How many characters a new password needs at least (8–64); existing passwords are not affected</translation>
    </message>
    <message>
        <source>无操作多少分钟后锁定窗口并要求重新输入密码（1–480）</source>
        <translation>Minutes without input before the window locks and asks for the password again (1–480)</translation>
    </message>
    <message>
        <source>时区：</source>
        <translation>Timezone:</translation>
    </message>
    <message>
        <source>有未保存的修改</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>没有保存。</source>
        <translation>Not saved.</translation>
    </message>
    <message>
        <source>没有保存：{reason}</source>
        <translation>Not saved: {reason}</translation>
    </message>
    <message>
        <source>用户、登录与审核</source>
        <translation>Users, sign-in and approval</translation>
    </message>
    <message>
        <source>申请号格式：</source>
        <translation>Application no. format:</translation>
    </message>
    <message>
        <source>登记、不予登记、注销和撤销通知书须经审核（提交人与审核人不得为同一人）</source>
        <translation>Registration, refusal, cancellation and notice revocation need an approver's confirmation (never the preparer's own)</translation>
    </message>
    <message>
        <source>登记、生效、注销、通知书和期限的日期都按此时区的日历计算（IANA 名称，默认 Asia/Shanghai）</source>
        <translation>Registration, effect, cancellation, notice and deadline dates are days in this timezone (IANA name, default Asia/Shanghai)</translation>
    </message>
    <message>
        <source>登记号格式：</source>
        <translation>Registration no. format:</translation>
    </message>
    <message>
        <source>登记机关</source>
        <translation>Registration office</translation>
    </message>
    <message>
        <source>登记机关名称：</source>
        <translation>Office name:</translation>
    </message>
    <message>
        <source>空闲锁定：</source>
        <translation>Idle lock:</translation>
    </message>
    <message>
        <source>管理员也可以审查、登记和作出决定（仅限一人办公的情形）</source>
        <translation>The administrator may also examine, register and decide (an office of one only)</translation>
    </message>
    <message>
        <source>管理员兼办登记：</source>
        <translation>Administrator also registers:</translation>
    </message>
    <message>
        <source>编号格式中 {year} 为受理或登记的年份，{seq} 为当年的序号（每年从 1 开始），{padded} 表示序号补零到 7 位。登记号的格式没有公开规定（公报中可见 Y2022980001234），请按本机关的做法填写。</source>
        <translation>In a number format {year} is the year of acceptance or registration, {seq} the sequence number of that year (restarting at 1 each year), and {padded} pads it with zeros to 7 digits. The registration number format is not published (the gazette shows e.g. Y2022980001234); enter the one this office uses.</translation>
    </message>
    <message>
        <source>著作权质押（自然日）：</source>
        <translation>Copyright pledges (calendar days):</translation>
    </message>
    <message>
        <source>著作权质权登记办法第九条：10 日（自然日；最后一天是休息日的，顺延到下一个工作日）</source>
        <translation>Copyright pledge registration measures, Article 9: 10 days (calendar days; a last day that is a day off moves to the next working day)</translation>
    </message>
    <message>
        <source>补正期限（自然日）：</source>
        <translation>Correction period (calendar days):</translation>
    </message>
    <message>
        <source>设置有误，没有保存。</source>
        <translation>The settings have problems; nothing was saved.</translation>
    </message>
    <message>
        <source>还有 {n} 处问题需要修改，修改后才能保存（没有写入任何设置）：</source>
        <translation>{n} problem(s) must be fixed before saving (no setting was written):</translation>
    </message>
    <message>
        <source>连续登录失败锁定：</source>
        <translation>Lock after failed sign-ins:</translation>
    </message>
    <message>
        <source>连续输错密码多少次后锁定账户，须管理员解锁（1–20）</source>
        <translation>Wrong passwords in a row before the account locks until an administrator unlocks it (1–20)</translation>
    </message>
    <message>
        <source>通知书编号格式：</source>
        <translation>Notice serial format:</translation>
    </message>
    <message>
        <source>默认管理员只管理用户和设置；登记与决定是另一职责。更改在下次登录时生效</source>
        <translation>By default the administrator manages users and settings only; registering and deciding is another duty. Applies from the next sign-in</translation>
    </message>
</context>
<context>
    <name>OpenCaseForm</name>
    <message>
        <source>不使用资金池</source>
        <translation>No compensation fund</translation>
    </message>
    <message>
        <source>不用资金池时的分担方案，如 germany、pudong:97（可空）</source>
        <translation>Without a fund, the loss-sharing scheme, e.g. germany, pudong:97 (optional)</translation>
    </message>
    <message>
        <source>启动处置：{pledge}</source>
        <translation>Open a disposal case: {pledge}</translation>
    </message>
    <message>
        <source>损失分担方案</source>
        <translation>Loss-sharing scheme</translation>
    </message>
    <message>
        <source>经办人</source>
        <translation>Responsible</translation>
    </message>
    <message>
        <source>补偿资金池</source>
        <translation>Compensation fund</translation>
    </message>
</context>
<context>
    <name>OtherGroundDialog</name>
    <message>
        <source>增加其他不予登记理由</source>
        <translation>Add another ground for refusal</translation>
    </message>
    <message>
        <source>整个申请</source>
        <translation>The whole application</translation>
    </message>
    <message>
        <source>涉及的权利：</source>
        <translation>Rights concerned:</translation>
    </message>
    <message>
        <source>理由 *</source>
        <translation>Reason *</translation>
    </message>
    <message>
        <source>用平实的语言写明理由，它将写入不予登记通知书</source>
        <translation>State the reason in plain words; it goes into the refusal notice</translation>
    </message>
</context>
<context>
    <name>OwnersEditor</name>
    <message>
        <source>份额（%）</source>
        <translation>Share (%)</translation>
    </message>
    <message>
        <source>平均分配</source>
        <translation>Split equally</translation>
    </message>
    <message>
        <source>按共有人数平均分配份额（份额留空时保存也会平均分配）</source>
        <translation>Give every co-owner an equal share (blank shares are also split equally on saving)</translation>
    </message>
    <message>
        <source>权利人</source>
        <translation>Owner</translation>
    </message>
    <message>
        <source>添加权利人…</source>
        <translation>Add owner…</translation>
    </message>
    <message>
        <source>移除</source>
        <translation>Remove</translation>
    </message>
</context>
<context>
    <name>PartiesPage</name>
    <message>
        <source>在知识产权页面列出这个当事人名下的权利</source>
        <translation>List this party&apos;s rights on the IP rights page</translation>
    </message>
    <message>
        <source>已保存 {name}</source>
        <translation>Saved {name}</translation>
    </message>
    <message>
        <source>当事人</source>
        <translation>Parties</translation>
    </message>
    <message>
        <source>搜索名称、简称或统一社会信用代码…</source>
        <translation>Search name, short name or USCC…</translation>
    </message>
    <message>
        <source>查看其知识产权</source>
        <translation>Show their IP rights</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
</context>
<context>
    <name>PartyDetailPane</name>
    <message>
        <source>{n} 件</source>
        <translation>{n}</translation>
    </message>
    <message>
        <source>历史</source>
        <translation>History</translation>
    </message>
    <message>
        <source>名下知识产权</source>
        <translation>IP rights held</translation>
    </message>
</context>
<context>
    <name>PartyField</name>
    <message>
        <source>打开当事人选择窗口（可新建当事人）</source>
        <translation>Open the party picker (where you can also add a party)</translation>
    </message>
    <message>
        <source>输入名称或统一社会信用代码查找</source>
        <translation>Type a name or USCC to find</translation>
    </message>
</context>
<context>
    <name>PartyForm</name>
    <message>
        <source>18 位，如 91321100MA1MXXXXXX（字母不区分大小写）</source>
        <translation>18 characters, e.g. 91321100MA1MXXXXXX (letters in any case)</translation>
    </message>
    <message>
        <source>6 位行政区划代码，如 321100</source>
        <translation>6-digit administrative division code, e.g. 321100</translation>
    </message>
    <message>
        <source>与营业执照或证件一致的全称</source>
        <translation>Full name as on the business licence or ID</translation>
    </message>
    <message>
        <source>新建当事人</source>
        <translation>New party</translation>
    </message>
    <message>
        <source>编辑当事人</source>
        <translation>Edit party</translation>
    </message>
    <message>
        <source>编辑当事人 {name}</source>
        <translation>Edit party {name}</translation>
    </message>
    <message>
        <source>身份证或护照号码</source>
        <translation>ID card or passport number</translation>
    </message>
</context>
<context>
    <name>PartyListEdit</name>
    <message>
        <source>名称或信用代码，选中即添加</source>
        <translation>Name or credit code; choosing adds it</translation>
    </message>
    <message>
        <source>移除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>移除选中的出质人</source>
        <translation>Remove the selected pledgor</translation>
    </message>
</context>
<context>
    <name>PartyPicker</name>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>找到 {n} 个当事人</source>
        <translation>Parties found: {n}</translation>
    </message>
    <message>
        <source>新建当事人…</source>
        <translation>New party…</translation>
    </message>
    <message>
        <source>查找失败：{error}</source>
        <translation>Search failed: {error}</translation>
    </message>
    <message>
        <source>正在查找…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <source>没有找到“{text}”，可以新建这个当事人</source>
        <translation>“{text}” not found; you can add this party</translation>
    </message>
    <message>
        <source>输入名称或统一社会信用代码…</source>
        <translation>Type a name or USCC…</translation>
    </message>
    <message>
        <source>输入至少一个字开始查找</source>
        <translation>Type at least one character to search</translation>
    </message>
    <message>
        <source>选择</source>
        <translation>Choose</translation>
    </message>
    <message>
        <source>选择当事人</source>
        <translation>Choose a party</translation>
    </message>
</context>
<context>
    <name>PathField</name>
    <message>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <source>{n} 条登记</source>
        <translation>Registrations: {n}</translation>
    </message>
    <message>
        <source>不予登记的理由</source>
        <translation>Grounds of refusal</translation>
    </message>
    <message>
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>依据</source>
        <translation>Legal basis</translation>
    </message>
    <message>
        <source>债务人</source>
        <translation>Debtor</translation>
    </message>
    <message>
        <source>债务履行期限届满日</source>
        <translation>Debt performance deadline</translation>
    </message>
    <message>
        <source>出具时间</source>
        <translation>Issued at</translation>
    </message>
    <message>
        <source>出质人</source>
        <translation>Pledgor</translation>
    </message>
    <message>
        <source>变更事项</source>
        <translation>Changes</translation>
    </message>
    <message>
        <source>变更前</source>
        <translation>Before</translation>
    </message>
    <message>
        <source>变更后</source>
        <translation>After</translation>
    </message>
    <message>
        <source>变更登记日</source>
        <translation>Change registered on</translation>
    </message>
    <message>
        <source>号码</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>截至</source>
        <translation>As of</translation>
    </message>
    <message>
        <source>担保债权数额（元）</source>
        <translation>Secured amount (yuan)</translation>
    </message>
    <message>
        <source>授权/注册日</source>
        <translation>Grant/registration date</translation>
    </message>
    <message>
        <source>本机的 Qt 没有 PDF 预览组件，下面显示通知书记载的内容（PDF 共 {n} 页）；要查看版式，请点“在系统查看器中打开”。</source>
        <translation>This Qt has no PDF preview component; below is what the notice states (the PDF has {n} pages). To see the layout, click “Open in the system viewer”.</translation>
    </message>
    <message>
        <source>权利</source>
        <translation>Rights</translation>
    </message>
    <message>
        <source>查询条件</source>
        <translation>Search criteria</translation>
    </message>
    <message>
        <source>没有可预览的文件</source>
        <translation>Nothing to preview</translation>
    </message>
    <message>
        <source>注销原因</source>
        <translation>Cancellation trigger</translation>
    </message>
    <message>
        <source>注销日</source>
        <translation>Cancelled on</translation>
    </message>
    <message>
        <source>注销登记日</source>
        <translation>Cancellation registered on</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>申请号</source>
        <translation>Application no.</translation>
    </message>
    <message>
        <source>申请日</source>
        <translation>Application date</translation>
    </message>
    <message>
        <source>登记号</source>
        <translation>Registration no.</translation>
    </message>
    <message>
        <source>登记生效日</source>
        <translation>Effective date</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>Serial no.</translation>
    </message>
    <message>
        <source>补正期限</source>
        <translation>Correction deadline</translation>
    </message>
    <message>
        <source>质押的权利</source>
        <translation>Pledged rights</translation>
    </message>
    <message>
        <source>质权人</source>
        <translation>Pledgee</translation>
    </message>
    <message>
        <source>需补正的事项</source>
        <translation>Items to correct</translation>
    </message>
    <message>
        <source>（没有内容摘要）</source>
        <translation>(no content summary)</translation>
    </message>
</context>
<context>
    <name>PledgeActions</name>
    <message>
        <source>不予登记</source>
        <translation>Refuse</translation>
    </message>
    <message>
        <source>准予登记</source>
        <translation>Register</translation>
    </message>
    <message>
        <source>审查</source>
        <translation>Examine</translation>
    </message>
    <message>
        <source>对申请 {no} 作出不予登记决定？</source>
        <translation>Refuse application {no}?</translation>
    </message>
    <message>
        <source>对申请 {no} 准予登记？</source>
        <translation>Register application {no}?</translation>
    </message>
    <message>
        <source>将对申请 {no} 不予登记的决定提交审核？</source>
        <translation>Submit the refusal of application {no} for approval?</translation>
    </message>
    <message>
        <source>将对申请 {no} 准予登记的决定提交审核？</source>
        <translation>Submit the registration of application {no} for approval?</translation>
    </message>
    <message>
        <source>已作出不予登记决定：{no}
理由：
{grounds}</source>
        <translation>Registration refused: {no}
Reasons:
{grounds}</translation>
    </message>
    <message>
        <source>已准予登记。
登记号：{no}
生效日：{date}</source>
        <translation>Registered.
Registration no.: {no}
Effective: {date}</translation>
    </message>
    <message>
        <source>已提交审核（决定 #{id}）：{no}
审核员确认后生效；确认或退回之前不能作出其他决定。</source>
        <translation>Submitted for approval (decision #{id}): {no}
It takes effect when an approver confirms it; until it is confirmed or returned no other decision can be taken.</translation>
    </message>
    <message>
        <source>提交审核</source>
        <translation>Submit for approval</translation>
    </message>
    <message>
        <source>撤回申请</source>
        <translation>Withdraw application</translation>
    </message>
    <message>
        <source>撤回申请 {no}？撤回后不能再办理。</source>
        <translation>Withdraw application {no}? A withdrawn application cannot be processed further.</translation>
    </message>
    <message>
        <source>理由：
{grounds}

决定后该申请为只读，不能再修改。</source>
        <translation>Reasons:
{grounds}

After the decision the application is read-only and cannot be changed.</translation>
    </message>
    <message>
        <source>登记后质权自登记之日起设立（民法典第四百四十四条）。</source>
        <translation>The pledge is created on the day it is registered (Civil Code Art. 444).</translation>
    </message>
</context>
<context>
    <name>PledgeApplicationForm</name>
    <message>
        <source>一方使用外文身份证明</source>
        <translation>A party uses a foreign-language identity document</translation>
    </message>
    <message>
        <source>与出质人相同则留空</source>
        <translation>Leave empty if the same as the pledgor</translation>
    </message>
    <message>
        <source>代理人</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>债务人</source>
        <translation>Debtor</translation>
    </message>
    <message>
        <source>债务履行期限 *</source>
        <translation>Performance deadline *</translation>
    </message>
    <message>
        <source>债权种类 *</source>
        <translation>Type of claim *</translation>
    </message>
    <message>
        <source>出质人 *</source>
        <translation>Pledgors *</translation>
    </message>
    <message>
        <source>出质权利（专利、商标、著作权可以混合）</source>
        <translation>Pledged rights (patents, marks and copyrights may be mixed)</translation>
    </message>
    <message>
        <source>受理并保存</source>
        <translation>Receive and save</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>已收材料（按本案情况列出）</source>
        <translation>Documents received (as this case requires)</translation>
    </message>
    <message>
        <source>当事人</source>
        <translation>Parties</translation>
    </message>
    <message>
        <source>担保债权数额（元）*</source>
        <translation>Secured amount (yuan) *</translation>
    </message>
    <message>
        <source>担保范围 *</source>
        <translation>Scope of security *</translation>
    </message>
    <message>
        <source>按当前填写的内容审查一遍（不保存），查看是否可以登记</source>
        <translation>Examine what is filled in now (without saving) to see whether it can be registered</translation>
    </message>
    <message>
        <source>新建质押登记申请</source>
        <extracomment>the problem fields of ``parse_application`` / ``validate_application`` → this form&apos;s fields</extracomment>
        <translation>New pledge registration application</translation>
    </message>
    <message>
        <source>没有代理人则留空</source>
        <translation>Leave empty if there is no agent</translation>
    </message>
    <message>
        <source>申报了质押物评估价值</source>
        <translation>A valuation of the pledged property was declared</translation>
    </message>
    <message>
        <source>申请日 *</source>
        <translation>Application date *</translation>
    </message>
    <message>
        <source>著作权出质前已许可他人使用</source>
        <translation>The copyright was licensed to others before the pledge</translation>
    </message>
    <message>
        <source>被担保债权</source>
        <translation>Secured claim</translation>
    </message>
    <message>
        <source>质押合同包含的条款</source>
        <translation>Clauses in the pledge contract</translation>
    </message>
    <message>
        <source>质押期限届满日</source>
        <translation>End of pledge term</translation>
    </message>
    <message>
        <source>质权人 *</source>
        <translation>Pledgee *</translation>
    </message>
    <message>
        <source>银行等质权人：输入名称或信用代码</source>
        <translation>Pledgee such as a bank: type the name or credit code</translation>
    </message>
    <message>
        <source>预审</source>
        <translation>Pre-check</translation>
    </message>
    <message>
        <source>预审…</source>
        <translation>Pre-check…</translation>
    </message>
    <message>
        <source>预审结果（未保存）</source>
        <translation>Pre-check result (not saved)</translation>
    </message>
</context>
<context>
    <name>PledgeDetailPane</name>
    <message>
        <source>{amount} 元</source>
        <translation>{amount} yuan</translation>
    </message>
    <message>
        <source>不予登记日</source>
        <translation>Refusal date</translation>
    </message>
    <message>
        <source>代理人</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>债务人</source>
        <translation>Debtor</translation>
    </message>
    <message>
        <source>债务履行期限</source>
        <translation>Performance deadline</translation>
    </message>
    <message>
        <source>债权种类</source>
        <translation>Type of claim</translation>
    </message>
    <message>
        <source>出质人</source>
        <translation>Pledgor</translation>
    </message>
    <message>
        <source>出质权利</source>
        <translation>Pledged rights</translation>
    </message>
    <message>
        <source>办理过程</source>
        <translation>Processing</translation>
    </message>
    <message>
        <source>办结期限</source>
        <translation>Due by</translation>
    </message>
    <message>
        <source>另有 {n} 项通过</source>
        <translation>More items passed: {n}</translation>
    </message>
    <message>
        <source>只读</source>
        <translation>Read-only</translation>
    </message>
    <message>
        <source>合同含流质条款</source>
        <translation>Contract has a forfeiture clause</translation>
    </message>
    <message>
        <source>合同条款：</source>
        <translation>Contract clauses: </translation>
    </message>
    <message>
        <source>同出质人</source>
        <translation>Same as pledgor</translation>
    </message>
    <message>
        <source>审计记录</source>
        <translation>Audit trail</translation>
    </message>
    <message>
        <source>已收材料：</source>
        <translation>Documents received: </translation>
    </message>
    <message>
        <source>当事人</source>
        <translation>Parties</translation>
    </message>
    <message>
        <source>当事人声明：</source>
        <translation>Parties&apos; declarations: </translation>
    </message>
    <message>
        <source>待审核：{kind}（{user} 提交）</source>
        <translation>Awaiting approval: {kind} (by {user})</translation>
    </message>
    <message>
        <source>担保债权数额</source>
        <translation>Secured amount</translation>
    </message>
    <message>
        <source>担保范围</source>
        <translation>Scope of security</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Dates</translation>
    </message>
    <message>
        <source>最近审查：{o}</source>
        <translation>Last examination: {o}</translation>
    </message>
    <message>
        <source>材料与合同条款</source>
        <translation>Documents and contract clauses</translation>
    </message>
    <message>
        <source>没有记录</source>
        <translation>Nothing recorded</translation>
    </message>
    <message>
        <source>注销原因</source>
        <translation>Reason for cancellation</translation>
    </message>
    <message>
        <source>注销日</source>
        <translation>Cancellation date</translation>
    </message>
    <message>
        <source>申请号</source>
        <translation>Application no.</translation>
    </message>
    <message>
        <source>申请日</source>
        <translation>Application date</translation>
    </message>
    <message>
        <source>登记号</source>
        <translation>Registration no.</translation>
    </message>
    <message>
        <source>登记号 {no}，自 {date} 起生效</source>
        <translation>Registration no. {no}, effective from {date}</translation>
    </message>
    <message>
        <source>登记日（生效日）</source>
        <translation>Registration (effective) date</translation>
    </message>
    <message>
        <source>补正期限</source>
        <translation>Correction deadline</translation>
    </message>
    <message>
        <source>补正期限：{date}</source>
        <translation>Correction deadline: {date}</translation>
    </message>
    <message>
        <source>被担保债权</source>
        <translation>Secured claim</translation>
    </message>
    <message>
        <source>质押期限届满日</source>
        <translation>End of pledge term</translation>
    </message>
    <message>
        <source>质权人</source>
        <translation>Pledgee</translation>
    </message>
</context>
<context>
    <name>PledgePackageForm</name>
    <message>
        <source>专利池打包出质：{pool}</source>
        <translation>Pledge the pool as one package: {pool}</translation>
    </message>
    <message>
        <source>债务履行期限</source>
        <translation>Performance deadline</translation>
    </message>
    <message>
        <source>出质专利</source>
        <translation>Patents pledged</translation>
    </message>
    <message>
        <source>担保债权数额（元）</source>
        <translation>Secured amount (yuan)</translation>
    </message>
    <message>
        <source>申请日</source>
        <translation>Application date</translation>
    </message>
    <message>
        <source>质权人</source>
        <translation>Pledgee</translation>
    </message>
    <message>
        <source>质权人的统一社会信用代码或全称</source>
        <translation>The pledgee's USCC or full name</translation>
    </message>
</context>
<context>
    <name>PledgeValuationSection</name>
    <message>
        <source>评估与质押率</source>
        <translation>Valuation and loan-to-value</translation>
    </message>
</context>
<context>
    <name>PledgesPage</name>
    <message>
        <source>2 个工作日内</source>
        <translation>Within 2 working days</translation>
    </message>
    <message>
        <source>5 个工作日内</source>
        <translation>Within 5 working days</translation>
    </message>
    <message>
        <source>{no}：{status}</source>
        <translation>{no}: {status}</translation>
    </message>
    <message>
        <source>不予登记</source>
        <translation>Refuse</translation>
    </message>
    <message>
        <source>准予登记</source>
        <translation>Register</translation>
    </message>
    <message>
        <source>办结期限</source>
        <translation>Due by</translation>
    </message>
    <message>
        <source>变更</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>变更登记：数额、债权种类、担保范围、质权人</source>
        <translation>Change registration: amount, type of claim, scope of security, pledgee</translation>
    </message>
    <message>
        <source>只显示某一质权人的质押</source>
        <translation>Show only one pledgee&apos;s pledges</translation>
    </message>
    <message>
        <source>增加一项其他不予登记理由（P12 等）</source>
        <translation>Add another ground for refusal (P12 etc.)</translation>
    </message>
    <message>
        <source>增加其他理由…</source>
        <translation>Add another ground…</translation>
    </message>
    <message>
        <source>审查</source>
        <translation>Examine</translation>
    </message>
    <message>
        <source>审查有不符合的事由：不予登记并记录理由</source>
        <translation>The examination found grounds: refuse and record the reasons</translation>
    </message>
    <message>
        <source>审查结果</source>
        <translation>Examination result</translation>
    </message>
    <message>
        <source>审查通过后准予登记：给出登记号和生效日</source>
        <translation>Register after a passed examination: assigns the registration number and effective date</translation>
    </message>
    <message>
        <source>已受理 {no}，可以审查</source>
        <translation>Received {no}; ready for examination</translation>
    </message>
    <message>
        <source>已逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>已逾期或今天到期</source>
        <extracomment>which permission each page action needs the narrowest first-start width of each column (an empty list would fit the headers only) filters that are not combos: shown as removable chips</extracomment>
        <translation>Overdue or due today</translation>
    </message>
    <message>
        <source>延期</source>
        <translation>Extend</translation>
    </message>
    <message>
        <source>延期登记（重新审查）</source>
        <translation>Extend registration (examined again)</translation>
    </message>
    <message>
        <source>待办（未办结）</source>
        <translation>Open (not yet concluded)</translation>
    </message>
    <message>
        <source>按不予登记事由逐项审查，并记录结果</source>
        <translation>Examine each ground for refusal in turn and record the result</translation>
    </message>
    <message>
        <source>按不予登记事由逐项审查，并记录结果（Ctrl+E）</source>
        <translation>Examine against each ground for refusal and record the result (Ctrl+E)</translation>
    </message>
    <message>
        <source>按质权人…</source>
        <translation>By pledgee…</translation>
    </message>
    <message>
        <source>搜索出质人、质权人、申请号、登记号或权利号…</source>
        <translation>Search pledgor, pledgee, application no., registration no. or right number…</translation>
    </message>
    <message>
        <source>撤回</source>
        <translation>Withdraw</translation>
    </message>
    <message>
        <source>新建申请</source>
        <translation>New application</translation>
    </message>
    <message>
        <source>新建质押登记申请（Ctrl+N）</source>
        <translation>New pledge registration application (Ctrl+N)</translation>
    </message>
    <message>
        <source>查看最近一次审查的结果</source>
        <translation>Show the result of the last examination</translation>
    </message>
    <message>
        <source>没有受理就关闭了的申请（程序意外退出时自动保存）：继续填写或丢弃</source>
        <translation>Applications closed before filing (kept automatically if ipdesk stops unexpectedly): continue or discard</translation>
    </message>
    <message>
        <source>注销</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>注销登记（五种注销原因之一）</source>
        <translation>Cancel registration (one of the five reasons)</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>申请人撤回申请</source>
        <translation>The applicant withdraws the application</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>草稿…</source>
        <translation>Drafts…</translation>
    </message>
    <message>
        <source>补正</source>
        <translation>Correction</translation>
    </message>
    <message>
        <source>记录收到的补正材料（办结期限重新起算）</source>
        <translation>Record the correction documents received (the time limit restarts)</translation>
    </message>
    <message>
        <source>质押登记</source>
        <translation>Pledges</translation>
    </message>
    <message>
        <source>质权人：{name}</source>
        <translation>Pledgee: {name}</translation>
    </message>
</context>
<context>
    <name>PolicyForm</name>
    <message>
        <source>不申请补贴</source>
        <translation>No subsidy</translation>
    </message>
    <message>
        <source>专利号，多个用逗号分隔</source>
        <translation>Patent numbers, separated by commas</translation>
    </message>
    <message>
        <source>专利权人名称或统一社会信用代码</source>
        <translation>Patentee&apos;s name or unified social credit code</translation>
    </message>
    <message>
        <source>为质押融资投保时填写</source>
        <translation>When the policy is taken out for a pledge loan</translation>
    </message>
    <message>
        <source>保险公司名称或统一社会信用代码</source>
        <translation>Insurer&apos;s name or unified social credit code</translation>
    </message>
    <message>
        <source>已取得其他共有人的书面同意</source>
        <translation>The other co-owners have consented in writing</translation>
    </message>
    <message>
        <source>新增保单</source>
        <translation>New policy</translation>
    </message>
    <message>
        <source>补贴按企业当年的投保次数与类别计算，并受年度上限限制</source>
        <translation>The subsidy follows the firm&apos;s application count and class, within its yearly cap</translation>
    </message>
</context>
<context>
    <name>PoolForm</name>
    <message>
        <source>估值方法</source>
        <translation>Valuation method</translation>
    </message>
    <message>
        <source>信托公司的统一社会信用代码或全称</source>
        <translation>The trust company's USCC or full name</translation>
    </message>
    <message>
        <source>信托期限（月）</source>
        <translation>Trust term (months)</translation>
    </message>
    <message>
        <source>信托金额（元）</source>
        <translation>Trust amount (yuan)</translation>
    </message>
    <message>
        <source>受托人</source>
        <translation>Trustee</translation>
    </message>
    <message>
        <source>受益人</source>
        <translation>Beneficiaries</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>新建专利池</source>
        <translation>New patent pool</translation>
    </message>
</context>
<context>
    <name>PoolsPage</name>
    <message>
        <source>{amount} 元</source>
        <translation>{amount} yuan</translation>
    </message>
    <message>
        <source>{n} 个月</source>
        <translation>{n} months</translation>
    </message>
    <message>
        <source>专利池</source>
        <translation>Patent pools</translation>
    </message>
    <message>
        <source>专利池编号或名称</source>
        <translation>Pool number or name</translation>
    </message>
    <message>
        <source>估值（{method}）：{value}　池内专利 {n} 件，已评估 {valued} 件</source>
        <translation>Value ({method}): {value}   {n} patents in the pool, {valued} valued</translation>
    </message>
    <message>
        <source>信托计划</source>
        <translation>Trust plan</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>加入成员…</source>
        <translation>Add member…</translation>
    </message>
    <message>
        <source>受托人：{trustee}　信托金额：{amount}　期限：{term}　受益人：{who}</source>
        <translation>Trustee: {trustee}   Trust amount: {amount}   Term: {term}   Beneficiaries: {who}</translation>
    </message>
    <message>
        <source>尚无有效评估</source>
        <translation>no valid valuation yet</translation>
    </message>
    <message>
        <source>已受理质押登记申请 {number}，请在质押登记中审查</source>
        <translation>Pledge application {number} received: examine it under Pledges</translation>
    </message>
    <message>
        <source>成员</source>
        <translation>Members</translation>
    </message>
    <message>
        <source>成员退出…</source>
        <translation>Member leaves…</translation>
    </message>
    <message>
        <source>打包出质…</source>
        <translation>Pledge as package…</translation>
    </message>
    <message>
        <source>新建专利池…</source>
        <translation>New pool…</translation>
    </message>
    <message>
        <source>无法读取专利池：{error}</source>
        <translation>Could not read the pool: {error}</translation>
    </message>
    <message>
        <source>未设</source>
        <translation>not set</translation>
    </message>
    <message>
        <source>许可收入与分配</source>
        <translation>Licence income and distributions</translation>
    </message>
    <message>
        <source>许可收入分配…</source>
        <translation>Distribute income…</translation>
    </message>
</context>
<context>
    <name>PrintDialogs</name>
    <message>
        <source>合并文件：{path}</source>
        <translation>Merged file: {path}</translation>
    </message>
    <message>
        <source>失败：{file}：{reason}</source>
        <translation>Failed: {file}: {reason}</translation>
    </message>
    <message>
        <source>已取消：其余的没有打印；已写好的文件完整保留。</source>
        <translation>Cancelled: the rest were not printed; files already written are complete.</translation>
    </message>
    <message>
        <source>打印通知书</source>
        <translation>Print notice</translation>
    </message>
    <message>
        <source>打印通知书…</source>
        <translation>Print notice…</translation>
    </message>
    <message>
        <source>批量打印…</source>
        <translation>Print in bulk…</translation>
    </message>
    <message>
        <source>批量打印通知书</source>
        <translation>Print notices in bulk</translation>
    </message>
    <message>
        <source>把选中的各件质押的通知书打印到一个文件夹或一个合并的 PDF</source>
        <translation>Print the notices of the selected pledges into a folder or one merged PDF</translation>
    </message>
    <message>
        <source>文件夹：{path}</source>
        <translation>Folder: {path}</translation>
    </message>
    <message>
        <source>无法写入 {path}：{reason}</source>
        <translation>Cannot write {path}: {reason}</translation>
    </message>
    <message>
        <source>正在打印第 {i} / {n} 份…</source>
        <translation>Printing {i} of {n}…</translation>
    </message>
    <message>
        <source>请先在列表中选择要打印的质押（可按住 Ctrl 或 Shift 多选）。</source>
        <translation>First select the pledges to print in the list (hold Ctrl or Shift to select several).</translation>
    </message>
    <message>
        <source>跳过：{reason}</source>
        <translation>Skipped: {reason}</translation>
    </message>
    <message>
        <source>这件质押出具过的通知书：重印、验证、撤销</source>
        <translation>Notices issued for this pledge: reprint, verify, revoke</translation>
    </message>
    <message>
        <source>这件质押还没有可出具的通知书。</source>
        <translation>This pledge has no notice to issue yet.</translation>
    </message>
    <message>
        <source>这是一个文件夹</source>
        <translation>this is a folder</translation>
    </message>
    <message>
        <source>通知书在作出决定后才能出具：准予登记、不予登记、补正通知、变更或延期登记、注销登记。</source>
        <translation>A notice is issued once a decision is made: registration, refusal, correction notice, change or extension, cancellation.</translation>
    </message>
    <message>
        <source>通知书记录…</source>
        <translation>Notices issued…</translation>
    </message>
    <message>
        <source>预览并打印选中质押的通知书（Ctrl+P）</source>
        <translation>Preview and print the selected pledge&apos;s notice (Ctrl+P)</translation>
    </message>
</context>
<context>
    <name>ReasonForm</name>
    <message>
        <source>例如：买受人未付款</source>
        <translation>e.g. the buyer did not pay</translation>
    </message>
    <message>
        <source>撤回上一步：{case}</source>
        <translation>Undo the last step: {case}</translation>
    </message>
    <message>
        <source>撤回理由</source>
        <translation>Reason</translation>
    </message>
</context>
<context>
    <name>RecentChart</name>
    <message>
        <source>近六年质押登记（担保债权数额，万元）</source>
        <translation>Pledges registered in the last six years (secured amount, 10k yuan)</translation>
    </message>
</context>
<context>
    <name>RegisterPage</name>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>{label}：全部</source>
        <translation>{label}: all</translation>
    </message>
    <message>
        <source>{n} 条以上</source>
        <translation>More than {n}</translation>
    </message>
    <message>
        <source>估计的数量：结果很多，精确计数会拖慢查询；往下滚动时按实际行读取</source>
        <translation>An estimate: there are many results and counting them exactly would slow the list down; scrolling reads the actual rows</translation>
    </message>
    <message>
        <source>共 {n} 条</source>
        <translation>Total: {n}</translation>
    </message>
    <message>
        <source>列</source>
        <translation>Columns</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>取消这个筛选条件</source>
        <translation>Remove this filter</translation>
    </message>
    <message>
        <source>复制</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>复制（含表头）</source>
        <translation>Copy with headers</translation>
    </message>
    <message>
        <source>导出</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>导出 Excel</source>
        <translation>Export to Excel</translation>
    </message>
    <message>
        <source>已复制 {n} 行</source>
        <translation>Rows copied: {n}</translation>
    </message>
    <message>
        <source>已导出 {n} 行到 {path}</source>
        <translation>Exported to {path} (rows: {n})</translation>
    </message>
    <message>
        <source>把当前查询的全部结果（不只是当前屏）导出为 Excel</source>
        <translation>Export every result of the current query (not just this screen) to Excel</translation>
    </message>
    <message>
        <source>把选中的行复制为制表符分隔文本（Ctrl+C）</source>
        <translation>Copy the selected rows as tab-separated text (Ctrl+C)</translation>
    </message>
    <message>
        <source>新建</source>
        <translation>New</translation>
    </message>
    <message>
        <source>新建记录（Ctrl+N）</source>
        <translation>New record (Ctrl+N)</translation>
    </message>
    <message>
        <source>显示或隐藏列（拖动表头可调整顺序）</source>
        <translation>Show or hide columns (drag a header to reorder)</translation>
    </message>
    <message>
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <source>约 {n} 条</source>
        <translation>About {n}</translation>
    </message>
    <message>
        <source>结果很多，只计数到这里；请缩小搜索范围</source>
        <translation>Many results: counting stopped here; narrow the search</translation>
    </message>
    <message>
        <source>编辑</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>编辑选中的记录（Enter）</source>
        <translation>Edit the selected record (Enter)</translation>
    </message>
    <message>
        <source>请检查数据库连接后重试。</source>
        <translation>Check the database connection and retry.</translation>
    </message>
    <message>
        <source>这一列不能排序</source>
        <translation>This column cannot be sorted</translation>
    </message>
    <message>
        <source>重新读取（F5）</source>
        <translation>Read again (F5)</translation>
    </message>
    <message>
        <source>重试</source>
        <translation>Retry</translation>
    </message>
    <message>
        <source>（最多复制 {max} 行）</source>
        <translation> (at most {max} rows are copied)</translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <source>退回</source>
        <translation>Return</translation>
    </message>
    <message>
        <source>退回决定</source>
        <translation>Return decision</translation>
    </message>
    <message>
        <source>退回理由 *</source>
        <translation>Reason for returning *</translation>
    </message>
</context>
<context>
    <name>RevokeDialog</name>
    <message>
        <source>例如：登记事项填写错误，已重新出具</source>
        <translation>e.g. the registration details were wrong and a new notice was issued</translation>
    </message>
    <message>
        <source>提交审核</source>
        <translation>Submit for approval</translation>
    </message>
    <message>
        <source>撤销</source>
        <translation>Revoke</translation>
    </message>
    <message>
        <source>撤销后，这份通知书（含已打印的纸件）验证时显示“已撤销”。撤销不能恢复。</source>
        <translation>Once revoked, this notice (including printed copies) verifies as “revoked”. Revocation cannot be undone.</translation>
    </message>
    <message>
        <source>撤销理由 *</source>
        <translation>Reason for revocation *</translation>
    </message>
    <message>
        <source>撤销通知书</source>
        <translation>Revoke notice</translation>
    </message>
</context>
<context>
    <name>RightDetailPane</name>
    <message>
        <source>历史</source>
        <translation>History</translation>
    </message>
    <message>
        <source>已届满</source>
        <translation>Expired</translation>
    </message>
    <message>
        <source>已提起无效宣告</source>
        <translation>Invalidation requested</translation>
    </message>
    <message>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <source>期限</source>
        <translation>Term</translation>
    </message>
    <message>
        <source>未确定</source>
        <translation>Not determined</translation>
    </message>
    <message>
        <source>权利人</source>
        <translation>Owners</translation>
    </message>
    <message>
        <source>权利限制</source>
        <translation>Restrictions</translation>
    </message>
    <message>
        <source>权属纠纷中止</source>
        <translation>Ownership-dispute suspension</translation>
    </message>
    <message>
        <source>法院保全</source>
        <translation>Court preservation</translation>
    </message>
    <message>
        <source>还有 {d} 天</source>
        <translation>{d} days left</translation>
    </message>
    <message>
        <source>还有约 {y} 年 {d} 天</source>
        <translation>about {y} years {d} days left</translation>
    </message>
</context>
<context>
    <name>RightEntry</name>
    <message>
        <source>{kind} {number}，正在查找…</source>
        <translation>{kind} {number}, looking it up…</translation>
    </message>
    <message>
        <source>从申请中移除这项权利</source>
        <translation>Remove this right from the application</translation>
    </message>
    <message>
        <source>如 ZL 201710601862.3、12345678、2023SR0123456</source>
        <translation>e.g. ZL 201710601862.3, 12345678, 2023SR0123456</translation>
    </message>
    <message>
        <source>无法查询登记簿：{error}</source>
        <translation>Cannot read the register: {error}</translation>
    </message>
    <message>
        <source>权利人：</source>
        <translation>Owners: </translation>
    </message>
    <message>
        <source>登记簿中没有 {number}（{kind}），可先登记该权利</source>
        <translation>{number} ({kind}) is not in the register; you can register the right first</translation>
    </message>
    <message>
        <source>登记簿中还没有这项权利：现在录入它，然后继续填写申请</source>
        <translation>This right is not in the register yet: enter it now, then continue with the application</translation>
    </message>
    <message>
        <source>登记该权利…</source>
        <translation>Register this right…</translation>
    </message>
    <message>
        <source>（共有）</source>
        <translation>(co-owned)</translation>
    </message>
</context>
<context>
    <name>RightForm</name>
    <message>
        <source>专利权期限补偿的天数，没有则留空</source>
        <translation>Days of patent term adjustment; leave empty if none</translation>
    </message>
    <message>
        <source>专利绑定的产品（项目式质押）</source>
        <translation>Product the patent is bound to (project-based pledge)</translation>
    </message>
    <message>
        <source>同日申请的发明或实用新型的编号</source>
        <translation>Number of the same-day invention or utility model</translation>
    </message>
    <message>
        <source>商标续展次数，没有则留空</source>
        <translation>Number of trademark renewals; leave empty if none</translation>
    </message>
    <message>
        <source>填写完整后自动计算</source>
        <translation>Computed once the form is complete</translation>
    </message>
    <message>
        <source>如 9, 42（1–45，用逗号或顿号分隔）</source>
        <translation>e.g. 9, 42 (1–45, separated by commas)</translation>
    </message>
    <message>
        <source>如 G06T 7/00</source>
        <translation>e.g. G06T 7/00</translation>
    </message>
    <message>
        <source>如 ZL 201710601862.3、2017106018623、12345678、2023SR0123456</source>
        <translation>e.g. ZL 201710601862.3, 2017106018623, 12345678, 2023SR0123456</translation>
    </message>
    <message>
        <source>届满日（计算）：</source>
        <translation>Expiry (computed):</translation>
    </message>
    <message>
        <source>新建知识产权</source>
        <extracomment>which kinds show which optional field (fields not listed are always shown)</extracomment>
        <translation>New IP right</translation>
    </message>
    <message>
        <source>权利限制：</source>
        <translation>Restrictions:</translation>
    </message>
    <message>
        <source>编辑知识产权</source>
        <translation>Edit IP right</translation>
    </message>
    <message>
        <source>编辑知识产权 {number}</source>
        <translation>Edit IP right {number}</translation>
    </message>
    <message>
        <source>（按编号识别）</source>
        <translation>(from the number)</translation>
    </message>
</context>
<context>
    <name>RightValuationSection</name>
    <message>
        <source>评估</source>
        <translation>Valuation</translation>
    </message>
</context>
<context>
    <name>RightsEditor</name>
    <message>
        <source>再添加一项权利</source>
        <translation>Add another right</translation>
    </message>
    <message>
        <source>再添加一项权利（Ctrl+Shift+N；在权利号中按 Enter 也可以）</source>
        <translation>Add another right (Ctrl+Shift+N, or Enter in a right number)</translation>
    </message>
</context>
<context>
    <name>RightsPage</name>
    <message>
        <source>已保存 {number}</source>
        <translation>Saved {number}</translation>
    </message>
    <message>
        <source>搜索编号（任何写法）、名称或权利人…</source>
        <translation>Search number (any form), title or owner…</translation>
    </message>
    <message>
        <source>有无效/纠纷/保全标记</source>
        <translation>Invalidation / dispute / preservation flagged</translation>
    </message>
    <message>
        <source>权利人：{name}</source>
        <extracomment>builds the page of an area; None when the workstation lacks its service (the window shows &quot;coming&quot;)</extracomment>
        <translation>Owner: {name}</translation>
    </message>
    <message>
        <source>权利限制</source>
        <translation>Restrictions</translation>
    </message>
    <message>
        <source>法律状态</source>
        <translation>Legal status</translation>
    </message>
    <message>
        <source>知识产权</source>
        <translation>IP rights</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
</context>
<context>
    <name>RiskPage</name>
    <message>
        <source>严重 {critical}　警告 {warning}　提示 {info}（共 {n} 条）</source>
        <translation>Critical {critical}  Warning {warning}  Info {info} (total {n})</translation>
    </message>
    <message>
        <source>催收…</source>
        <translation>Collect…</translation>
    </message>
    <message>
        <source>催收：说明催收方式</source>
        <translation>Collect: how repayment is demanded</translation>
    </message>
    <message>
        <source>全部级别</source>
        <translation>All severities</translation>
    </message>
    <message>
        <source>全部预警</source>
        <translation>All signals</translation>
    </message>
    <message>
        <source>叫停…</source>
        <translation>Halt…</translation>
    </message>
    <message>
        <source>叫停：说明理由（将叫停该质押担保的全部未结贷款）</source>
        <translation>Halt: the reason (every open loan the pledge secures is halted)</translation>
    </message>
    <message>
        <source>含已解除</source>
        <translation>Include cleared</translation>
    </message>
    <message>
        <source>启动处置…</source>
        <translation>Open a disposal case…</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>备注…</source>
        <translation>Note…</translation>
    </message>
    <message>
        <source>扫描失败：{error}</source>
        <translation>The scan failed: {error}</translation>
    </message>
    <message>
        <source>正在扫描…</source>
        <translation>Scanning…</translation>
    </message>
    <message>
        <source>立即扫描</source>
        <translation>Scan now</translation>
    </message>
    <message>
        <source>级别</source>
        <translation>Severity</translation>
    </message>
    <message>
        <source>走势区间</source>
        <translation>Chart span</translation>
    </message>
    <message>
        <source>近 12 周</source>
        <translation>Last 12 weeks</translation>
    </message>
    <message>
        <source>近 30 天</source>
        <translation>Last 30 days</translation>
    </message>
    <message>
        <source>预警</source>
        <translation>Signal</translation>
    </message>
    <message>
        <source>风险预警</source>
        <translation>Risk early warning</translation>
    </message>
</context>
<context>
    <name>RiskSection</name>
    <message>
        <source>没有未解除的预警</source>
        <translation>No open signals</translation>
    </message>
    <message>
        <source>风险预警</source>
        <translation>Risk early warning</translation>
    </message>
</context>
<context>
    <name>ScoreSheetForm</name>
    <message>
        <source>{degree}：{value}（权重 {weight}）</source>
        <translation>{degree}: {value} (weight {weight})</translation>
    </message>
    <message>
        <source>{value} 元，基准日 {date}</source>
        <translation>{value} yuan, value date {date}</translation>
    </message>
    <message>
        <source>专利价值度：{value}　（权重自 {date} 起生效）</source>
        <translation>Patent value degree: {value}   (weights in force from {date})</translation>
    </message>
    <message>
        <source>价值分析评分</source>
        <translation>Value-analysis score sheet</translation>
    </message>
    <message>
        <source>关联评估</source>
        <translation>Goes with valuation</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>按该日生效的权重计算；不能晚于今天</source>
        <translation>Scored with the weights in force on this day; not after today</translation>
    </message>
    <message>
        <source>评估权利</source>
        <translation>Right</translation>
    </message>
    <message>
        <source>评分日期</source>
        <translation>Scoring date</translation>
    </message>
    <message>
        <source>（不关联评估记录）</source>
        <translation>(no valuation)</translation>
    </message>
</context>
<context>
    <name>SearchBar</name>
    <message>
        <source>搜索…</source>
        <translation>Search…</translation>
    </message>
</context>
<context>
    <name>SearchPage</name>
    <message>
        <source>18 位代码</source>
        <translation>18-character code</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>出质人</source>
        <translation>Pledgor</translation>
    </message>
    <message>
        <source>出质人或质权人名称…</source>
        <translation>Pledgor or pledgee name…</translation>
    </message>
    <message>
        <source>如 ZL 201710601862.3</source>
        <translation>e.g. ZL 201710601862.3</translation>
    </message>
    <message>
        <source>导出 Excel</source>
        <translation>Export to Excel</translation>
    </message>
    <message>
        <source>导出 Excel…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <source>已出具查询证明 {serial}</source>
        <translation>Search certificate {serial} issued</translation>
    </message>
    <message>
        <source>已导出 {n} 条到 {path}</source>
        <translation>Exported to {path} (records: {n})</translation>
    </message>
    <message>
        <source>已注销</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>忽略“有限公司/股份有限公司”等后缀、全角半角和繁简差异；不勾选则名称须完全一致</source>
        <translation>Ignore suffixes such as “Co., Ltd.”, full-/half-width and traditional/simplified differences; unticked, the name must match exactly</translation>
    </message>
    <message>
        <source>截至日期</source>
        <translation>As of</translation>
    </message>
    <message>
        <source>打印查询证明</source>
        <translation>Print search certificate</translation>
    </message>
    <message>
        <source>打印查询证明…</source>
        <translation>Print search certificate…</translation>
    </message>
    <message>
        <source>把全部查询结果（不只是当前屏）导出为 Excel</source>
        <translation>Export all results (not just this screen) to Excel</translation>
    </message>
    <message>
        <source>按 {date} 当日结束时的登记簿显示：之后的登记和注销不计</source>
        <translation>Showing the register at the end of {date}: later registrations and cancellations do not count</translation>
    </message>
    <message>
        <source>按当前查询条件出具带签名二维码的查询证明，并预览</source>
        <translation>Issue a search certificate with a signed QR code for the current criteria, and preview it</translation>
    </message>
    <message>
        <source>按这一天结束时的登记簿查询：之后的登记和注销不计</source>
        <translation>Search the register as it stood at the end of this day: later registrations and cancellations do not count</translation>
    </message>
    <message>
        <source>无法写入 {path}：{reason}</source>
        <translation>Cannot write {path}: {reason}</translation>
    </message>
    <message>
        <source>有效</source>
        <translation>In force</translation>
    </message>
    <message>
        <source>权利号</source>
        <translation>Right number</translation>
    </message>
    <message>
        <source>查询</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>查询条件有误，没有查询：{problems}</source>
        <translation>The criteria have problems; nothing was searched: {problems}</translation>
    </message>
    <message>
        <source>正在导出查询结果…</source>
        <translation>Exporting the results…</translation>
    </message>
    <message>
        <source>清空条件</source>
        <translation>Clear criteria</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>登记号</source>
        <translation>Registration no.</translation>
    </message>
    <message>
        <source>登记查询</source>
        <extracomment>the filters this page owns (the combos &quot;role&quot; and &quot;status&quot; belong to RegisterPage)</extracomment>
        <translation>Register search</translation>
    </message>
    <message>
        <source>登记生效日</source>
        <translation>Effective date</translation>
    </message>
    <message>
        <source>结束日期不能早于开始日期</source>
        <translation>The end date may not be before the start date</translation>
    </message>
    <message>
        <source>统一社会信用代码</source>
        <translation>USCC</translation>
    </message>
    <message>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <source>质押登记查询.xlsx</source>
        <translation>pledge-register-search.xlsx</translation>
    </message>
    <message>
        <source>质权人</source>
        <translation>Pledgee</translation>
    </message>
    <message>
        <source>身份</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>近似名称</source>
        <translation>Similar names</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>共享数据库地址：</source>
        <translation>Shared database URL:</translation>
    </message>
    <message>
        <source>已保存</source>
        <translation>Saved</translation>
    </message>
    <message>
        <source>应用</source>
        <translation>Apply</translation>
    </message>
    <message>
        <source>当前数据库：</source>
        <translation>Current database:</translation>
    </message>
    <message>
        <source>数据库</source>
        <translation>Database</translation>
    </message>
    <message>
        <source>数据目录：</source>
        <translation>Data folder:</translation>
    </message>
    <message>
        <source>文件位置</source>
        <translation>File locations</translation>
    </message>
    <message>
        <source>日志文件：</source>
        <translation>Log file:</translation>
    </message>
    <message>
        <source>本机</source>
        <translation>This workstation</translation>
    </message>
    <message>
        <source>每页读取行数：</source>
        <translation>Rows per fetch:</translation>
    </message>
    <message>
        <source>界面</source>
        <translation>Interface</translation>
    </message>
    <message>
        <source>界面语言：</source>
        <translation>Interface language:</translation>
    </message>
    <message>
        <source>留空则使用本机内置的 SQLite 数据库。修改在下次启动时生效；环境变量 IPDESK_DATABASE_URL 或命令行 --database 优先。</source>
        <translation>Leave empty to use the built-in SQLite database on this machine. Changes apply at the next start; the IPDESK_DATABASE_URL environment variable or the --database option take precedence.</translation>
    </message>
    <message>
        <source>登记机关</source>
        <translation>Office</translation>
    </message>
    <message>
        <source>签章密钥</source>
        <translation>Signing key</translation>
    </message>
    <message>
        <source>节假日与调休</source>
        <translation>Holidays</translation>
    </message>
    <message>
        <source>表格每次从数据库读取的行数；打开页面后生效</source>
        <translation>Rows a table reads from the database at a time; applies to pages opened afterwards</translation>
    </message>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>设置文件：</source>
        <translation>Settings file:</translation>
    </message>
</context>
<context>
    <name>SettlementModel</name>
    <message>
        <source>未受偿（债务人仍应清偿）</source>
        <translation>Unpaid (the debtor still owes)</translation>
    </message>
    <message>
        <source>返还出质人的余额</source>
        <translation>Surplus returned to the pledgor</translation>
    </message>
</context>
<context>
    <name>SignalsChart</name>
    <message>
        <source>未解除预警走势</source>
        <translation>Open signals over time</translation>
    </message>
</context>
<context>
    <name>SigningKeyPanel</name>
    <message>
        <source>PEM 公钥 (*.pem)</source>
        <translation>PEM public keys (*.pem)</translation>
    </message>
    <message>
        <source>PEM 公钥 (*.pem);;所有文件 (*)</source>
        <translation>PEM public keys (*.pem);;All files (*)</translation>
    </message>
    <message>
        <source>例如：江苏省知识产权局</source>
        <translation>e.g. 江苏省知识产权局</translation>
    </message>
    <message>
        <source>出具机关名称：</source>
        <translation>Issuing office:</translation>
    </message>
    <message>
        <source>失败：{reason}</source>
        <translation>Failed: {reason}</translation>
    </message>
    <message>
        <source>密钥编号：</source>
        <translation>Key id:</translation>
    </message>
    <message>
        <source>导入受信任的公钥</source>
        <translation>Import a trusted public key</translation>
    </message>
    <message>
        <source>导入后，用该公钥签名的通知书核验为“真实有效”。只有管理员可以导入；操作记入审计日志。</source>
        <translation>Once imported, notices signed with that key verify as genuine. Only an administrator can import keys; each import is recorded in the audit log.</translation>
    </message>
    <message>
        <source>导出公钥</source>
        <translation>Export public key</translation>
    </message>
    <message>
        <source>导出公钥…</source>
        <translation>Export public key…</translation>
    </message>
    <message>
        <source>已信任公钥 {key_id}（{label}）</source>
        <translation>Trusted public key {key_id} ({label})</translation>
    </message>
    <message>
        <source>已导出公钥 {key_id} 到 {path}</source>
        <translation>Exported public key {key_id} to {path}</translation>
    </message>
    <message>
        <source>本机登记机关签章密钥</source>
        <translation>This office&apos;s signing key</translation>
    </message>
    <message>
        <source>核验对方出具的通知书时显示的出具机关名称</source>
        <translation>The issuing office shown when its notices are verified</translation>
    </message>
    <message>
        <source>请填写出具机关名称，核验时显示</source>
        <translation>Enter the issuing office&apos;s name (shown when verifying)</translation>
    </message>
    <message>
        <source>选择公钥文件并导入…</source>
        <translation>Choose a public key file and import…</translation>
    </message>
    <message>
        <source>通知书和查询证明用这把 Ed25519 私钥签名，私钥只保存在本机数据目录中。把公钥（PEM 文件）交给需要核验本机通知书的其他登记机关或工作站，对方导入后即可核验。</source>
        <translation>Notices and search certificates are signed with this Ed25519 private key, which stays in this workstation&apos;s data folder. Give the public key (a PEM file) to other offices or workstations that need to verify this office&apos;s notices; once they import it, they can.</translation>
    </message>
</context>
<context>
    <name>StatisticsPage</name>
    <message>
        <source>Excel 文件 (*.xlsx);;CSV 文件 (*.csv)</source>
        <translation>Excel files (*.xlsx);;CSV files (*.csv)</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>PNG 图片 (*.png)</source>
        <translation>PNG images (*.png)</translation>
    </message>
    <message>
        <source>万元</source>
        <translation>10k yuan</translation>
    </message>
    <message>
        <source>不限</source>
        <translation>Any</translation>
    </message>
    <message>
        <source>亿元</source>
        <translation>100m yuan</translation>
    </message>
    <message>
        <source>从</source>
        <translation>From</translation>
    </message>
    <message>
        <source>保存图表</source>
        <translation>Save chart</translation>
    </message>
    <message>
        <source>保存图表…</source>
        <translation>Save chart…</translation>
    </message>
    <message>
        <source>元</source>
        <translation>yuan</translation>
    </message>
    <message>
        <source>到</source>
        <translation>to</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>办结用时</source>
        <translation>Time to decision</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>地区</source>
        <translation>Regions</translation>
    </message>
    <message>
        <source>处置结果</source>
        <translation>Disposal outcomes</translation>
    </message>
    <message>
        <source>导出 Excel…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <source>导出 PDF 报告…</source>
        <translation>Export PDF report…</translation>
    </message>
    <message>
        <source>导出统计报告</source>
        <translation>Export the statistics report</translation>
    </message>
    <message>
        <source>导出统计表</source>
        <translation>Export the statistics</translation>
    </message>
    <message>
        <source>已导出 {n} 行</source>
        <translation>Rows exported: {n}</translation>
    </message>
    <message>
        <source>已导出统计报告</source>
        <translation>Statistics report exported</translation>
    </message>
    <message>
        <source>已登记质押 {n} 笔，担保债权数额合计 {amount} {unit}</source>
        <translation>Registered pledges: {n}; secured amount in total {amount} ({unit})</translation>
    </message>
    <message>
        <source>年份与类别</source>
        <translation>Year and family</translation>
    </message>
    <message>
        <source>截止年份</source>
        <translation>Last year</translation>
    </message>
    <message>
        <source>按月份</source>
        <translation>By month</translation>
    </message>
    <message>
        <source>无法保存图表：{path}</source>
        <translation>Cannot save the chart: {path}</translation>
    </message>
    <message>
        <source>无法统计：{error}</source>
        <translation>Cannot compute the statistics: {error}</translation>
    </message>
    <message>
        <source>权利种类</source>
        <translation>Kinds of right</translation>
    </message>
    <message>
        <source>正在统计…</source>
        <translation>Computing…</translation>
    </message>
    <message>
        <source>统计图表.png</source>
        <translation>statistics-chart.png</translation>
    </message>
    <message>
        <source>统计已登记的质押（含此后注销的，计入登记当年）；不予登记、撤回和审查中的申请不计入。一笔质押含多类权利的计入“混合”，合计中只计一次。</source>
        <translation>Counted are registered pledges (a pledge cancelled later counts in the year it was registered); refused, withdrawn and pending applications never count. A pledge of rights of several families counts once, under Mixed.</translation>
    </message>
    <message>
        <source>统计：知识产权质押融资</source>
        <translation>Statistics: IP pledge financing</translation>
    </message>
    <message>
        <source>质押中权利</source>
        <translation>Rights pledged</translation>
    </message>
    <message>
        <source>质押融资统计.pdf</source>
        <translation>pledge-statistics.pdf</translation>
    </message>
    <message>
        <source>质押融资统计.xlsx</source>
        <translation>pledge-statistics.xlsx</translation>
    </message>
    <message>
        <source>质权人</source>
        <translation>Pledgees</translation>
    </message>
    <message>
        <source>起始年份</source>
        <translation>First year</translation>
    </message>
    <message>
        <source>起始年份不能晚于截止年份。</source>
        <translation>The first year must not be after the last.</translation>
    </message>
    <message>
        <source>金额单位</source>
        <translation>Unit of amounts</translation>
    </message>
    <message>
        <source>风险信号</source>
        <translation>Risk signals</translation>
    </message>
</context>
<context>
    <name>ValuationForm</name>
    <message>
        <source>一项或多项权利的编号，用逗号或顿号分隔（多项为打包评估）</source>
        <translation>One or more right numbers separated by commas (several: a package valuation)</translation>
    </message>
    <message>
        <source>处置时快速变现的价值（元），不高于评估价值</source>
        <translation>The value of a quick sale in disposal (yuan), not above the value</translation>
    </message>
    <message>
        <source>新增评估</source>
        <translation>New valuation</translation>
    </message>
    <message>
        <source>留空：按设置自基准日起计算</source>
        <translation>Empty: from the value date as the settings say</translation>
    </message>
    <message>
        <source>评估报告载明的评估价值（元）</source>
        <translation>The value stated in the valuation report (yuan)</translation>
    </message>
    <message>
        <source>评估机构名称或统一社会信用代码</source>
        <translation>Evaluator&apos;s name or USCC</translation>
    </message>
</context>
<context>
    <name>ValuationHistoryModel</name>
    <message>
        <source>已被替代</source>
        <translation>Superseded</translation>
    </message>
    <message>
        <source>已过期</source>
        <translation>Expired</translation>
    </message>
    <message>
        <source>当前</source>
        <translation>Current</translation>
    </message>
    <message>
        <source>未生效</source>
        <translation>Not yet in force</translation>
    </message>
    <message>
        <source>评估报告：{no}</source>
        <translation>Valuation report: {no}</translation>
    </message>
</context>
<context>
    <name>ValuationSettingsForm</name>
    <message>
        <source> 个月</source>
        <translation> months</translation>
    </message>
    <message>
        <source>保存评估设置</source>
        <translation>Save valuation settings</translation>
    </message>
    <message>
        <source>保存（Ctrl+S）；所有工作站立即使用新设置</source>
        <translation>Save (Ctrl+S); every workstation uses the new settings at once</translation>
    </message>
    <message>
        <source>参考（DOMAIN §12）：发明专利 25%–50%，实用新型 15%–30%，商标不超过 50%；没有全国统一标准，请按本机关合作银行的做法填写。修改后质押详情中的质押率提示立即按新上限计算。</source>
        <translation>For reference (DOMAIN §12): invention 25–50%, utility model 15–30%, trademark up to 50%; there is no national standard, so follow the practice of the office's banks. The pledge detail's LTV warning uses a new cap at once.</translation>
    </message>
    <message>
        <source>只有管理员可以修改评估设置。</source>
        <translation>Only an administrator may change the valuation settings.</translation>
    </message>
    <message>
        <source>已保存。新的评估和质押率提示使用这些设置。</source>
        <translation>Saved. New valuations and LTV warnings use these settings.</translation>
    </message>
    <message>
        <source>已恢复为保存的设置</source>
        <translation>Reverted to the saved settings</translation>
    </message>
    <message>
        <source>担保金额除以当前评估价值不得超过的百分比，最多两位小数</source>
        <translation>The percentage the secured amount divided by the current value must not exceed, at most 2 decimals</translation>
    </message>
    <message>
        <source>撤销修改</source>
        <translation>Revert</translation>
    </message>
    <message>
        <source>有未保存的修改</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <source>期限余量：</source>
        <translation>Term buffer:</translation>
    </message>
    <message>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>没有保存。</source>
        <translation>Not saved.</translation>
    </message>
    <message>
        <source>设置有误，没有保存。</source>
        <translation>The settings have problems; nothing was saved.</translation>
    </message>
    <message>
        <source>评估与质押率</source>
        <translation>Valuation and LTV</translation>
    </message>
    <message>
        <source>评估报告未写明有效期时，自评估基准日起有效的月数（1–120，默认 12 个月即一年）</source>
        <translation>Months a valuation holds from its value date when the report names no end (1–120; default 12, one year)</translation>
    </message>
    <message>
        <source>评估有效期与期限余量</source>
        <translation>Validity and term buffer</translation>
    </message>
    <message>
        <source>评估有效期：</source>
        <translation>Valuation validity:</translation>
    </message>
    <message>
        <source>质押权利的期限届满日须晚于债务履行期限加上这些月数，否则提示（0–240）</source>
        <translation>A pledged right must expire later than the performance deadline plus these months, else a warning (0–240)</translation>
    </message>
    <message>
        <source>质押率上限（占评估价值的百分比）</source>
        <translation>Loan-to-value caps (percent of the assessed value)</translation>
    </message>
    <message>
        <source>还有 {n} 处问题需要修改，修改后才能保存（没有写入任何设置）：</source>
        <translation>{n} problem(s) to fix before saving (nothing was written):</translation>
    </message>
</context>
<context>
    <name>ValuationView</name>
    <message>
        <source>{value} 元（{method}，基准日 {date}，有效期至 {until}）</source>
        <translation>{value} yuan ({method}, value date {date}, valid until {until})</translation>
    </message>
    <message>
        <source>价值分析评分…</source>
        <translation>Score value analysis…</translation>
    </message>
    <message>
        <source>价值度 {value}（{degrees}；{date} 评分）</source>
        <translation>Value degree {value} ({degrees}; scored {date})</translation>
    </message>
    <message>
        <source>当前评估：</source>
        <translation>Current valuation: </translation>
    </message>
    <message>
        <source>快速变现价值：{value} 元</source>
        <translation>Forced-sale value: {value} yuan</translation>
    </message>
    <message>
        <source>按法律、技术、经济三项价值度的各项指标评分，得出专利价值度</source>
        <translation>Score every sub-indicator of the legal, technical and economic degrees to get the patent value degree</translation>
    </message>
    <message>
        <source>新增评估…</source>
        <translation>New valuation…</translation>
    </message>
    <message>
        <source>没有评估记录</source>
        <translation>No valuation on record</translation>
    </message>
    <message>
        <source>记录一次评估或重新评估（历史保留）</source>
        <translation>Record a valuation or a revaluation (the history stays)</translation>
    </message>
    <message>
        <source>评估已于 {date} 过期，请重新评估</source>
        <translation>The valuation expired on {date}; revalue</translation>
    </message>
</context>
<context>
    <name>VerifyDialog</name>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>二维码内容，以 IPD1| 开头</source>
        <translation>QR code content, starting with IPD1|</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>内容已被篡改</source>
        <translation>Content has been altered</translation>
    </message>
    <message>
        <source>已撤销</source>
        <translation>Revoked</translation>
    </message>
    <message>
        <source>打开 PDF…</source>
        <translation>Open PDF…</translation>
    </message>
    <message>
        <source>打开通知书 PDF</source>
        <translation>Open notice PDF</translation>
    </message>
    <message>
        <source>扫描通知书上的二维码，或粘贴二维码内容后按回车；也可以打开或拖入通知书的 PDF 文件。验证在本机完成，不需要联网。</source>
        <translation>Scan the QR code on the notice, or paste its content and press Enter; you can also open or drop the notice&apos;s PDF file. Verification happens on this machine, no network needed.</translation>
    </message>
    <message>
        <source>无法识别</source>
        <translation>Not recognised</translation>
    </message>
    <message>
        <source>无法读取：{error}</source>
        <translation>Cannot read: {error}</translation>
    </message>
    <message>
        <source>来源：{file}</source>
        <translation>Source: {file}</translation>
    </message>
    <message>
        <source>来源：二维码内容</source>
        <translation>Source: QR code content</translation>
    </message>
    <message>
        <source>正在验证…</source>
        <translation>Verifying…</translation>
    </message>
    <message>
        <source>登记簿中的记录（请与纸件逐项核对）：</source>
        <translation>What the register records (compare item by item with the paper):</translation>
    </message>
    <message>
        <source>真实有效</source>
        <extracomment>status → (symbol, background, foreground, border)</extracomment>
        <translation>Authentic and valid</translation>
    </message>
    <message>
        <source>等待扫描或粘贴二维码内容</source>
        <translation>Waiting for a scanned or pasted QR code</translation>
    </message>
    <message>
        <source>编号：{serial}</source>
        <translation>Serial no.: {serial}</translation>
    </message>
    <message>
        <source>请先扫描或粘贴二维码内容</source>
        <translation>Scan or paste the QR code content first</translation>
    </message>
    <message>
        <source>验证</source>
        <translation>Verify</translation>
    </message>
    <message>
        <source>验证通知书</source>
        <translation>Verify notice</translation>
    </message>
</context>
<context>
    <name>WaiverDialog</name>
    <message>
        <source>事由：</source>
        <translation>Ground:</translation>
    </message>
    <message>
        <source>如：双方已知悉该专利已被提起无效宣告请求，仍要求办理质押登记。</source>
        <translation>e.g. Both parties know an invalidation request was filed against the patent and still ask for the pledge registration.</translation>
    </message>
    <message>
        <source>当事人声明 *</source>
        <translation>Parties&apos; declaration *</translation>
    </message>
    <message>
        <source>记录当事人声明（{code}）</source>
        <translation>Record the parties&apos; declaration ({code})</translation>
    </message>
</context>
<context>
    <name>WorkbenchPage</name>
    <message>
        <source>2 个工作日内到期</source>
        <translation>Due within 2 working days</translation>
    </message>
    <message>
        <source>{date}&#x3000;待办 {n} 件</source>
        <translation>{date} · {n} open</translation>
    </message>
    <message>
        <source>严重风险预警</source>
        <translation>Critical risk signals</translation>
    </message>
    <message>
        <source>今天到期的申请</source>
        <translation>Applications due today</translation>
    </message>
    <message>
        <source>今日截止的拍卖</source>
        <translation>Auctions closing today</translation>
    </message>
    <message>
        <source>他人提交、等待你确认或退回的决定</source>
        <translation>Decisions others prepared, waiting for you to confirm or return</translation>
    </message>
    <message>
        <source>全部待办申请</source>
        <translation>All open applications</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>处置中的案件</source>
        <translation>Disposal cases open</translation>
    </message>
    <message>
        <source>工作台</source>
        <extracomment>tile key → (filters for the pledges list, tone)</extracomment>
        <translation>Workbench</translation>
    </message>
    <message>
        <source>已逾期的申请</source>
        <translation>Overdue applications</translation>
    </message>
    <message>
        <source>待办申请（按剩余工作日排列，双击打开）</source>
        <translation>Open applications (by working days left; double-click to open)</translation>
    </message>
    <message>
        <source>待审核的决定</source>
        <translation>Decisions awaiting approval</translation>
    </message>
    <message>
        <source>待补正（等待材料）</source>
        <translation>Awaiting correction (documents)</translation>
    </message>
    <message>
        <source>打开处置案件</source>
        <translation>Open the disposal cases</translation>
    </message>
    <message>
        <source>打开托管清单</source>
        <translation>Open the custody worklist</translation>
    </message>
    <message>
        <source>打开流转市场</source>
        <translation>Open the marketplace</translation>
    </message>
    <message>
        <source>打开质押登记列表，只显示这些申请</source>
        <translation>Open the pledge list showing only these applications</translation>
    </message>
    <message>
        <source>无法读取待办事项：{error}</source>
        <translation>Cannot read the to-do list: {error}</translation>
    </message>
    <message>
        <source>显示下方的逾期贷款列表</source>
        <translation>Show the overdue loans below</translation>
    </message>
    <message>
        <source>本周到期的托管年费</source>
        <translation>Custody fees due this week</translation>
    </message>
    <message>
        <source>本月到期的保险保障</source>
        <translation>Insurance cover ending this month</translation>
    </message>
    <message>
        <source>正在读取…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>没有待办的申请。</source>
        <translation>No open applications.</translation>
    </message>
    <message>
        <source>逾期贷款</source>
        <translation>Overdue loans</translation>
    </message>
    <message>
        <source>逾期贷款（按逾期天数排列，双击打开所担保的质押）</source>
        <translation>Overdue loans (most days overdue first; double-click opens the pledge)</translation>
    </message>
    <message>
        <source>金额以万元显示</source>
        <translation>Amounts in 10k yuan</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>ipdesk 无法打开数据库 {db}。</source>
        <translation>ipdesk cannot open the database {db}.</translation>
    </message>
    <message>
        <source>原因：{reason}

请检查数据库服务器是否运行、地址和密码是否正确；如需改用本机数据库，请清除 IPDESK_DATABASE_URL 或设置中的共享数据库地址。</source>
        <translation>Reason: {reason}

Check that the database server is running and that the URL and password are right. To use the local database instead, clear IPDESK_DATABASE_URL or the shared database URL in the settings.</translation>
    </message>
    <message>
        <source>当前数据库中还没有任何知识产权或当事人。
要载入一套演示数据（{n} 件权利及相关当事人）吗？

演示数据可用于熟悉操作；正式使用请使用单独的数据库。</source>
        <translation>The database holds no IP rights or parties yet.
Load a demo data set ({n} rights and their parties)?

Demo data is for getting to know ipdesk; use a separate database for real work.</translation>
    </message>
    <message>
        <source>数据库是空的</source>
        <translation>The database is empty</translation>
    </message>
    <message>
        <source>无法打开数据库</source>
        <translation>Cannot open the database</translation>
    </message>
    <message>
        <source>正在载入演示数据…</source>
        <translation>Loading demo data…</translation>
    </message>
    <message>
        <source>演示数据已载入</source>
        <translation>Demo data loaded</translation>
    </message>
    <message>
        <source>载入演示数据</source>
        <translation>Load demo data</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>操作被拒绝，数据没有改变：</source>
        <translation>The operation was refused; no data was changed:</translation>
    </message>
    <message>
        <source>无法完成操作</source>
        <translation>The operation could not be completed</translation>
    </message>
</context>
<context>
    <name>history</name>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
</context>
<context>
    <name>import</name>
    <message>
        <source>导入当事人</source>
        <translation>Import parties</translation>
    </message>
    <message>
        <source>导入知识产权</source>
        <translation>Import IP rights</translation>
    </message>
    <message>
        <source>正在写入 {file}：第 {i} / {n} 行（每秒 {rate} 行）</source>
        <translation>Writing {file}: row {i} of {n} ({rate} rows/s)</translation>
    </message>
    <message>
        <source>正在检查 {file}：第 {i} / {n} 行（每秒 {rate} 行）</source>
        <translation>Checking {file}: row {i} of {n} ({rate} rows/s)</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>确定</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>ops</name>
    <message>
        <source>签发密钥口令</source>
        <translation>Signing key passphrase</translation>
    </message>
    <message>
        <source>请输入签发密钥的口令：</source>
        <translation>Enter the signing key's passphrase:</translation>
    </message>
</context>
<context>
    <name>signin</name>
    <message>
        <source>ipdesk 已锁定</source>
        <translation>ipdesk is locked</translation>
    </message>
    <message>
        <source>ipdesk 已锁定（长时间无操作）。请输入 {name} 的密码继续，未保存的内容仍在。</source>
        <extracomment>what counts as someone at the desk</extracomment>
        <translation>ipdesk is locked (no activity for a while). Enter the password of {name} to go on; nothing unsaved was lost.</translation>
    </message>
    <message>
        <source>两次输入的密码不一致，请重新输入。</source>
        <translation>The two passwords differ; please type them again.</translation>
    </message>
    <message>
        <source>再次输入密码：</source>
        <translation>Password again:</translation>
    </message>
    <message>
        <source>创建第一个管理员</source>
        <translation>Create the first administrator</translation>
    </message>
    <message>
        <source>密码：</source>
        <translation>Password:</translation>
    </message>
    <message>
        <source>数据库中还没有用户。请创建第一个管理员账户：管理员管理用户和设置。</source>
        <translation>The database has no users yet. Create the first administrator account: administrators manage users and settings.</translation>
    </message>
    <message>
        <source>无法登录：{error}</source>
        <translation>Cannot sign in: {error}</translation>
    </message>
    <message>
        <source>正在验证…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>注销</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <source>用户 {name} 的密码由管理员设置，请先设置您自己的新密码。</source>
        <translation>The password of user {name} was set by an administrator; please set your own new password first.</translation>
    </message>
    <message>
        <source>用户名：</source>
        <translation>User name:</translation>
    </message>
    <message>
        <source>登录 ipdesk</source>
        <translation>Sign in to ipdesk</translation>
    </message>
    <message>
        <source>设置新密码</source>
        <translation>Set a new password</translation>
    </message>
    <message>
        <source>请输入用户名和密码。</source>
        <translation>Enter your user name and password.</translation>
    </message>
</context>
<context>
    <name>tasks</name>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>正在取消…</source>
        <translation>Cancelling…</translation>
    </message>
</context>
</TS>
