// lede's search page: state lives in the address (/?q=…&where=person=…), so every view is a link.
"use strict";

const $ = (id) => document.getElementById(id);
const FACET_FILTER = { person: "person", organization: "org", location: "place", source: "source", author: "author" };
const FACET_TITLE = { person: "People", organization: "Organisations", location: "Places", source: "Outlets", author: "Authors" };
const COLORS = ["#0b57d0", "#d93025", "#188038", "#e37400", "#9334e6", "#007b83"];
const PAGE = 20;
let metaFields = null;
let current = -1;

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") node.className = v; else if (k.startsWith("on")) node.addEventListener(k.slice(2), v); else node.setAttribute(k, v);
  }
  for (const child of children.flat()) if (child != null) node.append(child);
  return node;
}

// The page's state from its address: the query, the order, the dates, the filters, the page, the open article.
function readState(search) {
  const p = new URLSearchParams(search);
  return {
    q: p.get("q") || "", sort: p.get("sort") || "relevance", since: p.get("since") || "", until: p.get("until") || "",
    where: p.getAll("where"), offset: Number(p.get("offset")) || 0, compare: p.get("compare") || "", article: p.get("article") || "",
  };
}

function stateParams(s, extra) {
  const p = new URLSearchParams();
  p.set("q", s.q);
  if (s.sort !== "relevance") p.set("sort", s.sort);
  if (s.since) p.set("since", s.since);
  if (s.until) p.set("until", s.until);
  for (const w of s.where) p.append("where", w);
  if (s.offset) p.set("offset", String(s.offset));
  if (s.compare) p.set("compare", s.compare);
  if (s.article) p.set("article", s.article);
  for (const [k, v] of Object.entries(extra || {})) { if (v === null) p.delete(k); else p.set(k, v); }
  return p;
}

function link(s, extra) { return "/?" + stateParams(s, extra).toString(); }

// The API's parameters for the state: the page's own (compare, article) left out.
function apiParams(s, drop) {
  const p = stateParams(s);
  for (const k of ["compare", "article", ...(drop || [])]) p.delete(k);
  return p;
}

async function api(path, params) {
  const response = await fetch(path + (params ? "?" + params.toString() : ""));
  const body = await response.json();
  if (!response.ok) throw body;
  return body;
}

function errorBox(e) {
  return el("div", { class: "error" }, e.error || String(e), e.hint ? el("div", { class: "note" }, e.hint) : null);
}

// Text with [start, end) character ranges marked.
function highlighted(text, ranges) {
  const chars = Array.from(text);
  const out = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (start < at) continue;
    out.push(chars.slice(at, start).join(""));
    out.push(el("mark", {}, chars.slice(start, end).join("")));
    at = end;
  }
  out.push(chars.slice(at).join(""));
  return out;
}

function day(published) { return published ? published.slice(0, 10) : "undated"; }

function renderHits(s, data) {
  const hits = $("hits");
  hits.replaceChildren();
  current = -1;
  if (data.error) { hits.append(errorBox(data)); $("summary").textContent = ""; return; }
  const first = data.total ? s.offset + 1 : 0;
  const last = s.offset + data.hits.length;
  const summary = [`${first}–${last} of ${data.total.toLocaleString("en")} matching articles`];
  $("summary").replaceChildren(summary.join(""));
  if (data.suggestions && data.suggestions.length) {
    let q = s.q;
    for (const sug of data.suggestions) q = q.replace(sug.word, sug.suggestion);
    $("summary").append(" · did you mean ", el("a", { href: link({ ...s, q, offset: 0 }) }, q), "?");
  }
  for (const hit of data.hits) {
    const names = [...hit.entities.person.slice(0, 3), ...hit.entities.organization.slice(0, 2), ...hit.entities.location.slice(0, 2)];
    hits.append(el("li", { class: "hit", "data-id": hit.id },
      el("h3", {}, el("a", { href: link(s, { article: hit.id }), class: "open", onclick: (e) => { e.preventDefault(); openArticle(s, hit.id, true); } }, hit.headline || "(no headline)")),
      el("div", { class: "meta" }, [day(hit.published), hit.source, hit.authors.join(", ")].filter(Boolean).join(" · ")),
      el("p", { class: "snippet" }, highlighted(hit.snippet, hit.snippet_highlights)),
      names.length ? el("div", { class: "names" }, names.join(" · ")) : null));
  }
  const pager = $("pager");
  pager.replaceChildren();
  if (s.offset > 0) pager.append(el("a", { href: link(s, { offset: String(Math.max(0, s.offset - PAGE)) }), id: "prev" }, "← previous"));
  if (last < data.total) pager.append(el("a", { href: link(s, { offset: String(last) }), id: "next" }, "next →"));
  renderFacets(s, data.facets || []);
}

