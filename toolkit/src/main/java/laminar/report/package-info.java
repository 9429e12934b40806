/**
 * What a run leaves behind: {@link laminar.report.ResultsJson results.json}, {@link laminar.report.CsvTables CSV
 * tables}, written into an {@link laminar.report.OutputDirectory atomically committed directory}.
 */
package laminar.report;
