/* laminar comparison report: the runs side by side (no matrices: they differ in words and layers). */
'use strict';

L.runInfo = function () {
  var root = document.getElementById('run');
  var rows = L.data.runs.map(function (r) {
    return {cells: [r.label, r.dir, r.model, r.template, r.n_layers, r.n_words, r.categories.join(', '), r.laminar_version]};
  });
  root.appendChild(L.table(rows, ['label', 'run directory', 'model', 'template', 'layers', 'words', 'categories', 'laminar']));
  if (L.data.run && L.data.run.command_line) {
    root.appendChild(L.keyValues({'command line': L.data.run.command_line}));
  }
};

L.matrices = function () { document.getElementById('matrices-section').style.display = 'none'; };
