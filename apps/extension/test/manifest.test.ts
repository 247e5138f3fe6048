import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const wxt = fileURLToPath(new URL('../node_modules/wxt/bin/wxt.mjs', import.meta.url));

/** Builds one target with the real WXT and reads its manifest. */
function build(browser: 'chrome' | 'firefox', folder: string) {
  execFileSync(process.execPath, [wxt, 'build', '-b', browser, '--level', 'warn'], {
    cwd: root,
    stdio: 'pipe',
  });
  const dir = `${root}.output/${folder}`;
  return { dir, manifest: JSON.parse(readFileSync(`${dir}/manifest.json`, 'utf8')) };
}

/** Every file a manifest names must be in the build. */
// biome-ignore lint/suspicious/noExplicitAny: a manifest is untyped JSON that the test checks
function referencedFiles(manifest: Record<string, any>): string[] {
  return [
    manifest.background?.service_worker,
    ...(manifest.background?.scripts ?? []),
    manifest.action?.default_popup,
    manifest.browser_action?.default_popup,
    manifest.options_ui?.page,
    ...Object.values(manifest.icons ?? {}),
  ].filter((f): f is string => typeof f === 'string');
}

/**
 * Strings found only in the extraction core's heavy parts, as they appear in a minified build:
 * OpenCC's dictionaries, the GB/T 2260 region list, Readability, the taxonomy's rules.
 */
const HEAVY = {
  opencc: 'Invalid dictionary entry',
  regions: '石景山区',
  readability: 'readability-page-1',
  taxonomy: 'party-building',
};

/** The heavy parts a built file carries. */
function heavyIn(file: string): string[] {
  const code = readFileSync(file, 'utf8');
  return Object.entries(HEAVY)
    .filter(([, marker]) => code.includes(marker))
    .map(([name]) => name);
}

/**
 * The scripts a page of the build loads when it opens: those its HTML names, and what they
 * import statically (`import … from"./x.js"`), not what they load later with `import()`.
 */
function scriptsOfPage(dir: string, page: string): string[] {
  const html = readFileSync(join(dir, page), 'utf8');
  const queue = [...html.matchAll(/<(?:script|link)[^>]+(?:src|href)="\/([^"]+\.js)"/g)].map(
    (m) => m[1]!,
  );
  const seen = new Set<string>();
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(join(dir, file), 'utf8');
    for (const [, specifier] of code.matchAll(/(?:\bfrom|\bimport)\s*["'`](\.\/[^"'`]+)["'`]/g)) {
      queue.push(join(file, '..', specifier!));
    }
  }
  return [...seen];
}

describe.each([
  ['chrome', 'chrome-mv3', 3],
  ['firefox', 'firefox-mv2', 2],
] as const)('the %s build', (browser, folder, version) => {
  let built: ReturnType<typeof build>;
  beforeAll(() => {
    built = build(browser, folder);
  }, 180_000);

  it('has a valid manifest naming only files it ships', () => {
    const { manifest, dir } = built;
    expect(manifest.manifest_version).toBe(version);
    expect(manifest.name).toBe('剪报 Jianbao');
    expect(manifest.version).toMatch(/^\d+(\.\d+){0,3}$/);
    for (const file of referencedFiles(manifest))
      expect(existsSync(`${dir}/${file}`), file).toBe(true);
    expect(existsSync(`${dir}/clipper.js`)).toBe(true);
    const permissions = [...manifest.permissions, ...(manifest.host_permissions ?? [])];
    for (const p of ['storage', 'scripting', 'contextMenus', 'alarms'])
      expect(permissions).toContain(p);
    expect(Object.keys(manifest.commands)).toEqual(
      expect.arrayContaining([
        version === 3 ? '_execute_action' : '_execute_browser_action',
        'clip-page',
      ]),
    );
  });

  it('keeps the extraction core in the clipper, out of the background and the popup', () => {
    const { dir, manifest } = built;
    expect(heavyIn(`${dir}/clipper.js`)).toEqual(Object.keys(HEAVY));
    const background = manifest.background.service_worker ?? manifest.background.scripts[0];
    expect(heavyIn(`${dir}/${background}`)).toEqual([]);
    const popup = scriptsOfPage(
      dir,
      manifest.action?.default_popup ?? manifest.browser_action.default_popup,
    );
    expect(popup.length).toBeGreaterThan(0);
    for (const file of popup) expect(heavyIn(`${dir}/${file}`), file).toEqual([]);
  });

  it(
    version === 3
      ? 'runs its background as a service worker'
      : 'names its add-on id and runs a background page',
    () => {
      const { manifest } = built;
      if (version === 3) {
        expect(manifest.background.service_worker).toBe('background.js');
        expect(manifest.host_permissions).toContain('https://*/*');
        expect(manifest.browser_specific_settings).toBeUndefined();
      } else {
        expect(manifest.browser_specific_settings.gecko.id).toBe('jianbao@jianbao.local');
        expect(manifest.background.scripts).toContain('background.js');
        // MV2 has no host_permissions: the hosts join the permissions.
        expect(manifest.permissions).toContain('https://*/*');
      }
    },
  );

  it.runIf(browser === 'firefox')(
    "passes Mozilla's addons-linter (what addons.mozilla.org runs) with no error",
    async () => {
      const { default: addonsLinter } = await import('addons-linter');
      const linter = addonsLinter.createInstance({
        config: {
          _: [built.dir],
          logLevel: 'fatal',
          stack: false,
          pretty: false,
          warningsAsErrors: false,
          metadata: false,
          output: 'none',
          boring: true,
          selfHosted: true,
        },
        runAsBinary: false,
      });
      const result = await linter.run();
      const codes = (list: { code: string; file?: string }[]) =>
        list.map((m) => `${m.code} ${m.file ?? ''}`);
      expect(codes(result.errors)).toEqual([]);
      // Left as warnings: innerHTML in Readability (page context), zod's probe for eval.
      const warned = new Set(result.warnings.map((w: { code: string }) => w.code));
      for (const code of warned)
        expect(['UNSAFE_VAR_ASSIGNMENT', 'DANGEROUS_EVAL']).toContain(code);
      expect(built.manifest.browser_specific_settings.gecko.data_collection_permissions).toEqual({
        required: ['websiteContent', 'browsingActivity', 'authenticationInfo'],
      });
    },
    120_000,
  );
});
