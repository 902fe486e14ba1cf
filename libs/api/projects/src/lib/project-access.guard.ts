import { applyDecorators, createParamDecorator, Injectable, SetMetadata, UseGuards, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiForbiddenResponse, ApiNotFoundResponse } from '@nestjs/swagger';
import type { AuthenticatedUser } from '@taskflow/api-core';
import type { ProjectRole } from '@taskflow/shared-contracts';
import { ProjectAccess, type AccessTarget, type AuthorRule, type ProjectGrant } from './project-access';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const REQUIREMENT = 'taskflow:project-role';

interface Requirement {
  role: ProjectRole;
  /** What the `:id` parameter names; `body` means the project is `projectId` in the body (or the caller's default). */
  target: AccessTarget | 'body';
  /** The body's `projectId`, when given, is a second project the caller needs `role` in (a move). */
  bodyProject?: boolean;
  /** For a comment: who else must the caller be. */
  authorRule?: AuthorRule;
}

interface GrantedRequest {
  user?: AuthenticatedUser;
  params?: Record<string, string>;
  body?: unknown;
  projectGrant?: ProjectGrant;
  targetProjectGrant?: ProjectGrant;
}

/**
 * Runs before the validation pipe, so that the contract's failure order holds: 404 (not a member,
 * or no such thing) and 403 (role too low) win over 400. A malformed id is left for the pipe to
 * refuse with 400: nothing can be found under it.
 */
@Injectable()
export class ProjectAccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly access: ProjectAccess,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const requirement = this.reflector.get<Requirement | undefined>(REQUIREMENT, context.getHandler());
    const request = context.switchToHttp().getRequest<GrantedRequest>();
    if (!requirement || !request.user) return true;
    const userId = request.user.id;
    const bodyProject = bodyProjectId(request.body);

    if (requirement.target === 'body') {
      if (bodyProject === null) return true;
      const projectId = bodyProject ?? (await this.access.defaultProjectId(userId));
      if (projectId) request.projectGrant = await this.access.require(userId, projectId, requirement.role);
      return true;
    }
    const id = request.params?.['id'];
    if (!id || !UUID.test(id)) return true;
    request.projectGrant = await this.access.requireFor(requirement.target, userId, id.toLowerCase(), requirement.role, requirement.authorRule);
    if (requirement.bodyProject && bodyProject && bodyProject !== request.projectGrant.projectId) {
      request.targetProjectGrant = await this.access.require(userId, bodyProject, requirement.role);
    }
    return true;
  }
}

/** undefined: absent; null: present but not a UUID (the pipe will say so); else the id, lower-cased. */
function bodyProjectId(body: unknown): string | undefined | null {
  if (typeof body !== 'object' || body === null || !('projectId' in body)) return undefined;
  const value = (body as { projectId: unknown }).projectId;
  return typeof value === 'string' && UUID.test(value) ? value.toLowerCase() : null;
}

/**
 * Declares the role a route needs in the project its `:id` (a project, task or comment) lives in,
 * and documents the 403/404 it answers otherwise.
 */
export function RequireProjectRole(role: ProjectRole, target: Requirement['target'], options: { bodyProject?: boolean; authorRule?: AuthorRule } = {}) {
  const requirement: Requirement = { role, target, ...options };
  return applyDecorators(
    SetMetadata(REQUIREMENT, requirement),
    UseGuards(ProjectAccessGuard),
    ApiNotFoundResponse({ description: 'No such resource, or it is in a project you are not a member of (the same answer).' }),
    ...(role === 'viewer' && !options.authorRule
      ? []
      : [ApiForbiddenResponse({ description: options.authorRule ? `You are a member, but not the comment's ${options.authorRule.replace(/-/g, ' ')}.` : `You are a member, but this needs the ${role} role.` })]),
  );
}

/**
 * The grant the guard made for this request (the project of `:id`, or of the body). Absent only
 * when the id or the body's projectId is malformed, and then a pipe refuses the request with 400
 * before the handler runs.
 */
export const Grant = createParamDecorator(
  (_: unknown, context: ExecutionContext): ProjectGrant => context.switchToHttp().getRequest<GrantedRequest>().projectGrant as ProjectGrant,
);

/** The second grant of a move: the project named by the body's `projectId`, when it differs. */
export const TargetGrant = createParamDecorator(
  (_: unknown, context: ExecutionContext): ProjectGrant | undefined => context.switchToHttp().getRequest<GrantedRequest>().targetProjectGrant,
);
