namespace Mam.Contracts.Uploads;

/// <summary>The state of an upload session (201/200 body of <c>POST /api/uploads</c>, 200 of
/// <c>GET /api/uploads/{id}</c>).</summary>
/// <param name="Status"><see cref="UploadStatuses.Open"/>, or <see cref="UploadStatuses.Complete"/> when the
/// object is already stored with that hash.</param>
public sealed record UploadSessionView(Guid Id, string StorageKey, long Size, string Xxh64, long PartSize, string Status, IReadOnlyList<UploadPartView> Parts);
