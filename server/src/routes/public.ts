import type { FastifyInstance } from 'fastify';
import type { Deps } from '../app';

export async function publicRoutes(_app: FastifyInstance, _opts: { deps: Deps }): Promise<void> {}
