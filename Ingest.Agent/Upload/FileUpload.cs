using System.Buffers;
using Ingest.Agent.Api;
using Ingest.Agent.Journal;
using Ingest.Agent.Telemetry;
using Mam.Contracts.Uploads;
using Mam.Integrity.Hashing;

namespace Ingest.Agent.Upload;

/// <summary>
/// Uploads the verified files of one card through resumable sessions: only parts the server has not
/// received are sent, each hashed (xxh64) and retried by the client's Polly pipeline; a session is
/// completed only when every part is in, and the server checks the whole-file hash. Several files
/// may be in progress at once (one file's server-side check overlaps the next file's parts), but the
/// parts in flight across all of them never exceed <see cref="MamApiSettings.PartsInFlight"/>.
/// An API without the session endpoint gets the single-shot PUT instead.
/// </summary>
internal sealed class FileUpload : IDisposable
{
    private readonly MamApiClient _client;
    private readonly OffloadJournal? _journal;
    private readonly string _project;
    private readonly string _card;
    private readonly int _partsInFlight;
    private readonly SemaphoreSlim _sending;
    private readonly TaskCompletionSource _apiAnswered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _journalScope;
    private int _started;

    public FileUpload(MamApiClient client, OffloadJournal? journal, MamApiSettings api, string project, string card)
    {
        _client = client;
        _partsInFlight = api.PartsInFlight;
        _sending = new SemaphoreSlim(api.PartsInFlight, api.PartsInFlight);
        _journal = journal;
        _project = project;
        _card = card;
        // The same card uploaded to another MAM is another upload.
        _journalScope = api.BaseAddress + " " + project;
    }

