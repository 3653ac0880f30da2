// Outputs view: where each universe goes and why (/healthz routes: outputs.json, the command line, or an Art-Net
// device's subscription), the sender's packets/s, errors and lateness, and the devices discovery found (state.nodes).
import { $, state, on, el, token } from './core.js';

let lastSample = null; // {packets, uptime} of the previous /healthz read, for packets/s (on the server's clock)
let health = null;

function visible() { return !$('tab-outputs').hidden; }

function portAddress(pa) { return `${pa >> 8}.${(pa >> 4) & 15}.${pa & 15} (${pa})`; }

function universesOf(doc) {
  return [...new Set(Object.values(doc.fixtures || {}).map((f) => f.universe ?? 0))].sort((a, b) => a - b);
}

const SOURCES = { outputs_file: 'outputs.json', command_line: 'command line', subscription: 'subscription' };

// one destination of a universe: protocol, address in that protocol, host:port, and where the route comes from
function routeRow(universe, r, nodes) {
  const node = r.source === 'subscription' ? nodes.find((n) => n.ip === r.host) : null;
  return el('tr', { dataset: { routeUniverse: universe, routeSource: r.source } },
    el('td', {}, String(universe)), el('td', {}, r.protocol === 'sacn' ? 'sACN' : 'Art-Net'),
    el('td', {}, r.protocol === 'sacn' ? `${r.sacn_universe} (priority ${r.priority})` : portAddress(r.port_address)),
    el('td', {}, `${r.host}:${r.port}`),
    el('td', {}, (SOURCES[r.source] ?? r.source) + (node ? ` (${node.short_name})` : '')));
}

async function poll() {
  try {
    const response = await fetch(`/healthz${token ? `?token=${encodeURIComponent(token)}` : ''}`);
    const body = await response.json();
    const packets = body.artnet?.packets_sent ?? 0;
    const uptime = body.uptime_s;
    body.packetsPerSecond = lastSample && uptime > lastSample.uptime ? (packets - lastSample.packets) / (uptime - lastSample.uptime) : null;
    lastSample = { packets, uptime };
    health = body;
  } catch (e) {
    health = { failed: e.message };
  }
  render(state.doc);
}

function render(doc) {
  if (!doc) return;
  const artnet = health?.artnet;
  const nodes = doc.nodes || [];
  const routes = health?.routes;
  const rows = routes ? Object.entries(routes).flatMap(([u, list]) => list.map((r) => routeRow(u, r, nodes)))
    : universesOf(doc).map((u) => el('tr', { dataset: { routeUniverse: u } }, el('td', {}, String(u)),
      el('td', { colSpan: 4 }, '…')));
  $('outputs-routes').replaceChildren(...(rows.length ? rows
    : [el('tr', {}, el('td', { colSpan: 5 }, 'No universe is sent (no fixture patched).'))]));
  $('outputs-stats').textContent = health?.failed ? `health unavailable: ${health.failed}` : artnet
    ? `${artnet.fps} FPS · ${health.packetsPerSecond == null ? '…' : Math.round(health.packetsPerSecond)} packets/s · `
      + `${artnet.frames_sent} frames · ${artnet.late_frames} late · ${artnet.errors} errors`
      + `${artnet.last_error ? ` (last: ${artnet.last_error})` : ''} · send lateness p99 ${artnet.send_lateness_ms?.p99 ?? '–'} ms`
    : 'reading…';
  $('outputs-nodes').replaceChildren(...(nodes.length ? nodes.map((n) => el('tr', {
    dataset: { nodeIp: n.ip }, className: n.stale ? 'stale' : '',
  }, el('td', {}, n.ip), el('td', {}, n.short_name), el('td', {}, n.long_name),
  el('td', {}, (n.universes || []).map(portAddress).join(', ') || '–'),
  el('td', {}, n.stale ? 'stale' : new Date(n.last_seen_ms).toLocaleTimeString())))
    : [el('tr', {}, el('td', { colSpan: 5 }, 'No devices found (discovery polls only the --artpoll-targets destinations).'))]));
  $('outputs-count').textContent = nodes.length ? String(nodes.length) : '';
}

on('render', render);
setInterval(() => { if (visible()) poll(); }, 2000); // /healthz only while the tab is open
document.querySelector("[data-tab='outputs']").addEventListener('click', () => poll());
