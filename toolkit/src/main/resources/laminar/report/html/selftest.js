/* Opened with #selftest, the page checks itself and writes a JSON verdict into <pre id="selftest">: errors
   captured since the first script, every chart drawn, and for a run the heatmaps after moving the slider and a
   hover. The browser tests read the verdict back and compare the values shown with results.json. */
'use strict';

L.cells = function (kind, pairs) {
  if (!L.matrixCellsMode) { // bitmap mode: the values the image was painted from
    return pairs.map(function (ij) { return L.shownValues[kind](ij[0], ij[1]); });
  }
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
  verdict.hover = {expected: L.data.words[i].word + ' × ' + L.data.words[j].word};
  if (L.matrixCellsMode) {
    chart.dispatchAction({type: 'showTip', seriesIndex: 0, dataIndex: 0 * n + (n - 1)});
  } else { // the pointer over the top-right cell
    var p = chart.convertToPixel({gridIndex: 0}, [n - 1, 0]);
    chart.getZr().trigger('mousemove', {offsetX: p[0], offsetY: p[1], zrX: p[0], zrY: p[1]});
  }
  setTimeout(function () {
    var shown = Array.prototype.slice.call(chart.getDom().querySelectorAll('div'));
    shown.push(document.getElementById('matrix-hover'));
    var tip = shown.map(function (d) { return d.textContent; })
      .filter(function (t) { return t.indexOf('×') >= 0; });
    verdict.hover.shown = tip.length ? tip[tip.length - 1] : '';
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
  document.body.setAttribute('data-ready-ms', String(Math.round(performance.now())));
  if (location.hash === '#bench' && L.showLayer) { // benchmarks: the time one slider move takes, over 3 moves
    var M = L.data.matrices, t0 = performance.now();
    [0, M.layers.length - 1, 0].forEach(function (s) { L.showLayer(M.layers[s]); });
    document.body.setAttribute('data-switch-ms', String(Math.round((performance.now() - t0) / 3)));
  }
  if (location.hash === '#selftest') { // after the load event: the figures' images are then loaded (or failed)
    window.addEventListener('load', function () { setTimeout(L.selftest, 100); });
  }
};
L.main();
