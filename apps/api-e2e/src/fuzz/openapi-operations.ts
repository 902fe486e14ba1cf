/** The parts of an OpenAPI 3 document the fuzzer reads: every operation, its parameters and its body schema. */
export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  maxItems?: number;
  nullable?: boolean;
  pattern?: string;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
}

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: Schema;
}

interface OpenApiOperation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  security?: unknown[];
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, Schema> };
}

export interface Operation {
  method: string;
  /** e.g. `/api/tasks/{id}` */
  path: string;
  pathParams: { name: string; schema: Schema }[];
  queryParams: { name: string; required: boolean; schema: Schema }[];
  /** Undefined for a route without a body. */
  body?: Schema;
  /** The body media types the route declares (JSON when none is declared). */
  contentTypes: string[];
  /** OAuth routes answer errors as RFC 6749 JSON rather than problem+json. */
  oauth: boolean;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** Resolves `$ref` and `allOf` so that generators see plain schemas. */
export function resolve(document: OpenApiDocument, schema: Schema | undefined, depth = 0): Schema {
  if (!schema || depth > 10) return {};
  if (schema.$ref) {
    const name = schema.$ref.split('/').pop() ?? '';
    return resolve(document, document.components?.schemas?.[name], depth + 1);
  }
  if (schema.allOf) {
    return schema.allOf.reduce<Schema>((merged, part) => {
      const resolved = resolve(document, part, depth + 1);
      return { ...merged, ...resolved, properties: { ...merged.properties, ...resolved.properties }, required: [...(merged.required ?? []), ...(resolved.required ?? [])] };
    }, {});
  }
  return schema;
}

export function operationsOf(document: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const parameters = operation.parameters ?? [];
      const content = operation.requestBody?.content ?? {};
      const contentTypes = Object.keys(content);
      const bodySchema = contentTypes.map((type) => content[type]?.schema).find(Boolean);
      operations.push({
        method: method.toUpperCase(),
        path,
        pathParams: parameters.filter((p) => p.in === 'path').map((p) => ({ name: p.name, schema: resolve(document, p.schema) })),
        queryParams: parameters.filter((p) => p.in === 'query').map((p) => ({ name: p.name, required: p.required ?? false, schema: resolve(document, p.schema) })),
        body: operation.requestBody ? resolve(document, bodySchema) : undefined,
        contentTypes: contentTypes.length > 0 ? contentTypes : ['application/json'],
        oauth: path.startsWith('/api/token'),
      });
    }
  }
  return operations;
}
