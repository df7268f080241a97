// Syscall number -> name for record-level output, by the record's arch (hex AUDIT_ARCH_* code).
// The syscall tables are generated data on the `tables` branch; until they are merged this resolves nothing.

/** Name of syscall `nr` (decimal string) on `arch` (hex code string), or undefined when unknown. */
export function syscallNameFor(_arch: string | undefined, _nr: string): string | undefined {
  return undefined;
}
