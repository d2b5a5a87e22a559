using System.Data.Common;

namespace Mam.Catalog.Upgrades;

/// <summary>Reads a SQLite catalog's schema through its pragmas
/// (https://www.sqlite.org/pragma.html#pragfunc): table_info, index_list/index_info, foreign_key_list.</summary>
internal static class SqliteSchemaReader
{
    public static async Task<CatalogSchema> ReadAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var schema = new CatalogSchema(namesConstraints: false);
        var tables = await SchemaQuery.ListAsync(connection, transaction, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
            r => r.GetString(0), cancellationToken).ConfigureAwait(false);
        foreach (var table in tables)
        {
            schema.AddTable(table);
            var columns = await SchemaQuery.ListAsync(connection, transaction, "SELECT name, type, \"notnull\", dflt_value IS NOT NULL, pk FROM pragma_table_info($t)",
                r => (Name: r.GetString(0), Type: r.GetString(1), NotNull: r.GetInt64(2) == 1, HasDefault: r.GetInt64(3) == 1, Key: r.GetInt64(4)),
                cancellationToken, table).ConfigureAwait(false);
            foreach (var column in columns)
            {
                schema.AddColumn(table, column.Name, column.Type, !column.NotNull, column.HasDefault);
            }
            if (columns.Any(c => c.Key > 0))
            {
                schema.AddPrimaryKey(table, null, columns.Where(c => c.Key > 0).OrderBy(c => c.Key).Select(c => c.Name));
            }

            // origin 'c': made by CREATE INDEX (not the automatic index behind a key or UNIQUE constraint).
            var indexes = await SchemaQuery.ListAsync(connection, transaction, "SELECT name, \"unique\", partial FROM pragma_index_list($t) WHERE origin = 'c'",
                r => (Name: r.GetString(0), Unique: r.GetInt64(1) == 1, Partial: r.GetInt64(2) == 1), cancellationToken, table).ConfigureAwait(false);
            foreach (var index in indexes)
            {
                var indexColumns = await SchemaQuery.ListAsync(connection, transaction, "SELECT name FROM pragma_index_info($t) ORDER BY seqno",
                    r => r.GetString(0), cancellationToken, index.Name).ConfigureAwait(false);
                schema.AddIndex(table, index.Name, indexColumns, index.Unique, index.Partial);
            }

            var foreignKeys = await SchemaQuery.ListAsync(connection, transaction, "SELECT id, \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list($t) ORDER BY id, seq",
                r => (Id: r.GetInt64(0), Principal: r.GetString(1), From: r.GetString(2), To: r.GetString(3), OnDelete: r.GetString(4)),
                cancellationToken, table).ConfigureAwait(false);
            foreach (var foreignKey in foreignKeys.GroupBy(f => f.Id))
            {
                var first = foreignKey.First();
                schema.AddForeignKey(table, null, foreignKey.Select(f => f.From), first.Principal, foreignKey.Select(f => f.To), first.OnDelete);
            }
        }
        return schema;
    }
}
