// Patch view: search the fixture library, pick a mode, universe and address (the next free one is suggested), the
// DMX address map of every universe with each fixture's footprint and conflicts, and the patched fixtures (rename,
// move, duplicate, remove). Fixtures are placed by dragging them on the stage plan while this tab is open.
import { $, state, on, intent, el, note, plainError } from './core.js';

const SIZE = 512;
let picked = null; // library.get data of the fixture being patched
let searchTimer = null; let searchSeq = 0;
let mapKey = null; let rowsKey = null; let libraryStatus = null;

/** True while the Patch tab is open (the stage plan then lets fixtures be dragged). */
export function patchVisible() { return !$('tab-patch').hidden; }

/** Every fixture's footprint: [{id, name, universe, first, last, n}] in state order (n picks its colour). */
function spans(doc) {
  return Object.entries(doc.fixtures).map(([id, f], n) => {
    const first = f.base_channel ?? 1;
    const footprint = f.footprint ?? Math.max(1, ...Object.values(f.channels || {}).map((a) => a - first + 1));
    return { id, name: f.name || id, universe: f.universe ?? 0, first, last: first + footprint - 1, n };
  });
}
export function colourOf(n) { return `hsl(${(n * 67) % 360} 70% 55%)`; }

/** The lowest address where `footprint` channels are free in `universe` (the server's rule), or null. */
export function nextFree(doc, universe, footprint, ignore = null) {
  const taken = spans(doc).filter((s) => s.universe === universe && s.id !== ignore).sort((a, b) => a.first - b.first);
  let candidate = 1;
  for (const s of taken) {
    if (s.first > candidate + footprint - 1) break;
    candidate = Math.max(candidate, s.last + 1);
  }
  return candidate + footprint - 1 <= SIZE ? candidate : null;
}

// ---- library search and pick ---------------------------------------------------------------------------------

$('lib-search').oninput = () => { clearTimeout(searchTimer); searchTimer = setTimeout(search, 150); };
$('lib-search').onkeydown = (e) => { if (e.key === 'Enter') { e.preventDefault(); clearTimeout(searchTimer); search(); } };

async function search() {
  const query = $('lib-search').value.trim();
  const seq = ++searchSeq;
  if (!query) { $('lib-results').replaceChildren(); return; }
  const reply = await intent('library.search', { query, limit: 40 }, { quiet: true });
  if (seq !== searchSeq) return; // a newer search is on its way
  if (!reply.ok) {
    $('lib-results').replaceChildren(el('div', { className: 'patch-note bad' }, reply.error?.message || 'search failed'));
    return;
  }
  const entries = reply.data.entries;
  $('lib-results').replaceChildren(...(entries.length ? entries.map((e) => el('button', {
    type: 'button', className: 'lib-entry', dataset: { libraryId: e.id }, onclick: () => pick(e.id),
  }, el('strong', {}, `${e.manufacturer} ${e.model}`),
  el('small', {}, ` ${e.type} · ${e.modes.map((m) => `${m.name} (${m.channels} ch)`).join(' · ')}`)))
    : [el('div', { className: 'patch-note' }, `No fixture matches “${query}”.`)]));
}

async function pick(id) {
  const reply = await intent('library.get', { id, universe: universe() });
  if (!reply.ok) return;
  picked = reply.data;
  $('lib-results').querySelectorAll('.lib-entry').forEach((b) => b.classList.toggle('selected', b.dataset.libraryId === id));
  $('patch-title').textContent = `${picked.manufacturer} ${picked.model} · ${picked.type}`;
  $('patch-mode').replaceChildren(...picked.modes.map((m, i) => new Option(`${m.name} — ${m.channels} ch`, String(i))));
  $('patch-name').value = '';
  $('patch-name').placeholder = `${picked.manufacturer} ${picked.model}`;
  $('patch-form').hidden = false;
  modeChanged();
}

function mode() { return picked?.modes[Number($('patch-mode').value || 0)] || null; }
function universe() { return Math.max(0, Math.trunc(Number($('patch-universe').value) || 0)); }

function modeChanged() {
  const m = mode();
  if (!m) return;
  const metas = Object.entries(m.template.meta_channels || {});
  $('patch-controls').textContent = `Controls: ${metas.map(([id, meta]) => `${meta.label || id} (${meta.kind})`).join(', ') || 'none'}`;
  $('patch-unmapped').replaceChildren(...(m.unmapped || []).map((line) => el('li', {}, `Not mapped: ${line}`)));
  suggest();
}

