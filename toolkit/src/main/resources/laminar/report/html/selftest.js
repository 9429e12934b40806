/* Opened with #selftest, the page checks itself and writes a JSON verdict into <pre id="selftest">: errors
   captured since the first script, every chart drawn, and for a run the heatmaps after moving the slider and a
   hover. The browser tests read the verdict back and compare the values shown with results.json. */
'use strict';

L.cells = function (kind, pairs) {
  var data = L.matrixCharts[kind].getOption().series[0].data, n = L.data.words.length, pos = {};
  L.matrixOrder.forEach(function (w, p) { pos[w] = p; });
  return pairs.map(function (ij) { return data[pos[ij[0]] * n + pos[ij[1]]][2]; });
};

L.selftest = function () {
  var verdict = {kind: L.data.kind, charts: {}, errors: []};
  document.querySelectorAll('[data-chart]').forEach(function (el) {
    var c = echarts.getInstanceByDom(el);
    verdict.charts[el.id] = !!c && !!el.querySelector('canvas') && c.getOption().series.length > 0;
  });
  var finish = function () {
    var imgs = Array.prototype.slice.call(document.querySelectorAll('#figures img'));
    verdict.images = {total: imgs.length, loaded: imgs.filter(function (i) { return i.complete && i.naturalWidth > 0; }).length};
    verdict.errors = window.laminarErrors.slice();
    document.getElementById('selftest').textContent = JSON.stringify(verdict);
  };
  var M = L.data.matrices;
  if (!L.matrixCharts || !M || !M.layers.length) { finish(); return; }
  var n = L.data.words.length, pairs = [];
  for (var t = 0; t < Math.min(n, 6); t++) { pairs.push([t, (t * 7 + 3) % n]); }
  pairs.push([0, n - 1]);
  verdict.pairs = pairs;
  verdict.layers = {};
  var slider = document.getElementById('layer');
  var probe = M.layers.length > 1 ? [M.layers.length - 1, 0, M.layers.indexOf(M.shown)] : [0];
  probe.forEach(function (s) {
    slider.value = String(s);
    slider.dispatchEvent(new Event('input'));
    var layer = M.layers[s];
    verdict.layers[String(layer)] = {shown: L.shownLayer, label: document.getElementById('layer-value').textContent,
      q: L.cells('q', pairs), k: L.cells('k', pairs), v: L.cells('v', pairs)};
  });
  var chart = L.matrixCharts.q, order = L.matrixOrder;
  var i = order[0], j = order[n - 1];
  chart.dispatchAction({type: 'showTip', seriesIndex: 0, dataIndex: 0 * n + (n - 1)});
  setTimeout(function () {
    var tip = Array.prototype.map.call(chart.getDom().querySelectorAll('div'), function (d) { return d.textContent; })
      .filter(function (t) { return t.indexOf('×') >= 0; });
    verdict.hover = {expected: L.data.words[i].word + ' × ' + L.data.words[j].word, shown: tip.length ? tip[tip.length - 1] : ''};
    finish();
  }, 300);
};

L.main = function () {
  L.header();
  L.notes();
  L.profiles();
  L.matrices();
  L.figures();
  L.runInfo();
  L.files();
  if (location.hash === '#selftest') { // after the load event: the figures' images are then loaded (or failed)
    window.addEventListener('load', function () { setTimeout(L.selftest, 100); });
  }
};
L.main();
