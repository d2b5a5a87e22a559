using System.Globalization;
using Mam.Search;
using Mam.Search.Sqlite;
using Mam.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Mam.Tests.Search;

/// <summary>Phrases of up to three words are answered from the word-pair table (layout 4), not by
/// FTS5's phrase match over the stemmed table. These tests hold the two to the same answer: for every
/// adjacent pair and triple of awkward lines (stems, apostrophes, numbers, accents, other scripts,
/// one-letter words, underscores), the clips a search lists are exactly the clips FTS5's own phrase
/// match finds in the same file.</summary>
[TestFixture]
public sealed class SqliteWordPairTests
{
    private const long SqliteSchemaVersion = 4;

    private static readonly string[] Lines =
    [
        "The boats came home running, and the runner ran on.",
        "Don't leave the boat at o'clock; it's the captain's call.",
        "Rolling 1080p at 23.976 on A001_C003, take 12b, 4K later.",
        "Café naïve façade: the résumé of Ærø and Straße, cafe again.",
        "Λόγος και πράξη, 東京 の 夜, Москва ночью — three scripts.",
        "I a I a: is it a boat or a ship? A boat, I said.",
        "Generalizations relational conditional rationalization hopefulness goodness.",
        "Agreed, feed, plastered, bled, motoring, sing, conflated, troubled, sized, hopping.",
        "Happy sky ponies caresses cats feudalism formality sensitivity sensibility.",
        "Electrical hopeful goodness revival allowance inference adjustable defensible.",
        "The the the boat boat came came home.",
        "THE BOAT CAME HOME, shouted in capitals.",
        "x-ray e-mail co-operate re-enter, well-known half-time.",
        "Numbers 007 and 7 and 0.5 and 1,000 and 42nd street.",
        "It's its it is; we're were where, they'll till tell.",
        "Running runs ran runner; connection connected connecting connections.",
    ];

    [Test]
    public async Task Search_EveryPairAndTripleOfAwkwardLines_ListsExactlyTheClipsFts5sPhraseMatchFinds()
    {
        await using var temp = await TempSearchIndex.CreateAsync();
        var clips = Lines.Select((line, i) => TempSearchIndex.Clip(string.Create(CultureInfo.InvariantCulture, $"C{i:000}"), lines: line)).ToList();
        await temp.Index.IndexAssetsAsync(clips, CancellationToken.None);

        await using var file = new SqliteConnection($"Data Source={temp.Index.DatabasePath};Mode=ReadOnly;Pooling=False");
        await file.OpenAsync();
        var phrases = Lines.SelectMany(Phrases).Distinct(StringComparer.Ordinal).ToList();
        phrases.Count.ShouldBeGreaterThan(250);
        var compared = 0;
        foreach (var phrase in phrases)
        {
            var query = $"\"{phrase}\"";
            var expected = await PhraseMatchAsync(file, FtsQuery.ToMatchExpression(query));
            var results = await temp.Index.SearchAsync(new SearchRequest(query, 200), CancellationToken.None);
            results.Clips.Select(c => c.ClipName).Order(StringComparer.Ordinal)
                .ShouldBe(expected.Order(StringComparer.Ordinal), $"{query} (FTS5 phrase match: {string.Join(", ", expected)})");
            results.TotalClips.ShouldBe(expected.Count, query);
            compared += expected.Count;
        }

        compared.ShouldBeGreaterThanOrEqualTo(phrases.Count, "every phrase cut from a line finds at least that line");
    }

    [Test]
    public async Task Search_WithPairsAlternativesAndExclusions_AgreesWithFts5OnTheStemmedTable()
    {
        await using var temp = await TempSearchIndex.CreateAsync();
        var clips = Lines.Select((line, i) => TempSearchIndex.Clip(string.Create(CultureInfo.InvariantCulture, $"C{i:000}"), lines: line)).ToList();
        await temp.Index.IndexAssetsAsync(clips, CancellationToken.None);
        await using var file = new SqliteConnection($"Data Source={temp.Index.DatabasePath};Mode=ReadOnly;Pooling=False");
        await file.OpenAsync();

        string[] queries =
        [
            "\"the boat\" came", "\"boat came\" OR \"ship\"", "\"the boat\" -\"came home\"", "boats NOT capitals", "\"a boat\" \"I said\"",
            "\"don't leave\"", "\"o'clock\"", "\"23.976\"", "\"A001_C003\"", "\"cafe naive facade\"", "\"東京 の\"", "\"is it a\"",
            "\"the the\"", "\"came came home\"", "runner -\"ran on\"", "\"connected connecting connections\"", "\"a b c d\"", "\"the boat came home\"",
        ];
        foreach (var query in queries)
        {
            var expected = await PhraseMatchAsync(file, FtsQuery.ToMatchExpression(query));
            var results = await temp.Index.SearchAsync(new SearchRequest(query, 200), CancellationToken.None);
            results.Clips.Select(c => c.ClipName).Order(StringComparer.Ordinal).ShouldBe(expected.Order(StringComparer.Ordinal), query);
        }
    }