/** Puts the next free address of the chosen universe in the address field. */
function suggest() {
  const m = mode();
  if (!m || !state.doc) return;
  const address = nextFree(state.doc, universe(), m.channels);
  $('patch-address').value = address ?? '';
  proposalChanged();
}

$('patch-mode').onchange = modeChanged;
$('patch-universe').oninput = suggest;
$('patch-address').oninput = proposalChanged;
$('patch-next').onclick = suggest;

/** Where the picked fixture would go: {universe, first, last, problem}. */
function proposal() {
  const m = mode();
  const address = Number($('patch-address').value);
  if (!m || !Number.isInteger(address) || address < 1) return null;
  const p = { universe: universe(), first: address, last: address + m.channels - 1, problem: null };
  if (p.last > SIZE) p.problem = `a ${m.channels}-channel footprint at ${address} ends at ${p.last}, past 512`;
  const other = state.doc && spans(state.doc).find((s) => s.universe === p.universe && s.first <= p.last && p.first <= s.last);
  if (!p.problem && other) p.problem = `channels ${p.first}..${p.last} overlap ${other.name} (${other.first}..${other.last})`;
  return p;
}

function proposalChanged() {
  const p = proposal();
  const box = $('patch-proposal');
  box.className = `patch-note ${p?.problem ? 'bad' : 'good'}`;
  box.textContent = !p ? (mode() ? 'No free gap that large in this universe; pick another universe.' : '')
    : p.problem ? `Cannot patch here: ${p.problem}.` : `Universe ${p.universe}, channels ${p.first}..${p.last} are free.`;
  renderMap(state.doc);
}

$('patch-form').onsubmit = async (e) => {
  e.preventDefault();
  const m = mode();
  if (!picked || !m) return;
  const payload = { library_id: picked.id, mode: m.name, universe: universe(), address: Number($('patch-address').value) };
  const name = $('patch-name').value.trim();
  if (name) payload.name = name;
  const reply = await intent('rig.add_fixture', payload);
  if (!reply.ok) return;
  note('info', `Patched ${reply.data.name} at ${reply.data.universe}.${reply.data.address}–${reply.data.last_channel}.`);
  $('patch-name').value = '';
  suggest();
};

// ---- the address map -------------------------------------------------------------------------------------------

function renderMap(doc) {
  if (!doc) return;
  const list = spans(doc);
  const p = picked ? proposal() : null;
  const key = JSON.stringify([list, p]);
  if (key === mapKey) return;
  mapKey = key;
  const universes = [...new Set([...list.map((s) => s.universe), ...(p ? [p.universe] : [])])].sort((a, b) => a - b);
  if (!universes.length) universes.push(0);
  $('patch-map').replaceChildren(...universes.map((u) => universeMap(u, list.filter((s) => s.universe === u),
    p && p.universe === u ? p : null)));
}

function universeMap(universe, fixtures, p) {
  const owners = Array.from({ length: SIZE }, () => []);
  for (const s of fixtures) for (let c = s.first; c <= Math.min(s.last, SIZE); c++) owners[c - 1].push(s);
  const used = owners.filter((o) => o.length).length;
  const doubled = owners.filter((o) => o.length > 1).length;
  const grid = el('div', { className: 'dmx-map', dataset: { universe } });
  for (let c = 1; c <= SIZE; c++) {
    const o = owners[c - 1];
    const cell = el('span', { className: 'cell', dataset: { channel: c } });
    if (o.length) {
      cell.style.background = colourOf(o[0].n);
      cell.dataset.owner = o.map((s) => s.id).join(' ');
      cell.title = `${universe}.${c}: ${o.map((s) => `${s.name} (${s.first}..${s.last})`).join(' and ')}`;
      if (o.some((s) => s.first === c)) cell.textContent = String(c);
    } else {
      cell.title = `${universe}.${c}: free`;
    }
    if (o.length > 1) cell.classList.add('conflict');
    if (p && c >= p.first && c <= p.last) cell.classList.add(p.problem ? 'proposed-bad' : 'proposed');
    grid.append(cell);
  }
  grid.onclick = (e) => {
    const channel = Number(e.target.dataset?.channel);
    if (!channel || !picked) return;
    $('patch-universe').value = universe; $('patch-address').value = channel;
    proposalChanged();
  };
  const head = el('div', { className: 'map-head' }, `Universe ${universe} — ${used} of 512 channels patched`,
    doubled ? el('span', { className: 'bad' }, ` · ${doubled} channels used by two fixtures`) : null);
  return el('div', { className: 'universe-map' }, head, grid);
}

// ---- patched fixtures --------------------------------------------------------------------------------------------

