import React from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'

import { Highlighted } from '../../../src/search/Highlighted'
import { isSafeHref, safeHref } from '../../../src/security/safeUrl'
import { RichTextBody } from '../../../src/site/RichTextBody'

/**
 * Rich text and search highlights as the member site and the admin render them, fed content an
 * attacker could have stored through the API: nothing executable may reach the markup.
 */

// Loosely typed on purpose: the tests feed the renderers malformed trees a stored value could hold.
const text = (t: unknown, extra: Record<string, unknown> = {}) => ({
  type: 'text',
  text: t,
  format: 0,
  detail: 0,
  mode: 'normal',
  style: '',
  version: 1,
  ...extra,
})
const el = (type: string, children: unknown, extra: Record<string, unknown> = {}) => ({
  type,
  children,
  direction: 'ltr',
  format: '',
  indent: 0,
  version: 1,
  ...extra,
})
const link = (url: unknown, label: string, extra: Record<string, unknown> = {}) =>
  el('link', [text(label)], { fields: { linkType: 'custom', url, newTab: false, ...extra } })
const doc = (...children: unknown[]) => ({ root: el('root', children) })

const render = (data: unknown) => renderToStaticMarkup(React.createElement(RichTextBody, { data }))

/**
 * What must never appear in rendered markup: script-capable elements, event-handler attributes,
 * script URLs in any attribute. (Escaped text such as "&lt;img onerror=…&gt;" is harmless text.)
 */
const DANGEROUS_TAGS = ['script', 'iframe', 'frame', 'object', 'embed', 'svg', 'math', 'style', 'link', 'meta', 'base', 'form']
const expectInert = (html: string) => {
  for (const [, tag, attributes] of html.matchAll(/<([a-zA-Z][\w-]*)([^>]*)>/g)) {
    expect(DANGEROUS_TAGS).not.toContain(tag.toLowerCase())
    for (const [, name, value] of attributes.matchAll(/([^\s=/]+)(?:="([^"]*)")?/g)) {
      expect(name.toLowerCase().startsWith('on'), `event handler ${name} in ${html}`).toBe(false)
      if (value !== undefined) expect(value.replace(/[\s\u0000-\u001f]/g, '').toLowerCase()).not.toMatch(/^(javascript|vbscript|data):/)
    }
  }
}

