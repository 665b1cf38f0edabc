/**
 * Where tldraw finds its fonts, icons, embed icons and translations: files bundled by Vite and
 * served by our own server, never tldraw's CDN (a resident's request must not leave for a foreign
 * server, and the board must work on a LAN without internet).
 *
 * Why not `getAssetUrlsByImport()` from @tldraw/assets: its table names every file of every kind,
 * including ~50 translations we never show, and Vite inlined the small ones (embed icons) as
 * base64 — about 40 KiB in the JavaScript every board loads first. Here only the files tldraw can
 * ask for in our two languages are named, and vite.config.ts keeps every @tldraw/assets file a
 * file, fetched only when tldraw needs it.
 *
 * Every key tldraw knows is filled in (its lists `iconTypes`, `LANGUAGES`, the embed definitions):
 * a key left out would fall back to tldraw's CDN default.
 */
import { DEFAULT_EMBED_DEFINITIONS, iconTypes, LANGUAGES, type TLUiAssetUrlOverrides } from 'tldraw'
import iconSprite from '@tldraw/assets/icons/icon/0_merged.svg?url'
import monoBold from '@tldraw/assets/fonts/IBMPlexMono-Bold.woff2?url'
import monoBoldItalic from '@tldraw/assets/fonts/IBMPlexMono-BoldItalic.woff2?url'
import mono from '@tldraw/assets/fonts/IBMPlexMono-Medium.woff2?url'
import monoItalic from '@tldraw/assets/fonts/IBMPlexMono-MediumItalic.woff2?url'
import sansBold from '@tldraw/assets/fonts/IBMPlexSans-Bold.woff2?url'
import sansBoldItalic from '@tldraw/assets/fonts/IBMPlexSans-BoldItalic.woff2?url'
import sans from '@tldraw/assets/fonts/IBMPlexSans-Medium.woff2?url'
import sansItalic from '@tldraw/assets/fonts/IBMPlexSans-MediumItalic.woff2?url'
import serifBold from '@tldraw/assets/fonts/IBMPlexSerif-Bold.woff2?url'
import serifBoldItalic from '@tldraw/assets/fonts/IBMPlexSerif-BoldItalic.woff2?url'
import serif from '@tldraw/assets/fonts/IBMPlexSerif-Medium.woff2?url'
import serifItalic from '@tldraw/assets/fonts/IBMPlexSerif-MediumItalic.woff2?url'
import drawBold from '@tldraw/assets/fonts/Shantell_Sans-Informal_Bold.woff2?url'
import drawBoldItalic from '@tldraw/assets/fonts/Shantell_Sans-Informal_Bold_Italic.woff2?url'
import draw from '@tldraw/assets/fonts/Shantell_Sans-Informal_Regular.woff2?url'
import drawItalic from '@tldraw/assets/fonts/Shantell_Sans-Informal_Regular_Italic.woff2?url'
import zhCnMessages from '@tldraw/assets/translations/zh-cn.json?url'
import enMessages from '@tldraw/assets/translations/en.json?url'
// Files, never inlined: tldraw writes an icon's URL into `mask: url(<URL>)` unquoted, and the quotes of
// an inlined SVG data: URL would break that rule (the icon showed as a filled square).
import altTextIcon from './icons/alt-text.svg?no-inline'
import sizeSmallIcon from './icons/size-small.svg?no-inline'
import sizeMediumIcon from './icons/size-medium.svg?no-inline'
import sizeLargeIcon from './icons/size-large.svg?no-inline'
import sizeExtraLargeIcon from './icons/size-extra-large.svg?no-inline'

const embedIconFiles = import.meta.glob<string>('../../node_modules/@tldraw/assets/embed-icons/*.png', {
  eager: true,
  import: 'default',
  query: '?url',
})

function embedIcon(type: string): string {
  const file = Object.entries(embedIconFiles).find(([path]) => path.endsWith(`/${type}.png`))
  // Every embed tldraw defines has its icon in @tldraw/assets; should a new one not, an empty URL
  // shows no icon rather than reaching for the CDN.
  return file?.[1] ?? ''
}

export const tldrawAssetUrls: TLUiAssetUrlOverrides = {
  fonts: {
    tldraw_mono: mono,
    tldraw_mono_italic: monoItalic,
    tldraw_mono_bold: monoBold,
    tldraw_mono_italic_bold: monoBoldItalic,
    tldraw_sans: sans,
    tldraw_sans_italic: sansItalic,
    tldraw_sans_bold: sansBold,
    tldraw_sans_italic_bold: sansBoldItalic,
    tldraw_serif: serif,
    tldraw_serif_italic: serifItalic,
    tldraw_serif_bold: serifBold,
    tldraw_serif_italic_bold: serifBoldItalic,
    tldraw_draw: draw,
    tldraw_draw_italic: drawItalic,
    tldraw_draw_bold: drawBold,
    tldraw_draw_italic_bold: drawBoldItalic,
  },
  // One sprite holds every icon; tldraw addresses each by its fragment.
  // …except icons that are Latin letters: 'alt' (the image toolbar's alt-text
  // button, "ALT") is a picture with a caption under it; the style panel's sizes ("S", "M", "L", "XL")
  // are dots of growing size. Their tooltips stay tldraw's words in the language in use (小, 中, 大, 特大).
  icons: {
    ...Object.fromEntries(iconTypes.map((name) => [name, `${iconSprite}#${name}`])),
    alt: altTextIcon,
    'size-small': sizeSmallIcon,
    'size-medium': sizeMediumIcon,
    'size-large': sizeLargeIcon,
    'size-extra-large': sizeExtraLargeIcon,
  },
  // We show tldraw in Chinese or English only (src/i18n/lang.ts TLDRAW_LOCALE). A locale picked in
  // tldraw's own language menu is mapped back to one of those two (langFromLocale), but tldraw may
  // fetch it once first: it gets our English file then, not a request to the CDN.
  translations: Object.fromEntries(
    LANGUAGES.map(({ locale }) => [locale, locale.startsWith('zh') ? zhCnMessages : enMessages]),
  ),
  embedIcons: Object.fromEntries(DEFAULT_EMBED_DEFINITIONS.map((def) => [def.type, embedIcon(def.type)])),
}
