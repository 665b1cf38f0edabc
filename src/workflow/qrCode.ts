/**
 * QR codes for join links, drawn in the browser (no service, no foreign host). The `qrcode` package
 * is loaded only when a link is made, so it stays out of the board's first download.
 */

/** Pixels of the generated image: sharp when shown at ~240 px on a 2× screen or printed at ~8 cm. */
const QR_PIXELS = 640

export async function qrDataUrl(text: string): Promise<string> {
  const QRCode = await import('qrcode')
  // 'M' (15 % recovery) keeps a ~100-character link at a module size an old phone camera can read
  // from a printed sheet; a wide quiet zone helps when the sheet is pinned to a notice board.
  return QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 4, width: QR_PIXELS, color: { dark: '#000000', light: '#ffffff' } })
}
