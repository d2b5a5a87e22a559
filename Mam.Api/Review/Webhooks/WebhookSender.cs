using System.Text.Json;
using System.Text.Json.Nodes;
using Mam.Api.Review.Activity;
using Mam.Catalog;
using Mam.Catalog.Entities.Review;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Mam.Api.Review.Webhooks;

/// <summary>Sends due webhook deliveries: woken when an event is written here, and every
/// Webhooks:PollInterval for what other instances wrote. Each delivery is claimed before it is sent,
/// so two instances never send it at once; a failure (an error status, no answer within
/// Webhooks:Timeout, a refused connection) is retried after the next of Webhooks:RetryDelays, then
/// marked failed. The same webhook-id goes with every attempt: a receiver drops repeats.</summary>
public sealed class WebhookSender(
    IDbContextFactory<CatalogDbContext> catalog, IHttpClientFactory http, IDataProtectionProvider protection, ProjectActivity activity,
    IOptions<WebhookOptions> options, TimeProvider clock, ILogger<WebhookSender> logger) : BackgroundService
{
    public const string Client = "webhooks";
    public const string Purpose = "Mam.Review.WebhookSecret";
    private const int Batch = 20;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var written = activity.Written;
            try
            {
                while (await SendDueAsync(stoppingToken).ConfigureAwait(false) == Batch)
                {
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A catalog that is briefly away: the deliveries wait in it, nothing is lost.
                logger.LogWarning(e, "Webhook deliveries could not be read; trying again shortly.");
            }
            try
            {
                await written.WaitAsync(options.Value.PollInterval, stoppingToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <returns>How many were due (a full batch: look again at once).</returns>
    private async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        List<Guid> due;
        await using (var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            due = await db.WebhookDeliveries.AsNoTracking()
                .Where(d => d.State == DeliveryState.Pending && d.NextAttemptAt <= now && (d.ClaimedUntil == null || d.ClaimedUntil < now))
                .OrderBy(d => d.NextAttemptAt).Select(d => d.Id).Take(Batch).ToListAsync(cancellationToken).ConfigureAwait(false);
        }
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
            async (id, token) => await SendAsync(id, token).ConfigureAwait(false)).ConfigureAwait(false);
        return due.Count;
    }

    private async Task SendAsync(Guid deliveryId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var hold = now + (options.Value.Timeout * 2);
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var claimed = await db.WebhookDeliveries
            .Where(d => d.Id == deliveryId && d.State == DeliveryState.Pending && (d.ClaimedUntil == null || d.ClaimedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.ClaimedUntil, hold), cancellationToken).ConfigureAwait(false);
        if (claimed == 0)
        {
            return;
        }
        var delivery = await db.WebhookDeliveries.Include(d => d.Event).SingleAsync(d => d.Id == deliveryId, cancellationToken).ConfigureAwait(false);
        var endpoint = await db.WebhookEndpoints.AsNoTracking().SingleOrDefaultAsync(w => w.Id == delivery.EndpointId, cancellationToken).ConfigureAwait(false);
        if (endpoint is null)
        {
            return; // removed since; its deliveries go with it
        }
        var body = Body(delivery.Event!);
        var messageId = MessageId(delivery.Id);
        var sentAt = clock.GetUtcNow();
        int? status = null;
        string? error = null;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
            request.Headers.Add("webhook-id", messageId);
            request.Headers.Add("webhook-timestamp", WebhookSigner.Timestamp(sentAt));
            request.Headers.Add("webhook-signature", WebhookSigner.Signature(protection.CreateProtector(Purpose).Unprotect(endpoint.ProtectedSecret), messageId, sentAt, body));
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.Value.Timeout);
            using var response = await http.CreateClient(Client).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode)
            {
                error = $"the receiver answered {status} {response.ReasonPhrase}";
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            error = $"no answer within {options.Value.Timeout.TotalSeconds:0.#} s";
        }
        catch (HttpRequestException e)
        {
            error = $"could not reach the receiver: {e.Message}";
        }
        var done = clock.GetUtcNow().UtcDateTime;
        delivery.Attempts++;
        delivery.LastAttemptAt = done;
        delivery.LastStatus = status;
        delivery.LastError = error;
        delivery.ClaimedUntil = null;
        if (error is null)
        {
            delivery.State = DeliveryState.Delivered;
            delivery.DeliveredAt = done;
        }
        else if (delivery.Attempts > options.Value.Delays.Count)
        {
            delivery.State = DeliveryState.Failed;
            logger.LogWarning("Webhook {Delivery} to {Url} failed after {Attempts} attempts: {Error}", delivery.Id, endpoint.Url, delivery.Attempts, error);
        }
        else
        {
            delivery.NextAttemptAt = done + options.Value.Delays[delivery.Attempts - 1];
        }
        await db.SaveChangesAsync(CancellationToken.None).ConfigureAwait(false);
    }

    public static string MessageId(Guid deliveryId) => $"msg_{deliveryId:N}";

    /// <summary>The Standard Webhooks envelope: type, timestamp and the event as data.</summary>
    public static string Body(ProjectEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new JsonObject
        {
            ["type"] = $"project.{e.Kind}",
            ["timestamp"] = DateTime.SpecifyKind(e.At, DateTimeKind.Utc).ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["data"] = new JsonObject
            {
                ["event"] = e.Id,
                ["kind"] = e.Kind,
                ["projectId"] = e.ProjectId.ToString(),
                ["assetId"] = e.AssetId?.ToString(),
                ["personId"] = e.PersonId?.ToString(),
                ["actor"] = e.Actor,
                ["text"] = e.Text,
                ["clipUrl"] = e.AssetId is { } a ? $"/clips/{a}" : null,
            },
        }.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }
}
