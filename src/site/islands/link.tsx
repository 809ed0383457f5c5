import React from 'react'

type Props = React.AnchorHTMLAttributes<HTMLAnchorElement> & {
  href: string
  prefetch?: boolean | null
  replace?: boolean
  scroll?: boolean
}

/**
 * `next/link` in the islands' bundle: a plain link, as Next's renders on the server. Without Next's
 * client router a member page is an ordinary document and a link an ordinary navigation.
 */
const Link = React.forwardRef<HTMLAnchorElement, Props>(function Link({ prefetch: _p, replace: _r, scroll: _s, ...rest }, ref) {
  return <a ref={ref} {...rest} />
})

export default Link