function renderRows(doc) {
  const locked = doc.system.edit_lock;
  const list = spans(doc);
  const key = JSON.stringify([list, Object.values(doc.fixtures).map((f) => f.template), locked]);
  if (key === rowsKey) return;
  rowsKey = key;
  $('patch-rows').replaceChildren(...list.map((s) => {
    const f = doc.fixtures[s.id];
    const name = el('input', { type: 'text', value: s.name, disabled: locked, 'aria-label': `Name of ${s.id}`, dataset: { rename: s.id },
      onchange: () => { if (name.value.trim()) intent('rig.update_fixture', { id: s.id, name: name.value.trim() }); else name.value = s.name; } });
    const uni = el('input', { type: 'number', min: 0, max: 32767, value: s.universe, disabled: locked, className: 'narrow', 'aria-label': `Universe of ${s.id}` });
    const address = el('input', { type: 'number', min: 1, max: SIZE, value: s.first, disabled: locked, className: 'narrow', 'aria-label': `Address of ${s.id}`, dataset: { address: s.id } });
    const move = async () => {
      const reply = await intent('rig.update_fixture', { id: s.id, universe: Number(uni.value), address: Number(address.value) });
      if (!reply.ok) { uni.value = s.universe; address.value = s.first; }
    };
    uni.onchange = move; address.onchange = move;
    const remove = el('button', { type: 'button', textContent: 'Remove', disabled: locked, dataset: { remove: s.id }, title: `Remove ${s.name} from the patch` });
    remove.onclick = () => removeFixture(s.id, remove);
    const duplicate = el('button', { type: 'button', textContent: 'Duplicate', disabled: locked, dataset: { duplicate: s.id },
      title: 'Patch another one at the next free address', onclick: () => duplicateFixture(s, f) });
    return el('tr', { dataset: { patchRow: s.id } },
      el('td', {}, el('span', { className: 'chip', style: `background:${colourOf(s.n)}` }), name),
      el('td', {}, s.id), el('td', { title: f.template }, f.type || ''),
      el('td', { className: 'nowrap' }, uni, '.', address, el('small', {}, ` –${s.last}`)),
      el('td', { className: 'nowrap' }, duplicate, remove));
  }));
}

async function removeFixture(id, button) {
  const force = button.dataset.force === 'true';
  const reply = await intent('rig.remove_fixture', force ? { id, force: true } : { id }, { quiet: true });
  if (reply.ok) {
    if (reply.data.cue_rows) note('warning', `Removed ${reply.data.name}; ${reply.data.cue_rows} cue rows that used it are kept in their files but no longer play.`);
    return;
  }
  if (reply.error?.code === 'fixture_in_use') {
    button.dataset.force = 'true'; button.textContent = 'Remove anyway'; button.title = reply.error.message;
    note('warning', reply.error.message);
    return;
  }
  note('error', plainError('rig.remove_fixture', reply.error));
}

function duplicateFixture(s, f) {
  const address = nextFree(state.doc, s.universe, s.last - s.first + 1);
  if (address == null) { note('error', `Universe ${s.universe} has no free gap of ${s.last - s.first + 1} channels.`); return; }
  intent('rig.add_fixture', { template: f.template, universe: s.universe, address, name: `${s.name} copy` });
}

$('rig-undo').onclick = () => intent('rig.undo');
$('rig-redo').onclick = () => intent('rig.redo');

on('render', (doc) => {
  const count = Object.keys(doc.fixtures).length;
  $('patch-count').textContent = count ? `(${count})` : '';
  const history = doc.rig_history || { undo: 0, redo: 0 };
  const locked = doc.system.edit_lock;
  $('rig-undo').disabled = locked || !history.undo; $('rig-redo').disabled = locked || !history.redo;
  $('rig-undo').title = history.undo ? `Undo ${history.undo_label}` : 'No patch edit to undo';
  $('rig-redo').title = history.redo ? `Redo ${history.redo_label}` : 'No patch edit to redo';
  $('patch-add').disabled = locked;
  $('patch-add').title = locked ? 'The patch is locked while the show plays' : '';
  const library = doc.library || {};
  $('lib-status').textContent = library.status === 'ready' ? `${library.fixtures} fixtures in the library`
    : library.status === 'indexing' ? 'indexing the fixture library…' : 'the fixture library is unavailable';
  if (library.status !== libraryStatus) {
    const wasIndexing = libraryStatus === 'indexing';
    libraryStatus = library.status;
    if (wasIndexing && $('lib-search').value.trim()) search();
  }
  if (picked) proposalChanged(); else renderMap(doc);
  renderRows(doc);
});
