// The planner's page: plain JavaScript, no build step, no network beyond this service.
'use strict';

const $ = id => document.getElementById(id);
const KEY = 'allocator.apiKey';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const state = { request: null, check: null, sheet: null, id: null, result: null };

function say(text, kind) {
  const status = $('status');
  status.textContent = text;
  status.className = 'status' + (kind ? ' ' + kind : '');
}

function headers(extra) {
  const h = Object.assign({}, extra || {});
  const key = sessionStorage.getItem(KEY);
  if (key) h.Authorization = 'Bearer ' + key;
  return h;
}

// Every API call: the key when there is one; a problem document becomes an Error with its title and detail.
async function api(path, options) {
  const o = Object.assign({}, options || {});
  o.headers = headers(o.headers);
  const response = await fetch(path, o);
  if (response.status === 401) {
    $('api-key').focus();
    throw new Error('The service needs an API key: type it above and press "Use key".');
  }
  if (!response.ok && response.status !== 400) {
    let text = response.status + ' ' + response.statusText;
    try { const p = await response.json(); text = (p.title || text) + (p.detail ? ': ' + p.detail : ''); } catch (_) { }
    throw new Error(text);
  }
  return response;
}

function number(x, digits) {
  return x == null ? '—' : Number(x).toLocaleString('en-GB', { maximumFractionDigits: digits == null ? 0 : digits });
}

function el(tag, attributes, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attributes || {})) {
    if (v == null || v === false) continue;
    if (k === 'text') e.textContent = v; else if (k.startsWith('on')) e.addEventListener(k.slice(2), v); else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c != null) e.append(c);
  return e;
}

// ---- 1. the request -------------------------------------------------------------------------------------------

async function check(body, label) {
  say('Checking ' + label + '…');
  state.request = null;
  $('solve').disabled = true;
  $('request-xlsx').disabled = true;
  try {
    const response = await api('/v1/workbooks/check', { method: 'POST', body, headers: { 'Content-Type': 'application/octet-stream' } });
    if (!response.ok) { const p = await response.json(); throw new Error(p.detail || p.title); }
    const answer = await response.json();
    state.check = answer;
    state.request = answer.request;
    showCheck(label);
  } catch (e) {
    say(e.message, 'bad');
  }
}

function cellKey(sheet, cell) { return sheet + '!' + cell; }

function showCheck(label) {
  const answer = state.check;
  const errors = answer.errors;
  $('check').hidden = false;
  $('check-title').textContent = errors.length === 0
    ? label + ': no problems found'
    : label + ': ' + errors.length + (errors.length === 1 ? ' problem' : ' problems') + ' — each is shown next to its cell';
  const list = $('problems');
  list.replaceChildren();
  for (const e of errors) {
    const where = e.cell ? cellKey(e.sheet, e.cell) : e.path;
    const item = el('li', {}, e.cell
      ? el('button', { type: 'button', text: where, 'aria-label': 'Show cell ' + where, onclick: () => showSheet(e.sheet, e.cell) })
      : el('code', { text: where }), ' ' + e.message);
    list.append(item);
  }
  const tabs = $('tabs');
  tabs.replaceChildren();
  for (const sheet of answer.sheets) {
    const count = errors.filter(e => e.sheet === sheet.name).length;
    tabs.append(el('button', { type: 'button', role: 'tab', id: 'tab-' + sheet.name.replace(/\W/g, '_'), 'aria-selected': 'false', 'data-sheet': sheet.name,
      onclick: () => showSheet(sheet.name), onkeydown: moveTab }, sheet.name, count ? el('span', { class: 'count', text: ' (' + count + ')' }) : null));
  }
  const first = errors.find(e => e.cell);
  if (answer.sheets.length) showSheet(first ? first.sheet : answer.sheets[0].name, first ? first.cell : null);
  else $('sheet').replaceChildren();
  const ok = errors.length === 0 && state.request;
  $('solve').disabled = !ok;
  $('request-xlsx').disabled = !state.request;
  $('solve-hint').textContent = ok ? 'Ready: ' + (state.request.name || 'unnamed request') : 'Fix the problems above first.';
  say(ok ? label + ' is valid.' : label + ' has problems; see them next to their cells.', ok ? 'ok' : 'bad');
}

function moveTab(event) {
  const tabs = [...$('tabs').querySelectorAll('[role=tab]')];
  const at = tabs.indexOf(event.currentTarget);
  const to = event.key === 'ArrowRight' ? at + 1 : event.key === 'ArrowLeft' ? at - 1 : -2;
  if (to === -2 || to < 0 || to >= tabs.length) return;
  event.preventDefault();
  tabs[to].focus();
  tabs[to].click();
}

function letters(column) {
  let s = '';
  for (let n = column + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + (n - 1) % 26) + s;
  return s;
}

