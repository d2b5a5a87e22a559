namespace Mam.Bench.Search.Corpus;

/// <summary>Sentences that read like what is said on a film set and in its scenes: a small grammar
/// over word lists, with common words drawn far more often than rare ones (roughly as in speech), so
/// phrase and prefix queries meet the skewed term frequencies a real transcript index has.</summary>
public sealed class Dialogue(Random random)
{
    private static readonly string[] Names =
    [
        "Anna", "Tom", "Marta", "Jonah", "Elise", "Sam", "Ruth", "Hugo", "Nell", "Ivan", "Clara", "Felix", "Maya",
        "Otto", "Rosa", "Leon", "Vera", "Abel", "Iris", "Milo", "Greta", "Caleb", "Ines", "Pavel", "Wren", "Dario",
        "Lotte", "Simon", "Agnes", "Bruno", "Cecile", "Dmitri", "Edith", "Fabian", "Gemma", "Harold", "Ilse", "Jasper",
        "Kasia", "Lukas", "Mirela", "Nico", "Odile", "Piet", "Quentin", "Rhea", "Stellan", "Tilda", "Umberto",
        "Valentin", "Wanda", "Xavier", "Yara", "Zeno", "Aurelie", "Benedikt", "Cosima", "Desmond", "Esther", "Florian",
        "Gisela", "Hamish", "Isolde", "Joaquin", "Katrin", "Lorcan", "Magnus", "Noor", "Orla", "Perpetua", "Radek",
        "Saoirse", "Teodor", "Ulla", "Viggo", "Winifred",
    ];

    private static readonly string[] Nouns =
    [
        "boat", "bag", "letter", "key", "door", "light", "car", "phone", "ticket", "money", "map", "coat", "gun", "box",
        "ring", "camera", "bottle", "book", "engine", "radio", "window", "ladder", "rope", "lantern", "photograph",
        "envelope", "suitcase", "bicycle", "anchor", "compass", "blanket", "basket", "mirror", "candle", "whistle",
        "bracelet", "notebook", "umbrella", "telescope", "harmonica", "passport", "typewriter", "violin", "wheelbarrow",
        "kettle", "helmet", "net", "flag", "knife", "shovel", "hammer", "satchel", "wallet", "locket", "medal",
        "trophy", "painting", "statue", "clock", "barometer", "thermos", "rifle", "pistol", "cartridge", "parcel",
        "crate", "barrel", "bucket", "sack", "tarpaulin", "oar", "sail", "mast", "rudder", "propeller", "hatch", "buoy",
        "harpoon", "trawler", "dinghy", "canoe", "tractor", "lorry", "motorbike", "scooter", "ambulance", "carriage",
        "sledge", "wagon", "saddle", "bridle", "lasso", "horseshoe", "anvil", "bellows", "chisel", "trowel", "spade",
        "rake", "sickle", "scythe", "lantern", "hourglass", "quill", "inkwell", "parchment", "ledger", "diary", "atlas",
        "almanac", "pamphlet", "newspaper", "postcard", "telegram", "microphone", "gramophone", "record", "cassette",
        "projector", "reel", "tripod", "easel", "canvas", "palette", "brush", "sketchbook", "chessboard", "domino",
        "dice", "cards", "jigsaw", "kite", "marble", "yoyo", "puppet", "doll", "teddy", "rattle", "cradle", "pram",
        "crutch", "bandage", "syringe", "stethoscope", "thermometer", "perfume", "lipstick", "hairbrush", "razor",
        "scissors", "needle", "thimble", "button", "zipper", "apron",
    ];

    private static readonly string[] Places =
    [
        "harbour", "kitchen", "station", "market", "church", "bridge", "garden", "hospital", "lighthouse", "school",
        "hotel", "office", "river", "beach", "cellar", "attic", "garage", "square", "pier", "chapel", "warehouse",
        "bakery", "library", "cemetery", "orchard", "quarry", "vineyard", "boathouse", "greenhouse", "monastery",
        "observatory", "laundrette", "tavern", "barracks", "courthouse", "prison", "museum", "theatre", "cinema",
        "casino", "brewery", "distillery", "sawmill", "tannery", "forge", "stable", "barn", "granary", "windmill",
        "watermill", "canal", "lock", "marina", "shipyard", "dockyard", "customs", "house", "embassy", "consulate",
        "parliament", "palace", "fortress", "tower", "dungeon", "crypt", "vault", "bunker", "tunnel", "cave", "mine",
        "summit", "glacier", "fjord", "marsh", "heath", "moor", "forest", "meadow", "valley", "ravine", "canyon",
        "desert", "oasis", "island", "lagoon", "reef", "estuary", "delta", "waterfall", "spring", "well", "fountain",
        "plaza", "arcade", "boulevard", "alley", "terrace", "rooftop", "balcony", "veranda", "porch", "basement",
        "pantry", "scullery", "nursery", "study", "ballroom", "conservatory",
    ];

