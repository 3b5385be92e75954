import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { BatchFileError } from '../shipments/batch-errors.js';
import { type AccessMode, guardScope } from './auth.js';
import { byteLimit, UploadTooLargeError } from './byte-limit.js';
import type { BatchService } from './http-deps.js';
import { type QuerySpec, queryProblemBody, readStrictQuery } from './strict-query.js';

export interface BatchRoutesOptions {
  batch: BatchService | undefined;
  access: AccessMode;
  uploadMaxBytes: number;
}

/** The query parameters of each batch route: only these, each once, `dryRun` exactly `true` or `false`. */
const uploadQuery = { dryRun: { type: 'boolean' } } as const satisfies QuerySpec;
const noQuery = {} as const satisfies QuerySpec;

/** The request's file: a text/csv body, or the first file of a multipart form; limited to `maxBytes`. */
const fileOf = async (request: FastifyRequest, maxBytes: number): Promise<Readable | undefined> => {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes && !request.isMultipart())
    throw new UploadTooLargeError(maxBytes);
  const raw = request.isMultipart() ? (await request.file())?.file : (request.body as Readable | undefined);
  if (!raw) return undefined;
  const limited = byteLimit(maxBytes);
  pipeline(raw, limited).catch(() => {}); // the error reaches the consumer through `limited`
  return limited;
};

/**
 * `POST /batches/shipments[?dryRun=true|false]` (text/csv body or multipart file) → 202 with the UploadReport (200
 * for a dry run), 400 for a file that cannot be read as a whole, 413 beyond UPLOAD_MAX_BYTES; `GET /batches/:id` →
 * the BatchStatus or 404; `GET /batches/:id/rejected.csv` → every rejected row as CSV (streamed) or 404. A query
 * parameter that is unknown, repeated or not exactly allowed is a 400 naming it, before anything is read. Behind
 * the board's basic auth.
 */
export const registerBatchRoutes = async (
  app: FastifyInstance,
  options: BatchRoutesOptions,
): Promise<void> => {
  await app.register(async (scope) => {
    await guardScope(scope, options.access);
    scope.addContentTypeParser('text/csv', (_request, payload, done) => done(null, payload));
    await scope.register(fastifyMultipart, { limits: { files: 1, fileSize: options.uploadMaxBytes + 1 } });
    const service = (): BatchService => {
      if (!options.batch)
        throw Object.assign(new Error('batch upload is not available'), { statusCode: 503 });
      return options.batch;
    };
    scope.post('/batches/shipments', async (request, reply) => {
      const query = readStrictQuery(uploadQuery, request.query);
      if (!query.ok) return reply.code(400).send(queryProblemBody(query.problem));
      const batch = service();
      const dryRun = query.values.dryRun ?? false;
      const source = await fileOf(request, options.uploadMaxBytes);
      if (!source)
        return reply
          .code(400)
          .send({ error: 'NO_FILE', message: 'send a text/csv body or a multipart file' });
      try {
        const report = await batch.upload(source, { dryRun });
        return reply.code(dryRun ? 200 : 202).send(report);
      } catch (error) {
        if (!(error instanceof BatchFileError)) throw error;
        const { code, problem, line, batchId, message } = error;
        return reply.code(400).send({ error: code, problem, line, batchId, message });
      }
    });
    scope.get<{ Params: { id: string } }>('/batches/:id', async (request, reply) => {
      const query = readStrictQuery(noQuery, request.query);
      if (!query.ok) return reply.code(400).send(queryProblemBody(query.problem));
      const status = await service().status(request.params.id);
      if (!status)
        return reply.code(404).send({ error: 'NOT_FOUND', message: `no batch ${request.params.id}` });
      return status;
    });
    scope.get<{ Params: { id: string } }>('/batches/:id/rejected.csv', async (request, reply) => {
      const query = readStrictQuery(noQuery, request.query);
      if (!query.ok) return reply.code(400).send(queryProblemBody(query.problem));
      const csv = await service().rejectedCsv(request.params.id);
      if (!csv) return reply.code(404).send({ error: 'NOT_FOUND', message: `no batch ${request.params.id}` });
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="rejected-${request.params.id}.csv"`)
        .send(Readable.from(csv));
    });
  });
};
