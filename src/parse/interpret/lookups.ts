// The table lookups interpretation needs (arch, syscall and errno names), bound to the generated tables.

import { archName } from '../../tables/arch.js';
import { errnoName } from '../../tables/errno.js';
import { syscallName } from '../../tables/syscalls.js';
import type { Lookups } from '../normalize/record-data.js';

export const TABLE_LOOKUPS: Lookups = {
  archName: (code) => archName(code),
  syscallName: (code, nr) => syscallName(code, nr),
  errnoName: (n) => errnoName(n),
};
