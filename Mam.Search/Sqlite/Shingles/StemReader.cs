using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Mam.Search.Sqlite.Shingles;

/// <summary>The tokens FTS5's own porter tokenizer makes of a text (stemmed, folded), read back from
/// an in-memory FTS5 table with the same tokenizer through its <c>fts5vocab</c> instance table
/// (https://www.sqlite.org/fts5.html#the_fts5vocab_virtual_table_module). Word pairs built from these
/// are, by construction, the pairs of tokens <c>segment_docs</c> holds: no second stemmer that could
/// disagree with FTS5's on a word, an apostrophe, a number or a non-ASCII letter.</summary>
/// <remarks>In memory only (nothing written to disk: no temp files either), one connection per reader,
/// kept in a small pool because opening one and creating the table costs more than stemming a line.</remarks>
internal sealed class StemReader : IDisposable
{
    private static readonly ConcurrentBag<StemReader> Pool = [];

    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _read;

    private StemReader()
    {
        _connection = new SqliteConnection("Data Source=:memory:");
        _connection.Open();
        using (var create = _connection.CreateCommand())
        {
            create.CommandText = $"""
                PRAGMA temp_store = MEMORY;
                CREATE VIRTUAL TABLE lines USING fts5(text, tokenize = '{SqliteFtsSchema.Stemmed}', columnsize = 0);
                CREATE VIRTUAL TABLE line_tokens USING fts5vocab(lines, instance);
                """;
            create.ExecuteNonQuery();
        }

        _insert = _connection.CreateCommand();
        _insert.CommandText = "INSERT INTO lines (rowid, text) VALUES ($row, $text);";
        _insert.Parameters.Add(new SqliteParameter("$row", 0L));
        _insert.Parameters.Add(new SqliteParameter("$text", string.Empty));
        _read = _connection.CreateCommand();
        _read.CommandText = "SELECT doc, offset, term FROM line_tokens;";
    }

    /// <summary>Each text's tokens in order, as FTS5 indexes them. In-memory work only, so it runs
    /// synchronously (no I/O to wait for).</summary>
    public static string[][] Tokens(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (texts.Count == 0)
        {
            return [];
        }

        var reader = Pool.TryTake(out var pooled) ? pooled : new StemReader();
        try
        {
            return reader.Read(texts);
        }
        finally
        {
            Pool.Add(reader);
        }
    }

    public void Dispose()
    {
        _insert.Dispose();
        _read.Dispose();
        _connection.Dispose();
    }

    private string[][] Read(IReadOnlyList<string> texts)
    {
        using var transaction = _connection.BeginTransaction();
        _insert.Transaction = transaction;
        _read.Transaction = transaction;
        try
        {
            for (var i = 0; i < texts.Count; i++)
            {
                _insert.Parameters[0].Value = (long)i;
                _insert.Parameters[1].Value = texts[i];
                _insert.ExecuteNonQuery();
            }

            // fts5vocab lists instances by term, then document: put each text's tokens back in order.
            var found = new List<(int Offset, string Term)>[texts.Count];
            using (var reader = _read.ExecuteReader())
            {
                while (reader.Read())
                {
                    var doc = (int)reader.GetInt64(0);
                    (found[doc] ??= []).Add(((int)reader.GetInt64(1), reader.GetString(2)));
                }
            }

            var tokens = new string[texts.Count][];
            for (var i = 0; i < texts.Count; i++)
            {
                tokens[i] = found[i] is { } list
                    ? list.OrderBy(t => t.Offset).Select(t => t.Term).ToArray()
                    : [];
            }

            return tokens;
        }
        finally
        {
            // Never kept: rolling back empties the table for the next texts (cheaper than deleting).
            transaction.Rollback();
        }
    }
}
