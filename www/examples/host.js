/* Example host-page script: records the events ICS Explorer emits, and uses its read-only API.
 * External (not inline) so the strict-CSP example can use it too. */
(function () {
  'use strict';
  var log = document.getElementById('events');
  function note(text) {
    if (!log) { return; }
    var li = document.createElement('li');
    li.textContent = text;
    log.appendChild(li);
  }
  ['ics-ready', 'ics-select', 'view-change', 'ics-error'].forEach(function (type) {
    document.addEventListener(type, function (e) {
      var d = e.detail || {};
      note((e.target.id || e.target.tagName.toLowerCase()) + ' ' + type + (d.code !== undefined ? ' ' + d.code : '') + (d.hash !== undefined ? ' ' + d.hash : ''));
    });
  });
  // The API: once an explorer is ready, ask its engine a question and show the answer in the host page.
  var out = document.getElementById('answer');
  var el = document.querySelector('ics-explorer[data-ask]');
  if (el && out) {
    el.addEventListener('ics-ready', function () {
      var r = el.query({ indicator: el.getAttribute('data-ask'), period: 'latest' });
      var max = r.comparison.summary.max;
      var names = el.icss();
      out.textContent = 'Highest: ' + names[max[0]].short_name + ' (' + max[1].toFixed(1) + ')';
    });
  }
})();
