/**
 * Runs `sst.config.ts`'s `run()` with the pinned SST platform under Pulumi's offline mocks, the
 * way `sst deploy` builds it (see the SST CLI's stack build: esbuild, SST's shim injected,
 * `@pulumi/aws` and SST's components as globals, `auto/run.ts` around the program), in a child
 * process so each run starts with a fresh Pulumi runtime.
 *
 * The CLI side that the components call over RPC is played here: `Runtime.Build` bundles each
 * Lambda handler with esbuild (so every handler really builds) and `Provider.Aws.Bootstrap`
 * names the asset bucket. Nothing leaves 127.0.0.1.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { build } from 'esbuild';
import { REPO } from './paths.js';

export const PLATFORM = join(REPO, '.sst', 'platform');
const WORK = join(REPO, '.sst');

export interface SstResource {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  state: Record<string, unknown>;
  /** Resource options (recorded after SST's stack transformations): `retainOnDelete`. */
  options: { retainOnDelete?: boolean };
}
export interface SstRun {
  app: Record<string, unknown>;
  resources: SstResource[];
  calls: { token: string; inputs: unknown }[];
  outputs: Record<string, unknown> | null;
  errors: string[];
  /** Handlers bundled through `Runtime.Build`, by function id. */
  builds: Record<string, { handler: string; out: string; bytes: number }>;
}

export const platformReady = (): boolean => existsSync(join(PLATFORM, 'config.d.ts'));

const CLI_PATHS = { home: join(WORK, 'home'), root: REPO, work: WORK, platform: PLATFORM };

const buildCache = new Map<string, SstRun['builds'][string]>();

