// The search verb's flags as commander hands them over, and its output formats: shared by the command's
// option table (src/commands/search.ts) and the composition that runs it (command.ts).

/** Output formats: ausearch's (raw, default, interpret, csv, text) and tsaudit's record objects (json, yaml). */
export const SEARCH_FORMATS = ['raw', 'default', 'interpret', 'csv', 'text', 'json', 'yaml'] as const;
export type SearchFormat = (typeof SEARCH_FORMATS)[number];

export interface SearchFlags {
  [key: string]: unknown;
  input?: string[];
  inputLogs?: boolean;
  checkpoint?: string;
  eoeTimeout?: string;
  justOne?: boolean;
  raw?: boolean;
  interpret?: boolean;
  format?: string;
  normalize?: boolean;
  id?: boolean;
  extraKeys?: boolean;
  extraLabels?: boolean;
  extraObj2?: boolean;
  extraTime?: boolean;
  escape?: string;
  lineBuffered?: boolean;
}
