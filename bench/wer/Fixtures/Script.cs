namespace Mam.Bench.Wer.Fixtures;

/// <summary>The reference lines: written for this benchmark (no corpus copied), the kind of thing said
/// on a set, in American spelling so the US English dictionary is not charged for "harbour".</summary>
public static class Script
{
    public static IReadOnlyList<string> Lines { get; } =
    [
        "please bring the green bag to the kitchen before dinner",
        "we will meet again on the bridge tomorrow morning",
        "the old boat left the harbor at noon",
        "she said the letter was hidden under the blue chair",
        "turn off the lights when you leave the room",
        "the train to the city was late again today",
        "my brother found a small dog near the river",
        "can you hold the door for a minute please",
        "the weather will change before the end of the week",
        "he wrote the number on the back of his hand",
        "they walked along the beach until the sun went down",
        "keep the keys in your pocket and do not lose them",
        "the doctor asked him to come back next monday",
        "we need more coffee and some fresh bread for lunch",
        "the children played in the garden all afternoon",
    ];
}
