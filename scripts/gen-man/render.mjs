// Renders tsaudit's man pages: SYNOPSIS, COMMANDS, OPTIONS and EXAMPLES come from the command model
// (src/docs/model.ts, read from the commander definitions, the same source as --help); DESCRIPTION, FILES
// and any other prose come from one hand-written source per page, man/src/<page>.md, in a small markup:
//
//   ## SECTION            a section (.SH); ### Title is a subsection (.SS)
//   text                  paragraphs, separated by blank lines; `code` is bold, *word* is italic,
//                         auditctl(8) is a reference (bold name)
//       indented          (4 spaces) an example block, printed as is
//   - item                a bullet list
//   term                  a tagged paragraph (.TP): the term on one line (bold unless it has markup),
//   : text                the text on lines starting with ': '
//
// Pure: no I/O. scripts/gen-man.mjs writes the pages; test/unit/docs/man.test.ts checks them.

/** The manual section of each verb's page; any other verb is a user command (1). */
export const SECTIONS = { status: 8, set: 8, rules: 8, stream: 8 };

/** Always in SEE ALSO, after the tsaudit pages. */
export const SEE_ALSO = ['audit.rules(7)', 'auditctl(8)', 'auditd(8)', 'ausearch(8)'];

/** Generated sections, and where the prose sections go between them. */
const ORDER = [
  'NAME',
  'SYNOPSIS',
  'DESCRIPTION',
  'COMMANDS',
  'ARGUMENTS',
  'OPTIONS',
  'GLOBAL OPTIONS',
  '*',
  'EXIT STATUS',
  'ENVIRONMENT',
  'FILES',
  'NOTES',
  'BUGS',
  'EXAMPLES',
  'SEE ALSO',
];

export function pageName(cmd) {
  return cmd.path.length === 1 ? cmd.name : `${cmd.path[0]}-${cmd.path.slice(1).join('-')}`;
}

export function pageSection(cmd) {
  return cmd.path.length === 1 ? 1 : (SECTIONS[cmd.path[1]] ?? 1);
}

export function pageFile(cmd) {
  return `${pageName(cmd)}.${pageSection(cmd)}`;
}

// ------------------------------------------------------------------------------------------- escaping

