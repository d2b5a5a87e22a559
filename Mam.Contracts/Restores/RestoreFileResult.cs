namespace Mam.Contracts.Restores;

/// <summary>One file's outcome at the destination.</summary>
/// <param name="Result"><see cref="RestoreResults.Verified"/>, <see cref="RestoreResults.Failed"/> or <see cref="RestoreResults.Original"/>.</param>
/// <param name="Xxh64">What the restored bytes hashed to.</param>
public sealed record RestoreFileResult(Guid Id, string? Result, string? Reason, string? Xxh64);