    private static readonly string[] Adjectives =
    [
        "old", "green", "broken", "empty", "heavy", "small", "red", "wet", "cold", "quiet", "strange", "new", "dark",
        "lost", "blue", "rusty", "golden", "crooked", "borrowed", "forgotten", "hollow", "bitter", "gentle", "wooden",
        "frozen", "silver", "copper", "brittle", "dusty", "muddy", "soaked", "scorched", "faded", "polished", "cracked",
        "dented", "tarnished", "brand-new", "second-hand", "antique", "modern", "tiny", "enormous", "narrow", "wide",
        "shallow", "deep", "bright", "dim", "noisy", "silent", "secret", "stolen", "hidden", "famous", "ordinary",
        "peculiar", "curious", "bloody", "spotless", "filthy", "fragile", "sturdy", "crumpled", "folded", "sealed",
        "torn",
    ];

    private static readonly string[] Verbs =
    [
        "bring", "take", "find", "open", "close", "hide", "fix", "sell", "carry", "check", "leave", "keep", "move",
        "paint", "lock", "clean", "burn", "return", "steal", "follow", "repair", "measure", "deliver", "abandon",
        "unpack", "polish", "bury", "drop", "notice", "forget", "borrow", "wrap", "unwrap", "fold", "tear", "seal",
        "stamp", "weigh", "count", "load", "unload", "drag", "push", "pull", "lift", "lower", "tie", "untie", "wash",
        "dry", "sharpen", "sew", "mend", "guard", "watch", "photograph", "sketch", "describe", "recognise", "trade",
        "swap", "pawn", "smuggle", "salvage",
    ];

    private static readonly string[] PastVerbs =
    [
        "saw", "found", "left", "lost", "heard", "took", "brought", "opened", "hid", "sold", "fixed", "buried",
        "dropped", "noticed", "forgot", "borrowed", "painted", "delivered", "followed", "abandoned", "wrapped",
        "folded", "tore", "sealed", "weighed", "counted", "loaded", "dragged", "pushed", "pulled", "lifted", "lowered",
        "tied", "washed", "sharpened", "mended", "guarded", "watched", "photographed", "sketched", "recognised",
        "traded", "swapped", "pawned", "smuggled", "salvaged", "repaired", "measured", "polished", "unpacked", "stole",
        "burnt",
    ];

    private static readonly string[] Times =
    [
        "tonight", "this morning", "yesterday", "before dinner", "after the storm", "at dawn", "last summer", "on Sunday",
        "before the tide turns", "when the bell rings", "tomorrow", "an hour ago", "after the funeral", "at midnight",
    ];

    private static readonly string[] Fillers =
    [
        "please", "I think", "you know", "listen", "look", "honestly", "come on", "for God's sake", "of course", "maybe",
    ];

    private static readonly string[] SetChatter =
    [
        "Roll camera, roll sound, and action.", "Cut, reset, going again from the top.", "Checking the gate.",
        "Quiet on set please.", "That was a good take, let us move on.", "Can somebody bring the ladder over here?",
        "Lunch is in ten minutes for the whole crew.", "We need more light on the left side of the set.",
        "Background action.", "Moving on, new deal.", "Last looks please.", "Sound speed.",
    ];

    public string Sentence()
    {
        if (random.Next(10) == 0)
        {
            return Pick(SetChatter);
        }

        return random.Next(9) switch
        {
            0 => $"{Pick(Names)}, can you {Pick(Verbs)} the {Pick(Adjectives)} {Pick(Nouns)} to the {Pick(Places)}?",
            1 => $"I {Pick(PastVerbs)} the {Pick(Nouns)} near the {Pick(Places)} {Pick(Times)}.",
            2 => $"We have to {Pick(Verbs)} the {Pick(Nouns)} before {Pick(Names)} comes back.",
            3 => $"{Pick(Names)} said the {Pick(Nouns)} was {Pick(Adjectives)} {Pick(Times)}.",
            4 => $"Don't {Pick(Verbs)} that {Pick(Nouns)}, {Pick(Fillers)}, it belongs to {Pick(Names)}.",
            5 => $"Meet me at the {Pick(Places)} {Pick(Times)}.",
            6 => $"The {Pick(Nouns)} in the {Pick(Places)} is {Pick(Adjectives)}, {Pick(Fillers)}.",
            7 => $"Did you {Pick(Verbs)} the {Pick(Nouns)} or did {Pick(Names)} {Pick(Verbs)} it?",
            _ => $"{Pick(Fillers)}, {Pick(Names)}, the {Pick(Adjectives)} {Pick(Nouns)} is still at the {Pick(Places)}.",
        };
    }

    /// <summary>A content word an editor might start typing (a noun or a place).</summary>
    public string ContentWord() => random.Next(2) == 0 ? Pick(Nouns) : Pick(Places);

    /// <summary>Skewed pick: the first entries of each list come up far more often than the last.</summary>
    private string Pick(string[] words)
    {
        var r = random.NextDouble();
        return words[(int)(words.Length * Math.Pow(r, 1.6))];
    }
}
