import type { FaceProvider } from '@facegate/core';

/** The offline engine's provider, or why it is not available (the package is built on another branch until merged). */
export async function loadLocalProvider(): Promise<
  { provider: FaceProvider & { warmUp(): Promise<void> } } | { missing: string }
> {
  try {
    const specifier = '@facegate/adapter-local';
    const mod = (await import(/* @vite-ignore */ specifier)) as {
      createLocalProvider: () => FaceProvider & { warmUp(): Promise<void> };
    };
    return { provider: mod.createLocalProvider() };
  } catch (error) {
    return { missing: error instanceof Error ? (error.message.split('\n')[0] ?? 'unknown') : String(error) };
  }
}
