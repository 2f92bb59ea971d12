// propensity serve: re-slices the page without a reload. The server renders every part (escaped) and this
// script only swaps #view for /fragment?<the form's query> and puts the query in the address bar.
(function () {
  'use strict';
  var form = document.getElementById('filters');
  var view = document.getElementById('view');
  var error = document.getElementById('error');
  if (!form || !view || !window.fetch) {
    return;
  }
  var timer = null;
  var seq = 0;

  function query() {
    var p = new URLSearchParams();
    new FormData(form).forEach(function (v, k) {
      if (String(v).trim() !== '') {
        p.append(k, v);
      }
    });
    return p.toString();
  }

  function refresh() {
    var q = query();
    var mine = ++seq;
    view.setAttribute('aria-busy', 'true');
    fetch('/fragment' + (q ? '?' + q : ''), {credentials: 'same-origin', headers: {'Accept': 'text/html'}})
      .then(function (r) {
        return r.text().then(function (body) {
          return {ok: r.ok, body: body};
        });
      })
      .then(function (r) {
        if (mine !== seq) {
          return;
        }
        view.removeAttribute('aria-busy');
        if (r.ok) {
          error.textContent = '';
          view.innerHTML = r.body;
          history.replaceState(null, '', q ? '?' + q : location.pathname);
        } else {
          var message = r.body;
          try {
            var j = JSON.parse(r.body);
            message = j.error + (j.detail ? ': ' + j.detail : '');
          } catch (e) {
            // not JSON: show the text as it is
          }
          error.textContent = message;
        }
      })
      .catch(function (e) {
        view.removeAttribute('aria-busy');
        error.textContent = 'The server did not answer: ' + e;
      });
  }

  function later() {
    clearTimeout(timer);
    timer = setTimeout(refresh, 150);
  }

  form.addEventListener('change', later);
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    refresh();
  });
})();
