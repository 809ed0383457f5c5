import React from 'react'

import { notPlain } from './plain'
import { ISLAND_MODULES, islandName, type IslandModule } from './registry'

/**
 * A client component as an island: rendered on the server as today, inside
 * `<party-island data-name data-props>`, which the browser bundle (src/site/islands/mount.tsx)
 * hydrates with the same props. Props must be plain JSON, apart from `children`; anything else
 * fails the render loudly.
 */
export function island<M extends IslandModule, P extends object>(
  module: M,
  exportName: (typeof ISLAND_MODULES)[M]['exports'][number],
  Component: React.ComponentType<P>,
) {
  const name = islandName(module, exportName)
  function Island(props: P) {
    // Server-rendered children (a lesson's text inside the study tracker) stay server HTML: they
    // travel in a <party-slot>, which the browser hands back to the island as they are.
    const { children, ...data } = props as P & { children?: React.ReactNode }
    const bad = notPlain(data)
    if (bad) throw new Error(`岛 ${name} 的属性 ${bad} 不是纯 JSON 数据，无法交给浏览器`)
    const all = { ...data, ...(children !== undefined && children !== null ? { children: <party-slot>{children}</party-slot> } : {}) } as P
    return (
      <party-island data-name={name} data-props={JSON.stringify(data)}>
        <Component {...all} />
      </party-island>
    )
  }
  Island.displayName = `Island(${name})`
  return Island
}
