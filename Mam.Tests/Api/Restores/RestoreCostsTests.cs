using Mam.Api.Restores;

namespace Mam.Tests.Api.Restores;

/// <summary>The plan's arithmetic with AWS's default figures.</summary>
[TestFixture]
public sealed class RestoreCostsTests
{
    private const long GiB = 1024L * 1024 * 1024;

    [Test]
    public void Tiers_OfGlacierAndDeepArchiveFiles_OfferOnlyWhatBothClassesHave_WaitForTheSlowerAndAddUpTheCost()
    {
        var tiers = RestoreCosts.Tiers([(100 * GiB, "GLACIER"), (300 * GiB, "DEEP_ARCHIVE")], transferSeconds: 3600, new RestoreOptions());

        tiers.Select(t => t.Tier).ShouldBe(["Standard", "Bulk"], "DEEP_ARCHIVE has no Expedited retrieval");
        var standard = tiers[0];
        standard.WaitHours.ShouldBe(12);
        standard.Cost.ShouldBe(100 * 0.01m + 300 * 0.02m);
        standard.Currency.ShouldBe("USD");
        standard.TotalHours.ShouldBe(13);
        tiers[1].WaitHours.ShouldBe(48);
        tiers[1].Cost.ShouldBe(0.75m);
    }

    [Test]
    public void Tiers_WhenNothingIsArchived_AreNone() =>
        RestoreCosts.Tiers([], 10, new RestoreOptions()).ShouldBeEmpty();

    [Test]
    public void Median_OfFinishedRestores_IsTheMiddleThroughputInMiBPerSecond()
    {
        RestoreCosts.Median([(100L * 1024 * 1024, 1), (300L * 1024 * 1024, 1), (1000L * 1024 * 1024, 2)]).ShouldBe(300);
        RestoreCosts.Median([]).ShouldBeNull();
        RestoreCosts.TransferSeconds(1024L * 1024 * 1024, 100).ShouldBe(10.2);
    }
}
