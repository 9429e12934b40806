/**
 * {@code report.html}: one self-contained page per run ({@link laminar.report.html.RunReport}) and per comparison
 * of runs ({@link laminar.report.html.CompareReport}), built from the runs' {@code results.json} like the figures.
 *
 * <p>The page is a template with its style and scripts as resources ({@code laminar/report/html/}: {@code page.html},
 * {@code report.css}, {@code common.js}, {@code run.js} or {@code compare.js}, {@code selftest.js}); Apache ECharts
 * is inlined from its WebJar and the page's data is injected as one JSON object ({@code HtmlPage}). The data:
 * profiles ({@link laminar.report.html.Profile}, with the {@code inference} block's intervals and significance
 * when present), every layer's similarity matrices as quantised upper triangles ({@code LayerMatrices}), notes,
 * the run's facts, figures and files. Opened as {@code report.html#selftest} the page checks itself and writes a
 * JSON verdict into {@code <pre id="selftest">} for the browser tests.
 */
package laminar.report.html;
