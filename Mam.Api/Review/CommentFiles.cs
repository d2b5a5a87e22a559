using System.Globalization;
using System.Text;
using Mam.Api.Audit;
using Mam.Api.Problems;
using Mam.Api.Security.Access;
using Mam.Catalog;
using Mam.Catalog.Entities.Review;
using Mam.Catalog.Model;
using Mam.Contracts;
using Mam.Media.Markers;
using Mam.Media.Speech.Exports;
using Mam.Workers.Audit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Mam.Api.Review;

/// <summary>A clip's comments as the marker files editing systems import — Resolve's marker EDL, Avid's
/// marker text, FCPXML, OpenTimelineIO, CSV — and the same files read back as comments. One model, so
/// every format carries the same frames: open comments are red markers, resolved ones green; replies
/// follow their thread on its frames; the author goes where the format has a place for one.</summary>
public static class CommentFiles
{
    /// <summary>A marker file larger than this is not a review's markers.</summary>
    public const int MaxImportBytes = 5 * 1024 * 1024;

    /// <summary>Markers one import may add.</summary>
    public const int MaxImportMarkers = 5_000;

    public static RouteGroupBuilder MapCommentExports(this RouteGroupBuilder group)
    {
        ArgumentNullException.ThrowIfNull(group);
        group.MapGet("/comments.csv", (Guid id, IDbContextFactory<CatalogDbContext> c, CancellationToken t) => ExportAsync(id, MarkerFormat.Csv, c, t))
            .Audited(AuditActions.Export, "comments (CSV)").WithSummary("The comments as a CSV marker list: Name, Start TC, End TC, Duration, Comment, Color");
        group.MapGet("/comments.edl", (Guid id, IDbContextFactory<CatalogDbContext> c, CancellationToken t) => ExportAsync(id, MarkerFormat.Edl, c, t))
            .Audited(AuditActions.Export, "comments (EDL)").WithSummary("The comments as a CMX 3600 EDL with DaVinci Resolve markers (Import > Timeline Markers from EDL)");
        group.MapGet("/comments.txt", (Guid id, IDbContextFactory<CatalogDbContext> c, CancellationToken t) => ExportAsync(id, MarkerFormat.Avid, c, t))
            .Audited(AuditActions.Export, "comments (Avid)").WithSummary("The comments as Avid Media Composer marker text (Markers window > Import Markers)");
        group.MapGet("/comments.fcpxml", (Guid id, IDbContextFactory<CatalogDbContext> c, CancellationToken t) => ExportAsync(id, MarkerFormat.Fcpxml, c, t))
            .Audited(AuditActions.Export, "comments (FCPXML)").WithSummary("The comments as markers on the clip in FCPXML 1.10 (Final Cut Pro, Resolve)");
        group.MapGet("/comments.otio", (Guid id, IDbContextFactory<CatalogDbContext> c, CancellationToken t) => ExportAsync(id, MarkerFormat.Otio, c, t))
            .Audited(AuditActions.Export, "comments (OpenTimelineIO)").WithSummary("The comments as OpenTimelineIO markers on the clip (JSON)");
        return group;
    }

    public static RouteGroupBuilder MapCommentImport(this RouteGroupBuilder group)
    {
        ArgumentNullException.ThrowIfNull(group);
        group.MapPost("/comments/import", ImportAsync).Audited(AuditActions.Comment)
            .WithSummary("Markers from an editing system as comments: ?format=csv|edl|avid|fcpxml|otio, the file as the body; all or nothing")
            .Accepts<string>("text/plain", "text/csv", "application/xml", "application/json", "application/octet-stream");
        return group;
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportAsync(Guid id, MarkerFormat format, IDbContextFactory<CatalogDbContext> catalog, CancellationToken cancellationToken)
    {
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var asset = await db.Assets.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken).ConfigureAwait(false);
        if (asset is null)
        {
            return ApiProblems.NotFound($"There is no asset {id}.");
        }
        var clock = CommentClock.For(asset);
        var comments = await CommentEndpoints.InOrderAsync(db, id, cancellationToken).ConfigureAwait(false);
        var markers = comments.Select((c, i) => new PhraseMarker(i + 1, c.InFrame, c.OutFrame + 1, PhraseMarker.OneLine(c.Text.Length > 0 ? c.Text : "(drawing)"), null,
            c.Status == CommentStatus.Resolved ? MarkerColor.Green : MarkerColor.Red) { Author = c.Author }).ToList();
        var name = Path.GetFileNameWithoutExtension(asset.ClipName);
        var frames = clock.Frames ?? 0;
        var (text, type, extension) = format switch
        {
            MarkerFormat.Csv => (MarkerCsvWriter.Write(markers, clock.Markers), "text/csv; charset=utf-8", ".comments.csv"),
            MarkerFormat.Edl => (EdlMarkerWriter.Write($"{asset.ClipName} comments", markers, clock.Markers), "text/plain; charset=utf-8", ".comments.edl"),
            MarkerFormat.Avid => (AvidMarkerWriter.Write(markers, clock.Markers), "text/plain; charset=utf-8", ".comments.txt"),
            MarkerFormat.Fcpxml => (FcpxmlMarkerWriter.Write(asset.ClipName, markers, clock.Markers, frames), "application/xml; charset=utf-8", ".comments.fcpxml"),
            _ => (OtioMarkerWriter.Write(asset.ClipName, markers, clock.Markers, frames,
                comments.Select((c, i) => (i + 1, c.Status.ToString().ToLowerInvariant())).ToDictionary(p => p.Item1, p => p.Item2)), "application/json; charset=utf-8", ".comments.otio"),
        };
        return TypedResults.File(Encoding.UTF8.GetBytes(text), type, name + extension);
    }

