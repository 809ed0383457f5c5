import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'crypto'

/**
 * FROZEN COPY of src/privacy/crypto.ts as it stood at migration 20261121_124000_encrypt_phones
 * (written in commit be2ead7; the live file has only been reformatted since). Only what that
 * migration uses is kept: isEncrypted, encrypt and decrypt with the keyring they read (no cache,
 * no rotation helpers; a missing key throws a plain Error instead of DecryptError).
 * A migration must keep doing what it did when it was written: never edit this file to follow the
 * live code. If the live format or key derivation changes, a new migration converts the stored
 * values; this file stays as it is.
 *
 * AES-256-GCM, a fresh 96-bit IV per value, the key identifier as additional data and in the value.
 *   PII_KEYS="k2:<base64 32 bytes>,k1:<base64 32 bytes>"   the first is current
 * Without PII_KEYS a key "dev" is derived from PAYLOAD_SECRET (hkdf sha256, salt 'party-pii', info
 * 'phone-aes-256-gcm'). Stored form: enc:v1:<kid>:<iv>:<tag>:<ciphertext> (base64url).
 */
const PREFIX = 'enc:v1:'

type Keyring = { current: string; keys: Map<string, Buffer> }

const keyring = (): Keyring => {
  const keys = new Map<string, Buffer>()
  let current = ''
  for (const entry of (process.env.PII_KEYS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [id, b64] = entry.split(':')
    const key = Buffer.from(b64 ?? '', 'base64')
    if (!id || !/^[A-Za-z0-9_-]{1,16}$/.test(id) || key.length !== 32) {
      throw new Error(`PII_KEYS 格式错误：每项应为 “标识:32 字节密钥的 base64”，例如 k1:${randomBytes(32).toString('base64')}`)
    }
    keys.set(id, key)
    current ||= id
  }
  if (!process.env.PAYLOAD_SECRET && keys.size === 0) throw new Error('缺少 PII_KEYS（或开发环境的 PAYLOAD_SECRET），无法加密个人信息')
  if (process.env.PAYLOAD_SECRET) {
    keys.set('dev', Buffer.from(hkdfSync('sha256', process.env.PAYLOAD_SECRET, 'party-pii', 'phone-aes-256-gcm', 32)))
    current ||= 'dev'
  }
  return { current, keys }
}

export const isEncrypted = (value: unknown): boolean => typeof value === 'string' && value.startsWith(PREFIX)

export const encrypt = (plain: string): string => {
  const { current, keys } = keyring()
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', keys.get(current)!, iv)
  cipher.setAAD(Buffer.from(current))
  const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
  return `${PREFIX}${current}:${iv.toString('base64url')}:${cipher.getAuthTag().toString('base64url')}:${ct.toString('base64url')}`
}

export const decrypt = (stored: string): string => {
  if (!isEncrypted(stored)) return stored
  const [kid, iv, tag, ct] = stored.slice(PREFIX.length).split(':')
  const key = keyring().keys.get(kid ?? '')
  if (!key) throw new Error(`缺少密钥 ${kid}：请在 PII_KEYS 中保留轮换前的密钥`)
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv ?? '', 'base64url'))
  decipher.setAAD(Buffer.from(kid!))
  decipher.setAuthTag(Buffer.from(tag ?? '', 'base64url'))
  return Buffer.concat([decipher.update(Buffer.from(ct ?? '', 'base64url')), decipher.final()]).toString('utf8')
}
