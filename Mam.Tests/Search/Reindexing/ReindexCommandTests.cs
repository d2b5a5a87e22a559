using Mam.Search;
using Mam.Tests.Support;
using Mam.Workers.Reindexing;
using Microsoft.EntityFrameworkCore;

namespace Mam.Tests.Search.Reindexing;

/// <summary><c>Mam.Workers reindex</c> as an operator runs it: settings on the command line, a line of
/// progress per batch, an exit code scripts can test.</summary>
[TestFixture]
public sealed class ReindexCommandTests() : TempFolderTest("reindex-cli")
{
    [Test]
    public async Task Reindex_OfOneProject_PrintsWhatItWritesWhereAndItsProgress_ThenTheIndexFindsThoseClips()
    {
        await using (var catalog = await ReindexCatalog.CreateAsync(Temp.Path))
        {
            await catalog.AddFiveClipsAsync();
        }

        var (exit, output, error) = await RunAsync("reindex", "--project", ReindexCatalog.Harbour, $"--Mam:DataDirectory={Temp.Path}");

        (exit, error).ShouldBe((0, ""));
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines[0].ShouldBe($"reindex: 3 clips in project 'Harbour Film' into the SQLite FTS5 index {Path.Combine(Temp.Path, "search.db")}");
        lines[1].ShouldStartWith("reindex: 0/3 clips (0%), ");
        lines[2].ShouldStartWith("reindex: 3/3 clips (100%), ");
        lines[^1].ShouldStartWith("reindex: done, 3/3 clips (100%), ");
        await using var reopened = await ReindexCatalog.CreateAsync(Temp.Path);
        var found = await reopened.Index.SearchAsync(new SearchRequest("lighthouse"), CancellationToken.None);
        found.Clips.Select(c => c.Project).ShouldBe([.. Enumerable.Repeat(ReindexCatalog.Harbour, 3)]);
    }

    [Test]
    public async Task Reindex_OfAProjectNotInTheCatalog_SaysSoAndFails()
    {
        await (await ReindexCatalog.CreateAsync(Temp.Path)).DisposeAsync();

        var (exit, output, error) = await RunAsync("reindex", "--project", "Nowhere", $"--Mam:DataDirectory={Temp.Path}");

        exit.ShouldBe(1);
        output.ShouldBeEmpty();
        error.ShouldContain("There is no project named 'Nowhere' in the catalog.");
    }

    [Test]
    public async Task Reindex_PointedAtAFolderWithoutACatalog_SaysWhereItLookedAndWhichSettingsToFix_AndCreatesNothing()
    {
        var (exit, output, error) = await RunAsync("reindex", $"--Mam:DataDirectory={Temp.Path}");

        exit.ShouldBe(1);
        output.ShouldBeEmpty();
        error.ShouldContain($"There is no catalog at {Path.Combine(Temp.Path, "catalog.db")}.");
        error.ShouldContain("Mam:DataDirectory");
        error.ShouldContain("Catalog:ConnectionString");
        Directory.EnumerateFileSystemEntries(Temp.Path).ShouldBeEmpty();
    }

    [Test]
    public async Task Reindex_OfACatalogAnOlderBuildLeft_AsksToStartTheMamOnceToUpgradeIt_AndChangesNothing()
    {
        await using (var catalog = await ReindexCatalog.CreateAsync(Temp.Path))
        {
            await catalog.AddFiveClipsAsync();
            await using var db = await catalog.CatalogAsync();
            // As a catalog looks to this build before its latest migration has been applied.
            var latest = (await db.Database.GetAppliedMigrationsAsync()).Last();
            await db.Database.ExecuteSqlAsync($"DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = {latest}");
        }
        var before = await File.ReadAllBytesAsync(Path.Combine(Temp.Path, "catalog.db"));

        var (exit, output, error) = await RunAsync("reindex", $"--Mam:DataDirectory={Temp.Path}");

        exit.ShouldBe(1);
        output.ShouldBeEmpty();
        error.ShouldContain("is from an older build (1 schema upgrade(s) pending). Start Mam.Api or Mam.Workers once to upgrade it");
        (await File.ReadAllBytesAsync(Path.Combine(Temp.Path, "catalog.db"))).ShouldBe(before);
        File.Exists(Path.Combine(Temp.Path, "search.db")).ShouldBeFalse("nothing was written into the search index");
    }

    [Test]
    public async Task Reindex_WhenTheCatalogCannotBeRead_SaysWhyInALine_InsteadOfAStackTrace()
    {
        await File.WriteAllTextAsync(Path.Combine(Temp.Path, "catalog.db"), "this is not a SQLite database, only text that looks like one from afar");

        var (exit, output, error) = await RunAsync("reindex", $"--Mam:DataDirectory={Temp.Path}");

        exit.ShouldBe(1);
        output.ShouldBeEmpty();
        error.ShouldStartWith("reindex: stopped: ");
        error.ShouldContain("file is not a database");
        error.ShouldNotContain("   at ");
    }

    [TestCase("--projct", "unknown argument '--projct'")]
    [TestCase("--project", "--project needs a project name")]
    [TestCase("--project=", "--project needs a project name")]
    [TestCase("--project= ", "--project needs a project name")]
    public async Task Reindex_WithAMistypedArgument_ShowsTheUsageAndTouchesNothing(string argument, string message)
    {
        var (exit, output, error) = await RunAsync("reindex", $"--Mam:DataDirectory={Temp.Path}", argument);

        exit.ShouldBe(2);
        output.ShouldBeEmpty();
        error.ShouldContain(message);
        error.ShouldContain("Usage: Mam.Workers reindex [--project NAME]");
        Directory.EnumerateFileSystemEntries(Temp.Path).ShouldBeEmpty();
    }

    [Test]
    public void IsRequested_OnlyWhenReindexIsTheFirstArgument()
    {
        ReindexCommand.IsRequested(["reindex", "--project", "P"]).ShouldBeTrue();
        ReindexCommand.IsRequested(["--Search:Provider=Sqlite"]).ShouldBeFalse();
        ReindexCommand.IsRequested([]).ShouldBeFalse();
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await ReindexCommand.RunAsync(args, output, error, CancellationToken.None);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return (exit, output.ToString(), error.ToString());
    }
}
