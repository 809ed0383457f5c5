import { describe, expect, it } from 'vitest'

import { scanFields, scanText } from '../../../src/workflow/sensitiveWords'

const words = [
  { word: '刷单', category: 'fraud' },
  { word: 'VPN代理', category: 'other' },
]

describe('sensitive-word scan', () => {
  it('finds every occurrence with the text around it', () => {
    const hits = scanText('招聘兼职刷单员，日结。再次提醒：刷单是诈骗！', words)
    expect(hits.map((h) => [h.word, h.index])).toEqual([
      ['刷单', 4],
      ['刷单', 16],
    ])
    expect(hits[0].context).toContain('招聘兼职刷单员')
  })

  it('matches Latin letters regardless of case and reports the field', () => {
    const hits = scanFields({ title: '关于vpn代理的通知', summary: '无' }, words)
    expect(hits).toHaveLength(1)
    expect(hits[0]).toMatchObject({ word: 'VPN代理', field: 'title' })
  })

  it('finds nothing in clean text and ignores blank list entries', () => {
    expect(scanText('学习党章党规，做合格党员', [...words, { word: '  ' }])).toEqual([])
  })
})
