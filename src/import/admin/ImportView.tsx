import type { AdminViewServerProps } from 'payload'
import React from 'react'

import { StaffView } from '../../components/admin/StaffView'
import { COLUMNS, KIND_LABELS } from '../columns'
import { importKindsFor } from './access'
import { Importer } from './Importer'
import { IMPORT_VIEW_PATH, IMPORT_VIEW_TITLE } from './paths'

/**
 * 批量导入 (/admin/import): the templates, the upload, the check's report row by row, and the
 * import with its progress. sysAdmin imports people and organisations, course curators questions;
 * the endpoints check the same again.
 */
export async function ImportView({ initPageResult, params, searchParams }: AdminViewServerProps) {
  const { payload, user } = initPageResult.req
  const kinds = importKindsFor(user)
  return (
    <StaffView
      initPageResult={initPageResult}
      params={params}
      searchParams={searchParams}
      path={IMPORT_VIEW_PATH}
      title={IMPORT_VIEW_TITLE}
      className="admin-import"
      allowed={kinds.length > 0}
      refusal="批量导入仅供系统管理员（人员、党组织）和课程管理员（试题）使用。"
    >
      <Importer
        apiRoute={payload.config.routes.api}
        kinds={kinds.map((k) => ({ kind: k, label: KIND_LABELS[k], required: COLUMNS[k].filter((c) => c.required).map((c) => c.header) }))}
      />
    </StaffView>
  )
}
