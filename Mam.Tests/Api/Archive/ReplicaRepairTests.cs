using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mam.Storage;
using Mam.Storage.Replicas;
using Mam.Tests.Storage;
using Mam.Tests.Support;
using Mam.Workers.Replication;
using Microsoft.Extensions.DependencyInjection;
using static Mam.Tests.Api.Archive.ArchivedCard;

namespace Mam.Tests.Api.Archive;

/// <summary>Two buckets on the real S3 server: the main store and a replica called "paris". Originals
/// are copied to the replica and tracked; a byte flipped in the main copy and an object deleted from the
/// replica are each found by the next audit and written again from the other store's good copy.</summary>
[TestFixture]
public sealed class ReplicaRepairTests
{
    private const string Project = "Harbour Film";

    [Test]
    public async Task ARottedMainCopyAndAMissingReplicaCopy_AreFoundAndRepairedFromTheOtherStore_AndTheReportSaysSo()
    {
        S3TestServer.IgnoreUnlessStarted();
        var replica = S3TestServer.ApiSettings("paris", "Storage:Replicas:paris");
        await using var api = new MamApiFactory(settings: Settings(StorageProvider.S3,
            [.. replica.Select(s => (s.Key, s.Value)), ("Fixity:SamplePercent", "0")]));
        using var client = api.CreateWriter();
        var rotted = Bytes(120_000, 21);
        var gone = Bytes(80_000, 22);
        await RegisterAsync(client, Project, "D001", new Dictionary<string, byte[]> { ["Reports/rotted.pdf"] = rotted, ["Reports/gone.pdf"] = gone });
        await using (var scope = api.Services.CreateAsyncScope())
        {
            await ActivatorUtilities.CreateInstance<ReplicationJob>(scope.ServiceProvider).RunAsync(CancellationToken.None);
        }
        var stores = api.Services.GetRequiredService<NamedStores>();
        var paris = stores.Find("paris")!;
        (await paris.GetSizeAsync(ObjectKeys.Original(Project, "D001", "Reports/gone.pdf"), CancellationToken.None)).ShouldBe(gone.Length);
        var copies = await client.GetFromJsonAsync<JsonElement>($"/api/projects/{Uri.EscapeDataString(Project)}/copies");
        copies.GetProperty("locations").EnumerateArray().Select(l => l.GetProperty("location").GetString()).ShouldBe(["main", "paris"]);
        copies.GetProperty("locations")[1].GetProperty("description").GetString()!.ShouldContain(replica["Storage:Replicas:paris:Bucket"]);

        await FlipAByteAsync(api, ObjectKeys.Original(Project, "D001", "Reports/rotted.pdf"));
        await paris.DeleteAsync(ObjectKeys.Original(Project, "D001", "Reports/gone.pdf"), CancellationToken.None);
        using var started = await client.PostAsJsonAsync("/api/fixity/audits", new { project = Project });
        started.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var audit = await WaitForAuditAsync(client, started.Headers.Location!.ToString());

        audit.GetProperty("checked").GetInt32().ShouldBe(4);
        audit.GetProperty("damaged").GetInt32().ShouldBe(1);
        audit.GetProperty("missing").GetInt32().ShouldBe(1);
        audit.GetProperty("repaired").GetInt32().ShouldBe(2);
        audit.GetProperty("alert").GetString()!.ShouldContain("2 repaired from a good copy in another store");
        await using (var read = await api.Services.GetRequiredService<IObjectStore>().OpenReadAsync(ObjectKeys.Original(Project, "D001", "Reports/rotted.pdf"), CancellationToken.None))
        using (var bytes = new MemoryStream())
        {
            await read.CopyToAsync(bytes);
            bytes.ToArray().ShouldBe(rotted, "the main copy holds the on-set bytes again");
        }
        (await paris.GetSizeAsync(ObjectKeys.Original(Project, "D001", "Reports/gone.pdf"), CancellationToken.None)).ShouldBe(gone.Length);
        var after = await client.GetFromJsonAsync<JsonElement>($"/api/projects/{Uri.EscapeDataString(Project)}/copies");
        after.GetProperty("filesWithFailures").GetInt32().ShouldBe(0, "both copies check out again");
        var csv = await client.GetStringAsync($"/api/projects/{Uri.EscapeDataString(Project)}/fixity-checks");
        csv.ShouldContain("repaired from paris");
        csv.ShouldContain("repaired from main");
    }

    [Test]
    public void AReplicaWithoutABucket_OrNamedLikeTheMainStore_StopsTheServerFromStarting_WithTheSettingNamed()
    {
        var api = new MamApiFactory(settings: new Dictionary<string, string>
        {
            ["Storage:Replicas:main:AccessKey"] = "k", ["Storage:Replicas:main:SecretKey"] = "s",
        });
        var refused = Should.Throw<Exception>(() => api.CreateClient());
        var message = refused.ToString();
        message.ShouldContain("Storage:Replicas:main: the main store (Storage:Name) is already called 'main'");
        message.ShouldContain("Storage:Replicas:main: The Bucket field is required");
        api.Dispose();
    }
}
