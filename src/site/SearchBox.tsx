import React from 'react'

/** The header's search box: a plain GET form to /search, so it works before any script loads. */
export function SearchBox({ defaultValue = '' }: { defaultValue?: string }) {
  return (
    <form action="/search" method="get" role="search" className="search-box">
      <label htmlFor="site-search" className="visually-hidden">
        搜索课程、微党课、红色资源、党建动态
      </label>
      <input id="site-search" name="q" type="search" placeholder="搜索" defaultValue={defaultValue} maxLength={100} />
      <button type="submit" className="search-box__button">
        搜索
      </button>
    </form>
  )
}
