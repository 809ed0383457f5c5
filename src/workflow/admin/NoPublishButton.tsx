'use client'

/** Publishing is the final reviewer's approval, not a button on the author's form. */
export const NoPublishButton = () => null
