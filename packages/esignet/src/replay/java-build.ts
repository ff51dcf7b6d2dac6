// Test support (not exported): build the Java plugin with the machine's JDK
// and Debian's jars, against the compile-only SPI stand-in, and run its JUnit
// test. No Maven: no repository is reachable in CI.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const javaDir = fileURLToPath(new URL('../../java/', import.meta.url));

/** Debian's jars the build needs (packages libjackson2-databind-java, junit4). */
export const DEBIAN_JARS = {
  'jackson-databind': '/usr/share/java/jackson-databind.jar',
  'jackson-core': '/usr/share/java/jackson-core.jar',
  'jackson-annotations': '/usr/share/java/jackson-annotations.jar',
  junit4: '/usr/share/java/junit4.jar',
  'hamcrest-core': '/usr/share/java/hamcrest-core.jar',
} as const;

function javaFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? javaFiles(path) : name.endsWith('.java') ? [path] : [];
  });
}

/** What is missing to build, as an install hint (empty when all is there). */
export function missingJavaTools(): string[] {
  const missing: string[] = [];
  if (spawnSync('javac', ['-version']).status !== 0)
    missing.push('a JDK (javac), e.g. apt-get install -y openjdk-17-jdk-headless');
  const jars = Object.values(DEBIAN_JARS).filter((jar) => !existsSync(jar));
  if (jars.length > 0) missing.push(`${jars.join(', ')} (apt-get install -y libjackson2-databind-java junit4)`);
  return missing;
}

/** Compile stand-in, plugin and test into a temp dir; returns the class path to run with. */
export function compilePlugin(): { classes: string; classpath: string; output: string } {
  const classes = mkdtempSync(join(tmpdir(), 'facegate-esignet-java-'));
  const jars = Object.values(DEBIAN_JARS).join(':');
  const sources = [
    ...javaFiles(join(javaDir, 'spi-stand-in')),
    ...javaFiles(join(javaDir, 'src/main/java')),
    ...javaFiles(join(javaDir, 'src/test/java')),
  ];
  const javac = spawnSync(
    'javac',
    ['--release', '11', '-Xlint:all', '-Werror', '-encoding', 'UTF-8', '-d', classes, '-cp', jars, ...sources],
    { encoding: 'utf8' },
  );
  if (javac.status !== 0) throw new Error(`javac failed:\n${javac.stdout}${javac.stderr}`);
  return { classes, classpath: `${classes}:${jars}`, output: javac.stderr };
}

/** Run the plugin's JUnit test with system properties; resolves with JUnit's output and exit status. */
export function runJunit(
  classpath: string,
  properties: Record<string, string>,
): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      'java',
      [
        '-cp',
        classpath,
        ...Object.entries(properties).map(([k, v]) => `-D${k}=${v}`),
        'org.junit.runner.JUnitCore',
        'io.facegate.esignet.FacegateIdentityVerifierPluginTest',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('close', (status) => resolve({ status, output }));
  });
}
