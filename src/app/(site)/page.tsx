import Link from 'next/link'
import React from 'react'

import { PRODUCT_NAME } from '../../brand'

/** A plain landing page until the member site is built: the product name and a way to sign in. */
export default function HomePage() {
  return (
    <main className="landing">
      <div className="mark" aria-hidden="true">★</div>
      <h1>{PRODUCT_NAME}</h1>
      <p className="lead">党建新闻 · 红色资源 · 课程与微党课 · 学时与答题</p>
      <p>
        <Link className="button" href="/admin/login">
          登录
        </Link>
      </p>
      <p className="note">学员学习页面正在建设中；工作人员可登录管理后台。</p>
    </main>
  )
}
