using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mam.Storage;
using Mam.Tests.Storage;
using Mam.Tests.Support;
using static Mam.Tests.Api.Archive.ArchivedCard;

namespace Mam.Tests.Api.Archive;

/// <summary>Storage tiers through the server: the lifecycle rule is set on the bucket at start, the
/// store moves an original to the cold class on its own, and the next fixity audit shows the copy's new
/// class in the 3-2-1 view. Settings that cannot work stop the server from starting, each one named.</summary>
[TestFixture]
public sealed class TierTests
{
    private const string Project = "Harbour Film";

    [Test]
    public async Task AnOriginalMovedToTheColdClassByTheRuleSetAtStart_ShowsItsNewClassInTheCopiesView_AfterTheNextAudit()
    {
        var settings = Settings(StorageProvider.S3, ("Fixity:SamplePercent", "0"),
            ("Storage:S3:Tiers:Originals:TransitionAfterDays", "1"), ("Storage:S3:Tiers:Originals:TransitionTo", S3TestServer.ColdClass));
        var bucket = settings["Storage:S3:Bucket"];
        try
        {
            await using var api = new MamApiFactory(settings: settings);
            using var client = api.CreateWriter();
            var bytes = Bytes(150_000, 31);
            await RegisterAsync(client, Project, "E001", new Dictionary<string, byte[]> { ["Clips/E001C001.mov"] = bytes });
            (await StoreCopyAsync(client)).GetProperty("storageClass").GetString().ShouldBe("STANDARD");
            (await WaitForRuleAsync(bucket)).ShouldContain("projects/", Case.Sensitive, "the workers set the rule on the bucket at start");

            var key = ObjectKeys.Original(Project, "E001", "Clips/E001C001.mov");
            (await S3TestServer.WaitForClassAsync(bucket, key, S3TestServer.ColdClass)).ShouldBe(S3TestServer.ColdClass);
            using var started = await client.PostAsJsonAsync("/api/fixity/audits", new { project = Project });
            started.StatusCode.ShouldBe(HttpStatusCode.Accepted);
            var audit = await WaitForAuditAsync(client, started.Headers.Location!.ToString());

            audit.GetProperty("intact").GetInt32().ShouldBe(1, "the moved original still hashes to its on-set xxh64");
            var copy = await StoreCopyAsync(client);
            copy.GetProperty("storageClass").GetString().ShouldBe(S3TestServer.ColdClass);
            copy.GetProperty("outcome").GetString().ShouldBe("intact");
        }
        finally
        {
            await S3TestServer.DeleteBucketAsync(bucket);
        }
    }

    [TestCase("Storage:S3:Tiers:Originals:StorageClass", "cold", "Storage:S3:Tiers:Originals:StorageClass 'cold' is not a storage class name")]
    [TestCase("Storage:S3:Tiers:Originals:TransitionAfterDays", "-1", "Storage:S3:Tiers:Originals:TransitionAfterDays is -1; it is 0 to 36500 days after upload")]
    [TestCase("Storage:S3:Tiers:Originals:TransitionTo", "STANDARD", "Storage:S3:Tiers:Originals:TransitionTo is STANDARD, the class these objects are written in already")]
    [TestCase("Storage:S3:Tiers:Proxies:TransitionTo", "GLACIER", "Storage:S3:Tiers:Proxies: only originals take a transition")]
    [TestCase("Storage:Replicas:paris:Tiers:Originals:TransitionTo", "GLACIER", "Storage:Replicas:paris:Tiers:Originals: a transition needs both TransitionAfterDays and TransitionTo")]
    public void TierSettingsThatCannotWork_StopTheServerFromStarting_WithTheSettingNamed(string setting, string value, string expected)
    {
        var settings = new Dictionary<string, string>
        {
            ["Storage:Provider"] = "S3",
            ["Storage:S3:ServiceUrl"] = "http://127.0.0.1:9",
            ["Storage:S3:AccessKey"] = "k",
            ["Storage:S3:SecretKey"] = "s",
            ["Storage:S3:Bucket"] = "mam-tiers",
            ["Storage:S3:Tiers:Originals:TransitionAfterDays"] = "30",
            ["Storage:S3:Tiers:Originals:TransitionTo"] = "GLACIER",
            ["Storage:Replicas:paris:ServiceUrl"] = "http://127.0.0.1:9",
            ["Storage:Replicas:paris:AccessKey"] = "k",
            ["Storage:Replicas:paris:SecretKey"] = "s",
            ["Storage:Replicas:paris:Bucket"] = "mam-tiers-paris",
            [setting] = value,
        };
        var api = new MamApiFactory(settings: settings);

        var refused = Should.Throw<Exception>(() => api.CreateClient());

        refused.ToString().ShouldContain(expected);
        api.Dispose();
    }

    private static async Task<JsonElement> StoreCopyAsync(HttpClient client)
    {
        var copies = await client.GetFromJsonAsync<JsonElement>($"/api/projects/{Uri.EscapeDataString(Project)}/copies");
        return copies.GetProperty("items")[0].GetProperty("where").EnumerateArray().Single(c => c.GetProperty("kind").GetString() == "store");
    }

    /// <summary>The rule is set by a background service at start; it has the bucket's configuration within seconds.</summary>
    private static async Task<string> WaitForRuleAsync(string bucket)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await S3TestServer.AwsAsync("s3api", "get-bucket-lifecycle-configuration", "--bucket", bucket);
            }
            catch (InvalidOperationException) when (attempt < 60)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }
}
