/* ICS Explorer boot script (classic script: works from file://, under a strict CSP, and in any host page).
 *
 * Decodes the embedded wasm, starts it with the async WebAssembly.instantiate path, and mounts the explorer
 * into #ics-explorer with the embedded dataset. Anything that goes wrong ends in a visible error panel built
 * with textContent, never a blank page. It computes nothing: all figures come from the Rust engine. */
(function () {
  'use strict';

  var root = document.getElementById('ics-explorer');
  if (!root) { return; }

  function showError(title, message, problems) {
    root.textContent = '';
    var panel = document.createElement('div');
    panel.className = 'ics-error';
    panel.setAttribute('role', 'alert');
    var h = document.createElement('h2');
    h.textContent = title;
    panel.appendChild(h);
    var p = document.createElement('p');
    p.textContent = message;
    panel.appendChild(p);
    if (problems && problems.length) {
      var ul = document.createElement('ul');
      for (var i = 0; i < problems.length && i < 50; i++) {
        var li = document.createElement('li');
        li.textContent = String(problems[i]);
        ul.appendChild(li);
      }
      panel.appendChild(ul);
    }
    var help = document.createElement('p');
    help.textContent = 'Try downloading ICS Explorer again. If the problem persists, report it with the message above.';
    panel.appendChild(help);
    root.appendChild(panel);
    root.setAttribute('data-state', 'error');
  }

  function base64ToBytes(b64) {
    var bin = atob(b64);
    var bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) { bytes[i] = bin.charCodeAt(i); }
    return bytes;
  }

  if (typeof IcsExplorerWasm === 'undefined' || typeof window.ICS_EXPLORER_WASM !== 'string') {
    showError('ICS Explorer could not start', 'Its program files (pkg/ics_explorer.js and pkg/ics_explorer_wasm.js) did not load.');
    return;
  }
  if (typeof window.ICS_EXPLORER_DATASET !== 'string') {
    showError('ICS Explorer could not start', 'Its dataset (www/data/dataset.js) did not load, or is damaged.');
    return;
  }
  if (typeof WebAssembly !== 'object') {
    showError('ICS Explorer could not start', 'This browser does not support WebAssembly. Use a current version of Edge, Chrome, Firefox or Safari.');
    return;
  }

  var bytes;
  try {
    bytes = base64ToBytes(window.ICS_EXPLORER_WASM);
  } catch (e) {
    showError('ICS Explorer could not start', 'Its program file pkg/ics_explorer_wasm.js is damaged (' + e.message + ').');
    return;
  }

  IcsExplorerWasm({ module_or_path: bytes }).then(function () {
    IcsExplorerWasm.mount(root, window.ICS_EXPLORER_DATASET, { hash: true });
    root.setAttribute('data-state', 'ready');
    if (window.performance && performance.mark) { performance.mark('ics-explorer:ready'); }
  }).catch(function (e) {
    var problems = e && e.problems ? e.problems : null;
    showError('ICS Explorer could not start', (e && e.message) ? e.message : String(e), problems);
  });
})();
