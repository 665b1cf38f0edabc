/**
 * CSS custom properties (`--cg-need-colour` and the like) in a React `style`: React's CSSProperties
 * lists only standard properties, so without this every such style needed an `as` cast.
 */
import 'react'

declare module 'react' {
  interface CSSProperties {
    [property: `--${string}`]: string | number | undefined
  }
}
