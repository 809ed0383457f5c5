import React from 'react'

/**
 * The search box: a plain GET form to /search, so it works before any script loads. In the header
 * (`header`) phones have no room for the box beside the brand and account, so there it is a
 * magnifier that opens 搜索 with the box focused (the box itself shows from 900 px).
 */
export function SearchBox({
  defaultValue = '',
  header = false,
  autoFocus = false,
}: {
  defaultValue?: string
  header?: boolean
  autoFocus?: boolean
}) {
  const id = header ? 'header-search' : 'site-search'
  return (
    <>
      <form action="/search" method="get" role="search" className={header ? 'search-box search-box--header' : 'search-box'}>
        <label htmlFor={id} className="visually-hidden">
          搜索课程、微党课、红色资源、党建动态
        </label>
        <input
          id={id}
          name="q"
          type="search"
          placeholder="搜索课程、资源、动态"
          defaultValue={defaultValue}
          maxLength={100}
          autoFocus={autoFocus}
          enterKeyHint="search"
        />
        <button type="submit" className="search-box__button">
          搜索
        </button>
      </form>
      {header ? (
        <a href="/search?focus=1" className="search-icon" aria-label="搜索">
          <svg
            width="22"
            height="22"
            viewBox="0 0 24 24"
            fill="none"
            stroke="currentColor"
            strokeWidth="2.2"
            strokeLinecap="round"
            aria-hidden="true"
          >
            <circle cx="11" cy="11" r="7" />
            <path d="m20 20-4-4" />
          </svg>
        </a>
      ) : null}
    </>
  )
}
