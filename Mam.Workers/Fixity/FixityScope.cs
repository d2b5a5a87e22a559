using Mam.Catalog.Entities.Archive;

namespace Mam.Workers.Fixity;

/// <summary>What an audit covers: everything, a project, a card or one clip's files.</summary>
public sealed record FixityScope(Guid? ProjectId, Guid? CardId, Guid? AssetId)
{
    public static FixityScope Everything { get; } = new(null, null, null);

    public static FixityScope Of(FixityAudit audit) => new(audit.ProjectId, audit.CardId, audit.AssetId);

    /// <summary>The copies in scope (the card file and its card are joined by EF from the filter).</summary>
    public IQueryable<FileCopy> Filter(IQueryable<FileCopy> copies)
    {
        if (AssetId is { } asset)
        {
            return copies.Where(c => c.CardFile!.AssetId == asset);
        }
        if (CardId is { } card)
        {
            return copies.Where(c => c.CardFile!.CardId == card);
        }
        if (ProjectId is { } project)
        {
            return copies.Where(c => c.CardFile!.Card!.ProjectId == project);
        }
        return copies;
    }

    public IQueryable<Catalog.Entities.CardFile> Filter(IQueryable<Catalog.Entities.CardFile> files)
    {
        if (AssetId is { } asset)
        {
            return files.Where(f => f.AssetId == asset);
        }
        if (CardId is { } card)
        {
            return files.Where(f => f.CardId == card);
        }
        if (ProjectId is { } project)
        {
            return files.Where(f => f.Card!.ProjectId == project);
        }
        return files;
    }
}