/** Text for a roff text line: backslashes, leading control characters; dashes that start a word are minus. */
export function esc(text) {
  return text
    .replace(/\\/g, '\\e')
    .replace(/(^|[\s([{"'=/|,])-/g, '$1\\-')
    .replace(/\\-(-+)/g, (_, d) => `\\-${'\\-'.repeat(d.length)}`)
    .replace(/^([.'])/gm, '\\&$1');
}

/** Literal text (code): every dash is a minus sign, so it can be copied and pasted. */
export function escLiteral(text) {
  return text
    .replace(/\\/g, '\\e')
    .replace(/-/g, '\\-')
    .replace(/^([.'])/gm, '\\&$1');
}

/** Inline markup of the prose: `code`, **bold**, *italic*, name(n) references. */
export function inline(text) {
  const out = [];
  const re = /`([^`]+)`|\*\*([^*]+)\*\*|\*([^*\s][^*]*)\*|\b([A-Za-z][\w.-]*)\((\d)\)/g;
  let last = 0;
  for (let m; (m = re.exec(text)); last = re.lastIndex) {
    out.push(esc(text.slice(last, m.index)));
    if (m[1] !== undefined) out.push(`\\fB\\%${escLiteral(m[1])}\\fR`);
    else if (m[2] !== undefined) out.push(`\\fB${esc(m[2])}\\fR`);
    else if (m[3] !== undefined) out.push(`\\fI${esc(m[3])}\\fR`);
    else out.push(`\\fB${ref(m[4])}\\fR(${m[5]})`);
  }
  out.push(esc(text.slice(last)));
  return out.join('');
}

/** A page name in a reference, never broken or hyphenated at the end of a line. */
export function ref(name) {
  return `\\%${escLiteral(name)}`;
}

/** `-f, --format <format>` with flags in bold and the value name in italics. */
export function optionTerm(term) {
  return term
    .split(/(\s+|,\s*)/)
    .map((tok) => {
      if (/^\s+$|^,\s*$/.test(tok) || tok === '') return tok;
      let m;
      if ((m = /^<(.+)>$/.exec(tok))) return `\\fI${esc(m[1])}\\fR`;
      if ((m = /^\[(.+)\]$/.exec(tok))) return `[\\fI${esc(m[1])}\\fR]`;
      if (tok.startsWith('-')) return `\\fB${escLiteral(tok)}\\fR`;
      return esc(tok);
    })
    .join('');
}

/** A usage line (`[options] <shell>`): operands in italics. */
function usageArgs(usage) {
  return usage
    .split(' ')
    .filter(Boolean)
    .map((tok) => {
      let m;
      if ((m = /^\[([^\]]+)\]$/.exec(tok))) return `[\\fI${esc(m[1])}\\fR]`;
      if ((m = /^<([^>]+)>$/.exec(tok))) return `\\fI${esc(m[1])}\\fR`;
      return esc(tok);
    })
    .join(' ');
}

// ---------------------------------------------------------------------------------------------- prose

/** Splits a prose source into sections: [{ title, body }] in order. */
export function parseProse(source) {
  const sections = [];
  let current = null;
  for (const line of source.split('\n')) {
    const m = /^## +(.+?)\s*$/.exec(line);
    if (m) {
      current = { title: m[1].toUpperCase(), lines: [] };
      sections.push(current);
    } else if (current) {
      current.lines.push(line);
    } else if (line.trim() !== '' && !line.startsWith('<!--')) {
      throw new Error(`prose before the first "## SECTION": ${JSON.stringify(line)}`);
    }
  }
  return sections.map((s) => ({ title: s.title, body: s.lines.join('\n') }));
}

/** The markup of one section's body, to roff. */
export function proseToRoff(body) {
  const out = [];
  const lines = body.replace(/\s+$/, '').split('\n');
  let i = 0;
  const blank = (l) => l.trim() === '';
  while (i < lines.length) {
    const line = lines[i];
    if (blank(line)) {
      i++;
      continue;
    }
    if (/^### +/.test(line)) {
      out.push(`.SS ${quoteArg(line.replace(/^### +/, ''))}`);
      i++;
    } else if (/^ {4}/.test(line)) {
      const block = [];
      while (i < lines.length && (/^ {4}/.test(lines[i]) || (blank(lines[i]) && /^ {4}/.test(lines[i + 1] ?? '')))) {
        block.push(lines[i].slice(4));
        i++;
      }
      out.push('.PP', '.RS 4', '.EX', ...block.map((l) => (l === '' ? '' : escLiteral(l))), '.EE', '.RE');
    } else if (/^- /.test(line)) {
      while (i < lines.length && /^- /.test(lines[i])) {
        const item = [lines[i].slice(2)];
        i++;
        while (i < lines.length && /^ {2}\S/.test(lines[i])) item.push(lines[i++].trim());
        out.push('.IP \\(bu 2', inline(item.join(' ')));
      }
    } else if (/^: /.test(lines[i + 1] ?? '')) {
      while (i < lines.length && !blank(lines[i]) && /^: /.test(lines[i + 1] ?? '')) {
        const term = lines[i];
        const text = [];
        i++;
        while (i < lines.length && /^: /.test(lines[i])) text.push(lines[i++].slice(2));
        // a plain term (a field, a file, a variable) is set in bold
        out.push('.TP', /[`*]/.test(term) ? inline(term) : `\\fB${escLiteral(term)}\\fR`, inline(text.join(' ')));
      }
    } else {
      const para = [];
      while (i < lines.length && !blank(lines[i]) && !/^( {4}|- |### )/.test(lines[i])) para.push(lines[i++]);
      out.push('.PP', inline(para.join(' ')));
    }
  }
  return out.join('\n');
}

function quoteArg(s) {
  return `"${esc(s).replace(/"/g, '\\(dq')}"`;
}

// ---------------------------------------------------------------------------------------- generated

function optionItems(options) {
  return options.flatMap((o) => ['.TP', optionTerm(o.term), esc(o.description)]);
}

/** One usage line per runnable command: the command itself, or each of its subcommands. */
function synopsis(cmd) {
  const leaves = [];
  const visit = (c) => {
    const subs = c.commands.filter((s) => s.name !== 'help');
    if (subs.length === 0 || c.path.length === 1) leaves.push(c);
    if (c.path.length > 1) for (const s of subs) visit(s);
  };
  visit(cmd);
  const lines = [];
  for (const c of leaves) {
    const words = c.usage.split(' ');
    lines.push(`.SY ${quoteArg(words.slice(0, c.path.length).join(' '))}`, usageArgs(words.slice(c.path.length).join(' ')), '.YS');
  }
  return lines;
}

function argumentItems(args) {
  return args
    .filter((a) => a.description)
    .flatMap((a) => ['.TP', `\\fI${esc(a.name)}\\fR${a.variadic ? '\\&...' : ''}`, esc(a.description)]);
}

function exampleBlock(lines) {
  return lines.length ? ['.PP', '.RS 4', '.EX', ...lines.map((l) => (l === '' ? '' : escLiteral(l))), '.EE', '.RE'] : [];
}

/**
 * The text a command's --help shows after its options (addHelpText 'after'), without the Examples block:
 * paragraphs, and indented lines kept as they are.
 */
export function helpNotes(afterHelp) {
  const lines = afterHelp.split('\n');
  const ex = lines.findIndex((l) => /^\s*Examples?:\s*$/i.test(l));
  const kept = [];
  for (let i = 0; i < lines.length; i++) {
    if (i === ex) {
      for (i++; i < lines.length && (lines[i].trim() === '' || /^\s/.test(lines[i])); i++);
      i--;
      continue;
    }
    kept.push(lines[i].trimEnd());
  }
  const out = [];
  const groups = kept
    .join('\n')
    .trim()
    .split(/\n\s*\n/)
    .filter((g) => g.trim());
  for (const g of groups) {
    const gl = g.split('\n');
    if (gl.some((l) => /^\s/.test(l))) {
      const head = /^\S/.test(gl[0]) ? gl.shift() : null;
      if (head) out.push('.PP', esc(head));
      const indent = Math.min(...gl.filter((l) => l.trim()).map((l) => /^\s*/.exec(l)[0].length));
      out.push('.PP', '.RS 4', '.nf', ...gl.map((l) => esc(l.slice(indent))), '.fi', '.RE');
    } else {
      out.push('.PP', esc(gl.join(' ')));
    }
  }
  return out;
}

function commandsSection(cmd) {
  const subs = cmd.commands.filter((s) => s.name !== 'help');
  if (subs.length === 0) return null;
  const out = [];
  if (cmd.path.length === 1) {
    for (const s of subs) {
      out.push('.TP', `\\fB${esc(s.name)}\\fR`, `${esc(s.summary)}.`, '.br', `See \\fB${ref(pageName(s))}\\fR(${pageSection(s)}).`);
    }
    return out;
  }
  for (const s of subs) {
    out.push(`.SS ${quoteArg(s.usage)}`, esc(s.description || s.summary));
    const args = argumentItems(s.arguments);
    if (args.length) out.push('.PP', 'Arguments:', '.RS 4', ...args, '.RE');
    if (s.options.length) out.push('.PP', 'Options:', '.RS 4', ...optionItems(s.options), '.RE');
    out.push(...helpNotes(s.afterHelp));
    if (s.commands.length) out.push('.PP', `Commands: ${s.commands.map((c) => `\\fB${esc(c.name)}\\fR`).join(', ')}.`);
    if (s.examples.length) out.push('.PP', 'Examples:', ...exampleBlock(s.examples));
  }
  return out;
}

const EXIT_STATUS = [
  '.TP',
  '.B 0',
  'Success; also when the reader of the output went away (EPIPE).',
  '.TP',
  '.B 1',
  'A runtime error: the kernel refused a request, a file could not be read, and the like.',
  '.TP',
  '.B 2',
  'A usage error: an unknown option or command, or a bad option value.',
  '.TP',
  '.B 130',
  'Interrupted by SIGINT.',
  '.TP',
  '.B 143',
  'Terminated by SIGTERM.',
];

function seeAlso(cmd, registeredPages, extra) {
  const self = pageName(cmd);
  const refs = [...registeredPages.filter((p) => p.name !== self).map((p) => `${p.name}(${p.section})`)];
  for (const r of [...extra, ...SEE_ALSO]) if (!refs.includes(r)) refs.push(r);
  return refs.map((r, i) => {
    const m = /^(.+)\((\d)\)$/.exec(r);
    return `.BR ${ref(m[1])} (${m[2]})${i < refs.length - 1 ? ',' : ''}`;
  });
}

/**
 * The page of one command (the root or a verb).
 * @param cmd CommandModel
 * @param opts { version, date, prose: string | undefined, pages: [{ name, section }] }
 */
export function renderPage(cmd, { version, date, prose, pages }) {
  const name = pageName(cmd);
  const section = pageSection(cmd);
  const proseSections = prose === undefined ? [] : parseProse(prose);
  const sections = new Map();
  const add = (title, lines) => {
    if (lines && lines.length) sections.set(title, lines);
  };
  const proseName = proseSections.find((s) => s.title === 'NAME')?.body.trim();
  add('NAME', [`${escLiteral(name)} \\- ${esc((proseName || cmd.summary).replace(/\.$/, ''))}`]);
  add('SYNOPSIS', synopsis(cmd));
  add('DESCRIPTION', ['.PP', esc(cmd.description)]);
  add('COMMANDS', commandsSection(cmd));
  add('ARGUMENTS', argumentItems(cmd.arguments));
  add('OPTIONS', optionItems(cmd.options));
  add(
    'GLOBAL OPTIONS',
    cmd.globalOptions.length
      ? ['.PP', 'Options of \\fBtsaudit\\fR(1), accepted anywhere on the command line:', ...optionItems(cmd.globalOptions)]
      : null,
  );
  add('EXIT STATUS', EXIT_STATUS);
  add('FILES', ['.PP', `\\fB${esc(cmd.path[0])}\\fR reads no configuration file.`]);
  const examples = exampleBlock(cmd.examples);
  let extraSeeAlso = [];
  const others = [];
  for (const s of proseSections) {
    if (s.title === 'NAME') {
      continue;
    } else if (s.title === 'SEE ALSO') {
      extraSeeAlso = s.body.split(/[,\s]+/).filter(Boolean);
    } else if (s.title === 'EXAMPLES') {
      add('EXAMPLES', [...proseToRoff(s.body).split('\n'), ...examples]);
    } else if (s.title === 'EXIT STATUS') {
      add('EXIT STATUS', [...proseToRoff(s.body).split('\n'), ...EXIT_STATUS]);
    } else if (ORDER.includes(s.title)) {
      sections.set(s.title, proseToRoff(s.body).split('\n'));
    } else {
      others.push([s.title, proseToRoff(s.body).split('\n')]);
    }
  }
  if (!sections.has('EXAMPLES')) add('EXAMPLES', examples);
  add('SEE ALSO', seeAlso(cmd, pages, extraSeeAlso));

  const title = section === 8 ? 'System Administration' : 'User Commands';
  const out = [
    `.\\" ${name}(${section}): generated by scripts/gen-man.mjs from tsaudit's command definitions`,
    `.\\" and man/src/${name}.md. Edit those, not this file.`,
    `.TH ${name.toUpperCase()} ${section} ${date} "tsaudit ${version}" "${title}"`,
  ];
  for (const t of ORDER) {
    if (t === '*') {
      for (const [ot, lines] of others) out.push(`.SH ${quoteArg(ot)}`, ...lines);
    } else if (sections.has(t)) {
      out.push(`.SH ${t.includes(' ') ? `"${t}"` : t}`, ...sections.get(t));
    }
  }
  return `${tidy(out.join('\n').split('\n')).join('\n')}\n`;
}

/**
 * Source hygiene (mandoc -Tlint): no paragraph macro right after a heading, and text lines broken after
 * sentences and before 80 columns where a space allows.
 */
function tidy(lines) {
  const out = [];
  let fill = true;
  for (const line of lines) {
    if (line === '.EX' || line === '.nf') fill = false;
    if (line === '.EE' || line === '.fi') fill = true;
    if (line === '.PP' && /^\.S[HS]\b/.test(out[out.length - 1] ?? '')) continue;
    // the line after .TP is the tag: one line by definition
    if (!fill || line.startsWith('.') || line.length <= 80 || out[out.length - 1] === '.TP') {
      out.push(line);
      continue;
    }
    for (const sentence of line.split(/(?<=[.;:?!]) +(?=[^\s.'])/)) out.push(...wrap(sentence, 80));
  }
  return out;
}

function wrap(text, width) {
  const lines = [];
  let cur = '';
  for (const word of text.split(' ')) {
    if (cur && cur.length + 1 + word.length > width) {
      lines.push(cur);
      cur = word;
    } else {
      cur = cur ? `${cur} ${word}` : word;
    }
  }
  if (cur) lines.push(cur);
  // a text line must not start with a control character
  return lines.map((l) => l.replace(/^([.'])/, '\\&$1'));
}

/** Every page: the root's and one per registered verb. prose: Map(page name -> source). */
export function renderPages(root, { version, date, prose }) {
  const cmds = [root, ...root.commands.filter((c) => c.name !== 'help')];
  const pages = cmds.map((c) => ({ name: pageName(c), section: pageSection(c), file: pageFile(c), cmd: c }));
  return pages.map((p) => ({
    ...p,
    content: renderPage(p.cmd, { version, date, prose: prose.get(p.name), pages: pages.map(({ name, section }) => ({ name, section })) }),
  }));
}
