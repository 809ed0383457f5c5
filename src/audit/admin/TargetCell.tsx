import type { DefaultServerCellComponentProps } from 'payload'

import { targetLabel } from '../labels'

/** 对象类型 in the audit list: 人员, not users (rendered on the server, which has the whole config). */
export const TargetCell = ({ cellData, payload }: DefaultServerCellComponentProps) => (
  <span>{targetLabel(payload, typeof cellData === 'string' ? cellData : null)}</span>
)