function renderFacets(s, facets) {
  const box = $("facets");
  box.replaceChildren();
  for (const facet of facets) {
    if (!facet.values.length) continue;
    const name = FACET_FILTER[facet.facet] || facet.facet;
    const title = FACET_TITLE[facet.facet] || facet.facet.replace(/_/g, " ");
    box.append(el("div", { class: "facet", "data-facet": facet.facet }, el("h2", {}, title),
      el("ul", {}, facet.values.map((v) => {
        const filter = `${name}=${v.value}`;
        const href = link({ ...s, where: [...s.where.filter((w) => w !== filter), filter], offset: 0 });
        return el("li", {}, el("a", { href, title: v.value, class: "facet-value", onclick: (e) => { e.preventDefault(); go(href); } }, v.value),
          el("span", { class: "count" }, v.count.toLocaleString("en")));
      }))));
  }
}

function renderFilters(s) {
  const box = $("filters");
  box.replaceChildren();
  for (const w of s.where) {
    const href = link({ ...s, where: s.where.filter((x) => x !== w), offset: 0 });
    box.append(el("a", { class: "chip", href, title: "remove this filter", onclick: (e) => { e.preventDefault(); go(href); } }, w.replace("=", ": ")));
  }
}

async function renderTimeline(s) {
  const queries = [s.q, ...s.compare.split(";").map((q) => q.trim()).filter(Boolean)].slice(0, 6);
  const p = apiParams(s, ["q", "sort", "offset"]);
  for (const q of queries) p.append("q", q);
  const svg = $("timeline");
  try {
    const t = await api("/api/timeline", p);
    drawTimeline(svg, t);
    const counts = t.queries.map((q, i) => `${q || "(all)"}: ${t.dated[i].toLocaleString("en")} dated, ${t.undated[i]} undated`);
    $("timeline-note").replaceChildren(...t.queries.map((q, i) => el("span", { class: "legend" }, el("span", { style: `color:${COLORS[i % COLORS.length]}` }, "■ "), counts[i], el("br"))));
  } catch (e) {
    svg.replaceChildren();
    $("timeline-note").replaceChildren(errorBox(e));
  }
}

function svgEl(tag, attrs, text) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text != null) node.textContent = text;
  return node;
}

// One bar per bucket for one query; one line per query for several.
function drawTimeline(svg, t) {
  const W = 340, H = 160, L = 34, B = 20, T = 8;
  svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
  svg.replaceChildren();
  const n = t.buckets.length;
  if (!n) { svg.append(svgEl("text", { x: W / 2, y: H / 2, "text-anchor": "middle", fill: "#666", "font-size": 12 }, "no dated articles")); return; }
  const max = Math.max(1, ...t.buckets.flatMap((b) => b.counts));
  const x = (i) => L + (i + 0.5) * (W - L - 4) / n;
  const y = (v) => H - B - (v / max) * (H - B - T);
  svg.append(svgEl("line", { x1: L, y1: H - B, x2: W - 4, y2: H - B, stroke: "#999" }));
  svg.append(svgEl("text", { x: L - 4, y: T + 8, "text-anchor": "end", "font-size": 10, fill: "#666" }, String(max)));
  svg.append(svgEl("text", { x: L - 4, y: H - B, "text-anchor": "end", "font-size": 10, fill: "#666" }, "0"));
  svg.append(svgEl("text", { x: L, y: H - 5, "font-size": 10, fill: "#666" }, t.buckets[0].label));
  svg.append(svgEl("text", { x: W - 4, y: H - 5, "text-anchor": "end", "font-size": 10, fill: "#666" }, t.buckets[n - 1].label));
  if (t.queries.length === 1) {
    const w = Math.max(1, (W - L - 4) / n - 1);
    t.buckets.forEach((b, i) => {
      const bar = svgEl("rect", { class: "bar", x: x(i) - w / 2, y: y(b.counts[0]), width: w, height: H - B - y(b.counts[0]), fill: COLORS[0] });
      bar.append(svgEl("title", {}, `${b.label}: ${b.counts[0]}`));
      svg.append(bar);
    });
  } else {
    t.queries.forEach((q, k) => {
      const points = t.buckets.map((b, i) => `${x(i).toFixed(1)},${y(b.counts[k]).toFixed(1)}`).join(" ");
      const line = svgEl("polyline", { class: "series", points, fill: "none", stroke: COLORS[k % COLORS.length], "stroke-width": 1.6 });
      line.append(svgEl("title", {}, q || "(all)"));
      svg.append(line);
    });
  }
}

async function renderEntities(s) {
  const box = $("entities");
  const p = apiParams(s, ["sort", "offset"]);
  p.set("limit", "8");
  try {
    const data = await api("/api/entities", p);
    box.replaceChildren();
    for (const [kind, filter] of [["person", "person"], ["organization", "org"], ["location", "place"]]) {
      const rows = data.entities.filter((e) => e.kind === kind);
      if (!rows.length) continue;
      box.append(el("div", { class: "kind facet" }, el("h2", {}, FACET_TITLE[kind]), el("ul", {}, rows.map((e) => {
        const href = link({ ...s, where: [...s.where, `${filter}=${e.name}`], offset: 0 });
        return el("li", {}, el("a", { href, onclick: (ev) => { ev.preventDefault(); go(href); } }, e.name),
          el("span", { class: "count" }, `${Math.round(e.share * 100)}%`));
      }))));
    }
  } catch (e) {
    box.replaceChildren(errorBox(e));
  }
}

