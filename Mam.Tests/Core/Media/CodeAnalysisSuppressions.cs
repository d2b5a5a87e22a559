using System.Diagnostics.CodeAnalysis;

// Test names follow the repository convention Method_Condition_Outcome, which CA1707 forbids.
// Scoped to this folder; a project-wide NoWarn for tests belongs in Mam.Tests.csproj (not ours to edit).
[assembly: SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores",
    Justification = "Test names state the behaviour as Method_Condition_Outcome.",
    Scope = "namespaceanddescendants", Target = "~N:Mam.Tests.Core.Media")]
