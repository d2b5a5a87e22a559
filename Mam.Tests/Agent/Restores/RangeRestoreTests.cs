using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Mam.Integrity.AscMhl;
using Mam.Tests.Media.Cuts;
using Mam.Tests.Support;

namespace Mam.Tests.Agent.Restores;

/// <summary>One clip between two timecodes, from the real RGW: the MAM cuts it from bounded reads of the
/// original without re-encoding, starting at the I-frame before the asked frame in a long-GOP clip and
/// saying so, stamped with the cut's own timecode; the agent verifies the cut against the hash the MAM
/// took of it and records it in the MHL as a new original with its source and range, never as verified.</summary>
[TestFixture]
[Category("Integration")]
public sealed class RangeRestoreTests() : TempFolderTest("restore-range")
{
    private const string Clip = "Clips/A001C001_261121_R1AB.mov";
    private const string Sidecar = "Clips/A001C001_261121_R1AB.xml";

    [Test]
    public async Task Restore_OfAClipBetweenTwoTimecodes_CutsFromTheIFrameBefore_StampsItsTimecode_AndRecordsANewOriginal()
    {
        var card = Temp.Combine("cards", RestoreTestBed.CardName);
        Directory.CreateDirectory(Path.Combine(card, "Clips"));
        // About 25 MB, so that 4 s of it are a few of the 1 MiB chunks the store is read in.
        var original = await CutTestMedia.LongGopAsync(Path.Combine(card, "Clips"), Path.GetFileName(Clip), size: "640x360", bitrate: "10M");
        Temp.WriteFile(Path.Combine("cards", RestoreTestBed.CardName, Sidecar), "<clip reel=\"A001\"/>\n"u8.ToArray());
        // Embedded workers: the probe finds the clip's rate and start timecode, a job server makes the cut.
        await using var bed = await RestoreTestBed.StartAsync(Temp, s3: true, new Dictionary<string, string> { ["Workers:Embedded"] = "true" });
        await bed.IngestAsync(card);
        using var archivist = bed.Api.WithToken(bed.ArchivistToken);
        var asset = await ProbedClipAsync(archivist, bed.CardId);
        var dest = Temp.Combine("restored");

        var result = await bed.RestoreAsync("--asset", asset.ToString(), "--from", "01:00:05:10", "--to", "01:00:08:00", "--dest", dest);

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Output.ShouldContain("The cut starts at 01:00:04:00, before 01:00:05:10: the clip is long-GOP");
        var restored = Path.Combine(dest, RestoreTestBed.CardName);
        var cutPath = "Clips/A001C001_261121_R1AB_01000510-01000800.mov";
        var (timecode, duration) = await CutTestMedia.DescribeAsync(Path.Combine(restored, cutPath));
        timecode.ShouldBe("01:00:04:00");
        duration.ShouldBe(4.0, 0.25);
        File.Exists(Path.Combine(restored, Clip)).ShouldBeFalse("only the range is restored, not the whole original");
        File.ReadAllText(Path.Combine(restored, Sidecar)).ShouldBe("<clip reel=\"A001\"/>\n");

        var generation = await RestoreAssertions.NewGenerationAsync(restored, 1);
        var cut = generation.Files.Single(f => f.Path == cutPath);
        cut.Hashes.ShouldAllBe(h => h.Action == MhlHashAction.Original);
        var metadata = cut.Metadata.ShouldHaveSingleItem();
        XNamespace mam = "urn:mam:restore:v1";
        metadata.Name.ShouldBe(mam + "cut");
        metadata.Element(mam + "source")!.Value.ShouldBe(Clip);
        metadata.Element(mam + "source")!.Attribute("xxh64")!.Value.ShouldBe(await Mam.Tests.Integrity.ExternalTool.XxhsumAsync(original));
        (metadata.Element(mam + "from")!.Value, metadata.Element(mam + "to")!.Value).ShouldBe(("01:00:05:10", "01:00:08:00"));
        metadata.Element(mam + "startsat")!.Value.ShouldBe("01:00:04:00");
        metadata.Element(mam + "startsat")!.Attribute("earlieriframe")!.Value.ShouldBe("true");
        generation.Files.Single(f => f.Path == Sidecar).Hashes.ShouldAllBe(h => h.Action == MhlHashAction.Verified);

        var record = await RestoreAssertions.RecordAsync(archivist, RestoreAssertions.RestoreId(result));
        record.GetProperty("state").GetString().ShouldBe("done");
        var file = record.GetProperty("files").EnumerateArray().Single(f => f.GetProperty("path").GetString() == cutPath);
        file.GetProperty("result").GetString().ShouldBe("original");
        var made = file.GetProperty("cut");
        made.GetProperty("startsAtEarlierIFrame").GetBoolean().ShouldBeTrue();
        made.GetProperty("byteStart").GetInt64().ShouldBeGreaterThan(0);
        made.GetProperty("bytesRead").GetInt64().ShouldBeLessThan(new FileInfo(original).Length / 2, "the store was read for the range, not the whole clip");
    }

    /// <summary>The card's one clip, once the probe has found its rate and timecode.</summary>
    private static async Task<Guid> ProbedClipAsync(HttpClient client, Guid cardId)
    {
        var card = await client.GetFromJsonAsync<JsonElement>($"/api/cards/{cardId}");
        var asset = card.GetProperty("assets").EnumerateArray().Single().GetProperty("id").GetGuid();
        for (var attempt = 0; attempt < 240; attempt++)
        {
            var detail = await client.GetFromJsonAsync<JsonElement>($"/api/assets/{asset}");
            if (detail.TryGetProperty("technical", out var technical) && technical.ValueKind == JsonValueKind.Object)
            {
                return asset;
            }
            await Task.Delay(500);
        }
        throw new TimeoutException("The clip was not probed within two minutes.");
    }
}
