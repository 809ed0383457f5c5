/** The admin's 数据驾驶舱 view: its path under the admin route and its title. */
export const COCKPIT_VIEW_PATH = '/cockpit'
export const COCKPIT_VIEW_TITLE = '数据驾驶舱'

/** The admin list of one's own unread notifications. */
export const UNREAD_NOTIFICATIONS_PATH = '/collections/notifications?where[readAt][exists]=false'
