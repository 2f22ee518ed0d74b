<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
    <context>
        <name />
        <message>
            <source>The database cannot be opened</source>
            <translation>无法打开数据库</translation>
        </message>
        <message>
            <source>Adjuster could not open the profile in {folder}.</source>
            <translation>Adjuster 无法打开 {folder} 中的配置。</translation>
        </message>
        <message>
            <source>Nothing was changed. You can choose another profile folder (an empty folder starts a new profile), or quit and restore a backup.</source>
            <translation>未做任何修改。您可以选择其他配置文件夹（空文件夹将新建配置），或退出并恢复备份。</translation>
        </message>
        <message>
            <source>Choose another profile…</source>
            <translation>选择其他配置…</translation>
        </message>
        <message>
            <source>Choose a profile folder</source>
            <translation>选择配置文件夹</translation>
        </message>
        <message>
            <source>New case</source>
            <translation>新建案件</translation>
        </message>
        <message>
            <source>e.g. CLM-2026-0001</source>
            <translation>例如 CLM-2026-0001</translation>
        </message>
        <message>
            <source>Claim no.</source>
            <translation>赔案号</translation>
        </message>
        <message>
            <source>Insured name</source>
            <translation>被保险人名称</translation>
        </message>
        <message>
            <source>Policy no.</source>
            <translation>保单号</translation>
        </message>
        <message>
            <source>a case with this claim number already exists</source>
            <translation>已存在相同赔案号的案件</translation>
        </message>
        <message>
            <source>New visit</source>
            <translation>新建查勘</translation>
        </message>
        <message>
            <source>Choose a site or type a new site name</source>
            <translation>选择现场或输入新现场名称</translation>
        </message>
        <message>
            <source>Site</source>
            <translation>现场</translation>
        </message>
        <message>
            <source>Address (new site)</source>
            <translation>地址（新现场）</translation>
        </message>
        <message>
            <source>Checklist</source>
            <translation>检查表</translation>
        </message>
        <message>
            <source>Visit date</source>
            <translation>查勘日期</translation>
        </message>
        <message>
            <source>Please choose a checklist.</source>
            <translation>请选择检查表。</translation>
        </message>
        <message>
            <source>Settings</source>
            <translation>设置</translation>
        </message>
        <message>
            <source>Browse…</source>
            <translation>浏览…</translation>
        </message>
        <message>
            <source>User</source>
            <translation>用户</translation>
        </message>
        <message>
            <source>Your name</source>
            <translation>您的姓名</translation>
        </message>
        <message>
            <source>Recorded as the author of every change and printed on reports.</source>
            <translation>将作为每次修改的操作人记录，并打印在报告上。</translation>
        </message>
        <message>
            <source>Please enter your name.</source>
            <translation>请输入您的姓名。</translation>
        </message>
        <message>
            <source>Company</source>
            <translation>公司</translation>
        </message>
        <message>
            <source>Company name</source>
            <translation>公司名称</translation>
        </message>
        <message>
            <source>Logo (PNG or JPEG)</source>
            <translation>标志（PNG 或 JPEG）</translation>
        </message>
        <message>
            <source>Choose a logo</source>
            <translation>选择标志</translation>
        </message>
        <message>
            <source>Images (*.png *.jpg *.jpeg)</source>
            <translation>图片 (*.png *.jpg *.jpeg)</translation>
        </message>
        <message>
            <source>The logo file does not exist.</source>
            <translation>标志文件不存在。</translation>
        </message>
        <message>
            <source>The logo must be a PNG or JPEG file.</source>
            <translation>标志必须是 PNG 或 JPEG 文件。</translation>
        </message>
        <message>
            <source>Reports</source>
            <translation>报告</translation>
        </message>
        <message>
            <source>Chinese</source>
            <extracomment>``generate(case_id, lang, progress, token) -&gt; Report`` record (with ``path``), set by the editor.</extracomment>
            <translation>中文</translation>
        </message>
        <message>
            <source>English</source>
            <translation>英文</translation>
        </message>
        <message>
            <source>Bilingual</source>
            <translation>中英双语</translation>
        </message>
        <message>
            <source>Default report language</source>
            <translation>默认报告语言</translation>
        </message>
        <message>
            <source>Photos per page</source>
            <translation>每页照片数</translation>
        </message>
        <message>
            <source>Data</source>
            <translation>数据</translation>
        </message>
        <message>
            <source>Data directory</source>
            <translation>数据目录</translation>
        </message>
        <message>
            <source>Database, photos and reports live here. A change takes effect at the next start; files are not moved.</source>
            <translation>数据库、照片和报告保存在此。修改在下次启动时生效，文件不会被移动。</translation>
        </message>
        <message>
            <source>Choose the data directory</source>
            <translation>选择数据目录</translation>
        </message>
        <message>
            <source>Please choose a folder.</source>
            <translation>请选择文件夹。</translation>
        </message>
        <message>
            <source>This is a file, not a folder.</source>
            <translation>这是文件，不是文件夹。</translation>
        </message>
        <message>
            <source>Interface</source>
            <translation>界面</translation>
        </message>
        <message>
            <source>Language of the interface</source>
            <translation>界面语言</translation>
        </message>
        <message>
            <source>Insured</source>
            <translation>被保险人</translation>
        </message>
        <message>
            <source>Adjuster</source>
            <translation>公估人</translation>
        </message>
        <message>
            <source>Engineer</source>
            <translation>风险工程师</translation>
        </message>
        <message>
            <source>Reviewer</source>
            <translation>审核人</translation>
        </message>
        <message>
            <source>Site contact</source>
            <translation>现场联系人</translation>
        </message>
        <message>
            <source>Signature</source>
            <translation>签名</translation>
        </message>
        <message>
            <source>{} — {}</source>
            <translation>{} — {}</translation>
        </message>
        <message>
            <source>Sign inside the box with a mouse, pen or finger.</source>
            <translation>请用鼠标、手写笔或手指在框内签名。</translation>
        </message>
        <message>
            <source>Clear</source>
            <translation>清除</translation>
        </message>
        <message>
            <source>Undo stroke</source>
            <translation>撤销笔画</translation>
        </message>
        <message>
            <source>Sign</source>
            <translation>签名确认</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <source>The signature was not saved: {}</source>
            <translation>签名未保存：{}</translation>
        </message>
        <message>
            <source>Welcome to Adjuster</source>
            <translation>欢迎使用 Adjuster</translation>
        </message>
        <message>
            <source>Loss adjusting and risk inspections, offline first. Your data stays in this profile folder:</source>
            <translation>查勘定损与防灾防损，离线优先。您的数据保存在此配置文件夹中：</translation>
        </message>
        <message>
            <source>Start with demo data</source>
            <translation>使用演示数据开始</translation>
        </message>
        <message>
            <source>Sample claims with items and photos, sites and prevention visits</source>
            <translation>包含损失项目和照片的示例案件、现场和防灾查勘</translation>
        </message>
        <message>
            <source>Start with an empty profile</source>
            <translation>从空白配置开始</translation>
        </message>
        <message>
            <source>Creating demo data…</source>
            <translation>正在创建演示数据…</translation>
        </message>
        <message>
            <source>Creating demo data</source>
            <extracomment>asks before closing with running jobs; tests replace it the field work (lists + editor) and, when opened, the back office</extracomment>
            <translation>创建演示数据</translation>
        </message>
        <message>
            <source>Demo data could not be created: {reason}</source>
            <translation>无法创建演示数据：{reason}</translation>
        </message>
        <message>
            <source>{title} (+{n} more)</source>
            <translation>{title}（另有 {n} 项）</translation>
        </message>
        <message>
            <source>Cancelling…</source>
            <translation>正在取消…</translation>
        </message>
        <message>
            <source>Cancel the running job</source>
            <translation>取消正在运行的任务</translation>
        </message>
        <message>
            <source>The visit editor is not available in this build.</source>
            <translation>此版本不支持查勘编辑。</translation>
        </message>
        <message>
            <source>Open a case or a visit first.</source>
            <translation>请先打开一个案件或查勘。</translation>
        </message>
        <message>
            <source>Generating the inspection report</source>
            <translation>正在生成查勘报告</translation>
        </message>
        <message>
            <source>Inspection report</source>
            <translation>查勘报告</translation>
        </message>
        <message>
            <source>Open a case first.</source>
            <translation>请先打开一个案件。</translation>
        </message>
        <message>
            <source>Adjuster {version}</source>
            <translation>Adjuster {version}</translation>
        </message>
        <message>
            <source>Loss adjusting and risk inspections, offline first.</source>
            <translation>查勘定损与防灾防损，离线优先。</translation>
        </message>
        <message>
            <source>About Adjuster</source>
            <translation>关于 Adjuster</translation>
        </message>
        <message>
            <source>All changes synced</source>
            <translation>所有修改已同步</translation>
        </message>
        <message numerus="yes">
            <source>%n change(s) waiting to sync</source>
            <translation>
                <numerusform>%n 项修改等待同步</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n change(s) not synced (no hub set)</source>
            <translation>
                <numerusform>%n 项修改未同步（未设置同步服务器）</numerusform>
            </translation>
        </message>
        <message>
            <source>Adjuster — {profile}</source>
            <translation>Adjuster — {profile}</translation>
        </message>
        <message>
            <source>Cases</source>
            <translation>案件</translation>
        </message>
        <message>
            <source>Visits</source>
            <translation>查勘</translation>
        </message>
        <message>
            <source>Choose a case or a visit on the left, or create one with New case (Ctrl+N).</source>
            <translation>请在左侧选择案件或查勘，或点击“新建案件”(Ctrl+N) 创建。</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>文件(&amp;F)</translation>
        </message>
        <message>
            <source>&amp;Edit</source>
            <translation>编辑(&amp;E)</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>视图(&amp;V)</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>语言</translation>
        </message>
        <message>
            <source>&amp;Case</source>
            <translation>案件(&amp;C)</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>帮助(&amp;H)</translation>
        </message>
        <message>
            <source>Load demo data</source>
            <translation>载入演示数据</translation>
        </message>
        <message>
            <source>Settings…</source>
            <translation>设置…</translation>
        </message>
        <message>
            <source>Quit</source>
            <translation>退出</translation>
        </message>
        <message>
            <source>Refresh</source>
            <translation>刷新</translation>
        </message>
        <message>
            <source>Find</source>
            <translation>查找</translation>
        </message>
        <message>
            <source>Generate report</source>
            <translation>生成报告</translation>
        </message>
        <message>
            <source>Add item</source>
            <translation>添加项目</translation>
        </message>
        <message>
            <source>Sync now</source>
            <translation>立即同步</translation>
        </message>
        <message>
            <source>Back office (review queue)</source>
            <translation>后台审核（审核队列）</translation>
        </message>
        <message>
            <source>Connect to hub…</source>
            <translation>连接同步服务器…</translation>
        </message>
        <message>
            <source>Review</source>
            <translation>审核</translation>
        </message>
        <message>
            <source>Undo</source>
            <translation>撤销</translation>
        </message>
        <message>
            <source>Redo</source>
            <translation>重做</translation>
        </message>
        <message>
            <source>Overview</source>
            <translation>概况</translation>
        </message>
        <message>
            <source>Photos</source>
            <translation>照片</translation>
        </message>
        <message>
            <source>Items</source>
            <translation>损失清单</translation>
        </message>
        <message>
            <source>Calculation</source>
            <translation>理算</translation>
        </message>
        <message>
            <source>Report</source>
            <translation>报告</translation>
        </message>
        <message>
            <source>History</source>
            <translation>历史记录</translation>
        </message>
        <message>
            <source>Show {tab}</source>
            <translation>显示{tab}</translation>
        </message>
        <message>
            <source>Jobs are still running</source>
            <translation>仍有任务在运行</translation>
        </message>
        <message numerus="yes">
            <source>%n background job(s) still running. Cancel them and quit?</source>
            <translation>
                <numerusform>仍有 %n 个后台任务在运行。取消这些任务并退出吗？</numerusform>
            </translation>
        </message>
        <message>
            <source>Draft</source>
            <translation>草稿</translation>
        </message>
        <message>
            <source>Submitted</source>
            <translation>已提交</translation>
        </message>
        <message>
            <source>In review</source>
            <translation>审核中</translation>
        </message>
        <message>
            <source>Approved</source>
            <translation>已批准</translation>
        </message>
        <message>
            <source>Returned</source>
            <translation>已退回</translation>
        </message>
        <message>
            <source>Closed</source>
            <translation>已结案</translation>
        </message>
        <message>
            <source>Withdrawn</source>
            <translation>已撤销</translation>
        </message>
        <message>
            <source>Not synced</source>
            <translation>未同步</translation>
        </message>
        <message>
            <source>Synced</source>
            <translation>已同步</translation>
        </message>
        <message>
            <source>Peril</source>
            <translation>出险原因</translation>
        </message>
        <message>
            <source>Date of loss</source>
            <translation>出险日期</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Sum insured</source>
            <translation>保险金额</translation>
        </message>
        <message>
            <source>Sync</source>
            <translation>同步</translation>
        </message>
        <message>
            <source>Updated</source>
            <translation>更新时间</translation>
        </message>
        <message>
            <source>Grade</source>
            <translation>等级</translation>
        </message>
        <message>
            <source>The statement cannot be calculated: {reason}</source>
            <translation>无法计算赔款：{reason}</translation>
        </message>
        <message>
            <source>Indemnity: {amount}</source>
            <translation>赔款金额：{amount}</translation>
        </message>
        <message>
            <source>Step</source>
            <translation>步骤</translation>
        </message>
        <message>
            <source>Amount</source>
            <translation>金额</translation>
        </message>
        <message>
            <source>Catalogue</source>
            <translation>价格库</translation>
        </message>
        <message>
            <source>Search code or description</source>
            <translation>搜索编码或描述</translation>
        </message>
        <message>
            <source>Code</source>
            <translation>编码</translation>
        </message>
        <message>
            <source>Description</source>
            <translation>描述</translation>
        </message>
        <message>
            <source>Unit</source>
            <translation>单位</translation>
        </message>
        <message>
            <source>Unit price</source>
            <translation>单价</translation>
        </message>
        <message>
            <source>The catalogue is empty.</source>
            <translation>价格库为空。</translation>
        </message>
        <message>
            <source>Load the sample price list</source>
            <translation>载入示例价格表</translation>
        </message>
        <message>
            <source>Photos are not available in this build.</source>
            <translation>此版本不支持照片。</translation>
        </message>
        <message>
            <source>This case was deleted.</source>
            <translation>此案件已删除。</translation>
        </message>
        <message>
            <source>Edit {field}</source>
            <extracomment>Idle time after the last keystroke in a multi-line field before it is written.</extracomment>
            <translation>编辑{field}</translation>
        </message>
        <message>
            <source>Case</source>
            <translation>案件</translation>
        </message>
        <message>
            <source>Item</source>
            <translation>检查项</translation>
        </message>
        <message>
            <source>Photo</source>
            <translation>照片</translation>
        </message>
        <message>
            <source>created</source>
            <extracomment>what names a new record in a change line, first found wins</extracomment>
            <translation>已创建</translation>
        </message>
        <message>
            <source>changed</source>
            <translation>已修改</translation>
        </message>
        <message>
            <source>deleted</source>
            <translation>已删除</translation>
        </message>
        <message>
            <source>When (UTC)</source>
            <translation>时间 (UTC)</translation>
        </message>
        <message>
            <source>Who</source>
            <translation>操作人</translation>
        </message>
        <message>
            <source>What</source>
            <translation>对象</translation>
        </message>
        <message>
            <source>Changes</source>
            <translation>修改内容</translation>
        </message>
        <message>
            <source>New item</source>
            <translation>新项目</translation>
        </message>
        <message>
            <source>Exclude item</source>
            <translation>除外项目</translation>
        </message>
        <message>
            <source>Reason for the exclusion (policy clause):</source>
            <translation>除外原因（保单条款）：</translation>
        </message>
        <message>
            <source>Delete item</source>
            <translation>删除项目</translation>
        </message>
        <message>
            <source>Add from catalogue…</source>
            <translation>从价格库添加…</translation>
        </message>
        <message>
            <source>Exclude…</source>
            <translation>除外…</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>删除</translation>
        </message>
        <message>
            <source>Add a loss item (Ctrl+I)</source>
            <translation>添加损失项目 (Ctrl+I)</translation>
        </message>
        <message>
            <source>Building</source>
            <translation>建筑物</translation>
        </message>
        <message>
            <source>Contents</source>
            <translation>室内财产</translation>
        </message>
        <message>
            <source>Stock</source>
            <translation>存货</translation>
        </message>
        <message>
            <source>Machinery</source>
            <translation>机器设备</translation>
        </message>
        <message>
            <source>Vehicle</source>
            <translation>车辆</translation>
        </message>
        <message>
            <source>Other</source>
            <translation>其他</translation>
        </message>
        <message>
            <source>Section</source>
            <translation>类别</translation>
        </message>
        <message>
            <source>Qty</source>
            <translation>数量</translation>
        </message>
        <message>
            <source>is required</source>
            <translation>必填</translation>
        </message>
        <message>
            <source>must not be negative</source>
            <translation>不能为负数</translation>
        </message>
        <message>
            <source>“{value}” is not a number</source>
            <translation>“{value}”不是数字</translation>
        </message>
        <message>
            <source>“{value}” is not a whole number</source>
            <translation>“{value}”不是整数</translation>
        </message>
        <message>
            <source>must be between 0 and 1 (got {value})</source>
            <translation>必须在 0 到 1 之间（当前为 {value}）</translation>
        </message>
        <message>
            <source>a rate must be at most 100%</source>
            <translation>比例不能超过 100%</translation>
        </message>
        <message>
            <source>is before the date of loss</source>
            <translation>早于出险日期</translation>
        </message>
        <message>
            <source>is in the future</source>
            <translation>不能晚于今天</translation>
        </message>
        <message>
            <source>must be greater than zero</source>
            <translation>必须大于零</translation>
        </message>
        <message>
            <source>is required for a repair item</source>
            <translation>修复项目必须填写</translation>
        </message>
        <message>
            <source>is required for an excluded item</source>
            <translation>除外项目必须填写</translation>
        </message>
        <message>
            <source>is required for this kind of deductible</source>
            <translation>此类免赔额必须填写</translation>
        </message>
        <message>
            <source>{salvage} exceeds the item's value {value}</source>
            <translation>残值 {salvage} 超过该项目价值 {value}</translation>
        </message>
        <message>
            <source>“{value}” is not a claim number (3–40 letters, digits, - _ / .)</source>
            <translation>“{value}”不是有效的赔案号（3–40 位字母、数字或 - _ / .）</translation>
        </message>
        <message>
            <source>“{value}” is not valid here</source>
            <translation>“{value}”不是有效的值</translation>
        </message>
        <message>
            <source>cannot go from {a} to {b}</source>
            <translation>不能从“{a}”改为“{b}”</translation>
        </message>
        <message>
            <source>Age (years)</source>
            <translation>已使用年限</translation>
        </message>
        <message>
            <source>Useful life</source>
            <translation>使用年限</translation>
        </message>
        <message>
            <source>Salvage</source>
            <translation>残值</translation>
        </message>
        <message>
            <source>Item {n}</source>
            <translation>第 {n} 项</translation>
        </message>
        <message>
            <source>Repair</source>
            <translation>修复</translation>
        </message>
        <message>
            <source>Repair cost</source>
            <translation>修复费用</translation>
        </message>
        <message>
            <source>Excluded</source>
            <translation>除外</translation>
        </message>
        <message>
            <source>Exclusion reason</source>
            <translation>除外原因</translation>
        </message>
        <message>
            <source>Loss</source>
            <translation>损失金额</translation>
        </message>
        <message>
            <source>Calculated: see the Calculation tab</source>
            <translation>计算所得，详见“理算”页</translation>
        </message>
        <message>
            <source>Edit item {n}</source>
            <translation>编辑第 {n} 项</translation>
        </message>
        <message>
            <source>Row {row}, {column}: {reason}</source>
            <translation>第 {row} 行，{column}：{reason}</translation>
        </message>
        <message>
            <source>None</source>
            <translation>无</translation>
        </message>
        <message>
            <source>Fixed amount</source>
            <translation>固定金额</translation>
        </message>
        <message>
            <source>Percentage of loss</source>
            <translation>损失比例</translation>
        </message>
        <message>
            <source>Percentage, with a minimum</source>
            <translation>比例（设最低额）</translation>
        </message>
        <message>
            <source>Rate %</source>
            <translation>比例 %</translation>
        </message>
        <message>
            <source>Minimum</source>
            <translation>最低额</translation>
        </message>
        <message>
            <source>Claim</source>
            <translation>赔案</translation>
        </message>
        <message>
            <source>Line of business</source>
            <translation>险种</translation>
        </message>
        <message>
            <source>Peril / cause</source>
            <translation>出险原因</translation>
        </message>
        <message>
            <source>Assigned to</source>
            <translation>指派给</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>电话</translation>
        </message>
        <message>
            <source>ID / licence no.</source>
            <translation>证件号 / 执照号</translation>
        </message>
        <message>
            <source>Risk address</source>
            <translation>保险标的地址</translation>
        </message>
        <message>
            <source>Dates</source>
            <translation>日期</translation>
        </message>
        <message>
            <source>Date reported</source>
            <translation>报案日期</translation>
        </message>
        <message>
            <source>Date of survey</source>
            <translation>查勘日期</translation>
        </message>
        <message>
            <source>Policy terms</source>
            <translation>保单条件</translation>
        </message>
        <message>
            <source>Currency</source>
            <translation>币种</translation>
        </message>
        <message>
            <source>Value at risk at time of loss</source>
            <translation>出险时保险价值</translation>
        </message>
        <message>
            <source>Deductible</source>
            <translation>免赔额</translation>
        </message>
        <message>
            <source>Depreciation cap (0–1)</source>
            <translation>折旧上限 (0–1)</translation>
        </message>
        <message>
            <source>Average before deductible</source>
            <translation>先比例赔付后扣免赔</translation>
        </message>
        <message>
            <source>Mitigation costs</source>
            <translation>施救费用</translation>
        </message>
        <message>
            <source>Narratives</source>
            <translation>文字说明</translation>
        </message>
        <message>
            <source>Circumstances</source>
            <translation>出险经过</translation>
        </message>
        <message>
            <source>Cause</source>
            <translation>事故原因</translation>
        </message>
        <message>
            <source>Coverage opinion</source>
            <translation>保险责任意见</translation>
        </message>
        <message>
            <source>Adjuster's recommendation</source>
            <translation>公估处理建议</translation>
        </message>
        <message>
            <source>Recommendation</source>
            <translation>整改建议</translation>
        </message>
        <message>
            <source>No report yet. Press Generate to make one.</source>
            <translation>尚无报告。点击“生成报告”即可生成。</translation>
        </message>
        <message>
            <source>Report generation is not available in this build.</source>
            <translation>此版本不支持生成报告。</translation>
        </message>
        <message>
            <source>Generating the report…</source>
            <translation>正在生成报告…</translation>
        </message>
        <message>
            <source>Generating report</source>
            <translation>生成报告</translation>
        </message>
        <message>
            <source>The report could not be generated: {reason}</source>
            <translation>报告生成失败：{reason}</translation>
        </message>
        <message>
            <source>Report generation was cancelled.</source>
            <translation>报告生成已取消。</translation>
        </message>
        <message>
            <source>Rendering pages…</source>
            <translation>正在渲染页面…</translation>
        </message>
        <message>
            <source>Preview</source>
            <translation>预览</translation>
        </message>
        <message>
            <source>The preview could not be shown: {reason}</source>
            <translation>无法显示预览：{reason}</translation>
        </message>
        <message>
            <source>Version {version}, {when}</source>
            <translation>第 {version} 版，{when}</translation>
        </message>
        <message>
            <source>Language:</source>
            <translation>语言：</translation>
        </message>
        <message>
            <source>Generate the loss report (Ctrl+R)</source>
            <translation>生成公估报告 (Ctrl+R)</translation>
        </message>
        <message>
            <source>Open folder</source>
            <translation>打开文件夹</translation>
        </message>
        <message>
            <source>Anyone</source>
            <extracomment>Typing pauses this long before the list is filtered (one query per pause, not per key). "type" (line of business) filter, shown when the store's CaseFilter supports it</extracomment>
            <translation>任何人</translation>
        </message>
        <message>
            <source>All</source>
            <translation>全部</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>未完成</translation>
        </message>
        <message>
            <source>Open cases</source>
            <translation>未结案件</translation>
        </message>
        <message numerus="yes">
            <source>%n case(s)</source>
            <translation>
                <numerusform>共 %n 个案件</numerusform>
            </translation>
        </message>
        <message>
            <source>Search claim no., insured, policy or address (Ctrl+F)</source>
            <translation>搜索赔案号、被保险人、保单号或地址 (Ctrl+F)</translation>
        </message>
        <message>
            <source>Loss from</source>
            <translation>出险日期从</translation>
        </message>
        <message>
            <source>to</source>
            <translation>至</translation>
        </message>
        <message>
            <source>any</source>
            <translation>不限</translation>
        </message>
        <message>
            <source>Type</source>
            <translation>险种</translation>
        </message>
        <message>
            <source>Search site, address or engineer</source>
            <translation>搜索现场、地址或工程师</translation>
        </message>
        <message>
            <source>New visit…</source>
            <translation>新建查勘…</translation>
        </message>
        <message>
            <source>Delete annotation</source>
            <extracomment>asks the user for a label; replaced in tests (a modal dialog would block them)</extracomment>
            <translation>删除标注</translation>
        </message>
        <message>
            <source>Text</source>
            <translation>文字</translation>
        </message>
        <message>
            <source>Add text</source>
            <translation>添加文字</translation>
        </message>
        <message>
            <source>Move annotation</source>
            <translation>移动标注</translation>
        </message>
        <message>
            <source>Measurement</source>
            <translation>测量</translation>
        </message>
        <message>
            <source>Add arrow</source>
            <translation>添加箭头</translation>
        </message>
        <message>
            <source>Add rectangle</source>
            <translation>添加矩形</translation>
        </message>
        <message>
            <source>Add circle</source>
            <translation>添加圆圈</translation>
        </message>
        <message>
            <source>Add measurement</source>
            <translation>添加测量标注</translation>
        </message>
        <message>
            <source>no capture time in the photo; the file's time is used</source>
            <translation>照片中没有拍摄时间，已使用文件时间</translation>
        </message>
        <message>
            <source>no capture time in the photo</source>
            <translation>照片中没有拍摄时间</translation>
        </message>
        <message>
            <source>EXIF data unreadable; imported without it</source>
            <translation>EXIF 信息无法读取，已导入但不含 EXIF</translation>
        </message>
        <message>
            <source>invalid EXIF orientation {n}; shown as taken</source>
            <translation>EXIF 方向值 {n} 无效，按原样显示</translation>
        </message>
        <message>
            <source>camera make and model unreadable</source>
            <translation>无法读取相机品牌和型号</translation>
        </message>
        <message>
            <source>part of the EXIF data is unreadable</source>
            <translation>部分 EXIF 信息无法读取</translation>
        </message>
        <message>
            <source>GPS data unreadable; no position recorded</source>
            <translation>GPS 信息无法读取，未记录位置</translation>
        </message>
        <message>
            <source>damaged image data: parts of the picture may be grey or shifted</source>
            <translation>图像数据损坏：部分画面可能呈灰色或错位</translation>
        </message>
        <message>
            <source>empty file (0 bytes)</source>
            <translation>空文件（0 字节）</translation>
        </message>
        <message>
            <source>the file is truncated (incomplete copy)</source>
            <translation>文件不完整（复制中断）</translation>
        </message>
        <message>
            <source>the image data is damaged</source>
            <translation>图像数据已损坏</translation>
        </message>
        <message>
            <source>not a photo</source>
            <translation>不是照片</translation>
        </message>
        <message>
            <source>file type not supported</source>
            <translation>不支持的文件类型</translation>
        </message>
        <message>
            <source>image too large (possible decompression bomb)</source>
            <translation>图像过大（疑似解压炸弹）</translation>
        </message>
        <message>
            <source>cannot be read</source>
            <translation>无法读取</translation>
        </message>
        <message>
            <source>is a folder</source>
            <translation>是文件夹</translation>
        </message>
        <message>
            <source>symbolic link loop</source>
            <translation>符号链接循环</translation>
        </message>
        <message>
            <source>file not found</source>
            <translation>文件不存在</translation>
        </message>
        <message>
            <source>the file changed while being imported; try again</source>
            <translation>导入过程中文件被修改，请重试</translation>
        </message>
        <message>
            <source>could not be stored (disk full?)</source>
            <translation>无法保存（磁盘已满？）</translation>
        </message>
        <message>
            <source>not imported: the import was cancelled</source>
            <translation>未导入：导入已取消</translation>
        </message>
        <message>
            <source>Cancel import</source>
            <extracomment>hide after an import where every file went in (embedded grids keep their space)</extracomment>
            <translation>取消导入</translation>
        </message>
        <message>
            <source>Hide results</source>
            <translation>隐藏结果</translation>
        </message>
        <message>
            <source>File</source>
            <translation>文件</translation>
        </message>
        <message>
            <source>Result</source>
            <translation>结果</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>原因</translation>
        </message>
        <message>
            <source>imported</source>
            <translation>已导入</translation>
        </message>
        <message>
            <source>duplicate</source>
            <translation>重复</translation>
        </message>
        <message>
            <source>rejected</source>
            <translation>拒收</translation>
        </message>
        <message>
            <source>cancelled</source>
            <translation>已取消</translation>
        </message>
        <message>
            <source>Looking for photos…</source>
            <translation>正在查找照片…</translation>
        </message>
        <message>
            <source>Importing {} of {} files…</source>
            <translation>正在导入第 {} / {} 个文件…</translation>
        </message>
        <message>
            <source>Cancelling — files already started will finish…</source>
            <translation>正在取消——已开始的文件将完成导入…</translation>
        </message>
        <message>
            <source>{} imported, {} duplicates, {} rejected</source>
            <translation>已导入 {} 张，重复 {} 张，拒收 {} 张</translation>
        </message>
        <message>
            <source>, {} not imported (cancelled)</source>
            <translation>，{} 个未导入（已取消）</translation>
        </message>
        <message>
            <source>Import failed: {}</source>
            <translation>导入失败：{}</translation>
        </message>
        <message>
            <source>Taken</source>
            <translation>拍摄时间</translation>
        </message>
        <message>
            <source>GPS</source>
            <translation>GPS 位置</translation>
        </message>
        <message>
            <source>Camera</source>
            <translation>相机</translation>
        </message>
        <message>
            <source>Size</source>
            <translation>尺寸</translation>
        </message>
        <message>
            <source>SHA-256</source>
            <translation>SHA-256</translation>
        </message>
        <message>
            <source> (from {})</source>
            <translation>（来源：{}）</translation>
        </message>
        <message>
            <source>unknown</source>
            <translation>未知</translation>
        </message>
        <message>
            <source>none</source>
            <translation>无</translation>
        </message>
        <message>
            <source>Drop photos or folders here, or use Import.</source>
            <extracomment>up to this many rows a re-read is done on the spot (well under a frame); above, in a worker asks yes/no before removing photos; tests replace it</extracomment>
            <translation>将照片或文件夹拖放到此处，或使用“导入”。</translation>
        </message>
        <message>
            <source>Import photos…</source>
            <translation>导入照片…</translation>
        </message>
        <message>
            <source>Import folder…</source>
            <translation>导入文件夹…</translation>
        </message>
        <message>
            <source>View / annotate</source>
            <translation>查看 / 标注</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>移除</translation>
        </message>
        <message>
            <source>Sort:</source>
            <translation>排序：</translation>
        </message>
        <message>
            <source>Capture time (oldest first)</source>
            <translation>拍摄时间（从早到晚）</translation>
        </message>
        <message>
            <source>Capture time (newest first)</source>
            <translation>拍摄时间（从晚到早）</translation>
        </message>
        <message>
            <source>Import order</source>
            <translation>导入顺序</translation>
        </message>
        <message>
            <source>What the photo shows</source>
            <translation>照片内容说明</translation>
        </message>
        <message>
            <source>Caption</source>
            <translation>说明</translation>
        </message>
        <message>
            <source>Loss item</source>
            <translation>损失项目</translation>
        </message>
        <message>
            <source>(not linked)</source>
            <translation>（未关联）</translation>
        </message>
        <message>
            <source>Edit caption</source>
            <translation>编辑照片说明</translation>
        </message>
        <message>
            <source>Link photo to item</source>
            <translation>关联照片与损失项目</translation>
        </message>
        <message>
            <source>Annotate photo</source>
            <translation>标注照片</translation>
        </message>
        <message>
            <source>Remove {} photo(s) from this record? The original file stays in the media store.</source>
            <translation>从此记录中移除 {} 张照片？原始文件仍保留在媒体库中。</translation>
        </message>
        <message>
            <source>Remove photos</source>
            <translation>移除照片</translation>
        </message>
        <message>
            <source>Import photos</source>
            <translation>导入照片</translation>
        </message>
        <message>
            <source>Photos ({})</source>
            <translation>照片（{}）</translation>
        </message>
        <message>
            <source>Import a folder of photos</source>
            <translation>导入照片文件夹</translation>
        </message>
        <message>
            <source>An import is already running; wait for it or cancel it.</source>
            <translation>已有导入正在进行，请等待完成或取消。</translation>
        </message>
        <message>
            <source>Importing photos</source>
            <translation>正在导入照片</translation>
        </message>
        <message>
            <source>Import cancelled before any file was read.</source>
            <translation>导入在读取任何文件前已取消。</translation>
        </message>
        <message>
            <source>Photo — {}</source>
            <translation>照片 — {}</translation>
        </message>
        <message>
            <source>Loading…</source>
            <translation>正在加载…</translation>
        </message>
        <message>
            <source>Zoom {}%</source>
            <translation>缩放 {}%</translation>
        </message>
        <message>
            <source>Opening photo</source>
            <translation>正在打开照片</translation>
        </message>
        <message>
            <source>Pan</source>
            <translation>平移</translation>
        </message>
        <message>
            <source>Select</source>
            <translation>选择</translation>
        </message>
        <message>
            <source>Arrow</source>
            <translation>箭头</translation>
        </message>
        <message>
            <source>Rectangle</source>
            <translation>矩形</translation>
        </message>
        <message>
            <source>Circle</source>
            <translation>圆圈</translation>
        </message>
        <message>
            <source>Colour</source>
            <translation>颜色</translation>
        </message>
        <message>
            <source>Zoom in</source>
            <translation>放大</translation>
        </message>
        <message>
            <source>Zoom out</source>
            <translation>缩小</translation>
        </message>
        <message>
            <source>Fit</source>
            <translation>适合窗口</translation>
        </message>
        <message>
            <source>Label:</source>
            <translation>标注内容：</translation>
        </message>
        <message>
            <source>{} × {} px</source>
            <translation>{} × {} 像素</translation>
        </message>
        <message>
            <source>Cannot show this photo: {}</source>
            <translation>无法显示此照片：{}</translation>
        </message>
        <message>
            <source>Ctrl+{}</source>
            <extracomment>a choice's button shows at most this many pixels of its label (the rest in its tooltip)</extracomment>
            <translation>Ctrl+{}</translation>
        </message>
        <message>
            <source>What you saw (optional)</source>
            <translation>现场情况（可选）</translation>
        </message>
        <message>
            <source>A deficiency of severity 3 or 4 needs a recommendation.</source>
            <translation>严重度为 3 或 4 的不符合项必须提出整改建议。</translation>
        </message>
        <message>
            <source>Add recommendation…</source>
            <translation>添加整改建议…</translation>
        </message>
        <message>
            <source>Keys: 1 OK · 2 deficient · 3 n/a · N n/a · Ctrl+1…4 severity · Enter value · 0 clear · ↑↓ move</source>
            <translation>按键：1 符合 · 2 不符合 · 3 不适用 · N 不适用 · Ctrl+1…4 严重度 · Enter 输入数值 · 0 清除 · ↑↓ 移动</translation>
        </message>
        <message>
            <source>Answer</source>
            <translation>结果</translation>
        </message>
        <message>
            <source>Severity</source>
            <translation>严重度</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>备注</translation>
        </message>
        <message>
            <source>Version</source>
            <translation>版本</translation>
        </message>
        <message>
            <source>Signer</source>
            <translation>签署人</translation>
        </message>
        <message>
            <source>Choose an item in the checklist.</source>
            <translation>请在检查表中选择一项。</translation>
        </message>
        <message>
            <source>number</source>
            <translation>数值</translation>
        </message>
        <message>
            <source>text</source>
            <translation>文字</translation>
        </message>
        <message>
            <source>Set</source>
            <translation>确定</translation>
        </message>
        <message>
            <source>Type a value, or press N for n/a.</source>
            <translation>请输入数值，或按 N 表示不适用。</translation>
        </message>
        <message>
            <source>months</source>
            <translation>个月</translation>
        </message>
        <message>
            <source>units</source>
            <translation>具</translation>
        </message>
        <message>
            <source>exits</source>
            <translation>个出口</translation>
        </message>
        <message>
            <source>events</source>
            <translation>次</translation>
        </message>
        <message>
            <source>bags</source>
            <translation>袋</translation>
        </message>
        <message>
            <source>h</source>
            <translation>小时</translation>
        </message>
        <message>
            <source>OK</source>
            <translation>符合</translation>
        </message>
        <message>
            <source>Deficient</source>
            <translation>不符合</translation>
        </message>
        <message>
            <source>N/A</source>
            <translation>不适用</translation>
        </message>
        <message>
            <source>{} photo(s)</source>
            <translation>{} 张照片</translation>
        </message>
        <message>
            <source>needs a photo</source>
            <translation>需要照片</translation>
        </message>
        <message>
            <source>needs recommendation</source>
            <translation>需提出整改建议</translation>
        </message>
        <message>
            <source>not answered</source>
            <translation>未回答</translation>
        </message>
        <message>
            <source>This visit cannot be opened: {}</source>
            <translation>无法打开此查勘：{}</translation>
        </message>
        <message>
            <source>Attach photos to this item</source>
            <translation>为此检查项添加照片</translation>
        </message>
        <message>
            <source>Visit photos</source>
            <translation>查勘照片</translation>
        </message>
        <message>
            <source>Next unanswered</source>
            <translation>下一未答项</translation>
        </message>
        <message>
            <source>Submit visit…</source>
            <translation>提交查勘…</translation>
        </message>
        <message>
            <source>read-only ({})</source>
            <extracomment>asks before submitting; tests replace it</extracomment>
            <translation>只读（{}）</translation>
        </message>
        <message>
            <source>Recommendations ({})</source>
            <translation>整改建议（{}）</translation>
        </message>
        <message>
            <source>{} missing</source>
            <translation>缺 {} 条</translation>
        </message>
        <message>
            <source>Follow-up ({})</source>
            <translation>整改跟踪（{}）</translation>
        </message>
        <message>
            <source>This visit is {} and cannot be changed.</source>
            <translation>此查勘状态为 {}，不能修改。</translation>
        </message>
        <message>
            <source>Answer item</source>
            <translation>回答检查项</translation>
        </message>
        <message>
            <source>Edit note</source>
            <translation>编辑备注</translation>
        </message>
        <message>
            <source>Could not undo or redo: {}</source>
            <translation>无法撤销或重做：{}</translation>
        </message>
        <message>
            <source>Severity applies to a deficient answer only.</source>
            <translation>严重度仅适用于不符合项。</translation>
        </message>
        <message>
            <source>Visit</source>
            <translation>查勘</translation>
        </message>
        <message>
            <source> … and {} more</source>
            <translation> …… 另有 {} 项</translation>
        </message>
        <message>
            <source>{} thing(s) to finish before submitting:</source>
            <translation>提交前还有 {} 项需完成：</translation>
        </message>
        <message>
            <source>Submit this visit for review? It cannot be edited afterwards unless returned.</source>
            <translation>提交此查勘供审核？提交后除非被退回，否则不能再修改。</translation>
        </message>
        <message>
            <source>Submit visit</source>
            <translation>提交查勘</translation>
        </message>
        <message>
            <source>Close recommendation</source>
            <translation>关闭整改建议</translation>
        </message>
        <message>
            <source>What was done</source>
            <translation>整改情况</translation>
        </message>
        <message>
            <source>Drop the 'after' photo below and select it:</source>
            <translation>将整改后照片拖放到下方并选中：</translation>
        </message>
        <message>
            <source>Select the 'after' photo first (drop one above if there is none).</source>
            <translation>请先选中整改后照片（如没有，请先拖放一张到上方）。</translation>
        </message>
        <message>
            <source>Raised</source>
            <translation>提出日期</translation>
        </message>
        <message>
            <source>Priority</source>
            <translation>优先级</translation>
        </message>
        <message>
            <source>Deadline</source>
            <translation>整改期限</translation>
        </message>
        <message>
            <source>No open recommendations from earlier visits.</source>
            <translation>以往查勘没有未关闭的整改建议。</translation>
        </message>
        <message>
            <source>Close with 'after' photo…</source>
            <translation>附整改后照片关闭…</translation>
        </message>
        <message>
            <source>Waive…</source>
            <translation>撤销建议…</translation>
        </message>
        <message>
            <source>Reopen</source>
            <translation>重新打开</translation>
        </message>
        <message>
            <source>Select a recommendation first.</source>
            <extracomment>asks for a waiver reason; tests replace it the last close dialog (tests drive it)</extracomment>
            <translation>请先选择一条整改建议。</translation>
        </message>
        <message>
            <source>Waive recommendation</source>
            <translation>撤销整改建议</translation>
        </message>
        <message>
            <source>Why it no longer applies:</source>
            <translation>不再适用的原因：</translation>
        </message>
        <message>
            <source>High</source>
            <translation>高</translation>
        </message>
        <message>
            <source>Medium</source>
            <translation>中</translation>
        </message>
        <message>
            <source>Low</source>
            <translation>低</translation>
        </message>
        <message>
            <source>Done</source>
            <translation>已完成</translation>
        </message>
        <message>
            <source>Overdue</source>
            <translation>已逾期</translation>
        </message>
        <message>
            <source>Waived</source>
            <translation>已撤销</translation>
        </message>
        <message>
            <source>Responsible</source>
            <translation>责任人</translation>
        </message>
        <message>
            <source>From severity</source>
            <translation>按严重度</translation>
        </message>
        <message>
            <source>from priority</source>
            <translation>按优先级</translation>
        </message>
        <message>
            <source>Who will do it</source>
            <translation>整改责任人</translation>
        </message>
        <message>
            <source>Add recommendation</source>
            <translation>添加整改建议</translation>
        </message>
        <message>
            <source>Remove selected</source>
            <translation>移除所选</translation>
        </message>
        <message>
            <source>(whole site)</source>
            <translation>（整个场所）</translation>
        </message>
        <message>
            <source>Answer the item as deficient first.</source>
            <translation>请先将该项判定为不符合。</translation>
        </message>
        <message>
            <source>Remove recommendation</source>
            <translation>移除整改建议</translation>
        </message>
        <message>
            <source>Score {} — {}</source>
            <translation>得分 {} — {}</translation>
        </message>
        <message>
            <source>No score yet: answer an item.</source>
            <translation>尚无得分：请先回答检查项。</translation>
        </message>
        <message>
            <source>{} of {} items answered</source>
            <translation>已答 {} / {} 项</translation>
        </message>
        <message>
            <source>n/a</source>
            <translation>不适用</translation>
        </message>
        <message>
            <source>Capped from {} to {} by a serious deficiency.</source>
            <translation>因存在严重缺陷，等级由 {} 降为 {}。</translation>
        </message>
        <message>
            <source>Job failed</source>
            <extracomment>Minimum seconds between two progress signals: a core loop may report thousands of steps.</extracomment>
            <translation>任务失败</translation>
        </message>
        <message>
            <source>{title} failed.</source>
            <translation>{title}失败。</translation>
        </message>
        <message>
            <source>Claim no. / site</source>
            <translation>案件号 / 场所</translation>
        </message>
        <message>
            <source>Conflicts</source>
            <translation>冲突</translation>
        </message>
        <message>
            <source>Changes since the last review</source>
            <translation>上次审核以来的修改</translation>
        </message>
        <message>
            <source>Open conflicts</source>
            <translation>未解决的冲突</translation>
        </message>
        <message>
            <source>Keep the hub's value</source>
            <translation>保留服务器的值</translation>
        </message>
        <message>
            <source>Keep the device's value</source>
            <translation>保留设备的值</translation>
        </message>
        <message>
            <source>Approved amount</source>
            <translation>核定金额</translation>
        </message>
        <message>
            <source>Comment</source>
            <translation>意见</translation>
        </message>
        <message>
            <source>Assign to</source>
            <translation>指派给</translation>
        </message>
        <message>
            <source>Approve</source>
            <translation>审核通过</translation>
        </message>
        <message>
            <source>Return</source>
            <translation>退回</translation>
        </message>
        <message>
            <source>Assign</source>
            <translation>指派</translation>
        </message>
        <message>
            <source>Select a case in the queue.</source>
            <translation>请在队列中选择一个案件。</translation>
        </message>
        <message>
            <source>Loading the review queue</source>
            <translation>正在加载审核队列</translation>
        </message>
        <message>
            <source>Opening the visit</source>
            <translation>正在打开查勘</translation>
        </message>
        <message>
            <source>Say in the comment what must be fixed before returning it.</source>
            <translation>退回前请在意见中写明需要修改的内容。</translation>
        </message>
        <message>
            <source>Opening the case</source>
            <translation>正在打开案件</translation>
        </message>
        <message>
            <source>{claim} approved.</source>
            <translation>{claim} 已审核通过。</translation>
        </message>
        <message>
            <source>{claim} returned.</source>
            <translation>{claim} 已退回。</translation>
        </message>
        <message>
            <source>Sending the decision</source>
            <translation>正在提交审核结论</translation>
        </message>
        <message>
            <source>Assigning the case</source>
            <translation>正在指派案件</translation>
        </message>
        <message>
            <source>{claim} assigned to {user}.</source>
            <translation>{claim} 已指派给 {user}。</translation>
        </message>
        <message>
            <source>Resolving the conflict</source>
            <translation>正在解决冲突</translation>
        </message>
        <message>
            <source>Conflict resolved.</source>
            <translation>冲突已解决。</translation>
        </message>
        <message>
            <source>Syncing with the hub</source>
            <translation>正在与同步服务器同步</translation>
        </message>
        <message>
            <source>Sync failed: {reason}</source>
            <translation>同步失败：{reason}</translation>
        </message>
        <message>
            <source>Finding</source>
            <translation>检查结果</translation>
        </message>
        <message>
            <source>adjuster</source>
            <translation>公估人</translation>
        </message>
        <message>
            <source>engineer</source>
            <translation>工程师</translation>
        </message>
        <message>
            <source>reviewer</source>
            <translation>审核人</translation>
        </message>
        <message>
            <source>admin</source>
            <translation>管理员</translation>
        </message>
        <message>
            <source>{field}: hub {hub} ↔ device {device}</source>
            <translation>{field}：服务器 {hub} ↔ 设备 {device}</translation>
        </message>
        <message>
            <source>Open cases {open} · awaiting review {waiting} · closing rate {rate} · days to close {days} · overdue recommendations {overdue} · open conflicts {conflicts}</source>
            <translation>未结案件 {open} · 待审核 {waiting} · 结案率 {rate} · 平均结案天数 {days} · 逾期整改建议 {overdue} · 未解决冲突 {conflicts}</translation>
        </message>
        <message>
            <source>{claim} · {insured} · status {status} · assigned to {who} · sum insured {si} {cur} · loss {loss} · {items} items, {photos} photos</source>
            <translation>{claim} · {insured} · 状态 {status} · 指派给 {who} · 保险金额 {si} {cur} · 出险日期 {loss} · {items} 项损失，{photos} 张照片</translation>
        </message>
        <message>
            <source>Visit to {site} on {date} · engineer {who} · grade {grade} · {n} findings ({bad} deficient), {recs} recommendations</source>
            <translation>{date} 查勘 {site} · 工程师 {who} · 风险等级 {grade} · {n} 项检查结果（{bad} 项不合格），{recs} 条整改建议</translation>
        </message>
        <message>
            <source>Sent {ops} changes and {files} files · received {recv} changes and {rfiles} files · {conf} conflicts</source>
            <translation>已发送 {ops} 项修改和 {files} 个文件 · 已接收 {recv} 项修改和 {rfiles} 个文件 · {conf} 个冲突</translation>
        </message>
        <message>
            <source>{n} refused by the hub</source>
            <translation>{n} 项被服务器拒绝</translation>
        </message>
        <message>
            <source>{n} waiting on the hub</source>
            <translation>{n} 项在服务器上等待</translation>
        </message>
        <message>
            <source>The hub {url} does not answer. Check the address and the network, then try again.</source>
            <translation>同步服务器 {url} 没有响应。请检查地址和网络后重试。</translation>
        </message>
        <message>
            <source>The hub refused the code: it is unknown, already used or expired. Ask the office for a new one.</source>
            <translation>同步服务器拒绝了此代码：代码无效、已使用或已过期。请向后台索取新代码。</translation>
        </message>
        <message>
            <source>The hub does not accept this token (revoked or mistyped). Connect again with a new enrolment code.</source>
            <translation>同步服务器不接受此令牌（已吊销或输入有误）。请用新的注册码重新连接。</translation>
        </message>
        <message>
            <source>The hub refused: {reason}</source>
            <translation>同步服务器拒绝：{reason}</translation>
        </message>
        <message>
            <source>never</source>
            <translation>从未</translation>
        </message>
        <message>
            <source>Not connected to a hub</source>
            <translation>未连接同步服务器</translation>
        </message>
        <message>
            <source>last sync {when}</source>
            <translation>上次同步 {when}</translation>
        </message>
        <message numerus="yes">
            <source>%n conflict(s)</source>
            <translation>
                <numerusform>%n 个冲突</numerusform>
            </translation>
        </message>
        <message>
            <source>This computer's clock differs from the hub's by {min} min: sync is unaffected, but dates you enter may be wrong.</source>
            <translation>本机时钟与服务器相差 {min} 分钟：同步不受影响，但录入的日期可能有误。</translation>
        </message>
        <message>
            <source>{n} photo file(s) are missing on this computer; their records wait (run adjuster verify).</source>
            <translation>本机缺少 {n} 个照片文件，相关记录暂不发送（请运行 adjuster verify）。</translation>
        </message>
        <message>
            <source>{what} is not assigned to {user}</source>
            <translation>{what}未指派给 {user}</translation>
        </message>
        <message>
            <source>valid</source>
            <extracomment>opens the pad and returns PNG bytes or None; tests replace it</extracomment>
            <translation>有效</translation>
        </message>
        <message>
            <source>out of date: the case changed after signing</source>
            <translation>已失效：签名后案件有修改</translation>
        </message>
        <message>
            <source>Not signed yet.</source>
            <translation>尚未签名。</translation>
        </message>
        <message>
            <source>Insured signs…</source>
            <translation>被保险人签名…</translation>
        </message>
        <message>
            <source>Adjuster signs…</source>
            <translation>公估人签名…</translation>
        </message>
        <message>
            <source>Signs the data of the latest report; generate the report again to print the signature.</source>
            <translation>签署最新一版报告的数据；重新生成报告即可打印签名。</translation>
        </message>
        <message>
            <source>Adjuster is already open</source>
            <extracomment>automated run checks: quit cleanly this many ms after the first screen is shown</extracomment>
            <translation>Adjuster 已在运行</translation>
        </message>
        <message>
            <source>A sync is already running.</source>
            <extracomment>the back-office page became current (True) or the field lists came back (False)</extracomment>
            <translation>同步正在进行中。</translation>
        </message>
        <message>
            <source>Syncing with the hub…</source>
            <translation>正在与同步服务器同步…</translation>
        </message>
        <message>
            <source>Connected to {url} as {user} ({role}).</source>
            <translation>已以 {user}（{role}）身份连接到 {url}。</translation>
        </message>
        <message>
            <source>Connecting to the hub</source>
            <translation>正在连接同步服务器</translation>
        </message>
        <message>
            <source>This computer is enrolled as {user} ({role}), which cannot review.</source>
            <translation>本机以 {user}（{role}）身份注册，无审核权限。</translation>
        </message>
        <message>
            <source>Connect</source>
            <translation>连接</translation>
        </message>
        <message>
            <source>Enter the hub's address, e.g. http://hub.example:8765</source>
            <translation>请输入同步服务器地址，例如 http://hub.example:8765</translation>
        </message>
        <message>
            <source>Enter the code the office gave you.</source>
            <translation>请输入后台提供的代码。</translation>
        </message>
        <message>
            <source>Connecting to {url}…</source>
            <translation>正在连接 {url}…</translation>
        </message>
        <message>
            <source>Connect to hub</source>
            <translation>连接同步服务器</translation>
        </message>
        <message>
            <source>Enter the hub's address and the one-time enrolment code from the office. This computer then syncs its cases and visits with the hub.</source>
            <translation>请输入同步服务器地址和后台提供的一次性注册码。之后本机即可与服务器同步案件和查勘。</translation>
        </message>
        <message>
            <source>Hub address</source>
            <translation>服务器地址</translation>
        </message>
        <message>
            <source>Enrolment code</source>
            <translation>注册码</translation>
        </message>
        <message>
            <source>Back office</source>
            <translation>后台审核</translation>
        </message>
        <message>
            <source>The review queue needs a reviewer's or an admin's access to the hub. Enter the hub's address and a reviewer's token or enrolment code.</source>
            <translation>审核队列需要审核人或管理员的服务器权限。请输入服务器地址以及审核人的令牌或注册码。</translation>
        </message>
        <message>
            <source>Token or code</source>
            <translation>令牌或注册码</translation>
        </message>
        <message>
            <source>Back office · {url} · {who}</source>
            <translation>后台审核 · {url} · {who}</translation>
        </message>
        <message>
            <source>Connect to another hub…</source>
            <translation>连接其他服务器…</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>关闭</translation>
        </message>
        <message>
            <source>Sent</source>
            <translation>已发送</translation>
        </message>
        <message>
            <source>Received</source>
            <translation>已接收</translation>
        </message>
        <message>
            <source>Refused by the hub</source>
            <translation>被服务器拒绝</translation>
        </message>
        <message>
            <source>Waiting on the hub</source>
            <translation>在服务器上等待</translation>
        </message>
        <message>
            <source>Sync finished in {s:.1f} s.</source>
            <translation>同步完成，用时 {s:.1f} 秒。</translation>
        </message>
        <message>
            <source>Sync finished; some changes need your attention.</source>
            <translation>同步完成；部分修改需要您处理。</translation>
        </message>
        <message>
            <source>Refused</source>
            <translation>被拒绝</translation>
        </message>
        <message>
            <source>Waiting</source>
            <translation>等待中</translation>
        </message>
        <message>
            <source>Kept by the office, not changed here: {fields}</source>
            <translation>以下字段由后台维护，本机的修改未被采用：{fields}</translation>
        </message>
        <message>
            <source>Warning: {text}</source>
            <translation>警告：{text}</translation>
        </message>
        <message>
            <source>Both sides changed the same field: the office settles conflicts in the back office; nothing was overwritten.</source>
            <translation>双方修改了同一字段：冲突由后台审核处理，没有任何内容被覆盖。</translation>
        </message>
        <message>
            <source>Refused changes stay on this computer; the reasons are listed above.</source>
            <translation>被拒绝的修改保留在本机，原因见上方列表。</translation>
        </message>
        <message>
            <source>Sync failed.</source>
            <translation>同步失败。</translation>
        </message>
        <message>
            <source>Nothing was lost: your changes stay on this computer until a sync succeeds.</source>
            <translation>没有丢失任何内容：您的修改会保留在本机，直到同步成功。</translation>
        </message>
        <message numerus="yes">
            <source>%n change(s)</source>
            <translation>
                <numerusform>%n 项修改</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n photo(s)</source>
            <translation>
                <numerusform>%n 张照片</numerusform>
            </translation>
        </message>
    </context>
</TS>