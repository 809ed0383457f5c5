/** The admin's 全文搜索 view: its path under the admin route and its title. */
export const SEARCH_VIEW_PATH = '/search'
export const SEARCH_VIEW_TITLE = '全文搜索'