function showSheet(name, focusCell) {
  const sheet = state.check.sheets.find(s => s.name === name);
  if (!sheet) return;
  state.sheet = name;
  for (const tab of $('tabs').querySelectorAll('[role=tab]')) {
    const selected = tab.dataset.sheet === name;
    tab.setAttribute('aria-selected', String(selected));
    tab.tabIndex = selected ? 0 : -1;
    if (selected) $('sheet').setAttribute('aria-labelledby', tab.id);
  }
  const errors = new Map();
  for (const e of state.check.errors.filter(e => e.sheet === name)) errors.set(e.cell, (errors.get(e.cell) ? errors.get(e.cell) + ' ' : '') + e.message);
  const width = Math.max(1, ...sheet.rows.map(r => r.length), ...[...errors.keys()].map(c => columnOf(c) + 1));
  const height = Math.max(sheet.rows.length, ...[...errors.keys()].map(c => rowOf(c)));
  const table = el('table', {});
  const head = el('tr', {}, el('th', { scope: 'col', class: 'rownum', text: '' }));
  for (let c = 0; c < width; c++) head.append(el('th', { scope: 'col', text: letters(c) }));
  table.append(el('thead', {}, head));
  const body = el('tbody');
  let target = null;
  for (let r = 0; r < height; r++) {
    const cells = sheet.rows[r] || [];
    const row = el('tr', {}, el('th', { scope: 'row', class: 'rownum', text: String(r + 1) }));
    for (let c = 0; c < width; c++) {
      const ref = letters(c) + (r + 1);
      const message = errors.get(ref);
      const td = el('td', { 'data-cell': ref, class: message ? 'bad' : null, tabindex: message ? '0' : null, 'aria-invalid': message ? 'true' : null },
        cells[c] == null ? '' : String(cells[c]));
      if (message) {
        const id = 'msg-' + ref;
        td.setAttribute('aria-describedby', id);
        td.append(el('span', { class: 'msg', id, text: message }));
      }
      if (ref === focusCell) target = td;
      row.append(td);
    }
    body.append(row);
  }
  table.append(body);
  $('sheet').replaceChildren(table);
  if (target) { target.scrollIntoView({ block: 'center', inline: 'center' }); target.focus(); }
}

function columnOf(cell) { return [...cell.match(/^[A-Z]+/)[0]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1; }
function rowOf(cell) { return Number(cell.match(/\d+$/)[0]); }

async function readFile(file) {
  if (!file) return;
  const bytes = new Uint8Array(await file.arrayBuffer());
  await check(bytes, file.name);
}

// ---- 2. solve ---------------------------------------------------------------------------------------------------

async function solve() {
  if (!state.request) return;
  $('solve').disabled = true;
  say('Solving… (large requests take a while)');
  try {
    const response = await api('/v1/allocations', { method: 'POST', body: JSON.stringify(state.request), headers: { 'Content-Type': 'application/json' } });
    const body = await response.json();
    if (!response.ok) {
      state.check.errors = (body.errors || []).map(e => ({ path: e.path, message: e.message }));
      showCheck('The request');
      return;
    }
    state.id = (response.headers.get('Location') || '').split('/').pop();
    await showPlan(state.id, body);
  } catch (e) {
    say(e.message, 'bad');
  } finally {
    $('solve').disabled = !state.request;
  }
}

// ---- 3. the plan ------------------------------------------------------------------------------------------------

async function showPlan(id, result) {
  state.id = id;
  state.result = result;
  const s = result.summary;
  const c = result.baseCurrency;
  const rows = [
    ['Status', result.status + (result.message ? ' — ' + result.message : '')],
    ['Value delivered', number(s.value, 1) + ' of ' + number(s.maxValue, 1) + ' possible (' + number(s.maxValue ? 100 * s.value / s.maxValue : 0, 1) + '%)'],
    ['Money committed', number(s.committed) + ' ' + c + ' of ' + number(s.available) + ' ' + c + ' pledged'],
    ['Left unallocated', number(s.unallocated) + ' ' + c],
    ['Allocation id', id],
  ];
  $('summary').replaceChildren(...rows.flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { text: v })]));
  briefing(result);
  $('plan').hidden = false;
  say('Solved: ' + result.status + '. The plan is below.', 'ok');
  try {
    const report = await api('/v1/allocations/' + encodeURIComponent(id) + '/report');
    $('report').srcdoc = await report.text();
  } catch (e) {
    $('report').srcdoc = '<p>The report could not be loaded: ' + e.message.replace(/</g, '&lt;') + '</p>';
  }
  $('h-plan').scrollIntoView();
}

