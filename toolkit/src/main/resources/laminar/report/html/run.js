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

/* Up to this many words each cell is an ECharts heatmap item; above, the cells are one bitmap laid on the chart's
   grid (ECharts keeps the axes, colour scale and outlines) and the hover is read from the pointer's position. */
L.CELLS_MAX = 150;
L.RAMP = ['#000004', '#51127c', '#b73779', '#fc8961', '#fcfdbf'];

/* 256 colours interpolated between the ramp's stops (what the visualMap shows), as [r, g, b]. */
L.lut = function () {
  var stops = L.RAMP.map(function (h) { return [1, 3, 5].map(function (k) { return parseInt(h.substr(k, 2), 16); }); });
  var out = [];
  for (var i = 0; i < 256; i++) {
    var t = i / 255 * (stops.length - 1), a = Math.min(Math.floor(t), stops.length - 2), f = t - a;
    out.push([0, 1, 2].map(function (c) { return Math.round(stops[a][c] + f * (stops[a + 1][c] - stops[a][c])); }));
  }
  return out;
};

L.bitmap = function (value, order, lo, hi) {
  var n = order.length, canvas = document.createElement('canvas'), lut = L.lut();
  canvas.width = n; canvas.height = n;
  var ctx = canvas.getContext('2d'), img = ctx.createImageData(n, n), span = hi > lo ? hi - lo : 1;
  for (var y = 0; y < n; y++) {
    for (var x = 0; x < n; x++) {
      var c = lut[Math.max(0, Math.min(255, Math.round((value(order[y], order[x]) - lo) / span * 255)))], o = 4 * (y * n + x);
      img.data[o] = c[0]; img.data[o + 1] = c[1]; img.data[o + 2] = c[2]; img.data[o + 3] = 255;
    }
  }
  ctx.putImageData(img, 0, 0);
  return canvas;
};

L.pairText = function (i, j, v) {
  var w = L.data.words;
  return w[i].word + ' × ' + w[j].word + ' (' + w[i].category + ' × ' + w[j].category + '): cosine ' + v.toFixed(4);
};

L.matrixOption = function (labels, outline, cells) {
  var words = L.data.words, showLabels = words.length <= 60;
  return {
    animation: false,
    title: {left: 'center', textStyle: {fontSize: 13}},
    tooltip: {show: cells, formatter: function (p) {
      return L.pairText(Number(labels[p.value[1]]), Number(labels[p.value[0]]), p.value[2]);
    }},
    grid: {left: showLabels ? 70 : 20, right: 10, top: 30, bottom: showLabels ? 80 : 50},
    xAxis: {type: 'category', data: labels, axisLabel: {show: showLabels, rotate: 90, fontSize: 9,
      formatter: function (v) { return words[Number(v)].word; }}, axisTick: {show: false}},
    yAxis: {type: 'category', data: labels, inverse: true, axisLabel: {show: showLabels, fontSize: 9,
      formatter: function (v) { return words[Number(v)].word; }}, axisTick: {show: false}},
    visualMap: {type: 'continuous', calculable: false, orient: 'horizontal', left: 'center', bottom: 0,
      itemHeight: 120, inRange: {color: L.RAMP}, precision: 3},
    series: [{type: 'heatmap', data: [], emphasis: {itemStyle: {borderColor: '#0f0', borderWidth: 1}}},
      {type: 'custom', data: outline, silent: true, z: 10, tooltip: {show: false}, renderItem: L.outlineBlock}]
  };
};

/* Bitmap mode: the pointer's cell, named below the charts. */
L.hoverReadout = function (chart, kind) {
  var readout = document.getElementById('matrix-hover');
  chart.getZr().on('mousemove', function (e) {
    var p = chart.convertFromPixel({gridIndex: 0}, [e.offsetX, e.offsetY]), n = L.matrixOrder.length;
    if (!p || p[0] < 0 || p[1] < 0 || p[0] >= n || p[1] >= n) { return; }
    var i = L.matrixOrder[Math.round(p[1])], j = L.matrixOrder[Math.round(p[0])];
    readout.textContent = kind.toUpperCase() + ': ' + L.pairText(i, j, L.shownValues[kind](i, j));
  });
};

L.matrices = function () {
  var M = L.data.matrices, section = document.getElementById('matrices-section');
  if (!M || !M.layers.length) { section.style.display = 'none'; return; }
  var n = L.data.words.length, layout = L.order(), cells = n <= L.CELLS_MAX;
  var labels = layout.order.map(function (w) { return String(w); });
  var slider = document.getElementById('layer'), output = document.getElementById('layer-value');
  document.getElementById('matrices-note').textContent = (M.note || '')
    + (cells ? '' : ' Above ' + L.CELLS_MAX + ' words the cells are drawn as one image; hover names the cell below the chart.');
  slider.min = 0; slider.max = M.layers.length - 1;
  slider.value = Math.max(0, M.layers.indexOf(M.shown));
  if (M.layers.length === 1) { slider.disabled = true; }
  var root = document.getElementById('matrices'), charts = {};
  var outline = layout.blocks.map(function (b) { return [b.start, b.end]; });
  L.matrixOrder = layout.order;
  L.matrixCharts = charts;
  L.matrixCellsMode = cells;
  ['q', 'k', 'v'].forEach(function (kind) {
    charts[kind] = L.chart(root, 'matrix-' + kind, 'matrix');
    charts[kind].setOption(L.matrixOption(labels, outline, cells));
    if (!cells) { L.hoverReadout(charts[kind], kind); }
  });
  L.showLayer = function (layer) {
    var lo = Infinity, hi = -Infinity, values = {};
    ['q', 'k', 'v'].forEach(function (kind) {
      var m = M[kind][String(layer)];
      lo = Math.min(lo, m.min); hi = Math.max(hi, m.max);
      values[kind] = L.decode(m, n);
    });
    ['q', 'k', 'v'].forEach(function (kind) {
      var c = charts[kind], option = {title: {text: kind.toUpperCase() + ' cosine similarity, layer ' + layer},
        visualMap: {min: lo, max: hi}};
      if (cells) {
        var data = new Array(n * n);
        for (var y = 0; y < n; y++) {
          for (var x = 0; x < n; x++) { data[y * n + x] = [x, y, values[kind](layout.order[y], layout.order[x])]; }
        }
        option.series = [{data: data}];
      } else {
        var a = c.convertToPixel({gridIndex: 0}, [0, 0]), b = c.convertToPixel({gridIndex: 0}, [n - 1, n - 1]);
        var cw = (b[0] - a[0]) / Math.max(1, n - 1), ch = (b[1] - a[1]) / Math.max(1, n - 1);
        option.graphic = [{type: 'image', id: 'cells', silent: true, z: 5, x: a[0] - cw / 2, y: a[1] - ch / 2,
          style: {image: L.bitmap(values[kind], layout.order, lo, hi), width: cw * n, height: ch * n}}];
      }
      c.setOption(option);
    });
    L.shownValues = values;
    output.textContent = String(layer);
    L.shownLayer = layer;
  };
  slider.addEventListener('input', function () { L.showLayer(M.layers[Number(slider.value)]); });
  L.showLayer(M.layers[Number(slider.value)]);
};
