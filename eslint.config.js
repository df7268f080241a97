// ESLint 9 flat config: typescript-eslint's recommended rules, Prettier's config last (formatting is
// Prettier's job, not the linter's), and the import boundaries of docs/architecture.md:
//
//   bin -> src/cli.ts -> src/commands -> { search, report } -> { pipeline, stream, rules, status, netlink, parse, format, tables }
//
// Each layer lists what it must not import. Static imports are checked by no-restricted-imports, dynamic
// `import('…')` by no-restricted-syntax. ESLint replaces (does not merge) a rule's options when two blocks
// match a file, so every block below carries its whole list.

import { readFileSync } from 'node:fs';
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const KOFFI = { group: ['koffi'], message: 'only src/netlink/socket.ts loads koffi' };
const UP = { group: ['**/cli.js', '**/commands/*'], message: 'imports point downward: nothing below the commands imports them or the CLI' };
const RUNTIME = {
  group: ['**/runtime.js', 'commander'],
  message: 'no process-wide state or commander below the commands: take an AbortSignal / plain options',
};
const NETLINK = { group: ['**/netlink/*'], message: 'src/parse reads text; it never imports the kernel client' };
const ABOVE_PARSE = { group: ['**/pipeline/*', '**/stream/*'], message: 'src/parse is below the pipeline and the stream' };
const ABOVE_NETLINK = {
  group: ['**/pipeline/*', '**/stream/*', '**/rules/*', '**/status/*', '**/parse/*'],
  message: 'src/netlink is the kernel client: it knows no verb',
};
const ABOVE_FIELDS = {
  group: ['**/pipeline/*', '**/stream/*', '**/search/*', '**/report/*'],
  message: 'src/audit-fields is the extraction search and report share: it imports neither them nor the pipeline',
};
const OURS = { group: ['../*', '../**'], message: 'src/tables is generated data: it imports nothing of ours' };

/** Generated tables (their generators own their layout): .prettierignore's list. */
const GENERATED = readFileSync(new URL('./.prettierignore', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.startsWith('src/'));

/** The same list as a no-restricted-syntax selector, for `import('…')`. */
function dynamic(patterns) {
  return patterns.map(({ group, message }) => {
    const alternatives = group.map((g) =>
      g
        .replace(/[.]/g, '\\.')
        .replace(/\*\*\//g, '')
        .replace(/\*+/g, '[^/]*')
        .replace(/\//g, '\\/'),
    );
    return { selector: `ImportExpression[source.value=/(^|\\/)(${alternatives.join('|')})$/]`, message };
  });
}

function layer(files, patterns, ignores = []) {
  return {
    files,
    ignores,
    rules: {
      'no-restricted-imports': ['error', { patterns }],
      'no-restricted-syntax': ['error', ...dynamic(patterns)],
    },
  };
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'reports/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: globals.node },
    rules: {
      // an audit parser handles control characters on purpose (escaping, hex-encoded fields, colour codes)
      'no-control-regex': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  // Functions a reader can hold in mind (issue 14). Where a long function is really one table or one switch,
  // an eslint-disable comment beside it says so. Generated tables are data.
  {
    files: ['src/**/*.ts'],
    ignores: GENERATED,
    rules: { 'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }] },
  },
  layer(['src/**/*.ts'], [KOFFI], ['src/netlink/socket.ts']),
  layer(['src/commands/**/*.ts'], [KOFFI, { group: ['**/cli.js'], message: 'commands are registered by the CLI, not the reverse' }]),
  layer(
    [
      'src/search/**/*.ts',
      'src/report/**/*.ts',
      'src/pipeline/**/*.ts',
      'src/stream/**/*.ts',
      'src/rules/**/*.ts',
      'src/status/**/*.ts',
      'src/format/**/*.ts',
    ],
    [KOFFI, UP, RUNTIME],
  ),
  layer(['src/parse/**/*.ts'], [KOFFI, UP, RUNTIME, NETLINK, ABOVE_PARSE]),
  // ECS documents and the outputs that ship them: below the pipeline, which composes them into sinks.
  layer(['src/ecs/**/*.ts', 'src/ship/**/*.ts'], [KOFFI, UP, RUNTIME, NETLINK, ABOVE_PARSE]),
  layer(['src/audit-fields/**/*.ts'], [KOFFI, UP, RUNTIME, NETLINK, ABOVE_FIELDS]),
  layer(['src/netlink/**/*.ts'], [KOFFI, UP, RUNTIME, ABOVE_NETLINK], ['src/netlink/socket.ts']),
  layer(['src/netlink/socket.ts'], [UP, RUNTIME, ABOVE_NETLINK]),
  layer(['src/tables/**/*.ts'], [KOFFI, OURS]),
  prettier,
);
