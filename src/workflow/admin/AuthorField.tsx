import type { TextFieldServerComponent } from 'payload'

import { CONTENT_STAFF } from '../../access/readPublishedContent'
import { hasRole, idOf } from '../../access/roles'

const ROLE_NAMES: Record<string, string> = { propagandaEditor: '宣传编辑', courseCurator: '课程管理员', reviewer: '审核员' }

/**
 * 撰稿人 by name and role, read by the server for content staff (the field's own read access):
 * reviewers need to know whose work they judge without being able to browse the people list.
 */
export const AuthorField: TextFieldServerComponent = async ({ data, payload, req }) => {
  const authorId = idOf(data?.createdBy)
  if (!authorId || !hasRole(req.user, ...CONTENT_STAFF)) return null
  const author = await payload
    .findByID({ collection: 'users', id: authorId, depth: 0, overrideAccess: true, select: { name: true, roles: true } })
    .catch(() => null)
  const role = (author?.roles ?? []).map((r) => ROLE_NAMES[r]).find(Boolean)
  return (
    <div className="field-type author-field" style={{ marginBottom: 24 }}>
      <label className="field-label">撰稿人</label>
      <div data-testid="author-name">{author ? `${author.name}${role ? `（${role}）` : ''}` : `已删除的账号（ID: ${authorId}）`}</div>
    </div>
  )
}
