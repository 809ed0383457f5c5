import { Kind, type ASTVisitor, type FragmentDefinitionNode, type SelectionSetNode, type ValidationContext } from 'graphql'
// The CommonJS file Payload's own `graphql` resolves to: graphql-http recognises errors by
// `instanceof`, and a bundler or test runner that picks graphql's .mjs build would make a second class.
import { GraphQLError } from 'graphql/error/GraphQLError.js'
import type { Config } from 'payload'

/**
 * Limits on Payload's GraphQL API (`/api/graphql`; the admin and the site do not use it, it is there
 * for integrations): nesting depth, Payload's complexity score (each field 1, each relationship 10),
 * and no introspection in production. A refused query is answered 400 with a Chinese message.
 */
export const MAX_QUERY_DEPTH = 8
export const MAX_QUERY_COMPLEXITY = 500

/** Introspection is open in development and tests, closed in production unless GRAPHQL_INTROSPECTION=true. */
export const introspectionAllowed = (env: Record<string, string | undefined> = process.env): boolean =>
  env.NODE_ENV !== 'production' || env.GRAPHQL_INTROSPECTION === 'true'

/**
 * Refuses operations nested deeper than `max` fields (`{ a { b { c } } }` is 3), fragments
 * included. Introspection fields (`__schema`, `__type`) are left to their own rule.
 */
export const depthLimitRule =
  (max: number) =>
  (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>()
    for (const d of context.getDocument().definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d)
    const fragmentDepth = new Map<string, number>()

    const depthOf = (set: SelectionSetNode, visiting: Set<string>): number => {
      let deepest = 0
      for (const s of set.selections) {
        if (s.kind === Kind.FIELD) {
          if (s.name.value.startsWith('__')) continue
          deepest = Math.max(deepest, 1 + (s.selectionSet ? depthOf(s.selectionSet, visiting) : 0))
        } else if (s.kind === Kind.INLINE_FRAGMENT) {
          deepest = Math.max(deepest, depthOf(s.selectionSet, visiting))
        } else {
          const name = s.name.value
          const fragment = fragments.get(name)
          // Unknown fragments and cycles are reported by GraphQL's own rules.
          if (!fragment || visiting.has(name)) continue
          if (!fragmentDepth.has(name)) {
            visiting.add(name)
            fragmentDepth.set(name, depthOf(fragment.selectionSet, visiting))
            visiting.delete(name)
          }
          deepest = Math.max(deepest, fragmentDepth.get(name)!)
        }
        // Stop early: the answer is already "too deep".
        if (deepest > max) return deepest
      }
      return deepest
    }

    return {
      OperationDefinition(node) {
        const depth = depthOf(node.selectionSet, new Set())
        if (depth > max) {
          context.reportError(
            new GraphQLError(`查询嵌套过深：超过上限 ${max} 层。请减少嵌套层级，或分成几次查询`, {
              nodes: [node],
              extensions: { code: 'QUERY_TOO_DEEP', maxDepth: max },
            }),
          )
        }
      },
    }
  }

/** Refuses `__schema` and `__type` unless introspection is allowed (checked per request). */
export const noIntrospectionRule = (context: ValidationContext): ASTVisitor => ({
  Field(node) {
    if (introspectionAllowed()) return
    if (node.name.value === '__schema' || node.name.value === '__type') {
      context.reportError(
        new GraphQLError('生产环境不开放 GraphQL 内省查询（__schema、__type）', {
          nodes: [node],
          extensions: { code: 'INTROSPECTION_DISABLED' },
        }),
      )
    }
  },
})

/** Payload's `graphQL` config. */
export const graphQLLimits: NonNullable<Config['graphQL']> = {
  maxComplexity: MAX_QUERY_COMPLEXITY,
  disablePlaygroundInProduction: true,
  // Our own rule below, with a Chinese message and the GRAPHQL_INTROSPECTION switch.
  disableIntrospectionInProduction: false,
  validationRules: () => [depthLimitRule(MAX_QUERY_DEPTH), noIntrospectionRule],
}

const COMPLEXITY = /^The query exceeds the maximum complexity of (\d+)\. Actual complexity is (\d+)/

const translate = (error: { message?: unknown }) => {
  const m = typeof error?.message === 'string' ? COMPLEXITY.exec(error.message) : null
  return m
    ? {
        ...error,
        message: `查询过于复杂：复杂度 ${m[2]}，超过上限 ${m[1]}。请减少字段、关联或别名`,
        extensions: { code: 'QUERY_TOO_COMPLEX' },
      }
    : error
}

/**
 * Wraps Payload's GraphQL route: a request that failed before execution (syntax, validation, the
 * limits above) has `errors` and no `data`; graphql-http answers it 200 to clients that accept
 * plain JSON, this makes it the 400 it is, whatever the Accept header.
 */
export const withGraphQLStatus =
  (handler: (request: Request) => Promise<Response>) =>
  async (request: Request): Promise<Response> => {
    const response = await handler(request)
    if ((response.status !== 200 && response.status !== 400) || !(response.headers.get('content-type') ?? '').includes('json'))
      return response
    const text = await response.text()
    let body: unknown
    try {
      body = JSON.parse(text)
    } catch {
      return new Response(text, { status: response.status, headers: response.headers })
    }
    if (body && typeof body === 'object' && Array.isArray((body as { errors?: unknown }).errors) && !('data' in body)) {
      const errors = (body as { errors: Array<{ message?: unknown }> }).errors.map(translate)
      return new Response(JSON.stringify({ ...body, errors }), { status: 400, headers: response.headers })
    }
    return new Response(text, { status: response.status, headers: response.headers })
  }
