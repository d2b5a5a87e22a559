using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Mam.Api.Hosting;
using Mam.Tests.Search.Api;
using Mam.Tests.Support;

namespace Mam.Tests.Api;

/// <summary>Every instant the API writes carries its zone: UTC, with a "Z".</summary>
[TestFixture]
public sealed partial class UtcTimestampsTests
{
    [Test]
    public async Task Answers_FromTheCatalog_WriteEveryInstantAsUtcWithZ()
    {
        using var api = new MamApiFactory();
        using var client = api.CreateWriter();
        var clip = await CataloguedClips.AddAndIndexAsync(api.Services,
            new CataloguedClips.Clip("Harbour Film", "A001R1AB", "A001C001", "A", new DateTime(2026, 11, 21, 16, 0, 0, DateTimeKind.Utc), [(1, 2, "the harbour lights")], []));
        (await client.PostAsJsonAsync("/api/tokens", new { name = "grading panel", expiresInDays = 7 })).EnsureSuccessStatusCode();
        var asset = await client.GetFromJsonAsync<JsonElement>($"/api/assets/{clip}");

        var instants = new List<(string Where, string Value)>();
        foreach (var path in new[] { $"/api/cards/{asset.GetProperty("cardId").GetGuid()}", "/api/tokens", "/api/search?q=harbour", $"/api/assets/{clip}" })
        {
            Instants(path, JsonDocument.Parse(await client.GetStringAsync(path)).RootElement, instants);
        }

        instants.Select(i => i.Where).ShouldContain(w => w.EndsWith("offloadedAt", StringComparison.Ordinal), "SQLite hands these back without a kind");
        instants.Select(i => i.Where).ShouldContain(w => w.EndsWith("expiresAt", StringComparison.Ordinal));
        instants.Select(i => i.Where).ShouldContain(w => w.EndsWith("recordedAt", StringComparison.Ordinal));
        instants.Where(i => !i.Value.EndsWith('Z')).ShouldBeEmpty();
    }

    [Test]
    public void Converters_WriteEveryKindAsTheSameUtcInstant_AndReadAZoneIntoUtc()
    {
        var options = new JsonSerializerOptions();
        UtcTimestamps.AddTo(options);
        var instant = new DateTime(2026, 12, 5, 8, 0, 0, DateTimeKind.Utc);

        JsonSerializer.Serialize(DateTime.SpecifyKind(instant, DateTimeKind.Unspecified), options).ShouldBe("\"2026-12-05T08:00:00Z\"");
        JsonSerializer.Serialize(instant.ToLocalTime(), options).ShouldBe("\"2026-12-05T08:00:00Z\"");
        JsonSerializer.Serialize<DateTime?>(instant, options).ShouldBe("\"2026-12-05T08:00:00Z\"");
        JsonSerializer.Serialize(new DateTimeOffset(2026, 12, 5, 10, 0, 0, TimeSpan.FromHours(2)), options).ShouldBe("\"2026-12-05T08:00:00Z\"");
        var read = JsonSerializer.Deserialize<DateTime>("\"2026-12-05T10:00:00+02:00\"", options);
        (read, read.Kind).ShouldBe((instant, DateTimeKind.Utc));
        JsonSerializer.Deserialize<DateTime>("\"2026-12-05T08:00:00\"", options).Kind.ShouldBe(DateTimeKind.Utc);
    }

    private static void Instants(string where, JsonElement element, List<(string Where, string Value)> found)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Instants($"{where}.{property.Name}", property.Value, found);
                }
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Instants($"{where}[{i++}]", item, found);
                }
                break;
            case JsonValueKind.String when IsoInstant().IsMatch(element.GetString()!):
                found.Add((where, element.GetString()!));
                break;
        }
    }

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d")]
    private static partial Regex IsoInstant();
}
