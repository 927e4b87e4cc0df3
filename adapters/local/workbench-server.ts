import { readFileSync, realpathSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, relative, resolve, sep } from 'node:path';
import send from 'send';
import { parseFilters, resolveAgentFilter } from '../../dashboards/filters.js';
import { STYLESHEET } from '../../dashboards/page.js';
import {
  type CallAudio,
  renderCallList,
  renderCallPage,
  renderMessagePage,
} from '../../dashboards/render-calls.js';
import { renderDashboardHtml } from '../../dashboards/render-html.js';
import {
  callDetail,
  dashboardData,
  filterChoices,
  type Query,
  type Row,
  searchCalls,
} from '../../dashboards/workbench-queries.js';
import { tableNames } from '../../schemas/tables.js';
import { DuckDbLake } from './duckdb-lake.js';
import { FsObjectStore } from './fs-object-store.js';

const SCRIPT = readFileSync(new URL('../../dashboards/static/workbench.js', import.meta.url), 'utf8');

/**
 * No inline script, nothing from elsewhere. Styles allow inline attributes because the charts
 * are SVG drawn with them; a style attribute cannot run code.
 */
const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "media-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

const AUDIO_TYPES: Record<string, string> = {
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.opus': 'audio/ogg',
  '.flac': 'audio/flac',
  '.m4a': 'audio/mp4',
  '.webm': 'audio/webm',
};

/** The port is taken: say so in one line (the CLI prints it, no stack trace). */
export class PortInUseError extends Error {
  override name = 'PortInUseError' as const;
  constructor(readonly port: number) {
    super(
      `port ${port} on 127.0.0.1 is already in use (another debrief serve?): choose another with --port, or --port 0 for any free one`,
    );
  }
}

export interface WorkbenchServer {
  server: Server;
  port: number;
  url: string;
  close: () => Promise<void>;
}

/**
 * Runs `fn` over a fresh read of the lake (new files, compactions and all), then closes it. The
 * per-call tables are read once per request; `turns` (large) only where a query needs it.
 */
const withLake = async <T>(home: string, fn: (query: Query) => Promise<T>): Promise<T> => {
  const db = await DuckDbLake.open(join(home, 'lake'));
  try {
    await db.snapshot(tableNames.filter((t) => t !== 'turns'));
    return await fn((sql, params) => db.query(sql, params));
  } finally {
    db.close();
  }
};

/**
 * Which audio the call page plays: a redacted recording when the pipeline made one, else the
 * original only when the transcript was not redacted either (a redacted call never plays audio
 * with the personal data still in it).
 */
export const audioFor = (status: Row, call: Row | null): { key: string | null; note: string } => {
  let sources: Record<string, unknown> = {};
  try {
    sources = JSON.parse(String(status.sources)) as Record<string, unknown>;
  } catch {
    // no sources recorded
  }
  const redacted = Object.entries(sources).find(
    ([name, value]) => /redact/i.test(name) && /audio/i.test(name) && typeof value === 'string',
  );
  if (redacted) return { key: String(redacted[1]), note: 'Redacted recording: personal data is silenced.' };
  const original = typeof sources.audio === 'string' ? sources.audio : null;
  // A Genesys record alone (CTR-only): no recording was ever made, none was dropped as a transcript.
  if (call?.has_recording === false)
    return { key: null, note: 'No recording: this call was never recorded (a conversation record alone).' };
  if (!original) return { key: null, note: 'No recording for this call (it was dropped as a transcript).' };
  if (call?.redacted === false)
    return { key: original, note: 'Original recording (the transcript is not redacted either).' };
  return {
    key: null,
    note: 'The recording is withheld: there is no redacted version of it yet, and the transcript is redacted.',
  };
};

/** The file for an object key, only if it really is inside the home (no `..`, no symlink out) and audio. */
export const audioPath = (home: string, key: string): string | null => {
  if (!(extname(key).toLowerCase() in AUDIO_TYPES)) return null;
  try {
    const root = realpathSync(home);
    const file = realpathSync(new FsObjectStore(home).pathOf(key));
    return file.startsWith(root + sep) ? file : null;
  } catch {
    return null;
  }
};

/** A path segment as text, or null when its percent-encoding is broken. */
const segment = (encoded: string): string | null => {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return null;
  }
};

