import { formatAdminDateTime } from '../dates'
import { PRODUCT_NAME } from '../brand'

/**
 * Every mail the platform sends, in Chinese, as HTML and plain text from one description (pure:
 * unit-tested). Links are absolute: a mail is read outside the platform.
 */
export type Mail = { to: string; subject: string; html: string; text: string }

type Block = {
  paragraphs: string[]
  link?: { label: string; url: string }
  after?: string[]
  list?: Array<{ title: string; body?: string | null; at: string; url: string }>
}

export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

const FOOTER = `此邮件由${PRODUCT_NAME}自动发送，请勿直接回复。`
const NOTICE_FOOTER = `${FOOTER}不想收到通知邮件或想改为每日汇总，请在“我的 → 账号设置 → 通知邮件”中更改。`

export const renderMail = (to: string, subject: string, name: string | null | undefined, block: Block, footer = FOOTER): Mail => {
  const hello = `${name || '您好'}${name ? '，您好' : ''}：`
  const htmlParts = [`<p>${escapeHtml(hello)}</p>`, ...block.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`)]
  const textParts = [hello, ...block.paragraphs]
  if (block.list?.length) {
    htmlParts.push(
      `<ol>${block.list
        .map(
          (i) =>
            `<li><p><strong>${escapeHtml(i.title)}</strong>（${escapeHtml(i.at)}）</p>${i.body ? `<p>${escapeHtml(i.body)}</p>` : ''}<p><a href="${escapeHtml(i.url)}">查看</a></p></li>`,
        )
        .join('')}</ol>`,
    )
    textParts.push(block.list.map((i, n) => `${n + 1}. ${i.title}（${i.at}）${i.body ? `\n   ${i.body}` : ''}\n   ${i.url}`).join('\n\n'))
  }
  if (block.link) {
    htmlParts.push(
      `<p><a href="${escapeHtml(block.link.url)}">${escapeHtml(block.link.label)}</a></p><p style="color:#666;font-size:12px">如果无法点击，请把以下地址复制到浏览器：<br>${escapeHtml(block.link.url)}</p>`,
    )
    textParts.push(`${block.link.label}：${block.link.url}`)
  }
  for (const p of block.after ?? []) {
    htmlParts.push(`<p>${escapeHtml(p)}</p>`)
    textParts.push(p)
  }
  htmlParts.push(`<hr><p style="color:#666;font-size:12px">${escapeHtml(footer)}</p>`)
  textParts.push(`——\n${footer}`)
  const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body style="font-family:sans-serif;line-height:1.7;max-width:40rem">${htmlParts.join('')}</body></html>`
  return { to, subject, html, text: textParts.join('\n\n') }
}

export const invitationMail = (to: string, name: string | null | undefined, url: string) =>
  renderMail(to, `邀请您加入${PRODUCT_NAME}：请设置登录密码`, name, {
    paragraphs: [`系统管理员为您开通了${PRODUCT_NAME}的账号，登录名为本邮箱。请在 1 小时内打开以下链接设置您自己的密码，设置后即可登录。`],
    link: { label: '设置登录密码', url },
    after: ['链接过期后，请联系系统管理员重新发送邀请。'],
  })

export const resetPasswordMail = (to: string, name: string | null | undefined, url: string) =>
  renderMail(to, `${PRODUCT_NAME}：设置或重置您的登录密码`, name, {
    paragraphs: ['我们收到了重置您登录密码的申请。请在 1 小时内打开以下链接设置新密码（链接只能使用一次）。'],
    link: { label: '设置新密码', url },
    after: ['如果不是您本人操作，请忽略本邮件，您的密码不会改变。'],
  })

export const confirmEmailMail = (to: string, name: string, url: string, hours: number) =>
  renderMail(to, `${PRODUCT_NAME}：请确认您的新登录邮箱`, name, {
    paragraphs: [
      `您申请把${PRODUCT_NAME}的登录邮箱更换为本邮箱。请在 ${hours} 小时内打开以下链接确认，确认后新邮箱才生效（链接只能使用一次）。`,
    ],
    link: { label: '确认新邮箱', url },
    after: ['如果不是您本人操作，请忽略本邮件，登录邮箱不会改变。'],
  })

/** A notice without a link (to the old address after an e-mail change). */
export const noticeMail = (to: string, name: string, subject: string, paragraphs: string[]) => renderMail(to, subject, name, { paragraphs })

export type DigestItem = { id: number; title: string; body?: string | null; link?: string | null; createdAt: Date | string }

/** 即时: one notification, one mail. */
export const notificationMail = (to: string, name: string | null | undefined, item: DigestItem, url: string) =>
  renderMail(
    to,
    `${PRODUCT_NAME}：${item.title}`,
    name,
    {
      paragraphs: [item.title, ...(item.body ? [item.body] : [])],
      link: { label: '去处理', url },
      after: [`通知时间：${formatAdminDateTime(item.createdAt)}`],
    },
    NOTICE_FOOTER,
  )

/** 每日汇总: the person's new notifications, oldest first, in one mail. */
export const digestMail = (
  to: string,
  name: string | null | undefined,
  items: DigestItem[],
  toUrl: (link: string | null | undefined) => string,
) => {
  const sorted = [...items].sort((a, b) => new Date(a.createdAt).getTime() - new Date(b.createdAt).getTime() || a.id - b.id)
  return renderMail(
    to,
    `${PRODUCT_NAME}：您有 ${sorted.length} 条新通知（每日汇总）`,
    name,
    {
      paragraphs: [`自上次汇总以来，您有 ${sorted.length} 条新通知：`],
      list: sorted.map((i) => ({ title: i.title, body: i.body, at: formatAdminDateTime(i.createdAt), url: toUrl(i.link) })),
      link: { label: '查看全部消息', url: toUrl('/notifications') },
    },
    NOTICE_FOOTER,
  )
}

/** Claimed digest rows grouped per person (one mail each), in the order people first appear. */
export type DigestRow = DigestItem & { recipientId: number; email: string; name: string | null }
export const groupDigest = (rows: DigestRow[]) => {
  const byPerson = new Map<number, { email: string; name: string | null; items: DigestItem[] }>()
  for (const r of rows) {
    const entry = byPerson.get(r.recipientId) ?? { email: r.email, name: r.name, items: [] }
    entry.items.push({ id: r.id, title: r.title, body: r.body, link: r.link, createdAt: r.createdAt })
    byPerson.set(r.recipientId, entry)
  }
  return [...byPerson.values()]
}
