/* laminar report of one run: the run's facts and the layer slider over the Q, K, V similarity matrices. */
'use strict';

L.runInfo = function () {
  var run = L.data.run, root = document.getElementById('run');
  var facts = {'command line': run.command_line, model: run.model, template: run.template, words: L.data.words.length,
    layers: run.n_layers, options: run.options, versions: run.versions};
  root.appendChild(L.keyValues(facts));
  root.appendChild(L.details('Seconds per stage', L.keyValues(run.seconds), true));
  root.appendChild(L.details('Model configuration', L.keyValues(run.model_config), false));
  var rows = L.data.words.map(function (w, i) {
    return {cls: w.multi_token ? 'multi' : '', cells: [i, w.category, w.word, w.tokens.join(' '),
      w.multi_token ? 'more than one token' : '']};
  });
  root.appendChild(L.details('Words and their sentence tokens (' + L.data.words.length + ')',
    L.table(rows, ['#', 'category', 'word', 'token ids of the sentence', '']), L.data.words.length <= 60));
};

/* Display order: by category (stable), and each category's first and last display position. */
L.order = function () {
  var words = L.data.words, idx = words.map(function (w, i) { return i; });
  var cats = [];
  words.forEach(function (w) { if (cats.indexOf(w.category) < 0) { cats.push(w.category); } });
  var grouped = true;
  for (var i = 1; i < words.length; i++) {
    if (words[i].category !== words[i - 1].category && cats.indexOf(words[i].category) < cats.indexOf(words[i - 1].category)) { grouped = false; }
  }
  if (!grouped) { cats.sort(); }
  idx.sort(function (a, b) { return cats.indexOf(words[a].category) - cats.indexOf(words[b].category) || a - b; });
  var blocks = [];
  idx.forEach(function (w, pos) {
    var last = blocks[blocks.length - 1];
    if (last && last.category === words[w].category) { last.end = pos; } else { blocks.push({category: words[w].category, start: pos, end: pos}); }
  });
  return {order: idx, blocks: blocks};
};

/* One quantised matrix: the upper triangle (with the diagonal), row by row, as 8- or 16-bit codes over [min, max]. */
L.decode = function (m, n) {
  var bin = atob(m.data), bits = L.data.matrices.bits, count = n * (n + 1) / 2;
  var codes = new Float64Array(count), scale = (m.max - m.min) / (bits === 16 ? 65535 : 255);
  for (var t = 0; t < count; t++) {
    var c = bits === 16 ? (bin.charCodeAt(2 * t) | (bin.charCodeAt(2 * t + 1) << 8)) : bin.charCodeAt(t);
    codes[t] = m.min + c * scale;
  }
  return function (i, j) {
    if (i > j) { var s = i; i = j; j = s; }
    return codes[i * n - i * (i - 1) / 2 + (j - i)];
  };
};

/* A category's block on the diagonal, outlined: from its first cell's corner to its last cell's. */
L.outlineBlock = function (params, api) {
  var cell = api.size([1, 1]), a = api.coord([api.value(0), api.value(0)]), b = api.coord([api.value(1), api.value(1)]);
  return {type: 'rect', shape: {x: a[0] - cell[0] / 2, y: a[1] - cell[1] / 2, width: b[0] - a[0] + cell[0],
    height: b[1] - a[1] + cell[1]}, style: {fill: null, stroke: '#00e5ff', lineWidth: 1.5}};
};

L.matrices = function () {
  var M = L.data.matrices, section = document.getElementById('matrices-section');
  if (!M || !M.layers.length) { section.style.display = 'none'; return; }
  var words = L.data.words, n = words.length, layout = L.order();
  var labels = layout.order.map(function (w) { return String(w); });
  var slider = document.getElementById('layer'), output = document.getElementById('layer-value');
  document.getElementById('matrices-note').textContent = M.note || '';
  slider.min = 0; slider.max = M.layers.length - 1;
  slider.value = Math.max(0, M.layers.indexOf(M.shown));
  if (M.layers.length === 1) { slider.disabled = true; }
  var root = document.getElementById('matrices'), charts = {};
  var outline = layout.blocks.map(function (b) { return [b.start, b.end]; });
  var showLabels = n <= 60;
  ['q', 'k', 'v'].forEach(function (kind) {
    var c = L.chart(root, 'matrix-' + kind, 'matrix');
    charts[kind] = c;
    c.setOption({
      animation: false,
      title: {left: 'center', textStyle: {fontSize: 13}},
      tooltip: {formatter: function (p) {
        var i = Number(labels[p.value[1]]), j = Number(labels[p.value[0]]);
        return words[i].word + ' × ' + words[j].word + '<br>' + words[i].category + ' × ' + words[j].category
          + '<br>cosine ' + p.value[2].toFixed(4);
      }},
      grid: {left: showLabels ? 70 : 20, right: 10, top: 30, bottom: showLabels ? 80 : 50},
      xAxis: {type: 'category', data: labels, axisLabel: {show: showLabels, rotate: 90, fontSize: 9,
        formatter: function (v) { return words[Number(v)].word; }}, axisTick: {show: false}},
      yAxis: {type: 'category', data: labels, inverse: true, axisLabel: {show: showLabels, fontSize: 9,
        formatter: function (v) { return words[Number(v)].word; }}, axisTick: {show: false}},
      visualMap: {type: 'continuous', calculable: false, orient: 'horizontal', left: 'center', bottom: 0,
        itemHeight: 120, inRange: {color: ['#000004', '#51127c', '#b73779', '#fc8961', '#fcfdbf']}, precision: 3},
      series: [{type: 'heatmap', data: [], progressive: 0, emphasis: {itemStyle: {borderColor: '#0f0', borderWidth: 1}}},
        {type: 'custom', data: outline, silent: true, z: 10, tooltip: {show: false}, renderItem: L.outlineBlock}]
    });
  });
  L.showLayer = function (layer) {
    var lo = Infinity, hi = -Infinity, data = {};
    ['q', 'k', 'v'].forEach(function (kind) {
      var m = M[kind][String(layer)];
      lo = Math.min(lo, m.min); hi = Math.max(hi, m.max);
      var value = L.decode(m, n), cells = new Array(n * n);
      for (var y = 0; y < n; y++) {
        for (var x = 0; x < n; x++) { cells[y * n + x] = [x, y, value(layout.order[y], layout.order[x])]; }
      }
      data[kind] = cells;
    });
    ['q', 'k', 'v'].forEach(function (kind) {
      charts[kind].setOption({title: {text: kind.toUpperCase() + ' cosine similarity, layer ' + layer},
        visualMap: {min: lo, max: hi}, series: [{data: data[kind]}]});
    });
    output.textContent = String(layer);
    L.shownLayer = layer;
  };
  L.matrixCharts = charts;
  L.matrixOrder = layout.order;
  slider.addEventListener('input', function () { L.showLayer(M.layers[Number(slider.value)]); });
  L.showLayer(M.layers[Number(slider.value)]);
};
