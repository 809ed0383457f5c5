import 'react'

// The islands' wrapper and children's slot (src/site/islands/server.tsx); `display: contents` in site.css.
declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'party-island': React.DetailedHTMLProps<React.HTMLAttributes<HTMLElement>, HTMLElement> & {
        'data-name': string
        'data-props': string
      }
      'party-slot': React.DetailedHTMLProps<React.HTMLAttributes<HTMLElement>, HTMLElement>
    }
  }
}
