/** The product's name as users see it, in one place for the admin, the site and the terminal. */
export const PRODUCT_NAME = '智慧党建学习平台'
export const PRODUCT_SHORT_NAME = '智慧党建'
