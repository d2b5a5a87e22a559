namespace Mam.Contracts.Uploads;

/// <param name="Url">Relative (PUT to the API with the key and X-Content-XXH64) or absolute (a presigned
/// URL of the object store: PUT there, no key).</param>
/// <param name="Checksum">"xxh64" when the store checks each part's own checksum: a client that hashes the
/// part first asks <c>POST /api/uploads/{id}/parts/{n}/target</c> for a URL signed for those bytes and
/// PUTs straight to the store; <paramref name="Url"/> (the API) still takes the part otherwise.</param>
public sealed record UploadPartView(int Number, long Size, bool Received, string Url, string? Checksum = null);

/// <summary>Body of <c>POST /api/uploads/{id}/parts/{n}/target</c>: the part's xxh64, hashed by the client.</summary>
public sealed record PartTargetRequest(string? Xxh64);

/// <summary>Where to PUT one part whose xxh64 the store will check, and the headers to send as given
/// (they are signed into the URL; the store answers 400 BadDigest when the bytes do not match).</summary>
public sealed record PartTargetView(int Number, string Url, IReadOnlyDictionary<string, string> Headers);