    private static async Task<Results<Created<CommentImportView>, ProblemHttpResult>> ImportAsync(
        Guid id, string? format, HttpContext http, Callers callers, IDbContextFactory<CatalogDbContext> catalog, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!Enum.TryParse<MarkerFormat>(format, ignoreCase: true, out var kind) || !Enum.IsDefined(kind) || int.TryParse(format, out _))
        {
            return ApiProblems.Invalid("format must be csv, edl, avid, fcpxml or otio.");
        }
        var body = await ReadBodyAsync(http.Request, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return ApiProblems.TooLarge($"A marker file may be at most {MaxImportBytes / (1024 * 1024)} MiB.");
        }
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var asset = await db.Assets.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken).ConfigureAwait(false);
        if (asset is null)
        {
            return ApiProblems.NotFound($"There is no asset {id}.");
        }
        var clip = CommentClock.For(asset);
        IReadOnlyList<ImportedMarker> markers;
        try
        {
            markers = MarkerImport.Read(kind, body, clip.Markers);
        }
        catch (MarkerImportException ex)
        {
            return ApiProblems.Invalid($"Nothing was imported. {ex.Message}");
        }
        if (markers.Count == 0)
        {
            return ApiProblems.Invalid($"Nothing was imported: the file holds no {kind.ToString().ToUpperInvariant()} markers.");
        }
        if (markers.Count > MaxImportMarkers)
        {
            return ApiProblems.Invalid(string.Create(CultureInfo.InvariantCulture, $"Nothing was imported: the file holds {markers.Count:N0} markers; one import takes at most {MaxImportMarkers:N0}."));
        }
        var caller = (await callers.OfAsync(http, cancellationToken).ConfigureAwait(false))!;
        var now = clock.GetUtcNow().UtcDateTime;
        var comments = new List<Comment>();
        for (var i = 0; i < markers.Count; i++)
        {
            var marker = markers[i];
            var request = new CommentRequest(marker.Text, marker.In, marker.LastFrame, null, null, null, null);
            var text = CommentRules.Text(marker.Text, false, out var problem);
            if (text is null || CommentRules.Place(request, clip, null, out problem) is null)
            {
                return ApiProblems.Invalid(string.Create(CultureInfo.InvariantCulture, $"Nothing was imported: marker {i + 1} ({Describe(marker, clip)}): {problem}"));
            }
            var resolved = marker.Color == MarkerColor.Green;
            comments.Add(new Comment
            {
                Id = Guid.NewGuid(),
                AssetId = id,
                AuthorId = marker.Author is null ? caller.PersonId : null,
                Author = Truncate(marker.Author ?? caller.Name, Limits.NameLength),
                Text = text,
                InFrame = marker.In,
                OutFrame = marker.LastFrame,
                RateNumerator = clip.Markers.Rate.Numerator,
                RateDenominator = clip.Markers.Rate.Denominator,
                Status = resolved ? CommentStatus.Resolved : CommentStatus.Open,
                ResolvedBy = resolved ? caller.Name : null,
                ResolvedAt = resolved ? now : null,
                Mentions = CommentRules.Mentions(text),
                CreatedAt = now,
                UpdatedAt = now,
            });
        }
        db.Comments.AddRange(comments);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        CommentEndpoints.Note(http, asset, $"{comments.Count} comment(s) imported from {kind.ToString().ToUpperInvariant()} markers");
        var view = new CommentImportView(kind.ToString().ToLowerInvariant(), comments.Count, comments.Select(c => CommentViews.View(c, clip)).ToList());
        return TypedResults.Created($"/api/assets/{id}/comments", view);
    }

    private static string Describe(ImportedMarker marker, CommentClock clip) =>
        marker.In >= 0 ? clip.Label(marker.In) : string.Create(CultureInfo.InvariantCulture, $"{-marker.In} frames before the clip's start");

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    /// <returns>Null when the body is larger than <see cref="MaxImportBytes"/>.</returns>
    private static async Task<string?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxImportBytes)
        {
            return null;
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxImportBytes)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length).TrimStart('\uFEFF');
    }
}
