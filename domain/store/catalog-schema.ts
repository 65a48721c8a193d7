// The catalogue file format (docs/import-format.md), validated with zod: every field, with
// messages a coordinator can act on. Field names are the column names of prisma/schema.prisma.
// References to rows outside the file (series.networkId, series.hostRotation) need the
// database and are checked by catalog-import.ts.
import { DateTime } from "luxon";
import { z } from "zod";
import { SessionKind } from "../../prisma/generated/client.ts";
import { RecurrenceRuleSchema } from "../recurrence.ts";

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'an ascii slug of a-z, 0-9 and hyphens, e.g. "jarvenpaa"');
const text = z.string().trim().min(1, "must not be empty").max(4000);
const realDate = (value: string) => DateTime.fromISO(value).isValid;
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD")
  .refine(realDate, "not a real calendar date");
const tag = z.string().regex(/^[\p{Ll}\d]+(-[\p{Ll}\d]+)*$/u, 'a lower-case word without spaces, e.g. "tutkittua"');
const contents = z.array(text).min(1, "list at least one item");
/** Kinds that belong to a regional network by definition. */
const NETWORK_KINDS: readonly SessionKind[] = [
  "NETWORK_COFFEE",
  "BOOKMOBILE_QUARTER",
  "NETWORK_DAY",
  "CORE_GROUP_MEETING",
];

/** `nameFi`, `nameSv` and `nameEn`: the column names of prisma/schema.prisma. */
function fiSvEn<K extends string, S extends z.ZodTypeAny>(key: K, schema: S) {
  return { [`${key}Fi`]: schema, [`${key}Sv`]: schema, [`${key}En`]: schema } as Record<`${K}${"Fi" | "Sv" | "En"}`, S>;
}

const LibrarySchema = z
  .object({
    id: slug,
    municipality: text,
    municipalitySv: text,
    nameFi: text,
    nameSv: text,
    consortium: text.nullable().default(null),
    bilingual: z.boolean().default(false),
    ake: z.boolean().default(false),
  })
  .strict();

const NetworkSchema = z.object({ id: slug, ...fiSvEn("name", text), ...fiSvEn("summary", text) }).strict();

const SeriesSchema = z
  .object({
    id: slug,
    kind: z.nativeEnum(SessionKind),
    networkId: slug.nullable().default(null),
    ...fiSvEn("title", text),
    ...fiSvEn("description", z.string().trim().max(4000).default("")),
    tags: z.array(tag).default([]),
    languages: z
      .array(z.enum(["fi", "sv", "en"]))
      .min(1, "name at least one of fi, sv, en")
      .refine((list) => new Set(list).size === list.length, "name each language once"),
    joinUrl: z
      .string()
      .url("a meeting link such as https://teams.microsoft.com/l/meetup-join/...")
      .refine((url) => url.startsWith("https://"), "a link starting with https://")
      .nullable()
      .default(null),
    rule: RecurrenceRuleSchema,
    hostRotation: z.array(slug).default([]),
  })
  .strict()
  .superRefine((series, ctx) => {
    if (NETWORK_KINDS.includes(series.kind) && series.networkId === null) {
      ctx.addIssue({ code: "custom", path: ["networkId"], message: `a ${series.kind} series needs a networkId` });
    }
    const { startDate, until, exceptions } = series.rule;
    const dates: [(string | number)[], string | undefined][] = [
      [["startDate"], startDate],
      [["until"], until],
    ];
    for (const [index, date] of exceptions.entries()) dates.push([["exceptions", index], date]);
    for (const [path, date] of dates) {
      if (date !== undefined && !realDate(date)) {
        ctx.addIssue({ code: "custom", path: ["rule", ...path], message: "not a real calendar date" });
      }
    }
    if (until !== undefined && until < startDate) {
      ctx.addIssue({ code: "custom", path: ["rule", "until"], message: "must not be before startDate" });
    }
  });

const LoanItemSchema = z
  .object({
    id: slug,
    ...fiSvEn("name", text),
    ...fiSvEn("description", text),
    ...fiSvEn("contents", contents),
    transitDays: z.number().int().min(0).max(10).default(2),
    maxLoanDays: z.number().int().min(1).max(180).default(28),
    retiredAt: isoDate.nullable().default(null),
  })
  .strict()
  .refine(
    (item) => item.contentsSv.length === item.contentsFi.length && item.contentsEn.length === item.contentsFi.length,
    {
      message: "one line per item in every language: contentsFi, contentsSv and contentsEn must be equally long",
      path: ["contentsSv"],
    },
  );

const ENTITIES = ["libraries", "networks", "series", "loanItems"] as const;
export type Entity = (typeof ENTITIES)[number];

export const CatalogSchema = z
  .object({
    version: z.literal(1, { errorMap: () => ({ message: "must be 1 (the format of docs/import-format.md)" }) }),
    sample: z.boolean().default(false),
    libraries: z.array(LibrarySchema).default([]),
    networks: z.array(NetworkSchema).default([]),
    series: z.array(SeriesSchema).default([]),
    loanItems: z.array(LoanItemSchema).default([]),
  })
  .strict()
  .superRefine((catalog, ctx) => {
    for (const entity of ENTITIES) {
      const seen = new Map<string, number>();
      for (const [index, row] of catalog[entity].entries()) {
        const first = seen.get(row.id);
        if (first === undefined) seen.set(row.id, index);
        else
          ctx.addIssue({
            code: "custom",
            path: [entity, index, "id"],
            message: `duplicate id (also ${entity}[${first}])`,
          });
      }
    }
  });

export type Catalog = z.infer<typeof CatalogSchema>;
/** What a file may contain: defaults not yet applied. Every Catalog is also a CatalogInput. */
export type CatalogInput = z.input<typeof CatalogSchema>;

export interface CatalogIssue {
  /** e.g. "series[2].rule.time" */
  path: string;
  message: string;
  /** the id of the row the issue is in, when it has one */
  id?: string | undefined;
}

export class CatalogImportError extends Error {
  override name = "CatalogImportError";
  readonly code = "invalid_catalog";
  constructor(readonly issues: CatalogIssue[]) {
    super(`invalid catalogue:\n${issues.map((issue) => `  ${formatIssue(issue)}`).join("\n")}`);
  }
}

export function formatIssue(issue: CatalogIssue): string {
  return `${issue.path}${issue.id === undefined ? "" : ` (id "${issue.id}")`}: ${issue.message}`;
}

/** zod issues as paths a coordinator can find in the file; `input` supplies the row ids. */
export function catalogIssues(error: z.ZodError, input?: unknown): CatalogIssue[] {
  return error.issues.map((issue) => {
    const [entity, index] = issue.path;
    const row =
      typeof index === "number" ? (input as Record<string, unknown[]> | undefined)?.[entity ?? ""]?.[index] : undefined;
    const id = (row as { id?: unknown } | undefined)?.id;
    const path = issue.path.reduce<string>(
      (out, part) => (typeof part === "number" ? `${out}[${part}]` : out ? `${out}.${part}` : part),
      "",
    );
    return { path: path || "(top level)", message: issue.message, id: typeof id === "string" ? id : undefined };
  });
}
