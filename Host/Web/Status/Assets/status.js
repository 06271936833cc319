// The status page: renders each snapshot of /api/events (server-sent events) and sends its buttons as form POSTs
// with the antiforgery request token of the page. Text goes in with textContent only: names come from the cluster.
'use strict';

const requestToken = document.querySelector('meta[name="request-verification-token"]').content;

function cell(text, className) {
  const td = document.createElement('td');
  td.textContent = text === null || text === undefined ? '–' : String(text);
  if (className) td.className = className;
  return td;
}

function button(label, action, data) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  b.dataset.action = action;
  for (const [k, v] of Object.entries(data)) if (v !== null && v !== undefined) b.dataset[k] = v;
  const td = document.createElement('td');
  td.append(b);
  return td;
}

function link(url) {
  const td = document.createElement('td');
  if (typeof url === 'string' && /^https?:\/\//.test(url)) {
    const a = document.createElement('a');
    a.href = url;
    a.textContent = url;
    td.append(a);
  } else {
    td.textContent = '–';
  }
  return td;
}

function fill(tableId, rows) {
  const body = document.querySelector(`#${tableId} tbody`);
  body.replaceChildren(...rows);
}

const rate = x => x.toFixed(x >= 10 ? 0 : 1);
const megabytes = b => b === null || b === undefined ? null : (b / 1048576).toFixed(1) + 'M';

function queueState(q) {
  if (q.pausedNodes > 0) return [q.pausedNodes === q.nodes ? 'paused' : `paused on ${q.pausedNodes}/${q.nodes}`, 'warn'];
  if (q.quietNodes > 0) return [q.quietNodes === q.nodes ? 'quiet' : `quiet on ${q.quietNodes}/${q.nodes}`, 'warn'];
  if (q.circuitOpenNodes > 0) return [`circuit open on ${q.circuitOpenNodes}/${q.nodes}`, 'bad'];
  return ['running', 'good'];
}

// Held events: their count, and when the soonest is due (UTC).
function scheduled(q) {
  if (q.scheduled === null || q.scheduled === undefined) return '-';
  return q.nextScheduledAt ? `${q.scheduled} (next ${q.nextScheduledAt.substring(11, 19)})` : `${q.scheduled}`;
}

function renderQueues(queues) {
  fill('queues', queues.map(q => {
    const tr = document.createElement('tr');
    tr.dataset.queue = q.brokerQueue;
    const [state, css] = queueState(q);
    const paused = q.pausedNodes > 0;
    tr.append(cell(q.brokerQueue), cell(q.site ?? 'shared'), cell(state, css),
      cell(q.depth, 'number depth'), cell(q.consumers, 'number consumers'),
      cell(scheduled(q), 'number scheduled'), cell(q.retriesWaiting ?? '-', 'number retries'), cell(q.inFlight, 'number'),
      cell(rate(q.handledPerSecond), 'number'), cell(rate(q.failedPerSecond), 'number'),
      cell(q.handled, 'number'), cell(q.failed, 'number'), cell(q.deadLettered, 'number'),
      button(paused ? 'Resume' : 'Pause', paused ? 'resume' : 'pause', { queue: q.queue, site: q.site }));
    return tr;
  }));
}

function renderDead(dead) {
  document.getElementById('dead-total').textContent = dead.total === null ? '(the seed did not answer)' : `(${dead.total})`;
  fill('dead', dead.entries.map(d => {
    const tr = document.createElement('tr');
    tr.dataset.dead = d.id;
    const actions = button('Show', 'show-dead', { id: d.id });
    const replay = button('Replay', 'replay-dead', { id: d.id }).firstChild;
    actions.append(' ', replay);
    tr.append(cell(d.id), cell(d.site), cell(d.queue), cell(d.attempts, 'number'), cell(d.reason),
      cell(new Date(d.lastFailureAt).toLocaleString()), cell(d.replayCount > 0 ? `${d.replayCount}x` : '–'), cell(d.error), actions);
    return tr;
  }));
}

// Quiet mode (node quiet, queue quiet): a badge, empty while the node takes events on every queue.
function memberQuiet(m) {
  if (m.quiet) return cell('quiet', 'warn quiet');
  return m.quietQueues > 0 ? cell(`${m.quietQueues} queue(s)`, 'warn quiet') : cell('', 'quiet');
}

