import { readFileSync } from 'fs'
import path from 'path'
import { fileURLToPath } from 'url'

import { dictionary } from '@zxcvbn-ts/language-common'

/**
 * Password rules (等保 2.0 level 3 身份鉴别: complexity, no guessable passwords): at least 8
 * characters, at least three of upper case, lower case, digits and symbols, not containing the
 * account name, not a common password — nor a common password with digits or symbols stuck on.
 */
export const MIN_LENGTH = 8
export const MAX_LENGTH = 128

const here = path.dirname(fileURLToPath(import.meta.url))
let common: Set<string> | undefined
const commonPasswords = () => {
  if (!common) {
    const own = readFileSync(path.join(here, 'common-passwords.txt'), 'utf8')
      .split('\n')
      .map((l) => l.trim().toLowerCase())
      .filter((l) => l && !l.startsWith('#'))
    common = new Set([...(dictionary['passwords-common'] as string[]).map((p) => String(p).toLowerCase()), ...own])
  }
  return common
}

const classesOf = (password: string) => [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length

/** The word a person built the password on: letters only, leet digits read back as letters. */
const coreOf = (password: string) =>
  password
    .toLowerCase()
    .replace(/^[^a-z]+|[^a-z]+$/g, '')
    .replace(/@/g, 'a')
    .replace(/0/g, 'o')
    .replace(/1/g, 'i')
    .replace(/3/g, 'e')
    .replace(/\$/g, 's')

export type Account = { email?: string | null; name?: string | null; staffNumber?: string | null }

/** Names the account is known by, as they could appear inside a password. */
const accountNames = (account: Account): string[] => {
  const names = [account.email?.split('@')[0], account.email, account.name, account.staffNumber]
  return names.map((n) => (n ?? '').trim().toLowerCase()).filter((n) => Array.from(n).length >= 3)
}

/** Why this password is refused, in words the person can act on; null when it is acceptable. */
export const passwordProblem = (password: unknown, account: Account = {}): string | null => {
  if (typeof password !== 'string') return '密码必须是文本'
  if (Array.from(password).length < MIN_LENGTH) return `密码至少 ${MIN_LENGTH} 位`
  if (password.length > MAX_LENGTH) return `密码不能超过 ${MAX_LENGTH} 位`
  if (classesOf(password) < 3) return '密码须包含大写字母、小写字母、数字、符号中的至少三类'
  const lower = password.toLowerCase()
  if (accountNames(account).some((n) => lower.includes(n))) return '密码不能包含账号名、邮箱前缀、姓名或工号'
  const list = commonPasswords()
  if (list.has(lower)) return '该密码过于常见，容易被猜中，请换一个'
  const core = coreOf(password)
  if (core.length >= 4 && list.has(core)) return '该密码是常见密码加数字或符号，容易被猜中，请换一个'
  return null
}
