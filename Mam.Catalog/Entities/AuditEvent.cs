namespace Mam.Catalog.Entities;

/// <summary>One thing a person (or the server) did: signed in, searched, viewed or streamed a clip,
/// exported its transcript, asked the pipeline for work… with when, from where and how it went. The
/// audit trail is append-only: nothing edits a row, and only the retention job deletes (rows older
/// than Audit:RetentionDays).</summary>
public sealed class AuditEvent
{
    /// <summary>Order of recording; ties in <see cref="At"/> are broken by it.</summary>
    public long Id { get; set; }

    /// <summary>When it happened (UTC): the request's arrival; for a streamed playback or watched time
    /// added up over a while, the first request of it.</summary>
    public DateTime At { get; set; }

    /// <summary>The person's id (the NameIdentifier claim), or "anonymous" when nobody was signed in.</summary>
    public required string ActorId { get; set; }

    /// <summary>The person's name as they sign in (the Name claim), "anonymous", or "server".</summary>
    public required string ActorName { get; set; }

    /// <summary>The client's IP address as the server saw it (a reverse proxy's, unless forwarded headers are trusted).</summary>
    public string? ClientAddress { get; set; }

    /// <summary>A word from <c>AuditActions</c>: sign-in, search, view-clip, stream, export…</summary>
    public required string Action { get; set; }

    public string? Project { get; set; }
    public Guid? AssetId { get; set; }

    /// <summary>What exactly: the search text, the export's format, a re-run's reason, the requests a playback took.</summary>
    public string? Detail { get; set; }

    /// <summary>ok, refused (no right: 401/403) or failed; <see cref="Status"/> has the HTTP status.</summary>
    public required string Result { get; set; }
    public int? Status { get; set; }

    /// <summary>Bytes sent: a streamed playback, a download, an export.</summary>
    public long? Bytes { get; set; }

    /// <summary>Seconds of a clip watched (reported by the clip page while it plays).</summary>
    public double? Seconds { get; set; }
}

/// <summary>Column widths of <see cref="AuditEvent"/>; longer values are cut before they are written.</summary>
public static class AuditEventLimits
{
    public const int Actor = 256;
    /// <summary>An IPv6 address with a zone id.</summary>
    public const int Address = 64;
    public const int Action = 32;
    public const int Detail = 2000;
    public const int Result = 16;
}