    [Test]
    public async Task Search_ForPhrasesOfUpToThreeWords_AnswersFromTheWordPairs_LongerPhrasesAndPrefixesFromTheFullText()
    {
        using var folder = new TempFolder("search-pairs-used");
        var path = folder.File("search.db");
        var index = new SqliteFtsSearchIndex(path);
        await index.EnsureCreatedAsync(CancellationToken.None);
        await index.IndexAssetAsync(TempSearchIndex.Clip("A001C001", lines: "The boats came home in the rain."), CancellationToken.None);
        (await Count(index, "\"boat came\"")).ShouldBe(1);

        // Emptying the word-pair table (never done by the product) shows which table answered.
        await using (var file = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await file.OpenAsync();
            await using var command = file.CreateCommand();
            command.CommandText = "DELETE FROM segment_shingles;";
            await command.ExecuteNonQueryAsync();
        }

        (await Count(index, "\"boat came\"")).ShouldBe(0);
        (await Count(index, "\"boats came home\"")).ShouldBe(0);
        (await Count(index, "rain")).ShouldBe(0);
        (await Count(index, "\"boats came home in\"")).ShouldBe(1);
        (await Count(index, "\"boats cam*\"")).ShouldBe(1);
        SqliteConnection.ClearAllPools();
    }

    [Test]
    public async Task Search_AfterAnotherWriterReplacesAndRemovesClips_PhrasesFindOnlyWhatIsThereNow()
    {
        using var folder = new TempFolder("search-pairs-writers");
        var path = folder.File("search.db");
        var reader = new SqliteFtsSearchIndex(path);
        var writer = new SqliteFtsSearchIndex(path);
        await reader.EnsureCreatedAsync(CancellationToken.None);
        var changing = TempSearchIndex.Clip("A001C001", lines: ["the old lantern by the door", "a quiet harbour"]);
        var leaving = TempSearchIndex.Clip("A001C002", lines: "the old lantern in the hall");
        await reader.IndexAssetsAsync([changing, leaving], CancellationToken.None);
        (await Count(reader, "\"old lantern\"")).ShouldBe(2);

        await writer.IndexAssetAsync(changing with { Segments = [new SegmentDocument(1, 2, "the new lantern by the door", "transcript")] }, CancellationToken.None);
        await writer.RemoveAssetAsync(leaving.AssetId, CancellationToken.None);

        (await Count(reader, "\"old lantern\"")).ShouldBe(0);
        (await Count(reader, "\"quiet harbour\"")).ShouldBe(0);
        (await Count(reader, "\"new lantern\"")).ShouldBe(1);
        (await Count(reader, "\"lantern by the\"")).ShouldBe(1);
        (await RowsAsync(path, "SELECT count(*) FROM segment_shingles")).ShouldBe(await RowsAsync(path, "SELECT count(*) FROM segments"));
        SqliteConnection.ClearAllPools();
    }

    [Test]
    public async Task EnsureCreated_OnALayout3File_AddsTheWordPairsOfEveryStoredSegment()
    {
        using var folder = new TempFolder("search-layout3");
        var path = folder.File("search.db");
        var index = new SqliteFtsSearchIndex(path);
        await index.EnsureCreatedAsync(CancellationToken.None);
        await index.IndexAssetsAsync(
        [
            TempSearchIndex.Clip("A001C001", lines: ["The boats came home.", "Meet me at the harbour."]),
            TempSearchIndex.Clip("A001C002", lines: "The boat came in late."),
        ], CancellationToken.None);

        // A layout-3 file is this one without the word-pair table.
        await using (var file = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await file.OpenAsync();
            await using var command = file.CreateCommand();
            command.CommandText = """
                DROP TRIGGER segments_after_delete_shingles;
                DROP TABLE segment_shingles;
                PRAGMA user_version = 3;
                """;
            await command.ExecuteNonQueryAsync();
        }

        SqliteConnection.ClearAllPools();
        var reopened = new SqliteFtsSearchIndex(path);
        await reopened.EnsureCreatedAsync(CancellationToken.None);

        (await RowsAsync(path, "PRAGMA user_version")).ShouldBe(SqliteSchemaVersion);
        (await RowsAsync(path, "SELECT count(*) FROM segment_shingles")).ShouldBe(3);
        (await Count(reopened, "\"boat came\"")).ShouldBe(2);
        (await Count(reopened, "\"at the harbour\"")).ShouldBe(1);
        var hit = (await reopened.SearchAsync(new SearchRequest("\"the harbour\""), CancellationToken.None)).Hits.ShouldHaveSingleItem();
        hit.Snippet.ShouldContain("<mark>");
        SqliteConnection.ClearAllPools();
    }

    private static IEnumerable<string> Phrases(string line)
    {
        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var length = 2; length <= 3; length++)
        {
            for (var start = 0; start + length <= words.Length; start++)
            {
                yield return string.Join(' ', words.Skip(start).Take(length)).Replace("\"", string.Empty, StringComparison.Ordinal);
            }
        }
    }

    private static async Task<List<string>> PhraseMatchAsync(SqliteConnection file, string match)
    {
        await using var command = file.CreateCommand();
        command.CommandText = """
            SELECT DISTINCT c.clip_name FROM segment_docs JOIN clips c ON c.id = segment_docs.rowid >> 20
            WHERE segment_docs MATCH $match;
            """;
        command.Parameters.AddWithValue("$match", match);
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static async Task<int> Count(SqliteFtsSearchIndex index, string query) =>
        (await index.SearchAsync(new SearchRequest(query), CancellationToken.None)).TotalClips;

    private static async Task<long> RowsAsync(string path, string sql)
    {
        await using var file = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await file.OpenAsync();
        await using var command = file.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
