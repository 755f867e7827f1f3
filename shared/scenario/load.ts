/** Validates a scenario: shape and ranges through zod, then every cross-reference by id. */
import { scenarioSchema, type EdgeMatch, type Scenario } from "./schema.ts";
import { err, ok, type Result } from "../types.ts";

export interface ScenarioIssue {
  /** Where the bad field is, e.g. `clusters[3].homeNode`. */
  path: string;
  message: string;
}

export const formatPath = (path: ReadonlyArray<PropertyKey>): string =>
  path.reduce<string>((text, key) => {
    if (typeof key === "number") return `${text}[${key}]`;
    const name = String(key);
    return text === "" ? name : `${text}.${name}`;
  }, "") || "(root)";

export function loadScenario(raw: unknown): Result<Scenario, ScenarioIssue[]> {
  const parsed = scenarioSchema.safeParse(raw);
  if (!parsed.success) {
    return err(parsed.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message })));
  }
  const issues = checkReferences(parsed.data);
  return issues.length > 0 ? err(issues) : ok(parsed.data);
}

export function describeIssues(issues: ReadonlyArray<ScenarioIssue>): string {
  return issues.map((issue) => `  ${issue.path}: ${issue.message}`).join("\n");
}

function checkReferences(s: Scenario): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const expectOneOf = (kind: string, known: ReadonlySet<string>) => (value: string, path: string) => {
    if (!known.has(value)) issues.push({ path, message: `unknown ${kind} '${value}'; expected one of: ${[...known].join(", ")}` });
  };
  const unique = (kind: string, ids: ReadonlyArray<string>, path: string) => {
    const seen = new Set<string>();
    ids.forEach((value, i) => {
      if (seen.has(value)) issues.push({ path: `${path}[${i}].id`, message: `duplicate ${kind} id '${value}'` });
      seen.add(value);
    });
    return seen;
  };

  const nodeIds = unique("node", s.nodes.map((n) => n.id), "nodes");
  const sectorIds = unique("sector", s.sectors.map((x) => x.id), "sectors");
  const corridorIds = unique("corridor", s.corridors.map((c) => c.id), "corridors");
  const hostIds = unique("host", s.hosts.map((h) => h.id), "hosts");
  const parkIds = unique("park", s.parks.map((p) => p.id), "parks");
  const leadIds = unique("lead firm", s.leadFirms.map((l) => l.id), "leadFirms");
  const marketIds = unique("market", s.markets.map((m) => m.id), "markets");
  const clusterIds = unique("cluster", s.clusters.map((c) => c.id), "clusters");
  const seatIds = [...clusterIds, ...hostIds, ...leadIds];
  if (new Set(seatIds).size !== seatIds.length) issues.push({ path: "clusters", message: "seat ids must be unique across clusters, hosts and lead firms" });
  for (const m of marketIds) if (hostIds.has(m)) issues.push({ path: "markets", message: `market id '${m}' clashes with a host id (host markets are implied)` });

  const node = expectOneOf("node", nodeIds);
  const sector = expectOneOf("sector", sectorIds);
  const corridor = expectOneOf("corridor", corridorIds);
  const lead = expectOneOf("lead firm", leadIds);
  const nodeCountry = new Map(s.nodes.map((n) => [n.id, n.country]));

  s.corridors.forEach((c, ci) =>
    c.paths.forEach((path, pi) =>
      path.forEach((n, ni) => {
        node(n, `corridors[${ci}].paths[${pi}][${ni}]`);
        if (ni > 0 && path[ni - 1] === n) issues.push({ path: `corridors[${ci}].paths[${pi}][${ni}]`, message: `edge from '${n}' to itself` });
      }),
    ),
  );
  const edgeKeys = new Set(s.corridors.flatMap((c) => c.paths.flatMap((p) => p.slice(1).map((to, i) => edgeKey(p[i] as string, to)))));
  s.edgeOverrides.forEach((o, i) => {
    node(o.from, `edgeOverrides[${i}].from`);
    node(o.to, `edgeOverrides[${i}].to`);
    if (!edgeKeys.has(edgeKey(o.from, o.to))) issues.push({ path: `edgeOverrides[${i}]`, message: `no corridor edge joins '${o.from}' and '${o.to}'` });
  });
  s.hosts.forEach((h, i) => {
    node(h.marketNode, `hosts[${i}].marketNode`);
    if (nodeIds.has(h.marketNode) && nodeCountry.get(h.marketNode) !== h.id)
      issues.push({ path: `hosts[${i}].marketNode`, message: `node '${h.marketNode}' lies in ${nodeCountry.get(h.marketNode)}, expected a node in ${h.id}` });
  });
  s.markets.forEach((m, i) => m.nodes.forEach((n, j) => node(n, `markets[${i}].nodes[${j}]`)));
  s.parks.forEach((p, i) => {
    node(p.node, `parks[${i}].node`);
    p.corridors.forEach((c, j) => corridor(c, `parks[${i}].corridors[${j}]`));
    if (p.twin !== null) expectOneOf("park", parkIds)(p.twin, `parks[${i}].twin`);
    if (nodeIds.has(p.node) && nodeCountry.get(p.node) !== p.country)
      issues.push({ path: `parks[${i}].country`, message: `park node '${p.node}' lies in ${nodeCountry.get(p.node)}, not ${p.country}` });
  });
  s.sectors.forEach((x, i) => {
    if (x.upgradeTo === undefined) return;
    sector(x.upgradeTo, `sectors[${i}].upgradeTo`);
    if (x.upgradeTo === x.id) issues.push({ path: `sectors[${i}].upgradeTo`, message: "a sector cannot upgrade into itself" });
  });
  s.leadFirms.forEach((l, i) => {
    l.sectors.forEach((x, j) => sector(x, `leadFirms[${i}].sectors[${j}]`));
    Object.keys(l.orders).forEach((x) => {
      sector(x, `leadFirms[${i}].orders.${x}`);
      if (!l.sectors.includes(x)) issues.push({ path: `leadFirms[${i}].orders.${x}`, message: `orders for '${x}', which is not among this lead firm's sectors` });
    });
  });
  s.clusters.forEach((c, i) => {
    sector(c.sector, `clusters[${i}].sector`);
    node(c.homeNode, `clusters[${i}].homeNode`);
    if (nodeIds.has(c.homeNode) && nodeCountry.get(c.homeNode) !== "CHN")
      issues.push({ path: `clusters[${i}].homeNode`, message: `home node '${c.homeNode}' must lie in China (CHN)` });
    let shares = 0;
    c.links.forEach((link, j) => {
      lead(link.leadFirm, `clusters[${i}].links[${j}].leadFirm`);
      const firm = s.leadFirms.find((l) => l.id === link.leadFirm);
      if (firm && !firm.sectors.includes(c.sector))
        issues.push({ path: `clusters[${i}].links[${j}].leadFirm`, message: `lead firm '${firm.id}' does not buy sector '${c.sector}'` });
      shares += link.share;
    });
    if (shares > 1 + 1e-9) issues.push({ path: `clusters[${i}].links`, message: `link shares add up to ${shares}, expected at most 1` });
  });
  const [lo, hi] = s.parameters.market.priceClamp;
  if (lo <= 0) issues.push({ path: "parameters.market.priceClamp[0]", message: `expected a positive lower clamp, got ${lo}` });
  if (hi < 1) issues.push({ path: "parameters.market.priceClamp[1]", message: `expected an upper clamp of at least 1, got ${hi}` });
  if (!s.markets.some((m) => m.kind === "china")) issues.push({ path: "markets", message: "expected a market of kind 'china'" });
  // Event cards (5.13): ids, targets, sectors, markets, corridors, countries and nodes they name.
  unique("event card", s.eventCards.map((c) => c.id), "eventCards");
  const countries = new Set(s.nodes.map((n) => n.country));
  const market = expectOneOf("market or host", new Set([...marketIds, ...hostIds]));
  const edgeMatch = (m: EdgeMatch | undefined, path: string) => {
    m?.corridors?.forEach((c, j) => corridor(c, `${path}.corridors[${j}]`));
    m?.countries?.forEach((c, j) => expectOneOf("country", countries)(c, `${path}.countries[${j}]`));
    m?.nodes?.forEach((n, j) => node(n, `${path}.nodes[${j}]`));
  };
  s.eventCards.forEach((card, i) => {
    const at = `eventCards[${i}]`;
    const t = card.target;
    if (t.kind === "sector") t.ids?.forEach((x, j) => sector(x, `${at}.target.ids[${j}]`));
    if (t.kind === "host") t.ids?.forEach((x, j) => expectOneOf("host", hostIds)(x, `${at}.target.ids[${j}]`));
    if (t.kind === "leadFirm") t.ids?.forEach((x, j) => lead(x, `${at}.target.ids[${j}]`));
    if (t.kind === "edge") {
      t.ids?.forEach((x, j) => expectOneOf("edge", edgeKeys)(x, `${at}.target.ids[${j}]`));
      edgeMatch(t.match, `${at}.target.match`);
    }
    if (card.condition?.kind === "debtRatioAbove" && t.kind !== "host") issues.push({ path: `${at}.condition`, message: "a debt-ratio condition needs a host target" });
    card.effects.forEach((e, j) => {
      const ep = `${at}.effects[${j}]`;
      if ("rounds" in e && e.rounds !== undefined && e.rounds > card.duration) issues.push({ path: `${ep}.rounds`, message: `an effect cannot outlast its card (${e.rounds} > duration ${card.duration})` });
      if ("sectors" in e) e.sectors?.forEach((x, k) => sector(x, `${ep}.sectors[${k}]`));
      if (e.kind === "demand") e.markets?.forEach((m, k) => market(m, `${ep}.markets[${k}]`));
      if (e.kind === "carbonTax") market(e.market, `${ep}.market`);
      if (e.kind === "chinaPlusOne") e.preferHosts.forEach((h, k) => expectOneOf("host", hostIds)(h, `${ep}.preferHosts[${k}]`));
      if (e.kind === "edgeCost" || e.kind === "edgeCapacity" || e.kind === "edgeRisk") edgeMatch(e.match, `${ep}.match`);
      const needs =
        (e.kind === "demand" || e.kind === "price" || e.kind === "sectorShift") && e.scope === "target" ? ["sector", ...(e.kind === "demand" ? ["host"] : [])]
        : (e.kind === "edgeCost" || e.kind === "edgeCapacity" || e.kind === "edgeRisk") && e.match === undefined ? ["edge"]
        : e.kind === "edgeClosed" ? ["edge"]
        : e.kind === "hostWage" || e.kind === "hostPC" || e.kind === "hostApproval" || e.kind === "infraFrozen" || e.kind === "contractsRenegotiable" ? ["host"]
        : e.kind === "chinaPlusOne" ? ["leadFirm"]
        : [];
      if (needs.length > 0 && !needs.includes(t.kind)) issues.push({ path: ep, message: `effect '${e.kind}' needs a ${needs.join(" or ")} target, the card targets ${t.kind}` });
      if ((e.kind === "demand" || e.kind === "price" || e.kind === "sectorShift") && e.scope === "sectors" && !e.sectors) issues.push({ path: `${ep}.sectors`, message: "scope 'sectors' needs a list of sectors" });
    });
  });
  return issues;
}

/** Edges are undirected: the key orders the two ends. */
export const edgeKey = (a: string, b: string): string => (a < b ? `${a}~${b}` : `${b}~${a}`);
