var Lo=Object.defineProperty;var qo=(t,e,n)=>e in t?Lo(t,e,{enumerable:!0,configurable:!0,writable:!0,value:n}):t[e]=n;var z=(t,e,n)=>qo(t,typeof e!="symbol"?e+"":e,n);import{a as $,j as c,c as Bo}from"./client-Cg2mPGNi.js";import{c as Ho}from"./client-Bd0nCzAj.js";const yn="returns.session";function Ss(){try{const t=sessionStorage.getItem(yn);return t?JSON.parse(t):null}catch{return null}}function jn(t){t?sessionStorage.setItem(yn,JSON.stringify(t)):sessionStorage.removeItem(yn)}class Ae extends Error{constructor(e,n){super(e),this.code=n}}let ee=Ss(),$s=()=>{};function zo(t){$s=t}function xt(){ee&&(ee=null,jn(null),$s())}function Xn(t){return Array.isArray(t)&&t.some(e=>{var n;return((n=e==null?void 0:e.extensions)==null?void 0:n.code)==="UNAUTHENTICATED"})}async function Vo(t,e){const n=await fetch("/auth/sign-in",{method:"POST",headers:{"content-type":"application/json"},body:JSON.stringify({name:t,password:e})}),i=await n.json().catch(()=>({}));if(!n.ok)throw new Ae(String(i.message??n.statusText),String(i.code??"INTERNAL"));return ee={token:String(i.token),actor:String(i.actor),role:i.role},jn(ee),Ds(),ee}async function Wo(){const t=ee==null?void 0:ee.token;ee=null,jn(null),Ds(),t&&await fetch("/auth/sign-out",{method:"POST",headers:{authorization:`Bearer ${t}`}}).catch(()=>{})}function Go(){const t={"content-type":"application/json"};return ee&&(t.authorization=`Bearer ${ee.token}`),t}async function U(t,e){var r,a;const n=await fetch("/graphql",{method:"POST",headers:Go(),body:JSON.stringify({query:t.toString(),variables:e??{}})}),i={errors:[{message:n.statusText,extensions:{code:n.status===401?"UNAUTHENTICATED":"INTERNAL"}}]},s=await n.json().catch(()=>i),o=(r=s.errors)==null?void 0:r[0];if(o){const d=((a=o.extensions)==null?void 0:a.code)??"GRAPHQL";throw d==="UNAUTHENTICATED"&&xt(),new Ae(o.message,d)}return s.data}let We=null;function Ds(){We==null||We.dispose(),We=null}function Ko(){if(!We){const t=location.protocol==="https:"?"wss":"ws";We=Ho({url:`${t}://${location.host}/graphql/ws`,connectionParams:()=>ee?{Authorization:`Bearer ${ee.token}`}:{},retryAttempts:1/0,shouldRetry:()=>!0,lazy:!0})}return We}function St(t,e,n){let i=null,s=!1;const o=()=>{s||(i=Ko().subscribe({query:t.toString(),variables:e()},{next:r=>{r.errors&&Xn(r.errors)?xt():r.data&&n(r.data)},error:r=>{Xn(r)&&xt(),setTimeout(o,1e3)},complete:()=>setTimeout(o,200)}))};return o(),()=>{s=!0,i==null||i()}}async function Yo(t,e){return Rs(`/evidence/${t}`,e)}async function Xo(t,e){return Rs(`/evidence/parcels/${t}`,e)}async function Rs(t,e){const n=await fetch(t,{method:"POST",headers:ee?{authorization:`Bearer ${ee.token}`}:{},body:e}),i=await n.json().catch(()=>({}));if(!n.ok)throw n.status===401&&xt(),new Ae(String(i.message??n.statusText),String(i.code??"INTERNAL"));return String(i.reference)}async function Qo(t,e){const n=e.replace(/^sha256:/,""),i=await fetch(`/evidence/${t}/${n}`,{headers:ee?{authorization:`Bearer ${ee.token}`}:{}});if(!i.ok)throw new Ae(i.statusText,"NOT_FOUND");return URL.createObjectURL(await i.blob())}async function Zo(t){const e=await fetch(`/evidence-pack/${t}`,{headers:ee?{authorization:`Bearer ${ee.token}`}:{}});if(!e.ok){e.status===401&&xt();const i=await e.json().catch(()=>({}));throw new Ae(String(i.message??e.statusText),String(i.code??"INTERNAL"))}const n=e.headers.get("x-evidence-pack-sha256")??"";return{url:URL.createObjectURL(await e.blob()),sha256:n}}async function Jo(t,e){const n=e.replace(/^sha256:/,""),i=await fetch(`/evidence/parcels/${t}/${n}`,{headers:ee?{authorization:`Bearer ${ee.token}`}:{}});if(!i.ok)throw new Ae(i.statusText,"NOT_FOUND");return URL.createObjectURL(await i.blob())}function ne(){const t=crypto.getRandomValues(new Uint8Array(16));t[6]=t[6]&15|64,t[8]=t[8]&63|128;const e=Array.from(t,n=>n.toString(16).padStart(2,"0")).join("");return`${e.slice(0,8)}-${e.slice(8,12)}-${e.slice(12,16)}-${e.slice(16,20)}-${e.slice(20)}`}const er=["Ticket opened","工单已创建"],tr=["Application approved","申请已同意"],nr=["Application rejected","申请已驳回"],ir=["Return shipment registered","退货运单已登记"],sr=["Return received","退货已签收"],or=["Line inspected","商品已质检"],rr=["Inspection completed","质检已完成"],ar=["Inspection feedback sent","质检反馈已发送"],cr=["Inspection disputed","质检有异议"],dr=["Refund requested","已申请退款"],lr=["Refund approved","退款已批准"],ur=["Refund paid out","退款已打款"],hr=["Payout failed","打款失败"],pr=["Replacement shipped","换新已发出"],fr=["Goods returned to customer","已退回客户"],mr=["Ticket closed","工单已结案"],gr=["Ticket cancelled","工单已取消"],br=["Ticket assigned","工单已分配"],xr=["Note added","已添加备注"],yr=["Custom fields updated","自定义字段已修改"],kr=["Follow-up scheduled","已安排回访"],Ir=["Follow-up completed","回访已完成"],vr=["Deadline missed","已超时"],Sr=["Platform sync pending","平台同步待处理"],$r=["Platform sync conflict","平台同步冲突"],Dr=["Platform sync resolved","平台同步已解决"],Rr=["Platform deadline set","平台期限已设置"],wr=["Platform deadline near","平台期限将至"],_r=["Return waybill corrected","退货运单已更正"],Ar=["Customer contact corrected","客户联系方式已更正"],Cr=["Price difference stated","差价已登记"],jr=["Part reshipped","补寄已发出"],Ur=["Reshipped part received","补寄已签收"],Tr=["Repair recorded","维修已登记"],Pr=["Repaired goods shipped back","维修件已寄回"],Er=["Ticket converted","处理方式已转换"],Mr=["Counter-offer made","已发起协商"],Or=["Counter-offer answered","买家已答复协商"],Nr=["Counter-offer expired","协商已超时"],Fr=["Another variant chosen","已换款"],Lr=["Price difference requested from the buyer","已向买家申请补差价"],qr=["Parcel from the unmatched pool matched","无头件已匹配"],Br=["Evidence pack submitted to the platform","举证包已提交平台"],Hr=["Platform action to do","待平台同步操作"],zr=["Platform action done in the back office","已在平台后台完成"],Vr=["Platform action shown done by the platform","平台记录显示已完成"],Wr=["Platform action done through its open API","已通过平台开放接口完成"],Gr=["Platform action refused by the platform","平台拒绝了该操作"],Kr=["Platform action handed to a person","平台操作转人工处理"],Yr=["Platform arbitration opened","平台介入开始"],Xr=["Platform arbitration decided","平台介入已判定"],Qr={TicketOpened:er,ApplicationApproved:tr,ApplicationRejected:nr,ReturnShipmentRegistered:ir,ReturnReceived:sr,LineInspected:or,InspectionCompleted:rr,InspectionFeedbackSent:ar,InspectionDisputed:cr,RefundRequested:dr,RefundApproved:lr,RefundIssued:ur,RefundFailed:hr,ReplacementShipped:pr,GoodsReturnedToCustomer:fr,TicketClosed:mr,TicketCancelled:gr,TicketAssigned:br,NoteAdded:xr,CustomFieldsUpdated:yr,FollowUpScheduled:kr,FollowUpCompleted:Ir,DeadlineMissed:vr,PlatformSyncPending:Sr,PlatformSyncConflicted:$r,PlatformSyncResolved:Dr,PlatformDeadlineSet:Rr,PlatformDeadlineNear:wr,ReturnShipmentCorrected:_r,CustomerContactCorrected:Ar,PriceDifferenceStated:Cr,ReshipmentShipped:jr,ReshipmentReceived:Ur,RepairRecorded:Tr,RepairedGoodsShipped:Pr,TicketConverted:Er,CounterOfferMade:Mr,CounterOfferAnswered:Or,CounterOfferExpired:Nr,ReplacementVariantChosen:Fr,PriceDifferenceChargeRequested:Lr,PoolParcelMatched:qr,EvidenceSubmitted:Br,PlatformActionRequested:Hr,PlatformActionDone:zr,PlatformActionConfirmed:Vr,PlatformActionSucceeded:Wr,PlatformActionRefused:Gr,PlatformActionNeedsPerson:Kr,PlatformArbitrationOpened:Yr,PlatformArbitrationDecided:Xr},Zr={appName:"Returns console",signIn:"Sign in",signOut:"Sign out",name:"Name",password:"Password",wrongPassword:"Wrong name or password.",throttled:"Too many failed attempts. Try again later.",language:"Language",worklist:"Worklist",warehouse:"Warehouse",finance:"Finance",audit:"Audit",management:"Management",search:"Search",status:"Status",any:"Any",needsAttention:"Needs attention",customer:"Customer",kind:"Kind",channel:"Channel",nextAction:"Next action",due:"Due",paid:"Paid",refundable:"Refundable",refunded:"Refunded",open:"Open",ticket:"Ticket",lines:"Lines",sku:"SKU",item:"Item",qty:"Qty",received:"Received",inspection:"Inspection",customFields:"Custom fields",history:"History",actions:"Actions",noActions:"Nothing for you to do on this ticket now.",live:"live",reconnecting:"reconnecting",scan:"Scan tracking number",scanHint:"Scan or type, then Enter",noParcel:"No ticket expects this parcel.",receive:"Receive",packageCondition:"Package condition",grade:"Grade",verdict:"Verdict",accepted:"Accepted",inspected:"Inspected",deduction:"Deduction",notes:"Notes",photos:"Photos",record:"Record inspection",complete:"Complete inspection",awaitingArrival:"Awaiting arrival",toInspect:"To inspect",replacementsToShip:"Replacements to ship",goodsToReturn:"Goods to return to customers",refundsQueue:"Refunds",approve:"Approve",recordPayout:"Record payout",payoutReference:"Payout reference",payoutsPerDay:"Payouts per day and channel",amount:"Amount",verify:"Verify",intact:"Intact",broken:"Broken",wholeLog:"Whole log",seals:"Seals",asOfVersion:"As of version",actor:"Actor",role:"Role",source:"Source",causation:"Causation",event:"Event",at:"At",ticketId:"Ticket id",show:"Show",countsPerStatus:"Tickets per status",cycleTimes:"Average hours per step",reasons:"Return reasons by SKU and channel",submit:"Submit",carrier:"Carrier",trackingNumber:"Tracking number",recipient:"Recipient",phone:"Phone",address:"Address",reason:"Reason",message:"Message",resolution:"Resolution",arbitration:"Platform arbitration",arbitrationDeadline:"contest by",arbitrationCounts:"Platform arbitrations by reason, SKU and channel",noArbitrations:"No platform has intervened.",arbitrationsTotal:"Arbitrations",arbitrationOpen:"Platform deciding",arbitrationRate:"Share of tickets",arbitrationWinRate:"Won by the seller",arbitrationAtStake:"At stake",arbitrationLost:"Lost",arbitrationMoneyHint:"At stake: what the buyers paid for the goods the platform is still deciding on. Lost: what they paid for the goods decided for the buyer. Won by the seller: the seller's share of the decided cases whose record says for whom.",arbitrationsByInspector:"By who inspected the goods",notInspected:"not inspected here",inspector:"Inspector",note:"Note",failed:"Failed",error:"Error",forbidden:"Your role may not see this screen.",loading:"Loading…",done:"Done",followUps:"Follow-up calls",outcome:"Outcome",confirm:"Confirm",back:"Back",confirmTitle:"Please confirm",consequenceCancel:"The ticket is cancelled for good; the customer's application ends without a return or refund.",consequenceReject:"The application is rejected; the customer is told the reason.",consequenceClose:"The ticket is closed as “{resolution}”; only notes and follow-ups remain possible.",consequenceApproveRefund:"{amount} is approved for payout to the customer.",consequenceIssueRefund:"A payout of {amount} is recorded as sent, with reference {reference}.",consequenceRequestRefund:"A refund of {amount} is requested for finance to approve.",moneyInvalid:"Enter an amount in yuan, such as 12.50.",moneyOverLimit:"At most {limit} on this line.",deductionLimit:"at most {limit}",deductionFailed:"A failed line refunds nothing, so its deduction is 0.",keepNotes:"Keep the recorded notes (hidden from your role)",newNotes:"New notes",keepPhotos:"Recorded photos kept: {count}",changedMeanwhile:"This line was recorded again meanwhile: {summary}. Your unsaved changes are kept.",useRecorded:"Use the recorded values",recorded:"recorded",notRecorded:"not inspected yet",sessionEnded:"Your session ended. Sign in again to continue; what you typed is kept.",noMatchScan:"No ticket expects parcel {number}.",noMatchNext:"Check the number on the label and scan again, or register it as an unmatched parcel: it is received on its ticket as soon as one names it.",scanAgain:"Scan again",scannedNumber:"Scanned",auditTrail:"Audit trail",noResults:"No tickets match these filters.",events:"events",streams:"streams",head:"Head",hash:"Hash",photo:"Photo",close:"Close",assignee:"Assignee",unassigned:"Unassigned",reference:"Reference",version:"Version",tickets:"Tickets",units:"Units",hours:"Hours",platformOrder:"Platform order",platformAfterSale:"Platform after-sale id",opened:"Opened",returnAddress:"Return address",replacementShipment:"Replacement shipment",goodsReturnedShipment:"Goods sent back",inspectionOutcome:"Inspection outcome",feedbackSent:"Feedback sent",rejectionReason:"Rejection reason",cancelReason:"Cancellation reason",reasonCode:"Reason",notFoundId:"No ticket has this id",sortBy:"Sort by {column}",purpose:"Purpose",fieldName:"Field",fieldValue:"Value",referenceUsed:"Reference {reference} was already recorded for the refund of ticket {ticket}. Check it before confirming.",selectTicket:"Select ticket {ticket}",selectAll:"Select all",openTicket:"Open a ticket",searchHint:"Short id, tracking no., order or after-sale id, exact name or phone",searchHintIds:"Short id, tracking no., order or after-sale id",savedViews:"Saved views",chooseView:"Choose a view",noSavedViews:"No saved views yet",deleteView:"Delete view {name}",delete:"Delete",saveView:"Save view",viewName:"View name",bulk_assign:"Assign",bulk_note:"Add the note",bulk_approve:"Approve",bulkAssignConsequence:"{count} tickets are assigned to {assignee}.",bulkNoteConsequence:"The note is added to {count} tickets.",bulkApproveConsequence:"{count} applications are approved; the shop's policy sets each ship-back deadline.",bulkActions:"Bulk actions",selectedCount:"{count} selected",bulkAction:"Action",bulkSkipped:"{count} of the selected tickets do not allow this now and are left out.",bulkDone:"Done: {ok} succeeded, {failed} failed.",reasonText:"Customer's words",line:"Line",removeLine:"Remove line {line}",addLine:"Add a line",followUp:"Follow-up",shipReplacement:"Ship replacement",returnGoods:"Send goods back",shipTo:"Ship to",noAddress:"no address on file",revealAddress:"Show the address",personalAccess:"Personal data",grantAuditor:"Grant an auditor this ticket's personal data",grantee:"Auditor (account name)",grantHours:"For how many hours (at most 168)",grant:"Grant",granted:"Granted to {who} until {until}",revealGranted:"Show the personal data (needs an admin's grant)",revealReason:"Why (recorded with the reveal)",reveal:"Show",payoutMode:"Mode",issuedBy:"Recorded by",issuedAt:"Issued at",refundId:"Refund",currency:"Currency",amountYuan:"Amount (yuan)",reconciliation:"Reconciliation",from:"From",to:"To",exportCsv:"Export CSV",day:"Day",count:"Count",noPayoutsInPeriod:"No payouts in this period.",filters:"Filters",platform:"Platform tasks",platformTasksHint:"What was decided here on a marketplace ticket must also be done in that marketplace's back office, before the platform acts by itself: the nearest deadline is first. Find the after-sale by its id there, do what the task says, then confirm it done here.",platformActions:"Platform actions",backOffice:"Back office",backOfficeTaobao:"Qianniu / Taobao seller centre → Refunds",backOfficeDouyin:"Douyin shop back office → After-sales workbench",backOfficeKuaishou:"Kuaishou shop back office → After-sales",backOfficeOther:"{platform} seller back office",afterSaleId:"After-sale id",taskWhat:"What to do there",department:"Department",decidedAt:"Decided at",taskDone:"Done in the back office",taskDoneAt:"Done at",taskOpen:"not done in the back office yet",taskConfirmed:"shown done by the platform's record ({status}) at {at}",taskSent:"done through the platform's open API at {at}",platformReason:"Reason (the platform's list)",reasonToBuyer:"Words to the buyer (optional)",needsEvidence:"needs evidence",refusalNeedsEvidence:"The platform wants evidence with this reason, which cannot be attached here yet: the refusal is recorded and goes to the platform tasks, to be done in the back office with the evidence.",refusalReasonsUnavailable:"The platform did not list its refusal reasons just now: the refusal goes with your words only, and the platform may hand it back to a person.",consequenceRejectReason:"The application is refused with the reason “{reason}”, and the platform is told so.",taskSentAlready:"done through the platform's open API (the platform had it already) at {at}",taskRefused:"refused by the platform: {words} — decide again, or do it in the back office",taskNeedsPerson:"needs a person ({reason}): {words}",platformTasksSent:"Sent by API",platformTasksRefused:"Refused by the platform",platformTasksHanded:"Handed to a person",taskStanding:"How it was done",platformTaskCounts:"Platform actions: asked, waiting and how long they took",noPlatformTaskCounts:"No platform action was asked for yet.",platformTasksRequested:"Asked",platformTasksOpen:"Waiting on a person",meanToDone:"Decision to done (person)",meanToConfirmed:"Decision to shown by the platform",meanToSent:"Decision to done by its API",hoursValue:"{hours} h",platformDue:"Platform acts by itself at",noPlatformDeadline:"no deadline given",platformDeadlinePassed:"past the platform's deadline: check what it did",hoursLeft:"{hours} h left",daysLeft:"{days} d left",taskDoneConsequence:"The ticket records that you did “{what}” for after-sale {afterSale} in {where}, now. Only confirm what the platform shows as done.",myDepartmentOnly:"My department's only",showDoneTasks:"Show done tasks",noPlatformTasks:"Nothing to do in a platform back office.",noDoneTasks:"No platform task was confirmed done yet.",disputes:"Platform disputes",weHold:"What we hold",holdWaybill:"return waybill {waybill}",holdNoWaybill:"no return waybill",holdLines:"{received}/{lines} lines received, {inspected} inspected, {photos} photo(s)",submittedToPlatform:"Submitted to the platform",submittedAt:"pack {digest}… at {at}",nothingSubmitted:"nothing yet",disputesHint:"Cases the platform is arbitrating, the nearest deadline first. Download the evidence pack and upload it in the platform's back office before the deadline.",noDisputes:"No platform is arbitrating a case.",noDeadline:"no deadline given",platformDeadline:"Platform deadline",evidencePack:"Evidence pack",downloadPack:"Download the evidence pack",packUploaded:"I uploaded it to the platform",packUploadedConsequence:"The ticket records that this pack (SHA-256 {digest}…) was uploaded in the platform's back office, by you, now.",packRecorded:"Recorded as submitted.",evidenceComment:"Words for the platform's arbitrator",sendThroughApi:"Send through the platform's API",sendThroughApiConsequence:"The first page of the case PDF and the inspection photos go to the platform now, within its limits, with your words and the pack's SHA-256; the ticket records each file the platform took. A submission cannot be taken back.",sentThroughApi:"Sent through the platform's API: {n} file(s).",viaApi:"through the API, {n} file(s)",evidenceSubmissions:"Evidence submitted",registerUnmatched:"Register as an unmatched parcel",poolRegistered:"Parcel {number} is in the unmatched pool. It is received on its ticket as soon as a ticket names its tracking number.",parcelContents:"Contents",senderName:"Sender's name as printed",senderPhone:"Sender's phone as printed",sender:"Sender",findTicket:"Find its ticket",findTicketHint:"Order or after-sale id, phone, name or SKU",noCandidates:"No ticket waiting for goods matches.",expecting:"Expecting",receiveOnTicket:"Receive on this ticket",receiveOnTicketConsequence:"Parcel {number} will count as received on ticket {ticket}, with every unit the ticket still expects. Another ticket can no longer claim it.",dispositionAsked:"Disposition asked for",decideDisposition:"Decide the disposition",approveDisposition:"Approve the disposition",refuseDisposition:"Refuse the disposition",approveDispositionConsequence:"Parcel {number} will be disposed of ({disposition}) and leaves the pool for good.",refuseDispositionConsequence:"Parcel {number} goes back into the pool to wait for its ticket.",disposableFrom:"A disposition may be asked for in {days} days.",disposition:"Disposition",dispositionReason:"What was tried to find its ticket",requestDisposition:"Ask for a disposition",requestDispositionConsequence:"An admin is asked to approve: parcel {number}, {disposition}.",parcelPool:"Unmatched parcels",poolEmpty:"No parcel is waiting for its ticket.",poolAge:"{days} days in the pool",poolWaiting:"Waiting for their ticket",poolOldest:"The oldest waiting",poolApprovals:"Dispositions to approve",poolMatched:"Matched to a ticket",poolDisposed:"Disposed of",ticketsCount:"Tickets",managementScope:"Counts and cycle times: tickets applied for in the period, of the channel and kind. Reasons: all time, of the channel and SKU.",reshipsToShip:"Parts to reship",shipPart:"Ship the part",shipRepaired:"Ship back repaired",repairsToDo:"Repairs to do",repairsToShipBack:"Repaired goods to ship back",contents:"Contents",receiptBy:"Confirmed by",reshipment:"Reshipped part",repair:"Repair",repairMethod:"Repair method",workDone:"Work done",parts:"Parts (separated by commas)",repairCost:"Repair cost",partsCarrier:"Parts parcel: carrier",partsTracking:"Parts parcel: tracking number",repairReturnShipment:"Repaired goods sent back",priceDifference:"Price difference",differenceSource:"Stated by",basis:"Basis",conversion:"Conversion",conversionRefund:"Refund from now on",offerType:"What is offered",respondBy:"Answer by",noteToBuyer:"Note to the buyer",negotiation:"Negotiation",offer:"Offer",offerMade:"Made",offerSettled:"Settled",answer:"Buyer's answer",replacementVariants:"Replacement variants",variantSku:"Replacement SKU",variantName:"Replacement name",variantDifference:"Price difference for the line (+ dearer, − cheaper)",variantCharge:"Asked of the buyer",moneyInvalidSigned:"Enter an amount in yuan, such as 12.50 or -12.50.",moneyMax:"At most {limit}.",moneyMin:"At least {limit}.",moneyRange:"{min} to {max}",moneyFloor:"at least {limit}",approveRepairNote:"Leave the address empty when parts are sent or a technician visits; with an address the goods come back.",consequenceStateDifference:"A difference of {amount} is stated; within the shop's policy the engine approves it and the refund follows.",consequenceConfirmReshipment:"The part counts as received (confirmed by: {by}) and the ticket closes as “Part reshipped”.",consequenceConvertRefund:"From now on the ticket is handled as “{conversion}”, with a refund of {amount} in all. A ticket converts only once.",consequenceConvertExchange:"From now on the ticket is handled as “{conversion}”: a replacement ships instead. A ticket converts only once.",consequenceOfferAccepted:"The buyer accepted “{offer}”: it takes effect now.",consequenceOfferDeclined:"The buyer declined “{offer}”: the ticket stays as it was."},Jr={appName:"退换货工作台",signIn:"登录",signOut:"退出",name:"用户名",password:"密码",wrongPassword:"用户名或密码错误。",throttled:"失败次数过多，请稍后再试。",language:"语言",worklist:"工单",warehouse:"仓库",finance:"财务",audit:"审计",management:"管理",search:"搜索",status:"状态",any:"全部",needsAttention:"需要处理",customer:"客户",kind:"类型",channel:"渠道",nextAction:"下一步",due:"期限",paid:"实付",refundable:"可退",refunded:"已退",open:"打开",ticket:"工单",lines:"商品",sku:"SKU",item:"商品名",qty:"数量",received:"已收",inspection:"质检",customFields:"自定义字段",history:"历史",actions:"操作",noActions:"此工单当前没有您的操作。",live:"实时",reconnecting:"重新连接中",scan:"扫描运单号",scanHint:"扫码或输入后按回车",noParcel:"没有工单在等待此包裹。",receive:"签收",packageCondition:"包装状况",grade:"成色",verdict:"结论",accepted:"合格数",inspected:"质检数",deduction:"扣款",notes:"备注",photos:"照片",record:"记录质检",complete:"完成质检",awaitingArrival:"待到货",toInspect:"待质检",replacementsToShip:"待发换新",goodsToReturn:"待退回客户",refundsQueue:"退款",approve:"批准",recordPayout:"登记打款",payoutReference:"打款流水号",payoutsPerDay:"每日各渠道打款",amount:"金额",verify:"校验",intact:"完好",broken:"已损坏",wholeLog:"整个日志",seals:"封印",asOfVersion:"查看版本",actor:"操作人",role:"角色",source:"来源",causation:"起因",event:"事件",at:"时间",ticketId:"工单号",show:"显示",countsPerStatus:"各状态工单数",cycleTimes:"各环节平均小时数",reasons:"按 SKU 和渠道的退货原因",submit:"提交",carrier:"承运商",trackingNumber:"运单号",recipient:"收件人",phone:"电话",address:"地址",reason:"原因",message:"消息",resolution:"结果",arbitration:"平台介入",arbitrationDeadline:"申诉截止",arbitrationCounts:"按原因、SKU 和渠道的平台介入",noArbitrations:"暂无平台介入。",arbitrationsTotal:"介入次数",arbitrationOpen:"平台处理中",arbitrationRate:"占工单比例",arbitrationWinRate:"商家胜诉率",arbitrationAtStake:"争议金额",arbitrationLost:"败诉金额",arbitrationMoneyHint:"争议金额：平台仍在判定的商品买家所付金额；败诉金额：判给买家的商品买家所付金额；商家胜诉率：平台记录写明判给谁的已判定案件中判给商家的比例。",arbitrationsByInspector:"按质检员",notInspected:"未在本系统质检",inspector:"质检员",note:"备注",failed:"失败",error:"错误",forbidden:"您的角色无权查看此页面。",loading:"加载中…",done:"完成",followUps:"回访",outcome:"回访结果",confirm:"确认",back:"返回",confirmTitle:"请确认",consequenceCancel:"工单将被永久取消；客户的申请结束，不退货也不退款。",consequenceReject:"申请将被驳回，并告知客户原因。",consequenceClose:"工单将以“{resolution}”结案；之后只能添加备注和回访。",consequenceApproveRefund:"将批准向客户打款 {amount}。",consequenceIssueRefund:"将登记已打款 {amount}，流水号 {reference}。",consequenceRequestRefund:"将申请退款 {amount}，由财务审批。",moneyInvalid:"请输入以元为单位的金额，例如 12.50。",moneyOverLimit:"此商品最多 {limit}。",deductionLimit:"最多 {limit}",deductionFailed:"不合格的商品不退款，扣款须为 0。",keepNotes:"保留已记录的备注（您的角色不可见）",newNotes:"新备注",keepPhotos:"保留已记录的照片：{count} 张",changedMeanwhile:"此商品的质检刚被重新记录：{summary}。您未保存的修改仍保留。",useRecorded:"采用已记录的值",recorded:"已记录",notRecorded:"尚未质检",sessionEnded:"您的登录已失效。请重新登录以继续；已输入的内容会保留。",noMatchScan:"没有工单在等待包裹 {number}。",noMatchNext:"请核对面单上的单号后重新扫描，或登记为无头件：一旦有工单填写此单号，即自动签收到该工单。",scanAgain:"重新扫描",scannedNumber:"已扫描",auditTrail:"审计记录",noResults:"没有符合条件的工单。",events:"个事件",streams:"个工单流",head:"位置",hash:"哈希",photo:"照片",close:"关闭",assignee:"处理人",unassigned:"未分配",reference:"流水号",version:"版本",tickets:"工单数",units:"件数",hours:"小时",platformOrder:"平台订单号",platformAfterSale:"平台售后单号",opened:"申请时间",returnAddress:"退货地址",replacementShipment:"换新运单",goodsReturnedShipment:"退回客户运单",inspectionOutcome:"质检结果",feedbackSent:"已发送的反馈",rejectionReason:"驳回原因",cancelReason:"取消原因",reasonCode:"原因",notFoundId:"没有此编号的工单",sortBy:"按{column}排序",purpose:"目的",fieldName:"字段",fieldValue:"值",referenceUsed:"流水号 {reference} 已用于工单 {ticket} 的退款，请核对后再确认。",selectTicket:"选择工单 {ticket}",selectAll:"全选",openTicket:"新建工单",searchHint:"短单号、运单号、订单号、售后单号、准确姓名或电话",searchHintIds:"短单号、运单号、订单号或售后单号",savedViews:"常用视图",chooseView:"选择视图",noSavedViews:"尚无保存的视图",deleteView:"删除视图 {name}",delete:"删除",saveView:"保存视图",viewName:"视图名称",bulk_assign:"分配",bulk_note:"添加备注",bulk_approve:"同意",bulkAssignConsequence:"将 {count} 个工单分配给 {assignee}。",bulkNoteConsequence:"为 {count} 个工单添加此备注。",bulkApproveConsequence:"同意 {count} 个申请；寄回期限按店铺政策设置。",bulkActions:"批量操作",selectedCount:"已选 {count} 个",bulkAction:"操作",bulkSkipped:"所选工单中有 {count} 个当前不允许此操作，已略过。",bulkDone:"完成：成功 {ok} 个，失败 {failed} 个。",reasonText:"客户描述",line:"商品行",removeLine:"删除第 {line} 行",addLine:"添加商品行",followUp:"回访",shipReplacement:"发出换新",returnGoods:"退回商品",shipTo:"收件人",noAddress:"无地址",revealAddress:"查看地址",personalAccess:"个人信息",grantAuditor:"授权审计员查看本工单的个人信息",grantee:"审计员（账号名）",grantHours:"授权时长（小时，最多 168）",grant:"授权",granted:"已授权 {who}，至 {until}",revealGranted:"查看个人信息（需管理员授权）",revealReason:"原因（随查看一并记录）",reveal:"查看",payoutMode:"打款方式",issuedBy:"记录人",issuedAt:"打款时间",refundId:"退款单",currency:"币种",amountYuan:"金额（元）",reconciliation:"对账",from:"开始日期",to:"结束日期",exportCsv:"导出 CSV",day:"日期",count:"笔数",noPayoutsInPeriod:"该期间没有打款。",filters:"筛选",platform:"平台任务",platformTasksHint:"在此对平台工单所做的处理，也须在平台自动处理前于对应平台的商家后台同步操作，期限最近的在前。请在后台按售后单号找到该售后，按任务操作，然后在此确认已完成。",platformActions:"平台同步操作",backOffice:"商家后台",backOfficeTaobao:"千牛 / 淘宝卖家中心 → 退款管理",backOfficeDouyin:"抖店商家后台 → 售后工作台",backOfficeKuaishou:"快手小店商家后台 → 售后管理",backOfficeOther:"{platform}商家后台",afterSaleId:"售后单号",taskWhat:"需在后台执行",department:"部门",decidedAt:"决定时间",taskDone:"已在后台完成",taskDoneAt:"完成时间",taskOpen:"尚未在后台操作",taskConfirmed:"平台记录已显示完成（{status}），{at}",taskSent:"已通过平台开放接口完成，{at}",platformReason:"拒绝原因（平台列表）",reasonToBuyer:"给买家的说明（可选）",needsEvidence:"需上传凭证",refusalNeedsEvidence:"平台要求此原因附带凭证，此处尚不能上传：拒绝将被记录并生成平台任务，请在平台后台上传凭证完成拒绝。",refusalReasonsUnavailable:"平台暂未返回拒绝原因列表：将仅以您填写的说明拒绝，平台可能退回由人工处理。",consequenceRejectReason:"将以“{reason}”拒绝该申请，并通知平台。",taskSentAlready:"已通过平台开放接口完成（平台此前已处理），{at}",taskRefused:"平台拒绝：{words}——请重新决定，或到后台处理",taskNeedsPerson:"需人工处理（{reason}）：{words}",platformTasksSent:"接口已完成",platformTasksRefused:"平台拒绝",platformTasksHanded:"转人工",taskStanding:"完成情况",platformTaskCounts:"平台同步操作：数量、待处理与耗时",noPlatformTaskCounts:"暂无平台同步操作。",platformTasksRequested:"需同步",platformTasksOpen:"待人工处理",meanToDone:"决定至人工完成",meanToConfirmed:"决定至平台显示完成",meanToSent:"决定至平台接口完成",hoursValue:"{hours} 小时",platformDue:"平台自动处理时间",noPlatformDeadline:"平台未给出期限",platformDeadlinePassed:"已过平台期限：请核对平台已如何处理",hoursLeft:"剩余 {hours} 小时",daysLeft:"剩余 {days} 天",taskDoneConsequence:"工单将记录：您已于现在在{where}对售后单 {afterSale} 执行“{what}”。请仅在平台显示已完成后确认。",myDepartmentOnly:"仅本部门",showDoneTasks:"显示已完成",noPlatformTasks:"暂无需要在平台后台操作的任务。",noDoneTasks:"暂无已确认完成的平台任务。",disputes:"平台介入（纠纷）",weHold:"我方证据",holdWaybill:"退货运单 {waybill}",holdNoWaybill:"无退货运单",holdLines:"已收货 {received}/{lines} 行，已质检 {inspected} 行，照片 {photos} 张",submittedToPlatform:"已提交平台",submittedAt:"举证包 {digest}…，{at}",nothingSubmitted:"尚未提交",disputesHint:"平台正在仲裁的案件，截止时间最近的在前。请下载举证包，并在截止前上传至平台后台。",noDisputes:"暂无平台介入的案件。",noDeadline:"平台未给出截止时间",platformDeadline:"平台截止时间",evidencePack:"举证包",downloadPack:"下载举证包",packUploaded:"已上传至平台",packUploadedConsequence:"工单将记录：此举证包（SHA-256 {digest}…）已由您于现在上传至平台后台。",packRecorded:"已记录为已提交。",evidenceComment:"给平台客服的说明",sendThroughApi:"通过平台接口提交",sendThroughApiConsequence:"将立即向平台提交案件 PDF 第一页与质检照片（在平台限制内），附上您的说明和举证包 SHA-256；工单会记录平台接收的每个文件。提交后无法撤回。",sentThroughApi:"已通过平台接口提交 {n} 个文件。",viaApi:"经平台接口，{n} 个文件",evidenceSubmissions:"已提交举证",registerUnmatched:"登记为无头件",poolRegistered:"包裹 {number} 已进入无头件池。一旦有工单填写此运单号，即自动在该工单签收。",parcelContents:"包裹内容",senderName:"面单寄件人姓名",senderPhone:"面单寄件人电话",sender:"寄件人",findTicket:"查找所属工单",findTicketHint:"订单号、售后单号、电话、姓名或 SKU",noCandidates:"没有待收货的工单匹配。",expecting:"待收",receiveOnTicket:"在此工单签收",receiveOnTicketConsequence:"包裹 {number} 将在工单 {ticket} 签收，数量为该工单全部待收件数。之后其他工单无法再认领。",dispositionAsked:"已申请处置",decideDisposition:"审批处置",approveDisposition:"批准处置",refuseDisposition:"驳回处置",approveDispositionConsequence:"包裹 {number} 将按「{disposition}」处置，并永久移出无头件池。",refuseDispositionConsequence:"包裹 {number} 将退回无头件池，继续等待所属工单。",disposableFrom:"{days} 天后可申请处置。",disposition:"处置方式",dispositionReason:"已尝试的查找方式",requestDisposition:"申请处置",requestDispositionConsequence:"将请管理员审批：包裹 {number}，{disposition}。",parcelPool:"无头件",poolEmpty:"没有等待认领的包裹。",poolAge:"在池 {days} 天",poolWaiting:"待认领",poolOldest:"最久待认领",poolApprovals:"待审批处置",poolMatched:"已匹配工单",poolDisposed:"已处置",ticketsCount:"工单数",managementScope:"状态统计与周期：期间内申请、所选渠道与类型的工单。退货原因：全部时间，按渠道与 SKU。",reshipsToShip:"待补寄",shipPart:"补寄发货",shipRepaired:"寄回维修件",repairsToDo:"待维修",repairsToShipBack:"待寄回维修件",contents:"包裹内容",receiptBy:"签收确认方",reshipment:"补寄包裹",repair:"维修",repairMethod:"维修方式",workDone:"维修内容",parts:"配件（用逗号分隔）",repairCost:"维修费用",partsCarrier:"配件包裹承运商",partsTracking:"配件包裹运单号",repairReturnShipment:"维修件寄回运单",priceDifference:"差价",differenceSource:"差价来源",basis:"差价依据",conversion:"处理方式转换",conversionRefund:"转换后的退款总额",offerType:"协商方案",respondBy:"答复期限",noteToBuyer:"给买家的说明",negotiation:"协商记录",offer:"方案",offerMade:"发起时间",offerSettled:"结束时间",answer:"买家答复",replacementVariants:"换款",variantSku:"换款 SKU",variantName:"换款商品名",variantDifference:"整行差价（正数买家补差，负数退还买家）",variantCharge:"向买家申请的补差价",moneyInvalidSigned:"请输入以元为单位的金额，例如 12.50 或 -12.50。",moneyMax:"最多 {limit}。",moneyMin:"最少 {limit}。",moneyRange:"{min} 至 {max}",moneyFloor:"最少 {limit}",approveRepairNote:"寄送配件或上门维修时请留空地址；填写地址则商品寄回维修。",consequenceStateDifference:"将登记差价 {amount}；在店铺政策范围内系统将自动同意并退款。",consequenceConfirmReshipment:"补寄包裹将记为已签收（确认方：{by}），工单以“已补寄”结案。",consequenceConvertRefund:"工单将改为“{conversion}”处理，退款总额 {amount}。每个工单只能转换一次。",consequenceConvertExchange:"工单将改为“{conversion}”处理：改为发出换新。每个工单只能转换一次。",consequenceOfferAccepted:"买家接受“{offer}”：方案立即生效。",consequenceOfferDeclined:"买家拒绝“{offer}”：工单保持不变。"},ea={en:Zr,zh:Jr};function ta(t,e){if(t==="zh"||t==="en")return t;for(const n of e){const i=n.toLowerCase();if(i.startsWith("zh"))return"zh";if(i.startsWith("en"))return"en"}return"en"}function Un(t,e){return ea[t][e]}function na(t,e){return t.replace(/\{(\w+)\}/g,(n,i)=>String(e[i]??`{${i}}`))}function Tn(t){return t==="zh"?"zh-CN":"en-US"}function ia(t,e,n="en"){return new Intl.NumberFormat(Tn(n),{style:"currency",currency:e,currencyDisplay:"symbol"}).format(t===0?0:t/100)}function ws(t){const e=Math.abs(t);return`${t<0?"-":""}${Math.trunc(e/100)}.${String(e%100).padStart(2,"0")}`}function Pe(t){const e=/^\s*[¥￥]?\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?\s*$/.exec(t);return e?Number(e[1].replace(/,/g,""))*100+Number((e[2]??"0").padEnd(2,"0")):null}function _s(t){const e=/^\s*([-+−])?\s*(.*)$/.exec(t),n=e?Pe(e[2]):null;return n===null||!e?null:(e[1]==="-"||e[1]==="−")&&n!==0?-n:n}function sa(t,e){return new Intl.DateTimeFormat(Tn(e),{dateStyle:"medium",timeZone:"UTC"}).format(new Date(`${t}T00:00:00Z`))}function oa(t,e){return new Intl.DateTimeFormat(Tn(e),{dateStyle:"medium",timeStyle:"short"}).format(new Date(t))}const Pn={status:{NOT_OPENED:["Not opened","未创建"],APPLIED:["Applied","已申请"],APPROVED:["Approved","已同意"],RETURN_SHIPPED:["Return shipped","买家已寄回"],RECEIVED:["Received","已签收"],INSPECTING:["Inspecting","质检中"],INSPECTED:["Inspected","已质检"],FEEDBACK_SENT:["Feedback sent","已反馈"],DISPUTED:["Disputed","有异议"],REFUNDING:["Refunding","退款中"],REFUNDED:["Refunded","已退款"],REPLACEMENT_SHIPPED:["Replacement shipped","换新已发出"],GOODS_RETURNED:["Goods returned","已退回客户"],RESHIPPED:["Part reshipped","补寄已发出"],REPAIRED:["Repaired","已维修"],REPAIR_SHIPPED_BACK:["Repaired goods shipped back","维修件已寄回"],CONVERTED:["Converted","已转换处理方式"],REJECTED:["Rejected","已驳回"],CLOSED:["Closed","已结案"],CANCELLED:["Cancelled","已取消"]},kind:{RETURN_AND_REFUND:["Return and refund","退货退款"],REFUND_ONLY:["Refund only","仅退款"],EXCHANGE:["Exchange","换货"],RESHIP:["Reship","补寄"],REPAIR:["Repair","维修"],PRICE_PROTECTION:["Price protection","价保/退差价"]},channel:{taobao:["Taobao","淘宝"],douyin:["Douyin","抖音"],kuaishou:["Kuaishou","快手"],manual:["Manual","手工"]},grade:{NEW:["New","全新"],OPENED:["Opened","已拆封"],USED:["Used","已使用"],DAMAGED:["Damaged","已损坏"],MISSING:["Missing","缺失"],WRONG_ITEM:["Wrong item","错发商品"]},verdict:{PASS:["Pass","合格"],FAIL:["Fail","不合格"]},outcome:{PASSED:["Passed","合格"],PARTIAL:["Partly passed","部分合格"],FAILED:["Failed","不合格"]},packageCondition:{INTACT:["Intact","完好"],DAMAGED:["Damaged","破损"],TAMPERED:["Tampered","被拆动"]},resolution:{REFUNDED:["Refunded","已退款"],EXCHANGED:["Exchanged","已换货"],REJECTED:["Rejected","已驳回"],REJECTED_AFTER_INSPECTION:["Rejected after inspection","质检后驳回"],RESOLVED_WITHOUT_RETURN:["Resolved without a return","无需退货已解决"],EXPIRED:["Expired","已过期"],RESHIPPED:["Part reshipped","已补寄"],REPAIRED:["Repaired","已维修"]},arbitrationOutcome:{FOR_BUYER:["Decided for the buyer","判买家胜"],FOR_SELLER:["Decided for the seller","判卖家胜"],NOT_STATED:["Decided (outcome not stated)","已判定（结果未注明）"]},refundStatus:{REQUESTED:["Requested","待审批"],APPROVED:["Approved","待打款"],ISSUED:["Issued","已打款"],FAILED:["Failed","打款失败"]},role:{CUSTOMER_SERVICE:["Customer service","客服"],WAREHOUSE:["Warehouse","仓库"],FINANCE:["Finance","财务"],AUDITOR:["Auditor","审计"],ADMIN:["Administrator","管理员"],SYSTEM:["System","系统"]},nextAction:{platform_intervening:["Platform intervening","平台介入中"],platform_sync_pending:["Platform record pending","平台记录待同步"],platform_sync_conflict:["Platform record conflicts","平台记录冲突"],platform_decides:["Platform decides soon","平台即将自动处理"],review:["Review the application","审核申请"],ship_back:["Wait for the return parcel","等待买家寄回"],follow_up:["Follow-up call","回访"]},command:{OpenTicket:["Open ticket","创建工单"],ApproveApplication:["Approve application","同意申请"],RejectApplication:["Reject application","驳回申请"],RegisterReturnShipment:["Register return shipment","登记退货运单"],ReceiveReturn:["Receive return","签收退货"],RecordInspection:["Record inspection","记录质检"],CompleteInspection:["Complete inspection","完成质检"],SendInspectionFeedback:["Send inspection feedback","发送质检反馈"],DisputeInspection:["Dispute inspection","质检异议"],RequestRefund:["Request refund","申请退款"],ApproveRefund:["Approve refund","批准退款"],IssueRefund:["Record payout","登记打款"],RecordRefundFailure:["Record payout failure","登记打款失败"],ShipReplacement:["Ship replacement","发出换新"],ReturnGoodsToCustomer:["Return goods to customer","退回客户"],CloseTicket:["Close ticket","结案"],CancelTicket:["Cancel ticket","取消工单"],AssignTicket:["Assign ticket","分配工单"],AddNote:["Add note","添加备注"],UpdateCustomFields:["Update custom fields","修改自定义字段"],ScheduleFollowUp:["Schedule follow-up","安排回访"],CompleteFollowUp:["Complete follow-up","完成回访"],RecordMissedDeadline:["Record missed deadline","记录超时"],RecordPlatformApproval:["Record platform approval","登记平台同意"],RecordPlatformRefund:["Record platform refund","登记平台退款"],RecordPlatformSyncIssue:["Record platform sync issue","登记平台同步问题"],ResolvePlatformSync:["Resolve platform sync","解决平台同步"],RecordPlatformDeadline:["Record platform deadline","登记平台期限"],RecordPlatformDeadlineNear:["Record platform deadline near","登记平台期限将至"],RecordPlatformArbitration:["Record platform arbitration","登记平台介入"],RecordPlatformCorrection:["Record platform correction","登记平台更正"],StatePriceDifference:["State price difference","登记差价"],ShipReshipment:["Ship the missing part","补寄发货"],ConfirmReshipmentReceived:["Confirm part received","确认补寄签收"],RecordRepair:["Record repair","登记维修"],ShipRepairedGoods:["Ship repaired goods back","寄回维修件"],ConvertTicket:["Convert ticket","转换处理方式"],MakeCounterOffer:["Make a counter-offer","发起协商"],RecordOfferAnswer:["Record the buyer's answer","登记买家答复"],ExpireCounterOffer:["Expire the counter-offer","协商已超时"],ChooseReplacementVariant:["Choose another variant","换货换款"],ReceiveMatchedParcel:["Receive a parcel from the unmatched pool","签收无头件"],RecordEvidenceSubmission:["Record the evidence submitted","登记已提交举证"],ConfirmPlatformAction:["Confirm done in the platform's back office","确认已在平台后台完成"],RecordPlatformActionOutcome:["Record the platform's answer","登记平台接口结果"],RecordPlatformConfirmation:["Record what the platform's record shows done","记录平台显示已完成"]},event:Qr,parcelStatus:{UNMATCHED:["Waiting for its ticket","待认领"],MATCHED:["Matched","已匹配"],DISPOSITION_REQUESTED:["Disposition to approve","处置待审批"],DISPOSED:["Disposed of","已处置"]},disposition:{RETURN_TO_SENDER:["Return to sender","退回寄件人"],KEEP:["Keep in stock","留存入库"],WRITE_OFF:["Write off","报废核销"]},waiting:{APPLIED:["Review the application","审核申请"],APPROVED:["Wait for the return parcel","等待买家寄回"],RETURN_SHIPPED:["Warehouse: receive the parcel","仓库：签收包裹"],RECEIVED:["Warehouse: inspect","仓库：质检"],INSPECTING:["Warehouse: complete the inspection","仓库：完成质检"],INSPECTED:["Send the inspection feedback","发送质检反馈"],FEEDBACK_SENT:["Refund, ship or return the goods","退款、发出换新或退回商品"],DISPUTED:["Warehouse: inspect again","仓库：重新质检"],REFUNDING:["Finance: approve and pay out","财务：审批并打款"],REFUNDED:["Close the ticket","结案"],REPLACEMENT_SHIPPED:["Close the ticket","结案"],GOODS_RETURNED:["Close the ticket","结案"],RESHIPPED:["Wait for the buyer's receipt","等待买家签收"],REPAIRED:["Warehouse: ship the goods back, or close","仓库：寄回维修件或结案"],REPAIR_SHIPPED_BACK:["Close the ticket","结案"],CONVERTED:["Refund or ship the replacement","退款或发出换新"],REJECTED:["Close the ticket","结案"]},step:{review:["Review","审核"],ship_back:["Ship back","买家寄回"],transit:["In transit","运输"],inspection:["Inspection","质检"],refund:["Refund","退款"],replacement:["Replacement","换新"],resolution:["Whole case","全流程"]},reason:{quality_issue:["Quality issue","质量问题"],size_issue:["Size issue","尺码不合适"],logistics_damage:["Damaged in transit","物流损坏"],wrong_item:["Wrong item sent","发错货"],not_as_described:["Not as described","与描述不符"],changed_mind:["Changed mind","不想要了"],missing_parts:["Missing parts","缺少配件"],late_delivery:["Late delivery","发货太慢"]},payoutMode:{MANUAL:["Manual","人工打款"],WEBHOOK:["ERP webhook","接口打款"],PLATFORM:["Platform","平台退款"],SIMULATED:["Simulated","模拟"]},followUpOutcome:{satisfied:["Satisfied","满意"],resolved_on_call:["Resolved on the call","电话中已解决"],unsatisfied:["Still unsatisfied","仍不满意"],call_back:["Call back later","需再次联系"],no_answer:["No answer","无人接听"],escalated:["Escalated as a complaint","已升级为投诉"]},receiptBy:{BUYER:["The buyer","买家"],PLATFORM:["Platform's record","平台记录"],CARRIER:["Carrier's tracking","物流签收"]},repairMethod:{WORKSHOP:["In the workshop","返厂维修"],PARTS_SENT:["Parts sent","寄送配件"],VISIT:["Technician's visit","上门维修"]},differenceSource:{PLATFORM:["Platform's record","平台记录"],POLICY:["Shop's price policy","店铺价保政策"]},conversion:{EXCHANGE_TO_REFUND:["Exchange to refund","换货转退款"],REPAIR_TO_REFUND:["Repair to refund","维修转退款"],REPAIR_TO_EXCHANGE:["Repair to exchange","维修转换货"],RESHIP_TO_REFUND:["Reship to refund","补寄转退款"],RETURN_TO_PARTIAL_REFUND:["Partial refund, goods kept","退货转部分退款（不退货）"]},platformStatus:{awaiting_seller:["Awaiting the seller","待商家处理"],awaiting_return:["Awaiting the buyer's return","待买家退货"],awaiting_seller_shipment:["Awaiting the seller's shipment","待商家发货"],return_shipped:["Buyer shipped the return","买家已退货"],seller_shipped:["Seller shipped","商家已发货"],buyer_received:["Buyer received","买家已收货"],refunding:["Refund executing","退款中"],succeeded:["Succeeded","售后成功"],completed:["Completed","已完成"],refused:["Refused","已拒绝"],refused_after_receipt:["Refused after receipt","收货后拒绝"],closed:["Closed","已关闭"],platform_intervening:["Platform intervening","平台介入中"],platform_confirmed:["Platform confirmed","平台已确认"]},platformAnswerReason:{back_office_only:["the platform takes this step in its back office only","平台仅支持在后台操作"],stale_version:["the record changed on the platform","平台记录已更新"],batch_item_failed:["failed in a batch call","批量调用中失败"],deadline_close:["too close to the platform's deadline to retry","距平台时限过近，无法重试"],no_api_call:["the platform has no API call for it","平台无对应接口"],unauthorized:["the shop's authorisation was refused","店铺授权被拒绝"],retries_exhausted:["the platform did not answer after several attempts","多次重试后平台仍无响应"],evidence_required:["the refusal reason requires evidence: refuse in the back office with the proof","该拒绝原因须附凭证：请在平台后台上传凭证后拒绝"]},platformAction:{APPROVE_APPLICATION:["Agree to the application","同意申请"],REFUSE_APPLICATION:["Refuse the application","拒绝申请"],CONFIRM_RETURN_RECEIVED:["Confirm the return received","确认收货"],SHIP_EXCHANGE:["Ship the exchange (enter the waybill)","换货发货（填写运单号）"],SHIP_RESHIPMENT:["Ship the reshipment (enter the waybill)","补寄发货（填写运单号）"],SHIP_REPAIRED_GOODS:["Ship the repaired goods back (enter the waybill)","维修寄回（填写运单号）"],REFUSE_AFTER_INSPECTION:["Refuse the refund after inspection (goods sent back)","验货后拒绝退款（商品已寄回）"],AGREE_REFUND:["Agree to the refund","同意退款"],COUNTER_OFFER:["Send the counter-offer (协商)","发起协商"],CONVERT:["Convert the after-sale","转换售后类型"]},offerType:{PARTIAL_REFUND:["Partial refund, goods kept","部分退款（不退货）"],CONVERSION:["Another resolution","更换处理方式"],RETURN_ADDRESS:["Another return address","更换退货地址"]},offerStatus:{OPEN:["Awaiting the buyer","待买家答复"],ACCEPTED:["Accepted","已接受"],DECLINED:["Declined","已拒绝"],EXPIRED:["Expired","已超时"]},offerAnswer:{ACCEPTED:["Accepted","接受"],DECLINED:["Declined","拒绝"]},error:{UNAUTHENTICATED:["Your session ended.","登录已失效。"],FORBIDDEN:["Your role may not do this.","您的角色无权执行此操作。"],NOT_FOUND:["Not found.","未找到。"],VALIDATION:["Some input is not valid.","输入有误。"],INVALID_TRANSITION:["The ticket does not allow this now; it may have changed meanwhile.","工单当前不允许此操作，可能刚被他人修改。"],CONFLICT:["The ticket changed meanwhile; look again and retry.","工单刚被修改，请查看后重试。"],NEEDS_PERSON:["The marketplace takes this only in its back office; nothing was sent.","平台只接受在商家后台人工操作，未发送任何内容。"],THROTTLED:["Too many attempts; try again later.","尝试次数过多，请稍后再试。"],NOT_YET_CONSISTENT:["The lists are catching up; try again in a moment.","列表正在更新，请稍后再试。"],UNAVAILABLE:["The database cannot be reached; try again.","无法连接数据库，请重试。"],INTERNAL:["The server failed; try again.","服务器出错，请重试。"]}},As=Object.keys(Pn.followUpOutcome);function kn(t,e,n){if(n==null)return"—";const i=Pn[e][n];return i?i[t==="zh"?1:0]:n}function ra(t,e,n){return{lang:t,t:(s,o)=>o?na(e(t,s),o):e(t,s),e:(s,o)=>kn(t,s,o),money:s=>s?ia(s.amountMinor,s.currency,t):"—",date:s=>s?oa(s,t):"—",err:s=>{if(s instanceof Ae){const o=kn(t,"error",s.code);return t==="en"&&s.message?`${o} (${s.message})`:o}return s instanceof Error?s.message:String(s)},session:n}}const Cs=$.createContext(null);function B(){const t=$.useContext(Cs);if(!t)throw new Error("no app context");return t}function aa(){const[t,e]=$.useState(location.pathname+location.search);return $.useEffect(()=>{const n=()=>e(location.pathname+location.search);return addEventListener("popstate",n),addEventListener("returns:navigate",n),()=>{removeEventListener("popstate",n),removeEventListener("returns:navigate",n)}},[]),t}function $t(t,e=!1){e?history.replaceState(null,"",t):history.pushState(null,"",t),dispatchEvent(new Event("returns:navigate"))}const ca=t=>(t.match(/\d+[xX]\d+|[A-Z]?[a-z]+|[A-Z]|\d+/g)??[]).join("-").toLowerCase();function da(t,e,n=[]){if(e==null)throw new Error("[lucide]: iconNode is required when icon name is used");return{name:ca(t),size:24,node:e,...n.length>0?{aliases:n}:{}}}const la=t=>{let e="",n=!1;for(const i of t){if(i==="-"||i==="_"||i<=" "){n=e.length>0;continue}e.length===0?e+=i.toLowerCase():e+=n?i.toUpperCase():i,n=!1}return e},ua=t=>{const e=la(t);return e.charAt(0).toUpperCase()+e.slice(1)},In=(...t)=>{const e=new Set;for(const n of t)if(typeof n=="string")for(const i of n.split(/\s+/))i&&e.add(i);return[...e].join(" ")},Qe={xmlns:"http://www.w3.org/2000/svg",width:24,height:24,viewBox:"0 0 24 24",fill:"none",stroke:"currentColor","stroke-width":2,"stroke-linecap":"round","stroke-linejoin":"round"};function sn(t){return t!=null}function ha(t,e={}){var p,f;const n=e.attributeNames??{},i=k=>n[k]??k,s=t.size??t.width??Qe.width,o=t.size??t.height??Qe.height,r=((p=t.aliases)==null?void 0:p.filter(k=>typeof k=="string"&&k.trim()!=="").map(k=>`lucide-${k}`))??[],a=[...t.name?[`lucide-${t.name}`]:[],...r],d=((f=e.className)==null?void 0:f.split(" ").filter(Boolean))??[],l=e.includeDefaultClasses===!1?In(...d):In("lucide",...a,...d);let u=e.strokeWidth??Qe["stroke-width"];if(e.absoluteStrokeWidth){const k=Number(u)*Number(t.size??t.width??Qe.width)/Number(e.size??e.width??Qe.width);Number.isFinite(k)&&(u=k)}return["svg",{...Object.entries(Qe).reduce((k,[y,g])=>(k[i(y)]=g,k),{}),..."color"in e&&e.color&&{[i("stroke")]:e.color},..."size"in e&&sn(e.size)&&{[i("width")]:e.size,[i("height")]:e.size},..."width"in e&&sn(e.width)&&{[i("width")]:e.width},..."height"in e&&sn(e.height)&&{[i("height")]:e.height},[i("stroke-width")]:u,...l&&{[i("class")]:l},[i("viewBox")]:`0 0 ${s} ${o}`,...e.hasA11yProp===!1?{[i("aria-hidden")]:"true"}:{},..."attributes"in e&&e.attributes},t.node.map(k=>{const[y,g,v]=k,S=e.nonScalingStroke?{[i("vector-effect")]:"non-scaling-stroke",...g}:g;return v?[y,S,v]:[y,S]})]}function pa(t,e={}){return ha(t,{...e,attributeNames:{...e.attributeNames,class:"className","stroke-width":"strokeWidth","stroke-linecap":"strokeLinecap","stroke-linejoin":"strokeLinejoin","vector-effect":"vectorEffect"}})}const fa=t=>{if(t==null||typeof t!="object")return!1;for(const e in t)if(Object.prototype.hasOwnProperty.call(t,e)&&(e.startsWith("aria-")||e==="role"||e==="title")&&t[e]!=null)return!0;return!1},ma=$.createContext({}),ga=()=>$.useContext(ma),ba=$.forwardRef(({color:t,size:e,width:n,height:i,strokeWidth:s,absoluteStrokeWidth:o,nonScalingStroke:r,className:a="",children:d,iconNode:l=[],icon:u={node:l,aliases:[],size:24},...h},p)=>{const{size:f=24,strokeWidth:k=2,absoluteStrokeWidth:y=!1,nonScalingStroke:g=!1,color:v="currentColor",className:S=""}=ga()??{},R=!!d||fa(h),[m,x,b=[]]=pa(u,{color:t??v,width:n??e??f,height:i??e??f,strokeWidth:s??k,absoluteStrokeWidth:o??y,nonScalingStroke:r??g,className:In(S,a),hasA11yProp:R,attributes:h});return $.createElement(m,{ref:p,...x},[...b.map(([D,I])=>$.createElement(D,I)),...Array.isArray(d)?d:[d]])});function ke(t,e=[],n=[]){const i=typeof t=="string"?da(t,e,n):t,s=$.forwardRef(({className:o,...r},a)=>$.createElement(ba,{ref:a,icon:i,className:o,...r}));return i.name&&(s.displayName=ua(i.name)),s}const js={name:"arrow-down",size:24,node:[["path",{d:"M12 5v14",key:"s699le"}],["path",{d:"m19 12-7 7-7-7",key:"1idqje"}]]};js.node;const xa=ke(js),Us={name:"arrow-up",size:24,node:[["path",{d:"m5 12 7-7 7 7",key:"hav0vg"}],["path",{d:"M12 19V5",key:"x0mq9r"}]]};Us.node;const ya=ke(Us),Ts={name:"bookmark",size:24,node:[["path",{d:"M17 3a2 2 0 0 1 2 2v15a1 1 0 0 1-1.496.868l-4.512-2.578a2 2 0 0 0-1.984 0l-4.512 2.578A1 1 0 0 1 5 20V5a2 2 0 0 1 2-2z",key:"oz39mx"}]]};Ts.node;const ka=ke(Ts),Ps={name:"camera",size:24,node:[["path",{d:"M13.997 4a2 2 0 0 1 1.76 1.05l.486.9A2 2 0 0 0 18.003 7H20a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V9a2 2 0 0 1 2-2h1.997a2 2 0 0 0 1.759-1.048l.489-.904A2 2 0 0 1 10.004 4z",key:"18u6gg"}],["circle",{cx:"12",cy:"13",r:"3",key:"1vg3eu"}]]};Ps.node;const Ia=ke(Ps),Es={name:"download",size:24,node:[["path",{d:"M12 15V3",key:"m9g1x1"}],["path",{d:"M21 15v4a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2v-4",key:"ih7n3h"}],["path",{d:"m7 10 5 5 5-5",key:"brsn70"}]]};Es.node;const va=ke(Es),Ms={name:"plus",size:24,node:[["path",{d:"M5 12h14",key:"1ays0h"}],["path",{d:"M12 5v14",key:"s699le"}]]};Ms.node;const Os=ke(Ms),Ns={name:"shield-check",size:24,node:[["path",{d:"M20 13c0 5-3.5 7.5-7.66 8.95a1 1 0 0 1-.67-.01C7.5 20.5 4 18 4 13V6a1 1 0 0 1 1-1c2 0 4.5-1.2 6.24-2.72a1.17 1.17 0 0 1 1.52 0C14.51 3.81 17 5 19 5a1 1 0 0 1 1 1z",key:"oel41y"}],["path",{d:"m9 12 2 2 4-4",key:"dzmm74"}]]};Ns.node;const Sa=ke(Ns),Fs={name:"shield-exclamation-point",size:24,node:[["path",{d:"M20 13c0 5-3.5 7.5-7.66 8.95a1 1 0 0 1-.67-.01C7.5 20.5 4 18 4 13V6a1 1 0 0 1 1-1c2 0 4.5-1.2 6.24-2.72a1.17 1.17 0 0 1 1.52 0C14.51 3.81 17 5 19 5a1 1 0 0 1 1 1z",key:"oel41y"}],["path",{d:"M12 8v4",key:"1got3b"}],["path",{d:"M12 16h.01",key:"1drbdi"}]],aliases:["shield-alert"]};Fs.node;const $a=ke(Fs),Ls={name:"trash",size:24,node:[["path",{d:"M10 11v6",key:"nco0om"}],["path",{d:"M14 11v6",key:"outv1u"}],["path",{d:"M19 6v14a2 2 0 0 1-2 2H7a2 2 0 0 1-2-2V6",key:"miytrc"}],["path",{d:"M3 6h18",key:"d0wm0j"}],["path",{d:"M8 6V4a2 2 0 0 1 2-2h4a2 2 0 0 1 2 2v2",key:"e791ji"}]],aliases:["trash-2"]};Ls.node;const qs=ke(Ls),Bs={name:"x",size:24,node:[["path",{d:"M18 6 6 18",key:"1bl5f8"}],["path",{d:"m6 6 12 12",key:"d8bk6v"}]]};Bs.node;const Da=ke(Bs);class A extends String{constructor(n,i){super(n);z(this,"__apiType");z(this,"value");z(this,"__meta__");this.value=n,this.__meta__=i}toString(){return this.value}}const Ra=new A(`
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
  platformActions {
    seq
    platform
    afterSaleId
    action
    department
    carrier
    trackingNumber
    amount {
      amountMinor
      currency
    }
    conversion
    requestedAt
    doneAt
    confirmedAt
    confirmedStatus
    answer {
      outcome
      reason
      code
      message
      alreadyDone
      answeredAt
    }
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
    `,{fragmentName:"TicketView"}),wa=new A(`
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
      tickets
      atStake {
        amountMinor
        currency
      }
      lost {
        amountMinor
        currency
      }
    }
    arbitrationsByInspector {
      inspector
      arbitrations
      open
      forBuyer
      forSeller
      notStated
      atStake {
        amountMinor
        currency
      }
      lost {
        amountMinor
        currency
      }
    }
  }
}
    `),_a=new A(`
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
    `),Aa=new A(`
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
    `),Ca=new A(`
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
    `),ja=new A(`
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
    `),Ua=new A(`
    mutation BulkAssign($id: UUID!, $cmd: UUID!, $assignee: String) {
  assignTicket(ticketId: $id, commandId: $cmd, input: {assignee: $assignee}) {
    position
  }
}
    `),Ta=new A(`
    mutation BulkNote($id: UUID!, $cmd: UUID!, $text: String!) {
  addNote(ticketId: $id, commandId: $cmd, input: {text: $text}) {
    position
  }
}
    `),Pa=new A(`
    mutation BulkApprove($id: UUID!, $cmd: UUID!, $input: ApproveApplicationInput!) {
  approveApplication(ticketId: $id, commandId: $cmd, input: $input) {
    position
  }
}
    `),Ea=new A(`
    query Disputes {
  worklist(
    filter: {nextAction: "platform_intervening", sort: DUE_FIRST}
    first: 100
  ) {
    nodes {
      ticketId
      kind
      channel
      customer
      reasonCode
      nextAction
      nextActionDue
    }
    pageInfo {
      hasNextPage
    }
  }
}
    `),Ma=new A(`
    query DisputeHolding($id: UUID!) {
  ticket(id: $id) {
    arbitration {
      platform
      since
    }
    returnShipment {
      carrier
      trackingNumber
    }
    lines {
      qtyApplied
      qtyReceived
      inspection {
        photoRefs
      }
    }
    evidenceSubmissions {
      submittedAt
      packSha256
      throughApi
      sent {
        name
      }
    }
  }
}
    `),Oa=new A(`
    mutation SubmitEvidenceThroughPlatform($id: UUID!, $cmd: UUID!, $comment: String!) {
  submitEvidenceThroughPlatform(
    ticketId: $id
    commandId: $cmd
    input: {comment: $comment}
  ) {
    ticket {
      evidenceSubmissions {
        platform
        packSha256
        submittedAt
        throughApi
        sent {
          name
          sha256
        }
      }
    }
  }
}
    `),Na=new A(`
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
    `),Fa=new A(`
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
    `),La=new A(`
    mutation FinanceApproveRefund($id: UUID!, $cmd: UUID!, $refund: UUID!) {
  approveRefund(ticketId: $id, commandId: $cmd, input: {refundId: $refund}) {
    version
    position
  }
}
    `),qa=new A(`
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
    `),Ba=new A(`
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
    `),Ha=new A(`
    subscription FinanceChanges {
  departmentQueue(department: FINANCE) {
    position
    change
  }
}
    `),za=new A(`
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
    `),Va=new A(`
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
    `),Wa=new A(`
    mutation CompleteFollowUp($id: UUID!, $cmd: UUID!, $input: CompleteFollowUpInput!) {
  completeFollowUp(ticketId: $id, commandId: $cmd, input: $input) {
    position
  }
}
    `),Ga=new A(`
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
    `),Ka=new A(`
    mutation OpenTicketForm($cmd: UUID!, $input: OpenTicketInput!) {
  openTicket(commandId: $cmd, input: $input) {
    ticket {
      id
    }
  }
}
    `),Ya=new A(`
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
    `),Xa=new A(`
    query ParcelPoolStats {
  parcelPoolStats {
    unmatched
    dispositionRequested
    matched
    disposed
    oldestUnmatchedDays
  }
}
    `),Qa=new A(`
    mutation RegisterUnmatchedParcel($parcel: UUID!, $cmd: UUID!, $input: RegisterParcelInput!) {
  registerUnmatchedParcel(parcelId: $parcel, commandId: $cmd, input: $input) {
    id
    status
  }
}
    `),Za=new A(`
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
    `),Ja=new A(`
    mutation MatchParcel($parcel: UUID!, $ticket: UUID!, $cmd: UUID!) {
  matchParcel(parcelId: $parcel, ticketId: $ticket, commandId: $cmd) {
    position
    ticket {
      id
      status
    }
  }
}
    `),ec=new A(`
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
    `),tc=new A(`
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
    `),nc=new A(`
    query ManagementPlatformTasks {
  platformTaskCounts {
    platform
    action
    requested
    open
    sent
    refused
    handedToPerson
    meanSecondsToDone
    meanSecondsToConfirmed
    meanSecondsToSent
  }
}
    `),ic=new A(`
    query PlatformTasks($filter: PlatformTaskFilter!, $seen: Int) {
  platformTasks(filter: $filter, first: 100, atLeastPosition: $seen) {
    nodes {
      ticketId
      seq
      platform
      afterSaleId
      action
      department
      carrier
      trackingNumber
      amount {
        amountMinor
        currency
      }
      conversion
      ticketStatus
      requestedAt
      dueBy
      doneAt
      confirmedAt
      confirmedStatus
      answer {
        outcome
        reason
        code
        message
        alreadyDone
        answeredAt
      }
    }
  }
}
    `),sc=new A(`
    mutation ConfirmPlatformAction($id: UUID!, $cmd: UUID!, $seq: Int!) {
  confirmPlatformAction(ticketId: $id, commandId: $cmd, input: {seq: $seq}) {
    version
    position
  }
}
    `),oc=new A(`
    query SavedViews {
  savedViews {
    name
    query
  }
}
    `),rc=new A(`
    mutation SaveView($name: String!, $query: String!) {
  saveView(name: $name, query: $query) {
    name
    query
  }
}
    `),ac=new A(`
    mutation DeleteView($name: String!) {
  deleteView(name: $name)
}
    `),cc=new A(`
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
  platformActions {
    seq
    platform
    afterSaleId
    action
    department
    carrier
    trackingNumber
    amount {
      amountMinor
      currency
    }
    conversion
    requestedAt
    doneAt
    confirmedAt
    confirmedStatus
    answer {
      outcome
      reason
      code
      message
      alreadyDone
      answeredAt
    }
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
}`),dc=new A(`
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
    `),lc=new A(`
    mutation ApproveApplication($id: UUID!, $cmd: UUID!, $input: ApproveApplicationInput!) {
  approveApplication(ticketId: $id, commandId: $cmd, input: $input) {
    version
  }
}
    `),uc=new A(`
    mutation RejectApplication($id: UUID!, $cmd: UUID!, $input: RejectApplicationInput!) {
  rejectApplication(ticketId: $id, commandId: $cmd, input: $input) {
    version
  }
}
    `),hc=new A(`
    mutation RegisterReturnShipment($id: UUID!, $cmd: UUID!, $input: ShipmentInput!) {
  registerReturnShipment(ticketId: $id, commandId: $cmd, input: $input) {
    version
  }
}
    `),pc=new A(`
    mutation SendInspectionFeedback($id: UUID!, $cmd: UUID!, $input: SendInspectionFeedbackInput!) {
  sendInspectionFeedback(ticketId: $id, commandId: $cmd, input: $input) {
    version
  }
}
    `),fc=new A(`
    mutation RequestRefund($id: UUID!, $cmd: UUID!, $input: RequestRefundInput!) {
  requestRefund(ticketId: $id, commandId: $cmd, input: $input) {
    version
  }
}
    `),mc=new A(`
    mutation ApproveRefund($id: UUID!, $cmd: UUID!, $input: ApproveRefundInput!) {
  approveRefund(ticketId: $id, commandId: $cmd, input: $input) {
    version
  }
}
    `),gc=new A(`
    mutation IssueRefund($id: UUID!, $cmd: UUID!, $input: IssueRefundInput!) {
  issueRefund(ticketId: $id, commandId: $cmd, input: $input) {
    version
  }
}
    `),bc=new A(`
    mutation ShipReplacement($id: UUID!, $cmd: UUID!, $input: ShipmentInput!) {
  shipReplacement(ticketId: $id, commandId: $cmd, input: $input) {
    version
  }
}
    `),xc=new A(`
    mutation ReturnGoodsToCustomer($id: UUID!, $cmd: UUID!, $input: ShipmentInput!) {
  returnGoodsToCustomer(ticketId: $id, commandId: $cmd, input: $input) {
    version
  }
}
    `),yc=new A(`
    mutation CloseTicket($id: UUID!, $cmd: UUID!, $input: CloseTicketInput!) {
  closeTicket(ticketId: $id, commandId: $cmd, input: $input) {
    version
  }
}
    `),kc=new A(`
    mutation CancelTicket($id: UUID!, $cmd: UUID!, $input: CancelTicketInput!) {
  cancelTicket(ticketId: $id, commandId: $cmd, input: $input) {
    version
  }
}
    `),Ic=new A(`
    mutation AddNote($id: UUID!, $cmd: UUID!, $input: AddNoteInput!) {
  addNote(ticketId: $id, commandId: $cmd, input: $input) {
    version
  }
}
    `),vc=new A(`
    mutation AssignTicket($id: UUID!, $cmd: UUID!, $input: AssignTicketInput!) {
  assignTicket(ticketId: $id, commandId: $cmd, input: $input) {
    version
  }
}
    `),Sc=new A(`
    mutation DisputeInspection($id: UUID!, $cmd: UUID!, $input: DisputeInspectionInput!) {
  disputeInspection(ticketId: $id, commandId: $cmd, input: $input) {
    version
  }
}
    `),$c=new A(`
    mutation ScheduleFollowUp($id: UUID!, $cmd: UUID!, $input: ScheduleFollowUpInput!) {
  scheduleFollowUp(ticketId: $id, commandId: $cmd, input: $input) {
    version
  }
}
    `),Dc=new A(`
    mutation UpdateCustomFields($id: UUID!, $cmd: UUID!, $input: UpdateCustomFieldsInput!) {
  updateCustomFields(ticketId: $id, commandId: $cmd, input: $input) {
    version
  }
}
    `),Rc=new A(`
    mutation CompleteFollowUpOnTicket($id: UUID!, $cmd: UUID!, $input: CompleteFollowUpInput!) {
  completeFollowUp(ticketId: $id, commandId: $cmd, input: $input) {
    version
  }
}
    `),wc=new A(`
    mutation RecordRefundFailure($id: UUID!, $cmd: UUID!, $input: RecordRefundFailureInput!) {
  recordRefundFailure(ticketId: $id, commandId: $cmd, input: $input) {
    version
  }
}
    `),_c=new A(`
    mutation StatePriceDifference($id: UUID!, $cmd: UUID!, $input: StatePriceDifferenceInput!) {
  statePriceDifference(ticketId: $id, commandId: $cmd, input: $input) {
    version
  }
}
    `),Ac=new A(`
    mutation ShipReshipment($id: UUID!, $cmd: UUID!, $input: ShipReshipmentInput!) {
  shipReshipment(ticketId: $id, commandId: $cmd, input: $input) {
    version
  }
}
    `),Cc=new A(`
    mutation ConfirmReshipmentReceived($id: UUID!, $cmd: UUID!, $input: ConfirmReshipmentReceivedInput!) {
  confirmReshipmentReceived(ticketId: $id, commandId: $cmd, input: $input) {
    version
  }
}
    `),jc=new A(`
    mutation RecordRepair($id: UUID!, $cmd: UUID!, $input: RecordRepairInput!) {
  recordRepair(ticketId: $id, commandId: $cmd, input: $input) {
    version
  }
}
    `),Uc=new A(`
    mutation ShipRepairedGoods($id: UUID!, $cmd: UUID!, $input: ShipmentInput!) {
  shipRepairedGoods(ticketId: $id, commandId: $cmd, input: $input) {
    version
  }
}
    `),Tc=new A(`
    mutation ConvertTicket($id: UUID!, $cmd: UUID!, $input: ConvertTicketInput!) {
  convertTicket(ticketId: $id, commandId: $cmd, input: $input) {
    version
  }
}
    `),Pc=new A(`
    mutation MakeCounterOffer($id: UUID!, $cmd: UUID!, $input: MakeCounterOfferInput!) {
  makeCounterOffer(ticketId: $id, commandId: $cmd, input: $input) {
    version
  }
}
    `),Ec=new A(`
    mutation RecordOfferAnswer($id: UUID!, $cmd: UUID!, $input: RecordOfferAnswerInput!) {
  recordOfferAnswer(ticketId: $id, commandId: $cmd, input: $input) {
    version
  }
}
    `),Mc=new A(`
    mutation ChooseReplacementVariant($id: UUID!, $cmd: UUID!, $input: ChooseReplacementVariantInput!) {
  chooseReplacementVariant(ticketId: $id, commandId: $cmd, input: $input) {
    version
  }
}
    `),Oc=new A(`
    query RefusalReasons($id: UUID!) {
  platformRefusalReasons(ticketId: $id) {
    mode
    problem
    reasons {
      code
      text
      needsEvidence
    }
  }
}
    `),Nc=new A(`
    mutation GrantAccess($id: UUID!, $grantee: String!, $hours: Int!) {
  grantPersonalDataAccess(ticketId: $id, grantee: $grantee, hours: $hours) {
    grantee
    until
  }
}
    `),Fc=new A(`
    mutation RevealGranted($id: UUID!, $reason: String!) {
  revealPersonalData(ticketId: $id, reason: $reason) {
    customer
    customerPhone
    customerAddress
    reasonText
  }
}
    `),Lc=new A(`
    query InboundParcel($tracking: String!) {
  inboundParcel(trackingNumber: $tracking) {
    ticketId
  }
}
    `),qc=new A(`
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
  platformActions {
    seq
    platform
    afterSaleId
    action
    department
    carrier
    trackingNumber
    amount {
      amountMinor
      currency
    }
    conversion
    requestedAt
    doneAt
    confirmedAt
    confirmedStatus
    answer {
      outcome
      reason
      code
      message
      alreadyDone
      answeredAt
    }
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
}`),Bc=new A(`
    mutation ReceiveReturn($id: UUID!, $cmd: UUID!, $input: ReceiveReturnInput!) {
  receiveReturn(ticketId: $id, commandId: $cmd, input: $input) {
    version
  }
}
    `),Hc=new A(`
    mutation RecordInspection($id: UUID!, $cmd: UUID!, $input: RecordInspectionInput!) {
  recordInspection(ticketId: $id, commandId: $cmd, input: $input) {
    version
  }
}
    `),zc=new A(`
    mutation CompleteInspection($id: UUID!, $cmd: UUID!) {
  completeInspection(ticketId: $id, commandId: $cmd) {
    version
  }
}
    `),Vc=new A(`
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
    `),Wc=new A(`
    mutation RevealForShipping($id: UUID!, $reason: String!) {
  revealPersonalData(ticketId: $id, reason: $reason) {
    customer
    customerPhone
    customerAddress
  }
}
    `),Gc=new A(`
    mutation DeskShipReplacement($id: UUID!, $cmd: UUID!, $input: ShipmentInput!) {
  shipReplacement(ticketId: $id, commandId: $cmd, input: $input) {
    position
  }
}
    `),Kc=new A(`
    mutation DeskReturnGoods($id: UUID!, $cmd: UUID!, $input: ShipmentInput!) {
  returnGoodsToCustomer(ticketId: $id, commandId: $cmd, input: $input) {
    position
  }
}
    `),Yc=new A(`
    mutation DeskShipReshipment($id: UUID!, $cmd: UUID!, $input: ShipReshipmentInput!) {
  shipReshipment(ticketId: $id, commandId: $cmd, input: $input) {
    position
  }
}
    `),Xc=new A(`
    mutation DeskShipRepairedGoods($id: UUID!, $cmd: UUID!, $input: ShipmentInput!) {
  shipRepairedGoods(ticketId: $id, commandId: $cmd, input: $input) {
    position
  }
}
    `),Qc=new A(`
    subscription WarehouseChanges {
  departmentQueue(department: WAREHOUSE) {
    position
    change
  }
}
    `),Zc=new A(`
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
    `),Jc=new A(`
    subscription CustomerServiceChanges {
  departmentQueue(department: CUSTOMER_SERVICE) {
    position
    change
  }
}
    `),ed={"\n  query ManagementArbitrations {\n    managementStats {\n      arbitrations {\n        reasonCode sku channel arbitrations open forBuyer forSeller notStated tickets\n        atStake { amountMinor currency } lost { amountMinor currency }\n      }\n      arbitrationsByInspector {\n        inspector arbitrations open forBuyer forSeller notStated\n        atStake { amountMinor currency } lost { amountMinor currency }\n      }\n    }\n  }\n":wa,"\n  query AuditOverview {\n    verifyLog { intact eventsChecked streamsChecked sealsChecked }\n    seals { sealId headPosition sealedAt streamCount headsHash }\n  }\n":_a,"\n  query AuditTicket($id: UUID!) {\n    ticketHistory(id: $id) { version eventType actor role source causationId commandId recordedAt hash payload }\n    verifyTicket(id: $id) { intact eventsChecked firstBreak { version reason } }\n  }\n":Aa,"\n  query AuditFindTicket($after: String) {\n    worklist(first: 100, after: $after) { nodes { ticketId } pageInfo { endCursor hasNextPage } }\n  }\n":Ca,"\n  query AuditAsOf($id: UUID!, $version: Int!) {\n    ticketAsOf(id: $id, version: $version) { version status refunded { amountMinor currency } lines { lineId qtyReceived } }\n  }\n":ja,"\n  mutation BulkAssign($id: UUID!, $cmd: UUID!, $assignee: String) {\n    assignTicket(ticketId: $id, commandId: $cmd, input: { assignee: $assignee }) { position }\n  }\n":Ua,"\n  mutation BulkNote($id: UUID!, $cmd: UUID!, $text: String!) {\n    addNote(ticketId: $id, commandId: $cmd, input: { text: $text }) { position }\n  }\n":Ta,"\n  mutation BulkApprove($id: UUID!, $cmd: UUID!, $input: ApproveApplicationInput!) {\n    approveApplication(ticketId: $id, commandId: $cmd, input: $input) { position }\n  }\n":Pa,'\n  query Disputes {\n    worklist(filter: { nextAction: "platform_intervening", sort: DUE_FIRST }, first: 100) {\n      nodes { ticketId kind channel customer reasonCode nextAction nextActionDue }\n      pageInfo { hasNextPage }\n    }\n  }\n':Ea,"\n  query DisputeHolding($id: UUID!) {\n    ticket(id: $id) {\n      arbitration { platform since }\n      returnShipment { carrier trackingNumber }\n      lines { qtyApplied qtyReceived inspection { photoRefs } }\n      evidenceSubmissions { submittedAt packSha256 throughApi sent { name } }\n    }\n  }\n":Ma,"\n  mutation SubmitEvidenceThroughPlatform($id: UUID!, $cmd: UUID!, $comment: String!) {\n    submitEvidenceThroughPlatform(ticketId: $id, commandId: $cmd, input: { comment: $comment }) {\n      ticket { evidenceSubmissions { platform packSha256 submittedAt throughApi sent { name sha256 } } }\n    }\n  }\n":Oa,"\n  mutation RecordEvidenceSubmission($id: UUID!, $cmd: UUID!, $sha: String!) {\n    recordEvidenceSubmission(ticketId: $id, commandId: $cmd, input: { packSha256: $sha }) {\n      ticket { evidenceSubmissions { platform packSha256 submittedAt } }\n    }\n  }\n":Na,"\n  query Refunds($status: RefundStatus, $seen: Int) {\n    refunds(status: $status, first: 100, atLeastPosition: $seen) {\n      nodes { refundId ticketId status channel customer requestedAt issuedAt gatewayReference issuedBy payoutMode amount { amountMinor currency } }\n    }\n    refundTotals(atLeastPosition: $seen) { day channel issuedCount issued { amountMinor currency } }\n  }\n":Fa,"\n  mutation FinanceApproveRefund($id: UUID!, $cmd: UUID!, $refund: UUID!) {\n    approveRefund(ticketId: $id, commandId: $cmd, input: { refundId: $refund }) { version position }\n  }\n":La,"\n  mutation FinanceIssueRefund($id: UUID!, $cmd: UUID!, $refund: UUID!, $reference: String!) {\n    issueRefund(ticketId: $id, commandId: $cmd, input: { refundId: $refund, gatewayReference: $reference }) { version position }\n  }\n":qa,"\n  query FinanceIssuedReferences($after: String) {\n    refunds(status: ISSUED, first: 100, after: $after) {\n      nodes { ticketId gatewayReference }\n      pageInfo { endCursor hasNextPage }\n    }\n  }\n":Ba,"\n  subscription FinanceChanges {\n    departmentQueue(department: FINANCE) { position change }\n  }\n":Ha,"\n  query FinanceIssuedPage($after: String, $seen: Int) {\n    refunds(status: ISSUED, first: 100, after: $after, atLeastPosition: $seen) {\n      nodes { refundId ticketId channel issuedAt gatewayReference issuedBy payoutMode amount { amountMinor currency } }\n      pageInfo { endCursor hasNextPage }\n    }\n  }\n":za,"\n  query FollowUps($seen: Int) {\n    followUps(list: OPEN, first: 50, atLeastPosition: $seen) {\n      nodes { followUpId ticketId customer purpose dueAt overdue }\n    }\n    followUpOutcomes(atLeastPosition: $seen) { outcome count }\n  }\n":Va,"\n  mutation CompleteFollowUp($id: UUID!, $cmd: UUID!, $input: CompleteFollowUpInput!) {\n    completeFollowUp(ticketId: $id, commandId: $cmd, input: $input) { position }\n  }\n":Wa,"\n  query ManagementStats($channel: String, $sku: String, $kind: TicketKind, $from: NaiveDate, $to: NaiveDate) {\n    managementStats(channel: $channel, sku: $sku, kind: $kind, from: $from, to: $to) {\n      statusCounts { status kind count }\n      cycleTimes { step averageSeconds tickets }\n      reasons { sku channel reasonCode tickets units }\n    }\n  }\n":Ga,"\n  mutation OpenTicketForm($cmd: UUID!, $input: OpenTicketInput!) {\n    openTicket(commandId: $cmd, input: $input) { ticket { id } }\n  }\n":Ka,"\n  query ParcelPool {\n    parcelPool(first: 100) {\n      id status carrier trackingNumber contents senderName senderPhone photoRefs ageDays disposableFrom\n      disposition { disposition reason requestedAt }\n      version\n    }\n  }\n":Ya,"\n  query ParcelPoolStats {\n    parcelPoolStats { unmatched dispositionRequested matched disposed oldestUnmatchedDays }\n  }\n":Xa,"\n  mutation RegisterUnmatchedParcel($parcel: UUID!, $cmd: UUID!, $input: RegisterParcelInput!) {\n    registerUnmatchedParcel(parcelId: $parcel, commandId: $cmd, input: $input) { id status }\n  }\n":Qa,"\n  query ParcelCandidates($search: String!) {\n    parcelCandidates(search: $search) { ticketId kind status customer platformOrderId trackingNumber expecting }\n  }\n":Za,"\n  mutation MatchParcel($parcel: UUID!, $ticket: UUID!, $cmd: UUID!) {\n    matchParcel(parcelId: $parcel, ticketId: $ticket, commandId: $cmd) { position ticket { id status } }\n  }\n":Ja,"\n  mutation RequestParcelDisposition($parcel: UUID!, $cmd: UUID!, $version: Int, $input: RequestParcelDispositionInput!) {\n    requestParcelDisposition(parcelId: $parcel, commandId: $cmd, expectedVersion: $version, input: $input) { id status }\n  }\n":ec,"\n  mutation DecideParcelDisposition($parcel: UUID!, $cmd: UUID!, $version: Int, $approve: Boolean!, $note: String) {\n    decideParcelDisposition(parcelId: $parcel, commandId: $cmd, expectedVersion: $version, approve: $approve, note: $note) { id status }\n  }\n":tc,"\n  query ManagementPlatformTasks {\n    platformTaskCounts { platform action requested open sent refused handedToPerson meanSecondsToDone meanSecondsToConfirmed meanSecondsToSent }\n  }\n":nc,"\n  query PlatformTasks($filter: PlatformTaskFilter!, $seen: Int) {\n    platformTasks(filter: $filter, first: 100, atLeastPosition: $seen) {\n      nodes {\n        ticketId seq platform afterSaleId action department carrier trackingNumber\n        amount { amountMinor currency } conversion ticketStatus requestedAt dueBy doneAt confirmedAt confirmedStatus\n        answer { outcome reason code message alreadyDone answeredAt }\n      }\n    }\n  }\n":ic,"\n  mutation ConfirmPlatformAction($id: UUID!, $cmd: UUID!, $seq: Int!) {\n    confirmPlatformAction(ticketId: $id, commandId: $cmd, input: { seq: $seq }) { version position }\n  }\n":sc,"\n  query SavedViews {\n    savedViews { name query }\n  }\n":oc,"\n  mutation SaveView($name: String!, $query: String!) {\n    saveView(name: $name, query: $query) { name query }\n  }\n":rc,"\n  mutation DeleteView($name: String!) {\n    deleteView(name: $name)\n  }\n":ac,"\n  fragment TicketView on Ticket {\n    id\n    version\n    status\n    kind\n    channel\n    customer\n    currency\n    reasonCode\n    reasonText\n    platformOrderId\n    customFields\n    assignee\n    customerPhone\n    customerAddress\n    platformAfterSaleId\n    rejectionReason\n    cancelReason\n    inspectionFeedback\n    resolution\n    allowedResolutions\n    followUps { followUpId purpose dueAt completedAt outcome }\n    arbitration { open deadline outcome }\n    evidenceSubmissions { platform packSha256 submittedAt }\n    platformActions { seq platform afterSaleId action department carrier trackingNumber amount { amountMinor currency } conversion requestedAt doneAt confirmedAt confirmedStatus answer { outcome reason code message alreadyDone answeredAt } }\n    openedAt\n    returnAddress { recipient phone address }\n    goodsReturnedShipment { carrier trackingNumber }\n    inspectionOutcome\n    inspectionRound\n    remainingRefundableMinor\n    refundable { amountMinor currency }\n    refunded { amountMinor currency }\n    returnShipment { carrier trackingNumber }\n    replacementShipment { carrier trackingNumber }\n    lines {\n      lineId sku name qtyApplied qtyReceived refundableMinor\n      paid { amountMinor currency }\n      inspection { grade verdict qtyInspected qtyAccepted notes photoRefs deduction { amountMinor currency } }\n    }\n    refunds { refundId status amount { amountMinor currency } gatewayReference }\n    nextActions { command roles }\n    notes { author text addedAt }\n    allowedConversions\n    allowedOffers\n    conversion { conversion reason convertedAt refundAmount { amountMinor currency } }\n    priceDifference { source basis amount { amountMinor currency } }\n    reshipment { contents receivedBy shippedAt shipment { carrier trackingNumber } }\n    repair { method workDone parts repairedAt cost { amountMinor currency } partsShipment { carrier trackingNumber } }\n    repairReturnShipment { carrier trackingNumber }\n    negotiation {\n      offerId type conversion respondBy note madeAt status settledAt\n      amount { amountMinor currency }\n      returnAddress { recipient phone address }\n    }\n    replacementVariants { lineId sku name priceDifference { amountMinor currency } }\n    variantCharge { amountMinor currency }\n  }\n":Ra,"\n  query Ticket($id: UUID!) {\n    ticket(id: $id) { ...TicketView }\n  }\n":cc,"\n  subscription TicketEvents($id: UUID!, $after: Int) {\n    ticketEvents(ticketId: $id, afterVersion: $after) {\n      version eventType actor role source recordedAt causationId payload\n    }\n  }\n":dc,"\n  mutation ApproveApplication($id: UUID!, $cmd: UUID!, $input: ApproveApplicationInput!) {\n    approveApplication(ticketId: $id, commandId: $cmd, input: $input) { version }\n  }\n":lc,"\n  mutation RejectApplication($id: UUID!, $cmd: UUID!, $input: RejectApplicationInput!) {\n    rejectApplication(ticketId: $id, commandId: $cmd, input: $input) { version }\n  }\n":uc,"\n  mutation RegisterReturnShipment($id: UUID!, $cmd: UUID!, $input: ShipmentInput!) {\n    registerReturnShipment(ticketId: $id, commandId: $cmd, input: $input) { version }\n  }\n":hc,"\n  mutation SendInspectionFeedback($id: UUID!, $cmd: UUID!, $input: SendInspectionFeedbackInput!) {\n    sendInspectionFeedback(ticketId: $id, commandId: $cmd, input: $input) { version }\n  }\n":pc,"\n  mutation RequestRefund($id: UUID!, $cmd: UUID!, $input: RequestRefundInput!) {\n    requestRefund(ticketId: $id, commandId: $cmd, input: $input) { version }\n  }\n":fc,"\n  mutation ApproveRefund($id: UUID!, $cmd: UUID!, $input: ApproveRefundInput!) {\n    approveRefund(ticketId: $id, commandId: $cmd, input: $input) { version }\n  }\n":mc,"\n  mutation IssueRefund($id: UUID!, $cmd: UUID!, $input: IssueRefundInput!) {\n    issueRefund(ticketId: $id, commandId: $cmd, input: $input) { version }\n  }\n":gc,"\n  mutation ShipReplacement($id: UUID!, $cmd: UUID!, $input: ShipmentInput!) {\n    shipReplacement(ticketId: $id, commandId: $cmd, input: $input) { version }\n  }\n":bc,"\n  mutation ReturnGoodsToCustomer($id: UUID!, $cmd: UUID!, $input: ShipmentInput!) {\n    returnGoodsToCustomer(ticketId: $id, commandId: $cmd, input: $input) { version }\n  }\n":xc,"\n  mutation CloseTicket($id: UUID!, $cmd: UUID!, $input: CloseTicketInput!) {\n    closeTicket(ticketId: $id, commandId: $cmd, input: $input) { version }\n  }\n":yc,"\n  mutation CancelTicket($id: UUID!, $cmd: UUID!, $input: CancelTicketInput!) {\n    cancelTicket(ticketId: $id, commandId: $cmd, input: $input) { version }\n  }\n":kc,"\n  mutation AddNote($id: UUID!, $cmd: UUID!, $input: AddNoteInput!) {\n    addNote(ticketId: $id, commandId: $cmd, input: $input) { version }\n  }\n":Ic,"\n  mutation AssignTicket($id: UUID!, $cmd: UUID!, $input: AssignTicketInput!) {\n    assignTicket(ticketId: $id, commandId: $cmd, input: $input) { version }\n  }\n":vc,"\n  mutation DisputeInspection($id: UUID!, $cmd: UUID!, $input: DisputeInspectionInput!) {\n    disputeInspection(ticketId: $id, commandId: $cmd, input: $input) { version }\n  }\n":Sc,"\n  mutation ScheduleFollowUp($id: UUID!, $cmd: UUID!, $input: ScheduleFollowUpInput!) {\n    scheduleFollowUp(ticketId: $id, commandId: $cmd, input: $input) { version }\n  }\n":$c,"\n  mutation UpdateCustomFields($id: UUID!, $cmd: UUID!, $input: UpdateCustomFieldsInput!) {\n    updateCustomFields(ticketId: $id, commandId: $cmd, input: $input) { version }\n  }\n":Dc,"\n  mutation CompleteFollowUpOnTicket($id: UUID!, $cmd: UUID!, $input: CompleteFollowUpInput!) {\n    completeFollowUp(ticketId: $id, commandId: $cmd, input: $input) { version }\n  }\n":Rc,"\n  mutation RecordRefundFailure($id: UUID!, $cmd: UUID!, $input: RecordRefundFailureInput!) {\n    recordRefundFailure(ticketId: $id, commandId: $cmd, input: $input) { version }\n  }\n":wc,"\n  mutation StatePriceDifference($id: UUID!, $cmd: UUID!, $input: StatePriceDifferenceInput!) {\n    statePriceDifference(ticketId: $id, commandId: $cmd, input: $input) { version }\n  }\n":_c,"\n  mutation ShipReshipment($id: UUID!, $cmd: UUID!, $input: ShipReshipmentInput!) {\n    shipReshipment(ticketId: $id, commandId: $cmd, input: $input) { version }\n  }\n":Ac,"\n  mutation ConfirmReshipmentReceived($id: UUID!, $cmd: UUID!, $input: ConfirmReshipmentReceivedInput!) {\n    confirmReshipmentReceived(ticketId: $id, commandId: $cmd, input: $input) { version }\n  }\n":Cc,"\n  mutation RecordRepair($id: UUID!, $cmd: UUID!, $input: RecordRepairInput!) {\n    recordRepair(ticketId: $id, commandId: $cmd, input: $input) { version }\n  }\n":jc,"\n  mutation ShipRepairedGoods($id: UUID!, $cmd: UUID!, $input: ShipmentInput!) {\n    shipRepairedGoods(ticketId: $id, commandId: $cmd, input: $input) { version }\n  }\n":Uc,"\n  mutation ConvertTicket($id: UUID!, $cmd: UUID!, $input: ConvertTicketInput!) {\n    convertTicket(ticketId: $id, commandId: $cmd, input: $input) { version }\n  }\n":Tc,"\n  mutation MakeCounterOffer($id: UUID!, $cmd: UUID!, $input: MakeCounterOfferInput!) {\n    makeCounterOffer(ticketId: $id, commandId: $cmd, input: $input) { version }\n  }\n":Pc,"\n  mutation RecordOfferAnswer($id: UUID!, $cmd: UUID!, $input: RecordOfferAnswerInput!) {\n    recordOfferAnswer(ticketId: $id, commandId: $cmd, input: $input) { version }\n  }\n":Ec,"\n  mutation ChooseReplacementVariant($id: UUID!, $cmd: UUID!, $input: ChooseReplacementVariantInput!) {\n    chooseReplacementVariant(ticketId: $id, commandId: $cmd, input: $input) { version }\n  }\n":Mc,"\n  query RefusalReasons($id: UUID!) {\n    platformRefusalReasons(ticketId: $id) { mode problem reasons { code text needsEvidence } }\n  }\n":Oc,"\n  mutation GrantAccess($id: UUID!, $grantee: String!, $hours: Int!) {\n    grantPersonalDataAccess(ticketId: $id, grantee: $grantee, hours: $hours) { grantee until }\n  }\n":Nc,"\n  mutation RevealGranted($id: UUID!, $reason: String!) {\n    revealPersonalData(ticketId: $id, reason: $reason) { customer customerPhone customerAddress reasonText }\n  }\n":Fc,"\n  query InboundParcel($tracking: String!) {\n    inboundParcel(trackingNumber: $tracking) { ticketId }\n  }\n":Lc,"\n  query DeskTicket($id: UUID!) {\n    ticket(id: $id) { ...TicketView }\n  }\n":qc,"\n  mutation ReceiveReturn($id: UUID!, $cmd: UUID!, $input: ReceiveReturnInput!) {\n    receiveReturn(ticketId: $id, commandId: $cmd, input: $input) { version }\n  }\n":Bc,"\n  mutation RecordInspection($id: UUID!, $cmd: UUID!, $input: RecordInspectionInput!) {\n    recordInspection(ticketId: $id, commandId: $cmd, input: $input) { version }\n  }\n":Hc,"\n  mutation CompleteInspection($id: UUID!, $cmd: UUID!) {\n    completeInspection(ticketId: $id, commandId: $cmd) { version }\n  }\n":zc,"\n  query WarehouseQueue($queue: WarehouseQueue!, $seen: Int) {\n    warehouseQueue(queue: $queue, first: 50, atLeastPosition: $seen) {\n      nodes { ticketId status kind customer channel trackingNumber carrier qtyApplied qtyReceived }\n    }\n  }\n":Vc,"\n  mutation RevealForShipping($id: UUID!, $reason: String!) {\n    revealPersonalData(ticketId: $id, reason: $reason) { customer customerPhone customerAddress }\n  }\n":Wc,"\n  mutation DeskShipReplacement($id: UUID!, $cmd: UUID!, $input: ShipmentInput!) {\n    shipReplacement(ticketId: $id, commandId: $cmd, input: $input) { position }\n  }\n":Gc,"\n  mutation DeskReturnGoods($id: UUID!, $cmd: UUID!, $input: ShipmentInput!) {\n    returnGoodsToCustomer(ticketId: $id, commandId: $cmd, input: $input) { position }\n  }\n":Kc,"\n  mutation DeskShipReshipment($id: UUID!, $cmd: UUID!, $input: ShipReshipmentInput!) {\n    shipReshipment(ticketId: $id, commandId: $cmd, input: $input) { position }\n  }\n":Yc,"\n  mutation DeskShipRepairedGoods($id: UUID!, $cmd: UUID!, $input: ShipmentInput!) {\n    shipRepairedGoods(ticketId: $id, commandId: $cmd, input: $input) { position }\n  }\n":Xc,"\n  subscription WarehouseChanges {\n    departmentQueue(department: WAREHOUSE) { position change }\n  }\n":Qc,"\n  query Worklist($filter: WorklistFilter, $seen: Int) {\n    worklist(filter: $filter, first: 100, atLeastPosition: $seen) {\n      nodes {\n        ticketId status kind channel customer reasonCode nextAction nextActionDue slaBreached allowedCommands\n        paid { amountMinor currency }\n      }\n    }\n  }\n":Zc,"\n  subscription CustomerServiceChanges {\n    departmentQueue(department: CUSTOMER_SERVICE) { position change }\n  }\n":Jc};function C(t){return ed[t]??{}}function ie(t,e){const{err:n}=B(),[i,s]=$.useState(null),[o,r]=$.useState(null),[a,d]=$.useState(0);$.useEffect(()=>{let u=!0;return t().then(h=>u&&(s(h),r(null)),h=>u&&r(n(h))),()=>{u=!1}},[...e,a]);const l=$.useCallback(()=>d(u=>u+1),[]);return{data:i,error:o,reload:l}}function Y({error:t}){return t?c.jsx("p",{role:"alert",className:"error",children:t}):null}function he({to:t,children:e}){return c.jsx("a",{href:t,onClick:n=>{n.ctrlKey||n.metaKey||n.shiftKey||(n.preventDefault(),$t(t))},children:e})}function q({label:t,children:e}){return c.jsxs("label",{className:"field",children:[c.jsx("span",{children:t}),e]})}function _e({consequence:t,warning:e,action:n,onConfirm:i,onCancel:s}){const{t:o}=B(),r=$.useRef(null);return $.useEffect(()=>{const a=r.current;a&&!a.open&&a.showModal()},[]),c.jsxs("dialog",{ref:r,className:"dialog","aria-labelledby":"confirm-title","data-testid":"confirm",onCancel:a=>{a.preventDefault(),s()},children:[c.jsxs("h2",{id:"confirm-title",children:[o("confirmTitle"),": ",n]}),c.jsx("p",{"data-testid":"consequence",children:t}),e&&c.jsx("p",{className:"notice",role:"alert","data-testid":"warning",children:e}),c.jsxs("div",{className:"buttons",children:[c.jsx("button",{type:"button",autoFocus:!0,onClick:s,children:o("back")}),c.jsxs("button",{type:"button",className:"danger",onClick:i,children:[o("confirm"),": ",n]})]})]})}function En({label:t,text:e,setText:n,error:i,hint:s}){const o=$.useId();return c.jsxs("label",{className:"field",children:[c.jsxs("span",{children:[t,s?` (${s})`:""]}),c.jsxs("span",{className:"money",children:[c.jsx("span",{"aria-hidden":"true",children:"¥"}),c.jsx("input",{inputMode:"decimal",value:e,"aria-invalid":i?!0:void 0,"aria-describedby":i?o:void 0,onChange:r=>n(r.target.value)})]}),i&&c.jsx("span",{id:o,className:"error",role:"alert",children:i})]})}function we({label:t,group:e,value:n,onChange:i,values:s,any:o}){const{t:r,e:a}=B();return c.jsx(q,{label:t,children:c.jsxs("select",{value:n,onChange:d=>i(d.target.value),children:[o&&c.jsx("option",{value:"",children:r("any")}),(s??Object.keys(Pn[e])).map(d=>c.jsx("option",{value:d,children:a(e,d)},d))]})})}const td=C(`
  query AuditOverview {
    verifyLog { intact eventsChecked streamsChecked sealsChecked }
    seals { sealId headPosition sealedAt streamCount headsHash }
  }
`),nd=C(`
  query AuditTicket($id: UUID!) {
    ticketHistory(id: $id) { version eventType actor role source causationId commandId recordedAt hash payload }
    verifyTicket(id: $id) { intact eventsChecked firstBreak { version reason } }
  }
`),id=C(`
  query AuditFindTicket($after: String) {
    worklist(first: 100, after: $after) { nodes { ticketId } pageInfo { endCursor hasNextPage } }
  }
`);async function sd(t){const e=t.trim().toLowerCase();if(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(e))return e;if(!/^[0-9a-f]{4,}$/.test(e.replace(/-/g,"")))return null;let n=null;for(;;){const i=await U(id,{after:n}),s=i.worklist.nodes.find(o=>o.ticketId.startsWith(e));if(s)return s.ticketId;if(!i.worklist.pageInfo.hasNextPage)return null;n=i.worklist.pageInfo.endCursor??null}}const od=C(`
  query AuditAsOf($id: UUID!, $version: Int!) {
    ticketAsOf(id: $id, version: $version) { version status refunded { amountMinor currency } lines { lineId qtyReceived } }
  }
`);function Hs({intact:t}){const{t:e}=B();return c.jsxs("span",{className:t?"badge ok":"badge bad","data-testid":"verify-badge",children:[t?c.jsx(Sa,{size:14,"aria-hidden":"true"}):c.jsx($a,{size:14,"aria-hidden":"true"})," ",e(t?"intact":"broken")]})}function rd({id:t}){var u;const{t:e,date:n,err:i}=B(),[s,o]=$.useState(t??""),[r,a]=$.useState(null),d=ie(()=>U(td),[]),l=async h=>{if(h.preventDefault(),!!s.trim())try{const p=await sd(s);a(p?null:`${e("notFoundId")}: ${s.trim()}`),p&&$t(`/audit/${p}`)}catch(p){a(i(p))}};return c.jsxs("section",{"aria-labelledby":"audit-title",children:[c.jsx("h1",{id:"audit-title",children:e("audit")}),c.jsxs("p",{children:[e("wholeLog"),": ",d.data?c.jsx(Hs,{intact:d.data.verifyLog.intact}):e("loading")," ",d.data&&`${d.data.verifyLog.eventsChecked} ${e("events")}, ${d.data.verifyLog.streamsChecked} ${e("streams")}`]}),c.jsx(Y,{error:d.error}),c.jsxs("form",{onSubmit:h=>void l(h),className:"filters",children:[c.jsx(q,{label:e("ticketId"),children:c.jsx("input",{value:s,onChange:h=>o(h.target.value)})}),c.jsx("button",{type:"submit",children:e("show")})]}),c.jsx(Y,{error:r}),t&&c.jsx(ad,{id:t},t),c.jsx("h2",{children:e("seals")}),c.jsxs("table",{children:[c.jsx("thead",{children:c.jsxs("tr",{children:[c.jsx("th",{scope:"col",children:"#"}),c.jsx("th",{scope:"col",children:e("at")}),c.jsx("th",{scope:"col",children:e("head")}),c.jsx("th",{scope:"col",children:e("streams")}),c.jsx("th",{scope:"col",children:e("hash")})]})}),c.jsx("tbody",{children:(u=d.data)==null?void 0:u.seals.slice(0,20).map(h=>c.jsxs("tr",{children:[c.jsx("td",{children:h.sealId}),c.jsx("td",{children:n(h.sealedAt)}),c.jsx("td",{children:h.headPosition}),c.jsx("td",{children:h.streamCount}),c.jsx("td",{children:c.jsxs("code",{children:[h.headsHash.slice(0,16),"…"]})})]},h.sealId))})]})]})}function ad({id:t}){const{t:e,e:n,date:i}=B(),{data:s,error:o}=ie(()=>U(nd,{id:t}),[t]),r=(s==null?void 0:s.ticketHistory.length)??0,[a,d]=$.useState(null),l=a??r,u=ie(()=>l>0?U(od,{id:t,version:l}):Promise.resolve(null),[t,l]);return s?c.jsxs("div",{children:[c.jsxs("h2",{children:[e("ticket")," ",c.jsx(he,{to:`/ticket/${t}`,children:c.jsx("code",{children:t})})," ",c.jsx(Hs,{intact:s.verifyTicket.intact})]}),c.jsx(q,{label:`${e("asOfVersion")}: ${l}`,children:c.jsx("input",{type:"range",min:1,max:Math.max(r,1),value:l,onChange:h=>d(Number(h.target.value)),"data-testid":"as-of"})}),u.data&&c.jsxs("p",{"data-testid":"as-of-state",children:["v",u.data.ticketAsOf.version,": ",c.jsx("strong",{"data-status":u.data.ticketAsOf.status,children:n("status",u.data.ticketAsOf.status)})]}),c.jsxs("table",{"data-testid":"history",children:[c.jsx("thead",{children:c.jsxs("tr",{children:[c.jsx("th",{scope:"col",children:"v"}),c.jsx("th",{scope:"col",children:e("event")}),c.jsx("th",{scope:"col",children:e("actor")}),c.jsx("th",{scope:"col",children:e("role")}),c.jsx("th",{scope:"col",children:e("source")}),c.jsx("th",{scope:"col",children:e("causation")}),c.jsx("th",{scope:"col",children:e("at")})]})}),c.jsx("tbody",{children:s.ticketHistory.map(h=>c.jsxs("tr",{"aria-current":h.version===l?"step":void 0,children:[c.jsx("td",{children:h.version}),c.jsx("td",{children:c.jsxs("details",{children:[c.jsx("summary",{"data-event":h.eventType,children:n("event",h.eventType)}),c.jsx("pre",{"data-testid":"payload",children:JSON.stringify(h.payload,null,2)})]})}),c.jsx("td",{children:h.actor}),c.jsx("td",{children:n("role",h.role.toUpperCase())}),c.jsx("td",{children:h.source??"—"}),c.jsx("td",{children:h.causationId?h.causationId.slice(0,8):"—"}),c.jsx("td",{children:i(h.recordedAt)})]},h.version))})]})]}):c.jsx(Y,{error:o})}function cd(t){const e=t<0?"-":"",n=Math.abs(t);return`${e}${Math.trunc(n/100)}.${String(n%100).padStart(2,"0")}`}function dd(t){const e=t==null?"":String(t),n=/^([=+@]|-(?!\d))/.test(e)?`'${e}`:e;return/[",\r\n]/.test(n)?`"${n.replace(/"/g,'""')}"`:n}function ld(t,e){return`\uFEFF${[t,...e].map(n=>n.map(dd).join(",")).join(`\r
`)}\r
`}function Dt(t){return t+.5|0}const Ce=(t,e,n)=>Math.max(Math.min(t,n),e);function ut(t){return Ce(Dt(t*2.55),0,255)}function Ee(t){return Ce(Dt(t*255),0,255)}function De(t){return Ce(Dt(t/2.55)/100,0,1)}function Qn(t){return Ce(Dt(t*100),0,100)}const ue={0:0,1:1,2:2,3:3,4:4,5:5,6:6,7:7,8:8,9:9,A:10,B:11,C:12,D:13,E:14,F:15,a:10,b:11,c:12,d:13,e:14,f:15},vn=[..."0123456789ABCDEF"],ud=t=>vn[t&15],hd=t=>vn[(t&240)>>4]+vn[t&15],Rt=t=>(t&240)>>4===(t&15),pd=t=>Rt(t.r)&&Rt(t.g)&&Rt(t.b)&&Rt(t.a);function fd(t){var e=t.length,n;return t[0]==="#"&&(e===4||e===5?n={r:255&ue[t[1]]*17,g:255&ue[t[2]]*17,b:255&ue[t[3]]*17,a:e===5?ue[t[4]]*17:255}:(e===7||e===9)&&(n={r:ue[t[1]]<<4|ue[t[2]],g:ue[t[3]]<<4|ue[t[4]],b:ue[t[5]]<<4|ue[t[6]],a:e===9?ue[t[7]]<<4|ue[t[8]]:255})),n}const md=(t,e)=>t<255?e(t):"";function gd(t){var e=pd(t)?ud:hd;return t?"#"+e(t.r)+e(t.g)+e(t.b)+md(t.a,e):void 0}const bd=/^(hsla?|hwb|hsv)\(\s*([-+.e\d]+)(?:deg)?[\s,]+([-+.e\d]+)%[\s,]+([-+.e\d]+)%(?:[\s,]+([-+.e\d]+)(%)?)?\s*\)$/;function zs(t,e,n){const i=e*Math.min(n,1-n),s=(o,r=(o+t/30)%12)=>n-i*Math.max(Math.min(r-3,9-r,1),-1);return[s(0),s(8),s(4)]}function xd(t,e,n){const i=(s,o=(s+t/60)%6)=>n-n*e*Math.max(Math.min(o,4-o,1),0);return[i(5),i(3),i(1)]}function yd(t,e,n){const i=zs(t,1,.5);let s;for(e+n>1&&(s=1/(e+n),e*=s,n*=s),s=0;s<3;s++)i[s]*=1-e-n,i[s]+=e;return i}function kd(t,e,n,i,s){return t===s?(e-n)/i+(e<n?6:0):e===s?(n-t)/i+2:(t-e)/i+4}function Mn(t){const n=t.r/255,i=t.g/255,s=t.b/255,o=Math.max(n,i,s),r=Math.min(n,i,s),a=(o+r)/2;let d,l,u;return o!==r&&(u=o-r,l=a>.5?u/(2-o-r):u/(o+r),d=kd(n,i,s,u,o),d=d*60+.5),[d|0,l||0,a]}function On(t,e,n,i){return(Array.isArray(e)?t(e[0],e[1],e[2]):t(e,n,i)).map(Ee)}function Nn(t,e,n){return On(zs,t,e,n)}function Id(t,e,n){return On(yd,t,e,n)}function vd(t,e,n){return On(xd,t,e,n)}function Vs(t){return(t%360+360)%360}function Sd(t){const e=bd.exec(t);let n=255,i;if(!e)return;e[5]!==i&&(n=e[6]?ut(+e[5]):Ee(+e[5]));const s=Vs(+e[2]),o=+e[3]/100,r=+e[4]/100;return e[1]==="hwb"?i=Id(s,o,r):e[1]==="hsv"?i=vd(s,o,r):i=Nn(s,o,r),{r:i[0],g:i[1],b:i[2],a:n}}function $d(t,e){var n=Mn(t);n[0]=Vs(n[0]+e),n=Nn(n),t.r=n[0],t.g=n[1],t.b=n[2]}function Dd(t){if(!t)return;const e=Mn(t),n=e[0],i=Qn(e[1]),s=Qn(e[2]);return t.a<255?`hsla(${n}, ${i}%, ${s}%, ${De(t.a)})`:`hsl(${n}, ${i}%, ${s}%)`}const Zn={x:"dark",Z:"light",Y:"re",X:"blu",W:"gr",V:"medium",U:"slate",A:"ee",T:"ol",S:"or",B:"ra",C:"lateg",D:"ights",R:"in",Q:"turquois",E:"hi",P:"ro",O:"al",N:"le",M:"de",L:"yello",F:"en",K:"ch",G:"arks",H:"ea",I:"ightg",J:"wh"},Jn={OiceXe:"f0f8ff",antiquewEte:"faebd7",aqua:"ffff",aquamarRe:"7fffd4",azuY:"f0ffff",beige:"f5f5dc",bisque:"ffe4c4",black:"0",blanKedOmond:"ffebcd",Xe:"ff",XeviTet:"8a2be2",bPwn:"a52a2a",burlywood:"deb887",caMtXe:"5f9ea0",KartYuse:"7fff00",KocTate:"d2691e",cSO:"ff7f50",cSnflowerXe:"6495ed",cSnsilk:"fff8dc",crimson:"dc143c",cyan:"ffff",xXe:"8b",xcyan:"8b8b",xgTMnPd:"b8860b",xWay:"a9a9a9",xgYF:"6400",xgYy:"a9a9a9",xkhaki:"bdb76b",xmagFta:"8b008b",xTivegYF:"556b2f",xSange:"ff8c00",xScEd:"9932cc",xYd:"8b0000",xsOmon:"e9967a",xsHgYF:"8fbc8f",xUXe:"483d8b",xUWay:"2f4f4f",xUgYy:"2f4f4f",xQe:"ced1",xviTet:"9400d3",dAppRk:"ff1493",dApskyXe:"bfff",dimWay:"696969",dimgYy:"696969",dodgerXe:"1e90ff",fiYbrick:"b22222",flSOwEte:"fffaf0",foYstWAn:"228b22",fuKsia:"ff00ff",gaRsbSo:"dcdcdc",ghostwEte:"f8f8ff",gTd:"ffd700",gTMnPd:"daa520",Way:"808080",gYF:"8000",gYFLw:"adff2f",gYy:"808080",honeyMw:"f0fff0",hotpRk:"ff69b4",RdianYd:"cd5c5c",Rdigo:"4b0082",ivSy:"fffff0",khaki:"f0e68c",lavFMr:"e6e6fa",lavFMrXsh:"fff0f5",lawngYF:"7cfc00",NmoncEffon:"fffacd",ZXe:"add8e6",ZcSO:"f08080",Zcyan:"e0ffff",ZgTMnPdLw:"fafad2",ZWay:"d3d3d3",ZgYF:"90ee90",ZgYy:"d3d3d3",ZpRk:"ffb6c1",ZsOmon:"ffa07a",ZsHgYF:"20b2aa",ZskyXe:"87cefa",ZUWay:"778899",ZUgYy:"778899",ZstAlXe:"b0c4de",ZLw:"ffffe0",lime:"ff00",limegYF:"32cd32",lRF:"faf0e6",magFta:"ff00ff",maPon:"800000",VaquamarRe:"66cdaa",VXe:"cd",VScEd:"ba55d3",VpurpN:"9370db",VsHgYF:"3cb371",VUXe:"7b68ee",VsprRggYF:"fa9a",VQe:"48d1cc",VviTetYd:"c71585",midnightXe:"191970",mRtcYam:"f5fffa",mistyPse:"ffe4e1",moccasR:"ffe4b5",navajowEte:"ffdead",navy:"80",Tdlace:"fdf5e6",Tive:"808000",TivedBb:"6b8e23",Sange:"ffa500",SangeYd:"ff4500",ScEd:"da70d6",pOegTMnPd:"eee8aa",pOegYF:"98fb98",pOeQe:"afeeee",pOeviTetYd:"db7093",papayawEp:"ffefd5",pHKpuff:"ffdab9",peru:"cd853f",pRk:"ffc0cb",plum:"dda0dd",powMrXe:"b0e0e6",purpN:"800080",YbeccapurpN:"663399",Yd:"ff0000",Psybrown:"bc8f8f",PyOXe:"4169e1",saddNbPwn:"8b4513",sOmon:"fa8072",sandybPwn:"f4a460",sHgYF:"2e8b57",sHshell:"fff5ee",siFna:"a0522d",silver:"c0c0c0",skyXe:"87ceeb",UXe:"6a5acd",UWay:"708090",UgYy:"708090",snow:"fffafa",sprRggYF:"ff7f",stAlXe:"4682b4",tan:"d2b48c",teO:"8080",tEstN:"d8bfd8",tomato:"ff6347",Qe:"40e0d0",viTet:"ee82ee",JHt:"f5deb3",wEte:"ffffff",wEtesmoke:"f5f5f5",Lw:"ffff00",LwgYF:"9acd32"};function Rd(){const t={},e=Object.keys(Jn),n=Object.keys(Zn);let i,s,o,r,a;for(i=0;i<e.length;i++){for(r=a=e[i],s=0;s<n.length;s++)o=n[s],a=a.replace(o,Zn[o]);o=parseInt(Jn[r],16),t[a]=[o>>16&255,o>>8&255,o&255]}return t}let wt;function wd(t){wt||(wt=Rd(),wt.transparent=[0,0,0,0]);const e=wt[t.toLowerCase()];return e&&{r:e[0],g:e[1],b:e[2],a:e.length===4?e[3]:255}}const _d=/^rgba?\(\s*([-+.\d]+)(%)?[\s,]+([-+.e\d]+)(%)?[\s,]+([-+.e\d]+)(%)?(?:[\s,/]+([-+.e\d]+)(%)?)?\s*\)$/;function Ad(t){const e=_d.exec(t);let n=255,i,s,o;if(e){if(e[7]!==i){const r=+e[7];n=e[8]?ut(r):Ce(r*255,0,255)}return i=+e[1],s=+e[3],o=+e[5],i=255&(e[2]?ut(i):Ce(i,0,255)),s=255&(e[4]?ut(s):Ce(s,0,255)),o=255&(e[6]?ut(o):Ce(o,0,255)),{r:i,g:s,b:o,a:n}}}function Cd(t){return t&&(t.a<255?`rgba(${t.r}, ${t.g}, ${t.b}, ${De(t.a)})`:`rgb(${t.r}, ${t.g}, ${t.b})`)}const on=t=>t<=.0031308?t*12.92:Math.pow(t,1/2.4)*1.055-.055,Ze=t=>t<=.04045?t/12.92:Math.pow((t+.055)/1.055,2.4);function jd(t,e,n){const i=Ze(De(t.r)),s=Ze(De(t.g)),o=Ze(De(t.b));return{r:Ee(on(i+n*(Ze(De(e.r))-i))),g:Ee(on(s+n*(Ze(De(e.g))-s))),b:Ee(on(o+n*(Ze(De(e.b))-o))),a:t.a+n*(e.a-t.a)}}function _t(t,e,n){if(t){let i=Mn(t);i[e]=Math.max(0,Math.min(i[e]+i[e]*n,e===0?360:1)),i=Nn(i),t.r=i[0],t.g=i[1],t.b=i[2]}}function Ws(t,e){return t&&Object.assign(e||{},t)}function ei(t){var e={r:0,g:0,b:0,a:255};return Array.isArray(t)?t.length>=3&&(e={r:t[0],g:t[1],b:t[2],a:255},t.length>3&&(e.a=Ee(t[3]))):(e=Ws(t,{r:0,g:0,b:0,a:1}),e.a=Ee(e.a)),e}function Ud(t){return t.charAt(0)==="r"?Ad(t):Sd(t)}class yt{constructor(e){if(e instanceof yt)return e;const n=typeof e;let i;n==="object"?i=ei(e):n==="string"&&(i=fd(e)||wd(e)||Ud(e)),this._rgb=i,this._valid=!!i}get valid(){return this._valid}get rgb(){var e=Ws(this._rgb);return e&&(e.a=De(e.a)),e}set rgb(e){this._rgb=ei(e)}rgbString(){return this._valid?Cd(this._rgb):void 0}hexString(){return this._valid?gd(this._rgb):void 0}hslString(){return this._valid?Dd(this._rgb):void 0}mix(e,n){if(e){const i=this.rgb,s=e.rgb;let o;const r=n===o?.5:n,a=2*r-1,d=i.a-s.a,l=((a*d===-1?a:(a+d)/(1+a*d))+1)/2;o=1-l,i.r=255&l*i.r+o*s.r+.5,i.g=255&l*i.g+o*s.g+.5,i.b=255&l*i.b+o*s.b+.5,i.a=r*i.a+(1-r)*s.a,this.rgb=i}return this}interpolate(e,n){return e&&(this._rgb=jd(this._rgb,e._rgb,n)),this}clone(){return new yt(this.rgb)}alpha(e){return this._rgb.a=Ee(e),this}clearer(e){const n=this._rgb;return n.a*=1-e,this}greyscale(){const e=this._rgb,n=Dt(e.r*.3+e.g*.59+e.b*.11);return e.r=e.g=e.b=n,this}opaquer(e){const n=this._rgb;return n.a*=1+e,this}negate(){const e=this._rgb;return e.r=255-e.r,e.g=255-e.g,e.b=255-e.b,this}lighten(e){return _t(this._rgb,2,e),this}darken(e){return _t(this._rgb,2,-e),this}saturate(e){return _t(this._rgb,1,e),this}desaturate(e){return _t(this._rgb,1,-e),this}rotate(e){return $d(this._rgb,e),this}}function ve(){}const Td=(()=>{let t=0;return()=>t++})();function Q(t){return t==null}function oe(t){if(Array.isArray&&Array.isArray(t))return!0;const e=Object.prototype.toString.call(t);return e.slice(0,7)==="[object"&&e.slice(-6)==="Array]"}function W(t){return t!==null&&Object.prototype.toString.call(t)==="[object Object]"}function pe(t){return(typeof t=="number"||t instanceof Number)&&isFinite(+t)}function be(t,e){return pe(t)?t:e}function G(t,e){return typeof t>"u"?e:t}const Pd=(t,e)=>typeof t=="string"&&t.endsWith("%")?parseFloat(t)/100*e:+t;function J(t,e,n){if(t&&typeof t.call=="function")return t.apply(n,e)}function K(t,e,n,i){let s,o,r;if(oe(t))for(o=t.length,s=0;s<o;s++)e.call(n,t[s],s);else if(W(t))for(r=Object.keys(t),o=r.length,s=0;s<o;s++)e.call(n,t[r[s]],r[s])}function zt(t,e){let n,i,s,o;if(!t||!e||t.length!==e.length)return!1;for(n=0,i=t.length;n<i;++n)if(s=t[n],o=e[n],s.datasetIndex!==o.datasetIndex||s.index!==o.index)return!1;return!0}function Vt(t){if(oe(t))return t.map(Vt);if(W(t)){const e=Object.create(null),n=Object.keys(t),i=n.length;let s=0;for(;s<i;++s)e[n[s]]=Vt(t[n[s]]);return e}return t}function Gs(t){return["__proto__","prototype","constructor"].indexOf(t)===-1}function Ed(t,e,n,i){if(!Gs(t))return;const s=e[t],o=n[t];W(s)&&W(o)?kt(s,o,i):e[t]=Vt(o)}function kt(t,e,n){const i=oe(e)?e:[e],s=i.length;if(!W(t))return t;n=n||{};const o=n.merger||Ed;let r;for(let a=0;a<s;++a){if(r=i[a],!W(r))continue;const d=Object.keys(r);for(let l=0,u=d.length;l<u;++l)o(d[l],t,r,n)}return t}function ft(t,e){return kt(t,e,{merger:Md})}function Md(t,e,n){if(!Gs(t))return;const i=e[t],s=n[t];W(i)&&W(s)?ft(i,s):Object.prototype.hasOwnProperty.call(e,t)||(e[t]=Vt(s))}const ti={"":t=>t,x:t=>t.x,y:t=>t.y};function Od(t){const e=t.split("."),n=[];let i="";for(const s of e)i+=s,i.endsWith("\\")?i=i.slice(0,-1)+".":(n.push(i),i="");return n}function Nd(t){const e=Od(t);return n=>{for(const i of e){if(i==="")break;n=n&&n[i]}return n}}function nt(t,e){return(ti[e]||(ti[e]=Nd(e)))(t)}function Fn(t){return t.charAt(0).toUpperCase()+t.slice(1)}const It=t=>typeof t<"u",Ne=t=>typeof t=="function",ni=(t,e)=>{if(t.size!==e.size)return!1;for(const n of t)if(!e.has(n))return!1;return!0};function Fd(t){return t.type==="mouseup"||t.type==="click"||t.type==="contextmenu"}const de=Math.PI,Me=2*de,Wt=Number.POSITIVE_INFINITY,Ld=de/180,fe=de/2,Le=de/4,ii=de*2/3,Ks=Math.log10,Oe=Math.sign;function Nt(t,e,n){return Math.abs(t-e)<n}function si(t){const e=Math.round(t);t=Nt(t,e,t/1e3)?e:t;const n=Math.pow(10,Math.floor(Ks(t))),i=t/n;return(i<=1?1:i<=2?2:i<=5?5:10)*n}function qd(t){const e=[],n=Math.sqrt(t);let i;for(i=1;i<n;i++)t%i===0&&(e.push(i),e.push(t/i));return n===(n|0)&&e.push(n),e.sort((s,o)=>s-o).pop(),e}function Bd(t){return typeof t=="symbol"||typeof t=="object"&&t!==null&&!(Symbol.toPrimitive in t||"toString"in t||"valueOf"in t)}function Gt(t){return!Bd(t)&&!isNaN(parseFloat(t))&&isFinite(t)}function Hd(t,e){const n=Math.round(t);return n-e<=t&&n+e>=t}function zd(t,e,n){let i,s,o;for(i=0,s=t.length;i<s;i++)o=t[i][n],isNaN(o)||(e.min=Math.min(e.min,o),e.max=Math.max(e.max,o))}function Ge(t){return t*(de/180)}function Vd(t){return t*(180/de)}function oi(t){if(!pe(t))return;let e=1,n=0;for(;Math.round(t*e)/e!==t;)e*=10,n++;return n}function Wd(t,e){const n=e.x-t.x,i=e.y-t.y,s=Math.sqrt(n*n+i*i);let o=Math.atan2(i,n);return o<-.5*de&&(o+=Me),{angle:o,distance:s}}function Gd(t,e){return Math.sqrt(Math.pow(e.x-t.x,2)+Math.pow(e.y-t.y,2))}function qe(t){return(t%Me+Me)%Me}function Kd(t,e,n,i){const s=qe(t),o=qe(e),r=qe(n),a=qe(o-s),d=qe(r-s),l=qe(s-o),u=qe(s-r);return s===o||s===r||i||a>d&&l<u}function me(t,e,n){return Math.max(e,Math.min(n,t))}function Yd(t){return me(t,-32768,32767)}function Je(t,e,n,i=1e-6){return t>=Math.min(e,n)-i&&t<=Math.max(e,n)+i}function Ln(t,e,n){n=n||(r=>t[r]<e);let i=t.length-1,s=0,o;for(;i-s>1;)o=s+i>>1,n(o)?s=o:i=o;return{lo:s,hi:i}}const Sn=(t,e,n,i)=>Ln(t,n,i?s=>{const o=t[s][e];return o<n||o===n&&t[s+1][e]===n}:s=>t[s][e]<n),Xd=(t,e,n)=>Ln(t,n,i=>t[i][e]>=n);function Qd(t,e,n){let i=0,s=t.length;for(;i<s&&t[i]<e;)i++;for(;s>i&&t[s-1]>n;)s--;return i>0||s<t.length?t.slice(i,s):t}const Ys=["push","pop","shift","splice","unshift"];function Zd(t,e){if(t._chartjs){t._chartjs.listeners.push(e);return}Object.defineProperty(t,"_chartjs",{configurable:!0,enumerable:!1,value:{listeners:[e]}}),Ys.forEach(n=>{const i="_onData"+Fn(n),s=t[n];Object.defineProperty(t,n,{configurable:!0,enumerable:!1,value(...o){const r=s.apply(this,o);return t._chartjs.listeners.forEach(a=>{typeof a[i]=="function"&&a[i](...o)}),r}})})}function ri(t,e){const n=t._chartjs;if(!n)return;const i=n.listeners,s=i.indexOf(e);s!==-1&&i.splice(s,1),!(i.length>0)&&(Ys.forEach(o=>{delete t[o]}),delete t._chartjs)}function Xs(t){const e=new Set(t);return e.size===t.length?t:Array.from(e)}const Qs=(function(){return typeof window>"u"?function(t){return t()}:window.requestAnimationFrame})();function Zs(t,e){let n=[],i=!1;return function(...s){n=s,i||(i=!0,Qs.call(window,()=>{i=!1,t.apply(e,n)}))}}function Jd(t,e){let n;return function(...i){return e?(clearTimeout(n),n=setTimeout(t,e,i)):t.apply(this,i),e}}const Js=t=>t==="start"?"left":t==="end"?"right":"center",le=(t,e,n)=>t==="start"?e:t==="end"?n:(e+n)/2,el=(t,e,n,i)=>t===(i?"left":"right")?n:t==="center"?(e+n)/2:e,At=t=>t===0||t===1,ai=(t,e,n)=>-(Math.pow(2,10*(t-=1))*Math.sin((t-e)*Me/n)),ci=(t,e,n)=>Math.pow(2,-10*t)*Math.sin((t-e)*Me/n)+1,mt={linear:t=>t,easeInQuad:t=>t*t,easeOutQuad:t=>-t*(t-2),easeInOutQuad:t=>(t/=.5)<1?.5*t*t:-.5*(--t*(t-2)-1),easeInCubic:t=>t*t*t,easeOutCubic:t=>(t-=1)*t*t+1,easeInOutCubic:t=>(t/=.5)<1?.5*t*t*t:.5*((t-=2)*t*t+2),easeInQuart:t=>t*t*t*t,easeOutQuart:t=>-((t-=1)*t*t*t-1),easeInOutQuart:t=>(t/=.5)<1?.5*t*t*t*t:-.5*((t-=2)*t*t*t-2),easeInQuint:t=>t*t*t*t*t,easeOutQuint:t=>(t-=1)*t*t*t*t+1,easeInOutQuint:t=>(t/=.5)<1?.5*t*t*t*t*t:.5*((t-=2)*t*t*t*t+2),easeInSine:t=>-Math.cos(t*fe)+1,easeOutSine:t=>Math.sin(t*fe),easeInOutSine:t=>-.5*(Math.cos(de*t)-1),easeInExpo:t=>t===0?0:Math.pow(2,10*(t-1)),easeOutExpo:t=>t===1?1:-Math.pow(2,-10*t)+1,easeInOutExpo:t=>At(t)?t:t<.5?.5*Math.pow(2,10*(t*2-1)):.5*(-Math.pow(2,-10*(t*2-1))+2),easeInCirc:t=>t>=1?t:-(Math.sqrt(1-t*t)-1),easeOutCirc:t=>Math.sqrt(1-(t-=1)*t),easeInOutCirc:t=>(t/=.5)<1?-.5*(Math.sqrt(1-t*t)-1):.5*(Math.sqrt(1-(t-=2)*t)+1),easeInElastic:t=>At(t)?t:ai(t,.075,.3),easeOutElastic:t=>At(t)?t:ci(t,.075,.3),easeInOutElastic(t){return At(t)?t:t<.5?.5*ai(t*2,.1125,.45):.5+.5*ci(t*2-1,.1125,.45)},easeInBack(t){return t*t*((1.70158+1)*t-1.70158)},easeOutBack(t){return(t-=1)*t*((1.70158+1)*t+1.70158)+1},easeInOutBack(t){let e=1.70158;return(t/=.5)<1?.5*(t*t*(((e*=1.525)+1)*t-e)):.5*((t-=2)*t*(((e*=1.525)+1)*t+e)+2)},easeInBounce:t=>1-mt.easeOutBounce(1-t),easeOutBounce(t){return t<1/2.75?7.5625*t*t:t<2/2.75?7.5625*(t-=1.5/2.75)*t+.75:t<2.5/2.75?7.5625*(t-=2.25/2.75)*t+.9375:7.5625*(t-=2.625/2.75)*t+.984375},easeInOutBounce:t=>t<.5?mt.easeInBounce(t*2)*.5:mt.easeOutBounce(t*2-1)*.5+.5};function eo(t){if(t&&typeof t=="object"){const e=t.toString();return e==="[object CanvasPattern]"||e==="[object CanvasGradient]"}return!1}function di(t){return eo(t)?t:new yt(t)}function rn(t){return eo(t)?t:new yt(t).saturate(.5).darken(.1).hexString()}const tl=["x","y","borderWidth","radius","tension"],nl=["color","borderColor","backgroundColor"];function il(t){t.set("animation",{delay:void 0,duration:1e3,easing:"easeOutQuart",fn:void 0,from:void 0,loop:void 0,to:void 0,type:void 0}),t.describe("animation",{_fallback:!1,_indexable:!1,_scriptable:e=>e!=="onProgress"&&e!=="onComplete"&&e!=="fn"}),t.set("animations",{colors:{type:"color",properties:nl},numbers:{type:"number",properties:tl}}),t.describe("animations",{_fallback:"animation"}),t.set("transitions",{active:{animation:{duration:400}},resize:{animation:{duration:0}},show:{animations:{colors:{from:"transparent"},visible:{type:"boolean",duration:0}}},hide:{animations:{colors:{to:"transparent"},visible:{type:"boolean",easing:"linear",fn:e=>e|0}}}})}function sl(t){t.set("layout",{autoPadding:!0,padding:{top:0,right:0,bottom:0,left:0}})}const li=new Map;function ol(t,e){e=e||{};const n=t+JSON.stringify(e);let i=li.get(n);return i||(i=new Intl.NumberFormat(t,e),li.set(n,i)),i}function to(t,e,n){return ol(e,n).format(t)}const rl={values(t){return oe(t)?t:""+t},numeric(t,e,n){if(t===0)return"0";const i=this.chart.options.locale;let s,o=t;if(n.length>1){const l=Math.max(Math.abs(n[0].value),Math.abs(n[n.length-1].value));(l<1e-4||l>1e15)&&(s="scientific"),o=al(t,n)}const r=Ks(Math.abs(o)),a=isNaN(r)?1:Math.max(Math.min(-1*Math.floor(r),20),0),d={notation:s,minimumFractionDigits:a,maximumFractionDigits:a};return Object.assign(d,this.options.ticks.format),to(t,i,d)}};function al(t,e){let n=e.length>3?e[2].value-e[1].value:e[1].value-e[0].value;return Math.abs(n)>=1&&t!==Math.floor(t)&&(n=t-Math.floor(t)),n}var no={formatters:rl};function cl(t){t.set("scale",{display:!0,offset:!1,reverse:!1,beginAtZero:!1,bounds:"ticks",clip:!0,grace:0,grid:{display:!0,lineWidth:1,drawOnChartArea:!0,drawTicks:!0,tickLength:8,tickWidth:(e,n)=>n.lineWidth,tickColor:(e,n)=>n.color,offset:!1},border:{display:!0,dash:[],dashOffset:0,width:1},title:{display:!1,text:"",padding:{top:4,bottom:4}},ticks:{minRotation:0,maxRotation:50,mirror:!1,textStrokeWidth:0,textStrokeColor:"",padding:3,display:!0,autoSkip:!0,autoSkipPadding:3,labelOffset:0,callback:no.formatters.values,minor:{},major:{},align:"center",crossAlign:"near",showLabelBackdrop:!1,backdropColor:"rgba(255, 255, 255, 0.75)",backdropPadding:2}}),t.route("scale.ticks","color","","color"),t.route("scale.grid","color","","borderColor"),t.route("scale.border","color","","borderColor"),t.route("scale.title","color","","color"),t.describe("scale",{_fallback:!1,_scriptable:e=>!e.startsWith("before")&&!e.startsWith("after")&&e!=="callback"&&e!=="parser",_indexable:e=>e!=="borderDash"&&e!=="tickBorderDash"&&e!=="dash"}),t.describe("scales",{_fallback:"scale"}),t.describe("scale.ticks",{_scriptable:e=>e!=="backdropPadding"&&e!=="callback",_indexable:e=>e!=="backdropPadding"})}const Ye=Object.create(null),$n=Object.create(null);function gt(t,e){if(!e)return t;const n=e.split(".");for(let i=0,s=n.length;i<s;++i){const o=n[i];t=t[o]||(t[o]=Object.create(null))}return t}function an(t,e,n){return typeof e=="string"?kt(gt(t,e),n):kt(gt(t,""),e)}class dl{constructor(e,n){this.animation=void 0,this.backgroundColor="rgba(0,0,0,0.1)",this.borderColor="rgba(0,0,0,0.1)",this.color="#666",this.datasets={},this.devicePixelRatio=i=>i.chart.platform.getDevicePixelRatio(),this.elements={},this.events=["mousemove","mouseout","click","touchstart","touchmove"],this.font={family:"'Helvetica Neue', 'Helvetica', 'Arial', sans-serif",size:12,style:"normal",lineHeight:1.2,weight:null},this.hover={},this.hoverBackgroundColor=(i,s)=>rn(s.backgroundColor),this.hoverBorderColor=(i,s)=>rn(s.borderColor),this.hoverColor=(i,s)=>rn(s.color),this.indexAxis="x",this.interaction={mode:"nearest",intersect:!0,includeInvisible:!1},this.maintainAspectRatio=!0,this.onHover=null,this.onClick=null,this.parsing=!0,this.plugins={},this.responsive=!0,this.scale=void 0,this.scales={},this.showLine=!0,this.drawActiveElementsOnTop=!0,this.describe(e),this.apply(n)}set(e,n){return an(this,e,n)}get(e){return gt(this,e)}describe(e,n){return an($n,e,n)}override(e,n){return an(Ye,e,n)}route(e,n,i,s){const o=gt(this,e),r=gt(this,i),a="_"+n;Object.defineProperties(o,{[a]:{value:o[n],writable:!0},[n]:{enumerable:!0,get(){const d=this[a],l=r[s];return W(d)?Object.assign({},l,d):G(d,l)},set(d){this[a]=d}}})}apply(e){e.forEach(n=>n(this))}}var te=new dl({_scriptable:t=>!t.startsWith("on"),_indexable:t=>t!=="events",hover:{_fallback:"interaction"},interaction:{_scriptable:!1,_indexable:!1}},[il,sl,cl]);function ll(t){return!t||Q(t.size)||Q(t.family)?null:(t.style?t.style+" ":"")+(t.weight?t.weight+" ":"")+t.size+"px "+t.family}function ui(t,e,n,i,s){let o=e[s];return o||(o=e[s]=t.measureText(s).width,n.push(s)),o>i&&(i=o),i}function Be(t,e,n){const i=t.currentDevicePixelRatio,s=n!==0?Math.max(n/2,.5):0;return Math.round((e-s)*i)/i+s}function hi(t,e){!e&&!t||(e=e||t.getContext("2d"),e.save(),e.resetTransform(),e.clearRect(0,0,t.width,t.height),e.restore())}function pi(t,e,n,i){io(t,e,n,i,null)}function io(t,e,n,i,s){let o,r,a,d,l,u,h,p;const f=e.pointStyle,k=e.rotation,y=e.radius;let g=(k||0)*Ld;if(f&&typeof f=="object"&&(o=f.toString(),o==="[object HTMLImageElement]"||o==="[object HTMLCanvasElement]")){t.save(),t.translate(n,i),t.rotate(g),t.drawImage(f,-f.width/2,-f.height/2,f.width,f.height),t.restore();return}if(!(isNaN(y)||y<=0)){switch(t.beginPath(),f){default:s?t.ellipse(n,i,s/2,y,0,0,Me):t.arc(n,i,y,0,Me),t.closePath();break;case"triangle":u=s?s/2:y,t.moveTo(n+Math.sin(g)*u,i-Math.cos(g)*y),g+=ii,t.lineTo(n+Math.sin(g)*u,i-Math.cos(g)*y),g+=ii,t.lineTo(n+Math.sin(g)*u,i-Math.cos(g)*y),t.closePath();break;case"rectRounded":l=y*.516,d=y-l,r=Math.cos(g+Le)*d,h=Math.cos(g+Le)*(s?s/2-l:d),a=Math.sin(g+Le)*d,p=Math.sin(g+Le)*(s?s/2-l:d),t.arc(n-h,i-a,l,g-de,g-fe),t.arc(n+p,i-r,l,g-fe,g),t.arc(n+h,i+a,l,g,g+fe),t.arc(n-p,i+r,l,g+fe,g+de),t.closePath();break;case"rect":if(!k){d=Math.SQRT1_2*y,u=s?s/2:d,t.rect(n-u,i-d,2*u,2*d);break}g+=Le;case"rectRot":h=Math.cos(g)*(s?s/2:y),r=Math.cos(g)*y,a=Math.sin(g)*y,p=Math.sin(g)*(s?s/2:y),t.moveTo(n-h,i-a),t.lineTo(n+p,i-r),t.lineTo(n+h,i+a),t.lineTo(n-p,i+r),t.closePath();break;case"crossRot":g+=Le;case"cross":h=Math.cos(g)*(s?s/2:y),r=Math.cos(g)*y,a=Math.sin(g)*y,p=Math.sin(g)*(s?s/2:y),t.moveTo(n-h,i-a),t.lineTo(n+h,i+a),t.moveTo(n+p,i-r),t.lineTo(n-p,i+r);break;case"star":h=Math.cos(g)*(s?s/2:y),r=Math.cos(g)*y,a=Math.sin(g)*y,p=Math.sin(g)*(s?s/2:y),t.moveTo(n-h,i-a),t.lineTo(n+h,i+a),t.moveTo(n+p,i-r),t.lineTo(n-p,i+r),g+=Le,h=Math.cos(g)*(s?s/2:y),r=Math.cos(g)*y,a=Math.sin(g)*y,p=Math.sin(g)*(s?s/2:y),t.moveTo(n-h,i-a),t.lineTo(n+h,i+a),t.moveTo(n+p,i-r),t.lineTo(n-p,i+r);break;case"line":r=s?s/2:Math.cos(g)*y,a=Math.sin(g)*y,t.moveTo(n-r,i-a),t.lineTo(n+r,i+a);break;case"dash":t.moveTo(n,i),t.lineTo(n+Math.cos(g)*(s?s/2:y),i+Math.sin(g)*y);break;case!1:t.closePath();break}t.fill(),e.borderWidth>0&&t.stroke()}}function so(t,e,n){return n=n||.5,!e||t&&t.x>e.left-n&&t.x<e.right+n&&t.y>e.top-n&&t.y<e.bottom+n}function qn(t,e){t.save(),t.beginPath(),t.rect(e.left,e.top,e.right-e.left,e.bottom-e.top),t.clip()}function Bn(t){t.restore()}function ul(t,e){e.translation&&t.translate(e.translation[0],e.translation[1]),Q(e.rotation)||t.rotate(e.rotation),e.color&&(t.fillStyle=e.color),e.textAlign&&(t.textAlign=e.textAlign),e.textBaseline&&(t.textBaseline=e.textBaseline)}function hl(t,e,n,i,s){if(s.strikethrough||s.underline){const o=t.measureText(i),r=e-o.actualBoundingBoxLeft,a=e+o.actualBoundingBoxRight,d=n-o.actualBoundingBoxAscent,l=n+o.actualBoundingBoxDescent,u=s.strikethrough?(d+l)/2:l;t.strokeStyle=t.fillStyle,t.beginPath(),t.lineWidth=s.decorationWidth||2,t.moveTo(r,u),t.lineTo(a,u),t.stroke()}}function pl(t,e){const n=t.fillStyle;t.fillStyle=e.color,t.fillRect(e.left,e.top,e.width,e.height),t.fillStyle=n}function Kt(t,e,n,i,s,o={}){const r=oe(e)?e:[e],a=o.strokeWidth>0&&o.strokeColor!=="";let d,l;for(t.save(),t.font=s.string,ul(t,o),d=0;d<r.length;++d)l=r[d],o.backdrop&&pl(t,o.backdrop),a&&(o.strokeColor&&(t.strokeStyle=o.strokeColor),Q(o.strokeWidth)||(t.lineWidth=o.strokeWidth),t.strokeText(l,n,i,o.maxWidth)),t.fillText(l,n,i,o.maxWidth),hl(t,n,i,l,o),i+=Number(s.lineHeight);t.restore()}function Yt(t,e){const{x:n,y:i,w:s,h:o,radius:r}=e;t.arc(n+r.topLeft,i+r.topLeft,r.topLeft,1.5*de,de,!0),t.lineTo(n,i+o-r.bottomLeft),t.arc(n+r.bottomLeft,i+o-r.bottomLeft,r.bottomLeft,de,fe,!0),t.lineTo(n+s-r.bottomRight,i+o),t.arc(n+s-r.bottomRight,i+o-r.bottomRight,r.bottomRight,fe,0,!0),t.lineTo(n+s,i+r.topRight),t.arc(n+s-r.topRight,i+r.topRight,r.topRight,0,-fe,!0),t.lineTo(n+r.topLeft,i)}const fl=/^(normal|(\d+(?:\.\d+)?)(px|em|%)?)$/,ml=/^(normal|italic|initial|inherit|unset|(oblique( -?[0-9]?[0-9]deg)?))$/;function gl(t,e){const n=(""+t).match(fl);if(!n||n[1]==="normal")return e*1.2;switch(t=+n[2],n[3]){case"px":return t;case"%":t/=100;break}return e*t}const bl=t=>+t||0;function oo(t,e){const n={},i=W(e),s=i?Object.keys(e):e,o=W(t)?i?r=>G(t[r],t[e[r]]):r=>t[r]:()=>t;for(const r of s)n[r]=bl(o(r));return n}function ro(t){return oo(t,{top:"y",right:"x",bottom:"y",left:"x"})}function et(t){return oo(t,["topLeft","topRight","bottomLeft","bottomRight"])}function ge(t){const e=ro(t);return e.width=e.left+e.right,e.height=e.top+e.bottom,e}function ce(t,e){t=t||{},e=e||te.font;let n=G(t.size,e.size);typeof n=="string"&&(n=parseInt(n,10));let i=G(t.style,e.style);i&&!(""+i).match(ml)&&(console.warn('Invalid font style specified: "'+i+'"'),i=void 0);const s={family:G(t.family,e.family),lineHeight:gl(G(t.lineHeight,e.lineHeight),n),size:n,style:i,weight:G(t.weight,e.weight),string:""};return s.string=ll(s),s}function Ct(t,e,n,i){let s,o,r;for(s=0,o=t.length;s<o;++s)if(r=t[s],r!==void 0&&r!==void 0)return r}function xl(t,e,n){const{min:i,max:s}=t,o=Pd(e,(s-i)/2),r=(a,d)=>n&&a===0?0:a+d;return{min:r(i,-Math.abs(o)),max:r(s,o)}}function st(t,e){return Object.assign(Object.create(t),e)}function Hn(t,e=[""],n,i,s=()=>t[0]){const o=n||t;typeof i>"u"&&(i=uo("_fallback",t));const r={[Symbol.toStringTag]:"Object",_cacheable:!0,_scopes:t,_rootScopes:o,_fallback:i,_getTarget:s,override:a=>Hn([a,...t],e,o,i)};return new Proxy(r,{deleteProperty(a,d){return delete a[d],delete a._keys,delete t[0][d],!0},get(a,d){return co(a,d,()=>Rl(d,e,t,a))},getOwnPropertyDescriptor(a,d){return Reflect.getOwnPropertyDescriptor(a._scopes[0],d)},getPrototypeOf(){return Reflect.getPrototypeOf(t[0])},has(a,d){return mi(a).includes(d)},ownKeys(a){return mi(a)},set(a,d,l){const u=a._storage||(a._storage=s());return a[d]=u[d]=l,delete a._keys,!0}})}function it(t,e,n,i){const s={_cacheable:!1,_proxy:t,_context:e,_subProxy:n,_stack:new Set,_descriptors:ao(t,i),setContext:o=>it(t,o,n,i),override:o=>it(t.override(o),e,n,i)};return new Proxy(s,{deleteProperty(o,r){return delete o[r],delete t[r],!0},get(o,r,a){return co(o,r,()=>kl(o,r,a))},getOwnPropertyDescriptor(o,r){return o._descriptors.allKeys?Reflect.has(t,r)?{enumerable:!0,configurable:!0}:void 0:Reflect.getOwnPropertyDescriptor(t,r)},getPrototypeOf(){return Reflect.getPrototypeOf(t)},has(o,r){return Reflect.has(t,r)},ownKeys(){return Reflect.ownKeys(t)},set(o,r,a){return t[r]=a,delete o[r],!0}})}function ao(t,e={scriptable:!0,indexable:!0}){const{_scriptable:n=e.scriptable,_indexable:i=e.indexable,_allKeys:s=e.allKeys}=t;return{allKeys:s,scriptable:n,indexable:i,isScriptable:Ne(n)?n:()=>n,isIndexable:Ne(i)?i:()=>i}}const yl=(t,e)=>t?t+Fn(e):e,zn=(t,e)=>W(e)&&t!=="adapters"&&(Object.getPrototypeOf(e)===null||e.constructor===Object);function co(t,e,n){if(Object.prototype.hasOwnProperty.call(t,e)||e==="constructor")return t[e];const i=n();return t[e]=i,i}function kl(t,e,n){const{_proxy:i,_context:s,_subProxy:o,_descriptors:r}=t;let a=i[e];return Ne(a)&&r.isScriptable(e)&&(a=Il(e,a,t,n)),oe(a)&&a.length&&(a=vl(e,a,t,r.isIndexable)),zn(e,a)&&(a=it(a,s,o&&o[e],r)),a}function Il(t,e,n,i){const{_proxy:s,_context:o,_subProxy:r,_stack:a}=n;if(a.has(t))throw new Error("Recursion detected: "+Array.from(a).join("->")+"->"+t);a.add(t);let d=e(o,r||i);return a.delete(t),zn(t,d)&&(d=Vn(s._scopes,s,t,d)),d}function vl(t,e,n,i){const{_proxy:s,_context:o,_subProxy:r,_descriptors:a}=n;if(typeof o.index<"u"&&i(t))return e[o.index%e.length];if(W(e[0])){const d=e,l=s._scopes.filter(u=>u!==d);e=[];for(const u of d){const h=Vn(l,s,t,u);e.push(it(h,o,r&&r[t],a))}}return e}function lo(t,e,n){return Ne(t)?t(e,n):t}const Sl=(t,e)=>t===!0?e:typeof t=="string"?nt(e,t):void 0;function $l(t,e,n,i,s){for(const o of e){const r=Sl(n,o);if(r){t.add(r);const a=lo(r._fallback,n,s);if(typeof a<"u"&&a!==n&&a!==i)return a}else if(r===!1&&typeof i<"u"&&n!==i)return null}return!1}function Vn(t,e,n,i){const s=e._rootScopes,o=lo(e._fallback,n,i),r=[...t,...s],a=new Set;a.add(i);let d=fi(a,r,n,o||n,i);return d===null||typeof o<"u"&&o!==n&&(d=fi(a,r,o,d,i),d===null)?!1:Hn(Array.from(a),[""],s,o,()=>Dl(e,n,i))}function fi(t,e,n,i,s){for(;n;)n=$l(t,e,n,i,s);return n}function Dl(t,e,n){const i=t._getTarget();e in i||(i[e]={});const s=i[e];return oe(s)&&W(n)?n:s||{}}function Rl(t,e,n,i){let s;for(const o of e)if(s=uo(yl(o,t),n),typeof s<"u")return zn(t,s)?Vn(n,i,t,s):s}function uo(t,e){for(const n of e){if(!n)continue;const i=n[t];if(typeof i<"u")return i}}function mi(t){let e=t._keys;return e||(e=t._keys=wl(t._scopes)),e}function wl(t){const e=new Set;for(const n of t)for(const i of Object.keys(n).filter(s=>!s.startsWith("_")))e.add(i);return Array.from(e)}function Wn(){return typeof window<"u"&&typeof document<"u"}function Gn(t){let e=t.parentNode;return e&&e.toString()==="[object ShadowRoot]"&&(e=e.host),e}function Xt(t,e,n){let i;return typeof t=="string"?(i=parseInt(t,10),t.indexOf("%")!==-1&&(i=i/100*e.parentNode[n])):i=t,i}const en=t=>t.ownerDocument.defaultView.getComputedStyle(t,null);function _l(t,e){return en(t).getPropertyValue(e)}const Al=["top","right","bottom","left"];function Ke(t,e,n){const i={};n=n?"-"+n:"";for(let s=0;s<4;s++){const o=Al[s];i[o]=parseFloat(t[e+"-"+o+n])||0}return i.width=i.left+i.right,i.height=i.top+i.bottom,i}const Cl=(t,e,n)=>(t>0||e>0)&&(!n||!n.shadowRoot);function jl(t,e){const n=t.touches,i=n&&n.length?n[0]:t,{offsetX:s,offsetY:o}=i;let r=!1,a,d;if(Cl(s,o,t.target))a=s,d=o;else{const l=e.getBoundingClientRect();a=i.clientX-l.left,d=i.clientY-l.top,r=!0}return{x:a,y:d,box:r}}function Ve(t,e){if("native"in t)return t;const{canvas:n,currentDevicePixelRatio:i}=e,s=en(n),o=s.boxSizing==="border-box",r=Ke(s,"padding"),a=Ke(s,"border","width"),{x:d,y:l,box:u}=jl(t,n),h=r.left+(u&&a.left),p=r.top+(u&&a.top);let{width:f,height:k}=e;return o&&(f-=r.width+a.width,k-=r.height+a.height),{x:Math.round((d-h)/f*n.width/i),y:Math.round((l-p)/k*n.height/i)}}function Ul(t,e,n){let i,s;if(e===void 0||n===void 0){const o=t&&Gn(t);if(!o)e=t.clientWidth,n=t.clientHeight;else{const r=o.getBoundingClientRect(),a=en(o),d=Ke(a,"border","width"),l=Ke(a,"padding");e=r.width-l.width-d.width,n=r.height-l.height-d.height,i=Xt(a.maxWidth,o,"clientWidth"),s=Xt(a.maxHeight,o,"clientHeight")}}return{width:e,height:n,maxWidth:i||Wt,maxHeight:s||Wt}}const je=t=>Math.round(t*10)/10;function Tl(t,e,n,i){const s=en(t),o=Ke(s,"margin"),r=Xt(s.maxWidth,t,"clientWidth")||Wt,a=Xt(s.maxHeight,t,"clientHeight")||Wt,d=Ul(t,e,n);let{width:l,height:u}=d;if(s.boxSizing==="content-box"){const p=Ke(s,"border","width"),f=Ke(s,"padding");l-=f.width+p.width,u-=f.height+p.height}return l=Math.max(0,l-o.width),u=Math.max(0,i?l/i:u-o.height),l=je(Math.min(l,r,d.maxWidth)),u=je(Math.min(u,a,d.maxHeight)),l&&!u&&(u=je(l/2)),(e!==void 0||n!==void 0)&&i&&d.height&&u>d.height&&(u=d.height,l=je(Math.floor(u*i))),{width:l,height:u}}function gi(t,e,n){const i=e||1,s=je(t.height*i),o=je(t.width*i);t.height=je(t.height),t.width=je(t.width);const r=t.canvas;r.style&&(n||!r.style.height&&!r.style.width)&&(r.style.height=`${t.height}px`,r.style.width=`${t.width}px`);const a=Math.floor(s),d=Math.floor(o);return t.currentDevicePixelRatio!==i||r.height!==a||r.width!==d?(t.currentDevicePixelRatio=i,r.height=a,r.width=d,t.ctx.setTransform(i,0,0,i,0,0),!0):!1}const Pl=(function(){let t=!1;try{const e={get passive(){return t=!0,!1}};Wn()&&(window.addEventListener("test",null,e),window.removeEventListener("test",null,e))}catch{}return t})();function bi(t,e){const n=_l(t,e),i=n&&n.match(/^(\d+)(\.\d+)?px$/);return i?+i[1]:void 0}const El=function(t,e){return{x(n){return t+t+e-n},setWidth(n){e=n},textAlign(n){return n==="center"?n:n==="right"?"left":"right"},xPlus(n,i){return n-i},leftForLtr(n,i){return n-i}}},Ml=function(){return{x(t){return t},setWidth(t){},textAlign(t){return t},xPlus(t,e){return t+e},leftForLtr(t,e){return t}}};function tt(t,e,n){return t?El(e,n):Ml()}function ho(t,e){let n,i;(e==="ltr"||e==="rtl")&&(n=t.canvas.style,i=[n.getPropertyValue("direction"),n.getPropertyPriority("direction")],n.setProperty("direction",e,"important"),t.prevTextDirection=i)}function po(t,e){e!==void 0&&(delete t.prevTextDirection,t.canvas.style.setProperty("direction",e[0],e[1]))}function jt(t,e,n){return t.options.clip?t[n]:e[n]}function Ol(t,e){const{xScale:n,yScale:i}=t;return n&&i?{left:jt(n,e,"left"),right:jt(n,e,"right"),top:jt(i,e,"top"),bottom:jt(i,e,"bottom")}:e}function Nl(t,e){const n=e._clip;if(n.disabled)return!1;const i=Ol(e,t.chartArea);return{left:n.left===!1?0:i.left-(n.left===!0?0:n.left),right:n.right===!1?t.width:i.right+(n.right===!0?0:n.right),top:n.top===!1?0:i.top-(n.top===!0?0:n.top),bottom:n.bottom===!1?t.height:i.bottom+(n.bottom===!0?0:n.bottom)}}class Fl{constructor(){this._request=null,this._charts=new Map,this._running=!1,this._lastDate=void 0}_notify(e,n,i,s){const o=n.listeners[s],r=n.duration;o.forEach(a=>a({chart:e,initial:n.initial,numSteps:r,currentStep:Math.min(i-n.start,r)}))}_refresh(){this._request||(this._running=!0,this._request=Qs.call(window,()=>{this._update(),this._request=null,this._running&&this._refresh()}))}_update(e=Date.now()){let n=0;this._charts.forEach((i,s)=>{if(!i.running||!i.items.length)return;const o=i.items;let r=o.length-1,a=!1,d;for(;r>=0;--r)d=o[r],d._active?(d._total>i.duration&&(i.duration=d._total),d.tick(e),a=!0):(o[r]=o[o.length-1],o.pop());a&&(s.draw(),this._notify(s,i,e,"progress")),o.length||(i.running=!1,this._notify(s,i,e,"complete"),i.initial=!1),n+=o.length}),this._lastDate=e,n===0&&(this._running=!1)}_getAnims(e){const n=this._charts;let i=n.get(e);return i||(i={running:!1,initial:!0,items:[],listeners:{complete:[],progress:[]}},n.set(e,i)),i}listen(e,n,i){this._getAnims(e).listeners[n].push(i)}add(e,n){!n||!n.length||this._getAnims(e).items.push(...n)}has(e){return this._getAnims(e).items.length>0}start(e){const n=this._charts.get(e);n&&(n.running=!0,n.start=Date.now(),n.duration=n.items.reduce((i,s)=>Math.max(i,s._duration),0),this._refresh())}running(e){if(!this._running)return!1;const n=this._charts.get(e);return!(!n||!n.running||!n.items.length)}stop(e){const n=this._charts.get(e);if(!n||!n.items.length)return;const i=n.items;let s=i.length-1;for(;s>=0;--s)i[s].cancel();n.items=[],this._notify(e,n,Date.now(),"complete")}remove(e){return this._charts.delete(e)}}var Se=new Fl;const xi="transparent",Ll={boolean(t,e,n){return n>.5?e:t},color(t,e,n){const i=di(t||xi),s=i.valid&&di(e||xi);return s&&s.valid?s.mix(i,n).hexString():e},number(t,e,n){return t+(e-t)*n}};class ql{constructor(e,n,i,s){const o=n[i];s=Ct([e.to,s,o,e.from]);const r=Ct([e.from,o,s]);this._active=!0,this._fn=e.fn||Ll[e.type||typeof r],this._easing=mt[e.easing]||mt.linear,this._start=Math.floor(Date.now()+(e.delay||0)),this._duration=this._total=Math.floor(e.duration),this._loop=!!e.loop,this._target=n,this._prop=i,this._from=r,this._to=s,this._promises=void 0}active(){return this._active}update(e,n,i){if(this._active){this._notify(!1);const s=this._target[this._prop],o=i-this._start,r=this._duration-o;this._start=i,this._duration=Math.floor(Math.max(r,e.duration)),this._total+=o,this._loop=!!e.loop,this._to=Ct([e.to,n,s,e.from]),this._from=Ct([e.from,s,n])}}cancel(){this._active&&(this.tick(Date.now()),this._active=!1,this._notify(!1))}tick(e){const n=e-this._start,i=this._duration,s=this._prop,o=this._from,r=this._loop,a=this._to;let d;if(this._active=o!==a&&(r||n<i),!this._active){this._target[s]=a,this._notify(!0);return}if(n<0){this._target[s]=o;return}d=n/i%2,d=r&&d>1?2-d:d,d=this._easing(Math.min(1,Math.max(0,d))),this._target[s]=this._fn(o,a,d)}wait(){const e=this._promises||(this._promises=[]);return new Promise((n,i)=>{e.push({res:n,rej:i})})}_notify(e){const n=e?"res":"rej",i=this._promises||[];for(let s=0;s<i.length;s++)i[s][n]()}}class fo{constructor(e,n){this._chart=e,this._properties=new Map,this.configure(n)}configure(e){if(!W(e))return;const n=Object.keys(te.animation),i=this._properties;Object.getOwnPropertyNames(e).forEach(s=>{const o=e[s];if(!W(o))return;const r={};for(const a of n)r[a]=o[a];(oe(o.properties)&&o.properties||[s]).forEach(a=>{(a===s||!i.has(a))&&i.set(a,r)})})}_animateOptions(e,n){const i=n.options,s=Hl(e,i);if(!s)return[];const o=this._createAnimations(s,i);return i.$shared&&Bl(e.options.$animations,i).then(()=>{e.options=i},()=>{}),o}_createAnimations(e,n){const i=this._properties,s=[],o=e.$animations||(e.$animations={}),r=Object.keys(n),a=Date.now();let d;for(d=r.length-1;d>=0;--d){const l=r[d];if(l.charAt(0)==="$")continue;if(l==="options"){s.push(...this._animateOptions(e,n));continue}const u=n[l];let h=o[l];const p=i.get(l);if(h)if(p&&h.active()){h.update(p,u,a);continue}else h.cancel();if(!p||!p.duration){e[l]=u;continue}o[l]=h=new ql(p,e,l,u),s.push(h)}return s}update(e,n){if(this._properties.size===0){Object.assign(e,n);return}const i=this._createAnimations(e,n);if(i.length)return Se.add(this._chart,i),!0}}function Bl(t,e){const n=[],i=Object.keys(e);for(let s=0;s<i.length;s++){const o=t[i[s]];o&&o.active()&&n.push(o.wait())}return Promise.all(n)}function Hl(t,e){if(!e)return;let n=t.options;if(!n){t.options=e;return}return n.$shared&&(t.options=n=Object.assign({},n,{$shared:!1,$animations:{}})),n}function yi(t,e){const n=t&&t.options||{},i=n.reverse,s=n.min===void 0?e:0,o=n.max===void 0?e:0;return{start:i?o:s,end:i?s:o}}function zl(t,e,n){if(n===!1)return!1;const i=yi(t,n),s=yi(e,n);return{top:s.end,right:i.end,bottom:s.start,left:i.start}}function Vl(t){let e,n,i,s;return W(t)?(e=t.top,n=t.right,i=t.bottom,s=t.left):e=n=i=s=t,{top:e,right:n,bottom:i,left:s,disabled:t===!1}}function mo(t,e){const n=[],i=t._getSortedDatasetMetas(e);let s,o;for(s=0,o=i.length;s<o;++s)n.push(i[s].index);return n}function ki(t,e,n,i={}){const s=t.keys,o=i.mode==="single";let r,a,d,l;if(e===null)return;let u=!1;for(r=0,a=s.length;r<a;++r){if(d=+s[r],d===n){if(u=!0,i.all)continue;break}l=t.values[d],pe(l)&&(o||e===0||Oe(e)===Oe(l))&&(e+=l)}return!u&&!i.all?0:e}function Wl(t,e){const{iScale:n,vScale:i}=e,s=n.axis==="x"?"x":"y",o=i.axis==="x"?"x":"y",r=Object.keys(t),a=new Array(r.length);let d,l,u;for(d=0,l=r.length;d<l;++d)u=r[d],a[d]={[s]:u,[o]:t[u]};return a}function cn(t,e){const n=t&&t.options.stacked;return n||n===void 0&&e.stack!==void 0}function Gl(t,e,n){return`${t.id}.${e.id}.${n.stack||n.type}`}function Kl(t){const{min:e,max:n,minDefined:i,maxDefined:s}=t.getUserBounds();return{min:i?e:Number.NEGATIVE_INFINITY,max:s?n:Number.POSITIVE_INFINITY}}function Yl(t,e,n){const i=t[e]||(t[e]={});return i[n]||(i[n]={})}function Ii(t,e,n,i){for(const s of e.getMatchingVisibleMetas(i).reverse()){const o=t[s.index];if(n&&o>0||!n&&o<0)return s.index}return null}function vi(t,e){const{chart:n,_cachedMeta:i}=t,s=n._stacks||(n._stacks={}),{iScale:o,vScale:r,index:a}=i,d=o.axis,l=r.axis,u=Gl(o,r,i),h=e.length;let p;for(let f=0;f<h;++f){const k=e[f],{[d]:y,[l]:g}=k,v=k._stacks||(k._stacks={});p=v[l]=Yl(s,u,y),p[a]=g,p._top=Ii(p,r,!0,i.type),p._bottom=Ii(p,r,!1,i.type);const S=p._visualValues||(p._visualValues={});S[a]=g}}function dn(t,e){const n=t.scales;return Object.keys(n).filter(i=>n[i].axis===e).shift()}function Xl(t,e){return st(t,{active:!1,dataset:void 0,datasetIndex:e,index:e,mode:"default",type:"dataset"})}function Ql(t,e,n){return st(t,{active:!1,dataIndex:e,parsed:void 0,raw:void 0,element:n,index:e,mode:"default",type:"data"})}function rt(t,e){const n=t.controller.index,i=t.vScale&&t.vScale.axis;if(i){e=e||t._parsed;for(const s of e){const o=s._stacks;!o||o[i]===void 0||o[i][n]===void 0||(delete o[i][n],o[i]._visualValues!==void 0&&o[i]._visualValues[n]!==void 0&&delete o[i]._visualValues[n])}}}const ln=t=>t==="reset"||t==="none",Si=(t,e)=>e?t:Object.assign({},t),Zl=(t,e,n)=>t&&!e.hidden&&e._stacked&&{keys:mo(n,!0),values:null};class bt{constructor(e,n){this.chart=e,this._ctx=e.ctx,this.index=n,this._cachedDataOpts={},this._cachedMeta=this.getMeta(),this._type=this._cachedMeta.type,this.options=void 0,this._parsing=!1,this._data=void 0,this._objectData=void 0,this._sharedOptions=void 0,this._drawStart=void 0,this._drawCount=void 0,this.enableOptionSharing=!1,this.supportsDecimation=!1,this.$context=void 0,this._syncList=[],this.datasetElementType=new.target.datasetElementType,this.dataElementType=new.target.dataElementType,this.initialize()}initialize(){const e=this._cachedMeta;this.configure(),this.linkScales(),e._stacked=cn(e.vScale,e),this.addElements(),this.options.fill&&!this.chart.isPluginEnabled("filler")&&console.warn("Tried to use the 'fill' option without the 'Filler' plugin enabled. Please import and register the 'Filler' plugin and make sure it is not disabled in the options")}updateIndex(e){this.index!==e&&rt(this._cachedMeta),this.index=e}linkScales(){const e=this.chart,n=this._cachedMeta,i=this.getDataset(),s=(h,p,f,k)=>h==="x"?p:h==="r"?k:f,o=n.xAxisID=G(i.xAxisID,dn(e,"x")),r=n.yAxisID=G(i.yAxisID,dn(e,"y")),a=n.rAxisID=G(i.rAxisID,dn(e,"r")),d=n.indexAxis,l=n.iAxisID=s(d,o,r,a),u=n.vAxisID=s(d,r,o,a);n.xScale=this.getScaleForId(o),n.yScale=this.getScaleForId(r),n.rScale=this.getScaleForId(a),n.iScale=this.getScaleForId(l),n.vScale=this.getScaleForId(u)}getDataset(){return this.chart.data.datasets[this.index]}getMeta(){return this.chart.getDatasetMeta(this.index)}getScaleForId(e){return this.chart.scales[e]}_getOtherScale(e){const n=this._cachedMeta;return e===n.iScale?n.vScale:n.iScale}reset(){this._update("reset")}_destroy(){const e=this._cachedMeta;this._data&&ri(this._data,this),e._stacked&&rt(e)}_dataCheck(){const e=this.getDataset(),n=e.data||(e.data=[]),i=this._data;if(W(n)){const s=this._cachedMeta;this._data=Wl(n,s)}else if(i!==n){if(i){ri(i,this);const s=this._cachedMeta;rt(s),s._parsed=[]}n&&Object.isExtensible(n)&&Zd(n,this),this._syncList=[],this._data=n}}addElements(){const e=this._cachedMeta;this._dataCheck(),this.datasetElementType&&(e.dataset=new this.datasetElementType)}buildOrUpdateElements(e){const n=this._cachedMeta,i=this.getDataset();let s=!1;this._dataCheck();const o=n._stacked;n._stacked=cn(n.vScale,n),n.stack!==i.stack&&(s=!0,rt(n),n.stack=i.stack),this._resyncElements(e),(s||o!==n._stacked)&&(vi(this,n._parsed),n._stacked=cn(n.vScale,n))}configure(){const e=this.chart.config,n=e.datasetScopeKeys(this._type),i=e.getOptionScopes(this.getDataset(),n,!0);this.options=e.createResolver(i,this.getContext()),this._parsing=this.options.parsing,this._cachedDataOpts={}}parse(e,n){const{_cachedMeta:i,_data:s}=this,{iScale:o,_stacked:r}=i,a=o.axis;let d=e===0&&n===s.length?!0:i._sorted,l=e>0&&i._parsed[e-1],u,h,p;if(this._parsing===!1)i._parsed=s,i._sorted=!0,p=s;else{oe(s[e])?p=this.parseArrayData(i,s,e,n):W(s[e])?p=this.parseObjectData(i,s,e,n):p=this.parsePrimitiveData(i,s,e,n);const f=()=>h[a]===null||l&&h[a]<l[a];for(u=0;u<n;++u)i._parsed[u+e]=h=p[u],d&&(f()&&(d=!1),l=h);i._sorted=d}r&&vi(this,p)}parsePrimitiveData(e,n,i,s){const{iScale:o,vScale:r}=e,a=o.axis,d=r.axis,l=o.getLabels(),u=o===r,h=new Array(s);let p,f,k;for(p=0,f=s;p<f;++p)k=p+i,h[p]={[a]:u||o.parse(l[k],k),[d]:r.parse(n[k],k)};return h}parseArrayData(e,n,i,s){const{xScale:o,yScale:r}=e,a=new Array(s);let d,l,u,h;for(d=0,l=s;d<l;++d)u=d+i,h=n[u],a[d]={x:o.parse(h[0],u),y:r.parse(h[1],u)};return a}parseObjectData(e,n,i,s){const{xScale:o,yScale:r}=e,{xAxisKey:a="x",yAxisKey:d="y"}=this._parsing,l=new Array(s);let u,h,p,f;for(u=0,h=s;u<h;++u)p=u+i,f=n[p],l[u]={x:o.parse(nt(f,a),p),y:r.parse(nt(f,d),p)};return l}getParsed(e){return this._cachedMeta._parsed[e]}getDataElement(e){return this._cachedMeta.data[e]}applyStack(e,n,i){const s=this.chart,o=this._cachedMeta,r=n[e.axis],a={keys:mo(s,!0),values:n._stacks[e.axis]._visualValues};return ki(a,r,o.index,{mode:i})}updateRangeFromParsed(e,n,i,s){const o=i[n.axis];let r=o===null?NaN:o;const a=s&&i._stacks[n.axis];s&&a&&(s.values=a,r=ki(s,o,this._cachedMeta.index)),e.min=Math.min(e.min,r),e.max=Math.max(e.max,r)}getMinMax(e,n){const i=this._cachedMeta,s=i._parsed,o=i._sorted&&e===i.iScale,r=s.length,a=this._getOtherScale(e),d=Zl(n,i,this.chart),l={min:Number.POSITIVE_INFINITY,max:Number.NEGATIVE_INFINITY},{min:u,max:h}=Kl(a);let p,f;function k(){f=s[p];const y=f[a.axis];return!pe(f[e.axis])||u>y||h<y}for(p=0;p<r&&!(!k()&&(this.updateRangeFromParsed(l,e,f,d),o));++p);if(o){for(p=r-1;p>=0;--p)if(!k()){this.updateRangeFromParsed(l,e,f,d);break}}return l}getAllParsedValues(e){const n=this._cachedMeta._parsed,i=[];let s,o,r;for(s=0,o=n.length;s<o;++s)r=n[s][e.axis],pe(r)&&i.push(r);return i}getMaxOverflow(){return!1}getLabelAndValue(e){const n=this._cachedMeta,i=n.iScale,s=n.vScale,o=this.getParsed(e);return{label:i?""+i.getLabelForValue(o[i.axis]):"",value:s?""+s.getLabelForValue(o[s.axis]):""}}_update(e){const n=this._cachedMeta;this.update(e||"default"),n._clip=Vl(G(this.options.clip,zl(n.xScale,n.yScale,this.getMaxOverflow())))}update(e){}draw(){const e=this._ctx,n=this.chart,i=this._cachedMeta,s=i.data||[],o=n.chartArea,r=[],a=this._drawStart||0,d=this._drawCount||s.length-a,l=this.options.drawActiveElementsOnTop;let u;for(i.dataset&&i.dataset.draw(e,o,a,d),u=a;u<a+d;++u){const h=s[u];h.hidden||(h.active&&l?r.push(h):h.draw(e,o))}for(u=0;u<r.length;++u)r[u].draw(e,o)}getStyle(e,n){const i=n?"active":"default";return e===void 0&&this._cachedMeta.dataset?this.resolveDatasetElementOptions(i):this.resolveDataElementOptions(e||0,i)}getContext(e,n,i){const s=this.getDataset();let o;if(e>=0&&e<this._cachedMeta.data.length){const r=this._cachedMeta.data[e];o=r.$context||(r.$context=Ql(this.getContext(),e,r)),o.parsed=this.getParsed(e),o.raw=s.data[e],o.index=o.dataIndex=e}else o=this.$context||(this.$context=Xl(this.chart.getContext(),this.index)),o.dataset=s,o.index=o.datasetIndex=this.index;return o.active=!!n,o.mode=i,o}resolveDatasetElementOptions(e){return this._resolveElementOptions(this.datasetElementType.id,e)}resolveDataElementOptions(e,n){return this._resolveElementOptions(this.dataElementType.id,n,e)}_resolveElementOptions(e,n="default",i){const s=n==="active",o=this._cachedDataOpts,r=e+"-"+n,a=o[r],d=this.enableOptionSharing&&It(i);if(a)return Si(a,d);const l=this.chart.config,u=l.datasetElementScopeKeys(this._type,e),h=s?[`${e}Hover`,"hover",e,""]:[e,""],p=l.getOptionScopes(this.getDataset(),u),f=Object.keys(te.elements[e]),k=()=>this.getContext(i,s,n),y=l.resolveNamedOptions(p,f,k,h);return y.$shared&&(y.$shared=d,o[r]=Object.freeze(Si(y,d))),y}_resolveAnimations(e,n,i){const s=this.chart,o=this._cachedDataOpts,r=`animation-${n}`,a=o[r];if(a)return a;let d;if(s.options.animation!==!1){const u=this.chart.config,h=u.datasetAnimationScopeKeys(this._type,n),p=u.getOptionScopes(this.getDataset(),h);d=u.createResolver(p,this.getContext(e,i,n))}const l=new fo(s,d&&d.animations);return d&&d._cacheable&&(o[r]=Object.freeze(l)),l}getSharedOptions(e){if(e.$shared)return this._sharedOptions||(this._sharedOptions=Object.assign({},e))}includeOptions(e,n){return!n||ln(e)||this.chart._animationsDisabled}_getSharedOptions(e,n){const i=this.resolveDataElementOptions(e,n),s=this._sharedOptions,o=this.getSharedOptions(i),r=this.includeOptions(n,o)||o!==s;return this.updateSharedOptions(o,n,i),{sharedOptions:o,includeOptions:r}}updateElement(e,n,i,s){ln(s)?Object.assign(e,i):this._resolveAnimations(n,s).update(e,i)}updateSharedOptions(e,n,i){e&&!ln(n)&&this._resolveAnimations(void 0,n).update(e,i)}_setStyle(e,n,i,s){e.active=s;const o=this.getStyle(n,s);this._resolveAnimations(n,i,s).update(e,{options:!s&&this.getSharedOptions(o)||o})}removeHoverStyle(e,n,i){this._setStyle(e,i,"active",!1)}setHoverStyle(e,n,i){this._setStyle(e,i,"active",!0)}_removeDatasetHoverStyle(){const e=this._cachedMeta.dataset;e&&this._setStyle(e,void 0,"active",!1)}_setDatasetHoverStyle(){const e=this._cachedMeta.dataset;e&&this._setStyle(e,void 0,"active",!0)}_resyncElements(e){const n=this._data,i=this._cachedMeta.data;for(const[a,d,l]of this._syncList)this[a](d,l);this._syncList=[];const s=i.length,o=n.length,r=Math.min(o,s);r&&this.parse(0,r),o>s?this._insertElements(s,o-s,e):o<s&&this._removeElements(o,s-o)}_insertElements(e,n,i=!0){const s=this._cachedMeta,o=s.data,r=e+n;let a;const d=l=>{for(l.length+=n,a=l.length-1;a>=r;a--)l[a]=l[a-n]};for(d(o),a=e;a<r;++a)o[a]=new this.dataElementType;this._parsing&&d(s._parsed),this.parse(e,n),i&&this.updateElements(o,e,n,"reset")}updateElements(e,n,i,s){}_removeElements(e,n){const i=this._cachedMeta;if(this._parsing){const s=i._parsed.splice(e,n);i._stacked&&rt(i,s)}i.data.splice(e,n)}_sync(e){if(this._parsing)this._syncList.push(e);else{const[n,i,s]=e;this[n](i,s)}this.chart._dataChanges.push([this.index,...e])}_onDataPush(){const e=arguments.length;this._sync(["_insertElements",this.getDataset().data.length-e,e])}_onDataPop(){this._sync(["_removeElements",this._cachedMeta.data.length-1,1])}_onDataShift(){this._sync(["_removeElements",0,1])}_onDataSplice(e,n){n&&this._sync(["_removeElements",e,n]);const i=arguments.length-2;i&&this._sync(["_insertElements",e,i])}_onDataUnshift(){this._sync(["_insertElements",0,arguments.length])}}z(bt,"defaults",{}),z(bt,"datasetElementType",null),z(bt,"dataElementType",null);function Jl(t,e){if(!t._cache.$bar){const n=t.getMatchingVisibleMetas(e);let i=[];for(let s=0,o=n.length;s<o;s++)i=i.concat(n[s].controller.getAllParsedValues(t));t._cache.$bar=Xs(i.sort((s,o)=>s-o))}return t._cache.$bar}function eu(t){const e=t.iScale,n=Jl(e,t.type);let i=e._length,s,o,r,a;const d=()=>{r===32767||r===-32768||(It(a)&&(i=Math.min(i,Math.abs(r-a)||i)),a=r)};for(s=0,o=n.length;s<o;++s)r=e.getPixelForValue(n[s]),d();for(a=void 0,s=0,o=e.ticks.length;s<o;++s)r=e.getPixelForTick(s),d();return i}function tu(t,e,n,i){const s=n.barThickness;let o,r;return Q(s)?(o=e.min*n.categoryPercentage,r=n.barPercentage):(o=s*i,r=1),{chunk:o/i,ratio:r,start:e.pixels[t]-o/2}}function nu(t,e,n,i){const s=e.pixels,o=s[t];let r=t>0?s[t-1]:null,a=t<s.length-1?s[t+1]:null;const d=n.categoryPercentage;r===null&&(r=o-(a===null?e.end-e.start:a-o)),a===null&&(a=o+o-r);const l=o-(o-Math.min(r,a))/2*d;return{chunk:Math.abs(a-r)/2*d/i,ratio:n.barPercentage,start:l}}function iu(t,e,n,i){const s=n.parse(t[0],i),o=n.parse(t[1],i),r=Math.min(s,o),a=Math.max(s,o);let d=r,l=a;Math.abs(r)>Math.abs(a)&&(d=a,l=r),e[n.axis]=l,e._custom={barStart:d,barEnd:l,start:s,end:o,min:r,max:a}}function go(t,e,n,i){return oe(t)?iu(t,e,n,i):e[n.axis]=n.parse(t,i),e}function $i(t,e,n,i){const s=t.iScale,o=t.vScale,r=s.getLabels(),a=s===o,d=[];let l,u,h,p;for(l=n,u=n+i;l<u;++l)p=e[l],h={},h[s.axis]=a||s.parse(r[l],l),d.push(go(p,h,o,l));return d}function un(t){return t&&t.barStart!==void 0&&t.barEnd!==void 0}function su(t,e,n){return t!==0?Oe(t):(e.isHorizontal()?1:-1)*(e.min>=n?1:-1)}function ou(t){let e,n,i,s,o;return t.horizontal?(e=t.base>t.x,n="left",i="right"):(e=t.base<t.y,n="bottom",i="top"),e?(s="end",o="start"):(s="start",o="end"),{start:n,end:i,reverse:e,top:s,bottom:o}}function ru(t,e,n,i){let s=e.borderSkipped;const o={};if(!s){t.borderSkipped=o;return}if(s===!0){t.borderSkipped={top:!0,right:!0,bottom:!0,left:!0};return}const{start:r,end:a,reverse:d,top:l,bottom:u}=ou(t);s==="middle"&&n&&(t.enableBorderRadius=!0,(n._top||0)===i?s=l:(n._bottom||0)===i?s=u:(o[Di(u,r,a,d)]=!0,s=l)),o[Di(s,r,a,d)]=!0,t.borderSkipped=o}function Di(t,e,n,i){return i?(t=au(t,e,n),t=Ri(t,n,e)):t=Ri(t,e,n),t}function au(t,e,n){return t===e?n:t===n?e:t}function Ri(t,e,n){return t==="start"?e:t==="end"?n:t}function cu(t,{inflateAmount:e},n){t.inflateAmount=e==="auto"?n===1?.33:0:e}class Ft extends bt{parsePrimitiveData(e,n,i,s){return $i(e,n,i,s)}parseArrayData(e,n,i,s){return $i(e,n,i,s)}parseObjectData(e,n,i,s){const{iScale:o,vScale:r}=e,{xAxisKey:a="x",yAxisKey:d="y"}=this._parsing,l=o.axis==="x"?a:d,u=r.axis==="x"?a:d,h=[];let p,f,k,y;for(p=i,f=i+s;p<f;++p)y=n[p],k={},k[o.axis]=o.parse(nt(y,l),p),h.push(go(nt(y,u),k,r,p));return h}updateRangeFromParsed(e,n,i,s){super.updateRangeFromParsed(e,n,i,s);const o=i._custom;o&&n===this._cachedMeta.vScale&&(e.min=Math.min(e.min,o.min),e.max=Math.max(e.max,o.max))}getMaxOverflow(){return 0}getLabelAndValue(e){const n=this._cachedMeta,{iScale:i,vScale:s}=n,o=this.getParsed(e),r=o._custom,a=un(r)?"["+r.start+", "+r.end+"]":""+s.getLabelForValue(o[s.axis]);return{label:""+i.getLabelForValue(o[i.axis]),value:a}}initialize(){this.enableOptionSharing=!0,super.initialize();const e=this._cachedMeta;e.stack=this.getDataset().stack}update(e){const n=this._cachedMeta;this.updateElements(n.data,0,n.data.length,e)}updateElements(e,n,i,s){const o=s==="reset",{index:r,_cachedMeta:{vScale:a}}=this,d=a.getBasePixel(),l=a.isHorizontal(),u=this._getRuler(),{sharedOptions:h,includeOptions:p}=this._getSharedOptions(n,s);for(let f=n;f<n+i;f++){const k=this.getParsed(f),y=o||Q(k[a.axis])?{base:d,head:d}:this._calculateBarValuePixels(f),g=this._calculateBarIndexPixels(f,u),v=(k._stacks||{})[a.axis],S={horizontal:l,base:y.base,enableBorderRadius:!v||un(k._custom)||r===v._top||r===v._bottom,x:l?y.head:g.center,y:l?g.center:y.head,height:l?g.size:Math.abs(y.size),width:l?Math.abs(y.size):g.size};p&&(S.options=h||this.resolveDataElementOptions(f,e[f].active?"active":s));const R=S.options||e[f].options;ru(S,R,v,r),cu(S,R,u.ratio),this.updateElement(e[f],f,S,s)}}_getStacks(e,n){const{iScale:i}=this._cachedMeta,s=i.getMatchingVisibleMetas(this._type).filter(u=>u.controller.options.grouped),o=i.options.stacked,r=[],a=this._cachedMeta.controller.getParsed(n),d=a&&a[i.axis],l=u=>{const h=u._parsed.find(f=>f[i.axis]===d),p=h&&h[u.vScale.axis];if(Q(p)||isNaN(p))return!0};for(const u of s)if(!(n!==void 0&&l(u))&&((o===!1||r.indexOf(u.stack)===-1||o===void 0&&u.stack===void 0)&&r.push(u.stack),u.index===e))break;return r.length||r.push(void 0),r}_getStackCount(e){return this._getStacks(void 0,e).length}_getAxisCount(){return this._getAxis().length}getFirstScaleIdForIndexAxis(){const e=this.chart.scales,n=this.chart.options.indexAxis;return Object.keys(e).filter(i=>e[i].axis===n).shift()}_getAxis(){const e={},n=this.getFirstScaleIdForIndexAxis();for(const i of this.chart.data.datasets)e[G(this.chart.options.indexAxis==="x"?i.xAxisID:i.yAxisID,n)]=!0;return Object.keys(e)}_getStackIndex(e,n,i){const s=this._getStacks(e,i),o=n!==void 0?s.indexOf(n):-1;return o===-1?s.length-1:o}_getRuler(){const e=this.options,n=this._cachedMeta,i=n.iScale,s=[];let o,r;for(o=0,r=n.data.length;o<r;++o)s.push(i.getPixelForValue(this.getParsed(o)[i.axis],o));const a=e.barThickness;return{min:a||eu(n),pixels:s,start:i._startPixel,end:i._endPixel,stackCount:this._getStackCount(),scale:i,grouped:e.grouped,ratio:a?1:e.categoryPercentage*e.barPercentage}}_calculateBarValuePixels(e){const{_cachedMeta:{vScale:n,_stacked:i,index:s},options:{base:o,minBarLength:r}}=this,a=o||0,d=this.getParsed(e),l=d._custom,u=un(l);let h=d[n.axis],p=0,f=i?this.applyStack(n,d,i):h,k,y;f!==h&&(p=f-h,f=h),u&&(h=l.barStart,f=l.barEnd-l.barStart,h!==0&&Oe(h)!==Oe(l.barEnd)&&(p=0),p+=h);const g=!Q(o)&&!u?o:p;let v=n.getPixelForValue(g);if(this.chart.getDataVisibility(e)?k=n.getPixelForValue(p+f):k=v,y=k-v,Math.abs(y)<r){y=su(y,n,a)*r,h===a&&(v-=y/2);const S=n.getPixelForDecimal(0),R=n.getPixelForDecimal(1),m=Math.min(S,R),x=Math.max(S,R);v=Math.max(Math.min(v,x),m),k=v+y,i&&!u&&(d._stacks[n.axis]._visualValues[s]=n.getValueForPixel(k)-n.getValueForPixel(v))}if(v===n.getPixelForValue(a)){const S=Oe(y)*n.getLineWidthForValue(a)/2;v+=S,y-=S}return{size:y,base:v,head:k,center:k+y/2}}_calculateBarIndexPixels(e,n){const i=n.scale,s=this.options,o=s.skipNull,r=G(s.maxBarThickness,1/0);let a,d;const l=this._getAxisCount();if(n.grouped){const u=o?this._getStackCount(e):n.stackCount,h=s.barThickness==="flex"?nu(e,n,s,u*l):tu(e,n,s,u*l),p=this.chart.options.indexAxis==="x"?this.getDataset().xAxisID:this.getDataset().yAxisID,f=this._getAxis().indexOf(G(p,this.getFirstScaleIdForIndexAxis())),k=this._getStackIndex(this.index,this._cachedMeta.stack,o?e:void 0)+f;a=h.start+h.chunk*k+h.chunk/2,d=Math.min(r,h.chunk*h.ratio)}else a=i.getPixelForValue(this.getParsed(e)[i.axis],e),d=Math.min(r,n.min*n.ratio);return{base:a-d/2,head:a+d/2,center:a,size:d}}draw(){const e=this._cachedMeta,n=e.vScale,i=e.data,s=i.length;let o=0;for(;o<s;++o)this.getParsed(o)[n.axis]!==null&&!i[o].hidden&&i[o].draw(this._ctx)}}z(Ft,"id","bar"),z(Ft,"defaults",{datasetElementType:!1,dataElementType:"bar",categoryPercentage:.8,barPercentage:.9,grouped:!0,animations:{numbers:{type:"number",properties:["x","y","base","width","height"]}}}),z(Ft,"overrides",{scales:{_index_:{type:"category",offset:!0,grid:{offset:!0}},_value_:{type:"linear",beginAtZero:!0}}});function He(){throw new Error("This method is not implemented: Check that a complete date adapter is provided.")}class Kn{constructor(e){z(this,"options");this.options=e||{}}static override(e){Object.assign(Kn.prototype,e)}init(){}formats(){return He()}parse(){return He()}format(){return He()}add(){return He()}diff(){return He()}startOf(){return He()}endOf(){return He()}}var du={_date:Kn};function lu(t,e,n,i){const{controller:s,data:o,_sorted:r}=t,a=s._cachedMeta.iScale,d=t.dataset&&t.dataset.options?t.dataset.options.spanGaps:null;if(a&&e===a.axis&&e!=="r"&&r&&o.length){const l=a._reversePixels?Xd:Sn;if(i){if(s._sharedOptions){const u=o[0],h=typeof u.getRange=="function"&&u.getRange(e);if(h){const p=l(o,e,n-h),f=l(o,e,n+h);return{lo:p.lo,hi:f.hi}}}}else{const u=l(o,e,n);if(d){const{vScale:h}=s._cachedMeta,{_parsed:p}=t,f=p.slice(0,u.lo+1).reverse().findIndex(y=>!Q(y[h.axis]));u.lo-=Math.max(0,f);const k=p.slice(u.hi).findIndex(y=>!Q(y[h.axis]));u.hi+=Math.max(0,k)}return u}}return{lo:0,hi:o.length-1}}function tn(t,e,n,i,s){const o=t.getSortedVisibleDatasetMetas(),r=n[e];for(let a=0,d=o.length;a<d;++a){const{index:l,data:u}=o[a],{lo:h,hi:p}=lu(o[a],e,r,s);for(let f=h;f<=p;++f){const k=u[f];k.skip||i(k,l,f)}}}function uu(t){const e=t.indexOf("x")!==-1,n=t.indexOf("y")!==-1;return function(i,s){const o=e?Math.abs(i.x-s.x):0,r=n?Math.abs(i.y-s.y):0;return Math.sqrt(Math.pow(o,2)+Math.pow(r,2))}}function hn(t,e,n,i,s){const o=[];return!s&&!t.isPointInArea(e)||tn(t,n,e,function(a,d,l){!s&&!so(a,t.chartArea,0)||a.inRange(e.x,e.y,i)&&o.push({element:a,datasetIndex:d,index:l})},!0),o}function hu(t,e,n,i){let s=[];function o(r,a,d){const{startAngle:l,endAngle:u}=r.getProps(["startAngle","endAngle"],i),{angle:h}=Wd(r,{x:e.x,y:e.y});Kd(h,l,u)&&s.push({element:r,datasetIndex:a,index:d})}return tn(t,n,e,o),s}function pu(t,e,n,i,s,o){let r=[];const a=uu(n);let d=Number.POSITIVE_INFINITY;function l(u,h,p){const f=u.inRange(e.x,e.y,s);if(i&&!f)return;const k=u.getCenterPoint(s);if(!(!!o||t.isPointInArea(k))&&!f)return;const g=a(e,k);g<d?(r=[{element:u,datasetIndex:h,index:p}],d=g):g===d&&r.push({element:u,datasetIndex:h,index:p})}return tn(t,n,e,l),r}function pn(t,e,n,i,s,o){return!o&&!t.isPointInArea(e)?[]:n==="r"&&!i?hu(t,e,n,s):pu(t,e,n,i,s,o)}function wi(t,e,n,i,s){const o=[],r=n==="x"?"inXRange":"inYRange";let a=!1;return tn(t,n,e,(d,l,u)=>{d[r]&&d[r](e[n],s)&&(o.push({element:d,datasetIndex:l,index:u}),a=a||d.inRange(e.x,e.y,s))}),i&&!a?[]:o}var fu={modes:{index(t,e,n,i){const s=Ve(e,t),o=n.axis||"x",r=n.includeInvisible||!1,a=n.intersect?hn(t,s,o,i,r):pn(t,s,o,!1,i,r),d=[];return a.length?(t.getSortedVisibleDatasetMetas().forEach(l=>{const u=a[0].index,h=l.data[u];h&&!h.skip&&d.push({element:h,datasetIndex:l.index,index:u})}),d):[]},dataset(t,e,n,i){const s=Ve(e,t),o=n.axis||"xy",r=n.includeInvisible||!1;let a=n.intersect?hn(t,s,o,i,r):pn(t,s,o,!1,i,r);if(a.length>0){const d=a[0].datasetIndex,l=t.getDatasetMeta(d).data;a=[];for(let u=0;u<l.length;++u)a.push({element:l[u],datasetIndex:d,index:u})}return a},point(t,e,n,i){const s=Ve(e,t),o=n.axis||"xy",r=n.includeInvisible||!1;return hn(t,s,o,i,r)},nearest(t,e,n,i){const s=Ve(e,t),o=n.axis||"xy",r=n.includeInvisible||!1;return pn(t,s,o,n.intersect,i,r)},x(t,e,n,i){const s=Ve(e,t);return wi(t,s,"x",n.intersect,i)},y(t,e,n,i){const s=Ve(e,t);return wi(t,s,"y",n.intersect,i)}}};const bo=["left","top","right","bottom"];function at(t,e){return t.filter(n=>n.pos===e)}function _i(t,e){return t.filter(n=>bo.indexOf(n.pos)===-1&&n.box.axis===e)}function ct(t,e){return t.sort((n,i)=>{const s=e?i:n,o=e?n:i;return s.weight===o.weight?s.index-o.index:s.weight-o.weight})}function mu(t){const e=[];let n,i,s,o,r,a;for(n=0,i=(t||[]).length;n<i;++n)s=t[n],{position:o,options:{stack:r,stackWeight:a=1}}=s,e.push({index:n,box:s,pos:o,horizontal:s.isHorizontal(),weight:s.weight,stack:r&&o+r,stackWeight:a});return e}function gu(t){const e={};for(const n of t){const{stack:i,pos:s,stackWeight:o}=n;if(!i||!bo.includes(s))continue;const r=e[i]||(e[i]={count:0,placed:0,weight:0,size:0});r.count++,r.weight+=o}return e}function bu(t,e){const n=gu(t),{vBoxMaxWidth:i,hBoxMaxHeight:s}=e;let o,r,a;for(o=0,r=t.length;o<r;++o){a=t[o];const{fullSize:d}=a.box,l=n[a.stack],u=l&&a.stackWeight/l.weight;a.horizontal?(a.width=u?u*i:d&&e.availableWidth,a.height=s):(a.width=i,a.height=u?u*s:d&&e.availableHeight)}return n}function xu(t){const e=mu(t),n=ct(e.filter(l=>l.box.fullSize),!0),i=ct(at(e,"left"),!0),s=ct(at(e,"right")),o=ct(at(e,"top"),!0),r=ct(at(e,"bottom")),a=_i(e,"x"),d=_i(e,"y");return{fullSize:n,leftAndTop:i.concat(o),rightAndBottom:s.concat(d).concat(r).concat(a),chartArea:at(e,"chartArea"),vertical:i.concat(s).concat(d),horizontal:o.concat(r).concat(a)}}function Ai(t,e,n,i){return Math.max(t[n],e[n])+Math.max(t[i],e[i])}function xo(t,e){t.top=Math.max(t.top,e.top),t.left=Math.max(t.left,e.left),t.bottom=Math.max(t.bottom,e.bottom),t.right=Math.max(t.right,e.right)}function yu(t,e,n,i){const{pos:s,box:o}=n,r=t.maxPadding;if(!W(s)){n.size&&(t[s]-=n.size);const h=i[n.stack]||{size:0,count:1};h.size=Math.max(h.size,n.horizontal?o.height:o.width),n.size=h.size/h.count,t[s]+=n.size}o.getPadding&&xo(r,o.getPadding());const a=Math.max(0,e.outerWidth-Ai(r,t,"left","right")),d=Math.max(0,e.outerHeight-Ai(r,t,"top","bottom")),l=a!==t.w,u=d!==t.h;return t.w=a,t.h=d,n.horizontal?{same:l,other:u}:{same:u,other:l}}function ku(t){const e=t.maxPadding;function n(i){const s=Math.max(e[i]-t[i],0);return t[i]+=s,s}t.y+=n("top"),t.x+=n("left"),n("right"),n("bottom")}function Iu(t,e){const n=e.maxPadding;function i(s){const o={left:0,top:0,right:0,bottom:0};return s.forEach(r=>{o[r]=Math.max(e[r],n[r])}),o}return i(t?["left","right"]:["top","bottom"])}function ht(t,e,n,i){const s=[];let o,r,a,d,l,u;for(o=0,r=t.length,l=0;o<r;++o){a=t[o],d=a.box,d.update(a.width||e.w,a.height||e.h,Iu(a.horizontal,e));const{same:h,other:p}=yu(e,n,a,i);l|=h&&s.length,u=u||p,d.fullSize||s.push(a)}return l&&ht(s,e,n,i)||u}function Ut(t,e,n,i,s){t.top=n,t.left=e,t.right=e+i,t.bottom=n+s,t.width=i,t.height=s}function Ci(t,e,n,i){const s=n.padding;let{x:o,y:r}=e;for(const a of t){const d=a.box,l=i[a.stack]||{placed:0,weight:1},u=a.stackWeight/l.weight||1;if(a.horizontal){const h=e.w*u,p=l.size||d.height;It(l.start)&&(r=l.start),d.fullSize?Ut(d,s.left,r,n.outerWidth-s.right-s.left,p):Ut(d,e.left+l.placed,r,h,p),l.start=r,l.placed+=h,r=d.bottom}else{const h=e.h*u,p=l.size||d.width;It(l.start)&&(o=l.start),d.fullSize?Ut(d,o,s.top,p,n.outerHeight-s.bottom-s.top):Ut(d,o,e.top+l.placed,p,h),l.start=o,l.placed+=h,o=d.right}}e.x=o,e.y=r}var Ue={addBox(t,e){t.boxes||(t.boxes=[]),e.fullSize=e.fullSize||!1,e.position=e.position||"top",e.weight=e.weight||0,e._layers=e._layers||function(){return[{z:0,draw(n){e.draw(n)}}]},t.boxes.push(e)},removeBox(t,e){const n=t.boxes?t.boxes.indexOf(e):-1;n!==-1&&t.boxes.splice(n,1)},configure(t,e,n){e.fullSize=n.fullSize,e.position=n.position,e.weight=n.weight},update(t,e,n,i){if(!t)return;const s=ge(t.options.layout.padding),o=Math.max(e-s.width,0),r=Math.max(n-s.height,0),a=xu(t.boxes),d=a.vertical,l=a.horizontal;K(t.boxes,y=>{typeof y.beforeLayout=="function"&&y.beforeLayout()});const u=d.reduce((y,g)=>g.box.options&&g.box.options.display===!1?y:y+1,0)||1,h=Object.freeze({outerWidth:e,outerHeight:n,padding:s,availableWidth:o,availableHeight:r,vBoxMaxWidth:o/2/u,hBoxMaxHeight:r/2}),p=Object.assign({},s);xo(p,ge(i));const f=Object.assign({maxPadding:p,w:o,h:r,x:s.left,y:s.top},s),k=bu(d.concat(l),h);ht(a.fullSize,f,h,k),ht(d,f,h,k),ht(l,f,h,k)&&ht(d,f,h,k),ku(f),Ci(a.leftAndTop,f,h,k),f.x+=f.w,f.y+=f.h,Ci(a.rightAndBottom,f,h,k),t.chartArea={left:f.left,top:f.top,right:f.left+f.w,bottom:f.top+f.h,height:f.h,width:f.w},K(a.chartArea,y=>{const g=y.box;Object.assign(g,t.chartArea),g.update(f.w,f.h,{left:0,top:0,right:0,bottom:0})})}};class yo{acquireContext(e,n){}releaseContext(e){return!1}addEventListener(e,n,i){}removeEventListener(e,n,i){}getDevicePixelRatio(){return 1}getMaximumSize(e,n,i,s){return n=Math.max(0,n||e.width),i=i||e.height,{width:n,height:Math.max(0,s?Math.floor(n/s):i)}}isAttached(e){return!0}updateConfig(e){}}class vu extends yo{acquireContext(e){return e&&e.getContext&&e.getContext("2d")||null}updateConfig(e){e.options.animation=!1}}const Lt="$chartjs",Su={touchstart:"mousedown",touchmove:"mousemove",touchend:"mouseup",pointerenter:"mouseenter",pointerdown:"mousedown",pointermove:"mousemove",pointerup:"mouseup",pointerleave:"mouseout",pointerout:"mouseout"},ji=t=>t===null||t==="";function $u(t,e){const n=t.style,i=t.getAttribute("height"),s=t.getAttribute("width");if(t[Lt]={initial:{height:i,width:s,style:{display:n.display,height:n.height,width:n.width}}},n.display=n.display||"block",n.boxSizing=n.boxSizing||"border-box",ji(s)){const o=bi(t,"width");o!==void 0&&(t.width=o)}if(ji(i))if(t.style.height==="")t.height=t.width/(e||2);else{const o=bi(t,"height");o!==void 0&&(t.height=o)}return t}const ko=Pl?{passive:!0}:!1;function Du(t,e,n){t&&t.addEventListener(e,n,ko)}function Ru(t,e,n){t&&t.canvas&&t.canvas.removeEventListener(e,n,ko)}function wu(t,e){const n=Su[t.type]||t.type,{x:i,y:s}=Ve(t,e);return{type:n,chart:e,native:t,x:i!==void 0?i:null,y:s!==void 0?s:null}}function Qt(t,e){for(const n of t)if(n===e||n.contains(e))return!0}function _u(t,e,n){const i=t.canvas,s=new MutationObserver(o=>{let r=!1;for(const a of o)r=r||Qt(a.addedNodes,i),r=r&&!Qt(a.removedNodes,i);r&&n()});return s.observe(document,{childList:!0,subtree:!0}),s}function Au(t,e,n){const i=t.canvas,s=new MutationObserver(o=>{let r=!1;for(const a of o)r=r||Qt(a.removedNodes,i),r=r&&!Qt(a.addedNodes,i);r&&n()});return s.observe(document,{childList:!0,subtree:!0}),s}const vt=new Map;let Ui=0;function Io(){const t=window.devicePixelRatio;t!==Ui&&(Ui=t,vt.forEach((e,n)=>{n.currentDevicePixelRatio!==t&&e()}))}function Cu(t,e){vt.size||window.addEventListener("resize",Io),vt.set(t,e)}function ju(t){vt.delete(t),vt.size||window.removeEventListener("resize",Io)}function Uu(t,e,n){const i=t.canvas,s=i&&Gn(i);if(!s)return;const o=Zs((a,d)=>{const l=s.clientWidth;n(a,d),l<s.clientWidth&&n()},window),r=new ResizeObserver(a=>{const d=a[0],l=d.contentRect.width,u=d.contentRect.height;l===0&&u===0||o(l,u)});return r.observe(s),Cu(t,o),r}function fn(t,e,n){n&&n.disconnect(),e==="resize"&&ju(t)}function Tu(t,e,n){const i=t.canvas,s=Zs(o=>{t.ctx!==null&&n(wu(o,t))},t);return Du(i,e,s),s}class Pu extends yo{acquireContext(e,n){const i=e&&e.getContext&&e.getContext("2d");return i&&i.canvas===e?($u(e,n),i):null}releaseContext(e){const n=e.canvas;if(!n[Lt])return!1;const i=n[Lt].initial;["height","width"].forEach(o=>{const r=i[o];Q(r)?n.removeAttribute(o):n.setAttribute(o,r)});const s=i.style||{};return Object.keys(s).forEach(o=>{n.style[o]=s[o]}),n.width=n.width,delete n[Lt],!0}addEventListener(e,n,i){this.removeEventListener(e,n);const s=e.$proxies||(e.$proxies={}),r={attach:_u,detach:Au,resize:Uu}[n]||Tu;s[n]=r(e,n,i)}removeEventListener(e,n){const i=e.$proxies||(e.$proxies={}),s=i[n];if(!s)return;({attach:fn,detach:fn,resize:fn}[n]||Ru)(e,n,s),i[n]=void 0}getDevicePixelRatio(){return window.devicePixelRatio}getMaximumSize(e,n,i,s){return Tl(e,n,i,s)}isAttached(e){const n=e&&Gn(e);return!!(n&&n.isConnected)}}function Eu(t){return!Wn()||typeof OffscreenCanvas<"u"&&t instanceof OffscreenCanvas?vu:Pu}class Xe{constructor(){z(this,"x");z(this,"y");z(this,"active",!1);z(this,"options");z(this,"$animations")}tooltipPosition(e){const{x:n,y:i}=this.getProps(["x","y"],e);return{x:n,y:i}}hasValue(){return Gt(this.x)&&Gt(this.y)}getProps(e,n){const i=this.$animations;if(!n||!i)return this;const s={};return e.forEach(o=>{s[o]=i[o]&&i[o].active()?i[o]._to:this[o]}),s}}z(Xe,"defaults",{}),z(Xe,"defaultRoutes");function Mu(t,e){const n=t.options.ticks,i=Ou(t),s=Math.min(n.maxTicksLimit||i,i),o=n.major.enabled?Fu(e):[],r=o.length,a=o[0],d=o[r-1],l=[];if(r>s)return Lu(e,l,o,r/s),l;const u=Nu(o,e,s);if(r>0){let h,p;const f=r>1?Math.round((d-a)/(r-1)):null;for(Tt(e,l,u,Q(f)?0:a-f,a),h=0,p=r-1;h<p;h++)Tt(e,l,u,o[h],o[h+1]);return Tt(e,l,u,d,Q(f)?e.length:d+f),l}return Tt(e,l,u),l}function Ou(t){const e=t.options.offset,n=t._tickSize(),i=t._length/n+(e?0:1),s=t._maxLength/n;return Math.floor(Math.min(i,s))}function Nu(t,e,n){const i=qu(t),s=e.length/n;if(!i)return Math.max(s,1);const o=qd(i);for(let r=0,a=o.length-1;r<a;r++){const d=o[r];if(d>s)return d}return Math.max(s,1)}function Fu(t){const e=[];let n,i;for(n=0,i=t.length;n<i;n++)t[n].major&&e.push(n);return e}function Lu(t,e,n,i){let s=0,o=n[0],r;for(i=Math.ceil(i),r=0;r<t.length;r++)r===o&&(e.push(t[r]),s++,o=n[s*i])}function Tt(t,e,n,i,s){const o=G(i,0),r=Math.min(G(s,t.length),t.length);let a=0,d,l,u;for(n=Math.ceil(n),s&&(d=s-i,n=d/Math.floor(d/n)),u=o;u<0;)a++,u=Math.round(o+a*n);for(l=Math.max(o,0);l<r;l++)l===u&&(e.push(t[l]),a++,u=Math.round(o+a*n))}function qu(t){const e=t.length;let n,i;if(e<2)return!1;for(i=t[0],n=1;n<e;++n)if(t[n]-t[n-1]!==i)return!1;return i}const Bu=t=>t==="left"?"right":t==="right"?"left":t,Ti=(t,e,n)=>e==="top"||e==="left"?t[e]+n:t[e]-n,Pi=(t,e)=>Math.min(e||t,t);function Ei(t,e){const n=[],i=t.length/e,s=t.length;let o=0;for(;o<s;o+=i)n.push(t[Math.floor(o)]);return n}function Hu(t,e,n){const i=t.ticks.length,s=Math.min(e,i-1),o=t._startPixel,r=t._endPixel,a=1e-6;let d=t.getPixelForTick(s),l;if(!(n&&(i===1?l=Math.max(d-o,r-d):e===0?l=(t.getPixelForTick(1)-d)/2:l=(d-t.getPixelForTick(s-1))/2,d+=s<e?l:-l,d<o-a||d>r+a)))return d}function zu(t,e){K(t,n=>{const i=n.gc,s=i.length/2;let o;if(s>e){for(o=0;o<s;++o)delete n.data[i[o]];i.splice(0,s)}})}function dt(t){return t.drawTicks?t.tickLength:0}function Mi(t,e){if(!t.display)return 0;const n=ce(t.font,e),i=ge(t.padding);return(oe(t.text)?t.text.length:1)*n.lineHeight+i.height}function Vu(t,e){return st(t,{scale:e,type:"scale"})}function Wu(t,e,n){return st(t,{tick:n,index:e,type:"tick"})}function Gu(t,e,n){let i=Js(t);return(n&&e!=="right"||!n&&e==="right")&&(i=Bu(i)),i}function Ku(t,e,n,i){const{top:s,left:o,bottom:r,right:a,chart:d}=t,{chartArea:l,scales:u}=d;let h=0,p,f,k;const y=r-s,g=a-o;if(t.isHorizontal()){if(f=le(i,o,a),W(n)){const v=Object.keys(n)[0],S=n[v];k=u[v].getPixelForValue(S)+y-e}else n==="center"?k=(l.bottom+l.top)/2+y-e:k=Ti(t,n,e);p=a-o}else{if(W(n)){const v=Object.keys(n)[0],S=n[v];f=u[v].getPixelForValue(S)-g+e}else n==="center"?f=(l.left+l.right)/2-g+e:f=Ti(t,n,e);k=le(i,r,s),h=n==="left"?-fe:fe}return{titleX:f,titleY:k,maxWidth:p,rotation:h}}class ot extends Xe{constructor(e){super(),this.id=e.id,this.type=e.type,this.options=void 0,this.ctx=e.ctx,this.chart=e.chart,this.top=void 0,this.bottom=void 0,this.left=void 0,this.right=void 0,this.width=void 0,this.height=void 0,this._margins={left:0,right:0,top:0,bottom:0},this.maxWidth=void 0,this.maxHeight=void 0,this.paddingTop=void 0,this.paddingBottom=void 0,this.paddingLeft=void 0,this.paddingRight=void 0,this.axis=void 0,this.labelRotation=void 0,this.min=void 0,this.max=void 0,this._range=void 0,this.ticks=[],this._gridLineItems=null,this._labelItems=null,this._labelSizes=null,this._length=0,this._maxLength=0,this._longestTextCache={},this._startPixel=void 0,this._endPixel=void 0,this._reversePixels=!1,this._userMax=void 0,this._userMin=void 0,this._suggestedMax=void 0,this._suggestedMin=void 0,this._ticksLength=0,this._borderValue=0,this._cache={},this._dataLimitsCached=!1,this.$context=void 0}init(e){this.options=e.setContext(this.getContext()),this.axis=e.axis,this._userMin=this.parse(e.min),this._userMax=this.parse(e.max),this._suggestedMin=this.parse(e.suggestedMin),this._suggestedMax=this.parse(e.suggestedMax)}parse(e,n){return e}getUserBounds(){let{_userMin:e,_userMax:n,_suggestedMin:i,_suggestedMax:s}=this;return e=be(e,Number.POSITIVE_INFINITY),n=be(n,Number.NEGATIVE_INFINITY),i=be(i,Number.POSITIVE_INFINITY),s=be(s,Number.NEGATIVE_INFINITY),{min:be(e,i),max:be(n,s),minDefined:pe(e),maxDefined:pe(n)}}getMinMax(e){let{min:n,max:i,minDefined:s,maxDefined:o}=this.getUserBounds(),r;if(s&&o)return{min:n,max:i};const a=this.getMatchingVisibleMetas();for(let d=0,l=a.length;d<l;++d)r=a[d].controller.getMinMax(this,e),s||(n=Math.min(n,r.min)),o||(i=Math.max(i,r.max));return n=o&&n>i?i:n,i=s&&n>i?n:i,{min:be(n,be(i,n)),max:be(i,be(n,i))}}getPadding(){return{left:this.paddingLeft||0,top:this.paddingTop||0,right:this.paddingRight||0,bottom:this.paddingBottom||0}}getTicks(){return this.ticks}getLabels(){const e=this.chart.data;return this.options.labels||(this.isHorizontal()?e.xLabels:e.yLabels)||e.labels||[]}getLabelItems(e=this.chart.chartArea){return this._labelItems||(this._labelItems=this._computeLabelItems(e))}beforeLayout(){this._cache={},this._dataLimitsCached=!1}beforeUpdate(){J(this.options.beforeUpdate,[this])}update(e,n,i){const{beginAtZero:s,grace:o,ticks:r}=this.options,a=r.sampleSize;this.beforeUpdate(),this.maxWidth=e,this.maxHeight=n,this._margins=i=Object.assign({left:0,right:0,top:0,bottom:0},i),this.ticks=null,this._labelSizes=null,this._gridLineItems=null,this._labelItems=null,this.beforeSetDimensions(),this.setDimensions(),this.afterSetDimensions(),this._maxLength=this.isHorizontal()?this.width+i.left+i.right:this.height+i.top+i.bottom,this._dataLimitsCached||(this.beforeDataLimits(),this.determineDataLimits(),this.afterDataLimits(),this._range=xl(this,o,s),this._dataLimitsCached=!0),this.beforeBuildTicks(),this.ticks=this.buildTicks()||[],this.afterBuildTicks();const d=a<this.ticks.length;this._convertTicksToLabels(d?Ei(this.ticks,a):this.ticks),this.configure(),this.beforeCalculateLabelRotation(),this.calculateLabelRotation(),this.afterCalculateLabelRotation(),r.display&&(r.autoSkip||r.source==="auto")&&(this.ticks=Mu(this,this.ticks),this._labelSizes=null,this.afterAutoSkip()),d&&this._convertTicksToLabels(this.ticks),this.beforeFit(),this.fit(),this.afterFit(),this.afterUpdate()}configure(){let e=this.options.reverse,n,i;this.isHorizontal()?(n=this.left,i=this.right):(n=this.top,i=this.bottom,e=!e),this._startPixel=n,this._endPixel=i,this._reversePixels=e,this._length=i-n,this._alignToPixels=this.options.alignToPixels}afterUpdate(){J(this.options.afterUpdate,[this])}beforeSetDimensions(){J(this.options.beforeSetDimensions,[this])}setDimensions(){this.isHorizontal()?(this.width=this.maxWidth,this.left=0,this.right=this.width):(this.height=this.maxHeight,this.top=0,this.bottom=this.height),this.paddingLeft=0,this.paddingTop=0,this.paddingRight=0,this.paddingBottom=0}afterSetDimensions(){J(this.options.afterSetDimensions,[this])}_callHooks(e){this.chart.notifyPlugins(e,this.getContext()),J(this.options[e],[this])}beforeDataLimits(){this._callHooks("beforeDataLimits")}determineDataLimits(){}afterDataLimits(){this._callHooks("afterDataLimits")}beforeBuildTicks(){this._callHooks("beforeBuildTicks")}buildTicks(){return[]}afterBuildTicks(){this._callHooks("afterBuildTicks")}beforeTickToLabelConversion(){J(this.options.beforeTickToLabelConversion,[this])}generateTickLabels(e){const n=this.options.ticks;let i,s,o;for(i=0,s=e.length;i<s;i++)o=e[i],o.label=J(n.callback,[o.value,i,e],this)}afterTickToLabelConversion(){J(this.options.afterTickToLabelConversion,[this])}beforeCalculateLabelRotation(){J(this.options.beforeCalculateLabelRotation,[this])}calculateLabelRotation(){const e=this.options,n=e.ticks,i=Pi(this.ticks.length,e.ticks.maxTicksLimit),s=n.minRotation||0,o=n.maxRotation;let r=s,a,d,l;if(!this._isVisible()||!n.display||s>=o||i<=1||!this.isHorizontal()){this.labelRotation=s;return}const u=this._getLabelSizes(),h=u.widest.width,p=u.highest.height,f=me(this.chart.width-h,0,this.maxWidth);a=e.offset?this.maxWidth/i:f/(i-1),h+6>a&&(a=f/(i-(e.offset?.5:1)),d=this.maxHeight-dt(e.grid)-n.padding-Mi(e.title,this.chart.options.font),l=Math.sqrt(h*h+p*p),r=Vd(Math.min(Math.asin(me((u.highest.height+6)/a,-1,1)),Math.asin(me(d/l,-1,1))-Math.asin(me(p/l,-1,1)))),r=Math.max(s,Math.min(o,r))),this.labelRotation=r}afterCalculateLabelRotation(){J(this.options.afterCalculateLabelRotation,[this])}afterAutoSkip(){}beforeFit(){J(this.options.beforeFit,[this])}fit(){const e={width:0,height:0},{chart:n,options:{ticks:i,title:s,grid:o}}=this,r=this._isVisible(),a=this.isHorizontal();if(r){const d=Mi(s,n.options.font);if(a?(e.width=this.maxWidth,e.height=dt(o)+d):(e.height=this.maxHeight,e.width=dt(o)+d),i.display&&this.ticks.length){const{first:l,last:u,widest:h,highest:p}=this._getLabelSizes(),f=i.padding*2,k=Ge(this.labelRotation),y=Math.cos(k),g=Math.sin(k);if(a){const v=i.mirror?0:g*h.width+y*p.height;e.height=Math.min(this.maxHeight,e.height+v+f)}else{const v=i.mirror?0:y*h.width+g*p.height;e.width=Math.min(this.maxWidth,e.width+v+f)}this._calculatePadding(l,u,g,y)}}this._handleMargins(),a?(this.width=this._length=n.width-this._margins.left-this._margins.right,this.height=e.height):(this.width=e.width,this.height=this._length=n.height-this._margins.top-this._margins.bottom)}_calculatePadding(e,n,i,s){const{ticks:{align:o,padding:r},position:a}=this.options,d=this.labelRotation!==0,l=a!=="top"&&this.axis==="x";if(this.isHorizontal()){const u=this.getPixelForTick(0)-this.left,h=this.right-this.getPixelForTick(this.ticks.length-1);let p=0,f=0;d?l?(p=s*e.width,f=i*n.height):(p=i*e.height,f=s*n.width):o==="start"?f=n.width:o==="end"?p=e.width:o!=="inner"&&(p=e.width/2,f=n.width/2),this.paddingLeft=Math.max((p-u+r)*this.width/(this.width-u),0),this.paddingRight=Math.max((f-h+r)*this.width/(this.width-h),0)}else{let u=n.height/2,h=e.height/2;o==="start"?(u=0,h=e.height):o==="end"&&(u=n.height,h=0),this.paddingTop=u+r,this.paddingBottom=h+r}}_handleMargins(){this._margins&&(this._margins.left=Math.max(this.paddingLeft,this._margins.left),this._margins.top=Math.max(this.paddingTop,this._margins.top),this._margins.right=Math.max(this.paddingRight,this._margins.right),this._margins.bottom=Math.max(this.paddingBottom,this._margins.bottom))}afterFit(){J(this.options.afterFit,[this])}isHorizontal(){const{axis:e,position:n}=this.options;return n==="top"||n==="bottom"||e==="x"}isFullSize(){return this.options.fullSize}_convertTicksToLabels(e){this.beforeTickToLabelConversion(),this.generateTickLabels(e);let n,i;for(n=0,i=e.length;n<i;n++)Q(e[n].label)&&(e.splice(n,1),i--,n--);this.afterTickToLabelConversion()}_getLabelSizes(){let e=this._labelSizes;if(!e){const n=this.options.ticks.sampleSize;let i=this.ticks;n<i.length&&(i=Ei(i,n)),this._labelSizes=e=this._computeLabelSizes(i,i.length,this.options.ticks.maxTicksLimit)}return e}_computeLabelSizes(e,n,i){const{ctx:s,_longestTextCache:o}=this,r=[],a=[],d=Math.floor(n/Pi(n,i));let l=0,u=0,h,p,f,k,y,g,v,S,R,m,x;for(h=0;h<n;h+=d){if(k=e[h].label,y=this._resolveTickFontOptions(h),s.font=g=y.string,v=o[g]=o[g]||{data:{},gc:[]},S=y.lineHeight,R=m=0,!Q(k)&&!oe(k))R=ui(s,v.data,v.gc,R,k),m=S;else if(oe(k))for(p=0,f=k.length;p<f;++p)x=k[p],!Q(x)&&!oe(x)&&(R=ui(s,v.data,v.gc,R,x),m+=S);r.push(R),a.push(m),l=Math.max(R,l),u=Math.max(m,u)}zu(o,n);const b=r.indexOf(l),D=a.indexOf(u),I=w=>({width:r[w]||0,height:a[w]||0});return{first:I(0),last:I(n-1),widest:I(b),highest:I(D),widths:r,heights:a}}getLabelForValue(e){return e}getPixelForValue(e,n){return NaN}getValueForPixel(e){}getPixelForTick(e){const n=this.ticks;return e<0||e>n.length-1?null:this.getPixelForValue(n[e].value)}getPixelForDecimal(e){this._reversePixels&&(e=1-e);const n=this._startPixel+e*this._length;return Yd(this._alignToPixels?Be(this.chart,n,0):n)}getDecimalForPixel(e){const n=(e-this._startPixel)/this._length;return this._reversePixels?1-n:n}getBasePixel(){return this.getPixelForValue(this.getBaseValue())}getBaseValue(){const{min:e,max:n}=this;return e<0&&n<0?n:e>0&&n>0?e:0}getContext(e){const n=this.ticks||[];if(e>=0&&e<n.length){const i=n[e];return i.$context||(i.$context=Wu(this.getContext(),e,i))}return this.$context||(this.$context=Vu(this.chart.getContext(),this))}_tickSize(){const e=this.options.ticks,n=Ge(this.labelRotation),i=Math.abs(Math.cos(n)),s=Math.abs(Math.sin(n)),o=this._getLabelSizes(),r=e.autoSkipPadding||0,a=o?o.widest.width+r:0,d=o?o.highest.height+r:0;return this.isHorizontal()?d*i>a*s?a/i:d/s:d*s<a*i?d/i:a/s}_isVisible(){const e=this.options.display;return e!=="auto"?!!e:this.getMatchingVisibleMetas().length>0}_computeGridLineItems(e){const n=this.axis,i=this.chart,s=this.options,{grid:o,position:r,border:a}=s,d=o.offset,l=this.isHorizontal(),h=this.ticks.length+(d?1:0),p=dt(o),f=[],k=a.setContext(this.getContext()),y=k.display?k.width:0,g=y/2,v=function(L){return Be(i,L,y)};let S,R,m,x,b,D,I,w,M,O,T,P;if(r==="top")S=v(this.bottom),D=this.bottom-p,w=S-g,O=v(e.top)+g,P=e.bottom;else if(r==="bottom")S=v(this.top),O=e.top,P=v(e.bottom)-g,D=S+g,w=this.top+p;else if(r==="left")S=v(this.right),b=this.right-p,I=S-g,M=v(e.left)+g,T=e.right;else if(r==="right")S=v(this.left),M=e.left,T=v(e.right)-g,b=S+g,I=this.left+p;else if(n==="x"){if(r==="center")S=v((e.top+e.bottom)/2+.5);else if(W(r)){const L=Object.keys(r)[0],X=r[L];S=v(this.chart.scales[L].getPixelForValue(X))}O=e.top,P=e.bottom,D=S+g,w=D+p}else if(n==="y"){if(r==="center")S=v((e.left+e.right)/2);else if(W(r)){const L=Object.keys(r)[0],X=r[L];S=v(this.chart.scales[L].getPixelForValue(X))}b=S-g,I=b-p,M=e.left,T=e.right}const E=G(s.ticks.maxTicksLimit,h),N=Math.max(1,Math.ceil(h/E));for(R=0;R<h;R+=N){const L=this.getContext(R),X=o.setContext(L),F=a.setContext(L),se=X.lineWidth,_=X.color,V=F.dash||[],j=F.dashOffset,H=X.tickWidth,Z=X.tickColor,Ie=X.tickBorderDash||[],Fe=X.tickBorderDashOffset;m=Hu(this,R,d),m!==void 0&&(x=Be(i,m,se),l?b=I=M=T=x:D=w=O=P=x,f.push({tx1:b,ty1:D,tx2:I,ty2:w,x1:M,y1:O,x2:T,y2:P,width:se,color:_,borderDash:V,borderDashOffset:j,tickWidth:H,tickColor:Z,tickBorderDash:Ie,tickBorderDashOffset:Fe}))}return this._ticksLength=h,this._borderValue=S,f}_computeLabelItems(e){const n=this.axis,i=this.options,{position:s,ticks:o}=i,r=this.isHorizontal(),a=this.ticks,{align:d,crossAlign:l,padding:u,mirror:h}=o,p=dt(i.grid),f=p+u,k=h?-u:f,y=-Ge(this.labelRotation),g=[];let v,S,R,m,x,b,D,I,w,M,O,T,P="middle";if(s==="top")b=this.bottom-k,D=this._getXAxisLabelAlignment();else if(s==="bottom")b=this.top+k,D=this._getXAxisLabelAlignment();else if(s==="left"){const N=this._getYAxisLabelAlignment(p);D=N.textAlign,x=N.x}else if(s==="right"){const N=this._getYAxisLabelAlignment(p);D=N.textAlign,x=N.x}else if(n==="x"){if(s==="center")b=(e.top+e.bottom)/2+f;else if(W(s)){const N=Object.keys(s)[0],L=s[N];b=this.chart.scales[N].getPixelForValue(L)+f}D=this._getXAxisLabelAlignment()}else if(n==="y"){if(s==="center")x=(e.left+e.right)/2-f;else if(W(s)){const N=Object.keys(s)[0],L=s[N];x=this.chart.scales[N].getPixelForValue(L)}D=this._getYAxisLabelAlignment(p).textAlign}n==="y"&&(d==="start"?P="top":d==="end"&&(P="bottom"));const E=this._getLabelSizes();for(v=0,S=a.length;v<S;++v){R=a[v],m=R.label;const N=o.setContext(this.getContext(v));I=this.getPixelForTick(v)+o.labelOffset,w=this._resolveTickFontOptions(v),M=w.lineHeight,O=oe(m)?m.length:1;const L=O/2,X=N.color,F=N.textStrokeColor,se=N.textStrokeWidth;let _=D;r?(x=I,D==="inner"&&(v===S-1?_=this.options.reverse?"left":"right":v===0?_=this.options.reverse?"right":"left":_="center"),s==="top"?l==="near"||y!==0?T=-O*M+M/2:l==="center"?T=-E.highest.height/2-L*M+M:T=-E.highest.height+M/2:l==="near"||y!==0?T=M/2:l==="center"?T=E.highest.height/2-L*M:T=E.highest.height-O*M,h&&(T*=-1),y!==0&&!N.showLabelBackdrop&&(x+=M/2*Math.sin(y))):(b=I,T=(1-O)*M/2);let V;if(N.showLabelBackdrop){const j=ge(N.backdropPadding),H=E.heights[v],Z=E.widths[v];let Ie=T-j.top,Fe=0-j.left;switch(P){case"middle":Ie-=H/2;break;case"bottom":Ie-=H;break}switch(D){case"center":Fe-=Z/2;break;case"right":Fe-=Z;break;case"inner":v===S-1?Fe-=Z:v>0&&(Fe-=Z/2);break}V={left:Fe,top:Ie,width:Z+j.width,height:H+j.height,color:N.backdropColor}}g.push({label:m,font:w,textOffset:T,options:{rotation:y,color:X,strokeColor:F,strokeWidth:se,textAlign:_,textBaseline:P,translation:[x,b],backdrop:V}})}return g}_getXAxisLabelAlignment(){const{position:e,ticks:n}=this.options;if(-Ge(this.labelRotation))return e==="top"?"left":"right";let s="center";return n.align==="start"?s="left":n.align==="end"?s="right":n.align==="inner"&&(s="inner"),s}_getYAxisLabelAlignment(e){const{position:n,ticks:{crossAlign:i,mirror:s,padding:o}}=this.options,r=this._getLabelSizes(),a=e+o,d=r.widest.width;let l,u;return n==="left"?s?(u=this.right+o,i==="near"?l="left":i==="center"?(l="center",u+=d/2):(l="right",u+=d)):(u=this.right-a,i==="near"?l="right":i==="center"?(l="center",u-=d/2):(l="left",u=this.left)):n==="right"?s?(u=this.left+o,i==="near"?l="right":i==="center"?(l="center",u-=d/2):(l="left",u-=d)):(u=this.left+a,i==="near"?l="left":i==="center"?(l="center",u+=d/2):(l="right",u=this.right)):l="right",{textAlign:l,x:u}}_computeLabelArea(){if(this.options.ticks.mirror)return;const e=this.chart,n=this.options.position;if(n==="left"||n==="right")return{top:0,left:this.left,bottom:e.height,right:this.right};if(n==="top"||n==="bottom")return{top:this.top,left:0,bottom:this.bottom,right:e.width}}drawBackground(){const{ctx:e,options:{backgroundColor:n},left:i,top:s,width:o,height:r}=this;n&&(e.save(),e.fillStyle=n,e.fillRect(i,s,o,r),e.restore())}getLineWidthForValue(e){const n=this.options.grid;if(!this._isVisible()||!n.display)return 0;const s=this.ticks.findIndex(o=>o.value===e);return s>=0?n.setContext(this.getContext(s)).lineWidth:0}drawGrid(e){const n=this.options.grid,i=this.ctx,s=this._gridLineItems||(this._gridLineItems=this._computeGridLineItems(e));let o,r;const a=(d,l,u)=>{!u.width||!u.color||(i.save(),i.lineWidth=u.width,i.strokeStyle=u.color,i.setLineDash(u.borderDash||[]),i.lineDashOffset=u.borderDashOffset,i.beginPath(),i.moveTo(d.x,d.y),i.lineTo(l.x,l.y),i.stroke(),i.restore())};if(n.display)for(o=0,r=s.length;o<r;++o){const d=s[o];n.drawOnChartArea&&a({x:d.x1,y:d.y1},{x:d.x2,y:d.y2},d),n.drawTicks&&a({x:d.tx1,y:d.ty1},{x:d.tx2,y:d.ty2},{color:d.tickColor,width:d.tickWidth,borderDash:d.tickBorderDash,borderDashOffset:d.tickBorderDashOffset})}}drawBorder(){const{chart:e,ctx:n,options:{border:i,grid:s}}=this,o=i.setContext(this.getContext()),r=i.display?o.width:0;if(!r)return;const a=s.setContext(this.getContext(0)).lineWidth,d=this._borderValue;let l,u,h,p;this.isHorizontal()?(l=Be(e,this.left,r)-r/2,u=Be(e,this.right,a)+a/2,h=p=d):(h=Be(e,this.top,r)-r/2,p=Be(e,this.bottom,a)+a/2,l=u=d),n.save(),n.lineWidth=o.width,n.strokeStyle=o.color,n.beginPath(),n.moveTo(l,h),n.lineTo(u,p),n.stroke(),n.restore()}drawLabels(e){if(!this.options.ticks.display)return;const i=this.ctx,s=this._computeLabelArea();s&&qn(i,s);const o=this.getLabelItems(e);for(const r of o){const a=r.options,d=r.font,l=r.label,u=r.textOffset;Kt(i,l,0,u,d,a)}s&&Bn(i)}drawTitle(){const{ctx:e,options:{position:n,title:i,reverse:s}}=this;if(!i.display)return;const o=ce(i.font),r=ge(i.padding),a=i.align;let d=o.lineHeight/2;n==="bottom"||n==="center"||W(n)?(d+=r.bottom,oe(i.text)&&(d+=o.lineHeight*(i.text.length-1))):d+=r.top;const{titleX:l,titleY:u,maxWidth:h,rotation:p}=Ku(this,d,n,a);Kt(e,i.text,0,0,o,{color:i.color,maxWidth:h,rotation:p,textAlign:Gu(a,n,s),textBaseline:"middle",translation:[l,u],strokeColor:i.strokeColor,strokeWidth:i.strokeWidth})}draw(e){this._isVisible()&&(this.drawBackground(),this.drawGrid(e),this.drawBorder(),this.drawTitle(),this.drawLabels(e))}_layers(){const e=this.options,n=e.ticks&&e.ticks.z||0,i=G(e.grid&&e.grid.z,-1),s=G(e.border&&e.border.z,0);return!this._isVisible()||this.draw!==ot.prototype.draw?[{z:n,draw:o=>{this.draw(o)}}]:[{z:i,draw:o=>{this.drawBackground(),this.drawGrid(o),this.drawTitle()}},{z:s,draw:()=>{this.drawBorder()}},{z:n,draw:o=>{this.drawLabels(o)}}]}getMatchingVisibleMetas(e){const n=this.chart.getSortedVisibleDatasetMetas(),i=this.axis+"AxisID",s=[];let o,r;for(o=0,r=n.length;o<r;++o){const a=n[o];a[i]===this.id&&(!e||a.type===e)&&s.push(a)}return s}_resolveTickFontOptions(e){const n=this.options.ticks.setContext(this.getContext(e));return ce(n.font)}_maxDigits(){const e=this._resolveTickFontOptions(0).lineHeight;return(this.isHorizontal()?this.width:this.height)/e}}class Pt{constructor(e,n,i){this.type=e,this.scope=n,this.override=i,this.items=Object.create(null)}isForType(e){return Object.prototype.isPrototypeOf.call(this.type.prototype,e.prototype)}register(e){const n=Object.getPrototypeOf(e);let i;Qu(n)&&(i=this.register(n));const s=this.items,o=e.id,r=this.scope+"."+o;if(!o)throw new Error("class does not have id: "+e);return o in s||(s[o]=e,Yu(e,r,i),this.override&&te.override(e.id,e.overrides)),r}get(e){return this.items[e]}unregister(e){const n=this.items,i=e.id,s=this.scope;i in n&&delete n[i],s&&i in te[s]&&(delete te[s][i],this.override&&delete Ye[i])}}function Yu(t,e,n){const i=kt(Object.create(null),[n?te.get(n):{},te.get(e),t.defaults]);te.set(e,i),t.defaultRoutes&&Xu(e,t.defaultRoutes),t.descriptors&&te.describe(e,t.descriptors)}function Xu(t,e){Object.keys(e).forEach(n=>{const i=n.split("."),s=i.pop(),o=[t].concat(i).join("."),r=e[n].split("."),a=r.pop(),d=r.join(".");te.route(o,s,d,a)})}function Qu(t){return"id"in t&&"defaults"in t}class Zu{constructor(){this.controllers=new Pt(bt,"datasets",!0),this.elements=new Pt(Xe,"elements"),this.plugins=new Pt(Object,"plugins"),this.scales=new Pt(ot,"scales"),this._typedRegistries=[this.controllers,this.scales,this.elements]}add(...e){this._each("register",e)}remove(...e){this._each("unregister",e)}addControllers(...e){this._each("register",e,this.controllers)}addElements(...e){this._each("register",e,this.elements)}addPlugins(...e){this._each("register",e,this.plugins)}addScales(...e){this._each("register",e,this.scales)}getController(e){return this._get(e,this.controllers,"controller")}getElement(e){return this._get(e,this.elements,"element")}getPlugin(e){return this._get(e,this.plugins,"plugin")}getScale(e){return this._get(e,this.scales,"scale")}removeControllers(...e){this._each("unregister",e,this.controllers)}removeElements(...e){this._each("unregister",e,this.elements)}removePlugins(...e){this._each("unregister",e,this.plugins)}removeScales(...e){this._each("unregister",e,this.scales)}_each(e,n,i){[...n].forEach(s=>{const o=i||this._getRegistryForType(s);i||o.isForType(s)||o===this.plugins&&s.id?this._exec(e,o,s):K(s,r=>{const a=i||this._getRegistryForType(r);this._exec(e,a,r)})})}_exec(e,n,i){const s=Fn(e);J(i["before"+s],[],i),n[e](i),J(i["after"+s],[],i)}_getRegistryForType(e){for(let n=0;n<this._typedRegistries.length;n++){const i=this._typedRegistries[n];if(i.isForType(e))return i}return this.plugins}_get(e,n,i){const s=n.get(e);if(s===void 0)throw new Error('"'+e+'" is not a registered '+i+".");return s}}var ye=new Zu;class Ju{constructor(){this._init=void 0}notify(e,n,i,s){if(n==="beforeInit"&&(this._init=this._createDescriptors(e,!0),this._notify(this._init,e,"install")),this._init===void 0)return;const o=s?this._descriptors(e).filter(s):this._descriptors(e),r=this._notify(o,e,n,i);return n==="afterDestroy"&&(this._notify(o,e,"stop"),this._notify(this._init,e,"uninstall"),this._init=void 0),r}_notify(e,n,i,s){s=s||{};for(const o of e){const r=o.plugin,a=r[i],d=[n,s,o.options];if(J(a,d,r)===!1&&s.cancelable)return!1}return!0}invalidate(){Q(this._cache)||(this._oldCache=this._cache,this._cache=void 0)}_descriptors(e){if(this._cache)return this._cache;const n=this._cache=this._createDescriptors(e);return this._notifyStateChanges(e),n}_createDescriptors(e,n){const i=e&&e.config,s=G(i.options&&i.options.plugins,{}),o=eh(i);return s===!1&&!n?[]:nh(e,o,s,n)}_notifyStateChanges(e){const n=this._oldCache||[],i=this._cache,s=(o,r)=>o.filter(a=>!r.some(d=>a.plugin.id===d.plugin.id));this._notify(s(n,i),e,"stop"),this._notify(s(i,n),e,"start")}}function eh(t){const e={},n=[],i=Object.keys(ye.plugins.items);for(let o=0;o<i.length;o++)n.push(ye.getPlugin(i[o]));const s=t.plugins||[];for(let o=0;o<s.length;o++){const r=s[o];n.indexOf(r)===-1&&(n.push(r),e[r.id]=!0)}return{plugins:n,localIds:e}}function th(t,e){return!e&&t===!1?null:t===!0?{}:t}function nh(t,{plugins:e,localIds:n},i,s){const o=[],r=t.getContext();for(const a of e){const d=a.id,l=th(i[d],s);l!==null&&o.push({plugin:a,options:ih(t.config,{plugin:a,local:n[d]},l,r)})}return o}function ih(t,{plugin:e,local:n},i,s){const o=t.pluginScopeKeys(e),r=t.getOptionScopes(i,o);return n&&e.defaults&&r.push(e.defaults),t.createResolver(r,s,[""],{scriptable:!1,indexable:!1,allKeys:!0})}function Dn(t,e){const n=te.datasets[t]||{};return((e.datasets||{})[t]||{}).indexAxis||e.indexAxis||n.indexAxis||"x"}function sh(t,e){let n=t;return t==="_index_"?n=e:t==="_value_"&&(n=e==="x"?"y":"x"),n}function oh(t,e){return t===e?"_index_":"_value_"}function Oi(t){if(t==="x"||t==="y"||t==="r")return t}function rh(t){if(t==="top"||t==="bottom")return"x";if(t==="left"||t==="right")return"y"}function Rn(t,...e){if(Oi(t))return t;for(const n of e){const i=n.axis||rh(n.position)||t.length>1&&Oi(t[0].toLowerCase());if(i)return i}throw new Error(`Cannot determine type of '${t}' axis. Please provide 'axis' or 'position' option.`)}function Ni(t,e,n){if(n[e+"AxisID"]===t)return{axis:e}}function ah(t,e){if(e.data&&e.data.datasets){const n=e.data.datasets.filter(i=>i.xAxisID===t||i.yAxisID===t);if(n.length)return Ni(t,"x",n[0])||Ni(t,"y",n[0])}return{}}function ch(t,e){const n=Ye[t.type]||{scales:{}},i=e.scales||{},s=Dn(t.type,e),o=Object.create(null);return Object.keys(i).forEach(r=>{const a=i[r];if(!W(a))return console.error(`Invalid scale configuration for scale: ${r}`);if(a._proxy)return console.warn(`Ignoring resolver passed as options for scale: ${r}`);const d=Rn(r,a,ah(r,t),te.scales[a.type]),l=oh(d,s),u=n.scales||{};o[r]=ft(Object.create(null),[{axis:d},a,u[d],u[l]])}),t.data.datasets.forEach(r=>{const a=r.type||t.type,d=r.indexAxis||Dn(a,e),u=(Ye[a]||{}).scales||{};Object.keys(u).forEach(h=>{const p=sh(h,d),f=r[p+"AxisID"]||p;o[f]=o[f]||Object.create(null),ft(o[f],[{axis:p},i[f],u[h]])})}),Object.keys(o).forEach(r=>{const a=o[r];ft(a,[te.scales[a.type],te.scale])}),o}function vo(t){const e=t.options||(t.options={});e.plugins=G(e.plugins,{}),e.scales=ch(t,e)}function So(t){return t=t||{},t.datasets=t.datasets||[],t.labels=t.labels||[],t}function dh(t){return t=t||{},t.data=So(t.data),vo(t),t}const Fi=new Map,$o=new Set;function Et(t,e){let n=Fi.get(t);return n||(n=e(),Fi.set(t,n),$o.add(n)),n}const lt=(t,e,n)=>{const i=nt(e,n);i!==void 0&&t.add(i)};class lh{constructor(e){this._config=dh(e),this._scopeCache=new Map,this._resolverCache=new Map}get platform(){return this._config.platform}get type(){return this._config.type}set type(e){this._config.type=e}get data(){return this._config.data}set data(e){this._config.data=So(e)}get options(){return this._config.options}set options(e){this._config.options=e}get plugins(){return this._config.plugins}update(){const e=this._config;this.clearCache(),vo(e)}clearCache(){this._scopeCache.clear(),this._resolverCache.clear()}datasetScopeKeys(e){return Et(e,()=>[[`datasets.${e}`,""]])}datasetAnimationScopeKeys(e,n){return Et(`${e}.transition.${n}`,()=>[[`datasets.${e}.transitions.${n}`,`transitions.${n}`],[`datasets.${e}`,""]])}datasetElementScopeKeys(e,n){return Et(`${e}-${n}`,()=>[[`datasets.${e}.elements.${n}`,`datasets.${e}`,`elements.${n}`,""]])}pluginScopeKeys(e){const n=e.id,i=this.type;return Et(`${i}-plugin-${n}`,()=>[[`plugins.${n}`,...e.additionalOptionScopes||[]]])}_cachedScopes(e,n){const i=this._scopeCache;let s=i.get(e);return(!s||n)&&(s=new Map,i.set(e,s)),s}getOptionScopes(e,n,i){const{options:s,type:o}=this,r=this._cachedScopes(e,i),a=r.get(n);if(a)return a;const d=new Set;n.forEach(u=>{e&&(d.add(e),u.forEach(h=>lt(d,e,h))),u.forEach(h=>lt(d,s,h)),u.forEach(h=>lt(d,Ye[o]||{},h)),u.forEach(h=>lt(d,te,h)),u.forEach(h=>lt(d,$n,h))});const l=Array.from(d);return l.length===0&&l.push(Object.create(null)),$o.has(n)&&r.set(n,l),l}chartOptionScopes(){const{options:e,type:n}=this;return[e,Ye[n]||{},te.datasets[n]||{},{type:n},te,$n]}resolveNamedOptions(e,n,i,s=[""]){const o={$shared:!0},{resolver:r,subPrefixes:a}=Li(this._resolverCache,e,s);let d=r;if(hh(r,n)){o.$shared=!1,i=Ne(i)?i():i;const l=this.createResolver(e,i,a);d=it(r,i,l)}for(const l of n)o[l]=d[l];return o}createResolver(e,n,i=[""],s){const{resolver:o}=Li(this._resolverCache,e,i);return W(n)?it(o,n,void 0,s):o}}function Li(t,e,n){let i=t.get(e);i||(i=new Map,t.set(e,i));const s=n.join();let o=i.get(s);return o||(o={resolver:Hn(e,n),subPrefixes:n.filter(a=>!a.toLowerCase().includes("hover"))},i.set(s,o)),o}const uh=t=>W(t)&&Object.getOwnPropertyNames(t).some(e=>Ne(t[e]));function hh(t,e){const{isScriptable:n,isIndexable:i}=ao(t);for(const s of e){const o=n(s),r=i(s),a=(r||o)&&t[s];if(o&&(Ne(a)||uh(a))||r&&oe(a))return!0}return!1}var ph="4.6.1";const fh=["top","bottom","left","right","chartArea"];function qi(t,e){return t==="top"||t==="bottom"||fh.indexOf(t)===-1&&e==="x"}function Bi(t,e){return function(n,i){return n[t]===i[t]?n[e]-i[e]:n[t]-i[t]}}function Hi(t){const e=t.chart,n=e.options.animation;e.notifyPlugins("afterRender"),J(n&&n.onComplete,[t],e)}function mh(t){const e=t.chart,n=e.options.animation;J(n&&n.onProgress,[t],e)}function Do(t){return Wn()&&typeof t=="string"?t=document.getElementById(t):t&&t.length&&(t=t[0]),t&&t.canvas&&(t=t.canvas),t}const qt={},zi=t=>{const e=Do(t);return Object.values(qt).filter(n=>n.canvas===e).pop()};function gh(t,e,n){const i=Object.keys(t);for(const s of i){const o=+s;if(o>=e){const r=t[s];delete t[s],(n>0||o>e)&&(t[o+n]=r)}}}function bh(t,e,n,i){return!n||t.type==="mouseout"?null:i?e:t}class Re{static register(...e){ye.add(...e),Vi()}static unregister(...e){ye.remove(...e),Vi()}constructor(e,n){const i=this.config=new lh(n),s=Do(e),o=zi(s);if(o)throw new Error("Canvas is already in use. Chart with ID '"+o.id+"' must be destroyed before the canvas with ID '"+o.canvas.id+"' can be reused.");const r=i.createResolver(i.chartOptionScopes(),this.getContext());this.platform=new(i.platform||Eu(s)),this.platform.updateConfig(i);const a=this.platform.acquireContext(s,r.aspectRatio),d=a&&a.canvas,l=d&&d.height,u=d&&d.width;if(this.id=Td(),this.ctx=a,this.canvas=d,this.width=u,this.height=l,this._options=r,this._aspectRatio=this.aspectRatio,this._layers=[],this._metasets=[],this._stacks=void 0,this.boxes=[],this.currentDevicePixelRatio=void 0,this.chartArea=void 0,this._active=[],this._lastEvent=void 0,this._listeners={},this._responsiveListeners=void 0,this._sortedMetasets=[],this.scales={},this._plugins=new Ju,this.$proxies={},this._hiddenIndices={},this.attached=!1,this._animationsDisabled=void 0,this.$context=void 0,this._doResize=Jd(h=>this.update(h),r.resizeDelay||0),this._dataChanges=[],qt[this.id]=this,!a||!d){console.error("Failed to create chart: can't acquire context from the given item");return}Se.listen(this,"complete",Hi),Se.listen(this,"progress",mh),this._initialize(),this.attached&&this.update()}get aspectRatio(){const{options:{aspectRatio:e,maintainAspectRatio:n},width:i,height:s,_aspectRatio:o}=this;return Q(e)?n&&o?o:s?i/s:null:e}get data(){return this.config.data}set data(e){this.config.data=e}get options(){return this._options}set options(e){this.config.options=e}get registry(){return ye}_initialize(){return this.notifyPlugins("beforeInit"),this.options.responsive?this.resize():gi(this,this.options.devicePixelRatio),this.bindEvents(),this.notifyPlugins("afterInit"),this}clear(){return hi(this.canvas,this.ctx),this}stop(){return Se.stop(this),this}resize(e,n){Se.running(this)?this._resizeBeforeDraw={width:e,height:n}:this._resize(e,n)}_resize(e,n){const i=this.options,s=this.canvas,o=i.maintainAspectRatio&&this.aspectRatio,r=this.platform.getMaximumSize(s,e,n,o),a=i.devicePixelRatio||this.platform.getDevicePixelRatio(),d=this.width?"resize":"attach";this.width=r.width,this.height=r.height,this._aspectRatio=this.aspectRatio,gi(this,a,!0)&&(this.notifyPlugins("resize",{size:r}),J(i.onResize,[this,r],this),this.attached&&this._doResize(d)&&this.render())}ensureScalesHaveIDs(){const n=this.options.scales||{};K(n,(i,s)=>{i.id=s})}buildOrUpdateScales(){const e=this.options,n=e.scales,i=this.scales,s=Object.keys(i).reduce((r,a)=>(r[a]=!1,r),{});let o=[];n&&(o=o.concat(Object.keys(n).map(r=>{const a=n[r],d=Rn(r,a),l=d==="r",u=d==="x";return{options:a,dposition:l?"chartArea":u?"bottom":"left",dtype:l?"radialLinear":u?"category":"linear"}}))),K(o,r=>{const a=r.options,d=a.id,l=Rn(d,a),u=G(a.type,r.dtype);(a.position===void 0||qi(a.position,l)!==qi(r.dposition))&&(a.position=r.dposition),s[d]=!0;let h=null;if(d in i&&i[d].type===u)h=i[d];else{const p=ye.getScale(u);h=new p({id:d,type:u,ctx:this.ctx,chart:this}),i[h.id]=h}h.init(a,e)}),K(s,(r,a)=>{r||delete i[a]}),K(i,r=>{Ue.configure(this,r,r.options),Ue.addBox(this,r)})}_updateMetasets(){const e=this._metasets,n=this.data.datasets.length,i=e.length;if(e.sort((s,o)=>s.index-o.index),i>n){for(let s=n;s<i;++s)this._destroyDatasetMeta(s);e.splice(n,i-n)}this._sortedMetasets=e.slice(0).sort(Bi("order","index"))}_removeUnreferencedMetasets(){const{_metasets:e,data:{datasets:n}}=this;e.length>n.length&&delete this._stacks,e.forEach((i,s)=>{n.filter(o=>o===i._dataset).length===0&&this._destroyDatasetMeta(s)})}buildOrUpdateControllers(){const e=[],n=this.data.datasets;let i,s;for(this._removeUnreferencedMetasets(),i=0,s=n.length;i<s;i++){const o=n[i];let r=this.getDatasetMeta(i);const a=o.type||this.config.type;if(r.type&&r.type!==a&&(this._destroyDatasetMeta(i),r=this.getDatasetMeta(i)),r.type=a,r.indexAxis=o.indexAxis||Dn(a,this.options),r.order=o.order||0,r.index=i,r.label=""+o.label,r.visible=this.isDatasetVisible(i),r.controller)r.controller.updateIndex(i),r.controller.linkScales();else{const d=ye.getController(a),{datasetElementType:l,dataElementType:u}=te.datasets[a];Object.assign(d,{dataElementType:ye.getElement(u),datasetElementType:l&&ye.getElement(l)}),r.controller=new d(this,i),e.push(r.controller)}}return this._updateMetasets(),e}_resetElements(){K(this.data.datasets,(e,n)=>{this.getDatasetMeta(n).controller.reset()},this)}reset(){this._resetElements(),this.notifyPlugins("reset")}update(e){const n=this.config;n.update();const i=this._options=n.createResolver(n.chartOptionScopes(),this.getContext()),s=this._animationsDisabled=!i.animation;if(this._updateScales(),this._checkEventBindings(),this._updateHiddenIndices(),this._plugins.invalidate(),this.notifyPlugins("beforeUpdate",{mode:e,cancelable:!0})===!1)return;const o=this.buildOrUpdateControllers();this.notifyPlugins("beforeElementsUpdate");let r=0;for(let l=0,u=this.data.datasets.length;l<u;l++){const{controller:h}=this.getDatasetMeta(l),p=!s&&o.indexOf(h)===-1;h.buildOrUpdateElements(p),r=Math.max(+h.getMaxOverflow(),r)}r=this._minPadding=i.layout.autoPadding?r:0,this._updateLayout(r),s||K(o,l=>{l.reset()}),this._updateDatasets(e),this.notifyPlugins("afterUpdate",{mode:e}),this._layers.sort(Bi("z","_idx"));const{_active:a,_lastEvent:d}=this;d?this._eventHandler(d,!0):a.length&&this._updateHoverStyles(a,a,!0),this.render()}_updateScales(){K(this.scales,e=>{Ue.removeBox(this,e)}),this.ensureScalesHaveIDs(),this.buildOrUpdateScales()}_checkEventBindings(){const e=this.options,n=new Set(Object.keys(this._listeners)),i=new Set(e.events);(!ni(n,i)||!!this._responsiveListeners!==e.responsive)&&(this.unbindEvents(),this.bindEvents())}_updateHiddenIndices(){const{_hiddenIndices:e}=this,n=this._getUniformDataChanges()||[];for(const{method:i,start:s,count:o}of n){const r=i==="_removeElements"?-o:o;gh(e,s,r)}}_getUniformDataChanges(){const e=this._dataChanges;if(!e||!e.length)return;this._dataChanges=[];const n=this.data.datasets.length,i=o=>new Set(e.filter(r=>r[0]===o).map((r,a)=>a+","+r.splice(1).join(","))),s=i(0);for(let o=1;o<n;o++)if(!ni(s,i(o)))return;return Array.from(s).map(o=>o.split(",")).map(o=>({method:o[1],start:+o[2],count:+o[3]}))}_updateLayout(e){if(this.notifyPlugins("beforeLayout",{cancelable:!0})===!1)return;Ue.update(this,this.width,this.height,e);const n=this.chartArea,i=n.width<=0||n.height<=0;this._layers=[],K(this.boxes,s=>{i&&s.position==="chartArea"||(s.configure&&s.configure(),this._layers.push(...s._layers()))},this),this._layers.forEach((s,o)=>{s._idx=o}),this.notifyPlugins("afterLayout")}_updateDatasets(e){if(this.notifyPlugins("beforeDatasetsUpdate",{mode:e,cancelable:!0})!==!1){for(let n=0,i=this.data.datasets.length;n<i;++n)this.getDatasetMeta(n).controller.configure();for(let n=0,i=this.data.datasets.length;n<i;++n)this._updateDataset(n,Ne(e)?e({datasetIndex:n}):e);this.notifyPlugins("afterDatasetsUpdate",{mode:e})}}_updateDataset(e,n){const i=this.getDatasetMeta(e),s={meta:i,index:e,mode:n,cancelable:!0};this.notifyPlugins("beforeDatasetUpdate",s)!==!1&&(i.controller._update(n),s.cancelable=!1,this.notifyPlugins("afterDatasetUpdate",s))}render(){this.notifyPlugins("beforeRender",{cancelable:!0})!==!1&&(Se.has(this)?this.attached&&!Se.running(this)&&Se.start(this):(this.draw(),Hi({chart:this})))}draw(){let e;if(this._resizeBeforeDraw){const{width:i,height:s}=this._resizeBeforeDraw;this._resizeBeforeDraw=null,this._resize(i,s)}if(this.clear(),this.width<=0||this.height<=0||this.notifyPlugins("beforeDraw",{cancelable:!0})===!1)return;const n=this._layers;for(e=0;e<n.length&&n[e].z<=0;++e)n[e].draw(this.chartArea);for(this._drawDatasets();e<n.length;++e)n[e].draw(this.chartArea);this.notifyPlugins("afterDraw")}_getSortedDatasetMetas(e){const n=this._sortedMetasets,i=[];let s,o;for(s=0,o=n.length;s<o;++s){const r=n[s];(!e||r.visible)&&i.push(r)}return i}getSortedVisibleDatasetMetas(){return this._getSortedDatasetMetas(!0)}_drawDatasets(){if(this.notifyPlugins("beforeDatasetsDraw",{cancelable:!0})===!1)return;const e=this.getSortedVisibleDatasetMetas();for(let n=e.length-1;n>=0;--n)this._drawDataset(e[n]);this.notifyPlugins("afterDatasetsDraw")}_drawDataset(e){const n=this.ctx,i={meta:e,index:e.index,cancelable:!0},s=Nl(this,e);this.notifyPlugins("beforeDatasetDraw",i)!==!1&&(s&&qn(n,s),e.controller.draw(),s&&Bn(n),i.cancelable=!1,this.notifyPlugins("afterDatasetDraw",i))}isPointInArea(e){return so(e,this.chartArea,this._minPadding)}getElementsAtEventForMode(e,n,i,s){const o=fu.modes[n];return typeof o=="function"?o(this,e,i,s):[]}getDatasetMeta(e){const n=this.data.datasets[e],i=this._metasets;let s=i.filter(o=>o&&o._dataset===n).pop();return s||(s={type:null,data:[],dataset:null,controller:null,hidden:null,xAxisID:null,yAxisID:null,order:n&&n.order||0,index:e,_dataset:n,_parsed:[],_sorted:!1},i.push(s)),s}getContext(){return this.$context||(this.$context=st(null,{chart:this,type:"chart"}))}getVisibleDatasetCount(){return this.getSortedVisibleDatasetMetas().length}isDatasetVisible(e){const n=this.data.datasets[e];if(!n)return!1;const i=this.getDatasetMeta(e);return typeof i.hidden=="boolean"?!i.hidden:!n.hidden}setDatasetVisibility(e,n){const i=this.getDatasetMeta(e);i.hidden=!n}toggleDataVisibility(e){this._hiddenIndices[e]=!this._hiddenIndices[e]}getDataVisibility(e){return!this._hiddenIndices[e]}_updateVisibility(e,n,i){const s=i?"show":"hide",o=this.getDatasetMeta(e),r=o.controller._resolveAnimations(void 0,s);It(n)?(o.data[n].hidden=!i,this.update()):(this.setDatasetVisibility(e,i),r.update(o,{visible:i}),this.update(a=>a.datasetIndex===e?s:void 0))}hide(e,n){this._updateVisibility(e,n,!1)}show(e,n){this._updateVisibility(e,n,!0)}_destroyDatasetMeta(e){const n=this._metasets[e];n&&n.controller&&n.controller._destroy(),delete this._metasets[e]}_stop(){let e,n;for(this.stop(),Se.remove(this),e=0,n=this.data.datasets.length;e<n;++e)this._destroyDatasetMeta(e)}destroy(){this.notifyPlugins("beforeDestroy");const{canvas:e,ctx:n}=this;this._stop(),this.config.clearCache(),e&&(this.unbindEvents(),hi(e,n),this.platform.releaseContext(n),this.canvas=null,this.ctx=null),delete qt[this.id],this.notifyPlugins("afterDestroy")}toBase64Image(...e){return this.canvas.toDataURL(...e)}bindEvents(){this.bindUserEvents(),this.options.responsive?this.bindResponsiveEvents():this.attached=!0}bindUserEvents(){const e=this._listeners,n=this.platform,i=(o,r)=>{n.addEventListener(this,o,r),e[o]=r},s=(o,r,a)=>{o.offsetX=r,o.offsetY=a,this._eventHandler(o)};K(this.options.events,o=>i(o,s))}bindResponsiveEvents(){this._responsiveListeners||(this._responsiveListeners={});const e=this._responsiveListeners,n=this.platform,i=(d,l)=>{n.addEventListener(this,d,l),e[d]=l},s=(d,l)=>{e[d]&&(n.removeEventListener(this,d,l),delete e[d])},o=(d,l)=>{this.canvas&&this.resize(d,l)};let r;const a=()=>{s("attach",a),this.attached=!0,this.resize(),i("resize",o),i("detach",r)};r=()=>{this.attached=!1,s("resize",o),this._stop(),this._resize(0,0),i("attach",a)},n.isAttached(this.canvas)?a():r()}unbindEvents(){K(this._listeners,(e,n)=>{this.platform.removeEventListener(this,n,e)}),this._listeners={},K(this._responsiveListeners,(e,n)=>{this.platform.removeEventListener(this,n,e)}),this._responsiveListeners=void 0}updateHoverStyle(e,n,i){const s=i?"set":"remove";let o,r,a,d;for(n==="dataset"&&(o=this.getDatasetMeta(e[0].datasetIndex),o.controller["_"+s+"DatasetHoverStyle"]()),a=0,d=e.length;a<d;++a){r=e[a];const l=r&&this.getDatasetMeta(r.datasetIndex).controller;l&&l[s+"HoverStyle"](r.element,r.datasetIndex,r.index)}}getActiveElements(){return this._active||[]}setActiveElements(e){const n=this._active||[],i=e.map(({datasetIndex:o,index:r})=>{const a=this.getDatasetMeta(o);if(!a)throw new Error("No dataset found at index "+o);return{datasetIndex:o,element:a.data[r],index:r}});!zt(i,n)&&(this._active=i,this._lastEvent=null,this._updateHoverStyles(i,n))}notifyPlugins(e,n,i){return this._plugins.notify(this,e,n,i)}isPluginEnabled(e){return this._plugins._cache.filter(n=>n.plugin.id===e).length===1}_updateHoverStyles(e,n,i){const s=this.options.hover,o=(d,l)=>d.filter(u=>!l.some(h=>u.datasetIndex===h.datasetIndex&&u.index===h.index)),r=o(n,e),a=i?e:o(e,n);r.length&&this.updateHoverStyle(r,s.mode,!1),a.length&&s.mode&&this.updateHoverStyle(a,s.mode,!0)}_eventHandler(e,n){const i={event:e,replay:n,cancelable:!0,inChartArea:this.isPointInArea(e)},s=r=>(r.options.events||this.options.events).includes(e.native.type);if(this.notifyPlugins("beforeEvent",i,s)===!1)return;const o=this._handleEvent(e,n,i.inChartArea);return i.cancelable=!1,this.notifyPlugins("afterEvent",i,s),(o||i.changed)&&this.render(),this}_handleEvent(e,n,i){const{_active:s=[],options:o}=this,r=n,a=this._getActiveElements(e,s,i,r),d=Fd(e),l=bh(e,this._lastEvent,i,d);i&&(this._lastEvent=null,J(o.onHover,[e,a,this],this),d&&J(o.onClick,[e,a,this],this));const u=!zt(a,s);return(u||n)&&(this._active=a,this._updateHoverStyles(a,s,n)),this._lastEvent=l,u}_getActiveElements(e,n,i,s){if(e.type==="mouseout")return[];if(!i)return n;const o=this.options.hover;return this.getElementsAtEventForMode(e,o.mode,o,s)}}z(Re,"defaults",te),z(Re,"instances",qt),z(Re,"overrides",Ye),z(Re,"registry",ye),z(Re,"version",ph),z(Re,"getChart",zi);function Vi(){return K(Re.instances,t=>t._plugins.invalidate())}function Ro(t,e){const{x:n,y:i,base:s,width:o,height:r}=t.getProps(["x","y","base","width","height"],e);let a,d,l,u,h;return t.horizontal?(h=r/2,a=Math.min(n,s),d=Math.max(n,s),l=i-h,u=i+h):(h=o/2,a=n-h,d=n+h,l=Math.min(i,s),u=Math.max(i,s)),{left:a,top:l,right:d,bottom:u}}function Te(t,e,n,i){return t?0:me(e,n,i)}function xh(t,e,n){const i=t.options.borderWidth,s=t.borderSkipped,o=ro(i);return{t:Te(s.top,o.top,0,n),r:Te(s.right,o.right,0,e),b:Te(s.bottom,o.bottom,0,n),l:Te(s.left,o.left,0,e)}}function yh(t,e,n){const{enableBorderRadius:i}=t.getProps(["enableBorderRadius"]),s=t.options.borderRadius,o=et(s),r=Math.min(e,n),a=t.borderSkipped,d=i||W(s);return{topLeft:Te(!d||a.top||a.left,o.topLeft,0,r),topRight:Te(!d||a.top||a.right,o.topRight,0,r),bottomLeft:Te(!d||a.bottom||a.left,o.bottomLeft,0,r),bottomRight:Te(!d||a.bottom||a.right,o.bottomRight,0,r)}}function kh(t){const e=Ro(t),n=e.right-e.left,i=e.bottom-e.top,s=xh(t,n/2,i/2),o=yh(t,n/2,i/2);return{outer:{x:e.left,y:e.top,w:n,h:i,radius:o},inner:{x:e.left+s.l,y:e.top+s.t,w:n-s.l-s.r,h:i-s.t-s.b,radius:{topLeft:Math.max(0,o.topLeft-Math.max(s.t,s.l)),topRight:Math.max(0,o.topRight-Math.max(s.t,s.r)),bottomLeft:Math.max(0,o.bottomLeft-Math.max(s.b,s.l)),bottomRight:Math.max(0,o.bottomRight-Math.max(s.b,s.r))}}}}function mn(t,e,n,i){const s=e===null,o=n===null,a=t&&!(s&&o)&&Ro(t,i);return a&&(s||Je(e,a.left,a.right))&&(o||Je(n,a.top,a.bottom))}function Ih(t){return t.topLeft||t.topRight||t.bottomLeft||t.bottomRight}function vh(t,e){t.rect(e.x,e.y,e.w,e.h)}function gn(t,e,n={}){const i=t.x!==n.x?-e:0,s=t.y!==n.y?-e:0,o=(t.x+t.w!==n.x+n.w?e:0)-i,r=(t.y+t.h!==n.y+n.h?e:0)-s;return{x:t.x+i,y:t.y+s,w:t.w+o,h:t.h+r,radius:t.radius}}class Bt extends Xe{constructor(e){super(),this.options=void 0,this.horizontal=void 0,this.base=void 0,this.width=void 0,this.height=void 0,this.inflateAmount=void 0,e&&Object.assign(this,e)}draw(e){const{inflateAmount:n,options:{borderColor:i,backgroundColor:s}}=this,{inner:o,outer:r}=kh(this),a=Ih(r.radius)?Yt:vh;e.save(),(r.w!==o.w||r.h!==o.h)&&(e.beginPath(),a(e,gn(r,n,o)),e.clip(),a(e,gn(o,-n,r)),e.fillStyle=i,e.fill("evenodd")),e.beginPath(),a(e,gn(o,n)),e.fillStyle=s,e.fill(),e.restore()}inRange(e,n,i){return mn(this,e,n,i)}inXRange(e,n){return mn(this,e,null,n)}inYRange(e,n){return mn(this,null,e,n)}getCenterPoint(e){const{x:n,y:i,base:s,horizontal:o}=this.getProps(["x","y","base","horizontal"],e);return{x:o?(n+s)/2:n,y:o?i:(i+s)/2}}getRange(e){return e==="x"?this.width/2:this.height/2}}z(Bt,"id","bar"),z(Bt,"defaults",{borderSkipped:"start",borderWidth:0,borderRadius:0,inflateAmount:"auto",pointStyle:void 0}),z(Bt,"defaultRoutes",{backgroundColor:"backgroundColor",borderColor:"borderColor"});const Wi=(t,e)=>{let{boxHeight:n=e,boxWidth:i=e}=t;return t.usePointStyle&&(n=Math.min(n,e),i=t.pointStyleWidth||Math.min(i,e)),{boxWidth:i,boxHeight:n,itemHeight:Math.max(e,n)}},Sh=(t,e)=>t!==null&&e!==null&&t.datasetIndex===e.datasetIndex&&t.index===e.index;class Gi extends Xe{constructor(e){super(),this._added=!1,this.legendHitBoxes=[],this._hoveredItem=null,this.doughnutMode=!1,this.chart=e.chart,this.options=e.options,this.ctx=e.ctx,this.legendItems=void 0,this.columnSizes=void 0,this.lineWidths=void 0,this.maxHeight=void 0,this.maxWidth=void 0,this.top=void 0,this.bottom=void 0,this.left=void 0,this.right=void 0,this.height=void 0,this.width=void 0,this._margins=void 0,this.position=void 0,this.weight=void 0,this.fullSize=void 0}update(e,n,i){this.maxWidth=e,this.maxHeight=n,this._margins=i,this.setDimensions(),this.buildLabels(),this.fit()}setDimensions(){this.isHorizontal()?(this.width=this.maxWidth,this.left=this._margins.left,this.right=this.width):(this.height=this.maxHeight,this.top=this._margins.top,this.bottom=this.height)}buildLabels(){const e=this.options.labels||{};let n=J(e.generateLabels,[this.chart],this)||[];e.filter&&(n=n.filter(i=>e.filter(i,this.chart.data))),e.sort&&(n=n.sort((i,s)=>e.sort(i,s,this.chart.data))),this.options.reverse&&n.reverse(),this.legendItems=n}fit(){const{options:e,ctx:n}=this;if(!e.display){this.width=this.height=0;return}const i=e.labels,s=ce(i.font),o=s.size,r=this._computeTitleHeight(),{boxWidth:a,itemHeight:d}=Wi(i,o);let l,u;n.font=s.string,this.isHorizontal()?(l=this.maxWidth,u=this._fitRows(r,o,a,d)+10):(u=this.maxHeight,l=this._fitCols(r,s,a,d)+10),this.width=Math.min(l,e.maxWidth||this.maxWidth),this.height=Math.min(u,e.maxHeight||this.maxHeight)}_fitRows(e,n,i,s){const{ctx:o,maxWidth:r,options:{labels:{padding:a}}}=this,d=this.legendHitBoxes=[],l=this.lineWidths=[0],u=s+a;let h=e;o.textAlign="left",o.textBaseline="middle";let p=-1,f=-u;return this.legendItems.forEach((k,y)=>{const g=i+n/2+o.measureText(k.text).width;(y===0||l[l.length-1]+g+2*a>r)&&(h+=u,l[l.length-(y>0?0:1)]=0,f+=u,p++),d[y]={left:0,top:f,row:p,width:g,height:s},l[l.length-1]+=g+a}),h}_fitCols(e,n,i,s){const{ctx:o,maxHeight:r,options:{labels:{padding:a}}}=this,d=this.legendHitBoxes=[],l=this.columnSizes=[],u=r-e;let h=a,p=0,f=0,k=0,y=0;return this.legendItems.forEach((g,v)=>{const{itemWidth:S,itemHeight:R}=$h(i,n,o,g,s);v>0&&f+R+2*a>u&&(h+=p+a,l.push({width:p,height:f}),k+=p+a,y++,p=f=0),d[v]={left:k,top:f,col:y,width:S,height:R},p=Math.max(p,S),f+=R+a}),h+=p,l.push({width:p,height:f}),h}adjustHitBoxes(){if(!this.options.display)return;const e=this._computeTitleHeight(),{legendHitBoxes:n,options:{align:i,labels:{padding:s},rtl:o}}=this,r=tt(o,this.left,this.width);if(this.isHorizontal()){let a=0,d=le(i,this.left+s,this.right-this.lineWidths[a]);for(const l of n)a!==l.row&&(a=l.row,d=le(i,this.left+s,this.right-this.lineWidths[a])),l.top+=this.top+e+s,l.left=r.leftForLtr(r.x(d),l.width),d+=l.width+s}else{let a=0,d=le(i,this.top+e+s,this.bottom-this.columnSizes[a].height);for(const l of n)l.col!==a&&(a=l.col,d=le(i,this.top+e+s,this.bottom-this.columnSizes[a].height)),l.top=d,l.left+=this.left+s,l.left=r.leftForLtr(r.x(l.left),l.width),d+=l.height+s}}isHorizontal(){return this.options.position==="top"||this.options.position==="bottom"}draw(){if(this.options.display){const e=this.ctx;qn(e,this),this._draw(),Bn(e)}}_draw(){const{options:e,columnSizes:n,lineWidths:i,ctx:s}=this,{align:o,labels:r}=e,a=te.color,d=tt(e.rtl,this.left,this.width),l=ce(r.font),{padding:u}=r,h=l.size,p=h/2;let f;this.drawTitle(),s.textAlign=d.textAlign("left"),s.textBaseline="middle",s.lineWidth=.5,s.font=l.string;const{boxWidth:k,boxHeight:y,itemHeight:g}=Wi(r,h),v=function(b,D,I){if(isNaN(k)||k<=0||isNaN(y)||y<0)return;s.save();const w=G(I.lineWidth,1);if(s.fillStyle=G(I.fillStyle,a),s.lineCap=G(I.lineCap,"butt"),s.lineDashOffset=G(I.lineDashOffset,0),s.lineJoin=G(I.lineJoin,"miter"),s.lineWidth=w,s.strokeStyle=G(I.strokeStyle,a),s.setLineDash(G(I.lineDash,[])),r.usePointStyle){const M={radius:y*Math.SQRT2/2,pointStyle:I.pointStyle,rotation:I.rotation,borderWidth:w},O=d.xPlus(b,k/2),T=D+p;io(s,M,O,T,r.pointStyleWidth&&k)}else{const M=D+Math.max((h-y)/2,0),O=d.leftForLtr(b,k),T=et(I.borderRadius);s.beginPath(),Object.values(T).some(P=>P!==0)?Yt(s,{x:O,y:M,w:k,h:y,radius:T}):s.rect(O,M,k,y),s.fill(),w!==0&&s.stroke()}s.restore()},S=function(b,D,I){Kt(s,I.text,b,D+g/2,l,{strikethrough:I.hidden,textAlign:d.textAlign(I.textAlign)})},R=this.isHorizontal(),m=this._computeTitleHeight();R?f={x:le(o,this.left+u,this.right-i[0]),y:this.top+u+m,line:0}:f={x:this.left+u,y:le(o,this.top+m+u,this.bottom-n[0].height),line:0},ho(this.ctx,e.textDirection);const x=g+u;this.legendItems.forEach((b,D)=>{s.strokeStyle=b.fontColor,s.fillStyle=b.fontColor;const I=s.measureText(b.text).width,w=d.textAlign(b.textAlign||(b.textAlign=r.textAlign)),M=k+p+I;let O=f.x,T=f.y;d.setWidth(this.width),R?D>0&&O+M+u>this.right&&(T=f.y+=x,f.line++,O=f.x=le(o,this.left+u,this.right-i[f.line])):D>0&&T+x>this.bottom&&(O=f.x=O+n[f.line].width+u,f.line++,T=f.y=le(o,this.top+m+u,this.bottom-n[f.line].height));const P=d.x(O);if(v(P,T,b),O=el(w,O+k+p,R?O+M:this.right,e.rtl),S(d.x(O),T,b),R)f.x+=M+u;else if(typeof b.text!="string"){const E=l.lineHeight;f.y+=wo(b,E)+u}else f.y+=x}),po(this.ctx,e.textDirection)}drawTitle(){const e=this.options,n=e.title,i=ce(n.font),s=ge(n.padding);if(!n.display)return;const o=tt(e.rtl,this.left,this.width),r=this.ctx,a=n.position,d=i.size/2,l=s.top+d;let u,h=this.left,p=this.width;if(this.isHorizontal())p=Math.max(...this.lineWidths),u=this.top+l,h=le(e.align,h,this.right-p);else{const k=this.columnSizes.reduce((y,g)=>Math.max(y,g.height),0);u=l+le(e.align,this.top,this.bottom-k-e.labels.padding-this._computeTitleHeight())}const f=le(a,h,h+p);r.textAlign=o.textAlign(Js(a)),r.textBaseline="middle",r.strokeStyle=n.color,r.fillStyle=n.color,r.font=i.string,Kt(r,n.text,f,u,i)}_computeTitleHeight(){const e=this.options.title,n=ce(e.font),i=ge(e.padding);return e.display?n.lineHeight+i.height:0}_getLegendItemAt(e,n){let i,s,o;if(Je(e,this.left,this.right)&&Je(n,this.top,this.bottom)){for(o=this.legendHitBoxes,i=0;i<o.length;++i)if(s=o[i],Je(e,s.left,s.left+s.width)&&Je(n,s.top,s.top+s.height))return this.legendItems[i]}return null}handleEvent(e){const n=this.options;if(!wh(e.type,n))return;const i=this._getLegendItemAt(e.x,e.y);if(e.type==="mousemove"||e.type==="mouseout"){const s=this._hoveredItem,o=Sh(s,i);s&&!o&&J(n.onLeave,[e,s,this],this),this._hoveredItem=i,i&&!o&&J(n.onHover,[e,i,this],this)}else i&&J(n.onClick,[e,i,this],this)}}function $h(t,e,n,i,s){const o=Dh(i,t,e,n),r=Rh(s,i,e.lineHeight);return{itemWidth:o,itemHeight:r}}function Dh(t,e,n,i){let s=t.text;return s&&typeof s!="string"&&(s=s.reduce((o,r)=>o.length>r.length?o:r)),e+n.size/2+i.measureText(s).width}function Rh(t,e,n){let i=t;return typeof e.text!="string"&&(i=wo(e,n)),i}function wo(t,e){const n=t.text?t.text.length:0;return e*n}function wh(t,e){return!!((t==="mousemove"||t==="mouseout")&&(e.onHover||e.onLeave)||e.onClick&&(t==="click"||t==="mouseup"))}var _h={id:"legend",_element:Gi,start(t,e,n){const i=t.legend=new Gi({ctx:t.ctx,options:n,chart:t});Ue.configure(t,i,n),Ue.addBox(t,i)},stop(t){Ue.removeBox(t,t.legend),delete t.legend},beforeUpdate(t,e,n){const i=t.legend;Ue.configure(t,i,n),i.options=n},afterUpdate(t){const e=t.legend;e.buildLabels(),e.adjustHitBoxes()},afterEvent(t,e){e.replay||t.legend.handleEvent(e.event)},defaults:{display:!0,position:"top",align:"center",fullSize:!0,reverse:!1,weight:1e3,onClick(t,e,n){const i=e.datasetIndex,s=n.chart;s.isDatasetVisible(i)?(s.hide(i),e.hidden=!0):(s.show(i),e.hidden=!1)},onHover:null,onLeave:null,labels:{color:t=>t.chart.options.color,boxWidth:40,padding:10,generateLabels(t){const e=t.data.datasets,{labels:{usePointStyle:n,pointStyle:i,textAlign:s,color:o,useBorderRadius:r,borderRadius:a}}=t.legend.options;return t._getSortedDatasetMetas().map(d=>{const l=d.controller.getStyle(n?0:void 0),u=ge(l.borderWidth);return{text:e[d.index].label,fillStyle:l.backgroundColor,fontColor:o,hidden:!d.visible,lineCap:l.borderCapStyle,lineDash:l.borderDash,lineDashOffset:l.borderDashOffset,lineJoin:l.borderJoinStyle,lineWidth:(u.width+u.height)/4,strokeStyle:l.borderColor,pointStyle:i||l.pointStyle,rotation:l.rotation,textAlign:s||l.textAlign,borderRadius:r&&(a||l.borderRadius),datasetIndex:d.index}},this)}},title:{color:t=>t.chart.options.color,display:!1,position:"center",text:""}},descriptors:{_scriptable:t=>!t.startsWith("on"),labels:{_scriptable:t=>!["generateLabels","filter","sort"].includes(t)}}};const pt={average(t){if(!t.length)return!1;let e,n,i=new Set,s=0,o=0;for(e=0,n=t.length;e<n;++e){const a=t[e].element;if(a&&a.hasValue()){const d=a.tooltipPosition();i.add(d.x),s+=d.y,++o}}return o===0||i.size===0?!1:{x:[...i].reduce((a,d)=>a+d)/i.size,y:s/o}},nearest(t,e){if(!t.length)return!1;let n=e.x,i=e.y,s=Number.POSITIVE_INFINITY,o,r,a;for(o=0,r=t.length;o<r;++o){const d=t[o].element;if(d&&d.hasValue()){const l=d.getCenterPoint(),u=Gd(e,l);u<s&&(s=u,a=d)}}if(a){const d=a.tooltipPosition();n=d.x,i=d.y}return{x:n,y:i}}};function xe(t,e){return e&&(oe(e)?Array.prototype.push.apply(t,e):t.push(e)),t}function $e(t){return(typeof t=="string"||t instanceof String)&&t.indexOf(`
`)>-1?t.split(`
`):t}function Ah(t,e){const{element:n,datasetIndex:i,index:s}=e,o=t.getDatasetMeta(i).controller,{label:r,value:a}=o.getLabelAndValue(s);return{chart:t,label:r,parsed:o.getParsed(s),raw:t.data.datasets[i].data[s],formattedValue:a,dataset:o.getDataset(),dataIndex:s,datasetIndex:i,element:n}}function Ki(t,e){const n=t.chart.ctx,{body:i,footer:s,title:o}=t,{boxWidth:r,boxHeight:a}=e,d=ce(e.bodyFont),l=ce(e.titleFont),u=ce(e.footerFont),h=o.length,p=s.length,f=i.length,k=ge(e.padding);let y=k.height,g=0,v=i.reduce((m,x)=>m+x.before.length+x.lines.length+x.after.length,0);if(v+=t.beforeBody.length+t.afterBody.length,h&&(y+=h*l.lineHeight+(h-1)*e.titleSpacing+e.titleMarginBottom),v){const m=e.displayColors?Math.max(a,d.lineHeight):d.lineHeight;y+=f*m+(v-f)*d.lineHeight+(v-1)*e.bodySpacing}p&&(y+=e.footerMarginTop+p*u.lineHeight+(p-1)*e.footerSpacing);let S=0;const R=function(m){g=Math.max(g,n.measureText(m).width+S)};return n.save(),n.font=l.string,K(t.title,R),n.font=d.string,K(t.beforeBody.concat(t.afterBody),R),S=e.displayColors?r+2+e.boxPadding:0,K(i,m=>{K(m.before,R),K(m.lines,R),K(m.after,R)}),S=0,n.font=u.string,K(t.footer,R),n.restore(),g+=k.width,{width:g,height:y}}function Ch(t,e){const{y:n,height:i}=e;return n<i/2?"top":n>t.height-i/2?"bottom":"center"}function jh(t,e,n,i){const{x:s,width:o}=i,r=n.caretSize+n.caretPadding;if(t==="left"&&s+o+r>e.width||t==="right"&&s-o-r<0)return!0}function Uh(t,e,n,i){const{x:s,width:o}=n,{width:r,chartArea:{left:a,right:d}}=t;let l="center";return i==="center"?l=s<=(a+d)/2?"left":"right":s<=o/2?l="left":s>=r-o/2&&(l="right"),jh(l,t,e,n)&&(l="center"),l}function Yi(t,e,n){const i=n.yAlign||e.yAlign||Ch(t,n);return{xAlign:n.xAlign||e.xAlign||Uh(t,e,n,i),yAlign:i}}function Th(t,e){let{x:n,width:i}=t;return e==="right"?n-=i:e==="center"&&(n-=i/2),n}function Ph(t,e,n){let{y:i,height:s}=t;return e==="top"?i+=n:e==="bottom"?i-=s+n:i-=s/2,i}function Xi(t,e,n,i){const{caretSize:s,caretPadding:o,cornerRadius:r}=t,{xAlign:a,yAlign:d}=n,l=s+o,{topLeft:u,topRight:h,bottomLeft:p,bottomRight:f}=et(r);let k=Th(e,a);const y=Ph(e,d,l);return d==="center"?a==="left"?k+=l:a==="right"&&(k-=l):a==="left"?k-=Math.max(u,p)+s:a==="right"&&(k+=Math.max(h,f)+s),{x:me(k,0,i.width-e.width),y:me(y,0,i.height-e.height)}}function Mt(t,e,n){const i=ge(n.padding);return e==="center"?t.x+t.width/2:e==="right"?t.x+t.width-i.right:t.x+i.left}function Qi(t){return xe([],$e(t))}function Eh(t,e,n){return st(t,{tooltip:e,tooltipItems:n,type:"tooltip"})}function Zi(t,e){const n=e&&e.dataset&&e.dataset.tooltip&&e.dataset.tooltip.callbacks;return n?t.override(n):t}const _o={beforeTitle:ve,title(t){if(t.length>0){const e=t[0],n=e.chart.data.labels,i=n?n.length:0;if(this&&this.options&&this.options.mode==="dataset")return e.dataset.label||"";if(e.label)return e.label;if(i>0&&e.dataIndex<i)return n[e.dataIndex]}return""},afterTitle:ve,beforeBody:ve,beforeLabel:ve,label(t){if(this&&this.options&&this.options.mode==="dataset")return t.label+": "+t.formattedValue||t.formattedValue;let e=t.dataset.label||"";e&&(e+=": ");const n=t.formattedValue;return Q(n)||(e+=n),e},labelColor(t){const n=t.chart.getDatasetMeta(t.datasetIndex).controller.getStyle(t.dataIndex);return{borderColor:n.borderColor,backgroundColor:n.backgroundColor,borderWidth:n.borderWidth,borderDash:n.borderDash,borderDashOffset:n.borderDashOffset,borderRadius:0}},labelTextColor(){return this.options.bodyColor},labelPointStyle(t){const n=t.chart.getDatasetMeta(t.datasetIndex).controller.getStyle(t.dataIndex);return{pointStyle:n.pointStyle,rotation:n.rotation}},afterLabel:ve,afterBody:ve,beforeFooter:ve,footer:ve,afterFooter:ve};function re(t,e,n,i){const s=t[e].call(n,i);return typeof s>"u"?_o[e].call(n,i):s}class wn extends Xe{constructor(e){super(),this.opacity=0,this._active=[],this._eventPosition=void 0,this._size=void 0,this._cachedAnimations=void 0,this._tooltipItems=[],this.$animations=void 0,this.$context=void 0,this.chart=e.chart,this.options=e.options,this.dataPoints=void 0,this.title=void 0,this.beforeBody=void 0,this.body=void 0,this.afterBody=void 0,this.footer=void 0,this.xAlign=void 0,this.yAlign=void 0,this.x=void 0,this.y=void 0,this.height=void 0,this.width=void 0,this.caretX=void 0,this.caretY=void 0,this.labelColors=void 0,this.labelPointStyles=void 0,this.labelTextColors=void 0}initialize(e){this.options=e,this._cachedAnimations=void 0,this.$context=void 0}_resolveAnimations(){const e=this._cachedAnimations;if(e)return e;const n=this.chart,i=this.options.setContext(this.getContext()),s=i.enabled&&n.options.animation&&i.animations,o=new fo(this.chart,s);return s._cacheable&&(this._cachedAnimations=Object.freeze(o)),o}getContext(){return this.$context||(this.$context=Eh(this.chart.getContext(),this,this._tooltipItems))}getTitle(e,n){const{callbacks:i}=n,s=re(i,"beforeTitle",this,e),o=re(i,"title",this,e),r=re(i,"afterTitle",this,e);let a=[];return a=xe(a,$e(s)),a=xe(a,$e(o)),a=xe(a,$e(r)),a}getBeforeBody(e,n){return Qi(re(n.callbacks,"beforeBody",this,e))}getBody(e,n){const{callbacks:i}=n,s=[];return K(e,o=>{const r={before:[],lines:[],after:[]},a=Zi(i,o);xe(r.before,$e(re(a,"beforeLabel",this,o))),xe(r.lines,re(a,"label",this,o)),xe(r.after,$e(re(a,"afterLabel",this,o))),s.push(r)}),s}getAfterBody(e,n){return Qi(re(n.callbacks,"afterBody",this,e))}getFooter(e,n){const{callbacks:i}=n,s=re(i,"beforeFooter",this,e),o=re(i,"footer",this,e),r=re(i,"afterFooter",this,e);let a=[];return a=xe(a,$e(s)),a=xe(a,$e(o)),a=xe(a,$e(r)),a}_createItems(e){const n=this._active,i=this.chart.data,s=[],o=[],r=[];let a=[],d,l;for(d=0,l=n.length;d<l;++d)a.push(Ah(this.chart,n[d]));return e.filter&&(a=a.filter((u,h,p)=>e.filter(u,h,p,i))),e.itemSort&&(a=a.sort((u,h)=>e.itemSort(u,h,i))),K(a,u=>{const h=Zi(e.callbacks,u);s.push(re(h,"labelColor",this,u)),o.push(re(h,"labelPointStyle",this,u)),r.push(re(h,"labelTextColor",this,u))}),this.labelColors=s,this.labelPointStyles=o,this.labelTextColors=r,this.dataPoints=a,a}update(e,n){const i=this.options.setContext(this.getContext()),s=this._active;let o,r=[];if(!s.length)this.opacity!==0&&(o={opacity:0});else{const a=pt[i.position].call(this,s,this._eventPosition);r=this._createItems(i),this.title=this.getTitle(r,i),this.beforeBody=this.getBeforeBody(r,i),this.body=this.getBody(r,i),this.afterBody=this.getAfterBody(r,i),this.footer=this.getFooter(r,i);const d=this._size=Ki(this,i),l=Object.assign({},a,d),u=Yi(this.chart,i,l),h=Xi(i,l,u,this.chart);this.xAlign=u.xAlign,this.yAlign=u.yAlign,o={opacity:1,x:h.x,y:h.y,width:d.width,height:d.height,caretX:a.x,caretY:a.y}}this._tooltipItems=r,this.$context=void 0,o&&this._resolveAnimations().update(this,o),e&&i.external&&i.external.call(this,{chart:this.chart,tooltip:this,replay:n})}drawCaret(e,n,i,s){const o=this.getCaretPosition(e,i,s);n.lineTo(o.x1,o.y1),n.lineTo(o.x2,o.y2),n.lineTo(o.x3,o.y3)}getCaretPosition(e,n,i){const{xAlign:s,yAlign:o}=this,{caretSize:r,cornerRadius:a}=i,{topLeft:d,topRight:l,bottomLeft:u,bottomRight:h}=et(a),{x:p,y:f}=e,{width:k,height:y}=n;let g,v,S,R,m,x;return o==="center"?(m=f+y/2,s==="left"?(g=p,v=g-r,R=m+r,x=m-r):(g=p+k,v=g+r,R=m-r,x=m+r),S=g):(s==="left"?v=p+Math.max(d,u)+r:s==="right"?v=p+k-Math.max(l,h)-r:v=this.caretX,o==="top"?(R=f,m=R-r,g=v-r,S=v+r):(R=f+y,m=R+r,g=v+r,S=v-r),x=R),{x1:g,x2:v,x3:S,y1:R,y2:m,y3:x}}drawTitle(e,n,i){const s=this.title,o=s.length;let r,a,d;if(o){const l=tt(i.rtl,this.x,this.width);for(e.x=Mt(this,i.titleAlign,i),n.textAlign=l.textAlign(i.titleAlign),n.textBaseline="middle",r=ce(i.titleFont),a=i.titleSpacing,n.fillStyle=i.titleColor,n.font=r.string,d=0;d<o;++d)n.fillText(s[d],l.x(e.x),e.y+r.lineHeight/2),e.y+=r.lineHeight+a,d+1===o&&(e.y+=i.titleMarginBottom-a)}}_drawColorBox(e,n,i,s,o){const r=this.labelColors[i],a=this.labelPointStyles[i],{boxHeight:d,boxWidth:l}=o,u=ce(o.bodyFont),h=Mt(this,"left",o),p=s.x(h),f=d<u.lineHeight?(u.lineHeight-d)/2:0,k=n.y+f;if(o.usePointStyle){const y={radius:Math.min(l,d)/2,pointStyle:a.pointStyle,rotation:a.rotation,borderWidth:1},g=s.leftForLtr(p,l)+l/2,v=k+d/2;e.strokeStyle=o.multiKeyBackground,e.fillStyle=o.multiKeyBackground,pi(e,y,g,v),e.strokeStyle=r.borderColor,e.fillStyle=r.backgroundColor,pi(e,y,g,v)}else{e.lineWidth=W(r.borderWidth)?Math.max(...Object.values(r.borderWidth)):r.borderWidth||1,e.strokeStyle=r.borderColor,e.setLineDash(r.borderDash||[]),e.lineDashOffset=r.borderDashOffset||0;const y=s.leftForLtr(p,l),g=s.leftForLtr(s.xPlus(p,1),l-2),v=et(r.borderRadius);Object.values(v).some(S=>S!==0)?(e.beginPath(),e.fillStyle=o.multiKeyBackground,Yt(e,{x:y,y:k,w:l,h:d,radius:v}),e.fill(),e.stroke(),e.fillStyle=r.backgroundColor,e.beginPath(),Yt(e,{x:g,y:k+1,w:l-2,h:d-2,radius:v}),e.fill()):(e.fillStyle=o.multiKeyBackground,e.fillRect(y,k,l,d),e.strokeRect(y,k,l,d),e.fillStyle=r.backgroundColor,e.fillRect(g,k+1,l-2,d-2))}e.fillStyle=this.labelTextColors[i]}drawBody(e,n,i){const{body:s}=this,{bodySpacing:o,bodyAlign:r,displayColors:a,boxHeight:d,boxWidth:l,boxPadding:u}=i,h=ce(i.bodyFont);let p=h.lineHeight,f=0;const k=tt(i.rtl,this.x,this.width),y=function(I){n.fillText(I,k.x(e.x+f),e.y+p/2),e.y+=p+o},g=k.textAlign(r);let v,S,R,m,x,b,D;for(n.textAlign=r,n.textBaseline="middle",n.font=h.string,e.x=Mt(this,g,i),n.fillStyle=i.bodyColor,K(this.beforeBody,y),f=a&&g!=="right"?r==="center"?l/2+u:l+2+u:0,m=0,b=s.length;m<b;++m){for(v=s[m],S=this.labelTextColors[m],n.fillStyle=S,K(v.before,y),R=v.lines,a&&R.length&&(this._drawColorBox(n,e,m,k,i),p=Math.max(h.lineHeight,d)),x=0,D=R.length;x<D;++x)y(R[x]),p=h.lineHeight;K(v.after,y)}f=0,p=h.lineHeight,K(this.afterBody,y),e.y-=o}drawFooter(e,n,i){const s=this.footer,o=s.length;let r,a;if(o){const d=tt(i.rtl,this.x,this.width);for(e.x=Mt(this,i.footerAlign,i),e.y+=i.footerMarginTop,n.textAlign=d.textAlign(i.footerAlign),n.textBaseline="middle",r=ce(i.footerFont),n.fillStyle=i.footerColor,n.font=r.string,a=0;a<o;++a)n.fillText(s[a],d.x(e.x),e.y+r.lineHeight/2),e.y+=r.lineHeight+i.footerSpacing}}drawBackground(e,n,i,s){const{xAlign:o,yAlign:r}=this,{x:a,y:d}=e,{width:l,height:u}=i,{topLeft:h,topRight:p,bottomLeft:f,bottomRight:k}=et(s.cornerRadius);n.fillStyle=s.backgroundColor,n.strokeStyle=s.borderColor,n.lineWidth=s.borderWidth,n.beginPath(),n.moveTo(a+h,d),r==="top"&&this.drawCaret(e,n,i,s),n.lineTo(a+l-p,d),n.quadraticCurveTo(a+l,d,a+l,d+p),r==="center"&&o==="right"&&this.drawCaret(e,n,i,s),n.lineTo(a+l,d+u-k),n.quadraticCurveTo(a+l,d+u,a+l-k,d+u),r==="bottom"&&this.drawCaret(e,n,i,s),n.lineTo(a+f,d+u),n.quadraticCurveTo(a,d+u,a,d+u-f),r==="center"&&o==="left"&&this.drawCaret(e,n,i,s),n.lineTo(a,d+h),n.quadraticCurveTo(a,d,a+h,d),n.closePath(),n.fill(),s.borderWidth>0&&n.stroke()}_updateAnimationTarget(e){const n=this.chart,i=this.$animations,s=i&&i.x,o=i&&i.y;if(s||o){const r=pt[e.position].call(this,this._active,this._eventPosition);if(!r)return;const a=this._size=Ki(this,e),d=Object.assign({},r,this._size),l=Yi(n,e,d),u=Xi(e,d,l,n);(s._to!==u.x||o._to!==u.y)&&(this.xAlign=l.xAlign,this.yAlign=l.yAlign,this.width=a.width,this.height=a.height,this.caretX=r.x,this.caretY=r.y,this._resolveAnimations().update(this,u))}}_willRender(){return!!this.opacity}draw(e){const n=this.options.setContext(this.getContext());let i=this.opacity;if(!i)return;this._updateAnimationTarget(n);const s={width:this.width,height:this.height},o={x:this.x,y:this.y};i=Math.abs(i)<.001?0:i;const r=ge(n.padding),a=this.title.length||this.beforeBody.length||this.body.length||this.afterBody.length||this.footer.length;n.enabled&&a&&(e.save(),e.globalAlpha=i,this.drawBackground(o,e,s,n),ho(e,n.textDirection),o.y+=r.top,this.drawTitle(o,e,n),this.drawBody(o,e,n),this.drawFooter(o,e,n),po(e,n.textDirection),e.restore())}getActiveElements(){return this._active||[]}setActiveElements(e,n){const i=this._active,s=e.map(({datasetIndex:a,index:d})=>{const l=this.chart.getDatasetMeta(a);if(!l)throw new Error("Cannot find a dataset at index "+a);return{datasetIndex:a,element:l.data[d],index:d}}),o=!zt(i,s),r=this._positionChanged(s,n);(o||r)&&(this._active=s,this._eventPosition=n,this._ignoreReplayEvents=!0,this.update(!0))}handleEvent(e,n,i=!0){if(n&&this._ignoreReplayEvents)return!1;this._ignoreReplayEvents=!1;const s=this.options,o=this._active||[],r=this._getActiveElements(e,o,n,i),a=this._positionChanged(r,e),d=n||!zt(r,o)||a;return d&&(this._active=r,(s.enabled||s.external)&&(this._eventPosition={x:e.x,y:e.y},this.update(!0,n))),d}_getActiveElements(e,n,i,s){const o=this.options;if(e.type==="mouseout")return[];if(!s)return n.filter(a=>this.chart.data.datasets[a.datasetIndex]&&this.chart.getDatasetMeta(a.datasetIndex).controller.getParsed(a.index)!==void 0);const r=this.chart.getElementsAtEventForMode(e,o.mode,o,i);return o.reverse&&r.reverse(),r}_positionChanged(e,n){const{caretX:i,caretY:s,options:o}=this,r=pt[o.position].call(this,e,n);return r!==!1&&(i!==r.x||s!==r.y)}}z(wn,"positioners",pt);var Mh={id:"tooltip",_element:wn,positioners:pt,afterInit(t,e,n){n&&(t.tooltip=new wn({chart:t,options:n}))},beforeUpdate(t,e,n){t.tooltip&&t.tooltip.initialize(n)},reset(t,e,n){t.tooltip&&t.tooltip.initialize(n)},afterDraw(t){const e=t.tooltip;if(e&&e._willRender()){const n={tooltip:e};if(t.notifyPlugins("beforeTooltipDraw",{...n,cancelable:!0})===!1)return;e.draw(t.ctx),t.notifyPlugins("afterTooltipDraw",n)}},afterEvent(t,e){if(t.tooltip){const n=e.replay;t.tooltip.handleEvent(e.event,n,e.inChartArea)&&(e.changed=!0)}},defaults:{enabled:!0,external:null,position:"average",backgroundColor:"rgba(0,0,0,0.8)",titleColor:"#fff",titleFont:{weight:"bold"},titleSpacing:2,titleMarginBottom:6,titleAlign:"left",bodyColor:"#fff",bodySpacing:2,bodyFont:{},bodyAlign:"left",footerColor:"#fff",footerSpacing:2,footerMarginTop:6,footerFont:{weight:"bold"},footerAlign:"left",padding:6,caretPadding:2,caretSize:5,cornerRadius:6,boxHeight:(t,e)=>e.bodyFont.size,boxWidth:(t,e)=>e.bodyFont.size,multiKeyBackground:"#fff",displayColors:!0,boxPadding:0,borderColor:"rgba(0,0,0,0)",borderWidth:0,animation:{duration:400,easing:"easeOutQuart"},animations:{numbers:{type:"number",properties:["x","y","width","height","caretX","caretY"]},opacity:{easing:"linear",duration:200}},callbacks:_o},defaultRoutes:{bodyFont:"font",footerFont:"font",titleFont:"font"},descriptors:{_scriptable:t=>t!=="filter"&&t!=="itemSort"&&t!=="external",_indexable:!1,callbacks:{_scriptable:!1,_indexable:!1},animation:{_fallback:!1},animations:{_fallback:"animation"}},additionalOptionScopes:["interaction"]};const Oh=(t,e,n,i)=>(typeof e=="string"?(n=t.push(e)-1,i.unshift({index:n,label:e})):isNaN(e)&&(n=null),n);function Nh(t,e,n,i){const s=t.indexOf(e);if(s===-1)return Oh(t,e,n,i);const o=t.lastIndexOf(e);return s!==o?n:s}const Fh=(t,e)=>t===null?null:me(Math.round(t),0,e);function Ji(t){const e=this.getLabels();return t>=0&&t<e.length?e[t]:t}class _n extends ot{constructor(e){super(e),this._startValue=void 0,this._valueRange=0,this._addedLabels=[]}init(e){const n=this._addedLabels;if(n.length){const i=this.getLabels();for(const{index:s,label:o}of n)i[s]===o&&i.splice(s,1);this._addedLabels=[]}super.init(e)}parse(e,n){if(Q(e))return null;const i=this.getLabels();return n=isFinite(n)&&i[n]===e?n:Nh(i,e,G(n,e),this._addedLabels),Fh(n,i.length-1)}determineDataLimits(){const{minDefined:e,maxDefined:n}=this.getUserBounds();let{min:i,max:s}=this.getMinMax(!0);this.options.bounds==="ticks"&&(e||(i=0),n||(s=this.getLabels().length-1)),this.min=i,this.max=s}buildTicks(){const e=this.min,n=this.max,i=this.options.offset,s=[];let o=this.getLabels();o=e===0&&n===o.length-1?o:o.slice(e,n+1),this._valueRange=Math.max(o.length-(i?0:1),1),this._startValue=this.min-(i?.5:0);for(let r=e;r<=n;r++)s.push({value:r});return s}getLabelForValue(e){return Ji.call(this,e)}configure(){super.configure(),this.isHorizontal()||(this._reversePixels=!this._reversePixels)}getPixelForValue(e){return typeof e!="number"&&(e=this.parse(e)),e===null?NaN:this.getPixelForDecimal((e-this._startValue)/this._valueRange)}getPixelForTick(e){const n=this.ticks;return e<0||e>n.length-1?null:this.getPixelForValue(n[e].value)}getValueForPixel(e){return Math.round(this._startValue+this.getDecimalForPixel(e)*this._valueRange)}getBasePixel(){return this.bottom}}z(_n,"id","category"),z(_n,"defaults",{ticks:{callback:Ji}});function Lh(t,e){const n=[],{bounds:s,step:o,min:r,max:a,precision:d,count:l,maxTicks:u,maxDigits:h,includeBounds:p}=t,f=o||1,k=u-1,{min:y,max:g}=e,v=!Q(r),S=!Q(a),R=!Q(l),m=(g-y)/(h+1);let x=si((g-y)/k/f)*f,b,D,I,w;if(x<1e-14&&!v&&!S)return[{value:y},{value:g}];w=Math.ceil(g/x)-Math.floor(y/x),w>k&&(x=si(w*x/k/f)*f),Q(d)||(b=Math.pow(10,d),x=Math.ceil(x*b)/b),s==="ticks"?(D=Math.floor(y/x)*x,I=Math.ceil(g/x)*x):(D=y,I=g),v&&S&&o&&Hd((a-r)/o,x/1e3)?(w=Math.round(Math.min((a-r)/x,u)),x=(a-r)/w,D=r,I=a):R?(D=v?r:D,I=S?a:I,w=l-1,x=(I-D)/w):(w=(I-D)/x,Nt(w,Math.round(w),x/1e3)?w=Math.round(w):w=Math.ceil(w));const M=Math.max(oi(x),oi(D));b=Math.pow(10,Q(d)?M:d),D=Math.round(D*b)/b,I=Math.round(I*b)/b;let O=0;for(v&&(p&&D!==r?(n.push({value:r}),D<r&&O++,Nt(Math.round((D+O*x)*b)/b,r,es(r,m,t))&&O++):D<r&&O++);O<w;++O){const T=Math.round((D+O*x)*b)/b;if(S&&T>a)break;n.push({value:T})}return S&&p&&I!==a?n.length&&Nt(n[n.length-1].value,a,es(a,m,t))?n[n.length-1].value=a:n.push({value:a}):(!S||I===a)&&n.push({value:I}),n}function es(t,e,{horizontal:n,minRotation:i}){const s=Ge(i),o=(n?Math.sin(s):Math.cos(s))||.001,r=.75*e*(""+t).length;return Math.min(e/o,r)}class qh extends ot{constructor(e){super(e),this.start=void 0,this.end=void 0,this._startValue=void 0,this._endValue=void 0,this._valueRange=0}parse(e,n){return Q(e)||(typeof e=="number"||e instanceof Number)&&!isFinite(+e)?null:+e}handleTickRangeOptions(){const{beginAtZero:e}=this.options,{minDefined:n,maxDefined:i}=this.getUserBounds();let{min:s,max:o}=this;const r=d=>s=n?s:d,a=d=>o=i?o:d;if(e){const d=Oe(s),l=Oe(o);d<0&&l<0?a(0):d>0&&l>0&&r(0)}if(s===o){let d=o===0?1:Math.abs(o*.05);a(o+d),e||r(s-d)}this.min=s,this.max=o}getTickLimit(){const e=this.options.ticks;let{maxTicksLimit:n,stepSize:i}=e,s;return i?(s=Math.ceil(this.max/i)-Math.floor(this.min/i)+1,s>1e3&&(console.warn(`scales.${this.id}.ticks.stepSize: ${i} would result generating up to ${s} ticks. Limiting to 1000.`),s=1e3)):(s=this.computeTickLimit(),n=n||11),n&&(s=Math.min(n,s)),s}computeTickLimit(){return Number.POSITIVE_INFINITY}buildTicks(){const e=this.options,n=e.ticks;let i=this.getTickLimit();i=Math.max(2,i);const s={maxTicks:i,bounds:e.bounds,min:e.min,max:e.max,precision:n.precision,step:n.stepSize,count:n.count,maxDigits:this._maxDigits(),horizontal:this.isHorizontal(),minRotation:n.minRotation||0,includeBounds:n.includeBounds!==!1},o=this._range||this,r=Lh(s,o);return e.bounds==="ticks"&&zd(r,this,"value"),e.reverse?(r.reverse(),this.start=this.max,this.end=this.min):(this.start=this.min,this.end=this.max),r}configure(){const e=this.ticks;let n=this.min,i=this.max;if(super.configure(),this.options.offset&&e.length){const s=(i-n)/Math.max(e.length-1,1)/2;n-=s,i+=s}this._startValue=n,this._endValue=i,this._valueRange=i-n}getLabelForValue(e){return to(e,this.chart.options.locale,this.options.ticks.format)}}class An extends qh{determineDataLimits(){const{min:e,max:n}=this.getMinMax(!0);this.min=pe(e)?e:0,this.max=pe(n)?n:1,this.handleTickRangeOptions()}computeTickLimit(){const e=this.isHorizontal(),n=e?this.width:this.height,i=Ge(this.options.ticks.minRotation),s=(e?Math.sin(i):Math.cos(i))||.001,o=this._resolveTickFontOptions(0);return Math.ceil(n/Math.min(40,o.lineHeight/s))}getPixelForValue(e){return e===null?NaN:this.getPixelForDecimal((e-this._startValue)/this._valueRange)}getValueForPixel(e){return this._startValue+this.getDecimalForPixel(e)*this._valueRange}}z(An,"id","linear"),z(An,"defaults",{ticks:{callback:no.formatters.numeric}});const nn={millisecond:{common:!0,size:1,steps:1e3},second:{common:!0,size:1e3,steps:60},minute:{common:!0,size:6e4,steps:60},hour:{common:!0,size:36e5,steps:24},day:{common:!0,size:864e5,steps:30},week:{common:!1,size:6048e5,steps:4},month:{common:!0,size:2628e6,steps:12},quarter:{common:!1,size:7884e6,steps:4},year:{common:!0,size:3154e7}},ae=Object.keys(nn);function ts(t,e){return t-e}function ns(t,e){if(Q(e))return null;const n=t._adapter,{parser:i,round:s,isoWeekday:o}=t._parseOpts;let r=e;return typeof i=="function"&&(r=i(r)),pe(r)||(r=typeof i=="string"?n.parse(r,i):n.parse(r)),r===null?null:(s&&(r=s==="week"&&(Gt(o)||o===!0)?n.startOf(r,"isoWeek",o):n.startOf(r,s)),+r)}function is(t,e,n,i){const s=ae.length;for(let o=ae.indexOf(t);o<s-1;++o){const r=nn[ae[o]],a=r.steps?r.steps:Number.MAX_SAFE_INTEGER;if(r.common&&Math.ceil((n-e)/(a*r.size))<=i)return ae[o]}return ae[s-1]}function Bh(t,e,n,i,s){for(let o=ae.length-1;o>=ae.indexOf(n);o--){const r=ae[o];if(nn[r].common&&t._adapter.diff(s,i,r)>=e-1)return r}return ae[n?ae.indexOf(n):0]}function Hh(t){for(let e=ae.indexOf(t)+1,n=ae.length;e<n;++e)if(nn[ae[e]].common)return ae[e]}function ss(t,e,n){if(!n)t[e]=!0;else if(n.length){const{lo:i,hi:s}=Ln(n,e),o=n[i]>=e?n[i]:n[s];t[o]=!0}}function zh(t,e,n,i){const s=t._adapter,o=+s.startOf(e[0].value,i),r=e[e.length-1].value;let a,d;for(a=o;a<=r;a=+s.add(a,1,i))d=n[a],d>=0&&(e[d].major=!0);return e}function os(t,e,n){const i=[],s={},o=e.length;let r,a;for(r=0;r<o;++r)a=e[r],s[a]=r,i.push({value:a,major:!1});return o===0||!n?i:zh(t,i,s,n)}class Zt extends ot{constructor(e){super(e),this._cache={data:[],labels:[],all:[]},this._unit="day",this._majorUnit=void 0,this._offsets={},this._normalized=!1,this._parseOpts=void 0}init(e,n={}){const i=e.time||(e.time={}),s=this._adapter=new du._date(e.adapters.date);s.init(n),ft(i.displayFormats,s.formats()),this._parseOpts={parser:i.parser,round:i.round,isoWeekday:i.isoWeekday},super.init(e),this._normalized=n.normalized}parse(e,n){return e===void 0?null:ns(this,e)}beforeLayout(){super.beforeLayout(),this._cache={data:[],labels:[],all:[]}}determineDataLimits(){const e=this.options,n=this._adapter,i=e.time.unit||"day";let{min:s,max:o,minDefined:r,maxDefined:a}=this.getUserBounds();function d(l){!r&&!isNaN(l.min)&&(s=Math.min(s,l.min)),!a&&!isNaN(l.max)&&(o=Math.max(o,l.max))}(!r||!a)&&(d(this._getLabelBounds()),(e.bounds!=="ticks"||e.ticks.source!=="labels")&&d(this.getMinMax(!1))),s=pe(s)&&!isNaN(s)?s:+n.startOf(Date.now(),i),o=pe(o)&&!isNaN(o)?o:+n.endOf(Date.now(),i)+1,this.min=Math.min(s,o-1),this.max=Math.max(s+1,o)}_getLabelBounds(){const e=this.getLabelTimestamps();let n=Number.POSITIVE_INFINITY,i=Number.NEGATIVE_INFINITY;return e.length&&(n=e[0],i=e[e.length-1]),{min:n,max:i}}buildTicks(){const e=this.options,n=e.time,i=e.ticks,s=i.source==="labels"?this.getLabelTimestamps():this._generate();e.bounds==="ticks"&&s.length&&(this.min=this._userMin||s[0],this.max=this._userMax||s[s.length-1]);const o=this.min,r=this.max,a=Qd(s,o,r);return this._unit=n.unit||(i.autoSkip?is(n.minUnit,this.min,this.max,this._getLabelCapacity(o)):Bh(this,a.length,n.minUnit,this.min,this.max)),this._majorUnit=!i.major.enabled||this._unit==="year"?void 0:Hh(this._unit),this.initOffsets(s),e.reverse&&a.reverse(),os(this,a,this._majorUnit)}afterAutoSkip(){this.options.offsetAfterAutoskip&&this.initOffsets(this.ticks.map(e=>+e.value))}initOffsets(e=[]){let n=0,i=0,s,o;this.options.offset&&e.length&&(s=this.getDecimalForValue(e[0]),e.length===1?n=1-s:n=(this.getDecimalForValue(e[1])-s)/2,o=this.getDecimalForValue(e[e.length-1]),e.length===1?i=o:i=(o-this.getDecimalForValue(e[e.length-2]))/2);const r=e.length<3?.5:.25;n=me(n,0,r),i=me(i,0,r),this._offsets={start:n,end:i,factor:1/(n+1+i)}}_generate(){const e=this._adapter,n=this.min,i=this.max,s=this.options,o=s.time,r=o.unit||is(o.minUnit,n,i,this._getLabelCapacity(n)),a=G(s.ticks.stepSize,1),d=r==="week"?o.isoWeekday:!1,l=Gt(d)||d===!0,u={};let h=n,p,f;if(l&&(h=+e.startOf(h,"isoWeek",d)),h=+e.startOf(h,l?"day":r),e.diff(i,n,r)>1e5*a)throw new Error(n+" and "+i+" are too far apart with stepSize of "+a+" "+r);const k=s.ticks.source==="data"&&this.getDataTimestamps();for(p=h,f=0;p<i;p=+e.add(p,a,r),f++)ss(u,p,k);return(p===i||s.bounds==="ticks"||f===1)&&ss(u,p,k),Object.keys(u).sort(ts).map(y=>+y)}getLabelForValue(e){const n=this._adapter,i=this.options.time;return i.tooltipFormat?n.format(e,i.tooltipFormat):n.format(e,i.displayFormats.datetime)}format(e,n){const s=this.options.time.displayFormats,o=this._unit,r=n||s[o];return this._adapter.format(e,r)}_tickFormatFunction(e,n,i,s){const o=this.options,r=o.ticks.callback;if(r)return J(r,[e,n,i],this);const a=o.time.displayFormats,d=this._unit,l=this._majorUnit,u=d&&a[d],h=l&&a[l],p=i[n],f=l&&h&&p&&p.major;return this._adapter.format(e,s||(f?h:u))}generateTickLabels(e){let n,i,s;for(n=0,i=e.length;n<i;++n)s=e[n],s.label=this._tickFormatFunction(s.value,n,e)}getDecimalForValue(e){return e===null?NaN:(e-this.min)/(this.max-this.min)}getPixelForValue(e){const n=this._offsets,i=this.getDecimalForValue(e);return this.getPixelForDecimal((n.start+i)*n.factor)}getValueForPixel(e){const n=this._offsets,i=this.getDecimalForPixel(e)/n.factor-n.end;return this.min+i*(this.max-this.min)}_getLabelSize(e){const n=this.options.ticks,i=this.ctx.measureText(e).width,s=Ge(this.isHorizontal()?n.maxRotation:n.minRotation),o=Math.cos(s),r=Math.sin(s),a=this._resolveTickFontOptions(0).size;return{w:i*o+a*r,h:i*r+a*o}}_getLabelCapacity(e){const n=this.options.time,i=n.displayFormats,s=i[n.unit]||i.millisecond,o=this._tickFormatFunction(e,0,os(this,[e],this._majorUnit),s),r=this._getLabelSize(o),a=Math.floor(this.isHorizontal()?this.width/r.w:this.height/r.h)-1;return a>0?a:1}getDataTimestamps(){let e=this._cache.data||[],n,i;if(e.length)return e;const s=this.getMatchingVisibleMetas();if(this._normalized&&s.length)return this._cache.data=s[0].controller.getAllParsedValues(this);for(n=0,i=s.length;n<i;++n)e=e.concat(s[n].controller.getAllParsedValues(this));return this._cache.data=this.normalize(e)}getLabelTimestamps(){const e=this._cache.labels||[];let n,i;if(e.length)return e;const s=this.getLabels();for(n=0,i=s.length;n<i;++n)e.push(ns(this,s[n]));return this._cache.labels=this._normalized?e:this.normalize(e)}normalize(e){return Xs(e.sort(ts))}}z(Zt,"id","time"),z(Zt,"defaults",{bounds:"data",adapters:{},time:{parser:!1,unit:!1,round:!1,isoWeekday:!1,minUnit:"millisecond",displayFormats:{}},ticks:{source:"auto",callback:!1,major:{enabled:!1}}});function Ot(t,e,n){let i=0,s=t.length-1,o,r,a,d;n?(e>=t[i].pos&&e<=t[s].pos&&({lo:i,hi:s}=Sn(t,"pos",e)),{pos:o,time:a}=t[i],{pos:r,time:d}=t[s]):(e>=t[i].time&&e<=t[s].time&&({lo:i,hi:s}=Sn(t,"time",e)),{time:o,pos:a}=t[i],{time:r,pos:d}=t[s]);const l=r-o;return l?a+(d-a)*(e-o)/l:a}class rs extends Zt{constructor(e){super(e),this._table=[],this._minPos=void 0,this._tableRange=void 0}initOffsets(){const e=this._getTimestampsForTable(),n=this._table=this.buildLookupTable(e);this._minPos=Ot(n,this.min),this._tableRange=Ot(n,this.max)-this._minPos,super.initOffsets(e)}buildLookupTable(e){const{min:n,max:i}=this,s=[],o=[];let r,a,d,l,u;for(r=0,a=e.length;r<a;++r)l=e[r],l>=n&&l<=i&&s.push(l);if(s.length<2)return[{time:n,pos:0},{time:i,pos:1}];for(r=0,a=s.length;r<a;++r)u=s[r+1],d=s[r-1],l=s[r],Math.round((u+d)/2)!==l&&o.push({time:l,pos:r/(a-1)});return o}_generate(){const e=this.min,n=this.max;let i=super.getDataTimestamps();return(!i.includes(e)||!i.length)&&i.splice(0,0,e),(!i.includes(n)||i.length===1)&&i.push(n),i.sort((s,o)=>s-o)}_getTimestampsForTable(){let e=this._cache.all||[];if(e.length)return e;const n=this.getDataTimestamps(),i=this.getLabelTimestamps();return n.length&&i.length?e=this.normalize(n.concat(i)):e=n.length?n:i,e=this._cache.all=e,e}getDecimalForValue(e){return(Ot(this._table,e)-this._minPos)/this._tableRange}getValueForPixel(e){const n=this._offsets,i=this.getDecimalForPixel(e)/n.factor-n.end;return Ot(this._table,i*this._tableRange+this._minPos,!0)}}z(rs,"id","timeseries"),z(rs,"defaults",Zt.defaults);Re.register(Ft,Bt,_n,An,_h,Mh);const as=["#1f5fa8","#b3541e","#2e7d32","#6a1b9a","#8d6e00","#00695c"];function Vh(t,e,n,i=!1){const s=new Re(t,{type:"bar",data:{labels:e,datasets:n.map((o,r)=>({label:o.label,data:o.data,backgroundColor:as[r%as.length]}))},options:{animation:!1,responsive:!0,maintainAspectRatio:!1,scales:{x:{stacked:i},y:{stacked:i,beginAtZero:!0}}}});return()=>s.destroy()}function Ht({title:t,labels:e,series:n,stacked:i,drawn:s}){const o=$.useRef(null);$.useEffect(()=>{if(o.current)return Vh(o.current,e,n.slice(0,s??n.length),i)},[e,n,i,s]);const r=Math.max(260,Math.min(480,120+e.length*14));return c.jsxs("figure",{className:"chart",children:[c.jsx("figcaption",{children:t}),c.jsx("div",{className:"chart-canvas",style:{height:r},children:c.jsx("canvas",{ref:o,role:"img","aria-label":t})}),c.jsxs("table",{className:"figures",children:[c.jsx("caption",{className:"sr-only",children:t}),c.jsx("thead",{children:c.jsxs("tr",{children:[c.jsx("th",{scope:"col",children:"—"}),n.map(a=>c.jsx("th",{scope:"col",children:a.label},a.label))]})}),c.jsx("tbody",{children:e.map((a,d)=>c.jsxs("tr",{children:[c.jsx("th",{scope:"row",children:a}),n.map(l=>c.jsx("td",{children:l.data[d]},l.label))]},a))})]})]})}const Wh=C(`
  query Refunds($status: RefundStatus, $seen: Int) {
    refunds(status: $status, first: 100, atLeastPosition: $seen) {
      nodes { refundId ticketId status channel customer requestedAt issuedAt gatewayReference issuedBy payoutMode amount { amountMinor currency } }
    }
    refundTotals(atLeastPosition: $seen) { day channel issuedCount issued { amountMinor currency } }
  }
`),Gh=C(`
  mutation FinanceApproveRefund($id: UUID!, $cmd: UUID!, $refund: UUID!) {
    approveRefund(ticketId: $id, commandId: $cmd, input: { refundId: $refund }) { version position }
  }
`),Kh=C(`
  mutation FinanceIssueRefund($id: UUID!, $cmd: UUID!, $refund: UUID!, $reference: String!) {
    issueRefund(ticketId: $id, commandId: $cmd, input: { refundId: $refund, gatewayReference: $reference }) { version position }
  }
`),Yh=C(`
  query FinanceIssuedReferences($after: String) {
    refunds(status: ISSUED, first: 100, after: $after) {
      nodes { ticketId gatewayReference }
      pageInfo { endCursor hasNextPage }
    }
  }
`);async function Xh(t){let e=null;for(;;){const n=await U(Yh,{after:e}),i=n.refunds.nodes.find(s=>{var o;return((o=s.gatewayReference)==null?void 0:o.trim())===t});if(i)return i.ticketId;if(!n.refunds.pageInfo.hasNextPage)return null;e=n.refunds.pageInfo.endCursor??null}}const Qh=C(`
  subscription FinanceChanges {
    departmentQueue(department: FINANCE) { position change }
  }
`);function Zh(){const{t,e,money:n,date:i,err:s,session:o}=B(),r=o.role==="FINANCE"||o.role==="ADMIN",[a,d]=$.useState("REQUESTED"),[l,u]=$.useState(0),[h,p]=$.useState({}),[f,k]=$.useState(null),[y,g]=$.useState(null);$.useEffect(()=>St(Qh,()=>({}),x=>u(b=>Math.max(b,x.departmentQueue.position))),[]);const{data:v,error:S}=ie(()=>U(Wh,{status:a,seen:l}),[a,l]),R=async x=>{try{const b=await x();k(null),u(D=>Math.max(D,b))}catch(b){k(s(b))}},m=$.useMemo(()=>{const x=(v==null?void 0:v.refundTotals)??[],b=[...new Set(x.map(w=>w.day))].sort(),I=[...new Set(x.map(w=>w.channel))].sort().map(w=>({label:e("channel",w),data:b.map(M=>x.filter(O=>O.day===M&&O.channel===w).reduce((O,T)=>O+T.issued.amountMinor,0)/100)}));return{days:b,series:I}},[v]);return c.jsxs("section",{"aria-labelledby":"finance-title",children:[c.jsx("h1",{id:"finance-title",children:t("finance")}),c.jsx("div",{role:"tablist","aria-label":t("refundsQueue"),className:"tabs",children:["REQUESTED","APPROVED","ISSUED","FAILED"].map(x=>c.jsx("button",{role:"tab","aria-selected":x===a,onClick:()=>d(x),children:e("refundStatus",x)},x))}),c.jsx(Y,{error:S??f}),c.jsxs("table",{"data-testid":"refunds",children:[c.jsx("thead",{children:c.jsxs("tr",{children:[c.jsx("th",{scope:"col",children:t("ticket")}),c.jsx("th",{scope:"col",children:t("customer")}),c.jsx("th",{scope:"col",children:t("channel")}),c.jsx("th",{scope:"col",children:t("amount")}),c.jsx("th",{scope:"col",children:t("at")}),c.jsx("th",{scope:"col",children:t("reference")}),a==="ISSUED"&&c.jsx("th",{scope:"col",children:t("payoutMode")}),a==="ISSUED"&&c.jsx("th",{scope:"col",children:t("issuedBy")}),c.jsx("th",{scope:"col",children:t("actions")})]})}),c.jsx("tbody",{children:v==null?void 0:v.refunds.nodes.map(x=>c.jsxs("tr",{children:[c.jsx("td",{children:c.jsx(he,{to:`/ticket/${x.ticketId}`,children:x.ticketId.slice(0,8)})}),c.jsx("td",{children:x.customer}),c.jsx("td",{children:e("channel",x.channel)}),c.jsx("td",{children:n(x.amount)}),c.jsx("td",{children:i(x.issuedAt??x.requestedAt)}),c.jsx("td",{children:x.gatewayReference??"—"}),a==="ISSUED"&&c.jsx("td",{children:c.jsx(Ao,{mode:x.payoutMode})}),a==="ISSUED"&&c.jsx("td",{children:x.issuedBy??"—"}),c.jsxs("td",{children:[r&&x.status==="REQUESTED"&&c.jsx("button",{onClick:()=>{const b=ne();g({action:t("approve"),consequence:t("consequenceApproveRefund",{amount:n(x.amount)}),run:async()=>(await U(Gh,{id:x.ticketId,cmd:b,refund:x.refundId})).approveRefund.position})},children:t("approve")}),r&&x.status==="APPROVED"&&c.jsxs("form",{onSubmit:b=>{b.preventDefault();const D=(h[x.refundId]??"").trim(),I=ne();Xh(D).then(w=>g({action:t("recordPayout"),consequence:t("consequenceIssueRefund",{amount:n(x.amount),reference:D}),warning:w?t("referenceUsed",{reference:D,ticket:w.slice(0,8)}):void 0,run:async()=>(await U(Kh,{id:x.ticketId,cmd:I,refund:x.refundId,reference:D})).issueRefund.position}),w=>k(s(w)))},children:[c.jsxs("label",{children:[c.jsx("span",{className:"sr-only",children:t("payoutReference")}),c.jsx("input",{required:!0,placeholder:t("payoutReference"),value:h[x.refundId]??"",onChange:b=>p({...h,[x.refundId]:b.target.value})})]}),c.jsx("button",{type:"submit",children:t("recordPayout")})]})]})]},x.refundId))})]}),y&&c.jsx(_e,{action:y.action,consequence:y.consequence,warning:y.warning,onCancel:()=>g(null),onConfirm:()=>{const x=y.run;g(null),R(x)}}),c.jsx(Ht,{title:t("payoutsPerDay"),labels:m.days,series:m.series,stacked:!0}),c.jsx(tp,{seen:l})]})}function Ao({mode:t}){const{e}=B();return t?c.jsx("span",{className:t==="SIMULATED"?"badge bad":"badge","data-testid":"payout-mode","data-mode":t,children:e("payoutMode",t)}):c.jsx(c.Fragment,{children:"—"})}const Jh=C(`
  query FinanceIssuedPage($after: String, $seen: Int) {
    refunds(status: ISSUED, first: 100, after: $after, atLeastPosition: $seen) {
      nodes { refundId ticketId channel issuedAt gatewayReference issuedBy payoutMode amount { amountMinor currency } }
      pageInfo { endCursor hasNextPage }
    }
  }
`);async function ep(t){const e=[];let n=null;for(;;){const i=await U(Jh,{after:n,seen:t});if(e.push(...i.refunds.nodes),!i.refunds.pageInfo.hasNextPage)return e;n=i.refunds.pageInfo.endCursor??null}}function cs(t){return t.toISOString().slice(0,10)}function tp({seen:t}){const{t:e,e:n,money:i,lang:s}=B(),o=new Date,[r,a]=$.useState(()=>cs(new Date(o.getTime()-29*864e5))),[d,l]=$.useState(()=>cs(o)),{data:u,error:h}=ie(()=>ep(t),[t]),p=(u??[]).filter(g=>g.issuedAt&&g.issuedAt.slice(0,10)>=r&&g.issuedAt.slice(0,10)<=d),f=new Map;for(const g of p){const v=(g.issuedAt??"").slice(0,10),S=g.payoutMode??"",R=[v,g.channel,S,g.amount.currency].join("|"),m=f.get(R)??{day:v,channel:g.channel,mode:S,currency:g.amount.currency,count:0,minor:0};m.count+=1,m.minor+=g.amount.amountMinor,f.set(R,m)}const k=[...f.values()].sort((g,v)=>g.day.localeCompare(v.day)||g.channel.localeCompare(v.channel)||g.mode.localeCompare(v.mode)),y=()=>{const g=ld([e("issuedAt"),e("ticket"),e("refundId"),e("channel"),e("payoutMode"),e("reference"),e("issuedBy"),e("currency"),e("amountYuan")],p.map(R=>[R.issuedAt??"",R.ticketId,R.refundId,n("channel",R.channel),R.payoutMode?n("payoutMode",R.payoutMode):"",R.gatewayReference??"",R.issuedBy??"",R.amount.currency,cd(R.amount.amountMinor)])),v=URL.createObjectURL(new Blob([g],{type:"text/csv;charset=utf-8"})),S=document.createElement("a");S.href=v,S.download=`payouts-${r}-${d}.csv`,S.click(),URL.revokeObjectURL(v)};return c.jsxs("section",{"aria-labelledby":"reconcile-title","data-testid":"reconciliation",children:[c.jsx("h2",{id:"reconcile-title",children:e("reconciliation")}),c.jsxs("form",{className:"filters",onSubmit:g=>g.preventDefault(),children:[c.jsx(q,{label:e("from"),children:c.jsx("input",{type:"date",value:r,max:d,onChange:g=>a(g.target.value)})}),c.jsx(q,{label:e("to"),children:c.jsx("input",{type:"date",value:d,min:r,onChange:g=>l(g.target.value)})}),c.jsxs("button",{type:"button",onClick:y,disabled:!u,children:[c.jsx(va,{size:14,"aria-hidden":"true"})," ",e("exportCsv")," (",p.length,")"]})]}),c.jsx(Y,{error:h}),c.jsxs("table",{"data-testid":"totals",children:[c.jsx("thead",{children:c.jsxs("tr",{children:[c.jsx("th",{scope:"col",children:e("day")}),c.jsx("th",{scope:"col",children:e("channel")}),c.jsx("th",{scope:"col",children:e("payoutMode")}),c.jsx("th",{scope:"col",children:e("count")}),c.jsx("th",{scope:"col",children:e("amount")})]})}),c.jsx("tbody",{children:k.map(g=>c.jsxs("tr",{children:[c.jsx("td",{children:sa(g.day,s)}),c.jsx("td",{children:n("channel",g.channel)}),c.jsx("td",{children:c.jsx(Ao,{mode:g.mode||null})}),c.jsx("td",{children:g.count}),c.jsx("td",{children:i({amountMinor:g.minor,currency:g.currency})})]},`${g.day}|${g.channel}|${g.mode}|${g.currency}`))})]}),u&&k.length===0&&c.jsx("p",{role:"status",children:e("noPayoutsInPeriod")})]})}const np=C(`
  query ManagementArbitrations {
    managementStats {
      arbitrations {
        reasonCode sku channel arbitrations open forBuyer forSeller notStated tickets
        atStake { amountMinor currency } lost { amountMinor currency }
      }
      arbitrationsByInspector {
        inspector arbitrations open forBuyer forSeller notStated
        atStake { amountMinor currency } lost { amountMinor currency }
      }
    }
  }
`);function Co(t,e){return e>0?`${Math.round(t*100/e)}%`:"—"}function ds(t){return Co(t.forSeller,t.forBuyer+t.forSeller)}function ip(){const{t,e,money:n}=B(),{data:i,error:s}=ie(()=>U(np),[]),o=i==null?void 0:i.managementStats.arbitrations,r=i==null?void 0:i.managementStats.arbitrationsByInspector;return c.jsxs("section",{"aria-labelledby":"arbitrations-title",children:[c.jsx("h2",{id:"arbitrations-title",children:t("arbitrationCounts")}),c.jsx("p",{className:"hint",children:t("arbitrationMoneyHint")}),c.jsx(Y,{error:s}),o&&o.length===0&&c.jsx("p",{children:t("noArbitrations")}),o&&o.length>0&&c.jsxs("table",{"data-testid":"arbitration-counts",children:[c.jsx("thead",{children:c.jsxs("tr",{children:[c.jsx("th",{scope:"col",children:t("reason")}),c.jsx("th",{scope:"col",children:t("sku")}),c.jsx("th",{scope:"col",children:t("channel")}),c.jsx("th",{scope:"col",children:t("arbitrationsTotal")}),c.jsx("th",{scope:"col",children:t("arbitrationRate")}),c.jsx("th",{scope:"col",children:t("arbitrationOpen")}),c.jsx("th",{scope:"col",children:e("arbitrationOutcome","FOR_BUYER")}),c.jsx("th",{scope:"col",children:e("arbitrationOutcome","FOR_SELLER")}),c.jsx("th",{scope:"col",children:e("arbitrationOutcome","NOT_STATED")}),c.jsx("th",{scope:"col",children:t("arbitrationWinRate")}),c.jsx("th",{scope:"col",children:t("arbitrationAtStake")}),c.jsx("th",{scope:"col",children:t("arbitrationLost")})]})}),c.jsx("tbody",{children:o.map(a=>c.jsxs("tr",{children:[c.jsx("td",{children:e("reason",a.reasonCode)}),c.jsx("td",{children:a.sku}),c.jsx("td",{children:e("channel",a.channel)}),c.jsx("td",{children:a.arbitrations}),c.jsx("td",{"data-rate":!0,children:Co(a.arbitrations,a.tickets)}),c.jsx("td",{children:a.open}),c.jsx("td",{children:a.forBuyer}),c.jsx("td",{children:a.forSeller}),c.jsx("td",{children:a.notStated}),c.jsx("td",{"data-win":!0,children:ds(a)}),c.jsx("td",{children:n(a.atStake)}),c.jsx("td",{children:n(a.lost)})]},`${a.reasonCode}|${a.sku}|${a.channel}|${a.atStake.currency}`))})]}),r&&r.length>0&&c.jsxs(c.Fragment,{children:[c.jsx("h3",{id:"arbitrations-inspector-title",children:t("arbitrationsByInspector")}),c.jsxs("table",{"data-testid":"arbitrations-by-inspector","aria-labelledby":"arbitrations-inspector-title",children:[c.jsx("thead",{children:c.jsxs("tr",{children:[c.jsx("th",{scope:"col",children:t("inspector")}),c.jsx("th",{scope:"col",children:t("arbitrationsTotal")}),c.jsx("th",{scope:"col",children:t("arbitrationOpen")}),c.jsx("th",{scope:"col",children:e("arbitrationOutcome","FOR_BUYER")}),c.jsx("th",{scope:"col",children:e("arbitrationOutcome","FOR_SELLER")}),c.jsx("th",{scope:"col",children:t("arbitrationWinRate")}),c.jsx("th",{scope:"col",children:t("arbitrationAtStake")}),c.jsx("th",{scope:"col",children:t("arbitrationLost")})]})}),c.jsx("tbody",{children:r.map(a=>c.jsxs("tr",{children:[c.jsx("td",{children:a.inspector||t("notInspected")}),c.jsx("td",{children:a.arbitrations}),c.jsx("td",{children:a.open}),c.jsx("td",{children:a.forBuyer}),c.jsx("td",{children:a.forSeller}),c.jsx("td",{children:ds(a)}),c.jsx("td",{children:n(a.atStake)}),c.jsx("td",{children:n(a.lost)})]},`${a.inspector}|${a.atStake.currency}`))})]})]})]})}const sp=C(`
  query ManagementPlatformTasks {
    platformTaskCounts { platform action requested open sent refused handedToPerson meanSecondsToDone meanSecondsToConfirmed meanSecondsToSent }
  }
`);function op(){const{t,e}=B(),{data:n,error:i}=ie(()=>U(sp),[]),s=n==null?void 0:n.platformTaskCounts,o=r=>r==null?"—":t("hoursValue",{hours:(r/3600).toFixed(1)});return c.jsxs("section",{"aria-labelledby":"platform-counts-title",children:[c.jsx("h2",{id:"platform-counts-title",children:t("platformTaskCounts")}),c.jsx(Y,{error:i}),s&&s.length===0&&c.jsx("p",{children:t("noPlatformTaskCounts")}),s&&s.length>0&&c.jsxs("table",{"data-testid":"platform-task-counts",children:[c.jsx("thead",{children:c.jsxs("tr",{children:[c.jsx("th",{scope:"col",children:t("channel")}),c.jsx("th",{scope:"col",children:t("taskWhat")}),c.jsx("th",{scope:"col",children:t("platformTasksRequested")}),c.jsx("th",{scope:"col",children:t("platformTasksOpen")}),c.jsx("th",{scope:"col",children:t("platformTasksSent")}),c.jsx("th",{scope:"col",children:t("platformTasksRefused")}),c.jsx("th",{scope:"col",children:t("platformTasksHanded")}),c.jsx("th",{scope:"col",children:t("meanToDone")}),c.jsx("th",{scope:"col",children:t("meanToConfirmed")}),c.jsx("th",{scope:"col",children:t("meanToSent")})]})}),c.jsx("tbody",{children:s.map(r=>c.jsxs("tr",{children:[c.jsx("td",{children:e("channel",r.platform)}),c.jsx("td",{children:e("platformAction",r.action)}),c.jsx("td",{children:r.requested}),c.jsx("td",{children:r.open}),c.jsx("td",{children:r.sent}),c.jsx("td",{children:r.refused}),c.jsx("td",{children:r.handedToPerson}),c.jsx("td",{children:o(r.meanSecondsToDone)}),c.jsx("td",{children:o(r.meanSecondsToConfirmed)}),c.jsx("td",{children:o(r.meanSecondsToSent)})]},`${r.platform}:${r.action}`))})]})]})}const rp=C(`
  query ParcelPool {
    parcelPool(first: 100) {
      id status carrier trackingNumber contents senderName senderPhone photoRefs ageDays disposableFrom
      disposition { disposition reason requestedAt }
      version
    }
  }
`),ap=C(`
  query ParcelPoolStats {
    parcelPoolStats { unmatched dispositionRequested matched disposed oldestUnmatchedDays }
  }
`),cp=C(`
  mutation RegisterUnmatchedParcel($parcel: UUID!, $cmd: UUID!, $input: RegisterParcelInput!) {
    registerUnmatchedParcel(parcelId: $parcel, commandId: $cmd, input: $input) { id status }
  }
`),dp=C(`
  query ParcelCandidates($search: String!) {
    parcelCandidates(search: $search) { ticketId kind status customer platformOrderId trackingNumber expecting }
  }
`),lp=C(`
  mutation MatchParcel($parcel: UUID!, $ticket: UUID!, $cmd: UUID!) {
    matchParcel(parcelId: $parcel, ticketId: $ticket, commandId: $cmd) { position ticket { id status } }
  }
`),up=C(`
  mutation RequestParcelDisposition($parcel: UUID!, $cmd: UUID!, $version: Int, $input: RequestParcelDispositionInput!) {
    requestParcelDisposition(parcelId: $parcel, commandId: $cmd, expectedVersion: $version, input: $input) { id status }
  }
`),hp=C(`
  mutation DecideParcelDisposition($parcel: UUID!, $cmd: UUID!, $version: Int, $approve: Boolean!, $note: String) {
    decideParcelDisposition(parcelId: $parcel, commandId: $cmd, expectedVersion: $version, approve: $approve, note: $note) { id status }
  }
`);function pp({tracking:t,registered:e}){const{t:n,err:i}=B(),[s]=$.useState(()=>({parcel:ne(),cmd:ne()})),[o,r]=$.useState(""),[a,d]=$.useState(""),[l,u]=$.useState(""),[h,p]=$.useState(""),[f,k]=$.useState([]),[y,g]=$.useState(()=>new Map),[v,S]=$.useState(null),[R,m]=$.useState(!1),[x,b]=$.useState(!1),D=async I=>{I.preventDefault(),m(!0);try{const w=[];for(const M of f){const O=y.get(M),T=O??await Xo(s.parcel,M);O||g(P=>new Map(P).set(M,T)),w.push(T)}await U(cp,{parcel:s.parcel,cmd:s.cmd,input:{carrier:o.trim(),trackingNumber:t,contents:a.trim(),senderName:l.trim()||null,senderPhone:h.trim()||null,photoRefs:w}}),S(null),b(!0),e()}catch(w){S(i(w))}finally{m(!1)}};return x?c.jsx("p",{role:"status","data-testid":"pool-registered",children:n("poolRegistered",{number:t})}):c.jsxs("form",{className:"pool-register","aria-label":n("registerUnmatched"),"data-testid":"register-unmatched",onSubmit:I=>void D(I),children:[c.jsx("h3",{children:n("registerUnmatched")}),c.jsxs("p",{children:[n("trackingNumber"),": ",c.jsx("strong",{children:t})]}),c.jsx(q,{label:n("carrier"),children:c.jsx("input",{value:o,required:!0,onChange:I=>r(I.target.value)})}),c.jsx(q,{label:n("parcelContents"),children:c.jsx("textarea",{value:a,required:!0,rows:2,onChange:I=>d(I.target.value)})}),c.jsx(q,{label:n("senderName"),children:c.jsx("input",{value:l,autoComplete:"off",onChange:I=>u(I.target.value)})}),c.jsx(q,{label:n("senderPhone"),children:c.jsx("input",{value:h,autoComplete:"off",inputMode:"tel",onChange:I=>p(I.target.value)})}),c.jsx(q,{label:n("photos"),children:c.jsx("input",{type:"file",accept:"image/*",capture:"environment",multiple:!0,onChange:I=>k(Array.from(I.target.files??[]))})}),c.jsx("button",{type:"submit",disabled:R,children:n("registerUnmatched")}),c.jsx(Y,{error:v})]})}function fp({parcel:t,refs:e}){const{t:n}=B(),{data:i}=ie(()=>Promise.all(e.map(s=>Jo(t,s))),[t,e.join()]);return c.jsxs("p",{className:"photos",children:[n("photos"),":"," ",i==null?void 0:i.map((s,o)=>c.jsx("a",{href:s,target:"_blank",rel:"noreferrer",children:c.jsx("img",{src:s,alt:`${n("photo")} ${o+1}`,height:48})},e[o]))]})}function mp({parcel:t,changed:e}){const{t:n,e:i,err:s}=B(),[o,r]=$.useState(""),[a,d]=$.useState(null),[l,u]=$.useState(null),[h]=$.useState(ne),[p,f]=$.useState(null),k=async g=>{if(g.preventDefault(),!!o.trim())try{d((await U(dp,{search:o.trim()})).parcelCandidates),f(null)}catch(v){f(s(v))}},y=async g=>{u(null);try{await U(lp,{parcel:t.id,ticket:g,cmd:h}),f(null),e()}catch(v){f(s(v))}};return c.jsxs("div",{className:"pool-match",children:[c.jsxs("form",{onSubmit:g=>void k(g),"aria-label":n("findTicket"),children:[c.jsx(q,{label:n("findTicket"),children:c.jsx("input",{value:o,placeholder:n("findTicketHint"),onChange:g=>r(g.target.value),"data-testid":`pool-search-${t.trackingNumber}`})}),c.jsx("button",{type:"submit",children:n("search")})]}),a&&a.length===0&&c.jsx("p",{children:n("noCandidates")}),a&&a.length>0&&c.jsx("ul",{"data-testid":"pool-candidates",children:a.map(g=>c.jsxs("li",{children:[c.jsx(he,{to:`/ticket/${g.ticketId}`,children:g.ticketId.slice(0,8)})," · ",i("kind",g.kind)," · ",i("status",g.status)," · ",g.customer," ·"," ",g.platformOrderId??"—"," · ",n("expecting"),": ",g.expecting.join(", ")," ",c.jsx("button",{type:"button",onClick:()=>u(g.ticketId),children:n("receiveOnTicket")})]},g.ticketId))}),l&&c.jsx(_e,{action:n("receiveOnTicket"),consequence:n("receiveOnTicketConsequence",{number:t.trackingNumber,ticket:l.slice(0,8)}),onConfirm:()=>void y(l),onCancel:()=>u(null)}),c.jsx(Y,{error:p})]})}function gp({parcel:t,changed:e}){const{t:n,e:i,err:s,session:o}=B(),[r,a]=$.useState("RETURN_TO_SENDER"),[d,l]=$.useState(""),[u,h]=$.useState(""),[p]=$.useState(ne),[f,k]=$.useState(null),[y,g]=$.useState(null),v=async()=>{const S=f;k(null);try{S==="request"?await U(up,{parcel:t.id,cmd:p,version:t.version,input:{disposition:r,reason:d.trim()}}):await U(hp,{parcel:t.id,cmd:p,version:t.version,approve:S==="approve",note:u.trim()||null}),g(null),e()}catch(R){g(s(R))}};if(t.status==="DISPOSITION_REQUESTED"&&t.disposition){const S=t.disposition;return c.jsxs("div",{className:"pool-disposition",children:[c.jsxs("p",{children:[n("dispositionAsked"),": ",i("disposition",S.disposition)," · ",S.reason]}),o.role==="ADMIN"&&c.jsxs("form",{onSubmit:R=>R.preventDefault(),"aria-label":n("decideDisposition"),children:[c.jsx(q,{label:n("note"),children:c.jsx("input",{value:u,onChange:R=>h(R.target.value)})}),c.jsx("button",{type:"button",onClick:()=>k("approve"),children:n("approveDisposition")}),c.jsx("button",{type:"button",onClick:()=>k("refuse"),children:n("refuseDisposition")})]}),f&&c.jsx(_e,{action:n(f==="approve"?"approveDisposition":"refuseDisposition"),consequence:f==="approve"?n("approveDispositionConsequence",{number:t.trackingNumber,disposition:i("disposition",S.disposition)}):n("refuseDispositionConsequence",{number:t.trackingNumber}),onConfirm:()=>void v(),onCancel:()=>k(null)}),c.jsx(Y,{error:y})]})}return t.ageDays<14?c.jsx("p",{className:"hint",children:n("disposableFrom",{days:14-t.ageDays})}):c.jsxs("form",{className:"pool-disposition","aria-label":n("requestDisposition"),onSubmit:S=>{S.preventDefault(),k("request")},children:[c.jsx(we,{label:n("disposition"),group:"disposition",value:r,onChange:a}),c.jsx(q,{label:n("dispositionReason"),children:c.jsx("input",{value:d,required:!0,onChange:S=>l(S.target.value)})}),c.jsx("button",{type:"submit",children:n("requestDisposition")}),f&&c.jsx(_e,{action:n("requestDisposition"),consequence:n("requestDispositionConsequence",{number:t.trackingNumber,disposition:i("disposition",r)}),onConfirm:()=>void v(),onCancel:()=>k(null)}),c.jsx(Y,{error:y})]})}function bp({seen:t}){const{t:e,e:n,session:i}=B(),[s,o]=$.useState(0),{data:r,error:a}=ie(()=>U(rp),[t,s]),d=r==null?void 0:r.parcelPool,l=i.role==="WAREHOUSE"||i.role==="ADMIN"||i.role==="CUSTOMER_SERVICE",u=()=>o(h=>h+1);return c.jsxs("section",{"aria-labelledby":"pool-title",className:"queue pool","data-testid":"parcel-pool",children:[c.jsxs("h2",{id:"pool-title",children:[e("parcelPool")," (",(d==null?void 0:d.length)??"…",")"]}),c.jsx(Y,{error:a}),d&&d.length===0&&c.jsx("p",{children:e("poolEmpty")}),c.jsx("ul",{children:d==null?void 0:d.map(h=>c.jsx("li",{"data-testid":`pool-${h.trackingNumber}`,children:c.jsxs("details",{children:[c.jsxs("summary",{children:[h.trackingNumber," · ",h.carrier," · ",e("poolAge",{days:h.ageDays})," · ",n("parcelStatus",h.status)]}),c.jsxs("p",{children:[e("parcelContents"),": ",h.contents]}),c.jsxs("p",{children:[e("sender"),": ",h.senderName??"—"," · ",h.senderPhone??"—"]}),h.photoRefs.length>0&&c.jsx(fp,{parcel:h.id,refs:h.photoRefs}),l&&c.jsx(mp,{parcel:h,changed:u}),(i.role==="WAREHOUSE"||i.role==="ADMIN")&&c.jsx(gp,{parcel:h,changed:u})]})},h.id))})]})}function xp(){const{t}=B(),{data:e,error:n}=ie(()=>U(ap),[]),i=e==null?void 0:e.parcelPoolStats;return c.jsxs("section",{"aria-labelledby":"pool-stats-title",children:[c.jsx("h2",{id:"pool-stats-title",children:t("parcelPool")}),c.jsx(Y,{error:n}),i&&c.jsx("table",{"data-testid":"pool-stats",children:c.jsxs("tbody",{children:[c.jsxs("tr",{children:[c.jsx("th",{scope:"row",children:t("poolWaiting")}),c.jsx("td",{children:i.unmatched})]}),c.jsxs("tr",{children:[c.jsx("th",{scope:"row",children:t("poolOldest")}),c.jsx("td",{children:i.oldestUnmatchedDays==null?"—":t("poolAge",{days:i.oldestUnmatchedDays})})]}),c.jsxs("tr",{children:[c.jsx("th",{scope:"row",children:t("poolApprovals")}),c.jsx("td",{children:i.dispositionRequested})]}),c.jsxs("tr",{children:[c.jsx("th",{scope:"row",children:t("poolMatched")}),c.jsx("td",{children:i.matched})]}),c.jsxs("tr",{children:[c.jsx("th",{scope:"row",children:t("poolDisposed")}),c.jsx("td",{children:i.disposed})]})]})})]})}const yp=C(`
  query ManagementStats($channel: String, $sku: String, $kind: TicketKind, $from: NaiveDate, $to: NaiveDate) {
    managementStats(channel: $channel, sku: $sku, kind: $kind, from: $from, to: $to) {
      statusCounts { status kind count }
      cycleTimes { step averageSeconds tickets }
      reasons { sku channel reasonCode tickets units }
    }
  }
`);function ls(t){return new Date(Date.now()-t*864e5).toISOString().slice(0,10)}function kp(){const{t,e}=B(),[n,i]=$.useState(()=>ls(29)),[s,o]=$.useState(()=>ls(0)),[r,a]=$.useState(""),[d,l]=$.useState(""),[u,h]=$.useState(""),{data:p,error:f}=ie(()=>U(yp,{channel:r||null,sku:u.trim()||null,kind:d||null,from:n||null,to:s||null}),[r,u,d,n,s]),k=$.useMemo(()=>{const y=p==null?void 0:p.managementStats;if(!y)return null;const g=[...new Set(y.statusCounts.map(m=>m.status??"—"))],v=[...new Set(y.statusCounts.map(m=>m.kind??"—"))],S=[...new Set(y.reasons.map(m=>`${m.sku} · ${e("channel",m.channel)}`))].sort(),R=[...new Set(y.reasons.map(m=>m.reasonCode))].sort();return{status:{labels:g.map(m=>e("status",m)),series:v.map(m=>({label:e("kind",m),data:g.map(x=>y.statusCounts.filter(b=>(b.status??"—")===x&&(b.kind??"—")===m).reduce((b,D)=>b+D.count,0))}))},cycle:{labels:y.cycleTimes.map(m=>e("step",m.step)),series:[{label:t("hours"),data:y.cycleTimes.map(m=>Math.round(m.averageSeconds/36)/100)},{label:t("ticketsCount"),data:y.cycleTimes.map(m=>m.tickets)}],drawn:1},reasons:{labels:S,series:R.map(m=>({label:e("reason",m),data:S.map(x=>y.reasons.filter(b=>`${b.sku} · ${e("channel",b.channel)}`===x&&b.reasonCode===m).reduce((b,D)=>b+D.tickets,0))}))}}},[p,e,t]);return c.jsxs("section",{"aria-labelledby":"management-title",children:[c.jsx("h1",{id:"management-title",children:t("management")}),c.jsxs("form",{className:"filters",onSubmit:y=>y.preventDefault(),"aria-label":t("filters"),children:[c.jsx(q,{label:t("from"),children:c.jsx("input",{type:"date",value:n,max:s||void 0,onChange:y=>i(y.target.value)})}),c.jsx(q,{label:t("to"),children:c.jsx("input",{type:"date",value:s,min:n||void 0,onChange:y=>o(y.target.value)})}),c.jsx(we,{label:t("channel"),group:"channel",value:r,onChange:a,any:!0}),c.jsx(we,{label:t("kind"),group:"kind",value:d,onChange:l,any:!0}),c.jsx(q,{label:t("sku"),children:c.jsx("input",{value:u,onChange:y=>h(y.target.value)})})]}),c.jsx("p",{className:"hint",children:t("managementScope")}),c.jsx(Y,{error:f}),k&&c.jsxs("div",{className:"charts",children:[c.jsx(Ht,{title:t("countsPerStatus"),labels:k.status.labels,series:k.status.series,stacked:!0}),c.jsx(Ht,{title:t("cycleTimes"),labels:k.cycle.labels,series:k.cycle.series,drawn:k.cycle.drawn}),c.jsx(Ht,{title:t("reasons"),labels:k.reasons.labels,series:k.reasons.series,stacked:!0})]}),c.jsx(ip,{}),c.jsx(op,{}),c.jsx(xp,{})]})}const Ip=C(`
  mutation OpenTicketForm($cmd: UUID!, $input: OpenTicketInput!) {
    openTicket(commandId: $cmd, input: $input) { ticket { id } }
  }
`),us={sku:"",name:"",qty:"1",paid:""};function vp(){const{t,err:e}=B(),[n,i]=$.useState("RETURN_AND_REFUND"),[s,o]=$.useState("manual"),[r,a]=$.useState(""),[d,l]=$.useState(""),[u,h]=$.useState(""),[p,f]=$.useState(""),[k,y]=$.useState("quality_issue"),[g,v]=$.useState(""),[S,R]=$.useState([{...us}]),[m,x]=$.useState(null),[b,D]=$.useState(!1),[I]=$.useState(ne),w=E=>Pe(E.paid)===null?t("moneyInvalid"):null,M=E=>/^[1-9]\d{0,3}$/.test(E.qty.trim()),O=S.some(E=>w(E)!==null||!M(E)),T=(E,N)=>R(S.map((L,X)=>X===E?{...L,...N}:L)),P=async E=>{if(E.preventDefault(),!O){D(!0);try{const N=await U(Ip,{cmd:I,input:{kind:n,channel:s,platformOrderId:r.trim()||null,customer:d.trim(),customerPhone:u.trim()||null,customerAddress:p.trim()||null,reasonCode:k,reasonText:g,currency:"CNY",lines:S.map((L,X)=>({lineId:`L${X+1}`,sku:L.sku.trim(),name:L.name.trim(),qty:Number(L.qty),paid:{amountMinor:Pe(L.paid)??0,currency:"CNY"}}))}});$t(`/ticket/${N.openTicket.ticket.id}`)}catch(N){x(e(N)),D(!1)}}};return c.jsxs("section",{"aria-labelledby":"open-title",children:[c.jsx("h1",{id:"open-title",children:t("openTicket")}),c.jsxs("form",{className:"action wide","aria-labelledby":"open-title",onSubmit:E=>void P(E),children:[c.jsxs("div",{className:"filters",children:[c.jsx(we,{label:t("kind"),group:"kind",value:n,onChange:E=>i(E)}),c.jsx(we,{label:t("channel"),group:"channel",value:s,onChange:o}),c.jsx(q,{label:t("platformOrder"),children:c.jsx("input",{value:r,onChange:E=>a(E.target.value)})})]}),c.jsxs("div",{className:"filters",children:[c.jsx(q,{label:t("customer"),children:c.jsx("input",{value:d,required:!0,onChange:E=>l(E.target.value)})}),c.jsx(q,{label:t("phone"),children:c.jsx("input",{value:u,inputMode:"tel",onChange:E=>h(E.target.value)})}),c.jsx(q,{label:t("address"),children:c.jsx("input",{value:p,onChange:E=>f(E.target.value)})})]}),c.jsxs("div",{className:"filters",children:[c.jsx(we,{label:t("reason"),group:"reason",value:k,onChange:y}),c.jsx(q,{label:t("reasonText"),children:c.jsx("input",{value:g,required:!0,onChange:E=>v(E.target.value)})})]}),c.jsx("h2",{children:t("lines")}),S.map((E,N)=>c.jsxs("fieldset",{className:"filters","data-testid":`line-${N+1}`,children:[c.jsxs("legend",{children:[t("line")," ",N+1]}),c.jsx(q,{label:t("sku"),children:c.jsx("input",{value:E.sku,required:!0,onChange:L=>T(N,{sku:L.target.value})})}),c.jsx(q,{label:t("item"),children:c.jsx("input",{value:E.name,required:!0,onChange:L=>T(N,{name:L.target.value})})}),c.jsx(q,{label:t("qty"),children:c.jsx("input",{value:E.qty,inputMode:"numeric",required:!0,"aria-invalid":!M(E)||void 0,onChange:L=>T(N,{qty:L.target.value})})}),c.jsx(En,{label:t("paid"),text:E.paid,setText:L=>T(N,{paid:L}),error:E.paid?w(E):null}),S.length>1&&c.jsx("button",{type:"button",onClick:()=>R(S.filter((L,X)=>X!==N)),"aria-label":t("removeLine",{line:N+1}),children:c.jsx(qs,{size:14,"aria-hidden":"true"})})]},N)),c.jsx("p",{children:c.jsxs("button",{type:"button",onClick:()=>R([...S,{...us}]),children:[c.jsx(Os,{size:14,"aria-hidden":"true"})," ",t("addLine")]})}),c.jsx("button",{type:"submit",disabled:b||O,children:t("openTicket")}),c.jsx(Y,{error:m})]})]})}const Sp=C(`
  query PlatformTasks($filter: PlatformTaskFilter!, $seen: Int) {
    platformTasks(filter: $filter, first: 100, atLeastPosition: $seen) {
      nodes {
        ticketId seq platform afterSaleId action department carrier trackingNumber
        amount { amountMinor currency } conversion ticketStatus requestedAt dueBy doneAt confirmedAt confirmedStatus
        answer { outcome reason code message alreadyDone answeredAt }
      }
    }
  }
`),$p=C(`
  mutation ConfirmPlatformAction($id: UUID!, $cmd: UUID!, $seq: Int!) {
    confirmPlatformAction(ticketId: $id, commandId: $cmd, input: { seq: $seq }) { version position }
  }
`),hs={taobao:"backOfficeTaobao",tmall:"backOfficeTaobao",douyin:"backOfficeDouyin",kuaishou:"backOfficeKuaishou"};function Yn(){const{t,e,money:n}=B();return i=>{const s=hs[i.platform]?t(hs[i.platform]):t("backOfficeOther",{platform:e("channel",i.platform)}),o=[i.carrier||i.trackingNumber?`${t("carrier")} ${i.carrier??"—"} · ${t("trackingNumber")} ${i.trackingNumber??"—"}`:null,i.amount?`${t("amount")} ${n(i.amount)}`:null,i.conversion?e("conversion",i.conversion):null].filter(Boolean);return{where:s,what:e("platformAction",i.action),extra:o.join(" · ")}}}function jo({ticketId:t,task:e,done:n}){const{t:i,err:s}=B(),o=Yn()(e),[r,a]=$.useState(!1),[d,l]=$.useState(null),[u]=$.useState(ne),h=async()=>{a(!1);try{const p=await U($p,{id:t,cmd:u,seq:e.seq});l(null),n(p.confirmPlatformAction.position)}catch(p){l(s(p))}};return c.jsxs(c.Fragment,{children:[c.jsx("button",{type:"button",onClick:()=>a(!0),"data-testid":`task-done-${t.slice(0,8)}-${e.seq}`,children:i("taskDone")}),r&&c.jsx(_e,{action:i("taskDone"),consequence:i("taskDoneConsequence",{what:o.what,afterSale:e.afterSaleId,where:o.where}),onConfirm:()=>void h(),onCancel:()=>a(!1)}),c.jsx(Y,{error:d})]})}function Dp(t,e=Date.now()){return Math.floor((new Date(t).getTime()-e)/36e5)}function Rp({dueBy:t}){const{t:e,date:n}=B();if(!t)return c.jsx(c.Fragment,{children:e("noPlatformDeadline")});const i=Dp(t),s=i<0?e("platformDeadlinePassed"):i<24?e("hoursLeft",{hours:i}):e("daysLeft",{days:Math.floor(i/24)});return c.jsxs("span",{className:i<24?"warn":void 0,"data-due":i<24?"SOON":"LATER",children:[n(t)," · ",s]})}function Uo(){const{t,e,date:n}=B();return i=>{if(i.confirmedAt)return t("taskConfirmed",{status:e("platformStatus",i.confirmedStatus),at:n(i.confirmedAt)});if(i.doneAt)return`${t("taskDoneAt")} ${n(i.doneAt)}`;const s=i.answer;if((s==null?void 0:s.outcome)==="SUCCEEDED")return t(s.alreadyDone?"taskSentAlready":"taskSent",{at:n(s.answeredAt)});const o=[s==null?void 0:s.code,s==null?void 0:s.message].filter(Boolean).join(" ");return(s==null?void 0:s.outcome)==="REFUSED"?t("taskRefused",{words:o}):(s==null?void 0:s.outcome)==="NEEDS_PERSON"?t("taskNeedsPerson",{reason:e("platformAnswerReason",s.reason),words:o}):t("taskOpen")}}function wp(t){var e,n;return t.confirmedAt?"CONFIRMED":t.doneAt?"DONE":((e=t.answer)==null?void 0:e.outcome)==="SUCCEEDED"?"SENT":((n=t.answer)==null?void 0:n.outcome)??"OPEN"}function _p({ticketId:t,actions:e,done:n,mayConfirm:i}){const{t:s}=B(),o=Yn(),r=Uo();return e.length===0?null:c.jsxs("section",{"aria-labelledby":"platform-actions-title","data-testid":"platform-actions",children:[c.jsx("h2",{id:"platform-actions-title",children:s("platformActions")}),c.jsx("ol",{children:e.map(a=>{var l;const d=o(a);return c.jsxs("li",{"data-status":wp(a),children:[c.jsx("strong",{children:d.what})," · ",d.where," · ",s("afterSaleId")," ",c.jsx("code",{children:a.afterSaleId}),d.extra&&c.jsxs(c.Fragment,{children:[" · ",d.extra]})," · ",r(a)," ",!a.doneAt&&!a.confirmedAt&&((l=a.answer)==null?void 0:l.outcome)!=="SUCCEEDED"&&i&&c.jsx(jo,{ticketId:t,task:a,done:n})]},a.seq)})})]})}function Ap(){const{t,e,date:n,session:i}=B(),s=i.role==="CUSTOMER_SERVICE"||i.role==="WAREHOUSE"||i.role==="FINANCE",[o,r]=$.useState(s),[a,d]=$.useState(!1),l={done:a,department:o&&s?i.role:null},[u,h]=$.useState(0),{data:p,error:f}=ie(()=>U(Sp,{filter:l,seen:u}),[a,o,u]),k=Yn(),y=Uo(),g=p==null?void 0:p.platformTasks.nodes,v=i.role!=="AUDITOR";return c.jsxs("section",{"aria-labelledby":"platform-tasks-title","data-testid":"platform-tasks",children:[c.jsx("h1",{id:"platform-tasks-title",children:t("platform")}),c.jsx("p",{className:"hint",children:t("platformTasksHint")}),c.jsxs("div",{className:"filters",children:[s&&c.jsxs("label",{children:[c.jsx("input",{type:"checkbox",checked:o,onChange:S=>r(S.target.checked)})," ",t("myDepartmentOnly")]}),c.jsxs("label",{children:[c.jsx("input",{type:"checkbox",checked:a,onChange:S=>d(S.target.checked)})," ",t("showDoneTasks")]})]}),c.jsx(Y,{error:f}),g&&g.length===0&&c.jsx("p",{role:"status",children:t(a?"noDoneTasks":"noPlatformTasks")}),g&&g.length>0&&c.jsxs("table",{children:[c.jsx("thead",{children:c.jsxs("tr",{children:[c.jsx("th",{scope:"col",children:t("backOffice")}),c.jsx("th",{scope:"col",children:t("afterSaleId")}),c.jsx("th",{scope:"col",children:t("taskWhat")}),c.jsx("th",{scope:"col",children:t("ticket")}),c.jsx("th",{scope:"col",children:t("department")}),c.jsx("th",{scope:"col",children:t(a?"taskStanding":"decidedAt")}),!a&&c.jsx("th",{scope:"col",children:t("platformDue")}),!a&&v&&c.jsx("th",{scope:"col",children:t("taskDone")})]})}),c.jsx("tbody",{children:g.map(S=>{const R=k(S);return c.jsxs("tr",{"data-testid":`task-${S.ticketId.slice(0,8)}-${S.seq}`,children:[c.jsx("td",{children:R.where}),c.jsx("td",{children:c.jsx("code",{children:S.afterSaleId})}),c.jsxs("td",{children:[c.jsx("strong",{children:R.what}),R.extra&&c.jsx("div",{children:R.extra}),!a&&S.answer&&S.answer.outcome!=="SUCCEEDED"&&c.jsx("div",{className:"warn","data-testid":"task-answer",children:y(S)})]}),c.jsxs("td",{children:[c.jsx(he,{to:`/ticket/${S.ticketId}`,children:S.ticketId.slice(0,8)})," ",e("status",S.ticketStatus)]}),c.jsx("td",{children:e("role",S.department)}),c.jsx("td",{children:a?y(S):n(S.requestedAt)}),!a&&c.jsx("td",{children:c.jsx(Rp,{dueBy:S.dueBy})}),!a&&v&&c.jsx("td",{children:c.jsx(jo,{ticketId:S.ticketId,task:S,done:m=>h(x=>Math.max(x,m))})})]},`${S.ticketId}:${S.seq}`)})})]})]})}const Cp=C(`
  query Disputes {
    worklist(filter: { nextAction: "platform_intervening", sort: DUE_FIRST }, first: 100) {
      nodes { ticketId kind channel customer reasonCode nextAction nextActionDue }
      pageInfo { hasNextPage }
    }
  }
`),jp=C(`
  query DisputeHolding($id: UUID!) {
    ticket(id: $id) {
      arbitration { platform since }
      returnShipment { carrier trackingNumber }
      lines { qtyApplied qtyReceived inspection { photoRefs } }
      evidenceSubmissions { submittedAt packSha256 throughApi sent { name } }
    }
  }
`),Up=C(`
  mutation SubmitEvidenceThroughPlatform($id: UUID!, $cmd: UUID!, $comment: String!) {
    submitEvidenceThroughPlatform(ticketId: $id, commandId: $cmd, input: { comment: $comment }) {
      ticket { evidenceSubmissions { platform packSha256 submittedAt throughApi sent { name sha256 } } }
    }
  }
`),Tp=C(`
  mutation RecordEvidenceSubmission($id: UUID!, $cmd: UUID!, $sha: String!) {
    recordEvidenceSubmission(ticketId: $id, commandId: $cmd, input: { packSha256: $sha }) {
      ticket { evidenceSubmissions { platform packSha256 submittedAt } }
    }
  }
`);function To({ticketId:t,arbitrating:e,done:n}){const{t:i,err:s}=B(),[o,r]=$.useState(null),[a,d]=$.useState(!1),[l,u]=$.useState(null),[h,p]=$.useState(!1),[f,k]=$.useState(!1),[y,g]=$.useState(ne),v=async()=>{if(p(!1),!!l)try{await U(Tp,{id:t,cmd:y,sha:l}),k(!0),r(null),n==null||n()}catch(T){r(s(T))}},[S,R]=$.useState(""),[m,x]=$.useState(!1),[b,D]=$.useState(null),[I,w]=$.useState(ne),M=async()=>{x(!1);try{const P=(await U(Up,{id:t,cmd:I,comment:S.trim()})).submitEvidenceThroughPlatform.ticket.evidenceSubmissions.at(-1);D((P==null?void 0:P.sent.length)??0),R(""),w(ne()),r(null),n==null||n()}catch(T){r(T instanceof Ae&&T.code==="NEEDS_PERSON"?T.message:s(T))}},O=async()=>{d(!0);try{const{url:T,sha256:P}=await Zo(t);u(P),k(!1),g(ne());const E=document.createElement("a");E.href=T,E.download=`evidence-${t}.zip`,document.body.append(E),E.click(),E.remove(),setTimeout(()=>URL.revokeObjectURL(T),6e4),r(null)}catch(T){r(s(T))}finally{d(!1)}};return c.jsxs(c.Fragment,{children:[c.jsx("button",{type:"button",disabled:a,onClick:()=>void O(),"data-testid":`pack-${t.slice(0,8)}`,children:i("downloadPack")}),e&&l&&!f&&c.jsx("button",{type:"button",onClick:()=>p(!0),children:i("packUploaded")}),f&&c.jsx("span",{role:"status",children:i("packRecorded")}),e&&c.jsxs("div",{children:[c.jsxs("label",{children:[i("evidenceComment")," ",c.jsx("input",{value:S,maxLength:130,onChange:T=>R(T.target.value)})]}),c.jsx("button",{type:"button",disabled:!S.trim(),onClick:()=>x(!0),children:i("sendThroughApi")})]}),b!==null&&c.jsx("span",{role:"status",children:i("sentThroughApi",{n:b})}),m&&c.jsx(_e,{action:i("sendThroughApi"),consequence:i("sendThroughApiConsequence"),onConfirm:()=>void M(),onCancel:()=>x(!1)}),h&&l&&c.jsx(_e,{action:i("packUploaded"),consequence:i("packUploadedConsequence",{digest:l.slice(0,12)}),onConfirm:()=>void v(),onCancel:()=>p(!1)}),c.jsx(Y,{error:o})]})}function Pp({ticketId:t,seen:e}){const{t:n,date:i}=B(),{data:s}=ie(()=>U(jp,{id:t}),[t,e]),o=s==null?void 0:s.ticket;if(!o)return c.jsx("td",{children:"…"});const r=o.lines,a=r.filter(h=>h.qtyReceived>0).length,d=r.filter(h=>h.inspection).length,l=r.reduce((h,p)=>{var f;return h+(((f=p.inspection)==null?void 0:f.photoRefs.length)??0)},0),u=o.evidenceSubmissions.at(-1);return c.jsxs(c.Fragment,{children:[c.jsxs("td",{"data-testid":"holding",children:[o.returnShipment?n("holdWaybill",{waybill:`${o.returnShipment.carrier} ${o.returnShipment.trackingNumber}`}):n("holdNoWaybill"),c.jsx("br",{}),n("holdLines",{received:a,inspected:d,lines:r.length,photos:l})]}),c.jsx("td",{"data-testid":"submitted",children:u?c.jsxs(c.Fragment,{children:[n("submittedAt",{at:i(u.submittedAt),digest:u.packSha256.slice(0,12)}),u.throughApi&&` · ${n("viaApi",{n:u.sent.length})}`]}):c.jsx("span",{className:"warn",children:n("nothingSubmitted")})})]})}function Ep(){const{t,e,lang:n}=B(),{data:i,error:s}=ie(()=>U(Cp),[]),[o,r]=$.useState(0),a=i==null?void 0:i.worklist.nodes,d=(i==null?void 0:i.worklist.pageInfo.hasNextPage)??!1,l=u=>u?new Date(u).toLocaleString(n==="zh"?"zh-CN":"en-GB"):t("noDeadline");return c.jsxs("section",{"aria-labelledby":"disputes-title","data-testid":"disputes",children:[c.jsxs("h2",{id:"disputes-title",children:[t("disputes")," (",a?`${a.length}${d?"+":""}`:"…",")"]}),c.jsx("p",{className:"hint",children:t("disputesHint")}),c.jsx(Y,{error:s}),a&&a.length===0&&c.jsx("p",{children:t("noDisputes")}),a&&a.length>0&&c.jsxs("table",{children:[c.jsx("thead",{children:c.jsxs("tr",{children:[c.jsx("th",{scope:"col",children:t("ticket")}),c.jsx("th",{scope:"col",children:t("channel")}),c.jsx("th",{scope:"col",children:t("customer")}),c.jsx("th",{scope:"col",children:t("reason")}),c.jsx("th",{scope:"col",children:t("platformDeadline")}),c.jsx("th",{scope:"col",children:t("weHold")}),c.jsx("th",{scope:"col",children:t("submittedToPlatform")}),c.jsx("th",{scope:"col",children:t("evidencePack")})]})}),c.jsx("tbody",{children:a.map(u=>c.jsxs("tr",{children:[c.jsxs("td",{children:[c.jsx(he,{to:`/ticket/${u.ticketId}`,children:u.ticketId.slice(0,8)})," ",e("kind",u.kind)]}),c.jsx("td",{children:e("channel",u.channel)}),c.jsx("td",{children:u.customer}),c.jsx("td",{children:e("reason",u.reasonCode)}),c.jsx("td",{children:l(u.nextActionDue)}),c.jsx(Pp,{ticketId:u.ticketId,seen:o}),c.jsx("td",{children:c.jsx(To,{ticketId:u.ticketId,arbitrating:!0,done:()=>r(h=>h+1)})})]},u.ticketId))})]})]})}function Po({ticketId:t,references:e}){const{t:n,err:i}=B(),[s,o]=$.useState(!1),[r,a]=$.useState([]),[d,l]=$.useState(null),u=$.useRef(null);return $.useEffect(()=>{var f;if(!s)return;(f=u.current)==null||f.showModal();let h=!0;const p=[];return Promise.all(e.map(k=>Qo(t,k))).then(k=>{p.push(...k),h&&a(k)},k=>h&&l(i(k))),()=>{h=!1,p.forEach(k=>URL.revokeObjectURL(k))}},[s,t,e,i]),c.jsxs(c.Fragment,{children:[c.jsxs("button",{type:"button",className:"icon",onClick:()=>o(!0),"aria-label":`${n("photos")}: ${e.length}`,children:[c.jsx(Ia,{size:16,"aria-hidden":"true"})," ",e.length]}),s&&c.jsxs("dialog",{ref:u,className:"dialog photos","aria-label":n("photos"),onClose:()=>o(!1),children:[c.jsx("button",{type:"button",className:"icon",onClick:()=>o(!1),"aria-label":n("close"),children:c.jsx(Da,{size:16,"aria-hidden":"true"})}),d&&c.jsx("p",{role:"alert",children:d}),r.map((h,p)=>c.jsx("a",{href:h,target:"_blank",rel:"noreferrer",children:c.jsx("img",{src:h,alt:`${n("photo")} ${p+1}`})},h))]})]})}const ps=C(`
  query InboundParcel($tracking: String!) {
    inboundParcel(trackingNumber: $tracking) { ticketId }
  }
`),Mp=C(`
  query DeskTicket($id: UUID!) {
    ticket(id: $id) { ...TicketView }
  }
`),Op=C(`
  mutation ReceiveReturn($id: UUID!, $cmd: UUID!, $input: ReceiveReturnInput!) {
    receiveReturn(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`),Np=C(`
  mutation RecordInspection($id: UUID!, $cmd: UUID!, $input: RecordInspectionInput!) {
    recordInspection(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`),Fp=C(`
  mutation CompleteInspection($id: UUID!, $cmd: UUID!) {
    completeInspection(ticketId: $id, commandId: $cmd) { version }
  }
`),Lp=C(`
  query WarehouseQueue($queue: WarehouseQueue!, $seen: Int) {
    warehouseQueue(queue: $queue, first: 50, atLeastPosition: $seen) {
      nodes { ticketId status kind customer channel trackingNumber carrier qtyApplied qtyReceived }
    }
  }
`),qp=C(`
  mutation RevealForShipping($id: UUID!, $reason: String!) {
    revealPersonalData(ticketId: $id, reason: $reason) { customer customerPhone customerAddress }
  }
`),Bp=C(`
  mutation DeskShipReplacement($id: UUID!, $cmd: UUID!, $input: ShipmentInput!) {
    shipReplacement(ticketId: $id, commandId: $cmd, input: $input) { position }
  }
`),Hp=C(`
  mutation DeskReturnGoods($id: UUID!, $cmd: UUID!, $input: ShipmentInput!) {
    returnGoodsToCustomer(ticketId: $id, commandId: $cmd, input: $input) { position }
  }
`),zp=C(`
  mutation DeskShipReshipment($id: UUID!, $cmd: UUID!, $input: ShipReshipmentInput!) {
    shipReshipment(ticketId: $id, commandId: $cmd, input: $input) { position }
  }
`),Vp=C(`
  mutation DeskShipRepairedGoods($id: UUID!, $cmd: UUID!, $input: ShipmentInput!) {
    shipRepairedGoods(ticketId: $id, commandId: $cmd, input: $input) { position }
  }
`),Wp=C(`
  subscription WarehouseChanges {
    departmentQueue(department: WAREHOUSE) { position change }
  }
`),Gp=["NEW","OPENED","USED","DAMAGED","MISSING","WRONG_ITEM"],Cn="***";function Eo(t){return t.trim().replace(/\s+/g,"").toUpperCase()}let Jt=()=>{};function Mo({ticket:t,done:e}){const{t:n,e:i,err:s,session:o}=B(),r=new Set(t.nextActions.filter(b=>b.roles.includes(o.role)).map(b=>b.command)),[a,d]=$.useState(null),[l,u]=$.useState(!1),h=async b=>{u(!0);try{return await b(),d(null),e(),!0}catch(D){return d(s(D)),!1}finally{u(!1),Jt()}},p=b=>b.qtyApplied-b.qtyReceived,f=t.lines.map(p).join(","),[k,y]=$.useState({});$.useEffect(()=>{y(Object.fromEntries(t.lines.map(b=>[b.lineId,String(p(b))])))},[f]);const[g,v]=$.useState("INTACT"),S=b=>{b==null||b.preventDefault();const D=ne();h(()=>U(Op,{id:t.id,cmd:D,input:{packageCondition:g,lines:t.lines.map(I=>({lineId:I.lineId,qty:Number(k[I.lineId]??0)})).filter(I=>I.qty>0)}}))},R=()=>void h(()=>U(Fp,{id:t.id,cmd:ne()})),m=$.useRef(new Map),x=t.lines.filter(b=>b.qtyReceived>0);return $.useEffect(()=>{const b=D=>{var I;if(!l){if(D.key==="F2"&&r.has("ReceiveReturn"))S();else if(D.key==="F3"&&r.has("RecordInspection")){const w=x.find(M=>!M.inspection)??x[0];w&&((I=m.current.get(w.lineId))==null||I())}else if(D.key==="F4"&&r.has("CompleteInspection"))R();else return;D.preventDefault()}};return addEventListener("keydown",b),()=>removeEventListener("keydown",b)}),c.jsxs("div",{className:"desk","data-testid":"inspection-desk",children:[r.has("ReceiveReturn")&&c.jsxs("form",{className:"action","aria-labelledby":`receive-${t.id}`,onSubmit:S,children:[c.jsx("h3",{id:`receive-${t.id}`,children:n("receive")}),t.lines.map(b=>c.jsx(q,{label:`${b.lineId} ${b.sku} ${n("qty")} (≤ ${p(b)})`,children:c.jsx("input",{type:"number",min:0,max:p(b),value:k[b.lineId]??"",onChange:D=>y({...k,[b.lineId]:D.target.value})})},b.lineId)),c.jsx(q,{label:n("packageCondition"),children:c.jsx("select",{value:g,onChange:b=>v(b.target.value),children:["INTACT","DAMAGED","TAMPERED"].map(b=>c.jsx("option",{value:b,children:i("packageCondition",b)},b))})}),c.jsxs("button",{type:"submit",disabled:l,children:[n("receive")," ",c.jsx("kbd",{children:"F2"})]})]}),r.has("RecordInspection")&&x.map(b=>c.jsx(Kp,{ticket:t,line:b,run:h,busy:l,register:D=>{D?m.current.set(b.lineId,D):m.current.delete(b.lineId)}},b.lineId)),r.has("CompleteInspection")&&c.jsxs("button",{type:"button",disabled:l,onClick:R,children:[n("complete")," ",c.jsx("kbd",{children:"F4"})]}),c.jsx(Y,{error:a})]})}function bn(t){const e=t.inspection,n=(e==null?void 0:e.notes)===Cn;return{grade:(e==null?void 0:e.grade)??"NEW",verdict:(e==null?void 0:e.verdict)??"PASS",inspected:String((e==null?void 0:e.qtyInspected)??t.qtyReceived),accepted:String((e==null?void 0:e.qtyAccepted)??t.qtyReceived),deduction:ws((e==null?void 0:e.deduction.amountMinor)??0),notes:n?"":(e==null?void 0:e.notes)??"",keepNotes:n}}function fs(t,e){if(!/^\s*\d+\s*$/.test(t))return null;const n=Number(t);return n<=e?n:null}function Kp({ticket:t,line:e,run:n,busy:i,register:s}){var N,L,X;const{t:o,e:r,money:a}=B(),d=JSON.stringify(e.inspection??null),[l,u]=$.useState(()=>bn(e)),[h,p]=$.useState(!1),[f,k]=$.useState(d),[y,g]=$.useState([]),v=$.useRef(null);$.useEffect(()=>{d!==f&&(h||(u(bn(e)),k(d)))},[d,h]);const S=h&&d!==f&&e.inspection,R=F=>{u(se=>({...se,...F})),p(!0)},m=t.currency??"CNY",x=fs(l.inspected,e.qtyReceived),b=fs(l.accepted,x??e.qtyReceived),D=l.verdict==="FAIL"||b===null?0:b>=e.qtyApplied?e.paid.amountMinor:Math.floor(e.paid.amountMinor*b/e.qtyApplied),I=Pe(l.deduction),w=I===null?o("moneyInvalid"):l.verdict==="FAIL"&&I>0?o("deductionFailed"):I>D?o("moneyOverLimit",{limit:a({amountMinor:D,currency:m})}):null,M=x===null||b===null||w!==null,O=((N=e.inspection)==null?void 0:N.photoRefs)??[],T=`inspect-${t.id.slice(0,8)}-${e.lineId}`,P=()=>{if(M||i)return;const F=ne(),se=l;n(async()=>{const _=[];for(const V of y)_.push(await Yo(t.id,V));await U(Np,{id:t.id,cmd:F,input:{lineId:e.lineId,grade:se.grade,verdict:se.verdict,qtyInspected:x??0,qtyAccepted:b??0,deduction:{amountMinor:I??0,currency:m},notes:se.keepNotes?"":se.notes,keepRecordedNotes:se.keepNotes,photoRefs:[...O,..._]}})}).then(_=>{_&&(p(!1),g([]),v.current&&(v.current.value=""))})};$.useEffect(()=>(s(P),()=>s(null)));const E=e.inspection?`${r("grade",e.inspection.grade)} ${r("verdict",e.inspection.verdict)} ${e.inspection.qtyAccepted}/${e.inspection.qtyInspected} ${a(e.inspection.deduction)}`:o("notRecorded");return c.jsxs("form",{className:"action","aria-labelledby":`${T}-title`,"data-testid":`inspect-${e.lineId}`,onSubmit:F=>{F.preventDefault(),P()},children:[c.jsxs("h3",{id:`${T}-title`,children:[o("inspection")," ",e.lineId," ",e.sku," · ",o("recorded"),": ",E]}),S&&c.jsxs("p",{role:"status",className:"notice","data-testid":"changed-meanwhile",children:[o("changedMeanwhile",{summary:E})," ",c.jsx("button",{type:"button",onClick:()=>{u(bn(e)),k(d),p(!1)},children:o("useRecorded")})]}),c.jsx(q,{label:o("grade"),children:c.jsx("select",{value:l.grade,onChange:F=>R({grade:F.target.value}),children:Gp.map(F=>c.jsx("option",{value:F,children:r("grade",F)},F))})}),c.jsx(q,{label:o("verdict"),children:c.jsx("select",{value:l.verdict,onChange:F=>R({verdict:F.target.value}),children:["PASS","FAIL"].map(F=>c.jsx("option",{value:F,children:r("verdict",F)},F))})}),c.jsx(q,{label:`${o("inspected")} (≤ ${e.qtyReceived})`,children:c.jsx("input",{type:"number",min:0,max:e.qtyReceived,value:l.inspected,"aria-invalid":x===null||void 0,onChange:F=>R({inspected:F.target.value})})}),c.jsx(q,{label:o("accepted"),children:c.jsx("input",{type:"number",min:0,max:e.qtyReceived,value:l.accepted,"aria-invalid":b===null||void 0,onChange:F=>R({accepted:F.target.value})})}),c.jsx(En,{label:o("deduction"),hint:o("deductionLimit",{limit:a({amountMinor:D,currency:m})}),text:l.deduction,setText:F=>R({deduction:F}),error:w}),((L=e.inspection)==null?void 0:L.notes)===Cn&&c.jsxs("label",{className:"field check",children:[c.jsx("input",{type:"checkbox",checked:l.keepNotes,onChange:F=>R({keepNotes:F.target.checked})}),c.jsx("span",{children:o("keepNotes")})]}),c.jsx(q,{label:((X=e.inspection)==null?void 0:X.notes)===Cn?o("newNotes"):o("notes"),children:c.jsx("input",{value:l.notes,disabled:l.keepNotes,onChange:F=>R({notes:F.target.value})})}),O.length>0&&c.jsxs("p",{children:[o("keepPhotos",{count:O.length})," ",c.jsx(Po,{ticketId:t.id,references:O})]}),c.jsx(q,{label:o("photos"),children:c.jsx("input",{ref:v,type:"file",accept:"image/jpeg,image/png,image/webp",capture:"environment",multiple:!0,onChange:F=>{g(Array.from(F.target.files??[])),p(!0)}})}),c.jsxs("button",{type:"submit",disabled:i||M,children:[o("record")," ",e.lineId," ",c.jsx("kbd",{children:"F3"})]})]})}const Yp=["REPLACEMENTS_TO_SHIP","RESHIPS_TO_SHIP","REPAIRS_TO_SHIP_BACK","RETURNS_TO_CUSTOMER"],ms={REPLACEMENTS_TO_SHIP:{reason:"ship the replacement to the customer",label:"shipReplacement"},RESHIPS_TO_SHIP:{reason:"reship the missing part to the customer",label:"shipPart"},REPAIRS_TO_SHIP_BACK:{reason:"ship the repaired goods back to the customer",label:"shipRepaired"},RETURNS_TO_CUSTOMER:{reason:"send rejected goods back to the customer",label:"returnGoods"}};function Xp({ticketId:t,queue:e,shipped:n}){const{t:i,err:s}=B(),[o,r]=$.useState(null),[a,d]=$.useState("SF Express"),[l,u]=$.useState(""),[h,p]=$.useState(""),[f,k]=$.useState(null),[y,g]=$.useState(!1),[v]=$.useState(ne),S=ms[e]??ms.RETURNS_TO_CUSTOMER,R=async()=>{try{const b=S.reason;r((await U(qp,{id:t,reason:b})).revealPersonalData),k(null)}catch(b){k(s(b))}},m=async b=>{b.preventDefault();const D=Eo(l);if(D){g(!0);try{const I={carrier:a.trim(),trackingNumber:D},w=e==="REPLACEMENTS_TO_SHIP"?(await U(Bp,{id:t,cmd:v,input:I})).shipReplacement.position:e==="RESHIPS_TO_SHIP"?(await U(zp,{id:t,cmd:v,input:{...I,contents:h.trim()}})).shipReshipment.position:e==="REPAIRS_TO_SHIP_BACK"?(await U(Vp,{id:t,cmd:v,input:I})).shipRepairedGoods.position:(await U(Hp,{id:t,cmd:v,input:I})).returnGoodsToCustomer.position;k(null),n(w),Jt()}catch(I){k(s(I))}finally{g(!1)}}},x=i(S.label);return c.jsxs("form",{className:"outbound","aria-label":`${x} ${t.slice(0,8)}`,onSubmit:b=>void m(b),"data-testid":`ship-${t.slice(0,8)}`,children:[o?c.jsxs("p",{"data-testid":"ship-to",children:[i("shipTo"),": ",o.customer," · ",o.customerPhone??"—"," · ",o.customerAddress??i("noAddress")]}):c.jsx("button",{type:"button",onClick:()=>void R(),children:i("revealAddress")}),c.jsx(q,{label:i("carrier"),children:c.jsx("input",{value:a,required:!0,onChange:b=>d(b.target.value)})}),c.jsx(q,{label:i("trackingNumber"),children:c.jsx("input",{value:l,required:!0,autoComplete:"off",onChange:b=>u(b.target.value)})}),e==="RESHIPS_TO_SHIP"&&c.jsx(q,{label:i("contents"),children:c.jsx("input",{value:h,required:!0,autoComplete:"off",onChange:b=>p(b.target.value)})}),c.jsx("button",{type:"submit",disabled:y,children:x}),c.jsx(Y,{error:f})]})}function ze({queue:t,title:e,seen:n,shipped:i}){const{e:s}=B(),{data:o,error:r}=ie(()=>U(Lp,{queue:t,seen:n}),[t,n]),a=Yp.includes(t),{session:d}=B(),l=d.role==="WAREHOUSE"||d.role==="ADMIN",u=`queue-${t}`;return c.jsxs("section",{"aria-labelledby":u,className:"queue",children:[c.jsxs("h2",{id:u,children:[e," (",(o==null?void 0:o.warehouseQueue.nodes.length)??"…",")"]}),c.jsx(Y,{error:r}),c.jsx("ul",{children:o==null?void 0:o.warehouseQueue.nodes.map(h=>c.jsxs("li",{children:[c.jsxs(he,{to:`/ticket/${h.ticketId}`,children:[a?h.ticketId.slice(0,8):h.trackingNumber??h.ticketId.slice(0,8)," · ",h.customer," · ",s("kind",h.kind)," ·"," ",h.qtyReceived,"/",h.qtyApplied]}),a&&l&&c.jsx(Xp,{ticketId:h.ticketId,queue:t,shipped:i})]},h.ticketId))})]})}function Qp({ticket:t,scanned:e,reload:n}){const{t:i,e:s}=B();return $.useEffect(()=>{let o=t.version;return St(Oo,()=>({id:t.id,after:o}),r=>{r.ticketEvents.version<=o||(o=r.ticketEvents.version,n())})},[t.id]),c.jsxs("article",{className:"parcel","aria-label":`${i("ticket")} ${t.id.slice(0,8)}`,children:[c.jsxs("h2",{children:[c.jsx(he,{to:`/ticket/${t.id}`,children:e})," ",c.jsx("span",{className:"badge","data-status":t.status,children:s("status",t.status)})," ",t.customer]}),c.jsx("ul",{children:t.lines.map(o=>c.jsxs("li",{children:[o.lineId," ",o.sku," ",o.name,": ",i("received")," ",o.qtyReceived,"/",o.qtyApplied,o.inspection?` · ${s("grade",o.inspection.grade)} ${s("verdict",o.inspection.verdict)}`:""]},o.lineId))}),c.jsx(Mo,{ticket:t,done:n})]})}function Zp(){const{t,err:e,session:n}=B(),i=$.useRef(null),[s,o]=$.useState(""),[r,a]=$.useState(null),[d,l]=$.useState(""),[u,h]=$.useState(null),[p,f]=$.useState(0),k=$.useCallback(()=>{var m;return(m=i.current)==null?void 0:m.focus()},[]);$.useEffect(()=>(Jt=k,k(),()=>{Jt=()=>{}}),[k]),$.useEffect(()=>St(Wp,()=>({}),m=>f(x=>Math.max(x,m.departmentQueue.position))),[]);const y=$.useCallback(async(m,x)=>{try{let b=await U(ps,{tracking:m});b.inboundParcel.length===0&&x!==m&&(b=await U(ps,{tracking:x}));const D=await Promise.all(b.inboundParcel.map(I=>U(Mp,{id:I.ticketId})));a(D.map(I=>I.ticket)),h(null)}catch(b){h(e(b))}},[e]),g=m=>{m.preventDefault();const x=Eo(s);x&&(l(x),o(""),y(x,s.trim()))},v=$.useCallback(()=>void y(d,d),[y,d]),S=r!==null&&r.length===0;$.useEffect(()=>{S&&d&&y(d,d)},[p]);const R=$.useCallback(m=>f(x=>Math.max(x,m)),[]);return c.jsxs("section",{"aria-labelledby":"desk-title",className:"warehouse",children:[c.jsx("h1",{id:"desk-title",children:t("warehouse")}),c.jsxs("form",{onSubmit:g,className:"scanner",children:[c.jsx("label",{htmlFor:"scan",children:t("scan")}),c.jsx("input",{id:"scan","data-testid":"scan-input",ref:i,value:s,autoComplete:"off",placeholder:t("scanHint"),onChange:m=>o(m.target.value)})]}),c.jsx(Y,{error:u}),r&&r.length===0&&c.jsxs("div",{role:"status",className:"notice","data-testid":"no-match",children:[c.jsx("p",{children:t("noMatchScan",{number:d})}),c.jsx("p",{children:t("noMatchNext")}),c.jsx("button",{type:"button",onClick:k,children:t("scanAgain")}),(n.role==="WAREHOUSE"||n.role==="ADMIN")&&c.jsx(pp,{tracking:d,registered:()=>f(m=>m+1)},d)]}),r==null?void 0:r.map(m=>c.jsx(Qp,{ticket:m,scanned:d,reload:v},m.id)),c.jsxs("div",{className:"queues",children:[c.jsx(ze,{queue:"EXPECTED_INBOUND",title:t("awaitingArrival"),seen:p,shipped:R}),c.jsx(ze,{queue:"AWAITING_INSPECTION",title:t("toInspect"),seen:p,shipped:R}),c.jsx(ze,{queue:"REPLACEMENTS_TO_SHIP",title:t("replacementsToShip"),seen:p,shipped:R}),c.jsx(ze,{queue:"RETURNS_TO_CUSTOMER",title:t("goodsToReturn"),seen:p,shipped:R}),c.jsx(ze,{queue:"RESHIPS_TO_SHIP",title:t("reshipsToShip"),seen:p,shipped:R}),c.jsx(ze,{queue:"REPAIRS_TO_DO",title:t("repairsToDo"),seen:p,shipped:R}),c.jsx(ze,{queue:"REPAIRS_TO_SHIP_BACK",title:t("repairsToShipBack"),seen:p,shipped:R}),c.jsx(bp,{seen:p})]})]})}C(`
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
    platformActions { seq platform afterSaleId action department carrier trackingNumber amount { amountMinor currency } conversion requestedAt doneAt confirmedAt confirmedStatus answer { outcome reason code message alreadyDone answeredAt } }
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
`);const Jp=C(`
  query Ticket($id: UUID!) {
    ticket(id: $id) { ...TicketView }
  }
`),Oo=C(`
  subscription TicketEvents($id: UUID!, $after: Int) {
    ticketEvents(ticketId: $id, afterVersion: $after) {
      version eventType actor role source recordedAt causationId payload
    }
  }
`),xn=C(`
  mutation ApproveApplication($id: UUID!, $cmd: UUID!, $input: ApproveApplicationInput!) {
    approveApplication(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`),gs=C(`
  mutation RejectApplication($id: UUID!, $cmd: UUID!, $input: RejectApplicationInput!) {
    rejectApplication(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`),ef=C(`
  mutation RegisterReturnShipment($id: UUID!, $cmd: UUID!, $input: ShipmentInput!) {
    registerReturnShipment(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`),tf=C(`
  mutation SendInspectionFeedback($id: UUID!, $cmd: UUID!, $input: SendInspectionFeedbackInput!) {
    sendInspectionFeedback(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`),nf=C(`
  mutation RequestRefund($id: UUID!, $cmd: UUID!, $input: RequestRefundInput!) {
    requestRefund(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`),sf=C(`
  mutation ApproveRefund($id: UUID!, $cmd: UUID!, $input: ApproveRefundInput!) {
    approveRefund(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`),of=C(`
  mutation IssueRefund($id: UUID!, $cmd: UUID!, $input: IssueRefundInput!) {
    issueRefund(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`),rf=C(`
  mutation ShipReplacement($id: UUID!, $cmd: UUID!, $input: ShipmentInput!) {
    shipReplacement(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`),af=C(`
  mutation ReturnGoodsToCustomer($id: UUID!, $cmd: UUID!, $input: ShipmentInput!) {
    returnGoodsToCustomer(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`),cf=C(`
  mutation CloseTicket($id: UUID!, $cmd: UUID!, $input: CloseTicketInput!) {
    closeTicket(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`),df=C(`
  mutation CancelTicket($id: UUID!, $cmd: UUID!, $input: CancelTicketInput!) {
    cancelTicket(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`),lf=C(`
  mutation AddNote($id: UUID!, $cmd: UUID!, $input: AddNoteInput!) {
    addNote(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`),uf=C(`
  mutation AssignTicket($id: UUID!, $cmd: UUID!, $input: AssignTicketInput!) {
    assignTicket(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`),hf=C(`
  mutation DisputeInspection($id: UUID!, $cmd: UUID!, $input: DisputeInspectionInput!) {
    disputeInspection(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`),pf=C(`
  mutation ScheduleFollowUp($id: UUID!, $cmd: UUID!, $input: ScheduleFollowUpInput!) {
    scheduleFollowUp(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`),ff=C(`
  mutation UpdateCustomFields($id: UUID!, $cmd: UUID!, $input: UpdateCustomFieldsInput!) {
    updateCustomFields(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`),mf=C(`
  mutation CompleteFollowUpOnTicket($id: UUID!, $cmd: UUID!, $input: CompleteFollowUpInput!) {
    completeFollowUp(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`),gf=C(`
  mutation RecordRefundFailure($id: UUID!, $cmd: UUID!, $input: RecordRefundFailureInput!) {
    recordRefundFailure(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`),bf=C(`
  mutation StatePriceDifference($id: UUID!, $cmd: UUID!, $input: StatePriceDifferenceInput!) {
    statePriceDifference(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`),xf=C(`
  mutation ShipReshipment($id: UUID!, $cmd: UUID!, $input: ShipReshipmentInput!) {
    shipReshipment(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`),yf=C(`
  mutation ConfirmReshipmentReceived($id: UUID!, $cmd: UUID!, $input: ConfirmReshipmentReceivedInput!) {
    confirmReshipmentReceived(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`),kf=C(`
  mutation RecordRepair($id: UUID!, $cmd: UUID!, $input: RecordRepairInput!) {
    recordRepair(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`),If=C(`
  mutation ShipRepairedGoods($id: UUID!, $cmd: UUID!, $input: ShipmentInput!) {
    shipRepairedGoods(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`),vf=C(`
  mutation ConvertTicket($id: UUID!, $cmd: UUID!, $input: ConvertTicketInput!) {
    convertTicket(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`),Sf=C(`
  mutation MakeCounterOffer($id: UUID!, $cmd: UUID!, $input: MakeCounterOfferInput!) {
    makeCounterOffer(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`),$f=C(`
  mutation RecordOfferAnswer($id: UUID!, $cmd: UUID!, $input: RecordOfferAnswerInput!) {
    recordOfferAnswer(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`),Df=C(`
  mutation ChooseReplacementVariant($id: UUID!, $cmd: UUID!, $input: ChooseReplacementVariantInput!) {
    chooseReplacementVariant(ticketId: $id, commandId: $cmd, input: $input) { version }
  }
`),Rf=C(`
  query RefusalReasons($id: UUID!) {
    platformRefusalReasons(ticketId: $id) { mode problem reasons { code text needsEvidence } }
  }
`);function wf(t){const e=new Date(t),n=i=>String(i).padStart(2,"0");return`${e.getFullYear()}-${n(e.getMonth()+1)}-${n(e.getDate())}T${n(e.getHours())}:${n(e.getMinutes())}`}function _f(t,e,n,i=null){const{t:s,e:o,money:r}=n,a=m=>({fields:[{name:"carrier",label:"carrier",initial:"SF Express"},{name:"trackingNumber",label:"trackingNumber"}],send:(x,b,D)=>U(m,{id:x,cmd:b,input:{carrier:D.carrier,trackingNumber:D.trackingNumber.trim()}})}),d=m=>e.refunds.filter(x=>x.status===m).map(x=>({value:x.refundId,label:`${r(x.amount)} · ${x.refundId.slice(0,8)}`})),l=m=>{var x;return r((x=e.refunds.find(b=>b.refundId===m))==null?void 0:x.amount)},u=e.currency??"CNY",h=m=>({amountMinor:Pe(m)??0,currency:u}),p=e.lines.reduce((m,x)=>m+x.paid.amountMinor,0),f=m=>{var x;return m==="EXCHANGE_TO_REFUND"?((x=e.refundable)==null?void 0:x.amountMinor)??0:m==="RETURN_TO_PARTIAL_REFUND"?p-1:p},k=m=>m!==""&&m!=="REPAIR_TO_EXCHANGE",y=e.allowedConversions.map(m=>({value:m,label:o("conversion",m)})),g=(m,x)=>[{name:"recipient",label:"recipient",optional:m,when:x},{name:"phone",label:"phone",optional:m,when:x},{name:"address",label:"address",optional:m,when:x}],v=m=>({recipient:m.recipient.trim(),phone:m.phone.trim(),address:m.address.trim()}),S=e.negotiation.find(m=>m.status==="OPEN"),R=m=>[o("offerType",m.type),m.conversion?o("conversion",m.conversion):null,m.amount?r(m.amount):null,m.returnAddress?`${m.returnAddress.recipient} · ${m.returnAddress.address}`:null].filter(Boolean).join(" · ");switch(t){case"ApproveApplication":{const m=e.kind??"";return m==="RETURN_AND_REFUND"||m==="EXCHANGE"?{fields:g(!1),send:(x,b,D)=>U(xn,{id:x,cmd:b,input:{returnAddress:v(D)}})}:m==="REPAIR"?{note:"approveRepairNote",fields:g(!0),send:(x,b,D)=>U(xn,{id:x,cmd:b,input:Object.values(v(D)).some(I=>I!=="")?{returnAddress:v(D)}:{}})}:{fields:[],send:(x,b)=>U(xn,{id:x,cmd:b,input:{}})}}case"RejectApplication":{const m=(i==null?void 0:i.mode)==="API"?i.reasons:[];if(m.length===0)return{note:(i==null?void 0:i.mode)==="API"?"refusalReasonsUnavailable":void 0,fields:[{name:"reason",label:"reason"}],send:(b,D,I)=>U(gs,{id:b,cmd:D,input:{reason:I.reason}}),consequence:()=>s("consequenceReject")};const x=b=>m.find(D=>D.code===b.reasonCode);return{fields:[{name:"reasonCode",label:"platformReason",options:m.map(b=>({value:b.code,label:b.needsEvidence?`${b.text} · ${s("needsEvidence")}`:b.text}))},{name:"reason",label:"reasonToBuyer",optional:!0}],send:(b,D,I)=>{var w;return U(gs,{id:b,cmd:D,input:{reason:I.reason.trim()||(((w=x(I))==null?void 0:w.text)??""),reasonCode:I.reasonCode}})},consequence:b=>{var D;return s("consequenceRejectReason",{reason:((D=x(b))==null?void 0:D.text)??""})},warning:b=>{var D;return(D=x(b))!=null&&D.needsEvidence?s("refusalNeedsEvidence"):null}}}case"RegisterReturnShipment":return a(ef);case"ShipReplacement":return a(rf);case"ReturnGoodsToCustomer":return a(af);case"ShipRepairedGoods":return a(If);case"ShipReshipment":return{fields:[{name:"carrier",label:"carrier",initial:"SF Express"},{name:"trackingNumber",label:"trackingNumber"},{name:"contents",label:"contents"}],send:(m,x,b)=>U(xf,{id:m,cmd:x,input:{carrier:b.carrier.trim(),trackingNumber:b.trackingNumber.trim(),contents:b.contents.trim()}})};case"ConfirmReshipmentReceived":return{fields:[{name:"by",label:"receiptBy",options:["BUYER","PLATFORM","CARRIER"].map(m=>({value:m,label:o("receiptBy",m)}))}],send:(m,x,b)=>U(yf,{id:m,cmd:x,input:{by:b.by}}),consequence:m=>s("consequenceConfirmReshipment",{by:o("receiptBy",m.by)})};case"StatePriceDifference":return{fields:[{name:"amount",label:"priceDifference",money:{max:p}},{name:"source",label:"differenceSource",options:["POLICY","PLATFORM"].map(m=>({value:m,label:o("differenceSource",m)}))},{name:"basis",label:"basis"}],send:(m,x,b)=>U(bf,{id:m,cmd:x,input:{amount:h(b.amount),source:b.source,basis:b.basis.trim()}}),consequence:m=>s("consequenceStateDifference",{amount:r(h(m.amount))})};case"RecordRepair":{const x=e.lines.some(D=>D.qtyReceived>0)?["WORKSHOP"]:["PARTS_SENT","VISIT"],b=D=>D.method==="PARTS_SENT";return{fields:[{name:"method",label:"repairMethod",options:x.map(D=>({value:D,label:o("repairMethod",D)}))},{name:"workDone",label:"workDone"},{name:"parts",label:"parts",optional:!0},{name:"cost",label:"repairCost",initial:"0.00",money:{}},{name:"partsCarrier",label:"partsCarrier",optional:!0,when:b},{name:"partsTracking",label:"partsTracking",optional:!0,when:b}],send:(D,I,w)=>U(kf,{id:D,cmd:I,input:{method:w.method,workDone:w.workDone.trim(),parts:w.parts.split(/[,，、]/).map(M=>M.trim()).filter(M=>M!==""),cost:h(w.cost),partsShipment:w.partsTracking.trim()!==""?{carrier:w.partsCarrier.trim(),trackingNumber:w.partsTracking.trim()}:null}})}}case"ConvertTicket":return y.length===0?null:{fields:[{name:"conversion",label:"conversion",options:y},{name:"refundAmount",label:"conversionRefund",money:m=>({max:f(m.conversion)}),when:m=>k(m.conversion)},{name:"reason",label:"reason"}],send:(m,x,b)=>U(vf,{id:m,cmd:x,input:{conversion:b.conversion,reason:b.reason.trim(),refundAmount:k(b.conversion)?h(b.refundAmount):null}}),consequence:m=>k(m.conversion)?s("consequenceConvertRefund",{conversion:o("conversion",m.conversion),amount:r(h(m.refundAmount))}):s("consequenceConvertExchange",{conversion:o("conversion",m.conversion)})};case"MakeCounterOffer":{const m=e.allowedOffers.map(D=>({value:D,label:o("offerType",D)}));if(m.length===0)return null;const x=D=>I=>I.type===D,b=D=>D.type==="CONVERSION"&&k(D.conversion);return{fields:[{name:"type",label:"offerType",options:m},{name:"partialRefund",label:"amount",money:{max:p-1},when:x("PARTIAL_REFUND")},{name:"conversion",label:"conversion",options:y,when:x("CONVERSION")},{name:"refundAmount",label:"conversionRefund",money:D=>({max:f(D.conversion)}),when:b},...g(!1,x("RETURN_ADDRESS")),{name:"respondBy",label:"respondBy",type:"datetime-local",initial:wf(Date.now()+48*36e5)},{name:"note",label:"noteToBuyer"}],send:(D,I,w)=>U(Sf,{id:D,cmd:I,input:{partialRefund:w.type==="PARTIAL_REFUND"?h(w.partialRefund):null,conversion:w.type==="CONVERSION"?{conversion:w.conversion,refundAmount:k(w.conversion)?h(w.refundAmount):null}:null,returnAddress:w.type==="RETURN_ADDRESS"?v(w):null,respondBy:new Date(w.respondBy).toISOString(),note:w.note.trim()}})}}case"RecordOfferAnswer":return S?{fields:[{name:"offerId",label:"offer",options:[{value:S.offerId,label:R(S)}]},{name:"answer",label:"answer",options:["ACCEPTED","DECLINED"].map(m=>({value:m,label:o("offerAnswer",m)}))}],send:(m,x,b)=>U($f,{id:m,cmd:x,input:{offerId:b.offerId,answer:b.answer}}),consequence:m=>s(m.answer==="ACCEPTED"?"consequenceOfferAccepted":"consequenceOfferDeclined",{offer:R(S)})}:null;case"ChooseReplacementVariant":{const m=x=>{var b;return((b=e.lines.find(D=>D.lineId===x))==null?void 0:b.paid.amountMinor)??0};return{fields:[{name:"lineId",label:"line",options:e.lines.map(x=>({value:x.lineId,label:`${x.lineId} · ${x.sku} · ${x.name}`}))},{name:"sku",label:"variantSku"},{name:"name",label:"variantName"},{name:"priceDifference",label:"variantDifference",initial:"0.00",money:x=>({min:-m(x.lineId)})}],send:(x,b,D)=>U(Df,{id:x,cmd:b,input:{lineId:D.lineId,sku:D.sku.trim(),name:D.name.trim(),priceDifference:{amountMinor:_s(D.priceDifference)??0,currency:u}}})}}case"SendInspectionFeedback":return{fields:[{name:"message",label:"message"}],send:(m,x,b)=>U(tf,{id:m,cmd:x,input:{message:b.message}})};case"DisputeInspection":return{fields:[{name:"reason",label:"reason"}],send:(m,x,b)=>U(hf,{id:m,cmd:x,input:{reason:b.reason}})};case"RequestRefund":return{fields:[{name:"amount",label:"amount",initial:ws(e.remainingRefundableMinor),money:{max:e.remainingRefundableMinor}}],send:(m,x,b)=>U(nf,{id:m,cmd:x,input:{amount:{amountMinor:Pe(b.amount)??0,currency:u}}}),consequence:m=>s("consequenceRequestRefund",{amount:r({amountMinor:Pe(m.amount)??0,currency:u})})};case"ApproveRefund":return{fields:[{name:"refundId",label:"refundsQueue",options:d("REQUESTED")}],send:(m,x,b)=>U(sf,{id:m,cmd:x,input:{refundId:b.refundId}}),consequence:m=>s("consequenceApproveRefund",{amount:l(m.refundId)})};case"IssueRefund":return{fields:[{name:"refundId",label:"refundsQueue",options:[...d("APPROVED"),...d("FAILED")]},{name:"gatewayReference",label:"payoutReference"}],send:(m,x,b)=>U(of,{id:m,cmd:x,input:{refundId:b.refundId,gatewayReference:b.gatewayReference.trim()}}),consequence:m=>s("consequenceIssueRefund",{amount:l(m.refundId),reference:m.gatewayReference.trim()})};case"CloseTicket":{const m=e.allowedResolutions.map(x=>({value:x,label:o("resolution",x)}));return m.length===0?null:{fields:[{name:"resolution",label:"resolution",options:m},{name:"note",label:"note",optional:!0}],send:(x,b,D)=>U(cf,{id:x,cmd:b,input:{resolution:D.resolution,note:D.note||null}}),consequence:x=>s("consequenceClose",{resolution:o("resolution",x.resolution)})}}case"CancelTicket":return{fields:[{name:"reason",label:"reason"}],send:(m,x,b)=>U(df,{id:m,cmd:x,input:{reason:b.reason}}),consequence:()=>s("consequenceCancel")};case"AddNote":return{fields:[{name:"text",label:"note"}],send:(m,x,b)=>U(lf,{id:m,cmd:x,input:{text:b.text}})};case"ScheduleFollowUp":return{fields:[{name:"purpose",label:"purpose"},{name:"dueAt",label:"due",type:"datetime-local"}],send:(m,x,b)=>U(pf,{id:m,cmd:x,input:{purpose:b.purpose,dueAt:new Date(b.dueAt).toISOString()}})};case"CompleteFollowUp":return{fields:[{name:"followUpId",label:"followUp",options:e.followUps.filter(m=>!m.completedAt).map(m=>({value:m.followUpId,label:`${m.purpose} · ${n.date(m.dueAt)}`}))},{name:"outcome",label:"outcome",options:As.map(m=>({value:m,label:o("followUpOutcome",m)}))}],send:(m,x,b)=>U(mf,{id:m,cmd:x,input:{followUpId:b.followUpId,outcome:b.outcome}})};case"UpdateCustomFields":return{fields:[{name:"key",label:"fieldName"},{name:"value",label:"fieldValue",optional:!0}],send:(m,x,b)=>U(ff,{id:m,cmd:x,input:{fields:{[b.key.trim()]:b.value===""?null:b.value}}})};case"RecordRefundFailure":return{fields:[{name:"refundId",label:"refundsQueue",options:d("APPROVED")},{name:"reason",label:"reason"}],send:(m,x,b)=>U(gf,{id:m,cmd:x,input:{refundId:b.refundId,reason:b.reason}})};case"AssignTicket":return{fields:[{name:"assignee",label:"assignee",optional:!0}],send:(m,x,b)=>U(uf,{id:m,cmd:x,input:{assignee:b.assignee||null}})};default:return null}}function Af({command:t,ticket:e,done:n}){var V;const i=B(),{t:s,e:o,err:r}=i,[a,d]=$.useState(null),l=t==="RejectApplication"&&!!e.platformAfterSaleId;$.useEffect(()=>{if(!l)return;let j=!0;return U(Rf,{id:e.id}).then(H=>j&&d(H.platformRefusalReasons),()=>j&&d({mode:"API",problem:null,reasons:[]})),()=>{j=!1}},[l,e.id]);const u=_f(t,e,i,a),h=()=>Object.fromEntries(((u==null?void 0:u.fields)??[]).map(j=>{var H,Z;return[j.name,j.initial??((Z=(H=j.options)==null?void 0:H[0])==null?void 0:Z.value)??""]})),[p,f]=$.useState(h),[k,y]=$.useState(null),[g,v]=$.useState(!1),[S,R]=$.useState(!1),[m,x]=$.useState(ne);if(!u)return null;const b=j=>{var H;return j.options&&!j.options.some(Z=>Z.value===p[j.name])?((H=j.options[0])==null?void 0:H.value)??"":p[j.name]},D=Object.fromEntries(u.fields.map(j=>[j.name,b(j)])),I=u.fields.filter(j=>!j.when||j.when(D)),w=Object.fromEntries(u.fields.map(j=>[j.name,I.includes(j)?D[j.name]:""])),M=j=>i.money({amountMinor:j,currency:e.currency??"CNY"}),O=j=>typeof j.money=="function"?j.money(D):j.money??{},T=j=>(O(j).min??0)<0,P=j=>{if(!j.money)return null;const{max:H,min:Z}=O(j),Ie=T(j)?_s(w[j.name]):Pe(w[j.name]);return Ie===null?s(T(j)?"moneyInvalidSigned":"moneyInvalid"):H!==void 0&&Ie>H?s("moneyMax",{limit:M(H)}):Z!==void 0&&Ie<Z?s("moneyMin",{limit:M(Z)}):null},E=j=>{const{max:H,min:Z}=O(j);if(H!==void 0&&Z!==void 0)return s("moneyRange",{min:M(Z),max:M(H)});if(H!==void 0)return s("deductionLimit",{limit:M(H)});if(Z!==void 0&&Z<0)return s("moneyFloor",{limit:M(Z)})},N=((V=u.warning)==null?void 0:V.call(u,w))??null,L=I.some(j=>P(j)!==null||j.options&&!w[j.name]),X=async()=>{R(!1),v(!0);try{await u.send(e.id,m,w),y(null),x(ne()),f(h()),n()}catch(j){y(r(j))}finally{v(!1)}},F=j=>{j.preventDefault(),!L&&(u.consequence?R(!0):X())},se=`action-${t}`,_=o("command",t);return c.jsxs("form",{className:"action","aria-labelledby":se,onSubmit:F,noValidate:!1,children:[c.jsx("h3",{id:se,children:_}),u.note&&c.jsx("p",{children:s(u.note)}),I.map(j=>j.money?c.jsx(En,{label:s(j.label),hint:E(j),text:w[j.name],setText:H=>f({...p,[j.name]:H}),error:P(j)},j.name):c.jsx(q,{label:s(j.label),children:j.options?c.jsx("select",{value:w[j.name],onChange:H=>f({...p,[j.name]:H.target.value}),children:j.options.map(H=>c.jsx("option",{value:H.value,children:H.label},H.value))}):c.jsx("input",{type:j.type,value:w[j.name],required:!j.optional,onChange:H=>f({...p,[j.name]:H.target.value})})},j.name)),c.jsx("button",{type:"submit",disabled:g||L,children:_}),N&&c.jsx("p",{className:"warn",role:"status",children:N}),c.jsx(Y,{error:k}),S&&u.consequence&&c.jsx(_e,{action:_,consequence:u.consequence(w),onConfirm:()=>void X(),onCancel:()=>R(!1)})]})}function Cf({id:t}){var D;const{t:e,e:n,money:i,date:s,session:o}=B(),{data:r,error:a,reload:d}=ie(()=>U(Jp,{id:t}),[t]),[l,u]=$.useState([]);$.useEffect(()=>{u([]);let I=0;return St(Oo,()=>({id:t,after:I}),w=>{const M=w.ticketEvents;M.version<=I||(I=M.version,u(O=>[...O,M]),d())})},[t,d]);const h=r==null?void 0:r.ticket;if(!h)return c.jsx("section",{children:a?c.jsx(Y,{error:a}):c.jsx("p",{children:e("loading")})});const p=h.nextActions.filter(I=>I.roles.includes(o.role)&&I.command!=="ReceiveMatchedParcel"&&I.command!=="RecordEvidenceSubmission"&&I.command!=="ConfirmPlatformAction"),f=["ReceiveReturn","RecordInspection","CompleteInspection"],k=o.role==="AUDITOR"||o.role==="ADMIN",y=I=>I?`${I.carrier} ${I.trackingNumber}`:null,g=I=>I?I.open?`${n("nextAction","platform_intervening")}${I.deadline?` · ${e("arbitrationDeadline")} ${s(I.deadline)}`:""}`:n("arbitrationOutcome",I.outcome??"NOT_STATED"):null,v=(...I)=>I.filter(Boolean).join(" · "),S=h.priceDifference,R=h.reshipment,m=h.repair,x=h.conversion,b=[["customer",h.customer],["phone",h.customerPhone],["address",h.customerAddress],["assignee",h.assignee??e("unassigned")],["platformOrder",h.platformOrderId],["platformAfterSale",h.platformAfterSaleId],["opened",h.openedAt?s(h.openedAt):null],["refundable",i(h.refundable)],["refunded",i(h.refunded)],["returnAddress",h.returnAddress?`${h.returnAddress.recipient} · ${h.returnAddress.phone} · ${h.returnAddress.address}`:null],["trackingNumber",y(h.returnShipment)],["replacementShipment",y(h.replacementShipment)],["goodsReturnedShipment",y(h.goodsReturnedShipment)],["priceDifference",S&&v(i(S.amount),n("differenceSource",S.source.toUpperCase()),S.basis)],["reshipment",R&&v(y(R.shipment),R.contents,R.receivedBy&&`${e("receiptBy")}: ${n("receiptBy",R.receivedBy)}`)],["repair",m&&v(n("repairMethod",m.method),m.workDone,m.parts.join(", "),`${e("repairCost")} ${i(m.cost)}`,y(m.partsShipment))],["repairReturnShipment",y(h.repairReturnShipment)],["conversion",x&&v(n("conversion",x.conversion),x.reason,x.refundAmount&&i(x.refundAmount))],["variantCharge",h.variantCharge?i(h.variantCharge):null],["inspectionOutcome",h.inspectionOutcome?n("outcome",h.inspectionOutcome):null],["feedbackSent",h.inspectionFeedback],["rejectionReason",h.rejectionReason],["cancelReason",h.cancelReason],["resolution",h.resolution?n("resolution",h.resolution):null],["arbitration",g(h.arbitration)],["evidenceSubmissions",h.evidenceSubmissions.length>0?h.evidenceSubmissions.map(I=>`${n("channel",I.platform)} ${s(I.submittedAt)} · SHA-256 ${I.packSha256.slice(0,12)}…`).join("; "):null]];return c.jsxs("section",{"aria-labelledby":"ticket-title",children:[c.jsxs("h1",{id:"ticket-title",children:[e("ticket")," ",c.jsx("code",{children:h.id.slice(0,8)})]}),c.jsxs("p",{className:"summary",children:[c.jsx("span",{className:"badge","data-testid":"ticket-status","data-status":h.status,children:n("status",h.status)})," ",n("kind",h.kind)," · ",n("channel",h.channel)," · ",n("reason",h.reasonCode)," ",h.reasonText?`“${h.reasonText}”`:""," · ",e("version")," ",h.version,k&&c.jsxs(c.Fragment,{children:[" · ",c.jsx(he,{to:`/audit/${h.id}`,children:e("auditTrail")})]})]}),c.jsx("dl",{className:"amounts","data-testid":"case",children:b.filter(([,I])=>I).map(([I,w])=>c.jsxs("div",{children:[c.jsx("dt",{children:e(I)}),c.jsx("dd",{children:w})]},I))}),c.jsx("h2",{children:e("lines")}),c.jsxs("table",{children:[c.jsx("thead",{children:c.jsxs("tr",{children:[c.jsx("th",{scope:"col",children:e("sku")}),c.jsx("th",{scope:"col",children:e("item")}),c.jsx("th",{scope:"col",children:e("qty")}),c.jsx("th",{scope:"col",children:e("received")}),c.jsx("th",{scope:"col",children:e("paid")}),c.jsx("th",{scope:"col",children:e("inspection")})]})}),c.jsx("tbody",{children:h.lines.map(I=>c.jsxs("tr",{children:[c.jsx("td",{children:I.sku}),c.jsx("td",{children:I.name}),c.jsx("td",{children:I.qtyApplied}),c.jsx("td",{children:I.qtyReceived}),c.jsx("td",{children:i(I.paid)}),c.jsx("td",{children:I.inspection?c.jsxs(c.Fragment,{children:[n("grade",I.inspection.grade)," · ",n("verdict",I.inspection.verdict)," · ",I.inspection.qtyAccepted,"/",I.inspection.qtyInspected," · ",e("deduction")," ",i(I.inspection.deduction),I.inspection.notes&&` · ${I.inspection.notes}`,I.inspection.photoRefs.length>0&&c.jsx(Po,{ticketId:h.id,references:I.inspection.photoRefs})]}):"—"})]},I.lineId))})]}),h.replacementVariants.length>0&&c.jsxs(c.Fragment,{children:[c.jsx("h2",{id:"variants-title",children:e("replacementVariants")}),c.jsxs("table",{"aria-labelledby":"variants-title","data-testid":"variants",children:[c.jsx("thead",{children:c.jsxs("tr",{children:[c.jsx("th",{scope:"col",children:e("line")}),c.jsx("th",{scope:"col",children:e("variantSku")}),c.jsx("th",{scope:"col",children:e("variantName")}),c.jsx("th",{scope:"col",children:e("priceDifference")})]})}),c.jsx("tbody",{children:h.replacementVariants.map(I=>c.jsxs("tr",{children:[c.jsx("td",{children:I.lineId}),c.jsx("td",{children:I.sku}),c.jsx("td",{children:I.name}),c.jsx("td",{children:i(I.priceDifference)})]},I.lineId))})]})]}),h.negotiation.length>0&&c.jsxs(c.Fragment,{children:[c.jsx("h2",{id:"negotiation-title",children:e("negotiation")}),c.jsxs("table",{"aria-labelledby":"negotiation-title","data-testid":"negotiation",children:[c.jsx("thead",{children:c.jsxs("tr",{children:[c.jsx("th",{scope:"col",children:e("offerMade")}),c.jsx("th",{scope:"col",children:e("offer")}),c.jsx("th",{scope:"col",children:e("noteToBuyer")}),c.jsx("th",{scope:"col",children:e("respondBy")}),c.jsx("th",{scope:"col",children:e("status")}),c.jsx("th",{scope:"col",children:e("offerSettled")})]})}),c.jsx("tbody",{children:h.negotiation.map(I=>c.jsxs("tr",{children:[c.jsx("td",{children:s(I.madeAt)}),c.jsx("td",{children:v(n("offerType",I.type),I.conversion&&n("conversion",I.conversion),I.amount&&i(I.amount),I.returnAddress&&`${I.returnAddress.recipient} · ${I.returnAddress.phone} · ${I.returnAddress.address}`)}),c.jsx("td",{children:I.note}),c.jsx("td",{children:s(I.respondBy)}),c.jsx("td",{"data-status":I.status,children:n("offerStatus",I.status)}),c.jsx("td",{children:I.settledAt?s(I.settledAt):"—"})]},I.offerId))})]})]}),Object.keys(h.customFields??{}).length>0&&c.jsxs(c.Fragment,{children:[c.jsx("h2",{children:e("customFields")}),c.jsx("dl",{children:Object.entries(h.customFields).map(([I,w])=>c.jsxs("div",{children:[c.jsx("dt",{children:I}),c.jsx("dd",{children:typeof w=="string"?w:JSON.stringify(w)})]},I))})]}),h.notes.length>0&&c.jsxs(c.Fragment,{children:[c.jsx("h2",{children:e("notes")}),c.jsx("ul",{"data-testid":"notes",children:h.notes.map((I,w)=>c.jsxs("li",{children:[I.text," — ",I.author," ",c.jsx("time",{dateTime:I.addedAt,children:s(I.addedAt)})]},w))})]}),(o.role==="ADMIN"||o.role==="AUDITOR")&&c.jsx(Tf,{ticketId:h.id,role:o.role}),c.jsx("p",{children:c.jsx(To,{ticketId:h.id,arbitrating:((D=h.arbitration)==null?void 0:D.open)??!1,done:d})}),c.jsx(_p,{ticketId:h.id,actions:h.platformActions,done:d,mayConfirm:h.nextActions.some(I=>I.command==="ConfirmPlatformAction"&&I.roles.includes(o.role))}),c.jsx("h2",{children:e("actions")}),p.length===0&&c.jsx("p",{children:e("noActions")}),c.jsxs("div",{className:"actions",children:[p.some(I=>f.includes(I.command))&&c.jsx(Mo,{ticket:h,done:d}),p.filter(I=>!f.includes(I.command)).map(I=>c.jsx(Af,{command:I.command,ticket:h,done:d},I.command))]}),c.jsx("h2",{children:e("history")}),c.jsx("ol",{className:"timeline","aria-live":"polite",children:l.map(I=>c.jsx("li",{children:c.jsxs("details",{children:[c.jsxs("summary",{children:[c.jsx("strong",{children:n("event",I.eventType)})," — ",I.actor," (",n("role",I.role.toUpperCase()),I.source?`, ${I.source}`:"",") ",c.jsx("time",{dateTime:I.recordedAt,children:s(I.recordedAt)})]}),c.jsx("pre",{children:JSON.stringify(I.payload,null,2)})]})},I.version))})]})}const jf=C(`
  mutation GrantAccess($id: UUID!, $grantee: String!, $hours: Int!) {
    grantPersonalDataAccess(ticketId: $id, grantee: $grantee, hours: $hours) { grantee until }
  }
`),Uf=C(`
  mutation RevealGranted($id: UUID!, $reason: String!) {
    revealPersonalData(ticketId: $id, reason: $reason) { customer customerPhone customerAddress reasonText }
  }
`);function Tf({ticketId:t,role:e}){const{t:n,err:i,date:s}=B(),[o,r]=$.useState(""),[a,d]=$.useState("2"),[l,u]=$.useState(""),[h,p]=$.useState(null),[f,k]=$.useState(null),[y,g]=$.useState(null),[v,S]=$.useState(!1),R=async b=>{S(!0);try{await b(),g(null)}catch(D){g(i(D))}finally{S(!1)}},m=b=>{b.preventDefault(),R(async()=>{const D=(await U(jf,{id:t,grantee:o.trim(),hours:Number(a)})).grantPersonalDataAccess;p(n("granted",{who:D.grantee,until:s(D.until)}))})},x=b=>{b.preventDefault(),R(async()=>k((await U(Uf,{id:t,reason:l.trim()})).revealPersonalData))};return c.jsxs("section",{"aria-labelledby":"personal-access",children:[c.jsx("h2",{id:"personal-access",children:n("personalAccess")}),e==="ADMIN"?c.jsxs("form",{onSubmit:m,"aria-label":n("grantAuditor"),"data-testid":"grant-access",children:[c.jsx("p",{children:n("grantAuditor")}),c.jsx(q,{label:n("grantee"),children:c.jsx("input",{value:o,required:!0,autoComplete:"off",onChange:b=>r(b.target.value)})}),c.jsx(q,{label:n("grantHours"),children:c.jsx("input",{type:"number",min:1,max:168,value:a,required:!0,onChange:b=>d(b.target.value)})}),c.jsx("button",{type:"submit",disabled:v,children:n("grant")}),h&&c.jsx("p",{role:"status",children:h})]}):c.jsxs("form",{onSubmit:x,"aria-label":n("revealGranted"),"data-testid":"reveal-granted",children:[c.jsx("p",{children:n("revealGranted")}),c.jsx(q,{label:n("revealReason"),children:c.jsx("input",{value:l,required:!0,autoComplete:"off",onChange:b=>u(b.target.value)})}),c.jsx("button",{type:"submit",disabled:v,children:n("reveal")}),f&&c.jsxs("dl",{"data-testid":"revealed",children:[c.jsxs("div",{children:[c.jsx("dt",{children:n("customer")}),c.jsx("dd",{children:f.customer})]}),c.jsxs("div",{children:[c.jsx("dt",{children:n("phone")}),c.jsx("dd",{children:f.customerPhone??"—"})]}),c.jsxs("div",{children:[c.jsx("dt",{children:n("address")}),c.jsx("dd",{children:f.customerAddress??"—"})]})]})]}),y&&c.jsx("p",{role:"alert","data-testid":"access-error",children:y})]})}const Pf=C(`
  mutation BulkAssign($id: UUID!, $cmd: UUID!, $assignee: String) {
    assignTicket(ticketId: $id, commandId: $cmd, input: { assignee: $assignee }) { position }
  }
`),Ef=C(`
  mutation BulkNote($id: UUID!, $cmd: UUID!, $text: String!) {
    addNote(ticketId: $id, commandId: $cmd, input: { text: $text }) { position }
  }
`),Mf=C(`
  mutation BulkApprove($id: UUID!, $cmd: UUID!, $input: ApproveApplicationInput!) {
    approveApplication(ticketId: $id, commandId: $cmd, input: $input) { position }
  }
`),bs={assign:"AssignTicket",note:"AddNote",approve:"ApproveApplication"},xs=["RETURN_AND_REFUND","EXCHANGE","REPAIR"];function Of({tickets:t,done:e}){const{t:n,e:i,err:s,session:o}=B(),[r,a]=$.useState("assign"),[d,l]=$.useState(o.actor),[u,h]=$.useState(""),[p,f]=$.useState({recipient:"",phone:"",address:""}),[k,y]=$.useState(!1),[g,v]=$.useState(!1),[S,R]=$.useState(null),m=t.filter(P=>P.allowedCommands.includes(bs[r])),x=t.length-m.length,b=r==="approve"&&m.some(P=>xs.includes(P.kind)),D=async P=>{const E=ne();switch(r){case"assign":return(await U(Pf,{id:P.ticketId,cmd:E,assignee:d.trim()||null})).assignTicket.position;case"note":return(await U(Ef,{id:P.ticketId,cmd:E,text:u})).addNote.position;case"approve":return(await U(Mf,{id:P.ticketId,cmd:E,input:xs.includes(P.kind)?{returnAddress:p}:{}})).approveApplication.position}},I=async()=>{y(!1),v(!0);const P=[];let E=0;for(const N of m)try{E=Math.max(E,await D(N)),P.push({ticketId:N.ticketId,error:null})}catch(L){P.push({ticketId:N.ticketId,error:s(L)})}R(P),v(!1),e(E)},w=P=>{P.preventDefault(),m.length>0&&y(!0)},M=n(`bulk_${r}`),O=r==="assign"?n("bulkAssignConsequence",{count:m.length,assignee:d.trim()||n("unassigned")}):r==="note"?n("bulkNoteConsequence",{count:m.length}):n("bulkApproveConsequence",{count:m.length}),T=(S==null?void 0:S.filter(P=>P.error))??[];return c.jsxs("form",{className:"bulk action","aria-label":n("bulkActions"),onSubmit:w,"data-testid":"bulk",children:[c.jsxs("h2",{children:[n("bulkActions")," (",n("selectedCount",{count:t.length}),")"]}),c.jsxs("div",{className:"filters",children:[c.jsx(q,{label:n("bulkAction"),children:c.jsx("select",{value:r,onChange:P=>(a(P.target.value),R(null)),children:["assign","note","approve"].map(P=>c.jsx("option",{value:P,children:i("command",bs[P])},P))})}),r==="assign"&&c.jsx(q,{label:n("assignee"),children:c.jsx("input",{value:d,onChange:P=>l(P.target.value)})}),r==="note"&&c.jsx(q,{label:n("note"),children:c.jsx("input",{value:u,required:!0,onChange:P=>h(P.target.value)})}),b&&["recipient","phone","address"].map(P=>c.jsx(q,{label:n(P),children:c.jsx("input",{value:p[P],required:!0,onChange:E=>f({...p,[P]:E.target.value})})},P))]}),x>0&&c.jsx("p",{className:"notice","data-testid":"bulk-skipped",children:n("bulkSkipped",{count:x})}),c.jsxs("button",{type:"submit",disabled:g||m.length===0,children:[M," (",m.length,")"]}),S&&c.jsxs("div",{role:"status","data-testid":"bulk-result",children:[c.jsx("p",{children:n("bulkDone",{ok:S.length-T.length,failed:T.length})}),T.length>0&&c.jsx("ul",{children:T.map(P=>c.jsxs("li",{className:"error",children:[c.jsx("code",{children:P.ticketId.slice(0,8)}),": ",P.error]},P.ticketId))})]}),k&&c.jsx(_e,{action:M,consequence:O,onConfirm:()=>void I(),onCancel:()=>y(!1)})]})}const Nf=C(`
  query FollowUps($seen: Int) {
    followUps(list: OPEN, first: 50, atLeastPosition: $seen) {
      nodes { followUpId ticketId customer purpose dueAt overdue }
    }
    followUpOutcomes(atLeastPosition: $seen) { outcome count }
  }
`),Ff=C(`
  mutation CompleteFollowUp($id: UUID!, $cmd: UUID!, $input: CompleteFollowUpInput!) {
    completeFollowUp(ticketId: $id, commandId: $cmd, input: $input) { position }
  }
`);function Lf({seen:t}){const{t:e,e:n,date:i,err:s,session:o}=B(),r=o.role==="CUSTOMER_SERVICE"||o.role==="ADMIN",[a,d]=$.useState(0),{data:l,error:u}=ie(()=>U(Nf,{seen:Math.max(t,a)}),[t,a]),[h,p]=$.useState({}),[f,k]=$.useState(null),y=[...(l==null?void 0:l.followUps.nodes)??[]].sort((v,S)=>Number(S.overdue)-Number(v.overdue)),g=async(v,S,R)=>{v.preventDefault();try{const m=await U(Ff,{id:S,cmd:ne(),input:{followUpId:R,outcome:h[R]??""}});d(m.completeFollowUp.position),k(null)}catch(m){k(s(m))}};return c.jsxs("section",{"aria-labelledby":"followups-title",children:[c.jsxs("h2",{id:"followups-title",children:[e("followUps")," (",y.length,")"]}),c.jsx(Y,{error:u??f}),c.jsx("ul",{children:y.map(v=>c.jsxs("li",{className:v.overdue?"late":void 0,children:[c.jsx(he,{to:`/ticket/${v.ticketId}`,children:v.customer})," · ",v.purpose," · ",e("due")," ",i(v.dueAt),r&&c.jsxs("form",{onSubmit:S=>void g(S,v.ticketId,v.followUpId),children:[c.jsxs("label",{children:[c.jsx("span",{className:"sr-only",children:e("outcome")}),c.jsxs("select",{required:!0,value:h[v.followUpId]??"",onChange:S=>p({...h,[v.followUpId]:S.target.value}),children:[c.jsxs("option",{value:"",children:[e("outcome"),"…"]}),As.map(S=>c.jsx("option",{value:S,children:n("followUpOutcome",S)},S))]})]}),c.jsx("button",{type:"submit",children:e("done")})]})]},v.followUpId))}),c.jsx("p",{children:l==null?void 0:l.followUpOutcomes.map(v=>c.jsxs("span",{className:"badge",children:[n("followUpOutcome",v.outcome),": ",v.count]},v.outcome))})]})}const qf=C(`
  query SavedViews {
    savedViews { name query }
  }
`),Bf=C(`
  mutation SaveView($name: String!, $query: String!) {
    saveView(name: $name, query: $query) { name query }
  }
`),Hf=C(`
  mutation DeleteView($name: String!) {
    deleteView(name: $name)
  }
`);function zf({current:t,apply:e}){var y;const{t:n,err:i}=B(),{data:s,error:o,reload:r}=ie(()=>U(qf),[]),[a,d]=$.useState(""),[l,u]=$.useState(null),h=(s==null?void 0:s.savedViews)??[],p=((y=h.find(g=>g.query===t))==null?void 0:y.name)??"",f=async g=>{g.preventDefault();try{await U(Bf,{name:a.trim(),query:t}),d(""),u(null),r()}catch(v){u(i(v))}},k=async()=>{try{await U(Hf,{name:p}),u(null),r()}catch(g){u(i(g))}};return c.jsxs("div",{className:"filters","data-testid":"saved-views",children:[c.jsxs("label",{className:"field",children:[c.jsx("span",{children:n("savedViews")}),c.jsxs("select",{value:p,onChange:g=>{const v=h.find(S=>S.name===g.target.value);v&&e(v.query)},children:[c.jsx("option",{value:"",children:h.length?n("chooseView"):n("noSavedViews")}),h.map(g=>c.jsx("option",{value:g.name,children:g.name},g.name))]})]}),p&&c.jsxs("button",{type:"button",onClick:()=>void k(),"aria-label":n("deleteView",{name:p}),children:[c.jsx(qs,{size:14,"aria-hidden":"true"})," ",n("delete")]}),c.jsxs("form",{onSubmit:g=>void f(g),"aria-label":n("saveView"),children:[c.jsxs("label",{className:"field",children:[c.jsx("span",{children:n("viewName")}),c.jsx("input",{value:a,required:!0,maxLength:60,onChange:g=>d(g.target.value)})]}),c.jsxs("button",{type:"submit",children:[c.jsx(ka,{size:14,"aria-hidden":"true"})," ",n("saveView")]})]}),c.jsx(Y,{error:o??l})]})}const Vf=C(`
  query Worklist($filter: WorklistFilter, $seen: Int) {
    worklist(filter: $filter, first: 100, atLeastPosition: $seen) {
      nodes {
        ticketId status kind channel customer reasonCode nextAction nextActionDue slaBreached allowedCommands
        paid { amountMinor currency }
      }
    }
  }
`),Wf=C(`
  subscription CustomerServiceChanges {
    departmentQueue(department: CUSTOMER_SERVICE) { position change }
  }
`),Gf=["ticket","status","kind","channel","customer","next","due","paid"];function Kf(t){const e=(t==null?void 0:t.startsWith("-"))??!1,n=(t??"").replace(/^-/,"");return Gf.includes(n)?{column:n,descending:e}:{column:"due",descending:!1}}const Yf=["APPLIED","APPROVED","RETURN_SHIPPED","RECEIVED","INSPECTING","INSPECTED","FEEDBACK_SENT","DISPUTED","REFUNDING","REFUNDED","REPLACEMENT_SHIPPED","GOODS_RETURNED","REJECTED","CLOSED","CANCELLED"],Xf=["RETURN_AND_REFUND","REFUND_ONLY","EXCHANGE"];function ys(t){const e=new URLSearchParams(t);return{q:e.get("q")??"",status:e.get("status")??"",kind:e.get("kind")??"",channel:e.get("channel")??"",sort:Kf(e.get("sort"))}}function ks(t,e=!0){const n=new URLSearchParams;return e&&t.q&&n.set("q",t.q),t.status&&n.set("status",t.status),t.kind&&n.set("kind",t.kind),t.channel&&n.set("channel",t.channel),(t.sort.column!=="due"||t.sort.descending)&&n.set("sort",`${t.sort.descending?"-":""}${t.sort.column}`),n.toString()}function Qf(){const{t,e,money:n,date:i,lang:s,session:o}=B(),[r,a]=$.useState(()=>ys(location.search)),d=_=>{a(_);const V=ks(_);history.replaceState(null,"",`${location.pathname}${V?`?${V}`:""}`)},{q:l,status:u,kind:h,channel:p,sort:f}=r,k=_=>d({...r,sort:{column:_,descending:f.column===_?!f.descending:!1}}),y=o.role!=="AUDITOR",g=o.role==="CUSTOMER_SERVICE"||o.role==="ADMIN",[v,S]=$.useState(0);$.useEffect(()=>St(Wf,()=>({}),_=>S(V=>Math.max(V,_.departmentQueue.position))),[]);const R={sort:"DUE_FIRST"};l.trim()&&(R.search=l.trim()),u&&(R.status=u),h&&(R.kind=h),p&&(R.channel=p);const m=performance.now(),{data:x,error:b}=ie(()=>U(Vf,{filter:R,seen:v}).then(_=>(document.body.dataset.worklistMs=String(Math.round(performance.now()-m)),_)),[l,u,h,p,v]),[D,I]=$.useState(new Set),w=_=>_.nextAction?e("nextAction",_.nextAction):e("waiting",_.status),M=(_,V)=>{switch(V){case"ticket":return _.ticketId;case"status":return e("status",_.status);case"kind":return e("kind",_.kind);case"channel":return e("channel",_.channel);case"customer":return _.customer;case"next":return w(_);case"due":return _.nextActionDue?Date.parse(_.nextActionDue):Number.MAX_SAFE_INTEGER;case"paid":return _.paid.amountMinor}},O=new Intl.Collator(s==="zh"?"zh-CN":"en"),T=[...(x==null?void 0:x.worklist.nodes)??[]].sort((_,V)=>{const j=M(_,f.column),H=M(V,f.column),Z=typeof j=="number"&&typeof H=="number"?j-H:O.compare(String(j),String(H));return f.descending?-Z:Z}),P=T.filter(_=>_.slaBreached),E=T.filter(_=>!_.slaBreached),N=T.filter(_=>D.has(_.ticketId)),L=_=>{const V=new Set(D);V.has(_)?V.delete(_):V.add(_),I(V)},X=_=>c.jsxs("tr",{className:_.slaBreached?"late":void 0,children:[g&&c.jsx("td",{children:c.jsx("input",{type:"checkbox","aria-label":t("selectTicket",{ticket:_.ticketId.slice(0,8)}),checked:D.has(_.ticketId),onChange:()=>L(_.ticketId)})}),c.jsx("td",{children:c.jsx(he,{to:`/ticket/${_.ticketId}`,children:_.ticketId.slice(0,8)})}),c.jsx("td",{children:e("status",_.status)}),c.jsx("td",{children:e("kind",_.kind)}),c.jsx("td",{children:e("channel",_.channel)}),c.jsx("td",{children:_.customer}),c.jsx("td",{children:["CLOSED","CANCELLED"].includes(_.status)?"—":w(_)}),c.jsx("td",{children:i(_.nextActionDue)}),c.jsx("td",{children:n(_.paid)})]},_.ticketId),F=(_,V)=>c.jsx("th",{scope:"col","aria-sort":f.column===_?f.descending?"descending":"ascending":void 0,children:c.jsxs("button",{type:"button",className:"sort",onClick:()=>k(_),title:t("sortBy",{column:V}),children:[V,f.column===_&&(f.descending?c.jsx(xa,{size:14,"aria-hidden":"true"}):c.jsx(ya,{size:14,"aria-hidden":"true"}))]})}),se=_=>c.jsx("thead",{children:c.jsxs("tr",{children:[g&&c.jsx("th",{scope:"col",children:c.jsx("input",{type:"checkbox","aria-label":t("selectAll"),checked:_.length>0&&_.every(V=>D.has(V.ticketId)),onChange:V=>{const j=new Set(D);for(const H of _)V.target.checked?j.add(H.ticketId):j.delete(H.ticketId);I(j)}})}),F("ticket",t("ticket")),F("status",t("status")),F("kind",t("kind")),F("channel",t("channel")),F("customer",t("customer")),F("next",t("nextAction")),F("due",t("due")),F("paid",t("paid"))]})});return c.jsxs("section",{"aria-labelledby":"worklist-title",children:[c.jsx("h1",{id:"worklist-title",children:t("worklist")}),g&&c.jsx("p",{children:c.jsxs(he,{to:"/open",children:[c.jsx(Os,{size:14,"aria-hidden":"true"})," ",t("openTicket")]})}),c.jsx(zf,{current:ks(r,!1),apply:_=>d({...ys(_),q:l})}),c.jsxs("form",{className:"filters",role:"search",onSubmit:_=>_.preventDefault(),children:[c.jsx(q,{label:t("search"),children:c.jsx("input",{type:"search",value:l,placeholder:t(y?"searchHint":"searchHintIds"),title:t(y?"searchHint":"searchHintIds"),onChange:_=>d({...r,q:_.target.value})})}),c.jsx(we,{label:t("status"),group:"status",values:Yf,value:u,onChange:_=>d({...r,status:_}),any:!0}),c.jsx(we,{label:t("kind"),group:"kind",values:Xf,value:h,onChange:_=>d({...r,kind:_}),any:!0}),c.jsx(we,{label:t("channel"),group:"channel",value:p,onChange:_=>d({...r,channel:_}),any:!0})]}),c.jsx(Y,{error:b}),g&&N.length>0&&c.jsx(Of,{tickets:N,done:_=>S(V=>Math.max(V,_))}),P.length>0&&c.jsxs(c.Fragment,{children:[c.jsxs("h2",{children:[t("needsAttention")," (",P.length,")"]}),c.jsxs("table",{"data-testid":"attention",children:[se(P),c.jsx("tbody",{children:P.map(X)})]})]}),c.jsxs("h2",{children:[t("worklist")," (",E.length,")"]}),c.jsxs("table",{"data-testid":"worklist",children:[se(E),c.jsx("tbody",{children:E.map(X)})]}),x&&T.length===0&&c.jsx("p",{role:"status","data-testid":"no-results",children:t("noResults")}),c.jsx(Lf,{seen:v}),c.jsx(Ep,{})]})}const No={CUSTOMER_SERVICE:["worklist","platform"],WAREHOUSE:["warehouse","platform"],FINANCE:["finance","platform"],AUDITOR:["audit","management","worklist","warehouse","finance","platform"],ADMIN:["worklist","warehouse","finance","audit","management","platform"]};function Is({lang:t,onSignedIn:e,setLang:n,expired:i}){const s=f=>Un(t,f),[o,r]=$.useState(""),[a,d]=$.useState(""),[l,u]=$.useState(null),h=async f=>{f.preventDefault();try{e(await Vo(o,a))}catch(k){u(k instanceof Ae&&k.code==="THROTTLED"?s("throttled"):s("wrongPassword"))}},p=c.jsxs("form",{onSubmit:h,"aria-label":s("signIn"),children:[c.jsxs("label",{children:[c.jsx("span",{children:s("name")}),c.jsx("input",{name:"name",autoComplete:"username",value:o,onChange:f=>r(f.target.value),required:!0})]}),c.jsxs("label",{children:[c.jsx("span",{children:s("password")}),c.jsx("input",{name:"password",type:"password",autoComplete:"current-password",value:a,onChange:f=>d(f.target.value),required:!0})]}),c.jsx("button",{type:"submit",children:s("signIn")}),l&&c.jsx("p",{role:"alert",className:"error",children:l})]});return i!==void 0?c.jsx("div",{className:"overlay",children:c.jsxs("div",{role:"dialog","aria-modal":"true","aria-labelledby":"expired-title",className:"dialog","data-testid":"session-ended",children:[c.jsx("h2",{id:"expired-title",children:s("signIn")}),c.jsx("p",{role:"alert",children:s("sessionEnded")}),p]})}):c.jsxs("main",{className:"signin",children:[c.jsx("h1",{children:s("appName")}),p,c.jsx(Fo,{lang:t,setLang:n})]})}function Fo({lang:t,setLang:e}){return c.jsxs("label",{className:"lang",children:[c.jsx("span",{className:"sr-only",children:Un(t,"language")}),c.jsxs("select",{value:t,onChange:n=>e(n.target.value),children:[c.jsx("option",{value:"zh",children:"中文"}),c.jsx("option",{value:"en",children:"English"})]})]})}function Zf(){const{t,session:e}=B(),n=aa(),i=No[e.role],[,s,o]=n.split("?")[0].split("/");if($.useEffect(()=>{s||$t(`/${i[0]}`)},[s,i]),s==="ticket"&&o)return c.jsx(Cf,{id:o});if(s==="open"&&(e.role==="CUSTOMER_SERVICE"||e.role==="ADMIN"))return c.jsx(vp,{});if(!i.includes(s))return s?c.jsx("p",{role:"alert",children:t("forbidden")}):null;switch(s){case"worklist":return c.jsx(Qf,{});case"warehouse":return c.jsx(Zp,{});case"finance":return c.jsx(Zh,{});case"audit":return c.jsx(rd,{id:o});case"management":return c.jsx(kp,{});case"platform":return c.jsx(Ap,{})}}function Jf(){const[t,e]=$.useState(()=>ta(localStorage.getItem("returns.lang"),navigator.languages)),[n,i]=$.useState(Ss),[s,o]=$.useState(!1),r=l=>{localStorage.setItem("returns.lang",l),e(l)};$.useEffect(()=>{document.documentElement.lang=t==="zh"?"zh-CN":"en"},[t]),$.useEffect(()=>zo(()=>o(!0)),[]);const a=$.useMemo(()=>n&&ra(t,Un,n),[t,n]);if(!a)return c.jsx(Is,{lang:t,setLang:r,onSignedIn:i});const d=a.t;return c.jsxs(Cs.Provider,{value:a,children:[c.jsxs("header",{children:[c.jsx("strong",{children:d("appName")}),c.jsx("nav",{"aria-label":d("appName"),children:No[a.session.role].map(l=>c.jsx(he,{to:`/${l}`,children:d(l)},l))}),c.jsxs("span",{className:"who","data-testid":"who",children:[a.session.actor," (",kn(t,"role",a.session.role),")"]}),c.jsx(Fo,{lang:t,setLang:r}),c.jsx("button",{type:"button",onClick:()=>{Wo(),i(null),o(!1),$t("/")},children:d("signOut")}),c.jsx("a",{href:"/graphiql",children:"GraphiQL"})]}),c.jsx("main",{"aria-hidden":s||void 0,children:c.jsx(Zf,{})}),s&&c.jsx(Is,{lang:t,setLang:r,expired:a.session.actor,onSignedIn:l=>{i(l),o(!1)}})]})}const vs=document.getElementById("root");vs&&Bo.createRoot(vs).render(c.jsx(Jf,{}));
