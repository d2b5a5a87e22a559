using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Mam.Catalog.Upgrades;

/// <summary>A catalog's schema as one line per fact, grouped by table: each column with its store type,
/// nullability and whether it has a default; the primary key; each index with its columns in order and
/// uniqueness; each foreign key with its target and delete rule. Read from a live database or derived
/// from an EF model, so the two can be compared and the difference read by a person. Column order is
/// left out on purpose: SQLite's ALTER TABLE ADD COLUMN can only append, and nothing reads by position.
/// EF's own bookkeeping tables (__EFMigrations…) are left out.</summary>
public sealed class CatalogSchema
{
    private readonly SortedDictionary<string, SortedSet<string>> _tables = new(StringComparer.Ordinal);

    /// <summary>True where constraint names are part of the facts: PostgreSQL reports them, SQLite's
    /// pragmas do not (and SQLite rebuilds a table to change a key anyway).</summary>
    public bool NamesConstraints { get; }

    internal CatalogSchema(bool namesConstraints) => NamesConstraints = namesConstraints;

    public IReadOnlyCollection<string> Tables => _tables.Keys;

    public IReadOnlySet<string> FactsOf(string table) => _tables.TryGetValue(table, out var facts) ? facts : new SortedSet<string>();

    internal void AddTable(string table)
    {
        if (!IsEfBookkeeping(table))
        {
            _tables.TryAdd(table, new SortedSet<string>(StringComparer.Ordinal));
        }
    }

    internal void AddColumn(string table, string column, string storeType, bool nullable, bool hasDefault) =>
        Add(table, $"column {column} {storeType} {(nullable ? "null" : "not null")}{(hasDefault ? " with default" : "")}");

    internal void AddPrimaryKey(string table, string? name, IEnumerable<string> columns) =>
        Add(table, $"primary key{Name(name)} ({string.Join(", ", columns)})");

    internal void AddIndex(string table, string name, IEnumerable<string> columns, bool unique, bool filtered) =>
        Add(table, $"{(unique ? "unique index" : "index")} {name} ({string.Join(", ", columns)}){(filtered ? " filtered" : "")}");

    internal void AddForeignKey(string table, string? name, IEnumerable<string> columns, string principalTable, IEnumerable<string> principalColumns, string onDelete) =>
        Add(table, $"foreign key{Name(name)} ({string.Join(", ", columns)}) references {principalTable} ({string.Join(", ", principalColumns)}) on delete {onDelete}");

    /// <summary>Reads the schema of the catalog <paramref name="db"/> is connected to, inside its current
    /// transaction if it has one.</summary>
    public static async Task<CatalogSchema> ReadAsync(CatalogDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = db.Database.GetDbConnection();
            var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            return connection is NpgsqlConnection
                ? await PostgresSchemaReader.ReadAsync(connection, transaction, cancellationToken).ConfigureAwait(false)
                : await SqliteSchemaReader.ReadAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await db.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The schema an EF model maps to (the current model, or a migration's target model).</summary>
    public static CatalogSchema FromModel(IRelationalModel model, bool namesConstraints)
    {
        ArgumentNullException.ThrowIfNull(model);
        var schema = new CatalogSchema(namesConstraints);
        foreach (var table in model.Tables)
        {
            schema.AddTable(table.Name);
            foreach (var column in table.Columns)
            {
                schema.AddColumn(table.Name, column.Name, column.StoreType, column.IsNullable,
                    column.DefaultValueSql is not null || column.DefaultValue is not null || column.ComputedColumnSql is not null);
            }
            if (table.PrimaryKey is { } key)
            {
                schema.AddPrimaryKey(table.Name, namesConstraints ? key.Name : null, key.Columns.Select(c => c.Name));
            }
            foreach (var index in table.Indexes)
            {
                schema.AddIndex(table.Name, index.Name, index.Columns.Select(c => c.Name), index.IsUnique, index.Filter is not null);
            }
            foreach (var foreignKey in table.ForeignKeyConstraints)
            {
                schema.AddForeignKey(table.Name, namesConstraints ? foreignKey.Name : null, foreignKey.Columns.Select(c => c.Name),
                    foreignKey.PrincipalTable.Name, foreignKey.PrincipalColumns.Select(c => c.Name), DeleteRule(foreignKey.OnDeleteAction));
            }
        }
        return schema;
    }

    /// <summary>How <paramref name="actual"/> differs from this schema in the tables this one has, in a
    /// person's words; empty when they agree. Tables only <paramref name="actual"/> has are not this
    /// schema's business (another component's tables may share the database).</summary>
    public IReadOnlyList<string> DifferencesIn(CatalogSchema actual)
    {
        ArgumentNullException.ThrowIfNull(actual);
        var differences = new List<string>();
        foreach (var (table, expected) in _tables)
        {
            if (!actual._tables.TryGetValue(table, out var found))
            {
                differences.Add($"table {table} is missing");
                continue;
            }
            differences.AddRange(expected.Except(found).Select(f => $"{table}: missing {f}"));
            differences.AddRange(found.Except(expected).Select(f => $"{table}: unexpected {f}"));
        }
        return differences;
    }

    /// <summary>Every fact, one per line ("Assets: column ClipName TEXT not null"), tables in name order.</summary>
    public override string ToString() =>
        string.Join('\n', _tables.SelectMany(t => t.Value.Count == 0 ? [$"{t.Key}:"] : t.Value.Select(f => $"{t.Key}: {f}")));

    internal static string DeleteRule(ReferentialAction action) => action switch
    {
        ReferentialAction.Cascade => "CASCADE",
        ReferentialAction.Restrict => "RESTRICT",
        ReferentialAction.SetNull => "SET NULL",
        ReferentialAction.SetDefault => "SET DEFAULT",
        _ => "NO ACTION",
    };

    private static bool IsEfBookkeeping(string table) => table.StartsWith("__EFMigrations", StringComparison.Ordinal);

    private void Add(string table, string fact)
    {
        if (!IsEfBookkeeping(table))
        {
            AddTable(table);
            _tables[table].Add(fact);
        }
    }

    private static string Name(string? name) => name is null ? "" : " " + name;
}
