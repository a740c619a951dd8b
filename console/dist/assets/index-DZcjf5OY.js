var To=Object.defineProperty;var Po=(n,e,t)=>e in n?To(n,e,{enumerable:!0,configurable:!0,writable:!0,value:t}):n[e]=t;var B=(n,e,t)=>Po(n,typeof e!="symbol"?e+"":e,t);import{a as D,j as c,c as Eo}from"./client-Cg2mPGNi.js";import{c as Mo}from"./client-Bd0nCzAj.js";const yn="returns.session";function ys(){try{const n=sessionStorage.getItem(yn);return n?JSON.parse(n):null}catch{return null}}function Un(n){n?sessionStorage.setItem(yn,JSON.stringify(n)):sessionStorage.removeItem(yn)}class Me extends Error{constructor(e,t){super(e),this.code=t}}let Z=ys(),ks=()=>{};function Oo(n){ks=n}function xt(){Z&&(Z=null,Un(null),ks())}function Kn(n){return Array.isArray(n)&&n.some(e=>{var t;return((t=e==null?void 0:e.extensions)==null?void 0:t.code)==="UNAUTHENTICATED"})}async function No(n,e){const t=await fetch("/auth/sign-in",{method:"POST",headers:{"content-type":"application/json"},body:JSON.stringify({name:n,password:e})}),i=await t.json().catch(()=>({}));if(!t.ok)throw new Me(String(i.message??t.statusText),String(i.code??"INTERNAL"));return Z={token:String(i.token),actor:String(i.actor),role:i.role},Un(Z),Is(),Z}async function Fo(){const n=Z==null?void 0:Z.token;Z=null,Un(null),Is(),n&&await fetch("/auth/sign-out",{method:"POST",headers:{authorization:`Bearer ${n}`}}).catch(()=>{})}function Lo(){const n={"content-type":"application/json"};return Z&&(n.authorization=`Bearer ${Z.token}`),n}async function j(n,e){var r,a;const t=await fetch("/graphql",{method:"POST",headers:Lo(),body:JSON.stringify({query:n.toString(),variables:e??{}})}),i={errors:[{message:t.statusText,extensions:{code:t.status===401?"UNAUTHENTICATED":"INTERNAL"}}]},s=await t.json().catch(()=>i),o=(r=s.errors)==null?void 0:r[0];if(o){const d=((a=o.extensions)==null?void 0:a.code)??"GRAPHQL";throw d==="UNAUTHENTICATED"&&xt(),new Me(o.message,d)}return s.data}let He=null;function Is(){He==null||He.dispose(),He=null}function qo(){if(!He){const n=location.protocol==="https:"?"wss":"ws";He=Mo({url:`${n}://${location.host}/graphql/ws`,connectionParams:()=>Z?{Authorization:`Bearer ${Z.token}`}:{},retryAttempts:1/0,shouldRetry:()=>!0,lazy:!0})}return He}function St(n,e,t){let i=null,s=!1;const o=()=>{s||(i=qo().subscribe({query:n.toString(),variables:e()},{next:r=>{r.errors&&Kn(r.errors)?xt():r.data&&t(r.data)},error:r=>{Kn(r)&&xt(),setTimeout(o,1e3)},complete:()=>setTimeout(o,200)}))};return o(),()=>{s=!0,i==null||i()}}async function Bo(n,e){return vs(`/evidence/${n}`,e)}async function zo(n,e){return vs(`/evidence/parcels/${n}`,e)}async function vs(n,e){const t=await fetch(n,{method:"POST",headers:Z?{authorization:`Bearer ${Z.token}`}:{},body:e}),i=await t.json().catch(()=>({}));if(!t.ok)throw t.status===401&&xt(),new Me(String(i.message??t.statusText),String(i.code??"INTERNAL"));return String(i.reference)}async function Ho(n,e){const t=e.replace(/^sha256:/,""),i=await fetch(`/evidence/${n}/${t}`,{headers:Z?{authorization:`Bearer ${Z.token}`}:{}});if(!i.ok)throw new Me(i.statusText,"NOT_FOUND");return URL.createObjectURL(await i.blob())}async function Vo(n){const e=await fetch(`/evidence-pack/${n}`,{headers:Z?{authorization:`Bearer ${Z.token}`}:{}});if(!e.ok){e.status===401&&xt();const i=await e.json().catch(()=>({}));throw new Me(String(i.message??e.statusText),String(i.code??"INTERNAL"))}const t=e.headers.get("x-evidence-pack-sha256")??"";return{url:URL.createObjectURL(await e.blob()),sha256:t}}async function Wo(n,e){const t=e.replace(/^sha256:/,""),i=await fetch(`/evidence/parcels/${n}/${t}`,{headers:Z?{authorization:`Bearer ${Z.token}`}:{}});if(!i.ok)throw new Me(i.statusText,"NOT_FOUND");return URL.createObjectURL(await i.blob())}function te(){const n=crypto.getRandomValues(new Uint8Array(16));n[6]=n[6]&15|64,n[8]=n[8]&63|128;const e=Array.from(n,t=>t.toString(16).padStart(2,"0")).join("");return`${e.slice(0,8)}-${e.slice(8,12)}-${e.slice(12,16)}-${e.slice(16,20)}-${e.slice(20)}`}const Go={appName:"Returns console",signIn:"Sign in",signOut:"Sign out",name:"Name",password:"Password",wrongPassword:"Wrong name or password.",throttled:"Too many failed attempts. Try again later.",language:"Language",worklist:"Worklist",warehouse:"Warehouse",finance:"Finance",audit:"Audit",management:"Management",search:"Search",status:"Status",any:"Any",needsAttention:"Needs attention",customer:"Customer",kind:"Kind",channel:"Channel",nextAction:"Next action",due:"Due",paid:"Paid",refundable:"Refundable",refunded:"Refunded",open:"Open",ticket:"Ticket",lines:"Lines",sku:"SKU",item:"Item",qty:"Qty",received:"Received",inspection:"Inspection",customFields:"Custom fields",history:"History",actions:"Actions",noActions:"Nothing for you to do on this ticket now.",live:"live",reconnecting:"reconnecting",scan:"Scan tracking number",scanHint:"Scan or type, then Enter",noParcel:"No ticket expects this parcel.",receive:"Receive",packageCondition:"Package condition",grade:"Grade",verdict:"Verdict",accepted:"Accepted",inspected:"Inspected",deduction:"Deduction",notes:"Notes",photos:"Photos",record:"Record inspection",complete:"Complete inspection",awaitingArrival:"Awaiting arrival",toInspect:"To inspect",replacementsToShip:"Replacements to ship",goodsToReturn:"Goods to return to customers",refundsQueue:"Refunds",approve:"Approve",recordPayout:"Record payout",payoutReference:"Payout reference",payoutsPerDay:"Payouts per day and channel",amount:"Amount",verify:"Verify",intact:"Intact",broken:"Broken",wholeLog:"Whole log",seals:"Seals",asOfVersion:"As of version",actor:"Actor",role:"Role",source:"Source",causation:"Causation",event:"Event",at:"At",ticketId:"Ticket id",show:"Show",countsPerStatus:"Tickets per status",cycleTimes:"Average hours per step",reasons:"Return reasons by SKU and channel",submit:"Submit",carrier:"Carrier",trackingNumber:"Tracking number",recipient:"Recipient",phone:"Phone",address:"Address",reason:"Reason",message:"Message",resolution:"Resolution",arbitration:"Platform arbitration",arbitrationDeadline:"contest by",arbitrationCounts:"Platform arbitrations by reason, SKU and channel",noArbitrations:"No platform has intervened.",arbitrationsTotal:"Arbitrations",arbitrationOpen:"Platform deciding",note:"Note",failed:"Failed",error:"Error",forbidden:"Your role may not see this screen.",loading:"Loading…",done:"Done",followUps:"Follow-up calls",outcome:"Outcome",confirm:"Confirm",back:"Back",confirmTitle:"Please confirm",consequenceCancel:"The ticket is cancelled for good; the customer's application ends without a return or refund.",consequenceReject:"The application is rejected; the customer is told the reason.",consequenceClose:"The ticket is closed as “{resolution}”; only notes and follow-ups remain possible.",consequenceApproveRefund:"{amount} is approved for payout to the customer.",consequenceIssueRefund:"A payout of {amount} is recorded as sent, with reference {reference}.",consequenceRequestRefund:"A refund of {amount} is requested for finance to approve.",moneyInvalid:"Enter an amount in yuan, such as 12.50.",moneyOverLimit:"At most {limit} on this line.",deductionLimit:"at most {limit}",deductionFailed:"A failed line refunds nothing, so its deduction is 0.",keepNotes:"Keep the recorded notes (hidden from your role)",newNotes:"New notes",keepPhotos:"Recorded photos kept: {count}",changedMeanwhile:"This line was recorded again meanwhile: {summary}. Your unsaved changes are kept.",useRecorded:"Use the recorded values",recorded:"recorded",notRecorded:"not inspected yet",sessionEnded:"Your session ended. Sign in again to continue; what you typed is kept.",noMatchScan:"No ticket expects parcel {number}.",noMatchNext:"Check the number on the label and scan again, or register it as an unmatched parcel: it is received on its ticket as soon as one names it.",scanAgain:"Scan again",scannedNumber:"Scanned",auditTrail:"Audit trail",noResults:"No tickets match these filters.",events:"events",streams:"streams",head:"Head",hash:"Hash",photo:"Photo",close:"Close",assignee:"Assignee",unassigned:"Unassigned",reference:"Reference",version:"Version",tickets:"Tickets",units:"Units",hours:"Hours",platformOrder:"Platform order",platformAfterSale:"Platform after-sale id",opened:"Opened",returnAddress:"Return address",replacementShipment:"Replacement shipment",goodsReturnedShipment:"Goods sent back",inspectionOutcome:"Inspection outcome",feedbackSent:"Feedback sent",rejectionReason:"Rejection reason",cancelReason:"Cancellation reason",reasonCode:"Reason",notFoundId:"No ticket has this id",sortBy:"Sort by {column}",purpose:"Purpose",fieldName:"Field",fieldValue:"Value",referenceUsed:"Reference {reference} was already recorded for the refund of ticket {ticket}. Check it before confirming.",selectTicket:"Select ticket {ticket}",selectAll:"Select all",openTicket:"Open a ticket",searchHint:"Short id, tracking no., order or after-sale id, exact name or phone",searchHintIds:"Short id, tracking no., order or after-sale id",savedViews:"Saved views",chooseView:"Choose a view",noSavedViews:"No saved views yet",deleteView:"Delete view {name}",delete:"Delete",saveView:"Save view",viewName:"View name",bulk_assign:"Assign",bulk_note:"Add the note",bulk_approve:"Approve",bulkAssignConsequence:"{count} tickets are assigned to {assignee}.",bulkNoteConsequence:"The note is added to {count} tickets.",bulkApproveConsequence:"{count} applications are approved; the shop's policy sets each ship-back deadline.",bulkActions:"Bulk actions",selectedCount:"{count} selected",bulkAction:"Action",bulkSkipped:"{count} of the selected tickets do not allow this now and are left out.",bulkDone:"Done: {ok} succeeded, {failed} failed.",reasonText:"Customer's words",line:"Line",removeLine:"Remove line {line}",addLine:"Add a line",followUp:"Follow-up",shipReplacement:"Ship replacement",returnGoods:"Send goods back",shipTo:"Ship to",noAddress:"no address on file",revealAddress:"Show the address",personalAccess:"Personal data",grantAuditor:"Grant an auditor this ticket's personal data",grantee:"Auditor (account name)",grantHours:"For how many hours (at most 168)",grant:"Grant",granted:"Granted to {who} until {until}",revealGranted:"Show the personal data (needs an admin's grant)",revealReason:"Why (recorded with the reveal)",reveal:"Show",payoutMode:"Mode",issuedBy:"Recorded by",issuedAt:"Issued at",refundId:"Refund",currency:"Currency",amountYuan:"Amount (yuan)",reconciliation:"Reconciliation",from:"From",to:"To",exportCsv:"Export CSV",day:"Day",count:"Count",noPayoutsInPeriod:"No payouts in this period.",filters:"Filters",disputes:"Platform disputes",disputesHint:"Cases the platform is arbitrating, the nearest deadline first. Download the evidence pack and upload it in the platform's back office before the deadline.",noDisputes:"No platform is arbitrating a case.",noDeadline:"no deadline given",platformDeadline:"Platform deadline",evidencePack:"Evidence pack",downloadPack:"Download the evidence pack",packUploaded:"I uploaded it to the platform",packUploadedConsequence:"The ticket records that this pack (SHA-256 {digest}…) was uploaded in the platform's back office, by you, now.",packRecorded:"Recorded as submitted.",evidenceSubmissions:"Evidence submitted",registerUnmatched:"Register as an unmatched parcel",poolRegistered:"Parcel {number} is in the unmatched pool. It is received on its ticket as soon as a ticket names its tracking number.",parcelContents:"Contents",senderName:"Sender's name as printed",senderPhone:"Sender's phone as printed",sender:"Sender",findTicket:"Find its ticket",findTicketHint:"Order or after-sale id, phone, name or SKU",noCandidates:"No ticket waiting for goods matches.",expecting:"Expecting",receiveOnTicket:"Receive on this ticket",receiveOnTicketConsequence:"Parcel {number} will count as received on ticket {ticket}, with every unit the ticket still expects. Another ticket can no longer claim it.",dispositionAsked:"Disposition asked for",decideDisposition:"Decide the disposition",approveDisposition:"Approve the disposition",refuseDisposition:"Refuse the disposition",approveDispositionConsequence:"Parcel {number} will be disposed of ({disposition}) and leaves the pool for good.",refuseDispositionConsequence:"Parcel {number} goes back into the pool to wait for its ticket.",disposableFrom:"A disposition may be asked for in {days} days.",disposition:"Disposition",dispositionReason:"What was tried to find its ticket",requestDisposition:"Ask for a disposition",requestDispositionConsequence:"An admin is asked to approve: parcel {number}, {disposition}.",parcelPool:"Unmatched parcels",poolEmpty:"No parcel is waiting for its ticket.",poolAge:"{days} days in the pool",poolWaiting:"Waiting for their ticket",poolOldest:"The oldest waiting",poolApprovals:"Dispositions to approve",poolMatched:"Matched to a ticket",poolDisposed:"Disposed of",ticketsCount:"Tickets",managementScope:"Counts and cycle times: tickets applied for in the period, of the channel and kind. Reasons: all time, of the channel and SKU.",reshipsToShip:"Parts to reship",shipPart:"Ship the part",shipRepaired:"Ship back repaired",repairsToDo:"Repairs to do",repairsToShipBack:"Repaired goods to ship back",contents:"Contents",receiptBy:"Confirmed by",reshipment:"Reshipped part",repair:"Repair",repairMethod:"Repair method",workDone:"Work done",parts:"Parts (separated by commas)",repairCost:"Repair cost",partsCarrier:"Parts parcel: carrier",partsTracking:"Parts parcel: tracking number",repairReturnShipment:"Repaired goods sent back",priceDifference:"Price difference",differenceSource:"Stated by",basis:"Basis",conversion:"Conversion",conversionRefund:"Refund from now on",offerType:"What is offered",respondBy:"Answer by",noteToBuyer:"Note to the buyer",negotiation:"Negotiation",offer:"Offer",offerMade:"Made",offerSettled:"Settled",answer:"Buyer's answer",replacementVariants:"Replacement variants",variantSku:"Replacement SKU",variantName:"Replacement name",variantDifference:"Price difference for the line (+ dearer, − cheaper)",variantCharge:"Asked of the buyer",moneyInvalidSigned:"Enter an amount in yuan, such as 12.50 or -12.50.",moneyMax:"At most {limit}.",moneyMin:"At least {limit}.",moneyRange:"{min} to {max}",moneyFloor:"at least {limit}",approveRepairNote:"Leave the address empty when parts are sent or a technician visits; with an address the goods come back.",consequenceStateDifference:"A difference of {amount} is stated; within the shop's policy the engine approves it and the refund follows.",consequenceConfirmReshipment:"The part counts as received (confirmed by: {by}) and the ticket closes as “Part reshipped”.",consequenceConvertRefund:"From now on the ticket is handled as “{conversion}”, with a refund of {amount} in all. A ticket converts only once.",consequenceConvertExchange:"From now on the ticket is handled as “{conversion}”: a replacement ships instead. A ticket converts only once.",consequenceOfferAccepted:"The buyer accepted “{offer}”: it takes effect now.",consequenceOfferDeclined:"The buyer declined “{offer}”: the ticket stays as it was."},Yo={appName:"退换货工作台",signIn:"登录",signOut:"退出",name:"用户名",password:"密码",wrongPassword:"用户名或密码错误。",throttled:"失败次数过多，请稍后再试。",language:"语言",worklist:"工单",warehouse:"仓库",finance:"财务",audit:"审计",management:"管理",search:"搜索",status:"状态",any:"全部",needsAttention:"需要处理",customer:"客户",kind:"类型",channel:"渠道",nextAction:"下一步",due:"期限",paid:"实付",refundable:"可退",refunded:"已退",open:"打开",ticket:"工单",lines:"商品",sku:"SKU",item:"商品名",qty:"数量",received:"已收",inspection:"质检",customFields:"自定义字段",history:"历史",actions:"操作",noActions:"此工单当前没有您的操作。",live:"实时",reconnecting:"重新连接中",scan:"扫描运单号",scanHint:"扫码或输入后按回车",noParcel:"没有工单在等待此包裹。",receive:"签收",packageCondition:"包装状况",grade:"成色",verdict:"结论",accepted:"合格数",inspected:"质检数",deduction:"扣款",notes:"备注",photos:"照片",record:"记录质检",complete:"完成质检",awaitingArrival:"待到货",toInspect:"待质检",replacementsToShip:"待发换新",goodsToReturn:"待退回客户",refundsQueue:"退款",approve:"批准",recordPayout:"登记打款",payoutReference:"打款流水号",payoutsPerDay:"每日各渠道打款",amount:"金额",verify:"校验",intact:"完好",broken:"已损坏",wholeLog:"整个日志",seals:"封印",asOfVersion:"查看版本",actor:"操作人",role:"角色",source:"来源",causation:"起因",event:"事件",at:"时间",ticketId:"工单号",show:"显示",countsPerStatus:"各状态工单数",cycleTimes:"各环节平均小时数",reasons:"按 SKU 和渠道的退货原因",submit:"提交",carrier:"承运商",trackingNumber:"运单号",recipient:"收件人",phone:"电话",address:"地址",reason:"原因",message:"消息",resolution:"结果",arbitration:"平台介入",arbitrationDeadline:"申诉截止",arbitrationCounts:"按原因、SKU 和渠道的平台介入",noArbitrations:"暂无平台介入。",arbitrationsTotal:"介入次数",arbitrationOpen:"平台处理中",note:"备注",failed:"失败",error:"错误",forbidden:"您的角色无权查看此页面。",loading:"加载中…",done:"完成",followUps:"回访",outcome:"回访结果",confirm:"确认",back:"返回",confirmTitle:"请确认",consequenceCancel:"工单将被永久取消；客户的申请结束，不退货也不退款。",consequenceReject:"申请将被驳回，并告知客户原因。",consequenceClose:"工单将以“{resolution}”结案；之后只能添加备注和回访。",consequenceApproveRefund:"将批准向客户打款 {amount}。",consequenceIssueRefund:"将登记已打款 {amount}，流水号 {reference}。",consequenceRequestRefund:"将申请退款 {amount}，由财务审批。",moneyInvalid:"请输入以元为单位的金额，例如 12.50。",moneyOverLimit:"此商品最多 {limit}。",deductionLimit:"最多 {limit}",deductionFailed:"不合格的商品不退款，扣款须为 0。",keepNotes:"保留已记录的备注（您的角色不可见）",newNotes:"新备注",keepPhotos:"保留已记录的照片：{count} 张",changedMeanwhile:"此商品的质检刚被重新记录：{summary}。您未保存的修改仍保留。",useRecorded:"采用已记录的值",recorded:"已记录",notRecorded:"尚未质检",sessionEnded:"您的登录已失效。请重新登录以继续；已输入的内容会保留。",noMatchScan:"没有工单在等待包裹 {number}。",noMatchNext:"请核对面单上的单号后重新扫描，或登记为无头件：一旦有工单填写此单号，即自动签收到该工单。",scanAgain:"重新扫描",scannedNumber:"已扫描",auditTrail:"审计记录",noResults:"没有符合条件的工单。",events:"个事件",streams:"个工单流",head:"位置",hash:"哈希",photo:"照片",close:"关闭",assignee:"处理人",unassigned:"未分配",reference:"流水号",version:"版本",tickets:"工单数",units:"件数",hours:"小时",platformOrder:"平台订单号",platformAfterSale:"平台售后单号",opened:"申请时间",returnAddress:"退货地址",replacementShipment:"换新运单",goodsReturnedShipment:"退回客户运单",inspectionOutcome:"质检结果",feedbackSent:"已发送的反馈",rejectionReason:"驳回原因",cancelReason:"取消原因",reasonCode:"原因",notFoundId:"没有此编号的工单",sortBy:"按{column}排序",purpose:"目的",fieldName:"字段",fieldValue:"值",referenceUsed:"流水号 {reference} 已用于工单 {ticket} 的退款，请核对后再确认。",selectTicket:"选择工单 {ticket}",selectAll:"全选",openTicket:"新建工单",searchHint:"短单号、运单号、订单号、售后单号、准确姓名或电话",searchHintIds:"短单号、运单号、订单号或售后单号",savedViews:"常用视图",chooseView:"选择视图",noSavedViews:"尚无保存的视图",deleteView:"删除视图 {name}",delete:"删除",saveView:"保存视图",viewName:"视图名称",bulk_assign:"分配",bulk_note:"添加备注",bulk_approve:"同意",bulkAssignConsequence:"将 {count} 个工单分配给 {assignee}。",bulkNoteConsequence:"为 {count} 个工单添加此备注。",bulkApproveConsequence:"同意 {count} 个申请；寄回期限按店铺政策设置。",bulkActions:"批量操作",selectedCount:"已选 {count} 个",bulkAction:"操作",bulkSkipped:"所选工单中有 {count} 个当前不允许此操作，已略过。",bulkDone:"完成：成功 {ok} 个，失败 {failed} 个。",reasonText:"客户描述",line:"商品行",removeLine:"删除第 {line} 行",addLine:"添加商品行",followUp:"回访",shipReplacement:"发出换新",returnGoods:"退回商品",shipTo:"收件人",noAddress:"无地址",revealAddress:"查看地址",personalAccess:"个人信息",grantAuditor:"授权审计员查看本工单的个人信息",grantee:"审计员（账号名）",grantHours:"授权时长（小时，最多 168）",grant:"授权",granted:"已授权 {who}，至 {until}",revealGranted:"查看个人信息（需管理员授权）",revealReason:"原因（随查看一并记录）",reveal:"查看",payoutMode:"打款方式",issuedBy:"记录人",issuedAt:"打款时间",refundId:"退款单",currency:"币种",amountYuan:"金额（元）",reconciliation:"对账",from:"开始日期",to:"结束日期",exportCsv:"导出 CSV",day:"日期",count:"笔数",noPayoutsInPeriod:"该期间没有打款。",filters:"筛选",disputes:"平台介入（纠纷）",disputesHint:"平台正在仲裁的案件，截止时间最近的在前。请下载举证包，并在截止前上传至平台后台。",noDisputes:"暂无平台介入的案件。",noDeadline:"平台未给出截止时间",platformDeadline:"平台截止时间",evidencePack:"举证包",downloadPack:"下载举证包",packUploaded:"已上传至平台",packUploadedConsequence:"工单将记录：此举证包（SHA-256 {digest}…）已由您于现在上传至平台后台。",packRecorded:"已记录为已提交。",evidenceSubmissions:"已提交举证",registerUnmatched:"登记为无头件",poolRegistered:"包裹 {number} 已进入无头件池。一旦有工单填写此运单号，即自动在该工单签收。",parcelContents:"包裹内容",senderName:"面单寄件人姓名",senderPhone:"面单寄件人电话",sender:"寄件人",findTicket:"查找所属工单",findTicketHint:"订单号、售后单号、电话、姓名或 SKU",noCandidates:"没有待收货的工单匹配。",expecting:"待收",receiveOnTicket:"在此工单签收",receiveOnTicketConsequence:"包裹 {number} 将在工单 {ticket} 签收，数量为该工单全部待收件数。之后其他工单无法再认领。",dispositionAsked:"已申请处置",decideDisposition:"审批处置",approveDisposition:"批准处置",refuseDisposition:"驳回处置",approveDispositionConsequence:"包裹 {number} 将按「{disposition}」处置，并永久移出无头件池。",refuseDispositionConsequence:"包裹 {number} 将退回无头件池，继续等待所属工单。",disposableFrom:"{days} 天后可申请处置。",disposition:"处置方式",dispositionReason:"已尝试的查找方式",requestDisposition:"申请处置",requestDispositionConsequence:"将请管理员审批：包裹 {number}，{disposition}。",parcelPool:"无头件",poolEmpty:"没有等待认领的包裹。",poolAge:"在池 {days} 天",poolWaiting:"待认领",poolOldest:"最久待认领",poolApprovals:"待审批处置",poolMatched:"已匹配工单",poolDisposed:"已处置",ticketsCount:"工单数",managementScope:"状态统计与周期：期间内申请、所选渠道与类型的工单。退货原因：全部时间，按渠道与 SKU。",reshipsToShip:"待补寄",shipPart:"补寄发货",shipRepaired:"寄回维修件",repairsToDo:"待维修",repairsToShipBack:"待寄回维修件",contents:"包裹内容",receiptBy:"签收确认方",reshipment:"补寄包裹",repair:"维修",repairMethod:"维修方式",workDone:"维修内容",parts:"配件（用逗号分隔）",repairCost:"维修费用",partsCarrier:"配件包裹承运商",partsTracking:"配件包裹运单号",repairReturnShipment:"维修件寄回运单",priceDifference:"差价",differenceSource:"差价来源",basis:"差价依据",conversion:"处理方式转换",conversionRefund:"转换后的退款总额",offerType:"协商方案",respondBy:"答复期限",noteToBuyer:"给买家的说明",negotiation:"协商记录",offer:"方案",offerMade:"发起时间",offerSettled:"结束时间",answer:"买家答复",replacementVariants:"换款",variantSku:"换款 SKU",variantName:"换款商品名",variantDifference:"整行差价（正数买家补差，负数退还买家）",variantCharge:"向买家申请的补差价",moneyInvalidSigned:"请输入以元为单位的金额，例如 12.50 或 -12.50。",moneyMax:"最多 {limit}。",moneyMin:"最少 {limit}。",moneyRange:"{min} 至 {max}",moneyFloor:"最少 {limit}",approveRepairNote:"寄送配件或上门维修时请留空地址；填写地址则商品寄回维修。",consequenceStateDifference:"将登记差价 {amount}；在店铺政策范围内系统将自动同意并退款。",consequenceConfirmReshipment:"补寄包裹将记为已签收（确认方：{by}），工单以“已补寄”结案。",consequenceConvertRefund:"工单将改为“{conversion}”处理，退款总额 {amount}。每个工单只能转换一次。",consequenceConvertExchange:"工单将改为“{conversion}”处理：改为发出换新。每个工单只能转换一次。",consequenceOfferAccepted:"买家接受“{offer}”：方案立即生效。",consequenceOfferDeclined:"买家拒绝“{offer}”：工单保持不变。"},Ko={en:Go,zh:Yo};function Xo(n,e){if(n==="zh"||n==="en")return n;for(const t of e){const i=t.toLowerCase();if(i.startsWith("zh"))return"zh";if(i.startsWith("en"))return"en"}return"en"}function jn(n,e){return Ko[n][e]}function Qo(n,e){return n.replace(/\{(\w+)\}/g,(t,i)=>String(e[i]??`{${i}}`))}function Tn(n){return n==="zh"?"zh-CN":"en-US"}function Zo(n,e,t="en"){return new Intl.NumberFormat(Tn(t),{style:"currency",currency:e,currencyDisplay:"symbol"}).format(n===0?0:n/100)}function Ss(n){const e=Math.abs(n);return`${n<0?"-":""}${Math.trunc(e/100)}.${String(e%100).padStart(2,"0")}`}function Ue(n){const e=/^\s*[¥￥]?\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?\s*$/.exec(n);return e?Number(e[1].replace(/,/g,""))*100+Number((e[2]??"0").padEnd(2,"0")):null}function $s(n){const e=/^\s*([-+−])?\s*(.*)$/.exec(n),t=e?Ue(e[2]):null;return t===null||!e?null:(e[1]==="-"||e[1]==="−")&&t!==0?-t:t}function Jo(n,e){return new Intl.DateTimeFormat(Tn(e),{dateStyle:"medium",timeZone:"UTC"}).format(new Date(`${n}T00:00:00Z`))}function er(n,e){return new Intl.DateTimeFormat(Tn(e),{dateStyle:"medium",timeStyle:"short"}).format(new Date(n))}const Pn={status:{NOT_OPENED:["Not opened","未创建"],APPLIED:["Applied","已申请"],APPROVED:["Approved","已同意"],RETURN_SHIPPED:["Return shipped","买家已寄回"],RECEIVED:["Received","已签收"],INSPECTING:["Inspecting","质检中"],INSPECTED:["Inspected","已质检"],FEEDBACK_SENT:["Feedback sent","已反馈"],DISPUTED:["Disputed","有异议"],REFUNDING:["Refunding","退款中"],REFUNDED:["Refunded","已退款"],REPLACEMENT_SHIPPED:["Replacement shipped","换新已发出"],GOODS_RETURNED:["Goods returned","已退回客户"],RESHIPPED:["Part reshipped","补寄已发出"],REPAIRED:["Repaired","已维修"],REPAIR_SHIPPED_BACK:["Repaired goods shipped back","维修件已寄回"],CONVERTED:["Converted","已转换处理方式"],REJECTED:["Rejected","已驳回"],CLOSED:["Closed","已结案"],CANCELLED:["Cancelled","已取消"]},kind:{RETURN_AND_REFUND:["Return and refund","退货退款"],REFUND_ONLY:["Refund only","仅退款"],EXCHANGE:["Exchange","换货"],RESHIP:["Reship","补寄"],REPAIR:["Repair","维修"],PRICE_PROTECTION:["Price protection","价保/退差价"]},channel:{taobao:["Taobao","淘宝"],douyin:["Douyin","抖音"],kuaishou:["Kuaishou","快手"],manual:["Manual","手工"]},grade:{NEW:["New","全新"],OPENED:["Opened","已拆封"],USED:["Used","已使用"],DAMAGED:["Damaged","已损坏"],MISSING:["Missing","缺失"],WRONG_ITEM:["Wrong item","错发商品"]},verdict:{PASS:["Pass","合格"],FAIL:["Fail","不合格"]},outcome:{PASSED:["Passed","合格"],PARTIAL:["Partly passed","部分合格"],FAILED:["Failed","不合格"]},packageCondition:{INTACT:["Intact","完好"],DAMAGED:["Damaged","破损"],TAMPERED:["Tampered","被拆动"]},resolution:{REFUNDED:["Refunded","已退款"],EXCHANGED:["Exchanged","已换货"],REJECTED:["Rejected","已驳回"],REJECTED_AFTER_INSPECTION:["Rejected after inspection","质检后驳回"],RESOLVED_WITHOUT_RETURN:["Resolved without a return","无需退货已解决"],EXPIRED:["Expired","已过期"],RESHIPPED:["Part reshipped","已补寄"],REPAIRED:["Repaired","已维修"]},arbitrationOutcome:{FOR_BUYER:["Decided for the buyer","判买家胜"],FOR_SELLER:["Decided for the seller","判卖家胜"],NOT_STATED:["Decided (outcome not stated)","已判定（结果未注明）"]},refundStatus:{REQUESTED:["Requested","待审批"],APPROVED:["Approved","待打款"],ISSUED:["Issued","已打款"],FAILED:["Failed","打款失败"]},role:{CUSTOMER_SERVICE:["Customer service","客服"],WAREHOUSE:["Warehouse","仓库"],FINANCE:["Finance","财务"],AUDITOR:["Auditor","审计"],ADMIN:["Administrator","管理员"],SYSTEM:["System","系统"]},nextAction:{platform_intervening:["Platform intervening","平台介入中"],platform_sync_pending:["Platform record pending","平台记录待同步"],platform_sync_conflict:["Platform record conflicts","平台记录冲突"],platform_decides:["Platform decides soon","平台即将自动处理"],review:["Review the application","审核申请"],ship_back:["Wait for the return parcel","等待买家寄回"],follow_up:["Follow-up call","回访"]},command:{OpenTicket:["Open ticket","创建工单"],ApproveApplication:["Approve application","同意申请"],RejectApplication:["Reject application","驳回申请"],RegisterReturnShipment:["Register return shipment","登记退货运单"],ReceiveReturn:["Receive return","签收退货"],RecordInspection:["Record inspection","记录质检"],CompleteInspection:["Complete inspection","完成质检"],SendInspectionFeedback:["Send inspection feedback","发送质检反馈"],DisputeInspection:["Dispute inspection","质检异议"],RequestRefund:["Request refund","申请退款"],ApproveRefund:["Approve refund","批准退款"],IssueRefund:["Record payout","登记打款"],RecordRefundFailure:["Record payout failure","登记打款失败"],ShipReplacement:["Ship replacement","发出换新"],ReturnGoodsToCustomer:["Return goods to customer","退回客户"],CloseTicket:["Close ticket","结案"],CancelTicket:["Cancel ticket","取消工单"],AssignTicket:["Assign ticket","分配工单"],AddNote:["Add note","添加备注"],UpdateCustomFields:["Update custom fields","修改自定义字段"],ScheduleFollowUp:["Schedule follow-up","安排回访"],CompleteFollowUp:["Complete follow-up","完成回访"],RecordMissedDeadline:["Record missed deadline","记录超时"],RecordPlatformApproval:["Record platform approval","登记平台同意"],RecordPlatformRefund:["Record platform refund","登记平台退款"],RecordPlatformSyncIssue:["Record platform sync issue","登记平台同步问题"],ResolvePlatformSync:["Resolve platform sync","解决平台同步"],RecordPlatformDeadline:["Record platform deadline","登记平台期限"],RecordPlatformDeadlineNear:["Record platform deadline near","登记平台期限将至"],RecordPlatformArbitration:["Record platform arbitration","登记平台介入"],RecordPlatformCorrection:["Record platform correction","登记平台更正"],StatePriceDifference:["State price difference","登记差价"],ShipReshipment:["Ship the missing part","补寄发货"],ConfirmReshipmentReceived:["Confirm part received","确认补寄签收"],RecordRepair:["Record repair","登记维修"],ShipRepairedGoods:["Ship repaired goods back","寄回维修件"],ConvertTicket:["Convert ticket","转换处理方式"],MakeCounterOffer:["Make a counter-offer","发起协商"],RecordOfferAnswer:["Record the buyer's answer","登记买家答复"],ExpireCounterOffer:["Expire the counter-offer","协商已超时"],ChooseReplacementVariant:["Choose another variant","换货换款"],ReceiveMatchedParcel:["Receive a parcel from the unmatched pool","签收无头件"],RecordEvidenceSubmission:["Record the evidence submitted","登记已提交举证"]},event:{TicketOpened:["Ticket opened","工单已创建"],ApplicationApproved:["Application approved","申请已同意"],ApplicationRejected:["Application rejected","申请已驳回"],ReturnShipmentRegistered:["Return shipment registered","退货运单已登记"],ReturnReceived:["Return received","退货已签收"],LineInspected:["Line inspected","商品已质检"],InspectionCompleted:["Inspection completed","质检已完成"],InspectionFeedbackSent:["Inspection feedback sent","质检反馈已发送"],InspectionDisputed:["Inspection disputed","质检有异议"],RefundRequested:["Refund requested","已申请退款"],RefundApproved:["Refund approved","退款已批准"],RefundIssued:["Refund paid out","退款已打款"],RefundFailed:["Payout failed","打款失败"],ReplacementShipped:["Replacement shipped","换新已发出"],GoodsReturnedToCustomer:["Goods returned to customer","已退回客户"],TicketClosed:["Ticket closed","工单已结案"],TicketCancelled:["Ticket cancelled","工单已取消"],TicketAssigned:["Ticket assigned","工单已分配"],NoteAdded:["Note added","已添加备注"],CustomFieldsUpdated:["Custom fields updated","自定义字段已修改"],FollowUpScheduled:["Follow-up scheduled","已安排回访"],FollowUpCompleted:["Follow-up completed","回访已完成"],DeadlineMissed:["Deadline missed","已超时"],PlatformSyncPending:["Platform sync pending","平台同步待处理"],PlatformSyncConflicted:["Platform sync conflict","平台同步冲突"],PlatformSyncResolved:["Platform sync resolved","平台同步已解决"],PlatformDeadlineSet:["Platform deadline set","平台期限已设置"],PlatformDeadlineNear:["Platform deadline near","平台期限将至"],ReturnShipmentCorrected:["Return waybill corrected","退货运单已更正"],CustomerContactCorrected:["Customer contact corrected","客户联系方式已更正"],PriceDifferenceStated:["Price difference stated","差价已登记"],ReshipmentShipped:["Part reshipped","补寄已发出"],ReshipmentReceived:["Reshipped part received","补寄已签收"],RepairRecorded:["Repair recorded","维修已登记"],RepairedGoodsShipped:["Repaired goods shipped back","维修件已寄回"],TicketConverted:["Ticket converted","处理方式已转换"],CounterOfferMade:["Counter-offer made","已发起协商"],CounterOfferAnswered:["Counter-offer answered","买家已答复协商"],CounterOfferExpired:["Counter-offer expired","协商已超时"],ReplacementVariantChosen:["Another variant chosen","已换款"],PriceDifferenceChargeRequested:["Price difference requested from the buyer","已向买家申请补差价"],PoolParcelMatched:["Parcel from the unmatched pool matched","无头件已匹配"],EvidenceSubmitted:["Evidence pack submitted to the platform","举证包已提交平台"]},parcelStatus:{UNMATCHED:["Waiting for its ticket","待认领"],MATCHED:["Matched","已匹配"],DISPOSITION_REQUESTED:["Disposition to approve","处置待审批"],DISPOSED:["Disposed of","已处置"]},disposition:{RETURN_TO_SENDER:["Return to sender","退回寄件人"],KEEP:["Keep in stock","留存入库"],WRITE_OFF:["Write off","报废核销"]},waiting:{APPLIED:["Review the application","审核申请"],APPROVED:["Wait for the return parcel","等待买家寄回"],RETURN_SHIPPED:["Warehouse: receive the parcel","仓库：签收包裹"],RECEIVED:["Warehouse: inspect","仓库：质检"],INSPECTING:["Warehouse: complete the inspection","仓库：完成质检"],INSPECTED:["Send the inspection feedback","发送质检反馈"],FEEDBACK_SENT:["Refund, ship or return the goods","退款、发出换新或退回商品"],DISPUTED:["Warehouse: inspect again","仓库：重新质检"],REFUNDING:["Finance: approve and pay out","财务：审批并打款"],REFUNDED:["Close the ticket","结案"],REPLACEMENT_SHIPPED:["Close the ticket","结案"],GOODS_RETURNED:["Close the ticket","结案"],RESHIPPED:["Wait for the buyer's receipt","等待买家签收"],REPAIRED:["Warehouse: ship the goods back, or close","仓库：寄回维修件或结案"],REPAIR_SHIPPED_BACK:["Close the ticket","结案"],CONVERTED:["Refund or ship the replacement","退款或发出换新"],REJECTED:["Close the ticket","结案"]},step:{review:["Review","审核"],ship_back:["Ship back","买家寄回"],transit:["In transit","运输"],inspection:["Inspection","质检"],refund:["Refund","退款"],replacement:["Replacement","换新"],resolution:["Whole case","全流程"]},reason:{quality_issue:["Quality issue","质量问题"],size_issue:["Size issue","尺码不合适"],logistics_damage:["Damaged in transit","物流损坏"],wrong_item:["Wrong item sent","发错货"],not_as_described:["Not as described","与描述不符"],changed_mind:["Changed mind","不想要了"],missing_parts:["Missing parts","缺少配件"],late_delivery:["Late delivery","发货太慢"]},payoutMode:{MANUAL:["Manual","人工打款"],WEBHOOK:["ERP webhook","接口打款"],PLATFORM:["Platform","平台退款"],SIMULATED:["Simulated","模拟"]},followUpOutcome:{satisfied:["Satisfied","满意"],resolved_on_call:["Resolved on the call","电话中已解决"],unsatisfied:["Still unsatisfied","仍不满意"],call_back:["Call back later","需再次联系"],no_answer:["No answer","无人接听"],escalated:["Escalated as a complaint","已升级为投诉"]},receiptBy:{BUYER:["The buyer","买家"],PLATFORM:["Platform's record","平台记录"],CARRIER:["Carrier's tracking","物流签收"]},repairMethod:{WORKSHOP:["In the workshop","返厂维修"],PARTS_SENT:["Parts sent","寄送配件"],VISIT:["Technician's visit","上门维修"]},differenceSource:{PLATFORM:["Platform's record","平台记录"],POLICY:["Shop's price policy","店铺价保政策"]},conversion:{EXCHANGE_TO_REFUND:["Exchange to refund","换货转退款"],REPAIR_TO_REFUND:["Repair to refund","维修转退款"],REPAIR_TO_EXCHANGE:["Repair to exchange","维修转换货"],RESHIP_TO_REFUND:["Reship to refund","补寄转退款"],RETURN_TO_PARTIAL_REFUND:["Partial refund, goods kept","退货转部分退款（不退货）"]},offerType:{PARTIAL_REFUND:["Partial refund, goods kept","部分退款（不退货）"],CONVERSION:["Another resolution","更换处理方式"],RETURN_ADDRESS:["Another return address","更换退货地址"]},offerStatus:{OPEN:["Awaiting the buyer","待买家答复"],ACCEPTED:["Accepted","已接受"],DECLINED:["Declined","已拒绝"],EXPIRED:["Expired","已超时"]},offerAnswer:{ACCEPTED:["Accepted","接受"],DECLINED:["Declined","拒绝"]},error:{UNAUTHENTICATED:["Your session ended.","登录已失效。"],FORBIDDEN:["Your role may not do this.","您的角色无权执行此操作。"],NOT_FOUND:["Not found.","未找到。"],VALIDATION:["Some input is not valid.","输入有误。"],INVALID_TRANSITION:["The ticket does not allow this now; it may have changed meanwhile.","工单当前不允许此操作，可能刚被他人修改。"],CONFLICT:["The ticket changed meanwhile; look again and retry.","工单刚被修改，请查看后重试。"],THROTTLED:["Too many attempts; try again later.","尝试次数过多，请稍后再试。"],NOT_YET_CONSISTENT:["The lists are catching up; try again in a moment.","列表正在更新，请稍后再试。"],UNAVAILABLE:["The database cannot be reached; try again.","无法连接数据库，请重试。"],INTERNAL:["The server failed; try again.","服务器出错，请重试。"]}},Ds=Object.keys(Pn.followUpOutcome);function kn(n,e,t){if(t==null)return"—";const i=Pn[e][t];return i?i[n==="zh"?1:0]:t}function tr(n,e,t){return{lang:n,t:(s,o)=>o?Qo(e(n,s),o):e(n,s),e:(s,o)=>kn(n,s,o),money:s=>s?Zo(s.amountMinor,s.currency,n):"—",date:s=>s?er(s,n):"—",err:s=>{if(s instanceof Me){const o=kn(n,"error",s.code);return n==="en"&&s.message?`${o} (${s.message})`:o}return s instanceof Error?s.message:String(s)},session:t}}const _s=D.createContext(null);function z(){const n=D.useContext(_s);if(!n)throw new Error("no app context");return n}function nr(){const[n,e]=D.useState(location.pathname+location.search);return D.useEffect(()=>{const t=()=>e(location.pathname+location.search);return addEventListener("popstate",t),addEventListener("returns:navigate",t),()=>{removeEventListener("popstate",t),removeEventListener("returns:navigate",t)}},[]),n}function $t(n,e=!1){e?history.replaceState(null,"",n):history.pushState(null,"",n),dispatchEvent(new Event("returns:navigate"))}const ir=n=>(n.match(/\d+[xX]\d+|[A-Z]?[a-z]+|[A-Z]|\d+/g)??[]).join("-").toLowerCase();function sr(n,e,t=[]){if(e==null)throw new Error("[lucide]: iconNode is required when icon name is used");return{name:ir(n),size:24,node:e,...t.length>0?{aliases:t}:{}}}const or=n=>{let e="",t=!1;for(const i of n){if(i==="-"||i==="_"||i<=" "){t=e.length>0;continue}e.length===0?e+=i.toLowerCase():e+=t?i.toUpperCase():i,t=!1}return e},rr=n=>{const e=or(n);return e.charAt(0).toUpperCase()+e.slice(1)},In=(...n)=>{const e=new Set;for(const t of n)if(typeof t=="string")for(const i of t.split(/\s+/))i&&e.add(i);return[...e].join(" ")},Xe={xmlns:"http://www.w3.org/2000/svg",width:24,height:24,viewBox:"0 0 24 24",fill:"none",stroke:"currentColor","stroke-width":2,"stroke-linecap":"round","stroke-linejoin":"round"};function sn(n){return n!=null}function ar(n,e={}){var p,f;const t=e.attributeNames??{},i=b=>t[b]??b,s=n.size??n.width??Xe.width,o=n.size??n.height??Xe.height,r=((p=n.aliases)==null?void 0:p.filter(b=>typeof b=="string"&&b.trim()!=="").map(b=>`lucide-${b}`))??[],a=[...n.name?[`lucide-${n.name}`]:[],...r],d=((f=e.className)==null?void 0:f.split(" ").filter(Boolean))??[],l=e.includeDefaultClasses===!1?In(...d):In("lucide",...a,...d);let h=e.strokeWidth??Xe["stroke-width"];if(e.absoluteStrokeWidth){const b=Number(h)*Number(n.size??n.width??Xe.width)/Number(e.size??e.width??Xe.width);Number.isFinite(b)&&(h=b)}return["svg",{...Object.entries(Xe).reduce((b,[x,g])=>(b[i(x)]=g,b),{}),..."color"in e&&e.color&&{[i("stroke")]:e.color},..."size"in e&&sn(e.size)&&{[i("width")]:e.size,[i("height")]:e.size},..."width"in e&&sn(e.width)&&{[i("width")]:e.width},..."height"in e&&sn(e.height)&&{[i("height")]:e.height},[i("stroke-width")]:h,...l&&{[i("class")]:l},[i("viewBox")]:`0 0 ${s} ${o}`,...e.hasA11yProp===!1?{[i("aria-hidden")]:"true"}:{},..."attributes"in e&&e.attributes},n.node.map(b=>{const[x,g,S]=b,$=e.nonScalingStroke?{[i("vector-effect")]:"non-scaling-stroke",...g}:g;return S?[x,$,S]:[x,$]})]}function cr(n,e={}){return ar(n,{...e,attributeNames:{...e.attributeNames,class:"className","stroke-width":"strokeWidth","stroke-linecap":"strokeLinecap","stroke-linejoin":"strokeLinejoin","vector-effect":"vectorEffect"}})}const dr=n=>{if(n==null||typeof n!="object")return!1;for(const e in n)if(Object.prototype.hasOwnProperty.call(n,e)&&(e.startsWith("aria-")||e==="role"||e==="title")&&n[e]!=null)return!0;return!1},lr=D.createContext({}),ur=()=>D.useContext(lr),hr=D.forwardRef(({color:n,size:e,width:t,height:i,strokeWidth:s,absoluteStrokeWidth:o,nonScalingStroke:r,className:a="",children:d,iconNode:l=[],icon:h={node:l,aliases:[],size:24},...u},p)=>{const{size:f=24,strokeWidth:b=2,absoluteStrokeWidth:x=!1,nonScalingStroke:g=!1,color:S="currentColor",className:$=""}=ur()??{},m=!!d||dr(u),[y,k,v=[]]=cr(h,{color:n??S,width:t??e??f,height:i??e??f,strokeWidth:s??b,absoluteStrokeWidth:o??x,nonScalingStroke:r??g,className:In($,a),hasA11yProp:m,attributes:u});return D.createElement(y,{ref:p,...k},[...v.map(([_,I])=>D.createElement(_,I)),...Array.isArray(d)?d:[d]])});function ke(n,e=[],t=[]){const i=typeof n=="string"?sr(n,e,t):n,s=D.forwardRef(({className:o,...r},a)=>D.createElement(hr,{ref:a,icon:i,className:o,...r}));return i.name&&(s.displayName=rr(i.name)),s}const Rs={name:"arrow-down",size:24,node:[["path",{d:"M12 5v14",key:"s699le"}],["path",{d:"m19 12-7 7-7-7",key:"1idqje"}]]};Rs.node;const pr=ke(Rs),ws={name:"arrow-up",size:24,node:[["path",{d:"m5 12 7-7 7 7",key:"hav0vg"}],["path",{d:"M12 19V5",key:"x0mq9r"}]]};ws.node;const fr=ke(ws),As={name:"bookmark",size:24,node:[["path",{d:"M17 3a2 2 0 0 1 2 2v15a1 1 0 0 1-1.496.868l-4.512-2.578a2 2 0 0 0-1.984 0l-4.512 2.578A1 1 0 0 1 5 20V5a2 2 0 0 1 2-2z",key:"oz39mx"}]]};As.node;const mr=ke(As),Cs={name:"camera",size:24,node:[["path",{d:"M13.997 4a2 2 0 0 1 1.76 1.05l.486.9A2 2 0 0 0 18.003 7H20a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V9a2 2 0 0 1 2-2h1.997a2 2 0 0 0 1.759-1.048l.489-.904A2 2 0 0 1 10.004 4z",key:"18u6gg"}],["circle",{cx:"12",cy:"13",r:"3",key:"1vg3eu"}]]};Cs.node;const gr=ke(Cs),Us={name:"download",size:24,node:[["path",{d:"M12 15V3",key:"m9g1x1"}],["path",{d:"M21 15v4a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2v-4",key:"ih7n3h"}],["path",{d:"m7 10 5 5 5-5",key:"brsn70"}]]};Us.node;const br=ke(Us),js={name:"plus",size:24,node:[["path",{d:"M5 12h14",key:"1ays0h"}],["path",{d:"M12 5v14",key:"s699le"}]]};js.node;const Ts=ke(js),Ps={name:"shield-check",size:24,node:[["path",{d:"M20 13c0 5-3.5 7.5-7.66 8.95a1 1 0 0 1-.67-.01C7.5 20.5 4 18 4 13V6a1 1 0 0 1 1-1c2 0 4.5-1.2 6.24-2.72a1.17 1.17 0 0 1 1.52 0C14.51 3.81 17 5 19 5a1 1 0 0 1 1 1z",key:"oel41y"}],["path",{d:"m9 12 2 2 4-4",key:"dzmm74"}]]};Ps.node;const xr=ke(Ps),Es={name:"shield-exclamation-point",size:24,node:[["path",{d:"M20 13c0 5-3.5 7.5-7.66 8.95a1 1 0 0 1-.67-.01C7.5 20.5 4 18 4 13V6a1 1 0 0 1 1-1c2 0 4.5-1.2 6.24-2.72a1.17 1.17 0 0 1 1.52 0C14.51 3.81 17 5 19 5a1 1 0 0 1 1 1z",key:"oel41y"}],["path",{d:"M12 8v4",key:"1got3b"}],["path",{d:"M12 16h.01",key:"1drbdi"}]],aliases:["shield-alert"]};Es.node;const yr=ke(Es),Ms={name:"trash",size:24,node:[["path",{d:"M10 11v6",key:"nco0om"}],["path",{d:"M14 11v6",key:"outv1u"}],["path",{d:"M19 6v14a2 2 0 0 1-2 2H7a2 2 0 0 1-2-2V6",key:"miytrc"}],["path",{d:"M3 6h18",key:"d0wm0j"}],["path",{d:"M8 6V4a2 2 0 0 1 2-2h4a2 2 0 0 1 2 2v2",key:"e791ji"}]],aliases:["trash-2"]};Ms.node;const Os=ke(Ms),Ns={name:"x",size:24,node:[["path",{d:"M18 6 6 18",key:"1bl5f8"}],["path",{d:"m6 6 12 12",key:"d8bk6v"}]]};Ns.node;const kr=ke(Ns);class C extends String{constructor(t,i){super(t);B(this,"__apiType");B(this,"value");B(this,"__meta__");this.value=t,this.__meta__=i}toString(){return this.value}}const Ir=new C(`
    fragment TicketView on Ticket {
  id
  version
  status
  kind
  channel
  customer
  currency
  reasonCode
  reasonText
  platformOrderId
  customFields
  assignee
  customerPhone
  customerAddress
  platformAfterSaleId
  rejectionReason
  cancelReason
  inspectionFeedback
  resolution
  allowedResolutions
  followUps {
    followUpId
    purpose
    dueAt
    completedAt
    outcome
  }
  arbitration {
    open
    deadline
    outcome
  }
  evidenceSubmissions {
    platform
    packSha256
    submittedAt
  }
  openedAt
  returnAddress {
    recipient
    phone
    address
  }
  goodsReturnedShipment {
    carrier
    trackingNumber
  }
  inspectionOutcome
  inspectionRound
  remainingRefundableMinor
  refundable {
    amountMinor
    currency
  }
  refunded {
    amountMinor
    currency
  }
  returnShipment {
    carrier
    trackingNumber
  }
  replacementShipment {
    carrier
    trackingNumber
  }
  lines {
    lineId
    sku
    name
    qtyApplied
    qtyReceived
    refundableMinor
    paid {
      amountMinor
      currency
    }
    inspection {
      grade
      verdict
      qtyInspected
      qtyAccepted
      notes
      photoRefs
      deduction {
        amountMinor
        currency
      }
    }
  }
  refunds {
    refundId
    status
    amount {
      amountMinor
      currency
    }
    gatewayReference
  }
  nextActions {
    command
    roles
  }
  notes {
    author
    text
    addedAt
  }
  allowedConversions
  allowedOffers
  conversion {
    conversion
    reason
    convertedAt
    refundAmount {
      amountMinor
      currency
    }
  }
  priceDifference {
    source
    basis
    amount {
      amountMinor
      currency
    }
  }
  reshipment {
    contents
    receivedBy
    shippedAt
    shipment {
      carrier
      trackingNumber
    }
  }
  repair {
    method
    workDone
    parts
    repairedAt
    cost {
      amountMinor
      currency
    }
    partsShipment {
      carrier
      trackingNumber
    }
  }
  repairReturnShipment {
    carrier
    trackingNumber
  }
  negotiation {
    offerId
    type
    conversion
    respondBy
    note
    madeAt
    status
    settledAt
    amount {
      amountMinor
      currency
    }
    returnAddress {
      recipient
      phone
      address
    }
  }
  replacementVariants {
    lineId
    sku
    name
    priceDifference {
      amountMinor
      currency
    }
  }
  variantCharge {
    amountMinor
    currency
  }
}
    `,{fragmentName:"TicketView"}),vr=new C(`
    query ManagementArbitrations {
  managementStats {
    arbitrations {
      reasonCode
      sku
      channel
      arbitrations
      open
      forBuyer
      forSeller
      notStated
    }
  }
}
    `),Sr=new C(`
    query AuditOverview {
  verifyLog {
    intact
    eventsChecked
    streamsChecked
    sealsChecked
  }
  seals {
    sealId
    headPosition
    sealedAt
    streamCount
    headsHash
  }
}
    `),$r=new C(`
    query AuditTicket($id: UUID!) {
  ticketHistory(id: $id) {
    version
    eventType
    actor
    role
    source
    causationId
    commandId
    recordedAt
    hash
    payload
  }
  verifyTicket(id: $id) {
    intact
    eventsChecked
    firstBreak {
      version
      reason
    }
  }
}
    `),Dr=new C(`
    query AuditFindTicket($after: String) {
  worklist(first: 100, after: $after) {
    nodes {
      ticketId
    }
    pageInfo {
      endCursor
      hasNextPage
    }
  }
}
    `),_r=new C(`
    query AuditAsOf($id: UUID!, $version: Int!) {
  ticketAsOf(id: $id, version: $version) {
    version
    status
    refunded {
      amountMinor
      currency
    }
    lines {
      lineId
      qtyReceived
    }
  }
}
    `),Rr=new C(`
    mutation BulkAssign($id: UUID!, $cmd: UUID!, $assignee: String) {
  assignTicket(ticketId: $id, commandId: $cmd, input: {assignee: $assignee}) {
    position
  }
}
    `),wr=new C(`
    mutation BulkNote($id: UUID!, $cmd: UUID!, $text: String!) {
  addNote(ticketId: $id, commandId: $cmd, input: {text: $text}) {
    position
  }
}
    `),Ar=new C(`
    mutation BulkApprove($id: UUID!, $cmd: UUID!, $input: ApproveApplicationInput!) {
  approveApplication(ticketId: $id, commandId: $cmd, input: $input) {
    position
  }
}
    `),Cr=new C(`
    query Disputes {
  worklist(filter: {needsAttention: true, sort: DUE_FIRST}, first: 100) {
    nodes {
      ticketId
      kind
      channel
      customer
      reasonCode
      nextAction
      nextActionDue
    }
  }
}
    `),Ur=new C(`
    mutation RecordEvidenceSubmission($id: UUID!, $cmd: UUID!, $sha: String!) {
  recordEvidenceSubmission(
    ticketId: $id
    commandId: $cmd
    input: {packSha256: $sha}
  ) {
    ticket {
      evidenceSubmissions {
        platform
        packSha256
        submittedAt
      }
    }
  }
}
    `),jr=new C(`
    query Refunds($status: RefundStatus, $seen: Int) {
  refunds(status: $status, first: 100, atLeastPosition: $seen) {
    nodes {
      refundId
      ticketId
      status
      channel
      customer
      requestedAt
      issuedAt
      gatewayReference
      issuedBy
      payoutMode
      amount {
        amountMinor
        currency
      }
    }
  }
  refundTotals(atLeastPosition: $seen) {
    day
    channel
    issuedCount
    issued {
      amountMinor
      currency
    }
  }
}
    `),Tr=new C(`
    mutation FinanceApproveRefund($id: UUID!, $cmd: UUID!, $refund: UUID!) {
  approveRefund(ticketId: $id, commandId: $cmd, input: {refundId: $refund}) {
    version
    position
  }
}
    `),Pr=new C(`
    mutation FinanceIssueRefund($id: UUID!, $cmd: UUID!, $refund: UUID!, $reference: String!) {
  issueRefund(
    ticketId: $id
    commandId: $cmd
    input: {refundId: $refund, gatewayReference: $reference}
  ) {
    version
    position
  }
}
    `),Er=new C(`
    query FinanceIssuedReferences($after: String) {
  refunds(status: ISSUED, first: 100, after: $after) {
    nodes {
      ticketId
      gatewayReference
    }
    pageInfo {
      endCursor
      hasNextPage
    }
  }
}
    `),Mr=new C(`
    subscription FinanceChanges {
  departmentQueue(department: FINANCE) {
    position
    change
  }
}
    `),Or=new C(`
    query FinanceIssuedPage($after: String, $seen: Int) {
  refunds(status: ISSUED, first: 100, after: $after, atLeastPosition: $seen) {
    nodes {
      refundId
      ticketId
      channel
      issuedAt
      gatewayReference
      issuedBy
      payoutMode
      amount {
        amountMinor
        currency
      }
    }
    pageInfo {
      endCursor
      hasNextPage
    }
  }
}
    `),Nr=new C(`
    query FollowUps($seen: Int) {
  followUps(list: OPEN, first: 50, atLeastPosition: $seen) {
    nodes {
      followUpId
      ticketId
      customer
      purpose
      dueAt
      overdue
    }
  }
  followUpOutcomes(atLeastPosition: $seen) {
    outcome
    count
  }
}
    `),Fr=new C(`
    mutation CompleteFollowUp($id: UUID!, $cmd: UUID!, $input: CompleteFollowUpInput!) {
  completeFollowUp(ticketId: $id, commandId: $cmd, input: $input) {
    position
  }
}
    `),Lr=new C(`
    query ManagementStats($channel: String, $sku: String, $kind: TicketKind, $from: NaiveDate, $to: NaiveDate) {
  managementStats(channel: $channel, sku: $sku, kind: $kind, from: $from, to: $to) {
    statusCounts {
      status
      kind
      count
    }
    cycleTimes {
      step
      averageSeconds
      tickets
    }
    reasons {
      sku
      channel
      reasonCode
      tickets
      units
    }
  }
}
    `),qr=new C(`
    mutation OpenTicketForm($cmd: UUID!, $input: OpenTicketInput!) {
  openTicket(commandId: $cmd, input: $input) {
    ticket {
      id
    }
  }
}
    `),Br=new C(`
    query ParcelPool {
  parcelPool(first: 100) {
    id
    status
    carrier
    trackingNumber
    contents
    senderName
    senderPhone
    photoRefs
    ageDays
    disposableFrom
    disposition {
      disposition
      reason
      requestedAt
    }
    version
  }
}
    `),zr=new C(`
    query ParcelPoolStats {
  parcelPoolStats {
    unmatched
    dispositionRequested
    matched
    disposed
    oldestUnmatchedDays
  }
}
    `),Hr=new C(`
    mutation RegisterUnmatchedParcel($parcel: UUID!, $cmd: UUID!, $input: RegisterParcelInput!) {
  registerUnmatchedParcel(parcelId: $parcel, commandId: $cmd, input: $input) {
    id
    status
  }
}
    `),Vr=new C(`
    query ParcelCandidates($search: String!) {
  parcelCandidates(search: $search) {
    ticketId
    kind
    status
    customer
    platformOrderId
    trackingNumber
    expecting
  }
}
    `),Wr=new C(`
    mutation MatchParcel($parcel: UUID!, $ticket: UUID!, $cmd: UUID!) {
  matchParcel(parcelId: $parcel, ticketId: $ticket, commandId: $cmd) {
    position
    ticket {
      id
      status
    }
  }
}
    `),Gr=new C(`
    mutation RequestParcelDisposition($parcel: UUID!, $cmd: UUID!, $version: Int, $input: RequestParcelDispositionInput!) {
  requestParcelDisposition(
    parcelId: $parcel
    commandId: $cmd
    expectedVersion: $version
    input: $input
  ) {
    id
    status
  }
}
    `),Yr=new C(`
    mutation DecideParcelDisposition($parcel: UUID!, $cmd: UUID!, $version: Int, $approve: Boolean!, $note: String) {
  decideParcelDisposition(
    parcelId: $parcel
    commandId: $cmd
    expectedVersion: $version
    approve: $approve
    note: $note
  ) {
    id
    status
  }
}
    `),Kr=new C(`
    query SavedViews {
  savedViews {
    name
    query
  }
}
    `),Xr=new C(`
    mutation SaveView($name: String!, $query: String!) {
  saveView(name: $name, query: $query) {
    name
    query
  }
}
    `),Qr=new C(`
    mutation DeleteView($name: String!) {
  deleteView(name: $name)
}
    `),Zr=new C(`
    query Ticket($id: UUID!) {
  ticket(id: $id) {
    ...TicketView
  }
}
    fragment TicketView on Ticket {
  id
  version
  status
  kind
  channel
  customer
  currency
  reasonCode
  reasonText
  platformOrderId
  customFields
  assignee
  customerPhone
  customerAddress
  platformAfterSaleId
  rejectionReason
  cancelReason
  inspectionFeedback
  resolution
  allowedResolutions
  followUps {
    followUpId
    purpose
    dueAt
    completedAt
    outcome
  }
  arbitration {
    open
    deadline
    outcome
  }
  evidenceSubmissions {
    platform
    packSha256
    submittedAt
  }
  openedAt
  returnAddress {
    recipient
    phone
    address
  }
  goodsReturnedShipment {
    carrier
    trackingNumber
  }
  inspectionOutcome
  inspectionRound
  remainingRefundableMinor
  refundable {
    amountMinor
    currency
  }
  refunded {
    amountMinor
    currency
  }
  returnShipment {
    carrier
    trackingNumber
  }
  replacementShipment {
    carrier
    trackingNumber
  }
  lines {
    lineId
    sku
    name
    qtyApplied
    qtyReceived
    refundableMinor
    paid {
      amountMinor
      currency
    }
    inspection {
      grade
      verdict
      qtyInspected
      qtyAccepted
      notes
      photoRefs
      deduction {
        amountMinor
        currency
      }
    }
  }
  refunds {
    refundId
    status
    amount {
      amountMinor
      currency
    }
    gatewayReference
  }
  nextActions {
    command
    roles
  }
  notes {
    author
    text
    addedAt
  }
  allowedConversions
  allowedOffers
  conversion {
    conversion
    reason
    convertedAt
    refundAmount {
      amountMinor
      currency
    }
  }
  priceDifference {
    source
    basis
    amount {
      amountMinor
      currency
    }
  }
  reshipment {
    contents
    receivedBy
    shippedAt
    shipment {
      carrier
      trackingNumber
    }
  }
  repair {
    method
    workDone
    parts
    repairedAt
    cost {
      amountMinor
      currency
    }
    partsShipment {
      carrier
      trackingNumber
    }
  }
  repairReturnShipment {
    carrier
    trackingNumber
  }
  negotiation {
    offerId
    type
    conversion
    respondBy
    note
    madeAt
    status
    settledAt
    amount {
      amountMinor
      currency
    }
    returnAddress {
      recipient
      phone
      address
    }
  }
  replacementVariants {
    lineId
    sku
    name
    priceDifference {
      amountMinor
      currency
    }
  }
  variantCharge {
    amountMinor
    currency
  }
}`),Jr=new C(`
    subscription TicketEvents($id: UUID!, $after: Int) {
  ticketEvents(ticketId: $id, afterVersion: $after) {
    version
    eventType
    actor
    role
    source
    recordedAt
    causationId
    payload
  }
}
    `),ea=new C(`
    mutation ApproveApplication($id: UUID!, $cmd: UUID!, $input: ApproveApplicationInput!) {
  approveApplication(ticketId: $id, commandId: $cmd, input: $input) {
    version
  }
}
    `),ta=new C(`
    mutation RejectApplication($id: UUID!, $cmd: UUID!, $input: RejectApplicationInput!) {
  rejectApplication(ticketId: $id, commandId: $cmd, input: $input) {
    version
  }
}
    `),na=new C(`
    mutation RegisterReturnShipment($id: UUID!, $cmd: UUID!, $input: ShipmentInput!) {
  registerReturnShipment(ticketId: $id, commandId: $cmd, input: $input) {
    version
  }
}
    `),ia=new C(`
    mutation SendInspectionFeedback($id: UUID!, $cmd: UUID!, $input: SendInspectionFeedbackInput!) {
  sendInspectionFeedback(ticketId: $id, commandId: $cmd, input: $input) {
    version
  }
}
    `),sa=new C(`
    mutation RequestRefund($id: UUID!, $cmd: UUID!, $input: RequestRefundInput!) {
  requestRefund(ticketId: $id, commandId: $cmd, input: $input) {
    version
  }
}
    `),oa=new C(`
    mutation ApproveRefund($id: UUID!, $cmd: UUID!, $input: ApproveRefundInput!) {
  approveRefund(ticketId: $id, commandId: $cmd, input: $input) {
    version
  }
}
    `),ra=new C(`
    mutation IssueRefund($id: UUID!, $cmd: UUID!, $input: IssueRefundInput!) {
  issueRefund(ticketId: $id, commandId: $cmd, input: $input) {
    version
  }
}
    `),aa=new C(`
    mutation ShipReplacement($id: UUID!, $cmd: UUID!, $input: ShipmentInput!) {
  shipReplacement(ticketId: $id, commandId: $cmd, input: $input) {
    version
  }
}
    `),ca=new C(`
    mutation ReturnGoodsToCustomer($id: UUID!, $cmd: UUID!, $input: ShipmentInput!) {
  returnGoodsToCustomer(ticketId: $id, commandId: $cmd, input: $input) {
    version
  }
}
    `),da=new C(`
    mutation CloseTicket($id: UUID!, $cmd: UUID!, $input: CloseTicketInput!) {
  closeTicket(ticketId: $id, commandId: $cmd, input: $input) {
    version
  }
}
    `),la=new C(`
    mutation CancelTicket($id: UUID!, $cmd: UUID!, $input: CancelTicketInput!) {
  cancelTicket(ticketId: $id, commandId: $cmd, input: $input) {
    version
  }
}
    `),ua=new C(`
    mutation AddNote($id: UUID!, $cmd: UUID!, $input: AddNoteInput!) {
  addNote(ticketId: $id, commandId: $cmd, input: $input) {
    version
  }
}
    `),ha=new C(`
    mutation AssignTicket($id: UUID!, $cmd: UUID!, $input: AssignTicketInput!) {
  assignTicket(ticketId: $id, commandId: $cmd, input: $input) {
    version
  }
}
    `),pa=new C(`
    mutation DisputeInspection($id: UUID!, $cmd: UUID!, $input: DisputeInspectionInput!) {
  disputeInspection(ticketId: $id, commandId: $cmd, input: $input) {
    version
  }
}
    `),fa=new C(`
    mutation ScheduleFollowUp($id: UUID!, $cmd: UUID!, $input: ScheduleFollowUpInput!) {
  scheduleFollowUp(ticketId: $id, commandId: $cmd, input: $input) {
    version
  }
}
    `),ma=new C(`
    mutation UpdateCustomFields($id: UUID!, $cmd: UUID!, $input: UpdateCustomFieldsInput!) {
  updateCustomFields(ticketId: $id, commandId: $cmd, input: $input) {
    version
  }
}
    `),ga=new C(`
    mutation CompleteFollowUpOnTicket($id: UUID!, $cmd: UUID!, $input: CompleteFollowUpInput!) {
  completeFollowUp(ticketId: $id, commandId: $cmd, input: $input) {
    version
  }
}
    `),ba=new C(`
    mutation RecordRefundFailure($id: UUID!, $cmd: UUID!, $input: RecordRefundFailureInput!) {
  recordRefundFailure(ticketId: $id, commandId: $cmd, input: $input) {
    version
  }
}
    `),xa=new C(`
    mutation StatePriceDifference($id: UUID!, $cmd: UUID!, $input: StatePriceDifferenceInput!) {
  statePriceDifference(ticketId: $id, commandId: $cmd, input: $input) {
    version
  }
}
    `),ya=new C(`
    mutation ShipReshipment($id: UUID!, $cmd: UUID!, $input: ShipReshipmentInput!) {
  shipReshipment(ticketId: $id, commandId: $cmd, input: $input) {
    version
  }
}
    `),ka=new C(`
    mutation ConfirmReshipmentReceived($id: UUID!, $cmd: UUID!, $input: ConfirmReshipmentReceivedInput!) {
  confirmReshipmentReceived(ticketId: $id, commandId: $cmd, input: $input) {
    version
  }
}
    `),Ia=new C(`
    mutation RecordRepair($id: UUID!, $cmd: UUID!, $input: RecordRepairInput!) {
  recordRepair(ticketId: $id, commandId: $cmd, input: $input) {
    version
  }
}
    `),va=new C(`
    mutation ShipRepairedGoods($id: UUID!, $cmd: UUID!, $input: ShipmentInput!) {
  shipRepairedGoods(ticketId: $id, commandId: $cmd, input: $input) {
    version
  }
}
    `),Sa=new C(`
    mutation ConvertTicket($id: UUID!, $cmd: UUID!, $input: ConvertTicketInput!) {
  convertTicket(ticketId: $id, commandId: $cmd, input: $input) {
    version
  }
}
    `),$a=new C(`
    mutation MakeCounterOffer($id: UUID!, $cmd: UUID!, $input: MakeCounterOfferInput!) {
  makeCounterOffer(ticketId: $id, commandId: $cmd, input: $input) {
    version
  }
}
    `),Da=new C(`
    mutation RecordOfferAnswer($id: UUID!, $cmd: UUID!, $input: RecordOfferAnswerInput!) {
  recordOfferAnswer(ticketId: $id, commandId: $cmd, input: $input) {
    version
  }
}
    `),_a=new C(`
    mutation ChooseReplacementVariant($id: UUID!, $cmd: UUID!, $input: ChooseReplacementVariantInput!) {
  chooseReplacementVariant(ticketId: $id, commandId: $cmd, input: $input) {
    version
  }
}
    `),Ra=new C(`
    mutation GrantAccess($id: UUID!, $grantee: String!, $hours: Int!) {
  grantPersonalDataAccess(ticketId: $id, grantee: $grantee, hours: $hours) {
    grantee
    until
  }
}
    `),wa=new C(`
    mutation RevealGranted($id: UUID!, $reason: String!) {
  revealPersonalData(ticketId: $id, reason: $reason) {
    customer
    customerPhone
    customerAddress
    reasonText
  }
}
    `),Aa=new C(`
    query InboundParcel($tracking: String!) {
  inboundParcel(trackingNumber: $tracking) {
    ticketId
  }
}
    `),Ca=new C(`
    query DeskTicket($id: UUID!) {
  ticket(id: $id) {
    ...TicketView
  }
}
    fragment TicketView on Ticket {
  id
  version
  status
  kind
  channel
  customer
  currency
  reasonCode
  reasonText
  platformOrderId
  customFields
  assignee
  customerPhone
  customerAddress
  platformAfterSaleId
  rejectionReason
  cancelReason
  inspectionFeedback
  resolution
  allowedResolutions
  followUps {
    followUpId
    purpose
    dueAt
    completedAt
    outcome
  }
  arbitration {
    open
    deadline
    outcome
  }
  evidenceSubmissions {
    platform
    packSha256
    submittedAt
  }
  openedAt
  returnAddress {
    recipient
    phone
    address
  }
  goodsReturnedShipment {
    carrier
    trackingNumber
  }
  inspectionOutcome
  inspectionRound
  remainingRefundableMinor
  refundable {
    amountMinor
    currency
  }
  refunded {
    amountMinor
    currency
  }
  returnShipment {
    carrier
    trackingNumber
  }
  replacementShipment {
    carrier
    trackingNumber
  }
  lines {
    lineId
    sku
    name
    qtyApplied
    qtyReceived
    refundableMinor
    paid {
      amountMinor
      currency
    }
    inspection {
      grade
      verdict
      qtyInspected
      qtyAccepted
      notes
      photoRefs
      deduction {
        amountMinor
        currency
      }
    }
  }
  refunds {
    refundId
    status
    amount {
      amountMinor
      currency
    }
    gatewayReference
  }
  nextActions {
    command
    roles
  }
  notes {
    author
    text
    addedAt
  }
  allowedConversions
  allowedOffers
  conversion {
    conversion
    reason
    convertedAt
    refundAmount {
      amountMinor
      currency
    }
  }
  priceDifference {
    source
    basis
    amount {
      amountMinor
      currency
    }
  }
  reshipment {
    contents
    receivedBy
    shippedAt
    shipment {
      carrier
      trackingNumber
    }
  }
  repair {
    method
    workDone
    parts
    repairedAt
    cost {
      amountMinor
      currency
    }
    partsShipment {
      carrier
      trackingNumber
    }
  }
  repairReturnShipment {
    carrier
    trackingNumber
  }
  negotiation {
    offerId
    type
    conversion
    respondBy
    note
    madeAt
    status
    settledAt
    amount {
      amountMinor
      currency
    }
    returnAddress {
      recipient
      phone
      address
    }
  }
  replacementVariants {
    lineId
    sku
    name
    priceDifference {
      amountMinor
      currency
    }
  }
  variantCharge {
    amountMinor
    currency
  }
}`),Ua=new C(`
    mutation ReceiveReturn($id: UUID!, $cmd: UUID!, $input: ReceiveReturnInput!) {
  receiveReturn(ticketId: $id, commandId: $cmd, input: $input) {
    version
  }
}
    `),ja=new C(`
    mutation RecordInspection($id: UUID!, $cmd: UUID!, $input: RecordInspectionInput!) {
  recordInspection(ticketId: $id, commandId: $cmd, input: $input) {
    version
  }
}
    `),Ta=new C(`
    mutation CompleteInspection($id: UUID!, $cmd: UUID!) {
  completeInspection(ticketId: $id, commandId: $cmd) {
    version
  }
}
    `),Pa=new C(`
    query WarehouseQueue($queue: WarehouseQueue!, $seen: Int) {
  warehouseQueue(queue: $queue, first: 50, atLeastPosition: $seen) {
    nodes {
      ticketId
      status
      kind
      customer
      channel
      trackingNumber
      carrier
      qtyApplied
      qtyReceived
    }
  }
}
    `),Ea=new C(`
    mutation RevealForShipping($id: UUID!, $reason: String!) {
  revealPersonalData(ticketId: $id, reason: $reason) {
    customer
    customerPhone
    customerAddress
  }
}
    `),Ma=new C(`
    mutation DeskShipReplacement($id: UUID!, $cmd: UUID!, $input: ShipmentInput!) {
  shipReplacement(ticketId: $id, commandId: $cmd, input: $input) {
    position
  }
}
    `),Oa=new C(`
    mutation DeskReturnGoods($id: UUID!, $cmd: UUID!, $input: ShipmentInput!) {
  returnGoodsToCustomer(ticketId: $id, commandId: $cmd, input: $input) {
    position
  }
}
    `),Na=new C(`
    mutation DeskShipReshipment($id: UUID!, $cmd: UUID!, $input: ShipReshipmentInput!) {
  shipReshipment(ticketId: $id, commandId: $cmd, input: $input) {
    position
  }
}
    `),Fa=new C(`
    mutation DeskShipRepairedGoods($id: UUID!, $cmd: UUID!, $input: ShipmentInput!) {
  shipRepairedGoods(ticketId: $id, commandId: $cmd, input: $input) {
    position
  }
}
    `),La=new C(`
    subscription WarehouseChanges {
  departmentQueue(department: WAREHOUSE) {
    position
    change
  }
}
    `),qa=new C(`
    query Worklist($filter: WorklistFilter, $seen: Int) {
  worklist(filter: $filter, first: 100, atLeastPosition: $seen) {
    nodes {
      ticketId
      status
      kind
      channel
      customer
      reasonCode
      nextAction
      nextActionDue
      slaBreached
      allowedCommands
      paid {
        amountMinor
        currency
      }
    }
  }
}
    `),Ba=new C(`
    subscription CustomerServiceChanges {
  departmentQueue(department: CUSTOMER_SERVICE) {
    position
    change
  }
}
    `),za={"\n  query ManagementArbitrations {\n    managementStats {\n      arbitrations { reasonCode sku channel arbitrations open forBuyer forSeller notStated }\n    }\n  }\n":vr,"\n  query AuditOverview {\n    verifyLog { intact eventsChecked streamsChecked sealsChecked }\n    seals { sealId headPosition sealedAt streamCount headsHash }\n  }\n":Sr,"\n  query AuditTicket($id: UUID!) {\n    ticketHistory(id: $id) { version eventType actor role source causationId commandId recordedAt hash payload }\n    verifyTicket(id: $id) { intact eventsChecked firstBreak { version reason } }\n  }\n":$r,"\n  query AuditFindTicket($after: String) {\n    worklist(first: 100, after: $after) { nodes { ticketId } pageInfo { endCursor hasNextPage } }\n  }\n":Dr,"\n  query AuditAsOf($id: UUID!, $version: Int!) {\n    ticketAsOf(id: $id, version: $version) { version status refunded { amountMinor currency } lines { lineId qtyReceived } }\n  }\n":_r,"\n  mutation BulkAssign($id: UUID!, $cmd: UUID!, $assignee: String) {\n    assignTicket(ticketId: $id, commandId: $cmd, input: { assignee: $assignee }) { position }\n  }\n":Rr,"\n  mutation BulkNote($id: UUID!, $cmd: UUID!, $text: String!) {\n    addNote(ticketId: $id, commandId: $cmd, input: { text: $text }) { position }\n  }\n":wr,"\n  mutation BulkApprove($id: UUID!, $cmd: UUID!, $input: ApproveApplicationInput!) {\n    approveApplication(ticketId: $id, commandId: $cmd, input: $input) { position }\n  }\n":Ar,"\n  query Disputes {\n    worklist(filter: { needsAttention: true, sort: DUE_FIRST }, first: 100) {\n      nodes { ticketId kind channel customer reasonCode nextAction nextActionDue }\n    }\n  }\n":Cr,"\n  mutation RecordEvidenceSubmission($id: UUID!, $cmd: UUID!, $sha: String!) {\n    recordEvidenceSubmission(ticketId: $id, commandId: $cmd, input: { packSha256: $sha }) {\n      ticket { evidenceSubmissions { platform packSha256 submittedAt } }\n    }\n  }\n":Ur,"\n  query Refunds($status: RefundStatus, $seen: Int) {\n    refunds(status: $status, first: 100, atLeastPosition: $seen) {\n      nodes { refundId ticketId status channel customer requestedAt issuedAt gatewayReference issuedBy payoutMode amount { amountMinor currency } }\n    }\n    refundTotals(atLeastPosition: $seen) { day channel issuedCount issued { amountMinor currency } }\n  }\n":jr,"\n  mutation FinanceApproveRefund($id: UUID!, $cmd: UUID!, $refund: UUID!) {\n    approveRefund(ticketId: $id, commandId: $cmd, input: { refundId: $refund }) { version position }\n  }\n":Tr,"\n  mutation FinanceIssueRefund($id: UUID!, $cmd: UUID!, $refund: UUID!, $reference: String!) {\n    issueRefund(ticketId: $id, commandId: $cmd, input: { refundId: $refund, gatewayReference: $reference }) { version position }\n  }\n":Pr,"\n  query FinanceIssuedReferences($after: String) {\n    refunds(status: ISSUED, first: 100, after: $after) {\n      nodes { ticketId gatewayReference }\n      pageInfo { endCursor hasNextPage }\n    }\n  }\n":Er,"\n  subscription FinanceChanges {\n    departmentQueue(department: FINANCE) { position change }\n  }\n":Mr,"\n  query FinanceIssuedPage($after: String, $seen: Int) {\n    refunds(status: ISSUED, first: 100, after: $after, atLeastPosition: $seen) {\n      nodes { refundId ticketId channel issuedAt gatewayReference issuedBy payoutMode amount { amountMinor currency } }\n      pageInfo { endCursor hasNextPage }\n    }\n  }\n":Or,"\n  query FollowUps($seen: Int) {\n    followUps(list: OPEN, first: 50, atLeastPosition: $seen) {\n      nodes { followUpId ticketId customer purpose dueAt overdue }\n    }\n    followUpOutcomes(atLeastPosition: $seen) { outcome count }\n  }\n":Nr,"\n  mutation CompleteFollowUp($id: UUID!, $cmd: UUID!, $input: CompleteFollowUpInput!) {\n    completeFollowUp(ticketId: $id, commandId: $cmd, input: $input) { position }\n  }\n":Fr,"\n  query ManagementStats($channel: String, $sku: String, $kind: TicketKind, $from: NaiveDate, $to: NaiveDate) {\n    managementStats(channel: $channel, sku: $sku, kind: $kind, from: $from, to: $to) {\n      statusCounts { status kind count }\n      cycleTimes { step averageSeconds tickets }\n      reasons { sku channel reasonCode tickets units }\n    }\n  }\n":Lr,"\n  mutation OpenTicketForm($cmd: UUID!, $input: OpenTicketInput!) {\n    openTicket(commandId: $cmd, input: $input) { ticket { id } }\n  }\n":qr,"\n  query ParcelPool {\n    parcelPool(first: 100) {\n      id status carrier trackingNumber contents senderName senderPhone photoRefs ageDays disposableFrom\n      disposition { disposition reason requestedAt }\n      version\n    }\n  }\n":Br,"\n  query ParcelPoolStats {\n    parcelPoolStats { unmatched dispositionRequested matched disposed oldestUnmatchedDays }\n  }\n":zr,"\n  mutation RegisterUnmatchedParcel($parcel: UUID!, $cmd: UUID!, $input: RegisterParcelInput!) {\n    registerUnmatchedParcel(parcelId: $parcel, commandId: $cmd, input: $input) { id status }\n  }\n":Hr,"\n  query ParcelCandidates($search: String!) {\n    parcelCandidates(search: $search) { ticketId kind status customer platformOrderId trackingNumber expecting }\n  }\n":Vr,"\n  mutation MatchParcel($parcel: UUID!, $ticket: UUID!, $cmd: UUID!) {\n    matchParcel(parcelId: $parcel, ticketId: $ticket, commandId: $cmd) { position ticket { id status } }\n  }\n":Wr,"\n  mutation RequestParcelDisposition($parcel: UUID!, $cmd: UUID!, $version: Int, $input: RequestParcelDispositionInput!) {\n    requestParcelDisposition(parcelId: $parcel, commandId: $cmd, expectedVersion: $version, input: $input) { id status }\n  }\n":Gr,"\n  mutation DecideParcelDisposition($parcel: UUID!, $cmd: UUID!, $version: Int, $approve: Boolean!, $note: String) {\n    decideParcelDisposition(parcelId: $parcel, commandId: $cmd, expectedVersion: $version, approve: $approve, note: $note) { id status }\n  }\n":Yr,"\n  query SavedViews {\n    savedViews { name query }\n  }\n":Kr,"\n  mutation SaveView($name: String!, $query: String!) {\n    saveView(name: $name, query: $query) { name query }\n  }\n":Xr,"\n  mutation DeleteView($name: String!) {\n    deleteView(name: $name)\n  }\n":Qr,"\n  fragment TicketView on Ticket {\n    id\n    version\n    status\n    kind\n    channel\n    customer\n    currency\n    reasonCode\n    reasonText\n    platformOrderId\n    customFields\n    assignee\n    customerPhone\n    customerAddress\n    platformAfterSaleId\n    rejectionReason\n    cancelReason\n    inspectionFeedback\n    resolution\n    allowedResolutions\n    followUps { followUpId purpose dueAt completedAt outcome }\n    arbitration { open deadline outcome }\n    evidenceSubmissions { platform packSha256 submittedAt }\n    openedAt\n    returnAddress { recipient phone address }\n    goodsReturnedShipment { carrier trackingNumber }\n    inspectionOutcome\n    inspectionRound\n    remainingRefundableMinor\n    refundable { amountMinor currency }\n    refunded { amountMinor currency }\n    returnShipment { carrier trackingNumber }\n    replacementShipment { carrier trackingNumber }\n    lines {\n      lineId sku name qtyApplied qtyReceived refundableMinor\n      paid { amountMinor currency }\n      inspection { grade verdict qtyInspected qtyAccepted notes photoRefs deduction { amountMinor currency } }\n    }\n    refunds { refundId status amount { amountMinor currency } gatewayReference }\n    nextActions { command roles }\n    notes { author text addedAt }\n    allowedConversions\n    allowedOffers\n    conversion { conversion reason convertedAt refundAmount { amountMinor currency } }\n    priceDifference { source basis amount { amountMinor currency } }\n    reshipment { contents receivedBy shippedAt shipment { carrier trackingNumber } }\n    repair { method workDone parts repairedAt cost { amountMinor currency } partsShipment { carrier trackingNumber } }\n    repairReturnShipment { carrier trackingNumber }\n    negotiation {\n      offerId type conversion respondBy note madeAt status settledAt\n      amount { amountMinor currency }\n      returnAddress { recipient phone address }\n    }\n    replacementVariants { lineId sku name priceDifference { amountMinor currency } }\n    variantCharge { amountMinor currency }\n  }\n":Ir,"\n  query Ticket($id: UUID!) {\n    ticket(id: $id) { ...TicketView }\n  }\n":Zr,"\n  subscription TicketEvents($id: UUID!, $after: Int) {\n    ticketEvents(ticketId: $id, afterVersion: $after) {\n      version eventType actor role source recordedAt causationId payload\n    }\n  }\n":Jr,"\n  mutation ApproveApplication($id: UUID!, $cmd: UUID!, $input: ApproveApplicationInput!) {\n    approveApplication(ticketId: $id, commandId: $cmd, input: $input) { version }\n  }\n":ea,"\n  mutation RejectApplication($id: UUID!, $cmd: UUID!, $input: RejectApplicationInput!) {\n    rejectApplication(ticketId: $id, commandId: $cmd, input: $input) { version }\n  }\n":ta,"\n  mutation RegisterReturnShipment($id: UUID!, $cmd: UUID!, $input: ShipmentInput!) {\n    registerReturnShipment(ticketId: $id, commandId: $cmd, input: $input) { version }\n  }\n":na,"\n  mutation SendInspectionFeedback($id: UUID!, $cmd: UUID!, $input: SendInspectionFeedbackInput!) {\n    sendInspectionFeedback(ticketId: $id, commandId: $cmd, input: $input) { version }\n  }\n":ia,"\n  mutation RequestRefund($id: UUID!, $cmd: UUID!, $input: RequestRefundInput!) {\n    requestRefund(ticketId: $id, commandId: $cmd, input: $input) { version }\n  }\n":sa,"\n  mutation ApproveRefund($id: UUID!, $cmd: UUID!, $input: ApproveRefundInput!) {\n    approveRefund(ticketId: $id, commandId: $cmd, input: $input) { version }\n  }\n":oa,"\n  mutation IssueRefund($id: UUID!, $cmd: UUID!, $input: IssueRefundInput!) {\n    issueRefund(ticketId: $id, commandId: $cmd, input: $input) { version }\n  }\n":ra,"\n  mutation ShipReplacement($id: UUID!, $cmd: UUID!, $input: ShipmentInput!) {\n    shipReplacement(ticketId: $id, commandId: $cmd, input: $input) { version }\n  }\n":aa,"\n  mutation ReturnGoodsToCustomer($id: UUID!, $cmd: UUID!, $input: ShipmentInput!) {\n    returnGoodsToCustomer(ticketId: $id, commandId: $cmd, input: $input) { version }\n  }\n":ca,"\n  mutation CloseTicket($id: UUID!, $cmd: UUID!, $input: CloseTicketInput!) {\n    closeTicket(ticketId: $id, commandId: $cmd, input: $input) { version }\n  }\n":da,"\n  mutation CancelTicket($id: UUID!, $cmd: UUID!, $input: CancelTicketInput!) {\n    cancelTicket(ticketId: $id, commandId: $cmd, input: $input) { version }\n  }\n":la,"\n  mutation AddNote($id: UUID!, $cmd: UUID!, $input: AddNoteInput!) {\n    addNote(ticketId: $id, commandId: $cmd, input: $input) { version }\n  }\n":ua,"\n  mutation AssignTicket($id: UUID!, $cmd: UUID!, $input: AssignTicketInput!) {\n    assignTicket(ticketId: $id, commandId: $cmd, input: $input) { version }\n  }\n":ha,"\n  mutation DisputeInspection($id: UUID!, $cmd: UUID!, $input: DisputeInspectionInput!) {\n    disputeInspection(ticketId: $id, commandId: $cmd, input: $input) { version }\n  }\n":pa,"\n  mutation ScheduleFollowUp($id: UUID!, $cmd: UUID!, $input: ScheduleFollowUpInput!) {\n    scheduleFollowUp(ticketId: $id, commandId: $cmd, input: $input) { version }\n  }\n":fa,"\n  mutation UpdateCustomFields($id: UUID!, $cmd: UUID!, $input: UpdateCustomFieldsInput!) {\n    updateCustomFields(ticketId: $id, commandId: $cmd, input: $input) { version }\n  }\n":ma,"\n  mutation CompleteFollowUpOnTicket($id: UUID!, $cmd: UUID!, $input: CompleteFollowUpInput!) {\n    completeFollowUp(ticketId: $id, commandId: $cmd, input: $input) { version }\n  }\n":ga,"\n  mutation RecordRefundFailure($id: UUID!, $cmd: UUID!, $input: RecordRefundFailureInput!) {\n    recordRefundFailure(ticketId: $id, commandId: $cmd, input: $input) { version }\n  }\n":ba,"\n  mutation StatePriceDifference($id: UUID!, $cmd: UUID!, $input: StatePriceDifferenceInput!) {\n    statePriceDifference(ticketId: $id, commandId: $cmd, input: $input) { version }\n  }\n":xa,"\n  mutation ShipReshipment($id: UUID!, $cmd: UUID!, $input: ShipReshipmentInput!) {\n    shipReshipment(ticketId: $id, commandId: $cmd, input: $input) { version }\n  }\n":ya,"\n  mutation ConfirmReshipmentReceived($id: UUID!, $cmd: UUID!, $input: ConfirmReshipmentReceivedInput!) {\n    confirmReshipmentReceived(ticketId: $id, commandId: $cmd, input: $input) { version }\n  }\n":ka,"\n  mutation RecordRepair($id: UUID!, $cmd: UUID!, $input: RecordRepairInput!) {\n    recordRepair(ticketId: $id, commandId: $cmd, input: $input) { version }\n  }\n":Ia,"\n  mutation ShipRepairedGoods($id: UUID!, $cmd: UUID!, $input: ShipmentInput!) {\n    shipRepairedGoods(ticketId: $id, commandId: $cmd, input: $input) { version }\n  }\n":va,"\n  mutation ConvertTicket($id: UUID!, $cmd: UUID!, $input: ConvertTicketInput!) {\n    convertTicket(ticketId: $id, commandId: $cmd, input: $input) { version }\n  }\n":Sa,"\n  mutation MakeCounterOffer($id: UUID!, $cmd: UUID!, $input: MakeCounterOfferInput!) {\n    makeCounterOffer(ticketId: $id, commandId: $cmd, input: $input) { version }\n  }\n":$a,"\n  mutation RecordOfferAnswer($id: UUID!, $cmd: UUID!, $input: RecordOfferAnswerInput!) {\n    recordOfferAnswer(ticketId: $id, commandId: $cmd, input: $input) { version }\n  }\n":Da,"\n  mutation ChooseReplacementVariant($id: UUID!, $cmd: UUID!, $input: ChooseReplacementVariantInput!) {\n    chooseReplacementVariant(ticketId: $id, commandId: $cmd, input: $input) { version }\n  }\n":_a,"\n  mutation GrantAccess($id: UUID!, $grantee: String!, $hours: Int!) {\n    grantPersonalDataAccess(ticketId: $id, grantee: $grantee, hours: $hours) { grantee until }\n  }\n":Ra,"\n  mutation RevealGranted($id: UUID!, $reason: String!) {\n    revealPersonalData(ticketId: $id, reason: $reason) { customer customerPhone customerAddress reasonText }\n  }\n":wa,"\n  query InboundParcel($tracking: String!) {\n    inboundParcel(trackingNumber: $tracking) { ticketId }\n  }\n":Aa,"\n  query DeskTicket($id: UUID!) {\n    ticket(id: $id) { ...TicketView }\n  }\n":Ca,"\n  mutation ReceiveReturn($id: UUID!, $cmd: UUID!, $input: ReceiveReturnInput!) {\n    receiveReturn(ticketId: $id, commandId: $cmd, input: $input) { version }\n  }\n":Ua,"\n  mutation RecordInspection($id: UUID!, $cmd: UUID!, $input: RecordInspectionInput!) {\n    recordInspection(ticketId: $id, commandId: $cmd, input: $input) { version }\n  }\n":ja,"\n  mutation CompleteInspection($id: UUID!, $cmd: UUID!) {\n    completeInspection(ticketId: $id, commandId: $cmd) { version }\n  }\n":Ta,"\n  query WarehouseQueue($queue: WarehouseQueue!, $seen: Int) {\n    warehouseQueue(queue: $queue, first: 50, atLeastPosition: $seen) {\n      nodes { ticketId status kind customer channel trackingNumber carrier qtyApplied qtyReceived }\n    }\n  }\n":Pa,"\n  mutation RevealForShipping($id: UUID!, $reason: String!) {\n    revealPersonalData(ticketId: $id, reason: $reason) { customer customerPhone customerAddress }\n  }\n":Ea,"\n  mutation DeskShipReplacement($id: UUID!, $cmd: UUID!, $input: ShipmentInput!) {\n    shipReplacement(ticketId: $id, commandId: $cmd, input: $input) { position }\n  }\n":Ma,"\n  mutation DeskReturnGoods($id: UUID!, $cmd: UUID!, $input: ShipmentInput!) {\n    returnGoodsToCustomer(ticketId: $id, commandId: $cmd, input: $input) { position }\n  }\n":Oa,"\n  mutation DeskShipReshipment($id: UUID!, $cmd: UUID!, $input: ShipReshipmentInput!) {\n    shipReshipment(ticketId: $id, commandId: $cmd, input: $input) { position }\n  }\n":Na,"\n  mutation DeskShipRepairedGoods($id: UUID!, $cmd: UUID!, $input: ShipmentInput!) {\n    shipRepairedGoods(ticketId: $id, commandId: $cmd, input: $input) { position }\n  }\n":Fa,"\n  subscription WarehouseChanges {\n    departmentQueue(department: WAREHOUSE) { position change }\n  }\n":La,"\n  query Worklist($filter: WorklistFilter, $seen: Int) {\n    worklist(filter: $filter, first: 100, atLeastPosition: $seen) {\n      nodes {\n        ticketId status kind channel customer reasonCode nextAction nextActionDue slaBreached allowedCommands\n        paid { amountMinor currency }\n      }\n    }\n  }\n":qa,"\n  subscription CustomerServiceChanges {\n    departmentQueue(department: CUSTOMER_SERVICE) { position change }\n  }\n":Ba};function U(n){return za[n]??{}}function ne(n,e){const{err:t}=z(),[i,s]=D.useState(null),[o,r]=D.useState(null),[a,d]=D.useState(0);D.useEffect(()=>{let h=!0;return n().then(u=>h&&(s(u),r(null)),u=>h&&r(t(u))),()=>{h=!1}},[...e,a]);const l=D.useCallback(()=>d(h=>h+1),[]);return{data:i,error:o,reload:l}}function Q({error:n}){return n?c.jsx("p",{role:"alert",className:"error",children:n}):null}function fe({to:n,children:e}){return c.jsx("a",{href:n,onClick:t=>{t.ctrlKey||t.metaKey||t.shiftKey||(t.preventDefault(),$t(n))},children:e})}function q({label:n,children:e}){return c.jsxs("label",{className:"field",children:[c.jsx("span",{children:n}),e]})}function Ge({consequence:n,warning:e,action:t,onConfirm:i,onCancel:s}){const{t:o}=z(),r=D.useRef(null);return D.useEffect(()=>{const a=r.current;a&&!a.open&&a.showModal()},[]),c.jsxs("dialog",{ref:r,className:"dialog","aria-labelledby":"confirm-title","data-testid":"confirm",onCancel:a=>{a.preventDefault(),s()},children:[c.jsxs("h2",{id:"confirm-title",children:[o("confirmTitle"),": ",t]}),c.jsx("p",{"data-testid":"consequence",children:n}),e&&c.jsx("p",{className:"notice",role:"alert","data-testid":"warning",children:e}),c.jsxs("div",{className:"buttons",children:[c.jsx("button",{type:"button",autoFocus:!0,onClick:s,children:o("back")}),c.jsxs("button",{type:"button",className:"danger",onClick:i,children:[o("confirm"),": ",t]})]})]})}function En({label:n,text:e,setText:t,error:i,hint:s}){const o=D.useId();return c.jsxs("label",{className:"field",children:[c.jsxs("span",{children:[n,s?` (${s})`:""]}),c.jsxs("span",{className:"money",children:[c.jsx("span",{"aria-hidden":"true",children:"¥"}),c.jsx("input",{inputMode:"decimal",value:e,"aria-invalid":i?!0:void 0,"aria-describedby":i?o:void 0,onChange:r=>t(r.target.value)})]}),i&&c.jsx("span",{id:o,className:"error",role:"alert",children:i})]})}function _e({label:n,group:e,value:t,onChange:i,values:s,any:o}){const{t:r,e:a}=z();return c.jsx(q,{label:n,children:c.jsxs("select",{value:t,onChange:d=>i(d.target.value),children:[o&&c.jsx("option",{value:"",children:r("any")}),(s??Object.keys(Pn[e])).map(d=>c.jsx("option",{value:d,children:a(e,d)},d))]})})}const Ha=U(`
  query AuditOverview {
    verifyLog { intact eventsChecked streamsChecked sealsChecked }
    seals { sealId headPosition sealedAt streamCount headsHash }
  }
`),Va=U(`
  query AuditTicket($id: UUID!) {
    ticketHistory(id: $id) { version eventType actor role source causationId commandId recordedAt hash payload }
    verifyTicket(id: $id) { intact eventsChecked firstBreak { version reason } }
  }
`),Wa=U(`
  query AuditFindTicket($after: String) {
    worklist(first: 100, after: $after) { nodes { ticketId } pageInfo { endCursor hasNextPage } }
  }
`);async function Ga(n){const e=n.trim().toLowerCase();if(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(e))return e;if(!/^[0-9a-f]{4,}$/.test(e.replace(/-/g,"")))return null;let t=null;for(;;){const i=await j(Wa,{after:t}),s=i.worklist.nodes.find(o=>o.ticketId.startsWith(e));if(s)return s.ticketId;if(!i.worklist.pageInfo.hasNextPage)return null;t=i.worklist.pageInfo.endCursor??null}}const Ya=U(`
  query AuditAsOf($id: UUID!, $version: Int!) {
    ticketAsOf(id: $id, version: $version) { version status refunded { amountMinor currency } lines { lineId qtyReceived } }
  }
`);function Fs({intact:n}){const{t:e}=z();return c.jsxs("span",{className:n?"badge ok":"badge bad","data-testid":"verify-badge",children:[n?c.jsx(xr,{size:14,"aria-hidden":"true"}):c.jsx(yr,{size:14,"aria-hidden":"true"})," ",e(n?"intact":"broken")]})}function Ka({id:n}){var h;const{t:e,date:t,err:i}=z(),[s,o]=D.useState(n??""),[r,a]=D.useState(null),d=ne(()=>j(Ha),[]),l=async u=>{if(u.preventDefault(),!!s.trim())try{const p=await Ga(s);a(p?null:`${e("notFoundId")}: ${s.trim()}`),p&&$t(`/audit/${p}`)}catch(p){a(i(p))}};return c.jsxs("section",{"aria-labelledby":"audit-title",children:[c.jsx("h1",{id:"audit-title",children:e("audit")}),c.jsxs("p",{children:[e("wholeLog"),": ",d.data?c.jsx(Fs,{intact:d.data.verifyLog.intact}):e("loading")," ",d.data&&`${d.data.verifyLog.eventsChecked} ${e("events")}, ${d.data.verifyLog.streamsChecked} ${e("streams")}`]}),c.jsx(Q,{error:d.error}),c.jsxs("form",{onSubmit:u=>void l(u),className:"filters",children:[c.jsx(q,{label:e("ticketId"),children:c.jsx("input",{value:s,onChange:u=>o(u.target.value)})}),c.jsx("button",{type:"submit",children:e("show")})]}),c.jsx(Q,{error:r}),n&&c.jsx(Xa,{id:n},n),c.jsx("h2",{children:e("seals")}),c.jsxs("table",{children:[c.jsx("thead",{children:c.jsxs("tr",{children:[c.jsx("th",{scope:"col",children:"#"}),c.jsx("th",{scope:"col",children:e("at")}),c.jsx("th",{scope:"col",children:e("head")}),c.jsx("th",{scope:"col",children:e("streams")}),c.jsx("th",{scope:"col",children:e("hash")})]})}),c.jsx("tbody",{children:(h=d.data)==null?void 0:h.seals.slice(0,20).map(u=>c.jsxs("tr",{children:[c.jsx("td",{children:u.sealId}),c.jsx("td",{children:t(u.sealedAt)}),c.jsx("td",{children:u.headPosition}),c.jsx("td",{children:u.streamCount}),c.jsx("td",{children:c.jsxs("code",{children:[u.headsHash.slice(0,16),"…"]})})]},u.sealId))})]})]})}function Xa({id:n}){const{t:e,e:t,date:i}=z(),{data:s,error:o}=ne(()=>j(Va,{id:n}),[n]),r=(s==null?void 0:s.ticketHistory.length)??0,[a,d]=D.useState(null),l=a??r,h=ne(()=>l>0?j(Ya,{id:n,version:l}):Promise.resolve(null),[n,l]);return s?c.jsxs("div",{children:[c.jsxs("h2",{children:[e("ticket")," ",c.jsx(fe,{to:`/ticket/${n}`,children:c.jsx("code",{children:n})})," ",c.jsx(Fs,{intact:s.verifyTicket.intact})]}),c.jsx(q,{label:`${e("asOfVersion")}: ${l}`,children:c.jsx("input",{type:"range",min:1,max:Math.max(r,1),value:l,onChange:u=>d(Number(u.target.value)),"data-testid":"as-of"})}),h.data&&c.jsxs("p",{"data-testid":"as-of-state",children:["v",h.data.ticketAsOf.version,": ",c.jsx("strong",{"data-status":h.data.ticketAsOf.status,children:t("status",h.data.ticketAsOf.status)})]}),c.jsxs("table",{"data-testid":"history",children:[c.jsx("thead",{children:c.jsxs("tr",{children:[c.jsx("th",{scope:"col",children:"v"}),c.jsx("th",{scope:"col",children:e("event")}),c.jsx("th",{scope:"col",children:e("actor")}),c.jsx("th",{scope:"col",children:e("role")}),c.jsx("th",{scope:"col",children:e("source")}),c.jsx("th",{scope:"col",children:e("causation")}),c.jsx("th",{scope:"col",children:e("at")})]})}),c.jsx("tbody",{children:s.ticketHistory.map(u=>c.jsxs("tr",{"aria-current":u.version===l?"step":void 0,children:[c.jsx("td",{children:u.version}),c.jsx("td",{children:c.jsxs("details",{children:[c.jsx("summary",{"data-event":u.eventType,children:t("event",u.eventType)}),c.jsx("pre",{"data-testid":"payload",children:JSON.stringify(u.payload,null,2)})]})}),c.jsx("td",{children:u.actor}),c.jsx("td",{children:t("role",u.role.toUpperCase())}),c.jsx("td",{children:u.source??"—"}),c.jsx("td",{children:u.causationId?u.causationId.slice(0,8):"—"}),c.jsx("td",{children:i(u.recordedAt)})]},u.version))})]})]}):c.jsx(Q,{error:o})}function Qa(n){const e=n<0?"-":"",t=Math.abs(n);return`${e}${Math.trunc(t/100)}.${String(t%100).padStart(2,"0")}`}function Za(n){const e=n==null?"":String(n),t=/^([=+@]|-(?!\d))/.test(e)?`'${e}`:e;return/[",\r\n]/.test(t)?`"${t.replace(/"/g,'""')}"`:t}function Ja(n,e){return`\uFEFF${[n,...e].map(t=>t.map(Za).join(",")).join(`\r
`)}\r
`}function Dt(n){return n+.5|0}const Re=(n,e,t)=>Math.max(Math.min(n,t),e);function ut(n){return Re(Dt(n*2.55),0,255)}function je(n){return Re(Dt(n*255),0,255)}function $e(n){return Re(Dt(n/2.55)/100,0,1)}function Xn(n){return Re(Dt(n*100),0,100)}const le={0:0,1:1,2:2,3:3,4:4,5:5,6:6,7:7,8:8,9:9,A:10,B:11,C:12,D:13,E:14,F:15,a:10,b:11,c:12,d:13,e:14,f:15},vn=[..."0123456789ABCDEF"],ec=n=>vn[n&15],tc=n=>vn[(n&240)>>4]+vn[n&15],_t=n=>(n&240)>>4===(n&15),nc=n=>_t(n.r)&&_t(n.g)&&_t(n.b)&&_t(n.a);function ic(n){var e=n.length,t;return n[0]==="#"&&(e===4||e===5?t={r:255&le[n[1]]*17,g:255&le[n[2]]*17,b:255&le[n[3]]*17,a:e===5?le[n[4]]*17:255}:(e===7||e===9)&&(t={r:le[n[1]]<<4|le[n[2]],g:le[n[3]]<<4|le[n[4]],b:le[n[5]]<<4|le[n[6]],a:e===9?le[n[7]]<<4|le[n[8]]:255})),t}const sc=(n,e)=>n<255?e(n):"";function oc(n){var e=nc(n)?ec:tc;return n?"#"+e(n.r)+e(n.g)+e(n.b)+sc(n.a,e):void 0}const rc=/^(hsla?|hwb|hsv)\(\s*([-+.e\d]+)(?:deg)?[\s,]+([-+.e\d]+)%[\s,]+([-+.e\d]+)%(?:[\s,]+([-+.e\d]+)(%)?)?\s*\)$/;function Ls(n,e,t){const i=e*Math.min(t,1-t),s=(o,r=(o+n/30)%12)=>t-i*Math.max(Math.min(r-3,9-r,1),-1);return[s(0),s(8),s(4)]}function ac(n,e,t){const i=(s,o=(s+n/60)%6)=>t-t*e*Math.max(Math.min(o,4-o,1),0);return[i(5),i(3),i(1)]}function cc(n,e,t){const i=Ls(n,1,.5);let s;for(e+t>1&&(s=1/(e+t),e*=s,t*=s),s=0;s<3;s++)i[s]*=1-e-t,i[s]+=e;return i}function dc(n,e,t,i,s){return n===s?(e-t)/i+(e<t?6:0):e===s?(t-n)/i+2:(n-e)/i+4}function Mn(n){const t=n.r/255,i=n.g/255,s=n.b/255,o=Math.max(t,i,s),r=Math.min(t,i,s),a=(o+r)/2;let d,l,h;return o!==r&&(h=o-r,l=a>.5?h/(2-o-r):h/(o+r),d=dc(t,i,s,h,o),d=d*60+.5),[d|0,l||0,a]}function On(n,e,t,i){return(Array.isArray(e)?n(e[0],e[1],e[2]):n(e,t,i)).map(je)}function Nn(n,e,t){return On(Ls,n,e,t)}function lc(n,e,t){return On(cc,n,e,t)}function uc(n,e,t){return On(ac,n,e,t)}function qs(n){return(n%360+360)%360}function hc(n){const e=rc.exec(n);let t=255,i;if(!e)return;e[5]!==i&&(t=e[6]?ut(+e[5]):je(+e[5]));const s=qs(+e[2]),o=+e[3]/100,r=+e[4]/100;return e[1]==="hwb"?i=lc(s,o,r):e[1]==="hsv"?i=uc(s,o,r):i=Nn(s,o,r),{r:i[0],g:i[1],b:i[2],a:t}}function pc(n,e){var t=Mn(n);t[0]=qs(t[0]+e),t=Nn(t),n.r=t[0],n.g=t[1],n.b=t[2]}function fc(n){if(!n)return;const e=Mn(n),t=e[0],i=Xn(e[1]),s=Xn(e[2]);return n.a<255?`hsla(${t}, ${i}%, ${s}%, ${$e(n.a)})`:`hsl(${t}, ${i}%, ${s}%)`}const Qn={x:"dark",Z:"light",Y:"re",X:"blu",W:"gr",V:"medium",U:"slate",A:"ee",T:"ol",S:"or",B:"ra",C:"lateg",D:"ights",R:"in",Q:"turquois",E:"hi",P:"ro",O:"al",N:"le",M:"de",L:"yello",F:"en",K:"ch",G:"arks",H:"ea",I:"ightg",J:"wh"},Zn={OiceXe:"f0f8ff",antiquewEte:"faebd7",aqua:"ffff",aquamarRe:"7fffd4",azuY:"f0ffff",beige:"f5f5dc",bisque:"ffe4c4",black:"0",blanKedOmond:"ffebcd",Xe:"ff",XeviTet:"8a2be2",bPwn:"a52a2a",burlywood:"deb887",caMtXe:"5f9ea0",KartYuse:"7fff00",KocTate:"d2691e",cSO:"ff7f50",cSnflowerXe:"6495ed",cSnsilk:"fff8dc",crimson:"dc143c",cyan:"ffff",xXe:"8b",xcyan:"8b8b",xgTMnPd:"b8860b",xWay:"a9a9a9",xgYF:"6400",xgYy:"a9a9a9",xkhaki:"bdb76b",xmagFta:"8b008b",xTivegYF:"556b2f",xSange:"ff8c00",xScEd:"9932cc",xYd:"8b0000",xsOmon:"e9967a",xsHgYF:"8fbc8f",xUXe:"483d8b",xUWay:"2f4f4f",xUgYy:"2f4f4f",xQe:"ced1",xviTet:"9400d3",dAppRk:"ff1493",dApskyXe:"bfff",dimWay:"696969",dimgYy:"696969",dodgerXe:"1e90ff",fiYbrick:"b22222",flSOwEte:"fffaf0",foYstWAn:"228b22",fuKsia:"ff00ff",gaRsbSo:"dcdcdc",ghostwEte:"f8f8ff",gTd:"ffd700",gTMnPd:"daa520",Way:"808080",gYF:"8000",gYFLw:"adff2f",gYy:"808080",honeyMw:"f0fff0",hotpRk:"ff69b4",RdianYd:"cd5c5c",Rdigo:"4b0082",ivSy:"fffff0",khaki:"f0e68c",lavFMr:"e6e6fa",lavFMrXsh:"fff0f5",lawngYF:"7cfc00",NmoncEffon:"fffacd",ZXe:"add8e6",ZcSO:"f08080",Zcyan:"e0ffff",ZgTMnPdLw:"fafad2",ZWay:"d3d3d3",ZgYF:"90ee90",ZgYy:"d3d3d3",ZpRk:"ffb6c1",ZsOmon:"ffa07a",ZsHgYF:"20b2aa",ZskyXe:"87cefa",ZUWay:"778899",ZUgYy:"778899",ZstAlXe:"b0c4de",ZLw:"ffffe0",lime:"ff00",limegYF:"32cd32",lRF:"faf0e6",magFta:"ff00ff",maPon:"800000",VaquamarRe:"66cdaa",VXe:"cd",VScEd:"ba55d3",VpurpN:"9370db",VsHgYF:"3cb371",VUXe:"7b68ee",VsprRggYF:"fa9a",VQe:"48d1cc",VviTetYd:"c71585",midnightXe:"191970",mRtcYam:"f5fffa",mistyPse:"ffe4e1",moccasR:"ffe4b5",navajowEte:"ffdead",navy:"80",Tdlace:"fdf5e6",Tive:"808000",TivedBb:"6b8e23",Sange:"ffa500",SangeYd:"ff4500",ScEd:"da70d6",pOegTMnPd:"eee8aa",pOegYF:"98fb98",pOeQe:"afeeee",pOeviTetYd:"db7093",papayawEp:"ffefd5",pHKpuff:"ffdab9",peru:"cd853f",pRk:"ffc0cb",plum:"dda0dd",powMrXe:"b0e0e6",purpN:"800080",YbeccapurpN:"663399",Yd:"ff0000",Psybrown:"bc8f8f",PyOXe:"4169e1",saddNbPwn:"8b4513",sOmon:"fa8072",sandybPwn:"f4a460",sHgYF:"2e8b57",sHshell:"fff5ee",siFna:"a0522d",silver:"c0c0c0",skyXe:"87ceeb",UXe:"6a5acd",UWay:"708090",UgYy:"708090",snow:"fffafa",sprRggYF:"ff7f",stAlXe:"4682b4",tan:"d2b48c",teO:"8080",tEstN:"d8bfd8",tomato:"ff6347",Qe:"40e0d0",viTet:"ee82ee",JHt:"f5deb3",wEte:"ffffff",wEtesmoke:"f5f5f5",Lw:"ffff00",LwgYF:"9acd32"};function mc(){const n={},e=Object.keys(Zn),t=Object.keys(Qn);let i,s,o,r,a;for(i=0;i<e.length;i++){for(r=a=e[i],s=0;s<t.length;s++)o=t[s],a=a.replace(o,Qn[o]);o=parseInt(Zn[r],16),n[a]=[o>>16&255,o>>8&255,o&255]}return n}let Rt;function gc(n){Rt||(Rt=mc(),Rt.transparent=[0,0,0,0]);const e=Rt[n.toLowerCase()];return e&&{r:e[0],g:e[1],b:e[2],a:e.length===4?e[3]:255}}const bc=/^rgba?\(\s*([-+.\d]+)(%)?[\s,]+([-+.e\d]+)(%)?[\s,]+([-+.e\d]+)(%)?(?:[\s,/]+([-+.e\d]+)(%)?)?\s*\)$/;function xc(n){const e=bc.exec(n);let t=255,i,s,o;if(e){if(e[7]!==i){const r=+e[7];t=e[8]?ut(r):Re(r*255,0,255)}return i=+e[1],s=+e[3],o=+e[5],i=255&(e[2]?ut(i):Re(i,0,255)),s=255&(e[4]?ut(s):Re(s,0,255)),o=255&(e[6]?ut(o):Re(o,0,255)),{r:i,g:s,b:o,a:t}}}function yc(n){return n&&(n.a<255?`rgba(${n.r}, ${n.g}, ${n.b}, ${$e(n.a)})`:`rgb(${n.r}, ${n.g}, ${n.b})`)}const on=n=>n<=.0031308?n*12.92:Math.pow(n,1/2.4)*1.055-.055,Qe=n=>n<=.04045?n/12.92:Math.pow((n+.055)/1.055,2.4);function kc(n,e,t){const i=Qe($e(n.r)),s=Qe($e(n.g)),o=Qe($e(n.b));return{r:je(on(i+t*(Qe($e(e.r))-i))),g:je(on(s+t*(Qe($e(e.g))-s))),b:je(on(o+t*(Qe($e(e.b))-o))),a:n.a+t*(e.a-n.a)}}function wt(n,e,t){if(n){let i=Mn(n);i[e]=Math.max(0,Math.min(i[e]+i[e]*t,e===0?360:1)),i=Nn(i),n.r=i[0],n.g=i[1],n.b=i[2]}}function Bs(n,e){return n&&Object.assign(e||{},n)}function Jn(n){var e={r:0,g:0,b:0,a:255};return Array.isArray(n)?n.length>=3&&(e={r:n[0],g:n[1],b:n[2],a:255},n.length>3&&(e.a=je(n[3]))):(e=Bs(n,{r:0,g:0,b:0,a:1}),e.a=je(e.a)),e}function Ic(n){return n.charAt(0)==="r"?xc(n):hc(n)}class yt{constructor(e){if(e instanceof yt)return e;const t=typeof e;let i;t==="object"?i=Jn(e):t==="string"&&(i=ic(e)||gc(e)||Ic(e)),this._rgb=i,this._valid=!!i}get valid(){return this._valid}get rgb(){var e=Bs(this._rgb);return e&&(e.a=$e(e.a)),e}set rgb(e){this._rgb=Jn(e)}rgbString(){return this._valid?yc(this._rgb):void 0}hexString(){return this._valid?oc(this._rgb):void 0}hslString(){return this._valid?fc(this._rgb):void 0}mix(e,t){if(e){const i=this.rgb,s=e.rgb;let o;const r=t===o?.5:t,a=2*r-1,d=i.a-s.a,l=((a*d===-1?a:(a+d)/(1+a*d))+1)/2;o=1-l,i.r=255&l*i.r+o*s.r+.5,i.g=255&l*i.g+o*s.g+.5,i.b=255&l*i.b+o*s.b+.5,i.a=r*i.a+(1-r)*s.a,this.rgb=i}return this}interpolate(e,t){return e&&(this._rgb=kc(this._rgb,e._rgb,t)),this}clone(){return new yt(this.rgb)}alpha(e){return this._rgb.a=je(e),this}clearer(e){const t=this._rgb;return t.a*=1-e,this}greyscale(){const e=this._rgb,t=Dt(e.r*.3+e.g*.59+e.b*.11);return e.r=e.g=e.b=t,this}opaquer(e){const t=this._rgb;return t.a*=1+e,this}negate(){const e=this._rgb;return e.r=255-e.r,e.g=255-e.g,e.b=255-e.b,this}lighten(e){return wt(this._rgb,2,e),this}darken(e){return wt(this._rgb,2,-e),this}saturate(e){return wt(this._rgb,1,e),this}desaturate(e){return wt(this._rgb,1,-e),this}rotate(e){return pc(this._rgb,e),this}}function Ie(){}const vc=(()=>{let n=0;return()=>n++})();function K(n){return n==null}function ee(n){if(Array.isArray&&Array.isArray(n))return!0;const e=Object.prototype.toString.call(n);return e.slice(0,7)==="[object"&&e.slice(-6)==="Array]"}function H(n){return n!==null&&Object.prototype.toString.call(n)==="[object Object]"}function ue(n){return(typeof n=="number"||n instanceof Number)&&isFinite(+n)}function be(n,e){return ue(n)?n:e}function V(n,e){return typeof n>"u"?e:n}const Sc=(n,e)=>typeof n=="string"&&n.endsWith("%")?parseFloat(n)/100*e:+n;function X(n,e,t){if(n&&typeof n.call=="function")return n.apply(t,e)}function Y(n,e,t,i){let s,o,r;if(ee(n))for(o=n.length,s=0;s<o;s++)e.call(t,n[s],s);else if(H(n))for(r=Object.keys(n),o=r.length,s=0;s<o;s++)e.call(t,n[r[s]],r[s])}function Ht(n,e){let t,i,s,o;if(!n||!e||n.length!==e.length)return!1;for(t=0,i=n.length;t<i;++t)if(s=n[t],o=e[t],s.datasetIndex!==o.datasetIndex||s.index!==o.index)return!1;return!0}function Vt(n){if(ee(n))return n.map(Vt);if(H(n)){const e=Object.create(null),t=Object.keys(n),i=t.length;let s=0;for(;s<i;++s)e[t[s]]=Vt(n[t[s]]);return e}return n}function zs(n){return["__proto__","prototype","constructor"].indexOf(n)===-1}function $c(n,e,t,i){if(!zs(n))return;const s=e[n],o=t[n];H(s)&&H(o)?kt(s,o,i):e[n]=Vt(o)}function kt(n,e,t){const i=ee(e)?e:[e],s=i.length;if(!H(n))return n;t=t||{};const o=t.merger||$c;let r;for(let a=0;a<s;++a){if(r=i[a],!H(r))continue;const d=Object.keys(r);for(let l=0,h=d.length;l<h;++l)o(d[l],n,r,t)}return n}function ft(n,e){return kt(n,e,{merger:Dc})}function Dc(n,e,t){if(!zs(n))return;const i=e[n],s=t[n];H(i)&&H(s)?ft(i,s):Object.prototype.hasOwnProperty.call(e,n)||(e[n]=Vt(s))}const ei={"":n=>n,x:n=>n.x,y:n=>n.y};function _c(n){const e=n.split("."),t=[];let i="";for(const s of e)i+=s,i.endsWith("\\")?i=i.slice(0,-1)+".":(t.push(i),i="");return t}function Rc(n){const e=_c(n);return t=>{for(const i of e){if(i==="")break;t=t&&t[i]}return t}}function tt(n,e){return(ei[e]||(ei[e]=Rc(e)))(n)}function Fn(n){return n.charAt(0).toUpperCase()+n.slice(1)}const It=n=>typeof n<"u",Ee=n=>typeof n=="function",ti=(n,e)=>{if(n.size!==e.size)return!1;for(const t of n)if(!e.has(t))return!1;return!0};function wc(n){return n.type==="mouseup"||n.type==="click"||n.type==="contextmenu"}const ae=Math.PI,Te=2*ae,Wt=Number.POSITIVE_INFINITY,Ac=ae/180,he=ae/2,Ne=ae/4,ni=ae*2/3,Hs=Math.log10,Pe=Math.sign;function Nt(n,e,t){return Math.abs(n-e)<t}function ii(n){const e=Math.round(n);n=Nt(n,e,n/1e3)?e:n;const t=Math.pow(10,Math.floor(Hs(n))),i=n/t;return(i<=1?1:i<=2?2:i<=5?5:10)*t}function Cc(n){const e=[],t=Math.sqrt(n);let i;for(i=1;i<t;i++)n%i===0&&(e.push(i),e.push(n/i));return t===(t|0)&&e.push(t),e.sort((s,o)=>s-o).pop(),e}function Uc(n){return typeof n=="symbol"||typeof n=="object"&&n!==null&&!(Symbol.toPrimitive in n||"toString"in n||"valueOf"in n)}function Gt(n){return!Uc(n)&&!isNaN(parseFloat(n))&&isFinite(n)}function jc(n,e){const t=Math.round(n);return t-e<=n&&t+e>=n}function Tc(n,e,t){let i,s,o;for(i=0,s=n.length;i<s;i++)o=n[i][t],isNaN(o)||(e.min=Math.min(e.min,o),e.max=Math.max(e.max,o))}function Ve(n){return n*(ae/180)}function Pc(n){return n*(180/ae)}function si(n){if(!ue(n))return;let e=1,t=0;for(;Math.round(n*e)/e!==n;)e*=10,t++;return t}function Ec(n,e){const t=e.x-n.x,i=e.y-n.y,s=Math.sqrt(t*t+i*i);let o=Math.atan2(i,t);return o<-.5*ae&&(o+=Te),{angle:o,distance:s}}function Mc(n,e){return Math.sqrt(Math.pow(e.x-n.x,2)+Math.pow(e.y-n.y,2))}function Fe(n){return(n%Te+Te)%Te}function Oc(n,e,t,i){const s=Fe(n),o=Fe(e),r=Fe(t),a=Fe(o-s),d=Fe(r-s),l=Fe(s-o),h=Fe(s-r);return s===o||s===r||i||a>d&&l<h}function pe(n,e,t){return Math.max(e,Math.min(t,n))}function Nc(n){return pe(n,-32768,32767)}function Ze(n,e,t,i=1e-6){return n>=Math.min(e,t)-i&&n<=Math.max(e,t)+i}function Ln(n,e,t){t=t||(r=>n[r]<e);let i=n.length-1,s=0,o;for(;i-s>1;)o=s+i>>1,t(o)?s=o:i=o;return{lo:s,hi:i}}const Sn=(n,e,t,i)=>Ln(n,t,i?s=>{const o=n[s][e];return o<t||o===t&&n[s+1][e]===t}:s=>n[s][e]<t),Fc=(n,e,t)=>Ln(n,t,i=>n[i][e]>=t);function Lc(n,e,t){let i=0,s=n.length;for(;i<s&&n[i]<e;)i++;for(;s>i&&n[s-1]>t;)s--;return i>0||s<n.length?n.slice(i,s):n}const Vs=["push","pop","shift","splice","unshift"];function qc(n,e){if(n._chartjs){n._chartjs.listeners.push(e);return}Object.defineProperty(n,"_chartjs",{configurable:!0,enumerable:!1,value:{listeners:[e]}}),Vs.forEach(t=>{const i="_onData"+Fn(t),s=n[t];Object.defineProperty(n,t,{configurable:!0,enumerable:!1,value(...o){const r=s.apply(this,o);return n._chartjs.listeners.forEach(a=>{typeof a[i]=="function"&&a[i](...o)}),r}})})}function oi(n,e){const t=n._chartjs;if(!t)return;const i=t.listeners,s=i.indexOf(e);s!==-1&&i.splice(s,1),!(i.length>0)&&(Vs.forEach(o=>{delete n[o]}),delete n._chartjs)}function Ws(n){const e=new Set(n);return e.size===n.length?n:Array.from(e)}const Gs=(function(){return typeof window>"u"?function(n){return n()}:window.requestAnimationFrame})();function Ys(n,e){let t=[],i=!1;return function(...s){t=s,i||(i=!0,Gs.call(window,()=>{i=!1,n.apply(e,t)}))}}function Bc(n,e){let t;return function(...i){return e?(clearTimeout(t),t=setTimeout(n,e,i)):n.apply(this,i),e}}const Ks=n=>n==="start"?"left":n==="end"?"right":"center",ce=(n,e,t)=>n==="start"?e:n==="end"?t:(e+t)/2,zc=(n,e,t,i)=>n===(i?"left":"right")?t:n==="center"?(e+t)/2:e,At=n=>n===0||n===1,ri=(n,e,t)=>-(Math.pow(2,10*(n-=1))*Math.sin((n-e)*Te/t)),ai=(n,e,t)=>Math.pow(2,-10*n)*Math.sin((n-e)*Te/t)+1,mt={linear:n=>n,easeInQuad:n=>n*n,easeOutQuad:n=>-n*(n-2),easeInOutQuad:n=>(n/=.5)<1?.5*n*n:-.5*(--n*(n-2)-1),easeInCubic:n=>n*n*n,easeOutCubic:n=>(n-=1)*n*n+1,easeInOutCubic:n=>(n/=.5)<1?.5*n*n*n:.5*((n-=2)*n*n+2),easeInQuart:n=>n*n*n*n,easeOutQuart:n=>-((n-=1)*n*n*n-1),easeInOutQuart:n=>(n/=.5)<1?.5*n*n*n*n:-.5*((n-=2)*n*n*n-2),easeInQuint:n=>n*n*n*n*n,easeOutQuint:n=>(n-=1)*n*n*n*n+1,easeInOutQuint:n=>(n/=.5)<1?.5*n*n*n*n*n:.5*((n-=2)*n*n*n*n+2),easeInSine:n=>-Math.cos(n*he)+1,easeOutSine:n=>Math.sin(n*he),easeInOutSine:n=>-.5*(Math.cos(ae*n)-1),easeInExpo:n=>n===0?0:Math.pow(2,10*(n-1)),easeOutExpo:n=>n===1?1:-Math.pow(2,-10*n)+1,easeInOutExpo:n=>At(n)?n:n<.5?.5*Math.pow(2,10*(n*2-1)):.5*(-Math.pow(2,-10*(n*2-1))+2),easeInCirc:n=>n>=1?n:-(Math.sqrt(1-n*n)-1),easeOutCirc:n=>Math.sqrt(1-(n-=1)*n),easeInOutCirc:n=>(n/=.5)<1?-.5*(Math.sqrt(1-n*n)-1):.5*(Math.sqrt(1-(n-=2)*n)+1),easeInElastic:n=>At(n)?n:ri(n,.075,.3),easeOutElastic:n=>At(n)?n:ai(n,.075,.3),easeInOutElastic(n){return At(n)?n:n<.5?.5*ri(n*2,.1125,.45):.5+.5*ai(n*2-1,.1125,.45)},easeInBack(n){return n*n*((1.70158+1)*n-1.70158)},easeOutBack(n){return(n-=1)*n*((1.70158+1)*n+1.70158)+1},easeInOutBack(n){let e=1.70158;return(n/=.5)<1?.5*(n*n*(((e*=1.525)+1)*n-e)):.5*((n-=2)*n*(((e*=1.525)+1)*n+e)+2)},easeInBounce:n=>1-mt.easeOutBounce(1-n),easeOutBounce(n){return n<1/2.75?7.5625*n*n:n<2/2.75?7.5625*(n-=1.5/2.75)*n+.75:n<2.5/2.75?7.5625*(n-=2.25/2.75)*n+.9375:7.5625*(n-=2.625/2.75)*n+.984375},easeInOutBounce:n=>n<.5?mt.easeInBounce(n*2)*.5:mt.easeOutBounce(n*2-1)*.5+.5};function Xs(n){if(n&&typeof n=="object"){const e=n.toString();return e==="[object CanvasPattern]"||e==="[object CanvasGradient]"}return!1}function ci(n){return Xs(n)?n:new yt(n)}function rn(n){return Xs(n)?n:new yt(n).saturate(.5).darken(.1).hexString()}const Hc=["x","y","borderWidth","radius","tension"],Vc=["color","borderColor","backgroundColor"];function Wc(n){n.set("animation",{delay:void 0,duration:1e3,easing:"easeOutQuart",fn:void 0,from:void 0,loop:void 0,to:void 0,type:void 0}),n.describe("animation",{_fallback:!1,_indexable:!1,_scriptable:e=>e!=="onProgress"&&e!=="onComplete"&&e!=="fn"}),n.set("animations",{colors:{type:"color",properties:Vc},numbers:{type:"number",properties:Hc}}),n.describe("animations",{_fallback:"animation"}),n.set("transitions",{active:{animation:{duration:400}},resize:{animation:{duration:0}},show:{animations:{colors:{from:"transparent"},visible:{type:"boolean",duration:0}}},hide:{animations:{colors:{to:"transparent"},visible:{type:"boolean",easing:"linear",fn:e=>e|0}}}})}function Gc(n){n.set("layout",{autoPadding:!0,padding:{top:0,right:0,bottom:0,left:0}})}const di=new Map;function Yc(n,e){e=e||{};const t=n+JSON.stringify(e);let i=di.get(t);return i||(i=new Intl.NumberFormat(n,e),di.set(t,i)),i}function Qs(n,e,t){return Yc(e,t).format(n)}const Kc={values(n){return ee(n)?n:""+n},numeric(n,e,t){if(n===0)return"0";const i=this.chart.options.locale;let s,o=n;if(t.length>1){const l=Math.max(Math.abs(t[0].value),Math.abs(t[t.length-1].value));(l<1e-4||l>1e15)&&(s="scientific"),o=Xc(n,t)}const r=Hs(Math.abs(o)),a=isNaN(r)?1:Math.max(Math.min(-1*Math.floor(r),20),0),d={notation:s,minimumFractionDigits:a,maximumFractionDigits:a};return Object.assign(d,this.options.ticks.format),Qs(n,i,d)}};function Xc(n,e){let t=e.length>3?e[2].value-e[1].value:e[1].value-e[0].value;return Math.abs(t)>=1&&n!==Math.floor(n)&&(t=n-Math.floor(n)),t}var Zs={formatters:Kc};function Qc(n){n.set("scale",{display:!0,offset:!1,reverse:!1,beginAtZero:!1,bounds:"ticks",clip:!0,grace:0,grid:{display:!0,lineWidth:1,drawOnChartArea:!0,drawTicks:!0,tickLength:8,tickWidth:(e,t)=>t.lineWidth,tickColor:(e,t)=>t.color,offset:!1},border:{display:!0,dash:[],dashOffset:0,width:1},title:{display:!1,text:"",padding:{top:4,bottom:4}},ticks:{minRotation:0,maxRotation:50,mirror:!1,textStrokeWidth:0,textStrokeColor:"",padding:3,display:!0,autoSkip:!0,autoSkipPadding:3,labelOffset:0,callback:Zs.formatters.values,minor:{},major:{},align:"center",crossAlign:"near",showLabelBackdrop:!1,backdropColor:"rgba(255, 255, 255, 0.75)",backdropPadding:2}}),n.route("scale.ticks","color","","color"),n.route("scale.grid","color","","borderColor"),n.route("scale.border","color","","borderColor"),n.route("scale.title","color","","color"),n.describe("scale",{_fallback:!1,_scriptable:e=>!e.startsWith("before")&&!e.startsWith("after")&&e!=="callback"&&e!=="parser",_indexable:e=>e!=="borderDash"&&e!=="tickBorderDash"&&e!=="dash"}),n.describe("scales",{_fallback:"scale"}),n.describe("scale.ticks",{_scriptable:e=>e!=="backdropPadding"&&e!=="callback",_indexable:e=>e!=="backdropPadding"})}const Ye=Object.create(null),$n=Object.create(null);function gt(n,e){if(!e)return n;const t=e.split(".");for(let i=0,s=t.length;i<s;++i){const o=t[i];n=n[o]||(n[o]=Object.create(null))}return n}function an(n,e,t){return typeof e=="string"?kt(gt(n,e),t):kt(gt(n,""),e)}class Zc{constructor(e,t){this.animation=void 0,this.backgroundColor="rgba(0,0,0,0.1)",this.borderColor="rgba(0,0,0,0.1)",this.color="#666",this.datasets={},this.devicePixelRatio=i=>i.chart.platform.getDevicePixelRatio(),this.elements={},this.events=["mousemove","mouseout","click","touchstart","touchmove"],this.font={family:"'Helvetica Neue', 'Helvetica', 'Arial', sans-serif",size:12,style:"normal",lineHeight:1.2,weight:null},this.hover={},this.hoverBackgroundColor=(i,s)=>rn(s.backgroundColor),this.hoverBorderColor=(i,s)=>rn(s.borderColor),this.hoverColor=(i,s)=>rn(s.color),this.indexAxis="x",this.interaction={mode:"nearest",intersect:!0,includeInvisible:!1},this.maintainAspectRatio=!0,this.onHover=null,this.onClick=null,this.parsing=!0,this.plugins={},this.responsive=!0,this.scale=void 0,this.scales={},this.showLine=!0,this.drawActiveElementsOnTop=!0,this.describe(e),this.apply(t)}set(e,t){return an(this,e,t)}get(e){return gt(this,e)}describe(e,t){return an($n,e,t)}override(e,t){return an(Ye,e,t)}route(e,t,i,s){const o=gt(this,e),r=gt(this,i),a="_"+t;Object.defineProperties(o,{[a]:{value:o[t],writable:!0},[t]:{enumerable:!0,get(){const d=this[a],l=r[s];return H(d)?Object.assign({},l,d):V(d,l)},set(d){this[a]=d}}})}apply(e){e.forEach(t=>t(this))}}var J=new Zc({_scriptable:n=>!n.startsWith("on"),_indexable:n=>n!=="events",hover:{_fallback:"interaction"},interaction:{_scriptable:!1,_indexable:!1}},[Wc,Gc,Qc]);function Jc(n){return!n||K(n.size)||K(n.family)?null:(n.style?n.style+" ":"")+(n.weight?n.weight+" ":"")+n.size+"px "+n.family}function li(n,e,t,i,s){let o=e[s];return o||(o=e[s]=n.measureText(s).width,t.push(s)),o>i&&(i=o),i}function Le(n,e,t){const i=n.currentDevicePixelRatio,s=t!==0?Math.max(t/2,.5):0;return Math.round((e-s)*i)/i+s}function ui(n,e){!e&&!n||(e=e||n.getContext("2d"),e.save(),e.resetTransform(),e.clearRect(0,0,n.width,n.height),e.restore())}function hi(n,e,t,i){Js(n,e,t,i,null)}function Js(n,e,t,i,s){let o,r,a,d,l,h,u,p;const f=e.pointStyle,b=e.rotation,x=e.radius;let g=(b||0)*Ac;if(f&&typeof f=="object"&&(o=f.toString(),o==="[object HTMLImageElement]"||o==="[object HTMLCanvasElement]")){n.save(),n.translate(t,i),n.rotate(g),n.drawImage(f,-f.width/2,-f.height/2,f.width,f.height),n.restore();return}if(!(isNaN(x)||x<=0)){switch(n.beginPath(),f){default:s?n.ellipse(t,i,s/2,x,0,0,Te):n.arc(t,i,x,0,Te),n.closePath();break;case"triangle":h=s?s/2:x,n.moveTo(t+Math.sin(g)*h,i-Math.cos(g)*x),g+=ni,n.lineTo(t+Math.sin(g)*h,i-Math.cos(g)*x),g+=ni,n.lineTo(t+Math.sin(g)*h,i-Math.cos(g)*x),n.closePath();break;case"rectRounded":l=x*.516,d=x-l,r=Math.cos(g+Ne)*d,u=Math.cos(g+Ne)*(s?s/2-l:d),a=Math.sin(g+Ne)*d,p=Math.sin(g+Ne)*(s?s/2-l:d),n.arc(t-u,i-a,l,g-ae,g-he),n.arc(t+p,i-r,l,g-he,g),n.arc(t+u,i+a,l,g,g+he),n.arc(t-p,i+r,l,g+he,g+ae),n.closePath();break;case"rect":if(!b){d=Math.SQRT1_2*x,h=s?s/2:d,n.rect(t-h,i-d,2*h,2*d);break}g+=Ne;case"rectRot":u=Math.cos(g)*(s?s/2:x),r=Math.cos(g)*x,a=Math.sin(g)*x,p=Math.sin(g)*(s?s/2:x),n.moveTo(t-u,i-a),n.lineTo(t+p,i-r),n.lineTo(t+u,i+a),n.lineTo(t-p,i+r),n.closePath();break;case"crossRot":g+=Ne;case"cross":u=Math.cos(g)*(s?s/2:x),r=Math.cos(g)*x,a=Math.sin(g)*x,p=Math.sin(g)*(s?s/2:x),n.moveTo(t-u,i-a),n.lineTo(t+u,i+a),n.moveTo(t+p,i-r),n.lineTo(t-p,i+r);break;case"star":u=Math.cos(g)*(s?s/2:x),r=Math.cos(g)*x,a=Math.sin(g)*x,p=Math.sin(g)*(s?s/2:x),n.moveTo(t-u,i-a),n.lineTo(t+u,i+a),n.moveTo(t+p,i-r),n.lineTo(t-p,i+r),g+=Ne,u=Math.cos(g)*(s?s/2:x),r=Math.cos(g)*x,a=Math.sin(g)*x,p=Math.sin(g)*(s?s/2:x),n.moveTo(t-u,i-a),n.lineTo(t+u,i+a),n.moveTo(t+p,i-r),n.lineTo(t-p,i+r);break;case"line":r=s?s/2:Math.cos(g)*x,a=Math.sin(g)*x,n.moveTo(t-r,i-a),n.lineTo(t+r,i+a);break;case"dash":n.moveTo(t,i),n.lineTo(t+Math.cos(g)*(s?s/2:x),i+Math.sin(g)*x);break;case!1:n.closePath();break}n.fill(),e.borderWidth>0&&n.stroke()}}function eo(n,e,t){return t=t||.5,!e||n&&n.x>e.left-t&&n.x<e.right+t&&n.y>e.top-t&&n.y<e.bottom+t}function qn(n,e){n.save(),n.beginPath(),n.rect(e.left,e.top,e.right-e.left,e.bottom-e.top),n.clip()}function Bn(n){n.restore()}function ed(n,e){e.translation&&n.translate(e.translation[0],e.translation[1]),K(e.rotation)||n.rotate(e.rotation),e.color&&(n.fillStyle=e.color),e.textAlign&&(n.textAlign=e.textAlign),e.textBaseline&&(n.textBaseline=e.textBaseline)}function td(n,e,t,i,s){if(s.strikethrough||s.underline){const o=n.measureText(i),r=e-o.actualBoundingBoxLeft,a=e+o.actualBoundingBoxRight,d=t-o.actualBoundingBoxAscent,l=t+o.actualBoundingBoxDescent,h=s.strikethrough?(d+l)/2:l;n.strokeStyle=n.fillStyle,n.beginPath(),n.lineWidth=s.decorationWidth||2,n.moveTo(r,h),n.lineTo(a,h),n.stroke()}}function nd(n,e){const t=n.fillStyle;n.fillStyle=e.color,n.fillRect(e.left,e.top,e.width,e.height),n.fillStyle=t}function Yt(n,e,t,i,s,o={}){const r=ee(e)?e:[e],a=o.strokeWidth>0&&o.strokeColor!=="";let d,l;for(n.save(),n.font=s.string,ed(n,o),d=0;d<r.length;++d)l=r[d],o.backdrop&&nd(n,o.backdrop),a&&(o.strokeColor&&(n.strokeStyle=o.strokeColor),K(o.strokeWidth)||(n.lineWidth=o.strokeWidth),n.strokeText(l,t,i,o.maxWidth)),n.fillText(l,t,i,o.maxWidth),td(n,t,i,l,o),i+=Number(s.lineHeight);n.restore()}function Kt(n,e){const{x:t,y:i,w:s,h:o,radius:r}=e;n.arc(t+r.topLeft,i+r.topLeft,r.topLeft,1.5*ae,ae,!0),n.lineTo(t,i+o-r.bottomLeft),n.arc(t+r.bottomLeft,i+o-r.bottomLeft,r.bottomLeft,ae,he,!0),n.lineTo(t+s-r.bottomRight,i+o),n.arc(t+s-r.bottomRight,i+o-r.bottomRight,r.bottomRight,he,0,!0),n.lineTo(t+s,i+r.topRight),n.arc(t+s-r.topRight,i+r.topRight,r.topRight,0,-he,!0),n.lineTo(t+r.topLeft,i)}const id=/^(normal|(\d+(?:\.\d+)?)(px|em|%)?)$/,sd=/^(normal|italic|initial|inherit|unset|(oblique( -?[0-9]?[0-9]deg)?))$/;function od(n,e){const t=(""+n).match(id);if(!t||t[1]==="normal")return e*1.2;switch(n=+t[2],t[3]){case"px":return n;case"%":n/=100;break}return e*n}const rd=n=>+n||0;function to(n,e){const t={},i=H(e),s=i?Object.keys(e):e,o=H(n)?i?r=>V(n[r],n[e[r]]):r=>n[r]:()=>n;for(const r of s)t[r]=rd(o(r));return t}function no(n){return to(n,{top:"y",right:"x",bottom:"y",left:"x"})}function Je(n){return to(n,["topLeft","topRight","bottomLeft","bottomRight"])}function me(n){const e=no(n);return e.width=e.left+e.right,e.height=e.top+e.bottom,e}function re(n,e){n=n||{},e=e||J.font;let t=V(n.size,e.size);typeof t=="string"&&(t=parseInt(t,10));let i=V(n.style,e.style);i&&!(""+i).match(sd)&&(console.warn('Invalid font style specified: "'+i+'"'),i=void 0);const s={family:V(n.family,e.family),lineHeight:od(V(n.lineHeight,e.lineHeight),t),size:t,style:i,weight:V(n.weight,e.weight),string:""};return s.string=Jc(s),s}function Ct(n,e,t,i){let s,o,r;for(s=0,o=n.length;s<o;++s)if(r=n[s],r!==void 0&&r!==void 0)return r}function ad(n,e,t){const{min:i,max:s}=n,o=Sc(e,(s-i)/2),r=(a,d)=>t&&a===0?0:a+d;return{min:r(i,-Math.abs(o)),max:r(s,o)}}function it(n,e){return Object.assign(Object.create(n),e)}function zn(n,e=[""],t,i,s=()=>n[0]){const o=t||n;typeof i>"u"&&(i=ro("_fallback",n));const r={[Symbol.toStringTag]:"Object",_cacheable:!0,_scopes:n,_rootScopes:o,_fallback:i,_getTarget:s,override:a=>zn([a,...n],e,o,i)};return new Proxy(r,{deleteProperty(a,d){return delete a[d],delete a._keys,delete n[0][d],!0},get(a,d){return so(a,d,()=>md(d,e,n,a))},getOwnPropertyDescriptor(a,d){return Reflect.getOwnPropertyDescriptor(a._scopes[0],d)},getPrototypeOf(){return Reflect.getPrototypeOf(n[0])},has(a,d){return fi(a).includes(d)},ownKeys(a){return fi(a)},set(a,d,l){const h=a._storage||(a._storage=s());return a[d]=h[d]=l,delete a._keys,!0}})}function nt(n,e,t,i){const s={_cacheable:!1,_proxy:n,_context:e,_subProxy:t,_stack:new Set,_descriptors:io(n,i),setContext:o=>nt(n,o,t,i),override:o=>nt(n.override(o),e,t,i)};return new Proxy(s,{deleteProperty(o,r){return delete o[r],delete n[r],!0},get(o,r,a){return so(o,r,()=>dd(o,r,a))},getOwnPropertyDescriptor(o,r){return o._descriptors.allKeys?Reflect.has(n,r)?{enumerable:!0,configurable:!0}:void 0:Reflect.getOwnPropertyDescriptor(n,r)},getPrototypeOf(){return Reflect.getPrototypeOf(n)},has(o,r){return Reflect.has(n,r)},ownKeys(){return Reflect.ownKeys(n)},set(o,r,a){return n[r]=a,delete o[r],!0}})}function io(n,e={scriptable:!0,indexable:!0}){const{_scriptable:t=e.scriptable,_indexable:i=e.indexable,_allKeys:s=e.allKeys}=n;return{allKeys:s,scriptable:t,indexable:i,isScriptable:Ee(t)?t:()=>t,isIndexable:Ee(i)?i:()=>i}}const cd=(n,e)=>n?n+Fn(e):e,Hn=(n,e)=>H(e)&&n!=="adapters"&&(Object.getPrototypeOf(e)===null||e.constructor===Object);function so(n,e,t){if(Object.prototype.hasOwnProperty.call(n,e)||e==="constructor")return n[e];const i=t();return n[e]=i,i}function dd(n,e,t){const{_proxy:i,_context:s,_subProxy:o,_descriptors:r}=n;let a=i[e];return Ee(a)&&r.isScriptable(e)&&(a=ld(e,a,n,t)),ee(a)&&a.length&&(a=ud(e,a,n,r.isIndexable)),Hn(e,a)&&(a=nt(a,s,o&&o[e],r)),a}function ld(n,e,t,i){const{_proxy:s,_context:o,_subProxy:r,_stack:a}=t;if(a.has(n))throw new Error("Recursion detected: "+Array.from(a).join("->")+"->"+n);a.add(n);let d=e(o,r||i);return a.delete(n),Hn(n,d)&&(d=Vn(s._scopes,s,n,d)),d}function ud(n,e,t,i){const{_proxy:s,_context:o,_subProxy:r,_descriptors:a}=t;if(typeof o.index<"u"&&i(n))return e[o.index%e.length];if(H(e[0])){const d=e,l=s._scopes.filter(h=>h!==d);e=[];for(const h of d){const u=Vn(l,s,n,h);e.push(nt(u,o,r&&r[n],a))}}return e}function oo(n,e,t){return Ee(n)?n(e,t):n}const hd=(n,e)=>n===!0?e:typeof n=="string"?tt(e,n):void 0;function pd(n,e,t,i,s){for(const o of e){const r=hd(t,o);if(r){n.add(r);const a=oo(r._fallback,t,s);if(typeof a<"u"&&a!==t&&a!==i)return a}else if(r===!1&&typeof i<"u"&&t!==i)return null}return!1}function Vn(n,e,t,i){const s=e._rootScopes,o=oo(e._fallback,t,i),r=[...n,...s],a=new Set;a.add(i);let d=pi(a,r,t,o||t,i);return d===null||typeof o<"u"&&o!==t&&(d=pi(a,r,o,d,i),d===null)?!1:zn(Array.from(a),[""],s,o,()=>fd(e,t,i))}function pi(n,e,t,i,s){for(;t;)t=pd(n,e,t,i,s);return t}function fd(n,e,t){const i=n._getTarget();e in i||(i[e]={});const s=i[e];return ee(s)&&H(t)?t:s||{}}function md(n,e,t,i){let s;for(const o of e)if(s=ro(cd(o,n),t),typeof s<"u")return Hn(n,s)?Vn(t,i,n,s):s}function ro(n,e){for(const t of e){if(!t)continue;const i=t[n];if(typeof i<"u")return i}}function fi(n){let e=n._keys;return e||(e=n._keys=gd(n._scopes)),e}function gd(n){const e=new Set;for(const t of n)for(const i of Object.keys(t).filter(s=>!s.startsWith("_")))e.add(i);return Array.from(e)}function Wn(){return typeof window<"u"&&typeof document<"u"}function Gn(n){let e=n.parentNode;return e&&e.toString()==="[object ShadowRoot]"&&(e=e.host),e}function Xt(n,e,t){let i;return typeof n=="string"?(i=parseInt(n,10),n.indexOf("%")!==-1&&(i=i/100*e.parentNode[t])):i=n,i}const en=n=>n.ownerDocument.defaultView.getComputedStyle(n,null);function bd(n,e){return en(n).getPropertyValue(e)}const xd=["top","right","bottom","left"];function We(n,e,t){const i={};t=t?"-"+t:"";for(let s=0;s<4;s++){const o=xd[s];i[o]=parseFloat(n[e+"-"+o+t])||0}return i.width=i.left+i.right,i.height=i.top+i.bottom,i}const yd=(n,e,t)=>(n>0||e>0)&&(!t||!t.shadowRoot);function kd(n,e){const t=n.touches,i=t&&t.length?t[0]:n,{offsetX:s,offsetY:o}=i;let r=!1,a,d;if(yd(s,o,n.target))a=s,d=o;else{const l=e.getBoundingClientRect();a=i.clientX-l.left,d=i.clientY-l.top,r=!0}return{x:a,y:d,box:r}}function ze(n,e){if("native"in n)return n;const{canvas:t,currentDevicePixelRatio:i}=e,s=en(t),o=s.boxSizing==="border-box",r=We(s,"padding"),a=We(s,"border","width"),{x:d,y:l,box:h}=kd(n,t),u=r.left+(h&&a.left),p=r.top+(h&&a.top);let{width:f,height:b}=e;return o&&(f-=r.width+a.width,b-=r.height+a.height),{x:Math.round((d-u)/f*t.width/i),y:Math.round((l-p)/b*t.height/i)}}function Id(n,e,t){let i,s;if(e===void 0||t===void 0){const o=n&&Gn(n);if(!o)e=n.clientWidth,t=n.clientHeight;else{const r=o.getBoundingClientRect(),a=en(o),d=We(a,"border","width"),l=We(a,"padding");e=r.width-l.width-d.width,t=r.height-l.height-d.height,i=Xt(a.maxWidth,o,"clientWidth"),s=Xt(a.maxHeight,o,"clientHeight")}}return{width:e,height:t,maxWidth:i||Wt,maxHeight:s||Wt}}const we=n=>Math.round(n*10)/10;function vd(n,e,t,i){const s=en(n),o=We(s,"margin"),r=Xt(s.maxWidth,n,"clientWidth")||Wt,a=Xt(s.maxHeight,n,"clientHeight")||Wt,d=Id(n,e,t);let{width:l,height:h}=d;if(s.boxSizing==="content-box"){const p=We(s,"border","width"),f=We(s,"padding");l-=f.width+p.width,h-=f.height+p.height}return l=Math.max(0,l-o.width),h=Math.max(0,i?l/i:h-o.height),l=we(Math.min(l,r,d.maxWidth)),h=we(Math.min(h,a,d.maxHeight)),l&&!h&&(h=we(l/2)),(e!==void 0||t!==void 0)&&i&&d.height&&h>d.height&&(h=d.height,l=we(Math.floor(h*i))),{width:l,height:h}}function mi(n,e,t){const i=e||1,s=we(n.height*i),o=we(n.width*i);n.height=we(n.height),n.width=we(n.width);const r=n.canvas;r.style&&(t||!r.style.height&&!r.style.width)&&(r.style.height=`${n.height}px`,r.style.width=`${n.width}px`);const a=Math.floor(s),d=Math.floor(o);return n.currentDevicePixelRatio!==i||r.height!==a||r.width!==d?(n.currentDevicePixelRatio=i,r.height=a,r.width=d,n.ctx.setTransform(i,0,0,i,0,0),!0):!1}const Sd=(function(){let n=!1;try{const e={get passive(){return n=!0,!1}};Wn()&&(window.addEventListener("test",null,e),window.removeEventListener("test",null,e))}catch{}return n})();function gi(n,e){const t=bd(n,e),i=t&&t.match(/^(\d+)(\.\d+)?px$/);return i?+i[1]:void 0}const $d=function(n,e){return{x(t){return n+n+e-t},setWidth(t){e=t},textAlign(t){return t==="center"?t:t==="right"?"left":"right"},xPlus(t,i){return t-i},leftForLtr(t,i){return t-i}}},Dd=function(){return{x(n){return n},setWidth(n){},textAlign(n){return n},xPlus(n,e){return n+e},leftForLtr(n,e){return n}}};function et(n,e,t){return n?$d(e,t):Dd()}function ao(n,e){let t,i;(e==="ltr"||e==="rtl")&&(t=n.canvas.style,i=[t.getPropertyValue("direction"),t.getPropertyPriority("direction")],t.setProperty("direction",e,"important"),n.prevTextDirection=i)}function co(n,e){e!==void 0&&(delete n.prevTextDirection,n.canvas.style.setProperty("direction",e[0],e[1]))}function Ut(n,e,t){return n.options.clip?n[t]:e[t]}function _d(n,e){const{xScale:t,yScale:i}=n;return t&&i?{left:Ut(t,e,"left"),right:Ut(t,e,"right"),top:Ut(i,e,"top"),bottom:Ut(i,e,"bottom")}:e}function Rd(n,e){const t=e._clip;if(t.disabled)return!1;const i=_d(e,n.chartArea);return{left:t.left===!1?0:i.left-(t.left===!0?0:t.left),right:t.right===!1?n.width:i.right+(t.right===!0?0:t.right),top:t.top===!1?0:i.top-(t.top===!0?0:t.top),bottom:t.bottom===!1?n.height:i.bottom+(t.bottom===!0?0:t.bottom)}}class wd{constructor(){this._request=null,this._charts=new Map,this._running=!1,this._lastDate=void 0}_notify(e,t,i,s){const o=t.listeners[s],r=t.duration;o.forEach(a=>a({chart:e,initial:t.initial,numSteps:r,currentStep:Math.min(i-t.start,r)}))}_refresh(){this._request||(this._running=!0,this._request=Gs.call(window,()=>{this._update(),this._request=null,this._running&&this._refresh()}))}_update(e=Date.now()){let t=0;this._charts.forEach((i,s)=>{if(!i.running||!i.items.length)return;const o=i.items;let r=o.length-1,a=!1,d;for(;r>=0;--r)d=o[r],d._active?(d._total>i.duration&&(i.duration=d._total),d.tick(e),a=!0):(o[r]=o[o.length-1],o.pop());a&&(s.draw(),this._notify(s,i,e,"progress")),o.length||(i.running=!1,this._notify(s,i,e,"complete"),i.initial=!1),t+=o.length}),this._lastDate=e,t===0&&(this._running=!1)}_getAnims(e){const t=this._charts;let i=t.get(e);return i||(i={running:!1,initial:!0,items:[],listeners:{complete:[],progress:[]}},t.set(e,i)),i}listen(e,t,i){this._getAnims(e).listeners[t].push(i)}add(e,t){!t||!t.length||this._getAnims(e).items.push(...t)}has(e){return this._getAnims(e).items.length>0}start(e){const t=this._charts.get(e);t&&(t.running=!0,t.start=Date.now(),t.duration=t.items.reduce((i,s)=>Math.max(i,s._duration),0),this._refresh())}running(e){if(!this._running)return!1;const t=this._charts.get(e);return!(!t||!t.running||!t.items.length)}stop(e){const t=this._charts.get(e);if(!t||!t.items.length)return;const i=t.items;let s=i.length-1;for(;s>=0;--s)i[s].cancel();t.items=[],this._notify(e,t,Date.now(),"complete")}remove(e){return this._charts.delete(e)}}var ve=new wd;const bi="transparent",Ad={boolean(n,e,t){return t>.5?e:n},color(n,e,t){const i=ci(n||bi),s=i.valid&&ci(e||bi);return s&&s.valid?s.mix(i,t).hexString():e},number(n,e,t){return n+(e-n)*t}};class Cd{constructor(e,t,i,s){const o=t[i];s=Ct([e.to,s,o,e.from]);const r=Ct([e.from,o,s]);this._active=!0,this._fn=e.fn||Ad[e.type||typeof r],this._easing=mt[e.easing]||mt.linear,this._start=Math.floor(Date.now()+(e.delay||0)),this._duration=this._total=Math.floor(e.duration),this._loop=!!e.loop,this._target=t,this._prop=i,this._from=r,this._to=s,this._promises=void 0}active(){return this._active}update(e,t,i){if(this._active){this._notify(!1);const s=this._target[this._prop],o=i-this._start,r=this._duration-o;this._start=i,this._duration=Math.floor(Math.max(r,e.duration)),this._total+=o,this._loop=!!e.loop,this._to=Ct([e.to,t,s,e.from]),this._from=Ct([e.from,s,t])}}cancel(){this._active&&(this.tick(Date.now()),this._active=!1,this._notify(!1))}tick(e){const t=e-this._start,i=this._duration,s=this._prop,o=this._from,r=this._loop,a=this._to;let d;if(this._active=o!==a&&(r||t<i),!this._active){this._target[s]=a,this._notify(!0);return}if(t<0){this._target[s]=o;return}d=t/i%2,d=r&&d>1?2-d:d,d=this._easing(Math.min(1,Math.max(0,d))),this._target[s]=this._fn(o,a,d)}wait(){const e=this._promises||(this._promises=[]);return new Promise((t,i)=>{e.push({res:t,rej:i})})}_notify(e){const t=e?"res":"rej",i=this._promises||[];for(let s=0;s<i.length;s++)i[s][t]()}}class lo{constructor(e,t){this._chart=e,this._properties=new Map,this.configure(t)}configure(e){if(!H(e))return;const t=Object.keys(J.animation),i=this._properties;Object.getOwnPropertyNames(e).forEach(s=>{const o=e[s];if(!H(o))return;const r={};for(const a of t)r[a]=o[a];(ee(o.properties)&&o.properties||[s]).forEach(a=>{(a===s||!i.has(a))&&i.set(a,r)})})}_animateOptions(e,t){const i=t.options,s=jd(e,i);if(!s)return[];const o=this._createAnimations(s,i);return i.$shared&&Ud(e.options.$animations,i).then(()=>{e.options=i},()=>{}),o}_createAnimations(e,t){const i=this._properties,s=[],o=e.$animations||(e.$animations={}),r=Object.keys(t),a=Date.now();let d;for(d=r.length-1;d>=0;--d){const l=r[d];if(l.charAt(0)==="$")continue;if(l==="options"){s.push(...this._animateOptions(e,t));continue}const h=t[l];let u=o[l];const p=i.get(l);if(u)if(p&&u.active()){u.update(p,h,a);continue}else u.cancel();if(!p||!p.duration){e[l]=h;continue}o[l]=u=new Cd(p,e,l,h),s.push(u)}return s}update(e,t){if(this._properties.size===0){Object.assign(e,t);return}const i=this._createAnimations(e,t);if(i.length)return ve.add(this._chart,i),!0}}function Ud(n,e){const t=[],i=Object.keys(e);for(let s=0;s<i.length;s++){const o=n[i[s]];o&&o.active()&&t.push(o.wait())}return Promise.all(t)}function jd(n,e){if(!e)return;let t=n.options;if(!t){n.options=e;return}return t.$shared&&(n.options=t=Object.assign({},t,{$shared:!1,$animations:{}})),t}function xi(n,e){const t=n&&n.options||{},i=t.reverse,s=t.min===void 0?e:0,o=t.max===void 0?e:0;return{start:i?o:s,end:i?s:o}}function Td(n,e,t){if(t===!1)return!1;const i=xi(n,t),s=xi(e,t);return{top:s.end,right:i.end,bottom:s.start,left:i.start}}function Pd(n){let e,t,i,s;return H(n)?(e=n.top,t=n.right,i=n.bottom,s=n.left):e=t=i=s=n,{top:e,right:t,bottom:i,left:s,disabled:n===!1}}function uo(n,e){const t=[],i=n._getSortedDatasetMetas(e);let s,o;for(s=0,o=i.length;s<o;++s)t.push(i[s].index);return t}function yi(n,e,t,i={}){const s=n.keys,o=i.mode==="single";let r,a,d,l;if(e===null)return;let h=!1;for(r=0,a=s.length;r<a;++r){if(d=+s[r],d===t){if(h=!0,i.all)continue;break}l=n.values[d],ue(l)&&(o||e===0||Pe(e)===Pe(l))&&(e+=l)}return!h&&!i.all?0:e}function Ed(n,e){const{iScale:t,vScale:i}=e,s=t.axis==="x"?"x":"y",o=i.axis==="x"?"x":"y",r=Object.keys(n),a=new Array(r.length);let d,l,h;for(d=0,l=r.length;d<l;++d)h=r[d],a[d]={[s]:h,[o]:n[h]};return a}function cn(n,e){const t=n&&n.options.stacked;return t||t===void 0&&e.stack!==void 0}function Md(n,e,t){return`${n.id}.${e.id}.${t.stack||t.type}`}function Od(n){const{min:e,max:t,minDefined:i,maxDefined:s}=n.getUserBounds();return{min:i?e:Number.NEGATIVE_INFINITY,max:s?t:Number.POSITIVE_INFINITY}}function Nd(n,e,t){const i=n[e]||(n[e]={});return i[t]||(i[t]={})}function ki(n,e,t,i){for(const s of e.getMatchingVisibleMetas(i).reverse()){const o=n[s.index];if(t&&o>0||!t&&o<0)return s.index}return null}function Ii(n,e){const{chart:t,_cachedMeta:i}=n,s=t._stacks||(t._stacks={}),{iScale:o,vScale:r,index:a}=i,d=o.axis,l=r.axis,h=Md(o,r,i),u=e.length;let p;for(let f=0;f<u;++f){const b=e[f],{[d]:x,[l]:g}=b,S=b._stacks||(b._stacks={});p=S[l]=Nd(s,h,x),p[a]=g,p._top=ki(p,r,!0,i.type),p._bottom=ki(p,r,!1,i.type);const $=p._visualValues||(p._visualValues={});$[a]=g}}function dn(n,e){const t=n.scales;return Object.keys(t).filter(i=>t[i].axis===e).shift()}function Fd(n,e){return it(n,{active:!1,dataset:void 0,datasetIndex:e,index:e,mode:"default",type:"dataset"})}function Ld(n,e,t){return it(n,{active:!1,dataIndex:e,parsed:void 0,raw:void 0,element:t,index:e,mode:"default",type:"data"})}function rt(n,e){const t=n.controller.index,i=n.vScale&&n.vScale.axis;if(i){e=e||n._parsed;for(const s of e){const o=s._stacks;!o||o[i]===void 0||o[i][t]===void 0||(delete o[i][t],o[i]._visualValues!==void 0&&o[i]._visualValues[t]!==void 0&&delete o[i]._visualValues[t])}}}const ln=n=>n==="reset"||n==="none",vi=(n,e)=>e?n:Object.assign({},n),qd=(n,e,t)=>n&&!e.hidden&&e._stacked&&{keys:uo(t,!0),values:null};class bt{constructor(e,t){this.chart=e,this._ctx=e.ctx,this.index=t,this._cachedDataOpts={},this._cachedMeta=this.getMeta(),this._type=this._cachedMeta.type,this.options=void 0,this._parsing=!1,this._data=void 0,this._objectData=void 0,this._sharedOptions=void 0,this._drawStart=void 0,this._drawCount=void 0,this.enableOptionSharing=!1,this.supportsDecimation=!1,this.$context=void 0,this._syncList=[],this.datasetElementType=new.target.datasetElementType,this.dataElementType=new.target.dataElementType,this.initialize()}initialize(){const e=this._cachedMeta;this.configure(),this.linkScales(),e._stacked=cn(e.vScale,e),this.addElements(),this.options.fill&&!this.chart.isPluginEnabled("filler")&&console.warn("Tried to use the 'fill' option without the 'Filler' plugin enabled. Please import and register the 'Filler' plugin and make sure it is not disabled in the options")}updateIndex(e){this.index!==e&&rt(this._cachedMeta),this.index=e}linkScales(){const e=this.chart,t=this._cachedMeta,i=this.getDataset(),s=(u,p,f,b)=>u==="x"?p:u==="r"?b:f,o=t.xAxisID=V(i.xAxisID,dn(e,"x")),r=t.yAxisID=V(i.yAxisID,dn(e,"y")),a=t.rAxisID=V(i.rAxisID,dn(e,"r")),d=t.indexAxis,l=t.iAxisID=s(d,o,r,a),h=t.vAxisID=s(d,r,o,a);t.xScale=this.getScaleForId(o),t.yScale=this.getScaleForId(r),t.rScale=this.getScaleForId(a),t.iScale=this.getScaleForId(l),t.vScale=this.getScaleForId(h)}getDataset(){return this.chart.data.datasets[this.index]}getMeta(){return this.chart.getDatasetMeta(this.index)}getScaleForId(e){return this.chart.scales[e]}_getOtherScale(e){const t=this._cachedMeta;return e===t.iScale?t.vScale:t.iScale}reset(){this._update("reset")}_destroy(){const e=this._cachedMeta;this._data&&oi(this._data,this),e._stacked&&rt(e)}_dataCheck(){const e=this.getDataset(),t=e.data||(e.data=[]),i=this._data;if(H(t)){const s=this._cachedMeta;this._data=Ed(t,s)}else if(i!==t){if(i){oi(i,this);const s=this._cachedMeta;rt(s),s._parsed=[]}t&&Object.isExtensible(t)&&qc(t,this),this._syncList=[],this._data=t}}addElements(){const e=this._cachedMeta;this._dataCheck(),this.datasetElementType&&(e.dataset=new this.datasetElementType)}buildOrUpdateElements(e){const t=this._cachedMeta,i=this.getDataset();let s=!1;this._dataCheck();const o=t._stacked;t._stacked=cn(t.vScale,t),t.stack!==i.stack&&(s=!0,rt(t),t.stack=i.stack),this._resyncElements(e),(s||o!==t._stacked)&&(Ii(this,t._parsed),t._stacked=cn(t.vScale,t))}configure(){const e=this.chart.config,t=e.datasetScopeKeys(this._type),i=e.getOptionScopes(this.getDataset(),t,!0);this.options=e.createResolver(i,this.getContext()),this._parsing=this.options.parsing,this._cachedDataOpts={}}parse(e,t){const{_cachedMeta:i,_data:s}=this,{iScale:o,_stacked:r}=i,a=o.axis;let d=e===0&&t===s.length?!0:i._sorted,l=e>0&&i._parsed[e-1],h,u,p;if(this._parsing===!1)i._parsed=s,i._sorted=!0,p=s;else{ee(s[e])?p=this.parseArrayData(i,s,e,t):H(s[e])?p=this.parseObjectData(i,s,e,t):p=this.parsePrimitiveData(i,s,e,t);const f=()=>u[a]===null||l&&u[a]<l[a];for(h=0;h<t;++h)i._parsed[h+e]=u=p[h],d&&(f()&&(d=!1),l=u);i._sorted=d}r&&Ii(this,p)}parsePrimitiveData(e,t,i,s){const{iScale:o,vScale:r}=e,a=o.axis,d=r.axis,l=o.getLabels(),h=o===r,u=new Array(s);let p,f,b;for(p=0,f=s;p<f;++p)b=p+i,u[p]={[a]:h||o.parse(l[b],b),[d]:r.parse(t[b],b)};return u}parseArrayData(e,t,i,s){const{xScale:o,yScale:r}=e,a=new Array(s);let d,l,h,u;for(d=0,l=s;d<l;++d)h=d+i,u=t[h],a[d]={x:o.parse(u[0],h),y:r.parse(u[1],h)};return a}parseObjectData(e,t,i,s){const{xScale:o,yScale:r}=e,{xAxisKey:a="x",yAxisKey:d="y"}=this._parsing,l=new Array(s);let h,u,p,f;for(h=0,u=s;h<u;++h)p=h+i,f=t[p],l[h]={x:o.parse(tt(f,a),p),y:r.parse(tt(f,d),p)};return l}getParsed(e){return this._cachedMeta._parsed[e]}getDataElement(e){return this._cachedMeta.data[e]}applyStack(e,t,i){const s=this.chart,o=this._cachedMeta,r=t[e.axis],a={keys:uo(s,!0),values:t._stacks[e.axis]._visualValues};return yi(a,r,o.index,{mode:i})}updateRangeFromParsed(e,t,i,s){const o=i[t.axis];let r=o===null?NaN:o;const a=s&&i._stacks[t.axis];s&&a&&(s.values=a,r=yi(s,o,this._cachedMeta.index)),e.min=Math.min(e.min,r),e.max=Math.max(e.max,r)}getMinMax(e,t){const i=this._cachedMeta,s=i._parsed,o=i._sorted&&e===i.iScale,r=s.length,a=this._getOtherScale(e),d=qd(t,i,this.chart),l={min:Number.POSITIVE_INFINITY,max:Number.NEGATIVE_INFINITY},{min:h,max:u}=Od(a);let p,f;function b(){f=s[p];const x=f[a.axis];return!ue(f[e.axis])||h>x||u<x}for(p=0;p<r&&!(!b()&&(this.updateRangeFromParsed(l,e,f,d),o));++p);if(o){for(p=r-1;p>=0;--p)if(!b()){this.updateRangeFromParsed(l,e,f,d);break}}return l}getAllParsedValues(e){const t=this._cachedMeta._parsed,i=[];let s,o,r;for(s=0,o=t.length;s<o;++s)r=t[s][e.axis],ue(r)&&i.push(r);return i}getMaxOverflow(){return!1}getLabelAndValue(e){const t=this._cachedMeta,i=t.iScale,s=t.vScale,o=this.getParsed(e);return{label:i?""+i.getLabelForValue(o[i.axis]):"",value:s?""+s.getLabelForValue(o[s.axis]):""}}_update(e){const t=this._cachedMeta;this.update(e||"default"),t._clip=Pd(V(this.options.clip,Td(t.xScale,t.yScale,this.getMaxOverflow())))}update(e){}draw(){const e=this._ctx,t=this.chart,i=this._cachedMeta,s=i.data||[],o=t.chartArea,r=[],a=this._drawStart||0,d=this._drawCount||s.length-a,l=this.options.drawActiveElementsOnTop;let h;for(i.dataset&&i.dataset.draw(e,o,a,d),h=a;h<a+d;++h){const u=s[h];u.hidden||(u.active&&l?r.push(u):u.draw(e,o))}for(h=0;h<r.length;++h)r[h].draw(e,o)}getStyle(e,t){const i=t?"active":"default";return e===void 0&&this._cachedMeta.dataset?this.resolveDatasetElementOptions(i):this.resolveDataElementOptions(e||0,i)}getContext(e,t,i){const s=this.getDataset();let o;if(e>=0&&e<this._cachedMeta.data.length){const r=this._cachedMeta.data[e];o=r.$context||(r.$context=Ld(this.getContext(),e,r)),o.parsed=this.getParsed(e),o.raw=s.data[e],o.index=o.dataIndex=e}else o=this.$context||(this.$context=Fd(this.chart.getContext(),this.index)),o.dataset=s,o.index=o.datasetIndex=this.index;return o.active=!!t,o.mode=i,o}resolveDatasetElementOptions(e){return this._resolveElementOptions(this.datasetElementType.id,e)}resolveDataElementOptions(e,t){return this._resolveElementOptions(this.dataElementType.id,t,e)}_resolveElementOptions(e,t="default",i){const s=t==="active",o=this._cachedDataOpts,r=e+"-"+t,a=o[r],d=this.enableOptionSharing&&It(i);if(a)return vi(a,d);const l=this.chart.config,h=l.datasetElementScopeKeys(this._type,e),u=s?[`${e}Hover`,"hover",e,""]:[e,""],p=l.getOptionScopes(this.getDataset(),h),f=Object.keys(J.elements[e]),b=()=>this.getContext(i,s,t),x=l.resolveNamedOptions(p,f,b,u);return x.$shared&&(x.$shared=d,o[r]=Object.freeze(vi(x,d))),x}_resolveAnimations(e,t,i){const s=this.chart,o=this._cachedDataOpts,r=`animation-${t}`,a=o[r];if(a)return a;let d;if(s.options.animation!==!1){const h=this.chart.config,u=h.datasetAnimationScopeKeys(this._type,t),p=h.getOptionScopes(this.getDataset(),u);d=h.createResolver(p,this.getContext(e,i,t))}const l=new lo(s,d&&d.animations);return d&&d._cacheable&&(o[r]=Object.freeze(l)),l}getSharedOptions(e){if(e.$shared)return this._sharedOptions||(this._sharedOptions=Object.assign({},e))}includeOptions(e,t){return!t||ln(e)||this.chart._animationsDisabled}_getSharedOptions(e,t){const i=this.resolveDataElementOptions(e,t),s=this._sharedOptions,o=this.getSharedOptions(i),r=this.includeOptions(t,o)||o!==s;return this.updateSharedOptions(o,t,i),{sharedOptions:o,includeOptions:r}}updateElement(e,t,i,s){ln(s)?Object.assign(e,i):this._resolveAnimations(t,s).update(e,i)}updateSharedOptions(e,t,i){e&&!ln(t)&&this._resolveAnimations(void 0,t).update(e,i)}_setStyle(e,t,i,s){e.active=s;const o=this.getStyle(t,s);this._resolveAnimations(t,i,s).update(e,{options:!s&&this.getSharedOptions(o)||o})}removeHoverStyle(e,t,i){this._setStyle(e,i,"active",!1)}setHoverStyle(e,t,i){this._setStyle(e,i,"active",!0)}_removeDatasetHoverStyle(){const e=this._cachedMeta.dataset;e&&this._setStyle(e,void 0,"active",!1)}_setDatasetHoverStyle(){const e=this._cachedMeta.dataset;e&&this._setStyle(e,void 0,"active",!0)}_resyncElements(e){const t=this._data,i=this._cachedMeta.data;for(const[a,d,l]of this._syncList)this[a](d,l);this._syncList=[];const s=i.length,o=t.length,r=Math.min(o,s);r&&this.parse(0,r),o>s?this._insertElements(s,o-s,e):o<s&&this._removeElements(o,s-o)}_insertElements(e,t,i=!0){const s=this._cachedMeta,o=s.data,r=e+t;let a;const d=l=>{for(l.length+=t,a=l.length-1;a>=r;a--)l[a]=l[a-t]};for(d(o),a=e;a<r;++a)o[a]=new this.dataElementType;this._parsing&&d(s._parsed),this.parse(e,t),i&&this.updateElements(o,e,t,"reset")}updateElements(e,t,i,s){}_removeElements(e,t){const i=this._cachedMeta;if(this._parsing){const s=i._parsed.splice(e,t);i._stacked&&rt(i,s)}i.data.splice(e,t)}_sync(e){if(this._parsing)this._syncList.push(e);else{const[t,i,s]=e;this[t](i,s)}this.chart._dataChanges.push([this.index,...e])}_onDataPush(){const e=arguments.length;this._sync(["_insertElements",this.getDataset().data.length-e,e])}_onDataPop(){this._sync(["_removeElements",this._cachedMeta.data.length-1,1])}_onDataShift(){this._sync(["_removeElements",0,1])}_onDataSplice(e,t){t&&this._sync(["_removeElements",e,t]);const i=arguments.length-2;i&&this._sync(["_insertElements",e,i])}_onDataUnshift(){this._sync(["_insertElements",0,arguments.length])}}B(bt,"defaults",{}),B(bt,"datasetElementType",null),B(bt,"dataElementType",null);function Bd(n,e){if(!n._cache.$bar){const t=n.getMatchingVisibleMetas(e);let i=[];for(let s=0,o=t.length;s<o;s++)i=i.concat(t[s].controller.getAllParsedValues(n));n._cache.$bar=Ws(i.sort((s,o)=>s-o))}return n._cache.$bar}function zd(n){const e=n.iScale,t=Bd(e,n.type);let i=e._length,s,o,r,a;const d=()=>{r===32767||r===-32768||(It(a)&&(i=Math.min(i,Math.abs(r-a)||i)),a=r)};for(s=0,o=t.length;s<o;++s)r=e.getPixelForValue(t[s]),d();for(a=void 0,s=0,o=e.ticks.length;s<o;++s)r=e.getPixelForTick(s),d();return i}function Hd(n,e,t,i){const s=t.barThickness;let o,r;return K(s)?(o=e.min*t.categoryPercentage,r=t.barPercentage):(o=s*i,r=1),{chunk:o/i,ratio:r,start:e.pixels[n]-o/2}}function Vd(n,e,t,i){const s=e.pixels,o=s[n];let r=n>0?s[n-1]:null,a=n<s.length-1?s[n+1]:null;const d=t.categoryPercentage;r===null&&(r=o-(a===null?e.end-e.start:a-o)),a===null&&(a=o+o-r);const l=o-(o-Math.min(r,a))/2*d;return{chunk:Math.abs(a-r)/2*d/i,ratio:t.barPercentage,start:l}}function Wd(n,e,t,i){const s=t.parse(n[0],i),o=t.parse(n[1],i),r=Math.min(s,o),a=Math.max(s,o);let d=r,l=a;Math.abs(r)>Math.abs(a)&&(d=a,l=r),e[t.axis]=l,e._custom={barStart:d,barEnd:l,start:s,end:o,min:r,max:a}}function ho(n,e,t,i){return ee(n)?Wd(n,e,t,i):e[t.axis]=t.parse(n,i),e}function Si(n,e,t,i){const s=n.iScale,o=n.vScale,r=s.getLabels(),a=s===o,d=[];let l,h,u,p;for(l=t,h=t+i;l<h;++l)p=e[l],u={},u[s.axis]=a||s.parse(r[l],l),d.push(ho(p,u,o,l));return d}function un(n){return n&&n.barStart!==void 0&&n.barEnd!==void 0}function Gd(n,e,t){return n!==0?Pe(n):(e.isHorizontal()?1:-1)*(e.min>=t?1:-1)}function Yd(n){let e,t,i,s,o;return n.horizontal?(e=n.base>n.x,t="left",i="right"):(e=n.base<n.y,t="bottom",i="top"),e?(s="end",o="start"):(s="start",o="end"),{start:t,end:i,reverse:e,top:s,bottom:o}}function Kd(n,e,t,i){let s=e.borderSkipped;const o={};if(!s){n.borderSkipped=o;return}if(s===!0){n.borderSkipped={top:!0,right:!0,bottom:!0,left:!0};return}const{start:r,end:a,reverse:d,top:l,bottom:h}=Yd(n);s==="middle"&&t&&(n.enableBorderRadius=!0,(t._top||0)===i?s=l:(t._bottom||0)===i?s=h:(o[$i(h,r,a,d)]=!0,s=l)),o[$i(s,r,a,d)]=!0,n.borderSkipped=o}function $i(n,e,t,i){return i?(n=Xd(n,e,t),n=Di(n,t,e)):n=Di(n,e,t),n}function Xd(n,e,t){return n===e?t:n===t?e:n}function Di(n,e,t){return n==="start"?e:n==="end"?t:n}function Qd(n,{inflateAmount:e},t){n.inflateAmount=e==="auto"?t===1?.33:0:e}class Ft extends bt{parsePrimitiveData(e,t,i,s){return Si(e,t,i,s)}parseArrayData(e,t,i,s){return Si(e,t,i,s)}parseObjectData(e,t,i,s){const{iScale:o,vScale:r}=e,{xAxisKey:a="x",yAxisKey:d="y"}=this._parsing,l=o.axis==="x"?a:d,h=r.axis==="x"?a:d,u=[];let p,f,b,x;for(p=i,f=i+s;p<f;++p)x=t[p],b={},b[o.axis]=o.parse(tt(x,l),p),u.push(ho(tt(x,h),b,r,p));return u}updateRangeFromParsed(e,t,i,s){super.updateRangeFromParsed(e,t,i,s);const o=i._custom;o&&t===this._cachedMeta.vScale&&(e.min=Math.min(e.min,o.min),e.max=Math.max(e.max,o.max))}getMaxOverflow(){return 0}getLabelAndValue(e){const t=this._cachedMeta,{iScale:i,vScale:s}=t,o=this.getParsed(e),r=o._custom,a=un(r)?"["+r.start+", "+r.end+"]":""+s.getLabelForValue(o[s.axis]);return{label:""+i.getLabelForValue(o[i.axis]),value:a}}initialize(){this.enableOptionSharing=!0,super.initialize();const e=this._cachedMeta;e.stack=this.getDataset().stack}update(e){const t=this._cachedMeta;this.updateElements(t.data,0,t.data.length,e)}updateElements(e,t,i,s){const o=s==="reset",{index:r,_cachedMeta:{vScale:a}}=this,d=a.getBasePixel(),l=a.isHorizontal(),h=this._getRuler(),{sharedOptions:u,includeOptions:p}=this._getSharedOptions(t,s);for(let f=t;f<t+i;f++){const b=this.getParsed(f),x=o||K(b[a.axis])?{base:d,head:d}:this._calculateBarValuePixels(f),g=this._calculateBarIndexPixels(f,h),S=(b._stacks||{})[a.axis],$={horizontal:l,base:x.base,enableBorderRadius:!S||un(b._custom)||r===S._top||r===S._bottom,x:l?x.head:g.center,y:l?g.center:x.head,height:l?g.size:Math.abs(x.size),width:l?Math.abs(x.size):g.size};p&&($.options=u||this.resolveDataElementOptions(f,e[f].active?"active":s));const m=$.options||e[f].options;Kd($,m,S,r),Qd($,m,h.ratio),this.updateElement(e[f],f,$,s)}}_getStacks(e,t){const{iScale:i}=this._cachedMeta,s=i.getMatchingVisibleMetas(this._type).filter(h=>h.controller.options.grouped),o=i.options.stacked,r=[],a=this._cachedMeta.controller.getParsed(t),d=a&&a[i.axis],l=h=>{const u=h._parsed.find(f=>f[i.axis]===d),p=u&&u[h.vScale.axis];if(K(p)||isNaN(p))return!0};for(const h of s)if(!(t!==void 0&&l(h))&&((o===!1||r.indexOf(h.stack)===-1||o===void 0&&h.stack===void 0)&&r.push(h.stack),h.index===e))break;return r.length||r.push(void 0),r}_getStackCount(e){return this._getStacks(void 0,e).length}_getAxisCount(){return this._getAxis().length}getFirstScaleIdForIndexAxis(){const e=this.chart.scales,t=this.chart.options.indexAxis;return Object.keys(e).filter(i=>e[i].axis===t).shift()}_getAxis(){const e={},t=this.getFirstScaleIdForIndexAxis();for(const i of this.chart.data.datasets)e[V(this.chart.options.indexAxis==="x"?i.xAxisID:i.yAxisID,t)]=!0;return Object.keys(e)}_getStackIndex(e,t,i){const s=this._getStacks(e,i),o=t!==void 0?s.indexOf(t):-1;return o===-1?s.length-1:o}_getRuler(){const e=this.options,t=this._cachedMeta,i=t.iScale,s=[];let o,r;for(o=0,r=t.data.length;o<r;++o)s.push(i.getPixelForValue(this.getParsed(o)[i.axis],o));const a=e.barThickness;return{min:a||zd(t),pixels:s,start:i._startPixel,end:i._endPixel,stackCount:this._getStackCount(),scale:i,grouped:e.grouped,ratio:a?1:e.categoryPercentage*e.barPercentage}}_calculateBarValuePixels(e){const{_cachedMeta:{vScale:t,_stacked:i,index:s},options:{base:o,minBarLength:r}}=this,a=o||0,d=this.getParsed(e),l=d._custom,h=un(l);let u=d[t.axis],p=0,f=i?this.applyStack(t,d,i):u,b,x;f!==u&&(p=f-u,f=u),h&&(u=l.barStart,f=l.barEnd-l.barStart,u!==0&&Pe(u)!==Pe(l.barEnd)&&(p=0),p+=u);const g=!K(o)&&!h?o:p;let S=t.getPixelForValue(g);if(this.chart.getDataVisibility(e)?b=t.getPixelForValue(p+f):b=S,x=b-S,Math.abs(x)<r){x=Gd(x,t,a)*r,u===a&&(S-=x/2);const $=t.getPixelForDecimal(0),m=t.getPixelForDecimal(1),y=Math.min($,m),k=Math.max($,m);S=Math.max(Math.min(S,k),y),b=S+x,i&&!h&&(d._stacks[t.axis]._visualValues[s]=t.getValueForPixel(b)-t.getValueForPixel(S))}if(S===t.getPixelForValue(a)){const $=Pe(x)*t.getLineWidthForValue(a)/2;S+=$,x-=$}return{size:x,base:S,head:b,center:b+x/2}}_calculateBarIndexPixels(e,t){const i=t.scale,s=this.options,o=s.skipNull,r=V(s.maxBarThickness,1/0);let a,d;const l=this._getAxisCount();if(t.grouped){const h=o?this._getStackCount(e):t.stackCount,u=s.barThickness==="flex"?Vd(e,t,s,h*l):Hd(e,t,s,h*l),p=this.chart.options.indexAxis==="x"?this.getDataset().xAxisID:this.getDataset().yAxisID,f=this._getAxis().indexOf(V(p,this.getFirstScaleIdForIndexAxis())),b=this._getStackIndex(this.index,this._cachedMeta.stack,o?e:void 0)+f;a=u.start+u.chunk*b+u.chunk/2,d=Math.min(r,u.chunk*u.ratio)}else a=i.getPixelForValue(this.getParsed(e)[i.axis],e),d=Math.min(r,t.min*t.ratio);return{base:a-d/2,head:a+d/2,center:a,size:d}}draw(){const e=this._cachedMeta,t=e.vScale,i=e.data,s=i.length;let o=0;for(;o<s;++o)this.getParsed(o)[t.axis]!==null&&!i[o].hidden&&i[o].draw(this._ctx)}}B(Ft,"id","bar"),B(Ft,"defaults",{datasetElementType:!1,dataElementType:"bar",categoryPercentage:.8,barPercentage:.9,grouped:!0,animations:{numbers:{type:"number",properties:["x","y","base","width","height"]}}}),B(Ft,"overrides",{scales:{_index_:{type:"category",offset:!0,grid:{offset:!0}},_value_:{type:"linear",beginAtZero:!0}}});function qe(){throw new Error("This method is not implemented: Check that a complete date adapter is provided.")}class Yn{constructor(e){B(this,"options");this.options=e||{}}static override(e){Object.assign(Yn.prototype,e)}init(){}formats(){return qe()}parse(){return qe()}format(){return qe()}add(){return qe()}diff(){return qe()}startOf(){return qe()}endOf(){return qe()}}var Zd={_date:Yn};function Jd(n,e,t,i){const{controller:s,data:o,_sorted:r}=n,a=s._cachedMeta.iScale,d=n.dataset&&n.dataset.options?n.dataset.options.spanGaps:null;if(a&&e===a.axis&&e!=="r"&&r&&o.length){const l=a._reversePixels?Fc:Sn;if(i){if(s._sharedOptions){const h=o[0],u=typeof h.getRange=="function"&&h.getRange(e);if(u){const p=l(o,e,t-u),f=l(o,e,t+u);return{lo:p.lo,hi:f.hi}}}}else{const h=l(o,e,t);if(d){const{vScale:u}=s._cachedMeta,{_parsed:p}=n,f=p.slice(0,h.lo+1).reverse().findIndex(x=>!K(x[u.axis]));h.lo-=Math.max(0,f);const b=p.slice(h.hi).findIndex(x=>!K(x[u.axis]));h.hi+=Math.max(0,b)}return h}}return{lo:0,hi:o.length-1}}function tn(n,e,t,i,s){const o=n.getSortedVisibleDatasetMetas(),r=t[e];for(let a=0,d=o.length;a<d;++a){const{index:l,data:h}=o[a],{lo:u,hi:p}=Jd(o[a],e,r,s);for(let f=u;f<=p;++f){const b=h[f];b.skip||i(b,l,f)}}}function el(n){const e=n.indexOf("x")!==-1,t=n.indexOf("y")!==-1;return function(i,s){const o=e?Math.abs(i.x-s.x):0,r=t?Math.abs(i.y-s.y):0;return Math.sqrt(Math.pow(o,2)+Math.pow(r,2))}}function hn(n,e,t,i,s){const o=[];return!s&&!n.isPointInArea(e)||tn(n,t,e,function(a,d,l){!s&&!eo(a,n.chartArea,0)||a.inRange(e.x,e.y,i)&&o.push({element:a,datasetIndex:d,index:l})},!0),o}function tl(n,e,t,i){let s=[];function o(r,a,d){const{startAngle:l,endAngle:h}=r.getProps(["startAngle","endAngle"],i),{angle:u}=Ec(r,{x:e.x,y:e.y});Oc(u,l,h)&&s.push({element:r,datasetIndex:a,index:d})}return tn(n,t,e,o),s}function nl(n,e,t,i,s,o){let r=[];const a=el(t);let d=Number.POSITIVE_INFINITY;function l(h,u,p){const f=h.inRange(e.x,e.y,s);if(i&&!f)return;const b=h.getCenterPoint(s);if(!(!!o||n.isPointInArea(b))&&!f)return;const g=a(e,b);g<d?(r=[{element:h,datasetIndex:u,index:p}],d=g):g===d&&r.push({element:h,datasetIndex:u,index:p})}return tn(n,t,e,l),r}function pn(n,e,t,i,s,o){return!o&&!n.isPointInArea(e)?[]:t==="r"&&!i?tl(n,e,t,s):nl(n,e,t,i,s,o)}function _i(n,e,t,i,s){const o=[],r=t==="x"?"inXRange":"inYRange";let a=!1;return tn(n,t,e,(d,l,h)=>{d[r]&&d[r](e[t],s)&&(o.push({element:d,datasetIndex:l,index:h}),a=a||d.inRange(e.x,e.y,s))}),i&&!a?[]:o}var il={modes:{index(n,e,t,i){const s=ze(e,n),o=t.axis||"x",r=t.includeInvisible||!1,a=t.intersect?hn(n,s,o,i,r):pn(n,s,o,!1,i,r),d=[];return a.length?(n.getSortedVisibleDatasetMetas().forEach(l=>{const h=a[0].index,u=l.data[h];u&&!u.skip&&d.push({element:u,datasetIndex:l.index,index:h})}),d):[]},dataset(n,e,t,i){const s=ze(e,n),o=t.axis||"xy",r=t.includeInvisible||!1;let a=t.intersect?hn(n,s,o,i,r):pn(n,s,o,!1,i,r);if(a.length>0){const d=a[0].datasetIndex,l=n.getDatasetMeta(d).data;a=[];for(let h=0;h<l.length;++h)a.push({element:l[h],datasetIndex:d,index:h})}return a},point(n,e,t,i){const s=ze(e,n),o=t.axis||"xy",r=t.includeInvisible||!1;return hn(n,s,o,i,r)},nearest(n,e,t,i){const s=ze(e,n),o=t.axis||"xy",r=t.includeInvisible||!1;return pn(n,s,o,t.intersect,i,r)},x(n,e,t,i){const s=ze(e,n);return _i(n,s,"x",t.intersect,i)},y(n,e,t,i){const s=ze(e,n);return _i(n,s,"y",t.intersect,i)}}};const po=["left","top","right","bottom"];function at(n,e){return n.filter(t=>t.pos===e)}function Ri(n,e){return n.filter(t=>po.indexOf(t.pos)===-1&&t.box.axis===e)}function ct(n,e){return n.sort((t,i)=>{const s=e?i:t,o=e?t:i;return s.weight===o.weight?s.index-o.index:s.weight-o.weight})}function sl(n){const e=[];let t,i,s,o,r,a;for(t=0,i=(n||[]).length;t<i;++t)s=n[t],{position:o,options:{stack:r,stackWeight:a=1}}=s,e.push({index:t,box:s,pos:o,horizontal:s.isHorizontal(),weight:s.weight,stack:r&&o+r,stackWeight:a});return e}function ol(n){const e={};for(const t of n){const{stack:i,pos:s,stackWeight:o}=t;if(!i||!po.includes(s))continue;const r=e[i]||(e[i]={count:0,placed:0,weight:0,size:0});r.count++,r.weight+=o}return e}function rl(n,e){const t=ol(n),{vBoxMaxWidth:i,hBoxMaxHeight:s}=e;let o,r,a;for(o=0,r=n.length;o<r;++o){a=n[o];const{fullSize:d}=a.box,l=t[a.stack],h=l&&a.stackWeight/l.weight;a.horizontal?(a.width=h?h*i:d&&e.availableWidth,a.height=s):(a.width=i,a.height=h?h*s:d&&e.availableHeight)}return t}function al(n){const e=sl(n),t=ct(e.filter(l=>l.box.fullSize),!0),i=ct(at(e,"left"),!0),s=ct(at(e,"right")),o=ct(at(e,"top"),!0),r=ct(at(e,"bottom")),a=Ri(e,"x"),d=Ri(e,"y");return{fullSize:t,leftAndTop:i.concat(o),rightAndBottom:s.concat(d).concat(r).concat(a),chartArea:at(e,"chartArea"),vertical:i.concat(s).concat(d),horizontal:o.concat(r).concat(a)}}function wi(n,e,t,i){return Math.max(n[t],e[t])+Math.max(n[i],e[i])}function fo(n,e){n.top=Math.max(n.top,e.top),n.left=Math.max(n.left,e.left),n.bottom=Math.max(n.bottom,e.bottom),n.right=Math.max(n.right,e.right)}function cl(n,e,t,i){const{pos:s,box:o}=t,r=n.maxPadding;if(!H(s)){t.size&&(n[s]-=t.size);const u=i[t.stack]||{size:0,count:1};u.size=Math.max(u.size,t.horizontal?o.height:o.width),t.size=u.size/u.count,n[s]+=t.size}o.getPadding&&fo(r,o.getPadding());const a=Math.max(0,e.outerWidth-wi(r,n,"left","right")),d=Math.max(0,e.outerHeight-wi(r,n,"top","bottom")),l=a!==n.w,h=d!==n.h;return n.w=a,n.h=d,t.horizontal?{same:l,other:h}:{same:h,other:l}}function dl(n){const e=n.maxPadding;function t(i){const s=Math.max(e[i]-n[i],0);return n[i]+=s,s}n.y+=t("top"),n.x+=t("left"),t("right"),t("bottom")}function ll(n,e){const t=e.maxPadding;function i(s){const o={left:0,top:0,right:0,bottom:0};return s.forEach(r=>{o[r]=Math.max(e[r],t[r])}),o}return i(n?["left","right"]:["top","bottom"])}function ht(n,e,t,i){const s=[];let o,r,a,d,l,h;for(o=0,r=n.length,l=0;o<r;++o){a=n[o],d=a.box,d.update(a.width||e.w,a.height||e.h,ll(a.horizontal,e));const{same:u,other:p}=cl(e,t,a,i);l|=u&&s.length,h=h||p,d.fullSize||s.push(a)}return l&&ht(s,e,t,i)||h}function jt(n,e,t,i,s){n.top=t,n.left=e,n.right=e+i,n.bottom=t+s,n.width=i,n.height=s}function Ai(n,e,t,i){const s=t.padding;let{x:o,y:r}=e;for(const a of n){const d=a.box,l=i[a.stack]||{placed:0,weight:1},h=a.stackWeight/l.weight||1;if(a.horizontal){const u=e.w*h,p=l.size||d.height;It(l.start)&&(r=l.start),d.fullSize?jt(d,s.left,r,t.outerWidth-s.right-s.left,p):jt(d,e.left+l.placed,r,u,p),l.start=r,l.placed+=u,r=d.bottom}else{const u=e.h*h,p=l.size||d.width;It(l.start)&&(o=l.start),d.fullSize?jt(d,o,s.top,p,t.outerHeight-s.bottom-s.top):jt(d,o,e.top+l.placed,p,u),l.start=o,l.placed+=u,o=d.right}}e.x=o,e.y=r}var Ae={addBox(n,e){n.boxes||(n.boxes=[]),e.fullSize=e.fullSize||!1,e.position=e.position||"top",e.weight=e.weight||0,e._layers=e._layers||function(){return[{z:0,draw(t){e.draw(t)}}]},n.boxes.push(e)},removeBox(n,e){const t=n.boxes?n.boxes.indexOf(e):-1;t!==-1&&n.boxes.splice(t,1)},configure(n,e,t){e.fullSize=t.fullSize,e.position=t.position,e.weight=t.weight},update(n,e,t,i){if(!n)return;const s=me(n.options.layout.padding),o=Math.max(e-s.width,0),r=Math.max(t-s.height,0),a=al(n.boxes),d=a.vertical,l=a.horizontal;Y(n.boxes,x=>{typeof x.beforeLayout=="function"&&x.beforeLayout()});const h=d.reduce((x,g)=>g.box.options&&g.box.options.display===!1?x:x+1,0)||1,u=Object.freeze({outerWidth:e,outerHeight:t,padding:s,availableWidth:o,availableHeight:r,vBoxMaxWidth:o/2/h,hBoxMaxHeight:r/2}),p=Object.assign({},s);fo(p,me(i));const f=Object.assign({maxPadding:p,w:o,h:r,x:s.left,y:s.top},s),b=rl(d.concat(l),u);ht(a.fullSize,f,u,b),ht(d,f,u,b),ht(l,f,u,b)&&ht(d,f,u,b),dl(f),Ai(a.leftAndTop,f,u,b),f.x+=f.w,f.y+=f.h,Ai(a.rightAndBottom,f,u,b),n.chartArea={left:f.left,top:f.top,right:f.left+f.w,bottom:f.top+f.h,height:f.h,width:f.w},Y(a.chartArea,x=>{const g=x.box;Object.assign(g,n.chartArea),g.update(f.w,f.h,{left:0,top:0,right:0,bottom:0})})}};class mo{acquireContext(e,t){}releaseContext(e){return!1}addEventListener(e,t,i){}removeEventListener(e,t,i){}getDevicePixelRatio(){return 1}getMaximumSize(e,t,i,s){return t=Math.max(0,t||e.width),i=i||e.height,{width:t,height:Math.max(0,s?Math.floor(t/s):i)}}isAttached(e){return!0}updateConfig(e){}}class ul extends mo{acquireContext(e){return e&&e.getContext&&e.getContext("2d")||null}updateConfig(e){e.options.animation=!1}}const Lt="$chartjs",hl={touchstart:"mousedown",touchmove:"mousemove",touchend:"mouseup",pointerenter:"mouseenter",pointerdown:"mousedown",pointermove:"mousemove",pointerup:"mouseup",pointerleave:"mouseout",pointerout:"mouseout"},Ci=n=>n===null||n==="";function pl(n,e){const t=n.style,i=n.getAttribute("height"),s=n.getAttribute("width");if(n[Lt]={initial:{height:i,width:s,style:{display:t.display,height:t.height,width:t.width}}},t.display=t.display||"block",t.boxSizing=t.boxSizing||"border-box",Ci(s)){const o=gi(n,"width");o!==void 0&&(n.width=o)}if(Ci(i))if(n.style.height==="")n.height=n.width/(e||2);else{const o=gi(n,"height");o!==void 0&&(n.height=o)}return n}const go=Sd?{passive:!0}:!1;function fl(n,e,t){n&&n.addEventListener(e,t,go)}function ml(n,e,t){n&&n.canvas&&n.canvas.removeEventListener(e,t,go)}function gl(n,e){const t=hl[n.type]||n.type,{x:i,y:s}=ze(n,e);return{type:t,chart:e,native:n,x:i!==void 0?i:null,y:s!==void 0?s:null}}function Qt(n,e){for(const t of n)if(t===e||t.contains(e))return!0}function bl(n,e,t){const i=n.canvas,s=new MutationObserver(o=>{let r=!1;for(const a of o)r=r||Qt(a.addedNodes,i),r=r&&!Qt(a.removedNodes,i);r&&t()});return s.observe(document,{childList:!0,subtree:!0}),s}function xl(n,e,t){const i=n.canvas,s=new MutationObserver(o=>{let r=!1;for(const a of o)r=r||Qt(a.removedNodes,i),r=r&&!Qt(a.addedNodes,i);r&&t()});return s.observe(document,{childList:!0,subtree:!0}),s}const vt=new Map;let Ui=0;function bo(){const n=window.devicePixelRatio;n!==Ui&&(Ui=n,vt.forEach((e,t)=>{t.currentDevicePixelRatio!==n&&e()}))}function yl(n,e){vt.size||window.addEventListener("resize",bo),vt.set(n,e)}function kl(n){vt.delete(n),vt.size||window.removeEventListener("resize",bo)}function Il(n,e,t){const i=n.canvas,s=i&&Gn(i);if(!s)return;const o=Ys((a,d)=>{const l=s.clientWidth;t(a,d),l<s.clientWidth&&t()},window),r=new ResizeObserver(a=>{const d=a[0],l=d.contentRect.width,h=d.contentRect.height;l===0&&h===0||o(l,h)});return r.observe(s),yl(n,o),r}function fn(n,e,t){t&&t.disconnect(),e==="resize"&&kl(n)}function vl(n,e,t){const i=n.canvas,s=Ys(o=>{n.ctx!==null&&t(gl(o,n))},n);return fl(i,e,s),s}class Sl extends mo{acquireContext(e,t){const i=e&&e.getContext&&e.getContext("2d");return i&&i.canvas===e?(pl(e,t),i):null}releaseContext(e){const t=e.canvas;if(!t[Lt])return!1;const i=t[Lt].initial;["height","width"].forEach(o=>{const r=i[o];K(r)?t.removeAttribute(o):t.setAttribute(o,r)});const s=i.style||{};return Object.keys(s).forEach(o=>{t.style[o]=s[o]}),t.width=t.width,delete t[Lt],!0}addEventListener(e,t,i){this.removeEventListener(e,t);const s=e.$proxies||(e.$proxies={}),r={attach:bl,detach:xl,resize:Il}[t]||vl;s[t]=r(e,t,i)}removeEventListener(e,t){const i=e.$proxies||(e.$proxies={}),s=i[t];if(!s)return;({attach:fn,detach:fn,resize:fn}[t]||ml)(e,t,s),i[t]=void 0}getDevicePixelRatio(){return window.devicePixelRatio}getMaximumSize(e,t,i,s){return vd(e,t,i,s)}isAttached(e){const t=e&&Gn(e);return!!(t&&t.isConnected)}}function $l(n){return!Wn()||typeof OffscreenCanvas<"u"&&n instanceof OffscreenCanvas?ul:Sl}class Ke{constructor(){B(this,"x");B(this,"y");B(this,"active",!1);B(this,"options");B(this,"$animations")}tooltipPosition(e){const{x:t,y:i}=this.getProps(["x","y"],e);return{x:t,y:i}}hasValue(){return Gt(this.x)&&Gt(this.y)}getProps(e,t){const i=this.$animations;if(!t||!i)return this;const s={};return e.forEach(o=>{s[o]=i[o]&&i[o].active()?i[o]._to:this[o]}),s}}B(Ke,"defaults",{}),B(Ke,"defaultRoutes");function Dl(n,e){const t=n.options.ticks,i=_l(n),s=Math.min(t.maxTicksLimit||i,i),o=t.major.enabled?wl(e):[],r=o.length,a=o[0],d=o[r-1],l=[];if(r>s)return Al(e,l,o,r/s),l;const h=Rl(o,e,s);if(r>0){let u,p;const f=r>1?Math.round((d-a)/(r-1)):null;for(Tt(e,l,h,K(f)?0:a-f,a),u=0,p=r-1;u<p;u++)Tt(e,l,h,o[u],o[u+1]);return Tt(e,l,h,d,K(f)?e.length:d+f),l}return Tt(e,l,h),l}function _l(n){const e=n.options.offset,t=n._tickSize(),i=n._length/t+(e?0:1),s=n._maxLength/t;return Math.floor(Math.min(i,s))}function Rl(n,e,t){const i=Cl(n),s=e.length/t;if(!i)return Math.max(s,1);const o=Cc(i);for(let r=0,a=o.length-1;r<a;r++){const d=o[r];if(d>s)return d}return Math.max(s,1)}function wl(n){const e=[];let t,i;for(t=0,i=n.length;t<i;t++)n[t].major&&e.push(t);return e}function Al(n,e,t,i){let s=0,o=t[0],r;for(i=Math.ceil(i),r=0;r<n.length;r++)r===o&&(e.push(n[r]),s++,o=t[s*i])}function Tt(n,e,t,i,s){const o=V(i,0),r=Math.min(V(s,n.length),n.length);let a=0,d,l,h;for(t=Math.ceil(t),s&&(d=s-i,t=d/Math.floor(d/t)),h=o;h<0;)a++,h=Math.round(o+a*t);for(l=Math.max(o,0);l<r;l++)l===h&&(e.push(n[l]),a++,h=Math.round(o+a*t))}function Cl(n){const e=n.length;let t,i;if(e<2)return!1;for(i=n[0],t=1;t<e;++t)if(n[t]-n[t-1]!==i)return!1;return i}const Ul=n=>n==="left"?"right":n==="right"?"left":n,ji=(n,e,t)=>e==="top"||e==="left"?n[e]+t:n[e]-t,Ti=(n,e)=>Math.min(e||n,n);function Pi(n,e){const t=[],i=n.length/e,s=n.length;let o=0;for(;o<s;o+=i)t.push(n[Math.floor(o)]);return t}function jl(n,e,t){const i=n.ticks.length,s=Math.min(e,i-1),o=n._startPixel,r=n._endPixel,a=1e-6;let d=n.getPixelForTick(s),l;if(!(t&&(i===1?l=Math.max(d-o,r-d):e===0?l=(n.getPixelForTick(1)-d)/2:l=(d-n.getPixelForTick(s-1))/2,d+=s<e?l:-l,d<o-a||d>r+a)))return d}function Tl(n,e){Y(n,t=>{const i=t.gc,s=i.length/2;let o;if(s>e){for(o=0;o<s;++o)delete t.data[i[o]];i.splice(0,s)}})}function dt(n){return n.drawTicks?n.tickLength:0}function Ei(n,e){if(!n.display)return 0;const t=re(n.font,e),i=me(n.padding);return(ee(n.text)?n.text.length:1)*t.lineHeight+i.height}function Pl(n,e){return it(n,{scale:e,type:"scale"})}function El(n,e,t){return it(n,{tick:t,index:e,type:"tick"})}function Ml(n,e,t){let i=Ks(n);return(t&&e!=="right"||!t&&e==="right")&&(i=Ul(i)),i}function Ol(n,e,t,i){const{top:s,left:o,bottom:r,right:a,chart:d}=n,{chartArea:l,scales:h}=d;let u=0,p,f,b;const x=r-s,g=a-o;if(n.isHorizontal()){if(f=ce(i,o,a),H(t)){const S=Object.keys(t)[0],$=t[S];b=h[S].getPixelForValue($)+x-e}else t==="center"?b=(l.bottom+l.top)/2+x-e:b=ji(n,t,e);p=a-o}else{if(H(t)){const S=Object.keys(t)[0],$=t[S];f=h[S].getPixelForValue($)-g+e}else t==="center"?f=(l.left+l.right)/2-g+e:f=ji(n,t,e);b=ce(i,r,s),u=t==="left"?-he:he}return{titleX:f,titleY:b,maxWidth:p,rotation:u}}class st extends Ke{constructor(e){super(),this.id=e.id,this.type=e.type,this.options=void 0,this.ctx=e.ctx,this.chart=e.chart,this.top=void 0,this.bottom=void 0,this.left=void 0,this.right=void 0,this.width=void 0,this.height=void 0,this._margins={left:0,right:0,top:0,bottom:0},this.maxWidth=void 0,this.maxHeight=void 0,this.paddingTop=void 0,this.paddingBottom=void 0,this.paddingLeft=void 0,this.paddingRight=void 0,this.axis=void 0,this.labelRotation=void 0,this.min=void 0,this.max=void 0,this._range=void 0,this.ticks=[],this._gridLineItems=null,this._labelItems=null,this._labelSizes=null,this._length=0,this._maxLength=0,this._longestTextCache={},this._startPixel=void 0,this._endPixel=void 0,this._reversePixels=!1,this._userMax=void 0,this._userMin=void 0,this._suggestedMax=void 0,this._suggestedMin=void 0,this._ticksLength=0,this._borderValue=0,this._cache={},this._dataLimitsCached=!1,this.$context=void 0}init(e){this.options=e.setContext(this.getContext()),this.axis=e.axis,this._userMin=this.parse(e.min),this._userMax=this.parse(e.max),this._suggestedMin=this.parse(e.suggestedMin),this._suggestedMax=this.parse(e.suggestedMax)}parse(e,t){return e}getUserBounds(){let{_userMin:e,_userMax:t,_suggestedMin:i,_suggestedMax:s}=this;return e=be(e,Number.POSITIVE_INFINITY),t=be(t,Number.NEGATIVE_INFINITY),i=be(i,Number.POSITIVE_INFINITY),s=be(s,Number.NEGATIVE_INFINITY),{min:be(e,i),max:be(t,s),minDefined:ue(e),maxDefined:ue(t)}}getMinMax(e){let{min:t,max:i,minDefined:s,maxDefined:o}=this.getUserBounds(),r;if(s&&o)return{min:t,max:i};const a=this.getMatchingVisibleMetas();for(let d=0,l=a.length;d<l;++d)r=a[d].controller.getMinMax(this,e),s||(t=Math.min(t,r.min)),o||(i=Math.max(i,r.max));return t=o&&t>i?i:t,i=s&&t>i?t:i,{min:be(t,be(i,t)),max:be(i,be(t,i))}}getPadding(){return{left:this.paddingLeft||0,top:this.paddingTop||0,right:this.paddingRight||0,bottom:this.paddingBottom||0}}getTicks(){return this.ticks}getLabels(){const e=this.chart.data;return this.options.labels||(this.isHorizontal()?e.xLabels:e.yLabels)||e.labels||[]}getLabelItems(e=this.chart.chartArea){return this._labelItems||(this._labelItems=this._computeLabelItems(e))}beforeLayout(){this._cache={},this._dataLimitsCached=!1}beforeUpdate(){X(this.options.beforeUpdate,[this])}update(e,t,i){const{beginAtZero:s,grace:o,ticks:r}=this.options,a=r.sampleSize;this.beforeUpdate(),this.maxWidth=e,this.maxHeight=t,this._margins=i=Object.assign({left:0,right:0,top:0,bottom:0},i),this.ticks=null,this._labelSizes=null,this._gridLineItems=null,this._labelItems=null,this.beforeSetDimensions(),this.setDimensions(),this.afterSetDimensions(),this._maxLength=this.isHorizontal()?this.width+i.left+i.right:this.height+i.top+i.bottom,this._dataLimitsCached||(this.beforeDataLimits(),this.determineDataLimits(),this.afterDataLimits(),this._range=ad(this,o,s),this._dataLimitsCached=!0),this.beforeBuildTicks(),this.ticks=this.buildTicks()||[],this.afterBuildTicks();const d=a<this.ticks.length;this._convertTicksToLabels(d?Pi(this.ticks,a):this.ticks),this.configure(),this.beforeCalculateLabelRotation(),this.calculateLabelRotation(),this.afterCalculateLabelRotation(),r.display&&(r.autoSkip||r.source==="auto")&&(this.ticks=Dl(this,this.ticks),this._labelSizes=null,this.afterAutoSkip()),d&&this._convertTicksToLabels(this.ticks),this.beforeFit(),this.fit(),this.afterFit(),this.afterUpdate()}configure(){let e=this.options.reverse,t,i;this.isHorizontal()?(t=this.left,i=this.right):(t=this.top,i=this.bottom,e=!e),this._startPixel=t,this._endPixel=i,this._reversePixels=e,this._length=i-t,this._alignToPixels=this.options.alignToPixels}afterUpdate(){X(this.options.afterUpdate,[this])}beforeSetDimensions(){X(this.options.beforeSetDimensions,[this])}setDimensions(){this.isHorizontal()?(this.width=this.maxWidth,this.left=0,this.right=this.width):(this.height=this.maxHeight,this.top=0,this.bottom=this.height),this.paddingLeft=0,this.paddingTop=0,this.paddingRight=0,this.paddingBottom=0}afterSetDimensions(){X(this.options.afterSetDimensions,[this])}_callHooks(e){this.chart.notifyPlugins(e,this.getContext()),X(this.options[e],[this])}beforeDataLimits(){this._callHooks("beforeDataLimits")}determineDataLimits(){}afterDataLimits(){this._callHooks("afterDataLimits")}beforeBuildTicks(){this._callHooks("beforeBuildTicks")}buildTicks(){return[]}afterBuildTicks(){this._callHooks("afterBuildTicks")}beforeTickToLabelConversion(){X(this.options.beforeTickToLabelConversion,[this])}generateTickLabels(e){const t=this.options.ticks;let i,s,o;for(i=0,s=e.length;i<s;i++)o=e[i],o.label=X(t.callback,[o.value,i,e],this)}afterTickToLabelConversion(){X(this.options.afterTickToLabelConversion,[this])}beforeCalculateLabelRotation(){X(this.options.beforeCalculateLabelRotation,[this])}calculateLabelRotation(){const e=this.options,t=e.ticks,i=Ti(this.ticks.length,e.ticks.maxTicksLimit),s=t.minRotation||0,o=t.maxRotation;let r=s,a,d,l;if(!this._isVisible()||!t.display||s>=o||i<=1||!this.isHorizontal()){this.labelRotation=s;return}const h=this._getLabelSizes(),u=h.widest.width,p=h.highest.height,f=pe(this.chart.width-u,0,this.maxWidth);a=e.offset?this.maxWidth/i:f/(i-1),u+6>a&&(a=f/(i-(e.offset?.5:1)),d=this.maxHeight-dt(e.grid)-t.padding-Ei(e.title,this.chart.options.font),l=Math.sqrt(u*u+p*p),r=Pc(Math.min(Math.asin(pe((h.highest.height+6)/a,-1,1)),Math.asin(pe(d/l,-1,1))-Math.asin(pe(p/l,-1,1)))),r=Math.max(s,Math.min(o,r))),this.labelRotation=r}afterCalculateLabelRotation(){X(this.options.afterCalculateLabelRotation,[this])}afterAutoSkip(){}beforeFit(){X(this.options.beforeFit,[this])}fit(){const e={width:0,height:0},{chart:t,options:{ticks:i,title:s,grid:o}}=this,r=this._isVisible(),a=this.isHorizontal();if(r){const d=Ei(s,t.options.font);if(a?(e.width=this.maxWidth,e.height=dt(o)+d):(e.height=this.maxHeight,e.width=dt(o)+d),i.display&&this.ticks.length){const{first:l,last:h,widest:u,highest:p}=this._getLabelSizes(),f=i.padding*2,b=Ve(this.labelRotation),x=Math.cos(b),g=Math.sin(b);if(a){const S=i.mirror?0:g*u.width+x*p.height;e.height=Math.min(this.maxHeight,e.height+S+f)}else{const S=i.mirror?0:x*u.width+g*p.height;e.width=Math.min(this.maxWidth,e.width+S+f)}this._calculatePadding(l,h,g,x)}}this._handleMargins(),a?(this.width=this._length=t.width-this._margins.left-this._margins.right,this.height=e.height):(this.width=e.width,this.height=this._length=t.height-this._margins.top-this._margins.bottom)}_calculatePadding(e,t,i,s){const{ticks:{align:o,padding:r},position:a}=this.options,d=this.labelRotation!==0,l=a!=="top"&&this.axis==="x";if(this.isHorizontal()){const h=this.getPixelForTick(0)-this.left,u=this.right-this.getPixelForTick(this.ticks.length-1);let p=0,f=0;d?l?(p=s*e.width,f=i*t.height):(p=i*e.height,f=s*t.width):o==="start"?f=t.width:o==="end"?p=e.width:o!=="inner"&&(p=e.width/2,f=t.width/2),this.paddingLeft=Math.max((p-h+r)*this.width/(this.width-h),0),this.paddingRight=Math.max((f-u+r)*this.width/(this.width-u),0)}else{let h=t.height/2,u=e.height/2;o==="start"?(h=0,u=e.height):o==="end"&&(h=t.height,u=0),this.paddingTop=h+r,this.paddingBottom=u+r}}_handleMargins(){this._margins&&(this._margins.left=Math.max(this.paddingLeft,this._margins.left),this._margins.top=Math.max(this.paddingTop,this._margins.top),this._margins.right=Math.max(this.paddingRight,this._margins.right),this._margins.bottom=Math.max(this.paddingBottom,this._margins.bottom))}afterFit(){X(this.options.afterFit,[this])}isHorizontal(){const{axis:e,position:t}=this.options;return t==="top"||t==="bottom"||e==="x"}isFullSize(){return this.options.fullSize}_convertTicksToLabels(e){this.beforeTickToLabelConversion(),this.generateTickLabels(e);let t,i;for(t=0,i=e.length;t<i;t++)K(e[t].label)&&(e.splice(t,1),i--,t--);this.afterTickToLabelConversion()}_getLabelSizes(){let e=this._labelSizes;if(!e){const t=this.options.ticks.sampleSize;let i=this.ticks;t<i.length&&(i=Pi(i,t)),this._labelSizes=e=this._computeLabelSizes(i,i.length,this.options.ticks.maxTicksLimit)}return e}_computeLabelSizes(e,t,i){const{ctx:s,_longestTextCache:o}=this,r=[],a=[],d=Math.floor(t/Ti(t,i));let l=0,h=0,u,p,f,b,x,g,S,$,m,y,k;for(u=0;u<t;u+=d){if(b=e[u].label,x=this._resolveTickFontOptions(u),s.font=g=x.string,S=o[g]=o[g]||{data:{},gc:[]},$=x.lineHeight,m=y=0,!K(b)&&!ee(b))m=li(s,S.data,S.gc,m,b),y=$;else if(ee(b))for(p=0,f=b.length;p<f;++p)k=b[p],!K(k)&&!ee(k)&&(m=li(s,S.data,S.gc,m,k),y+=$);r.push(m),a.push(y),l=Math.max(m,l),h=Math.max(y,h)}Tl(o,t);const v=r.indexOf(l),_=a.indexOf(h),I=A=>({width:r[A]||0,height:a[A]||0});return{first:I(0),last:I(t-1),widest:I(v),highest:I(_),widths:r,heights:a}}getLabelForValue(e){return e}getPixelForValue(e,t){return NaN}getValueForPixel(e){}getPixelForTick(e){const t=this.ticks;return e<0||e>t.length-1?null:this.getPixelForValue(t[e].value)}getPixelForDecimal(e){this._reversePixels&&(e=1-e);const t=this._startPixel+e*this._length;return Nc(this._alignToPixels?Le(this.chart,t,0):t)}getDecimalForPixel(e){const t=(e-this._startPixel)/this._length;return this._reversePixels?1-t:t}getBasePixel(){return this.getPixelForValue(this.getBaseValue())}getBaseValue(){const{min:e,max:t}=this;return e<0&&t<0?t:e>0&&t>0?e:0}getContext(e){const t=this.ticks||[];if(e>=0&&e<t.length){const i=t[e];return i.$context||(i.$context=El(this.getContext(),e,i))}return this.$context||(this.$context=Pl(this.chart.getContext(),this))}_tickSize(){const e=this.options.ticks,t=Ve(this.labelRotation),i=Math.abs(Math.cos(t)),s=Math.abs(Math.sin(t)),o=this._getLabelSizes(),r=e.autoSkipPadding||0,a=o?o.widest.width+r:0,d=o?o.highest.height+r:0;return this.isHorizontal()?d*i>a*s?a/i:d/s:d*s<a*i?d/i:a/s}_isVisible(){const e=this.options.display;return e!=="auto"?!!e:this.getMatchingVisibleMetas().length>0}_computeGridLineItems(e){const t=this.axis,i=this.chart,s=this.options,{grid:o,position:r,border:a}=s,d=o.offset,l=this.isHorizontal(),u=this.ticks.length+(d?1:0),p=dt(o),f=[],b=a.setContext(this.getContext()),x=b.display?b.width:0,g=x/2,S=function(L){return Le(i,L,x)};let $,m,y,k,v,_,I,A,N,M,O,P;if(r==="top")$=S(this.bottom),_=this.bottom-p,A=$-g,M=S(e.top)+g,P=e.bottom;else if(r==="bottom")$=S(this.top),M=e.top,P=S(e.bottom)-g,_=$+g,A=this.top+p;else if(r==="left")$=S(this.right),v=this.right-p,I=$-g,N=S(e.left)+g,O=e.right;else if(r==="right")$=S(this.left),N=e.left,O=S(e.right)-g,v=$+g,I=this.left+p;else if(t==="x"){if(r==="center")$=S((e.top+e.bottom)/2+.5);else if(H(r)){const L=Object.keys(r)[0],w=r[L];$=S(this.chart.scales[L].getPixelForValue(w))}M=e.top,P=e.bottom,_=$+g,A=_+p}else if(t==="y"){if(r==="center")$=S((e.left+e.right)/2);else if(H(r)){const L=Object.keys(r)[0],w=r[L];$=S(this.chart.scales[L].getPixelForValue(w))}v=$-g,I=v-p,N=e.left,O=e.right}const E=V(s.ticks.maxTicksLimit,u),F=Math.max(1,Math.ceil(u/E));for(m=0;m<u;m+=F){const L=this.getContext(m),w=o.setContext(L),T=a.setContext(L),W=w.lineWidth,R=w.color,G=T.dash||[],ie=T.dashOffset,de=w.tickWidth,ge=w.tickColor,ot=w.tickBorderDash||[],Oe=w.tickBorderDashOffset;y=jl(this,m,d),y!==void 0&&(k=Le(i,y,W),l?v=I=N=O=k:_=A=M=P=k,f.push({tx1:v,ty1:_,tx2:I,ty2:A,x1:N,y1:M,x2:O,y2:P,width:W,color:R,borderDash:G,borderDashOffset:ie,tickWidth:de,tickColor:ge,tickBorderDash:ot,tickBorderDashOffset:Oe}))}return this._ticksLength=u,this._borderValue=$,f}_computeLabelItems(e){const t=this.axis,i=this.options,{position:s,ticks:o}=i,r=this.isHorizontal(),a=this.ticks,{align:d,crossAlign:l,padding:h,mirror:u}=o,p=dt(i.grid),f=p+h,b=u?-h:f,x=-Ve(this.labelRotation),g=[];let S,$,m,y,k,v,_,I,A,N,M,O,P="middle";if(s==="top")v=this.bottom-b,_=this._getXAxisLabelAlignment();else if(s==="bottom")v=this.top+b,_=this._getXAxisLabelAlignment();else if(s==="left"){const F=this._getYAxisLabelAlignment(p);_=F.textAlign,k=F.x}else if(s==="right"){const F=this._getYAxisLabelAlignment(p);_=F.textAlign,k=F.x}else if(t==="x"){if(s==="center")v=(e.top+e.bottom)/2+f;else if(H(s)){const F=Object.keys(s)[0],L=s[F];v=this.chart.scales[F].getPixelForValue(L)+f}_=this._getXAxisLabelAlignment()}else if(t==="y"){if(s==="center")k=(e.left+e.right)/2-f;else if(H(s)){const F=Object.keys(s)[0],L=s[F];k=this.chart.scales[F].getPixelForValue(L)}_=this._getYAxisLabelAlignment(p).textAlign}t==="y"&&(d==="start"?P="top":d==="end"&&(P="bottom"));const E=this._getLabelSizes();for(S=0,$=a.length;S<$;++S){m=a[S],y=m.label;const F=o.setContext(this.getContext(S));I=this.getPixelForTick(S)+o.labelOffset,A=this._resolveTickFontOptions(S),N=A.lineHeight,M=ee(y)?y.length:1;const L=M/2,w=F.color,T=F.textStrokeColor,W=F.textStrokeWidth;let R=_;r?(k=I,_==="inner"&&(S===$-1?R=this.options.reverse?"left":"right":S===0?R=this.options.reverse?"right":"left":R="center"),s==="top"?l==="near"||x!==0?O=-M*N+N/2:l==="center"?O=-E.highest.height/2-L*N+N:O=-E.highest.height+N/2:l==="near"||x!==0?O=N/2:l==="center"?O=E.highest.height/2-L*N:O=E.highest.height-M*N,u&&(O*=-1),x!==0&&!F.showLabelBackdrop&&(k+=N/2*Math.sin(x))):(v=I,O=(1-M)*N/2);let G;if(F.showLabelBackdrop){const ie=me(F.backdropPadding),de=E.heights[S],ge=E.widths[S];let ot=O-ie.top,Oe=0-ie.left;switch(P){case"middle":ot-=de/2;break;case"bottom":ot-=de;break}switch(_){case"center":Oe-=ge/2;break;case"right":Oe-=ge;break;case"inner":S===$-1?Oe-=ge:S>0&&(Oe-=ge/2);break}G={left:Oe,top:ot,width:ge+ie.width,height:de+ie.height,color:F.backdropColor}}g.push({label:y,font:A,textOffset:O,options:{rotation:x,color:w,strokeColor:T,strokeWidth:W,textAlign:R,textBaseline:P,translation:[k,v],backdrop:G}})}return g}_getXAxisLabelAlignment(){const{position:e,ticks:t}=this.options;if(-Ve(this.labelRotation))return e==="top"?"left":"right";let s="center";return t.align==="start"?s="left":t.align==="end"?s="right":t.align==="inner"&&(s="inner"),s}_getYAxisLabelAlignment(e){const{position:t,ticks:{crossAlign:i,mirror:s,padding:o}}=this.options,r=this._getLabelSizes(),a=e+o,d=r.widest.width;let l,h;return t==="left"?s?(h=this.right+o,i==="near"?l="left":i==="center"?(l="center",h+=d/2):(l="right",h+=d)):(h=this.right-a,i==="near"?l="right":i==="center"?(l="center",h-=d/2):(l="left",h=this.left)):t==="right"?s?(h=this.left+o,i==="near"?l="right":i==="center"?(l="center",h-=d/2):(l="left",h-=d)):(h=this.left+a,i==="near"?l="left":i==="center"?(l="center",h+=d/2):(l="right",h=this.right)):l="right",{textAlign:l,x:h}}_computeLabelArea(){if(this.options.ticks.mirror)return;const e=this.chart,t=this.options.position;if(t==="left"||t==="right")return{top:0,left:this.left,bottom:e.height,right:this.right};if(t==="top"||t==="bottom")return{top:this.top,left:0,bottom:this.bottom,right:e.width}}drawBackground(){const{ctx:e,options:{backgroundColor:t},left:i,top:s,width:o,height:r}=this;t&&(e.save(),e.fillStyle=t,e.fillRect(i,s,o,r),e.restore())}getLineWidthForValue(e){const t=this.options.grid;if(!this._isVisible()||!t.display)return 0;const s=this.ticks.findIndex(o=>o.value===e);return s>=0?t.setContext(this.getContext(s)).lineWidth:0}drawGrid(e){const t=this.options.grid,i=this.ctx,s=this._gridLineItems||(this._gridLineItems=this._computeGridLineItems(e));let o,r;const a=(d,l,h)=>{!h.width||!h.color||(i.save(),i.lineWidth=h.width,i.strokeStyle=h.color,i.setLineDash(h.borderDash||[]),i.lineDashOffset=h.borderDashOffset,i.beginPath(),i.moveTo(d.x,d.y),i.lineTo(l.x,l.y),i.stroke(),i.restore())};if(t.display)for(o=0,r=s.length;o<r;++o){const d=s[o];t.drawOnChartArea&&a({x:d.x1,y:d.y1},{x:d.x2,y:d.y2},d),t.drawTicks&&a({x:d.tx1,y:d.ty1},{x:d.tx2,y:d.ty2},{color:d.tickColor,width:d.tickWidth,borderDash:d.tickBorderDash,borderDashOffset:d.tickBorderDashOffset})}}drawBorder(){const{chart:e,ctx:t,options:{border:i,grid:s}}=this,o=i.setContext(this.getContext()),r=i.display?o.width:0;if(!r)return;const a=s.setContext(this.getContext(0)).lineWidth,d=this._borderValue;let l,h,u,p;this.isHorizontal()?(l=Le(e,this.left,r)-r/2,h=Le(e,this.right,a)+a/2,u=p=d):(u=Le(e,this.top,r)-r/2,p=Le(e,this.bottom,a)+a/2,l=h=d),t.save(),t.lineWidth=o.width,t.strokeStyle=o.color,t.beginPath(),t.moveTo(l,u),t.lineTo(h,p),t.stroke(),t.restore()}drawLabels(e){if(!this.options.ticks.display)return;const i=this.ctx,s=this._computeLabelArea();s&&qn(i,s);const o=this.getLabelItems(e);for(const r of o){const a=r.options,d=r.font,l=r.label,h=r.textOffset;Yt(i,l,0,h,d,a)}s&&Bn(i)}drawTitle(){const{ctx:e,options:{position:t,title:i,reverse:s}}=this;if(!i.display)return;const o=re(i.font),r=me(i.padding),a=i.align;let d=o.lineHeight/2;t==="bottom"||t==="center"||H(t)?(d+=r.bottom,ee(i.text)&&(d+=o.lineHeight*(i.text.length-1))):d+=r.top;const{titleX:l,titleY:h,maxWidth:u,rotation:p}=Ol(this,d,t,a);Yt(e,i.text,0,0,o,{color:i.color,maxWidth:u,rotation:p,textAlign:Ml(a,t,s),textBaseline:"middle",translation:[l,h],strokeColor:i.strokeColor,strokeWidth:i.strokeWidth})}draw(e){this._isVisible()&&(this.drawBackground(),this.drawGrid(e),this.drawBorder(),this.drawTitle(),this.drawLabels(e))}_layers(){const e=this.options,t=e.ticks&&e.ticks.z||0,i=V(e.grid&&e.grid.z,-1),s=V(e.border&&e.border.z,0);return!this._isVisible()||this.draw!==st.prototype.draw?[{z:t,draw:o=>{this.draw(o)}}]:[{z:i,draw:o=>{this.drawBackground(),this.drawGrid(o),this.drawTitle()}},{z:s,draw:()=>{this.drawBorder()}},{z:t,draw:o=>{this.drawLabels(o)}}]}getMatchingVisibleMetas(e){const t=this.chart.getSortedVisibleDatasetMetas(),i=this.axis+"AxisID",s=[];let o,r;for(o=0,r=t.length;o<r;++o){const a=t[o];a[i]===this.id&&(!e||a.type===e)&&s.push(a)}return s}_resolveTickFontOptions(e){const t=this.options.ticks.setContext(this.getContext(e));return re(t.font)}_maxDigits(){const e=this._resolveTickFontOptions(0).lineHeight;return(this.isHorizontal()?this.width:this.height)/e}}class Pt{constructor(e,t,i){this.type=e,this.scope=t,this.override=i,this.items=Object.create(null)}isForType(e){return Object.prototype.isPrototypeOf.call(this.type.prototype,e.prototype)}register(e){const t=Object.getPrototypeOf(e);let i;Ll(t)&&(i=this.register(t));const s=this.items,o=e.id,r=this.scope+"."+o;if(!o)throw new Error("class does not have id: "+e);return o in s||(s[o]=e,Nl(e,r,i),this.override&&J.override(e.id,e.overrides)),r}get(e){return this.items[e]}unregister(e){const t=this.items,i=e.id,s=this.scope;i in t&&delete t[i],s&&i in J[s]&&(delete J[s][i],this.override&&delete Ye[i])}}function Nl(n,e,t){const i=kt(Object.create(null),[t?J.get(t):{},J.get(e),n.defaults]);J.set(e,i),n.defaultRoutes&&Fl(e,n.defaultRoutes),n.descriptors&&J.describe(e,n.descriptors)}function Fl(n,e){Object.keys(e).forEach(t=>{const i=t.split("."),s=i.pop(),o=[n].concat(i).join("."),r=e[t].split("."),a=r.pop(),d=r.join(".");J.route(o,s,d,a)})}function Ll(n){return"id"in n&&"defaults"in n}class ql{constructor(){this.controllers=new Pt(bt,"datasets",!0),this.elements=new Pt(Ke,"elements"),this.plugins=new Pt(Object,"plugins"),this.scales=new Pt(st,"scales"),this._typedRegistries=[this.controllers,this.scales,this.elements]}add(...e){this._each("register",e)}remove(...e){this._each("unregister",e)}addControllers(...e){this._each("register",e,this.controllers)}addElements(...e){this._each("register",e,this.elements)}addPlugins(...e){this._each("register",e,this.plugins)}addScales(...e){this._each("register",e,this.scales)}getController(e){return this._get(e,this.controllers,"controller")}getElement(e){return this._get(e,this.elements,"element")}getPlugin(e){return this._get(e,this.plugins,"plugin")}getScale(e){return this._get(e,this.scales,"scale")}removeControllers(...e){this._each("unregister",e,this.controllers)}removeElements(...e){this._each("unregister",e,this.elements)}removePlugins(...e){this._each("unregister",e,this.plugins)}removeScales(...e){this._each("unregister",e,this.scales)}_each(e,t,i){[...t].forEach(s=>{const o=i||this._getRegistryForType(s);i||o.isForType(s)||o===this.plugins&&s.id?this._exec(e,o,s):Y(s,r=>{const a=i||this._getRegistryForType(r);this._exec(e,a,r)})})}_exec(e,t,i){const s=Fn(e);X(i["before"+s],[],i),t[e](i),X(i["after"+s],[],i)}_getRegistryForType(e){for(let t=0;t<this._typedRegistries.length;t++){const i=this._typedRegistries[t];if(i.isForType(e))return i}return this.plugins}_get(e,t,i){const s=t.get(e);if(s===void 0)throw new Error('"'+e+'" is not a registered '+i+".");return s}}var ye=new ql;class Bl{constructor(){this._init=void 0}notify(e,t,i,s){if(t==="beforeInit"&&(this._init=this._createDescriptors(e,!0),this._notify(this._init,e,"install")),this._init===void 0)return;const o=s?this._descriptors(e).filter(s):this._descriptors(e),r=this._notify(o,e,t,i);return t==="afterDestroy"&&(this._notify(o,e,"stop"),this._notify(this._init,e,"uninstall"),this._init=void 0),r}_notify(e,t,i,s){s=s||{};for(const o of e){const r=o.plugin,a=r[i],d=[t,s,o.options];if(X(a,d,r)===!1&&s.cancelable)return!1}return!0}invalidate(){K(this._cache)||(this._oldCache=this._cache,this._cache=void 0)}_descriptors(e){if(this._cache)return this._cache;const t=this._cache=this._createDescriptors(e);return this._notifyStateChanges(e),t}_createDescriptors(e,t){const i=e&&e.config,s=V(i.options&&i.options.plugins,{}),o=zl(i);return s===!1&&!t?[]:Vl(e,o,s,t)}_notifyStateChanges(e){const t=this._oldCache||[],i=this._cache,s=(o,r)=>o.filter(a=>!r.some(d=>a.plugin.id===d.plugin.id));this._notify(s(t,i),e,"stop"),this._notify(s(i,t),e,"start")}}function zl(n){const e={},t=[],i=Object.keys(ye.plugins.items);for(let o=0;o<i.length;o++)t.push(ye.getPlugin(i[o]));const s=n.plugins||[];for(let o=0;o<s.length;o++){const r=s[o];t.indexOf(r)===-1&&(t.push(r),e[r.id]=!0)}return{plugins:t,localIds:e}}function Hl(n,e){return!e&&n===!1?null:n===!0?{}:n}function Vl(n,{plugins:e,localIds:t},i,s){const o=[],r=n.getContext();for(const a of e){const d=a.id,l=Hl(i[d],s);l!==null&&o.push({plugin:a,options:Wl(n.config,{plugin:a,local:t[d]},l,r)})}return o}function Wl(n,{plugin:e,local:t},i,s){const o=n.pluginScopeKeys(e),r=n.getOptionScopes(i,o);return t&&e.defaults&&r.push(e.defaults),n.createResolver(r,s,[""],{scriptable:!1,indexable:!1,allKeys:!0})}function Dn(n,e){const t=J.datasets[n]||{};return((e.datasets||{})[n]||{}).indexAxis||e.indexAxis||t.indexAxis||"x"}function Gl(n,e){let t=n;return n==="_index_"?t=e:n==="_value_"&&(t=e==="x"?"y":"x"),t}function Yl(n,e){return n===e?"_index_":"_value_"}function Mi(n){if(n==="x"||n==="y"||n==="r")return n}function Kl(n){if(n==="top"||n==="bottom")return"x";if(n==="left"||n==="right")return"y"}function _n(n,...e){if(Mi(n))return n;for(const t of e){const i=t.axis||Kl(t.position)||n.length>1&&Mi(n[0].toLowerCase());if(i)return i}throw new Error(`Cannot determine type of '${n}' axis. Please provide 'axis' or 'position' option.`)}function Oi(n,e,t){if(t[e+"AxisID"]===n)return{axis:e}}function Xl(n,e){if(e.data&&e.data.datasets){const t=e.data.datasets.filter(i=>i.xAxisID===n||i.yAxisID===n);if(t.length)return Oi(n,"x",t[0])||Oi(n,"y",t[0])}return{}}function Ql(n,e){const t=Ye[n.type]||{scales:{}},i=e.scales||{},s=Dn(n.type,e),o=Object.create(null);return Object.keys(i).forEach(r=>{const a=i[r];if(!H(a))return console.error(`Invalid scale configuration for scale: ${r}`);if(a._proxy)return console.warn(`Ignoring resolver passed as options for scale: ${r}`);const d=_n(r,a,Xl(r,n),J.scales[a.type]),l=Yl(d,s),h=t.scales||{};o[r]=ft(Object.create(null),[{axis:d},a,h[d],h[l]])}),n.data.datasets.forEach(r=>{const a=r.type||n.type,d=r.indexAxis||Dn(a,e),h=(Ye[a]||{}).scales||{};Object.keys(h).forEach(u=>{const p=Gl(u,d),f=r[p+"AxisID"]||p;o[f]=o[f]||Object.create(null),ft(o[f],[{axis:p},i[f],h[u]])})}),Object.keys(o).forEach(r=>{const a=o[r];ft(a,[J.scales[a.type],J.scale])}),o}function xo(n){const e=n.options||(n.options={});e.plugins=V(e.plugins,{}),e.scales=Ql(n,e)}function yo(n){return n=n||{},n.datasets=n.datasets||[],n.labels=n.labels||[],n}function Zl(n){return n=n||{},n.data=yo(n.data),xo(n),n}const Ni=new Map,ko=new Set;function Et(n,e){let t=Ni.get(n);return t||(t=e(),Ni.set(n,t),ko.add(t)),t}const lt=(n,e,t)=>{const i=tt(e,t);i!==void 0&&n.add(i)};class Jl{constructor(e){this._config=Zl(e),this._scopeCache=new Map,this._resolverCache=new Map}get platform(){return this._config.platform}get type(){return this._config.type}set type(e){this._config.type=e}get data(){return this._config.data}set data(e){this._config.data=yo(e)}get options(){return this._config.options}set options(e){this._config.options=e}get plugins(){return this._config.plugins}update(){const e=this._config;this.clearCache(),xo(e)}clearCache(){this._scopeCache.clear(),this._resolverCache.clear()}datasetScopeKeys(e){return Et(e,()=>[[`datasets.${e}`,""]])}datasetAnimationScopeKeys(e,t){return Et(`${e}.transition.${t}`,()=>[[`datasets.${e}.transitions.${t}`,`transitions.${t}`],[`datasets.${e}`,""]])}datasetElementScopeKeys(e,t){return Et(`${e}-${t}`,()=>[[`datasets.${e}.elements.${t}`,`datasets.${e}`,`elements.${t}`,""]])}pluginScopeKeys(e){const t=e.id,i=this.type;return Et(`${i}-plugin-${t}`,()=>[[`plugins.${t}`,...e.additionalOptionScopes||[]]])}_cachedScopes(e,t){const i=this._scopeCache;let s=i.get(e);return(!s||t)&&(s=new Map,i.set(e,s)),s}getOptionScopes(e,t,i){const{options:s,type:o}=this,r=this._cachedScopes(e,i),a=r.get(t);if(a)return a;const d=new Set;t.forEach(h=>{e&&(d.add(e),h.forEach(u=>lt(d,e,u))),h.forEach(u=>lt(d,s,u)),h.forEach(u=>lt(d,Ye[o]||{},u)),h.forEach(u=>lt(d,J,u)),h.forEach(u=>lt(d,$n,u))});const l=Array.from(d);return l.length===0&&l.push(Object.create(null)),ko.has(t)&&r.set(t,l),l}chartOptionScopes(){const{options:e,type:t}=this;return[e,Ye[t]||{},J.datasets[t]||{},{type:t},J,$n]}resolveNamedOptions(e,t,i,s=[""]){const o={$shared:!0},{resolver:r,subPrefixes:a}=Fi(this._resolverCache,e,s);let d=r;if(tu(r,t)){o.$shared=!1,i=Ee(i)?i():i;const l=this.createResolver(e,i,a);d=nt(r,i,l)}for(const l of t)o[l]=d[l];return o}createResolver(e,t,i=[""],s){const{resolver:o}=Fi(this._resolverCache,e,i);return H(t)?nt(o,t,void 0,s):o}}function Fi(n,e,t){let i=n.get(e);i||(i=new Map,n.set(e,i));const s=t.join();let o=i.get(s);return o||(o={resolver:zn(e,t),subPrefixes:t.filter(a=>!a.toLowerCase().includes("hover"))},i.set(s,o)),o}const eu=n=>H(n)&&Object.getOwnPropertyNames(n).some(e=>Ee(n[e]));function tu(n,e){const{isScriptable:t,isIndexable:i}=io(n);for(const s of e){const o=t(s),r=i(s),a=(r||o)&&n[s];if(o&&(Ee(a)||eu(a))||r&&ee(a))return!0}return!1}var nu="4.6.1";const iu=["top","bottom","left","right","chartArea"];function Li(n,e){return n==="top"||n==="bottom"||iu.indexOf(n)===-1&&e==="x"}function qi(n,e){return function(t,i){return t[n]===i[n]?t[e]-i[e]:t[n]-i[n]}}function Bi(n){const e=n.chart,t=e.options.animation;e.notifyPlugins("afterRender"),X(t&&t.onComplete,[n],e)}function su(n){const e=n.chart,t=e.options.animation;X(t&&t.onProgress,[n],e)}function Io(n){return Wn()&&typeof n=="string"?n=document.getElementById(n):n&&n.length&&(n=n[0]),n&&n.canvas&&(n=n.canvas),n}const qt={},zi=n=>{const e=Io(n);return Object.values(qt).filter(t=>t.canvas===e).pop()};function ou(n,e,t){const i=Object.keys(n);for(const s of i){const o=+s;if(o>=e){const r=n[s];delete n[s],(t>0||o>e)&&(n[o+t]=r)}}}function ru(n,e,t,i){return!t||n.type==="mouseout"?null:i?e:n}class De{static register(...e){ye.add(...e),Hi()}static unregister(...e){ye.remove(...e),Hi()}constructor(e,t){const i=this.config=new Jl(t),s=Io(e),o=zi(s);if(o)throw new Error("Canvas is already in use. Chart with ID '"+o.id+"' must be destroyed before the canvas with ID '"+o.canvas.id+"' can be reused.");const r=i.createResolver(i.chartOptionScopes(),this.getContext());this.platform=new(i.platform||$l(s)),this.platform.updateConfig(i);const a=this.platform.acquireContext(s,r.aspectRatio),d=a&&a.canvas,l=d&&d.height,h=d&&d.width;if(this.id=vc(),this.ctx=a,this.canvas=d,this.width=h,this.height=l,this._options=r,this._aspectRatio=this.aspectRatio,this._layers=[],this._metasets=[],this._stacks=void 0,this.boxes=[],this.currentDevicePixelRatio=void 0,this.chartArea=void 0,this._active=[],this._lastEvent=void 0,this._listeners={},this._responsiveListeners=void 0,this._sortedMetasets=[],this.scales={},this._plugins=new Bl,this.$proxies={},this._hiddenIndices={},this.attached=!1,this._animationsDisabled=void 0,this.$context=void 0,this._doResize=Bc(u=>this.update(u),r.resizeDelay||0),this._dataChanges=[],qt[this.id]=this,!a||!d){console.error("Failed to create chart: can't acquire context from the given item");return}ve.listen(this,"complete",Bi),ve.listen(this,"progress",su),this._initialize(),this.attached&&this.update()}get aspectRatio(){const{options:{aspectRatio:e,maintainAspectRatio:t},width:i,height:s,_aspectRatio:o}=this;return K(e)?t&&o?o:s?i/s:null:e}get data(){return this.config.data}set data(e){this.config.data=e}get options(){return this._options}set options(e){this.config.options=e}get registry(){return ye}_initialize(){return this.notifyPlugins("beforeInit"),this.options.responsive?this.resize():mi(this,this.options.devicePixelRatio),this.bindEvents(),this.notifyPlugins("afterInit"),this}clear(){return ui(this.canvas,this.ctx),this}stop(){return ve.stop(this),this}resize(e,t){ve.running(this)?this._resizeBeforeDraw={width:e,height:t}:this._resize(e,t)}_resize(e,t){const i=this.options,s=this.canvas,o=i.maintainAspectRatio&&this.aspectRatio,r=this.platform.getMaximumSize(s,e,t,o),a=i.devicePixelRatio||this.platform.getDevicePixelRatio(),d=this.width?"resize":"attach";this.width=r.width,this.height=r.height,this._aspectRatio=this.aspectRatio,mi(this,a,!0)&&(this.notifyPlugins("resize",{size:r}),X(i.onResize,[this,r],this),this.attached&&this._doResize(d)&&this.render())}ensureScalesHaveIDs(){const t=this.options.scales||{};Y(t,(i,s)=>{i.id=s})}buildOrUpdateScales(){const e=this.options,t=e.scales,i=this.scales,s=Object.keys(i).reduce((r,a)=>(r[a]=!1,r),{});let o=[];t&&(o=o.concat(Object.keys(t).map(r=>{const a=t[r],d=_n(r,a),l=d==="r",h=d==="x";return{options:a,dposition:l?"chartArea":h?"bottom":"left",dtype:l?"radialLinear":h?"category":"linear"}}))),Y(o,r=>{const a=r.options,d=a.id,l=_n(d,a),h=V(a.type,r.dtype);(a.position===void 0||Li(a.position,l)!==Li(r.dposition))&&(a.position=r.dposition),s[d]=!0;let u=null;if(d in i&&i[d].type===h)u=i[d];else{const p=ye.getScale(h);u=new p({id:d,type:h,ctx:this.ctx,chart:this}),i[u.id]=u}u.init(a,e)}),Y(s,(r,a)=>{r||delete i[a]}),Y(i,r=>{Ae.configure(this,r,r.options),Ae.addBox(this,r)})}_updateMetasets(){const e=this._metasets,t=this.data.datasets.length,i=e.length;if(e.sort((s,o)=>s.index-o.index),i>t){for(let s=t;s<i;++s)this._destroyDatasetMeta(s);e.splice(t,i-t)}this._sortedMetasets=e.slice(0).sort(qi("order","index"))}_removeUnreferencedMetasets(){const{_metasets:e,data:{datasets:t}}=this;e.length>t.length&&delete this._stacks,e.forEach((i,s)=>{t.filter(o=>o===i._dataset).length===0&&this._destroyDatasetMeta(s)})}buildOrUpdateControllers(){const e=[],t=this.data.datasets;let i,s;for(this._removeUnreferencedMetasets(),i=0,s=t.length;i<s;i++){const o=t[i];let r=this.getDatasetMeta(i);const a=o.type||this.config.type;if(r.type&&r.type!==a&&(this._destroyDatasetMeta(i),r=this.getDatasetMeta(i)),r.type=a,r.indexAxis=o.indexAxis||Dn(a,this.options),r.order=o.order||0,r.index=i,r.label=""+o.label,r.visible=this.isDatasetVisible(i),r.controller)r.controller.updateIndex(i),r.controller.linkScales();else{const d=ye.getController(a),{datasetElementType:l,dataElementType:h}=J.datasets[a];Object.assign(d,{dataElementType:ye.getElement(h),datasetElementType:l&&ye.getElement(l)}),r.controller=new d(this,i),e.push(r.controller)}}return this._updateMetasets(),e}_resetElements(){Y(this.data.datasets,(e,t)=>{this.getDatasetMeta(t).controller.reset()},this)}reset(){this._resetElements(),this.notifyPlugins("reset")}update(e){const t=this.config;t.update();const i=this._options=t.createResolver(t.chartOptionScopes(),this.getContext()),s=this._animationsDisabled=!i.animation;if(this._updateScales(),this._checkEventBindings(),this._updateHiddenIndices(),this._plugins.invalidate(),this.notifyPlugins("beforeUpdate",{mode:e,cancelable:!0})===!1)return;const o=this.buildOrUpdateControllers();this.notifyPlugins("beforeElementsUpdate");let r=0;for(let l=0,h=this.data.datasets.length;l<h;l++){const{controller:u}=this.getDatasetMeta(l),p=!s&&o.indexOf(u)===-1;u.buildOrUpdateElements(p),r=Math.max(+u.getMaxOverflow(),r)}r=this._minPadding=i.layout.autoPadding?r:0,this._updateLayout(r),s||Y(o,l=>{l.reset()}),this._updateDatasets(e),this.notifyPlugins("afterUpdate",{mode:e}),this._layers.sort(qi("z","_idx"));const{_active:a,_lastEvent:d}=this;d?this._eventHandler(d,!0):a.length&&this._updateHoverStyles(a,a,!0),this.render()}_updateScales(){Y(this.scales,e=>{Ae.removeBox(this,e)}),this.ensureScalesHaveIDs(),this.buildOrUpdateScales()}_checkEventBindings(){const e=this.options,t=new Set(Object.keys(this._listeners)),i=new Set(e.events);(!ti(t,i)||!!this._responsiveListeners!==e.responsive)&&(this.unbindEvents(),this.bindEvents())}_updateHiddenIndices(){const{_hiddenIndices:e}=this,t=this._getUniformDataChanges()||[];for(const{method:i,start:s,count:o}of t){const r=i==="_removeElements"?-o:o;ou(e,s,r)}}_getUniformDataChanges(){const e=this._dataChanges;if(!e||!e.length)return;this._dataChanges=[];const t=this.data.datasets.length,i=o=>new Set(e.filter(r=>r[0]===o).map((r,a)=>a+","+r.splice(1).join(","))),s=i(0);for(let o=1;o<t;o++)if(!ti(s,i(o)))return;return Array.from(s).map(o=>o.split(",")).map(o=>({method:o[1],start:+o[2],count:+o[3]}))}_updateLayout(e){if(this.notifyPlugins("beforeLayout",{cancelable:!0})===!1)return;Ae.update(this,this.width,this.height,e);const t=this.chartArea,i=t.width<=0||t.height<=0;this._layers=[],Y(this.boxes,s=>{i&&s.position==="chartArea"||(s.configure&&s.configure(),this._layers.push(...s._layers()))},this),this._layers.forEach((s,o)=>{s._idx=o}),this.notifyPlugins("afterLayout")}_updateDatasets(e){if(this.notifyPlugins("beforeDatasetsUpdate",{mode:e,cancelable:!0})!==!1){for(let t=0,i=this.data.datasets.length;t<i;++t)this.getDatasetMeta(t).controller.configure();for(let t=0,i=this.data.datasets.length;t<i;++t)this._updateDataset(t,Ee(e)?e({datasetIndex:t}):e);this.notifyPlugins("afterDatasetsUpdate",{mode:e})}}_updateDataset(e,t){const i=this.getDatasetMeta(e),s={meta:i,index:e,mode:t,cancelable:!0};this.notifyPlugins("beforeDatasetUpdate",s)!==!1&&(i.controller._update(t),s.cancelable=!1,this.notifyPlugins("afterDatasetUpdate",s))}render(){this.notifyPlugins("beforeRender",{cancelable:!0})!==!1&&(ve.has(this)?this.attached&&!ve.running(this)&&ve.start(this):(this.draw(),Bi({chart:this})))}draw(){let e;if(this._resizeBeforeDraw){const{width:i,height:s}=this._resizeBeforeDraw;this._resizeBeforeDraw=null,this._resize(i,s)}if(this.clear(),this.width<=0||this.height<=0||this.notifyPlugins("beforeDraw",{cancelable:!0})===!1)return;const t=this._layers;for(e=0;e<t.length&&t[e].z<=0;++e)t[e].draw(this.chartArea);for(this._drawDatasets();e<t.length;++e)t[e].draw(this.chartArea);this.notifyPlugins("afterDraw")}_getSortedDatasetMetas(e){const t=this._sortedMetasets,i=[];let s,o;for(s=0,o=t.length;s<o;++s){const r=t[s];(!e||r.visible)&&i.push(r)}return i}getSortedVisibleDatasetMetas(){return this._getSortedDatasetMetas(!0)}_drawDatasets(){if(this.notifyPlugins("beforeDatasetsDraw",{cancelable:!0})===!1)return;const e=this.getSortedVisibleDatasetMetas();for(let t=e.length-1;t>=0;--t)this._drawDataset(e[t]);this.notifyPlugins("afterDatasetsDraw")}_drawDataset(e){const t=this.ctx,i={meta:e,index:e.index,cancelable:!0},s=Rd(this,e);this.notifyPlugins("beforeDatasetDraw",i)!==!1&&(s&&qn(t,s),e.controller.draw(),s&&Bn(t),i.cancelable=!1,this.notifyPlugins("afterDatasetDraw",i))}isPointInArea(e){return eo(e,this.chartArea,this._minPadding)}getElementsAtEventForMode(e,t,i,s){const o=il.modes[t];return typeof o=="function"?o(this,e,i,s):[]}getDatasetMeta(e){const t=this.data.datasets[e],i=this._metasets;let s=i.filter(o=>o&&o._dataset===t).pop();return s||(s={type:null,data:[],dataset:null,controller:null,hidden:null,xAxisID:null,yAxisID:null,order:t&&t.order||0,index:e,_dataset:t,_parsed:[],_sorted:!1},i.push(s)),s}getContext(){return this.$context||(this.$context=it(null,{chart:this,type:"chart"}))}getVisibleDatasetCount(){return this.getSortedVisibleDatasetMetas().length}isDatasetVisible(e){const t=this.data.datasets[e];if(!t)return!1;const i=this.getDatasetMeta(e);return typeof i.hidden=="boolean"?!i.hidden:!t.hidden}setDatasetVisibility(e,t){const i=this.getDatasetMeta(e);i.hidden=!t}toggleDataVisibility(e){this._hiddenIndices[e]=!this._hiddenIndices[e]}getDataVisibility(e){return!this._hiddenIndices[e]}_updateVisibility(e,t,i){const s=i?"show":"hide",o=this.getDatasetMeta(e),r=o.controller._resolveAnimations(void 0,s);It(t)?(o.data[t].hidden=!i,this.update()):(this.setDatasetVisibility(e,i),r.update(o,{visible:i}),this.update(a=>a.datasetIndex===e?s:void 0))}hide(e,t){this._updateVisibility(e,t,!1)}show(e,t){this._updateVisibility(e,t,!0)}_destroyDatasetMeta(e){const t=this._metasets[e];t&&t.controller&&t.controller._destroy(),delete this._metasets[e]}_stop(){let e,t;for(this.stop(),ve.remove(this),e=0,t=this.data.datasets.length;e<t;++e)this._destroyDatasetMeta(e)}destroy(){this.notifyPlugins("beforeDestroy");const{canvas:e,ctx:t}=this;this._stop(),this.config.clearCache(),e&&(this.unbindEvents(),ui(e,t),this.platform.releaseContext(t),this.canvas=null,this.ctx=null),delete qt[this.id],this.notifyPlugins("afterDestroy")}toBase64Image(...e){return this.canvas.toDataURL(...e)}bindEvents(){this.bindUserEvents(),this.options.responsive?this.bindResponsiveEvents():this.attached=!0}bindUserEvents(){const e=this._listeners,t=this.platform,i=(o,r)=>{t.addEventListener(this,o,r),e[o]=r},s=(o,r,a)=>{o.offsetX=r,o.offsetY=a,this._eventHandler(o)};Y(this.options.events,o=>i(o,s))}bindResponsiveEvents(){this._responsiveListeners||(this._responsiveListeners={});const e=this._responsiveListeners,t=this.platform,i=(d,l)=>{t.addEventListener(this,d,l),e[d]=l},s=(d,l)=>{e[d]&&(t.removeEventListener(this,d,l),delete e[d])},o=(d,l)=>{this.canvas&&this.resize(d,l)};let r;const a=()=>{s("attach",a),this.attached=!0,this.resize(),i("resize",o),i("detach",r)};r=()=>{this.attached=!1,s("resize",o),this._stop(),this._resize(0,0),i("attach",a)},t.isAttached(this.canvas)?a():r()}unbindEvents(){Y(this._listeners,(e,t)=>{this.platform.removeEventListener(this,t,e)}),this._listeners={},Y(this._responsiveListeners,(e,t)=>{this.platform.removeEventListener(this,t,e)}),this._responsiveListeners=void 0}updateHoverStyle(e,t,i){const s=i?"set":"remove";let o,r,a,d;for(t==="dataset"&&(o=this.getDatasetMeta(e[0].datasetIndex),o.controller["_"+s+"DatasetHoverStyle"]()),a=0,d=e.length;a<d;++a){r=e[a];const l=r&&this.getDatasetMeta(r.datasetIndex).controller;l&&l[s+"HoverStyle"](r.element,r.datasetIndex,r.index)}}getActiveElements(){return this._active||[]}setActiveElements(e){const t=this._active||[],i=e.map(({datasetIndex:o,index:r})=>{const a=this.getDatasetMeta(o);if(!a)throw new Error("No dataset found at index "+o);return{datasetIndex:o,element:a.data[r],index:r}});!Ht(i,t)&&(this._active=i,this._lastEvent=null,this._updateHoverStyles(i,t))}notifyPlugins(e,t,i){return this._plugins.notify(this,e,t,i)}isPluginEnabled(e){return this._plugins._cache.filter(t=>t.plugin.id===e).length===1}_updateHoverStyles(e,t,i){const s=this.options.hover,o=(d,l)=>d.filter(h=>!l.some(u=>h.datasetIndex===u.datasetIndex&&h.index===u.index)),r=o(t,e),a=i?e:o(e,t);r.length&&this.updateHoverStyle(r,s.mode,!1),a.length&&s.mode&&this.updateHoverStyle(a,s.mode,!0)}_eventHandler(e,t){const i={event:e,replay:t,cancelable:!0,inChartArea:this.isPointInArea(e)},s=r=>(r.options.events||this.options.events).includes(e.native.type);if(this.notifyPlugins("beforeEvent",i,s)===!1)return;const o=this._handleEvent(e,t,i.inChartArea);return i.cancelable=!1,this.notifyPlugins("afterEvent",i,s),(o||i.changed)&&this.render(),this}_handleEvent(e,t,i){const{_active:s=[],options:o}=this,r=t,a=this._getActiveElements(e,s,i,r),d=wc(e),l=ru(e,this._lastEvent,i,d);i&&(this._lastEvent=null,X(o.onHover,[e,a,this],this),d&&X(o.onClick,[e,a,this],this));const h=!Ht(a,s);return(h||t)&&(this._active=a,this._updateHoverStyles(a,s,t)),this._lastEvent=l,h}_getActiveElements(e,t,i,s){if(e.type==="mouseout")return[];if(!i)return t;const o=this.options.hover;return this.getElementsAtEventForMode(e,o.mode,o,s)}}B(De,"defaults",J),B(De,"instances",qt),B(De,"overrides",Ye),B(De,"registry",ye),B(De,"version",nu),B(De,"getChart",zi);function Hi(){return Y(De.instances,n=>n._plugins.invalidate())}function vo(n,e){const{x:t,y:i,base:s,width:o,height:r}=n.getProps(["x","y","base","width","height"],e);let a,d,l,h,u;return n.horizontal?(u=r/2,a=Math.min(t,s),d=Math.max(t,s),l=i-u,h=i+u):(u=o/2,a=t-u,d=t+u,l=Math.min(i,s),h=Math.max(i,s)),{left:a,top:l,right:d,bottom:h}}function Ce(n,e,t,i){return n?0:pe(e,t,i)}function au(n,e,t){const i=n.options.borderWidth,s=n.borderSkipped,o=no(i);return{t:Ce(s.top,o.top,0,t),r:Ce(s.right,o.right,0,e),b:Ce(s.bottom,o.bottom,0,t),l:Ce(s.left,o.left,0,e)}}function cu(n,e,t){const{enableBorderRadius:i}=n.getProps(["enableBorderRadius"]),s=n.options.borderRadius,o=Je(s),r=Math.min(e,t),a=n.borderSkipped,d=i||H(s);return{topLeft:Ce(!d||a.top||a.left,o.topLeft,0,r),topRight:Ce(!d||a.top||a.right,o.topRight,0,r),bottomLeft:Ce(!d||a.bottom||a.left,o.bottomLeft,0,r),bottomRight:Ce(!d||a.bottom||a.right,o.bottomRight,0,r)}}function du(n){const e=vo(n),t=e.right-e.left,i=e.bottom-e.top,s=au(n,t/2,i/2),o=cu(n,t/2,i/2);return{outer:{x:e.left,y:e.top,w:t,h:i,radius:o},inner:{x:e.left+s.l,y:e.top+s.t,w:t-s.l-s.r,h:i-s.t-s.b,radius:{topLeft:Math.max(0,o.topLeft-Math.max(s.t,s.l)),topRight:Math.max(0,o.topRight-Math.max(s.t,s.r)),bottomLeft:Math.max(0,o.bottomLeft-Math.max(s.b,s.l)),bottomRight:Math.max(0,o.bottomRight-Math.max(s.b,s.r))}}}}function mn(n,e,t,i){const s=e===null,o=t===null,a=n&&!(s&&o)&&vo(n,i);return a&&(s||Ze(e,a.left,a.right))&&(o||Ze(t,a.top,a.bottom))}function lu(n){return n.topLeft||n.topRight||n.bottomLeft||n.bottomRight}function uu(n,e){n.rect(e.x,e.y,e.w,e.h)}function gn(n,e,t={}){const i=n.x!==t.x?-e:0,s=n.y!==t.y?-e:0,o=(n.x+n.w!==t.x+t.w?e:0)-i,r=(n.y+n.h!==t.y+t.h?e:0)-s;return{x:n.x+i,y:n.y+s,w:n.w+o,h:n.h+r,radius:n.radius}}class Bt extends Ke{constructor(e){super(),this.options=void 0,this.horizontal=void 0,this.base=void 0,this.width=void 0,this.height=void 0,this.inflateAmount=void 0,e&&Object.assign(this,e)}draw(e){const{inflateAmount:t,options:{borderColor:i,backgroundColor:s}}=this,{inner:o,outer:r}=du(this),a=lu(r.radius)?Kt:uu;e.save(),(r.w!==o.w||r.h!==o.h)&&(e.beginPath(),a(e,gn(r,t,o)),e.clip(),a(e,gn(o,-t,r)),e.fillStyle=i,e.fill("evenodd")),e.beginPath(),a(e,gn(o,t)),e.fillStyle=s,e.fill(),e.restore()}inRange(e,t,i){return mn(this,e,t,i)}inXRange(e,t){return mn(this,e,null,t)}inYRange(e,t){return mn(this,null,e,t)}getCenterPoint(e){const{x:t,y:i,base:s,horizontal:o}=this.getProps(["x","y","base","horizontal"],e);return{x:o?(t+s)/2:t,y:o?i:(i+s)/2}}getRange(e){return e==="x"?this.width/2:this.height/2}}B(Bt,"id","bar"),B(Bt,"defaults",{borderSkipped:"start",borderWidth:0,borderRadius:0,inflateAmount:"auto",pointStyle:void 0}),B(Bt,"defaultRoutes",{backgroundColor:"backgroundColor",borderColor:"borderColor"});const Vi=(n,e)=>{let{boxHeight:t=e,boxWidth:i=e}=n;return n.usePointStyle&&(t=Math.min(t,e),i=n.pointStyleWidth||Math.min(i,e)),{boxWidth:i,boxHeight:t,itemHeight:Math.max(e,t)}},hu=(n,e)=>n!==null&&e!==null&&n.datasetIndex===e.datasetIndex&&n.index===e.index;class Wi extends Ke{constructor(e){super(),this._added=!1,this.legendHitBoxes=[],this._hoveredItem=null,this.doughnutMode=!1,this.chart=e.chart,this.options=e.options,this.ctx=e.ctx,this.legendItems=void 0,this.columnSizes=void 0,this.lineWidths=void 0,this.maxHeight=void 0,this.maxWidth=void 0,this.top=void 0,this.bottom=void 0,this.left=void 0,this.right=void 0,this.height=void 0,this.width=void 0,this._margins=void 0,this.position=void 0,this.weight=void 0,this.fullSize=void 0}update(e,t,i){this.maxWidth=e,this.maxHeight=t,this._margins=i,this.setDimensions(),this.buildLabels(),this.fit()}setDimensions(){this.isHorizontal()?(this.width=this.maxWidth,this.left=this._margins.left,this.right=this.width):(this.height=this.maxHeight,this.top=this._margins.top,this.bottom=this.height)}buildLabels(){const e=this.options.labels||{};let t=X(e.generateLabels,[this.chart],this)||[];e.filter&&(t=t.filter(i=>e.filter(i,this.chart.data))),e.sort&&(t=t.sort((i,s)=>e.sort(i,s,this.chart.data))),this.options.reverse&&t.reverse(),this.legendItems=t}fit(){const{options:e,ctx:t}=this;if(!e.display){this.width=this.height=0;return}const i=e.labels,s=re(i.font),o=s.size,r=this._computeTitleHeight(),{boxWidth:a,itemHeight:d}=Vi(i,o);let l,h;t.font=s.string,this.isHorizontal()?(l=this.maxWidth,h=this._fitRows(r,o,a,d)+10):(h=this.maxHeight,l=this._fitCols(r,s,a,d)+10),this.width=Math.min(l,e.maxWidth||this.maxWidth),this.height=Math.min(h,e.maxHeight||this.maxHeight)}_fitRows(e,t,i,s){const{ctx:o,maxWidth:r,options:{labels:{padding:a}}}=this,d=this.legendHitBoxes=[],l=this.lineWidths=[0],h=s+a;let u=e;o.textAlign="left",o.textBaseline="middle";let p=-1,f=-h;return this.legendItems.forEach((b,x)=>{const g=i+t/2+o.measureText(b.text).width;(x===0||l[l.length-1]+g+2*a>r)&&(u+=h,l[l.length-(x>0?0:1)]=0,f+=h,p++),d[x]={left:0,top:f,row:p,width:g,height:s},l[l.length-1]+=g+a}),u}_fitCols(e,t,i,s){const{ctx:o,maxHeight:r,options:{labels:{padding:a}}}=this,d=this.legendHitBoxes=[],l=this.columnSizes=[],h=r-e;let u=a,p=0,f=0,b=0,x=0;return this.legendItems.forEach((g,S)=>{const{itemWidth:$,itemHeight:m}=pu(i,t,o,g,s);S>0&&f+m+2*a>h&&(u+=p+a,l.push({width:p,height:f}),b+=p+a,x++,p=f=0),d[S]={left:b,top:f,col:x,width:$,height:m},p=Math.max(p,$),f+=m+a}),u+=p,l.push({width:p,height:f}),u}adjustHitBoxes(){if(!this.options.display)return;const e=this._computeTitleHeight(),{legendHitBoxes:t,options:{align:i,labels:{padding:s},rtl:o}}=this,r=et(o,this.left,this.width);if(this.isHorizontal()){let a=0,d=ce(i,this.left+s,this.right-this.lineWidths[a]);for(const l of t)a!==l.row&&(a=l.row,d=ce(i,this.left+s,this.right-this.lineWidths[a])),l.top+=this.top+e+s,l.left=r.leftForLtr(r.x(d),l.width),d+=l.width+s}else{let a=0,d=ce(i,this.top+e+s,this.bottom-this.columnSizes[a].height);for(const l of t)l.col!==a&&(a=l.col,d=ce(i,this.top+e+s,this.bottom-this.columnSizes[a].height)),l.top=d,l.left+=this.left+s,l.left=r.leftForLtr(r.x(l.left),l.width),d+=l.height+s}}isHorizontal(){return this.options.position==="top"||this.options.position==="bottom"}draw(){if(this.options.display){const e=this.ctx;qn(e,this),this._draw(),Bn(e)}}_draw(){const{options:e,columnSizes:t,lineWidths:i,ctx:s}=this,{align:o,labels:r}=e,a=J.color,d=et(e.rtl,this.left,this.width),l=re(r.font),{padding:h}=r,u=l.size,p=u/2;let f;this.drawTitle(),s.textAlign=d.textAlign("left"),s.textBaseline="middle",s.lineWidth=.5,s.font=l.string;const{boxWidth:b,boxHeight:x,itemHeight:g}=Vi(r,u),S=function(v,_,I){if(isNaN(b)||b<=0||isNaN(x)||x<0)return;s.save();const A=V(I.lineWidth,1);if(s.fillStyle=V(I.fillStyle,a),s.lineCap=V(I.lineCap,"butt"),s.lineDashOffset=V(I.lineDashOffset,0),s.lineJoin=V(I.lineJoin,"miter"),s.lineWidth=A,s.strokeStyle=V(I.strokeStyle,a),s.setLineDash(V(I.lineDash,[])),r.usePointStyle){const N={radius:x*Math.SQRT2/2,pointStyle:I.pointStyle,rotation:I.rotation,borderWidth:A},M=d.xPlus(v,b/2),O=_+p;Js(s,N,M,O,r.pointStyleWidth&&b)}else{const N=_+Math.max((u-x)/2,0),M=d.leftForLtr(v,b),O=Je(I.borderRadius);s.beginPath(),Object.values(O).some(P=>P!==0)?Kt(s,{x:M,y:N,w:b,h:x,radius:O}):s.rect(M,N,b,x),s.fill(),A!==0&&s.stroke()}s.restore()},$=function(v,_,I){Yt(s,I.text,v,_+g/2,l,{strikethrough:I.hidden,textAlign:d.textAlign(I.textAlign)})},m=this.isHorizontal(),y=this._computeTitleHeight();m?f={x:ce(o,this.left+h,this.right-i[0]),y:this.top+h+y,line:0}:f={x:this.left+h,y:ce(o,this.top+y+h,this.bottom-t[0].height),line:0},ao(this.ctx,e.textDirection);const k=g+h;this.legendItems.forEach((v,_)=>{s.strokeStyle=v.fontColor,s.fillStyle=v.fontColor;const I=s.measureText(v.text).width,A=d.textAlign(v.textAlign||(v.textAlign=r.textAlign)),N=b+p+I;let M=f.x,O=f.y;d.setWidth(this.width),m?_>0&&M+N+h>this.right&&(O=f.y+=k,f.line++,M=f.x=ce(o,this.left+h,this.right-i[f.line])):_>0&&O+k>this.bottom&&(M=f.x=M+t[f.line].width+h,f.line++,O=f.y=ce(o,this.top+y+h,this.bottom-t[f.line].height));const P=d.x(M);if(S(P,O,v),M=zc(A,M+b+p,m?M+N:this.right,e.rtl),$(d.x(M),O,v),m)f.x+=N+h;else if(typeof v.text!="string"){const E=l.lineHeight;f.y+=So(v,E)+h}else f.y+=k}),co(this.ctx,e.textDirection)}drawTitle(){const e=this.options,t=e.title,i=re(t.font),s=me(t.padding);if(!t.display)return;const o=et(e.rtl,this.left,this.width),r=this.ctx,a=t.position,d=i.size/2,l=s.top+d;let h,u=this.left,p=this.width;if(this.isHorizontal())p=Math.max(...this.lineWidths),h=this.top+l,u=ce(e.align,u,this.right-p);else{const b=this.columnSizes.reduce((x,g)=>Math.max(x,g.height),0);h=l+ce(e.align,this.top,this.bottom-b-e.labels.padding-this._computeTitleHeight())}const f=ce(a,u,u+p);r.textAlign=o.textAlign(Ks(a)),r.textBaseline="middle",r.strokeStyle=t.color,r.fillStyle=t.color,r.font=i.string,Yt(r,t.text,f,h,i)}_computeTitleHeight(){const e=this.options.title,t=re(e.font),i=me(e.padding);return e.display?t.lineHeight+i.height:0}_getLegendItemAt(e,t){let i,s,o;if(Ze(e,this.left,this.right)&&Ze(t,this.top,this.bottom)){for(o=this.legendHitBoxes,i=0;i<o.length;++i)if(s=o[i],Ze(e,s.left,s.left+s.width)&&Ze(t,s.top,s.top+s.height))return this.legendItems[i]}return null}handleEvent(e){const t=this.options;if(!gu(e.type,t))return;const i=this._getLegendItemAt(e.x,e.y);if(e.type==="mousemove"||e.type==="mouseout"){const s=this._hoveredItem,o=hu(s,i);s&&!o&&X(t.onLeave,[e,s,this],this),this._hoveredItem=i,i&&!o&&X(t.onHover,[e,i,this],this)}else i&&X(t.onClick,[e,i,this],this)}}function pu(n,e,t,i,s){const o=fu(i,n,e,t),r=mu(s,i,e.lineHeight);return{itemWidth:o,itemHeight:r}}function fu(n,e,t,i){let s=n.text;return s&&typeof s!="string"&&(s=s.reduce((o,r)=>o.length>r.length?o:r)),e+t.size/2+i.measureText(s).width}function mu(n,e,t){let i=n;return typeof e.text!="string"&&(i=So(e,t)),i}function So(n,e){const t=n.text?n.text.length:0;return e*t}function gu(n,e){return!!((n==="mousemove"||n==="mouseout")&&(e.onHover||e.onLeave)||e.onClick&&(n==="click"||n==="mouseup"))}var bu={id:"legend",_element:Wi,start(n,e,t){const i=n.legend=new Wi({ctx:n.ctx,options:t,chart:n});Ae.configure(n,i,t),Ae.addBox(n,i)},stop(n){Ae.removeBox(n,n.legend),delete n.legend},beforeUpdate(n,e,t){const i=n.legend;Ae.configure(n,i,t),i.options=t},afterUpdate(n){const e=n.legend;e.buildLabels(),e.adjustHitBoxes()},afterEvent(n,e){e.replay||n.legend.handleEvent(e.event)},defaults:{display:!0,position:"top",align:"center",fullSize:!0,reverse:!1,weight:1e3,onClick(n,e,t){const i=e.datasetIndex,s=t.chart;s.isDatasetVisible(i)?(s.hide(i),e.hidden=!0):(s.show(i),e.hidden=!1)},onHover:null,onLeave:null,labels:{color:n=>n.chart.options.color,boxWidth:40,padding:10,generateLabels(n){const e=n.data.datasets,{labels:{usePointStyle:t,pointStyle:i,textAlign:s,color:o,useBorderRadius:r,borderRadius:a}}=n.legend.options;return n._getSortedDatasetMetas().map(d=>{const l=d.controller.getStyle(t?0:void 0),h=me(l.borderWidth);return{text:e[d.index].label,fillStyle:l.backgroundColor,fontColor:o,hidden:!d.visible,lineCap:l.borderCapStyle,lineDash:l.borderDash,lineDashOffset:l.borderDashOffset,lineJoin:l.borderJoinStyle,lineWidth:(h.width+h.height)/4,strokeStyle:l.borderColor,pointStyle:i||l.pointStyle,rotation:l.rotation,textAlign:s||l.textAlign,borderRadius:r&&(a||l.borderRadius),datasetIndex:d.index}},this)}},title:{color:n=>n.chart.options.color,display:!1,position:"center",text:""}},descriptors:{_scriptable:n=>!n.startsWith("on"),labels:{_scriptable:n=>!["generateLabels","filter","sort"].includes(n)}}};const pt={average(n){if(!n.length)return!1;let e,t,i=new Set,s=0,o=0;for(e=0,t=n.length;e<t;++e){const a=n[e].element;if(a&&a.hasValue()){const d=a.tooltipPosition();i.add(d.x),s+=d.y,++o}}return o===0||i.size===0?!1:{x:[...i].reduce((a,d)=>a+d)/i.size,y:s/o}},nearest(n,e){if(!n.length)return!1;let t=e.x,i=e.y,s=Number.POSITIVE_INFINITY,o,r,a;for(o=0,r=n.length;o<r;++o){const d=n[o].element;if(d&&d.hasValue()){const l=d.getCenterPoint(),h=Mc(e,l);h<s&&(s=h,a=d)}}if(a){const d=a.tooltipPosition();t=d.x,i=d.y}return{x:t,y:i}}};function xe(n,e){return e&&(ee(e)?Array.prototype.push.apply(n,e):n.push(e)),n}function Se(n){return(typeof n=="string"||n instanceof String)&&n.indexOf(`
`)>-1?n.split(`
`):n}function xu(n,e){const{element:t,datasetIndex:i,index:s}=e,o=n.getDatasetMeta(i).controller,{label:r,value:a}=o.getLabelAndValue(s);return{chart:n,label:r,parsed:o.getParsed(s),raw:n.data.datasets[i].data[s],formattedValue:a,dataset:o.getDataset(),dataIndex:s,datasetIndex:i,element:t}}function Gi(n,e){const t=n.chart.ctx,{body:i,footer:s,title:o}=n,{boxWidth:r,boxHeight:a}=e,d=re(e.bodyFont),l=re(e.titleFont),h=re(e.footerFont),u=o.length,p=s.length,f=i.length,b=me(e.padding);let x=b.height,g=0,S=i.reduce((y,k)=>y+k.before.length+k.lines.length+k.after.length,0);if(S+=n.beforeBody.length+n.afterBody.length,u&&(x+=u*l.lineHeight+(u-1)*e.titleSpacing+e.titleMarginBottom),S){const y=e.displayColors?Math.max(a,d.lineHeight):d.lineHeight;x+=f*y+(S-f)*d.lineHeight+(S-1)*e.bodySpacing}p&&(x+=e.footerMarginTop+p*h.lineHeight+(p-1)*e.footerSpacing);let $=0;const m=function(y){g=Math.max(g,t.measureText(y).width+$)};return t.save(),t.font=l.string,Y(n.title,m),t.font=d.string,Y(n.beforeBody.concat(n.afterBody),m),$=e.displayColors?r+2+e.boxPadding:0,Y(i,y=>{Y(y.before,m),Y(y.lines,m),Y(y.after,m)}),$=0,t.font=h.string,Y(n.footer,m),t.restore(),g+=b.width,{width:g,height:x}}function yu(n,e){const{y:t,height:i}=e;return t<i/2?"top":t>n.height-i/2?"bottom":"center"}function ku(n,e,t,i){const{x:s,width:o}=i,r=t.caretSize+t.caretPadding;if(n==="left"&&s+o+r>e.width||n==="right"&&s-o-r<0)return!0}function Iu(n,e,t,i){const{x:s,width:o}=t,{width:r,chartArea:{left:a,right:d}}=n;let l="center";return i==="center"?l=s<=(a+d)/2?"left":"right":s<=o/2?l="left":s>=r-o/2&&(l="right"),ku(l,n,e,t)&&(l="center"),l}function Yi(n,e,t){const i=t.yAlign||e.yAlign||yu(n,t);return{xAlign:t.xAlign||e.xAlign||Iu(n,e,t,i),yAlign:i}}function vu(n,e){let{x:t,width:i}=n;return e==="right"?t-=i:e==="center"&&(t-=i/2),t}function Su(n,e,t){let{y:i,height:s}=n;return e==="top"?i+=t:e==="bottom"?i-=s+t:i-=s/2,i}function Ki(n,e,t,i){const{caretSize:s,caretPadding:o,cornerRadius:r}=n,{xAlign:a,yAlign:d}=t,l=s+o,{topLeft:h,topRight:u,bottomLeft:p,bottomRight:f}=Je(r);let b=vu(e,a);const x=Su(e,d,l);return d==="center"?a==="left"?b+=l:a==="right"&&(b-=l):a==="left"?b-=Math.max(h,p)+s:a==="right"&&(b+=Math.max(u,f)+s),{x:pe(b,0,i.width-e.width),y:pe(x,0,i.height-e.height)}}function Mt(n,e,t){const i=me(t.padding);return e==="center"?n.x+n.width/2:e==="right"?n.x+n.width-i.right:n.x+i.left}function Xi(n){return xe([],Se(n))}function $u(n,e,t){return it(n,{tooltip:e,tooltipItems:t,type:"tooltip"})}function Qi(n,e){const t=e&&e.dataset&&e.dataset.tooltip&&e.dataset.tooltip.callbacks;return t?n.override(t):n}const $o={beforeTitle:Ie,title(n){if(n.length>0){const e=n[0],t=e.chart.data.labels,i=t?t.length:0;if(this&&this.options&&this.options.mode==="dataset")return e.dataset.label||"";if(e.label)return e.label;if(i>0&&e.dataIndex<i)return t[e.dataIndex]}return""},afterTitle:Ie,beforeBody:Ie,beforeLabel:Ie,label(n){if(this&&this.options&&this.options.mode==="dataset")return n.label+": "+n.formattedValue||n.formattedValue;let e=n.dataset.label||"";e&&(e+=": ");const t=n.formattedValue;return K(t)||(e+=t),e},labelColor(n){const t=n.chart.getDatasetMeta(n.datasetIndex).controller.getStyle(n.dataIndex);return{borderColor:t.borderColor,backgroundColor:t.backgroundColor,borderWidth:t.borderWidth,borderDash:t.borderDash,borderDashOffset:t.borderDashOffset,borderRadius:0}},labelTextColor(){return this.options.bodyColor},labelPointStyle(n){const t=n.chart.getDatasetMeta(n.datasetIndex).controller.getStyle(n.dataIndex);return{pointStyle:t.pointStyle,rotation:t.rotation}},afterLabel:Ie,afterBody:Ie,beforeFooter:Ie,footer:Ie,afterFooter:Ie};function se(n,e,t,i){const s=n[e].call(t,i);return typeof s>"u"?$o[e].call(t,i):s}class Rn extends Ke{constructor(e){super(),this.opacity=0,this._active=[],this._eventPosition=void 0,this._size=void 0,this._cachedAnimations=void 0,this._tooltipItems=[],this.$animations=void 0,this.$context=void 0,this.chart=e.chart,this.options=e.options,this.dataPoints=void 0,this.title=void 0,this.beforeBody=void 0,this.body=void 0,this.afterBody=void 0,this.footer=void 0,this.xAlign=void 0,this.yAlign=void 0,this.x=void 0,this.y=void 0,this.height=void 0,this.width=void 0,this.caretX=void 0,this.caretY=void 0,this.labelColors=void 0,this.labelPointStyles=void 0,this.labelTextColors=void 0}initialize(e){this.options=e,this._cachedAnimations=void 0,this.$context=void 0}_resolveAnimations(){const e=this._cachedAnimations;if(e)return e;const t=this.chart,i=this.options.setContext(this.getContext()),s=i.enabled&&t.options.animation&&i.animations,o=new lo(this.chart,s);return s._cacheable&&(this._cachedAnimations=Object.freeze(o)),o}getContext(){return this.$context||(this.$context=$u(this.chart.getContext(),this,this._tooltipItems))}getTitle(e,t){const{callbacks:i}=t,s=se(i,"beforeTitle",this,e),o=se(i,"title",this,e),r=se(i,"afterTitle",this,e);let a=[];return a=xe(a,Se(s)),a=xe(a,Se(o)),a=xe(a,Se(r)),a}getBeforeBody(e,t){return Xi(se(t.callbacks,"beforeBody",this,e))}getBody(e,t){const{callbacks:i}=t,s=[];return Y(e,o=>{const r={before:[],lines:[],after:[]},a=Qi(i,o);xe(r.before,Se(se(a,"beforeLabel",this,o))),xe(r.lines,se(a,"label",this,o)),xe(r.after,Se(se(a,"afterLabel",this,o))),s.push(r)}),s}getAfterBody(e,t){return Xi(se(t.callbacks,"afterBody",this,e))}getFooter(e,t){const{callbacks:i}=t,s=se(i,"beforeFooter",this,e),o=se(i,"footer",this,e),r=se(i,"afterFooter",this,e);let a=[];return a=xe(a,Se(s)),a=xe(a,Se(o)),a=xe(a,Se(r)),a}_createItems(e){const t=this._active,i=this.chart.data,s=[],o=[],r=[];let a=[],d,l;for(d=0,l=t.length;d<l;++d)a.push(xu(this.chart,t[d]));return e.filter&&(a=a.filter((h,u,p)=>e.filter(h,u,p,i))),e.itemSort&&(a=a.sort((h,u)=>e.itemSort(h,u,i))),Y(a,h=>{const u=Qi(e.callbacks,h);s.push(se(u,"labelColor",this,h)),o.push(se(u,"labelPointStyle",this,h)),r.push(se(u,"labelTextColor",this,h))}),this.labelColors=s,this.labelPointStyles=o,this.labelTextColors=r,this.dataPoints=a,a}update(e,t){const i=this.options.setContext(this.getContext()),s=this._active;let o,r=[];if(!s.length)this.opacity!==0&&(o={opacity:0});else{const a=pt[i.position].call(this,s,this._eventPosition);r=this._createItems(i),this.title=this.getTitle(r,i),this.beforeBody=this.getBeforeBody(r,i),this.body=this.getBody(r,i),this.afterBody=this.getAfterBody(r,i),this.footer=this.getFooter(r,i);const d=this._size=Gi(this,i),l=Object.assign({},a,d),h=Yi(this.chart,i,l),u=Ki(i,l,h,this.chart);this.xAlign=h.xAlign,this.yAlign=h.yAlign,o={opacity:1,x:u.x,y:u.y,width:d.width,height:d.height,caretX:a.x,caretY:a.y}}this._tooltipItems=r,this.$context=void 0,o&&this._resolveAnimations().update(this,o),e&&i.external&&i.external.call(this,{chart:this.chart,tooltip:this,replay:t})}drawCaret(e,t,i,s){const o=this.getCaretPosition(e,i,s);t.lineTo(o.x1,o.y1),t.lineTo(o.x2,o.y2),t.lineTo(o.x3,o.y3)}getCaretPosition(e,t,i){const{xAlign:s,yAlign:o}=this,{caretSize:r,cornerRadius:a}=i,{topLeft:d,topRight:l,bottomLeft:h,bottomRight:u}=Je(a),{x:p,y:f}=e,{width:b,height:x}=t;let g,S,$,m,y,k;return o==="center"?(y=f+x/2,s==="left"?(g=p,S=g-r,m=y+r,k=y-r):(g=p+b,S=g+r,m=y-r,k=y+r),$=g):(s==="left"?S=p+Math.max(d,h)+r:s==="right"?S=p+b-Math.max(l,u)-r:S=this.caretX,o==="top"?(m=f,y=m-r,g=S-r,$=S+r):(m=f+x,y=m+r,g=S+r,$=S-r),k=m),{x1:g,x2:S,x3:$,y1:m,y2:y,y3:k}}drawTitle(e,t,i){const s=this.title,o=s.length;let r,a,d;if(o){const l=et(i.rtl,this.x,this.width);for(e.x=Mt(this,i.titleAlign,i),t.textAlign=l.textAlign(i.titleAlign),t.textBaseline="middle",r=re(i.titleFont),a=i.titleSpacing,t.fillStyle=i.titleColor,t.font=r.string,d=0;d<o;++d)t.fillText(s[d],l.x(e.x),e.y+r.lineHeight/2),e.y+=r.lineHeight+a,d+1===o&&(e.y+=i.titleMarginBottom-a)}}_drawColorBox(e,t,i,s,o){const r=this.labelColors[i],a=this.labelPointStyles[i],{boxHeight:d,boxWidth:l}=o,h=re(o.bodyFont),u=Mt(this,"left",o),p=s.x(u),f=d<h.lineHeight?(h.lineHeight-d)/2:0,b=t.y+f;if(o.usePointStyle){const x={radius:Math.min(l,d)/2,pointStyle:a.pointStyle,rotation:a.rotation,borderWidth:1},g=s.leftForLtr(p,l)+l/2,S=b+d/2;e.strokeStyle=o.multiKeyBackground,e.fillStyle=o.multiKeyBackground,hi(e,x,g,S),e.strokeStyle=r.borderColor,e.fillStyle=r.backgroundColor,hi(e,x,g,S)}else{e.lineWidth=H(r.borderWidth)?Math.max(...Object.values(r.borderWidth)):r.borderWidth||1,e.strokeStyle=r.borderColor,e.setLineDash(r.borderDash||[]),e.lineDashOffset=r.borderDashOffset||0;const x=s.leftForLtr(p,l),g=s.leftForLtr(s.xPlus(p,1),l-2),S=Je(r.borderRadius);Object.values(S).some($=>$!==0)?(e.beginPath(),e.fillStyle=o.multiKeyBackground,Kt(e,{x,y:b,w:l,h:d,radius:S}),e.fill(),e.stroke(),e.fillStyle=r.backgroundColor,e.beginPath(),Kt(e,{x:g,y:b+1,w:l-2,h:d-2,radius:S}),e.fill()):(e.fillStyle=o.multiKeyBackground,e.fillRect(x,b,l,d),e.strokeRect(x,b,l,d),e.fillStyle=r.backgroundColor,e.fillRect(g,b+1,l-2,d-2))}e.fillStyle=this.labelTextColors[i]}drawBody(e,t,i){const{body:s}=this,{bodySpacing:o,bodyAlign:r,displayColors:a,boxHeight:d,boxWidth:l,boxPadding:h}=i,u=re(i.bodyFont);let p=u.lineHeight,f=0;const b=et(i.rtl,this.x,this.width),x=function(I){t.fillText(I,b.x(e.x+f),e.y+p/2),e.y+=p+o},g=b.textAlign(r);let S,$,m,y,k,v,_;for(t.textAlign=r,t.textBaseline="middle",t.font=u.string,e.x=Mt(this,g,i),t.fillStyle=i.bodyColor,Y(this.beforeBody,x),f=a&&g!=="right"?r==="center"?l/2+h:l+2+h:0,y=0,v=s.length;y<v;++y){for(S=s[y],$=this.labelTextColors[y],t.fillStyle=$,Y(S.before,x),m=S.lines,a&&m.length&&(this._drawColorBox(t,e,y,b,i),p=Math.max(u.lineHeight,d)),k=0,_=m.length;k<_;++k)x(m[k]),p=u.lineHeight;Y(S.after,x)}f=0,p=u.lineHeight,Y(this.afterBody,x),e.y-=o}drawFooter(e,t,i){const s=this.footer,o=s.length;let r,a;if(o){const d=et(i.rtl,this.x,this.width);for(e.x=Mt(this,i.footerAlign,i),e.y+=i.footerMarginTop,t.textAlign=d.textAlign(i.footerAlign),t.textBaseline="middle",r=re(i.footerFont),t.fillStyle=i.footerColor,t.font=r.string,a=0;a<o;++a)t.fillText(s[a],d.x(e.x),e.y+r.lineHeight/2),e.y+=r.lineHeight+i.footerSpacing}}drawBackground(e,t,i,s){const{xAlign:o,yAlign:r}=this,{x:a,y:d}=e,{width:l,height:h}=i,{topLeft:u,topRight:p,bottomLeft:f,bottomRight:b}=Je(s.cornerRadius);t.fillStyle=s.backgroundColor,t.strokeStyle=s.borderColor,t.lineWidth=s.borderWidth,t.beginPath(),t.moveTo(a+u,d),r==="top"&&this.drawCaret(e,t,i,s),t.lineTo(a+l-p,d),t.quadraticCurveTo(a+l,d,a+l,d+p),r==="center"&&o==="right"&&this.drawCaret(e,t,i,s),t.lineTo(a+l,d+h-b),t.quadraticCurveTo(a+l,d+h,a+l-b,d+h),r==="bottom"&&this.drawCaret(e,t,i,s),t.lineTo(a+f,d+h),t.quadraticCurveTo(a,d+h,a,d+h-f),r==="center"&&o==="left"&&this.drawCaret(e,t,i,s),t.lineTo(a,d+u),t.quadraticCurveTo(a,d,a+u,d),t.closePath(),t.fill(),s.borderWidth>0&&t.stroke()}_updateAnimationTarget(e){const t=this.chart,i=this.$animations,s=i&&i.x,o=i&&i.y;if(s||o){const r=pt[e.position].call(this,this._active,this._eventPosition);if(!r)return;const a=this._size=Gi(this,e),d=Object.assign({},r,this._size),l=Yi(t,e,d),h=Ki(e,d,l,t);(s._to!==h.x||o._to!==h.y)&&(this.xAlign=l.xAlign,this.yAlign=l.yAlign,this.width=a.width,this.height=a.height,this.caretX=r.x,this.caretY=r.y,this._resolveAnimations().update(this,h))}}_willRender(){return!!this.opacity}draw(e){const t=this.options.setContext(this.getContext());let i=this.opacity;if(!i)return;this._updateAnimationTarget(t);const s={width:this.width,height:this.height},o={x:this.x,y:this.y};i=Math.abs(i)<.001?0:i;const r=me(t.padding),a=this.title.length||this.beforeBody.length||this.body.length||this.afterBody.length||this.footer.length;t.enabled&&a&&(e.save(),e.globalAlpha=i,this.drawBackground(o,e,s,t),ao(e,t.textDirection),o.y+=r.top,this.drawTitle(o,e,t),this.drawBody(o,e,t),this.drawFooter(o,e,t),co(e,t.textDirection),e.restore())}getActiveElements(){return this._active||[]}setActiveElements(e,t){const i=this._active,s=e.map(({datasetIndex:a,index:d})=>{const l=this.chart.getDatasetMeta(a);if(!l)throw new Error("Cannot find a dataset at index "+a);return{datasetIndex:a,element:l.data[d],index:d}}),o=!Ht(i,s),r=this._positionChanged(s,t);(o||r)&&(this._active=s,this._eventPosition=t,this._ignoreReplayEvents=!0,this.update(!0))}handleEvent(e,t,i=!0){if(t&&this._ignoreReplayEvents)return!1;this._ignoreReplayEvents=!1;const s=this.options,o=this._active||[],r=this._getActiveElements(e,o,t,i),a=this._positionChanged(r,e),d=t||!Ht(r,o)||a;return d&&(this._active=r,(s.enabled||s.external)&&(this._eventPosition={x:e.x,y:e.y},this.update(!0,t))),d}_getActiveElements(e,t,i,s){const o=this.options;if(e.type==="mouseout")return[];if(!s)return t.filter(a=>this.chart.data.datasets[a.datasetIndex]&&this.chart.getDatasetMeta(a.datasetIndex).controller.getParsed(a.index)!==void 0);const r=this.chart.getElementsAtEventForMode(e,o.mode,o,i);return o.reverse&&r.reverse(),r}_positionChanged(e,t){const{caretX:i,caretY:s,options:o}=this,r=pt[o.position].call(this,e,t);return r!==!1&&(i!==r.x||s!==r.y)}}B(Rn,"positioners",pt);var Du={id:"tooltip",_element:Rn,positioners:pt,afterInit(n,e,t){t&&(n.tooltip=new Rn({chart:n,options:t}))},beforeUpdate(n,e,t){n.tooltip&&n.tooltip.initialize(t)},reset(n,e,t){n.tooltip&&n.tooltip.initialize(t)},afterDraw(n){const e=n.tooltip;if(e&&e._willRender()){const t={tooltip:e};if(n.notifyPlugins("beforeTooltipDraw",{...t,cancelable:!0})===!1)return;e.draw(n.ctx),n.notifyPlugins("afterTooltipDraw",t)}},afterEvent(n,e){if(n.tooltip){const t=e.replay;n.tooltip.handleEvent(e.event,t,e.inChartArea)&&(e.changed=!0)}},defaults:{enabled:!0,external:null,position:"average",backgroundColor:"rgba(0,0,0,0.8)",titleColor:"#fff",titleFont:{weight:"bold"},titleSpacing:2,titleMarginBottom:6,titleAlign:"left",bodyColor:"#fff",bodySpacing:2,bodyFont:{},bodyAlign:"left",footerColor:"#fff",footerSpacing:2,footerMarginTop:6,footerFont:{weight:"bold"},footerAlign:"left",padding:6,caretPadding:2,caretSize:5,cornerRadius:6,boxHeight:(n,e)=>e.bodyFont.size,boxWidth:(n,e)=>e.bodyFont.size,multiKeyBackground:"#fff",displayColors:!0,boxPadding:0,borderColor:"rgba(0,0,0,0)",borderWidth:0,animation:{duration:400,easing:"easeOutQuart"},animations:{numbers:{type:"number",properties:["x","y","width","height","caretX","caretY"]},opacity:{easing:"linear",duration:200}},callbacks:$o},defaultRoutes:{bodyFont:"font",footerFont:"font",titleFont:"font"},descriptors:{_scriptable:n=>n!=="filter"&&n!=="itemSort"&&n!=="external",_indexable:!1,callbacks:{_scriptable:!1,_indexable:!1},animation:{_fallback:!1},animations:{_fallback:"animation"}},additionalOptionScopes:["interaction"]};const _u=(n,e,t,i)=>(typeof e=="string"?(t=n.push(e)-1,i.unshift({index:t,label:e})):isNaN(e)&&(t=null),t);function Ru(n,e,t,i){const s=n.indexOf(e);if(s===-1)return _u(n,e,t,i);const o=n.lastIndexOf(e);return s!==o?t:s}const wu=(n,e)=>n===null?null:pe(Math.round(n),0,e);function Zi(n){const e=this.getLabels();return n>=0&&n<e.length?e[n]:n}class wn extends st{constructor(e){super(e),this._startValue=void 0,this._valueRange=0,this._addedLabels=[]}init(e){const t=this._addedLabels;if(t.length){const i=this.getLabels();for(const{index:s,label:o}of t)i[s]===o&&i.splice(s,1);this._addedLabels=[]}super.init(e)}parse(e,t){if(K(e))return null;const i=this.getLabels();return t=isFinite(t)&&i[t]===e?t:Ru(i,e,V(t,e),this._addedLabels),wu(t,i.length-1)}determineDataLimits(){const{minDefined:e,maxDefined:t}=this.getUserBounds();let{min:i,max:s}=this.getMinMax(!0);this.options.bounds==="ticks"&&(e||(i=0),t||(s=this.getLabels().length-1)),this.min=i,this.max=s}buildTicks(){const e=this.min,t=this.max,i=this.options.offset,s=[];let o=this.getLabels();o=e===0&&t===o.length-1?o:o.slice(e,t+1),this._valueRange=Math.max(o.length-(i?0:1),1),this._startValue=this.min-(i?.5:0);for(let r=e;r<=t;r++)s.push({value:r});return s}getLabelForValue(e){return Zi.call(this,e)}configure(){super.configure(),this.isHorizontal()||(this._reversePixels=!this._reversePixels)}getPixelForValue(e){return typeof e!="number"&&(e=this.parse(e)),e===null?NaN:this.getPixelForDecimal((e-this._startValue)/this._valueRange)}getPixelForTick(e){const t=this.ticks;return e<0||e>t.length-1?null:this.getPixelForValue(t[e].value)}getValueForPixel(e){return Math.round(this._startValue+this.getDecimalForPixel(e)*this._valueRange)}getBasePixel(){return this.bottom}}B(wn,"id","category"),B(wn,"defaults",{ticks:{callback:Zi}});function Au(n,e){const t=[],{bounds:s,step:o,min:r,max:a,precision:d,count:l,maxTicks:h,maxDigits:u,includeBounds:p}=n,f=o||1,b=h-1,{min:x,max:g}=e,S=!K(r),$=!K(a),m=!K(l),y=(g-x)/(u+1);let k=ii((g-x)/b/f)*f,v,_,I,A;if(k<1e-14&&!S&&!$)return[{value:x},{value:g}];A=Math.ceil(g/k)-Math.floor(x/k),A>b&&(k=ii(A*k/b/f)*f),K(d)||(v=Math.pow(10,d),k=Math.ceil(k*v)/v),s==="ticks"?(_=Math.floor(x/k)*k,I=Math.ceil(g/k)*k):(_=x,I=g),S&&$&&o&&jc((a-r)/o,k/1e3)?(A=Math.round(Math.min((a-r)/k,h)),k=(a-r)/A,_=r,I=a):m?(_=S?r:_,I=$?a:I,A=l-1,k=(I-_)/A):(A=(I-_)/k,Nt(A,Math.round(A),k/1e3)?A=Math.round(A):A=Math.ceil(A));const N=Math.max(si(k),si(_));v=Math.pow(10,K(d)?N:d),_=Math.round(_*v)/v,I=Math.round(I*v)/v;let M=0;for(S&&(p&&_!==r?(t.push({value:r}),_<r&&M++,Nt(Math.round((_+M*k)*v)/v,r,Ji(r,y,n))&&M++):_<r&&M++);M<A;++M){const O=Math.round((_+M*k)*v)/v;if($&&O>a)break;t.push({value:O})}return $&&p&&I!==a?t.length&&Nt(t[t.length-1].value,a,Ji(a,y,n))?t[t.length-1].value=a:t.push({value:a}):(!$||I===a)&&t.push({value:I}),t}function Ji(n,e,{horizontal:t,minRotation:i}){const s=Ve(i),o=(t?Math.sin(s):Math.cos(s))||.001,r=.75*e*(""+n).length;return Math.min(e/o,r)}class Cu extends st{constructor(e){super(e),this.start=void 0,this.end=void 0,this._startValue=void 0,this._endValue=void 0,this._valueRange=0}parse(e,t){return K(e)||(typeof e=="number"||e instanceof Number)&&!isFinite(+e)?null:+e}handleTickRangeOptions(){const{beginAtZero:e}=this.options,{minDefined:t,maxDefined:i}=this.getUserBounds();let{min:s,max:o}=this;const r=d=>s=t?s:d,a=d=>o=i?o:d;if(e){const d=Pe(s),l=Pe(o);d<0&&l<0?a(0):d>0&&l>0&&r(0)}if(s===o){let d=o===0?1:Math.abs(o*.05);a(o+d),e||r(s-d)}this.min=s,this.max=o}getTickLimit(){const e=this.options.ticks;let{maxTicksLimit:t,stepSize:i}=e,s;return i?(s=Math.ceil(this.max/i)-Math.floor(this.min/i)+1,s>1e3&&(console.warn(`scales.${this.id}.ticks.stepSize: ${i} would result generating up to ${s} ticks. Limiting to 1000.`),s=1e3)):(s=this.computeTickLimit(),t=t||11),t&&(s=Math.min(t,s)),s}computeTickLimit(){return Number.POSITIVE_INFINITY}buildTicks(){const e=this.options,t=e.ticks;let i=this.getTickLimit();i=Math.max(2,i);const s={maxTicks:i,bounds:e.bounds,min:e.min,max:e.max,precision:t.precision,step:t.stepSize,count:t.count,maxDigits:this._maxDigits(),horizontal:this.isHorizontal(),minRotation:t.minRotation||0,includeBounds:t.includeBounds!==!1},o=this._range||this,r=Au(s,o);return e.bounds==="ticks"&&Tc(r,this,"value"),e.reverse?(r.reverse(),this.start=this.max,this.end=this.min):(this.start=this.min,this.end=this.max),r}configure(){const e=this.ticks;let t=this.min,i=this.max;if(super.configure(),this.options.offset&&e.length){const s=(i-t)/Math.max(e.length-1,1)/2;t-=s,i+=s}this._startValue=t,this._endValue=i,this._valueRange=i-t}getLabelForValue(e){return Qs(e,this.chart.options.locale,this.options.ticks.format)}}class An extends Cu{determineDataLimits(){const{min:e,max:t}=this.getMinMax(!0);this.min=ue(e)?e:0,this.max=ue(t)?t:1,this.handleTickRangeOptions()}computeTickLimit(){const e=this.isHorizontal(),t=e?this.width:this.height,i=Ve(this.options.ticks.minRotation),s=(e?Math.sin(i):Math.cos(i))||.001,o=this._resolveTickFontOptions(0);return Math.ceil(t/Math.min(40,o.lineHeight/s))}getPixelForValue(e){return e===null?NaN:this.getPixelForDecimal((e-this._startValue)/this._valueRange)}getValueForPixel(e){return this._startValue+this.getDecimalForPixel(e)*this._valueRange}}B(An,"id","linear"),B(An,"defaults",{ticks:{callback:Zs.formatters.numeric}});const nn={millisecond:{common:!0,size:1,steps:1e3},second:{common:!0,size:1e3,steps:60},minute:{common:!0,size:6e4,steps:60},hour:{common:!0,size:36e5,steps:24},day:{common:!0,size:864e5,steps:30},week:{common:!1,size:6048e5,steps:4},month:{common:!0,size:2628e6,steps:12},quarter:{common:!1,size:7884e6,steps:4},year:{common:!0,size:3154e7}},oe=Object.keys(nn);function es(n,e){return n-e}function ts(n,e){if(K(e))return null;const t=n._adapter,{parser:i,round:s,isoWeekday:o}=n._parseOpts;let r=e;return typeof i=="function"&&(r=i(r)),ue(r)||(r=typeof i=="string"?t.parse(r,i):t.parse(r)),r===null?null:(s&&(r=s==="week"&&(Gt(o)||o===!0)?t.startOf(r,"isoWeek",o):t.startOf(r,s)),+r)}function ns(n,e,t,i){const s=oe.length;for(let o=oe.indexOf(n);o<s-1;++o){const r=nn[oe[o]],a=r.steps?r.steps:Number.MAX_SAFE_INTEGER;if(r.common&&Math.ceil((t-e)/(a*r.size))<=i)return oe[o]}return oe[s-1]}function Uu(n,e,t,i,s){for(let o=oe.length-1;o>=oe.indexOf(t);o--){const r=oe[o];if(nn[r].common&&n._adapter.diff(s,i,r)>=e-1)return r}return oe[t?oe.indexOf(t):0]}function ju(n){for(let e=oe.indexOf(n)+1,t=oe.length;e<t;++e)if(nn[oe[e]].common)return oe[e]}function is(n,e,t){if(!t)n[e]=!0;else if(t.length){const{lo:i,hi:s}=Ln(t,e),o=t[i]>=e?t[i]:t[s];n[o]=!0}}function Tu(n,e,t,i){const s=n._adapter,o=+s.startOf(e[0].value,i),r=e[e.length-1].value;let a,d;for(a=o;a<=r;a=+s.add(a,1,i))d=t[a],d>=0&&(e[d].major=!0);return e}function ss(n,e,t){const i=[],s={},o=e.length;let r,a;for(r=0;r<o;++r)a=e[r],s[a]=r,i.push({value:a,major:!1});return o===0||!t?i:Tu(n,i,s,t)}class Zt extends st{constructor(e){super(e),this._cache={data:[],labels:[],all:[]},this._unit="day",this._majorUnit=void 0,this._offsets={},this._normalized=!1,this._parseOpts=void 0}init(e,t={}){const i=e.time||(e.time={}),s=this._adapter=new Zd._date(e.adapters.date);s.init(t),ft(i.displayFormats,s.formats()),this._parseOpts={parser:i.parser,round:i.round,isoWeekday:i.isoWeekday},super.init(e),this._normalized=t.normalized}parse(e,t){return e===void 0?null:ts(this,e)}beforeLayout(){super.beforeLayout(),this._cache={data:[],labels:[],all:[]}}determineDataLimits(){const e=this.options,t=this._adapter,i=e.time.unit||"day";let{min:s,max:o,minDefined:r,maxDefined:a}=this.getUserBounds();function d(l){!r&&!isNaN(l.min)&&(s=Math.min(s,l.min)),!a&&!isNaN(l.max)&&(o=Math.max(o,l.max))}(!r||!a)&&(d(this._getLabelBounds()),(e.bounds!=="ticks"||e.ticks.source!=="labels")&&d(this.getMinMax(!1))),s=ue(s)&&!isNaN(s)?s:+t.startOf(Date.now(),i),o=ue(o)&&!isNaN(o)?o:+t.endOf(Date.now(),i)+1,this.min=Math.min(s,o-1),this.max=Math.max(s+1,o)}_getLabelBounds(){const e=this.getLabelTimestamps();let t=Number.POSITIVE_INFINITY,i=Number.NEGATIVE_INFINITY;return e.length&&(t=e[0],i=e[e.length-1]),{min:t,max:i}}buildTicks(){const e=this.options,t=e.time,i=e.ticks,s=i.source==="labels"?this.getLabelTimestamps():this._generate();e.bounds==="ticks"&&s.length&&(this.min=this._userMin||s[0],this.max=this._userMax||s[s.length-1]);const o=this.min,r=this.max,a=Lc(s,o,r);return this._unit=t.unit||(i.autoSkip?ns(t.minUnit,this.min,this.max,this._getLabelCapacity(o)):Uu(this,a.length,t.minUnit,this.min,this.max)),this._majorUnit=!i.major.enabled||this._unit==="year"?void 0:ju(this._unit),this.initOffsets(s),e.reverse&&a.reverse(),ss(this,a,this._majorUnit)}afterAutoSkip(){this.options.offsetAfterAutoskip&&this.initOffsets(this.ticks.map(e=>+e.value))}initOffsets(e=[]){let t=0,i=0,s,o;this.options.offset&&e.length&&(s=this.getDecimalForValue(e[0]),e.length===1?t=1-s:t=(this.getDecimalForValue(e[1])-s)/2,o=this.getDecimalForValue(e[e.length-1]),e.length===1?i=o:i=(o-this.getDecimalForValue(e[e.length-2]))/2);const r=e.length<3?.5:.25;t=pe(t,0,r),i=pe(i,0,r),this._offsets={start:t,end:i,factor:1/(t+1+i)}}_generate(){const e=this._adapter,t=this.min,i=this.max,s=this.options,o=s.time,r=o.unit||ns(o.minUnit,t,i,this._getLabelCapacity(t)),a=V(s.ticks.stepSize,1),d=r==="week"?o.isoWeekday:!1,l=Gt(d)||d===!0,h={};let u=t,p,f;if(l&&(u=+e.startOf(u,"isoWeek",d)),u=+e.startOf(u,l?"day":r),e.diff(i,t,r)>1e5*a)throw new Error(t+" and "+i+" are too far apart with stepSize of "+a+" "+r);const b=s.ticks.source==="data"&&this.getDataTimestamps();for(p=u,f=0;p<i;p=+e.add(p,a,r),f++)is(h,p,b);return(p===i||s.bounds==="ticks"||f===1)&&is(h,p,b),Object.keys(h).sort(es).map(x=>+x)}getLabelForValue(e){const t=this._adapter,i=this.options.time;return i.tooltipFormat?t.format(e,i.tooltipFormat):t.format(e,i.displayFormats.datetime)}format(e,t){const s=this.options.time.displayFormats,o=this._unit,r=t||s[o];return this._adapter.format(e,r)}_tickFormatFunction(e,t,i,s){const o=this.options,r=o.ticks.callback;if(r)return X(r,[e,t,i],this);const a=o.time.displayFormats,d=this._unit,l=this._majorUnit,h=d&&a[d],u=l&&a[l],p=i[t],f=l&&u&&p&&p.major;return this._adapter.format(e,s||(f?u:h))}generateTickLabels(e){let t,i,s;for(t=0,i=e.length;t<i;++t)s=e[t],s.label=this._tickFormatFunction(s.value,t,e)}getDecimalForValue(e){return e===null?NaN:(e-this.min)/(this.max-this.min)}getPixelForValue(e){const t=this._offsets,i=this.getDecimalForValue(e);return this.getPixelForDecimal((t.start+i)*t.factor)}getValueForPixel(e){const t=this._offsets,i=this.getDecimalForPixel(e)/t.factor-t.end;return this.min+i*(this.max-this.min)}_getLabelSize(e){const t=this.options.ticks,i=this.ctx.measureText(e).width,s=Ve(this.isHorizontal()?t.maxRotation:t.minRotation),o=Math.cos(s),r=Math.sin(s),a=this._resolveTickFontOptions(0).size;return{w:i*o+a*r,h:i*r+a*o}}_getLabelCapacity(e){const t=this.options.time,i=t.displayFormats,s=i[t.unit]||i.millisecond,o=this._tickFormatFunction(e,0,ss(this,[e],this._majorUnit),s),r=this._getLabelSize(o),a=Math.floor(this.isHorizontal()?this.width/r.w:this.height/r.h)-1;return a>0?a:1}getDataTimestamps(){let e=this._cache.data||[],t,i;if(e.length)return e;const s=this.getMatchingVisibleMetas();if(this._normalized&&s.length)return this._cache.data=s[0].controller.getAllParsedValues(this);for(t=0,i=s.length;t<i;++t)e=e.concat(s[t].controller.getAllParsedValues(this));return this._cache.data=this.normalize(e)}getLabelTimestamps(){const e=this._cache.labels||[];let t,i;if(e.length)return e;const s=this.getLabels();for(t=0,i=s.length;t<i;++t)e.push(ts(this,s[t]));return this._cache.labels=this._normalized?e:this.normalize(e)}normalize(e){return Ws(e.sort(es))}}B(Zt,"id","time"),B(Zt,"defaults",{bounds:"data",adapters:{},time:{parser:!1,unit:!1,round:!1,isoWeekday:!1,minUnit:"millisecond",displayFormats:{}},ticks:{source:"auto",callback:!1,major:{enabled:!1}}});function Ot(n,e,t){let i=0,s=n.length-1,o,r,a,d;t?(e>=n[i].pos&&e<=n[s].pos&&({lo:i,hi:s}=Sn(n,"pos",e)),{pos:o,time:a}=n[i],{pos:r,time:d}=n[s]):(e>=n[i].time&&e<=n[s].time&&({lo:i,hi:s}=Sn(n,"time",e)),{time:o,pos:a}=n[i],{time:r,pos:d}=n[s]);const l=r-o;return l?a+(d-a)*(e-o)/l:a}class os extends Zt{constructor(e){super(e),this._table=[],this._minPos=void 0,this._tableRange=void 0}initOffsets(){const e=this._getTimestampsForTable(),t=this._table=this.buildLookupTable(e);this._minPos=Ot(t,this.min),this._tableRange=Ot(t,this.max)-this._minPos,super.initOffsets(e)}buildLookupTable(e){const{min:t,max:i}=this,s=[],o=[];let r,a,d,l,h;for(r=0,a=e.length;r<a;++r)l=e[r],l>=t&&l<=i&&s.push(l);if(s.length<2)return[{time:t,pos:0},{time:i,pos:1}];for(r=0,a=s.length;r<a;++r)h=s[r+1],d=s[r-1],l=s[r],Math.round((h+d)/2)!==l&&o.push({time:l,pos:r/(a-1)});return o}_generate(){const e=this.min,t=this.max;let i=super.getDataTimestamps();return(!i.includes(e)||!i.length)&&i.splice(0,0,e),(!i.includes(t)||i.length===1)&&i.push(t),i.sort((s,o)=>s-o)}_getTimestampsForTable(){let e=this._cache.all||[];if(e.length)return e;const t=this.getDataTimestamps(),i=this.getLabelTimestamps();return t.length&&i.length?e=this.normalize(t.concat(i)):e=t.length?t:i,e=this._cache.all=e,e}getDecimalForValue(e){return(Ot(this._table,e)-this._minPos)/this._tableRange}getValueForPixel(e){const t=this._offsets,i=this.getDecimalForPixel(e)/t.factor-t.end;return Ot(this._table,i*this._tableRange+this._minPos,!0)}}B(os,"id","timeseries"),B(os,"defaults",Zt.defaults);De.register(Ft,Bt,wn,An,bu,Du);const rs=["#1f5fa8","#b3541e","#2e7d32","#6a1b9a","#8d6e00","#00695c"];function Pu(n,e,t,i=!1){const s=new De(n,{type:"bar",data:{labels:e,datasets:t.map((o,r)=>({label:o.label,data:o.data,backgroundColor:rs[r%rs.length]}))},options:{animation:!1,responsive:!0,maintainAspectRatio:!1,scales:{x:{stacked:i},y:{stacked:i,beginAtZero:!0}}}});return()=>s.destroy()}function zt({title:n,labels:e,series:t,stacked:i,drawn:s}){const o=D.useRef(null);D.useEffect(()=>{if(o.current)return Pu(o.current,e,t.slice(0,s??t.length),i)},[e,t,i,s]);const r=Math.max(260,Math.min(480,120+e.length*14));return c.jsxs("figure",{className:"chart",children:[c.jsx("figcaption",{children:n}),c.jsx("div",{className:"chart-canvas",style:{height:r},children:c.jsx("canvas",{ref:o,role:"img","aria-label":n})}),c.jsxs("table",{className:"figures",children:[c.jsx("caption",{className:"sr-only",children:n}),c.jsx("thead",{children:c.jsxs("tr",{children:[c.jsx("th",{scope:"col",children:"—"}),t.map(a=>c.jsx("th",{scope:"col",children:a.label},a.label))]})}),c.jsx("tbody",{children:e.map((a,d)=>c.jsxs("tr",{children:[c.jsx("th",{scope:"row",children:a}),t.map(l=>c.jsx("td",{children:l.data[d]},l.label))]},a))})]})]})}const Eu=U(`
  query Refunds($status: RefundStatus, $seen: Int) {
    refunds(status: $status, first: 100, atLeastPosition: $seen) {
      nodes { refundId ticketId status channel customer requestedAt issuedAt gatewayReference issuedBy payoutMode amount { amountMinor currency } }
    }
    refundTotals(atLeastPosition: $seen) { day channel issuedCount issued { amountMinor currency } }
  }
`),Mu=U(`
  mutation FinanceApproveRefund($id: UUID!, $cmd: UUID!, $refund: UUID!) {
    approveRefund(ticketId: $id, commandId: $cmd, input: { refundId: $refund }) { version position }
  }
`),Ou=U(`
  mutation FinanceIssueRefund($id: UUID!, $cmd: UUID!, $refund: UUID!, $reference: String!) {
    issueRefund(ticketId: $id, commandId: $cmd, input: { refundId: $refund, gatewayReference: $reference }) { version position }
  }
`),Nu=U(`
  query FinanceIssuedReferences($after: String) {
    refunds(status: ISSUED, first: 100, after: $after) {
      nodes { ticketId gatewayReference }
      pageInfo { endCursor hasNextPage }
    }
  }
`);async function Fu(n){let e=null;for(;;){const t=await j(Nu,{after:e}),i=t.refunds.nodes.find(s=>{var o;return((o=s.gatewayReference)==null?void 0:o.trim())===n});if(i)return i.ticketId;if(!t.refunds.pageInfo.hasNextPage)return null;e=t.refunds.pageInfo.endCursor??null}}const Lu=U(`
  subscription FinanceChanges {
    departmentQueue(department: FINANCE) { position change }
  }
`);function qu(){const{t:n,e,money:t,date:i,err:s,session:o}=z(),r=o.role==="FINANCE"||o.role==="ADMIN",[a,d]=D.useState("REQUESTED"),[l,h]=D.useState(0),[u,p]=D.useState({}),[f,b]=D.useState(null),[x,g]=D.useState(null);D.useEffect(()=>St(Lu,()=>({}),k=>h(v=>Math.max(v,k.departmentQueue.position))),[]);const{data:S,error:$}=ne(()=>j(Eu,{status:a,seen:l}),[a,l]),m=async k=>{try{const v=await k();b(null),h(_=>Math.max(_,v))}catch(v){b(s(v))}},y=D.useMemo(()=>{const k=(S==null?void 0:S.refundTotals)??[],v=[...new Set(k.map(A=>A.day))].sort(),I=[...new Set(k.map(A=>A.channel))].sort().map(A=>({label:e("channel",A),data:v.map(N=>k.filter(M=>M.day===N&&M.channel===A).reduce((M,O)=>M+O.issued.amountMinor,0)/100)}));return{days:v,series:I}},[S]);return c.jsxs("section",{"aria-labelledby":"finance-title",children:[c.jsx("h1",{id:"finance-title",children:n("finance")}),c.jsx("div",{role:"tablist","aria-label":n("refundsQueue"),className:"tabs",children:["REQUESTED","APPROVED","ISSUED","FAILED"].map(k=>c.jsx("button",{role:"tab","aria-selected":k===a,onClick:()=>d(k),children:e("refundStatus",k)},k))}),c.jsx(Q,{error:$??f}),c.jsxs("table",{"data-testid":"refunds",children:[c.jsx("thead",{children:c.jsxs("tr",{children:[c.jsx("th",{scope:"col",children:n("ticket")}),c.jsx("th",{scope:"col",children:n("customer")}),c.jsx("th",{scope:"col",children:n("channel")}),c.jsx("th",{scope:"col",children:n("amount")}),c.jsx("th",{scope:"col",children:n("at")}),c.jsx("th",{scope:"col",children:n("reference")}),a==="ISSUED"&&c.jsx("th",{scope:"col",children:n("payoutMode")}),a==="ISSUED"&&c.jsx("th",{scope:"col",children:n("issuedBy")}),c.jsx("th",{scope:"col",children:n("actions")})]})}),c.jsx("tbody",{children:S==null?void 0:S.refunds.nodes.map(k=>c.jsxs("tr",{children:[c.jsx("td",{children:c.jsx(fe,{to:`/ticket/${k.ticketId}`,children:k.ticketId.slice(0,8)})}),c.jsx("td",{children:k.customer}),c.jsx("td",{children:e("channel",k.channel)}),c.jsx("td",{children:t(k.amount)}),c.jsx("td",{children:i(k.issuedAt??k.requestedAt)}),c.jsx("td",{children:k.gatewayReference??"—"}),a==="ISSUED"&&c.jsx("td",{children:c.jsx(Do,{mode:k.payoutMode})}),a==="ISSUED"&&c.jsx("td",{children:k.issuedBy??"—"}),c.jsxs("td",{children:[r&&k.status==="REQUESTED"&&c.jsx("button",{onClick:()=>{const v=te();g({action:n("approve"),consequence:n("consequenceApproveRefund",{amount:t(k.amount)}),run:async()=>(await j(Mu,{id:k.ticketId,cmd:v,refund:k.refundId})).approveRefund.position})},children:n("approve")}),r&&k.status==="APPROVED"&&c.jsxs("form",{onSubmit:v=>{v.preventDefault();const _=(u[k.refundId]??"").trim(),I=te();Fu(_).then(A=>g({action:n("recordPayout"),consequence:n("consequenceIssueRefund",{amount:t(k.amount),reference:_}),warning:A?n("referenceUsed",{reference:_,ticket:A.slice(0,8)}):void 0,run:async()=>(await j(Ou,{id:k.ticketId,cmd:I,refund:k.refundId,reference:_})).issueRefund.position}),A=>b(s(A)))},children:[c.jsxs("label",{children:[c.jsx("span",{className:"sr-only",children:n("payoutReference")}),c.jsx("input",{required:!0,placeholder:n("payoutReference"),value:u[k.refundId]??"",onChange:v=>p({...u,[k.refundId]:v.target.value})})]}),c.jsx("button",{type:"submit",children:n("recordPayout")})]})]})]},k.refundId))})]}),x&&c.jsx(Ge,{action:x.action,consequence:x.consequence,warning:x.warning,onCancel:()=>g(null),onConfirm:()=>{const k=x.run;g(null),m(k)}}),c.jsx(zt,{title:n("payoutsPerDay"),labels:y.days,series:y.series,stacked:!0}),c.jsx(Hu,{seen:l})]})}function Do({mode:n}){const{e}=z();return n?c.jsx("span",{className:n==="SIMULATED"?"badge bad":"badge","data-testid":"payout-mode","data-mode":n,children:e("payoutMode",n)}):c.jsx(c.Fragment,{children:"—"})}const Bu=U(`
  query FinanceIssuedPage($after: String, $seen: Int) {
    refunds(status: ISSUED, first: 100, after: $after, atLeastPosition: $seen) {
      nodes { refundId ticketId channel issuedAt gatewayReference issuedBy payoutMode amount { amountMinor currency } }
      pageInfo { endCursor hasNextPage }
    }
  }
`);async function zu(n){const e=[];let t=null;for(;;){const i=await j(Bu,{after:t,seen:n});if(e.push(...i.refunds.nodes),!i.refunds.pageInfo.hasNextPage)return e;t=i.refunds.pageInfo.endCursor??null}}function as(n){return n.toISOString().slice(0,10)}function Hu({seen:n}){const{t:e,e:t,money:i,lang:s}=z(),o=new Date,[r,a]=D.useState(()=>as(new Date(o.getTime()-29*864e5))),[d,l]=D.useState(()=>as(o)),{data:h,error:u}=ne(()=>zu(n),[n]),p=(h??[]).filter(g=>g.issuedAt&&g.issuedAt.slice(0,10)>=r&&g.issuedAt.slice(0,10)<=d),f=new Map;for(const g of p){const S=(g.issuedAt??"").slice(0,10),$=g.payoutMode??"",m=[S,g.channel,$,g.amount.currency].join("|"),y=f.get(m)??{day:S,channel:g.channel,mode:$,currency:g.amount.currency,count:0,minor:0};y.count+=1,y.minor+=g.amount.amountMinor,f.set(m,y)}const b=[...f.values()].sort((g,S)=>g.day.localeCompare(S.day)||g.channel.localeCompare(S.channel)||g.mode.localeCompare(S.mode)),x=()=>{const g=Ja([e("issuedAt"),e("ticket"),e("refundId"),e("channel"),e("payoutMode"),e("reference"),e("issuedBy"),e("currency"),e("amountYuan")],p.map(m=>[m.issuedAt??"",m.ticketId,m.refundId,t("channel",m.channel),m.payoutMode?t("payoutMode",m.payoutMode):"",m.gatewayReference??"",m.issuedBy??"",m.amount.currency,Qa(m.amount.amountMinor)])),S=URL.createObjectURL(new Blob([g],{type:"text/csv;charset=utf-8"})),$=document.createElement("a");$.href=S,$.download=`payouts-${r}-${d}.csv`,$.click(),URL.revokeObjectURL(S)};return c.jsxs("section",{"aria-labelledby":"reconcile-title","data-testid":"reconciliation",children:[c.jsx("h2",{id:"reconcile-title",children:e("reconciliation")}),c.jsxs("form",{className:"filters",onSubmit:g=>g.preventDefault(),children:[c.jsx(q,{label:e("from"),children:c.jsx("input",{type:"date",value:r,max:d,onChange:g=>a(g.target.value)})}),c.jsx(q,{label:e("to"),children:c.jsx("input",{type:"date",value:d,min:r,onChange:g=>l(g.target.value)})}),c.jsxs("button",{type:"button",onClick:x,disabled:!h,children:[c.jsx(br,{size:14,"aria-hidden":"true"})," ",e("exportCsv")," (",p.length,")"]})]}),c.jsx(Q,{error:u}),c.jsxs("table",{"data-testid":"totals",children:[c.jsx("thead",{children:c.jsxs("tr",{children:[c.jsx("th",{scope:"col",children:e("day")}),c.jsx("th",{scope:"col",children:e("channel")}),c.jsx("th",{scope:"col",children:e("payoutMode")}),c.jsx("th",{scope:"col",children:e("count")}),c.jsx("th",{scope:"col",children:e("amount")})]})}),c.jsx("tbody",{children:b.map(g=>c.jsxs("tr",{children:[c.jsx("td",{children:Jo(g.day,s)}),c.jsx("td",{children:t("channel",g.channel)}),c.jsx("td",{children:c.jsx(Do,{mode:g.mode||null})}),c.jsx("td",{children:g.count}),c.jsx("td",{children:i({amountMinor:g.minor,currency:g.currency})})]},`${g.day}|${g.channel}|${g.mode}|${g.currency}`))})]}),h&&b.length===0&&c.jsx("p",{role:"status",children:e("noPayoutsInPeriod")})]})}const Vu=U(`
  query ManagementArbitrations {
    managementStats {
      arbitrations { reasonCode sku channel arbitrations open forBuyer forSeller notStated }
    }
  }
`);function Wu(){const{t:n,e}=z(),{data:t,error:i}=ne(()=>j(Vu),[]),s=t==null?void 0:t.managementStats.arbitrations;return c.jsxs("section",{"aria-labelledby":"arbitrations-title",children:[c.jsx("h2",{id:"arbitrations-title",children:n("arbitrationCounts")}),c.jsx(Q,{error:i}),s&&s.length===0&&c.jsx("p",{children:n("noArbitrations")}),s&&s.length>0&&c.jsxs("table",{"data-testid":"arbitration-counts",children:[c.jsx("thead",{children:c.jsxs("tr",{children:[c.jsx("th",{scope:"col",children:n("reason")}),c.jsx("th",{scope:"col",children:n("sku")}),c.jsx("th",{scope:"col",children:n("channel")}),c.jsx("th",{scope:"col",children:n("arbitrationsTotal")}),c.jsx("th",{scope:"col",children:n("arbitrationOpen")}),c.jsx("th",{scope:"col",children:e("arbitrationOutcome","FOR_BUYER")}),c.jsx("th",{scope:"col",children:e("arbitrationOutcome","FOR_SELLER")}),c.jsx("th",{scope:"col",children:e("arbitrationOutcome","NOT_STATED")})]})}),c.jsx("tbody",{children:s.map(o=>c.jsxs("tr",{children:[c.jsx("td",{children:e("reason",o.reasonCode)}),c.jsx("td",{children:o.sku}),c.jsx("td",{children:e("channel",o.channel)}),c.jsx("td",{children:o.arbitrations}),c.jsx("td",{children:o.open}),c.jsx("td",{children:o.forBuyer}),c.jsx("td",{children:o.forSeller}),c.jsx("td",{children:o.notStated})]},`${o.reasonCode}|${o.sku}|${o.channel}`))})]})]})}const Gu=U(`
  query ParcelPool {
    parcelPool(first: 100) {
      id status carrier trackingNumber contents senderName senderPhone photoRefs ageDays disposableFrom
      disposition { disposition reason requestedAt }
      version
    }
  }
`),Yu=U(`
  query ParcelPoolStats {
    parcelPoolStats { unmatched dispositionRequested matched disposed oldestUnmatchedDays }
  }
`),Ku=U(`
  mutation RegisterUnmatchedParcel($parcel: UUID!, $cmd: UUID!, $input: RegisterParcelInput!) {
    registerUnmatchedParcel(parcelId: $parcel, commandId: $cmd, input: $input) { id status }
  }
`),Xu=U(`
  query ParcelCandidates($search: String!) {
    parcelCandidates(search: $search) { ticketId kind status customer platformOrderId trackingNumber expecting }
  }
`),Qu=U(`
  mutation MatchParcel($parcel: UUID!, $ticket: UUID!, $cmd: UUID!) {
    matchParcel(parcelId: $parcel, ticketId: $ticket, commandId: $cmd) { position ticket { id status } }
  }
`),Zu=U(`
  mutation RequestParcelDisposition($parcel: UUID!, $cmd: UUID!, $version: Int, $input: RequestParcelDispositionInput!) {
    requestParcelDisposition(parcelId: $parcel, commandId: $cmd, expectedVersion: $version, input: $input) { id status }
  }
`),Ju=U(`
  mutation DecideParcelDisposition($parcel: UUID!, $cmd: UUID!, $version: Int, $approve: Boolean!, $note: String) {
    decideParcelDisposition(parcelId: $parcel, commandId: $cmd, expectedVersion: $version, approve: $approve, note: $note) { id status }
  }
`);function eh({tracking:n,registered:e}){const{t,err:i}=z(),[s]=D.useState(()=>({parcel:te(),cmd:te()})),[o,r]=D.useState(""),[a,d]=D.useState(""),[l,h]=D.useState(""),[u,p]=D.useState(""),[f,b]=D.useState([]),[x,g]=D.useState(()=>new Map),[S,$]=D.useState(null),[m,y]=D.useState(!1),[k,v]=D.useState(!1),_=async I=>{I.preventDefault(),y(!0);try{const A=[];for(const N of f){const M=x.get(N),O=M??await zo(s.parcel,N);M||g(P=>new Map(P).set(N,O)),A.push(O)}await j(Ku,{parcel:s.parcel,cmd:s.cmd,input:{carrier:o.trim(),trackingNumber:n,contents:a.trim(),senderName:l.trim()||null,senderPhone:u.trim()||null,photoRefs:A}}),$(null),v(!0),e()}catch(A){$(i(A))}finally{y(!1)}};return k?c.jsx("p",{role:"status","data-testid":"pool-registered",children:t("poolRegistered",{number:n})}):c.jsxs("form",{className:"pool-register","aria-label":t("registerUnmatched"),"data-testid":"register-unmatched",onSubmit:I=>void _(I),children:[c.jsx("h3",{children:t("registerUnmatched")}),c.jsxs("p",{children:[t("trackingNumber"),": ",c.jsx("strong",{children:n})]}),c.jsx(q,{label:t("carrier"),children:c.jsx("input",{value:o,required:!0,onChange:I=>r(I.target.value)})}),c.jsx(q,{label:t("parcelContents"),children:c.jsx("textarea",{value:a,required:!0,rows:2,onChange:I=>d(I.target.value)})}),c.jsx(q,{label:t("senderName"),children:c.jsx("input",{value:l,autoComplete:"off",onChange:I=>h(I.target.value)})}),c.jsx(q,{label:t("senderPhone"),children:c.jsx("input",{value:u,autoComplete:"off",inputMode:"tel",onChange:I=>p(I.target.value)})}),c.jsx(q,{label:t("photos"),children:c.jsx("input",{type:"file",accept:"image/*",capture:"environment",multiple:!0,onChange:I=>b(Array.from(I.target.files??[]))})}),c.jsx("button",{type:"submit",disabled:m,children:t("registerUnmatched")}),c.jsx(Q,{error:S})]})}function th({parcel:n,refs:e}){const{t}=z(),{data:i}=ne(()=>Promise.all(e.map(s=>Wo(n,s))),[n,e.join()]);return c.jsxs("p",{className:"photos",children:[t("photos"),":"," ",i==null?void 0:i.map((s,o)=>c.jsx("a",{href:s,target:"_blank",rel:"noreferrer",children:c.jsx("img",{src:s,alt:`${t("photo")} ${o+1}`,height:48})},e[o]))]})}function nh({parcel:n,changed:e}){const{t,e:i,err:s}=z(),[o,r]=D.useState(""),[a,d]=D.useState(null),[l,h]=D.useState(null),[u]=D.useState(te),[p,f]=D.useState(null),b=async g=>{if(g.preventDefault(),!!o.trim())try{d((await j(Xu,{search:o.trim()})).parcelCandidates),f(null)}catch(S){f(s(S))}},x=async g=>{h(null);try{await j(Qu,{parcel:n.id,ticket:g,cmd:u}),f(null),e()}catch(S){f(s(S))}};return c.jsxs("div",{className:"pool-match",children:[c.jsxs("form",{onSubmit:g=>void b(g),"aria-label":t("findTicket"),children:[c.jsx(q,{label:t("findTicket"),children:c.jsx("input",{value:o,placeholder:t("findTicketHint"),onChange:g=>r(g.target.value),"data-testid":`pool-search-${n.trackingNumber}`})}),c.jsx("button",{type:"submit",children:t("search")})]}),a&&a.length===0&&c.jsx("p",{children:t("noCandidates")}),a&&a.length>0&&c.jsx("ul",{"data-testid":"pool-candidates",children:a.map(g=>c.jsxs("li",{children:[c.jsx(fe,{to:`/ticket/${g.ticketId}`,children:g.ticketId.slice(0,8)})," · ",i("kind",g.kind)," · ",i("status",g.status)," · ",g.customer," ·"," ",g.platformOrderId??"—"," · ",t("expecting"),": ",g.expecting.join(", ")," ",c.jsx("button",{type:"button",onClick:()=>h(g.ticketId),children:t("receiveOnTicket")})]},g.ticketId))}),l&&c.jsx(Ge,{action:t("receiveOnTicket"),consequence:t("receiveOnTicketConsequence",{number:n.trackingNumber,ticket:l.slice(0,8)}),onConfirm:()=>void x(l),onCancel:()=>h(null)}),c.jsx(Q,{error:p})]})}function ih({parcel:n,changed:e}){const{t,e:i,err:s,session:o}=z(),[r,a]=D.useState("RETURN_TO_SENDER"),[d,l]=D.useState(""),[h,u]=D.useState(""),[p]=D.useState(te),[f,b]=D.useState(null),[x,g]=D.useState(null),S=async()=>{const $=f;b(null);try{$==="request"?await j(Zu,{parcel:n.id,cmd:p,version:n.version,input:{disposition:r,reason:d.trim()}}):await j(Ju,{parcel:n.id,cmd:p,version:n.version,approve:$==="approve",note:h.trim()||null}),g(null),e()}catch(m){g(s(m))}};if(n.status==="DISPOSITION_REQUESTED"&&n.disposition){const $=n.disposition;return c.jsxs("div",{className:"pool-disposition",children:[c.jsxs("p",{children:[t("dispositionAsked"),": ",i("disposition",$.disposition)," · ",$.reason]}),o.role==="ADMIN"&&c.jsxs("form",{onSubmit:m=>m.preventDefault(),"aria-label":t("decideDisposition"),children:[c.jsx(q,{label:t("note"),children:c.jsx("input",{value:h,onChange:m=>u(m.target.value)})}),c.jsx("button",{type:"button",onClick:()=>b("approve"),children:t("approveDisposition")}),c.jsx("button",{type:"button",onClick:()=>b("refuse"),children:t("refuseDisposition")})]}),f&&c.jsx(Ge,{action:t(f==="approve"?"approveDisposition":"refuseDisposition"),consequence:f==="approve"?t("approveDispositionConsequence",{number:n.trackingNumber,disposition:i("disposition",$.disposition)}):t("refuseDispositionConsequence",{number:n.trackingNumber}),onConfirm:()=>void S(),onCancel:()=>b(null)}),c.jsx(Q,{error:x})]})}return n.ageDays<14?c.jsx("p",{className:"hint",children:t("disposableFrom",{days:14-n.ageDays})}):c.jsxs("form",{className:"pool-disposition","aria-label":t("requestDisposition"),onSubmit:$=>{$.preventDefault(),b("request")},children:[c.jsx(_e,{label:t("disposition"),group:"disposition",value:r,onChange:a}),c.jsx(q,{label:t("dispositionReason"),children:c.jsx("input",{value:d,required:!0,onChange:$=>l($.target.value)})}),c.jsx("button",{type:"submit",children:t("requestDisposition")}),f&&c.jsx(Ge,{action:t("requestDisposition"),consequence:t("requestDispositionConsequence",{number:n.trackingNumber,disposition:i("disposition",r)}),onConfirm:()=>void S(),onCancel:()=>b(null)}),c.jsx(Q,{error:x})]})}function sh({seen:n}){const{t:e,e:t,session:i}=z(),[s,o]=D.useState(0),{data:r,error:a}=ne(()=>j(Gu),[n,s]),d=r==null?void 0:r.parcelPool,l=i.role==="WAREHOUSE"||i.role==="ADMIN"||i.role==="CUSTOMER_SERVICE",h=()=>o(u=>u+1);return c.jsxs("section",{"aria-labelledby":"pool-title",className:"queue pool","data-testid":"parcel-pool",children:[c.jsxs("h2",{id:"pool-title",children:[e("parcelPool")," (",(d==null?void 0:d.length)??"…",")"]}),c.jsx(Q,{error:a}),d&&d.length===0&&c.jsx("p",{children:e("poolEmpty")}),c.jsx("ul",{children:d==null?void 0:d.map(u=>c.jsx("li",{"data-testid":`pool-${u.trackingNumber}`,children:c.jsxs("details",{children:[c.jsxs("summary",{children:[u.trackingNumber," · ",u.carrier," · ",e("poolAge",{days:u.ageDays})," · ",t("parcelStatus",u.status)]}),c.jsxs("p",{children:[e("parcelContents"),": ",u.contents]}),c.jsxs("p",{children:[e("sender"),": ",u.senderName??"—"," · ",u.senderPhone??"—"]}),u.photoRefs.length>0&&c.jsx(th,{parcel:u.id,refs:u.photoRefs}),l&&c.jsx(nh,{parcel:u,changed:h}),(i.role==="WAREHOUSE"||i.role==="ADMIN")&&c.jsx(ih,{parcel:u,changed:h})]})},u.id))})]})}function oh(){const{t:n}=z(),{data:e,error:t}=ne(()=>j(Yu),[]),i=e==null?void 0:e.parcelPoolStats;return c.jsxs("section",{"aria-labelledby":"pool-stats-title",children:[c.jsx("h2",{id:"pool-stats-title",children:n("parcelPool")}),c.jsx(Q,{error:t}),i&&c.jsx("table",{"data-testid":"pool-stats",children:c.jsxs("tbody",{children:[c.jsxs("tr",{children:[c.jsx("th",{scope:"row",children:n("poolWaiting")}),c.jsx("td",{children:i.unmatched})]}),c.jsxs("tr",{children:[c.jsx("th",{scope:"row",children:n("poolOldest")}),c.jsx("td",{children:i.oldestUnmatchedDays==null?"—":n("poolAge",{days:i.oldestUnmatchedDays})})]}),c.jsxs("tr",{children:[c.jsx("th",{scope:"row",children:n("poolApprovals")}),c.jsx("td",{children:i.dispositionRequested})]}),c.jsxs("tr",{children:[c.jsx("th",{scope:"row",children:n("poolMatched")}),c.jsx("td",{children:i.matched})]}),c.jsxs("tr",{children:[c.jsx("th",{scope:"row",children:n("poolDisposed")}),c.jsx("td",{children:i.disposed})]})]})})]})}const rh=U(`
  query ManagementStats($channel: String, $sku: String, $kind: TicketKind, $from: NaiveDate, $to: NaiveDate) {
    managementStats(channel: $channel, sku: $sku, kind: $kind, from: $from, to: $to) {
      statusCounts { status kind count }
      cycleTimes { step averageSeconds tickets }
      reasons { sku channel reasonCode tickets units }
    }
  }
`);function cs(n){return new Date(Date.now()-n*864e5).toISOString().slice(0,10)}function ah(){const{t:n,e}=z(),[t,i]=D.useState(()=>cs(29)),[s,o]=D.useState(()=>cs(0)),[r,a]=D.useState(""),[d,l]=D.useState(""),[h,u]=D.useState(""),{data:p,error:f}=ne(()=>j(rh,{channel:r||null,sku:h.trim()||null,kind:d||null,from:t||null,to:s||null}),[r,h,d,t,s]),b=D.useMemo(()=>{const x=p==null?void 0:p.managementStats;if(!x)return null;const g=[...new Set(x.statusCounts.map(y=>y.status??"—"))],S=[...new Set(x.statusCounts.map(y=>y.kind??"—"))],$=[...new Set(x.reasons.map(y=>`${y.sku} · ${e("channel",y.channel)}`))].sort(),m=[...new Set(x.reasons.map(y=>y.reasonCode))].sort();return{status:{labels:g.map(y=>e("status",y)),series:S.map(y=>({label:e("kind",y),data:g.map(k=>x.statusCounts.filter(v=>(v.status??"—")===k&&(v.kind??"—")===y).reduce((v,_)=>v+_.count,0))}))},cycle:{labels:x.cycleTimes.map(y=>e("step",y.step)),series:[{label:n("hours"),data:x.cycleTimes.map(y=>Math.round(y.averageSeconds/36)/100)},{label:n("ticketsCount"),data:x.cycleTimes.map(y=>y.tickets)}],drawn:1},reasons:{labels:$,series:m.map(y=>({label:e("reason",y),data:$.map(k=>x.reasons.filter(v=>`${v.sku} · ${e("channel",v.channel)}`===k&&v.reasonCode===y).reduce((v,_)=>v+_.tickets,0))}))}}},[p,e,n]);return c.jsxs("section",{"aria-labelledby":"management-title",children:[c.jsx("h1",{id:"management-title",children:n("management")}),c.jsxs("form",{className:"filters",onSubmit:x=>x.preventDefault(),"aria-label":n("filters"),children:[c.jsx(q,{label:n("from"),children:c.jsx("input",{type:"date",value:t,max:s||void 0,onChange:x=>i(x.target.value)})}),c.jsx(q,{label:n("to"),children:c.jsx("input",{type:"date",value:s,min:t||void 0,onChange:x=>o(x.target.value)})}),c.jsx(_e,{label:n("channel"),group:"channel",value:r,onChange:a,any:!0}),c.jsx(_e,{label:n("kind"),group:"kind",value:d,onChange:l,any:!0}),c.jsx(q,{label:n("sku"),children:c.jsx("input",{value:h,onChange:x=>u(x.target.value)})})]}),c.jsx("p",{className:"hint",children:n("managementScope")}),c.jsx(Q,{error:f}),b&&c.jsxs("div",{className:"charts",children:[c.jsx(zt,{title:n("countsPerStatus"),labels:b.status.labels,series:b.status.series,stacked:!0}),c.jsx(zt,{title:n("cycleTimes"),labels:b.cycle.labels,series:b.cycle.series,drawn:b.cycle.drawn}),c.jsx(zt,{title:n("reasons"),labels:b.reasons.labels,series:b.reasons.series,stacked:!0})]}),c.jsx(Wu,{}),c.jsx(oh,{})]})}const ch=U(`
  mutation OpenTicketForm($cmd: UUID!, $input: OpenTicketInput!) {
    openTicket(commandId: $cmd, input: $input) { ticket { id } }
  }
`),ds={sku:"",name:"",qty:"1",paid:""};function dh(){const{t:n,err:e}=z(),[t,i]=D.useState("RETURN_AND_REFUND"),[s,o]=D.useState("manual"),[r,a]=D.useState(""),[d,l]=D.useState(""),[h,u]=D.useState(""),[p,f]=D.useState(""),[b,x]=D.useState("quality_issue"),[g,S]=D.useState(""),[$,m]=D.useState([{...ds}]),[y,k]=D.useState(null),[v,_]=D.useState(!1),[I]=D.useState(te),A=E=>Ue(E.paid)===null?n("moneyInvalid"):null,N=E=>/^[1-9]\d{0,3}$/.test(E.qty.trim()),M=$.some(E=>A(E)!==null||!N(E)),O=(E,F)=>m($.map((L,w)=>w===E?{...L,...F}:L)),P=async E=>{if(E.preventDefault(),!M){_(!0);try{const F=await j(ch,{cmd:I,input:{kind:t,channel:s,platformOrderId:r.trim()||null,customer:d.trim(),customerPhone:h.trim()||null,customerAddress:p.trim()||null,reasonCode:b,reasonText:g,currency:"CNY",lines:$.map((L,w)=>({lineId:`L${w+1}`,sku:L.sku.trim(),name:L.name.trim(),qty:Number(L.qty),paid:{amountMinor:Ue(L.paid)??0,currency:"CNY"}}))}});$t(`/ticket/${F.openTicket.ticket.id}`)}catch(F){k(e(F)),_(!1)}}};return c.jsxs("section",{"aria-labelledby":"open-title",children:[c.jsx("h1",{id:"open-title",children:n("openTicket")}),c.jsxs("form",{className:"action wide","aria-labelledby":"open-title",onSubmit:E=>void P(E),children:[c.jsxs("div",{className:"filters",children:[c.jsx(_e,{label:n("kind"),group:"kind",value:t,onChange:E=>i(E)}),c.jsx(_e,{label:n("channel"),group:"channel",value:s,onChange:o}),c.jsx(q,{label:n("platformOrder"),children:c.jsx("input",{value:r,onChange:E=>a(E.target.value)})})]}),c.jsxs("div",{className:"filters",children:[c.jsx(q,{label:n("customer"),children:c.jsx("input",{value:d,required:!0,onChange:E=>l(E.target.value)})}),c.jsx(q,{label:n("phone"),children:c.jsx("input",{value:h,inputMode:"tel",onChange:E=>u(E.target.value)})}),c.jsx(q,{label:n("address"),children:c.jsx("input",{value:p,onChange:E=>f(E.target.value)})})]}),c.jsxs("div",{className:"filters",children:[c.jsx(_e,{label:n("reason"),group:"reason",value:b,onChange:x}),c.jsx(q,{label:n("reasonText"),children:c.jsx("input",{value:g,required:!0,onChange:E=>S(E.target.value)})})]}),c.jsx("h2",{children:n("lines")}),$.map((E,F)=>c.jsxs("fieldset",{className:"filters","data-testid":`line-${F+1}`,children:[c.jsxs("legend",{children:[n("line")," ",F+1]}),c.jsx(q,{label:n("sku"),children:c.jsx("input",{value:E.sku,required:!0,onChange:L=>O(F,{sku:L.target.value})})}),c.jsx(q,{label:n("item"),children:c.jsx("input",{value:E.name,required:!0,onChange:L=>O(F,{name:L.target.value})})}),c.jsx(q,{label:n("qty"),children:c.jsx("input",{value:E.qty,inputMode:"numeric",required:!0,"aria-invalid":!N(E)||void 0,onChange:L=>O(F,{qty:L.target.value})})}),c.jsx(En,{label:n("paid"),text:E.paid,setText:L=>O(F,{paid:L}),error:E.paid?A(E):null}),$.length>1&&c.jsx("button",{type:"button",onClick:()=>m($.filter((L,w)=>w!==F)),"aria-label":n("removeLine",{line:F+1}),children:c.jsx(Os,{size:14,"aria-hidden":"true"})})]},F)),c.jsx("p",{children:c.jsxs("button",{type:"button",onClick:()=>m([...$,{...ds}]),children:[c.jsx(Ts,{size:14,"aria-hidden":"true"})," ",n("addLine")]})}),c.jsx("button",{type:"submit",disabled:v||M,children:n("openTicket")}),c.jsx(Q,{error:y})]})]})}const lh=U(`
  query Disputes {
    worklist(filter: { needsAttention: true, sort: DUE_FIRST }, first: 100) {
      nodes { ticketId kind channel customer reasonCode nextAction nextActionDue }
    }
  }
`),uh=U(`
  mutation RecordEvidenceSubmission($id: UUID!, $cmd: UUID!, $sha: String!) {
    recordEvidenceSubmission(ticketId: $id, commandId: $cmd, input: { packSha256: $sha }) {
      ticket { evidenceSubmissions { platform packSha256 submittedAt } }
    }
  }
`);function _o({ticketId:n,arbitrating:e,done:t}){const{t:i,err:s}=z(),[o,r]=D.useState(null),[a,d]=D.useState(!1),[l,h]=D.useState(null),[u,p]=D.useState(!1),[f,b]=D.useState(!1),[x,g]=D.useState(te),S=async()=>{if(p(!1),!!l)try{await j(uh,{id:n,cmd:x,sha:l}),b(!0),r(null),t==null||t()}catch(m){r(s(m))}},$=async()=>{d(!0);try{const{url:m,sha256:y}=await Vo(n);h(y),b(!1),g(te());const k=document.createElement("a");k.href=m,k.download=`evidence-${n}.zip`,document.body.append(k),k.click(),k.remove(),setTimeout(()=>URL.revokeObjectURL(m),6e4),r(null)}catch(m){r(s(m))}finally{d(!1)}};return c.jsxs(c.Fragment,{children:[c.jsx("button",{type:"button",disabled:a,onClick:()=>void $(),"data-testid":`pack-${n.slice(0,8)}`,children:i("downloadPack")}),e&&l&&!f&&c.jsx("button",{type:"button",onClick:()=>p(!0),children:i("packUploaded")}),f&&c.jsx("span",{role:"status",children:i("packRecorded")}),u&&l&&c.jsx(Ge,{action:i("packUploaded"),consequence:i("packUploadedConsequence",{digest:l.slice(0,12)}),onConfirm:()=>void S(),onCancel:()=>p(!1)}),c.jsx(Q,{error:o})]})}function hh(){const{t:n,e,lang:t}=z(),{data:i,error:s}=ne(()=>j(lh),[]),o=i==null?void 0:i.worklist.nodes.filter(a=>a.nextAction==="platform_intervening"),r=a=>a?new Date(a).toLocaleString(t==="zh"?"zh-CN":"en-GB"):n("noDeadline");return c.jsxs("section",{"aria-labelledby":"disputes-title","data-testid":"disputes",children:[c.jsxs("h2",{id:"disputes-title",children:[n("disputes")," (",(o==null?void 0:o.length)??"…",")"]}),c.jsx("p",{className:"hint",children:n("disputesHint")}),c.jsx(Q,{error:s}),o&&o.length===0&&c.jsx("p",{children:n("noDisputes")}),o&&o.length>0&&c.jsxs("table",{children:[c.jsx("thead",{children:c.jsxs("tr",{children:[c.jsx("th",{scope:"col",children:n("ticket")}),c.jsx("th",{scope:"col",children:n("channel")}),c.jsx("th",{scope:"col",children:n("customer")}),c.jsx("th",{scope:"col",children:n("reason")}),c.jsx("th",{scope:"col",children:n("platformDeadline")}),c.jsx("th",{scope:"col",children:n("evidencePack")})]})}),c.jsx("tbody",{children:o.map(a=>c.jsxs("tr",{children:[c.jsxs("td",{children:[c.jsx(fe,{to:`/ticket/${a.ticketId}`,children:a.ticketId.slice(0,8)})," ",e("kind",a.kind)]}),c.jsx("td",{children:e("channel",a.channel)}),c.jsx("td",{children:a.customer}),c.jsx("td",{children:e("reason",a.reasonCode)}),c.jsx("td",{children:r(a.nextActionDue)}),c.jsx("td",{children:c.jsx(_o,{ticketId:a.ticketId,arbitrating:!0})})]},a.ticketId))})]})]})}function Ro({ticketId:n,references:e}){const{t,err:i}=z(),[s,o]=D.useState(!1),[r,a]=D.useState([]),[d,l]=D.useState(null),h=D.useRef(null);return D.useEffect(()=>{var f;if(!s)return;(f=h.current)==null||f.showModal();let u=!0;const p=[];return Promise.all(e.map(b=>Ho(n,b))).then(b=>{p.push(...b),u&&a(b)},b=>u&&l(i(b))),()=>{u=!1,p.forEach(b=>URL.revokeObjectURL(b))}},[s,n,e,i]),c.jsxs(c.Fragment,{children:[c.jsxs("button",{type:"button",className:"icon",onClick:()=>o(!0),"aria-label":`${t("photos")}: ${e.length}`,children:[c.jsx(gr,{size:16,"aria-hidden":"true"})," ",e.length]}),s&&c.jsxs("dialog",{ref:h,className:"dialog photos","aria-label":t("photos"),onClose:()=>o(!1),children:[c.jsx("button",{type:"button",className:"icon",onClick:()=>o(!1),"aria-label":t("close"),children:c.jsx(kr,{size:16,"aria-hidden":"true"})}),d&&c.jsx("p",{role:"alert",children:d}),r.map((u,p)=>c.jsx("a",{href:u,target:"_blank",rel:"noreferrer",children:c.jsx("img",{src:u,alt:`${t("photo")} ${p+1}`})},u))]})]})}const ls=U(`
  query InboundParcel($tracking: String!) {
    inboundParcel(trackingNumber: $tracking) { ticketId }
  }
`),ph=U(`
  query DeskTicket($id: UUID!) {
    ticket(id: $id) { ...TicketView }
  }
`),fh=U(`
  mutation ReceiveReturn($id: UUID!, $cmd: UUID!, $input: ReceiveReturnInput!) {
    receiveReturn(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`),mh=U(`
  mutation RecordInspection($id: UUID!, $cmd: UUID!, $input: RecordInspectionInput!) {
    recordInspection(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`),gh=U(`
  mutation CompleteInspection($id: UUID!, $cmd: UUID!) {
    completeInspection(ticketId: $id, commandId: $cmd) { version }
  }
`),bh=U(`
  query WarehouseQueue($queue: WarehouseQueue!, $seen: Int) {
    warehouseQueue(queue: $queue, first: 50, atLeastPosition: $seen) {
      nodes { ticketId status kind customer channel trackingNumber carrier qtyApplied qtyReceived }
    }
  }
`),xh=U(`
  mutation RevealForShipping($id: UUID!, $reason: String!) {
    revealPersonalData(ticketId: $id, reason: $reason) { customer customerPhone customerAddress }
  }
`),yh=U(`
  mutation DeskShipReplacement($id: UUID!, $cmd: UUID!, $input: ShipmentInput!) {
    shipReplacement(ticketId: $id, commandId: $cmd, input: $input) { position }
  }
`),kh=U(`
  mutation DeskReturnGoods($id: UUID!, $cmd: UUID!, $input: ShipmentInput!) {
    returnGoodsToCustomer(ticketId: $id, commandId: $cmd, input: $input) { position }
  }
`),Ih=U(`
  mutation DeskShipReshipment($id: UUID!, $cmd: UUID!, $input: ShipReshipmentInput!) {
    shipReshipment(ticketId: $id, commandId: $cmd, input: $input) { position }
  }
`),vh=U(`
  mutation DeskShipRepairedGoods($id: UUID!, $cmd: UUID!, $input: ShipmentInput!) {
    shipRepairedGoods(ticketId: $id, commandId: $cmd, input: $input) { position }
  }
`),Sh=U(`
  subscription WarehouseChanges {
    departmentQueue(department: WAREHOUSE) { position change }
  }
`),$h=["NEW","OPENED","USED","DAMAGED","MISSING","WRONG_ITEM"],Cn="***";function wo(n){return n.trim().replace(/\s+/g,"").toUpperCase()}let Jt=()=>{};function Ao({ticket:n,done:e}){const{t,e:i,err:s,session:o}=z(),r=new Set(n.nextActions.filter(v=>v.roles.includes(o.role)).map(v=>v.command)),[a,d]=D.useState(null),[l,h]=D.useState(!1),u=async v=>{h(!0);try{return await v(),d(null),e(),!0}catch(_){return d(s(_)),!1}finally{h(!1),Jt()}},p=v=>v.qtyApplied-v.qtyReceived,f=n.lines.map(p).join(","),[b,x]=D.useState({});D.useEffect(()=>{x(Object.fromEntries(n.lines.map(v=>[v.lineId,String(p(v))])))},[f]);const[g,S]=D.useState("INTACT"),$=v=>{v==null||v.preventDefault();const _=te();u(()=>j(fh,{id:n.id,cmd:_,input:{packageCondition:g,lines:n.lines.map(I=>({lineId:I.lineId,qty:Number(b[I.lineId]??0)})).filter(I=>I.qty>0)}}))},m=()=>void u(()=>j(gh,{id:n.id,cmd:te()})),y=D.useRef(new Map),k=n.lines.filter(v=>v.qtyReceived>0);return D.useEffect(()=>{const v=_=>{var I;if(!l){if(_.key==="F2"&&r.has("ReceiveReturn"))$();else if(_.key==="F3"&&r.has("RecordInspection")){const A=k.find(N=>!N.inspection)??k[0];A&&((I=y.current.get(A.lineId))==null||I())}else if(_.key==="F4"&&r.has("CompleteInspection"))m();else return;_.preventDefault()}};return addEventListener("keydown",v),()=>removeEventListener("keydown",v)}),c.jsxs("div",{className:"desk","data-testid":"inspection-desk",children:[r.has("ReceiveReturn")&&c.jsxs("form",{className:"action","aria-labelledby":`receive-${n.id}`,onSubmit:$,children:[c.jsx("h3",{id:`receive-${n.id}`,children:t("receive")}),n.lines.map(v=>c.jsx(q,{label:`${v.lineId} ${v.sku} ${t("qty")} (≤ ${p(v)})`,children:c.jsx("input",{type:"number",min:0,max:p(v),value:b[v.lineId]??"",onChange:_=>x({...b,[v.lineId]:_.target.value})})},v.lineId)),c.jsx(q,{label:t("packageCondition"),children:c.jsx("select",{value:g,onChange:v=>S(v.target.value),children:["INTACT","DAMAGED","TAMPERED"].map(v=>c.jsx("option",{value:v,children:i("packageCondition",v)},v))})}),c.jsxs("button",{type:"submit",disabled:l,children:[t("receive")," ",c.jsx("kbd",{children:"F2"})]})]}),r.has("RecordInspection")&&k.map(v=>c.jsx(Dh,{ticket:n,line:v,run:u,busy:l,register:_=>{_?y.current.set(v.lineId,_):y.current.delete(v.lineId)}},v.lineId)),r.has("CompleteInspection")&&c.jsxs("button",{type:"button",disabled:l,onClick:m,children:[t("complete")," ",c.jsx("kbd",{children:"F4"})]}),c.jsx(Q,{error:a})]})}function bn(n){const e=n.inspection,t=(e==null?void 0:e.notes)===Cn;return{grade:(e==null?void 0:e.grade)??"NEW",verdict:(e==null?void 0:e.verdict)??"PASS",inspected:String((e==null?void 0:e.qtyInspected)??n.qtyReceived),accepted:String((e==null?void 0:e.qtyAccepted)??n.qtyReceived),deduction:Ss((e==null?void 0:e.deduction.amountMinor)??0),notes:t?"":(e==null?void 0:e.notes)??"",keepNotes:t}}function us(n,e){if(!/^\s*\d+\s*$/.test(n))return null;const t=Number(n);return t<=e?t:null}function Dh({ticket:n,line:e,run:t,busy:i,register:s}){var F,L,w;const{t:o,e:r,money:a}=z(),d=JSON.stringify(e.inspection??null),[l,h]=D.useState(()=>bn(e)),[u,p]=D.useState(!1),[f,b]=D.useState(d),[x,g]=D.useState([]),S=D.useRef(null);D.useEffect(()=>{d!==f&&(u||(h(bn(e)),b(d)))},[d,u]);const $=u&&d!==f&&e.inspection,m=T=>{h(W=>({...W,...T})),p(!0)},y=n.currency??"CNY",k=us(l.inspected,e.qtyReceived),v=us(l.accepted,k??e.qtyReceived),_=l.verdict==="FAIL"||v===null?0:v>=e.qtyApplied?e.paid.amountMinor:Math.floor(e.paid.amountMinor*v/e.qtyApplied),I=Ue(l.deduction),A=I===null?o("moneyInvalid"):l.verdict==="FAIL"&&I>0?o("deductionFailed"):I>_?o("moneyOverLimit",{limit:a({amountMinor:_,currency:y})}):null,N=k===null||v===null||A!==null,M=((F=e.inspection)==null?void 0:F.photoRefs)??[],O=`inspect-${n.id.slice(0,8)}-${e.lineId}`,P=()=>{if(N||i)return;const T=te(),W=l;t(async()=>{const R=[];for(const G of x)R.push(await Bo(n.id,G));await j(mh,{id:n.id,cmd:T,input:{lineId:e.lineId,grade:W.grade,verdict:W.verdict,qtyInspected:k??0,qtyAccepted:v??0,deduction:{amountMinor:I??0,currency:y},notes:W.keepNotes?"":W.notes,keepRecordedNotes:W.keepNotes,photoRefs:[...M,...R]}})}).then(R=>{R&&(p(!1),g([]),S.current&&(S.current.value=""))})};D.useEffect(()=>(s(P),()=>s(null)));const E=e.inspection?`${r("grade",e.inspection.grade)} ${r("verdict",e.inspection.verdict)} ${e.inspection.qtyAccepted}/${e.inspection.qtyInspected} ${a(e.inspection.deduction)}`:o("notRecorded");return c.jsxs("form",{className:"action","aria-labelledby":`${O}-title`,"data-testid":`inspect-${e.lineId}`,onSubmit:T=>{T.preventDefault(),P()},children:[c.jsxs("h3",{id:`${O}-title`,children:[o("inspection")," ",e.lineId," ",e.sku," · ",o("recorded"),": ",E]}),$&&c.jsxs("p",{role:"status",className:"notice","data-testid":"changed-meanwhile",children:[o("changedMeanwhile",{summary:E})," ",c.jsx("button",{type:"button",onClick:()=>{h(bn(e)),b(d),p(!1)},children:o("useRecorded")})]}),c.jsx(q,{label:o("grade"),children:c.jsx("select",{value:l.grade,onChange:T=>m({grade:T.target.value}),children:$h.map(T=>c.jsx("option",{value:T,children:r("grade",T)},T))})}),c.jsx(q,{label:o("verdict"),children:c.jsx("select",{value:l.verdict,onChange:T=>m({verdict:T.target.value}),children:["PASS","FAIL"].map(T=>c.jsx("option",{value:T,children:r("verdict",T)},T))})}),c.jsx(q,{label:`${o("inspected")} (≤ ${e.qtyReceived})`,children:c.jsx("input",{type:"number",min:0,max:e.qtyReceived,value:l.inspected,"aria-invalid":k===null||void 0,onChange:T=>m({inspected:T.target.value})})}),c.jsx(q,{label:o("accepted"),children:c.jsx("input",{type:"number",min:0,max:e.qtyReceived,value:l.accepted,"aria-invalid":v===null||void 0,onChange:T=>m({accepted:T.target.value})})}),c.jsx(En,{label:o("deduction"),hint:o("deductionLimit",{limit:a({amountMinor:_,currency:y})}),text:l.deduction,setText:T=>m({deduction:T}),error:A}),((L=e.inspection)==null?void 0:L.notes)===Cn&&c.jsxs("label",{className:"field check",children:[c.jsx("input",{type:"checkbox",checked:l.keepNotes,onChange:T=>m({keepNotes:T.target.checked})}),c.jsx("span",{children:o("keepNotes")})]}),c.jsx(q,{label:((w=e.inspection)==null?void 0:w.notes)===Cn?o("newNotes"):o("notes"),children:c.jsx("input",{value:l.notes,disabled:l.keepNotes,onChange:T=>m({notes:T.target.value})})}),M.length>0&&c.jsxs("p",{children:[o("keepPhotos",{count:M.length})," ",c.jsx(Ro,{ticketId:n.id,references:M})]}),c.jsx(q,{label:o("photos"),children:c.jsx("input",{ref:S,type:"file",accept:"image/jpeg,image/png,image/webp",capture:"environment",multiple:!0,onChange:T=>{g(Array.from(T.target.files??[])),p(!0)}})}),c.jsxs("button",{type:"submit",disabled:i||N,children:[o("record")," ",e.lineId," ",c.jsx("kbd",{children:"F3"})]})]})}const _h=["REPLACEMENTS_TO_SHIP","RESHIPS_TO_SHIP","REPAIRS_TO_SHIP_BACK","RETURNS_TO_CUSTOMER"],hs={REPLACEMENTS_TO_SHIP:{reason:"ship the replacement to the customer",label:"shipReplacement"},RESHIPS_TO_SHIP:{reason:"reship the missing part to the customer",label:"shipPart"},REPAIRS_TO_SHIP_BACK:{reason:"ship the repaired goods back to the customer",label:"shipRepaired"},RETURNS_TO_CUSTOMER:{reason:"send rejected goods back to the customer",label:"returnGoods"}};function Rh({ticketId:n,queue:e,shipped:t}){const{t:i,err:s}=z(),[o,r]=D.useState(null),[a,d]=D.useState("SF Express"),[l,h]=D.useState(""),[u,p]=D.useState(""),[f,b]=D.useState(null),[x,g]=D.useState(!1),[S]=D.useState(te),$=hs[e]??hs.RETURNS_TO_CUSTOMER,m=async()=>{try{const v=$.reason;r((await j(xh,{id:n,reason:v})).revealPersonalData),b(null)}catch(v){b(s(v))}},y=async v=>{v.preventDefault();const _=wo(l);if(_){g(!0);try{const I={carrier:a.trim(),trackingNumber:_},A=e==="REPLACEMENTS_TO_SHIP"?(await j(yh,{id:n,cmd:S,input:I})).shipReplacement.position:e==="RESHIPS_TO_SHIP"?(await j(Ih,{id:n,cmd:S,input:{...I,contents:u.trim()}})).shipReshipment.position:e==="REPAIRS_TO_SHIP_BACK"?(await j(vh,{id:n,cmd:S,input:I})).shipRepairedGoods.position:(await j(kh,{id:n,cmd:S,input:I})).returnGoodsToCustomer.position;b(null),t(A),Jt()}catch(I){b(s(I))}finally{g(!1)}}},k=i($.label);return c.jsxs("form",{className:"outbound","aria-label":`${k} ${n.slice(0,8)}`,onSubmit:v=>void y(v),"data-testid":`ship-${n.slice(0,8)}`,children:[o?c.jsxs("p",{"data-testid":"ship-to",children:[i("shipTo"),": ",o.customer," · ",o.customerPhone??"—"," · ",o.customerAddress??i("noAddress")]}):c.jsx("button",{type:"button",onClick:()=>void m(),children:i("revealAddress")}),c.jsx(q,{label:i("carrier"),children:c.jsx("input",{value:a,required:!0,onChange:v=>d(v.target.value)})}),c.jsx(q,{label:i("trackingNumber"),children:c.jsx("input",{value:l,required:!0,autoComplete:"off",onChange:v=>h(v.target.value)})}),e==="RESHIPS_TO_SHIP"&&c.jsx(q,{label:i("contents"),children:c.jsx("input",{value:u,required:!0,autoComplete:"off",onChange:v=>p(v.target.value)})}),c.jsx("button",{type:"submit",disabled:x,children:k}),c.jsx(Q,{error:f})]})}function Be({queue:n,title:e,seen:t,shipped:i}){const{e:s}=z(),{data:o,error:r}=ne(()=>j(bh,{queue:n,seen:t}),[n,t]),a=_h.includes(n),{session:d}=z(),l=d.role==="WAREHOUSE"||d.role==="ADMIN",h=`queue-${n}`;return c.jsxs("section",{"aria-labelledby":h,className:"queue",children:[c.jsxs("h2",{id:h,children:[e," (",(o==null?void 0:o.warehouseQueue.nodes.length)??"…",")"]}),c.jsx(Q,{error:r}),c.jsx("ul",{children:o==null?void 0:o.warehouseQueue.nodes.map(u=>c.jsxs("li",{children:[c.jsxs(fe,{to:`/ticket/${u.ticketId}`,children:[a?u.ticketId.slice(0,8):u.trackingNumber??u.ticketId.slice(0,8)," · ",u.customer," · ",s("kind",u.kind)," ·"," ",u.qtyReceived,"/",u.qtyApplied]}),a&&l&&c.jsx(Rh,{ticketId:u.ticketId,queue:n,shipped:i})]},u.ticketId))})]})}function wh({ticket:n,scanned:e,reload:t}){const{t:i,e:s}=z();return D.useEffect(()=>{let o=n.version;return St(Co,()=>({id:n.id,after:o}),r=>{r.ticketEvents.version<=o||(o=r.ticketEvents.version,t())})},[n.id]),c.jsxs("article",{className:"parcel","aria-label":`${i("ticket")} ${n.id.slice(0,8)}`,children:[c.jsxs("h2",{children:[c.jsx(fe,{to:`/ticket/${n.id}`,children:e})," ",c.jsx("span",{className:"badge","data-status":n.status,children:s("status",n.status)})," ",n.customer]}),c.jsx("ul",{children:n.lines.map(o=>c.jsxs("li",{children:[o.lineId," ",o.sku," ",o.name,": ",i("received")," ",o.qtyReceived,"/",o.qtyApplied,o.inspection?` · ${s("grade",o.inspection.grade)} ${s("verdict",o.inspection.verdict)}`:""]},o.lineId))}),c.jsx(Ao,{ticket:n,done:t})]})}function Ah(){const{t:n,err:e,session:t}=z(),i=D.useRef(null),[s,o]=D.useState(""),[r,a]=D.useState(null),[d,l]=D.useState(""),[h,u]=D.useState(null),[p,f]=D.useState(0),b=D.useCallback(()=>{var m;return(m=i.current)==null?void 0:m.focus()},[]);D.useEffect(()=>(Jt=b,b(),()=>{Jt=()=>{}}),[b]),D.useEffect(()=>St(Sh,()=>({}),m=>f(y=>Math.max(y,m.departmentQueue.position))),[]);const x=D.useCallback(async(m,y)=>{try{let k=await j(ls,{tracking:m});k.inboundParcel.length===0&&y!==m&&(k=await j(ls,{tracking:y}));const v=await Promise.all(k.inboundParcel.map(_=>j(ph,{id:_.ticketId})));a(v.map(_=>_.ticket)),u(null)}catch(k){u(e(k))}},[e]),g=m=>{m.preventDefault();const y=wo(s);y&&(l(y),o(""),x(y,s.trim()))},S=D.useCallback(()=>void x(d,d),[x,d]),$=D.useCallback(m=>f(y=>Math.max(y,m)),[]);return c.jsxs("section",{"aria-labelledby":"desk-title",className:"warehouse",children:[c.jsx("h1",{id:"desk-title",children:n("warehouse")}),c.jsxs("form",{onSubmit:g,className:"scanner",children:[c.jsx("label",{htmlFor:"scan",children:n("scan")}),c.jsx("input",{id:"scan","data-testid":"scan-input",ref:i,value:s,autoComplete:"off",placeholder:n("scanHint"),onChange:m=>o(m.target.value)})]}),c.jsx(Q,{error:h}),r&&r.length===0&&c.jsxs("div",{role:"status",className:"notice","data-testid":"no-match",children:[c.jsx("p",{children:n("noMatchScan",{number:d})}),c.jsx("p",{children:n("noMatchNext")}),c.jsx("button",{type:"button",onClick:b,children:n("scanAgain")}),(t.role==="WAREHOUSE"||t.role==="ADMIN")&&c.jsx(eh,{tracking:d,registered:()=>f(m=>m+1)},d)]}),r==null?void 0:r.map(m=>c.jsx(wh,{ticket:m,scanned:d,reload:S},m.id)),c.jsxs("div",{className:"queues",children:[c.jsx(Be,{queue:"EXPECTED_INBOUND",title:n("awaitingArrival"),seen:p,shipped:$}),c.jsx(Be,{queue:"AWAITING_INSPECTION",title:n("toInspect"),seen:p,shipped:$}),c.jsx(Be,{queue:"REPLACEMENTS_TO_SHIP",title:n("replacementsToShip"),seen:p,shipped:$}),c.jsx(Be,{queue:"RETURNS_TO_CUSTOMER",title:n("goodsToReturn"),seen:p,shipped:$}),c.jsx(Be,{queue:"RESHIPS_TO_SHIP",title:n("reshipsToShip"),seen:p,shipped:$}),c.jsx(Be,{queue:"REPAIRS_TO_DO",title:n("repairsToDo"),seen:p,shipped:$}),c.jsx(Be,{queue:"REPAIRS_TO_SHIP_BACK",title:n("repairsToShipBack"),seen:p,shipped:$}),c.jsx(sh,{seen:p})]})]})}U(`
  fragment TicketView on Ticket {
    id
    version
    status
    kind
    channel
    customer
    currency
    reasonCode
    reasonText
    platformOrderId
    customFields
    assignee
    customerPhone
    customerAddress
    platformAfterSaleId
    rejectionReason
    cancelReason
    inspectionFeedback
    resolution
    allowedResolutions
    followUps { followUpId purpose dueAt completedAt outcome }
    arbitration { open deadline outcome }
    evidenceSubmissions { platform packSha256 submittedAt }
    openedAt
    returnAddress { recipient phone address }
    goodsReturnedShipment { carrier trackingNumber }
    inspectionOutcome
    inspectionRound
    remainingRefundableMinor
    refundable { amountMinor currency }
    refunded { amountMinor currency }
    returnShipment { carrier trackingNumber }
    replacementShipment { carrier trackingNumber }
    lines {
      lineId sku name qtyApplied qtyReceived refundableMinor
      paid { amountMinor currency }
      inspection { grade verdict qtyInspected qtyAccepted notes photoRefs deduction { amountMinor currency } }
    }
    refunds { refundId status amount { amountMinor currency } gatewayReference }
    nextActions { command roles }
    notes { author text addedAt }
    allowedConversions
    allowedOffers
    conversion { conversion reason convertedAt refundAmount { amountMinor currency } }
    priceDifference { source basis amount { amountMinor currency } }
    reshipment { contents receivedBy shippedAt shipment { carrier trackingNumber } }
    repair { method workDone parts repairedAt cost { amountMinor currency } partsShipment { carrier trackingNumber } }
    repairReturnShipment { carrier trackingNumber }
    negotiation {
      offerId type conversion respondBy note madeAt status settledAt
      amount { amountMinor currency }
      returnAddress { recipient phone address }
    }
    replacementVariants { lineId sku name priceDifference { amountMinor currency } }
    variantCharge { amountMinor currency }
  }
`);const Ch=U(`
  query Ticket($id: UUID!) {
    ticket(id: $id) { ...TicketView }
  }
`),Co=U(`
  subscription TicketEvents($id: UUID!, $after: Int) {
    ticketEvents(ticketId: $id, afterVersion: $after) {
      version eventType actor role source recordedAt causationId payload
    }
  }
`),xn=U(`
  mutation ApproveApplication($id: UUID!, $cmd: UUID!, $input: ApproveApplicationInput!) {
    approveApplication(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`),Uh=U(`
  mutation RejectApplication($id: UUID!, $cmd: UUID!, $input: RejectApplicationInput!) {
    rejectApplication(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`),jh=U(`
  mutation RegisterReturnShipment($id: UUID!, $cmd: UUID!, $input: ShipmentInput!) {
    registerReturnShipment(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`),Th=U(`
  mutation SendInspectionFeedback($id: UUID!, $cmd: UUID!, $input: SendInspectionFeedbackInput!) {
    sendInspectionFeedback(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`),Ph=U(`
  mutation RequestRefund($id: UUID!, $cmd: UUID!, $input: RequestRefundInput!) {
    requestRefund(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`),Eh=U(`
  mutation ApproveRefund($id: UUID!, $cmd: UUID!, $input: ApproveRefundInput!) {
    approveRefund(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`),Mh=U(`
  mutation IssueRefund($id: UUID!, $cmd: UUID!, $input: IssueRefundInput!) {
    issueRefund(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`),Oh=U(`
  mutation ShipReplacement($id: UUID!, $cmd: UUID!, $input: ShipmentInput!) {
    shipReplacement(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`),Nh=U(`
  mutation ReturnGoodsToCustomer($id: UUID!, $cmd: UUID!, $input: ShipmentInput!) {
    returnGoodsToCustomer(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`),Fh=U(`
  mutation CloseTicket($id: UUID!, $cmd: UUID!, $input: CloseTicketInput!) {
    closeTicket(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`),Lh=U(`
  mutation CancelTicket($id: UUID!, $cmd: UUID!, $input: CancelTicketInput!) {
    cancelTicket(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`),qh=U(`
  mutation AddNote($id: UUID!, $cmd: UUID!, $input: AddNoteInput!) {
    addNote(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`),Bh=U(`
  mutation AssignTicket($id: UUID!, $cmd: UUID!, $input: AssignTicketInput!) {
    assignTicket(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`),zh=U(`
  mutation DisputeInspection($id: UUID!, $cmd: UUID!, $input: DisputeInspectionInput!) {
    disputeInspection(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`),Hh=U(`
  mutation ScheduleFollowUp($id: UUID!, $cmd: UUID!, $input: ScheduleFollowUpInput!) {
    scheduleFollowUp(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`),Vh=U(`
  mutation UpdateCustomFields($id: UUID!, $cmd: UUID!, $input: UpdateCustomFieldsInput!) {
    updateCustomFields(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`),Wh=U(`
  mutation CompleteFollowUpOnTicket($id: UUID!, $cmd: UUID!, $input: CompleteFollowUpInput!) {
    completeFollowUp(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`),Gh=U(`
  mutation RecordRefundFailure($id: UUID!, $cmd: UUID!, $input: RecordRefundFailureInput!) {
    recordRefundFailure(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`),Yh=U(`
  mutation StatePriceDifference($id: UUID!, $cmd: UUID!, $input: StatePriceDifferenceInput!) {
    statePriceDifference(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`),Kh=U(`
  mutation ShipReshipment($id: UUID!, $cmd: UUID!, $input: ShipReshipmentInput!) {
    shipReshipment(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`),Xh=U(`
  mutation ConfirmReshipmentReceived($id: UUID!, $cmd: UUID!, $input: ConfirmReshipmentReceivedInput!) {
    confirmReshipmentReceived(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`),Qh=U(`
  mutation RecordRepair($id: UUID!, $cmd: UUID!, $input: RecordRepairInput!) {
    recordRepair(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`),Zh=U(`
  mutation ShipRepairedGoods($id: UUID!, $cmd: UUID!, $input: ShipmentInput!) {
    shipRepairedGoods(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`),Jh=U(`
  mutation ConvertTicket($id: UUID!, $cmd: UUID!, $input: ConvertTicketInput!) {
    convertTicket(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`),ep=U(`
  mutation MakeCounterOffer($id: UUID!, $cmd: UUID!, $input: MakeCounterOfferInput!) {
    makeCounterOffer(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`),tp=U(`
  mutation RecordOfferAnswer($id: UUID!, $cmd: UUID!, $input: RecordOfferAnswerInput!) {
    recordOfferAnswer(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`),np=U(`
  mutation ChooseReplacementVariant($id: UUID!, $cmd: UUID!, $input: ChooseReplacementVariantInput!) {
    chooseReplacementVariant(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`);function ip(n){const e=new Date(n),t=i=>String(i).padStart(2,"0");return`${e.getFullYear()}-${t(e.getMonth()+1)}-${t(e.getDate())}T${t(e.getHours())}:${t(e.getMinutes())}`}function sp(n,e,t){const{t:i,e:s,money:o}=t,r=m=>({fields:[{name:"carrier",label:"carrier",initial:"SF Express"},{name:"trackingNumber",label:"trackingNumber"}],send:(y,k,v)=>j(m,{id:y,cmd:k,input:{carrier:v.carrier,trackingNumber:v.trackingNumber.trim()}})}),a=m=>e.refunds.filter(y=>y.status===m).map(y=>({value:y.refundId,label:`${o(y.amount)} · ${y.refundId.slice(0,8)}`})),d=m=>{var y;return o((y=e.refunds.find(k=>k.refundId===m))==null?void 0:y.amount)},l=e.currency??"CNY",h=m=>({amountMinor:Ue(m)??0,currency:l}),u=e.lines.reduce((m,y)=>m+y.paid.amountMinor,0),p=m=>{var y;return m==="EXCHANGE_TO_REFUND"?((y=e.refundable)==null?void 0:y.amountMinor)??0:m==="RETURN_TO_PARTIAL_REFUND"?u-1:u},f=m=>m!==""&&m!=="REPAIR_TO_EXCHANGE",b=e.allowedConversions.map(m=>({value:m,label:s("conversion",m)})),x=(m,y)=>[{name:"recipient",label:"recipient",optional:m,when:y},{name:"phone",label:"phone",optional:m,when:y},{name:"address",label:"address",optional:m,when:y}],g=m=>({recipient:m.recipient.trim(),phone:m.phone.trim(),address:m.address.trim()}),S=e.negotiation.find(m=>m.status==="OPEN"),$=m=>[s("offerType",m.type),m.conversion?s("conversion",m.conversion):null,m.amount?o(m.amount):null,m.returnAddress?`${m.returnAddress.recipient} · ${m.returnAddress.address}`:null].filter(Boolean).join(" · ");switch(n){case"ApproveApplication":{const m=e.kind??"";return m==="RETURN_AND_REFUND"||m==="EXCHANGE"?{fields:x(!1),send:(y,k,v)=>j(xn,{id:y,cmd:k,input:{returnAddress:g(v)}})}:m==="REPAIR"?{note:"approveRepairNote",fields:x(!0),send:(y,k,v)=>j(xn,{id:y,cmd:k,input:Object.values(g(v)).some(_=>_!=="")?{returnAddress:g(v)}:{}})}:{fields:[],send:(y,k)=>j(xn,{id:y,cmd:k,input:{}})}}case"RejectApplication":return{fields:[{name:"reason",label:"reason"}],send:(m,y,k)=>j(Uh,{id:m,cmd:y,input:{reason:k.reason}}),consequence:()=>i("consequenceReject")};case"RegisterReturnShipment":return r(jh);case"ShipReplacement":return r(Oh);case"ReturnGoodsToCustomer":return r(Nh);case"ShipRepairedGoods":return r(Zh);case"ShipReshipment":return{fields:[{name:"carrier",label:"carrier",initial:"SF Express"},{name:"trackingNumber",label:"trackingNumber"},{name:"contents",label:"contents"}],send:(m,y,k)=>j(Kh,{id:m,cmd:y,input:{carrier:k.carrier.trim(),trackingNumber:k.trackingNumber.trim(),contents:k.contents.trim()}})};case"ConfirmReshipmentReceived":return{fields:[{name:"by",label:"receiptBy",options:["BUYER","PLATFORM","CARRIER"].map(m=>({value:m,label:s("receiptBy",m)}))}],send:(m,y,k)=>j(Xh,{id:m,cmd:y,input:{by:k.by}}),consequence:m=>i("consequenceConfirmReshipment",{by:s("receiptBy",m.by)})};case"StatePriceDifference":return{fields:[{name:"amount",label:"priceDifference",money:{max:u}},{name:"source",label:"differenceSource",options:["POLICY","PLATFORM"].map(m=>({value:m,label:s("differenceSource",m)}))},{name:"basis",label:"basis"}],send:(m,y,k)=>j(Yh,{id:m,cmd:y,input:{amount:h(k.amount),source:k.source,basis:k.basis.trim()}}),consequence:m=>i("consequenceStateDifference",{amount:o(h(m.amount))})};case"RecordRepair":{const y=e.lines.some(v=>v.qtyReceived>0)?["WORKSHOP"]:["PARTS_SENT","VISIT"],k=v=>v.method==="PARTS_SENT";return{fields:[{name:"method",label:"repairMethod",options:y.map(v=>({value:v,label:s("repairMethod",v)}))},{name:"workDone",label:"workDone"},{name:"parts",label:"parts",optional:!0},{name:"cost",label:"repairCost",initial:"0.00",money:{}},{name:"partsCarrier",label:"partsCarrier",optional:!0,when:k},{name:"partsTracking",label:"partsTracking",optional:!0,when:k}],send:(v,_,I)=>j(Qh,{id:v,cmd:_,input:{method:I.method,workDone:I.workDone.trim(),parts:I.parts.split(/[,，、]/).map(A=>A.trim()).filter(A=>A!==""),cost:h(I.cost),partsShipment:I.partsTracking.trim()!==""?{carrier:I.partsCarrier.trim(),trackingNumber:I.partsTracking.trim()}:null}})}}case"ConvertTicket":return b.length===0?null:{fields:[{name:"conversion",label:"conversion",options:b},{name:"refundAmount",label:"conversionRefund",money:m=>({max:p(m.conversion)}),when:m=>f(m.conversion)},{name:"reason",label:"reason"}],send:(m,y,k)=>j(Jh,{id:m,cmd:y,input:{conversion:k.conversion,reason:k.reason.trim(),refundAmount:f(k.conversion)?h(k.refundAmount):null}}),consequence:m=>f(m.conversion)?i("consequenceConvertRefund",{conversion:s("conversion",m.conversion),amount:o(h(m.refundAmount))}):i("consequenceConvertExchange",{conversion:s("conversion",m.conversion)})};case"MakeCounterOffer":{const m=e.allowedOffers.map(v=>({value:v,label:s("offerType",v)}));if(m.length===0)return null;const y=v=>_=>_.type===v,k=v=>v.type==="CONVERSION"&&f(v.conversion);return{fields:[{name:"type",label:"offerType",options:m},{name:"partialRefund",label:"amount",money:{max:u-1},when:y("PARTIAL_REFUND")},{name:"conversion",label:"conversion",options:b,when:y("CONVERSION")},{name:"refundAmount",label:"conversionRefund",money:v=>({max:p(v.conversion)}),when:k},...x(!1,y("RETURN_ADDRESS")),{name:"respondBy",label:"respondBy",type:"datetime-local",initial:ip(Date.now()+48*36e5)},{name:"note",label:"noteToBuyer"}],send:(v,_,I)=>j(ep,{id:v,cmd:_,input:{partialRefund:I.type==="PARTIAL_REFUND"?h(I.partialRefund):null,conversion:I.type==="CONVERSION"?{conversion:I.conversion,refundAmount:f(I.conversion)?h(I.refundAmount):null}:null,returnAddress:I.type==="RETURN_ADDRESS"?g(I):null,respondBy:new Date(I.respondBy).toISOString(),note:I.note.trim()}})}}case"RecordOfferAnswer":return S?{fields:[{name:"offerId",label:"offer",options:[{value:S.offerId,label:$(S)}]},{name:"answer",label:"answer",options:["ACCEPTED","DECLINED"].map(m=>({value:m,label:s("offerAnswer",m)}))}],send:(m,y,k)=>j(tp,{id:m,cmd:y,input:{offerId:k.offerId,answer:k.answer}}),consequence:m=>i(m.answer==="ACCEPTED"?"consequenceOfferAccepted":"consequenceOfferDeclined",{offer:$(S)})}:null;case"ChooseReplacementVariant":{const m=y=>{var k;return((k=e.lines.find(v=>v.lineId===y))==null?void 0:k.paid.amountMinor)??0};return{fields:[{name:"lineId",label:"line",options:e.lines.map(y=>({value:y.lineId,label:`${y.lineId} · ${y.sku} · ${y.name}`}))},{name:"sku",label:"variantSku"},{name:"name",label:"variantName"},{name:"priceDifference",label:"variantDifference",initial:"0.00",money:y=>({min:-m(y.lineId)})}],send:(y,k,v)=>j(np,{id:y,cmd:k,input:{lineId:v.lineId,sku:v.sku.trim(),name:v.name.trim(),priceDifference:{amountMinor:$s(v.priceDifference)??0,currency:l}}})}}case"SendInspectionFeedback":return{fields:[{name:"message",label:"message"}],send:(m,y,k)=>j(Th,{id:m,cmd:y,input:{message:k.message}})};case"DisputeInspection":return{fields:[{name:"reason",label:"reason"}],send:(m,y,k)=>j(zh,{id:m,cmd:y,input:{reason:k.reason}})};case"RequestRefund":return{fields:[{name:"amount",label:"amount",initial:Ss(e.remainingRefundableMinor),money:{max:e.remainingRefundableMinor}}],send:(m,y,k)=>j(Ph,{id:m,cmd:y,input:{amount:{amountMinor:Ue(k.amount)??0,currency:l}}}),consequence:m=>i("consequenceRequestRefund",{amount:o({amountMinor:Ue(m.amount)??0,currency:l})})};case"ApproveRefund":return{fields:[{name:"refundId",label:"refundsQueue",options:a("REQUESTED")}],send:(m,y,k)=>j(Eh,{id:m,cmd:y,input:{refundId:k.refundId}}),consequence:m=>i("consequenceApproveRefund",{amount:d(m.refundId)})};case"IssueRefund":return{fields:[{name:"refundId",label:"refundsQueue",options:[...a("APPROVED"),...a("FAILED")]},{name:"gatewayReference",label:"payoutReference"}],send:(m,y,k)=>j(Mh,{id:m,cmd:y,input:{refundId:k.refundId,gatewayReference:k.gatewayReference.trim()}}),consequence:m=>i("consequenceIssueRefund",{amount:d(m.refundId),reference:m.gatewayReference.trim()})};case"CloseTicket":{const m=e.allowedResolutions.map(y=>({value:y,label:s("resolution",y)}));return m.length===0?null:{fields:[{name:"resolution",label:"resolution",options:m},{name:"note",label:"note",optional:!0}],send:(y,k,v)=>j(Fh,{id:y,cmd:k,input:{resolution:v.resolution,note:v.note||null}}),consequence:y=>i("consequenceClose",{resolution:s("resolution",y.resolution)})}}case"CancelTicket":return{fields:[{name:"reason",label:"reason"}],send:(m,y,k)=>j(Lh,{id:m,cmd:y,input:{reason:k.reason}}),consequence:()=>i("consequenceCancel")};case"AddNote":return{fields:[{name:"text",label:"note"}],send:(m,y,k)=>j(qh,{id:m,cmd:y,input:{text:k.text}})};case"ScheduleFollowUp":return{fields:[{name:"purpose",label:"purpose"},{name:"dueAt",label:"due",type:"datetime-local"}],send:(m,y,k)=>j(Hh,{id:m,cmd:y,input:{purpose:k.purpose,dueAt:new Date(k.dueAt).toISOString()}})};case"CompleteFollowUp":return{fields:[{name:"followUpId",label:"followUp",options:e.followUps.filter(m=>!m.completedAt).map(m=>({value:m.followUpId,label:`${m.purpose} · ${t.date(m.dueAt)}`}))},{name:"outcome",label:"outcome",options:Ds.map(m=>({value:m,label:s("followUpOutcome",m)}))}],send:(m,y,k)=>j(Wh,{id:m,cmd:y,input:{followUpId:k.followUpId,outcome:k.outcome}})};case"UpdateCustomFields":return{fields:[{name:"key",label:"fieldName"},{name:"value",label:"fieldValue",optional:!0}],send:(m,y,k)=>j(Vh,{id:m,cmd:y,input:{fields:{[k.key.trim()]:k.value===""?null:k.value}}})};case"RecordRefundFailure":return{fields:[{name:"refundId",label:"refundsQueue",options:a("APPROVED")},{name:"reason",label:"reason"}],send:(m,y,k)=>j(Gh,{id:m,cmd:y,input:{refundId:k.refundId,reason:k.reason}})};case"AssignTicket":return{fields:[{name:"assignee",label:"assignee",optional:!0}],send:(m,y,k)=>j(Bh,{id:m,cmd:y,input:{assignee:k.assignee||null}})};default:return null}}function op({command:n,ticket:e,done:t}){const i=z(),{t:s,e:o,err:r}=i,a=sp(n,e,i),d=()=>Object.fromEntries(((a==null?void 0:a.fields)??[]).map(w=>{var T,W;return[w.name,w.initial??((W=(T=w.options)==null?void 0:T[0])==null?void 0:W.value)??""]})),[l,h]=D.useState(d),[u,p]=D.useState(null),[f,b]=D.useState(!1),[x,g]=D.useState(!1),[S,$]=D.useState(te);if(!a)return null;const m=w=>{var T;return w.options&&!w.options.some(W=>W.value===l[w.name])?((T=w.options[0])==null?void 0:T.value)??"":l[w.name]},y=Object.fromEntries(a.fields.map(w=>[w.name,m(w)])),k=a.fields.filter(w=>!w.when||w.when(y)),v=Object.fromEntries(a.fields.map(w=>[w.name,k.includes(w)?y[w.name]:""])),_=w=>i.money({amountMinor:w,currency:e.currency??"CNY"}),I=w=>typeof w.money=="function"?w.money(y):w.money??{},A=w=>(I(w).min??0)<0,N=w=>{if(!w.money)return null;const{max:T,min:W}=I(w),R=A(w)?$s(v[w.name]):Ue(v[w.name]);return R===null?s(A(w)?"moneyInvalidSigned":"moneyInvalid"):T!==void 0&&R>T?s("moneyMax",{limit:_(T)}):W!==void 0&&R<W?s("moneyMin",{limit:_(W)}):null},M=w=>{const{max:T,min:W}=I(w);if(T!==void 0&&W!==void 0)return s("moneyRange",{min:_(W),max:_(T)});if(T!==void 0)return s("deductionLimit",{limit:_(T)});if(W!==void 0&&W<0)return s("moneyFloor",{limit:_(W)})},O=k.some(w=>N(w)!==null||w.options&&!v[w.name]),P=async()=>{g(!1),b(!0);try{await a.send(e.id,S,v),p(null),$(te()),h(d()),t()}catch(w){p(r(w))}finally{b(!1)}},E=w=>{w.preventDefault(),!O&&(a.consequence?g(!0):P())},F=`action-${n}`,L=o("command",n);return c.jsxs("form",{className:"action","aria-labelledby":F,onSubmit:E,noValidate:!1,children:[c.jsx("h3",{id:F,children:L}),a.note&&c.jsx("p",{children:s(a.note)}),k.map(w=>w.money?c.jsx(En,{label:s(w.label),hint:M(w),text:v[w.name],setText:T=>h({...l,[w.name]:T}),error:N(w)},w.name):c.jsx(q,{label:s(w.label),children:w.options?c.jsx("select",{value:v[w.name],onChange:T=>h({...l,[w.name]:T.target.value}),children:w.options.map(T=>c.jsx("option",{value:T.value,children:T.label},T.value))}):c.jsx("input",{type:w.type,value:v[w.name],required:!w.optional,onChange:T=>h({...l,[w.name]:T.target.value})})},w.name)),c.jsx("button",{type:"submit",disabled:f||O,children:L}),c.jsx(Q,{error:u}),x&&a.consequence&&c.jsx(Ge,{action:L,consequence:a.consequence(v),onConfirm:()=>void P(),onCancel:()=>g(!1)})]})}function rp({id:n}){var _;const{t:e,e:t,money:i,date:s,session:o}=z(),{data:r,error:a,reload:d}=ne(()=>j(Ch,{id:n}),[n]),[l,h]=D.useState([]);D.useEffect(()=>{h([]);let I=0;return St(Co,()=>({id:n,after:I}),A=>{const N=A.ticketEvents;N.version<=I||(I=N.version,h(M=>[...M,N]),d())})},[n,d]);const u=r==null?void 0:r.ticket;if(!u)return c.jsx("section",{children:a?c.jsx(Q,{error:a}):c.jsx("p",{children:e("loading")})});const p=u.nextActions.filter(I=>I.roles.includes(o.role)&&I.command!=="ReceiveMatchedParcel"&&I.command!=="RecordEvidenceSubmission"),f=["ReceiveReturn","RecordInspection","CompleteInspection"],b=o.role==="AUDITOR"||o.role==="ADMIN",x=I=>I?`${I.carrier} ${I.trackingNumber}`:null,g=I=>I?I.open?`${t("nextAction","platform_intervening")}${I.deadline?` · ${e("arbitrationDeadline")} ${s(I.deadline)}`:""}`:t("arbitrationOutcome",I.outcome??"NOT_STATED"):null,S=(...I)=>I.filter(Boolean).join(" · "),$=u.priceDifference,m=u.reshipment,y=u.repair,k=u.conversion,v=[["customer",u.customer],["phone",u.customerPhone],["address",u.customerAddress],["assignee",u.assignee??e("unassigned")],["platformOrder",u.platformOrderId],["platformAfterSale",u.platformAfterSaleId],["opened",u.openedAt?s(u.openedAt):null],["refundable",i(u.refundable)],["refunded",i(u.refunded)],["returnAddress",u.returnAddress?`${u.returnAddress.recipient} · ${u.returnAddress.phone} · ${u.returnAddress.address}`:null],["trackingNumber",x(u.returnShipment)],["replacementShipment",x(u.replacementShipment)],["goodsReturnedShipment",x(u.goodsReturnedShipment)],["priceDifference",$&&S(i($.amount),t("differenceSource",$.source.toUpperCase()),$.basis)],["reshipment",m&&S(x(m.shipment),m.contents,m.receivedBy&&`${e("receiptBy")}: ${t("receiptBy",m.receivedBy)}`)],["repair",y&&S(t("repairMethod",y.method),y.workDone,y.parts.join(", "),`${e("repairCost")} ${i(y.cost)}`,x(y.partsShipment))],["repairReturnShipment",x(u.repairReturnShipment)],["conversion",k&&S(t("conversion",k.conversion),k.reason,k.refundAmount&&i(k.refundAmount))],["variantCharge",u.variantCharge?i(u.variantCharge):null],["inspectionOutcome",u.inspectionOutcome?t("outcome",u.inspectionOutcome):null],["feedbackSent",u.inspectionFeedback],["rejectionReason",u.rejectionReason],["cancelReason",u.cancelReason],["resolution",u.resolution?t("resolution",u.resolution):null],["arbitration",g(u.arbitration)],["evidenceSubmissions",u.evidenceSubmissions.length>0?u.evidenceSubmissions.map(I=>`${t("channel",I.platform)} ${s(I.submittedAt)} · SHA-256 ${I.packSha256.slice(0,12)}…`).join("; "):null]];return c.jsxs("section",{"aria-labelledby":"ticket-title",children:[c.jsxs("h1",{id:"ticket-title",children:[e("ticket")," ",c.jsx("code",{children:u.id.slice(0,8)})]}),c.jsxs("p",{className:"summary",children:[c.jsx("span",{className:"badge","data-testid":"ticket-status","data-status":u.status,children:t("status",u.status)})," ",t("kind",u.kind)," · ",t("channel",u.channel)," · ",t("reason",u.reasonCode)," ",u.reasonText?`“${u.reasonText}”`:""," · ",e("version")," ",u.version,b&&c.jsxs(c.Fragment,{children:[" · ",c.jsx(fe,{to:`/audit/${u.id}`,children:e("auditTrail")})]})]}),c.jsx("dl",{className:"amounts","data-testid":"case",children:v.filter(([,I])=>I).map(([I,A])=>c.jsxs("div",{children:[c.jsx("dt",{children:e(I)}),c.jsx("dd",{children:A})]},I))}),c.jsx("h2",{children:e("lines")}),c.jsxs("table",{children:[c.jsx("thead",{children:c.jsxs("tr",{children:[c.jsx("th",{scope:"col",children:e("sku")}),c.jsx("th",{scope:"col",children:e("item")}),c.jsx("th",{scope:"col",children:e("qty")}),c.jsx("th",{scope:"col",children:e("received")}),c.jsx("th",{scope:"col",children:e("paid")}),c.jsx("th",{scope:"col",children:e("inspection")})]})}),c.jsx("tbody",{children:u.lines.map(I=>c.jsxs("tr",{children:[c.jsx("td",{children:I.sku}),c.jsx("td",{children:I.name}),c.jsx("td",{children:I.qtyApplied}),c.jsx("td",{children:I.qtyReceived}),c.jsx("td",{children:i(I.paid)}),c.jsx("td",{children:I.inspection?c.jsxs(c.Fragment,{children:[t("grade",I.inspection.grade)," · ",t("verdict",I.inspection.verdict)," · ",I.inspection.qtyAccepted,"/",I.inspection.qtyInspected," · ",e("deduction")," ",i(I.inspection.deduction),I.inspection.notes&&` · ${I.inspection.notes}`,I.inspection.photoRefs.length>0&&c.jsx(Ro,{ticketId:u.id,references:I.inspection.photoRefs})]}):"—"})]},I.lineId))})]}),u.replacementVariants.length>0&&c.jsxs(c.Fragment,{children:[c.jsx("h2",{id:"variants-title",children:e("replacementVariants")}),c.jsxs("table",{"aria-labelledby":"variants-title","data-testid":"variants",children:[c.jsx("thead",{children:c.jsxs("tr",{children:[c.jsx("th",{scope:"col",children:e("line")}),c.jsx("th",{scope:"col",children:e("variantSku")}),c.jsx("th",{scope:"col",children:e("variantName")}),c.jsx("th",{scope:"col",children:e("priceDifference")})]})}),c.jsx("tbody",{children:u.replacementVariants.map(I=>c.jsxs("tr",{children:[c.jsx("td",{children:I.lineId}),c.jsx("td",{children:I.sku}),c.jsx("td",{children:I.name}),c.jsx("td",{children:i(I.priceDifference)})]},I.lineId))})]})]}),u.negotiation.length>0&&c.jsxs(c.Fragment,{children:[c.jsx("h2",{id:"negotiation-title",children:e("negotiation")}),c.jsxs("table",{"aria-labelledby":"negotiation-title","data-testid":"negotiation",children:[c.jsx("thead",{children:c.jsxs("tr",{children:[c.jsx("th",{scope:"col",children:e("offerMade")}),c.jsx("th",{scope:"col",children:e("offer")}),c.jsx("th",{scope:"col",children:e("noteToBuyer")}),c.jsx("th",{scope:"col",children:e("respondBy")}),c.jsx("th",{scope:"col",children:e("status")}),c.jsx("th",{scope:"col",children:e("offerSettled")})]})}),c.jsx("tbody",{children:u.negotiation.map(I=>c.jsxs("tr",{children:[c.jsx("td",{children:s(I.madeAt)}),c.jsx("td",{children:S(t("offerType",I.type),I.conversion&&t("conversion",I.conversion),I.amount&&i(I.amount),I.returnAddress&&`${I.returnAddress.recipient} · ${I.returnAddress.phone} · ${I.returnAddress.address}`)}),c.jsx("td",{children:I.note}),c.jsx("td",{children:s(I.respondBy)}),c.jsx("td",{"data-status":I.status,children:t("offerStatus",I.status)}),c.jsx("td",{children:I.settledAt?s(I.settledAt):"—"})]},I.offerId))})]})]}),Object.keys(u.customFields??{}).length>0&&c.jsxs(c.Fragment,{children:[c.jsx("h2",{children:e("customFields")}),c.jsx("dl",{children:Object.entries(u.customFields).map(([I,A])=>c.jsxs("div",{children:[c.jsx("dt",{children:I}),c.jsx("dd",{children:typeof A=="string"?A:JSON.stringify(A)})]},I))})]}),u.notes.length>0&&c.jsxs(c.Fragment,{children:[c.jsx("h2",{children:e("notes")}),c.jsx("ul",{"data-testid":"notes",children:u.notes.map((I,A)=>c.jsxs("li",{children:[I.text," — ",I.author," ",c.jsx("time",{dateTime:I.addedAt,children:s(I.addedAt)})]},A))})]}),(o.role==="ADMIN"||o.role==="AUDITOR")&&c.jsx(dp,{ticketId:u.id,role:o.role}),c.jsx("p",{children:c.jsx(_o,{ticketId:u.id,arbitrating:((_=u.arbitration)==null?void 0:_.open)??!1,done:d})}),c.jsx("h2",{children:e("actions")}),p.length===0&&c.jsx("p",{children:e("noActions")}),c.jsxs("div",{className:"actions",children:[p.some(I=>f.includes(I.command))&&c.jsx(Ao,{ticket:u,done:d}),p.filter(I=>!f.includes(I.command)).map(I=>c.jsx(op,{command:I.command,ticket:u,done:d},I.command))]}),c.jsx("h2",{children:e("history")}),c.jsx("ol",{className:"timeline","aria-live":"polite",children:l.map(I=>c.jsx("li",{children:c.jsxs("details",{children:[c.jsxs("summary",{children:[c.jsx("strong",{children:t("event",I.eventType)})," — ",I.actor," (",t("role",I.role.toUpperCase()),I.source?`, ${I.source}`:"",") ",c.jsx("time",{dateTime:I.recordedAt,children:s(I.recordedAt)})]}),c.jsx("pre",{children:JSON.stringify(I.payload,null,2)})]})},I.version))})]})}const ap=U(`
  mutation GrantAccess($id: UUID!, $grantee: String!, $hours: Int!) {
    grantPersonalDataAccess(ticketId: $id, grantee: $grantee, hours: $hours) { grantee until }
  }
`),cp=U(`
  mutation RevealGranted($id: UUID!, $reason: String!) {
    revealPersonalData(ticketId: $id, reason: $reason) { customer customerPhone customerAddress reasonText }
  }
`);function dp({ticketId:n,role:e}){const{t,err:i,date:s}=z(),[o,r]=D.useState(""),[a,d]=D.useState("2"),[l,h]=D.useState(""),[u,p]=D.useState(null),[f,b]=D.useState(null),[x,g]=D.useState(null),[S,$]=D.useState(!1),m=async v=>{$(!0);try{await v(),g(null)}catch(_){g(i(_))}finally{$(!1)}},y=v=>{v.preventDefault(),m(async()=>{const _=(await j(ap,{id:n,grantee:o.trim(),hours:Number(a)})).grantPersonalDataAccess;p(t("granted",{who:_.grantee,until:s(_.until)}))})},k=v=>{v.preventDefault(),m(async()=>b((await j(cp,{id:n,reason:l.trim()})).revealPersonalData))};return c.jsxs("section",{"aria-labelledby":"personal-access",children:[c.jsx("h2",{id:"personal-access",children:t("personalAccess")}),e==="ADMIN"?c.jsxs("form",{onSubmit:y,"aria-label":t("grantAuditor"),"data-testid":"grant-access",children:[c.jsx("p",{children:t("grantAuditor")}),c.jsx(q,{label:t("grantee"),children:c.jsx("input",{value:o,required:!0,autoComplete:"off",onChange:v=>r(v.target.value)})}),c.jsx(q,{label:t("grantHours"),children:c.jsx("input",{type:"number",min:1,max:168,value:a,required:!0,onChange:v=>d(v.target.value)})}),c.jsx("button",{type:"submit",disabled:S,children:t("grant")}),u&&c.jsx("p",{role:"status",children:u})]}):c.jsxs("form",{onSubmit:k,"aria-label":t("revealGranted"),"data-testid":"reveal-granted",children:[c.jsx("p",{children:t("revealGranted")}),c.jsx(q,{label:t("revealReason"),children:c.jsx("input",{value:l,required:!0,autoComplete:"off",onChange:v=>h(v.target.value)})}),c.jsx("button",{type:"submit",disabled:S,children:t("reveal")}),f&&c.jsxs("dl",{"data-testid":"revealed",children:[c.jsxs("div",{children:[c.jsx("dt",{children:t("customer")}),c.jsx("dd",{children:f.customer})]}),c.jsxs("div",{children:[c.jsx("dt",{children:t("phone")}),c.jsx("dd",{children:f.customerPhone??"—"})]}),c.jsxs("div",{children:[c.jsx("dt",{children:t("address")}),c.jsx("dd",{children:f.customerAddress??"—"})]})]})]}),x&&c.jsx("p",{role:"alert","data-testid":"access-error",children:x})]})}const lp=U(`
  mutation BulkAssign($id: UUID!, $cmd: UUID!, $assignee: String) {
    assignTicket(ticketId: $id, commandId: $cmd, input: { assignee: $assignee }) { position }
  }
`),up=U(`
  mutation BulkNote($id: UUID!, $cmd: UUID!, $text: String!) {
    addNote(ticketId: $id, commandId: $cmd, input: { text: $text }) { position }
  }
`),hp=U(`
  mutation BulkApprove($id: UUID!, $cmd: UUID!, $input: ApproveApplicationInput!) {
    approveApplication(ticketId: $id, commandId: $cmd, input: $input) { position }
  }
`),ps={assign:"AssignTicket",note:"AddNote",approve:"ApproveApplication"},fs=["RETURN_AND_REFUND","EXCHANGE","REPAIR"];function pp({tickets:n,done:e}){const{t,e:i,err:s,session:o}=z(),[r,a]=D.useState("assign"),[d,l]=D.useState(o.actor),[h,u]=D.useState(""),[p,f]=D.useState({recipient:"",phone:"",address:""}),[b,x]=D.useState(!1),[g,S]=D.useState(!1),[$,m]=D.useState(null),y=n.filter(P=>P.allowedCommands.includes(ps[r])),k=n.length-y.length,v=r==="approve"&&y.some(P=>fs.includes(P.kind)),_=async P=>{const E=te();switch(r){case"assign":return(await j(lp,{id:P.ticketId,cmd:E,assignee:d.trim()||null})).assignTicket.position;case"note":return(await j(up,{id:P.ticketId,cmd:E,text:h})).addNote.position;case"approve":return(await j(hp,{id:P.ticketId,cmd:E,input:fs.includes(P.kind)?{returnAddress:p}:{}})).approveApplication.position}},I=async()=>{x(!1),S(!0);const P=[];let E=0;for(const F of y)try{E=Math.max(E,await _(F)),P.push({ticketId:F.ticketId,error:null})}catch(L){P.push({ticketId:F.ticketId,error:s(L)})}m(P),S(!1),e(E)},A=P=>{P.preventDefault(),y.length>0&&x(!0)},N=t(`bulk_${r}`),M=r==="assign"?t("bulkAssignConsequence",{count:y.length,assignee:d.trim()||t("unassigned")}):r==="note"?t("bulkNoteConsequence",{count:y.length}):t("bulkApproveConsequence",{count:y.length}),O=($==null?void 0:$.filter(P=>P.error))??[];return c.jsxs("form",{className:"bulk action","aria-label":t("bulkActions"),onSubmit:A,"data-testid":"bulk",children:[c.jsxs("h2",{children:[t("bulkActions")," (",t("selectedCount",{count:n.length}),")"]}),c.jsxs("div",{className:"filters",children:[c.jsx(q,{label:t("bulkAction"),children:c.jsx("select",{value:r,onChange:P=>(a(P.target.value),m(null)),children:["assign","note","approve"].map(P=>c.jsx("option",{value:P,children:i("command",ps[P])},P))})}),r==="assign"&&c.jsx(q,{label:t("assignee"),children:c.jsx("input",{value:d,onChange:P=>l(P.target.value)})}),r==="note"&&c.jsx(q,{label:t("note"),children:c.jsx("input",{value:h,required:!0,onChange:P=>u(P.target.value)})}),v&&["recipient","phone","address"].map(P=>c.jsx(q,{label:t(P),children:c.jsx("input",{value:p[P],required:!0,onChange:E=>f({...p,[P]:E.target.value})})},P))]}),k>0&&c.jsx("p",{className:"notice","data-testid":"bulk-skipped",children:t("bulkSkipped",{count:k})}),c.jsxs("button",{type:"submit",disabled:g||y.length===0,children:[N," (",y.length,")"]}),$&&c.jsxs("div",{role:"status","data-testid":"bulk-result",children:[c.jsx("p",{children:t("bulkDone",{ok:$.length-O.length,failed:O.length})}),O.length>0&&c.jsx("ul",{children:O.map(P=>c.jsxs("li",{className:"error",children:[c.jsx("code",{children:P.ticketId.slice(0,8)}),": ",P.error]},P.ticketId))})]}),b&&c.jsx(Ge,{action:N,consequence:M,onConfirm:()=>void I(),onCancel:()=>x(!1)})]})}const fp=U(`
  query FollowUps($seen: Int) {
    followUps(list: OPEN, first: 50, atLeastPosition: $seen) {
      nodes { followUpId ticketId customer purpose dueAt overdue }
    }
    followUpOutcomes(atLeastPosition: $seen) { outcome count }
  }
`),mp=U(`
  mutation CompleteFollowUp($id: UUID!, $cmd: UUID!, $input: CompleteFollowUpInput!) {
    completeFollowUp(ticketId: $id, commandId: $cmd, input: $input) { position }
  }
`);function gp({seen:n}){const{t:e,e:t,date:i,err:s,session:o}=z(),r=o.role==="CUSTOMER_SERVICE"||o.role==="ADMIN",[a,d]=D.useState(0),{data:l,error:h}=ne(()=>j(fp,{seen:Math.max(n,a)}),[n,a]),[u,p]=D.useState({}),[f,b]=D.useState(null),x=[...(l==null?void 0:l.followUps.nodes)??[]].sort((S,$)=>Number($.overdue)-Number(S.overdue)),g=async(S,$,m)=>{S.preventDefault();try{const y=await j(mp,{id:$,cmd:te(),input:{followUpId:m,outcome:u[m]??""}});d(y.completeFollowUp.position),b(null)}catch(y){b(s(y))}};return c.jsxs("section",{"aria-labelledby":"followups-title",children:[c.jsxs("h2",{id:"followups-title",children:[e("followUps")," (",x.length,")"]}),c.jsx(Q,{error:h??f}),c.jsx("ul",{children:x.map(S=>c.jsxs("li",{className:S.overdue?"late":void 0,children:[c.jsx(fe,{to:`/ticket/${S.ticketId}`,children:S.customer})," · ",S.purpose," · ",e("due")," ",i(S.dueAt),r&&c.jsxs("form",{onSubmit:$=>void g($,S.ticketId,S.followUpId),children:[c.jsxs("label",{children:[c.jsx("span",{className:"sr-only",children:e("outcome")}),c.jsxs("select",{required:!0,value:u[S.followUpId]??"",onChange:$=>p({...u,[S.followUpId]:$.target.value}),children:[c.jsxs("option",{value:"",children:[e("outcome"),"…"]}),Ds.map($=>c.jsx("option",{value:$,children:t("followUpOutcome",$)},$))]})]}),c.jsx("button",{type:"submit",children:e("done")})]})]},S.followUpId))}),c.jsx("p",{children:l==null?void 0:l.followUpOutcomes.map(S=>c.jsxs("span",{className:"badge",children:[t("followUpOutcome",S.outcome),": ",S.count]},S.outcome))})]})}const bp=U(`
  query SavedViews {
    savedViews { name query }
  }
`),xp=U(`
  mutation SaveView($name: String!, $query: String!) {
    saveView(name: $name, query: $query) { name query }
  }
`),yp=U(`
  mutation DeleteView($name: String!) {
    deleteView(name: $name)
  }
`);function kp({current:n,apply:e}){var x;const{t,err:i}=z(),{data:s,error:o,reload:r}=ne(()=>j(bp),[]),[a,d]=D.useState(""),[l,h]=D.useState(null),u=(s==null?void 0:s.savedViews)??[],p=((x=u.find(g=>g.query===n))==null?void 0:x.name)??"",f=async g=>{g.preventDefault();try{await j(xp,{name:a.trim(),query:n}),d(""),h(null),r()}catch(S){h(i(S))}},b=async()=>{try{await j(yp,{name:p}),h(null),r()}catch(g){h(i(g))}};return c.jsxs("div",{className:"filters","data-testid":"saved-views",children:[c.jsxs("label",{className:"field",children:[c.jsx("span",{children:t("savedViews")}),c.jsxs("select",{value:p,onChange:g=>{const S=u.find($=>$.name===g.target.value);S&&e(S.query)},children:[c.jsx("option",{value:"",children:u.length?t("chooseView"):t("noSavedViews")}),u.map(g=>c.jsx("option",{value:g.name,children:g.name},g.name))]})]}),p&&c.jsxs("button",{type:"button",onClick:()=>void b(),"aria-label":t("deleteView",{name:p}),children:[c.jsx(Os,{size:14,"aria-hidden":"true"})," ",t("delete")]}),c.jsxs("form",{onSubmit:g=>void f(g),"aria-label":t("saveView"),children:[c.jsxs("label",{className:"field",children:[c.jsx("span",{children:t("viewName")}),c.jsx("input",{value:a,required:!0,maxLength:60,onChange:g=>d(g.target.value)})]}),c.jsxs("button",{type:"submit",children:[c.jsx(mr,{size:14,"aria-hidden":"true"})," ",t("saveView")]})]}),c.jsx(Q,{error:o??l})]})}const Ip=U(`
  query Worklist($filter: WorklistFilter, $seen: Int) {
    worklist(filter: $filter, first: 100, atLeastPosition: $seen) {
      nodes {
        ticketId status kind channel customer reasonCode nextAction nextActionDue slaBreached allowedCommands
        paid { amountMinor currency }
      }
    }
  }
`),vp=U(`
  subscription CustomerServiceChanges {
    departmentQueue(department: CUSTOMER_SERVICE) { position change }
  }
`),Sp=["ticket","status","kind","channel","customer","next","due","paid"];function $p(n){const e=(n==null?void 0:n.startsWith("-"))??!1,t=(n??"").replace(/^-/,"");return Sp.includes(t)?{column:t,descending:e}:{column:"due",descending:!1}}const Dp=["APPLIED","APPROVED","RETURN_SHIPPED","RECEIVED","INSPECTING","INSPECTED","FEEDBACK_SENT","DISPUTED","REFUNDING","REFUNDED","REPLACEMENT_SHIPPED","GOODS_RETURNED","REJECTED","CLOSED","CANCELLED"],_p=["RETURN_AND_REFUND","REFUND_ONLY","EXCHANGE"];function ms(n){const e=new URLSearchParams(n);return{q:e.get("q")??"",status:e.get("status")??"",kind:e.get("kind")??"",channel:e.get("channel")??"",sort:$p(e.get("sort"))}}function gs(n,e=!0){const t=new URLSearchParams;return e&&n.q&&t.set("q",n.q),n.status&&t.set("status",n.status),n.kind&&t.set("kind",n.kind),n.channel&&t.set("channel",n.channel),(n.sort.column!=="due"||n.sort.descending)&&t.set("sort",`${n.sort.descending?"-":""}${n.sort.column}`),t.toString()}function Rp(){const{t:n,e,money:t,date:i,lang:s,session:o}=z(),[r,a]=D.useState(()=>ms(location.search)),d=R=>{a(R);const G=gs(R);history.replaceState(null,"",`${location.pathname}${G?`?${G}`:""}`)},{q:l,status:h,kind:u,channel:p,sort:f}=r,b=R=>d({...r,sort:{column:R,descending:f.column===R?!f.descending:!1}}),x=o.role!=="AUDITOR",g=o.role==="CUSTOMER_SERVICE"||o.role==="ADMIN",[S,$]=D.useState(0);D.useEffect(()=>St(vp,()=>({}),R=>$(G=>Math.max(G,R.departmentQueue.position))),[]);const m={sort:"DUE_FIRST"};l.trim()&&(m.search=l.trim()),h&&(m.status=h),u&&(m.kind=u),p&&(m.channel=p);const y=performance.now(),{data:k,error:v}=ne(()=>j(Ip,{filter:m,seen:S}).then(R=>(document.body.dataset.worklistMs=String(Math.round(performance.now()-y)),R)),[l,h,u,p,S]),[_,I]=D.useState(new Set),A=R=>R.nextAction?e("nextAction",R.nextAction):e("waiting",R.status),N=(R,G)=>{switch(G){case"ticket":return R.ticketId;case"status":return e("status",R.status);case"kind":return e("kind",R.kind);case"channel":return e("channel",R.channel);case"customer":return R.customer;case"next":return A(R);case"due":return R.nextActionDue?Date.parse(R.nextActionDue):Number.MAX_SAFE_INTEGER;case"paid":return R.paid.amountMinor}},M=new Intl.Collator(s==="zh"?"zh-CN":"en"),O=[...(k==null?void 0:k.worklist.nodes)??[]].sort((R,G)=>{const ie=N(R,f.column),de=N(G,f.column),ge=typeof ie=="number"&&typeof de=="number"?ie-de:M.compare(String(ie),String(de));return f.descending?-ge:ge}),P=O.filter(R=>R.slaBreached),E=O.filter(R=>!R.slaBreached),F=O.filter(R=>_.has(R.ticketId)),L=R=>{const G=new Set(_);G.has(R)?G.delete(R):G.add(R),I(G)},w=R=>c.jsxs("tr",{className:R.slaBreached?"late":void 0,children:[g&&c.jsx("td",{children:c.jsx("input",{type:"checkbox","aria-label":n("selectTicket",{ticket:R.ticketId.slice(0,8)}),checked:_.has(R.ticketId),onChange:()=>L(R.ticketId)})}),c.jsx("td",{children:c.jsx(fe,{to:`/ticket/${R.ticketId}`,children:R.ticketId.slice(0,8)})}),c.jsx("td",{children:e("status",R.status)}),c.jsx("td",{children:e("kind",R.kind)}),c.jsx("td",{children:e("channel",R.channel)}),c.jsx("td",{children:R.customer}),c.jsx("td",{children:["CLOSED","CANCELLED"].includes(R.status)?"—":A(R)}),c.jsx("td",{children:i(R.nextActionDue)}),c.jsx("td",{children:t(R.paid)})]},R.ticketId),T=(R,G)=>c.jsx("th",{scope:"col","aria-sort":f.column===R?f.descending?"descending":"ascending":void 0,children:c.jsxs("button",{type:"button",className:"sort",onClick:()=>b(R),title:n("sortBy",{column:G}),children:[G,f.column===R&&(f.descending?c.jsx(pr,{size:14,"aria-hidden":"true"}):c.jsx(fr,{size:14,"aria-hidden":"true"}))]})}),W=R=>c.jsx("thead",{children:c.jsxs("tr",{children:[g&&c.jsx("th",{scope:"col",children:c.jsx("input",{type:"checkbox","aria-label":n("selectAll"),checked:R.length>0&&R.every(G=>_.has(G.ticketId)),onChange:G=>{const ie=new Set(_);for(const de of R)G.target.checked?ie.add(de.ticketId):ie.delete(de.ticketId);I(ie)}})}),T("ticket",n("ticket")),T("status",n("status")),T("kind",n("kind")),T("channel",n("channel")),T("customer",n("customer")),T("next",n("nextAction")),T("due",n("due")),T("paid",n("paid"))]})});return c.jsxs("section",{"aria-labelledby":"worklist-title",children:[c.jsx("h1",{id:"worklist-title",children:n("worklist")}),g&&c.jsx("p",{children:c.jsxs(fe,{to:"/open",children:[c.jsx(Ts,{size:14,"aria-hidden":"true"})," ",n("openTicket")]})}),c.jsx(kp,{current:gs(r,!1),apply:R=>d({...ms(R),q:l})}),c.jsxs("form",{className:"filters",role:"search",onSubmit:R=>R.preventDefault(),children:[c.jsx(q,{label:n("search"),children:c.jsx("input",{type:"search",value:l,placeholder:n(x?"searchHint":"searchHintIds"),title:n(x?"searchHint":"searchHintIds"),onChange:R=>d({...r,q:R.target.value})})}),c.jsx(_e,{label:n("status"),group:"status",values:Dp,value:h,onChange:R=>d({...r,status:R}),any:!0}),c.jsx(_e,{label:n("kind"),group:"kind",values:_p,value:u,onChange:R=>d({...r,kind:R}),any:!0}),c.jsx(_e,{label:n("channel"),group:"channel",value:p,onChange:R=>d({...r,channel:R}),any:!0})]}),c.jsx(Q,{error:v}),g&&F.length>0&&c.jsx(pp,{tickets:F,done:R=>$(G=>Math.max(G,R))}),P.length>0&&c.jsxs(c.Fragment,{children:[c.jsxs("h2",{children:[n("needsAttention")," (",P.length,")"]}),c.jsxs("table",{"data-testid":"attention",children:[W(P),c.jsx("tbody",{children:P.map(w)})]})]}),c.jsxs("h2",{children:[n("worklist")," (",E.length,")"]}),c.jsxs("table",{"data-testid":"worklist",children:[W(E),c.jsx("tbody",{children:E.map(w)})]}),k&&O.length===0&&c.jsx("p",{role:"status","data-testid":"no-results",children:n("noResults")}),c.jsx(gp,{seen:S}),c.jsx(hh,{})]})}const Uo={CUSTOMER_SERVICE:["worklist"],WAREHOUSE:["warehouse"],FINANCE:["finance"],AUDITOR:["audit","management","worklist","warehouse","finance"],ADMIN:["worklist","warehouse","finance","audit","management"]};function bs({lang:n,onSignedIn:e,setLang:t,expired:i}){const s=f=>jn(n,f),[o,r]=D.useState(""),[a,d]=D.useState(""),[l,h]=D.useState(null),u=async f=>{f.preventDefault();try{e(await No(o,a))}catch(b){h(b instanceof Me&&b.code==="THROTTLED"?s("throttled"):s("wrongPassword"))}},p=c.jsxs("form",{onSubmit:u,"aria-label":s("signIn"),children:[c.jsxs("label",{children:[c.jsx("span",{children:s("name")}),c.jsx("input",{name:"name",autoComplete:"username",value:o,onChange:f=>r(f.target.value),required:!0})]}),c.jsxs("label",{children:[c.jsx("span",{children:s("password")}),c.jsx("input",{name:"password",type:"password",autoComplete:"current-password",value:a,onChange:f=>d(f.target.value),required:!0})]}),c.jsx("button",{type:"submit",children:s("signIn")}),l&&c.jsx("p",{role:"alert",className:"error",children:l})]});return i!==void 0?c.jsx("div",{className:"overlay",children:c.jsxs("div",{role:"dialog","aria-modal":"true","aria-labelledby":"expired-title",className:"dialog","data-testid":"session-ended",children:[c.jsx("h2",{id:"expired-title",children:s("signIn")}),c.jsx("p",{role:"alert",children:s("sessionEnded")}),p]})}):c.jsxs("main",{className:"signin",children:[c.jsx("h1",{children:s("appName")}),p,c.jsx(jo,{lang:n,setLang:t})]})}function jo({lang:n,setLang:e}){return c.jsxs("label",{className:"lang",children:[c.jsx("span",{className:"sr-only",children:jn(n,"language")}),c.jsxs("select",{value:n,onChange:t=>e(t.target.value),children:[c.jsx("option",{value:"zh",children:"中文"}),c.jsx("option",{value:"en",children:"English"})]})]})}function wp(){const{t:n,session:e}=z(),t=nr(),i=Uo[e.role],[,s,o]=t.split("?")[0].split("/");if(D.useEffect(()=>{s||$t(`/${i[0]}`)},[s,i]),s==="ticket"&&o)return c.jsx(rp,{id:o});if(s==="open"&&(e.role==="CUSTOMER_SERVICE"||e.role==="ADMIN"))return c.jsx(dh,{});if(!i.includes(s))return s?c.jsx("p",{role:"alert",children:n("forbidden")}):null;switch(s){case"worklist":return c.jsx(Rp,{});case"warehouse":return c.jsx(Ah,{});case"finance":return c.jsx(qu,{});case"audit":return c.jsx(Ka,{id:o});case"management":return c.jsx(ah,{})}}function Ap(){const[n,e]=D.useState(()=>Xo(localStorage.getItem("returns.lang"),navigator.languages)),[t,i]=D.useState(ys),[s,o]=D.useState(!1),r=l=>{localStorage.setItem("returns.lang",l),e(l)};D.useEffect(()=>{document.documentElement.lang=n==="zh"?"zh-CN":"en"},[n]),D.useEffect(()=>Oo(()=>o(!0)),[]);const a=D.useMemo(()=>t&&tr(n,jn,t),[n,t]);if(!a)return c.jsx(bs,{lang:n,setLang:r,onSignedIn:i});const d=a.t;return c.jsxs(_s.Provider,{value:a,children:[c.jsxs("header",{children:[c.jsx("strong",{children:d("appName")}),c.jsx("nav",{"aria-label":d("appName"),children:Uo[a.session.role].map(l=>c.jsx(fe,{to:`/${l}`,children:d(l)},l))}),c.jsxs("span",{className:"who","data-testid":"who",children:[a.session.actor," (",kn(n,"role",a.session.role),")"]}),c.jsx(jo,{lang:n,setLang:r}),c.jsx("button",{type:"button",onClick:()=>{Fo(),i(null),o(!1),$t("/")},children:d("signOut")}),c.jsx("a",{href:"/graphiql",children:"GraphiQL"})]}),c.jsx("main",{"aria-hidden":s||void 0,children:c.jsx(wp,{})}),s&&c.jsx(bs,{lang:n,setLang:r,expired:a.session.actor,onSignedIn:l=>{i(l),o(!1)}})]})}const xs=document.getElementById("root");xs&&Eo.createRoot(xs).render(c.jsx(Ap,{}));
