namespace Mam.Contracts.Uploads;

/// <param name="Url">Relative (PUT to the API with the key and X-Content-XXH64) or absolute (a presigned
/// URL of the object store: PUT there, no key).</param>
public sealed record UploadPartView(int Number, long Size, bool Received, string Url);
