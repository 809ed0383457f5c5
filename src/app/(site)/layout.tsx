import type { Metadata, Viewport } from 'next'

import { SiteShell, siteMetadata, siteViewport } from '../../site/SiteShell'
import './site.css'
import '../../cockpit/site/cockpit-site.css'

export const metadata: Metadata = siteMetadata
export const viewport: Viewport = siteViewport

export default SiteShell
