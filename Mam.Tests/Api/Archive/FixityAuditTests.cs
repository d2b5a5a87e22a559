using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Mam.Storage;
using Mam.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static Mam.Tests.Api.Archive.ArchivedCard;

namespace Mam.Tests.Api.Archive;

/// <summary>An archivist asks for a fixity audit of a project: a byte flipped in one stored original and
/// another original gone are both found, in one alert, shown in the 3-2-1 view and the exports — on the
/// folder store and on a real S3 server (Ceph RGW).</summary>
[TestFixture(StorageProvider.FileSystem)]
[TestFixture(StorageProvider.S3)]
public sealed class FixityAuditTests(StorageProvider provider)
{
    private const string Project = "Harbour Film";

    [Test]
    public async Task AnAudit_FindsAFlippedByteAndAMissingOriginal_InOneAlert_AndTheCopiesViewAndExportsShowThem()
    {
        await using var api = new MamApiFactory(settings: Settings(provider));
        using var client = api.CreateWriter();
        var files = new Dictionary<string, byte[]>
        {
            ["Clips/A001C001.mov"] = Bytes(300_000, 1),
            ["Clips/A001C002.mov"] = Bytes(200_000, 2),
            ["card.xml"] = Bytes(1_000, 3),
        };
        await RegisterAsync(client, Project, "A001", files,
            new { location = "dana-mbp:/Volumes/RAID/A001", verifiedAt = DateTimeOffset.UtcNow, verifiedBy = "ingest-agent 1.0" },
            new { location = "dana-mbp:/Volumes/SHUTTLE_01/A001", verifiedAt = DateTimeOffset.UtcNow, notVerified = new[] { "card.xml" } });
        await FlipAByteAsync(api, ObjectKeys.Original(Project, "A001", "Clips/A001C001.mov"));
        await api.Services.GetRequiredService<IObjectStore>().DeleteAsync(ObjectKeys.Original(Project, "A001", "Clips/A001C002.mov"), CancellationToken.None);

        using var started = await client.PostAsJsonAsync("/api/fixity/audits", new { project = Project, reason = "quarterly check" });

        started.StatusCode.ShouldBe(HttpStatusCode.Accepted, await started.Content.ReadAsStringAsync());
        var audit = await WaitForAuditAsync(client, started.Headers.Location!.ToString());
        audit.GetProperty("status").GetString().ShouldBe("done", audit.ToString());
        audit.GetProperty("checked").GetInt32().ShouldBe(3);
        audit.GetProperty("intact").GetInt32().ShouldBe(1);
        audit.GetProperty("damaged").GetInt32().ShouldBe(1);
        audit.GetProperty("missing").GetInt32().ShouldBe(1);
        var alert = audit.GetProperty("alert").GetString()!;
        alert.ShouldContain("2 of 3 stored copies failed");
        alert.ShouldContain("Clips/A001C001.mov damaged");
        alert.ShouldContain("Clips/A001C002.mov missing");

        var copies = await client.GetFromJsonAsync<JsonElement>($"/api/projects/{Uri.EscapeDataString(Project)}/copies");
        copies.GetProperty("files").GetInt32().ShouldBe(3);
        copies.GetProperty("filesWithFailures").GetInt32().ShouldBe(2);
        copies.GetProperty("minimumCopies").GetInt32().ShouldBe(3);
        copies.GetProperty("filesBelowMinimum").GetInt32().ShouldBe(1, "card.xml is on the RAID and in the store only");
        var byPath = copies.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("path").GetString()!);
        byPath["Clips/A001C001.mov"].GetProperty("copies").GetInt32().ShouldBe(3);
        var stored = byPath["Clips/A001C001.mov"].GetProperty("where").EnumerateArray().Single(c => c.GetProperty("kind").GetString() == "store");
        stored.GetProperty("outcome").GetString().ShouldBe("damaged");
        stored.GetProperty("checkedBy").GetString()!.ShouldStartWith("mam fixity audit");
        byPath["card.xml"].GetProperty("where").EnumerateArray().Select(c => c.GetProperty("location").GetString())
            .ShouldBe(["dana-mbp:/Volumes/RAID/A001", "main"]);
        var clip = await client.GetFromJsonAsync<JsonElement>($"/api/assets/{byPath["Clips/A001C001.mov"].GetProperty("asset").GetGuid()}");
        clip.GetProperty("fixity").GetString().ShouldBe("damaged", "a failed copy marks the clip");
        clip.GetProperty("files")[0].GetProperty("copies").GetInt32().ShouldBe(3);
        var failedOnly = await client.GetFromJsonAsync<JsonElement>($"/api/projects/{Uri.EscapeDataString(Project)}/copies?show=failed");
        failedOnly.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("path").GetString()).ShouldBe(["Clips/A001C001.mov", "Clips/A001C002.mov"]);

        var csv = (await client.GetStringAsync($"/api/projects/{Uri.EscapeDataString(Project)}/fixity-checks?format=csv")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        csv.Length.ShouldBe(4);
        csv.Count(l => l.Contains(",damaged,xxh64,", StringComparison.Ordinal)).ShouldBe(1);
        csv.Count(l => l.Contains(",missing,xxh64,", StringComparison.Ordinal)).ShouldBe(1);
        var premis = XDocument.Parse(await client.GetStringAsync($"/api/projects/{Uri.EscapeDataString(Project)}/fixity-checks?format=premis"));
        XNamespace p = "http://www.loc.gov/premis/v3";
        var events = premis.Root!.Elements(p + "event").ToList();
        events.Count.ShouldBe(3);
        events.All(e => e.Element(p + "eventType")!.Value == "fixity check").ShouldBeTrue();
        events.Count(e => e.Descendants(p + "eventOutcome").Single().Value == "fail").ShouldBe(2);
        events.Select(e => e.Element(p + "linkingObjectIdentifier")!.Element(p + "linkingObjectIdentifierValue")!.Value)
            .ShouldContain("A001/Clips/A001C001.mov");
    }

    [Test]
    public async Task TheNextAudit_OfARepairedFile_FindsItIntactAgain_AndEachCheckIsKept()
    {
        await using var api = new MamApiFactory(settings: Settings(provider));
        using var client = api.CreateWriter();
        var original = Bytes(50_000, 7);
        await RegisterAsync(client, Project, "A002", new Dictionary<string, byte[]> { ["Clips/A002C001.mov"] = original });
        var key = ObjectKeys.Original(Project, "A002", "Clips/A002C001.mov");
        await FlipAByteAsync(api, key);
        using var first = await client.PostAsJsonAsync("/api/fixity/audits", new { project = Project });
        (await WaitForAuditAsync(client, first.Headers.Location!.ToString())).GetProperty("damaged").GetInt32().ShouldBe(1);

        await api.Services.GetRequiredService<IObjectStore>().PutAsync(key, new MemoryStream(original), null, CancellationToken.None);
        using var second = await client.PostAsJsonAsync("/api/fixity/audits", new { project = Project });
        var audit = await WaitForAuditAsync(client, second.Headers.Location!.ToString());

        audit.GetProperty("intact").GetInt32().ShouldBe(1);
        audit.GetProperty("alert").ValueKind.ShouldBe(JsonValueKind.Null);
        var csv = (await client.GetStringAsync($"/api/projects/{Uri.EscapeDataString(Project)}/fixity-checks")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        csv.Skip(1).Select(l => l.Split(',')[6]).ShouldBe(["damaged", "intact"]);
    }
}
