using Mam.Search;
using Mam.Search.Sqlite;

namespace Mam.Tests.Search;

/// <summary>Whatever is typed, a search either answers or says what is wrong with the query
/// (SearchQueryException) — and the index keeps working afterwards.</summary>
[TestFixture]
public sealed class HostileQueryTests
{
    private TempSearchIndex _temp = null!;
    private AssetDocument _clip = null!;

    [SetUp]
    public async Task SetUp()
    {
        _temp = await TempSearchIndex.CreateAsync();
        _clip = TempSearchIndex.Clip("A001_C001", lines: ["The harbour is calm at the café.", "Drop the table segments over there."]);
        await _temp.IndexAsync(_clip);
    }

    [TearDown]
    public async Task TearDown() => await _temp.DisposeAsync();

    [TestCase("\"unbalanced")]
    [TestCase("harbour \"unbalanced")]
    [TestCase("harbour AND (")]
    [TestCase("NEAR(a b)")]
    [TestCase("NEAR(harbour calm, 2)")]
    [TestCase("col:word")]
    [TestCase("text:harbour")]
    [TestCase("{text clip_name}: harbour")]
    [TestCase("'; DROP TABLE segments; --")]
    [TestCase("'; DROP TABLE segment_docs; --")]
    [TestCase("harbour'); DELETE FROM assets; --")]
    [TestCase("^harbour + calm")]
    [TestCase("harbour OR")]
    [TestCase("OR harbour")]
    [TestCase("NOT")]
    [TestCase("-harbour")]
    [TestCase("harbour -")]
    [TestCase("\"\"")]
    [TestCase("\"\"\"\"\"")]
    [TestCase("h\"a\"r\"b")]
    [TestCase("harbour\u0000calm")]
    [TestCase("\u0002harbour\u0003")]
    [TestCase("🚢 harbour")]
    [TestCase("港 harbour")]
    [TestCase("café")]
    [TestCase("***harbour***")]
    public async Task Search_WithHostileQuery_AnswersOrRejectsTheQuery_AndTheIndexStillWorks(string query)
    {
        await SearchOrReject(query);

        await IndexStillWorks();
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase("\t\n")]
    [TestCase("*")]
    [TestCase("^")]
    [TestCase("( ) { } : + ^ * -")]
    [TestCase("AND OR NOT")]
    [TestCase("\"   \"")]
    public async Task Search_WithNoSearchableWord_AsksForAWord(string query)
    {
        var error = await Should.ThrowAsync<SearchQueryException>(() => _temp.SearchAsync(query));

        error.Message.ShouldBe("Type at least one word to search for.");
        await IndexStillWorks();
    }

    [Test]
    public async Task Search_WithATenKilobyteQuery_SaysTheQueryIsTooLong()
    {
        var query = string.Concat(Enumerable.Repeat("harbour ", 10 * 1024 / 8));

        var error = await Should.ThrowAsync<SearchQueryException>(() => _temp.SearchAsync(query));

        error.Message.ShouldContain("too long");
        error.Message.ShouldContain(FtsQuery.MaxQueryLength.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await IndexStillWorks();
    }

    [Test]
    public async Task Search_WithSqlInText_FindsTheWordsAsText()
    {
        var hits = await _temp.SearchAsync("'; DROP TABLE segments; --");

        hits.ShouldHaveSingleItem().Snippet.ShouldContain("<mark>Drop</mark> the <mark>table</mark> <mark>segments</mark>");
    }

    [Test]
    public async Task Search_WithOnlyExclusions_ExplainsThatAWordIsNeeded()
    {
        var error = await Should.ThrowAsync<SearchQueryException>(() => _temp.SearchAsync("-harbour NOT calm"));

        error.Message.ShouldContain("cannot only exclude");
    }

    [TestCase(0)]
    [TestCase(-1)]
    [TestCase(100_000)]
    public async Task Search_WithOutOfRangeLimit_RejectsTheQuery(int limit)
    {
        await Should.ThrowAsync<SearchQueryException>(() => _temp.SearchAsync("harbour", limit: limit));
    }

    private async Task SearchOrReject(string query)
    {
        try
        {
            await _temp.SearchAsync(query);
        }
        catch (SearchQueryException)
        {
            // Rejecting the query with a message is an accepted answer.
        }
    }

    private async Task IndexStillWorks()
    {
        (await _temp.SearchAsync("harbour")).ShouldHaveSingleItem().AssetId.ShouldBe(_clip.AssetId);

        var other = TempSearchIndex.Clip("A001_C002", lines: "A gull over the harbour.");
        await _temp.IndexAsync(other);
        (await _temp.SearchAsync("harbour")).Count.ShouldBe(2);
    }
}
