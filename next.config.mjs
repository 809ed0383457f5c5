import { withPayload } from '@payloadcms/next/withPayload'
import path from 'path'
import { fileURLToPath } from 'url'

const dirname = path.dirname(fileURLToPath(import.meta.url))

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Each build writes its own dist dir when NEXT_DIST_DIR is set, so tests never clobber `npm start`'s build.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  images: { localPatterns: [{ pathname: '/api/media/file/**' }] },
  webpack: (webpackConfig) => {
    webpackConfig.resolve.extensionAlias = {
      '.cjs': ['.cts', '.cjs'],
      '.js': ['.ts', '.tsx', '.js', '.jsx'],
      '.mjs': ['.mts', '.mjs'],
    }
    return webpackConfig
  },
  turbopack: { root: dirname },
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
