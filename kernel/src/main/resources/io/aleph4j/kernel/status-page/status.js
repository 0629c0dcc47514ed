// The aleph4j status page: follows /api/ws0/status (the reference's 33 pyaleph_* fields, then aleph4j_* figures)
// and reads /aleph4j/status for the node and its plugins. Every figure is an element whose data-key is its path in
// that JSON ("pyaleph_status_sync_messages_total", "aleph4j_messages_by_status.processed"). Values are only ever
// written with textContent: message fields are data, never markup.
'use strict';

(() => {
  const MISSING = '–';
  const RECONNECT_FIRST_MS = 1000;
  const RECONNECT_MAX_MS = 30000;
  const RECENT_COLUMNS = [
    ['time', time => (typeof time === 'number'
      ? new Date(time * 1000).toISOString().replace('T', ' ').replace(/\.\d+Z$/, '') : MISSING)],
    ['type', text],
    ['status', text],
    ['chain', text],
    ['item_hash', text],
    ['sender', text],
    ['channel', text],
  ];
  const PLUGIN_COLUMNS = ['id', 'version', 'source', 'extensions', 'contributions'];

  let reconnectDelay = RECONNECT_FIRST_MS;
  let updates = 0;

  /** The value at a dotted path of data; undefined when the path is not there. */
  function valueAt(data, path) {
    let value = data;
    for (const part of path.split('.')) {
      if (value === null || typeof value !== 'object' || !Object.prototype.hasOwnProperty.call(value, part)) {
        return undefined;
      }
      value = value[part];
    }
    return value;
  }

  function text(value) {
    if (value === null || value === undefined) {
      return MISSING;
    }
    if (Array.isArray(value)) {
      return value.length === 0 ? MISSING : value.map(String).join(', ');
    }
    if (typeof value === 'object') {
      return JSON.stringify(value);
    }
    return String(value);
  }

  /** Writes every [data-key] element that data has a value for, and shows or hides [data-when] elements. */
  function fill(data) {
    for (const element of document.querySelectorAll('[data-key]')) {
      const value = valueAt(data, element.dataset.key);
      if (value !== undefined) {
        element.textContent = text(value);
      }
    }
    for (const element of document.querySelectorAll('[data-when]')) {
      const value = valueAt(data, element.dataset.when);
      if (value !== undefined) {
        element.hidden = value === null;
      }
    }
  }

  function row(header, key) {
    const tr = document.createElement('tr');
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = header;
    const td = document.createElement('td');
    td.dataset.key = key;
    td.textContent = MISSING;
    tr.append(th, td);
    return tr;
  }

  /** Adds a row to a table body for each name of an object that has none yet (a status or type added later). */
  function ensureRows(body, object) {
    if (!body || object === null || typeof object !== 'object') {
      return;
    }
    for (const name of Object.keys(object)) {
      const key = body.dataset.prefix + '.' + name;
      if (!hasKey(key)) {
        body.append(row(name, key));
      }
    }
  }

  function hasKey(key) {
    for (const element of document.querySelectorAll('[data-key]')) {
      if (element.dataset.key === key) {
        return true;
      }
    }
    return false;
  }

  /** The reference's figures this page does not show elsewhere, under "Other metrics". */
  function ensureMetricRows(data) {
    const body = document.getElementById('more-metrics');
    for (const [name, value] of Object.entries(data)) {
      if (name.startsWith('pyaleph_') && (value === null || typeof value !== 'object') && !hasKey(name)) {
        body.append(row(name, name));
      }
    }
  }

  function renderRecent(messages) {
    if (!Array.isArray(messages)) {
      return;
    }
    const body = document.getElementById('recent-messages');
    const rows = messages.map((message, index) => {
      const tr = document.createElement('tr');
      tr.dataset.itemHash = text(message.item_hash);
      for (const [field, format] of RECENT_COLUMNS) {
        const td = document.createElement('td');
        td.className = field;
        td.dataset.key = `aleph4j_recent_messages.${index}.${field}`;
        td.textContent = format(message[field]);
        if (field === 'item_hash' || field === 'sender') {
          td.title = td.textContent;
        }
        tr.append(td);
      }
      return tr;
    });
    if (rows.length === 0) {
      body.replaceChildren(emptyRow('no messages yet', RECENT_COLUMNS.length));
    } else {
      body.replaceChildren(...rows);
    }
  }

  function emptyRow(message, columns) {
    const tr = document.createElement('tr');
    tr.className = 'empty';
    const td = document.createElement('td');
    td.colSpan = columns;
    td.textContent = message;
    tr.append(td);
    return tr;
  }

  function renderProgress(element, done, total) {
    if (element && typeof done === 'number' && typeof total === 'number' && total > 0) {
      element.value = Math.max(0, Math.min(100, 100 * done / total));
    }
  }

  function render(data) {
    ensureRows(document.getElementById('messages-by-status'), data.aleph4j_messages_by_status);
    ensureRows(document.getElementById('messages-by-type'), data.aleph4j_messages_by_type);
    ensureMetricRows(data);
    fill(data);
    renderRecent(data.aleph4j_recent_messages);
    renderProgress(document.querySelector('progress[data-ratio="sync_messages"]'),
      data.pyaleph_status_sync_messages_total, data.pyaleph_status_sync_messages_reference_total);
    renderProgress(document.querySelector('progress[data-ratio="chain_eth"]'),
      data.pyaleph_status_chain_eth_last_committed_height, data.pyaleph_status_chain_eth_height_reference_total);
    updates += 1;
    document.body.dataset.updates = String(updates);
    document.getElementById('updated').textContent = new Date().toLocaleTimeString();
  }

  /** The node and its plugins, from /aleph4j/status. */
  function renderNode(status) {
    const plugins = Array.isArray(status.plugins) ? status.plugins : [];
    const byId = {};
    const body = document.getElementById('plugins');
    const rows = plugins.map(plugin => {
      const id = text(plugin.id);
      // Each extension by its own name, which may say how it works (e.g. which secp256k1 library verifies).
      const contributions = Array.isArray(plugin.contributions)
        ? plugin.contributions.map(c => `${c.point}: ${c.name}`) : [];
      byId[id] = {...plugin, contributions};
      const tr = document.createElement('tr');
      tr.dataset.plugin = id;
      for (const column of PLUGIN_COLUMNS) {
        const td = document.createElement('td');
        td.dataset.key = `aleph4j_plugins.${id}.${column}`;
        tr.append(td);
      }
      return tr;
    });
    if (rows.length === 0) {
      body.replaceChildren(emptyRow('no plugins', PLUGIN_COLUMNS.length));
    } else {
      body.replaceChildren(...rows);
    }
    fill({
      aleph4j_node: {name: status.name, state: status.state, plugin_api_version: status.pluginApiVersion},
      aleph4j_plugins: byId,
    });
  }

  async function loadNode() {
    const response = await fetch('/aleph4j/status', {cache: 'no-store'});
    if (!response.ok) {
      throw new Error(`/aleph4j/status answered ${response.status}`);
    }
    renderNode(await response.json());
  }

  function setConnection(state, label) {
    const element = document.getElementById('connection');
    element.dataset.state = state;
    element.textContent = label;
    document.body.dataset.connection = state;
  }

  function connect() {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(`${scheme}//${location.host}/api/ws0/status`);
    socket.addEventListener('open', () => {
      reconnectDelay = RECONNECT_FIRST_MS;
      setConnection('live', 'live');
      loadNode().catch(error => console.warn('could not read the node status', error));
    });
    socket.addEventListener('message', event => {
      let data;
      try {
        data = JSON.parse(event.data);
      } catch (error) {
        console.warn('the status push is not JSON', error);
        return;
      }
      if (data !== null && typeof data === 'object') {
        render(data);
      }
    });
    socket.addEventListener('close', () => {
      const seconds = Math.round(reconnectDelay / 1000);
      setConnection('reconnecting', `disconnected, retrying in ${seconds} s`);
      setTimeout(connect, reconnectDelay);
      reconnectDelay = Math.min(reconnectDelay * 2, RECONNECT_MAX_MS);
    });
    socket.addEventListener('error', () => socket.close());
  }

  connect();
})();
