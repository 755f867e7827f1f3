/**
 * Every sentence the engine says to people, in English and Simplified Chinese. Codes are stable:
 * clients and tests match on codes, people read the text.
 */
import { readableParams, type NameBook } from "./names.ts";
import type { Localized } from "./types.ts";

export type MessageParams = Readonly<Record<string, string | number>>;

const MESSAGES = {
  // ---- refusals of actions
  INVALID_PAYLOAD: { en: "The action is malformed at {path}: {detail}", zh: "操作格式有误（{path}）：{detailZh}" },
  UNKNOWN_SEAT: { en: "There is no seat '{seat}' in this match.", zh: "本局没有席位“{seat}”。" },
  WRONG_ROLE: { en: "A {role} cannot do '{action}'.", zh: "{role}不能执行“{action}”。" },
  NOT_AN_ORDER: { en: "'{action}' is a negotiation step: send it during negotiation, not with your orders.", zh: "“{action}”属于谈判操作，请在谈判阶段提交，而非随指令提交。" },
  NOT_A_NEGOTIATION: { en: "'{action}' is an order: submit it with your orders for the turn.", zh: "“{action}”是指令，请随本回合指令一并提交。" },
  NOT_ENOUGH_AP: { en: "Not enough action points: this needs {need}, you have {have} left.", zh: "行动点不足：需要 {need}，剩余 {have}。" },
  NOT_ENOUGH_PC: { en: "Not enough political capital: this needs {need}, you have {have}.", zh: "政治资本不足：需要 {need}，现有 {have}。" },
  NOT_ENOUGH_MONEY: { en: "Not enough money: this costs {need}, you have {have}.", zh: "资金不足：需要 {need}，现有 {have}。" },
  UNKNOWN_SECTOR: { en: "There is no sector '{sector}'.", zh: "没有行业“{sector}”。" },
  UNKNOWN_NODE: { en: "There is no place '{node}' on the map.", zh: "地图上没有地点“{node}”。" },
  UNKNOWN_EDGE: { en: "There is no corridor link '{edge}'.", zh: "没有走廊线路“{edge}”。" },
  UNKNOWN_OFFER: { en: "There is no open offer '{offer}'.", zh: "没有待处理的报价“{offer}”。" },
  UNKNOWN_CONTRACT: { en: "There is no active contract '{contract}'.", zh: "没有生效中的合同“{contract}”。" },
  UNKNOWN_PARTY: { en: "'{seat}' is not a seat that can take this offer.", zh: "“{seat}”不能作为此报价的对象。" },
  NOT_A_PARTY: { en: "You are not a party to '{id}'.", zh: "您不是“{id}”的当事方。" },
  NOT_ADDRESSEE: { en: "Offer '{offer}' was made to {to}; only they can answer it.", zh: "报价“{offer}”是给 {to} 的，只有对方可以回应。" },
  NOT_PROPOSER: { en: "Only {from}, who made offer '{offer}', can withdraw it.", zh: "只有报价方 {from} 可以撤回报价“{offer}”。" },
  SELF_OFFER: { en: "You cannot make an offer to yourself.", zh: "不能向自己报价。" },
  OFFER_TERMS: { en: "The offer's terms do not fit: {detail}", zh: "报价条款不成立：{detailZh}" },
  TOO_MANY_OFFERS: { en: "You already have {max} open offers; withdraw one first.", zh: "您已有 {max} 个待处理报价，请先撤回一个。" },
  CONTRACT_EXECUTED: { en: "Contract '{contract}' has already been carried out.", zh: "合同“{contract}”已履行完毕。" },
  NOT_TRANSFER_CONTRACT: { en: "Contract '{contract}' is not a capacity-transfer contract.", zh: "合同“{contract}”不是产能转移合同。" },
  NOT_ENOUGH_BLOCKS: { en: "Only {have} {stage} blocks at {node}; {need} needed.", zh: "{node} 只有 {have} 个 {stage} 产能块，需要 {need} 个。" },
  NO_PLANT: { en: "You have no capacity at '{node}'.", zh: "您在“{node}”没有产能。" },
  NO_ROUTE: { en: "No open route from {from} to {to}.", zh: "从 {from} 到 {to} 没有可通行的线路。" },
  NODE_NOT_IN_HOST: { en: "'{node}' is not in {host}.", zh: "“{node}”不在 {host} 境内。" },
  DUPLICATE_ORDER: { en: "'{action}' is already in your orders for this turn.", zh: "本回合指令中已有“{action}”。" },
  INVALID_LEVEL: { en: "{value} is not an allowed level; choose one of {levels}.", zh: "{value} 不是允许的档位，请从 {levels} 中选择。" },
  UNCHANGED: { en: "That is already the current setting.", zh: "这已是当前设置。" },
  SHARES_INVALID: { en: "Plan shares must name your lead-firm links and add up to at most 1 (they add up to {sum}).", zh: "生产计划的份额必须对应您的领导企业链接，且合计不超过 1（当前合计 {sum}）。" },
  UNKNOWN_LINK: { en: "You have no link to lead firm '{leadFirm}'.", zh: "您与领导企业“{leadFirm}”没有链接。" },
  LOAN_LIMIT: { en: "The policy bank lends at most {max} in all; you owe {owed}.", zh: "政策性银行贷款上限为 {max}，您已欠 {owed}。" },
  REPUTATION_TOO_LOW: { en: "The policy bank needs reputation {need}; yours is {have}.", zh: "政策性银行要求声誉至少 {need}，您的声誉为 {have}。" },
  NOTHING_TO_REPAY: { en: "You can repay at most {max} now.", zh: "您目前最多可偿还 {max}。" },
  EDGE_NOT_IN_HOST: { en: "Corridor link '{edge}' does not touch {host}.", zh: "走廊线路“{edge}”不经过 {host}。" },
  EDGE_MAX_LEVEL: { en: "Corridor link '{edge}' is already at the top level {max}.", zh: "走廊线路“{edge}”已达最高等级 {max}。" },
  INFRA_FROZEN: { en: "Infrastructure investment is frozen during debt distress.", zh: "债务困境期间基础设施投资被冻结。" },
  MATCH_OVER: { en: "This match has ended.", zh: "本局已结束。" },

  // ---- what resolution did
  EVENT_STARTED: { en: "Event in {whenEn}: {nameEn}{onEn}. {noteEn}", zh: "事件（{whenZh}）：{nameZh}{onZh}。{noteZh}" },
  EVENT_ENDED: { en: "Event over after round {until}: {nameEn}{onEn}. {endEn} {noteEn}", zh: "事件于第 {until} 回合后结束：{nameZh}{onZh}。{endZh}{noteZh}" },
  ORDER_REFUSED: { en: "Order '{action}' was not carried out: {reason}", zh: "指令“{action}”未执行：{reasonZh}" },
  OFFER_MADE: { en: "{from} offered {to}: {summary}.", zh: "{from} 向 {to} 报价：{summaryZh}。" },
  OFFER_ACCEPTED: { en: "{to} accepted {from}'s offer {offer}; it is now binding contract {contract}.", zh: "{to} 接受了 {from} 的报价 {offer}，成为有约束力的合同 {contract}。" },
  OFFER_REJECTED: { en: "{to} rejected {from}'s offer {offer}.", zh: "{to} 拒绝了 {from} 的报价 {offer}。" },
  OFFER_WITHDRAWN: { en: "{from} withdrew offer {offer}.", zh: "{from} 撤回了报价 {offer}。" },
  OFFERS_EXPIRED: { en: "{count} unanswered offers expired at the end of the turn.", zh: "{count} 个未回应的报价在回合结束时失效。" },
  TRANSFER_DONE: { en: "{cluster} moved {blocks} {stage} blocks from {from} to {to} ({host}) for {cost} ({km} km).", zh: "{cluster} 将 {blocks} 个 {stage} 产能块从 {from} 转移到 {to}（{host}），费用 {cost}（{km} 公里）。" },
  BREACH: { en: "{seat} broke contract {contract}: penalty {penalty} paid to {other}.", zh: "{seat} 违反合同 {contract}：向 {other} 支付违约金 {penalty}。" },
  BREACH_UNDELIVERED: { en: "{seat} did not deliver the transfer of contract {contract} this turn: the contract is broken.", zh: "{seat} 本回合未履行合同 {contract} 的产能转移，构成违约。" },
  PAYMENT: { en: "{payer} paid {amount} to {payee} under contract {contract}.", zh: "{payer} 按合同 {contract} 向 {payee} 支付 {amount}。" },
  SCRAPPED: { en: "{cluster} scrapped {blocks} {stage} blocks at {node} (+{subsidy} subsidy).", zh: "{cluster} 在 {node} 淘汰了 {blocks} 个 {stage} 产能块（补贴 +{subsidy}）。" },
  STANCE_SET: { en: "{cluster} takes the {stance} road.", zh: "{cluster} 选择{stance}道路。" },
  PLAN_SET: { en: "{cluster} set its sales plan.", zh: "{cluster} 调整了销售计划。" },
  LOAN_TAKEN: { en: "{cluster} borrowed {amount} from the policy bank (owes {owed}).", zh: "{cluster} 向政策性银行借款 {amount}（共欠 {owed}）。" },
  LOAN_REPAID: { en: "{cluster} repaid {amount} to the policy bank (owes {owed}).", zh: "{cluster} 向政策性银行还款 {amount}（尚欠 {owed}）。" },
  POLICY_TARIFF: { en: "{host} set its {sector} tariff to {rate}.", zh: "{host} 将{sector}关税设为 {rate}。" },
  POLICY_LCR: { en: "{host} set its local-content requirement to {rate}.", zh: "{host} 将本地成分要求设为 {rate}。" },
  POLICY_INFRA: { en: "{host} invested {cost} in infrastructure (borrowed {borrowed}): infrastructure now {infra}.", zh: "{host} 投资基础设施 {cost}（借款 {borrowed}）：基础设施水平现为 {infra}。" },
  POLICY_TRAINING: { en: "{host} trained its workforce: absorptive capacity {A}, wage index {w}.", zh: "{host} 开展劳动力培训：吸收能力 {A}，工资指数 {w}。" },
  POLICY_ENV: { en: "{host} set its environmental standard to {level}.", zh: "{host} 将环境标准设为 {level}。" },
  POLICY_SEZ: { en: "{host} {state} special-economic-zone incentives.", zh: "{host} {state}经济特区优惠。" },
  POLICY_JV: { en: "{host} {state} joint ventures for new transfers.", zh: "{host} {state}新转移项目合资。" },
  CORRIDOR_UPGRADED: { en: "Corridor link {edge} rose to level {level} (paid {paid}).", zh: "走廊线路 {edge} 提升至 {level} 级（出资 {paid}）。" },
  CORRIDOR_SHORT: { en: "Corridor co-investment {contract} fell short ({paid} of {cost}); the money was returned.", zh: "走廊共建 {contract} 资金不足（{paid}/{cost}），款项已退回。" },
  PRODUCTION: { en: "{seat} sold {units} units; value added {va} (smile index {smile}).", zh: "{seat} 售出 {units} 单位；增加值 {va}（微笑指数 {smile}）。" },
  LEAD_PURCHASES: {
    en: "{seat} bought {units} units from its suppliers ({china} from China, {abroad} from hosts) and earned {profit} on its chains and own plants.",
    zh: "{seat} 从供应商处采购 {units} 单位（中国 {china}，东道国 {abroad}），从价值链与自有工厂获利 {profit}。",
  },
  IDLE_BLOCKS: { en: "{seat} left {idle} M blocks idle: nothing paid more than their cost.", zh: "{seat} 有 {idle} 个制造产能块闲置：售价不足以覆盖成本。" },
  EMERGENCY_CREDIT: { en: "{seat} ran out of money: the policy bank lent {amount} in emergency credit.", zh: "{seat} 资金耗尽：政策性银行发放紧急贷款 {amount}。" },
  FORCED_SCRAP: { en: "{seat} had to scrap {blocks} M blocks to pay its debts.", zh: "{seat} 被迫淘汰 {blocks} 个制造产能块以偿还债务。" },
  RESTRUCTURED: { en: "{seat} was restructured: a shortfall of {amount} was written off; reputation −{rep}, score −{penalty}.", zh: "{seat} 进行破产重组：核销缺口 {amount}；声誉 −{rep}，得分 −{penalty}。" },
  HOST_BORROWED: { en: "{host} covered a deficit of {amount} by borrowing.", zh: "{host} 通过借债弥补了 {amount} 的赤字。" },
  DEBT_DISTRESS: { en: "{host} is in debt distress: debt is {ratio} of GDP.", zh: "{host} 陷入债务困境：债务为 GDP 的 {ratio}。" },
  HOST_DEVELOPMENT: { en: "{host}: industrialisation {Z} (+{dZ}), jobs {jobs}, approval {approval}.", zh: "{host}：工业化 {Z}（+{dZ}），就业 {jobs}，支持率 {approval}。" },

  // ---- governance (5.5)
  GOV_SHIFT: {
    en: "The link between {cluster} and {leadFirm} moved from {from} to {to}: supplier capability K {K} is {K_state} (threshold {theta} ± {hyst}; P {P}, Q {Q}), codifiability D {D} is {D_state}, complexity C {C} is {C_state}.",
    zh: "{cluster} 与 {leadFirm} 的链接由 {from} 转为 {to}：供应商能力 K 为 {K}（{K_state}；阈值 {theta} ± {hyst}；P {P}，Q {Q}），可编码性 D 为 {D}（{D_state}），复杂性 C 为 {C}（{C_state}）。",
  },
  GOV_ENTRY_BLOCKED: {
    en: "{cluster}'s link to {leadFirm} would be {wanted} (K {K}, D {D}, C {C}) but entry needs {need}: reputation {R}, functional capability {F}, trust {trust} rounds; it stays {to}.",
    zh: "{cluster} 与 {leadFirm} 的链接本可成为 {wanted}（K {K}，D {D}，C {C}），但进入条件要求 {needZh}：当前声誉 {R}，功能能力 {F}，信任 {trust} 回合；仍为 {to}。",
  },
  GOV_EXCLUDED: {
    en: "{cluster} is excluded from {leadFirm}'s chain: the work is simple and codified (C {C}, D {D}) but capability K {K} is below the bar.",
    zh: "{cluster} 被排除在 {leadFirm} 的价值链之外：交易简单且可编码（C {C}，D {D}），但能力 K {K} 未达标。",
  },
  GOV_READMITTED: {
    en: "{cluster} is back in {leadFirm}'s chain: capability K {K} now meets the bar.",
    zh: "{cluster} 重新进入 {leadFirm} 的价值链：能力 K {K} 已达标。",
  },

  // ---- upgrading and learning (5.6)
  TOO_MANY_UPGRADES: { en: "At most {max} upgrade attempts a round.", zh: "每回合最多尝试升级 {max} 次。" },
  UPGRADE_SUCCESS: {
    en: "{cluster}'s {type} upgrade succeeded ({from} → {to}): odds {p} = base {base} × governance {G} × investment {inv} × stance {stance} × prerequisites {prereq} × freed credit {freed}, damped by level {level} and lock-in {lockin}; roll {roll}.",
    zh: "{cluster} 的 {type} 升级成功（{from} → {to}）：成功率 {p} = 基础 {base} × 治理 {G} × 投入 {inv} × 路线 {stance} × 前提 {prereq} × 腾挪空间 {freed}，受等级 {level} 与锁定 {lockin} 抑制；掷点 {roll}。",
  },
  UPGRADE_BREAKTHROUGH: {
    en: "Breakthrough: {cluster}'s {type} upgrade jumped {from} → {to} (roll {roll} under a quarter of the odds {p}).",
    zh: "突破：{cluster} 的 {type} 升级从 {from} 跃升至 {to}（掷点 {roll} 低于成功率 {p} 的四分之一）。",
  },
  UPGRADE_FAILED: {
    en: "{cluster}'s {type} upgrade failed: odds {p} (base {base} × governance {G} × investment {inv}), roll {roll}; learning by trying {from} → {to}.",
    zh: "{cluster} 的 {type} 升级失败：成功率 {p}（基础 {base} × 治理 {G} × 投入 {inv}），掷点 {roll}；“干中学”{from} → {to}。",
  },
  UPGRADE_FAILED_LOCKIN: {
    en: "{cluster}'s functional upgrade failed: odds {p}, damped by lock-in {lockin} and governance {G}; roll {roll}; learning by trying {from} → {to}.",
    zh: "{cluster} 的功能升级失败：成功率 {p}，受锁定 {lockin} 与治理系数 {G} 抑制；掷点 {roll}；“干中学”{from} → {to}。",
  },
  LEARNED_ACTIVELY: {
    en: "{cluster} studied {leadFirm}'s methods: P +{dP}, Q +{dQ} ({governance} link, λP {lambdaP}, share {share}); lock-in now {lockin}.",
    zh: "{cluster} 向 {leadFirm} 学习：P +{dP}，Q +{dQ}（{governance} 链接，λP {lambdaP}，份额 {share}）；锁定升至 {lockin}。",
  },

  // ---- the low road, the high road and the shared planet (5.10, 5.14)
  POLLUTION_INCIDENT: {
    en: "Pollution incident: {cluster} runs blocks in {hosts}, where pollution is above {threshold}; reputation −{rep}.",
    zh: "污染事件：{cluster} 在污染超过 {threshold} 的 {hosts} 设有产能；声誉 −{rep}。",
  },
  PRICE_EROSION: {
    en: "Race to the bottom in {sector}: {low} clusters on the low road; the world price index falls {erosion} to {index}.",
    zh: "{sector} 行业“逐底竞争”：{low} 个集群走低端道路；世界价格指数下降 {erosion}，降至 {index}。",
  },
  IMMISERISING_GROWTH: {
    en: "Immiserising growth (贫困化增长): {cluster} sold more for {rounds} rounds running while value added per unit fell (now {vaPerUnit} on {units} units); score −{penalty}.",
    zh: "贫困化增长：{cluster} 连续 {rounds} 回合产量上升而单位增加值下降（现为 {units} 单位、每单位 {vaPerUnit}）；得分 −{penalty}。",
  },
  ECOLOGICAL_CRISIS: {
    en: "Ecological crisis: the world emitted {worldE} this round, above the cap {cap}. This round's value added is cut to {va} of itself and every host's environmental standard rises to at least {env}.",
    zh: "生态危机：本回合全球排放 {worldE}，超过上限 {cap}。本回合增加值降为 {va} 倍，所有东道国环境标准至少提升至 {env}。",
  },
  GREEN_RETROFIT: { en: "{cluster} green-retrofitted {blocks} M blocks at {node} for {cost}.", zh: "{cluster} 在 {node} 对 {blocks} 个制造产能块进行绿色改造，花费 {cost}。" },

  CONTRACT_RENEGOTIATED: {
    en: "{seat} ended contract {contract} with {other} without penalty: a change of government opened it to renegotiation.",
    zh: "{seat} 解除了与 {other} 的合同 {contract}，无需违约金：政府更迭使其可以重新谈判。",
  },
  BUYOUT_OFFERED: {
    en: "{leadFirm} now controls its chain with {cluster} as a hierarchy and offers to buy its {blocks} linked M blocks at {price} each: sell and become a subsidiary, or decline and leave the chain.",
    zh: "{leadFirm} 与 {cluster} 的链接已变为层级型，提出以每块 {price} 收购其 {blocks} 个相关制造产能块：出售并成为子公司，或拒绝并退出该价值链。",
  },
  BUYOUT_DONE: { en: "{cluster} sold {blocks} blocks to {leadFirm} for {paid} and is now its subsidiary.", zh: "{cluster} 以 {paid} 将 {blocks} 个产能块出售给 {leadFirm}，成为其子公司。" },
  BUYOUT_DECLINED: { en: "{cluster} declined {leadFirm}'s buy-out and left its chain.", zh: "{cluster} 拒绝了 {leadFirm} 的收购，退出其价值链。" },
  // ---- parks (5.8)
  UNKNOWN_PARK: { en: "There is no park '{park}'.", zh: "没有园区“{park}”。" },
  PARK_ALREADY_BUILT: { en: "{park} is already built (level {level}); join or upgrade it.", zh: "{park} 已建成（{level} 级），可入驻或升级。" },
  PARK_NOT_BUILT: { en: "{park} has not been built yet.", zh: "{park} 尚未建成。" },
  PARK_MAX_LEVEL: { en: "{park} is already at the top level {level}.", zh: "{park} 已达最高等级 {level}。" },
  ALREADY_MEMBER: { en: "You are already a member of {park}.", zh: "您已入驻 {park}。" },
  PARK_NEEDS_DEAL: { en: "{park} lies in {host}: sign a park deal with {host} this turn first.", zh: "{park} 位于 {host}：请先在本回合与 {host} 签订园区协议。" },
  PARK_BUILT: { en: "{cluster} built {park} (level {level}) for {cost}, the host putting in {host}; reputation +{rep}.", zh: "{cluster} 建成 {park}（{level} 级），花费 {cost}，东道国出资 {host}；声誉 +{rep}。" },
  PARK_UPGRADED: { en: "{cluster} raised {park} to level {level} for {cost}, the host putting in {host}.", zh: "{cluster} 将 {park} 升至 {level} 级，花费 {cost}，东道国出资 {host}。" },
  PARK_JOINED: { en: "{cluster} joined {park} (level {level}).", zh: "{cluster} 入驻 {park}（{level} 级）。" },

  // ---- chains, end-stage blocks, lead-firm moves (5.11, 5.12)
  UNKNOWN_LEAD_FIRM: { en: "There is no lead firm '{leadFirm}'.", zh: "没有领导企业“{leadFirm}”。" },
  ALREADY_LINKED: { en: "You already supply {leadFirm}.", zh: "您已是 {leadFirm} 的供应商。" },
  NOT_IN_SECTOR: { en: "{leadFirm} does not buy {sector}.", zh: "{leadFirm} 不采购{sector}。" },
  F_TOO_LOW: {
    en: "Functional capability {F} allows {F} R&D and brand blocks; you own {owned}. Upgrade functionally first.",
    zh: "功能能力 {F} 只允许拥有 {F} 个研发与品牌产能块，您已有 {owned} 个。请先进行功能升级。",
  },
  CHAIN_JOINED: { en: "{cluster} joined {leadFirm}'s chain as a {governance} supplier.", zh: "{cluster} 以{governance}供应商身份加入 {leadFirm} 的价值链。" },
  CHAIN_LEFT: { en: "{cluster} left {leadFirm}'s {governance} chain, paying {cost} in switching costs.", zh: "{cluster} 退出 {leadFirm} 的{governance}价值链，支付转换成本 {cost}。" },
  END_STAGE_BUILT: { en: "{cluster} built a {stage} block (functional capability {F}, now {owned} end-stage blocks).", zh: "{cluster} 新建一个 {stage} 产能块（功能能力 {F}，现有 {owned} 个两端产能块）。" },
  NO_HIGHER_CHAIN: { en: "No higher-value chain is set up for {sector} in this scenario.", zh: "本情景没有为{sector}设置更高价值的价值链。" },
  X_TOO_LOW: { en: "Opening a {sector} line needs chain capability {need}; yours is {X}.", zh: "开设{sector}产品线需要链条能力 {need}，您的为 {X}。" },
  LINE_EXISTS: { en: "You already have a {sector} line.", zh: "您已有{sector}产品线。" },
  LINE_OPENED: {
    en: "{cluster} opened a new {sector} line: {blocks} M blocks at home for {cost}, starting at {skill} of its capability (chain capability {X}).",
    zh: "{cluster} 开设{sector}产品线：在本地新建 {blocks} 个制造产能块，花费 {cost}，初始能力为原有的 {skill}（链条能力 {X}）。",
  },
  BARRIER_RAISED: { en: "{leadFirm} raised barriers in {sector} to {barrier}: suppliers attempting functional upgrades see less codified work.", zh: "{leadFirm} 将{sector}进入壁垒提高到 {barrier}：尝试功能升级的供应商面临更低的可编码性。" },
  CHINA_PLUS_ONE: {
    en: "{leadFirm} now buys {sector} first from capacity in {host} costing under {threshold} of its Chinese suppliers' (\"China+1\").",
    zh: "{leadFirm} 开始优先从 {host} 采购{sector}，前提是成本低于其中国供应商的 {threshold}（“中国+1”）。",
  },
  LEAD_INTEGRATED: {
    en: "{leadFirm} integrated vertically: {blocks} M blocks of its own for {sector} at {node} ({host}), cost {cost}; it will order less from its suppliers.",
    zh: "{leadFirm} 实施纵向一体化：在 {host} 的 {node} 自建 {blocks} 个{sector}制造产能块，花费 {cost}；将减少对供应商的订单。",
  },
  STANDARD_PUBLISHED: { en: "{leadFirm} published standards in {sector}: codifiability rises by {step} to {D}.", zh: "{leadFirm} 发布{sector}行业标准：可编码性提高 {step}，达到 {D}。" },

  // ---- own brands in Belt and Road markets (A7)
  UNKNOWN_HOST: { en: "There is no host country '{host}'.", zh: "没有东道国“{host}”。" },
  Q_TOO_LOW: { en: "Selling under your own brand needs product capability {need}; yours is {Q}.", zh: "以自有品牌销售需要产品能力 {need}，您的为 {Q}。" },
  NO_FOOTHOLD: { en: "You need a foothold in {host} first: a park there, or exports to it last round.", zh: "您需先在 {host} 立足：入驻当地园区，或上回合向其出口。" },
  BRAND_CAP: { en: "Your brand presence in {host} is at its cap {cap} (functional capability {F}).", zh: "您在 {host} 的品牌影响已达上限 {cap}（功能能力 {F}）。" },
  BRAND_OPENED: {
    en: "{cluster} now sells under its own brand in {host}: presence {presence} (cap {cap}); as the buyer it can climb into design and marketing there. Lock-in −{lockinCut}.",
    zh: "{cluster} 在 {host} 以自有品牌销售：品牌影响 {presence}（上限 {cap}）；作为买方可在当地向设计与营销攀升。锁定 −{lockinCut}。",
  },
} as const satisfies Record<string, Localized>;

export type MessageCode = keyof typeof MESSAGES;

/** Fills `{name}` placeholders; numbers print as `formatNumber` prints them, unknown names stay as written. */
export const render = (template: string, params: MessageParams): string =>
  template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = params[key];
    if (value === undefined) return whole;
    return typeof value === "number" ? formatNumber(value) : value;
  });

/** Two decimals at most, no trailing zeros: what people read in reports. */
export const formatNumber = (x: number): string => String(Math.round(x * 100) / 100);

/** The message in both languages; with a name book, ids in the params read as names (the params keep the ids). */
export function message(code: MessageCode, params: MessageParams = {}, names?: NameBook): Localized {
  const m = MESSAGES[code];
  return { en: render(m.en, readableParams(params, names, "en")), zh: render(m.zh, readableParams(params, names, "zh")) };
}

export const messageCodes = (): MessageCode[] => Object.keys(MESSAGES) as MessageCode[];