    /// <returns>The storage key the server stored the verified file under.</returns>
    public async Task<string> RunAsync(PlannedUpload file, CancellationToken cancellationToken)
    {
        using var activity = AgentTelemetry.Source.StartActivity("upload file");
        activity?.SetTag("ingest.file", file.RelativePath);
        activity?.SetTag("ingest.size", file.Size);
        // No shortcut on the journal's "complete": the server decides whether the file is stored. A MAM
        // reset or restored from backup at the same address would otherwise be told a card is uploaded
        // when its files are not there (opening the session answers "complete" in one request if it is).
        if (Interlocked.Exchange(ref _started, 1) == 1)
        {
            // The first file goes alone until the API has answered: a wrong key or URL fails once, not once per file.
            await _apiAnswered.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        // One fresh start is allowed when the server drops a session whose assembled hash did not match.
        for (var attempt = 1; ; attempt++)
        {
            var session = await _client.OpenUploadAsync(new StartUploadRequest(_project, _card, file.RelativePath, file.Size, file.Xxh64), cancellationToken).ConfigureAwait(false);
            _apiAnswered.TrySetResult();
            if (session is null)
            {
                await _sending.WaitAsync(cancellationToken).ConfigureAwait(false);
                UploadedFile single;
                try
                {
                    single = await _client.UploadFileAsync(_project, _card, file.RelativePath, file.LocalPath, file.Xxh64, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    _sending.Release();
                }

                await RecordAsync(file, null, "complete", single.StorageKey, cancellationToken).ConfigureAwait(false);
                return single.StorageKey;
            }

            if (string.Equals(session.Status, UploadStatuses.Complete, StringComparison.Ordinal))
            {
                await RecordAsync(file, session.Id, "complete", session.StorageKey, cancellationToken).ConfigureAwait(false);
                return session.StorageKey;
            }

            await RecordAsync(file, session.Id, "open", null, cancellationToken).ConfigureAwait(false);
            await SendAllPagesAsync(file, session, cancellationToken).ConfigureAwait(false);

            try
            {
                var completed = await _client.CompleteUploadAsync(session.Id, file.RelativePath, cancellationToken).ConfigureAwait(false);
                if (!string.Equals(completed.Xxh64, file.Xxh64, StringComparison.OrdinalIgnoreCase) || completed.Size != file.Size)
                {
                    throw new MamApiException($"upload {file.RelativePath}: the API stored {completed.Size} bytes with xxh64 {completed.Xxh64}, the verified copy has {file.Size} bytes, {file.Xxh64}");
                }

                await RecordAsync(file, session.Id, "complete", completed.StorageKey, cancellationToken).ConfigureAwait(false);
                return completed.StorageKey;
            }
            catch (MamApiException ex) when (ex.StatusCode == 422 && ex.Problem?.Type?.EndsWith("hash-mismatch", StringComparison.Ordinal) == true && attempt < 2)
            {
                await RecordAsync(file, null, "open", null, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>A large file's parts come a page at a time (<see cref="UploadSessionView.NextParts"/>): send what
    /// is missing of each page, then fetch the next.</summary>
    private async Task SendAllPagesAsync(PlannedUpload file, UploadSessionView session, CancellationToken cancellationToken)
    {
        var page = session;
        while (true)
        {
            try
            {
                await SendMissingPartsAsync(file, page, cancellationToken).ConfigureAwait(false);
            }
            catch (MamApiException ex) when (ex.StatusCode == 403 && page.Parts.Count > 0)
            {
                // Presigned URLs expire (a long outage, a resumed run): fetch fresh ones and send what is still missing.
                page = await _client.GetUploadAsync(session.Id, page.Parts[0].Number, file.RelativePath, cancellationToken).ConfigureAwait(false);
                await SendMissingPartsAsync(file, page, cancellationToken).ConfigureAwait(false);
            }

            if (page.NextParts is null)
            {
                return;
            }

            page = await _client.GetUploadPageAsync(page.NextParts, file.RelativePath, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SendMissingPartsAsync(PlannedUpload file, UploadSessionView session, CancellationToken cancellationToken)
    {
        var missing = session.Parts.Where(p => !p.Received).OrderBy(p => p.Number).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        var handle = File.OpenHandle(file.LocalPath, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.Asynchronous);
        using (handle)
        {
            await Parallel.ForEachAsync(
                missing,
                new ParallelOptions { MaxDegreeOfParallelism = _partsInFlight, CancellationToken = cancellationToken },
                async (part, token) =>
                {
                    await _sending.WaitAsync(token).ConfigureAwait(false);
                    var buffer = ArrayPool<byte>.Shared.Rent((int)part.Size);
                    try
                    {
                        var offset = (part.Number - 1) * session.PartSize;
                        var read = 0;
                        while (read < part.Size)
                        {
                            var n = await RandomAccess.ReadAsync(handle, buffer.AsMemory(read, (int)part.Size - read), offset + read, token).ConfigureAwait(false);
                            if (n == 0)
                            {
                                throw new IOException($"{file.LocalPath} is shorter than the {file.Size} bytes that were verified");
                            }

                            read += n;
                        }

                        var bytes = buffer.AsMemory(0, (int)part.Size);
                        var hash = Xxh64.HashHex(bytes.Span);
                        await SendPartAsync(session.Id, part, bytes, hash, file.RelativePath, token).ConfigureAwait(false);
                        AgentTelemetry.PartAccepted(bytes.Length);
                        if (_journal is not null)
                        {
                            await _journal.RecordPartAsync(session.Id, part.Number, hash, token).ConfigureAwait(false);
                        }
                    }
                    finally
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                        _sending.Release();
                    }
                }).ConfigureAwait(false);
        }
    }

    /// <summary>A store that checks each part's checksum (<see cref="UploadPartView.Checksum"/>) gets a URL signed for
    /// this part's xxh64; its BadDigest (the bytes changed on the way) gets the part sent once more, then fails the
    /// upload with the store's words. A part is recorded as sent only once the store took it.</summary>
    private async Task SendPartAsync(Guid session, UploadPartView part, ReadOnlyMemory<byte> bytes, string hash, string path, CancellationToken cancellationToken)
    {
        if (!string.Equals(part.Checksum, "xxh64", StringComparison.Ordinal))
        {
            await _client.PutPartAsync(part, bytes, hash, path, cancellationToken).ConfigureAwait(false);
            return;
        }
        for (var attempt = 1; ; attempt++)
        {
            var target = await _client.GetPartTargetAsync(session, part.Number, hash, path, cancellationToken).ConfigureAwait(false);
            try
            {
                await _client.PutPartAsync(part, bytes, hash, path, cancellationToken, target.Url, target.Headers).ConfigureAwait(false);
                return;
            }
            catch (MamApiException ex) when (attempt < 2 && ex.Problem?.Title == "BadDigest")
            {
                // Sent again from the same verified bytes.
            }
        }
    }

    public void Dispose() => _sending.Dispose();

    private Task RecordAsync(PlannedUpload file, Guid? id, string state, string? storageKey, CancellationToken cancellationToken) =>
        _journal?.RecordUploadAsync(_journalScope, _card, file.RelativePath, file.Size, file.Xxh64, id, state, storageKey, cancellationToken) ?? Task.CompletedTask;
}
