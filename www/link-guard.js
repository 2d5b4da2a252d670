/* ICS Explorer: index.html and embed.html carry their first view prerendered. Opened on a link to another view
 * (a hash of settings, #v=…&i=…), that first view would show the wrong figures until the engine draws the linked
 * one: this marks the page before it is painted, and app.css keeps the explorer hidden until it is ready. A
 * classic script in <head> (no inline script, so it works under a strict Content-Security-Policy). */
if (/=/.test(location.hash)) { document.documentElement.setAttribute('data-ics-linked', ''); }