const securityHeaders = (res: ServerResponse) => {
  res.setHeader('Content-Security-Policy', CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
};

const reply = (res: ServerResponse, status: number, type: string, body: string) => {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
};
const html = (res: ServerResponse, status: number, body: string) =>
  reply(res, status, 'text/html; charset=utf-8', body);

/**
 * `debrief serve`: the analysts' workbench on 127.0.0.1 — the dashboard with filters, the call
 * browser and call pages, read from the lake on every request. Requests naming another host
 * are refused (a web page elsewhere cannot reach it through DNS rebinding).
 */
export const startWorkbench = (homeDir: string, port: number): Promise<WorkbenchServer> => {
  const home = resolve(homeDir);
  let allowedHosts = new Set<string>();

  const route = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const path = url.pathname;
    if (path === '/static/workbench.js') return reply(res, 200, 'text/javascript; charset=utf-8', SCRIPT);
    if (path === '/static/workbench.css') return reply(res, 200, 'text/css; charset=utf-8', STYLESHEET);
    if (path === '/favicon.ico') {
      res.writeHead(204);
      res.end();
      return;
    }
    const filters = parseFilters(url.searchParams);
    if (path === '/') {
      const body = await withLake(home, async (query) => {
        const choices = await filterChoices(query);
        // `?agent=<name>` (one agent has it) filters by that agent's id, as the drop-down does.
        const resolved = resolveAgentFilter(filters, choices.agents).filters;
        return renderDashboardHtml(await dashboardData(query, resolved, new Date().toISOString()), {
          served: { choices },
        });
      });
      return html(res, 200, body);
    }
    if (path === '/calls' || path === '/calls/') {
      const body = await withLake(home, async (query) => {
        const choices = await filterChoices(query);
        const resolved = resolveAgentFilter(filters, choices.agents).filters;
        return renderCallList(await searchCalls(query, resolved), resolved, choices);
      });
      return html(res, 200, body);
    }
    const call = /^\/calls\/([^/]+)$/.exec(path);
    const id = call ? segment(call[1]!) : null;
    if (call && id !== null) {
      const body = await withLake(home, async (query) => {
        const detail = await callDetail(query, id);
        if (!detail) return null;
        const audio = audioFor(detail.status, detail.call);
        const served: CallAudio = {
          url: audio.key && audioPath(home, audio.key) ? `/audio/${encodeURIComponent(id)}` : null,
          note: audio.key && !audioPath(home, audio.key) ? 'The recording is not in this home.' : audio.note,
        };
        return renderCallPage(detail, served);
      });
      return body === null
        ? html(res, 404, renderMessagePage('Not found', `No call ${id} in this home.`))
        : html(res, 200, body);
    }
    const audio = /^\/audio\/([^/]+)$/.exec(path);
    const audioId = audio ? segment(audio[1]!) : null;
    if (audio && audioId !== null) {
      const file = await withLake(home, async (query) => {
        const [status] = await query('select * from call_status where call_id = ?', [audioId]);
        const [row] = status ? await query('select redacted from calls where call_id = ?', [audioId]) : [];
        const key = status ? audioFor(status, row ?? null).key : null;
        return key ? audioPath(home, key) : null;
      });
      if (!file) return reply(res, 404, 'text/plain; charset=utf-8', 'no audio for this call\n');
      const root = realpathSync(home);
      const urlPath = `/${relative(root, file).split(sep).map(encodeURIComponent).join('/')}`;
      send(req, urlPath, { root, dotfiles: 'allow', index: false, cacheControl: false })
        .on('headers', (r: ServerResponse) => {
          r.setHeader('content-type', AUDIO_TYPES[extname(file).toLowerCase()]!);
          r.setHeader('cache-control', 'no-store');
        })
        .on('error', (error: { status?: number }) =>
          reply(res, error.status ?? 500, 'text/plain; charset=utf-8', 'audio unavailable\n'),
        )
        .pipe(res);
      return;
    }
    return html(res, 404, renderMessagePage('Not found', `Nothing at ${path}.`));
  };

  const server = createServer((req, res) => {
    securityHeaders(res);
    const host = (req.headers.host ?? '').toLowerCase();
    if (!allowedHosts.has(host)) {
      reply(
        res,
        421,
        'text/plain; charset=utf-8',
        'refused: this server answers only to 127.0.0.1 and localhost\n',
      );
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      reply(res, 405, 'text/plain; charset=utf-8', 'method not allowed\n');
      return;
    }
    const url = new URL(req.url ?? '/', `http://${host}`);
    route(req, res, url).catch((error: unknown) => {
      const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
      if (!res.headersSent) html(res, 500, renderMessagePage('Could not read the lake', message));
      else res.end();
    });
  });

  return new Promise((resolvePromise, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(port) : error),
    );
    server.listen(port, '127.0.0.1', () => {
      const bound = (server.address() as AddressInfo).port;
      allowedHosts = new Set([`127.0.0.1:${bound}`, `localhost:${bound}`]);
      // Browsers leave the default port out of the Host header.
      if (bound === 80) for (const h of ['127.0.0.1', 'localhost']) allowedHosts.add(h);
      resolvePromise({
        server,
        port: bound,
        url: `http://127.0.0.1:${bound}/`,
        close: () => new Promise((r) => server.close(() => r())),
      });
    });
  });
};
