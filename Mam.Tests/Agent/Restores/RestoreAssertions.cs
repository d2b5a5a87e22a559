using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Mam.Integrity.AscMhl;
using Mam.Tests.Integrity;

namespace Mam.Tests.Agent.Restores;

/// <summary>What a restored card folder and the MAM's records should show.</summary>
internal static partial class RestoreAssertions
{
    public static Guid RestoreId(AgentResult result) => Guid.Parse(RestoreLine().Match(result.Output).Groups[1].Value);

    /// <summary>The generation the restore added: valid against ASC's schema (xmllint), read back by our reader.</summary>
    public static async Task<MhlGeneration> NewGenerationAsync(string cardFolder, int generationsBefore)
    {
        var history = await MhlHistory.OpenAsync(cardFolder, CancellationToken.None);
        history.Generations.Count.ShouldBe(generationsBefore + 1, "the restore adds one generation to the card's history");
        var path = history.GetGenerationPath(history.Generations[^1]);
        (await ExternalTool.XmllintSchemaErrorsAsync(AscMhlTestData.MhlSchema, path)).ShouldBeNull();
        AscMhlTestData.SchemaErrors(history.ChainFilePath).ShouldBeEmpty();
        var generation = await MhlGenerationReader.ReadAsync(path, CancellationToken.None);
        generation.Process.ShouldBe(MhlProcess.Transfer);
        return generation;
    }

    public static async Task<JsonElement> RecordAsync(HttpClient client, Guid restoreId) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/restores/{restoreId}");

    /// <summary>The audit trail's rows of restores (written a moment after the request).</summary>
    public static async Task<List<JsonElement>> AuditedRestoresAsync(HttpClient administrator, Func<JsonElement, bool> wanted)
    {
        for (var attempt = 0; ; attempt++)
        {
            var page = await administrator.GetFromJsonAsync<JsonElement>("/api/audit?action=restore");
            var rows = page.GetProperty("events").EnumerateArray().Where(wanted).ToList();
            if (rows.Count > 0 || attempt == 40)
            {
                return rows;
            }
            await Task.Delay(250);
        }
    }

    public static IReadOnlyList<string> LeftoversIn(string folder) =>
        Directory.EnumerateFiles(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Where(f => f.EndsWith(".mamtmp", StringComparison.Ordinal) || Path.GetFileName(f).StartsWith(".mam-", StringComparison.Ordinal))
            .ToList();

    [GeneratedRegex(@"Restore ([0-9a-f-]{36}):")]
    private static partial Regex RestoreLine();
}
