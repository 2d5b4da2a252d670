/* ICS Explorer iframe mode, inside the frame: tells the parent page how tall the content is, so the frame can
 * fit it (see embed-host.js). It sends only a number; the parent checks where messages come from. */
(function () {
  'use strict';
  if (window.parent === window || typeof ResizeObserver === 'undefined') { return; }
  var last = 0;
  function send() {
    var h = Math.ceil(document.documentElement.scrollHeight);
    if (h !== last) {
      last = h;
      // The height is not sensitive, and from file:// or a CMS the parent's origin is unknown here: the parent
      // validates the sender instead (origin and window).
      window.parent.postMessage({ type: 'ics-explorer:height', height: h }, '*');
    }
  }
  new ResizeObserver(send).observe(document.documentElement);
  send();
})();
