/**
 * `npm run create-admin -- <email> <姓名> <role>`: creates a staff account without a password (the
 * first administrators of a production install, where no demo accounts exist) and prints the
 * one-hour set-password link. Roles: sysAdmin, securityAdmin, auditor, or any other staff role.
 *   npm run create-admin -- zhou@univ.edu.cn 周建国 sysAdmin
 */
import { getPayload } from 'payload'

import config from '../payload.config'
import { ROLES, type Role } from '../src/access/roles'
import { closePayload } from '../src/db/migrate'

const [email, name, role] = process.argv.slice(2)
if (!email || !name || !role || !ROLES.includes(role as Role) || role === 'member') {
  console.error(`用法：npm run create-admin -- <邮箱> <姓名> <角色>\n角色：${ROLES.filter((r) => r !== 'member').join('、')}`)
  process.exit(2)
}
const payload = await getPayload({ config })
let code = 0
try {
  const user = await payload.create({
    collection: 'users',
    depth: 0,
    data: { email, name, roles: [role as Role], politicalStage: 'masses' },
  })
  const token = await payload.forgotPassword({ collection: 'users', data: { email }, disableEmail: true })
  console.log(
    `已创建 ${name}（${role}，编号 ${user.id}）。请在 1 小时内打开以下链接设置密码：\n  ${process.env.PUBLIC_URL || 'http://localhost:3000'}/admin/reset/${token}`,
  )
} catch (error) {
  console.error(`创建失败：${(error as Error).message}`)
  code = 1
} finally {
  await closePayload(payload)
}
process.exit(code)
