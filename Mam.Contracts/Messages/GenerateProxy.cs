namespace Mam.Contracts.Messages;

/// <summary>Make the proxy, poster and filmstrip of an asset. Messages are triggers only: the outcome lives in the catalog.</summary>
public sealed record GenerateProxy(Guid AssetId);
