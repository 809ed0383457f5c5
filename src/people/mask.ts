/**
 * Masks the middle of an identifier so it can still be recognised but not copied:
 * 13812345678 → 138****5678. Short values keep less so that at least four characters (or a third
 * of a long value) stay hidden.
 */
export const maskMiddle = (value: string, keepStart = 3, keepEnd = 4): string => {
  const chars = Array.from(value)
  if (chars.length === 0) return value
  let start = keepStart
  let end = keepEnd
  const mustHide = Math.min(chars.length - 1, Math.max(4, Math.ceil(chars.length / 3)))
  while (chars.length - start - end < mustHide && (start > 0 || end > 0)) {
    if (start >= end && start > 0) start -= 1
    else end -= 1
  }
  const hidden = chars.length - start - end
  return chars.slice(0, start).join('') + '*'.repeat(hidden) + chars.slice(chars.length - end).join('')
}

export const maskPhone = (phone: string): string => maskMiddle(phone, 3, 4)
export const maskStaffNumber = (no: string): string => maskMiddle(no, 2, 2)
