// Show builder: the cue table, the add/edit form generated from each effect's JSON schema, previews, chasers.
import { $, state, on, intent, note, el, snapToBeat, round3 } from './core.js';
import { now } from './transport.js';
import { select, selection } from './timeline.js';

let editing = null; // {index, row} while the form edits an existing cue
let rowsFor = null;

export function showTab(name) {
  document.querySelectorAll('[data-tab]').forEach((b) => b.setAttribute('aria-selected', String(b.dataset.tab === name)));
  document.querySelectorAll('.tab').forEach((t) => { t.hidden = t.id !== `tab-${name}`; });
}
document.querySelectorAll('[data-tab]').forEach((b) => { b.onclick = () => showTab(b.dataset.tab); });

on('render', (doc) => {
  const fixtureSelect = $('cue-fixture');
  const ids = Object.keys(doc.fixtures);
  if (fixtureSelect.dataset.ids !== ids.join()) {
    fixtureSelect.dataset.ids = ids.join();
    fixtureSelect.replaceChildren(...ids.map((id) => new Option(doc.fixtures[id].name || id, id)));
    fillEffects();
  }
  const sheet = doc.cue_sheet;
  const rows = doc.cues || [];
  $('cue-count').textContent = rows.length ? `(${rows.length})` : '';
  $('cue-info').textContent = sheet ? `${rows.length} cues · ${sheet.file} · effects v${sheet.render_version}${sheet.read_only ? ' · read-only (file unreadable)' : ''}${sheet.invalid_rows ? ` · ${sheet.invalid_rows} invalid rows kept` : ''}` : 'no cue sheet';
  $('upgrade-v2').hidden = !sheet || sheet.render_version !== 1 || sheet.read_only;
  if (rows !== rowsFor) { rowsFor = rows; renderRows(rows); }
  $('cue-rows').querySelectorAll('tr').forEach((tr) => tr.classList.toggle('selected', Number(tr.dataset.index) === selection.index));
  renderChasers(doc);
});

function renderRows(rows) {
  $('cue-rows').replaceChildren(...rows.map((row, index) => {
    const expect = { time: row.time, fixture_id: row.fixture_id, chaser_id: row.chaser_id };
    const swatch = el('span', { className: 'chip' });
    const c = row.data?.color; if (typeof c === 'string') swatch.style.background = /^#?[0-9a-f]{6}$/i.test(c) ? `#${c.replace('#', '')}` : c;
    return el('tr', { dataset: { index }, onclick: () => select(index) },
      el('td', {}, row.time.toFixed(3)),
      el('td', {}, row.fixture_id || `⟳ ${row.chaser_id}`),
      el('td', {}, swatch, row.effect || 'chaser'),
      el('td', {}, row.duration == null ? '' : String(row.duration)),
      el('td', {}, el('button', { type: 'button', textContent: '✕', title: 'Delete this cue', dataset: { deleteCue: index },
        onclick: (e) => { e.stopPropagation(); intent('cue.delete', { index, expect }); } })));
  }));
}

function currentFixture() { return state.doc?.fixtures?.[$('cue-fixture').value]; }
function currentEffect() { return (currentFixture()?.supported_effects || []).find((e) => e.id === $('cue-effect').value); }

function fillEffects() {
  const f = currentFixture();
  const previous = $('cue-effect').value;
  $('cue-effect').replaceChildren(...(f?.supported_effects || []).map((e) => new Option(e.name || e.id, e.id)));
  if ([...$('cue-effect').options].some((o) => o.value === previous)) $('cue-effect').value = previous;
  fillParams();
}
$('cue-fixture').onchange = fillEffects;
$('cue-effect').onchange = () => fillParams();

