// @ts-check
// The results table's page script. A virtualized grid: a spacer as tall as every match, and only
// the rows in view as elements. It asks the extension for exactly the rows it is about to show
// and keeps a bounded window of rows it already got. Text goes in with textContent, never markup.
(function () {
  'use strict';

  // @ts-ignore: provided by the VS Code webview host
  const vscode = acquireVsCodeApi();
  const config = JSON.parse(document.body.getAttribute('data-config') || '{}');
  const labels = config.labels || {};
  const ROW_HEIGHT = 24;
  const MAX_KEPT = 2000;
  const MAX_REQUEST = 200;

  let generation = 0;
  let total = 0;
  /** @type {string[]} */
  let columns = [];
  /** @type {{column: string, direction: string} | null} */
  let sort = null;
  /** @type {Map<number, {id: string, cells: string[]}>} */
  let rows = new Map();
  /** @type {Set<number>} rows asked for and not yet answered */
  let pending = new Set();
  let selected = 0;
  let requestTimer = 0;

  const toolbar = /** @type {HTMLElement} */ (document.getElementById('toolbar'));
  const status = /** @type {HTMLElement} */ (document.getElementById('status'));
  const table = /** @type {HTMLElement} */ (document.getElementById('table'));

  function post(message) {
    vscode.postMessage(message);
  }

  window.addEventListener('error', (event) => post({ type: 'scriptError', message: String(event.message).slice(0, 2000) }));

  function button(text, type) {
    const element = document.createElement('button');
    element.textContent = text;
    element.addEventListener('click', () => post({ type }));
    toolbar.appendChild(element);
  }
  button(labels.columns || 'Columns', 'chooseColumns');
  button(labels.export || 'Export', 'export');
  button(labels.curl || 'Copy as cURL', 'copyCurl');

  const header = document.createElement('div');
  header.className = 'header';
  header.setAttribute('role', 'row');
  const viewport = document.createElement('div');
  viewport.className = 'viewport';
  viewport.tabIndex = 0;
  viewport.setAttribute('role', 'grid');
  viewport.setAttribute('aria-label', labels.table || 'Results');
  const spacer = document.createElement('div');
  spacer.className = 'spacer';
  viewport.appendChild(spacer);
  table.appendChild(header);
  table.appendChild(viewport);

  function gridTemplate() {
    return columns.map(() => 'minmax(8em, 1fr)').join(' ');
  }

  function renderHeader() {
    header.textContent = '';
    header.style.gridTemplateColumns = gridTemplate();
    for (const column of columns) {
      const cell = document.createElement('button');
      cell.className = 'column';
      cell.setAttribute('role', 'columnheader');
      const arrow = sort && sort.column === column ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : '';
      cell.textContent = column + arrow;
      cell.setAttribute('aria-sort', sort && sort.column === column ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none');
      cell.addEventListener('click', () => post({ type: 'sort', column }));
      header.appendChild(cell);
    }
  }

  function visibleRange() {
    const first = Math.max(0, Math.floor(viewport.scrollTop / ROW_HEIGHT));
    const count = Math.min(MAX_REQUEST, Math.ceil(viewport.clientHeight / ROW_HEIGHT) + 1, Math.max(0, total - first));
    return { first, count };
  }

  function requestMissing() {
    const { first, count } = visibleRange();
    let start = -1;
    let length = 0;
    for (let index = first; index < first + count; index += 1) {
      const missing = !rows.has(index) && !pending.has(index);
      if (missing && start === -1) {
        start = index;
      }
      if (missing) {
        length = index - start + 1;
      }
    }
    if (start !== -1) {
      for (let index = start; index < start + length; index += 1) pending.add(index);
      post({ type: 'range', generation, start, count: length });
    }
  }

  function render() {
    const { first, count } = visibleRange();
    for (const element of Array.from(viewport.querySelectorAll('.row'))) element.remove();
    for (let index = first; index < first + count; index += 1) {
      const row = rows.get(index);
      const element = document.createElement('div');
      element.className = 'row' + (index === selected ? ' selected' : '');
      element.setAttribute('role', 'row');
      element.setAttribute('aria-rowindex', String(index + 1));
      element.style.top = index * ROW_HEIGHT + 'px';
      element.style.gridTemplateColumns = gridTemplate();
      if (row) {
        for (const text of row.cells) {
          const cell = document.createElement('div');
          cell.className = 'cell';
          cell.setAttribute('role', 'gridcell');
          cell.textContent = text;
          cell.title = text;
          element.appendChild(cell);
        }
        element.addEventListener('click', () => select(index));
        element.addEventListener('dblclick', () => post({ type: 'open', workitemId: row.id }));
      } else {
        element.textContent = labels.loading || '…';
        element.classList.add('loading');
      }
      viewport.appendChild(element);
    }
    const current = rows.get(selected);
    viewport.setAttribute('aria-activedescendant', '');
    if (current) viewport.setAttribute('aria-label', (labels.table || '') + ': ' + current.id);
  }

  function schedule() {
    render();
    clearTimeout(requestTimer);
    requestTimer = setTimeout(requestMissing, 40);
  }

  function select(index) {
    selected = Math.max(0, Math.min(total - 1, index));
    const top = selected * ROW_HEIGHT;
    if (top < viewport.scrollTop) viewport.scrollTop = top;
    else if (top + ROW_HEIGHT > viewport.scrollTop + viewport.clientHeight) viewport.scrollTop = top + ROW_HEIGHT - viewport.clientHeight;
    schedule();
  }

  viewport.addEventListener('scroll', schedule);
  window.addEventListener('resize', schedule);
  viewport.addEventListener('keydown', (event) => {
    const page = Math.max(1, Math.floor(viewport.clientHeight / ROW_HEIGHT) - 1);
    const moves = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
    if (event.key in moves) {
      select(selected + moves[event.key]);
    } else if (event.key === 'Home') {
      select(0);
    } else if (event.key === 'End') {
      select(total - 1);
    } else if (event.key === 'Enter') {
      const row = rows.get(selected);
      if (row) post({ type: 'open', workitemId: row.id });
    } else {
      return;
    }
    event.preventDefault();
  });

  function trim() {
    if (rows.size <= MAX_KEPT) return;
    const { first } = visibleRange();
    for (const index of Array.from(rows.keys())) {
      if (Math.abs(index - first) > MAX_KEPT / 2) rows.delete(index);
    }
  }

  window.addEventListener('message', (event) => {
    const message = event.data;
    if (!message || typeof message !== 'object' || typeof message.type !== 'string') return;
    if (message.type === 'reset' && Number.isInteger(message.generation) && Array.isArray(message.columns)) {
      generation = message.generation;
      total = Number(message.total) || 0;
      columns = message.columns.map(String);
      sort = message.sort && typeof message.sort.column === 'string' ? message.sort : null;
      rows = new Map();
      pending = new Set();
      selected = 0;
      status.textContent = String(message.status || '');
      spacer.style.height = total * ROW_HEIGHT + 'px';
      viewport.scrollTop = 0;
      renderHeader();
      schedule();
    } else if (message.type === 'rows' && message.generation === generation && Array.isArray(message.cells) && Array.isArray(message.ids)) {
      message.cells.forEach((cells, offset) => {
        const index = message.start + offset;
        pending.delete(index);
        if (Array.isArray(cells)) rows.set(index, { id: String(message.ids[offset]), cells: cells.map(String) });
      });
      trim();
      render();
    } else if (message.type === 'error' && message.generation === generation) {
      pending = new Set();
      status.textContent = String(message.message || '');
    }
  });

  post({ type: 'ready' });
})();
