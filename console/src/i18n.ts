// Two languages: Simplified Chinese and English. Chinese is the default
// when the browser prefers it; the choice is remembered.
export type Lang = "zh" | "en";

const en = {
  appName: "Returns console",
  signIn: "Sign in",
  signOut: "Sign out",
  name: "Name",
  password: "Password",
  wrongPassword: "Wrong name or password.",
  throttled: "Too many failed attempts. Try again later.",
  language: "Language",
  worklist: "Worklist",
  warehouse: "Warehouse",
  finance: "Finance",
  audit: "Audit",
  management: "Management",
  search: "Search",
  status: "Status",
  any: "Any",
  needsAttention: "Needs attention",
  customer: "Customer",
  kind: "Kind",
  channel: "Channel",
  nextAction: "Next action",
  due: "Due",
  paid: "Paid",
  refundable: "Refundable",
  refunded: "Refunded",
  open: "Open",
  ticket: "Ticket",
  lines: "Lines",
  sku: "SKU",
  item: "Item",
  qty: "Qty",
  received: "Received",
  inspection: "Inspection",
  customFields: "Custom fields",
  history: "History",
  actions: "Actions",
  noActions: "Nothing for you to do on this ticket now.",
  live: "live",
  reconnecting: "reconnecting",
  scan: "Scan tracking number",
  scanHint: "Scan or type, then Enter",
  noParcel: "No ticket expects this parcel.",
  receive: "Receive",
  packageCondition: "Package condition",
  grade: "Grade",
  verdict: "Verdict",
  accepted: "Accepted",
  inspected: "Inspected",
  deduction: "Deduction",
  notes: "Notes",
  photos: "Photos",
  record: "Record inspection",
  complete: "Complete inspection",
  awaitingArrival: "Awaiting arrival",
  toInspect: "To inspect",
  replacementsToShip: "Replacements to ship",
  goodsToReturn: "Goods to return to customers",
  refundsQueue: "Refunds",
  approve: "Approve",
  recordPayout: "Record payout",
  payoutReference: "Payout reference",
  payoutsPerDay: "Payouts per day and channel",
  amount: "Amount",
  verify: "Verify",
  intact: "Intact",
  broken: "Broken",
  wholeLog: "Whole log",
  seals: "Seals",
  asOfVersion: "As of version",
  actor: "Actor",
  role: "Role",
  source: "Source",
  causation: "Causation",
  event: "Event",
  at: "At",
  ticketId: "Ticket id",
  show: "Show",
  countsPerStatus: "Tickets per status",
  cycleTimes: "Average hours per step",
  reasons: "Return reasons by SKU and channel",
  submit: "Submit",
  carrier: "Carrier",
  trackingNumber: "Tracking number",
  recipient: "Recipient",
  phone: "Phone",
  address: "Address",
  reason: "Reason",
  message: "Message",
  resolution: "Resolution",
  note: "Note",
  failed: "Failed",
  error: "Error",
  forbidden: "Your role may not see this screen.",
  loading: "Loading…",
  done: "Done",
  followUps: "Follow-up calls",
  outcome: "Outcome",
} as const;

export type Key = keyof typeof en;

const zh: Record<Key, string> = {
  appName: "退换货工作台",
  signIn: "登录",
  signOut: "退出",
  name: "用户名",
  password: "密码",
  wrongPassword: "用户名或密码错误。",
  throttled: "失败次数过多，请稍后再试。",
  language: "语言",
  worklist: "工单",
  warehouse: "仓库",
  finance: "财务",
  audit: "审计",
  management: "管理",
  search: "搜索",
  status: "状态",
  any: "全部",
  needsAttention: "需要处理",
  customer: "客户",
  kind: "类型",
  channel: "渠道",
  nextAction: "下一步",
  due: "期限",
  paid: "实付",
  refundable: "可退",
  refunded: "已退",
  open: "打开",
  ticket: "工单",
  lines: "商品",
  sku: "SKU",
  item: "商品名",
  qty: "数量",
  received: "已收",
  inspection: "质检",
  customFields: "自定义字段",
  history: "历史",
  actions: "操作",
  noActions: "此工单当前没有您的操作。",
  live: "实时",
  reconnecting: "重新连接中",
  scan: "扫描运单号",
  scanHint: "扫码或输入后按回车",
  noParcel: "没有工单在等待此包裹。",
  receive: "签收",
  packageCondition: "包装状况",
  grade: "成色",
  verdict: "结论",
  accepted: "合格数",
  inspected: "质检数",
  deduction: "扣款",
  notes: "备注",
  photos: "照片",
  record: "记录质检",
  complete: "完成质检",
  awaitingArrival: "待到货",
  toInspect: "待质检",
  replacementsToShip: "待发换新",
  goodsToReturn: "待退回客户",
  refundsQueue: "退款",
  approve: "批准",
  recordPayout: "登记打款",
  payoutReference: "打款流水号",
  payoutsPerDay: "每日各渠道打款",
  amount: "金额",
  verify: "校验",
  intact: "完好",
  broken: "已损坏",
  wholeLog: "整个日志",
  seals: "封印",
  asOfVersion: "查看版本",
  actor: "操作人",
  role: "角色",
  source: "来源",
  causation: "起因",
  event: "事件",
  at: "时间",
  ticketId: "工单号",
  show: "显示",
  countsPerStatus: "各状态工单数",
  cycleTimes: "各环节平均小时数",
  reasons: "按 SKU 和渠道的退货原因",
  submit: "提交",
  carrier: "承运商",
  trackingNumber: "运单号",
  recipient: "收件人",
  phone: "电话",
  address: "地址",
  reason: "原因",
  message: "消息",
  resolution: "结果",
  note: "备注",
  failed: "失败",
  error: "错误",
  forbidden: "您的角色无权查看此页面。",
  loading: "加载中…",
  done: "完成",
  followUps: "回访",
  outcome: "回访结果",
};

const tables: Record<Lang, Record<Key, string>> = { en, zh };

/** The language to start in: the saved choice, else zh when the browser prefers Chinese. */
export function initialLang(saved: string | null, preferred: readonly string[]): Lang {
  if (saved === "zh" || saved === "en") return saved;
  for (const tag of preferred) {
    const lower = tag.toLowerCase();
    if (lower.startsWith("zh")) return "zh";
    if (lower.startsWith("en")) return "en";
  }
  return "en";
}

export function translate(lang: Lang, key: Key): string {
  return tables[lang][key];
}

/** Money in minor units as the shop writes it (never through a float's rounding). */
export function formatMoney(amountMinor: number, currency: string): string {
  const negative = amountMinor < 0;
  const abs = Math.abs(amountMinor);
  const major = Math.trunc(abs / 100);
  const minor = String(abs % 100).padStart(2, "0");
  return `${negative ? "-" : ""}${major}.${minor} ${currency}`;
}

/** Parses "12.50" into 1250 minor units; null when not a plain amount. */
export function parseMoney(text: string): number | null {
  const m = /^\s*(\d+)(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? "0").padEnd(2, "0"));
}

/** A command name such as `ApproveApplication` as words. */
export function commandLabel(command: string): string {
  return command.replace(/([a-z])([A-Z])/g, "$1 $2");
}
