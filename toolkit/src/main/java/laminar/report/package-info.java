/**
 * What a run leaves behind: {@link laminar.report.ResultsJson results.json}, {@link laminar.report.CsvTables CSV
 * tables}, written into an {@link laminar.report.OutputDirectory atomically committed directory} that carries
 * laminar's {@link laminar.report.OutputMarker marker}: only such a folder is ever replaced, never the working
 * directory, the home folder or a folder holding an input, and of two runs committing to one folder exactly one wins.
 */
package laminar.report;
