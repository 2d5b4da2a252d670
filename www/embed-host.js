/* ICS Explorer iframe mode, in the host page: sizes every <iframe data-ics-explorer> to its content.
 * Only messages from that frame's own window and origin are believed; anything else is ignored. */
(function () {
  'use strict';
  if (window.IcsExplorerFrames) { return; }
  function frames() { return Array.prototype.slice.call(document.querySelectorAll('iframe[data-ics-explorer]')); }
  function originOf(frame) {
    try { return new URL(frame.src, location.href).origin; } catch (e) { return null; }
  }
  window.addEventListener('message', function (event) {
    var msg = event.data;
    if (!msg || msg.type !== 'ics-explorer:height' || typeof msg.height !== 'number' || !isFinite(msg.height)) { return; }
    var frame = frames().filter(function (f) { return f.contentWindow === event.source; })[0];
    if (!frame || originOf(frame) !== event.origin) { return; }
    var h = Math.max(200, Math.min(20000, Math.round(msg.height)));
    // CSSOM, not a style attribute: allowed under a strict Content-Security-Policy.
    frame.style.height = h + 'px';
    frame.setAttribute('data-height', String(h));
  });
  window.IcsExplorerFrames = { refresh: frames };
})();
