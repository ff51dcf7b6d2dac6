// The logic of scripts/check-docs.mjs, kept free of I/O where it can be so it
// is testable: markdown scanning, GitHub heading anchors, link resolution and
// code-sample extraction.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** Paths (relative to the repo root) that are generated and not committed: links into them are not checked. */
export const GENERATED_PATHS = ['docs/api'];

/** The markdown files the docs check covers, relative to `root`, sorted. */
export function listMarkdownFiles(root) {
  const files = ['README.md'];
  const walk = (dir) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (GENERATED_PATHS.includes(path)) continue;
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.md')) files.push(path);
    }
  };
  if (existsSync(join(root, 'docs'))) walk('docs');
  for (const group of ['packages', 'examples']) {
    if (!existsSync(join(root, group))) continue;
    for (const name of readdirSync(join(root, group)).sort()) {
      if (existsSync(join(root, group, name, 'README.md'))) files.push(`${group}/${name}/README.md`);
    }
  }
  return [...new Set(files)].sort();
}

/**
 * Split markdown into lines, marking the lines inside fenced code blocks.
 * Returns `{ text, line, fence }` per line (`fence` is the info string of the
 * enclosing block, or null outside blocks; fence lines themselves are `'```'`).
 */
export function scanLines(markdown) {
  const out = [];
  let open = null; // { marker, info }
  markdown.split('\n').forEach((text, index) => {
    const fence = /^\s*(`{3,}|~{3,})(.*)$/.exec(text);
    if (fence && !open) {
      open = { marker: fence[1], info: fence[2].trim() };
      out.push({ text, line: index + 1, fence: '```', info: open.info, opens: true });
      return;
    }
    if (
      fence &&
      open &&
      fence[1].startsWith(open.marker[0]) &&
      fence[1].length >= open.marker.length &&
      !fence[2].trim()
    ) {
      out.push({ text, line: index + 1, fence: '```', closes: true });
      open = null;
      return;
    }
    out.push({ text, line: index + 1, fence: open ? open.info : null });
  });
  return out;
}

/** Inline code spans removed (their content is not markdown). */
function withoutCodeSpans(text) {
  return text.replace(/(`+)[\s\S]*?\1/g, (m) => ' '.repeat(m.length));
}

/** Every link target in a markdown document: `[text](target)`, `![alt](target)`, `[ref]: target`, `<a href>`. */
export function extractLinks(markdown) {
  const links = [];
  for (const { text, line, fence } of scanLines(markdown)) {
    if (fence !== null) continue;
    const plain = withoutCodeSpans(text);
    for (const m of plain.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) links.push({ target: m[1], line });
    const ref = /^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+.*)?$/.exec(plain);
    if (ref) links.push({ target: ref[1], line });
    for (const m of plain.matchAll(/<a\s[^>]*href="([^"]+)"/g)) links.push({ target: m[1], line });
  }
  return links;
}

/** GitHub's anchor for a heading text (github-slugger): lower case, punctuation dropped, spaces → hyphens. */
export function slugify(heading) {
  const text = heading
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/[`*~]/g, '')
    .replace(/(^|\s)_+|_+(\s|$)/g, '$1$2')
    .trim()
    .toLowerCase();
  return text.replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '').replace(/ /g, '-');
}

/** The anchors a markdown document defines: headings (with GitHub's -1, -2 … for repeats) and `<a id|name>`. */
export function anchorsOf(markdown) {
  const anchors = new Set();
  const seen = new Map();
  for (const { text, fence } of scanLines(markdown)) {
    if (fence !== null) continue;
    const heading = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(text);
    if (heading) {
      const base = slugify(heading[1]);
      const count = seen.get(base) ?? 0;
      seen.set(base, count + 1);
      anchors.add(count === 0 ? base : `${base}-${count}`);
    }
    for (const m of text.matchAll(/<a\s[^>]*(?:id|name)="([^"]+)"/g)) anchors.add(m[1]);
  }
  return anchors;
}

/** Whether a link target leaves the repository (a URL with a scheme, or protocol-relative). */
export function isExternal(target) {
  return /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//');
}

/**
 * Check every relative link of one markdown file. `read(path)` returns a
 * file's text or undefined; `exists(path)` tells whether a path exists.
 * Returns problems as `{ file, line, target, problem }`.
 */
export function checkLinks(root, file, markdown, { exists, read }) {
  const problems = [];
  for (const { target, line } of extractLinks(markdown)) {
    if (isExternal(target)) continue;
    const [pathPart, anchor] = splitTarget(target);
    if (!pathPart) {
      if (anchor && !anchorsOf(markdown).has(decodeURIComponent(anchor)))
        problems.push({ file, line, target, problem: `no heading for #${anchor} in this file` });
      continue;
    }
    const absolute = resolve(root, dirname(file), decodeURIComponent(pathPart));
    const rel = relative(root, absolute).split('\\').join('/');
    if (rel.startsWith('..')) {
      problems.push({ file, line, target, problem: 'points outside the repository' });
      continue;
    }
    if (GENERATED_PATHS.some((g) => rel === g || rel.startsWith(`${g}/`))) continue;
    if (!exists(absolute)) {
      problems.push({ file, line, target, problem: `${rel} does not exist` });
      continue;
    }
    if (anchor === undefined) continue;
    if (!rel.endsWith('.md')) {
      if (!/^L\d+(-L\d+)?$/.test(anchor))
        problems.push({ file, line, target, problem: `#${anchor} on a file that is not markdown` });
      continue;
    }
    const text = read(absolute);
    if (text === undefined) {
      problems.push({ file, line, target, problem: `${rel} cannot be read` });
      continue;
    }
    if (!anchorsOf(text).has(decodeURIComponent(anchor))) {
      problems.push({ file, line, target, problem: `${rel} has no heading for #${anchor}` });
    }
  }
  return problems;
}

function splitTarget(target) {
  const noQuery = target.replace(/\?[^#]*/, '');
  const hash = noQuery.indexOf('#');
  return hash < 0 ? [noQuery, undefined] : [noQuery.slice(0, hash), noQuery.slice(hash + 1)];
}

/** Languages whose fenced samples are type-checked. */
const TS_LANGS = new Set(['ts', 'typescript']);

/**
 * The TypeScript samples of a markdown file: fenced blocks whose info string
 * starts with `ts` / `typescript`, unless it also says `nocheck`.
 * Returns `{ line, code, nocheck }` (`line`: first code line in the file).
 */
export function extractTsSamples(markdown) {
  const samples = [];
  let current = null;
  for (const entry of scanLines(markdown)) {
    if (entry.opens) {
      const [lang, ...flags] = entry.info.split(/\s+/);
      current = TS_LANGS.has(lang) ? { line: entry.line + 1, lines: [], nocheck: flags.includes('nocheck') } : null;
      continue;
    }
    if (entry.closes) {
      if (current) samples.push({ line: current.line, code: current.lines.join('\n'), nocheck: current.nocheck });
      current = null;
      continue;
    }
    if (current) current.lines.push(entry.text);
  }
  return samples;
}

/** File-system helpers for {@link checkLinks}. */
export const fsAccess = {
  exists: (path) => existsSync(path),
  read: (path) => {
    try {
      return statSync(path).isFile() ? readFileSync(path, 'utf8') : undefined;
    } catch {
      return undefined;
    }
  },
};
