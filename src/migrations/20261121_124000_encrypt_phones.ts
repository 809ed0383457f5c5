import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

import { decrypt, encrypt, isEncrypted } from './snapshots/20261121_phone_crypto'

/**
 * Phone numbers stored before field encryption are encrypted in place (AES-256-GCM with the
 * current key). Down decrypts them again. Written by hand. The encryption is the frozen copy of
 * src/privacy/crypto.ts of this migration's time (./snapshots/20261121_phone_crypto.ts), not the live module.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  const rows = (await db.execute(
    sql`SELECT id, phone FROM users WHERE phone IS NOT NULL AND phone <> '' AND phone NOT LIKE 'enc:%'`,
  )) as unknown as { rows: Array<{ id: number; phone: string }> }
  for (const row of rows.rows) {
    await db.execute(sql`UPDATE users SET phone = ${encrypt(row.phone)} WHERE id = ${row.id}`)
  }
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  const rows = (await db.execute(sql`SELECT id, phone FROM users WHERE phone LIKE 'enc:%'`)) as unknown as {
    rows: Array<{ id: number; phone: string }>
  }
  for (const row of rows.rows) {
    if (isEncrypted(row.phone)) await db.execute(sql`UPDATE users SET phone = ${decrypt(row.phone)} WHERE id = ${row.id}`)
  }
}
