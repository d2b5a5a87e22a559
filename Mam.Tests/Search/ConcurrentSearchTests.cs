using Mam.Search;

namespace Mam.Tests.Search;

[TestFixture]
public sealed class ConcurrentSearchTests
{
    [Test]
    public async Task Search_WhileAnAssetIsReindexed_AlwaysSeesOneCompleteVersionOfIt()
    {
        const int SegmentCount = 10;
        await using var temp = await TempSearchIndex.CreateAsync();
        var assetId = Guid.NewGuid();
        AssetDocument Version(int version) => new(assetId, "Harbour Film", "A001", "C001", "",
            Enumerable.Range(0, SegmentCount)
                .Select(i => new SegmentDocument(i, i + 1, $"tide line{i} version{version}", "transcript"))
                .ToList());
        await temp.IndexAsync(Version(0));

        var writer = Task.Run(async () =>
        {
            for (var version = 1; version <= 40; version++)
            {
                await temp.IndexAsync(Version(version));
            }
        });

        var observations = new List<IReadOnlyList<SearchHit>>();
        while (!writer.IsCompleted || observations.Count < 5)
        {
            observations.Add(await temp.SearchAsync("tide", limit: 50));
        }

        await writer;
        foreach (var hits in observations)
        {
            hits.Count.ShouldBe(SegmentCount);
            hits.Select(h => h.Snippet.Split("version", StringSplitOptions.None)[1]).Distinct().Count().ShouldBe(1);
        }

        (await temp.SearchAsync("version40", limit: 50)).Count.ShouldBe(SegmentCount);
    }
}
