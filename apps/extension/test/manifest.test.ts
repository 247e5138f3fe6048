import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
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
});
