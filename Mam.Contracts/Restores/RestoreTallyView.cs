namespace Mam.Contracts.Restores;

/// <summary>Files by result so far.</summary>
public sealed record RestoreTallyView(int Files, int Pending, int Verified, int Failed, int Original);