function briefing(result) {
  const box = $('briefing');
  box.replaceChildren();
  const e = result.explanations;
  if (!e) { box.append(el('p', { text: 'This plan was solved without explanations.' })); return; }
  const c = result.baseCurrency;
  const b = e.baseline;
  box.append(el('p', { text: b.gainPercent != null
    ? 'The optimised plan delivers ' + number(b.gainPercent, 1) + '% more value than a careful hand-made plan (' + number(b.value, 1) + ' value, ' + number(b.committed) + ' ' + c + ' committed).'
    : 'The hand-made plan delivers ' + number(b.value, 1) + ' value.' }));
  const valued = e.tranches.filter(t => t.marginalValuePerMillion > 0).sort((x, y) => y.marginalValuePerMillion - x.marginalValuePerMillion).slice(0, 8);
  if (valued.length) {
    box.append(el('p', { text: 'What one more million ' + c + ' would buy (value gained):' }));
    box.append(el('ul', {}, ...valued.map(t => el('li', { text: t.donor + ' tranche ' + t.tranche + ': +' + number(t.marginalValuePerMillion, 2) }))));
  }
  const reasons = [
    ...e.tranches.filter(t => t.reason).map(t => t.donor + ' tranche ' + t.tranche + ' leaves ' + number(t.unallocated) + ' ' + c + ': ' + t.reason.message),
    ...e.needs.filter(n => n.reason).map(n => 'Need ' + n.need + ' is short by ' + number(n.shortfallUnits, 1) + ' units: ' + n.reason.message),
    ...e.lines.filter(l => l.reason).map(l => 'Line ' + l.line + ' has ' + number(l.unfundedUnits, 1) + ' units unfunded: ' + l.reason.message),
  ];
  if (reasons.length) {
    box.append(el('p', { text: 'Why money, needs and capacity are left over (' + reasons.length + '):' }));
    box.append(el('ul', {}, ...reasons.slice(0, 15).map(r => el('li', { text: r }))));
  }
}