describe('rich text rendering (allow-list)', () => {
  it('renders ordinary content: headings, paragraphs, lists, a safe link', () => {
    const html = render(
      doc(
        el('heading', [text('学习贯彻党的二十大精神')], { tag: 'h2' }),
        el('paragraph', [text('全面从严治党'), link('https://www.12371.cn/', '共产党员网')]),
        el('list', [el('listitem', [text('第一条')], { value: 1 })], { listType: 'bullet', tag: 'ul' }),
        el('paragraph', [link('/news/1', '站内新闻'), link('mailto:dangwei@demo.edu.cn', '写信')]),
      ),
    )
    expect(html).toContain('<h2>学习贯彻党的二十大精神</h2>')
    expect(html).toContain('<a href="https://www.12371.cn/">共产党员网</a>')
    expect(html).toContain('<a href="/news/1">站内新闻</a>')
    expect(html).toContain('<a href="mailto:dangwei@demo.edu.cn">写信</a>')
    expect(html).toMatch(/<li[^>]*>第一条<\/li>/)
  })

  it('drops javascript:, data: and disguised script links but keeps their text', () => {
    const bad = [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      ' javascript:alert(1)',
      'java\tscript:alert(1)',
      'java\nscript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      '//evil.example/x',
      '/\\evil.example/x',
    ]
    for (const url of bad) {
      const html = render(doc(el('paragraph', [link(url, '点我')])))
      expectInert(html)
      expect(html).not.toContain('<a')
      expect(html).not.toContain('evil.example')
      expect(html).toContain('点我')
    }
    // The same in an autolink, and a link opening a new tab.
    const auto = render(
      doc(
        el('paragraph', [
          el('autolink', [text('x')], { fields: { url: 'javascript:alert(1)', linkType: 'custom' } }),
          link('javascript:alert(2)', 'y', { newTab: true }),
        ]),
      ),
    )
    expectInert(auto)
    expect(auto).not.toContain('<a')
  })

  it('escapes script and markup in text', () => {
    const html = render(doc(el('paragraph', [text('<script>alert(1)</script>'), text('<img src=x onerror=alert(1)>', { format: 1 })])))
    expectInert(html)
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).toContain('<strong>&lt;img src=x onerror=alert(1)&gt;</strong>')
  })

  it('renders unknown and html nodes, blocks and crafted types as their text only', () => {
    const html = render(
      doc(
        { type: 'html', html: '<img src=x onerror=alert(1)>', version: 1 },
        el('paragraph', [{ type: 'html', version: 1, html: '<svg onload=alert(1)>' }, text('正文')]),
        { type: 'block', fields: { blockType: 'rawHtml', html: '<script>alert(1)</script>' }, version: 1 },
        el('iframe', [text('框架里的字')], { src: 'javascript:alert(1)', onload: 'alert(1)' }),
        el('constructor', [text('构造')]),
        el('blocks', [text('块')]),
        el('toString', [text('字符串')]),
      ),
    )
    expectInert(html)
    expect(html).not.toMatch(/<(iframe|svg|img)/i)
    expect(html).not.toContain('unknown node')
    for (const t of ['正文', '框架里的字', '构造', '块', '字符串']) expect(html).toContain(t)
  })

  it('survives malformed trees instead of failing the page', () => {
    expect(() => render(doc(null, 'text', 42, el('paragraph', [null, text('还在')]), el('paragraph', 'not an array')))).not.toThrow()
    expect(render(doc(el('paragraph', [null, text('还在')])))).toContain('还在')
    expect(render(doc(el('paragraph', [text({ toString: () => '<b>' })])))).not.toContain('<b>')
    expect(render({ root: 'nope' })).toBe('')
    expect(render(null)).toBe('')
    // Deep nesting is cut off, not a stack overflow.
    let deep: unknown = text('深')
    for (let i = 0; i < 5000; i++) deep = el('paragraph', [deep])
    expect(() => render(doc(deep))).not.toThrow()
  })

  it('allows only safe upload URLs and plain colours in table cells', () => {
    const image = (url: string) => ({
      type: 'upload',
      relationTo: 'media',
      version: 1,
      value: { url, alt: '"><script>alert(1)</script>', mimeType: 'image/png', width: 10, height: 10 },
    })
    const ok = render(doc(image('/api/media/file/a.png')))
    expect(ok).toContain('src="/api/media/file/a.png"')
    expect(ok).toContain('alt="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"')
    expectInert(ok)
    expect(render(doc(image('javascript:alert(1)')))).not.toContain('<img')
    const file = render(
      doc({ type: 'upload', version: 1, value: { url: 'javascript:alert(1)', mimeType: 'application/pdf', filename: 'a.pdf' } }),
    )
    expect(file).not.toContain('<a')

    const cell = (backgroundColor: string) =>
      render(doc(el('table', [el('tablerow', [el('tablecell', [text('格')], { headerState: 0, backgroundColor })])])))
    expect(cell('#ffeeee')).toContain('background-color:#ffeeee')
    const injected = cell('red;background-image:url(https://evil.example/x)')
    expect(injected).not.toContain('evil.example')
    expect(injected).not.toContain('background-color')
  })
})

describe('search highlights', () => {
  const render = (t: string) => renderToStaticMarkup(React.createElement(Highlighted, { text: t }))

  it('turns only Meilisearch markers into <mark> and escapes everything else', () => {
    expect(render('学习<mark>党章</mark>党规')).toBe('学习<mark>党章</mark>党规')
    const html = render('<img src=x onerror=alert(1)><mark>党史</mark><script>alert(1)</script><a href="javascript:alert(1)">x</a>')
    expectInert(html)
    expect(html).toBe(
      '&lt;img src=x onerror=alert(1)&gt;<mark>党史</mark>&lt;script&gt;alert(1)&lt;/script&gt;&lt;a href=&quot;javascript:alert(1)&quot;&gt;x&lt;/a&gt;',
    )
    // A marker with attributes is not a marker.
    expect(render('<mark onclick="alert(1)">x</mark>')).toBe('&lt;mark onclick=&quot;alert(1)&quot;&gt;x')
    // @ts-expect-error a search hit without a highlighted field: the component must not fail on it
    expect(render(undefined)).toBe('')
  })
})

describe('safeHref', () => {
  it('accepts http(s), mailto and site paths, nothing else', () => {
    for (const ok of ['https://a.example/x', 'http://a.example', 'mailto:a@b.cn', '/news/1', '#top', '?page=2'])
      expect(isSafeHref(ok)).toBe(true)
    for (const bad of [
      'javascript:alert(1)',
      'data:image/png;base64,AA',
      'file:///etc/passwd',
      '//evil.example',
      '/\\evil.example',
      'news/1',
      '',
      null,
      42,
    ])
      expect(isSafeHref(bad)).toBe(false)
    expect(safeHref(' https://a.example ')).toBe('https://a.example')
  })
})
