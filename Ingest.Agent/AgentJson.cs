using System.Text.Json;
using System.Text.Json.Serialization;
using Ingest.Agent.Api;
using Ingest.Agent.Commands;
using Ingest.Agent.Journal;
using Ingest.Agent.Offload;
using Ingest.Agent.Progress;
using Ingest.Agent.Verification;
using Mam.Contracts.Cards;
using Mam.Contracts.Restores;
using Mam.Contracts.Uploads;

namespace Ingest.Agent;

/// <summary>
/// Every type the agent reads or writes as JSON, serialized by System.Text.Json's source generator
/// rather than by reflection: the published agent is trimmed, and reflection would not see which
/// members the trimmer removed. camelCase, as the API and every script reading --json expect.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(StartUploadRequest))]
[JsonSerializable(typeof(UploadedFile))]
[JsonSerializable(typeof(UploadSessionView))]
[JsonSerializable(typeof(RegisterCardRequest))]
[JsonSerializable(typeof(RegisterCardResponse))]
[JsonSerializable(typeof(ProblemDetails))]
[JsonSerializable(typeof(WatchPreset))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(ScannedEvent))]
[JsonSerializable(typeof(FileEvent))]
[JsonSerializable(typeof(FileFinishedEvent))]
[JsonSerializable(typeof(OffloadReportDocument))]
[JsonSerializable(typeof(RestoreRequest))]
[JsonSerializable(typeof(RestoreView))]
[JsonSerializable(typeof(StartRestoreRequest))]
[JsonSerializable(typeof(RestoreManifest))]
[JsonSerializable(typeof(RestoreReport))]
[JsonSerializable(typeof(CardVerificationReport))]
[JsonSerializable(typeof(PartTargetRequest))]
[JsonSerializable(typeof(PartTargetView))]
[JsonSerializable(typeof(CardVerificationResponse))]
internal sealed partial class AgentJson : JsonSerializerContext;

/// <summary>Documents a person reads (the report beside each MHL, verify and status --json): indented, nulls left out.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(OffloadReportDocument))]
[JsonSerializable(typeof(VerifyDocument))]
[JsonSerializable(typeof(IReadOnlyList<JournalRun>))]
internal sealed partial class ReadableJson : JsonSerializerContext;
