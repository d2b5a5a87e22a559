using System.Data.Common;

namespace Mam.Catalog.Upgrades;

/// <summary>Reads a PostgreSQL catalog's schema (the connection's current schema) from the system
/// catalogs (https://www.postgresql.org/docs/current/catalogs.html). format_type gives the same type
/// names EF writes ("character varying(256)", "timestamp with time zone").</summary>
internal static class PostgresSchemaReader
{
    private const string Tables = """
        SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = current_schema() AND c.relkind = 'r'
        """;

    private const string Columns = """
        SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, a.atthasdef
        FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = current_schema() AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
        """;

    private const string Indexes = """
        SELECT t.relname, i.relname, x.indisprimary, x.indisunique, x.indpred IS NOT NULL,
               ARRAY(SELECT a.attname FROM unnest(x.indkey::int2[]) WITH ORDINALITY k(attnum, ord)
                     JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum ORDER BY k.ord)
        FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
        JOIN pg_namespace n ON n.oid = t.relnamespace
        WHERE n.nspname = current_schema()
        """;

    private const string ForeignKeys = """
        SELECT t.relname, k.conname, p.relname, k.confdeltype,
               ARRAY(SELECT a.attname FROM unnest(k.conkey) WITH ORDINALITY c(attnum, ord)
                     JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = c.attnum ORDER BY c.ord),
               ARRAY(SELECT a.attname FROM unnest(k.confkey) WITH ORDINALITY c(attnum, ord)
                     JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = c.attnum ORDER BY c.ord)
        FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
        JOIN pg_namespace n ON n.oid = t.relnamespace
        WHERE n.nspname = current_schema() AND k.contype = 'f'
        """;

    public static async Task<CatalogSchema> ReadAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var schema = new CatalogSchema(namesConstraints: true);
        foreach (var table in await SchemaQuery.ListAsync(connection, transaction, Tables, r => r.GetString(0), cancellationToken).ConfigureAwait(false))
        {
            schema.AddTable(table);
        }
        await SchemaQuery.ListAsync(connection, transaction, Columns, r =>
        {
            schema.AddColumn(r.GetString(0), r.GetString(1), r.GetString(2), !r.GetBoolean(3), r.GetBoolean(4));
            return 0;
        }, cancellationToken).ConfigureAwait(false);
        await SchemaQuery.ListAsync(connection, transaction, Indexes, r =>
        {
            var columns = r.GetFieldValue<string[]>(5);
            if (r.GetBoolean(2))
            {
                schema.AddPrimaryKey(r.GetString(0), r.GetString(1), columns);
            }
            else
            {
                schema.AddIndex(r.GetString(0), r.GetString(1), columns, r.GetBoolean(3), r.GetBoolean(4));
            }
            return 0;
        }, cancellationToken).ConfigureAwait(false);
        await SchemaQuery.ListAsync(connection, transaction, ForeignKeys, r =>
        {
            schema.AddForeignKey(r.GetString(0), r.GetString(1), r.GetFieldValue<string[]>(4), r.GetString(2), r.GetFieldValue<string[]>(5), DeleteRule(r.GetChar(3)));
            return 0;
        }, cancellationToken).ConfigureAwait(false);
        return schema;
    }

    // pg_constraint.confdeltype codes.
    private static string DeleteRule(char code) => code switch
    {
        'c' => "CASCADE",
        'r' => "RESTRICT",
        'n' => "SET NULL",
        'd' => "SET DEFAULT",
        _ => "NO ACTION",
    };
}