async function openArticle(s, id, push) {
  const view = $("article");
  if (push) history.pushState(null, "", link(s, { article: id }));
  view.hidden = false;
  $("article-body").replaceChildren("…");
  $("similar").replaceChildren();
  try {
    const a = await api("/api/show/" + encodeURIComponent(id));
    const names = [...a.entities.person, ...a.entities.organization, ...a.entities.location];
    $("article-body").replaceChildren(
      el("h1", {}, a.headline),
      a.dek ? el("p", { class: "meta" }, a.dek) : null,
      el("p", { class: "meta" }, [day(a.published), a.source, a.authors.join(", ")].filter(Boolean).join(" · ")),
      a.url ? el("p", { class: "meta" }, el("a", { href: a.url, rel: "noreferrer" }, a.url)) : null,
      el("div", { class: "body" }, a.body.split(/\n\s*\n|\n/).filter((t) => t.trim()).map((t) => el("p", {}, t))),
      names.length ? el("p", { class: "names" }, names.join(" · ")) : null);
    $("close").focus();
    const similar = await api("/api/similar/" + encodeURIComponent(id), new URLSearchParams({ limit: "8" }));
    $("similar").replaceChildren(...similar.hits.map((h) => el("li", {},
      el("a", { href: link(s, { article: h.id }), onclick: (e) => { e.preventDefault(); openArticle(s, h.id, true); } }, h.headline),
      el("div", { class: "meta" }, [day(h.published), h.source].filter(Boolean).join(" · ")))));
  } catch (e) {
    $("article-body").replaceChildren(errorBox(e));
  }
}

function closeArticle() {
  const s = readState(location.search);
  if (s.article) history.pushState(null, "", link(s, { article: null }));
  $("article").hidden = true;
}

async function facetList() {
  if (metaFields === null) {
    try { metaFields = (await api("/api/stats")).metadata_fields.map((f) => f.name); } catch (e) { metaFields = []; }
  }
  return ["person", "organization", "location", "source", "author", ...metaFields].join(",");
}

// Shows the state of the address: the first results may already be in the page.
async function show(initial) {
  const s = readState(location.search);
  $("q").value = s.q; $("sort").value = s.sort; $("since").value = s.since; $("until").value = s.until; $("compare").value = s.compare;
  renderFilters(s);
  if (s.article) openArticle(s, s.article, false); else $("article").hidden = true;
  if (!location.search) { $("summary").textContent = "Type a query, or press Enter to see every article."; return; }
  renderTimeline(s);
  renderEntities(s);
  if (initial) { renderHits(s, initial); return; }
  const p = apiParams(s);
  p.set("limit", String(PAGE));
  p.set("facets", await facetList());
  api("/api/search", p).then((data) => renderHits(s, data), (e) => renderHits(s, e));
}

function go(href) {
  history.pushState(null, "", href);
  show(null);
  window.scrollTo(0, 0);
}

$("search").addEventListener("submit", (e) => {
  e.preventDefault();
  const s = readState(location.search);
  go(link({ ...s, q: $("q").value, sort: $("sort").value, since: $("since").value.trim(), until: $("until").value.trim(), offset: 0, article: "" }));
});
$("compare").addEventListener("change", () => {
  const s = readState(location.search);
  history.pushState(null, "", link({ ...s, compare: $("compare").value }));
  renderTimeline(readState(location.search));
});
$("close").addEventListener("click", closeArticle);
window.addEventListener("popstate", () => show(null));

document.addEventListener("keydown", (e) => {
  const typing = ["INPUT", "SELECT", "TEXTAREA"].includes(document.activeElement.tagName);
  if (e.key === "Escape") { if (!$("article").hidden) closeArticle(); else if (typing) document.activeElement.blur(); return; }
  if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
  const hits = Array.from(document.querySelectorAll(".hit"));
  if (e.key === "/") { e.preventDefault(); $("q").focus(); $("q").select(); }
  else if ((e.key === "j" || e.key === "k") && hits.length) {
    current = Math.max(0, Math.min(hits.length - 1, current + (e.key === "j" ? 1 : -1)));
    hits.forEach((h, i) => h.classList.toggle("current", i === current));
    hits[current].querySelector("a.open").focus();
  } else if (e.key === "n" && $("next")) go($("next").getAttribute("href"));
  else if (e.key === "p" && $("prev")) go($("prev").getAttribute("href"));
});

const initialNode = $("initial");
show(initialNode ? JSON.parse(initialNode.textContent) : null);
