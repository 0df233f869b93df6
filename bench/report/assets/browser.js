// The report's document browser: reads the tracks' data (JSON script elements) and builds the
// DOM for one document at a time, so the page stays light whatever the number of extractors.
"use strict";
(function () {
  const tracks = {};
  document.querySelectorAll("script.track-data").forEach((s) => {
    const d = JSON.parse(s.textContent);
    tracks[d.track] = d;
  });
  const $ = (id) => document.getElementById(id);
  const names = Object.keys(tracks);
  if (!names.length) return;
  const ui = {track: $("pick-track"), a: $("pick-a"), b: $("pick-b"), doc: $("pick-doc"),
    label: $("filter-label"), outcome: $("filter-outcome"), compare: $("compare"), onlyDiff: $("only-diff")};
  const options = (sel, values, chosen) => {
    sel.innerHTML = "";
    values.forEach((v) => {
      const o = document.createElement("option");
      o.value = v; o.textContent = v; if (v === chosen) o.selected = true;
      sel.appendChild(o);
    });
  };
  const esc = (t) => t.replace(/[&<>"]/g, (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}[c]));
  const track = () => tracks[ui.track.value];
  const entry = (name) => track().extractors.find((e) => e.name === name);
  const usable = () => track().extractors.filter((e) => !e.error).map((e) => e.name);

  function setTrack() {
    const t = track();
    options(ui.a, usable(), t.first);
    const other = usable().find((n) => n !== t.first) || t.first;
    options(ui.b, usable(), other);
    options(ui.doc, Object.keys(t.docs), Object.keys(t.docs)[0]);
    show();
  }
  function counts(rows) {
    const out = track().outcomes.map(() => 0);
    rows.forEach((r) => { out[r[6]] += 1; });
    return out;
  }
  function showCounts(name) {
    const e = entry(name), doc = ui.doc.value, t = track();
    const here = counts(e.docs[doc] ? e.docs[doc].marks : []);
    const all = counts(Object.values(e.docs).flatMap((d) => d.marks));
    $("counts").innerHTML = "<b>" + esc(name) + "</b> on " + esc(doc) + ": " + t.outcomes.map((o, i) =>
      `<mark class="${o}">${o.replace("-", " ")} <span data-count="${o}">${here[i]}</span></mark>`).join(" ")
      + " <small>(all documents: " + t.outcomes.map((o, i) =>
      `${o.replace("-", " ")} <span data-total="${o}">${all[i]}</span>`).join(", ") + ")</small>";
  }
  function applyFilters(root) {
    const lab = ui.label.value, out = ui.outcome.value;
    root.querySelectorAll("mark[data-outcome]").forEach((m) => {
      const keep = (!lab || m.dataset.label === lab || m.dataset.goldLabel === lab)
        && (!out || m.dataset.outcome === out);
      m.classList.toggle("dim", !keep);
    });
  }
  function single() {
    const e = entry(ui.a.value), d = e.docs[ui.doc.value];
    const view = $("view");
    view.innerHTML = `<h3 id="doc-${esc(ui.doc.value)}">${esc(ui.doc.value)}: ${esc(e.name)}</h3>`
      + `<div class="doc" data-extractor="${esc(e.name)}">${d ? d.lines.join("") : ""}</div>`;
    applyFilters(view);
  }
  function goldKey(r) { return r[0] >= 0 ? r[0] + ":" + r[1] : null; }
  function disagreements(da, db) {
    const text = track().docs[ui.doc.value], t = track(), lab = ui.label.value, out = ui.outcome.value;
    const byGold = (d) => new Map(d.marks.filter((r) => r[0] >= 0).map((r) => [goldKey(r), r]));
    const ga = byGold(da), gb = byGold(db), rows = [];
    ga.forEach((ra, k) => {
      const rb = gb.get(k);
      if (!rb || ra[6] === rb[6]) return;
      if (lab && ra[2] !== lab) return;
      const oa = t.outcomes[ra[6]], ob = t.outcomes[rb[6]];
      if (out && oa !== out && ob !== out) return;
      rows.push(`<tr><td>${ra[0]}</td><td>${esc(text.slice(ra[0], ra[1]))}</td><td>${ra[2]}</td>`
        + `<td><mark class="${oa}">${oa}</mark></td><td><mark class="${ob}">${ob}</mark></td></tr>`);
    });
    // spurious predictions one extractor makes and the other does not (no gold span to key them by)
    const spurious = (d) => new Map(d.marks.filter((r) => r[0] < 0).map((r) => [r[3] + ":" + r[4], r]));
    const sa = spurious(da), sb = spurious(db);
    const oneSided = (mine, theirs, first) => mine.forEach((r, k) => {
      if (theirs.has(k) || (lab && r[5] !== lab) || (out && out !== "spurious")) return;
      const cells = first ? ["<mark class='spurious'>spurious</mark>", "–"] : ["–", "<mark class='spurious'>spurious</mark>"];
      rows.push(`<tr><td>${r[3]}</td><td>${esc(text.slice(r[3], r[4]))}</td><td>(${r[5]}, not in gold)</td>`
        + `<td>${cells[0]}</td><td>${cells[1]}</td></tr>`);
    });
    oneSided(sa, sb, true);
    oneSided(sb, sa, false);
    return rows;
  }
  function compare() {
    const ea = entry(ui.a.value), eb = entry(ui.b.value), doc = ui.doc.value;
    const da = ea.docs[doc], db = eb.docs[doc];
    const rows = [], onlyDiff = ui.onlyDiff.checked;
    da.lines.forEach((line, i) => {
      const differ = da.keys[i] !== db.keys[i];
      if (onlyDiff && !differ) return;
      rows.push(`<tr class="${differ ? "differ" : ""}"><td>${i + 1}${differ ? " ≠" : ""}</td>`
        + `<td class="doc">${line}</td><td class="doc">${db.lines[i]}</td></tr>`);
    });
    const dis = disagreements(da, db);
    $("view").innerHTML = `<h3>${esc(doc)}: spans on which ${esc(ea.name)} and ${esc(eb.name)} differ`
      + ` (${dis.length})</h3><table class="disagree"><tr><th>start</th><th>gold text</th><th>gold label</th>`
      + `<th>${esc(ea.name)}</th><th>${esc(eb.name)}</th></tr>${dis.join("")}</table>`
      + `<h3>${esc(doc)} line by line</h3><table class="compare"><tr><th>line</th><th>${esc(ea.name)}</th>`
      + `<th>${esc(eb.name)}</th></tr>${rows.join("")}</table>`;
    applyFilters($("view"));
  }
  function show() {
    document.body.classList.toggle("comparing", ui.compare.checked);
    showCounts(ui.a.value);
    if (ui.compare.checked) compare(); else single();
  }
  options(ui.track, names, names[0]);
  ui.track.addEventListener("change", setTrack);
  [ui.a, ui.b, ui.doc, ui.label, ui.outcome, ui.compare, ui.onlyDiff].forEach((el) =>
    el.addEventListener("change", show));
  setTrack();
  document.body.dataset.ready = "1";
})();