/** The CLI's RPC methods the components call during a deploy. */
const rpcServer = async (builds: SstRun['builds']) => {
  const handle = async (method: string, input: Record<string, unknown>): Promise<unknown> => {
    switch (method) {
      case 'Provider.Aws.Bootstrap':
        return {
          asset: `sst-asset-${String(input.region)}`,
          assetEcrRegistryId: '123456789012',
          assetEcrUrl: '',
          state: 'sst-state',
          appsyncHttp: '',
          appsyncRealtime: '',
        };
      case 'Runtime.Build': {
        const functionID = String(input.functionID);
        // The same handler bundles the same in every run of this process.
        const cached = buildCache.get(`${functionID}:${String(input.handler)}`);
        if (cached) {
          builds[functionID] = cached;
          return { handler: cached.handler, out: cached.out, errors: [], sourcemaps: [] };
        }
        const [file, exportName] = String(input.handler).split(/\.(?=[^.]+$)/) as [string, string];
        const out = join(WORK, 'artifacts', `${functionID}-src`);
        rmSync(out, { recursive: true, force: true });
        const result = await build({
          entryPoints: [join(REPO, `${file}.ts`)],
          outfile: join(out, 'index.mjs'),
          bundle: true,
          platform: 'node',
          target: 'node22',
          format: 'esm',
          // As SST's Node runtime does: a require() for CommonJS dependencies inside an ES module.
          banner: {
            js: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
          },
          // Lambda's nodejs22.x runtime provides the AWS SDK v3, but we ship the pinned versions.
          external: ['@duckdb/*'],
          logLevel: 'silent',
          metafile: true,
        });
        const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
        builds[functionID] = { handler: `index.${exportName}`, out, bytes };
        buildCache.set(`${functionID}:${String(input.handler)}`, builds[functionID]);
        return { handler: `index.${exportName}`, out, errors: [], sourcemaps: [] };
      }
      default:
        throw new Error(`rpc: can't find method ${method}`);
    }
  };
  let inflight = 0;
  const server = createServer((req, res) => {
    // The child asks whether builds are still running before it calls the program settled.
    if (req.method === 'GET') {
      res.end(JSON.stringify({ inflight }));
      return;
    }
    inflight += 1;
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', async () => {
      const { method, params, id } = JSON.parse(body) as { method: string; params: unknown[]; id: unknown };
      let reply: unknown;
      try {
        reply = {
          id,
          result: await handle(method, (params[0] ?? {}) as Record<string, unknown>),
          error: null,
        };
      } catch (e) {
        reply = { id, result: null, error: e instanceof Error ? e.message : String(e) };
      }
      inflight -= 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(reply));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
};

let counter = 0;

/**
 * What the CLI does first: evaluate `app()` alone (SST bundles the config with `$config` as the
 * identity), so `$app` can be defined before any component module loads.
 */
const evaluateApp = async (configFile: string, stage: string, tag: string) => {
  const outfile = join(PLATFORM, `sst.config.app-${tag}.mjs`);
  await build({
    stdin: {
      contents: `import config from "${configFile}"; export default config;`,
      resolveDir: REPO,
      sourcefile: 'app.ts',
      loader: 'ts',
    },
    banner: { js: 'const $config = (input) => input;' },
    format: 'esm',
    platform: 'node',
    bundle: true,
    outfile,
    packages: 'external',
    logLevel: 'silent',
  });
  try {
    const mod = (await import(`${outfile}?${tag}`)) as {
      default: {
        app: (input: { stage: string }) => Record<string, unknown> | Promise<Record<string, unknown>>;
      };
    };
    const app = await mod.default.app({ stage });
    return { removal: 'retain', protect: false, providers: {}, ...app, stage };
  } finally {
    rmSync(outfile, { force: true });
  }
};

/** `app()` of sst.config.ts for a stage, as the CLI evaluates it (removal policy included). */
export const sstAppConfig = (stage: string, configFile = join(REPO, 'sst.config.ts')) => {
  counter += 1;
  return evaluateApp(configFile, stage, `app-${process.pid}-${counter}`);
};

/**
 * Bundle and run `configFile` (default sst.config.ts) for `stage` with `env` (the deploy shell's
 * variables, e.g. DEBRIEF_QUICKSIGHT_*). Returns what was registered.
 */
export const runSstApp = async (
  options: { stage?: string; env?: Record<string, string>; configFile?: string } = {},
): Promise<SstRun> => {
  if (!platformReady()) throw new Error('.sst/platform is missing: run `npm run sst:platform`');
  const stage = options.stage ?? 'test';
  const configFile = options.configFile ?? join(REPO, 'sst.config.ts');
  counter += 1;
  const tag = `${process.pid}-${counter}`;
  const outfile = join(PLATFORM, `sst.config.mock-${tag}.mjs`);
  const resultFile = join(WORK, `mock-result-${tag}.json`);
  const app = await evaluateApp(configFile, stage, tag);
  // The providers `sst install` locked (aws, random, ...), each a global, plus SST's components.
  const lock = JSON.parse(readFileSync(join(WORK, 'provider-lock.json'), 'utf8')) as {
    alias: string;
    package: string;
  }[];
  const globals = [
    ...lock.map((p) => `import * as ${p.alias} from "${p.package}";`),
    `import * as sst from "${join(PLATFORM, 'src/components')}";`,
  ].join('\n');
  await build({
    stdin: {
      contents: `
        import { run } from "${join(PLATFORM, 'src/auto/run.ts')}";
        import { main } from "${join(REPO, 'test/helpers/sst-mock-child.ts')}";
        await main(run, () => import("${configFile}"));
      `,
      resolveDir: REPO,
      sourcefile: 'eval.ts',
      loader: 'ts',
    },
    banner: {
      js: `import { createRequire as topLevelCreateRequire } from 'module';
const require = topLevelCreateRequire(import.meta.url);
import { fileURLToPath as topLevelFileUrlToPath, URL as topLevelURL } from "url"
const __filename = topLevelFileUrlToPath(import.meta.url)
const __dirname = topLevelFileUrlToPath(new topLevelURL(".", import.meta.url))`,
    },
    mainFields: ['module', 'main'],
    format: 'esm',
    platform: 'node',
    bundle: true,
    outfile,
    nodePaths: [join(PLATFORM, 'node_modules')],
    inject: [join(PLATFORM, 'src/shim/run.js')],
    define: {
      $app: JSON.stringify(app),
      $cli: JSON.stringify({ command: 'deploy', dev: false, paths: CLI_PATHS, state: { version: {} } }),
      $dev: 'false',
    },
    external: [
      '@pulumi/*',
      'undici',
      '@pulumiverse/*',
      '@sst-provider/*',
      '@aws-sdk/*',
      'esbuild',
      'archiver',
      'glob',
      'vite',
    ],
    plugins: [
      {
        // As SST does: the provider modules and `sst` are globals in every file outside .sst.
        name: 'inject-globals',
        setup(b) {
          b.onLoad({ filter: /\.(js|ts|jsx|tsx)$/ }, (args) => {
            const contents = readFileSync(args.path, 'utf8');
            if (args.path.includes('/.sst/platform/') || args.path.includes('node_modules')) return undefined;
            return { contents: `${globals}\n${contents}`, loader: args.path.endsWith('.ts') ? 'ts' : 'js' };
          });
        },
      },
    ],
    logLevel: 'silent',
  });
  const builds: SstRun['builds'] = {};
  const rpc = await rpcServer(builds);
  mkdirSync(WORK, { recursive: true });
  try {
    const code = await new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, [outfile], {
        cwd: REPO,
        stdio: ['ignore', 'inherit', 'inherit'],
        env: {
          ...process.env,
          ...options.env,
          SST_SERVER: rpc.url,
          DEBRIEF_SST_RESULT: resultFile,
          DEBRIEF_SST_STAGE: stage,
        },
      });
      child.on('exit', resolve);
    });
    if (!existsSync(resultFile)) throw new Error(`the SST app run exited ${code} without a result`);
    return {
      ...(JSON.parse(readFileSync(resultFile, 'utf8')) as Omit<SstRun, 'builds' | 'app'>),
      app,
      builds,
    };
  } finally {
    rpc.close();
    if (!process.env.DEBRIEF_SST_KEEP) rmSync(outfile, { force: true });
    rmSync(resultFile, { force: true });
  }
};

/** Write a variant of a config file next to the original (for the regression test). */
export const writeConfigVariant = (name: string, text: string): string => {
  const file = join(REPO, `.sst/${name}.sst.config.ts`);
  writeFileSync(file, text);
  return file;
};
