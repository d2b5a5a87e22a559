using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Mam.Workers.Activity;

namespace Mam.Api.Review.Activity;

/// <summary>A live page's Server-Sent Events, for the project activity and the notification tray alike:
/// what is after the page's position, page after page, then whatever is written later, each event with
/// its id so a page that reconnects resumes after <c>Last-Event-ID</c>.</summary>
public static class LivePages
{
    /// <summary>How long a page waits without a wake-up before looking itself: only matters when the
    /// shared watch cannot reach the catalog.</summary>
    private static readonly TimeSpan Fallback = TimeSpan.FromSeconds(30);

    /// <summary>The events after <paramref name="after"/> as <paramref name="read"/> finds them, for as
    /// long as the page stays. A full page is followed by the next at once (a page back after an hour
    /// catches up without waiting between pages); otherwise it waits to be woken.</summary>
    public static async IAsyncEnumerable<SseItem<T>> FollowAsync<T>(
        ActivitySignal signal, CatalogEventWatch watch, long after, int page, Func<long, int, CancellationToken, Task<List<T>>> read,
        Func<T, (long Id, string Kind)> describe, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(signal);
        ArgumentNullException.ThrowIfNull(watch);
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(describe);
        using var listening = watch.Listen();
        while (!cancellationToken.IsCancellationRequested)
        {
            // Taken before reading, so an event written between the read and the wait still wakes us.
            var written = signal.Written;
            var items = await read(after, page, cancellationToken).ConfigureAwait(false);
            foreach (var item in items)
            {
                var (id, kind) = describe(item);
                after = id;
                yield return new SseItem<T>(item, kind) { EventId = id.ToString(CultureInfo.InvariantCulture) };
            }
            if (items.Count == page)
            {
                continue;
            }
            try
            {
                await written.WaitAsync(Fallback, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Look anyway (see Fallback).
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
        }
    }

    /// <summary>Sends the headers at once (a browser's EventSource opens on them, before the first
    /// event), then the events as JSON until the page goes away.</summary>
    public static async Task<IResult> WriteAsync<T>(HttpContext http, IAsyncEnumerable<SseItem<T>> events, JsonSerializerOptions json, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>()?.DisableBuffering();
        try
        {
            await http.Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
            await SseFormatter.WriteAsync(events, http.Response.Body,
                (item, writer) =>
                {
                    using var utf8 = new Utf8JsonWriter(writer);
                    JsonSerializer.Serialize(utf8, item.Data, json);
                }, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The page went away.
        }
        return Results.Empty;
    }
}
