/** The admin's 批量导入 view: its path under the admin route and its title. */
export const IMPORT_VIEW_PATH = '/import'
export const IMPORT_VIEW_TITLE = '批量导入'
