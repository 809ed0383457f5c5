import { ORG_TYPE_LABELS, ORG_TYPES } from '../organizations/types'
import { POLITICAL_STAGE_LABELS, POLITICAL_STAGES } from '../people/stages'
import { DIFFICULTY_OPTIONS, QUESTION_TYPE_LABELS, QUESTION_TYPES } from '../quiz/questionRules'

/** What can be imported from Excel (批量导入). */
export const IMPORT_KINDS = ['people', 'organizations', 'questions'] as const
export type ImportKind = (typeof IMPORT_KINDS)[number]

export const KIND_LABELS: Record<ImportKind, string> = { people: '人员', organizations: '党组织', questions: '试题' }

export type Column = { key: string; header: string; required?: boolean; example: string; note: string; width?: number }

/**
 * The templates' columns, in order. Rows are matched to columns by header text, so a sheet may
 * reorder them or add columns of its own (ignored); a missing required column is a problem.
 */
export const COLUMNS: Record<ImportKind, Column[]> = {
  people: [
    { key: 'name', header: '姓名', required: true, example: '张三', note: '必填' },
    {
      key: 'staffNumber',
      header: '工号/学号',
      required: true,
      example: '2026000001',
      note: '必填，唯一；再次导入时按它找到同一人员',
      width: 16,
    },
    {
      key: 'orgCode',
      header: '所在组织编码',
      required: true,
      example: 'XX-BR-01',
      note: '必填，党组织的“组织编码”（见组织导入模板或党组织列表）',
      width: 16,
    },
    {
      key: 'stage',
      header: '政治面貌',
      required: true,
      example: '入党积极分子',
      note: `必填，可选：${POLITICAL_STAGES.map((s) => POLITICAL_STAGE_LABELS[s].zh).join('、')}`,
      width: 14,
    },
    { key: 'email', header: '邮箱', required: true, example: 'zhangsan@example.edu.cn', note: '必填，唯一；登录账号', width: 26 },
    { key: 'phone', header: '手机号', example: '13812345678', note: '选填，11 位中国大陆手机号；留空则不修改已有号码', width: 14 },
    {
      key: 'stageSince',
      header: '阶段起始日期',
      example: '2025-09-01',
      note: '选填，当前政治面貌的起始日期（YYYY-MM-DD）；不填为导入当天',
      width: 14,
    },
    {
      key: 'stageNote',
      header: '阶段变更说明',
      example: '',
      note: '已有人员的政治面貌与表中不同时必填（依据和原因，至少 4 个字），记入发展历程和审计日志；有进行中发展档案的人员不能这样更正',
      width: 24,
    },
  ],
  organizations: [
    { key: 'code', header: '组织编码', required: true, example: 'XX-BR-01', note: '必填，唯一；再次导入时按它找到同一组织', width: 14 },
    { key: 'name', header: '名称', required: true, example: '信息工程学院本科生第三党支部', note: '必填', width: 30 },
    {
      key: 'type',
      header: '组织类型',
      required: true,
      example: '党支部',
      note: `必填，可选：${ORG_TYPES.map((t) => ORG_TYPE_LABELS[t].zh).join('、')}（也可写“院(系)党委”或“党总支”）`,
      width: 18,
    },
    {
      key: 'parentCode',
      header: '上级组织编码',
      example: 'XX-CO-01',
      note: '学校党委不填；院(系)党委填学校党委的编码；党支部填院(系)党委的编码（可以是本表中的组织）',
      width: 16,
    },
    { key: 'termStart', header: '任期开始', example: '2024-06-01', note: '选填，YYYY-MM-DD', width: 12 },
    { key: 'termEnd', header: '任期结束', example: '2027-05-31', note: '选填，YYYY-MM-DD，须晚于任期开始', width: 12 },
    { key: 'hasCommittee', header: '已成立支部委员会', example: '否', note: '选填，是/否（仅党支部）', width: 16 },
  ],
  questions: [
    {
      key: 'type',
      header: '题型',
      required: true,
      example: '单选题',
      note: `必填，可选：${QUESTION_TYPES.map((t) => QUESTION_TYPE_LABELS[t].zh).join('、')}`,
    },
    {
      key: 'difficulty',
      header: '难度',
      example: '中等',
      note: `选填，可选：${DIFFICULTY_OPTIONS.map((d) => d.label.zh).join('、')}；不填为中等`,
    },
    {
      key: 'stem',
      header: '题干',
      required: true,
      example: '中国共产党第一次全国代表大会于哪一年召开？',
      note: '必填；填空题用“____”或“（ ）”标出空位。再次导入时按题干找到同一试题',
      width: 40,
    },
    ...['A', 'B', 'C', 'D', 'E', 'F'].map((l, i) => ({
      key: `option${l}`,
      header: `选项${l}`,
      example: ['1919年', '1921年', '1927年', '1949年', '', ''][i]!,
      note: '单选题至少 2 个、多选题至少 3 个选项；判断题、填空题不填',
      width: 14,
    })),
    {
      key: 'answer',
      header: '正确答案',
      required: true,
      example: 'B',
      note: '单选题填一个字母（如 B）；多选题填多个字母（如 ACD）；判断题填“正确”或“错误”；填空题填参考答案，多个等价写法用“|”分隔',
      width: 14,
    },
    { key: 'explanation', header: '解析', example: '1921年7月，中国共产党第一次全国代表大会召开。', note: '选填', width: 40 },
    { key: 'themes', header: '专题', example: '党史', note: '选填，专题名称，多个用“、”分隔；须是已有专题', width: 16 },
    { key: 'source', header: '出处', example: '', note: '选填', width: 16 },
  ],
}

/** Rows whose first cell starts with this are the template's examples and are never imported. */
export const EXAMPLE_MARK = '示例：'
