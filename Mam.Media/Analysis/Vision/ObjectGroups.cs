namespace Mam.Media.Analysis.Vision;

/// <summary>The words editors search with rather than the detector's 80 COCO classes: any car, bus or
/// bicycle is a "vehicle", any dog or horse an "animal". The exact classes go in the tag's detail.</summary>
public static class ObjectGroups
{
    private static readonly Dictionary<string, string> Groups = new(StringComparer.OrdinalIgnoreCase)
    {
        ["person"] = "person",
        ["bicycle"] = "vehicle", ["car"] = "vehicle", ["motorcycle"] = "vehicle", ["bus"] = "vehicle",
        ["truck"] = "vehicle", ["train"] = "vehicle", ["airplane"] = "vehicle", ["boat"] = "vehicle",
        ["bird"] = "animal", ["cat"] = "animal", ["dog"] = "animal", ["horse"] = "animal", ["sheep"] = "animal",
        ["cow"] = "animal", ["elephant"] = "animal", ["bear"] = "animal", ["zebra"] = "animal", ["giraffe"] = "animal",
        ["traffic light"] = "street", ["fire hydrant"] = "street", ["stop sign"] = "street", ["parking meter"] = "street",
        ["bench"] = "street",
        ["bottle"] = "food and drink", ["wine glass"] = "food and drink", ["cup"] = "food and drink",
        ["fork"] = "food and drink", ["knife"] = "food and drink", ["spoon"] = "food and drink", ["bowl"] = "food and drink",
        ["banana"] = "food and drink", ["apple"] = "food and drink", ["sandwich"] = "food and drink", ["orange"] = "food and drink",
        ["broccoli"] = "food and drink", ["carrot"] = "food and drink", ["hot dog"] = "food and drink", ["pizza"] = "food and drink",
        ["donut"] = "food and drink", ["cake"] = "food and drink",
        ["tv"] = "screen", ["laptop"] = "screen", ["cell phone"] = "screen",
    };

    /// <summary>The group of a detector class; classes in no group keep their own name ("chair", "clock").</summary>
    public static string GroupOf(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        return Groups.TryGetValue(label.Trim(), out var group) ? group : label.Trim().ToLowerInvariant();
    }
}
