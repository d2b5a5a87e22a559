using Mam.Catalog.Entities;

namespace Mam.Workers.Pipeline.Registry;

/// <summary>What a stage reads of the clip: the scheduler and the original cache plan around it.</summary>
[Flags]
public enum StageReads
{
    /// <summary>Only the catalog (and the search index).</summary>
    Catalog = 0,
    /// <summary>The camera original.</summary>
    Original = 1,
    /// <summary>The proxy made by the proxy stage.</summary>
    Proxy = 2,
}

/// <summary>Media stages run ffmpeg, speech or vision for minutes and are few at a time
/// (Pipeline:MediaConcurrency); light ones touch the catalog and the index (Pipeline:LightConcurrency).</summary>
public enum StageWeight
{
    Light,
    Media,
}

/// <summary>One stage, declared once in <see cref="StageRegistry"/>: the catalog rows, the plan, the
/// dispatch, the consumer and the backfill of existing clips all derive from this.</summary>
public sealed class StageDefinition
{
    private StageDefinition(StageName name, Type handler, StageWeight weight, StageReads reads,
        IReadOnlyList<StageName> prerequisites, IReadOnlyList<RenditionKind> outputs, string purpose, bool background, Func<Guid, object> command)
    {
        Background = background;
        Name = name;
        Handler = handler;
        Weight = weight;
        Reads = reads;
        Prerequisites = prerequisites;
        Outputs = outputs;
        Purpose = purpose;
        _command = command;
    }

    private readonly Func<Guid, object> _command;

    public StageName Name { get; }

    /// <summary>The <see cref="IPipelineStage"/> that does the work. Two stages may share one (the two
    /// index steps do); they then share its queue.</summary>
    public Type Handler { get; }

    public StageWeight Weight { get; }

    public StageReads Reads { get; }

    /// <summary>Stages that must be done (or skipped) before this one runs.</summary>
    public IReadOnlyList<StageName> Prerequisites { get; }

    /// <summary>Renditions this stage writes; a missing one is rebuilt by running the stage again.</summary>
    public IReadOnlyList<RenditionKind> Outputs { get; }

    /// <summary>Its tools run at a lower CPU priority (Mam.Media's ProcessPriority), so on busy cores the
    /// dialogue editors search first is not slowed by proxies and analysis.</summary>
    public bool Background { get; }

    /// <summary>What the stage is for, in a user's words (API, README, the clip page).</summary>
    public string Purpose { get; }

    /// <summary>The bus message that asks a worker to run this stage for a clip.</summary>
    public object CommandFor(Guid assetId) => _command(assetId);

    public override string ToString() => Name.Value;

    /// <param name="after">Stages declared earlier in the registry that must settle first.</param>
    public static StageDefinition Of<THandler>(
        string name, StageWeight weight, StageReads reads, string purpose,
        StageDefinition[]? after = null, RenditionKind[]? outputs = null, bool background = false)
        where THandler : class, IPipelineStage
    {
        var stage = new StageName(name);
        return new StageDefinition(stage, typeof(THandler), weight, reads,
            (after ?? []).Select(p => p.Name).ToArray(), outputs ?? [], purpose, background,
            assetId => new RunStage<THandler>(assetId, stage.Value));
    }
}
