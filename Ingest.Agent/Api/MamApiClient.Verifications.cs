using System.Net.Http.Json;
using Mam.Contracts.Cards;

namespace Ingest.Agent.Api;

/// <summary>A <c>verify</c> of an on-set copy, reported so the MAM counts it among the card's copies.</summary>
public sealed partial class MamApiClient
{
    public async Task<CardVerificationResponse> ReportVerificationAsync(string project, string card, CardVerificationReport report, CancellationToken cancellationToken)
    {
        var what = $"report the verification of card {card}";
        using var response = await SendAsync(
            () => new HttpRequestMessage(HttpMethod.Post, new Uri($"api/cards/{Uri.EscapeDataString(project)}/{Uri.EscapeDataString(card)}/verifications", UriKind.Relative))
            {
                Content = JsonContent.Create(report, AgentJson.Default.CardVerificationReport),
            },
            what,
            cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, AgentJson.Default.CardVerificationResponse, what, cancellationToken).ConfigureAwait(false);
    }
}
