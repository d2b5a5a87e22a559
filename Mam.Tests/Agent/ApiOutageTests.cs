using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Amazon.S3;
using Mam.Integrity.Hashing;
using Mam.Tests.Storage;
using Mam.Tests.Support;

namespace Mam.Tests.Agent;

/// <summary>
/// The real Mam.Api on the real Ceph RGW (presigned multipart parts) going away in the middle of an
/// upload and coming back on the same address with the same catalog: the agent waits with its
/// bounded backoff, never reports success while the MAM is away, carries on with the same session
/// without sending again the parts that had arrived, and finishes with a verified, registered card.
/// The gateway itself is shared and stays up; "storage unreachable" is a pass-through in front of it.
/// </summary>
[TestFixture]
[Category("Integration")]
public sealed class ApiOutageTests
{
    private const string ClipPath = "Clips/A001C001_261121_R1AB.mov";
    private const int ClipParts = 6;
    private TempFolder _temp = null!;
    private string _bucket = null!;

    [SetUp]
    public void SetUp()
    {
        S3TestServer.IgnoreUnlessStarted();
        _temp = new TempFolder("outage");
        _bucket = S3TestServer.NewBucketName("outage");
    }

    [TearDown]
    public async Task TearDown()
    {
        await S3TestServer.DeleteBucketAsync(_bucket);
        _temp.Dispose();
    }

    [Test]
    public async Task Upload_WhenTheApiAndStorageGoAwayMidFileAndComeBack_WaitsResumesTheSessionAndRegistersAVerifiedCard()
    {
        var card = CardWithLargeClip();
        (await Agent.RunAsync("offload", card, "--dest", _temp.Combine("raid"))).ExitCode.ShouldBe(0);
        await using var storage = await StorageProxy.StartAsync(new Uri(S3TestServer.Endpoint), RestartableApi.FreePort());
        storage.PartDelay = TimeSpan.FromMilliseconds(400);
        var settings = ApiSettings(storage.BaseAddress);
        var (port, data) = (RestartableApi.FreePort(), _temp.Combine("api-data"));
        var api = new RestartableApi(port, data, settings).Started();
        try
        {
            var upload = Agent.RunAsync(
                "upload", _temp.Combine("raid", "A001R1AB"), "--project", "Feature", "--api", api.BaseUri.ToString(), "--token", api.AdminToken,
                "--parts-in-flight", "1", "--api-retries", "8", "--journal", _temp.Combine("journal.db"));
            await WaitUntilAsync(() => storage.StoredParts.Count >= 2 || upload.IsCompleted);
            upload.IsCompleted.ShouldBeFalse("the outage has to land in the middle of the upload");

            await api.DisposeAsync();
            await storage.StopAsync();
            var partsBeforeOutage = storage.StoredParts.Count;
            await Task.Delay(TimeSpan.FromSeconds(3));
            upload.IsCompleted.ShouldBeFalse("while the MAM is away the agent waits: it neither reports success nor gives up");

            await storage.StartAsync();
            api = new RestartableApi(port, data, settings).Started();
            var result = await upload.WaitAsync(TimeSpan.FromMinutes(4));

            result.ExitCode.ShouldBe(0, result.ToString());
            var cardId = Regex.Match(result.Output, @"Registered card A001R1AB in project Feature as ([0-9a-f-]{36})").Groups[1].Value;
            cardId.ShouldNotBeEmpty(result.ToString());
            storage.StoredParts.Count.ShouldBeGreaterThan(partsBeforeOutage, "parts were still missing when the MAM went away");
            var parts = storage.StoredParts.ToList();
            parts.Distinct().Count().ShouldBe(parts.Count, "no part that reached the store is sent again");
            parts.GroupBy(p => p.UploadId).Count(g => g.Count() == ClipParts).ShouldBe(1, "the clip kept its one upload session");
            (await StoredXxh64Async($"projects/Feature/cards/A001R1AB/{ClipPath}")).ShouldBe(Xxh64.HashHex(File.ReadAllBytes(Path.Combine(card, ClipPath))));
            using var reader = api.CreateReader();
            using var registered = await reader.GetAsync(new Uri($"api/cards/{cardId}", UriKind.Relative));
            registered.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await registered.Content.ReadAsStringAsync()).ShouldContain(ClipPath);
        }
        finally
        {
            await api.DisposeAsync();
        }
    }

    private string CardWithLargeClip()
    {
        // Six 5 MiB parts (the smallest part S3 allows) and a sidecar.
        var bytes = new byte[(ClipParts * 5 * 1024 * 1024) - 12345];
        new Random(7).NextBytes(bytes);
        _temp.WriteFile(Path.Combine("card", "A001R1AB", "Clips", "A001C001_261121_R1AB.mov"), bytes);
        _temp.WriteFile(Path.Combine("card", "A001R1AB", "Clips", "A001C001_261121_R1AB.xml"), "<clip reel=\"A001\"/>"u8.ToArray());
        return _temp.Combine("card", "A001R1AB");
    }

    private Dictionary<string, string> ApiSettings(Uri storage) => new(StringComparer.Ordinal)
    {
        ["Workers:Embedded"] = "false",
        ["Storage:Provider"] = "S3",
        ["Storage:S3:ServiceUrl"] = storage.ToString().TrimEnd('/'),
        ["Storage:S3:Region"] = Environment.GetEnvironmentVariable("MAM_TEST_S3_REGION") ?? "us-east-1",
        ["Storage:S3:AccessKey"] = Environment.GetEnvironmentVariable("MAM_TEST_S3_ACCESS_KEY") ?? "",
        ["Storage:S3:SecretKey"] = Environment.GetEnvironmentVariable("MAM_TEST_S3_SECRET_KEY") ?? "",
        ["Storage:S3:Bucket"] = _bucket,
        ["Storage:S3:PartSizeMiB"] = "5",
        ["Storage:S3:MaxRetryAttempts"] = "1",
    };

    /// <summary>The object as the shared gateway holds it (not through the pass-through).</summary>
    private async Task<string> StoredXxh64Async(string key)
    {
        var options = S3TestServer.Options(_bucket);
        using var client = new AmazonS3Client(options.AccessKey, options.SecretKey, new AmazonS3Config
        {
            ServiceURL = options.ServiceUrl,
            ForcePathStyle = true,
            AuthenticationRegion = options.Region,
            RequestChecksumCalculation = Amazon.Runtime.RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = Amazon.Runtime.ResponseChecksumValidation.WHEN_REQUIRED,
        });
        using var response = await client.GetObjectAsync(_bucket, key);
        using var copy = new MemoryStream();
        await response.ResponseStream.CopyToAsync(copy);
        return Xxh64.HashHex(copy.ToArray());
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (!condition())
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "timed out waiting for the upload to get going");
            await Task.Delay(50);
        }
    }
}
