// @ts-check
// The workitem detail panel's page script. It never builds markup from data: rows that arrive
// later are created element by element with textContent, the same structure the HTML renderer
// writes; a `patch` places sections the extension's renderer drew (and escaped), parsed in an inert
// document. Every sentence comes from the extension (the page's data-config or a message).
(function () {
  'use strict';

  // @ts-ignore: provided by the VS Code webview host
  const vscode = acquireVsCodeApi();

  /** @type {{workitemId: string, renderId: number, kind: string, timelineTotal: number, timelineShown: number, pageSize: number, locale: string, labels: Record<string, string>}} */
  const config = JSON.parse(document.body.getAttribute('data-config') || '{}');
  const labels = config.labels || {};

  /** @type {{workitemId?: string, scrollY?: number, timelineLoaded?: number}} */
  const saved = vscode.getState() || {};
  const sameWorkitem = saved.workitemId === config.workitemId;
  let timelineLoaded = config.timelineShown || 0;
  let pageRequested = false;
  /** The transcript's lines, to mark them again on a picture drawn anew. */
  let speech = [];
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let copiedTimer;

  function post(message) {
    vscode.postMessage(message);
  }

  function saveState() {
    vscode.setState({ workitemId: config.workitemId, tenant: config.tenant, scrollY: window.scrollY, timelineLoaded: timelineLoaded });
  }

  function byId(id) {
    return document.getElementById(id);
  }

  // Same set of characters the HTML renderer makes visible (src/webviews/html/escape.ts).
  const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200B\u200E\u200F\u202A-\u202E\u2028\u2029\u2060\u2066-\u2069\uFEFF]/g;

  /** Appends `text` to `parent` as text nodes, invisible characters as visible `U+XXXX` markers. */
  function appendText(parent, text, max) {
    let value = String(text);
    let truncated = false;
    if (value.length > max) {
      let end = max;
      const code = value.charCodeAt(end - 1);
      if (code >= 0xd800 && code <= 0xdbff) end -= 1;
      value = value.slice(0, end);
      truncated = true;
    }
    let last = 0;
    value.replace(INVISIBLE, function (char, offset) {
      if (offset > last) parent.appendChild(document.createTextNode(value.slice(last, offset)));
      const marker = document.createElement('span');
      marker.className = 'ctrl';
      marker.title = labels.invisible || '';
      marker.textContent = 'U+' + char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
      parent.appendChild(marker);
      last = offset + char.length;
      return char;
    });
    if (last < value.length) parent.appendChild(document.createTextNode(value.slice(last)));
    if (truncated) parent.appendChild(document.createTextNode('…'));
  }

  function cell(row, className) {
    const td = document.createElement('td');
    if (className) td.className = className;
    row.appendChild(td);
    return td;
  }

  /** One event row, as renderTimelineRow (src/webviews/detail/timelineSection.ts) writes it. */
  function buildTimelineRow(view) {
    const tr = document.createElement('tr');
    tr.setAttribute('data-key', String(view.key));
    const when = cell(tr, '');
    when.title = view.whenTitle;
    when.appendChild(document.createTextNode(view.when + ' '));
    const relative = document.createElement('span');
    relative.className = 'detail';
    relative.textContent = view.relative;
    when.appendChild(relative);
    const what = cell(tr, view.whatUnknown ? 'unknown' : '');
    if (view.whatUnknown) what.title = labels.unknownEvent || '';
    appendText(what, view.what, 200);
    const state = document.createElement('span');
    state.className = ['state-name', view.stateSource === 'inferred' ? 'inferred' : '', view.stateUnknown ? 'unknown' : '']
      .filter(Boolean)
      .join(' ');
    if (view.stateSource === 'inferred') state.title = labels.inferred || '';
    else if (view.stateUnknown) state.title = labels.unknownState || '';
    appendText(state, view.state, 100);
    cell(tr, '').appendChild(state);
    appendText(cell(tr, ''), view.who, 200);
    appendText(cell(tr, ''), view.detail, 500);
    cell(tr, 'num').textContent = view.gap;
    return tr;
  }

  function updateTimelineCount() {
    const count = byId('timeline-count');
    if (count && labels.showing) {
      count.textContent = labels.showing.replace('{0}', String(timelineLoaded)).replace('{1}', String(config.timelineTotal));
    }
    const older = byId('timeline-older');
    if (older) older.hidden = timelineLoaded >= config.timelineTotal;
  }

  function requestOlder(limit) {
    if (pageRequested || timelineLoaded >= config.timelineTotal) return;
    pageRequested = true;
    const older = byId('timeline-older');
    if (older) older.setAttribute('aria-busy', 'true');
    post({ type: 'timelinePage', offset: timelineLoaded, limit: Math.max(1, Math.min(limit, 500)) });
  }

  function onTimelinePage(message) {
    pageRequested = false;
    const older = byId('timeline-older');
    if (older) older.removeAttribute('aria-busy');
    // An answer for another offset belongs to an earlier request (e.g. before a re-render).
    if (message.offset !== timelineLoaded) return;
    const body = byId('timeline-rows');
    if (!body) return;
    const fragment = document.createDocumentFragment();
    for (const view of message.rows) fragment.appendChild(buildTimelineRow(view));
    body.appendChild(fragment);
    timelineLoaded += message.rows.length;
    config.timelineTotal = message.total;
    updateTimelineCount();
    saveState();
  }

  function setBusy(action, label) {
    for (const button of document.querySelectorAll('button.action')) {
      if (!(button instanceof HTMLButtonElement)) continue;
      if (!button.hasAttribute('data-label')) button.setAttribute('data-label', button.textContent || '');
      button.disabled = action !== null;
      const running = action !== null && button.getAttribute('data-action') === action;
      button.classList.toggle('running', running);
      button.textContent = running && label ? label : button.getAttribute('data-label');
    }
  }

  function showError(message, retryable) {
    const banner = byId('banner');
    const text = byId('banner-text');
    if (banner && text) {
      text.textContent = message;
      const retry = byId('banner-retry');
      if (retry) retry.hidden = !retryable;
      banner.hidden = false;
      return;
    }
    const pageText = byId('error-text');
    if (pageText) pageText.textContent = message;
  }

  /** A child element with text (never markup: every string here may be a server's). */
  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== '') node.textContent = text;
    return node;
  }

  function showJourney(message) {
    const body = byId('journey-body');
    if (!body) return;
    body.removeAttribute('data-deferred');
    body.textContent = '';
    const list = el('ol', 'journey-legs');
    message.legs.forEach(function (leg) {
      const item = el('li', 'journey-leg' + (leg.current ? ' current' : ''));
      const head = el('div', 'journey-head');
      const link = el('button', 'link', leg.workitemId);
      link.type = 'button';
      link.disabled = leg.current;
      link.setAttribute('data-command', 'openWorkitem');
      link.setAttribute('data-workitem', leg.workitemId);
      head.appendChild(link);
      head.appendChild(el('span', 'journey-meta', [leg.when, leg.type, leg.state, leg.queue, leg.agent].filter(Boolean).join(' · ')));
      item.appendChild(head);
      const axis = el('div', 'journey-axis');
      // A server's state names a class only when it is one plain word (no space to add classes with).
      const bar = el('div', 'journey-bar state-' + (/^[a-z]{1,40}$/.test(leg.state) ? leg.state : 'other'));
      bar.style.left = leg.leftPct + '%';
      bar.style.width = Math.min(leg.widthPct, 100 - leg.leftPct) + '%';
      bar.title = leg.workitemId + ' · ' + leg.state;
      axis.appendChild(bar);
      item.appendChild(axis);
      list.appendChild(item);
    });
    if (message.legs.length > 0) body.appendChild(list);
    if (message.message) body.appendChild(el('p', 'muted', message.message));
  }

  /** Each transcript line with a time becomes a tick on its speaker's lane of the timeline picture. */
  function markSpeech(lines) {
    const figure = byId('timeline-picture');
    const svg = byId('timeline-svg');
    if (!figure || !svg) return;
    const start = Number(figure.getAttribute('data-start'));
    const span = Number(svg.getAttribute('data-span-ms'));
    const width = Number(svg.getAttribute('data-width'));
    if (!(span > 0) || !(width > 0)) return;
    const ns = 'http://www.w3.org/2000/svg';
    lines.forEach(function (line) {
      if (typeof line.at !== 'number' || line.at < start || line.at > start + span) return;
      const lanes = svg.querySelectorAll(line.agent ? 'g.tl-lane[data-lane="agent"]' : 'g.tl-lane[data-lane="customer"]');
      let lane = null;
      lanes.forEach(function (candidate) {
        if (!lane && (!line.agent || candidate.getAttribute('data-id') === line.laneId)) lane = candidate;
      });
      if (!lane) return;
      const bar = lane.querySelector('rect');
      const y = bar ? Number(bar.getAttribute('y')) : 0;
      const height = bar ? Number(bar.getAttribute('height')) : 14;
      const x = String(Math.round(((line.at - start) / span) * width * 100) / 100);
      const tick = document.createElementNS(ns, 'line');
      tick.setAttribute('class', 'tl-mark tl-speech');
      tick.setAttribute('x1', x);
      tick.setAttribute('x2', x);
      tick.setAttribute('y1', String(y));
      tick.setAttribute('y2', String(y + height));
      const title = document.createElementNS(ns, 'title');
      title.textContent = line.speaker + ': ' + line.text;
      tick.appendChild(title);
      lane.appendChild(tick);
    });
  }

  function showTranscript(message) {
    const body = byId('transcript-body');
    if (!body) return;
    body.removeAttribute('data-deferred');
    body.textContent = '';
    if (message.summary) body.appendChild(el('p', 'transcript-summary', message.summary));
    message.recordings.forEach(function (recording) {
      const audio = document.createElement('audio');
      audio.controls = true;
      audio.preload = 'metadata';
      audio.className = 'recording';
      audio.setAttribute('aria-label', recording.id);
      audio.src = recording.src;
      body.appendChild(audio);
    });
    if (message.lines.length > 0) {
      const list = el('ol', 'transcript-lines');
      message.lines.forEach(function (line) {
        const item = el('li', 'transcript-line ' + (line.agent ? 'agent' : 'customer'));
        item.appendChild(el('span', 'transcript-when', line.when));
        item.appendChild(el('span', 'transcript-speaker', line.speaker));
        item.appendChild(el('span', 'transcript-text', line.text));
        list.appendChild(item);
      });
      body.appendChild(list);
    }
    if (message.voicemail) body.appendChild(el('p', 'transcript-voicemail', message.voicemail));
    speech = message.lines;
    markSpeech(speech);
    if (message.message) body.appendChild(el('p', 'muted', message.message));
  }

  function showCopied(status) {
    const copied = byId('copied');
    if (!copied) return;
    copied.textContent = status;
    if (copiedTimer !== undefined) clearTimeout(copiedTimer);
    copiedTimer = setTimeout(function () {
      copied.textContent = '';
    }, 2500);
  }

  window.addEventListener('message', function (event) {
    const message = event.data;
    if (!message || typeof message.type !== 'string') return;
    switch (message.type) {
      case 'update': {
        const status = byId('status-text');
        if (status) status.textContent = message.status;
        if (message.banner) {
          showError(message.banner.message, message.banner.retryable);
        } else {
          const banner = byId('banner');
          if (banner) banner.hidden = true;
        }
        break;
      }
      case 'busy':
        setBusy(message.action, message.label);
        break;
      case 'patch':
        applyPatch(message);
        break;
      case 'error':
        showError(message.message, message.retryable);
        break;
      case 'timelinePage':
        onTimelinePage(message);
        break;
      case 'journey':
        showJourney(message);
        break;
      case 'transcript':
        showTranscript(message);
        break;
      case 'rawJson': {
        const pre = byId('raw-json');
        if (pre) {
          pre.textContent = message.text;
          pre.removeAttribute('data-deferred');
        }
        break;
      }
      case 'copied':
        showCopied(message.status);
        break;
    }
  });

  document.addEventListener('click', function (event) {
    const origin = event.target instanceof Element ? event.target.closest('[data-command]') : null;
    if (!origin || (origin instanceof HTMLButtonElement && origin.disabled)) return;
    switch (origin.getAttribute('data-command')) {
      case 'runAction':
        post({ type: 'runAction', action: origin.getAttribute('data-action') });
        break;
      case 'refresh':
        post({ type: 'refresh' });
        break;
      case 'copyId':
        post({ type: 'copyId' });
        break;
      case 'copyLink':
        post({ type: 'copyLink' });
        break;
      case 'toggleWatch':
        post({ type: 'toggleWatch' });
        break;
      case 'allowActions':
        post({ type: 'allowActions' });
        break;
      case 'openWorkitem':
        post({ type: 'openWorkitem', workitemId: origin.getAttribute('data-workitem') });
        break;
      case 'copyJson':
        post({ type: 'copyJson' });
        break;
      case 'olderEvents':
        requestOlder(config.pageSize || 200);
        break;
    }
  });

  // Sections read only when opened: each asks once, the first time its details open. Listened to on
  // the document (toggle does not bubble, so in the capture phase), so a section drawn anew by a
  // patch asks again for its own content.
  const DEFERRED = {
    'journey-details': ['journey-body', 'journey'],
    'transcript-details': ['transcript-body', 'transcript'],
    'raw-details': ['raw-json', 'rawJson'],
  };
  document.addEventListener('toggle', function (event) {
    const details = event.target;
    if (!(details instanceof HTMLDetailsElement) || !details.open) return;
    const deferred = DEFERRED[details.id];
    const body = deferred ? byId(deferred[0]) : null;
    if (body && body.hasAttribute('data-deferred') && !body.hasAttribute('data-asked')) {
      body.setAttribute('data-asked', 'true');
      post({ type: deferred[1] });
    }
  }, true);

  let scrollTimer;
  window.addEventListener('scroll', function () {
    if (scrollTimer !== undefined) return;
    scrollTimer = setTimeout(function () {
      scrollTimer = undefined;
      saveState();
    }, 200);
  });

  window.addEventListener('error', function (event) {
    post({ type: 'scriptError', message: String(event.message || 'error').slice(0, 2000) });
  });

  // A re-render (the workitem changed) or a restore after reload keeps the reader's place.
  if (sameWorkitem) {
    if (typeof saved.scrollY === 'number') window.scrollTo(0, saved.scrollY);
    if (typeof saved.timelineLoaded === 'number' && saved.timelineLoaded > timelineLoaded) {
      requestOlder(saved.timelineLoaded - timelineLoaded);
    }
  }
  // The time in the current state ticks: each `data-live-ms` duration was right when the page was
  // rendered and grows by the time since. Formatted as formatDuration in src/model/format/time.ts
  // (two largest units, narrow); test/unit/webview/detailScript.browser.test.ts holds them equal.
  const DURATION_UNITS = [
    ['day', 86400000],
    ['hour', 3600000],
    ['minute', 60000],
    ['second', 1000],
  ];
  /** @type {Map<string, Intl.NumberFormat>} */
  const unitFormats = new Map();
  function unitFormat(unit) {
    let format = unitFormats.get(unit);
    if (!format) {
      try {
        format = new Intl.NumberFormat(config.locale || undefined, { style: 'unit', unit: unit, unitDisplay: 'narrow' });
      } catch (error) {
        format = new Intl.NumberFormat(undefined, { style: 'unit', unit: unit, unitDisplay: 'narrow' });
      }
      unitFormats.set(unit, format);
    }
    return format;
  }
  function formatDuration(ms) {
    const rest = Math.abs(Math.round(ms));
    if (rest < 1000) return unitFormat(rest === 0 ? 'second' : 'millisecond').format(rest === 0 ? 0 : rest);
    const majorIndex = DURATION_UNITS.findIndex(function (unit) { return rest >= unit[1]; });
    const major = DURATION_UNITS[majorIndex];
    const majorAmount = Math.floor(rest / major[1]);
    const parts = [unitFormat(major[0]).format(majorAmount)];
    const minor = DURATION_UNITS[majorIndex + 1];
    if (minor) {
      const minorAmount = Math.floor((rest - majorAmount * major[1]) / minor[1]);
      if (minorAmount > 0) parts.push(unitFormat(minor[0]).format(minorAmount));
    }
    return parts.join(' ');
  }
  /** Stamps each live duration under `root` with the time it was drawn, so it grows from then. */
  function stampLive(root) {
    const at = String(Date.now());
    root.querySelectorAll('[data-live-ms]').forEach(function (element) {
      element.setAttribute('data-live-at', at);
    });
  }
  function tickLiveDurations() {
    const now = Date.now();
    document.querySelectorAll('[data-live-ms]').forEach(function (element) {
      const base = Number(element.getAttribute('data-live-ms'));
      const at = Number(element.getAttribute('data-live-at'));
      if (Number.isFinite(base) && Number.isFinite(at)) element.textContent = formatDuration(base + now - at);
    });
  }
  stampLive(document);
  setInterval(tickLiveDurations, 1000);

  // A live picture keeps to the present: every second its drawing is rescaled so that its right
  // edge is now, and the bars still going reach it. Only attributes change, never the elements.
  /** @type {ReturnType<typeof setInterval> | undefined} */
  let growTimer;
  function growLivePicture() {
    if (growTimer !== undefined) clearInterval(growTimer);
    growTimer = undefined;
    const figure = document.getElementById('timeline-picture');
    const svg = document.getElementById('timeline-svg');
    if (!figure || !svg || figure.getAttribute('data-live') !== 'true') return;
    const width = Number(svg.getAttribute('data-width')) || 1000;
    const span = Number(svg.getAttribute('data-span-ms'));
    if (!(span > 0)) return;
    const drawnAt = Date.now();
    const shapes = Array.from(svg.querySelectorAll('rect.tl-bar, line.tl-mark')).map(function (element) {
      const line = element.localName === 'line';
      return {
        element: element,
        line: line,
        x: Number(element.getAttribute(line ? 'x1' : 'x')) || 0,
        width: line ? 0 : Number(element.getAttribute('width')) || 0,
        growing: element.getAttribute('data-growing') === 'true',
      };
    });
    growTimer = setInterval(function () {
      const scale = span / (span + (Date.now() - drawnAt));
      shapes.forEach(function (shape) {
        const x = (shape.x * scale).toFixed(2);
        if (shape.line) {
          shape.element.setAttribute('x1', x);
          shape.element.setAttribute('x2', x);
          return;
        }
        const grown = shape.growing ? width - shape.x * scale : shape.width * scale;
        shape.element.setAttribute('x', x);
        shape.element.setAttribute('width', Math.max(0.5, grown).toFixed(2));
      });
    }, 1000);
  }
  growLivePicture();

  // The timeline picture: wheel zooms around the pointer, drag pans, double-click resets. Only the
  // SVG's viewBox changes, so 10,000 events cost no more per frame than 10. The window (in the
  // drawing's units, which every picture shares) outlives a picture drawn anew by a patch.
  const zoom = { start: 0, span: 0 };
  function wireZoom() {
    const svg = document.getElementById('timeline-svg');
    if (!svg) return;
    const width = Number(svg.getAttribute('data-width')) || 1000;
    const labelWidth = Number(svg.getAttribute('data-label-width')) || 0;
    const box = (svg.getAttribute('viewBox') || '').split(' ').map(Number);
    const height = box[3] || 0;
    if (!(zoom.span > 0) || zoom.span > width) {
      zoom.start = 0;
      zoom.span = width;
    }
    function apply() {
      const labels = (labelWidth * zoom.span) / width;
      svg.setAttribute('viewBox', [zoom.start - labels, 0, zoom.span + labels, height].join(' '));
    }
    /** @param {number} clientX */
    function at(clientX) {
      const rect = svg.getBoundingClientRect();
      const fraction = (clientX - rect.left) / Math.max(1, rect.width);
      const labels = (labelWidth * zoom.span) / width;
      return zoom.start - labels + fraction * (zoom.span + labels);
    }
    if (zoom.span < width) apply();
    svg.addEventListener('wheel', function (event) {
      event.preventDefault();
      const pivot = at(event.clientX);
      const factor = event.deltaY < 0 ? 0.8 : 1.25;
      zoom.span = Math.min(width, Math.max(width / 10000, zoom.span * factor));
      zoom.start = Math.min(width - zoom.span, Math.max(0, pivot - (pivot - zoom.start) * factor));
      apply();
    }, { passive: false });
    let dragFrom = /** @type {number | undefined} */ (undefined);
    svg.addEventListener('pointerdown', function (event) {
      dragFrom = at(event.clientX);
      svg.setPointerCapture(event.pointerId);
    });
    svg.addEventListener('pointermove', function (event) {
      if (dragFrom === undefined) return;
      const now = at(event.clientX);
      zoom.start = Math.min(width - zoom.span, Math.max(0, zoom.start + (dragFrom - now)));
      apply();
    });
    svg.addEventListener('pointerup', function () {
      dragFrom = undefined;
    });
    svg.addEventListener('dblclick', function () {
      zoom.start = 0;
      zoom.span = width;
      apply();
    });
  }
  wireZoom();

  /** What identifies a focused control across a redraw of its section. */
  function focusKey(element) {
    if (!(element instanceof HTMLElement)) return null;
    if (element.id) return '#' + CSS.escape(element.id);
    const command = element.getAttribute('data-command');
    if (!command) return null;
    const action = element.getAttribute('data-action');
    return '[data-command="' + CSS.escape(command) + '"]' + (action ? '[data-action="' + CSS.escape(action) + '"]' : '');
  }

  /** A section drawn by the extension's renderer, parsed in an inert document (nothing in it runs). */
  function parseSection(markup) {
    const parsed = new DOMParser().parseFromString(markup, 'text/html');
    const node = parsed.body.firstElementChild;
    return node ? document.adoptNode(node) : null;
  }

  /** Puts `fresh` where `old` is, keeping which of its sections were open and the focused control. */
  function replaceSection(old, fresh) {
    const open = Array.from(old.querySelectorAll('details[open][id]')).map(function (details) {
      return details.id;
    });
    const focused = old.contains(document.activeElement) ? focusKey(document.activeElement) : null;
    old.replaceWith(fresh);
    open.forEach(function (id) {
      const details = fresh.querySelector('#' + CSS.escape(id));
      // Opening fires `toggle`, which asks again for a deferred section's content.
      if (details instanceof HTMLDetailsElement) details.open = true;
    });
    if (focused) {
      const target = fresh.querySelector(focused);
      if (target instanceof HTMLElement) target.focus({ preventScroll: true });
    }
  }

  /**
   * The workitem changed: the sections that changed are drawn anew in place, the others stay as the
   * reader left them (scroll, zoom, opened sections, older rows, a loaded transcript).
   */
  function applyPatch(message) {
    Object.assign(config, message.config);
    const main = document.querySelector('main');
    if (!main) return;
    const fresh = new Map();
    message.sections.forEach(function (section) {
      const node = parseSection(section.html);
      if (node && node.id === section.id) fresh.set(section.id, node);
    });
    fresh.forEach(function (node, id) {
      stampLive(node);
      const old = byId(id);
      if (old) replaceSection(old, node);
    });
    // Sections come and go (validation issues): `main` follows the order sent, keeping its nodes.
    const wanted = message.order.filter(function (id) {
      return id !== 'header';
    });
    Array.from(main.children).forEach(function (child) {
      if (wanted.indexOf(child.id) < 0) child.remove();
    });
    let cursor = main.firstElementChild;
    wanted.forEach(function (id) {
      const node = byId(id) || fresh.get(id);
      if (!node) return;
      if (node === cursor) {
        cursor = cursor.nextElementSibling;
        return;
      }
      main.insertBefore(node, cursor);
    });
    if (fresh.has('timeline')) {
      // The newest rows again, then as many older ones as the reader had loaded.
      const loaded = timelineLoaded;
      timelineLoaded = config.timelineShown || 0;
      pageRequested = false;
      if (loaded > timelineLoaded) requestOlder(loaded - timelineLoaded);
      growLivePicture();
      wireZoom();
      markSpeech(speech);
    }
    updateTimelineCount();
    saveState();
    post({ type: 'ready', renderId: config.renderId });
  }

  updateTimelineCount();
  saveState();
  post({ type: 'ready', renderId: config.renderId });
})();