async function download(path, name) {
  try {
    const response = await api(path);
    const blob = await response.blob();
    const url = URL.createObjectURL(blob);
    const a = el('a', { href: url, download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    say('Downloaded ' + name + '.', 'ok');
  } catch (e) {
    say(e.message, 'bad');
  }
}

// ---- the audit trail --------------------------------------------------------------------------------------------

async function audit() {
  try {
    const response = await api('/v1/allocations?limit=50');
    const page = await response.json();
    const body = $('audit').querySelector('tbody');
    body.replaceChildren(...page.items.map(item => el('tr', { 'data-id': item.id },
      el('td', { text: item.received.replace('T', ' ').slice(0, 19) }),
      el('td', { text: item.name || '(unnamed)' }),
      el('td', { class: 'status-' + item.status, text: item.status + (item.error ? ' — ' + item.error : '') }),
      el('td', { class: 'num', text: number(item.value, 1) }),
      el('td', { class: 'num', text: number(item.committed) }),
      el('td', {},
        el('button', { type: 'button', text: 'History', 'aria-label': 'History of ' + item.id, onclick: () => history(item.id) }),
        item.value != null ? el('button', { type: 'button', text: 'Open plan', 'aria-label': 'Open the plan ' + item.id, onclick: () => open(item.id) }) : null,
        item.value != null ? el('button', { type: 'button', text: 'Re-plan against this allocation', class: 'replan', 'data-id': item.id,
          'aria-label': 'Re-plan the chosen request against allocation ' + item.id, onclick: () => replan(item.id) }) : null))));
    $('audit').hidden = false;
    say(page.items.length + ' past allocation(s).');
  } catch (e) {
    say(e.message, 'bad');
  }
}

async function history(id) {
  try {
    const trail = await (await api('/v1/allocations/' + encodeURIComponent(id) + '/audit')).json();
    $('events-title').textContent = 'History of ' + (trail.allocation.name || id) + ' (' + id + ')';
    $('events-list').replaceChildren(...trail.events.map(e => el('li', { text: e.at.replace('T', ' ').slice(0, 19) + ' — ' + e.status + (e.detail ? ': ' + e.detail : '') })));
    $('events').hidden = false;
    $('events-title').tabIndex = -1;
    $('events-title').focus();
  } catch (e) {
    say(e.message, 'bad');
  }
}

async function open(id) {
  try {
    const result = await (await api('/v1/allocations/' + encodeURIComponent(id))).json();
    await showPlan(id, result);
  } catch (e) {
    say(e.message, 'bad');
  }
}

// ---- re-planning (contract 1.1) -------------------------------------------------------------------------------

// Solves the chosen request against a stored allocation: the service adds that allocation's plan as the previous plan.
async function replan(id) {
  if (!state.request || (state.check && state.check.errors.length)) {
    say('Choose a valid new request in step 1 first, then re-plan against this allocation.', 'bad');
    $('file').focus();
    return;
  }
  const request = Object.assign({}, state.request);
  delete request.previousPlan; // the service refuses one: it adds the stored allocation's own plan
  say('Re-planning against ' + id + '… (large requests take a while)');
  try {
    const response = await api('/v1/allocations/' + encodeURIComponent(id) + '/revisions',
      { method: 'POST', body: JSON.stringify(request), headers: { 'Content-Type': 'application/json' } });
    const body = await response.json();
    if (!response.ok) {
      if (!body.errors || !body.errors.length) throw new Error(body.detail || body.title);
      state.check.errors = body.errors.map(e => ({ path: e.path, message: e.message }));
      showCheck('The new request');
      return;
    }
    const revised = (response.headers.get('Location') || '').split('/').pop();
    const diff = await (await api('/v1/allocations/' + encodeURIComponent(id) + '/diff/' + encodeURIComponent(revised))).json();
    await showPlan(revised, body);
    await audit();
    showDiff(id, revised, diff, body.baseCurrency);
  } catch (e) {
    say(e.message, 'bad');
  }
}

function showDiff(before, after, diff, currency) {
  const rows = diff.allocations || [];
  $('changes-lead').textContent = 'From allocation ' + before + ' to the re-plan ' + after + ': '
    + (rows.length === 0 ? 'no money moved.' : rows.length + (rows.length === 1 ? ' row' : ' rows') + ' of money changed.');
  const s = diff.summary;
  $('changes-summary').replaceChildren(
    el('dt', { text: 'Value delivered' }), el('dd', { text: number(s.value.before, 1) + ' → ' + number(s.value.after, 1) }),
    el('dt', { text: 'Money committed' }), el('dd', { text: number(s.committed.before) + ' → ' + number(s.committed.after) + ' ' + currency }));
  $('diff').querySelector('tbody').replaceChildren(...rows.map(r => el('tr', {},
    el('td', { text: r.donor }), el('td', { class: 'num', text: String(r.tranche) }), el('td', { text: r.line }),
    el('td', { class: 'num', text: String(r.period) }), el('td', { class: 'num', text: number(r.before) }), el('td', { class: 'num', text: number(r.after) }))));
  $('diff').hidden = rows.length === 0;
  $('changes').hidden = false;
  $('h-changes').focus();
  say('Re-planned against ' + before + ': ' + rows.length + ' row(s) of money changed. The new plan is ' + after + '.', 'ok');
}

// ---- wiring -----------------------------------------------------------------------------------------------------

document.addEventListener('DOMContentLoaded', () => {
  if (sessionStorage.getItem(KEY)) $('api-key').value = sessionStorage.getItem(KEY);
  $('key-form').addEventListener('submit', event => {
    event.preventDefault();
    const key = $('api-key').value.trim();
    if (key) sessionStorage.setItem(KEY, key); else sessionStorage.removeItem(KEY);
    say(key ? 'The key will be sent with every call from this tab.' : 'No key.', 'ok');
  });
  $('forget-key').addEventListener('click', () => { sessionStorage.removeItem(KEY); $('api-key').value = ''; say('Key forgotten.'); });
  $('file').addEventListener('change', event => readFile(event.target.files[0]));
  const drop = $('drop');
  drop.addEventListener('dragover', event => { event.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', event => { event.preventDefault(); drop.classList.remove('over'); readFile(event.dataTransfer.files[0]); });
  $('example').addEventListener('click', async () => {
    try {
      const response = await api('/v1/examples/ukraine-2024');
      await check(new Uint8Array(await response.arrayBuffer()), 'The 2024 example');
    } catch (e) { say(e.message, 'bad'); }
  });
  $('template').addEventListener('click', () => download('/v1/workbooks/template', 'request-template.xlsx'));
  $('request-xlsx').addEventListener('click', async () => {
    try {
      const response = await api('/v1/workbooks/request', { method: 'POST', body: JSON.stringify(state.request), headers: { 'Content-Type': 'application/json' } });
      if (!response.ok) throw new Error('the request could not be converted');
      const url = URL.createObjectURL(await response.blob());
      const a = el('a', { href: url, download: 'request.xlsx' });
      document.body.append(a); a.click(); a.remove();
      say('Downloaded request.xlsx.', 'ok');
    } catch (e) { say(e.message, 'bad'); }
  });
  $('solve').addEventListener('click', solve);
  $('get-json').addEventListener('click', () => download('/v1/allocations/' + encodeURIComponent(state.id), 'plan-' + state.id + '.json'));
  $('get-xlsx').addEventListener('click', () => download('/v1/allocations/' + encodeURIComponent(state.id) + '/workbook', 'plan-' + state.id + '.xlsx'));
  $('get-html').addEventListener('click', () => download('/v1/allocations/' + encodeURIComponent(state.id) + '/report', 'plan-' + state.id + '.html'));
  $('audit-refresh').addEventListener('click', audit);
});
