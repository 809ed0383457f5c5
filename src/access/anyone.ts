import type { Access } from 'payload'

/** Public reference data (e.g. the theme list) that anyone, signed in or not, may read. */
export const anyone: Access = () => true
