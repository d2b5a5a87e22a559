namespace Mam.Contracts.Uploads;

/// <summary>The state of an upload session (201/200 body of <c>POST /api/uploads</c>, 200 of
/// <c>GET /api/uploads/{id}[?firstPart=n]</c>): one page of its parts.</summary>
/// <param name="Status"><see cref="UploadStatuses.Open"/>, or <see cref="UploadStatuses.Complete"/> when the
/// object is already stored with that hash.</param>
/// <param name="Parts">At most 1,000 parts, from the page's first.</param>
/// <param name="PartCount">Parts of the whole file.</param>
/// <param name="NextParts">Where the next page of parts is (relative to the API), or null on the last page.</param>
public sealed record UploadSessionView(
    Guid Id,
    string StorageKey,
    long Size,
    string Xxh64,
    long PartSize,
    string Status,
    IReadOnlyList<UploadPartView> Parts,
    int PartCount,
    string? NextParts);
