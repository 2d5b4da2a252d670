/* ICS Explorer iframe mode, inside the frame: tells the parent page how tall the content is, so the frame can
 * fit it (see embed-host.js). It sends only a number; the parent checks which window a message comes from.
 *
 * The height is the content's own (the bottom of the page body), not the document's scrollHeight: that can never
 * fall below the frame's height, so a frame sized by it could grow but never shrink. */
(function () {
  'use strict';
  if (window.parent === window || typeof ResizeObserver === 'undefined') { return; }
  var last = 0;
  function send() {
    var body = document.body;
    if (!body) { return; }
    var h = Math.ceil(body.getBoundingClientRect().bottom + (window.scrollY || 0) + (parseFloat(getComputedStyle(body).marginBottom) || 0));
    if (h !== last) {
      last = h;
      // The height is not sensitive, and from file:// or a CMS the parent's origin is unknown here: the parent
      // validates the sender instead.
      window.parent.postMessage({ type: 'ics-explorer:height', height: h }, '*');
    }
  }
  // The body's box follows its content (and the frame's width, which can reflow the content).
  new ResizeObserver(send).observe(document.body);
  send();
})();
