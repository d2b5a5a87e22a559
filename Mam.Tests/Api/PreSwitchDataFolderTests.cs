using System.Text.Json;
using Mam.Tests.Support;

namespace Mam.Tests.Api;

/// <summary>A data folder whose catalog the pre-switch build made (hand-written migrations, see
/// Catalog/PreSwitchCatalogTests) starts the API of this build and shows the same clips.</summary>
[TestFixture]
public sealed class PreSwitchDataFolderTests
{
    [Test]
    public async Task Api_OnADataFolderFromBeforeTheMigrationSwitch_ListsItsClipsWithTheirMetadata()
    {
        using var api = new MamApiFactory(settings: new Dictionary<string, string> { ["Analysis:Vision:Enabled"] = "false" });
        File.Copy(TestMedia.TestDataFile("catalog", "pre-switch-catalog.db"), Path.Combine(api.DataDirectory, "catalog.db"));
        using var client = api.CreateReader();

        var page = JsonDocument.Parse(await client.GetStringAsync("/api/assets?take=50")).RootElement;

        page.GetProperty("total").GetInt32().ShouldBe(4);
        var clips = page.GetProperty("items").EnumerateArray().ToDictionary(a => a.GetProperty("clipName").GetString()!, a => a);
        clips.Keys.ShouldBe(["A001C001_261121_R1AB", "A001C002_261121_R1AB", "A001C003_261121_R1AB", "A001C004_261121_R1AB"], ignoreOrder: true);
        var first = clips["A001C001_261121_R1AB"];
        first.GetProperty("project").GetString().ShouldBe("Harbour Lights");
        first.GetProperty("state").GetString().ShouldBe("ready");

        var detail = JsonDocument.Parse(await client.GetStringAsync($"/api/assets/{first.GetProperty("id").GetGuid()}")).RootElement;
        detail.GetProperty("technical").GetProperty("videoCodec").GetString().ShouldBe("prores");
        detail.GetProperty("transcriptSegments").GetInt32().ShouldBe(1);
        detail.GetProperty("files").GetArrayLength().ShouldBe(2);
        detail.GetProperty("qc").GetProperty("status").GetString().ShouldBe("warning");
    }
}
