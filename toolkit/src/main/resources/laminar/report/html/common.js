/* laminar report: the parts every page has (notes, profiles, figures, run, files). Data: #laminar-data. */
'use strict';
var L = window.laminar = {};
L.data = JSON.parse(document.getElementById('laminar-data').textContent);
L.charts = [];
L.COLORS = ['#d62728', '#2ca02c', '#1f77b4', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#17becf'];

L.el = function (tag, attrs, text) {
  var e = document.createElement(tag);
  Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
  if (text !== undefined && text !== null) { e.textContent = String(text); }
  return e;
};

L.chart = function (parent, id, cls) {
  var div = L.el('div', {id: id, 'class': cls || 'chart', 'data-chart': '1'});
  parent.appendChild(div);
  var c = echarts.init(div, null, {renderer: 'canvas'});
  L.charts.push(c);
  return c;
};

L.fmt = function (v) { return v === null || v === undefined ? 'n/a' : Number(v).toPrecision(4); };

L.notes = function () {
  var ul = document.getElementById('notes');
  (L.data.notes || []).forEach(function (n) {
    ul.appendChild(L.el('li', {'class': n.level}, n.text));
  });
  if (!ul.children.length) { document.getElementById('notes-section').style.display = 'none'; }
};

/* One series of a profile: the line, and when inference was run its 95% band and p_FWER <= 0.05 marks. */
L.profileSeries = function (s, color) {
  var out = [];
  var points = s.x.map(function (x, i) { return [x, s.y[i]]; });
  out.push({name: s.name, type: 'line', data: points, color: color, symbolSize: 6, showSymbol: true,
    lineStyle: {width: 2, type: ['solid', 'dashed', 'dotted'][s.dash || 0]}, emphasis: {focus: 'series'}});
  if (s.ci) {
    var band = [];
    s.x.forEach(function (x, i) { if (s.ci[i]) { band.push([x, s.ci[i][0], s.ci[i][1]]); } });
    out.push({name: s.name, type: 'custom', data: band, silent: true, z: 1, tooltip: {show: false},
      renderItem: function (params, api) {
        if (params.dataIndexInside !== 0) { return null; }
        var top = [], bottom = [];
        for (var i = 0; i < band.length; i++) {
          top.push(api.coord([band[i][0], band[i][2]]));
          bottom.unshift(api.coord([band[i][0], band[i][1]]));
        }
        return {type: 'polygon', shape: {points: top.concat(bottom)}, style: {fill: color, opacity: 0.18}};
      }, encode: {x: 0, y: [1, 2]}});
  }
  if (s.sig) {
    var marks = [];
    s.x.forEach(function (x, i) { if (s.sig[i]) { marks.push([x, s.y[i]]); } });
    out.push({name: s.name, type: 'scatter', data: marks, symbol: 'diamond', symbolSize: 13, color: color,
      itemStyle: {borderColor: '#000', borderWidth: 1}, tooltip: {show: false}, z: 5});
  }
  return out;
};

L.profiles = function () {
  var root = document.getElementById('profiles');
  (L.data.profiles || []).forEach(function (p, pi) {
    var series = [], names = [];
    p.series.forEach(function (s, si) {
      var color = s.color || L.COLORS[si % L.COLORS.length];
      if (names.indexOf(s.name) < 0) { names.push(s.name); }
      series = series.concat(L.profileSeries(s, color));
    });
    var c = L.chart(root, 'profile-' + p.key);
    c.setOption({
      animation: false,
      title: {text: p.title, left: 'center', textStyle: {fontSize: 13}},
      legend: {data: names, bottom: 0, type: 'scroll'},
      tooltip: {trigger: 'axis', valueFormatter: L.fmt},
      grid: {left: 60, right: 20, top: 40, bottom: 56},
      xAxis: {type: 'value', name: p.x, nameLocation: 'middle', nameGap: 24, min: 'dataMin', max: 'dataMax',
        minInterval: p.integerX ? 1 : 0},
      yAxis: {type: 'value', name: p.y, nameLocation: 'middle', nameGap: 44, scale: true},
      series: series
    });
  });
};

L.figures = function () {
  var root = document.getElementById('figures');
  var figs = L.data.figures || [];
  figs.forEach(function (f) {
    var fig = L.el('figure');
    var a = L.el('a', {href: f.svg || f.png});
    a.appendChild(L.el('img', {src: f.png, alt: f.name}));
    fig.appendChild(a);
    fig.appendChild(L.el('figcaption', {}, f.name + (f.description ? ': ' + f.description : '')));
    root.appendChild(fig);
  });
  if (!figs.length) { document.getElementById('figures-section').style.display = 'none'; }
};

L.table = function (rows, header) {
  var t = L.el('table');
  if (header) {
    var tr = L.el('tr');
    header.forEach(function (h) { tr.appendChild(L.el('th', {}, h)); });
    t.appendChild(tr);
  }
  rows.forEach(function (r) {
    var tr = L.el('tr', r.cls ? {'class': r.cls} : {});
    r.cells.forEach(function (c) { tr.appendChild(L.el('td', {}, c)); });
    t.appendChild(tr);
  });
  return t;
};

L.keyValues = function (obj) {
  return L.table(Object.keys(obj || {}).map(function (k) {
    var v = obj[k];
    return {cells: [k, typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)]};
  }));
};

L.details = function (summary, content, open) {
  var d = L.el('details', open ? {open: ''} : {});
  d.appendChild(L.el('summary', {}, summary));
  d.appendChild(content);
  return d;
};

L.files = function () {
  var ul = document.getElementById('files');
  (L.data.files || []).forEach(function (f) {
    var li = L.el('li');
    li.appendChild(L.el('a', {href: f}, f));
    ul.appendChild(li);
  });
  if (!ul.children.length) { document.getElementById('files-section').style.display = 'none'; }
};

L.header = function () {
  document.getElementById('title').textContent = L.data.title;
  document.getElementById('subtitle').textContent = L.data.subtitle || '';
};

window.addEventListener('resize', function () {
  L.charts.forEach(function (c) { c.resize(); });
  if (L.showLayer && !L.matrixCellsMode) { L.showLayer(L.shownLayer); } // the bitmap follows the grid
});
