import React from 'react'
import { renderToPipeableStream } from 'react-dom/server'
import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'

import { leanPageOf, LEAN_PAGES } from '../../../src/site/lean/pages'
import { perRequest, requestHeaders, siteRequests } from '../../../src/site/request'

const render = (element: React.ReactElement) =>
  new Promise<string>((resolve, reject) => {
    let out = ''
    const stream = renderToPipeableStream(element, {
      onShellError: reject,
      onAllReady: () =>
        stream.pipe(
          new Writable({
            write(chunk, _e, done) {
              out += String(chunk)
              done()
            },
            final(done) {
              resolve(out)
              done()
            },
          }),
        ),
    })
  })

describe('lean pages', () => {
  it('match their paths, with parameters, and nothing else', () => {
    expect(LEAN_PAGES.length).toBeGreaterThan(0)
    expect(leanPageOf('/')?.params).toEqual({})
    expect(leanPageOf('/admin')).toBeNull()
    expect(leanPageOf('/no-such-page')).toBeNull()
    for (const { path } of LEAN_PAGES) {
      const sample = path.replace(/:(\w+)/g, '42')
      expect(leanPageOf(sample), sample).not.toBeNull()
      expect(leanPageOf(`${sample}/extra/part`), sample).toBeNull()
      if (path.includes(':')) expect(Object.values(leanPageOf(sample)!.params)).toEqual(path.match(/:\w+/g)!.map(() => '42'))
    }
  })

  it('give each concurrent render its own request, and compute a per-request lookup once', async () => {
    // The property the renderer relies on: async components rendered by react-dom/server see the
    // request their render was started in, even when two renders interleave.
    let calls = 0
    const who = perRequest(async () => {
      calls++
      await new Promise((r) => setTimeout(r, 5))
      return (await requestHeaders()).get('cookie')
    })
    async function Name({ delay }: { delay: number }) {
      await new Promise((r) => setTimeout(r, delay))
      return React.createElement('b', null, await who())
    }
    const page = React.createElement(
      'div',
      null,
      [1, 12, 3].map((delay) => React.createElement(Name, { delay, key: delay })),
    )
    const run = (cookie: string) => siteRequests.run({ headers: new Headers({ cookie }), memo: new Map() }, () => render(page))
    const [a, b] = await Promise.all([run('a=1'), run('b=2')])
    expect(a).toBe('<div><b>a=1</b><b>a=1</b><b>a=1</b></div>')
    expect(b).toBe('<div><b>b=2</b><b>b=2</b><b>b=2</b></div>')
    expect(calls).toBe(2)
  })
})
