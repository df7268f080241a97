// README.md and docs/*.md rendered with a CommonMark parser (markdown-it): every code fence is closed (an
// unclosed one swallows the rest of the document, headings included), and every local link points at a
// file or directory that exists and, with a #fragment, at a heading that exists (GitHub's anchor rules).

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import MarkdownIt, { type Token } from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../helpers/cli.js';

// CommonMark as markdown-it's default preset implements it, with HTML allowed as GitHub allows it
const md = new MarkdownIt({ html: true });

/** GitHub's anchor for a heading: lower case, punctuation dropped, blanks to '-', repeats numbered. */
export function slugs(headings: string[]): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const h of headings) {
    const base = h
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

function inlineText(t: Token | undefined): string {
  return (t?.children ?? []).map((c) => (c.type === 'text' || c.type === 'code_inline' ? c.content : '')).join('');
}

interface Parsed {
  tokens: Token[];
  lines: string[];
  anchors: Set<string>;
}

function parse(text: string): Parsed {
  const tokens = md.parse(text, {});
  const headings: string[] = [];
  tokens.forEach((t, i) => {
    if (t.type === 'heading_open') headings.push(inlineText(tokens[i + 1]));
  });
  return { tokens, lines: text.split('\n'), anchors: slugs(headings) };
}

/** Problems of one document: unclosed fences and dead local links, as `FILE:LINE: what`. */
export function checkMarkdown(file: string, text: string, read: (path: string) => string | undefined = readIfMarkdown): string[] {
  const problems: string[] = [];
  const { tokens, lines, anchors } = parse(text);
  const at = (t: Token) => `${relative(ROOT, file) || file}:${(t.map?.[0] ?? 0) + 1}`;
  const walk = (list: Token[], line: Token) => {
    for (const t of list) {
      if (t.type === 'fence') {
        const [start, end] = t.map!;
        const last = lines[end - 1] ?? '';
        const close = /^\s*(`{3,}|~{3,})\s*$/.exec(last);
        const closed = end - 1 > start && close !== null && close[1]![0] === t.markup[0] && close[1]!.length >= t.markup.length;
        if (!closed) problems.push(`${at(t)}: code fence ${t.markup} is never closed`);
        // A fence left open is closed by the next fence's closing line, so pairs shift and the text between
        // (headings too) renders as code. Its mark: a line inside that opens a fence of the same kind.
        const inner = t.content.split('\n').findIndex((l) => {
          const m = /^ {0,3}(`{3,}|~{3,})[^`~\s]/.exec(l);
          return m !== null && m[1]![0] === t.markup[0] && m[1]!.length >= t.markup.length;
        });
        if (inner >= 0)
          problems.push(`${at(t)}: code fence ${t.markup} is not closed before line ${start + inner + 2}, which opens another`);
      }
      if (t.type === 'link_open' || t.type === 'image') {
        const href = t.type === 'image' ? t.attrGet('src') : t.attrGet('href');
        const problem = href === null ? undefined : deadLink(file, String(href), anchors, read);
        if (problem) problems.push(`${at(line)}: ${problem}`);
      }
      if (t.children) walk(t.children, t);
    }
  };
  for (const t of tokens) walk([t], t);
  return problems;
}

function readIfMarkdown(path: string): string | undefined {
  return /\.md$/i.test(path) && existsSync(path) && statSync(path).isFile() ? readFileSync(path, 'utf8') : undefined;
}

function deadLink(file: string, href: string, anchors: Set<string>, read: (path: string) => string | undefined): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) return undefined; // not local
  const [rawPath = '', fragment] = href.split('#', 2);
  const path = decodeURIComponent(rawPath);
  if (path === '') {
    return fragment === undefined || anchors.has(fragment) ? undefined : `link to #${fragment}: no such heading here`;
  }
  const target = resolve(dirname(file), path);
  if (!existsSync(target)) return `link to ${href}: no such file ${relative(ROOT, target)}`;
  if (fragment === undefined) return undefined;
  const text = read(target);
  if (text === undefined) return undefined; // an anchor in a non-Markdown file: not ours to check
  return parse(text).anchors.has(fragment) ? undefined : `link to ${href}: no heading #${fragment} in ${relative(ROOT, target)}`;
}

const DOCS = join(ROOT, 'docs');
const files = [
  join(ROOT, 'README.md'),
  ...(existsSync(DOCS)
    ? readdirSync(DOCS)
        .filter((f) => f.endsWith('.md'))
        .map((f) => join(DOCS, f))
    : []),
];

describe('the checker', () => {
  it('finds an unclosed fence', () => {
    const doc = '# A\n\n```sh\nnpm test\n\n## B\n';
    expect(checkMarkdown(join(ROOT, 'x.md'), doc)).toEqual(['x.md:3: code fence ``` is never closed']);
  });
  it('finds a fence left open in the middle, closed by a later fence', () => {
    const doc = '# A\n\n```\nx\n\n## B\n\n```sh\nnpm test\n```\n';
    expect(checkMarkdown(join(ROOT, 'x.md'), doc)).toEqual(['x.md:3: code fence ``` is not closed before line 8, which opens another']);
  });
  it('accepts a fence inside a longer one', () => {
    expect(checkMarkdown(join(ROOT, 'x.md'), '````md\n```sh\nx\n```\n````\n')).toEqual([]);
  });
  it('accepts closed fences, longer closers and tildes', () => {
    expect(checkMarkdown(join(ROOT, 'x.md'), '````\n```\n````\n\n~~~\nx\n~~~\n\n- item\n\n  ```\n  y\n  ```\n')).toEqual([]);
  });
  it('finds dead files and anchors, and accepts live ones', () => {
    const doc =
      '# Set up\n## Set up\n[a](#set-up) [b](#set-up-1) [c](#nope) [d](LICENSE) [e](missing.md) [f](README.md#nope) [g](https://x.org/#y) [h](test/)';
    expect(checkMarkdown(join(ROOT, 'x.md'), doc)).toEqual([
      'x.md:3: link to #nope: no such heading here',
      'x.md:3: link to missing.md: no such file missing.md',
      'x.md:3: link to README.md#nope: no heading #nope in README.md',
    ]);
  });
  it('makes GitHub anchors', () => {
    expect([...slugs(['Man pages and completion', 'interpret: `tsaudit parse -i`', 'What it cannot do (yet)', 'A', 'A'])]).toEqual([
      'man-pages-and-completion',
      'interpret-tsaudit-parse--i',
      'what-it-cannot-do-yet',
      'a',
      'a-1',
    ]);
  });
});

describe('README.md and docs/*.md', () => {
  it('there are docs', () => expect(files.length).toBeGreaterThan(1));

  it.each(files.map((f) => [relative(ROOT, f), f]))('%s: fences closed, local links alive', (_name, file) => {
    expect(checkMarkdown(file, readFileSync(file, 'utf8'))).toEqual([]);
  });

  it('README.md is a user’s README: about 250 lines at most, with the two set-up commands', () => {
    const text = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
    console.log(`README.md: ${lines} lines`);
    expect(lines, 'README.md is for users; maintainer material goes to docs/').toBeLessThanOrEqual(260);
    expect(text).toContain('npm install');
    expect(text).toContain('npm test');
  });
});
