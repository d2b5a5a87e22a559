using System.Data.Common;

namespace Mam.Catalog.Upgrades;

internal static class SchemaQuery
{
    internal static async Task<List<T>> ListAsync<T>(DbConnection connection, DbTransaction? transaction, string sql, Func<DbDataReader, T> read,
        CancellationToken cancellationToken, string? argument = null)
    {
        await using var command = connection.CreateCommand();
        // SQLite refuses a command outside the connection's open transaction.
        command.Transaction = transaction;
        command.CommandText = sql;
        if (argument is not null)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "$t";
            parameter.Value = argument;
            command.Parameters.Add(parameter);
        }
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(read(reader));
        }
        return rows;
    }
}
