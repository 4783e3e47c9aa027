// Fills the draggable bookmarklet link from dist/bookmarklet.txt, and wires "Try it here",
// which runs the same bookmarklet file on this page (a second click removes it again).
(function () {
  var link = document.getElementById('bookmarklet');
  if (link) {
    fetch('/dist/bookmarklet.txt')
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.text(); })
      .then(function (url) { link.href = url.trim(); })
      .catch(function () {
        link.removeAttribute('href');
        link.textContent = 'whosaid (run npm start to build the bookmarklet)';
      });
    link.addEventListener('click', function (e) {
      // Clicking the link on this page behaves like the bookmark would.
      e.preventDefault();
      run();
    });
  }
  function run() {
    var s = document.createElement('script');
    s.src = '/dist/whosaid-bookmarklet.js';
    s.onload = function () { s.remove(); };
    document.body.appendChild(s);
  }
  var button = document.getElementById('try');
  if (button) button.addEventListener('click', run);
})();