/** The effect's parameter form, generated from its JSON schema (values from `data` when editing). */
function fillParams(data = {}) {
  const effect = currentEffect();
  $('cue-description').textContent = effect?.description || '';
  const props = effect?.schema?.properties || {};
  const required = effect?.schema?.required || [];
  const pois = state.doc?.pois || [];
  $('cue-params').replaceChildren(...Object.entries(props).map(([name, p]) => {
    let input;
    const value = data[name];
    if (p.format === 'poi') {
      input = el('select', {}, ...(required.includes(name) ? [] : [new Option('—', '')]), ...pois.map((poi) => new Option(poi.name || poi.id, poi.id)));
    } else if (p.enum) {
      input = el('select', {}, new Option('—', ''), ...p.enum.map((v) => new Option(String(v), String(v))));
    } else if (p.format === 'color') {
      input = el('input', { type: 'color', dataset: { optional: 'true' } });
      if (typeof value === 'string' && /^#?[0-9a-f]{6}$/i.test(value)) { input.value = `#${value.replace('#', '').toLowerCase()}`; input.dataset.touched = 'true'; }
    } else if (p.type === 'integer' || p.type === 'number') {
      input = el('input', { type: 'number', step: p.type === 'integer' ? '1' : 'any', min: p.minimum, max: p.maximum, placeholder: p.default ?? '' });
    } else if (p.type === 'string' || (Array.isArray(p.type) && p.type.includes('string'))) {
      input = el('input', { type: 'text', placeholder: p.default ?? '' });
    } else if (p.type === 'boolean') {
      input = el('select', {}, new Option('—', ''), new Option('yes', 'true'), new Option('no', 'false'));
    } else {
      return document.createTextNode('');
    }
    if (value != null && input.type !== 'color') input.value = String(value);
    Object.assign(input.dataset, { param: name, type: Array.isArray(p.type) ? p.type[0] : (p.type || 'string') });
    input.title = p.description || name; input.setAttribute('aria-label', name);
    return el('label', { className: 'param' }, `${name}${required.includes(name) ? ' *' : ''}`, input);
  }));
}

/** The data object from the parameter form: only the fields the user filled in. */
function paramData() {
  const data = {};
  for (const input of $('cue-params').querySelectorAll('[data-param]')) {
    if (input.value === '' || (input.dataset.optional && !input.dataset.touched)) continue;
    let value = input.value;
    if (input.dataset.type === 'integer') value = parseInt(value, 10);
    else if (input.dataset.type === 'number') value = Number(value);
    else if (input.dataset.type === 'boolean') value = value === 'true';
    else if (input.type === 'color') value = value.toUpperCase();
    data[input.dataset.param] = value;
  }
  return data;
}
document.addEventListener('input', (e) => { if (e.target.dataset?.param) e.target.dataset.touched = 'true'; });

function setEditing(index, row) {
  editing = row && row.fixture_id ? { index, row } : null;
  $('cue-submit').textContent = editing ? 'Update cue' : 'Add cue';
  $('cue-new').hidden = !editing;
  if (!editing) return;
  $('cue-fixture').value = row.fixture_id; fillEffects();
  $('cue-effect').value = row.effect; fillParams(row.data || {});
  $('cue-time').value = row.time; $('cue-duration').value = row.duration ?? 0;
}
document.addEventListener('cue-select', (e) => { setEditing(e.detail.index, e.detail.row); renderSelection(); });
document.addEventListener('cue-place', (e) => {
  setEditing(-1, null);
  $('cue-fixture').value = e.detail.fixture_id; fillEffects();
  $('cue-time').value = e.detail.time;
  showTab('cues');
  $('cue-effect').focus();
});
function renderSelection() {
  $('cue-rows').querySelectorAll('tr').forEach((tr) => {
    const on = Number(tr.dataset.index) === selection.index;
    tr.classList.toggle('selected', on);
    if (on) tr.scrollIntoView({ block: 'nearest' });
  });
}
$('cue-new').onclick = () => { select(-1); };
$('cue-at-playhead').onclick = () => {
  const t = now();
  $('cue-time').value = round3($('snap').checked ? snapToBeat(state.doc, t) : t);
};

$('cue-form').onsubmit = async (e) => {
  e.preventDefault();
  const time = Number($('cue-time').value); const duration = Number($('cue-duration').value);
  const fields = { time, fixture_id: $('cue-fixture').value, effect: $('cue-effect').value, duration };
  if (editing) {
    const { index, row } = editing;
    // keys the form shows come from the form (a cleared field is removed); keys it does not show are kept
    const shown = Object.keys(currentEffect()?.schema?.properties || {});
    const kept = Object.fromEntries(Object.entries(row.data || {}).filter(([key]) => !shown.includes(key)));
    const reply = await intent('cue.update', { index, patch: { ...fields, data: { ...kept, ...paramData() } },
      expect: { time: row.time, fixture_id: row.fixture_id, effect: row.effect } });
    if (reply.ok) { note('info', `Updated ${reply.data.entry.effect} at ${reply.data.entry.time}s.`); select(-1); }
  } else {
    const reply = await intent('cue.add', { ...fields, data: paramData() });
    if (reply.ok) note('info', `Added ${reply.data.entry.effect} on ${reply.data.entry.fixture_id} at ${reply.data.entry.time}s.`);
  }
};

$('cue-preview').onclick = () => intent('fixture.preview_effect', { fixture_id: $('cue-fixture').value,
  effect_id: $('cue-effect').value, duration_ms: Math.max(1, Number($('cue-duration').value) * 1000), params: paramData() });
$('cue-stop-preview').onclick = () => intent('fixture.stop_preview', {}, { quiet: true });
$('upgrade-v2').onclick = () => intent('cue.set_render_version', { version: 2 })
  .then((r) => { if (r.ok) note('info', 'The sheet now renders with the v2 effects. Undo returns to v1.'); });

function renderChasers(doc) {
  const box = $('chasers');
  const key = JSON.stringify((doc.chasers || []).map((c) => c.id));
  if (box.dataset.key === key) return;
  box.dataset.key = key;
  box.replaceChildren(...(doc.chasers || []).map((c) => el('span', { className: 'chaser' },
    el('button', { type: 'button', textContent: `+ ${c.name || c.id}`, title: `Add at the playhead: ${c.description || ''}`, dataset: { chaser: c.id },
      onclick: () => {
        const t = $('snap').checked ? snapToBeat(state.doc, now()) : now();
        intent('chaser.apply', { chaser_id: c.id, start_time_ms: Math.round(t * 1000) });
      } }),
    el('button', { type: 'button', textContent: '▷', title: 'Preview', onclick: () => intent('chaser.preview', { chaser_id: c.id }) }))));
  if (!(doc.chasers || []).length) box.append(el('small', {}, 'No chasers in the show folder.'));
}
