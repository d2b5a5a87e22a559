namespace Mam.Catalog.Entities;

public sealed class Project
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public DateTime CreatedAt { get; set; }
    public List<Card> Cards { get; set; } = [];
}
