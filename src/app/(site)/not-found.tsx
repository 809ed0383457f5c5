import Link from 'next/link'
import React from 'react'

export default function SiteNotFound() {
  return (
    <div className="container">
      <div className="page-title">
        <h1>页面不存在</h1>
        <p className="lead">你要找的内容不存在、尚未发布，或不在你的学习范围内。</p>
      </div>
      <p>
        <Link className="button" href="/">
          返回首页
        </Link>
      </p>
    </div>
  )
}
