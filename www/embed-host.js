/* ICS Explorer iframe mode, in the host page: sizes every <iframe data-ics-explorer> to its content.
 *
 * Only a message whose sender is that frame's own window is believed (event.source is set by the browser and
 * cannot be forged), and only while the frame still shows a page of the origin its src names, so a frame that
 * navigated elsewhere cannot resize itself either. From file://, browsers give every page an opaque origin
 * ('null'; some say 'file://'), so there the window check is what protects: a frame whose src is a file: URL is
 * believed when its messages come from its own window with an opaque or file origin. Whatever the message, the
 * most it can do is set that one frame's height within 200 to 20,000 pixels. */
(function () {
  'use strict';
  if (window.IcsExplorerFrames) { return; }
  function frames() { return Array.prototype.slice.call(document.querySelectorAll('iframe[data-ics-explorer]')); }
  function trusted(frame, origin) {
    var url;
    try { url = new URL(frame.src, location.href); } catch (e) { return false; }
    if (url.protocol === 'file:') { return origin === 'null' || origin === 'file://'; }
    return url.origin === origin;
  }
  window.addEventListener('message', function (event) {
    var msg = event.data;
    if (!msg || msg.type !== 'ics-explorer:height' || typeof msg.height !== 'number' || !isFinite(msg.height)) { return; }
    var frame = frames().filter(function (f) { return f.contentWindow === event.source; })[0];
    if (!frame || !trusted(frame, event.origin)) { return; }
    var h = Math.max(200, Math.min(20000, Math.round(msg.height)));
    // CSSOM, not a style attribute: allowed under a strict Content-Security-Policy. The frame's border and
    // padding are added, so the content fits exactly.
    var cs = getComputedStyle(frame);
    var extra = cs.boxSizing === 'border-box' ? (parseFloat(cs.borderTopWidth) || 0) + (parseFloat(cs.borderBottomWidth) || 0) + (parseFloat(cs.paddingTop) || 0) + (parseFloat(cs.paddingBottom) || 0) : 0;
    frame.style.height = (h + extra) + 'px';
    frame.setAttribute('data-height', String(h));
  });
  window.IcsExplorerFrames = { refresh: frames };
})();
