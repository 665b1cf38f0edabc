/** ZIP local file header ("PK\3\4") or an empty archive's end record ("PK\5\6"): the first bytes of any ZIP. */
export function looksLikeZip(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && ((head[2] === 3 && head[3] === 4) || (head[2] === 5 && head[3] === 6))
}
