using Mam.Tests.Support;
using Mam.Workers.Jobs;
using Microsoft.Extensions.Options;

namespace Mam.Tests.Workers.Jobs;

[TestFixture]
public sealed class RecurringScheduleTests
{
    [TestCase("00:00:01", "*/1 * * * * *")]
    [TestCase("00:00:30", "*/30 * * * * *")]
    [TestCase("00:05:00", "0 */5 * * * *")]
    [TestCase("02:00:00", "0 0 */2 * * *")]
    [TestCase("1.00:00:00", "0 0 0 * * *")]
    public void Every_AnIntervalThatDividesAMinuteHourOrDay_IsACronSchedule(string interval, string cron) =>
        RecurringSchedule.Every(TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(cron);

    [TestCase("00:00:45")]
    [TestCase("00:07:00")]
    [TestCase("00:00:01.500")]
    public void Every_AnIntervalThatDividesNothing_IsRefused(string interval) =>
        RecurringSchedule.TryEvery(TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture), out _).ShouldBeFalse();

    [Test]
    public void Start_WithAReconcileIntervalCronCannotKeep_FailsNamingTheSettingAndGoodValues()
    {
        using var api = new MamApiFactory(settings: new Dictionary<string, string> { ["Pipeline:ReconcileInterval"] = "00:00:45" });

        var failure = Should.Throw<OptionsValidationException>(() => api.CreateClient());

        failure.Message.ShouldContain("Pipeline:ReconcileInterval 00:00:45 does not divide a minute, an hour or a day evenly");
        failure.Message.ShouldContain("00:00:30");
    }
}
