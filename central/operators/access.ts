// Bearer-token access for people at central. Only hashes of the tokens are
// held (config/load.ts hashes a dev-mode token at once); a request's token
// is hashed and looked up. Routes state the role they need; state-changing
// calls are audited whether they were allowed or not.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { tokenHash } from '../config/load.js';
import type { Operator, Role } from '../config/schema.js';
import type { AuditLog } from './audit.js';
import { roleAllows } from './roles.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** the operator whose token came with the request, if any */
    operator: { name: string; role: Role } | null;
  }
}

export const NO_TOKEN = '(no valid token)';

export class OperatorDirectory {
  private readonly byHash: Map<string, { name: string; role: Role }>;

  constructor(operators: readonly Operator[]) {
    this.byHash = new Map(operators.filter((o) => o.tokenHash).map((o) => [o.tokenHash!, { name: o.name, role: o.role }]));
  }

  identify(authorization: string | undefined): { name: string; role: Role } | null {
    const m = /^Bearer ([\x21-\x7e]{1,512})$/.exec(authorization ?? '');
    return m ? (this.byHash.get(tokenHash(m[1]!)) ?? null) : null;
  }
}

/** Identifies the operator on every request of `scope` and audits its state-changing calls. */
export function registerOperatorAccess(scope: FastifyInstance, directory: OperatorDirectory, audit: AuditLog): void {
  if (!scope.hasRequestDecorator('operator')) scope.decorateRequest('operator', null);
  scope.addHook('onRequest', async (request) => {
    request.operator = directory.identify(request.headers.authorization);
  });
  scope.addHook('onResponse', async (request, reply) => {
    if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return;
    audit.record({
      who: request.operator?.name ?? NO_TOKEN,
      role: request.operator?.role ?? null,
      action: `${request.method} ${request.url.split('?')[0]}`,
      outcome: reply.statusCode,
      source: request.ip,
      detail: auditDetail(request.body),
    });
  });
}

// What was asked for, without free text a person typed (a note may quote a consumer).
function auditDetail(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const b = body as Record<string, unknown>;
  const kept = Object.fromEntries(Object.entries(b).filter(([k, v]) => k !== 'note' && (typeof v !== 'string' || v.length <= 64)));
  return Object.keys(kept).length > 0 ? JSON.stringify(kept) : null;
}

/** preHandler: 401 without a known token, 403 when the operator's role is below `need`. */
export function requireRole(need: Role) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (!request.operator) {
      return reply.code(401).header('www-authenticate', 'Bearer realm="ecorner-central"').send({ error: 'unauthorized', message: `needs Authorization: Bearer <token> of an operator with role ${need} or above` });
    }
    if (!roleAllows(request.operator.role, need)) {
      return reply.code(403).send({ error: 'forbidden', message: `operator ${request.operator.name} is ${request.operator.role}; this needs ${need}` });
    }
  };
}
