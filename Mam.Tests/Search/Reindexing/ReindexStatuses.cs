using System.Net.Http.Json;
using System.Text.Json;

namespace Mam.Tests.Search.Reindexing;

/// <summary>Following a re-index at its status URL, as an operator's script does.</summary>
internal static class ReindexStatuses
{
    /// <summary>Polls until the run is neither queued nor running (a few clips take well under a
    /// second once a job server has it; the bound only ends a hang).</summary>
    public static async Task<JsonElement> WaitUntilFinishedAsync(HttpClient client, string statusUrl)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (true)
        {
            var status = await client.GetFromJsonAsync<JsonElement>(statusUrl, patience.Token);
            if (status.GetProperty("state").GetString() is not ("queued" or "running"))
            {
                return status;
            }
            await Task.Delay(100, patience.Token);
        }
    }

    public static (int Done, int Total) Counts(JsonElement status) =>
        (status.GetProperty("done").GetInt32(), status.GetProperty("total").GetInt32());
}
