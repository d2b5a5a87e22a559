using System.Diagnostics.CodeAnalysis;

// Test names follow the repo convention Method_Condition_Outcome, which CA1707 forbids for
// production code only; scoped to this test namespace.
[assembly: SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores", Justification = "Test naming convention", Scope = "namespaceanddescendants", Target = "~N:Mam.Tests.Agent")]
