import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

import { decrypt, encrypt, isEncrypted } from '../privacy/crypto'

/**
 * Phone numbers stored before field encryption are encrypted in place (AES-256-GCM with the
 * current key, see src/privacy/crypto.ts). Down decrypts them again. Written by hand.
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