function renderMembers(members) {
  fill('members', (members ?? []).map(m => {
    const tr = document.createElement('tr');
    tr.dataset.node = m.node;
    tr.append(cell(m.node), cell(m.state, m.state === 'up' ? 'good' : 'warn'), cell((m.roles ?? []).join(', ')),
      cell((m.sites ?? []).length, 'number'), cell((m.queues ?? []).length, 'number'), memberQuiet(m), cell(m.inFlight, 'number'),
      cell(megabytes(m.workingSetBytes), 'number'), cell(m.version), cell(m.address), link(m.statusPage));
    return tr;
  }));
}

function renderSites(sites, total) {
  const shown = (sites ?? []).length;
  document.getElementById('site-total').textContent = total === null ? '(the seed did not answer)' : shown < total ? `(${total}, the first ${shown} shown)` : `(${total})`;
  fill('sites', (sites ?? []).map(s => {
    const d = s.definition;
    const tr = document.createElement('tr');
    tr.dataset.site = d.name;
    tr.append(cell(d.name), cell(s.source), cell(d.enabled ? 'yes' : 'no'), cell((d.queues ?? []).join(', ') || 'all'),
      cell((d.breakout ?? []).join(', ') || '–'), cell(d.xmpp));
    return tr;
  }));
}

function renderChart(points) {
  const scale = document.getElementById('chart-scale');
  if (points.length === 0) {
    scale.textContent = 'no rates yet';
    return;
  }
  const end = points[points.length - 1].at;
  const span = 5 * 60 * 1000;
  const top = Math.max(1, ...points.map(p => Math.max(p.handled, p.failed)));
  const line = key => points.map(p => `${(600 * (1 - (end - p.at) / span)).toFixed(1)},${(118 - 116 * p[key] / top).toFixed(1)}`).join(' ');
  document.getElementById('chart-handled').setAttribute('points', line('handled'));
  document.getElementById('chart-failed').setAttribute('points', line('failed'));
  const last = points[points.length - 1];
  scale.textContent = `top of the chart: ${rate(top)}/s; now ${rate(last.handled)} handled/s, ${rate(last.failed)} failed/s`;
}

function render(s) {
  document.getElementById('node').textContent = `node ${s.node}`;
  document.getElementById('updated').textContent = `updated ${new Date(s.at).toLocaleTimeString()}`;
  document.getElementById('retries').textContent = s.retriesWaiting;
  document.getElementById('problems').replaceChildren(...s.problems.map(p => {
    const li = document.createElement('li');
    li.textContent = p;
    return li;
  }));
  renderQueues(s.queues);
  renderDead(s.deadLetters);
  renderMembers(s.members);
  renderSites(s.sites, s.siteTotal);
  renderChart(s.rates);
}

function say(outcome) {
  const box = document.getElementById('message');
  box.hidden = false;
  box.className = outcome.ok ? 'good' : 'bad';
  box.textContent = outcome.text;
}

async function post(path, fields) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined && v !== null) body.append(k, v);
  const response = await fetch(path, { method: 'POST', body, headers: { RequestVerificationToken: requestToken }, credentials: 'same-origin' });
  say(response.ok ? await response.json() : { ok: false, text: `${response.status} ${response.statusText}` });
}

async function showDead(id) {
  const response = await fetch(`api/dead/show?id=${encodeURIComponent(id)}`, { credentials: 'same-origin' });
  const outcome = response.ok ? await response.json() : { ok: false, text: `${response.status} ${response.statusText}` };
  const detail = document.getElementById('dead-detail');
  detail.hidden = false;
  detail.textContent = outcome.text;
}

document.addEventListener('click', event => {
  const b = event.target.closest('button[data-action]');
  if (!b) return;
  const d = b.dataset;
  switch (d.action) {
    case 'pause': post('api/queues/pause', { queue: d.queue, site: d.site }); break;
    case 'resume': post('api/queues/resume', { queue: d.queue, site: d.site }); break;
    case 'show-dead': showDead(d.id); break;
    case 'replay-dead': post('api/dead/replay', { id: d.id }); break;
    case 'purge-dead': if (window.confirm('Delete every dead letter?')) post('api/dead/purge', {}); break;
  }
});

const connection = document.getElementById('connection');
const events = new EventSource('api/events');
events.addEventListener('status', e => render(JSON.parse(e.data)));
events.addEventListener('open', () => { connection.textContent = 'live'; connection.className = 'good'; });
events.addEventListener('error', () => { connection.textContent = 'disconnected, reconnecting…'; connection.className = 'bad'; });
