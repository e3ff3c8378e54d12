/**
 * `GET /reports/<name>.csv|xlsx` (API.md, "Reports"): a report's table with the query's arguments
 * as query parameters, under the same authentication and roles as the query. CSV is UTF-8 with a
 * BOM (Excel then reads Chinese right); XLSX is written by ExcelJS's streaming writer, row by row,
 * never built whole in memory. Headers are Chinese with `lang=zh` (or an Accept-Language that
 * prefers Chinese), English otherwise.
 */
import type http from 'node:http';
import ExcelJS from 'exceljs';
import { DomainError } from '../errors.js';
import type { Caller } from '../modules/access/caller.js';
import type { CmdbLoaders } from '../modules/cmdb/loaders.js';
import type { ReportService } from '../modules/reports/service.js';
import {
  REPORT_NAMES,
  reportTable,
  type Cell,
  type ReportName,
} from '../modules/reports/tables.js';

const PATH = /^\/reports\/(\w+)\.(csv|xlsx)$/;

/** True for a download's path (the console's own `/reports` page is not one). */
export const isReportDownload = (pathname: string) => PATH.test(pathname);

const STATUS: Record<string, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  LIMIT_EXCEEDED: 400,
};

const csvCell = (v: Cell | undefined) => {
  const s = v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

/** Writes the download; errors of the report are JSON with their code, like GraphQL's. */
export async function serveReportDownload(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
  reports: ReportService,
  caller: Caller<CmdbLoaders>,
): Promise<void> {
  const [, name, format] = PATH.exec(url.pathname)!;
  if (!(REPORT_NAMES as readonly string[]).includes(name!)) {
    res.writeHead(404, { 'content-type': 'application/json; charset=utf-8' });
    res.end(
      JSON.stringify({
        errors: [{ message: `no report ${name}`, extensions: { code: 'NOT_FOUND' } }],
      }),
    );
    return;
  }
  const lang = url.searchParams.get('lang');
  const zh = lang ? lang.startsWith('zh') : /^zh/i.test(req.headers['accept-language'] ?? '');
  let table;
  try {
    table = await reportTable(name as ReportName, url.searchParams, reports, caller, zh);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    res.writeHead(STATUS[error.code] ?? 400, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ errors: [{ message: error.message, extensions: error.extensions }] }));
    return;
  }
  const headers = table.columns.map((c) => (zh ? c.zh : c.en));
  const file = `${name}.${format}`;
  if (format === 'csv') {
    res.writeHead(200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${file}"`,
    });
    res.write('\uFEFF' + headers.map(csvCell).join(',') + '\r\n');
    for await (const row of table.rows)
      res.write(table.columns.map((c) => csvCell(row[c.key])).join(',') + '\r\n');
    res.end();
    return;
  }
  res.writeHead(200, {
    'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'content-disposition': `attachment; filename="${file}"`,
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: res,
    useStyles: false,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet(name);
  sheet.addRow(headers).commit();
  for await (const row of table.rows)
    sheet.addRow(table.columns.map((c) => row[c.key] ?? '')).commit();
  sheet.commit();
  await workbook.commit();
}
